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

/// The plan's value for an indicator in `year`, if it measures a target.
pub fn target_value(session: &Session, sim: &SimWorld, k: usize, year: u32) -> Option<f64> {
    let id = INDICATORS[k].id;
    let base = id.strip_suffix("_true").unwrap_or(id);
    let t = session.scenario.targets.iter().find(|t| t.id == base)?;
    let start = recorded(sim).first().map_or(f64::NAN, |m| m[0][k]);
    t.threshold(year, start)
}
