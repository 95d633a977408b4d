//! Step 12 of the month: Indicators, district and city, measured and true (一(二)).
//!
//! `aggregate_firms` sums every firm into [`FirmStats`] in parallel, in fixed point, so the
//! sums do not depend on threads or order. `compute_indicators` turns the sums into the plan's
//! indicators:
//!
//! - **Measured pass rates** (`*_pass_rate`): 1 − failed / sampled over the trailing
//!   `pass_rate_window_months`, from the statistical sample (statistics.rs), as the published
//!   statistics are; the enforcement inspections of 双随机、一公开 do not enter them.
//! - **True pass rates** (`*_pass_rate_true`): 1 − the mean defect probability of the sector.
//! - **MQCI** (制造业质量竞争力指数) as the national index is built: 12 statistics, each
//!   standardised to 60–100 and weighted linearly ([`MQCI_STATISTICS`]); six have counterparts
//!   in the model (top-grade and certified shares of manufacturers, the true nonconforming
//!   share, the published pass rate, the quality investment rate, standards led per large
//!   firm), and six are held at the score that makes the city start at its baseline, moving
//!   with the national trend of the index. No points-per-unit factor: a statistic's effect is
//!   its score change over 12.
//! - **Quality composite** (the 2035 goal, 全国先进水平, our definition; see
//!   `seeds/targets.ron`): the mean, over the targets with a 2027 value that are "at least"
//!   targets, of the share of the gap between the published baseline ([`start_values`]) and
//!   the 2027 target that has been closed (0 to 1; 1 when at or above the target), × 100. Count targets (brands,
//!   standards, designations) stay out of it, so it means the same for a district as for the city.

use super::prelude::*;
use crate::data::Comparison;
use crate::vocab::{INDICATORS, Ind, ind, index_of};
use std::ops::Range;

/// The city's values at the start of the run, before any month is simulated: the published
/// baselines of `assets/model.ron` (pass rates, MQCI, shares, satisfaction, brands, clusters)
/// and zero for counts of what is new since the start. The reference of the quality composite
/// and of "× start" targets. `NaN` where there is none.
pub fn start_values(s: &Scenario) -> Vec<f64> {
    let p = &s.params;
    let mut v = vec![f64::NAN; INDICATORS.len()];
    // The six sectors with pass-rate targets come first in `Sector::ALL`, as in PASS_MEASURED.
    for (k, sector) in Sector::ALL[..6].iter().enumerate() {
        v[ind(PASS_MEASURED[k])] = p.quality.baseline_pass_rate.get(*sector);
    }
    v[ind(Ind::Mqci)] = p.indicators.mqci_baseline;
    v[ind(Ind::PrefabShare)] = p.construction.baseline_prefab_share;
    v[ind(Ind::GreenBuildingShare)] = p.construction.baseline_green_share;
    v[ind(Ind::MajorProjectAcceptance)] = 100.0;
    v[ind(Ind::PublicServiceSatisfaction)] = p.services.baseline_public;
    v[ind(Ind::LifeServiceSatisfaction)] = p.services.baseline_life;
    v[ind(Ind::NationalBrandCount)] = p.brands.initial_national_count.round();
    v[ind(Ind::NationalBrandValue)] = p.brands.initial_national_value_100m_yuan;
    v[ind(Ind::AgClusters)] = p.brands.initial_ag_clusters.round();
    for i in [
        Ind::BenchmarkCities,
        Ind::BrandDemoZones,
        Ind::IntlStandards,
        Ind::NationalStandards,
    ] {
        v[ind(i)] = 0.0;
    }
    v
}

const PASS_MEASURED: [Ind; 6] = [
    Ind::AgPassRate,
    Ind::FoodPassRate,
    Ind::DrugProductionPassRate,
    Ind::DrugCirculationPassRate,
    Ind::MfgPassRate,
    Ind::ConsumerPassRate,
];
const PASS_TRUE: [Ind; 6] = [
    Ind::AgPassRateTrue,
    Ind::FoodPassRateTrue,
    Ind::DrugProductionPassRateTrue,
    Ind::DrugCirculationPassRateTrue,
    Ind::MfgPassRateTrue,
    Ind::ConsumerPassRateTrue,
];

/// Fixed-point scale of the firm sums: integer addition is associative, so the sums are the
/// same in any order and on any number of threads (floating-point sums would not be).
const FX: f64 = (1u64 << 20) as f64;

