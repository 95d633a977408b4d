//! The statistics of approximate Bayesian computation, apart from the model: the error
//! model's likelihood, importance weights, tempering, the perturbation kernel and weighted
//! summaries. Everything here is deterministic given its inputs (draws come from a
//! counter-based stream keyed by generation and particle), so a calibration's outputs are the
//! same bytes on any thread count.

use crate::prior::{Prior, phi_cdf, phi_pdf};
use qcity_core::rng::mix64;

/// How one simulated value is compared with one observation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The observed value (or the bound).
    pub value: f64,
    /// −1: the observation is an upper bound, 0: a value, +1: a lower bound.
    pub bound: i8,
    /// Total error sd: √(measurement² + discrepancy²).
    pub sigma: f64,
}

impl Fit {
    /// The standardised residual: (simulated − observed) / σ, zero where a bound holds.
    pub fn residual(&self, sim: f64) -> f64 {
        let r = (sim - self.value) / self.sigma;
        match self.bound {
            1 => r.min(0.0),
            -1 => r.max(0.0),
            _ => r,
        }
    }
}

/// Log likelihood of simulated values under the error model, up to a constant:
/// −½ Σ residual². NaN (a failed run or a missing value) gives −∞.
pub fn log_likelihood(fits: &[Fit], sims: &[f64]) -> f64 {
    let mut s = 0.0;
    for (f, &x) in fits.iter().zip(sims) {
        if !x.is_finite() {
            return f64::NEG_INFINITY;
        }
        s += f.residual(x).powi(2);
    }
    -0.5 * s
}

/// Normalised importance weights from log weights (−∞ gives 0). All −∞ gives all zero.
pub fn normalise(logw: &[f64]) -> Vec<f64> {
    let m = logw.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return vec![0.0; logw.len()];
    }
    let w: Vec<f64> = logw.iter().map(|l| (l - m).exp()).collect();
    let s: f64 = w.iter().sum();
    w.into_iter().map(|x| x / s).collect()
}

/// Kish's effective sample size of normalised weights.
pub fn ess(w: &[f64]) -> f64 {
    let s2: f64 = w.iter().map(|x| x * x).sum();
    if s2 > 0.0 { 1.0 / s2 } else { 0.0 }
}

/// One particle: its position in z space and what it scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Particle {
    pub z: Vec<f64>,
    /// The prior's log density at `z`.
    pub log_prior: f64,
    /// The proposal's log density at `z` (the prior's in the first generation).
    pub log_proposal: f64,
    /// The error model's log likelihood of the particle's simulated values.
    pub log_lik: f64,
}

/// Weights of particles for the target prior × likelihood^(1/temperature).
pub fn weights(particles: &[Particle], temperature: f64) -> Vec<f64> {
    let logw: Vec<f64> = particles
        .iter()
        .map(|p| {
            if p.log_lik == f64::NEG_INFINITY || p.log_prior == f64::NEG_INFINITY {
                f64::NEG_INFINITY
            } else {
                p.log_prior + p.log_lik / temperature - p.log_proposal
            }
        })
        .collect();
    normalise(&logw)
}

