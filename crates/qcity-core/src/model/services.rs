//! Step 11a of the month: Service quality satisfaction (items 12–14, 二(四)): an aggregate district sub-model.
//!
//! The latent satisfaction of each kind moves toward a long-run level each month, closing a
//! share of the gap (`adjustment_per_year / 12`). The level is the baseline carried forward by
//! the pre-plan national trend (`trend_*_per_year` at the baseline, slowing as the score
//! approaches 100: business as usual follows it), plus the funded
//! service programme × leader effort × `programme_effect_points`, plus (life services) the
//! capability gained by service firms × `capability_effect_points`. Programme effects count
//! relative to the business-as-usual programme, so business as usual holds the baseline. An
//! incident knocks satisfaction down at once (events.rs) and it recovers at the same pace. A
//! survey each December publishes the value with sampling noise: that is the measured
//! indicator.

use super::prelude::*;
use crate::rng::{Stream, normal};

pub fn update_services(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    stats: Res<FirmStats>,
    mut districts: Query<(&District, &LeversInForce, &Programmes, &mut ServiceQuality)>,
) {
    let p = &run.params().services;
    let t = clock.tick;
    let key = run.key.stream(Stream::Services);
    let k = (p.adjustment_per_year / 12.0).min(1.0);
    let sv = Sector::Services.index();
    let bau = run.scenario.baseline_levers.service_quality_programme;
    // The secular part of each long-run level: the pre-plan trend, slowing toward 100.
    let secular = |baseline: f64, slope: f64, tick: u32| {
        let room = 100.0 - baseline;
        if room > 0.0 {
            100.0 - room * (-slope / room * tick as f64 / 12.0).exp()
        } else {
            baseline
        }
    };
    let (pb, pt) = (p.baseline_public, p.trend_public_per_year);
    let (lb, lt) = (p.baseline_life, p.trend_life_per_year);
    let public_base = secular(pb, pt, t + 1);
    let life_base = secular(lb, lt, t + 1);
    // This month's secular rise, carried by the latent scores at once.
    let public_rise = public_base - secular(pb, pt, t);
    let life_rise = life_base - secular(lb, lt, t);
    for (d, levers, prog, mut sq) in districts.iter_mut() {
        let st = &stats.by_district[d.index as usize].sectors[sv];
        let cap_gain = if st.firms > 0.0 {
            st.capability / st.firms - cal.start_capability[sv]
        } else {
            0.0
        };
        let prog_pts =
            p.programme_effect_points * (prog.service_quality * levers.0.leader_effort - bau);
        let public_level = public_base + prog_pts;
        let life_level = life_base + prog_pts + p.capability_effect_points * cap_gain;
        sq.public_true += public_rise;
        sq.life_true += life_rise;
        sq.public_true += k * (public_level - sq.public_true);
        sq.life_true += k * (life_level - sq.life_true);
        sq.public_true = sq.public_true.clamp(0.0, 100.0);
        sq.life_true = sq.life_true.clamp(0.0, 100.0);
        if clock.is_year_end() {
            let mut r = key.rng(d.index as u64, t);
            sq.public_survey = (sq.public_true + p.survey_sd * normal(&mut r)).clamp(0.0, 100.0);
            sq.life_survey = (sq.life_true + p.survey_sd * normal(&mut r)).clamp(0.0, 100.0);
        }
    }
}
