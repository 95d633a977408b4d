//! Scenario files (RON): what a user writes, how it is checked, and the resolved scenario the
//! model runs.
//!
//! A scenario states only what differs from the defaults in `assets/model.ron`; a minimal one is
//! `(name: "x", seed: 1)`. Unknown fields are errors, and every error names the file, line,
//! column and field, and what would be valid.

use crate::data::{self, District, Target};
use crate::error::{InputError, InputErrors};
use crate::files::parse_ron;
use crate::params::{Assessment, AssessmentPatch, Levers, LeversPatch, Params, ParamsPatch};
use crate::patch::{Invalid, Patchable, Validate};
use crate::time::YearMonth;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped defaults: every parameter and the business-as-usual levers.
pub const EMBEDDED_MODEL: &str = include_str!("../../../../assets/model.ron");

/// `assets/model.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDefaults {
    pub params: Params,
    pub levers: Levers,
    pub assessment: Assessment,
}

/// A scenario file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub seed: u64,
    /// A scenario this one extends (path relative to this file): its levers, parameters and
    /// events apply first, then this file's.
    #[serde(default)]
    pub base: Option<PathBuf>,
    #[serde(default)]
    pub horizon: Option<Horizon>,
    #[serde(default)]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub data: DataSources,
    #[serde(default)]
    pub levers: ScenarioLevers,
    #[serde(default)]
    pub params: ParamsPatch,
    /// The horse race's rules (四(三)); see `assets/model.ron` for every field.
    #[serde(default)]
    pub assessment: AssessmentPatch,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Ids of the targets in force; empty means all of `seeds/targets.ron`.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub outputs: Option<Outputs>,
    /// A lesson's notes for the trainer: what to point out at a given month (shown by
    /// `qcity map --trainer` from that month until the next note).
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// One trainer's note, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub at: YearMonth,
    pub en: String,
    pub zh: String,
}

impl ScenarioFile {
    /// This file laid over its (already merged) base. `base_dir` anchors the base's data paths.
    fn over(self, base: ScenarioFile, base_dir: &Path) -> ScenarioFile {
        let rebase =
            |p: Option<PathBuf>| p.map(|p| std::path::absolute(base_dir.join(&p)).unwrap_or(p));
        let mut levers = base.levers;
        LeversPatchMerge::merge(&mut levers.city, &self.levers.city);
        for (code, patch) in &self.levers.districts {
            let entry = levers.districts.entry(code.clone()).or_default();
            LeversPatchMerge::merge(entry, patch);
        }
        let mut params = base.params;
        <Params as Patchable>::merge_patch(&mut params, &self.params);
        let mut assessment = base.assessment;
        <Assessment as Patchable>::merge_patch(&mut assessment, &self.assessment);
        let mut events = base.events;
        events.extend(self.events);
        ScenarioFile {
            name: self.name,
            description: if self.description.is_empty() {
                base.description
            } else {
                self.description
            },
            seed: self.seed,
            base: None,
            horizon: self.horizon.or(base.horizon),
            scale: self.scale.or(base.scale),
            data: DataSources {
                districts: self.data.districts.or(rebase(base.data.districts)),
                model: self.data.model.or(rebase(base.data.model)),
                targets: self.data.targets.or(rebase(base.data.targets)),
            },
            levers,
            params,
            assessment,
            events,
            targets: if self.targets.is_empty() {
                base.targets
            } else {
                self.targets
            },
            outputs: self.outputs.or(base.outputs),
            notes: if self.notes.is_empty() {
                base.notes
            } else {
                self.notes
            },
        }
    }
}

struct LeversPatchMerge;
impl LeversPatchMerge {
    fn merge(base: &mut LeversPatch, over: &LeversPatch) {
        <Levers as Patchable>::merge_patch(base, over);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    pub start: YearMonth,
    pub end: YearMonth,
}

impl Default for Horizon {
    /// The plan runs from 2023 (its issue year) to its 2035 goal.
    fn default() -> Self {
        Self {
            start: YearMonth::new(2023, 1),
            end: YearMonth::new(2035, 12),
        }
    }
}

impl Horizon {
    pub fn months(&self) -> u32 {
        (self.start.months_until(self.end) + 1) as u32
    }
}

/// How many enterprises to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Scale {
    /// This many enterprises: every large one, and a random sample of the rest, each standing
    /// for its share of the registered total.
    Enterprises(u32),
    /// Every registered enterprise (`params.population.registered_enterprises`).
    Full,
}

