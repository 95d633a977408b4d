//! What every mechanism's file starts from: the components and resources, the vocabulary, the
//! scenario and Bevy's ECS prelude. (`use super::prelude::*;`, so that no mechanism imports the
//! module that schedules it.)

pub use super::batches::{DENSE, for_batches, for_batches_mut};
pub use super::components::*;
pub use crate::scenario::Scenario;
pub use crate::vocab::{Grade, N_SECTORS, Sector};
pub use bevy_ecs::prelude::*;
pub use std::sync::Arc;
