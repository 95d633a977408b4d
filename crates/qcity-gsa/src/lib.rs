//! Global sensitivity analysis for qcity's sweeps, independent of the model: sampling designs
//! (full factorial, lists, Latin hypercubes, Sobol/Saltelli, Morris) and the Sobol and Morris
//! indices with bootstrap intervals.

pub mod design;
pub mod sensitivity;