impl Default for Scale {
    fn default() -> Self {
        Scale::Enterprises(100_000)
    }
}

/// Where the model's data come from; paths are relative to the scenario file. Unset means the
/// copies shipped inside the binary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataSources {
    pub districts: Option<PathBuf>,
    pub model: Option<PathBuf>,
    pub targets: Option<PathBuf>,
}

/// Lever changes: city-wide, then per district (by code) on top.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScenarioLevers {
    pub city: LeversPatch,
    pub districts: BTreeMap<String, LeversPatch>,
}

/// What to write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outputs {
    /// Write each district's rows to `timeseries.csv`, not only the city's.
    pub districts: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Self { districts: true }
    }
}

/// Something that happens at a given month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub at: YearMonth,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// A lever takes a new value from this month on (booleans: 0 or 1). `districts` empty means
    /// every district.
    SetLever {
        lever: LeverName,
        value: f64,
        #[serde(default)]
        districts: Vec<String>,
    },
    /// A quality incident: the sector's defect rates multiply for some months, published
    /// satisfaction drops, and inspection of the sector is stepped up in response.
    Incident {
        sector: crate::vocab::Sector,
        #[serde(default)]
        districts: Vec<String>,
        defect_multiplier: f64,
        months: u32,
        #[serde(default)]
        satisfaction_drop: f64,
        #[serde(default = "one")]
        inspection_multiplier: f64,
    },
    /// The horse race's rules change from this month on: any field of `assessment` (weights,
    /// prize spread, audit probability, peer groups…). Leaders re-choose their effort and
    /// gaming under the new rules at once; the next assessment scores by them. This is what a
    /// trainer's what-if in `qcity map --trainer` records.
    SetRace { rules: Box<AssessmentPatch> },
}

fn one() -> f64 {
    1.0
}

impl Action {
    /// This action naming these district codes (for actions that name districts).
    pub fn with_districts(&self, codes: Vec<String>) -> Action {
        let mut a = self.clone();
        match &mut a {
            Action::SetLever { districts, .. } | Action::Incident { districts, .. } => {
                *districts = codes
            }
            Action::SetRace { .. } => {}
        }
        a
    }
}

/// The levers an event or a person can set, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverName {
    BudgetShareOfGdp,
    InspectionRateA,
    InspectionRateB,
    InspectionRateC,
    InspectionRateD,
    #[serde(rename = "inspectors_per_1000_firms")]
    InspectorsPer1000Firms,
    InspectorSkill,
    FineMonths,
    JointPunishment,
    CreditRepair,
    SubsidyRate,
    ChainLeaderProgramme,
    BrandSupport,
    StandardsSupport,
    ServiceQualityProgramme,
    PrefabMandate,
    GreenMandate,
    LeaderEffort,
}

impl LeverName {
    /// Sets this lever in `l`.
    pub fn set(self, l: &mut Levers, v: f64) {
        use LeverName::*;
        match self {
            BudgetShareOfGdp => l.budget_share_of_gdp = v,
            InspectionRateA => l.inspection_rate.a = v,
            InspectionRateB => l.inspection_rate.b = v,
            InspectionRateC => l.inspection_rate.c = v,
            InspectionRateD => l.inspection_rate.d = v,
            InspectorsPer1000Firms => l.inspectors_per_1000_firms = v,
            InspectorSkill => l.inspector_skill = v,
            FineMonths => l.fine_months = v,
            JointPunishment => l.joint_punishment = v != 0.0,
            CreditRepair => l.credit_repair = v != 0.0,
            SubsidyRate => l.subsidy_rate = v,
            ChainLeaderProgramme => l.chain_leader_programme = v,
            BrandSupport => l.brand_support = v,
            StandardsSupport => l.standards_support = v,
            ServiceQualityProgramme => l.service_quality_programme = v,
            PrefabMandate => l.prefab_mandate = v,
            GreenMandate => l.green_mandate = v,
            LeaderEffort => l.leader_effort = v,
        }
    }

