//! What an optimisation writes beside its generations:
//!
//! - `pareto.csv`: the front's candidates: variable values, objectives, constraint violation.
//! - `candidates.csv`: every candidate evaluated, with its generation.
//! - `front.png`/`.svg`: the front with the base scenario and its counterfactual on it.
//! - `scenarios/pareto-NN.ron`: each front candidate as a runnable scenario (the base merged
//!   with the candidate's values; `qcity run` or `qcity map` it).
//! - `optimize.html`: all of it on one page; `optimize.json`: the same as data.

use crate::problem::{Objective, Problem};
use crate::run::{Candidate, Search, pareto};
use qcity_core::error::Error;
use qcity_sweep::fmt_exact;
use std::path::{Path, PathBuf};

fn csv_of(p: &Problem, rows: &[&Candidate], with_generation: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut h: Vec<String> = Vec::new();
    if with_generation {
        h.push("generation".into());
    }
    h.extend(p.file.variables.iter().map(|v| v.column()));
    h.extend(p.file.objectives.iter().map(Objective::column));
    h.push("violation".into());
    h.push("feasible".into());
    h.extend(
        p.file
            .objectives
            .iter()
            .map(|o| format!("confirmed_{}", o.column())),
    );
    h.push("confirmed_feasible".into());
    let _ = w.write_record(&h);
    for c in rows {
        let mut r: Vec<String> = Vec::new();
        if with_generation {
            r.push(c.generation.to_string());
        }
        r.extend(c.values.iter().map(|&x| fmt_exact(x)));
        r.extend(c.objectives.iter().map(|&x| fmt_exact(x)));
        r.push(fmt_exact(c.violation));
        r.push((c.violation == 0.0).to_string());
        match &c.confirmed {
            Some((o, v)) => {
                r.extend(o.iter().map(|&x| fmt_exact(x)));
                r.push((*v == 0.0).to_string());
            }
            None => {
                r.extend(p.file.objectives.iter().map(|_| "NA".to_string()));
                r.push("NA".into());
            }
        }
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// The states of the world: one row each, the uncertain values.
fn states_csv(p: &Problem) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut h = vec!["state".to_string()];
    h.extend(p.state_factors.iter().map(|(_, c)| c.clone()));
    let _ = w.write_record(&h);
    for (i, st) in p.states.iter().enumerate() {
        let mut r = vec![i.to_string()];
        r.extend(st.iter().map(|&x| fmt_exact(x)));
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// Each front point's confirmed objectives in each state of the world: which state binds.
fn front_states_csv(p: &Problem, rows: &[&Candidate]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut h = vec!["front_point".to_string(), "state".to_string()];
    h.extend(p.file.objectives.iter().map(Objective::column));
    h.push("violation".into());
    let _ = w.write_record(&h);
    for (i, c) in rows.iter().enumerate() {
        for (s, (o, v)) in c.confirmed_by_state.iter().enumerate() {
            let mut r = vec![(i + 1).to_string(), s.to_string()];
            r.extend(o.iter().map(|&x| fmt_exact(x)));
            r.push(fmt_exact(*v));
            let _ = w.write_record(&r);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// One sentence on how candidates are judged across the states of the world, if robust.
pub fn robust_sentence(p: &Problem) -> Option<String> {
    let r = p.file.robust.as_ref()?;
    let over = match &r.over {
        crate::problem::States::Ranges { .. } => "a Latin hypercube over",
        crate::problem::States::Posterior { .. } => "posterior draws of",
    };
    Some(format!(
        "Each candidate is judged by {} of its results over {} states of the world ({over} {}), in each objective and constraint.",
        r.statistic.describe(),
        p.states.len(),
        p.state_factors
            .iter()
            .map(|(_, c)| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The cheapest front candidate that is feasible on its confirmation runs, or none.
pub fn cheapest(p: &Problem, s: &Search) -> Option<usize> {
    let cost = p
        .file
        .objectives
        .iter()
        .position(|o| *o == Objective::PublicCost)?;
    let front = pareto(p, &s.archive);
    let confirmed = |i: usize| s.archive[i].confirmed.as_ref();
    front
        .into_iter()
        .filter(|&i| confirmed(i).is_some_and(|c| c.1 == 0.0))
        .min_by(|&a, &b| {
            let (x, y) = (confirmed(a).expect("kept"), confirmed(b).expect("kept"));
            x.0[cost].total_cmp(&y.0[cost]).then(a.cmp(&b))
        })
}

/// The cheapest front candidate, feasible on its confirmation runs, that is at least as good
/// as the base scenario (the first reference) in every objective but cost and cheaper, and
/// the base's cost: the answer to "could the plan
/// do as well for less?". `None` when no candidate is.
pub fn as_good_as_the_base(p: &Problem, s: &Search) -> Option<(usize, f64)> {
    let cost = p
        .file
        .objectives
        .iter()
        .position(|o| *o == Objective::PublicCost)?;
    let (_, _, base, _) = s.references.first()?;
    let base_min = crate::run::minimised(p, base);
    // On the confirmation runs (fresh seeds, the references' too), so that luck in the
    // search does not count.
    s.archive
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.confirmed.as_ref().map(|x| (i, x)))
        .filter(|(_, (_, v))| *v == 0.0)
        .filter(|(_, (o, _))| {
            let m = crate::run::minimised(p, o);
            o[cost] < base[cost]
                && m.iter()
                    .zip(&base_min)
                    .enumerate()
                    .all(|(i, (a, b))| i == cost || a <= b)
        })
        .min_by(|a, b| a.1.0[cost].total_cmp(&b.1.0[cost]).then(a.0.cmp(&b.0)))
        .map(|(i, _)| (i, base[cost]))
}

/// Writes the outputs; returns the paths.
pub fn write(p: &Problem, s: &Search, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = qcity_core::files::Outputs::new();
    let front = pareto(p, &s.archive);
    let rows: Vec<&Candidate> = front.iter().map(|&i| &s.archive[i]).collect();
    files.add("pareto.csv", csv_of(p, &rows, true));
    let all: Vec<&Candidate> = s.archive.iter().collect();
    files.add("candidates.csv", csv_of(p, &all, true));
    if p.file.robust.is_some() {
        files.add("states.csv", states_csv(p));
        files.add("pareto-states.csv", front_states_csv(p, &rows));
    }

    // Runnable scenarios: the base merged with each front candidate's values.
    let sweep = p
        .policy_sweep(
            "pareto",
            &rows.iter().map(|c| c.values.clone()).collect::<Vec<_>>(),
        )
        .map_err(Error::Input)?;
    for (i, c) in rows.iter().enumerate() {
        let point: Vec<qcity_sweep::Value> = c
            .values
            .iter()
            .map(|&x| qcity_sweep::Value::Number(x))
            .collect();
        let mut file = sweep
            .scenario_file_for(&point, p.file.seed)
            .map_err(Error::Other)?;
        file.name = format!("{}-pareto-{:02}", p.file.name, i + 1);
        file.description = format!(
            "Point {} of the Pareto front of `{}`: {}.",
            i + 1,
            p.file.name,
            p.file
                .variables
                .iter()
                .zip(&c.values)
                .map(|(v, x)| format!("{} = {}", v.column(), fmt_exact(*x)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        // The base's own paths (its counterfactual, its data) are relative to the base: made
        // absolute, so the scenario runs from the output directory.
        let base_dir =
            std::path::absolute(p.path.parent().unwrap_or(Path::new(".")).join(&p.file.base))
                .ok()
                .and_then(|b| b.parent().map(Path::to_path_buf))
                .unwrap_or_default();
        let abs = |x: &mut Option<PathBuf>| {
            if let Some(q) = x.as_mut()
                && q.is_relative()
            {
                *q = base_dir.join(&*q);
            }
        };
        abs(&mut file.counterfactual);
        abs(&mut file.data.districts);
        abs(&mut file.data.model);
        abs(&mut file.data.targets);
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
            .map_err(|e| Error::Other(e.to_string()))?;
        files.add(
            &format!("scenarios/pareto-{:02}.ron", i + 1),
            format!(
                "// Written by `qcity optimize {}`: the base scenario merged with this candidate's\n// lever values. Run it with `qcity run` or open it with `qcity map`.\n{text}\n",
                p.path.display()
            )
            .into_bytes(),
        );
    }

    // The front's picture: cost against the second objective.
    let cost_i = p
        .file
        .objectives
        .iter()
        .position(|o| *o == Objective::PublicCost);
    let other_i = (0..p.file.objectives.len()).find(|&i| Some(i) != cost_i);
    let mut front_svg = String::new();
    if let (Some(ci), Some(oi)) = (cost_i, other_i) {
        let pts: Vec<(f64, f64, bool)> = s
            .archive
            .iter()
            .map(|c| (c.objectives[ci] / 1e8, c.objectives[oi], c.violation == 0.0))
            .collect();
        let fr: Vec<(f64, f64)> = rows
            .iter()
            .filter_map(|c| c.confirmed.as_ref())
            .filter(|(_, v)| *v == 0.0)
            .map(|(o, _)| (o[ci] / 1e8, o[oi]))
            .collect();
        let refs: Vec<(String, f64, f64)> = s
            .references
            .iter()
            .map(|(l, _, o, _)| (l.clone(), o[ci] / 1e8, o[oi]))
            .collect();
        for (name, bytes) in qcity_report::front::draw(&qcity_report::front::Front {
            title: format!(
                "{}: public cost against {}",
                p.file.name,
                p.file.objectives[oi].column()
            ),
            y_label: match &p.file.robust {
                Some(r) => format!(
                    "{} ({} of {} states)",
                    p.file.objectives[oi].column(),
                    r.statistic.describe(),
                    p.states.len()
                ),
                None => p.file.objectives[oi].column(),
            },
            all: &pts,
            front: &fr,
            references: &refs,
        })? {
            if name.ends_with(".svg") {
                front_svg = qcity_report::report::inline_svg(&bytes);
            }
            files.add(&name, bytes);
        }
    }

    let best = cheapest(p, s);
    let json = serde_json::json!({
        "qcity_version": env!("CARGO_PKG_VERSION"),
        "problem": p.file.name,
        "problem_sha256": p.hash,
        "candidates": s.archive.len(),
        "method": format!("{:?}", p.file.method),
        "front": rows.len(),
        "objectives": p.file.objectives.iter().map(Objective::column).collect::<Vec<_>>(),
        "constraints": p.file.constraints.iter().map(|c| c.describe()).collect::<Vec<_>>(),
        "robust": p.file.robust.as_ref().map(|r| serde_json::json!({
            "statistic": r.statistic.describe(),
            "states": p.states.len(),
            "uncertain": p.state_factors.iter().map(|(path, _)| path.clone()).collect::<Vec<_>>(),
        })),
        "cheapest_feasible": best.map(|i| serde_json::json!({
            "values": p.file.variables.iter().zip(&s.archive[i].values).map(|(v, x)| (v.column(), *x)).collect::<std::collections::BTreeMap<_, _>>(),
            "objectives": s.archive[i].objectives,
            "confirmed_objectives": s.archive[i].confirmed.as_ref().map(|c| c.0.clone()),
        })),
        "as_good_as_the_base": as_good_as_the_base(p, s).map(|(i, base_cost)| serde_json::json!({
            "values": p.file.variables.iter().zip(&s.archive[i].values).map(|(v, x)| (v.column(), *x)).collect::<std::collections::BTreeMap<_, _>>(),
            "confirmed_objectives": s.archive[i].confirmed.as_ref().map(|c| c.0.clone()),
            "base_public_cost_yuan": base_cost,
        })),
        "references": s.references.iter().map(|(l, _, o, v)| serde_json::json!({"label": l, "objectives": o, "violation": v})).collect::<Vec<_>>(),
    });
    files.add("optimize.json", qcity_core::files::to_json(&json));
    files.add(
        "optimize.html",
        page(p, s, &rows)
            .replace("<!-- front -->", &front_svg)
            .into_bytes(),
    );
    let _ = dir;
    files.commit(dir)
}

fn page(p: &Problem, s: &Search, rows: &[&Candidate]) -> String {
    use qcity_report::report::{esc, head};
    let mut h = head(&p.file.name);
    h.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">qcity optimize · {} candidates {} · {} replicate(s) each</p>\n<p>{}</p>\n",
        esc(&p.file.name),
        s.archive.len(),
        match p.file.method {
            crate::problem::Method::Nsga2 => format!(
                "in {} generations of {} (NSGA-II)",
                p.file.generations + 1,
                p.file.population
            ),
            crate::problem::Method::Ego { batch } => format!(
                "(Bayesian optimisation, egobox-ego: {} from a Latin hypercube, then batches of {batch})",
                p.file.population
            ),
        },
        p.file.replicates,
        esc(&p.file.description)
    ));
    if let Some(r) = robust_sentence(p) {
        h.push_str(&format!(
            "<p>{} The states are in <code>states.csv</code>; each front point's results in each, in <code>pareto-states.csv</code>.</p>\n",
            esc(&r)
        ));
    }
    if !p.file.constraints.is_empty() {
        h.push_str(&format!(
            "<p>Constraints: {}.</p>\n",
            esc(&p
                .file
                .constraints
                .iter()
                .map(|c| c.describe())
                .collect::<Vec<_>>()
                .join("; "))
        ));
    }
    h.push_str("<div class=\"charts\">\n");
    h.push_str("<!-- front -->\n</div>\n");
    h.push_str("<h2>The front</h2>\n<table class=\"score\"><tr><th>#</th>");
    for v in &p.file.variables {
        h.push_str(&format!("<th>{}</th>", esc(&v.column())));
    }
    for o in &p.file.objectives {
        h.push_str(&format!("<th>{}</th>", esc(&o.column())));
    }
    h.push_str("<th>feasible</th></tr>\n");
    for (i, c) in rows.iter().enumerate() {
        h.push_str(&format!("<tr><td>{}</td>", i + 1));
        for x in &c.values {
            h.push_str(&format!("<td class=\"num\">{x:.4}</td>"));
        }
        let (objs, viol) = c
            .confirmed
            .clone()
            .unwrap_or((c.objectives.clone(), c.violation));
        for (o, x) in p.file.objectives.iter().zip(&objs) {
            let cell = match o {
                Objective::PublicCost => qcity_report::report::yuan(*x),
                _ => format!("{x:.3}"),
            };
            h.push_str(&format!("<td class=\"num\">{cell}</td>"));
        }
        h.push_str(&format!(
            "<td class=\"{}\">{}</td></tr>\n",
            if viol == 0.0 { "met" } else { "missed" },
            if viol == 0.0 { "yes" } else { "no" }
        ));
    }
    h.push_str("</table>\n<h2>For comparison</h2>\n<table class=\"score\"><tr><th>scenario</th>");
    for o in &p.file.objectives {
        h.push_str(&format!("<th>{}</th>", esc(&o.column())));
    }
    h.push_str("<th>feasible</th></tr>\n");
    for (l, _, o, v) in &s.references {
        h.push_str(&format!("<tr><td>{}</td>", esc(l)));
        for (ob, x) in p.file.objectives.iter().zip(o) {
            let cell = match ob {
                Objective::PublicCost => qcity_report::report::yuan(*x),
                _ => format!("{x:.3}"),
            };
            h.push_str(&format!("<td class=\"num\">{cell}</td>"));
        }
        h.push_str(&format!(
            "<td>{}</td></tr>\n",
            if *v == 0.0 { "yes" } else { "no" }
        ));
    }
    h.push_str("</table>\n<p class=\"meta\">The front's values and the references' are from the confirmation runs: each evaluated again on fresh seeds with <code>confirm_replicates</code> runs (a search favours candidates that were lucky with their seeds). Each front point is saved as a runnable scenario in <code>scenarios/</code>.</p>\n</body></html>\n");
    h
}
