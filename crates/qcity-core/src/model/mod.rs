//! The ECS model of the plan: components, resources, the ordered schedule, and [`SimPlugin`].
//!
//! One month is one run of the [`SimTick`] schedule. Its system sets run in the order of
//! [`SimSet`], each set holding one mechanism in a file named after it. The plugin needs no
//! window, renderer or clock: the headless runner calls `SimTick` in a loop, and the interactive
//! app will call it from its frame loop.

pub mod assessment;
pub mod batches;
pub mod brands;
pub mod budgets;
pub mod capability;
pub mod components;
pub mod construction;
pub mod credit;
pub mod events;
pub mod indicators;
pub mod inspection;
pub mod investment;
pub mod prelude;
pub mod production;
pub mod recording;
pub mod services;
pub mod setup;
pub mod standards;
pub mod statistics;

use crate::scenario::Scenario;
use bevy_app::{App, Plugin};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use std::sync::Arc;

pub use crate::vocab::{Grade, N_SECTORS, Sector};
pub use components::*;

/// One month of the model.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The mechanisms, in the order they run within a month (BRIEF.md "The model").
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSet {
    /// Step 1: Scheduled events and interventions (levers changed by the scenario or a person).
    Events,
    /// Step 2: District budgets and programmes (四(一)).
    Budgets,
    /// Step 3: Enterprise quality investment (items 17, 25).
    Investment,
    /// Step 4: Capability dynamics with chain-leader spill-over (item 17, 大手牵小手).
    Capability,
    /// Step 5: Production: defects by sector (items 5–8).
    Production,
    /// Step 6: Inspection, "双随机、一公开" (item 26): enforcement.
    Inspection,
    /// Step 7: The statistics: the sampling that produces the published pass rates.
    Statistics,
    /// Step 8: Credit: penalties, disclosure, grades, blacklist, repair (item 25).
    Credit,
    /// Step 9: Brands and national designations (items 15–16).
    Brands,
    /// Step 10: Standards led or joined (item 18).
    Standards,
    /// Step 11: Service satisfaction and construction quality (items 9–14).
    ServicesAndConstruction,
    /// Step 12: Indicators, district and city, measured and true.
    Indicators,
    /// Step 13: The horse-race assessment (四(三), 赛马比拼): scoring, ranking, rewards and the
    /// districts' response.
    Assessment,
    /// Step 14: Recording the month's indicators.
    Recording,
    /// Advancing the clock, last.
    Clock,
}

/// Runs one scenario replicate as ECS systems. Everything it needs is inserted into the world
/// when the plugin is built, so the app (or the headless runner) only has to run [`SimTick`].
pub struct SimPlugin {
    pub scenario: Arc<Scenario>,
    pub replicate: u32,
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.add_schedule(build_schedule());
        setup::populate(app.world_mut(), &self.scenario, self.replicate);
    }
}

/// The month's schedule: every mechanism, in order.
pub fn build_schedule() -> Schedule {
    let mut s = Schedule::new(SimTick);
    // The sets run one after another; the work inside the heavy systems is spread over the
    // compute task pool in batches of whole table slices (`batches.rs`), which keeps results
    // independent of thread count.
    s.set_executor(SingleThreadedExecutor::new());
    s.configure_sets(
        (
            SimSet::Events,
            SimSet::Budgets,
            SimSet::Investment,
            SimSet::Capability,
            SimSet::Production,
            SimSet::Inspection,
            SimSet::Statistics,
            SimSet::Credit,
            SimSet::Brands,
            SimSet::Standards,
            SimSet::ServicesAndConstruction,
            SimSet::Indicators,
            SimSet::Assessment,
            SimSet::Recording,
            SimSet::Clock,
        )
            .chain(),
    );
    s.add_systems((
        (
            events::apply_scheduled_events,
            assessment::respond_to_new_rules,
        )
            .chain()
            .in_set(SimSet::Events),
        budgets::fund_programmes.in_set(SimSet::Budgets),
        investment::choose_investment.in_set(SimSet::Investment),
        capability::update_capability.in_set(SimSet::Capability),
        production::produce.in_set(SimSet::Production),
        inspection::inspect.in_set(SimSet::Inspection),
        statistics::sample_statistics.in_set(SimSet::Statistics),
        credit::update_credit.in_set(SimSet::Credit),
        (brands::update_brands, brands::annual_designations)
            .chain()
            .in_set(SimSet::Brands),
        standards::lead_standards.in_set(SimSet::Standards),
        (services::update_services, construction::update_construction)
            .in_set(SimSet::ServicesAndConstruction),
        (indicators::aggregate_firms, indicators::compute_indicators)
            .chain()
            .in_set(SimSet::Indicators),
        assessment::assess_districts.in_set(SimSet::Assessment),
        recording::record_month.in_set(SimSet::Recording),
        advance_clock.in_set(SimSet::Clock),
    ));
    s
}

fn advance_clock(mut clock: ResMut<Clock>) {
    clock.tick += 1;
}