    pub fn is_bool(self) -> bool {
        matches!(self, LeverName::JointPunishment | LeverName::CreditRepair)
    }

    /// Every lever, in the order of `Levers`.
    pub const ALL: [LeverName; 18] = {
        use LeverName::*;
        [
            BudgetShareOfGdp,
            InspectionRateA,
            InspectionRateB,
            InspectionRateC,
            InspectionRateD,
            InspectorsPer1000Firms,
            InspectorSkill,
            FineMonths,
            JointPunishment,
            CreditRepair,
            SubsidyRate,
            ChainLeaderProgramme,
            BrandSupport,
            StandardsSupport,
            ServiceQualityProgramme,
            PrefabMandate,
            GreenMandate,
            LeaderEffort,
        ]
    };

    /// This lever's value in `l` (booleans as 0 or 1).
    pub fn get(self, l: &Levers) -> f64 {
        use LeverName::*;
        match self {
            BudgetShareOfGdp => l.budget_share_of_gdp,
            InspectionRateA => l.inspection_rate.a,
            InspectionRateB => l.inspection_rate.b,
            InspectionRateC => l.inspection_rate.c,
            InspectionRateD => l.inspection_rate.d,
            InspectorsPer1000Firms => l.inspectors_per_1000_firms,
            InspectorSkill => l.inspector_skill,
            FineMonths => l.fine_months,
            JointPunishment => l.joint_punishment as u8 as f64,
            CreditRepair => l.credit_repair as u8 as f64,
            SubsidyRate => l.subsidy_rate,
            ChainLeaderProgramme => l.chain_leader_programme,
            BrandSupport => l.brand_support,
            StandardsSupport => l.standards_support,
            ServiceQualityProgramme => l.service_quality_programme,
            PrefabMandate => l.prefab_mandate,
            GreenMandate => l.green_mandate,
            LeaderEffort => l.leader_effort,
        }
    }

    /// The lever's name as scenario files write it (`brand_support`).
    pub fn id(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The valid range of the lever (from `Levers`' ranges; inspection rates and booleans
    /// are 0 to 1).
    pub fn range(self) -> (f64, f64) {
        let id = self.id();
        Levers::RANGES
            .iter()
            .find(|(n, _, _)| *n == id)
            .map_or((0.0, 1.0), |(_, lo, hi)| (*lo, *hi))
    }
}

/// A scenario with defaults applied, data loaded and every check passed: what the model runs.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub seed: u64,
    pub horizon: Horizon,
    pub scale: Scale,
    pub params: Params,
    pub assessment: Assessment,
    /// The race's peer group of each district (index into `peer_group_names`).
    pub peer_group: Vec<usize>,
    pub peer_group_names: Vec<String>,
    /// Handicap points per district.
    pub handicap: Vec<f64>,
    pub city_levers: Levers,
    /// The business-as-usual levers of `assets/model.ron`: the policy the initial state is
    /// the steady state of.
    pub baseline_levers: Levers,
    /// Levers in force in each district at the start, in district order.
    pub district_levers: Vec<Levers>,
    pub events: Vec<ResolvedEvent>,
    #[serde(skip)]
    pub districts: Vec<District>,
    #[serde(skip)]
    pub targets: Vec<Target>,
    pub outputs: Outputs,
    /// The lesson's notes for the trainer, in time order.
    pub notes: Vec<Note>,
    /// The data files' texts, for the manifest's hashes.
    #[serde(skip)]
    pub sources: Sources,
    /// SHA-256 of the scenario file's bytes.
    pub file_hash: String,
    pub file: PathBuf,
}

/// The texts the scenario was resolved from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub districts: String,
    pub model: String,
    pub targets: String,
}

/// An event with district codes turned into indices (all districts if the list was empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedEvent {
    pub at: YearMonth,
    /// Months from the start of the run.
    pub tick: u32,
    pub action: Action,
    pub districts: Vec<usize>,
}

impl Scenario {
    /// Whether the horse race runs at some point: on from the start, or switched on by a
    /// `SetRace` event.
    pub fn race_ever_on(&self) -> bool {
        self.assessment.enabled
            || self.events.iter().any(
                |e| matches!(&e.action, Action::SetRace { rules } if rules.enabled == Some(true)),
            )
    }

