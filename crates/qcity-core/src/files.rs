//! Reading and writing files: RON input with precise errors, hashes, JSON, and output sets
//! committed atomically. Below the scenario and the outputs, so both can use it.

use crate::error::{Error, InputError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest input file qcity reads (scenarios, sweeps, data tables): far above any real one,
/// low enough that a wrong path (a log, `/dev/zero`) is refused rather than read to exhaustion.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// Reads an input text file: only a regular file (a FIFO or device would hang or never end),
/// at most [`MAX_INPUT_BYTES`], UTF-8 (the first bad byte located by line and column), with a
/// leading byte-order mark dropped. Returns the text and the file's bytes as they are (for
/// hashes). `what` names the file in messages ("scenario", "sweep", "data file").
pub fn read_text(path: &Path, what: &str) -> Result<(String, Vec<u8>), InputError> {
    use std::io::Read;
    let whole = |m: String| InputError::file(path, m);
    let meta =
        std::fs::metadata(path).map_err(|e| whole(format!("cannot read the {what}: {e}")))?;
    if !meta.is_file() {
        let kind = kind_of(&meta);
        return Err(whole(format!(
            "not a regular file ({kind}): qcity reads a {what} from an ordinary file"
        )));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(whole(format!(
            "{:.1} MiB is too large for a {what} (at most {} MiB): is this the right file?",
            meta.len() as f64 / (1 << 20) as f64,
            MAX_INPUT_BYTES >> 20
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| whole(format!("cannot read the {what}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(whole(format!(
            "grew past {} MiB while being read: is this the right file?",
            MAX_INPUT_BYTES >> 20
        )));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Valid up to here, so this slice is UTF-8.
            let before = std::str::from_utf8(good).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            return Err(InputError::at(
                path,
                line,
                column,
                "",
                format!(
                    "not UTF-8 text: byte 0x{byte:02X} cannot start or continue a character here; save the file as UTF-8"
                ),
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok((text, bytes))
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a plain file"
    }
}

/// Parses RON into `T`, turning any error into file:line:column, the field path, and the message.
pub fn parse_ron<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, InputError> {
    // Scenario patches are options: let users write `subsidy_rate: 0.2`, not `Some(0.2)`.
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // RON reports some errors by position only: name the field written there.
    let at = |line: usize, col: usize, field: &str, msg: String| {
        if field.is_empty()
            && let Some(f) = crate::error::locate::field_at(text, line, col)
        {
            return InputError::at(file, line, col, &f, hint(text, line, col, msg));
        }
        InputError::at(file, line, col, field, msg)
    };
    let mut de = ron::Deserializer::from_str_with_options(text, &opts)
        .map_err(|e| at(e.span.start.line, e.span.start.col, "", e.code.to_string()))?;
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
            return Err(at(
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

/// "Expected comma" right after a number's decimal point: a whole number was expected.
fn hint(text: &str, line: usize, col: usize, msg: String) -> String {
    let rest: Option<String> = text
        .lines()
        .nth(line.wrapping_sub(1))
        .map(|l| l.chars().skip(col.saturating_sub(1)).take(2).collect());
    match rest.as_deref() {
        Some(r) if r.starts_with('.') && r[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{msg}: this field takes a whole number, not a decimal")
        }
        _ => msg,
    }
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
