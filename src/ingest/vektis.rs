//! Vektis Open Databestand Zorgverzekeringswet, per gemeente or per 3-digit
//! postcode, of any year 2011–2023.
//!
//! Header case and cost categories change over the years (and in 2023 some
//! names are cut at 32 characters); each header is mapped to a stable
//! category through the catalogue. Municipalities are named, not coded: the
//! register maps each name to the CBS code of the file's year. The one rest
//! row (empty sex, age and municipality) is kept apart as level `rest`.
//! Absent cells stay absent; negative costs are valid.

use std::collections::{BTreeSet, HashMap};

use crate::ingest::catalog::Catalog;
use crate::ingest::grid::{Grid, Sheet};
use crate::ingest::municipalities::MunicipalityRegister;
use crate::ingest::numbers::{Parsed, parse_cell};
use crate::ingest::source::{
    Dataset, FileInfo, ReadOptions, RecognisedColumn, SourceKind, header_key, year_from_names,
};
use crate::ingest::tidy::{Observation, Status};
use crate::problem::{Location, Problem};

/// The 19 age classes of the Vektis files, as stable ids in order.
pub const AGE_CLASSES: [&str; 19] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
];

/// `' 0 t/m  4 jaar'` → `0-4`; `'90+'` → `90+`; the single years of the
/// postcode-3 files (`'0'` … `'89'`) stay single years.
pub fn age_class_of(text: &str) -> Option<String> {
    let lower = text.trim().to_ascii_lowercase();
    let lower = lower.trim_end_matches("jaar").trim();
    if lower.starts_with("90")
        && (lower.contains('+') || lower.contains("ouder") || lower.contains("en "))
    {
        return Some("90+".to_owned());
    }
    if let Ok(age) = lower.parse::<u32>() {
        return (age < 90).then(|| age.to_string());
    }
    let (from, to) = lower.split_once("t/m").or_else(|| lower.split_once('-'))?;
    let id = format!(
        "{}-{}",
        from.trim().parse::<u32>().ok()?,
        to.trim().parse::<u32>().ok()?
    );
    AGE_CLASSES.contains(&id.as_str()).then_some(id)
}

fn sex_of(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_uppercase().as_str() {
        "M" | "MAN" | "MANNEN" => Some("M"),
        "V" | "VROUW" | "VROUWEN" => Some("V"),
        _ => None,
    }
}

/// The municipal division a Vektis file follows. Vektis publishes a year's
/// costs after the next 1 January and names the municipalities of that later
/// division (the 2018 file already has the 2019 mergers), and the files of
/// 2011–2017 as re-published name the municipalities of the 2019/2020
/// division. So every division year of the register is tried, and the one in
/// which most names are valid wins; among equals the one nearest to the data
/// year (then the earlier).
fn division_year(
    sheet: &Sheet,
    header_row: usize,
    area_col: Option<usize>,
    year: Option<i32>,
    register: &MunicipalityRegister,
) -> i32 {
    let Some(year) = year else {
        return 2025;
    };
    let Some(col) = area_col else {
        return year;
    };
    let names: BTreeSet<String> = (header_row + 1..sheet.rows.len())
        .map(|r| sheet.cell(r, col).to_text().trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let valid_in = |y: i32| {
        names
            .iter()
            .filter(|n| {
                register
                    .code_for_name(n, y)
                    .is_some_and(|c| register.is_valid(c, y))
            })
            .count()
    };
    register
        .division_years()
        .map(|y| (valid_in(y), y))
        .max_by_key(|&(valid, y)| (valid, -(y - year).abs(), -y))
        .map_or(year, |(valid, y)| if valid == 0 { year } else { y })
}

/// What a count should have been, when `value` cannot be one: the number of
/// insured persons is a whole number, insured-years (persons times the part
/// of the year they were insured) a fraction; neither is negative. Costs may
/// be negative (corrections), so they are not checked here.
fn count_problem(indicator: &str, value: f64) -> Option<&'static str> {
    match indicator {
        "insured_persons" if value < 0.0 || value.fract() != 0.0 => {
            Some("a number of insured persons: a whole number, 0 or more")
        }
        "insured_years" if value < 0.0 => Some("a number of insured-years: 0 or more"),
        _ => None,
    }
}

