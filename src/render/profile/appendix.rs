//! The appendix of the profile report, "Alle gepubliceerde indicatoren" / "All published
//! indicators": every figure the input files publish for the area that the curated themes do
//! not show — the catalogue's `appendix = true` indicators and every indicator a file publishes
//! that the catalogue does not declare (`IndicatorCatalogue::with_published`) — one line per
//! series (indicator × year × age group) with the area's value, the municipality's, the
//! Netherlands', the unit and the source with its year. So nothing published is silently
//! dropped from a report, while the themes stay a curated selection.
//!
//! No judgement is made here: the appendix lists figures, it does not compare them.

use std::collections::HashMap;

use crate::compute::profile::ProfileRow;
use crate::i18n::Messages;
use crate::msg;
use crate::render::profile::labels::unit_label;
use crate::render::profile::text::is_nl;
use crate::render::words::{format_count, format_value};
use crate::spec::catalogue::{IndicatorCatalogue, ProfileSource};

use serde::Serialize;

/// The appendix table with its words (`data.appendix` of `profiel.typ`).
#[derive(Serialize)]
pub struct AppendixBlock {
    pub heading: String,
    pub intro: String,
    /// The table's description for screen readers.
    pub alt: String,
    pub column_unit: String,
    pub column_source: String,
    pub rows: Vec<AppendixLine>,
}

/// One series of one indicator, as printed.
#[derive(Serialize)]
pub struct AppendixLine {
    pub label: String,
    /// The area's value ("–" when not published for it).
    pub value: String,
    pub gemeente: String,
    pub nl: String,
    pub unit: String,
    /// Source and year (and RIVM's age group): `RIVM 2020, 65+`.
    pub source: String,
}

/// The words of a unit in the appendix's unit column (the unit id itself when the catalogue
/// of words has none, e.g. a unit of a newer file).
fn unit_words(m: &Messages, unit: &str) -> String {
    let key = format!("profile-appendix-unit-{}", unit.replace('_', "-"));
    let words = m.get(&key);
    if words.starts_with('[') {
        unit.to_owned()
    } else {
        words
    }
}

/// A figure in the unit's notation: counts grouped by thousands, others with the decimals of
/// the profile's units.
fn figure(m: &Messages, value: Option<f64>, unit: &str) -> String {
    let nl = is_nl(m);
    match value {
        None => "–".to_owned(),
        Some(v) if (unit == "count" || unit == "class") && v.fract() == 0.0 && v.abs() < 9.0e15 => {
            format_count(v as i64, nl)
        }
        Some(v) => format_value(v, unit_label(m, unit).1.max(1), nl),
    }
}

/// The source column: `CBS 2023`, `RIVM 2020, 65+`.
fn source_words(m: &Messages, row: &ProfileRow) -> String {
    let year = row.period.map_or_else(|| "–".to_owned(), |y| y.to_string());
    match (row.source, row.age_group.as_deref()) {
        (ProfileSource::RivmGezondheid, Some(age)) => msg!(
            m,
            "profile-appendix-source-rivm-gezondheid-age",
            year = year.as_str(),
            age = age
        ),
        (source, _) => msg!(
            m,
            &format!("profile-appendix-source-{}", source.id()),
            year = year.as_str()
        ),
    }
}

/// The appendix of one area from its rows: the indicators of `catalogue` (the catalogue with
/// the published indicators added) shown in the appendix, in catalogue order, each series
/// oldest year first and 18+ before 65+. `None` when the area has no such figure.
pub fn appendix(
    m: &Messages,
    catalogue: &IndicatorCatalogue,
    rows: &[&ProfileRow],
    area_name: &str,
) -> Option<AppendixBlock> {
    let nl = is_nl(m);
    let mut by_indicator: HashMap<&str, Vec<&ProfileRow>> = HashMap::new();
    for row in rows {
        by_indicator.entry(&row.indicator).or_default().push(row);
    }
    let mut lines = Vec::new();
    for indicator in catalogue.indicators.iter().filter(|i| i.appendix) {
        let Some(series) = by_indicator.get_mut(indicator.id.as_str()) else {
            continue;
        };
        series.sort_by(|a, b| (a.period, &a.age_group).cmp(&(b.period, &b.age_group)));
        let label = if nl {
            &indicator.label_nl
        } else {
            &indicator.label_en
        };
        for row in series.iter() {
            lines.push(AppendixLine {
                label: label.clone(),
                value: figure(m, row.value, &row.unit),
                gemeente: figure(m, row.gemeente_value, &row.unit),
                nl: figure(m, row.nl_value, &row.unit),
                unit: unit_words(m, &row.unit),
                source: source_words(m, row),
            });
        }
    }
    if lines.is_empty() {
        return None;
    }
    Some(AppendixBlock {
        heading: m.get("profile-appendix-heading"),
        intro: msg!(m, "profile-appendix-intro", area = area_name),
        alt: msg!(
            m,
            "profile-appendix-alt",
            count = lines.len(),
            area = area_name
        ),
        column_unit: m.get("profile-appendix-column-unit"),
        column_source: m.get("profile-appendix-column-source"),
        rows: lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::spec::catalogue::UNITS;

    #[test]
    fn every_unit_and_source_has_words_in_every_language() {
        for lang in Lang::ALL {
            let m = Messages::builtin(lang);
            for unit in UNITS {
                let key = format!("profile-appendix-unit-{}", unit.replace('_', "-"));
                assert!(!m.get(&key).starts_with('['), "{key}");
            }
            for source in ProfileSource::ALL {
                let key = format!("profile-appendix-source-{}", source.id());
                assert!(!m.get(&key).starts_with('['), "{key}");
            }
        }
    }
}
