//! The figures of `vergelijking.typ`: the forest plot of each pooled scale, the
//! comparison-area strips, the cost trends around each start and the networks on a map of
//! the country, each with its labels, ticks and alt text in the report's language.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::areas::{AreaDidRow, SET_NEAREST};
use super::charts::{self, Axis, ForestRow};
use super::{Comparison, Inputs};
use crate::compute::compare::sites::{PooledRow, SiteEffectRow};
use crate::compute::findings::FindingRules;
use crate::compute::findings::compare::{self as findings, PlaceboFinding, PooledFinding};
use crate::compute::stats::meta::MIN_K_HETEROGENEITY;
use crate::i18n::Messages;
use crate::ingest::catalog::Catalog;
use crate::msg;
use crate::render::words::{bound, format_count, format_value, signed};

/// The networks on a map of the country's municipalities.
#[derive(Debug, Serialize)]
pub struct CountryMap {
    pub svg: String,
    pub alt: String,
    /// "Kadaster / Centraal Bureau voor de Statistiek, <jaar>" (also drawn in the SVG).
    pub attribution: String,
}

/// A tick of a chart's axis: where (fraction of the width) and its label.
#[derive(Debug, Serialize)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// The forest plot of one scale.
#[derive(Debug, Serialize)]
pub struct Forest {
    pub heading: String,
    /// One label row per row of the image: name, n, estimate [interval].
    pub rows: Vec<[String; 3]>,
    /// Whether the row is the pooled one (bold).
    pub pooled_row: usize,
    pub svg: String,
    pub alt: String,
    pub ticks: Vec<Tick>,
    pub stats: String,
    pub notes: Vec<String>,
}

/// The comparison-area strip of one indicator.
#[derive(Debug, Serialize)]
pub struct Strip {
    pub heading: String,
    pub rows: Vec<String>,
    pub svg: String,
    pub alt: String,
    pub ticks: Vec<Tick>,
    pub sentence: String,
}

/// The cost trend of one network municipality.
#[derive(Debug, Serialize)]
pub struct Trend {
    pub heading: String,
    pub svg: String,
    pub alt: String,
    pub low: String,
    pub high: String,
    pub years: String,
    pub sentence: String,
}

/// At most this many indicators get a comparison-area chart; all are in `area_did`.
pub(super) const MAX_STRIPS: usize = 8;

/// The municipalities of the country (CBS 2023) with each network's wijken (CBS 2024) in the
/// accent colour, or its municipality when the register names no wijk of it, and a dot
/// labelled with the network's id.
pub(super) fn country_map(
    inputs: &Inputs,
    networks: &[&crate::ingest::network::register::Network],
    m: &Messages,
) -> Option<CountryMap> {
    use crate::geo::map::{MapOptions, Mark, country};
    use crate::geo::{Level, builtin};
    let gemeenten = builtin(Level::Gemeente, 2023)?;
    let wijken = builtin(Level::Wijk, 2024);
    let mut highlight = Vec::new();
    let mut marks = Vec::new();
    for n in networks {
        let areas: Vec<&crate::geo::Area> = inputs
            .register
            .areas
            .iter()
            .filter(|a| a.network == n.id)
            .filter_map(|a| match Level::of_code(&a.area.code) {
                Some(Level::Gemeente) => gemeenten.get(&a.area.code),
                Some(Level::Wijk) => wijken.and_then(|w| w.get(&a.area.code)),
                _ => None,
            })
            .collect();
        let areas = if areas.is_empty() {
            gemeenten.get(&n.municipality).into_iter().collect()
        } else {
            areas
        };
        if let Some(first) = areas.first() {
            marks.push((first.marker(), n.id.as_str()));
        }
        highlight.extend(areas);
    }
    if marks.is_empty() {
        return None;
    }
    let marks: Vec<Mark> = marks
        .iter()
        .map(|(at, label)| Mark { at: *at, label })
        .collect();
    let base: Vec<&crate::geo::Area> = gemeenten.areas().iter().collect();
    let options = MapOptions {
        width: 260.0,
        max_height: 300.0,
        min_step: 1.0,
        ..MapOptions::default()
    };
    let drawn = country(&base, &highlight, &marks, &options, |facts| {
        msg!(
            m,
            "compare-map-alt",
            count = facts.marks.len(),
            networks = facts.marks.join(", "),
            areas = facts.highlighted.len()
        )
    });
    Some(CountryMap {
        svg: drawn.svg,
        alt: drawn.alt,
        attribution: drawn.attribution,
    })
}

