//! Recording the race view: each stop as `frame-NNN.png` (full size) and as a frame of
//! `race.gif` (half size, 1.5 s a frame), both written so that nothing partial is left: the
//! PNG through a temporary file, the GIF to a hidden partial file renamed when finished.

use bevy::prelude::*;
use qcity_core::lang::Lang;
use std::path::{Path, PathBuf};

/// Where frames go when no `--record DIR` was given.
const DEFAULT_DIR: &str = "qcity-race-frames";

/// The recording's state.
#[derive(Default)]
pub struct Recording {
    /// Record each stop's race view.
    pub on: bool,
    pub dir: Option<PathBuf>,
    /// The stop last recorded (clock tick), and the frames written.
    pub recorded_at: Option<u32>,
    pub frames: u32,
    gif: Option<GifOut>,
    /// A screenshot is on its way.
    pub capturing: bool,
    /// A recording that failed (reported; a scripted recording exits with an error).
    pub failed: Option<String>,
    /// GIFs written so far (a recording paused and resumed starts `race-2.gif`…).
    gifs: u32,
}

impl Recording {
    /// A recording into `dir`, started at once when there is one.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            on: dir.is_some(),
            dir,
            ..Default::default()
        }
    }

    fn folder(&self) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR))
    }

    /// Starts or stops recording (G); returns the line for the status bar.
    pub fn toggle(&mut self, lang: Lang) -> String {
        let dir = self
            .dir
            .get_or_insert_with(|| PathBuf::from(DEFAULT_DIR))
            .clone();
        if !self.on
            && self.frames == 0
            && let Err(e) = check_record_dir(&dir)
        {
            return format!("{}: {e}", dir.display());
        }
        self.on = !self.on;
        if self.on {
            self.recorded_at = None;
            format!(
                "{} {}",
                lang.pick("recording each stop to", "逐期录制到"),
                dir.display()
            )
        } else {
            match self.finish_gif() {
                Ok(Some(p)) => format!("{} {}", lang.pick("saved", "已保存"), p.display()),
                Ok(None) => lang.pick("recording stopped", "录制已停止").into(),
                Err(e) => e,
            }
        }
    }

    /// Saves a captured window as the next frame and GIF frame.
    pub fn save_frame(&mut self, image: &Image) -> Result<(), String> {
        let dir = self.folder();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let rgba = image
            .clone()
            .try_into_dynamic()
            .map_err(|e| format!("screenshot: {e}"))?
            .to_rgba8();
        let (w, h) = (rgba.width(), rgba.height());
        let mut px = rgba.into_raw();
        // Opaque: the window has no meaningful alpha.
        for a in px.iter_mut().skip(3).step_by(4) {
            *a = 255;
        }
        self.frames += 1;
        let path = dir.join(format!("frame-{:03}.png", self.frames));
        write_png(&path, w, h, &px)?;
        // The GIF at half size (a slide does not need more, and it stays small).
        let (gw, gh, mut half) = half_size(&px, w, h);
        if self.gif.is_none() {
            self.gif = Some(self.start_gif(&dir, gw as u16, gh as u16)?);
        }
        if let Some(g) = self.gif.as_mut() {
            g.add(&mut half, gw as u16, gh as u16)?;
        }
        Ok(())
    }

    fn start_gif(&mut self, dir: &Path, w: u16, h: u16) -> Result<GifOut, String> {
        self.gifs += 1;
        let name = if self.gifs == 1 {
            "race.gif".to_string()
        } else {
            format!("race-{}.gif", self.gifs)
        };
        GifOut::create(
            dir.join(&name),
            dir.join(format!(".{name}.partial")),
            (w, h),
        )
    }

    /// Closes the GIF and moves it into place; returns its path when one was written.
    pub fn finish_gif(&mut self) -> Result<Option<PathBuf>, String> {
        match self.gif.take() {
            Some(mut g) => g.finish().map(Some),
            None => Ok(None),
        }
    }
}

