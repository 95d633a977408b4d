//! The model's world inside the window: playback, interventions, restart and saving.

use crate::model::{Clock, SimTick};
use crate::scenario::{Action, LeverName};
pub use crate::session::Session;
use crate::time::YearMonth;
use bevy::prelude::*;
use std::time::{Duration, Instant};

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
    /// Trainer mode: playing stops after each assessment of the horse race.
    pub stop_at_assessments: bool,
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
            stop_at_assessments: false,
        }
    }
}

/// Builds a fresh model world for the session's scenario, with its interventions queued.
pub fn build(session: &Session) -> SimWorld {
    SimWorld(session.build())
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
    session.intervene(
        &mut sim.0,
        Action::SetLever {
            lever,
            value,
            districts: Vec::new(),
        },
        districts,
    );
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
        if pb.playing && pb.stop_at_assessments && crate::trainer::assessed_just_now(&sim.0) {
            pb.playing = false;
            break;
        }
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
