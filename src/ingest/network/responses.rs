//! Questionnaire responses: one row per respondent per measurement (wave),
//! with the fixed columns `netwerk`, `respondent`, `meting`, `datum`, any
//! number of grouping columns (`rol`, `doelgroep`, …: every column that is
//! neither fixed nor an item id), and one column per item of the instrument.
//!
//! Answers are checked against the instrument: numbers within the response
//! scale (decimal comma allowed), labels in the category list (case-
//! insensitive, aliases accepted). A respondent may have one row per wave.
//!
//! The respondent id must be a pseudonym. It is kept here only to link a
//! respondent's waves; the scoring step replaces it by an opaque index.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::register::Register;
use super::{ColumnKind, ColumnSpec, Loaded, Table, find_sheet, fold, header_key, parse_number};
use crate::ingest::grid::{Cell, read_grid};
use crate::problem::{InputError, Problem};
use crate::spec::instrument::{AnswerScale, Instrument};

/// The name of the responses sheet.
pub const SHEET: &str = "antwoorden";

/// The fixed columns, before the grouping and item columns.
pub const FIXED_COLUMNS: [ColumnSpec; 4] = [
    ColumnSpec {
        name: "netwerk",
        kind: ColumnKind::NetworkId,
        required: true,
        help_nl: "id van het netwerk (uit het netwerkregister).",
        example: "ruwaard",
    },
    ColumnSpec {
        name: "respondent",
        kind: ColumnKind::Text,
        required: true,
        help_nl: "Pseudoniem van de respondent: een code zonder naam (bv. R001). Gebruik bij elke meting dezelfde code voor dezelfde persoon.",
        example: "R001",
    },
    ColumnSpec {
        name: "meting",
        kind: ColumnKind::Text,
        required: true,
        help_nl: "Welke meting: T0, T1, T2 … of voor / na.",
        example: "T0",
    },
    ColumnSpec {
        name: "datum",
        kind: ColumnKind::Date,
        required: false,
        help_nl: "Datum waarop de vragenlijst is ingevuld.",
        example: "2023-05-17",
    },
];

/// One answer as given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// A number on a numeric response scale.
    Number(f64),
    /// The index of a category of the item's response scale.
    Category(usize),
}

/// One respondent's answers at one measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The spreadsheet row it was read from.
    pub row: usize,
    pub network: String,
    /// The pseudonym; never passed on beyond scoring.
    pub respondent: String,
    /// The wave, spelled as declared by the instrument when it declares waves.
    pub wave: String,
    pub date: Option<NaiveDate>,
    /// Values of the grouping columns, parallel to [`Responses::group_columns`].
    pub groups: Vec<Option<String>>,
    /// Answers parallel to [`Instrument::items`]; `None` = not answered (or
    /// not a valid answer, which is reported).
    pub answers: Vec<Option<Answer>>,
}

/// The responses to one instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    /// The id of the instrument they answer.
    pub instrument: String,
    /// The grouping columns, in file order (declared spellings for declared groups).
    pub group_columns: Vec<String>,
    pub records: Vec<Response>,
}

/// Reads a responses workbook (or CSV file) for an instrument. With a
/// register, network ids are checked against it.
pub fn read_responses(
    path: &Path,
    instrument: &Instrument,
    register: Option<&Register>,
) -> Result<Loaded<Responses>, InputError> {
    let grid = read_grid(path)?;
    let mut problems = Vec::new();
    let mut responses = Responses {
        instrument: instrument.id.clone(),
        group_columns: Vec::new(),
        records: Vec::new(),
    };
    let table = find_sheet(&grid, SHEET, &mut problems)
        .and_then(|sheet| Table::open(path, sheet, &mut problems));
    if let Some(table) = table {
        read_table(&table, instrument, register, &mut responses, &mut problems);
    }
    Ok(Loaded {
        data: responses,
        problems,
    })
}

/// A column of answers: the item index and the cell index.
struct ItemColumn {
    item: usize,
    cell: usize,
    name: String,
}

/// A grouping column: its name, cell index and allowed values (empty = any).
struct GroupColumn {
    name: String,
    allowed: Vec<String>,
}