/// The placebo finding of an area's row.
pub(super) fn placebo_of(r: &AreaDidRow, rules: &FindingRules) -> PlaceboFinding {
    findings::placebo(r.placebo_rank, r.comparison_n, r.placebo_p, rules)
}

/// Tick labels of an axis.
pub(super) fn ticks(axis: &Axis, digits: u8, nl: bool) -> Vec<Tick> {
    axis.ticks()
        .into_iter()
        .map(|t| Tick {
            at: axis.fraction(t),
            label: if t == 0.0 {
                format_value(0.0, 0, nl)
            } else {
                signed(t, digits, nl)
            },
        })
        .collect()
}

pub(super) fn forest(
    p: &PooledRow,
    sites: &[&SiteEffectRow],
    scale_label: &dyn Fn(&str, &str) -> String,
    direction: Option<String>,
    inputs: &Inputs,
    nl: bool,
    m: &Messages,
) -> Option<Forest> {
    let mut values: Vec<f64> = sites
        .iter()
        .flat_map(|s| [s.ci_low, s.ci_high])
        .flatten()
        .collect();
    values.extend(
        [p.ci_low, p.ci_high, p.pi_low, p.pi_high]
            .into_iter()
            .flatten(),
    );
    let axis = Axis::spanning(values)?;
    let mut rows = Vec::new();
    let mut shapes = Vec::new();
    let mut notes = Vec::new();
    for s in sites {
        match (s.estimate, s.ci_low, s.ci_high) {
            (Some(e), Some(lo), Some(hi)) if s.included => {
                rows.push([
                    s.network_id.clone(),
                    format_count(s.n as i64, nl),
                    format!(
                        "{} [{}; {}]",
                        signed(e, 2, nl),
                        bound(lo, 2, nl),
                        bound(hi, 2, nl)
                    ),
                ]);
                shapes.push(ForestRow::Site {
                    estimate: e,
                    low: lo,
                    high: hi,
                });
            }
            _ => {
                let reason = s.reason.unwrap_or("missing");
                rows.push([
                    s.network_id.clone(),
                    if reason == "below_min_n" {
                        format!("< {}", inputs.min_n)
                    } else {
                        format_count(s.n as i64, nl)
                    },
                    m.get(&format!("compare-reason-{reason}")),
                ]);
                shapes.push(ForestRow::Blank);
            }
        }
    }
    let pooled_row = rows.len();
    let stats;
    match (p.estimate, p.ci_low, p.ci_high, p.pi_low, p.pi_high) {
        (Some(e), Some(lo), Some(hi), Some(pl), Some(ph)) => {
            rows.push([
                m.get("compare-forest-pooled"),
                format!("k = {}", p.k),
                format!(
                    "{} [{}; {}]",
                    signed(e, 2, nl),
                    bound(lo, 2, nl),
                    bound(hi, 2, nl)
                ),
            ]);
            shapes.push(ForestRow::Pooled {
                estimate: e,
                low: lo,
                high: hi,
                pi_low: pl,
                pi_high: ph,
            });
            stats = msg!(
                m,
                "compare-forest-stats",
                k = p.k,
                tau2 = format_value(p.tau2.unwrap_or(0.0), 3, nl),
                i2 = format_value(p.i2.unwrap_or(0.0), 0, nl),
                pi_low = bound(pl, 2, nl),
                pi_high = bound(ph, 2, nl),
                method = p.method,
                test = p.test
            );
            if let PooledFinding::Pooled {
                heterogeneity_reliable: false,
                ..
            } = findings::pooled(p, &inputs.rules)
            {
                notes.push(msg!(
                    m,
                    "compare-forest-few",
                    k = p.k,
                    min_k = MIN_K_HETEROGENEITY
                ));
            }
        }
        _ => {
            stats = msg!(m, "compare-forest-not-pooled", k = p.k);
        }
    }
    let heading = format!(
        "{} ({}–{}{})",
        scale_label(&p.outcome.instrument, &p.outcome.scale),
        p.outcome.wave_from,
        p.outcome.wave_to,
        direction.map(|d| format!("; {d}")).unwrap_or_default()
    );
    let alt = msg!(
        m,
        "compare-forest-alt",
        scale = heading.clone(),
        sites = sites.len(),
        k = p.k,
        estimate = p
            .estimate
            .map(|e| signed(e, 2, nl))
            .unwrap_or_else(|| "–".to_owned())
    );
    Some(Forest {
        heading,
        rows,
        pooled_row,
        svg: charts::forest(&shapes, &axis),
        alt,
        ticks: ticks(&axis, 1, nl),
        stats,
        notes,
    })
}

