//! The window's colours: the indicator ramp shared with the plots, and the race's bands.

use bevy::prelude::*;
use bevy_egui::egui;
use qcity_core::model::assessment::Band;
use qcity_report::plots::Palette;

/// The map's scale for indicator `k`: the report's, fixed for the whole horizon and every
/// scenario (diverging around the plan's target where the indicator has one).
pub fn scale(k: usize, targets: &[qcity_core::data::Target]) -> Palette {
    let id = qcity_core::vocab::INDICATORS[k].id;
    qcity_report::plots::map_scale(id, targets).unwrap_or(Palette::Fixed { lo: 0.0, hi: 1.0 })
}

/// A district's fill for value `v` under a fixed scale; grey where there is no value.
pub fn fill(p: Palette, v: f64) -> Color {
    match p.fixed_rgb(v) {
        Some((r, g, b)) => Color::srgb_u8(r, g, b),
        None => Color::srgb(0.78, 0.78, 0.78),
    }
}

/// As [`fill`], for egui.
pub fn fill32(p: Palette, v: f64) -> egui::Color32 {
    match p.fixed_rgb(v) {
        Some((r, g, b)) => egui::Color32::from_rgb(r, g, b),
        None => egui::Color32::from_gray(200),
    }
}

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