/// Non-negative values only (all firm sums are): rounds half up without a libm call. A value
/// beyond 2^40 (a brand worth 10^16 yuan) saturates rather than wrapping; a negative one
/// counts as 0.
#[inline]
fn fx(x: f64) -> i64 {
    // `min` of NaN is 2^60 and `max` keeps it, so `v` is a number in [0, 2^60].
    let v = (x * FX + 0.5).min(2f64.powi(60)).max(0.0);
    // SAFETY: `v` is finite and within i64's range (above).
    unsafe { v.to_int_unchecked::<i64>() }
}

#[derive(Debug, Clone, Copy, Default)]
struct SectorSums {
    capability: i64,
    investment: i64,
    samples: i64,
    fails: i64,
    leaders: i64,
    leader_capability: i64,
    top_grade: i64,
    certified: i64,
}

#[derive(Debug, Clone, Default)]
struct DistrictSums {
    sectors: [SectorSums; N_SECTORS],
    by_sector_grade: [[i64; 4]; N_SECTORS],
    defect_by_sector_grade: [[i64; 4]; N_SECTORS],
    blacklisted: i64,
    inspections: i64,
    detections: i64,
    national_brands: i64,
    // Brand values can be large: 128-bit sums cannot overflow.
    national_brand_value: i128,
    brand_value: i128,
    large_firms: i64,
    national_standards: i64,
    international_standards: i64,
    recent_standards: i64,
    /// Inspections per inspector index.
    loads: Vec<u32>,
}

impl DistrictSums {
    fn add(&mut self, o: &DistrictSums) {
        for s in 0..N_SECTORS {
            let (a, b) = (&mut self.sectors[s], &o.sectors[s]);
            a.capability += b.capability;
            a.investment += b.investment;
            a.samples += b.samples;
            a.fails += b.fails;
            a.leaders += b.leaders;
            a.leader_capability += b.leader_capability;
            a.top_grade += b.top_grade;
            a.certified += b.certified;
            for g in 0..4 {
                self.by_sector_grade[s][g] += o.by_sector_grade[s][g];
                self.defect_by_sector_grade[s][g] += o.defect_by_sector_grade[s][g];
            }
        }
        self.blacklisted += o.blacklisted;
        self.inspections += o.inspections;
        self.detections += o.detections;
        self.national_brands += o.national_brands;
        self.national_brand_value += o.national_brand_value;
        self.brand_value += o.brand_value;
        self.large_firms += o.large_firms;
        self.national_standards += o.national_standards;
        self.international_standards += o.international_standards;
        self.recent_standards += o.recent_standards;
        if self.loads.len() < o.loads.len() {
            self.loads.resize(o.loads.len(), 0);
        }
        for (k, l) in o.loads.iter().enumerate() {
            self.loads[k] += l;
        }
    }

    fn to_stats(&self) -> DistrictStats {
        let f = |x: i64| x as f64 / FX;
        let mut d = DistrictStats::default();
        for s in 0..N_SECTORS {
            let (a, b) = (&mut d.sectors[s], &self.sectors[s]);
            a.firms = f(self.by_sector_grade[s].iter().sum());
            a.capability = f(b.capability);
            a.defect = f(self.defect_by_sector_grade[s].iter().sum());
            a.investment = f(b.investment);
            a.samples = f(b.samples);
            a.fails = f(b.fails);
            a.leaders = f(b.leaders);
            a.leader_capability = f(b.leader_capability);
            a.top_grade = f(b.top_grade);
            a.certified = f(b.certified);
            for g in 0..4 {
                d.by_sector_grade[s][g] = f(self.by_sector_grade[s][g]);
                d.defect_by_sector_grade[s][g] = f(self.defect_by_sector_grade[s][g]);
                d.grades[g] += d.by_sector_grade[s][g];
            }
        }
        d.blacklisted = f(self.blacklisted);
        d.inspections = f(self.inspections);
        d.detections = f(self.detections);
        d.national_brands = f(self.national_brands);
        d.national_brand_value = self.national_brand_value as f64 / FX;
        d.brand_value = self.brand_value as f64 / FX;
        d.large_firms = f(self.large_firms);
        d.national_standards = f(self.national_standards);
        d.international_standards = f(self.international_standards);
        d.recent_standards = f(self.recent_standards);
        d
    }
}

