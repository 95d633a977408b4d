//! What the planner's window draws over the map: the hovered district's value, the legend of
//! the colour ramp with the plan's targets marked, and the clicked district's detail.

use super::format::{fmt, target_value, target_year_axis, value_text};
use crate::palette;
use crate::state::{MapView, Pointed, Showing, SimWorld, clock, recorded, shown_month};
use bevy_egui::egui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, VLine};
use qcity_core::lang::Lang;
use qcity_core::session::Session;
use qcity_core::vocab::{INDICATORS, index_of};
use qcity_report::plots::Palette;

/// The hovered district's name and its lines (the value, or while comparing A, B and B − A),
/// by the pointer.
pub fn hover_tip(ctx: &egui::Context, pointed: &Pointed, name: String, lines: &[String]) {
    let (Some(_), Some(pos)) = (pointed.hovered, ctx.pointer_hover_pos()) else {
        return;
    };
    egui::Area::new(egui::Id::new("hover"))
        .fixed_pos(pos + egui::vec2(16.0, 16.0))
        .order(egui::Order::Tooltip)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(150.0);
                ui.label(egui::RichText::new(name).strong());
                for l in lines {
                    ui.label(l);
                }
            });
        });
}

/// The legend: the indicator's fixed scale as a colour bar (the same for every month and
/// scenario), its ends and pivot labelled, with the plan's targets marked. It sits at the map's
/// bottom left, clear of the district detail (top right, its chart at the bottom).
pub fn legend(
    ctx: &egui::Context,
    view: &MapView,
    sim: &SimWorld,
    session: &Session,
    lang: Lang,
    left: f32,
    (scale, prefix): (Palette, &str),
) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let k = view.shown();
    let difference = matches!(view.showing, Showing::Difference) && !prefix.is_empty();
    let Some((lo, hi)) = scale.bounds() else {
        return;
    };
    let c = clock(sim);
    egui::Area::new(egui::Id::new("legend"))
        .anchor(egui::Align2::LEFT_BOTTOM, egui::vec2(left + 10.0, -10.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(240.0);
                ui.label(
                    egui::RichText::new(format!(
                        "{prefix}{} · {}",
                        lang.indicator(INDICATORS[k].id, &session.scenario.targets),
                        c.start.plus(shown_month(sim, view).unwrap_or(0) as i64)
                    ))
                    .strong(),
                );
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(240.0, 18.0), egui::Sense::hover());
                colour_bar(ui, rect, scale, lo, hi);
                let x_of = |v: f64| rect.left() + rect.width() * ((v - lo) / (hi - lo)) as f32;
                for year in [2027u32, 2035] {
                    if let Some(v) = target_value(session, sim, k, year).filter(|_| !difference)
                        && v >= lo
                        && v <= hi
                    {
                        let x = x_of(v);
                        ui.painter().line_segment(
                            [
                                egui::pos2(x, rect.top() - 4.0),
                                egui::pos2(x, rect.bottom() + 4.0),
                            ],
                            egui::Stroke::new(2.5, egui::Color32::from_rgb(40, 40, 40)),
                        );
                    }
                }
                // The ends hold the values beyond them; the middle tick is the pivot.
                let mid = match scale {
                    Palette::Target { pivot, .. } => pivot,
                    Palette::DivergingFixed(_) => 0.0,
                    _ => (lo + hi) / 2.0,
                };
                let (ticks, _) =
                    ui.allocate_exact_size(egui::vec2(240.0, 16.0), egui::Sense::hover());
                let font = egui::FontId::proportional(13.0);
                let ink = ui.visuals().text_color();
                let p = ui.painter();
                let xm = x_of(mid).clamp(ticks.left() + 60.0, ticks.right() - 60.0);
                for (at, align, text) in [
                    (
                        ticks.left_top(),
                        egui::Align2::LEFT_TOP,
                        format!("≤ {}", fmt(lo)),
                    ),
                    (
                        ticks.right_top(),
                        egui::Align2::RIGHT_TOP,
                        format!("≥ {}", fmt(hi)),
                    ),
                    (
                        egui::pos2(xm, ticks.top()),
                        egui::Align2::CENTER_TOP,
                        fmt(mid),
                    ),
                ] {
                    p.text(at, align, text, font.clone(), ink);
                }
                let targets: Vec<String> = [2027u32, 2035]
                    .iter()
                    .filter(|_| !difference)
                    .filter_map(|&y| {
                        target_value(session, sim, k, y).map(|v| format!("{y}: {}", fmt(v)))
                    })
                    .collect();
                let caption = match scale {
                    _ if difference => t(
                        "red: B below A, blue: B above A, white: the same",
                        "红：B 低于 A，蓝：B 高于 A，白：相同",
                    ),
                    Palette::Target { .. } => t(
                        "red: below the target, blue: above; black mark = target",
                        "红：低于目标，蓝：高于目标；黑线 = 目标",
                    ),
                    Palette::DivergingFixed(_) => {
                        t("red: below zero, blue: above", "红：低于零，蓝：高于零")
                    }
                    _ => t("light to dark: low to high", "由浅到深：由低到高"),
                };
                ui.label(egui::RichText::new(caption).size(12.0));
                if !targets.is_empty() {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            t("targets", "目标"),
                            targets.join(", ")
                        ))
                        .size(12.0),
                    );
                }
                ui.label(
                    egui::RichText::new(t(
                        "One scale for every month and scenario",
                        "各月份与情景同一色标",
                    ))
                    .size(12.0)
                    .weak(),
                );
            });
        });
}

