//! `qcity validate`: the model, with its posterior's parameter draws and replicates, against
//! every figure `seeds/observations.ron` holds out for validation.
//!
//! Each held-out figure is compared where the model has a counterpart:
//! - Chongqing's figures (city or district) as levels: the indicator in December of the year
//!   (a measured pass rate's trailing 12 months are the calendar year);
//! - national figures as the change since the series' previous published year, since their
//!   level is not Chongqing's (from the model's first month when that year is the one before
//!   the horizon);
//! - figures before the model's start, and national bounds, are listed as not compared, with
//!   the reason.
//!
//! The runs are one sweep (`DIR/runs/`), so a validation is parallel and resumable like any
//! sweep. Outputs: `validation.csv`, `fans/` (a fan chart per figure), `validation.html`.

use crate::abc;
use qcity_core::data::observations::{self, Bound, Observation, Role, Scope};
use qcity_core::error::{Error, InputError, InputErrors};
use qcity_core::scenario::Scale;
use qcity_core::time::YearMonth;
use qcity_sweep::{Design, Factor, Outcome, Sweep, SweepFile, Value, fmt_exact};
use std::path::PathBuf;

pub struct Options {
    pub scenario: PathBuf,
    /// A calibration's output directory: its posterior's parameter draws are used.
    pub calibration: Option<PathBuf>,
    pub out: PathBuf,
    /// Parameter draws from the posterior (by weight).
    pub draws: usize,
    /// Runs per draw.
    pub replicates: u32,
    pub scale: Scale,
    pub threads: usize,
    pub progress: bool,
    pub resume: bool,
    pub wait: bool,
    /// Run only this slice of the runs in an --out other slices share; slice 1 writes the
    /// outputs.
    pub shard: Option<qcity_sweep::Shard>,
}

/// How a held-out figure is compared.
#[derive(Debug, Clone)]
pub enum Comparison {
    /// The indicator's value at `at`.
    Level { at: YearMonth },
    /// The change from `from` to `at`; `observed` is the published change.
    Change {
        from: YearMonth,
        at: YearMonth,
        since_year: i32,
    },
    /// Not compared, and why.
    Not(String),
}

/// One held-out figure and what the model made of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub observation: String,
    pub id: String,
    pub scope: String,
    pub year: i32,
    pub compared_as: String,
    pub observed: f64,
    pub bound: &'static str,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    pub inside: Option<bool>,
    /// Simulated median − observed (for a bound, how far the median breaks it; 0 if it holds).
    pub error: Option<f64>,
    pub source: String,
    pub note: String,
}

/// The result: the rows and the summary numbers.
pub struct Validation {
    pub rows: Vec<Row>,
    pub coverage: f64,
    pub compared: usize,
    pub mean_abs_error: f64,
    pub runs: u64,
    pub resumed: u64,
    pub written: Vec<PathBuf>,
    pub draws: usize,
    pub parameters: Vec<String>,
}

fn bound_text(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "=",
        Bound::AtLeast => "≥",
        Bound::AtMost => "≤",
    }
}

fn scope_text(s: &Scope) -> String {
    match s {
        Scope::City => "Chongqing".into(),
        Scope::District(c) => format!("district {c}"),
        Scope::National => "national".into(),
    }
}

/// How each held-out figure is compared, given the model's first month.
pub fn plan(
    seeds: &observations::Observations,
    start: YearMonth,
) -> Vec<(Observation, Comparison)> {
    let mut out = Vec::new();
    for o in seeds
        .observations
        .iter()
        .filter(|o| o.role == Role::Validation)
    {
        let cmp = if qcity_core::vocab::index_of(&o.id).is_none() {
            Comparison::Not(format!("`{}` is not an indicator the model outputs", o.id))
        } else if !o.period.is_empty() {
            Comparison::Not(format!(
                "a part-year figure ({}); the model's counterpart is a calendar year",
                o.period
            ))
        } else if o.year < start.year {
            Comparison::Not(format!("{} is before the model's start ({start})", o.year))
        } else if o.scope == Scope::National {
            let previous = seeds
                .series(&o.id, &Scope::National)
                .into_iter()
                .filter(|x| x.year < o.year && x.period.is_empty() && x.bound == Bound::Exact)
                .max_by_key(|x| x.year);
            match (o.bound, previous) {
                (Bound::Exact, Some(p)) if p.year >= start.year - 1 => Comparison::Change {
                    from: if p.year == start.year - 1 {
                        start
                    } else {
                        YearMonth::new(p.year, 12)
                    },
                    at: YearMonth::new(o.year, 12),
                    since_year: p.year,
                },
                (Bound::Exact, _) => Comparison::Not(
                    "a national level, and no national figure of the year before the model's start or later to take its change from".into(),
                ),
                _ => Comparison::Not(
                    "a national bound: it says nothing of Chongqing's level, and a bound has no change".into(),
                ),
            }
        } else {
            Comparison::Level {
                at: YearMonth::new(o.year, 12),
            }
        };
        out.push((o.clone(), cmp));
    }
    out
}

