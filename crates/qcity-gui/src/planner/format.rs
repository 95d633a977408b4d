//! Numbers as the planner's panels show them, and the plan's target for an indicator.

use crate::state::{SimWorld, recorded};
use qcity_core::session::Session;
use qcity_core::vocab::INDICATORS;

/// A value for a label: two decimals, none from 1,000 up, a dash where there is none.
pub fn fmt(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// Indicator `k`'s value as a person reads it: percent rates with a %, shares as percents,
/// counts and ranks as whole numbers.
pub fn value_text(k: usize, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match INDICATORS[k].unit {
        "percent" => format!("{v:.2} %"),
        "share" => format!("{:.1} %", 100.0 * v),
        "count" | "rank" => format!("{v:.0}"),
        _ => fmt(v),
    }
}

/// A difference of indicator `k` (B − A) with its sign, in the indicator's unit.
pub fn signed(k: usize, d: f64) -> String {
    if !d.is_finite() {
        return "–".into();
    }
    match INDICATORS[k].unit {
        "percent" => format!("{d:+.2} pp"),
        "share" => format!("{:+.1} pp", 100.0 * d),
        "count" | "rank" => format!("{d:+.0}"),
        _ => format!("{d:+.2}"),
    }
}

/// The plan's value for an indicator in `year`, if it measures a target.
pub fn target_value(session: &Session, sim: &SimWorld, k: usize, year: u32) -> Option<f64> {
    let id = INDICATORS[k].id;
    let base = id.strip_suffix("_true").unwrap_or(id);
    let t = session.scenario.targets.iter().find(|t| t.id == base)?;
    let start = recorded(sim).first().map_or(f64::NAN, |m| m[0][k]);
    t.threshold(year, start)
}

/// A time chart's x axis (years as decimals, January of a year at its integer): a faint line
/// every year, and labelled ticks at the run's start and at the plan's two target months,
/// 2027-12 and 2035-12 (egui_plot's own ticks put a lone "2030" there). The chart is fixed:
/// scrolling the panel over it scrolls the panel, not the chart.
pub fn target_year_axis<'a>(plot: egui_plot::Plot<'a>, start: f64) -> egui_plot::Plot<'a> {
    let dec = |y: i32| y as f64 + 11.0 / 12.0;
    plot.allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            let mut marks: Vec<egui_plot::GridMark> = (lo.floor() as i32..=hi.ceil() as i32)
                .map(|y| egui_plot::GridMark {
                    value: y as f64,
                    step_size: 1.0,
                })
                .collect();
            for v in [start, dec(2027), dec(2035)] {
                if v >= lo && v <= hi {
                    marks.push(egui_plot::GridMark {
                        value: v,
                        step_size: 8.0,
                    });
                }
            }
            marks
        })
        .x_axis_formatter(|mark, _| {
            if mark.step_size < 8.0 {
                return String::new();
            }
            let year = mark.value.floor();
            let month = ((mark.value - year) * 12.0).round() as i32 + 1;
            format!("{year:.0}-{month:02}")
        })
}
