//! Boundaries from GeoJSON, as the PDOK WFS and the CBS downloads give it.
//!
//! - Coordinate system: RD New when the `crs` member names EPSG:28992
//!   (`urn:ogc:def:crs:EPSG::28992`, `EPSG:28992`); WGS84 longitude/latitude
//!   when it names CRS84 or EPSG:4326, or (RFC 7946) when there is no `crs`.
//!   Files without `crs` whose first coordinate is plainly RD (metres in the
//!   hundreds of thousands) are read as RD: mapshaper and older CBS exports
//!   drop the member. Any other named system is an error.
//! - The area's code is the most specific of `buurtcode`, `wijkcode`,
//!   `statcode`, `gemeentecode` (PDOK wijkenbuurten and gebiedsindelingen),
//!   else `Feature.id`; its name the matching `buurtnaam`/`wijknaam`/
//!   `statnaam`/`gemeentenaam`; the municipality `gemeentecode`, else the
//!   digits of the code (`WK082801` lies in `GM0828`).
//! - Features with `water` = `JA` (the CBS map's water parts) are skipped.
//! - Geometry: Polygon or MultiPolygon.

use std::path::Path;

use serde_json::Value;

use super::project::{plausible_wgs84, wgs84_to_rd};
use super::{Area, Boundaries, GeoError, Level, Point, Polygon, Ring, check_rd};

/// The coordinate system of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    Rd,
    Wgs84,
}

/// Reads a GeoJSON FeatureCollection of gemeenten, wijken or buurten.
pub fn read(path: &Path, year: Option<u16>) -> Result<Boundaries, GeoError> {
    let text =
        std::fs::read(path).map_err(|e| GeoError::file(path, format!("cannot read: {e}")))?;
    parse(path, &text, year)
}

/// Parses GeoJSON text; `path` only names the file in errors.
pub fn parse(path: &Path, text: &[u8], year: Option<u16>) -> Result<Boundaries, GeoError> {
    let doc: Value = serde_json::from_slice(text)
        .map_err(|e| GeoError::file(path, format!("expected GeoJSON, found invalid JSON ({e})")))?;
    let features = match (doc.get("type").and_then(Value::as_str), doc.get("features")) {
        (Some("FeatureCollection"), Some(Value::Array(features))) => features,
        _ => {
            return Err(GeoError::file(
                path,
                "expected a GeoJSON FeatureCollection with a \"features\" array",
            ));
        }
    };
    let crs = match crs_of(&doc) {
        Ok(Some(crs)) => crs,
        Ok(None) => guess_crs(features),
        Err(found) => {
            return Err(GeoError::file(
                path,
                format!(
                    "expected coordinates in RD New (EPSG:28992) or WGS84 (CRS84, EPSG:4326), found crs \"{found}\""
                ),
            ));
        }
    };
    let mut areas = Vec::with_capacity(features.len());
    let mut problems = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        match feature_area(path, i, feature, crs, year) {
            Ok(Some(area)) => areas.push(area),
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
    }
    let mut boundaries = Boundaries::new(path.display().to_string(), areas);
    boundaries.problems = problems;
    Ok(boundaries)
}

/// One feature as an area: `Ok(None)` for a water part, an error naming the
/// feature when it cannot be used (the file's other features still are).
fn feature_area(
    path: &Path,
    i: usize,
    feature: &Value,
    crs: Crs,
    year: Option<u16>,
) -> Result<Option<Area>, GeoError> {
    let error = |feature: String, message: String| GeoError {
        file: path.to_path_buf(),
        layer: None,
        feature: Some(feature),
        message,
    };
    let props = feature.get("properties").and_then(Value::as_object);
    let prop = |key: &str| -> Option<String> {
        props
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    if prop("water").is_some_and(|w| w.eq_ignore_ascii_case("ja")) {
        return Ok(None);
    }
    let number = format!("{}", i + 1);
    let Some((code, level)) = code_of(feature, &prop) else {
        return Err(error(
            number,
            "expected a CBS code (GM…, WK…, BU…) in buurtcode, wijkcode, statcode, gemeentecode or the feature id, found none".into(),
        ));
    };
    let name_key = match level {
        Level::Buurt => "buurtnaam",
        Level::Wijk => "wijknaam",
        Level::Gemeente => "gemeentenaam",
    };
    let name = prop(name_key)
        .or_else(|| prop("statnaam"))
        .unwrap_or_else(|| code.clone());
    let gemeente_code = match level {
        Level::Gemeente => code.clone(),
        _ => prop("gemeentecode").unwrap_or_else(|| gemeente_of(&code)),
    };
    let year = year.or_else(|| {
        prop("jrstatcode").and_then(|j| j.get(..4).and_then(|y| y.parse::<u16>().ok()))
    });
    let polygons = geometry(feature.get("geometry"), crs).map_err(|m| error(code.clone(), m))?;
    let area =
        Area::new(code.clone(), name, level, gemeente_code, year, polygons).ok_or_else(|| {
            error(
                code,
                "expected a polygon of three points or more, found an empty geometry".into(),
            )
        })?;
    Ok(Some(area))
}

/// The feature's own code and level: the most specific code property, else
/// its id.
fn code_of(feature: &Value, prop: &dyn Fn(&str) -> Option<String>) -> Option<(String, Level)> {
    let id = feature
        .get("id")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned());
    ["buurtcode", "wijkcode", "statcode", "gemeentecode"]
        .iter()
        .filter_map(|k| prop(k))
        .chain(id)
        .find_map(|code| Level::of_code(&code).map(|level| (code, level)))
}

