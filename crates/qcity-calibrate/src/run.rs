//! Running a calibration: generation after generation, each a sweep of its particles.
//!
//! `DIR/generations/gNN/` is generation NN's sweep directory (`runs.csv`, streamed and
//! resumable as any sweep's). A generation's particles follow from the calibration file and
//! the earlier generations' rows alone, so `--resume` after a kill recomputes the same
//! particles, finds the same sweep (by hash) and carries on from its first missing run.

use crate::abc::{self, Kernel, Particle};
use crate::file::Calibration;
pub use crate::posterior::{Generation, Posterior};
use qcity_core::error::Error;
use std::path::{Path, PathBuf};

pub struct Options {
    pub out: PathBuf,
    pub resume: bool,
    pub wait: bool,
    pub threads: usize,
    pub progress: bool,
    /// Run only this slice of each generation's runs, on a directory the other slices share
    /// (a cluster's file system); each generation waits for every slice before the next.
    pub shard: Option<qcity_sweep::Shard>,
}

const PROGRESS: &str = ".calibrate-progress.json";

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// The stream of the algorithm's own draws in a generation.
fn stream(cal: &Calibration, generation: usize) -> u64 {
    qcity_core::rng::mix64(cal.file.seed ^ 0xA5A5_0000_0000_0000 ^ generation as u64)
}

/// Each particle's simulated value of each fitted term, the mean over its replicates (NaN
/// where a run failed), read from a generation's `runs.csv`.
pub fn read_sims(
    cal: &Calibration,
    runs_csv: &Path,
    particles: usize,
) -> Result<Vec<Vec<f64>>, Error> {
    read_sims_from(cal, &[runs_csv.to_path_buf()], particles)
}

/// [`read_sims`] over the `runs.csv` of every shard of a generation.
pub fn read_sims_from(
    cal: &Calibration,
    files: &[PathBuf],
    particles: usize,
) -> Result<Vec<Vec<f64>>, Error> {
    let k = cal.file.parameters.len();
    let first_outcome = 4 + k;
    let reps = cal.file.replicates as usize;
    let mut sums = vec![vec![0.0f64; cal.outcomes.len()]; particles];
    for runs_csv in files {
        let bytes = std::fs::read(runs_csv).map_err(io(runs_csv))?;
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::Other(format!("{}: {e}", runs_csv.display())))?;
            let point: usize = rec.get(1).and_then(|x| x.parse().ok()).ok_or_else(|| {
                Error::Other(format!("{}: a row without a point", runs_csv.display()))
            })?;
            for (j, s) in sums[point].iter_mut().enumerate() {
                let x: f64 = rec
                    .get(first_outcome + j)
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(f64::NAN);
                *s += x / reps as f64;
            }
        }
    }
    Ok(sums
        .into_iter()
        .map(|o| {
            cal.terms
                .iter()
                .map(|t| o[t.a] - t.b.map_or(0.0, |b| o[b]))
                .collect()
        })
        .collect())
}

/// A generation's scored particles, their simulated values and the sweep's report.
type Scored = (Vec<Particle>, Vec<Vec<f64>>, qcity_sweep::exec::Report);

/// Runs one generation's particles (positions `zs`, proposal log densities `log_q`) through
/// the sweep engine in `dir`, and scores them.
fn generation(
    cal: &Calibration,
    index: usize,
    zs: Vec<Vec<f64>>,
    log_q: Vec<f64>,
    dir: &Path,
    opts: &Options,
) -> Result<Scored, Error> {
    let sweep = cal.sweep_for(index, &zs).map_err(Error::Input)?;
    let (report, files) = qcity_sweep::exec::run_sliced(
        &sweep,
        dir,
        opts.shard,
        opts.threads,
        opts.progress,
        opts.wait,
        &format!("generation {index}"),
    )?;
    let sims = read_sims_from(cal, &files, zs.len())?;
    let fits: Vec<abc::Fit> = cal.terms.iter().map(|t| t.fit).collect();
    let particles = zs
        .into_iter()
        .zip(log_q)
        .zip(&sims)
        .map(|((z, log_proposal), sim)| Particle {
            log_prior: z
                .iter()
                .zip(&cal.priors)
                .map(|(&z, p)| p.log_density_z(z))
                .sum(),
            z,
            log_proposal,
            log_lik: abc::log_likelihood(&fits, sim),
        })
        .collect();
    Ok((particles, sims, report))
}

