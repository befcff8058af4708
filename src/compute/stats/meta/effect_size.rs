//! From one network's before/after figures to the effect size and sampling variance that
//! the pooling takes, following `metafor::escalc`, and the choice of which networks can be
//! pooled at all (the others are listed as left out, with the reason).

use std::fmt;

use super::Study;
use statrs::function::gamma::ln_gamma;

/// The effect measure pooled across networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    /// The mean paired change in the scale's own units (`escalc` measure `"MC"`):
    /// `yi = mean change`, `vi = sd_change² / n`.
    #[default]
    MeanChange,
    /// The standardised mean change with change-score standardisation (`escalc` measure
    /// `"SMCC"` with its default `vtype = "LS"`), Hedges' g_z:
    /// `yi = J(n − 1) · mean change / sd_change` with the exact correction
    /// `J(m) = Γ(m/2) / (√(m/2) Γ((m − 1)/2))`, and `vi = 1/n + yi² / (2n)`.
    /// SMCC rather than SMCR because the networks report the sd of the change scores
    /// (SMCR standardises by the baseline sd and needs the pre-post correlation).
    SmdChange,
}

impl Measure {
    /// All measures, in table order.
    pub const ALL: [Measure; 2] = [Measure::MeanChange, Measure::SmdChange];

    /// The code used in output tables: `mean_change` or `smd_change`.
    pub fn code(self) -> &'static str {
        match self {
            Measure::MeanChange => "mean_change",
            Measure::SmdChange => "smd_change",
        }
    }

    /// The measure with the given table code.
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// One network's figures for one instrument × scale × pair of waves, as its report shows
/// them; `None` where the figures were suppressed or could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteChange {
    /// The network's identifier, carried into [`Study::id`] and [`LeftOut::id`].
    pub id: String,
    /// Number of respondents with both waves (pairs).
    pub n: usize,
    /// Mean of the paired changes (later wave minus earlier wave).
    pub mean_change: Option<f64>,
    /// Sample standard deviation of the paired changes (denominator n − 1).
    pub sd_change: Option<f64>,
}

/// Why a network's figures are not pooled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// Fewer respondents than the disclosure threshold; its figures are suppressed.
    BelowMinN {
        /// Number of pairs.
        n: usize,
        /// The disclosure threshold.
        min_n: usize,
    },
    /// The mean or sd of the change is missing (suppressed or not computed).
    Missing,
    /// A figure is NaN or infinite.
    NotFinite,
    /// The sd of the change is 0 (every respondent changed by the same amount), so the
    /// sampling variance is 0 and the study would get infinite weight.
    NoVariance,
    /// Too few pairs for the measure: 2 for the mean change, 3 for the standardised mean
    /// change (its correction `J(n − 1)` needs n − 1 > 1).
    TooFewPairs {
        /// Number of pairs.
        n: usize,
    },
}

impl LeftOutReason {
    /// A stable code for tables: `below_min_n`, `missing`, `not_finite`, `no_variance`,
    /// `too_few_pairs`.
    pub fn code(self) -> &'static str {
        match self {
            LeftOutReason::BelowMinN { .. } => "below_min_n",
            LeftOutReason::Missing => "missing",
            LeftOutReason::NotFinite => "not_finite",
            LeftOutReason::NoVariance => "no_variance",
            LeftOutReason::TooFewPairs { .. } => "too_few_pairs",
        }
    }
}

impl fmt::Display for LeftOutReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeftOutReason::BelowMinN { n, min_n } => {
                write!(
                    f,
                    "{n} respondents, fewer than min_n = {min_n}; figures suppressed"
                )
            }
            LeftOutReason::Missing => f.write_str("mean or sd of the change missing"),
            LeftOutReason::NotFinite => f.write_str("mean or sd of the change not a number"),
            LeftOutReason::NoVariance => f.write_str("sd of the change is 0"),
            LeftOutReason::TooFewPairs { n } => write!(f, "only {n} pairs"),
        }
    }
}

/// A network that is not pooled, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The network's identifier.
    pub id: String,
    /// Why it is left out.
    pub reason: LeftOutReason,
}

/// The networks that enter the pooling and those left out, each in input order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Studies to pool.
    pub studies: Vec<Study>,
    /// Networks not pooled, with the reason.
    pub left_out: Vec<LeftOut>,
}

