//! Running a sweep: one world per run, on all cores, rows streamed to disk in run order.
//!
//! Rows go to `DIR/runs.csv.partial` as runs finish (held back only until the runs before them
//! are done, so the file is always in run order), flushed to disk at least once a second.
//! Memory holds the worlds being run and the few rows waiting for an earlier run, whatever the
//! sweep's length. When every run is done the analysis is written and the partial file becomes
//! `runs.csv`.
//!
//! One process at a time: the directory is locked (see `qcity_core::outdir`), so a requeued
//! job racing a manual `--resume` is refused instead of interleaving rows.
//!
//! Crash safety: after a kill, `--resume` reads the partial file, drops a torn last line, and
//! carries on from the first missing run. `DIR/.sweep-progress.json` records which sweep (by
//! hash) and which shard the partial file belongs to, so a changed sweep file is refused
//! rather than mixed in.

use super::{Shard, Sweep, analysis, fmt_exact};
use qcity_core::error::Error;
use qcity_core::runner::run_replicate;
use std::collections::BTreeMap;
use std::io::{BufRead, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Options {
    pub out: PathBuf,
    pub resume: bool,
    /// Wait for another process writing `out` instead of stopping.
    pub wait: bool,
    pub shard: Option<Shard>,
    pub threads: usize,
    pub progress: bool,
    /// Write the analysis when every run is done (a sweep); `false` leaves only `runs.csv` and
    /// a manifest, for callers that analyse the rows themselves (a calibration's generations).
    pub analyse: bool,
}

/// What the sweep did, for the terminal.
pub struct Report {
    pub runs: u64,
    pub resumed: u64,
    pub failed: u64,
    pub seconds: f64,
    pub written: Vec<PathBuf>,
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq)]
struct Progress {
    sweep_sha256: String,
    shard: Option<Shard>,
}

const PARTIAL: &str = "runs.csv.partial";
const PROGRESS: &str = ".sweep-progress.json";

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// `runs.csv`'s header.
pub fn header(sweep: &Sweep) -> String {
    let mut cols = vec![
        "run".to_string(),
        "point".into(),
        "replicate".into(),
        "seed".into(),
    ];
    cols.extend(sweep.factor_columns());
    cols.extend(sweep.outcome_columns());
    cols.push("status".into());
    cols.push("error".into());
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&cols);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Runs one run and formats its row.
pub fn run_row(sweep: &Sweep, run: u64) -> String {
    let (point, replicate) = sweep.split(run);
    let seed = sweep.seed(point, replicate);
    let values = &sweep.points[point];
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let s = sweep.scenario_for(values, seed)?;
        let s = Arc::new(s);
        let r = run_replicate(s.clone(), 0, &|| {});
        Ok::<Vec<f64>, String>(
            sweep
                .file
                .outcomes
                .iter()
                .map(|o| super::measure(&s, &r, o))
                .collect(),
        )
    }));
    let result = match result {
        Ok(r) => r,
        Err(p) => Err(format!(
            "the model panicked: {}",
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "no message".into())
        )),
    };
    let mut rec = vec![
        run.to_string(),
        point.to_string(),
        replicate.to_string(),
        seed.to_string(),
    ];
    rec.extend(values.iter().map(super::Value::csv));
    match result {
        Ok(v) => {
            rec.extend(v.iter().map(|x| fmt_exact(*x)));
            rec.push("ok".into());
            rec.push(String::new());
        }
        Err(e) => {
            rec.extend(sweep.file.outcomes.iter().map(|_| "NA".to_string()));
            rec.push("error".into());
            // One physical line per row: resume and merge read rows line by line.
            rec.push(
                e.chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect(),
            );
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&rec);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Reads the complete rows of a partial file (after the header), checking they are the
/// shard's first runs in order; returns them and the byte length they fill.
fn read_partial(path: &Path, header: &str, ids: &[u64]) -> Result<(u64, u64), Error> {
    let bad = |m: String| {
        Error::Other(format!(
            "{}: {m}; remove it (and {PROGRESS}) to start the sweep again",
            path.display()
        ))
    };
    let f = std::fs::File::open(path).map_err(io(path))?;
    let mut r = std::io::BufReader::new(f);
    let mut line = String::new();
    let mut len = r.read_line(&mut line).map_err(io(path))? as u64;
    if line != header {
        return Err(bad("its header is not this sweep's".into()));
    }
    let mut done = 0u64;
    loop {
        line.clear();
        let n = r.read_line(&mut line).map_err(io(path))?;
        if n == 0 || !line.ends_with('\n') {
            // The end, or a line torn by the crash: dropped and run again.
            break;
        }
        let id: u64 = line
            .split(',')
            .next()
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| bad(format!("row {} has no run id", done + 1)))?;
        if ids.get(done as usize) != Some(&id) {
            return Err(bad(format!(
                "row {} is run {id}, expected run {:?}",
                done + 1,
                ids.get(done as usize)
            )));
        }
        done += 1;
        len += n as u64;
    }
    Ok((done, len))
}

