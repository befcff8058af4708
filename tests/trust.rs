//! Hostile inputs (issue "Trust"): each test is named after a defect that a
//! sweep of generated inputs found, and fails without its fix.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::workdir::{Workdir, repo};

/// Every file under `dir`, relative paths.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// The sample register with the network `ruwaard` renamed to `new_id` in
/// every sheet, written as a new workbook.
fn register_with_id(path: &Path, new_id: &str) {
    register_with(path, |s| (s == "ruwaard").then(|| new_id.to_owned()));
}

/// The sample register with every text cell for which `edit` gives a new
/// text replaced, written as a new workbook.
fn register_with(path: &Path, edit: impl Fn(&str) -> Option<String>) {
    let mut source =
        open_workbook_auto(repo().join("sample-data/netwerken/register.xlsx")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::Empty => {}
                    Data::String(s) => {
                        let text = edit(s).unwrap_or_else(|| s.clone());
                        sheet.write_string(r, c, text).unwrap();
                    }
                    Data::Float(v) => {
                        sheet.write_number(r, c, *v).unwrap();
                    }
                    Data::Int(v) => {
                        sheet.write_number(r, c, *v as f64).unwrap();
                    }
                    Data::Bool(v) => {
                        sheet.write_boolean(r, c, *v).unwrap();
                    }
                    Data::DateTime(d) => {
                        sheet.write_number(r, c, d.as_f64()).unwrap();
                    }
                    other => {
                        sheet.write_string(r, c, other.to_string()).unwrap();
                    }
                }
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn network_id_cannot_write_outside_the_output_directory() {
    let wd = Workdir::new();
    let id = "a/../../../escape";
    std::fs::create_dir_all(wd.path().join("deep/er")).unwrap();
    register_with_id(&wd.path().join("register.xlsx"), id);
    wd.write(
        "p.toml",
        "name = \"p\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n\
         register = { path = \"register.xlsx\", kind = \"register\" }\n\
         [outputs]\nreports = true\n",
    );
    let run = wd.run(["run", "p.toml", "--out", "deep/er/uit", "--keep-data", "-q"]);
    let made = listing(wd.path());
    assert!(
        !made
            .iter()
            .any(|f| f.contains("escape") && !f.starts_with("deep/er/uit/")),
        "a file was written outside --out: {made:?}\n{}\n{}",
        run.stdout(),
        run.stderr()
    );
    run.expect_code(0);
    assert!(
        made.contains(&"deep/er/uit/netwerk-a%2F..%2F..%2F..%2Fescape.pdf".to_owned()),
        "{made:?}"
    );
    assert!(made.contains(&"deep/er/uit/data/netwerk-a%2F..%2F..%2F..%2Fescape.json".to_owned()));
}

/// A network name with emoji, CJK, Arabic or a byte-order mark made the
/// network's PDF fail ("could not be displayed with font Inter",
/// "disallowed codepoint U+FEFF" under PDF/UA-1) while `run --check` passed.
#[test]
fn unusual_text_in_a_register_renders_and_check_warns() {
    let wd = Workdir::new();
    register_with(&wd.path().join("register.xlsx"), |s| match s {
        "Proeftuin Ruwaard" => Some("\u{FEFF}Proeftuin 🙂 Ruwaard 北京 مرحبا\u{200B}".to_owned()),
        "Netwerk Kwetsbare Ouderen Gemert" => Some("Gemert ⵣ\u{E000}".to_owned()),
        _ => None,
    });
    wd.write(
        "p.toml",
        "name = \"p\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n\
         register = { path = \"register.xlsx\", kind = \"register\" }\n\
         [outputs]\nreports = true\n",
    );
    wd.run(["run", "p.toml", "--check"])
        .expect_code(0)
        .expect_stderr_contains("row 4, column \"naam\"")
        .expect_stderr_contains("'ⵣ' (U+2D63)")
        .expect_stderr_contains("U+E000");
    let run = wd.run([
        "run",
        "p.toml",
        "--out",
        "uit",
        "-q",
        "--network",
        "ruwaard",
        "gemert",
    ]);
    run.expect_code(0);
    for id in ["ruwaard", "gemert"] {
        let pdf = std::fs::read(wd.path().join(format!("uit/netwerk-{id}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{id}");
    }
}
