//! What every drawing shares: the error a failed drawing gives, and drawing one chart to
//! both PNG and SVG (`Drawings::emit` with the [`both!`] closure), so each chart is written by
//! one function whatever the backend.

use qcity_core::error::Error;
use std::path::{Path, PathBuf};

/// A drawing that failed.
pub fn err<E: std::fmt::Display>(e: E) -> Error {
    Error::Other(format!("drawing a chart failed: {e}"))
}

/// A drawing closure for [`Drawings::emit`]: calls `$draw(root, args…)` on a PNG file or on
/// an SVG string, so one drawing function serves both backends.
macro_rules! both {
    ($size:expr, $draw:ident($($arg:expr),* $(,)?)) => {
        &|png: bool, path: &std::path::Path, svg: &mut String| {
            if png {
                $draw(
                    plotters::prelude::BitMapBackend::new(path, $size).into_drawing_area(),
                    $($arg),*
                )
            } else {
                $draw(
                    plotters::prelude::SVGBackend::with_string(svg, $size).into_drawing_area(),
                    $($arg),*
                )
            }
        }
    };
}
pub(crate) use both;

/// A drawing into a PNG file (`true`, the path) or an SVG string (`false`).
pub type Draw<'a> = &'a dyn Fn(bool, &Path, &mut String) -> Result<(), Error>;

/// Charts drawn as (file name, bytes) pairs, PNG and SVG; bitmaps go through a temporary
/// file, since plotters' bitmap backend writes to a path.
pub struct Drawings {
    tmp: tempfile::TempDir,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Drawings {
    pub fn new() -> Result<Drawings, Error> {
        let tmp = tempfile::tempdir()
            .map_err(|e| Error::Other(format!("no temporary directory: {e}")))?;
        Ok(Drawings {
            tmp,
            files: Vec::new(),
        })
    }

    /// A path in the temporary directory (for a bitmap drawn by hand, such as a GIF).
    pub fn temp(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Draws `name.png` and `name.svg` (`name` may hold a folder, `plots/x`).
    pub fn emit(&mut self, name: &str, draw: Draw) -> Result<(), Error> {
        let png = self.temp("plot.png");
        draw(true, &png, &mut String::new())?;
        self.files.push((format!("{name}.png"), read(&png)?));
        let mut svg = String::new();
        draw(false, &png, &mut svg)?;
        self.files.push((format!("{name}.svg"), svg.into_bytes()));
        Ok(())
    }
}

/// The bytes of a file drawn into the temporary directory.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::Other(format!("reading a drawn plot: {e}")))
}
