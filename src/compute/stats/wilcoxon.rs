//! Wilcoxon signed-rank test for paired before/after data, reproducing the defaults of R's
//! `wilcox.test(x, y, paired = TRUE)` so that the figures in wijkmonitor's reports can be
//! checked against an R session line by line.
//!
//! R's rules, which scipy's defaults do not follow when there are ties or zeros:
//! zero differences are dropped before ranking; V is the sum of the (average) ranks of the
//! positive differences; the exact null distribution is used when fewer than 50 non-zero
//! differences remain and there were neither ties nor zeros; otherwise a normal approximation
//! with tie correction and continuity correction is used.

use super::interval::normal_two_sided_p;

/// Largest number of non-zero differences for which R uses the exact distribution (`n < 50`).
const EXACT_LIMIT: usize = 50;

/// How the p-value of a signed-rank test was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WilcoxonMethod {
    /// Exact null distribution of V (all `2^n` sign assignments counted).
    Exact,
    /// Normal approximation with tie correction and continuity correction.
    NormalApprox,
}

/// Result of a two-sided Wilcoxon signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WilcoxonResult {
    /// Number of non-zero differences that were ranked.
    pub n: usize,
    /// Number of zero differences that were dropped.
    pub n_zero: usize,
    /// Whether any absolute non-zero differences were tied (then average ranks are used).
    pub has_ties: bool,
    /// Test statistic V: the sum of the ranks of the positive differences.
    pub v: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// Whether the p-value is exact or from the normal approximation.
    pub method: WilcoxonMethod,
}

/// Two-sided Wilcoxon signed-rank test on paired differences (Wilcoxon 1945), with the defaults
/// of R's `wilcox.test(paired = TRUE)` (`exact = NULL`, `correct = TRUE`).
///
/// Zero differences are dropped. With fewer than 50 remaining differences, no ties and no
/// zeros, the p-value is `min(1, 2 · P(V ≤ v))` or `min(1, 2 · P(V ≥ v))`, whichever tail `v`
/// lies in, from the exact distribution of V. Otherwise
/// `z = (V − n(n+1)/4 − ½·sign) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48)` and
/// `p = 2 · min(Φ(z), 1 − Φ(z))`.
///
/// Ties are detected by exact floating-point equality of the absolute differences, as R's
/// `rank` does, so pass differences computed the same way as in R (`after − before`).
///
/// Returns `None` when a difference is not finite or when all differences are zero (no ranks
/// remain, and R reports no p-value either).
pub fn wilcoxon_signed_rank(diffs: &[f64]) -> Option<WilcoxonResult> {
    if diffs.iter().any(|d| !d.is_finite()) {
        return None;
    }
    let nonzero: Vec<f64> = diffs.iter().copied().filter(|&d| d != 0.0).collect();
    let n_zero = diffs.len() - nonzero.len();
    let n = nonzero.len();
    if n == 0 {
        return None;
    }

    let (ranks, tie_sizes) = average_ranks(&nonzero);
    let v: f64 = nonzero
        .iter()
        .zip(&ranks)
        .filter(|(d, _)| **d > 0.0)
        .map(|(_, r)| r)
        .sum();
    let has_ties = tie_sizes.iter().any(|&t| t > 1);
    let nf = n as f64;

    if n < EXACT_LIMIT && !has_ties && n_zero == 0 {
        let p = exact_p(v, n)?;
        return Some(WilcoxonResult {
            n,
            n_zero,
            has_ties,
            v,
            p,
            method: WilcoxonMethod::Exact,
        });
    }

    let centred = v - nf * (nf + 1.0) / 4.0;
    let tie_term: f64 = tie_sizes
        .iter()
        .map(|&t| {
            let t = t as f64;
            t * t * t - t
        })
        .sum();
    let variance = nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - tie_term / 48.0;
    if variance.is_nan() || variance <= 0.0 {
        return None;
    }
    // R subtracts half a unit towards the centre (`sign(z) * 0.5`), and nothing when V sits
    // exactly at its expectation.
    let correction = 0.5 * sign(centred);
    let z = (centred - correction) / variance.sqrt();
    let p = normal_two_sided_p(z)?;
    Some(WilcoxonResult {
        n,
        n_zero,
        has_ties,
        v,
        p,
        method: WilcoxonMethod::NormalApprox,
    })
}

