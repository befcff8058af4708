//! Writing tables as Parquet and CSV, atomically: to a temporary file in the
//! target directory, renamed into place when complete.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use polars::prelude::*;

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
pub fn write_table(df: &mut DataFrame, dir: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let csv_path = dir.join(format!("{name}.csv"));
    write_atomic_with(&csv_path, |file| write_csv(df, file))?;
    let parquet_path = dir.join(format!("{name}.parquet"));
    write_atomic_with(&parquet_path, |file| {
        ParquetWriter::new(file)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(df)?;
        Ok(())
    })?;
    Ok(vec![csv_path, parquet_path])
}

/// Writes a table as CSV (comma, UTF-8, header row; empty for null).
/// Numbers are written in Rust's shortest round-trip form, so a value read
/// back from the CSV is the same `f64` as in the Parquet file.
fn write_csv(df: &DataFrame, file: &mut fs::File) -> Result<()> {
    /// A column as the writer reads it, cell by cell.
    enum Typed<'a> {
        Float(&'a Float64Chunked),
        Int(&'a Int64Chunked),
        Bool(&'a BooleanChunked),
        Text(&'a StringChunked),
        Other(&'a Series),
    }
    let mut df = df.clone();
    df.rechunk_mut();
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(file));
    writer.write_record(df.get_column_names().iter().map(|n| n.as_str()))?;
    let columns: Vec<Typed> = df
        .columns()
        .iter()
        .map(|c| {
            let series = c.as_materialized_series();
            match series.dtype() {
                DataType::Float64 => series.f64().map(Typed::Float),
                DataType::Int64 => series.i64().map(Typed::Int),
                DataType::Boolean => series.bool().map(Typed::Bool),
                DataType::String => series.str().map(Typed::Text),
                _ => Ok(Typed::Other(series)),
            }
        })
        .collect::<PolarsResult<_>>()?;
    let mut record: Vec<String> = Vec::with_capacity(columns.len());
    for row in 0..df.height() {
        record.clear();
        for column in &columns {
            record.push(match column {
                Typed::Float(c) => c.get(row).map(float_text).unwrap_or_default(),
                Typed::Int(c) => c.get(row).map(|v| v.to_string()).unwrap_or_default(),
                Typed::Bool(c) => c.get(row).map(|v| v.to_string()).unwrap_or_default(),
                Typed::Text(c) => c.get(row).unwrap_or_default().to_owned(),
                Typed::Other(s) => match s.get(row)? {
                    AnyValue::Null => String::new(),
                    other => other.to_string(),
                },
            });
        }
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
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

/// Turns typed result rows (any `Serialize` struct with scalar fields) into a
/// `DataFrame` with the columns of `schema`, in that order (the stable schema
/// researchers rely on); fields not in `schema` follow in name order.
/// Numbers become `i64` when all are integers, else `f64`; booleans `bool`;
/// everything else text; `None` is null.
pub fn rows_to_dataframe<T: serde::Serialize>(rows: &[T], schema: &[&str]) -> Result<DataFrame> {
    let values: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            Ok(_) => anyhow::bail!("a result row is not a record"),
            Err(e) => Err(e.into()),
        })
        .collect::<Result<_>>()?;
    let mut names: Vec<String> = schema.iter().map(|s| s.to_string()).collect();
    if let Some(first) = values.first() {
        for key in first.keys() {
            if !names.contains(key) {
                names.push(key.clone());
            }
        }
    }
    let n = values.len();
    let mut columns = Vec::with_capacity(names.len());
    for name in &names {
        let cells: Vec<&serde_json::Value> = values
            .iter()
            .map(|m| m.get(name).unwrap_or(&serde_json::Value::Null))
            .collect();
        let non_null = || cells.iter().filter(|v| !v.is_null());
        let column = if n > 0 && non_null().all(|v| v.is_boolean()) && non_null().count() > 0 {
            Column::new(
                name.into(),
                cells.iter().map(|v| v.as_bool()).collect::<Vec<_>>(),
            )
        } else if n > 0 && non_null().count() > 0 && non_null().all(|v| v.is_i64() || v.is_u64()) {
            Column::new(
                name.into(),
                cells.iter().map(|v| v.as_i64()).collect::<Vec<_>>(),
            )
        } else if n > 0 && non_null().count() > 0 && non_null().all(|v| v.is_number()) {
            Column::new(
                name.into(),
                cells.iter().map(|v| v.as_f64()).collect::<Vec<_>>(),
            )
        } else {
            Column::new(
                name.into(),
                cells
                    .iter()
                    .map(|v| match v {
                        serde_json::Value::Null => None,
                        serde_json::Value::String(s) => Some(s.clone()),
                        other => Some(other.to_string()),
                    })
                    .collect::<Vec<_>>(),
            )
        };
        columns.push(column);
    }
    Ok(DataFrame::new(n, columns)?)
}
