//! The trainer's view: the lesson's title and stop, the note for the moment, the bar race,
//! the band legend, the hovered district, and the what-if window.

use super::bar_race::bar_race;
use super::rules::RulesContext;
use super::state::Trainer;
use crate::palette::band_colour;
use crate::state::{
    Forms, Playback, Pointed, PointerOverEguiWindow, SessionRes, SimWorld, UiLang, clock, recorded,
};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};
use qcity_core::lang::Lang;
use qcity_core::model::Clock;
use qcity_core::model::assessment::{Band, RaceRules};
use qcity_core::params::AssessmentPatch;
use qcity_core::scenario::{Action, Scenario};
use qcity_core::trainer::{self, LeagueRow};
use std::path::PathBuf;

/// Everything the trainer's view reads and changes.
#[derive(SystemParam)]
pub struct TrainerView<'w, 's> {
    time: Res<'w, Time>,
    sim: NonSendMut<'w, SimWorld>,
    session: ResMut<'w, SessionRes>,
    pb: ResMut<'w, Playback>,
    tr: ResMut<'w, Trainer>,
    forms: ResMut<'w, Forms>,
    over_win: ResMut<'w, PointerOverEguiWindow>,
    pointed: Res<'w, Pointed>,
    lang: Res<'w, UiLang>,
    window: Single<'w, 's, &'static mut Window, With<PrimaryWindow>>,
}

/// The trainer's panel: the lesson, the note, the bar race; the rules window; the band legend.
pub fn view(mut contexts: EguiContexts, mut v: TrainerView) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    set_title(&mut v);
    // Light, for projectors.
    if ctx.theme() != egui::Theme::Light {
        ctx.set_theme(egui::Theme::Light);
    }
    let lang = v.lang.0;
    let now = v.time.elapsed_secs_f64();
    let c = clock(&v.sim);
    let scenario = v.session.0.scenario.clone();
    let standings = v.sim.0.standings().to_vec();
    let rules = v.sim.0.world().resource::<RaceRules>().clone();
    let ticks = trainer::assessment_ticks(&standings);
    let latest = ticks.last().copied();
    // A new league to show: animate from where the bars are now.
    v.tr.anim.follow(latest, now);
    let progress = v.tr.anim.progress(now);
    if progress < 1.0 {
        ctx.request_repaint();
    }
    let league: Vec<LeagueRow> = latest.map_or(Vec::new(), |l| trainer::league(&standings, l));
    // A lesson's note that names a view switches to it when it comes.
    let note_date = c.start.plus(c.tick.saturating_sub(1) as i64);
    if let Some(n) = trainer::note_at(&scenario, note_date)
        && v.tr.note_applied != Some(n.at)
    {
        v.tr.note_applied = Some(n.at);
        match n.view {
            Some(qcity_core::scenario::NoteView::MeasuredTrue) => v.tr.show_true = true,
            Some(qcity_core::scenario::NoteView::Race) => v.tr.show_true = false,
            None => {}
        }
    }
    let values = recorded(&v.sim).last().cloned().unwrap_or_default();

    // In egui points, so that the presentation scale widens the panel with its text.
    let panel_w = (ctx.viewport_rect().width() * 0.5).clamp(480.0, 900.0);
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("trainer-root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let stop = Stop {
        clock: &c,
        scenario: &scenario,
        rules: &rules,
        ticks: &ticks,
    };
    let mut new_now = Default::default();
    let width = egui::Panel::left("trainer")
        .resizable(false)
        .exact_size(panel_w)
        .show(&mut root, |ui| {
            header(ui, &stop, &v.pb, lang);
            let tr = &v.tr;
            new_now = bar_race(
                ui, tr, progress, &league, &rules, &scenario, &values, lang, &v.pointed,
            );
        })
        .response
        .rect
        .width();
    v.tr.anim.now = new_now;
    v.forms.panel_width = width;
    band_legend(&ctx, lang);
    // The what-if window opens where the trend panel sits: the window wins while open.
    if !v.tr.hide_trend && !v.tr.rules.open {
        let trend = trainer::trend(&standings, recorded(&v.sim));
        super::trend::trend_panel(&ctx, &trend, &league, &scenario, lang, width);
    }
    hover_tip(&ctx, &v.pointed, &league, &scenario, lang);
    what_if(&ctx, &mut v, &rules, panel_w);
    ask_recording_folder(&ctx, &mut v);
    Ok(())
}

