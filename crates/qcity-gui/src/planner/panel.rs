//! The planner's left panel, one function per section, and what its buttons ask for (acted
//! on once the frame is drawn).

use super::format::{signed, target_value, target_year_axis, value_text};
use super::league::league;
use super::overlays::{detail_window, export_series, hover_tip, legend};
use crate::map::{district_values, shown_values};
use crate::sim::{self, intervene, levers_in_force, tick_of_year_end};
use crate::state::{
    CompareWorld, Discard, Forms, MapView, Playback, Pointed, PointerOverEguiWindow, SessionRes,
    ShotRequest, Showing, SimWorld, UiLang, clock, recorded, shown_month,
};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, VLine};
use qcity_core::lang::Lang;
use qcity_core::scenario::LeverName;
use qcity_core::session::Session;
use qcity_core::vocab::{INDICATORS, index_of};

/// Everything the planner's panels read and change.
#[derive(SystemParam)]
pub struct Planner<'w> {
    sim: NonSendMut<'w, SimWorld>,
    cmp: NonSendMut<'w, CompareWorld>,
    session: ResMut<'w, SessionRes>,
    pb: ResMut<'w, Playback>,
    view: ResMut<'w, MapView>,
    pointed: ResMut<'w, Pointed>,
    forms: ResMut<'w, Forms>,
    over_win: ResMut<'w, PointerOverEguiWindow>,
    lang: Res<'w, UiLang>,
    shot: ResMut<'w, ShotRequest>,
}

/// What the person asked for this frame.
#[derive(Default)]
struct Asked {
    restart: bool,
    /// The person confirmed that unsaved changes may be forgotten.
    confirmed: bool,
    open: Option<String>,
    change: Option<(LeverName, f64)>,
    /// Rerun to this recorded month and go on from there.
    branch: Option<usize>,
}

/// The planner's window: the panel, then what is drawn over the map, then the actions.
pub fn panels(mut contexts: EguiContexts, mut p: Planner) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let lang = p.lang.0;
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let mut asked = Asked::default();
    let width = egui::Panel::left("controls")
        .resizable(false)
        .exact_size(p.forms.panel_width)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| controls(ui, &mut p, &mut asked));
        })
        .response
        .rect
        .width();
    p.forms.panel_width = width.max(200.0);

    let k = p.view.shown();
    let districts = &p.session.0.scenario.districts;
    let n = districts.len();
    let month = shown_month(&p.sim, &p.view);
    let hovered = p
        .pointed
        .hovered
        .map_or(String::new(), |d| lang.district(&districts[d]));
    let indicator = indicator_label(&p, k);
    let b = p.cmp.0.as_ref().map(|c| &c.sim);
    let lines = match (p.pointed.hovered, b) {
        (None, _) => Vec::new(),
        (Some(d), None) => {
            let v = district_values(&p.sim, k, n, month)[d];
            vec![format!("{indicator}: {}", value_text(k, v))]
        }
        (Some(d), Some(b)) => {
            let va = district_values(&p.sim, k, n, month)[d];
            let vb = district_values(b, k, n, month)[d];
            vec![
                indicator.clone(),
                format!("A: {}", value_text(k, va)),
                format!("B: {}", value_text(k, vb)),
                format!("B − A: {}", signed(k, vb - va)),
            ]
        }
    };
    // Not through a window over the map (the district detail, the legend).
    if !p.over_win.0 {
        hover_tip(&ctx, &p.pointed, hovered, &lines);
    }
    let (_, scale) = shown_values(&p.sim, b, &p.session.0.scenario.targets, &p.view, n);
    let prefix = match (p.view.showing, b.is_some()) {
        (Showing::A, true) => "A: ",
        (Showing::B, true) => "B: ",
        (Showing::Difference, true) => "B − A: ",
        _ => "",
    };
    legend(
        &ctx,
        &p.view,
        &p.sim,
        &p.session.0,
        lang,
        width,
        (scale, prefix),
    );
    if let Some(d) = p.pointed.selected {
        let asked = detail_window(&ctx, &p.sim, &p.session.0, d, lang, k, month);
        if asked.export {
            p.pb.status = match export_series(&p.sim, &p.session.0, d) {
                Ok(path) => format!("{} {path}", lang.pick("wrote", "已写入")),
                Err(e) => e,
            };
        }
        if !asked.open {
            p.pointed.selected = None;
        }
    }
    confirm_discard(&ctx, &mut p, &mut asked);
    p.over_win.0 = ctx
        .pointer_hover_pos()
        .and_then(|pos| ctx.layer_id_at(pos))
        .is_some_and(|l| l.order != egui::Order::Background);
    act(asked, &mut p);
    Ok(())
}

