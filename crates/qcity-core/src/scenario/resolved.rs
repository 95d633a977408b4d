//! The resolved scenario: defaults applied, data loaded, every check passed. What the model
//! runs.

use super::file::{Action, Horizon, Note, Outputs, Scale};
use crate::data::{District, Target};
use crate::levers::Levers;
use crate::params::{Assessment, Params};
use crate::patch::Patchable;
use crate::time::YearMonth;
use serde::Serialize;
use std::path::PathBuf;

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
    /// The scenario this one is measured against, if it names one (a readable file).
    pub counterfactual: Option<PathBuf>,
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