/// Adds to `d` the stratum that starts at `rows.start`: the firms up to `rows.end` that share
/// its district, sector and weight. Returns where the stratum ends. A sum of the weight over
/// firms is the weight times their count (the same integer), so only values that vary by
/// firm are converted firm by firm; the counts stay in registers.
#[inline]
fn add_stratum(
    d: &mut DistrictSums,
    t: u32,
    (top, certified): (f32, f32),
    rows: Range<usize>,
    (firms, caps): (&[Firm], &[Capability]),
    (invest, prods, credits): (&[QualityInvestment], &[Production], &[CreditRecord]),
) -> usize {
    let f0 = &firms[rows.start];
    let (district, sector, weight) = (f0.district, f0.sector, f0.weight.to_bits());
    let w = f0.weight as f64;
    let fw = fx(w);
    let si = f0.sector.index();
    let mut end = rows.end;
    let (mut capability, mut investment, mut top_n, mut certified_n) = (0i64, 0i64, 0i64, 0i64);
    let (mut leaders, mut leader_capability, mut listed_n) = (0i64, 0i64, 0i64);
    let mut by_grade = [0i64; 4];
    let mut defect_by_grade = [0i64; 4];
    for k in rows {
        let f = &firms[k];
        if f.district != district || f.sector != sector || f.weight.to_bits() != weight {
            end = k;
            break;
        }
        let c = caps[k].0;
        let (i, prod, credit) = (&invest[k], &prods[k], &credits[k]);
        capability += fx(w * c as f64);
        investment += fx(w * i.rate as f64);
        top_n += (c >= top) as i64;
        certified_n += (c >= certified) as i64;
        if f.chain_leader() {
            leaders += 1;
            leader_capability += fx(c as f64);
        }
        let listed = credit.blacklisted(t);
        let g = if listed { Grade::D } else { credit.grade }.index();
        by_grade[g] += 1;
        defect_by_grade[g] += fx(w * prod.defect_p as f64);
        listed_n += listed as i64;
    }
    let s = &mut d.sectors[si];
    s.capability += capability;
    s.investment += investment;
    s.top_grade += fw * top_n;
    s.certified += fw * certified_n;
    s.leaders += fx(1.0) * leaders;
    s.leader_capability += leader_capability;
    for g in 0..4 {
        d.by_sector_grade[si][g] += fw * by_grade[g];
        d.defect_by_sector_grade[si][g] += defect_by_grade[g];
    }
    d.blacklisted += fw * listed_n;
    end
}

/// Adds a run of one district's brands (large firms) to `d`.
fn add_brands(d: &mut DistrictSums, brands: &[Brand]) {
    for b in brands {
        d.large_firms += fx(1.0);
        d.brand_value += fx(b.value as f64) as i128;
        if b.national {
            d.national_brands += fx(1.0);
            d.national_brand_value += fx(b.value as f64) as i128;
        }
    }
}

/// Adds a run of one district's standards records (large firms) to `d`.
fn add_standards(d: &mut DistrictSums, stds: &[StandardsLed]) {
    for s in stds {
        d.national_standards += fx(s.national as f64);
        d.international_standards += fx(s.international as f64);
        d.recent_standards += fx(s.recent as f64);
    }
}

