//! Boundaries of gemeenten, wijken and buurten, and maps drawn from them.
//!
//! Areas are matched by their CBS code (`GM0344`, `WK034401`, `BU03440111`);
//! coordinates are RD New (EPSG:28992) metres, x east and y north, whatever
//! the file had (WGS84 is projected on reading, [`project`]).
//!
//! Where boundaries come from:
//! - built in ([`builtin`]): the CBS gemeente boundaries of 2020 and 2023
//!   and the wijk boundaries of 2024, generalised, embedded as compact files
//!   made by `scripts/geo/convert` (format in that script's header);
//! - from the user ([`read_boundaries`]): GeoJSON as the PDOK WFS and the
//!   CBS downloads give it ([`geojson`]), or the CBS GeoPackage
//!   `wijkenbuurten_<jaar>.gpkg` ([`gpkg`]).
//!
//! Divisions change every year: a code absent from the boundaries is
//! reported by [`Boundaries::split`] and never drawn in another area's place.
//! Maps are SVG strings ([`map`]), drawn in Rust for the same reason as the
//! spine charts (`render::svg`): one image is far cheaper for typst than
//! the same shapes placed one by one.

mod embedded;
pub mod geojson;
pub mod gpkg;
pub mod map;
pub mod project;
pub mod sources;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use sources::{BoundarySet, Layer};

/// The attribution every map of CBS boundaries must carry, with the year of
/// the boundaries (`None` when a user's file did not say it).
pub fn attribution(year: Option<u16>) -> String {
    match year {
        Some(year) => format!("Kadaster / Centraal Bureau voor de Statistiek, {year}"),
        None => "Kadaster / Centraal Bureau voor de Statistiek".to_owned(),
    }
}

/// The level of an area in the CBS division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Gemeente,
    Wijk,
    Buurt,
}

impl Level {
    /// The level a CBS code belongs to, by its prefix (`GM`, `WK`, `BU`).
    pub fn of_code(code: &str) -> Option<Level> {
        match code.get(..2) {
            Some("GM") => Some(Level::Gemeente),
            Some("WK") => Some(Level::Wijk),
            Some("BU") => Some(Level::Buurt),
            _ => None,
        }
    }

    /// The level's name as the CBS layers call it (`gemeente`, `wijk`, `buurt`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Gemeente => "gemeente",
            Level::Wijk => "wijk",
            Level::Buurt => "buurt",
        }
    }
}

/// A point in RD New metres: `[x, y]`, x east, y north.
pub type Point = [f64; 2];

/// A closed ring, stored open (the first point is not repeated at the end).
pub type Ring = Vec<Point>;

/// One polygon: the outer ring, then its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Ring>,
}

/// An axis-aligned box in RD metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub min: Point,
    pub max: Point,
}

impl Bbox {
    /// The box of some points; `None` when there are none.
    pub fn of_points<'a>(points: impl IntoIterator<Item = &'a Point>) -> Option<Bbox> {
        let mut iter = points.into_iter();
        let first = *iter.next()?;
        let mut bbox = Bbox {
            min: first,
            max: first,
        };
        for p in iter {
            bbox.include(*p);
        }
        Some(bbox)
    }

    fn include(&mut self, p: Point) {
        self.min[0] = self.min[0].min(p[0]);
        self.min[1] = self.min[1].min(p[1]);
        self.max[0] = self.max[0].max(p[0]);
        self.max[1] = self.max[1].max(p[1]);
    }

    /// The smallest box holding both.
    pub fn union(self, other: Bbox) -> Bbox {
        let mut b = self;
        b.include(other.min);
        b.include(other.max);
        b
    }

    pub fn width(&self) -> f64 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f64 {
        self.max[1] - self.min[1]
    }
}

/// One area with its boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The CBS code (`GM0828`, `WK082801`, `BU08280101`).
    pub code: String,
    pub name: String,
    pub level: Level,
    /// The municipality's code; for a gemeente its own code.
    pub gemeente_code: String,
    /// The year of the division the boundary belongs to, when known.
    pub year: Option<u16>,
    /// At least one polygon, every outer ring with at least three points.
    pub polygons: Vec<Polygon>,
    pub bbox: Bbox,
}

impl Area {
    /// Makes an area from its polygons; `None` when no polygon has an outer
    /// ring of three points or more (such polygons are dropped).
    pub fn new(
        code: String,
        name: String,
        level: Level,
        gemeente_code: String,
        year: Option<u16>,
        polygons: Vec<Polygon>,
    ) -> Option<Area> {
        let polygons: Vec<Polygon> = polygons
            .into_iter()
            .filter(|p| p.rings.first().is_some_and(|r| r.len() >= 3))
            .collect();
        let bbox = Bbox::of_points(polygons.iter().flat_map(|p| p.rings[0].iter()))?;
        Some(Area {
            code,
            name,
            level,
            gemeente_code,
            year,
            polygons,
            bbox,
        })
    }

