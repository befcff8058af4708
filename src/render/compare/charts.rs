//! The charts of the cross-site report as small SVG images (colours of `common.typ`'s
//! palette, as `render::svg`): the forest plot of one scale, the strip of comparison-area
//! changes of one indicator, the cost trend of one network municipality. Shapes only; the
//! template sets the labels beside them in rows of [`ROW_HEIGHT`], so the text stays real
//! text (searchable, tagged) and the images need no fonts.

use std::fmt::Write;

use crate::render::svg::colour;

/// Height of one row of a forest plot or strip chart, in points.
pub const ROW_HEIGHT: f64 = 13.0;
/// Width of the plotting area of a forest plot or strip chart, in points.
pub const PLOT_WIDTH: f64 = 190.0;
/// Width and height of a cost trend chart, in points.
pub const TREND_WIDTH: f64 = 210.0;
pub const TREND_HEIGHT: f64 = 90.0;

/// A horizontal scale from `low` to `high` over `width` points.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub low: f64,
    pub high: f64,
}

impl Axis {
    /// The axis spanning `values` and 0, padded by 5% on both sides; `None` without finite
    /// values.
    pub fn spanning(values: impl IntoIterator<Item = f64>) -> Option<Axis> {
        let (mut low, mut high) = (0.0f64, 0.0f64);
        let mut any = false;
        for v in values.into_iter().filter(|v| v.is_finite()) {
            low = low.min(v);
            high = high.max(v);
            any = true;
        }
        if !any {
            return None;
        }
        if high - low <= 0.0 {
            high = low + 1.0;
        }
        let pad = (high - low) * 0.05;
        Some(Axis {
            low: low - pad,
            high: high + pad,
        })
    }

    /// The position of `v` as a fraction of the width (0 left, 1 right).
    pub fn fraction(&self, v: f64) -> f64 {
        ((v - self.low) / (self.high - self.low)).clamp(0.0, 1.0)
    }

    fn x(&self, v: f64) -> f64 {
        self.fraction(v) * PLOT_WIDTH
    }

    /// About five round tick values within the axis.
    pub fn ticks(&self) -> Vec<f64> {
        let span = self.high - self.low;
        let raw = span / 4.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(raw);
        let mut v = (self.low / step).ceil() * step;
        let mut out = Vec::new();
        while v <= self.high + step * 1e-9 && out.len() < 12 {
            out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
            v += step;
        }
        out
    }
}

/// One row of a forest plot.
#[derive(Debug, Clone, Copy)]
pub enum ForestRow {
    /// A network's estimate and interval.
    Site { estimate: f64, low: f64, high: f64 },
    /// A network not pooled: an empty row.
    Blank,
    /// The pooled estimate (diamond) with its prediction interval (dotted line).
    Pooled {
        estimate: f64,
        low: f64,
        high: f64,
        pi_low: f64,
        pi_high: f64,
    },
}

fn start(width: f64, height: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1}pt" height="{height:.1}pt" viewBox="0 0 {width:.1} {height:.1}">"#
    )
}

fn ticks_and_zero(s: &mut String, axis: &Axis, height: f64) {
    for t in axis.ticks() {
        let x = axis.x(t);
        let _ = write!(
            s,
            r#"<line x1="{x:.2}" y1="{height:.2}" x2="{x:.2}" y2="{:.2}" stroke="{}" stroke-width="0.6"/>"#,
            height - 3.0,
            colour::BAND_DARK
        );
    }
    let zero = axis.x(0.0);
    let _ = write!(
        s,
        r#"<line x1="{zero:.2}" y1="0" x2="{zero:.2}" y2="{height:.2}" stroke="{}" stroke-width="0.6" stroke-dasharray="2 2"/>"#,
        colour::BAND_DARK
    );
    let _ = write!(
        s,
        r#"<line x1="0" y1="{height:.2}" x2="{PLOT_WIDTH:.2}" y2="{height:.2}" stroke="{}" stroke-width="0.6"/>"#,
        colour::INK
    );
}

