//! What a finished sweep writes beside `runs.csv`, computed from `runs.csv`'s text alone (so
//! a merged set of shards gives the same bytes as one machine):
//!
//! - `points.csv`: per design point, the factor values, the runs that finished, and each
//!   outcome's mean and standard deviation over replicates (for `met:` outcomes the mean is
//!   the probability of meeting the target);
//! - `sensitivity.csv`: Sobol first-order and total indices with confidence half-widths
//!   (Sobol designs), or Morris μ, μ*, σ and μ*'s confidence half-width (Morris designs), per
//!   outcome and factor, over the point means;
//! - `salib/`: `problem.csv`, `X.txt` and one `Y_<outcome>.txt` per outcome, for SALib's
//!   command line (`salib/COMMANDS.txt` lists the commands);
//! - `ema/results.tar.gz`: EMA Workbench's `save_results` archive (and its members beside
//!   it), for `ema_workbench.load_results`;
//! - `manifest.json`: the sweep, its hash, the seed rule, counts, and what was analysed.

use super::{Design, Sweep, SweepFile, Value, sensitivity};
use qcity_core::error::Error;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// What the analysis needs of a sweep: its file, hash and expanded design.
pub struct SweepInfo {
    pub file: SweepFile,
    pub hash: String,
    pub points: Vec<Vec<Value>>,
    pub unit: Option<Vec<Vec<f64>>>,
}

impl SweepInfo {
    pub fn of(s: &Sweep) -> Self {
        Self {
            file: s.file.clone(),
            hash: s.hash.clone(),
            points: s.points.clone(),
            unit: s.unit.clone(),
        }
    }

    fn factor_columns(&self) -> Vec<String> {
        self.file.factors.iter().map(|f| f.column()).collect()
    }

    fn outcome_columns(&self) -> Vec<String> {
        self.file.outcomes.iter().map(|o| o.column()).collect()
    }

    fn runs(&self) -> u64 {
        self.points.len() as u64 * self.file.replicates as u64
    }
}

/// A shard's `manifest.json`: enough for `qcity merge` to check the shards belong together and
/// to rebuild the sweep's analysis.
#[derive(Serialize, Deserialize)]
pub struct ShardManifest {
    pub qcity_version: String,
    pub sweep: String,
    pub sweep_sha256: String,
    pub shard: super::Shard,
    pub runs_in_shard: u64,
    pub runs_in_sweep: u64,
    /// The sweep file as resolved (JSON), from which merge rebuilds the design.
    pub sweep_file: SweepFile,
}

impl ShardManifest {
    pub fn new(s: &Sweep, shard: super::Shard, runs: u64) -> Self {
        Self {
            qcity_version: env!("CARGO_PKG_VERSION").into(),
            sweep: s.file.name.clone(),
            sweep_sha256: s.hash.clone(),
            shard,
            runs_in_shard: runs,
            runs_in_sweep: s.runs(),
            sweep_file: s.file.clone(),
        }
    }
}

/// Failed runs in a `runs.csv` text.
pub fn count_failed(rows: &[u8]) -> u64 {
    let mut r = csv::Reader::from_reader(rows);
    let status = r
        .headers()
        .ok()
        .and_then(|h| h.iter().position(|c| c == "status"));
    let Some(status) = status else { return 0 };
    r.records()
        .filter_map(Result::ok)
        .filter(|rec| rec.get(status) == Some("error"))
        .count() as u64
}

/// One run read back from `runs.csv`.
struct RunRow {
    point: usize,
    ok: bool,
    outcomes: Vec<f64>,
}

