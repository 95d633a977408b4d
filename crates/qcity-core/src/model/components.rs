//! The model's plain data: entity components and shared resources.

use crate::levers::Levers;
use crate::rng::RunKey;
use crate::scenario::Scenario;
use crate::vocab::{Grade, N_SECTORS, Sector};
use bevy_ecs::prelude::*;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Enterprises

/// A registered enterprise. `weight` is how many real enterprises it stands for (1 for large
/// enterprises, more for the sampled small ones). 12 bytes: every pass over the firms reads it.
#[derive(Component, Debug, Clone, Copy)]
pub struct Firm {
    /// Stable id: the key of the firm's random streams.
    pub id: u32,
    pub weight: f32,
    pub district: u16,
    pub sector: Sector,
    flags: u8,
}

// Kept small on purpose (README, "Performance"): a change that grows them shows here.
const _: () = assert!(std::mem::size_of::<Firm>() == 12);
const _: () = assert!(std::mem::size_of::<CreditRecord>() == 20);

impl Firm {
    const LARGE: u8 = 1;
    const CHAIN_LEADER: u8 = 2;

    pub fn new(
        id: u32,
        district: u16,
        sector: Sector,
        large: bool,
        chain_leader: bool,
        weight: f32,
    ) -> Self {
        let flags = (large as u8 * Self::LARGE) | (chain_leader as u8 * Self::CHAIN_LEADER);
        Self {
            id,
            weight,
            district,
            sector,
            flags,
        }
    }
    /// A large enterprise (规模以上): it has a brand and may lead standards.
    #[inline]
    pub fn large(&self) -> bool {
        self.flags & Self::LARGE != 0
    }
    /// A chain leader (链主) that small firms of its district and sector learn from.
    #[inline]
    pub fn chain_leader(&self) -> bool {
        self.flags & Self::CHAIN_LEADER != 0
    }
}

/// Latent quality capability in (0, 1): what the firm can reliably make.
#[derive(Component, Debug, Clone, Copy)]
pub struct Capability(pub f32);

/// The firm's quality investment: its rate this month (0..`max_rate`), and its own cost factor,
/// set at the start so that its capability is steady under business-as-usual policy.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct QualityInvestment {
    pub rate: f32,
    pub cost_factor: f32,
}

/// This month's production: the chance that a batch is nonconforming.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Production {
    pub defect_p: f32,
}

/// One inspection made this month: the firm, where it sits in the firms' tables, and what
/// the inspector found. Kept in [`Inspections`], not on every firm: a few percent of firms
/// are inspected in a month, so a record on each would cost 20 bytes a firm to say "not
/// inspected" (README, "Performance").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InspectionRecord {
    /// The firm's id ([`Firm::id`]).
    pub firm: u32,
    /// The firm's table among the firm queries' tables, and its row in it: where the credit
    /// mechanism finds the firm's record (checked against `firm`).
    pub table: u32,
    pub row: u32,
    /// The firm's weight, district and sector, for the district sums.
    pub weight: f32,
    pub district: u16,
    pub sector: Sector,
    /// The chance this firm was drawn this month (grade rate × sector weight × capacity scale).
    pub chance: f32,
    /// Batches sampled, nonconforming among them, and found nonconforming.
    pub batches: u8,
    pub defective: u8,
    pub failed: u8,
    /// A nonconformity was found (and will be penalised and published).
    pub detected: bool,
    /// The violation found is serious (blacklist-level).
    pub serious: bool,
    /// Index of the inspector within the district.
    pub inspector: u16,
}

/// This month's inspections (双随机): one record per firm drawn, ordered by table and row.
#[derive(Resource, Debug, Clone, Default)]
pub struct Inspections {
    pub records: Vec<InspectionRecord>,
    /// This month's chance of being drawn, by district, sector and credit grade.
    pub chance: Vec<[[f32; 4]; N_SECTORS]>,
}

