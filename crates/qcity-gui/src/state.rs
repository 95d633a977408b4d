//! The window's shared state, in one home: resources and components that more than one of
//! the window's plugins read. Each plugin owns its systems; none imports another's.

use bevy::prelude::*;
use qcity_core::model::Clock;
use qcity_core::scenario::LeverName;
use qcity_core::session::Session;
use qcity_core::sim::Sim;
use std::time::Duration;

/// The model world (not `Send`: Bevy's `App` stays on the main thread).
pub struct SimWorld(pub Sim);

/// A second scenario of the same districts run beside the first, month for month
/// (`qcity map A --compare B`, or opened from the panel): the map shows A, B or B − A at the
/// same month. Changes made on the map apply to A.
pub struct Compared {
    pub session: Session,
    pub sim: SimWorld,
}

/// The scenario compared with, if any (not `Send`, like [`SimWorld`]).
#[derive(Default)]
pub struct CompareWorld(pub Option<Compared>);

/// What the map shows while two scenarios are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Showing {
    /// The scenario the window opened (the one changes apply to).
    #[default]
    A,
    /// The scenario compared with.
    B,
    /// B − A, on the indicator's fixed difference scale.
    Difference,
}

/// The session as a resource.
#[derive(Resource)]
pub struct SessionRes(pub Session);

/// Playback state.
#[derive(Resource, Debug, Clone)]
pub struct Playback {
    pub playing: bool,
    /// Months per second while playing; `f32::INFINITY` runs as fast as the frame budget allows.
    pub speed: f32,
    /// Run without pausing until this month is done (jump to 2027, 2035, step).
    pub run_to: Option<u32>,
    /// Months owed by the clock at the current speed.
    pub owed: f32,
    /// The time the model may take per frame, so that input stays responsive.
    pub budget: Duration,
    /// Set when the model or the scenario changed (the map recolours, charts redraw).
    pub generation: u64,
    /// A message for the status line (saved, restarted, errors).
    pub status: String,
    /// Trainer mode: playing stops after each assessment of the horse race.
    pub stop_at_assessments: bool,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            playing: false,
            speed: 6.0,
            run_to: None,
            owed: 0.0,
            budget: Duration::from_millis(30),
            generation: 0,
            status: String::new(),
            stop_at_assessments: false,
        }
    }
}

/// The model's clock.
pub fn clock(sim: &SimWorld) -> Clock {
    sim.0.clock().clone()
}

/// The recorded indicators: `values[month][area][indicator]`, area 0 the city.
pub fn recorded(sim: &SimWorld) -> &[Vec<Vec<f64>>] {
    sim.0.recorded()
}

/// The month the map shows: the one chosen on the time slider, or the last simulated; `None`
/// before the first month.
pub fn shown_month(sim: &SimWorld, view: &MapView) -> Option<usize> {
    let n = recorded(sim).len();
    let last = n.checked_sub(1)?;
    Some(view.month.map_or(last, |m| m.min(last)))
}

/// A district's mesh entity.
#[derive(Component)]
pub struct DistrictShape {
    pub index: usize,
    /// Its rings in map coordinates, for outlines.
    pub rings: Vec<Vec<Vec2>>,
    /// The rings' bounding box in map coordinates (for fitting the map and placing names).
    pub bounds: Rect,
}

#[derive(Component)]
pub struct MapCamera;

/// The district under the pointer, and the one clicked.
/// The district `--district` opened the window with, if any.
#[derive(Resource, Debug, Clone, Copy)]
pub struct StartDistrict(pub Option<usize>);

#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct Pointed {
    pub hovered: Option<usize>,
    pub selected: Option<usize>,
    /// How far (screen pixels) the pointer has moved since the button went down: a press that
    /// became a pan is not a click.
    pub dragged: f32,
}

/// Which indicator colours the map.
#[derive(Resource, Debug, Clone)]
pub struct MapView {
    /// Index into `INDICATORS`.
    pub indicator: usize,
    /// Colour by the true value rather than the measured one, where the indicator has both.
    pub true_values: bool,
    /// Colour by the horse race's band at the latest assessment (trainer mode).
    pub by_band: bool,
    /// The month shown (an index into the recorded months), or `None` to follow the last
    /// month simulated. Months already simulated are kept, so going back needs no rerun.
    pub month: Option<usize>,
    /// While comparing: A, B or B − A.
    pub showing: Showing,
    /// The generation last drawn.
    pub drawn: u64,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            indicator: qcity_core::vocab::index_of("mqci").unwrap_or(0),
            true_values: false,
            by_band: false,
            month: None,
            showing: Showing::A,
            drawn: u64::MAX,
        }
    }
}

impl MapView {
    /// The indicator actually drawn (the `_true` twin when asked and it exists).
    pub fn shown(&self) -> usize {
        use qcity_core::vocab::{INDICATORS, index_of};
        if self.true_values {
            let id = format!("{}_true", INDICATORS[self.indicator].id);
            index_of(&id).unwrap_or(self.indicator)
        } else {
            self.indicator
        }
    }

    /// Forces a redraw.
    pub fn dirty(&mut self) {
        self.drawn = u64::MAX;
    }
}

/// The presentation scale of every panel, label and window (egui's zoom): `--scale`, then
/// Ctrl + and Ctrl − (Ctrl 0 goes back to the start value).
#[derive(Resource, Debug, Clone, Copy)]
pub struct UiZoom {
    pub now: f32,
    pub start: f32,
}

impl UiZoom {
    /// The range a person can zoom in.
    pub const RANGE: (f32, f32) = (0.5, 3.0);
}

/// The language of the labels.
#[derive(Resource, Clone, Copy)]
pub struct UiLang(pub qcity_core::lang::Lang);

/// Whether the pointer is over a floating egui window (then map clicks are ignored).
#[derive(Resource, Default)]
pub struct PointerOverEguiWindow(pub bool);

/// Text fields and the lever being dragged.
#[derive(Resource)]
pub struct Forms {
    pub save_path: String,
    pub open_path: String,
    /// The scenario file typed to compare with.
    pub compare_path: String,
    /// The district the levers apply to, or the whole city (None). It stays until the person
    /// changes it: closing the district detail or clicking another district does not.
    pub scope: Option<usize>,
    /// (lever, value) while a slider is held: applied when released.
    pub draft: Option<(LeverName, f64)>,
    pub panel_width: f32,
    /// Lever changes made since the last save (or the start; a change that replaces an earlier
    /// one of the same month counts too): a restart or an open asks before it forgets them.
    pub unsaved: usize,
    /// A restart or open waiting for the person to confirm that unsaved changes may go.
    pub confirm: Option<Discard>,
}

/// What would forget the session's unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discard {
    Restart,
    Open(String),
}

/// Set to take a screenshot this frame.
#[derive(Resource, Default)]
pub struct ShotRequest(pub bool);
