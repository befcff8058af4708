//! Small SVG charts drawn in Rust for the profile template: the spine chart
//! of one indicator and the cost bars of one category.
//!
//! Why SVG and not typst shapes: a profile has some sixty of these, and
//! typst lays out every placed shape as an element of its own (≈ 0.5 ms a
//! spine); one image each costs a fraction of that and renders the same.
//! The colours are those of `palette` in `report-templates/common.typ`; keep
//! the two in step.

use std::fmt::Write;

/// Colours of `common.typ`'s palette used in the charts.
pub mod colour {
    pub const INK: &str = "#1f2933";
    pub const BAND: &str = "#e4e7eb";
    pub const BAND_DARK: &str = "#9aa5b1";
    pub const ACCENT: &str = "#0b6e99";
    pub const WHITE: &str = "#ffffff";

    /// The colour of a comparison label (Fingertips' convention), as
    /// `comparison-colour` in `common.typ`.
    pub fn comparison(id: &str) -> &'static str {
        match id {
            "better" => "#2e8540",
            "worse" => "#c0392b",
            "similar" => "#e8a33d",
            "higher" => "#5b8def",
            "lower" => "#8e6bbf",
            _ => WHITE,
        }
    }
}

/// Width of a spine chart's scale in points (4.2 cm, the template's
/// `spine-width`); the image is `SPINE_PAD` wider on both sides so that a
/// marker at either end is drawn whole.
pub const SPINE_WIDTH: f64 = 4.2 / 2.54 * 72.0;
pub const SPINE_PAD: f64 = 4.0;
const SPINE_HEIGHT: f64 = 11.0;

/// The spread of an indicator over all areas of a level.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub min: f64,
    pub p25: f64,
    pub p75: f64,
    pub max: f64,
}

