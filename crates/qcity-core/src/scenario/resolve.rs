//! Resolving a merged scenario file, step by step: the data files, the defaults with the
//! file's changes laid over them, the districts' levers and the race's groups, the horizon and
//! scale, the events (each checked, then the rules across levers and race rules in time
//! order), the notes and the targets; then every problem found, located in the file that
//! caused it.

use super::file::{Action, DataSources, Event, Horizon, ModelDefaults, Note, Scale, ScenarioFile};
use super::resolved::{ResolvedEvent, Scenario, Sources};
use crate::data::{self, District, Target};
use crate::error::{InputError, InputErrors};
use crate::files::parse_ron;
use crate::levers::Levers;
use crate::params::{Assessment, Params};
use crate::patch::{Invalid, Patchable, Validate};
use crate::time::YearMonth;
use std::path::{Path, PathBuf};

/// Resolves `file` (merged over its bases): defaults, data and every check. `text` and
/// `path` locate errors; `file_hash` goes into the manifest.
pub fn resolve(
    file: ScenarioFile,
    text: &str,
    path: &Path,
    file_hash: String,
) -> Result<Scenario, InputErrors> {
    let data = Data::load(path, text, &file.data)?;
    let mut invalid: Vec<Invalid> = Vec::new();
    let (params, city, assessment) = merge_defaults(&data.defaults, &file, &mut invalid);
    let district_levers = district_levers(&file, &city, &data, &mut invalid);
    // Peer groups and handicaps name districts.
    let mut peer_group_names = Vec::new();
    let (peer_group, handicap) = race_groups(
        &assessment,
        &data.districts,
        &mut peer_group_names,
        "assessment",
        &mut invalid,
    );
    let h = file.horizon.unwrap_or_default();
    check_horizon(h, &mut invalid);
    let scale = file.scale.unwrap_or_default();
    check_scale(scale, &params, &mut invalid);
    let mut events = resolve_events(&file.events, h, &city, &data, &mut invalid);
    check_lever_rules_in_time_order(&events, &district_levers, &mut invalid);
    check_race_rules_in_time_order(
        &events,
        &assessment,
        &data.districts,
        &mut peer_group_names,
        &mut invalid,
    );
    // Stable: events at the same month apply in file order.
    events.sort_by_key(|e| e.tick);
    let notes = resolve_notes(&file.notes, h, &mut invalid);
    let counterfactual = file.counterfactual.as_ref().map(|rel| {
        let p = path.parent().unwrap_or(Path::new(".")).join(rel);
        if !p.is_file() {
            invalid.push(Invalid {
                path: "counterfactual".into(),
                message: format!(
                    "{}: no such scenario file (the path is relative to this file)",
                    p.display()
                ),
            });
        }
        p
    });
    let targets = select_targets(&file.targets, &data.targets, &mut invalid);
    if file.name.trim().is_empty() {
        invalid.push(Invalid {
            path: "name".into(),
            message: "must not be empty".into(),
        });
    }
    if !invalid.is_empty() {
        return Err(locate_errors(invalid, &file, text, path, &data));
    }
    Ok(Scenario {
        name: file.name,
        description: file.description,
        seed: file.seed,
        horizon: h,
        scale,
        params,
        assessment,
        peer_group,
        peer_group_names,
        handicap,
        city_levers: city,
        baseline_levers: data.defaults.levers.clone(),
        district_levers,
        events,
        districts: data.districts,
        targets,
        outputs: file.outputs.unwrap_or_default(),
        notes,
        sources: Sources {
            districts: data.districts_text,
            model: data.model_text,
            targets: data.targets_text,
        },
        file_hash,
        file: path.to_path_buf(),
        counterfactual,
    })
}

/// The data a scenario runs on: the defaults, the districts and the targets, with their texts
/// and where they came from.
struct Data {
    defaults: ModelDefaults,
    model_text: String,
    model_path: PathBuf,
    districts: Vec<District>,
    districts_text: String,
    districts_path: PathBuf,
    targets: Vec<Target>,
    targets_text: String,
}

