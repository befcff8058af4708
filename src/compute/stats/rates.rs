//! Rates of events per population (e.g. hospital admissions per 1,000 residents) with their
//! confidence limits: exact Poisson limits for small counts, Byar's approximation otherwise,
//! indirectly standardised ratios (observed / expected) and directly standardised rates with
//! Dobson's method. All follow the R package PHEindicatormethods, which implements the
//! Fingertips public-health technical guidance of the UK, so that wijkmonitor's figures can be
//! checked against an established, tested implementation.

use super::interval::{
    chisq_lower_quantile, chisq_upper_quantile, half_alpha, non_negative, positive, z_critical,
};

/// Counts below this use exact Poisson limits, counts at or above it Byar's approximation, and
/// directly standardised rates with a smaller total count are suppressed; this is the cut-off
/// of PHEindicatormethods and the Fingertips guidance.
pub const SMALL_COUNT: f64 = 10.0;

/// Largest count for which [`exact_poisson_limits`] computes limits. The chi-square quantile of
/// `statrs` does not terminate for degrees of freedom around 1e15, and for counts this large
/// Byar's approximation agrees with the exact limits to far more digits than any report shows.
pub const MAX_EXACT_COUNT: f64 = 1e9;

/// How Poisson confidence limits were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoissonMethod {
    /// Exact limits from the chi-square distribution (count below 10).
    Exact,
    /// Byar's approximation (count of 10 or more).
    Byar,
}

/// Confidence limits for a Poisson count (the expected number of events).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoissonLimits {
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
    /// Method used.
    pub method: PoissonMethod,
}

/// Raw Byar limits for a count; the lower limit is `None` where the approximation turns
/// negative (very small counts at high confidence), as PHEindicatormethods reports `NA`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ByarLimits {
    /// Lower limit, `None` when the approximation is negative.
    pub lower: Option<f64>,
    /// Upper limit.
    pub upper: f64,
}

/// A rate or ratio with confidence limits, already multiplied by the requested multiplier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateEstimate {
    /// Point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
    /// Method used for the limits of the count.
    pub method: PoissonMethod,
}

/// A directly standardised rate. Value and limits are `None` when the total count is below 10,
/// because PHEindicatormethods (and the Fingertips guidance) consider such rates unreliable and
/// suppress them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DsrEstimate {
    /// Total number of events over all strata.
    pub total_count: f64,
    /// Total population over all strata.
    pub total_pop: f64,
    /// Standardised rate times the multiplier.
    pub value: Option<f64>,
    /// Lower confidence limit (Dobson).
    pub lower: Option<f64>,
    /// Upper confidence limit (Dobson).
    pub upper: Option<f64>,
}

/// Byar's approximation to the Poisson confidence limits of a count `x` (Breslow & Day 1987),
/// as PHEindicatormethods' `byars_lower`/`byars_upper`:
/// `lower = x(1 − 1/(9x) − z/(3√x))³`, `upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³`.
///
/// This is the raw approximation for any count; [`poisson_limits`] switches to exact limits
/// for counts below 10. Returns `None` unless `x ≥ 0` is finite and `0 < level < 1`.
pub fn byar_limits(x: f64, level: f64) -> Option<ByarLimits> {
    if !non_negative(x) {
        return None;
    }
    let z = z_critical(level)?;
    let lower = if x > 0.0 {
        let lower = x * (1.0 - 1.0 / (9.0 * x) - z / (3.0 * x.sqrt())).powi(3);
        (lower >= 0.0).then_some(lower)
    } else {
        // At x = 0 the formula divides by zero; the true lower limit of a zero count is 0.
        Some(0.0)
    };
    let x1 = x + 1.0;
    let upper = x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3);
    Some(ByarLimits { lower, upper })
}

