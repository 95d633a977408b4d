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
}

macro_rules! indicators {
    ($($v:ident => $id:literal, $unit:literal, $about:literal;)*) => {
        /// Indicator ids as an enum, in output order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Ind { $($v),* }
        /// Every indicator, in output order.
        pub const INDICATORS: &[IndicatorDef] = &[$(IndicatorDef { id: $id, unit: $unit, about: $about }),*];
    };
}

indicators! {
    Mqci => "mqci", "index", "manufacturing quality competitiveness index (model composite)";
    AgPassRate => "ag_pass_rate", "percent", "agricultural products, measured by routine monitoring samples";
    FoodPassRate => "food_pass_rate", "percent", "food, measured by sampling";
    MfgPassRate => "mfg_pass_rate", "percent", "manufactured products, measured by sampling";
    ConsumerPassRate => "consumer_pass_rate", "percent", "consumer goods, measured by sampling";
    DrugProductionPassRate => "drug_production_pass_rate", "percent", "drugs at production, measured by sampling";
    DrugCirculationPassRate => "drug_circulation_pass_rate", "percent", "drugs in circulation, measured by sampling";
    AgPassRateTrue => "ag_pass_rate_true", "percent", "agricultural products, true";
    FoodPassRateTrue => "food_pass_rate_true", "percent", "food, true";
    MfgPassRateTrue => "mfg_pass_rate_true", "percent", "manufactured products, true";
    ConsumerPassRateTrue => "consumer_pass_rate_true", "percent", "consumer goods, true";
    DrugProductionPassRateTrue => "drug_production_pass_rate_true", "percent", "drugs at production, true";
    DrugCirculationPassRateTrue => "drug_circulation_pass_rate_true", "percent", "drugs in circulation, true";
    PrefabShare => "prefab_share", "percent", "prefabricated share of new floor area";
    GreenBuildingShare => "green_building_share", "percent", "green share of new urban buildings";
    MajorProjectAcceptance => "major_project_acceptance", "percent", "major projects passing acceptance, trailing 12 months";
    PublicServiceSatisfaction => "public_service_satisfaction", "points", "public service satisfaction, latest survey";
    LifeServiceSatisfaction => "life_service_satisfaction", "points", "life-service satisfaction, latest survey";
    PublicServiceSatisfactionTrue => "public_service_satisfaction_true", "points", "public service satisfaction, latent";
    LifeServiceSatisfactionTrue => "life_service_satisfaction_true", "points", "life-service satisfaction, latent";
    NationalBrandCount => "national_brand_count", "count", "national quality brands held";
    NationalBrandValue => "national_brand_value", "100m_yuan", "total value of national quality brands";
    AgClusters => "ag_clusters", "count", "national advantage agricultural clusters";
    BenchmarkCities => "benchmark_cities", "count", "national quality benchmark cities (districts named)";
    BrandDemoZones => "brand_demo_zones", "count", "quality brand demonstration zones (districts named)";
    IntlStandards => "intl_standards", "count", "new international standards led or joined since the start";
    NationalStandards => "national_standards", "count", "new national standards led or joined since the start";
    QualityComposite => "quality_composite", "index", "2035 quality composite (0-100, our definition)";
    MeanCapability => "mean_capability", "share", "mean latent capability of enterprises";
    InvestmentRate => "investment_rate", "share", "mean quality investment rate";
    Inspections => "inspections", "count", "inspections this month (real enterprises)";
    Detections => "detections", "count", "violations detected this month (real enterprises)";
    GradeAShare => "credit_a_share", "share", "enterprises graded A";
    GradeBShare => "credit_b_share", "share", "enterprises graded B";
    GradeCShare => "credit_c_share", "share", "enterprises graded C";
    GradeDShare => "credit_d_share", "share", "enterprises graded D";
    Blacklisted => "blacklisted", "count", "enterprises on the serious-violation list";
    Funding => "funding_ratio", "share", "share of the levers' cost the budget covers";
    SamplingScale => "sampling_scale", "share", "inspection capacity / inspections asked for, capped at 1";
    MeasuredTrueGap => "measured_true_gap", "points", "mean over the six pass rates of measured minus true";
    RaceScore => "race_score", "score", "horse-race score at the latest assessment";
    RaceRank => "race_rank", "rank", "rank within the peer group at the latest assessment";
    RaceEffort => "race_effort", "share", "leaders' real effort this period (0 to max_effort)";
    RaceGaming => "race_gaming", "share", "leaders' gaming of measured indicators this period";
}

/// An indicator's position in [`INDICATORS`] (and in every recorded row).
pub fn ind(i: Ind) -> usize {
    i as usize
}

/// The position of the indicator with this id, if there is one.
pub fn index_of(id: &str) -> Option<usize> {
    INDICATORS.iter().position(|d| d.id == id)
}
