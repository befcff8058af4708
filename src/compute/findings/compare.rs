//! Findings of the cross-site report (`vergelijking.pdf`): which pooled change is
//! demonstrable, whether the spread between networks can be estimated, what a moderator
//! allows one to conclude, which networks were left out and why, and where a network
//! area's change ranks among its comparison areas'.
//!
//! Pure functions from the comparison's rows (`compute::compare::sites`) and figures to
//! typed findings; `render::compare::report` turns them into words of the catalogue
//! (`compare-…` keys) and decides nothing of its own.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::compute::compare::sites::{ModeratorRow, PooledRow, SiteEffectRow};
use crate::compute::stats::meta::{MIN_K_HETEROGENEITY, MIN_K_MODERATOR};

use super::FindingRules;

/// What the pooling of one outcome allows one to say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PooledFinding {
    /// Fewer than two networks could be pooled: nothing is pooled (`k` networks).
    NotPooled { k: usize },
    /// A pooled estimate of `k` networks.
    Pooled {
        k: usize,
        /// The two-sided p-value of the pooled estimate (t on k − 1 df under
        /// Knapp–Hartung, z otherwise), as `metafor::rma` reports it (`pval`).
        p: f64,
        /// `p` below the rules' alpha.
        demonstrable: bool,
        /// Whether τ², I² and Q can be interpreted (k ≥ [`MIN_K_HETEROGENEITY`]).
        heterogeneity_reliable: bool,
    },
}

impl PooledFinding {
    /// Whether the pooled change is demonstrable.
    pub fn demonstrable(&self) -> bool {
        matches!(
            self,
            PooledFinding::Pooled {
                demonstrable: true,
                ..
            }
        )
    }
}

/// The finding of one pooled row: its p-value from the estimate and its standard error on
/// the test's distribution (so the judgement follows the rules' alpha, not the interval's
/// level), and whether its heterogeneity can be interpreted.
pub fn pooled(p: &PooledRow, rules: &FindingRules) -> PooledFinding {
    let (Some(estimate), Some(se)) = (p.estimate, p.se) else {
        return PooledFinding::NotPooled { k: p.k };
    };
    let Some(pvalue) = pooled_p(estimate, se, p.test, p.k) else {
        return PooledFinding::NotPooled { k: p.k };
    };
    PooledFinding::Pooled {
        k: p.k,
        p: pvalue,
        demonstrable: rules.demonstrable(Some(pvalue)),
        heterogeneity_reliable: p.k >= MIN_K_HETEROGENEITY,
    }
}

/// metafor's `pval` of a pooled estimate: `2 pt(−|est/se|, k − 1)` under Knapp–Hartung
/// (`test = "knha"`), `2 pnorm(−|est/se|)` otherwise; `None` when it cannot be computed.
pub fn pooled_p(estimate: f64, se: f64, test: &str, k: usize) -> Option<f64> {
    if !(estimate.is_finite() && se.is_finite() && se > 0.0) {
        return None;
    }
    let statistic = (estimate / se).abs();
    let tail = if test == "knha" {
        if k < 2 {
            return None;
        }
        StudentsT::new(0.0, 1.0, (k - 1) as f64)
            .ok()?
            .cdf(-statistic)
    } else {
        Normal::standard().cdf(-statistic)
    };
    Some((2.0 * tail).min(1.0))
}

/// What a moderator (one register characteristic) allows one to conclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeratorFinding {
    /// Fewer networks than [`MIN_K_MODERATOR`]: no conclusion possible.
    TooFewNetworks { k: usize, min_k: usize },
    /// Enough networks, but a level holds one network only, or the test could not be
    /// computed: no conclusion possible.
    NoConclusion { k: usize },
    /// The levels differ demonstrably (QM's p below alpha).
    Differs { k: usize },
    /// No demonstrable difference between the levels.
    NoDifference { k: usize },
}

/// The finding of one moderator from the rows of its levels (one outcome, one measure,
/// one moderator; the test repeats on each row).
pub fn moderator(levels: &[&ModeratorRow], rules: &FindingRules) -> ModeratorFinding {
    let k: usize = levels.iter().map(|l| l.k).sum();
    if k < MIN_K_MODERATOR {
        return ModeratorFinding::TooFewNetworks {
            k,
            min_k: MIN_K_MODERATOR,
        };
    }
    let p = levels.first().and_then(|l| l.p_qm);
    if levels.len() < 2 || levels.iter().any(|l| l.k < 2) || p.is_none() {
        return ModeratorFinding::NoConclusion { k };
    }
    if rules.demonstrable(p) {
        ModeratorFinding::Differs { k }
    } else {
        ModeratorFinding::NoDifference { k }
    }
}

/// Why a network's figures are not pooled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOutReason {
    /// Fewer pairs than the disclosure threshold, or suppressed to protect a group: a
    /// pooled figure must never let a reader work back to a suppressed one.
    Suppressed,
    /// No figures for this outcome (the network has no responses in one of the waves).
    Missing,
    /// No spread of the changes (every pair changed by the same amount): no variance.
    NoVariance,
    /// Too few pairs for a variance.
    TooFewPairs,
    /// A figure that is not a number.
    NotFinite,
}

