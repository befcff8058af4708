//! CBS Kerncijfers wijken en buurten (KWB), xlsx or csv, of any release.
//!
//! One row per region; `recs` gives the level. Numeric columns may hold
//! numbers, numbers stored as text, decimal commas, `.` markers (padded or
//! not), blanks and `*` provisional flags. Column names may carry trailing
//! spaces. The year is only in the file or sheet name.

use std::collections::HashMap;

use crate::ingest::catalog::Catalog;
use crate::ingest::grid::{Grid, Sheet};
use crate::ingest::numbers::{Missing, Parsed, parse_cell};
use crate::ingest::source::{
    Dataset, FileInfo, RecognisedColumn, SourceKind, gemeente_of_code, header_key, is_area_code,
    level_of_code, year_from_names,
};
use crate::ingest::tidy::{Observation, Status};
use crate::problem::{Location, Problem};

/// Identification columns: read for the area, never as indicators.
const CODE_COLUMNS: [&str; 5] = [
    "gwb_code_10",
    "gwb_code",
    "wijkenenbuurten",
    "codering",
    "gwb_code_8",
];

fn level_of_recs(recs: &str) -> Option<&'static str> {
    match recs.trim().to_ascii_lowercase().as_str() {
        "land" | "nederland" => Some("land"),
        "gemeente" => Some("gemeente"),
        "wijk" => Some("wijk"),
        "buurt" => Some("buurt"),
        _ => None,
    }
}

/// What a region code should have looked like, when it is not a CBS code of
/// its level: empty, of an unknown prefix, or too short or long for its level
/// (GM + 4 digits, WK + 6, BU + 8; the country NL00).
fn code_shape_problem(code: &str) -> Option<String> {
    let expected = match level_of_code(code) {
        _ if code.len() <= 2 => "a region code, not an empty cell or a bare prefix",
        Some("land") => "the country's code NL00",
        Some("gemeente") => "a municipality code: GM and 4 digits, such as GM0344",
        Some("wijk") => "a wijk code: WK and 6 characters (4 digits first), such as WK034401",
        Some("buurt") => "a buurt code: BU and 8 characters (4 digits first), such as BU03440111",
        _ => "a region code starting with NL, GM, WK or BU",
    };
    (!is_area_code(code)).then(|| expected.to_owned())
}

