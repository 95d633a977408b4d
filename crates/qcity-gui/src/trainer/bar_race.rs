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
        // Columns as wide as the text they hold.
        let f = (row_h * 0.68).clamp(9.0, 21.0);
        let x_rank = rect.left() + 4.0;
        let x_move = x_rank + 2.1 * f;
        let x_name = x_move + 2.4 * f;
        let x_bar = x_name + 6.6 * f;
        // The right-hand column at its natural width, or at most three fifths of what the
        // bars and it share in a narrow panel.
        let shared = (rect.right() - x_bar - 3.2 * f).max(120.0);
        let right_w = if tr.show_true { 17.0 * f } else { 8.8 * f }.min(shared * 0.6);
        // Room after the longest bar for its score.
        let bar_w = (rect.right() - right_w - x_bar - 3.2 * f).max(60.0);
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
            font: egui::FontId::proportional(f),
            small: egui::FontId::proportional((row_h * 0.58).clamp(8.0, 18.0)),
            lo,
            hi,
            x_rank,
            x_move,
            x_name,
            x_bar,
            bar_w,
            x_right: x_bar + bar_w + 3.2 * f,
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
    // Slots: the groups one after another, a header row before each. Rows as tall as a room
    // reads from the back (labels of about 20 points, 24 px at 1920×1080 under the trainer's
    // scale); where the league does not fit, each group shows its top and bottom and folds
    // the middle into one row.
    let mut groups: Vec<usize> = league.iter().map(|r| r.group).collect();
    groups.dedup();
    let avail = ui.available_size();
    // Under T, two rows first say what the right-hand bars and numbers are.
    let legend_rows = 2 * usize::from(tr.show_true);
    let fold = Fold::new(avail.y - 8.0, league, &groups, legend_rows);
    let row_h = fold.row_h;
    let rows = fold.rows + legend_rows;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(avail.x, row_h * rows as f32),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    let l = Layout::new(rect, row_h, tr, progress, league, s, values);
    if tr.show_true {
        true_legend(&p, &l, lang);
    }
    let mut slot = legend_rows;
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
        let members: Vec<&LeagueRow> = league.iter().filter(|r| r.group == g).collect();
        let m = members.len();
        let keep = fold.keep.min(m);
        let folded = m > 2 * keep + 1;
        let fold_slot = slot + keep;
        if folded {
            fold_row(&p, &l, fold_slot, m - 2 * keep, (keep + 1, m - keep), lang);
        }
        for (i, r) in members.into_iter().enumerate() {
            let hidden = folded && i >= keep && i < m - keep;
            let target = if !folded || i < keep {
                (slot + i) as f32
            } else if hidden {
                fold_slot as f32
            } else {
                (fold_slot + 1 + i - (m - keep)) as f32
            };
            let (from_slot, from_score) = tr
                .anim
                .from
                .get(&r.district)
                .copied()
                .unwrap_or((target, r.score));
            let at = from_slot + (target - from_slot) * progress as f32;
            let score = from_score + (r.score - from_score) * progress;
            out.insert(r.district, (at, score));
            // A folded district is drawn only while it moves into the fold.
            if hidden && (progress >= 1.0 || (from_slot - target).abs() < 0.01) {
                continue;
            }
            let hovered =
                pointed.hovered == Some(r.district) || pointed.selected == Some(r.district);
            bar_row(&p, &l, r, at, score, hovered, s, lang);
            if tr.show_true {
                measured_against_true(&p, &l, r, at);
            } else {
                reward_tag(&p, &l, r, at, lang);
            }
        }
        slot += if folded { 2 * keep + 1 } else { m };
    }
    out
}

/// How the league fits the panel: the row height and how many of each group's top and bottom
/// are shown when the middle is folded.
struct Fold {
    row_h: f32,
    /// Districts shown at each end of a group (every district when the group has at most
    /// twice this plus one).
    keep: usize,
    rows: usize,
}

impl Fold {
    /// Row height a room reads (labels of 20 points) and the least that stays legible (15).
    const WANT: f32 = 30.0;
    const LEAST: f32 = 22.0;

