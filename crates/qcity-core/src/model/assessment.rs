//! Step 13 of the month: the horse race, "赛马比拼" (四(二)–(三)).
//!
//! At the end of each assessment period (quarter or year) every district is scored on the
//! weighted, normalised *measured* indicators (what is published), plus its handicap and
//! measurement noise, and ranked within its peer group. The top `green_share` of each group is
//! green and gets a budget bonus next period; the bottom `red_share` is red and must rectify
//! (its inspection rates rise next period); the rest are yellow. Audits catch a gaming district
//! with `audit_probability`: it is then ranked red, whatever its score.
//!
//! **The districts' response.** After each assessment, each district's leadership chooses real
//! effort `e` and gaming `g` for the next period to maximise
//!
//! `U = G·Φ((s + Δ − θ_green)/σ) − R·Φ((θ_red − s − Δ)/σ) − c_e·e²/2 − c_g·g²/2 − a·M·g`,
//!
//! with `s` its latest score, `θ` the scores at its group's band boundaries, `Δ = α·e + β·w·g`
//! the expected score gain (`w` the weight on gameable indicators: measured pass rates, which
//! rise when inspection rigour falls), `σ² = noise² + outcome²`, `G`, `R` the prize and the
//! penalty, and `a·M` the expected cost of a caught misreport. It is the rank-order tournament
//! of Lazear & Rosen (1981): the first-order condition `c_e·e = α·(G·φ_green + R·φ_red)/σ`
//! makes effort rise with the prize spread and fall with noise, and districts far from any band
//! boundary (a trailing zone in a city-wide league) have little reason to try. The choice is
//! found on a grid, so it is exact and deterministic. An audit catches gaming with chance
//! `a · g / g_max`, which is what makes the expected misreport cost `a·M·g` (for `g_max` = 1).
//!
//! **Real effects** (in `budgets.rs`): effort raises the district's programme intensities;
//! gaming lowers its inspectors' detection skill, so measured pass rates rise while true quality
//! does not (and deterrence weakens).

use super::prelude::*;
use crate::params::{Basis, Normalisation};
use crate::rng::{Stream, normal, uniform};
use crate::vocab::{INDICATORS, Ind, ind};

/// A district's standing in the race and its current choices.
#[derive(Component, Debug, Clone, Default)]
pub struct RaceState {
    pub group: usize,
    /// Latest published score, rank within the group (1 = first), and band.
    pub score: f64,
    pub rank: u32,
    pub band: Band,
    /// Chosen for the current period.
    pub effort: f64,
    pub gaming: f64,
    /// Caught gaming at the latest assessment.
    pub caught: bool,
    /// The latest values of the scored indicators (for "improvement"), by indicator index, so
    /// that a change of weights mid-run compares each indicator with itself.
    pub last_values: Vec<(usize, f64)>,
    /// The handicap points in `score` (a change of handicaps moves the score leaders aim from).
    pub handicap: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Band {
    Green,
    #[default]
    Yellow,
    Red,
}

impl Band {
    pub fn id(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Yellow => "yellow",
            Band::Red => "red",
        }
    }
}

/// One district at one assessment.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Standing {
    pub tick: u32,
    pub district: usize,
    pub group: usize,
    pub score: f64,
    pub rank: u32,
    pub band: Band,
    /// Budget bonus earned for next period (share of budget).
    pub reward: f64,
    pub rectification: bool,
    /// Effort and gaming during the period just assessed.
    pub effort: f64,
    pub gaming: f64,
    pub caught: bool,
}

/// The race's rules in force: the scenario's `assessment`, changed by `SetRace` events (a
/// trainer's what-if). Read by the assessment, the rewards (`budgets.rs`) and rectification
/// (`inspection.rs`).
#[derive(Resource, Debug, Clone)]
pub struct RaceRules {
    pub assessment: crate::params::Assessment,
    /// Each district's peer group (an index into the scenario's `peer_group_names`).
    pub peer_group: Vec<usize>,
    pub handicap: Vec<f64>,
    /// Every peer group's name used so far: the scenario's, then any a trainer's change added.
    pub names: Vec<String>,
    /// Set when an event changed the rules this month: the leaders re-choose their response
    /// (`respond_to_new_rules`).
    pub changed: bool,
}

impl RaceRules {
    pub fn new(s: &crate::scenario::Scenario) -> Self {
        Self {
            assessment: s.assessment.clone(),
            peer_group: s.peer_group.clone(),
            handicap: s.handicap.clone(),
            names: s.peer_group_names.clone(),
            changed: false,
        }
    }

