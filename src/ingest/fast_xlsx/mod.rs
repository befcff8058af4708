//! A fast reader of the cells of xlsx worksheets.
//!
//! ```ignore
//! let sheet = fast_xlsx::read_sheet(&bytes, "Blad1")?;   // unzip + shared strings
//! for (row, cells) in sheet.rows(|c| to_my_cell(c.value))? { ... }
//! ```
//!
//! How: the sheet's part is decompressed whole (while the shared strings are
//! decompressed and parsed on another thread), then the content of its
//! `<sheetData>` is cut at `<row` tags into chunks that are parsed in
//! parallel (rayon). Values borrow from the decompressed XML and from the
//! shared-strings table: no allocation per cell.
//!
//! Each chunk is read by a byte scanner that knows the markup producers
//! write in `<sheetData>` (`<row>`, `<c>`, `<v>`, `<f>`); it hands `<is>`
//! and text with entities or line ends to quick-xml, element by element, and
//! on anything else (comments, CDATA, unknown elements, malformed markup)
//! the whole chunk is parsed again with quick-xml's borrowing reader, which
//! also reports the errors. The two paths give the same results (the tests
//! compare them on real files and on 300 000 mutated documents). The shared
//! strings are read the same way.
//!
//! What it reads: shared strings (plain and rich text, phonetic runs skipped,
//! `xml:space="preserve"`, entities, `_xHHHH_` escapes), and cells of every
//! type (`s`, `str`, `inlineStr`, `b`, `e`, `n`, `d`), with or without `r`
//! attributes on cells and rows, with any namespace prefix. Formulas are
//! ignored: a formula cell gives its cached value. Numbers stay numbers: a
//! date is its serial number, and the cell's style index is given so that a
//! caller can tell dates apart (through `cellXfs` in `xl/styles.xml`).
//!
//! The values are those of calamine 0.38 (the tests compare every cell of
//! the project's workbooks), including its whitespace rule: the text of a
//! `<t>` without `xml:space="preserve"` is trimmed.
//!
//! Errors (not a zip, a damaged zip, a missing part, malformed XML, a value
//! that cannot be read) are returned as [`FastXlsxError`]; no input makes it
//! panic.

mod cells;
mod fallback;
mod package;
mod scanner;
mod shared_strings;
mod sheet;
mod text;

use std::borrow::Cow;
use std::fmt;

pub use cells::{MAX_COLS, MAX_ROWS};
pub use package::{MAX_PART_BYTES, Workbook, check_all_parts, read_sheet, sheet_names};
pub use sheet::SheetCells;
pub use text::unescape_x;

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// The value of one non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A number (`t="n"` or no type). Dates are numbers too (their serial).
    Number(f64),
    /// Text: a shared string (`t="s"`), a formula's string result (`t="str"`),
    /// an inline string (`t="inlineStr"`) or an ISO 8601 date (`t="d"`).
    Text(Cow<'a, str>),
    /// A boolean (`t="b"`).
    Bool(bool),
    /// An error value such as `#N/A` or `#DIV/0!` (`t="e"`).
    Error(Cow<'a, str>),
}

/// One non-empty cell: 0-based row and column, style index (0 when absent),
/// and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    pub row: u32,
    pub col: u32,
    /// The `s` attribute: an index into `cellXfs` of `xl/styles.xml`.
    pub style: u32,
    pub value: Value<'a>,
}

/// One row's cells as [`SheetCells::rows`] gives them: the 0-based row and
/// `(0-based column, value)` in document order.
pub type RowCells<T> = (u32, Vec<(u32, T)>);

/// Why a workbook or sheet could not be read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FastXlsxError {
    /// Not a zip archive, or a damaged one (truncated, bad checksum,
    /// unsupported compression or encryption).
    Zip(String),
    /// The file is not an xlsx workbook (e.g. a legacy .xls or an encrypted
    /// workbook, both OLE compound files).
    NotXlsx(String),
    /// A part of the archive is damaged: its data do not inflate, or do not
    /// match their checksum (CRC-32).
    DamagedPart { part: String, message: String },
    /// There is not enough memory to inflate a part (`size`: its declared
    /// size).
    OutOfMemory { part: String, size: u64 },
    /// A part inflates to more than [`MAX_PART_BYTES`].
    TooLarge { part: String, limit: u64 },
    /// A part that the workbook needs is missing from the archive.
    MissingPart(String),
    /// The workbook has no sheet of that name.
    SheetNotFound {
        name: String,
        available: Vec<String>,
    },
    /// An XML part is not well-formed or holds a value that cannot be read.
    /// `offset` is the byte offset in the decompressed part.
    Xml {
        part: String,
        offset: u64,
        message: String,
    },
}

impl fmt::Display for FastXlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FastXlsxError::Zip(m) => write!(f, "damaged or unreadable zip archive: {m}"),
            FastXlsxError::NotXlsx(m) => write!(f, "not an xlsx workbook: {m}"),
            FastXlsxError::DamagedPart { part, message } => {
                write!(f, "the part {part} of the archive is damaged: {message}")
            }
            FastXlsxError::OutOfMemory { part, size } => write!(
                f,
                "not enough memory to inflate the part {part} ({} MiB)",
                size >> 20
            ),
            FastXlsxError::TooLarge { part, limit } => write!(
                f,
                "the part {part} inflates to more than {} MiB, more than this program reads",
                limit >> 20
            ),
            FastXlsxError::MissingPart(p) => write!(f, "the workbook has no part {p}"),
            FastXlsxError::SheetNotFound { name, available } => {
                write!(f, "the workbook has no sheet named {name:?} (sheets: ")?;
                for (i, a) in available.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{a:?}")?;
                }
                write!(f, ")")
            }
            FastXlsxError::Xml {
                part,
                offset,
                message,
            } => write!(f, "{part} at byte {offset}: {message}"),
        }
    }
}

impl std::error::Error for FastXlsxError {}

type Result<T, E = FastXlsxError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests;
