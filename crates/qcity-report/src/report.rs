//! `DIR/report.html`: one self-contained page for a planner. It holds the scenario's
//! description, the target scoreboard (met / at risk / missed, with probabilities where there
//! are replicates), the charts and maps as inline SVG, and the manifest. It loads nothing from
//! the network: Chinese text uses a subset of Noto Sans CJK SC embedded in the page
//! (`assets/fonts/NotoSansSC-qcity.otf`, made by `tools/subset_cjk_font.py`).

use base64::Engine as _;
use qcity_core::output::{Summary, TargetStatus};
use qcity_core::scenario::Scenario;
use std::fmt::Write as _;

use crate::fonts::{CJK_FAMILY, CJK_FONT};

/// The CSS class of a verdict (met, at risk, missed).
pub fn verdict_class(v: &str) -> &'static str {
    match v {
        "met" => "met",
        "missed" => "missed",
        qcity_core::output::NO_DATA => "nodata",
        _ => "risk",
    }
}

/// One target and year's row of a scoreboard: the target's id, names, year and rule, then
/// `cells` (the `<td>`s of the page's own columns).
pub fn target_row(t: &TargetStatus, zh: &str, cells: &str) -> String {
    format!(
        "<tr data-id=\"{id}\" data-year=\"{year}\"><td>{id}</td><td>{zh}<br><small>{en}</small></td><td>{year}</td><td>{rule}</td>{cells}</tr>\n",
        id = esc(&t.id),
        zh = esc(zh),
        en = esc(&t.indicator),
        year = t.year,
        rule = esc(&t.rule),
    )
}

/// Every target's published figures with their sources and roles, and what was searched for
/// and not found (`seeds/observations.ron`).
pub fn history_section(s: &Scenario) -> String {
    use qcity_core::data::observations::{Role, Scope};
    let obs = qcity_core::data::observations::embedded();
    let mut o = String::from(
        "<h2 id=\"history\">Published history</h2>\n<p>The figures qcity is checked against (<code>seeds/observations.ron</code>). <i>Calibration</i> figures set the model's baselines and trends; <i>validation</i> figures are held out (the most recent years); <i>context</i> figures are on another basis. National figures stand in where Chongqing publishes none.</p>\n<table class=\"score\"><tr><th>target</th><th>figure</th><th>role</th><th>source</th><th>strength</th></tr>\n",
    );
    for t in &s.targets {
        let rows: Vec<_> = obs.observations.iter().filter(|x| x.id == t.id).collect();
        let missing = obs.not_found(&t.id, &Scope::City);
        if rows.is_empty() && missing.is_empty() {
            continue;
        }
        for x in &rows {
            let role = match x.role {
                Role::Calibration => "calibration",
                Role::Validation => "validation",
                Role::Context => "context",
            };
            let _ = writeln!(
                o,
                "<tr><td>{id}</td><td class=\"num\">{label}</td><td>{role}</td><td>{issuer}, {title}{number}, {date}<br><small>{url}</small>{note}</td><td>{strength:?}</td></tr>",
                id = esc(&t.id),
                label = esc(&x.label()),
                issuer = esc(&x.source.issuer),
                title = esc(&x.source.title),
                number = if x.source.number.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", esc(&x.source.number))
                },
                date = esc(&x.source.date),
                url = esc(&x.source.url),
                note = if x.note.is_empty() {
                    String::new()
                } else {
                    format!("<br><small>{}</small>", esc(&x.note))
                },
                strength = x.source.strength,
            );
        }
        for n in missing {
            let _ = writeln!(
                o,
                "<tr><td>{id}</td><td>not found</td><td>—</td><td>{what}, {years}<br><small>searched: {queries}</small></td><td></td></tr>",
                id = esc(&t.id),
                what = esc(&n.what),
                years = esc(&n.years),
                queries = esc(&n.queries),
            );
        }
    }
    o.push_str("</table>\n");
    o
}

/// HTML-escapes text.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A value to two decimals (signed with `sign`), or "–" where there is none (no data).
pub fn num(x: f64, sign: bool) -> String {
    match (x.is_finite(), sign) {
        (false, _) => "–".into(),
        (true, true) => format!("{x:+.2}"),
        (true, false) => format!("{x:.2}"),
    }
}

