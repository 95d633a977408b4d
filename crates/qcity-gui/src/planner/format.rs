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
