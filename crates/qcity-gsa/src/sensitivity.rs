//! Global sensitivity analysis of sweep outputs: Sobol' indices from a [`saltelli`] design and
//! Morris elementary effects from a [`morris`] design, computed the way SALib's
//! `SALib.analyze.sobol` and `SALib.analyze.morris` compute them, so our numbers and SALib's
//! agree on the same model outputs to rounding. Confidence half-widths differ from SALib's only
//! by bootstrap noise: the resamples come from our own seeded stream.
//!
//! Bootstrap resampling uses `rand_pcg::Pcg64Mcg::seed_from_u64(seed)` and integer draws built
//! from its raw `next_u64` output, so results are reproducible for a given seed. All arithmetic
//! is IEEE-exact (hence the same bytes on every machine) except one logarithm in the normal
//! quantile for confidence levels above 0.9515, whose last bit may differ between platforms'
//! math libraries.
//!
//! [`saltelli`]: crate::design::saltelli
//! [`morris`]: crate::design::morris

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use crate::design::{DesignError, below, check_morris_levels, morris_delta};

/// Sobol' sensitivity indices of one model output, one entry per factor.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolIndices {
    /// First-order (main effect) indices `S1_i`.
    pub s1: Vec<f64>,
    /// Half-widths of the bootstrap confidence intervals of `s1`.
    pub s1_conf: Vec<f64>,
    /// Total-order indices `ST_i`.
    pub st: Vec<f64>,
    /// Half-widths of the bootstrap confidence intervals of `st`.
    pub st_conf: Vec<f64>,
    /// Second-order indices `S2[i][j]` (`k x k`, symmetric, zero diagonal), when the design and
    /// the analysis include second order.
    pub s2: Option<Vec<Vec<f64>>>,
    /// Half-widths of the bootstrap confidence intervals of `s2` (same layout).
    pub s2_conf: Option<Vec<Vec<f64>>>,
}

/// Morris screening measures of one model output, one entry per factor.
#[derive(Debug, Clone, PartialEq)]
pub struct MorrisIndices {
    /// Mean elementary effect `mu` (signed; effects of opposite signs cancel).
    pub mu: Vec<f64>,
    /// Mean absolute elementary effect `mu*` (Campolongo, Cariboni & Saltelli 2007).
    pub mu_star: Vec<f64>,
    /// Standard deviation of the elementary effects (`ddof = 1`): non-linearity or interaction.
    pub sigma: Vec<f64>,
    /// Half-width of the bootstrap confidence interval of `mu_star`.
    pub mu_star_conf: Vec<f64>,
}

