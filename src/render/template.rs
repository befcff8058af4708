//! Blank input workbooks for networks: the network register, the responses
//! to an instrument, the match log and the question log.
//!
//! Each workbook opens with a Dutch explanation sheet (`Toelichting`: what
//! every column means and which values it takes), followed by the data
//! sheets: a bold, frozen header with a note on every header cell, an
//! autofilter, column widths, a dropdown on every coded column, range
//! validation on numeric columns, date validation on date columns, and a
//! grey, italic example row whose first cell starts with `VOORBEELD` (the
//! readers skip it).
//!
//! The columns come from the same declarations the readers use
//! (`ingest::network`), so a template always reads back. The file is
//! written to a temporary file in the target directory and renamed into
//! place: it appears whole or not at all. The document's creation date is
//! fixed, so the same template is byte for byte the same file.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::ingest::network::{
    ColumnKind, ColumnSpec, EXAMPLE_MARKER, SheetSpec, logs, register, responses,
};
use crate::spec::instrument::{AnswerScale, Instrument, fmt_num};

/// The kinds of blank workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    /// The network register (sheets `netwerken`, `gebieden`, `partners`, `fasen`).
    Register,
    /// The responses to one instrument (sheet `antwoorden`).
    Responses,
    /// The match log (sheet `matches`).
    Matches,
    /// The question log (sheet `vragen`).
    Questions,
}

impl TemplateKind {
    /// Every kind.
    pub const ALL: [TemplateKind; 4] = [
        TemplateKind::Register,
        TemplateKind::Responses,
        TemplateKind::Matches,
        TemplateKind::Questions,
    ];

