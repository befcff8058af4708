//! Findings of a neighbourhood health profile: how each indicator of an area
//! stands against the Netherlands, which few indicators stand out ("Wat valt
//! op"), and which parts of the profile are missing and why.
//!
//! The comparisons themselves are made when the profile rows are computed
//! (`compute::profile::compare`, Fingertips' rule where the source gives an
//! interval, otherwise quintile and rank); this module decides what a report
//! says about them, once, for every kind of output that shows a profile.

use std::cmp::Ordering;

use crate::compute::findings::Direction;
use crate::compute::profile::{Comparison, ProfileRow};
use crate::ingest::source::SourceKind;

/// How many indicators "Wat valt op" names at most.
pub const SUMMARY_LEN: usize = 5;

/// The direction of a comparison of the profile rows.
pub fn direction(comparison: Comparison) -> Direction {
    match comparison {
        Comparison::Better => Direction::Better,
        Comparison::Worse => Direction::Worse,
        Comparison::Higher => Direction::Higher,
        Comparison::Lower => Direction::Lower,
        Comparison::Similar => Direction::Similar,
        Comparison::NotCompared => Direction::Unknown,
    }
}

/// Where an area's value stands against the Netherlands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Tested by Fingertips' rule: the national value against the area's
    /// 95% interval, with the indicator's polarity.
    Tested(Direction),
    /// Not tested (no interval, or no value to compare): the area's place
    /// among all areas of its level in the country (quintile, 1 = lowest
    /// 20%) and in its municipality (rank of n, 1 = highest value), where
    /// known.
    Placed {
        quintile: Option<u8>,
        rank: Option<(u32, u32)>,
    },
}

/// The standing of one profile row against the Netherlands.
pub fn standing(row: &ProfileRow) -> Standing {
    if row.vs_nl != Comparison::NotCompared {
        return Standing::Tested(direction(row.vs_nl));
    }
    Standing::Placed {
        quintile: row.quintile_nl,
        rank: row.rank_gemeente.zip(row.n_gemeente),
    }
}

/// Why an indicator is notable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Demonstrably different from the Netherlands (better, worse, higher,
    /// lower) by the interval.
    Different(Direction),
    /// Untested, but among the highest or lowest 20% of the areas of its
    /// level (quintile 5 or 1).
    ExtremeQuintile { highest: bool },
}

/// A notable indicator: why, and how far from the national value it lies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Notable {
    pub reason: Reason,
    /// The area's value, and the national value.
    pub value: f64,
    pub nl_value: f64,
    /// |value − national| / national (0 when the national value is 0).
    pub relative_difference: f64,
}

/// Whether a profile row is notable: it needs a value and a national value,
/// and a tested difference or (untested) an extreme quintile. A similar
/// value, or an untested one in quintiles 2–4, is not notable.
pub fn notable(row: &ProfileRow) -> Option<Notable> {
    let (value, nl_value) = (row.value?, row.nl_value?);
    let reason = match row.vs_nl {
        Comparison::Better | Comparison::Worse | Comparison::Higher | Comparison::Lower => {
            Reason::Different(direction(row.vs_nl))
        }
        Comparison::NotCompared => match row.quintile_nl {
            Some(1) => Reason::ExtremeQuintile { highest: false },
            Some(5) => Reason::ExtremeQuintile { highest: true },
            _ => return None,
        },
        Comparison::Similar => return None,
    };
    let relative_difference = if nl_value.abs() > f64::EPSILON {
        ((value - nl_value) / nl_value).abs()
    } else {
        0.0
    };
    Some(Notable {
        reason,
        value,
        nl_value,
        relative_difference,
    })
}

/// The few most notable of `items` (in the order the profile shows them),
/// most notable first: the one rule for "Wat valt op". Tested differences
/// come before untested extreme quintiles; within each, the larger relative
/// difference from the national value first; equal ones keep their order.
/// At most [`SUMMARY_LEN`].
pub fn most_notable<T>(mut items: Vec<(T, Notable)>) -> Vec<(T, Notable)> {
    let tested = |n: &Notable| matches!(n.reason, Reason::Different(_));
    items.sort_by(|(_, a), (_, b)| match (tested(a), tested(b)) {
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => b.relative_difference.total_cmp(&a.relative_difference),
    });
    items.truncate(SUMMARY_LEN);
    items
}

/// A part of a profile that is missing, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No input of this source was given, so its indicators are missing.
    SourceNotGiven(SourceKind),
    /// Inputs cover only some municipalities (`gemeenten`, the same for
    /// all `files`): quintiles and spreads of their indicators are among
    /// their own areas, and they have a national value only from a
    /// national row. Files covering the same municipalities are one finding.
    RegionalFiles {
        files: Vec<String>,
        gemeenten: usize,
    },
    /// Vektis costs were given, but not for the area's municipality
    /// (merged or unknown).
    NoCosts,
}

/// The sources a profile is made of, in the order the report names them.
pub const PROFILE_SOURCES: [SourceKind; 3] = [
    SourceKind::CbsKwb,
    SourceKind::RivmGezondheid,
    SourceKind::VektisZvwGemeente,
];