/// Comparison-area strips: per indicator × age group, its latest pair of periods, one row
/// per network area (nearest set).
pub(super) fn strips(c: &Comparison, rules: &FindingRules, nl: bool, m: &Messages) -> Vec<Strip> {
    let mut by: BTreeMap<(&str, &str), Vec<&AreaDidRow>> = BTreeMap::new();
    for r in c
        .areas
        .area_did
        .iter()
        .filter(|r| r.comparison_set == SET_NEAREST && r.did.is_some())
    {
        by.entry((r.indicator.as_str(), r.age_group.as_str()))
            .or_default()
            .push(r);
    }
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    for ((indicator, age), rows) in by.into_iter().take(MAX_STRIPS) {
        // The last consecutive pair of periods.
        let Some(&(from, to)) = rows
            .iter()
            .map(|r| (r.period_from, r.period_to))
            .collect::<BTreeSet<_>>()
            .iter()
            .filter(|(_, t)| *t == rows.iter().map(|r| r.period_to).max().unwrap_or(0))
            .max()
        else {
            continue;
        };
        let chosen: Vec<&&AreaDidRow> = rows
            .iter()
            .filter(|r| r.period_from == from && r.period_to == to)
            .collect();
        let comparison_changes = |r: &AreaDidRow| -> Vec<f64> {
            c.areas
                .comparison_areas
                .iter()
                .filter(|a| {
                    a.comparison_set == SET_NEAREST
                        && a.network_id == r.network_id
                        && a.area_code == r.area_code
                })
                .filter_map(|a| change_of(c, &a.comparison_code, r))
                .collect()
        };
        let data: Vec<(f64, Vec<f64>)> = chosen
            .iter()
            .map(|r| (r.change, comparison_changes(r)))
            .collect();
        let Some(axis) = Axis::spanning(
            data.iter()
                .flat_map(|(own, others)| std::iter::once(*own).chain(others.iter().copied())),
        ) else {
            continue;
        };
        let label = catalog
            .label(indicator)
            .map(|(l_nl, l_en)| if nl { l_nl } else { l_en })
            .unwrap_or(indicator)
            .to_owned();
        let heading = format!("{label} ({age}, {from}–{to})");
        let found: Vec<PlaceboFinding> = chosen.iter().map(|r| placebo_of(r, rules)).collect();
        let extreme = found
            .iter()
            .filter(|f| {
                matches!(
                    f,
                    PlaceboFinding::MostExtreme { .. }
                        | PlaceboFinding::Demonstrable { rank: 1, .. }
                )
            })
            .count();
        let demonstrable = found
            .iter()
            .filter(|f| matches!(f, PlaceboFinding::Demonstrable { .. }))
            .count();
        // The most comparison areas any row had: the smallest p-value the test can give.
        let smallest_p = found
            .iter()
            .filter_map(|f| match f {
                PlaceboFinding::MostExtreme { n, smallest_p } => Some((*n, *smallest_p)),
                _ => None,
            })
            .max_by_key(|(n, _)| *n);
        let mut sentence = msg!(
            m,
            "compare-areas-sentence",
            count = chosen.len(),
            extreme = extreme,
            demonstrable = demonstrable
        );
        if let Some((n, p)) = smallest_p {
            sentence.push(' ');
            sentence.push_str(&msg!(
                m,
                "compare-areas-smallest-p",
                n = n,
                p = format_value(p, 2, nl),
                alpha = format_value(rules.alpha, 2, nl)
            ));
        }
        out.push(Strip {
            alt: msg!(
                m,
                "compare-areas-alt",
                indicator = heading.clone(),
                count = chosen.len()
            ),
            sentence,
            heading,
            rows: chosen
                .iter()
                .map(|r| {
                    format!(
                        "{} {} ({})",
                        r.network_id,
                        r.area_code,
                        m.get(&format!("compare-timing-{}", r.timing))
                    )
                })
                .collect(),
            svg: charts::strip(&data, &axis),
            ticks: ticks(&axis, 1, nl),
        });
    }
    out
}

