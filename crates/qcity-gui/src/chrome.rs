//! What the planner's and the trainer's windows share around their panels: the egui camera
//! over the map, the bundled Chinese font, the map's viewport beside the panel, and pan and
//! zoom only over the map. The panels themselves run in [`UiSet::Panels`], between the font
//! and the viewport.

use crate::state::{Forms, MapCamera, PointerOverEguiWindow, SessionRes, UiZoom};
use bevy::camera::{CameraOutputMode, Viewport, visibility::RenderLayers};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContextSettings, EguiContexts, EguiGlobalSettings, EguiPrimaryContextPass,
    PrimaryEguiContext, egui,
};

/// The order of the window's egui pass: fonts, then the panels (planner or trainer), then the
/// map's viewport (which needs the panel's width).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiSet {
    Fonts,
    Panels,
    Viewport,
}

pub struct ChromePlugin;

impl Plugin for ChromePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<PointerOverEguiWindow>()
            .configure_sets(
                EguiPrimaryContextPass,
                (UiSet::Fonts, UiSet::Panels, UiSet::Viewport).chain(),
            )
            .add_systems(PreStartup, setup_egui_camera)
            .add_systems(Startup, init_forms)
            .add_systems(PreUpdate, (gate_pan, zoom_keys))
            .add_systems(
                EguiPrimaryContextPass,
                (install_fonts, apply_zoom).in_set(UiSet::Fonts),
            )
            .add_systems(EguiPrimaryContextPass, set_viewport.in_set(UiSet::Viewport));
    }
}

/// The text fields start from the scenario's name.
fn init_forms(
    mut commands: Commands,
    session: Res<SessionRes>,
    start: Option<Res<crate::state::StartDistrict>>,
) {
    let stem = session
        .0
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    commands.insert_resource(Forms {
        save_path: format!("{stem}-session.ron"),
        open_path: session.0.path.display().to_string(),
        compare_path: "scenarios/business-as-usual.ron".into(),
        scope: start.and_then(|s| s.0),
        draft: None,
        panel_width: 380.0,
        unsaved: 0,
        confirm: None,
    });
}

/// A full-window camera for egui on top of the map camera, so the map can have a viewport
/// beside the panel while egui keeps the whole window.
fn setup_egui_camera(mut commands: Commands, mut global: ResMut<EguiGlobalSettings>) {
    global.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
        EguiContextSettings {
            capture_pointer_input: false,
            ..default()
        },
    ));
}

/// The bundled Chinese font as a fallback for every egui family.
pub fn install_fonts(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "cjk".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(qcity_report::fonts::CJK_FONT)),
    );
    for fam in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(fam)
            .or_default()
            .push("cjk".to_owned());
    }
    contexts.ctx_mut()?.set_fonts(fonts);
    *done = true;
    Ok(())
}

/// Ctrl + and Ctrl − zoom every panel and label by a tenth, Ctrl 0 goes back to the start
/// (`--scale`). The map's own zoom stays on the scroll wheel and on + and − alone.
fn zoom_keys(keys: Res<ButtonInput<KeyCode>>, mut zoom: ResMut<UiZoom>) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if !ctrl {
        return;
    }
    let (lo, hi) = UiZoom::RANGE;
    if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        zoom.now = (zoom.now * 1.1).min(hi);
    }
    if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        zoom.now = (zoom.now / 1.1).max(lo);
    }
    if keys.any_just_pressed([KeyCode::Digit0, KeyCode::Numpad0]) {
        zoom.now = zoom.start;
    }
}

/// Sets egui's zoom to the presentation scale (egui's own Ctrl +/− is off: one owner).
fn apply_zoom(mut contexts: EguiContexts, zoom: Res<UiZoom>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if ctx.options(|o| o.zoom_with_keyboard) {
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }
    if (ctx.zoom_factor() - zoom.now).abs() > 1e-4 {
        ctx.set_zoom_factor(zoom.now);
    }
    Ok(())
}

/// The map camera draws beside the panel, not under it.
fn set_viewport(
    forms: Res<Forms>,
    zoom: Res<UiZoom>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut cam: Single<&mut Camera, With<MapCamera>>,
) {
    let win = UVec2::new(window.physical_width(), window.physical_height());
    let x = ((forms.panel_width * zoom.now * window.scale_factor()).round() as u32)
        .min(win.x.saturating_sub(1));
    let pos = UVec2::new(x, 0);
    let size = UVec2::new(win.x - x, win.y).max(UVec2::ONE);
    if cam
        .viewport
        .as_ref()
        .map(|v| (v.physical_position, v.physical_size))
        != Some((pos, size))
    {
        cam.viewport = Some(Viewport {
            physical_position: pos,
            physical_size: size,
            ..default()
        });
    }
}

/// Drags and scrolls pan and zoom the map only when they start over the map.
fn gate_pan(
    mouse: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    window: Single<&Window, With<PrimaryWindow>>,
    cam: Single<(&Camera, &mut bevy::camera_controller::pan_camera::PanCamera), With<MapCamera>>,
    over: Res<PointerOverEguiWindow>,
    mut drag_ok: Local<bool>,
) {
    let (camera, mut pan) = cam.into_inner();
    let in_map = window
        .physical_cursor_position()
        .zip(camera.physical_viewport_rect())
        .is_some_and(|(p, r)| r.as_rect().contains(p))
        && !over.0;
    if mouse.just_pressed(MouseButton::Left) {
        *drag_ok = in_map;
    }
    pan.mouse_pan_settings.enabled = *drag_ok;
    // Ctrl + and Ctrl − zoom the panels, not the map.
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    pan.enabled = (in_map || (*drag_ok && mouse.pressed(MouseButton::Left)))
        && !wants.wants_keyboard_input()
        && !ctrl;
}
