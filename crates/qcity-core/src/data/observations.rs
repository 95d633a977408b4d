//! Published observations (`seeds/observations.ron`): every figure found that corresponds to
//! something qcity outputs or assumes, each with its source and its role (calibration,
//! validation or context), and every figure searched for and not found.
//!
//! Shown beside the projections (`qcity targets`, the report, the trajectory charts); the
//! calibration and validation commands read the same file.

use crate::error::{InputError, InputErrors};
use crate::vocab::index_of;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const EMBEDDED_RON: &str = include_str!("../../../../seeds/observations.ron");

/// Series that are not outputs of the model but inform it, with what each means.
pub const CONTEXT_SERIES: &[(&str, &str)] = &[
    (
        "intl_standards_stock",
        "international standards led or joined, cumulative",
    ),
    (
        "national_industry_standards_stock",
        "national and sectoral standards led or joined, cumulative",
    ),
    (
        "market_entities",
        "registered market entities (enterprises, sole traders, cooperatives)",
    ),
    ("private_enterprises", "registered private enterprises"),
    ("enterprises", "registered enterprises"),
    (
        "food_sampling_per_1000",
        "food and farm-product sampling, batches per 1,000 residents a year",
    ),
    (
        "drug_pass_rate",
        "drug sampling pass rate, production and circulation together",
    ),
];

/// Where a figure applies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    /// Chongqing, city-wide.
    City,
    /// One district, by code.
    District(String),
    /// The whole country (a fallback where Chongqing publishes nothing).
    National,
}

/// Whether the figure is the value, or only a bound on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bound {
    Exact,
    AtLeast,
    AtMost,
}

/// What the figure is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// Sets the model's baselines and trends.
    Calibration,
    /// Held out: compared with the model, never used to set it.
    Validation,
    /// Not comparable with the model's statistic (a quarter, another definition, …).
    Context,
}

/// How far the source can be trusted as it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strength {
    Official,
    Reliable,
    Moderate,
    Weak,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub issuer: String,
    pub title: String,
    #[serde(default)]
    pub number: String,
    pub date: String,
    pub url: String,
    pub strength: Strength,
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub id: String,
    pub scope: Scope,
    pub year: i32,
    /// Part of the year only ("Q1", "Jan–Jul").
    #[serde(default)]
    pub period: String,
    pub value: f64,
    pub bound: Bound,
    pub unit: String,
    pub national: bool,
    pub role: Role,
    pub source: Source,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub note: String,
}

/// A figure searched for and not found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotFound {
    pub id: String,
    pub scope: Scope,
    pub years: String,
    pub what: String,
    pub looked_in: String,
    pub queries: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observations {
    pub observations: Vec<Observation>,
    pub not_found: Vec<NotFound>,
}

impl Observation {
    /// A short label: "99.28 (2023)", "≥ 98 (2023)", "98.85 (2018 Q1)", with "national" where it
    /// is a national figure.
    pub fn label(&self) -> String {
        let b = match self.bound {
            Bound::Exact => "",
            Bound::AtLeast => "≥ ",
            Bound::AtMost => "≤ ",
        };
        let period = if self.period.is_empty() {
            String::new()
        } else {
            format!(" {}", self.period)
        };
        let scope = match &self.scope {
            Scope::City => String::new(),
            Scope::National => ", national".to_string(),
            Scope::District(c) => format!(", district {c}"),
        };
        format!(
            "{b}{} ({}{period}{scope})",
            fmt_value(self.value),
            self.year
        )
    }
}