fn parse_rows(info: &SweepInfo, rows: &[u8]) -> Result<Vec<RunRow>, Error> {
    let bad = |m: String| Error::Other(format!("runs.csv: {m}"));
    let mut r = csv::Reader::from_reader(rows);
    let header = r.headers().map_err(|e| bad(e.to_string()))?.clone();
    let k = info.file.factors.len();
    let m = info.file.outcomes.len();
    if header.len() != 4 + k + m + 2 {
        return Err(bad("its columns are not this sweep's".into()));
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let run: u64 = rec[0]
            .parse()
            .map_err(|_| bad(format!("row {}: bad run id", i + 1)))?;
        if run != i as u64 {
            return Err(bad(format!(
                "row {} holds run {run}: runs missing or out of order",
                i + 1
            )));
        }
        let point: usize = rec[1]
            .parse()
            .ok()
            .filter(|p| *p < info.points.len())
            .ok_or_else(|| bad(format!("row {}: bad point `{}`", i + 1, &rec[1])))?;
        let outcomes = (0..m)
            .map(|j| rec[4 + k + j].parse::<f64>().unwrap_or(f64::NAN))
            .collect();
        out.push(RunRow {
            point,
            ok: &rec[4 + k + m] == "ok",
            outcomes,
        });
    }
    if out.len() as u64 != info.runs() {
        return Err(bad(format!(
            "{} runs, the sweep has {}",
            out.len(),
            info.runs()
        )));
    }
    Ok(out)
}

/// Per point and outcome: (mean, sd, runs ok) over the point's replicates that finished.
fn point_stats(info: &SweepInfo, rows: &[RunRow]) -> Vec<(usize, Vec<(f64, f64)>)> {
    let m = info.file.outcomes.len();
    let mut acc: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); m]; info.points.len()];
    let mut ok = vec![0usize; info.points.len()];
    for r in rows.iter().filter(|r| r.ok) {
        ok[r.point] += 1;
        for (j, v) in r.outcomes.iter().enumerate() {
            if v.is_finite() {
                acc[r.point][j].push(*v);
            }
        }
    }
    acc.into_iter()
        .zip(ok)
        .map(|(per, n)| {
            let stats = per
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        return (f64::NAN, f64::NAN);
                    }
                    let mean = v.iter().sum::<f64>() / v.len() as f64;
                    let sd = if v.len() > 1 {
                        (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64)
                            .sqrt()
                    } else {
                        f64::NAN
                    };
                    (mean, sd)
                })
                .collect();
            (n, stats)
        })
        .collect()
}

fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

use super::fmt_exact as num;

/// A file-name-safe form of an outcome column.
pub fn file_stem(column: &str) -> String {
    column
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// What the analysis found, for the manifest.
#[derive(Serialize)]
struct Analysed {
    method: &'static str,
    /// Why there are no indices, or which design blocks were left out.
    note: String,
}

/// Builds every analysis file from the sweep and the text of its complete `runs.csv`.
pub fn finalize(info: &SweepInfo, rows_text: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let rows = parse_rows(info, rows_text)?;
    let stats = point_stats(info, &rows);
    let factors = info.factor_columns();
    let outcomes = info.outcome_columns();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // points.csv
    let mut table = Vec::new();
    let mut head = vec!["point".to_string()];
    head.extend(factors.iter().cloned());
    head.push("runs_ok".into());
    for o in &outcomes {
        head.push(format!("{o}:mean"));
        head.push(format!("{o}:sd"));
    }
    table.push(head);
    for (p, (n, st)) in stats.iter().enumerate() {
        let mut row = vec![p.to_string()];
        row.extend(info.points[p].iter().map(Value::csv));
        row.push(n.to_string());
        for (mean, sd) in st {
            row.push(num(*mean));
            row.push(num(*sd));
        }
        table.push(row);
    }
    files.push(("points.csv".into(), csv_bytes(&table)));

    // Sensitivity over the point means.
    let means: Vec<Vec<f64>> = (0..outcomes.len())
        .map(|j| stats.iter().map(|(_, st)| st[j].0).collect())
        .collect();
    let seed = info.file.seed ^ 0x5EED_A11A_1515;
    let mut analysed = Analysed {
        method: "none",
        note: String::new(),
    };
    match (&info.file.design, &info.unit) {
        (Design::Sobol { second_order, .. }, Some(_)) => {
            analysed.method = "sobol";
            files.extend(sobol_files(
                &factors,
                &outcomes,
                &means,
                *second_order,
                seed,
                info,
                &mut analysed.note,
            ));
        }
        (Design::Morris { levels, .. }, Some(unit)) => {
            analysed.method = "morris";
            files.push(morris_file(
                &factors,
                &outcomes,
                &means,
                unit,
                *levels,
                seed,
                info,
                &mut analysed.note,
            ));
        }
        _ => {
            analysed.note = "Sensitivity indices need a Sobol or Morris design; points.csv has each point's means, and salib/ the files for SALib's sample-free methods (delta, rbd_fast, pawn).".into();
        }
    }

    files.extend(salib_files(info, &means));
    files.extend(ema_files(info, &rows)?);

    #[derive(Serialize)]
    struct Manifest<'a> {
        qcity_version: &'static str,
        sweep: &'a str,
        sweep_sha256: &'a str,
        description: &'a str,
        runs: u64,
        failed: u64,
        points: usize,
        replicates: u32,
        seeds: &'static str,
        factors: Vec<String>,
        outcomes: Vec<String>,
        analysis: Analysed,
        sweep_file: &'a SweepFile,
    }
    let failed = rows.iter().filter(|r| !r.ok).count() as u64;
    files.push((
        "manifest.json".into(),
        qcity_core::files::to_json(&Manifest {
            qcity_version: env!("CARGO_PKG_VERSION"),
            sweep: &info.file.name,
            sweep_sha256: &info.hash,
            description: &info.file.description,
            runs: info.runs(),
            failed,
            points: info.points.len(),
            replicates: info.file.replicates,
            seeds: "seed = mix64(mix64(sweep.seed ^ p·0x9E3779B97F4A7C15) ^ (replicate+1)·0xD6E8FEB86659FD93), p = point+1 (0 with common random numbers); each run is replicate 0 of its base scenario with that seed",
            factors,
            outcomes,
            analysis: analysed,
            sweep_file: &info.file,
        }),
    ));
    Ok(files)
}

