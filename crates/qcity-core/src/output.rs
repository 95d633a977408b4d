//! Writing a run's outputs: tidy `timeseries.csv`, `summary.json` and `manifest.json`.
//!
//! Every file is written to a temporary file in the output directory first; only when all are
//! complete are they renamed into place, so a failure leaves no partial output behind.

use crate::data::Target;
use crate::files::{sha256_hex, to_json};
use crate::runner::ReplicateResult;
use crate::scenario::Scenario;
use crate::time::YearMonth;
use crate::vocab::{INDICATORS, index_of};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt::Write as _;

/// A value as written in CSV: fixed 6 decimals, `NA` where there is none.
pub fn fmt_value(v: f64) -> String {
    let mut s = String::new();
    push_value(&mut s, v);
    s
}

/// [`fmt_value`] written onto the end of `out`, without a string of its own.
pub fn push_value(out: &mut String, v: f64) {
    if v.is_finite() {
        let start = out.len();
        let _ = write!(out, "{v:.6}");
        if &out[start..] == "-0.000000" {
            out.truncate(start);
            out.push_str("0.000000");
        }
    } else {
        out.push_str("NA");
    }
}

/// One area's months as a table, `date` then one column per indicator (ids as in
/// `timeseries.csv`, values formatted the same): the map's "export series" of a district
/// (`area` 1 + its index) or the city (0). `values` is `[month][area][indicator]` as recorded.
pub fn area_series_csv(start: YearMonth, values: &[Vec<Vec<f64>>], area: usize) -> Vec<u8> {
    let mut out = String::from("date");
    for d in INDICATORS {
        out.push(',');
        out.push_str(d.id);
    }
    out.push('\n');
    for (tick, month) in values.iter().enumerate() {
        let Some(row) = month.get(area) else { continue };
        out.push_str(&start.plus(tick as i64).to_string());
        for v in row {
            out.push(',');
            out.push_str(&fmt_value(*v));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// `replicate,date,district,indicator,value`, one row per value; district is its code or `city`.
pub fn timeseries_csv(s: &Scenario, results: &[ReplicateResult]) -> Vec<u8> {
    let rows: usize = results
        .iter()
        .map(|r| {
            r.values
                .iter()
                .map(|m| m.len() * INDICATORS.len())
                .sum::<usize>()
        })
        .sum();
    let mut out = String::with_capacity((rows * 48).min(1 << 30));
    out.push_str("replicate,date,district,indicator,value\n");
    let mut areas = vec!["city".to_string()];
    areas.extend(s.districts.iter().map(|d| d.code.clone()));
    for r in results {
        let replicate = r.replicate.to_string();
        for (tick, month) in r.values.iter().enumerate() {
            // Each line's fields pushed one by one: formatting whole lines with `writeln!`
            // took a tenth of a 100,000-firm run's process.
            let date = s.horizon.start.plus(tick as i64).to_string();
            for (a, values) in month.iter().enumerate() {
                for (k, v) in values.iter().enumerate() {
                    for field in [&replicate, &date, &areas[a], INDICATORS[k].id] {
                        out.push_str(field);
                        out.push(',');
                    }
                    push_value(&mut out, *v);
                    out.push('\n');
                }
            }
        }
    }
    out.into_bytes()
}

fn no_data() -> String {
    NO_DATA.into()
}

/// The verdict of a target with no value: the model produced no statistic for it (for example
/// a sample of zero batches), which says nothing about whether it was met.
pub const NO_DATA: &str = "no data";

/// Reads a number that `serde_json` wrote as `null` (a NaN) back as NaN.
fn f64_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// One target in one year, over all replicates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TargetStatus {
    pub id: String,
    pub indicator: String,
    pub unit: String,
    pub section: String,
    pub year: u32,
    /// "≥ 92", "= 100", "≥ 2 × start"
    pub rule: String,
    /// The value to reach (mean over replicates for "times start" targets).
    #[serde(deserialize_with = "f64_or_null")]
    pub target: f64,
    /// Mean projected value in December of `year`.
    #[serde(deserialize_with = "f64_or_null")]
    pub projected: f64,
    #[serde(deserialize_with = "f64_or_null")]
    pub p05: f64,
    #[serde(deserialize_with = "f64_or_null")]
    pub p50: f64,
    #[serde(deserialize_with = "f64_or_null")]
    pub p95: f64,
    /// Met in the mean projection; `null` when no replicate produced a value (no data is not
    /// a miss).
    pub met: Option<bool>,
    /// Share of the replicates with a value that meet it; `null` when none has one.
    pub probability_met: Option<f64>,
    /// "met", "missed" or "no data" (the mean projection's verdict, in words).
    #[serde(default = "no_data")]
    pub verdict: String,
    /// The mean value under the scenario's counterfactual (business as usual), when it names
    /// one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterfactual: Option<f64>,
    /// `projected` minus `counterfactual`: the scenario's effect over the trend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub scenario: String,
    pub description: String,
    pub seed: u64,
    pub replicates: u32,
    pub targets: Vec<TargetStatus>,
    /// The horse race, when it is on.
    /// (Not read back from `summary.json`: `qcity compare` compares targets.)
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub race: Option<RaceSummary>,
    /// With `qcity run --posterior`: the parameter draws the replicates ran under, and what
    /// each target's verdict is most sensitive to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_uncertainty: Option<ParameterUncertainty>,
    /// Public spending by department and lever, firms' own spending, and with a
    /// counterfactual each target's public cost per point of effect (`costs.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<crate::costs::CostSummary>,
}

/// The parameter uncertainty a run carries (`qcity run --posterior DIR --draws N`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParameterUncertainty {
    /// The calibration's output directory.
    pub calibration: String,
    pub draws: usize,
    pub replicates_per_draw: u32,
    /// The calibrated parameters' paths.
    pub parameters: Vec<String>,
    pub sensitivity: Vec<VerdictSensitivity>,
}

/// The parameter a target's value depends on most over the posterior's draws, and the value
/// of it at which the verdict flips.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictSensitivity {
    pub target: String,
    pub year: u32,
    pub parameter: String,
    /// Spearman's rank correlation of the draws' mean values with the parameter.
    pub rank_correlation: f64,
    /// |ρ| √(draws − 1) ≥ 1.96: unlikely (5 %) from noise alone with no dependence.
    pub significant: bool,
    /// Where a straight line through the draws' means crosses the target, if inside the
    /// draws' range of the parameter; `null` when the verdict does not flip there.
    pub flips_at: Option<f64>,
}

