//! Limits that keep a sheet within memory proportional to its content,
//! shared by the fast xlsx reader, calamine's streaming xlsx reader and the
//! check of an ods file before calamine builds its dense range.

use std::path::Path;

use super::{Cell, column_letter};
use crate::problem::{InputError, Location};

/// A sheet may hold `CELL_SLOTS_PER_FILLED` cells (empty ones included, as a
/// row holds every cell up to its last) per filled cell, and always
/// `CELL_SLOTS_FLOOR` (4 Mi cells, 128 MiB): real tables are dense, while a
/// few cells in column XFD on every row would otherwise ask for 16 384
/// cells a row.
pub(super) const CELL_SLOTS_FLOOR: usize = 1 << 22;
/// See [`CELL_SLOTS_FLOOR`].
pub(super) const CELL_SLOTS_PER_FILLED: usize = 4;
/// The text of a sheet's cells may add up to `TEXT_FLOOR` (64 MiB) plus
/// twice the bytes of its XML and shared strings: one long shared string
/// repeated in many cells would otherwise be copied into every one of them.
pub(super) const TEXT_FLOOR: usize = 64 << 20;

/// Counts the text copied out of a sheet, from all reading threads. Text of
/// up to `SHORT` bytes is not counted: it is bounded by the number of cells,
/// which the size of the XML bounds, and counting it would cost a shared
/// atomic per cell.
pub(super) struct TextBudget {
    used: std::sync::atomic::AtomicUsize,
    limit: usize,
}

impl TextBudget {
    const SHORT: usize = 64;

    pub(super) fn new(content_bytes: usize) -> Self {
        TextBudget {
            used: std::sync::atomic::AtomicUsize::new(0),
            limit: TEXT_FLOOR.saturating_add(content_bytes.saturating_mul(2)),
        }
    }

    /// The text as a cell, or an empty cell once the budget is spent (then
    /// [`TextBudget::check`] fails).
    pub(super) fn take(&self, text: std::borrow::Cow<'_, str>) -> Cell {
        if text.len() > Self::SHORT {
            let before = self
                .used
                .fetch_add(text.len(), std::sync::atomic::Ordering::Relaxed);
            if before.saturating_add(text.len()) > self.limit {
                return Cell::Empty;
            }
        }
        Cell::Text(text.into_owned())
    }

    pub(super) fn check(&self, path: &Path, sheet: &str) -> Result<(), InputError> {
        let used = self.used.load(std::sync::atomic::Ordering::Relaxed);
        if used > self.limit {
            return Err(InputError::new(
                Location::file(path).sheet(sheet),
                format!(
                    "the text of the sheet's cells adds up to more than {} MiB, far more than \
                     the file holds (long texts repeated in many cells); refusing to read it",
                    self.limit >> 20
                ),
            ));
        }
        Ok(())
    }
}

/// An error for a sheet too sparse to hold as rows of cells.
pub(super) fn too_sparse(
    path: &Path,
    sheet: &str,
    filled: usize,
    slots: usize,
    row: usize,
    col: usize,
) -> InputError {
    InputError::new(
        Location::file(path).sheet(sheet).row(row + 1),
        format!(
            "the sheet's {filled} filled cells are spread over more than {slots} cells (row \
             {} reaches column {}); refusing to read a sheet this sparse: delete the stray \
             cells far to the right of or below the table",
            row + 1,
            column_letter(col)
        ),
    )
}

/// The slots a sheet may take for `filled` cells.
pub(super) fn slot_limit(filled: usize) -> usize {
    CELL_SLOTS_FLOOR.max(filled.saturating_mul(CELL_SLOTS_PER_FILLED))
}

/// What a table of an ods file asks calamine for: its filled cells, the
/// rows and columns they span, and their text (repeats included).
#[derive(Default)]
struct OdsTable {
    name: String,
    filled: u64,
    text: u64,
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    /// The cell furthest to the right: (row, column).
    widest: (u64, u64),
}

