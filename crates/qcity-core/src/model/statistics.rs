//! Step 7 of the month: the statistics (一(二)): the sampling that produces the published pass
//! rates, apart from the enforcement inspections of 双随机、一公开 (inspection.rs).
//!
//! Each published pass rate comes from a statistical sample: food 监督抽检 and farm-product
//! 例行监测 set in batches per 1,000 residents a year, SAMR's product-quality monitoring for
//! manufactured and consumer goods, and drug 抽检. Each month a district samples
//! `batches_per_1000_residents × residents / 12` batches of each sector (the fraction drawn at
//! random). Samples are problem-oriented: a firm of grade g is `risk_orientation[g]` times as
//! likely to be drawn as an A firm. A drawn batch is nonconforming with its firm's defect
//! probability and found by the laboratory with `lab_detection`, times the district's rigour
//! (its leaders' gaming of the race lowers it). Failures are drawn as a Poisson count with the
//! sample's expected rate (rare events in a large population), capped at the batches drawn.
//!
//! The expected published pass rate of a sector is therefore
//! `1 − lab_detection × rigour × Σ_g π_g D_g / Σ_g π_g N_g`, with `N_g` the firms of grade g
//! and `D_g` their summed defect probability (weighted by the enterprises each simulated firm
//! stands for); tests/mechanisms.rs checks the sampled rates against it. Firm sums are last
//! month's (the aggregate runs at the end of the month), so an incident shows in the
//! statistics a month after it starts.

use super::prelude::*;
use crate::rng::{Stream, poisson, uniform};

/// The sectors with a published pass rate.
const PUBLISHED: [Sector; 6] = [
    Sector::Agriculture,
    Sector::Food,
    Sector::DrugProduction,
    Sector::DrugCirculation,
    Sector::Manufacturing,
    Sector::ConsumerGoods,
];

/// The chance a sampled batch of the sector fails the test, given the firms' sums by grade.
pub fn expected_fail_rate(
    firms: &[f64; 4],
    defect: &[f64; 4],
    orientation: [f64; 4],
    detection: f64,
) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for g in 0..4 {
        num += orientation[g] * defect[g];
        den += orientation[g] * firms[g];
    }
    if den > 0.0 {
        (detection * num / den).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

pub fn sample_statistics(
    run: Res<Run>,
    clock: Res<Clock>,
    stats: Res<FirmStats>,
    mut window: ResMut<SampleWindow>,
    districts: Query<(&District, &Programmes)>,
) {
    let p = &run.params().statistics;
    let t = clock.tick;
    let key = run.key.stream(Stream::Statistics);
    let o = &p.risk_orientation;
    let orientation = [o.a, o.b, o.c, o.d];
    let slot = (t as usize) % window.months;
    for (d, prog) in districts.iter() {
        let di = d.index as usize;
        let st = &stats.by_district[di];
        let mut r = key.rng(di as u64, t);
        let mut month = [(0.0, 0.0); N_SECTORS];
        for sector in PUBLISHED {
            let s = sector.index();
            let per_year = p.batches_per_1000_residents.get(sector) * d.population_10k * 10.0;
            let expected = per_year / 12.0;
            let whole = expected.floor();
            let n = whole + (uniform(&mut r) < expected - whole) as u8 as f64;
            let rate = expected_fail_rate(
                &st.by_sector_grade[s],
                &st.defect_by_sector_grade[s],
                orientation,
                p.lab_detection * prog.rigour,
            );
            let fails = (poisson(&mut r, n * rate) as f64).min(n);
            month[s] = (n, fails);
        }
        window.slots[di][slot] = month;
    }
}
