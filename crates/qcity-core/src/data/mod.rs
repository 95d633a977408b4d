//! The data the model starts from: the 38 districts and the plan's targets.
//!
//! Both ship inside the binary (`assets/districts.csv`, `seeds/targets.ron`), so `qcity` runs
//! from any directory; a scenario's `data` section can point at other files.

pub mod districts;
pub mod observations;
pub mod targets;

pub use districts::{District, Zone};
pub use targets::{Comparison, Target};
