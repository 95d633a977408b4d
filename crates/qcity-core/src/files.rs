//! Reading and writing files: RON input with precise errors, hashes, JSON, and output sets
//! committed atomically. Below the scenario and the outputs, so both can use it.

use crate::error::{Error, InputError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Parses RON into `T`, turning any error into file:line:column, the field path, and the message.
pub fn parse_ron<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, InputError> {
    // Scenario patches are options: let users write `subsidy_rate: 0.2`, not `Some(0.2)`.
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut de = ron::Deserializer::from_str_with_options(text, &opts).map_err(|e| {
        InputError::at(
            file,
            e.span.start.line,
            e.span.start.col,
            "",
            e.code.to_string(),
        )
    })?;
    let value: T = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = e.path().to_string();
            // serde_path_to_error writes "." for the root and "?" where it lost track.
            let path = if path == "." || path == "?" {
                String::new()
            } else {
                path
            };
            let inner = e.into_inner();
            let spanned = de.span_error(inner);
            return Err(InputError::at(
                file,
                spanned.span.start.line,
                spanned.span.start.col,
                &path,
                explain(&spanned.code),
            ));
        }
    };
    de.end().map_err(|e| {
        let s = de.span_error(e);
        InputError::at(
            file,
            s.span.start.line,
            s.span.start.col,
            "",
            format!("{}: the file must hold one value", s.code),
        )
    })?;
    Ok(value)
}

/// RON's messages, with what would be valid where RON does not say.
fn explain(code: &ron::Error) -> String {
    let msg = code.to_string();
    match code {
        ron::Error::MissingStructField { field, .. } => {
            format!("missing field `{field}`: this field has no default and must be written")
        }
        _ => msg,
    }
}

/// Files produced in memory, then committed together.
pub struct Outputs {
    files: Vec<(String, Vec<u8>)>,
}

impl Outputs {
    pub fn new() -> Self {
        Self { files: Vec::new() }
    }
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        self.files.push((name.to_string(), bytes));
    }
    /// The files, for [`crate::outdir::Target::publish`].
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files
    }
    /// Writes every file atomically into `dir` (created if missing), one by one: for files
    /// that join a directory others also write (a sweep's analysis beside its rows, a saved
    /// scenario). A run's whole output set goes through [`crate::outdir::Target`] instead.
    pub fn commit(self, dir: &Path) -> Result<Vec<PathBuf>, Error> {
        let err = |path: &Path, source| Error::Output {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
        let mut temps = Vec::new();
        for (name, bytes) in &self.files {
            // A name may hold a subfolder ("plots/mqci.png").
            let target = dir.join(name);
            let parent = target.parent().unwrap_or(dir).to_path_buf();
            std::fs::create_dir_all(&parent).map_err(|e| err(&parent, e))?;
            let base = target
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut t = tempfile::Builder::new()
                .prefix(&format!(".{base}."))
                .suffix(".tmp")
                .tempfile_in(&parent)
                .map_err(|e| err(&parent, e))?;
            t.write_all(bytes).map_err(|e| err(&dir.join(name), e))?;
            t.as_file()
                .sync_all()
                .map_err(|e| err(&dir.join(name), e))?;
            temps.push((t, dir.join(name)));
        }
        let mut written = Vec::new();
        for (t, path) in temps {
            // Temporary files are private (0600); outputs are ordinary files.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = t
                    .as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644));
            }
            t.persist(&path).map_err(|e| err(&path, e.error))?;
            written.push(path);
        }
        Ok(written)
    }
}

impl Default for Outputs {
    fn default() -> Self {
        Self::new()
    }
}

/// SHA-256 of `bytes`, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A JSON number that is never NaN (JSON has none): NaN becomes null.
pub fn to_json<T: Serialize>(v: &T) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).expect("serialisable");
    s.push(b'\n');
    s
}
