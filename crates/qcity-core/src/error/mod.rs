//! Errors a user can act on: which file, where in it, which field, what is wrong and what is
//! valid.

pub mod locate;

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    pub column: usize,
    /// The field path, e.g. `levers.city.subsidy_rate`; empty if none applies.
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn at(file: &Path, line: usize, column: usize, field: &str, message: String) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            column,
            field: field.to_string(),
            message,
        }
    }

    /// An error about the field at `path`, positioned where that field is written in `text`.
    pub fn located(file: &Path, text: &str, path: &str, message: String) -> Self {
        let (line, column) = locate::locate(text, path).unwrap_or((1, 1));
        Self::at(file, line, column, path, message)
    }

    pub fn file(file: &Path, message: String) -> Self {
        Self::at(file, 0, 0, "", message)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.message)
    }
}

/// Every problem found in the inputs of one command.
#[derive(Debug, Clone, PartialEq)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}
impl std::error::Error for InputError {}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        Self(vec![e])
    }
}

/// Failures of a command, with the exit code a script can rely on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: exit 2.
    #[error("{0}")]
    Input(#[from] InputErrors),
    /// Could not write the outputs: exit 3.
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output directory is in use by another qcity process: exit 2.
    #[error("{0}")]
    Locked(String),
    /// Anything else the user can fix by what the message says: exit 1.
    #[error("{0}")]
    Other(String),
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e.into())
    }
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Locked(_) => 2,
            Error::Output { .. } => 3,
            Error::Other(_) => 1,
        }
    }
}
