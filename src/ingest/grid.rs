//! Reading any tabular input file — xlsx, xls, ods or CSV — into a grid of
//! cells with the positions a spreadsheet user sees.
//!
//! Everything downstream (open data and network workbooks) reads a [`Grid`],
//! so decoding (BOM, Windows-1252, delimiters) and the mapping of calamine's
//! range offsets to spreadsheet rows live in one place.

use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook_auto_from_rs};

use crate::ingest::fast_xlsx::{FastXlsxError, MAX_COLS, MAX_ROWS, SheetCells};
use crate::problem::{InputError, Location};

mod limits;

use limits::{TEXT_FLOOR, TextBudget, slot_limit, too_sparse};

/// One cell as read, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or date-time, as an Excel serial day number (1900 system).
    Date(f64),
    /// An Excel error value such as `#N/A`.
    Error(String),
}

impl Cell {
    /// The cell as text for messages and for text columns (numbers printed
    /// without a trailing `.0`).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => format_number(*v),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => {
                crate::ingest::dates::serial_to_iso(*d).unwrap_or_else(|| format_number(*d))
            }
            Cell::Error(e) => e.clone(),
        }
    }

    /// True for an empty cell or a cell holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Formats a number the way a spreadsheet shows it: integers without `.0`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// One sheet (a CSV file is a single sheet named after the file).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// Rows as in the file; `rows[0]` is spreadsheet row `first_row`.
    pub rows: Vec<Vec<Cell>>,
    /// The spreadsheet row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// The 0-based spreadsheet column of `rows[i][0]`.
    pub first_col: usize,
}

impl Sheet {
    /// The spreadsheet row number of `rows[index]`.
    pub fn row_number(&self, index: usize) -> usize {
        self.first_row + index
    }

    /// The spreadsheet column letter of cell `index` in a row (`A`, `B`, … `AA`).
    pub fn column_letter(&self, index: usize) -> String {
        column_letter(self.first_col + index)
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// Spreadsheet column name of a 0-based column index.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// The file kinds we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl FileFormat {
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Xlsx => "xlsx",
            FileFormat::Xls => "xls",
            FileFormat::Ods => "ods",
            FileFormat::Csv => "csv",
        }
    }
}

/// A whole input file read into sheets.
#[derive(Debug, Clone)]
pub struct Grid {
    pub path: PathBuf,
    pub format: FileFormat,
    pub sheets: Vec<Sheet>,
    /// How a CSV file was decoded (`UTF-8`, `UTF-8 with BOM`, `UTF-16LE with
    /// BOM`, `Windows-1252`, ...).
    pub encoding: Option<&'static str>,
}

impl Grid {
    pub fn sheet_names(&self) -> Vec<&str> {
        self.sheets.iter().map(|s| s.name.as_str()).collect()
    }

    /// The sheet with this name, or an error listing the sheets there are.
    pub fn sheet(&self, name: &str) -> Result<&Sheet, InputError> {
        self.sheets.iter().find(|s| s.name == name).ok_or_else(|| {
            InputError::new(
                Location::file(&self.path),
                format!(
                    "sheet {name:?} not found; the sheets in this file are: {}",
                    quoted_list(&self.sheet_names())
                ),
            )
        })
    }
}

