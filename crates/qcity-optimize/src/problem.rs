//! The problem file (`scenarios/optimize/*.ron`) and its checks.

use qcity_core::error::{InputError, InputErrors};
use qcity_core::scenario::{Horizon, Scale};
use qcity_core::time::YearMonth;
use qcity_sweep::{Design, Factor, Outcome, Sweep, SweepFile, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A problem file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scenario every candidate starts from (relative to this file); the plan's own mix
    /// and its counterfactual are placed on the front for comparison.
    pub base: PathBuf,
    pub seed: u64,
    #[serde(default)]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub horizon: Option<Horizon>,
    #[serde(default)]
    pub fixed: BTreeMap<String, Value>,
    /// The decision variables: a lever by name (`lever.subsidy_rate`, city-wide from the
    /// start, replacing the base's events for it) or any scenario path
    /// (`levers.districts.500101.brand_support`), each with its bounds.
    pub variables: Vec<Variable>,
    /// What to minimise or maximise.
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub constraints: Vec<Constraint>,
    pub population: usize,
    pub generations: usize,
    /// Runs per candidate; their mean (and share meeting each target) is the candidate's.
    #[serde(default = "two")]
    pub replicates: u32,
    /// Every candidate sees the same seeds in replicate r, so differences are policy.
    #[serde(default = "yes")]
    pub common_random_numbers: bool,
    /// The front's candidates and the references are evaluated again with this many runs on
    /// fresh seeds: a search picks the candidates that were lucky with their seeds (the
    /// winner's curse), so the front is reported as confirmed.
    #[serde(default = "eight")]
    pub confirm_replicates: u32,
}

fn eight() -> u32 {
    8
}

/// The seed of the confirmation runs (fresh, shared by the front and the references).
pub fn confirm_seed(seed: u64) -> u64 {
    qcity_core::rng::mix64(seed ^ 0xC0F1_4A3E_0000_0001)
}

fn two() -> u32 {
    2
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub path: String,
    #[serde(default)]
    pub name: Option<String>,
    pub range: (f64, f64),
}

impl Variable {
    pub fn column(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.path.clone())
    }
}

/// An objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Objective {
    /// Minimise public spending over the horizon (yuan).
    PublicCost,
    /// Maximise the number of targets of `year` met with probability ≥ 0.5.
    TargetsMet { year: u32 },
    /// Maximise the expected number of targets of `year` met (the sum of their probabilities):
    /// smoother than `TargetsMet`, which jumps as a probability crosses one half, and so less
    /// prone to rewarding a lucky seed.
    ExpectedTargetsMet { year: u32 },
    /// Maximise the lowest probability of meeting the named targets in `year`.
    LowestProbability { targets: Vec<String>, year: u32 },
    /// Maximise (or with `minimise`, minimise) an indicator's city value in a month.
    Indicator {
        id: String,
        at: YearMonth,
        #[serde(default)]
        minimise: bool,
    },
}

impl Objective {
    pub fn column(&self) -> String {
        match self {
            Objective::PublicCost => "public_cost_yuan".into(),
            Objective::TargetsMet { year } => format!("targets_met_{year}"),
            Objective::ExpectedTargetsMet { year } => format!("expected_targets_met_{year}"),
            Objective::LowestProbability { year, .. } => format!("lowest_p_met_{year}"),
            Objective::Indicator { id, at, .. } => format!("{id}@{at}"),
        }
    }
}

/// A constraint a candidate must meet to be feasible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Constraint {
    /// P(target met in `year`) ≥ `at_least`.
    Probability {
        target: String,
        year: u32,
        at_least: f64,
    },
    /// Public spending over the horizon at most `yuan`.
    CostCeiling { yuan: f64 },
}

impl Constraint {
    pub fn describe(&self) -> String {
        match self {
            Constraint::Probability {
                target,
                year,
                at_least,
            } => format!("P({target} met in {year}) ≥ {at_least}"),
            Constraint::CostCeiling { yuan } => format!("public cost ≤ {yuan:.0} yuan"),
        }
    }
}

/// A checked problem.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: ProblemFile,
    pub path: PathBuf,
    pub hash: String,
    pub outcomes: Vec<Outcome>,
    /// The targets of each `TargetsMet` year.
    pub targets_by_year: BTreeMap<u32, Vec<String>>,
}

