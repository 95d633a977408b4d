//! The panels (bevy_egui): time, the map's indicator and legend, levers, charts against the
//! plan's targets, the horse-race league, the hovered district and the clicked district's
//! detail.

use super::map::{MapCamera, MapView, Pointed, district_values, ramp};
use super::sim::{
    self, Playback, Session, SessionRes, SimWorld, clock, intervene, levers_in_force, recorded,
    tick_of_year_end,
};
use crate::model::indicators::{INDICATORS, index_of};
use crate::scenario::LeverName;
use bevy::camera::{CameraOutputMode, Viewport, visibility::RenderLayers};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContextSettings, EguiContexts, EguiGlobalSettings, EguiPrimaryContextPass,
    PrimaryEguiContext, egui,
};
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints};

/// The language of the labels.
#[derive(Resource, Clone, Copy)]
pub struct UiLang(pub crate::lang::Lang);

/// Whether the pointer is over a floating egui window (then map clicks are ignored).
#[derive(Resource, Default)]
pub struct PointerOverEguiWindow(pub bool);

/// Text fields and the lever being dragged.
#[derive(Resource)]
pub struct Forms {
    pub save_path: String,
    pub open_path: String,
    /// Levers apply to the whole city, or to the selected district only.
    pub district_scope: bool,
    /// (lever, value) while a slider is held: applied when released.
    pub draft: Option<(LeverName, f64)>,
    pub panel_width: f32,
}

/// The planner's panels; in trainer mode only the shared parts (fonts, camera, viewport,
/// pan gating), the trainer's view drawing the rest.
pub struct UiPlugin {
    pub trainer: bool,
}

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<PointerOverEguiWindow>()
            .add_systems(PreStartup, setup_egui_camera)
            .add_systems(Startup, init_forms)
            .add_systems(PreUpdate, gate_pan);
        if self.trainer {
            app.add_systems(
                EguiPrimaryContextPass,
                (install_fonts, super::trainer::view, set_viewport).chain(),
            );
        } else {
            app.add_systems(
                EguiPrimaryContextPass,
                (install_fonts, panels, set_viewport).chain(),
            )
            .add_systems(PreUpdate, keys);
        }
    }
}

fn init_forms(mut commands: Commands, session: Res<SessionRes>) {
    let stem = session
        .0
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    commands.insert_resource(Forms {
        save_path: format!("{stem}-session.ron"),
        open_path: session.0.path.display().to_string(),
        district_scope: false,
        draft: None,
        panel_width: 380.0,
    });
}

/// A full-window camera for egui on top of the map camera, so the map can have a viewport
/// beside the panel while egui keeps the whole window.
fn setup_egui_camera(mut commands: Commands, mut global: ResMut<EguiGlobalSettings>) {
    global.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
        EguiContextSettings {
            capture_pointer_input: false,
            ..default()
        },
    ));
}

/// The bundled Chinese font as a fallback for every egui family.
pub fn install_fonts(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "cjk".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::report::CJK_FONT)),
    );
    for fam in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(fam)
            .or_default()
            .push("cjk".to_owned());
    }
    contexts.ctx_mut()?.set_fonts(fonts);
    *done = true;
    Ok(())
}

