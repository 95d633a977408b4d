//! Trainer mode's state: what is shown, the bar race's animation, the what-if window, the
//! recording, and the pacing of the lesson.

use super::recording::Recording;
use super::rules::RulesWindow;
use bevy::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// How long a league takes to move into its new order (seconds).
pub const ANIMATION: f64 = 0.9;

/// What `--trainer` was asked for beyond the view.
#[derive(Debug, Clone, Default)]
pub struct TrainerOptions {
    /// Record every stop's race view here from the start (G toggles it in the window).
    pub record: Option<PathBuf>,
    /// Advance by itself this many seconds after each stop is drawn (a kiosk, or scripted
    /// recording); with `record`, the window closes after the last assessment is saved.
    pub auto: Option<f32>,
}

/// The bar race's animation: the league drawn and where each bar moves from.
#[derive(Default)]
pub struct Animation {
    /// The assessment drawn (a standing's tick) and when its animation began.
    pub shown: Option<u32>,
    pub start: f64,
    /// Where each district's bar was (row slot, score) when the new league arrived.
    pub from: HashMap<usize, (f32, f64)>,
    /// Slots and scores of the league drawn now (the next animation starts from them).
    pub now: HashMap<usize, (f32, f64)>,
}

impl Animation {
    /// Starts moving to the league of assessment `latest` when it is a new one.
    pub fn follow(&mut self, latest: Option<u32>, time: f64) {
        if latest != self.shown {
            self.from = self.now.clone();
            self.shown = latest;
            self.start = time;
        }
    }

    /// Shows the league of assessment `latest` in place, with no move: after a jump back, the
    /// room sees the stop at once, not the leagues in between.
    pub fn jump(&mut self, latest: Option<u32>) {
        self.from.clear();
        self.shown = latest;
        self.start = f64::NEG_INFINITY;
    }

    /// How far the move has gone (0 to 1, eased).
    pub fn progress(&self, time: f64) -> f64 {
        let x = ((time - self.start) / ANIMATION).clamp(0.0, 1.0);
        x * x * (3.0 - 2.0 * x)
    }

    /// Whether the move is over.
    pub fn done(&self, time: f64) -> bool {
        time - self.start >= ANIMATION
    }
}

/// The trainer's state.
#[derive(Resource, Default)]
pub struct Trainer {
    pub show_true: bool,
    /// The city-wide trend panel is hidden (E).
    pub hide_trend: bool,
    /// The date of the lesson's note whose view was last applied (a note switches the view
    /// once, when it comes; T still toggles after).
    pub note_applied: Option<qcity_core::time::YearMonth>,
    pub rules: RulesWindow,
    pub rec: Recording,
    pub auto: Option<f32>,
    pub anim: Animation,
    /// Frames drawn since the animation finished (a screenshot waits for a settled frame),
    /// and the stop (clock tick) they were counted at.
    pub settled: u32,
    pub rest_tick: Option<u32>,
    /// Seconds spent at this stop (for `--auto`).
    pub waited: f32,
    pub exit_when_saved: bool,
    /// When Home was pressed with changes to forget (a second press confirms).
    pub home_asked: Option<f64>,
}

impl Trainer {
    pub fn new(opts: &TrainerOptions) -> Self {
        Self {
            rec: Recording::new(opts.record.clone()),
            auto: opts.auto,
            ..Default::default()
        }
    }
}
