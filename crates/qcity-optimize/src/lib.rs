//! `qcity optimize`: the cheapest lever mix that meets the targets. A problem file names the
//! decision variables (levers, city-wide or per district, with bounds), the objectives (public
//! cost, targets met, the lowest probability among chosen targets, any indicator) and the
//! constraints (P(met) ≥ x for named targets, a cost ceiling). NSGA-II
//! ([`qcity_gsa::nsga2`]) or Bayesian optimisation ([`ego`], egobox-ego) searches the front;
//! each generation or batch is a sweep, so a search is parallel, streamed, resumable after a
//! kill and sliceable across machines.
//!
//! Modules: [`problem`] (the file and its checks), [`run`] (generations, scoring, the front),
//! [`ego`] (the surrogate's batches), [`outputs`].

pub mod ego;
pub mod outputs;
pub mod problem;
pub mod run;

pub use problem::Problem;
