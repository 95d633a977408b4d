//! qcity's NSGA-II against two optimisation crates on a shipped problem, at the same budget.
//!
//!   cd bench/optimizers && cargo run --release -- ../../scenarios/optimize/cheapest-2027.ron
//!
//! Each method may evaluate as many candidates as the problem's own search does
//! ((generations + 1) × population), each with the problem's replicates and common random
//! numbers, through the sweep engine (all cores). Then every method's archive gives its front
//! (constraint domination, as `qcity optimize` takes it), and each front is evaluated again on
//! the same fresh seeds with `confirm_replicates` runs. Compared: the hypervolume of the
//! confirmed feasible front (cost in 100 亿 yuan, minus expected targets met; reference
//! point: 300 亿, 0 targets), the cheapest confirmed feasible cost, whether a confirmed point
//! dominates the base scenario, and wall time.
//!
//! - `qcity`: `qcity_optimize::run::run`, as `qcity optimize` runs it.
//! - `moors` 0.2 NSGA-II (SBX crossover, Gaussian mutation), whose fitness function is called
//!   once a generation with the whole population: that batch is one sweep. moors evaluates
//!   the parents again every generation; a cache answers those, so only new candidates count.
//! - `egobox-ego` 0.42, Bayesian optimisation (Kriging surrogates, EHVI, batches of 4 by
//!   Kriging believer), an initial Latin hypercube of one population, then batches.

use ndarray::{Array2, ArrayView2};
use qcity_gsa::nsga2::{self, Individual};
use qcity_optimize::Problem;
use qcity_optimize::run::{self, Options};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The search values of the candidates evaluated so far, by unit-cube coordinates.
struct Archive<'a> {
    p: &'a Problem,
    dir: PathBuf,
    threads: usize,
    budget: usize,
    /// (unit coordinates, objectives as reported, violation), in evaluation order.
    rows: Vec<(Vec<f64>, Vec<f64>, f64)>,
    seen: HashMap<Vec<u64>, usize>,
    batches: usize,
}

impl<'a> Archive<'a> {
    fn key(u: &[f64]) -> Vec<u64> {
        u.iter().map(|x| x.clamp(0.0, 1.0).to_bits()).collect()
    }

    /// Evaluates the rows not seen before (up to the budget); returns each row's index in
    /// the archive (None past the budget).
    fn eval(&mut self, units: &[Vec<f64>]) -> Vec<Option<usize>> {
        let mut fresh: Vec<Vec<f64>> = Vec::new();
        for u in units {
            let k = Self::key(u);
            if !self.seen.contains_key(&k)
                && !fresh.iter().any(|f| Self::key(f) == k)
                && self.rows.len() + fresh.len() < self.budget
            {
                fresh.push(u.iter().map(|x| x.clamp(0.0, 1.0)).collect());
            }
        }
        if !fresh.is_empty() {
            let values: Vec<Vec<f64>> = fresh.iter().map(|u| run::to_values(self.p, u)).collect();
            let opts = Options {
                out: self.dir.clone(),
                resume: false,
                wait: false,
                threads: self.threads,
                progress: false,
                shard: None,
            };
            let label = format!("b{:03}", self.batches);
            let gdir = self.dir.join(&label);
            let (means, _) =
                run::evaluate(self.p, &label, &values, &gdir, &opts).expect("evaluation");
            self.batches += 1;
            for (u, m) in fresh.into_iter().zip(means) {
                let ((o, v), _) = run::score_states(self.p, &m);
                self.seen.insert(Self::key(&u), self.rows.len());
                self.rows.push((u, o, v));
            }
        }
        units
            .iter()
            .map(|u| self.seen.get(&Self::key(u)).copied())
            .collect()
    }

    /// Minimised objectives and violation of row `i`, finite (a failed run is the worst).
    fn minimised(&self, i: Option<usize>) -> (Vec<f64>, f64) {
        match i {
            Some(i) => {
                let (_, o, v) = &self.rows[i];
                let m = run::minimised(self.p, o)
                    .into_iter()
                    .map(|x| if x.is_finite() { x } else { 1e30 })
                    .collect();
                (m, *v)
            }
            None => (vec![1e30; self.p.file.objectives.len()], 1e30),
        }
    }
}

/// The front of an archive: unit coordinates of its first front under constraint domination.
fn front(p: &Problem, rows: &[(Vec<f64>, Vec<f64>, f64)]) -> Vec<Vec<f64>> {
    let inds: Vec<Individual> = rows
        .iter()
        .map(|(u, o, v)| Individual {
            x: u.clone(),
            objectives: run::minimised(p, o),
            violation: *v,
        })
        .collect();
    let mut first = nsga2::fronts(&inds).into_iter().next().unwrap_or_default();
    first.sort();
    first.dedup_by(|a, b| inds[*a].objectives == inds[*b].objectives);
    first.into_iter().map(|i| rows[i].0.clone()).collect()
}

