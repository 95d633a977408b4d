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
    /// start, replacing the base's events for it), a lever in some districts or a zone
    /// (`lever.brand_support@500101+500103`, `lever.budget_share_of_gdp@Metro`), or any
    /// scenario path, each with its bounds.
    pub variables: Vec<Variable>,
    /// What to minimise or maximise.
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub constraints: Vec<Constraint>,
    /// How candidates are chosen: NSGA-II (the default) or Bayesian optimisation (`Ego`).
    /// Either may evaluate (generations + 1) × population candidates.
    #[serde(default)]
    pub method: Method,
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
    /// Evaluate every candidate across states of the world (uncertain assumptions) and take
    /// its objectives and constraints over them: the worst case, a percentile or the mean,
    /// as in robust decision making. Without it, each candidate is judged under the base's
    /// assumptions alone.
    #[serde(default)]
    pub robust: Option<Robust>,
}

/// The search method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Method {
    /// NSGA-II ([`qcity_gsa::nsga2`]): each generation a population of new candidates.
    /// Suits large budgets (thousands of candidates).
    #[default]
    Nsga2,
    /// Bayesian optimisation (egobox-ego: a Kriging surrogate of each objective and of the
    /// constraint violation, expected hypervolume improvement): a Latin hypercube of
    /// `population` candidates, then batches of `batch` chosen from all evaluated so far.
    /// Makes each costly run count at small budgets (hundreds of candidates); its surrogates'
    /// fitting grows with the cube of the candidates evaluated.
    Ego { batch: usize },
}

/// What is uncertain, and how a candidate's results across it are summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Robust {
    pub over: States,
    #[serde(default)]
    pub statistic: Statistic,
}

/// The states of the world every candidate is evaluated in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum States {
    /// `states` points of a Latin hypercube over the factors' ranges (seeded by the
    /// problem's seed), as a sweep's factors are written.
    Ranges {
        factors: Vec<Uncertain>,
        states: usize,
    },
    /// `draws` parameter sets from a `qcity calibrate` output directory's posterior
    /// (relative to this file), by the same systematic resampling as `qcity run --posterior`.
    Posterior { calibration: PathBuf, draws: usize },
}

/// An uncertain assumption: any scenario path (`params.capability.efficiency`) and its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertain {
    pub path: String,
    #[serde(default)]
    pub name: Option<String>,
    pub range: (f64, f64),
}

/// How a candidate's objectives and constraint violations across the states are summarised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Statistic {
    /// The worst state for each objective (and the largest violation): minimax.
    #[default]
    Worst,
    /// The q-th percentile of each objective's goodness (q = 10: nine states in ten do at
    /// least this well, interpolated linearly between states), and the (100 − q)-th
    /// percentile of the violation.
    Percentile(f64),
    /// The mean over the states: the expected value, not robust; for comparison.
    Mean,
}

impl Statistic {
    pub fn describe(&self) -> String {
        match self {
            Statistic::Worst => "the worst case".into(),
            Statistic::Percentile(q) => format!("the {q}th percentile"),
            Statistic::Mean => "the mean".into(),
        }
    }

