//! [`Sim`]: one run of a scenario, and the only way anything outside the model steps it.
//!
//! The command line, sweeps, the session behind the window, trainer mode, the benchmark and the
//! tests all build a `Sim`, advance it month by month and read it through these methods, as
//! A/B Street's headless runner, game and tests share its `Sim`. There is one month loop:
//! [`Sim::step`].
//!
//! Threads: a `Sim` runs its heavy systems on Bevy's compute pool. Choose its size once, before
//! the first `Sim`, with [`crate::threads::init`] (the command line) or
//! [`crate::threads::init_for_sweeps`] (one thread a world, worlds spread over the cores); a
//! `Sim` built with no pool chosen runs on one thread. The results are the same either way.

use crate::levers::Levers;
use crate::model::assessment::{Standing, Standings};
use crate::model::events::Interventions;
use crate::model::recording::Recorder;
use crate::model::{Clock, District, LeversInForce, SimPlugin, SimTick};
use crate::scenario::{ResolvedEvent, Scenario};
use crate::time::YearMonth;
use crate::vocab::{Ind, ind};
use bevy_app::App;
use bevy_ecs::system::RunSystemOnce;
use bevy_ecs::world::World;
use std::sync::Arc;

/// Where an indicator is read: the city, or a district (by index in the scenario's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    City,
    District(usize),
}

impl Area {
    /// The area's row in each recorded month (0 = the city, 1 + i = district i).
    pub fn row(self) -> usize {
        match self {
            Area::City => 0,
            Area::District(d) => d + 1,
        }
    }
}

/// What one replicate recorded, once its run is over.
#[derive(Debug, Clone)]
pub struct ReplicateResult {
    pub replicate: u32,
    /// `values[tick][area][indicator]`; area 0 is the city.
    pub values: Vec<Vec<Vec<f64>>>,
    /// The horse race's assessments (empty when it is off).
    pub standings: Vec<Standing>,
    /// `costs[tick][district]`: each costed lever's spending (`model::budgets::COSTED`
    /// order), then firms' own quality spending, 10k yuan a month. Empty for runs read back
    /// from disk.
    pub costs: Vec<Vec<[f64; crate::model::N_COSTED + 1]>>,
}

/// One run of a scenario: its ECS world and its calendar.
pub struct Sim {
    app: App,
    scenario: Arc<Scenario>,
    replicate: u32,
}

impl Sim {
    /// The initial world of `replicate` of the scenario, before any month is simulated.
    pub fn new(scenario: Arc<Scenario>, replicate: u32) -> Sim {
        crate::threads::ensure_pool();
        let mut app = App::empty();
        app.add_plugins(SimPlugin {
            scenario: scenario.clone(),
            replicate,
        });
        // The first month's sampling needs last month's firm statistics: form them from the
        // initial state.
        app.world_mut()
            .run_system_once(crate::model::indicators::aggregate_firms)
            .expect("aggregation runs on a populated world");
        Sim {
            app,
            scenario,
            replicate,
        }
    }

