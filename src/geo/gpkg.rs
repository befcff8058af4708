//! Boundaries from the CBS GeoPackage `wijkenbuurten_<jaar>.gpkg`: layers
//! `gemeenten` (`gemeentecode`, `gemeentenaam`), `wijken` (`wijkcode`,
//! `wijknaam`, `gemeentecode`) and `buurten` (`buurtcode`, `buurtnaam`,
//! `wijkcode`, `gemeentecode`), each with `water` (`JA` for the map's water
//! parts, skipped) and a geometry column named in `gpkg_geometry_columns`.
//!
//! SQLite is read with rusqlite (opened read-only), the GeoPackage binary
//! geometry (header + WKB) with geozero: no hand-written parsers. The
//! coordinate system is taken from `gpkg_spatial_ref_sys`: EPSG 28992 is
//! used as it is, EPSG 4326 projected; others are an error.

use std::path::Path;

use geozero::wkb::GpkgWkb;
use geozero::{GeomProcessor, GeozeroGeometry, error::GeozeroError};
use rusqlite::{Connection, OpenFlags, types::ValueRef};

use super::project::{plausible_wgs84, wgs84_to_rd};
use super::{Area, Boundaries, GeoError, Level, Polygon, Ring, check_rd};

/// The layers read, with their code and name columns.
const LAYERS: [(&str, Level, &str, &str); 3] = [
    ("gemeenten", Level::Gemeente, "gemeentecode", "gemeentenaam"),
    ("wijken", Level::Wijk, "wijkcode", "wijknaam"),
    ("buurten", Level::Buurt, "buurtcode", "buurtnaam"),
];

/// Reads every layer of the three that the file has (at least one).
pub fn read(path: &Path, year: Option<u16>) -> Result<Boundaries, GeoError> {
    let file_error = |m: String| GeoError::file(path, m);
    if !path.is_file() {
        return Err(file_error("cannot read: no such file".into()));
    }
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| file_error(format!("cannot open as SQLite: {e}")))?;
    let geometry_columns = geometry_columns(&db).map_err(|e| {
        file_error(format!(
            "expected a GeoPackage (table gpkg_geometry_columns), found: {e}"
        ))
    })?;
    let mut areas = Vec::new();
    let mut problems = Vec::new();
    let mut read_any = false;
    for (layer, level, code_col, name_col) in LAYERS {
        let Some((_, geom_col, srs)) = geometry_columns.iter().find(|(t, _, _)| t == layer) else {
            continue;
        };
        read_any = true;
        let layer_error = |feature: Option<String>, message: String| GeoError {
            file: path.to_path_buf(),
            layer: Some(layer.to_owned()),
            feature,
            message,
        };
        let wgs84 = match srs_code(&db, *srs) {
            Ok(Some(28992)) => false,
            Ok(Some(4326)) => true,
            Ok(other) => {
                return Err(layer_error(
                    None,
                    format!(
                        "expected coordinates in EPSG:28992 or EPSG:4326, found srs_id {srs} ({other:?})"
                    ),
                ));
            }
            Err(e) => {
                return Err(layer_error(
                    None,
                    format!("cannot read gpkg_spatial_ref_sys: {e}"),
                ));
            }
        };
        let columns = table_columns(&db, layer).map_err(|e| layer_error(None, e.to_string()))?;
        let has = |c: &str| columns.iter().any(|x| x == c);
        if !has(code_col) {
            return Err(layer_error(
                None,
                format!(
                    "expected a column \"{code_col}\", found columns {}",
                    columns.join(", ")
                ),
            ));
        }
        let pick = |c: &str| if has(c) { quote(c) } else { "NULL".to_owned() };
        let sql = format!(
            "SELECT {}, {}, {}, {}, {} FROM {}",
            quote(code_col),
            pick(name_col),
            pick("gemeentecode"),
            pick("water"),
            quote(geom_col),
            quote(layer)
        );
        let mut stmt = db
            .prepare(&sql)
            .map_err(|e| layer_error(None, e.to_string()))?;
        let mut rows = stmt
            .query([])
            .map_err(|e| layer_error(None, e.to_string()))?;
        let mut number = 0usize;
        while let Some(row) = rows.next().map_err(|e| layer_error(None, e.to_string()))? {
            number += 1;
            // One feature; an error names it and the others are still read.
            let one = || -> Result<Option<Area>, GeoError> {
                let text = |i: usize| -> Option<String> {
                    match row.get_ref(i).ok()? {
                        ValueRef::Text(t) => {
                            std::str::from_utf8(t).ok().map(|s| s.trim().to_owned())
                        }
                        _ => None,
                    }
                    .filter(|s| !s.is_empty())
                };
                if text(3).is_some_and(|w| w.eq_ignore_ascii_case("ja")) {
                    return Ok(None);
                }
                let Some(code) = text(0).filter(|c| Level::of_code(c) == Some(level)) else {
                    return Err(layer_error(
                        Some(format!("{number}")),
                        format!("expected a {} code in \"{code_col}\"", level.as_str()),
                    ));
                };
                let feature_error = |m: String| layer_error(Some(code.clone()), m);
                let blob = match row.get_ref(4) {
                    Ok(ValueRef::Blob(b)) => b,
                    _ => {
                        return Err(feature_error(
                            "expected a GeoPackage geometry, found none".into(),
                        ));
                    }
                };
                let mut collect = Collect::new(wgs84);
                GpkgWkb(blob).process_geom(&mut collect).map_err(|e| {
                feature_error(collect.failure.clone().unwrap_or_else(|| {
                    format!("expected a GeoPackage Polygon or MultiPolygon, found a broken geometry ({e})")
                }))
            })?;
                let name = text(1).unwrap_or_else(|| code.clone());
                let gemeente = match level {
                    Level::Gemeente => code.clone(),
                    _ => text(2).unwrap_or_else(|| super::geojson::gemeente_of(&code)),
                };
                let area = Area::new(code.clone(), name, level, gemeente, year, collect.polygons)
                    .ok_or_else(|| {
                    feature_error(
                        "expected a polygon of three points or more, found an empty geometry"
                            .into(),
                    )
                })?;
                Ok(Some(area))
            };
            match one() {
                Ok(Some(area)) => areas.push(area),
                Ok(None) => {}
                Err(e) => problems.push(e),
            }
        }
    }
    if !read_any {
        let found: Vec<&str> = geometry_columns
            .iter()
            .map(|(t, _, _)| t.as_str())
            .collect();
        return Err(file_error(format!(
            "expected a layer gemeenten, wijken or buurten, found {}",
            if found.is_empty() {
                "no layers".to_owned()
            } else {
                found.join(", ")
            }
        )));
    }
    let mut boundaries = Boundaries::new(path.display().to_string(), areas);
    boundaries.problems = problems;
    Ok(boundaries)
}

