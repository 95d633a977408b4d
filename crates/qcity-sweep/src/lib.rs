//! Batch sweeps for researchers: a sweep file names a base scenario, the factors to vary (any
//! scenario field by path, or a lever by name), a design, replicates and the outcomes to
//! record. `qcity sweep` runs it (see [`exec`]), and [`analysis`] turns the runs into
//! per-point summaries, sensitivity indices and exports for SALib and EMA Workbench.
//!
//! Run ids are `point × replicates + replicate`. Each run's seed is derived from the sweep's
//! seed, its design point and its replicate ([`Sweep::seed`]); with common random numbers the
//! point is left out, so every point sees the same random streams in replicate r.

pub mod analysis;
pub use qcity_gsa::design;
pub mod exec;
pub mod merge;
pub use qcity_gsa::sensitivity;

use qcity_core::error::{InputError, InputErrors};
use qcity_core::rng::mix64;
use qcity_core::scenario::{Action, Event, Horizon, LeverName, Scale, Scenario, ScenarioFile};
use qcity_core::time::YearMonth;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Whether a RON file is a sweep (it has `factors`) rather than a scenario.
pub fn is_sweep_file(path: &Path) -> bool {
    qcity_core::files::read_text(path, "scenario")
        .map(|(t, _)| {
            qcity_core::error::locate::locate_depth(&t, "factors").is_some_and(|(d, _)| d == 1)
        })
        .unwrap_or(false)
}

/// A sweep file as written (`scenarios/sweeps/*.ron`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scenario every run starts from (relative to this file).
    pub base: PathBuf,
    /// The root of every run's seed.
    pub seed: u64,
    /// Overrides the base's scale (sweeps usually run smaller worlds).
    #[serde(default)]
    pub scale: Option<Scale>,
    /// Overrides the base's horizon.
    #[serde(default)]
    pub horizon: Option<Horizon>,
    /// Fields held at one value in every run, by path (as factors).
    #[serde(default)]
    pub fixed: BTreeMap<String, Value>,
    pub factors: Vec<Factor>,
    pub design: Design,
    /// Runs per design point, each with its own seed.
    #[serde(default = "one")]
    pub replicates: u32,
    /// Give every design point the same seeds (replicate r uses the same seed everywhere), so
    /// differences between points are not masked by noise.
    #[serde(default)]
    pub common_random_numbers: bool,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub analysis: AnalysisOptions,
}

fn one() -> u32 {
    1
}

/// A factor's value: a number, a switch or a name (an enum variant such as `"Zones"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl Value {
    /// As written in `runs.csv`: numbers in their shortest exact form.
    pub fn csv(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Number(x) => format!("{x}"),
            Value::Text(t) => t.clone(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Value::Bool(b) => serde_json::Value::Bool(*b),
            // Whole numbers as integers, so integer fields accept them.
            Value::Number(x) if x.fract() == 0.0 && x.abs() < 9e15 => (*x as i64).into(),
            Value::Number(x) => serde_json::Number::from_f64(*x)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Text(t) => serde_json::Value::String(t.clone()),
        }
    }

    /// The number a sensitivity analysis uses: the value, or for switches 0/1.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(*b as u8 as f64),
            Value::Number(x) => Some(*x),
            Value::Text(_) => None,
        }
    }
}

/// One factor: where it goes and what values it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// A scenario field by path (`params.inspection.batches_per_inspection`,
    /// `assessment.green_prize`, `levers.districts.500101.subsidy_rate`), or `lever.<name>`
    /// for a policy lever as the scenario's events set it (see [`apply_lever`]), or
    /// `lever.<name>@<codes or zone>` for it in some districts (see [`apply_district_lever`]).
    pub path: String,
    /// More paths that take the same value (e.g. a prize spread setting both the green prize
    /// and the red penalty).
    #[serde(default)]
    pub also: Vec<String>,
    /// Column name in the outputs (default: the path).
    #[serde(default)]
    pub name: Option<String>,
    /// A continuous range (low, high).
    #[serde(default)]
    pub range: Option<(f64, f64)>,
    /// Or a list of values.
    #[serde(default)]
    pub values: Vec<Value>,
    /// Sample the range uniformly in log space (both ends must be positive).
    #[serde(default)]
    pub log: bool,
    /// Round sampled values to whole numbers (for integer fields).
    #[serde(default)]
    pub integer: bool,
}

impl Factor {
    pub fn column(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.path.clone())
    }

    /// The value at `u` in [0, 1]: a point of the range, or the list entry whose share of
    /// [0, 1] holds `u`.
    pub fn at(&self, u: f64) -> Value {
        let u = u.clamp(0.0, 1.0);
        if let Some((lo, hi)) = self.range {
            let x = if self.log {
                (lo.ln() + u * (hi.ln() - lo.ln())).exp()
            } else {
                lo + u * (hi - lo)
            };
            Value::Number(if self.integer { x.round() } else { x })
        } else {
            let n = self.values.len();
            let i = ((u * n as f64) as usize).min(n.saturating_sub(1));
            self.values[i].clone()
        }
    }

    /// `levels` evenly spaced values of a range (ends included), or every listed value.
    fn levels(&self, levels: usize) -> Vec<Value> {
        if self.range.is_some() {
            (0..levels)
                .map(|i| match self.at(i as f64 / (levels - 1).max(1) as f64) {
                    // Grid values as a person would write them: 0.7, not 0.7000000000000001.
                    Value::Number(x) => Value::Number(format!("{x:.12e}").parse().unwrap_or(x)),
                    v => v,
                })
                .collect()
        } else {
            self.values.clone()
        }
    }
}

