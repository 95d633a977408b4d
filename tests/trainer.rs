//! Trainer mode's pacing and what-if, headless: a lesson stops after each assessment of its
//! period; going back replays to the same state; a race rule changed mid-lesson applies from
//! the next month, is recorded, and the saved scenario replays to the same run.

use qcity_core::model::assessment::RaceRules;
use qcity_core::model::assessment::{Band, Standing};
use qcity_core::params::{AssessmentPatch, PeerGroups};
use qcity_core::scenario::Action;
use qcity_core::session::Session;
use qcity_core::sim::Sim;
use qcity_core::trainer;
use std::path::{Path, PathBuf};

fn lesson(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/lessons")
        .join(name)
}

fn state(sim: &Sim) -> (u32, Vec<Standing>, Vec<Vec<Vec<f64>>>) {
    (
        sim.tick(),
        sim.standings().to_vec(),
        sim.recorded().to_vec(),
    )
}

fn same(
    a: &(u32, Vec<Standing>, Vec<Vec<Vec<f64>>>),
    b: &(u32, Vec<Standing>, Vec<Vec<Vec<f64>>>),
) {
    assert_eq!(a.0, b.0, "tick");
    assert_eq!(a.1.len(), b.1.len(), "number of standings");
    if let Some((x, y)) =
        a.1.iter()
            .zip(&b.1)
            .find(|(x, y)| format!("{x:?}") != format!("{y:?}"))
    {
        panic!("standings differ first at\n{x:?}\n{y:?}");
    }
    // Bitwise, NaN included.
    let bits = |v: &Vec<Vec<Vec<f64>>>| -> Vec<u64> {
        v.iter().flatten().flatten().map(|x| x.to_bits()).collect()
    };
    assert!(bits(&a.2) == bits(&b.2), "recorded values differ");
}

#[test]
fn a_lesson_stops_after_each_quarterly_assessment_and_goes_back_exactly() {
    let session = Session::load(&lesson("a-baseline-race.ron")).unwrap();
    let mut sim = session.build();
    let mut seen = Vec::new();
    loop {
        let months = sim.run_to_next_assessment();
        if months == 0 {
            break;
        }
        let st = state(&sim);
        if sim.assessed_just_now() {
            // Quarterly: the month just simulated is March, June, September or December.
            let date = sim.clock().start.plus(st.0 as i64 - 1);
            assert_eq!(date.month % 3, 0, "stopped after {date}");
            assert_eq!(months, 3, "a quarter between stops");
            let league = trainer::league(&st.1, st.0 - 1);
            assert_eq!(league.len(), 38);
            let ranks: Vec<u32> = league.iter().map(|r| r.rank).collect();
            assert_eq!(ranks, (1..=38).collect::<Vec<u32>>());
            // Default shares: 30 % green, 20 % red of 38.
            assert_eq!(league.iter().filter(|r| r.band == Band::Green).count(), 11);
            assert_eq!(league.iter().filter(|r| r.band == Band::Red).count(), 8);
            assert!(
                league
                    .iter()
                    .all(|r| r.rectification == (r.band == Band::Red))
            );
            if seen.is_empty() {
                assert!(league.iter().all(|r| r.previous_rank.is_none()));
            } else {
                assert!(league.iter().all(|r| r.previous_rank.is_some()));
            }
        }
        seen.push(st);
    }
    // 2023-01 to 2027-12: 20 quarters.
    assert_eq!(seen.len(), 20);
    let last = seen.last().unwrap();
    assert_eq!(
        trainer::stops(&last.1),
        std::iter::once(0)
            .chain((1..=20).map(|q| 3 * q))
            .collect::<Vec<u32>>()
    );
    assert_eq!(trainer::previous_stop(&last.1, 60), 57);
    assert_eq!(trainer::previous_stop(&last.1, 3), 0);
    // Back one period, twice, and back to a stop in the middle: the same state as first time.
    for k in [18usize, 17, 7, 0] {
        let back = session.replay_to(seen[k].0);
        same(&state(&back), &seen[k]);
    }
}

/// Lesson (d) scores only sampled pass rates with no audit, so leaders game. The trainer
/// switches audits on at the stop after 2024-12.
fn audit_from_2025() -> AssessmentPatch {
    AssessmentPatch {
        audit_probability: Some(0.9),
        ..Default::default()
    }
}

