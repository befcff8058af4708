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

/// Rows per chunk of a streamed table: the row-group size of polars' Parquet writer, so a
/// streamed file has the row groups of one written whole.
pub const CHUNK_ROWS: usize = 512 * 512;

/// Writes result rows as the table of `schema` (`<dir>/<name>.csv` and `.parquet`) a chunk of
/// [`CHUNK_ROWS`] at a time: only one chunk is ever held as typed columns and as a polars
/// frame, so a national profile (millions of rows) is written in bounded memory (issue 11,
/// defect 13: the whole table as owned text columns plus its `DataFrame` were two more copies
/// of the rows). Both files are written whole or not at all.
pub fn write_rows_streamed<T: serde::Serialize>(
    schema: &'static TableSchema,
    rows: &[T],
    dir: &Path,
    name: &str,
) -> Result<Vec<PathBuf>> {
    let csv_path = dir.join(format!("{name}.csv"));
    let parquet_path = dir.join(format!("{name}.parquet"));
    // An empty table is one empty chunk (header and schema only).
    let mut chunks: Vec<&[T]> = rows.chunks(CHUNK_ROWS).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    write_atomic_with(&csv_path, |csv_file| {
        write_atomic_with(&parquet_path, |parquet_file| {
            let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(csv_file));
            csv.write_record(schema.columns.iter().map(|c| c.name))?;
            // The frame's schema follows the table schema's types, not the values.
            let empty: &[T] = &[];
            let frame_schema = to_dataframe(&Table::from_rows(schema, empty)?)?
                .schema()
                .clone();
            let mut parquet = ParquetWriter::new(parquet_file)
                .with_compression(ParquetCompression::Zstd(None))
                .batched(&frame_schema)?;
            for chunk in chunks {
                let table = Table::from_rows(schema, chunk)?;
                write_csv_rows(&table, &mut csv)?;
                let df = to_dataframe(&table)?;
                drop(table);
                parquet.write_batch(&df)?;
            }
            parquet.finish()?;
            csv.flush()?;
            Ok(())
        })
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
    write_csv_rows(table, &mut writer)?;
    writer.flush()?;
    Ok(())
}

/// Writes the rows of a table (no header) to a CSV writer.
fn write_csv_rows<W: Write>(table: &Table, writer: &mut csv::Writer<W>) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::costs::{CostCategory, CostRow};
    use crate::schema::COSTS;

    /// A table of more than one chunk, streamed, reads back as the same table written whole:
    /// the same CSV bytes, an equal Parquet frame (issue 11, defect 13).
    #[test]
    fn streamed_tables_equal_tables_written_whole() {
        let rows: Vec<CostRow> = (0..CHUNK_ROWS + 1234)
            .map(|i| CostRow {
                gemeente_code: format!("GM{:04}", i % 400),
                gemeente_name: format!("Gemeente {i}"),
                year: (i % 7 != 0).then_some(2023),
                category: CostCategory::Total,
                insured_years: i as f64 * 0.5,
                cost_total: (i % 3 != 0).then_some(i as f64 * 1.25),
                cost_per_insured_year: None,
                cost_per_insured_year_std: Some(1.0 / (i as f64 + 1.0)),
                nl_cost_per_insured_year: Some(3000.0),
                ratio_observed_expected: None,
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        write_rows_streamed(&COSTS, &rows, &dir.path().join("streamed"), "costs").unwrap();
        write_rows(&COSTS, &rows, &dir.path().join("whole")).unwrap();
        let read = |sub: &str, ext: &str| std::fs::read(dir.path().join(sub).join(ext)).unwrap();
        assert_eq!(read("streamed", "costs.csv"), read("whole", "costs.csv"));
        let frame = |sub: &str| {
            let file = fs::File::open(dir.path().join(sub).join("costs.parquet")).unwrap();
            ParquetReader::new(file).finish().unwrap()
        };
        let (streamed, whole) = (frame("streamed"), frame("whole"));
        assert_eq!(streamed.height(), CHUNK_ROWS + 1234);
        assert!(streamed.equals_missing(&whole));

        // an empty table: header and schema only
        write_rows_streamed(&COSTS, &rows[..0], &dir.path().join("empty"), "costs").unwrap();
        assert_eq!(frame("empty").height(), 0);
        assert_eq!(frame("empty").schema(), whole.schema());
    }
}
