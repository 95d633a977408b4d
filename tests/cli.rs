//! The `qcity` binary as a user drives it: shipped scenarios, broken inputs, determinism,
//! atomic outputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qcity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qcity"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("qcity runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qcity-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn shipped_scenarios() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    v.sort();
    v
}

#[test]
fn every_shipped_scenario_passes_check_and_runs() {
    let files = shipped_scenarios();
    assert!(files.len() >= 4);
    for f in &files {
        let o = qcity(&["check", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {:?}", f.display(), text(&o));
        let out = tmp(f.file_stem().unwrap().to_str().unwrap());
        let o = qcity(&[
            "run",
            f.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(o.status.success(), "{}: {:?}", f.display(), text(&o));
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        let targets = summary["targets"].as_array().unwrap();
        // Every target of the plan is judged at 2027, and the 2035 goal at 2035.
        assert_eq!(
            targets.iter().filter(|t| t["year"] == 2027).count(),
            19,
            "{}",
            f.display()
        );
        assert!(
            targets
                .iter()
                .any(|t| t["id"] == "quality_composite" && t["year"] == 2035)
        );
        let csv = std::fs::read_to_string(out.join("timeseries.csv")).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("replicate,date,district,indicator,value")
        );
        let first = lines.next().unwrap();
        assert!(
            first.starts_with("0,2023-01,city,mqci,87.700000"),
            "{first}"
        );
        assert!(csv.contains(",2035-12,500243,food_pass_rate,"));
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["scenario_sha256"].as_str().unwrap().len(), 64);
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn every_lesson_checks_runs_and_writes_its_standings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/lessons");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for f in &files {
        let out = tmp(&format!(
            "lesson-{}",
            f.file_stem().unwrap().to_str().unwrap()
        ));
        let o = qcity(&[
            "run",
            f.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ]);
        assert!(o.status.success(), "{}: {:?}", f.display(), text(&o));
        let st = std::fs::read_to_string(out.join("standings.csv")).unwrap();
        let mut lines = st.lines();
        assert_eq!(
            lines.next(),
            Some(
                "replicate,period,district,group,score,rank,band,reward,rectification,effort,gaming,caught"
            )
        );
        // Quarterly from 2023-03 to 2027-12: 20 assessments of 38 districts.
        assert_eq!(lines.count(), 20 * 38, "{}", f.display());
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        assert!(summary["race"]["kendall_tau_consecutive"].is_number());
        assert_eq!(summary["race"]["districts"].as_array().unwrap().len(), 38);
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn same_scenario_and_seed_give_the_same_bytes_on_any_thread_count() {
    let (a, b) = (tmp("det-1"), tmp("det-2"));
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let o = qcity(&[
            "run",
            "scenarios/food-safety-incident.ron",
            "--out",
            dir.to_str().unwrap(),
            "--replicates",
            "3",
            "--threads",
            threads,
            "-q",
        ]);
        assert!(o.status.success(), "{:?}", text(&o));
    }
    for f in ["timeseries.csv", "summary.json", "manifest.json"] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between 1 and 2 threads");
    }
    // Replicates differ from each other (independent streams) ...
    let csv = std::fs::read_to_string(a.join("timeseries.csv")).unwrap();
    let pick = |r: &str| {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{r},2027-12,city,food_pass_rate,")))
            .collect::<Vec<_>>()
    };
    assert_ne!(
        pick("0")[0].split(',').nth(4),
        pick("1")[0].split(',').nth(4)
    );
    // ... and the summary gives probabilities over them.
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("summary.json")).unwrap()).unwrap();
    assert_eq!(s["replicates"], 3);
    for t in s["targets"].as_array().unwrap() {
        let p = t["probability_met"].as_f64().unwrap();
        assert!(
            [0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0]
                .iter()
                .any(|x| (x - p).abs() < 1e-9),
            "{p}"
        );
    }
    let _ = (std::fs::remove_dir_all(&a), std::fs::remove_dir_all(&b));
}