/// Met, at risk or missed. With replicates: met if P(met) ≥ 0.8, missed if ≤ 0.2, else at
/// risk. With one run: at risk when within half a percent of the target either side.
/// With no value in any replicate: "no data", never "missed".
pub fn verdict(t: &TargetStatus, replicates: u32) -> &'static str {
    let (Some(met), Some(p)) = (t.met, t.probability_met) else {
        return qcity_core::output::NO_DATA;
    };
    if replicates > 1 {
        if p >= 0.8 {
            "met"
        } else if p <= 0.2 {
            "missed"
        } else {
            "at risk"
        }
    } else {
        let close = (t.projected - t.target).abs() <= 0.005 * t.target.abs().max(1.0);
        if close {
            "at risk"
        } else if met {
            "met"
        } else {
            "missed"
        }
    }
}

/// The page's head: title, styles and the embedded Chinese font; opens the body.
pub fn head(title: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>qcity: {title}</title>
<style>
@font-face {{ font-family: "{cjk}"; src: url(data:font/otf;base64,{font}); }}
body {{ font-family: "DejaVu Sans", sans-serif, "{cjk}"; margin: 24px auto; max-width: 1000px; color: #222; }}
h1 {{ font-size: 26px; margin-bottom: 4px; }}
.meta {{ color: #666; font-size: 13px; }}
table.score {{ border-collapse: collapse; width: 100%; font-size: 14px; }}
table.score th, table.score td {{ border-bottom: 1px solid #ddd; padding: 5px 8px; text-align: left; }}
table.score td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.met {{ background: #dff3e3; color: #17602a; font-weight: bold; }}
.nodata {{ background: #eeeeee; color: #555; font-style: italic; }}
.risk {{ background: #fff3cd; color: #7a5a00; font-weight: bold; }}
.missed {{ background: #f8d7da; color: #8a1c24; font-weight: bold; }}
.charts svg {{ width: 100%; height: auto; border: 1px solid #eee; margin: 8px 0; }}
.maps {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }}
.maps svg {{ width: 100%; height: auto; border: 1px solid #eee; }}
pre {{ background: #f6f6f6; padding: 10px; overflow-x: auto; font-size: 12px; }}
</style></head><body>
"#,
        title = esc(title),
        font = base64::engine::general_purpose::STANDARD.encode(CJK_FONT),
        cjk = CJK_FAMILY,
    )
}

/// Yuan in 亿 (100 million) with two decimals, or 万 for smaller sums.
pub fn yuan(x: f64) -> String {
    if !x.is_finite() {
        "–".into()
    } else if x.abs() >= 1e8 {
        format!("{:.2} 亿", x / 1e8)
    } else {
        format!("{:.0} 万", x / 1e4)
    }
}

/// "What it costs": public spending by department and lever, firms' own spending, and with a
/// counterfactual the public cost per point of each target's effect.
pub fn costs_section(c: &qcity_core::costs::CostSummary) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<h2>What it costs</h2>\n<p>Public spending on the costed levers, funded within each district's budget (yuan): {} a year on average, {} over the horizon. Firms' own quality spending, net of subsidies, is not public money: {}. Details by year and district in <code>costs.csv</code>. Levers with no public cost in the model: inspection rates, inspectors' skill, fines and the credit rules (enforcement's cost is the inspectors'), the construction mandates (borne by builders; not modelled) and leaders' effort.</p>\n<table class=\"score\"><tr><th>department</th><th>lever</th><th>yuan</th></tr>\n",
        yuan(c.public_per_year_yuan),
        yuan(c.public_total_yuan),
        yuan(c.firms_own_yuan)
    );
    for d in &c.by_department {
        let _ = writeln!(
            o,
            "<tr><td><b>{} {}</b></td><td></td><td class=\"num\"><b>{}</b></td></tr>",
            esc(&d.department),
            esc(&d.name_zh),
            yuan(d.yuan)
        );
        for l in c.by_lever.iter().filter(|l| l.department == d.department) {
            let _ = writeln!(
                o,
                "<tr><td></td><td><code>{}</code></td><td class=\"num\">{}</td></tr>",
                esc(&l.lever),
                yuan(l.yuan)
            );
        }
    }
    o.push_str("</table>\n");
    if let Some(cf) = c.counterfactual_public_total_yuan {
        let _ = write!(
            o,
            "<p>Over the counterfactual ({} over the horizon there): {} more. For each target, that extra spending from the start to December of the target's year, per point the target gains over the counterfactual: the whole programme's cost per point, not an allocation among targets (a dash where the effect is not positive).</p>\n<table class=\"score\"><tr><th>target</th><th>year</th><th>extra public spending</th><th>effect</th><th>yuan per point</th></tr>\n",
            yuan(cf),
            yuan(c.public_total_yuan - cf)
        );
        for t in &c.per_target {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:+.2}</td><td class=\"num\">{}</td></tr>",
                esc(&t.target),
                t.year,
                yuan(t.extra_public_yuan),
                t.effect,
                t.yuan_per_point.map_or("–".into(), yuan)
            );
        }
        o.push_str("</table>\n");
    }
    o
}

/// An SVG plot's text, ready to sit inline in HTML (without its XML declaration).
pub fn inline_svg(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.find("<svg") {
        Some(i) => text[i..].to_string(),
        None => text.into_owned(),
    }
}

/// Builds the page. `plots` are the run's (name, bytes) plots; their SVGs are inlined.
pub fn html(
    s: &Scenario,
    summary: &Summary,
    manifest: &[u8],
    plots: &[(String, Vec<u8>)],
    race_md: Option<&str>,
) -> String {
    let mut o = String::new();
    let svg = |name: &str| -> Option<String> {
        plots
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| inline_svg(b))
    };
    o.push_str(&head(&s.name));
    let _ = write!(
        o,
        r#"<h1>{name}</h1>
<p class="meta">qcity {version} · seed {seed} · {reps} replicate{plural} · {start} to {end} · {firms} enterprises simulated</p>
<p>{desc}</p>
"#,
        name = esc(&s.name),
        version = env!("CARGO_PKG_VERSION"),
        seed = s.seed,
        reps = summary.replicates,
        plural = if summary.replicates == 1 { "" } else { "s" },
        start = s.horizon.start,
        end = s.horizon.end,
        firms = s.enterprises(),
        desc = esc(&s.description),
    );
    let counts = ["met", "at risk", "missed", qcity_core::output::NO_DATA].map(|v| {
        summary
            .targets
            .iter()
            .filter(|t| verdict(t, summary.replicates) == v)
            .count()
    });
    let _ = write!(
        o,
        "<h2>Targets of the plan</h2>\n<p>{} met, {} at risk, {} missed{} (of {}).{}</p>\n",
        counts[0],
        counts[1],
        counts[2],
        if counts[3] > 0 {
            format!(
                ", {} with no data (the model produced no value for them, which is not a miss)",
                counts[3]
            )
        } else {
            String::new()
        },
        summary.targets.len(),
        if summary.replicates > 1 {
            " Met: probability ≥ 80 %; missed: ≤ 20 %."
        } else {
            " At risk: within 0.5 % of the target."
        }
    );
    let with_trend = summary.targets.iter().any(|t| t.counterfactual.is_some());
    if with_trend {
        let _ = writeln!(
            o,
            "<p><i>Trend</i> is each target's value under the counterfactual ({}): the pre-plan trends carried forward. <i>Effect</i> is the projection minus the trend.</p>",
            esc(s
                .counterfactual
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string())
                .as_str())
        );
    }
    o.push_str(&format!(
        "<table class=\"score\"><tr><th>target</th><th>indicator</th><th>year</th><th>rule</th><th>projected</th><th>5–95 %</th>{}<th>P(met)</th><th>status</th></tr>\n",
        if with_trend { "<th>trend</th><th>effect</th>" } else { "" }
    ));
    for t in &summary.targets {
        let v = verdict(t, summary.replicates);
        let zh = s
            .targets
            .iter()
            .find(|x| x.id == t.id)
            .map(|x| x.indicator_zh.as_str())
            .unwrap_or("");
        let trend = if with_trend {
            let f = |x: Option<f64>, sign: bool| match x {
                Some(x) if sign => format!("{x:+.2}"),
                Some(x) => format!("{x:.2}"),
                None => "–".into(),
            };
            format!(
                "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
                f(t.counterfactual, false),
                f(t.effect, true)
            )
        } else {
            String::new()
        };
        let cells = format!(
            "<td class=\"num\">{p}</td><td class=\"num\">{range}</td>{trend}<td class=\"num\">{prob}</td><td class=\"{class}\">{v}</td>",
            p = num(t.projected, false),
            range = if t.p05.is_finite() {
                format!("{:.2}–{:.2}", t.p05, t.p95)
            } else {
                "–".into()
            },
            prob = t
                .probability_met
                .map_or("–".to_string(), |p| format!("{:.0} %", 100.0 * p)),
            class = verdict_class(v),
        );
        o.push_str(&target_row(t, zh, &cells));
    }
    o.push_str("</table>\n<h2>Maps</h2>\n<div class=\"maps\">\n");
    for id in crate::plots::MAPPED {
        for year in [2027, 2035] {
            if let Some(x) = svg(&format!("plots/map_{id}_{year}.svg")) {
                o.push_str(&x);
                o.push('\n');
            }
        }
    }
    o.push_str("</div>\n<h2>By district</h2>\n<div class=\"charts\">\n");
    for id in crate::plots::MAPPED {
        if let Some(x) = svg(&format!("plots/districts_{id}.svg")) {
            o.push_str(&x);
            o.push('\n');
        }
    }
    o.push_str("</div>\n<h2>Trajectories</h2>\n<div class=\"charts\">\n");
    o.push_str("<p>Each target's projection with the plan's lines, and its published history as points: Chongqing's figures filled, national ones hollow, figures on another basis (a quarter, another definition) in grey, bounds (\"at least\") as triangles. Sources are listed under Published history, below.</p>\n");
    for t in &s.targets {
        if let Some(x) = svg(&format!("plots/target_{}.svg", t.id)) {
            o.push_str(&x);
            o.push('\n');
        }
    }
    o.push_str("</div>\n");
    if let Some(c) = &summary.costs {
        o.push_str(&costs_section(c));
    }
    if let Some(u) = &summary.parameter_uncertainty {
        let _ = write!(
            o,
            "<h2>Parameter uncertainty</h2>\n<p>The replicates ran under {} parameter sets drawn from the posterior of <code>{}</code> ({} runs each), so each probability above carries the calibrated parameters' uncertainty as well as noise. For each target: the parameter its value follows most closely over the draws (Spearman's ρ; \"could be noise\" when |ρ|·√(draws − 1) &lt; 1.96), and where a straight line through the draws' means crosses the target.</p>\n<table class=\"score\"><tr><th>target</th><th>year</th><th>parameter</th><th>ρ</th><th>verdict flips at</th></tr>\n",
            u.draws,
            esc(&u.calibration),
            u.replicates_per_draw
        );
        for v in &u.sensitivity {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td class=\"num\">{:+.2}{}</td><td class=\"num\">{}</td></tr>",
                esc(&v.target),
                v.year,
                esc(&v.parameter),
                v.rank_correlation,
                if v.significant {
                    ""
                } else {
                    " (could be noise)"
                },
                v.flips_at
                    .map_or("does not flip within the draws".into(), |x| format!(
                        "{x:.4}"
                    ))
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str(&history_section(s));
    if let Some(md) = race_md {
        let _ = write!(o, "<h2>Horse race</h2>\n<pre>{}</pre>\n", esc(md));
    }
    let _ = write!(
        o,
        "<h2>Manifest</h2>\n<details><summary>Version, scenario hash, seed and every resolved parameter</summary><pre>{}</pre></details>\n</body></html>\n",
        esc(&String::from_utf8_lossy(manifest))
    );
    o
}
