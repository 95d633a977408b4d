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
    /// Peak memory divided by the enterprises simulated: an upper bound on the bytes one
    /// enterprise costs (it includes the program and the fixed state).
    pub peak_bytes_per_enterprise: Option<f64>,
    /// The reference loop over the same enterprises, months and threads, in the same process.
    pub reference: Option<ReferenceResult>,
    /// The model's run time over the reference loop's.
    pub ratio_to_reference: Option<f64>,
}

/// What the reference loop took.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReferenceResult {
    pub seconds: f64,
    pub enterprise_ticks_per_second: f64,
    /// A checksum of its results, so that the compiler cannot drop the work.
    pub checksum: u64,
}

/// The least work an enterprise-month can cost, as the limit the model is measured against:
/// a plain structure-of-arrays loop over `n` enterprises for `months` months on `threads`
/// threads. Each enterprise-month reads and writes about 64 bytes (seven `f64` fields, a
/// district and a grade), makes three counter-based random draws (investment, whether it is
/// inspected, whether a defect is found: the same hash as the model's `uniform_once`), and
/// adds its values into per-district fixed-point counters. No ECS, no scheduling, no
/// branches beyond the model's own. Districts: 38.
pub fn reference_loop(n: usize, months: u32, threads: usize) -> ReferenceResult {
    const DISTRICTS: usize = 38;
    struct Firms {
        quality: Vec<f64>,
        capability: Vec<f64>,
        investment: Vec<f64>,
        defect: Vec<f64>,
        score: Vec<f64>,
        output: Vec<f64>,
        fines: Vec<f64>,
        district: Vec<u16>,
        grade: Vec<u8>,
    }
    let mut f = Firms {
        quality: (0..n).map(|i| 0.9 + (i % 7) as f64 * 0.01).collect(),
        capability: (0..n).map(|i| 0.5 + (i % 5) as f64 * 0.05).collect(),
        investment: vec![0.0; n],
        defect: vec![0.05; n],
        score: vec![90.0; n],
        output: (0..n).map(|i| 1.0 + (i % 11) as f64).collect(),
        fines: vec![0.0; n],
        district: (0..n).map(|i| (i % DISTRICTS) as u16).collect(),
        grade: vec![0; n],
    };
    let key = crate::rng::RunKey {
        seed: 1,
        replicate: 0,
    }
    .stream(crate::rng::Stream::Production);
    let threads = threads.max(1);
    let chunk = n.div_ceil(threads).max(1);
    let t0 = Instant::now();
    let mut checksum = 0u64;
    for t in 0..months {
        // Each thread its slice of every field and its own district sums; summed in order.
        let sums: Vec<[[i64; 3]; DISTRICTS]> = std::thread::scope(|scope| {
            let handles: Vec<_> = f
                .quality
                .chunks_mut(chunk)
                .zip(f.capability.chunks_mut(chunk))
                .zip(f.investment.chunks_mut(chunk))
                .zip(f.defect.chunks_mut(chunk))
                .zip(f.score.chunks_mut(chunk))
                .zip(f.output.chunks(chunk))
                .zip(f.fines.chunks_mut(chunk))
                .zip(f.district.chunks(chunk))
                .zip(f.grade.chunks_mut(chunk))
                .enumerate()
                .map(
                    |(c, ((((((((q, cap), inv), def), score), out), fines), dist), grade))| {
                        scope.spawn(move || {
                            let mut sums = [[0i64; 3]; DISTRICTS];
                            for i in 0..q.len() {
                                let id = (c * chunk + i) as u64;
                                let u_invest = key.uniform_once(id, t, 0);
                                inv[i] = if u_invest < 0.1 {
                                    inv[i] + 0.01
                                } else {
                                    inv[i] * 0.99
                                };
                                cap[i] += 0.01 * (inv[i] - cap[i]);
                                def[i] = (1.0 - cap[i]) * 0.1 * (1.0 - q[i] * 0.5);
                                q[i] = 1.0 - def[i];
                                let inspected = key.uniform_once(id, t, 1) < 0.02;
                                let found = inspected && key.uniform_once(id, t, 2) < def[i];
                                if found {
                                    score[i] -= 12.0;
                                    fines[i] += 1.0;
                                } else {
                                    score[i] = (score[i] + 0.1).min(100.0);
                                }
                                grade[i] = (score[i] < 90.0) as u8 + (score[i] < 75.0) as u8;
                                let s = &mut sums[dist[i] as usize];
                                s[0] += (q[i] * out[i] * 1e6) as i64;
                                s[1] += (cap[i] * 1e6) as i64;
                                s[2] += found as i64;
                            }
                            sums
                        })
                    },
                )
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or([[0; 3]; DISTRICTS]))
                .collect()
        });
        for s in sums {
            for d in s {
                for v in d {
                    checksum = crate::rng::mix64(checksum ^ v as u64);
                }
            }
        }
    }
    let seconds = t0.elapsed().as_secs_f64();
    ReferenceResult {
        seconds,
        enterprise_ticks_per_second: n as f64 * months as f64 / seconds,
        checksum,
    }
}

/// Peak resident memory of this process (Linux), MiB.
pub fn peak_memory_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the scenario once (replicate 0) on the threads [`crate::threads::init`] chose
/// (`threads` says how many, for the report), then, with `reference`, the reference loop over
/// the same enterprises, months and threads.
pub fn bench(s: Arc<Scenario>, threads: usize, reference: bool) -> BenchResult {
    let t0 = Instant::now();
    let mut sim = Sim::new(s.clone(), 0);
    let setup = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    sim.run_to_end();
    let run = t1.elapsed().as_secs_f64();
    let months = s.horizon.months();
    let total = t0.elapsed().as_secs_f64();
    // Read before the reference loop allocates its own arrays.
    let peak = peak_memory_mib();
    drop(sim);
    let reference = reference.then(|| reference_loop(s.enterprises() as usize, months, threads));
    BenchResult {
        scenario: s.name.clone(),
        enterprises: s.enterprises(),
        months,
        threads,
        setup_seconds: setup,
        run_seconds: run,
        total_seconds: total,
        enterprise_ticks_per_second: s.enterprises() as f64 * months as f64 / run,
        peak_memory_mib: peak,
        peak_bytes_per_enterprise: peak.map(|m| m * (1u64 << 20) as f64 / s.enterprises() as f64),
        ratio_to_reference: reference.as_ref().map(|r| run / r.seconds),
        reference,
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