/// Rank stability and band odds over the run (and the replicates).
#[derive(Debug, Clone, Serialize)]
pub struct RaceSummary {
    pub assessments: usize,
    /// Mean Kendall's tau-b between the ranks of consecutive assessments, within peer groups,
    /// over replicates (1 = the league never changes).
    pub kendall_tau_consecutive: f64,
    pub districts: Vec<DistrictRace>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictRace {
    pub district: String,
    pub name_en: String,
    pub group: String,
    /// Share of replicates in which the district ends the run green / red.
    pub p_final_green: f64,
    pub p_final_red: f64,
    /// Share of all assessments (and replicates) spent green / red.
    pub share_green: f64,
    pub share_red: f64,
    pub mean_effort: f64,
    pub mean_gaming: f64,
    pub times_caught: f64,
    /// Mean over the run of measured minus true pass rates (points).
    pub mean_measured_true_gap: f64,
}

/// Kendall's tau-b of two rankings of the same items.
pub fn kendall_tau(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len();
    let (mut conc, mut disc, mut ta, mut tb) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for i in 0..n {
        for j in i + 1..n {
            let x = (a[i] - a[j]).signum();
            let y = (b[i] - b[j]).signum();
            if x == 0.0 && y == 0.0 {
                continue;
            } else if x == 0.0 {
                ta += 1.0;
            } else if y == 0.0 {
                tb += 1.0;
            } else if x == y {
                conc += 1.0;
            } else {
                disc += 1.0;
            }
        }
    }
    let denom = ((conc + disc + ta) * (conc + disc + tb)).sqrt();
    if denom > 0.0 {
        (conc - disc) / denom
    } else {
        f64::NAN
    }
}

pub fn race_summary(s: &Scenario, results: &[ReplicateResult]) -> Option<RaceSummary> {
    if results.iter().all(|r| r.standings.is_empty()) {
        return None;
    }
    let nd = s.districts.len();
    let mut taus = Vec::new();
    let mut green = vec![0.0; nd];
    let mut red = vec![0.0; nd];
    let mut fg = vec![0.0; nd];
    let mut fr = vec![0.0; nd];
    let mut effort = vec![0.0; nd];
    let mut gaming = vec![0.0; nd];
    let mut caught = vec![0.0; nd];
    let mut count = vec![0.0f64; nd];
    // Each district's group at the last assessment (the rules may have regrouped it).
    let mut final_group: Vec<usize> = s.peer_group.clone();
    let mut assessments = 0;
    let gap = crate::vocab::index_of("measured_true_gap");
    for r in results {
        let mut ticks: Vec<u32> = r.standings.iter().map(|x| x.tick).collect();
        ticks.dedup();
        assessments = ticks.len();
        let at = |t: u32| -> Vec<&crate::model::assessment::Standing> {
            r.standings.iter().filter(|x| x.tick == t).collect()
        };
        for w in ticks.windows(2) {
            let (p, q) = (at(w[0]), at(w[1]));
            for g in 0..s.peer_group_names.len() {
                let mut pairs: Vec<(usize, f64, f64)> = p
                    .iter()
                    .filter(|x| x.group == g)
                    .map(|x| {
                        (
                            x.district,
                            x.rank as f64,
                            // A district regrouped between the two (new race rules) has no
                            // comparable rank.
                            q.iter()
                                .find(|y| y.district == x.district && y.group == g)
                                .map_or(f64::NAN, |y| y.rank as f64),
                        )
                    })
                    .collect();
                pairs.sort_by_key(|x| x.0);
                pairs.retain(|x| x.2.is_finite());
                let a: Vec<f64> = pairs.iter().map(|x| x.1).collect();
                let b: Vec<f64> = pairs.iter().map(|x| x.2).collect();
                let tau = kendall_tau(&a, &b);
                if tau.is_finite() {
                    taus.push(tau);
                }
            }
        }
        for x in &r.standings {
            let d = x.district;
            count[d] += 1.0;
            green[d] += (x.band == crate::model::assessment::Band::Green) as u8 as f64;
            red[d] += (x.band == crate::model::assessment::Band::Red) as u8 as f64;
            effort[d] += x.effort;
            gaming[d] += x.gaming;
            caught[d] += x.caught as u8 as f64;
        }
        if let Some(&last) = ticks.last() {
            for x in at(last) {
                final_group[x.district] = x.group;
                fg[x.district] += (x.band == crate::model::assessment::Band::Green) as u8 as f64;
                fr[x.district] += (x.band == crate::model::assessment::Band::Red) as u8 as f64;
            }
        }
    }
    let reps = results.len() as f64;
    let districts = (0..nd)
        .map(|d| {
            let c = count[d].max(1.0);
            let gaps: Vec<f64> = match gap {
                Some(k) => results
                    .iter()
                    .flat_map(|r| {
                        r.values
                            .iter()
                            .filter_map(move |m| m.get(1 + d).map(|v| v[k]))
                    })
                    .filter(|v| v.is_finite())
                    .collect(),
                None => Vec::new(),
            };
            DistrictRace {
                district: s.districts[d].code.clone(),
                name_en: s.districts[d].name_en.clone(),
                group: s
                    .peer_group_names
                    .get(final_group[d])
                    .cloned()
                    .unwrap_or_default(),
                p_final_green: fg[d] / reps,
                p_final_red: fr[d] / reps,
                share_green: green[d] / c,
                share_red: red[d] / c,
                mean_effort: effort[d] / c,
                mean_gaming: gaming[d] / c,
                times_caught: caught[d] / reps,
                mean_measured_true_gap: if gaps.is_empty() {
                    f64::NAN
                } else {
                    gaps.iter().sum::<f64>() / gaps.len() as f64
                },
            }
        })
        .collect();
    Some(RaceSummary {
        assessments,
        kendall_tau_consecutive: if taus.is_empty() {
            f64::NAN
        } else {
            taus.iter().sum::<f64>() / taus.len() as f64
        },
        districts,
    })
}

/// `replicate,period,district,group,score,rank,band,reward,rectification,effort,gaming,caught`:
/// one row per district per assessment; effort and gaming are those of the period assessed.
pub fn standings_csv(s: &Scenario, results: &[ReplicateResult]) -> Vec<u8> {
    let mut out = String::from(
        "replicate,period,district,group,score,rank,band,reward,rectification,effort,gaming,caught\n",
    );
    for r in results {
        let mut rows: Vec<&crate::model::assessment::Standing> = r.standings.iter().collect();
        rows.sort_by_key(|x| (x.tick, x.district));
        for x in rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                r.replicate,
                s.horizon.start.plus(x.tick as i64),
                s.districts[x.district].code,
                s.peer_group_names[x.group],
                fmt_value(x.score),
                x.rank,
                x.band.id(),
                fmt_value(x.reward),
                x.rectification as u8,
                fmt_value(x.effort),
                fmt_value(x.gaming),
                x.caught as u8
            );
        }
    }
    out.into_bytes()
}

