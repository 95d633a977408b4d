//! The calibration file (`scenarios/calibration/*.ron`) and its checks.

use crate::abc::Fit;
use crate::prior::Prior;
use qcity_core::data::observations::{self, Bound, Role, Scope};
use qcity_core::error::{InputError, InputErrors};
use qcity_core::scenario::{Horizon, Scale};
use qcity_core::time::YearMonth;
use qcity_sweep::{Design, Factor, Outcome, Sweep, SweepFile, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Whether a RON file is a calibration (it has `parameters` and `observations`).
pub fn is_calibration_file(path: &Path) -> bool {
    qcity_core::files::read_text(path, "calibration")
        .map(|(t, _)| {
            ["parameters", "observations"].iter().all(|f| {
                qcity_core::error::locate::locate_depth(&t, f).is_some_and(|(d, _)| d == 1)
            })
        })
        .unwrap_or(false)
}

/// A calibration file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scenario every run starts from (relative to this file); usually business as usual,
    /// since the observations were made before the plan.
    pub base: PathBuf,
    /// The root of every run's seed and of the algorithm's draws.
    pub seed: u64,
    #[serde(default)]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub horizon: Option<Horizon>,
    /// Fields held at one value in every run, by path (as in sweeps).
    #[serde(default)]
    pub fixed: BTreeMap<String, Value>,
    /// The assumed parameters to calibrate.
    pub parameters: Vec<Parameter>,
    /// The observations to fit, from `seeds/observations.ron` (or given here).
    pub observations: Vec<Observed>,
    pub method: Method,
    /// Runs per particle (each with its own seed); the fit uses their mean.
    #[serde(default = "one")]
    pub replicates: u32,
}

fn one() -> u32 {
    1
}

/// One calibrated parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// A scenario field by path, as in sweeps (`params.services.trend_public_per_year`).
    pub path: String,
    /// Column name in the outputs (default: the path).
    #[serde(default)]
    pub name: Option<String>,
    pub prior: Prior,
}

impl Parameter {
    pub fn column(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.path.clone())
    }
}

/// How a simulated value is compared with the figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compare {
    /// The figure itself (Chongqing's own figures).
    #[default]
    Level,
    /// The change since an earlier year's figure of the same series: for national series,
    /// whose level is not Chongqing's but whose trend the model carries. A year before the
    /// horizon's start counts as the model's first month (its start is the end of that year).
    ChangeSince(i32),
}

/// Which simulated statistic stands for a year's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Statistic {
    /// The mean of the year's twelve months.
    YearMean,
    /// December's value: for a measured pass rate, the statistic over the calendar year (its
    /// window is the trailing 12 months); for a stock or count, the year-end value.
    December,
}

/// One observation to fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observed {
    /// The indicator (as in `qcity targets`).
    pub id: String,
    pub year: i32,
    #[serde(default = "city")]
    pub scope: Scope,
    #[serde(default)]
    pub compare: Compare,
    /// Default `December`: the year's statistic for the published pass rates (measured over a
    /// trailing 12-month window, `pass_rate_window_months`), the year-end stock for counts.
    #[serde(default)]
    pub statistic: Option<Statistic>,
    /// Measurement error (standard deviation, in the figure's unit).
    pub sd: f64,
    /// The model's discrepancy (standard deviation): what the model cannot be expected to
    /// reproduce even at the right parameters. Adds to `sd` in quadrature.
    #[serde(default)]
    pub discrepancy: f64,
    /// The figure, given here instead of taken from `seeds/observations.ron` (a synthetic
    /// truth, or a figure not yet in the seeds). For `ChangeSince`, the change.
    #[serde(default)]
    pub value: Option<f64>,
}

fn city() -> Scope {
    Scope::City
}

/// How the posterior is sampled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Method {
    /// ABC rejection with a Gaussian kernel: `samples` prior draws, weighted by the error
    /// model's likelihood.
    Rejection { samples: usize },
    /// ABC-SMC: `particles` per generation, tempering until the temperature reaches 1 or
    /// `max_generations` have run; each generation keeps an effective sample size of
    /// `ess_fraction` of its particles.
    Smc {
        particles: usize,
        #[serde(default = "ten")]
        max_generations: usize,
        #[serde(default = "half")]
        ess_fraction: f64,
    },
}

fn ten() -> usize {
    10
}
fn half() -> f64 {
    0.5
}

