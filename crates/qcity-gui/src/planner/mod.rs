//! The planner's window: the controls panel (time, the map's indicator, levers, saving, the
//! city's chart, the league), the legend, the hovered district and the clicked district's
//! detail.
//!
//! - [`panel`]: the left panel, one function per section, and what its buttons ask for;
//! - [`overlays`]: the hover tip, the legend and the district detail over the map;
//! - [`league`]: the horse race's last league.

pub mod format;
pub mod league;
pub mod overlays;
pub mod panel;

use crate::chrome::UiSet;
use crate::state::{MapView, Playback, SimWorld, clock, recorded};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

pub struct PlannerPlugin;

impl Plugin for PlannerPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(EguiPrimaryContextPass, panel::panels.in_set(UiSet::Panels))
            .add_systems(PreUpdate, keys);
    }
}

/// Space plays or pauses; → steps one month (through the months already simulated while the
/// time slider is back, then the model); ← shows the month before (when no text field has
/// focus).
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut pb: ResMut<Playback>,
    mut view: ResMut<MapView>,
    sim: NonSend<SimWorld>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
) {
    if wants.wants_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        pb.playing = !pb.playing;
    }
    let n = recorded(&sim).len();
    if keys.just_pressed(KeyCode::ArrowRight) {
        panel::step(&mut pb, &mut view, &clock(&sim), n);
    }
    if keys.just_pressed(KeyCode::ArrowLeft) {
        pb.playing = false;
        panel::step_back(&mut view, n);
    }
}
