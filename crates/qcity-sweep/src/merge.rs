//! `qcity merge DIR... --out DIR`: joins the outputs of a sweep's shards (`--shard K/N`) into
//! one directory, byte for byte what one machine running the whole sweep writes.

use super::analysis::{ShardManifest, SweepInfo, finalize};
use qcity_core::error::{Error, InputError};
use std::path::{Path, PathBuf};

fn input(path: &Path, msg: String) -> Error {
    InputError::file(path, msg).into()
}

/// Merges shard directories into `out` (claimed, so locked, by the caller); returns the files
/// written.
pub fn merge(dirs: &[PathBuf], out: qcity_core::outdir::Target) -> Result<Vec<PathBuf>, Error> {
    let mut shards: Vec<(ShardManifest, Vec<u8>, &PathBuf)> = Vec::new();
    for d in dirs {
        let mpath = d.join("manifest.json");
        let bytes = std::fs::read(&mpath).map_err(|e| {
            input(
                &mpath,
                format!(
                    "cannot read it ({e}); is {} the --out of `qcity sweep --shard`?",
                    d.display()
                ),
            )
        })?;
        let m: ShardManifest = serde_json::from_slice(&bytes).map_err(|e| {
            input(
                &mpath,
                format!("not a shard's manifest ({e}); only the outputs of `qcity sweep --shard K/N` can be merged"),
            )
        })?;
        if m.shard.of == 0 || m.shard.index == 0 || m.shard.index > m.shard.of {
            return Err(input(
                &mpath,
                format!(
                    "shard {}/{} is not a valid slice",
                    m.shard.index, m.shard.of
                ),
            ));
        }
        // A sweep still running (or stopped) there: any runs.csv beside it is an older one.
        if d.join("runs.csv.partial").exists() || d.join(".sweep-progress.json").exists() {
            return Err(input(
                d,
                format!(
                    "shard {}/{} is unfinished: rerun it with --resume",
                    m.shard.index, m.shard.of
                ),
            ));
        }
        let rpath = d.join("runs.csv");
        let rows =
            std::fs::read(&rpath).map_err(|e| input(&rpath, format!("cannot read it: {e}")))?;
        shards.push((m, rows, d));
    }
    let first = &shards[0].0;
    let n = first.shard.of;
    for (m, _, d) in &shards {
        if m.sweep_sha256 != first.sweep_sha256 {
            return Err(input(
                d,
                format!(
                    "shard of another sweep (hash {}…, the first is {}…): all shards must come from the same sweep file",
                    m.sweep_sha256.chars().take(12).collect::<String>(),
                    first.sweep_sha256.chars().take(12).collect::<String>()
                ),
            ));
        }
        if m.qcity_version != first.qcity_version {
            return Err(input(
                d,
                format!(
                    "made by qcity {}, the first shard by {}: run every shard with one build",
                    m.qcity_version, first.qcity_version
                ),
            ));
        }
        if m.shard.of != n {
            return Err(input(
                d,
                format!("shard {}/{} among shards of {n}", m.shard.index, m.shard.of),
            ));
        }
    }
    let mut by_index: Vec<Option<usize>> = vec![None; n as usize];
    for (i, (m, _, d)) in shards.iter().enumerate() {
        let slot = &mut by_index[(m.shard.index - 1) as usize];
        if slot.is_some() {
            return Err(input(
                d,
                format!("shard {}/{n} is given twice", m.shard.index),
            ));
        }
        *slot = Some(i);
    }
    if let Some(k) = by_index.iter().position(Option::is_none) {
        return Err(Error::Other(format!(
            "shard {}/{n} is missing: merge needs all {n} shards",
            k + 1
        )));
    }
    let order: Vec<usize> = by_index.into_iter().flatten().collect();
    // Split each shard into its header and rows; run r is row r / n of shard r mod n.
    let mut header: Option<&[u8]> = None;
    let mut lines: Vec<Vec<&[u8]>> = Vec::new();
    for &i in &order {
        let (_, rows, d) = &shards[i];
        let mut it = rows.split_inclusive(|b| *b == b'\n');
        let h = it.next().unwrap_or_default();
        match header {
            None => header = Some(h),
            Some(x) if x != h => {
                return Err(input(
                    d,
                    "runs.csv has another header than the first shard's".into(),
                ));
            }
            _ => {}
        }
        lines.push(it.collect());
    }
    let total = first.runs_in_sweep;
    let mut text: Vec<u8> = header.unwrap_or_default().to_vec();
    for r in 0..total {
        let s = (r % n) as usize;
        let row = lines[s].get((r / n) as usize).ok_or_else(|| {
            input(
                &shards[order[s]].2.join("runs.csv"),
                format!("run {r} is missing: the shard has {} rows", lines[s].len()),
            )
        })?;
        let id = row.split(|b| *b == b',').next().unwrap_or_default();
        if id != r.to_string().as_bytes() {
            return Err(input(
                &shards[order[s]].2.join("runs.csv"),
                format!("expected run {r}, found `{}`", String::from_utf8_lossy(id)),
            ));
        }
        text.extend_from_slice(row);
    }
    let (points, unit) = super::expand(&first.sweep_file)
        .map_err(|(f, m)| Error::Other(format!("the shards' sweep file: {f}: {m}")))?;
    let info = SweepInfo {
        file: first.sweep_file.clone(),
        hash: first.sweep_sha256.clone(),
        points,
        unit,
    };
    let files = finalize(&info, &text)?;
    let mut o = vec![("runs.csv".to_string(), text)];
    o.extend(files);
    out.publish(o)
}