/// The first G asks where to record (the folder is created; an earlier recording there is
/// refused, as with `--record`).
fn ask_recording_folder(ctx: &egui::Context, v: &mut TrainerView) {
    let Some(mut folder) = v.tr.rec.asking.clone() else {
        return;
    };
    let lang = v.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let (mut start, mut cancel) = (false, false);
    egui::Window::new(t("Record the race", "录制赛马"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(t(
                "Folder for frame-NNN.png and race.gif, one frame per stop:",
                "每期一帧，frame-NNN.png 与 race.gif 保存到文件夹：",
            ));
            let r = ui.add(
                egui::TextEdit::singleline(&mut folder)
                    .hint_text(super::recording::DEFAULT_DIR)
                    .desired_width(320.0),
            );
            if !v.tr.rec.focus_asked {
                r.request_focus();
                v.tr.rec.focus_asked = true;
            }
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                start = ui.button(t("Record", "开始录制")).clicked() || entered;
                cancel = ui.button(t("Cancel", "取消")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        });
    if cancel {
        v.tr.rec.asking = None;
        v.tr.rec.answered = true;
        v.pb.status = t("not recording", "未录制").into();
    } else if start {
        v.tr.rec.answered = true;
        v.pb.status = v.tr.rec.start_in(&folder, lang);
    } else {
        v.tr.rec.asking = Some(folder);
    }
}

/// Recording shows in the title bar, so the recorded frames stay clean for slides.
fn set_title(v: &mut TrainerView) {
    let title = format!(
        "qcity: {} (trainer){}",
        v.session.0.scenario.name,
        if v.tr.rec.on {
            format!(
                " ● {} {}",
                v.lang.0.pick("recording, frames:", "录制中，帧数："),
                v.tr.rec.frames
            )
        } else {
            String::new()
        }
    );
    if v.window.title != title {
        v.window.title = title;
    }
}

/// Where the lesson is: the month, the assessment and the stop.
struct Stop<'a> {
    clock: &'a Clock,
    scenario: &'a Scenario,
    rules: &'a RaceRules,
    /// The months assessed so far.
    ticks: &'a [u32],
}

/// The lesson's title, the stop, the note for the moment, the keys and the status.
fn header(ui: &mut egui::Ui, s: &Stop, pb: &Playback, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let c = s.clock;
    ui.horizontal(|ui| {
        ui.heading(format!(
            "{} · {}",
            t("Horse race", "赛马比拼"),
            s.scenario.name.trim_start_matches("lesson-")
        ));
    });
    let shown_date = if c.tick == 0 {
        t("start", "起点").to_string()
    } else {
        c.start.plus(c.tick.min(c.months) as i64 - 1).to_string()
    };
    ui.label(
        egui::RichText::new(format!("{shown_date} · {}", which_assessment(s, lang)))
            .size(19.0)
            .strong(),
    );
    note(ui, s, lang);
    ui.label(
        egui::RichText::new(t(
            "→ next · ← back · Home restart · T measured/true · E trend · R rules · G record · F12 screenshot",
            "→ 下一期 · ← 上一期 · Home 重新开始 · T 抽检/真实 · E 趋势 · R 规则 · G 录制 · F12 截图",
        ))
        .size(13.0)
        .weak(),
    );
    if pb.playing || pb.run_to.is_some() {
        ui.label(egui::RichText::new(t("running…", "运行中…")).italics());
    } else if !pb.status.is_empty() {
        ui.label(egui::RichText::new(&pb.status).italics().size(13.0));
    }
    ui.separator();
    if !s.rules.assessment.enabled {
        ui.label(t(
            "The race is off in this scenario: switch it on in the rules (R).",
            "本情景未开启赛马：可在规则中开启（R）。",
        ));
    }
}

