//! Step 9 of the month: Brands (items 15–16 品牌建设) and national designations (一(二): national quality brands,
//! advantage agricultural clusters, brand demonstration zones, benchmark cities).
//!
//! A large firm's brand value follows the rule in DOMAIN.md §4, with a revenue basis:
//! `B ← B(1 − δ) + α·max(0, c − c̄)·B·support·(1 − B/K) − λ·1[published violation]·B` (monthly
//! rates): a brand grows in proportion to its size when its quality is above the reference
//! and the programme supports it, more slowly as it nears its ceiling K (`brand_value_ceiling`
//! × its starting value: what its firm's revenue can carry, as royalty relief values a brand).
//! The reference `c̄` is calibrated so that the mean large firm's brand holds its value under
//! the business-as-usual programme. The loss `λ` runs while the penalty is published
//! (disclosure, `credit.publicity_months`): a brand loses `violation_loss` of its value over a
//! full publicity period, in equal monthly shares.
//!
//! National honours are scarce, and won against the whole country:
//! - the China Quality Award (winners and nominations) is given in rounds
//!   (`award_round_*`): in a round year Chongqing's firms win Binomial(national places,
//!   Chongqing's share × programme) of them, given to its most valuable eligible brands
//!   (credit A or B, not listed, value above the threshold); a listed firm loses its title;
//! - national quality benchmarks, `benchmarks_per_year` × programme a year (Poisson);
//! - national advantage agricultural clusters: each year's national batch ×
//!   Chongqing's share × its agricultural capability relative to the start (Poisson);
//! - benchmark cities and brand demonstration zones are named in national rounds
//!   (`*_round_*`): each district whose quality composite clears the threshold competes with
//!   the country's `national_candidates` places for the round's places.
//!
//! "Programme" is the funded brand programme, relative to business as usual.

use super::prelude::*;
use crate::rng::{Stream, poisson, uniform};
use crate::vocab::{Ind, ind};
use bevy_ecs::system::SystemParam;

pub fn update_brands(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    districts: Query<(&District, &Programmes)>,
    mut firms: Query<(&Firm, &Capability, &CreditRecord, &mut Brand)>,
) {
    let b = &run.params().brands;
    let t = clock.tick;
    // The monthly loss that takes `violation_loss` of a brand over a publicity period.
    let months = run.params().credit.publicity_months.max(1.0);
    let published_loss = 1.0 - (1.0 - b.violation_loss).powf(1.0 / months);
    let mut support = vec![0.0; districts.iter().count()];
    for (d, prog) in districts.iter() {
        support[d.index as usize] = prog.brand_support;
    }
    let support = &support;
    let reference = cal.brand_reference;
    // Loop invariants held in locals (through `b` the compiler divides them for every firm).
    let (growth, erosion) = (b.growth_per_year / 12.0, b.erosion_per_year / 12.0);
    for (firms, caps, credits, mut brands) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every brand changes every month; nothing reads their change ticks.
        for_batches_mut(brands.bypass_change_detection(), |at, brands| {
            let n = brands.len();
            let batch = firms[at..at + n]
                .iter()
                .zip(&caps[at..at + n])
                .zip(&credits[at..at + n]);
            for (((f, c), credit), brand) in batch.zip(brands) {
                let v = brand.value as f64;
                let room = (1.0 - v / brand.ceiling.max(1e-9) as f64).max(0.0);
                let growth = growth
                    * (c.0 as f64 - reference).max(0.0)
                    * v
                    * support[f.district as usize]
                    * room;
                let mut next = v * (1.0 - erosion) + growth;
                if credit.published(t) {
                    next -= published_loss * v;
                }
                brand.value = next.max(0.0) as f32;
            }
        });
    }
}

/// What the yearly designations read.
#[derive(SystemParam)]
pub struct DesignationInputs<'w> {
    run: Res<'w, Run>,
    clock: Res<'w, Clock>,
    cal: Res<'w, Calibration>,
    stats: Res<'w, FirmStats>,
}

/// Whether `year` is a round year of a programme.
fn round_year(year: i32, first: u32, every: u32) -> bool {
    year >= first as i32 && (year - first as i32) % every.max(1) as i32 == 0
}

