//! Step 10 of the month: Standards led or joined (item 18 标准引领): new international and national standards.
//!
//! Large firms lead standards. The city's rate with no programme is
//! `params.standards.*_per_year`; it is spread over large firms in proportion to
//! capability^exponent (better firms write more standards), and the funded standards programme
//! multiplies it by `1 + support_effect × support`. Each firm-month is a Bernoulli draw.
//! `recent` keeps an exponentially weighted yearly rate (started at the business-as-usual
//! expectation) for the MQCI.

/// A large firm's expected standards a year (international ×10) at a programme intensity.
pub fn expected_per_year(
    p: &crate::params::Standards,
    capability: f64,
    norm: f64,
    support: f64,
) -> f64 {
    let share = crate::rng::pow(capability, p.capability_exponent) / norm;
    share
        * (1.0 + p.support_effect * support)
        * (p.national_per_year + 10.0 * p.international_per_year)
}

use super::prelude::*;
use crate::rng::Stream;

pub fn lead_standards(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    districts: Query<(&District, &Programmes)>,
    mut firms: Query<(&Firm, &Capability, &mut StandardsLed)>,
) {
    let p = &run.params().standards;
    let t = clock.tick;
    let key = run.key.stream(Stream::Standards);
    let mut support = vec![0.0; districts.iter().count()];
    for (d, prog) in districts.iter() {
        support[d.index as usize] = prog.standards_support;
    }
    let (support, norm) = (&support, cal.standards_norm);
    let e = crate::rng::Pow::new(p.capability_exponent);
    // Loop invariants held in locals: through `p` the compiler reloads and divides them for
    // every firm (it cannot tell that the writes to the records leave them alone).
    let (national, international) = (p.national_per_year / 12.0, p.international_per_year / 12.0);
    let support_effect = p.support_effect;
    for (firms, caps, mut led) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every record changes every month; nothing reads their change ticks.
        for_batches_mut(led.bypass_change_detection(), |at, led| {
            let n = led.len();
            let batch = firms[at..at + n].iter().zip(&caps[at..at + n]);
            for ((f, c), led) in batch.zip(led) {
                let share = e.of(c.0 as f64) / norm;
                let boost = 1.0 + support_effect * support[f.district as usize];
                let mut new = 0.0;
                if key.uniform_once(f.id as u64, t, 0) < (national * share * boost).min(1.0) {
                    led.national += 1;
                    new += 1.0;
                }
                if key.uniform_once(f.id as u64, t, 1) < (international * share * boost).min(1.0) {
                    led.international += 1;
                    new += 10.0;
                }
                led.recent = led.recent * (1.0 - 1.0 / 12.0) + new;
            }
        });
    }
}
