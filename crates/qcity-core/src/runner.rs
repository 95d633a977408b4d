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

/// Runs `n` replicates of each scenario (parameter draws), all in parallel, returned draw by
/// draw: draw `d`'s replicate `r` is replicate `d × n + r`, so no two runs share a seed.
pub fn run_draws(
    scenarios: &[Arc<Scenario>],
    n: u32,
    on_month: &(dyn Fn() + Sync),
) -> Vec<ReplicateResult> {
    let per = n as usize;
    (0..scenarios.len() * per)
        .into_par_iter()
        .map(|i| run_replicate(scenarios[i / per].clone(), i as u32, on_month))
        .collect()
}

/// Bytes of memory one simulated enterprise costs at the margin, rounded up from `qcity bench`
/// (peak 61 MiB at 200,000 enterprises, 265 MiB at 1,000,000: 267 bytes each, before setup
/// stopped building batches beside the tables; since then 262 MiB at 1,115,900, 246 bytes
/// each including the program). Kept at 300: a refusal is for runs that cannot fit, and
/// worlds of a sweep reach their peaks at different times.
pub const BYTES_PER_ENTERPRISE: u64 = 300;
/// What a run costs besides its worlds (program, data, outputs in memory), rounded up.
pub const BASE_BYTES: u64 = 32 << 20;

/// Peak memory to expect for `worlds` worlds of scenario `s` alive at once.
pub fn memory_estimate(s: &Scenario, worlds: usize) -> u64 {
    BASE_BYTES + worlds as u64 * s.enterprises() as u64 * BYTES_PER_ENTERPRISE
}

/// Memory this machine has available now (Linux `MemAvailable`), if known.
pub fn memory_available() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn gib(b: u64) -> String {
    format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64)
}

/// Refuses, before any world is built, a run whose estimated memory exceeds what the machine
/// has available (where that is known), with both figures and what to do.
pub fn check_memory(s: &Scenario, worlds: usize) -> Result<(), crate::error::Error> {
    let need = memory_estimate(s, worlds);
    match memory_available() {
        Some(have) if need > have => Err(crate::error::Error::Other(format!(
            "{}: {} enterprises × {worlds} world{} at once need about {} of memory, and this machine has {} available; use a smaller `scale` (Enterprises(N)), fewer --threads or replicates, or add --no-memory-check to try anyway",
            s.name,
            s.enterprises(),
            if worlds == 1 { "" } else { "s" },
            gib(need),
            gib(have)
        ))),
        _ => Ok(()),
    }
}
