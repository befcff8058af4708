//! Direct standardisation of stratum rates to a reference population (care costs per
//! insured-year standardised for sex and age class).
//!
//! Poisson limits (exact, Byar), indirectly standardised ratios and Dobson's directly
//! standardised rates after PHEindicatormethods were here, checked against its fixtures; no
//! report used them, so they were removed (see the git history to bring them back).

use super::interval::non_negative;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_standardise_renormalises_over_present_strata() {
        let rates = [Some(10.0), None, Some(30.0)];
        assert_eq!(direct_standardise(&rates, &[1.0, 5.0, 3.0]), Some(25.0));
        assert_eq!(direct_standardise(&[None, None], &[1.0, 1.0]), None);
        assert_eq!(direct_standardise(&rates, &[1.0]), None);
    }
}
