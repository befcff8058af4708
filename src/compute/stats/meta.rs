//! Pooling of effects across sites (e.g. the before/after change of several care networks)
//! with a random-effects meta-analysis, so that a region-wide effect can be reported with an
//! interval that reflects both sampling error and real differences between sites.

use super::interval::{chisq_sf, positive, z_critical};

/// Result of a DerSimonian–Laird random-effects meta-analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetaResult {
    /// Number of studies (sites).
    pub k: usize,
    /// Random-effects pooled estimate.
    pub est_re: f64,
    /// Standard error of the random-effects estimate.
    pub se_re: f64,
    /// Lower confidence limit of the random-effects estimate (normal quantile).
    pub ci_lb_re: f64,
    /// Upper confidence limit of the random-effects estimate (normal quantile).
    pub ci_ub_re: f64,
    /// Between-study variance τ² (method of moments, truncated at 0).
    pub tau2: f64,
    /// Cochran's Q heterogeneity statistic.
    pub q: f64,
    /// Degrees of freedom of Q, `k − 1`.
    pub q_df: usize,
    /// p-value of Q against χ²(k − 1); `None` when `k = 1`.
    pub p_q: Option<f64>,
    /// I² in percent, `max(0, (Q − df) / Q) × 100`; `None` when `k = 1` or `Q = 0`.
    pub i2_pct: Option<f64>,
    /// Common-effect (inverse-variance, fixed-effect) estimate.
    pub est_fe: f64,
    /// Standard error of the common-effect estimate.
    pub se_fe: f64,
}

/// DerSimonian–Laird random-effects meta-analysis (DerSimonian & Laird 1986, *Control. Clin.
/// Trials* 7:177–188), as R's `metafor::rma(yi, vi, method = "DL")`:
/// `w_i = 1/v_i`, `Q = Σ w_i (y_i − ȳ_FE)²`,
/// `τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw))`, random-effects weights `1/(v_i + τ²)`,
/// and a normal (z) confidence interval. I² is `(Q − df)/Q` truncated at 0 (Higgins &
/// Thompson 2002), which for DL equals metafor's `τ²/(τ² + s²)`.
///
/// With a single study the pooled estimate is that study, `τ² = 0` and `Q = 0`.
/// Returns `None` when the slices are empty or differ in length, an effect is not finite, a
/// variance is not positive and finite, the level is not strictly between 0 and 1, or the
/// weights overflow double precision.
pub fn dersimonian_laird(yi: &[f64], vi: &[f64], level: f64) -> Option<MetaResult> {
    let k = yi.len();
    if k == 0
        || vi.len() != k
        || yi.iter().any(|y| !y.is_finite())
        || !vi.iter().all(|&v| positive(v))
    {
        return None;
    }
    let z = z_critical(level)?;

    let weights: Vec<f64> = vi.iter().map(|v| 1.0 / v).collect();
    let sum_w: f64 = weights.iter().sum();
    let sum_w2: f64 = weights.iter().map(|w| w * w).sum();
    let est_fe = weighted_mean(yi, &weights, sum_w);
    let se_fe = (1.0 / sum_w).sqrt();
    let q: f64 = yi
        .iter()
        .zip(&weights)
        .map(|(y, w)| w * (y - est_fe) * (y - est_fe))
        .sum();
    let q_df = k - 1;
    let df = q_df as f64;

    let c = sum_w - sum_w2 / sum_w;
    // With one study, or studies of which one has all the weight, c is 0 and τ² cannot be
    // estimated; the DL convention is then τ² = 0.
    let tau2 = if c > 0.0 {
        ((q - df) / c).max(0.0)
    } else {
        0.0
    };

    let re_weights: Vec<f64> = vi.iter().map(|v| 1.0 / (v + tau2)).collect();
    let sum_re: f64 = re_weights.iter().sum();
    let est_re = weighted_mean(yi, &re_weights, sum_re);
    let se_re = (1.0 / sum_re).sqrt();

    // Variances near the limits of double precision can overflow the weight sums; such input
    // has no meaningful pooled estimate.
    if ![est_fe, se_fe, q, tau2, est_re, se_re]
        .iter()
        .all(|v| v.is_finite())
    {
        return None;
    }

    let p_q = if q_df > 0 { chisq_sf(q, df) } else { None };
    let i2_pct = (q_df > 0 && q > 0.0).then(|| ((q - df) / q).max(0.0) * 100.0);

    Some(MetaResult {
        k,
        est_re,
        se_re,
        ci_lb_re: est_re - z * se_re,
        ci_ub_re: est_re + z * se_re,
        tau2,
        q,
        q_df,
        p_q,
        i2_pct,
        est_fe,
        se_fe,
    })
}

/// `Σ w_i y_i / Σ w_i` with the weight total already known.
fn weighted_mean(y: &[f64], w: &[f64], sum_w: f64) -> f64 {
    y.iter().zip(w).map(|(y, w)| y * w).sum::<f64>() / sum_w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_inputs_do_not_panic() {
        assert_eq!(dersimonian_laird(&[], &[], 0.95), None);
        assert_eq!(dersimonian_laird(&[0.1], &[0.0], 0.95), None);
        assert_eq!(dersimonian_laird(&[0.1, f64::NAN], &[0.1, 0.1], 0.95), None);

        let single = dersimonian_laird(&[0.3], &[0.04], 0.95).expect("one study");
        assert_eq!(single.est_re, 0.3);
        assert_eq!(single.tau2, 0.0);
        assert_eq!(single.p_q, None);
        assert_eq!(single.i2_pct, None);

        let identical = dersimonian_laird(&[0.5, 0.5], &[0.25, 1.0], 0.95).expect("two");
        assert_eq!(identical.q, 0.0);
        assert_eq!(identical.tau2, 0.0);
        assert_eq!(identical.i2_pct, None);
    }
}
