//! Running an optimisation: NSGA-II generation after generation, each a sweep of its
//! candidates in `DIR/generations/gNN/` (parallel, streamed, resumable; with `--shard`
//! sliced across processes that share `DIR`). A generation's candidates follow from the
//! problem and the earlier generations' rows alone, so `--resume` finds the same runs.

use crate::problem::{Constraint, Method, Objective, Problem};
use qcity_core::error::Error;
use qcity_gsa::nsga2::{self, Individual};
use qcity_sweep::Outcome;
use std::path::{Path, PathBuf};

pub struct Options {
    pub out: PathBuf,
    pub resume: bool,
    pub wait: bool,
    pub threads: usize,
    pub progress: bool,
    pub shard: Option<qcity_sweep::Shard>,
}

/// One evaluated candidate.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub generation: usize,
    /// Variable values.
    pub values: Vec<f64>,
    /// Mean of each outcome over the replicates (a target's: the share of replicates meeting
    /// it; no data counts as not met).
    pub outcomes: Vec<f64>,
    /// Objectives as reported (cost in yuan, targets met, probability, indicator).
    pub objectives: Vec<f64>,
    pub violation: f64,
    /// For the front's candidates: objectives and violation again, with
    /// `confirm_replicates` runs on fresh seeds.
    pub confirmed: Option<(Vec<f64>, f64)>,
    /// With `robust`: the confirmed objectives and violation in each state of the world.
    pub confirmed_by_state: Vec<(Vec<f64>, f64)>,
}

/// Objectives (as reported) and constraint violation.
pub type Scored = (Vec<f64>, f64);

/// A candidate's outcome means in each state of the world.
pub type StateMeans = Vec<Vec<f64>>;

/// A reference scenario evaluated: its label, outcome means, objectives and violation.
pub type Reference = (String, Vec<f64>, Vec<f64>, f64);

/// The result: every candidate evaluated, the references and the search's history.
pub struct Search {
    pub archive: Vec<Candidate>,
    /// (label, outcomes' means, objectives, violation) of the base scenario and its
    /// counterfactual.
    pub references: Vec<Reference>,
    pub runs: u64,
    pub resumed: u64,
    pub seconds: f64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// Each point's outcome means over its replicates, from the runs of a sweep (`first`: the
/// column of the first outcome).
pub fn read_means(
    files: &[PathBuf],
    first: usize,
    n_out: usize,
    points: usize,
    reps: u32,
) -> Result<Vec<Vec<f64>>, Error> {
    let mut sums = vec![vec![0.0f64; n_out]; points];
    for f in files {
        let bytes = std::fs::read(f).map_err(io(f))?;
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::Other(format!("{}: {e}", f.display())))?;
            let point: usize = rec
                .get(1)
                .and_then(|x| x.parse().ok())
                .unwrap_or(usize::MAX);
            let Some(row) = sums.get_mut(point) else {
                continue;
            };
            for (j, s) in row.iter_mut().enumerate() {
                let x: f64 = rec
                    .get(first + j)
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(f64::NAN);
                *s += x / reps as f64;
            }
        }
    }
    Ok(sums)
}

/// The objectives (as reported) and the constraint violation of a candidate's outcomes.
pub fn score(p: &Problem, means: &[f64]) -> (Vec<f64>, f64) {
    let get = |o: &Outcome| -> f64 {
        p.outcomes
            .iter()
            .position(|x| x == o)
            .map_or(f64::NAN, |i| means[i])
    };
    let p_met = |id: &str, year: u32| -> f64 {
        let v = get(&Outcome::Target {
            id: id.to_string(),
            year,
        });
        if v.is_finite() { v } else { 0.0 }
    };
    let cost = get(&Outcome::PublicCost);
    let objectives = p
        .file
        .objectives
        .iter()
        .map(|o| match o {
            Objective::PublicCost => cost,
            Objective::TargetsMet { year } => p.targets_by_year[year]
                .iter()
                .filter(|id| p_met(id, *year) >= 0.5)
                .count() as f64,
            Objective::ExpectedTargetsMet { year } => p.targets_by_year[year]
                .iter()
                .map(|id| p_met(id, *year))
                .sum(),
            Objective::LowestProbability { targets, year } => {
                targets.iter().map(|t| p_met(t, *year)).fold(1.0, f64::min)
            }
            Objective::Indicator { id, at, .. } => get(&Outcome::Indicator {
                id: id.clone(),
                at: *at,
                district: None,
            }),
        })
        .collect();
    let violation = p
        .file
        .constraints
        .iter()
        .map(|c| match c {
            Constraint::Probability {
                target,
                year,
                at_least,
            } => (at_least - p_met(target, *year)).max(0.0),
            Constraint::CostCeiling { yuan } => {
                if cost.is_finite() {
                    ((cost - yuan) / yuan).max(0.0)
                } else {
                    1.0
                }
            }
        })
        .sum();
    (objectives, violation)
}