pub fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a file by its content type (xlsx/xls/ods by extension and magic
/// bytes, anything else as delimited text).
pub fn read_grid(path: &Path) -> Result<Grid, InputError> {
    let bytes = fs::read(path)
        .map_err(|e| InputError::new(Location::file(path), format!("cannot read the file: {e}")))?;
    read_grid_bytes(path, &bytes)
}

/// Like [`read_grid`], for bytes already read from `path` (which names the
/// file in messages and decides the format by its extension).
pub fn read_grid_bytes(path: &Path, bytes: &[u8]) -> Result<Grid, InputError> {
    let location = Location::file(path);
    if bytes.is_empty() {
        return Err(InputError::new(location, "the file is empty"));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            if ext == "xls" && !is_ole && !is_zip {
                return Err(InputError::new(
                    location,
                    "expected an Excel workbook (.xls), found a file that is not one",
                ));
            }
            if ext != "xls" && !is_zip {
                return Err(InputError::new(
                    location,
                    format!(
                        "expected a .{ext} workbook (a zip archive), found a file that is not one{}",
                        if looks_like_text(bytes) || utf16(bytes).is_some() {
                            " (it looks like text: is it a CSV file with the wrong extension?)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            read_workbook(path, bytes, &ext)
        }
        _ if is_zip || is_ole => {
            // A workbook with an unusual extension: let calamine sniff it.
            read_workbook(path, bytes, "xlsx")
        }
        _ => {
            if !looks_like_text(bytes) && utf16(bytes).is_none() {
                return Err(InputError::new(
                    location,
                    "expected a spreadsheet (xlsx, xls, ods) or a CSV text file, found binary data",
                ));
            }
            read_csv_bytes(path, bytes)
        }
    }
}

/// Like [`read_grid_bytes`], for published open data: an xlsx workbook is
/// read with the parallel reader of [`crate::ingest::fast_xlsx`] (5× faster
/// than calamine on a national RIVM file), which gives dates as their serial
/// numbers — open data hold none. What it cannot read is an error naming
/// the file, sheet, part and byte offset: calamine, which reads on through
/// misspelt end tags and damaged parts, is not asked again.
pub fn read_open_data_grid(path: &Path, bytes: &[u8]) -> Result<Grid, InputError> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if is_xlsx && bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx_fast(path, bytes);
    }
    read_grid_bytes(path, bytes)
}

/// An error of the fast xlsx reader, placed in the file (and sheet).
fn xlsx_error(path: &Path, sheet: Option<&str>, e: FastXlsxError) -> InputError {
    let location = match sheet {
        Some(name) => Location::file(path).sheet(name),
        None => Location::file(path),
    };
    let message = match e {
        FastXlsxError::DamagedPart { .. } | FastXlsxError::Zip(_) => {
            format!("cannot read the workbook (is it truncated or damaged?): {e}")
        }
        _ => format!("cannot read the workbook: {e}"),
    };
    InputError::new(location, message)
}

/// Every worksheet of an xlsx workbook with the fast reader.
fn read_xlsx_fast(path: &Path, bytes: &[u8]) -> Result<Grid, InputError> {
    use crate::ingest::fast_xlsx::{Value, Workbook};
    let workbook = Workbook::open(bytes).map_err(|e| xlsx_error(path, None, e))?;
    let mut sheets = Vec::new();
    for name in workbook.worksheet_names() {
        let error = |e| xlsx_error(path, Some(&name), e);
        let cells = workbook.read_sheet(&name).map_err(error)?;
        let text = TextBudget::new(cells.content_bytes());
        let rows = cells
            .rows(|cell| match cell.value {
                Value::Number(v) => Cell::Number(v),
                Value::Text(t) => text.take(t),
                Value::Bool(b) => Cell::Bool(b),
                Value::Error(e) => Cell::Error(e.into_owned()),
            })
            .map_err(error)?;
        text.check(path, &name)?;
        sheets.push(place_rows(path, name, rows)?);
    }
    Ok(Grid {
        path: path.to_path_buf(),
        format: FileFormat::Xlsx,
        sheets,
        encoding: None,
    })
}

/// The rows of the fast reader placed in a [`Sheet`], after checking that
/// the dense rows stay within [`slot_limit`].
fn place_rows(
    path: &Path,
    name: String,
    rows: Vec<crate::ingest::fast_xlsx::RowCells<Cell>>,
) -> Result<Sheet, InputError> {
    let first_row = rows.iter().map(|(r, _)| *r as usize).min().unwrap_or(0);
    let first_col = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|(c, _)| *c as usize))
        .min()
        .unwrap_or(0);
    let filled: usize = rows.iter().map(|(_, cells)| cells.len()).sum();
    let limit = slot_limit(filled);
    let mut slots = 0usize;
    for (row, cells) in &rows {
        let width = cells.iter().map(|(c, _)| *c as usize + 1 - first_col).max();
        slots = slots.saturating_add(width.unwrap_or(0));
        if slots > limit {
            let col = cells.iter().map(|(c, _)| *c as usize).max().unwrap_or(0);
            return Err(too_sparse(path, &name, filled, limit, *row as usize, col));
        }
    }
    let mut grid_rows: Vec<Vec<Cell>> = Vec::new();
    for (row, cells) in rows {
        let index = row as usize - first_row;
        if grid_rows.len() <= index {
            grid_rows.resize_with(index + 1, Vec::new);
        }
        let target = &mut grid_rows[index];
        for (col, value) in cells {
            if value == Cell::Empty {
                continue;
            }
            let col = col as usize - first_col;
            if target.len() <= col {
                target.resize(col + 1, Cell::Empty);
            }
            target[col] = value;
        }
    }
    Ok(Sheet {
        name,
        rows: grid_rows,
        first_row: first_row + 1,
        first_col,
    })
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !head.contains(&0)
}

/// Reads an xlsx workbook cell by cell with calamine's streaming reader,
/// which skips the intermediate `Range` (and a copy of every string) that
/// `worksheet_range` builds: the national RIVM file has 750 000 cells.
///
/// calamine reads on through misspelt end tags and does not check the
/// CRC-32 of what it does not read to the end, so the workbook is first
/// checked with [`crate::ingest::fast_xlsx`]: every part inflated to its
/// end, every worksheet parsed. The grid then stays within the same limits
/// as the fast reader's (Excel's last row and column, [`slot_limit`], the
/// text budget).
fn read_xlsx_streaming(path: &Path, bytes: &[u8]) -> Result<Grid, InputError> {
    let location = Location::file(path);
    let inflated = check_xlsx(path, bytes)?;
    let damaged = |sheet: Option<&str>, e: &dyn std::fmt::Display| {
        let location = match sheet {
            Some(name) => location.clone().sheet(name),
            None => location.clone(),
        };
        InputError::new(
            location,
            format!("cannot read the workbook (is it truncated or damaged?): {e}"),
        )
    };
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(None, &e))?;
    let text_limit = TEXT_FLOOR.saturating_add((inflated as usize).saturating_mul(2));
    let mut text = 0usize;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|e| damaged(Some(&name), &e))?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let (mut first_row, mut first_col) = (usize::MAX, usize::MAX);
        let (mut filled, mut slots) = (0usize, 0usize);
        // The cell furthest to the right, for the message of a sparse sheet.
        let mut widest = (0usize, 0usize);
        while let Some(cell) = reader.next_cell().map_err(|e| damaged(Some(&name), &e))? {
            let value = convert_ref(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            if row >= MAX_ROWS as usize || col >= MAX_COLS as usize {
                return Err(InputError::new(
                    location.clone().sheet(&name),
                    format!(
                        "cell {}{} lies beyond Excel's last row {MAX_ROWS} or column XFD",
                        column_letter(col),
                        row + 1
                    ),
                ));
            }
            if let Cell::Text(t) = &value {
                text += t.len();
                if text > text_limit {
                    return Err(InputError::new(
                        location.clone().sheet(&name).row(row + 1),
                        format!(
                            "the text of the workbook's cells adds up to more than {} MiB, far \
                             more than the file holds (long texts repeated in many cells); \
                             refusing to read it",
                            text_limit >> 20
                        ),
                    ));
                }
            }
            filled += 1;
            first_row = first_row.min(row);
            first_col = first_col.min(col);
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            if cells.len() <= col {
                slots += col + 1 - cells.len();
                if col >= widest.1 {
                    widest = (row, col);
                }
                if slots > slot_limit(filled) {
                    let (row, col) = widest;
                    return Err(too_sparse(
                        path,
                        &name,
                        filled,
                        slot_limit(filled),
                        row,
                        col,
                    ));
                }
                cells.resize(col + 1, Cell::Empty);
            }
            cells[col] = value;
        }
        drop(reader);
        if first_row == usize::MAX {
            (first_row, first_col) = (0, 0);
        }
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .skip(first_row)
            .map(|mut r| {
                r.drain(..first_col.min(r.len()));
                r
            })
            .collect();
        sheets.push(Sheet {
            name,
            rows,
            first_row: first_row + 1,
            first_col,
        });
    }
    Ok(Grid {
        path: path.to_path_buf(),
        format: FileFormat::Xlsx,
        sheets,
        encoding: None,
    })
}

