//! `qcity optimize` as a planner runs it: a small problem over the plan, its outputs, each
//! front point a runnable scenario, the same bytes on one thread as on two, and a search
//! killed with SIGKILL and resumed equal to one never interrupted. (The optimiser's own code
//! path is tested against ZDT1's known front in crates/qcity-gsa/src/nsga2.rs.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn qcity() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qcity"))
}

fn problem(dir: &Path, extra: &str) -> PathBuf {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plan-2023.ron");
    let text = format!(
        r#"(
  name: "small",
  base: "{}",
  seed: 5,
  scale: Enterprises(11000),
  horizon: (start: "2023-01", end: "2027-12"),
  variables: [
    (path: "lever.subsidy_rate", name: "subsidy_rate", range: (0.0, 0.4)),
    (path: "lever.brand_support", name: "brand_support", range: (0.0, 2.0)),
  ],
  objectives: [PublicCost, ExpectedTargetsMet(year: 2027)],
  constraints: [Probability(target: "intl_standards", year: 2027, at_least: 0.5)],
  population: 12,
  generations: 3,
  replicates: 2,
  confirm_replicates: 2,
  {extra}
)
"#,
        base.display()
    );
    let p = dir.join("small.ron");
    std::fs::write(&p, text).unwrap();
    p
}

/// Runs the search in `out` on one thread, kills it with SIGKILL after `ms`, then resumes it
/// to the end.
fn kill_then_resume(file: &Path, out: &Path, ms: u64) {
    let mut child = qcity()
        .args(["optimize", "-q", "-j", "1"])
        .arg(file)
        .arg("--out")
        .arg(out)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(ms));
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    eprintln!("killed mid-search: {killed}");
    let o = qcity()
        .args(["optimize", "-q", "-j", "1", "--resume"])
        .arg(file)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A resumed search (one thread) wrote the bytes of an uninterrupted one (two).
fn assert_same_outputs(whole: &Path, cut: &Path) {
    for f in ["pareto.csv", "candidates.csv", "optimize.json"] {
        assert_eq!(
            std::fs::read(whole.join(f)).unwrap(),
            std::fs::read(cut.join(f)).unwrap(),
            "{f}: a resumed search (one thread) differs from an uninterrupted one (two)"
        );
    }
}

