//! Findings: what a report says, decided once as typed values.
//!
//! The judgement behind a sentence — a change is demonstrable, an indicator
//! is better or worse given its polarity, the few most notable items, what is
//! suppressed and why — is made here, purely, from the computed tables. The
//! profile and network reports (and the cross-site report and the web page)
//! turn the same findings into words through the wording catalogue
//! (`i18n`); none of them decides anything of its own.

pub mod compare;
pub mod network;
pub mod profile;

/// The significance level below which a change is called demonstrable
/// (`aantoonbaar`), unless a pipeline sets another (`settings.alpha`).
pub const DEFAULT_ALPHA: f64 = 0.05;

/// Settings that decide findings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FindingRules {
    /// Significance level for "demonstrable".
    pub alpha: f64,
}

impl Default for FindingRules {
    fn default() -> Self {
        FindingRules {
            alpha: DEFAULT_ALPHA,
        }
    }
}

impl FindingRules {
    /// Whether a p-value shows a demonstrable change or difference.
    pub fn demonstrable(&self, p: Option<f64>) -> bool {
        p.is_some_and(|p| p < self.alpha)
    }
}

/// How a value or change compares, given the measure's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Better than the reference (or improved).
    Better,
    /// Worse than the reference (or deteriorated).
    Worse,
    /// Not different (or unchanged).
    Similar,
    /// Different, but the measure has no polarity (neither better nor worse).
    Higher,
    /// Different, but the measure has no polarity.
    Lower,
    /// No comparison possible (missing value, suppressed, no reference).
    Unknown,
}
