//! What a calibration writes beside its generations:
//!
//! - `posterior.csv`: the last generation's particles, their weights, log likelihoods and
//!   simulated values of each fitted figure.
//! - `parameters.csv`: per parameter, prior and posterior summaries, the ratio of posterior to
//!   prior standard deviation and whether the observations identify it.
//! - `fit.csv`: per fitted figure, the observation, its error, and the posterior's simulated
//!   5–50–95 % values.
//! - `generations.csv`: temperature and effective sample size per generation.
//! - `calibrated.ron`: a scenario over the base with each parameter at its posterior median,
//!   to `base:` on.
//! - `pairs.png`/`.svg`: the posterior's pair plot over the priors.
//! - `calibration.json`: all of the above in one document, with the calibration's hash.

use crate::abc;
use crate::file::Calibration;
use crate::posterior::{Generation, Posterior};
use qcity_core::error::Error;
use qcity_sweep::fmt_exact;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One parameter's prior and posterior.
#[derive(Debug, Clone, Serialize)]
pub struct ParamSummary {
    pub name: String,
    pub path: String,
    pub prior: String,
    pub prior_p05: f64,
    pub prior_p95: f64,
    pub mean: f64,
    pub sd: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    /// Posterior over prior standard deviation, in z space (log space for log priors).
    pub sd_ratio: f64,
    pub identification: &'static str,
}

/// One fitted figure against the posterior's simulations.
#[derive(Debug, Clone, Serialize)]
pub struct FitSummary {
    pub observation: String,
    pub observed: f64,
    /// "=", "≥" or "≤".
    pub bound: &'static str,
    pub sigma: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    /// The figure lies inside the simulated 5–95 % band (for a bound: the band reaches it).
    pub inside: bool,
    /// (simulated median − observed) / σ.
    pub z: f64,
    pub source: String,
}

fn prior_text(p: &crate::prior::Prior) -> String {
    match p {
        crate::prior::Prior::Uniform(a, b) => format!("Uniform({a}, {b})"),
        crate::prior::Prior::LogUniform(a, b) => format!("LogUniform({a}, {b})"),
        crate::prior::Prior::Normal {
            mean,
            sd,
            low,
            high,
        } => format!("Normal({mean}, {sd}) on ({low}, {high})"),
    }
}

pub fn parameters(cal: &Calibration, g: &Generation) -> Vec<ParamSummary> {
    cal.file
        .parameters
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let prior = &p.prior;
            let zs: Vec<f64> = g.particles.iter().map(|x| x.z[k]).collect();
            let xs: Vec<f64> = zs.iter().map(|&z| prior.from_z(z)).collect();
            let (_, vz) = abc::weighted_moments(zs.iter().cloned(), &g.weights);
            let (m, v) = abc::weighted_moments(xs.iter().cloned(), &g.weights);
            let ratio = vz.sqrt() / prior.moments_z().1;
            ParamSummary {
                name: p.column(),
                path: p.path.clone(),
                prior: prior_text(prior),
                prior_p05: prior.quantile(0.05),
                prior_p95: prior.quantile(0.95),
                mean: m,
                sd: v.sqrt(),
                p05: abc::weighted_quantile(&xs, &g.weights, 0.05),
                p50: abc::weighted_quantile(&xs, &g.weights, 0.5),
                p95: abc::weighted_quantile(&xs, &g.weights, 0.95),
                sd_ratio: ratio,
                identification: abc::identification(ratio),
            }
        })
        .collect()
}