/// Sobol' indices from model outputs `y` on a [`saltelli`](crate::design::saltelli) design with
/// `k` factors, in that design's row order (`n * (2k + 2)` values with `second_order`,
/// `n * (k + 2)` without).
///
/// Estimators, as in SALib:
/// - first order, Saltelli et al. (2010), CPC 181, 259–270, table 2 (b):
///   `S1_i = mean(f(B) * (f(AB_i) - f(A))) / V`;
/// - total order, Jansen (1999), "Analysis of variance designs for model output", CPC 117,
///   35–43: `ST_i = mean((f(A) - f(AB_i))^2) / (2 V)`;
/// - second order (when `second_order`), Saltelli (2002), CPC 145, 280–297:
///   `S2_ij = mean(f(BA_i) * f(AB_j) - f(A) * f(B)) / V - S1_i - S1_j`;
///
/// where `V` is the population variance (`ddof = 0`) of the `2n` outputs on A and B together.
/// As SALib does, the outputs are first centred on the mean of all of `y`: the first- and
/// second-order estimators are not invariant to adding a constant to the output, and without
/// centring an output with a large mean (say, a GDP in yuan) gives very noisy indices.
///
/// Confidence: `bootstrap` resamples (with replacement) of the `n` base rows, drawn from
/// `seed`; each half-width is `z * s`, with `s` the sample standard deviation (`ddof = 1`) of the
/// resampled estimates and `z` the standard normal quantile at `(1 + confidence) / 2` (1.96
/// for 0.95), as SALib reports `S1_conf` and `ST_conf`.
///
/// Constant outputs: when the outputs on A and B are all equal the variance is zero and the
/// indices are undefined; then every index and half-width is returned as 0 (SALib does the
/// same, with a warning), rather than NaN. A resample whose A and B outputs are constant
/// likewise counts as all-zero indices.
///
/// Errors when `k` is 0, `y` is empty or its length is not a multiple of the rows per base
/// sample, a value of `y` is NaN or infinite (the message names the row), `bootstrap` is below
/// 2, or `confidence` is not strictly between 0 and 1.
pub fn sobol_analyze(
    y: &[f64],
    k: usize,
    second_order: bool,
    bootstrap: usize,
    confidence: f64,
    seed: u64,
) -> Result<SobolIndices, DesignError> {
    if k == 0 {
        return Err(DesignError::InvalidArgument(
            "Sobol' analysis needs at least one factor".into(),
        ));
    }
    let z = confidence_z(confidence)?;
    check_bootstrap(bootstrap)?;
    let step = if second_order {
        k.checked_mul(2).and_then(|s| s.checked_add(2))
    } else {
        k.checked_add(2)
    }
    .ok_or_else(|| DesignError::InvalidArgument(format!("{k} factors are too many")))?;
    if y.is_empty() || !y.len().is_multiple_of(step) {
        return Err(DesignError::InvalidData(format!(
            "{} model outputs do not fit a Saltelli design with {k} factors{}: expected a \
             positive multiple of {step} (n * {})",
            y.len(),
            if second_order {
                " and second order"
            } else {
                " without second order"
            },
            if second_order { "(2k + 2)" } else { "(k + 2)" }
        )));
    }
    check_finite(y, "model output")?;
    let n = y.len() / step;
    let centre = y.iter().sum::<f64>() / y.len() as f64;
    let column =
        |offset: usize| -> Vec<f64> { (0..n).map(|j| y[j * step + offset] - centre).collect() };
    let outputs = SaltelliOutputs {
        a: column(0),
        b: column(step - 1),
        ab: (0..k).map(|i| column(1 + i)).collect(),
        ba: second_order.then(|| (0..k).map(|i| column(1 + k + i)).collect()),
    };

    let all: Vec<usize> = (0..n).collect();
    let point = outputs.estimate(&all);
    let mut spread = SobolSpread::new(k, second_order);
    if point.constant {
        return Ok(spread.finish(point, 0.0));
    }
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut sample = vec![0usize; n];
    for _ in 0..bootstrap {
        for j in &mut sample {
            *j = below(&mut rng, n);
        }
        spread.push(&outputs.estimate(&sample));
    }
    Ok(spread.finish(point, z))
}

/// The four output blocks of a Saltelli design, each indexed by base row.
struct SaltelliOutputs {
    a: Vec<f64>,
    b: Vec<f64>,
    /// `ab[i][j]`: output on A_j with column `i` from B_j.
    ab: Vec<Vec<f64>>,
    /// `ba[i][j]`: output on B_j with column `i` from A_j (second order only).
    ba: Option<Vec<Vec<f64>>>,
}

/// Sobol' index estimates on one (re)sample of base rows.
struct SobolEstimate {
    s1: Vec<f64>,
    st: Vec<f64>,
    s2: Option<Vec<Vec<f64>>>,
    /// The A and B outputs were all equal: every index is 0.
    constant: bool,
}

