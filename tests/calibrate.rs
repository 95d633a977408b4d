//! `qcity calibrate` against a synthetic truth: simulate the model at known parameter values,
//! take its outputs (plus measurement error) as the observations, calibrate, and check that
//! the 90 % posterior intervals hold the truth about 90 % of the time, that the posterior is
//! narrower than the prior where the observations inform a parameter, and that a parameter
//! they cannot inform is reported as unidentified.
//!
//! The coverage check is simulation-based calibration (Talts et al. 2018): truths are drawn
//! from the prior, and one reference table of prior draws serves every truth (ABC rejection
//! with the error model's Gaussian kernel, which is exact for "model + Gaussian error",
//! Wilkinson 2013). Sized for CI: 1,000 reference runs and 40 truths at the smallest scale.

use qcity_calibrate::abc::{self, Particle};
use qcity_calibrate::{Calibration, run};
use std::path::{Path, PathBuf};
use std::process::Command;

fn qcity() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qcity"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A calibration of the food trend (informed by the true food pass rate in 2025 and 2027)
/// and of brand erosion (which no pass rate depends on), with `method`.
fn synthetic_file(dir: &Path, method: &str, values: (f64, f64)) -> PathBuf {
    let base = repo().join("scenarios/business-as-usual.ron");
    let text = format!(
        r#"(
  name: "synthetic",
  base: "{}",
  seed: 99,
  scale: Enterprises(11000),
  horizon: (start: "2023-01", end: "2027-12"),
  parameters: [
    (path: "params.quality.trend_nonconforming_per_year.food", name: "food_trend", prior: Uniform(-0.10, 0.15)),
    (path: "params.brands.erosion_per_year", name: "brand_erosion", prior: Uniform(0.03, 0.12)),
  ],
  observations: [
    (id: "food_pass_rate_true", year: 2025, sd: 0.15, value: {}),
    (id: "food_pass_rate_true", year: 2027, sd: 0.15, value: {}),
  ],
  method: {method},
)
"#,
        base.display(),
        values.0,
        values.1
    );
    let path = dir.join("synthetic.ron");
    std::fs::write(&path, text).unwrap();
    path
}

/// The two simulated values of each of `zs` (one run each, the generation's own seeds).
fn simulate(cal: &Calibration, generation: usize, zs: &[Vec<f64>], dir: &Path) -> Vec<Vec<f64>> {
    let sweep = cal.sweep_for(generation, zs).unwrap();
    qcity_sweep::exec::run(
        &sweep,
        &qcity_sweep::exec::Options {
            out: dir.to_path_buf(),
            resume: false,
            wait: false,
            shard: None,
            threads: 2,
            progress: false,
            analyse: false,
        },
    )
    .unwrap();
    run::read_sims(cal, &dir.join("runs.csv"), zs.len()).unwrap()
}

