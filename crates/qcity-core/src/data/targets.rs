//! The plan's targets (`seeds/targets.ron`): section 一(二) for 2027 and the 2035 goal.

use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const EMBEDDED_RON: &str = include_str!("../../../../seeds/targets.ron");

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Comparison {
    /// value ≥ target
    AtLeast,
    /// value = target (to 0.05 of a unit: "keep 100 %")
    Equal,
    /// value ≥ factor × the value at the start of the run ("双倍增")
    TimesBaseline(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Scope {
    Chongqing,
    National,
    Assumed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: f64,
    pub year: u32,
    pub scope: Scope,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: String,
    pub indicator_zh: String,
    pub indicator_en: String,
    pub unit: String,
    pub section: String,
    pub quote: String,
    pub comparison: Comparison,
    pub target_2027: Option<f64>,
    pub target_2035: Option<f64>,
    pub baseline: Option<Baseline>,
    pub note: String,
}

impl Target {
    /// The value a projection must reach in `year`, given the run's starting value (for
    /// "times baseline" targets). `None` if the plan sets nothing for that year.
    pub fn threshold(&self, year: u32, start_value: f64) -> Option<f64> {
        match self.comparison {
            Comparison::TimesBaseline(f) => (year == 2027).then_some(f * start_value),
            _ => match year {
                2027 => self.target_2027,
                2035 => self.target_2035,
                _ => None,
            },
        }
    }

    /// Whether `value` meets `threshold`.
    pub fn met(&self, value: f64, threshold: f64) -> bool {
        match self.comparison {
            Comparison::Equal => (value - threshold).abs() <= 0.05,
            _ => value >= threshold - 1e-9,
        }
    }

    /// "≥ 92", "= 100", "≥ 2 × start".
    pub fn describe(&self, year: u32) -> String {
        match (self.comparison, self.threshold(year, 1.0)) {
            (Comparison::TimesBaseline(f), _) => format!("≥ {f} × start"),
            (Comparison::Equal, Some(t)) => format!("= {t}"),
            (Comparison::AtLeast, Some(t)) => format!("≥ {t}"),
            _ => "—".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsFile {
    pub targets: Vec<Target>,
}

/// The ids the model computes, in the plan's order.
pub const IDS: [&str; 20] = [
    "mqci",
    "ag_clusters",
    "ag_pass_rate",
    "food_pass_rate",
    "mfg_pass_rate",
    "consumer_pass_rate",
    "drug_production_pass_rate",
    "drug_circulation_pass_rate",
    "prefab_share",
    "green_building_share",
    "major_project_acceptance",
    "public_service_satisfaction",
    "life_service_satisfaction",
    "national_brand_count",
    "national_brand_value",
    "benchmark_cities",
    "brand_demo_zones",
    "intl_standards",
    "national_standards",
    "quality_composite",
];

pub fn parse(text: &str, file: &Path) -> Result<Vec<Target>, InputError> {
    let f: TargetsFile = crate::files::parse_ron(text, file)?;
    for (i, t) in f.targets.iter().enumerate() {
        if !IDS.contains(&t.id.as_str()) {
            let path = format!("targets[{i}].id");
            return Err(InputError::located(
                file,
                text,
                &path,
                format!(
                    "unknown target id \"{}\": the model computes {}",
                    t.id,
                    IDS.join(", ")
                ),
            ));
        }
    }
    Ok(f.targets)
}

pub fn embedded() -> Vec<Target> {
    parse(EMBEDDED_RON, Path::new("seeds/targets.ron")).expect("shipped targets are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_targets_cover_every_id_once_with_the_plans_2027_values() {
        let t = embedded();
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, IDS.to_vec());
        let get = |id: &str| t.iter().find(|t| t.id == id).unwrap();
        // Section 一(二) of 渝委发〔2023〕11号.
        assert_eq!(get("mqci").target_2027, Some(92.0));
        assert_eq!(get("food_pass_rate").target_2027, Some(98.2));
        assert_eq!(get("ag_pass_rate").target_2027, Some(98.3));
        assert_eq!(get("drug_production_pass_rate").target_2027, Some(99.8));
        assert_eq!(get("drug_circulation_pass_rate").target_2027, Some(99.5));
        assert_eq!(get("prefab_share").target_2027, Some(35.0));
        assert_eq!(get("national_standards").target_2027, Some(700.0));
        assert_eq!(
            get("national_brand_count").comparison,
            Comparison::TimesBaseline(2.0)
        );
        assert!(get("quality_composite").target_2035.is_some());
    }
}
