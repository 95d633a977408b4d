//! `qcity map LESSON --trainer`: the horse race shown to a room. The run pauses after each
//! assessment; the league animates as a bar race (ranks moving, bands, rewards, rectification,
//! audits); the map is coloured by band; the lesson's note for the moment is shown; the
//! trainer can show measured against true quality, change a race rule from the next month
//! (recorded like any intervention), go back a period or restart, and record the race view as
//! PNG frames and an animated GIF.
//!
//! Keys: → / PageDown / Space / Enter next assessment · ← / PageUp back one period · Home
//! restart · T measured against true · E the trend panel · R race rules · G record · F12 screenshot.
//!
//! - [`state`]: the trainer's resource and the bar race's animation;
//! - [`control`]: keys, replaying to a stop, `--auto`, capturing each stop;
//! - [`view`]: the panel, the legend, the hover tip;
//! - [`bar_race`]: the league drawn as bars;
//! - [`trend`]: the city-wide trend of effort, gaming and the gap over the stops;
//! - [`rules`]: the what-if window;
//! - [`recording`]: PNG frames and the GIF.

pub mod bar_race;
pub mod control;
pub mod recording;
pub mod rules;
pub mod state;
pub mod trend;
pub mod view;

use crate::chrome::UiSet;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
pub use recording::check_record_dir;
pub use state::{Trainer, TrainerOptions};

pub struct TrainerPlugin(pub TrainerOptions);

impl Plugin for TrainerPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Trainer::new(&self.0))
            .add_systems(Startup, control::start)
            .add_systems(PreUpdate, control::keys)
            .add_systems(Update, (control::pace, control::record).chain())
            .add_systems(EguiPrimaryContextPass, view::view.in_set(UiSet::Panels));
    }
}
