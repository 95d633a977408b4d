//! Calibration of qcity's assumed parameters against published observations, by approximate
//! Bayesian computation (ABC), run through the sweep engine.
//!
//! A calibration file (`scenarios/calibration/*.ron`) names a base scenario, the assumed
//! parameters to calibrate with their priors, the observations to fit with their measurement
//! error and the model's discrepancy, and the method:
//!
//! - `Rejection`: prior draws weighted by the error model's likelihood (ABC with a Gaussian
//!   kernel, Wilkinson 2013: exact for "model output + Gaussian error").
//! - `Smc`: sequential Monte Carlo with adaptive tempering (Del Moral, Doucet & Jasra 2012), a
//!   Gaussian perturbation kernel of twice the particles' weighted variance (Beaumont et al.
//!   2009), importance weights against the mixture proposal, until the temperature reaches 1.
//!
//! Each generation is a sweep ([`qcity_sweep::exec`]): parallel, streamed, resumable after a
//! kill. The modules: [`file`] (the calibration file and its checks), [`prior`], [`abc`] (the
//! statistics, model-free, tested against analytic posteriors), [`run`] (generations), [`posterior`]
//! and [`outputs`].

pub mod abc;
pub mod file;
pub mod outputs;
pub mod posterior;
pub mod prior;
pub mod run;
pub mod uncertainty;
pub mod validate;

pub use file::{Calibration, CalibrationFile};
