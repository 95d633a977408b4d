//! Builds a run's initial world from a scenario: districts, enterprises, inspectors, and the
//! calibration that makes the start reproduce the baseline data.

use super::prelude::*;
use crate::data::districts::CITY_STRUCTURE;
use crate::params::Params;
use crate::rng::{RunKey, Stream, beta, normal, uniform};

/// Splits `total` into integers proportional to `shares` (largest remainder; ties by index).
pub fn apportion(total: u64, shares: &[f64]) -> Vec<u64> {
    let sum: f64 = shares.iter().sum();
    let exact: Vec<f64> = shares.iter().map(|s| total as f64 * s / sum).collect();
    let mut out: Vec<u64> = exact.iter().map(|x| x.floor() as u64).collect();
    let mut left = total - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.partial_cmp(&ra)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Each district's share of enterprises: a mix of its GDP and population shares.
pub fn district_shares(s: &Scenario) -> Vec<f64> {
    let g: f64 = s.districts.iter().map(|d| d.gdp_100m_yuan).sum();
    let p: f64 = s.districts.iter().map(|d| d.population_10k).sum();
    let w = s.params.population.district_gdp_weight;
    s.districts
        .iter()
        .map(|d| w * d.gdp_100m_yuan / g + (1.0 - w) * d.population_10k / p)
        .collect()
}

/// Each district's mix of sectors, rows summing to 1: the city's mix tilted by the district's
/// economic structure (a sector of the secondary industry weighs more where industry's share of
/// value added is above the city's), then raked (iterative proportional fitting) so that the
/// districts keep their shares of enterprises and the city keeps its sector mix.
pub fn sector_mix(s: &Scenario, city: &[f64; N_SECTORS]) -> Vec<[f64; N_SECTORS]> {
    let shares = district_shares(s);
    let city_sum: f64 = city.iter().sum();
    let col: Vec<f64> = city.iter().map(|c| c / city_sum.max(1e-300)).collect();
    let mut w: Vec<[f64; N_SECTORS]> = s
        .districts
        .iter()
        .zip(&shares)
        .map(|(d, &share)| {
            let mut row = [0.0; N_SECTORS];
            for sector in Sector::ALL {
                let g = sector.industry();
                let tilt = d.structure[g] / CITY_STRUCTURE[g];
                row[sector.index()] = share * col[sector.index()] * tilt;
            }
            row
        })
        .collect();
    for _ in 0..200 {
        for (row, &share) in w.iter_mut().zip(&shares) {
            let sum: f64 = row.iter().sum();
            if sum > 0.0 {
                row.iter_mut().for_each(|x| *x *= share / sum);
            }
        }
        for (k, &target) in col.iter().enumerate() {
            let sum: f64 = w.iter().map(|row| row[k]).sum();
            if sum > 0.0 {
                w.iter_mut().for_each(|row| row[k] *= target / sum);
            }
        }
    }
    w.into_iter()
        .map(|mut row| {
            let sum: f64 = row.iter().sum();
            if sum > 0.0 {
                row.iter_mut().for_each(|x| *x /= sum);
            }
            row
        })
        .collect()
}

/// A firm before it becomes an entity (16 bytes: the drafts are alive while the firms are
/// spawned, at setup's peak of memory).
struct Draft {
    firm: Firm,
    capability: f32,
}

/// The simulated firms before they are spawned, and each district's firms.
struct Drafts {
    firms: Vec<Draft>,
    /// Each firm's risk score, which orders the initial credit grades (then dropped).
    risk: Vec<f64>,
    /// (Real enterprises the simulated ones stand for, simulated firms) per district.
    per_district: Vec<(f64, u32)>,
}

/// Inserts the run's resources and spawns its entities: the firms (drafted, graded, their
/// defects, costs and brands calibrated to the baseline), the districts and the inspectors.
pub fn populate(world: &mut World, s: &Arc<Scenario>, replicate: u32) {
    let p: &Params = &s.params;
    let key = RunKey {
        seed: s.seed,
        replicate,
    };
    let mut drafts = draft_firms(s, key);
    // Initial credit grades: by quantile of a noisy risk score, matching the published mix.
    let grades = assign_grades(&drafts.firms, &std::mem::take(&mut drafts.risk), p);
    let (defect_scale, start_capability) = calibrate_defects(s, &drafts.firms, &grades);
    let brands = initial_brands(s, key, &drafts.firms, &grades);
    let bau = bau_sampling(s, &drafts, &grades);
    let cost = CostCalibration {
        s,
        defect_scale: &defect_scale,
        bau: &bau,
    };
    let per_district = drafts.per_district.clone();
    // Resources, districts and inspectors before the firms. Bevy keeps each resource in a
    // sparse set indexed by its entity's index, so a resource inserted after a million firms
    // would cost 4 bytes a firm (README, "Performance").
    insert_resources(world, s, key);
    spawn_districts(world, s, &per_district, &bau.scale);
    spawn_inspectors(world, s, key, &per_district);
    let base = &s.baseline_levers;
    // The mean brand holds its value under business as usual: growth at the reference, slowed
    // by its distance to the ceiling at the start, offsets erosion.
    let room = 1.0 - 1.0 / p.brands.brand_value_ceiling;
    let brand_reference =
        if p.brands.growth_per_year > 0.0 && base.brand_support > 0.0 && room > 0.0 {
            brands.mean_large_capability
                - p.brands.erosion_per_year / (p.brands.growth_per_year * base.brand_support * room)
        } else {
            1.0
        };
    world.insert_resource(Calibration {
        defect_scale,
        standards_norm: brands.standards_norm.max(1e-9),
        brand_scale: brands.scale,
        start_capability,
        brand_reference,
    });
    spawn_firms(world, s, drafts, &grades, &cost, &brands);
}

/// Every simulated firm: large firms one to one, the others a sample weighted to stand for
/// the registered total; each with its district, sector, capability and a risk score.
fn draft_firms(s: &Scenario, key: RunKey) -> Drafts {
    let p = &s.params;
    let setup = key.stream(Stream::Setup);
    let nd = s.districts.len();
    let shares = district_shares(s);
    let total_sim = s.enterprises() as u64;
    let large_real = p.population.large_enterprises.round() as u64;
    let small_real = p.population.registered_enterprises - large_real as f64;
    let small_sim = total_sim - large_real;
    let large_by_d = apportion(large_real, &shares);
    let small_by_d = apportion(small_sim, &shares);
    let small_mix = sector_mix(s, &p.population.sector_share.values());
    let large_mix = sector_mix(s, &p.population.large_sector_share.values());
    let shift = capability_shift(s);
    let mut firms: Vec<Draft> = Vec::with_capacity(total_sim as usize);
    let mut risk: Vec<f64> = Vec::with_capacity(total_sim as usize);
    let mut per_district = vec![(0.0f64, 0u32); nd];
    let mut id: u32 = 0;
    for d in 0..nd {
        let small_weight = if small_by_d[d] > 0 {
            (small_real * shares[d] / small_by_d[d] as f64) as f32
        } else {
            0.0
        };
        for (large, count, sector_shares, weight) in [
            (true, large_by_d[d], &large_mix[d], 1.0f32),
            (false, small_by_d[d], &small_mix[d], small_weight),
        ] {
            let per_sector = apportion(count, sector_shares.as_slice());
            for (si, n) in per_sector.into_iter().enumerate() {
                let sector = Sector::ALL[si];
                for _ in 0..n {
                    let mut r = setup.rng(id as u64, 0);
                    let mut c = beta(
                        &mut r,
                        p.quality.capability_beta_a,
                        p.quality.capability_beta_b,
                    );
                    if large {
                        c += p.quality.large_capability_bonus;
                    }
                    c = (c + shift[d]).clamp(0.01, 0.99);
                    let industrial = !matches!(sector, Sector::Services | Sector::DrugCirculation);
                    let chain_leader =
                        large && industrial && uniform(&mut r) < p.population.chain_leader_share;
                    risk.push(-(c + 0.1 * normal(&mut r)));
                    firms.push(Draft {
                        firm: Firm::new(id, d as u16, sector, large, chain_leader, weight),
                        capability: c as f32,
                    });
                    per_district[d].0 += weight as f64;
                    per_district[d].1 += 1;
                    id += 1;
                }
            }
        }
    }
    Drafts {
        firms,
        risk,
        per_district,
    }
}

/// Richer districts start with more capable firms (params.quality.capability_gdp_shift).
fn capability_shift(s: &Scenario) -> Vec<f64> {
    let p = &s.params;
    let city_gdp_pc = s.districts.iter().map(|d| d.gdp_100m_yuan).sum::<f64>()
        / s.districts.iter().map(|d| d.population_10k).sum::<f64>();
    s.districts
        .iter()
        .map(|d| {
            p.quality.capability_gdp_shift * (d.gdp_100m_yuan / d.population_10k / city_gdp_pc).ln()
        })
        .collect()
}

/// Each sector's defect scale, so that the expected published pass rate at the start (the
/// statistical sample of statistics.rs: problem-oriented by credit grade, tested by the
/// laboratory) equals the published baseline; and each sector's mean capability.
fn calibrate_defects(
    s: &Scenario,
    drafts: &[Draft],
    grades: &[(Grade, f32)],
) -> ([f64; N_SECTORS], [f64; N_SECTORS]) {
    let p = &s.params;
    let o = &p.statistics.risk_orientation;
    let mut num = [0.0f64; N_SECTORS];
    let mut den = [0.0f64; N_SECTORS];
    let mut capsum = [0.0f64; N_SECTORS];
    let mut wsum = [0.0f64; N_SECTORS];
    for (dr, (g, _)) in drafts.iter().zip(grades) {
        let si = dr.firm.sector.index();
        let w = dr.firm.weight as f64;
        let pull = o.get(*g);
        num[si] +=
            w * pull * crate::rng::pow(1.0 - dr.capability as f64, p.quality.defect_exponent);
        den[si] += w * pull;
        capsum[si] += w * dr.capability as f64;
        wsum[si] += w;
    }
    let mut defect_scale = [0.0; N_SECTORS];
    let mut start_capability = [0.0; N_SECTORS];
    for (si, sector) in Sector::ALL.iter().enumerate() {
        let nonconf = 1.0 - p.quality.baseline_pass_rate.get(*sector) / 100.0;
        let mean_shape = if den[si] > 0.0 {
            num[si] / den[si]
        } else {
            1.0
        };
        defect_scale[si] = nonconf / (p.statistics.lab_detection * mean_shape.max(1e-12));
        start_capability[si] = if wsum[si] > 0.0 {
            capsum[si] / wsum[si]
        } else {
            0.0
        };
    }
    (defect_scale, start_capability)
}

/// Large firms' brands, the initial national brands, and the scales brand growth and
/// standards are measured against.
struct InitialBrands {
    /// The large firms' brands, by draft index (a map, not a slot per firm: most firms are
    /// small, and setup's peak memory is the run's).
    of: std::collections::BTreeMap<usize, Brand>,
    /// Mean initial brand value of a large firm, 10k yuan.
    scale: f64,
    /// Σ over large firms of capability^exponent.
    standards_norm: f64,
    mean_large_capability: f64,
}

fn initial_brands(
    s: &Scenario,
    key: RunKey,
    drafts: &[Draft],
    grades: &[(Grade, f32)],
) -> InitialBrands {
    let p = &s.params;
    let setup = key.stream(Stream::Setup);
    let mut brand_values: Vec<(usize, f64)> = Vec::new();
    let mut large_capability: Vec<f64> = Vec::new();
    let mut standards_norm = 0.0;
    for (i, dr) in drafts.iter().enumerate() {
        if dr.firm.large() {
            let mut r = setup.rng(dr.firm.id as u64, 1);
            let v = p.brands.initial_value_10k_yuan
                * (0.5 + dr.capability as f64)
                * (0.8 * normal(&mut r) - 0.32).exp();
            brand_values.push((i, v));
            large_capability.push(dr.capability as f64);
            standards_norm +=
                crate::rng::pow(dr.capability as f64, p.standards.capability_exponent);
        }
    }
    let scale = if brand_values.is_empty() {
        1.0
    } else {
        brand_values.iter().map(|x| x.1).sum::<f64>() / brand_values.len() as f64
    };
    // The initial national brands: the most valuable brands of firms in good credit standing,
    // rescaled so their total matches the baseline value.
    let mut ranked: Vec<(usize, f64)> = brand_values
        .iter()
        .copied()
        .filter(|(i, _)| grades[*i].0 <= Grade::B)
        .collect();
    ranked.sort_unstable_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    let n_nat = (p.brands.initial_national_count.round() as usize).min(ranked.len());
    let nat_sum: f64 = ranked[..n_nat].iter().map(|x| x.1).sum();
    let nat_target = p.brands.initial_national_value_100m_yuan * 1e4;
    let mut of = std::collections::BTreeMap::new();
    let k = p.brands.brand_value_ceiling;
    for &(i, v) in &brand_values {
        of.insert(
            i,
            Brand {
                value: v as f32,
                national: false,
                ceiling: (v * k) as f32,
            },
        );
    }
    for &(i, v) in &ranked[..n_nat] {
        let scaled = if nat_sum > 0.0 {
            v * nat_target / nat_sum
        } else {
            0.0
        };
        of.insert(
            i,
            Brand {
                value: scaled as f32,
                national: true,
                ceiling: (scaled * k) as f32,
            },
        );
    }
    let mean_large_capability = if large_capability.is_empty() {
        0.0
    } else {
        large_capability.iter().sum::<f64>() / large_capability.len() as f64
    };
    InitialBrands {
        of,
        scale,
        standards_norm,
        mean_large_capability,
    }
}

/// Business as usual in each district: the inspections' sampling scale, and its chain
/// leaders (count and summed capability) per sector.
struct BauSampling {
    scale: Vec<f64>,
    lead: Vec<[(f64, f64); N_SECTORS]>,
}

fn bau_sampling(s: &Scenario, drafts: &Drafts, grades: &[(Grade, f32)]) -> BauSampling {
    let p = &s.params;
    let nd = s.districts.len();
    let base = &s.baseline_levers;
    let sw = p.inspection.sector_weight.values();
    let mut firms_sg = vec![[[0.0f64; 4]; N_SECTORS]; nd];
    let mut lead = vec![[(0.0f64, 0.0f64); N_SECTORS]; nd];
    for (dr, (g, _)) in drafts.firms.iter().zip(grades) {
        let (d, si) = (dr.firm.district as usize, dr.firm.sector.index());
        firms_sg[d][si][g.index()] += dr.firm.weight as f64;
        if dr.firm.chain_leader() {
            lead[d][si].0 += 1.0;
            lead[d][si].1 += dr.capability as f64;
        }
    }
    let r = &base.inspection_rate;
    let scale = (0..nd)
        .map(|d| {
            let capacity = drafts.per_district[d].0 / 1000.0
                * base.inspectors_per_1000_firms
                * p.inspection.capacity_per_inspector_month;
            super::inspection::sampling_scale(
                &firms_sg[d],
                [r.a, r.b, r.c, r.d],
                sw,
                [1.0; N_SECTORS],
                capacity,
            )
            .0
        })
        .collect();
    BauSampling { scale, lead }
}

/// What a firm's cost of quality is calibrated from.
struct CostCalibration<'a> {
    s: &'a Scenario,
    defect_scale: &'a [f64; N_SECTORS],
    bau: &'a BauSampling,
}

