//! Step 2 of the month: District budgets and programmes (四(一) 资金保障; 四(二) incentives).
//!
//! Each district's budget for quality work is a share of its GDP, scaled by its leaders'
//! effort. The levers say what the district wants to fund; when that costs more than the budget,
//! every programme is funded pro rata. Funded inspectors become inspector entities (hired this
//! month, at work from the next).

use super::prelude::*;
use crate::levers::LeverName;

/// The levers with a public cost, in the order of `Programmes::spent`: inspectors (salaries),
/// the quality-investment subsidy, and the brand, standards, chain-leader and service
/// programmes. Their unit costs are in `assets/model.ron` (`inspection.inspector_cost_10k_yuan`,
/// `budget.*`); each lever's department is declared in `levers.rs`. The other levers (rates,
/// skill, fines, credit rules, mandates, leaders' effort) have no public cost in the model.
pub const COSTED: [LeverName; N_COSTED] = [
    LeverName::InspectorsPer1000Firms,
    LeverName::SubsidyRate,
    LeverName::BrandSupport,
    LeverName::StandardsSupport,
    LeverName::ChainLeaderProgramme,
    LeverName::ServiceQualityProgramme,
];
use crate::rng::{StreamKey, normal};

/// Simulated inspectors for a district: real inspectors × (simulated / real firms), at least 1.
/// Capped at 65,535 a district (the inspector index is 16-bit; far beyond any real office).
pub fn simulated_inspectors(simulated_firms: u32, per_1000: f64, funding: f64) -> u32 {
    ((simulated_firms as f64 / 1000.0 * per_1000 * funding).round() as u32)
        .clamp(1, u16::MAX as u32)
}

/// A new inspector. Skill offsets come in antithetic pairs (the first inspector 0, then +m, −m
/// for each next pair, with |m| drawn per pair), so a district's mean skill stays at its lever
/// even when only a few inspectors are simulated.
pub fn new_inspector(key: StreamKey, district: u16, index: u16, sd: f64) -> Inspector {
    let offset = if index == 0 {
        0.0
    } else {
        let pair = (index as u64).div_ceil(2);
        let mut r = key.rng(((district as u64) << 16) | pair, 0);
        let m = sd * normal(&mut r).abs();
        if index % 2 == 1 { m } else { -m }
    };
    Inspector {
        district,
        index,
        skill_offset: offset as f32,
        active: true,
        load: 0,
    }
}

pub fn fund_programmes(
    run: Res<Run>,
    rules: Res<super::assessment::RaceRules>,
    stats: Res<FirmStats>,
    mut roster: ResMut<InspectorRoster>,
    mut commands: Commands,
    mut districts: Query<(
        &District,
        &LeversInForce,
        &super::assessment::RaceState,
        &mut Programmes,
    )>,
    mut inspectors: Query<&mut Inspector>,
) {
    let p = run.params();
    let b = &p.budget;
    let mut counts = vec![0u32; roster.skills.len()];
    for i in inspectors.iter() {
        counts[i.district as usize] = counts[i.district as usize].max(i.index as u32 + 1);
    }
    let mut wanted = vec![(0u32, 0.0f64); roster.skills.len()];
    let race = &rules.assessment;
    for (d, levers, standing, mut prog) in districts.iter_mut() {
        // The horse race (assessment.rs): green districts get a budget bonus; leaders' real
        // effort raises every programme; gaming lowers the rigour of inspections.
        let (bonus, boost, rigour) = if race.enabled {
            (
                if standing.band == super::assessment::Band::Green {
                    race.budget_bonus
                } else {
                    0.0
                },
                1.0 + standing.effort * race.effort_programme_effect,
                1.0 - standing.gaming * race.gaming_rigour_loss,
            )
        } else {
            (0.0, 1.0, 1.0)
        };
        let mut l = levers.0.clone();
        for x in [
            &mut l.subsidy_rate,
            &mut l.brand_support,
            &mut l.standards_support,
            &mut l.chain_leader_programme,
            &mut l.service_quality_programme,
            &mut l.inspectors_per_1000_firms,
        ] {
            *x *= boost;
        }
        l.subsidy_rate = l.subsidy_rate.min(0.9);
        l.inspector_skill *= rigour;
        let l = &l;
        let firms = d.enterprises;
        let budget =
            d.gdp_100m_yuan * 1e4 * l.budget_share_of_gdp / 12.0 * l.leader_effort * (1.0 + bonus);
        let inspectors = firms / 1000.0 * l.inspectors_per_1000_firms;
        let st = &stats.by_district[d.index as usize];
        let invest: f64 = st.sectors.iter().map(|s| s.investment).sum();
        let monthly = |per_year: f64| per_year / 12.0;
        // Each costed lever's cost this month, in the order of COSTED.
        let items: [f64; N_COSTED] = [
            monthly(inspectors * p.inspection.inspector_cost_10k_yuan),
            monthly(l.subsidy_rate * invest * b.investment_per_firm_10k_yuan),
            monthly(l.brand_support * firms * b.brand_cost_per_firm),
            monthly(l.standards_support * firms * b.standards_cost_per_firm),
            monthly(l.chain_leader_programme * firms * b.chain_leader_cost_per_firm),
            monthly(
                l.service_quality_programme * d.population_10k * 1e4 * b.services_cost_per_resident,
            ),
        ];
        let cost = items[0] + items[1] + items[2] + items[3] + items[4] + items[5];
        let funding = if cost > budget { budget / cost } else { 1.0 };
        prog.spent = items.map(|c| c * funding);
        prog.firms_own = monthly(invest * b.investment_per_firm_10k_yuan) - prog.spent[1];
        prog.budget = budget;
        prog.cost = cost;
        prog.funding = funding;
        prog.subsidy_rate = l.subsidy_rate * funding;
        prog.brand_support = l.brand_support * funding;
        prog.standards_support = l.standards_support * funding;
        prog.chain_leader = l.chain_leader_programme * funding;
        prog.service_quality = l.service_quality_programme * funding;
        prog.inspectors = inspectors * funding;
        prog.inspection_capacity = prog.inspectors * p.inspection.capacity_per_inspector_month;
        prog.rigour = rigour;
        let n = simulated_inspectors(d.simulated_firms, l.inspectors_per_1000_firms, funding);
        wanted[d.index as usize] = (n, l.inspector_skill);
    }

    // Activate the funded inspectors (lowest index first); hire the missing ones.
    let mut skills: Vec<Vec<f32>> = vec![Vec::new(); wanted.len()];
    let mut ordered: Vec<Mut<Inspector>> = inspectors.iter_mut().collect();
    ordered.sort_by_key(|i| (i.district, i.index));
    for mut i in ordered {
        let (n, skill) = wanted[i.district as usize];
        i.active = (i.index as u32) < n;
        i.load = 0;
        if i.active {
            skills[i.district as usize].push((skill as f32 + i.skill_offset).clamp(0.01, 0.99));
        }
    }
    let key = run.key.stream(crate::rng::Stream::Inspectors);
    for (d, &(n, _)) in wanted.iter().enumerate() {
        for k in counts[d]..n {
            commands.spawn(new_inspector(
                key,
                d as u16,
                k as u16,
                p.inspection.skill_sd,
            ));
        }
    }
    for (d, _, _, mut prog) in districts.iter_mut() {
        let s = &skills[d.index as usize];
        prog.simulated_inspectors = s.len() as u32;
        prog.mean_skill = if s.is_empty() {
            0.0
        } else {
            s.iter().map(|&x| x as f64).sum::<f64>() / s.len() as f64
        };
    }
    roster.skills = skills;
}
