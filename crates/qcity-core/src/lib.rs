//! qcity-core: Chongqing's quality-improvement plan (质量强市建设实施方案, 渝委发〔2023〕11号),
//! simulated district by district as a Bevy ECS model and projected to its 2027 and 2035 goals.
//!
//! - [`scenario`]: scenario files, defaults, validation and precise errors.
//! - [`model`]: the ECS model: one system set per mechanism, in [`model::SimPlugin`].
//! - [`runner`]: the headless runner (replicates in parallel, deterministic).
//! - [`output`]: tidy CSV, summary and manifest, written atomically.
//! - [`data`]: the districts and the plan's targets.

pub mod bench;
pub mod costs;
pub mod data;
pub mod error;
pub mod files;
pub mod lang;
pub mod levers;
pub mod model;
pub mod outdir;
pub mod output;
pub mod params;
pub mod patch;
pub mod rng;
pub mod runner;
pub mod scenario;
pub mod session;
pub mod sim;
pub mod threads;
pub mod time;
pub mod trainer;
pub mod vocab;
