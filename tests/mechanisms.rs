//! Mechanisms checked against expectations from outside the code: the analytic expectation of
//! inspections and detections, the credit rules, the published baselines the model starts from.

use qcity_core::model::Calibration;
use qcity_core::model::prelude::*;
use qcity_core::model::*;
use qcity_core::runner;
use qcity_core::scenario;
use qcity_core::sim::Sim;
use qcity_core::vocab::{INDICATORS, index_of};
use std::path::Path;
use std::sync::Arc;

fn scenario(text: &str) -> Arc<scenario::Scenario> {
    Arc::new(scenario::from_str(text, Path::new("test.ron")).unwrap_or_else(|e| panic!("{e}")))
}

/// Each firm's credit grade for the draws of month `tick` (a listed firm is D).
fn grades_at(sim: &mut Sim, tick: u32) -> std::collections::HashMap<u32, Grade> {
    let world = sim.world_mut();
    let mut q = world.query::<(&Firm, &CreditRecord)>();
    q.iter(world)
        .map(|(f, c)| (f.id, c.grade_at(tick)))
        .collect()
}

/// Inspections and batches found nonconforming, summed over months, against their analytic
/// expectation given each firm's draw chance, batches, defect probability and its district's
/// mean inspector skill: E[inspections] = Σ p, E[failed batches] = Σ p · n · d · s̄.
#[test]
fn inspections_and_detections_match_their_analytic_expectation() {
    // Steeper rates than the 2024 ratios of assets/model.ron, so that enough violations are
    // found for a tight test.
    let s = scenario(
        r#"(name: "t", seed: 11, scale: Enterprises(60000),
            levers: (city: (inspection_rate: (a: 0.03, b: 0.10, c: 0.40, d: 0.80))))"#,
    );
    let mut sim = Sim::new(s.clone(), 0);
    let batches = s.params.inspection.batches_per_inspection.clone();
    let (mut exp_insp, mut exp_fail, mut var_fail) = (0.0f64, 0.0f64, 0.0f64);
    let (mut got_insp, mut got_fail) = (0.0f64, 0.0f64);
    // By grade too: the draw thins candidates by chance / highest chance, so each grade's
    // count checks that thinning, not only the total.
    let (mut exp_by_grade, mut got_by_grade) = ([0.0f64; 4], [0.0f64; 4]);
    for month in 0..24u32 {
        // The grades the month's draws are made with.
        let grades = grades_at(&mut sim, month);
        sim.step();
        let world = sim.world_mut();
        let skills: Vec<f64> = {
            let mut q = world.query::<(&District, &Programmes)>();
            let mut v = vec![0.0; 38];
            for (d, p) in q.iter(world) {
                v[d.index as usize] = p.mean_skill;
            }
            v
        };
        let inspections = world.resource::<Inspections>().clone();
        let mut q = world.query::<(&Firm, &Production)>();
        for (f, prod) in q.iter(world) {
            let g = grades[&f.id].index();
            let p = inspections.chance[f.district as usize][f.sector.index()][g] as f64;
            let n = batches.get(f.sector).round();
            let mu = n * prod.defect_p as f64 * skills[f.district as usize];
            exp_insp += p;
            exp_by_grade[g] += p;
            exp_fail += p * mu;
            var_fail += p * (mu + mu * mu) - (p * mu).powi(2);
        }
        for rec in &inspections.records {
            got_insp += 1.0;
            got_fail += rec.failed as f64;
            got_by_grade[grades[&rec.firm].index()] += 1.0;
        }
    }
    let z_insp = (got_insp - exp_insp) / exp_insp.sqrt();
    let z_fail = (got_fail - exp_fail) / var_fail.sqrt();
    eprintln!(
        "inspections {got_insp} vs {exp_insp:.1} (z {z_insp:.2}); failed batches {got_fail} vs {exp_fail:.1} (z {z_fail:.2})"
    );
    assert!(
        exp_fail > 500.0,
        "too few expected detections for a meaningful test"
    );
    assert!(z_insp.abs() < 4.0, "inspections z = {z_insp}");
    for g in 0..4 {
        let z = (got_by_grade[g] - exp_by_grade[g]) / exp_by_grade[g].sqrt();
        eprintln!(
            "grade {g}: inspections {} vs {:.1} (z {z:.2})",
            got_by_grade[g], exp_by_grade[g]
        );
        assert!(exp_by_grade[g] > 100.0, "too few grade-{g} firms expected");
        assert!(z.abs() < 4.0, "grade {g}: inspections z = {z}");
    }
    assert!(z_fail.abs() < 4.0, "failed batches z = {z_fail}");
}

