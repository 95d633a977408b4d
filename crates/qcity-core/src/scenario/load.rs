//! Reading scenario files: a file, its chain of bases, and the resolved scenario.

use super::file::ScenarioFile;
use super::resolve::resolve;
use super::resolved::Scenario;
use crate::error::{InputError, InputErrors};
use crate::files::parse_ron;
use std::path::Path;

/// Reads, checks and resolves one scenario file.
pub fn load(path: &Path) -> Result<Scenario, InputErrors> {
    let (file, text, hash) = load_merged(path)?;
    resolve(file, &text, path, hash)
}

/// Reads a scenario file and lays it over its chain of bases, without resolving it: what a
/// sweep varies. Returns the merged file, the file's own text (for locating errors) and the
/// SHA-256 of the file and its bases.
pub fn load_merged(path: &Path) -> Result<(ScenarioFile, String, String), InputErrors> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::file(path, format!("cannot read the scenario: {e}")))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|e| InputError::file(path, format!("not UTF-8 text: {e}")))?;
    let file: ScenarioFile = parse_ron(&text, path)?;
    let (file, base_hash) = with_base(file, &text, path, 0)?;
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

/// Loads the chain of bases under `file`, checking each on its own, and lays `file` over it.
/// Returns the merged file and the bases' hash (empty if none).
fn with_base(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    depth: u32,
) -> Result<(ScenarioFile, String), InputErrors> {
    let Some(rel) = file.base.clone() else {
        return Ok((file, String::new()));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let base_path = dir.join(&rel);
    if depth >= 8 {
        return Err(InputError::located(
            path,
            text,
            "base",
            "bases nest more than 8 deep: is there a cycle?".into(),
        )
        .into());
    }
    let bytes = std::fs::read(&base_path).map_err(|e| {
        InputError::located(
            path,
            text,
            "base",
            format!("cannot read the base scenario {}: {e}", base_path.display()),
        )
    })?;
    let base_text = String::from_utf8(bytes.clone())
        .map_err(|e| InputError::file(&base_path, format!("not UTF-8 text: {e}")))?;
    let base: ScenarioFile = parse_ron(&base_text, &base_path)?;
    let (base, deeper) = with_base(base, &base_text, &base_path, depth + 1)?;
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
    let file: ScenarioFile = parse_ron(text, path)?;
    let (file, base_hash) = with_base(file, text, path, 0)?;
    resolve(
        file,
        text,
        path,
        crate::files::sha256_hex(format!("{text}{base_hash}").as_bytes()),
    )
}
