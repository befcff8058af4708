//! Nearest neighbours of an area on standardised baseline characteristics.
//!
//! Each characteristic is turned into z-scores with the mean and sample standard deviation
//! (denominator n − 1) over **all areas given** that have a value for it — network areas and
//! the target included — so that the scale does not depend on which areas happen to be
//! excluded. A characteristic with no spread (sd 0 or fewer than two values) carries no
//! information and is left out of the distance. The distance is Euclidean over the remaining
//! characteristics; candidates are all areas other than the target and the excluded ones,
//! and need a value for every characteristic used. Equal distances are ordered by area
//! code, so the choice is reproducible.

use std::collections::BTreeSet;
use std::fmt;

/// How many comparison areas are chosen unless the caller says otherwise.
pub const DEFAULT_NEIGHBOURS: usize = 10;

/// An area with its baseline characteristics, in an order shared by all areas.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCharacteristics {
    /// Area code (e.g. `WK036301`).
    pub code: String,
    /// One value per characteristic; `None` where unknown or suppressed.
    pub values: Vec<Option<f64>>,
}

/// A chosen comparison area.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour {
    /// Area code.
    pub code: String,
    /// Euclidean distance to the target on z-scores.
    pub distance: f64,
    /// 1 for the nearest, 2 for the next, …
    pub rank: usize,
}

/// The chosen comparison areas and what the choice was based on.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbours {
    /// The nearest areas, nearest first.
    pub neighbours: Vec<Neighbour>,
    /// Indices of the characteristics used in the distance (those with spread).
    pub used: Vec<usize>,
    /// Areas passed over because they lack a value for a characteristic used.
    pub incomplete: Vec<String>,
}

/// Why no neighbours could be chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum NeighbourError {
    /// The target area is not among the areas given.
    UnknownTarget(String),
    /// An area has a different number of characteristics than the first area.
    Ragged {
        /// The area.
        code: String,
        /// Number of characteristics expected.
        expected: usize,
        /// Number found.
        found: usize,
    },
    /// The target lacks a value for a characteristic with spread.
    TargetIncomplete {
        /// Index of the characteristic.
        characteristic: usize,
    },
    /// No characteristic has any spread among the areas.
    NoCharacteristics,
}

impl fmt::Display for NeighbourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NeighbourError::UnknownTarget(code) => write!(f, "area {code} not among the areas"),
            NeighbourError::Ragged {
                code,
                expected,
                found,
            } => write!(
                f,
                "area {code}: expected {expected} characteristics, found {found}"
            ),
            NeighbourError::TargetIncomplete { characteristic } => {
                write!(
                    f,
                    "target area has no value for characteristic {characteristic}"
                )
            }
            NeighbourError::NoCharacteristics => {
                f.write_str("no characteristic varies between the areas")
            }
        }
    }
}

impl std::error::Error for NeighbourError {}

/// Mean and sample sd of the finite values of characteristic `j`, if it has spread.
fn scale(areas: &[AreaCharacteristics], j: usize) -> Option<(f64, f64)> {
    let values: Vec<f64> = areas
        .iter()
        .filter_map(|a| a.values[j])
        .filter(|v| v.is_finite())
        .collect();
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let sd = var.sqrt();
    (sd.is_finite() && sd > 0.0).then_some((mean, sd))
}