fn read_table(
    table: &Table,
    instrument: &Instrument,
    register: Option<&Register>,
    responses: &mut Responses,
    problems: &mut Vec<Problem>,
) {
    table.check_required(&FIXED_COLUMNS, problems);
    let fixed_ok = table.has_required(&FIXED_COLUMNS);

    // Map the item columns; report the items the file lacks.
    let mut items = Vec::new();
    for (index, item) in instrument.items.iter().enumerate() {
        match table.column(&item.id) {
            Some(cell) => items.push(ItemColumn {
                item: index,
                cell,
                name: item.id.clone(),
            }),
            None => problems.push(Problem {
                expected: Some(format!("a column {:?}", item.id)),
                found: Some("no such column".to_owned()),
                ..Problem::warning(
                    table.header_location(&item.id),
                    format!(
                        "the item column {:?} of instrument {:?} is missing; its answers count as \
                         not answered",
                        item.id, instrument.id
                    ),
                )
            }),
        }
    }
    if items.is_empty() {
        let ids: Vec<&str> = instrument.items.iter().map(|i| i.id.as_str()).collect();
        let headers: Vec<&str> = table.headers.iter().map(|(_, w, _)| w.as_str()).collect();
        problems.push(Problem {
            expected: Some(format!("the item columns {}", ids.join(", "))),
            found: Some(headers.join(", ")),
            ..Problem::error(
                table
                    .sheet_location()
                    .row(table.sheet.row_number(table.header)),
                format!(
                    "none of the item columns of instrument {:?} is in this sheet: is it the \
                     responses file of another instrument?",
                    instrument.id
                ),
            )
        });
        return;
    }
    if !fixed_ok {
        return;
    }

    // Every other column is a grouping column.
    let fixed: Vec<String> = FIXED_COLUMNS.iter().map(|c| header_key(c.name)).collect();
    let item_keys: Vec<String> = instrument.items.iter().map(|i| header_key(&i.id)).collect();
    let mut groups = Vec::new();
    for (_, written, key) in &table.headers {
        if fixed.contains(key) || item_keys.contains(key) {
            continue;
        }
        let declared = instrument.groups.iter().find(|g| header_key(&g.id) == *key);
        groups.push(GroupColumn {
            name: declared.map_or_else(|| written.clone(), |g| g.id.clone()),
            allowed: declared.map(|g| g.values.clone()).unwrap_or_default(),
        });
    }
    for group in &instrument.groups {
        if table.column(&group.id).is_none() {
            problems.push(Problem {
                expected: Some(format!("a column {:?}", group.id)),
                found: Some("no such column".to_owned()),
                ..Problem::warning(
                    table.header_location(&group.id),
                    format!(
                        "the grouping column {:?} that the instrument declares is missing",
                        group.id
                    ),
                )
            });
        }
    }
    responses.group_columns = groups.iter().map(|g| g.name.clone()).collect();

    let known: Option<Vec<&str>> = register.map(Register::network_ids);
    let wave_ids: Vec<&str> = instrument.waves.iter().map(|w| w.id.as_str()).collect();
    let mut first_rows: BTreeMap<(String, String, String), usize> = BTreeMap::new();

    for index in table.data_rows() {
        let mut row = table.row(index, problems);
        let network = row.network("netwerk", known.as_deref());
        let respondent = row.text("respondent", true);
        if let Some(id) = &respondent
            && (id.contains(char::is_whitespace) || id.contains('@'))
        {
            let problem = Problem {
                expected: Some(
                    "a pseudonym: a code without spaces, not a name or e-mail address".to_owned(),
                ),
                found: Some(id.clone()),
                ..Problem::warning(
                    row.location("respondent"),
                    "the respondent id looks like a name or e-mail address; use a pseudonym \
                     (a code such as R001)",
                )
            };
            row.report(problem);
        }
        let wave = wave(&mut row, &wave_ids);
        let date = row.date("datum", false);
        let group_values: Vec<Option<String>> = groups
            .iter()
            .map(|group| {
                let value = row.text(&group.name, false)?;
                if group.allowed.is_empty() {
                    return Some(value);
                }
                let found = group.allowed.iter().find(|a| fold(a) == fold(&value));
                if found.is_none() {
                    let cell = row.cell(&group.name).clone();
                    row.mismatch(
                        &group.name,
                        format!("one of {}", group.allowed.join(", ")),
                        &cell,
                        false,
                    );
                }
                found.cloned()
            })
            .collect();

        let mut answers = vec![None; instrument.items.len()];
        for column in &items {
            let cell = table.sheet.cell(index, column.cell);
            if cell.is_blank() {
                continue;
            }
            let scale = &instrument.items[column.item].answer;
            let answer = match (scale, cell) {
                (AnswerScale::Numeric { .. }, _) => parse_number(cell)
                    .filter(|v| scale.accepts(*v))
                    .map(Answer::Number),
                (AnswerScale::Categories(_), Cell::Text(text)) => {
                    scale.category_index(text).map(Answer::Category)
                }
                (AnswerScale::Categories(_), _) => None,
            };
            if answer.is_none() {
                let cell = cell.clone();
                row.mismatch(&column.name, scale.expected(), &cell, false);
            }
            answers[column.item] = answer;
        }

        let (Some(network), Some(respondent), Some(wave), false) =
            (network, respondent, wave, row.failed)
        else {
            continue;
        };
        let key = (network.clone(), respondent.clone(), fold(&wave));
        if let Some(first) = first_rows.get(&key) {
            let problem = Problem {
                message: format!(
                    "the respondent {respondent:?} of network {network:?} already has a row for \
                     meting {wave:?} (row {first}); this row is left out"
                ),
                expected: Some("one row per respondent and meting".to_owned()),
                found: Some(format!("{respondent} {wave} again (first in row {first})")),
                ..Problem::error(row.location("respondent"), "")
            };
            row.report(problem);
            continue;
        }
        first_rows.insert(key, row.number());
        if answers.iter().all(Option::is_none) {
            let problem = Problem::warning(
                row.location("respondent"),
                "this row has no (valid) answers; it gives no scores",
            );
            row.report(problem);
        }
        responses.records.push(Response {
            row: row.number(),
            network,
            respondent,
            wave,
            date,
            groups: group_values,
            answers,
        });
    }
}