/// The panel's sections, top to bottom.
fn controls(ui: &mut egui::Ui, p: &mut Planner, asked: &mut Asked) {
    ui.heading(format!("qcity · {}", p.session.0.scenario.name));
    time_controls(ui, p, asked);
    ui.separator();
    indicator_picker(ui, p);
    compare_controls(ui, p);
    ui.separator();
    // Foldable, so that the charts and the league below come into view without scrolling.
    let lang = p.lang.0;
    asked.change = egui::CollapsingHeader::new(
        egui::RichText::new(lang.pick("Policy levers", "政策杠杆")).strong(),
    )
    .id_salt("levers")
    .default_open(true)
    .show(ui, |ui| {
        let change = lever_sliders(ui, p);
        costs(ui, p);
        change
    })
    .body_returned
    .flatten();
    interventions(ui, p);
    files(ui, p, asked);
    ui.separator();
    city_chart(ui, p);
    if p.session.0.scenario.race_ever_on() {
        ui.separator();
        league(ui, &p.sim, &p.session.0, p.lang.0);
    }
}

/// The month shown, the time slider over the months simulated, play, step, restart, speed and
/// the jumps to the target years.
fn time_controls(ui: &mut egui::Ui, p: &mut Planner, asked: &mut Asked) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let c = clock(&p.sim);
    let n = recorded(&p.sim).len();
    let shown = shown_month(&p.sim, &p.view);
    // The month the map shows (the last simulated unless the slider went back).
    let date = match shown {
        None => t("start", "起点").to_string(),
        Some(m) => c.start.plus(m as i64).to_string(),
    };
    ui.label(
        egui::RichText::new(format!(
            "{date} · {} / {} {}",
            shown.map_or(0, |m| m + 1),
            c.months,
            t("months", "个月")
        ))
        .size(20.0)
        .strong(),
    );
    if let Some(m) = shown
        && n > 1
    {
        let mut m = m;
        let start = c.start;
        let width = (p.forms.panel_width - 190.0).max(120.0);
        let help = t(
            "Months already simulated are kept: going back shows them again at once. Play replays them, then runs on.",
            "已模拟的月份会保留：回看即时显示。播放会先重放，再继续运行。",
        );
        let slider = egui::Slider::new(&mut m, 0..=n - 1)
            .text(t("month shown", "显示月份"))
            .custom_formatter(move |x, _| start.plus(x as i64).to_string())
            .custom_parser(move |s| {
                qcity_core::time::YearMonth::parse(s.trim())
                    .ok()
                    .map(|d| start.months_until(d) as f64)
            });
        let r = ui
            .scope(|ui| {
                ui.spacing_mut().slider_width = width;
                ui.add(slider).on_hover_text(help)
            })
            .inner;
        if r.changed() {
            p.view.month = (m + 1 < n).then_some(m);
            p.view.dirty();
        }
    }
    let pb = &mut p.pb;
    let view = &mut p.view;
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
            step(pb, view, &c, n);
        }
        if ui.button(t("Restart", "重新开始")).clicked() {
            asked.restart = true;
        }
    });
    let speed_label = |s: f32| {
        if s.is_finite() {
            format!("{s} {}", t("months/s", "月/秒"))
        } else {
            t("as fast as possible", "最快").to_string()
        }
    };
    ui.horizontal(|ui| {
        ui.label(t("Speed", "速度"));
        egui::ComboBox::from_id_salt("speed")
            .selected_text(speed_label(pb.speed))
            .show_ui(ui, |ui| {
                for s in [1.0f32, 3.0, 6.0, 12.0, 24.0, f32::INFINITY] {
                    ui.selectable_value(&mut pb.speed, s, speed_label(s));
                }
            });
    });
    ui.horizontal(|ui| {
        for year in [2027, 2035] {
            if ui.button(format!("→ {year}-12")).clicked() {
                // A month already simulated is shown at once; a later one is run to.
                let tick = tick_of_year_end(&c, year) as usize;
                if tick >= 1 && tick < n {
                    view.month = Some(tick - 1);
                } else {
                    view.month = None;
                    pb.run_to = Some(tick as u32);
                }
                view.dirty();
            }
        }
    });
    if pb.run_to.is_some() {
        ui.add(
            egui::ProgressBar::new(c.tick as f32 / c.months.max(1) as f32)
                .text(t("running…", "运行中…")),
        );
    }
    // Below the buttons, so that going back does not move them.
    if p.view.month.is_some() {
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    t("the model is at", "模型已运行至"),
                    c.start.plus(n as i64 - 1)
                ))
                .italics(),
            );
            if ui.button(t("Show latest", "显示最新")).clicked() {
                p.view.month = None;
                p.view.dirty();
            }
        });
        // Branch: rerun to the month shown (deterministic, so the same months), then changes
        // apply from the month after it. Later changes are dropped, and the button says so.
        let m = p.view.month.unwrap_or(0);
        let later = p
            .session
            .0
            .interventions
            .iter()
            .filter(|iv| iv.tick as usize > m)
            .count();
        let label = match (lang, later) {
            (Lang::En, 0) => "Continue from this month".to_string(),
            (Lang::En, k) => format!("Continue from this month (drops {k} later change(s))"),
            (Lang::Zh, 0) => "从此月继续".to_string(),
            (Lang::Zh, k) => format!("从此月继续（丢弃之后的 {k} 项改动）"),
        };
        if ui
            .button(label)
            .on_hover_text(t(
                "Reruns the scenario to the month shown (the same months: runs are deterministic), so that changes apply from the month after it; the months after are run again.",
                "重新运行至所显示月份（结果相同：运行是确定性的），之后的改动自下一月起生效；其后的月份将重新运行。",
            ))
            .clicked()
        {
            asked.branch = Some(m);
        }
    }
}

