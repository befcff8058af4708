//! The boundaries a run can draw with: the built-in layers and the user's
//! `--boundaries` files, and the choice of the layer for a level.
//!
//! Divisions change every year, so the layer of a level is the one whose
//! codes match the data best ([`BoundarySet::layer`]); a user's file wins a
//! tie (it was given for a reason), then the later year. `serve` and the
//! reports load boundaries through [`BoundarySet::load`] alone.

use std::path::{Path, PathBuf};

use super::{Area, BUILTIN, Boundaries, GeoError, Level, builtin, read_boundaries};

/// The built-in layers and the boundaries read from the user's files.
#[derive(Debug, Default)]
pub struct BoundarySet {
    user: Vec<Boundaries>,
    files: Vec<PathBuf>,
}

/// One level of one set of boundaries: what a map of that level draws.
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    pub boundaries: &'a Boundaries,
    pub level: Level,
    /// The division's year, when known (always for the built-in layers).
    pub year: Option<u16>,
    /// The user's file it came from; `None` for a built-in layer.
    pub file: Option<&'a Path>,
}

impl<'a> Layer<'a> {
    /// The areas of the layer's level in one municipality (for the level
    /// gemeente: the municipality itself).
    pub fn in_gemeente(&self, gemeente: &str) -> Vec<&'a Area> {
        self.boundaries.in_gemeente(self.level, gemeente)
    }

    /// Every area of the layer's level.
    pub fn areas(&self) -> Vec<&'a Area> {
        self.boundaries.of_level(self.level)
    }

    /// The area of this code, when it is of the layer's level.
    pub fn get(&self, code: &str) -> Option<&'a Area> {
        self.boundaries.get(code).filter(|a| a.level == self.level)
    }

    /// How many of `codes` the layer has.
    fn matches<'c>(&self, codes: impl IntoIterator<Item = &'c str>) -> usize {
        codes.into_iter().filter(|c| self.get(c).is_some()).count()
    }
}

impl BoundarySet {
    /// The built-in layers only.
    pub fn builtin() -> BoundarySet {
        BoundarySet::default()
    }

    /// The built-in layers and the boundaries of each of `files` (GeoJSON or
    /// GeoPackage, see [`read_boundaries`]). A file that cannot be read is an
    /// error naming it; features that cannot be used are in [`Self::problems`].
    pub fn load(files: &[PathBuf]) -> Result<BoundarySet, GeoError> {
        let mut set = BoundarySet::default();
        for file in files {
            set.add(file.clone(), read_boundaries(file, None)?)?;
        }
        Ok(set)
    }

    /// Adds the boundaries read from a user's `file` (a pipeline reads its
    /// inputs itself); a file without any area is an error naming it.
    pub fn add(&mut self, file: PathBuf, boundaries: Boundaries) -> Result<(), GeoError> {
        if boundaries.is_empty() && boundaries.problems.is_empty() {
            return Err(GeoError::file(
                &file,
                "expected gemeente, wijk or buurt boundaries (features with a CBS code), \
                 found none",
            ));
        }
        self.user.push(boundaries);
        self.files.push(file);
        Ok(())
    }

    /// Features of the user's files that could not be used (each names file,
    /// layer and feature); their areas are missing from the maps.
    pub fn problems(&self) -> impl Iterator<Item = &GeoError> {
        self.user.iter().flat_map(|b| b.problems.iter())
    }

    /// Every layer of a level: the user's files that have areas of it, then
    /// the built-in ones (latest year first).
    pub fn layers(&self, level: Level) -> Vec<Layer<'_>> {
        let mut out: Vec<Layer<'_>> = self
            .user
            .iter()
            .zip(&self.files)
            .filter(|(b, _)| b.areas().iter().any(|a| a.level == level))
            .map(|(b, file)| Layer {
                boundaries: b,
                level,
                year: b
                    .areas()
                    .iter()
                    .filter(|a| a.level == level)
                    .find_map(|a| a.year),
                file: Some(file.as_path()),
            })
            .collect();
        let mut years: Vec<u16> = BUILTIN
            .iter()
            .filter(|(l, _)| *l == level)
            .map(|&(_, y)| y)
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        out.extend(years.into_iter().filter_map(|year| {
            builtin(level, year).map(|b| Layer {
                boundaries: b,
                level,
                year: Some(year),
                file: None,
            })
        }));
        out
    }

    /// The layer of a level whose codes match `codes` (the data's areas of
    /// that level) best; on a tie the earlier of [`Self::layers`] (the
    /// user's file, then the later year). `None` when no layer has the
    /// level (buurten without a user's file).
    pub fn layer<'c>(
        &self,
        level: Level,
        codes: impl IntoIterator<Item = &'c str> + Clone,
    ) -> Option<Layer<'_>> {
        let mut best: Option<(usize, Layer<'_>)> = None;
        for layer in self.layers(level) {
            let n = layer.matches(codes.clone());
            if best.as_ref().is_none_or(|(m, _)| n > *m) {
                best = Some((n, layer));
            }
        }
        best.map(|(_, layer)| layer)
    }
}
