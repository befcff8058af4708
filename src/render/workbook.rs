//! The researchers' workbook: one sheet per table, with a header row that
//! stays in view, filters, fitted column widths, and a first sheet that
//! says what each table is.
//!
//! The workbook's creation date is the run's document date, so the same
//! inputs give the same bytes.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use crate::i18n::Messages;
use crate::render::export::write_atomic;
use crate::schema::{Table, Values};

/// Writes the workbook to `path` (whole or not at all): an explanation sheet, then one
/// sheet per table, named after the table (its schema's name, at most 31 characters).
pub fn write_workbook(
    path: &Path,
    title: &str,
    intro: &[String],
    tables: &[&Table],
    date: NaiveDate,
    messages: &Messages,
) -> Result<()> {
    write_workbook_with(path, title, intro, tables, date, messages, &|_| Ok(()))
}

/// As [`write_workbook`], with `extra` adding sheets after the tables (such as the
/// comparison's native charts, which refer to cells of their own sheets).
pub fn write_workbook_with(
    path: &Path,
    title: &str,
    intro: &[String],
    tables: &[&Table],
    date: NaiveDate,
    messages: &Messages,
    extra: &dyn Fn(&mut Workbook) -> Result<()>,
) -> Result<()> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
        .context("the document date")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("wijkmonitor")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("#E4E7EB");

    let about = workbook.add_worksheet();
    about.set_name(messages.get("workbook-about-sheet"))?;
    about.write_string_with_format(0, 0, title, &bold)?;
    let mut row = 2;
    for line in intro {
        about.write_string(row, 0, line)?;
        row += 1;
    }
    row += 1;
    about.write_string_with_format(row, 0, messages.get("workbook-column-sheet"), &header)?;
    about.write_string_with_format(row, 1, messages.get("workbook-column-rows"), &header)?;
    about.write_string_with_format(row, 2, messages.get("workbook-column-contents"), &header)?;
    for table in tables {
        row += 1;
        about.write_string(row, 0, table.schema.name)?;
        about.write_number(row, 1, table.height() as f64)?;
        about.write_string(row, 2, table_description(messages, table))?;
    }
    about.set_column_width(0, 22)?;
    about.set_column_width(2, 90)?;

    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(table.schema.name)?;
        write_table(worksheet, table, &header, &date_format)
            .with_context(|| format!("sheet {:?}", table.schema.name))?;
    }
    extra(&mut workbook)?;
    let bytes = workbook.save_to_buffer()?;
    write_atomic(path, &bytes)
}

/// What a table holds, in the catalogue's language: `workbook-table-NAME`
/// (`before_after` as `workbook-table-before-after`) where the catalogue
/// has it, else the schema's own title.
fn table_description(messages: &Messages, table: &Table) -> String {
    let id = format!("workbook-table-{}", table.schema.name.replace('_', "-"));
    if messages.has(&id) {
        messages.get(&id)
    } else {
        table.schema.title.to_owned()
    }
}

/// Writes a table with its header, each cell as the type of its column (numbers as
/// numbers, dates as dates); no value stays an empty cell.
fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    header: &Format,
    date_format: &Format,
) -> Result<()> {
    for (c, (column, values)) in table.columns().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, column.name, header)?;
        let row = |r: usize| r as u32 + 1;
        match values {
            Values::Text(v) => {
                for (r, s) in v.iter().enumerate() {
                    if let Some(s) = s {
                        sheet.write_string(row(r), c, s)?;
                    }
                }
            }
            Values::Int(v) => {
                for (r, n) in v.iter().enumerate() {
                    if let Some(n) = n {
                        sheet.write_number(row(r), c, *n as f64)?;
                    }
                }
            }
            Values::Float(v) => {
                for (r, x) in v.iter().enumerate() {
                    match x {
                        Some(x) if x.is_finite() => {
                            sheet.write_number(row(r), c, *x)?;
                        }
                        Some(x) => {
                            sheet.write_string(row(r), c, x.to_string())?;
                        }
                        None => {}
                    }
                }
            }
            Values::Bool(v) => {
                for (r, b) in v.iter().enumerate() {
                    if let Some(b) = b {
                        sheet.write_boolean(row(r), c, *b)?;
                    }
                }
            }
            Values::Date(v) => {
                for (r, d) in v.iter().enumerate() {
                    if let Some(d) = d {
                        let excel = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        sheet.write_date_with_format(row(r), c, &excel, date_format)?;
                    }
                }
            }
        }
    }
    let width = table.schema.columns.len();
    if width > 0 {
        let last_row = table.height().max(1) as u32;
        sheet.autofilter(0, 0, last_row, width as u16 - 1)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_autofit_max_width(300);
    sheet.autofit();
    Ok(())
}