/// The published change (or level) a comparison uses.
fn observed_value(seeds: &observations::Observations, o: &Observation, c: &Comparison) -> f64 {
    match c {
        Comparison::Change { since_year, .. } => {
            let p = seeds
                .series(&o.id, &o.scope)
                .into_iter()
                .find(|x| x.year == *since_year && x.period.is_empty() && x.bound == Bound::Exact);
            p.map_or(f64::NAN, |p| o.value - p.value)
        }
        _ => o.value,
    }
}

/// Runs the validation and writes its outputs into `opts.out`.
pub fn validate(opts: &Options) -> Result<Validation, Error> {
    let seeds = observations::embedded();
    let (base, _, _) = qcity_core::scenario::load_merged(&opts.scenario).map_err(Error::Input)?;
    let horizon0 = base.horizon.unwrap_or_default();
    let plan = plan(&seeds, horizon0.start);
    let last = plan
        .iter()
        .filter_map(|(_, c)| match c {
            Comparison::Level { at } | Comparison::Change { at, .. } => Some(*at),
            Comparison::Not(_) => None,
        })
        .max()
        .ok_or_else(|| Error::Other("no held-out figure can be compared with the model".into()))?;
    // The shortest horizon that holds every compared month (the model accepts ends from 2027).
    let end = last.max(YearMonth::new(2027, 12)).min(horizon0.end);
    let horizon = qcity_core::scenario::Horizon {
        start: horizon0.start,
        end,
    };
    let (paths, points): (Vec<String>, Vec<Vec<f64>>) = match &opts.calibration {
        Some(dir) => crate::uncertainty::draws(dir, opts.draws)?,
        None => (Vec::new(), vec![Vec::new()]),
    };
    let replicates = if opts.calibration.is_some() {
        opts.replicates
    } else {
        opts.replicates * opts.draws as u32
    };
    // Outcomes: every month from the start to the last compared month, for each compared
    // indicator and area.
    let mut series: Vec<(String, Option<String>)> = Vec::new();
    for (o, c) in &plan {
        if matches!(c, Comparison::Not(_)) {
            continue;
        }
        let area = match &o.scope {
            Scope::District(d) => Some(d.clone()),
            _ => None,
        };
        if !series.contains(&(o.id.clone(), area.clone())) {
            series.push((o.id.clone(), area));
        }
    }
    let months: Vec<YearMonth> = (0..=horizon.start.months_until(last))
        .map(|m| horizon.start.plus(m))
        .collect();
    let mut outcomes = Vec::new();
    for (id, d) in &series {
        for m in &months {
            outcomes.push(Outcome::Indicator {
                id: id.clone(),
                at: *m,
                district: d.clone(),
            });
        }
    }
    let factors: Vec<Factor> = paths
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let vals: Vec<f64> = points.iter().map(|x| x[k]).collect();
            let (lo, hi) = vals
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
            Factor {
                path: p.clone(),
                also: Vec::new(),
                name: Some(p.clone()),
                range: (lo < hi).then_some((lo, hi)),
                values: if lo < hi {
                    Vec::new()
                } else {
                    vec![Value::Number(lo)]
                },
                log: false,
                integer: false,
            }
        })
        .collect();
    let file_name = opts
        .scenario
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_default();
    let sweep_file = SweepFile {
        name: format!("validate-{}", base.name),
        description: "Held-out figures against the model (written by qcity validate).".into(),
        base: file_name,
        seed: base.seed,
        scale: Some(opts.scale),
        horizon: Some(horizon),
        fixed: Default::default(),
        factors: if factors.is_empty() {
            // A sweep needs a factor: the description, which changes nothing the model does.
            vec![Factor {
                path: "description".into(),
                also: Vec::new(),
                name: Some("description".into()),
                range: None,
                values: vec![Value::Text("validation".into())],
                log: false,
                integer: false,
            }]
        } else {
            factors
        },
        design: Design::List {
            points: if paths.is_empty() {
                vec![vec![Value::Text("validation".into())]]
            } else {
                points
                    .iter()
                    .map(|x| x.iter().map(|&v| Value::Number(v)).collect())
                    .collect()
            },
        },
        replicates,
        common_random_numbers: false,
        outcomes: outcomes.clone(),
        analysis: Default::default(),
    };
    let text = ron::ser::to_string_pretty(&sweep_file, ron::ser::PrettyConfig::default())
        .map_err(|e| Error::Other(format!("writing the validation's sweep: {e}")))?;
    let sweep = Sweep::from_text(&text, &opts.scenario).map_err(|e| {
        Error::Input(InputErrors(
            e.0.into_iter()
                .map(|x| {
                    InputError::file(
                        &opts.scenario,
                        format!(
                            "the validation's runs are not valid: {}: {}",
                            x.field, x.message
                        ),
                    )
                })
                .collect(),
        ))
    })?;
    let mut lock = match opts.shard {
        None => Some(qcity_core::outdir::Lock::acquire(&opts.out, opts.wait)?),
        Some(_) => None,
    };
    let runs_dir = opts.out.join("runs");
    if runs_dir.exists() && !opts.resume && opts.shard.is_none() {
        return Err(Error::Other(format!(
            "{} already holds a validation's runs: add --resume to reuse them, or choose another --out",
            opts.out.display()
        )));
    }
    let (report, files) = qcity_sweep::exec::run_sliced(
        &sweep,
        &runs_dir,
        opts.shard,
        opts.threads,
        opts.progress,
        opts.wait,
        "validation",
    )?;

    // Every run's monthly values of each series, in run order.
    let first = 4 + sweep.file.factors.len();
    let mut by_run: Vec<(u64, Vec<f64>)> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).map_err(|source| Error::Output {
            path: f.clone(),
            source,
        })?;
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::Other(format!("{}: {e}", f.display())))?;
            let run: u64 = rec.get(0).and_then(|x| x.parse().ok()).unwrap_or(u64::MAX);
            by_run.push((
                run,
                (0..outcomes.len())
                    .map(|j| {
                        rec.get(first + j)
                            .and_then(|x| x.parse().ok())
                            .unwrap_or(f64::NAN)
                    })
                    .collect(),
            ));
        }
    }
    by_run.sort_by_key(|x| x.0);
    let values: Vec<Vec<f64>> = by_run.into_iter().map(|x| x.1).collect();
    let at = |s: usize, m: YearMonth| -> usize {
        s * months.len() + horizon.start.months_until(m) as usize
    };
    let eq = vec![1.0; values.len()];
    let q = |xs: &[f64]| -> [f64; 5] {
        [0.05, 0.25, 0.5, 0.75, 0.95].map(|p| abc::weighted_quantile(xs, &eq, p))
    };

    let mut rows = Vec::new();
    let mut fans = Vec::new();
    for (o, c) in &plan {
        let label = format!("{} {} {}", o.id, scope_text(&o.scope), o.year);
        let source = format!(
            "{}, {} ({})",
            o.source.issuer, o.source.title, o.source.date
        );
        let observed = observed_value(&seeds, o, c);
        let area = match &o.scope {
            Scope::District(d) => Some(d.clone()),
            _ => None,
        };
        let s = series.iter().position(|x| x.0 == o.id && x.1 == area);
        let (compared_as, band, fan_months, reference) = match (c, s) {
            (Comparison::Level { at: m }, Some(s)) => (
                format!("level in {m}"),
                Some(values.iter().map(|v| v[at(s, *m)]).collect::<Vec<f64>>()),
                months
                    .iter()
                    .copied()
                    .filter(|x| x <= m)
                    .collect::<Vec<_>>(),
                None,
            ),
            (
                Comparison::Change {
                    from,
                    at: m,
                    since_year,
                },
                Some(s),
            ) => (
                format!(
                    "change {from} to {m} (published: {since_year} to {})",
                    o.year
                ),
                Some(
                    values
                        .iter()
                        .map(|v| v[at(s, *m)] - v[at(s, *from)])
                        .collect(),
                ),
                months
                    .iter()
                    .copied()
                    .filter(|x| x >= from && x <= m)
                    .collect(),
                Some(*from),
            ),
            (Comparison::Not(why), _) => (format!("not compared: {why}"), None, Vec::new(), None),
            _ => ("not compared".into(), None, Vec::new(), None),
        };
        let Some(sims) = band else {
            rows.push(Row {
                observation: label,
                id: o.id.clone(),
                scope: scope_text(&o.scope),
                year: o.year,
                compared_as,
                observed,
                bound: bound_text(o.bound),
                p05: f64::NAN,
                p50: f64::NAN,
                p95: f64::NAN,
                inside: None,
                error: None,
                source,
                note: o.note.clone(),
            });
            continue;
        };
        let [p05, _, p50, _, p95] = q(&sims);
        let (inside, error) = match o.bound {
            Bound::AtLeast => (p95 >= observed, (p50 - observed).min(0.0)),
            Bound::AtMost => (p05 <= observed, (p50 - observed).max(0.0)),
            Bound::Exact => (p05 <= observed && observed <= p95, p50 - observed),
        };
        let s = s.expect("compared rows have a series");
        let bands: Vec<[f64; 5]> = fan_months
            .iter()
            .map(|m| {
                let xs: Vec<f64> = values
                    .iter()
                    .map(|v| v[at(s, *m)] - reference.map_or(0.0, |r| v[at(s, r)]))
                    .collect();
                q(&xs)
            })
            .collect();
        let unit = qcity_core::vocab::INDICATORS
            .iter()
            .find(|d| d.id == o.id)
            .map_or("", |d| d.unit);
        fans.push((
            format!(
                "fans/{}_{}_{}",
                o.id,
                scope_text(&o.scope).replace(' ', "_"),
                o.year
            ),
            qcity_report::fan::Fan {
                title: format!("{label}: {compared_as}"),
                y_label: if reference.is_some() {
                    format!("change ({unit})")
                } else {
                    unit.to_string()
                },
                months: fan_months,
                bands,
                observed: (YearMonth::new(o.year, 12), observed, bound_text(o.bound)),
                inside,
            },
        ));
        rows.push(Row {
            observation: label,
            id: o.id.clone(),
            scope: scope_text(&o.scope),
            year: o.year,
            compared_as,
            observed,
            bound: bound_text(o.bound),
            p05,
            p50,
            p95,
            inside: Some(inside),
            error: Some(error),
            source,
            note: o.note.clone(),
        });
    }
    let compared: Vec<&Row> = rows.iter().filter(|r| r.inside.is_some()).collect();
    let coverage = compared.iter().filter(|r| r.inside == Some(true)).count() as f64
        / compared.len().max(1) as f64;
    let exact: Vec<f64> = compared
        .iter()
        .filter(|r| r.bound == "=")
        .filter_map(|r| r.error.map(f64::abs))
        .collect();
    let mae = exact.iter().sum::<f64>() / exact.len().max(1) as f64;

    let mut files = qcity_core::files::Outputs::new();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "observation",
        "id",
        "scope",
        "year",
        "compared_as",
        "observed",
        "bound",
        "sim_p05",
        "sim_p50",
        "sim_p95",
        "inside_90",
        "error",
        "source",
    ]);
    for r in &rows {
        let _ = w.write_record([
            r.observation.clone(),
            r.id.clone(),
            r.scope.clone(),
            r.year.to_string(),
            r.compared_as.clone(),
            fmt_exact(r.observed),
            r.bound.to_string(),
            fmt_exact(r.p05),
            fmt_exact(r.p50),
            fmt_exact(r.p95),
            r.inside.map_or("NA".into(), |b| b.to_string()),
            r.error.map_or("NA".into(), fmt_exact),
            r.source.clone(),
        ]);
    }
    files.add("validation.csv", w.into_inner().unwrap_or_default());
    let drawn = qcity_report::fan::draw(&fans)?;
    let html = page(
        opts,
        &rows,
        coverage,
        mae,
        compared.len(),
        &drawn,
        &paths,
        points.len(),
        replicates,
    );
    for (name, bytes) in drawn {
        files.add(&name, bytes);
    }
    files.add("validation.html", html.into_bytes());
    files.add(
        "validation.json",
        qcity_core::files::to_json(&serde_json::json!({
            "scenario": opts.scenario.display().to_string(),
            "calibration": opts.calibration.as_ref().map(|p| p.display().to_string()),
            "parameter_draws": points.len(),
            "replicates_per_draw": replicates,
            "compared": compared.len(),
            "coverage_90": coverage,
            "mean_absolute_error_exact": mae,
            "rows": rows,
        })),
    );
    let written = match opts.shard {
        Some(sh) if sh.index != 1 => Vec::new(),
        _ => {
            if lock.is_none() {
                lock = Some(qcity_core::outdir::Lock::acquire(&opts.out, true)?);
            }
            files.commit(&opts.out)?
        }
    };
    drop(lock);
    Ok(Validation {
        coverage,
        compared: compared.len(),
        mean_abs_error: mae,
        runs: report.runs,
        resumed: report.resumed,
        written,
        draws: points.len(),
        parameters: paths,
        rows,
    })
}

