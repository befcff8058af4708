//! The evaluation data that networks keep themselves: the network register,
//! questionnaire responses and activity logs (the instrument files that
//! declare the questionnaires are read by [`crate::spec::instrument`]).
//!
//! The program defines these formats (see `docs/network-data.md`) and hands
//! out blank workbooks for them (`render::template`). This module holds what
//! the readers share:
//!
//! - the column declarations ([`SheetSpec`], [`ColumnSpec`]) that both the
//!   readers and the template writer use, so a template and its reader cannot
//!   drift apart;
//! - finding a sheet by name and mapping its header row (case, surrounding
//!   spaces, and runs of spaces or underscores are not significant);
//! - skipping the example row: a row whose first non-empty cell starts with
//!   the word `VOORBEELD` (any case) is an example and is never read as data;
//! - reading cells as text, numbers (also numbers stored as text, with a
//!   decimal comma), dates (Excel dates, `jjjj-mm-dd`, `dd-mm-jjjj`), yes/no
//!   answers and coded values;
//! - [`Loaded`]: every reader returns its typed records together with *all*
//!   problems it found, never only the first.
//!
//! Policy for bad values: a row whose required value is missing or invalid is
//! left out of the records; an invalid optional value is left empty. Both are
//! reported as errors, so nothing disappears silently.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ingest::dates::{parse_date_text, serial_to_date};
use crate::ingest::grid::{
    Cell, FileFormat, Grid, Sheet, column_letter, format_number, quoted_list,
};
use crate::problem::{Location, Problem};

/// Defines a closed set of codes as an enum: the Dutch code as written in
/// the workbooks, matching that ignores case, spaces, hyphens, underscores
/// and slashes, and serialisation as the code.
macro_rules! coded {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $code, "`")] $variant, )+
        }

        impl $name {
            /// Every value, in the order of the documentation.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The codes as written in the workbooks, in the order of [`Self::ALL`].
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The code as written in the workbooks.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The value for a code; case, spaces, hyphens, underscores and
            /// slashes do not matter.
            pub fn from_code(text: &str) -> Option<Self> {
                let wanted = $crate::ingest::network::fold(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| $crate::ingest::network::fold(value.code()) == wanted)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub mod logs;
pub mod register;
pub mod responses;

/// Typed records read from a file, with every problem found on the way.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub data: T,
    /// All problems, errors and warnings, in the order of the file.
    pub problems: Vec<Problem>,
}

impl<T> Loaded<T> {
    /// True when at least one problem is an error (not only warnings).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

coded! {
    /// An answer of `ja`, `nee` or `onbekend` (a blank cell counts as
    /// `onbekend`).
    YesNoUnknown {
        Yes = "ja",
        No = "nee",
        Unknown = "onbekend",
    }
}

/// The marker that starts the first cell of the example row in a template.
pub const EXAMPLE_MARKER: &str = "VOORBEELD";

/// The kinds of values a column holds. The readers check values by it and
/// the template writer derives the dropdowns and validations from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text.
    Text,
    /// The id of a network in the register.
    NetworkId,
    /// A date.
    Date,
    /// `ja` or `nee`.
    YesNo,
    /// `ja`, `nee` or `onbekend`.
    YesNoUnknown,
    /// One of a closed list of codes.
    Choice(&'static [&'static str]),
    /// A whole number from `min` to `max`.
    Whole { min: i32, max: i32 },
    /// A municipality code: `GM` and 4 digits.
    MunicipalityCode,
    /// A municipality, district or neighbourhood code (`GM`, `WK`, `BU`).
    AreaCode,
}