#[test]
fn optimize_writes_a_front_of_runnable_scenarios_and_resumes_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let file = problem(tmp.path(), "");
    let whole = tmp.path().join("whole");
    let o = qcity()
        .args(["optimize", "-j", "2"])
        .arg(&file)
        .arg("--out")
        .arg(&whole)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("for comparison (confirmation runs), plan-2023"),
        "{stdout}"
    );
    for f in [
        "pareto.csv",
        "candidates.csv",
        "front.png",
        "front.svg",
        "optimize.html",
        "optimize.json",
    ] {
        assert!(whole.join(f).is_file(), "{f} missing");
    }
    // Every candidate of every generation is kept: (generations + 1) × population.
    let candidates = std::fs::read_to_string(whole.join("candidates.csv")).unwrap();
    assert_eq!(candidates.lines().count(), 1 + 4 * 12);
    // The front: each point confirmed on fresh seeds and saved as a scenario that checks.
    let mut r = csv::Reader::from_path(whole.join("pareto.csv")).unwrap();
    let header = r.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "confirmed_public_cost_yuan"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(!rows.is_empty());
    for i in 1..=rows.len() {
        let s = whole.join(format!("scenarios/pareto-{i:02}.ron"));
        let o = qcity().arg("check").arg(&s).output().unwrap();
        assert!(
            o.status.success(),
            "{}: {}",
            s.display(),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // The front is non-dominated: no front point is cheaper and at least as good as another.
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let pts: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| {
            (
                r[col("public_cost_yuan")].parse().unwrap(),
                r[col("expected_targets_met_2027")].parse().unwrap(),
            )
        })
        .collect();
    let feasible: Vec<bool> = rows.iter().map(|r| &r[col("feasible")] == "true").collect();
    for (i, a) in pts.iter().enumerate() {
        for (j, b) in pts.iter().enumerate() {
            if i != j && feasible[i] && feasible[j] {
                assert!(
                    !(b.0 <= a.0 && b.1 >= a.1 && (b.0 < a.0 || b.1 > a.1)),
                    "{b:?} dominates {a:?}"
                );
            }
        }
    }

    // Killed at random with SIGKILL on one thread, then resumed: the same bytes.
    let cut = tmp.path().join("cut");
    kill_then_resume(&file, &cut, 1500);
    assert_same_outputs(&whole, &cut);
    // Without --resume the directory is refused.
    let o = qcity()
        .args(["optimize", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&cut)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
}

#[test]
fn a_bad_problem_file_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = problem(tmp.path(), "");
    let text = std::fs::read_to_string(&file).unwrap();
    for (bad, want) in [
        (
            text.replace("lever.brand_support", "lever.brand_suport"),
            "variables[1]",
        ),
        (
            text.replace("range: (0.0, 0.4)", "range: (0.4, 0.0)"),
            "variables[0].range",
        ),
        (
            text.replace("\"intl_standards\"", "\"no_such_target\""),
            "unknown target",
        ),
        (
            text.replace("population: 12", "population: 7"),
            "population",
        ),
        (
            text.replace("confirm_replicates: 2,", "confirm_replicates: 2, method: Ego(batch: 0),"),
            "method",
        ),
        (
            text.replace(
                "confirm_replicates: 2,",
                "confirm_replicates: 2, robust: (over: Ranges(factors: [(path: \"params.capability.efficency\", range: (0.5, 1.5))], states: 4)),",
            ),
            "robust.over",
        ),
        (
            text.replace(
                "confirm_replicates: 2,",
                "confirm_replicates: 2, robust: (over: Ranges(factors: [(path: \"params.capability.efficiency\", range: (0.5, 1.5))], states: 4), statistic: Percentile(120)),",
            ),
            "robust.statistic",
        ),
    ] {
        std::fs::write(&file, &bad).unwrap();
        let out = tmp.path().join("out");
        let o = qcity()
            .arg("optimize")
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(want) && err.contains("small.ron:"),
            "expected {want} in {err}"
        );
        assert!(!out.exists());
    }
}

/// Mean of `column` per point in a sweep's `runs.csv`.
fn means_by_point(runs: &Path, column: &str) -> Vec<f64> {
    let mut r = csv::Reader::from_path(runs).unwrap();
    let h = r.headers().unwrap().clone();
    let c = h.iter().position(|x| x == column).unwrap();
    let mut sums: Vec<(f64, f64)> = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let p: usize = rec[1].parse().unwrap();
        if sums.len() <= p {
            sums.resize(p + 1, (0.0, 0.0));
        }
        sums[p].0 += rec[c].parse::<f64>().unwrap();
        sums[p].1 += 1.0;
    }
    sums.into_iter().map(|(s, n)| s / n).collect()
}

