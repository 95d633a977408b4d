//! Reading scenario files: a file, its chain of bases, and the resolved scenario.

use super::file::ScenarioFile;
use super::resolve::resolve;
use super::resolved::Scenario;
use crate::error::{InputError, InputErrors};
use crate::files::parse_ron;
use std::path::{Path, PathBuf};

/// Reads, checks and resolves one scenario file.
pub fn load(path: &Path) -> Result<Scenario, InputErrors> {
    let (file, text, hash) = load_merged(path)?;
    resolve(file, &text, path, hash)
}

/// Reads a scenario file and lays it over its chain of bases, without resolving it: what a
/// sweep varies. Returns the merged file, the file's own text (for locating errors) and the
/// SHA-256 of the file and its bases.
pub fn load_merged(path: &Path) -> Result<(ScenarioFile, String, String), InputErrors> {
    let (text, bytes) = crate::files::read_text(path, "scenario")?;
    let file: ScenarioFile = parse_ron(&text, path)?;
    let (file, base_hash) = with_base(file, &text, path, &mut chain_start(path))?;
    let hash = crate::files::sha256_hex(&[bytes, base_hash.into_bytes()].concat());
    Ok((file, text, hash))
}

/// Resolves a merged scenario file (see [`load_merged`]): defaults, data and every check.
/// `text` and `path` locate errors; `file_hash` goes into the manifest.
pub fn resolve_merged(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    file_hash: String,
) -> Result<Scenario, InputErrors> {
    resolve(file, text, path, file_hash)
}

/// The files of a chain of bases so far, as the OS names them (to find a cycle) and as the
/// user wrote them (to show it).
type Chain = Vec<(PathBuf, PathBuf)>;

fn chain_start(path: &Path) -> Chain {
    vec![(
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        path.to_path_buf(),
    )]
}

/// `p` without `dir/../` detours, for messages (`aux/../bad/b.ron` → `bad/b.ron`).
fn tidy(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Loads the chain of bases under `file`, checking each on its own, and lays `file` over it.
/// Returns the merged file and the bases' hash (empty if none). `chain` holds the files that
/// lead here, so that a base naming one of them is reported as the cycle it makes.
fn with_base(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    chain: &mut Chain,
) -> Result<(ScenarioFile, String), InputErrors> {
    let Some(rel) = file.base.clone() else {
        return Ok((file, String::new()));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let base_path = tidy(&dir.join(&rel));
    let real = std::fs::canonicalize(&base_path).unwrap_or_else(|_| base_path.clone());
    if let Some(i) = chain.iter().position(|(r, _)| *r == real) {
        let cycle: Vec<String> = chain[i..]
            .iter()
            .map(|(_, shown)| shown.display().to_string())
            .chain(std::iter::once(base_path.display().to_string()))
            .collect();
        return Err(InputError::located(
            path,
            text,
            "base",
            format!(
                "the bases form a cycle: {}; a scenario cannot be its own base",
                cycle.join(" → ")
            ),
        )
        .into());
    }
    if chain.len() > 16 {
        return Err(InputError::located(
            path,
            text,
            "base",
            "bases nest more than 16 deep: flatten the chain".into(),
        )
        .into());
    }
    let (base_text, bytes) = crate::files::read_text(&base_path, "base scenario").map_err(|e| {
        if e.line == 0 {
            // The file as a whole (missing, a pipe, too large): point at the `base:` naming it.
            InputError::located(
                path,
                text,
                "base",
                format!("{}: {}", base_path.display(), e.message),
            )
        } else {
            e
        }
    })?;
    let base: ScenarioFile = parse_ron(&base_text, &base_path)?;
    chain.push((real, base_path.clone()));
    let (base, deeper) = with_base(base, &base_text, &base_path, chain)?;
    // The base must be valid on its own: its errors are reported against its own file.
    resolve(base.clone(), &base_text, &base_path, String::new())?;
    let hash = crate::files::sha256_hex(&[bytes, deeper.into_bytes()].concat());
    Ok((
        file.over(base, base_path.parent().unwrap_or(Path::new("."))),
        hash,
    ))
}

/// Reads, checks and resolves a scenario given as text; `path` names it in errors and anchors
/// relative data paths.
pub fn from_str(text: &str, path: &Path) -> Result<Scenario, InputErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: ScenarioFile = parse_ron(text, path)?;
    let (file, base_hash) = with_base(file, text, path, &mut chain_start(path))?;
    resolve(
        file,
        text,
        path,
        crate::files::sha256_hex(format!("{text}{base_hash}").as_bytes()),
    )
}
