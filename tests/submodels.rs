//! The submodels that had no test of their own, each against an expectation from outside the
//! code: the budget's pro-rata rule, the investment best response's comparative statics, the
//! capability update and the chain leaders' spill-over, brand growth, the standards' expected
//! count, service satisfaction's first-order adjustment, and builders' compliance with a
//! mandate (docs/ODD.md §7 gives each rule; the files in crates/qcity-core/src/model/ their
//! code).

use qcity_core::model::Calibration;
use qcity_core::model::prelude::*;
use qcity_core::scenario;
use qcity_core::sim::Sim;
use qcity_core::vocab::{Grade, Sector};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

fn scenario(text: &str) -> Arc<scenario::Scenario> {
    Arc::new(scenario::from_str(text, Path::new("test.ron")).unwrap_or_else(|e| panic!("{e}")))
}

/// Every firm's component `C`, by firm id.
fn by_firm<C: Component + Clone>(sim: &mut Sim) -> HashMap<u32, (Firm, C)> {
    let world = sim.world_mut();
    let mut q = world.query::<(&Firm, &C)>();
    q.iter(world)
        .map(|(f, c)| (f.id, (*f, c.clone())))
        .collect()
}

fn programmes(sim: &mut Sim) -> Vec<(District, Programmes, LeversInForce)> {
    let world = sim.world_mut();
    let mut q = world.query::<(&District, &Programmes, &LeversInForce)>();
    let mut v: Vec<_> = q
        .iter(world)
        .map(|(d, p, l)| (d.clone(), p.clone(), l.clone()))
        .collect();
    v.sort_by_key(|x| x.0.index);
    v
}

/// 四(一): when the levers cost more than the budget, every programme is funded in the same
/// proportion, budget / cost; when the budget suffices, each is funded in full. The budget is
/// the lever's share of GDP (monthly) × leader effort.
#[test]
fn budgets_fund_every_programme_pro_rata() {
    for (share, short) in [(0.00002, true), (0.05, false)] {
        let s = scenario(&format!(
            r#"(name: "t", seed: 5, scale: Enterprises(11000), levers: (city: (budget_share_of_gdp: {share})))"#
        ));
        let mut sim = Sim::new(s.clone(), 0);
        sim.step();
        for (d, p, l) in programmes(&mut sim) {
            let l = &l.0;
            let budget = d.gdp_100m_yuan * 1e4 * share / 12.0 * l.leader_effort;
            assert!(
                (p.budget - budget).abs() <= 1e-9 * budget,
                "{}: budget",
                d.code
            );
            let funding = if p.cost > budget {
                budget / p.cost
            } else {
                1.0
            };
            assert!((p.funding - funding).abs() < 1e-12, "{}: funding", d.code);
            if short {
                assert!(
                    p.funding < 1.0,
                    "{}: a tiny budget funds less than all",
                    d.code
                );
            } else {
                assert_eq!(p.funding, 1.0, "{}: an ample budget funds all", d.code);
            }
            for (got, lever) in [
                (p.subsidy_rate, l.subsidy_rate),
                (p.brand_support, l.brand_support),
                (p.standards_support, l.standards_support),
                (p.chain_leader, l.chain_leader_programme),
                (p.service_quality, l.service_quality_programme),
                (
                    p.inspectors,
                    d.enterprises / 1000.0 * l.inspectors_per_1000_firms,
                ),
            ] {
                assert!(
                    (got - lever * funding).abs() <= 1e-12 * lever.abs().max(1.0),
                    "{}: {got} is not {lever} × {funding}",
                    d.code
                );
            }
            // What is spent is the budget or the cost, whichever is smaller, and it is the sum
            // of what each costed lever spent.
            let spent = p.cost * p.funding;
            assert!((spent - p.cost.min(budget)).abs() <= 1e-9 * budget.max(1.0));
            let by_lever: f64 = p.spent.iter().sum();
            assert!(
                (by_lever - spent).abs() <= 1e-9 * spent.max(1.0),
                "{}",
                d.code
            );
        }
    }
}

