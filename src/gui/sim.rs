//! The model's world inside the window: playback, interventions, restart and saving.

use crate::error::Error;
use crate::model::events::Interventions;
use crate::model::{Clock, SimTick};
use crate::scenario::{Action, Event, LeverName, ResolvedEvent, Scenario};
use crate::time::YearMonth;
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The scenario being explored and what the person changed.
pub struct Session {
    pub path: PathBuf,
    pub scenario: Arc<Scenario>,
    /// Lever changes made in the window, in the order made: (month it applies, lever, value,
    /// district indices; empty = city-wide).
    pub interventions: Vec<(YearMonth, LeverName, f64, Vec<usize>)>,
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

    /// The interventions as a scenario file over the original: `base` points at the scenario
    /// explored (relative to where the file is saved when possible), and each intervention is
    /// a `SetLever` event at its month. `qcity check` accepts it and `qcity run` replays it.
    pub fn scenario_text(&self, save_to: &Path) -> String {
        let base = relative(&self.path, save_to.parent().unwrap_or(Path::new(".")));
        let codes = |ds: &Vec<usize>| -> Vec<String> {
            ds.iter()
                .map(|&d| self.scenario.districts[d].code.clone())
                .collect()
        };
        let events: Vec<Event> = self
            .interventions
            .iter()
            .map(|(at, lever, value, ds)| Event {
                at: *at,
                action: Action::SetLever {
                    lever: *lever,
                    value: *value,
                    districts: codes(ds),
                },
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
        let body = ron::ser::to_string_pretty(&saved, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        format!(
            "// Saved from `qcity map {}`: the scenario with the levers changed in the window.\n// Replay it headless with `qcity run FILE --out DIR`.\n{body}\n",
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
            let Ok(file) = crate::scenario::parse_ron::<crate::scenario::ScenarioFile>(&text, &cur)
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
        let mut out = crate::output::Outputs::new();
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

/// The model world (not `Send`: Bevy's `App` stays on the main thread).
pub struct SimWorld(pub App);

/// The session as a resource.
#[derive(Resource)]
pub struct SessionRes(pub Session);

/// Playback state.
#[derive(Resource, Debug, Clone)]
pub struct Playback {
    pub playing: bool,
    /// Months per second while playing; `f32::INFINITY` runs as fast as the frame budget allows.
    pub speed: f32,
    /// Run without pausing until this month is done (jump to 2027, 2035, step).
    pub run_to: Option<u32>,
    /// Months owed by the clock at the current speed.
    pub owed: f32,
    /// The time the model may take per frame, so that input stays responsive.
    pub budget: Duration,
    /// Set when the model or the scenario changed (the map recolours, charts redraw).
    pub generation: u64,
    /// A message for the status line (saved, restarted, errors).
    pub status: String,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            playing: false,
            speed: 6.0,
            run_to: None,
            owed: 0.0,
            budget: Duration::from_millis(30),
            generation: 0,
            status: String::new(),
        }
    }
}

/// Builds a fresh model world for the session's scenario.
pub fn build(session: &Session) -> SimWorld {
    let mut app = crate::runner::build_app(session.scenario.clone(), 0);
    app.world_mut().insert_resource(Interventions::default());
    SimWorld(app)
}

/// The model's clock.
pub fn clock(sim: &SimWorld) -> Clock {
    sim.0.world().resource::<Clock>().clone()
}

/// The recorded indicators: `values[month][area][indicator]`, area 0 the city.
pub fn recorded(sim: &SimWorld) -> &Vec<Vec<Vec<f64>>> {
    &sim.0
        .world()
        .resource::<crate::model::recording::Recorder>()
        .values
}

/// The levers in force in district `d` now.
pub fn levers_in_force(sim: &mut SimWorld, d: usize) -> Option<crate::params::Levers> {
    let world = sim.0.world_mut();
    let mut q = world.query::<(&crate::model::District, &crate::model::LeversInForce)>();
    q.iter(world)
        .find(|(x, _)| x.index as usize == d)
        .map(|(_, l)| l.0.clone())
}

/// Queues a lever change for the next month and records it in the session.
pub fn intervene(
    sim: &mut SimWorld,
    session: &mut Session,
    lever: LeverName,
    value: f64,
    districts: Vec<usize>,
) {
    let c = clock(sim);
    if c.tick >= c.months {
        return;
    }
    let all: Vec<usize> = if districts.is_empty() {
        (0..session.scenario.districts.len()).collect()
    } else {
        districts.clone()
    };
    let at = c.date();
    // A second change of the same lever and districts in the same month replaces the first.
    session
        .interventions
        .retain(|(m, l, _, ds)| !(*m == at && *l == lever && *ds == districts));
    session.interventions.push((at, lever, value, districts));
    let mut iv = sim.0.world_mut().resource_mut::<Interventions>();
    iv.0.retain(|e| {
        !(e.tick == c.tick
            && e.districts == all
            && matches!(&e.action, Action::SetLever { lever: l, .. } if *l == lever))
    });
    iv.0.push(ResolvedEvent {
        at,
        tick: c.tick,
        action: Action::SetLever {
            lever,
            value,
            districts: Vec::new(),
        },
        districts: all,
    });
}

pub struct SimPanelPlugin {
    pub session: Session,
}

impl Plugin for SimPanelPlugin {
    fn build(&self, app: &mut App) {
        let session = Session {
            path: self.session.path.clone(),
            scenario: self.session.scenario.clone(),
            interventions: Vec::new(),
        };
        let world = build(&session);
        app.insert_non_send(world)
            .insert_resource(SessionRes(session))
            .init_resource::<Playback>()
            .add_systems(Update, advance);
    }
}

/// Runs the model for the months owed, within the frame's time budget.
pub fn advance(world: &mut World) {
    let dt = world.resource::<Time>().delta_secs();
    let mut pb = world.resource::<Playback>().clone();
    let Some(mut sim) = world.remove_non_send::<SimWorld>() else {
        return;
    };
    let c = clock(&sim);
    let mut want: u32 = 0;
    if let Some(target) = pb.run_to {
        want = target.saturating_sub(c.tick);
        if want == 0 {
            pb.run_to = None;
        }
    } else if pb.playing {
        if pb.speed.is_finite() {
            pb.owed = (pb.owed + pb.speed * dt).min(pb.speed.max(1.0));
            want = pb.owed.floor() as u32;
        } else {
            want = u32::MAX;
        }
    }
    let start = Instant::now();
    let mut done = 0u32;
    while done < want && !clock(&sim).finished() {
        sim.0.world_mut().run_schedule(SimTick);
        done += 1;
        if start.elapsed() >= pb.budget {
            break;
        }
    }
    if done > 0 {
        pb.generation += 1;
    }
    if pb.speed.is_finite() {
        pb.owed = (pb.owed - done as f32).max(0.0);
    }
    let c = clock(&sim);
    if c.finished() {
        pb.playing = false;
        pb.run_to = None;
    } else if pb.run_to.is_some_and(|t| c.tick >= t) {
        pb.run_to = None;
    }
    world.insert_non_send(sim);
    *world.resource_mut::<Playback>() = pb;
}

/// Months from the start to the end of December of `year` (the tick to run to), capped at the
/// horizon.
pub fn tick_of_year_end(clock: &Clock, year: i32) -> u32 {
    let t = clock.start.months_until(YearMonth::new(year, 12)) + 1;
    (t.max(0) as u32).min(clock.months)
}
