//! The 38 districts and counties of Chongqing (`assets/districts.csv`; provenance in
//! `assets/PROVENANCE.md`).

use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The shipped district table.
pub const EMBEDDED_CSV: &str = include_str!("../../../../assets/districts.csv");

/// The "一区两群" zone a district belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// 主城都市区
    Metro,
    /// 渝东北三峡库区城镇群
    Northeast,
    /// 渝东南武陵山区城镇群
    Southeast,
}

/// One row of `assets/districts.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub zone: Zone,
    pub subzone: String,
    pub population_10k: f64,
    pub population_year: u32,
    pub population_estimated: bool,
    pub gdp_100m_yuan: f64,
    pub gdp_year: u32,
    pub gdp_estimated: bool,
    pub area_km2: f64,
    pub centroid_lon: f64,
    pub centroid_lat: f64,
    pub source: String,
    /// Shares of primary, secondary and tertiary industry in value added, percent
    /// (`assets/district_structure.csv`; filled where not found, see there).
    #[serde(skip)]
    pub structure: [f64; 3],
}

/// The shipped economic structure of the districts.
pub const EMBEDDED_STRUCTURE_CSV: &str = include_str!("../../../../assets/district_structure.csv");

/// Chongqing's structure in 2022, percent: 6.9 : 40.1 : 53.0 (2022年重庆市国民经济和社会发展
/// 统计公报, 重庆市统计局, 2023-03-17).
pub const CITY_STRUCTURE: [f64; 3] = [6.9, 40.1, 53.0];

/// One row of `assets/district_structure.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct StructureRow {
    code: String,
    #[allow(dead_code)]
    name_zh: String,
    primary_pct: f64,
    secondary_pct: f64,
    tertiary_pct: f64,
    #[allow(dead_code)]
    year: Option<u32>,
    #[allow(dead_code)]
    filled: bool,
    #[allow(dead_code)]
    source: String,
}

/// Sets each district's economic structure from a structure table; every district must have
/// a row whose shares sum to 100 (±1).
pub fn attach_structure(
    districts: &mut [District],
    text: &str,
    file: &Path,
) -> Result<(), InputError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    for (i, rec) in rdr.deserialize::<StructureRow>().enumerate() {
        let line = i + 2;
        let r = rec.map_err(|e| InputError::at(file, line, 1, "", format!("{e}")))?;
        let sum = r.primary_pct + r.secondary_pct + r.tertiary_pct;
        if !((99.0..=101.0).contains(&sum) && r.primary_pct >= 0.0 && r.secondary_pct >= 0.0) {
            return Err(InputError::at(
                file,
                line,
                1,
                "primary_pct",
                format!(
                    "district {}: the three shares must be ≥ 0 and sum to 100, got {sum}",
                    r.code
                ),
            ));
        }
        if let Some(d) = districts.iter_mut().find(|d| d.code == r.code) {
            d.structure = [r.primary_pct, r.secondary_pct, r.tertiary_pct];
        }
    }
    if let Some(d) = districts.iter().find(|d| d.structure == [0.0; 3]) {
        return Err(InputError::at(
            file,
            1,
            1,
            "code",
            format!("no structure for district {}", d.code),
        ));
    }
    Ok(())
}

/// Reads and checks a district table. `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Vec<District>, InputError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let mut out: Vec<District> = Vec::new();
    for rec in rdr.deserialize::<District>() {
        let d = rec.map_err(|e| {
            let (line, field) = match e.position() {
                Some(p) => (p.line() as usize, String::new()),
                None => (0, String::new()),
            };
            InputError::at(file, line, 1, &field, format!("{e}"))
        })?;
        let line = out.len() + 2;
        let ok = |x: f64, max: f64| x.is_finite() && x > 0.0 && x <= max;
        if !(ok(d.population_10k, 1e5) && ok(d.gdp_100m_yuan, 1e6) && ok(d.area_km2, 1e6)) {
            return Err(InputError::at(
                file,
                line,
                1,
                "population_10k",
                format!(
                    "district {}: population (10k, up to 100000), GDP (100m yuan, up to 1e6) and area (km², up to 1e6) must be positive finite numbers",
                    d.code
                ),
            ));
        }
        if out.iter().any(|o| o.code == d.code) {
            return Err(InputError::at(
                file,
                line,
                1,
                "code",
                format!("district code {} appears twice", d.code),
            ));
        }
        out.push(d);
    }
    if out.is_empty() || out.len() > 255 {
        return Err(InputError::at(
            file,
            1,
            1,
            "",
            format!("expected 1 to 255 districts, found {}", out.len()),
        ));
    }
    Ok(out)
}

/// The shipped table.
pub fn embedded() -> Vec<District> {
    let mut d = parse(EMBEDDED_CSV, Path::new("assets/districts.csv"))
        .expect("shipped district table is valid");
    attach_structure(
        &mut d,
        EMBEDDED_STRUCTURE_CSV,
        Path::new("assets/district_structure.csv"),
    )
    .expect("shipped district structure is valid");
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_has_38_districts_summing_to_the_municipal_gdp() {
        let d = embedded();
        assert_eq!(d.len(), 38);
        // DOMAIN.md: municipal GDP 2022 = 29,129.03 亿元; gaps were filled by allocating the residual.
        let gdp: f64 = d.iter().map(|x| x.gdp_100m_yuan).sum();
        assert!((gdp - 29129.03).abs() < 1.0, "GDP sums to {gdp}");
        let zones = |z| d.iter().filter(|x| x.zone == z).count();
        assert_eq!(
            (
                zones(Zone::Metro),
                zones(Zone::Northeast),
                zones(Zone::Southeast)
            ),
            (21, 11, 6)
        );
    }
}
