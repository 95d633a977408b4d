//! The pair plot of a calibration's posterior: on the diagonal each parameter's weighted
//! histogram over its prior's range (the prior's flat density as a dashed line for
//! reference), below it each pair's particles, darker the more weight they carry, and an
//! optional known truth (synthetic-truth tests) as red lines and crosses.

use crate::chart::{Drawings, both, err};
use crate::fonts::{LATIN_FAMILY, register_fonts};
use plotters::prelude::*;
use qcity_core::error::Error;

/// What the plot shows.
struct Pairs<'a> {
    names: &'a [String],
    bounds: &'a [(f64, f64)],
    draws: &'a [Vec<f64>],
    weights: &'a [f64],
    truth: Option<&'a [f64]>,
}

/// `pairs.png` and `pairs.svg`.
pub fn draw(
    names: &[String],
    bounds: &[(f64, f64)],
    draws: &[Vec<f64>],
    weights: &[f64],
    truth: Option<&[f64]>,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    register_fonts();
    let k = names.len().max(1) as u32;
    let cell = (900 / k).clamp(220, 420);
    let size = (cell * k + 20, cell * k + 50);
    let p = Pairs {
        names,
        bounds,
        draws,
        weights,
        truth,
    };
    let mut d = Drawings::new()?;
    d.emit("pairs", both!(size, pairs_chart(&p)))?;
    Ok(d.files)
}

fn pairs_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    p: &Pairs,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(err)?;
    let root = root
        .titled(
            "Posterior over the priors' ranges (histograms: density relative to the prior, dashed)",
            (LATIN_FAMILY, 18),
        )
        .map_err(err)?;
    let k = p.names.len();
    let cells = root.split_evenly((k, k));
    let wmax = p.weights.iter().cloned().fold(0.0, f64::max).max(1e-300);
    // Short axis names: the last segment of a path.
    let short = |i: usize| -> String {
        p.names[i]
            .rsplit('.')
            .next()
            .unwrap_or(&p.names[i])
            .to_string()
    };
    for r in 0..k {
        for c in 0..k {
            let area = &cells[r * k + c];
            if c > r {
                continue;
            }
            let (xlo, xhi) = p.bounds[c];
            if r == c {
                let bins = 20usize;
                let mut h = vec![0.0f64; bins];
                for (d, &w) in p.draws.iter().zip(p.weights) {
                    let u = ((d[c] - xlo) / (xhi - xlo) * bins as f64).floor();
                    if u.is_finite() {
                        h[(u.max(0.0) as usize).min(bins - 1)] += w;
                    }
                }
                let total: f64 = h.iter().sum::<f64>().max(1e-300);
                let dens: Vec<f64> = h.iter().map(|x| x / total * bins as f64).collect();
                let top = dens.iter().cloned().fold(1.0, f64::max) * 1.1;
                let mut chart = ChartBuilder::on(area)
                    .margin(6)
                    .x_label_area_size(28)
                    .y_label_area_size(36)
                    .caption(short(c), (LATIN_FAMILY, 14))
                    .build_cartesian_2d(xlo..xhi, 0.0..top)
                    .map_err(err)?;
                chart
                    .configure_mesh()
                    .x_labels(4)
                    .y_labels(3)
                    .label_style((LATIN_FAMILY, 11))
                    .disable_mesh()
                    .draw()
                    .map_err(err)?;
                let bw = (xhi - xlo) / bins as f64;
                chart
                    .draw_series(dens.iter().enumerate().map(|(i, &y)| {
                        let x0 = xlo + i as f64 * bw;
                        Rectangle::new([(x0, 0.0), (x0 + bw, y)], RGBColor(31, 119, 180).filled())
                    }))
                    .map_err(err)?;
                // The flat prior's density on this scale (exact for uniform priors).
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(xlo, 1.0), (xhi, 1.0)],
                        5,
                        4,
                        BLACK.stroke_width(1),
                    ))
                    .map_err(err)?;
                if let Some(t) = p.truth {
                    chart
                        .draw_series(LineSeries::new(
                            vec![(t[c], 0.0), (t[c], top)],
                            RED.stroke_width(2),
                        ))
                        .map_err(err)?;
                }
            } else {
                let (ylo, yhi) = p.bounds[r];
                let mut chart = ChartBuilder::on(area)
                    .margin(6)
                    .x_label_area_size(28)
                    .y_label_area_size(36)
                    .build_cartesian_2d(xlo..xhi, ylo..yhi)
                    .map_err(err)?;
                chart
                    .configure_mesh()
                    .x_labels(4)
                    .y_labels(4)
                    .x_desc(short(c))
                    .y_desc(short(r))
                    .label_style((LATIN_FAMILY, 11))
                    .disable_mesh()
                    .draw()
                    .map_err(err)?;
                // Light particles first, heavy on top.
                let mut order: Vec<usize> = (0..p.draws.len()).collect();
                order.sort_by(|&a, &b| p.weights[a].total_cmp(&p.weights[b]).then(a.cmp(&b)));
                chart
                    .draw_series(order.into_iter().filter(|&i| p.weights[i] > 0.0).map(|i| {
                        let a = (p.weights[i] / wmax).sqrt();
                        let shade = (220.0 * (1.0 - a)) as u8;
                        Circle::new(
                            (p.draws[i][c], p.draws[i][r]),
                            2,
                            RGBColor(shade, shade, 255 - (35.0 * (1.0 - a)) as u8).filled(),
                        )
                    }))
                    .map_err(err)?;
                if let Some(t) = p.truth {
                    chart
                        .draw_series(std::iter::once(Cross::new(
                            (t[c], t[r]),
                            6,
                            RED.stroke_width(2),
                        )))
                        .map_err(err)?;
                }
            }
        }
    }
    root.present().map_err(err)?;
    Ok(())
}