/// Exact Poisson confidence limits of a count (Garwood 1936; Armitage, Berry & Matthews):
/// `lower = χ²(α/2; 2x)/2`, `upper = χ²(1 − α/2; 2x + 2)/2`, as R's `qchisq` in
/// PHEindicatormethods::phe_rate. The lower limit of a zero count is 0.
///
/// Returns `None` unless `0 ≤ x ≤ 1e9` ([`MAX_EXACT_COUNT`]) and `0 < level < 1`.
pub fn exact_poisson_limits(x: f64, level: f64) -> Option<(f64, f64)> {
    if !non_negative(x) || x > MAX_EXACT_COUNT {
        return None;
    }
    let tail = half_alpha(level)?;
    let lower = chisq_lower_quantile(tail, 2.0 * x)? / 2.0;
    let upper = chisq_upper_quantile(tail, 2.0 * x + 2.0)? / 2.0;
    Some((lower, upper))
}

/// Confidence limits of a Poisson count as PHEindicatormethods::phe_rate chooses them: exact
/// (chi-square) limits when `x < 10`, Byar's approximation when `x ≥ 10`.
pub fn poisson_limits(x: f64, level: f64) -> Option<PoissonLimits> {
    if !non_negative(x) {
        return None;
    }
    if x < SMALL_COUNT {
        let (lower, upper) = exact_poisson_limits(x, level)?;
        Some(PoissonLimits {
            lower,
            upper,
            method: PoissonMethod::Exact,
        })
    } else {
        let byar = byar_limits(x, level)?;
        Some(PoissonLimits {
            lower: byar.lower?,
            upper: byar.upper,
            method: PoissonMethod::Byar,
        })
    }
}

/// Crude rate `x / n × multiplier` with exact Poisson limits for `x < 10` and Byar's limits for
/// `x ≥ 10`, as PHEindicatormethods::phe_rate (Breslow & Day 1987; Armitage & Berry 2002).
///
/// The count may exceed the denominator (events, not persons). Returns `None` unless `x ≥ 0`,
/// `n > 0` and `multiplier` are finite and `0 < level < 1`.
pub fn byar_rate(x: f64, n: f64, multiplier: f64, level: f64) -> Option<RateEstimate> {
    if !(positive(n) && multiplier.is_finite()) {
        return None;
    }
    let limits = poisson_limits(x, level)?;
    Some(RateEstimate {
        value: x / n * multiplier,
        lower: limits.lower / n * multiplier,
        upper: limits.upper / n * multiplier,
        method: limits.method,
    })
}

/// Indirectly standardised ratio `observed / expected × ref_value` (e.g. an SMR with
/// `ref_value = 100`), with the limits of the observed count (exact for `observed < 10`, Byar
/// otherwise) divided by the expected count, as PHEindicatormethods::calculate_ISRatio.
///
/// Returns `None` unless `observed ≥ 0`, `expected > 0` and `ref_value` are finite and
/// `0 < level < 1`.
pub fn isr(observed: f64, expected: f64, ref_value: f64, level: f64) -> Option<RateEstimate> {
    if !(positive(expected) && ref_value.is_finite()) {
        return None;
    }
    let limits = poisson_limits(observed, level)?;
    Some(RateEstimate {
        value: observed / expected * ref_value,
        lower: limits.lower / expected * ref_value,
        upper: limits.upper / expected * ref_value,
        method: limits.method,
    })
}

/// Expected count for indirect standardisation: `Σ pop_i · ref_count_i / ref_pop_i`, the local
/// population of each stratum times the reference rate of that stratum (as
/// PHEindicatormethods::calculate_ISRatio with reference counts and populations).
///
/// Returns `None` when the slices differ in length or are empty, a reference population is not
/// positive, or a value is negative or not finite.
pub fn expected_count(ref_counts: &[f64], ref_pops: &[f64], pops: &[f64]) -> Option<f64> {
    if ref_counts.is_empty() || ref_counts.len() != ref_pops.len() || pops.len() != ref_pops.len() {
        return None;
    }
    let mut expected = 0.0;
    for ((&count, &ref_pop), &pop) in ref_counts.iter().zip(ref_pops).zip(pops) {
        if !(non_negative(count) && positive(ref_pop) && non_negative(pop)) {
            return None;
        }
        expected += pop * count / ref_pop;
    }
    Some(expected)
}