/// The scale's colours, left (`lo`) to right (`hi`), in `rect`.
fn colour_bar(ui: &egui::Ui, rect: egui::Rect, scale: Palette, lo: f64, hi: f64) {
    let steps = 60;
    for i in 0..steps {
        let f = (i as f64 + 0.5) / steps as f64;
        let x0 = rect.left() + rect.width() * i as f32 / steps as f32;
        let x1 = rect.left() + rect.width() * (i + 1) as f32 / steps as f32;
        ui.painter().rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(x0, rect.top()),
                egui::pos2(x1 + 0.5, rect.bottom()),
            ),
            0.0,
            palette::fill32(scale, lo + (hi - lo) * f),
        );
    }
}

/// What the person did with the district's window.
pub struct DetailAsked {
    /// False when the person closed it.
    pub open: bool,
    /// The district's series were asked for as CSV.
    pub export: bool,
}

/// The clicked district's window.
pub fn detail_window(
    ctx: &egui::Context,
    sim: &SimWorld,
    session: &Session,
    d: usize,
    lang: Lang,
    k: usize,
    month: Option<usize>,
) -> DetailAsked {
    let screen = ctx.viewport_rect();
    let mut open = true;
    let mut export = false;
    egui::Window::new(lang.district(&session.scenario.districts[d]))
        .id(egui::Id::new("detail"))
        .open(&mut open)
        .default_pos(egui::pos2(screen.right() - 400.0, 20.0))
        .default_width(360.0)
        .max_width(420.0)
        .show(ctx, |ui| {
            export = ui
                .button(lang.pick("Export its series (CSV)", "导出该区县序列（CSV）"))
                .on_hover_text(lang.pick(
                    "Every indicator of this district, one row per month simulated, as qcity run writes them",
                    "该区县全部指标，每个已模拟月份一行，格式同 qcity run",
                ))
                .clicked();
            // Scrolls where the window is taller than the screen (1280×720).
            let tall = (screen.height() - 110.0).max(200.0);
            egui::ScrollArea::vertical()
                .max_height(tall)
                .min_scrolled_height(tall.min(560.0))
                .show(ui, |ui| detail(ui, sim, session, d, lang, k, month));
        });
    DetailAsked { open, export }
}

/// Writes district `d`'s months simulated so far to `qcity-CODE-SCENARIO.csv` in the working
/// directory (atomically: a temporary file renamed into place); returns the path written.
pub fn export_series(sim: &SimWorld, session: &Session, d: usize) -> Result<String, String> {
    let district = &session.scenario.districts[d];
    let path = format!("qcity-{}-{}.csv", district.code, session.scenario.name);
    let bytes = qcity_core::output::area_series_csv(clock(sim).start, recorded(sim), 1 + d);
    let tmp = format!("{path}.partial");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("{path}: {e}")
        })?;
    Ok(path)
}

/// The clicked district: its indicators against the plan's targets, credit grades,
/// inspections, brands, race standing and a small chart.
fn detail(
    ui: &mut egui::Ui,
    sim: &SimWorld,
    session: &Session,
    d: usize,
    lang: Lang,
    k: usize,
    month: Option<usize>,
) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let shown = month;
    let Some(month) = month.and_then(|m| recorded(sim).get(m)) else {
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
    targets_grid(ui, sim, session, v, lang);
    ui.separator();
    facts(ui, session, v, lang);
    district_chart(ui, sim, session, d, lang, k, shown);
}