impl LeftOutReason {
    /// From the `reason` code of `site_effects`.
    pub fn from_code(code: &str) -> LeftOutReason {
        match code {
            "below_min_n" | "suppressed" => LeftOutReason::Suppressed,
            "no_variance" => LeftOutReason::NoVariance,
            "too_few_pairs" => LeftOutReason::TooFewPairs,
            "not_finite" => LeftOutReason::NotFinite,
            _ => LeftOutReason::Missing,
        }
    }

    /// A stable code (catalogue keys `compare-left-out-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            LeftOutReason::Suppressed => "suppressed",
            LeftOutReason::Missing => "missing",
            LeftOutReason::NoVariance => "no-variance",
            LeftOutReason::TooFewPairs => "too-few-pairs",
            LeftOutReason::NotFinite => "not-finite",
        }
    }
}

/// One network left out of the pooling of at least one outcome, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub network_id: String,
    /// The reasons, each once, in the order of [`LeftOutReason`].
    pub reasons: Vec<LeftOutReason>,
    /// For how many outcomes of the measure the network was left out.
    pub outcomes: usize,
}

/// The networks left out of the pooling of `measure`, in order of their id.
pub fn left_out(site_effects: &[SiteEffectRow], measure: &str) -> Vec<LeftOut> {
    let mut by: std::collections::BTreeMap<
        &str,
        (std::collections::BTreeSet<LeftOutReason>, usize),
    > = Default::default();
    for s in site_effects
        .iter()
        .filter(|s| !s.included && s.measure == measure)
    {
        let e = by.entry(s.network_id.as_str()).or_default();
        e.0.insert(LeftOutReason::from_code(s.reason.unwrap_or("missing")));
        e.1 += 1;
    }
    by.into_iter()
        .map(|(id, (reasons, outcomes))| LeftOut {
            network_id: id.to_owned(),
            reasons: reasons.into_iter().collect(),
            outcomes,
        })
        .collect()
}

/// Where a network area's change falls among its comparison areas' (the placebo rank).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlaceboFinding {
    /// Too few comparison areas with a value to rank.
    NotRanked,
    /// The placebo p-value is below alpha: the area changed differently from its
    /// comparison areas.
    Demonstrable { rank: usize, n: usize, p: f64 },
    /// The area's change is the most extreme of all, yet with `n` comparison areas the
    /// smallest possible p-value, 1 / (n + 1), is not below alpha: notable, not
    /// demonstrable.
    MostExtreme { n: usize, smallest_p: f64 },
    /// The area's change lies among its comparison areas'.
    Within { rank: usize, n: usize },
}

impl PlaceboFinding {
    /// A stable code (for the report's styling and tests).
    pub fn code(self) -> &'static str {
        match self {
            PlaceboFinding::NotRanked => "not-ranked",
            PlaceboFinding::Demonstrable { .. } => "demonstrable",
            PlaceboFinding::MostExtreme { .. } => "most-extreme",
            PlaceboFinding::Within { .. } => "within",
        }
    }
}