impl Data {
    /// The data files the scenario names (relative to it), or the shipped copies.
    fn load(path: &Path, text: &str, sources: &DataSources) -> Result<Data, InputErrors> {
        let (model_text, model_path) = data_text(
            path,
            text,
            "data.model",
            &sources.model,
            super::file::EMBEDDED_MODEL,
            "assets/model.ron",
        )?;
        let defaults: ModelDefaults = parse_ron(&model_text, &model_path)?;
        let (districts_text, districts_path) = data_text(
            path,
            text,
            "data.districts",
            &sources.districts,
            data::districts::EMBEDDED_CSV,
            "assets/districts.csv",
        )?;
        let mut districts = data::districts::parse(&districts_text, &districts_path)?;
        if sources.districts.is_none() {
            data::districts::attach_structure(
                &mut districts,
                data::districts::EMBEDDED_STRUCTURE_CSV,
                Path::new("assets/district_structure.csv"),
            )?;
        } else {
            // Another district table: the city's structure for every district.
            for d in &mut districts {
                d.structure = data::districts::CITY_STRUCTURE;
            }
        }
        let (targets_text, targets_path) = data_text(
            path,
            text,
            "data.targets",
            &sources.targets,
            data::targets::EMBEDDED_RON,
            "seeds/targets.ron",
        )?;
        let targets = data::targets::parse(&targets_text, &targets_path)?;
        Ok(Data {
            defaults,
            model_text,
            model_path,
            districts,
            districts_text,
            districts_path,
            targets,
            targets_text,
        })
    }

    fn district_index(&self, code: &str) -> Option<usize> {
        self.districts.iter().position(|d| d.code == code)
    }

    /// What a valid district code looks like, for messages.
    fn valid_codes(&self) -> String {
        let mut s: Vec<&str> = self
            .districts
            .iter()
            .map(|d| d.code.as_str())
            .take(6)
            .collect();
        s.push("…");
        format!(
            "a district code from {} such as {}",
            self.districts_path.display(),
            s.join(", ")
        )
    }
}

/// Loads a data file the scenario names (relative to the scenario), or the shipped copy. A
/// file that cannot be read is reported where the scenario (`text`) names it, at `field`.
fn data_text(
    scenario: &Path,
    text: &str,
    field: &str,
    p: &Option<PathBuf>,
    embedded: &str,
    shipped: &str,
) -> Result<(String, PathBuf), InputError> {
    match p {
        None => Ok((embedded.to_string(), PathBuf::from(shipped))),
        Some(rel) => {
            let full = scenario.parent().unwrap_or(Path::new(".")).join(rel);
            let (t, _) = crate::files::read_text(&full, "data file").map_err(|e| {
                if e.line == 0 {
                    InputError::located(
                        scenario,
                        text,
                        field,
                        format!("{}: {}", full.display(), e.message),
                    )
                } else {
                    e
                }
            })?;
            Ok((t, full))
        }
    }
}

/// The defaults with the file's parameters, city levers and race rules laid over them, each
/// checked.
fn merge_defaults(
    defaults: &ModelDefaults,
    file: &ScenarioFile,
    invalid: &mut Vec<Invalid>,
) -> (Params, Levers, Assessment) {
    let mut params = defaults.params.clone();
    params.apply(&file.params);
    params.validate("params", invalid);
    params.cross_check("params", invalid);

    let mut city = defaults.levers.clone();
    city.apply(&file.levers.city);
    city.validate("levers.city", invalid);
    city.cross_check("levers.city", invalid);

    let mut assessment = defaults.assessment.clone();
    assessment.apply(&file.assessment);
    assessment.validate("assessment", invalid);
    assessment.cross_check("assessment", invalid);
    (params, city, assessment)
}

/// Each district's levers at the start: the city's, with the file's per-district changes.
fn district_levers(
    file: &ScenarioFile,
    city: &Levers,
    data: &Data,
    invalid: &mut Vec<Invalid>,
) -> Vec<Levers> {
    let mut out = vec![city.clone(); data.districts.len()];
    for (code, patch) in &file.levers.districts {
        let p = format!("levers.districts.{code}");
        match data.district_index(code) {
            None => invalid.push(Invalid {
                path: p,
                message: format!(
                    "unknown district \"{code}\": expected {}",
                    data.valid_codes()
                ),
            }),
            Some(i) => {
                out[i].apply(patch);
                out[i].validate(&p, invalid);
                out[i].cross_check(&p, invalid);
            }
        }
    }
    out
}

/// Runs start at the plan's baseline and end between the first target year and 2050.
fn check_horizon(h: Horizon, invalid: &mut Vec<Invalid>) {
    if h.start != YearMonth::new(2023, 1) {
        invalid.push(Invalid {
            path: "horizon.start".into(),
            message: format!("{}: the model's initial state is the plan's baseline, so runs start at \"2023-01\"", h.start),
        });
    }
    if h.end < YearMonth::new(2027, 12) || h.end > YearMonth::new(2050, 12) {
        invalid.push(Invalid {
            path: "horizon.end".into(),
            message: format!(
                "{}: valid ends are \"2027-12\" (the first target year) to \"2050-12\"",
                h.end
            ),
        });
    }
}