impl Method {
    pub fn particles(&self) -> usize {
        match *self {
            Method::Rejection { samples } => samples,
            Method::Smc { particles, .. } => particles,
        }
    }
    pub fn max_generations(&self) -> usize {
        match *self {
            Method::Rejection { .. } => 1,
            Method::Smc {
                max_generations, ..
            } => max_generations,
        }
    }
    pub fn ess_fraction(&self) -> f64 {
        match *self {
            Method::Rejection { .. } => 0.0,
            Method::Smc { ess_fraction, .. } => ess_fraction,
        }
    }
}

/// One fitted figure, resolved: what was observed, where it came from, and which of the
/// generation sweep's outcomes give its simulated counterpart (`a`, minus `b` for a change).
#[derive(Debug, Clone)]
pub struct Term {
    pub label: String,
    pub fit: Fit,
    pub a: usize,
    pub b: Option<usize>,
    pub source: String,
}

/// A checked calibration.
#[derive(Debug, Clone)]
pub struct Calibration {
    pub file: CalibrationFile,
    pub path: PathBuf,
    /// SHA-256 of the calibration file and its base chain.
    pub hash: String,
    pub priors: Vec<Prior>,
    pub terms: Vec<Term>,
    pub outcomes: Vec<Outcome>,
    pub horizon: Horizon,
    /// The path of the base scenario as written in the file, resolved against its folder.
    pub base_path: PathBuf,
}

/// The sweep outcome of a year's statistic.
fn outcome(id: &str, year: i32, stat: Statistic, district: Option<String>) -> Outcome {
    let y = |m| YearMonth::new(year, m);
    match stat {
        Statistic::YearMean => Outcome::Mean {
            id: id.to_string(),
            from: y(1),
            to: y(12),
            district,
        },
        Statistic::December => Outcome::Indicator {
            id: id.to_string(),
            at: y(12),
            district,
        },
    }
}