/// For each outcome, the design's blocks (Sobol base samples, Morris trajectories) whose
/// every point has a mean: calls `analyse` with the outcome, the blocks kept and their point
/// means, and notes what was left out and any outcome that got no indices.
fn each_outcome(
    outcomes: &[String],
    means: &[Vec<f64>],
    block: usize,
    blocks_are: &str,
    note: &mut String,
    mut analyse: impl FnMut(&str, &[usize], Vec<f64>) -> Result<(), String>,
) {
    for (j, o) in outcomes.iter().enumerate() {
        let kept: Vec<usize> = means[j]
            .chunks(block)
            .enumerate()
            .filter(|(_, c)| c.iter().all(|v| v.is_finite()))
            .map(|(b, _)| b)
            .collect();
        let dropped = means[j].len() / block - kept.len();
        if dropped > 0 {
            let _ = write!(
                note,
                "{o}: {dropped} {blocks_are} left out (a point had no finished run). "
            );
        }
        let y: Vec<f64> = kept
            .iter()
            .flat_map(|&b| means[j][b * block..(b + 1) * block].iter().copied())
            .collect();
        if let Err(e) = analyse(o, &kept, y) {
            let _ = write!(note, "{o}: no indices: {e}. ");
        }
    }
}

/// A CSV table's header row.
fn header(names: &[&str]) -> Vec<Vec<String>> {
    vec![names.iter().map(|s| s.to_string()).collect()]
}

/// `sensitivity.csv` (and `sensitivity_s2.csv` for second-order designs) of a Sobol design.
#[allow(clippy::too_many_arguments)]
fn sobol_files(
    factors: &[String],
    outcomes: &[String],
    means: &[Vec<f64>],
    second_order: bool,
    seed: u64,
    info: &SweepInfo,
    note: &mut String,
) -> Vec<(String, Vec<u8>)> {
    let opts = &info.file.analysis;
    let k = factors.len();
    let block = if second_order { 2 * k + 2 } else { k + 2 };
    let mut t = header(&["outcome", "factor", "S1", "S1_conf", "ST", "ST_conf"]);
    let mut s2_rows = header(&["outcome", "factor_i", "factor_j", "S2", "S2_conf"]);
    each_outcome(outcomes, means, block, "base samples", note, |o, _, y| {
        let ix =
            sensitivity::sobol_analyze(&y, k, second_order, opts.bootstrap, opts.confidence, seed)
                .map_err(|e| e.to_string())?;
        for (i, f) in factors.iter().enumerate() {
            t.push(vec![
                o.to_string(),
                f.clone(),
                num(ix.s1[i]),
                num(ix.s1_conf[i]),
                num(ix.st[i]),
                num(ix.st_conf[i]),
            ]);
        }
        if let (Some(s2), Some(c2)) = (&ix.s2, &ix.s2_conf) {
            for a in 0..k {
                for b in a + 1..k {
                    s2_rows.push(vec![
                        o.to_string(),
                        factors[a].clone(),
                        factors[b].clone(),
                        num(s2[a][b]),
                        num(c2[a][b]),
                    ]);
                }
            }
        }
        Ok(())
    });
    let mut files = vec![("sensitivity.csv".into(), csv_bytes(&t))];
    if second_order {
        files.push(("sensitivity_s2.csv".into(), csv_bytes(&s2_rows)));
    }
    files
}

