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
    register_with_formula(path, edit, None);
}

/// The sample register with its sheets renamed by `rename`.
fn register_with_sheets(path: &Path, rename: impl Fn(&str) -> String) {
    rewrite_register(path, |_| None, None, rename);
}

/// Like [`register_with`], with the cell (sheet, 0-based row and column)
/// replaced by a formula.
fn register_with_formula(
    path: &Path,
    edit: impl Fn(&str) -> Option<String>,
    formula: Option<(&str, u32, u16, &str)>,
) {
    rewrite_register(path, edit, formula, str::to_owned);
}

/// The sample register rewritten: text cells edited, one cell (sheet,
/// 0-based row and column) replaced by a formula, sheets renamed.
fn rewrite_register(
    path: &Path,
    edit: impl Fn(&str) -> Option<String>,
    formula: Option<(&str, u32, u16, &str)>,
    rename: impl Fn(&str) -> String,
) {
    let mut source =
        open_workbook_auto(repo().join("sample-data/netwerken/register.xlsx")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name(rename(&name)).unwrap();
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
        if let Some((_, r, c, f)) = formula.filter(|(s, ..)| *s == name) {
            sheet.write_formula(r, c, f).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Rewrites an xlsx file with the saved values of its formulas removed, as a
/// program that writes formulas without computing them leaves them.
pub fn strip_formula_values(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).unwrap();
            data = text.replace("</f><v>0</v>", "</f>").into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default();
        out.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// Issue 11, defect 5: KWB area codes that were empty, too short for their
/// level, of an unknown prefix or duplicated were accepted silently (an empty
/// code with recs `Wijk` became the code `WK`).
#[test]
fn kwb_area_codes_empty_short_unknown_or_duplicated_are_reported() {
    let wd = Workdir::new();
    wd.write(
        "kwb-2023-test.csv",
        "gwb_code_10;regio;gm_naam;recs;a_inw\n\
         NL00;Nederland;Nederland;Land;17000000\n\
         GM0344;Utrecht;Utrecht;Gemeente;360000\n\
         ;Leeg;Utrecht;Wijk;5\n\
         WK0344;Kort;Utrecht;Wijk;5\n\
         XX034401;Onbekend;Utrecht;Wijk;5\n\
         WK034401;Wijk 01;Utrecht;Wijk;100\n\
         WK034401;Wijk 01 nog eens;Utrecht;Wijk;100\n\
         BU0344011;Buurt te kort;Utrecht;Buurt;3\n",
    );
    let run = wd.run(["inspect", "--json", "kwb-2023-test.csv"]);
    run.expect_code(1);
    let file = &run.json_lines()[0];
    let problems = file["problems"].as_array().unwrap();
    let at = |row: u64| {
        problems
            .iter()
            .find(|p| p["row"] == row)
            .unwrap_or_else(|| panic!("no problem in row {row}: {problems:?}"))
    };
    for (row, found) in [
        (4, ""),
        (5, "WK0344"),
        (6, "XX034401"),
        (8, "WK034401"),
        (9, "BU0344011"),
    ] {
        let p = at(row);
        assert_eq!(p["column"], "gwb_code_10", "{p}");
        assert_eq!(p["found"], found, "{p}");
        assert_eq!(p["severity"], "error", "{p}");
        assert_eq!(p["sheet"], "kwb-2023-test", "{p}");
        assert!(p["expected"].as_str().is_some_and(|e| !e.is_empty()));
    }
    assert!(at(8)["expected"].as_str().unwrap().contains("row 7"));
    // Only the good rows are areas: the country, the municipality, one wijk.
    assert_eq!(file["levels"]["wijk"], 1, "{file}");
    assert!(file["levels"].get("buurt").is_none(), "{file}");
}

/// Issue 11, defect 5: a Vektis `aantal_bsn` of 12.5 or −3 (and negative
/// insured-years) were read as counts without a word.
#[test]
fn vektis_counts_fractional_or_negative_are_reported() {
    let wd = Workdir::new();
    let real =
        std::fs::read_to_string(repo().join("tests/fixtures/real/vektis-zvw-2023-gemeente.csv"))
            .unwrap();
    let mut lines: Vec<String> = real.lines().take(6).map(str::to_owned).collect();
    let edit = |line: &str, col: usize, value: &str| {
        let mut cells: Vec<&str> = line.split(';').collect();
        cells[col] = value;
        cells.join(";")
    };
    lines[1] = edit(&lines[1], 3, "12.5");
    lines[2] = edit(&lines[2], 3, "-3");
    lines[3] = edit(&lines[3], 4, "-1.5");
    wd.write("vektis-zvw-2023-gemeente.csv", lines.join("\n") + "\n");
    let run = wd.run(["inspect", "--json", "vektis-zvw-2023-gemeente.csv"]);
    run.expect_code(1);
    let file = &run.json_lines()[0];
    let problems = file["problems"].as_array().unwrap();
    for (row, column, found) in [
        (2, "aantal_bsn", "12.5"),
        (3, "aantal_bsn", "-3"),
        (4, "aantal_verzekerdejaren", "-1.5"),
    ] {
        assert!(
            problems.iter().any(|p| p["row"] == row
                && p["column"] == column
                && p["found"] == found
                && p["severity"] == "error"),
            "row {row}: {problems:?}"
        );
    }
    assert_eq!(
        problems.iter().filter(|p| p["severity"] == "error").count(),
        3,
        "{problems:?}"
    );
}

/// Issue 11, defect 5: a formula without a saved value (a workbook written by
/// a program that does not compute formulas) read as an empty cell, silently.
#[test]
fn formula_without_saved_value_is_reported() {
    let wd = Workdir::new();
    let path = wd.path().join("register.xlsx");
    // gebieden, row 2 (0-based 1), column B: gebiedscode
    register_with_formula(
        &path,
        |_| None,
        Some(("gebieden", 1, 1, "=\"WK\"&\"082801\"")),
    );
    strip_formula_values(&path);
    wd.write(
        "p.toml",
        "name = \"p\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n\
         register = { path = \"register.xlsx\", kind = \"register\" }\n\
         [outputs]\nreports = true\n",
    );
    wd.run(["run", "p.toml", "--check"])
        .expect_code(1)
        .expect_stderr_contains("register.xlsx, sheet \"gebieden\", row 2, column \"gebiedscode\"")
        .expect_stderr_contains("formula without a saved value: open and save the file in Excel");
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

/// A pipeline of the sample networks' files with the register `register`.
fn network_pipeline(wd: &Workdir, register: &str) {
    let net = repo().join("sample-data/netwerken");
    let input = |file: &str| net.join(file).display().to_string().replace('\\', "/");
    wd.write(
        "p.toml",
        format!(
            "name = \"p\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n\
             register = {{ path = \"{register}\", kind = \"register\" }}\n\
             pg = {{ path = \"{}\", kind = \"responses\", instrument = \"positieve-gezondheid\" }}\n\
             matches = {{ path = \"{}\", kind = \"matches\" }}\n\
             vragen = {{ path = \"{}\", kind = \"questions\" }}\n\
             [outputs]\nreports = true\n",
            input("antwoorden-positieve-gezondheid.xlsx"),
            input("matches-wedde.xlsx"),
            input("vragen-samenredzaamheid.xlsx"),
        ),
    );
}

/// Issue 11, defect 6: a register with a renamed `netwerken` sheet (or one
/// without a required column) gave one real error and ~2 000 follow-on
/// errors ("the network … is not in the register") from the other files.
#[test]
fn register_without_networks_sheet_reports_the_cause_once() {
    for case in ["renamed sheet", "missing column", "unreadable file"] {
        let wd = Workdir::new();
        let path = wd.path().join("register.xlsx");
        match case {
            "renamed sheet" => register_with_sheets(&path, |s| {
                if s == "netwerken" {
                    "Netwerken 2024".to_owned()
                } else {
                    s.to_owned()
                }
            }),
            "missing column" => register_with(&path, |s| (s == "id").then(|| "code".to_owned())),
            _ => std::fs::write(&path, b"PK\x03\x04 not a workbook").unwrap(),
        }
        network_pipeline(&wd, "register.xlsx");
        let run = wd.run(["run", "p.toml", "--check"]);
        run.expect_code(1);
        let stderr = run.stderr();
        assert!(!stderr.contains("not in the register"), "{case}: {stderr}");
        if case != "unreadable file" {
            run.expect_stderr_contains("are not checked against the register");
        }
        let errors = stderr.lines().filter(|l| l.contains(": error: ")).count();
        assert!(errors <= 3, "{case}: {errors} errors\n{stderr}");
    }
}

/// Found by the hostile corpus: `run -q` with an error in an input made
/// its outputs and exited 1 without a word on what was wrong ("print
/// nothing but errors" printed no errors either).
#[test]
fn quiet_run_with_input_errors_still_prints_them() {
    let wd = Workdir::new();
    register_with(&wd.path().join("register.xlsx"), |s| {
        (s == "ruwaard").then(|| "ruwaard met spatie".to_owned())
    });
    wd.write(
        "p.toml",
        "name = \"p\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n\
         register = { path = \"register.xlsx\", kind = \"register\" }\n\
         [outputs]\ntables = true\n",
    );
    let run = wd.run(["run", "p.toml", "--out", "uit", "-q"]);
    run.expect_code(1)
        .expect_stderr_contains("register.xlsx, sheet \"netwerken\", row 2, column \"id\"");
    assert!(run.stdout().is_empty(), "{}", run.stdout());
}

/// Where the real files of the shared data are (`/work/shared/data`, see its README);
/// `WIJKMONITOR_SHARED_DATA` overrides.
fn shared_data() -> std::path::PathBuf {
    std::env::var_os("WIJKMONITOR_SHARED_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("/work/shared/data"))
}

/// Defect 10: the profile dropped 10 of the 28 indicators a RIVM 2016/2020 file publishes
/// and most KWB variables. Every column of the real RIVM 2016 (65+) and 2020 (18+) files and
/// every KWB variable of the Utrecht file that holds a value reaches tables/profile with that
/// value, for a municipality, a wijk and a buurt — against an independent read with openpyxl
/// (`tests/fixtures/reference/published_indicators.py`, its output beside it). A column
/// without any value in the whole file (not measured that year: walking and cycling in 2016
/// and 2020, 45 KWB columns of this early release) has nothing to reach the table with.
#[test]
fn every_published_indicator_of_the_real_files_reaches_tables_profile() {
    use wijkmonitor::ingest::catalog::Catalog;
    use wijkmonitor::spec::catalogue::{Derivation, IndicatorCatalogue};

    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/reference/published_indicators.json"))
            .unwrap(),
    )
    .unwrap();
    let shared = shared_data();
    let wd = Workdir::new();
    let run = wd.run([
        "profile".as_ref(),
        "-q".as_ref(),
        "--kwb".as_ref(),
        shared.join("cbs-kwb/kwb-2023-utrecht.xlsx").as_os_str(),
        "--ggd".as_ref(),
        shared
            .join("rivm-gezondheid/50090NED-2016-65plus.xlsx")
            .as_os_str(),
        shared
            .join("rivm-gezondheid/50090NED-2020-18plus.xlsx")
            .as_os_str(),
        "--area".as_ref(),
        "GM0344".as_ref(),
        "WK034401".as_ref(),
        "BU03440111".as_ref(),
        "--no-pdf".as_ref(),
        "--out".as_ref(),
        "uit".as_ref(),
    ]);
    run.expect_code(0);
    // (source, indicator, period, age group, area) → (value, polarity)
    let mut table = std::collections::HashMap::new();
    let mut reader = csv::Reader::from_path(wd.path().join("uit/tables/profile.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (source, indicator, period, age, area, value, polarity) = (
        at("source"),
        at("indicator"),
        at("period"),
        at("age_group"),
        at("area_code"),
        at("value"),
        at("polarity"),
    );
    for record in reader.records() {
        let r = record.unwrap();
        table.insert(
            (
                r[source].to_owned(),
                r[indicator].to_owned(),
                r[period].to_owned(),
                r[age].to_owned(),
                r[area].to_owned(),
            ),
            (r[value].parse::<f64>().ok(), r[polarity].to_owned()),
        );
    }

    // The column's indicator id in profile.csv: the catalogue's indicator that publishes it
    // as it is, else the reader's tidy id (an undeclared indicator).
    let catalogue = IndicatorCatalogue::builtin().unwrap();
    let catalog = Catalog::builtin();
    let id_of = |source: &str, column: &str| -> (String, bool) {
        let tidy = if source == "cbs-kwb" {
            column.to_ascii_lowercase()
        } else {
            catalog
                .rivm_indicator(column)
                .unwrap_or_else(|| panic!("{column}: a RIVM stem the reader does not know"))
                .id
                .clone()
        };
        catalogue
            .indicators
            .iter()
            .find(|i| {
                i.source.id() == source
                    && matches!(&i.derivation, Derivation::Value { indicator } if *indicator == tidy)
            })
            .map_or((tidy, false), |i| (i.id.clone(), true))
    };

    let (mut checked, mut undeclared, mut with_values) = (0, 0, 0);
    for (file, expected) in reference.as_object().unwrap() {
        let source = expected["source"].as_str().unwrap();
        let period = expected["period"].to_string();
        let age = expected["age_group"].as_str().unwrap_or("");
        for column in expected["columns"].as_array().unwrap() {
            let column = column.as_str().unwrap();
            if !expected["has_values"][column].as_bool().unwrap() {
                continue;
            }
            with_values += 1;
            let (id, declared) = id_of(source, column);
            undeclared += usize::from(!declared);
            for code in ["GM0344", "WK034401", "BU03440111"] {
                let want = expected["values"][code][column].as_f64();
                let key = (
                    source.to_owned(),
                    id.clone(),
                    period.clone(),
                    age.to_owned(),
                    code.to_owned(),
                );
                let found = table.get(&key);
                match (want, found) {
                    (Some(want), Some((Some(got), polarity))) => {
                        assert!(
                            (want - got).abs() <= 1e-9 * want.abs().max(1.0),
                            "{file} {column} {code}: openpyxl {want}, profile.csv {got}"
                        );
                        assert_eq!(
                            polarity.is_empty(),
                            !declared,
                            "{file} {column}: polarity {polarity:?}"
                        );
                        checked += 1;
                    }
                    // suppressed or not published for this area: no value, never 0
                    (None, None | Some((None, _))) => {}
                    (want, found) => {
                        panic!(
                            "{file} {column} ({id}) {code}: openpyxl {want:?}, profile.csv {found:?}"
                        )
                    }
                }
            }
        }
    }
    // 27 columns of 2016 and 32 of 2020 hold values, 68 of the Utrecht KWB file.
    assert_eq!(with_values, 27 + 32 + 68);
    assert!(undeclared > 40, "{undeclared} undeclared");
    assert!(checked > 250, "{checked} values compared");
}

/// Defect 13: a national run held every observation of its inputs, the whole profile table
/// and two more copies of it (typed columns, a polars frame) to the end: 3.7 GiB for the
/// buurten of the country. Scaled down but national in structure — every buurt of the
/// country (13 808) from the national RIVM file, with Vektis, the table streamed to disk —
/// it now runs within 1 100 MiB of address space (`ulimit -v`); before the fix it aborted
/// there (peak 872 MiB resident when the allocation failed; 975 MiB without the limit,
/// 619 MiB now).
#[test]
fn national_buurt_profiles_fit_in_a_limited_address_space() {
    let wd = Workdir::new();
    let rivm = repo().join("tests/fixtures/real/50090NED-2020-18plus.xlsx");
    let vektis = repo().join("tests/fixtures/real/vektis-zvw-2023-gemeente.csv");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1126400 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_wijkmonitor"))
        .args(["profile", "-q", "-j", "2", "--ggd"])
        .arg(&rivm)
        .arg("--vektis")
        .arg(&vektis)
        .args(["--all", "--level", "buurt", "--no-pdf", "--out", "uit"])
        .current_dir(wd.path())
        .output()
        .expect("run sh");
    assert!(
        output.status.success(),
        "{:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_path(wd.path().join("uit/tables/profile.csv")).unwrap();
    let areas: std::collections::HashSet<String> =
        reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(areas.len(), 13_808);
}
