//! The league as a bar race: bars sorted by score within each peer group, each moving from
//! its previous row, coloured by band, outlined when an audit caught the district; beside
//! each, its reward or rectification, or (T) its measured against true pass rates.

use super::state::Trainer;
use crate::palette::band_colour;
use crate::state::Pointed;
use bevy_egui::egui;
use qcity_core::lang::Lang;
use qcity_core::model::assessment::RaceRules;
use qcity_core::scenario::Scenario;
use qcity_core::trainer::{self, LeagueRow};
use std::collections::HashMap;

const INK: egui::Color32 = egui::Color32::from_rgb(30, 30, 30);
const WEAK: egui::Color32 = egui::Color32::from_rgb(110, 110, 110);

/// Where everything sits: the rows, the columns and the scales.
struct Layout {
    rect: egui::Rect,
    row_h: f32,
    font: egui::FontId,
    small: egui::FontId,
    /// The score scale of the bars.
    lo: f64,
    hi: f64,
    x_rank: f32,
    x_move: f32,
    x_name: f32,
    x_bar: f32,
    bar_w: f32,
    x_right: f32,
    right_w: f32,
    /// Each district's measured and true pass rate, and their common scale.
    mt: Vec<(f64, f64)>,
    mlo: f64,
    mhi: f64,
}

impl Layout {
    fn new(
        rect: egui::Rect,
        row_h: f32,
        tr: &Trainer,
        progress: f64,
        league: &[LeagueRow],
        s: &Scenario,
        values: &[Vec<f64>],
    ) -> Self {
        // The scale spans the league shown (and, while moving, the one it comes from).
        let moving = progress < 1.0;
        let (lo, hi) = league
            .iter()
            .map(|r| r.score)
            .chain(tr.anim.from.values().filter(|_| moving).map(|v| v.1))
            .fold((0.0f64, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        let lo = lo - 0.05 * (hi - lo).max(0.1);
        let hi = hi.max(lo + 0.1);
        let x_rank = rect.left() + 4.0;
        let x_move = x_rank + 30.0;
        let x_name = x_move + 36.0;
        let x_bar = x_name + 96.0;
        let right_w = if tr.show_true { 260.0 } else { 130.0 };
        // Room after the longest bar for its score.
        let bar_w = (rect.right() - right_w - x_bar - 44.0).max(60.0);
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
        Layout {
            rect,
            row_h,
            font: egui::FontId::proportional((row_h * 0.68).clamp(9.0, 16.0)),
            small: egui::FontId::proportional((row_h * 0.58).clamp(8.0, 13.0)),
            lo,
            hi,
            x_rank,
            x_move,
            x_name,
            x_bar,
            bar_w,
            x_right: x_bar + bar_w + 48.0,
            right_w,
            mt,
            mlo,
            mhi,
        }
    }

    fn y(&self, slot: f32) -> f32 {
        self.rect.top() + slot * self.row_h
    }
}

/// Draws the league; returns where each bar is now (row slot, score).
#[allow(clippy::too_many_arguments)]
pub fn bar_race(
    ui: &mut egui::Ui,
    tr: &Trainer,
    progress: f64,
    league: &[LeagueRow],
    rules: &RaceRules,
    s: &Scenario,
    values: &[Vec<f64>],
    lang: Lang,
    pointed: &Pointed,
) -> HashMap<usize, (f32, f64)> {
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
    let l = Layout::new(rect, row_h, tr, progress, league, s, values);
    let mut slot = 0usize;
    for &g in &groups {
        group_header(
            &p,
            &l,
            g,
            &groups,
            league,
            rules,
            s,
            tr.show_true,
            lang,
            slot,
        );
        slot += 1;
        for r in league.iter().filter(|r| r.group == g) {
            let target = slot as f32;
            let (from_slot, from_score) = tr
                .anim
                .from
                .get(&r.district)
                .copied()
                .unwrap_or((target, r.score));
            let at = from_slot + (target - from_slot) * progress as f32;
            let score = from_score + (r.score - from_score) * progress;
            out.insert(r.district, (at, score));
            let hovered =
                pointed.hovered == Some(r.district) || pointed.selected == Some(r.district);
            bar_row(&p, &l, r, at, score, hovered, s, lang);
            if tr.show_true {
                measured_against_true(&p, &l, r, at);
            } else {
                reward_tag(&p, &l, r, at, lang);
            }
            slot += 1;
        }
    }
    out
}

/// A group's header row: its name and size, and the right-hand column's heading.
#[allow(clippy::too_many_arguments)]
fn group_header(
    p: &egui::Painter,
    l: &Layout,
    g: usize,
    groups: &[usize],
    league: &[LeagueRow],
    rules: &RaceRules,
    s: &Scenario,
    show_true: bool,
    lang: Lang,
    slot: usize,
) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let mid = l.y(slot as f32) + l.row_h * 0.5;
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
        egui::pos2(l.x_rank, mid),
        egui::Align2::LEFT_CENTER,
        header,
        l.font.clone(),
        INK,
    );
    let right_head = if show_true {
        t(
            "pass rates: ■ measured □ true, gap, gaming",
            "合格率：■抽检 □真实，差距，造假",
        )
    } else {
        t("reward / order", "奖励 / 整改")
    };
    p.text(
        egui::pos2(l.x_right, mid),
        egui::Align2::LEFT_CENTER,
        right_head,
        l.small.clone(),
        WEAK,
    );
}