/// Runs (the rest of) a sweep or one shard of it, then writes the analysis (whole sweeps) or
/// the shard's manifest.
pub fn run(sweep: &Sweep, opts: &Options) -> Result<Report, Error> {
    let started = std::time::Instant::now();
    let dir = &opts.out;
    // One writer per directory: two resumes at once would interleave their rows. Held to the
    // end; the OS releases it if this process dies.
    let lock = qcity_core::outdir::Lock::acquire(dir, opts.wait)?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    qcity_core::outdir::remove_stale_temporaries(dir, &lock);
    let ids: Vec<u64> = (0..sweep.runs())
        .filter(|r| opts.shard.is_none_or(|s| s.holds(*r)))
        .collect();
    let header = header(sweep);
    let partial = dir.join(PARTIAL);
    let progress_path = dir.join(PROGRESS);
    let progress = Progress {
        sweep_sha256: sweep.hash.clone(),
        shard: opts.shard,
    };
    // Resuming a sweep that already finished: nothing to run.
    if opts.resume && !partial.exists() && dir.join("runs.csv").exists() {
        let m: Option<serde_json::Value> = std::fs::read(dir.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let same_sweep = m.as_ref().is_some_and(|m| {
            m["sweep_sha256"] == sweep.hash.as_str()
                && m.get("shard")
                    .and_then(|s| serde_json::from_value::<Shard>(s.clone()).ok())
                    == opts.shard
        });
        if same_sweep {
            return Ok(Report {
                runs: ids.len() as u64,
                resumed: ids.len() as u64,
                failed: analysis::count_failed(
                    &std::fs::read(dir.join("runs.csv")).map_err(io(dir))?,
                ),
                seconds: started.elapsed().as_secs_f64(),
                written: Vec::new(),
            });
        }
    }
    let mut done = 0u64;
    if partial.exists() {
        if !opts.resume {
            return Err(Error::Other(format!(
                "{} holds an unfinished sweep: add --resume to carry on with it, or remove {} to start again",
                dir.display(),
                partial.display()
            )));
        }
        let saved: Option<Progress> = std::fs::read(&progress_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        if saved.as_ref() != Some(&progress) {
            return Err(Error::Other(format!(
                "{} belongs to another sweep file or shard (the sweep changed since it started); remove it to start again",
                partial.display()
            )));
        }
        let (n, len) = read_partial(&partial, &header, &ids)?;
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&partial)
            .map_err(io(&partial))?;
        f.set_len(len).map_err(io(&partial))?;
        done = n;
    } else {
        let mut files = qcity_core::files::Outputs::new();
        files.add(PROGRESS, qcity_core::files::to_json(&progress));
        files.add(PARTIAL, header.clone().into_bytes());
        files.commit(dir)?;
    }
    let resumed = done;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&partial)
        .map_err(io(&partial))?;
    file.seek(std::io::SeekFrom::End(0)).map_err(io(&partial))?;

    let bar = if opts.progress {
        let b = indicatif::ProgressBar::new(ids.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} runs {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b.set_message(sweep.file.name.clone());
        b.set_position(done);
        b
    } else {
        indicatif::ProgressBar::hidden()
    };

    // Workers take the next run id; finished rows wait in `pending` until every earlier run
    // is written.
    struct Sink {
        file: std::fs::File,
        next: usize,
        pending: BTreeMap<usize, String>,
        last_sync: std::time::Instant,
        error: Option<Error>,
    }
    let sink = Mutex::new(Sink {
        file: file.try_clone().map_err(io(&partial))?,
        next: done as usize,
        pending: BTreeMap::new(),
        last_sync: std::time::Instant::now(),
        error: None,
    });
    let cursor = AtomicU64::new(done);
    std::thread::scope(|scope| {
        for _ in 0..opts.threads.max(1) {
            scope.spawn(|| {
                loop {
                    let i = cursor.fetch_add(1, Ordering::Relaxed) as usize;
                    if i >= ids.len() {
                        break;
                    }
                    let row = run_row(sweep, ids[i]);
                    let mut s = sink.lock().unwrap_or_else(|e| e.into_inner());
                    if s.error.is_some() {
                        break;
                    }
                    s.pending.insert(i, row);
                    let mut out = String::new();
                    loop {
                        let next = s.next;
                        match s.pending.remove(&next) {
                            Some(r) => {
                                out.push_str(&r);
                                s.next += 1;
                            }
                            None => break,
                        }
                    }
                    if !out.is_empty() {
                        let res = s.file.write_all(out.as_bytes()).and_then(|_| {
                            if s.last_sync.elapsed().as_secs_f64() >= 1.0 {
                                s.last_sync = std::time::Instant::now();
                                s.file.sync_data()
                            } else {
                                Ok(())
                            }
                        });
                        if let Err(e) = res {
                            s.error = Some(Error::Output {
                                path: partial.clone(),
                                source: e,
                            });
                            break;
                        }
                    }
                    bar.set_position(s.next as u64);
                }
            });
        }
    });
    bar.finish_and_clear();
    let mut s = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = s.error.take() {
        return Err(e);
    }
    s.file.sync_all().map_err(io(&partial))?;
    drop(file);

    // Everything is run: the analysis (or the shard's manifest), then runs.csv.
    let rows = std::fs::read(&partial).map_err(io(&partial))?;
    let files = match opts.shard {
        None if opts.analyse => analysis::finalize(&analysis::SweepInfo::of(sweep), &rows)?,
        None => vec![(
            "manifest.json".to_string(),
            qcity_core::files::to_json(&serde_json::json!({
                "qcity_version": env!("CARGO_PKG_VERSION"),
                "sweep": sweep.file.name,
                "sweep_sha256": sweep.hash,
                "runs": ids.len(),
            })),
        )],
        Some(shard) => vec![(
            "manifest.json".to_string(),
            qcity_core::files::to_json(&analysis::ShardManifest::new(
                sweep,
                shard,
                ids.len() as u64,
            )),
        )],
    };
    let failed = analysis::count_failed(&rows);
    let mut out = qcity_core::files::Outputs::new();
    for (name, bytes) in files {
        out.add(&name, bytes);
    }
    let mut written = out.commit(dir)?;
    let final_path = dir.join("runs.csv");
    std::fs::rename(&partial, &final_path).map_err(io(&final_path))?;
    let _ = std::fs::remove_file(&progress_path);
    written.insert(0, final_path);
    Ok(Report {
        runs: ids.len() as u64,
        resumed,
        failed,
        seconds: started.elapsed().as_secs_f64(),
        written,
    })
}

/// What claims a directory of generations: a calibration or an optimisation.
pub struct Claim<'a> {
    /// What it is, in messages: "calibration", "optimisation".
    pub kind: &'a str,
    /// The progress file kept in the directory (`.calibrate-progress.json`).
    pub progress_file: &'a str,
    /// The progress file's fields: (name key, name) and (hash key, hash of the input).
    pub name: (&'a str, &'a str),
    pub hash: (&'a str, &'a str),
}

