//! Difference-in-differences of an indicator between two periods, and the placebo rank of an
//! area's difference among its comparison areas.

/// An area's change set against the changes of its comparison areas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiD {
    /// The area's change, `after − before`.
    pub area_change: f64,
    /// Mean change of the comparison areas with both values.
    pub comparison_mean_change: f64,
    /// Sample sd (denominator n − 1) of the comparison areas' changes; `None` for n = 1.
    pub comparison_sd_change: Option<f64>,
    /// Number of comparison areas with both values.
    pub n: usize,
    /// The difference-in-differences, `area_change − comparison_mean_change`.
    pub did: f64,
}

/// The area's change (`after − before`) minus the mean change of the comparison areas, each
/// given as `(before, after)`. Comparison areas lacking either value (or with a non-finite
/// one) are skipped; `None` when the area's own values are unusable or no comparison area is
/// left.
pub fn difference_in_differences(
    area_before: f64,
    area_after: f64,
    comparisons: &[(Option<f64>, Option<f64>)],
) -> Option<DiD> {
    let area_change = area_after - area_before;
    if !area_change.is_finite() {
        return None;
    }
    let changes = comparison_changes(comparisons);
    let n = changes.len();
    if n == 0 {
        return None;
    }
    let mean = changes.iter().sum::<f64>() / n as f64;
    let sd = (n > 1)
        .then(|| (changes.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt());
    let did = area_change - mean;
    did.is_finite().then_some(DiD {
        area_change,
        comparison_mean_change: mean,
        comparison_sd_change: sd,
        n,
        did,
    })
}

/// The changes `after − before` of the comparison areas with both values finite.
fn comparison_changes(comparisons: &[(Option<f64>, Option<f64>)]) -> Vec<f64> {
    comparisons
        .iter()
        .filter_map(|&(before, after)| Some(after? - before?))
        .filter(|c| c.is_finite())
        .collect()
}

/// Where an area's difference-in-differences ranks among placebo differences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceboRank {
    /// The area's difference-in-differences, `c₀ − mean(c₁ … cₙ)`.
    pub effect: f64,
    /// Rank of `|effect|` among the n + 1 absolute differences, 1 for the most extreme;
    /// ties count against the area.
    pub rank: usize,
    /// Number of comparison areas.
    pub n: usize,
    /// Two-sided placebo p-value `rank / (n + 1)`; its smallest possible value is
    /// `1 / (n + 1)` (0.091 with 10 comparison areas).
    pub p: f64,
}

/// The placebo test of synthetic-control studies (Abadie, Diamond & Hainmueller 2010, *J. Am.
/// Stat. Assoc.* 105:493–505, "placebo studies" in space) applied to the
/// difference-in-differences:
///
/// * the area's effect is `e₀ = c₀ − mean(c₁ … cₙ)`, its change minus the mean change of
///   the n comparison areas;
/// * each comparison area j in turn is treated as if it were the intervention area, with the
///   other comparison areas as its controls: `eⱼ = cⱼ − mean(cᵢ, i ≠ j)`;
/// * `rank = 1 + #{j : |eⱼ| ≥ |e₀|}` (two-sided through absolute values, ties counted
///   against the area, which keeps the test conservative), and `p = rank / (n + 1)`, the
///   share of the n + 1 areas whose effect is at least as extreme as the area's.
///
/// `area_change` and `comparison_changes` are changes `after − before`; non-finite
/// comparison changes are skipped. `None` when the area's change is not finite or fewer
/// than two comparison changes remain (a placebo needs at least one control of its own).
pub fn placebo_rank(area_change: f64, comparison_changes: &[f64]) -> Option<PlaceboRank> {
    if !area_change.is_finite() {
        return None;
    }
    let changes: Vec<f64> = comparison_changes
        .iter()
        .copied()
        .filter(|c| c.is_finite())
        .collect();
    let n = changes.len();
    if n < 2 {
        return None;
    }
    let total: f64 = changes.iter().sum();
    let effect = area_change - total / n as f64;
    let more_extreme = changes
        .iter()
        .filter(|&&c| {
            let placebo = c - (total - c) / (n - 1) as f64;
            placebo.abs() >= effect.abs()
        })
        .count();
    let rank = 1 + more_extreme;
    Some(PlaceboRank {
        effect,
        rank,
        n,
        p: rank as f64 / (n + 1) as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difference_in_differences_by_hand() {
        // Area 10 → 14 (change 4). Comparison changes 1, 2, 3 (one area lacks a value):
        // mean 2, sd 1, DiD 2.
        let comparisons = [
            (Some(5.0), Some(6.0)),
            (Some(7.0), Some(9.0)),
            (Some(1.0), Some(4.0)),
            (None, Some(3.0)),
        ];
        let did = difference_in_differences(10.0, 14.0, &comparisons).unwrap();
        assert_eq!(did.area_change, 4.0);
        assert_eq!(did.comparison_mean_change, 2.0);
        assert_eq!(did.comparison_sd_change, Some(1.0));
        assert_eq!(did.n, 3);
        assert_eq!(did.did, 2.0);

        let single = difference_in_differences(0.0, 1.0, &[(Some(0.0), Some(0.5))]).unwrap();
        assert_eq!(single.comparison_sd_change, None);
        assert_eq!(single.did, 0.5);
        assert!(difference_in_differences(0.0, 1.0, &[(None, None)]).is_none());
        assert!(difference_in_differences(f64::NAN, 1.0, &[(Some(0.0), Some(1.0))]).is_none());
    }

    #[test]
    fn placebo_rank_by_hand() {
        // Comparison changes 1, 2, 3: leave-one-out placebo effects 1 − 2.5 = −1.5,
        // 2 − 2 = 0, 3 − 1.5 = 1.5.
        // Area change 5: effect 3, more extreme than every placebo → rank 1, p = 1/4.
        let top = placebo_rank(5.0, &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!((top.effect, top.rank, top.n, top.p), (3.0, 1, 3, 0.25));
        // Area change 2.5: effect 0.5; |−1.5| and |1.5| are larger → rank 3, p = 3/4.
        let middle = placebo_rank(2.5, &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!((middle.rank, middle.p), (3, 0.75));
        // Area change 0.5: effect −1.5 ties with both ±1.5 → rank 3 (ties against the area).
        let tie = placebo_rank(0.5, &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!((tie.effect, tie.rank), (-1.5, 3));
        assert!(placebo_rank(1.0, &[2.0]).is_none());
        assert!(placebo_rank(f64::INFINITY, &[1.0, 2.0]).is_none());
        assert_eq!(placebo_rank(1.0, &[2.0, f64::NAN, 4.0]).unwrap().n, 2);
    }
}