/// The wave of a row: any text, or one of the declared waves (normalised to
/// the declared spelling).
fn wave(row: &mut super::Row, declared: &[&str]) -> Option<String> {
    let text = row.text("meting", true)?;
    if declared.is_empty() {
        return Some(text);
    }
    match declared.iter().find(|w| fold(w) == fold(&text)) {
        Some(w) => Some((*w).to_owned()),
        None => {
            let cell = row.cell("meting").clone();
            row.mismatch(
                "meting",
                format!("one of {}", declared.join(", ")),
                &cell,
                true,
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::instrument::parse_instrument;
    use rust_xlsxwriter::Workbook;

    const INSTRUMENT: &str = r#"
id = "t"
name_nl = "T"
description_nl = "T"
source = "T"
respondents = "network_members"
waves = [{ id = "voor" }, { id = "na" }]
groups = [{ id = "rol", values = ["huisarts", "inwoner"] }]
response_scales = [
  { id = "vijf", min = 1, max = 5 },
  { id = "jn", categories = [{ label = "ja", value = 1 }, { label = "nee", value = 0 }] },
]
items = [
  { id = "q1", text_nl = "Vraag 1", scale = "vijf" },
  { id = "q2", text_nl = "Vraag 2", scale = "jn" },
]
scales = [{ id = "s", label_nl = "S", items = ["q1"], rule = "mean", min_answered = 1, range = [1, 5], polarity = "higher_is_better" }]
"#;

    #[test]
    fn reads_answers_groups_and_reports_bad_values() {
        let instrument = parse_instrument(INSTRUMENT, Path::new("t.toml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("antwoorden.xlsx");
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet().set_name("Antwoorden").unwrap();
        let rows: [[&str; 7]; 6] = [
            ["netwerk", "respondent", "meting", "Rol", "wijk", "Q1", "q2"],
            ["a", "R1", "VOOR", "Huisarts", "Noord", "4,0", "Ja"],
            ["a", "R1", "na", "huisarts", "", "6", "misschien"],
            ["a", "R1", "voor", "", "", "3", ""],
            ["a", "Jan Jansen", "later", "tandarts", "", "", ""],
            ["a", "R2", "na", "inwoner", "", "", ""],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32, c as u16, *value).unwrap();
                }
            }
        }
        workbook.save(&path).unwrap();

        let loaded = read_responses(&path, &instrument, None).unwrap();
        let data = &loaded.data;
        assert_eq!(data.group_columns, ["rol", "wijk"]);
        assert_eq!(data.records.len(), 3);
        let first = &data.records[0];
        assert_eq!((first.wave.as_str(), first.row), ("voor", 2));
        assert_eq!(
            first.groups,
            [Some("huisarts".to_owned()), Some("Noord".to_owned())]
        );
        assert_eq!(
            first.answers,
            [Some(Answer::Number(4.0)), Some(Answer::Category(0))]
        );
        assert_eq!(data.records[1].answers, [None, None]);

        let got: Vec<(usize, &str, &str)> = loaded
            .problems
            .iter()
            .map(|p| {
                (
                    p.location.row.unwrap_or(0),
                    p.location.column.as_deref().unwrap_or(""),
                    p.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, "q1", "expected a whole number from 1 to 5, found \"6\""),
                (3, "q2", "expected one of ja, nee, found \"misschien\""),
                (
                    3,
                    "respondent",
                    "this row has no (valid) answers; it gives no scores"
                ),
                (
                    4,
                    "respondent",
                    "the respondent \"R1\" of network \"a\" already has a row for meting \"voor\" (row 2); this row is left out"
                ),
                (
                    5,
                    "respondent",
                    "the respondent id looks like a name or e-mail address; use a pseudonym (a code such as R001)"
                ),
                (5, "meting", "expected one of voor, na, found \"later\""),
                (
                    5,
                    "rol",
                    "expected one of huisarts, inwoner, found \"tandarts\""
                ),
                (
                    6,
                    "respondent",
                    "this row has no (valid) answers; it gives no scores"
                ),
            ]
        );
    }
}
