//! Golden text of the reports: the text of every page of a few reports of
//! the example pipeline, extracted with `pdftotext -layout` (poppler-utils),
//! against committed references in `tests/expect/`. A change of wording or
//! layout shows in review as a diff of those files. `UPDATE_EXPECT=1 cargo
//! test golden` rewrites them (as typst's own tests do).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::workdir::{Workdir, repo};

/// The reports whose text is pinned: two networks and two profiles in
/// Dutch, one of each in English.
const REPORTS: [(&str, &str); 6] = [
    ("nl", "netwerk-ruwaard.pdf"),
    ("nl", "netwerk-america.pdf"),
    ("nl", "profiel-WK082806.pdf"),
    ("nl", "profiel-GM1507.pdf"),
    ("en", "netwerk-ruwaard.pdf"),
    ("en", "profiel-WK082806.pdf"),
];

fn expect_dir() -> PathBuf {
    repo().join("tests/expect")
}

/// The text of a PDF, page by page (form feeds between pages), with
/// trailing spaces removed so that editors do not fight over them.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; .ci/run installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn golden_text_of_the_reports() {
    let wd = Workdir::new();
    let pipeline = repo().join("pipelines/voorbeeld.toml");
    for lang in ["nl", "en"] {
        wd.run([
            "run".as_ref(),
            pipeline.as_os_str(),
            "--out".as_ref(),
            lang.as_ref(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--network".as_ref(),
            "ruwaard".as_ref(),
            "america".as_ref(),
            "-q".as_ref(),
        ])
        .expect_code(0);
    }
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut differ = Vec::new();
    for (lang, file) in REPORTS {
        let text = pdf_text(&wd.path().join(lang).join(file));
        let name = format!("{}-{lang}.txt", file.trim_end_matches(".pdf"));
        let path = expect_dir().join(&name);
        if update {
            std::fs::create_dir_all(expect_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != text {
            let actual = wd.path().join(&name);
            std::fs::write(&actual, &text).unwrap();
            let first = expected
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(text.lines().count()));
            differ.push(format!(
                "{name}: first difference at line {}:\n  expected: {:?}\n  found:    {:?}",
                first + 1,
                expected.lines().nth(first).unwrap_or("<end>"),
                text.lines().nth(first).unwrap_or("<end>"),
            ));
        }
    }
    if !differ.is_empty() {
        // Keep the work directory for a look at the whole text.
        let kept = wd.keep();
        panic!(
            "the text of {} report(s) changed (UPDATE_EXPECT=1 cargo test golden accepts it; \
             the new texts are in {}):\n{}",
            differ.len(),
            kept.display(),
            differ.join("\n")
        );
    }
}