/// The objectives and violation of a candidate evaluated in every state of the world
/// (`means[s]`: its outcome means in state `s`), summarised over the states by the problem's
/// statistic; and each state's own. Without `robust` there is one state and this is
/// [`score`].
pub fn score_states(p: &Problem, means: &[Vec<f64>]) -> (Scored, Vec<Scored>) {
    let each: Vec<(Vec<f64>, f64)> = means.iter().map(|m| score(p, m)).collect();
    let Some(robust) = &p.file.robust else {
        return (each[0].clone(), each);
    };
    let stat = robust.statistic;
    let objectives = (0..p.file.objectives.len())
        .map(|j| {
            // Summarised in the minimising form, then turned back.
            let xs: Vec<f64> = each.iter().map(|(o, _)| minimised(p, o)[j]).collect();
            let m = stat.of(&xs);
            let sign = if minimised(p, &unit(p, j))[j] > 0.0 {
                1.0
            } else {
                -1.0
            };
            sign * m
        })
        .collect();
    let violation = stat.of(&each.iter().map(|(_, v)| *v).collect::<Vec<_>>());
    ((objectives, violation), each)
}

/// Objectives of 1 at `j`, 0 elsewhere: to read an objective's direction.
fn unit(p: &Problem, j: usize) -> Vec<f64> {
    (0..p.file.objectives.len())
        .map(|i| if i == j { 1.0 } else { 0.0 })
        .collect()
}

/// Each candidate's outcome means in each state, from the crossed points' means (candidate
/// `c` in state `s` is point `c × states + s`).
fn by_candidate(p: &Problem, means: Vec<Vec<f64>>) -> Vec<StateMeans> {
    let n = p.states.len();
    let mut out = Vec::new();
    let mut it = means.into_iter();
    loop {
        let chunk: Vec<Vec<f64>> = it.by_ref().take(n).collect();
        if chunk.is_empty() {
            return out;
        }
        out.push(chunk);
    }
}

/// The mean over the states of each outcome.
fn mean_over_states(states: &[Vec<f64>]) -> Vec<f64> {
    let n = states.len() as f64;
    (0..states.first().map_or(0, Vec::len))
        .map(|j| states.iter().map(|s| s[j]).sum::<f64>() / n)
        .collect()
}

/// The objectives in the minimising form NSGA-II works on.
pub fn minimised(p: &Problem, objectives: &[f64]) -> Vec<f64> {
    p.file
        .objectives
        .iter()
        .zip(objectives)
        .map(|(o, &v)| {
            let v = if v.is_finite() { v } else { f64::INFINITY };
            match o {
                Objective::PublicCost => v,
                Objective::Indicator { minimise: true, .. } => v,
                _ => -v,
            }
        })
        .collect()
}

pub fn to_values(p: &Problem, u: &[f64]) -> Vec<f64> {
    p.file
        .variables
        .iter()
        .zip(u)
        .map(|(v, &x)| {
            let (lo, hi) = v.range;
            // Values as a person would write them: 12 significant digits.
            let y = lo + x * (hi - lo);
            format!("{y:.12e}").parse().unwrap_or(y)
        })
        .collect()
}

pub fn to_unit(p: &Problem, values: &[f64]) -> Vec<f64> {
    p.file
        .variables
        .iter()
        .zip(values)
        .map(|(v, &y)| ((y - v.range.0) / (v.range.1 - v.range.0)).clamp(0.0, 1.0))
        .collect()
}

