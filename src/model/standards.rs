//! 9. Standards led or joined (item 18 标准引领): new international and national standards.
//!
//! Large firms lead standards. The city's rate with no programme is
//! `params.standards.*_per_year`; it is spread over large firms in proportion to
//! capability^exponent (better firms write more standards), and the funded standards programme
//! multiplies it by `1 + support_effect × support`. Each firm-month is a Bernoulli draw.

use super::setup::Calibration;
use super::*;
use crate::rng::{Stream, uniform};

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
    firms.par_iter_mut().for_each(|(f, c, mut led)| {
        let share = (c.0 as f64).powf(p.capability_exponent) / norm;
        let boost = 1.0 + p.support_effect * support[f.district as usize];
        let mut r = key.rng(f.id as u64, t);
        if uniform(&mut r) < (p.national_per_year / 12.0 * share * boost).min(1.0) {
            led.national += 1;
        }
        if uniform(&mut r) < (p.international_per_year / 12.0 * share * boost).min(1.0) {
            led.international += 1;
        }
    });
}