/// One month on: the next month already simulated while the slider is back, else the model
/// runs one more.
pub fn step(pb: &mut Playback, view: &mut MapView, c: &qcity_core::model::Clock, n: usize) {
    pb.playing = false;
    match view.month {
        Some(m) => {
            view.month = (m + 2 < n).then_some(m + 1);
            view.dirty();
        }
        None => pb.run_to = Some((c.tick + 1).min(c.months)),
    }
}

/// One month back on the time slider (from the last simulated, the one before).
pub fn step_back(view: &mut MapView, n: usize) {
    let Some(last) = n.checked_sub(1) else { return };
    let m = view.month.unwrap_or(last);
    view.month = Some(m.saturating_sub(1));
    view.dirty();
}

/// A label for indicator `k` in the person's language.
fn indicator_label(p: &Planner, k: usize) -> String {
    p.lang
        .0
        .indicator(INDICATORS[k].id, &p.session.0.scenario.targets)
}

/// Which indicator colours the map, measured or true.
fn indicator_picker(ui: &mut egui::Ui, p: &mut Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    ui.label(egui::RichText::new(t("Map colour", "地图着色")).strong());
    let measured: Vec<usize> = (0..INDICATORS.len())
        .filter(|&k| !INDICATORS[k].id.ends_with("_true"))
        .collect();
    let labels: Vec<String> = (0..INDICATORS.len())
        .map(|k| indicator_label(p, k))
        .collect();
    let width = p.forms.panel_width - 30.0;
    let view = &mut p.view;
    let before = (view.indicator, view.true_values);
    egui::ComboBox::from_id_salt("indicator")
        .width(width)
        .selected_text(labels[view.indicator].clone())
        .show_ui(ui, |ui| {
            for &k in &measured {
                ui.selectable_value(&mut view.indicator, k, labels[k].clone());
            }
        });
    let has_true = index_of(&format!("{}_true", INDICATORS[view.indicator].id)).is_some();
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
}

