//! Step 3 of the month: Enterprise quality investment (item 17 主体责任; item 25 incentives and joint punishment;
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
//!   penalty avoided per unit of capability is (yearly inspection chance at its grade, sector
//!   weight and the district's capacity scale) × (detection skill) × (fine) ×
//!   |∂ defect / ∂ capability|: too few inspectors weaken deterrence.
//! - `MC` = cost × (1 − subsidy). Blacklisted firms under joint punishment get no subsidy and
//!   D-grade financing.

use super::prelude::*;

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
    let sw = p.inspection.sector_weight.values();
    // Per district, what does not depend on the firm: the expected-penalty factor and the
    // financing cap of each grade, the brand premium, the subsidy, joint punishment.
    struct D {
        penalty: [f64; 4],
        cap: [f64; 4],
        premium: f64,
        subsidy: f64,
        joint: bool,
    }
    let mut by_d: Vec<D> = (0..districts.iter().count())
        .map(|_| D {
            penalty: [0.0; 4],
            cap: [0.0; 4],
            premium: 0.0,
            subsidy: 0.0,
            joint: false,
        })
        .collect();
    for (d, l, prog) in districts.iter() {
        let l = &l.0;
        by_d[d.index as usize] = D {
            penalty: Grade::ALL.map(|g| {
                marginal_benefit(
                    inv,
                    1.0,
                    gamma,
                    crate::rng::Pow::new(0.0),
                    0.0,
                    l.inspection_rate.get(g) * prog.sampling_scale,
                    prog.mean_skill,
                    l.fine_months,
                    0.0,
                    false,
                ) - inv.market_return
            }),
            cap: Grade::ALL.map(|g| inv.max_rate * inv.finance_by_grade.get(g)),
            premium: inv.brand_premium * prog.brand_support,
            subsidy: prog.subsidy_rate,
            joint: l.joint_punishment,
        };
    }
    let (by_d, cal) = (&by_d, &*cal);
    for (firms, caps, credits, mut invest) in firms.contiguous_iter_mut().expect(DENSE) {
        // Every firm changes every month: skip per-entity change ticks (nothing reads them).
        for_batches_mut(invest.bypass_change_detection(), |at, invest| {
            let n = invest.len();
            let batch = firms[at..at + n]
                .iter()
                .zip(&caps[at..at + n])
                .zip(&credits[at..at + n]);
            for (((f, c), credit), i) in batch.zip(invest) {
                let d = &by_d[f.district as usize];
                let c = c.0 as f64;
                let punished = d.joint && credit.blacklisted(t);
                let g = if punished { Grade::D } else { credit.grade }.index();
                // marginal_benefit(), with the firm-independent parts from `d`.
                let k = cal.defect_scale[f.sector.index()];
                let mb = inv.market_return
                    + d.penalty[g] * sw[f.sector.index()] * k * g1.of((1.0 - c).max(0.0))
                    + if f.large() { d.premium } else { 0.0 };
                let sub = if punished { 0.0 } else { d.subsidy };
                let mc = inv.cost * i.cost_factor as f64 * (1.0 - sub);
                i.rate = rate(mb, mc, d.cap[g], inv.max_rate) as f32;
            }
        });
    }
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

/// The investment rate that holds capability `c` steady given the spill-over it receives:
/// `η·i·(1 − c) + spill = δ·c`.
pub fn steady_rate(p: &crate::params::Capability, c: f64, spill: f64) -> f64 {
    (p.decay_per_year * c - spill) / (p.efficiency * (1.0 - c)).max(1e-9)
}