    /// Lays a `SetRace` patch over the rules in force (checked when the scenario was loaded).
    pub fn change(
        &mut self,
        patch: &crate::params::AssessmentPatch,
        s: &crate::scenario::Scenario,
    ) {
        use crate::patch::Patchable;
        self.assessment.apply(patch);
        let (groups, handicap) = crate::scenario::race_groups(
            &self.assessment,
            &s.districts,
            &mut self.names,
            "",
            &mut Vec::new(),
        );
        self.peer_group = groups;
        self.handicap = handicap;
        self.changed = true;
    }
}

/// Every assessment of the run.
#[derive(Resource, Debug, Clone, Default)]
pub struct Standings(pub Vec<Standing>);

fn is_assessment_month(a: &crate::params::Assessment, clock: &Clock) -> bool {
    let m = clock.date().month;
    match a.period {
        crate::params::Period::Quarter => m.is_multiple_of(3),
        crate::params::Period::Year => m == 12,
    }
}

/// Normalises `x` (NaN = missing, treated as the group's middle) within one group.
fn normalise(x: &[f64], how: Normalisation) -> Vec<f64> {
    let vals: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
    if vals.is_empty() {
        return vec![0.0; x.len()];
    }
    let n = vals.len() as f64;
    let mean = vals.iter().sum::<f64>() / n;
    let (lo, hi) = vals
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let sd = (vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    x.iter()
        .map(|&v| match how {
            Normalisation::ZScore => {
                if v.is_finite() && sd > 1e-12 {
                    (v - mean) / sd
                } else {
                    0.0
                }
            }
            Normalisation::MinMax => {
                if v.is_finite() && hi > lo {
                    (v - lo) / (hi - lo)
                } else {
                    0.5
                }
            }
            Normalisation::Rank => {
                if !v.is_finite() || vals.len() < 2 {
                    0.5
                } else {
                    let below = vals.iter().filter(|w| **w < v).count() as f64;
                    let equal = vals.iter().filter(|w| **w == v).count() as f64;
                    (below + 0.5 * (equal - 1.0)) / (n - 1.0)
                }
            }
        })
        .collect()
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7).
pub fn phi_cdf(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-z * z).exp();
    0.5 * (1.0 + if z >= 0.0 { y } else { -y })
}

/// The leaders' best response (effort, gaming) on a grid, given the score gap to each band.
///
/// The answer is that of a scan of the whole grid in row order that keeps the first point
/// beating the best so far by more than 1e-12 (`best_response_grid` with `prune` false). The
/// pruned search gets the same point with a fraction of the Φ evaluations (README,
/// "Performance"; `the_pruned_search_finds_the_full_grids_best_response`): see
/// `best_response_grid`. `last` is the district's previous choice, whose payoff now starts
/// the search with a good floor; the answer does not depend on it.
pub fn best_response(
    a: &crate::params::Assessment,
    score: f64,
    theta_green: f64,
    theta_red: f64,
    gameable_weight: f64,
    last: (f64, f64),
) -> (f64, f64) {
    best_response_grid(
        a,
        score,
        theta_green,
        theta_red,
        gameable_weight,
        true,
        Some(last),
    )
}

const NE: usize = 40;
const NG: usize = 20;