    /// The summary of `xs`, where smaller is better.
    pub fn of(&self, xs: &[f64]) -> f64 {
        let mut v: Vec<f64> = xs.to_vec();
        if v.is_empty() {
            return f64::NAN;
        }
        v.sort_by(f64::total_cmp);
        match self {
            Statistic::Worst => v[v.len() - 1],
            Statistic::Mean => v.iter().sum::<f64>() / v.len() as f64,
            Statistic::Percentile(q) => {
                // Goodness's q-th percentile is the (100 − q)-th of a quantity to minimise,
                // interpolated between order statistics as NumPy's default does.
                let pos = (1.0 - q / 100.0) * (v.len() - 1) as f64;
                let (i, f) = (pos.floor() as usize, pos.fract());
                if i + 1 < v.len() && f > 0.0 {
                    v[i] + f * (v[i + 1] - v[i])
                } else {
                    v[i]
                }
            }
        }
    }
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
    /// The uncertain assumptions' paths and columns (none without `robust`).
    pub state_factors: Vec<(String, String)>,
    /// The states of the world: one value per state factor each (one empty state without
    /// `robust`).
    pub states: Vec<Vec<f64>>,
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
        if let Method::Ego { batch } = file.method {
            if !(1..=64).contains(&batch) {
                errs.push(at(
                    "method",
                    format!("Ego(batch: {batch}): valid batches are 1 to 64 candidates"),
                ));
            }
            let budget = (file.generations + 1) * file.population;
            if budget > 2000 {
                errs.push(at(
                    "generations",
                    format!("Ego evaluates (generations + 1) × population = {budget} candidates; its surrogates take too long beyond 2,000: use Nsga2 for a budget this large"),
                ));
            }
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
        let (state_factors, states) = match &file.robust {
            None => (Vec::new(), vec![Vec::new()]),
            Some(r) => match robust_states(r, path, file.seed) {
                Ok(x) => x,
                Err((field, msg)) => {
                    errs.push(at(&field, msg));
                    (Vec::new(), vec![Vec::new()])
                }
            },
        };
        if let Some(Robust {
            statistic: Statistic::Percentile(q),
            ..
        }) = &file.robust
            && !(0.0..=100.0).contains(q)
        {
            errs.push(at(
                "robust.statistic",
                format!("Percentile({q}): a percentile from 0 (the worst case) to 100"),
            ));
        }
        for (_, col) in &state_factors {
            if file.variables.iter().any(|v| v.column() == *col) {
                errs.push(at(
                    "robust.over",
                    format!("`{col}` is both a decision variable and uncertain"),
                ));
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
            state_factors,
            states,
        };
        // Probe every variable at its bounds and every state (the sweep engine's checks),
        // located here.
        let n_variables = p.file.variables.len();
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
                                Some(rest) => {
                                    let i: usize = rest
                                        .chars()
                                        .take_while(char::is_ascii_digit)
                                        .collect::<String>()
                                        .parse()
                                        .unwrap_or(0);
                                    if i < n_variables {
                                        format!("variables[{i}]")
                                    } else {
                                        "robust.over".to_string()
                                    }
                                }
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

    /// The sweep that evaluates `points` (each a value per variable), each in every state of
    /// the world: point `c × states + s` is candidate `c` in state `s`.
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
        let crossed: Vec<Vec<f64>> = points
            .iter()
            .flat_map(|c| {
                self.states
                    .iter()
                    .map(move |st| c.iter().chain(st).copied().collect())
            })
            .collect();
        self.build(label, &crossed, true, seed, replicates)
    }

    /// The sweep of `points` under the base's own assumptions (no states): what a front
    /// point saved as a runnable scenario holds.
    pub fn policy_sweep(&self, label: &str, points: &[Vec<f64>]) -> Result<Sweep, InputErrors> {
        self.build(label, points, false, self.file.seed, self.file.replicates)
    }

    /// The states of the world alone, as a sweep of `base` (a reference scenario): one point
    /// per state, or one point of the base itself without `robust`.
    pub fn reference_sweep(
        &self,
        label: &str,
        base: &Path,
        seed: u64,
        replicates: u32,
    ) -> Result<Sweep, InputErrors> {
        let (factors, points) = if self.state_factors.is_empty() {
            // A sweep needs a factor: the description, which changes no result.
            (
                vec![Factor {
                    path: "description".into(),
                    also: Vec::new(),
                    name: Some("description".into()),
                    range: None,
                    values: vec![Value::Text("reference".into())],
                    log: false,
                    integer: false,
                }],
                vec![vec![Value::Text("reference".into())]],
            )
        } else {
            (
                self.state_columns(),
                self.states
                    .iter()
                    .map(|st| st.iter().map(|&x| Value::Number(x)).collect())
                    .collect(),
            )
        };
        let file = SweepFile {
            name: format!("{}-{label}", self.file.name),
            description: "A reference for the front (written by qcity optimize).".into(),
            base: std::path::absolute(base).unwrap_or(base.to_path_buf()),
            seed,
            scale: self.file.scale,
            horizon: self.file.horizon,
            fixed: self.file.fixed.clone(),
            factors,
            design: Design::List { points },
            replicates,
            common_random_numbers: self.file.common_random_numbers,
            outcomes: self.outcomes.clone(),
            analysis: Default::default(),
        };
        self.parse(&file)
    }

    /// The state factors, each listing its values in the states.
    fn state_columns(&self) -> Vec<Factor> {
        self.state_factors
            .iter()
            .enumerate()
            .map(|(j, (path, col))| {
                let mut values: Vec<f64> = self.states.iter().map(|s| s[j]).collect();
                values.sort_by(f64::total_cmp);
                values.dedup();
                Factor {
                    path: path.clone(),
                    also: Vec::new(),
                    name: Some(col.clone()),
                    range: None,
                    values: values.into_iter().map(Value::Number).collect(),
                    log: false,
                    integer: false,
                }
            })
            .collect()
    }

    fn build(
        &self,
        label: &str,
        points: &[Vec<f64>],
        with_states: bool,
        seed: u64,
        replicates: u32,
    ) -> Result<Sweep, InputErrors> {
        let mut factors: Vec<Factor> = self
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
            .collect();
        if with_states {
            factors.extend(self.state_columns());
        }
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
            factors,
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
        self.parse(&file)
    }

    fn parse(&self, file: &SweepFile) -> Result<Sweep, InputErrors> {
        let text = ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::default())
            .map_err(|e| InputErrors(vec![InputError::file(&self.path, e.to_string())]))?;
        Sweep::from_text(&text, &self.path)
    }
}

