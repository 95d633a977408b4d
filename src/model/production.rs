//! 5. Production (items 5–8: agricultural products, food and drugs, consumer goods, industrial
//! products).
//!
//! A firm's chance of making a nonconforming batch is `k_s · (1 − c)^γ`, with `k_s` solved at
//! the start so each sector's measured pass rate matches its published baseline
//! ([`Calibration`](super::setup::Calibration)), times any incident multiplier in force. Each
//! month one batch per firm is drawn: it is what an inspector would sample.

use super::setup::Calibration;
use super::*;
use crate::rng::{Stream, uniform};

pub fn produce(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    districts: Query<(&District, &Incidents)>,
    mut firms: Query<(&Firm, &Capability, &mut Production)>,
) {
    let gamma = run.params().quality.defect_exponent;
    let key = run.key.stream(Stream::Production);
    let t = clock.tick;
    let mut mult = vec![[1.0f32; N_SECTORS]; districts.iter().count()];
    for (d, inc) in districts.iter() {
        mult[d.index as usize] = inc.defect_multiplier;
    }
    let (mult, cal) = (&mult, &*cal);
    firms.par_iter_mut().for_each(|(f, c, mut out)| {
        let s = f.sector.index();
        let base = cal.defect_scale[s] * (1.0 - c.0 as f64).powf(gamma);
        let d = (base * mult[f.district as usize][s] as f64).min(1.0);
        out.defect_p = d as f32;
        out.defective = uniform(&mut key.rng(f.id as u64, t)) < d;
    });
}