/// A sample holds every large enterprise and at least 1,000 others, and no more firms than
/// are registered.
fn check_scale(scale: Scale, params: &Params, invalid: &mut Vec<Invalid>) {
    let large = params.population.large_enterprises.round() as u64;
    if let Scale::Enterprises(n) = scale {
        let min = large + 1000;
        if (n as u64) < min || n as f64 > params.population.registered_enterprises {
            invalid.push(Invalid {
                path: "scale".into(),
                message: format!(
                    "Enterprises({n}): valid values are {min} (every large enterprise and 1,000 others) to {} (all registered), or Full",
                    params.population.registered_enterprises
                ),
            });
        }
    }
}

/// Each event checked on its own (month, districts, values), with its district codes turned
/// into indices.
fn resolve_events(
    events: &[Event],
    h: Horizon,
    city: &Levers,
    data: &Data,
    invalid: &mut Vec<Invalid>,
) -> Vec<ResolvedEvent> {
    let mut out = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let p = format!("events[{i}]");
        if ev.at < h.start || ev.at > h.end {
            invalid.push(Invalid {
                path: format!("{p}.at"),
                message: format!("{} is outside the horizon {} to {}", ev.at, h.start, h.end),
            });
        }
        let districts = event_districts(&ev.action, &p, data, invalid);
        check_action(&ev.action, &p, city, invalid);
        out.push(ResolvedEvent {
            at: ev.at,
            tick: h.start.months_until(ev.at).max(0) as u32,
            action: ev.action.clone(),
            districts,
        });
    }
    out
}

/// The districts an event names, as indices; every district when it names none.
fn event_districts(
    action: &Action,
    p: &str,
    data: &Data,
    invalid: &mut Vec<Invalid>,
) -> Vec<usize> {
    let no_codes = Vec::new();
    let codes = match action {
        Action::SetLever { districts, .. } | Action::Incident { districts, .. } => districts,
        Action::SetRace { .. } => &no_codes,
    };
    let mut idx = Vec::new();
    for (j, c) in codes.iter().enumerate() {
        match data.district_index(c) {
            Some(k) => idx.push(k),
            None => invalid.push(Invalid {
                path: format!("{p}.action.districts[{j}]"),
                message: format!("unknown district \"{c}\": expected {}", data.valid_codes()),
            }),
        }
    }
    if codes.is_empty() {
        idx = (0..data.districts.len()).collect();
    }
    idx
}

/// An action's own values: a lever's range, an incident's sizes. (Rules across levers and
/// race rules depend on what is in force, and are checked in time order.)
fn check_action(action: &Action, p: &str, city: &Levers, invalid: &mut Vec<Invalid>) {
    match action {
        Action::SetLever { lever, value, .. } => {
            if lever.is_bool() && *value != 0.0 && *value != 1.0 {
                invalid.push(Invalid {
                    path: format!("{p}.action.value"),
                    message: format!(
                        "{value}: {lever:?} is on or off, so valid values are 0 and 1"
                    ),
                });
            } else {
                let mut l = city.clone();
                lever.set(&mut l, *value);
                let mut e = Vec::new();
                l.validate("", &mut e);
                for x in e {
                    invalid.push(Invalid {
                        path: format!("{p}.action.value"),
                        message: format!("setting {}: {}", x.path, x.message),
                    });
                }
            }
        }
        Action::Incident {
            defect_multiplier,
            months,
            satisfaction_drop,
            inspection_multiplier,
            ..
        } => {
            let mut check = |v: f64, lo: f64, hi: f64, field: &str| {
                crate::patch::check_range(v, lo, hi, &format!("{p}.action.{field}"), invalid)
            };
            check(*defect_multiplier, 0.0, 100.0, "defect_multiplier");
            check(*months as f64, 1.0, 120.0, "months");
            check(*satisfaction_drop, 0.0, 50.0, "satisfaction_drop");
            check(*inspection_multiplier, 0.0, 20.0, "inspection_multiplier");
        }
        Action::SetRace { .. } => {}
    }
}

