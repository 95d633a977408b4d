//! Step 9 of the month: Brands (items 15–16 品牌建设) and national designations (一(二): national quality brands,
//! advantage agricultural clusters, brand demonstration zones, benchmark cities).
//!
//! A large firm's brand value follows the rule in DOMAIN.md §4:
//! `B ← B(1 − δ) + α·max(0, c − c̄)·S·support − λ·1[published violation]·B` (monthly rates),
//! with the firm's scale `S` taken as its brand value itself, so a brand grows in proportion to
//! its size when its quality is above the reference and the programme supports it. The
//! reference `c̄` is calibrated so that the mean large firm's brand holds its value under the
//! business-as-usual programme. The loss `λ` runs while the penalty is published (disclosure,
//! `credit.publicity_months`): a brand loses `violation_loss` of its value over a full
//! publicity period, in equal monthly shares.
//! Each December, firms whose brand is above the national threshold, whose credit is A or B and
//! who are not blacklisted may be recognised nationally (chance ∝ the funded brand programme, at
//! most `national_awards_per_year` of them, the most valuable first);
//! a blacklisted firm loses the title. Districts whose quality composite clears a threshold may
//! be named brand demonstration zones or benchmark cities; agricultural clusters are recognised
//! where agricultural capability has risen.

use super::prelude::*;
use crate::rng::{Stream, poisson, uniform};
use crate::vocab::{Ind, ind};

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
    firms
        .par_iter_mut()
        .batching_strategy(batching())
        .for_each(|(f, c, credit, mut brand)| {
            let v = brand.value as f64;
            let growth = b.growth_per_year / 12.0
                * (c.0 as f64 - reference).max(0.0)
                * v
                * support[f.district as usize];
            let mut next = v * (1.0 - b.erosion_per_year / 12.0) + growth;
            if credit.published(t) {
                next -= published_loss * v;
            }
            brand.value = next.max(0.0) as f32;
        });
}

pub fn annual_designations(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    stats: Res<FirmStats>,
    mut city: ResMut<CityState>,
    mut districts: Query<(
        &District,
        &Programmes,
        &DistrictIndicators,
        &mut Designations,
    )>,
    mut firms: Query<(&Firm, &CreditRecord, &mut Brand)>,
) {
    let b = &run.params().brands;
    let t = clock.tick;
    let key = run.key.stream(Stream::Brands);
    // A listed firm loses its national title at once.
    firms
        .par_iter_mut()
        .batching_strategy(batching())
        .for_each(|(_, credit, mut brand)| {
            if brand.national && credit.blacklisted(t) {
                brand.national = false;
            }
        });
    if !clock.is_year_end() {
        return;
    }
    let mut support = vec![0.0; districts.iter().count()];
    for (d, prog, _, _) in districts.iter() {
        support[d.index as usize] = prog.brand_support;
    }
    // Candidates win with a chance ∝ the funded programme; national honours are few, so at
    // most `national_awards_per_year` are given, to the most valuable winning brands.
    let mut winners: Vec<(f32, u32)> = Vec::new();
    for (f, credit, brand) in firms.iter() {
        if brand.national
            || credit.blacklisted(t)
            || credit.grade > Grade::B
            || (brand.value as f64) < b.national_threshold_10k_yuan
        {
            continue;
        }
        let chance = (b.national_award_rate * support[f.district as usize]).min(1.0);
        if uniform(&mut key.rng(f.id as u64, t)) < chance {
            winners.push((brand.value, f.id));
        }
    }
    winners.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    winners.truncate(b.national_awards_per_year.round() as usize);
    if !winners.is_empty() {
        for (f, _, mut brand) in firms.iter_mut() {
            if winners.iter().any(|w| w.1 == f.id) {
                brand.national = true;
            }
        }
    }

    let dkey = run.key.stream(Stream::Designations);
    let ag = Sector::Agriculture.index();
    for (d, prog, ind_values, mut des) in districts.iter_mut() {
        let mut r = dkey.rng(d.index as u64, t);
        // Clusters: expected new ones ∝ agricultural capability gained since the start.
        let st = &stats.by_district[d.index as usize].sectors[ag];
        if st.firms > 0.0 {
            let gain = (st.capability / st.firms - cal.start_capability[ag]).max(0.0);
            let n = poisson(
                &mut r,
                b.ag_cluster_rate * gain * prog.brand_support * st.firms / 1e4,
            ) as u32;
            des.ag_clusters += n;
            city.ag_clusters += n;
        }
        let q = ind_values.0[ind(Ind::QualityComposite)];
        if q.is_finite() {
            let draw_zone = uniform(&mut r);
            let draw_city = uniform(&mut r);
            if !des.brand_demo_zone && q >= b.demo_zone_threshold && draw_zone < b.designation_rate
            {
                des.brand_demo_zone = true;
            }
            if !des.benchmark_city
                && q >= b.benchmark_city_threshold
                && draw_city < b.designation_rate
            {
                des.benchmark_city = true;
            }
        }
    }
}
