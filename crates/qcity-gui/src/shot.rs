//! Screenshots: F12 (or the panel's button) saves the window as a PNG; `qcity map SCENARIO
//! --screenshot FILE --months N` runs N months, saves the window and exits (for docs and
//! tests).

use crate::state::{Playback, SessionRes, ShotRequest, SimWorld, clock};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use std::path::PathBuf;

/// The scripted screenshot: where, after how many months, and frames waited since.
#[derive(Resource)]
struct Scripted {
    path: PathBuf,
    months: u32,
    settled_frames: u32,
    taken: bool,
}

pub struct ShotPlugin {
    pub screenshot: Option<PathBuf>,
    pub months: u32,
}

impl Plugin for ShotPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<ShotRequest>()
            .add_systems(Update, (key, take));
        if let Some(path) = &self.screenshot {
            app.insert_resource(Scripted {
                path: path.clone(),
                months: self.months,
                settled_frames: 0,
                taken: false,
            })
            .add_systems(Startup, start_script)
            .add_systems(Update, scripted);
        }
    }
}

fn key(keys: Res<ButtonInput<KeyCode>>, mut req: ResMut<ShotRequest>) {
    if keys.just_pressed(KeyCode::F12) {
        req.0 = true;
    }
}

/// Saves `qcity-<scenario>-<month>.png` in the working directory.
fn take(
    mut commands: Commands,
    mut req: ResMut<ShotRequest>,
    sim: NonSend<SimWorld>,
    session: Res<SessionRes>,
    mut pb: ResMut<Playback>,
) {
    if !req.0 {
        return;
    }
    req.0 = false;
    // Named after the last month simulated (the one on screen).
    let c = clock(&sim);
    let shown = c.start.plus(c.tick.clamp(1, c.months.max(1)) as i64 - 1);
    let safe: String = session
        .0
        .scenario
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = format!("qcity-{safe}-{shown}.png");
    pb.status = format!("screenshot {name}");
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(PathBuf::from(name)));
}

fn start_script(mut pb: ResMut<Playback>, script: Res<Scripted>, sim: NonSend<SimWorld>) {
    let c = clock(&sim);
    pb.run_to = Some(script.months.min(c.months));
    pb.budget = std::time::Duration::from_millis(250);
}

/// Once the months are run and the frame has settled (shaders compiled, panels laid out),
/// saves the window and exits.
fn scripted(
    mut commands: Commands,
    mut script: ResMut<Scripted>,
    pb: Res<Playback>,
    sim: NonSend<SimWorld>,
) {
    if script.taken {
        return;
    }
    let c = clock(&sim);
    if pb.run_to.is_some() && c.tick < script.months.min(c.months) {
        return;
    }
    script.settled_frames += 1;
    if script.settled_frames < 30 {
        return;
    }
    script.taken = true;
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(script.path.clone()))
        .observe(
            |_ev: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                exit.write(AppExit::Success);
            },
        );
}