/// Each file under tests/broken/ states, in `// expect:` lines, what its error must say.
#[test]
fn broken_scenarios_each_give_their_precise_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 12);
    for f in files {
        let rel = format!("tests/broken/{}", f.file_name().unwrap().to_str().unwrap());
        let o = qcity(&["check", &rel]);
        let (out, err) = text(&o);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{rel}: exit {:?}\n{out}{err}",
            o.status.code()
        );
        assert!(!err.contains("panicked"), "{rel}: {err}");
        assert!(err.starts_with("error: tests/broken/"), "{rel}: {err}");
        // Lossy: one file holds a byte that is not UTF-8 on purpose.
        let src = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        for want in src.lines().filter_map(|l| l.strip_prefix("// expect: ")) {
            assert!(err.contains(want), "{rel}: expected {want:?} in:\n{err}");
        }
        // A broken scenario writes nothing.
        let out_dir = tmp("broken");
        let o = qcity(&["run", &rel, "--out", out_dir.to_str().unwrap(), "-q"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(!out_dir.exists(), "{rel}: output directory created");
    }
}

#[test]
fn check_reports_every_file_and_fails_if_any_is_broken() {
    let o = qcity(&[
        "check",
        "scenarios/plan-2023.ron",
        "tests/broken/out_of_range.ron",
        "tests/broken/missing_seed.ron",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(out.contains("ok: scenarios/plan-2023.ron"));
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        2,
        "{err}"
    );
    let o = qcity(&["check", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o)
            .1
            .contains("no/such/file.ron: cannot read the scenario")
    );
}

/// A scenario extending a base gets the base's levers and events, then its own.
#[test]
fn a_scenario_extends_its_base() {
    let (a, b) = (tmp("base-plan"), tmp("base-full"));
    // full-scale.ron is plan-2023.ron with `scale: Full`: same events in the manifest.
    for (dir, f) in [
        (&a, "scenarios/plan-2023.ron"),
        (&b, "scenarios/food-safety-incident.ron"),
    ] {
        let o = qcity(&["run", f, "--out", dir.to_str().unwrap(), "-q"]);
        assert!(o.status.success(), "{:?}", text(&o));
    }
    let m = |d: &PathBuf| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.join("manifest.json")).unwrap()).unwrap()
    };
    let (plan, incident) = (m(&a), m(&b));
    let pe = plan["resolved"]["events"].as_array().unwrap();
    let ie = incident["resolved"]["events"].as_array().unwrap();
    assert_eq!(ie.len(), pe.len() + 1);
    assert_eq!(
        &ie[..pe.len()],
        &pe[..],
        "the base's events come first, unchanged"
    );
    assert!(ie[pe.len()]["action"]["Incident"].is_object());
    // Before the incident the two runs are the same month for month.
    let rows = |d: &PathBuf| -> Vec<String> {
        std::fs::read_to_string(d.join("timeseries.csv"))
            .unwrap()
            .lines()
            .filter(|l| l.contains(",2025-05,"))
            .map(String::from)
            .collect()
    };
    assert_eq!(rows(&a), rows(&b));
    let _ = (std::fs::remove_dir_all(&a), std::fs::remove_dir_all(&b));
}

/// Counts the images of a GIF by walking its blocks (GIF89a specification).
fn gif_frames(b: &[u8]) -> usize {
    let skip_sub_blocks = |mut i: usize| {
        while i < b.len() && b[i] != 0 {
            i += 1 + b[i] as usize;
        }
        i + 1
    };
    let mut i = 13;
    if b[10] & 0x80 != 0 {
        i += 3 << ((b[10] & 7) + 1);
    }
    let mut frames = 0;
    while i < b.len() {
        match b[i] {
            0x21 => i = skip_sub_blocks(i + 2),
            0x2C => {
                frames += 1;
                let flags = b[i + 9];
                i += 10;
                if flags & 0x80 != 0 {
                    i += 3 << ((flags & 7) + 1);
                }
                i = skip_sub_blocks(i + 1);
            }
            0x3B => break,
            _ => panic!("bad GIF block at {i}"),
        }
    }
    frames
}