    /// The race's rules in force after month `tick` has begun: the scenario's, with the
    /// `SetRace` events dated up to then laid over them in order.
    pub fn assessment_at(&self, tick: u32) -> Assessment {
        let mut a = self.assessment.clone();
        for e in self.events.iter().filter(|e| e.tick <= tick) {
            if let Action::SetRace { rules } = &e.action {
                a.apply(rules);
            }
        }
        a
    }

    /// The number of enterprises simulated.
    pub fn enterprises(&self) -> u32 {
        match self.scale {
            Scale::Enterprises(n) => n,
            Scale::Full => self.params.population.registered_enterprises.round() as u32,
        }
    }
}

/// Reads, checks and resolves one scenario file.
pub fn load(path: &Path) -> Result<Scenario, InputErrors> {
    let (file, text, hash) = load_merged(path)?;
    resolve(file, &text, path, hash)
}

/// Reads a scenario file and lays it over its chain of bases, without resolving it: what a
/// sweep varies. Returns the merged file, the file's own text (for locating errors) and the
/// SHA-256 of the file and its bases.
pub fn load_merged(path: &Path) -> Result<(ScenarioFile, String, String), InputErrors> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::file(path, format!("cannot read the scenario: {e}")))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|e| InputError::file(path, format!("not UTF-8 text: {e}")))?;
    let file: ScenarioFile = parse_ron(&text, path)?;
    let (file, base_hash) = with_base(file, &text, path, 0)?;
    let hash = crate::files::sha256_hex(&[bytes, base_hash.into_bytes()].concat());
    Ok((file, text, hash))
}

/// Resolves a merged scenario file (see [`load_merged`]): defaults, data and every check.
/// `text` and `path` locate errors; `file_hash` goes into the manifest.
pub fn resolve_merged(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    file_hash: String,
) -> Result<Scenario, InputErrors> {
    resolve(file, text, path, file_hash)
}