    /// A point to mark the area by on a small map: the centroid of its
    /// largest outer ring (holes ignored; good enough for a marker), or the
    /// middle of the box when that ring has no area.
    pub fn marker(&self) -> Point {
        let mut best: Option<(f64, Point)> = None;
        for polygon in &self.polygons {
            let ring = &polygon.rings[0];
            let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
            let origin = ring[0];
            for (i, p) in ring.iter().enumerate() {
                let q = ring[(i + 1) % ring.len()];
                let (x0, y0) = (p[0] - origin[0], p[1] - origin[1]);
                let (x1, y1) = (q[0] - origin[0], q[1] - origin[1]);
                let cross = x0 * y1 - x1 * y0;
                a += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
            if a.abs() > 0.0 && best.is_none_or(|(b, _)| a.abs() > b) {
                best = Some((
                    a.abs(),
                    [origin[0] + cx / (3.0 * a), origin[1] + cy / (3.0 * a)],
                ));
            }
        }
        best.map(|(_, p)| p).unwrap_or([
            (self.bbox.min[0] + self.bbox.max[0]) / 2.0,
            (self.bbox.min[1] + self.bbox.max[1]) / 2.0,
        ])
    }
}

/// A set of areas by code, possibly of several levels (a GeoPackage holds
/// all three).
#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    /// Where they came from: a file, or `builtin`.
    pub source: String,
    /// Features of a user's file that could not be used, each naming file,
    /// layer and feature: they are left out (their codes then show as
    /// missing), the file's other features are read.
    pub problems: Vec<GeoError>,
}

impl Boundaries {
    /// Boundaries from areas; a later area with the same code replaces an
    /// earlier one.
    pub fn new(source: impl Into<String>, areas: Vec<Area>) -> Boundaries {
        let mut b = Boundaries {
            areas: Vec::with_capacity(areas.len()),
            by_code: HashMap::new(),
            source: source.into(),
            problems: Vec::new(),
        };
        b.extend(areas);
        b
    }

    /// Adds areas; one with a code already present replaces the old one
    /// (so a user's file can be laid over the built-in boundaries).
    pub fn extend(&mut self, areas: impl IntoIterator<Item = Area>) {
        for area in areas {
            match self.by_code.get(&area.code) {
                Some(&i) => self.areas[i] = area,
                None => {
                    self.by_code.insert(area.code.clone(), self.areas.len());
                    self.areas.push(area);
                }
            }
        }
    }

    /// The area with this code.
    pub fn get(&self, code: &str) -> Option<&Area> {
        self.by_code.get(code).map(|&i| &self.areas[i])
    }

    /// All areas, in the order of the file.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The areas of one level in one municipality, in the order of the file
    /// (for a gemeente: the municipality itself).
    pub fn in_gemeente(&self, level: Level, gemeente_code: &str) -> Vec<&Area> {
        self.areas
            .iter()
            .filter(|a| a.level == level && a.gemeente_code == gemeente_code)
            .collect()
    }

    /// The areas of one level.
    pub fn of_level(&self, level: Level) -> Vec<&Area> {
        self.areas.iter().filter(|a| a.level == level).collect()
    }

    /// The areas of these codes that the boundaries have, and the codes they
    /// do not have (in the order given, each once): the second list belongs
    /// in the report's "what is missing", never on a map.
    pub fn split<'a, 'c>(
        &'a self,
        codes: impl IntoIterator<Item = &'c str>,
    ) -> (Vec<&'a Area>, Vec<String>) {
        let (mut found, mut missing) = (Vec::new(), Vec::<String>::new());
        let mut seen = std::collections::HashSet::new();
        for code in codes {
            if !seen.insert(code) {
                continue;
            }
            match self.get(code) {
                Some(area) => found.push(area),
                None => missing.push(code.to_owned()),
            }
        }
        (found, missing)
    }
}

/// The built-in layers: (level, year).
pub const BUILTIN: [(Level, u16); 3] = [
    (Level::Gemeente, 2020),
    (Level::Gemeente, 2023),
    (Level::Wijk, 2024),
];

/// The embedded boundaries of one level and year (see [`BUILTIN`]), decoded
/// once per process; `None` for a layer that is not built in.
pub fn builtin(level: Level, year: u16) -> Option<&'static Boundaries> {
    static LAYERS: [OnceLock<Boundaries>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = BUILTIN.iter().position(|&l| l == (level, year))?;
    Some(LAYERS[i].get_or_init(|| {
        embedded::decode(embedded::DATA[i]).unwrap_or_else(|e| {
            // The files are ours and tested; a failure here is a build defect.
            panic!("embedded boundaries {} {year}: {e}", level.as_str())
        })
    }))
}

/// The built-in layer of a level whose year is nearest to `year`, later
/// years preferred on a tie (codes of a later division are more often still
/// valid than the reverse); `None` when the level has none built in (buurt).
pub fn builtin_nearest(level: Level, year: u16) -> Option<&'static Boundaries> {
    BUILTIN
        .iter()
        .filter(|(l, _)| *l == level)
        .min_by_key(|(_, y)| ((*y as i32 - year as i32).abs(), std::cmp::Reverse(*y)))
        .and_then(|&(l, y)| builtin(l, y))
}