#[test]
fn race_draws_the_trainers_report() {
    let out = tmp("race-report");
    let o = qcity(&[
        "race",
        "scenarios/lessons/f-within-zone-peers.ron",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    let png = std::fs::read(out.join("race_bump.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let gif = std::fs::read(out.join("race.gif")).unwrap();
    assert_eq!(&gif[..6], b"GIF89a");
    // One frame per assessment: 20 quarters.
    assert_eq!(gif_frames(&gif), 20, "GIF frames");
    let svg = std::fs::read_to_string(out.join("race_bump.svg")).unwrap();
    for name in ["peer group: metro", "peer group: southeast"] {
        assert!(svg.contains(name), "{name} missing from the bump chart");
    }
    let md = std::fs::read_to_string(out.join("race_summary.md")).unwrap();
    // The bump chart names the first three and the last three of each group's final league
    // (race_summary.md) and no one in between: 38 named lines could not be followed.
    let labels: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')?
                .1
                .split_once("</text>")
                .map(|x| x.0.trim())
        })
        .collect();
    let mut named = 0;
    for section in md.split("## Final league").skip(1) {
        let rows: Vec<&str> = section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| rank"))
            .map(|l| {
                l.split('|')
                    .nth(2)
                    .unwrap()
                    .trim()
                    .rsplit(' ')
                    .next()
                    .unwrap()
            })
            .collect();
        for (i, name) in rows.iter().enumerate() {
            let shown = labels.contains(name);
            let should = i < 3 || i + 3 >= rows.len();
            assert_eq!(shown, should, "{name}, rank {} of {}", i + 1, rows.len());
            named += should as usize;
        }
    }
    assert!(named >= 12, "{named}");
    assert!(md.contains("## Final league (2027-12), group metro"));
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| rank"))
            .count(),
        38
    );
    assert!(md.contains("Kendall's tau"));
    let _ = std::fs::remove_dir_all(&out);
}

/// The plots carry what a reader looks for: target lines with the rule and the odds, and
/// district names on the maps.
/// Text as plotters writes it into SVG.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('\'', "&apos;")
}

