//! Bayesian optimisation for costly runs: egobox-ego's ask-and-tell interface chooses each
//! batch of candidates from every candidate evaluated so far (a Kriging surrogate of each
//! objective and of the constraint violation; expected hypervolume improvement for two or
//! three objectives, ParEGO beyond). The batch is then one sweep, like a generation of
//! NSGA-II, so the search stays parallel, resumable and sliceable: given the same evaluated
//! candidates, `suggest` gives the same batch, so a resumed search replays to the same point.
//!
//! Measured against NSGA-II (ours and moors's) on `cheapest-2027` at the same budget in
//! `bench/optimizers/results.md`: a quarter more hypervolume on each of three seeds.

use crate::problem::Problem;
use egobox_ego::{Cstr, EgorServiceFactory};
use ndarray::Array2;

/// One evaluated candidate as the surrogate sees it: unit coordinates, objectives in
/// minimising form, constraint violation (0 when feasible).
pub struct Point {
    pub unit: Vec<f64>,
    pub minimised: Vec<f64>,
    pub violation: f64,
}

/// Up to `batch` new candidates (unit coordinates), from the points evaluated so far. Each
/// objective is scaled to [0, 1] over the points (a failed candidate's non-finite value
/// counts as 1.5, worse than any); the violation is the constraint (≤ 0 is met).
pub fn suggest(p: &Problem, points: &[Point], batch: usize, seed: u64) -> Vec<Vec<f64>> {
    let k = p.file.variables.len();
    let m = p.file.objectives.len();
    let constrained = !p.file.constraints.is_empty();
    if points.is_empty() || batch == 0 {
        return Vec::new();
    }
    let x = Array2::from_shape_fn((points.len(), k), |(i, j)| points[i].unit[j]);
    let bounds: Vec<(f64, f64)> = (0..m)
        .map(|j| {
            points
                .iter()
                .map(|pt| pt.minimised[j])
                .filter(|v| v.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                })
        })
        .collect();
    let cols = m + usize::from(constrained);
    let y = Array2::from_shape_fn((points.len(), cols), |(i, j)| {
        if j == m {
            return points[i].violation;
        }
        let v = points[i].minimised[j];
        let (lo, hi) = bounds[j];
        if !v.is_finite() {
            1.5
        } else if hi > lo {
            (v - lo) / (hi - lo)
        } else {
            0.5
        }
    });
    let xlimits = Array2::from_shape_fn((k, 2), |(_, j)| j as f64);
    let Ok(service) = EgorServiceFactory::<Cstr>::optimize()
        .configure(|c| {
            c.n_obj(m)
                .n_cstr(usize::from(constrained))
                .configure_qei(|q| q.batch(batch))
                .seed(seed)
        })
        .min_within(&xlimits)
    else {
        return Vec::new();
    };
    // A surrogate that cannot be fitted (every value the same, say) must end the search with
    // a message, not take the process down: the caller stops at what was evaluated.
    let Ok(next) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| service.suggest(&x, &y)))
    else {
        return Vec::new();
    };
    next.rows()
        .into_iter()
        .take(batch)
        // On a grid of a millionth of each range: the surrogate's optimiser returns points a
        // rounding error inside a bound (1e-16), which no planner would write.
        .map(|r| {
            r.iter()
                .map(|v| (v.clamp(0.0, 1.0) * 1e6).round() / 1e6)
                .collect()
        })
        .collect()
}