/// The front's points evaluated on the confirmation seeds: (cost, expected targets, feasible).
fn confirm(p: &Problem, units: &[Vec<f64>], dir: &Path, threads: usize) -> Vec<(f64, f64, bool)> {
    let values: Vec<Vec<f64>> = units.iter().map(|u| run::to_values(p, u)).collect();
    let sweep = p
        .sweep_with(
            "confirm",
            &values,
            qcity_optimize::problem::confirm_seed(p.file.seed),
            p.file.confirm_replicates,
        )
        .expect("sweep");
    let (_, files) =
        qcity_sweep::exec::run_sliced(&sweep, dir, None, threads, false, false, "confirm")
            .expect("confirmation");
    let means = run::read_means(
        &files,
        4 + sweep.file.factors.len(),
        p.outcomes.len(),
        values.len() * p.states.len(),
        p.file.confirm_replicates,
    )
    .expect("read");
    means
        .chunks(p.states.len())
        .map(|m| {
            let ((o, v), _) = run::score_states(p, m);
            (o[0], o[1], v == 0.0)
        })
        .collect()
}

/// Hypervolume of the feasible confirmed points in (cost / 100 亿, −targets), against
/// (3, 0).
fn hv(points: &[(f64, f64, bool)]) -> f64 {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .filter(|x| x.2)
        .map(|&(c, t, _)| (c / 1e10, -t))
        .collect();
    nsga2::hypervolume_2d(&pts, (3.0, 0.0))
}

struct Outcome {
    name: &'static str,
    evaluated: usize,
    seconds: f64,
    confirmed: Vec<(f64, f64, bool)>,
}