/// How design points are chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Design {
    /// Every combination: `levels` evenly spaced values of each range, every value of each list.
    FullFactorial { levels: usize },
    /// The points as written, one value per factor in factor order.
    List { points: Vec<Vec<Value>> },
    /// A maximin Latin hypercube of `samples` points (McKay et al. 1979).
    LatinHypercube { samples: usize },
    /// Saltelli's cross-sampling of a Sobol sequence for Sobol indices: `base_samples`
    /// × (k + 2) points, or × (2k + 2) with second-order indices (Saltelli 2002, 2010).
    Sobol {
        base_samples: usize,
        #[serde(default)]
        second_order: bool,
    },
    /// Morris elementary-effects trajectories: `trajectories` × (k + 1) points on a grid of
    /// `levels` (Morris 1991).
    Morris {
        trajectories: usize,
        #[serde(default = "four")]
        levels: usize,
    },
}

fn four() -> usize {
    4
}

/// What each run records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Outcome {
    /// An indicator's value in one month, for the city or one district (by code).
    Indicator {
        id: String,
        at: YearMonth,
        #[serde(default)]
        district: Option<String>,
    },
    /// An indicator's mean over the months `from` to `to` (both included), for the city or
    /// one district: the counterpart of an annual published figure (a year's pass rate).
    Mean {
        id: String,
        from: YearMonth,
        to: YearMonth,
        #[serde(default)]
        district: Option<String>,
    },
    /// 1 if the plan's target is met in December of `year`, else 0 (its mean over
    /// replicates is the probability of meeting it).
    Target { id: String, year: u32 },
    /// A measure of the horse race over the run (the race must be on).
    Race { measure: RaceMeasure },
    /// Public spending on the costed levers over the horizon, yuan (`qcity_core::costs`).
    PublicCost,
}

/// Race measures a sweep can record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaceMeasure {
    /// Mean Kendall's tau between consecutive leagues (1 = the league never changes).
    KendallTau,
    /// Mean over districts of their mean effort.
    MeanEffort,
    /// Mean over districts of their mean gaming.
    MeanGaming,
    /// Mean over districts of measured minus true pass rates (points).
    MeasuredTrueGap,
    /// Times any district was caught gaming.
    TimesCaught,
}

impl Outcome {
    pub fn column(&self) -> String {
        match self {
            Outcome::Indicator { id, at, district } => match district {
                Some(d) => format!("{id}@{at}@{d}"),
                None => format!("{id}@{at}"),
            },
            Outcome::Mean {
                id,
                from,
                to,
                district,
            } => match district {
                Some(d) => format!("mean:{id}@{from}..{to}@{d}"),
                None => format!("mean:{id}@{from}..{to}"),
            },
            Outcome::Target { id, year } => format!("met:{id}@{year}"),
            Outcome::PublicCost => "public_cost_yuan".into(),
            Outcome::Race { measure } => format!(
                "race:{}",
                serde_json::to_value(measure)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
        }
    }
}

/// Settings of the sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisOptions {
    /// Bootstrap resamples for confidence intervals.
    pub bootstrap: usize,
    /// Confidence level of the intervals.
    pub confidence: f64,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        Self {
            bootstrap: 1000,
            confidence: 0.95,
        }
    }
}

/// A checked sweep with its design expanded.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub file: SweepFile,
    pub path: PathBuf,
    /// SHA-256 of the sweep file and its base chain.
    pub hash: String,
    base: ScenarioFile,
    base_text: String,
    base_path: PathBuf,
    base_hash: String,
    /// Factor values of each design point.
    pub points: Vec<Vec<Value>>,
    /// The unit-cube coordinates of each point (Sobol and Morris designs), for the analysis.
    pub unit: Option<Vec<Vec<f64>>>,
}

/// Sets a lever as the scenario's events set it: every city-wide `SetLever` event for the
/// lever takes `value`; if there is none, an event at the start of the horizon sets it, so it
/// holds for the whole run. (Setting `levers.city` alone would be overridden by such events,
/// as in `plan-2023.ron`, which switches the plan's levers on in July 2023.)
pub fn apply_lever(file: &mut ScenarioFile, lever: LeverName, value: f64) {
    let mut found = false;
    for e in &mut file.events {
        if let Action::SetLever {
            lever: l,
            value: v,
            districts,
        } = &mut e.action
            && *l == lever
            && districts.is_empty()
        {
            *v = value;
            found = true;
        }
    }
    if !found {
        let at = file.horizon.unwrap_or_default().start;
        file.events.insert(
            0,
            Event {
                at,
                action: Action::SetLever {
                    lever,
                    value,
                    districts: Vec::new(),
                },
            },
        );
    }
}

/// Sets a lever in some districts as the scenario's events set it: from the start of the
/// horizon, and again after every event that sets it city-wide or in any of them, so that the
/// base's events (the plan switching its levers on in July 2023) do not override it there.
pub fn apply_district_lever(
    file: &mut ScenarioFile,
    lever: LeverName,
    codes: &[String],
    value: f64,
) {
    let ours = |at| Event {
        at,
        action: Action::SetLever {
            lever,
            value,
            districts: codes.to_vec(),
        },
    };
    let mut events = Vec::with_capacity(file.events.len() + 1);
    events.push(ours(file.horizon.unwrap_or_default().start));
    for e in std::mem::take(&mut file.events) {
        let again = match &e.action {
            Action::SetLever {
                lever: l,
                districts,
                ..
            } => {
                *l == lever && (districts.is_empty() || districts.iter().any(|d| codes.contains(d)))
            }
            _ => false,
        };
        let at = e.at;
        events.push(e);
        if again {
            events.push(ours(at));
        }
    }
    file.events = events;
}

