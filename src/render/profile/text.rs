//! The sentences of a profile: figures as printed, alt texts of the charts,
//! the summary items, what is missing, the methods and the template's
//! fixed words, all from the catalogue.

use crate::compute::findings::profile::{Missing, Notable, Reason, Standing, standing};
use crate::compute::profile::ProfileRow;
use crate::i18n::{Lang, Messages};
use crate::ingest::source::SourceKind;
use crate::msg;
use crate::render::profile::data::{DistributionOut, IndicatorText, Labels, LegendItem};
use crate::render::profile::labels::comparison_label;
use crate::render::words::{format_count, format_value};

/// Whether numbers are written the Dutch way.
pub(crate) fn is_nl(m: &Messages) -> bool {
    m.lang() == Lang::Nl
}

/// A value, or "–" when there is none.
fn printed(v: Option<f64>, digits: u8, nl: bool) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format_value(v, digits, nl))
}

/// The figures of a profile line as printed.
pub fn indicator_text(
    m: &Messages,
    row: &ProfileRow,
    digits: u8,
    trend: &[(i32, Option<f64>)],
) -> IndicatorText {
    let nl = is_nl(m);
    let place = match standing(row) {
        Standing::Tested(_) => comparison_label(m, row.vs_nl),
        Standing::Placed { quintile, rank } => {
            let mut parts = Vec::new();
            if let Some(q) = quintile {
                parts.push(msg!(m, "profile-quintile", quintile = q.to_string()));
            }
            if let Some((rank, n)) = rank {
                parts.push(msg!(
                    m,
                    "profile-rank",
                    rank = format_count(rank.into(), nl),
                    n = format_count(n.into(), nl)
                ));
            }
            parts.join(", ")
        }
    };
    IndicatorText {
        value: match row.value {
            Some(v) => format_value(v, digits, nl),
            None => m.get("profile-unknown"),
        },
        interval: match (row.value, row.lower, row.upper) {
            (Some(_), Some(lo), Some(hi)) => Some(format!(
                "({}–{})",
                format_value(lo, digits, nl),
                format_value(hi, digits, nl)
            )),
            _ => None,
        },
        gemeente: printed(row.gemeente_value, digits, nl),
        nl: printed(row.nl_value, digits, nl),
        place,
        trend: (trend.len() > 1).then(|| {
            trend
                .iter()
                .map(|(period, v)| format!("{period}: {}", printed(*v, digits, nl)))
                .collect::<Vec<_>>()
                .join(" · ")
        }),
    }
}

/// A figure with its unit where the unit is `%`, for sentences.
fn figure(v: f64, unit: &str, digits: u8, nl: bool) -> String {
    let unit = if unit == "%" { "%" } else { "" };
    format!("{}{unit}", format_value(v, digits, nl))
}

/// What a spine chart shows, in words (the image's alternative text).
pub fn spine_alt(
    m: &Messages,
    label: &str,
    row: &ProfileRow,
    spread: Option<&DistributionOut>,
    unit: &str,
    digits: u8,
    level_plural: &str,
) -> String {
    let nl = is_nl(m);
    let f = |v: f64| format_value(v, digits, nl);
    let value = |v: Option<f64>| {
        v.map_or_else(|| m.get("profile-unknown"), |v| figure(v, unit, digits, nl))
    };
    let (area, gemeente, country) = (
        value(row.value),
        value(row.gemeente_value),
        value(row.nl_value),
    );
    match spread {
        Some(d) => msg!(
            m,
            "profile-spine-alt",
            label = label,
            area = area,
            gemeente = gemeente,
            nl = country,
            levels = level_plural,
            min = f(d.min),
            max = f(d.max),
            p25 = f(d.p25),
            p75 = f(d.p75)
        ),
        None => msg!(
            m,
            "profile-spine-alt-no-spread",
            label = label,
            area = area,
            gemeente = gemeente,
            nl = country
        ),
    }
}

/// The sentence of a notable indicator in "Wat valt op".
pub fn summary_text(
    m: &Messages,
    notable: &Notable,
    label: &str,
    area: &str,
    unit: &str,
    digits: u8,
    level_plural: &str,
) -> String {
    let nl = is_nl(m);
    let value = figure(notable.value, unit, digits, nl);
    let national = figure(notable.nl_value, unit, digits, nl);
    match notable.reason {
        Reason::Different(direction) => msg!(
            m,
            "profile-summary-tested",
            label = label,
            value = value,
            area = area,
            nl = national,
            comparison = m.get(direction_key(direction))
        ),
        Reason::ExtremeQuintile { highest } => msg!(
            m,
            "profile-summary-quintile",
            label = label,
            value = value,
            area = area,
            nl = national,
            extreme = if highest { "highest" } else { "lowest" },
            levels = level_plural
        ),
    }
}