/// `sensitivity.csv` of a Morris design.
#[allow(clippy::too_many_arguments)]
fn morris_file(
    factors: &[String],
    outcomes: &[String],
    means: &[Vec<f64>],
    unit: &[Vec<f64>],
    levels: usize,
    seed: u64,
    info: &SweepInfo,
    note: &mut String,
) -> (String, Vec<u8>) {
    let opts = &info.file.analysis;
    let k = factors.len();
    let block = k + 1;
    let mut t = header(&[
        "outcome",
        "factor",
        "mu",
        "mu_star",
        "sigma",
        "mu_star_conf",
    ]);
    each_outcome(
        outcomes,
        means,
        block,
        "trajectories",
        note,
        |o, kept, y| {
            let x: Vec<Vec<f64>> = kept
                .iter()
                .flat_map(|&b| unit[b * block..(b + 1) * block].iter().cloned())
                .collect();
            let ix = sensitivity::morris_analyze(
                &x,
                &y,
                k,
                levels,
                opts.bootstrap,
                opts.confidence,
                seed,
            )
            .map_err(|e| e.to_string())?;
            for (i, f) in factors.iter().enumerate() {
                t.push(vec![
                    o.to_string(),
                    f.clone(),
                    num(ix.mu[i]),
                    num(ix.mu_star[i]),
                    num(ix.sigma[i]),
                    num(ix.mu_star_conf[i]),
                ]);
            }
            Ok(())
        },
    );
    ("sensitivity.csv".into(), csv_bytes(&t))
}

/// SALib's inputs: the problem, the design in factor units, and one output file per outcome
/// (point means, one per design row), with the commands to run.
fn salib_files(info: &SweepInfo, means: &[Vec<f64>]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut problem = String::new();
    for f in &info.file.factors {
        let (lo, hi) = match f.range {
            Some(r) => r,
            None => {
                let nums: Vec<f64> = f.values.iter().filter_map(Value::number).collect();
                (
                    nums.iter().copied().fold(f64::INFINITY, f64::min),
                    nums.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                )
            }
        };
        let _ = writeln!(
            problem,
            "{},{},{}",
            file_stem(&f.column()),
            num(lo),
            num(hi)
        );
    }
    out.push(("salib/problem.csv".into(), problem.into_bytes()));
    let mut x = String::new();
    for p in &info.points {
        let row: Vec<String> = p
            .iter()
            .map(|v| v.number().map_or("nan".into(), num))
            .collect();
        let _ = writeln!(x, "{}", row.join(" "));
    }
    out.push(("salib/X.txt".into(), x.into_bytes()));
    let mut commands = String::from(
        "# SALib command lines for this sweep's outputs (pip install SALib), run from this folder.\n# Each Y file holds one value per design row (X.txt), the mean over the point's replicates.\n",
    );
    for (j, o) in info.file.outcomes.iter().enumerate() {
        let stem = format!("Y_{}", file_stem(&o.column()));
        let mut y = String::new();
        for v in &means[j] {
            let _ = writeln!(y, "{}", if v.is_finite() { num(*v) } else { "nan".into() });
        }
        out.push((format!("salib/{stem}.txt"), y.into_bytes()));
        let cmd = match &info.file.design {
            Design::Sobol { second_order, .. } => format!(
                "salib analyze sobol -p problem.csv -Y {stem}.txt -c 0 --max-order {} -r 1000 --seed 1",
                if *second_order { 2 } else { 1 }
            ),
            Design::Morris { levels, .. } => format!(
                "salib analyze morris -p problem.csv -X X.txt -Y {stem}.txt -c 0 -l {levels} -r 1000 --seed 1"
            ),
            Design::LatinHypercube { .. } => {
                format!(
                    "salib analyze delta -p problem.csv -X X.txt -Y {stem}.txt -c 0 -r 100 --seed 1"
                )
            }
            _ => String::new(),
        };
        if !cmd.is_empty() {
            let _ = writeln!(commands, "{cmd}");
        }
    }
    if matches!(
        info.file.design,
        Design::FullFactorial { .. } | Design::List { .. }
    ) {
        commands.push_str("# SALib's analyzers need a sampled design (Sobol, Morris or a Latin hypercube); for this\n# grid, read the point means in ../points.csv.\n");
    }
    out.push(("salib/COMMANDS.txt".into(), commands.into_bytes()));
    out
}