/// Compare with a second scenario: open one, then show A, B or B − A; or stop comparing.
fn compare_controls(ui: &mut egui::Ui, p: &mut Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let before = p.view.showing;
    match p.cmp.0.as_ref() {
        Some(c) => {
            let name_b = c.session.scenario.name.clone();
            ui.horizontal_wrapped(|ui| {
                ui.label(t("Show", "显示"));
                ui.radio_value(
                    &mut p.view.showing,
                    Showing::A,
                    format!("A {}", p.session.0.scenario.name),
                )
                .on_hover_text(t("The scenario changes apply to", "改动作用的情景"));
                ui.radio_value(&mut p.view.showing, Showing::B, format!("B {name_b}"));
                ui.radio_value(&mut p.view.showing, Showing::Difference, "B − A");
            });
            if ui.button(t("Stop comparing", "停止对比")).clicked() {
                p.cmp.0 = None;
                p.view.showing = Showing::A;
                p.view.dirty();
            }
        }
        None => {
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut p.forms.compare_path).desired_width(200.0));
                if ui
                    .button(t("Compare with", "对比"))
                    .on_hover_text(t(
                        "Runs a second scenario of the same districts beside this one, month for month; the map then shows A, B or B − A.",
                        "在旁同步运行另一个同区县情景，逐月对齐；地图可显示 A、B 或 B − A。",
                    ))
                    .clicked()
                {
                    let path = std::path::PathBuf::from(p.forms.compare_path.trim());
                    match sim::open_compared(&path, &p.session.0) {
                        Ok(mut c) => {
                            c.sim.0.run_to(p.sim.0.tick());
                            p.cmp.0 = Some(c);
                            p.view.showing = Showing::Difference;
                            p.pb.status = format!("{} {}", t("comparing with", "对比"), path.display());
                        }
                        Err(e) => p.pb.status = format!("{e}"),
                    }
                    p.view.dirty();
                }
            });
        }
    }
    if p.view.showing != before {
        p.view.dirty();
    }
}