/// The district's value of each target indicator against the plan's 2027 value.
fn targets_grid(ui: &mut egui::Ui, sim: &SimWorld, session: &Session, v: &[f64], lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
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
                // The full name, wrapped in a column wide enough to read it.
                ui.vertical(|ui| {
                    ui.set_width(230.0);
                    ui.add(egui::Label::new(lang.target(tg)).wrap());
                });
                let goal = target_value(session, sim, ik, 2027).filter(|_| comparable);
                // Met or missed against the 2027 value, as the target's comparison reads.
                let met = goal.map(|g| match tg.comparison {
                    qcity_core::data::Comparison::Equal => (v[ik] - g).abs() <= 0.05,
                    _ => v[ik] >= g,
                });
                let now = egui::RichText::new(value_text(ik, v[ik]));
                ui.label(match met {
                    Some(true) => now.color(egui::Color32::from_rgb(90, 190, 110)),
                    Some(false) => now.color(egui::Color32::from_rgb(235, 110, 90)),
                    None => now,
                });
                ui.label(match goal {
                    Some(g) => value_text(ik, g),
                    None if comparable => "–".into(),
                    None => t("(city total)", "（全市总量）").into(),
                });
                ui.end_row();
            }
        });
}

/// Credit grades, inspections, brands, standards and the race standing, in words.
fn facts(ui: &mut egui::Ui, session: &Session, v: &[f64], lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let get = |id: &str| index_of(id).map_or(f64::NAN, |k| v[k]);
    ui.label(format!(
        "{} A {:.1} % · B {:.1} % · C {:.1} % · D {:.1} %",
        t("Credit grades:", "信用等级："),
        100.0 * get("credit_a_share"),
        100.0 * get("credit_b_share"),
        100.0 * get("credit_c_share"),
        100.0 * get("credit_d_share"),
    ));
    // Counts are of real enterprises (each simulated firm stands for several): whole numbers.
    let whole = |x: f64| {
        if x.is_finite() {
            format!("{x:.0}")
        } else {
            "–".into()
        }
    };
    ui.label(format!(
        "{} {} · {} {} · {} {}",
        t("inspections this month", "本月抽检"),
        whole(get("inspections")),
        t("violations found", "查出问题"),
        whole(get("detections")),
        t("firms blacklisted", "失信名单企业"),
        whole(get("blacklisted")),
    ));
    ui.label(format!(
        "{} {} · {} {}",
        t("national brands", "国家级品牌"),
        whole(get("national_brand_count")),
        t("national standards", "国家标准"),
        whole(get("national_standards")),
    ));
    if session.scenario.race_ever_on() {
        ui.label(format!(
            "{} {} · {} {} · {} {} · {} {}",
            t("race rank", "赛马排名"),
            whole(get("race_rank")),
            t("score", "得分"),
            fmt(get("race_score")),
            t("effort", "努力"),
            fmt(get("race_effort")),
            t("gaming", "数据造假"),
            fmt(get("race_gaming")),
        ));
    }
}

/// The district's and the city's series of the map's indicator, with the 2027 target.
fn district_chart(
    ui: &mut egui::Ui,
    sim: &SimWorld,
    session: &Session,
    d: usize,
    lang: Lang,
    k: usize,
    shown: Option<usize>,
) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let rec = recorded(sim);
    let start = clock(sim).start;
    let y0 = start.year as f64 + (start.month as f64 - 1.0) / 12.0;
    let series = |area: usize| -> Vec<[f64; 2]> {
        rec.iter()
            .enumerate()
            .filter(|(_, m)| m.len() > area && m[area][k].is_finite())
            .map(|(i, m)| [y0 + i as f64 / 12.0, m[area][k]])
            .collect()
    };
    // Room after the horizon, so that the last tick's label is not cut at the window's edge.
    let end = y0 + clock(sim).months as f64 / 12.0 + 0.4;
    target_year_axis(Plot::new("district-plot"), y0)
        .height(150.0)
        .include_x(y0)
        .include_x(end)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .show(ui, |p| {
            p.line(Line::new(
                lang.district(&session.scenario.districts[d]),
                PlotPoints::from(series(1 + d)),
            ));
            p.line(Line::new(t("city", "全市"), PlotPoints::from(series(0))));
            if let Some(v) = target_value(session, sim, k, 2027) {
                p.hline(HLine::new(t("2027 target", "2027目标"), v));
            }
            if let Some(m) = shown.filter(|m| m + 1 < rec.len()) {
                p.vline(VLine::new(
                    t("month shown", "显示月份"),
                    y0 + m as f64 / 12.0,
                ));
            }
        });
}
