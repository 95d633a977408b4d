//! 3. Enterprise quality investment (item 17 主体责任; item 25 incentives and joint punishment;
//! items 15–16 brand premium).
//!
//! Each month a firm sets its investment rate `i` to maximise `MB·i − MC·i²/(2·i_max)`, a
//! quadratic-cost best response, so `i = i_max · MB / MC`, capped by what its credit grade lets
//! it finance:
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
        let d_defect = k * gamma * (1.0 - c).max(0.0).powf(gamma - 1.0);
        let penalty =
            inv.penalty_weight * l.inspection_rate.get(grade) * skill * l.fine_months * d_defect;
        let premium = if f.large {
            inv.brand_premium * brand
        } else {
            0.0
        };
        let mb = inv.market_return + penalty + premium;
        let sub = if punished { 0.0 } else { *subsidy };
        let mc = inv.cost * (1.0 - sub);
        let cap = inv.max_rate * inv.finance_by_grade.get(grade);
        i.0 = (inv.max_rate * mb / mc).min(cap) as f32;
    });
}