    /// The initial world with `interventions` queued: changes made by a person, applied at
    /// their months after the scenario's own events (see [`crate::session`]).
    pub fn with_interventions(
        scenario: Arc<Scenario>,
        replicate: u32,
        interventions: Vec<ResolvedEvent>,
    ) -> Sim {
        let mut sim = Sim::new(scenario, replicate);
        sim.app
            .world_mut()
            .insert_resource(Interventions(interventions));
        sim
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn replicate(&self) -> u32 {
        self.replicate
    }

    /// The run's calendar.
    pub fn clock(&self) -> &Clock {
        self.app.world().resource::<Clock>()
    }

    /// Months simulated so far (the month the next step simulates).
    pub fn tick(&self) -> u32 {
        self.clock().tick
    }

    /// The month the next step simulates.
    pub fn date(&self) -> YearMonth {
        self.clock().date()
    }

    /// Whether every month of the horizon has been simulated.
    pub fn finished(&self) -> bool {
        self.clock().finished()
    }

    /// Simulates one month: the model's schedule, every mechanism in order. Returns false
    /// (and does nothing) when the run is over. The one month loop of qcity.
    pub fn step(&mut self) -> bool {
        if self.finished() {
            return false;
        }
        self.app.world_mut().run_schedule(SimTick);
        true
    }

    /// Simulates until month `tick` is reached (months `0..tick` done) or the run ends.
    pub fn run_to(&mut self, tick: u32) {
        while self.tick() < tick && self.step() {}
    }

    /// Simulates to the end of the horizon.
    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    /// Simulates month by month until `stop` says so after a month, or the run ends. Returns
    /// the months simulated.
    pub fn run_until(&mut self, mut stop: impl FnMut(&Sim) -> bool) -> u32 {
        let mut n = 0;
        while self.step() {
            n += 1;
            if stop(self) {
                break;
            }
        }
        n
    }

    /// Whether the month just simulated ended with an assessment of the horse race.
    pub fn assessed_just_now(&self) -> bool {
        let tick = self.tick();
        self.standings().last().is_some_and(|s| s.tick + 1 == tick)
    }

    /// Simulates until the next assessment of the horse race has been made, or to the end.
    /// Returns the months simulated.
    pub fn run_to_next_assessment(&mut self) -> u32 {
        self.run_until(Sim::assessed_just_now)
    }

    /// Every recorded month: `values[month][area row][indicator]` (see [`Area::row`]).
    pub fn recorded(&self) -> &[Vec<Vec<f64>>] {
        &self.app.world().resource::<Recorder>().values
    }

    /// An indicator of the month simulated last; `None` before the first month, or for a
    /// district when districts are not recorded.
    pub fn indicator(&self, area: Area, i: Ind) -> Option<f64> {
        self.recorded().last()?.get(area.row()).map(|v| v[ind(i)])
    }

    /// An indicator's whole recorded series.
    pub fn series(&self, area: Area, i: Ind) -> Vec<f64> {
        self.recorded()
            .iter()
            .filter_map(|m| m.get(area.row()).map(|v| v[ind(i)]))
            .collect()
    }

    /// Every assessment of the horse race so far.
    pub fn standings(&self) -> &[Standing] {
        self.app
            .world()
            .get_resource::<Standings>()
            .map_or(&[][..], |s| &s.0[..])
    }

    /// The levers in force in district `d` now.
    pub fn levers_in_force(&mut self, d: usize) -> Option<Levers> {
        let world = self.app.world_mut();
        let mut q = world.query::<(&District, &LeversInForce)>();
        q.iter(world)
            .find(|(x, _)| x.index as usize == d)
            .map(|(_, l)| l.0.clone())
    }

    /// Queues a change for the month it names (a lever, an incident, new race rules), after
    /// the scenario's own events of that month and the changes queued before it. `same`
    /// says which queued changes it replaces (a second change of the same thing in the same
    /// month wins).
    pub fn queue(&mut self, event: ResolvedEvent, same: impl Fn(&ResolvedEvent) -> bool) {
        // Setup inserts the (empty) list, so it is always there.
        let mut queued = self.app.world_mut().resource_mut::<Interventions>();
        queued.0.retain(|e| !same(e));
        queued.0.push(event);
    }

    /// The changes queued so far, in the order they apply.
    pub fn queued(&self) -> &[ResolvedEvent] {
        &self.app.world().resource::<Interventions>().0
    }

    /// A fresh run of the same scenario, replicate and queued changes, simulated to month
    /// `tick`: the state this run was in at that month, since a run is deterministic. This is
    /// how the window goes back in time and how trainer mode replays a stop.
    pub fn replay_to(&self, tick: u32) -> Sim {
        let mut sim = Sim::with_interventions(
            self.scenario.clone(),
            self.replicate,
            self.queued().to_vec(),
        );
        sim.run_to(tick);
        sim
    }

    /// The ECS world, for what the methods above do not cover (timing one system alone, a
    /// test reading a component). Reading is safe; changing it makes the run no longer the
    /// scenario's.
    pub fn world(&self) -> &World {
        self.app.world()
    }

    /// The ECS world, mutably (see [`Sim::world`]).
    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// What the run recorded, taken out of the world.
    pub fn into_result(mut self) -> ReplicateResult {
        let world = self.app.world_mut();
        let rec = world.remove_resource::<Recorder>().unwrap_or_default();
        let standings = world.remove_resource::<Standings>().unwrap_or_default();
        ReplicateResult {
            replicate: self.replicate,
            values: rec.values,
            standings: standings.0,
            costs: rec.costs,
        }
    }
}