fn mean_gaming(st: &[Standing], from_tick: u32) -> f64 {
    let v: Vec<f64> = st
        .iter()
        .filter(|s| s.tick >= from_tick)
        .map(|s| s.gaming)
        .collect();
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn a_race_rule_changed_mid_lesson_applies_from_the_next_month_and_replays_from_the_saved_file() {
    let mut session = Session::load(&lesson("d-pass-rates-no-audit.ron")).unwrap();
    let untouched = {
        let mut sim = session.build();
        sim.run_to_end();
        state(&sim)
    };
    let mut sim = session.build();
    while sim.tick() < 24 {
        sim.run_to_next_assessment();
    }
    assert_eq!(sim.tick(), 24);
    assert!(session.intervene(
        &mut sim,
        Action::SetRace {
            rules: Box::new(audit_from_2025())
        },
        Vec::new()
    ));
    sim.run_to_end();
    let changed = state(&sim);
    // Up to the change, the same run.
    let before = |s: &Vec<Standing>| {
        s.iter()
            .filter(|x| x.tick < 24)
            .map(|x| format!("{x:?}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(before(&untouched.1), before(&changed.1));
    // After it, auditing deters gaming (tournament theory with a misreport cost): the leaders
    // re-choose at once, so the periods assessed from 2025 were gamed less.
    let (g0, g1) = (mean_gaming(&untouched.1, 26), mean_gaming(&changed.1, 26));
    eprintln!("gaming from 2025: no audit {g0:.3}, audit 0.9 {g1:.3}");
    assert!(g0 > 0.2, "lesson d should show gaming, got {g0}");
    assert!(
        g1 < 0.5 * g0,
        "audits should at least halve gaming: {g0} → {g1}"
    );

    // The change is recorded as an event and the saved file replays to the same run.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("whatif.ron");
    session.save(&saved).unwrap();
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("SetRace") && text.contains("audit_probability: 0.9"),
        "{text}"
    );
    assert!(text.contains("\"2025-01\""), "{text}");
    let replay = Session::load(&saved).unwrap();
    let mut app2 = replay.build();
    app2.run_to_end();
    same(&state(&app2), &changed);

    // Going back before the change forgets it: the run is the untouched one again.
    assert_eq!(session.forget_after(21), 1);
    let mut app3 = session.replay_to(21);
    app3.run_to_end();
    same(&state(&app3), &untouched);
}

#[test]
fn restating_the_rules_in_force_changes_nothing_and_new_peer_groups_rank_within_zones() {
    let mut session = Session::load(&lesson("a-baseline-race.ron")).unwrap();
    let plain = {
        let mut sim = session.build();
        sim.run_to_end();
        state(&sim)
    };
    // The rules in force, stated again mid-period: leaders re-choose against the same league,
    // so nothing changes.
    let mut sim = session.replay_to(13);
    let a = session.scenario.assessment.clone();
    assert!(session.intervene(
        &mut sim,
        Action::SetRace {
            rules: Box::new(AssessmentPatch {
                green_prize: Some(a.green_prize),
                audit_probability: Some(a.audit_probability),
                weights: Some(a.weights.clone()),
                ..Default::default()
            }),
        },
        Vec::new(),
    ));
    assert_eq!(session.interventions.len(), 1);
    sim.run_to_end();
    same(&state(&sim), &plain);

    // Within zones from 2025: each zone is ranked from 1, and standings.csv names the zones.
    let mut session = Session::load(&lesson("a-baseline-race.ron")).unwrap();
    let mut sim = session.replay_to(24);
    session.intervene(
        &mut sim,
        Action::SetRace {
            rules: Box::new(AssessmentPatch {
                peer_groups: Some(PeerGroups::Zones),
                ..Default::default()
            }),
        },
        Vec::new(),
    );
    sim.run_to_end();
    let st = state(&sim).1;
    let s = &session.scenario;
    // The names of every grouping used, in order: indices of earlier standings stay valid.
    let names = sim.world().resource::<RaceRules>().names.clone();
    assert_eq!(names, vec!["city", "metro", "northeast", "southeast"]);
    let last = trainer::league(&st, 59);
    let zone_of = |d: usize| format!("{:?}", s.districts[d].zone).to_lowercase();
    for (g, name) in names.iter().enumerate().skip(1) {
        let members: Vec<&trainer::LeagueRow> = last.iter().filter(|r| r.group == g).collect();
        assert!(!members.is_empty());
        assert!(members.iter().all(|r| zone_of(r.district) == *name));
        let ranks: Vec<u32> = members.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, (1..=members.len() as u32).collect::<Vec<_>>());
        // The first assessment in zones has no previous rank in the same group.
        assert!(
            trainer::league(&st, 26)
                .iter()
                .filter(|r| r.group == g)
                .all(|r| r.previous_rank.is_none())
        );
    }
    assert!(st.iter().filter(|x| x.tick < 24).all(|x| x.group == 0));
}

#[test]
fn lesson_notes_show_from_their_month_until_the_next() {
    let s = qcity_core::scenario::load(&lesson("d-pass-rates-no-audit.ron")).unwrap();
    assert!(s.notes.len() >= 3, "lesson d has notes for the trainer");
    assert!(s.notes.windows(2).all(|w| w[0].at <= w[1].at));
    for n in &s.notes {
        assert_eq!(trainer::note_at(&s, n.at).map(|x| &x.at), Some(&n.at));
        assert!(!n.en.is_empty() && !n.zh.is_empty());
    }
    // Lesson d's notes are at 2023-01, 2023-06, 2024-06 and 2025-12: a month between two
    // shows the earlier.
    let at = |y, m| trainer::note_at(&s, qcity_core::time::YearMonth::new(y, m)).map(|n| n.at);
    let ym = qcity_core::time::YearMonth::new;
    assert_eq!(at(2023, 5), Some(ym(2023, 1)));
    assert_eq!(at(2024, 3), Some(ym(2023, 6)));
    assert_eq!(at(2025, 11), Some(ym(2024, 6)));
    assert_eq!(at(2027, 12), Some(ym(2025, 12)));
}

#[test]
fn measured_and_true_pass_rates_show_the_gap_gaming_opens() {
    // Risk-targeted sampling finds more defects than the average firm has, so measured can sit
    // below true; gaming (lesson d) lifts measured against true compared with the audited
    // lesson (e).
    let city_gap = |name: &str| {
        let session = Session::load(&lesson(name)).unwrap();
        let mut sim = session.build();
        sim.run_to_end();
        let (_, _, values) = state(&sim);
        let k = qcity_core::vocab::index_of("measured_true_gap").unwrap();
        for month in &values[values.len() - 12..] {
            for area in 0..=38 {
                let (m, t) = trainer::measured_and_true(month, area);
                assert!(m.is_finite() && t.is_finite());
                // The model's own gap indicator: the mean over the six pass rates of measured
                // minus true.
                assert!(
                    (m - t - month[area][k]).abs() < 1e-9,
                    "area {area}: {m} − {t} vs {}",
                    month[area][k]
                );
            }
        }
        let last_year = &values[values.len() - 12..];
        last_year
            .iter()
            .map(|m| {
                let (a, b) = trainer::measured_and_true(m, 0);
                a - b
            })
            .sum::<f64>()
            / 12.0
    };
    let (d, e) = (
        city_gap("d-pass-rates-no-audit.ron"),
        city_gap("e-pass-rates-with-audit.ron"),
    );
    eprintln!("measured − true over 2027: no audit {d:.3}, audited {e:.3}");
    assert!(d > e + 0.2, "gaming should open the gap: {d} vs {e}");
}

/// A scenario over a lesson, written to a temporary folder.
fn over_lesson(dir: &Path, lesson: &str, body: &str) -> PathBuf {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/lessons")
        .join(lesson);
    let p = dir.join("whatif.ron");
    std::fs::write(
        &p,
        format!(
            "(name: \"whatif\", seed: 20230618, base: \"{}\", {body})",
            base.display()
        ),
    )
    .unwrap();
    p
}

fn run_file(path: &Path) -> (u32, Vec<Standing>, Vec<Vec<Vec<f64>>>) {
    let session = Session::load(path).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = session.build();
    sim.run_to_end();
    state(&sim)
}

#[test]
fn restating_rules_changes_nothing_before_the_first_league_and_with_weights_reordered() {
    let dir = tempfile::tempdir().unwrap();
    // Scored on improvement, so each indicator is compared with its own last value.
    let plain = run_file(&over_lesson(
        dir.path(),
        "a-baseline-race.ron",
        "assessment: (basis: Improvement)",
    ));
    let a = qcity_core::scenario::load(&lesson("a-baseline-race.ron"))
        .unwrap()
        .assessment;
    let mut reordered = a.weights.clone();
    reordered.reverse();
    let list = |w: &[qcity_core::params::Weight]| {
        w.iter()
            .map(|w| format!("(indicator: \"{}\", weight: {:?})", w.indicator, w.weight))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Before any league is published (2023-02): nothing to respond to, the same run.
    let restated = run_file(&over_lesson(
        dir.path(),
        "a-baseline-race.ron",
        &format!(
            "assessment: (basis: Improvement), events: [
               (at: \"2023-02\", action: SetRace(rules: (audit_probability: {:?}))),
             ]",
            a.audit_probability
        ),
    ));
    same(&restated, &plain);
    // The weights in another order from 2024-05: each indicator's improvement is still its
    // own, so the next league (2024-06) has the same scores up to rounding (the sum's order
    // changed) and the same ranks.
    let reordered_run = run_file(&over_lesson(
        dir.path(),
        "a-baseline-race.ron",
        &format!(
            "assessment: (basis: Improvement), events: [
               (at: \"2024-05\", action: SetRace(rules: (weights: [{}]))),
             ]",
            list(&reordered)
        ),
    ));
    let at = |st: &[Standing], t: u32| -> Vec<(usize, f64, u32)> {
        let mut v: Vec<_> = st
            .iter()
            .filter(|x| x.tick == t)
            .map(|x| (x.district, x.score, x.rank))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    let before = |st: &[Standing]| -> Vec<String> {
        st.iter()
            .filter(|x| x.tick < 17)
            .map(|x| format!("{x:?}"))
            .collect()
    };
    assert_eq!(before(&reordered_run.1), before(&plain.1));
    let (p, q) = (at(&plain.1, 17), at(&reordered_run.1, 17));
    assert_eq!(p.len(), 38);
    for (x, y) in p.iter().zip(&q) {
        assert!(
            (x.1 - y.1).abs() < 1e-9,
            "district {}: {} vs {}",
            x.0,
            x.1,
            y.1
        );
        assert_eq!(x.2, y.2, "district {} rank", x.0);
    }
}

#[test]
fn a_race_switched_on_mid_run_and_regrouped_reports_as_it_ran() {
    let dir = tempfile::tempdir().unwrap();
    let file = over_lesson(
        dir.path(),
        "a-baseline-race.ron",
        r#"assessment: (enabled: false), events: [
             (at: "2023-07", action: SetRace(rules: (enabled: false))),
             (at: "2024-01", action: SetRace(rules: (enabled: true))),
             (at: "2025-07", action: SetRace(rules: (peer_groups: Zones))),
           ]"#,
    );
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args([
            "race",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // Not forced on from the start: the race begins when the event switches it on.
    assert!(!err.contains("race off"), "{err}");
    let csv = std::fs::read_to_string(out.join("standings.csv")).unwrap();
    let periods: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(periods.first(), Some(&"2024-03"));
    // City-wide until 2025-06, within zones from 2025-09.
    for l in csv.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        let zoned = f[1] >= "2025-07";
        assert_eq!(f[3] == "city", !zoned, "{l}");
    }
    // summary.json names each district's group at the final assessment.
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let s = qcity_core::scenario::load(&file).unwrap();
    for d in summary["race"]["districts"].as_array().unwrap() {
        let code = d["district"].as_str().unwrap();
        let zone = s.districts.iter().find(|x| x.code == code).unwrap().zone;
        assert_eq!(
            d["group"].as_str().unwrap(),
            format!("{zone:?}").to_lowercase(),
            "{code}"
        );
    }
    let tau = summary["race"]["kendall_tau_consecutive"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&tau), "{tau}");
    // The one-page summary: final leagues per zone only, and the changes listed.
    let md = std::fs::read_to_string(out.join("race_summary.md")).unwrap();
    assert!(!md.contains("group city"), "{md}");
    for z in ["metro", "northeast", "southeast"] {
        assert!(md.contains(&format!("group {z}")), "{md}");
    }
    assert!(md.contains("Rules changed during the run"), "{md}");
    assert!(
        md.contains("2025-07 race rules: peer groups = Zones"),
        "{md}"
    );
}

/// A whole lesson's trend (the panel's lines) and its standings.
fn lesson_trend(name: &str) -> (Vec<trainer::TrendPoint>, Vec<Standing>) {
    let session = Session::load(&lesson(name)).expect("the lesson loads");
    let mut sim = session.build();
    sim.run_to_end();
    let st = sim.standings().to_vec();
    (trainer::trend(&st, sim.recorded()), st)
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Mean effort over the lesson of the districts of `zone`.
fn zone_effort(st: &[Standing], zone: qcity_core::data::Zone) -> f64 {
    let districts = qcity_core::data::districts::embedded();
    mean(
        st.iter()
            .filter(|s| districts[s.district].zone == zone)
            .map(|s| s.effort),
    )
}

#[test]
fn every_lessons_claim_about_effort_gaming_and_the_gap_holds_in_what_the_trend_panel_shows() {
    // Each lesson's notes tell the room what the screen shows; the trend panel draws these
    // figures. Checked against the theories the notes cite, so a change of the model that
    // breaks a lesson's point fails here.
    let (a, a_st) = lesson_trend("a-baseline-race.ron");
    let (b, _) = lesson_trend("b-wider-prize-spread.ron");
    let (c, _) = lesson_trend("c-noisier-measurement.ron");
    let (d, _) = lesson_trend("d-pass-rates-no-audit.ron");
    let (e, _) = lesson_trend("e-pass-rates-with-audit.ron");
    let (_, f_st) = lesson_trend("f-within-zone-peers.ron");
    let effort = |t: &[trainer::TrendPoint]| mean(t.iter().map(|p| p.effort));
    let gaming = |t: &[trainer::TrendPoint]| mean(t.iter().map(|p| p.gaming));
    // The panel has a point per assessment (quarterly, 2023–2027: 20).
    assert_eq!(a.len(), 20);
    // The trend's effort is the mean of the league's.
    let first: Vec<&Standing> = a_st.iter().filter(|s| s.tick == a[0].tick).collect();
    let m = mean(first.iter().map(|s| s.effort));
    assert!((a[0].effort - m).abs() < 1e-12);
    // (a) "gaming hardly pays": no gaming under a balanced score with audits.
    assert!(gaming(&a) < 0.02, "a: gaming {}", gaming(&a));
    // (a) "Leaders near a band boundary try hardest; those safely green or hopelessly red try
    // less": mid-table effort above the top five's and the bottom five's.
    let by_rank = |lo: u32, hi: u32| {
        mean(
            a_st.iter()
                .filter(|s| s.rank >= lo && s.rank <= hi)
                .map(|s| s.effort),
        )
    };
    let (top, mid, bottom) = (by_rank(1, 5), by_rank(12, 27), by_rank(34, 38));
    assert!(
        mid > top && mid > bottom,
        "a: top {top} mid {mid} bottom {bottom}"
    );
    // (b) Tournament theory: a wider prize spread raises effort, and gaming pays more.
    assert!(
        effort(&b) > effort(&a) + 0.1,
        "b {} a {}",
        effort(&b),
        effort(&a)
    );
    assert!(gaming(&b) > gaming(&a) + 0.1);
    // (c) "Effort falls: when luck decides, effort buys less rank".
    assert!(
        effort(&c) < effort(&a) - 0.05,
        "c {} a {}",
        effort(&c),
        effort(&a)
    );
    // (d) against (e): without audits gaming appears and measured runs above true; with
    // audits gaming recedes and the gap narrows, from 2024-12 (the note of e) on.
    assert!(
        gaming(&d) > 0.3 && gaming(&e) < 0.05,
        "d {} e {}",
        gaming(&d),
        gaming(&e)
    );
    let late = |t: &[trainer::TrendPoint]| mean(t.iter().skip(7).map(|p| p.gap));
    assert!(
        late(&d) > late(&e) + 0.3,
        "gap d {} e {}",
        late(&d),
        late(&e)
    );
    // (d) "the measured-true gap widens": later stops above the first.
    assert!(late(&d) > d[0].gap, "d: {} then {}", d[0].gap, late(&d));
    // (f) "The southeast districts ... now try harder than in lesson (a)".
    let se = qcity_core::data::Zone::Southeast;
    let (sa, sf) = (zone_effort(&a_st, se), zone_effort(&f_st, se));
    assert!(sf > sa + 0.01, "southeast effort a {sa} f {sf}");
}
