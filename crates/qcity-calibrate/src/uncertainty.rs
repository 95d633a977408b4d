//! Parameter uncertainty in a run (`qcity run --posterior DIR --draws N`): parameter sets
//! drawn from a calibration's posterior, the scenario under each, and which parameter each
//! target's verdict depends on most, with the value at which it flips.

use qcity_core::error::{Error, InputErrors};
use qcity_core::output::{Summary, VerdictSensitivity};
use qcity_core::scenario::Scenario;
use qcity_core::sim::ReplicateResult;
use std::path::Path;

/// Posterior draws: (parameter paths, values per draw), by systematic resampling of
/// `posterior.csv`'s weights.
pub fn draws(dir: &Path, draws: usize) -> Result<(Vec<String>, Vec<Vec<f64>>), Error> {
    let bad = |m: String| Error::Other(format!("{}: {m}", dir.display()));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("calibration.json")).map_err(|e| {
            bad(format!(
                "no calibration.json ({e}); give a `qcity calibrate` output directory"
            ))
        })?)
        .map_err(|e| bad(format!("calibration.json: {e}")))?;
    let params = json["parameters"]
        .as_array()
        .ok_or_else(|| bad("calibration.json has no parameters".into()))?;
    let paths: Vec<String> = params
        .iter()
        .filter_map(|p| p["path"].as_str().map(str::to_string))
        .collect();
    let names: Vec<String> = params
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect();
    let bytes =
        std::fs::read(dir.join("posterior.csv")).map_err(|e| bad(format!("posterior.csv: {e}")))?;
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| bad(format!("posterior.csv: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let wcol = col("weight").ok_or_else(|| bad("posterior.csv has no weight column".into()))?;
    let pcols: Vec<usize> = names
        .iter()
        .map(|n| col(n).ok_or_else(|| bad(format!("posterior.csv has no column `{n}`"))))
        .collect::<Result<_, _>>()?;
    let mut w = Vec::new();
    let mut xs = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| bad(format!("posterior.csv: {e}")))?;
        let num = |i: usize| {
            rec.get(i)
                .and_then(|x| x.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
        };
        w.push(num(wcol).max(0.0));
        xs.push(pcols.iter().map(|&i| num(i)).collect::<Vec<f64>>());
    }
    let total: f64 = w.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return Err(bad("posterior.csv has no weight".into()));
    }
    // Systematic resampling at fixed offsets: deterministic.
    let mut out = Vec::with_capacity(draws);
    let (mut acc, mut i) = (w[0] / total, 0usize);
    for k in 0..draws {
        let u = (k as f64 + 0.5) / draws as f64;
        while u > acc && i + 1 < w.len() {
            i += 1;
            acc += w[i] / total;
        }
        out.push(xs[i].clone());
    }
    Ok((paths, out))
}

/// The scenario at `path` with each (path, value) set, as sweeps set factors.
pub fn scenario_with(path: &Path, params: &[(String, f64)]) -> Result<Scenario, Error> {
    let (file, text, hash) = qcity_core::scenario::load_merged(path).map_err(Error::Input)?;
    let mut tree = serde_json::to_value(&file).map_err(|e| Error::Other(e.to_string()))?;
    for (p, v) in params {
        qcity_sweep::set_path(&mut tree, p, serde_json::json!(v))
            .map_err(|e| Error::Other(format!("{p}: {e}")))?;
    }
    let file: qcity_core::scenario::ScenarioFile = serde_json::from_value(tree)
        .map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    qcity_core::scenario::resolve_merged(file, &text, path, hash)
        .map_err(|e: InputErrors| Error::Input(e))
}

/// Ranks (average ranks for ties), for Spearman's correlation.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        for k in i..=j {
            r[idx[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    if va > 0.0 && vb > 0.0 {
        cov / (va * vb).sqrt()
    } else {
        0.0
    }
}

/// Spearman's rank correlation.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    pearson(&ranks(a), &ranks(b))
}

/// For each target of `summary`: the parameter whose draws' values its draws' mean values
/// follow most closely (Spearman), and where a least-squares line through them crosses the
/// target (inside the draws' range, else none). `results[i]` ran under draw `i / per_draw`.
pub fn sensitivity(
    s: &Scenario,
    summary: &Summary,
    results: &[ReplicateResult],
    per_draw: usize,
    draws: &[Vec<f64>],
    paths: &[String],
) -> Vec<VerdictSensitivity> {
    // Each target's value in each run.
    let per_run: Vec<Summary> = results
        .iter()
        .map(|r| qcity_core::output::summarise(s, std::slice::from_ref(r)))
        .collect();
    let mut out = Vec::new();
    for t in &summary.targets {
        let means: Vec<f64> = (0..draws.len())
            .map(|d| {
                let vals: Vec<f64> = per_run[d * per_draw..(d + 1) * per_draw]
                    .iter()
                    .filter_map(|x| x.targets.iter().find(|y| y.id == t.id && y.year == t.year))
                    .map(|y| y.projected)
                    .filter(|v| v.is_finite())
                    .collect();
                if vals.is_empty() {
                    f64::NAN
                } else {
                    vals.iter().sum::<f64>() / vals.len() as f64
                }
            })
            .collect();
        let ok: Vec<usize> = (0..draws.len()).filter(|&d| means[d].is_finite()).collect();
        if ok.len() < 3 || paths.is_empty() {
            continue;
        }
        let y: Vec<f64> = ok.iter().map(|&d| means[d]).collect();
        let best = (0..paths.len())
            .map(|k| {
                let x: Vec<f64> = ok.iter().map(|&d| draws[d][k]).collect();
                (k, spearman(&x, &y))
            })
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()).then(b.0.cmp(&a.0)));
        let Some((k, rho)) = best else { continue };
        let x: Vec<f64> = ok.iter().map(|&d| draws[d][k]).collect();
        let n = x.len() as f64;
        let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
        let sxx: f64 = x.iter().map(|v| (v - mx).powi(2)).sum();
        let sxy: f64 = x.iter().zip(&y).map(|(a, b)| (a - mx) * (b - my)).sum();
        let (lo, hi) = x
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let flips_at = if sxx > 0.0 && sxy != 0.0 && t.target.is_finite() {
            let slope = sxy / sxx;
            let at = mx + (t.target - my) / slope;
            (at >= lo && at <= hi).then_some(at)
        } else {
            None
        };
        out.push(VerdictSensitivity {
            target: t.id.clone(),
            year: t.year,
            parameter: paths[k].clone(),
            rank_correlation: rho,
            significant: rho.abs() * (n - 1.0).sqrt() >= 1.96,
            flips_at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_is_one_for_any_monotone_relation_and_handles_ties() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1.0, 8.0, 27.0, 64.0, 125.0];
        assert!((spearman(&a, &b) - 1.0).abs() < 1e-12);
        let c = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert!((spearman(&a, &c) + 1.0).abs() < 1e-12);
        assert_eq!(ranks(&[2.0, 1.0, 2.0]), vec![1.5, 0.0, 1.5]);
    }
}
