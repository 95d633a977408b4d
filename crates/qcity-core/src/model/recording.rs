//! Step 14 of the month: Recording: each month's city and district indicators, kept in memory for the run's
//! outputs (and, in the app, for its charts).

use super::prelude::*;

/// Recorded values: `values[tick][area][indicator]`, area 0 = the city, 1 + i = district i.
#[derive(Resource, Debug, Clone, Default)]
pub struct Recorder {
    pub districts: bool,
    pub values: Vec<Vec<Vec<f64>>>,
    /// `costs[tick][district]`: each costed lever's spending (budgets::COSTED order), then
    /// firms' own quality spending, in 10k yuan.
    pub costs: Vec<Vec<[f64; N_COSTED + 1]>>,
}

impl Recorder {
    pub fn new(s: &Scenario) -> Self {
        Self {
            districts: s.outputs.districts,
            values: Vec::with_capacity(s.horizon.months() as usize),
            costs: Vec::with_capacity(s.horizon.months() as usize),
        }
    }
}

pub fn record_month(
    clock: Res<Clock>,
    city: Res<CityState>,
    mut rec: ResMut<Recorder>,
    districts: Query<(&District, &DistrictIndicators, &Programmes)>,
) {
    let mut month = vec![city.indicators.clone()];
    let mut ds: Vec<(u16, &DistrictIndicators, &Programmes)> =
        districts.iter().map(|(d, v, p)| (d.index, v, p)).collect();
    ds.sort_by_key(|x| x.0);
    rec.costs.push(
        ds.iter()
            .map(|(_, _, p)| {
                let mut c = [0.0; N_COSTED + 1];
                c[..N_COSTED].copy_from_slice(&p.spent);
                c[N_COSTED] = p.firms_own;
                c
            })
            .collect(),
    );
    if rec.districts {
        month.extend(ds.into_iter().map(|(_, v, _)| v.0.clone()));
    }
    debug_assert_eq!(rec.values.len(), clock.tick as usize);
    rec.values.push(month);
}
