//! A calibration's result: its generations, the last being the posterior.

use crate::abc::Particle;
use std::path::PathBuf;

/// One generation's particles, what they simulated (one value per fitted term) and weights.
#[derive(Debug, Clone)]
pub struct Generation {
    pub index: usize,
    pub particles: Vec<Particle>,
    pub sims: Vec<Vec<f64>>,
    pub temperature: f64,
    pub weights: Vec<f64>,
    pub ess: f64,
    pub failed: u64,
}

/// A finished calibration: every generation, the last being the posterior.
pub struct Posterior {
    pub generations: Vec<Generation>,
    /// The last generation reached temperature 1 (the posterior proper); otherwise it is the
    /// tempered, wider approximation where `max_generations` stopped.
    pub converged: bool,
    pub seconds: f64,
    pub runs: u64,
    pub resumed: u64,
    /// The output files written beside the generations.
    pub written: Vec<PathBuf>,
}

impl Posterior {
    pub fn last(&self) -> &Generation {
        self.generations.last().expect("at least one generation")
    }
}