impl CostCalibration<'_> {
    /// The firm's cost factor: its business-as-usual investment holds its capability steady,
    /// given the deterrence it faces and the spill-over it receives.
    fn cost_factor(&self, dr: &Draft, grade: Grade) -> f32 {
        let p = &self.s.params;
        let base = &self.s.baseline_levers;
        let sw = p.inspection.sector_weight.values();
        let c = dr.capability as f64;
        let (d, si) = (dr.firm.district as usize, dr.firm.sector.index());
        let k = self.defect_scale[si];
        let mb = super::investment::marginal_benefit(
            &p.investment,
            k,
            p.quality.defect_exponent,
            crate::rng::Pow::new(p.quality.defect_exponent - 1.0),
            c,
            base.inspection_rate.get(grade) * self.bau.scale[d] * sw[si],
            base.inspector_skill,
            base.fine_months,
            base.brand_support,
            dr.firm.large(),
        );
        let cap = p.investment.max_rate * p.investment.finance_by_grade.get(grade);
        let (n_lead, sum_lead) = self.bau.lead[d][si];
        let spill = if !dr.firm.large() && n_lead > 0.0 {
            p.capability.spillover_per_year
                * base.chain_leader_programme
                * (sum_lead / n_lead - c).max(0.0)
        } else {
            0.0
        };
        let need =
            super::investment::steady_rate(&p.capability, c, spill).clamp(1e-3, cap.max(1e-3));
        (p.investment.max_rate * mb / (p.investment.cost * (1.0 - base.subsidy_rate) * need)) as f32
    }
}