/// The investment best response `i = i_max · MB / MC` with `MC = cost × (1 − subsidy)`: a
/// subsidy of one half doubles every firm's rate, up to its financing cap, and changes nothing
/// else in the first month (comparative statics of a quadratic-cost best response).
#[test]
fn a_half_subsidy_doubles_the_investment_best_response_up_to_the_cap() {
    let run = |subsidy: f64| {
        let s = scenario(&format!(
            r#"(name: "t", seed: 8, scale: Enterprises(11000),
                levers: (city: (budget_share_of_gdp: 0.05, subsidy_rate: {subsidy})))"#
        ));
        let mut sim = Sim::new(s.clone(), 0);
        sim.step();
        (
            s,
            by_firm::<QualityInvestment>(&mut sim),
            by_firm::<CreditRecord>(&mut sim),
        )
    };
    let (s, none, credit) = run(0.0);
    let (_, half, _) = run(0.5);
    let inv = &s.params.investment;
    let (mut doubled, mut capped) = (0, 0);
    for (id, (_, a)) in &none {
        let b = &half[id].1;
        let grade: Grade = credit[id].1.grade;
        let cap = inv.max_rate * inv.finance_by_grade.get(grade);
        let want = (2.0 * a.rate as f64).min(cap);
        assert!(
            (b.rate as f64 - want).abs() <= 1e-5 * want.max(1e-3),
            "firm {id}: {} with the subsidy, {} without (cap {cap})",
            b.rate,
            a.rate
        );
        if want < cap {
            doubled += 1
        } else {
            capped += 1
        }
    }
    assert!(doubled > 1000, "{doubled} firms doubled, {capped} capped");
}

/// Capability: `c ← c + (η·i·(1 − c) − δ·c + s·P·max(0, L − c))/12` for a small firm, with L
/// its district and sector's chain leaders' mean capability last month. Switching the
/// chain-leader programme on in the second month moves each small firm by exactly the
/// spill-over term, and large firms not at all.
#[test]
fn capability_follows_its_update_rule_and_small_firms_close_part_of_their_gap_to_the_leaders() {
    let text = |event: &str| {
        format!(
            r#"(name: "t", seed: 9, scale: Enterprises(11000),
                levers: (city: (budget_share_of_gdp: 0.05, chain_leader_programme: 0.0)),
                events: [{event}])"#
        )
    };
    let off = scenario(&text(""));
    let on = scenario(&text(
        r#"(at: "2023-02", action: SetLever(lever: chain_leader_programme, value: 1.0))"#,
    ));
    let p = off.params.capability.clone();
    let (mut a, mut b) = (Sim::new(off, 0), Sim::new(on, 0));
    a.step();
    b.step();
    let c1 = by_firm::<Capability>(&mut a);
    assert_eq!(
        c1.iter()
            .map(|(k, v)| (*k, v.1.0))
            .collect::<HashMap<_, _>>(),
        by_firm::<Capability>(&mut b)
            .iter()
            .map(|(k, v)| (*k, v.1.0))
            .collect::<HashMap<_, _>>(),
        "the first month is the same in both runs"
    );
    // The leaders' mean capability per (district, sector) after month 1.
    let mut sums: HashMap<(u16, usize), (f64, f64)> = HashMap::new();
    for (f, c) in c1.values() {
        if f.chain_leader() {
            let e = sums.entry((f.district, f.sector.index())).or_default();
            e.0 += c.0 as f64;
            e.1 += 1.0;
        }
    }
    a.step();
    b.step();
    let inv = by_firm::<QualityInvestment>(&mut a);
    let (c2a, c2b) = (by_firm::<Capability>(&mut a), by_firm::<Capability>(&mut b));
    let mut spilled = 0;
    for (id, (f, c)) in &c1 {
        let x = c.0 as f64;
        let i = inv[id].1.rate as f64;
        // Without the programme: the update rule alone.
        let want =
            (x + (p.efficiency * i * (1.0 - x) - p.decay_per_year * x) / 12.0).clamp(0.001, 0.999);
        assert!(
            (c2a[id].1.0 as f64 - want).abs() < 2e-6,
            "firm {id}: {} vs {want}",
            c2a[id].1.0
        );
        // With it: the spill-over term on top, for small firms behind their leaders.
        let lead = sums
            .get(&(f.district, f.sector.index()))
            .map(|(s, n)| s / n)
            .filter(|l| !f.large() && *l > x);
        let extra = lead.map_or(0.0, |l| p.spillover_per_year * 1.0 * (l - x) / 12.0);
        let got = c2b[id].1.0 as f64 - c2a[id].1.0 as f64;
        assert!(
            (got - extra).abs() < 4e-6,
            "firm {id}: moved {got}, expected {extra}"
        );
        if extra > 1e-4 {
            spilled += 1;
        }
    }
    assert!(
        spilled > 100,
        "only {spilled} small firms gained from a leader"
    );
}