impl Inspections {
    /// The records of the firms in rows `rows` of table `table`.
    pub fn in_rows(&self, table: u32, rows: std::ops::Range<usize>) -> &[InspectionRecord] {
        let key = |r: &InspectionRecord| (r.table, r.row as usize);
        let lo = self
            .records
            .partition_point(|r| key(r) < (table, rows.start));
        let hi = self.records.partition_point(|r| key(r) < (table, rows.end));
        &self.records[lo..hi]
    }
}

/// Credit record: score, grade and sanctions. Months are ticks since the start, kept in 16 bits
/// (20 bytes a firm instead of 28, read by four passes a month): a run ends by 2050-12, 336
/// months, and a sanction lasts at most 120 (`params.rs` bounds), so every tick fits.
#[derive(Component, Debug, Clone, Copy)]
pub struct CreditRecord {
    /// Score before any penalty; repair never goes above it.
    pub base_score: f32,
    pub score: f32,
    pub grade: Grade,
    /// On the 严重违法失信名单 until this tick (exclusive); 0 = never listed or released.
    pub blacklisted_until: u16,
    /// Penalty published until this tick (exclusive).
    pub published_until: u16,
    /// Tick of the last detected violation, or [`CreditRecord::NEVER`] if none.
    pub last_violation: u16,
    pub violations: u16,
}

impl CreditRecord {
    /// `last_violation` of a firm never found in violation.
    pub const NEVER: u16 = u16::MAX;

    /// A tick as stored in the record (see the type's note on why it fits).
    #[inline]
    pub fn tick(t: u32) -> u16 {
        debug_assert!(t < u16::MAX as u32);
        t.min(u16::MAX as u32 - 1) as u16
    }

    pub fn blacklisted(&self, tick: u32) -> bool {
        tick < self.blacklisted_until as u32
    }
    /// The grade that governs sampling and financing at `tick`: a listed firm is D.
    pub fn grade_at(&self, tick: u32) -> Grade {
        if self.blacklisted(tick) {
            Grade::D
        } else {
            self.grade
        }
    }
    pub fn published(&self, tick: u32) -> bool {
        tick < self.published_until as u32
    }
}

/// A large firm's brand: value in 10k yuan, and national recognition.
#[derive(Component, Debug, Clone, Copy)]
pub struct Brand {
    pub value: f32,
    pub national: bool,
    /// The value its firm's revenue can carry (the starting value × `brand_value_ceiling`).
    pub ceiling: f32,
}

/// Standards a large firm has led or joined since the start of the run.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct StandardsLed {
    pub national: u32,
    pub international: u32,
    /// Standards a year, recent (exponentially weighted, mean age one year; international
    /// counted ×10): the standards part of the MQCI.
    pub recent: f32,
}

// ---------------------------------------------------------------------------------------------
// Inspectors

/// A market-supervision inspector of a district.
#[derive(Component, Debug, Clone, Copy)]
pub struct Inspector {
    pub district: u16,
    pub index: u16,
    /// Personal deviation from the district's mean skill lever.
    pub skill_offset: f32,
    /// Funded and working this month.
    pub active: bool,
    /// Inspections done this month.
    pub load: u32,
}

// ---------------------------------------------------------------------------------------------
// Districts

/// A district's identity and fixed data.
#[derive(Component, Debug, Clone)]
pub struct District {
    pub index: u16,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub zone: crate::data::Zone,
    pub population_10k: f64,
    pub gdp_100m_yuan: f64,
    /// Real enterprises registered in the district (sum of firm weights).
    pub enterprises: f64,
    /// Simulated firms.
    pub simulated_firms: u32,
}

/// The levers in force in the district now.
#[derive(Component, Debug, Clone)]
pub struct LeversInForce(pub Levers);

