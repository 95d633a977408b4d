//! A scenario file as written: its fields, its events, and how a file lays over its base.

use crate::levers::{LeverName, Levers, LeversPatch};
use crate::params::{Assessment, AssessmentPatch, Params, ParamsPatch};
use crate::patch::Patchable;
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

impl ModelDefaults {
    /// The shipped defaults, as built into the binary.
    pub fn embedded() -> ModelDefaults {
        crate::files::parse_ron(EMBEDDED_MODEL, Path::new("assets/model.ron"))
            .expect("the shipped model.ron is valid")
    }
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
    /// The scenario this one is measured against (path relative to this file), usually
    /// business as usual: `qcity run` runs it too, with the same replicates, and reports each
    /// target's value under it and the difference (the plan's effect over the trend).
    #[serde(default)]
    pub counterfactual: Option<PathBuf>,
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
    /// The view the trainer's window switches to when the note comes (and a recording
    /// records): `Some(MeasuredTrue)` for the pass rates measured against true (the T key),
    /// `Some(Race)` back to rewards; `None` leaves it as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<NoteView>,
}

/// A view of trainer mode that a lesson's note can switch to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteView {
    /// The rewards and rectification orders beside the bars.
    Race,
    /// Each district's measured against true pass rates, the gap and gaming (T).
    MeasuredTrue,
}

impl ScenarioFile {
    /// This file laid over its (already merged) base. `base_dir` anchors the base's data paths.
    pub(super) fn over(self, base: ScenarioFile, base_dir: &Path) -> ScenarioFile {
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
            counterfactual: self.counterfactual.or(rebase(base.counterfactual)),
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
