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
    let mut temp = tempfile::Builder::new()
        .prefix(".wijkmonitor-")
        .suffix(".tmp")
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
    write_atomic_with(&csv_path, |file| {
        CsvWriter::new(file).include_header(true).finish(df)?;
        Ok(())
    })?;
    let parquet_path = dir.join(format!("{name}.parquet"));
    write_atomic_with(&parquet_path, |file| {
        ParquetWriter::new(file)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(df)?;
        Ok(())
    })?;
    Ok(vec![csv_path, parquet_path])
}
