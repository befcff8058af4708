//! Writing tables ([`Table`], typed by their schema) as Parquet and CSV, atomically: to a temporary file in the
//! target directory, renamed into place when complete.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use polars::prelude::*;

use crate::schema::{Table, TableSchema, Values};

/// Writes `bytes` to `path` whole or not at all.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |file| {
        file.write_all(bytes)?;
        Ok(())
    })
}

/// Calls `write` on a temporary file next to `path` and renames it to `path`
/// when `write` succeeded; on failure the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".wijkmonitor-").suffix(".tmp");
    // Outputs are shared documents: the usual permissions (0666 less the
    // umask), not the private 0600 of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    write(temp.as_file_mut()).with_context(|| format!("cannot write {}", path.display()))?;
    temp.as_file_mut().sync_all().ok();
    temp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot move the finished file to {}", path.display()))?;
    Ok(())
}

/// Writes a table as `<dir>/<name>.csv` and `<dir>/<name>.parquet`; returns
/// the paths written.
pub fn write_table(table: &Table, dir: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let csv_path = dir.join(format!("{name}.csv"));
    write_atomic_with(&csv_path, |file| write_csv(table, file))?;
    let parquet_path = dir.join(format!("{name}.parquet"));
    let mut df = to_dataframe(table)?;
    write_atomic_with(&parquet_path, |file| {
        ParquetWriter::new(file)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut df)?;
        Ok(())
    })?;
    Ok(vec![csv_path, parquet_path])
}

/// Writes result rows as the table of `schema`, named after it (`<dir>/<name>.csv` and
/// `.parquet`).
pub fn write_rows<T: serde::Serialize>(
    schema: &'static TableSchema,
    rows: &[T],
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    write_table(&Table::from_rows(schema, rows)?, dir, schema.name)
}

/// The table as a polars `DataFrame` with the schema's column types, whatever the values:
/// a column without any value is still `f64`, `i64`, `bool`, text or date.
pub fn to_dataframe(table: &Table) -> Result<DataFrame> {
    let columns: Vec<Column> = table
        .columns()
        .map(|(column, values)| {
            let name = column.name.into();
            match values {
                Values::Text(v) => Column::new(name, v),
                Values::Int(v) => Column::new(name, v),
                Values::Float(v) => Column::new(name, v),
                Values::Bool(v) => Column::new(name, v),
                Values::Date(v) => {
                    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                    let days: Int32Chunked = v
                        .iter()
                        .map(|d| d.and_then(|d| i32::try_from((d - epoch).num_days()).ok()))
                        .collect();
                    days.with_name(name).into_date().into_column()
                }
            }
        })
        .collect();
    Ok(DataFrame::new(table.height(), columns)?)
}

/// Writes a table as CSV (comma, UTF-8, header row; empty for no value).
/// Numbers are written in Rust's shortest round-trip form, so a value read
/// back from the CSV is the same `f64` as in the Parquet file.
fn write_csv(table: &Table, file: &mut fs::File) -> Result<()> {
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(file));
    writer.write_record(table.schema.columns.iter().map(|c| c.name))?;
    let columns: Vec<&Values> = table.columns().map(|(_, v)| v).collect();
    let mut record: Vec<String> = Vec::with_capacity(columns.len());
    for row in 0..table.height() {
        record.clear();
        for values in &columns {
            record.push(cell_text(values, row));
        }
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

/// The CSV text of one cell: empty for no value, dates as `2024-03-01`.
pub fn cell_text(values: &Values, row: usize) -> String {
    fn text<T>(v: &[Option<T>], row: usize, f: impl Fn(&T) -> String) -> String {
        v.get(row)
            .and_then(Option::as_ref)
            .map(f)
            .unwrap_or_default()
    }
    match values {
        Values::Text(v) => text(v, row, String::clone),
        Values::Int(v) => text(v, row, i64::to_string),
        Values::Float(v) => text(v, row, |&x| float_text(x)),
        Values::Bool(v) => text(v, row, bool::to_string),
        Values::Date(v) => text(v, row, |d| d.format("%Y-%m-%d").to_string()),
    }
}

/// `3.0`, `0.1`, `1.0513460630657643`: the shortest text that reads back as
/// the same number, with a decimal point on whole numbers.
fn float_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.1}")
    } else {
        v.to_string()
    }
}
