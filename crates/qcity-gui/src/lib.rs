//! `qcity map`: the interactive map for planners (cargo feature `gui`).
//!
//! The model runs in its own world (a [`qcity_core::sim::Sim`], exactly as `qcity run` builds
//! it), kept apart from the window's world like A/B Street keeps
//! its simulation apart from its UI. Each frame the window advances the model by as many
//! months as the speed asks, within a time budget so that input is handled every frame. A
//! lever moved in the panel is queued as an intervention for the next month: the run is never
//! reset, and the interventions save as scenario events that replay headless to the same run.
//!
//! - [`state`]: the resources the plugins share (the model world, playback, the map's view,
//!   the pointed district, the text fields, the language);
//! - [`sim`]: the model in the window: playback within a frame budget, interventions;
//! - [`map`]: district meshes, colours, camera, hover and click;
//! - [`chrome`]: the egui camera, fonts, the map's viewport, pan gating;
//! - [`planner`]: the planner's panels (time, indicator, levers, charts, league, detail);
//! - [`trainer`]: trainer mode (`--trainer`): the race as a bar race, paced lessons, what-if
//!   rules and recording;
//! - [`shot`]: screenshots (a key, or `--screenshot FILE --months N` for docs and tests);
//! - [`palette`]: the colours.
//!
//! Each plugin registers its own systems; the egui pass runs in the order of
//! [`chrome::UiSet`].

pub mod chrome;
#[cfg(test)]
mod layout_check;
pub mod map;
pub mod palette;
pub mod planner;
pub mod shot;
pub mod sim;
pub mod state;
pub mod trainer;

use bevy::prelude::*;
use qcity_core::error::Error;
use qcity_core::lang::Lang;
use std::path::PathBuf;

/// What `qcity map` was asked to do.
#[derive(Debug, Clone)]
pub struct MapOptions {
    pub scenario: PathBuf,
    pub lang: Lang,
    /// Save a screenshot here after `months` months, then exit.
    pub screenshot: Option<PathBuf>,
    pub months: u32,
    pub width: u32,
    pub height: u32,
    /// Open with this district (code) selected, its detail shown and the levers in its scope.
    pub district: Option<String>,
    /// Trainer mode (`--trainer`) and its recording and pacing.
    pub trainer: Option<trainer::TrainerOptions>,
    /// A second scenario of the same districts to compare with (`--compare`).
    pub compare: Option<PathBuf>,
    /// The presentation scale of panels and labels (`--scale`); `None`: the window's height
    /// over 900, at least 1 (1.2 at 1080 rows), so that text grows with the screen.
    pub scale: Option<f32>,
}

/// Opens the window and runs until it is closed.
pub fn run(opts: MapOptions) -> Result<(), Error> {
    // Check the scenario before any window opens: bad input gets the usual error and exit 2.
    let session = sim::Session::load(&opts.scenario)?;
    if let Some(dir) = opts.trainer.as_ref().and_then(|t| t.record.as_ref()) {
        // A folder already holding a recording is bad input (exit 2), found before any window.
        trainer::check_record_dir(dir).map_err(|m| qcity_core::error::InputError::file(dir, m))?;
    }
    // The scenario compared with is checked before any window too.
    let compare = match &opts.compare {
        None => None,
        Some(path) => Some(sim::load_compared(path, &session)?),
    };
    let start = match &opts.district {
        None => None,
        Some(code) => Some(
            session
                .scenario
                .districts
                .iter()
                .position(|d| d.code == *code)
                .ok_or_else(|| {
                    qcity_core::error::InputError::file(
                        &opts.scenario,
                        format!(
                            "--district {code}: no such district; give a code of assets/districts.csv (500101 is 万州区)"
                        ),
                    )
                })?,
        ),
    };
    let mut app = App::new();
    app.insert_resource(state::Pointed {
        selected: start,
        ..Default::default()
    })
    .insert_resource(state::StartDistrict(start));
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!(
                        "qcity: {}{}",
                        session.scenario.name,
                        if opts.trainer.is_some() {
                            " (trainer)"
                        } else {
                            ""
                        }
                    ),
                    resolution: bevy::window::WindowResolution::new(opts.width, opts.height)
                        .with_scale_factor_override(1.0),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                level: bevy::log::Level::WARN,
                ..default()
            }),
    )
    .add_plugins(bevy_egui::EguiPlugin::default())
    .add_plugins(MeshPickingPlugin)
    .add_plugins(bevy::camera_controller::pan_camera::PanCameraPlugin)
    .insert_resource(ClearColor(Color::srgb(0.93, 0.94, 0.95)))
    .insert_resource(state::UiLang(opts.lang))
    .insert_resource({
        let start = opts.scale.unwrap_or((opts.height as f32 / 900.0).max(1.0));
        state::UiZoom { now: start, start }
    })
    .add_plugins((
        sim::SimPanelPlugin { session, compare },
        map::MapPlugin,
        chrome::ChromePlugin,
        shot::ShotPlugin {
            screenshot: opts.screenshot.clone(),
            months: opts.months,
        },
    ));
    match opts.trainer.clone() {
        Some(t) => app.add_plugins(trainer::TrainerPlugin(t)),
        None => app.add_plugins(planner::PlannerPlugin),
    };
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(Error::Other(format!(
            "the map window closed with an error (code {code})"
        ))),
    }
}