#[test]
fn run_draws_target_trajectories_and_maps() {
    let out = tmp("plots");
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out.to_str().unwrap(),
        "-r",
        "3",
        "-q",
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    let plots = out.join("plots");
    for id in qcity_core::data::targets::IDS {
        let svg = std::fs::read_to_string(plots.join(format!("target_{id}.svg"))).unwrap();
        assert!(svg.contains("median of replicates"), "{id}: no fan chart");
        assert!(svg.contains("P(met) ="), "{id}: no probability");
        let png = std::fs::read(plots.join(format!("target_{id}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    let mqci = std::fs::read_to_string(plots.join("target_mqci.svg")).unwrap();
    assert!(
        mqci.contains("2027 target ≥ 92"),
        "the MQCI chart must mark its target"
    );
    let map = std::fs::read_to_string(plots.join("map_mqci_2027.svg")).unwrap();
    for name in [
        "Wanzhou",
        "Fuling",
        "Youyang",
        "Manufacturing quality competitiveness index (index), 2027-12",
    ] {
        assert!(map.contains(name), "{name} missing from the map");
    }
    // Small multiples: a panel titled with each district's name, its trajectory, and the plan's
    // 2027 value as a dashed line in every panel.
    let multiples = std::fs::read_to_string(plots.join("districts_mqci.svg")).unwrap();
    assert!(multiples.contains("by district: median and 90 % band"));
    for d in qcity_core::data::districts::embedded() {
        let name = qcity_core::lang::short_name_en(&d.name_en);
        assert!(
            multiples.contains(&format!(">\n{}\n</text>", xml(&name))),
            "no panel for {name}"
        );
    }
    assert!(
        multiples.matches("<polygon").count() >= 38,
        "a band per panel"
    );
    // The target's dashes, in the target red, in every panel.
    assert!(multiples.matches("stroke=\"#C82828\"").count() >= 38);
    // One filled polygon per district ring at least.
    assert!(map.matches("<polygon").count() >= 38);
    // The report: a scoreboard row per target and year, the charts inline, nothing fetched.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    for t in summary["targets"].as_array().unwrap() {
        let row = format!(
            "<tr data-id=\"{}\" data-year=\"{}\">",
            t["id"].as_str().unwrap(),
            t["year"]
        );
        assert!(html.contains(&row), "no scoreboard row {row}");
    }
    assert!(html.contains("制造业质量竞争力指数"));
    assert!(html.matches("<svg").count() >= 30, "charts and maps inline");
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "the report must not load anything"
    );
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        out.join("np").to_str().unwrap(),
        "-q",
        "--no-plots",
    ]);
    assert!(o.status.success());
    assert!(!out.join("np/plots").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn lang_zh_draws_chinese_labels_with_the_bundled_font() {
    let out = tmp("zh");
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "zh",
        "-q",
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    let plots = out.join("plots");
    let mqci = std::fs::read_to_string(plots.join("target_mqci.svg")).unwrap();
    assert!(
        mqci.contains("制造业质量竞争力指数（mqci）"),
        "Chinese title"
    );
    assert!(mqci.contains("2027年目标 ≥ 92"), "Chinese target label");
    assert!(mqci.contains("font-family=\"Noto Sans CJK SC\""));
    let map = std::fs::read_to_string(plots.join("map_mqci_2027.svg")).unwrap();
    for name in ["万州区", "涪陵区", "酉阳县"] {
        assert!(map.contains(name), "{name} missing from the Chinese map");
    }
    let multiples = std::fs::read_to_string(plots.join("districts_mqci.svg")).unwrap();
    for d in qcity_core::data::districts::embedded() {
        let name = qcity_core::lang::short_name_zh(&d.name_zh);
        assert!(multiples.contains(&name), "no panel for {name}");
    }
    // The page embeds the font under the family name the SVGs ask for.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains(
        "@font-face { font-family: \"Noto Sans CJK SC\"; src: url(data:font/otf;base64,"
    ));
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        "x",
        "--lang",
        "fr",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("possible values: en, zh"),
        "{:?}",
        text(&o)
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn compare_puts_two_runs_side_by_side() {
    let root = tmp("compare");
    let (a, b) = (root.join("bau"), root.join("plan"));
    for (scenario, dir) in [
        ("scenarios/business-as-usual.ron", &a),
        ("scenarios/plan-2023.ron", &b),
    ] {
        let o = qcity(&[
            "run",
            scenario,
            "--out",
            dir.to_str().unwrap(),
            "-r",
            "2",
            "-q",
            "--no-plots",
        ]);
        assert!(o.status.success(), "{:?}", text(&o));
    }
    let out = root.join("cmp");
    let o = qcity(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(text(&o).0.contains("B: plan-2023"));
    // compare.csv: one row per target and year; each difference is B's projection minus A's,
    // as the two summaries give them.
    let summary = |d: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(d.join("summary.json")).unwrap()).unwrap()
    };
    let (sa, sb) = (summary(&a), summary(&b));
    let mut rows = csv::Reader::from_path(out.join("compare.csv")).unwrap();
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut n = 0;
    for r in rows.records() {
        let r = r.unwrap();
        let pick = |s: &serde_json::Value| -> f64 {
            s["targets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| {
                    t["id"] == r[col("id")] && t["year"].as_u64() == r[col("year")].parse().ok()
                })
                .unwrap()["projected"]
                .as_f64()
                .unwrap()
        };
        let d: f64 = r[col("difference")].parse().unwrap();
        assert!((d - (pick(&sb) - pick(&sa))).abs() < 1e-9, "{:?}", r);
        n += 1;
    }
    assert_eq!(n, sa["targets"].as_array().unwrap().len());
    // compare_costs.csv: both runs' public totals from their summaries, and B − A.
    let mut costs = csv::Reader::from_path(out.join("compare_costs.csv")).unwrap();
    let total = costs
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == "public total")
        .expect("a public total row");
    let (ya, yb) = (
        sa["costs"]["public_total_yuan"].as_f64().unwrap(),
        sb["costs"]["public_total_yuan"].as_f64().unwrap(),
    );
    assert!((total[1].parse::<f64>().unwrap() - ya).abs() <= 0.5);
    assert!((total[3].parse::<f64>().unwrap() - (yb - ya)).abs() <= 1.0);
    assert!(yb > ya, "the plan spends more than business as usual");
    assert!(text(&o).0.contains("cost (yuan, horizon)"));
    // Overlaid trajectories name both runs and mark the target; difference maps name districts.
    let mqci = std::fs::read_to_string(out.join("plots/compare_mqci.svg")).unwrap();
    for label in ["A: business-as-usual", "B: plan-2023", "2027 target ≥ 92"] {
        assert!(mqci.contains(label), "{label} missing from the overlay");
    }
    let diff = std::fs::read_to_string(out.join("plots/diffmap_mqci_2027.svg")).unwrap();
    assert!(diff.contains("B − A") && diff.contains("Wanzhou"));
    assert!(diff.matches("<polygon").count() >= 38);
    let html = std::fs::read_to_string(out.join("compare.html")).unwrap();
    for t in sa["targets"].as_array().unwrap() {
        let row = format!(
            "<tr data-id=\"{}\" data-year=\"{}\">",
            t["id"].as_str().unwrap(),
            t["year"]
        );
        assert!(html.contains(&row), "no row {row}");
    }
    assert!(!html.contains("src=") && !html.contains("href="));
    // A run against itself differs by nothing.
    let same = root.join("same");
    let o = qcity(&[
        "compare",
        b.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        same.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    let mut rows = csv::Reader::from_path(same.join("compare.csv")).unwrap();
    let header = rows.headers().unwrap().clone();
    let d = header.iter().position(|h| h == "difference").unwrap();
    for r in rows.records() {
        assert_eq!(r.unwrap()[d].parse::<f64>().unwrap(), 0.0);
    }
    // Not a run directory: a clear input error and nothing written.
    let o = qcity(&[
        "compare",
        root.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        root.join("bad").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("summary.json"), "{:?}", text(&o));
    assert!(text(&o).1.contains("the --out directory of `qcity run`"));
    assert!(!root.join("bad").exists());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn lever_rules_hold_for_the_levers_in_force_in_time_order() {
    // Raising D and then C to 0.9 is valid although C = 0.9 would break the rule against the
    // starting D (0.8); the broken twin is in tests/broken/event_grades_out_of_order.ron.
    let o = qcity(&["check", "tests/valid/raise_d_then_c.ron"]);
    assert!(o.status.success(), "{:?}", text(&o));
}

#[test]
fn a_file_with_a_byte_order_mark_and_crlf_line_endings_is_read() {
    let o = qcity(&["check", "tests/valid/bom_crlf.ron"]);
    assert!(o.status.success(), "{:?}", text(&o));
    let bytes = std::fs::read("tests/valid/bom_crlf.ron").unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf") && bytes.windows(2).any(|w| w == b"\r\n"));
}

#[test]
fn targets_prints_every_target_of_the_plan() {
    let o = qcity(&["targets"]);
    assert!(o.status.success());
    let out = text(&o).0;
    for id in qcity_core::data::targets::IDS {
        assert!(out.lines().any(|l| l.starts_with(id)), "{id} missing");
    }
    assert!(out.contains("制造业质量竞争力指数"));
    let csv = text(&qcity(&["targets", "--format", "csv"])).0;
    assert_eq!(csv.lines().count(), 21);
}

#[test]
fn unwritable_output_fails_cleanly() {
    let o = qcity(&[
        "run",
        "scenarios/business-as-usual.ron",
        "--out",
        "/proc/qcity-cannot-write",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(3), "{:?}", text(&o));
    assert!(text(&o).1.starts_with("error: cannot write"));
}

#[test]
fn a_districts_exported_series_equals_what_qcity_run_writes() {
    // The map's "export its series" writes a district's months from the window's own run;
    // runs are deterministic, so every value equals the district's rows of `qcity run`'s
    // timeseries.csv for the same scenario.
    let out = tmp("export");
    let o = qcity(&[
        "run",
        "scenarios/plan-2023.ron",
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--no-plots",
    ]);
    assert!(o.status.success(), "{:?}", text(&o));
    let session = qcity_core::session::Session::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plan-2023.ron"),
    )
    .unwrap();
    let mut sim = session.build();
    sim.run_to_end();
    let d = 7;
    let code = session.scenario.districts[d].code.clone();
    let csv = String::from_utf8(qcity_core::output::area_series_csv(
        sim.clock().start,
        sim.recorded(),
        1 + d,
    ))
    .unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "date");
    let mut exported = std::collections::BTreeMap::new();
    let mut months = 0;
    for l in lines {
        let cells: Vec<&str> = l.split(',').collect();
        assert_eq!(cells.len(), header.len());
        for (id, v) in header.iter().zip(&cells).skip(1) {
            exported.insert((cells[0].to_string(), id.to_string()), v.to_string());
        }
        months += 1;
    }
    assert_eq!(months, 156);
    let ts = std::fs::read_to_string(out.join("timeseries.csv")).unwrap();
    let mut compared = 0;
    for l in ts.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        if c[2] != code {
            continue;
        }
        let got = exported
            .get(&(c[1].to_string(), c[3].to_string()))
            .unwrap_or_else(|| panic!("{} {} not exported", c[1], c[3]));
        assert_eq!(got, c[4], "{} {}", c[1], c[3]);
        compared += 1;
    }
    assert_eq!(compared, exported.len());
    let _ = std::fs::remove_dir_all(&out);
}