    fn new(height: f32, league: &[LeagueRow], groups: &[usize], extra: usize) -> Self {
        let sizes: Vec<usize> = groups
            .iter()
            .map(|g| league.iter().filter(|r| r.group == *g).count())
            .collect();
        let rows_for = |keep: usize| -> usize {
            sizes
                .iter()
                .map(|&m| 1 + if m > 2 * keep + 1 { 2 * keep + 1 } else { m })
                .sum::<usize>()
                + extra
        };
        let all = rows_for(usize::MAX / 4);
        // Everything fits at a readable height: no fold.
        if height / all as f32 >= Self::WANT {
            return Fold {
                row_h: Self::WANT,
                keep: usize::MAX / 4,
                rows: all - extra,
            };
        }
        // Else the tallest rows that still show each group's top three and bottom three (a
        // group's podium and its red end), or at the least height as many as fit.
        let best = |row_h: f32| {
            let capacity = (height / row_h).floor() as usize;
            (1..=league.len()).rev().find(|&k| rows_for(k) <= capacity)
        };
        for row_h in [Self::WANT, 26.0, Self::LEAST] {
            match best(row_h) {
                Some(keep) if keep >= 3 || row_h == Self::LEAST => {
                    return Fold {
                        row_h,
                        keep,
                        rows: rows_for(keep) - extra,
                    };
                }
                _ => {}
            }
        }
        // A very small window: one at each end, rows as tall as fit.
        let rows = rows_for(1);
        Fold {
            row_h: (height / rows as f32).max(10.0),
            keep: 1,
            rows: rows - extra,
        }
    }
}

/// Under T, the first two rows: the right-hand bars' scale (the pass rates' common range)
/// and what the numbers are, wrapped to the panel.
fn true_legend(p: &egui::Painter, l: &Layout, lang: Lang) {
    let text = match lang {
        Lang::En => format!(
            "Right: pass rates on {:.0}–{:.0} %, ■ measured □ true. Numbers: gap (measured − true, points) · gaming (0–1).",
            l.mlo, l.mhi
        ),
        Lang::Zh => format!(
            "右侧：合格率（{:.0}–{:.0} %），■抽检 □真实。数字：差距（抽检−真实，百分点）· 造假（0–1）。",
            l.mlo, l.mhi
        ),
    };
    let galley = p.layout(
        text,
        l.small.clone(),
        WEAK,
        l.rect.width() - (l.x_rank - l.rect.left()) - 4.0,
    );
    let top = l.y(1.0) - galley.size().y / 2.0;
    p.galley(egui::pos2(l.x_rank, top), galley, WEAK);
}

/// The folded middle of a group: how many districts and which ranks.
fn fold_row(
    p: &egui::Painter,
    l: &Layout,
    slot: usize,
    n: usize,
    (first, last): (usize, usize),
    lang: Lang,
) {
    let mid = l.y(slot as f32) + l.row_h * 0.5;
    let text = match lang {
        Lang::En => format!("… {n} more, ranks {first}–{last} …"),
        Lang::Zh => format!("… 另 {n} 个，第 {first}–{last} 名 …"),
    };
    p.text(
        egui::pos2(l.x_name, mid),
        egui::Align2::LEFT_CENTER,
        text,
        l.small.clone(),
        WEAK,
    );
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
    // Under T the rows above the league say what the right-hand column is.
    if show_true {
        return;
    }
    let right_head = t("reward / order", "奖励 / 整改");
    // Right-aligned at the panel's edge: the header row has no bars, so a long heading
    // reaches left over their column instead of being cut.
    p.text(
        egui::pos2(l.rect.right() - 2.0, mid),
        egui::Align2::RIGHT_CENTER,
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
    // The numbers right-aligned at the panel's edge, the bars in the room left of them.
    let text_w = p
        .layout_no_wrap("+0.00 · 0.00".into(), l.small.clone(), WEAK)
        .size()
        .x;
    let w = (l.right_w - text_w - 8.0).max(20.0);
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
        egui::pos2(l.rect.right() - 2.0, mid),
        egui::Align2::RIGHT_CENTER,
        format!("{gap:+.2} · {:.2}", r.gaming),
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
