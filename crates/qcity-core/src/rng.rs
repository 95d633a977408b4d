//! Random streams that do not depend on thread count or iteration order.
//!
//! Every draw in the model comes from a generator seeded by hashing
//! `(scenario seed, replicate, stream, subject, month)`: the *stream* names the mechanism
//! (production, inspection, …) and the *subject* is a stable id (a firm's id, a district's index).
//! An entity's draws therefore never depend on which thread updates it or on what other
//! entities drew, so parallel iteration and any thread count give the same bytes, and adding a
//! draw to one mechanism leaves the others' streams untouched.
//!
//! The generator is PCG XSL 128/64 MCG (`rand_pcg::Pcg64Mcg`, a stable, specified algorithm), seeded
//! through a SplitMix64-style mixer of the key.

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

pub use rand::Rng;

/// The named random streams: one per mechanism that draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    Setup = 1,
    Production = 2,
    Inspection = 3,
    Credit = 4,
    Brands = 5,
    Standards = 6,
    Services = 7,
    Construction = 8,
    Events = 9,
    Designations = 10,
    Inspectors = 11,
    Assessment = 12,
    Statistics = 13,
    /// Which firms inspection considers (the positions of its Bernoulli trials).
    InspectionDraw = 14,
    /// Which large firms the national standards draw considers.
    NationalStandardsDraw = 15,
    /// Which large firms the international standards draw considers.
    InternationalStandardsDraw = 16,
}

/// A run's root key: the scenario seed and the replicate number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunKey {
    pub seed: u64,
    pub replicate: u32,
}

/// SplitMix64's finaliser: a strong 64-bit mixer.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl RunKey {
    /// The base key of one stream in this run.
    #[inline]
    pub fn stream(self, stream: Stream) -> StreamKey {
        StreamKey(mix64(
            mix64(mix64(self.seed) ^ (self.replicate as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93))
                ^ (stream as u64).wrapping_mul(0xA076_1D64_78BD_642F),
        ))
    }
}

/// The key of one stream in one run; combine it with a subject and a month to get a generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamKey(pub u64);