/// The districts of a lever path's scope (`lever.subsidy_rate@SCOPE`): district codes joined
/// by `+` (`500101+500102`), or a zone of the embedded district table (`Metro`, `Northeast`,
/// `Southeast`).
fn district_scope(scope: &str) -> Result<Vec<String>, String> {
    let all = qcity_core::data::districts::embedded();
    let zone = match scope {
        "Metro" => Some(qcity_core::data::Zone::Metro),
        "Northeast" => Some(qcity_core::data::Zone::Northeast),
        "Southeast" => Some(qcity_core::data::Zone::Southeast),
        _ => None,
    };
    let codes: Vec<String> = match zone {
        Some(z) => all
            .iter()
            .filter(|d| d.zone == z)
            .map(|d| d.code.clone())
            .collect(),
        None => scope.split('+').map(|c| c.trim().to_string()).collect(),
    };
    for c in &codes {
        if !all.iter().any(|d| d.code == *c) {
            return Err(format!(
                "unknown district `{c}` after `@`: give district codes joined by `+` (500101+500102) or a zone (Metro, Northeast, Southeast)"
            ));
        }
    }
    Ok(codes)
}

/// Sets the field at a dotted path (`a.b.c`, `events[2].at`) of a JSON tree, creating objects
/// where the path passes through an unset option.
pub fn set_path(
    root: &mut serde_json::Value,
    path: &str,
    value: serde_json::Value,
) -> Result<(), String> {
    let mut cur = root;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (key, index) = match part.find('[') {
            Some(b) if part.ends_with(']') => (
                &part[..b],
                Some(
                    part[b + 1..part.len() - 1]
                        .parse::<usize>()
                        .map_err(|_| format!("`{part}`: an index must be a whole number"))?,
                ),
            ),
            _ => (*part, None),
        };
        if key.is_empty() {
            return Err("empty segment in the path".into());
        }
        if cur.is_null() {
            *cur = serde_json::Value::Object(Default::default());
        }
        let obj = cur
            .as_object_mut()
            .ok_or_else(|| format!("`{}` is not a structure", parts[..i].join(".")))?;
        let last = i + 1 == parts.len();
        let slot = obj
            .entry(key.to_string())
            .or_insert(serde_json::Value::Null);
        cur = match index {
            Some(n) => {
                let len = slot.as_array().map(Vec::len);
                match len {
                    Some(l) if n < l => &mut slot.as_array_mut().expect("checked")[n],
                    Some(l) => return Err(format!("`{part}`: the list has {l} entries")),
                    None => return Err(format!("`{key}` is not a list")),
                }
            }
            None => slot,
        };
        if last {
            *cur = value;
            return Ok(());
        }
    }
    Ok(())
}

impl Sweep {
    /// Reads and checks a sweep file and expands its design.
    pub fn load(path: &Path) -> Result<Sweep, InputErrors> {
        let (text, _) = qcity_core::files::read_text(path, "sweep")?;
        Self::from_text(&text, path)
    }

    /// A sweep from its text, as if read from `path` (the base is found relative to it, and
    /// errors are located in `text`): for sweeps that other commands write, such as the
    /// generations of a calibration.
    pub fn from_text(text: &str, path: &Path) -> Result<Sweep, InputErrors> {
        let text = text.to_string();
        let file: SweepFile = qcity_core::files::parse_ron(&text, path)?;
        let mut c = Checks {
            path,
            text: &text,
            errs: Vec::new(),
        };
        let base_path = path.parent().unwrap_or(Path::new(".")).join(&file.base);
        let (base, base_text, base_hash) =
            qcity_core::scenario::load_merged(&base_path).map_err(|e| {
                let mut errs = vec![c.at(
                    "base",
                    format!("the base scenario {} is not valid:", base_path.display()),
                )];
                errs.extend(e.0);
                InputErrors(errs)
            })?;
        let hash = qcity_core::files::sha256_hex(format!("{text}{base_hash}").as_bytes());
        let columns = c.factors(&file);
        c.fixed_and_overlaps(&file);
        c.settings_before_design(&file);
        let (points, unit) = c.design(&file);
        c.settings_after_design(&file, points.len());
        let horizon = file.horizon.or(base.horizon).unwrap_or_default();
        c.outcomes(&file, &columns, horizon);
        if !c.errs.is_empty() {
            return Err(InputErrors(c.errs));
        }
        let sweep = Sweep {
            file,
            path: path.to_path_buf(),
            hash,
            base,
            base_text,
            base_path,
            base_hash,
            points,
            unit,
        };
        c.probes(&sweep)?;
        if !c.errs.is_empty() {
            return Err(InputErrors(c.errs));
        }
        Ok(sweep)
    }

    pub fn runs(&self) -> u64 {
        self.points.len() as u64 * self.file.replicates as u64
    }

    /// (design point, replicate) of a run.
    pub fn split(&self, run: u64) -> (usize, u32) {
        let r = self.file.replicates as u64;
        ((run / r) as usize, (run % r) as u32)
    }

    /// The seed of a run: mixed from the sweep's seed, the point (unless common random
    /// numbers) and the replicate, so no two runs of a point share a seed.
    pub fn seed(&self, point: usize, replicate: u32) -> u64 {
        let p = if self.file.common_random_numbers {
            0
        } else {
            point as u64 + 1
        };
        mix64(
            mix64(self.file.seed ^ p.wrapping_mul(0x9E37_79B9_7F4A_7C15))
                ^ (replicate as u64 + 1).wrapping_mul(0xD6E8_FEB8_6659_FD93),
        )
    }

    /// The scenario of one design point with the given seed.
    pub fn scenario_for(&self, point: &[Value], seed: u64) -> Result<Scenario, String> {
        let all: Vec<Option<&Value>> = point.iter().map(Some).collect();
        self.scenario_with(&all, seed)
    }