/// Checks an ods file before calamine reads it: calamine builds each table
/// as a dense range (every cell between the first and the last filled one)
/// and copies a cell's text into every cell that repeats it, so a table is
/// measured here first, from its `content.xml`, against the same limits as
/// an xlsx sheet.
pub(super) fn check_ods(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    use std::io::Read;

    use crate::ingest::fast_xlsx::MAX_PART_BYTES;
    let damaged = |e: &dyn std::fmt::Display| {
        InputError::new(
            Location::file(path),
            format!("cannot read the workbook (is it truncated or damaged?): {e}"),
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let Ok(file) = zip.by_name("content.xml") else {
        return Ok(()); // not an ods: calamine says what it is
    };
    let mut content = Vec::new();
    file.take(MAX_PART_BYTES)
        .read_to_end(&mut content)
        .map_err(|e| damaged(&e))?;
    let text_limit = (TEXT_FLOOR as u64).saturating_add(2 * content.len() as u64);

    let mut rd = quick_xml::Reader::from_reader(&content[..]);
    let mut table: Option<OdsTable> = None;
    let (mut row, mut row_repeats, mut col) = (0u64, 1u64, 0u64);
    // The cell being read: its repeats, whether it has a value, its text.
    let mut cell: Option<(u64, bool, u64)> = None;
    loop {
        let event = rd.read_event().map_err(|e| {
            InputError::new(
                Location::file(path),
                format!(
                    "cannot read the workbook: content.xml at byte {}: {e}",
                    rd.error_position()
                ),
            )
        })?;
        use quick_xml::events::Event;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                let name = repeat_attr_str(&e, "table:name").unwrap_or_default();
                table = Some(OdsTable {
                    name,
                    ..OdsTable::default()
                });
                row = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    check_ods_table(path, &t, text_limit)?;
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row_repeats = repeats(&e, "table:number-rows-repeated", 1 << 20);
                col = 0;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row += repeats(&e, "table:number-rows-repeated", 1 << 20);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row += row_repeats;
                row_repeats = 1;
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let n = repeats(e, "table:number-columns-repeated", 1 << 14);
                let valued = repeat_attr_str(e, "office:value-type").is_some();
                cell = Some((n, valued, 0));
                if matches!(event, Event::Empty(_)) {
                    end_ods_cell(&mut table, &mut cell, row, row_repeats, &mut col);
                }
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                end_ods_cell(&mut table, &mut cell, row, row_repeats, &mut col);
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = &mut cell {
                    *text += t.len() as u64;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Counts the cell just read into its table and moves past its columns.
fn end_ods_cell(
    table: &mut Option<OdsTable>,
    cell: &mut Option<(u64, bool, u64)>,
    row: u64,
    row_repeats: u64,
    col: &mut u64,
) {
    let Some((n, valued, text)) = cell.take() else {
        return;
    };
    if let Some(t) = table
        && (valued || text > 0)
    {
        let times = n.saturating_mul(row_repeats);
        t.filled = t.filled.saturating_add(times);
        t.text = t.text.saturating_add(text.saturating_mul(times));
        let last_row = row + row_repeats - 1;
        let last_col = *col + n - 1;
        t.rows = Some(
            t.rows
                .map_or((row, last_row), |(a, b)| (a.min(row), b.max(last_row))),
        );
        t.cols = Some(
            t.cols
                .map_or((*col, last_col), |(a, b)| (a.min(*col), b.max(last_col))),
        );
        if last_col >= t.widest.1 {
            t.widest = (row, last_col);
        }
    }
    *col += n;
}

fn check_ods_table(path: &Path, t: &OdsTable, text_limit: u64) -> Result<(), InputError> {
    let (Some((r0, r1)), Some((c0, c1))) = (t.rows, t.cols) else {
        return Ok(());
    };
    let dense = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
    let filled = usize::try_from(t.filled).unwrap_or(usize::MAX);
    let limit = slot_limit(filled);
    if dense > limit as u64 {
        let (row, col) = t.widest;
        return Err(too_sparse(
            path,
            &t.name,
            filled,
            limit,
            row as usize,
            col as usize,
        ));
    }
    if t.text > text_limit {
        return Err(InputError::new(
            Location::file(path).sheet(&t.name),
            format!(
                "the text of the sheet's cells adds up to more than {} MiB, far more than the \
                 file holds (long texts repeated in many cells); refusing to read it",
                text_limit >> 20
            ),
        ));
    }
    Ok(())
}

/// A repeat count (`table:number-…-repeated`), 1 when absent or unreadable,
/// at most `max` (Excel's and calamine's limits).
fn repeats(e: &quick_xml::events::BytesStart<'_>, name: &str, max: u64) -> u64 {
    repeat_attr_str(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

fn repeat_attr_str(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}