/// Claims `dir` for a run of generations (each a sweep in `dir/generations/gNN`): takes its
/// lock unless the run is sliced (then each slice locks its own sweep directories), refuses
/// a directory that holds another run (its input's hash differs), one that already holds
/// this run's generations without `resume` (unsliced), or one that holds other files; then
/// records the progress file. Returns the lock, if one was taken.
pub fn claim_generations(
    dir: &Path,
    claim: &Claim,
    resume: bool,
    wait: bool,
    shard: Option<Shard>,
) -> Result<Option<qcity_core::outdir::Lock>, Error> {
    let io = |source| Error::Output {
        path: dir.to_path_buf(),
        source,
    };
    let lock = match shard {
        None => Some(qcity_core::outdir::Lock::acquire(dir, wait)?),
        Some(_) => None,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let saved: Option<serde_json::Value> = std::fs::read(dir.join(claim.progress_file))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let begun = dir.join("generations").exists();
    let kind = claim.kind;
    match saved {
        Some(s) if s[claim.hash.0] != claim.hash.1 => {
            return Err(Error::Other(format!(
                "{} holds another {kind} (its file or base changed since it started); choose another --out or remove it",
                dir.display()
            )));
        }
        _ if begun && !resume && shard.is_none() => {
            return Err(Error::Other(format!(
                "{} already holds this {kind}'s runs: add --resume to carry on with them (finished generations are reused), or choose another --out",
                dir.display()
            )));
        }
        None if shard.is_none() && dir.read_dir().map_err(io)?.next().is_some() => {
            return Err(Error::Other(format!(
                "{} is not empty and holds no {kind}: choose an empty or new --out",
                dir.display()
            )));
        }
        _ => {}
    }
    let mut files = qcity_core::files::Outputs::new();
    files.add(
        claim.progress_file,
        qcity_core::files::to_json(&serde_json::Value::Object(
            [claim.name, claim.hash]
                .into_iter()
                .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
                .collect(),
        )),
    );
    files.commit(dir)?;
    Ok(lock)
}

/// Runs `sweep` in `dir`, or with `shard` its slice in `dir/shard-K-of-N` and then waits until
/// every slice there has finished this very sweep (the barrier of a run sliced across
/// processes that share `dir`). Returns the sweep's report and the `runs.csv` files that
/// together hold every run.
pub fn run_sliced(
    sweep: &Sweep,
    dir: &Path,
    shard: Option<Shard>,
    threads: usize,
    progress: bool,
    wait: bool,
    label: &str,
) -> Result<(Report, Vec<PathBuf>), Error> {
    let slice = |k: u64, of: u64| dir.join(format!("shard-{k}-of-{of}"));
    let report = run(
        sweep,
        &Options {
            out: match shard {
                Some(s) => slice(s.index, s.of),
                None => dir.to_path_buf(),
            },
            resume: true,
            wait,
            shard,
            threads,
            progress,
            analyse: false,
        },
    )?;
    let files = match shard {
        None => vec![dir.join("runs.csv")],
        Some(s) => {
            let dirs: Vec<PathBuf> = (1..=s.of).map(|k| slice(k, s.of)).collect();
            let mut told = false;
            loop {
                let done = dirs.iter().filter(|d| slice_done(d, &sweep.hash)).count();
                if done == dirs.len() {
                    break;
                }
                if progress && !told {
                    eprintln!(
                        "{label}: waiting for the other slices ({done} of {} done) in {}",
                        dirs.len(),
                        dir.display()
                    );
                    told = true;
                }
                if qcity_core::outdir::interrupted() {
                    return Err(Error::Other("interrupted".into()));
                }
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            dirs.iter().map(|d| d.join("runs.csv")).collect()
        }
    };
    Ok((report, files))
}

/// Whether a slice's directory holds its finished runs of the sweep with this hash.
fn slice_done(dir: &Path, hash: &str) -> bool {
    dir.join("runs.csv").is_file()
        && std::fs::read(dir.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|m| m["sweep_sha256"] == hash)
}
