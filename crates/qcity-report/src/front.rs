//! The Pareto front of `qcity optimize`: every candidate evaluated at its search values
//! (grey), the front at its confirmation values (blue, joined), and the references (the base scenario's own lever mix and its counterfactual)
//! placed on it, with public cost on the x axis.

use crate::chart::{Drawings, both, err};
use crate::fonts::{LATIN_FAMILY, register_fonts};
use plotters::prelude::*;
use qcity_core::error::Error;

pub struct Front<'a> {
    pub title: String,
    pub y_label: String,
    /// (cost in 100 million yuan, objective) of every candidate, and whether it is feasible.
    pub all: &'a [(f64, f64, bool)],
    pub front: &'a [(f64, f64)],
    /// (label, cost in 100 million yuan, objective).
    pub references: &'a [(String, f64, f64)],
}

/// `front.png` and `front.svg`.
pub fn draw(f: &Front) -> Result<Vec<(String, Vec<u8>)>, Error> {
    register_fonts();
    let mut d = Drawings::new()?;
    d.emit("front", both!((900u32, 560u32), front_chart(f)))?;
    Ok(d.files)
}

fn front_chart<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    f: &Front,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(err)?;
    let xs = f
        .all
        .iter()
        .map(|p| p.0)
        .chain(f.references.iter().map(|r| r.1))
        .filter(|x| x.is_finite());
    let ys = f
        .all
        .iter()
        .map(|p| p.1)
        .chain(f.references.iter().map(|r| r.2))
        .filter(|x| x.is_finite());
    let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (y0, y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (x0, x1) = if x0.is_finite() { (x0, x1) } else { (0.0, 1.0) };
    let (y0, y1) = if y0.is_finite() { (y0, y1) } else { (0.0, 1.0) };
    let px = ((x1 - x0) * 0.08).max(1e-6);
    let py = ((y1 - y0) * 0.1).max(0.5);
    let mut chart = ChartBuilder::on(&root)
        .caption(&f.title, (LATIN_FAMILY, 18))
        .margin(14)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d((x0 - px)..(x1 + px), (y0 - py)..(y1 + py))
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("public spending over the horizon (100 million yuan)")
        .y_desc(&f.y_label)
        .label_style((LATIN_FAMILY, 12))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(
            f.all
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .map(|p| {
                    let c = if p.2 {
                        RGBColor(150, 150, 150)
                    } else {
                        RGBColor(220, 180, 180)
                    };
                    Circle::new((p.0, p.1), 3, c.filled())
                }),
        )
        .map_err(err)?
        .label("candidates, search values (pink: breaks a constraint)")
        .legend(|(a, b)| Circle::new((a + 7, b), 3, RGBColor(150, 150, 150).filled()));
    let mut line: Vec<(f64, f64)> = f.front.to_vec();
    line.sort_by(|a, b| a.0.total_cmp(&b.0));
    chart
        .draw_series(LineSeries::new(
            line.clone(),
            RGBColor(31, 119, 180).stroke_width(2),
        ))
        .map_err(err)?
        .label("Pareto front, confirmed on fresh seeds")
        .legend(|(a, b)| PathElement::new(vec![(a, b), (a + 14, b)], RGBColor(31, 119, 180)));
    chart
        .draw_series(
            line.iter()
                .map(|p| Circle::new(*p, 5, RGBColor(31, 119, 180).filled())),
        )
        .map_err(err)?;
    let colours = [RGBColor(200, 30, 30), RGBColor(0, 0, 0)];
    for (i, (label, x, y)) in f.references.iter().enumerate() {
        let c = colours[i % 2];
        chart
            .draw_series(std::iter::once(TriangleMarker::new(
                (*x, *y),
                9,
                c.filled(),
            )))
            .map_err(err)?
            .label(label.clone())
            .legend(move |(a, b)| TriangleMarker::new((a + 7, b), 6, c.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((LATIN_FAMILY, 12))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}