/// Brands: `B ← B(1 − δ/12) + α/12 · max(0, c − c̄) · B · support · (1 − B/K)` a month, for a
/// firm whose penalty is not published (DOMAIN.md §4, with the revenue ceiling K).
#[test]
fn brand_values_follow_their_growth_rule() {
    let s = scenario(
        r#"(name: "t", seed: 12, scale: Enterprises(11000), levers: (city: (budget_share_of_gdp: 0.05, brand_support: 1.5)))"#,
    );
    let b = s.params.brands.clone();
    let mut sim = Sim::new(s, 0);
    sim.step();
    let before = by_firm::<Brand>(&mut sim);
    let t = sim.tick();
    sim.step();
    let after = by_firm::<Brand>(&mut sim);
    let caps = by_firm::<Capability>(&mut sim);
    let credit = by_firm::<CreditRecord>(&mut sim);
    let reference = sim.world().resource::<Calibration>().brand_reference;
    let support: Vec<f64> = programmes(&mut sim)
        .iter()
        .map(|x| x.1.brand_support)
        .collect();
    let (mut n, mut grew) = (0, 0);
    for (id, (f, b0)) in &before {
        if credit[id].1.published(t) {
            continue;
        }
        let v = b0.value as f64;
        let c = caps[id].1.0 as f64;
        let room = (1.0 - v / b0.ceiling as f64).max(0.0);
        let growth = b.growth_per_year / 12.0
            * (c - reference).max(0.0)
            * v
            * support[f.district as usize]
            * room;
        let want = v * (1.0 - b.erosion_per_year / 12.0) + growth;
        let got = after[id].1.value as f64;
        assert!(
            (got - want).abs() <= 1e-5 * want.max(1.0),
            "firm {id}: {got} vs {want}"
        );
        n += 1;
        grew += (got > v) as u32;
    }
    assert!(n > 1000 && grew > 100, "{n} brands checked, {grew} grew");
}

/// Standards: each large firm leads a national standard in a month with chance
/// `national_per_year/12 × c^e / norm × (1 + effect × support)`, so the count over two years
/// matches the sum of those chances (a Poisson-binomial: z within ±4).
#[test]
fn standards_led_match_their_expected_count() {
    // Five seeds, national and international standards apart: the draw finds its candidates
    // at a bound of every firm's chance and thins them, so each kind's count checks the bound
    // and the thinning.
    let (mut expected, mut var, mut counted) = ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
    for seed in 13..18 {
        let s = scenario(&format!(
            r#"(name: "t", seed: {seed}, scale: Enterprises(11000), levers: (city: (budget_share_of_gdp: 0.05, standards_support: 1.0)))"#
        ));
        let p = s.params.standards.clone();
        let mut sim = Sim::new(s, 0);
        let norm = sim.world().resource::<Calibration>().standards_norm;
        let mut last = by_firm::<StandardsLed>(&mut sim);
        for _ in 0..24 {
            sim.step();
            let support: Vec<f64> = programmes(&mut sim)
                .iter()
                .map(|x| x.1.standards_support)
                .collect();
            let caps = by_firm::<Capability>(&mut sim);
            let now = by_firm::<StandardsLed>(&mut sim);
            for (id, (f, led)) in &now {
                // The draw used this month's capability (Standards runs after Capability).
                let c = caps[id].1.0 as f64;
                let share = c.powf(p.capability_exponent) / norm
                    * (1.0 + p.support_effect * support[f.district as usize]);
                let rates = [p.national_per_year, p.international_per_year];
                let new = [
                    led.national - last[id].1.national,
                    led.international - last[id].1.international,
                ];
                for k in 0..2 {
                    let q = (rates[k] / 12.0 * share).min(1.0);
                    expected[k] += q;
                    var[k] += q * (1.0 - q);
                    counted[k] += new[k] as f64;
                }
            }
            last = now;
        }
    }
    for (k, kind) in ["national", "international"].into_iter().enumerate() {
        let z = (counted[k] - expected[k]) / var[k].sqrt();
        eprintln!(
            "{kind} standards: {} led, {:.1} expected (z {z:.2})",
            counted[k], expected[k]
        );
        assert!(expected[k] > 50.0, "too few for a test: {}", expected[k]);
        assert!(z.abs() < 4.0, "{kind}: z = {z}");
    }
}

