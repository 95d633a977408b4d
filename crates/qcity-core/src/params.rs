//! The model's parameters, as plain data (the policy levers are declared in `levers.rs`).
//!
//! The defaults, each with its source or the reason it is assumed, are in `assets/model.ron`;
//! scenarios patch them. Mechanism parameters (`Params`) are fixed for a run; levers (`Levers`)
//! are what a planner moves, city-wide or per district, and scheduled events can change them
//! mid-run.

use crate::patchable;

patchable! {
    /// A value for each credit grade, A (lowest risk) to D (highest).
    pub struct PerGrade / PerGradePatch {
        pub a: f64,
        pub b: f64,
        pub c: f64,
        pub d: f64,
    }
}

impl PerGrade {
    pub fn get(&self, g: crate::vocab::Grade) -> f64 {
        use crate::vocab::Grade::*;
        match g {
            A => self.a,
            B => self.b,
            C => self.c,
            D => self.d,
        }
    }
    pub fn check(&self, lo: f64, hi: f64, path: &str, out: &mut Vec<crate::patch::Invalid>) {
        for (n, v) in [("a", self.a), ("b", self.b), ("c", self.c), ("d", self.d)] {
            crate::patch::check_range(v, lo, hi, &format!("{path}.{n}"), out);
        }
    }
}

patchable! {
    /// A value for each sector of the plan's product-quality targets and the other registered
    /// enterprises.
    pub struct PerSector / PerSectorPatch {
        pub agriculture: f64,
        pub food: f64,
        pub drug_production: f64,
        pub drug_circulation: f64,
        pub manufacturing: f64,
        pub consumer_goods: f64,
        pub construction: f64,
        pub services: f64,
    }
}

impl PerSector {
    pub fn get(&self, s: crate::vocab::Sector) -> f64 {
        use crate::vocab::Sector::*;
        match s {
            Agriculture => self.agriculture,
            Food => self.food,
            DrugProduction => self.drug_production,
            DrugCirculation => self.drug_circulation,
            Manufacturing => self.manufacturing,
            ConsumerGoods => self.consumer_goods,
            Construction => self.construction,
            Services => self.services,
        }
    }
    pub fn values(&self) -> [f64; 8] {
        [
            self.agriculture,
            self.food,
            self.drug_production,
            self.drug_circulation,
            self.manufacturing,
            self.consumer_goods,
            self.construction,
            self.services,
        ]
    }
    fn check(&self, lo: f64, hi: f64, path: &str, out: &mut Vec<crate::patch::Invalid>) {
        for (s, v) in crate::vocab::Sector::ALL.iter().zip(self.values()) {
            crate::patch::check_range(v, lo, hi, &format!("{path}.{}", s.id()), out);
        }
    }
}

patchable! {
    /// How many enterprises exist and how they are simulated.
    pub struct Population / PopulationPatch {
        /// All registered enterprises of Chongqing (full scale).
        pub registered_enterprises: f64 [1000.0, 1.0e8],
        /// Large enterprises (规上), always simulated one to one.
        pub large_enterprises: f64 [0.0, 1.0e6],
        /// Share of enterprises in each sector.
        pub sector_share: PerSector,
        /// Share of large enterprises in each sector.
        pub large_sector_share: PerSector,
        /// Chain leaders (链主) as a share of large enterprises in industrial sectors.
        pub chain_leader_share: f64 [0.0, 1.0],
        /// Weight of GDP (vs population) in placing enterprises in districts.
        pub district_gdp_weight: f64 [0.0, 1.0],
    }
}

patchable! {
    /// Product quality: capability, defects and the baselines they are calibrated to.
    pub struct Quality / QualityPatch {
        /// Published pass rate of each sector in the baseline year, percent.
        pub baseline_pass_rate: PerSector,
        /// Initial capability ~ Beta(a, b) for small firms.
        pub capability_beta_a: f64 [0.5, 50.0],
        pub capability_beta_b: f64 [0.5, 50.0],
        /// Large firms' initial capability is shifted up by this much (capped at 0.99).
        pub large_capability_bonus: f64 [0.0, 0.5],
        /// Initial capability shift per unit of ln(district GDP per head / city GDP per head).
        pub capability_gdp_shift: f64 [0.0, 0.5],
        /// Defect probability ∝ (1 − capability)^exponent.
        pub defect_exponent: f64 [0.5, 5.0],
        /// The pre-plan trend of each sector's nonconforming share, relative change a year
        /// (−0.04: 4 % fewer nonconforming batches each year at the same capability). Business
        /// as usual carries it.
        pub trend_nonconforming_per_year: PerSector,
    }
}