impl SaltelliOutputs {
    /// The estimators of [`sobol_analyze`] over base rows `rows` (repeats allowed).
    fn estimate(&self, rows: &[usize]) -> SobolEstimate {
        let k = self.ab.len();
        let m = rows.len() as f64;
        let first = self.a[rows[0]];
        let constant = rows
            .iter()
            .all(|&j| self.a[j] == first && self.b[j] == first);
        if constant {
            return SobolEstimate {
                s1: vec![0.0; k],
                st: vec![0.0; k],
                s2: self.ba.as_ref().map(|_| vec![vec![0.0; k]; k]),
                constant,
            };
        }
        let mean = rows.iter().map(|&j| self.a[j] + self.b[j]).sum::<f64>() / (2.0 * m);
        let variance = rows
            .iter()
            .map(|&j| {
                let (da, db) = (self.a[j] - mean, self.b[j] - mean);
                da * da + db * db
            })
            .sum::<f64>()
            / (2.0 * m);
        let s1: Vec<f64> = self
            .ab
            .iter()
            .map(|ab| {
                rows.iter()
                    .map(|&j| self.b[j] * (ab[j] - self.a[j]))
                    .sum::<f64>()
                    / m
                    / variance
            })
            .collect();
        let st = self
            .ab
            .iter()
            .map(|ab| {
                let d2 = rows
                    .iter()
                    .map(|&j| (self.a[j] - ab[j]) * (self.a[j] - ab[j]))
                    .sum::<f64>();
                0.5 * d2 / m / variance
            })
            .collect();
        let s2 = self.ba.as_ref().map(|ba| {
            let mut s2 = vec![vec![0.0; k]; k];
            for i in 0..k {
                for l in i + 1..k {
                    let v = rows
                        .iter()
                        .map(|&j| ba[i][j] * self.ab[l][j] - self.a[j] * self.b[j])
                        .sum::<f64>()
                        / m
                        / variance;
                    s2[i][l] = v - s1[i] - s1[l];
                    s2[l][i] = s2[i][l];
                }
            }
            s2
        });
        SobolEstimate {
            s1,
            st,
            s2,
            constant,
        }
    }
}

/// Running spread of bootstrap estimates of every Sobol' index.
struct SobolSpread {
    s1: Vec<Welford>,
    st: Vec<Welford>,
    s2: Option<Vec<Vec<Welford>>>,
}

impl SobolSpread {
    fn new(k: usize, second_order: bool) -> Self {
        SobolSpread {
            s1: vec![Welford::default(); k],
            st: vec![Welford::default(); k],
            s2: second_order.then(|| vec![vec![Welford::default(); k]; k]),
        }
    }

    fn push(&mut self, e: &SobolEstimate) {
        push_all(&mut self.s1, &e.s1);
        push_all(&mut self.st, &e.st);
        if let (Some(acc), Some(s2)) = (&mut self.s2, &e.s2) {
            for (acc_row, row) in acc.iter_mut().zip(s2) {
                push_all(acc_row, row);
            }
        }
    }

    /// The point estimates with half-widths `z` times the bootstrap standard deviations.
    fn finish(self, point: SobolEstimate, z: f64) -> SobolIndices {
        let conf =
            |acc: &[Welford]| -> Vec<f64> { acc.iter().map(|w| z * w.sample_std()).collect() };
        SobolIndices {
            s1_conf: conf(&self.s1),
            st_conf: conf(&self.st),
            s2_conf: self
                .s2
                .as_ref()
                .map(|rows| rows.iter().map(|row| conf(row)).collect()),
            s1: point.s1,
            st: point.st,
            s2: point.s2,
        }
    }
}