/// The grid search behind [`best_response`].
///
/// Unpruned, it evaluates every point. Pruned, it skips points that cannot matter:
///
/// - The scan's answer is within 1e-12 of the grid's maximum payoff M, and a point whose
///   payoff is below M by far more than that (`margin`, 1e-9 relative, against tolerances
///   of 1e-12 and rounding) can neither be the answer nor stop a better point from replacing
///   the best: the first point of the scan within margin/2 of M replaces any such point, and
///   from then on only points within 1e-12 of it can. So the scan over the points within
///   `margin` of M, in row order, gives the whole scan's answer.
/// - Any evaluated payoff is at most M, so `floor` (the best payoff found, from `last` on,
///   less the margin) only rises, and a point whose payoff is surely below it is skipped.
/// - The prize rises with effort and gaming (both Φ terms move the right way), so a point's
///   prize is at most that of any evaluated point at more effort and more gaming, plus the
///   CDF approximation's error. Rows are visited from most effort down and each row from most
///   gaming down, keeping the least prize evaluated over the points that dominate each
///   column. A point whose costs exceed that bound minus the floor is skipped.
///
/// The bound needs non-negative weights (the parameters' bounds say so); otherwise every
/// point is evaluated.
fn best_response_grid(
    a: &crate::params::Assessment,
    score: f64,
    theta_green: f64,
    theta_red: f64,
    gameable_weight: f64,
    prune: bool,
    last: Option<(f64, f64)>,
) -> (f64, f64) {
    let sigma = (a.noise_sd.powi(2) + a.outcome_sd.powi(2)).sqrt();
    let effort = |i: usize| a.max_effort * i as f64 / NE as f64;
    let gaming = |j: usize| a.max_gaming * j as f64 / NG as f64;
    let delta = |e: f64, g: f64| a.effort_effect * e + a.gaming_effect * gameable_weight * g;
    let prize = |delta: f64| {
        a.green_prize * phi_cdf((score + delta - theta_green) / sigma)
            - a.red_penalty * phi_cdf((theta_red - score - delta) / sigma)
    };
    // The payoff, given the prize: the same expression wherever it is computed.
    let net = |prize: f64, e: f64, g: f64| {
        prize
            - a.effort_cost * e * e / 2.0
            - a.gaming_cost * g * g / 2.0
            - a.audit_probability * a.misreport_penalty * g
    };
    let monotone = [
        a.green_prize,
        a.red_penalty,
        a.effort_effect,
        a.gaming_effect * gameable_weight,
        a.max_effort,
        a.max_gaming,
        a.effort_cost,
        a.gaming_cost,
        a.audit_probability * a.misreport_penalty,
    ]
    .iter()
    .all(|w| *w >= 0.0);
    // The scan's rule, over points (i, j, payoff) in row order.
    let scan = |points: &mut dyn Iterator<Item = (usize, usize, f64)>| {
        let mut best = (0.0, 0.0, f64::MIN);
        for (i, j, u) in points {
            if u > best.2 + 1e-12 {
                best = (effort(i), gaming(j), u);
            }
        }
        (best.0, best.1)
    };
    if !(prune && monotone) {
        return scan(&mut (0..=NE).flat_map(|i| {
            (0..=NG).map(move |j| {
                let (e, g) = (effort(i), gaming(j));
                (i, j, net(prize(delta(e, g)), e, g))
            })
        }));
    }
    // Φ's approximation is within 7.5e-8 of Φ (erf's 1.5e-7, halved), so a computed prize
    // is below the computed prize at any larger δ plus twice that, times the prizes.
    let slack = (a.green_prize + a.red_penalty) * 2e-7 + 1e-12;
    let margin = |u: f64| 1e-9 * (1.0 + u.abs());
    let mut floor = f64::MIN;
    let raise = |floor: &mut f64, u: f64| {
        let f = u - margin(u);
        if f > *floor {
            *floor = f;
        }
    };
    if let Some((e, g)) = last {
        let index = |x: f64, max: f64, n: usize| {
            if max > 0.0 && x.is_finite() {
                ((x / max * n as f64).round().max(0.0) as usize).min(n)
            } else {
                0
            }
        };
        let (e, g) = (
            effort(index(e, a.max_effort, NE)),
            gaming(index(g, a.max_gaming, NG)),
        );
        raise(&mut floor, net(prize(delta(e, g)), e, g));
    }
    // Each column's gaming and gaming costs, and each row's effort cost, computed as `net`
    // computes them (the same operations in the same order).
    let gs: [f64; NG + 1] = std::array::from_fn(gaming);
    let gaming_costs: [f64; NG + 1] = std::array::from_fn(|j| a.gaming_cost * gs[j] * gs[j] / 2.0);
    let audit_costs: [f64; NG + 1] =
        std::array::from_fn(|j| a.audit_probability * a.misreport_penalty * gs[j]);
    // The least prize evaluated at a point dominating column j in the rows visited.
    let mut dominating = [f64::INFINITY; NG + 1];
    let mut kept: Vec<(usize, usize, f64)> = Vec::with_capacity(32);
    for i in (0..=NE).rev() {
        let e = effort(i);
        let effort_cost = a.effort_cost * e * e / 2.0;
        // No point of the row can reach the floor: its prizes are bounded by the column of
        // most gaming's, and no gaming costs nothing.
        if dominating[NG] < f64::INFINITY && dominating[NG] + slack - effort_cost < floor {
            continue;
        }
        let mut row = f64::INFINITY;
        for j in (0..=NG).rev() {
            let bound = dominating[j].min(row);
            // The payoff's expression with the prize replaced by its bound: rounding is
            // monotone, so this is at least the payoff.
            if bound < f64::INFINITY
                && bound + slack - effort_cost - gaming_costs[j] - audit_costs[j] < floor
            {
                dominating[j] = bound;
                continue;
            }
            let g = gs[j];
            let p = prize(delta(e, g));
            let u = p - effort_cost - gaming_costs[j] - audit_costs[j];
            if p < row {
                row = p;
            }
            dominating[j] = dominating[j].min(row);
            raise(&mut floor, u);
            kept.push((i, j, u));
        }
    }
    kept.retain(|k| k.2 >= floor);
    kept.sort_unstable_by_key(|k| (k.0, k.1));
    scan(&mut kept.into_iter())
}