/// A value as written in the label: without trailing zeros.
fn fmt_value(v: f64) -> String {
    if v.abs() >= 1e5 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Observations {
    /// The observations of indicator `id` in `scope`, oldest first.
    pub fn series(&self, id: &str, scope: &Scope) -> Vec<&Observation> {
        let mut v: Vec<&Observation> = self
            .observations
            .iter()
            .filter(|o| o.id == id && &o.scope == scope)
            .collect();
        v.sort_by_key(|o| (o.year, o.period.clone()));
        v
    }

    /// What stands for Chongqing's history of `id`: its own figures where there are any, else
    /// the national ones.
    pub fn history(&self, id: &str) -> Vec<&Observation> {
        let own = self.series(id, &Scope::City);
        if own.iter().any(|o| o.role != Role::Context) {
            own
        } else {
            let mut v = own;
            v.extend(self.series(id, &Scope::National));
            v
        }
    }

    /// The figures not found for `id` in `scope`.
    pub fn not_found(&self, id: &str, scope: &Scope) -> Vec<&NotFound> {
        self.not_found
            .iter()
            .filter(|n| n.id == id && &n.scope == scope)
            .collect()
    }
}

/// Parses and checks an observations file.
pub fn parse(text: &str, path: &Path) -> Result<Observations, InputErrors> {
    let o: Observations = crate::files::parse_ron(text, path)?;
    let mut errs = Vec::new();
    let known = |id: &str| index_of(id).is_some() || CONTEXT_SERIES.iter().any(|(c, _)| *c == id);
    for (i, x) in o.observations.iter().enumerate() {
        let at = |field: &str, msg: String| {
            InputError::located(path, text, &format!("observations[{i}].{field}"), msg)
        };
        if !known(&x.id) {
            errs.push(at(
                "id",
                format!(
                    "unknown series `{}`: an indicator of `qcity targets` or one of {}",
                    x.id,
                    CONTEXT_SERIES
                        .iter()
                        .map(|(c, _)| *c)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if !(2000..=2030).contains(&x.year) {
            errs.push(at(
                "year",
                format!("{}: valid years are 2000 to 2030", x.year),
            ));
        }
        if !x.value.is_finite() {
            errs.push(at("value", "must be a finite number".into()));
        }
        if x.national != (x.scope == Scope::National) {
            errs.push(at(
                "national",
                "must be true exactly when the scope is National".into(),
            ));
        }
        if x.source.issuer.trim().is_empty() || x.source.url.trim().is_empty() {
            errs.push(at(
                "source",
                "every figure needs its issuer and where it was published".into(),
            ));
        }
    }
    for (i, n) in o.not_found.iter().enumerate() {
        if !known(&n.id) {
            errs.push(InputError::located(
                path,
                text,
                &format!("not_found[{i}].id"),
                format!("unknown series `{}`", n.id),
            ));
        }
    }
    if errs.is_empty() {
        Ok(o)
    } else {
        Err(InputErrors(errs))
    }
}

/// The shipped observations.
pub fn embedded() -> Observations {
    parse(EMBEDDED_RON, Path::new("seeds/observations.ron"))
        .expect("the shipped observations are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_observations_are_valid_and_hold_out_the_latest_years() {
        let o = embedded();
        assert!(o.observations.len() >= 40);
        // Every series with a calibration and a validation figure holds out a later year
        // than any it calibrates with.
        let mut keys: Vec<(String, Scope)> = o
            .observations
            .iter()
            .map(|x| (x.id.clone(), x.scope.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        for (id, scope) in keys {
            let s = o.series(&id, &scope);
            let last_cal = s
                .iter()
                .filter(|x| x.role == Role::Calibration)
                .map(|x| x.year)
                .max();
            let first_val = s
                .iter()
                .filter(|x| x.role == Role::Validation)
                .map(|x| x.year)
                .min();
            if let (Some(c), Some(v)) = (last_cal, first_val) {
                assert!(
                    v >= c,
                    "{id} {scope:?}: validation {v} before calibration {c}"
                );
            }
        }
        // Chongqing's own figures come first: ag_pass_rate's history is Chongqing's.
        assert!(
            o.history("ag_pass_rate")
                .iter()
                .all(|x| x.scope == Scope::City)
        );
        assert!(
            o.history("mfg_pass_rate")
                .iter()
                .any(|x| x.scope == Scope::National)
        );
        assert!(!o.not_found("mfg_pass_rate", &Scope::City).is_empty());
    }

    #[test]
    fn labels_say_bound_period_and_scope() {
        let o = embedded();
        let food = o.series("food_pass_rate", &Scope::City);
        let labels: Vec<String> = food.iter().map(|x| x.label()).collect();
        assert!(
            labels.contains(&"98.85 (2018 Q1)".to_string()),
            "{labels:?}"
        );
        assert!(labels.contains(&"≥ 98 (2023)".to_string()), "{labels:?}");
    }
}