/// The smallest temperature in [1, `ceiling`] at which the weights keep an effective sample
/// size of at least `fraction` of the particles (bisection in log temperature). 1 when the
/// untempered weights already do.
pub fn next_temperature(particles: &[Particle], ceiling: f64, fraction: f64) -> f64 {
    let want = fraction * particles.len() as f64;
    if ess(&weights(particles, 1.0)) >= want {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0f64, ceiling.max(1.0).ln());
    if ess(&weights(particles, hi.exp())) < want {
        return hi.exp();
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if ess(&weights(particles, mid.exp())) >= want {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi.exp()
}

/// The next generation's temperature: 1 as soon as the untempered weights keep an effective
/// sample size of `0.4 × fraction` of the particles (a model's own noise makes the
/// likelihood estimates noisy, which caps the effective sample size at temperature 1 however
/// good the proposal: waiting for the full `fraction` there could temper forever), else
/// [`next_temperature`].
pub fn choose_temperature(particles: &[Particle], ceiling: f64, fraction: f64) -> f64 {
    if ess(&weights(particles, 1.0)) >= 0.4 * fraction * particles.len() as f64 {
        1.0
    } else {
        next_temperature(particles, ceiling, fraction)
    }
}

/// A uniform draw in [0, 1) for (stream, particle, which): counter-based, so any particle's
/// draws can be recomputed alone.
pub fn uniform(stream: u64, particle: u64, which: u64) -> f64 {
    let a = mix64(stream ^ particle.wrapping_mul(0xE703_7ED1_A0B4_28DB));
    let b = mix64(a ^ which.wrapping_mul(0x9FB2_1C65_1E98_DF25));
    ((b >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal draw for (stream, particle, which) by Box–Muller.
fn normal(stream: u64, particle: u64, which: u64) -> f64 {
    let u1 = uniform(stream, particle, 2 * which);
    let u2 = uniform(stream, particle, 2 * which + 1);
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// The first generation: `n` draws from the priors.
pub fn from_prior(priors: &[Prior], n: usize, stream: u64) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| {
            priors
                .iter()
                .enumerate()
                .map(|(k, p)| p.quantile_z(uniform(stream, i as u64, k as u64)))
                .collect()
        })
        .collect()
}

/// The perturbation kernel of a generation: Gaussian per dimension, sd² = twice the weighted
/// variance of the previous particles (Beaumont et al. 2009), truncated to the prior's support.
pub struct Kernel {
    pub centres: Vec<Vec<f64>>,
    pub weights: Vec<f64>,
    pub sd: Vec<f64>,
    bounds: Vec<(f64, f64)>,
}

impl Kernel {
    pub fn new(priors: &[Prior], particles: &[Particle], weights: &[f64]) -> Kernel {
        let k = priors.len();
        let sd = (0..k)
            .map(|d| {
                let (m, v) = weighted_moments(particles.iter().map(|p| p.z[d]), weights);
                let _ = m;
                // A degenerate population keeps a little width, a thousandth of the prior's.
                (2.0 * v)
                    .sqrt()
                    .max(priors[d].moments_z().1 * 1e-3)
                    .max(1e-12)
            })
            .collect();
        Kernel {
            centres: particles.iter().map(|p| p.z.clone()).collect(),
            weights: weights.to_vec(),
            sd,
            bounds: priors.iter().map(Prior::z_bounds).collect(),
        }
    }

    /// Proposal `i`: an ancestor drawn by weight, moved by the kernel until inside the support.
    pub fn propose(&self, stream: u64, i: u64) -> Vec<f64> {
        let u = uniform(stream, i, 0);
        let mut acc = 0.0;
        let mut a = self.weights.len() - 1;
        for (j, w) in self.weights.iter().enumerate() {
            acc += w;
            if u < acc {
                a = j;
                break;
            }
        }
        let centre = &self.centres[a];
        centre
            .iter()
            .enumerate()
            .map(|(d, &c)| {
                let (lo, hi) = self.bounds[d];
                for t in 0..1000u64 {
                    let z = c + self.sd[d] * normal(stream, i, 1 + d as u64 * 1000 + t);
                    if z >= lo && z <= hi {
                        return z;
                    }
                }
                c
            })
            .collect()
    }

    /// The proposal's log density at `z`: the weighted mixture of truncated Gaussians.
    pub fn log_density(&self, z: &[f64]) -> f64 {
        let mut total = 0.0;
        for (c, &w) in self.centres.iter().zip(&self.weights) {
            if w == 0.0 {
                continue;
            }
            let mut dens = w;
            for d in 0..z.len() {
                let (lo, hi) = self.bounds[d];
                let s = self.sd[d];
                let mass = phi_cdf((hi - c[d]) / s) - phi_cdf((lo - c[d]) / s);
                dens *= phi_pdf((z[d] - c[d]) / s) / s / mass.max(1e-300);
            }
            total += dens;
        }
        total.max(1e-300).ln()
    }
}

/// Weighted mean and variance.
pub fn weighted_moments(xs: impl Iterator<Item = f64> + Clone, w: &[f64]) -> (f64, f64) {
    let sw: f64 = w.iter().sum();
    if sw <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let m = xs.clone().zip(w).map(|(x, w)| x * w).sum::<f64>() / sw;
    let v = xs.zip(w).map(|(x, w)| w * (x - m).powi(2)).sum::<f64>() / sw;
    (m, v)
}

/// The weighted quantile `q` (the smallest value whose cumulative weight reaches q; ties and
/// zero weights handled), NaN without weight.
pub fn weighted_quantile(xs: &[f64], w: &[f64], q: f64) -> f64 {
    let mut idx: Vec<usize> = (0..xs.len())
        .filter(|&i| w[i] > 0.0 && xs[i].is_finite())
        .collect();
    if idx.is_empty() {
        return f64::NAN;
    }
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    let total: f64 = idx.iter().map(|&i| w[i]).sum();
    let mut acc = 0.0;
    for &i in &idx {
        acc += w[i] / total;
        if acc >= q - 1e-12 {
            return xs[i];
        }
    }
    xs[*idx.last().expect("not empty")]
}

/// How well the observations pin a parameter down, from the ratio of its posterior to its
/// prior standard deviation (in z space).
pub fn identification(sd_ratio: f64) -> &'static str {
    if !sd_ratio.is_finite() {
        "no posterior"
    } else if sd_ratio >= 0.8 {
        "unidentified"
    } else if sd_ratio >= 0.5 {
        "weakly identified"
    } else {
        "identified"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A normal mean with a uniform prior and one noisy observation: the ABC posterior under
    /// the Gaussian kernel is the analytic one (a normal around the observation, truncated).
    fn conjugate_particles(
        priors: &[Prior],
        z: &[Vec<f64>],
        kernel: Option<&Kernel>,
        obs: f64,
        sigma: f64,
        noise_stream: u64,
        sim_sd: f64,
    ) -> Vec<Particle> {
        let fit = [Fit {
            value: obs,
            bound: 0,
            sigma,
        }];
        z.iter()
            .enumerate()
            .map(|(i, z)| {
                // The "model": θ plus its own noise.
                let sim = z[0] + sim_sd * normal(noise_stream, i as u64, 0);
                Particle {
                    z: z.clone(),
                    log_prior: priors[0].log_density_z(z[0]),
                    log_proposal: match kernel {
                        Some(k) => k.log_density(z),
                        None => priors[0].log_density_z(z[0]),
                    },
                    log_lik: log_likelihood(&fit, &[sim]),
                }
            })
            .collect()
    }

    #[test]
    fn rejection_recovers_the_analytic_posterior_of_a_normal_mean() {
        // θ ~ U(−10, 10), y = θ + model noise (sd 0.6) + error (sd 0.8): posterior N(y, 1).
        let priors = [Prior::Uniform(-10.0, 10.0)];
        let z = from_prior(&priors, 40_000, 11);
        let p = conjugate_particles(&priors, &z, None, 1.5, 0.8, 12, 0.6);
        let w = weights(&p, 1.0);
        let xs: Vec<f64> = p.iter().map(|p| p.z[0]).collect();
        let (m, v) = weighted_moments(xs.iter().cloned(), &w);
        assert!((m - 1.5).abs() < 0.05, "mean {m}");
        assert!((v.sqrt() - 1.0).abs() < 0.05, "sd {}", v.sqrt());
        let q05 = weighted_quantile(&xs, &w, 0.05);
        assert!((q05 - (1.5 - 1.645)).abs() < 0.1, "q05 {q05}");
    }

    #[test]
    fn smc_reaches_temperature_one_and_the_same_posterior() {
        let priors = [Prior::Uniform(-10.0, 10.0)];
        let (obs, sigma, sim_sd) = (-2.0, 0.3, 0.4); // posterior N(−2, 0.5)
        let n = 2000;
        let mut z = from_prior(&priors, n, 21);
        let mut kernel: Option<Kernel> = None;
        let mut temperature = f64::INFINITY;
        let mut gens = 0;
        loop {
            gens += 1;
            let p =
                conjugate_particles(&priors, &z, kernel.as_ref(), obs, sigma, 100 + gens, sim_sd);
            temperature = choose_temperature(&p, temperature.min(1e9), 0.5);
            let w = weights(&p, temperature);
            if temperature == 1.0 {
                let xs: Vec<f64> = p.iter().map(|p| p.z[0]).collect();
                let (m, v) = weighted_moments(xs.iter().cloned(), &w);
                assert!((m + 2.0).abs() < 0.06, "mean {m}");
                assert!((v.sqrt() - 0.5).abs() < 0.06, "sd {}", v.sqrt());
                assert!(ess(&w) > 0.2 * n as f64);
                break;
            }
            assert!(gens < 12, "tempering did not reach 1");
            let k = Kernel::new(&priors, &p, &w);
            z = (0..n as u64).map(|i| k.propose(1000 + gens, i)).collect();
            kernel = Some(k);
        }
        assert!(
            gens >= 2,
            "a narrow posterior needs more than the prior draw"
        );
    }

    #[test]
    fn ninety_percent_intervals_cover_ninety_percent_of_truths_drawn_from_the_prior() {
        // Simulation-based calibration (Talts et al. 2018) of the rejection step alone.
        let priors = [Prior::Uniform(0.0, 10.0)];
        let z = from_prior(&priors, 4000, 31);
        let mut covered = 0;
        let trials = 300;
        for t in 0..trials {
            let truth = priors[0].quantile_z(uniform(77, t, 0));
            let obs = truth + 0.5 * normal(78, t, 0) + 0.7 * normal(79, t, 0);
            let p = conjugate_particles(&priors, &z, None, obs, 0.7, 80 + t, 0.5);
            let w = weights(&p, 1.0);
            let xs: Vec<f64> = p.iter().map(|p| p.z[0]).collect();
            let (lo, hi) = (
                weighted_quantile(&xs, &w, 0.05),
                weighted_quantile(&xs, &w, 0.95),
            );
            covered += (lo <= truth && truth <= hi) as u32;
        }
        let c = covered as f64 / trials as f64;
        // Binomial sd at 300 trials is 1.7 points.
        assert!((0.85..=0.95).contains(&c), "coverage {c}");
    }

    #[test]
    fn bounds_count_only_when_broken() {
        let f = Fit {
            value: 98.0,
            bound: 1,
            sigma: 0.5,
        };
        assert_eq!(f.residual(99.0), 0.0);
        assert_eq!(f.residual(97.0), -2.0);
        assert_eq!(identification(0.9), "unidentified");
        assert_eq!(identification(0.2), "identified");
    }
}