/// The scope (city or the clicked district) and a slider or box per lever; returns the
/// change the person made, if any.
fn lever_sliders(ui: &mut egui::Ui, p: &mut Planner) -> Option<(LeverName, f64)> {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    scope_choice(ui, p);
    let scope_d = p.forms.scope.unwrap_or(0);
    let levers = levers_in_force(&mut p.sim, scope_d)?;
    let from = p.sim.0.date();
    ui.label(egui::RichText::new(match lang {
        Lang::En => {
            format!("A change applies from the next month simulated ({from}); the run goes on.")
        }
        Lang::Zh => format!("改动自下一个模拟月（{from}）起生效，运行不重置。"),
    }));
    let mut change = None;
    for &lever in LeverName::ALL {
        let info = lever.info();
        let name = lang.pick(info.en, info.zh);
        // What the lever does, its plan section and the scenario name it is saved under.
        let help = format!(
            "{}\n{} {} · {}",
            lang.pick(info.help_en, info.help_zh),
            t("Plan section", "方案条目"),
            info.section,
            info.name
        );
        let current = lever.get(&levers);
        if lever.is_bool() {
            let mut on = current != 0.0;
            if ui.checkbox(&mut on, name).on_hover_text(&help).changed() {
                change = Some((lever, on as u8 as f64));
            }
            continue;
        }
        let (lo, hi) = slider_range(lever, &levers);
        // A change made this month applies from the next: until then the slider shows the
        // value asked for, not the one in force, so it does not jump back on release.
        let scope: Vec<usize> = p.forms.scope.into_iter().collect();
        let next = p.sim.0.tick();
        let pending = p
            .session
            .0
            .interventions
            .iter()
            .rev()
            .find_map(|iv| match &iv.action {
                qcity_core::scenario::Action::SetLever {
                    lever: l, value, ..
                } if *l == lever && iv.tick >= next && iv.districts == scope => Some(*value),
                _ => None,
            });
        let mut v = match (p.forms.draft, pending) {
            (Some((l, x)), _) if l == lever => x,
            (_, Some(x)) => x,
            _ => current,
        };
        // Shown in the unit a person reads (percent of GDP, inspectors per 1,000 firms), stored
        // as the scenario writes it.
        let k = info.display_factor;
        let unit = lang.pick(info.display_unit_en, info.display_unit_zh);
        let mut label = if unit.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({unit})")
        };
        // The scope on every slider: a district's name when the change would apply there only.
        if let Some(d) = p.forms.scope {
            label.push_str(&format!(
                " · {}",
                lang.district(&p.session.0.scenario.districts[d])
            ));
        }
        if pending.is_some() {
            label.push_str(t(" → next month", " → 下月起"));
        }
        let mut shown = v * k;
        let mut slider = egui::Slider::new(&mut shown, lo * k..=hi * k);
        // The budget (0–5 % of GDP, the plan at 0.05–0.1 %) and the inspection rates (a few
        // percent of a 0–100 % range) would sit at the far left of a linear slider.
        let (log, smallest) = match lever {
            LeverName::BudgetShareOfGdp => (true, 0.01),
            LeverName::InspectionRateA
            | LeverName::InspectionRateB
            | LeverName::InspectionRateC
            | LeverName::InspectionRateD => (true, 0.1),
            _ => (false, 0.0),
        };
        if log {
            slider = slider.logarithmic(true).smallest_positive(smallest);
        }
        // The label beside the slider wraps to the panel instead of running past its edge.
        let r = ui
            .horizontal(|ui| {
                let r = ui.add(slider).on_hover_text(&help);
                ui.add(egui::Label::new(label).wrap()).on_hover_text(&help);
                r
            })
            .inner;
        if r.changed() {
            v = shown / k;
        }
        // Only a person's action changes a lever: a release after dragging, or an edit of the
        // focused slider (keys, typed value).
        let acted = r.drag_stopped() || (r.changed() && (r.has_focus() || r.clicked()));
        if r.dragged() {
            p.forms.draft = Some((lever, v));
        } else if acted {
            p.forms.draft = None;
            // Against what will be in force: a pending change moved back to the current
            // value is a change too.
            let target = pending.unwrap_or(current);
            if (v - target).abs() > 1e-12 * target.abs().max(1.0) {
                change = Some((lever, v));
            }
        }
    }
    change
}

/// The yearly public cost of the levers in force, by department (at this month's rate, within
/// each district's budget), and while a slider is dragged an estimate with the new value.
fn costs(ui: &mut egui::Ui, p: &mut Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let yi = |x: f64| format!("{:.2} {}", x / 1e8, t("hundred million yuan", "亿元"));
    let now = qcity_core::costs::yearly_by_department(p.sim.0.world_mut(), None);
    let draft = if p.forms.scope.is_some() {
        None
    } else {
        p.forms
            .draft
            .and_then(|d| qcity_core::costs::yearly_by_department(p.sim.0.world_mut(), Some(d)))
    };
    let Some((now, firms)) = now else { return };
    ui.label(
        egui::RichText::new(t("Public cost a year, by department", "各部门年度公共支出")).strong(),
    );
    egui::Grid::new("costs").num_columns(3).show(ui, |ui| {
        for (d, v) in &now {
            ui.label(match lang {
                Lang::En => d.name_en(),
                Lang::Zh => d.name_zh(),
            });
            ui.label(yi(*v));
            match draft
                .as_ref()
                .and_then(|(x, _)| x.iter().find(|y| y.0 == *d))
            {
                Some((_, w)) if (w - v).abs() > 1e-6 * v.abs().max(1.0) => {
                    ui.label(format!("→ {}", yi(*w)));
                }
                _ => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
        ui.label(t("total", "合计"));
        let total: f64 = now.iter().map(|x| x.1).sum();
        ui.label(yi(total));
        match &draft {
            Some((x, _)) => {
                let w: f64 = x.iter().map(|y| y.1).sum();
                ui.label(if (w - total).abs() > 1e-6 * total.max(1.0) {
                    format!("→ {}", yi(w))
                } else {
                    String::new()
                });
            }
            None => {
                ui.label("");
            }
        }
        ui.end_row();
    });
    ui.label(
        egui::RichText::new(format!(
            "{} {}",
            t("Firms' own quality spending:", "企业自身质量投入："),
            yi(firms)
        ))
        .small(),
    );
    ui.separator();
}

/// City-wide, or the clicked district only.
fn scope_choice(ui: &mut egui::Ui, p: &mut Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let districts = &p.session.0.scenario.districts;
    let forms = &mut p.forms;
    let selected = p.pointed.selected;
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(&mut forms.scope, None, t("city-wide", "全市"));
        // The district in scope keeps its button; a newly clicked one gets its own.
        if let Some(d) = forms.scope {
            ui.radio_value(&mut forms.scope, Some(d), lang.district(&districts[d]));
        }
        match selected {
            Some(d) if forms.scope != Some(d) => {
                ui.radio_value(&mut forms.scope, Some(d), lang.district(&districts[d]));
            }
            None if forms.scope.is_none() => {
                ui.add_enabled(
                    false,
                    egui::RadioButton::new(false, t("(click a district)", "（点击区县）")),
                );
            }
            _ => {}
        }
    });
}