/// Sums every firm into per-district statistics, in parallel, exactly (fixed point).
#[allow(clippy::type_complexity)]
pub fn aggregate_firms(
    run: Res<Run>,
    clock: Res<Clock>,
    mut stats: ResMut<FirmStats>,
    firms: Query<(
        &Firm,
        &Capability,
        &QualityInvestment,
        &Production,
        &CreditRecord,
        Option<&Brand>,
        Option<&StandardsLed>,
    )>,
    inspections: Res<Inspections>,
    mut inspectors: Query<&mut Inspector>,
) {
    let t = clock.tick;
    let nd = stats.by_district.len();
    let ip = &run.params().indicators;
    let (top, certified) = (
        ip.mqci_grade_capability as f32,
        ip.mqci_certified_capability as f32,
    );
    let mut total = vec![DistrictSums::default(); nd];
    for (firms, caps, invest, prods, credits, brands, stds) in firms.contiguous_iter().expect(DENSE)
    {
        // Firms are spawned district by district and, within a district, stratum by stratum
        // (sector and size, one weight each), so a batch holds a few runs of one district:
        // each run is summed on its own and added to the district's total, rather than every
        // batch carrying sums for every district.
        let parts = for_batches(firms.len(), |r| {
            let mut runs: Vec<(usize, DistrictSums)> = Vec::new();
            let mut k = r.start;
            while k < r.end {
                let district = firms[k].district;
                let start = k;
                let mut d = DistrictSums::default();
                while k < r.end && firms[k].district == district {
                    k = add_stratum(
                        &mut d,
                        t,
                        (top, certified),
                        k..r.end,
                        (firms, caps),
                        (invest, prods, credits),
                    );
                }
                if let Some(brands) = brands {
                    add_brands(&mut d, &brands[start..k]);
                }
                if let Some(stds) = stds {
                    add_standards(&mut d, &stds[start..k]);
                }
                runs.push((district as usize, d));
            }
            runs
        });
        for (district, run) in parts.iter().flatten() {
            total[*district].add(run);
        }
    }
    // This month's inspections (a few percent of firms).
    for rec in &inspections.records {
        let d = &mut total[rec.district as usize];
        let w = rec.weight as f64;
        let fw = fx(w);
        d.sectors[rec.sector.index()].samples += fx(w * rec.batches as f64);
        d.inspections += fw;
        let k = rec.inspector as usize;
        if d.loads.len() <= k {
            d.loads.resize(k + 1, 0);
        }
        d.loads[k] += 1;
        if rec.detected {
            d.sectors[rec.sector.index()].fails += fx(w * rec.failed as f64);
            d.detections += fw;
        }
    }
    for mut insp in inspectors.iter_mut() {
        insp.load = total[insp.district as usize]
            .loads
            .get(insp.index as usize)
            .copied()
            .unwrap_or(0);
    }
    stats.by_district = total.iter().map(DistrictSums::to_stats).collect();
}

/// Inputs of one area's indicators (a district or the whole city).
#[derive(Default, Clone)]
struct Area {
    sectors: [SectorStats; N_SECTORS],
    window: [(f64, f64); N_SECTORS],
    grades: [f64; 4],
    blacklisted: f64,
    inspections: f64,
    detections: f64,
    national_brands: f64,
    national_brand_value: f64,
    brand_index_sum: f64,
    large_firms: f64,
    national_standards: f64,
    international_standards: f64,
    recent_standards: f64,
    prefab: f64,
    green: f64,
    acceptance: (f64, f64),
    public: (f64, f64),
    life: (f64, f64),
    /// Weight for averaging district-level shares (GDP).
    gdp: f64,
    demo_zones: f64,
    benchmark: f64,
    ag_clusters: f64,
    budget: f64,
    cost: f64,
    asked: f64,
    capacity: f64,
}

