//! Leftover temporary files of an interrupted run. Every output is written
//! to a `.wijkmonitor-*.tmp` file beside it and renamed when complete
//! ([`crate::render::export::write_atomic`]); a run killed halfway leaves
//! such a file behind. The next run into the same directory removes those
//! older than itself (a younger one may belong to a run still going).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The folders of an output directory that hold outputs.
const FOLDERS: [&str; 3] = ["", "tables", "data"];

/// True for the name of a temporary output file.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with(".wijkmonitor-") && name.ends_with(".tmp")
}

/// Removes the temporary files directly inside `out`, `out/tables` and
/// `out/data` last modified before `before`; returns those removed. Nothing
/// else is touched, and a file that cannot be removed is left alone.
pub fn remove_stale(out: &Path, before: SystemTime) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(out.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let stale = entry.file_type().is_ok_and(|t| t.is_file())
                && is_temporary(&entry.file_name().to_string_lossy())
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| modified < before);
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_old_temporaries_in_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("tables")).unwrap();
        std::fs::create_dir_all(out.join("other")).unwrap();
        for name in [
            ".wijkmonitor-a.tmp",
            "tables/.wijkmonitor-b.tmp",
            "other/.wijkmonitor-c.tmp",
            ".other-d.tmp",
            "netwerk-x.pdf",
        ] {
            std::fs::write(out.join(name), "x").unwrap();
        }
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let mut removed = remove_stale(out, later);
        removed.sort();
        assert_eq!(
            removed,
            vec![
                out.join(".wijkmonitor-a.tmp"),
                out.join("tables/.wijkmonitor-b.tmp")
            ]
        );
        assert!(out.join("other/.wijkmonitor-c.tmp").exists());
        assert!(out.join(".other-d.tmp").exists());
        // younger than the run: kept
        std::fs::write(out.join(".wijkmonitor-e.tmp"), "x").unwrap();
        assert!(remove_stale(out, SystemTime::UNIX_EPOCH).is_empty());
    }
}
