//! Maps as SVG strings: a locator (areas with some highlighted), a
//! choropleth in five classes, and a map of the country with marks.
//!
//! Drawn in RD New: a fit-to-box transform with y flipped (RD north is up,
//! SVG y down), coordinates rounded to tenths of a point and written as
//! relative moves, points that fall on the same tenth dropped: a wijk map
//! of a large municipality stays a few tens of kB and cheap for typst.
//!
//! Every map carries the attribution the CBS boundaries require, as text in
//! the SVG. Words (alt text, legend labels) come from the caller, already in
//! the report's language: the functions hand the facts of the map to an
//! `alt` closure that makes the sentence. Codes asked for but absent from
//! the areas are returned in [`Map::missing`], never drawn.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{Area, Bbox, Point, attribution};

/// Colours: the palette of `report-templates/common.typ` (as
/// `render::svg::colour`) and ColorBrewer's YlGnBu in five classes, a
/// sequential scheme that colour-blind readers can tell apart and that
/// stays in order when printed in grey.
pub mod colour {
    pub const INK: &str = "#1f2933";
    pub const BAND: &str = "#e4e7eb";
    pub const BAND_DARK: &str = "#9aa5b1";
    pub const ACCENT: &str = "#0b6e99";
    pub const WHITE: &str = "#ffffff";
    pub const MUTED: &str = "#52606d";
    pub const CLASSES: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
}

/// A drawn map.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub svg: String,
    /// The alt text made by the caller's closure from the map's facts.
    pub alt: String,
    /// Codes asked for (highlighted, or given a value) that are not among
    /// the areas: for the report's "what is missing".
    pub missing: Vec<String>,
    /// The attribution of the boundaries drawn (latest year among them):
    /// in the SVG unless [`MapOptions::attribution`] is off, when the
    /// document must show it with the map.
    pub attribution: String,
}

/// How a map is laid out.
pub struct MapOptions<'a> {
    /// Width of the image in points.
    pub width: f64,
    /// Largest height of the map itself in points (the legend and the
    /// attribution line come below it); the map keeps its proportions.
    pub max_height: f64,
    /// For the web page: each area becomes `<a href="…"><path id="…"
    /// data-code="…"><title>name</title></path></a>` with this link, and
    /// the SVG gets the alt text as its title. `None` in the PDF.
    pub link: Option<&'a dyn Fn(&Area) -> String>,
    /// Prefix of the ids in the SVG (patterns, areas), so that several maps
    /// can sit in one web page.
    pub id_prefix: &'a str,
    /// A vertex closer than this (points, along x plus y) to the last one
    /// kept is dropped: finer detail cannot be seen at this size, and every
    /// vertex costs typst time (half a point cuts a profile's maps to about
    /// half the vertices of 0.1 pt). 0 keeps every vertex that is a tenth
    /// of a point away.
    pub min_step: f64,
    /// The attribution line in the SVG. Only for a set of maps that carries
    /// the attribution once in the document (under a row of small maps)
    /// may this be `false`: text in an SVG costs typst about 1 ms per image.
    pub attribution: bool,
}

impl Default for MapOptions<'_> {
    fn default() -> Self {
        MapOptions {
            width: 200.0,
            max_height: 220.0,
            link: None,
            id_prefix: "m",
            min_step: 0.5,
            attribution: true,
        }
    }
}

/// The facts of a locator map, for its alt text.
#[derive(Debug)]
pub struct LocatorFacts<'a> {
    /// Areas drawn.
    pub areas: usize,
    /// Names of the highlighted areas that are drawn.
    pub highlighted: Vec<&'a str>,
    /// Highlighted codes not among the areas.
    pub missing: &'a [String],
}