/// Spawns the firms in id order: large firms (with brands and standards), then the others.
fn spawn_firms(
    world: &mut World,
    s: &Scenario,
    drafts: Drafts,
    grades: &[(Grade, f32)],
    cost: &CostCalibration,
    brands: &InitialBrands,
) {
    let p = &s.params;
    let base = &s.baseline_levers;
    let core = |i: usize, dr: &Draft| {
        let (grade, score) = grades[i];
        let investment = QualityInvestment {
            rate: 0.0,
            cost_factor: cost.cost_factor(dr, grade),
        };
        let credit = CreditRecord {
            base_score: score,
            score,
            grade,
            blacklisted_until: 0,
            published_until: 0,
            last_violation: CreditRecord::NEVER,
            violations: 0,
        };
        (
            dr.firm,
            Capability(dr.capability),
            investment,
            Production::default(),
            credit,
        )
    };
    presize_entity_records(world, drafts.firms.len());
    // Spawned straight from the drafts, large firms first, with their exact counts: Bevy
    // reserves the tables once and no batch is built beside them (a copy of every firm at
    // setup's peak).
    let large = brands.of.iter().map(|(&i, &b)| {
        let dr = &drafts.firms[i];
        let standards = StandardsLed {
            recent: super::standards::expected_per_year(
                &p.standards,
                dr.capability as f64,
                brands.standards_norm.max(1e-9),
                base.standards_support,
            ) as f32,
            ..Default::default()
        };
        (core(i, dr), b, standards)
    });
    world.spawn_batch(Exact::new(large, brands.of.len()));
    let small = drafts
        .firms
        .iter()
        .enumerate()
        .filter(|(i, _)| !brands.of.contains_key(i))
        .map(|(i, dr)| core(i, dr));
    world.spawn_batch(Exact::new(small, drafts.firms.len() - brands.of.len()));
}