#[allow(clippy::type_complexity, clippy::too_many_arguments)]
pub fn compute_indicators(
    run: Res<Run>,
    clock: Res<Clock>,
    cal: Res<Calibration>,
    stats: Res<FirmStats>,
    window: Res<SampleWindow>,
    mut city: ResMut<CityState>,
    firms: Query<(&Firm, &Brand)>,
    mut districts: Query<(
        &District,
        &Programmes,
        &ServiceQuality,
        &ConstructionQuality,
        &Designations,
        &mut DistrictIndicators,
    )>,
) {
    let p = run.params();
    let nd = stats.by_district.len();
    // Brand index per district: mean of v / (v + v̄), summed in entity order.
    let mut brand_index = vec![0.0; nd];
    let scale = cal.brand_scale;
    for (firms, brands) in firms.contiguous_iter().expect(DENSE) {
        // Firms come district by district: a run of one district adds into a local, in the
        // same order as into the district's slot, rather than through memory for every firm.
        let mut k = 0;
        while k < firms.len() {
            let d = firms[k].district;
            let mut sum = brand_index[d as usize];
            while k < firms.len() && firms[k].district == d {
                let v = brands[k].value as f64;
                sum += v / (v + scale);
                k += 1;
            }
            brand_index[d as usize] = sum;
        }
    }
    let mut areas: Vec<Area> = vec![Area::default(); nd];
    for (d, prog, sq, cq, des, _) in districts.iter() {
        let di = d.index as usize;
        let st = &stats.by_district[di];
        let a = &mut areas[di];
        a.sectors = st.sectors.clone();
        for slot in &window.slots[di] {
            for s in 0..N_SECTORS {
                a.window[s].0 += slot[s].0;
                a.window[s].1 += slot[s].1;
            }
        }
        a.grades = st.grades;
        a.blacklisted = st.blacklisted;
        a.inspections = st.inspections;
        a.detections = st.detections;
        a.national_brands = st.national_brands;
        a.national_brand_value = st.national_brand_value;
        a.brand_index_sum = brand_index[di];
        a.large_firms = st.large_firms;
        a.national_standards = st.national_standards;
        a.international_standards = st.international_standards;
        a.recent_standards = st.recent_standards;
        a.gdp = d.gdp_100m_yuan;
        a.prefab = cq.prefab_share * a.gdp;
        a.green = cq.green_share * a.gdp;
        let (n, ok) = cq
            .acceptance
            .iter()
            .fold((0u32, 0u32), |x, y| (x.0 + y.0, x.1 + y.1));
        a.acceptance = (n as f64, ok as f64);
        let pop = d.population_10k;
        a.public = (sq.public_survey * pop, sq.public_true * pop);
        a.life = (sq.life_survey * pop, sq.life_true * pop);
        a.demo_zones = des.brand_demo_zone as u8 as f64;
        a.benchmark = des.benchmark_city as u8 as f64;
        a.ag_clusters = des.ag_clusters as f64;
        a.budget = prog.budget.min(prog.cost);
        a.cost = prog.cost;
        a.asked = prog.inspection_demand;
        a.capacity = prog.inspection_capacity.min(prog.inspection_demand);
    }
    // The city: sums over districts in index order.
    let mut c = Area::default();
    let mut pop_total = 0.0;
    for (d, _, _, _, _, _) in districts.iter() {
        pop_total += d.population_10k;
    }
    for a in &areas {
        for s in 0..N_SECTORS {
            let (x, y) = (&mut c.sectors[s], &a.sectors[s]);
            x.firms += y.firms;
            x.capability += y.capability;
            x.defect += y.defect;
            x.investment += y.investment;
            x.top_grade += y.top_grade;
            x.certified += y.certified;
            c.window[s].0 += a.window[s].0;
            c.window[s].1 += a.window[s].1;
        }
        for g in 0..4 {
            c.grades[g] += a.grades[g];
        }
        c.blacklisted += a.blacklisted;
        c.inspections += a.inspections;
        c.detections += a.detections;
        c.national_brands += a.national_brands;
        c.national_brand_value += a.national_brand_value;
        c.brand_index_sum += a.brand_index_sum;
        c.large_firms += a.large_firms;
        c.national_standards += a.national_standards;
        c.international_standards += a.international_standards;
        c.recent_standards += a.recent_standards;
        c.prefab += a.prefab;
        c.green += a.green;
        c.gdp += a.gdp;
        c.acceptance.0 += a.acceptance.0;
        c.acceptance.1 += a.acceptance.1;
        c.public.0 += a.public.0;
        c.public.1 += a.public.1;
        c.life.0 += a.life.0;
        c.life.1 += a.life.1;
        c.demo_zones += a.demo_zones;
        c.benchmark += a.benchmark;
        c.budget += a.budget;
        c.cost += a.cost;
        c.asked += a.asked;
        c.capacity += a.capacity;
    }
    c.ag_clusters = city.ag_clusters as f64;

    let mut city_values = values(&c, pop_total, p, &cal, None);
    // The six statistics the model does not represent hold the score that makes the city's
    // index start at its baseline (their weights and values were not found).
    let modelled = city_values[ind(Ind::Mqci)];
    let unmodelled = *city.mqci_unmodelled_score.get_or_insert_with(|| {
        (p.indicators.mqci_baseline * MQCI_STATISTICS - modelled) / MQCI_UNMODELLED
    });
    let years = clock.tick as f64 / 12.0;
    finish_mqci(&mut city_values, unmodelled, p, years);
    // The composite measures the ground gained from the published baselines (the plan's
    // starting point), not from the model's first month.
    let start = city
        .start_values
        .get_or_insert_with(|| start_values(&run.scenario))
        .clone();
    let goals = composite_goals(&run.scenario.targets, &start);
    composite(&mut city_values, &goals);
    for (d, _, _, _, _, mut out) in districts.iter_mut() {
        let a = &areas[d.index as usize];
        let mut v = values(a, d.population_10k, p, &cal, Some(d.gdp_100m_yuan));
        finish_mqci(&mut v, unmodelled, p, years);
        composite(&mut v, &goals);
        out.0 = v;
    }
    city.indicators = city_values;
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { f64::NAN }
}