    /// The name used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            TemplateKind::Register => "register",
            TemplateKind::Responses => "responses",
            TemplateKind::Matches => "matches",
            TemplateKind::Questions => "questions",
        }
    }

    /// The kind for a command-line name.
    pub fn from_code(code: &str) -> Option<TemplateKind> {
        TemplateKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

/// Why a template could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A responses template was asked for without an instrument.
    #[error("a responses template needs an instrument: its items are the columns")]
    MissingInstrument,
    /// Building or writing the file failed.
    #[error("{}: cannot write the template: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

/// The name of the explanation sheet.
pub const EXPLANATION_SHEET: &str = "Toelichting";
/// The hidden sheet holding dropdown lists too long for Excel's inline lists.
const LISTS_SHEET: &str = "keuzelijsten";
/// The last row (0-based) that gets data validation.
const LAST_VALIDATED_ROW: u32 = 4_999;
/// Excel's limit on an inline list (the joined values, with separators).
const MAX_INLINE_LIST: usize = 255;

/// Writes a blank workbook of a kind. `instrument` is required for
/// [`TemplateKind::Responses`] and ignored otherwise.
pub fn write_template(
    kind: TemplateKind,
    instrument: Option<&Instrument>,
    path: &Path,
) -> Result<(), TemplateError> {
    let plan = plan(kind, instrument)?;
    let bytes = build(&plan).map_err(|e| TemplateError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_whole(path, &bytes).map_err(|e| TemplateError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes bytes to a temporary file beside `path` and renames it into place.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    // A temporary file is private (0600); the workbook is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// The plan: what goes in the workbook, independent of rust_xlsxwriter.

struct WorkbookPlan {
    title: String,
    /// Paragraphs of the explanation, before the column table.
    intro: Vec<String>,
    sheets: Vec<SheetPlan>,
}

struct SheetPlan {
    name: String,
    help_nl: String,
    columns: Vec<ColumnPlan>,
}

struct ColumnPlan {
    name: String,
    required: bool,
    /// What the column means (for items: the question).
    meaning: String,
    allowed: String,
    validation: Validation,
    example: Example,
}

enum Validation {
    None,
    List(Vec<String>),
    Whole(i32, i32),
    Decimal(f64, f64),
    Date,
    TextLength(u32, u32),
}

enum Example {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Example {
    fn as_text(&self) -> String {
        match self {
            Example::Text(text) => text.clone(),
            Example::Number(v) => fmt_num(*v),
            Example::Date(d) => d.format("%d-%m-%Y").to_string(),
        }
    }
}

const GENERAL_NL: [&str; 5] = [
    "De grijze regel onder de kolomkoppen is een voorbeeld: de eerste cel begint met VOORBEELD en \
     de regel wordt bij het inlezen overgeslagen. U mag hem laten staan of verwijderen.",
    "Verander de namen van de bladen en de kolomkoppen niet; de volgorde van de kolommen mag wel \
     anders. Hoofdletters en spaties rond de koppen maken niet uit.",
    "Datums: typ ze als datum (dd-mm-jjjj); ook tekst als 17-05-2023 of 2023-05-17 wordt gelezen. \
     Getallen mogen een decimale komma hebben.",
    "Kolommen met een keuzelijst: kies een waarde uit de lijst (hoofdletters maken niet uit). \
     Bij het inlezen meldt het programma elke cel die niet klopt, met blad, regel en kolom.",
    "Zet nooit namen, adressen of andere herleidbare gegevens van inwoners of vrijwilligers in \
     dit bestand: gebruik codes (pseudoniemen).",
];

fn plan(
    kind: TemplateKind,
    instrument: Option<&Instrument>,
) -> Result<WorkbookPlan, TemplateError> {
    let general = GENERAL_NL.iter().map(|s| (*s).to_owned());
    Ok(match kind {
        TemplateKind::Register => WorkbookPlan {
            title: "Netwerkregister".to_owned(),
            intro: std::iter::once(
                "Dit werkboek beschrijft de netwerken: blad netwerken (één regel per netwerk), \
                 gebieden (de CBS-gebieden waarin een netwerk werkt), partners (met hun domein) en \
                 fasen (de fasen van netwerkvorming met de datum waarop ze bereikt zijn). De andere \
                 bestanden verwijzen naar een netwerk met de id uit het blad netwerken."
                    .to_owned(),
            )
            .chain(general)
            .collect(),
            sheets: register::SHEETS.iter().map(sheet_from_spec).collect(),
        },
        TemplateKind::Matches => WorkbookPlan {
            title: "Matchlog".to_owned(),
            intro: std::iter::once(
                "Houd hier de hulpvragen bij die aan vrijwilligers gekoppeld worden, met de navraag \
                 na 6–8 weken bij de vrijwilliger en de hulpvrager. Eén bestand mag meerdere \
                 netwerken bevatten (kolom netwerk)."
                    .to_owned(),
            )
            .chain(general)
            .collect(),
            sheets: vec![sheet_from_spec(&logs::MATCHES)],
        },
        TemplateKind::Questions => WorkbookPlan {
            title: "Vragenlog".to_owned(),
            intro: std::iter::once(
                "Houd hier de binnengekomen vragen bij en wie ze afhandelde. Zo wordt zichtbaar of \
                 niet-medische vragen verschuiven van de huisarts naar de gemeenschap. Eén bestand \
                 mag meerdere netwerken bevatten (kolom netwerk)."
                    .to_owned(),
            )
            .chain(general)
            .collect(),
            sheets: vec![sheet_from_spec(&logs::QUESTIONS)],
        },
        TemplateKind::Responses => {
            let instrument = instrument.ok_or(TemplateError::MissingInstrument)?;
            let mut intro = vec![
                format!("Vragenlijst: {} (instrument {}).", instrument.name_nl, instrument.id),
                instrument.description_nl.trim().to_owned(),
                format!("Bron: {}", instrument.source.trim()),
            ];
            if let Some(note) = &instrument.note_nl {
                intro.push(format!("Let op: {}", note.trim()));
            }
            intro.push(
                "Eén regel per respondent per meting. Gebruik voor dezelfde persoon bij elke meting \
                 hetzelfde pseudoniem, zodat metingen aan elkaar gekoppeld kunnen worden. Een lege \
                 cel betekent: niet beantwoord. Extra kolommen (bijvoorbeeld rol of doelgroep) \
                 worden gelezen als groepering."
                    .to_owned(),
            );
            intro.extend(general);
            WorkbookPlan {
                title: format!("Antwoorden: {}", instrument.name_nl),
                intro,
                sheets: vec![responses_sheet(instrument)],
            }
        }
    })
}

fn sheet_from_spec(spec: &SheetSpec) -> SheetPlan {
    SheetPlan {
        name: spec.name.to_owned(),
        help_nl: spec.help_nl.to_owned(),
        columns: spec.columns.iter().map(column_from_spec).collect(),
    }
}

fn column_from_spec(spec: &ColumnSpec) -> ColumnPlan {
    let validation = match spec.kind {
        ColumnKind::Text | ColumnKind::NetworkId => Validation::None,
        ColumnKind::Date => Validation::Date,
        ColumnKind::YesNo => Validation::List(vec!["ja".into(), "nee".into()]),
        ColumnKind::YesNoUnknown => {
            Validation::List(vec!["ja".into(), "nee".into(), "onbekend".into()])
        }
        ColumnKind::Choice(codes) => {
            Validation::List(codes.iter().map(|c| (*c).to_owned()).collect())
        }
        ColumnKind::Whole { min, max } => Validation::Whole(min, max),
        ColumnKind::MunicipalityCode => Validation::TextLength(6, 6),
        ColumnKind::AreaCode => Validation::TextLength(6, 10),
    };
    let example = match spec.kind {
        ColumnKind::Date => NaiveDate::parse_from_str(spec.example, "%Y-%m-%d")
            .map_or_else(|_| Example::Text(spec.example.to_owned()), Example::Date),
        ColumnKind::Whole { .. } => spec
            .example
            .parse::<f64>()
            .map_or_else(|_| Example::Text(spec.example.to_owned()), Example::Number),
        _ => Example::Text(spec.example.to_owned()),
    };
    ColumnPlan {
        name: spec.name.to_owned(),
        required: spec.required,
        meaning: spec.help_nl.to_owned(),
        allowed: spec.kind.allowed_nl(),
        validation,
        example,
    }
}

fn responses_sheet(instrument: &Instrument) -> SheetPlan {
    let mut columns: Vec<ColumnPlan> = responses::FIXED_COLUMNS
        .iter()
        .map(column_from_spec)
        .collect();
    // `meting` is the third fixed column.
    if let (Some(first), Some(meting)) = (instrument.waves.first(), columns.get_mut(2)) {
        meting.validation =
            Validation::List(instrument.waves.iter().map(|w| w.id.clone()).collect());
        meting.allowed = instrument
            .waves
            .iter()
            .map(|w| match &w.label_nl {
                Some(label) => format!("{} ({label})", w.id),
                None => w.id.clone(),
            })
            .collect::<Vec<_>>()
            .join(" / ");
        meting.example = Example::Text(first.id.clone());
    }
    for group in &instrument.groups {
        let (validation, allowed, example) = if group.values.is_empty() {
            (
                Validation::None,
                "tekst".to_owned(),
                Example::Text(String::new()),
            )
        } else {
            (
                Validation::List(group.values.clone()),
                group.values.join(" / "),
                Example::Text(group.values.first().cloned().unwrap_or_default()),
            )
        };
        columns.push(ColumnPlan {
            name: group.id.clone(),
            required: false,
            meaning: format!("{} (groepering).", group.label_nl),
            allowed,
            validation,
            example,
        });
    }
    for item in &instrument.items {
        let (validation, allowed, example) = match &item.answer {
            AnswerScale::Numeric {
                min,
                max,
                step,
                anchors,
            } => {
                let whole = *step == 1.0 && min.fract() == 0.0 && max.fract() == 0.0;
                let validation = if whole {
                    Validation::Whole(*min as i32, *max as i32)
                } else {
                    Validation::Decimal(*min, *max)
                };
                let mut allowed = if whole {
                    format!(
                        "een geheel getal van {} tot en met {}",
                        fmt_num(*min),
                        fmt_num(*max)
                    )
                } else {
                    format!(
                        "een getal van {} tot en met {} in stappen van {}",
                        fmt_num(*min),
                        fmt_num(*max),
                        fmt_num(*step)
                    )
                };
                if !anchors.is_empty() {
                    let labels: Vec<String> = anchors
                        .iter()
                        .map(|a| format!("{} = {}", fmt_num(a.value), a.label_nl))
                        .collect();
                    allowed.push_str(&format!(" ({})", labels.join(", ")));
                }
                (validation, allowed, Example::Number(max - step))
            }
            AnswerScale::Categories(categories) => {
                let labels: Vec<String> = categories.iter().map(|c| c.label.clone()).collect();
                let allowed = labels.join(" / ");
                let example = Example::Text(labels.first().cloned().unwrap_or_default());
                (Validation::List(labels), allowed, example)
            }
        };
        columns.push(ColumnPlan {
            name: item.id.clone(),
            required: false,
            meaning: item.text_nl.clone(),
            allowed,
            validation,
            example,
        });
    }
    SheetPlan {
        name: responses::SHEET.to_owned(),
        help_nl: "Eén regel per respondent per meting; één kolom per vraag.".to_owned(),
        columns,
    }
}

// ---------------------------------------------------------------------------
// Building the workbook.

struct Formats {
    title: Format,
    bold: Format,
    wrap: Format,
    header: Format,
    example: Format,
    example_date: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let grey = Color::RGB(0xEDEDED);
        let example = Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x595959))
            .set_background_color(grey);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            example_date: example.clone().set_num_format("dd-mm-yyyy"),
            example,
            date: Format::new().set_num_format("dd-mm-yyyy"),
        }
    }
}

fn build(plan: &WorkbookPlan) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title(&plan.title),
    );
    let formats = Formats::new();

    write_explanation(workbook.add_worksheet(), plan, &formats)?;

    // Lists too long for an inline dropdown go to a hidden sheet.
    let mut long_lists: Vec<Vec<String>> = Vec::new();
    for sheet_plan in &plan.sheets {
        let sheet = workbook.add_worksheet();
        write_data_sheet(sheet, sheet_plan, &formats, &mut long_lists)?;
    }
    if !long_lists.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(LISTS_SHEET)?;
        for (col, list) in long_lists.iter().enumerate() {
            for (row, value) in list.iter().enumerate() {
                sheet.write_string(row as u32, col as u16, value)?;
            }
        }
        sheet.set_hidden(true);
    }
    if let Some(first) = workbook.worksheets_mut().first_mut() {
        first.set_active(true);
    }
    workbook.save_to_buffer()
}

