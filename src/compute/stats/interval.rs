//! Building blocks for confidence intervals that the other statistics modules share: critical
//! values of the normal, Student t and chi-square distributions, the sample mean and standard
//! deviation, and the t interval for a single mean.
//!
//! Everything is computed with `statrs`, with two precautions that bring the results to about
//! 1e-14 relative agreement with R (`qt`, `qnorm`, `qchisq`, `pnorm`), instead of the 1e-10 to
//! 1e-11 that the plain calls give:
//!
//! * The t and chi-square inverse functions of `statrs` stop iterating at a tolerance of
//!   roughly 1e-11, so their quantiles are polished with a few Newton steps on the distribution
//!   function, or on the survival function for upper-tail quantiles, which keeps full relative
//!   precision where `1 − cdf` would cancel. The normal quantile (`erf_inv`) is already accurate
//!   and is used as it is.
//! * The normal distribution function of `statrs` (`erfc`) is only accurate to about 1e-10, so
//!   two-sided normal p-values are taken from the chi-square distribution with one degree of
//!   freedom, `P(|Z| > |z|) = P(χ²₁ > z²)`, whose incomplete gamma function is accurate.
//!
//! Beyond 1e5 degrees of freedom the Student t functions of `statrs` degrade (its incomplete
//! beta function loses accuracy as the shape parameter grows: at 1e7 the quantile is wrong in
//! the second digit, and from about 1e8 on it does not terminate). There the t quantile comes
//! from the Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5),
//! and the t tail probability from inverting that expansion, both accurate to about 1e-14 at
//! such degrees of freedom.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

/// Maximum number of Newton steps used to polish a quantile; two are nearly always enough
/// because the starting value from `statrs` is already accurate to about 1e-11.
const POLISH_STEPS: usize = 6;

/// Degrees of freedom above which the Student t distribution is handled with the
/// Cornish–Fisher expansion instead of `statrs` (see the module documentation).
const LARGE_DF: f64 = 1e5;

/// A standard normal deviate beyond which the two-sided tail probability underflows to 0 in
/// double precision (it is about 1e-314 at 38); used to keep the expansion away from
/// arguments where its high powers would overflow.
const NORMAL_UNDERFLOW_Z: f64 = 40.0;

/// True for a finite number that is at least 0; NaN fails, as it fails every comparison.
pub(crate) fn non_negative(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

/// True for a finite number above 0; NaN fails, as it fails every comparison.
pub(crate) fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// True for a probability strictly between 0 and 1 (NaN fails).
fn open_unit(p: f64) -> bool {
    p > 0.0 && p < 1.0
}

/// Returns the probability in each tail, `(1 - level) / 2`, of a two-sided interval with
/// confidence `level`, or `None` unless `0 < level < 1` (which also rejects NaN).
pub(crate) fn half_alpha(level: f64) -> Option<f64> {
    open_unit(level).then(|| (1.0 - level) / 2.0)
}

/// Two-sided standard normal critical value `z = Φ⁻¹(c + (1 − c)/2)` for confidence level `c`,
/// written exactly as PHEindicatormethods computes it (`qnorm(confidence + (1-confidence)/2)`).
///
/// Returns `None` unless `0 < level < 1`.
pub fn z_critical(level: f64) -> Option<f64> {
    let tail = half_alpha(level)?;
    Some(Normal::standard().inverse_cdf(level + tail))
}

/// Two-sided Student t critical value `t(1 − α/2; df)` for confidence level `level`, as R's
/// `qt(1 - alpha/2, df)`; `df` may be fractional (Welch–Satterthwaite).
///
/// Returns `None` unless `0 < level < 1` and `df` is positive and finite.
pub fn t_critical(level: f64, df: f64) -> Option<f64> {
    let tail = half_alpha(level)?;
    if !positive(df) {
        return None;
    }
    if df > LARGE_DF {
        let z = Normal::standard().inverse_cdf(level + tail);
        return Some(cornish_fisher_t(z, df));
    }
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    let start = t.inverse_cdf(level + tail);
    if !start.is_finite() {
        return None;
    }
    Some(polish_upper(&t, tail, start, f64::NEG_INFINITY))
}

/// Two-sided p-value `2 · P(T ≥ |t|)` of a Student t statistic with `df` degrees of freedom,
/// computed from the survival function so that small p-values keep their relative precision.
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> Option<f64> {
    if !(t.is_finite() && positive(df)) {
        return None;
    }
    if df > LARGE_DF {
        return normal_two_sided_p(normal_equivalent(t.abs(), df));
    }
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * dist.sf(t.abs())).min(1.0))
}

