//! Step 11b of the month: Construction quality (items 9–11, 二(三)): prefabricated and green shares of new
//! building, and acceptance of major projects; an aggregate district sub-model.
//!
//! Shares move toward the mandates in force by `adoption_points_per_year / 12` percentage points
//! a month (scaled by funding), and stop there: a mandate is met once builders have adapted. Major projects complete at random (Poisson, ∝ GDP); each fails
//! acceptance with the mean defect probability of the district's construction firms ×
//! `acceptance_failure_factor`. The acceptance rate is measured over the trailing 12 months.

use super::prelude::*;
use crate::rng::{Stream, poisson, uniform};

pub fn update_construction(
    run: Res<Run>,
    clock: Res<Clock>,
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
    for (d, levers, prog, mut cq) in districts.iter_mut() {
        let l = &levers.0;
        let speed = step * prog.funding.max(0.0);
        let toward = |x: f64, goal: f64| {
            if x < goal {
                (x + speed).min(goal)
            } else {
                (x - speed).max(goal)
            }
        };
        cq.prefab_share = toward(cq.prefab_share, l.prefab_mandate);
        cq.green_share = toward(cq.green_share, l.green_mandate);
        let st = &stats.by_district[d.index as usize].sectors[cs];
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