impl StreamKey {
    /// The generator for `subject` (a stable id) in month `tick`.
    #[inline]
    pub fn rng(self, subject: u64, tick: u32) -> Pcg64Mcg {
        let a = mix64(self.0 ^ subject.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        let b = mix64(a ^ (tick as u64).wrapping_mul(0x8EBC_6AF0_9C88_C6E3));
        let c = mix64(b ^ 0x5851_F42D_4C95_7F2D);
        Pcg64Mcg::from_seed(((b as u128) << 64 | (c as u128) | 1).to_le_bytes())
    }
}

impl StreamKey {
    /// One uniform draw in [0, 1) for `subject` in month `tick`, straight from the hash: the
    /// cheap first draw of a mechanism that usually needs no more (is this firm inspected?).
    /// `which` tells several such draws apart.
    #[inline]
    pub fn uniform_once(self, subject: u64, tick: u32, which: u64) -> f64 {
        let a = mix64(self.0 ^ subject.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        let b = mix64(
            a ^ (tick as u64).wrapping_mul(0x8EBC_6AF0_9C88_C6E3)
                ^ which.wrapping_mul(0x9FB2_1C65_1E98_DF25),
        );
        (b >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// A uniform draw in [0, 1).
#[inline]
pub fn uniform(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal draw (Box–Muller; one value per call keeps streams simple).
#[inline]
pub fn normal(rng: &mut impl Rng) -> f64 {
    let u1 = 1.0 - uniform(rng);
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Beta(a, b) draw via two gamma draws (Marsaglia–Tsang), for a, b ≥ 1 or any positive values.
pub fn beta(rng: &mut impl Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    x / (x + y)
}

/// Gamma(shape, 1), Marsaglia & Tsang (2000), with the shape < 1 boost.
pub fn gamma(rng: &mut impl Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = uniform(rng).max(f64::MIN_POSITIVE);
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = uniform(rng);
        if u < 1.0 - 0.0331 * x * x * x * x || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

/// A Poisson draw (Knuth for small means, normal approximation above 30).
pub fn poisson(rng: &mut impl Rng, mean: f64) -> u64 {
    // Also catches NaN; an infinite mean is capped (callers keep means small).
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    let mean = mean.min(1e9);
    if mean > 30.0 {
        let x = mean + mean.sqrt() * normal(rng);
        return x.round().max(0.0) as u64;
    }
    let l = (-mean).exp();
    let mut k = 0;
    let mut p = 1.0;
    loop {
        p *= uniform(rng);
        if p <= l {
            return k;
        }
        k += 1;
    }
}

/// The successes, in order, of `len` independent Bernoulli(`p`) trials numbered `0..len`,
/// found by skipping the failures between them: the number of failures before the next
/// success is geometric, `⌊ln U / ln(1 − p)⌋` for U uniform in (0, 1]. Costs a draw per
/// success (plus one), not one per trial, so a rare event over many subjects (is this firm
/// inspected this month?) is drawn in time proportional to how often it happens.
pub fn successes<R: Rng>(rng: R, p: f64, len: usize) -> Successes<R> {
    Successes {
        rng,
        // ln(1 − p): −∞ when p is 1 (every trial succeeds), NaN or 0 for p ≤ 0 (none does).
        log_fail: (-p.min(1.0)).ln_1p(),
        next: if p > 0.0 { 0 } else { len },
        len,
    }
}

/// The iterator of [`successes`].
pub struct Successes<R> {
    rng: R,
    log_fail: f64,
    next: usize,
    len: usize,
}

impl<R: Rng> Iterator for Successes<R> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.len {
            return None;
        }
        let u = 1.0 - uniform(&mut self.rng);
        // ≥ 0 (ln u ≤ 0 and ln(1 − p) < 0); 0 when p is 1.
        let gap = u.ln() / self.log_fail;
        if gap >= (self.len - self.next) as f64 {
            self.next = self.len;
            return None;
        }
        let at = self.next + gap as usize;
        self.next = at + 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Successes by geometric gaps against the trials they stand for: the share of trials
    /// that succeed is p (within 4 standard errors), every trial succeeds at p = 1 and none at
    /// p = 0, and a success follows a success as often as any trial succeeds (the trials are
    /// independent: a run of successes is as likely as chance says, no more, no less).
    #[test]
    fn successes_are_independent_bernoulli_trials() {
        let k = RunKey {
            seed: 3,
            replicate: 0,
        }
        .stream(Stream::InspectionDraw);
        for p in [0.0005, 0.004, 0.05, 0.3, 0.9] {
            let (len, blocks) = (1000usize, 2000u64);
            let (mut n, mut pairs, mut after) = (0.0, 0.0, 0.0);
            for b in 0..blocks {
                let hits: Vec<usize> = successes(k.rng(b, 0), p, len).collect();
                assert!(hits.windows(2).all(|w| w[0] < w[1]) && hits.iter().all(|&h| h < len));
                n += hits.len() as f64;
                // Of the trials that follow a success, how many succeed.
                for &h in &hits {
                    if h + 1 < len {
                        after += 1.0;
                        pairs += hits.binary_search(&(h + 1)).is_ok() as u8 as f64;
                    }
                }
            }
            let trials = (len as u64 * blocks) as f64;
            let se = (p * (1.0 - p) / trials).sqrt();
            assert!((n / trials - p).abs() < 4.0 * se, "p {p}: {}", n / trials);
            let se_after = (p * (1.0 - p) / after).sqrt();
            assert!(
                (pairs / after - p).abs() < 4.0 * se_after,
                "p {p}: {} after a success",
                pairs / after
            );
        }
        assert_eq!(successes(k.rng(1, 0), 1.0, 50).count(), 50);
        assert!(successes(k.rng(1, 0), 1.0, 50).eq(0..50));
        assert_eq!(successes(k.rng(1, 0), 0.0, 50).count(), 0);
        assert_eq!(successes(k.rng(1, 0), -1.0, 50).count(), 0);
        assert_eq!(successes(k.rng(1, 0), f64::NAN, 50).count(), 0);
        assert_eq!(successes(k.rng(1, 0), 0.5, 0).count(), 0);
    }

    #[test]
    fn streams_are_stable_and_distinct() {
        let k = RunKey {
            seed: 7,
            replicate: 0,
        };
        let a = uniform(&mut k.stream(Stream::Production).rng(1, 0));
        let b = uniform(&mut k.stream(Stream::Production).rng(1, 0));
        let c = uniform(&mut k.stream(Stream::Production).rng(2, 0));
        let d = uniform(&mut k.stream(Stream::Inspection).rng(1, 0));
        let e = uniform(
            &mut RunKey {
                seed: 7,
                replicate: 1,
            }
            .stream(Stream::Production)
            .rng(1, 0),
        );
        assert_eq!(a, b);
        assert!(a != c && a != d && a != e);
    }

    #[test]
    fn uniform_mean_and_beta_mean() {
        let k = RunKey {
            seed: 1,
            replicate: 0,
        }
        .stream(Stream::Setup);
        let n = 200_000;
        let mut s = 0.0;
        let mut sb = 0.0;
        for i in 0..n {
            let mut r = k.rng(i, 0);
            s += uniform(&mut r);
            sb += beta(&mut r, 3.0, 2.0);
        }
        assert!((s / n as f64 - 0.5).abs() < 0.003);
        // Beta(3,2) has mean 0.6
        assert!((sb / n as f64 - 0.6).abs() < 0.003);
    }
}

/// `x^e`, exact and fast for small integer exponents (the model's defaults), `powf` otherwise.
#[inline]
pub fn pow(x: f64, e: f64) -> f64 {
    Pow::new(e).of(x)
}

/// A power prepared once per system run, evaluated per firm.
#[derive(Debug, Clone, Copy)]
pub struct Pow {
    e: f64,
    int: Option<i32>,
}

impl Pow {
    pub fn new(e: f64) -> Self {
        let int = (e == e.trunc() && e.abs() <= 16.0).then_some(e as i32);
        Self { e, int }
    }
    #[inline]
    pub fn of(self, x: f64) -> f64 {
        match self.int {
            Some(0) => 1.0,
            Some(1) => x,
            Some(2) => x * x,
            Some(3) => x * x * x,
            Some(n) => x.powi(n),
            None => x.powf(self.e),
        }
    }
}
