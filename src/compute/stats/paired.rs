//! Before/after comparison for the same respondents (paired data), as used for the impact
//! figures of care-and-welfare networks: descriptives, the paired t-test, the Wilcoxon
//! signed-rank test, standardised effect sizes, and counts of individual change by a minimal
//! important change.

use super::interval::{mean, non_negative, sample_sd, t_critical, t_two_sided_p};
use super::wilcoxon::{WilcoxonResult, wilcoxon_signed_rank};
use crate::spec::Polarity;

/// Relative allowance when comparing a change with the minimal important change. Scores are
/// usually recorded with one or two decimals, and a difference such as `7.4 − 5.9` comes out
/// as 1.4999999999999998 in binary floating point; without this allowance it would fall just
/// short of a MIC of 1.5 although the recorded change equals it.
const MIC_RELATIVE_TOLERANCE: f64 = 1e-9;

/// Settings for [`paired`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedOptions {
    /// Confidence level of the interval of the mean difference, e.g. 0.95.
    pub level: f64,
    /// Minimal important change, on the scale of the score; 0 counts any change.
    pub mic: f64,
    /// Which direction of the score is better; [`Polarity::Neutral`] gives no counts of
    /// improvement.
    pub polarity: Polarity,
}

impl Default for PairedOptions {
    fn default() -> Self {
        PairedOptions {
            level: 0.95,
            mic: 0.0,
            polarity: Polarity::HigherIsBetter,
        }
    }
}

/// Numbers of respondents who improved, stayed the same or got worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangeCounts {
    /// Respondents whose change in the good direction reached the threshold.
    pub improved: usize,
    /// Respondents in neither of the other two groups.
    pub unchanged: usize,
    /// Respondents whose change in the bad direction reached the threshold.
    pub worse: usize,
}

/// Everything wijkmonitor reports about one paired before/after comparison.
///
/// Fields are `None` where the statistic is undefined for the data: fewer than two pairs, or a
/// non-finite value anywhere in the input. When the differences have no spread
/// (`sd_diff = 0`), the t statistic, its p-value and d_z are `None` because they divide by
/// it (R's `t.test` refuses such data), while the interval of the mean difference has zero
/// width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedSummary {
    /// Number of pairs.
    pub n: usize,
    /// Mean score before.
    pub mean_before: Option<f64>,
    /// Mean score after.
    pub mean_after: Option<f64>,
    /// Standard deviation of the scores before.
    pub sd_before: Option<f64>,
    /// Standard deviation of the scores after.
    pub sd_after: Option<f64>,
    /// Pearson correlation of before and after scores.
    pub r_before_after: Option<f64>,
    /// Mean of the differences `after − before`.
    pub mean_diff: Option<f64>,
    /// Standard deviation of the differences.
    pub sd_diff: Option<f64>,
    /// Lower limit of the t confidence interval of the mean difference.
    pub ci_low: Option<f64>,
    /// Upper limit of the t confidence interval of the mean difference.
    pub ci_high: Option<f64>,
    /// Paired t statistic `mean_diff / (sd_diff / √n)`.
    pub t: Option<f64>,
    /// Degrees of freedom `n − 1`.
    pub df: Option<f64>,
    /// Two-sided p-value of the paired t-test.
    pub p_ttest: Option<f64>,
    /// Wilcoxon signed-rank test with R's defaults; `None` when all differences are zero.
    pub wilcoxon: Option<WilcoxonResult>,
    /// Cohen's d_z = `mean_diff / sd_diff`.
    pub cohen_dz: Option<f64>,
    /// Cohen's d_av = `mean_diff / ((sd_before + sd_after) / 2)`.
    pub d_av: Option<f64>,
    /// Counts of improved / unchanged / worse by the minimal important change; `None` when the
    /// MIC is negative or not finite, or the data contain a non-finite value.
    pub change: Option<ChangeCounts>,
}

/// Paired comparison of `before` and `after` scores of the same respondents (position `i` in
/// both slices is the same person). Differences are `after − before`.
///
/// * Paired t-test and t interval of the mean difference (Student 1908), as R's
///   `t.test(after, before, paired = TRUE)`.
/// * Wilcoxon signed-rank test as R's `wilcox.test(paired = TRUE)`, see
///   [`wilcoxon_signed_rank`].
/// * Cohen's d_z and d_av (Lakens 2013, *Front. Psychol.* 4:863).
/// * Change counts by the minimal important change `mic` (oriented by `polarity`): with
///   `mic > 0`, improved when the change in the good direction is at least `mic`, worse when
///   it is at most `−mic`, unchanged otherwise; with `mic == 0`, improved when it is positive,
///   worse when negative and unchanged when exactly zero. A relative allowance of 1e-9 absorbs
///   floating-point representation error in the comparison with `mic`.
///
/// Returns `None` only when the two slices have different lengths, because then the pairs
/// cannot be formed; every other degenerate input yields `None` fields.
pub fn paired(before: &[f64], after: &[f64], options: &PairedOptions) -> Option<PairedSummary> {
    if before.len() != after.len() {
        return None;
    }
    let n = before.len();
    let mut summary = PairedSummary {
        n,
        mean_before: None,
        mean_after: None,
        sd_before: None,
        sd_after: None,
        r_before_after: None,
        mean_diff: None,
        sd_diff: None,
        ci_low: None,
        ci_high: None,
        t: None,
        df: None,
        p_ttest: None,
        wilcoxon: None,
        cohen_dz: None,
        d_av: None,
        change: None,
    };
    let (Some(mean_before), Some(mean_after)) = (mean(before), mean(after)) else {
        return Some(summary);
    };
    let diffs: Vec<f64> = after.iter().zip(before).map(|(a, b)| a - b).collect();
    let Some(mean_diff) = mean(&diffs) else {
        return Some(summary);
    };
    summary.mean_before = Some(mean_before);
    summary.mean_after = Some(mean_after);
    summary.mean_diff = Some(mean_diff);
    summary.wilcoxon = wilcoxon_signed_rank(&diffs);
    summary.change = change_counts(&diffs, options.mic, options.polarity);

    let (Some(sd_before), Some(sd_after), Some(sd_diff)) = (
        sample_sd(before, mean_before),
        sample_sd(after, mean_after),
        sample_sd(&diffs, mean_diff),
    ) else {
        return Some(summary);
    };
    summary.sd_before = Some(sd_before);
    summary.sd_after = Some(sd_after);
    summary.sd_diff = Some(sd_diff);
    summary.r_before_after = pearson(before, mean_before, after, mean_after);

    let df = (n - 1) as f64;
    let se = sd_diff / (n as f64).sqrt();
    summary.df = Some(df);
    if let Some(t_crit) = t_critical(options.level, df) {
        summary.ci_low = Some(mean_diff - t_crit * se);
        summary.ci_high = Some(mean_diff + t_crit * se);
    }
    if sd_diff > 0.0 {
        let t = mean_diff / se;
        summary.t = Some(t);
        summary.p_ttest = t_two_sided_p(t, df);
        let dz = mean_diff / sd_diff;
        summary.cohen_dz = Some(dz);
    }
    let sd_average = (sd_before + sd_after) / 2.0;
    if sd_average > 0.0 {
        summary.d_av = Some(mean_diff / sd_average);
    }
    Some(summary)
}

