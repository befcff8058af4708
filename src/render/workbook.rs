//! The researchers' workbook: one sheet per table, with a header row that
//! stays in view, filters, fitted column widths, and a first sheet that
//! says what each table is.
//!
//! The workbook's creation date is the run's document date, so the same
//! inputs give the same bytes.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use polars::prelude::{AnyValue, DataFrame};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use crate::i18n::Messages;
use crate::render::export::write_atomic;

/// One table of the workbook.
pub struct Sheet<'a> {
    /// The sheet name (at most 31 characters, no `[]:*?/\`).
    pub name: &'a str,
    /// One sentence: what a row of the table is.
    pub description: &'a str,
    pub table: &'a DataFrame,
}

/// Writes the workbook to `path` (whole or not at all).
pub fn write_workbook(
    path: &Path,
    title: &str,
    intro: &[String],
    sheets: &[Sheet<'_>],
    date: NaiveDate,
    messages: &Messages,
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
    for sheet in sheets {
        row += 1;
        about.write_string(row, 0, sheet.name)?;
        about.write_number(row, 1, sheet.table.height() as f64)?;
        about.write_string(row, 2, table_description(messages, sheet))?;
    }
    about.set_column_width(0, 22)?;
    about.set_column_width(2, 90)?;

    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name)?;
        write_table(worksheet, sheet.table, &header)
            .with_context(|| format!("sheet {:?}", sheet.name))?;
    }
    let bytes = workbook.save_to_buffer()?;
    write_atomic(path, &bytes)
}

/// What a sheet holds, in the catalogue's language: `workbook-table-NAME`
/// (`before_after` as `workbook-table-before-after`) where the catalogue
/// has it, else the sheet's own description.
fn table_description(messages: &Messages, sheet: &Sheet<'_>) -> String {
    let id = format!("workbook-table-{}", sheet.name.replace('_', "-"));
    if messages.has(&id) {
        messages.get(&id)
    } else {
        sheet.description.to_owned()
    }
}

/// Writes a table with its header; nulls stay empty cells.
fn write_table(sheet: &mut Worksheet, table: &DataFrame, header: &Format) -> Result<()> {
    for (c, column) in table.columns().iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, column.name().as_str(), header)?;
        let series = column.as_materialized_series();
        for (r, value) in series.iter().enumerate() {
            let r = r as u32 + 1;
            match value {
                AnyValue::Null => {}
                AnyValue::Boolean(b) => {
                    sheet.write_boolean(r, c, b)?;
                }
                AnyValue::String(s) => {
                    sheet.write_string(r, c, s)?;
                }
                AnyValue::StringOwned(s) => {
                    sheet.write_string(r, c, s.as_str())?;
                }
                other => match other.extract::<f64>() {
                    Some(v) if v.is_finite() => {
                        sheet.write_number(r, c, v)?;
                    }
                    _ => {
                        sheet.write_string(r, c, other.to_string())?;
                    }
                },
            }
        }
    }
    if table.width() > 0 {
        let last_row = table.height().max(1) as u32;
        sheet.autofilter(0, 0, last_row, table.width() as u16 - 1)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_autofit_max_width(300);
    sheet.autofit();
    Ok(())
}