/// A boundary file that could not be read, naming the file, the layer and
/// feature where known, what was expected and what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoError {
    pub file: PathBuf,
    /// The GeoPackage layer.
    pub layer: Option<String>,
    /// The feature: its code when it has one, else its number (1-based).
    pub feature: Option<String>,
    pub message: String,
}

impl GeoError {
    pub(crate) fn file(file: &Path, message: impl Into<String>) -> GeoError {
        GeoError {
            file: file.to_path_buf(),
            layer: None,
            feature: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(layer) = &self.layer {
            write!(f, ", layer \"{layer}\"")?;
        }
        if let Some(feature) = &self.feature {
            write!(f, ", feature {feature}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for GeoError {}

impl GeoError {
    /// As a warning of the run's problem list (the feature is left out of
    /// the maps, the file's other features are used).
    pub fn problem(&self) -> crate::problem::Problem {
        let mut message = String::new();
        if let Some(layer) = &self.layer {
            message.push_str(&format!("layer \"{layer}\", "));
        }
        if let Some(feature) = &self.feature {
            message.push_str(&format!("feature {feature}: "));
        }
        message.push_str(&self.message);
        crate::problem::Problem::warning(crate::problem::Location::file(&self.file), message)
    }
}

/// Reads a user's boundary file: a GeoPackage (`.gpkg`) or GeoJSON (any
/// other name; `.geojson`, `.json`). A file that cannot be read at all is
/// an error; features that cannot be used are listed in
/// [`Boundaries::problems`] and left out. `year` is the division's year when the
/// caller knows it; otherwise it is taken from the file name
/// (`wijkenbuurten_2024.gpkg`, `buurten_2023.geojson`) when that has one.
pub fn read_boundaries(path: &Path, year: Option<u16>) -> Result<Boundaries, GeoError> {
    let year = year.or_else(|| year_in_name(path));
    let is_gpkg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gpkg"));
    if is_gpkg {
        gpkg::read(path, year)
    } else {
        geojson::read(path, year)
    }
}

/// A year 2000–2099 standing alone in a file name (`wijkenbuurten_2024_v1`).
fn year_in_name(path: &Path) -> Option<u16> {
    let name = path.file_stem()?.to_str()?;
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse::<u16>().ok())
        .find(|y| (2000..2100).contains(y))
}

/// The plausible extent of RD coordinates of the Netherlands with a wide
/// margin: a coordinate outside it is a wrong coordinate system or a broken
/// file, and would otherwise stretch every map to nothing.
pub(crate) const RD_EXTENT: Bbox = Bbox {
    min: [-100_000.0, 200_000.0],
    max: [400_000.0, 750_000.0],
};

/// Checks one RD point; the error says what was expected.
pub(crate) fn check_rd(p: Point) -> Result<Point, String> {
    if p[0].is_finite()
        && p[1].is_finite()
        && (RD_EXTENT.min[0]..=RD_EXTENT.max[0]).contains(&p[0])
        && (RD_EXTENT.min[1]..=RD_EXTENT.max[1]).contains(&p[1])
    {
        Ok(p)
    } else {
        Err(format!(
            "expected RD New coordinates in the Netherlands (x {} to {}, y {} to {} metres), found ({}, {})",
            RD_EXTENT.min[0], RD_EXTENT.max[0], RD_EXTENT.min[1], RD_EXTENT.max[1], p[0], p[1]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_from_file_names() {
        assert_eq!(
            year_in_name(Path::new("wijkenbuurten_2024_v1.gpkg")),
            Some(2024)
        );
        assert_eq!(year_in_name(Path::new("/x/buurt-2023.geojson")), Some(2023));
        assert_eq!(year_in_name(Path::new("buurten.geojson")), None);
        assert_eq!(year_in_name(Path::new("b_12345.geojson")), None);
    }

    #[test]
    fn nearest_builtin_layer() {
        let b = builtin_nearest(Level::Gemeente, 2022).unwrap();
        assert_eq!(b.areas()[0].year, Some(2023));
        let b = builtin_nearest(Level::Gemeente, 2016).unwrap();
        assert_eq!(b.areas()[0].year, Some(2020));
        assert!(builtin_nearest(Level::Buurt, 2024).is_none());
    }

    #[test]
    fn split_reports_absent_codes_once() {
        let b = builtin(Level::Gemeente, 2023).unwrap();
        let (found, missing) = b.split(["GM0828", "GM9999", "GM0828", "GM9999"]);
        assert_eq!(found.len(), 1);
        assert_eq!(missing, vec!["GM9999".to_owned()]);
    }

    #[test]
    fn marker_lies_in_the_box() {
        let b = builtin(Level::Gemeente, 2023).unwrap();
        for a in b.areas() {
            let m = a.marker();
            assert!(m[0] >= a.bbox.min[0] && m[0] <= a.bbox.max[0], "{}", a.code);
            assert!(m[1] >= a.bbox.min[1] && m[1] <= a.bbox.max[1], "{}", a.code);
        }
    }
}