/// Sizes Bevy's records of entities for `n` more at once. Bevy grows them by doubling and
/// fills the new capacity (24 bytes an entity), so 1.1 million firms would hold records for
/// 2^21 entities, 24 MB more than needed. The ids are allocated first, the last is spawned
/// and despawned (which sizes the records exactly), and all go back to the allocator, from
/// which `spawn_batch` takes them.
fn presize_entity_records(world: &mut World, n: usize) {
    let Some(n) = u32::try_from(n).ok().filter(|&n| n > 0) else {
        return;
    };
    let mut ids: Vec<Entity> = world.entity_allocator().alloc_many(n).collect();
    let last = ids.len() - 1;
    if world.spawn_empty_at(ids[last]).is_ok() {
        match world.despawn_no_free(ids[last]) {
            Some(next) => ids[last] = next,
            // Still spawned: leave it as it is (an empty entity) and free the others.
            None => {
                ids.pop();
            }
        }
    }
    world.entity_allocator_mut().free_many(&ids);
}

/// An iterator that knows its length, so that `spawn_batch` reserves exactly.
struct Exact<I> {
    it: I,
    left: usize,
}

impl<I> Exact<I> {
    fn new(it: I, len: usize) -> Self {
        Exact { it, left: len }
    }
}

impl<I: Iterator> Iterator for Exact<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        let x = self.it.next();
        if x.is_some() {
            self.left = self.left.saturating_sub(1);
        }
        x
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

