//! Pacing the lesson: the keys (next, back, restart, the toggles), replaying to a stop, the
//! map fitted beside the race panel, `--auto`, and capturing each stop while recording.

use super::state::Trainer;
use crate::state::{
    DistrictShape, MapCamera, MapView, Playback, SessionRes, SimWorld, UiLang, clock,
};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use qcity_core::trainer;

/// Trainer mode plays to each assessment as fast as it can, and colours the map by band.
pub fn start(mut pb: ResMut<Playback>, mut view: ResMut<MapView>) {
    pb.stop_at_assessments = true;
    pb.speed = f32::INFINITY;
    view.by_band = true;
    view.dirty();
}

/// Fits the whole city into the map's viewport beside the (wide) race panel, again whenever
/// the viewport changes size.
pub fn fit_map(
    shapes: Query<&DistrictShape>,
    cam: Single<
        (
            &Camera,
            &mut Transform,
            &mut bevy::camera_controller::pan_camera::PanCamera,
        ),
        With<MapCamera>,
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

/// Next, back, restart and the toggles.
pub fn keys(
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
    let t = |en: &'static str, zh: &'static str| lang.0.pick(en, zh);
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
        let to = trainer::previous_stop(sim.0.standings(), at);
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
        tr.rules.toggle();
    }
    if any(&[KeyCode::KeyG]) {
        pb.status = tr.rec.toggle(lang.0);
    }
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
    *sim = crate::sim::build(&session.0);
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

/// Where the trainer is in the lesson: at a stop (nothing running, the league on screen is
/// the latest and its animation done).
fn at_rest(pb: &Playback, tr: &Trainer, sim: &SimWorld, time: f64) -> bool {
    let latest = sim.0.standings().last().map(|s| s.tick);
    !pb.playing && pb.run_to.is_none() && tr.anim.shown == latest && tr.anim.done(time)
}

/// Auto-advance (`--auto`) and the end of a scripted recording.
pub fn pace(
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
        && let Some(e) = tr.rec.failed.take()
    {
        eprintln!("error: recording: {e}");
        exit.write(AppExit::error());
        return;
    }
    let recorded = !tr.rec.on || tr.rec.recorded_at == Some(c.tick);
    if tr.exit_when_saved && recorded && !tr.rec.capturing {
        match tr.rec.finish_gif() {
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
    if !recorded || tr.rec.capturing {
        return;
    }
    tr.waited += time.delta_secs();
    if tr.waited < secs {
        return;
    }
    tr.waited = 0.0;
    if c.finished() {
        if tr.rec.on {
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
pub fn record(
    mut commands: Commands,
    time: Res<Time>,
    pb: Res<Playback>,
    mut tr: ResMut<Trainer>,
    sim: NonSend<SimWorld>,
) {
    if !tr.rec.on || tr.rec.capturing || tr.settled < 4 {
        return;
    }
    let tick = clock(&sim).tick;
    if !at_rest(&pb, &tr, &sim, time.elapsed_secs_f64()) || tr.rest_tick != Some(tick) {
        return;
    }
    if tr.rec.recorded_at == Some(tick) {
        return;
    }
    tr.rec.capturing = true;
    tr.rec.recorded_at = Some(tick);
    commands.spawn(Screenshot::primary_window()).observe(
        |ev: On<ScreenshotCaptured>, mut tr: ResMut<Trainer>, mut pb: ResMut<Playback>| {
            tr.rec.capturing = false;
            if let Err(e) = tr.rec.save_frame(&ev.image) {
                pb.status = e.clone();
                tr.rec.on = false;
                tr.rec.failed = Some(e);
            }
        },
    );
}
