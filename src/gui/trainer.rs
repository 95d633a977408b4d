//! `qcity map LESSON --trainer`: the horse race shown to a room. The run pauses after each
//! assessment; the league animates as a bar race (ranks moving, bands, rewards, rectification,
//! audits); the map is coloured by band; the lesson's note for the moment is shown; the
//! trainer can show measured against true quality, change a race rule from the next month
//! (recorded like any intervention), go back a period or restart, and record the race view as
//! PNG frames and an animated GIF.
//!
//! Keys: → / PageDown / Space / Enter next assessment · ← / PageUp back one period · Home
//! restart · T measured against true · R race rules · G record · F12 screenshot.

use super::map::MapView;
use super::sim::{Playback, SessionRes, SimWorld, clock};
use super::ui::{Forms, PointerOverEguiWindow, UiLang};
use crate::lang::Lang;
use crate::model::assessment::{Band, RaceRules, Standings};
use crate::params::{AssessmentPatch, PeerGroups, Weight};
use crate::scenario::Action;
use crate::trainer::{self, LeagueRow};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};
use std::collections::HashMap;
use std::path::PathBuf;

/// How long a league takes to move into its new order (seconds).
const ANIMATION: f64 = 0.9;

/// What `--trainer` was asked for beyond the view.
#[derive(Debug, Clone, Default)]
pub struct TrainerOptions {
    /// Record every stop's race view here from the start (G toggles it in the window).
    pub record: Option<PathBuf>,
    /// Advance by itself this many seconds after each stop is drawn (a kiosk, or scripted
    /// recording); with `record`, the window closes after the last assessment is saved.
    pub auto: Option<f32>,
}

pub struct TrainerPlugin(pub TrainerOptions);

impl Plugin for TrainerPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Trainer {
            record: self.0.record.clone(),
            recording: self.0.record.is_some(),
            auto: self.0.auto,
            ..default()
        })
        .add_systems(Startup, start)
        .add_systems(PreUpdate, keys)
        .add_systems(Update, ((pace, record).chain(), fit_map));
    }
}

/// The trainer's state.
#[derive(Resource, Default)]
pub struct Trainer {
    pub show_true: bool,
    pub show_rules: bool,
    /// Record each stop's race view.
    pub recording: bool,
    pub record: Option<PathBuf>,
    auto: Option<f32>,
    /// The assessment drawn (a standing's tick) and when its animation began.
    shown: Option<u32>,
    anim_start: f64,
    /// Where each district's bar was (row slot, score) when the new league arrived.
    from: HashMap<usize, (f32, f64)>,
    /// Slots and scores of the league drawn now (the next animation starts from them).
    now: HashMap<usize, (f32, f64)>,
    /// Frames drawn since the animation finished (a screenshot waits for a settled frame),
    /// and the stop (clock tick) they were counted at.
    settled: u32,
    rest_tick: Option<u32>,
    /// Seconds spent at this stop (for `--auto`).
    waited: f32,
    /// The stop last recorded (clock tick), and the frames written.
    recorded_at: Option<u32>,
    frames: u32,
    gif: Option<GifOut>,
    /// A screenshot is on its way.
    capturing: bool,
    draft: Option<RulesDraft>,
    /// The rules the draft started from.
    draft_base: Option<crate::params::Assessment>,
    exit_when_saved: bool,
    /// A recording that failed (reported; a scripted recording exits with an error).
    failed: Option<String>,
    /// GIFs written so far (a recording paused and resumed starts `race-2.gif`…).
    gifs: u32,
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

/// The race rules being edited in the what-if window.
#[derive(Debug, Clone, PartialEq)]
struct RulesDraft {
    enabled: bool,
    green_prize: f64,
    red_penalty: f64,
    audit_probability: f64,
    noise_sd: f64,
    zones: bool,
    weights: Vec<Weight>,
}

impl RulesDraft {
    fn of(a: &crate::params::Assessment) -> Self {
        Self {
            enabled: a.enabled,
            green_prize: a.green_prize,
            red_penalty: a.red_penalty,
            audit_probability: a.audit_probability,
            noise_sd: a.noise_sd,
            zones: matches!(a.peer_groups, PeerGroups::Zones),
            weights: a.weights.clone(),
        }
    }

