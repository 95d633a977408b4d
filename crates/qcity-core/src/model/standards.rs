//! Step 10 of the month: Standards led or joined (item 18 标准引领): new international and national standards.
//!
//! Large firms lead standards. The city's rate with no programme is
//! `params.standards.*_per_year`; it is spread over large firms in proportion to
//! capability^exponent (better firms write more standards), and the funded standards programme
//! multiplies it by `1 + support_effect × support`. Each firm-month is a Bernoulli draw.
//! `recent` keeps an exponentially weighted yearly rate (started at the business-as-usual
//! expectation) for the MQCI.
//!
//! The draws are rare (a large firm leads a national standard every few years), so, as in
//! inspection, each block of rows finds the candidates of a trial at an upper bound of every
//! firm's chance by geometric gaps ([`crate::rng::successes`]), one stream for national and one
//! for international standards, and keeps each candidate with chance / bound (its own draw).
//! The bound takes capability^exponent at its most, 1 (capability is in [0, 1] and the exponent
//! at least 0, `params.rs`), and the largest programme boost of the month.

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

use super::batches::{DRAW_BLOCK, for_aligned_batches_mut};
use super::prelude::*;
use crate::rng::{Stream, successes};

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
    let (national_key, international_key) = (
        run.key.stream(Stream::NationalStandardsDraw),
        run.key.stream(Stream::InternationalStandardsDraw),
    );
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
    // Upper bounds of every firm's chances this month: capability^exponent ≤ 1.
    let boost_max = support
        .iter()
        .map(|s| 1.0 + support_effect * s)
        .fold(1.0f64, f64::max);
    let bound_national = (national / norm * boost_max).min(1.0);
    let bound_international = (international / norm * boost_max).min(1.0);
    for (firms, caps, mut led) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every record changes every month; nothing reads their change ticks.
        for_aligned_batches_mut(led.bypass_change_detection(), DRAW_BLOCK, |at, led| {
            for (b, led) in led.chunks_mut(DRAW_BLOCK).enumerate() {
                let start = at + b * DRAW_BLOCK;
                let first = firms[start].id as u64;
                let mut nat =
                    successes(national_key.rng(first, t), bound_national, led.len()).peekable();
                let mut int = successes(
                    international_key.rng(first, t),
                    bound_international,
                    led.len(),
                )
                .peekable();
                for (k, led) in led.iter_mut().enumerate() {
                    let (n, i) = (nat.next_if_eq(&k), int.next_if_eq(&k));
                    let mut new = 0.0;
                    if n.is_some() || i.is_some() {
                        let f = &firms[start + k];
                        let share = e.of((caps[start + k].0 as f64).clamp(0.0, 1.0)) / norm;
                        let boost = 1.0 + support_effect * support[f.district as usize];
                        // Kept with chance / bound: drawn with the chance in all.
                        let chance = (national * share * boost).min(1.0);
                        if n.is_some()
                            && key.uniform_once(f.id as u64, t, 0) * bound_national < chance
                        {
                            led.national += 1;
                            new += 1.0;
                        }
                        let chance = (international * share * boost).min(1.0);
                        if i.is_some()
                            && key.uniform_once(f.id as u64, t, 1) * bound_international < chance
                        {
                            led.international += 1;
                            new += 10.0;
                        }
                    }
                    led.recent = led.recent * (1.0 - 1.0 / 12.0) + new;
                }
            }
        });
    }
}
