//! The data of `vergelijking.typ`: every text resolved from the message catalogue
//! (`compare-…` keys), every figure formatted, the charts as SVG (see `charts`). The
//! template only lays them out.
//!
//! What the report says is decided in `compute::findings::compare` (pooled change
//! demonstrable, heterogeneity estimable, moderator conclusions, networks left out,
//! placebo ranks); this module puts those findings into the catalogue's words.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::areas::{AreaDidRow, SET_NEAREST};
use super::charts::{self, Axis, ForestRow, PLOT_WIDTH, ROW_HEIGHT};
use super::{Comparison, Inputs};
use crate::compute::activity::ALL_YEARS;
use crate::compute::compare::sites::{ModeratorRow, PooledRow, SiteEffectRow, moderator_level};
use crate::compute::findings::FindingRules;
use crate::compute::findings::compare::{
    self as findings, ModeratorFinding, PlaceboFinding, PooledFinding,
};
use crate::compute::stats::meta::{MIN_K_HETEROGENEITY, MIN_K_MODERATOR};
use crate::i18n::{Lang, Messages};
use crate::ingest::catalog::Catalog;
use crate::msg;
use crate::render::words::{bound, format_count, format_value, long_date, signed};
use crate::spec::pipeline::Pipeline;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    pub generated: String,
    /// Section headings and column headers, by key.
    pub labels: BTreeMap<&'static str, String>,
    pub summary: Vec<String>,
    pub missing: Vec<String>,
    pub networks: Vec<NetworkCard>,
    /// The networks on a map of the country (none when no area of theirs is known).
    pub map: Option<CountryMap>,
    pub forests: Vec<Forest>,
    pub moderators: Vec<ModeratorTable>,
    /// One row per network × aspect: network, aspect, then "mean (n)" per wave of
    /// `collaboration_waves`.
    pub collaboration: Vec<Vec<String>>,
    pub collaboration_waves: Vec<String>,
    /// Outcomes whose moderators allow no conclusion and whose table is left out of the
    /// report (it is in the `moderators` table): one sentence, empty when none.
    pub moderators_omitted: String,
    /// Per network: requests, share matched, median days to match, share of questions
    /// handled in the community first → last year.
    pub activity: Vec<Vec<String>>,
    pub areas: Vec<Strip>,
    pub costs: Vec<Trend>,
    pub methods: Vec<String>,
    pub row_height: f64,
    pub plot_width: f64,
}

/// One network side by side with the others.
#[derive(Debug, Serialize)]
pub struct NetworkCard {
    pub id: String,
    pub name: String,
    pub cells: Vec<String>,
}

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