fn fmt(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// The plan's value for an indicator in `year`, if it measures a target.
fn target_value(session: &Session, sim: &SimWorld, k: usize, year: u32) -> Option<f64> {
    let id = INDICATORS[k].id;
    let base = id.strip_suffix("_true").unwrap_or(id);
    let t = session.scenario.targets.iter().find(|t| t.id == base)?;
    let start = recorded(sim).first().map_or(f64::NAN, |m| m[0][k]);
    t.threshold(year, start)
}

#[allow(clippy::too_many_arguments)]
fn panels(
    mut contexts: EguiContexts,
    mut sim: NonSendMut<SimWorld>,
    mut session: ResMut<SessionRes>,
    mut pb: ResMut<Playback>,
    mut view: ResMut<MapView>,
    mut pointed: ResMut<Pointed>,
    mut forms: ResMut<Forms>,
    mut over_win: ResMut<PointerOverEguiWindow>,
    lang: Res<UiLang>,
    mut shot: ResMut<super::shot::ShotRequest>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let zh = lang.0 == crate::lang::Lang::Zh;
    let t = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    let c = clock(&sim);
    let session_ref = &session.0;
    let districts = &session_ref.scenario.districts;
    let dname = |d: usize| lang.0.district(&districts[d]);

    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let mut restart = false;
    let mut open: Option<String> = None;
    let mut change: Option<(LeverName, f64)> = None;
    let width = egui::Panel::left("controls")
        .resizable(false)
        .exact_size(forms.panel_width)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading(format!("qcity · {}", session_ref.scenario.name));
                // The last month simulated (the map shows it).
                let date = if c.tick == 0 {
                    t("start", "起点").to_string()
                } else {
                    c.start.plus(c.tick.min(c.months) as i64 - 1).to_string()
                };
                ui.label(
                    egui::RichText::new(format!(
                        "{date} · {} / {} {}",
                        c.tick.min(c.months),
                        c.months,
                        t("months", "个月")
                    ))
                    .size(20.0)
                    .strong(),
                );
                ui.horizontal(|ui| {
                    let play = if pb.playing {
                        t("⏸ Pause", "⏸ 暂停")
                    } else {
                        t("▶ Play", "▶ 播放")
                    };
                    if ui.button(play).clicked() {
                        pb.playing = !pb.playing;
                    }
                    if ui.button(t("Step 1 month", "单步 1 月")).clicked() {
                        pb.playing = false;
                        pb.run_to = Some((c.tick + 1).min(c.months));
                    }
                    if ui.button(t("Restart", "重新开始")).clicked() {
                        restart = true;
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(t("Speed", "速度"));
                    egui::ComboBox::from_id_salt("speed")
                        .selected_text(if pb.speed.is_finite() {
                            format!("{} {}", pb.speed, t("months/s", "月/秒"))
                        } else {
                            t("as fast as possible", "最快").to_string()
                        })
                        .show_ui(ui, |ui| {
                            for s in [1.0f32, 3.0, 6.0, 12.0, 24.0, f32::INFINITY] {
                                let label = if s.is_finite() {
                                    format!("{s} {}", t("months/s", "月/秒"))
                                } else {
                                    t("as fast as possible", "最快").to_string()
                                };
                                ui.selectable_value(&mut pb.speed, s, label);
                            }
                        });
                });
                ui.horizontal(|ui| {
                    for year in [2027, 2035] {
                        if ui.button(format!("→ {year}-12")).clicked() {
                            pb.run_to = Some(tick_of_year_end(&c, year));
                        }
                    }
                });
                if pb.run_to.is_some() {
                    ui.add(
                        egui::ProgressBar::new(c.tick as f32 / c.months.max(1) as f32)
                            .text(t("running…", "运行中…")),
                    );
                }
                ui.separator();

                // The map's indicator.
                ui.label(egui::RichText::new(t("Map colour", "地图着色")).strong());
                let measured: Vec<usize> = (0..INDICATORS.len())
                    .filter(|&k| !INDICATORS[k].id.ends_with("_true"))
                    .collect();
                let label_of = |k: usize| {
                    lang.0
                        .indicator(INDICATORS[k].id, &session_ref.scenario.targets)
                };
                let before = (view.indicator, view.true_values);
                egui::ComboBox::from_id_salt("indicator")
                    .width(forms.panel_width - 30.0)
                    .selected_text(label_of(view.indicator))
                    .show_ui(ui, |ui| {
                        for &k in &measured {
                            ui.selectable_value(&mut view.indicator, k, label_of(k));
                        }
                    });
                let has_true =
                    index_of(&format!("{}_true", INDICATORS[view.indicator].id)).is_some();
                ui.add_enabled(
                    has_true,
                    egui::Checkbox::new(
                        &mut view.true_values,
                        t("true value (not as measured)", "真实值（非抽检测得）"),
                    ),
                );
                if before != (view.indicator, view.true_values) {
                    view.dirty();
                }
                ui.separator();

                // Levers.
                ui.label(egui::RichText::new(t("Policy levers", "政策杠杆")).strong());
                ui.horizontal(|ui| {
                    ui.radio_value(&mut forms.district_scope, false, t("city-wide", "全市"));
                    let name = pointed
                        .selected
                        .map_or(t("(click a district)", "（点击区县）").to_string(), dname);
                    if ui
                        .add_enabled(
                            pointed.selected.is_some(),
                            egui::RadioButton::new(forms.district_scope, name),
                        )
                        .clicked()
                    {
                        forms.district_scope = true;
                    }
                });
                if pointed.selected.is_none() {
                    forms.district_scope = false;
                }
                let scope_d = if forms.district_scope {
                    pointed.selected.unwrap_or(0)
                } else {
                    0
                };
                let now = levers_in_force(&mut sim, scope_d);
                if let Some(levers) = now {
                    ui.label(
                        egui::RichText::new(t(
                            "A change applies from the next month; the run goes on.",
                            "改动自下月生效，运行不重置。",
                        ))
                        .small(),
                    );
                    for lever in LeverName::ALL {
                        let (mut lo, mut hi) = lever.range();
                        // Sampling must not fall as risk rises: each grade's rate stays
                        // between its neighbours' (the rule scenario files are checked by).
                        let r = &levers.inspection_rate;
                        match lever {
                            LeverName::InspectionRateA => hi = r.b,
                            LeverName::InspectionRateB => (lo, hi) = (r.a, r.c),
                            LeverName::InspectionRateC => (lo, hi) = (r.b, r.d),
                            LeverName::InspectionRateD => lo = r.c,
                            _ => {}
                        }
                        let current = lever.get(&levers);
                        if lever.is_bool() {
                            let mut on = current != 0.0;
                            if ui.checkbox(&mut on, lever.id()).changed() {
                                change = Some((lever, on as u8 as f64));
                            }
                            continue;
                        }
                        let mut v = match forms.draft {
                            Some((l, x)) if l == lever => x,
                            _ => current,
                        };
                        let r = ui.add(egui::Slider::new(&mut v, lo..=hi).text(lever.id()));
                        // Only a person's action changes a lever: a release after dragging,
                        // or an edit of the focused slider (keys, typed value).
                        let acted =
                            r.drag_stopped() || (r.changed() && (r.has_focus() || r.clicked()));
                        if r.dragged() {
                            forms.draft = Some((lever, v));
                        } else if acted {
                            forms.draft = None;
                            if (v - current).abs() > 1e-12 * current.abs().max(1.0) {
                                change = Some((lever, v));
                            }
                        }
                    }
                }
                let n = session_ref.interventions.len();
                ui.label(format!(
                    "{} {n}",
                    t("Interventions so far:", "已记录干预：")
                ));
                for iv in session_ref.interventions.iter().rev().take(4) {
                    let whom = if iv.districts.is_empty() {
                        t("city", "全市").to_string()
                    } else {
                        iv.districts
                            .iter()
                            .map(|&d| dname(d))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {} ({whom})",
                            iv.at,
                            crate::trainer::describe(&iv.action, lang.0)
                        ))
                        .small(),
                    );
                }
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut forms.save_path).desired_width(200.0));
                    if ui.button(t("Save scenario", "保存情景")).clicked() {
                        let path = std::path::PathBuf::from(&forms.save_path);
                        pb.status = match session_ref.save(&path) {
                            Ok(()) => format!("{} {}", t("saved", "已保存"), path.display()),
                            Err(e) => format!("{e}"),
                        };
                    }
                });
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut forms.open_path).desired_width(200.0));
                    if ui.button(t("Open", "打开")).clicked() {
                        open = Some(forms.open_path.clone());
                    }
                });
                if ui.button(t("Screenshot (F12)", "截图 (F12)")).clicked() {
                    shot.0 = true;
                }
                if !pb.status.is_empty() {
                    ui.label(egui::RichText::new(&pb.status).italics());
                }
                ui.separator();

                // The city's trajectory of the map's indicator against the plan.
                let k = view.shown();
                ui.label(
                    egui::RichText::new(format!("{} · {}", t("City", "全市"), label_of(k)))
                        .strong(),
                );
                let start_year = c.start.year as f64 + (c.start.month as f64 - 1.0) / 12.0;
                let pts: Vec<[f64; 2]> = recorded(&sim)
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m[0][k].is_finite())
                    .map(|(i, m)| [start_year + i as f64 / 12.0, m[0][k]])
                    .collect();
                Plot::new("city-plot")
                    .height(170.0)
                    .width(forms.panel_width - 40.0)
                    .legend(Legend::default())
                    .include_x(start_year)
                    .include_x(start_year + c.months as f64 / 12.0)
                    .show(ui, |p| {
                        p.line(Line::new(t("projection", "预测"), PlotPoints::from(pts)));
                        for year in [2027u32, 2035] {
                            if let Some(v) = target_value(session_ref, &sim, k, year) {
                                p.hline(HLine::new(format!("{year} {}", t("target", "目标")), v));
                            }
                        }
                    });

                // The horse race.
                if session_ref.scenario.race_ever_on() {
                    ui.separator();
                    league(ui, &sim, session_ref, lang.0, zh);
                }
            });
        })
        .response
        .rect
        .width();
    forms.panel_width = width.max(200.0);

    // The hovered district, by the pointer.
    let k = view.shown();
    let values = district_values(&sim, k, districts.len());
    if let (Some(d), Some(pos)) = (pointed.hovered, ctx.pointer_hover_pos()) {
        egui::Area::new(egui::Id::new("hover"))
            .fixed_pos(pos + egui::vec2(16.0, 16.0))
            .order(egui::Order::Tooltip)
            .show(&ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(150.0);
                    ui.label(egui::RichText::new(dname(d)).strong());
                    ui.label(format!("{}: {}", INDICATORS[k].id, fmt(values[d])));
                });
            });
    }

    // The legend: a colour bar over the current range, with the plan's target marked.
    let (lo, hi) = view.range;
    let screen = ctx.viewport_rect();
    egui::Area::new(egui::Id::new("legend"))
        .fixed_pos(egui::pos2(screen.right() - 250.0, screen.bottom() - 110.0))
        .order(egui::Order::Foreground)
        .show(&ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{} · {}",
                        INDICATORS[k].id,
                        c.start.plus(recorded(&sim).len().max(1) as i64 - 1)
                    ))
                    .small(),
                );
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(220.0, 16.0), egui::Sense::hover());
                let steps = 44;
                for i in 0..steps {
                    let f = i as f64 / (steps - 1) as f64;
                    let col = ramp(f).to_srgba();
                    let x0 = rect.left() + rect.width() * i as f32 / steps as f32;
                    let x1 = rect.left() + rect.width() * (i + 1) as f32 / steps as f32;
                    ui.painter().rect_filled(
                        egui::Rect::from_min_max(
                            egui::pos2(x0, rect.top()),
                            egui::pos2(x1, rect.bottom()),
                        ),
                        0.0,
                        egui::Color32::from_rgb(
                            (col.red * 255.0) as u8,
                            (col.green * 255.0) as u8,
                            (col.blue * 255.0) as u8,
                        ),
                    );
                }
                for year in [2027u32, 2035] {
                    if let Some(v) = target_value(session_ref, &sim, k, year)
                        && v >= lo
                        && v <= hi
                    {
                        let x = rect.left() + rect.width() * ((v - lo) / (hi - lo)) as f32;
                        ui.painter().line_segment(
                            [
                                egui::pos2(x, rect.top() - 4.0),
                                egui::pos2(x, rect.bottom() + 4.0),
                            ],
                            egui::Stroke::new(2.5, egui::Color32::from_rgb(200, 30, 30)),
                        );
                    }
                }
                ui.horizontal(|ui| {
                    ui.label(fmt(lo));
                    ui.add_space(120.0);
                    ui.label(fmt(hi));
                });
                let targets: Vec<String> = [2027u32, 2035]
                    .iter()
                    .filter_map(|&y| {
                        target_value(session_ref, &sim, k, y).map(|v| format!("{y}: {}", fmt(v)))
                    })
                    .collect();
                if !targets.is_empty() {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            t("red mark = target", "红线 = 目标"),
                            targets.join(", ")
                        ))
                        .small(),
                    );
                }
            });
        });

    // The clicked district's detail.
    if let Some(d) = pointed.selected {
        let mut open_win = true;
        egui::Window::new(dname(d))
            .id(egui::Id::new("detail"))
            .open(&mut open_win)
            .default_pos(egui::pos2(screen.right() - 400.0, 20.0))
            .default_width(360.0)
            .max_width(420.0)
            .show(&ctx, |ui| detail(ui, &sim, session_ref, d, lang.0, zh, k));
        if !open_win {
            pointed.selected = None;
        }
    }

    over_win.0 = ctx
        .pointer_hover_pos()
        .and_then(|p| ctx.layer_id_at(p))
        .is_some_and(|l| l.order != egui::Order::Background);

    // Act on what was asked.
    if let Some((lever, value)) = change {
        let ds = if forms.district_scope {
            pointed.selected.into_iter().collect()
        } else {
            Vec::new()
        };
        intervene(&mut sim, &mut session.0, lever, value, ds);
        pb.status = format!(
            "{} {} = {value:.3} {} {}",
            t("set", "设定"),
            lever.id(),
            t("from", "自"),
            c.date()
        );
    }
    if restart {
        // Forget the changes first: a new world queues the session's interventions.
        session.0.interventions.clear();
        *sim = sim::build(&session.0);
        forms.draft = None;
        pb.playing = false;
        pb.run_to = None;
        pb.generation += 1;
        pb.status = t("restarted", "已重新开始").into();
    }
    if let Some(path) = open {
        match Session::load(std::path::Path::new(&path)) {
            // The map's districts are drawn once: a scenario with other districts needs a
            // new window.
            Ok(s)
                if s.scenario.districts.iter().map(|d| &d.code).ne(session
                    .0
                    .scenario
                    .districts
                    .iter()
                    .map(|d| &d.code)) =>
            {
                pb.status = format!(
                    "{path}: {}",
                    t(
                        "its districts differ from this map's; open it with `qcity map FILE`",
                        "其区县与当前地图不同，请用 qcity map FILE 打开"
                    )
                );
            }
            Ok(s) => {
                forms.save_path = format!(
                    "{}-session.ron",
                    s.path
                        .file_stem()
                        .map(|x| x.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "scenario".into())
                );
                *sim = sim::build(&s);
                session.0 = s;
                pb.playing = false;
                pb.run_to = None;
                pb.generation += 1;
                pointed.selected = None;
                pointed.hovered = None;
                forms.draft = None;
                forms.district_scope = false;
                pb.status = format!("{} {path}", t("opened", "已打开"));
            }
            Err(e) => pb.status = format!("{e}"),
        }
    }
    Ok(())
}