    /// What differs from the rules `a` (those in force from next month), as a `SetRace` patch.
    fn patch(&self, a: &crate::params::Assessment) -> AssessmentPatch {
        let was = Self::of(a);
        let differs = |x: f64, y: f64| (x - y).abs() > 1e-9;
        AssessmentPatch {
            enabled: (self.enabled != a.enabled).then_some(self.enabled),
            green_prize: differs(self.green_prize, a.green_prize).then_some(self.green_prize),
            red_penalty: differs(self.red_penalty, a.red_penalty).then_some(self.red_penalty),
            audit_probability: differs(self.audit_probability, a.audit_probability)
                .then_some(self.audit_probability),
            noise_sd: differs(self.noise_sd, a.noise_sd).then_some(self.noise_sd),
            peer_groups: (self.zones != was.zones).then_some(if self.zones {
                PeerGroups::Zones
            } else {
                PeerGroups::City
            }),
            weights: (self.weights != a.weights).then(|| self.weights.clone()),
            ..Default::default()
        }
    }
}

fn start(mut pb: ResMut<Playback>, mut view: ResMut<MapView>) {
    pb.stop_at_assessments = true;
    pb.speed = f32::INFINITY;
    view.by_band = true;
    view.dirty();
}

/// Fits the whole city into the map's viewport beside the (wide) race panel, again whenever
/// the viewport changes size.
fn fit_map(
    shapes: Query<&super::map::DistrictShape>,
    cam: Single<
        (
            &Camera,
            &mut Transform,
            &mut bevy::camera_controller::pan_camera::PanCamera,
        ),
        With<super::map::MapCamera>,
    >,
    mut fitted: Local<Option<UVec2>>,
) {
    let (camera, mut tf, mut pan) = cam.into_inner();
    let Some(vp) = camera.physical_viewport_size() else {
        return;
    };
    if *fitted == Some(vp) || vp.x < 2 {
        return;
    }
    let (mut lo, mut hi) = (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN));
    for p in shapes.iter().flat_map(|s| s.rings.iter().flatten()) {
        lo = lo.min(*p);
        hi = hi.max(*p);
    }
    if hi.x <= lo.x {
        return;
    }
    let size = hi - lo;
    let zoom = (size.x / vp.x as f32).max(size.y / vp.y as f32) * 1.06;
    pan.zoom_factor = zoom.clamp(pan.min_zoom, pan.max_zoom);
    tf.scale = Vec3::splat(pan.zoom_factor);
    let c = (lo + hi) / 2.0;
    tf.translation.x = c.x;
    tf.translation.y = c.y;
    *fitted = Some(vp);
}

fn zh(lang: &UiLang) -> bool {
    lang.0 == Lang::Zh
}

/// Next, back, restart and the toggles.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    mut pb: ResMut<Playback>,
    mut tr: ResMut<Trainer>,
    mut sim: NonSendMut<SimWorld>,
    mut session: ResMut<SessionRes>,
    lang: Res<UiLang>,
) {
    if wants.wants_keyboard_input() {
        return;
    }
    let any = |ks: &[KeyCode]| ks.iter().any(|k| keys.just_pressed(*k));
    let t = |en: &'static str, zh_text: &'static str| if zh(&lang) { zh_text } else { en };
    if any(&[
        KeyCode::ArrowRight,
        KeyCode::PageDown,
        KeyCode::Space,
        KeyCode::Enter,
    ]) {
        next(&mut pb, &sim);
    }
    if any(&[KeyCode::ArrowLeft, KeyCode::PageUp]) {
        // From where the lesson is going (a replay under way counts as there already).
        let at = pb.run_to.unwrap_or_else(|| clock(&sim).tick);
        let st = &sim.0.world().resource::<Standings>().0;
        let to = trainer::previous_stop(st, at);
        go_to(
            &mut pb,
            &mut sim,
            &mut session,
            to,
            t("back to", "回到"),
            &lang,
        );
    }
    if any(&[KeyCode::Home]) {
        session.0.forget_all();
        go_to(
            &mut pb,
            &mut sim,
            &mut session,
            0,
            t("restarted at", "重新开始于"),
            &lang,
        );
    }
    if any(&[KeyCode::KeyT]) {
        tr.show_true = !tr.show_true;
    }
    if any(&[KeyCode::KeyR]) {
        tr.show_rules = !tr.show_rules;
        tr.draft = None;
    }
    if any(&[KeyCode::KeyG]) {
        toggle_recording(&mut tr, &mut pb, &lang);
    }
}

/// The race rules in force from next month: those in force now with the changes made in the
/// window and not yet applied laid over them. The what-if window edits these.
fn effective_rules(
    rules: &RaceRules,
    session: &crate::session::Session,
    tick: u32,
) -> crate::params::Assessment {
    use crate::patch::Patchable;
    let mut a = rules.assessment.clone();
    for iv in session.interventions.iter().filter(|i| i.tick >= tick) {
        if let Action::SetRace { rules } = &iv.action {
            a.apply(rules);
        }
    }
    a
}

/// Runs to the next assessment.
fn next(pb: &mut Playback, sim: &SimWorld) {
    if !clock(sim).finished() {
        pb.playing = true;
        pb.run_to = None;
    }
}