/// The moderator results of one scale.
#[derive(Debug, Serialize)]
pub struct ModeratorTable {
    pub heading: String,
    pub rows: Vec<[String; 5]>,
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

/// At most this many demonstrable pooled changes are named in the summary.
const MAX_SUMMARY_POOLED: usize = 5;

/// At most this many indicators get a comparison-area chart; all are in `area_did`.
const MAX_STRIPS: usize = 8;

/// Builds the report data.
pub fn report(
    c: &Comparison,
    inputs: &Inputs,
    pipeline: &Pipeline,
    lang: Lang,
    m: &Messages,
) -> Report {
    let nl = lang == Lang::Nl;
    let rules = FindingRules::default();
    let mut labels = BTreeMap::new();
    for key in LABELS {
        labels.insert(*key, m.get(&format!("compare-label-{key}")));
    }
    let networks: Vec<_> = inputs
        .register
        .networks
        .iter()
        .filter(|n| inputs.networks.contains(n.id.as_str()))
        .collect();
    let scale_label = |instrument: &str, scale: &str| -> String {
        inputs
            .instruments
            .iter()
            .find(|r| r.instrument.id == instrument)
            .map(|r| {
                let name = if nl {
                    &r.instrument.name_nl
                } else {
                    &r.instrument.name_en
                };
                match r.instrument.scale(scale) {
                    Some(s) => format!("{} – {}", name, if nl { &s.label_nl } else { &s.label_en }),
                    None => format!("{name} – {scale}"),
                }
            })
            .unwrap_or_else(|| format!("{instrument} – {scale}"))
    };

    // ------------------------------------------------ summary
    let mut summary = vec![msg!(
        m,
        "compare-summary-networks",
        count = networks.len(),
        areas = inputs
            .register
            .areas
            .iter()
            .filter(|a| inputs.networks.contains(a.network.as_str()))
            .count()
    )];
    let main: Vec<&PooledRow> = c
        .sites
        .pooled
        .iter()
        .filter(|p| p.measure == "mean_change")
        .collect();
    let pooled: Vec<&&PooledRow> = main.iter().filter(|p| p.estimate.is_some()).collect();
    let demonstrable: Vec<&&&PooledRow> = pooled
        .iter()
        .filter(|p| findings::pooled(p, &rules).demonstrable())
        .collect();
    if !pooled.is_empty() {
        summary.push(msg!(
            m,
            "compare-summary-pooled-overview",
            count = pooled.len(),
            demonstrable = demonstrable.len(),
            k_min = pooled.iter().map(|p| p.k).min().unwrap_or(0),
            k_max = pooled.iter().map(|p| p.k).max().unwrap_or(0)
        ));
    }
    // At most MAX_SUMMARY_POOLED demonstrable changes are named, headline scales first, then
    // by the strength of the evidence; the rest are counted (the forest plots have all).
    let mut named: Vec<&&&PooledRow> = demonstrable.clone();
    named.sort_by(|a, b| {
        let strength = |p: &PooledRow| p.estimate.zip(p.se).map_or(0.0, |(e, s)| (e / s).abs());
        headline(inputs, b)
            .cmp(&headline(inputs, a))
            .then(strength(b).total_cmp(&strength(a)))
    });
    let more = named.len().saturating_sub(MAX_SUMMARY_POOLED);
    named.truncate(MAX_SUMMARY_POOLED);
    for p in &named {
        if let (Some(est), Some(lo), Some(hi)) = (p.estimate, p.ci_low, p.ci_high) {
            summary.push(msg!(
                m,
                "compare-summary-pooled",
                scale = scale_label(&p.outcome.instrument, &p.outcome.scale),
                waves = format!("{}–{}", p.outcome.wave_from, p.outcome.wave_to),
                k = p.k,
                estimate = signed(est, 2, nl),
                low = bound(lo, 2, nl),
                high = bound(hi, 2, nl)
            ));
        }
    }
    if more > 0 {
        summary.push(msg!(m, "compare-summary-pooled-more", count = more));
    }
    let not_pooled = main.len() - pooled.len();
    if not_pooled > 0 {
        summary.push(msg!(m, "compare-summary-not-pooled", count = not_pooled));
    }
    let left_out = findings::left_out(&c.sites.site_effects, "mean_change");
    if !left_out.is_empty() {
        // One line per reason: which networks, for how many outcomes each.
        let mut by_reason: BTreeMap<_, Vec<String>> = BTreeMap::new();
        for l in &left_out {
            for r in &l.reasons {
                by_reason.entry(*r).or_default().push(msg!(
                    m,
                    "compare-left-out-network",
                    network = l.network_id.as_str(),
                    outcomes = l.outcomes
                ));
            }
        }
        for (reason, networks) in by_reason {
            summary.push(msg!(
                m,
                "compare-summary-left-out-networks",
                reason = msg!(
                    m,
                    &format!("compare-left-out-{}", reason.code()),
                    min_n = inputs.min_n
                ),
                networks = networks.join(", ")
            ));
        }
    }
    let testable = c
        .sites
        .moderators
        .iter()
        .filter(|r| {
            r.measure == "mean_change"
                && matches!(
                    conclusion(r, c, &rules),
                    ModeratorFinding::Differs { .. } | ModeratorFinding::NoDifference { .. }
                )
        })
        .count();
    summary.push(if testable == 0 {
        msg!(
            m,
            "compare-summary-moderators-none",
            min_k = MIN_K_MODERATOR
        )
    } else {
        msg!(m, "compare-summary-moderators", count = testable)
    });
    let nearest: Vec<&AreaDidRow> = c
        .areas
        .area_did
        .iter()
        .filter(|r| r.comparison_set == SET_NEAREST && r.did.is_some())
        .collect();
    if !nearest.is_empty() {
        let extreme = nearest
            .iter()
            .filter(|r| {
                matches!(
                    placebo_of(r, &rules),
                    PlaceboFinding::MostExtreme { .. }
                        | PlaceboFinding::Demonstrable { rank: 1, .. }
                )
            })
            .count();
        summary.push(msg!(
            m,
            "compare-summary-areas",
            count = nearest.len(),
            extreme = extreme,
            neighbours = inputs.settings.neighbours
        ));
    }

    let missing = c
        .missing
        .iter()
        .map(|x| m.get(&format!("compare-missing-{}", x.code())))
        .collect();

    // ------------------------------------------------ networks side by side
    let network_cards = networks
        .iter()
        .map(|n| {
            let level = |name: &str| {
                moderator_level(inputs.register, n, name, inputs.date)
                    .unwrap_or_else(|| "–".to_owned())
            };
            NetworkCard {
                id: n.id.clone(),
                name: n.name.clone(),
                cells: vec![
                    n.start_date
                        .map(|d| long_date(d, nl))
                        .unwrap_or_else(|| "–".to_owned()),
                    level("fase"),
                    level("aanpak"),
                    level("perspectief"),
                    level("kartrekker_onafhankelijk"),
                    level("financiering"),
                    level("partner_gemeente"),
                    level("partner_zorgverzekeraar"),
                    level("partner_huisarts"),
                ],
            }
        })
        .collect();

    let map = country_map(inputs, &networks, m);

    // ------------------------------------------------ forest plots
    let mut forests = Vec::new();
    for p in &main {
        let sites: Vec<&SiteEffectRow> = c
            .sites
            .site_effects
            .iter()
            .filter(|s| s.outcome == p.outcome && s.measure == p.measure)
            .collect();
        // Which way is better, so that a reader sees what a negative change means.
        let direction = inputs
            .instruments
            .iter()
            .find(|r| r.instrument.id == p.outcome.instrument)
            .and_then(|r| r.instrument.scale(&p.outcome.scale))
            .and_then(|s| match s.polarity {
                crate::spec::Polarity::HigherIsBetter => Some(m.get("compare-higher-is-better")),
                crate::spec::Polarity::LowerIsBetter => Some(m.get("compare-lower-is-better")),
                crate::spec::Polarity::Neutral => None,
            });
        if let Some(f) = forest(p, &sites, &scale_label, direction, inputs.min_n, nl, m) {
            forests.push(f);
        }
    }

    // ------------------------------------------------ moderators
    let mut moderators = Vec::new();
    let mut moderator_tables: Vec<(bool, ModeratorTable)> = Vec::new();
    for p in main.iter().filter(|p| headline(inputs, p)) {
        let rows: Vec<&ModeratorRow> = c
            .sites
            .moderators
            .iter()
            .filter(|r| r.outcome == p.outcome && r.measure == p.measure)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let mut table = Vec::new();
        let mut by: BTreeMap<&str, Vec<&ModeratorRow>> = BTreeMap::new();
        for r in &rows {
            by.entry(r.moderator.as_str()).or_default().push(r);
        }
        for (name, levels) in by {
            let estimates: Vec<String> = levels
                .iter()
                .map(|l| match (l.estimate, l.ci_low, l.ci_high) {
                    (Some(e), Some(lo), Some(hi)) => format!(
                        "{}: {} [{}; {}] (k = {})",
                        l.level,
                        signed(e, 2, nl),
                        bound(lo, 2, nl),
                        bound(hi, 2, nl),
                        l.k
                    ),
                    _ => format!("{} (k = {})", l.level, l.k),
                })
                .collect();
            let first = levels[0];
            let k: usize = levels.iter().map(|l| l.k).sum();
            let test = match (first.qm, first.p_qm) {
                (Some(qm), Some(p)) => match first.qm_df2 {
                    Some(df2) => format!(
                        "F({}, {df2}) = {}; p = {}",
                        first.qm_df.unwrap_or(0),
                        format_value(qm, 2, nl),
                        format_value(p, 3, nl)
                    ),
                    None => format!(
                        "χ²({}) = {}; p = {}",
                        first.qm_df.unwrap_or(0),
                        format_value(qm, 2, nl),
                        format_value(p, 3, nl)
                    ),
                },
                _ => "–".to_owned(),
            };
            let sentence = match conclusion(first, c, &rules) {
                ModeratorFinding::TooFewNetworks { k, min_k } => {
                    msg!(m, "compare-moderator-few", k = k, min_k = min_k)
                }
                ModeratorFinding::NoConclusion { k } => {
                    msg!(m, "compare-moderator-no-conclusion", k = k)
                }
                ModeratorFinding::Differs { k } => msg!(m, "compare-moderator-differs", k = k),
                ModeratorFinding::NoDifference { k } => {
                    msg!(m, "compare-moderator-no-difference", k = k)
                }
            };
            table.push([
                m.get(&format!("compare-moderator-{name}")),
                format_count(k as i64, nl),
                estimates.join("\n"),
                test,
                sentence,
            ]);
        }
        let conclusive = rows.iter().any(|r| {
            matches!(
                conclusion(r, c, &rules),
                ModeratorFinding::Differs { .. } | ModeratorFinding::NoDifference { .. }
            )
        });
        moderator_tables.push((
            conclusive,
            ModeratorTable {
                heading: format!(
                    "{} ({}–{})",
                    scale_label(&p.outcome.instrument, &p.outcome.scale),
                    p.outcome.wave_from,
                    p.outcome.wave_to
                ),
                rows: table,
            },
        ));
    }
    // Tables of outcomes where no moderator allows a conclusion say little but "no
    // conclusion" line after line: only the first is shown, the rest are counted (all are
    // in the `moderators` table).
    let any_conclusive = moderator_tables.iter().any(|(c, _)| *c);
    let mut omitted = 0;
    for (i, (conclusive, table)) in moderator_tables.into_iter().enumerate() {
        if conclusive || (!any_conclusive && i == 0) {
            moderators.push(table);
        } else {
            omitted += 1;
        }
    }
    let moderators_omitted = if omitted > 0 {
        msg!(
            m,
            "compare-moderators-omitted",
            count = omitted,
            min_k = MIN_K_MODERATOR
        )
    } else {
        String::new()
    };

    // ------------------------------------------------ collaboration per network and wave
    // One row per network × aspect, the waves as columns: "mean (n)".
    let mut collaboration_waves: BTreeSet<String> = BTreeSet::new();
    let mut cells: BTreeMap<(String, usize, String), BTreeMap<String, String>> = BTreeMap::new();
    for r in inputs
        .instruments
        .iter()
        .filter(|r| r.instrument.id.starts_with("samenwerking"))
    {
        for w in r
            .waves
            .waves
            .iter()
            .filter(|w| w.group == "alle" && inputs.networks.contains(w.network_id.as_str()))
        {
            let Some((order, scale)) = r
                .instrument
                .scales
                .iter()
                .enumerate()
                .find(|(_, s)| s.id == w.scale)
            else {
                continue;
            };
            let label = if nl {
                scale.label_nl.clone()
            } else {
                scale.label_en.clone()
            };
            collaboration_waves.insert(w.wave.clone());
            let value = match (w.suppressed, w.mean) {
                (false, Some(mean)) => format!(
                    "{} (n = {})",
                    format_value(mean, 2, nl),
                    format_count(w.n as i64, nl)
                ),
                // A suppressed figure shows no n either (it may rest on fewer than min_n).
                _ => m.get("compare-suppressed"),
            };
            cells
                .entry((w.network_id.clone(), order, label))
                .or_default()
                .insert(w.wave.clone(), value);
        }
    }
    let collaboration: Vec<Vec<String>> = cells
        .into_iter()
        .map(|((network, _, label), by_wave)| {
            let mut row = vec![network, label];
            row.extend(
                collaboration_waves
                    .iter()
                    .map(|w| by_wave.get(w).cloned().unwrap_or_else(|| "–".to_owned())),
            );
            row
        })
        .collect();
    let collaboration_waves: Vec<String> = collaboration_waves.into_iter().collect();

    // ------------------------------------------------ activity per network
    let activity = networks
        .iter()
        .filter_map(|n| {
            let matched = inputs
                .matches
                .iter()
                .find(|r| r.network_id == n.id && r.period == ALL_YEARS);
            let community = inputs.community.iter().find(|r| r.network_id == n.id);
            if matched.is_none() && community.is_none() {
                return None;
            }
            let pct = |v: Option<f64>| {
                v.map(|v| format!("{} %", format_value(v, 0, nl)))
                    .unwrap_or_else(|| "–".to_owned())
            };
            Some(vec![
                n.id.clone(),
                matched.map_or("–".to_owned(), |r| format_count(r.requests as i64, nl)),
                matched.map_or("–".to_owned(), |r| pct(r.pct_matched)),
                matched
                    .and_then(|r| r.median_days_to_match)
                    .map_or("–".to_owned(), |d| format_value(d, 0, nl)),
                community.map_or("–".to_owned(), |r| {
                    if r.suppressed {
                        m.get("compare-suppressed")
                    } else {
                        format!(
                            "{} {} → {} {}",
                            r.year_first,
                            pct(r.pct_first),
                            r.year_last,
                            pct(r.pct_last)
                        )
                    }
                }),
            ])
        })
        .collect();

    // ------------------------------------------------ comparison areas
    let areas = strips(c, nl, m);

    // ------------------------------------------------ cost trends
    let costs = trends(c, inputs, nl, m);

    let methods = [
        "compare-methods-pooling",
        "compare-methods-moderators",
        "compare-methods-areas",
        "compare-methods-rivm",
        "compare-methods-costs",
        "compare-methods-suppression",
        "compare-methods-sources",
    ]
    .iter()
    .map(|k| {
        msg!(
            m,
            k,
            method = inputs.settings.method.code(),
            test = inputs.settings.test.code(),
            neighbours = inputs.settings.neighbours,
            min_n = inputs.min_n
        )
    })
    .collect();

    Report {
        lang: lang.code(),
        title: m.get("compare-title"),
        subtitle: pipeline.name.clone(),
        generated: long_date(inputs.date, nl),
        labels,
        summary,
        missing,
        networks: network_cards,
        map,
        forests,
        moderators,
        collaboration,
        collaboration_waves,
        moderators_omitted,
        activity,
        areas,
        costs,
        methods,
        row_height: ROW_HEIGHT,
        plot_width: PLOT_WIDTH,
    }
}

/// The municipalities of the country (CBS 2023) with each network's wijken (CBS 2024) in the
/// accent colour, or its municipality when the register names no wijk of it, and a dot
/// labelled with the network's id.
fn country_map(
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

/// Whether an outcome is its instrument's headline in the report's moderator section: the
/// total scale when the instrument has one, else every scale (the table has all).
fn headline(inputs: &Inputs, p: &PooledRow) -> bool {
    inputs
        .instruments
        .iter()
        .find(|r| r.instrument.id == p.outcome.instrument)
        .is_none_or(|r| {
            let has_total = r.instrument.scales.iter().any(|s| r.instrument.is_total(s));
            !has_total
                || r.instrument
                    .scale(&p.outcome.scale)
                    .is_some_and(|s| r.instrument.is_total(s))
        })
}

/// What a moderator allows one to conclude (`compute::findings::compare::moderator`), from
/// the rows of all its levels.
fn conclusion(first: &ModeratorRow, c: &Comparison, rules: &FindingRules) -> ModeratorFinding {
    let levels: Vec<&ModeratorRow> = c
        .sites
        .moderators
        .iter()
        .filter(|r| {
            r.outcome == first.outcome
                && r.measure == first.measure
                && r.moderator == first.moderator
        })
        .collect();
    findings::moderator(&levels, rules)
}

/// The placebo finding of an area's row.
fn placebo_of(r: &AreaDidRow, rules: &FindingRules) -> PlaceboFinding {
    findings::placebo(r.placebo_rank, r.comparison_n, r.placebo_p, rules)
}

/// Tick labels of an axis.
fn ticks(axis: &Axis, digits: u8, nl: bool) -> Vec<Tick> {
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

fn forest(
    p: &PooledRow,
    sites: &[&SiteEffectRow],
    scale_label: &dyn Fn(&str, &str) -> String,
    direction: Option<String>,
    min_n: usize,
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
                        format!("< {min_n}")
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
            } = findings::pooled(p, &FindingRules::default())
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
fn strips(c: &Comparison, nl: bool, m: &Messages) -> Vec<Strip> {
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
        let rules = FindingRules::default();
        let found: Vec<PlaceboFinding> = chosen.iter().map(|r| placebo_of(r, &rules)).collect();
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
fn change_of(c: &Comparison, code: &str, r: &AreaDidRow) -> Option<f64> {
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

fn trends(c: &Comparison, inputs: &Inputs, nl: bool, m: &Messages) -> Vec<Trend> {
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

/// The label keys (`compare-label-<key>`) the template reads from `labels`.
const LABELS: &[&str] = &[
    "summary",
    "missing",
    "networks",
    "network",
    "map",
    "start",
    "phase",
    "approach",
    "perspective",
    "kartrekker",
    "funding",
    "gemeente",
    "insurer",
    "gp",
    "forests",
    "forest-network",
    "forest-n",
    "forest-estimate",
    "moderators",
    "moderators-intro",
    "forest-left-out",
    "moderator",
    "k",
    "levels",
    "test",
    "conclusion",
    "collaboration",
    "activity",
    "requests",
    "matched",
    "days",
    "community",
    "wave",
    "aspect",
    "mean",
    "areas",
    "areas-intro",
    "costs",
    "costs-intro",
    "costs-legend",
    "methods",
    "no-data",
];