patchable! {
    /// Enterprise quality investment (sections 二, 25, 15).
    pub struct Investment / InvestmentPatch {
        /// Largest investment rate (share of the capability gap closed per year at full rate).
        pub max_rate: f64 [0.0, 1.0],
        /// Marginal cost of investment, relative units.
        pub cost: f64 [0.001, 100.0],
        /// Market return of quality without any policy, relative units.
        pub market_return: f64 [0.0, 100.0],
        /// Weight of the expected penalty in the firm's calculation.
        pub penalty_weight: f64 [0.0, 100.0],
        /// Return of quality through brand premium per unit of brand support.
        pub brand_premium: f64 [0.0, 100.0],
        /// Financing available by credit grade (1 = unrestricted).
        pub finance_by_grade: PerGrade,
    }
}

patchable! {
    /// Capability dynamics (section 二(一)).
    pub struct Capability / CapabilityPatch {
        /// Capability gained per year at investment rate 1, as a share of the gap to 1.
        pub efficiency: f64 [0.0, 2.0],
        /// Share of capability lost per year without investment.
        pub decay_per_year: f64 [0.0, 0.5],
        /// Share of the gap to the district-sector chain leaders closed per year at full programme.
        pub spillover_per_year: f64 [0.0, 1.0],
    }
}

patchable! {
    /// Inspection, "双随机、一公开" (section 26).
    pub struct Inspection / InspectionPatch {
        /// Inspections one inspector can do per month.
        pub capacity_per_inspector_month: f64 [1.0, 500.0],
        /// Spread of inspectors' skill around the lever's mean.
        pub skill_sd: f64 [0.0, 0.5],
        /// Relative sampling frequency by sector (food and drugs are priority areas).
        pub sector_weight: PerSector,
        /// Batches sampled and tested in one inspection, by sector.
        pub batches_per_inspection: PerSector,
        /// Share of detected violations that are serious (blacklist-level).
        pub serious_share: f64 [0.0, 1.0],
        /// Cost of one inspector per year, 10k yuan.
        pub inspector_cost_10k_yuan: f64 [0.0, 1000.0],
    }
}

patchable! {
    /// Credit scoring, grading, penalties, blacklist and repair (section 25).
    pub struct Credit / CreditPatch {
        /// Initial grade mix A, B, C, D (shares, summing to 1).
        pub initial_mix: PerGrade,
        /// Lowest score of grades A, B and C (D is below C's).
        pub threshold_a: f64 [0.0, 100.0],
        pub threshold_b: f64 [0.0, 100.0],
        pub threshold_c: f64 [0.0, 100.0],
        /// Points lost for a detected violation, and for a serious one.
        pub violation_points: f64 [0.0, 100.0],
        pub serious_points: f64 [0.0, 100.0],
        /// Months on the blacklist, and the earliest exit after rectification.
        pub blacklist_months: f64 [1.0, 120.0],
        pub early_exit_months: f64 [0.0, 120.0],
        /// Months a penalty stays published.
        pub publicity_months: f64 [0.0, 120.0],
        /// Clean months before repair starts, and points regained per clean month after.
        pub repair_after_months: f64 [0.0, 120.0],
        pub repair_points_per_month: f64 [0.0, 10.0],
    }
}

impl Credit {
    pub fn cross_check(&self, path: &str, out: &mut Vec<crate::patch::Invalid>) {
        self.initial_mix
            .check(0.0, 1.0, &format!("{path}.initial_mix"), out);
        let m = &self.initial_mix;
        let sum = m.a + m.b + m.c + m.d;
        if (sum - 1.0).abs() > 1e-6 {
            out.push(crate::patch::Invalid {
                path: format!("{path}.initial_mix"),
                message: format!("shares must sum to 1, got {sum}"),
            });
        }
        if !(self.threshold_a > self.threshold_b && self.threshold_b > self.threshold_c) {
            out.push(crate::patch::Invalid {
                path: format!("{path}.threshold_b"),
                message: format!(
                    "thresholds must fall from A to C: got a={}, b={}, c={}",
                    self.threshold_a, self.threshold_b, self.threshold_c
                ),
            });
        }
        if self.early_exit_months > self.blacklist_months {
            out.push(crate::patch::Invalid {
                path: format!("{path}.early_exit_months"),
                message: format!(
                    "{} exceeds blacklist_months ({}): early exit must come no later than the end",
                    self.early_exit_months, self.blacklist_months
                ),
            });
        }
    }
}