/// Morris screening measures from a [`morris`](crate::design::morris) design `x` in unit
/// coordinates (`r * (k + 1)` rows of `k` values, trajectory after trajectory) and the model
/// outputs `y` on its rows, for a grid of `levels` levels.
///
/// Within each trajectory, each pair of consecutive rows must differ in exactly one factor `i`,
/// by `delta = levels / (2 (levels - 1))` up or down, and each factor must move exactly once.
/// The elementary effect of that step is `EE_i = (y_{j+1} - y_j) / (x_{j+1,i} - x_{j,i})` in
/// unit-cube units (Morris 1991, Technometrics 33, 161–174), so a step down counts with its
/// sign as in SALib. Then, per factor over the `r` trajectories: `mu` = mean of EE, `mu_star` =
/// mean of |EE| (Campolongo, Cariboni & Saltelli 2007, Environ. Model. Softw. 22, 1509–1518),
/// `sigma` = sample standard deviation of EE (`ddof = 1`, as SALib). Divide `mu`, `mu_star` and
/// `sigma` by a factor's range to get per-unit effects of the real factor.
///
/// Confidence: `bootstrap` resamples (with replacement) of the `r` trajectories, drawn from
/// `seed`; `mu_star_conf` is `z` times the sample standard deviation of the resampled `mu_star`,
/// with `z` the standard normal quantile at `(1 + confidence) / 2`, as SALib.
///
/// Errors when `k` is 0, `levels` is below 2 or odd, `x` and `y` differ in length, the number of
/// rows is not a multiple of `k + 1` or gives fewer than 2 trajectories, a row does not have `k`
/// values, a value is NaN or infinite, a step is not a single-factor move by `delta` (the
/// message names the rows), `bootstrap` is below 2, or `confidence` is not strictly between 0
/// and 1.
pub fn morris_analyze(
    x: &[Vec<f64>],
    y: &[f64],
    k: usize,
    levels: usize,
    bootstrap: usize,
    confidence: f64,
    seed: u64,
) -> Result<MorrisIndices, DesignError> {
    if k == 0 {
        return Err(DesignError::InvalidArgument(
            "Morris analysis needs at least one factor".into(),
        ));
    }
    check_morris_levels(levels)?;
    let z = confidence_z(confidence)?;
    check_bootstrap(bootstrap)?;
    if x.len() != y.len() {
        return Err(DesignError::InvalidData(format!(
            "the design has {} rows but there are {} model outputs",
            x.len(),
            y.len()
        )));
    }
    let size = k.saturating_add(1);
    if !x.len().is_multiple_of(size) || x.len() / size < 2 {
        return Err(DesignError::InvalidData(format!(
            "{} rows do not make at least 2 whole Morris trajectories of {size} rows \
             (k + 1 for {k} factors)",
            x.len()
        )));
    }
    if let Some(row) = x.iter().position(|row| row.len() != k) {
        return Err(DesignError::InvalidData(format!(
            "design row {row} has {} values, expected {k}",
            x[row].len()
        )));
    }
    for (row, values) in x.iter().enumerate() {
        if let Some(v) = values.iter().find(|v| !v.is_finite()) {
            return Err(DesignError::InvalidData(format!(
                "design row {row} (0-based) contains {v}: all inputs must be finite"
            )));
        }
    }
    check_finite(y, "model output")?;

    let delta = morris_delta(levels);
    let r = x.len() / size;
    // effects[i][t]: factor i's elementary effect in trajectory t.
    let mut effects = vec![vec![0.0; r]; k];
    for (t, (rows, outputs)) in x.chunks(size).zip(y.chunks(size)).enumerate() {
        let mut moved = vec![false; k];
        for (step, pair) in rows.windows(2).enumerate() {
            let j = t * size + step;
            let (from, to) = (&pair[0], &pair[1]);
            let mut changed = (0..k).filter(|&i| from[i] != to[i]);
            let (Some(i), None) = (changed.next(), changed.next()) else {
                return Err(DesignError::InvalidData(format!(
                    "design rows {j} and {} (trajectory {t}) must differ in exactly one factor",
                    j + 1
                )));
            };
            let dx = to[i] - from[i];
            if (dx.abs() - delta).abs() > 1e-6 {
                return Err(DesignError::InvalidData(format!(
                    "design rows {j} and {} move factor {i} by {dx}, not by +/-{delta} \
                     (the Morris step for {levels} levels in unit coordinates)",
                    j + 1
                )));
            }
            if moved[i] {
                return Err(DesignError::InvalidData(format!(
                    "factor {i} moves twice in trajectory {t} (rows {}..{})",
                    t * size,
                    t * size + k
                )));
            }
            moved[i] = true;
            effects[i][t] = (outputs[step + 1] - outputs[step]) / dx;
        }
    }

    let rf = r as f64;
    let mu = effects.iter().map(|e| e.iter().sum::<f64>() / rf).collect();
    let mu_star = effects
        .iter()
        .map(|e| e.iter().map(|v| v.abs()).sum::<f64>() / rf)
        .collect();
    let sigma = effects
        .iter()
        .map(|e| {
            let mut w = Welford::default();
            for &v in e {
                w.push(v);
            }
            w.sample_std()
        })
        .collect();
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut spread = vec![Welford::default(); k];
    let mut sample = vec![0usize; r];
    for _ in 0..bootstrap {
        for t in &mut sample {
            *t = below(&mut rng, r);
        }
        for (acc, e) in spread.iter_mut().zip(&effects) {
            acc.push(sample.iter().map(|&t| e[t].abs()).sum::<f64>() / rf);
        }
    }
    Ok(MorrisIndices {
        mu,
        mu_star,
        sigma,
        mu_star_conf: spread.iter().map(|w| z * w.sample_std()).collect(),
    })
}

