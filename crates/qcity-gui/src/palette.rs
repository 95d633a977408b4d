//! The window's colours: the indicator ramp shared with the plots, and the race's bands.

use bevy::prelude::*;
use bevy_egui::egui;
use qcity_core::model::assessment::Band;

/// The colour ramp of the plots (light to dark blue-green).
pub fn ramp(t: f64) -> Color {
    let (r, g, b) = qcity_report::plots::ramp_rgb(t);
    Color::srgb_u8(r, g, b)
}

/// Band colours of the league (the planner's and the trainer's).
pub fn band_colour(b: Band) -> egui::Color32 {
    match b {
        Band::Green => egui::Color32::from_rgb(46, 160, 67),
        Band::Yellow => egui::Color32::from_rgb(222, 170, 30),
        Band::Red => egui::Color32::from_rgb(210, 50, 45),
    }
}

/// Band colours of the map (lighter, so borders and labels stay visible).
pub fn band_fill(b: Option<Band>) -> Color {
    match b {
        Some(Band::Green) => Color::srgb_u8(120, 196, 128),
        Some(Band::Yellow) => Color::srgb_u8(240, 208, 110),
        Some(Band::Red) => Color::srgb_u8(226, 112, 104),
        None => Color::srgb(0.82, 0.82, 0.82),
    }
}