patchable! {
    /// Brands (sections 15–16) and national designations.
    pub struct Brands / BrandsPatch {
        /// Initial brand value of a large firm, 10k yuan, mean.
        pub initial_value_10k_yuan: f64 [0.0, 1.0e7],
        /// Erosion per year.
        pub erosion_per_year: f64 [0.0, 1.0],
        /// Growth per year per unit of capability above the reference (calibrated: see
        /// brands.rs), at brand support 1.
        pub growth_per_year: f64 [0.0, 10.0],
        /// Share of value lost on a published violation.
        pub violation_loss: f64 [0.0, 1.0],
        /// National brands at the start (count) and their total value (100m yuan).
        pub initial_national_count: f64 [0.0, 10000.0],
        pub initial_national_value_100m_yuan: f64 [0.0, 1.0e6],
        /// A brand's ceiling, as a multiple of its starting value: what its firm's revenue can
        /// carry (royalty relief: value ∝ royalty × revenue). Growth slows as value nears it.
        pub brand_value_ceiling: f64 [1.0, 1000.0],
        /// Brand value above which a firm can be recognised nationally, 10k yuan.
        pub national_threshold_10k_yuan: f64 [0.0, 1.0e8],
        /// The China Quality Award (中国质量奖): a round every `award_round_every_years` from
        /// `award_round_first_year` in December, with this many winners and nominations
        /// nationally, of which Chongqing's firms win this share at the business-as-usual brand
        /// programme.
        pub award_round_first_year: u32 [2000, 2100],
        pub award_round_every_years: u32 [1, 20],
        pub award_round_national_places: f64 [0.0, 10000.0],
        pub award_round_chongqing_share: f64 [0.0, 1.0],
        /// National quality benchmarks (全国质量标杆) Chongqing's firms win a year at the
        /// business-as-usual programme.
        pub benchmarks_per_year: f64 [0.0, 100.0],
        /// National advantage agricultural clusters at the start; the national batch each year
        /// and Chongqing's share of it at its starting agricultural capability.
        pub initial_ag_clusters: f64 [0.0, 100.0],
        pub ag_cluster_national_batch: f64 [0.0, 1000.0],
        pub ag_cluster_chongqing_share: f64 [0.0, 1.0],
        /// Quality composite a district needs to compete for a national designation.
        pub demo_zone_threshold: f64 [0.0, 100.0],
        pub benchmark_city_threshold: f64 [0.0, 100.0],
        /// National selection rounds: first year, years between rounds, places nationally.
        pub benchmark_round_first_year: u32 [2000, 2100],
        pub benchmark_round_every_years: u32 [1, 20],
        pub benchmark_round_national_places: f64 [0.0, 10000.0],
        pub demo_zone_round_first_year: u32 [2000, 2100],
        pub demo_zone_round_every_years: u32 [1, 20],
        pub demo_zone_round_national_places: f64 [0.0, 10000.0],
        /// Places (cities, districts) that compete nationally for a designation.
        pub national_candidates: f64 [1.0, 100000.0],
    }
}

patchable! {
    /// Standards led or joined (section 13).
    pub struct Standards / StandardsPatch {
        /// New national standards led or joined per year by the whole city, business as usual.
        pub national_per_year: f64 [0.0, 10000.0],
        /// New international standards per year, business as usual.
        pub international_per_year: f64 [0.0, 1000.0],
        /// Capability exponent: better firms lead more standards.
        pub capability_exponent: f64 [0.0, 10.0],
        /// Extra standards per unit of standards support (1 = +100 %).
        pub support_effect: f64 [0.0, 10.0],
    }
}

