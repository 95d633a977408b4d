//! Prior distributions of calibrated parameters.
//!
//! Each prior lives on a bounded interval. The statistics work in "z space": the parameter
//! itself for `Uniform` and `Normal`, its logarithm for `LogUniform`, so that a perturbation
//! kernel is symmetric where the prior is flat.

use serde::{Deserialize, Serialize};

/// A parameter's prior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Prior {
    /// Uniform on (low, high).
    Uniform(f64, f64),
    /// Uniform in the logarithm on (low, high), both positive: for scale-free quantities.
    LogUniform(f64, f64),
    /// A normal of `mean` and `sd`, truncated to (low, high).
    Normal {
        mean: f64,
        sd: f64,
        low: f64,
        high: f64,
    },
}

/// The standard normal distribution function.
pub fn phi_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The standard normal density.
pub fn phi_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

impl Prior {
    /// The support in the parameter's own units.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Prior::Uniform(lo, hi) | Prior::LogUniform(lo, hi) => (lo, hi),
            Prior::Normal { low, high, .. } => (low, high),
        }
    }

    /// A problem with the prior, in words, or `None`.
    pub fn problem(&self) -> Option<String> {
        let (lo, hi) = self.bounds();
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Some(format!(
                "the bounds ({lo}, {hi}) must be finite, low below high"
            ));
        }
        match *self {
            Prior::LogUniform(lo, _) if lo <= 0.0 => {
                Some(format!("LogUniform needs positive bounds; low is {lo}"))
            }
            Prior::Normal { mean, sd, .. } if !(sd > 0.0 && sd.is_finite() && mean.is_finite()) => {
                Some(format!(
                    "Normal needs a finite mean and sd > 0 (sd is {sd})"
                ))
            }
            _ => None,
        }
    }

    pub fn to_z(&self, x: f64) -> f64 {
        match self {
            Prior::LogUniform(..) => x.ln(),
            _ => x,
        }
    }

    pub fn from_z(&self, z: f64) -> f64 {
        match self {
            Prior::LogUniform(..) => z.exp(),
            _ => z,
        }
    }

    /// The support in z space.
    pub fn z_bounds(&self) -> (f64, f64) {
        let (lo, hi) = self.bounds();
        (self.to_z(lo), self.to_z(hi))
    }

    /// Log density in z space (−∞ outside the support).
    pub fn log_density_z(&self, z: f64) -> f64 {
        let (lo, hi) = self.z_bounds();
        if !(z >= lo && z <= hi) {
            return f64::NEG_INFINITY;
        }
        match *self {
            Prior::Uniform(..) | Prior::LogUniform(..) => -(hi - lo).ln(),
            Prior::Normal { mean, sd, .. } => {
                let mass = phi_cdf((hi - mean) / sd) - phi_cdf((lo - mean) / sd);
                phi_pdf((z - mean) / sd).ln() - sd.ln() - mass.max(1e-300).ln()
            }
        }
    }

    /// The z value at quantile `u` of the prior (inverse distribution function).
    pub fn quantile_z(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let (lo, hi) = self.z_bounds();
        match *self {
            Prior::Uniform(..) | Prior::LogUniform(..) => lo + u * (hi - lo),
            Prior::Normal { mean, sd, .. } => {
                let (a, b) = (phi_cdf((lo - mean) / sd), phi_cdf((hi - mean) / sd));
                let target = a + u * (b - a);
                // Bisection: the distribution function is monotone on the support.
                let (mut l, mut h) = (lo, hi);
                for _ in 0..100 {
                    let m = 0.5 * (l + h);
                    if phi_cdf((m - mean) / sd) < target {
                        l = m;
                    } else {
                        h = m;
                    }
                }
                0.5 * (l + h)
            }
        }
    }

    /// The prior's mean and standard deviation in z space.
    pub fn moments_z(&self) -> (f64, f64) {
        let (lo, hi) = self.z_bounds();
        match *self {
            Prior::Uniform(..) | Prior::LogUniform(..) => {
                (0.5 * (lo + hi), (hi - lo) / 12f64.sqrt())
            }
            Prior::Normal { .. } => {
                // Midpoint rule over the quantiles: exact enough for a summary.
                let n = 4000;
                let zs: Vec<f64> = (0..n)
                    .map(|i| self.quantile_z((i as f64 + 0.5) / n as f64))
                    .collect();
                let m = zs.iter().sum::<f64>() / n as f64;
                let v = zs.iter().map(|z| (z - m).powi(2)).sum::<f64>() / n as f64;
                (m, v.sqrt())
            }
        }
    }

    /// The prior's quantile `u` in the parameter's own units.
    pub fn quantile(&self, u: f64) -> f64 {
        self.from_z(self.quantile_z(u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_and_densities_agree_with_the_textbook() {
        let u = Prior::Uniform(2.0, 6.0);
        assert_eq!(u.quantile(0.25), 3.0);
        assert!((u.log_density_z(3.0) - (0.25f64).ln()).abs() < 1e-12);
        assert_eq!(u.log_density_z(7.0), f64::NEG_INFINITY);
        let l = Prior::LogUniform(1.0, 100.0);
        assert!((l.quantile(0.5) - 10.0).abs() < 1e-9);
        // A wide truncation leaves a normal: median at the mean, quartiles at ±0.6745 sd.
        let n = Prior::Normal {
            mean: 1.0,
            sd: 2.0,
            low: -30.0,
            high: 30.0,
        };
        assert!((n.quantile(0.5) - 1.0).abs() < 1e-6);
        assert!((n.quantile(0.75) - (1.0 + 0.674_489_75 * 2.0)).abs() < 1e-5);
        let (m, s) = n.moments_z();
        assert!((m - 1.0).abs() < 1e-3 && (s - 2.0).abs() < 1e-2, "{m} {s}");
        assert!((phi_cdf(1.959_963_985) - 0.975).abs() < 1e-9);
    }
}