/// Rules across levers hold for the levers in force after each change, taken in time order
/// (so raising D then C is as valid as the final state is).
fn check_lever_rules_in_time_order(
    events: &[ResolvedEvent],
    district_levers: &[Levers],
    invalid: &mut Vec<Invalid>,
) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].tick);
    let mut running = district_levers.to_vec();
    for i in order {
        let Action::SetLever { lever, value, .. } = &events[i].action else {
            continue;
        };
        if lever.is_bool() && *value != 0.0 && *value != 1.0 {
            continue;
        }
        let mut reported = false;
        for &d in &events[i].districts {
            let Some(l) = running.get_mut(d) else {
                continue;
            };
            lever.set(l, *value);
            let mut e = Vec::new();
            l.cross_check("", &mut e);
            if !reported && let Some(x) = e.into_iter().next() {
                invalid.push(Invalid {
                    path: format!("events[{i}].action.value"),
                    message: format!(
                        "setting {} in {}: {}",
                        x.path.trim_start_matches('.'),
                        events[i].at,
                        x.message
                    ),
                });
                reported = true;
            }
        }
    }
}

/// Race rules changed by events hold together with the rules in force at that month. Only
/// what an event makes invalid is reported there: a problem already there before it was
/// reported where it arose.
fn check_race_rules_in_time_order(
    events: &[ResolvedEvent],
    assessment: &Assessment,
    districts: &[District],
    peer_group_names: &mut Vec<String>,
    invalid: &mut Vec<Invalid>,
) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].tick);
    let mut running = assessment.clone();
    for i in order {
        let Action::SetRace { rules } = &events[i].action else {
            continue;
        };
        let check = |a: &Assessment, names: &[String], p: &str| {
            let mut e = Vec::new();
            a.validate(p, &mut e);
            a.cross_check(p, &mut e);
            race_groups(a, districts, &mut names.to_vec(), p, &mut e);
            e
        };
        let p = format!("events[{i}].action.rules");
        let before: Vec<String> = check(&running, peer_group_names, &p)
            .into_iter()
            .map(|x| x.message)
            .collect();
        running.apply(rules);
        let after = check(&running, peer_group_names, &p);
        race_groups(&running, districts, peer_group_names, &p, &mut Vec::new());
        invalid.extend(
            after
                .into_iter()
                .filter(|x| !before.contains(&x.message))
                .map(|mut x| {
                    x.message = format!("in {}: {}", events[i].at, x.message);
                    x
                }),
        );
    }
}

/// A lesson's notes: inside the horizon, in both languages, one a month; in time order.
fn resolve_notes(notes: &[Note], h: Horizon, invalid: &mut Vec<Invalid>) -> Vec<Note> {
    let mut out = Vec::new();
    for (i, n) in notes.iter().enumerate() {
        if n.at < h.start || n.at > h.end {
            invalid.push(Invalid {
                path: format!("notes[{i}].at"),
                message: format!("{} is outside the horizon {} to {}", n.at, h.start, h.end),
            });
        }
        for (field, text) in [("en", &n.en), ("zh", &n.zh)] {
            if text.trim().is_empty() {
                invalid.push(Invalid {
                    path: format!("notes[{i}].{field}"),
                    message: "must not be empty: a note is shown in both languages".into(),
                });
            }
        }
        if let Some(j) = notes[..i].iter().position(|m| m.at == n.at) {
            invalid.push(Invalid {
                path: format!("notes[{i}].at"),
                message: format!(
                    "notes[{j}] is also at {}: one note per month (write both in one note)",
                    n.at
                ),
            });
        }
        out.push(n.clone());
    }
    out.sort_by_key(|n| n.at);
    out
}

