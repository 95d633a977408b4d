//! Scenario files (RON): what a user writes, how it is checked, and the resolved scenario the
//! model runs.
//!
//! A scenario states only what differs from the defaults in `assets/model.ron`; a minimal one is
//! `(name: "x", seed: 1)`. Unknown fields are errors, and every error names the file, line,
//! column and field, and what would be valid.

//!
//! - [`file`]: the file as written, and how a file lays over its base;
//! - [`load`]: reading a file and its bases;
//! - [`resolve`]: defaults, data and every check, step by step, with errors located in the
//!   file;
//! - [`resolved`]: the scenario the model runs.

pub mod file;
pub mod load;
pub mod resolve;
pub mod resolved;

pub use crate::levers::LeverName;
pub use file::{
    Action, DataSources, EMBEDDED_MODEL, Event, Horizon, ModelDefaults, Note, NoteView, Outputs,
    Scale, ScenarioFile, ScenarioLevers,
};
pub use load::{from_str, load, load_merged, resolve_merged};
pub use resolve::race_groups;
pub use resolved::{ResolvedEvent, Scenario, Sources};
