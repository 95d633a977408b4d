//! The model's world inside the window: playback, interventions, restart and saving.

use crate::state::{CompareWorld, Compared, MapView, Playback, SessionRes, SimWorld, clock};
use bevy::prelude::*;
use qcity_core::model::Clock;
use qcity_core::scenario::{Action, LeverName};
pub use qcity_core::session::Session;
use qcity_core::time::YearMonth;
use std::time::Instant;

/// Builds a fresh model world for the session's scenario, with its interventions queued.
pub fn build(session: &Session) -> SimWorld {
    SimWorld(session.build())
}

/// The levers in force in district `d` now.
pub fn levers_in_force(sim: &mut SimWorld, d: usize) -> Option<qcity_core::levers::Levers> {
    sim.0.levers_in_force(d)
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

/// The model's world in the window: playback within a frame budget.
pub struct SimPanelPlugin {
    pub session: Session,
    /// A second scenario to run beside it (`--compare`).
    pub compare: Option<Session>,
}

impl Plugin for SimPanelPlugin {
    fn build(&self, app: &mut App) {
        let session = Session {
            path: self.session.path.clone(),
            scenario: self.session.scenario.clone(),
            interventions: Vec::new(),
        };
        let world = build(&session);
        let compared = self.compare.as_ref().map(|s| Compared {
            session: Session {
                path: s.path.clone(),
                scenario: s.scenario.clone(),
                interventions: Vec::new(),
            },
            sim: build(s),
        });
        // Comparing from the command line opens on the difference.
        if compared.is_some() {
            app.insert_resource(MapView {
                showing: crate::state::Showing::Difference,
                ..MapView::default()
            });
        }
        app.insert_non_send(world)
            .insert_non_send(CompareWorld(compared))
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
    // While the time slider is back, playing replays the months already simulated (kept, so
    // no rerun), then the model runs on from the last.
    if pb.playing && want > 0 {
        let n = sim.0.recorded().len();
        let mut view = world.resource_mut::<MapView>();
        if let Some(m) = view.month {
            let to = m + want as usize;
            view.month = (to + 1 < n).then_some(to);
            view.dirty();
            pb.owed = (pb.owed - want as f32).max(0.0);
            world.insert_non_send(sim);
            *world.resource_mut::<Playback>() = pb;
            return;
        }
    }
    let start = Instant::now();
    let mut done = 0u32;
    while done < want && !clock(&sim).finished() {
        sim.0.step();
        done += 1;
        if pb.playing && pb.stop_at_assessments && sim.0.assessed_just_now() {
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
    // The scenario compared with keeps up, month for month.
    if done > 0
        && let Some(cmp) = world.non_send_mut::<CompareWorld>().0.as_mut()
    {
        cmp.sim.0.run_to(sim.0.tick());
    }
    world.insert_non_send(sim);
    *world.resource_mut::<Playback>() = pb;
}

/// Whether two scenarios have the same districts in the same order (the map draws them once).
pub fn same_districts(a: &Session, b: &Session) -> bool {
    a.scenario
        .districts
        .iter()
        .map(|d| &d.code)
        .eq(b.scenario.districts.iter().map(|d| &d.code))
}

/// Opens `path` to compare with `session` and builds its world.
pub fn open_compared(
    path: &std::path::Path,
    session: &Session,
) -> Result<Compared, qcity_core::error::Error> {
    let s = load_compared(path, session)?;
    let sim = build(&s);
    Ok(Compared { session: s, sim })
}

/// Loads `path` to compare with `session`: it must have the same districts (the map draws
/// them once). Errors carry the file, line and field as any scenario's do.
pub fn load_compared(
    path: &std::path::Path,
    session: &Session,
) -> Result<Session, qcity_core::error::Error> {
    let s = Session::load(path)?;
    if !same_districts(&s, session) {
        return Err(qcity_core::error::InputError::file(
            path,
            format!(
                "its districts differ from {}'s, so the two cannot be compared district by district",
                session.path.display()
            ),
        )
        .into());
    }
    Ok(s)
}

/// Months from the start to the end of December of `year` (the tick to run to), capped at the
/// horizon.
pub fn tick_of_year_end(clock: &Clock, year: i32) -> u32 {
    let t = clock.start.months_until(YearMonth::new(year, 12)) + 1;
    (t.max(0) as u32).min(clock.months)
}