/// Directly standardised rate with Dobson's method (Dobson et al. 1991, *Stat. Med.*
/// 10:457–462), as PHEindicatormethods::calculate_dsr with independent events:
/// `DSR = Σ(x_i · w_i / n_i) / Σ w_i × multiplier`, `var = Σ(x_i · (w_i / n_i)²) / (Σ w_i)²`,
/// and limits `DSR + √(var / X) · (L(X) − X) × multiplier` where `X = Σ x_i` and `L(X)` is the
/// Byar limit of `X`.
///
/// `counts`, `denominators` (stratum populations) and `std_pop` (standard population weights)
/// are aligned by position. Value and limits are `None` when the total count is below 10.
/// Returns `None` when the slices differ in length or are empty, a count is negative, a
/// denominator is not positive, a weight is negative, the weights sum to zero, or a value is
/// not finite (PHEindicatormethods counts a missing count as 0; wijkmonitor expects callers to
/// make that choice explicitly).
pub fn dsr_dobson(
    counts: &[f64],
    denominators: &[f64],
    std_pop: &[f64],
    multiplier: f64,
    level: f64,
) -> Option<DsrEstimate> {
    let weights = StrataWeights::new(denominators, std_pop)?;
    if counts.len() != weights.len() || !counts.iter().all(|&c| non_negative(c)) {
        return None;
    }
    let variance = weights.variance(counts);
    dobson(counts, &weights, variance, multiplier, level)
}

/// Persons with a given number of events each, per stratum, for [`dsr_dobson_nonindependent`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrequencyGroup<'a> {
    /// Number of events each of these persons had (1, 2, 3, ...).
    pub event_frequency: f64,
    /// Number of persons per stratum, aligned with the denominators; strata without such
    /// persons must be given as 0.
    pub persons: &'a [f64],
}

/// Directly standardised rate of events that can happen more than once to the same person
/// (e.g. repeat admissions), with Dobson's limits widened for non-independence, as
/// PHEindicatormethods::calculate_dsr with `independent_events = FALSE` (Fingertips technical
/// guidance, DSR chapter).
///
/// The events per stratum are `Σ_f f · persons_f`; the variance is
/// `Σ_f f² · Σ_i persons_f,i · (w_i / n_i)² / (Σ w_i)²`, the Dobson variance of each
/// person-frequency group scaled by the squared frequency. The value equals that of
/// [`dsr_dobson`] on the event counts; only the limits are wider. Same `None` rules as
/// [`dsr_dobson`], plus every frequency must be positive and every `persons` slice as long as
/// the denominators.
pub fn dsr_dobson_nonindependent(
    groups: &[FrequencyGroup<'_>],
    denominators: &[f64],
    std_pop: &[f64],
    multiplier: f64,
    level: f64,
) -> Option<DsrEstimate> {
    let weights = StrataWeights::new(denominators, std_pop)?;
    if groups.is_empty() {
        return None;
    }
    let mut events = vec![0.0; weights.len()];
    let mut variance = 0.0;
    for group in groups {
        let f = group.event_frequency;
        if !positive(f)
            || group.persons.len() != weights.len()
            || !group.persons.iter().all(|&p| non_negative(p))
        {
            return None;
        }
        for (total, persons) in events.iter_mut().zip(group.persons) {
            *total += f * persons;
        }
        variance += f * f * weights.variance(group.persons);
    }
    dobson(&events, &weights, variance, multiplier, level)
}

/// Standardised mean of stratum rates, `Σ w_i · r_i / Σ w_i` over the strata whose rate is
/// present (`Some`), i.e. with the weights renormalised over those strata. This is plain
/// direct standardisation without a confidence interval, used for quantities that are not
/// Poisson counts, such as care costs per insured-year standardised to a reference age/sex mix.
///
/// Returns `None` when the slices differ in length, a weight is negative or not finite, a
/// present rate is not finite, or the weights of the present strata sum to zero.
pub fn direct_standardise(rates: &[Option<f64>], weights: &[f64]) -> Option<f64> {
    if rates.len() != weights.len() || !weights.iter().all(|&w| non_negative(w)) {
        return None;
    }
    let mut weighted = 0.0;
    let mut weight_sum = 0.0;
    for (rate, &weight) in rates.iter().zip(weights) {
        if let Some(rate) = *rate {
            if !rate.is_finite() {
                return None;
            }
            weighted += weight * rate;
            weight_sum += weight;
        }
    }
    (weight_sum > 0.0).then(|| weighted / weight_sum)
}

/// Validated stratum populations and standard-population weights shared by the two DSR
/// functions.
struct StrataWeights<'a> {
    denominators: &'a [f64],
    std_pop: &'a [f64],
    std_total: f64,
}

