//! Step 5 of the month: Production (items 5–8: agricultural products, food and drugs, consumer goods, industrial
//! products).
//!
//! A firm's chance of making a nonconforming batch is `k_s · e^(τ_s·years) · (1 − c)^γ`, with
//! `k_s` solved at the start so each sector's published pass rate matches its baseline
//! ([`Calibration`](super::Calibration)), `τ_s` the sector's pre-plan trend of the
//! nonconforming share (`quality.trend_nonconforming_per_year`, fitted to the published series:
//! what business as usual carries, whatever firms do), times any incident multiplier in force. The
//! month's batch is nonconforming with that chance; whether the batch an inspector samples is
//! nonconforming is drawn when it is sampled (inspection), since nothing else observes it.

use super::prelude::*;

pub fn produce(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    districts: Query<(&District, &Incidents)>,
    mut firms: Query<(&Firm, &Capability, &mut Production)>,
) {
    let q = &run.params().quality;
    let gamma = crate::rng::Pow::new(q.defect_exponent);
    let years = clock.tick as f64 / 12.0;
    let trend: [f64; N_SECTORS] =
        std::array::from_fn(|s| (q.trend_nonconforming_per_year.get(Sector::ALL[s]) * years).exp());
    let trend = &trend;
    let mut mult = vec![[1.0f32; N_SECTORS]; districts.iter().count()];
    for (d, inc) in districts.iter() {
        mult[d.index as usize] = inc.defect_multiplier;
    }
    let (mult, cal) = (&mult, &*cal);
    for (firms, caps, mut out) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every firm changes every month: skip per-entity change ticks (nothing reads them).
        for_batches_mut(out.bypass_change_detection(), |at, out| {
            let n = out.len();
            let batch = firms[at..at + n].iter().zip(&caps[at..at + n]);
            for ((f, c), out) in batch.zip(out) {
                let s = f.sector.index();
                let base = cal.defect_scale[s] * trend[s] * gamma.of(1.0 - c.0 as f64);
                out.defect_p = (base * mult[f.district as usize][s] as f64).min(1.0) as f32;
            }
        });
    }
}
