//! `qcity compare DIR_A DIR_B --out DIR`: two runs side by side.
//!
//! It reads what `qcity run` wrote (`summary.json`, `timeseries.csv`, `manifest.json`) and
//! writes, atomically:
//!
//! - `compare.csv`: target by target and year, both projections, B − A, both probabilities of
//!   meeting the target and both verdicts;
//! - `plots/compare_<target>.png|svg`: both trajectories overlaid (medians, and 90 % bands
//!   where there are replicates) with the plan's target lines;
//! - `plots/diffmap_<indicator>_<year>.png|svg`: B − A by district at 2027 and 2035 on a
//!   diverging scale (when both runs wrote district rows);
//! - `compare.html`: all of it on one self-contained page, and `manifest.json` naming the two
//!   runs and the hashes of their manifests.
//!
//! Districts and targets are the shipped ones (`assets/districts.csv`, `seeds/targets.ron`);
//! runs made with other data files are rejected where a district code is unknown.

use crate::chart::{Drawings, both};
use crate::fonts::register_fonts;
use crate::plots::{
    Series, Trajectory, district_means, district_rings, draw_map, recent_history, trajectory_chart,
};
use crate::report::{esc, head, inline_svg, num, target_row, verdict, verdict_class};
use plotters::prelude::*;
use qcity_core::data::District;
use qcity_core::data::observations::Observations;
use qcity_core::error::{Error, InputError};
use qcity_core::lang::Lang;
use qcity_core::output::Summary;
use qcity_core::runner::ReplicateResult;
use qcity_core::time::YearMonth;
use qcity_core::vocab::{INDICATORS, index_of};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One run read back from its output directory.
pub struct Run {
    pub dir: PathBuf,
    /// "A: plan-2023"
    pub label: String,
    pub summary: Summary,
    /// The first month of `timeseries.csv`.
    pub start: YearMonth,
    /// Per replicate, `values[month][area][indicator]`; area 0 is the city, 1 + d district d.
    pub results: Vec<ReplicateResult>,
    /// SHA-256 of the run's `manifest.json`.
    pub manifest_sha256: String,
    pub has_districts: bool,
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| {
        InputError::file(
            &path,
            format!(
                "cannot read it ({e}); is {} the --out directory of `qcity run`?",
                dir.display()
            ),
        )
        .into()
    })
}