/// The areas (e.g. a municipality's wijken) in grey with thin white
/// outlines, the `highlight`ed ones in the accent colour on top.
pub fn locator(
    areas: &[&Area],
    highlight: &[&str],
    options: &MapOptions,
    alt: impl FnOnce(&LocatorFacts) -> String,
) -> Map {
    let on: HashSet<&str> = highlight.iter().copied().collect();
    let missing = absent(areas, highlight.iter().copied());
    let mut canvas = Canvas::new(areas, options, 0.0);
    let (others, lit): (Vec<&Area>, Vec<&Area>) =
        areas.iter().partition(|a| !on.contains(a.code.as_str()));
    let others: Vec<(&Area, &str)> = others.iter().map(|a| (*a, colour::BAND)).collect();
    canvas.areas(&others, colour::WHITE, 0.6);
    let lit_fill: Vec<(&Area, &str)> = lit.iter().map(|a| (*a, colour::ACCENT)).collect();
    canvas.areas(&lit_fill, colour::INK, 0.8);
    let facts = LocatorFacts {
        areas: areas.len(),
        highlighted: lit.iter().map(|a| a.name.as_str()).collect(),
        missing: &missing,
    };
    let alt = alt(&facts);
    Map {
        svg: canvas.finish(areas, &alt),
        alt,
        missing,
        attribution: year_attribution(areas),
    }
}

/// Legend labels of a choropleth, already in the report's language.
pub struct Legend<'a> {
    /// Class 1 to 5 (e.g. "lowest fifth of the country" … "highest fifth").
    pub classes: [&'a str; 5],
    /// Areas without a value.
    pub no_value: &'a str,
}

/// The facts of a choropleth, for its alt text.
#[derive(Debug)]
pub struct ChoroplethFacts<'a> {
    /// Areas drawn.
    pub areas: usize,
    /// Areas drawn in class 1 to 5.
    pub per_class: [usize; 5],
    /// Areas drawn without a value.
    pub no_value: usize,
    /// Highlighted areas drawn: name and class.
    pub highlighted: Vec<(&'a str, Option<u8>)>,
    /// Names of the areas in the highest and in the lowest class present.
    pub highest: Vec<&'a str>,
    pub lowest: Vec<&'a str>,
    /// Codes with a value (or highlighted) that are not among the areas.
    pub missing: &'a [String],
}

/// Height of one legend row in points.
const LEGEND_ROW: f64 = 8.0;

/// The areas coloured by class 1–5 (national quintiles, say; a class
/// outside 1–5 or `None` is "no value", drawn hatched), the highlighted
/// areas outlined in ink, and a legend below the map when given.
pub fn choropleth(
    areas: &[&Area],
    values: &[(&str, Option<u8>)],
    highlight: &[&str],
    legend: Option<&Legend>,
    options: &MapOptions,
    alt: impl FnOnce(&ChoroplethFacts) -> String,
) -> Map {
    let class_of: HashMap<&str, u8> = values
        .iter()
        .filter_map(|&(c, v)| v.filter(|v| (1..=5).contains(v)).map(|v| (c, v)))
        .collect();
    let missing = absent(
        areas,
        values
            .iter()
            .map(|(c, _)| *c)
            .chain(highlight.iter().copied()),
    );
    let legend_height = legend.map_or(0.0, |_| 6.0 * LEGEND_ROW + 4.0);
    let mut canvas = Canvas::new(areas, options, legend_height);
    let hatch = format!("{}-nv", options.id_prefix);
    canvas.hatch(&hatch);
    let no_value_fill = format!("url(#{hatch})");
    let mut per_class = [0usize; 5];
    let mut no_value = 0;
    let mut filled: Vec<(&Area, &str)> = Vec::with_capacity(areas.len());
    for a in areas {
        let fill = match class_of.get(a.code.as_str()) {
            Some(&c) => {
                per_class[usize::from(c - 1)] += 1;
                colour::CLASSES[usize::from(c - 1)]
            }
            None => {
                no_value += 1;
                no_value_fill.as_str()
            }
        };
        filled.push((a, fill));
    }
    canvas.areas(&filled, colour::WHITE, 0.5);
    let on: HashSet<&str> = highlight.iter().copied().collect();
    let lit: Vec<&Area> = areas
        .iter()
        .copied()
        .filter(|a| on.contains(a.code.as_str()))
        .collect();
    // A white halo under the ink keeps the outline visible on the darkest class.
    for a in &lit {
        canvas.outline(a, colour::WHITE, 2.6);
        canvas.outline(a, colour::INK, 1.2);
    }
    if let Some(legend) = legend {
        canvas.legend(legend, &no_value_fill);
    }
    let names_in = |class: Option<usize>| -> Vec<&str> {
        match class {
            Some(c) => areas
                .iter()
                .filter(|a| class_of.get(a.code.as_str()) == Some(&(c as u8 + 1)))
                .map(|a| a.name.as_str())
                .collect(),
            None => Vec::new(),
        }
    };
    let facts = ChoroplethFacts {
        areas: areas.len(),
        per_class,
        no_value,
        highlighted: lit
            .iter()
            .map(|a| (a.name.as_str(), class_of.get(a.code.as_str()).copied()))
            .collect(),
        highest: names_in((0..5).rev().find(|&c| per_class[c] > 0)),
        lowest: names_in((0..5).find(|&c| per_class[c] > 0)),
        missing: &missing,
    };
    let alt = alt(&facts);
    Map {
        svg: canvas.finish(areas, &alt),
        alt,
        missing,
        attribution: year_attribution(areas),
    }
}

