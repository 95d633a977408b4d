//! 3. Enterprise quality investment (item 17 主体责任; item 25 incentives and joint punishment;
//! items 15–16 brand premium).
//!
//! Each month a firm sets its investment rate `i` to maximise `MB·i − MC·i²/(2·i_max)`, a
//! quadratic-cost best response, so `i = i_max · MB / MC`, capped by what its credit grade lets
//! it finance. Firms differ in what quality costs them: each firm's cost factor is set at the
//! start so that, under the business-as-usual levers, its investment exactly offsets decay at
//! its initial capability (the 2022 state is the steady state of 2022 policy). Policy changes
//! then move firms from there.
//!
//! - `MB` = market return + the expected penalty avoided + the brand premium. The expected
//!   penalty avoided per unit of capability is (yearly inspection chance at its grade) ×
//!   (detection skill) × (fine) × |∂ defect / ∂ capability|.
//! - `MC` = cost × (1 − subsidy). Blacklisted firms under joint punishment get no subsidy and
//!   D-grade financing.

use super::setup::Calibration;
use super::*;

pub fn choose_investment(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    districts: Query<(&District, &LeversInForce, &Programmes)>,
    mut firms: Query<(&Firm, &Capability, &CreditRecord, &mut QualityInvestment)>,
) {
    let p = run.params();
    let inv = &p.investment;
    let gamma = p.quality.defect_exponent;
    let t = clock.tick;
    let g1 = crate::rng::Pow::new(gamma - 1.0);
    let mut by_d: Vec<(crate::params::Levers, f64, f64, f64)> = Vec::new();
    by_d.resize(
        districts.iter().count(),
        (run.scenario.city_levers.clone(), 0.0, 0.0, 0.0),
    );
    for (d, l, prog) in districts.iter() {
        by_d[d.index as usize] = (
            l.0.clone(),
            prog.subsidy_rate,
            prog.brand_support,
            prog.mean_skill,
        );
    }
    let by_d = &by_d;
    let cal = &*cal;
    firms.par_iter_mut().for_each(|(f, c, credit, mut i)| {
        let (l, subsidy, brand, skill) = &by_d[f.district as usize];
        let c = c.0 as f64;
        let punished = l.joint_punishment && credit.blacklisted(t);
        let grade = if punished { Grade::D } else { credit.grade };
        let k = cal.defect_scale[f.sector.index()];
        let mb = marginal_benefit(
            inv,
            k,
            gamma,
            g1,
            c,
            l.inspection_rate.get(grade),
            *skill,
            l.fine_months,
            *brand,
            f.large,
        );
        let sub = if punished { 0.0 } else { *subsidy };
        let mc = inv.cost * i.cost_factor as f64 * (1.0 - sub);
        let cap = inv.max_rate * inv.finance_by_grade.get(grade);
        i.rate = rate(mb, mc, cap, inv.max_rate) as f32;
    });
}

/// The best response `i_max · MB / MC`, capped.
pub fn rate(mb: f64, mc: f64, cap: f64, max_rate: f64) -> f64 {
    (max_rate * mb / mc.max(1e-9)).min(cap).max(0.0)
}

/// Marginal benefit of capability for a firm (see the module docs).
#[allow(clippy::too_many_arguments)]
pub fn marginal_benefit(
    inv: &crate::params::Investment,
    defect_scale: f64,
    gamma: f64,
    gamma_less_one: crate::rng::Pow,
    c: f64,
    inspection_rate: f64,
    skill: f64,
    fine_months: f64,
    brand_support: f64,
    large: bool,
) -> f64 {
    let d_defect = defect_scale * gamma * gamma_less_one.of((1.0 - c).max(0.0));
    let penalty = inv.penalty_weight * inspection_rate * skill * fine_months * d_defect;
    let premium = if large {
        inv.brand_premium * brand_support
    } else {
        0.0
    };
    inv.market_return + penalty + premium
}

/// The investment rate that holds capability `c` steady: `η·i·(1 − c) = δ·c`.
pub fn steady_rate(p: &crate::params::Capability, c: f64) -> f64 {
    p.decay_per_year * c / (p.efficiency * (1.0 - c)).max(1e-9)
}
