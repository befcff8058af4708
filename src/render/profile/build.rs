//! Builds the data of one area's profile (`data.json` of `profiel.typ`)
//! from the profile rows, the care costs and the findings about them.

use std::collections::{BTreeMap, HashMap};

use crate::compute::costs::{CareCosts, CostRow};
use crate::compute::findings::profile::{self as findings, Notable};
use crate::compute::profile::{Distribution, Level, ProfileData, ProfileRow};
use crate::i18n::Messages;
use crate::ingest::source::{Dataset, SourceKind};
use crate::msg;
use crate::render::profile::appendix;
use crate::render::profile::data::*;
use crate::render::profile::labels::{
    comparison_label, cost_label, level_words, theme_label, unit_label,
};
use crate::render::profile::maps::MapContext;
use crate::render::profile::text::{self, is_nl};
use crate::render::svg;
use crate::render::words::{format_euros, format_value, numeric_date};
use crate::spec::catalogue::{IndicatorCatalogue, Theme};

/// The key of a distribution: level, indicator, period, age group.
type DistributionKey = (Level, String, Option<i32>, Option<String>);

/// Everything shared by the reports of one run.
pub struct ReportContext<'a> {
    messages: &'a Messages,
    datasets: &'a [Dataset],
    catalogue: &'a IndicatorCatalogue,
    costs: &'a [CareCosts],
    distributions: HashMap<DistributionKey, Distribution>,
    names: BTreeMap<String, String>,
    /// The inputs that cover only part of the country, with their number
    /// of municipalities (`ProfileData::regional_files`).
    regional: Vec<(String, usize)>,
    /// The maps of the reports (`None`: reports without maps).
    maps: Option<&'a MapContext<'a>>,
}

impl<'a> ReportContext<'a> {
    pub fn new(
        datasets: &'a [Dataset],
        catalogue: &'a IndicatorCatalogue,
        data: &ProfileData,
        costs: &'a [CareCosts],
        messages: &'a Messages,
    ) -> Self {
        let mut distributions = HashMap::new();
        for level in [Level::Gemeente, Level::Wijk, Level::Buurt] {
            for d in data.distributions(level) {
                let key = (
                    level,
                    d.indicator.to_string(),
                    d.period,
                    d.age_group.as_deref().map(str::to_owned),
                );
                distributions.insert(key, d);
            }
        }
        ReportContext {
            messages,
            datasets,
            catalogue,
            costs,
            distributions,
            names: crate::ingest::source::area_names(datasets),
            regional: data.regional_files().to_vec(),
            maps: None,
        }
    }

    /// Reports with maps drawn by `maps`.
    pub fn with_maps(mut self, maps: &'a MapContext<'a>) -> Self {
        self.maps = Some(maps);
        self
    }