/// The `q` quantile of sorted values (linear interpolation), NaN if empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

pub fn summarise(s: &Scenario, results: &[ReplicateResult]) -> Summary {
    let mut out = Vec::new();
    for t in &s.targets {
        let Some(k) = index_of(&t.id) else { continue };
        for year in [2027u32, 2035] {
            if let Some(st) = status(s, t, k, year, results) {
                out.push(st);
            }
        }
    }
    Summary {
        scenario: s.name.clone(),
        description: s.description.clone(),
        seed: s.seed,
        replicates: results.len() as u32,
        targets: out,
        race: race_summary(s, results),
        parameter_uncertainty: None,
        costs: crate::costs::summarise(s, results),
    }
}

/// Adds each target's value under the counterfactual and the scenario's effect over it.
pub fn add_counterfactual(summary: &mut Summary, counterfactual: &Summary) {
    for t in &mut summary.targets {
        if let Some(c) = counterfactual
            .targets
            .iter()
            .find(|c| c.id == t.id && c.year == t.year)
        {
            let finite = |x: f64| x.is_finite().then_some(x);
            t.counterfactual = finite(c.projected);
            t.effect = finite(t.projected - c.projected);
        }
    }
    if let (Some(costs), Some(cf)) = (summary.costs.as_mut(), counterfactual.costs.as_ref()) {
        let effects: Vec<(String, u32, Option<f64>)> = summary
            .targets
            .iter()
            .map(|t| (t.id.clone(), t.year, t.effect))
            .collect();
        crate::costs::add_counterfactual(costs, cf, &effects);
    }
}