/// Reads a run's outputs.
pub fn load(dir: &Path, label: &str, districts: &[District]) -> Result<Run, Error> {
    let summary_path = dir.join("summary.json");
    let summary: Summary = serde_json::from_slice(&read(dir, "summary.json")?).map_err(|e| {
        InputError::at(
            &summary_path,
            e.line(),
            e.column(),
            "",
            format!("not a qcity summary: {e}"),
        )
    })?;
    let manifest_sha256 = qcity_core::files::sha256_hex(&read(dir, "manifest.json")?);
    let csv_path = dir.join("timeseries.csv");
    let bytes = read(dir, "timeseries.csv")?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let expected = ["replicate", "date", "district", "indicator", "value"];
    let header = reader
        .headers()
        .map_err(|e| InputError::file(&csv_path, format!("unreadable header: {e}")))?;
    if header.iter().ne(expected) {
        return Err(InputError::at(
            &csv_path,
            1,
            1,
            "",
            format!("the header must be `{}`", expected.join(",")),
        )
        .into());
    }
    // (replicate, month, area, indicator, value)
    let mut rows: Vec<(u32, i64, usize, usize, f64)> = Vec::new();
    let mut first: Option<YearMonth> = None;
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            InputError::at(&csv_path, line, 1, "", format!("unreadable row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let bad = |col: usize, field: &str, msg: String| -> Error {
            InputError::at(&csv_path, line, col, field, msg).into()
        };
        let rep: u32 = rec[0].parse().map_err(|_| {
            bad(
                1,
                "replicate",
                format!("`{}` is not a replicate number", &rec[0]),
            )
        })?;
        let date = YearMonth::parse(&rec[1]).map_err(|m| bad(2, "date", m))?;
        let start = *first.get_or_insert(date);
        let month = start.months_until(date);
        if !(0..=12 * 100).contains(&month) {
            return Err(bad(
                2,
                "date",
                format!("{date} is before the first row's {start} or a century after it"),
            ));
        }
        let area = if &rec[2] == "city" {
            0
        } else {
            1 + districts
                .iter()
                .position(|d| d.code == rec[2])
                .ok_or_else(|| {
                    bad(
                        3,
                        "district",
                        format!(
                            "unknown district code `{}`: compare knows the 38 shipped districts",
                            &rec[2]
                        ),
                    )
                })?
        };
        let k = index_of(&rec[3]).ok_or_else(|| {
            bad(
                4,
                "indicator",
                format!("unknown indicator `{}` (see manifest.json)", &rec[3]),
            )
        })?;
        let value = if &rec[4] == "NA" {
            f64::NAN
        } else {
            rec[4].parse().map_err(|_| {
                bad(
                    5,
                    "value",
                    format!("`{}` is neither a number nor NA", &rec[4]),
                )
            })?
        };
        rows.push((rep, month, area, k, value));
    }
    let start = first.ok_or_else(|| InputError::file(&csv_path, "no rows".into()))?;
    let mut reps: Vec<u32> = rows.iter().map(|r| r.0).collect();
    reps.sort_unstable();
    reps.dedup();
    let months = rows.iter().map(|r| r.1).max().unwrap_or(0) as usize + 1;
    let has_districts = rows.iter().any(|r| r.2 > 0);
    let areas = if has_districts {
        1 + districts.len()
    } else {
        1
    };
    let mut results: Vec<ReplicateResult> = reps
        .iter()
        .map(|&r| ReplicateResult {
            replicate: r,
            values: vec![vec![vec![f64::NAN; INDICATORS.len()]; areas]; months],
            standings: Vec::new(),
            costs: Vec::new(),
        })
        .collect();
    for (rep, month, area, k, value) in rows {
        let i = reps.binary_search(&rep).unwrap_or(0);
        results[i].values[month as usize][area][k] = value;
    }
    Ok(Run {
        dir: dir.to_path_buf(),
        label: format!("{label}: {}", summary.scenario),
        summary,
        start,
        results,
        manifest_sha256,
        has_districts,
    })
}

const COLOURS: [RGBColor; 2] = [RGBColor(31, 119, 180), RGBColor(230, 110, 10)];

/// Both runs' trajectories of one target's indicator, with the target lines.
fn overlay<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    runs: [&Run; 2],
    target: &qcity_core::data::Target,
    k: usize,
    observed: &Observations,
    lang: Lang,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let chart = Trajectory {
        title: match lang {
            Lang::En => format!("{} ({}): A and B", target.indicator_en, target.id),
            Lang::Zh => format!("{}（{}）：方案 A 与方案 B", target.indicator_zh, target.id),
        },
        target,
        k,
        series: runs
            .iter()
            .zip(COLOURS)
            .map(|(r, colour)| Series {
                label: r.label.clone(),
                colour,
                start: r.start,
                results: &r.results,
            })
            .collect(),
        statuses: runs[0]
            .summary
            .targets
            .iter()
            .filter(|t| t.id == target.id)
            .collect(),
        observed: recent_history(observed, &target.id),
        annotate: false,
        lang,
    };
    trajectory_chart(root, &chart)
}

/// One run as `manifest.json` names it.
#[derive(Serialize)]
struct Side<'a> {
    dir: String,
    scenario: &'a str,
    seed: u64,
    replicates: u32,
    manifest_sha256: &'a str,
}

fn side(r: &Run) -> Side<'_> {
    Side {
        dir: r.dir.display().to_string(),
        scenario: &r.summary.scenario,
        seed: r.summary.seed,
        replicates: r.summary.replicates,
        manifest_sha256: &r.manifest_sha256,
    }
}

