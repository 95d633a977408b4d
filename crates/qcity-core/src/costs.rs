//! What a scenario costs, and who pays: `costs.csv` and the summary's `costs`.
//!
//! Each month the budget mechanism (`model/budgets.rs`) spends on the costed levers
//! (`model::budgets::COSTED`): each lever's cost × the district's funding ratio, so that what
//! is spent never exceeds the budget. Each lever's department is the one its declaration in
//! `levers.rs` names (the plan's division of labour). Firms' own quality spending (their
//! investment, net of the subsidy) is reported apart from public spending.

use crate::levers::Department;
use crate::model::N_COSTED;
use crate::model::budgets::COSTED;
use crate::runner::ReplicateResult;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// 10k yuan (the model's unit) in yuan.
const YUAN: f64 = 1e4;

/// One department's public spending.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DepartmentCost {
    pub department: String,
    pub name_zh: String,
    pub yuan: f64,
}

/// One lever's public spending.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeverCost {
    pub lever: String,
    pub department: String,
    pub yuan: f64,
}

/// What the public spends beyond the counterfactual to reach a target's year, per point of
/// the target's effect.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TargetCost {
    pub target: String,
    pub year: u32,
    /// Public spending over the counterfactual from the start to December of `year`, yuan.
    pub extra_public_yuan: f64,
    /// The scenario's effect on the target over the counterfactual, in the target's unit.
    pub effect: f64,
    /// `extra_public_yuan / effect`: the scenario's whole extra public spending per point of
    /// this target's effect (not an allocation of spending among targets); `null` where the
    /// effect is not positive.
    pub yuan_per_point: Option<f64>,
}

/// The summary's costs: totals over the horizon, mean over replicates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CostSummary {
    pub public_total_yuan: f64,
    /// Public spending a year, on average over the horizon.
    pub public_per_year_yuan: f64,
    pub by_department: Vec<DepartmentCost>,
    pub by_lever: Vec<LeverCost>,
    /// Firms' own quality spending (net of subsidies), not public money.
    pub firms_own_yuan: f64,
    /// Public spending per calendar year: (year, yuan).
    pub public_by_year: Vec<(i32, f64)>,
    /// With a counterfactual: its public total, and each target's cost per point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterfactual_public_total_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_target: Vec<TargetCost>,
}

fn department_id(d: Department) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Mean over replicates of each (month, district, item), 10k yuan.
fn mean_costs(results: &[ReplicateResult]) -> Option<Vec<Vec<[f64; N_COSTED + 1]>>> {
    let with: Vec<&ReplicateResult> = results.iter().filter(|r| !r.costs.is_empty()).collect();
    let first = with.first()?;
    let n = with.len() as f64;
    let mut out = first.costs.clone();
    for (t, month) in out.iter_mut().enumerate() {
        for (d, row) in month.iter_mut().enumerate() {
            for (k, x) in row.iter_mut().enumerate() {
                *x = with.iter().map(|r| r.costs[t][d][k]).sum::<f64>() / n;
            }
        }
    }
    Some(out)
}

/// The costs of a run; `None` for runs without cost records (read back from disk).
pub fn summarise(s: &Scenario, results: &[ReplicateResult]) -> Option<CostSummary> {
    let m = mean_costs(results)?;
    let mut by_lever = [0.0f64; N_COSTED];
    let mut firms = 0.0;
    let mut by_year: Vec<(i32, f64)> = Vec::new();
    for (t, month) in m.iter().enumerate() {
        let year = s.horizon.start.plus(t as i64).year;
        let public: f64 = month
            .iter()
            .map(|r| r[..N_COSTED].iter().sum::<f64>())
            .sum();
        match by_year.last_mut() {
            Some((y, v)) if *y == year => *v += public * YUAN,
            _ => by_year.push((year, public * YUAN)),
        }
        for r in month {
            for k in 0..N_COSTED {
                by_lever[k] += r[k];
            }
            firms += r[N_COSTED];
        }
    }
    let levers: Vec<LeverCost> = COSTED
        .iter()
        .zip(by_lever)
        .map(|(l, v)| LeverCost {
            lever: l.id().to_string(),
            department: department_id(l.info().department),
            yuan: v * YUAN,
        })
        .collect();
    let mut departments: Vec<(Department, f64)> = Vec::new();
    for (l, v) in COSTED.iter().zip(by_lever) {
        let d = l.info().department;
        match departments.iter_mut().find(|x| x.0 == d) {
            Some(x) => x.1 += v * YUAN,
            None => departments.push((d, v * YUAN)),
        }
    }
    departments.sort_by_key(|x| x.0);
    let total: f64 = levers.iter().map(|l| l.yuan).sum();
    let years = m.len() as f64 / 12.0;
    Some(CostSummary {
        public_total_yuan: total,
        public_per_year_yuan: total / years.max(1e-9),
        by_department: departments
            .into_iter()
            .map(|(d, v)| DepartmentCost {
                department: department_id(d),
                name_zh: d.name_zh().to_string(),
                yuan: v,
            })
            .collect(),
        by_lever: levers,
        firms_own_yuan: firms * YUAN,
        public_by_year: by_year,
        counterfactual_public_total_yuan: None,
        per_target: Vec::new(),
    })
}