#[test]
fn ninety_percent_intervals_cover_the_truth_about_ninety_percent_of_the_time() {
    qcity_core::threads::init_for_sweeps();
    let tmp = tempfile::tempdir().unwrap();
    let cal = Calibration::load(&synthetic_file(
        tmp.path(),
        "Rejection(samples: 1000)",
        (0.0, 0.0),
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let n = cal.file.method.particles();
    let (zs, log_q) = run::prior_particles(&cal, n, 1);
    let table = simulate(&cal, 1, &zs, &tmp.path().join("reference"));

    // Truths from the prior, simulated with seeds of their own, observed with error.
    let m = 40usize;
    let truths = abc::from_prior(&cal.priors, m, 4242);
    let truth_sims = simulate(&cal, 77, &truths, &tmp.path().join("truths"));
    let sd = 0.15;
    let (mut covered, mut checks) = ([0usize; 2], 0usize);
    let mut ratios = [Vec::new(), Vec::new()];
    for t in 0..m {
        let fits: Vec<abc::Fit> = (0..2)
            .map(|j| {
                // Box–Muller from the test's own counter-based draws.
                let u1 = abc::uniform(5150, t as u64, 2 * j as u64);
                let u2 = abc::uniform(5150, t as u64, 2 * j as u64 + 1);
                let e = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
                abc::Fit {
                    value: truth_sims[t][j] + sd * e,
                    bound: 0,
                    sigma: sd,
                }
            })
            .collect();
        let particles: Vec<Particle> = zs
            .iter()
            .zip(&log_q)
            .zip(&table)
            .map(|((z, &q), sim)| Particle {
                z: z.clone(),
                log_prior: q,
                log_proposal: q,
                log_lik: abc::log_likelihood(&fits, sim),
            })
            .collect();
        let w = abc::weights(&particles, 1.0);
        checks += 1;
        for k in 0..2 {
            let xs: Vec<f64> = zs.iter().map(|z| z[k]).collect();
            let lo = abc::weighted_quantile(&xs, &w, 0.05);
            let hi = abc::weighted_quantile(&xs, &w, 0.95);
            covered[k] += (lo <= truths[t][k] && truths[t][k] <= hi) as usize;
            let (_, v) = abc::weighted_moments(xs.iter().cloned(), &w);
            ratios[k].push(v.sqrt() / cal.priors[k].moments_z().1);
        }
    }
    let coverage = |k: usize| covered[k] as f64 / checks as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    eprintln!(
        "coverage: food_trend {:.3}, brand_erosion {:.3}; posterior/prior sd: {:.3}, {:.3}",
        coverage(0),
        coverage(1),
        mean(&ratios[0]),
        mean(&ratios[1])
    );
    // 40 truths: the binomial sd of a 90 % coverage is 4.7 points; the band is ±2.5 sd.
    for k in 0..2 {
        assert!(
            (0.78..=1.0).contains(&coverage(k)),
            "parameter {k}: 90 % intervals held the truth in {:.0} % of trials",
            100.0 * coverage(k)
        );
    }
    // Informed: the observations narrow the food trend well inside its prior.
    assert!(
        mean(&ratios[0]) < 0.5,
        "food_trend sd ratio {}",
        mean(&ratios[0])
    );
    // Not informed: brand erosion stays as wide as its prior, and is reported so.
    let unidentified = ratios[1]
        .iter()
        .filter(|r| abc::identification(**r) == "unidentified")
        .count();
    assert!(
        unidentified as f64 >= 0.9 * m as f64,
        "brand erosion reported unidentified in only {unidentified} of {m} trials"
    );
}

/// The command as a user runs it: SMC to temperature 1, outputs written, the same bytes on
/// one thread as on two, `--resume` reusing the finished runs, and `calibrated.ron` a
/// scenario that runs.
#[test]
fn calibrate_writes_a_posterior_that_scenarios_can_base_on() {
    let tmp = tempfile::tempdir().unwrap();
    // The truth: food trend 0.05, erosion at the model's 0.07; values from a run of the model
    // at those settings (food_pass_rate_true in December 2025 and 2027, seed 99's first
    // replicate, 11,000 enterprises: 97.75 and 97.51), rounded.
    let file = synthetic_file(
        tmp.path(),
        "Smc(particles: 120, max_generations: 6)",
        (97.8, 97.55),
    );
    let out1 = tmp.path().join("one");
    let o = qcity()
        .args(["calibrate"])
        .arg(&file)
        .arg("--out")
        .arg(&out1)
        .args(["-j", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("food_trend") && stdout.contains("unidentified"),
        "{stdout}"
    );
    for f in [
        "posterior.csv",
        "parameters.csv",
        "fit.csv",
        "generations.csv",
        "calibrated.ron",
        "pairs.png",
        "pairs.svg",
        "calibration.json",
    ] {
        assert!(out1.join(f).is_file(), "{f} missing");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out1.join("calibration.json")).unwrap()).unwrap();
    assert_eq!(json["converged"], true, "{json}");
    assert!(
        json["generations"].as_u64().unwrap() >= 2,
        "a narrow posterior needs tempering"
    );
    let params = &json["parameters"];
    assert_eq!(params[1]["identification"], "unidentified");
    let (p05, p95) = (
        params[0]["p05"].as_f64().unwrap(),
        params[0]["p95"].as_f64().unwrap(),
    );
    assert!(
        p95 - p05 < 0.5 * 0.25 * 0.9 * 2.0,
        "food trend interval {p05}..{p95}"
    );

    // Same bytes on two threads.
    let out2 = tmp.path().join("two");
    let o = qcity()
        .args(["calibrate", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&out2)
        .args(["-j", "2"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "posterior.csv",
        "parameters.csv",
        "fit.csv",
        "calibrated.ron",
    ] {
        assert_eq!(
            std::fs::read(out1.join(f)).unwrap(),
            std::fs::read(out2.join(f)).unwrap(),
            "{f} differs between 1 and 2 threads"
        );
    }

    // Again into the same directory: refused without --resume, nothing rerun with it.
    let o = qcity()
        .args(["calibrate", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&out1)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
    let o = qcity()
        .args(["calibrate"])
        .arg(&file)
        .arg("--out")
        .arg(&out1)
        .arg("--resume")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let runs = json["particles"].as_u64().unwrap() * json["generations"].as_u64().unwrap();
    assert!(
        stdout.contains(&format!("{runs} runs ({runs} resumed)")),
        "{stdout}"
    );

    // calibrated.ron is a scenario: it checks, and its parameter is the posterior median.
    let cal_ron = std::fs::read_to_string(out1.join("calibrated.ron")).unwrap();
    assert!(
        cal_ron.contains("trend_nonconforming_per_year"),
        "{cal_ron}"
    );
    let s = qcity_core::scenario::load(&out1.join("calibrated.ron"))
        .unwrap_or_else(|e| panic!("{e}\n{cal_ron}"));
    let median = params[0]["p50"].as_f64().unwrap();
    assert_eq!(
        s.params
            .quality
            .trend_nonconforming_per_year
            .get(qcity_core::vocab::Sector::Food),
        median
    );
}

#[test]
fn bad_calibration_files_are_located_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let file = synthetic_file(tmp.path(), "Rejection(samples: 50)", (97.8, 97.55));
    let text = std::fs::read_to_string(&file).unwrap();
    let cases = [
        // An unknown parameter path: found by probing it through the sweep engine.
        (
            text.replace(
                "params.brands.erosion_per_year",
                "params.brands.erosion_per_yaer",
            ),
            "parameters[1].path",
        ),
        // A prior with its ends swapped.
        (
            text.replace("Uniform(0.03, 0.12)", "Uniform(0.12, 0.03)"),
            "parameters[1].prior",
        ),
        // A held-out figure used for calibration.
        (
            text.replace(
                r#"(id: "food_pass_rate_true", year: 2025, sd: 0.15, value: 97.8),"#,
                r#"(id: "ag_pass_rate", year: 2023, sd: 0.15),"#,
            ),
            "held out for validation",
        ),
        // A national level compared with Chongqing's.
        (
            text.replace(
                r#"(id: "food_pass_rate_true", year: 2025, sd: 0.15, value: 97.8),"#,
                r#"(id: "food_pass_rate", year: 2023, scope: National, sd: 0.15),"#,
            ),
            "ChangeSince",
        ),
        // A lever is policy, not an assumption.
        (
            text.replace("params.brands.erosion_per_year", "lever.brand_support"),
            "levers are policy",
        ),
    ];
    for (i, (bad, want)) in cases.iter().enumerate() {
        assert_ne!(bad, &text, "case {i} did not change the file");
        let p = tmp.path().join(format!("bad{i}.ron"));
        std::fs::write(&p, bad).unwrap();
        let out = tmp.path().join(format!("out{i}"));
        let o = qcity()
            .arg("calibrate")
            .arg(&p)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "case {i}: {err}");
        assert!(err.contains(want), "case {i}: expected `{want}` in:\n{err}");
        assert!(
            err.contains(&format!("bad{i}.ron:")),
            "case {i}: not located: {err}"
        );
        assert!(!out.exists(), "case {i}: wrote {}", out.display());
    }
}

/// `qcity validate` as a researcher runs it after a calibration: every held-out figure of
/// the seeds is listed, compared where the model has a counterpart (national figures as
/// changes from the previous published year), the same bytes on any thread count.
#[test]
fn validate_compares_every_held_out_figure_with_the_posterior_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let file = synthetic_file(tmp.path(), "Rejection(samples: 30)", (97.8, 97.55));
    let cal = tmp.path().join("cal");
    let o = qcity()
        .args(["calibrate", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&cal)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut outs = Vec::new();
    for j in ["1", "2"] {
        let out = tmp.path().join(format!("val{j}"));
        let o = qcity()
            .args([
                "validate",
                "scenarios/plan-2023.ron",
                "--draws",
                "6",
                "--replicates",
                "1",
                "-j",
                j,
            ])
            .arg("--calibration")
            .arg(&cal)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(
            o.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            stdout.contains(
                "6 parameter draw(s) of params.quality.trend_nonconforming_per_year.food"
            ),
            "{stdout}"
        );
        assert!(stdout.contains("coverage: "), "{stdout}");
        outs.push(out);
    }
    let csv_text = std::fs::read_to_string(outs[0].join("validation.csv")).unwrap();
    assert_eq!(
        csv_text,
        std::fs::read_to_string(outs[1].join("validation.csv")).unwrap(),
        "validation.csv differs between 1 and 2 threads"
    );
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let seeds = qcity_core::data::observations::embedded();
    let held_out = seeds
        .observations
        .iter()
        .filter(|o| o.role == qcity_core::data::observations::Role::Validation)
        .count();
    assert_eq!(rows.len(), held_out, "every held-out figure is listed");
    // The national MQCI: 85.21 (2023) to 85.6 (2024), compared as the change +0.39.
    let mqci = rows
        .iter()
        .find(|r| &r[0] == "mqci national 2024")
        .expect("mqci row");
    assert!(
        (mqci[5].parse::<f64>().unwrap() - 0.39).abs() < 1e-9,
        "{mqci:?}"
    );
    assert!(mqci[4].starts_with("change 2023-12 to 2024-12"), "{mqci:?}");
    // A part-year figure is listed, not compared.
    let green = rows
        .iter()
        .find(|r| &r[1] == "green_building_share")
        .expect("green row");
    assert_eq!(&green[10], "NA");
    assert!(outs[0].join("fans/mqci_national_2024.png").is_file());
    assert!(outs[0].join("validation.html").is_file());
}

/// `qcity run --posterior`: the replicates run under parameter draws from the posterior, the
/// summary counts every run and says, per target, which parameter its verdict follows.
#[test]
fn run_with_the_posterior_carries_parameter_uncertainty() {
    let tmp = tempfile::tempdir().unwrap();
    let file = synthetic_file(tmp.path(), "Rejection(samples: 30)", (97.8, 97.55));
    let cal = tmp.path().join("cal");
    let o = qcity()
        .args(["calibrate", "-q"])
        .arg(&file)
        .arg("--out")
        .arg(&cal)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = tmp.path().join("run");
    let o = qcity()
        .args([
            "run",
            "scenarios/business-as-usual.ron",
            "--draws",
            "4",
            "-r",
            "1",
            "--no-plots",
        ])
        .arg("--posterior")
        .arg(&cal)
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
        stdout.contains("parameter uncertainty: 4 draws"),
        "{stdout}"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["replicates"], 4, "4 draws × 1 replicate");
    let u = &summary["parameter_uncertainty"];
    assert_eq!(u["draws"], 4);
    let sens = u["sensitivity"].as_array().unwrap();
    // The food pass rate follows the food trend's draws: a higher trend, a lower rate.
    let food = sens
        .iter()
        .find(|v| v["target"] == "food_pass_rate" && v["year"] == 2027)
        .expect("food_pass_rate 2027");
    assert_eq!(
        food["parameter"], "params.quality.trend_nonconforming_per_year.food",
        "{food}"
    );
    assert!(food["rank_correlation"].as_f64().unwrap() < -0.5, "{food}");
}

/// On a cluster: two slices of every generation, run at once by two processes sharing --out,
/// give the same posterior, byte for byte, as one process.
#[test]
fn a_calibration_sliced_across_processes_gives_the_same_posterior() {
    let tmp = tempfile::tempdir().unwrap();
    let file = synthetic_file(
        tmp.path(),
        "Smc(particles: 60, max_generations: 6)",
        (97.8, 97.55),
    );
    let one = tmp.path().join("one");
    let o = qcity()
        .args(["calibrate", "-q", "-j", "2"])
        .arg(&file)
        .arg("--out")
        .arg(&one)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shared = tmp.path().join("shared");
    let spawn = |k: &str| {
        qcity()
            .args(["calibrate", "-j", "1", "--shard", k])
            .arg(&file)
            .arg("--out")
            .arg(&shared)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("1/2"), spawn("2/2"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(String::from_utf8_lossy(&b.stdout).contains("slice 1 writes the outputs"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(one.join("calibration.json")).unwrap()).unwrap();
    assert!(json["generations"].as_u64().unwrap() >= 2, "{json}");
    for f in [
        "posterior.csv",
        "parameters.csv",
        "fit.csv",
        "generations.csv",
        "calibrated.ron",
    ] {
        assert_eq!(
            std::fs::read(one.join(f)).unwrap(),
            std::fs::read(shared.join(f)).unwrap(),
            "{f} differs between one process and two slices"
        );
    }
    // The validation's runs, sliced the same way.
    let validate = |out: &Path, shard: Option<&str>| {
        let mut c = qcity();
        c.args([
            "validate",
            "scenarios/plan-2023.ron",
            "--draws",
            "4",
            "--replicates",
            "1",
            "-q",
            "-j",
            "1",
        ])
        .arg("--calibration")
        .arg(&one)
        .arg("--out")
        .arg(out);
        if let Some(k) = shard {
            c.args(["--shard", k]);
        }
        c.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let v1 = tmp.path().join("v1");
    let v2 = tmp.path().join("v2");
    let whole = validate(&v1, None).wait_with_output().unwrap();
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    let (a, b) = (validate(&v2, Some("1/2")), validate(&v2, Some("2/2")));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(
        a.status.success() && b.status.success(),
        "{}{}",
        String::from_utf8_lossy(&a.stderr),
        String::from_utf8_lossy(&b.stderr)
    );
    assert_eq!(
        std::fs::read(v1.join("validation.csv")).unwrap(),
        std::fs::read(v2.join("validation.csv")).unwrap(),
        "validation.csv differs between one process and two slices"
    );
}