/// Every indicator of an area except the MQCI scaling and the composite (done in `finish`); the
/// MQCI slot holds the raw quality score Q until then.
fn values(
    a: &Area,
    pop: f64,
    p: &crate::params::Params,
    cal: &Calibration,
    _gdp: Option<f64>,
) -> Vec<f64> {
    let mut v = vec![f64::NAN; INDICATORS.len()];
    for (k, s) in [0usize, 1, 2, 3, 4, 5].into_iter().enumerate() {
        let (samples, fails) = a.window[s];
        v[ind(PASS_MEASURED[k])] = 100.0 * (1.0 - ratio(fails, samples));
        v[ind(PASS_TRUE[k])] = 100.0 * (1.0 - ratio(a.sectors[s].defect, a.sectors[s].firms));
    }
    v[ind(Ind::PrefabShare)] = ratio(a.prefab, a.gdp);
    v[ind(Ind::GreenBuildingShare)] = ratio(a.green, a.gdp);
    v[ind(Ind::MajorProjectAcceptance)] = 100.0 * ratio(a.acceptance.1, a.acceptance.0);
    v[ind(Ind::PublicServiceSatisfaction)] = a.public.0 / pop;
    v[ind(Ind::PublicServiceSatisfactionTrue)] = a.public.1 / pop;
    v[ind(Ind::LifeServiceSatisfaction)] = a.life.0 / pop;
    v[ind(Ind::LifeServiceSatisfactionTrue)] = a.life.1 / pop;
    v[ind(Ind::NationalBrandCount)] = a.national_brands;
    v[ind(Ind::NationalBrandValue)] = a.national_brand_value / 1e4;
    v[ind(Ind::AgClusters)] = a.ag_clusters;
    v[ind(Ind::BenchmarkCities)] = a.benchmark;
    v[ind(Ind::BrandDemoZones)] = a.demo_zones;
    v[ind(Ind::IntlStandards)] = a.international_standards;
    v[ind(Ind::NationalStandards)] = a.national_standards;
    let firms: f64 = a.sectors.iter().map(|s| s.firms).sum();
    v[ind(Ind::MeanCapability)] = ratio(a.sectors.iter().map(|s| s.capability).sum(), firms);
    v[ind(Ind::InvestmentRate)] = ratio(a.sectors.iter().map(|s| s.investment).sum(), firms);
    v[ind(Ind::Inspections)] = a.inspections;
    v[ind(Ind::Detections)] = a.detections;
    let graded: f64 = a.grades.iter().sum();
    for (g, i) in [
        Ind::GradeAShare,
        Ind::GradeBShare,
        Ind::GradeCShare,
        Ind::GradeDShare,
    ]
    .into_iter()
    .enumerate()
    {
        v[ind(i)] = ratio(a.grades[g], graded);
    }
    v[ind(Ind::Blacklisted)] = a.blacklisted;
    let gaps: Vec<f64> = (0..6)
        .map(|k| v[ind(PASS_MEASURED[k])] - v[ind(PASS_TRUE[k])])
        .filter(|g| g.is_finite())
        .collect();
    v[ind(Ind::MeasuredTrueGap)] = if gaps.is_empty() {
        f64::NAN
    } else {
        gaps.iter().sum::<f64>() / gaps.len() as f64
    };
    v[ind(Ind::Funding)] = if a.cost > 0.0 {
        (a.budget / a.cost).min(1.0)
    } else {
        1.0
    };
    v[ind(Ind::SamplingScale)] = if a.asked > 0.0 {
        (a.capacity / a.asked).min(1.0)
    } else {
        1.0
    };

    // The MQCI's six modelled statistics, each standardised to 60–100, summed (the slot
    // holds the sum until `finish_mqci` adds the six unmodelled ones and averages).
    v[ind(Ind::Mqci)] = mqci_modelled_sum(a, &v, p);
    let _ = cal;
    v
}