pub fn fits(cal: &Calibration, g: &Generation) -> Vec<FitSummary> {
    cal.terms
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let xs: Vec<f64> = g.sims.iter().map(|s| s[j]).collect();
            let q = |p| abc::weighted_quantile(&xs, &g.weights, p);
            let (p05, p50, p95) = (q(0.05), q(0.5), q(0.95));
            let v = t.fit.value;
            let inside = match t.fit.bound {
                1 => p95 >= v,
                -1 => p05 <= v,
                _ => p05 <= v && v <= p95,
            };
            FitSummary {
                observation: t.label.clone(),
                observed: v,
                bound: match t.fit.bound {
                    1 => "≥",
                    -1 => "≤",
                    _ => "=",
                },
                sigma: t.fit.sigma,
                p05,
                p50,
                p95,
                inside,
                z: (p50 - v) / t.fit.sigma,
                source: t.source.clone(),
            }
        })
        .collect()
}

fn csv_bytes(header: &[String], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// `path` relative to the folder `from` (both made absolute), for a file that names another.
pub fn relative(path: &Path, from: &Path) -> PathBuf {
    let abs = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (p, f) = (abs(path), abs(from));
    let pc: Vec<_> = p.components().collect();
    let fc: Vec<_> = f.components().collect();
    let common = pc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..fc.len() {
        out.push("..");
    }
    for c in &pc[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// A JSON tree of structs and numbers as RON (struct syntax).
fn ron_of(v: &serde_json::Value, indent: usize) -> String {
    match v {
        serde_json::Value::Object(m) => {
            let pad = "  ".repeat(indent + 1);
            let inner: Vec<String> = m
                .iter()
                .map(|(k, x)| format!("{pad}{k}: {},", ron_of(x, indent + 1)))
                .collect();
            format!("(\n{}\n{})", inner.join("\n"), "  ".repeat(indent))
        }
        serde_json::Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{x:.1}")
            } else {
                format!("{x}")
            }
        }
        other => other.to_string(),
    }
}

/// `calibrated.ron`: the base with each parameter at its posterior median.
pub fn calibrated_ron(
    cal: &Calibration,
    params: &[ParamSummary],
    dir: &Path,
) -> Result<String, Error> {
    let (base, _, _) = qcity_core::scenario::load_merged(&cal.base_path).map_err(Error::Input)?;
    let mut tree = serde_json::Value::Object(Default::default());
    // A parameter the observations do not inform keeps the base's value: its posterior median
    // is the prior's, not an estimate.
    for p in params.iter().filter(|p| p.identification != "unidentified") {
        qcity_sweep::set_path(&mut tree, &p.path, serde_json::json!(p.p50))
            .map_err(|e| Error::Other(format!("{}: {e}", p.path)))?;
    }
    let mut out = format!(
        "// Written by `qcity calibrate {}`: the base scenario with each parameter the\n\
         // observations inform at its posterior median (marginal medians; a correlated posterior\n\
         // is better represented by posterior.csv's weighted draws). Parameters they do not\n\
         // inform keep the base's value. Scenarios can `base:` on this file.\n",
        cal.path.display()
    );
    for p in params {
        if p.identification == "unidentified" {
            out.push_str(&format!(
                "// - {}: unidentified (posterior as wide as the prior {}): left at the base's value\n",
                p.path, p.prior
            ));
        } else {
            out.push_str(&format!(
                "// - {}: {} (90 % interval {} to {}; prior {}; {})\n",
                p.path,
                fmt_exact(p.p50),
                fmt_exact(p.p05),
                fmt_exact(p.p95),
                p.prior,
                p.identification
            ));
        }
    }
    out.push_str(&format!(
        "(\n  name: \"{}-calibrated\",\n  description: \"{} with the parameters calibrated by `{}`.\",\n  seed: {},\n  base: \"{}\",\n",
        cal.file.name,
        base.name,
        cal.file.name,
        base.seed,
        relative(&cal.base_path, dir).display()
    ));
    if let serde_json::Value::Object(m) = &tree {
        for (k, v) in m {
            out.push_str(&format!("  {k}: {},\n", ron_of(v, 1)));
        }
    }
    out.push_str(")\n");
    Ok(out)
}

/// Writes every output into `dir`; returns the paths.
pub fn write(cal: &Calibration, post: &Posterior, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let g = post.last();
    let params = parameters(cal, g);
    let fits = fits(cal, g);
    let names = cal.columns();
    let mut files = qcity_core::files::Outputs::new();

    let mut header = vec!["particle".to_string(), "weight".into()];
    header.extend(names.iter().cloned());
    header.push("log_likelihood".into());
    header.extend(cal.terms.iter().map(|t| format!("sim:{}", t.label)));
    let rows = g
        .particles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut r = vec![i.to_string(), fmt_exact(g.weights[i])];
            r.extend(
                p.z.iter()
                    .zip(&cal.priors)
                    .map(|(&z, pr)| fmt_exact(pr.from_z(z))),
            );
            r.push(fmt_exact(p.log_lik));
            r.extend(g.sims[i].iter().map(|&x| fmt_exact(x)));
            r
        })
        .collect();
    files.add("posterior.csv", csv_bytes(&header, rows));

    let header: Vec<String> = [
        "parameter",
        "path",
        "prior",
        "prior_p05",
        "prior_p95",
        "mean",
        "sd",
        "p05",
        "p50",
        "p95",
        "sd_ratio",
        "identification",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = params
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.path.clone(),
                p.prior.clone(),
                fmt_exact(p.prior_p05),
                fmt_exact(p.prior_p95),
                fmt_exact(p.mean),
                fmt_exact(p.sd),
                fmt_exact(p.p05),
                fmt_exact(p.p50),
                fmt_exact(p.p95),
                fmt_exact(p.sd_ratio),
                p.identification.to_string(),
            ]
        })
        .collect();
    files.add("parameters.csv", csv_bytes(&header, rows));

    let header: Vec<String> = [
        "observation",
        "observed",
        "bound",
        "sigma",
        "sim_p05",
        "sim_p50",
        "sim_p95",
        "inside_90",
        "z",
        "source",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = fits
        .iter()
        .map(|f| {
            vec![
                f.observation.clone(),
                fmt_exact(f.observed),
                f.bound.to_string(),
                fmt_exact(f.sigma),
                fmt_exact(f.p05),
                fmt_exact(f.p50),
                fmt_exact(f.p95),
                f.inside.to_string(),
                fmt_exact(f.z),
                f.source.clone(),
            ]
        })
        .collect();
    files.add("fit.csv", csv_bytes(&header, rows));

    let header: Vec<String> = [
        "generation",
        "temperature",
        "effective_sample_size",
        "particles",
        "failed_runs",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = post
        .generations
        .iter()
        .map(|g| {
            vec![
                g.index.to_string(),
                fmt_exact(g.temperature),
                fmt_exact(g.ess),
                g.particles.len().to_string(),
                g.failed.to_string(),
            ]
        })
        .collect();
    files.add("generations.csv", csv_bytes(&header, rows));

    let ron_text = calibrated_ron(cal, &params, dir)?;
    files.add("calibrated.ron", ron_text.into_bytes());

    let draws: Vec<Vec<f64>> = g
        .particles
        .iter()
        .map(|p| {
            p.z.iter()
                .zip(&cal.priors)
                .map(|(&z, pr)| pr.from_z(z))
                .collect()
        })
        .collect();
    let bounds: Vec<(f64, f64)> = cal.priors.iter().map(|p| p.bounds()).collect();
    for (name, bytes) in qcity_report::pairs::draw(&names, &bounds, &draws, &g.weights, None)? {
        files.add(&name, bytes);
    }

    files.add(
        "calibration.json",
        qcity_core::files::to_json(&serde_json::json!({
            "qcity_version": env!("CARGO_PKG_VERSION"),
            "calibration": cal.file.name,
            "calibration_sha256": cal.hash,
            "method": cal.file.method,
            "converged": post.converged,
            "final_temperature": g.temperature,
            "effective_sample_size": g.ess,
            "particles": g.particles.len(),
            "generations": post.generations.len(),
            "parameters": params,
            "fit": fits,
        })),
    );
    files.commit(dir)
}