impl ColumnKind {
    /// The allowed values in Dutch, for the explanation sheet and messages.
    pub fn allowed_nl(self) -> String {
        match self {
            ColumnKind::Text => "tekst".to_owned(),
            ColumnKind::NetworkId => "een id uit het netwerkregister (blad netwerken)".to_owned(),
            ColumnKind::Date => "een datum (dd-mm-jjjj)".to_owned(),
            ColumnKind::YesNo => "ja / nee".to_owned(),
            ColumnKind::YesNoUnknown => "ja / nee / onbekend (leeg = onbekend)".to_owned(),
            ColumnKind::Choice(codes) => codes.join(" / "),
            ColumnKind::Whole { min, max } => {
                format!("een geheel getal van {min} tot en met {max}")
            }
            ColumnKind::MunicipalityCode => "een gemeentecode: GM en 4 cijfers (GM0828)".to_owned(),
            ColumnKind::AreaCode => {
                "een CBS-gebiedscode: GM + 4 cijfers, WK + 6 tekens of BU + 8 tekens \
                 (GM0828, WK082801, BU08280101)"
                    .to_owned()
            }
        }
    }
}

/// One column of a sheet the program defines.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The header as written in the template (lower case).
    pub name: &'static str,
    pub kind: ColumnKind,
    /// Whether every row must have a value.
    pub required: bool,
    /// What the column means, in Dutch (for the explanation sheet).
    pub help_nl: &'static str,
    /// The value in the template's example row.
    pub example: &'static str,
}

/// One sheet the program defines: its name and columns.
#[derive(Debug, Clone, Copy)]
pub struct SheetSpec {
    pub name: &'static str,
    /// What one row of the sheet is, in Dutch.
    pub help_nl: &'static str,
    pub columns: &'static [ColumnSpec],
}

/// Text folded for matching codes and headers: lower case, trimmed, and runs
/// of spaces, hyphens, underscores and slashes made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for ch in text.trim().chars() {
        if ch.is_whitespace() || matches!(ch, '-' | '_' | '/') {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// A header as compared with the declared column names: lower case, trimmed,
/// runs of spaces and underscores one underscore (`Kartrekker rol` matches
/// `kartrekker_rol`). Hyphens are kept, as item ids may contain them.
pub fn header_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for ch in text.trim().chars() {
        if ch.is_whitespace() || ch == '_' {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The level of an area code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaLevel {
    /// `GM` + 4 digits.
    Gemeente,
    /// `WK` + the municipality's 4 digits + 2 characters.
    Wijk,
    /// `BU` + the municipality's 4 digits + 4 characters.
    Buurt,
}

/// A CBS area code, normalised to upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AreaCode {
    pub level: AreaLevel,
    pub code: String,
}

impl AreaCode {
    /// Parses `GM0828`, `WK082801`, `BU08280101`. The municipality part is 4
    /// digits; the district and neighbourhood parts may hold letters, as the
    /// Amsterdam codes since 2022 do (`WK0363AF`, `BU0363AF01`).
    pub fn parse(text: &str) -> Option<AreaCode> {
        let code = text.trim().to_ascii_uppercase();
        if !code.is_ascii() || code.len() < 6 {
            return None;
        }
        let (prefix, rest) = code.split_at(2);
        let (level, tail_len) = match prefix {
            "GM" => (AreaLevel::Gemeente, 0),
            "WK" => (AreaLevel::Wijk, 2),
            "BU" => (AreaLevel::Buurt, 4),
            _ => return None,
        };
        if rest.len() != 4 + tail_len {
            return None;
        }
        let (municipality, tail) = rest.split_at(4);
        let ok = municipality.bytes().all(|b| b.is_ascii_digit())
            && tail.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then_some(AreaCode { level, code })
    }

    /// The code of the municipality the area lies in (`GM0828`).
    pub fn municipality(&self) -> String {
        format!("GM{}", self.code.get(2..6).unwrap_or_default())
    }
}

/// A `ja`/`nee` answer; also accepts spreadsheet booleans.
pub fn parse_yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Text(text) => match fold(text).as_str() {
            "ja" | "j" | "yes" | "y" | "true" | "waar" => Some(true),
            "nee" | "n" | "no" | "false" | "onwaar" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A number from a number cell or from text with a decimal comma or point
/// (`7,5`, `7.5`, `1.234,5`).
pub fn parse_number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(v) => v.is_finite().then_some(*v),
        Cell::Text(text) => parse_number_text(text),
        _ => None,
    }
}

/// A number written as text, Dutch or English style: the same rules as the
/// open-data readers ([`crate::ingest::numbers::parse_decimal`]).
pub fn parse_number_text(text: &str) -> Option<f64> {
    crate::ingest::numbers::parse_decimal(text)
}

/// The first and last day accepted from a plain number in a date column
/// (an Excel serial). Outside it a number is more likely a year or a typo.
const SERIAL_DATE_RANGE: (f64, f64) = (32_874.0, 73_415.0); // 1990-01-01 .. 2100-12-31

/// A date from an Excel date cell, a plain Excel serial number
/// (1990–2100), or text as `jjjj-mm-dd` or `dd-mm-jjjj`.
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(serial) => serial_to_date(*serial),
        Cell::Number(serial) if (SERIAL_DATE_RANGE.0..=SERIAL_DATE_RANGE.1).contains(serial) => {
            serial_to_date(*serial)
        }
        Cell::Text(text) => parse_date_text(text),
        _ => None,
    }
}