/// One district's row: highlight, rank, move, name, the bar and its score.
#[allow(clippy::too_many_arguments)]
fn bar_row(
    p: &egui::Painter,
    l: &Layout,
    r: &LeagueRow,
    at: f32,
    score: f64,
    hovered: bool,
    s: &Scenario,
    lang: Lang,
) {
    let y = l.y(at);
    let mid = y + l.row_h * 0.5;
    if hovered {
        p.rect_filled(
            egui::Rect::from_min_size(
                egui::pos2(l.rect.left(), y),
                egui::vec2(l.rect.width(), l.row_h),
            ),
            0.0,
            egui::Color32::from_rgb(255, 236, 200),
        );
    }
    p.text(
        egui::pos2(l.x_rank + 24.0, mid),
        egui::Align2::RIGHT_CENTER,
        r.rank.to_string(),
        l.font.clone(),
        INK,
    );
    if let Some(prev) = r.previous_rank {
        let m = prev as i64 - r.rank as i64;
        let (txt, col) = match m.cmp(&0) {
            std::cmp::Ordering::Greater => (format!("▲{m}"), egui::Color32::from_rgb(30, 140, 60)),
            std::cmp::Ordering::Less => (format!("▼{}", -m), egui::Color32::from_rgb(200, 40, 40)),
            std::cmp::Ordering::Equal => ("=".to_string(), WEAK),
        };
        p.text(
            egui::pos2(l.x_move, mid),
            egui::Align2::LEFT_CENTER,
            txt,
            l.small.clone(),
            col,
        );
    }
    p.text(
        egui::pos2(l.x_name, mid),
        egui::Align2::LEFT_CENTER,
        lang.district(&s.districts[r.district]),
        l.font.clone(),
        INK,
    );
    let len = ((score - l.lo) / (l.hi - l.lo)).clamp(0.0, 1.0) as f32 * l.bar_w;
    let bar = egui::Rect::from_min_size(
        egui::pos2(l.x_bar, y + l.row_h * 0.15),
        egui::vec2(len.max(2.0), l.row_h * 0.7),
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
        l.small.clone(),
        WEAK,
    );
}

/// (T) The district's mean measured pass rate (filled) over its true one (outline), the gap
/// and its gaming.
fn measured_against_true(p: &egui::Painter, l: &Layout, r: &LeagueRow, at: f32) {
    let (m, tv) = l.mt[r.district];
    if !(m.is_finite() && tv.is_finite()) {
        return;
    }
    let y = l.y(at);
    let mid = y + l.row_h * 0.5;
    let w = l.right_w - 70.0;
    let sx = |v: f64| ((v - l.mlo) / (l.mhi - l.mlo)).clamp(0.0, 1.0) as f32 * w;
    let top = y + l.row_h * 0.12;
    let hh = l.row_h * 0.36;
    let blue = egui::Color32::from_rgb(60, 90, 160);
    p.rect_filled(
        egui::Rect::from_min_size(egui::pos2(l.x_right, top), egui::vec2(sx(m), hh)),
        1.0,
        blue,
    );
    p.rect_stroke(
        egui::Rect::from_min_size(egui::pos2(l.x_right, top + hh), egui::vec2(sx(tv), hh)),
        1.0,
        egui::Stroke::new(1.0, blue),
        egui::StrokeKind::Inside,
    );
    let gap = m - tv;
    let col = if gap > 0.3 {
        egui::Color32::from_rgb(200, 40, 40)
    } else {
        WEAK
    };
    p.text(
        egui::pos2(l.x_right + w + 4.0, mid),
        egui::Align2::LEFT_CENTER,
        format!("{gap:+.1} · g {:.2}", r.gaming),
        l.small.clone(),
        col,
    );
}

/// The district's reward, rectification or "caught gaming".
fn reward_tag(p: &egui::Painter, l: &Layout, r: &LeagueRow, at: f32, lang: Lang) {
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    let mid = l.y(at) + l.row_h * 0.5;
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
        egui::pos2(l.x_right, mid),
        egui::Align2::LEFT_CENTER,
        tag,
        l.small.clone(),
        col,
    );
}