pub fn read(grid: &Grid, sheet: &Sheet, header_row: usize, info: FileInfo) -> Dataset {
    let catalog = Catalog::builtin();
    let mut dataset = Dataset::new(info, SourceKind::CbsKwb, Some(sheet));
    let (year, origin) = year_from_names(&grid.path, &sheet.name);
    dataset.year = year;
    dataset.year_origin = origin;
    let location = Location::file(&grid.path).sheet(&sheet.name);

    let headers: Vec<String> = sheet.rows[header_row]
        .iter()
        .map(|c| c.to_text().trim().to_owned())
        .collect();
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (header_key(h), i))
        .collect();
    let column = |name: &str| index.get(name).copied();
    let code_col = CODE_COLUMNS.iter().find_map(|c| column(c));
    let recs_col = column("recs");
    let name_col = column("regio");
    let gm_name_col = column("gm_naam");

    // Which columns are indicators: every column the catalogue knows that is
    // not an identification column; the rest is reported as unrecognised.
    let mut indicator_cols: Vec<(usize, String, String)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let key = header_key(header);
        if key.is_empty() {
            if sheet
                .rows
                .iter()
                .skip(header_row + 1)
                .any(|r| r.get(i).is_some_and(|c| !c.is_blank()))
            {
                dataset.unrecognised_columns.push(format!(
                    "(column {} without a header)",
                    sheet.column_letter(i)
                ));
            }
            continue;
        }
        match catalog.kwb_variable(&key) {
            Some(variable) if variable.unit.is_identifier() => {}
            Some(variable) => indicator_cols.push((i, key, variable.unit.id().to_owned())),
            None => dataset.unrecognised_columns.push(header.clone()),
        }
    }
    if code_col.is_none() {
        dataset.problems.push(Problem::mismatch(
            location.clone().row(sheet.row_number(header_row)),
            "a column with the region code (gwb_code_10 or gwb_code)",
            headers.join(", "),
        ));
        return dataset;
    }
    let mut has_values = vec![false; indicator_cols.len()];
    // The first row of each area code: a second row with the same code would
    // silently double the area's observations.
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let code_header = headers[code_col.unwrap_or(0)].clone();

    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.is_blank()) {
            continue;
        }
        let row_number = sheet.row_number(r);
        let text = |col: Option<usize>| col.map(|c| sheet.cell(r, c).to_text().trim().to_owned());
        let code = text(code_col).unwrap_or_default();
        let recs = text(recs_col).unwrap_or_default();
        // Older releases give only the digits (gwb_code_8) or codes without
        // prefix: derive the prefix from recs.
        let level_from_recs = level_of_recs(&recs);
        let code = if level_of_code(&code).is_some() {
            code.to_ascii_uppercase()
        } else {
            match level_from_recs {
                Some("gemeente") => format!("GM{code}"),
                Some("wijk") => format!("WK{code}"),
                Some("buurt") => format!("BU{code}"),
                // The country row's code varies between releases (empty, "0").
                Some("land") => "NL00".to_owned(),
                _ => code,
            }
        };
        let Some(level) = level_of_code(&code).or(level_from_recs) else {
            dataset.problems.push(Problem::mismatch(
                location.clone().row(row_number).column(code_header.clone()),
                "a region code such as GM0344, WK034401 or BU03440111",
                code,
            ));
            continue;
        };
        if let Some(expected) = code_shape_problem(&code) {
            dataset.problems.push(Problem::mismatch(
                location.clone().row(row_number).column(code_header.clone()),
                expected,
                text(code_col).unwrap_or_default(),
            ));
            continue;
        }
        if let Some(first) = first_row.get(&code) {
            dataset.problems.push(Problem::mismatch(
                location.clone().row(row_number).column(code_header.clone()),
                format!(
                    "a region code not used before (row {first} has {code}); the row is skipped"
                ),
                code,
            ));
            continue;
        }
        first_row.insert(code.clone(), row_number);
        if let (Some(from_recs), Some(from_code)) = (level_from_recs, level_of_code(&code))
            && from_recs != from_code
        {
            dataset.problems.push(Problem::warning(
                location.clone().row(row_number).column("recs"),
                format!(
                    "recs says {recs:?} but the code {code} is a {from_code}; the code is used"
                ),
            ));
        }
        dataset.rows += 1;
        *dataset.levels.entry(level.to_owned()).or_default() += 1;
        let name = text(name_col).unwrap_or_default();
        let gm_name = text(gm_name_col).unwrap_or_default();
        dataset.area_names.insert(code.clone(), name.clone());
        let gemeente = gemeente_of_code(&code);
        if level == "gemeente" && !gm_name.is_empty() {
            dataset.area_names.entry(code.clone()).or_insert(gm_name);
        }
        for (k, (col, indicator, unit)) in indicator_cols.iter().enumerate() {
            let (value, status) = match parse_cell(sheet.cell(r, *col)) {
                Parsed::Value { value, provisional } => {
                    has_values[k] = true;
                    (
                        Some(value),
                        if provisional {
                            Status::Provisional
                        } else {
                            Status::Final
                        },
                    )
                }
                Parsed::Missing(Missing::Secret) => (None, Status::Suppressed),
                Parsed::Missing(Missing::Blank) => (None, Status::Blank),
                Parsed::Invalid(found) => {
                    dataset.problems.push(Problem::mismatch(
                        location
                            .clone()
                            .row(row_number)
                            .column(headers[*col].clone()),
                        format!("a number (column {})", sheet.column_letter(*col)),
                        found,
                    ));
                    continue;
                }
            };
            dataset.table.push(Observation {
                area_code: &code,
                area_name: &name,
                level,
                gemeente_code: gemeente.as_deref(),
                period: dataset.year,
                indicator,
                value,
                unit,
                status: status.id(),
                ..Default::default()
            });
        }
    }
    dataset.indicators = indicator_cols
        .into_iter()
        .zip(has_values)
        .map(|((col, indicator, unit), has_values)| RecognisedColumn {
            column: headers[col].clone(),
            indicator,
            unit,
            has_values,
        })
        .collect();
    if dataset.year.is_none() {
        dataset.problems.push(Problem::warning(
            Location::file(&grid.path),
            "the year is unknown: neither the file name nor the sheet name holds a year; give it with --year",
        ));
    }
    dataset
}