/// A Fingertips spine chart: the national range of all areas (light band),
/// the middle half (dark band), the Netherlands (line), the municipality
/// (diamond) and the area (dot, coloured by `comparison`). `None` when the
/// range is empty or not finite.
pub fn spine(
    spread: Spread,
    value: Option<f64>,
    gemeente: Option<f64>,
    nl: Option<f64>,
    comparison: &str,
) -> Option<String> {
    let Spread { min, p25, p75, max } = spread;
    if !(min.is_finite() && max.is_finite() && max > min) {
        return None;
    }
    let x = |v: f64| (v.clamp(min, max) - min) / (max - min) * SPINE_WIDTH;
    let mut svg = header(SPINE_WIDTH + 2.0 * SPINE_PAD, SPINE_HEIGHT, -SPINE_PAD);
    rect(&mut svg, 0.0, 3.0, SPINE_WIDTH, 5.0, colour::BAND);
    if p25.is_finite() && p75.is_finite() {
        let (a, b) = (x(p25), x(p75));
        rect(&mut svg, a, 3.0, (b - a).max(0.5), 5.0, colour::BAND_DARK);
    }
    if let Some(v) = nl.filter(|v| v.is_finite()) {
        rect(&mut svg, x(v) - 0.5, 0.0, 1.0, SPINE_HEIGHT, colour::INK);
    }
    if let Some(v) = gemeente.filter(|v| v.is_finite()) {
        let c = x(v);
        let _ = write!(
            svg,
            r#"<path d="M{} 2.5L{} 5.5L{} 8.5L{} 5.5Z" fill="{}" stroke="{}" stroke-width="0.7"/>"#,
            n(c),
            n(c + 3.0),
            n(c),
            n(c - 3.0),
            colour::WHITE,
            colour::INK
        );
    }
    if let Some(v) = value.filter(|v| v.is_finite()) {
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="5.5" r="3.5" fill="{}" stroke="{}" stroke-width="0.6"/>"#,
            n(x(v)),
            colour::comparison(comparison),
            colour::INK
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// Width of the cost bars in points (7 cm, the template's `bar-width`).
pub const BAR_WIDTH: f64 = 7.0 / 2.54 * 72.0;

/// Two bars, crude (grey) above standardised (accent), with the national
/// value as a line; all on a scale from 0 to `scale_max`.
pub fn cost_bars(crude: f64, standardised: f64, nl: f64, scale_max: f64) -> String {
    let x = |v: f64| {
        if scale_max > 0.0 && v.is_finite() {
            (v / scale_max).clamp(0.0, 1.0) * BAR_WIDTH
        } else {
            0.0
        }
    };
    let mut svg = header(BAR_WIDTH + 2.0, 14.0, -1.0);
    rect(&mut svg, 0.0, 1.0, x(crude), 5.0, colour::BAND_DARK);
    rect(&mut svg, 0.0, 7.0, x(standardised), 5.0, colour::ACCENT);
    rect(&mut svg, x(nl) - 0.5, 0.0, 1.0, 13.0, colour::INK);
    svg.push_str("</svg>");
    svg
}

fn header(width: f64, height: f64, x0: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="{x0} 0 {w} {h}">"#,
        w = n(width),
        h = n(height),
        x0 = n(x0)
    )
}

fn rect(svg: &mut String, x: f64, y: f64, width: f64, height: f64, fill: &str) {
    let _ = write!(
        svg,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
        n(x),
        n(y),
        n(width),
        n(height)
    );
}

/// A coordinate with two decimals, without trailing zeros.
fn n(v: f64) -> String {
    let s = format!("{:.2}", if v.abs() < 0.005 { 0.0 } else { v });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spread() -> Spread {
        Spread {
            min: 0.0,
            p25: 25.0,
            p75: 75.0,
            max: 100.0,
        }
    }

    #[test]
    fn spine_places_the_markers_on_the_scale() {
        let svg = spine(spread(), Some(50.0), Some(0.0), Some(100.0), "worse").unwrap();
        let w = SPINE_WIDTH;
        // middle half from 25% to 75% of the width
        assert!(svg.contains(&format!(
            r#"x="{}" y="3" width="{}""#,
            n(w / 4.0),
            n(w / 2.0)
        )));
        // the area's dot in the middle, red (worse)
        assert!(svg.contains(&format!(
            r##"cx="{}" cy="5.5" r="3.5" fill="#c0392b""##,
            n(w / 2.0)
        )));
        // the national line at the right end, the municipality's diamond at the left
        assert!(svg.contains(&format!(r#"x="{}" y="0" width="1""#, n(w - 0.5))));
        assert!(svg.contains(r#"d="M0 2.5L3 5.5L0 8.5L-3 5.5Z""#));
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    }

    #[test]
    fn spine_clamps_values_outside_the_range_and_skips_what_is_missing() {
        let svg = spine(spread(), Some(250.0), None, None, "not_compared").unwrap();
        assert!(svg.contains(&format!(
            r##"cx="{}" cy="5.5" r="3.5" fill="#ffffff""##,
            n(SPINE_WIDTH)
        )));
        assert!(!svg.contains("<path"));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn no_spine_without_a_range() {
        let flat = Spread {
            min: 3.0,
            p25: 3.0,
            p75: 3.0,
            max: 3.0,
        };
        assert!(spine(flat, Some(3.0), None, None, "similar").is_none());
        let broken = Spread {
            min: f64::NAN,
            ..spread()
        };
        assert!(spine(broken, Some(3.0), None, None, "similar").is_none());
    }

    #[test]
    fn cost_bars_scale_to_the_largest_value() {
        let svg = cost_bars(100.0, 50.0, 200.0, 200.0);
        assert!(svg.contains(&format!(r#"y="1" width="{}""#, n(BAR_WIDTH / 2.0))));
        assert!(svg.contains(&format!(r#"y="7" width="{}""#, n(BAR_WIDTH / 4.0))));
        assert!(svg.contains(&format!(r#"x="{}" y="0" width="1""#, n(BAR_WIDTH - 0.5))));
    }

    #[test]
    fn coordinates_are_short_and_stable() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(10.5), "10.5");
    }
}