/// The scored indicators (index into `INDICATORS`) and their weights.
fn scored_weights(a: &crate::params::Assessment) -> Vec<(usize, f64)> {
    a.weights
        .iter()
        .filter_map(|w| crate::vocab::index_of(&w.indicator).map(|k| (k, w.weight)))
        .collect()
}

/// The share of the score on gameable indicators (sampled pass rates).
fn gameable_weight(weights: &[(usize, f64)]) -> f64 {
    let wsum: f64 = weights.iter().map(|w| w.1).sum::<f64>().max(1e-12);
    weights
        .iter()
        .filter(|(k, _)| INDICATORS[*k].id.ends_with("_pass_rate"))
        .map(|w| w.1)
        .sum::<f64>()
        / wsum
}

/// Step 1 (after the month's events): new race rules announced mid-period. Each leader
/// re-chooses effort and gaming at once, before this month's budgets and inspections, against
/// the latest published league regrouped, re-banded and re-handicapped by the new rules. Before
/// any league is published there is nothing to respond to, and the choices stand.
#[allow(clippy::type_complexity)]
pub fn respond_to_new_rules(
    mut rules: ResMut<RaceRules>,
    standings: Res<Standings>,
    mut districts: Query<(&District, &mut RaceState)>,
) {
    if !std::mem::take(&mut rules.changed) {
        return;
    }
    let a = &rules.assessment;
    if !a.enabled || standings.0.is_empty() {
        return;
    }
    let gameable = gameable_weight(&scored_weights(a));
    let mut rows: Vec<(u16, Mut<RaceState>)> =
        districts.iter_mut().map(|(d, r)| (d.index, r)).collect();
    rows.sort_by_key(|r| r.0);
    let score: Vec<f64> = rows
        .iter()
        .enumerate()
        .map(|(d, r)| r.1.score - r.1.handicap + rules.handicap[d])
        .collect();
    let caught: Vec<bool> = rows.iter().map(|r| r.1.caught).collect();
    for g in 0..rules.names.len() {
        let members = ranked(&caught, &rules.peer_group, g, &score);
        if members.is_empty() {
            continue;
        }
        let (n_green, n_red) = band_sizes(a, members.len());
        let uncaught: Vec<f64> = members
            .iter()
            .filter(|&&d| !caught[d])
            .map(|&d| score[d])
            .collect();
        let (theta_green, theta_red) = thresholds(&uncaught, n_green, n_red);
        for &d in &members {
            let last = (rows[d].1.effort, rows[d].1.gaming);
            let (e, gm) = best_response(a, score[d], theta_green, theta_red, gameable, last);
            rows[d].1.effort = e;
            rows[d].1.gaming = gm;
        }
    }
}

/// The number of green and red places in a group of `n`.
fn band_sizes(a: &crate::params::Assessment, n: usize) -> (usize, usize) {
    let n_green = (a.green_share * n as f64).round() as usize;
    let n_red = ((a.red_share * n as f64).round() as usize).min(n - n_green.min(n));
    (n_green, n_red)
}

/// The band boundaries the leaders aim at, from the uncaught scores of a group in rank order:
/// the last green and the first red score.
fn thresholds(uncaught: &[f64], n_green: usize, n_red: usize) -> (f64, f64) {
    let theta_green = uncaught
        .get(
            n_green
                .saturating_sub(1)
                .min(uncaught.len().saturating_sub(1)),
        )
        .copied()
        .unwrap_or(0.0);
    let theta_red = uncaught
        .get(uncaught.len().saturating_sub(n_red.max(1)))
        .copied()
        .unwrap_or(0.0);
    (theta_green, theta_red)
}

