//! Interrupted runs (issue 11): `run` killed (SIGKILL on Unix) at several
//! moments leaves only complete files in `--out` — every output is written
//! to a `.wijkmonitor-*.tmp` file and renamed when whole — and the next run
//! into the same directory removes the temporaries an interrupted run left.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use calamine::{Reader, open_workbook_auto};

use crate::workdir::repo;

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.starts_with(".wijkmonitor-") && name.ends_with(".tmp")
}

/// Checks that every output in `dir` is complete; returns the temporaries.
fn check_complete(dir: &Path, moment: &str) -> Vec<std::path::PathBuf> {
    let mut temporaries = Vec::new();
    for path in files(dir) {
        let bytes = std::fs::read(&path).unwrap();
        let what = format!("{moment}: {}", path.display());
        if is_temporary(&path) {
            temporaries.push(path);
            continue;
        }
        match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "pdf" => {
                let end = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..])
                    .trim_end()
                    .to_owned();
                assert!(
                    bytes.starts_with(b"%PDF-") && end.ends_with("%%EOF"),
                    "{what}"
                );
            }
            "parquet" => {
                assert!(
                    bytes.len() >= 8 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
                    "{what}"
                );
            }
            "csv" => {
                let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
                let width = reader
                    .headers()
                    .unwrap_or_else(|e| panic!("{what}: {e}"))
                    .len();
                for record in reader.records() {
                    let record = record.unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert_eq!(record.len(), width, "{what}");
                }
            }
            "xlsx" => {
                let mut book = open_workbook_auto(&path).unwrap_or_else(|e| panic!("{what}: {e}"));
                for name in book.sheet_names() {
                    book.worksheet_range(&name)
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                }
            }
            "json" => {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
            }
            other => panic!("{what}: an output of an unknown kind ({other})"),
        }
    }
    temporaries
}

fn run(out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wijkmonitor"));
    command
        .current_dir(repo())
        .args([
            "run",
            "pipelines/voorbeeld.toml",
            "--keep-data",
            "-q",
            "--out",
        ])
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn interrupted_run_leaves_only_complete_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let mut seen = Vec::new();
    // Early moments (reading, computing), then moments after the first
    // output appeared (writing), which depend less on the machine's speed.
    let moments: [(bool, u64); 5] = [
        (false, 300),
        (false, 1500),
        (true, 0),
        (true, 1000),
        (true, 4000),
    ];
    for (after_first, millis) in moments {
        let mut child = run(&out).spawn().unwrap();
        if after_first {
            let began = std::time::Instant::now();
            let before = files(&out).len();
            while files(&out).len() <= before
                && child.try_wait().unwrap().is_none()
                && began.elapsed() < Duration::from_secs(300)
            {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        std::thread::sleep(Duration::from_millis(millis));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        let moment = format!(
            "killed {millis} ms after {}",
            if after_first {
                "the first new output"
            } else {
                "the start"
            }
        );
        let temporaries = check_complete(&out, &moment);
        seen.push(format!(
            "{moment}{}: {} files, {} temporaries",
            if finished { " (had finished)" } else { "" },
            files(&out).len(),
            temporaries.len()
        ));
    }
    eprintln!("{}", seen.join("\n"));

    // Temporaries of an interrupted run, as a kill during a write leaves them
    // (planted, since a kill rarely lands inside a write).
    std::fs::create_dir_all(out.join("tables")).unwrap();
    for name in [".wijkmonitor-AbC123.tmp", "tables/.wijkmonitor-XyZ789.tmp"] {
        std::fs::write(out.join(name), b"half a file").unwrap();
    }
    std::thread::sleep(Duration::from_millis(50));
    let done = run(&out).output().unwrap();
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let temporaries = check_complete(&out, "after a complete run");
    assert!(temporaries.is_empty(), "{temporaries:?}");
    assert!(out.join("netwerk-ruwaard.pdf").exists());
}