/// A lever's slider range: its declared range, and for the inspection rates the neighbours'
/// rates, since sampling must not fall as risk rises (the rule scenario files are checked by).
fn slider_range(lever: LeverName, levers: &qcity_core::levers::Levers) -> (f64, f64) {
    let (mut lo, mut hi) = lever.range();
    let r = &levers.inspection_rate;
    match lever {
        LeverName::InspectionRateA => hi = r.b,
        LeverName::InspectionRateB => (lo, hi) = (r.a, r.c),
        LeverName::InspectionRateC => (lo, hi) = (r.b, r.d),
        LeverName::InspectionRateD => lo = r.c,
        _ => {}
    }
    (lo, hi)
}

/// The changes made so far, the latest four.
fn interventions(ui: &mut egui::Ui, p: &Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let session = &p.session.0;
    let n = session.interventions.len();
    ui.label(format!(
        "{} {n}",
        t("Interventions so far:", "已记录干预：")
    ));
    for iv in session.interventions.iter().rev().take(4) {
        let whom = if iv.districts.is_empty() {
            t("city", "全市").to_string()
        } else {
            iv.districts
                .iter()
                .map(|&d| lang.district(&session.scenario.districts[d]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.label(
            egui::RichText::new(format!(
                "{} {} ({whom})",
                iv.at,
                qcity_core::trainer::describe(&iv.action, lang)
            ))
            .small(),
        );
    }
}

/// Save the changes as a scenario, open another, take a screenshot; the status line.
fn files(ui: &mut egui::Ui, p: &mut Planner, asked: &mut Asked) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let forms = &mut p.forms;
    let pb = &mut p.pb;
    let session = &p.session.0;
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut forms.save_path).desired_width(200.0));
        if ui.button(t("Save scenario", "保存情景")).clicked() {
            let path = std::path::PathBuf::from(&forms.save_path);
            pb.status = match session.save(&path) {
                Ok(()) => {
                    forms.unsaved = 0;
                    format!("{} {}", t("saved", "已保存"), path.display())
                }
                Err(e) => format!("{e}"),
            };
        }
    });
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut forms.open_path).desired_width(200.0));
        if ui.button(t("Open", "打开")).clicked() {
            asked.open = Some(forms.open_path.clone());
        }
    });
    if ui.button(t("Screenshot (F12)", "截图 (F12)")).clicked() {
        p.shot.0 = true;
    }
    if !pb.status.is_empty() {
        ui.label(egui::RichText::new(&pb.status).italics());
    }
}

