//! The city-wide trend over the stops, over the map's top left: mean effort and gaming, the
//! measured − true gap, and at this stop each district's effort by rank (the room sees that
//! mid-table leaders try hardest) and each peer group's mean effort. E hides or shows it.

use crate::palette::band_colour;
use bevy_egui::egui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, Points};
use qcity_core::lang::Lang;
use qcity_core::model::assessment::Band;
use qcity_core::scenario::Scenario;
use qcity_core::trainer::{LeagueRow, TrendPoint, effort_by_group};

/// Draws the panel at `left` (the map's left edge, in points).
pub fn trend_panel(
    ctx: &egui::Context,
    trend: &[TrendPoint],
    league: &[LeagueRow],
    s: &Scenario,
    lang: Lang,
    left: f32,
) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let Some(now) = trend.last() else { return };
    egui::Area::new(egui::Id::new("trend"))
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(left + 8.0, 8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let w = 300.0;
                ui.set_width(w);
                ui.label(
                    egui::RichText::new(t("City-wide, by stop (E hides)", "全市逐期（E 隐藏）"))
                        .strong(),
                );
                ui.label(match lang {
                    Lang::En => format!(
                        "effort {:.2} · gaming {:.2} · gap {:+.2} points",
                        now.effort, now.gaming, now.gap
                    ),
                    Lang::Zh => format!(
                        "努力 {:.2} · 造假 {:.2} · 差距 {:+.2} 个百分点",
                        now.effort, now.gaming, now.gap
                    ),
                });
                let x = |i: usize| (i + 1) as f64;
                let line = |f: fn(&TrendPoint) -> f64| -> PlotPoints {
                    trend
                        .iter()
                        .enumerate()
                        .map(|(i, p)| [x(i), f(p)])
                        .collect()
                };
                Plot::new("trend-effort")
                    .height(90.0)
                    .width(w)
                    .include_y(0.0)
                    .include_y(1.0)
                    .include_x(1.0)
                    .legend(Legend::default().position(egui_plot::Corner::LeftTop))
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .show(ui, |p| {
                        p.line(
                            Line::new(t("effort", "努力"), line(|p| p.effort))
                                .color(egui::Color32::from_rgb(46, 120, 200)),
                        );
                        p.line(
                            Line::new(t("gaming", "造假"), line(|p| p.gaming))
                                .color(egui::Color32::from_rgb(210, 50, 45)),
                        );
                    });
                ui.label(
                    egui::RichText::new(t("measured − true, points", "抽检 − 真实（百分点）"))
                        .size(12.0),
                );
                Plot::new("trend-gap")
                    .height(70.0)
                    .width(w)
                    .include_y(-0.5)
                    .include_y(0.5)
                    .include_x(1.0)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .show(ui, |p| {
                        p.hline(HLine::new("0", 0.0).color(egui::Color32::GRAY));
                        p.line(
                            Line::new(t("gap", "差距"), line(|p| p.gap))
                                .color(egui::Color32::from_rgb(120, 60, 160)),
                        );
                    });
                ui.label(
                    egui::RichText::new(t("effort by rank at this stop", "本期各名次的努力"))
                        .size(12.0),
                );
                Plot::new("trend-rank")
                    .height(80.0)
                    .width(w)
                    .include_y(0.0)
                    .include_y(1.0)
                    .include_x(1.0)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .show(ui, |p| {
                        for b in [Band::Green, Band::Yellow, Band::Red] {
                            let pts: PlotPoints = league
                                .iter()
                                .filter(|r| r.band == b)
                                .map(|r| [r.rank as f64, r.effort])
                                .collect();
                            p.points(
                                Points::new(format!("{b:?}"), pts)
                                    .radius(3.0)
                                    .color(band_colour(b)),
                            );
                        }
                    });
                let groups = effort_by_group(league);
                if groups.len() > 1 {
                    let text: Vec<String> = groups
                        .iter()
                        .map(|(g, e)| {
                            let name = s.peer_group_names.get(*g).cloned().unwrap_or_default();
                            format!("{} {e:.2}", lang.peer_group(&name))
                        })
                        .collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            t("mean effort:", "平均努力："),
                            text.join(" · ")
                        ))
                        .size(12.0),
                    );
                }
            });
        });
}