/// The draw chance follows the grade rule: rate(grade)/12 × sector weight × capacity scale, so
/// D firms are drawn rate_d/rate_a times as often as A firms of the same sector and district.
#[test]
fn draw_chances_follow_the_credit_grade_rates() {
    let s = scenario(r#"(name: "t", seed: 3)"#);
    let mut sim = Sim::new(s.clone(), 0);
    sim.step();
    // Grades in force when the next month's draws are made.
    let grades = grades_at(&mut sim, 1);
    sim.step();
    let world = sim.world_mut();
    let scale: Vec<f64> = {
        let mut q = world.query::<(&District, &Programmes)>();
        let mut v = vec![0.0; 38];
        for (d, p) in q.iter(world) {
            v[d.index as usize] = p.sampling_scale;
        }
        v
    };
    let l = &s.city_levers;
    let w = &s.params.inspection.sector_weight;
    let inspections = world.resource::<Inspections>().clone();
    let mut q = world.query::<&Firm>();
    let mut checked = 0;
    for f in q.iter(world) {
        let g = grades[&f.id];
        let expect =
            (l.inspection_rate.get(g) / 12.0 * w.get(f.sector) * scale[f.district as usize])
                .min(1.0);
        let chance = inspections.chance[f.district as usize][f.sector.index()][g.index()];
        assert!(
            (chance as f64 - expect).abs() < 1e-6,
            "firm {} grade {g:?}: {chance} vs {expect}",
            f.id,
        );
        checked += 1;
    }
    assert_eq!(checked, 100_000);
    // Each inspection carries the chance its firm was drawn with.
    assert!(!inspections.records.is_empty());
    for rec in &inspections.records {
        let g = grades[&rec.firm];
        let chance = inspections.chance[rec.district as usize][rec.sector.index()][g.index()];
        assert_eq!(rec.chance, chance, "firm {}", rec.firm);
    }
}

/// Every detected violation is penalised by the rules: the score falls by the violation's
/// points (unless repair or the floor intervene), the penalty is published, serious ones are
/// listed, and the grade is the one the thresholds give.
#[test]
fn detected_violations_are_penalised_by_the_credit_rules() {
    let s = scenario(r#"(name: "t", seed: 5)"#);
    let p = s.params.credit.clone();
    let mut sim = Sim::new(s.clone(), 0);
    let mut seen = 0;
    for month in 0..12u32 {
        let before: std::collections::HashMap<u32, CreditRecord> = {
            let world = sim.world_mut();
            let mut q = world.query::<(&Firm, &CreditRecord)>();
            q.iter(world).map(|(f, c)| (f.id, *c)).collect()
        };
        sim.step();
        let world = sim.world_mut();
        let found: std::collections::HashMap<u32, InspectionRecord> = world
            .resource::<Inspections>()
            .records
            .iter()
            .map(|r| (r.firm, *r))
            .collect();
        let mut q = world.query::<(&Firm, &CreditRecord)>();
        for (f, c) in q.iter(world) {
            let b = before[&f.id];
            if let Some(rec) = found.get(&f.id).filter(|r| r.detected) {
                seen += 1;
                let points = if rec.serious {
                    p.serious_points
                } else {
                    p.violation_points
                };
                assert!(
                    (c.score as f64 - (b.score as f64 - points).max(0.0)).abs() < 1e-3,
                    "score of firm {}",
                    f.id
                );
                assert_eq!(c.last_violation as u32, month);
                assert_eq!(c.published_until as u32, month + p.publicity_months as u32);
                if rec.serious && s.city_levers.joint_punishment {
                    assert_eq!(
                        c.blacklisted_until as u32,
                        month + p.blacklist_months as u32
                    );
                    assert_eq!(c.grade, Grade::D);
                }
                assert_eq!(c.grade, qcity_core::model::credit::grade_of(c, month, &p));
            } else if b.last_violation == CreditRecord::NEVER && b.blacklisted_until == 0 {
                assert_eq!(c.score, b.score, "an unpenalised firm's score is unchanged");
                assert_eq!(c.grade, b.grade);
            }
        }
    }
    assert!(seen > 20, "only {seen} violations in a year");
}

/// The baseline run reproduces the published pass rates the model was calibrated to
/// (assets/model.ron, params.quality.baseline_pass_rate): the measured rates of the first year
/// under business as usual, pooled over replicates, lie within sampling error of them.
#[test]
fn baseline_year_reproduces_the_published_pass_rates() {
    let s = scenario(r#"(name: "t", seed: 2022, horizon: (start: "2023-01", end: "2027-12"))"#);
    let results = runner::run_replicates(s.clone(), 4, &|| {});
    let base = &s.params.quality.baseline_pass_rate;
    for (sector, id, tol) in [
        (Sector::Manufacturing, "mfg_pass_rate", 0.8),
        (Sector::Food, "food_pass_rate", 0.6),
        (Sector::Agriculture, "ag_pass_rate", 0.8),
        (Sector::ConsumerGoods, "consumer_pass_rate", 1.0),
    ] {
        let k = index_of(id).unwrap();
        // December 2023: the 12-month window holds the whole first year.
        let mean: f64 =
            results.iter().map(|r| r.values[11][0][k]).sum::<f64>() / results.len() as f64;
        let want = base.get(sector);
        eprintln!("{id}: first-year measured {mean:.2} vs published baseline {want}");
        assert!((mean - want).abs() < tol, "{id}: {mean} vs {want}");
    }
    // The MQCI starts at its stated baseline and the grade mix at the published mix.
    let m = index_of("mqci").unwrap();
    assert!((results[0].values[0][0][m] - s.params.indicators.mqci_baseline).abs() < 1e-9);
    let a = index_of("credit_a_share").unwrap();
    assert!((results[0].values[0][0][a] - s.params.credit.initial_mix.a).abs() < 0.01);
    assert_eq!(INDICATORS.len(), results[0].values[0][0].len());
}

/// The calibration makes business as usual a steady state: with no policy change, mean
/// capability and the true pass rates barely move over the whole horizon.
#[test]
fn business_as_usual_is_close_to_a_steady_state() {
    let s = scenario(r#"(name: "t", seed: 9)"#);
    let r = runner::run_replicate(s.clone(), 0, &|| {});
    let cap = index_of("mean_capability").unwrap();
    let mfg = index_of("mfg_pass_rate_true").unwrap();
    let last = r.values.len() - 1;
    let (c0, c1) = (r.values[0][0][cap], r.values[last][0][cap]);
    let (m0, m1) = (r.values[0][0][mfg], r.values[last][0][mfg]);
    eprintln!("capability {c0:.4} → {c1:.4}; true mfg pass rate {m0:.2} → {m1:.2}");
    assert!((c1 - c0).abs() < 0.01);
    assert!((m1 - m0).abs() < 1.0);
    let sim = Sim::new(s, 0);
    assert!(sim.world().get_resource::<Calibration>().is_some());
}

/// The statistical sample that produces the published pass rates (statistics.rs), summed
/// over months, against its analytic expectation: batches = rate × residents / 12, failures =
/// batches × lab detection × Σ_g π_g D_g / Σ_g π_g N_g (the firms' sums by credit grade). The
/// published rate of the first month equals the baseline of the year before.
#[test]
fn the_statistical_sample_matches_its_analytic_expectation() {
    use qcity_core::model::statistics::expected_fail_rate;
    let s = scenario(r#"(name: "t", seed: 17)"#);
    let st = &s.params.statistics;
    let o = [
        st.risk_orientation.a,
        st.risk_orientation.b,
        st.risk_orientation.c,
        st.risk_orientation.d,
    ];
    let mut sim = Sim::new(s.clone(), 0);
    let food = Sector::Food.index();
    let mfg = Sector::Manufacturing.index();
    let (mut exp_n, mut exp_f, mut got_n, mut got_f) =
        ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
    for _ in 0..24 {
        // The statistics of this month read last month's firm sums.
        let (firms, pops, rigour): (Vec<DistrictStats>, Vec<f64>, Vec<f64>) = {
            let world = sim.world_mut();
            let stats = world.resource::<FirmStats>().by_district.clone();
            let mut q = world.query::<(&District, &Programmes)>();
            let mut pops = vec![0.0; stats.len()];
            let mut rig = vec![0.0; stats.len()];
            for (d, p) in q.iter(world) {
                pops[d.index as usize] = d.population_10k;
                rig[d.index as usize] = p.rigour;
            }
            (stats, pops, rig)
        };
        let tick = sim.tick() as usize;
        sim.step();
        let window = sim.world().resource::<SampleWindow>();
        for (k, (s_idx, sector)) in [(food, Sector::Food), (mfg, Sector::Manufacturing)]
            .into_iter()
            .enumerate()
        {
            for d in 0..firms.len() {
                let n = st.batches_per_1000_residents.get(sector) * pops[d] * 10.0 / 12.0;
                let rate = expected_fail_rate(
                    &firms[d].by_sector_grade[s_idx],
                    &firms[d].defect_by_sector_grade[s_idx],
                    o,
                    st.lab_detection * rigour[d],
                );
                exp_n[k] += n;
                exp_f[k] += n * rate;
                let (gn, gf) = window.slots[d][tick % window.months][s_idx];
                got_n[k] += gn;
                got_f[k] += gf;
            }
        }
    }
    for k in 0..2 {
        // Batches: each district rounds its expected count at random (variance < 1/4 a month).
        assert!(
            (got_n[k] - exp_n[k]).abs() < 4.0 * (38.0 * 24.0 * 0.25f64).sqrt(),
            "batches {} vs {}",
            got_n[k],
            exp_n[k]
        );
        let z = (got_f[k] - exp_f[k]) / exp_f[k].sqrt();
        eprintln!(
            "sector {k}: failures {} vs {:.1} (z {z:.2})",
            got_f[k], exp_f[k]
        );
        assert!(
            exp_f[k] > 200.0,
            "too few expected failures for a meaningful test"
        );
        assert!(z.abs() < 4.0, "failures z = {z}");
    }
}

/// Business as usual carries the pre-plan trends of assets/model.ron (fitted to the national
/// series of seeds/observations.ron): each sector's nonconforming share changes at its
/// relative rate, and the satisfaction scores rise at the published pace at first.
#[test]
fn business_as_usual_follows_the_published_trends() {
    let s = scenario(r#"(name: "t", seed: 23, horizon: (start: "2023-01", end: "2027-12"))"#);
    let r = runner::run_replicate(s.clone(), 0, &|| {});
    let city = |id: &str, month: usize| r.values[month][0][index_of(id).unwrap()];
    let last = r.values.len() - 1;
    let years = last as f64 / 12.0;
    let q = &s.params.quality.trend_nonconforming_per_year;
    for (id, tau) in [
        ("ag_pass_rate_true", q.agriculture),
        ("food_pass_rate_true", q.food),
        ("mfg_pass_rate_true", q.manufacturing),
    ] {
        let (a, b) = (100.0 - city(id, 0), 100.0 - city(id, last));
        let got = (b / a).ln() / years;
        eprintln!("{id}: nonconforming {a:.3} → {b:.3}, {got:+.4} a year (trend {tau:+.4})");
        assert!((got - tau).abs() < 0.012, "{id}: {got} against {tau}");
    }
    let sv = &s.params.services;
    for (id, slope) in [
        ("public_service_satisfaction_true", sv.trend_public_per_year),
        ("life_service_satisfaction_true", sv.trend_life_per_year),
    ] {
        let got = (city(id, 23) - city(id, 0)) / (23.0 / 12.0);
        eprintln!("{id}: {got:+.2} points a year (trend {slope:+.2} at the baseline)");
        assert!((got - slope).abs() < 0.2, "{id}: {got} against {slope}");
    }
}

/// Districts differ in what their firms make, as their economies do: each district's sector mix
/// is the city's tilted by its published shares of primary, secondary and tertiary industry
/// (`assets/district_structure.csv`), raked to keep the districts' sizes and the city's mix.
/// Raking preserves the seed's cross-product ratios (Bishop, Fienberg & Holland 1975, ch. 3),
/// so for two districts and two sectors of different industries the odds ratio of firms is the
/// ratio of their structure shares, whatever the other rows and columns.
#[test]
fn district_sector_mix_follows_the_published_economic_structure() {
    let s = scenario(r#"(name: "t", seed: 3)"#);
    let city = s.params.population.sector_share.values();
    let mix = setup::sector_mix(&s, &city);
    let shares = setup::district_shares(&s);
    let d = |code: &str| s.districts.iter().position(|d| d.code == code).unwrap();
    let (fuling, yuzhong, youyang) = (d("500102"), d("500103"), d("500242"));
    // Rows are mixes; the city's mix is kept.
    for row in &mix {
        assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
    let city_sum: f64 = city.iter().sum();
    for k in 0..N_SECTORS {
        let got: f64 = mix.iter().zip(&shares).map(|(r, w)| r[k] * w).sum();
        let total: f64 = shares.iter().sum();
        assert!(
            (got / total - city[k] / city_sum).abs() < 1e-6,
            "sector {k}"
        );
    }
    // Odds ratios: manufacturing (secondary) against services (tertiary).
    let (m, sv) = (Sector::Manufacturing.index(), Sector::Services.index());
    let st = |i: usize| s.districts[i].structure;
    for (a, b) in [(fuling, yuzhong), (fuling, youyang), (yuzhong, youyang)] {
        let got = (mix[a][m] / mix[a][sv]) / (mix[b][m] / mix[b][sv]);
        let want = (st(a)[1] / st(a)[2]) / (st(b)[1] / st(b)[2]);
        assert!(
            (got / want - 1.0).abs() < 1e-6,
            "{a} vs {b}: {got} vs {want}"
        );
    }
    // 涪陵 (57.8% secondary, 2022 bulletin) has a larger share of manufacturers than the city,
    // 酉阳 (14.6%) a smaller one, and the spawned firms follow.
    let mut world = World::new();
    setup::populate(&mut world, &s, 0);
    let mut q = world.query::<&Firm>();
    let share_of = |world: &World, q: &mut QueryState<&Firm>, di: usize| {
        let (mut n, mut made) = (0.0, 0.0);
        for f in q
            .iter(world)
            .filter(|f| f.district as usize == di && !f.large())
        {
            n += 1.0;
            if f.sector == Sector::Manufacturing {
                made += 1.0;
            }
        }
        made / n
    };
    let city_m = city[m] / city_sum;
    let (f_share, y_share) = (
        share_of(&world, &mut q, fuling),
        share_of(&world, &mut q, youyang),
    );
    eprintln!(
        "manufacturers among small firms: 涪陵 {f_share:.3}, city {city_m:.3}, 酉阳 {y_share:.3}"
    );
    assert!(f_share > 1.2 * city_m && y_share < 0.6 * city_m);
}