/// The effect size `(yi, vi)` of one network for `measure`, as `metafor::escalc` computes
/// it (see [`Measure`]); in R, `escalc("SMCC", m1i = mean_change, m2i = 0, sd1i = sd_change,
/// sd2i = 0, ri = 0, ni = n)` gives the same figures.
pub fn effect_size(
    measure: Measure,
    mean_change: f64,
    sd_change: f64,
    n: usize,
) -> Result<(f64, f64), LeftOutReason> {
    if !(mean_change.is_finite() && sd_change.is_finite() && sd_change >= 0.0) {
        return Err(LeftOutReason::NotFinite);
    }
    let min_pairs = match measure {
        Measure::MeanChange => 2,
        Measure::SmdChange => 3,
    };
    if n < min_pairs {
        return Err(LeftOutReason::TooFewPairs { n });
    }
    if sd_change == 0.0 {
        return Err(LeftOutReason::NoVariance);
    }
    let n_f = n as f64;
    let (yi, vi) = match measure {
        Measure::MeanChange => (mean_change, sd_change * sd_change / n_f),
        Measure::SmdChange => {
            let j = hedges_j(n_f - 1.0).ok_or(LeftOutReason::TooFewPairs { n })?;
            let g = j * mean_change / sd_change;
            (g, 1.0 / n_f + g * g / (2.0 * n_f))
        }
    };
    if yi.is_finite() && vi.is_finite() && vi > 0.0 {
        Ok((yi, vi))
    } else {
        Err(LeftOutReason::NotFinite)
    }
}

/// Splits networks into studies to pool for `measure` and networks left out: those below
/// the disclosure threshold `min_n`, with figures missing, or whose effect size cannot be
/// computed (see [`LeftOutReason`]).
pub fn select_studies(sites: &[SiteChange], measure: Measure, min_n: usize) -> Selection {
    let mut selection = Selection::default();
    for site in sites {
        let outcome = if site.n < min_n {
            Err(LeftOutReason::BelowMinN { n: site.n, min_n })
        } else {
            match (site.mean_change, site.sd_change) {
                (Some(mean), Some(sd)) => effect_size(measure, mean, sd, site.n),
                _ => Err(LeftOutReason::Missing),
            }
        };
        match outcome {
            Ok((yi, vi)) => selection.studies.push(Study {
                id: site.id.clone(),
                yi,
                vi,
            }),
            Err(reason) => selection.left_out.push(LeftOut {
                id: site.id.clone(),
                reason,
            }),
        }
    }
    selection
}

/// Exact small-sample bias correction of a standardised mean difference (Hedges 1981), as
/// metafor's `.cmicalc`: `J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2))`, on the log scale so
/// that large `df` does not overflow. `None` for `df ≤ 1`, where `Γ((df − 1)/2)` has its pole.
fn hedges_j(df: f64) -> Option<f64> {
    if !(df.is_finite() && df > 1.0) {
        return None;
    }
    let log_j = ln_gamma(df / 2.0) - ln_gamma((df - 1.0) / 2.0) - 0.5 * (df / 2.0).ln();
    let j = log_j.exp();
    j.is_finite().then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_change_is_mean_with_variance_of_the_mean() {
        assert_eq!(
            effect_size(Measure::MeanChange, 1.5, 2.0, 16),
            Ok((1.5, 0.25))
        );
    }

    #[test]
    fn smd_change_matches_escalc_smcc() {
        // R 4.2.2, metafor 3.8-1: escalc("SMCC", m1i = 1.5, m2i = 0, sd1i = 2, sd2i = 0,
        // ri = 0, ni = 16) gives yi = 0.711755690357026, vi = 0.0783311300861127.
        let (yi, vi) = effect_size(Measure::SmdChange, 1.5, 2.0, 16).unwrap();
        assert!((yi - 0.711755690357026).abs() < 1e-13, "{yi}");
        assert!((vi - 0.0783311300861127).abs() < 1e-13, "{vi}");
    }

    #[test]
    fn unusable_figures_are_left_out_with_the_reason() {
        let site = |id: &str, n, mean, sd| SiteChange {
            id: id.into(),
            n,
            mean_change: mean,
            sd_change: sd,
        };
        let sites = [
            site("a", 20, Some(1.0), Some(2.0)),
            site("b", 4, Some(1.0), Some(2.0)),
            site("c", 20, None, None),
            site("d", 20, Some(1.0), Some(0.0)),
            site("e", 20, Some(f64::NAN), Some(1.0)),
        ];
        let selection = select_studies(&sites, Measure::MeanChange, 5);
        assert_eq!(selection.studies.len(), 1);
        assert_eq!(selection.studies[0].id, "a");
        let reasons: Vec<_> = selection.left_out.iter().map(|l| l.reason.code()).collect();
        assert_eq!(
            reasons,
            ["below_min_n", "missing", "no_variance", "not_finite"]
        );
        assert_eq!(
            effect_size(Measure::SmdChange, 1.0, 1.0, 2),
            Err(LeftOutReason::TooFewPairs { n: 2 })
        );
    }
}