/// Counts of improved / unchanged / worse by the minimal important change rule documented on
/// [`paired`]; `None` for a negative or non-finite `mic`, non-finite differences or a
/// [`Polarity::Neutral`] score (which has no better direction).
fn change_counts(diffs: &[f64], mic: f64, polarity: Polarity) -> Option<ChangeCounts> {
    if !non_negative(mic) || diffs.iter().any(|d| !d.is_finite()) || polarity == Polarity::Neutral {
        return None;
    }
    let threshold = mic * (1.0 - MIC_RELATIVE_TOLERANCE);
    let mut counts = ChangeCounts::default();
    for &diff in diffs {
        let good = polarity.orient(diff)?;
        let (improved, worse) = if mic > 0.0 {
            (good >= threshold, good <= -threshold)
        } else {
            (good > 0.0, good < 0.0)
        };
        if improved {
            counts.improved += 1;
        } else if worse {
            counts.worse += 1;
        } else {
            counts.unchanged += 1;
        }
    }
    Some(counts)
}

/// Pearson correlation of two equally long samples with known means; `None` when either has
/// no spread.
fn pearson(x: &[f64], mean_x: f64, y: &[f64], mean_y: f64) -> Option<f64> {
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mean_x, b - mean_y);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_single_and_mismatched_input_do_not_panic() {
        let options = PairedOptions::default();
        assert_eq!(paired(&[1.0], &[1.0, 2.0], &options), None);

        let empty = paired(&[], &[], &options).expect("same lengths");
        assert_eq!(empty.n, 0);
        assert_eq!(empty.mean_diff, None);
        assert_eq!(empty.wilcoxon, None);

        let single = paired(&[3.0], &[4.0], &options).expect("same lengths");
        assert_eq!(single.mean_diff, Some(1.0));
        assert_eq!(single.sd_diff, None);
        assert_eq!(single.t, None);
    }

    #[test]
    fn all_zero_differences_give_no_tests() {
        let options = PairedOptions::default();
        let s = paired(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], &options).expect("same lengths");
        assert_eq!(s.mean_diff, Some(0.0));
        assert_eq!(s.sd_diff, Some(0.0));
        assert_eq!(s.t, None);
        assert_eq!(s.p_ttest, None);
        assert_eq!(s.cohen_dz, None);
        assert_eq!(s.wilcoxon, None);
        assert_eq!(
            s.change,
            Some(ChangeCounts {
                improved: 0,
                unchanged: 3,
                worse: 0
            })
        );
    }

    #[test]
    fn constant_scores_and_nan_do_not_panic() {
        let options = PairedOptions::default();
        // sd_before = 0 and a constant shift: the t statistic is undefined.
        let s = paired(&[2.0, 2.0, 2.0], &[3.0, 3.0, 3.0], &options).expect("same lengths");
        assert_eq!(s.sd_diff, Some(0.0));
        assert_eq!(s.t, None);
        assert_eq!(s.d_av, None);
        assert_eq!(s.r_before_after, None);

        let s = paired(&[1.0, f64::NAN], &[2.0, 3.0], &options).expect("same lengths");
        assert_eq!(s.mean_before, None);
        assert_eq!(s.change, None);
    }

    #[test]
    fn mic_rule_respects_polarity_and_threshold() {
        let diffs = [1.5, 7.4 - 5.9, 0.4, 0.0, -0.4, -1.5];
        let higher = change_counts(&diffs, 1.5, Polarity::HigherIsBetter).expect("valid");
        assert_eq!(
            higher,
            ChangeCounts {
                improved: 2,
                unchanged: 3,
                worse: 1
            }
        );
        let lower = change_counts(&diffs, 0.0, Polarity::LowerIsBetter).expect("valid");
        assert_eq!(
            lower,
            ChangeCounts {
                improved: 2,
                unchanged: 1,
                worse: 3
            }
        );
        assert_eq!(change_counts(&diffs, -1.0, Polarity::HigherIsBetter), None);
    }
}