/// How the found value of a cell is quoted in problems.
fn found_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(v) => format_number(*v),
        other => other.to_text().trim().to_owned(),
    }
}

/// Finds a sheet by name; case and surrounding spaces do not matter. A CSV
/// file is a single sheet and is taken whatever its name. A missing sheet is
/// reported with the names of the sheets there are.
pub(crate) fn find_sheet<'g>(
    grid: &'g Grid,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'g Sheet> {
    if grid.format == FileFormat::Csv && grid.sheets.len() == 1 {
        return grid.sheets.first();
    }
    let wanted = header_key(name);
    let found = grid
        .sheets
        .iter()
        .find(|sheet| header_key(&sheet.name) == wanted);
    if found.is_none() {
        let names = grid.sheet_names();
        problems.push(Problem {
            message: format!(
                "sheet {name:?} not found; the sheets in this file are: {}",
                quoted_list(&names)
            ),
            expected: Some(format!("a sheet named {name:?}")),
            found: Some(names.join(", ")),
            ..Problem::error(Location::file(&grid.path), "")
        });
    }
    found
}

/// A sheet with its header row mapped to columns.
pub(crate) struct Table<'a> {
    pub path: &'a Path,
    pub sheet: &'a Sheet,
    /// Index (into `sheet.rows`) of the header row.
    pub header: usize,
    /// Folded header → (cell index, header as written).
    columns: BTreeMap<String, (usize, String)>,
    /// Headers in file order: (cell index, header as written, folded).
    pub headers: Vec<(usize, String, String)>,
}

impl<'a> Table<'a> {
    /// Maps the header row (the first non-empty row). Reports duplicate and
    /// empty-sheet problems; returns `None` when the sheet has no header.
    pub fn open(path: &'a Path, sheet: &'a Sheet, problems: &mut Vec<Problem>) -> Option<Self> {
        let Some(header) = sheet
            .rows
            .iter()
            .position(|row| row.iter().any(|cell| !cell.is_blank()))
        else {
            problems.push(Problem::mismatch(
                Location::file(path).sheet(&sheet.name),
                "a header row with the column names",
                "an empty sheet",
            ));
            return None;
        };
        let mut columns = BTreeMap::new();
        let mut headers = Vec::new();
        for (index, cell) in sheet.rows[header].iter().enumerate() {
            if cell.is_blank() {
                continue;
            }
            let written = cell.to_text().trim().to_owned();
            let key = header_key(&written);
            if let Some((first, _)) = columns.get(&key) {
                problems.push(Problem {
                    expected: Some("each column once".to_owned()),
                    found: Some(format!(
                        "{written:?} also in column {}",
                        sheet.column_letter(*first)
                    )),
                    ..Problem::error(
                        Location::file(path)
                            .sheet(&sheet.name)
                            .row(sheet.row_number(header))
                            .column(&written),
                        format!(
                            "the column {written:?} appears twice (columns {} and {}); \
                             the second is ignored",
                            sheet.column_letter(*first),
                            sheet.column_letter(index)
                        ),
                    )
                });
                continue;
            }
            columns.insert(key.clone(), (index, written.clone()));
            headers.push((index, written, key));
        }
        let table = Table {
            path,
            sheet,
            header,
            columns,
            headers,
        };
        table.check_formulas(problems);
        Some(table)
    }

