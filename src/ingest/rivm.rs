//! RIVM / GGD *Gezondheid per wijk en buurt* (StatLine 50090NED, 50120NED):
//! the xlsx export and the `;`-separated, fully quoted CSV.
//!
//! Indicators are matched by the stem of their column name, because the
//! numeric suffixes differ per table and year. Codes and names are padded
//! with spaces; `Marges` rows give the estimate and the bounds of its 95%
//! interval; `.` is suppressed; an empty column was not measured that year.

use std::collections::{BTreeSet, HashMap};

use crate::ingest::catalog::{Catalog, rivm_stem};
use crate::ingest::grid::{Grid, Sheet};
use crate::ingest::numbers::{Missing, Parsed, parse_cell};
use crate::ingest::source::{
    Dataset, FileInfo, PlausibleRanges, RecognisedColumn, SourceKind, gemeente_of_code,
    level_of_code,
};
use crate::ingest::tidy::{Observation, Status};
use crate::problem::{Location, Problem};

/// StatLine's `Leeftijd` codes.
pub fn age_group_of(code: &str) -> Option<&'static str> {
    match code.trim() {
        "20300" => Some("18+"),
        "53115" => Some("18-64"),
        "80200" => Some("65+"),
        _ => None,
    }
}

/// StatLine's `Perioden` (`2020JJ00`) → 2020.
pub fn year_of_period(period: &str) -> Option<i32> {
    let period = period.trim();
    let year = period.get(..4)?.parse().ok()?;
    (period.len() == 4 || period[4..].starts_with("JJ")).then_some(year)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Margin {
    Value,
    Lower,
    Upper,
}

fn margin_of(code: &str) -> Option<Margin> {
    match code.trim() {
        "MW00000" => Some(Margin::Value),
        "MOG0095" => Some(Margin::Lower),
        "MBG0095" => Some(Margin::Upper),
        _ => None,
    }
}

const ID_STEMS: [&str; 8] = [
    "id",
    "leeftijd",
    "marges",
    "wijkenenbuurten",
    "perioden",
    "gemeentenaam",
    "soortregio",
    "codering",
];

/// One estimate with its interval, merged from the `Marges` rows.
#[derive(Default, Clone, Copy)]
struct Estimate {
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    suppressed: bool,
    seen: bool,
}

struct RegionKey {
    code: String,
    level: &'static str,
    gemeente_name: String,
    period: Option<i32>,
    age_group: &'static str,
}

pub fn read(
    grid: &Grid,
    sheet: &Sheet,
    header_row: usize,
    info: FileInfo,
    plausible: &PlausibleRanges,
) -> Dataset {
    let catalog = Catalog::builtin();
    let mut dataset = Dataset::new(info, SourceKind::RivmGezondheid, Some(sheet));
    let location = Location::file(&grid.path).sheet(&sheet.name);
    let headers: Vec<String> = sheet.rows[header_row]
        .iter()
        .map(|c| c.to_text().trim().to_owned())
        .collect();
    let stem_index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (rivm_stem(h).to_ascii_lowercase(), i))
        .collect();
    let col = |stem: &str| stem_index.get(stem).copied();
    let (Some(code_col), Some(period_col)) = (col("wijkenenbuurten"), col("perioden")) else {
        return dataset;
    };
    let age_col = col("leeftijd");
    let margin_col = col("marges");
    let kind_col = col("soortregio");
    let gm_name_col = col("gemeentenaam");

    let mut indicator_cols: Vec<(usize, &str, &str)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let stem = rivm_stem(header).to_ascii_lowercase();
        if header.is_empty() || ID_STEMS.contains(&stem.as_str()) {
            continue;
        }
        match catalog.rivm_indicator(header) {
            Some(indicator) => indicator_cols.push((i, &indicator.id, indicator.unit.id())),
            None => dataset.unrecognised_columns.push(header.clone()),
        }
    }
    let mut has_values = vec![false; indicator_cols.len()];

    // Regions in file order; estimates per region × indicator.
    let mut regions: Vec<RegionKey> = Vec::new();
    let mut region_index: HashMap<(String, Option<i32>, &'static str), usize> = HashMap::new();
    let mut estimates: Vec<Vec<Estimate>> = Vec::new();
    let mut levels: HashMap<&'static str, BTreeSet<String>> = HashMap::new();
    let mut years = BTreeSet::new();
    let mut ages = BTreeSet::new();

    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.is_blank()) {
            continue;
        }
        let row_number = sheet.row_number(r);
        let here = |c: usize| location.clone().row(row_number).column(headers[c].clone());
        dataset.rows += 1;
        let code = sheet
            .cell(r, code_col)
            .to_text()
            .trim()
            .to_ascii_uppercase();
        let Some(level) = level_of_code(&code) else {
            dataset.problems.push(Problem::mismatch(
                here(code_col),
                "a region code such as NL01, GM0344, WK034401 or BU03440111",
                sheet.cell(r, code_col).to_text(),
            ));
            continue;
        };
        if let Some(kind_col) = kind_col {
            let kind = sheet
                .cell(r, kind_col)
                .to_text()
                .trim()
                .to_ascii_lowercase();
            if !kind.is_empty() && kind != level {
                dataset.problems.push(Problem::warning(
                    here(kind_col),
                    format!("SoortRegio says {kind:?} but the code {code} is a {level}; the code is used"),
                ));
            }
        }
        let period_text = sheet.cell(r, period_col).to_text();
        let period = year_of_period(&period_text);
        if period.is_none() {
            dataset.problems.push(Problem::mismatch(
                here(period_col),
                "a period such as 2020JJ00",
                period_text,
            ));
        }
        let age_group = match age_col {
            Some(c) => {
                let text = sheet.cell(r, c).to_text();
                match age_group_of(&text) {
                    Some(age) => age,
                    None => {
                        dataset.problems.push(Problem::mismatch(
                            here(c),
                            "a Leeftijd code 20300 (18+), 53115 (18-64) or 80200 (65+)",
                            text,
                        ));
                        continue;
                    }
                }
            }
            None => "18+",
        };
        let margin = match margin_col {
            Some(c) => {
                let text = sheet.cell(r, c).to_text();
                match margin_of(&text) {
                    Some(m) => m,
                    None => {
                        dataset.problems.push(Problem::mismatch(
                            here(c),
                            "a Marges code MW00000 (estimate), MOG0095 (lower bound) or MBG0095 (upper bound)",
                            text,
                        ));
                        continue;
                    }
                }
            }
            None => Margin::Value,
        };
        let key = (code.clone(), period, age_group);
        let index = *region_index.entry(key).or_insert_with(|| {
            regions.push(RegionKey {
                code: code.clone(),
                level,
                gemeente_name: gm_name_col
                    .map(|c| sheet.cell(r, c).to_text().trim().to_owned())
                    .unwrap_or_default(),
                period,
                age_group,
            });
            estimates.push(vec![Estimate::default(); indicator_cols.len()]);
            regions.len() - 1
        });
        levels.entry(level).or_default().insert(code.clone());
        if let Some(y) = period {
            years.insert(y);
        }
        ages.insert(age_group);
        for (k, (c, indicator, _)) in indicator_cols.iter().enumerate() {
            let estimate = &mut estimates[index][k];
            let value = match parse_cell(sheet.cell(r, *c)) {
                Parsed::Value { value, .. } => match plausible.check(indicator, value) {
                    Ok(()) => {
                        has_values[k] = true;
                        Some(value)
                    }
                    Err(expected) => {
                        dataset.problems.push(Problem::mismatch(
                            here(*c),
                            expected,
                            sheet.cell(r, *c).to_text(),
                        ));
                        None
                    }
                },
                Parsed::Missing(Missing::Secret) => {
                    if margin == Margin::Value {
                        estimate.suppressed = true;
                        estimate.seen = true;
                    }
                    None
                }
                Parsed::Missing(Missing::Blank) => None,
                Parsed::Invalid(found) => {
                    dataset.problems.push(Problem::mismatch(
                        here(*c),
                        "a percentage such as 76.7 or '.'",
                        found,
                    ));
                    None
                }
            };
            if value.is_some() {
                estimate.seen = true;
            }
            match margin {
                Margin::Value => estimate.value = value,
                Margin::Lower => estimate.lower = value,
                Margin::Upper => estimate.upper = value,
            }
        }
    }

    // Columns without any value were not measured this year: they are
    // listed, but produce no rows.
    for (index, region) in regions.iter().enumerate() {
        let gemeente = gemeente_of_code(&region.code);
        let name = if region.level == "gemeente" || region.level == "land" {
            region.gemeente_name.as_str()
        } else {
            ""
        };
        for (k, (_, indicator, unit)) in indicator_cols.iter().enumerate() {
            if !has_values[k] {
                continue;
            }
            let e = estimates[index][k];
            if !e.seen && e.lower.is_none() && e.upper.is_none() {
                continue;
            }
            let status = if e.suppressed {
                Status::Suppressed
            } else if e.value.is_none() {
                Status::Blank
            } else {
                Status::Final
            };
            dataset.table.push(Observation {
                area_code: &region.code,
                area_name: name,
                level: region.level,
                gemeente_code: gemeente.as_deref(),
                period: region.period,
                age_group: Some(region.age_group),
                indicator,
                value: e.value,
                lower: e.lower,
                upper: e.upper,
                unit,
                status: status.id(),
                ..Default::default()
            });
        }
        if !name.is_empty() {
            dataset
                .area_names
                .entry(region.code.clone())
                .or_insert_with(|| name.to_owned());
        }
        if region.level == "gemeente" {
            dataset
                .area_names
                .entry(region.code.clone())
                .or_insert_with(|| region.gemeente_name.clone());
        }
    }
    dataset.levels = levels
        .into_iter()
        .map(|(l, codes)| (l.to_owned(), codes.len()))
        .collect();
    dataset.age_groups = ages.into_iter().map(str::to_owned).collect();
    if years.len() == 1 {
        dataset.year = years.first().copied();
        dataset.year_origin = crate::ingest::source::YearOrigin::Data;
    } else if years.len() > 1 {
        // Several periods in one table: the latest is the file's year; each
        // row keeps its own period.
        dataset.year = years.last().copied();
        dataset.year_origin = crate::ingest::source::YearOrigin::Data;
    }
    dataset.indicators = indicator_cols
        .into_iter()
        .zip(has_values)
        .map(|((c, indicator, unit), has_values)| RecognisedColumn {
            column: headers[c].clone(),
            indicator: indicator.to_owned(),
            unit: unit.to_owned(),
            has_values,
        })
        .collect();
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statline_codes() {
        assert_eq!(age_group_of("20300"), Some("18+"));
        assert_eq!(age_group_of(" 80200 "), Some("65+"));
        assert_eq!(age_group_of("12345"), None);
        assert_eq!(year_of_period("2020JJ00"), Some(2020));
        assert_eq!(year_of_period("2022JJ00 "), Some(2022));
        assert_eq!(year_of_period("2020MM01"), None);
    }
}