/// Adds the counterfactual's total and each target's public cost per point of effect.
pub fn add_counterfactual(
    costs: &mut CostSummary,
    counterfactual: &CostSummary,
    effects: &[(String, u32, Option<f64>)],
) {
    costs.counterfactual_public_total_yuan = Some(counterfactual.public_total_yuan);
    let to = |c: &CostSummary, year: u32| -> f64 {
        c.public_by_year
            .iter()
            .filter(|(y, _)| *y <= year as i32)
            .map(|(_, v)| v)
            .sum()
    };
    costs.per_target = effects
        .iter()
        .filter_map(|(id, year, effect)| {
            let effect = (*effect)?;
            let extra = to(costs, *year) - to(counterfactual, *year);
            Some(TargetCost {
                target: id.clone(),
                year: *year,
                extra_public_yuan: extra,
                effect,
                yuan_per_point: (effect > 1e-12 && effect.is_finite()).then(|| extra / effect),
            })
        })
        .collect();
}

/// `costs.csv`: year, area (`city` or a district code), department, item, payer and yuan
/// (mean over replicates of the year's sum), for every costed lever and firms' own spending.
pub fn costs_csv(s: &Scenario, results: &[ReplicateResult]) -> Option<Vec<u8>> {
    let m = mean_costs(results)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["year", "area", "department", "item", "payer", "yuan"]);
    let nd = m.first().map_or(0, Vec::len);
    // (year, area, item) sums.
    let mut years: Vec<(i32, Vec<[f64; N_COSTED + 1]>)> = Vec::new();
    for (t, month) in m.iter().enumerate() {
        let year = s.horizon.start.plus(t as i64).year;
        if years.last().is_none_or(|(y, _)| *y != year) {
            years.push((year, vec![[0.0; N_COSTED + 1]; nd + 1]));
        }
        let acc = &mut years.last_mut().expect("pushed").1;
        for (d, row) in month.iter().enumerate() {
            for k in 0..=N_COSTED {
                acc[0][k] += row[k];
                acc[d + 1][k] += row[k];
            }
        }
    }
    for (year, areas) in &years {
        for (a, row) in areas.iter().enumerate() {
            let area = if a == 0 {
                "city".to_string()
            } else {
                s.districts[a - 1].code.clone()
            };
            for k in 0..=N_COSTED {
                let (dept, item, payer) = if k < N_COSTED {
                    (
                        department_id(COSTED[k].info().department),
                        COSTED[k].id().to_string(),
                        "public",
                    )
                } else {
                    (
                        "firms".to_string(),
                        "own_quality_investment".to_string(),
                        "firms",
                    )
                };
                let _ = w.write_record([
                    year.to_string(),
                    area.clone(),
                    dept,
                    item,
                    payer.to_string(),
                    format!("{:.0}", row[k] * YUAN),
                ]);
            }
        }
    }
    Some(w.into_inner().unwrap_or_default())
}

/// Public spending a year at this month's rate (× 12), by department, from every district's
/// programmes; with `draft` (a lever at a value not yet applied, city-wide) an estimate of
/// the same after the change: each costed lever's cost scales with its value, the budget with
/// `budget_share_of_gdp`, and each district's funding ratio is recomputed. `None` when the
/// draft cannot be estimated (a lever moved from zero). Also firms' own spending a year.
pub fn yearly_by_department(
    world: &mut bevy_ecs::world::World,
    draft: Option<(crate::levers::LeverName, f64)>,
) -> Option<(Vec<(Department, f64)>, f64)> {
    use crate::levers::LeverName;
    use crate::model::{LeversInForce, Programmes};
    let mut q = world.query::<(&Programmes, &LeversInForce)>();
    let mut by = [0.0f64; N_COSTED];
    let mut firms = 0.0;
    for (p, l) in q.iter(world) {
        let funding = p.funding.max(1e-300);
        let mut cost: [f64; N_COSTED] = p.spent.map(|s| s / funding);
        let mut budget = p.budget;
        if let Some((lever, v)) = draft {
            let cur = lever.get(&l.0);
            let ratio = if cur > 0.0 {
                v / cur
            } else if v == cur {
                1.0
            } else {
                return None;
            };
            if lever == LeverName::BudgetShareOfGdp {
                budget *= ratio;
            }
            if let Some(k) = COSTED.iter().position(|c| *c == lever) {
                cost[k] *= ratio;
            }
        }
        let total: f64 = cost.iter().sum();
        let f = if total > budget { budget / total } else { 1.0 };
        for k in 0..N_COSTED {
            by[k] += cost[k] * f * 12.0 * YUAN;
        }
        firms += p.firms_own * 12.0 * YUAN;
    }
    let mut out: Vec<(Department, f64)> = Vec::new();
    for (l, v) in COSTED.iter().zip(by) {
        let d = l.info().department;
        match out.iter_mut().find(|x| x.0 == d) {
            Some(x) => x.1 += v,
            None => out.push((d, v)),
        }
    }
    out.sort_by_key(|x| x.0);
    Some((out, firms))
}