/// The city's trajectory of the map's indicator against the plan.
fn city_chart(ui: &mut egui::Ui, p: &Planner) {
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let k = p.view.shown();
    let c = clock(&p.sim);
    ui.label(
        egui::RichText::new(format!("{} · {}", t("City", "全市"), indicator_label(p, k))).strong(),
    );
    let start_year = c.start.year as f64 + (c.start.month as f64 - 1.0) / 12.0;
    let pts: Vec<[f64; 2]> = recorded(&p.sim)
        .iter()
        .enumerate()
        .filter(|(_, m)| m[0][k].is_finite())
        .map(|(i, m)| [start_year + i as f64 / 12.0, m[0][k]])
        .collect();
    target_year_axis(Plot::new("city-plot"), start_year)
        .height(190.0)
        .width(p.forms.panel_width - 40.0)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .include_x(start_year)
        .include_x(start_year + c.months as f64 / 12.0 + 0.4)
        .show(ui, |plot| {
            match &p.cmp.0 {
                Some(c) => {
                    plot.line(Line::new(
                        format!("A {}", p.session.0.scenario.name),
                        PlotPoints::from(pts),
                    ));
                    let b: Vec<[f64; 2]> = c
                        .sim
                        .0
                        .recorded()
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m[0][k].is_finite())
                        .map(|(i, m)| [start_year + i as f64 / 12.0, m[0][k]])
                        .collect();
                    plot.line(Line::new(
                        format!("B {}", c.session.scenario.name),
                        PlotPoints::from(b),
                    ));
                }
                None => plot.line(Line::new(t("projection", "预测"), PlotPoints::from(pts))),
            }
            if let Some(m) = p.view.month {
                plot.vline(VLine::new(
                    t("month shown", "显示月份"),
                    start_year + m as f64 / 12.0,
                ));
            }
            for year in [2027u32, 2035] {
                if let Some(v) = target_value(&p.session.0, &p.sim, k, year) {
                    plot.hline(HLine::new(format!("{year} {}", t("target", "目标")), v));
                }
            }
        });
}

/// Asks before a restart or open forgets unsaved changes: the window stays until the person
/// goes on or cancels (or saves, which leaves nothing to lose).
fn confirm_discard(ctx: &egui::Context, p: &mut Planner, asked: &mut Asked) {
    let Some(what) = p.forms.confirm.clone() else {
        return;
    };
    let lang = p.lang.0;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let n = p.forms.unsaved;
    let (doing, go) = match what {
        Discard::Restart => (
            t("Restarting", "重新开始"),
            t("Restart, forget them", "重新开始，丢弃改动"),
        ),
        Discard::Open(_) => (
            t("Opening another scenario", "打开其他情景"),
            t("Open, forget them", "打开，丢弃改动"),
        ),
    };
    let mut answer = (n == 0).then_some(true);
    if answer.is_none() {
        egui::Window::new(t("Unsaved changes", "有未保存的改动"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(match lang {
                    Lang::En => {
                        format!(
                            "{n} change(s) made on the map are not saved. {doing} forgets them."
                        )
                    }
                    Lang::Zh => format!("地图上有 {n} 项改动尚未保存。{doing}会丢弃这些改动。"),
                });
                ui.label(t(
                    "Save them first with \"Save scenario\", or go on.",
                    "可先用\u{201c}保存情景\u{201d}保存，或继续。",
                ));
                ui.horizontal(|ui| {
                    if ui.button(go).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(t("Cancel", "取消")).clicked() {
                        answer = Some(false);
                    }
                });
            });
    }
    match answer {
        Some(true) => {
            p.forms.confirm = None;
            match what {
                Discard::Restart => asked.restart = true,
                Discard::Open(path) => asked.open = Some(path),
            }
            asked.confirmed = true;
        }
        Some(false) => p.forms.confirm = None,
        None => {}
    }
}

/// Carries out what was asked: a lever change, a restart, opening another scenario. A restart
/// or open that would forget unsaved changes asks first.
fn act(mut asked: Asked, p: &mut Planner) {
    let lang = p.lang.0;
    if let Some((lever, value)) = asked.change {
        apply_change(p, lever, value, lang);
    }
    if !asked.confirmed && p.forms.unsaved > 0 {
        if asked.restart {
            p.forms.confirm = Some(Discard::Restart);
            asked.restart = false;
        } else if let Some(path) = asked.open.take() {
            p.forms.confirm = Some(Discard::Open(path));
        }
    }
    if let Some(m) = asked.branch {
        branch(p, m, lang);
    }
    if asked.restart {
        restart(p, lang);
    }
    if let Some(path) = asked.open {
        open_scenario(p, &path, lang);
    }
}

