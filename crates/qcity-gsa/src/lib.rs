//! Global sensitivity analysis for qcity's sweeps, independent of the model: sampling designs
//! (full factorial, lists, Latin hypercubes, Sobol/Saltelli, Morris) and the Sobol and Morris
//! indices with bootstrap intervals, and NSGA-II for optimising lever mixes.

pub mod design;
pub mod nsga2;
pub mod sensitivity;