/// The `count` areas nearest to `target` (see the module documentation for the exact
/// rule), never the target itself or an area in `excluded` (the network areas).
pub fn nearest_neighbours(
    target: &str,
    areas: &[AreaCharacteristics],
    excluded: &BTreeSet<String>,
    count: usize,
) -> Result<Neighbours, NeighbourError> {
    let width = areas.first().map_or(0, |a| a.values.len());
    if let Some(bad) = areas.iter().find(|a| a.values.len() != width) {
        return Err(NeighbourError::Ragged {
            code: bad.code.clone(),
            expected: width,
            found: bad.values.len(),
        });
    }
    let target_area = areas
        .iter()
        .find(|a| a.code == target)
        .ok_or_else(|| NeighbourError::UnknownTarget(target.to_string()))?;
    let scales: Vec<(usize, f64, f64)> = (0..width)
        .filter_map(|j| scale(areas, j).map(|(mean, sd)| (j, mean, sd)))
        .collect();
    if scales.is_empty() {
        return Err(NeighbourError::NoCharacteristics);
    }
    let z = |area: &AreaCharacteristics| -> Option<Vec<f64>> {
        scales
            .iter()
            .map(|&(j, mean, sd)| {
                area.values[j]
                    .filter(|v| v.is_finite())
                    .map(|v| (v - mean) / sd)
            })
            .collect()
    };
    let target_z = match z(target_area) {
        Some(z) => z,
        None => {
            let characteristic = scales
                .iter()
                .map(|&(j, _, _)| j)
                .find(|&j| !target_area.values[j].is_some_and(f64::is_finite))
                .unwrap_or(0);
            return Err(NeighbourError::TargetIncomplete { characteristic });
        }
    };

    let mut incomplete = Vec::new();
    let mut candidates: Vec<(f64, &str)> = Vec::new();
    for area in areas {
        if area.code == target || excluded.contains(&area.code) {
            continue;
        }
        match z(area) {
            Some(values) => {
                let distance = values
                    .iter()
                    .zip(&target_z)
                    .map(|(a, b)| (a - b).powi(2))
                    .sum::<f64>()
                    .sqrt();
                candidates.push((distance, &area.code));
            }
            None => incomplete.push(area.code.clone()),
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let neighbours = candidates
        .into_iter()
        .take(count)
        .enumerate()
        .map(|(i, (distance, code))| Neighbour {
            code: code.to_string(),
            distance,
            rank: i + 1,
        })
        .collect();
    Ok(Neighbours {
        neighbours,
        used: scales.iter().map(|&(j, _, _)| j).collect(),
        incomplete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(code: &str, values: &[Option<f64>]) -> AreaCharacteristics {
        AreaCharacteristics {
            code: code.into(),
            values: values.to_vec(),
        }
    }

    /// Five areas on two characteristics. By hand: characteristic 0 has values 0, 1, 2, 3, 4
    /// (mean 2, sd √2.5), characteristic 1 has 10, 10, 20, 30, 30 (mean 20, sd √100 = 10);
    /// characteristic 2 is constant and is dropped.
    fn five() -> Vec<AreaCharacteristics> {
        vec![
            area("T", &[Some(0.0), Some(10.0), Some(7.0)]),
            area("A", &[Some(1.0), Some(10.0), Some(7.0)]),
            area("B", &[Some(2.0), Some(20.0), Some(7.0)]),
            area("C", &[Some(3.0), Some(30.0), Some(7.0)]),
            area("D", &[Some(4.0), Some(30.0), Some(7.0)]),
        ]
    }

    #[test]
    fn distances_on_z_scores_by_hand() {
        let areas = five();
        let result = nearest_neighbours("T", &areas, &BTreeSet::new(), 10).unwrap();
        assert_eq!(result.used, [0, 1]);
        let sd0 = 2.5f64.sqrt();
        // A: Δz = (1/sd0, 0); B: (2/sd0, 1); C: (3/sd0, 2); D: (4/sd0, 2).
        let expected = [
            ("A", (1.0 / 2.5f64).sqrt()),
            ("B", ((2.0 / sd0).powi(2) + 1.0).sqrt()),
            ("C", ((3.0 / sd0).powi(2) + 4.0).sqrt()),
            ("D", ((4.0 / sd0).powi(2) + 4.0).sqrt()),
        ];
        assert_eq!(result.neighbours.len(), 4);
        for (rank, (n, (code, d))) in result.neighbours.iter().zip(expected).enumerate() {
            assert_eq!(n.code, code);
            assert_eq!(n.rank, rank + 1);
            assert!(
                (n.distance - d).abs() < 1e-14,
                "{code}: {} vs {d}",
                n.distance
            );
        }
    }

    #[test]
    fn excluded_incomplete_and_count_are_respected() {
        let mut areas = five();
        areas.push(area("E", &[None, Some(10.0), Some(7.0)]));
        let excluded: BTreeSet<String> = ["A".to_string()].into();
        let result = nearest_neighbours("T", &areas, &excluded, 2).unwrap();
        let codes: Vec<_> = result.neighbours.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["B", "C"]);
        assert_eq!(result.incomplete, ["E"]);
    }

    #[test]
    fn ties_are_ordered_by_code_and_errors_are_typed() {
        let areas = vec![
            area("T", &[Some(0.0)]),
            area("Z", &[Some(1.0)]),
            area("Y", &[Some(-1.0)]),
        ];
        let result = nearest_neighbours("T", &areas, &BTreeSet::new(), 10).unwrap();
        assert_eq!(result.neighbours[0].code, "Y");
        assert_eq!(result.neighbours[1].code, "Z");

        assert!(matches!(
            nearest_neighbours("X", &areas, &BTreeSet::new(), 1),
            Err(NeighbourError::UnknownTarget(_))
        ));
        let flat = vec![area("T", &[Some(1.0)]), area("A", &[Some(1.0)])];
        assert_eq!(
            nearest_neighbours("T", &flat, &BTreeSet::new(), 1),
            Err(NeighbourError::NoCharacteristics)
        );
        let ragged = vec![area("T", &[Some(1.0)]), area("A", &[])];
        assert!(matches!(
            nearest_neighbours("T", &ragged, &BTreeSet::new(), 1),
            Err(NeighbourError::Ragged { .. })
        ));
        let missing = vec![
            area("T", &[None]),
            area("A", &[Some(1.0)]),
            area("B", &[Some(2.0)]),
        ];
        assert_eq!(
            nearest_neighbours("T", &missing, &BTreeSet::new(), 1),
            Err(NeighbourError::TargetIncomplete { characteristic: 0 })
        );
    }
}