fn write_explanation(
    sheet: &mut Worksheet,
    plan: &WorkbookPlan,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(EXPLANATION_SHEET)?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(2, 10)?;
    sheet.set_column_width(3, 60)?;
    sheet.set_column_width(4, 45)?;
    sheet.write_string_with_format(0, 0, &plan.title, &formats.title)?;
    let mut row = 2;
    for paragraph in &plan.intro {
        sheet.merge_range(row, 0, row, 4, paragraph, &formats.wrap)?;
        let lines = (paragraph.chars().count() / 120 + 1) as f64;
        sheet.set_row_height(row, 15.0 * lines.max(1.0))?;
        row += 1;
    }
    row += 1;
    for sheet_plan in &plan.sheets {
        sheet.write_string_with_format(
            row,
            0,
            format!("Blad {}", sheet_plan.name),
            &formats.bold,
        )?;
        sheet.write_string(row, 1, &sheet_plan.help_nl)?;
        row += 1;
    }
    row += 1;
    for (col, header) in [
        "Blad",
        "Kolom",
        "Verplicht",
        "Betekenis",
        "Toegestane waarden",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row, col as u16, *header, &formats.header)?;
    }
    row += 1;
    for sheet_plan in &plan.sheets {
        for column in &sheet_plan.columns {
            sheet.write_string(row, 0, &sheet_plan.name)?;
            sheet.write_string(row, 1, &column.name)?;
            sheet.write_string(row, 2, if column.required { "ja" } else { "nee" })?;
            sheet.write_string_with_format(row, 3, &column.meaning, &formats.wrap)?;
            sheet.write_string_with_format(row, 4, &column.allowed, &formats.wrap)?;
            row += 1;
        }
    }
    Ok(())
}