/// A forest plot: one row per entry, a line at 0, ticks at [`Axis::ticks`].
pub fn forest(rows: &[ForestRow], axis: &Axis) -> String {
    let height = rows.len() as f64 * ROW_HEIGHT;
    let mut s = start(PLOT_WIDTH, height);
    ticks_and_zero(&mut s, axis, height);
    for (i, row) in rows.iter().enumerate() {
        let y = (i as f64 + 0.5) * ROW_HEIGHT;
        match *row {
            ForestRow::Blank => {}
            ForestRow::Site {
                estimate,
                low,
                high,
            } => {
                let _ = write!(
                    s,
                    r#"<line x1="{:.2}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="{}" stroke-width="1"/><rect x="{:.2}" y="{:.2}" width="5" height="5" fill="{}"/>"#,
                    axis.x(low),
                    axis.x(high),
                    colour::INK,
                    axis.x(estimate) - 2.5,
                    y - 2.5,
                    colour::ACCENT
                );
            }
            ForestRow::Pooled {
                estimate,
                low,
                high,
                pi_low,
                pi_high,
            } => {
                let _ = write!(
                    s,
                    r#"<line x1="{:.2}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="{}" stroke-width="1" stroke-dasharray="1.5 1.5"/><polygon points="{:.2},{y:.2} {:.2},{:.2} {:.2},{y:.2} {:.2},{:.2}" fill="{}"/>"#,
                    axis.x(pi_low),
                    axis.x(pi_high),
                    colour::INK,
                    axis.x(low),
                    axis.x(estimate),
                    y - 4.5,
                    axis.x(high),
                    axis.x(estimate),
                    y + 4.5,
                    colour::INK
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// One row per network area: its comparison areas' changes as grey dots and its own
/// change as a coloured dot.
pub fn strip(rows: &[(f64, Vec<f64>)], axis: &Axis) -> String {
    let height = rows.len() as f64 * ROW_HEIGHT;
    let mut s = start(PLOT_WIDTH, height);
    ticks_and_zero(&mut s, axis, height);
    for (i, (own, others)) in rows.iter().enumerate() {
        let y = (i as f64 + 0.5) * ROW_HEIGHT;
        for o in others {
            let _ = write!(
                s,
                r#"<circle cx="{:.2}" cy="{y:.2}" r="2" fill="{}"/>"#,
                axis.x(*o),
                colour::BAND_DARK
            );
        }
        let _ = write!(
            s,
            r#"<circle cx="{:.2}" cy="{y:.2}" r="3.2" fill="{}" stroke="{}" stroke-width="0.8"/>"#,
            axis.x(*own),
            colour::ACCENT,
            colour::WHITE
        );
    }
    s.push_str("</svg>");
    s
}

/// A cost trend: the municipality (accent, solid) and the mean of its comparison
/// municipalities (grey, dashed) per year, the start year as a vertical line. `None`
/// without at least one value.
pub fn trend(
    years: &[i32],
    own: &[Option<f64>],
    comparison: &[Option<f64>],
    start: Option<i32>,
) -> Option<(String, f64, f64)> {
    let values: Vec<f64> = own.iter().chain(comparison).flatten().copied().collect();
    let (first, last) = (*years.first()?, *years.last()?);
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return None;
    }
    let pad = ((high - low) * 0.1).max(1.0);
    let (low, high) = (low - pad, high + pad);
    let span_years = (last.max(start.unwrap_or(last)) - first.min(start.unwrap_or(first))).max(1);
    let year0 = first.min(start.unwrap_or(first));
    let x = |y: i32| (y - year0) as f64 / span_years as f64 * (TREND_WIDTH - 8.0) + 4.0;
    let y = |v: f64| TREND_HEIGHT - 4.0 - (v - low) / (high - low) * (TREND_HEIGHT - 8.0);
    let mut s = start_svg(TREND_WIDTH, TREND_HEIGHT);
    let _ = write!(
        s,
        r#"<line x1="0" y1="{h:.2}" x2="{w:.2}" y2="{h:.2}" stroke="{}" stroke-width="0.6"/>"#,
        colour::INK,
        h = TREND_HEIGHT - 0.3,
        w = TREND_WIDTH
    );
    if let Some(start) = start {
        let _ = write!(
            s,
            r#"<line x1="{x:.2}" y1="0" x2="{x:.2}" y2="{TREND_HEIGHT:.2}" stroke="{}" stroke-width="0.8" stroke-dasharray="2 2"/>"#,
            colour::BAND_DARK,
            x = x(start)
        );
    }
    for (series, stroke, dash, fill) in [
        (
            comparison,
            colour::BAND_DARK,
            r#" stroke-dasharray="3 2""#,
            colour::BAND_DARK,
        ),
        (own, colour::ACCENT, "", colour::ACCENT),
    ] {
        let points: Vec<(f64, f64)> = years
            .iter()
            .zip(series)
            .filter_map(|(yr, v)| v.map(|v| (x(*yr), y(v))))
            .collect();
        if points.len() > 1 {
            let path: Vec<String> = points
                .iter()
                .map(|(a, b)| format!("{a:.2},{b:.2}"))
                .collect();
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="1.2"{dash}/>"#,
                path.join(" ")
            );
        }
        for (a, b) in points {
            let _ = write!(
                s,
                r#"<circle cx="{a:.2}" cy="{b:.2}" r="1.8" fill="{fill}"/>"#
            );
        }
    }
    s.push_str("</svg>");
    Some((s, low, high))
}

fn start_svg(width: f64, height: f64) -> String {
    start(width, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_inside() {
        let axis = Axis::spanning([-1.3, 2.7]).unwrap();
        let ticks = axis.ticks();
        assert!(ticks.contains(&0.0), "{ticks:?}");
        assert!(ticks.iter().all(|t| *t >= axis.low && *t <= axis.high));
    }

    #[test]
    fn forest_draws_every_row() {
        let axis = Axis::spanning([-1.0, 1.0]).unwrap();
        let svg = forest(
            &[
                ForestRow::Site {
                    estimate: 0.2,
                    low: -0.1,
                    high: 0.5,
                },
                ForestRow::Blank,
                ForestRow::Pooled {
                    estimate: 0.1,
                    low: 0.0,
                    high: 0.2,
                    pi_low: -0.5,
                    pi_high: 0.7,
                },
            ],
            &axis,
        );
        assert!(svg.contains("<polygon"));
        assert_eq!(svg.matches("<rect").count(), 1);
    }
}