patchable! {
    /// Service quality satisfaction (sections 19–20): an aggregate district sub-model.
    pub struct Services / ServicesPatch {
        pub baseline_public: f64 [0.0, 100.0],
        pub baseline_life: f64 [0.0, 100.0],
        /// Points the long-run level rises per unit of programme (× funding, × leader effort).
        pub programme_effect_points: f64 [0.0, 50.0],
        /// Share of the gap to the long-run level closed per year.
        pub adjustment_per_year: f64 [0.0, 5.0],
        /// Life-service points per unit of mean service-firm capability above its start.
        pub capability_effect_points: f64 [0.0, 100.0],
        /// Measurement noise of the yearly satisfaction survey, points (s.d.).
        pub survey_sd: f64 [0.0, 10.0],
        /// The pre-plan trend of each satisfaction score at its baseline, points a year. The
        /// secular part of the long-run level approaches 100 at the rate that gives this slope
        /// at the baseline, so the trend slows as satisfaction rises.
        pub trend_public_per_year: f64 [-10.0, 10.0],
        pub trend_life_per_year: f64 [-10.0, 10.0],
    }
}

patchable! {
    /// Construction quality (section 21): an aggregate district sub-model.
    pub struct Construction / ConstructionPatch {
        pub baseline_prefab_share: f64 [0.0, 100.0],
        pub baseline_green_share: f64 [0.0, 100.0],
        /// Percentage points a year by which the shares move toward what builders comply with.
        pub adoption_points_per_year: f64 [0.0, 100.0],
        /// The share of a mandate builders comply with under business as usual.
        pub bau_compliance: f64 [0.0, 0.999],
        /// Major projects completed per year per 100 billion yuan of GDP.
        pub major_projects_per_100bn_gdp: f64 [0.0, 1000.0],
        /// A major project fails acceptance with its builder's defect probability × this.
        pub acceptance_failure_factor: f64 [0.0, 10.0],
    }
}

patchable! {
    /// Budget costs (section 四(一)): what each programme costs at intensity 1.
    pub struct Budget / BudgetPatch {
        /// 10k yuan per enterprise per year at intensity 1.
        pub brand_cost_per_firm: f64 [0.0, 100.0],
        pub standards_cost_per_firm: f64 [0.0, 100.0],
        pub chain_leader_cost_per_firm: f64 [0.0, 100.0],
        /// 10k yuan per resident per year at intensity 1.
        pub services_cost_per_resident: f64 [0.0, 100.0],
        /// Quality investment at rate 1 of one enterprise, 10k yuan per year (subsidy base).
        pub investment_per_firm_10k_yuan: f64 [0.0, 10000.0],
    }
}

patchable! {
    /// Indicators: the MQCI composite and the 2035 quality composite.
    pub struct Indicators / IndicatorsPatch {
        /// Chongqing's MQCI at the start (end of 2022), on the national scale.
        pub mqci_baseline: f64 [60.0, 100.0],
        /// Capability from which a firm's output counts as top grade (产品质量等级品率).
        pub mqci_grade_capability: f64 [0.0, 1.0],
        /// Capability from which a firm runs a certified quality system (质量管理体系认证率).
        pub mqci_certified_capability: f64 [0.0, 1.0],
        /// The values of each modelled statistic that score 60 and 100 (the standardisation;
        /// a statistic beyond them scores 60 or 100).
        pub mqci_loss_rate_at_60: f64 [0.0, 100.0],
        pub mqci_loss_rate_at_100: f64 [0.0, 100.0],
        pub mqci_pass_rate_at_60: f64 [0.0, 100.0],
        pub mqci_pass_rate_at_100: f64 [0.0, 100.0],
        pub mqci_investment_at_100: f64 [0.0001, 10.0],
        pub mqci_standards_per_firm_at_100: f64 [0.0001, 100.0],
        /// Index points a year the statistics the model does not represent add (the national
        /// pre-plan trend of the index).
        pub mqci_unmodelled_trend_per_year: f64 [-10.0, 10.0],
        /// Months of samples behind a published pass rate.
        pub pass_rate_window_months: u32 [1, 36],
    }
}

patchable! {
    /// The statistical sampling that produces the published pass rates (监督抽检, 例行监测,
    /// 产品质量监测): separate from the enforcement inspections of 双随机、一公开.
    pub struct Statistics / StatisticsPatch {
        /// Batches sampled a year per 1,000 residents, by sector (0 where nothing is published).
        pub batches_per_1000_residents: PerSector,
        /// Problem orientation: how many times likelier a firm of each credit grade is to be
        /// sampled than an A firm.
        pub risk_orientation: PerGrade,
        /// Chance that a laboratory test finds a nonconforming batch.
        pub lab_detection: f64 [0.0, 1.0],
    }
}