/// Evaluates `points` (variable values) in every state of the world as the sweep `label`
/// in `dir`: each point's outcome means in each state.
pub fn evaluate(
    p: &Problem,
    label: &str,
    points: &[Vec<f64>],
    dir: &Path,
    opts: &Options,
) -> Result<(Vec<StateMeans>, qcity_sweep::exec::Report), Error> {
    let sweep = p.sweep_for(label, points).map_err(Error::Input)?;
    let (report, files) = qcity_sweep::exec::run_sliced(
        &sweep,
        dir,
        opts.shard,
        opts.threads,
        opts.progress,
        opts.wait,
        label,
    )?;
    let first = 4 + sweep.file.factors.len();
    let means = read_means(
        &files,
        first,
        p.outcomes.len(),
        points.len() * p.states.len(),
        p.file.replicates,
    )?;
    Ok((by_candidate(p, means), report))
}

/// The base scenario and its counterfactual, with the same outcomes, for the front's picture.
fn references(p: &Problem, dir: &Path, opts: &Options) -> Result<Vec<Reference>, Error> {
    let base_path = p.path.parent().unwrap_or(Path::new(".")).join(&p.file.base);
    let (base, _, _) = qcity_core::scenario::load_merged(&base_path).map_err(Error::Input)?;
    let mut out = Vec::new();
    let mut list = vec![(base.name.clone(), base_path.clone())];
    if let Some(cf) = &base.counterfactual {
        let cf = base_path.parent().unwrap_or(Path::new(".")).join(cf);
        list.push(("counterfactual".to_string(), cf));
    }
    for (i, (label, path)) in list.into_iter().enumerate() {
        let (file, _, _) = qcity_core::scenario::load_merged(&path).map_err(Error::Input)?;
        let sweep = p
            .reference_sweep(
                &format!("reference-{i}"),
                &path,
                crate::problem::confirm_seed(p.file.seed),
                p.file.confirm_replicates,
            )
            .map_err(Error::Input)?;
        let rdir = dir.join("references").join(format!("r{i}"));
        let (_, files) = qcity_sweep::exec::run_sliced(
            &sweep,
            &rdir,
            opts.shard,
            opts.threads,
            false,
            opts.wait,
            "reference",
        )?;
        let first = 4 + sweep.file.factors.len();
        let means = read_means(
            &files,
            first,
            p.outcomes.len(),
            p.states.len(),
            p.file.confirm_replicates,
        )?;
        let ((obj, viol), _) = score_states(p, &means);
        out.push((
            if i == 0 { label } else { file.name },
            mean_over_states(&means),
            obj,
            viol,
        ));
    }
    Ok(out)
}