impl<'a> StrataWeights<'a> {
    fn new(denominators: &'a [f64], std_pop: &'a [f64]) -> Option<Self> {
        if denominators.is_empty()
            || denominators.len() != std_pop.len()
            || !denominators.iter().all(|&n| positive(n))
            || !std_pop.iter().all(|&w| non_negative(w))
        {
            return None;
        }
        let std_total: f64 = std_pop.iter().sum();
        (std_total > 0.0).then_some(StrataWeights {
            denominators,
            std_pop,
            std_total,
        })
    }

    fn len(&self) -> usize {
        self.denominators.len()
    }

    /// Dobson variance of the standardised rate (before the multiplier) for counts `x`:
    /// `Σ x_i (w_i / n_i)² / (Σ w_i)²`.
    fn variance(&self, x: &[f64]) -> f64 {
        let sum: f64 = x
            .iter()
            .zip(self.std_pop)
            .zip(self.denominators)
            .map(|((x, w), n)| x * (w / n) * (w / n))
            .sum();
        sum / (self.std_total * self.std_total)
    }
}

/// Dobson's limits around the standardised rate of `counts`, given its variance.
fn dobson(
    counts: &[f64],
    weights: &StrataWeights<'_>,
    variance: f64,
    multiplier: f64,
    level: f64,
) -> Option<DsrEstimate> {
    if !multiplier.is_finite() {
        return None;
    }
    let total_count: f64 = counts.iter().sum();
    let total_pop: f64 = weights.denominators.iter().sum();
    let mut estimate = DsrEstimate {
        total_count,
        total_pop,
        value: None,
        lower: None,
        upper: None,
    };
    if total_count < SMALL_COUNT {
        return Some(estimate);
    }
    let weighted: f64 = counts
        .iter()
        .zip(weights.std_pop)
        .zip(weights.denominators)
        .map(|((x, w), n)| x * w / n)
        .sum();
    let value = weighted / weights.std_total * multiplier;
    let spread = (variance / total_count).sqrt();
    // Extreme inputs (populations near the smallest double) can overflow; report nothing
    // rather than an infinite rate.
    if !(value.is_finite() && spread.is_finite()) {
        return None;
    }
    estimate.value = Some(value);
    let byar = byar_limits(total_count, level)?;
    estimate.lower = byar
        .lower
        .map(|lower| value + spread * (lower - total_count) * multiplier);
    estimate.upper = Some(value + spread * (byar.upper - total_count) * multiplier);
    Some(estimate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_and_small_inputs_do_not_panic() {
        assert_eq!(byar_rate(f64::NAN, 100.0, 1.0, 0.95), None);
        assert_eq!(byar_rate(1.0, 0.0, 1.0, 0.95), None);
        assert_eq!(isr(5.0, 0.0, 1.0, 0.95), None);
        assert_eq!(dsr_dobson(&[], &[], &[], 1.0, 0.95), None);
        assert_eq!(dsr_dobson(&[1.0], &[0.0], &[1.0], 1.0, 0.95), None);

        let zero = byar_rate(0.0, 100.0, 1.0, 0.95).expect("valid");
        assert_eq!(zero.lower, 0.0);
        assert_eq!(zero.method, PoissonMethod::Exact);

        let small =
            dsr_dobson(&[2.0, 3.0], &[100.0, 200.0], &[1.0, 1.0], 1e5, 0.95).expect("valid input");
        assert_eq!(small.total_count, 5.0);
        assert_eq!(small.value, None);
    }

    #[test]
    fn direct_standardise_renormalises_over_present_strata() {
        let rates = [Some(10.0), None, Some(30.0)];
        assert_eq!(direct_standardise(&rates, &[1.0, 5.0, 3.0]), Some(25.0));
        assert_eq!(direct_standardise(&[None, None], &[1.0, 1.0]), None);
        assert_eq!(direct_standardise(&rates, &[1.0]), None);
    }
}
