//! Running a scenario's replicates headless: one [`Sim`] per replicate, run to the end of the
//! horizon. Replicates run in parallel (one world per rayon task); inside a run, the heavy
//! systems spread over Bevy's compute pool. Neither changes a single output byte.

use crate::scenario::Scenario;
pub use crate::sim::ReplicateResult;
use crate::sim::Sim;
use rayon::prelude::*;
use std::sync::Arc;

/// Runs one replicate to the end of the horizon; `on_month` is called after each month.
pub fn run_replicate(
    scenario: Arc<Scenario>,
    replicate: u32,
    on_month: &(dyn Fn() + Sync),
) -> ReplicateResult {
    let mut sim = Sim::new(scenario, replicate);
    while sim.step() {
        on_month();
    }
    sim.into_result()
}

/// Runs `n` replicates in parallel, returned in replicate order.
pub fn run_replicates(
    scenario: Arc<Scenario>,
    n: u32,
    on_month: &(dyn Fn() + Sync),
) -> Vec<ReplicateResult> {
    (0..n)
        .into_par_iter()
        .map(|r| run_replicate(scenario.clone(), r, on_month))
        .collect()
}