/// The clicked district: its indicators against the plan's targets, credit grades,
/// inspections, brands, race standing and a small chart.
fn detail(
    ui: &mut egui::Ui,
    sim: &SimWorld,
    session: &Session,
    d: usize,
    lang: crate::lang::Lang,
    zh: bool,
    k: usize,
) {
    let t = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    let rec = recorded(sim);
    let Some(month) = rec.last() else {
        ui.label(t(
            "No month simulated yet: press Play or Step.",
            "尚未模拟：请播放或单步。",
        ));
        return;
    };
    if month.len() <= 1 + d {
        return;
    }
    let v = &month[1 + d];
    let get = |id: &str| index_of(id).map_or(f64::NAN, |k| v[k]);
    egui::Grid::new("detail-targets")
        .striped(true)
        .show(ui, |ui| {
            ui.strong(t("indicator", "指标"));
            ui.strong(t("now", "当前"));
            ui.strong(t("2027 target", "2027目标"));
            ui.end_row();
            for tg in &session.scenario.targets {
                let Some(ik) = index_of(&tg.id) else { continue };
                if !v[ik].is_finite() {
                    continue;
                }
                // City totals (counts, values) are not a district's target; rates and indices are.
                let comparable = matches!(tg.unit.as_str(), "percent" | "index" | "points");
                ui.add(egui::Label::new(lang.target(tg)).truncate());
                ui.label(fmt(v[ik]));
                ui.label(if comparable {
                    target_value(session, sim, ik, 2027).map_or("–".into(), fmt)
                } else {
                    t("(city total)", "（全市总量）").into()
                });
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(format!(
        "{} A {:.1} % · B {:.1} % · C {:.1} % · D {:.1} %",
        t("Credit grades:", "信用等级："),
        100.0 * get("credit_a_share"),
        100.0 * get("credit_b_share"),
        100.0 * get("credit_c_share"),
        100.0 * get("credit_d_share"),
    ));
    ui.label(format!(
        "{} {} · {} {} · {} {}",
        t("inspections", "抽检"),
        fmt(get("inspections")),
        t("violations found", "查出问题"),
        fmt(get("detections")),
        t("blacklisted", "失信名单"),
        fmt(get("blacklisted")),
    ));
    ui.label(format!(
        "{} {} · {} {}",
        t("national brands", "国家级品牌"),
        fmt(get("national_brand_count")),
        t("national standards", "国家标准"),
        fmt(get("national_standards")),
    ));
    if session.scenario.race_ever_on() {
        ui.label(format!(
            "{} {} · {} {} · {} {} · {} {}",
            t("race rank", "赛马排名"),
            fmt(get("race_rank")),
            t("score", "得分"),
            fmt(get("race_score")),
            t("effort", "努力"),
            fmt(get("race_effort")),
            t("gaming", "数据造假"),
            fmt(get("race_gaming")),
        ));
    }
    let start = sim::clock(sim).start;
    let y0 = start.year as f64 + (start.month as f64 - 1.0) / 12.0;
    let series = |area: usize| -> Vec<[f64; 2]> {
        rec.iter()
            .enumerate()
            .filter(|(_, m)| m.len() > area && m[area][k].is_finite())
            .map(|(i, m)| [y0 + i as f64 / 12.0, m[area][k]])
            .collect()
    };
    Plot::new("district-plot")
        .height(140.0)
        .legend(Legend::default())
        .show(ui, |p| {
            p.line(Line::new(
                lang.district(&session.scenario.districts[d]),
                PlotPoints::from(series(1 + d)),
            ));
            p.line(Line::new(t("city", "全市"), PlotPoints::from(series(0))));
            if let Some(v) = target_value(session, sim, k, 2027) {
                p.hline(HLine::new(t("2027 target", "2027目标"), v));
            }
        });
}

/// The league of the last assessment with each district's move since the one before.
fn league(ui: &mut egui::Ui, sim: &SimWorld, session: &Session, lang: crate::lang::Lang, zh: bool) {
    let t = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    let standings = &sim
        .0
        .world()
        .resource::<crate::model::assessment::Standings>()
        .0;
    let mut ticks: Vec<u32> = standings.iter().map(|s| s.tick).collect();
    ticks.sort_unstable();
    ticks.dedup();
    ui.label(egui::RichText::new(t("Horse race: last assessment", "赛马比拼：最近一期")).strong());
    let Some(&last) = ticks.last() else {
        ui.label(t("no assessment yet", "尚无考核"));
        return;
    };
    let prev = ticks.len().checked_sub(2).map(|i| ticks[i]);
    let mut now: Vec<&crate::model::assessment::Standing> =
        standings.iter().filter(|s| s.tick == last).collect();
    now.sort_by_key(|s| (s.group, s.rank));
    egui::Grid::new("league").striped(true).show(ui, |ui| {
        ui.strong("#");
        ui.strong(t("district", "区县"));
        ui.strong(t("move", "变化"));
        ui.strong(t("score", "得分"));
        ui.end_row();
        for s in now {
            let moved = prev
                .and_then(|p| {
                    standings
                        .iter()
                        .find(|x| x.tick == p && x.district == s.district && x.group == s.group)
                })
                .map(|x| x.rank as i64 - s.rank as i64);
            let colour = super::trainer::band_colour(s.band);
            ui.label(egui::RichText::new(s.rank.to_string()).color(colour));
            ui.label(
                egui::RichText::new(lang.district(&session.scenario.districts[s.district]))
                    .color(colour),
            );
            ui.label(match moved {
                Some(m) if m > 0 => format!("▲{m}"),
                Some(m) if m < 0 => format!("▼{}", -m),
                Some(_) => "=".into(),
                None => String::new(),
            });
            ui.label(format!("{:.2}", s.score));
            ui.end_row();
        }
    });
}

/// The map camera draws beside the panel, not under it.
fn set_viewport(
    forms: Res<Forms>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut cam: Single<&mut Camera, With<MapCamera>>,
) {
    let win = UVec2::new(window.physical_width(), window.physical_height());
    let x =
        ((forms.panel_width * window.scale_factor()).round() as u32).min(win.x.saturating_sub(1));
    let pos = UVec2::new(x, 0);
    let size = UVec2::new(win.x - x, win.y).max(UVec2::ONE);
    if cam
        .viewport
        .as_ref()
        .map(|v| (v.physical_position, v.physical_size))
        != Some((pos, size))
    {
        cam.viewport = Some(Viewport {
            physical_position: pos,
            physical_size: size,
            ..default()
        });
    }
}

/// Space plays or pauses; the right arrow steps one month (when no text field has focus).
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut pb: ResMut<Playback>,
    sim: NonSend<SimWorld>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
) {
    if wants.wants_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        pb.playing = !pb.playing;
    }
    if keys.just_pressed(KeyCode::ArrowRight) {
        let c = clock(&sim);
        pb.playing = false;
        pb.run_to = Some((c.tick + 1).min(c.months));
    }
}

/// Drags and scrolls pan and zoom the map only when they start over the map.
fn gate_pan(
    mouse: Res<ButtonInput<MouseButton>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    window: Single<&Window, With<PrimaryWindow>>,
    cam: Single<(&Camera, &mut bevy::camera_controller::pan_camera::PanCamera), With<MapCamera>>,
    over: Res<PointerOverEguiWindow>,
    mut drag_ok: Local<bool>,
) {
    let (camera, mut pan) = cam.into_inner();
    let in_map = window
        .physical_cursor_position()
        .zip(camera.physical_viewport_rect())
        .is_some_and(|(p, r)| r.as_rect().contains(p))
        && !over.0;
    if mouse.just_pressed(MouseButton::Left) {
        *drag_ok = in_map;
    }
    pan.mouse_pan_settings.enabled = *drag_ok;
    pan.enabled =
        (in_map || (*drag_ok && mouse.pressed(MouseButton::Left))) && !wants.wants_keyboard_input();
}