/// EMA Workbench's `save_results` archive (`ema/results.tar.gz`, read by
/// `ema_workbench.load_results`): `experiments.csv` (one row per run: the factors, run,
/// replicate and seed, then the workbench's scenario, policy and model columns),
/// `metadata.json` (column dtypes and the outcome list), and one `<outcome>.cls` per outcome
/// (`ScalarOutcome`, one value per line, `nan` where a run failed). The archive's bytes are
/// fixed (zero times, owners and modes), so merged shards give the same file.
fn ema_files(info: &SweepInfo, rows: &[RunRow]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let factors = info.factor_columns();
    let mut head: Vec<String> = factors.clone();
    head.extend(["run", "replicate", "scenario", "policy", "model"].map(String::from));
    let mut table = vec![head];
    let reps = info.file.replicates as u64;
    for (run, r) in rows.iter().enumerate() {
        let mut row: Vec<String> = info.points[r.point].iter().map(Value::csv).collect();
        row.push(run.to_string());
        row.push((run as u64 % reps).to_string());
        row.push(r.point.to_string());
        row.push("0".into());
        row.push(info.file.name.clone());
        table.push(row);
    }
    let experiments = csv_bytes(&table);
    let mut dtypes = serde_json::Map::new();
    for (f, c) in info.file.factors.iter().zip(&factors) {
        let numeric = f.range.is_some() || f.values.iter().all(|v| matches!(v, Value::Number(_)));
        let bool_only = f.values.iter().all(|v| matches!(v, Value::Bool(_))) && f.range.is_none();
        let t = if bool_only {
            "bool"
        } else if numeric {
            "float64"
        } else {
            "category"
        };
        dtypes.insert(c.clone(), t.into());
    }
    dtypes.insert("run".into(), "int64".into());
    dtypes.insert("replicate".into(), "int64".into());
    for c in ["scenario", "policy", "model"] {
        dtypes.insert(c.into(), "category".into());
    }
    let mut members: Vec<(String, Vec<u8>)> = vec![("experiments.csv".into(), experiments)];
    let mut outcomes = Vec::new();
    for (j, o) in info.file.outcomes.iter().enumerate() {
        let name = file_stem(&o.column());
        let file = format!("{name}.cls");
        let mut text = String::new();
        for r in rows {
            let v = r.outcomes[j];
            // Floats written as floats (a bare `1` would load as an integer).
            let s = if !v.is_finite() {
                "nan".to_string()
            } else if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v:.1}")
            } else {
                format!("{v}")
            };
            let _ = writeln!(text, "{s}");
        }
        outcomes.push(serde_json::json!(["ScalarOutcome", name, file]));
        members.push((file, text.into_bytes()));
    }
    let metadata = serde_json::json!({
        "version": 0.1,
        "outcomes": outcomes,
        "experiments": dtypes,
    });
    members.push((
        "metadata.json".into(),
        qcity_core::files::to_json(&metadata),
    ));

    let gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    let fail = |e: std::io::Error| Error::Other(format!("building ema/results.tar.gz: {e}"));
    for (name, bytes) in &members {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, name, bytes.as_slice())
            .map_err(fail)?;
    }
    let archive = tar.into_inner().and_then(|gz| gz.finish()).map_err(fail)?;
    let mut out: Vec<(String, Vec<u8>)> = members
        .into_iter()
        .map(|(n, b)| (format!("ema/{n}"), b))
        .collect();
    out.push(("ema/results.tar.gz".into(), archive));
    Ok(out)
}