/// The targets in force: those named, or all.
fn select_targets(ids: &[String], all: &[Target], invalid: &mut Vec<Invalid>) -> Vec<Target> {
    if ids.is_empty() {
        return all.to_vec();
    }
    let mut t = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match all.iter().find(|x| &x.id == id) {
            Some(x) => t.push(x.clone()),
            None => invalid.push(Invalid {
                path: format!("targets[{i}]"),
                message: format!(
                    "unknown target \"{id}\": valid ids are {}",
                    all.iter()
                        .map(|t| t.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
    t
}

/// Every problem as an error at its line and column: in this file, in `base` for a base's
/// event that this file made invalid, or in the defaults file for a value the file did not
/// write.
fn locate_errors(
    mut invalid: Vec<Invalid>,
    file: &ScenarioFile,
    text: &str,
    path: &Path,
    data: &Data,
) -> InputErrors {
    // Events are numbered over the base's and this file's together; point at the event where
    // this file wrote it.
    let own = parse_ron::<ScenarioFile>(text, path).map_or(0, |f| f.events.len());
    let offset = file.events.len().saturating_sub(own);
    for v in &mut invalid {
        let Some(rest) = v.path.strip_prefix("events[") else {
            continue;
        };
        let Some((i, tail)) = rest.split_once(']') else {
            continue;
        };
        let Ok(i) = i.parse::<usize>() else { continue };
        if i >= offset {
            v.path = format!("events[{}]{tail}", i - offset);
        } else {
            // An event of a base scenario made invalid by what this file changed: point at
            // `base` and say which event.
            v.message = format!(
                "event {i} of the base scenarios ({}{tail}): {}",
                "events", v.message
            );
            v.path = "base".into();
        }
    }
    let errs = invalid
        .into_iter()
        .map(|v| {
            // A value the scenario did not write came from the defaults file: point there.
            let depth = crate::error::locate::locate_depth(text, &v.path).map_or(0, |(d, _)| d);
            if v.path.starts_with("params.") && depth < 2 {
                InputError::located(
                    &data.model_path,
                    &data.model_text,
                    v.path.trim_start_matches("params."),
                    v.message,
                )
                .with_field(&v.path)
            } else {
                InputError::located(path, text, &v.path, v.message)
            }
        })
        .collect();
    InputErrors(errs)
}

impl InputError {
    fn with_field(mut self, field: &str) -> Self {
        self.field = field.to_string();
        self
    }
}

/// The race's peer group of each district (an index into `names`, where the grouping's names
/// are added if new: a run whose groups change keeps one list of every name used) and each
/// district's handicap points. Problems are reported under `prefix` (`assessment` or
/// `events[3].action.rules`).
pub fn race_groups(
    assessment: &Assessment,
    districts: &[District],
    names: &mut Vec<String>,
    prefix: &str,
    invalid: &mut Vec<Invalid>,
) -> (Vec<usize>, Vec<f64>) {
    let code_index = |code: &str| districts.iter().position(|d| d.code == code);
    let valid_codes = || {
        let mut s: Vec<&str> = districts.iter().map(|d| d.code.as_str()).take(6).collect();
        s.push("…");
        format!("a district code such as {}", s.join(", "))
    };
    let (local, local_names): (Vec<usize>, Vec<String>) = match &assessment.peer_groups {
        crate::params::PeerGroups::City => (vec![0; districts.len()], vec!["city".to_string()]),
        crate::params::PeerGroups::Zones => {
            let zones = [
                data::Zone::Metro,
                data::Zone::Northeast,
                data::Zone::Southeast,
            ];
            (
                districts
                    .iter()
                    .map(|d| zones.iter().position(|z| *z == d.zone).unwrap_or(0))
                    .collect(),
                vec!["metro".into(), "northeast".into(), "southeast".into()],
            )
        }
        crate::params::PeerGroups::Custom(groups) => {
            let mut of = vec![usize::MAX; districts.len()];
            for (g, list) in groups.iter().enumerate() {
                for (j, code) in list.iter().enumerate() {
                    match code_index(code) {
                        None => invalid.push(Invalid {
                            path: format!("{prefix}.peer_groups[{g}][{j}]"),
                            message: format!("unknown district \"{code}\": expected {}", valid_codes()),
                        }),
                        Some(k) if of[k] != usize::MAX => invalid.push(Invalid {
                            path: format!("{prefix}.peer_groups[{g}][{j}]"),
                            message: format!("district {code} is already in group {}: each district belongs to one group", of[k] + 1),
                        }),
                        Some(k) => of[k] = g,
                    }
                }
            }
            let missing: Vec<&str> = districts
                .iter()
                .zip(&of)
                .filter(|(_, g)| **g == usize::MAX)
                .map(|(d, _)| d.code.as_str())
                .collect();
            if !missing.is_empty() {
                invalid.push(Invalid {
                    path: format!("{prefix}.peer_groups"),
                    message: format!(
                        "every district must be in a group; missing: {}",
                        missing.join(", ")
                    ),
                });
            }
            (
                of.into_iter()
                    .map(|g| g.min(groups.len().saturating_sub(1)))
                    .collect(),
                (1..=groups.len()).map(|g| format!("group{g}")).collect(),
            )
        }
    };
    let mut handicap = vec![0.0; districts.len()];
    for (i, h) in assessment.handicaps.iter().enumerate() {
        match code_index(&h.district) {
            Some(k) => handicap[k] += h.points,
            None => invalid.push(Invalid {
                path: format!("{prefix}.handicaps[{i}].district"),
                message: format!(
                    "unknown district \"{}\": expected {}",
                    h.district,
                    valid_codes()
                ),
            }),
        }
    }

    let index: Vec<usize> = local_names
        .iter()
        .map(|n| match names.iter().position(|x| x == n) {
            Some(i) => i,
            None => {
                names.push(n.clone());
                names.len() - 1
            }
        })
        .collect();
    (
        local
            .into_iter()
            .map(|g| index.get(g).copied().unwrap_or(0))
            .collect(),
        handicap,
    )
}