    /// The data of the profile of area `code` from its rows (not empty).
    pub fn report(
        &self,
        code: &str,
        rows: &[&ProfileRow],
        date: &typst::foundations::Datetime,
    ) -> Report {
        let m = self.messages;
        let nl = is_nl(m);
        let first = rows[0];
        let level = level_words(m, first.level);
        let gemeente_code = first.gemeente_code.as_deref().unwrap_or(code).to_owned();
        let name = first
            .area_name
            .as_deref()
            .map(str::to_owned)
            .or_else(|| self.names.get(code).cloned())
            .unwrap_or_else(|| code.to_owned());
        let gemeente_name = self
            .names
            .get(&gemeente_code)
            .cloned()
            .unwrap_or_else(|| gemeente_code.clone());

        let mut themes = Vec::new();
        let mut notable: Vec<(SummaryItem, Notable)> = Vec::new();
        for theme in Theme::ALL {
            if theme == Theme::Kosten {
                continue;
            }
            let mut lines = Vec::new();
            for indicator in self
                .catalogue
                .indicators
                .iter()
                .filter(|i| i.theme == Some(theme) && !i.appendix)
            {
                // One line per age group (18+ first), its latest period; the
                // earlier periods of the same series make its trend.
                let mut by_age: BTreeMap<(u8, Option<&str>), Vec<&&ProfileRow>> = BTreeMap::new();
                for r in rows.iter().filter(|r| *r.indicator == *indicator.id) {
                    let age = r.age_group.as_deref();
                    let order = match age {
                        None | Some("18+") => 0,
                        Some("18-64") => 1,
                        Some("65+") => 2,
                        Some(_) => 3,
                    };
                    by_age.entry((order, age)).or_default().push(r);
                }
                for series in by_age.into_values() {
                    let mut candidates = series;
                    candidates.sort_by_key(|r| std::cmp::Reverse(r.period));
                    let Some(row) = candidates.first() else {
                        continue;
                    };
                    let trend: Vec<TrendPoint> = if candidates.len() > 1 {
                        candidates
                            .iter()
                            .rev()
                            .filter_map(|r| {
                                Some(TrendPoint {
                                    period: r.period?,
                                    value: r.value,
                                })
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let (unit, digits) = unit_label(m, &row.unit);
                    let label = if nl {
                        &indicator.label_nl
                    } else {
                        &indicator.label_en
                    };
                    let label = match row.age_group.as_deref() {
                        Some(age) if age != "18+" => {
                            msg!(
                                m,
                                "profile-indicator-age",
                                label = label.as_str(),
                                age = age
                            )
                        }
                        _ => label.clone(),
                    };
                    let distribution = self
                        .distributions
                        .get(&(
                            row.level,
                            row.indicator.to_string(),
                            row.period,
                            row.age_group.as_deref().map(str::to_owned),
                        ))
                        .map(|d| DistributionOut {
                            min: d.min,
                            p25: d.p25,
                            p75: d.p75,
                            max: d.max,
                        });
                    if let Some(found) = findings::notable(row) {
                        let item = SummaryItem {
                            comparison: row.vs_nl.id(),
                            text: text::summary_text(
                                m,
                                &found,
                                &label,
                                &name,
                                &unit,
                                digits,
                                &level.plural,
                            ),
                        };
                        notable.push((item, found));
                    }
                    let trend_points: Vec<(i32, Option<f64>)> =
                        trend.iter().map(|p| (p.period, p.value)).collect();
                    let text = text::indicator_text(m, row, digits, &trend_points);
                    let spine_alt = text::spine_alt(
                        m,
                        &label,
                        row,
                        distribution.as_ref(),
                        &unit,
                        digits,
                        &level.plural,
                    );
                    let spine = distribution.as_ref().and_then(|d| {
                        svg::spine(
                            svg::Spread {
                                min: d.min,
                                p25: d.p25,
                                p75: d.p75,
                                max: d.max,
                            },
                            row.value,
                            row.gemeente_value,
                            row.nl_value,
                            row.vs_nl.id(),
                        )
                    });
                    lines.push(IndicatorLine {
                        text,
                        spine,
                        spine_alt,
                        label,
                        unit_label: unit,
                        digits,
                        value: row.value,
                        lower: row.lower,
                        upper: row.upper,
                        gemeente_value: row.gemeente_value,
                        nl_value: row.nl_value,
                        vs_nl: row.vs_nl.id(),
                        vs_nl_label: comparison_label(m, row.vs_nl),
                        quintile_nl: row.quintile_nl,
                        rank_gemeente: row.rank_gemeente,
                        n_gemeente: row.n_gemeente,
                        missing_reason: m.get("profile-unknown"),
                        distribution,
                        period: row.period,
                        trend,
                    });
                }
            }
            if !lines.is_empty() {
                let label = theme_label(m, theme);
                let alt = msg!(
                    m,
                    "profile-theme-alt",
                    count = lines.len(),
                    theme = label.to_lowercase(),
                    area = name.as_str(),
                    levels = level.plural.as_str()
                );
                themes.push(ThemeBlock {
                    label,
                    alt,
                    indicators: lines,
                });
            }
        }
        let summary = findings::most_notable(notable)
            .into_iter()
            .map(|(item, _)| item)
            .collect();

        let costs = self.cost_block(&gemeente_code, &gemeente_name);
        let appendix = appendix::appendix(m, self.catalogue, rows, &name);
        let given: Vec<SourceKind> = self.datasets.iter().map(|d| d.source).collect();
        let mut missing: Vec<String> = findings::missing(&given, &self.regional, costs.is_some())
            .iter()
            .map(|missing| text::missing_text(m, missing, &gemeente_name))
            .collect();
        let maps = self.maps.and_then(|maps| {
            let (block, not_drawn) =
                maps.block(code, &name, first.level, &gemeente_code, &gemeente_name);
            missing.extend(not_drawn);
            block
        });

        let generated = numeric_date(
            date.year().unwrap_or(2000),
            date.month().unwrap_or(1),
            date.day().unwrap_or(1),
        );
        Report {
            lang: m.lang().code(),
            labels: text::labels(m, &generated, &level.plural),
            generated,
            area: AreaInfo {
                code: code.to_owned(),
                cover: msg!(
                    m,
                    "profile-cover-area",
                    level = level.label.as_str(),
                    code = code,
                    gemeente = gemeente_name.as_str()
                ),
                name,
                level: first.level.id(),
                level_label: level.label,
                short_label: level.short,
                gemeente_code,
                gemeente_name,
            },
            level_plural: level.plural,
            source_years: self
                .datasets
                .iter()
                .map(|d| SourceYear {
                    label: d.source.description().to_owned(),
                    year: d.year,
                })
                .collect(),
            summary,
            missing,
            legend: text::legend(m),
            themes,
            costs,
            maps,
            appendix,
            sources: self
                .datasets
                .iter()
                .map(|d| SourceFile {
                    name: d.file.name.clone(),
                    description: d.source.description(),
                    year: d.year,
                    year_text: d.year.map_or_else(|| "–".to_owned(), |y| y.to_string()),
                    sha256: d.file.sha256.clone(),
                })
                .collect(),
            methods: text::methods(m),
        }
    }

    /// The care costs of the municipality in the latest Vektis file, or
    /// `None` when it has none there.
    fn cost_block(&self, gemeente: &str, gemeente_name: &str) -> Option<CostBlock> {
        let m = self.messages;
        let nl = is_nl(m);
        let costs = self
            .costs
            .iter()
            .max_by_key(|c| c.rows.first().and_then(|r| r.year))?;
        let rows: Vec<&CostRow> = costs
            .rows
            .iter()
            .filter(|r| r.gemeente_code == gemeente)
            .collect();
        if rows.is_empty() {
            return None;
        }
        let amounts: Vec<(&CostRow, f64, f64, f64)> = rows
            .iter()
            .filter_map(|r| {
                Some((
                    *r,
                    r.cost_per_insured_year?,
                    r.cost_per_insured_year_std?,
                    r.nl_cost_per_insured_year?,
                ))
            })
            .collect();
        let scale_max = amounts
            .iter()
            .map(|&(_, c, s, n)| c.max(s).max(n))
            .fold(0.0, f64::max);
        let lines: Vec<CostLine> = amounts
            .into_iter()
            .map(|(r, crude, standardised, nl_cost)| {
                let label = cost_label(m, r.category);
                let text = [
                    format_euros(crude, nl),
                    format_euros(standardised, nl),
                    format_euros(nl_cost, nl),
                    r.ratio_observed_expected
                        .map_or_else(|| "–".to_owned(), |v| format_value(v, 2, nl)),
                ];
                let bars_alt = msg!(
                    m,
                    "profile-costs-bars-alt",
                    label = label.as_str(),
                    crude = text[0].as_str(),
                    standardised = text[1].as_str(),
                    nl = text[2].as_str()
                );
                CostLine {
                    label,
                    crude,
                    standardised,
                    nl: nl_cost,
                    ratio: r.ratio_observed_expected,
                    bars: svg::cost_bars(crude, standardised, nl_cost, scale_max),
                    bars_alt,
                    text,
                }
            })
            .collect();
        let note = m.get(if costs.dropped_strata.is_empty() {
            "profile-costs-note-complete"
        } else {
            "profile-costs-note-dropped"
        });
        let year = rows[0].year;
        Some(CostBlock {
            gemeente_name: gemeente_name.to_owned(),
            year,
            intro: msg!(
                m,
                "profile-costs-intro",
                gemeente = gemeente_name,
                year = year.map_or_else(|| "–".to_owned(), |y| y.to_string())
            ),
            alt: msg!(m, "profile-costs-alt", gemeente = gemeente_name),
            note,
            rows: lines,
        })
    }
}
