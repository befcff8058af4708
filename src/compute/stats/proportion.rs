//! Confidence intervals for proportions (share of residents or clients with some
//! characteristic) and for the difference between two independent proportions.
//!
//! Both use Wilson's score interval, which, unlike the Wald interval `p ± z·√(p(1−p)/n)`, stays
//! inside [0, 1] and keeps close to its nominal coverage for the small neighbourhood counts and
//! proportions near 0 or 1 that wijkmonitor reports.

use super::interval::{non_negative, positive, z_critical};

/// A proportion (or difference of proportions) with its confidence limits, on the 0–1 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionCi {
    /// Point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
}

/// Wilson score interval (Wilson 1927) for `x` successes out of `n`, as
/// PHEindicatormethods::phe_proportion (`wilson_lower`/`wilson_upper`):
/// `(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))`.
///
/// `x` need not be an integer (weighted counts are allowed, as in PHEindicatormethods). The
/// limits at `x = 0` and `x = n` are set to exactly 0 and 1, which is their mathematical value;
/// the formula itself leaves a rounding residue of order 1e-17 there.
///
/// Returns `None` unless `n > 0`, `0 ≤ x ≤ n`, both are finite and `0 < level < 1`.
pub fn wilson(x: f64, n: f64, level: f64) -> Option<ProportionCi> {
    if !(positive(n) && non_negative(x) && x <= n) {
        return None;
    }
    let z = z_critical(level)?;
    let z2 = z * z;
    let root = z * (z2 + 4.0 * x * (1.0 - x / n)).sqrt();
    let denominator = 2.0 * (n + z2);
    let lower = if x == 0.0 {
        0.0
    } else {
        (2.0 * x + z2 - root) / denominator
    };
    let upper = if x == n {
        1.0
    } else {
        (2.0 * x + z2 + root) / denominator
    };
    Some(ProportionCi {
        value: x / n,
        lower,
        upper,
    })
}

/// Difference of two independent proportions `p2 − p1` (`p1 = x1/n1`, `p2 = x2/n2`) with
/// Newcombe's hybrid score interval, method 10 of Newcombe (1998, *Stat. Med.* 17:873–890),
/// built from the Wilson intervals `(l1, u1)` and `(l2, u2)` of the two proportions:
/// `lower = d − √((p2 − l2)² + (u1 − p1)²)`, `upper = d + √((u2 − p2)² + (p1 − l1)²)`.
///
/// The order `p2 − p1` matches the rest of the module (later wave minus earlier wave).
/// Returns `None` when either Wilson interval is undefined.
pub fn newcombe_diff(x1: f64, n1: f64, x2: f64, n2: f64, level: f64) -> Option<ProportionCi> {
    let first = wilson(x1, n1, level)?;
    let second = wilson(x2, n2, level)?;
    let (p1, l1, u1) = (first.value, first.lower, first.upper);
    let (p2, l2, u2) = (second.value, second.lower, second.upper);
    let d = p2 - p1;
    let lower = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let upper = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    Some(ProportionCi {
        value: d,
        lower,
        upper,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_counts_give_none() {
        assert_eq!(wilson(0.0, 0.0, 0.95), None);
        assert_eq!(wilson(3.0, 2.0, 0.95), None);
        assert_eq!(wilson(f64::NAN, 2.0, 0.95), None);
        assert_eq!(wilson(1.0, 2.0, 95.0), None);
        assert_eq!(newcombe_diff(1.0, 0.0, 1.0, 2.0, 0.95), None);
    }

    #[test]
    fn boundaries_are_exact() {
        let none = wilson(0.0, 10.0, 0.95).expect("valid");
        assert_eq!(none.lower, 0.0);
        let all = wilson(10.0, 10.0, 0.95).expect("valid");
        assert_eq!(all.upper, 1.0);
    }
}