/// The catalogue key of a direction's word.
fn direction_key(d: crate::compute::findings::Direction) -> &'static str {
    use crate::compute::findings::Direction;
    match d {
        Direction::Better => "profile-comparison-better",
        Direction::Worse => "profile-comparison-worse",
        Direction::Higher => "profile-comparison-higher",
        Direction::Lower => "profile-comparison-lower",
        Direction::Similar => "profile-comparison-similar",
        Direction::Unknown => "profile-comparison-not-compared",
    }
}

/// The command-line flag that gives a source.
fn source_flag(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::CbsKwb => "--kwb",
        SourceKind::RivmGezondheid => "--ggd",
        _ => "--vektis",
    }
}

/// What is missing, in words.
pub fn missing_text(m: &Messages, missing: &Missing, gemeente_name: &str) -> String {
    match missing {
        Missing::SourceNotGiven(kind) => msg!(
            m,
            "profile-missing-source",
            source = kind.description(),
            flag = source_flag(*kind)
        ),
        Missing::RegionalFiles { files, gemeenten } => msg!(
            m,
            "profile-missing-regional",
            files = files.join(", "),
            files_count = files.len(),
            count = *gemeenten
        ),
        Missing::NoCosts => msg!(m, "profile-missing-costs", gemeente = gemeente_name),
    }
}

/// The paragraphs of "Werkwijze".
pub fn methods(m: &Messages) -> Vec<String> {
    [
        "profile-method-comparison",
        "profile-method-rivm",
        "profile-method-cbs",
        "profile-method-vektis",
    ]
    .into_iter()
    .map(|id| m.get(id))
    .collect()
}

/// The colours of the comparisons, explained.
pub fn legend(m: &Messages) -> Vec<LegendItem> {
    [
        ("profile-comparison-better", "better"),
        ("profile-comparison-worse", "worse"),
        ("profile-comparison-similar", "similar"),
        ("profile-comparison-higher", "higher"),
        ("profile-comparison-lower", "lower"),
        ("profile-comparison-not-compared", "not_compared"),
    ]
    .into_iter()
    .map(|(id, key)| LegendItem {
        label: m.get(id),
        key,
    })
    .collect()
}