fn write_data_sheet(
    sheet: &mut Worksheet,
    plan: &SheetPlan,
    formats: &Formats,
    long_lists: &mut Vec<Vec<String>>,
) -> Result<(), XlsxError> {
    sheet.set_name(&plan.name)?;
    let last_col = plan.columns.len().saturating_sub(1) as u16;
    for (index, column) in plan.columns.iter().enumerate() {
        let col = index as u16;
        if matches!(column.validation, Validation::Date) {
            sheet.set_column_format(col, &formats.date)?;
        }
        sheet.write_string_with_format(0, col, &column.name, &formats.header)?;
        let mut note_text = column.meaning.clone();
        note_text.push_str(&format!("\nToegestaan: {}", column.allowed));
        if column.required {
            note_text.push_str("\nVerplicht.");
        }
        sheet.insert_note(
            0,
            col,
            &Note::new(note_text)
                .add_author_prefix(false)
                .set_width(320)
                .set_height(140),
        )?;

        // The example row; its first cell carries the marker.
        if index == 0 {
            let text = format!("{EXAMPLE_MARKER} {}", column.example.as_text())
                .trim()
                .to_owned();
            sheet.write_string_with_format(1, col, text, &formats.example)?;
        } else {
            match &column.example {
                Example::Text(text) => {
                    sheet.write_string_with_format(1, col, text, &formats.example)?
                }
                Example::Number(v) => {
                    sheet.write_number_with_format(1, col, *v, &formats.example)?
                }
                Example::Date(d) => {
                    let date =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(1, col, &date, &formats.example_date)?
                }
            };
        }

        if let Some(validation) = data_validation(&column.validation, &column.name, long_lists)? {
            sheet.add_data_validation(1, col, LAST_VALIDATED_ROW, col, &validation)?;
        }

        let widest = std::iter::once(column.name.chars().count())
            .chain(std::iter::once(
                column.example.as_text().chars().count() + if index == 0 { 10 } else { 0 },
            ))
            .max()
            .unwrap_or(10);
        sheet.set_column_width(col, (widest.clamp(10, 48) + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, 1, last_col)?;
    Ok(())
}

fn data_validation(
    validation: &Validation,
    column: &str,
    long_lists: &mut Vec<Vec<String>>,
) -> Result<Option<DataValidation>, XlsxError> {
    let mut dv = match validation {
        Validation::None => return Ok(None),
        Validation::List(values) => {
            let joined: usize = values.iter().map(|v| v.chars().count() + 1).sum();
            if joined <= MAX_INLINE_LIST {
                DataValidation::new().allow_list_strings(values)?
            } else {
                let col = rust_xlsxwriter::utility::column_number_to_name(long_lists.len() as u16);
                let formula = format!("={LISTS_SHEET}!${col}$1:${col}${}", values.len());
                long_lists.push(values.clone());
                DataValidation::new().allow_list_formula(Formula::new(formula))
            }
        }
        Validation::Whole(min, max) => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(*min, *max))
        }
        Validation::Decimal(min, max) => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(*min, *max))
        }
        Validation::Date => DataValidation::new().allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1990, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        )),
        Validation::TextLength(min, max) => {
            DataValidation::new().allow_text_length(DataValidationRule::Between(*min, *max))
        }
    };
    let message = match validation {
        Validation::List(_) => "Kies een waarde uit de lijst.".to_owned(),
        Validation::Whole(min, max) => format!("Een geheel getal van {min} tot en met {max}."),
        Validation::Decimal(min, max) => format!(
            "Een getal van {} tot en met {}.",
            fmt_num(*min),
            fmt_num(*max)
        ),
        Validation::Date => "Een datum (dd-mm-jjjj).".to_owned(),
        Validation::TextLength(6, 6) => "Een gemeentecode: GM en 4 cijfers, bv. GM0828.".to_owned(),
        Validation::TextLength(..) => "Een CBS-code: GM0828, WK082801 of BU08280101.".to_owned(),
        Validation::None => String::new(),
    };
    // Excel limits the title to 32 characters, so the column is named in the message.
    let mut text = format!("Kolom {column}: {message}");
    if text.chars().count() > 255 {
        text = message;
    }
    dv = dv
        .set_error_title("Ongeldige waarde")?
        .set_error_message(text)?;
    Ok(Some(dv))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::{Cell, read_grid};
    use crate::spec::instrument::load_instrument;

    fn manifest() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn register_template_has_all_sheets_and_headers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xlsx");
        write_template(TemplateKind::Register, None, &path).unwrap();
        let grid = read_grid(&path).unwrap();
        assert_eq!(
            grid.sheet_names(),
            ["Toelichting", "netwerken", "gebieden", "partners", "fasen"]
        );
        let netwerken = grid.sheet("netwerken").unwrap();
        let headers: Vec<String> = netwerken.rows[0].iter().map(Cell::to_text).collect();
        let expected: Vec<&str> = register::NETWORKS.columns.iter().map(|c| c.name).collect();
        assert_eq!(headers, expected);
        assert_eq!(netwerken.rows[1][0], Cell::Text("VOORBEELD ruwaard".into()));
        assert!(matches!(netwerken.rows[1][3], Cell::Date(_)));
        // Nothing is left behind in the directory but the workbook.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_same_template_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
        let djg = load_instrument("eenzaamheid-djg6", manifest()).unwrap();
        write_template(TemplateKind::Responses, Some(&djg), &a).unwrap();
        write_template(TemplateKind::Responses, Some(&djg), &b).unwrap();
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    }

    #[test]
    fn responses_need_an_instrument() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        assert!(matches!(
            write_template(TemplateKind::Responses, None, &path),
            Err(TemplateError::MissingInstrument)
        ));
        assert!(!path.exists());
    }

    #[test]
    fn long_lists_go_to_a_hidden_sheet() {
        let mut lists = Vec::new();
        let values: Vec<String> = (0..40).map(|i| format!("categorie nummer {i}")).collect();
        let dv = data_validation(&Validation::List(values), "x", &mut lists).unwrap();
        assert!(dv.is_some());
        assert_eq!(lists.len(), 1);
    }

    #[test]
    fn kinds_by_code() {
        for kind in TemplateKind::ALL {
            assert_eq!(TemplateKind::from_code(kind.code()), Some(kind));
        }
    }
}