/// Spawns the districts with their levers, programmes and baseline services and construction.
fn spawn_districts(
    world: &mut World,
    s: &Scenario,
    per_district: &[(f64, u32)],
    bau_scale: &[f64],
) {
    let p = &s.params;
    for (i, d) in s.districts.iter().enumerate() {
        world.spawn((
            District {
                index: i as u16,
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                zone: d.zone,
                population_10k: d.population_10k,
                gdp_100m_yuan: d.gdp_100m_yuan,
                enterprises: per_district[i].0,
                simulated_firms: per_district[i].1,
            },
            LeversInForce(s.district_levers[i].clone()),
            Programmes {
                sampling_scale: bau_scale[i],
                rigour: 1.0,
                ..Default::default()
            },
            Incidents::default(),
            ServiceQuality {
                public_true: p.services.baseline_public,
                life_true: p.services.baseline_life,
                public_survey: p.services.baseline_public,
                life_survey: p.services.baseline_life,
            },
            ConstructionQuality {
                prefab_share: p.construction.baseline_prefab_share,
                green_share: p.construction.baseline_green_share,
                acceptance: [(0, 0); 12],
            },
            Designations::default(),
            super::assessment::RaceState {
                group: s.peer_group[i],
                ..Default::default()
            },
            DistrictIndicators(vec![f64::NAN; crate::vocab::INDICATORS.len()]),
        ));
    }
}

/// Inspectors at the start: as many as the initial levers fund.
fn spawn_inspectors(world: &mut World, s: &Scenario, key: RunKey, per_district: &[(f64, u32)]) {
    let insp = key.stream(Stream::Inspectors);
    for (d, lev) in s.district_levers.iter().enumerate() {
        let n = super::budgets::simulated_inspectors(
            per_district[d].1,
            lev.inspectors_per_1000_firms,
            1.0,
        );
        for k in 0..n {
            world.spawn(super::budgets::new_inspector(
                insp,
                d as u16,
                k as u16,
                s.params.inspection.skill_sd,
            ));
        }
    }
}

