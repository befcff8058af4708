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
use super::charts::{PLOT_WIDTH, ROW_HEIGHT};
use super::figures::{
    CountryMap, Forest, Strip, Trend, country_map, forest, placebo_of, strips, trends,
};
use super::{Comparison, Inputs};
use crate::compute::activity::ALL_YEARS;
use crate::compute::compare::sites::{ModeratorRow, PooledRow, SiteEffectRow, moderator_level};
use crate::compute::findings::FindingRules;
use crate::compute::findings::compare::{self as findings, ModeratorFinding, PlaceboFinding};
use crate::compute::stats::meta::MIN_K_MODERATOR;
use crate::i18n::{Lang, Messages};
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

/// The moderator results of one scale.
#[derive(Debug, Serialize)]
pub struct ModeratorTable {
    pub heading: String,
    pub rows: Vec<[String; 5]>,
}

/// At most this many demonstrable pooled changes are named in the summary.
const MAX_SUMMARY_POOLED: usize = 5;

/// Builds the report data.
pub fn report(
    c: &Comparison,
    inputs: &Inputs,
    pipeline: &Pipeline,
    lang: Lang,
    m: &Messages,
) -> Report {
    let nl = lang == Lang::Nl;
    let rules = inputs.rules;
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
        if let Some(f) = forest(p, &sites, &scale_label, direction, inputs, nl, m) {
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
    let areas = strips(c, &rules, nl, m);

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