/// The members of group `g`, best first (a caught district last, ties by index).
fn ranked(caught: &[bool], groups: &[usize], g: usize, score: &[f64]) -> Vec<usize> {
    let mut members: Vec<usize> = (0..caught.len()).filter(|&d| groups[d] == g).collect();
    members.sort_by(|&x, &y| {
        let key = |d: usize| if caught[d] { f64::MIN } else { score[d] };
        key(y)
            .partial_cmp(&key(x))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.cmp(&y))
    });
    members
}

#[allow(clippy::type_complexity)]
pub fn assess_districts(
    run: Res<Run>,
    clock: Res<Clock>,
    rules: Res<RaceRules>,
    mut standings: ResMut<Standings>,
    mut districts: Query<(&District, &mut RaceState, &mut DistrictIndicators)>,
) {
    let a = &rules.assessment;
    if !a.enabled {
        return;
    }
    let t = clock.tick;
    let key = run.key.stream(Stream::Assessment);
    let mut rows: Vec<(u16, Mut<RaceState>, Mut<DistrictIndicators>)> = districts
        .iter_mut()
        .map(|(d, r, i)| (d.index, r, i))
        .collect();
    rows.sort_by_key(|r| r.0);
    let nd = rows.len();
    let weights = scored_weights(a);
    let wsum: f64 = weights.iter().map(|w| w.1).sum::<f64>().max(1e-12);
    let gameable = gameable_weight(&weights);
    let groups = rules.names.len();
    let peer = &rules.peer_group;

    if is_assessment_month(a, &clock) {
        let mut score = vec![0.0; nd];
        for g in 0..groups {
            let members: Vec<usize> = (0..nd).filter(|&d| peer[d] == g).collect();
            if members.is_empty() {
                continue;
            }
            for &(k, w) in &weights {
                let level: Vec<f64> = members.iter().map(|&d| rows[d].2.0[k]).collect();
                let change: Vec<f64> = members
                    .iter()
                    .map(|&d| {
                        rows[d].2.0[k]
                            - rows[d]
                                .1
                                .last_values
                                .iter()
                                .find(|(i, _)| *i == k)
                                .map_or(f64::NAN, |(_, v)| *v)
                    })
                    .collect();
                let part: Vec<f64> = match a.basis {
                    Basis::Level => normalise(&level, a.normalisation),
                    Basis::Improvement => normalise(&change, a.normalisation),
                    Basis::Both => normalise(&level, a.normalisation)
                        .iter()
                        .zip(normalise(&change, a.normalisation))
                        .map(|(x, y)| 0.5 * (x + y))
                        .collect(),
                };
                for (m, &d) in members.iter().enumerate() {
                    score[d] += w / wsum * part[m];
                }
            }
        }
        for d in 0..nd {
            let mut r = key.rng(d as u64, t);
            score[d] += rules.handicap[d] + a.noise_sd * normal(&mut r);
            // An audit finds gaming in proportion to how much there is.
            let caught = rows[d].1.gaming > 0.0
                && uniform(&mut r)
                    < a.audit_probability * rows[d].1.gaming / a.max_gaming.max(1e-12);
            rows[d].1.caught = caught;
            rows[d].1.score = score[d];
            rows[d].1.group = peer[d];
            let values: Vec<(usize, f64)> =
                weights.iter().map(|&(k, _)| (k, rows[d].2.0[k])).collect();
            rows[d].1.last_values = values;
            rows[d].1.handicap = rules.handicap[d];
        }
        // Rank and band within each group; a caught district goes to the bottom.
        let caught: Vec<bool> = rows.iter().map(|r| r.1.caught).collect();
        for g in 0..groups {
            let members = ranked(&caught, peer, g, &score);
            let n = members.len();
            if n == 0 {
                continue;
            }
            let (n_green, n_red) = band_sizes(a, n);
            for (pos, &d) in members.iter().enumerate() {
                let band = if rows[d].1.caught || pos >= n - n_red {
                    Band::Red
                } else if pos < n_green {
                    Band::Green
                } else {
                    Band::Yellow
                };
                rows[d].1.rank = pos as u32 + 1;
                rows[d].1.band = band;
            }
            let uncaught: Vec<f64> = members
                .iter()
                .filter(|&&d| !rows[d].1.caught)
                .map(|&d| score[d])
                .collect();
            let (theta_green, theta_red) = thresholds(&uncaught, n_green, n_red);
            for &d in &members {
                let st = &mut rows[d].1;
                standings.0.push(Standing {
                    tick: t,
                    district: d,
                    group: g,
                    score: st.score,
                    rank: st.rank,
                    band: st.band,
                    reward: if st.band == Band::Green {
                        a.budget_bonus
                    } else {
                        0.0
                    },
                    rectification: st.band == Band::Red,
                    effort: st.effort,
                    gaming: st.gaming,
                    caught: st.caught,
                });
                let last = (st.effort, st.gaming);
                let (e, gm) = best_response(a, st.score, theta_green, theta_red, gameable, last);
                st.effort = e;
                st.gaming = gm;
            }
        }
    }
    for (_, st, mut ind_values) in rows {
        ind_values.0[ind(Ind::RaceScore)] = st.score;
        ind_values.0[ind(Ind::RaceRank)] = st.rank as f64;
        ind_values.0[ind(Ind::RaceEffort)] = st.effort;
        ind_values.0[ind(Ind::RaceGaming)] = st.gaming;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Over many scores, gaps and parameter sets, including lessons' extremes, the pruned
    /// search returns exactly the full grid's point.
    #[test]
    fn the_pruned_search_finds_the_full_grids_best_response() {
        let m: crate::scenario::ModelDefaults =
            ron::from_str(crate::scenario::EMBEDDED_MODEL).unwrap();
        let base = m.assessment.clone();
        let mut r = crate::rng::RunKey {
            seed: 7,
            replicate: 0,
        }
        .stream(crate::rng::Stream::Assessment)
        .rng(0, 0);
        for case in 0..3000u32 {
            let mut a = base.clone();
            let u = |r: &mut _| uniform(r);
            if case % 3 != 0 {
                a.green_prize = 5.0 * u(&mut r);
                a.red_penalty = 5.0 * u(&mut r);
                a.effort_effect = 3.0 * u(&mut r);
                a.gaming_effect = 3.0 * u(&mut r);
                a.effort_cost = 0.001 + 5.0 * u(&mut r);
                a.gaming_cost = 0.001 + 5.0 * u(&mut r);
                a.audit_probability = u(&mut r);
                a.misreport_penalty = 2.0 * u(&mut r);
                a.noise_sd = 0.05 + 2.0 * u(&mut r);
            }
            // Flat directions, where many points tie: the scan's order decides.
            if case % 5 == 1 {
                a.gaming_cost = 0.0;
                a.audit_probability = 0.0;
            }
            if case % 7 == 2 {
                a.effort_effect = 0.0;
                a.effort_cost = 0.0;
            }
            let score = 4.0 * normal(&mut r);
            let tg = 2.0 * normal(&mut r);
            let tr = tg - 3.0 * u(&mut r);
            let gw = u(&mut r);
            let full = best_response_grid(&a, score, tg, tr, gw, false, None);
            let fast = best_response_grid(&a, score, tg, tr, gw, true, None);
            assert_eq!(
                full, fast,
                "case {case}: {a:?} score {score} θ {tg} {tr} gw {gw}"
            );
            // Seeded by a previous choice: the answer itself, a random point, or a corner.
            let seeds = [
                full,
                (a.max_effort * u(&mut r), a.max_gaming * u(&mut r)),
                (a.max_effort, a.max_gaming),
                (0.0, 0.0),
            ];
            for last in seeds {
                let seeded = best_response_grid(&a, score, tg, tr, gw, true, Some(last));
                assert_eq!(
                    full, seeded,
                    "case {case}, last {last:?}: {a:?} score {score} θ {tg} {tr} gw {gw}"
                );
            }
        }
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((phi_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((phi_cdf(1.959_964) - 0.975).abs() < 1e-6);
        assert!((phi_cdf(-1.0) - 0.158_655_25).abs() < 1e-6);
    }

    #[test]
    fn normalisations() {
        let z = normalise(&[1.0, 2.0, 3.0, f64::NAN], Normalisation::ZScore);
        assert!((z[0] + z[2]).abs() < 1e-12 && z[1].abs() < 1e-12 && z[3] == 0.0);
        assert_eq!(
            normalise(&[1.0, 2.0, 3.0], Normalisation::MinMax),
            vec![0.0, 0.5, 1.0]
        );
        assert_eq!(
            normalise(&[5.0, 1.0, 3.0], Normalisation::Rank),
            vec![1.0, 0.0, 0.5]
        );
    }
}