pub fn annual_designations(
    inputs: DesignationInputs,
    mut city: ResMut<CityState>,
    mut districts: Query<(
        &District,
        &Programmes,
        &DistrictIndicators,
        &mut Designations,
    )>,
    mut firms: Query<(&Firm, &CreditRecord, &mut Brand)>,
) {
    let DesignationInputs {
        run,
        clock,
        cal,
        stats,
    } = inputs;
    let b = &run.params().brands;
    let t = clock.tick;
    // A listed firm loses its national title at once.
    for (_, credits, mut brands) in firms.contiguous_iter_mut().expect(DENSE) {
        for (credit, brand) in credits.iter().zip(brands.bypass_change_detection()) {
            if brand.national && credit.blacklisted(t) {
                brand.national = false;
            }
        }
    }
    if !clock.is_year_end() {
        return;
    }
    let year = clock.date().year;
    // The funded brand programme across the city, relative to business as usual.
    let bau = run.scenario.baseline_levers.brand_support.max(1e-9);
    let n = districts.iter().count().max(1) as f64;
    let programme = districts
        .iter()
        .map(|(_, p, _, _)| p.brand_support)
        .sum::<f64>()
        / n
        / bau;
    let mut r = run.key.stream(Stream::Brands).rng(u64::MAX, t);
    // National brands won this year: the China Quality Award round, and benchmarks.
    let mut won = poisson(&mut r, b.benchmarks_per_year * programme) as usize;
    if round_year(year, b.award_round_first_year, b.award_round_every_years) {
        let p = (b.award_round_chongqing_share * programme).min(1.0);
        let places = b.award_round_national_places.round() as u32;
        won += (0..places).filter(|_| uniform(&mut r) < p).count();
    }
    award_national_brands(&mut firms, b, t, won);

    let dkey = run.key.stream(Stream::Designations);
    let ag = Sector::Agriculture.index();
    // Clusters: the national batch × Chongqing's share × its agricultural capability.
    let (mut ag_cap, mut ag_firms) = (0.0, 0.0);
    for st in &stats.by_district {
        ag_cap += st.sectors[ag].capability;
        ag_firms += st.sectors[ag].firms;
    }
    let relative = if ag_firms > 0.0 && cal.start_capability[ag] > 0.0 {
        ag_cap / ag_firms / cal.start_capability[ag]
    } else {
        1.0
    };
    let clusters = poisson(
        &mut r,
        b.ag_cluster_national_batch * b.ag_cluster_chongqing_share * relative * programme,
    ) as u32;
    city.ag_clusters += clusters;
    let zone_round = round_year(
        year,
        b.demo_zone_round_first_year,
        b.demo_zone_round_every_years,
    );
    let city_round = round_year(
        year,
        b.benchmark_round_first_year,
        b.benchmark_round_every_years,
    );
    for (d, _, ind_values, mut des) in districts.iter_mut() {
        let mut r = dkey.rng(d.index as u64, t);
        let q = ind_values.0[ind(Ind::QualityComposite)];
        let draw_zone = uniform(&mut r);
        let draw_city = uniform(&mut r);
        if !q.is_finite() {
            continue;
        }
        // Each qualified district is one of the country's candidates for the round's places.
        if zone_round
            && !des.brand_demo_zone
            && q >= b.demo_zone_threshold
            && draw_zone < b.demo_zone_round_national_places / b.national_candidates
        {
            des.brand_demo_zone = true;
        }
        if city_round
            && !des.benchmark_city
            && q >= b.benchmark_city_threshold
            && draw_city < b.benchmark_round_national_places / b.national_candidates
        {
            des.benchmark_city = true;
        }
    }
}

/// Gives `won` national titles to the most valuable eligible brands: credit A or B, not listed,
/// above the value threshold, not already national.
fn award_national_brands(
    firms: &mut Query<(&Firm, &CreditRecord, &mut Brand)>,
    b: &crate::params::Brands,
    t: u32,
    won: usize,
) {
    if won == 0 {
        return;
    }
    let mut eligible: Vec<(f32, u32)> = firms
        .iter()
        .filter(|(_, credit, brand)| {
            !brand.national
                && !credit.blacklisted(t)
                && credit.grade <= Grade::B
                && (brand.value as f64) >= b.national_threshold_10k_yuan
        })
        .map(|(f, _, brand)| (brand.value, f.id))
        .collect();
    eligible.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    eligible.truncate(won);
    for (f, _, mut brand) in firms.iter_mut() {
        if eligible.iter().any(|w| w.1 == f.id) {
            brand.national = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rounds fall on their first year and every period after, never before.
    #[test]
    fn round_years_follow_the_national_calendar() {
        let years: Vec<i32> = (2020..2036).filter(|&y| round_year(y, 2023, 2)).collect();
        assert_eq!(years, vec![2023, 2025, 2027, 2029, 2031, 2033, 2035]);
        assert!(!round_year(2021, 2022, 5) && round_year(2027, 2022, 5));
    }
}
