//! A scenario being explored in the window, and what the person changed: lever moves and race
//! rules, recorded as scenario events. Kept apart from the window (no Bevy render code) so that
//! saving, replaying and going back are the same headless as on screen, and tested there.

use crate::error::Error;
use crate::scenario::{Action, Event, ResolvedEvent, Scenario};
use crate::sim::Sim;
use crate::time::YearMonth;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One change made in the window: an action from a month on.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    /// Months from the start: the first month simulated under the change.
    pub tick: u32,
    pub at: YearMonth,
    pub action: Action,
    /// District indices; empty = every district (the race rules are city-wide).
    pub districts: Vec<usize>,
}

impl Intervention {
    /// Whether `other` changes the same thing at the same month (and so replaces this one).
    fn same_target(&self, other: &Intervention) -> bool {
        if self.tick != other.tick || self.districts != other.districts {
            return false;
        }
        match (&self.action, &other.action) {
            (Action::SetLever { lever: a, .. }, Action::SetLever { lever: b, .. }) => a == b,
            (Action::SetRace { .. }, Action::SetRace { .. }) => true,
            _ => false,
        }
    }

    fn resolved(&self, n_districts: usize) -> ResolvedEvent {
        ResolvedEvent {
            at: self.at,
            tick: self.tick,
            action: self.action.clone(),
            districts: if self.districts.is_empty() {
                (0..n_districts).collect()
            } else {
                self.districts.clone()
            },
        }
    }
}

/// The scenario being explored and what the person changed.
pub struct Session {
    pub path: PathBuf,
    pub scenario: Arc<Scenario>,
    /// Changes made in the window, in the order made.
    pub interventions: Vec<Intervention>,
}

impl Session {
    pub fn load(path: &Path) -> Result<Session, Error> {
        let scenario = crate::scenario::load(path)?;
        Ok(Session {
            path: path.to_path_buf(),
            scenario: Arc::new(scenario),
            interventions: Vec::new(),
        })
    }

    /// A fresh run of the scenario, with the interventions made so far queued.
    pub fn build(&self) -> Sim {
        let n = self.scenario.districts.len();
        Sim::with_interventions(
            self.scenario.clone(),
            0,
            self.interventions.iter().map(|i| i.resolved(n)).collect(),
        )
    }

    /// A fresh run simulated to month `tick` (months 0..tick simulated): the same state the
    /// window showed when it was there, since the run is deterministic.
    pub fn replay_to(&self, tick: u32) -> Sim {
        let mut sim = self.build();
        sim.run_to(tick);
        sim
    }

    /// Records `action` from the run's next month and queues it there. A second change of
    /// the same thing in the same month replaces the first. Returns false (and records
    /// nothing) when the run is over.
    pub fn intervene(&mut self, sim: &mut Sim, action: Action, districts: Vec<usize>) -> bool {
        if sim.finished() {
            return false;
        }
        let iv = Intervention {
            tick: sim.tick(),
            at: sim.date(),
            action,
            districts,
        };
        self.interventions.retain(|x| !x.same_target(&iv));
        let n = self.scenario.districts.len();
        let ev = iv.resolved(n);
        self.interventions.push(iv);
        sim.queue(ev.clone(), |e| {
            e.tick == ev.tick
                && e.districts == ev.districts
                && std::mem::discriminant(&e.action) == std::mem::discriminant(&ev.action)
                && match (&e.action, &ev.action) {
                    (Action::SetLever { lever: a, .. }, Action::SetLever { lever: b, .. }) => {
                        a == b
                    }
                    _ => true,
                }
        });
        true
    }

    /// Forgets every change (a restart of the lesson).
    pub fn forget_all(&mut self) -> usize {
        let n = self.interventions.len();
        self.interventions.clear();
        n
    }

    /// Forgets the changes that apply after month `tick` (going back in time undoes them);
    /// returns how many were dropped.
    pub fn forget_after(&mut self, tick: u32) -> usize {
        let before = self.interventions.len();
        self.interventions.retain(|i| i.tick <= tick);
        before - self.interventions.len()
    }

    /// The interventions as a scenario file over the original: `base` points at the scenario
    /// explored (relative to where the file is saved when possible), and each intervention is
    /// an event at its month. `qcity check` accepts it and `qcity run` replays it.
    pub fn scenario_text(&self, save_to: &Path) -> String {
        let base = relative(&self.path, save_to.parent().unwrap_or(Path::new(".")));
        let events: Vec<Event> = self
            .interventions
            .iter()
            .map(|iv| {
                let codes: Vec<String> = iv
                    .districts
                    .iter()
                    .map(|&d| self.scenario.districts[d].code.clone())
                    .collect();
                let action = iv.action.with_districts(codes);
                Event { at: iv.at, action }
            })
            .collect();
        #[derive(serde::Serialize)]
        struct Saved<'a> {
            name: String,
            description: String,
            seed: u64,
            base: String,
            events: &'a [Event],
        }
        let saved = Saved {
            name: format!("{}-session", self.scenario.name),
            description: format!(
                "{} interventions made in `qcity map` over {}",
                events.len(),
                self.scenario.name
            ),
            seed: self.scenario.seed,
            base: base.display().to_string(),
            events: &events,
        };
        let pretty = ron::ser::PrettyConfig::default()
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
        let body = ron::ser::to_string_pretty(&saved, pretty).unwrap_or_default();
        format!(
            "// Saved from `qcity map {}`: the scenario with the changes made in the window.\n// Replay it headless with `qcity run FILE --out DIR`.\n{body}\n",
            self.path.display()
        )
    }

    /// The explored file and its chain of bases (which a save must not overwrite).
    pub fn chain(&self) -> Vec<PathBuf> {
        let mut out = vec![self.path.clone()];
        let mut cur = self.path.clone();
        for _ in 0..8 {
            let Ok(text) = std::fs::read_to_string(&cur) else {
                break;
            };
            let Ok(file) = crate::files::parse_ron::<crate::scenario::ScenarioFile>(&text, &cur)
            else {
                break;
            };
            let Some(base) = file.base else { break };
            cur = cur.parent().unwrap_or(Path::new(".")).join(base);
            out.push(cur.clone());
        }
        out
    }

    /// Writes the scenario file atomically. Refuses to overwrite the explored scenario or any
    /// of its bases (the saved file names it as its base).
    pub fn save(&self, to: &Path) -> Result<(), Error> {
        let target = std::fs::canonicalize(to).ok();
        if target.is_some()
            && self
                .chain()
                .iter()
                .any(|p| std::fs::canonicalize(p).ok() == target)
        {
            return Err(Error::Other(format!(
                "{} is the scenario being explored (or one of its bases): save under another name",
                to.display()
            )));
        }
        let text = self.scenario_text(to);
        let dir = to
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut out = crate::files::Outputs::new();
        let name = to
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Other(format!("{}: not a file name", to.display())))?;
        out.add(&name, text.into_bytes());
        out.commit(dir).map(|_| ())
    }
}

/// `path` relative to `dir` where both are under the same root; else absolute.
fn relative(path: &Path, dir: &Path) -> PathBuf {
    let (Ok(p), Ok(d)) = (std::path::absolute(path), std::path::absolute(dir)) else {
        return path.to_path_buf();
    };
    let pc: Vec<_> = p.components().collect();
    let dc: Vec<_> = d.components().collect();
    let common = pc.iter().zip(&dc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return p;
    }
    let mut out = PathBuf::new();
    for _ in common..dc.len() {
        out.push("..");
    }
    for c in &pc[common..] {
        out.push(c.as_os_str());
    }
    out
}
