//! The horse race against tournament theory (Lazear & Rosen 1981; DOMAIN.md §4), over several
//! seeds, using the shipped lessons: effort rises with the prize spread and falls with
//! measurement noise; gaming rises with the weight on gameable indicators and falls with
//! auditing; ranking within zones raises the effort of the zones that trail city-wide.

use qcity_core::data::Zone;
use qcity_core::runner::{self, ReplicateResult};
use qcity_core::scenario::{self, Scenario};
use std::path::Path;
use std::sync::Arc;

struct Outcome {
    effort: f64,
    gaming: f64,
    outer_effort: f64,
    gap: f64,
}

fn run(lesson: &str) -> (Arc<Scenario>, Outcome) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/lessons")
        .join(lesson);
    let s = Arc::new(scenario::load(&path).unwrap_or_else(|e| panic!("{e}")));
    let results: Vec<ReplicateResult> = runner::run_replicates(s.clone(), 4, &|| {});
    let outer = |d: usize| s.districts[d].zone != Zone::Metro;
    let (mut e, mut g, mut oe, mut n, mut on) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for r in &results {
        for x in &r.standings {
            e += x.effort;
            g += x.gaming;
            n += 1.0;
            if outer(x.district) {
                oe += x.effort;
                on += 1.0;
            }
        }
    }
    let race = qcity_core::output::race_summary(&s, &results).expect("the race is on");
    let gap = race
        .districts
        .iter()
        .map(|d| d.mean_measured_true_gap)
        .sum::<f64>()
        / race.districts.len() as f64;
    let o = Outcome {
        effort: e / n,
        gaming: g / n,
        outer_effort: oe / on,
        gap,
    };
    eprintln!(
        "{lesson}: effort {:.3}, gaming {:.3}, outer-zone effort {:.3}, measured−true gap {:.3}",
        o.effort, o.gaming, o.outer_effort, o.gap
    );
    (s, o)
}

#[test]
fn effort_rises_with_the_prize_spread_and_falls_with_noise() {
    let (_, base) = run("a-baseline-race.ron");
    let (_, wide) = run("b-wider-prize-spread.ron");
    let (_, noisy) = run("c-noisier-measurement.ron");
    assert!(
        wide.effort > 1.5 * base.effort,
        "spread: {} vs {}",
        wide.effort,
        base.effort
    );
    assert!(
        noisy.effort < 0.7 * base.effort,
        "noise: {} vs {}",
        noisy.effort,
        base.effort
    );
}

#[test]
fn gaming_follows_the_weight_on_gameable_indicators_and_recedes_under_audit() {
    let (_, base) = run("a-baseline-race.ron");
    let (_, heavy) = run("d-pass-rates-no-audit.ron");
    let (_, audited) = run("e-pass-rates-with-audit.ron");
    assert!(
        heavy.gaming > base.gaming + 0.2,
        "weight: {} vs {}",
        heavy.gaming,
        base.gaming
    );
    assert!(
        audited.gaming < 0.5 * heavy.gaming,
        "audit: {} vs {}",
        audited.gaming,
        heavy.gaming
    );
    // Gaming shows as measured pass rates rising relative to true ones.
    assert!(
        heavy.gap > audited.gap + 0.2,
        "gap: {} vs {}",
        heavy.gap,
        audited.gap
    );
}

#[test]
fn within_zone_peer_groups_raise_the_effort_of_the_trailing_zones() {
    let (s, city) = run("a-baseline-race.ron");
    let (_, zones) = run("f-within-zone-peers.ron");
    // The outer zones do trail city-wide: they fill most red places.
    let results = runner::run_replicates(s.clone(), 2, &|| {});
    let reds: Vec<usize> = results
        .iter()
        .flat_map(|r| r.standings.iter())
        .filter(|x| x.band == qcity_core::model::assessment::Band::Red)
        .map(|x| x.district)
        .collect();
    let outer_red = reds
        .iter()
        .filter(|&&d| s.districts[d].zone != Zone::Metro)
        .count() as f64
        / reds.len() as f64;
    assert!(
        outer_red > 17.0 / 38.0,
        "outer zones hold {outer_red:.2} of red places"
    );
    assert!(
        zones.outer_effort > city.outer_effort,
        "{} vs {}",
        zones.outer_effort,
        city.outer_effort
    );
}

/// A handicap adds to the score: a large one puts a habitual laggard first at every assessment.
#[test]
fn handicaps_and_other_rules_apply() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/lessons/a-baseline-race.ron");
    let text = format!(
        r#"(name: "h", seed: 5, base: "{}", assessment: (handicaps: [(district: "500242", points: 10.0)], audit_probability: 0.0))"#,
        base.display()
    );
    let s =
        Arc::new(scenario::from_str(&text, Path::new("h.ron")).unwrap_or_else(|e| panic!("{e}")));
    let r = runner::run_replicate(s.clone(), 0, &|| {});
    let youyang = s.districts.iter().position(|d| d.code == "500242").unwrap();
    let mine: Vec<_> = r
        .standings
        .iter()
        .filter(|x| x.district == youyang)
        .collect();
    assert_eq!(mine.len(), 20);
    assert!(
        mine.iter()
            .all(|x| x.rank == 1 && x.band == qcity_core::model::assessment::Band::Green)
    );

    // Improvement scored by rank: every normalised part lies in [0, 1], so without noise or
    // handicaps each score does too.
    let text = format!(
        r#"(name: "i", seed: 5, base: "{}", assessment: (basis: Improvement, normalisation: Rank, noise_sd: 0.0, period: Year))"#,
        base.display()
    );
    let s =
        Arc::new(scenario::from_str(&text, Path::new("i.ron")).unwrap_or_else(|e| panic!("{e}")));
    let r = runner::run_replicate(s.clone(), 0, &|| {});
    assert_eq!(r.standings.len(), 5 * 38, "yearly, 2023 to 2027");
    assert!(
        r.standings
            .iter()
            .all(|x| (-1e-9..=1.0 + 1e-9).contains(&x.score)),
        "rank-normalised scores in [0, 1]"
    );
}