patchable! {
    /// Every mechanism parameter.
    pub struct Params / ParamsPatch {
        pub population: Population,
        pub quality: Quality,
        pub investment: Investment,
        pub capability: Capability,
        pub inspection: Inspection,
        pub statistics: Statistics,
        pub credit: Credit,
        pub brands: Brands,
        pub standards: Standards,
        pub services: Services,
        pub construction: Construction,
        pub budget: Budget,
        pub indicators: Indicators,
    }
}

impl Params {
    pub fn cross_check(&self, path: &str, out: &mut Vec<crate::patch::Invalid>) {
        self.quality.trend_nonconforming_per_year.check(
            -0.5,
            0.5,
            &format!("{path}.quality.trend_nonconforming_per_year"),
            out,
        );
        self.statistics.batches_per_1000_residents.check(
            0.0,
            100.0,
            &format!("{path}.statistics.batches_per_1000_residents"),
            out,
        );
        self.statistics.risk_orientation.check(
            0.0,
            100.0,
            &format!("{path}.statistics.risk_orientation"),
            out,
        );
        let p = format!("{path}.population");
        self.population
            .sector_share
            .check(0.0, 1.0, &format!("{p}.sector_share"), out);
        self.population
            .large_sector_share
            .check(0.0, 1.0, &format!("{p}.large_sector_share"), out);
        for (name, s) in [
            ("sector_share", &self.population.sector_share),
            ("large_sector_share", &self.population.large_sector_share),
        ] {
            let sum: f64 = s.values().iter().sum();
            if (sum - 1.0).abs() > 1e-6 {
                out.push(crate::patch::Invalid {
                    path: format!("{p}.{name}"),
                    message: format!("shares must sum to 1, got {sum}"),
                });
            }
        }
        if self.population.large_enterprises >= self.population.registered_enterprises {
            out.push(crate::patch::Invalid {
                path: format!("{p}.large_enterprises"),
                message: "must be fewer than registered_enterprises".into(),
            });
        }
        self.quality.baseline_pass_rate.check(
            50.0,
            100.0,
            &format!("{path}.quality.baseline_pass_rate"),
            out,
        );
        self.inspection.sector_weight.check(
            0.0,
            100.0,
            &format!("{path}.inspection.sector_weight"),
            out,
        );
        // An inspection tests at least one batch; the model rounds to whole batches, 1 to 50.
        self.inspection.batches_per_inspection.check(
            1.0,
            50.0,
            &format!("{path}.inspection.batches_per_inspection"),
            out,
        );
        self.investment.finance_by_grade.check(
            0.0,
            1.0,
            &format!("{path}.investment.finance_by_grade"),
            out,
        );
        self.credit.cross_check(&format!("{path}.credit"), out);
        let i = &self.indicators;
        if i.mqci_loss_rate_at_60 == i.mqci_loss_rate_at_100
            || i.mqci_pass_rate_at_60 == i.mqci_pass_rate_at_100
        {
            out.push(crate::patch::Invalid {
                path: format!("{path}.indicators"),
                message: "an MQCI statistic's 60 and 100 points must differ".into(),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The horse race (赛马比拼, 四(三)): assessment rules.

/// How often districts are assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Period {
    /// March, June, September, December ("一季度一晾晒").
    Quarter,
    /// December.
    Year,
}

/// What an indicator is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Basis {
    /// Its value at the assessment.
    Level,
    /// Its change since the previous assessment.
    Improvement,
    /// The mean of the two normalised scores.
    Both,
}

/// How indicator values are made comparable within a peer group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Normalisation {
    /// (x − mean) / sd.
    ZScore,
    /// (x − min) / (max − min).
    MinMax,
    /// Percentile rank, 0 (last) to 1 (first).
    Rank,
}

/// Who is ranked against whom.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PeerGroups {
    /// All 38 districts in one league.
    City,
    /// Within each of the three zones (一区两群).
    Zones,
    /// Lists of district codes; every district in exactly one list.
    Custom(Vec<Vec<String>>),
}

/// One scored indicator and its weight.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    /// An indicator id of `timeseries.csv` (measured values are what is published).
    pub indicator: String,
    pub weight: f64,
}

