//! The model's start and its business-as-usual path reproduce every observation that
//! `seeds/observations.ron` marks for calibration, each within a tolerance stated here with
//! its reason. An observation for calibration that no check covers fails the test, so a
//! figure cannot be added to the seeds without saying how the model reproduces it.
//!
//! Chongqing's own figures are levels: the model's start (end of 2022) must equal them,
//! carried from their year to the start at the pace the model's derivation names. National
//! figures are series whose shape the model's business-as-usual trend must follow: the level
//! is Chongqing's, so a series is compared after fitting its intercept.

use qcity_core::data::observations::{self, Observation, Role, Scope};
use qcity_core::runner;
use qcity_core::scenario::{self, Scenario};
use qcity_core::sim::ReplicateResult;
use qcity_core::vocab::index_of;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// Business as usual from the end of 2022 to 2035, four replicates.
fn business_as_usual() -> (Arc<Scenario>, Vec<ReplicateResult>) {
    let text = std::fs::read_to_string("scenarios/business-as-usual.ron").unwrap();
    let s = Arc::new(
        scenario::from_str(&text, Path::new("scenarios/business-as-usual.ron"))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let r = runner::run_replicates(s.clone(), 4, &|| {});
    (s, r)
}

/// City value of `id` at `month` (0 = January 2023), mean over replicates.
fn city(r: &[ReplicateResult], id: &str, month: usize) -> f64 {
    let k = index_of(id).unwrap_or_else(|| panic!("no indicator {id}"));
    r.iter().map(|x| x.values[month][0][k]).sum::<f64>() / r.len() as f64
}

/// Mean of `id` over the twelve months of year `y` (2023 = the first).
fn year_mean(r: &[ReplicateResult], id: &str, y: i32) -> f64 {
    let m0 = ((y - 2023) * 12) as usize;
    (m0..m0 + 12).map(|m| city(r, id, m)).sum::<f64>() / 12.0
}

/// The national pass-rate series of `id` against the model's trend of the nonconforming
/// share, e^(τ·t), with the intercept fitted in logs: the largest miss in points.
fn pass_rate_series_miss(series: &[&Observation], tau: f64) -> f64 {
    let logs: Vec<f64> = series
        .iter()
        .map(|o| (100.0 - o.value).ln() - tau * (o.year - 2022) as f64)
        .collect();
    let a = logs.iter().sum::<f64>() / logs.len() as f64;
    series
        .iter()
        .map(|o| {
            let model = 100.0 - (a + tau * (o.year - 2022) as f64).exp();
            eprintln!(
                "  {} {}: published {:.2}, model's trend {model:.2}",
                o.id, o.year, o.value
            );
            (model - o.value).abs()
        })
        .fold(0.0, f64::max)
}

#[test]
fn the_model_reproduces_every_calibration_observation() {
    let obs = observations::embedded();
    let (s, r) = business_as_usual();
    let p = &s.params;
    let last = r[0].values.len() - 1;
    let years = last as f64 / 12.0;
    let mut covered: BTreeSet<(String, String, i32)> = BTreeSet::new();
    let mut cover = |list: &[&Observation]| {
        for o in list {
            covered.insert((o.id.clone(), format!("{:?}", o.scope), o.year));
        }
    };
    let calib = |id: &str, scope: Scope| -> Vec<&Observation> {
        obs.series(id, &scope)
            .into_iter()
            .filter(|o| o.role == Role::Calibration)
            .collect()
    };
    let check = |what: &str, got: f64, want: f64, tol: f64| {
        eprintln!("{what}: model {got:.3}, from the observations {want:.3} (± {tol})");
        assert!(
            (got - want).abs() <= tol,
            "{what}: {got} against {want} ± {tol}"
        );
    };

    // Agriculture, Chongqing 2021: 99.32 %. The model's first-year published rate; 0.3 points
    // is the statistical sample's standard error at about 60,000 batches a year and the
    // trend's movement over the two years between (−3.8 % of 0.68).
    let ag = calib("ag_pass_rate", Scope::City);
    for o in &ag {
        check(
            "ag_pass_rate 2023 (Chongqing)",
            year_mean(&r, "ag_pass_rate", 2023),
            o.value,
            0.3,
        );
    }
    cover(&ag);

    // National pass-rate series: the model's trend of the nonconforming share follows their
    // shape within the series' own year-to-year scatter (0.3 points, about the largest single
    // move in each series).
    let q = &p.quality.trend_nonconforming_per_year;
    for (id, tau) in [
        ("ag_pass_rate", q.agriculture),
        ("food_pass_rate", q.food),
        ("mfg_pass_rate", q.manufacturing),
    ] {
        let series = calib(id, Scope::National);
        assert!(series.len() >= 3, "{id}: a trend needs three points");
        let miss = pass_rate_series_miss(&series, tau);
        check(
            &format!("{id} national series, largest miss"),
            miss,
            0.0,
            0.3,
        );
        // And the simulated business as usual carries that trend (the true rate, no sampling
        // noise): its nonconforming share changes by τ a year within 0.012.
        let truth = format!("{id}_true");
        let (a, b) = (100.0 - city(&r, &truth, 0), 100.0 - city(&r, &truth, last));
        check(
            &format!("{id} simulated trend a year"),
            (b / a).ln() / years,
            tau,
            0.012,
        );
        cover(&series);
    }

    // Construction, Chongqing: prefabricated 18.6 % (2021), green 57.24 % (2020), carried to
    // the end of 2022 at the published paces (3 and 7.1 points a year, assets/model.ron). The
    // model's first month may move toward compliance by a month's adoption (5/12 points), so
    // 0.6 points.
    for (id, pace) in [("prefab_share", 3.0), ("green_building_share", 7.1)] {
        let list = calib(id, Scope::City);
        for o in &list {
            let want = o.value + pace * (2022 - o.year) as f64;
            check(&format!("{id} at the start"), city(&r, id, 0), want, 0.6);
        }
        cover(&list);
    }

    // National quality brands held, Chongqing 2023: 8, exactly at the start.
    let brands = calib("national_brand_count", Scope::City);
    for o in &brands {
        check(
            "national_brand_count at the start",
            city(&r, "national_brand_count", 0),
            o.value,
            0.0,
        );
    }
    cover(&brands);

    // Standards led or joined, Chongqing's stocks (2021, 2022): their yearly flow against the
    // model's business-as-usual count per year over 2023–2035. International: the flow
    // itself, ± 1 (Poisson noise of about 90 standards over 13 years in four replicates is
    // about 0.4 a year; the rest is the rising capability). National: half the national-and-
    // sectoral flow (sources do not split them; assets/model.ron), ± 15 %.
    for (stock, model_id, share, tol_rel) in [
        ("intl_standards_stock", "intl_standards", 1.0, None),
        (
            "national_industry_standards_stock",
            "national_standards",
            0.5,
            Some(0.15),
        ),
    ] {
        let list = calib(stock, Scope::City);
        assert_eq!(list.len(), 2, "{stock}: two points make a flow");
        let flow = share * (list[1].value - list[0].value) / (list[1].year - list[0].year) as f64;
        let got = city(&r, model_id, last) / years;
        let tol = tol_rel.map_or(1.0, |t| t * flow);
        check(&format!("{model_id} a year"), got, flow, tol);
        cover(&list);
    }

    // Private enterprises, Chongqing 2023: the enterprises the simulated firms stand for.
    let ent = calib("private_enterprises", Scope::City);
    for o in &ent {
        check(
            "registered enterprises",
            p.population.registered_enterprises,
            o.value,
            0.5,
        );
    }
    cover(&ent);

    // MQCI, national 2020 and 2023: the start is the national value at the end of 2022
    // (interpolated) plus Chongqing's 2011 margin (+2.61, assets/model.ron), to 0.05; business
    // as usual rises at the national pace, (85.21 − 84.78) / 3 a year, within 0.05 a year.
    let mqci = calib("mqci", Scope::National);
    assert_eq!(mqci.len(), 2);
    let slope = (mqci[1].value - mqci[0].value) / (mqci[1].year - mqci[0].year) as f64;
    let at_2022 = mqci[0].value + slope * (2022 - mqci[0].year) as f64;
    check(
        "mqci at the start",
        city(&r, "mqci", 0),
        at_2022 + 2.61,
        0.1,
    );
    check(
        "mqci business-as-usual points a year",
        (city(&r, "mqci", last) - city(&r, "mqci", 0)) / years,
        slope,
        0.05,
    );
    cover(&mqci);

    // Satisfaction, national: the start is the national value at the end of 2022 (linear
    // between the points), to 0.15; business as usual's first two years rise at the national
    // pace, within 0.2 points a year (the simulated survey's noise over two years).
    for (id, base) in [
        ("public_service_satisfaction", p.services.baseline_public),
        ("life_service_satisfaction", p.services.baseline_life),
    ] {
        let list = calib(id, Scope::National);
        assert_eq!(list.len(), 2);
        let (a, b) = (list[0], list[1]);
        let slope = (b.value - a.value) / (b.year - a.year) as f64;
        let at_2022 = a.value + slope * (2022 - a.year) as f64;
        check(&format!("{id} baseline"), base, at_2022, 0.15);
        let truth = format!("{id}_true");
        let got = (city(&r, &truth, 24) - city(&r, &truth, 0)) / 2.0;
        check(
            &format!("{id} business-as-usual points a year"),
            got,
            slope,
            0.2,
        );
        cover(&list);
    }

    // Every calibration observation is covered by a check above.
    let all: BTreeSet<(String, String, i32)> = obs
        .observations
        .iter()
        .filter(|o| o.role == Role::Calibration)
        .map(|o| (o.id.clone(), format!("{:?}", o.scope), o.year))
        .collect();
    let missing: Vec<_> = all.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "calibration observations no check covers: {missing:?}"
    );
}