pub fn read(
    grid: &Grid,
    sheet: &Sheet,
    header_row: usize,
    kind: SourceKind,
    info: FileInfo,
    options: &ReadOptions,
) -> Dataset {
    let catalog = Catalog::builtin();
    let register = MunicipalityRegister::builtin();
    let mut dataset = Dataset::new(info, kind, Some(sheet));
    let (year, origin) = year_from_names(&grid.path, &sheet.name);
    dataset.year = options.year.or(year);
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
    let col = |k: &str| index.get(k).copied();
    let sex_col = col("geslacht");
    let age_col = col("leeftijdsklasse");
    let area_col = if kind == SourceKind::VektisZvwPostcode3 {
        col("postcode_3").or_else(|| col("postcode"))
    } else {
        col("gemeentenaam")
    };

    let mut value_cols: Vec<(usize, String, &'static str)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let key = header_key(header);
        match (key.as_str(), catalog.vektis_column(&key)) {
            ("aantal_bsn", _) => value_cols.push((i, "insured_persons".into(), "count")),
            ("aantal_verzekerdejaren", _) => value_cols.push((i, "insured_years".into(), "count")),
            (_, Some(c)) if c.category == "id" => {}
            (_, Some(c)) => value_cols.push((i, format!("cost_{}", c.category), "eur")),
            ("", None) => {}
            (_, None) => dataset.unrecognised_columns.push(header.clone()),
        }
    }
    let mut has_values = vec![false; value_cols.len()];
    let lookup_year = if kind == SourceKind::VektisZvwGemeente {
        division_year(sheet, header_row, area_col, dataset.year, register)
    } else {
        dataset.year.unwrap_or(2025)
    };
    if kind == SourceKind::VektisZvwGemeente {
        dataset.municipal_division = Some(lookup_year);
    }
    let mut gemeenten = BTreeSet::new();
    let mut unmapped: HashMap<String, usize> = HashMap::new();
    let mut rest_rows = 0;

    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| c.is_blank()) {
            continue;
        }
        let row_number = sheet.row_number(r);
        let here = |c: usize| location.clone().row(row_number).column(headers[c].clone());
        dataset.rows += 1;
        let text = |c: Option<usize>| c.map(|c| sheet.cell(r, c).to_text()).unwrap_or_default();
        let (sex_text, age_text, area_text) = (text(sex_col), text(age_col), text(area_col));
        let is_rest =
            sex_text.trim().is_empty() && age_text.trim().is_empty() && area_text.trim().is_empty();
        let (sex, age_class, area_code, area_name, level, gemeente) = if is_rest {
            rest_rows += 1;
            (
                None,
                None,
                "REST".to_owned(),
                "onbekend (restpost)".to_owned(),
                "rest",
                None,
            )
        } else {
            let sex = sex_of(&sex_text);
            if sex.is_none() {
                dataset.problems.push(Problem::mismatch(
                    here(sex_col.unwrap_or(0)),
                    "M or V",
                    sex_text.clone(),
                ));
            }
            let age_class = age_class_of(&age_text);
            if age_class.is_none() {
                dataset.problems.push(Problem::mismatch(
                    here(age_col.unwrap_or(0)),
                    "an age class such as ' 0 t/m  4 jaar' or '90+'",
                    age_text.clone(),
                ));
            }
            if sex.is_none() || age_class.is_none() {
                continue;
            }
            let name = area_text.trim().to_owned();
            if kind == SourceKind::VektisZvwPostcode3 {
                let ok = name.len() == 3 && name.bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    dataset.problems.push(Problem::mismatch(
                        here(area_col.unwrap_or(0)),
                        "a 3-digit postcode such as 101",
                        area_text.clone(),
                    ));
                    continue;
                }
                (sex, age_class, name.clone(), name, "postcode3", None)
            } else {
                match register.code_for_name(&name, lookup_year) {
                    Some(code) => {
                        gemeenten.insert(code.to_owned());
                        (
                            sex,
                            age_class,
                            code.to_owned(),
                            name,
                            "gemeente",
                            Some(code.to_owned()),
                        )
                    }
                    None => {
                        *unmapped.entry(name.clone()).or_default() += 1;
                        if unmapped[&name] == 1 {
                            dataset.problems.push(Problem::error(
                                here(area_col.unwrap_or(0)),
                                format!(
                                    "municipality {name:?} is not in the register of {lookup_year}: its rows are kept \
                                     without a CBS code and cannot be joined to CBS/RIVM areas"
                                ),
                            ));
                        }
                        (sex, age_class, String::new(), name, "gemeente", None)
                    }
                }
            }
        };
        if level == "postcode3" {
            gemeenten.insert(area_code.clone());
        }
        if let Some(code) = &gemeente {
            dataset
                .area_names
                .entry(code.clone())
                .or_insert_with(|| area_name.clone());
        }
        for (k, (c, indicator, unit)) in value_cols.iter().enumerate() {
            match parse_cell(sheet.cell(r, *c)) {
                Parsed::Value { value, .. }
                    if let Some(expected) = count_problem(indicator, value) =>
                {
                    dataset.problems.push(Problem::mismatch(
                        here(*c),
                        expected,
                        sheet.cell(r, *c).to_text().trim().to_owned(),
                    ));
                }
                Parsed::Value { value, .. } => {
                    has_values[k] = true;
                    dataset.table.push(Observation {
                        area_code: &area_code,
                        area_name: &area_name,
                        level,
                        gemeente_code: gemeente.as_deref(),
                        period: dataset.year,
                        sex,
                        age_class: age_class.as_deref(),
                        indicator,
                        value: Some(value),
                        unit,
                        status: Status::Final.id(),
                        ..Default::default()
                    });
                }
                // An absent cell is absent: no row, and never a zero.
                Parsed::Missing(_) => {}
                Parsed::Invalid(found) => {
                    dataset.problems.push(Problem::mismatch(
                        here(*c),
                        "an amount such as 1234.56 (dot decimal)",
                        found,
                    ));
                }
            }
        }
    }
    let area_level = if kind == SourceKind::VektisZvwPostcode3 {
        "postcode3"
    } else {
        "gemeente"
    };
    dataset
        .levels
        .insert(area_level.to_owned(), gemeenten.len() + unmapped.len());
    dataset.levels.insert("rest".to_owned(), rest_rows);
    if rest_rows != 1 {
        dataset.problems.push(Problem::warning(
            location.clone(),
            format!(
                "expected exactly one rest row (empty sex, age and municipality), found {rest_rows}"
            ),
        ));
    }
    for missing in ["geslacht", "leeftijdsklasse"] {
        if col(missing).is_none() {
            dataset.problems.push(Problem::error(
                location.clone(),
                format!("the column {missing} is missing"),
            ));
        }
    }
    dataset.indicators = value_cols
        .into_iter()
        .zip(has_values)
        .map(|((c, indicator, unit), has_values)| RecognisedColumn {
            column: headers[c].clone(),
            indicator,
            unit: unit.to_owned(),
            has_values,
        })
        .collect();
    if dataset.year.is_none() {
        dataset.problems.push(Problem::warning(
            Location::file(&grid.path),
            "the year is unknown: the file name holds no year; give it with --year (municipality names were \
             matched against the municipal division of 2025)",
        ));
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_classes() {
        assert_eq!(age_class_of(" 0 t/m  4 jaar").as_deref(), Some("0-4"));
        assert_eq!(age_class_of("85 t/m 89 jaar").as_deref(), Some("85-89"));
        assert_eq!(age_class_of("90+").as_deref(), Some("90+"));
        assert_eq!(age_class_of("90 jaar en ouder").as_deref(), Some("90+"));
        assert_eq!(age_class_of("45").as_deref(), Some("45"));
        assert_eq!(age_class_of("3 t/m 7 jaar"), None);
        assert_eq!(age_class_of("120"), None);
    }
}