/// The first non-finite value in `values`, as an error naming its row.
fn check_finite(values: &[f64], what: &str) -> Result<(), DesignError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(row) => Err(DesignError::InvalidData(format!(
            "{what} in row {row} (0-based) is {}: all outputs must be finite",
            values[row]
        ))),
        None => Ok(()),
    }
}

fn check_bootstrap(bootstrap: usize) -> Result<(), DesignError> {
    if bootstrap < 2 {
        return Err(DesignError::InvalidArgument(format!(
            "the bootstrap needs at least 2 resamples (SALib uses 100), got {bootstrap}"
        )));
    }
    Ok(())
}

/// `z_{(1 + confidence) / 2}`, for a confidence level strictly between 0 and 1.
fn confidence_z(confidence: f64) -> Result<f64, DesignError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(DesignError::InvalidArgument(format!(
            "the confidence level must be strictly between 0 and 1 (e.g. 0.95), got {confidence}"
        )));
    }
    Ok(normal_quantile(0.5 + 0.5 * confidence))
}

/// The standard normal quantile (inverse CDF) at `p` in `(0, 1)`, by Acklam's rational
/// approximation (P. J. Acklam, "An algorithm for computing the inverse normal cumulative
/// distribution function", 2003; relative error below 1.15e-9 everywhere).
fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.38357751867269e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-03,
        3.224671290700398e-01,
        2.445134137142996e+00,
        3.754408661907416e+00,
    ];
    const P_LOW: f64 = 0.02425;
    let tail = |q: f64| -> f64 {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    }
}

/// Welford's running mean and sum of squared deviations.
#[derive(Debug, Clone, Copy, Default)]
struct Welford {
    count: f64,
    mean: f64,
    m2: f64,
}

impl Welford {
    fn push(&mut self, x: f64) {
        self.count += 1.0;
        let d = x - self.mean;
        self.mean += d / self.count;
        self.m2 += d * (x - self.mean);
    }

    /// The sample standard deviation (`ddof = 1`); 0 for fewer than two values.
    fn sample_std(&self) -> f64 {
        if self.count < 2.0 {
            0.0
        } else {
            (self.m2 / (self.count - 1.0)).sqrt()
        }
    }
}