/// The legend of [`choropleth`] alone, as one small SVG (`width` points
/// wide): a row of small maps needs it once, not in every map.
pub fn legend(legend: &Legend, width: f64, id_prefix: &str) -> String {
    let options = MapOptions {
        width,
        max_height: 0.0,
        attribution: false,
        id_prefix,
        ..Default::default()
    };
    let mut canvas = Canvas::new(&[], &options, 6.0 * LEGEND_ROW);
    canvas.map_height = 0.0;
    let hatch = format!("{id_prefix}-nv");
    canvas.hatch(&hatch);
    canvas.legend(legend, &format!("url(#{hatch})"));
    canvas.finish(&[], "")
}

/// A mark on the country map (a network, say) at an RD point.
pub struct Mark<'a> {
    pub at: Point,
    /// A short label drawn beside the mark (a number or an id).
    pub label: &'a str,
}

/// The facts of a country map, for its alt text.
#[derive(Debug)]
pub struct CountryFacts<'a> {
    /// Areas drawn as the base (municipalities).
    pub areas: usize,
    /// Names of the areas filled in the accent colour.
    pub highlighted: Vec<&'a str>,
    /// Labels of the marks drawn.
    pub marks: Vec<&'a str>,
}

/// The country as its municipalities (`base`, light grey), the `highlight`
/// areas (a network's wijken, of any level) in the accent colour and a
/// numbered dot per mark.
pub fn country(
    base: &[&Area],
    highlight: &[&Area],
    marks: &[Mark],
    options: &MapOptions,
    alt: impl FnOnce(&CountryFacts) -> String,
) -> Map {
    let mut canvas = Canvas::new(base, options, 0.0);
    let base_fill: Vec<(&Area, &str)> = base.iter().map(|a| (*a, colour::BAND)).collect();
    canvas.areas(&base_fill, colour::WHITE, 0.3);
    let lit: Vec<(&Area, &str)> = highlight.iter().map(|a| (*a, colour::ACCENT)).collect();
    canvas.areas(&lit, colour::ACCENT, 0.3);
    for m in marks.iter().filter(|m| m.at.iter().all(|v| v.is_finite())) {
        let [x, y] = canvas.to_svg(m.at);
        let _ = write!(
            canvas.svg,
            r#"<circle cx="{}" cy="{}" r="2.2" fill="{}" stroke="{}" stroke-width="0.6"/><text x="{}" y="{}" font-size="5.5" font-family="Inter" fill="{}">{}</text>"#,
            tenths(x),
            tenths(y),
            colour::ACCENT,
            colour::WHITE,
            tenths(x + 30),
            tenths(y + 20),
            colour::INK,
            escape(m.label)
        );
    }
    let facts = CountryFacts {
        areas: base.len(),
        highlighted: highlight.iter().map(|a| a.name.as_str()).collect(),
        marks: marks.iter().map(|m| m.label).collect(),
    };
    let alt = alt(&facts);
    let drawn: Vec<&Area> = base.iter().chain(highlight).copied().collect();
    Map {
        svg: canvas.finish(&drawn, &alt),
        alt,
        missing: Vec::new(),
        attribution: year_attribution(&drawn),
    }
}

