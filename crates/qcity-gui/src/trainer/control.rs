//! Pacing the lesson: the keys (next, back, restart, the toggles), replaying to a stop, the
//! map fitted beside the race panel, `--auto`, and capturing each stop while recording.

use super::state::Trainer;
use crate::state::{MapView, Playback, SessionRes, SimWorld, UiLang, clock};
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

/// How long a first press of Home waits for the second that confirms a restart (seconds).
const HOME_CONFIRM_SECS: f64 = 4.0;

/// Next, back, restart and the toggles.
#[allow(clippy::too_many_arguments)]
pub fn keys(
    time: Res<Time>,
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    mut pb: ResMut<Playback>,
    mut tr: ResMut<Trainer>,
    mut sim: NonSendMut<SimWorld>,
    mut session: ResMut<SessionRes>,
    lang: Res<UiLang>,
) {
    // No shortcut while a text field has the keyboard or the recording folder is asked for.
    if wants.wants_keyboard_input() || tr.rec.asking.is_some() {
        return;
    }
    if std::mem::take(&mut tr.rec.answered) {
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
            &mut tr,
            &mut sim,
            &mut session,
            to,
            t("back to", "回到"),
            &lang,
        );
    }
    if any(&[KeyCode::Home]) {
        // Changes made in the room are forgotten by a restart: the first press says so, a
        // second within a few seconds restarts.
        let n = session.0.interventions.len();
        let now = time.elapsed_secs_f64();
        let asked = tr.home_asked.is_some_and(|at| now - at < HOME_CONFIRM_SECS);
        if n > 0 && !asked {
            tr.home_asked = Some(now);
            pb.status = match lang.0 {
                qcity_core::lang::Lang::En => {
                    format!("press Home again to restart and forget {n} change(s)")
                }
                qcity_core::lang::Lang::Zh => format!("再按 Home 键重新开始，并丢弃 {n} 项改动"),
            };
            return;
        }
        tr.home_asked = None;
        session.0.forget_all();
        go_to(
            &mut pb,
            &mut tr,
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
    if any(&[KeyCode::KeyE]) {
        tr.hide_trend = !tr.hide_trend;
    }
    if any(&[KeyCode::KeyR]) {
        tr.rules.toggle();
    }
    if any(&[KeyCode::KeyG]) {
        pb.status = tr.rec.key(lang.0);
    }
}

/// Runs to the next assessment.
fn next(pb: &mut Playback, sim: &SimWorld) {
    if !clock(sim).finished() {
        pb.playing = true;
        pb.run_to = None;
    }
}

/// Goes back to the stop `to` (clock tick), forgetting the changes made after it: the model
/// replays there within this frame (a lesson's stops are a fraction of a second apart at its
/// scale) and the league appears in place, so the room never sees the leagues in between.
fn go_to(
    pb: &mut Playback,
    tr: &mut Trainer,
    sim: &mut SimWorld,
    session: &mut SessionRes,
    to: u32,
    what: &str,
    lang: &UiLang,
) {
    let dropped = session.0.forget_after(to);
    *sim = crate::sim::build(&session.0);
    while clock(sim).tick < to && !clock(sim).finished() {
        sim.0.step();
    }
    tr.anim
        .jump(trainer::assessment_ticks(sim.0.standings()).last().copied());
    pb.playing = false;
    pb.run_to = None;
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
            go_to(&mut pb, &mut tr, &mut sim, &mut session, 0, "", &lang);
            pb.status.clear();
        }
    } else {
        next(&mut pb, &sim);
    }
}

/// Saves the race view once per stop while recording: `frame-NNN.png` and a frame of
/// `race.gif` (full size), both in the recording folder.
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

#[cfg(test)]
mod tests {
    //! The trainer's keys in a world without a window: bevy_egui's own system decides whether
    //! egui wants the keyboard, from a real egui context, and the keys system runs after it.
    use super::*;
    use crate::sim::Session;
    use crate::state::{Playback, SessionRes, SimWorld, UiLang};
    use bevy::ecs::system::RunSystemOnce;
    use bevy_egui::EguiContext;
    use bevy_egui::input::{EguiWantsInput, write_egui_wants_input_system};

    fn world(lesson: &str) -> World {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/lessons")
            .join(lesson);
        let session = Session::load(&path).expect("the lesson loads");
        let mut w = World::new();
        w.insert_non_send(crate::sim::build(&session));
        w.insert_resource(SessionRes(session));
        w.insert_resource(Playback {
            stop_at_assessments: true,
            speed: f32::INFINITY,
            ..Default::default()
        });
        w.insert_resource(Trainer::default());
        w.insert_resource(UiLang(qcity_core::lang::Lang::En));
        w.insert_resource(Time::<()>::default());
        w.insert_resource(ButtonInput::<KeyCode>::default());
        w.insert_resource(EguiWantsInput::default());
        w.spawn(EguiContext::default());
        w
    }