/// The uncertain paths with their columns, and the states (one value per path each).
type StateSpace = (Vec<(String, String)>, Vec<Vec<f64>>);

/// The states of the world of `r`: the uncertain paths with their columns, and one value
/// per path in each state. Errors are (field, message).
fn robust_states(r: &Robust, path: &Path, seed: u64) -> Result<StateSpace, (String, String)> {
    match &r.over {
        States::Ranges { factors, states } => {
            if factors.is_empty() {
                return Err((
                    "robust.over".into(),
                    "name at least one uncertain factor".into(),
                ));
            }
            if !(2..=1000).contains(states) {
                return Err((
                    "robust.over".into(),
                    format!("states {states}: valid are 2 to 1,000"),
                ));
            }
            for (i, f) in factors.iter().enumerate() {
                let (lo, hi) = f.range;
                if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                    return Err((
                        format!("robust.over.factors[{i}].range"),
                        format!("({lo}, {hi}): low must be below high, both finite"),
                    ));
                }
            }
            let u = qcity_gsa::design::latin_hypercube(
                *states,
                factors.len(),
                qcity_core::rng::mix64(seed ^ 0x5747_4A7E_0000_0002),
            )
            .map_err(|e| ("robust.over".to_string(), e.to_string()))?;
            let values = u
                .iter()
                .map(|row| {
                    factors
                        .iter()
                        .zip(row)
                        .map(|(f, &x)| {
                            let y = f.range.0 + x * (f.range.1 - f.range.0);
                            format!("{y:.12e}").parse().unwrap_or(y)
                        })
                        .collect()
                })
                .collect();
            let cols = factors
                .iter()
                .map(|f| (f.path.clone(), f.name.clone().unwrap_or(f.path.clone())))
                .collect();
            Ok((cols, values))
        }
        States::Posterior { calibration, draws } => {
            if !(2..=1000).contains(draws) {
                return Err((
                    "robust.over".into(),
                    format!("draws {draws}: valid are 2 to 1,000"),
                ));
            }
            let dir = path.parent().unwrap_or(Path::new(".")).join(calibration);
            let (paths, values) = qcity_calibrate::uncertainty::draws(&dir, *draws)
                .map_err(|e| ("robust.over".to_string(), e.to_string()))?;
            Ok((
                paths.iter().map(|p| (p.clone(), p.clone())).collect(),
                values,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Statistic;

    /// Against NumPy: `np.percentile([1, 2, 3, 4, 5], 90)` is 4.6, so the 10th percentile of
    /// goodness of a quantity to minimise is 4.6; the worst case is 5, the mean 3.
    #[test]
    fn statistics_over_states_match_numpy() {
        let xs = [3.0, 1.0, 5.0, 2.0, 4.0];
        assert_eq!(Statistic::Worst.of(&xs), 5.0);
        assert_eq!(Statistic::Mean.of(&xs), 3.0);
        assert!((Statistic::Percentile(10.0).of(&xs) - 4.6).abs() < 1e-12);
        assert!((Statistic::Percentile(25.0).of(&xs) - 4.0).abs() < 1e-12);
        assert_eq!(Statistic::Percentile(0.0).of(&xs), 5.0);
        assert_eq!(Statistic::Percentile(100.0).of(&xs), 1.0);
        assert_eq!(Statistic::Percentile(50.0).of(&xs), 3.0);
    }
}