/// (table, geometry column, srs_id) of every feature table.
fn geometry_columns(db: &Connection) -> rusqlite::Result<Vec<(String, String, i64)>> {
    let mut stmt =
        db.prepare("SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// The EPSG code of an srs_id.
fn srs_code(db: &Connection, srs_id: i64) -> rusqlite::Result<Option<i64>> {
    let mut stmt = db.prepare(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
    )?;
    let mut rows = stmt.query([srs_id])?;
    Ok(match rows.next()? {
        Some(r) => {
            let org: String = r.get(0)?;
            org.eq_ignore_ascii_case("epsg")
                .then(|| r.get(1))
                .transpose()?
        }
        None => None,
    })
}

fn table_columns(db: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = db.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(1))?;
    rows.collect()
}

/// An SQL identifier in double quotes (names come from the file itself).
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Collects the polygons of a Polygon or MultiPolygon as geozero walks the
/// WKB; any other geometry stops the walk at its start (so a nested
/// collection cannot recurse deeply).
struct Collect {
    wgs84: bool,
    polygons: Vec<Polygon>,
    ring: Ring,
    failure: Option<String>,
}

impl Collect {
    fn new(wgs84: bool) -> Collect {
        Collect {
            wgs84,
            polygons: Vec::new(),
            ring: Vec::new(),
            failure: None,
        }
    }

    fn refuse(&mut self, kind: &str) -> geozero::error::Result<()> {
        let m = format!("expected a Polygon or MultiPolygon geometry, found a {kind}");
        self.failure = Some(m.clone());
        Err(GeozeroError::Geometry(m))
    }
}

impl GeomProcessor for Collect {
    fn xy(&mut self, x: f64, y: f64, _idx: usize) -> geozero::error::Result<()> {
        let point = if self.wgs84 {
            if !plausible_wgs84(x, y) {
                let m = format!(
                    "expected WGS84 [longitude, latitude] in the Netherlands, found [{x}, {y}]"
                );
                self.failure = Some(m.clone());
                return Err(GeozeroError::Geometry(m));
            }
            wgs84_to_rd(x, y)
        } else {
            check_rd([x, y]).map_err(|m| {
                self.failure = Some(m.clone());
                GeozeroError::Geometry(m)
            })?
        };
        if self.ring.last() != Some(&point) {
            self.ring.push(point);
        }
        Ok(())
    }

    fn polygon_begin(
        &mut self,
        _tagged: bool,
        _size: usize,
        _idx: usize,
    ) -> geozero::error::Result<()> {
        self.polygons.push(Polygon { rings: Vec::new() });
        Ok(())
    }

    fn linestring_begin(
        &mut self,
        tagged: bool,
        _size: usize,
        _idx: usize,
    ) -> geozero::error::Result<()> {
        if tagged {
            return self.refuse("LineString");
        }
        self.ring.clear();
        Ok(())
    }

    fn linestring_end(&mut self, _tagged: bool, _idx: usize) -> geozero::error::Result<()> {
        let mut ring = std::mem::take(&mut self.ring);
        while ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        match self.polygons.last_mut() {
            Some(p) => p.rings.push(ring),
            None => return self.refuse("ring outside a polygon"),
        }
        Ok(())
    }

    fn point_begin(&mut self, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("Point")
    }
    fn empty_point(&mut self, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("Point")
    }
    fn multipoint_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("MultiPoint")
    }
    fn multilinestring_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("MultiLineString")
    }
    fn geometrycollection_begin(
        &mut self,
        _size: usize,
        _idx: usize,
    ) -> geozero::error::Result<()> {
        self.refuse("GeometryCollection")
    }
    fn circularstring_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("CircularString")
    }
    fn compoundcurve_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("CompoundCurve")
    }
    fn curvepolygon_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("CurvePolygon")
    }
    fn multicurve_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("MultiCurve")
    }
    fn multisurface_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("MultiSurface")
    }
    fn triangle_begin(
        &mut self,
        _tagged: bool,
        _size: usize,
        _idx: usize,
    ) -> geozero::error::Result<()> {
        self.refuse("Triangle")
    }
    fn polyhedralsurface_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("PolyhedralSurface")
    }
    fn tin_begin(&mut self, _size: usize, _idx: usize) -> geozero::error::Result<()> {
        self.refuse("TIN")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GeoPackage binary: "GP", version 0, flags (little endian, no
    /// envelope), srs_id, then WKB.
    fn gpkg_blob(wkb: &[u8]) -> Vec<u8> {
        let mut b = vec![b'G', b'P', 0, 1];
        b.extend(28992i32.to_le_bytes());
        b.extend(wkb);
        b
    }

    fn wkb_polygon(points: &[[f64; 2]]) -> Vec<u8> {
        let mut b = vec![1];
        b.extend(3u32.to_le_bytes());
        b.extend(1u32.to_le_bytes());
        b.extend((points.len() as u32).to_le_bytes());
        for p in points {
            b.extend(p[0].to_le_bytes());
            b.extend(p[1].to_le_bytes());
        }
        b
    }

    fn collect(blob: &[u8]) -> Result<Vec<Polygon>, String> {
        let mut c = Collect::new(false);
        GpkgWkb(blob)
            .process_geom(&mut c)
            .map_err(|e| c.failure.clone().unwrap_or(e.to_string()))?;
        Ok(c.polygons)
    }

    #[test]
    fn polygon_blob_is_read() {
        let square = [
            [155000.0, 463000.0],
            [156000.0, 463000.0],
            [156000.0, 464000.0],
            [155000.0, 463000.0],
        ];
        let polys = collect(&gpkg_blob(&wkb_polygon(&square))).unwrap();
        assert_eq!(polys[0].rings[0].len(), 3);
    }

    #[test]
    fn hostile_blobs_are_errors() {
        let square = [
            [155000.0, 463000.0],
            [1e300, 463000.0],
            [156000.0, 464000.0],
        ];
        assert!(
            collect(&gpkg_blob(&wkb_polygon(&square)))
                .unwrap_err()
                .contains("RD New")
        );
        // A ring claiming four billion points in a few bytes.
        let mut huge = vec![1];
        huge.extend(3u32.to_le_bytes());
        huge.extend(1u32.to_le_bytes());
        huge.extend(u32::MAX.to_le_bytes());
        assert!(collect(&gpkg_blob(&huge)).is_err());
        // Deeply nested geometry collections stop at the first.
        let mut nested = Vec::new();
        for _ in 0..10_000 {
            nested.push(1);
            nested.extend(7u32.to_le_bytes());
            nested.extend(1u32.to_le_bytes());
        }
        assert!(
            collect(&gpkg_blob(&nested))
                .unwrap_err()
                .contains("GeometryCollection")
        );
        for junk in [&b""[..], b"GP", b"XX\0\x01\0\0\0\0", b"GP\0\xff\0\0\0\0"] {
            assert!(collect(junk).is_err());
        }
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote("geom"), "\"geom\"");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