/// Cornish–Fisher expansion of the Student t quantile in powers of `1/df` around the normal
/// quantile `z` (Abramowitz & Stegun 1964, 26.7.5), to the fourth order; for `df > 1e5` the
/// first omitted term is below 1e-20 for any `z` that matters.
fn cornish_fisher_t(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// Derivative of [`cornish_fisher_t`] with respect to `z`, for Newton's method.
fn cornish_fisher_t_slope(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let d1 = (3.0 * z2 + 1.0) / 4.0;
    let d2 = ((25.0 * z2 + 48.0) * z2 + 3.0) / 96.0;
    let d3 = (((21.0 * z2 + 95.0) * z2 + 51.0) * z2 - 15.0) / 384.0;
    let d4 = ((((711.0 * z2 + 5432.0) * z2 + 7410.0) * z2 - 5760.0) * z2 - 945.0) / 92160.0;
    1.0 + (d1 + (d2 + (d3 + d4 / df) / df) / df) / df
}

/// The normal deviate `z ≥ 0` whose Cornish–Fisher t quantile is `t ≥ 0`, so that
/// `P(T > t) = P(Z > z)`. The expansion increases with `z` and lies above it, so Newton's
/// method started at `z = t` approaches the root from above without overshooting.
fn normal_equivalent(t: f64, df: f64) -> f64 {
    if t >= NORMAL_UNDERFLOW_Z {
        return t;
    }
    let mut z = t;
    for _ in 0..50 {
        let step = (cornish_fisher_t(z, df) - t) / cornish_fisher_t_slope(z, df);
        if !step.is_finite() {
            break;
        }
        z -= step;
        if step.abs() <= f64::EPSILON * z.abs() {
            break;
        }
    }
    z
}

/// Upper-tail probability `P(X > q)` of a chi-square variable, used for heterogeneity tests.
pub(crate) fn chisq_sf(q: f64, df: f64) -> Option<f64> {
    if !(q.is_finite() && positive(df)) {
        return None;
    }
    let dist = ChiSquared::new(df).ok()?;
    Some(dist.sf(q.max(0.0)))
}

/// Two-sided standard normal p-value `2 · min(Φ(z), 1 − Φ(z)) = P(χ²₁ > z²)`, taken from the
/// chi-square distribution because `statrs`' normal distribution function is less accurate
/// (see the module documentation). `None` for a non-finite `z`.
pub(crate) fn normal_two_sided_p(z: f64) -> Option<f64> {
    if !z.is_finite() {
        return None;
    }
    // Far enough out the probability is below the smallest double, and squaring a huge z would
    // overflow to infinity.
    if z.abs() >= NORMAL_UNDERFLOW_Z {
        return Some(0.0);
    }
    chisq_sf(z * z, 1.0).map(|p| p.min(1.0))
}

/// Refines `x` so that `sf(x) = tail` with Newton steps on the survival function, which keeps
/// full relative precision for small upper-tail probabilities. It never steps to or below
/// `floor` (the lower end of the support), because a step that leaves the support would make
/// the density zero and the next step undefined.
fn polish_upper<D>(dist: &D, tail: f64, mut x: f64, floor: f64) -> f64
where
    D: ContinuousCDF<f64, f64> + Continuous<f64, f64>,
{
    for _ in 0..POLISH_STEPS {
        let density = dist.pdf(x);
        if !positive(density) {
            break;
        }
        // The survival function decreases, so a value above the target means x is too small.
        let step = (dist.sf(x) - tail) / density;
        let mut next = x + step;
        if next <= floor {
            next = floor + (x - floor) / 2.0;
        }
        if !next.is_finite() {
            break;
        }
        let done = (next - x).abs() <= 4.0 * f64::EPSILON * x.abs();
        x = next;
        if done {
            break;
        }
    }
    x
}

/// Arithmetic mean, or `None` for an empty slice or when any value is not finite (a NaN would
/// otherwise spread silently into every statistic derived from it).
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // Values near the largest double can still overflow when summed; that is no mean either.
    Some(values.iter().sum::<f64>() / values.len() as f64).filter(|m| m.is_finite())
}

/// Sample standard deviation with divisor `n − 1` around a precomputed mean (two-pass, which is
/// more accurate than the one-pass sum-of-squares formula); `None` when `n < 2`.
pub(crate) fn sample_sd(values: &[f64], mean: f64) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    Some((ss / (values.len() - 1) as f64).sqrt()).filter(|sd| sd.is_finite())
}

