//! Step 1 of the month: Scheduled events and interventions: levers changed by the scenario (or, in the app, by a
//! person, recorded as the same events), and shocks such as a food-safety incident.

use super::prelude::*;
use crate::scenario::Action;

/// Events added while the model runs (a person moving a lever in the interactive map). They
/// apply after the scenario's own events of the same month, in the order they were made, and
/// are saved as scenario events, so a headless replay gives the same run.
#[derive(Resource, Debug, Clone, Default)]
pub struct Interventions(pub Vec<crate::scenario::ResolvedEvent>);

/// Applies the events dated this month, in file order, then this month's interventions, and
/// ends incidents that have run out.
pub fn apply_scheduled_events(
    clock: Res<Clock>,
    run: Res<Run>,
    interventions: Res<Interventions>,
    mut rules: ResMut<super::assessment::RaceRules>,
    mut districts: Query<(
        &District,
        &mut LeversInForce,
        &mut Incidents,
        &mut ServiceQuality,
    )>,
) {
    let t = clock.tick;
    for (_, _, mut inc, _) in districts.iter_mut() {
        for s in 0..N_SECTORS {
            if inc.until[s] != 0 && t >= inc.until[s] {
                inc.defect_multiplier[s] = 1.0;
                inc.inspection_multiplier[s] = 1.0;
                inc.until[s] = 0;
            }
        }
    }
    let added = &interventions.0[..];
    for ev in run
        .scenario
        .events
        .iter()
        .chain(added)
        .filter(|e| e.tick == t)
    {
        if let Action::SetRace { rules: patch } = &ev.action {
            rules.change(patch, &run.scenario);
            continue;
        }
        for (d, mut levers, mut inc, mut sq) in districts.iter_mut() {
            if !ev.districts.contains(&(d.index as usize)) {
                continue;
            }
            match &ev.action {
                Action::SetLever { lever, value, .. } => lever.set(&mut levers.0, *value),
                Action::Incident {
                    sector,
                    defect_multiplier,
                    months,
                    satisfaction_drop,
                    inspection_multiplier,
                    ..
                } => {
                    let s = sector.index();
                    inc.defect_multiplier[s] = *defect_multiplier as f32;
                    inc.inspection_multiplier[s] = *inspection_multiplier as f32;
                    inc.until[s] = t + months;
                    // Trust falls at once; it recovers at the services' adjustment pace.
                    sq.public_true = (sq.public_true - satisfaction_drop).max(0.0);
                    sq.life_true = (sq.life_true - satisfaction_drop).max(0.0);
                }
                Action::SetRace { .. } => {}
            }
        }
    }
}
