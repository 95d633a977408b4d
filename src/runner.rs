//! The headless runner: builds one world per replicate, runs it month by month, and collects
//! what it recorded. Replicates run in parallel (one world per rayon task); inside a run, the
//! heavy systems spread over Bevy's compute pool. Neither changes a single output byte.

use crate::model::recording::Recorder;
use crate::model::{Clock, SimPlugin, SimTick};
use crate::scenario::Scenario;
use bevy::app::App;
use bevy::ecs::system::RunSystemOnce;
use rayon::prelude::*;
use std::sync::Arc;

/// What one replicate recorded.
#[derive(Debug, Clone)]
pub struct ReplicateResult {
    pub replicate: u32,
    /// `values[tick][area][indicator]`; area 0 is the city.
    pub values: Vec<Vec<Vec<f64>>>,
    /// The horse race's assessments (empty when it is off).
    pub standings: Vec<crate::model::assessment::Standing>,
}

/// Sets the number of worker threads for Bevy's compute pool and rayon. Call once, before any
/// run; later calls keep the first setting.
pub fn init_threads(threads: Option<usize>) {
    let n = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    bevy::tasks::ComputeTaskPool::get_or_init(|| {
        bevy::tasks::TaskPoolBuilder::new().num_threads(n).build()
    });
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// For sweeps: every world runs on the thread that owns it (Bevy's compute pool gets one
/// thread, so parallel queries run serially), and runs are spread over the cores instead.
/// Call before any run.
pub fn init_sweep_threads() {
    bevy::tasks::ComputeTaskPool::get_or_init(|| {
        bevy::tasks::TaskPoolBuilder::new().num_threads(1).build()
    });
}

/// Builds the app for one replicate, ready to run [`SimTick`].
pub fn build_app(scenario: Arc<Scenario>, replicate: u32) -> App {
    init_threads(None);
    let mut app = App::empty();
    app.add_plugins(SimPlugin {
        scenario,
        replicate,
    });
    // The first month's sampling needs last month's firm statistics: form them from the
    // initial state.
    app.world_mut()
        .run_system_once(crate::model::indicators::aggregate_firms)
        .expect("aggregation runs on a populated world");
    app
}

/// Runs one replicate to the end of the horizon; `on_month` is called after each month.
pub fn run_replicate(
    scenario: Arc<Scenario>,
    replicate: u32,
    on_month: &(dyn Fn() + Sync),
) -> ReplicateResult {
    let mut app = build_app(scenario, replicate);
    loop {
        let done = app.world().resource::<Clock>().finished();
        if done {
            break;
        }
        app.world_mut().run_schedule(SimTick);
        on_month();
    }
    let world = app.world_mut();
    let rec = world.remove_resource::<Recorder>().unwrap_or_default();
    let standings = world
        .remove_resource::<crate::model::assessment::Standings>()
        .unwrap_or_default();
    ReplicateResult {
        replicate,
        values: rec.values,
        standings: standings.0,
    }
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