/// The finding of a placebo rank (`rank` 1 = most extreme of the `n` comparison areas and
/// the area itself; `p = rank / (n + 1)`).
pub fn placebo(
    rank: Option<usize>,
    n: usize,
    p: Option<f64>,
    rules: &FindingRules,
) -> PlaceboFinding {
    let (Some(rank), Some(p)) = (rank, p) else {
        return PlaceboFinding::NotRanked;
    };
    if rules.demonstrable(Some(p)) {
        PlaceboFinding::Demonstrable { rank, n, p }
    } else if rank == 1 {
        PlaceboFinding::MostExtreme {
            n,
            smallest_p: 1.0 / (n + 1) as f64,
        }
    } else {
        PlaceboFinding::Within { rank, n }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::compare::sites::Outcome;

    fn outcome() -> Outcome {
        Outcome {
            instrument: "welbevinden".into(),
            scale: "totaal".into(),
            wave_from: "T0".into(),
            wave_to: "T1".into(),
        }
    }

    fn pooled_row(
        k: usize,
        estimate: Option<f64>,
        se: Option<f64>,
        test: &'static str,
    ) -> PooledRow {
        PooledRow {
            outcome: outcome(),
            measure: "mean_change",
            method: "REML",
            test,
            k,
            estimate,
            se,
            ci_low: None,
            ci_high: None,
            pi_low: None,
            pi_high: None,
            tau2: None,
            tau: None,
            i2: None,
            h2: None,
            q: None,
            q_df: None,
            p_q: None,
        }
    }

    #[test]
    fn pooled_p_is_metafors_pval() {
        // R: 2 * pt(-abs(0.5 / 0.2), df = 3) = 0.08766..., 2 * pnorm(-2.5) = 0.01241933
        let t = pooled_p(0.5, 0.2, "knha", 4).unwrap();
        assert!((t - 0.087_727_3).abs() < 1e-3, "{t}");
        let z = pooled_p(0.5, 0.2, "z", 4).unwrap();
        assert!((z - 0.012_419_33).abs() < 1e-7, "{z}");
        assert_eq!(pooled_p(0.5, 0.0, "z", 4), None);
    }

    #[test]
    fn pooled_change_demonstrable_by_alpha_and_heterogeneity_by_k() {
        let rules = FindingRules::default();
        let f = pooled(&pooled_row(4, Some(0.5), Some(0.2), "z"), &rules);
        assert!(f.demonstrable());
        assert!(matches!(
            f,
            PooledFinding::Pooled {
                heterogeneity_reliable: false,
                ..
            }
        ));
        // The same under Knapp-Hartung on 3 df is not demonstrable.
        assert!(!pooled(&pooled_row(4, Some(0.5), Some(0.2), "knha"), &rules).demonstrable());
        // A stricter alpha.
        let strict = FindingRules { alpha: 0.01 };
        assert!(!pooled(&pooled_row(4, Some(0.5), Some(0.2), "z"), &strict).demonstrable());
        assert!(matches!(
            pooled(&pooled_row(6, Some(0.5), Some(0.2), "z"), &rules),
            PooledFinding::Pooled {
                heterogeneity_reliable: true,
                ..
            }
        ));
        assert_eq!(
            pooled(&pooled_row(1, None, None, "knha"), &rules),
            PooledFinding::NotPooled { k: 1 }
        );
    }

    fn level(level: &str, k: usize, p: Option<f64>) -> ModeratorRow {
        ModeratorRow {
            outcome: outcome(),
            measure: "mean_change",
            moderator: "aanpak".into(),
            level: level.into(),
            k,
            estimate: Some(0.1),
            se: Some(0.1),
            ci_low: None,
            ci_high: None,
            qm: Some(1.0),
            qm_df: Some(1),
            qm_df2: Some(k),
            p_qm: p,
        }
    }

    #[test]
    fn moderator_no_conclusion_with_few_networks_or_a_lone_level() {
        let rules = FindingRules::default();
        let (a, b) = (
            level("bottom-up", 3, Some(0.01)),
            level("top-down", 2, Some(0.01)),
        );
        assert_eq!(
            moderator(&[&a, &b], &rules),
            ModeratorFinding::TooFewNetworks { k: 5, min_k: 10 }
        );
        let (a, b) = (
            level("bottom-up", 9, Some(0.01)),
            level("top-down", 1, Some(0.01)),
        );
        assert_eq!(
            moderator(&[&a, &b], &rules),
            ModeratorFinding::NoConclusion { k: 10 }
        );
        let (a, b) = (
            level("bottom-up", 6, Some(0.01)),
            level("top-down", 6, Some(0.01)),
        );
        assert_eq!(
            moderator(&[&a, &b], &rules),
            ModeratorFinding::Differs { k: 12 }
        );
        let (a, b) = (
            level("bottom-up", 6, Some(0.2)),
            level("top-down", 6, Some(0.2)),
        );
        assert_eq!(
            moderator(&[&a, &b], &rules),
            ModeratorFinding::NoDifference { k: 12 }
        );
        let (a, b) = (level("bottom-up", 6, None), level("top-down", 6, None));
        assert_eq!(
            moderator(&[&a, &b], &rules),
            ModeratorFinding::NoConclusion { k: 12 }
        );
    }

    fn site(id: &str, included: bool, reason: Option<&'static str>) -> SiteEffectRow {
        SiteEffectRow {
            outcome: outcome(),
            measure: "mean_change",
            network_id: id.into(),
            n: 5,
            estimate: None,
            se: None,
            ci_low: None,
            ci_high: None,
            included,
            reason,
        }
    }

    #[test]
    fn networks_left_out_are_listed_once_with_their_reasons() {
        let rows = [
            site("wedde", false, Some("below_min_n")),
            site("wedde", false, Some("suppressed")),
            site("america", true, None),
            site("lemmer", false, Some("no_variance")),
        ];
        let out = left_out(&rows, "mean_change");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].network_id, "lemmer");
        assert_eq!(out[0].reasons, vec![LeftOutReason::NoVariance]);
        assert_eq!(out[1].network_id, "wedde");
        assert_eq!(out[1].reasons, vec![LeftOutReason::Suppressed]);
        assert_eq!(out[1].outcomes, 2);
        assert!(left_out(&rows, "smd_change").is_empty());
    }

    #[test]
    fn placebo_rank_one_of_ten_is_notable_not_demonstrable() {
        let rules = FindingRules::default();
        // 10 comparison areas: the smallest p is 1/11 = 0.091, never below 0.05.
        assert_eq!(
            placebo(Some(1), 10, Some(1.0 / 11.0), &rules),
            PlaceboFinding::MostExtreme {
                n: 10,
                smallest_p: 1.0 / 11.0
            }
        );
        assert_eq!(
            placebo(Some(1), 30, Some(1.0 / 31.0), &rules).code(),
            "demonstrable"
        );
        assert_eq!(
            placebo(Some(4), 10, Some(4.0 / 11.0), &rules),
            PlaceboFinding::Within { rank: 4, n: 10 }
        );
        assert_eq!(placebo(None, 1, None, &rules), PlaceboFinding::NotRanked);
    }
}