/// The first generation's particles: draws from the priors.
pub fn prior_particles(
    cal: &Calibration,
    n: usize,
    generation: usize,
) -> (Vec<Vec<f64>>, Vec<f64>) {
    let zs = abc::from_prior(&cal.priors, n, stream(cal, generation));
    let log_q = zs
        .iter()
        .map(|z| {
            z.iter()
                .zip(&cal.priors)
                .map(|(&z, p)| p.log_density_z(z))
                .sum()
        })
        .collect();
    (zs, log_q)
}

/// Runs the calibration into `opts.out` (resuming what is there with `opts.resume`).
pub fn run(cal: &Calibration, opts: &Options) -> Result<Posterior, Error> {
    let started = std::time::Instant::now();
    let dir = &opts.out;
    // One writer per directory, unless the runs are sliced across processes that share it:
    // then each slice locks its own directories, and the first writes the outputs.
    let mut lock = qcity_sweep::exec::claim_generations(
        dir,
        &qcity_sweep::exec::Claim {
            kind: "calibration",
            progress_file: PROGRESS,
            name: ("calibration", &cal.file.name),
            hash: ("calibration_sha256", &cal.hash),
        },
        opts.resume,
        opts.wait,
        opts.shard,
    )?;

    let n = cal.file.method.particles();
    let rejection = matches!(cal.file.method, crate::file::Method::Rejection { .. });
    let mut gens: Vec<Generation> = Vec::new();
    let (mut runs, mut resumed) = (0, 0);
    let mut ceiling = 1e12f64;
    let mut kernel: Option<Kernel> = None;
    for g in 1..=cal.file.method.max_generations() {
        let (zs, log_q) = match &kernel {
            None => prior_particles(cal, n, g),
            Some(k) => {
                let s = stream(cal, g);
                let zs: Vec<Vec<f64>> = (0..n as u64).map(|i| k.propose(s, i)).collect();
                let log_q = zs.iter().map(|z| k.log_density(z)).collect();
                (zs, log_q)
            }
        };
        let gdir = dir.join("generations").join(format!("g{g:02}"));
        let (particles, sims, report) = generation(cal, g, zs, log_q, &gdir, opts)?;
        runs += report.runs;
        resumed += report.resumed;
        let temperature = if rejection {
            1.0
        } else {
            abc::choose_temperature(&particles, ceiling, cal.file.method.ess_fraction())
        };
        let weights = abc::weights(&particles, temperature);
        if weights.iter().all(|w| *w == 0.0) {
            return Err(Error::Other(format!(
                "generation {g}: no particle has a finite likelihood ({} of {} runs failed; see {})",
                report.failed,
                report.runs,
                gdir.join("runs.csv").display()
            )));
        }
        let ess = abc::ess(&weights);
        if opts.progress {
            eprintln!(
                "generation {g}: temperature {temperature:.3}, effective sample size {ess:.0} of {n}"
            );
        }
        ceiling = temperature;
        let next = if temperature > 1.0 {
            Some(Kernel::new(&cal.priors, &particles, &weights))
        } else {
            None
        };
        gens.push(Generation {
            index: g,
            particles,
            sims,
            temperature,
            weights,
            ess,
            failed: report.failed,
        });
        match next {
            None => break,
            Some(k) => kernel = Some(k),
        }
    }
    let converged = gens.last().is_some_and(|g| g.temperature == 1.0);
    let mut posterior = Posterior {
        generations: gens,
        converged,
        seconds: 0.0,
        runs,
        resumed,
        written: Vec::new(),
    };
    match opts.shard {
        Some(s) if s.index != 1 => {}
        _ => {
            if lock.is_none() {
                lock = Some(qcity_core::outdir::Lock::acquire(dir, true)?);
            }
            posterior.written = crate::outputs::write(cal, &posterior, dir)?;
        }
    }
    drop(lock);
    posterior.seconds = started.elapsed().as_secs_f64();
    Ok(posterior)
}