/// Summary of one sample with the t confidence interval of its mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanSummary {
    /// Number of values.
    pub n: usize,
    /// Arithmetic mean; `None` for an empty sample or one with a non-finite value.
    pub mean: Option<f64>,
    /// Sample standard deviation (divisor `n − 1`); `None` when `n < 2`.
    pub sd: Option<f64>,
    /// Standard error `sd / √n`; `None` when `n < 2`.
    pub se: Option<f64>,
    /// Lower confidence limit `mean − t(n−1) · se`; `None` when `n < 2` or the level is invalid.
    pub ci_low: Option<f64>,
    /// Upper confidence limit `mean + t(n−1) · se`; `None` when `n < 2` or the level is invalid.
    pub ci_high: Option<f64>,
}

/// Mean with a Student t confidence interval, `mean ± t(1 − α/2; n − 1) · sd/√n`, as
/// PHEindicatormethods::phe_mean (Armitage, Berry & Matthews, *Statistical Methods in Medical
/// Research*, 4th ed.).
///
/// A sample whose values are all equal has `sd = 0` and a zero-width interval at the mean,
/// which is what the formula gives; fewer than two values leave the spread and the interval
/// undefined (`None`).
pub fn mean_ci(values: &[f64], level: f64) -> MeanSummary {
    let n = values.len();
    let mut summary = MeanSummary {
        n,
        mean: None,
        sd: None,
        se: None,
        ci_low: None,
        ci_high: None,
    };
    let Some(m) = mean(values) else {
        return summary;
    };
    summary.mean = Some(m);
    let Some(sd) = sample_sd(values, m) else {
        return summary;
    };
    let se = sd / (n as f64).sqrt();
    summary.sd = Some(sd);
    summary.se = Some(se);
    if let Some(t) = t_critical(level, (n - 1) as f64) {
        summary.ci_low = Some(m - t * se);
        summary.ci_high = Some(m + t * se);
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_samples_do_not_panic() {
        let empty = mean_ci(&[], 0.95);
        assert_eq!(empty.n, 0);
        assert_eq!(empty.mean, None);

        let single = mean_ci(&[4.2], 0.95);
        assert_eq!(single.mean, Some(4.2));
        assert_eq!(single.sd, None);
        assert_eq!(single.ci_low, None);

        let constant = mean_ci(&[3.0, 3.0, 3.0], 0.95);
        assert_eq!(constant.sd, Some(0.0));
        assert_eq!(constant.ci_low, Some(3.0));
        assert_eq!(constant.ci_high, Some(3.0));

        let with_nan = mean_ci(&[1.0, f64::NAN], 0.95);
        assert_eq!(with_nan.mean, None);

        let bad_level = mean_ci(&[1.0, 2.0], f64::NAN);
        assert_eq!(bad_level.mean, Some(1.5));
        assert_eq!(bad_level.ci_low, None);
    }

    #[test]
    fn critical_values_reject_invalid_input() {
        assert_eq!(z_critical(1.0), None);
        assert_eq!(z_critical(0.0), None);
        assert_eq!(t_critical(0.95, 0.0), None);
        assert_eq!(t_critical(0.95, f64::INFINITY), None);
        assert_eq!(t_two_sided_p(f64::NAN, 3.0), None);
    }

    /// Beyond 1e5 degrees of freedom the Cornish–Fisher path is used; the reference values are
    /// scipy 1.17.1 `scipy.stats.t.ppf(q, df)` and `2 * scipy.stats.t.sf(t, df)`.
    #[test]
    fn large_degrees_of_freedom_match_scipy() {
        let close = |what: &str, actual: Option<f64>, expected: f64| {
            let actual = actual.expect(what);
            assert!(
                (actual - expected).abs() <= 1e-12 * expected.abs(),
                "{what}: {actual:e} vs scipy {expected:e}"
            );
        };
        close("qt(0.975, 1e6)", t_critical(0.95, 1e6), 1.959966356814107);
        close("qt(0.999, 1e6)", t_critical(0.998, 1e6), 3.09024045631652);
        close("qt(0.975, 1e9)", t_critical(0.95, 1e9), 1.959963986912325);
        close(
            "qt(0.975, 1e15)",
            t_critical(0.95, 1e15),
            1.9599639845400563,
        );
        close("p(2, 1e6)", t_two_sided_p(2.0, 1e6), 0.04550053385131924);
        close(
            "p(10, 4e5)",
            t_two_sided_p(10.0, 4e5),
            1.5337144421477132e-23,
        );
        close(
            "p(-5, 1e9)",
            t_two_sided_p(-5.0, 1e9),
            5.733032403951619e-07,
        );
        close(
            "p(1, 1e300)",
            t_two_sided_p(1.0, 1e300),
            0.31731050786291415,
        );
        assert_eq!(t_two_sided_p(1e200, 1e6), Some(0.0));
    }
}