/// What the district's budget funds this month (四(一)); intensities are lever × funding.
#[derive(Component, Debug, Clone, Default)]
pub struct Programmes {
    /// Budget for quality work this month, 10k yuan.
    pub budget: f64,
    /// What the levers would cost this month, 10k yuan.
    pub cost: f64,
    /// Share of the cost the budget covers (≤ 1).
    pub funding: f64,
    pub subsidy_rate: f64,
    pub brand_support: f64,
    pub standards_support: f64,
    pub chain_leader: f64,
    pub service_quality: f64,
    /// Real inspections the district's inspectors can do this month.
    pub inspection_capacity: f64,
    /// Inspectors funded (real count).
    pub inspectors: f64,
    /// Inspectors simulated (entities active this month).
    pub simulated_inspectors: u32,
    /// Mean skill of the active simulated inspectors.
    pub mean_skill: f64,
    /// Real inspections the levers ask for this month.
    pub inspection_demand: f64,
    /// Sampling scale: capacity / demand, capped at 1.
    pub sampling_scale: f64,
    /// Rigour of the district's statistical sampling and reporting (1, less when its leaders
    /// game the race).
    pub rigour: f64,
    /// What each costed lever spent this month (10k yuan), in the order of
    /// `budgets::COSTED`: its cost × the funding ratio.
    pub spent: [f64; N_COSTED],
    /// Firms' own quality spending this month, net of the subsidy (10k yuan).
    pub firms_own: f64,
}

/// The levers with a public cost (`budgets::COSTED`).
pub const N_COSTED: usize = 6;

/// Incidents in force: multipliers per sector.
#[derive(Component, Debug, Clone)]
pub struct Incidents {
    pub defect_multiplier: [f32; N_SECTORS],
    pub inspection_multiplier: [f32; N_SECTORS],
    /// Tick until which each sector's incident lasts (exclusive).
    pub until: [u32; N_SECTORS],
}

impl Default for Incidents {
    fn default() -> Self {
        Self {
            defect_multiplier: [1.0; N_SECTORS],
            inspection_multiplier: [1.0; N_SECTORS],
            until: [0; N_SECTORS],
        }
    }
}

/// Service satisfaction (items 12–14): latent level and the latest survey, in points.
#[derive(Component, Debug, Clone, Default)]
pub struct ServiceQuality {
    pub public_true: f64,
    pub life_true: f64,
    pub public_survey: f64,
    pub life_survey: f64,
}

/// Construction quality (items 9–11): shares in percent, and major-project acceptance outcomes
/// over the trailing year.
#[derive(Component, Debug, Clone, Default)]
pub struct ConstructionQuality {
    pub prefab_share: f64,
    pub green_share: f64,
    /// (projects, passed) per month of the trailing 12 months, ring buffer by tick % 12.
    pub acceptance: [(u32, u32); 12],
}

/// National designations held by the district.
#[derive(Component, Debug, Clone, Default)]
pub struct Designations {
    pub brand_demo_zone: bool,
    pub benchmark_city: bool,
    pub ag_clusters: u32,
}

/// The district's indicators this month, by indicator index (see `indicators::INDICATORS`).
/// `NaN` where no value exists (no samples in the window).
#[derive(Component, Debug, Clone)]
pub struct DistrictIndicators(pub Vec<f64>);

// ---------------------------------------------------------------------------------------------
// Resources

/// Per-district, per-sector sums over firms, formed each month by `aggregate_firms` in a fixed
/// order (so floating-point sums do not depend on threads).
#[derive(Resource, Debug, Clone, Default)]
pub struct FirmStats {
    pub by_district: Vec<DistrictStats>,
}

#[derive(Debug, Clone, Default)]
pub struct SectorStats {
    /// Real enterprises (Σ weight).
    pub firms: f64,
    pub capability: f64,
    pub defect: f64,
    pub investment: f64,
    /// Batches sampled and failed this month (weighted by the enterprises each firm stands for).
    pub samples: f64,
    pub fails: f64,
    /// Chain leaders' count and capability sum.
    pub leaders: f64,
    pub leader_capability: f64,
    /// Enterprises at or above the MQCI's top-grade and certified capabilities.
    pub top_grade: f64,
    pub certified: f64,
}