/// The municipality of a wijk or buurt code: `WK082801` and `BU08280101`
/// lie in `GM0828` (CBS codes start with the municipality's number).
pub(crate) fn gemeente_of(code: &str) -> String {
    match code.get(2..6) {
        Some(digits) => format!("GM{digits}"),
        None => code.to_owned(),
    }
}

/// The system named in `crs`: `Ok(None)` without one, `Err(name)` for a
/// system we do not read.
fn crs_of(doc: &Value) -> Result<Option<Crs>, String> {
    let Some(crs) = doc.get("crs").filter(|c| !c.is_null()) else {
        return Ok(None);
    };
    let name = crs
        .pointer("/properties/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let upper = name.to_ascii_uppercase();
    if upper.ends_with(":28992") || upper.ends_with("::28992") {
        Ok(Some(Crs::Rd))
    } else if upper.ends_with("CRS84") || upper.ends_with(":4326") {
        Ok(Some(Crs::Wgs84))
    } else {
        Err(name.to_owned())
    }
}

/// Without `crs`: WGS84 unless the first coordinate is plainly RD metres.
fn guess_crs(features: &[Value]) -> Crs {
    let first = features.iter().find_map(|f| {
        let mut v = f.pointer("/geometry/coordinates")?;
        while let Some(inner) = v.get(0).filter(|x| x.is_array()) {
            v = inner;
        }
        Some((v.get(0)?.as_f64()?, v.get(1)?.as_f64()?))
    });
    match first {
        Some((x, y)) if !plausible_wgs84(x, y) && check_rd([x, y]).is_ok() => Crs::Rd,
        _ => Crs::Wgs84,
    }
}

/// A Polygon or MultiPolygon in RD metres.
fn geometry(geometry: Option<&Value>, crs: Crs) -> Result<Vec<Polygon>, String> {
    let Some(g) = geometry.filter(|g| !g.is_null()) else {
        return Err("expected a Polygon or MultiPolygon geometry, found none".into());
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates").and_then(Value::as_array);
    match (kind, coords) {
        ("Polygon", Some(rings)) => Ok(vec![polygon(rings, crs)?]),
        ("MultiPolygon", Some(polys)) => polys
            .iter()
            .map(|p| match p.as_array() {
                Some(rings) => polygon(rings, crs),
                None => Err("expected a MultiPolygon's polygons as arrays of rings".into()),
            })
            .collect(),
        _ => Err(format!(
            "expected a Polygon or MultiPolygon geometry with coordinates, found \"{kind}\""
        )),
    }
}

fn polygon(rings: &[Value], crs: Crs) -> Result<Polygon, String> {
    let rings = rings
        .iter()
        .map(|r| match r.as_array() {
            Some(points) => ring(points, crs),
            None => Err("expected a ring as an array of positions".into()),
        })
        .collect::<Result<Vec<Ring>, String>>()?;
    Ok(Polygon { rings })
}

fn ring(points: &[Value], crs: Crs) -> Result<Ring, String> {
    let mut ring: Ring = Vec::with_capacity(points.len());
    for p in points {
        let xy = p
            .as_array()
            .filter(|a| a.len() >= 2)
            .and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
        let Some((a, b)) = xy else {
            return Err(format!("expected a position [x, y] of numbers, found {p}"));
        };
        let point: Point = match crs {
            Crs::Rd => check_rd([a, b])?,
            Crs::Wgs84 => {
                if !plausible_wgs84(a, b) {
                    return Err(format!(
                        "expected WGS84 [longitude, latitude] in the Netherlands, found [{a}, {b}]"
                    ));
                }
                wgs84_to_rd(a, b)
            }
        };
        if ring.last() != Some(&point) {
            ring.push(point);
        }
    }
    // Rings are stored open.
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Boundaries, GeoError> {
        parse(Path::new("t.geojson"), s.as_bytes(), None)
    }

    const SQUARE_RD: &str =
        r#"[[[155000,463000],[156000,463000],[156000,464000],[155000,464000],[155000,463000]]]"#;

    #[test]
    fn rd_crs_and_statcode() {
        let s = format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::28992"}}}},
            "features":[{{"type":"Feature","id":"GM0003","properties":{{"statcode":"GM0003","statnaam":"Appingedam","jrstatcode":"2020GM0003"}},
            "geometry":{{"type":"Polygon","coordinates":{SQUARE_RD}}}}}]}}"#
        );
        let b = parse_str(&s).unwrap();
        let a = b.get("GM0003").unwrap();
        assert_eq!(
            (a.name.as_str(), a.level, a.year),
            ("Appingedam", Level::Gemeente, Some(2020))
        );
        assert_eq!(a.polygons[0].rings[0].len(), 4);
        assert_eq!(a.bbox.max, [156000.0, 464000.0]);
    }

    #[test]
    fn buurt_by_pdok_properties_and_water_skipped() {
        let s = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"buurtcode":"BU08280101","buurtnaam":"Centrum","wijkcode":"WK082801","gemeentecode":"GM0828","water":"NEE"}},
              "geometry":{{"type":"Polygon","coordinates":{SQUARE_RD}}}}},
            {{"type":"Feature","properties":{{"buurtcode":"BU08289999","buurtnaam":"Water","water":"JA"}},
              "geometry":{{"type":"Polygon","coordinates":{SQUARE_RD}}}}}]}}"#
        );
        let b = parse_str(&s).unwrap();
        assert_eq!(b.len(), 1);
        let a = b.get("BU08280101").unwrap();
        assert_eq!(
            (a.level, a.gemeente_code.as_str()),
            (Level::Buurt, "GM0828")
        );
    }

    #[test]
    fn hostile_input_is_an_error_naming_the_feature() {
        let cases = [
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK000301"},"geometry":{"type":"Polygon","coordinates":[[[1e300,52],[5,52],[5,53]]]}}]}"#,
                "WK000301",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK000301"},"geometry":{"type":"Polygon","coordinates":[]}}]}"#,
                "empty geometry",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK000301"},"geometry":null}]}"#,
                "found none",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK000301"},"geometry":{"type":"Point","coordinates":[5,52]}}]}"#,
                "\"Point\"",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK000301"},"geometry":{"type":"Polygon","coordinates":[[["a",1]]]}}]}"#,
                "position",
            ),
            (
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":7},"geometry":null}]}"#,
                "feature 1",
            ),
            (
                r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#,
                "EPSG:3857",
            ),
            (r#"{"type":"Feature"}"#, "FeatureCollection"),
            (
                r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["#,
                "invalid JSON",
            ),
        ];
        for (text, expected) in cases {
            // A broken file is an error; a broken feature a problem, the
            // feature left out.
            let e = match parse_str(text) {
                Err(e) => e.to_string(),
                Ok(b) => {
                    assert!(b.is_empty() && b.problems.len() == 1, "{text}");
                    b.problems[0].to_string()
                }
            };
            assert!(e.contains(expected) && e.starts_with("t.geojson"), "{e}");
        }
    }

    #[test]
    fn wgs84_without_crs_is_projected() {
        let s = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK082801","wijknaam":"X"},
            "geometry":{"type":"Polygon","coordinates":[[[5.38720621,52.1551744],[5.40,52.1551744],[5.40,52.17],[5.38720621,52.1551744]]]}}]}"#;
        let b = parse_str(s).unwrap();
        let a = b.get("WK082801").unwrap();
        assert!((a.polygons[0].rings[0][0][0] - 155_000.0).abs() < 1e-6);
        assert_eq!(a.gemeente_code, "GM0828");
    }
}