/// What is missing from one area's profile: the sources not given (of
/// `given`), the inputs that cover only part of the country (`regional`,
/// file and number of municipalities), and the municipality's costs when
/// Vektis was given but has none for it (`has_costs` false).
pub fn missing(
    given: &[SourceKind],
    regional: &[(String, usize)],
    has_costs: bool,
) -> Vec<Missing> {
    let mut missing: Vec<Missing> = PROFILE_SOURCES
        .into_iter()
        .filter(|kind| !given.contains(kind))
        .map(Missing::SourceNotGiven)
        .collect();
    // One finding per number of municipalities covered, in the order the
    // files are given: five cuts of the same region are one sentence.
    for (file, gemeenten) in regional {
        match missing.iter_mut().find_map(|m| match m {
            Missing::RegionalFiles {
                files,
                gemeenten: g,
            } if g == gemeenten => Some(files),
            _ => None,
        }) {
            Some(files) => files.push(file.clone()),
            None => missing.push(Missing::RegionalFiles {
                files: vec![file.clone()],
                gemeenten: *gemeenten,
            }),
        }
    }
    if !has_costs && given.contains(&SourceKind::VektisZvwGemeente) {
        missing.push(Missing::NoCosts);
    }
    missing
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::compute::profile::Level;
    use crate::spec::catalogue::ProfileSource;

    fn row(
        value: Option<f64>,
        nl: Option<f64>,
        vs_nl: Comparison,
        quintile: Option<u8>,
    ) -> ProfileRow {
        ProfileRow {
            area_code: Arc::from("WK000101"),
            area_name: None,
            level: Level::Wijk,
            gemeente_code: Some(Arc::from("GM0001")),
            indicator: Arc::from("x"),
            source: ProfileSource::CbsKwb,
            period: Some(2020),
            age_group: None,
            value,
            lower: None,
            upper: None,
            unit: Arc::from("percent"),
            polarity: None,
            gemeente_value: None,
            nl_value: nl,
            vs_gemeente: Comparison::NotCompared,
            vs_nl,
            quintile_nl: quintile,
            rank_gemeente: Some(2),
            n_gemeente: Some(7),
        }
    }

    #[test]
    fn standing_is_the_test_or_else_the_place() {
        let tested = row(Some(1.0), Some(2.0), Comparison::Worse, None);
        assert_eq!(standing(&tested), Standing::Tested(Direction::Worse));
        let placed = row(Some(1.0), Some(2.0), Comparison::NotCompared, Some(3));
        assert_eq!(
            standing(&placed),
            Standing::Placed {
                quintile: Some(3),
                rank: Some((2, 7))
            }
        );
    }

    #[test]
    fn similar_and_middle_quintiles_are_not_notable() {
        assert!(notable(&row(Some(1.0), Some(2.0), Comparison::Similar, None)).is_none());
        assert!(notable(&row(Some(1.0), Some(2.0), Comparison::NotCompared, Some(3))).is_none());
        assert!(notable(&row(None, Some(2.0), Comparison::Worse, None)).is_none());
        assert!(notable(&row(Some(1.0), None, Comparison::Worse, None)).is_none());
        let low = notable(&row(Some(1.0), Some(2.0), Comparison::NotCompared, Some(1))).unwrap();
        assert_eq!(low.reason, Reason::ExtremeQuintile { highest: false });
        assert_eq!(low.relative_difference, 0.5);
        let zero = notable(&row(Some(1.0), Some(0.0), Comparison::Higher, None)).unwrap();
        assert_eq!(zero.reason, Reason::Different(Direction::Higher));
        assert_eq!(zero.relative_difference, 0.0);
    }

    #[test]
    fn tested_differences_come_first_then_the_largest() {
        let items: Vec<(&str, Notable)> = [
            (
                "q5 far",
                row(Some(30.0), Some(10.0), Comparison::NotCompared, Some(5)),
            ),
            (
                "worse near",
                row(Some(11.0), Some(10.0), Comparison::Worse, None),
            ),
            (
                "better far",
                row(Some(5.0), Some(10.0), Comparison::Better, None),
            ),
            (
                "q1 near",
                row(Some(9.0), Some(10.0), Comparison::NotCompared, Some(1)),
            ),
            ("lower", row(Some(8.0), Some(10.0), Comparison::Lower, None)),
            (
                "higher",
                row(Some(13.0), Some(10.0), Comparison::Higher, None),
            ),
        ]
        .into_iter()
        .filter_map(|(name, r)| Some((name, notable(&r)?)))
        .collect();
        let chosen: Vec<&str> = most_notable(items).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            chosen,
            ["better far", "higher", "lower", "worse near", "q5 far"]
        );
    }

    #[test]
    fn missing_names_sources_regional_files_and_costs() {
        let regional = vec![("kwb.xlsx".to_owned(), 10)];
        assert_eq!(
            missing(&[SourceKind::RivmGezondheid], &regional, false),
            [
                Missing::SourceNotGiven(SourceKind::CbsKwb),
                Missing::SourceNotGiven(SourceKind::VektisZvwGemeente),
                Missing::RegionalFiles {
                    files: vec!["kwb.xlsx".into()],
                    gemeenten: 10
                },
            ]
        );
        let two = vec![
            ("a.xlsx".to_owned(), 10),
            ("b.xlsx".to_owned(), 3),
            ("c.xlsx".to_owned(), 10),
        ];
        assert_eq!(
            missing(
                &[SourceKind::CbsKwb, SourceKind::RivmGezondheid],
                &two,
                true
            )[1..],
            [
                Missing::RegionalFiles {
                    files: vec!["a.xlsx".into(), "c.xlsx".into()],
                    gemeenten: 10
                },
                Missing::RegionalFiles {
                    files: vec!["b.xlsx".into()],
                    gemeenten: 3
                },
            ]
        );
        let all = [
            SourceKind::CbsKwb,
            SourceKind::RivmGezondheid,
            SourceKind::VektisZvwGemeente,
        ];
        assert_eq!(missing(&all, &[], false), [Missing::NoCosts]);
        assert!(missing(&all, &[], true).is_empty());
    }
}