/// Sign as R's `sign`: −1, 0 or 1 (Rust's `signum` would give 1 for +0.0).
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// Ranks of `|d|` with ties given their average rank (R's `rank(abs(x))`), plus the sizes of
/// the tie groups, which the variance correction needs.
fn average_ranks(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].abs().total_cmp(&values[b].abs()));
    let mut ranks = vec![0.0; values.len()];
    let mut tie_sizes = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]].abs() == values[order[start]].abs() {
            end += 1;
        }
        // Positions start..end (0-based) hold ranks start+1..=end; their mean is this.
        let average = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = average;
        }
        tie_sizes.push(end - start);
        start = end;
    }
    (ranks, tie_sizes)
}

/// Exact two-sided p-value of V for `n` untied, non-zero differences, as R's
/// `psignrank`-based branch: the lower tail is used when `v ≤ n(n+1)/4`, the upper otherwise.
///
/// The null distribution is obtained by counting, with dynamic programming, the subsets of
/// the ranks `1..=n` that sum to each value; every subset is equally likely under H0. Counts
/// stay below `2^49` for `n < 50`, so `u64` holds them exactly.
fn exact_p(v: f64, n: usize) -> Option<f64> {
    if n >= EXACT_LIMIT || v.fract() != 0.0 || v < 0.0 {
        return None;
    }
    let max_sum = n * (n + 1) / 2;
    let mut counts = vec![0u64; max_sum + 1];
    counts[0] = 1;
    for rank in 1..=n {
        // Walking the sums downwards lets each rank enter a subset at most once.
        for sum in (rank..=max_sum).rev() {
            counts[sum] += counts[sum - rank];
        }
    }
    let total = 2f64.powi(n as i32);
    let v = v as usize;
    let tail_count: u64 = if (v as f64) > (n * (n + 1)) as f64 / 4.0 {
        counts[v.min(max_sum)..].iter().sum()
    } else {
        counts[..=v.min(max_sum)].iter().sum()
    };
    Some((2.0 * tail_count as f64 / total).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_zero_or_empty_differences_give_none() {
        assert_eq!(wilcoxon_signed_rank(&[]), None);
        assert_eq!(wilcoxon_signed_rank(&[0.0, 0.0, 0.0]), None);
        assert_eq!(wilcoxon_signed_rank(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn single_and_tied_differences_do_not_panic() {
        let one = wilcoxon_signed_rank(&[2.5]).expect("one difference");
        assert_eq!(one.method, WilcoxonMethod::Exact);
        assert_eq!(one.v, 1.0);
        // Both signs are equally likely, so the two-sided p-value is 1.
        assert_eq!(one.p, 1.0);

        let tied = wilcoxon_signed_rank(&[1.0, 1.0, 1.0, 0.0]).expect("tied differences");
        assert_eq!(tied.method, WilcoxonMethod::NormalApprox);
        assert_eq!(tied.v, 6.0);
        assert!(tied.p > 0.0 && tied.p <= 1.0);
    }

    #[test]
    fn exact_distribution_matches_enumeration() {
        // For n = 3 the 8 sign patterns give V = 0,1,2,3,3,4,5,6, so P(V <= 2) = 3/8.
        let r = wilcoxon_signed_rank(&[-1.0, 2.0, -3.0]).expect("result");
        assert_eq!(r.v, 2.0);
        assert_eq!(r.p, 2.0 * 3.0 / 8.0);
    }
}