/// Service satisfaction closes `adjustment_per_year/12` of its gap to its long-run level each
/// month, and the programme raises that level by `programme_effect_points` per unit: so a
/// programme higher by Δ from the start opens a gap of Δ·points·(1 − (1 − k)^t) after t
/// months (a first-order lag), whatever the trend both runs share.
#[test]
fn a_service_programme_raises_satisfaction_as_a_first_order_lag() {
    let run = |programme: f64| {
        let s = scenario(&format!(
            r#"(name: "t", seed: 14, scale: Enterprises(11000),
                levers: (city: (budget_share_of_gdp: 0.05, service_quality_programme: {programme})))"#
        ));
        let p = s.params.services.clone();
        let mut sim = Sim::new(s, 0);
        let mut out = Vec::new();
        for _ in 0..36 {
            sim.step();
            let world = sim.world_mut();
            let mut q = world.query::<(&District, &ServiceQuality)>();
            let mut v: Vec<(u16, f64)> = q
                .iter(world)
                .map(|(d, sq)| (d.index, sq.public_true))
                .collect();
            v.sort_by_key(|x| x.0);
            out.push(v);
        }
        (p, out)
    };
    let (p, low) = run(0.5);
    let (_, high) = run(1.5);
    let k = p.adjustment_per_year / 12.0;
    for (t, (a, b)) in low.iter().zip(&high).enumerate() {
        let want = 1.0 * p.programme_effect_points * (1.0 - (1.0 - k).powi(t as i32 + 1));
        for ((d, x), (_, y)) in a.iter().zip(b) {
            assert!(
                ((y - x) - want).abs() < 1e-9,
                "district {d}, month {}: gap {} vs {want}",
                t + 1,
                y - x
            );
        }
    }
}

/// Builders comply with a mandate at `1 − e^(−κ·D·C)`, κ set so business as usual complies at
/// `bau_compliance` (0.9): doubling every inspection rate (D = 2) should take compliance to
/// about 1 − 0.1² = 0.99, and shares move toward mandate × compliance at the adoption pace.
#[test]
fn builders_comply_more_with_a_mandate_when_enforcement_doubles() {
    let share = |rates: &str| {
        let s = scenario(&format!(
            r#"(name: "t", seed: 15, scale: Enterprises(11000),
                levers: (city: (budget_share_of_gdp: 0.05{rates})))"#
        ));
        let mandate = s.baseline_levers.green_mandate;
        let mut sim = Sim::new(s, 0);
        while sim.step() {}
        let world = sim.world_mut();
        let mut q = world.query::<&ConstructionQuality>();
        let v: Vec<f64> = q.iter(world).map(|c| c.green_share / mandate).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let bau = share("");
    let doubled = share(", inspection_rate: (a: 0.06, b: 0.08, c: 0.10, d: 0.12)");
    eprintln!(
        "green share / mandate: business as usual {bau:.4}, doubled enforcement {doubled:.4}"
    );
    // Capability drifts a little over 13 years, which moves C slightly off 1.
    assert!(
        (bau - 0.9).abs() < 0.02,
        "business as usual complies at {bau}"
    );
    assert!(
        (doubled - 0.99).abs() < 0.01,
        "doubled enforcement complies at {doubled}"
    );
    let _ = Sector::Construction;
}