/// Points added to a district's score.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handicap {
    pub district: String,
    pub points: f64,
}

crate::patch::scalar_patch!(Period, Basis, Normalisation, PeerGroups);
crate::patch::no_nested_validation!(Period, Basis, Normalisation, PeerGroups);

patchable! {
    /// The horse race: periodic assessment of districts, rewards and rectification, and the
    /// districts' response (四(二)–(三)). Prizes and costs are in the leaders' utility units.
    pub struct Assessment / AssessmentPatch {
        /// Whether districts are assessed and respond.
        pub enabled: bool,
        pub period: Period,
        pub weights: Vec<Weight>,
        pub basis: Basis,
        pub normalisation: Normalisation,
        pub peer_groups: PeerGroups,
        pub handicaps: Vec<Handicap>,
        /// Share of each peer group ranked green (top) and red (bottom); the rest are yellow.
        pub green_share: f64 [0.0, 1.0],
        pub red_share: f64 [0.0, 1.0],
        /// What a green rank is worth to a district's leaders, and what a red one costs them
        /// (reputation, promotion prospects): together, the prize spread.
        pub green_prize: f64 [0.0, 1000.0],
        pub red_penalty: f64 [0.0, 1000.0],
        /// Real rewards: budget bonus for green districts next period (share of budget).
        pub budget_bonus: f64 [0.0, 2.0],
        /// Rectification for red districts next period: inspection rates multiplied by this.
        pub rectification_inspection_uplift: f64 [1.0, 10.0],
        /// Measurement noise added to each published score (score units, s.d.).
        pub noise_sd: f64 [0.0, 10.0],
        /// Leaders' uncertainty about their own next score besides that noise (s.d.).
        pub outcome_sd: f64 [0.01, 10.0],
        /// Chance per period that a district's figures are audited, and the utility penalty
        /// when gaming is caught.
        pub audit_probability: f64 [0.0, 1.0],
        pub misreport_penalty: f64 [0.0, 1000.0],
        /// Leaders' expected score gain per unit of real effort and per unit of gaming on
        /// gameable indicators (weighted by their share of the score).
        pub effort_effect: f64 [0.0, 10.0],
        pub gaming_effect: f64 [0.0, 10.0],
        /// Quadratic costs of effort and of gaming (utility).
        pub effort_cost: f64 [0.001, 1000.0],
        pub gaming_cost: f64 [0.001, 1000.0],
        pub max_effort: f64 [0.0, 5.0],
        pub max_gaming: f64 [0.0, 1.0],
        /// Real effect of effort: programme intensities × (1 + effort × this).
        pub effort_programme_effect: f64 [0.0, 5.0],
        /// Real effect of gaming: inspectors' rigour (detection skill) × (1 − gaming × this).
        pub gaming_rigour_loss: f64 [0.0, 1.0],
    }
}

impl Assessment {
    pub fn cross_check(&self, path: &str, out: &mut Vec<crate::patch::Invalid>) {
        if self.green_share + self.red_share > 1.0 {
            out.push(crate::patch::Invalid {
                path: format!("{path}.red_share"),
                message: format!(
                    "green_share + red_share = {} exceeds 1",
                    self.green_share + self.red_share
                ),
            });
        }
        for (i, w) in self.weights.iter().enumerate() {
            if crate::vocab::index_of(&w.indicator).is_none() {
                out.push(crate::patch::Invalid {
                    path: format!("{path}.weights[{i}].indicator"),
                    message: format!(
                        "unknown indicator \"{}\": valid ids are those of timeseries.csv, e.g. food_pass_rate, mqci, public_service_satisfaction",
                        w.indicator
                    ),
                });
            }
            crate::patch::check_range(
                w.weight,
                0.0,
                100.0,
                &format!("{path}.weights[{i}].weight"),
                out,
            );
        }
        if self.enabled && self.weights.iter().all(|w| w.weight == 0.0) {
            out.push(crate::patch::Invalid {
                path: format!("{path}.weights"),
                message: "an enabled race needs at least one indicator with a positive weight"
                    .into(),
            });
        }
        for (i, h) in self.handicaps.iter().enumerate() {
            crate::patch::check_range(
                h.points,
                -100.0,
                100.0,
                &format!("{path}.handicaps[{i}].points"),
                out,
            );
        }
    }
}
