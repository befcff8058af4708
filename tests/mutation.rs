//! A seeded mutation loop over the real xlsx and CSV files: bytes flipped,
//! inserted and deleted, files cut short, at ~100 seeded places per file,
//! on the files as stored and (for xlsx) on their inflated XML zipped again,
//! so that the parsers and not only the zip checks see the damage. Each
//! copy is read in process, as open data and through calamine's path:
//! no panic, and every error names the file. What it found is in
//! TESTING.md.

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use wijkmonitor::ingest::grid::{read_grid_bytes, read_open_data_grid};
use wijkmonitor::ingest::source::{FileInfo, read_grid_dataset};

use crate::workdir::{fixture, repo};

/// A xorshift generator: the same mutations and files on every run (also
/// used by `hostile`).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `n` lowercase ASCII letters.
    pub(crate) fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| (b'a' + (self.next() % 26) as u8) as char)
            .collect()
    }
}

/// One edit at a seeded place: flip, insert, delete, or cut.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    const MARKUP: &[u8] = b"<>/=\"'&;#x_rcvts0123456789:\r\n\t; ,.-";
    if bytes.is_empty() {
        return;
    }
    let at = rng.below(bytes.len());
    match rng.below(8) {
        0 => bytes.truncate(at),
        1 | 2 => bytes.insert(at, MARKUP[rng.below(MARKUP.len())]),
        3 => {
            bytes.remove(at);
        }
        4 => bytes[at] = MARKUP[rng.below(MARKUP.len())],
        _ => bytes[at] ^= 1 << rng.below(8),
    }
}

/// The parts of an xlsx with the largest XML part (the sheet) or the shared
/// strings mutated, zipped again.
fn mutate_inside(rng: &mut Rng, xlsx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parts.push((file.name().unwrap().to_string(), data));
    }
    let candidates: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.contains("sheet") || parts[i].0.contains("workbook"))
        .collect();
    let target = candidates[rng.below(candidates.len())];
    for _ in 0..=rng.below(3) {
        mutate(rng, &mut parts[target].1);
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, data) in &parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Reads `bytes` as `path` both ways; panics (with the copy saved) if a
/// reader panics or an error does not name the file.
fn read_both_ways(path: &Path, bytes: &[u8], what: &str) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut errors = Vec::new();
        match read_open_data_grid(path, bytes) {
            Ok(grid) => {
                let info = FileInfo::from_bytes(path, bytes);
                let _ = read_grid_dataset(grid, info, &Default::default());
            }
            Err(e) => errors.push(e.to_string()),
        }
        if let Err(e) = read_grid_bytes(path, bytes) {
            errors.push(e.to_string());
        }
        errors
    }));
    let keep = || {
        let saved = std::env::temp_dir().join(format!("mutated-{name}"));
        std::fs::write(&saved, bytes).unwrap();
        saved
    };
    match outcome {
        Err(_) => panic!(
            "a reader panicked on {what} (saved as {})",
            keep().display()
        ),
        Ok(errors) => {
            for e in errors {
                assert!(
                    e.contains(&name),
                    "error without the file name on {what}: {e} (saved as {})",
                    keep().display()
                );
            }
        }
    }
}

/// The files to mutate: the real fixtures and the sample open data (the
/// national RIVM file only in an extended run: the samples have its layout).
fn files(extended: bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [
        "real/kwb-2023-utrecht.xlsx",
        "real/vektis-zvw-2018-gemeente.csv",
        "network/register.xlsx",
        "network/vragen-windows-1252.csv",
        "other-years/kwb-2019.xlsx",
        "other-years/50120NED-2022-18plus.csv",
        "other-years/kwb-2024.csv",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    if extended {
        files.push(fixture("real/50090NED-2020-18plus.xlsx"));
    }
    for entry in std::fs::read_dir(repo().join("sample-data/open-data")).unwrap() {
        let path = entry.unwrap().path();
        let known = files.iter().any(|f| f.file_name() == path.file_name());
        if path.extension().is_some_and(|e| e == "xlsx") && !known {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn mutated_real_files_give_errors_naming_the_file_never_a_panic() {
    let mut rng = Rng(0x00C0_FFEE_5EED_0011);
    let extended: Option<usize> = std::env::var("WIJKMONITOR_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok());
    for path in files(extended.is_some()) {
        let bytes = std::fs::read(&path).unwrap();
        let is_xlsx = path.extension().is_some_and(|e| e == "xlsx");
        // Larger files take longer to read: fewer copies of them, unless
        // WIJKMONITOR_MUTATIONS asks for as many of each.
        let copies = match extended {
            Some(n) => n,
            None if bytes.len() <= 128 << 10 => 100,
            None => 8,
        };
        for i in 0..copies {
            let mut copy = if is_xlsx && i % 2 == 1 {
                mutate_inside(&mut rng, &bytes)
            } else {
                bytes.clone()
            };
            if !(is_xlsx && i % 2 == 1) {
                for _ in 0..=rng.below(3) {
                    mutate(&mut rng, &mut copy);
                }
            }
            read_both_ways(&path, &copy, &format!("copy {i} of {}", path.display()));
        }
    }
}