    /// Reports each formula cell that has no saved value. A workbook written
    /// by a program (not Excel) may hold formulas without their results;
    /// calamine then gives an empty cell, which would silently read as a
    /// missing answer. The formulas are read once more from the file
    /// (calamine's `worksheet_formula`); a CSV file has none.
    fn check_formulas(&self, problems: &mut Vec<Problem>) {
        let is_workbook = self
            .path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "xlsx" | "xlsm" | "xls" | "ods"
                )
            });
        if !is_workbook {
            return;
        }
        let Ok(mut book) = calamine::open_workbook_auto(self.path) else {
            return;
        };
        let Ok(formulas) = calamine::Reader::worksheet_formula(&mut book, &self.sheet.name) else {
            return;
        };
        let Some((top, left)) = formulas.start() else {
            return;
        };
        for (r, c, formula) in formulas.used_cells() {
            if formula.trim().is_empty() {
                continue;
            }
            // Absolute 0-based position → indices into `sheet.rows`.
            let (row, col) = (top as usize + r, left as usize + c);
            let (Some(index), Some(cell)) = (
                (row + 1).checked_sub(self.sheet.first_row),
                col.checked_sub(self.sheet.first_col),
            ) else {
                continue;
            };
            if !self.sheet.cell(index, cell).is_blank() {
                continue;
            }
            let column = self
                .headers
                .iter()
                .find(|(i, _, _)| *i == cell)
                .map_or_else(|| column_letter(col), |(_, written, _)| written.clone());
            let found = format!("the formula ={formula} without a saved value");
            let message = "formula without a saved value: open and save the file in Excel \
                           (or LibreOffice) so that its results are stored";
            let location = self.sheet_location().row(row + 1).column(column);
            // A formula such as =IF(A2="";"";…) may have saved an empty text:
            // calamine cannot tell that from no saved value, so only a warning.
            let problem = if formula.contains("\"\"") {
                Problem::warning(location, message)
            } else {
                Problem::error(location, message)
            };
            problems.push(Problem {
                expected: Some("a value".to_owned()),
                found: Some(found),
                ..problem
            });
        }
    }

    /// The cell index of a declared column, if the file has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(&header_key(name)).map(|(index, _)| *index)
    }

    /// The location of the sheet (no row).
    pub fn sheet_location(&self) -> Location {
        Location::file(self.path).sheet(&self.sheet.name)
    }

    /// The location of the header cell of a column.
    pub fn header_location(&self, column: &str) -> Location {
        self.sheet_location()
            .row(self.sheet.row_number(self.header))
            .column(column)
    }

    /// Reports each required column that the header lacks, and each column
    /// that is not declared (as a warning: its values are not read).
    pub fn check_columns(&self, specs: &[ColumnSpec], problems: &mut Vec<Problem>) {
        self.check_required(specs, problems);
        let declared: Vec<&str> = specs.iter().map(|c| c.name).collect();
        for (_, written, key) in &self.headers {
            if !declared.iter().any(|name| header_key(name) == *key) {
                problems.push(Problem {
                    expected: Some(format!("one of the columns {}", quoted_list(&declared))),
                    found: Some(written.clone()),
                    ..Problem::warning(
                        self.header_location(written),
                        format!("the column {written:?} is not known; its values are not read"),
                    )
                });
            }
        }
    }

    /// Reports each required column that the header lacks.
    pub fn check_required(&self, specs: &[ColumnSpec], problems: &mut Vec<Problem>) {
        for spec in specs.iter().filter(|c| c.required) {
            if self.column(spec.name).is_none() {
                problems.push(Problem {
                    expected: Some(format!("a column {:?}", spec.name)),
                    found: Some(self.written_headers().join(", ")),
                    ..Problem::error(
                        self.header_location(spec.name),
                        format!(
                            "the required column {:?} is missing; the rows of this sheet \
                             cannot be read",
                            spec.name
                        ),
                    )
                });
            }
        }
    }

    /// Whether every required column is present.
    pub fn has_required(&self, specs: &[ColumnSpec]) -> bool {
        specs
            .iter()
            .filter(|c| c.required)
            .all(|c| self.column(c.name).is_some())
    }

    fn written_headers(&self) -> Vec<String> {
        self.headers.iter().map(|(_, w, _)| w.clone()).collect()
    }

    /// The indices of the data rows: after the header, not blank, not the
    /// example row.
    pub fn data_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (self.header + 1..self.sheet.rows.len()).filter(|&index| {
            let row = &self.sheet.rows[index];
            match row.iter().find(|cell| !cell.is_blank()) {
                None => false,
                Some(first) => !is_example_marker(first),
            }
        })
    }

    /// A reader for one data row, collecting problems into `problems`.
    pub fn row<'t, 'p>(&'t self, index: usize, problems: &'p mut Vec<Problem>) -> Row<'t, 'a, 'p> {
        Row {
            table: self,
            index,
            problems,
            failed: false,
        }
    }
}

