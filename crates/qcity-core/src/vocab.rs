//! The shared vocabulary of the model and everything around it: the sectors, the credit
//! grades and the output indicators. The bottom layer: it depends on nothing in qcity.

use serde::{Deserialize, Serialize};

/// The sectors of the plan's product-quality targets, and the other registered enterprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Sector {
    Agriculture,
    Food,
    DrugProduction,
    DrugCirculation,
    Manufacturing,
    ConsumerGoods,
    Construction,
    Services,
}

pub const N_SECTORS: usize = 8;

impl Sector {
    pub const ALL: [Sector; N_SECTORS] = [
        Sector::Agriculture,
        Sector::Food,
        Sector::DrugProduction,
        Sector::DrugCirculation,
        Sector::Manufacturing,
        Sector::ConsumerGoods,
        Sector::Construction,
        Sector::Services,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Sector::Agriculture => "agriculture",
            Sector::Food => "food",
            Sector::DrugProduction => "drug_production",
            Sector::DrugCirculation => "drug_circulation",
            Sector::Manufacturing => "manufacturing",
            Sector::ConsumerGoods => "consumer_goods",
            Sector::Construction => "construction",
            Sector::Services => "services",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The national accounts' industry the sector belongs to: 0 primary, 1 secondary (industry
    /// and construction), 2 tertiary (GB/T 4754 and 国家统计局《三次产业划分规定》, 2018).
    pub fn industry(self) -> usize {
        match self {
            Sector::Agriculture => 0,
            Sector::Food
            | Sector::DrugProduction
            | Sector::Manufacturing
            | Sector::ConsumerGoods
            | Sector::Construction => 1,
            Sector::DrugCirculation | Sector::Services => 2,
        }
    }

    /// The plan's pass-rate target for this sector's products, if it has one.
    pub fn pass_rate_indicator(self) -> Option<&'static str> {
        match self {
            Sector::Agriculture => Some("ag_pass_rate"),
            Sector::Food => Some("food_pass_rate"),
            Sector::DrugProduction => Some("drug_production_pass_rate"),
            Sector::DrugCirculation => Some("drug_circulation_pass_rate"),
            Sector::Manufacturing => Some("mfg_pass_rate"),
            Sector::ConsumerGoods => Some("consumer_pass_rate"),
            Sector::Construction | Sector::Services => None,
        }
    }
}

/// Credit-risk grade (国市监信发〔2022〕6号): A low risk … D high risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];
    pub fn index(self) -> usize {
        self as usize
    }
}

// ---------------------------------------------------------------------------------------------
// Indicators

/// One output indicator.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorDef {
    pub id: &'static str,
    pub unit: &'static str,
    pub about: &'static str,
    /// The range a map draws it over, the same for every month and scenario (values beyond
    /// take the end colours). A display choice, not a model number: it holds every district's
    /// value from 2023-01 to 2035-12 in the plan and business as usual (2 replicates each) and
    /// in the six lessons, rounded outward, or the indicator's whole definition where that is
    /// narrow (composite 0–100, effort and gaming 0–1). Measured 2026-12-03 with `qcity run
    /// SCENARIO -r 2` and the minimum and maximum over districts of `timeseries.csv`. A true
    /// value and its measured twin share one range, so that the two can be compared.
    pub range: (f64, f64),
}

macro_rules! indicators {
    ($($v:ident => $id:literal, $unit:literal, $about:literal, $lo:literal, $hi:literal;)*) => {
        /// Indicator ids as an enum, in output order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Ind { $($v),* }
        /// Every indicator, in output order.
        pub const INDICATORS: &[IndicatorDef] = &[$(IndicatorDef { id: $id, unit: $unit, about: $about, range: ($lo, $hi) }),*];
    };
}