/// Loads the chain of bases under `file`, checking each on its own, and lays `file` over it.
/// Returns the merged file and the bases' hash (empty if none).
fn with_base(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    depth: u32,
) -> Result<(ScenarioFile, String), InputErrors> {
    let Some(rel) = file.base.clone() else {
        return Ok((file, String::new()));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let base_path = dir.join(&rel);
    if depth >= 8 {
        return Err(InputError::located(
            path,
            text,
            "base",
            "bases nest more than 8 deep: is there a cycle?".into(),
        )
        .into());
    }
    let bytes = std::fs::read(&base_path).map_err(|e| {
        InputError::located(
            path,
            text,
            "base",
            format!("cannot read the base scenario {}: {e}", base_path.display()),
        )
    })?;
    let base_text = String::from_utf8(bytes.clone())
        .map_err(|e| InputError::file(&base_path, format!("not UTF-8 text: {e}")))?;
    let base: ScenarioFile = parse_ron(&base_text, &base_path)?;
    let (base, deeper) = with_base(base, &base_text, &base_path, depth + 1)?;
    // The base must be valid on its own: its errors are reported against its own file.
    resolve(base.clone(), &base_text, &base_path, String::new())?;
    let hash = crate::files::sha256_hex(&[bytes, deeper.into_bytes()].concat());
    Ok((
        file.over(base, base_path.parent().unwrap_or(Path::new("."))),
        hash,
    ))
}

/// Reads, checks and resolves a scenario given as text; `path` names it in errors and anchors
/// relative data paths.
pub fn from_str(text: &str, path: &Path) -> Result<Scenario, InputErrors> {
    let file: ScenarioFile = parse_ron(text, path)?;
    let (file, base_hash) = with_base(file, text, path, 0)?;
    resolve(
        file,
        text,
        path,
        crate::files::sha256_hex(format!("{text}{base_hash}").as_bytes()),
    )
}

/// Loads a data file the scenario names (relative to the scenario), or the shipped copy.
fn data_text(
    scenario: &Path,
    p: &Option<PathBuf>,
    embedded: &str,
    shipped: &str,
) -> Result<(String, PathBuf), InputError> {
    match p {
        None => Ok((embedded.to_string(), PathBuf::from(shipped))),
        Some(rel) => {
            let full = scenario.parent().unwrap_or(Path::new(".")).join(rel);
            let t = std::fs::read_to_string(&full).map_err(|e| {
                InputError::file(&full, format!("cannot read data file named in `data`: {e}"))
            })?;
            Ok((t, full))
        }
    }
}

fn resolve(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    file_hash: String,
) -> Result<Scenario, InputErrors> {
    let (model_text, model_path) =
        data_text(path, &file.data.model, EMBEDDED_MODEL, "assets/model.ron")?;
    let defaults: ModelDefaults = parse_ron(&model_text, &model_path)?;
    let (dist_text, dist_path) = data_text(
        path,
        &file.data.districts,
        data::districts::EMBEDDED_CSV,
        "assets/districts.csv",
    )?;
    let districts = data::districts::parse(&dist_text, &dist_path)?;
    let (t_text, t_path) = data_text(
        path,
        &file.data.targets,
        data::targets::EMBEDDED_RON,
        "seeds/targets.ron",
    )?;
    let all_targets = data::targets::parse(&t_text, &t_path)?;

    let mut invalid: Vec<Invalid> = Vec::new();
    let mut params = defaults.params.clone();
    params.apply(&file.params);
    params.validate("params", &mut invalid);
    params.cross_check("params", &mut invalid);

    let mut city = defaults.levers.clone();
    city.apply(&file.levers.city);
    city.validate("levers.city", &mut invalid);
    city.cross_check("levers.city", &mut invalid);

    let mut assessment = defaults.assessment.clone();
    assessment.apply(&file.assessment);
    assessment.validate("assessment", &mut invalid);
    assessment.cross_check("assessment", &mut invalid);

    let code_index = |code: &str| districts.iter().position(|d| d.code == code);
    let valid_codes = || {
        let mut s: Vec<&str> = districts.iter().map(|d| d.code.as_str()).take(6).collect();
        s.push("…");
        format!(
            "a district code from {} such as {}",
            dist_path.display(),
            s.join(", ")
        )
    };
    let mut district_levers = vec![city.clone(); districts.len()];
    for (code, patch) in &file.levers.districts {
        let p = format!("levers.districts.{code}");
        match code_index(code) {
            None => invalid.push(Invalid {
                path: p,
                message: format!("unknown district \"{code}\": expected {}", valid_codes()),
            }),
            Some(i) => {
                district_levers[i].apply(patch);
                district_levers[i].validate(&p, &mut invalid);
                district_levers[i].cross_check(&p, &mut invalid);
            }
        }
    }

    // Peer groups and handicaps name districts.
    let mut peer_group_names = Vec::new();
    let (peer_group, handicap) = race_groups(
        &assessment,
        &districts,
        &mut peer_group_names,
        "assessment",
        &mut invalid,
    );

    let h = file.horizon.unwrap_or_default();
    if h.start != YearMonth::new(2023, 1) {
        invalid.push(Invalid {
            path: "horizon.start".into(),
            message: format!("{}: the model's initial state is the plan's baseline, so runs start at \"2023-01\"", h.start),
        });
    }
    if h.end < YearMonth::new(2027, 12) || h.end > YearMonth::new(2050, 12) {
        invalid.push(Invalid {
            path: "horizon.end".into(),
            message: format!(
                "{}: valid ends are \"2027-12\" (the first target year) to \"2050-12\"",
                h.end
            ),
        });
    }
    let large = params.population.large_enterprises.round() as u64;
    let scale = file.scale.unwrap_or_default();
    match scale {
        Scale::Enterprises(n) => {
            let min = large + 1000;
            if (n as u64) < min || n as f64 > params.population.registered_enterprises {
                invalid.push(Invalid {
                    path: "scale".into(),
                    message: format!(
                        "Enterprises({n}): valid values are {min} (every large enterprise and 1,000 others) to {} (all registered), or Full",
                        params.population.registered_enterprises
                    ),
                });
            }
        }
        Scale::Full => {}
    }

    let mut events = Vec::new();
    for (i, ev) in file.events.iter().enumerate() {
        let p = format!("events[{i}]");
        if ev.at < h.start || ev.at > h.end {
            invalid.push(Invalid {
                path: format!("{p}.at"),
                message: format!("{} is outside the horizon {} to {}", ev.at, h.start, h.end),
            });
        }
        let no_codes = Vec::new();
        let codes = match &ev.action {
            Action::SetLever { districts, .. } | Action::Incident { districts, .. } => districts,
            Action::SetRace { .. } => &no_codes,
        };
        let mut idx = Vec::new();
        for (j, c) in codes.iter().enumerate() {
            match code_index(c) {
                Some(k) => idx.push(k),
                None => invalid.push(Invalid {
                    path: format!("{p}.action.districts[{j}]"),
                    message: format!("unknown district \"{c}\": expected {}", valid_codes()),
                }),
            }
        }
        if codes.is_empty() {
            idx = (0..districts.len()).collect();
        }
        match &ev.action {
            Action::SetLever { lever, value, .. } => {
                if lever.is_bool() && *value != 0.0 && *value != 1.0 {
                    invalid.push(Invalid {
                        path: format!("{p}.action.value"),
                        message: format!(
                            "{value}: {lever:?} is on or off, so valid values are 0 and 1"
                        ),
                    });
                } else {
                    // The value's own range here; rules across levers (inspection rates
                    // rising with risk) are checked below against the levers in force.
                    let mut l = city.clone();
                    lever.set(&mut l, *value);
                    let mut e = Vec::new();
                    l.validate("", &mut e);
                    for x in e {
                        invalid.push(Invalid {
                            path: format!("{p}.action.value"),
                            message: format!("setting {}: {}", x.path, x.message),
                        });
                    }
                }
            }
            Action::Incident {
                defect_multiplier,
                months,
                satisfaction_drop,
                inspection_multiplier,
                ..
            } => {
                let mut e = Vec::new();
                crate::patch::check_range(
                    *defect_multiplier,
                    0.0,
                    100.0,
                    &format!("{p}.action.defect_multiplier"),
                    &mut e,
                );
                crate::patch::check_range(
                    *months as f64,
                    1.0,
                    120.0,
                    &format!("{p}.action.months"),
                    &mut e,
                );
                crate::patch::check_range(
                    *satisfaction_drop,
                    0.0,
                    50.0,
                    &format!("{p}.action.satisfaction_drop"),
                    &mut e,
                );
                crate::patch::check_range(
                    *inspection_multiplier,
                    0.0,
                    20.0,
                    &format!("{p}.action.inspection_multiplier"),
                    &mut e,
                );
                invalid.extend(e);
            }
            // Checked below, in time order, against the rules in force.
            Action::SetRace { .. } => {}
        }
        events.push(ResolvedEvent {
            at: ev.at,
            tick: h.start.months_until(ev.at).max(0) as u32,
            action: ev.action.clone(),
            districts: idx,
        });
    }
    // Rules across levers hold for the levers in force after each change, taken in time
    // order (so raising D then C is as valid as the final state is).
    {
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|&i| events[i].tick);
        let mut running = district_levers.clone();
        for i in order {
            let Action::SetLever { lever, value, .. } = &events[i].action else {
                continue;
            };
            if lever.is_bool() && *value != 0.0 && *value != 1.0 {
                continue;
            }
            let mut reported = false;
            for &d in &events[i].districts {
                let Some(l) = running.get_mut(d) else {
                    continue;
                };
                lever.set(l, *value);
                let mut e = Vec::new();
                l.cross_check("", &mut e);
                if !reported && let Some(x) = e.into_iter().next() {
                    invalid.push(Invalid {
                        path: format!("events[{i}].action.value"),
                        message: format!(
                            "setting {} in {}: {}",
                            x.path.trim_start_matches('.'),
                            events[i].at,
                            x.message
                        ),
                    });
                    reported = true;
                }
            }
        }
    }
    // Race rules changed by events hold together with the rules in force at that month.
    {
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|&i| events[i].tick);
        let mut running = assessment.clone();
        for i in order {
            let Action::SetRace { rules } = &events[i].action else {
                continue;
            };
            // Report only what this event makes invalid: a problem already there before it was
            // reported where it arose.
            let check = |a: &Assessment, names: &[String], p: &str| {
                let mut e = Vec::new();
                a.validate(p, &mut e);
                a.cross_check(p, &mut e);
                race_groups(a, &districts, &mut names.to_vec(), p, &mut e);
                e
            };
            let p = format!("events[{i}].action.rules");
            let before: Vec<String> = check(&running, &peer_group_names, &p)
                .into_iter()
                .map(|x| x.message)
                .collect();
            running.apply(rules);
            let after = check(&running, &peer_group_names, &p);
            race_groups(
                &running,
                &districts,
                &mut peer_group_names,
                &p,
                &mut Vec::new(),
            );
            invalid.extend(
                after
                    .into_iter()
                    .filter(|x| !before.contains(&x.message))
                    .map(|mut x| {
                        x.message = format!("in {}: {}", events[i].at, x.message);
                        x
                    }),
            );
        }
    }
    // Stable: events at the same month apply in file order.
    events.sort_by_key(|e| e.tick);

    let mut notes = Vec::new();
    for (i, n) in file.notes.iter().enumerate() {
        if n.at < h.start || n.at > h.end {
            invalid.push(Invalid {
                path: format!("notes[{i}].at"),
                message: format!("{} is outside the horizon {} to {}", n.at, h.start, h.end),
            });
        }
        for (field, text) in [("en", &n.en), ("zh", &n.zh)] {
            if text.trim().is_empty() {
                invalid.push(Invalid {
                    path: format!("notes[{i}].{field}"),
                    message: "must not be empty: a note is shown in both languages".into(),
                });
            }
        }
        if let Some(j) = file.notes[..i].iter().position(|m| m.at == n.at) {
            invalid.push(Invalid {
                path: format!("notes[{i}].at"),
                message: format!(
                    "notes[{j}] is also at {}: one note per month (write both in one note)",
                    n.at
                ),
            });
        }
        notes.push(n.clone());
    }
    notes.sort_by_key(|n| n.at);

    let targets = if file.targets.is_empty() {
        all_targets
    } else {
        let mut t = Vec::new();
        for (i, id) in file.targets.iter().enumerate() {
            match all_targets.iter().find(|x| &x.id == id) {
                Some(x) => t.push(x.clone()),
                None => invalid.push(Invalid {
                    path: format!("targets[{i}]"),
                    message: format!(
                        "unknown target \"{id}\": valid ids are {}",
                        all_targets
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
            }
        }
        t
    };

    if file.name.trim().is_empty() {
        invalid.push(Invalid {
            path: "name".into(),
            message: "must not be empty".into(),
        });
    }

    if !invalid.is_empty() {
        // Events are numbered over the base's and this file's together; point at the event
        // where this file wrote it.
        let own = parse_ron::<ScenarioFile>(text, path).map_or(0, |f| f.events.len());
        let offset = file.events.len().saturating_sub(own);
        for v in &mut invalid {
            let Some(rest) = v.path.strip_prefix("events[") else {
                continue;
            };
            let Some((i, tail)) = rest.split_once(']') else {
                continue;
            };
            let Ok(i) = i.parse::<usize>() else { continue };
            if i >= offset {
                v.path = format!("events[{}]{tail}", i - offset);
            } else {
                // An event of a base scenario made invalid by what this file changed: point at
                // `base` and say which event.
                v.message = format!(
                    "event {i} of the base scenarios ({}{tail}): {}",
                    "events", v.message
                );
                v.path = "base".into();
            }
        }
        let errs = invalid
            .into_iter()
            .map(|v| {
                // A value the scenario did not write came from the defaults file: point there.
                let depth = crate::error::locate::locate_depth(text, &v.path).map_or(0, |(d, _)| d);
                if v.path.starts_with("params.") && depth < 2 {
                    InputError::located(
                        &model_path,
                        &model_text,
                        v.path.trim_start_matches("params."),
                        v.message,
                    )
                    .with_field(&v.path)
                } else {
                    InputError::located(path, text, &v.path, v.message)
                }
            })
            .collect();
        return Err(InputErrors(errs));
    }

    Ok(Scenario {
        name: file.name,
        description: file.description,
        seed: file.seed,
        horizon: h,
        scale,
        params,
        assessment,
        peer_group,
        peer_group_names,
        handicap,
        city_levers: city,
        baseline_levers: defaults.levers.clone(),
        district_levers,
        events,
        districts,
        targets,
        outputs: file.outputs.unwrap_or_default(),
        notes,
        sources: Sources {
            districts: dist_text,
            model: model_text,
            targets: t_text,
        },
        file_hash,
        file: path.to_path_buf(),
    })
}

impl InputError {
    fn with_field(mut self, field: &str) -> Self {
        self.field = field.to_string();
        self
    }
}

/// The race's peer group of each district (an index into `names`, where the grouping's names
/// are added if new: a run whose groups change keeps one list of every name used) and each
/// district's handicap points. Problems are reported under `prefix` (`assessment` or
/// `events[3].action.rules`).
pub fn race_groups(
    assessment: &Assessment,
    districts: &[District],
    names: &mut Vec<String>,
    prefix: &str,
    invalid: &mut Vec<Invalid>,
) -> (Vec<usize>, Vec<f64>) {
    let code_index = |code: &str| districts.iter().position(|d| d.code == code);
    let valid_codes = || {
        let mut s: Vec<&str> = districts.iter().map(|d| d.code.as_str()).take(6).collect();
        s.push("…");
        format!("a district code such as {}", s.join(", "))
    };
    let (local, local_names): (Vec<usize>, Vec<String>) = match &assessment.peer_groups {
        crate::params::PeerGroups::City => (vec![0; districts.len()], vec!["city".to_string()]),
        crate::params::PeerGroups::Zones => {
            let zones = [
                data::Zone::Metro,
                data::Zone::Northeast,
                data::Zone::Southeast,
            ];
            (
                districts
                    .iter()
                    .map(|d| zones.iter().position(|z| *z == d.zone).unwrap_or(0))
                    .collect(),
                vec!["metro".into(), "northeast".into(), "southeast".into()],
            )
        }
        crate::params::PeerGroups::Custom(groups) => {
            let mut of = vec![usize::MAX; districts.len()];
            for (g, list) in groups.iter().enumerate() {
                for (j, code) in list.iter().enumerate() {
                    match code_index(code) {
                        None => invalid.push(Invalid {
                            path: format!("{prefix}.peer_groups[{g}][{j}]"),
                            message: format!("unknown district \"{code}\": expected {}", valid_codes()),
                        }),
                        Some(k) if of[k] != usize::MAX => invalid.push(Invalid {
                            path: format!("{prefix}.peer_groups[{g}][{j}]"),
                            message: format!("district {code} is already in group {}: each district belongs to one group", of[k] + 1),
                        }),
                        Some(k) => of[k] = g,
                    }
                }
            }
            let missing: Vec<&str> = districts
                .iter()
                .zip(&of)
                .filter(|(_, g)| **g == usize::MAX)
                .map(|(d, _)| d.code.as_str())
                .collect();
            if !missing.is_empty() {
                invalid.push(Invalid {
                    path: format!("{prefix}.peer_groups"),
                    message: format!(
                        "every district must be in a group; missing: {}",
                        missing.join(", ")
                    ),
                });
            }
            (
                of.into_iter()
                    .map(|g| g.min(groups.len().saturating_sub(1)))
                    .collect(),
                (1..=groups.len()).map(|g| format!("group{g}")).collect(),
            )
        }
    };
    let mut handicap = vec![0.0; districts.len()];
    for (i, h) in assessment.handicaps.iter().enumerate() {
        match code_index(&h.district) {
            Some(k) => handicap[k] += h.points,
            None => invalid.push(Invalid {
                path: format!("{prefix}.handicaps[{i}].district"),
                message: format!(
                    "unknown district \"{}\": expected {}",
                    h.district,
                    valid_codes()
                ),
            }),
        }
    }

    let index: Vec<usize> = local_names
        .iter()
        .map(|n| match names.iter().position(|x| x == n) {
            Some(i) => i,
            None => {
                names.push(n.clone());
                names.len() - 1
            }
        })
        .collect();
    (
        local
            .into_iter()
            .map(|g| index.get(g).copied().unwrap_or(0))
            .collect(),
        handicap,
    )
}
