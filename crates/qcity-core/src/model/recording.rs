//! Step 14 of the month: Recording: each month's city and district indicators, kept in memory for the run's
//! outputs (and, in the app, for its charts).

use super::prelude::*;

/// Recorded values: `values[tick][area][indicator]`, area 0 = the city, 1 + i = district i.
#[derive(Resource, Debug, Clone, Default)]
pub struct Recorder {
    pub districts: bool,
    pub values: Vec<Vec<Vec<f64>>>,
}

impl Recorder {
    pub fn new(s: &Scenario) -> Self {
        Self {
            districts: s.outputs.districts,
            values: Vec::with_capacity(s.horizon.months() as usize),
        }
    }
}

pub fn record_month(
    clock: Res<Clock>,
    city: Res<CityState>,
    mut rec: ResMut<Recorder>,
    districts: Query<(&District, &DistrictIndicators)>,
) {
    let mut month = vec![city.indicators.clone()];
    if rec.districts {
        let mut ds: Vec<(u16, &DistrictIndicators)> =
            districts.iter().map(|(d, v)| (d.index, v)).collect();
        ds.sort_by_key(|x| x.0);
        month.extend(ds.into_iter().map(|(_, v)| v.0.clone()));
    }
    debug_assert_eq!(rec.values.len(), clock.tick as usize);
    rec.values.push(month);
}