#[allow(clippy::too_many_arguments)]
fn page(
    opts: &Options,
    rows: &[Row],
    coverage: f64,
    mae: f64,
    compared: usize,
    drawn: &[(String, Vec<u8>)],
    params: &[String],
    draws: usize,
    replicates: u32,
) -> String {
    use qcity_report::report::{esc, head, inline_svg};
    let mut h = head("validation");
    h.push_str(&format!(
        "<h1>Validation against held-out figures</h1>\n<p class=\"meta\">{} · {} · {} parameter draw(s) × {} replicate(s)</p>\n",
        esc(&opts.scenario.display().to_string()),
        match &opts.calibration {
            Some(c) => format!("posterior of {}", esc(&c.display().to_string())),
            None => "no calibration: the scenario's own parameters".into(),
        },
        draws,
        replicates
    ));
    h.push_str(&format!(
        "<p>{compared} held-out figures compared; {:.0} % lie inside the simulated 5–95 % band; mean absolute error of the median over exact figures {:.3}.</p>\n",
        100.0 * coverage,
        mae
    ));
    if !params.is_empty() {
        h.push_str(&format!(
            "<p class=\"meta\">Parameters drawn from the posterior: {}</p>\n",
            esc(&params.join(", "))
        ));
    }
    h.push_str("<table class=\"score\"><tr><th>figure</th><th>compared as</th><th>observed</th><th>simulated median [5–95 %]</th><th>inside</th><th>error</th></tr>\n");
    for r in rows {
        let (class, inside) = match r.inside {
            Some(true) => ("met", "yes"),
            Some(false) => ("missed", "no"),
            None => ("nodata", "–"),
        };
        let sim = if r.inside.is_some() {
            format!("{:.3} [{:.3}, {:.3}]", r.p50, r.p05, r.p95)
        } else {
            "–".into()
        };
        h.push_str(&format!(
            "<tr><td>{}<br><span class=\"meta\">{}</span></td><td>{}</td><td class=\"num\">{}{:.3}</td><td class=\"num\">{}</td><td class=\"{class}\">{inside}</td><td class=\"num\">{}</td></tr>\n",
            esc(&r.observation),
            esc(&r.source),
            esc(&r.compared_as),
            if r.bound == "=" { "" } else { r.bound },
            r.observed,
            sim,
            r.error.map_or("–".into(), |e| format!("{e:+.3}"))
        ));
    }
    h.push_str("</table>\n<div class=\"charts\">\n");
    for (name, bytes) in drawn.iter().filter(|(n, _)| n.ends_with(".svg")) {
        let _ = name;
        h.push_str(&inline_svg(bytes));
    }
    h.push_str("</div>\n</body></html>\n");
    h
}