/// A robust search judges each candidate by its worst state of the world. Checked against an
/// independent `qcity sweep` of a front point in each state (same seeds): the search's cost
/// is the highest of the states' mean costs, and its indicator the lowest.
#[test]
fn a_robust_search_takes_each_objective_at_its_worst_state() {
    let tmp = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plan-2023.ron");
    let file = tmp.path().join("robust.ron");
    std::fs::write(
        &file,
        format!(
            r#"(
  name: "robust",
  base: "{}",
  seed: 11,
  scale: Enterprises(11000),
  horizon: (start: "2023-01", end: "2027-12"),
  variables: [(path: "lever.subsidy_rate", name: "subsidy_rate", range: (0.0, 0.4))],
  objectives: [PublicCost, Indicator(id: "mqci", at: "2027-12")],
  robust: (
    over: Ranges(factors: [(path: "params.capability.efficiency", name: "efficiency", range: (0.5, 1.5))], states: 3),
    statistic: Worst,
  ),
  population: 4,
  generations: 1,
  replicates: 2,
  confirm_replicates: 2,
)
"#,
            base.display()
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = qcity()
        .args(["optimize", "-j", "2"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("the worst case of its results over 3 states"),
        "{stdout}"
    );
    // The states: a Latin hypercube of 3 over (0.5, 1.5), one value in each third.
    let mut states: Vec<f64> = csv::Reader::from_path(out.join("states.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[1].parse().unwrap())
        .collect();
    states.sort_by(f64::total_cmp);
    assert_eq!(states.len(), 3);
    for (i, x) in states.iter().enumerate() {
        let lo = 0.5 + i as f64 / 3.0;
        assert!((lo..lo + 1.0 / 3.0).contains(x), "{states:?}");
    }
    // The first candidate of generation 0, in each state, by `qcity sweep`.
    let mut cands = csv::Reader::from_path(out.join("candidates.csv")).unwrap();
    let first = cands.records().next().unwrap().unwrap();
    let (subsidy, cost, mqci): (f64, f64, f64) = (
        first[1].parse().unwrap(),
        first[2].parse().unwrap(),
        first[3].parse().unwrap(),
    );
    let sweep = tmp.path().join("check.ron");
    std::fs::write(
        &sweep,
        format!(
            r#"(
  name: "check",
  base: "{}",
  seed: 11,
  scale: Enterprises(11000),
  horizon: (start: "2023-01", end: "2027-12"),
  factors: [
    (path: "lever.subsidy_rate", name: "subsidy_rate", range: (0.0, 0.4)),
    (path: "params.capability.efficiency", name: "efficiency", range: (0.5, 1.5)),
  ],
  design: List(points: [{}]),
  replicates: 2,
  common_random_numbers: true,
  outcomes: [PublicCost, Indicator(id: "mqci", at: "2027-12")],
)
"#,
            base.display(),
            states
                .iter()
                .map(|s| format!("[{subsidy:e}, {s:e}]"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .unwrap();
    let sout = tmp.path().join("sweep");
    let o = qcity()
        .args(["sweep", "-q"])
        .arg(&sweep)
        .arg("--out")
        .arg(&sout)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let costs = means_by_point(&sout.join("runs.csv"), "public_cost_yuan");
    let mqcis = means_by_point(&sout.join("runs.csv"), "mqci@2027-12");
    let worst_cost = costs.iter().copied().fold(f64::MIN, f64::max);
    let worst_mqci = mqcis.iter().copied().fold(f64::MAX, f64::min);
    assert!(
        (cost - worst_cost).abs() <= 1e-9 * worst_cost,
        "search {cost}, states {costs:?}"
    );
    assert!(
        (mqci - worst_mqci).abs() <= 1e-9,
        "search {mqci}, states {mqcis:?}"
    );
    // The states differ, so the worst case is not any one state's by accident.
    assert!(costs.iter().any(|&c| c != worst_cost), "{costs:?}");
    // Each front point's results in each state, and the runnable scenarios hold no state.
    let per_state = std::fs::read_to_string(out.join("pareto-states.csv")).unwrap();
    assert!(per_state.lines().count() > 3, "{per_state}");
    let scen = std::fs::read_to_string(out.join("scenarios/pareto-01.ron")).unwrap();
    assert!(!scen.contains("efficiency: 0.5"), "{scen}");
}

/// States from a calibration's posterior: the same systematic resampling of its weights as
/// `qcity run --posterior` (weights 2:1:1 over three particles, four draws: 1, 1, 2, 3).
#[test]
fn a_robust_search_draws_its_states_from_a_posterior() {
    let tmp = tempfile::tempdir().unwrap();
    let cal = tmp.path().join("cal");
    std::fs::create_dir_all(&cal).unwrap();
    std::fs::write(
        cal.join("calibration.json"),
        r#"{"parameters": [{"path": "params.capability.efficiency", "name": "eff"}]}"#,
    )
    .unwrap();
    std::fs::write(
        cal.join("posterior.csv"),
        "particle,eff,weight\n0,0.8,0.5\n1,1.0,0.25\n2,1.2,0.25\n",
    )
    .unwrap();
    let file = problem(
        tmp.path(),
        r#"robust: (over: Posterior(calibration: "cal", draws: 4), statistic: Percentile(25)),"#,
    );
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("population: 12", "population: 4")
        .replace("generations: 3", "generations: 1")
        .replace("replicates: 2,\n", "replicates: 1,\n");
    std::fs::write(&file, text).unwrap();
    let out = tmp.path().join("out");
    let o = qcity()
        .args(["optimize", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let states = std::fs::read_to_string(out.join("states.csv")).unwrap();
    assert_eq!(
        states,
        "state,params.capability.efficiency\n0,0.8\n1,0.8\n2,1\n3,1.2\n"
    );
    // A posterior that is not there is an error naming the field.
    let bad = problem(
        tmp.path(),
        r#"robust: (over: Posterior(calibration: "nowhere", draws: 4)),"#,
    );
    let o = qcity().arg("check").arg(&bad).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("robust.over") && err.contains("calibration.json"),
        "{err}"
    );
}

/// Bayesian optimisation (egobox-ego) as `qcity optimize` runs it: the initial design and its
/// batches each a sweep, every candidate kept, the same bytes on one thread as on two, and a
/// search killed with SIGKILL and resumed equal to one never interrupted (the surrogate's
/// batches follow from the candidates evaluated alone).
#[test]
fn a_bayesian_search_is_deterministic_and_resumes_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let file = problem(tmp.path(), "method: Ego(batch: 3),");
    let whole = tmp.path().join("whole");
    let o = qcity()
        .args(["optimize", "-j", "2"])
        .arg(&file)
        .arg("--out")
        .arg(&whole)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // (generations + 1) × population candidates: 12 from the Latin hypercube, then 12 batches
    // of 3, each its own sweep.
    let candidates = std::fs::read_to_string(whole.join("candidates.csv")).unwrap();
    assert_eq!(candidates.lines().count(), 1 + 4 * 12);
    let batches = std::fs::read_dir(whole.join("generations"))
        .unwrap()
        .count();
    assert_eq!(batches, 13);
    assert!(candidates.lines().last().unwrap().starts_with("12,"));
    let cut = tmp.path().join("cut");
    kill_then_resume(&file, &cut, 2500);
    assert_same_outputs(&whole, &cut);
}

/// The shipped problem, as the README runs it: the search finds a mix that meets at least the
/// targets plan-2023 meets (in expectation, on the confirmation runs) for less public money.
#[test]
fn the_shipped_problem_finds_a_mix_as_good_as_the_plan_for_less() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/optimize/cheapest-2027.ron");
    let o = qcity()
        .args(["optimize", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("optimize.json")).unwrap()).unwrap();
    let plan = &json["references"][0];
    assert_eq!(plan["label"], "plan-2023");
    let (plan_cost, plan_targets) = (
        plan["objectives"][0].as_f64().unwrap(),
        plan["objectives"][1].as_f64().unwrap(),
    );
    let found = &json["as_good_as_the_base"];
    assert!(
        found.is_object(),
        "no mix as good as the plan for less: {json}"
    );
    let (cost, targets) = (
        found["confirmed_objectives"][0].as_f64().unwrap(),
        found["confirmed_objectives"][1].as_f64().unwrap(),
    );
    assert!(
        cost < plan_cost && targets >= plan_targets,
        "{cost} for {targets} against the plan's {plan_cost} for {plan_targets}"
    );
}

/// A Bayesian search sliced across two processes that share its directory gives the bytes of
/// one process: each computes the same batches from the same evaluated candidates.
#[test]
fn a_bayesian_search_sliced_across_processes_equals_one_process() {
    let tmp = tempfile::tempdir().unwrap();
    let file = problem(tmp.path(), "method: Ego(batch: 3),");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("generations: 3", "generations: 1");
    std::fs::write(&file, text).unwrap();
    let whole = tmp.path().join("whole");
    let o = qcity()
        .args(["optimize", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&whole)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sliced = tmp.path().join("sliced");
    let kids: Vec<_> = ["1/2", "2/2"]
        .iter()
        .map(|s| {
            qcity()
                .args(["optimize", "-q", "-j", "1", "--shard", s])
                .arg(&file)
                .arg("--out")
                .arg(&sliced)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut k in kids {
        assert!(k.wait().unwrap().success());
    }
    for f in ["pareto.csv", "candidates.csv"] {
        assert_eq!(
            std::fs::read(whole.join(f)).unwrap(),
            std::fs::read(sliced.join(f)).unwrap(),
            "{f}: two slices differ from one process"
        );
    }
}