indicators! {
    Mqci => "mqci", "index", "manufacturing quality competitiveness index (model composite)", 82.0, 100.0;
    AgPassRate => "ag_pass_rate", "percent", "agricultural products, measured by routine monitoring samples", 97.0, 100.0;
    FoodPassRate => "food_pass_rate", "percent", "food, measured by sampling", 93.0, 100.0;
    MfgPassRate => "mfg_pass_rate", "percent", "manufactured products, measured by sampling", 88.0, 100.0;
    ConsumerPassRate => "consumer_pass_rate", "percent", "consumer goods, measured by sampling", 86.0, 100.0;
    DrugProductionPassRate => "drug_production_pass_rate", "percent", "drugs at production, measured by sampling", 96.0, 100.0;
    DrugCirculationPassRate => "drug_circulation_pass_rate", "percent", "drugs in circulation, measured by sampling", 96.0, 100.0;
    AgPassRateTrue => "ag_pass_rate_true", "percent", "agricultural products, true", 97.0, 100.0;
    FoodPassRateTrue => "food_pass_rate_true", "percent", "food, true", 93.0, 100.0;
    MfgPassRateTrue => "mfg_pass_rate_true", "percent", "manufactured products, true", 88.0, 100.0;
    ConsumerPassRateTrue => "consumer_pass_rate_true", "percent", "consumer goods, true", 86.0, 100.0;
    DrugProductionPassRateTrue => "drug_production_pass_rate_true", "percent", "drugs at production, true", 96.0, 100.0;
    DrugCirculationPassRateTrue => "drug_circulation_pass_rate_true", "percent", "drugs in circulation, true", 96.0, 100.0;
    PrefabShare => "prefab_share", "percent", "prefabricated share of new floor area", 20.0, 40.0;
    GreenBuildingShare => "green_building_share", "percent", "green share of new urban buildings", 70.0, 100.0;
    MajorProjectAcceptance => "major_project_acceptance", "percent", "major projects passing acceptance, trailing 12 months", 50.0, 100.0;
    PublicServiceSatisfaction => "public_service_satisfaction", "points", "public service satisfaction, latest survey", 72.0, 100.0;
    LifeServiceSatisfaction => "life_service_satisfaction", "points", "life-service satisfaction, latest survey", 72.0, 100.0;
    PublicServiceSatisfactionTrue => "public_service_satisfaction_true", "points", "public service satisfaction, latent", 72.0, 100.0;
    LifeServiceSatisfactionTrue => "life_service_satisfaction_true", "points", "life-service satisfaction, latent", 72.0, 100.0;
    NationalBrandCount => "national_brand_count", "count", "national quality brands held", 0.0, 6.0;
    NationalBrandValue => "national_brand_value", "100m_yuan", "total value of national quality brands", 0.0, 700.0;
    AgClusters => "ag_clusters", "count", "national advantage agricultural clusters", 0.0, 2.0;
    BenchmarkCities => "benchmark_cities", "count", "national quality benchmark cities (districts named)", 0.0, 1.0;
    BrandDemoZones => "brand_demo_zones", "count", "quality brand demonstration zones (districts named)", 0.0, 1.0;
    IntlStandards => "intl_standards", "count", "new international standards led or joined since the start", 0.0, 15.0;
    NationalStandards => "national_standards", "count", "new national standards led or joined since the start", 0.0, 220.0;
    QualityComposite => "quality_composite", "index", "2035 quality composite (0-100, our definition)", 0.0, 100.0;
    MeanCapability => "mean_capability", "share", "mean latent capability of enterprises", 0.5, 0.9;
    InvestmentRate => "investment_rate", "share", "mean quality investment rate", 0.1, 0.6;
    Inspections => "inspections", "count", "inspections this month (real enterprises)", 0.0, 400.0;
    Detections => "detections", "count", "violations detected this month (real enterprises)", 0.0, 70.0;
    GradeAShare => "credit_a_share", "share", "enterprises graded A", 0.4, 0.9;
    GradeBShare => "credit_b_share", "share", "enterprises graded B", 0.1, 0.4;
    GradeCShare => "credit_c_share", "share", "enterprises graded C", 0.0, 0.2;
    GradeDShare => "credit_d_share", "share", "enterprises graded D", 0.0, 0.06;
    Blacklisted => "blacklisted", "count", "enterprises on the serious-violation list", 0.0, 30.0;
    Funding => "funding_ratio", "share", "share of the levers' cost the budget covers", 0.6, 1.0;
    SamplingScale => "sampling_scale", "share", "inspection capacity / inspections asked for, capped at 1", 0.5, 1.0;
    MeasuredTrueGap => "measured_true_gap", "points", "mean over the six pass rates of measured minus true", -5.0, 5.0;
    RaceScore => "race_score", "score", "horse-race score at the latest assessment", -6.0, 6.0;
    RaceRank => "race_rank", "rank", "rank within the peer group at the latest assessment", 1.0, 38.0;
    RaceEffort => "race_effort", "share", "leaders' real effort this period (0 to max_effort)", 0.0, 1.0;
    RaceGaming => "race_gaming", "share", "leaders' gaming of measured indicators this period", 0.0, 1.0;
}

/// An indicator's position in [`INDICATORS`] (and in every recorded row).
pub fn ind(i: Ind) -> usize {
    i as usize
}

/// The position of the indicator with this id, if there is one.
pub fn index_of(id: &str) -> Option<usize> {
    INDICATORS.iter().position(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_has_a_map_range_shared_with_its_true_twin() {
        for d in INDICATORS {
            assert!(d.range.0 < d.range.1, "{}: empty range {:?}", d.id, d.range);
            if let Some(base) = d.id.strip_suffix("_true") {
                let m = &INDICATORS[index_of(base).expect("a true value has a measured twin")];
                assert_eq!(m.range, d.range, "{} and {base} differ", d.id);
            }
        }
    }
}