/// A lever value as shown: up to four significant decimals, no trailing zeros.
fn fmt_shown(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Queues a lever change from next month, for the city or the district in scope.
fn apply_change(p: &mut Planner, lever: LeverName, value: f64, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let ds: Vec<usize> = p.forms.scope.into_iter().collect();
    let date = clock(&p.sim).date();
    let scope = match p.forms.scope {
        Some(d) => lang.district(&p.session.0.scenario.districts[d]),
        None => t("city-wide", "全市").to_string(),
    };
    intervene(&mut p.sim, &mut p.session.0, lever, value, ds);
    p.forms.unsaved += 1;
    let info = lever.info();
    p.pb.status = format!(
        "{} {} ({scope}) = {} {} {} {}",
        t("set", "设定"),
        lang.pick(info.en, info.zh),
        fmt_shown(value * info.display_factor),
        lang.pick(info.display_unit_en, info.display_unit_zh),
        t("from", "自"),
        date
    );
}

/// Reruns the scenario with the changes in force by recorded month `m` to the end of that
/// month, dropping later changes, so that the next change applies from the month after.
fn branch(p: &mut Planner, m: usize, lang: Lang) {
    let before = p.session.0.interventions.len();
    p.session.0.interventions.retain(|iv| iv.tick as usize <= m);
    let dropped = before - p.session.0.interventions.len();
    if dropped > 0 {
        p.forms.unsaved += 1;
    }
    *p.sim = sim::build(&p.session.0);
    p.forms.draft = None;
    p.pb.playing = false;
    p.pb.run_to = Some(m as u32 + 1);
    p.view.month = None;
    p.view.dirty();
    p.pb.generation += 1;
    let date = clock(&p.sim).start.plus(m as i64);
    p.pb.status = match lang {
        Lang::En => format!(
            "rerun to {date}; changes apply from the month after ({dropped} later change(s) dropped)"
        ),
        Lang::Zh => {
            format!("已重新运行至 {date}；改动自下一月起生效（丢弃之后的 {dropped} 项改动）")
        }
    };
}

/// A fresh run of the scenario, forgetting the changes.
fn restart(p: &mut Planner, lang: Lang) {
    // Forget the changes first: a new world queues the session's interventions.
    p.session.0.interventions.clear();
    p.forms.unsaved = 0;
    *p.sim = sim::build(&p.session.0);
    p.forms.draft = None;
    p.pb.playing = false;
    p.pb.run_to = None;
    p.pb.generation += 1;
    p.view.month = None;
    p.view.dirty();
    p.pb.status = lang.pick("restarted", "已重新开始").into();
}

/// Opens another scenario of the same districts in this window.
fn open_scenario(p: &mut Planner, path: &str, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let s = match Session::load(std::path::Path::new(path)) {
        Ok(s) => s,
        Err(e) => {
            p.pb.status = format!("{e}");
            return;
        }
    };
    // The map's districts are drawn once: a scenario with other districts needs a new window.
    if !sim::same_districts(&s, &p.session.0) {
        p.pb.status = format!(
            "{path}: {}",
            t(
                "its districts differ from this map's; open it with `qcity map FILE`",
                "其区县与当前地图不同，请用 qcity map FILE 打开"
            )
        );
        return;
    }
    p.forms.save_path = format!(
        "{}-session.ron",
        s.path
            .file_stem()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scenario".into())
    );
    *p.sim = sim::build(&s);
    if let Some(c) = p.cmp.0.as_mut() {
        c.sim = sim::build(&c.session);
    }
    p.session.0 = s;
    p.forms.unsaved = 0;
    p.pb.playing = false;
    p.pb.run_to = None;
    p.pb.generation += 1;
    p.pointed.selected = None;
    p.pointed.hovered = None;
    p.forms.draft = None;
    p.forms.scope = None;
    p.view.month = None;
    p.view.dirty();
    p.pb.status = format!("{} {path}", t("opened", "已打开"));
}