/// Runs the search into `opts.out`.
pub fn run(p: &Problem, opts: &Options) -> Result<Search, Error> {
    let started = std::time::Instant::now();
    let dir = &opts.out;
    let lock = qcity_sweep::exec::claim_generations(
        dir,
        &qcity_sweep::exec::Claim {
            kind: "optimisation",
            progress_file: ".optimize-progress.json",
            name: ("problem", &p.file.name),
            hash: ("problem_sha256", &p.hash),
        },
        opts.resume,
        opts.wait,
        opts.shard,
    )?;

    let n = p.file.population;
    let k = p.file.variables.len();
    let (mut runs, mut resumed) = (0u64, 0u64);
    let mut archive: Vec<Candidate> = Vec::new();
    let mut population: Vec<Individual> = Vec::new();
    let budget = (p.file.generations + 1) * n;
    let ego = match p.file.method {
        Method::Nsga2 => None,
        Method::Ego { batch } => Some(batch),
    };
    let mut g = 0usize;
    loop {
        let units: Vec<Vec<f64>> = match ego {
            None if g > p.file.generations => break,
            None if g == 0 => nsga2::initial(n, k, p.file.seed),
            None => nsga2::offspring(&population, n, p.file.seed, g as u64, Default::default()),
            Some(_) if archive.len() >= budget => break,
            Some(_) if g == 0 => qcity_gsa::design::latin_hypercube(
                n,
                k,
                qcity_core::rng::mix64(p.file.seed ^ 0xE60B_0000_0000_0001),
            )
            .map_err(|e| Error::Other(e.to_string()))?,
            Some(batch) => {
                let points: Vec<crate::ego::Point> = archive
                    .iter()
                    .map(|c| crate::ego::Point {
                        unit: to_unit(p, &c.values),
                        minimised: minimised(p, &c.objectives),
                        violation: c.violation,
                    })
                    .collect();
                let next = crate::ego::suggest(
                    p,
                    &points,
                    batch.min(budget - archive.len()),
                    qcity_core::rng::mix64(p.file.seed ^ g as u64),
                );
                if next.is_empty() {
                    eprintln!(
                        "note: the surrogate suggests no further candidate (it could not be fitted, or every point it would try was tried): the search stops at {} of {budget} candidates, and the front is theirs",
                        archive.len()
                    );
                    break;
                }
                next
            }
        };
        let label = match ego {
            None => format!("g{g:02}"),
            Some(_) => format!("b{g:03}"),
        };
        let values: Vec<Vec<f64>> = units.iter().map(|u| to_values(p, u)).collect();
        let gdir = dir.join("generations").join(&label);
        let (means, report) = evaluate(p, &label, &values, &gdir, opts)?;
        runs += report.runs;
        resumed += report.resumed;
        let mut kids = Vec::with_capacity(n);
        for (v, m) in values.into_iter().zip(means) {
            let ((objectives, violation), _) = score_states(p, &m);
            kids.push(Individual {
                x: to_unit(p, &v),
                objectives: minimised(p, &objectives),
                violation,
            });
            archive.push(Candidate {
                generation: g,
                values: v,
                outcomes: mean_over_states(&m),
                objectives,
                violation,
                confirmed: None,
                confirmed_by_state: Vec::new(),
            });
        }
        if ego.is_none() {
            let mut all = population;
            all.extend(kids);
            let keep = nsga2::select(&all, n);
            population = keep.into_iter().map(|i| all[i].clone()).collect();
        }
        if opts.progress {
            let best = archive
                .iter()
                .filter(|c| c.violation == 0.0)
                .map(|c| c.objectives[0])
                .fold(f64::INFINITY, f64::min);
            eprintln!(
                "{} {g}: {} candidates evaluated; {}",
                if ego.is_none() { "generation" } else { "batch" },
                archive.len(),
                if best.is_finite() {
                    format!(
                        "best feasible {} {:.4e}",
                        p.file.objectives[0].column(),
                        best
                    )
                } else {
                    "no feasible candidate yet".into()
                }
            );
        }
        g += 1;
    }
    // The front, evaluated again on fresh seeds with more runs.
    let front = pareto(p, &archive);
    let points: Vec<Vec<f64>> = front.iter().map(|&i| archive[i].values.clone()).collect();
    let sweep = p
        .sweep_with(
            "confirm",
            &points,
            crate::problem::confirm_seed(p.file.seed),
            p.file.confirm_replicates,
        )
        .map_err(Error::Input)?;
    let (report, files) = qcity_sweep::exec::run_sliced(
        &sweep,
        &dir.join("confirm"),
        opts.shard,
        opts.threads,
        opts.progress,
        opts.wait,
        "confirmation",
    )?;
    runs += report.runs;
    resumed += report.resumed;
    let first = 4 + sweep.file.factors.len();
    let means = read_means(
        &files,
        first,
        p.outcomes.len(),
        points.len() * p.states.len(),
        p.file.confirm_replicates,
    )?;
    for (&i, m) in front.iter().zip(by_candidate(p, means)) {
        let (summary, each) = score_states(p, &m);
        archive[i].confirmed = Some(summary);
        if p.file.robust.is_some() {
            archive[i].confirmed_by_state = each;
        }
    }
    let refs = references(p, dir, opts)?;
    drop(lock);
    Ok(Search {
        archive,
        references: refs,
        runs,
        resumed,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The archive's first front under constraint domination (feasible candidates first), by
/// cost.
pub fn pareto(p: &Problem, archive: &[Candidate]) -> Vec<usize> {
    let inds: Vec<Individual> = archive
        .iter()
        .map(|c| Individual {
            x: Vec::new(),
            objectives: minimised(p, &c.objectives),
            violation: c.violation,
        })
        .collect();
    let mut first = nsga2::fronts(&inds).into_iter().next().unwrap_or_default();
    // One entry per distinct objective vector (the earliest candidate), cheapest first.
    first.sort_by(|&a, &b| {
        inds[a]
            .objectives
            .iter()
            .zip(&inds[b].objectives)
            .map(|(x, y)| x.total_cmp(y))
            .find(|o| o.is_ne())
            .unwrap_or(a.cmp(&b))
            .then(a.cmp(&b))
    });
    first.dedup_by(|a, b| inds[*a].objectives == inds[*b].objectives);
    first
}
