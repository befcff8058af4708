//! Findings of a network report: residents before/after, collaboration,
//! activity.
//!
//! Pure functions from the computed tables (`effect`, `activity`) to typed
//! findings: which change is demonstrable, whether it is better or worse
//! given the scale's polarity, which scales the summary names, what is
//! suppressed and why. `render::network` turns them into words; it decides
//! nothing of its own.

use crate::compute::activity::CommunityChangeRow;
use crate::compute::effect::BeforeAfterRow;
use crate::spec::Polarity;

use super::{Direction, FindingRules};

/// How many demonstrable changes the summary names per instrument.
pub const NOTABLE_CHANGES: usize = 3;

/// Whether a higher score is favourable. The one place that reads the
/// instrument's polarity (so that unifying the polarity types touches one
/// function).
pub fn higher_is_better(polarity: Option<Polarity>) -> bool {
    !matches!(polarity, Some(Polarity::LowerIsBetter))
}

/// The direction of a change `diff` on a scale of `polarity`.
pub fn change_direction(polarity: Option<Polarity>, diff: f64) -> Direction {
    if diff == 0.0 {
        Direction::Similar
    } else if (diff > 0.0) == higher_is_better(polarity) {
        Direction::Better
    } else {
        Direction::Worse
    }
}

/// The direction a 95% interval of a change shows: better or worse when it
/// excludes zero, similar when it contains zero, unknown without one.
pub fn interval_direction(
    polarity: Option<Polarity>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
) -> Direction {
    match (ci_low, ci_high) {
        (Some(l), Some(h)) if l <= 0.0 && h >= 0.0 => Direction::Similar,
        (Some(l), Some(_)) => change_direction(polarity, if l > 0.0 { 1.0 } else { -1.0 }),
        _ => Direction::Unknown,
    }
}

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Suppression {
    /// It rests on `n` respondents, fewer than the threshold `min_n`.
    TooFew { n: usize, min_n: usize },
    /// It could otherwise be worked out from the other figures
    /// (complementary suppression).
    Complementary,
    /// Nobody answered (a role or wave without responses).
    NoResponses,
    /// A quarter or year with fewer than `min_n` non-medical questions.
    TooFewQuestions { min_n: usize },
}

/// Why a figure on `n` respondents marked `suppressed` is not shown: too few
/// when `n` is below the threshold, else complementary suppression.
pub fn suppression(suppressed: bool, n: usize, min_n: usize) -> Option<Suppression> {
    match (suppressed, n < min_n) {
        (false, _) => None,
        (true, true) => Some(Suppression::TooFew { n, min_n }),
        (true, false) => Some(Suppression::Complementary),
    }
}

/// The respondents a before/after comparison rests on: the paired ones, or
/// the smaller wave of an unpaired comparison.
pub fn comparison_n(row: &BeforeAfterRow) -> usize {
    if row.paired {
        row.n_paired
    } else {
        row.n_from.min(row.n_to)
    }
}

/// One scale's change, as the summary names it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleChange {
    pub scale: String,
    pub mean_from: f64,
    pub mean_to: f64,
    pub diff: f64,
    pub ci: Option<(f64, f64)>,
    pub n: usize,
    pub paired: bool,
    pub direction: Direction,
}

/// What the summary says about one residents' instrument.
#[derive(Debug, Clone, PartialEq)]
pub enum ResidentFinding {
    /// No before/after comparison (fewer than two waves).
    NoComparison,
    /// Every scale suppressed: `n` is the smallest number behind a scale.
    AllSuppressed { n: usize },
    /// The most notable demonstrable changes (at most
    /// [`NOTABLE_CHANGES`], smallest p first) and the number of the other
    /// shown scales without a named change, with the largest n among all
    /// shown scales.
    Changes {
        notable: Vec<ScaleChange>,
        rest: usize,
        rest_n: usize,
    },
}