impl Calibration {
    /// Reads and checks a calibration file: priors, observations (found in the seeds, not
    /// held out, inside the horizon), and every parameter path (probed at its prior's ends
    /// through the sweep engine).
    pub fn load(path: &Path) -> Result<Calibration, InputErrors> {
        let (text, _) = qcity_core::files::read_text(path, "calibration")?;
        let file: CalibrationFile = qcity_core::files::parse_ron(&text, path)?;
        let mut errs = Vec::new();
        let at = |field: &str, msg: String| InputError::located(path, &text, field, msg);
        if file.parameters.is_empty() {
            errs.push(at(
                "parameters",
                "name at least one parameter to calibrate".into(),
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, p) in file.parameters.iter().enumerate() {
            if let Some(e) = p.prior.problem() {
                errs.push(at(&format!("parameters[{i}].prior"), e));
            }
            if p.path.starts_with("lever.") {
                errs.push(at(
                    &format!("parameters[{i}].path"),
                    "levers are policy, not assumptions: calibrate `params.*` or `assessment.*` fields".into(),
                ));
            }
            if !seen.insert(p.column()) {
                errs.push(at(
                    &format!("parameters[{i}]"),
                    format!("`{}` is calibrated twice", p.column()),
                ));
            }
        }
        if file.observations.is_empty() {
            errs.push(at(
                "observations",
                "name at least one observation to fit".into(),
            ));
        }
        let n = file.method.particles();
        if !(10..=1_000_000).contains(&n) {
            errs.push(at(
                "method",
                format!("{n} particles: valid are 10 to 1,000,000"),
            ));
        }
        if let Method::Smc {
            max_generations,
            ess_fraction,
            ..
        } = file.method
        {
            if !(1..=100).contains(&max_generations) {
                errs.push(at(
                    "method.max_generations",
                    format!("{max_generations}: valid are 1 to 100"),
                ));
            }
            if !(0.05..=0.95).contains(&ess_fraction) {
                errs.push(at(
                    "method.ess_fraction",
                    format!("{ess_fraction}: valid are 0.05 to 0.95"),
                ));
            }
        }
        if !(1..=1000).contains(&file.replicates) {
            errs.push(at(
                "replicates",
                format!("{}: valid are 1 to 1000", file.replicates),
            ));
        }

        // The base, for the horizon; the sweep engine checks it again with the parameters.
        let base_path = path.parent().unwrap_or(Path::new(".")).join(&file.base);
        let base = match qcity_core::scenario::load_merged(&base_path) {
            Ok((b, _, _)) => b,
            Err(e) => {
                let mut all = vec![at(
                    "base",
                    format!("the base scenario {} is not valid:", base_path.display()),
                )];
                all.extend(e.0);
                return Err(InputErrors(all));
            }
        };
        let horizon = file.horizon.or(base.horizon).unwrap_or_default();

        // Observations: each resolved to its figure, its error and its outcomes.
        let seeds = observations::embedded();
        let mut outcomes: Vec<Outcome> = Vec::new();
        let mut index_of = |o: Outcome| -> usize {
            match outcomes.iter().position(|x| *x == o) {
                Some(i) => i,
                None => {
                    outcomes.push(o);
                    outcomes.len() - 1
                }
            }
        };
        let mut terms = Vec::new();
        for (i, o) in file.observations.iter().enumerate() {
            let f = format!("observations[{i}]");
            if qcity_core::vocab::index_of(&o.id).is_none() {
                errs.push(at(
                    &format!("{f}.id"),
                    format!(
                        "`{}` is not an indicator qcity outputs (see `qcity targets`)",
                        o.id
                    ),
                ));
                continue;
            }
            let sigma = (o.sd.powi(2) + o.discrepancy.powi(2)).sqrt();
            if !(o.sd >= 0.0 && o.discrepancy >= 0.0 && sigma > 0.0 && sigma.is_finite()) {
                errs.push(at(
                    &format!("{f}.sd"),
                    "give a measurement error `sd` ≥ 0, with sd or discrepancy above 0".into(),
                ));
                continue;
            }
            // The seed figure of (id, scope, year), if any: the calibration figure, never a
            // held-out one.
            let find = |year: i32| -> Result<observations::Observation, String> {
                let all: Vec<_> = seeds
                    .series(&o.id, &o.scope)
                    .into_iter()
                    .filter(|x| x.year == year && x.period.is_empty())
                    .collect();
                match all.as_slice() {
                    [] => Err(format!(
                        "seeds/observations.ron has no {:?} figure of `{}` for {year}; give its `value` here with a comment on its source, or choose another year",
                        o.scope, o.id
                    )),
                    [x, ..] if x.role == Role::Validation => Err(format!(
                        "the {year} figure of `{}` is held out for validation (`qcity validate`); calibrating on it would make the validation circular",
                        o.id
                    )),
                    [x, ..] if x.role == Role::Context => Err(format!(
                        "the {year} figure of `{}` is context only (another definition or period; see its note in seeds/observations.ron)",
                        o.id
                    )),
                    [x, ..] => Ok((*x).clone()),
                }
            };
            let district = match &o.scope {
                Scope::District(c) => Some(c.clone()),
                _ => None,
            };
            if o.scope == Scope::National && o.compare == Compare::Level {
                errs.push(at(
                    &format!("{f}.compare"),
                    "a national figure is not Chongqing's level: compare its change, `compare: ChangeSince(year)`".into(),
                ));
                continue;
            }
            let in_horizon = |y: i32| y >= horizon.start.year && y <= horizon.end.year;
            if !in_horizon(o.year) {
                errs.push(at(
                    &format!("{f}.year"),
                    format!(
                        "{} is outside the horizon {} to {}: the model cannot simulate it",
                        o.year, horizon.start, horizon.end
                    ),
                ));
                continue;
            }
            let (value, bound, unit, source) = match o.value {
                Some(v) => (v, 0i8, None, "given in the calibration file".to_string()),
                None => match find(o.year) {
                    Ok(x) => {
                        let b = match x.bound {
                            Bound::Exact => 0,
                            Bound::AtLeast => 1,
                            Bound::AtMost => -1,
                        };
                        let src = format!(
                            "{}, {} ({})",
                            x.source.issuer, x.source.title, x.source.date
                        );
                        (x.value, b, Some(x.unit.clone()), src)
                    }
                    Err(m) => {
                        errs.push(at(&format!("{f}.year"), m));
                        continue;
                    }
                },
            };
            let _ = unit;
            let stat = o.statistic.unwrap_or(Statistic::December);
            let a = index_of(outcome(&o.id, o.year, stat, district.clone()));
            let (value, b, label) = match o.compare {
                Compare::Level => (value, None, format!("{} {:?} {}", o.id, o.scope, o.year)),
                Compare::ChangeSince(y0) => {
                    if y0 >= o.year {
                        errs.push(at(
                            &format!("{f}.compare"),
                            format!("ChangeSince({y0}) must name a year before {}", o.year),
                        ));
                        continue;
                    }
                    let b_outcome = if y0 == horizon.start.year - 1 {
                        Outcome::Indicator {
                            id: o.id.clone(),
                            at: horizon.start,
                            district: district.clone(),
                        }
                    } else if in_horizon(y0) {
                        outcome(&o.id, y0, stat, district.clone())
                    } else {
                        errs.push(at(
                            &format!("{f}.compare"),
                            format!(
                                "ChangeSince({y0}): the model starts at {}, so a change can start in {} (its start) or later",
                                horizon.start,
                                horizon.start.year - 1
                            ),
                        ));
                        continue;
                    };
                    let change = if o.value.is_some() {
                        value
                    } else {
                        match find(y0) {
                            Ok(x0) if x0.bound == Bound::Exact && bound == 0 => value - x0.value,
                            Ok(_) => {
                                errs.push(at(
                                    &format!("{f}.compare"),
                                    "a change needs two exact figures, not bounds".into(),
                                ));
                                continue;
                            }
                            Err(m) => {
                                errs.push(at(&format!("{f}.compare"), m));
                                continue;
                            }
                        }
                    };
                    (
                        change,
                        Some(index_of(b_outcome)),
                        format!("{} {:?} {} − {y0}", o.id, o.scope, o.year),
                    )
                }
            };
            terms.push(Term {
                label,
                fit: Fit {
                    value,
                    bound,
                    sigma,
                },
                a,
                b,
                source,
            });
        }
        if !errs.is_empty() {
            return Err(InputErrors(errs));
        }
        let mut cal = Calibration {
            priors: file.parameters.iter().map(|p| p.prior.clone()).collect(),
            file,
            path: path.to_path_buf(),
            hash: String::new(),
            terms,
            outcomes,
            horizon,
            base_path,
        };
        // Probe every parameter at its prior's ends through the sweep engine; its errors are
        // located back in this file.
        let mid: Vec<Vec<f64>> = vec![cal.priors.iter().map(|p| p.quantile_z(0.5)).collect()];
        match cal.sweep_for(0, &mid) {
            Ok(s) => cal.hash = s.hash.clone(),
            Err(e) => {
                return Err(InputErrors(
                    e.0.into_iter().map(|x| relocate(&cal, &text, x)).collect(),
                ));
            }
        }
        cal.hash = qcity_core::files::sha256_hex(format!("{text}{}", cal.hash).as_bytes());
        Ok(cal)
    }

    pub fn columns(&self) -> Vec<String> {
        self.file.parameters.iter().map(Parameter::column).collect()
    }

    /// The sweep of generation `generation` (0 = the checks' probe): one design point per
    /// particle at `zs` (z space), each with its own seed.
    pub fn sweep_for(&self, generation: usize, zs: &[Vec<f64>]) -> Result<Sweep, InputErrors> {
        let file = SweepFile {
            name: format!("{}-g{generation:02}", self.file.name),
            description: format!(
                "Generation {generation} of the calibration `{}` (written by qcity calibrate).",
                self.file.name
            ),
            base: self.file.base.clone(),
            seed: qcity_core::rng::mix64(self.file.seed ^ (generation as u64 + 1)),
            scale: self.file.scale,
            horizon: self.file.horizon,
            fixed: self.file.fixed.clone(),
            factors: self
                .file
                .parameters
                .iter()
                .map(|p| Factor {
                    path: p.path.clone(),
                    also: Vec::new(),
                    name: Some(p.column()),
                    range: Some(p.prior.bounds()),
                    values: Vec::new(),
                    log: false,
                    integer: false,
                })
                .collect(),
            design: Design::List {
                points: zs
                    .iter()
                    .map(|z| {
                        z.iter()
                            .zip(&self.priors)
                            .map(|(&z, p)| {
                                let (lo, hi) = p.bounds();
                                Value::Number(p.from_z(z).clamp(lo, hi))
                            })
                            .collect()
                    })
                    .collect(),
            },
            replicates: self.file.replicates,
            common_random_numbers: false,
            outcomes: self.outcomes.clone(),
            analysis: Default::default(),
        };
        let text =
            ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).map_err(|e| {
                InputErrors(vec![InputError::located(
                    &self.path,
                    "",
                    "",
                    format!("could not write the generation's sweep: {e}"),
                )])
            })?;
        Sweep::from_text(&text, &self.path)
    }
}

/// A problem the sweep engine found in a generated sweep, located in the calibration file.
fn relocate(cal: &Calibration, text: &str, e: InputError) -> InputError {
    let field = &e.field;
    let mapped = if let Some(rest) = field.strip_prefix("factors[") {
        let i: String = rest.chars().take_while(char::is_ascii_digit).collect();
        format!("parameters[{i}].path")
    } else if field.starts_with("design") {
        "parameters".to_string()
    } else if field.starts_with("outcomes") {
        "observations".to_string()
    } else {
        field.split('.').next().unwrap_or("").to_string()
    };
    InputError::located(&cal.path, text, &mapped, e.message)
}
