//! The horse race's last league in the planner's panel, with each district's move since the
//! assessment before.

use crate::palette::band_colour;
use crate::state::SimWorld;
use bevy_egui::egui;
use qcity_core::lang::Lang;
use qcity_core::model::assessment::Standing;
use qcity_core::session::Session;

/// The league of the last assessment with each district's move since the one before.
pub fn league(ui: &mut egui::Ui, sim: &SimWorld, session: &Session, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let standings = sim.0.standings();
    let mut ticks: Vec<u32> = standings.iter().map(|s| s.tick).collect();
    ticks.sort_unstable();
    ticks.dedup();
    ui.label(egui::RichText::new(t("Horse race: last assessment", "赛马比拼：最近一期")).strong());
    let Some(&last) = ticks.last() else {
        ui.label(t("no assessment yet", "尚无考核"));
        return;
    };
    let prev = ticks.len().checked_sub(2).map(|i| ticks[i]);
    let mut now: Vec<&Standing> = standings.iter().filter(|s| s.tick == last).collect();
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
            let colour = band_colour(s.band);
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