/// The finding on one residents' instrument from its main pair of waves
/// (`pair`: the rows of one network, group and pair of waves).
pub fn resident_finding(
    pair: &[&BeforeAfterRow],
    polarity: impl Fn(&str) -> Option<Polarity>,
    rules: &FindingRules,
) -> ResidentFinding {
    if pair.is_empty() {
        return ResidentFinding::NoComparison;
    }
    let shown: Vec<&BeforeAfterRow> = pair.iter().copied().filter(|r| !r.suppressed).collect();
    if shown.is_empty() {
        let n = pair.iter().map(|r| comparison_n(r)).min().unwrap_or(0);
        return ResidentFinding::AllSuppressed { n };
    }
    let mut demonstrable: Vec<&BeforeAfterRow> = shown
        .iter()
        .copied()
        .filter(|r| rules.demonstrable(r.p_ttest))
        .collect();
    demonstrable.sort_by(|a, b| {
        a.p_ttest
            .partial_cmp(&b.p_ttest)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let notable: Vec<ScaleChange> = demonstrable
        .iter()
        .take(NOTABLE_CHANGES)
        .filter_map(|r| {
            let (a, b, d) = (r.mean_from?, r.mean_to?, r.mean_diff?);
            Some(ScaleChange {
                scale: r.scale.clone(),
                mean_from: a,
                mean_to: b,
                diff: d,
                ci: r.ci_low.zip(r.ci_high),
                n: comparison_n(r),
                paired: r.paired,
                direction: change_direction(polarity(&r.scale), d),
            })
        })
        .collect();
    ResidentFinding::Changes {
        rest: shown.len() - notable.len(),
        rest_n: shown.iter().map(|r| comparison_n(r)).max().unwrap_or(0),
        notable,
    }
}

/// What the summary says about the collaboration between the partners.
#[derive(Debug, Clone, PartialEq)]
pub enum CollaborationFinding {
    /// The run holds no collaboration questionnaire.
    NoInstrument,
    /// Not measured at two moments.
    NoComparison,
    /// Every aspect suppressed: `n` is the smallest number behind one.
    AllSuppressed { n: usize },
    /// The aspects compared.
    Compared {
        /// Aspects shown.
        shown: usize,
        /// Aspects rated higher at the later wave.
        higher: usize,
        /// Aspects with a demonstrable change.
        demonstrable: usize,
        /// The largest rise: (aspect, mean before, mean after).
        largest_rise: Option<(String, f64, f64)>,
        /// The largest n among the shown aspects.
        n: usize,
        /// Better when some change is demonstrable and most aspects rose.
        direction: Direction,
    },
}

/// The finding on collaboration from the main pair of waves of its aspects
/// (without the total score). `None` for `pair` when the run has no
/// collaboration questionnaire.
pub fn collaboration_finding(
    pair: Option<&[&BeforeAfterRow]>,
    rules: &FindingRules,
) -> CollaborationFinding {
    let Some(pair) = pair else {
        return CollaborationFinding::NoInstrument;
    };
    if pair.is_empty() {
        return CollaborationFinding::NoComparison;
    }
    let shown: Vec<&BeforeAfterRow> = pair.iter().copied().filter(|r| !r.suppressed).collect();
    if shown.is_empty() {
        let n = pair.iter().map(|r| comparison_n(r)).min().unwrap_or(0);
        return CollaborationFinding::AllSuppressed { n };
    }
    let higher = shown
        .iter()
        .filter(|r| r.mean_diff.is_some_and(|d| d > 0.0))
        .count();
    let demonstrable = shown
        .iter()
        .filter(|r| rules.demonstrable(r.p_ttest))
        .count();
    let biggest = shown.iter().max_by(|a, b| {
        a.mean_diff
            .unwrap_or(f64::MIN)
            .partial_cmp(&b.mean_diff.unwrap_or(f64::MIN))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let largest_rise = biggest.and_then(|b| match (b.mean_from, b.mean_to, b.mean_diff) {
        (Some(a), Some(z), Some(d)) if d > 0.0 => Some((b.scale.clone(), a, z)),
        _ => None,
    });
    CollaborationFinding::Compared {
        shown: shown.len(),
        higher,
        demonstrable,
        largest_rise,
        n: shown.iter().map(|r| comparison_n(r)).max().unwrap_or(0),
        direction: if demonstrable > 0 && higher * 2 > shown.len() {
            Direction::Better
        } else {
            Direction::Similar
        },
    }
}

/// The change of the share of non-medical questions handled in the
/// community between the first and the last year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CommunityChange {
    /// Either year has fewer than `min_n` non-medical questions.
    Suppressed { min_n: usize },
    /// Figures missing (nothing to say).
    Unknown,
    /// The change: demonstrable when Newcombe's interval excludes zero.
    Change {
        pct_first: f64,
        pct_last: f64,
        diff: f64,
        ci: Option<(f64, f64)>,
        demonstrable: bool,
        /// Better (a higher share) or worse when demonstrable, else similar.
        direction: Direction,
    },
}

/// The finding on one network's [`CommunityChangeRow`].
pub fn community_change(row: &CommunityChangeRow, min_n: usize) -> CommunityChange {
    if row.suppressed {
        return CommunityChange::Suppressed { min_n };
    }
    let (Some(a), Some(b), Some(d)) = (row.pct_first, row.pct_last, row.diff) else {
        return CommunityChange::Unknown;
    };
    // A larger share handled in the community is the aim of the networks.
    let direction = interval_direction(Some(Polarity::HigherIsBetter), row.ci_low, row.ci_high);
    let demonstrable = matches!(direction, Direction::Better | Direction::Worse);
    CommunityChange::Change {
        pct_first: a,
        pct_last: b,
        diff: d,
        ci: row.ci_low.zip(row.ci_high),
        demonstrable,
        direction: if demonstrable {
            direction
        } else {
            Direction::Similar
        },
    }
}

/// The direction of the summary statement on a [`CommunityChange`]:
/// unknown when suppressed.
pub fn community_direction(change: &CommunityChange) -> Direction {
    match change {
        CommunityChange::Change { direction, .. } => *direction,
        // The old report judged a change without figures by its interval,
        // which is then absent too: similar.
        CommunityChange::Unknown => Direction::Similar,
        CommunityChange::Suppressed { .. } => Direction::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::effect::Method;

    fn row(scale: &str, diff: f64, p: f64, n: usize, suppressed: bool) -> BeforeAfterRow {
        BeforeAfterRow {
            network_id: "a".into(),
            instrument: "i".into(),
            scale: scale.into(),
            group: "alle".into(),
            wave_from: "T0".into(),
            wave_to: "T1".into(),
            n_paired: n,
            mean_from: Some(5.0),
            mean_to: Some(5.0 + diff),
            mean_diff: Some(diff),
            ci_low: Some(diff - 0.5),
            ci_high: Some(diff + 0.5),
            p_ttest: Some(p),
            p_wilcoxon: None,
            cohen_dz: None,
            pct_improved: None,
            pct_unchanged: None,
            pct_worse: None,
            paired: true,
            suppressed,
            n_from: n,
            n_to: n,
            method: Method::PairedT,
        }
    }

    #[test]
    fn polarity_decides_better_or_worse() {
        assert_eq!(change_direction(None, 0.4), Direction::Better);
        assert_eq!(
            change_direction(Some(Polarity::LowerIsBetter), 0.4),
            Direction::Worse
        );
        assert_eq!(
            change_direction(Some(Polarity::LowerIsBetter), -0.4),
            Direction::Better
        );
        let lower = Some(Polarity::LowerIsBetter);
        assert_eq!(
            interval_direction(lower, Some(-0.1), Some(0.3)),
            Direction::Similar
        );
        assert_eq!(
            interval_direction(lower, Some(0.1), Some(0.3)),
            Direction::Worse
        );
        assert_eq!(
            interval_direction(None, Some(-0.3), Some(-0.1)),
            Direction::Worse
        );
        assert_eq!(
            interval_direction(None, None, Some(1.0)),
            Direction::Unknown
        );
    }

    #[test]
    fn suppression_reasons_are_typed() {
        assert_eq!(suppression(false, 3, 10), None);
        assert_eq!(
            suppression(true, 3, 10),
            Some(Suppression::TooFew { n: 3, min_n: 10 })
        );
        assert_eq!(suppression(true, 12, 10), Some(Suppression::Complementary));
    }

    #[test]
    fn the_summary_names_the_three_smallest_demonstrable_p() {
        let rows = [
            row("a", 0.5, 0.04, 20, false),
            row("b", -0.5, 0.001, 20, false),
            row("c", 0.2, 0.3, 22, false),
            row("d", 0.9, 0.01, 20, false),
            row("e", 0.9, 0.02, 20, false),
            row("f", 0.9, 0.001, 5, true),
        ];
        let pair: Vec<&BeforeAfterRow> = rows.iter().collect();
        let lower = |s: &str| (s == "b").then_some(Polarity::LowerIsBetter);
        let ResidentFinding::Changes {
            notable,
            rest,
            rest_n,
        } = resident_finding(&pair, lower, &FindingRules::default())
        else {
            panic!("changes expected");
        };
        let names: Vec<&str> = notable.iter().map(|c| c.scale.as_str()).collect();
        assert_eq!(names, ["b", "d", "e"]);
        assert_eq!(notable[0].direction, Direction::Better);
        assert_eq!((rest, rest_n), (2, 22));
        // A stricter level names fewer.
        let strict = FindingRules { alpha: 0.005 };
        let ResidentFinding::Changes { notable, rest, .. } =
            resident_finding(&pair, |_| None, &strict)
        else {
            panic!("changes expected");
        };
        assert_eq!((notable.len(), rest), (1, 4));
    }

    #[test]
    fn no_pair_and_all_suppressed() {
        assert_eq!(
            resident_finding(&[], |_| None, &FindingRules::default()),
            ResidentFinding::NoComparison
        );
        let rows = [row("a", 0.5, 0.01, 4, true), row("b", 0.5, 0.01, 6, true)];
        let pair: Vec<&BeforeAfterRow> = rows.iter().collect();
        assert_eq!(
            resident_finding(&pair, |_| None, &FindingRules::default()),
            ResidentFinding::AllSuppressed { n: 4 }
        );
        assert_eq!(
            collaboration_finding(Some(&pair), &FindingRules::default()),
            CollaborationFinding::AllSuppressed { n: 4 }
        );
        assert_eq!(
            collaboration_finding(None, &FindingRules::default()),
            CollaborationFinding::NoInstrument
        );
    }

    #[test]
    fn collaboration_counts_rises_and_demonstrable_aspects() {
        let rows = [
            row("a", 0.5, 0.01, 12, false),
            row("b", 0.8, 0.2, 14, false),
            row("c", -0.1, 0.6, 13, false),
        ];
        let pair: Vec<&BeforeAfterRow> = rows.iter().collect();
        let CollaborationFinding::Compared {
            shown,
            higher,
            demonstrable,
            largest_rise,
            n,
            direction,
        } = collaboration_finding(Some(&pair), &FindingRules::default())
        else {
            panic!("compared expected");
        };
        assert_eq!((shown, higher, demonstrable, n), (3, 2, 1, 14));
        assert_eq!(largest_rise, Some(("b".to_owned(), 5.0, 5.8)));
        assert_eq!(direction, Direction::Better);
    }

    #[test]
    fn community_change_is_demonstrable_when_the_interval_excludes_zero() {
        let mut c = CommunityChangeRow {
            network_id: "a".into(),
            year_first: 2022,
            year_last: 2024,
            questions_first: Some(100),
            questions_last: Some(100),
            n_first: Some(50),
            n_last: Some(60),
            in_community_first: Some(10),
            in_community_last: Some(30),
            pct_first: Some(20.0),
            pct_last: Some(50.0),
            diff: Some(30.0),
            ci_low: Some(12.0),
            ci_high: Some(45.0),
            suppressed: false,
        };
        let found = community_change(&c, 10);
        assert!(matches!(
            found,
            CommunityChange::Change {
                demonstrable: true,
                direction: Direction::Better,
                ..
            }
        ));
        c.ci_low = Some(-2.0);
        assert_eq!(
            community_direction(&community_change(&c, 10)),
            Direction::Similar
        );
        c.suppressed = true;
        assert_eq!(
            community_change(&c, 10),
            CommunityChange::Suppressed { min_n: 10 }
        );
    }
}
