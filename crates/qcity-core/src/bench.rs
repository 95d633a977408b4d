//! `qcity bench`: enterprise-ticks per second and peak memory for a scenario (by default the
//! full-scale one), measured over whole runs.

use crate::scenario::Scenario;
use crate::sim::Sim;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, serde::Serialize)]
pub struct BenchResult {
    pub scenario: String,
    pub enterprises: u32,
    pub months: u32,
    pub threads: usize,
    pub setup_seconds: f64,
    pub run_seconds: f64,
    pub total_seconds: f64,
    pub enterprise_ticks_per_second: f64,
    pub peak_memory_mib: Option<f64>,
}

/// Peak resident memory of this process (Linux), MiB.
pub fn peak_memory_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn bench(s: Arc<Scenario>, threads: usize) -> BenchResult {
    let t0 = Instant::now();
    let mut sim = Sim::new(s.clone(), 0);
    let setup = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    sim.run_to_end();
    let run = t1.elapsed().as_secs_f64();
    let months = s.horizon.months();
    BenchResult {
        scenario: s.name.clone(),
        enterprises: s.enterprises(),
        months,
        threads,
        setup_seconds: setup,
        run_seconds: run,
        total_seconds: t0.elapsed().as_secs_f64(),
        enterprise_ticks_per_second: s.enterprises() as f64 * months as f64 / run,
        peak_memory_mib: peak_memory_mib(),
    }
}

/// Mean milliseconds per month of each mechanism's system, measured by running each alone on a
/// world advanced `warmup` months (the order of the schedule, one month's state reused).
pub fn per_system(s: Arc<Scenario>, warmup: u32, repeats: u32) -> Vec<(&'static str, f64)> {
    use crate::model::{
        brands, budgets, capability, construction, credit, events, indicators, inspection,
        investment, production, services, standards, statistics,
    };
    use bevy_ecs::system::RunSystemOnce;
    let mut sim = Sim::new(s, 0);
    sim.run_to(warmup);
    let world = sim.world_mut();
    let mut out = Vec::new();
    macro_rules! time {
        ($name:literal, $sys:path) => {{
            let t = Instant::now();
            for _ in 0..repeats {
                let _ = world.run_system_once($sys);
            }
            out.push(($name, t.elapsed().as_secs_f64() * 1e3 / repeats as f64));
        }};
    }
    time!("events", events::apply_scheduled_events);
    time!("budgets", budgets::fund_programmes);
    time!("investment", investment::choose_investment);
    time!("capability", capability::update_capability);
    time!("production", production::produce);
    time!("inspection", inspection::inspect);
    time!("statistics", statistics::sample_statistics);
    time!("credit", credit::update_credit);
    time!("brands", brands::update_brands);
    time!("designations", brands::annual_designations);
    time!("standards", standards::lead_standards);
    time!("services", services::update_services);
    time!("construction", construction::update_construction);
    time!("aggregate_firms", indicators::aggregate_firms);
    time!("compute_indicators", indicators::compute_indicators);
    out
}