/// The statistics of the year before the start, as published: each district's expected
/// batches a month at the baseline pass rate, so the first published rates are the trailing
/// year's, as they are in reality.
fn baseline_window(s: &Scenario) -> SampleWindow {
    let p = &s.params;
    let months = p.indicators.pass_rate_window_months as usize;
    let slots = s
        .districts
        .iter()
        .map(|d| {
            let month: [(f64, f64); N_SECTORS] = std::array::from_fn(|si| {
                let sector = Sector::ALL[si];
                let n =
                    p.statistics.batches_per_1000_residents.get(sector) * d.population_10k * 10.0
                        / 12.0;
                (
                    n,
                    n * (1.0 - p.quality.baseline_pass_rate.get(sector) / 100.0),
                )
            });
            vec![month; months]
        })
        .collect();
    SampleWindow { months, slots }
}

/// The run's clock, its key, and the empty state the mechanisms fill.
fn insert_resources(world: &mut World, s: &Arc<Scenario>, key: RunKey) {
    let p = &s.params;
    let nd = s.districts.len();
    world.insert_resource(Clock {
        tick: 0,
        start: s.horizon.start,
        months: s.horizon.months(),
    });
    world.insert_resource(Run {
        scenario: s.clone(),
        key,
    });
    world.insert_resource(FirmStats {
        by_district: vec![DistrictStats::default(); nd],
    });
    world.insert_resource(baseline_window(s));
    world.insert_resource(CityState {
        ag_clusters: p.brands.initial_ag_clusters.round() as u32,
        ..Default::default()
    });
    world.insert_resource(InspectorRoster {
        skills: vec![Vec::new(); nd],
    });
    world.insert_resource(super::recording::Recorder::new(s));
    world.insert_resource(super::assessment::Standings::default());
    world.insert_resource(super::assessment::RaceRules::new(s));
    world.insert_resource(super::events::Interventions::default());
    world.insert_resource(Inspections::default());
    world.insert_resource(super::credit::Penalised::default());
}

/// Grades by weighted quantile of the risk score so the initial mix matches
/// `params.credit.initial_mix`; scores spread evenly within each grade's band.
fn assign_grades(drafts: &[Draft], risk: &[f64], p: &Params) -> Vec<(Grade, f32)> {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        risk[a]
            .partial_cmp(&risk[b])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let total: f64 = drafts.iter().map(|d| d.firm.weight as f64).sum();
    let m = &p.credit.initial_mix;
    let cuts = [m.a, m.a + m.b, m.a + m.b + m.c];
    let c = &p.credit;
    let bands = [
        (c.threshold_a, 100.0),
        (c.threshold_b, c.threshold_a),
        (c.threshold_c, c.threshold_b),
        ((c.threshold_c - 20.0).max(0.0), c.threshold_c),
    ];
    let mut out = vec![(Grade::A, 100.0f32); drafts.len()];
    let mut acc = 0.0;
    for &i in &order {
        let w = drafts[i].firm.weight as f64;
        let q = (acc + 0.5 * w) / total;
        acc += w;
        let g = if q < cuts[0] {
            0
        } else if q < cuts[1] {
            1
        } else if q < cuts[2] {
            2
        } else {
            3
        };
        let lo_q = [0.0, cuts[0], cuts[1], cuts[2]][g];
        let hi_q = [cuts[0], cuts[1], cuts[2], 1.0][g];
        let frac = if hi_q > lo_q {
            (q - lo_q) / (hi_q - lo_q)
        } else {
            0.5
        };
        // Lower risk (earlier in the order) gets the higher score within the band.
        let (lo, hi) = bands[g];
        // Kept as the credit record keeps it (f32): 8 bytes a firm at setup, not 16.
        out[i] = (Grade::ALL[g], (hi - frac * (hi - lo) - 1e-6) as f32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::apportion;

    #[test]
    fn apportion_sums_and_follows_shares() {
        let a = apportion(10, &[0.5, 0.3, 0.2]);
        assert_eq!(a, vec![5, 3, 2]);
        let b = apportion(7, &[1.0, 1.0, 1.0]);
        assert_eq!(b.iter().sum::<u64>(), 7);
        assert_eq!(b, vec![3, 2, 2]);
    }
}