    /// One egui frame with a text field; `focus` gives it the keyboard, as a click on it does.
    fn egui_frame(w: &mut World, focus: bool) {
        let mut q = w.query::<&mut EguiContext>();
        let mut ctx = q.single_mut(w).unwrap();
        let ctx = ctx.get_mut();
        let mut text = String::new();
        let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
            let r = ui.text_edit_singleline(&mut text);
            if focus {
                r.request_focus();
            }
        });
    }

    /// Presses `keys` for one frame and runs bevy_egui's input system, then ours.
    fn press(w: &mut World, keys: &[KeyCode]) {
        {
            let mut input = w.resource_mut::<ButtonInput<KeyCode>>();
            input.clear();
            input.release_all();
            for k in keys {
                input.press(*k);
            }
        }
        w.run_system_once(write_egui_wants_input_system).unwrap();
        w.run_system_once(super::keys).unwrap();
    }

    fn tick(w: &World) -> u32 {
        clock(w.non_send::<SimWorld>()).tick
    }

    /// Runs the lesson to its next stop, as the window's playback does.
    fn to_next_stop(w: &mut World) {
        press(w, &[KeyCode::ArrowRight]);
        let mut sim = w.remove_non_send::<SimWorld>().unwrap();
        while !clock(&sim).finished() {
            sim.0.step();
            if sim.0.assessed_just_now() {
                break;
            }
        }
        w.insert_non_send(sim);
        w.resource_mut::<Playback>().playing = false;
    }

    use bevy_egui::egui;

    #[test]
    fn a_shortcut_typed_into_a_text_field_does_nothing() {
        // Without a focused field the keys act, so the test below can fail.
        let mut w = world("a-baseline-race.ron");
        egui_frame(&mut w, false);
        press(&mut w, &[KeyCode::KeyT, KeyCode::KeyR, KeyCode::ArrowRight]);
        let tr = w.resource::<Trainer>();
        assert!(
            tr.show_true && tr.rules.open,
            "T and R act when nothing is typed"
        );
        assert!(w.resource::<Playback>().playing, "→ runs to the next stop");

        // Typing "t", "r", "g", Enter, Home and ← into a focused field changes nothing. The
        // lesson is at its second stop, so a ← or Home that acted would move the clock.
        let mut w = world("a-baseline-race.ron");
        egui_frame(&mut w, false);
        to_next_stop(&mut w);
        let (at, generation) = (tick(&w), w.resource::<Playback>().generation);
        assert!(at > 0);
        w.resource_mut::<Playback>().status.clear();
        egui_frame(&mut w, true);
        egui_frame(&mut w, true);
        for k in [
            KeyCode::KeyT,
            KeyCode::KeyR,
            KeyCode::KeyG,
            KeyCode::Enter,
            KeyCode::Space,
            KeyCode::ArrowLeft,
            KeyCode::Home,
        ] {
            press(&mut w, &[k]);
        }
        assert!(w.resource::<EguiWantsInput>().wants_keyboard_input());
        let tr = w.resource::<Trainer>();
        assert!(
            !tr.show_true && !tr.rules.open,
            "T and R typed into the field"
        );
        assert!(
            tr.rec.asking.is_none() && !tr.rec.on,
            "G typed into the field"
        );
        let pb = w.resource::<Playback>();
        assert!(!pb.playing && pb.run_to.is_none(), "Enter or Space typed");
        assert_eq!(pb.generation, generation, "the world was rebuilt");
        assert!(pb.status.is_empty(), "{}", pb.status);
        assert_eq!(tick(&w), at, "← or Home typed");
    }

    #[test]
    fn back_reaches_the_previous_stop_at_once_without_animating_the_leagues_between() {
        let mut w = world("a-baseline-race.ron");
        egui_frame(&mut w, false);
        for _ in 0..3 {
            to_next_stop(&mut w);
        }
        // The stops: the start, then the clock's tick right after each assessment.
        let standings = w.non_send::<SimWorld>().0.standings().to_vec();
        let stops = trainer::stops(&standings);
        let assessed = trainer::assessment_ticks(&standings);
        assert_eq!(stops.len(), 4);
        assert_eq!(tick(&w), stops[3]);
        press(&mut w, &[KeyCode::ArrowLeft]);
        // Within the key's own frame the model is at the previous stop: nothing is left to run
        // in later frames, so no league in between is drawn.
        assert_eq!(tick(&w), stops[2]);
        let pb = w.resource::<Playback>();
        assert!(!pb.playing && pb.run_to.is_none(), "{pb:?}");
        // The league shown is that stop's, in place: the next frame draws it with no move.
        let tr = w.resource::<Trainer>();
        assert_eq!(tr.anim.shown, Some(assessed[1]));
        assert!(tr.anim.done(0.0) && tr.anim.progress(0.0) == 1.0);
        assert!(tr.anim.from.is_empty());
        // And ← again from there goes one stop further back, then to the start.
        press(&mut w, &[KeyCode::ArrowLeft]);
        assert_eq!(tick(&w), stops[1]);
        press(&mut w, &[KeyCode::ArrowLeft]);
        assert_eq!(tick(&w), 0);
        assert_eq!(w.resource::<Trainer>().anim.shown, None);
    }
}
