//! Step 6 of the month: Inspection, "双随机、一公开" (item 26): random targets, random inspectors, public results.
//!
//! Each month a firm is drawn for inspection with chance
//! `rate(grade) / 12 × sector weight × incident step-up × capacity scale`: rates rise with
//! credit risk (A firms rarely, D firms often, 国市监信发〔2022〕6号), food and drugs are sampled
//! more, and when the district's funded inspectors cannot do every inspection the levers ask
//! for, all chances scale down together. The inspection goes to an active inspector of the
//! district drawn at random; it samples the sector's number of batches, each nonconforming with
//! the firm's defect chance and, if so, found with that inspector's skill. Any batch found
//! nonconforming is a violation. Detected violations are published and penalised by the credit
//! mechanism. Measured pass rates come only from these samples, so they can drift from true
//! quality: skill below 1 hides defects, and grade-based sampling over-samples risky firms.
//!
//! How the draw is made: a firm's chance is a few tenths of a percent a month, so testing every
//! firm would spend the pass on firms that are not drawn. Instead each block of
//! [`DRAW_BLOCK`] rows of a table finds, by geometric gaps ([`crate::rng::successes`]), the
//! firms that a trial at the month's highest chance `p_max` picks, and each of those is kept
//! with chance `chance / p_max` (its own first draw). A firm is thus drawn with exactly its
//! chance, independently of every other firm, at a cost proportional to `p_max` × firms. Each
//! block's stream is keyed by its first firm, so the draws do not depend on the number of
//! threads or where their batches fall.
//!
//! The month's inspections are a list ([`Inspections`]), one record per firm drawn, in the
//! order of the firms' tables: the credit mechanism and the district sums read that list, not
//! a record on every firm.

use super::batches::{DRAW_BLOCK, for_aligned_batches};
use super::prelude::*;
use crate::rng::{Stream, successes, uniform};

/// The chance a firm is drawn this month.
#[inline]
pub fn draw_chance(rate_per_year: f64, sector_weight: f64, step_up: f64, scale: f64) -> f64 {
    (rate_per_year / 12.0 * sector_weight * step_up * scale).min(1.0)
}

/// Capacity over demand, capped at 1: the factor every draw chance of a district is scaled by.
/// `firms[s][g]` counts real enterprises by sector and grade.
pub fn sampling_scale(
    firms: &[[f64; 4]; N_SECTORS],
    rates: [f64; 4],
    sector_weight: [f64; N_SECTORS],
    step_up: [f64; N_SECTORS],
    capacity: f64,
) -> (f64, f64) {
    let mut demand = 0.0;
    for s in 0..N_SECTORS {
        for g in 0..4 {
            demand += firms[s][g] * draw_chance(rates[g], sector_weight[s], step_up[s], 1.0);
        }
    }
    let scale = if demand > capacity {
        capacity / demand
    } else {
        1.0
    };
    (scale, demand)
}

#[allow(clippy::too_many_arguments)]
pub fn inspect(
    run: Res<Run>,
    rules: Res<super::assessment::RaceRules>,
    clock: Res<Clock>,
    stats: Res<FirmStats>,
    roster: Res<InspectorRoster>,
    mut districts: Query<(
        &District,
        &LeversInForce,
        &Incidents,
        &super::assessment::RaceState,
        &mut Programmes,
    )>,
    firms: Query<(&Firm, &Production, &CreditRecord)>,
    mut inspections: ResMut<Inspections>,
) {
    let p = run.params();
    let sw = p.inspection.sector_weight.values();
    let serious_share = p.inspection.serious_share;
    let batches: [u8; N_SECTORS] = p
        .inspection
        .batches_per_inspection
        .values()
        .map(|b| b.round().clamp(1.0, 50.0) as u8);
    let batches = &batches;
    let t = clock.tick;
    let key = run.key.stream(Stream::Inspection);
    let n = stats.by_district.len();
    // Per district: the draw chance of each sector and grade this month.
    let mut chances: Vec<[[f32; 4]; N_SECTORS]> = vec![[[0.0; 4]; N_SECTORS]; n];
    let race = &rules.assessment;
    for (d, levers, inc, standing, mut prog) in districts.iter_mut() {
        let di = d.index as usize;
        let r = &levers.0.inspection_rate;
        // A red district rectifies: its inspection rates rise (assessment.rs).
        let up = if race.enabled && standing.band == super::assessment::Band::Red {
            race.rectification_inspection_uplift
        } else {
            1.0
        };
        let rates = [r.a * up, r.b * up, r.c * up, r.d * up];
        let step: [f64; N_SECTORS] = std::array::from_fn(|s| inc.inspection_multiplier[s] as f64);
        let st = &stats.by_district[di];
        let (scale, demand) = sampling_scale(
            &st.by_sector_grade,
            rates,
            sw,
            step,
            prog.inspection_capacity,
        );
        prog.inspection_demand = demand;
        prog.sampling_scale = scale;
        chances[di] = std::array::from_fn(|s| {
            std::array::from_fn(|g| draw_chance(rates[g], sw[s], step[s], scale) as f32)
        });
    }
    // The envelope of every chance this month: each firm is a candidate with this chance.
    let p_max = chances
        .iter()
        .flatten()
        .flatten()
        .fold(0.0f32, |m, &c| m.max(c)) as f64;
    let draw_key = run.key.stream(Stream::InspectionDraw);
    inspections.records.clear();
    let roster = &*roster;
    for (table, (firms, prods, credits)) in firms.contiguous_iter().expect(DENSE).enumerate() {
        let per_batch = for_aligned_batches(firms.len(), DRAW_BLOCK, |rows| {
            let mut found = Vec::new();
            for start in rows.clone().step_by(DRAW_BLOCK) {
                let len = DRAW_BLOCK.min(rows.end - start);
                let block = draw_key.rng(firms[start].id as u64, t);
                for row in successes(block, p_max, len).map(|k| start + k) {
                    let (f, prod, credit) = (&firms[row], &prods[row], &credits[row]);
                    let di = f.district as usize;
                    let s = f.sector.index();
                    let chance = chances[di][s][credit.grade_at(t).index()];
                    let inspectors = &roster.skills[di];
                    if inspectors.is_empty() {
                        continue;
                    }
                    let mut r = key.rng(f.id as u64, t);
                    // Kept with chance / p_max: drawn with `chance` in all.
                    if uniform(&mut r) * p_max >= chance as f64 {
                        continue;
                    }
                    let k = ((uniform(&mut r) * inspectors.len() as f64) as usize)
                        .min(inspectors.len() - 1);
                    let (mut defective, mut failed) = (0u8, 0u8);
                    for _ in 0..batches[s] {
                        let bad = uniform(&mut r) < prod.defect_p as f64;
                        let found = uniform(&mut r) < inspectors[k] as f64;
                        defective += bad as u8;
                        failed += (bad && found) as u8;
                    }
                    let detected = failed > 0;
                    let serious = detected && uniform(&mut r) < serious_share;
                    found.push(InspectionRecord {
                        firm: f.id,
                        table: table as u32,
                        row: row as u32,
                        weight: f.weight,
                        district: f.district,
                        sector: f.sector,
                        chance,
                        batches: batches[s],
                        defective,
                        failed,
                        detected,
                        serious,
                        inspector: k as u16,
                    });
                }
            }
            found
        });
        for found in per_batch {
            inspections.records.extend(found);
        }
    }
    inspections.chance = chances;
}