/// "assessment of 2024-03 · stop 5/52".
fn which_assessment(s: &Stop, lang: Lang) -> String {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let c = s.clock;
    match s.ticks.last() {
        Some(&l) if s.rules.assessment.enabled && s.scenario.assessment.enabled => format!(
            "{} {} · {} {}/{}",
            t("assessment of", "考核期"),
            c.start.plus(l as i64),
            t("stop", "第"),
            s.ticks.len(),
            expected_stops(s.scenario, s.rules)
        ),
        Some(&l) => format!(
            "{} {} · {} {}",
            t("assessment of", "考核期"),
            c.start.plus(l as i64),
            t("stop", "第"),
            s.ticks.len()
        ),
        None => t("before the first assessment", "首次考核之前").to_string(),
    }
}

/// The lesson's note for this moment.
fn note(ui: &mut egui::Ui, s: &Stop, lang: Lang) {
    let note_date = s.clock.start.plus(s.clock.tick.saturating_sub(1) as i64);
    let Some(n) = trainer::note_at(s.scenario, note_date) else {
        return;
    };
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(255, 250, 225))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                egui::RichText::new(match lang {
                    Lang::En => &n.en,
                    Lang::Zh => &n.zh,
                })
                .size(19.0)
                .color(egui::Color32::from_rgb(40, 40, 40)),
            );
        });
}

/// The band legend, bottom right over the map.
fn band_legend(ctx: &egui::Context, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let screen = ctx.viewport_rect();
    egui::Area::new(egui::Id::new("band-legend"))
        .fixed_pos(egui::pos2(screen.right() - 300.0, screen.bottom() - 60.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
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
}

/// The hovered district's rank, score and band.
fn hover_tip(
    ctx: &egui::Context,
    pointed: &Pointed,
    league: &[LeagueRow],
    scenario: &Scenario,
    lang: Lang,
) {
    let (Some(d), Some(pos)) = (pointed.hovered, ctx.pointer_hover_pos()) else {
        return;
    };
    egui::Area::new(egui::Id::new("trainer-hover"))
        .fixed_pos(pos + egui::vec2(16.0, 16.0))
        .order(egui::Order::Tooltip)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(lang.district(&scenario.districts[d])).strong());
                if let Some(r) = league.iter().find(|r| r.district == d) {
                    ui.label(format!(
                        "{} {} · {:.2} · {}",
                        lang.pick("rank", "名次"),
                        r.rank,
                        r.score,
                        band_name(r.band, lang)
                    ));
                }
            });
        });
}

/// The what-if window, and what it asks: save the changes, apply new rules from next month.
fn what_if(ctx: &egui::Context, v: &mut TrainerView, rules: &RaceRules, panel_w: f32) {
    let lang = v.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let c = clock(&v.sim);
    let rc = RulesContext {
        rules,
        session: &v.session.0,
        tick: c.tick,
        can_apply: !(c.finished() || v.pb.playing || v.pb.run_to.is_some()),
        lang,
        x: panel_w,
    };
    let asked = v.tr.rules.show(ctx, &rc, &mut v.forms.save_path);
    v.over_win.0 = asked.over;
    if asked.save {
        let path = PathBuf::from(&v.forms.save_path);
        v.pb.status = match v.session.0.save(&path) {
            Ok(()) => format!("{} {}", t("saved", "已保存"), path.display()),
            Err(e) => format!("{e}"),
        };
    }
    if let Some(patch) = asked.apply {
        apply_rules(v, patch, c.date(), lang);
    }
}

/// Records new race rules from next month; the window keeps showing the rules applied.
fn apply_rules(
    v: &mut TrainerView,
    patch: AssessmentPatch,
    at: qcity_core::time::YearMonth,
    lang: Lang,
) {
    let action = Action::SetRace {
        rules: Box::new(patch),
    };
    let text = trainer::describe(&action, lang);
    if v.session.0.intervene(&mut v.sim.0, action, Vec::new()) {
        v.pb.status = format!("{text} · {} {at}", lang.pick("from", "自"));
    }
}

/// A band's name.
fn band_name(b: Band, lang: Lang) -> &'static str {
    match b {
        Band::Green => lang.pick("green", "绿档"),
        Band::Yellow => lang.pick("yellow", "黄档"),
        Band::Red => lang.pick("red", "红档"),
    }
}

/// How many assessments the lesson will make at its current period.
fn expected_stops(s: &Scenario, r: &RaceRules) -> u32 {
    let months = s.horizon.months();
    match r.assessment.period {
        qcity_core::params::Period::Quarter => months / 3,
        qcity_core::params::Period::Year => months / 12,
    }
}