/// True for a cell that marks the template's example row.
pub fn is_example_marker(cell: &Cell) -> bool {
    match cell {
        Cell::Text(text) => text
            .trim_start()
            .get(..EXAMPLE_MARKER.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(EXAMPLE_MARKER)),
        _ => false,
    }
}

/// Reads the values of one data row, collecting problems. `failed` turns
/// true when a required value is missing or invalid.
pub(crate) struct Row<'t, 'a, 'p> {
    pub table: &'t Table<'a>,
    pub index: usize,
    pub problems: &'p mut Vec<Problem>,
    pub failed: bool,
}

impl Row<'_, '_, '_> {
    /// The spreadsheet row number.
    pub fn number(&self) -> usize {
        self.table.sheet.row_number(self.index)
    }

    /// The location of a cell of this row.
    pub fn location(&self, column: &str) -> Location {
        self.table
            .sheet_location()
            .row(self.number())
            .column(column)
    }

    /// The cell of a column (empty when the file lacks the column).
    pub fn cell(&self, column: &str) -> &Cell {
        match self.table.column(column) {
            Some(index) => self.table.sheet.cell(self.index, index),
            None => &Cell::Empty,
        }
    }

    /// Reports a value that is not what the column holds.
    pub fn mismatch(
        &mut self,
        column: &str,
        expected: impl Into<String>,
        cell: &Cell,
        required: bool,
    ) {
        self.problems.push(Problem::mismatch(
            self.location(column),
            expected,
            found_text(cell),
        ));
        if required {
            self.failed = true;
        }
    }

    /// Reports a problem with a custom message.
    pub fn report(&mut self, problem: Problem) {
        if problem.is_error() {
            self.failed = true;
        }
        self.problems.push(problem);
    }

    /// The cell, or `None` for a blank cell (reporting it when required and
    /// the column exists; a missing column was reported once for the sheet).
    fn present(&mut self, column: &str, required: bool, expected: &str) -> Option<Cell> {
        let cell = self.cell(column).clone();
        if cell.is_blank() {
            if required {
                if self.table.column(column).is_some() {
                    self.problems.push(Problem {
                        message: format!("a value is required here: expected {expected}"),
                        ..Problem::mismatch(self.location(column), expected, "")
                    });
                }
                self.failed = true;
            }
            return None;
        }
        Some(cell)
    }

    /// Text, trimmed.
    pub fn text(&mut self, column: &str, required: bool) -> Option<String> {
        let cell = self.present(column, required, "a text")?;
        match cell {
            Cell::Error(_) => {
                self.mismatch(column, "a text", &cell, required);
                None
            }
            other => Some(other.to_text().trim().to_owned()),
        }
    }

    /// A date.
    pub fn date(&mut self, column: &str, required: bool) -> Option<NaiveDate> {
        const EXPECTED: &str = "a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date)";
        let cell = self.present(column, required, EXPECTED)?;
        let date = parse_date(&cell);
        if date.is_none() {
            self.mismatch(column, EXPECTED, &cell, required);
        }
        date
    }

    /// `ja` or `nee`.
    pub fn yes_no(&mut self, column: &str, required: bool) -> Option<bool> {
        let cell = self.present(column, required, "ja or nee")?;
        let value = parse_yes_no(&cell);
        if value.is_none() {
            self.mismatch(column, "ja or nee", &cell, required);
        }
        value
    }

    /// `ja`, `nee` or `onbekend`; blank is `onbekend`.
    pub fn yes_no_unknown(&mut self, column: &str) -> YesNoUnknown {
        let cell = self.cell(column).clone();
        if cell.is_blank() {
            return YesNoUnknown::Unknown;
        }
        if let Some(value) = parse_yes_no(&cell) {
            return if value {
                YesNoUnknown::Yes
            } else {
                YesNoUnknown::No
            };
        }
        match YesNoUnknown::from_code(&cell.to_text()) {
            Some(value) => value,
            None => {
                self.mismatch(column, "ja, nee or onbekend", &cell, false);
                YesNoUnknown::Unknown
            }
        }
    }

    /// One of a closed list of codes, through `parse`.
    pub fn choice<T>(
        &mut self,
        column: &str,
        required: bool,
        codes: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let expected = format!("one of {}", codes.join(", "));
        let cell = self.present(column, required, &expected)?;
        let value = parse(&cell.to_text());
        if value.is_none() {
            self.mismatch(column, expected, &cell, required);
        }
        value
    }

    /// A whole number within `min..=max`.
    pub fn whole(&mut self, column: &str, required: bool, min: i32, max: i32) -> Option<i32> {
        let expected = format!("a whole number from {min} to {max}");
        let cell = self.present(column, required, &expected)?;
        let value = parse_number(&cell)
            .filter(|v| v.fract() == 0.0 && *v >= f64::from(min) && *v <= f64::from(max));
        match value {
            Some(v) => Some(v as i32),
            None => {
                self.mismatch(column, expected, &cell, required);
                None
            }
        }
    }

    /// A municipality code (`GM` + 4 digits).
    pub fn municipality(&mut self, column: &str, required: bool) -> Option<String> {
        const EXPECTED: &str = "a municipality code: GM and 4 digits (GM0828)";
        let cell = self.present(column, required, EXPECTED)?;
        match AreaCode::parse(&cell.to_text()) {
            Some(code) if code.level == AreaLevel::Gemeente => Some(code.code),
            _ => {
                self.mismatch(column, EXPECTED, &cell, required);
                None
            }
        }
    }

    /// An area code (`GM`, `WK`, `BU`).
    pub fn area(&mut self, column: &str, required: bool) -> Option<AreaCode> {
        const EXPECTED: &str = "an area code: GM + 4 digits, WK + 6 or BU + 8 characters (GM0828, WK082801, BU08280101)";
        let cell = self.present(column, required, EXPECTED)?;
        let code = AreaCode::parse(&cell.to_text());
        if code.is_none() {
            self.mismatch(column, EXPECTED, &cell, required);
        }
        code
    }

    /// A network id, checked against the known ids when given.
    pub fn network(&mut self, column: &str, known: Option<&[&str]>) -> Option<String> {
        let id = self.text(column, true)?;
        if let Some(known) = known
            && !known.contains(&id.as_str())
        {
            let listed = if known.len() <= 12 {
                quoted_list(known)
            } else {
                format!("{} ids", known.len())
            };
            self.problems.push(Problem {
                message: format!(
                    "the network {id:?} is not in the register; the register has {listed}"
                ),
                ..Problem::mismatch(
                    self.location(column),
                    "a network id from the register",
                    id.clone(),
                )
            });
            self.failed = true;
            return None;
        }
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_codes() {
        assert_eq!(fold("  Inwoners/Vrijwilligers "), "inwoners vrijwilligers");
        assert_eq!(fold("bottom up"), fold("Bottom-Up"));
        assert_eq!(fold("rond de  persoon"), "rond de persoon");
        assert_eq!(header_key(" Kartrekker rol"), "kartrekker_rol");
        assert_eq!(header_key("aanvraag_ID"), "aanvraag_id");
    }

    #[test]
    fn area_codes() {
        let wk = AreaCode::parse("wk082801").unwrap();
        assert_eq!((wk.level, wk.code.as_str()), (AreaLevel::Wijk, "WK082801"));
        assert_eq!(wk.municipality(), "GM0828");
        assert_eq!(
            AreaCode::parse("BU0363AF01").unwrap().level,
            AreaLevel::Buurt
        );
        assert_eq!(AreaCode::parse("WK0363AF").unwrap().level, AreaLevel::Wijk);
        assert_eq!(
            AreaCode::parse("GM0828").unwrap().level,
            AreaLevel::Gemeente
        );
        for bad in [
            "GM828",
            "GM08280",
            "WK0828",
            "BU082801",
            "XX082801",
            "GMAB28",
            "BU0828 101",
            "é",
        ] {
            assert_eq!(AreaCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_with_decimal_comma() {
        assert_eq!(parse_number(&Cell::Text("7,5".into())), Some(7.5));
        assert_eq!(parse_number(&Cell::Text(" 8 ".into())), Some(8.0));
        assert_eq!(parse_number(&Cell::Text("1.234,5".into())), Some(1234.5));
        assert_eq!(parse_number(&Cell::Text("acht".into())), None);
        assert_eq!(parse_number(&Cell::Bool(true)), None);
    }

    #[test]
    fn dates_in_cells() {
        let d = NaiveDate::from_ymd_opt(2023, 5, 17).unwrap();
        assert_eq!(parse_date(&Cell::Date(45063.0)), Some(d));
        assert_eq!(parse_date(&Cell::Number(45063.0)), Some(d));
        assert_eq!(parse_date(&Cell::Text("17-05-2023".into())), Some(d));
        assert_eq!(parse_date(&Cell::Text("2023-05-17".into())), Some(d));
        // A year typed in a date column is not day 2023 of 1905.
        assert_eq!(parse_date(&Cell::Number(2023.0)), None);
        assert_eq!(parse_date(&Cell::Text("31-02-2023".into())), None);
    }

    #[test]
    fn yes_no_and_codes() {
        assert_eq!(parse_yes_no(&Cell::Text("Ja".into())), Some(true));
        assert_eq!(parse_yes_no(&Cell::Bool(false)), Some(false));
        assert_eq!(parse_yes_no(&Cell::Text("misschien".into())), None);
        assert_eq!(
            YesNoUnknown::from_code("ONBEKEND"),
            Some(YesNoUnknown::Unknown)
        );
        assert_eq!(YesNoUnknown::CODES, ["ja", "nee", "onbekend"]);
    }

    #[test]
    fn example_marker() {
        assert!(is_example_marker(&Cell::Text(
            "VOORBEELD wn-ruwaard".into()
        )));
        assert!(is_example_marker(&Cell::Text(" voorbeeld".into())));
        assert!(!is_example_marker(&Cell::Text("wn-voorbeeld".into())));
        assert!(!is_example_marker(&Cell::Text("VOOR".into())));
    }
}