fn status(
    s: &Scenario,
    t: &Target,
    k: usize,
    year: u32,
    results: &[ReplicateResult],
) -> Option<TargetStatus> {
    let tick = s
        .horizon
        .start
        .months_until(YearMonth::new(year as i32, 12));
    if tick < 0 || tick >= s.horizon.months() as i64 {
        return None;
    }
    let mut values = Vec::new();
    let mut thresholds = Vec::new();
    let mut met = 0usize;
    let start = crate::model::indicators::start_values(s)[k];
    for r in results {
        let v = r.values[tick as usize][0][k];
        let th = t.threshold(year, start)?;
        if v.is_finite() && t.met(v, th) {
            met += 1;
        }
        values.push(v);
        thresholds.push(th);
    }
    let n = values.len() as f64;
    let target = thresholds.iter().sum::<f64>() / n;
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    // The mean of the replicates with a value (NaN, "no data", when none has one).
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let with_data = sorted.len();
    let met_mean = (mean.is_finite() && target.is_finite()).then(|| t.met(mean, target));
    Some(TargetStatus {
        id: t.id.clone(),
        indicator: t.indicator_en.clone(),
        unit: t.unit.clone(),
        section: t.section.clone(),
        year,
        rule: t.describe(year),
        target,
        projected: mean,
        p05: quantile(&sorted, 0.05),
        p50: quantile(&sorted, 0.5),
        p95: quantile(&sorted, 0.95),
        met: met_mean,
        probability_met: (with_data > 0).then(|| met as f64 / with_data as f64),
        verdict: match met_mean {
            Some(true) => "met".into(),
            Some(false) => "missed".into(),
            None => NO_DATA.into(),
        },
        counterfactual: None,
        effect: None,
    })
}

#[derive(Serialize)]
pub struct Manifest<'a> {
    pub qcity_version: &'static str,
    pub scenario_name: &'a str,
    pub scenario_file: String,
    pub scenario_sha256: &'a str,
    pub seed: u64,
    pub replicates: u32,
    /// How each replicate's random streams are derived.
    pub streams: &'static str,
    pub horizon: crate::scenario::Horizon,
    pub enterprises_simulated: u32,
    pub data: DataHashes,
    pub resolved: &'a Scenario,
    pub indicators: Vec<IndicatorInfo>,
}

#[derive(Serialize)]
pub struct IndicatorInfo {
    pub id: &'static str,
    pub unit: &'static str,
    pub about: &'static str,
}

#[derive(Serialize)]
pub struct DataHashes {
    pub districts_sha256: String,
    pub model_sha256: String,
    pub targets_sha256: String,
}

pub fn manifest(s: &Scenario, replicates: u32) -> Vec<u8> {
    let h = |b: &str| sha256_hex(b.as_bytes());
    let m = Manifest {
        qcity_version: env!("CARGO_PKG_VERSION"),
        scenario_name: &s.name,
        scenario_file: s.file.display().to_string(),
        scenario_sha256: &s.file_hash,
        seed: s.seed,
        replicates,
        streams: "each draw is seeded by hashing (seed, replicate, mechanism stream, subject id, month); see src/rng.rs",
        horizon: s.horizon,
        enterprises_simulated: s.enterprises(),
        data: DataHashes {
            districts_sha256: h(&s.sources.districts),
            model_sha256: h(&s.sources.model),
            targets_sha256: h(&s.sources.targets),
        },
        resolved: s,
        indicators: INDICATORS
            .iter()
            .map(|d| IndicatorInfo {
                id: d.id,
                unit: d.unit,
                about: d.about,
            })
            .collect(),
    };
    to_json(&m)
}
