//! Recording the race view: each stop as `frame-NNN.png` and as a frame of `race.gif`, both at
//! the window's full size (a slide shown on a projector needs every pixel of the labels), the
//! GIF 1.5 s a frame in one fixed palette: the band colours of bars and map and the bars' ink
//! exactly, and a colour cube for the rest, so no frame's colours drift (a per-frame palette
//! turned the first frame's band swatches grey). Both are written so that nothing partial is
//! left: the PNG through a temporary file, the GIF to a hidden partial file renamed when
//! finished.

use bevy::prelude::*;
use qcity_core::lang::Lang;
use std::path::{Path, PathBuf};

/// Where frames go when no `--record DIR` was given and nothing is typed when asked.
pub const DEFAULT_DIR: &str = "qcity-race-frames";

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
    /// The folder being typed in the window that asks where to record (G, the first time),
    /// whether the field has been given the keyboard, and the text last typed there.
    pub asking: Option<String>,
    pub focus_asked: bool,
    typed: String,
    /// The window was just answered (the Enter or Escape that closed it is not a shortcut).
    pub answered: bool,
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

    /// G: asks for a folder the first time (no `--record DIR`, nothing recorded yet), else
    /// starts or stops recording; returns the line for the status bar.
    pub fn key(&mut self, lang: Lang) -> String {
        if self.dir.is_none() && !self.on {
            self.asking = Some(self.typed.clone());
            self.focus_asked = false;
            return lang
                .pick("where should the frames go?", "帧保存到哪个文件夹？")
                .into();
        }
        self.toggle(lang)
    }

    /// Starts recording into the folder typed in the window (the default when left empty);
    /// returns the status line. A folder refused (an earlier recording is there) leaves
    /// recording off and no folder chosen, so the next G asks again with the text typed.
    pub fn start_in(&mut self, folder: &str, lang: Lang) -> String {
        self.asking = None;
        let folder = folder.trim();
        self.typed = folder.to_string();
        let folder = if folder.is_empty() {
            DEFAULT_DIR
        } else {
            folder
        };
        self.dir = Some(PathBuf::from(folder));
        let line = self.toggle(lang);
        if !self.on {
            self.dir = None;
        }
        line
    }

    /// Starts or stops recording; returns the line for the status bar.
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
        if self.gif.is_none() {
            self.gif = Some(self.start_gif(&dir, w as u16, h as u16)?);
        }
        if let Some(g) = self.gif.as_mut() {
            g.add(&px, w as u16, h as u16)?;
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

/// The GIF's one palette: colours drawn exactly first (the band colours of the bars and the
/// map, the ink, the panel greys), then a 6×6×6 cube and a grey ramp for everything else
/// (anti-aliased edges, the indicator ramp).
fn gif_palette() -> Vec<[u8; 3]> {
    use crate::palette::{band_colour, band_fill};
    use qcity_core::model::assessment::Band;
    let mut p: Vec<[u8; 3]> = vec![[255, 255, 255], [30, 30, 30], [110, 110, 110]];
    for b in [Band::Green, Band::Yellow, Band::Red] {
        let c = band_colour(b);
        p.push([c.r(), c.g(), c.b()]);
        let f = band_fill(Some(b)).to_srgba();
        p.push([f.red, f.green, f.blue].map(|x| (x * 255.0).round() as u8));
    }
    for v in [209, 230, 240, 248, 250] {
        p.push([v, v, v]);
    }
    for r in 0..6u8 {
        for g in 0..6u8 {
            for b in 0..6u8 {
                p.push([r * 51, g * 51, b * 51]);
            }
        }
    }
    let mut k = 0u8;
    while p.len() < 256 {
        let v = 8 + k * 9;
        p.push([v, v, v]);
        k += 1;
    }
    p
}

/// Maps each pixel to its nearest palette entry (squared RGB distance), remembering the
/// colours already seen: a window holds few distinct colours.
fn to_palette(
    rgba: &[u8],
    palette: &[[u8; 3]],
    seen: &mut std::collections::HashMap<[u8; 3], u8>,
) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|px| {
            let c = [px[0], px[1], px[2]];
            *seen.entry(c).or_insert_with(|| {
                let d = |q: &[u8; 3]| {
                    (0..3)
                        .map(|i| (c[i] as i32 - q[i] as i32).pow(2))
                        .sum::<i32>()
                };
                (0..palette.len())
                    .min_by_key(|&i| d(&palette[i]))
                    .unwrap_or(0) as u8
            })
        })
        .collect()
}

/// The GIF being recorded: written to a temporary file, moved into place when finished
/// (recording stopped, or the window closed: the drop finishes it).
struct GifOut {
    encoder: Option<gif::Encoder<std::fs::File>>,
    tmp: PathBuf,
    to: PathBuf,
    size: (u16, u16),
    palette: Vec<[u8; 3]>,
    seen: std::collections::HashMap<[u8; 3], u8>,
}

impl GifOut {
    fn create(to: PathBuf, tmp: PathBuf, size: (u16, u16)) -> Result<GifOut, String> {
        let err = |e: &dyn std::fmt::Display| format!("{}: {e}", tmp.display());
        let file = std::fs::File::create(&tmp).map_err(|e| err(&e))?;
        let palette = gif_palette();
        let flat: Vec<u8> = palette.iter().flatten().copied().collect();
        let mut encoder = gif::Encoder::new(file, size.0, size.1, &flat).map_err(|e| err(&e))?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| err(&e))?;
        Ok(GifOut {
            encoder: Some(encoder),
            tmp,
            to,
            size,
            palette,
            seen: Default::default(),
        })
    }

    /// Adds one frame, shown for 1.5 s, in the GIF's palette.
    fn add(&mut self, rgba: &[u8], w: u16, h: u16) -> Result<(), String> {
        if self.size != (w, h) {
            return Err("the window changed size while recording: stop (G) and start again".into());
        }
        let index = to_palette(rgba, &self.palette, &mut self.seen);
        let mut frame = gif::Frame::from_indexed_pixels(w, h, &index, None);
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