/// Checks an xlsx workbook before calamine reads it: every part's CRC-32
/// (and size), and every worksheet's XML, with the fast reader's errors
/// (part and byte offset). Returns the bytes the parts inflate to.
fn check_xlsx(path: &Path, bytes: &[u8]) -> Result<u64, InputError> {
    use crate::ingest::fast_xlsx::{Workbook, check_all_parts};
    let inflated = check_all_parts(bytes).map_err(|e| xlsx_error(path, None, e))?;
    let workbook = Workbook::open(bytes).map_err(|e| xlsx_error(path, None, e))?;
    for name in workbook.worksheet_names() {
        let error = |e| xlsx_error(path, Some(&name), e);
        let cells = workbook.read_sheet(&name).map_err(error)?;
        cells
            .fold_chunks(SheetCells::default_parts(), || (), |_, _| {})
            .map_err(error)?;
    }
    Ok(inflated)
}

fn convert_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => Cell::Date(dt.as_f64()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn read_workbook(path: &Path, bytes: &[u8], ext: &str) -> Result<Grid, InputError> {
    if matches!(ext, "xlsx" | "xlsm") && bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx_streaming(path, bytes);
    }
    let location = Location::file(path);
    if bytes.starts_with(b"PK\x03\x04") {
        // An ods (or an xlsx under another name): calamine does not check
        // the CRC-32 of what it does not read to the end.
        crate::ingest::fast_xlsx::check_all_parts(bytes).map_err(|e| xlsx_error(path, None, e))?;
        limits::check_ods(path, bytes)?;
    }
    let mut workbook = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        InputError::new(
            location.clone(),
            format!("cannot open the workbook (is it truncated or damaged?): {e}"),
        )
    })?;
    let format = match ext {
        "xls" => FileFormat::Xls,
        "ods" => FileFormat::Ods,
        _ => FileFormat::Xlsx,
    };
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|e| {
            InputError::new(
                location.clone().sheet(&name),
                format!("cannot read the sheet (is the file truncated or damaged?): {e}"),
            )
        })?;
        let (first_row, first_col) = range
            .start()
            .map(|(r, c)| (r as usize + 1, c as usize))
            .unwrap_or((1, 0));
        let rows = range
            .rows()
            .map(|row| row.iter().map(convert_cell).collect())
            .collect();
        sheets.push(Sheet {
            name,
            rows,
            first_row,
            first_col,
        });
    }
    Ok(Grid {
        path: path.to_path_buf(),
        format,
        sheets,
        encoding: None,
    })
}