/// Replays to the stop `to` (clock tick), forgetting the changes made after it.
fn go_to(
    pb: &mut Playback,
    sim: &mut SimWorld,
    session: &mut SessionRes,
    to: u32,
    what: &str,
    lang: &UiLang,
) {
    let dropped = session.0.forget_after(to);
    *sim = super::sim::build(&session.0);
    pb.playing = false;
    pb.run_to = (to > 0).then_some(to);
    pb.generation += 1;
    let c = clock(sim);
    let date = if to == 0 {
        lang.0.pick("the start", "起点").to_string()
    } else {
        c.start.plus(to as i64 - 1).to_string()
    };
    pb.status = format!("{what} {date}");
    if dropped > 0 {
        pb.status += &format!(
            " · {dropped} {}",
            lang.0.pick("later change(s) undone", "项之后的改动已撤销")
        );
    }
}

/// A recording folder must not hold an earlier recording (its frames would mix with the new
/// ones).
pub fn check_record_dir(dir: &std::path::Path) -> Result<(), String> {
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

fn toggle_recording(tr: &mut Trainer, pb: &mut Playback, lang: &UiLang) {
    let dir = tr
        .record
        .get_or_insert_with(|| PathBuf::from("qcity-race-frames"))
        .clone();
    if !tr.recording
        && tr.frames == 0
        && let Err(e) = check_record_dir(&dir)
    {
        pb.status = format!("{}: {e}", dir.display());
        return;
    }
    tr.recording = !tr.recording;
    if tr.recording {
        tr.recorded_at = None;
        pb.status = format!(
            "{} {}",
            lang.0.pick("recording each stop to", "逐期录制到"),
            dir.display()
        );
    } else {
        pb.status = match finish_gif(tr) {
            Ok(Some(p)) => format!("{} {}", lang.0.pick("saved", "已保存"), p.display()),
            Ok(None) => lang.0.pick("recording stopped", "录制已停止").into(),
            Err(e) => e,
        };
    }
}

/// Where the trainer is in the lesson: at a stop (nothing running, the league on screen is
/// the latest and its animation done).
fn at_rest(pb: &Playback, tr: &Trainer, sim: &SimWorld, time: f64) -> bool {
    let latest = sim
        .0
        .world()
        .resource::<Standings>()
        .0
        .last()
        .map(|s| s.tick);
    !pb.playing && pb.run_to.is_none() && tr.shown == latest && time - tr.anim_start >= ANIMATION
}

/// Auto-advance (`--auto`) and the end of a scripted recording.
fn pace(
    time: Res<Time>,
    mut pb: ResMut<Playback>,
    mut tr: ResMut<Trainer>,
    mut sim: NonSendMut<SimWorld>,
    mut session: ResMut<SessionRes>,
    lang: Res<UiLang>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = time.elapsed_secs_f64();
    let c = clock(&sim);
    // Settled frames count afresh at each stop (a quarter can run within one frame).
    if !at_rest(&pb, &tr, &sim, now) || tr.rest_tick != Some(c.tick) {
        tr.waited = 0.0;
        tr.settled = 0;
        tr.rest_tick = Some(c.tick);
        return;
    }
    tr.settled += 1;
    // A scripted recording that failed stops with the error, rather than going on unrecorded.
    if tr.auto.is_some()
        && let Some(e) = tr.failed.take()
    {
        eprintln!("error: recording: {e}");
        exit.write(AppExit::error());
        return;
    }
    let recorded = !tr.recording || tr.recorded_at == Some(c.tick);
    if tr.exit_when_saved && recorded && !tr.capturing {
        match finish_gif(&mut tr) {
            Ok(_) => {
                exit.write(AppExit::Success);
            }
            Err(e) => {
                eprintln!("error: {e}");
                exit.write(AppExit::error());
            }
        }
        return;
    }
    let Some(secs) = tr.auto else { return };
    if !recorded || tr.capturing {
        return;
    }
    tr.waited += time.delta_secs();
    if tr.waited < secs {
        return;
    }
    tr.waited = 0.0;
    if c.finished() {
        if tr.recording {
            tr.exit_when_saved = true;
        } else {
            session.0.forget_all();
            go_to(&mut pb, &mut sim, &mut session, 0, "", &lang);
            pb.status.clear();
        }
    } else {
        next(&mut pb, &sim);
    }
}

/// Saves the race view once per stop while recording: `frame-NNN.png` and a frame of
/// `race.gif` (half size), both in the recording folder.
fn record(
    mut commands: Commands,
    time: Res<Time>,
    pb: Res<Playback>,
    mut tr: ResMut<Trainer>,
    sim: NonSend<SimWorld>,
) {
    if !tr.recording || tr.capturing || tr.settled < 4 {
        return;
    }
    let tick = clock(&sim).tick;
    if !at_rest(&pb, &tr, &sim, time.elapsed_secs_f64()) || tr.rest_tick != Some(tick) {
        return;
    }
    if tr.recorded_at == Some(tick) {
        return;
    }
    tr.capturing = true;
    tr.recorded_at = Some(tick);
    commands.spawn(Screenshot::primary_window()).observe(
        |ev: On<ScreenshotCaptured>, mut tr: ResMut<Trainer>, mut pb: ResMut<Playback>| {
            tr.capturing = false;
            if let Err(e) = save_frame(&mut tr, &ev.image) {
                pb.status = e.clone();
                tr.recording = false;
                tr.failed = Some(e);
            }
        },
    );
}

fn save_frame(tr: &mut Trainer, image: &Image) -> Result<(), String> {
    let dir = tr
        .record
        .clone()
        .unwrap_or_else(|| PathBuf::from("qcity-race-frames"));
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
    tr.frames += 1;
    let path = dir.join(format!("frame-{:03}.png", tr.frames));
    write_png(&path, w, h, &px)?;
    // The GIF at half size (a slide does not need more, and it stays small).
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
    if tr.gif.is_none() {
        tr.gifs += 1;
        let name = if tr.gifs == 1 {
            "race.gif".to_string()
        } else {
            format!("race-{}.gif", tr.gifs)
        };
        let to = dir.join(&name);
        let tmp = dir.join(format!(".{name}.partial"));
        let file = std::fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        let mut encoder = gif::Encoder::new(file, gw as u16, gh as u16, &[])
            .map_err(|e| format!("{}: {e}", tmp.display()))?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| format!("{}: {e}", tmp.display()))?;
        tr.gif = Some(GifOut {
            encoder: Some(encoder),
            tmp,
            to,
            size: (gw as u16, gh as u16),
        });
    }
    if let Some(g) = tr.gif.as_mut() {
        if g.size != (gw as u16, gh as u16) {
            return Err("the window changed size while recording: stop (G) and start again".into());
        }
        let mut frame = gif::Frame::from_rgba_speed(gw as u16, gh as u16, &mut half, 10);
        // 1.5 s a stop.
        frame.delay = 150;
        if let Some(enc) = g.encoder.as_mut() {
            enc.write_frame(&frame)
                .map_err(|e| format!("{}: {e}", g.tmp.display()))?;
        }
    }
    Ok(())
}

