//! Trainer mode's model side (headless, so it is tested without a window): pausing at each
//! assessment of the horse race, the league of one assessment with its moves, the lesson's
//! note for a moment, each district's measured against true quality, and what-if rule changes
//! described in words. `qcity map --trainer` (src/gui/trainer.rs) draws these.

use crate::lang::Lang;
use crate::model::assessment::{Band, Standing};
use crate::scenario::{Action, Note, Scenario};
use crate::time::YearMonth;
use crate::vocab::index_of;

/// The stops of a lesson so far: the clock's tick right after each assessment (0, the start,
/// first).
pub fn stops(standings: &[Standing]) -> Vec<u32> {
    let mut out = vec![0];
    for s in standings {
        if out.last() != Some(&(s.tick + 1)) {
            out.push(s.tick + 1);
        }
    }
    out
}

/// The stop before `tick` (0 at the start).
pub fn previous_stop(standings: &[Standing], tick: u32) -> u32 {
    stops(standings)
        .into_iter()
        .filter(|&t| t < tick)
        .max()
        .unwrap_or(0)
}

/// The lesson's note in force at `date`: the latest dated at or before it.
pub fn note_at(s: &Scenario, date: YearMonth) -> Option<&Note> {
    s.notes.iter().rev().find(|n| n.at <= date)
}

/// One stop of the city-wide trend trainer mode shows: the mean over districts of the
/// leaders' effort and gaming in the period assessed, and the city's measured − true gap
/// (points, the mean over the six pass rates) in the month assessed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub tick: u32,
    pub effort: f64,
    pub gaming: f64,
    pub gap: f64,
}

/// The trend over the assessments so far (`recorded` as the model records it: month, area,
/// indicator; the gap is NaN where the month is not recorded).
pub fn trend(standings: &[Standing], recorded: &[Vec<Vec<f64>>]) -> Vec<TrendPoint> {
    let gap_k = index_of("measured_true_gap");
    assessment_ticks(standings)
        .into_iter()
        .map(|tick| {
            let rows: Vec<&Standing> = standings.iter().filter(|s| s.tick == tick).collect();
            let mean = |f: fn(&Standing) -> f64| {
                rows.iter().map(|s| f(s)).sum::<f64>() / rows.len().max(1) as f64
            };
            let gap = gap_k
                .and_then(|k| {
                    recorded
                        .get(tick as usize)
                        .and_then(|m| m.first())
                        .map(|c| c[k])
                })
                .unwrap_or(f64::NAN);
            TrendPoint {
                tick,
                effort: mean(|s| s.effort),
                gaming: mean(|s| s.gaming),
                gap,
            }
        })
        .collect()
}

/// Mean effort per peer group in one league, in the league's group order.
pub fn effort_by_group(league: &[LeagueRow]) -> Vec<(usize, f64)> {
    let mut groups: Vec<usize> = league.iter().map(|r| r.group).collect();
    groups.dedup();
    groups
        .into_iter()
        .map(|g| {
            let e: Vec<f64> = league
                .iter()
                .filter(|r| r.group == g)
                .map(|r| r.effort)
                .collect();
            (g, e.iter().sum::<f64>() / e.len().max(1) as f64)
        })
        .collect()
}

/// One district in one assessment's league.
#[derive(Debug, Clone, PartialEq)]
pub struct LeagueRow {
    pub district: usize,
    pub group: usize,
    pub score: f64,
    pub rank: u32,
    pub band: Band,
    /// Rank at the assessment before, when the district was in the same group.
    pub previous_rank: Option<u32>,
    pub previous_score: Option<f64>,
    pub reward: f64,
    pub rectification: bool,
    pub caught: bool,
    /// Effort and gaming during the period assessed.
    pub effort: f64,
    pub gaming: f64,
}