fn main() {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("../../scenarios/optimize/cheapest-2027.ron".into()),
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    qcity_core::threads::init_for_sweeps();
    let mut p = Problem::load(&path).unwrap_or_else(|e| panic!("{e}"));
    // Another seed for the search and its runs (the confirmation's follows it).
    if let Some(seed) = std::env::args().nth(2) {
        p.file.seed = seed.parse().expect("a seed");
    }
    assert_eq!(p.file.objectives.len(), 2, "a two-objective problem");
    assert_eq!(
        p.file.objectives[0],
        qcity_optimize::problem::Objective::PublicCost
    );
    let n = p.file.population;
    let k = p.file.variables.len();
    let budget = (p.file.generations + 1) * n;
    let work = tempdir();
    let mut results: Vec<Outcome> = Vec::new();

    // qcity's own.
    {
        let t = Instant::now();
        let dir = work.join("qcity");
        let s = run::run(
            &p,
            &Options {
                out: dir.clone(),
                resume: false,
                wait: false,
                threads,
                progress: false,
                shard: None,
            },
        )
        .expect("qcity search");
        let seconds = t.elapsed().as_secs_f64();
        let rows: Vec<(Vec<f64>, Vec<f64>, f64)> = s
            .archive
            .iter()
            .map(|c| {
                (
                    run::to_unit(&p, &c.values),
                    c.objectives.clone(),
                    c.violation,
                )
            })
            .collect();
        let f = front(&p, &rows);
        results.push(Outcome {
            name: "qcity NSGA-II",
            evaluated: rows.len(),
            seconds,
            confirmed: confirm(&p, &f, &work.join("qcity-confirm"), threads),
        });
    }

    // moors.
    {
        use moors::{
            CloseDuplicatesCleaner, ConstraintsFn, GaussianMutation, Nsga2Builder,
            RandomSamplingFloat, SimulatedBinaryCrossover,
        };
        let t = Instant::now();
        let archive = RefCell::new(Archive {
            p: &p,
            dir: work.join("moors"),
            threads,
            budget,
            rows: Vec::new(),
            seen: HashMap::new(),
            batches: 0,
        });
        let to_rows = |g: &Array2<f64>| -> Vec<Vec<f64>> {
            g.rows().into_iter().map(|r| r.to_vec()).collect()
        };
        let fitness = |g: &Array2<f64>| -> Array2<f64> {
            let mut a = archive.borrow_mut();
            let idx = a.eval(&to_rows(g));
            let mut y = Array2::zeros((g.nrows(), 2));
            for (r, i) in idx.into_iter().enumerate() {
                let (m, _) = a.minimised(i);
                y[[r, 0]] = m[0] / 1e10;
                y[[r, 1]] = m[1];
            }
            y
        };
        struct Violation<'b, 'a>(&'b RefCell<Archive<'a>>);
        impl ConstraintsFn for Violation<'_, '_> {
            type Dim = ndarray::Ix2;
            fn call(&self, g: &Array2<f64>) -> Array2<f64> {
                let mut a = self.0.borrow_mut();
                let rows: Vec<Vec<f64>> = g.rows().into_iter().map(|r| r.to_vec()).collect();
                let idx = a.eval(&rows);
                let mut c = Array2::zeros((g.nrows(), 1 + 2 * g.ncols()));
                for (r, i) in idx.into_iter().enumerate() {
                    c[[r, 0]] = a.minimised(i).1;
                    for j in 0..g.ncols() {
                        c[[r, 1 + j]] = -g[[r, j]];
                        c[[r, 1 + g.ncols() + j]] = g[[r, j]] - 1.0;
                    }
                }
                c
            }
            fn lower_bound(&self) -> Option<f64> {
                Some(0.0)
            }
            fn upper_bound(&self) -> Option<f64> {
                Some(1.0)
            }
        }
        let mut algo = Nsga2Builder::default()
            .sampler(RandomSamplingFloat::new(0.0, 1.0))
            .crossover(SimulatedBinaryCrossover::new(15.0))
            .mutation(GaussianMutation::new(0.5, 0.1))
            .duplicates_cleaner(CloseDuplicatesCleaner::new(1e-9))
            .fitness_fn(fitness)
            .constraints_fn(Violation(&archive))
            .num_vars(k)
            .population_size(n)
            .num_offsprings(n)
            .num_iterations(p.file.generations)
            .mutation_rate(0.1)
            .crossover_rate(0.9)
            .keep_infeasible(true)
            .seed(p.file.seed)
            .build()
            .expect("moors configured");
        algo.run().expect("moors ran");
        let seconds = t.elapsed().as_secs_f64();
        let a = archive.borrow();
        let f = front(&p, &a.rows);
        results.push(Outcome {
            name: "moors 0.2 NSGA-II",
            evaluated: a.rows.len(),
            seconds,
            confirmed: confirm(&p, &f, &work.join("moors-confirm"), threads),
        });
    }

    // egobox.
    {
        use egobox_ego::EgorBuilder;
        let t = Instant::now();
        let archive = RefCell::new(Archive {
            p: &p,
            dir: work.join("egobox"),
            threads,
            budget,
            rows: Vec::new(),
            seen: HashMap::new(),
            batches: 0,
        });
        let q = 4;
        let f = |x: &ArrayView2<f64>| -> Array2<f64> {
            let mut a = archive.borrow_mut();
            let rows: Vec<Vec<f64>> = x.rows().into_iter().map(|r| r.to_vec()).collect();
            let idx = a.eval(&rows);
            let mut y = Array2::zeros((x.nrows(), 3));
            for (r, i) in idx.into_iter().enumerate() {
                let (m, v) = a.minimised(i);
                y[[r, 0]] = m[0] / 1e10;
                y[[r, 1]] = m[1];
                y[[r, 2]] = v;
            }
            y
        };
        let xlimits = Array2::from_shape_fn((k, 2), |(_, j)| j as f64);
        EgorBuilder::optimize(f)
            .configure(|c| {
                c.n_obj(2)
                    .n_cstr(1)
                    .n_doe(n)
                    .max_iters((budget - n) / q)
                    .configure_qei(|e| e.batch(q))
                    .seed(p.file.seed)
            })
            .min_within(&xlimits)
            .expect("egobox configured")
            .run_pareto()
            .expect("egobox ran");
        let seconds = t.elapsed().as_secs_f64();
        let a = archive.borrow();
        let f = front(&p, &a.rows);
        results.push(Outcome {
            name: "egobox-ego 0.42 EHVI",
            evaluated: a.rows.len(),
            seconds,
            confirmed: confirm(&p, &f, &work.join("egobox-confirm"), threads),
        });
    }

    println!(
        "{}: budget {} candidates × {} runs, confirmed with {} runs on fresh seeds, {threads} threads",
        p.file.name, budget, p.file.replicates, p.file.confirm_replicates
    );
    println!(
        "| method | candidates evaluated | wall | front points (feasible, confirmed) | hypervolume | cheapest feasible | most targets |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in &results {
        let feas: Vec<&(f64, f64, bool)> = r.confirmed.iter().filter(|x| x.2).collect();
        let cheapest = feas.iter().map(|x| x.0).fold(f64::INFINITY, f64::min);
        let most = feas.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
        println!(
            "| {} | {} | {:.1} s | {} of {} | {:.3} | {:.1} 亿 | {:.2} |",
            r.name,
            r.evaluated,
            r.seconds,
            feas.len(),
            r.confirmed.len(),
            hv(&r.confirmed),
            cheapest / 1e8,
            most
        );
        for (c, t, ok) in &r.confirmed {
            eprintln!(
                "  {}: {:.1} 亿, {:.2} targets, feasible {ok}",
                r.name,
                c / 1e8,
                t
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("qcity-optimizer-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