/// One row of `compare.csv`.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    year: u32,
    rule: &'a str,
    target_a: f64,
    target_b: f64,
    projected_a: f64,
    projected_b: f64,
    /// B − A.
    difference: f64,
    /// Empty where the run has no data for the target.
    probability_met_a: Option<f64>,
    probability_met_b: Option<f64>,
    status_a: &'static str,
    status_b: &'static str,
    /// Each run's effect over its own counterfactual (the trend it names), where it has one.
    effect_a: Option<f64>,
    effect_b: Option<f64>,
}

/// An effect for the terminal and the page: signed, or a dash where the run had no
/// counterfactual.
fn effect_cell(e: Option<f64>) -> String {
    e.map_or_else(|| "–".to_string(), |x| format!("{x:+.2}"))
}

/// A probability in percent, or `none` where a run has no data.
fn pct(p: Option<f64>, none: &str) -> String {
    p.map_or(none.into(), |p| format!("{:.0}%", 100.0 * p))
}

/// What `compare` made: (file name, bytes) pairs and the rows for the terminal.
pub struct Comparison {
    pub files: Vec<(String, Vec<u8>)>,
    pub table: String,
}

/// Compares two loaded runs.
pub fn compare(a: &Run, b: &Run, lang: Lang) -> Result<Comparison, Error> {
    register_fonts();
    let districts = qcity_core::data::districts::embedded();
    let targets = qcity_core::data::targets::embedded();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // The scoreboard, target by target.
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut table = format!(
        "{}\n{}\n{:<28} {:>4} {:>14} {:>10} {:>10} {:>10} {:>8} {:>8} {:>9} {:>9}\n",
        a.label,
        b.label,
        "target",
        "year",
        "rule",
        "A",
        "B",
        "B − A",
        "A met",
        "B met",
        "A effect",
        "B effect"
    );
    let mut rows_html = String::new();
    for ta in &a.summary.targets {
        let Some(tb) = b
            .summary
            .targets
            .iter()
            .find(|t| t.id == ta.id && t.year == ta.year)
        else {
            continue;
        };
        let (va, vb) = (
            verdict(ta, a.summary.replicates),
            verdict(tb, b.summary.replicates),
        );
        let row = Row {
            id: &ta.id,
            year: ta.year,
            rule: &ta.rule,
            target_a: ta.target,
            target_b: tb.target,
            projected_a: ta.projected,
            projected_b: tb.projected,
            difference: tb.projected - ta.projected,
            probability_met_a: ta.probability_met,
            probability_met_b: tb.probability_met,
            status_a: va,
            status_b: vb,
            effect_a: ta.effect,
            effect_b: tb.effect,
        };
        csv.serialize(&row)
            .map_err(|e| Error::Other(format!("writing compare.csv: {e}")))?;
        let _ = writeln!(
            table,
            "{:<28} {:>4} {:>14} {:>10} {:>10} {:>10} {:>8} {:>8} {:>9} {:>9}",
            ta.id,
            ta.year,
            ta.rule,
            num(ta.projected, false),
            num(tb.projected, false),
            num(row.difference, true),
            pct(ta.probability_met, qcity_core::output::NO_DATA),
            pct(tb.probability_met, qcity_core::output::NO_DATA),
            effect_cell(ta.effect),
            effect_cell(tb.effect),
        );
        let zh = targets
            .iter()
            .find(|t| t.id == ta.id)
            .map(|t| t.indicator_zh.as_str())
            .unwrap_or("");
        let cells = format!(
            "<td class=\"num\">{pa}</td><td class=\"num\">{pb}</td><td class=\"num\">{d}</td><td class=\"{ca}\">{va}<br><small>P = {qa}</small></td><td class=\"{cb}\">{vb}<br><small>P = {qb}</small></td><td class=\"num\">{ea}</td><td class=\"num\">{eb}</td>",
            pa = num(ta.projected, false),
            pb = num(tb.projected, false),
            d = num(row.difference, true),
            ca = verdict_class(va),
            cb = verdict_class(vb),
            qa = pct(ta.probability_met, "–"),
            qb = pct(tb.probability_met, "–"),
            ea = effect_cell(ta.effect),
            eb = effect_cell(tb.effect),
        );
        rows_html.push_str(&target_row(ta, zh, &cells));
    }
    let csv = csv
        .into_inner()
        .map_err(|e| Error::Other(format!("writing compare.csv: {e}")))?;
    files.push(("compare.csv".into(), csv));

    // What each costs, by department: both totals over the horizon and B − A.
    let mut costs_html = String::new();
    if let (Some(ca), Some(cb)) = (&a.summary.costs, &b.summary.costs) {
        let mut rows: Vec<(String, f64, f64)> = Vec::new();
        for d in ca.by_department.iter().chain(&cb.by_department) {
            if rows.iter().any(|r| r.0 == d.department) {
                continue;
            }
            let get = |c: &qcity_core::costs::CostSummary| {
                c.by_department
                    .iter()
                    .find(|x| x.department == d.department)
                    .map_or(0.0, |x| x.yuan)
            };
            rows.push((d.department.clone(), get(ca), get(cb)));
        }
        rows.push((
            "public total".into(),
            ca.public_total_yuan,
            cb.public_total_yuan,
        ));
        rows.push((
            "public a year".into(),
            ca.public_per_year_yuan,
            cb.public_per_year_yuan,
        ));
        rows.push((
            "firms' own (not public)".into(),
            ca.firms_own_yuan,
            cb.firms_own_yuan,
        ));
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["cost", "a_yuan", "b_yuan", "b_minus_a_yuan"]);
        let _ = writeln!(
            table,
            "\n{:<28} {:>14} {:>14} {:>14}",
            "cost (yuan, horizon)", "A", "B", "B − A"
        );
        costs_html.push_str("<h2>What each costs</h2>\n<table class=\"score\"><tr><th>cost over the horizon</th><th>A</th><th>B</th><th>B − A</th></tr>\n");
        for (name, x, y) in &rows {
            let _ = w.write_record([
                name.clone(),
                format!("{x:.0}"),
                format!("{y:.0}"),
                format!("{:.0}", y - x),
            ]);
            let _ = writeln!(
                table,
                "{:<28} {:>14} {:>14} {:>14}",
                name,
                crate::report::yuan(*x),
                crate::report::yuan(*y),
                crate::report::yuan(y - x)
            );
            let _ = writeln!(
                costs_html,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(name),
                crate::report::yuan(*x),
                crate::report::yuan(*y),
                crate::report::yuan(y - x)
            );
        }
        costs_html.push_str("</table>\n");
        files.push((
            "compare_costs.csv".into(),
            w.into_inner().unwrap_or_default(),
        ));
    }

    // Drawings, PNG and SVG.
    let mut drawn = Drawings::new()?;
    let observed = qcity_core::data::observations::embedded();
    let size = (900u32, 560u32);
    let mut overlays = Vec::new();
    for t in &targets {
        let Some(k) = index_of(&t.id) else { continue };
        if !a.summary.targets.iter().any(|x| x.id == t.id) {
            continue;
        }
        let name = format!("compare_{}", t.id);
        drawn.emit(
            &format!("plots/{name}"),
            both!(size, overlay([a, b], t, k, &observed, lang)),
        )?;
        overlays.push(name);
    }
    let mut maps = Vec::new();
    let mut map_note = String::new();
    if a.has_districts && b.has_districts {
        let rings = district_rings(&districts);
        for id in crate::plots::MAPPED {
            let Some(k) = index_of(id) else { continue };
            for year in [2027, 2035] {
                let at = YearMonth::new(year, 12);
                let (ta, tb) = (a.start.months_until(at), b.start.months_until(at));
                if ta < 0
                    || tb < 0
                    || ta as usize >= a.results[0].values.len()
                    || tb as usize >= b.results[0].values.len()
                {
                    continue;
                }
                let va = district_means(districts.len(), &a.results, k, ta as usize);
                let vb = district_means(districts.len(), &b.results, k, tb as usize);
                let diff: Vec<f64> = va.iter().zip(&vb).map(|(x, y)| y - x).collect();
                let title = format!(
                    "{} ({}), {at}: {}",
                    lang.indicator(id, &targets),
                    lang.unit(INDICATORS[k].unit),
                    lang.pick("B − A", "差值（B − A）")
                );
                let name = format!("diffmap_{id}_{year}");
                let (rings, districts, diff, title) = (&rings, &districts, &diff, &title);
                drawn.emit(
                    &format!("plots/{name}"),
                    both!(
                        size,
                        draw_map(
                            districts,
                            rings,
                            diff,
                            title,
                            crate::plots::diff_scale(id),
                            lang
                        )
                    ),
                )?;
                maps.push(name);
            }
        }
    } else {
        map_note =
            "No difference maps: a run was made without district rows (outputs.districts: false)."
                .into();
    }

    files.append(&mut drawn.files);

    // The page.
    let svg = |name: &str| -> String {
        files
            .iter()
            .find(|(n, _)| *n == format!("plots/{name}.svg"))
            .map(|(_, b)| inline_svg(b))
            .unwrap_or_default()
    };
    let mut o = head(&format!("{} vs {}", a.summary.scenario, b.summary.scenario));
    let _ = write!(
        o,
        "<h1>{a} <small>vs</small> {b}</h1>\n<p class=\"meta\">qcity {version} · A from <code>{da}</code> ({ra} replicate{pa}, seed {sa}) · B from <code>{db}</code> ({rb} replicate{pb}, seed {sb})</p>\n<p><b>A</b>: {desc_a}</p>\n<p><b>B</b>: {desc_b}</p>\n",
        a = esc(&a.summary.scenario),
        b = esc(&b.summary.scenario),
        version = env!("CARGO_PKG_VERSION"),
        da = esc(&a.dir.display().to_string()),
        db = esc(&b.dir.display().to_string()),
        ra = a.summary.replicates,
        rb = b.summary.replicates,
        pa = if a.summary.replicates == 1 { "" } else { "s" },
        pb = if b.summary.replicates == 1 { "" } else { "s" },
        sa = a.summary.seed,
        sb = b.summary.seed,
        desc_a = esc(&a.summary.description),
        desc_b = esc(&b.summary.description),
    );
    let _ = write!(
        o,
        "<h2>Targets, A against B</h2>\n<table class=\"score\"><tr><th>target</th><th>indicator</th><th>year</th><th>rule</th><th>A</th><th>B</th><th>B − A</th><th>A status (P met)</th><th>B status (P met)</th><th>A effect</th><th>B effect</th></tr>\n{rows_html}</table>\n<p class=\"meta\">B − A compares the two scenarios. <i>Effect</i> is each scenario's own value minus its counterfactual (the business-as-usual trend it names, run with the same seed and replicates); a dash where the scenario names none.</p>\n{costs_html}<h2>Difference maps (B − A)</h2>\n<p>{}</p>\n<div class=\"maps\">\n",
        esc(&map_note)
    );
    for m in &maps {
        o.push_str(&svg(m));
        o.push('\n');
    }
    o.push_str("</div>\n<h2>Trajectories</h2>\n<div class=\"charts\">\n");
    for c in &overlays {
        o.push_str(&svg(c));
        o.push('\n');
    }
    o.push_str("</div>\n</body></html>\n");
    files.push(("compare.html".into(), o.into_bytes()));

    #[derive(Serialize)]
    struct Manifest<'a> {
        qcity_version: &'static str,
        a: Side<'a>,
        b: Side<'a>,
        lang: Lang,
    }
    files.push((
        "manifest.json".into(),
        qcity_core::files::to_json(&Manifest {
            qcity_version: env!("CARGO_PKG_VERSION"),
            a: side(a),
            b: side(b),
            lang,
        }),
    ));
    Ok(Comparison { files, table })
}
