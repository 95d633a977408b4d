//! Fan charts for validation: the simulated 5–95 % and 25–75 % bands and the median of an
//! indicator (or of its change since a reference month) over the months, with the observed
//! figure drawn on it.

use crate::chart::{Drawings, both, err};
use crate::fonts::{LATIN_FAMILY, register_fonts};
use plotters::prelude::*;
use qcity_core::error::Error;
use qcity_core::time::YearMonth;

/// One fan: the bands per month and the observed figure.
#[derive(Debug, Clone)]
pub struct Fan {
    pub title: String,
    pub y_label: String,
    pub months: Vec<YearMonth>,
    /// (p05, p25, p50, p75, p95) per month.
    pub bands: Vec<[f64; 5]>,
    /// The observed figure: its month, value, and bound ("=", "≥", "≤").
    pub observed: (YearMonth, f64, &'static str),
    /// Whether the figure lies inside the 5–95 % band at its month.
    pub inside: bool,
}

fn x(m: YearMonth) -> f64 {
    m.year as f64 + (m.month as f64 - 0.5) / 12.0
}

/// `NAME.png` and `NAME.svg` for each (name, fan).
pub fn draw(fans: &[(String, Fan)]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    register_fonts();
    let mut d = Drawings::new()?;
    for (name, f) in fans {
        d.emit(name, both!((760u32, 420u32), fan_chart(f)))?;
    }
    Ok(d.files)
}

fn fan_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    f: &Fan,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(err)?;
    let finite = |v: f64| v.is_finite();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for b in &f.bands {
        for &v in b.iter().filter(|v| finite(**v)) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    lo = lo.min(f.observed.1);
    hi = hi.max(f.observed.1);
    if !(lo.is_finite() && hi.is_finite()) {
        lo = 0.0;
        hi = 1.0;
    }
    let pad = ((hi - lo) * 0.12).max(1e-3);
    let (x0, x1) = (
        x(*f.months.first().unwrap_or(&f.observed.0)) - 0.05,
        x(*f.months.last().unwrap_or(&f.observed.0)).max(x(f.observed.0)) + 0.1,
    );
    let mut chart = ChartBuilder::on(&root)
        .caption(&f.title, (LATIN_FAMILY, 17))
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, (lo - pad)..(hi + pad))
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("year")
        .y_desc(&f.y_label)
        .x_label_formatter(&|v| {
            if x1 - x0 < 2.5 {
                // Short spans: year and month.
                let m = ((v - v.floor()) * 12.0).floor() as u32 + 1;
                format!("{:.0}-{:02}", v.floor(), m.min(12))
            } else {
                format!("{:.0}", v.floor())
            }
        })
        .x_labels(6)
        .label_style((LATIN_FAMILY, 12))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()
        .map_err(err)?;
    let pts = |a: usize| -> Vec<(f64, f64)> {
        f.months
            .iter()
            .zip(&f.bands)
            .map(|(m, b)| (x(*m), b[a]))
            .collect()
    };
    for (outer, inner, colour) in [
        (0usize, 4usize, RGBColor(198, 219, 239)),
        (1, 3, RGBColor(133, 179, 219)),
    ] {
        let mut poly = pts(outer);
        poly.extend(pts(inner).into_iter().rev());
        chart
            .draw_series(std::iter::once(Polygon::new(poly, colour.filled())))
            .map_err(err)?
            .label(if outer == 0 {
                "simulated 5–95 %"
            } else {
                "simulated 25–75 %"
            })
            .legend(move |(a, b)| Rectangle::new([(a, b - 5), (a + 14, b + 5)], colour.filled()));
    }
    chart
        .draw_series(LineSeries::new(
            pts(2),
            RGBColor(8, 69, 148).stroke_width(2),
        ))
        .map_err(err)?
        .label("simulated median")
        .legend(|(a, b)| PathElement::new(vec![(a, b), (a + 14, b)], RGBColor(8, 69, 148)));
    let (m, v, bound) = f.observed;
    let colour = if f.inside {
        RGBColor(0, 120, 60)
    } else {
        RGBColor(200, 30, 30)
    };
    chart
        .draw_series(std::iter::once(match bound {
            "≥" => TriangleMarker::new((x(m), v), 8, colour.filled()).into_dyn(),
            "≤" => Cross::new((x(m), v), 7, colour.stroke_width(3)).into_dyn(),
            _ => Circle::new((x(m), v), 6, colour.filled()).into_dyn(),
        }))
        .map_err(err)?
        .label(format!(
            "held-out figure {}{} ({})",
            if bound == "=" { "" } else { bound },
            crate::report::num(v, false),
            if f.inside { "inside" } else { "outside" }
        ))
        .legend(move |(a, b)| Circle::new((a + 7, b), 5, colour.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((LATIN_FAMILY, 12))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}