    /// The scenario with some factors set (`None` leaves a factor at the base's value).
    fn scenario_with(&self, point: &[Option<&Value>], seed: u64) -> Result<Scenario, String> {
        self.scenario_with_errors(point, seed).map_err(|e| match e {
            Err(m) => m,
            Ok(e) => {
                e.0.iter()
                    .map(|x| {
                        if x.field.is_empty() {
                            x.message.clone()
                        } else {
                            format!("{}: {}", x.field, x.message)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        })
    }

    /// [`Self::scenario_with`], keeping the scenario's own errors (`Ok`) apart from the sweep's
    /// (`Err`), so that a check can say which line of the sweep file caused them.
    #[allow(clippy::type_complexity)]
    fn scenario_with_errors(
        &self,
        point: &[Option<&Value>],
        seed: u64,
    ) -> Result<Scenario, Result<InputErrors, String>> {
        let file = self.file_with(point, seed).map_err(Err)?;
        qcity_core::scenario::resolve_merged(
            file,
            &self.base_text,
            &self.base_path,
            self.base_hash.clone(),
        )
        .map_err(Ok)
    }

    /// The scenario file (merged over its bases, not resolved) of one design point: what a
    /// point saved as a runnable scenario holds.
    pub fn scenario_file_for(&self, point: &[Value], seed: u64) -> Result<ScenarioFile, String> {
        let all: Vec<Option<&Value>> = point.iter().map(Some).collect();
        self.file_with(&all, seed)
    }

    fn file_with(&self, point: &[Option<&Value>], seed: u64) -> Result<ScenarioFile, String> {
        let mut file = self.base.clone();
        file.name = format!("{}-{}", self.file.name, file.name);
        file.seed = seed;
        if let Some(s) = self.file.scale {
            file.scale = Some(s);
        }
        if let Some(h) = self.file.horizon {
            file.horizon = Some(h);
        }
        // District outcomes need district rows recorded.
        let mut tree = serde_json::to_value(&file).map_err(|e| e.to_string())?;
        let mut levers = Vec::new();
        let fixed = self.file.fixed.iter().map(|(p, v)| (p.as_str(), v));
        let varied = self.file.factors.iter().zip(point).flat_map(|(f, v)| {
            let v = *v;
            std::iter::once(f.path.as_str())
                .filter(move |_| v.is_some())
                .chain(f.also.iter().map(String::as_str))
                .filter_map(move |p| v.map(|v| (p, v)))
        });
        for (path, v) in fixed.chain(varied) {
            if let Some(name) = path.strip_prefix("lever.") {
                let (name, scope) = match name.split_once('@') {
                    Some((n, sc)) => (n, Some(district_scope(sc)?)),
                    None => (name, None),
                };
                let lever = LeverName::parse(name)
                    .map_err(|_| format!("unknown lever `{name}`; levers are named as in SetLever events (e.g. lever.brand_support)"))?;
                let x = v
                    .number()
                    .ok_or_else(|| "a lever takes a number".to_string())?;
                levers.push((lever, scope, x));
            } else {
                set_path(&mut tree, path, v.json()).map_err(|e| format!("path `{path}`: {e}"))?;
            }
        }
        let mut file: ScenarioFile = serde_path_to_error::deserialize(tree)
            .map_err(|e| format!("{}: {}", e.path(), e.inner()))?;
        for (lever, scope, x) in levers {
            match scope {
                None => apply_lever(&mut file, lever, x),
                Some(codes) => apply_district_lever(&mut file, lever, &codes, x),
            }
        }
        if let Some(o) = file.outputs.as_mut() {
            o.districts = true;
        }
        Ok(file)
    }

    /// Column names of the factors and outcomes.
    pub fn factor_columns(&self) -> Vec<String> {
        self.file.factors.iter().map(Factor::column).collect()
    }

    pub fn outcome_columns(&self) -> Vec<String> {
        self.file.outcomes.iter().map(Outcome::column).collect()
    }
}

/// A design's points (factor values per point) and, for Sobol and Morris designs, their
/// unit-cube coordinates.
pub type Expanded = (Vec<Vec<Value>>, Option<Vec<Vec<f64>>>);

/// The design's points (factor values) and, for Sobol and Morris designs, their unit-cube
/// coordinates. Depends on the sweep file alone, so `qcity merge` can rebuild it. Errors are
/// (field path, message).
pub fn expand(file: &SweepFile) -> Result<Expanded, (String, String)> {
    let k = file.factors.len();
    let design_err = |e: design::DesignError| ("design".to_string(), e.to_string());
    let map = |u: &Vec<Vec<f64>>| -> Vec<Vec<Value>> {
        u.iter().map(|row| map_unit(&file.factors, row)).collect()
    };
    match &file.design {
        Design::FullFactorial { levels } => {
            if *levels < 2 && file.factors.iter().any(|f| f.range.is_some()) {
                return Err((
                    "design.levels".into(),
                    "a range needs at least 2 levels".into(),
                ));
            }
            let lv: Vec<Vec<Value>> = file.factors.iter().map(|f| f.levels(*levels)).collect();
            let idx = design::full_factorial(&lv.iter().map(Vec::len).collect::<Vec<_>>())
                .map_err(design_err)?;
            Ok((
                idx.into_iter()
                    .map(|row| {
                        row.iter()
                            .enumerate()
                            .map(|(j, &i)| lv[j][i].clone())
                            .collect()
                    })
                    .collect(),
                None,
            ))
        }
        Design::List { points } => {
            if points.is_empty() {
                return Err(("design.points".into(), "the list of points is empty".into()));
            }
            for (i, p) in points.iter().enumerate() {
                if p.len() != k {
                    return Err((
                        format!("design.points[{i}]"),
                        format!("{} values for {k} factors", p.len()),
                    ));
                }
                if let Some((j, e)) = p
                    .iter()
                    .enumerate()
                    .find_map(|(j, v)| Some((j, bad_value(v)?)))
                {
                    return Err((format!("design.points[{i}][{j}]"), e));
                }
            }
            Ok((points.clone(), None))
        }
        Design::LatinHypercube { samples } => {
            let u = design::latin_hypercube(*samples, k, file.seed).map_err(design_err)?;
            Ok((map(&u), None))
        }
        Design::Sobol {
            base_samples,
            second_order,
        } => {
            let numeric = file
                .factors
                .iter()
                .all(|f| f.range.is_some() || f.values.iter().all(|v| v.number().is_some()));
            if !numeric {
                return Err((
                    "factors".into(),
                    "Sobol indices need numeric factors (ranges, or lists of numbers)".into(),
                ));
            }
            let u =
                design::saltelli(*base_samples, k, *second_order, file.seed).map_err(design_err)?;
            Ok((map(&u), Some(u)))
        }
        Design::Morris {
            trajectories,
            levels,
        } => {
            let u = design::morris(*trajectories, k, *levels, file.seed).map_err(design_err)?;
            Ok((map(&u), Some(u)))
        }
    }
}

/// Column names qcity writes itself in `runs.csv`, `points.csv` and EMA's experiments.
const RESERVED: [&str; 10] = [
    "run",
    "point",
    "replicate",
    "seed",
    "status",
    "error",
    "runs_ok",
    "scenario",
    "policy",
    "model",
];

/// Why a factor or fixed value cannot be used, if it cannot.
fn bad_value(v: &Value) -> Option<String> {
    match v {
        Value::Number(x) if !x.is_finite() => Some(format!("{x} is not a finite number")),
        Value::Text(t) if t.chars().any(char::is_control) => Some(format!(
            "{t:?}: names may not hold line breaks or control characters"
        )),
        _ => None,
    }
}

fn map_unit(factors: &[Factor], u: &[f64]) -> Vec<Value> {
    factors.iter().zip(u).map(|(f, &x)| f.at(x)).collect()
}

/// An outcome's value in a finished run.
pub fn measure(s: &Scenario, r: &qcity_core::runner::ReplicateResult, o: &Outcome) -> f64 {
    // The value of indicator `id` in month `at` for the city or a district; NaN if unknown.
    let value = |id: &str, at: YearMonth, district: &Option<String>| -> f64 {
        let Some(k) = qcity_core::vocab::index_of(id) else {
            return f64::NAN;
        };
        let t = s.horizon.start.months_until(at);
        if t < 0 {
            return f64::NAN;
        }
        let area = match district {
            None => 0,
            Some(code) => match s.districts.iter().position(|d| &d.code == code) {
                Some(d) => 1 + d,
                None => return f64::NAN,
            },
        };
        r.values
            .get(t as usize)
            .and_then(|m| m.get(area))
            .map_or(f64::NAN, |v| v[k])
    };
    match o {
        Outcome::Indicator { id, at, district } => value(id, *at, district),
        Outcome::Mean {
            id,
            from,
            to,
            district,
        } => {
            let n = from.months_until(*to);
            if n < 0 {
                return f64::NAN;
            }
            (0..=n)
                .map(|m| value(id, from.plus(m), district))
                .sum::<f64>()
                / (n + 1) as f64
        }
        Outcome::Target { id, year } => {
            let summary = qcity_core::output::summarise(s, std::slice::from_ref(r));
            summary
                .targets
                .iter()
                .find(|t| &t.id == id && t.year == *year)
                .and_then(|t| t.met)
                .map_or(f64::NAN, |m| m as u8 as f64)
        }
        Outcome::PublicCost => qcity_core::costs::summarise(s, std::slice::from_ref(r))
            .map_or(f64::NAN, |c| c.public_total_yuan),
        Outcome::Race { measure } => {
            let Some(race) = qcity_core::output::race_summary(s, std::slice::from_ref(r)) else {
                return f64::NAN;
            };
            let mean = |f: &dyn Fn(&qcity_core::output::DistrictRace) -> f64| {
                race.districts.iter().map(f).sum::<f64>() / race.districts.len().max(1) as f64
            };
            match measure {
                RaceMeasure::KendallTau => race.kendall_tau_consecutive,
                RaceMeasure::MeanEffort => mean(&|d| d.mean_effort),
                RaceMeasure::MeanGaming => mean(&|d| d.mean_gaming),
                RaceMeasure::MeasuredTrueGap => mean(&|d| d.mean_measured_true_gap),
                RaceMeasure::TimesCaught => race.districts.iter().map(|d| d.times_caught).sum(),
            }
        }
    }
}

/// The checks of a sweep file, each step adding the problems it finds, located in the file.
struct Checks<'a> {
    path: &'a Path,
    text: &'a str,
    errs: Vec<InputError>,
}

impl Checks<'_> {
    fn at(&self, field: &str, msg: String) -> InputError {
        InputError::located(self.path, self.text, field, msg)
    }

    fn push(&mut self, field: &str, msg: String) {
        let e = self.at(field, msg);
        self.errs.push(e);
    }

    /// Each factor: a range or values, its own column, no reserved name, no bad value.
    /// Returns the factors' columns.
    fn factors(&mut self, file: &SweepFile) -> std::collections::BTreeSet<String> {
        if file.factors.is_empty() {
            self.push("factors", "a sweep needs at least one factor".into());
        }
        let mut columns = std::collections::BTreeSet::new();
        for (i, f) in file.factors.iter().enumerate() {
            let p = format!("factors[{i}]");
            match (&f.range, f.values.is_empty()) {
                (Some(_), false) => {
                    self.push(&p, "give either `range` or `values`, not both".into())
                }
                (None, true) => self.push(
                    &p,
                    "give a `range: (low, high)` or a list of `values`".into(),
                ),
                (Some((lo, hi)), true) => {
                    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                        self.push(
                            &format!("{p}.range"),
                            format!("({lo}, {hi}): low must be below high, both finite"),
                        );
                    } else if f.log && *lo <= 0.0 {
                        self.push(
                            &format!("{p}.range"),
                            "a log range needs both ends above 0".into(),
                        );
                    } else if f.integer && lo.round() == hi.round() {
                        self.push(
                            &format!("{p}.range"),
                            format!(
                                "({lo}, {hi}) with `integer: true`: every value rounds to {}, so the design points would be identical; give a range spanning at least two whole numbers",
                                lo.round()
                            ),
                        );
                    } else if f.integer
                        && let Design::FullFactorial { levels } = file.design
                        && levels as f64 > hi.round() - lo.round() + 1.0
                    {
                        self.push(
                            &format!("{p}.range"),
                            format!(
                                "({lo}, {hi}) with `integer: true` holds {} whole numbers, fewer than the design's {levels} levels, so some points would repeat; use at most that many levels or list the `values`",
                                hi.round() - lo.round() + 1.0
                            ),
                        );
                    }
                }
                (None, false) => {}
            }
            if !columns.insert(f.column()) {
                self.push(
                    &format!("{p}.path"),
                    format!(
                        "`{}` is varied twice; give each factor its own `name`",
                        f.column()
                    ),
                );
            }
            if RESERVED.contains(&f.column().as_str()) {
                self.push(
                    &format!("{p}.name"),
                    format!(
                        "`{}` is a column qcity writes itself ({}); give the factor another `name`",
                        f.column(),
                        RESERVED.join(", ")
                    ),
                );
            }
            for v in &f.values {
                if let Some(e) = bad_value(v) {
                    self.push(&format!("{p}.values"), e);
                }
            }
        }
        columns
    }

    /// The same field may not be set by two factors (the last would silently win), nor be
    /// both fixed and varied; fixed values must be numbers a scenario takes.
    fn fixed_and_overlaps(&mut self, file: &SweepFile) {
        let mut paths = std::collections::BTreeMap::new();
        for (i, f) in file.factors.iter().enumerate() {
            for path in std::iter::once(&f.path).chain(&f.also) {
                if let Some(j) = paths.insert(path.clone(), i) {
                    self.push(
                        &format!("factors[{i}].path"),
                        format!("`{path}` is already set by factors[{j}]"),
                    );
                }
            }
        }
        for (path, v) in &file.fixed {
            if let Some(e) = bad_value(v) {
                self.push("fixed", format!("`{path}`: {e}"));
            }
            if paths.contains_key(path) {
                self.push("fixed", format!("`{path}` is both fixed and varied"));
            }
        }
    }

    /// The design's size and the bootstrap.
    fn settings_before_design(&mut self, file: &SweepFile) {
        if let Design::FullFactorial { levels } = file.design
            && levels > design::MAX_DESIGN_ROWS
        {
            self.push(
                "design.levels",
                format!("{levels} levels: at most {}", design::MAX_DESIGN_ROWS),
            );
        }
        if !(2..=100_000).contains(&file.analysis.bootstrap) {
            self.push(
                "analysis.bootstrap",
                format!(
                    "{}: between 2 and 100000 resamples (1000 is usual)",
                    file.analysis.bootstrap
                ),
            );
        }
    }

    /// The design's points (in factor units) and unit-cube rows, once everything before is
    /// valid.
    #[allow(clippy::type_complexity)]
    fn design(&mut self, file: &SweepFile) -> (Vec<Vec<Value>>, Option<Vec<Vec<f64>>>) {
        if !self.errs.is_empty() {
            return (Vec::new(), None);
        }
        match expand(file) {
            Ok(pu) => pu,
            Err((field, msg)) => {
                self.push(&field, msg);
                (Vec::new(), None)
            }
        }
    }

    /// Replicates, the number of runs and the confidence level.
    fn settings_after_design(&mut self, file: &SweepFile, points: usize) {
        if file.replicates == 0 {
            self.push("replicates", "at least 1".into());
        }
        let runs = points as u64 * file.replicates as u64;
        if runs > 50_000_000 {
            self.push("design", format!("{runs} runs: more than 50 million"));
        }
        if !(file.analysis.confidence > 0.0 && file.analysis.confidence < 1.0) {
            self.push("analysis.confidence", "between 0 and 1, e.g. 0.95".into());
        }
    }

    /// Each outcome: recorded once, not a factor's name, and naming what exists inside the
    /// horizon.
    fn outcomes(
        &mut self,
        file: &SweepFile,
        columns: &std::collections::BTreeSet<String>,
        horizon: Horizon,
    ) {
        if file.outcomes.is_empty() {
            self.push("outcomes", "record at least one outcome".into());
        }
        let mut names = std::collections::BTreeSet::new();
        for (i, o) in file.outcomes.iter().enumerate() {
            let p = format!("outcomes[{i}]");
            if !names.insert(o.column()) {
                self.push(&p, format!("`{}` is recorded twice", o.column()));
            }
            if columns.contains(&o.column()) {
                self.push(&p, format!("`{}` is also a factor's name", o.column()));
            }
            match o {
                Outcome::Indicator {
                    id,
                    at: when,
                    district,
                } => self.indicator_outcome(&p, id, *when, district.as_deref(), horizon),
                Outcome::Mean {
                    id,
                    from,
                    to,
                    district,
                } => {
                    self.indicator_outcome(&p, id, *from, district.as_deref(), horizon);
                    self.indicator_outcome(&p, id, *to, district.as_deref(), horizon);
                    if to < from {
                        self.push(
                            &format!("{p}.to"),
                            format!("{to} is before `from` ({from})"),
                        );
                    }
                }
                Outcome::Target { id, year } => self.target_outcome(&p, id, *year, horizon),
                Outcome::Race { .. } | Outcome::PublicCost => {}
            }
        }
    }

    fn indicator_outcome(
        &mut self,
        p: &str,
        id: &str,
        when: YearMonth,
        district: Option<&str>,
        horizon: Horizon,
    ) {
        if qcity_core::vocab::index_of(id).is_none() {
            self.push(
                &format!("{p}.id"),
                format!(
                    "unknown indicator `{id}`: expected one of {}",
                    qcity_core::vocab::INDICATORS
                        .iter()
                        .map(|d| d.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        if when < horizon.start || when > horizon.end {
            self.push(
                &format!("{p}.at"),
                format!(
                    "{when} is outside the horizon {} to {}",
                    horizon.start, horizon.end
                ),
            );
        }
        if let Some(d) = district
            && !qcity_core::data::districts::embedded()
                .iter()
                .any(|x| x.code == d)
        {
            self.push(
                &format!("{p}.district"),
                format!("unknown district code `{d}` (see assets/districts.csv)"),
            );
        }
    }

    fn target_outcome(&mut self, p: &str, id: &str, year: u32, horizon: Horizon) {
        let targets = qcity_core::data::targets::embedded();
        let Some(t) = targets.iter().find(|t| t.id == id) else {
            self.push(
                &format!("{p}.id"),
                format!(
                    "unknown target `{id}`: expected one of {}",
                    qcity_core::data::targets::IDS.join(", ")
                ),
            );
            return;
        };
        let set = match year {
            2027 => {
                t.target_2027.is_some()
                    || matches!(t.comparison, qcity_core::data::Comparison::TimesBaseline(_))
            }
            2035 => t.target_2035.is_some(),
            _ => false,
        };
        if !set {
            self.push(
                &format!("{p}.year"),
                format!(
                    "the plan sets no {year} value for `{id}` (2027 and 2035 are the plan's years)"
                ),
            );
        } else if YearMonth::new(year as i32, 12) > horizon.end {
            self.push(
                &format!("{p}.year"),
                format!("{year} is after the horizon's end {}", horizon.end),
            );
        }
    }

    /// The fixed values, and then every factor alone at each end of its range (or each
    /// listed value), must make a valid scenario; say which one breaks it. Race outcomes need
    /// the race on.
    fn probes(&mut self, sweep: &Sweep) -> Result<(), InputErrors> {
        let k = sweep.file.factors.len();
        match sweep.scenario_with_errors(&vec![None; k], sweep.file.seed) {
            Ok(_) => {}
            Err(Err(m)) => {
                return Err(self
                    .at(
                        "fixed",
                        format!("the base with the fixed values is not valid: {m}"),
                    )
                    .into());
            }
            Err(Ok(errs)) => {
                // Each problem where the sweep causes it: its own `scale` or `horizon`, else
                // its fixed values, else the base.
                for e in errs.0 {
                    let own = |f: &str| e.field == f || e.field.starts_with(&format!("{f}."));
                    let (at, what) = if own("scale") && sweep.file.scale.is_some() {
                        ("scale", "")
                    } else if own("horizon") && sweep.file.horizon.is_some() {
                        ("horizon", "")
                    } else if !sweep.file.fixed.is_empty() {
                        ("fixed", "the base with the fixed values is not valid: ")
                    } else {
                        ("base", "the base is not valid: ")
                    };
                    let field = if e.field.is_empty() || e.field == at {
                        String::new()
                    } else {
                        format!("{}: ", e.field)
                    };
                    self.push(at, format!("{what}{field}{}", e.message));
                }
                return Err(InputErrors(std::mem::take(&mut self.errs)));
            }
        }
        let mid: Vec<Value> = sweep.file.factors.iter().map(|f| f.at(0.5)).collect();
        for (i, f) in sweep.file.factors.iter().enumerate() {
            let probes: Vec<Value> = if f.range.is_some() {
                vec![f.at(0.0), f.at(1.0)]
            } else {
                f.values.clone()
            };
            for v in probes {
                let mut point = vec![None; k];
                point[i] = Some(&v);
                if let Err(e) = sweep.scenario_with(&point, sweep.file.seed) {
                    self.push(
                        &format!("factors[{i}].path"),
                        format!("`{}` = {}: {e}", f.path, v.csv()),
                    );
                    break;
                }
            }
        }
        if sweep
            .file
            .outcomes
            .iter()
            .any(|o| matches!(o, Outcome::Race { .. }))
            && let Ok(s) = sweep.scenario_for(&mid, sweep.file.seed)
            && !s.race_ever_on()
        {
            self.push(
                "outcomes",
                "race outcomes need the race on: set `assessment.enabled` in the base or `fixed: {\"assessment.enabled\": true}`".into(),
            );
        }
        Ok(())
    }
}

/// A slice of a sweep for one machine: runs whose id modulo `of` is `index − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    pub index: u64,
    pub of: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}`: write K/N, e.g. 3/8"))?;
        let (k, n): (u64, u64) = (
            k.trim()
                .parse()
                .map_err(|_| format!("`{k}` is not a number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("`{n}` is not a number"))?,
        );
        if n == 0 || k == 0 || k > n {
            return Err(format!("`{s}`: K must be between 1 and N"));
        }
        Ok(Shard { index: k, of: n })
    }
}

impl Shard {
    pub fn holds(&self, run: u64) -> bool {
        run % self.of == self.index - 1
    }
}

/// A number in its shortest exact form (reads back to the same f64), `NA` if not finite.
pub fn fmt_exact(x: f64) -> String {
    if x.is_finite() {
        if x == 0.0 { "0".into() } else { format!("{x}") }
    } else {
        "NA".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The workspace root, where `scenarios/` and `tests/` live.
    fn repo_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// Factors are applied through a JSON image of the scenario file: every shipped scenario
    /// must survive the round trip unchanged, or a sweep would silently run something else.
    #[test]
    fn scenario_files_round_trip_through_json() {
        let root = repo_root();
        let mut dirs = vec![root.join("scenarios"), root.join("scenarios/lessons")];
        let mut n = 0;
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_none_or(|x| x != "ron") {
                    continue;
                }
                let (file, _, _) = qcity_core::scenario::load_merged(&p).unwrap();
                let json = serde_json::to_value(&file).unwrap();
                let back: ScenarioFile = serde_json::from_value(json).unwrap();
                assert_eq!(back, file, "{}", p.display());
                n += 1;
            }
        }
        assert!(n >= 10);
    }

    /// The value of `lever` in force in district `code` at `month`, applying the events in
    /// order of month (stable, as the model resolves them): city-wide events and the
    /// district's own, the last one winning.
    fn in_force(
        file: &ScenarioFile,
        lever: LeverName,
        code: &str,
        month: YearMonth,
    ) -> Option<f64> {
        let mut events: Vec<&Event> = file.events.iter().collect();
        events.sort_by_key(|e| e.at);
        let mut v = None;
        for e in events.into_iter().filter(|e| e.at <= month) {
            if let Action::SetLever {
                lever: l,
                value,
                districts,
            } = &e.action
                && *l == lever
                && (districts.is_empty() || districts.iter().any(|d| d == code))
            {
                v = Some(*value);
            }
        }
        v
    }

    /// `lever.NAME@CODES` holds in those districts for the whole run, through the plan's
    /// switch in July 2023 and a district event of its own, and leaves the others as the plan
    /// sets them.
    #[test]
    fn a_district_lever_holds_there_for_the_whole_run_and_nowhere_else() {
        let root = repo_root();
        let (mut plan, _, _) =
            qcity_core::scenario::load_merged(&root.join("scenarios/plan-2023.ron")).unwrap();
        let ym = |s: &str| YearMonth::parse(s).unwrap();
        // A district event of the base's own, in 500101, that the factor must also override.
        plan.events.push(Event {
            at: ym("2025-01"),
            action: Action::SetLever {
                lever: LeverName::SubsidyRate,
                value: 0.33,
                districts: vec!["500101".into(), "500102".into()],
            },
        });
        let original = plan.clone();
        let codes = district_scope("500101+500103").unwrap();
        apply_district_lever(&mut plan, LeverName::SubsidyRate, &codes, 0.05);
        for m in [
            "2023-01", "2023-06", "2023-07", "2024-12", "2025-01", "2035-12",
        ] {
            for code in ["500101", "500103"] {
                assert_eq!(
                    in_force(&plan, LeverName::SubsidyRate, code, ym(m)),
                    Some(0.05),
                    "{code} at {m}"
                );
            }
            for code in ["500102", "500104"] {
                assert_eq!(
                    in_force(&plan, LeverName::SubsidyRate, code, ym(m)),
                    in_force(&original, LeverName::SubsidyRate, code, ym(m)),
                    "{code} at {m}"
                );
            }
        }
        // A zone names its districts; an unknown code is an error that says what is valid.
        let metro = district_scope("Metro").unwrap();
        assert!(metro.contains(&"500103".to_string()) && metro.len() > 10);
        assert!(
            district_scope("999999")
                .unwrap_err()
                .contains("zone (Metro")
        );
    }

    #[test]
    fn a_lever_factor_replaces_the_plans_event_or_holds_from_the_start() {
        let root = repo_root();
        let (mut plan, _, _) =
            qcity_core::scenario::load_merged(&root.join("scenarios/plan-2023.ron")).unwrap();
        let before = plan.events.len();
        apply_lever(&mut plan, LeverName::BrandSupport, 1.7);
        assert_eq!(
            plan.events.len(),
            before,
            "the plan's event is changed, none added"
        );
        let set: Vec<f64> = plan
            .events
            .iter()
            .filter_map(|e| match &e.action {
                Action::SetLever {
                    lever: LeverName::BrandSupport,
                    value,
                    ..
                } => Some(*value),
                _ => None,
            })
            .collect();
        assert_eq!(set, vec![1.7]);
        let (mut bau, _, _) =
            qcity_core::scenario::load_merged(&root.join("scenarios/business-as-usual.ron"))
                .unwrap();
        apply_lever(&mut bau, LeverName::BrandSupport, 0.3);
        assert_eq!(bau.events[0].at, YearMonth::new(2023, 1));
    }

    #[test]
    fn set_path_creates_unset_options_and_reports_bad_paths() {
        let mut v = serde_json::json!({"params": null, "events": [{"at": "2023-07"}]});
        set_path(&mut v, "params.inspection.skill_sd", 0.3.into()).unwrap();
        assert_eq!(v["params"]["inspection"]["skill_sd"], 0.3);
        set_path(&mut v, "events[0].at", "2024-01".into()).unwrap();
        assert_eq!(v["events"][0]["at"], "2024-01");
        assert!(
            set_path(&mut v, "events[3].at", 1.into())
                .unwrap_err()
                .contains("has 1 entries")
        );
        assert!(set_path(&mut v, "events.at", 1.into()).is_err());
    }

    #[test]
    fn seeds_differ_by_replicate_and_by_point_unless_common() {
        let sweep = Sweep::load(&repo_root().join("tests/sweeps/tiny-lhs.ron")).unwrap();
        let mut s = sweep.clone();
        assert_ne!(s.seed(0, 0), s.seed(0, 1));
        assert_ne!(s.seed(0, 0), s.seed(1, 0));
        s.file.common_random_numbers = true;
        assert_eq!(s.seed(0, 0), s.seed(5, 0));
        assert_ne!(s.seed(0, 0), s.seed(0, 1));
    }
}
