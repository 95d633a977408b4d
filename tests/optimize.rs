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
    let mut child = qcity()
        .args(["optimize", "-q", "-j", "1"])
        .arg(&file)
        .arg("--out")
        .arg(&cut)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    eprintln!("killed mid-search: {killed}");
    let o = qcity()
        .args(["optimize", "-q", "-j", "1", "--resume"])
        .arg(&file)
        .arg("--out")
        .arg(&cut)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["pareto.csv", "candidates.csv", "optimize.json"] {
        assert_eq!(
            std::fs::read(whole.join(f)).unwrap(),
            std::fs::read(cut.join(f)).unwrap(),
            "{f}: a resumed search (one thread) differs from an uninterrupted one (two)"
        );
    }
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