fn convert_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// UTF-16 text, as Excel saves "Unicode text" (UTF-16LE with a byte order
/// mark, tab-separated): the encoding and the length of its BOM. Without a
/// BOM, text whose every other byte is zero in its first 4 KiB (ASCII in
/// UTF-16) is taken as UTF-16 too.
fn utf16(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, usize)> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some((encoding_rs::UTF_16LE, 2));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some((encoding_rs::UTF_16BE, 2));
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |odd: usize| {
        head.chunks_exact(2)
            .filter(|p| p[odd] == 0 && p[1 - odd] != 0)
            .count()
    };
    if zero_at(1) * 10 >= pairs * 9 {
        Some((encoding_rs::UTF_16LE, 0))
    } else if zero_at(0) * 10 >= pairs * 9 {
        Some((encoding_rs::UTF_16BE, 0))
    } else {
        None
    }
}

/// Decodes CSV bytes: UTF-16 (with a BOM, or ASCII-looking), UTF-8 (with or
/// without BOM), else Windows-1252.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = match (encoding == encoding_rs::UTF_16LE, bom > 0) {
            (true, true) => "UTF-16LE with BOM",
            (true, false) => "UTF-16LE",
            (false, true) => "UTF-16BE with BOM",
            (false, false) => "UTF-16BE",
        };
        return (text.into_owned(), name);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        && let Ok(s) = std::str::from_utf8(rest)
    {
        return (s.to_owned(), "UTF-8 with BOM");
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), "UTF-8");
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    (text.into_owned(), "Windows-1252")
}

/// Picks the delimiter that splits the header line into the most fields.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b';', b',', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| header.matches(*d as char).count())
        .filter(|d| header.contains(*d as char))
        .unwrap_or(b';')
}

fn read_csv_bytes(path: &Path, bytes: &[u8]) -> Result<Grid, InputError> {
    let (text, encoding) = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            InputError::new(
                Location::file(path).row(index + 1),
                format!("cannot parse the CSV line: {e}"),
            )
        })?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_owned())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("csv")
        .to_owned();
    Ok(Grid {
        path: path.to_path_buf(),
        format: FileFormat::Csv,
        sheets: vec![Sheet {
            name,
            rows,
            first_row: 1,
            first_col: 0,
        }],
        encoding: Some(encoding),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(120), "DQ");
    }

    #[test]
    fn decodes_windows_1252() {
        let (text, enc) = decode_text(b"S\xfadwest-Frysl\xe2n;1,5");
        assert_eq!(text, "Súdwest-Fryslân;1,5");
        assert_eq!(enc, "Windows-1252");
        let (text, enc) = decode_text("\u{feff}a;b".as_bytes());
        assert_eq!((text.as_str(), enc), ("a;b", "UTF-8 with BOM"));
    }
}