#[derive(Debug, Clone, Default)]
pub struct DistrictStats {
    pub sectors: [SectorStats; N_SECTORS],
    /// Real enterprises by sector and credit grade (the base of sampling demand).
    pub by_sector_grade: [[f64; 4]; N_SECTORS],
    /// Σ weight × defect probability by sector and credit grade (the statistical sample's
    /// expected defect rate).
    pub defect_by_sector_grade: [[f64; 4]; N_SECTORS],
    pub grades: [f64; 4],
    pub blacklisted: f64,
    pub inspections: f64,
    pub detections: f64,
    pub national_brands: f64,
    /// 10k yuan.
    pub national_brand_value: f64,
    pub brand_value: f64,
    pub large_firms: f64,
    pub national_standards: f64,
    pub international_standards: f64,
    /// Σ `StandardsLed::recent` over large firms.
    pub recent_standards: f64,
}

/// Trailing window of pass-rate samples per district and sector: (samples, fails) per month.
#[derive(Resource, Debug, Clone)]
pub struct SampleWindow {
    pub months: usize,
    /// [district][slot] → per-sector (samples, fails)
    pub slots: Vec<Vec<[(f64, f64); N_SECTORS]>>,
}

/// City-level state that is not any one district's.
#[derive(Resource, Debug, Clone, Default)]
pub struct CityState {
    /// National advantage agricultural clusters (city count).
    pub ag_clusters: u32,
    /// The score the six statistics the model does not represent hold at the start, solved
    /// so that the city's MQCI starts at its baseline.
    pub mqci_unmodelled_score: Option<f64>,
    /// Indicator values at the start (for "times baseline" targets), by indicator index.
    pub start_values: Option<Vec<f64>>,
    /// City indicators this month, by indicator index.
    pub indicators: Vec<f64>,
}

/// Each district's active inspectors' skills this month, for random assignment.
#[derive(Resource, Debug, Clone, Default)]
pub struct InspectorRoster {
    pub skills: Vec<Vec<f32>>,
}

/// Constants solved at the start so the initial state reproduces the published baselines.
#[derive(Resource, Debug, Clone)]
pub struct Calibration {
    /// Defect probability = scale × e^(τ·years) × (1 − capability)^exponent, per sector, with τ
    /// the sector's pre-plan trend (`quality.trend_nonconforming_per_year`). Solved so that the
    /// expected *measured* pass rate at the start (samples drawn at the grade-based rates,
    /// detected with the mean inspector skill) equals the sector's published baseline.
    pub defect_scale: [f64; N_SECTORS],
    /// Σ over large firms of capability^exponent, for spreading the city's standards rate.
    pub standards_norm: f64,
    /// Mean initial brand value of a large firm, 10k yuan (the scale of brand growth).
    pub brand_scale: f64,
    /// Mean capability of each sector at the start.
    pub start_capability: [f64; N_SECTORS],
    /// Capability above which a brand grows: the one at which the mean large firm's brand holds
    /// its value under the business-as-usual brand programme.
    pub brand_reference: f64,
}

// ---------------------------------------------------------------------------------------------
// The run

/// The run's calendar: which month is being simulated.
#[derive(Resource, Debug, Clone)]
pub struct Clock {
    /// Months since the start; the month being simulated.
    pub tick: u32,
    pub start: crate::time::YearMonth,
    /// Months in the horizon.
    pub months: u32,
}

impl Clock {
    pub fn date(&self) -> crate::time::YearMonth {
        self.start.plus(self.tick as i64)
    }
    /// Whether this month is December (annual rounds: awards, surveys, designations).
    pub fn is_year_end(&self) -> bool {
        self.date().month == 12
    }
    pub fn finished(&self) -> bool {
        self.tick >= self.months
    }
}

/// What every system may read about the run: the scenario, the parameters and the random key.
#[derive(Resource, Clone)]
pub struct Run {
    pub scenario: Arc<Scenario>,
    pub key: RunKey,
}

impl Run {
    pub fn params(&self) -> &crate::params::Params {
        &self.scenario.params
    }
}