/// Writes a PNG atomically (a temporary file renamed into place).
fn write_png(path: &std::path::Path, w: u32, h: u32, rgba: &[u8]) -> Result<(), String> {
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

/// Closes the GIF and moves it into place; returns its path when one was written.
fn finish_gif(tr: &mut Trainer) -> Result<Option<PathBuf>, String> {
    match tr.gif.take() {
        Some(mut g) => g.finish().map(Some),
        None => Ok(None),
    }
}

/// Band colours in the window (the planner's league uses them too).
pub fn band_colour(b: Band) -> egui::Color32 {
    match b {
        Band::Green => egui::Color32::from_rgb(46, 160, 67),
        Band::Yellow => egui::Color32::from_rgb(222, 170, 30),
        Band::Red => egui::Color32::from_rgb(210, 50, 45),
    }
}

fn ease(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// The trainer's panel: the lesson, the note, the bar race; the rules window; the band legend.
#[allow(clippy::too_many_arguments)]
pub fn view(
    mut contexts: EguiContexts,
    time: Res<Time>,
    mut sim: NonSendMut<SimWorld>,
    mut session: ResMut<SessionRes>,
    mut pb: ResMut<Playback>,
    mut tr: ResMut<Trainer>,
    mut forms: ResMut<Forms>,
    mut over_win: ResMut<PointerOverEguiWindow>,
    pointed: Res<super::map::Pointed>,
    lang: Res<UiLang>,
    mut window: Single<&mut Window, With<PrimaryWindow>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    // Recording shows in the title bar, so the recorded frames stay clean for slides.
    let title = format!(
        "qcity: {} (trainer){}",
        session.0.scenario.name,
        if tr.recording {
            format!(
                " ● {} {}",
                lang.0.pick("recording, frames:", "录制中，帧数："),
                tr.frames
            )
        } else {
            String::new()
        }
    );
    if window.title != title {
        window.title = title;
    }
    // Light, for projectors.
    if ctx.theme() != egui::Theme::Light {
        ctx.set_theme(egui::Theme::Light);
    }
    let lang = lang.0;
    let t = |en: &'static str, zh_text: &'static str| lang.pick(en, zh_text);
    let now = time.elapsed_secs_f64();
    let c = clock(&sim);
    let scenario = session.0.scenario.clone();
    let standings = sim.0.world().resource::<Standings>().0.clone();
    let rules = sim.0.world().resource::<RaceRules>().clone();
    let ticks = trainer::assessment_ticks(&standings);
    let latest = ticks.last().copied();

    // A new league to show: animate from where the bars are now.
    if latest != tr.shown {
        tr.from = tr.now.clone();
        tr.shown = latest;
        tr.anim_start = now;
    }
    let progress = ease((now - tr.anim_start) / ANIMATION);
    if progress < 1.0 {
        ctx.request_repaint();
    }
    let league: Vec<LeagueRow> = latest.map_or(Vec::new(), |l| trainer::league(&standings, l));
    let values = super::sim::recorded(&sim)
        .last()
        .cloned()
        .unwrap_or_default();

    let panel_w = (window.width() * 0.5).clamp(560.0, 900.0);
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("trainer-root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let shown_date = if c.tick == 0 {
        t("start", "起点").to_string()
    } else {
        c.start.plus(c.tick.min(c.months) as i64 - 1).to_string()
    };
    let note_date = c.start.plus(c.tick.saturating_sub(1) as i64);
    let mut new_now = HashMap::new();
    let width = egui::Panel::left("trainer")
        .resizable(false)
        .exact_size(panel_w)
        .show(&mut root, |ui| {
            // Title and where we are.
            ui.horizontal(|ui| {
                ui.heading(format!(
                    "{} · {}",
                    t("Horse race", "赛马比拼"),
                    scenario.name.trim_start_matches("lesson-")
                ));
            });
            let which = match latest {
                Some(l) if rules.assessment.enabled && scenario.assessment.enabled => format!(
                    "{} {} · {} {}/{}",
                    t("assessment of", "考核期"),
                    c.start.plus(l as i64),
                    t("stop", "第"),
                    ticks.len(),
                    expected_stops(&scenario, &rules)
                ),
                Some(l) => format!(
                    "{} {} · {} {}",
                    t("assessment of", "考核期"),
                    c.start.plus(l as i64),
                    t("stop", "第"),
                    ticks.len()
                ),
                None => t("before the first assessment", "首次考核之前").to_string(),
            };
            ui.label(
                egui::RichText::new(format!("{shown_date} · {which}"))
                    .size(19.0)
                    .strong(),
            );
            // The lesson's note for this moment.
            if let Some(n) = trainer::note_at(&scenario, note_date) {
                egui::Frame::group(ui.style())
                    .fill(egui::Color32::from_rgb(255, 250, 225))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(
                            egui::RichText::new(match lang {
                                Lang::En => &n.en,
                                Lang::Zh => &n.zh,
                            })
                            .size(17.0)
                            .color(egui::Color32::from_rgb(40, 40, 40)),
                        );
                    });
            }
            ui.label(
                egui::RichText::new(t(
                    "→ next · ← back · Home restart · T measured/true · R rules · G record · F12 screenshot",
                    "→ 下一期 · ← 上一期 · Home 重新开始 · T 抽检/真实 · R 规则 · G 录制 · F12 截图",
                ))
                .small()
                .weak(),
            );
            if pb.playing || pb.run_to.is_some() {
                ui.label(egui::RichText::new(t("running…", "运行中…")).italics());
            } else if !pb.status.is_empty() {
                ui.label(egui::RichText::new(&pb.status).italics().small());
            }
            ui.separator();
            if !rules.assessment.enabled {
                ui.label(t(
                    "The race is off in this scenario: switch it on in the rules (R).",
                    "本情景未开启赛马：可在规则中开启（R）。",
                ));
            }
            new_now = bar_race(ui, &tr, progress, &league, &rules, &scenario, &values, lang, &pointed);
        })
        .response
        .rect
        .width();
    tr.now = new_now;
    forms.panel_width = width;

    // The band legend, bottom right over the map.
    let screen = ctx.viewport_rect();
    egui::Area::new(egui::Id::new("band-legend"))
        .fixed_pos(egui::pos2(screen.right() - 300.0, screen.bottom() - 60.0))
        .order(egui::Order::Foreground)
        .show(&ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (b, label) in [
                        (Band::Green, t("green: bonus", "绿档：奖励")),
                        (Band::Yellow, t("yellow", "黄档")),
                        (Band::Red, t("red: rectify", "红档：整改")),
                    ] {
                        let (r, _) =
                            ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                        ui.painter().rect_filled(r, 2.0, band_colour(b));
                        ui.label(label);
                    }
                });
            });
        });

    // The hovered district.
    if let (Some(d), Some(pos)) = (pointed.hovered, ctx.pointer_hover_pos()) {
        egui::Area::new(egui::Id::new("trainer-hover"))
            .fixed_pos(pos + egui::vec2(16.0, 16.0))
            .order(egui::Order::Tooltip)
            .show(&ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new(lang.district(&scenario.districts[d])).strong());
                    if let Some(r) = league.iter().find(|r| r.district == d) {
                        ui.label(format!(
                            "{} {} · {:.2} · {}",
                            t("rank", "名次"),
                            r.rank,
                            r.score,
                            band_name(r.band, lang)
                        ));
                    }
                });
            });
    }

    // What-if: the race rules, applied from the next month.
    let mut apply: Option<AssessmentPatch> = None;
    let mut save = false;
    let mut over = false;
    if tr.show_rules {
        // The draft follows the rules whenever they change (a stop passed a scenario event,
        // a change was applied or undone), so it never sends stale values back.
        let effective = effective_rules(&rules, &session.0, c.tick);
        if tr.draft_base.as_ref() != Some(&effective) {
            tr.draft = None;
            tr.draft_base = Some(effective.clone());
        }
        let mut draft = tr
            .draft
            .clone()
            .unwrap_or_else(|| RulesDraft::of(&effective));
        let mut open = true;
        let resp = egui::Window::new(t("What-if: race rules", "假如：赛马规则"))
            .open(&mut open)
            .default_pos(egui::pos2(panel_w + 20.0, 20.0))
            .resizable(false)
            .show(&ctx, |ui| {
                ui.checkbox(&mut draft.enabled, rule(lang, "enabled"));
                ui.add(egui::Slider::new(&mut draft.green_prize, 0.0..=10.0).text(rule(lang, "green_prize")));
                ui.add(egui::Slider::new(&mut draft.red_penalty, 0.0..=10.0).text(rule(lang, "red_penalty")));
                ui.add(
                    egui::Slider::new(&mut draft.audit_probability, 0.0..=1.0)
                        .text(rule(lang, "audit_probability")),
                );
                ui.add(egui::Slider::new(&mut draft.noise_sd, 0.0..=3.0).text(rule(lang, "noise_sd")));
                ui.horizontal(|ui| {
                    ui.label(rule(lang, "peer_groups"));
                    ui.radio_value(&mut draft.zones, false, t("whole city", "全市"));
                    ui.radio_value(&mut draft.zones, true, t("within zones", "片区内"));
                });
                ui.label(rule(lang, "weights"));
                for w in &mut draft.weights {
                    ui.add(
                        egui::Slider::new(&mut w.weight, 0.0..=1.0)
                            .text(lang.indicator(&w.indicator, &scenario.targets)),
                    );
                }
                ui.horizontal(|ui| {
                    if ui.button(t("Pass rates only", "只看合格率")).clicked() {
                        draft.weights = ["food_pass_rate", "mfg_pass_rate", "ag_pass_rate", "consumer_pass_rate"]
                            .iter()
                            .zip([0.3, 0.3, 0.2, 0.2])
                            .map(|(i, w)| Weight { indicator: i.to_string(), weight: w })
                            .collect();
                    }
                    if ui.button(t("Lesson's weights", "课程原权重")).clicked() {
                        draft.weights = scenario.assessment.weights.clone();
                    }
                });
                ui.separator();
                let patch = draft.patch(&effective);
                let valid = draft.weights.iter().any(|w| w.weight > 0.0);
                let running = pb.playing || pb.run_to.is_some();
                let enabled =
                    patch != AssessmentPatch::default() && valid && !c.finished() && !running;
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(enabled, egui::Button::new(t("Apply from next month", "自下月起生效")))
                        .clicked()
                    {
                        apply = Some(patch.clone());
                    }
                    if ui.button(t("Reset", "复原")).clicked() {
                        draft = RulesDraft::of(&effective);
                    }
                });
                if !valid {
                    ui.label(t("at least one weight must be positive", "至少一个权重须大于0"));
                }
                ui.label(
                    egui::RichText::new(t(
                        "Leaders re-choose at once; the next assessment scores by the new rules. Each change is recorded; save them as a scenario that `qcity run` replays:",
                        "各区县立即按新规则调整；下次考核按新规则评分。每次改动都会记录，可保存为情景文件，用 qcity run 重放：",
                    ))
                    .small()
                    .weak(),
                );
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut forms.save_path).desired_width(220.0));
                    if ui.button(t("Save", "保存")).clicked() {
                        save = true;
                    }
                });
                for iv in session.0.interventions.iter().rev().take(3) {
                    ui.label(
                        egui::RichText::new(format!("{} {}", iv.at, trainer::describe(&iv.action, lang)))
                            .small(),
                    );
                }
            });
        if let Some(r) = resp {
            over = ctx
                .pointer_hover_pos()
                .is_some_and(|p| r.response.rect.contains(p));
        }
        tr.draft = Some(draft);
        if !open {
            tr.show_rules = false;
            tr.draft = None;
        }
    }
    over_win.0 = over;
    if save {
        let path = PathBuf::from(&forms.save_path);
        pb.status = match session.0.save(&path) {
            Ok(()) => format!("{} {}", t("saved", "已保存"), path.display()),
            Err(e) => format!("{e}"),
        };
    }
    if let Some(patch) = apply {
        let at = c.date();
        let action = Action::SetRace {
            rules: Box::new(patch),
        };
        let text = trainer::describe(&action, lang);
        // The window keeps showing the rules applied (in force from next month).
        if session.0.intervene(&mut sim.0, action, Vec::new()) {
            pb.status = format!("{text} · {} {at}", t("from", "自"));
        }
    }
    Ok(())
}

