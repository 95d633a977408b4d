//! Step 11b of the month: Construction quality (items 9–11, 二(三)): prefabricated and green shares of new
//! building, and acceptance of major projects; an aggregate district sub-model.
//!
//! Builders respond to a mandate as to any rule: they comply where breaking it is likely to be
//! caught and fined, and capable builders comply more cheaply. The share a district's builders
//! reach is `mandate × compliance`, with
//! `compliance = 1 − e^(−κ · deterrence · capability / capability₀)`, where deterrence is the
//! expected penalty on the district's construction firms (their inspection rates by credit
//! grade × inspector skill × fine) relative to business as usual, capability is their mean
//! capability relative to the start, and κ is solved so that business as usual complies at
//! `bau_compliance`. So a share can fall short of its mandate, and does unless enforcement is
//! strong. Shares move toward that level by `adoption_points_per_year / 12` percentage points a
//! month (scaled by funding). Major projects complete at random (Poisson, ∝ GDP); each fails
//! acceptance with the mean defect probability of the district's construction firms ×
//! `acceptance_failure_factor`. The acceptance rate is measured over the trailing 12 months.

use super::prelude::*;
use crate::rng::{Stream, poisson, uniform};

/// The expected penalty on a district's builders, relative units: the mean inspection rate
/// over their credit grades × inspector skill × fine.
pub fn deterrence(levers: &crate::levers::Levers, firms_by_grade: &[f64; 4]) -> f64 {
    let n: f64 = firms_by_grade.iter().sum();
    if n <= 0.0 {
        return 0.0;
    }
    let rate: f64 = Grade::ALL
        .iter()
        .map(|g| firms_by_grade[g.index()] * levers.inspection_rate.get(*g))
        .sum::<f64>()
        / n;
    rate * levers.inspector_skill * levers.fine_months
}

/// The share of a mandate builders comply with.
pub fn compliance(relative_deterrence: f64, relative_capability: f64, bau_compliance: f64) -> f64 {
    let kappa = -(1.0 - bau_compliance.clamp(1e-6, 1.0 - 1e-9)).ln();
    1.0 - (-kappa * relative_deterrence * relative_capability).exp()
}

pub fn update_construction(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    stats: Res<FirmStats>,
    mut districts: Query<(
        &District,
        &LeversInForce,
        &Programmes,
        &mut ConstructionQuality,
    )>,
) {
    let p = &run.params().construction;
    let t = clock.tick;
    let key = run.key.stream(Stream::Construction);
    let step = p.adoption_points_per_year / 12.0;
    let cs = Sector::Construction.index();
    let bau = &run.scenario.baseline_levers;
    for (d, levers, prog, mut cq) in districts.iter_mut() {
        let l = &levers.0;
        let speed = step * prog.funding.max(0.0);
        let st = &stats.by_district[d.index as usize];
        let by_grade = &st.by_sector_grade[cs];
        let base = deterrence(bau, by_grade);
        let rel_deterrence = if base > 0.0 {
            deterrence(l, by_grade) / base
        } else {
            1.0
        };
        let sc = &st.sectors[cs];
        let rel_capability = if sc.firms > 0.0 && cal.start_capability[cs] > 0.0 {
            sc.capability / sc.firms / cal.start_capability[cs]
        } else {
            1.0
        };
        let comply = compliance(rel_deterrence, rel_capability, p.bau_compliance);
        let toward = |x: f64, goal: f64| {
            if x < goal {
                (x + speed).min(goal)
            } else {
                (x - speed).max(goal)
            }
        };
        cq.prefab_share = toward(cq.prefab_share, l.prefab_mandate * comply);
        cq.green_share = toward(cq.green_share, l.green_mandate * comply);
        let st = &st.sectors[cs];
        let defect = if st.firms > 0.0 {
            st.defect / st.firms
        } else {
            0.0
        };
        let fail = (defect * p.acceptance_failure_factor).min(1.0);
        let mut r = key.rng(d.index as u64, t);
        let projects = poisson(
            &mut r,
            p.major_projects_per_100bn_gdp * d.gdp_100m_yuan / 1000.0 / 12.0,
        ) as u32;
        let mut passed = 0;
        for _ in 0..projects {
            if uniform(&mut r) >= fail {
                passed += 1;
            }
        }
        cq.acceptance[(t % 12) as usize] = (projects, passed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Business as usual complies at its stated rate; more deterrence or more capable builders
    /// comply more, never fully; no enforcement, no compliance.
    #[test]
    fn compliance_rises_with_deterrence_and_never_reaches_the_mandate() {
        assert!((compliance(1.0, 1.0, 0.9) - 0.9).abs() < 1e-12);
        assert_eq!(compliance(0.0, 1.0, 0.9), 0.0);
        let mut last = 0.0;
        for d in [0.5, 1.0, 1.5, 2.0, 4.0] {
            let c = compliance(d, 1.0, 0.9);
            assert!(c > last && c < 1.0, "{d}: {c}");
            last = c;
        }
        assert!(compliance(1.0, 1.2, 0.9) > compliance(1.0, 1.0, 0.9));
    }

    /// The expected penalty is the grade-weighted inspection rate × skill × fine.
    #[test]
    fn deterrence_weighs_the_rates_by_the_builders_grades() {
        let mut l = crate::scenario::ModelDefaults::embedded().levers;
        l.inspection_rate = crate::params::PerGrade {
            a: 0.1,
            b: 0.2,
            c: 0.3,
            d: 0.4,
        };
        l.inspector_skill = 0.5;
        l.fine_months = 2.0;
        let d = deterrence(&l, &[1.0, 1.0, 0.0, 2.0]);
        assert!((d - (0.1 + 0.2 + 0.8) / 4.0 * 0.5 * 2.0).abs() < 1e-12);
        assert_eq!(deterrence(&l, &[0.0; 4]), 0.0);
    }
}