/// Averages 2×2 blocks: the frame at half size.
fn half_size(px: &[u8], w: u32, h: u32) -> (u32, u32, Vec<u8>) {
    let (gw, gh) = ((w / 2).max(1), (h / 2).max(1));
    let mut half = vec![0u8; (gw * gh * 4) as usize];
    for y in 0..gh {
        for x in 0..gw {
            for ch in 0..4 {
                let at = |xx: u32, yy: u32| {
                    px[((yy.min(h - 1) * w + xx.min(w - 1)) * 4 + ch) as usize] as u32
                };
                let s = at(2 * x, 2 * y)
                    + at(2 * x + 1, 2 * y)
                    + at(2 * x, 2 * y + 1)
                    + at(2 * x + 1, 2 * y + 1);
                half[((y * gw + x) * 4 + ch) as usize] = (s / 4) as u8;
            }
        }
    }
    (gw, gh, half)
}

/// The GIF being recorded: written to a temporary file, moved into place when finished
/// (recording stopped, or the window closed: the drop finishes it).
struct GifOut {
    encoder: Option<gif::Encoder<std::fs::File>>,
    tmp: PathBuf,
    to: PathBuf,
    size: (u16, u16),
}

impl GifOut {
    fn create(to: PathBuf, tmp: PathBuf, size: (u16, u16)) -> Result<GifOut, String> {
        let err = |e: &dyn std::fmt::Display| format!("{}: {e}", tmp.display());
        let file = std::fs::File::create(&tmp).map_err(|e| err(&e))?;
        let mut encoder = gif::Encoder::new(file, size.0, size.1, &[]).map_err(|e| err(&e))?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| err(&e))?;
        Ok(GifOut {
            encoder: Some(encoder),
            tmp,
            to,
            size,
        })
    }

    /// Adds one frame, shown for 1.5 s.
    fn add(&mut self, rgba: &mut [u8], w: u16, h: u16) -> Result<(), String> {
        if self.size != (w, h) {
            return Err("the window changed size while recording: stop (G) and start again".into());
        }
        let mut frame = gif::Frame::from_rgba_speed(w, h, rgba, 10);
        frame.delay = 150;
        if let Some(enc) = self.encoder.as_mut() {
            enc.write_frame(&frame)
                .map_err(|e| format!("{}: {e}", self.tmp.display()))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<PathBuf, String> {
        let encoder = self
            .encoder
            .take()
            .ok_or_else(|| format!("{}: already finished", self.to.display()))?;
        let file = encoder
            .into_inner()
            .map_err(|e| format!("{}: {e}", self.tmp.display()))?;
        file.sync_all()
            .map_err(|e| format!("{}: {e}", self.tmp.display()))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.to).map_err(|e| format!("{}: {e}", self.to.display()))?;
        Ok(self.to.clone())
    }
}

impl Drop for GifOut {
    fn drop(&mut self) {
        if self.encoder.is_some()
            && let Err(e) = self.finish()
        {
            eprintln!("error: {e}");
        }
    }
}

/// A recording folder must not hold an earlier recording (its frames would mix with the new
/// ones).
pub fn check_record_dir(dir: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let old = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            (n.starts_with("frame-") && n.ends_with(".png"))
                || (n.starts_with("race") && n.ends_with(".gif"))
        })
        .count();
    if old > 0 {
        return Err(format!(
            "already holds {old} recorded file(s) (frame-NNN.png, race.gif): record to a new folder or remove them"
        ));
    }
    Ok(())
}

/// Writes a PNG atomically (a temporary file renamed into place).
fn write_png(path: &Path, w: u32, h: u32, rgba: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("png.partial");
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    {
        let file = std::fs::File::create(&tmp).map_err(|e| err(&e))?;
        let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| err(&e))?;
        writer.write_image_data(rgba).map_err(|e| err(&e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| err(&e))
}