/// Costs add up: the departments sum to the public total, the total is the sum of the levers'
/// costs, `costs.csv`'s city rows are the sums of its district rows, and its public rows sum
/// to the total (to the yuan each row is rounded to).
#[test]
fn costs_add_up_by_department_lever_district_and_year() {
    let s = scenario(
        r#"(name: "t", seed: 16, scale: Enterprises(11000), levers: (city: (budget_share_of_gdp: 0.0008, brand_support: 1.0)))"#,
    );
    let results = qcity_core::runner::run_replicates(s.clone(), 2, &|| {});
    let summary = qcity_core::output::summarise(&s, &results);
    let c = summary.costs.expect("a run has costs");
    let departments: f64 = c.by_department.iter().map(|d| d.yuan).sum();
    let levers: f64 = c.by_lever.iter().map(|l| l.yuan).sum();
    assert!((departments - c.public_total_yuan).abs() < 1e-6 * c.public_total_yuan);
    assert!((levers - c.public_total_yuan).abs() < 1e-6 * c.public_total_yuan);
    let years: f64 = c.public_by_year.iter().map(|x| x.1).sum();
    assert!((years - c.public_total_yuan).abs() < 1e-6 * c.public_total_yuan);
    assert!(c.public_total_yuan > 0.0 && c.firms_own_yuan > 0.0);
    // Every public yuan is within the districts' budgets: at most share × GDP a year.
    let gdp: f64 = s.districts.iter().map(|d| d.gdp_100m_yuan).sum::<f64>() * 1e8;
    assert!(
        c.public_per_year_yuan <= 0.0008 * gdp * (1.0 + 1e-9),
        "{} > budget",
        c.public_per_year_yuan
    );

    let csv_bytes = qcity_core::costs::costs_csv(&s, &results).expect("costs.csv");
    let mut r = csv::Reader::from_reader(csv_bytes.as_slice());
    let mut city: HashMap<(String, String), f64> = HashMap::new();
    let mut districts: HashMap<(String, String), f64> = HashMap::new();
    let (mut public_rows, mut rows) = (0.0, 0usize);
    for rec in r.records() {
        let rec = rec.unwrap();
        let key = (rec[0].to_string(), rec[3].to_string());
        let yuan: f64 = rec[5].parse().unwrap();
        if &rec[1] == "city" {
            *city.entry(key).or_default() += yuan;
            if &rec[4] == "public" {
                public_rows += yuan;
                rows += 1;
            }
        } else {
            *districts.entry(key).or_default() += yuan;
        }
    }
    for (k, v) in &city {
        assert!(
            (v - districts[k]).abs() <= 38.0,
            "{k:?}: city {v}, districts {}",
            districts[k]
        );
    }
    assert!(
        (public_rows - c.public_total_yuan).abs() <= rows as f64,
        "{public_rows} vs {}",
        c.public_total_yuan
    );
}

/// The window's cost panel: the yearly cost by department at this month's rate, and the
/// estimate for a lever's new value before it applies, equal to what is spent once it does
/// (brand support doubled under an ample budget: the brand programme's cost doubles).
#[test]
fn the_cost_estimate_for_a_lever_change_matches_the_cost_once_it_applies() {
    let s = scenario(
        r#"(name: "t", seed: 17, scale: Enterprises(11000), levers: (city: (budget_share_of_gdp: 0.05, brand_support: 0.5)),
        events: [(at: "2023-03", action: SetLever(lever: brand_support, value: 1.0))])"#,
    );
    let mut sim = Sim::new(s, 0);
    sim.step();
    let (now, _) = qcity_core::costs::yearly_by_department(sim.world_mut(), None).unwrap();
    let spent: f64 = programmes(&mut sim)
        .iter()
        .map(|x| x.1.spent.iter().sum::<f64>())
        .sum();
    let total: f64 = now.iter().map(|x| x.1).sum();
    assert!((total - spent * 12.0 * 1e4).abs() < 1e-6 * total);
    let (est, _) = qcity_core::costs::yearly_by_department(
        sim.world_mut(),
        Some((qcity_core::scenario::LeverName::BrandSupport, 1.0)),
    )
    .unwrap();
    sim.step(); // February: still 0.5
    sim.step(); // March: the change applies
    let (after, _) = qcity_core::costs::yearly_by_department(sim.world_mut(), None).unwrap();
    let market = |v: &[(qcity_core::levers::Department, f64)]| {
        v.iter()
            .find(|x| x.0 == qcity_core::levers::Department::MarketRegulation)
            .unwrap()
            .1
    };
    // The brand programme's cost is firms × unit cost × support: exact. Inspectors' cost follows
    // the registered enterprises, which do not change.
    assert!(
        (market(&est) - market(&after)).abs() < 1e-6 * market(&after),
        "estimate {} vs after {}",
        market(&est),
        market(&after)
    );
    assert!(market(&est) > market(&now));
}
