//! Step 4 of the month: Capability dynamics (item 17: 大手牵小手, chain leaders bringing small firms along).
//!
//! Monthly, with yearly rates divided by 12:
//! `c ← c + η·i·(1 − c) − δ·c + s·P·max(0, c_leaders − c)`
//! where investment has diminishing returns in the gap to full capability, capability decays
//! without upkeep, and small firms of a district and sector close part of their gap to that
//! sector's chain leaders in proportion to the funded chain-leader programme `P`. Leaders'
//! capability comes from last month's aggregates.

use super::prelude::*;

pub fn update_capability(
    run: Res<Run>,
    stats: Res<FirmStats>,
    districts: Query<(&District, &Programmes)>,
    mut firms: Query<(&Firm, &QualityInvestment, &mut Capability)>,
) {
    let p = &run.params().capability;
    let mut leaders: Vec<[f64; N_SECTORS]> = vec![[f64::NAN; N_SECTORS]; stats.by_district.len()];
    for (d, st) in stats.by_district.iter().enumerate() {
        for s in 0..N_SECTORS {
            let ss = &st.sectors[s];
            if ss.leaders > 0.0 {
                leaders[d][s] = ss.leader_capability / ss.leaders;
            }
        }
    }
    let mut programme = vec![0.0; stats.by_district.len()];
    for (d, prog) in districts.iter() {
        programme[d.index as usize] = prog.chain_leader;
    }
    let (leaders, programme) = (&leaders, &programme);
    for (firms, invest, mut caps) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every firm changes every month: skip per-entity change ticks (nothing reads them).
        for_batches_mut(caps.bypass_change_detection(), |at, caps| {
            let n = caps.len();
            let batch = firms[at..at + n].iter().zip(&invest[at..at + n]);
            for ((f, i), c) in batch.zip(caps) {
                let x = c.0 as f64;
                let mut dx = p.efficiency * i.rate as f64 * (1.0 - x) - p.decay_per_year * x;
                if !f.large() {
                    let lead = leaders[f.district as usize][f.sector.index()];
                    if lead.is_finite() && lead > x {
                        dx += p.spillover_per_year * programme[f.district as usize] * (lead - x);
                    }
                }
                c.0 = (x + dx / 12.0).clamp(0.001, 0.999) as f32;
            }
        });
    }
}