/// The template's fixed words; `generated` is the document date as printed.
pub fn labels(m: &Messages, generated: &str, level_plural: &str) -> Labels {
    Labels {
        title: m.get("profile-title"),
        made_with: msg!(m, "profile-made-with", date = generated),
        sources_line: m.get("profile-sources-line"),
        summary_heading: m.get("profile-summary-heading"),
        summary_none: m.get("profile-summary-none"),
        missing_heading: m.get("profile-missing-heading"),
        how_to_read_heading: m.get("profile-how-to-read-heading"),
        how_to_read: m.get("profile-how-to-read"),
        indicators_heading: m.get("profile-indicators-heading"),
        bars_legend: msg!(m, "profile-bars-legend", levels = level_plural),
        column_indicator: m.get("profile-column-indicator"),
        column_municipality: m.get("profile-column-municipality"),
        column_nl: m.get("profile-column-nl"),
        column_comparison: m.get("profile-column-comparison"),
        costs_heading: m.get("profile-costs-heading"),
        costs_column_category: m.get("profile-costs-column-category"),
        costs_column_crude: m.get("profile-costs-column-crude"),
        costs_column_standardised: m.get("profile-costs-column-standardised"),
        costs_column_ratio: m.get("profile-costs-column-ratio"),
        costs_legend_crude: m.get("profile-costs-legend-crude"),
        costs_legend_standardised: m.get("profile-costs-legend-standardised"),
        costs_legend_nl: m.get("profile-costs-legend-nl"),
        methods_heading: m.get("profile-methods-heading"),
        input_files_heading: m.get("profile-input-files-heading"),
        column_file: m.get("profile-column-file"),
        column_year: m.get("profile-column-year"),
        column_sha256: m.get("profile-column-sha256"),
        method_heading: m.get("profile-method-heading"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::findings::Direction;

    fn notable(reason: Reason) -> Notable {
        Notable {
            reason,
            value: 12.345,
            nl_value: 10.0,
            relative_difference: 0.2345,
        }
    }

    #[test]
    fn summary_sentences_read_the_same_in_both_languages() {
        let nl = Messages::builtin(Lang::Nl);
        let en = Messages::builtin(Lang::En);
        let better = notable(Reason::Different(Direction::Better));
        assert_eq!(
            summary_text(nl, &better, "Roken", "Wijk A", "%", 1, "wijken"),
            "Roken: 12,3% in Wijk A tegen 10,0% in Nederland (beter)."
        );
        assert_eq!(
            summary_text(en, &better, "Smoking", "Wijk A", "%", 1, "districts"),
            "Smoking: 12.3% in Wijk A against 10.0% in the Netherlands (better)."
        );
        let high = notable(Reason::ExtremeQuintile { highest: true });
        assert_eq!(
            summary_text(nl, &high, "AOW", "Wijk A", "", 1, "wijken"),
            "AOW: 12,3 in Wijk A tegen 10,0 in Nederland — bij de 20% hoogste wijken van Nederland (geen interval: niet getoetst)."
        );
        let low = notable(Reason::ExtremeQuintile { highest: false });
        assert_eq!(
            summary_text(en, &low, "AOW", "Wijk A", "", 1, "districts"),
            "AOW: 12.3 in Wijk A against 10.0 in the Netherlands — among the lowest 20% of districts (no interval: not tested)."
        );
    }

    #[test]
    fn figures_place_and_trend_are_printed_in_the_language() {
        use std::sync::Arc;

        use crate::compute::profile::{Comparison, Level};
        use crate::spec::catalogue::ProfileSource;
        let row = ProfileRow {
            area_code: Arc::from("WK000101"),
            area_name: None,
            level: Level::Wijk,
            gemeente_code: Some(Arc::from("GM0001")),
            indicator: Arc::from("x"),
            source: ProfileSource::CbsKwb,
            period: Some(2021),
            age_group: None,
            value: Some(1234.56),
            lower: None,
            upper: None,
            unit: Arc::from("count"),
            polarity: None,
            gemeente_value: None,
            nl_value: Some(7.25),
            vs_gemeente: Comparison::NotCompared,
            vs_nl: Comparison::NotCompared,
            quintile_nl: Some(4),
            rank_gemeente: Some(3),
            n_gemeente: Some(12),
        };
        let trend = [(2020, Some(1.25)), (2021, None)];
        let nl = indicator_text(Messages::builtin(Lang::Nl), &row, 1, &trend);
        assert_eq!(nl.value, "1234,6");
        assert_eq!(nl.gemeente, "–");
        assert_eq!(nl.place, "kwintiel 4, 3 van 12");
        assert_eq!(nl.trend.as_deref(), Some("2020: 1,2 · 2021: –"));
        let en = indicator_text(Messages::builtin(Lang::En), &row, 1, &trend[..1]);
        assert_eq!(en.place, "quintile 4, 3 of 12");
        assert_eq!(en.nl, "7.2");
        assert_eq!(en.trend, None);
    }

    #[test]
    fn missing_parts_are_worded_with_their_counts() {
        let nl = Messages::builtin(Lang::Nl);
        let one = Missing::RegionalFiles {
            files: vec!["kwb.xlsx".into()],
            gemeenten: 1,
        };
        assert!(missing_text(nl, &one, "Oss").starts_with("kwb.xlsx beslaat 1 gemeente en niet"));
        let en = Messages::builtin(Lang::En);
        let ten = Missing::RegionalFiles {
            files: vec!["kwb.xlsx".into()],
            gemeenten: 10,
        };
        assert!(
            missing_text(en, &ten, "Oss").starts_with("kwb.xlsx covers 10 municipalities and not")
        );
        let two = Missing::RegionalFiles {
            files: vec!["a.xlsx".into(), "b.xlsx".into()],
            gemeenten: 10,
        };
        assert!(
            missing_text(nl, &two, "Oss")
                .starts_with("a.xlsx, b.xlsx beslaan 10 gemeenten en niet")
        );
        assert_eq!(
            missing_text(en, &Missing::SourceNotGiven(SourceKind::CbsKwb), "Oss"),
            "CBS Kerncijfers wijken en buurten: not given (--kwb), so this part is missing."
        );
        assert!(
            missing_text(nl, &Missing::NoCosts, "Oss").starts_with("Geen Vektis-kosten voor Oss:")
        );
    }
}