fn push_all(acc: &mut [Welford], values: &[f64]) {
    for (w, &v) in acc.iter_mut().zip(values) {
        w.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{morris, saltelli};
    use std::f64::consts::PI;

    fn ishigami(x: &[f64]) -> f64 {
        let (a, b) = (7.0, 0.1);
        let [x1, x2, x3] = [x[0], x[1], x[2]].map(|u| -PI + 2.0 * PI * u);
        x1.sin() + a * x2.sin().powi(2) + b * x3.powi(4) * x1.sin()
    }

    #[test]
    fn normal_quantile_matches_known_values() {
        // scipy.stats.norm.ppf
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959963984540054),
            (0.95, 1.6448536269514722),
            (0.995, 2.5758293035489004),
            (0.9995, 3.2905267314919255),
            (0.001, -3.090232306167813),
            (0.2, -0.8416212335729143),
        ] {
            let got = normal_quantile(p);
            assert!((got - z).abs() < 1e-8, "p = {p}: {got} vs {z}");
        }
        assert!((confidence_z(0.95).unwrap() - 1.959964).abs() < 1e-6);
    }

    #[test]
    fn sobol_indices_of_ishigami() {
        // Analytic values for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' & Levitan 1999).
        let (n, k) = (4096, 3);
        let x = saltelli(n, k, true, 2024).unwrap();
        let y: Vec<f64> = x.iter().map(|row| ishigami(row)).collect();
        let si = sobol_analyze(&y, k, true, 100, 0.95, 1).unwrap();
        let s1 = [0.3139, 0.4424, 0.0];
        let st = [0.5576, 0.4424, 0.2437];
        for i in 0..k {
            assert!((si.s1[i] - s1[i]).abs() < 0.03, "S1 {:?}", si.s1);
            assert!((si.st[i] - st[i]).abs() < 0.03, "ST {:?}", si.st);
            assert!(
                si.s1_conf[i] > 0.0 && si.s1_conf[i] < 0.1,
                "{:?}",
                si.s1_conf
            );
            assert!(
                si.st_conf[i] > 0.0 && si.st_conf[i] < 0.1,
                "{:?}",
                si.st_conf
            );
        }
        // Only x1 and x3 interact: S13 = ST3 = 0.2437, the other pairs 0.
        let s2 = si.s2.unwrap();
        let s2_conf = si.s2_conf.unwrap();
        assert!((s2[0][2] - 0.2437).abs() < 0.05, "S2 {s2:?}");
        assert!(s2[0][1].abs() < 0.05 && s2[1][2].abs() < 0.05, "S2 {s2:?}");
        assert_eq!(s2[2][0], s2[0][2]);
        assert_eq!(s2[1][1], 0.0);
        assert!(s2_conf[0][2] > 0.0 && s2_conf[0][2] < 0.2, "{s2_conf:?}");

        // SALib 1.6.0 `sobol.analyze` on these very outputs (written out with 17 digits).
        let salib_s1 = [
            0.31388333973719557,
            0.44246143520369163,
            -9.9084370203152e-05,
        ];
        let salib_st = [0.5588136492939592, 0.4424336182891123, 0.24367068373467088];
        let salib_s2 = [
            (0, 1, -0.0002945497077930237),
            (0, 2, 0.24293346010158665),
            (1, 2, -0.0008179525109631923),
        ];
        for i in 0..k {
            assert!((si.s1[i] - salib_s1[i]).abs() < 1e-10, "{:?}", si.s1);
            assert!((si.st[i] - salib_st[i]).abs() < 1e-10, "{:?}", si.st);
        }
        for (i, j, v) in salib_s2 {
            assert!((s2[i][j] - v).abs() < 1e-10, "{s2:?}");
        }

        // Adding a constant to the output changes nothing (the outputs are centred).
        let shifted: Vec<f64> = y.iter().map(|v| v + 1.0e6).collect();
        let moved = sobol_analyze(&shifted, k, true, 100, 0.95, 1).unwrap();
        for i in 0..k {
            assert!((moved.s1[i] - si.s1[i]).abs() < 1e-6, "{:?}", moved.s1);
            assert!((moved.st[i] - si.st[i]).abs() < 1e-6, "{:?}", moved.st);
            assert!((moved.s1_conf[i] - si.s1_conf[i]).abs() < 1e-6);
        }

        // The same outputs analysed twice give the same bytes; another seed other intervals.
        let again = sobol_analyze(&y, k, true, 100, 0.95, 1).unwrap();
        assert_eq!(again.s1, si.s1);
        assert_eq!(again.st_conf, si.st_conf);
        assert_eq!(again.s2_conf.unwrap(), s2_conf);
        let other = sobol_analyze(&y, k, true, 100, 0.95, 2).unwrap();
        assert_eq!(other.s1, si.s1);
        assert_ne!(other.s1_conf, si.s1_conf);
    }

    #[test]
    fn sobol_indices_of_the_g_function() {
        // Sobol' G function, a = [0, 1, 4.5, 9, 99, 99]: V_i = 1 / (3 (1 + a_i)^2),
        // S1_i = V_i / V, ST_i = V_i prod_{j != i} (1 + V_j) / V, V = prod(1 + V_i) - 1.
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0];
        let k = a.len();
        let g = |x: &[f64]| -> f64 {
            x.iter()
                .zip(&a)
                .map(|(&u, &ai)| ((4.0 * u - 2.0).abs() + ai) / (1.0 + ai))
                .product()
        };
        let vi: Vec<f64> = a
            .iter()
            .map(|ai| 1.0 / (3.0 * (1.0 + ai) * (1.0 + ai)))
            .collect();
        let total: f64 = vi.iter().map(|v| 1.0 + v).product::<f64>() - 1.0;
        let x = saltelli(4096, k, false, 7).unwrap();
        let y: Vec<f64> = x.iter().map(|row| g(row)).collect();
        let si = sobol_analyze(&y, k, false, 100, 0.95, 3).unwrap();
        assert!(si.s2.is_none() && si.s2_conf.is_none());
        for (i, v) in vi.iter().enumerate() {
            let s1 = v / total;
            let st = v * (total + 1.0) / (1.0 + v) / total;
            assert!(
                (si.s1[i] - s1).abs() < 0.03,
                "S1 {:?} vs {s1} at {i}",
                si.s1
            );
            assert!(
                (si.st[i] - st).abs() < 0.03,
                "ST {:?} vs {st} at {i}",
                si.st
            );
        }
    }

    #[test]
    fn sobol_analyze_checks_its_input() {
        let y = vec![1.0; 40];
        let data_err =
            |r: Result<SobolIndices, DesignError>| matches!(r, Err(DesignError::InvalidData(_)));
        let arg_err = |r: Result<SobolIndices, DesignError>| {
            matches!(r, Err(DesignError::InvalidArgument(_)))
        };
        // 40 = 5 * (2k + 2) for k = 3 with second order; not a multiple of k + 2 = 6 for k = 4.
        assert!(sobol_analyze(&y, 3, true, 10, 0.95, 1).is_ok());
        assert!(data_err(sobol_analyze(&y[..39], 3, true, 10, 0.95, 1)));
        assert!(data_err(sobol_analyze(&[], 3, true, 10, 0.95, 1)));
        assert!(data_err(sobol_analyze(&y, 4, false, 10, 0.95, 1)));
        assert!(arg_err(sobol_analyze(&y, 0, true, 10, 0.95, 1)));
        assert!(arg_err(sobol_analyze(&y, 3, true, 1, 0.95, 1)));
        assert!(arg_err(sobol_analyze(&y, 3, true, 10, 1.0, 1)));
        assert!(arg_err(sobol_analyze(&y, 3, true, 10, f64::NAN, 1)));
        assert!(arg_err(sobol_analyze(&y, usize::MAX, true, 10, 0.95, 1)));
        let mut bad = y.clone();
        bad[17] = f64::NAN;
        let err = sobol_analyze(&bad, 3, true, 10, 0.95, 1).unwrap_err();
        assert!(err.to_string().contains("row 17"), "{err}");

        // Constant outputs: all indices and intervals are 0, not NaN.
        let si = sobol_analyze(&y, 3, true, 10, 0.95, 1).unwrap();
        assert!(
            si.s1
                .iter()
                .chain(&si.st)
                .chain(&si.s1_conf)
                .chain(&si.st_conf)
                .all(|&v| v == 0.0)
        );
        assert!(si.s2.unwrap().iter().flatten().all(|&v| v == 0.0));
    }

    #[test]
    fn morris_on_a_linear_function_is_exact() {
        let (r, k) = (50, 3);
        let x = morris(r, k, 4, 9).unwrap();
        let y: Vec<f64> = x
            .iter()
            .map(|v| 2.0 * v[0] + 0.0 * v[1] - 5.0 * v[2])
            .collect();
        let m = morris_analyze(&x, &y, k, 4, 100, 0.95, 1).unwrap();
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(close(&m.mu, &[2.0, 0.0, -5.0]), "{:?}", m.mu);
        assert!(close(&m.mu_star, &[2.0, 0.0, 5.0]), "{:?}", m.mu_star);
        assert!(close(&m.sigma, &[0.0; 3]), "{:?}", m.sigma);
        assert!(close(&m.mu_star_conf, &[0.0; 3]), "{:?}", m.mu_star_conf);
    }

    #[test]
    fn morris_on_ishigami() {
        // With 4 levels x2 always moves between sin^2 = 0 and sin^2 = 3/4, so every |EE| of
        // x2 is 7 * 0.75 / (2/3) = 7.875; x3 acts only through its interaction with x1, so
        // its effects change sign with sin(x1): mu3 near 0, sigma3 large.
        let (r, k) = (500, 3);
        let x = morris(r, k, 4, 3).unwrap();
        let y: Vec<f64> = x.iter().map(|row| ishigami(row)).collect();
        let m = morris_analyze(&x, &y, k, 4, 200, 0.95, 5).unwrap();
        assert!((m.mu_star[1] - 7.875).abs() < 1e-9, "{:?}", m.mu_star);
        assert!((m.mu_star[0] - 7.70).abs() < 1.0, "{:?}", m.mu_star);
        assert!((m.mu_star[2] - 6.25).abs() < 1.0, "{:?}", m.mu_star);
        assert!(m.mu_star[0] > m.mu_star[2] && m.mu_star[1] > m.mu_star[2]);
        assert!(
            m.sigma[2] > 1.0 && m.mu[2].abs() < 0.3 * m.mu_star[2],
            "{m:?}"
        );
        assert!(m.sigma[0] > 1.0, "x1's effect depends on x3: {m:?}");
        assert!(m.mu_star_conf[1] < 1e-9);
        // SALib 1.6.0 `morris.analyze` on this very design and these outputs.
        let salib = [
            (
                &m.mu,
                [8.378924090753022, -0.25200000000000045, 0.07498555323999728],
            ),
            (&m.mu_star, [8.378924090753022, 7.875, 6.373772025399741]),
            (
                &m.sigma,
                [6.218467812583093, 7.878849760408825, 8.933689179909706],
            ),
        ];
        for (ours, theirs) in salib {
            for (a, b) in ours.iter().zip(theirs) {
                assert!((a - b).abs() < 1e-9, "{ours:?} vs SALib {theirs:?}");
            }
        }
        assert!(m.mu_star_conf[0] > 0.0 && m.mu_star_conf[0] < 1.0, "{m:?}");
        assert_eq!(m, morris_analyze(&x, &y, k, 4, 200, 0.95, 5).unwrap());
    }

    #[test]
    fn morris_analyze_checks_its_input() {
        let x = morris(4, 2, 4, 1).unwrap();
        let y = vec![0.5; x.len()];
        let data_err =
            |r: Result<MorrisIndices, DesignError>| matches!(r, Err(DesignError::InvalidData(_)));
        let arg_err = |r: Result<MorrisIndices, DesignError>| {
            matches!(r, Err(DesignError::InvalidArgument(_)))
        };
        assert!(morris_analyze(&x, &y, 2, 4, 10, 0.9, 1).is_ok());
        assert!(arg_err(morris_analyze(&x, &y, 0, 4, 10, 0.9, 1)));
        assert!(data_err(morris_analyze(&x, &y, usize::MAX, 4, 10, 0.9, 1)));
        assert!(arg_err(morris_analyze(&x, &y, 2, 5, 10, 0.9, 1)));
        assert!(arg_err(morris_analyze(&x, &y, 2, 4, 0, 0.9, 1)));
        assert!(arg_err(morris_analyze(&x, &y, 2, 4, 10, 0.0, 1)));
        assert!(data_err(morris_analyze(&x, &y[1..], 2, 4, 10, 0.9, 1)));
        assert!(data_err(morris_analyze(&x[..3], &y[..3], 2, 4, 10, 0.9, 1)));
        assert!(data_err(morris_analyze(&x[..5], &y[..5], 2, 4, 10, 0.9, 1)));
        // Wrong number of levels: the steps are not +/-delta.
        assert!(data_err(morris_analyze(&x, &y, 2, 6, 10, 0.9, 1)));
        // Wrong k: rows have 2 values.
        assert!(data_err(morris_analyze(&x[..8], &y[..8], 3, 4, 10, 0.9, 1)));
        let mut bad_y = y.clone();
        bad_y[5] = f64::INFINITY;
        let err = morris_analyze(&x, &bad_y, 2, 4, 10, 0.9, 1).unwrap_err();
        assert!(err.to_string().contains("row 5"), "{err}");
        let mut bad_x = x.clone();
        bad_x[4][1] = f64::NAN;
        assert!(data_err(morris_analyze(&bad_x, &y, 2, 4, 10, 0.9, 1)));
        // Two factors moving at once (rows 0 -> 2 of the first trajectory), one moving twice.
        let mut two = x.clone();
        two[1] = two[2].clone();
        let err = morris_analyze(&two, &y, 2, 4, 10, 0.9, 1).unwrap_err();
        assert!(err.to_string().contains("exactly one factor"), "{err}");
        let twice = vec![
            vec![0.0, 0.0],
            vec![2.0 / 3.0, 0.0],
            vec![0.0, 0.0],
            vec![0.0, 0.0],
            vec![0.0, 2.0 / 3.0],
            vec![2.0 / 3.0, 2.0 / 3.0],
        ];
        let err = morris_analyze(&twice, &[0.0; 6], 2, 4, 10, 0.9, 1).unwrap_err();
        assert!(err.to_string().contains("moves twice"), "{err}");
    }
}
