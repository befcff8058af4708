//! Comparison of two independent samples, used when the respondents of two measurement waves
//! cannot be matched person by person (anonymous surveys), so a paired analysis is impossible.

use super::interval::{mean, sample_sd, t_critical, t_two_sided_p};

/// Result of Welch's unequal-variances t-test. The difference is `mean_b − mean_a`, so with
/// `a` the earlier wave and `b` the later one a positive difference is an increase.
///
/// Statistics are `None` when either sample has fewer than two values, both have zero spread,
/// or a value is not finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchSummary {
    /// Size of sample `a`.
    pub n_a: usize,
    /// Size of sample `b`.
    pub n_b: usize,
    /// Mean of sample `a`.
    pub mean_a: Option<f64>,
    /// Mean of sample `b`.
    pub mean_b: Option<f64>,
    /// Standard deviation of sample `a`.
    pub sd_a: Option<f64>,
    /// Standard deviation of sample `b`.
    pub sd_b: Option<f64>,
    /// Difference of means `mean_b − mean_a`.
    pub diff: Option<f64>,
    /// Standard error of the difference, `√(sd_a²/n_a + sd_b²/n_b)`.
    pub se: Option<f64>,
    /// Lower confidence limit of the difference.
    pub ci_low: Option<f64>,
    /// Upper confidence limit of the difference.
    pub ci_high: Option<f64>,
    /// t statistic `diff / se`.
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
    /// Two-sided p-value.
    pub p: Option<f64>,
}

/// Welch's t-test for two independent samples with unequal variances (Welch 1947), with the
/// Welch–Satterthwaite degrees of freedom
/// `df = (va + vb)² / (va²/(n_a − 1) + vb²/(n_b − 1))`, `va = sd_a²/n_a`, `vb = sd_b²/n_b`,
/// as R's `t.test(b, a)` and scipy's `ttest_ind(b, a, equal_var=False)`.
pub fn welch(a: &[f64], b: &[f64], level: f64) -> WelchSummary {
    let mut summary = WelchSummary {
        n_a: a.len(),
        n_b: b.len(),
        mean_a: None,
        mean_b: None,
        sd_a: None,
        sd_b: None,
        diff: None,
        se: None,
        ci_low: None,
        ci_high: None,
        t: None,
        df: None,
        p: None,
    };
    summary.mean_a = mean(a);
    summary.mean_b = mean(b);
    let (Some(mean_a), Some(mean_b)) = (summary.mean_a, summary.mean_b) else {
        return summary;
    };
    let diff = mean_b - mean_a;
    summary.diff = Some(diff);
    summary.sd_a = sample_sd(a, mean_a);
    summary.sd_b = sample_sd(b, mean_b);
    let (Some(sd_a), Some(sd_b)) = (summary.sd_a, summary.sd_b) else {
        return summary;
    };
    let va = sd_a * sd_a / a.len() as f64;
    let vb = sd_b * sd_b / b.len() as f64;
    let var = va + vb;
    // Zero variance in both samples leaves the t statistic undefined (R refuses the test).
    if var.is_nan() || var <= 0.0 {
        return summary;
    }
    let se = var.sqrt();
    let df = var * var / (va * va / (a.len() - 1) as f64 + vb * vb / (b.len() - 1) as f64);
    let t = diff / se;
    summary.se = Some(se);
    summary.df = Some(df);
    summary.t = Some(t);
    summary.p = t_two_sided_p(t, df);
    if let Some(t_crit) = t_critical(level, df) {
        summary.ci_low = Some(diff - t_crit * se);
        summary.ci_high = Some(diff + t_crit * se);
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_constant_samples_do_not_panic() {
        let empty = welch(&[], &[1.0, 2.0], 0.95);
        assert_eq!(empty.diff, None);

        let single = welch(&[1.0], &[1.0, 2.0], 0.95);
        assert_eq!(single.diff, Some(0.5));
        assert_eq!(single.t, None);

        let constant = welch(&[2.0, 2.0], &[3.0, 3.0], 0.95);
        assert_eq!(constant.diff, Some(1.0));
        assert_eq!(constant.se, None);
        assert_eq!(constant.p, None);

        // One sample without spread is fine: all the variance comes from the other.
        let one_constant = welch(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0], 0.95);
        assert_eq!(one_constant.df, Some(2.0));
    }
}
