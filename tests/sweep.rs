//! `qcity sweep` and `qcity merge` as a researcher drives them: designs, seeds, streamed and
//! resumable output, shards, failures, and the analysis files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qcity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("qcity runs")
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qcity-sweep-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn assert_same(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "different files"
    );
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between {a:?} and {b:?}");
    }
}

fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|x| {
            let x = x.unwrap();
            h.iter()
                .zip(x.iter())
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn a_sweep_writes_runs_points_and_exports() {
    let out = tmp("tiny");
    let o = qcity(&[
        "sweep",
        "tests/sweeps/tiny-lhs.ron",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    ok(&o);
    let runs = rows(&out.join("runs.csv"));
    assert_eq!(runs.len(), 12, "6 points × 2 replicates");
    // Every run has its own seed: no seed repeats across replicates or points.
    let seeds: std::collections::BTreeSet<&String> = runs.iter().map(|r| &r["seed"]).collect();
    assert_eq!(seeds.len(), 12);
    // A Latin hypercube: the 6 points put one value in each sixth of the subsidy range.
    let mut bins: Vec<usize> = runs
        .iter()
        .filter(|r| r["replicate"] == "0")
        .map(|r| (r["lever.subsidy_rate"].parse::<f64>().unwrap() / 0.4 * 6.0) as usize)
        .collect();
    bins.sort();
    assert_eq!(bins, vec![0, 1, 2, 3, 4, 5]);
    assert!(runs.iter().all(|r| r["status"] == "ok"));
    // points.csv: the mean over a point's replicates, recomputed here from runs.csv.
    let points = rows(&out.join("points.csv"));
    assert_eq!(points.len(), 6);
    for p in &points {
        let mine: Vec<f64> = runs
            .iter()
            .filter(|r| r["point"] == p["point"])
            .map(|r| r["mqci@2027-12"].parse().unwrap())
            .collect();
        let mean = mine.iter().sum::<f64>() / mine.len() as f64;
        let got: f64 = p["mqci@2027-12:mean"].parse().unwrap();
        assert!((got - mean).abs() < 1e-9, "{got} vs {mean}");
        assert_eq!(p["runs_ok"], "2");
        let met: f64 = p["met:prefab_share@2027:mean"].parse().unwrap();
        assert!((0.0..=1.0).contains(&met), "a probability");
    }
    // The exports: SALib's problem and one Y value per design row; EMA's archive.
    let problem = std::fs::read_to_string(out.join("salib/problem.csv")).unwrap();
    assert_eq!(problem, "lever_subsidy_rate,0,0.4\nfood_batches,1,3\n");
    let y = std::fs::read_to_string(out.join("salib/Y_mqci_2027-12.txt")).unwrap();
    assert_eq!(y.lines().count(), 6);
    let x = std::fs::read_to_string(out.join("salib/X.txt")).unwrap();
    assert_eq!(x.lines().count(), 6);
    assert!(x.lines().all(|l| l.split(' ').count() == 2));
    let gz = std::fs::File::open(out.join("ema/results.tar.gz")).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(gz));
    let mut members: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    members.sort();
    assert_eq!(
        members,
        vec![
            "experiments.csv",
            "food_pass_rate_true_2027-12_500101.cls",
            "met_prefab_share_2027.cls",
            "metadata.json",
            "mqci_2027-12.cls"
        ]
    );
    let experiments = rows(&out.join("ema/experiments.csv"));
    assert_eq!(experiments.len(), 12);
    assert!(experiments[0].contains_key("scenario") && experiments[0].contains_key("model"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["runs"], 12);
    assert_eq!(manifest["failed"], 0);
    assert!(!out.join("runs.csv.partial").exists());
    // The same bytes on one thread.
    let one = tmp("tiny-j1");
    ok(&qcity(&[
        "sweep",
        "tests/sweeps/tiny-lhs.ron",
        "--out",
        one.to_str().unwrap(),
        "-q",
        "-j",
        "1",
    ]));
    assert_same(&out, &one);
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&one);
}

#[test]
fn shards_merged_equal_one_machine() {
    let whole = tmp("whole");
    ok(&qcity(&[
        "sweep",
        "tests/sweeps/tiny-lhs.ron",
        "--out",
        whole.to_str().unwrap(),
        "-q",
    ]));
    let mut dirs = Vec::new();
    for k in 1..=3 {
        let d = tmp(&format!("shard{k}"));
        ok(&qcity(&[
            "sweep",
            "tests/sweeps/tiny-lhs.ron",
            "--out",
            d.to_str().unwrap(),
            "--shard",
            &format!("{k}/3"),
            "-q",
        ]));
        // A shard holds its slice only: runs whose id mod 3 is k − 1.
        let ids: Vec<u64> = rows(&d.join("runs.csv"))
            .iter()
            .map(|r| r["run"].parse().unwrap())
            .collect();
        assert!(ids.iter().all(|id| id % 3 == k - 1) && ids.len() == 4);
        dirs.push(d);
    }
    let merged = tmp("merged");
    // Any order of the shard directories.
    let o = qcity(&[
        "merge",
        dirs[2].to_str().unwrap(),
        dirs[0].to_str().unwrap(),
        dirs[1].to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]);
    ok(&o);
    assert_same(&whole, &merged);
    // A missing shard is refused, and nothing is written.
    let bad = tmp("merge-bad");
    let o = qcity(&[
        "merge",
        dirs[0].to_str().unwrap(),
        dirs[1].to_str().unwrap(),
        "--out",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("shard 3/3 is missing"));
    assert!(!bad.exists());
    for d in dirs.iter().chain([&whole, &merged]) {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn a_killed_sweep_resumes_to_the_same_bytes() {
    let whole = tmp("resume-whole");
    ok(&qcity(&[
        "sweep",
        "tests/sweeps/resume.ron",
        "--out",
        whole.to_str().unwrap(),
        "-q",
    ]));
    let dir = tmp("resume-killed");
    let partial = dir.join("runs.csv.partial");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args([
            "sweep",
            "tests/sweeps/resume.ron",
            "--out",
            dir.to_str().unwrap(),
            "-q",
            "-j",
            "1",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .spawn()
        .unwrap();
    // Kill it (SIGKILL: no chance to clean up) once a few runs are on disk.
    let start = std::time::Instant::now();
    loop {
        let lines = std::fs::read_to_string(&partial).map_or(0, |t| t.lines().count());
        if lines > 6 {
            break;
        }
        assert!(start.elapsed().as_secs() < 120, "the sweep wrote nothing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let written = std::fs::read_to_string(&partial).unwrap();
    let done = written.lines().count() - 1;
    assert!(done < 60, "killed before the end ({done} runs done)");
    assert!(!dir.join("runs.csv").exists());
    // A crash can tear the last line: simulate one.
    std::fs::write(&partial, format!("{written}{},12,0,99", done)).unwrap();
    // Without --resume the unfinished sweep is protected.
    let o = qcity(&[
        "sweep",
        "tests/sweeps/resume.ron",
        "--out",
        dir.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
    let o = qcity(&[
        "sweep",
        "tests/sweeps/resume.ron",
        "--out",
        dir.to_str().unwrap(),
        "--resume",
    ]);
    ok(&o);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&format!("({done} resumed, 0 failed)")),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Every run exactly once, byte for byte what the uninterrupted sweep wrote.
    assert_same(&whole, &dir);
    let _ = std::fs::remove_dir_all(&whole);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_run_is_recorded_and_the_sweep_goes_on() {
    let out = tmp("failing");
    let o = qcity(&[
        "sweep",
        "tests/sweeps/failing.ron",
        "--out",
        out.to_str().unwrap(),
    ]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 runs (0 resumed, 1 failed)"));
    let runs = rows(&out.join("runs.csv"));
    assert_eq!(runs.len(), 4);
    assert_eq!(runs[2]["status"], "error");
    assert!(
        runs[2]["error"].contains("inspector_skill: 5 is out of range"),
        "{}",
        runs[2]["error"]
    );
    assert_eq!(runs[2]["mfg_pass_rate@2027-12"], "NA");
    for i in [0, 1, 3] {
        assert_eq!(runs[i]["status"], "ok");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["failed"], 1);
    let points = rows(&out.join("points.csv"));
    assert_eq!(points[2]["runs_ok"], "0");
    assert_eq!(points[2]["mfg_pass_rate@2027-12:mean"], "NA");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_shipped_sweep_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sweeps");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let o = qcity(&["check", p.to_str().unwrap()]);
        ok(&o);
        assert!(String::from_utf8_lossy(&o.stdout).contains("runs)"));
        n += 1;
    }
    assert!(n >= 3);
}