impl Problem {
    /// Reads and checks a problem file, probing every variable through the sweep engine.
    pub fn load(path: &Path) -> Result<Problem, InputErrors> {
        let (text, _) = qcity_core::files::read_text(path, "problem")?;
        let file: ProblemFile = qcity_core::files::parse_ron(&text, path)?;
        let at = |field: &str, msg: String| InputError::located(path, &text, field, msg);
        let mut errs = Vec::new();
        if file.variables.is_empty() {
            errs.push(at(
                "variables",
                "name at least one decision variable".into(),
            ));
        }
        for (i, v) in file.variables.iter().enumerate() {
            let (lo, hi) = v.range;
            if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                errs.push(at(
                    &format!("variables[{i}].range"),
                    format!("({lo}, {hi}): low must be below high, both finite"),
                ));
            }
        }
        if file.objectives.len() < 2 {
            errs.push(at(
                "objectives",
                "name at least two objectives (for example PublicCost and TargetsMet(year: 2027))"
                    .into(),
            ));
        }
        if !(4..=10_000).contains(&file.population) || !file.population.is_multiple_of(2) {
            errs.push(at(
                "population",
                format!("{}: an even number from 4 to 10,000", file.population),
            ));
        }
        if !(1..=1000).contains(&file.generations) {
            errs.push(at(
                "generations",
                format!("{}: valid are 1 to 1,000", file.generations),
            ));
        }
        if !(1..=1000).contains(&file.confirm_replicates) {
            errs.push(at(
                "confirm_replicates",
                format!("{}: valid are 1 to 1,000", file.confirm_replicates),
            ));
        }
        if !(1..=1000).contains(&file.replicates) {
            errs.push(at(
                "replicates",
                format!("{}: valid are 1 to 1,000", file.replicates),
            ));
        }
        let targets = qcity_core::data::targets::embedded();
        let known = |id: &str| targets.iter().any(|t| t.id == id);
        let mut outcomes: Vec<Outcome> = vec![Outcome::PublicCost];
        let mut need = |o: Outcome| {
            if !outcomes.contains(&o) {
                outcomes.push(o);
            }
        };
        let mut targets_by_year = BTreeMap::new();
        for (i, o) in file.objectives.iter().enumerate() {
            match o {
                Objective::PublicCost => {}
                Objective::TargetsMet { year } | Objective::ExpectedTargetsMet { year } => {
                    let ids: Vec<String> = targets
                        .iter()
                        .filter(|t| match year {
                            2027 => t.target_2027.is_some(),
                            2035 => t.target_2035.is_some(),
                            _ => false,
                        })
                        .map(|t| t.id.clone())
                        .collect();
                    if ids.is_empty() {
                        errs.push(at(
                            &format!("objectives[{i}]"),
                            format!("no target has a value for {year} (the plan's years are 2027 and 2035)"),
                        ));
                    }
                    for id in &ids {
                        need(Outcome::Target {
                            id: id.clone(),
                            year: *year,
                        });
                    }
                    targets_by_year.insert(*year, ids);
                }
                Objective::LowestProbability { targets: ts, year } => {
                    for t in ts {
                        if !known(t) {
                            errs.push(at(
                                &format!("objectives[{i}]"),
                                format!("unknown target `{t}` (see `qcity targets`)"),
                            ));
                        }
                        need(Outcome::Target {
                            id: t.clone(),
                            year: *year,
                        });
                    }
                }
                Objective::Indicator { id, at: when, .. } => need(Outcome::Indicator {
                    id: id.clone(),
                    at: *when,
                    district: None,
                }),
            }
        }
        for (i, c) in file.constraints.iter().enumerate() {
            match c {
                Constraint::Probability {
                    target,
                    year,
                    at_least,
                } => {
                    if !known(target) {
                        errs.push(at(
                            &format!("constraints[{i}]"),
                            format!("unknown target `{target}` (see `qcity targets`)"),
                        ));
                    }
                    if !(0.0..=1.0).contains(at_least) {
                        errs.push(at(
                            &format!("constraints[{i}]"),
                            format!("at_least {at_least}: a probability from 0 to 1"),
                        ));
                    }
                    need(Outcome::Target {
                        id: target.clone(),
                        year: *year,
                    });
                }
                Constraint::CostCeiling { yuan } => {
                    if yuan.is_nan() || *yuan <= 0.0 {
                        errs.push(at(
                            &format!("constraints[{i}]"),
                            "a cost ceiling above 0".into(),
                        ));
                    }
                }
            }
        }
        if !errs.is_empty() {
            return Err(InputErrors(errs));
        }
        let mut p = Problem {
            file,
            path: path.to_path_buf(),
            hash: String::new(),
            outcomes,
            targets_by_year,
        };
        // Probe every variable at its bounds (the sweep engine's checks), located here.
        let probe = p
            .sweep_for(
                "probe",
                &[p.file.variables.iter().map(|v| v.range.0).collect()],
            )
            .map_err(|e| {
                InputErrors(
                    e.0.into_iter()
                        .map(|x| {
                            let field = match x.field.strip_prefix("factors[") {
                                Some(rest) => format!(
                                    "variables[{}]",
                                    rest.chars()
                                        .take_while(char::is_ascii_digit)
                                        .collect::<String>()
                                ),
                                None => x.field.split('.').next().unwrap_or("").to_string(),
                            };
                            InputError::located(path, &text, &field, x.message)
                        })
                        .collect(),
                )
            })?;
        p.hash = qcity_core::files::sha256_hex(format!("{text}{}", probe.hash).as_bytes());
        Ok(p)
    }

    /// The sweep that evaluates `points` (each a value per variable).
    pub fn sweep_for(&self, label: &str, points: &[Vec<f64>]) -> Result<Sweep, InputErrors> {
        self.sweep_with(label, points, self.file.seed, self.file.replicates)
    }

    /// [`Self::sweep_for`] with its own seed and replicates (the confirmation).
    pub fn sweep_with(
        &self,
        label: &str,
        points: &[Vec<f64>],
        seed: u64,
        replicates: u32,
    ) -> Result<Sweep, InputErrors> {
        let file = SweepFile {
            name: format!("{}-{label}", self.file.name),
            description: format!(
                "Candidates of `{}` (written by qcity optimize).",
                self.file.name
            ),
            base: self.file.base.clone(),
            seed,
            scale: self.file.scale,
            horizon: self.file.horizon,
            fixed: self.file.fixed.clone(),
            factors: self
                .file
                .variables
                .iter()
                .map(|v| Factor {
                    path: v.path.clone(),
                    also: Vec::new(),
                    name: Some(v.column()),
                    range: Some(v.range),
                    values: Vec::new(),
                    log: false,
                    integer: false,
                })
                .collect(),
            design: Design::List {
                points: points
                    .iter()
                    .map(|p| p.iter().map(|&x| Value::Number(x)).collect())
                    .collect(),
            },
            replicates,
            common_random_numbers: self.file.common_random_numbers,
            outcomes: self.outcomes.clone(),
            analysis: Default::default(),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
            .map_err(|e| InputErrors(vec![InputError::file(&self.path, e.to_string())]))?;
        Sweep::from_text(&text, &self.path)
    }
}