/// The attribution for the latest boundary year among the areas.
fn year_attribution(areas: &[&Area]) -> String {
    attribution(areas.iter().filter_map(|a| a.year).max())
}

/// Codes (each once, in order) that are not among the areas.
fn absent<'c>(areas: &[&Area], codes: impl Iterator<Item = &'c str>) -> Vec<String> {
    let have: HashSet<&str> = areas.iter().map(|a| a.code.as_str()).collect();
    let mut seen = HashSet::new();
    codes
        .filter(|c| !have.contains(c) && seen.insert(*c))
        .map(str::to_owned)
        .collect()
}

/// Height of the attribution line in points.
const FOOTER: f64 = 8.0;

/// An SVG being drawn: the transform from RD metres to tenths of a point
/// (integers, so that repeated points are found exactly; written out as
/// points with one decimal).
struct Canvas<'a> {
    svg: String,
    options: &'a MapOptions<'a>,
    /// RD of the top-left corner of the map.
    origin: Point,
    /// Tenths of a point per metre.
    scale: f64,
    width: f64,
    map_height: f64,
    legend_height: f64,
    /// `MapOptions::min_step` in tenths of a point.
    min_step: i64,
}

impl<'a> Canvas<'a> {
    fn new(areas: &[&Area], options: &'a MapOptions<'a>, legend_height: f64) -> Canvas<'a> {
        let bbox = areas
            .iter()
            .map(|a| a.bbox)
            .reduce(Bbox::union)
            .unwrap_or(Bbox {
                min: [0.0, 0.0],
                max: [1.0, 1.0],
            });
        let width = if options.width.is_finite() && options.width > 10.0 {
            options.width
        } else {
            MapOptions::default().width
        };
        let max_height = if options.max_height.is_finite() && options.max_height > 10.0 {
            options.max_height
        } else {
            MapOptions::default().max_height
        };
        // A margin of 2 % keeps outlines whole at the edges.
        let (w, h) = (bbox.width().max(1.0), bbox.height().max(1.0));
        let pad = 0.02 * w.max(h);
        let (w, h) = (w + 2.0 * pad, h + 2.0 * pad);
        let scale_pt = (width / w).min(max_height / h);
        let map_height = h * scale_pt;
        // Centre horizontally when the height limits the scale.
        let extra = (width / scale_pt - w) / 2.0;
        Canvas {
            svg: String::with_capacity(16 * 1024),
            options,
            origin: [bbox.min[0] - pad - extra, bbox.max[1] + pad],
            scale: scale_pt * 10.0,
            width,
            map_height,
            legend_height,
            min_step: if options.min_step.is_finite() {
                (options.min_step.clamp(0.0, 10.0) * 10.0).round() as i64
            } else {
                0
            },
        }
    }

    /// An RD point in tenths of a point, y down.
    fn to_svg(&self, p: Point) -> [i64; 2] {
        [
            ((p[0] - self.origin[0]) * self.scale).round() as i64,
            ((self.origin[1] - p[1]) * self.scale).round() as i64,
        ]
    }

    /// Path data of an area: every ring as an absolute move and relative
    /// lines, repeated points (at this scale) dropped, rings of fewer than
    /// three distinct points left out.
    fn path(&self, area: &Area) -> String {
        let mut d = String::new();
        let mut ring_d = String::new();
        for polygon in &area.polygons {
            for ring in &polygon.rings {
                ring_d.clear();
                let mut prev: Option<[i64; 2]> = None;
                let mut distinct = 0;
                for &p in ring {
                    let q = self.to_svg(p);
                    match prev {
                        None => {
                            let _ = write!(ring_d, "M{} {}l", tenths(q[0]), tenths(q[1]));
                        }
                        Some(r)
                            if (r[0] - q[0]).abs() + (r[1] - q[1]).abs() < self.min_step.max(1) =>
                        {
                            continue;
                        }
                        Some(r) => push_pair(&mut ring_d, q[0] - r[0], q[1] - r[1], distinct > 1),
                    }
                    prev = Some(q);
                    distinct += 1;
                }
                if distinct >= 3 {
                    d.push_str(&ring_d);
                    d.push('z');
                }
            }
        }
        d
    }

    /// Draws areas with their fills and one stroke. In the PDF the areas
    /// of one fill become one path: typst's cost grows with the number of
    /// SVG elements more than with their vertices. For the web page every
    /// area is its own linked path.
    fn areas(&mut self, areas: &[(&Area, &str)], stroke: &str, stroke_width: f64) {
        if self.options.link.is_some() {
            for (area, fill) in areas {
                self.area(area, fill, stroke, stroke_width);
            }
            return;
        }
        let mut groups: Vec<(&str, String)> = Vec::new();
        for (area, fill) in areas {
            let d = self.path(area);
            match groups.iter_mut().find(|(f, _)| f == fill) {
                Some((_, all)) => all.push_str(&d),
                None => groups.push((fill, d)),
            }
        }
        for (fill, d) in groups.iter().filter(|(_, d)| !d.is_empty()) {
            let _ = write!(
                self.svg,
                r#"<path d="{d}" fill="{fill}" fill-rule="evenodd" stroke="{stroke}" stroke-width="{stroke_width}" stroke-linejoin="round"/>"#
            );
        }
    }

    fn area(&mut self, area: &Area, fill: &str, stroke: &str, stroke_width: f64) {
        let d = self.path(area);
        if d.is_empty() {
            return;
        }
        let open = self.options.link.map(|link| {
            format!(
                r#"<a href="{}"><path id="{}-{}" data-code="{}" "#,
                escape(&link(area)),
                self.options.id_prefix,
                escape(&area.code),
                escape(&area.code)
            )
        });
        match &open {
            Some(open) => self.svg.push_str(open),
            None => self.svg.push_str("<path "),
        }
        let _ = write!(
            self.svg,
            r#"d="{d}" fill="{fill}" fill-rule="evenodd" stroke="{stroke}" stroke-width="{stroke_width}" stroke-linejoin="round""#
        );
        if open.is_some() {
            let _ = write!(
                self.svg,
                "><title>{}</title></path></a>",
                escape(&area.name)
            );
        } else {
            self.svg.push_str("/>");
        }
    }

    fn outline(&mut self, area: &Area, stroke: &str, stroke_width: f64) {
        let d = self.path(area);
        if !d.is_empty() {
            let _ = write!(
                self.svg,
                r#"<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{stroke_width}" stroke-linejoin="round"/>"#
            );
        }
    }

    /// The hatching of "no value" as a pattern with this id.
    fn hatch(&mut self, id: &str) {
        let _ = write!(
            self.svg,
            r#"<defs><pattern id="{id}" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="3" fill="{}"/><rect width="0.8" height="3" fill="{}"/></pattern></defs>"#,
            colour::WHITE,
            colour::BAND_DARK
        );
    }

    fn legend(&mut self, legend: &Legend, no_value_fill: &str) {
        let top = if self.map_height > 0.0 {
            self.map_height + 4.0
        } else {
            1.0
        };
        let rows = legend
            .classes
            .iter()
            .zip(colour::CLASSES)
            .map(|(label, fill)| (*label, fill))
            .chain(std::iter::once((legend.no_value, no_value_fill)));
        for (i, (label, fill)) in rows.enumerate() {
            let y = top + i as f64 * LEGEND_ROW;
            let _ = write!(
                self.svg,
                r#"<rect x="0" y="{}" width="10" height="6" fill="{fill}" stroke="{}" stroke-width="0.3"/><text x="13" y="{}" font-size="6" font-family="Inter" fill="{}">{}</text>"#,
                tenths((y * 10.0) as i64),
                colour::BAND_DARK,
                tenths(((y + 5.2) * 10.0) as i64),
                colour::INK,
                escape(label)
            );
        }
    }

    /// The document around the shapes: size, title (web only) and the
    /// attribution of the latest boundary year among the areas.
    fn finish(self, areas: &[&Area], alt: &str) -> String {
        let footer = if self.options.attribution {
            FOOTER
        } else {
            0.0
        };
        let height = self.map_height + self.legend_height + footer;
        let mut svg = String::with_capacity(self.svg.len() + 400);
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" role="img">"#,
            w = tenths((self.width * 10.0).round() as i64),
            h = tenths((height * 10.0).round() as i64),
        );
        if self.options.link.is_some() {
            let _ = write!(svg, "<title>{}</title>", escape(alt));
        }
        svg.push_str(&self.svg);
        if self.options.attribution {
            let _ = write!(
                svg,
                r#"<text x="0" y="{}" font-size="5" font-family="Inter" fill="{}">{}</text>"#,
                tenths(((height - 2.0) * 10.0).round() as i64),
                colour::MUTED,
                escape(&year_attribution(areas))
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Appends a relative pair; `separate` when a pair came before (a minus
/// sign separates numbers by itself, so no space is needed before it).
fn push_pair(d: &mut String, dx: i64, dy: i64, separate: bool) {
    if separate && dx >= 0 {
        d.push(' ');
    }
    d.push_str(&tenths(dx));
    if dy >= 0 {
        d.push(' ');
    }
    d.push_str(&tenths(dy));
}

/// Tenths as a decimal number: 123 → "12.3", -5 → "-0.5", 40 → "4".
fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{}", a / 10)
    } else {
        format!("{sign}{}.{}", a / 10, a % 10)
    }
}

/// Text for XML content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{Level, Polygon};

    fn square(code: &str, x: f64, y: f64) -> Area {
        let ring = vec![
            [x, y],
            [x + 1000.0, y],
            [x + 1000.0, y + 1000.0],
            [x, y + 1000.0],
        ];
        Area::new(
            code.into(),
            format!("<{code}>"),
            Level::Wijk,
            "GM0001".into(),
            Some(2024),
            vec![Polygon { rings: vec![ring] }],
        )
        .unwrap()
    }

    #[test]
    fn numbers_in_tenths() {
        assert_eq!(tenths(123), "12.3");
        assert_eq!(tenths(-5), "-0.5");
        assert_eq!(tenths(40), "4");
        assert_eq!(tenths(0), "0");
        let mut d = String::new();
        push_pair(&mut d, 10, -20, false);
        push_pair(&mut d, -3, 4, true);
        push_pair(&mut d, 5, 6, true);
        assert_eq!(d, "1-2-0.3 0.4 0.5 0.6");
    }

    #[test]
    fn y_is_flipped_north_up() {
        let (a, b) = (
            square("WK000101", 0.0, 0.0),
            square("WK000102", 0.0, 5000.0),
        );
        let options = MapOptions::default();
        let canvas = Canvas::new(&[&a, &b], &options, 0.0);
        // The northern square has the smaller SVG y.
        assert!(canvas.to_svg([0.0, 5000.0])[1] < canvas.to_svg([0.0, 0.0])[1]);
    }

    #[test]
    fn locator_lists_absent_codes_and_escapes_names() {
        let (a, b) = (
            square("WK000101", 0.0, 0.0),
            square("WK000102", 1000.0, 0.0),
        );
        let link = |a: &Area| format!("/wijk/{}?x=1&y=2", a.code);
        let options = MapOptions {
            link: Some(&link),
            ..Default::default()
        };
        let map = locator(&[&a, &b], &["WK000102", "WK999999"], &options, |f| {
            format!("{} {:?} {:?}", f.areas, f.highlighted, f.missing)
        });
        assert_eq!(map.missing, vec!["WK999999".to_owned()]);
        assert_eq!(map.alt, r#"2 ["<WK000102>"] ["WK999999"]"#);
        assert!(map.svg.contains(r#"data-code="WK000102""#));
        assert!(map.svg.contains("<title>&lt;WK000101&gt;</title>"));
        assert!(map.svg.contains("?x=1&amp;y=2"));
        assert!(!map.svg.contains(r#"data-code="WK999999""#));
        assert!(
            map.svg
                .contains("Kadaster / Centraal Bureau voor de Statistiek, 2024")
        );
    }

    #[test]
    fn choropleth_counts_classes() {
        let areas: Vec<Area> = (0..4)
            .map(|i| square(&format!("WK00010{i}"), i as f64 * 1000.0, 0.0))
            .collect();
        let refs: Vec<&Area> = areas.iter().collect();
        let values = [
            ("WK000100", Some(1)),
            ("WK000101", Some(5)),
            ("WK000102", Some(9)),
            ("WK000999", Some(3)),
        ];
        let legend = Legend {
            classes: ["1", "2", "3", "4", "5"],
            no_value: "-",
        };
        let map = choropleth(
            &refs,
            &values,
            &["WK000101"],
            Some(&legend),
            &MapOptions::default(),
            |f| {
                format!(
                    "{:?} {} {:?} {:?} {:?}",
                    f.per_class, f.no_value, f.highest, f.lowest, f.highlighted
                )
            },
        );
        assert_eq!(
            map.alt,
            r#"[1, 0, 0, 0, 1] 2 ["<WK000101>"] ["<WK000100>"] [("<WK000101>", Some(5))]"#
        );
        assert_eq!(map.missing, vec!["WK000999".to_owned()]);
        assert!(map.svg.contains("url(#m-nv)"));
    }

    #[test]
    fn standalone_legend_and_maps_without_attribution() {
        let legend_svg = legend(
            &Legend {
                classes: ["a", "b", "c", "d", "e"],
                no_value: "&",
            },
            80.0,
            "x",
        );
        assert!(legend_svg.contains(">&amp;</text>") && legend_svg.contains("url(#x-nv)"));
        assert!(!legend_svg.contains("Kadaster"));
        let a = square("WK000101", 0.0, 0.0);
        let options = MapOptions {
            attribution: false,
            ..Default::default()
        };
        let map = locator(&[&a], &[], &options, |_| String::new());
        assert!(!map.svg.contains("<text"));
    }

    #[test]
    fn empty_and_degenerate_input_draws_without_panic() {
        let map = locator(&[], &["WK1"], &MapOptions::default(), |_| String::new());
        assert!(map.svg.starts_with("<svg") && map.svg.ends_with("</svg>"));
        let options = MapOptions {
            width: f64::NAN,
            max_height: -1.0,
            ..Default::default()
        };
        let a = square("WK000101", 0.0, 0.0);
        let map = country(
            &[&a],
            &[],
            &[Mark {
                at: [f64::NAN, 0.0],
                label: "1",
            }],
            &options,
            |_| String::new(),
        );
        assert!(map.svg.ends_with("</svg>"));
    }
}