/// The league of the assessment made at `tick` (a standing's tick), by group and rank.
pub fn league(standings: &[Standing], tick: u32) -> Vec<LeagueRow> {
    let before = standings
        .iter()
        .filter(|s| s.tick < tick)
        .map(|s| s.tick)
        .max();
    let mut rows: Vec<LeagueRow> = standings
        .iter()
        .filter(|s| s.tick == tick)
        .map(|s| {
            let prev = before.and_then(|b| {
                standings
                    .iter()
                    .find(|p| p.tick == b && p.district == s.district && p.group == s.group)
            });
            LeagueRow {
                district: s.district,
                group: s.group,
                score: s.score,
                rank: s.rank,
                band: s.band,
                previous_rank: prev.map(|p| p.rank),
                previous_score: prev.map(|p| p.score),
                reward: s.reward,
                rectification: s.rectification,
                caught: s.caught,
                effort: s.effort,
                gaming: s.gaming,
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.group, r.rank));
    rows
}

/// The ticks of every assessment made so far.
pub fn assessment_ticks(standings: &[Standing]) -> Vec<u32> {
    let mut t: Vec<u32> = standings.iter().map(|s| s.tick).collect();
    t.dedup();
    t
}

/// The six sampled pass rates: a district's mean measured and mean true value (percent, over
/// the sectors where both are known),
/// from one month's recorded values (`values[area][indicator]`, area 0 the city). Gaming shows
/// as measured above true.
pub fn measured_and_true(month: &[Vec<f64>], area: usize) -> (f64, f64) {
    const SECTORS: [&str; 6] = [
        "ag_pass_rate",
        "food_pass_rate",
        "mfg_pass_rate",
        "consumer_pass_rate",
        "drug_production_pass_rate",
        "drug_circulation_pass_rate",
    ];
    let Some(row) = month.get(area) else {
        return (f64::NAN, f64::NAN);
    };
    // Pairs where both are known (a district may have had no sample of a sector yet).
    let pairs: Vec<(f64, f64)> = SECTORS
        .iter()
        .filter_map(|id| Some((index_of(id)?, index_of(&format!("{id}_true"))?)))
        .filter_map(|(m, t)| Some((*row.get(m)?, *row.get(t)?)))
        .filter(|(m, t)| m.is_finite() && t.is_finite())
        .collect();
    if pairs.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let n = pairs.len() as f64;
    (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    )
}

/// A change in words, for the interventions list and the status line.
pub fn describe(action: &Action, lang: Lang) -> String {
    match action {
        Action::SetLever { lever, value, .. } => format!("{} = {value:.3}", lever.id()),
        Action::Incident {
            sector,
            defect_multiplier,
            months,
            ..
        } => format!(
            "{} {sector:?} ×{defect_multiplier} {months} {}",
            lang.pick("incident", "事件"),
            lang.pick("months", "个月")
        ),
        Action::SetRace { rules } => {
            let mut parts = Vec::new();
            let json = serde_json::to_value(rules).unwrap_or_default();
            if let Some(map) = json.as_object() {
                for (k, v) in map {
                    let v = match v {
                        serde_json::Value::Number(n) => n
                            .as_f64()
                            .map_or_else(|| n.to_string(), |x| format!("{x:.3}")),
                        serde_json::Value::Array(a) if k == "weights" => a
                            .iter()
                            .map(|w| {
                                format!(
                                    "{} {:.2}",
                                    w["indicator"].as_str().unwrap_or("?"),
                                    w["weight"].as_f64().unwrap_or(0.0)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                        other => other.to_string().trim_matches('"').to_string(),
                    };
                    parts.push(format!("{} = {v}", rule_label(k, lang)));
                }
            }
            format!(
                "{}: {}",
                lang.pick("race rules", "赛马规则"),
                parts.join("; ")
            )
        }
    }
}

/// A race rule's name for the trainer's panel.
pub fn rule_label(field: &str, lang: Lang) -> String {
    let zh = match field {
        "weights" => "指标权重",
        "green_prize" => "绿档奖励",
        "red_penalty" => "红档惩罚",
        "audit_probability" => "核查概率",
        "peer_groups" => "比拼分组",
        "noise_sd" => "评分噪声",
        "green_share" => "绿档比例",
        "red_share" => "红档比例",
        "period" => "考核周期",
        "enabled" => "开启赛马",
        "budget_bonus" => "预算奖励",
        "misreport_penalty" => "造假处罚",
        _ => return field.to_string(),
    };
    match lang {
        Lang::En if field == "enabled" => "race on".to_string(),
        Lang::En => field.replace('_', " "),
        Lang::Zh => zh.to_string(),
    }
}