fn rule(lang: Lang, field: &str) -> String {
    trainer::rule_label(field, lang)
}

fn band_name(b: Band, lang: Lang) -> &'static str {
    match b {
        Band::Green => lang.pick("green", "绿档"),
        Band::Yellow => lang.pick("yellow", "黄档"),
        Band::Red => lang.pick("red", "红档"),
    }
}

/// How many assessments the lesson will make at its current period.
fn expected_stops(s: &crate::scenario::Scenario, r: &RaceRules) -> u32 {
    let months = s.horizon.months();
    match r.assessment.period {
        crate::params::Period::Quarter => months / 3,
        crate::params::Period::Year => months / 12,
    }
}

/// Draws the league as bars sorted by score within each group, each moving from its previous
/// row; returns where each bar is now (row slot, score).
#[allow(clippy::too_many_arguments)]
fn bar_race(
    ui: &mut egui::Ui,
    tr: &Trainer,
    progress: f64,
    league: &[LeagueRow],
    rules: &RaceRules,
    s: &crate::scenario::Scenario,
    values: &[Vec<f64>],
    lang: Lang,
    pointed: &super::map::Pointed,
) -> HashMap<usize, (f32, f64)> {
    let t = |en: &'static str, zh_text: &'static str| lang.pick(en, zh_text);
    let mut out = HashMap::new();
    if league.is_empty() {
        return out;
    }
    // Slots: the groups one after another, a header row before each.
    let mut groups: Vec<usize> = league.iter().map(|r| r.group).collect();
    groups.dedup();
    let rows = league.len() + groups.len();
    let avail = ui.available_size();
    let row_h = ((avail.y - 8.0) / rows as f32).clamp(12.0, 28.0);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(avail.x, row_h * rows as f32),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    let font = egui::FontId::proportional((row_h * 0.68).clamp(9.0, 16.0));
    let small = egui::FontId::proportional((row_h * 0.58).clamp(8.0, 13.0));
    // The scale spans the league shown (and, while moving, the one it comes from).
    let moving = progress < 1.0;
    let (lo, hi) = league
        .iter()
        .map(|r| r.score)
        .chain(tr.from.values().filter(|_| moving).map(|v| v.1))
        .fold((0.0f64, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let lo = lo - 0.05 * (hi - lo).max(0.1);
    let hi = hi.max(lo + 0.1);
    // Columns.
    let x_rank = rect.left() + 4.0;
    let x_move = x_rank + 30.0;
    let x_name = x_move + 36.0;
    let x_bar = x_name + 96.0;
    let right_w = if tr.show_true { 260.0 } else { 130.0 };
    // Room after the longest bar for its score.
    let bar_w = (rect.right() - right_w - x_bar - 44.0).max(60.0);
    let x_right = x_bar + bar_w + 48.0;
    let ink = egui::Color32::from_rgb(30, 30, 30);
    let weak = egui::Color32::from_rgb(110, 110, 110);
    // Measured and true range for the side bars.
    let mt: Vec<(f64, f64)> = (0..s.districts.len())
        .map(|d| trainer::measured_and_true(values, 1 + d))
        .collect();
    let (mlo, mhi) = mt
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .filter(|v| v.is_finite())
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (mlo, mhi) = if mhi > mlo {
        (mlo - 0.5, mhi)
    } else {
        (80.0, 100.0)
    };

    let mut slot = 0usize;
    for &g in &groups {
        let y = rect.top() + slot as f32 * row_h;
        let name = s
            .peer_group_names
            .get(g)
            .or(rules.names.get(g))
            .cloned()
            .unwrap_or_default();
        let members = league.iter().filter(|r| r.group == g).count();
        let header = if groups.len() > 1 || name != "city" {
            format!("{} ({members})", lang.peer_group(&name))
        } else {
            t("All 38 districts, one league", "全市38个区县同场比拼").to_string()
        };
        p.text(
            egui::pos2(x_rank, y + row_h * 0.5),
            egui::Align2::LEFT_CENTER,
            header,
            font.clone(),
            ink,
        );
        let right_head = if tr.show_true {
            t(
                "pass rates: ■ measured □ true, gap, gaming",
                "合格率：■抽检 □真实，差距，造假",
            )
        } else {
            t("reward / order", "奖励 / 整改")
        };
        p.text(
            egui::pos2(x_right, y + row_h * 0.5),
            egui::Align2::LEFT_CENTER,
            right_head,
            small.clone(),
            weak,
        );
        slot += 1;
        for r in league.iter().filter(|r| r.group == g) {
            let target = slot as f32;
            let (from_slot, from_score) = tr
                .from
                .get(&r.district)
                .copied()
                .unwrap_or((target, r.score));
            let k = progress as f32;
            let at = from_slot + (target - from_slot) * k;
            let score = from_score + (r.score - from_score) * progress;
            out.insert(r.district, (at, score));
            let y = rect.top() + at * row_h;
            let mid = y + row_h * 0.5;
            let hovered =
                pointed.hovered == Some(r.district) || pointed.selected == Some(r.district);
            if hovered {
                p.rect_filled(
                    egui::Rect::from_min_size(
                        egui::pos2(rect.left(), y),
                        egui::vec2(rect.width(), row_h),
                    ),
                    0.0,
                    egui::Color32::from_rgb(255, 236, 200),
                );
            }
            p.text(
                egui::pos2(x_rank + 24.0, mid),
                egui::Align2::RIGHT_CENTER,
                r.rank.to_string(),
                font.clone(),
                ink,
            );
            if let Some(prev) = r.previous_rank {
                let m = prev as i64 - r.rank as i64;
                let (txt, col) = match m.cmp(&0) {
                    std::cmp::Ordering::Greater => {
                        (format!("▲{m}"), egui::Color32::from_rgb(30, 140, 60))
                    }
                    std::cmp::Ordering::Less => {
                        (format!("▼{}", -m), egui::Color32::from_rgb(200, 40, 40))
                    }
                    std::cmp::Ordering::Equal => ("=".to_string(), weak),
                };
                p.text(
                    egui::pos2(x_move, mid),
                    egui::Align2::LEFT_CENTER,
                    txt,
                    small.clone(),
                    col,
                );
            }
            p.text(
                egui::pos2(x_name, mid),
                egui::Align2::LEFT_CENTER,
                lang.district(&s.districts[r.district]),
                font.clone(),
                ink,
            );
            let len = ((score - lo) / (hi - lo)).clamp(0.0, 1.0) as f32 * bar_w;
            let bar = egui::Rect::from_min_size(
                egui::pos2(x_bar, y + row_h * 0.15),
                egui::vec2(len.max(2.0), row_h * 0.7),
            );
            p.rect_filled(bar, 2.0, band_colour(r.band));
            if r.caught {
                p.rect_stroke(
                    bar,
                    2.0,
                    egui::Stroke::new(2.0, egui::Color32::BLACK),
                    egui::StrokeKind::Inside,
                );
            }
            p.text(
                egui::pos2(bar.right() + 4.0, mid),
                egui::Align2::LEFT_CENTER,
                format!("{score:.2}"),
                small.clone(),
                weak,
            );
            if tr.show_true {
                let (m, tv) = mt[r.district];
                if m.is_finite() && tv.is_finite() {
                    let w = right_w - 70.0;
                    let sx = |v: f64| ((v - mlo) / (mhi - mlo)).clamp(0.0, 1.0) as f32 * w;
                    let top = y + row_h * 0.12;
                    let hh = row_h * 0.36;
                    p.rect_filled(
                        egui::Rect::from_min_size(egui::pos2(x_right, top), egui::vec2(sx(m), hh)),
                        1.0,
                        egui::Color32::from_rgb(60, 90, 160),
                    );
                    p.rect_stroke(
                        egui::Rect::from_min_size(
                            egui::pos2(x_right, top + hh),
                            egui::vec2(sx(tv), hh),
                        ),
                        1.0,
                        egui::Stroke::new(1.0, egui::Color32::from_rgb(60, 90, 160)),
                        egui::StrokeKind::Inside,
                    );
                    let gap = m - tv;
                    let col = if gap > 0.3 {
                        egui::Color32::from_rgb(200, 40, 40)
                    } else {
                        weak
                    };
                    p.text(
                        egui::pos2(x_right + w + 4.0, mid),
                        egui::Align2::LEFT_CENTER,
                        format!("{gap:+.1} · g {:.2}", r.gaming),
                        small.clone(),
                        col,
                    );
                }
            } else {
                let tag = if r.caught {
                    format!("× {}", t("caught gaming", "查出造假"))
                } else if r.rectification {
                    t("rectify", "整改").to_string()
                } else if r.reward > 0.0 {
                    format!("+{:.0}% {}", r.reward * 100.0, t("budget", "预算"))
                } else {
                    String::new()
                };
                let col = if r.caught || r.rectification {
                    egui::Color32::from_rgb(190, 30, 30)
                } else {
                    egui::Color32::from_rgb(30, 130, 55)
                };
                p.text(
                    egui::pos2(x_right, mid),
                    egui::Align2::LEFT_CENTER,
                    tag,
                    small.clone(),
                    col,
                );
            }
            slot += 1;
        }
    }
    out
}