/// A comparison area's change over the periods of `r` (kept by `areas` for the charts).
pub(super) fn change_of(c: &Comparison, code: &str, r: &AreaDidRow) -> Option<f64> {
    c.areas
        .comparison_changes
        .get(&(
            code.to_owned(),
            r.indicator.clone(),
            r.age_group.clone(),
            r.period_from,
            r.period_to,
        ))
        .copied()
}

pub(super) fn trends(c: &Comparison, inputs: &Inputs, nl: bool, m: &Messages) -> Vec<Trend> {
    let mut out = Vec::new();
    let mut by: BTreeMap<(&str, &str), Vec<_>> = BTreeMap::new();
    for r in c.areas.cost_trends.iter().filter(|r| r.category == "total") {
        by.entry((r.network_id.as_str(), r.gemeente_code.as_str()))
            .or_default()
            .push(r);
    }
    for ((network, gemeente), rows) in by {
        let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
        let own: Vec<Option<f64>> = rows.iter().map(|r| r.cost_std).collect();
        let theirs: Vec<Option<f64>> = rows.iter().map(|r| r.comparison_mean_std).collect();
        let start = inputs
            .register
            .network(network)
            .and_then(|n| n.start_date)
            .map(|d| chrono::Datelike::year(&d));
        let Some((svg, low, high)) = charts::trend(&years, &own, &theirs, start) else {
            continue;
        };
        let did = rows.first().and_then(|r| r.did);
        let comparison_n = rows.iter().map(|r| r.comparison_n).max().unwrap_or(0);
        let heading = format!("{network} ({gemeente})");
        out.push(Trend {
            alt: msg!(
                m,
                "compare-costs-alt",
                network = network,
                gemeente = gemeente,
                first = years.first().copied().unwrap_or(0).to_string(),
                last = years.last().copied().unwrap_or(0).to_string()
            ),
            sentence: match did {
                Some(d) => msg!(
                    m,
                    "compare-costs-sentence",
                    did = signed(d, 0, nl),
                    count = comparison_n
                ),
                None => m.get("compare-costs-no-did"),
            },
            heading,
            svg,
            low: format!("€ {}", format_count(low.round() as i64, nl)),
            high: format!("€ {}", format_count(high.round() as i64, nl)),
            years: format!(
                "{}–{}{}",
                years.first().copied().unwrap_or(0),
                years.last().copied().unwrap_or(0),
                start.map(|s| format!(" · start {s}")).unwrap_or_default()
            ),
        });
    }
    out
}