/// The MQCI's 12 statistics (《质量竞争力指数解读》): quality level (产品质量等级品率,
/// 微电子控制设备比重, 质量管理体系认证率, 质量损失率, 产品监督抽查合格率, 出口商品检验合格率) and
/// development capability (研究与试验发展经费比重, 技术改造经费比重, 每百万元产值拥有专利数,
/// 新产品销售比重, 平均产品销售收入, 国际市场销售率), each scored 60–100 and weighted linearly.
/// Equal weights (the two dimensions weigh the same: the 2006 and 2007 bulletins' dimension
/// scores average exactly to the index; the twelve weights were not found).
const MQCI_STATISTICS: f64 = 12.0;
/// The statistics the model does not represent: 微电子控制设备比重, 出口商品检验合格率,
/// 技术改造经费比重, 新产品销售比重, 平均产品销售收入, 国际市场销售率.
const MQCI_UNMODELLED: f64 = 6.0;

/// A statistic's score: 60 at `at_60`, 100 at `at_100`, linear between, bounded.
fn score(x: f64, at_60: f64, at_100: f64) -> f64 {
    if !x.is_finite() || at_100 == at_60 {
        return 60.0;
    }
    60.0 + 40.0 * ((x - at_60) / (at_100 - at_60)).clamp(0.0, 1.0)
}

/// The sum of the six modelled statistics' scores for an area, from its manufacturers:
/// 产品质量等级品率 (share at or above the top-grade capability), 质量管理体系认证率 (share at
/// or above the certified capability), 质量损失率 (the true nonconforming share),
/// 产品监督抽查合格率 (the published pass rate), 研究与试验发展经费比重 (the quality investment
/// rate, its counterpart in the model) and 每百万元产值拥有专利数 (standards led a year per
/// large firm, the model's counterpart of patents).
fn mqci_modelled_sum(a: &Area, v: &[f64], p: &crate::params::Params) -> f64 {
    let i = &p.indicators;
    let m = &a.sectors[Sector::Manufacturing.index()];
    let grade = ratio(m.top_grade, m.firms);
    let certified = ratio(m.certified, m.firms);
    let loss = 100.0 * ratio(m.defect, m.firms);
    let pass = v[ind(Ind::MfgPassRate)];
    let invest = ratio(m.investment, m.firms);
    let standards = ratio(a.recent_standards, a.large_firms);
    score(grade, 0.0, 1.0)
        + score(certified, 0.0, 1.0)
        + score(loss, i.mqci_loss_rate_at_60, i.mqci_loss_rate_at_100)
        + score(pass, i.mqci_pass_rate_at_60, i.mqci_pass_rate_at_100)
        + score(invest, 0.0, i.mqci_investment_at_100)
        + score(standards, 0.0, i.mqci_standards_per_firm_at_100)
}

/// The index: the modelled statistics' scores and the unmodelled ones (held at their start
/// score, plus the national pre-plan trend of the index), averaged.
fn finish_mqci(v: &mut [f64], unmodelled: f64, p: &crate::params::Params, years: f64) {
    let i = &p.indicators;
    let held =
        unmodelled + MQCI_STATISTICS / MQCI_UNMODELLED * i.mqci_unmodelled_trend_per_year * years;
    v[ind(Ind::Mqci)] = (v[ind(Ind::Mqci)] + MQCI_UNMODELLED * held) / MQCI_STATISTICS;
}

/// The targets the quality composite averages over: (indicator, 2027 goal, start value) for
/// each "at least" target with a 2027 value, other than the composite itself and counts
/// (a city's counts do not divide meaningfully among districts), in the targets' order.
fn composite_goals(targets: &[crate::data::Target], start: &[f64]) -> Vec<(usize, f64, f64)> {
    targets
        .iter()
        .filter_map(|t| {
            let (Some(goal), Comparison::AtLeast) = (t.target_2027, t.comparison) else {
                return None;
            };
            let k = index_of(&t.id)?;
            if k == ind(Ind::QualityComposite) || INDICATORS[k].unit == "count" {
                return None;
            }
            Some((k, goal, start[k]))
        })
        .collect()
}

/// The quality composite against the city's start values, over [`composite_goals`].
fn composite(v: &mut [f64], goals: &[(usize, f64, f64)]) {
    let mut sum = 0.0;
    let mut n = 0.0;
    for &(k, goal, x0) in goals {
        let x = v[k];
        if !x.is_finite() || !x0.is_finite() {
            continue;
        }
        let closed = if x >= goal {
            1.0
        } else if goal > x0 {
            ((x - x0) / (goal - x0)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        sum += closed;
        n += 1.0;
    }
    v[ind(Ind::QualityComposite)] = if n > 0.0 { 100.0 * sum / n } else { f64::NAN };
}
