//! `wijkmonitor inspect` on the real published files, on the layouts of other
//! years, and on broken copies: source, year, rows, levels, indicators and
//! every problem with its place.

use serde_json::Value;

use crate::workdir::{Workdir, fixture, repo};

fn inspect_json(path: &std::path::Path, extra: &[&str]) -> (Value, i32) {
    let wd = Workdir::new();
    let mut args = vec!["inspect".to_owned(), "--json".to_owned()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(path.display().to_string());
    let run = wd.run(&args);
    let mut lines = run.json_lines();
    assert_eq!(lines.len(), 1, "one JSON object per file\n{}", run.stdout());
    (lines.remove(0), run.code())
}

fn level(v: &Value, name: &str) -> u64 {
    v["levels"][name].as_u64().unwrap_or(0)
}

fn indicators(v: &Value) -> Vec<&str> {
    v["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| i.as_str().expect("id"))
        .collect()
}

fn problems(v: &Value) -> &Vec<Value> {
    v["problems"].as_array().expect("problems")
}

#[test]
fn real_kwb_2023_utrecht() {
    let (v, code) = inspect_json(&fixture("real/kwb-2023-utrecht.xlsx"), &[]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["source"], "cbs-kwb");
    assert_eq!(v["year"], 2023);
    assert_eq!(v["sheet"], "kwb-2023");
    assert_eq!(v["rows"], 122);
    assert_eq!(
        (level(&v, "gemeente"), level(&v, "wijk"), level(&v, "buurt")),
        (1, 10, 111)
    );
    let ids = indicators(&v);
    for id in [
        "a_inw", "a_65_oo", "a_1p_hh", "p_hh_li", "g_afs_hp", "a_soz_wb", "p_wmo_t",
    ] {
        assert!(ids.contains(&id), "{id} recognised");
    }
    assert_eq!(
        v["unrecognised_columns"].as_array().unwrap().len(),
        0,
        "{v:#}"
    );
    assert!(
        problems(&v).is_empty(),
        "no spurious problems: {:#}",
        v["problems"]
    );
}

#[test]
fn real_rivm_2020_18plus() {
    let (v, code) = inspect_json(&fixture("real/50090NED-2020-18plus.xlsx"), &[]);
    assert_eq!(code, 0);
    assert_eq!(v["source"], "rivm-gezondheid");
    assert_eq!(v["year"], 2020);
    assert_eq!(v["rows"], 17341);
    assert_eq!(
        (
            level(&v, "land"),
            level(&v, "gemeente"),
            level(&v, "wijk"),
            level(&v, "buurt")
        ),
        (1, 355, 3177, 13808)
    );
    assert_eq!(v["age_groups"], serde_json::json!(["18+"]));
    let ids = indicators(&v);
    assert_eq!(ids.len(), 35, "{ids:?}");
    for id in ["lonely", "difficulty_making_ends_meet", "informal_carer"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let not_measured: Vec<&str> = v["indicator_columns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["has_values"] == false)
        .map(|c| c["column"].as_str().unwrap())
        .collect();
    assert_eq!(
        not_measured,
        [
            "LopenEnOfFietsenNaarSchoolOfWerk_34",
            "LopenNaarSchoolOfWerk_35",
            "FietsenNaarSchoolOfWerk_36"
        ]
    );
    assert!(v["unrecognised_columns"].as_array().unwrap().is_empty());
    assert!(problems(&v).is_empty(), "{:#}", v["problems"]);
}

/// The re-published Vektis files of 2011–2017 name the municipalities of the
/// 2019 division (355 names, `MIDDEN-GRONINGEN`, `WESTERWOLDE`, `HAAREN`);
/// `inspect` said they followed the division of the data year + 1.
#[test]
fn vektis_republished_2012_to_2016_follow_the_2019_division() {
    for year in [2012, 2014, 2016] {
        let file = repo().join(format!(
            "sample-data/open-data/vektis-zvw-{year}-gemeente.csv"
        ));
        let (v, code) = inspect_json(&file, &[]);
        assert_eq!(code, 0, "{year}: {:#}", v["problems"]);
        assert_eq!(v["year"], year);
        assert_eq!(v["municipal_division"], 2019, "{year}");
        assert_eq!(level(&v, "gemeente"), 355, "{year}");
        assert!(problems(&v).is_empty(), "{year}: {:#}", v["problems"]);
    }
}

#[test]
fn real_vektis_2018_and_2023() {
    for (file, year, rows, gemeenten, division) in [
        ("real/vektis-zvw-2018-gemeente.csv", 2018, 13483, 355, 2019),
        ("real/vektis-zvw-2023-gemeente.csv", 2023, 12989, 342, 2023),
    ] {
        let (v, code) = inspect_json(&fixture(file), &[]);
        assert_eq!(code, 0, "{file}: {:#}", v["problems"]);
        assert_eq!(v["source"], "vektis-zvw-gemeente", "{file}");
        assert_eq!(v["year"], year, "{file}");
        assert_eq!(v["rows"], rows, "{file}");
        assert_eq!(level(&v, "gemeente"), gemeenten, "{file}");
        assert_eq!(level(&v, "rest"), 1, "{file}");
        assert_eq!(v["municipal_division"], division, "{file}");
        let ids = indicators(&v);
        for id in ["insured_years", "cost_pharmacy", "cost_district_nursing"] {
            assert!(ids.contains(&id), "{file}: {id} in {ids:?}");
        }
        assert!(
            v["unrecognised_columns"].as_array().unwrap().is_empty(),
            "{file}"
        );
        assert!(problems(&v).is_empty(), "{file}: {:#}", v["problems"]);
    }
}

#[test]
fn other_years_layouts_are_read() {
    for (file, source, year, rows) in [
        ("other-years/kwb-2019.xlsx", "cbs-kwb", 2019, 5),
        ("other-years/kwb-2020.xlsx", "cbs-kwb", 2020, 7),
        ("other-years/kwb-2024.csv", "cbs-kwb", 2024, 5),
        (
            "other-years/50120NED-2022-18plus.csv",
            "rivm-gezondheid",
            2022,
            15,
        ),
        (
            "other-years/vektis-zvw-2011-gemeente.csv",
            "vektis-zvw-gemeente",
            2011,
            24,
        ),
        (
            "other-years/vektis-zvw-2015-gemeente.csv",
            "vektis-zvw-gemeente",
            2015,
            0,
        ),
        (
            "other-years/vektis-zvw-2021-gemeente.csv",
            "vektis-zvw-gemeente",
            2021,
            0,
        ),
        (
            "other-years/vektis-zvw-2022-postcode3.csv",
            "vektis-zvw-postcode3",
            2022,
            0,
        ),
    ] {
        let (v, code) = inspect_json(&fixture(file), &[]);
        assert_eq!(v["source"], source, "{file}");
        assert_eq!(v["year"], year, "{file}");
        if rows > 0 {
            assert_eq!(v["rows"], rows, "{file}");
        }
        assert!(
            v["unrecognised_columns"].as_array().unwrap().is_empty(),
            "{file}: {v:#}"
        );
        let errors: Vec<&Value> = problems(&v)
            .iter()
            .filter(|p| p["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        assert_eq!(code, 0, "{file}");
    }
}

#[test]
fn kwb_2024_csv_windows_1252_with_trailing_spaces() {
    let wd = Workdir::new();
    let run = wd.run(["inspect", "--out", "tabellen"]).code();
    assert_eq!(run, 2, "inspect without files is a usage error");
    let run = wd.run([
        "inspect".as_ref(),
        "--out".as_ref(),
        "tabellen".as_ref(),
        fixture("other-years/kwb-2024.csv").as_os_str(),
    ]);
    run.expect_code(0).expect_stdout_contains("Windows-1252");
    let csv = std::fs::read_to_string(wd.path().join("tabellen/kwb-2024.csv")).unwrap();
    assert!(
        csv.contains("Súdwest-Fryslân") || csv.contains("GM1900"),
        "{}",
        &csv[..500.min(csv.len())]
    );
    // Trailing spaces are gone from the indicator ids.
    assert!(
        csv.contains(",a_nb_won,"),
        "a_nb_won without its trailing space"
    );
    assert!(wd.path().join("tabellen/kwb-2024.parquet").exists());
}

#[test]
fn rivm_margins_become_intervals() {
    let wd = Workdir::new();
    let run = wd.run([
        "inspect".as_ref(),
        "--out".as_ref(),
        "t".as_ref(),
        fixture("other-years/50120NED-2022-18plus.csv").as_os_str(),
    ]);
    run.expect_code(0);
    let csv = std::fs::read_to_string(wd.path().join("t/50120NED-2022-18plus.csv")).unwrap();
    let line = csv
        .lines()
        .find(|l| l.contains(",GM0828,") && l.contains(",lonely,"))
        .expect("GM0828 lonely row");
    assert!(line.contains(",47.3,45.8,48.8,"), "{line}");
}

// ---- broken copies ----------------------------------------------------------

#[test]
fn truncated_xlsx_is_a_clear_error() {
    let wd = Workdir::new();
    let bytes = std::fs::read(fixture("real/kwb-2023-utrecht.xlsx")).unwrap();
    let path = wd.write("kwb-2023-kapot.xlsx", &bytes[..bytes.len() / 2]);
    let run = wd.run(["inspect".as_ref(), path.as_os_str()]);
    run.expect_code(1)
        .expect_stderr_contains("kwb-2023-kapot.xlsx")
        .expect_stderr_contains("truncated or damaged");
}

#[test]
fn text_file_named_xlsx_and_empty_file() {
    let wd = Workdir::new();
    let wrong = wd.write("gegevens.xlsx", "a;b;c\n1;2;3\n");
    let empty = wd.write("leeg.csv", "");
    let run = wd.run(["inspect".as_ref(), wrong.as_os_str(), empty.as_os_str()]);
    run.expect_code(1)
        .expect_stderr_contains("gegevens.xlsx: expected a .xlsx workbook")
        .expect_stderr_contains("CSV file with the wrong extension")
        .expect_stderr_contains("leeg.csv: the file is empty");
    let missing = wd.run(["inspect", "bestaat-niet.xlsx"]);
    missing
        .expect_code(1)
        .expect_stderr_contains("bestaat-niet.xlsx: cannot read the file");
}

#[test]
fn unknown_file_says_what_was_expected() {
    let wd = Workdir::new();
    let path = wd.write("iets.csv", "naam;waarde\nx;1\n");
    let (v, code) = inspect_json(&path, &[]);
    assert_eq!(code, 1);
    assert_eq!(v["source"], "unknown");
    let message = problems(&v)[0]["message"].as_str().unwrap();
    assert!(message.contains("not a recognised source"), "{message}");
}

/// A KWB CSV in Windows-1252 with decimal commas, a text cell in a number
/// column and an unknown column: every problem named with row and column.
#[test]
fn broken_kwb_csv_reports_every_cell() {
    let wd = Workdir::new();
    let text = "gwb_code_10;gwb_code_8;regio;gm_naam;recs;a_inw;g_hhgro;p_1gezw;mijn_kolom\r\n\
                GM1900;1900;S\u{fa}dwest-Frysl\u{e2}n;S\u{fa}dwest-Frysl\u{e2}n;Gemeente;91872;2,3;75;1\r\n\
                WK190000;190000;Wijk 00 Sneek;S\u{fa}dwest-Frysl\u{e2}n;Wijk;veel;2,1;     .;2\r\n\
                BU19000000;19000000;Binnenst\u{ea}d;S\u{fa}dwest-Frysl\u{e2}n;Buurt;2915;1,9;onbekend;3\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let path = wd.write("kwb-2024-kapot.csv", &bytes);
    let (v, code) = inspect_json(&path, &[]);
    assert_eq!(code, 1);
    assert_eq!(v["year"], 2024);
    assert_eq!(v["unrecognised_columns"], serde_json::json!(["mijn_kolom"]));
    let found: Vec<(u64, &str, &str)> = problems(&v)
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap(),
                p["found"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [(3, "a_inw", "veel"), (4, "p_1gezw", "onbekend")]);
    assert_eq!(problems(&v)[0]["expected"], "a number (column F)");
    // The decimal comma was read, the padded '.' is missing, not zero.
    let wd2 = Workdir::new();
    let run = wd2.run([
        "inspect".as_ref(),
        "--out".as_ref(),
        "t".as_ref(),
        path.as_os_str(),
    ]);
    run.expect_code(1);
    let csv = std::fs::read_to_string(wd2.path().join("t/kwb-2024-kapot.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains("GM1900") && l.contains(",g_hhgro,2.3,")),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l.contains("WK190000")
            && l.contains(",p_1gezw,,")
            && l.ends_with("suppressed")),
        "{csv}"
    );
    assert!(csv.contains("Súdwest-Fryslân"));
}

#[test]
fn year_override_and_unknown_year() {
    let wd = Workdir::new();
    let bytes = std::fs::read(fixture("real/kwb-2023-utrecht.xlsx")).unwrap();
    // The sheet name still says kwb-2023, so the year is found there.
    let path = wd.write("kerncijfers.xlsx", &bytes);
    let (v, _) = inspect_json(&path, &[]);
    assert_eq!(v["year"], 2023);
    assert_eq!(v["year_origin"], "sheet_name");
    let (v, _) = inspect_json(&path, &["--year", "2022"]);
    assert_eq!(v["year"], 2022);
    assert_eq!(v["year_origin"], "override");
    let vektis = std::fs::read(fixture("real/vektis-zvw-2023-gemeente.csv")).unwrap();
    let path = wd.write("zvw.csv", &vektis);
    let (v, _) = inspect_json(&path, &[]);
    assert_eq!(v["year"], Value::Null);
    assert!(
        problems(&v).iter().any(|p| p["message"]
            .as_str()
            .unwrap()
            .contains("the year is unknown")),
        "{:#}",
        v["problems"]
    );
}

#[test]
fn vektis_unknown_municipality_is_reported_not_dropped() {
    let wd = Workdir::new();
    let text = "geslacht;leeftijdsklasse;gemeentenaam;aantal_bsn;aantal_verzekerdejaren;kosten_farmacie\n\
                ;;;100;90.5;1000\n\
                M; 0 t/m  4 jaar;UTRECHT;10;9.5;-12.5\n\
                V;90+;ATLANTIS;5;4;\n\
                V;90+;UTRECHT;5;4;abc\n";
    let path = wd.write("vektis-zvw-2023-gemeente.csv", text);
    let (v, code) = inspect_json(&path, &[]);
    assert_eq!(code, 1);
    let messages: Vec<String> = problems(&v)
        .iter()
        .map(|p| format!("{} {}", p["row"], p["message"].as_str().unwrap_or_default()))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("4 ") && m.contains("\"ATLANTIS\" is not in the register")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("5 ") && m.contains("found \"abc\"")),
        "{messages:?}"
    );
    assert_eq!(level(&v, "rest"), 1);
}

#[test]
fn all_real_files_in_one_call() {
    let wd = Workdir::new();
    let run = wd.run([
        "inspect".as_ref(),
        fixture("real/kwb-2023-utrecht.xlsx").as_os_str(),
        fixture("real/vektis-zvw-2023-gemeente.csv").as_os_str(),
    ]);
    run.expect_code(0)
        .expect_stdout_contains("cbs-kwb")
        .expect_stdout_contains("vektis-zvw-gemeente")
        .expect_stdout_contains("1 gemeente, 10 wijk, 111 buurt")
        .expect_stdout_contains("problems  none");
}

/// The parallel xlsx reader of open data gives the same grid as calamine,
/// cell by cell, on real files of three producers (StatLine/Excel, openpyxl,
/// rust_xlsxwriter).
#[test]
fn the_fast_xlsx_reader_reads_what_calamine_reads() {
    use wijkmonitor::ingest::grid::{read_grid_bytes, read_open_data_grid};
    for file in [
        "real/50090NED-2020-18plus.xlsx",
        "real/kwb-2023-utrecht.xlsx",
        "other-years/kwb-2019.xlsx",
        "other-years/kwb-2020.xlsx",
        "network/register.xlsx",
    ] {
        let path = crate::workdir::fixture(file);
        let bytes = std::fs::read(&path).unwrap();
        let slow = read_grid_bytes(&path, &bytes).unwrap();
        let fast = read_open_data_grid(&path, &bytes).unwrap();
        assert_eq!(slow.sheets.len(), fast.sheets.len(), "{file}");
        for (a, b) in slow.sheets.iter().zip(&fast.sheets) {
            assert_eq!(a.name, b.name, "{file}");
            assert_eq!(
                (a.first_row, a.first_col),
                (b.first_row, b.first_col),
                "{file} {}",
                a.name
            );
            assert_eq!(a.rows.len(), b.rows.len(), "{file} {}", a.name);
            for (r, (x, y)) in a.rows.iter().zip(&b.rows).enumerate() {
                let width = x.len().max(y.len());
                for c in 0..width {
                    let (p, q) = (a.cell(r, c), b.cell(r, c));
                    // calamine gives date-formatted cells as dates; the fast
                    // reader (for open data, which hold none) as numbers.
                    let same = match (p, q) {
                        (
                            wijkmonitor::ingest::grid::Cell::Date(d),
                            wijkmonitor::ingest::grid::Cell::Number(n),
                        ) => d == n,
                        _ => p == q,
                    };
                    assert!(same, "{file} {} row {r} col {c}: {p:?} vs {q:?}", a.name);
                }
            }
        }
    }
}

/// Damaged workbooks give an error naming the file, never a panic: the
/// real RIVM file cut at many points, and with bytes flipped.
#[test]
fn damaged_workbooks_are_errors_not_panics() {
    use wijkmonitor::ingest::grid::read_open_data_grid;
    let path = crate::workdir::fixture("real/kwb-2023-utrecht.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    // A cut file has lost the zip's central directory at its end: always an error.
    for cut in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
        let error = read_open_data_grid(&path, &bytes[..cut])
            .expect_err("a truncated workbook is an error");
        assert!(
            error.to_string().contains("kwb-2023-utrecht.xlsx"),
            "{error}"
        );
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut errors = 0;
    for _ in 0..200 {
        let mut damaged = bytes.clone();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % damaged.len() as u64) as usize;
            damaged[at] ^= (state >> 32) as u8 | 1;
        }
        if let Err(e) = read_open_data_grid(&path, &damaged) {
            assert!(e.to_string().contains("kwb-2023-utrecht.xlsx"), "{e}");
            errors += 1;
        }
    }
    // Some damage goes unnoticed (a flipped byte in a cell's text), but not all of it.
    assert!(errors > 0, "no damaged workbook was refused");
}

/// Issue 11, defect 5: RIVM percentages of −76.6 or 200 passed; the
/// indicator catalogue declares the plausible range (0 to 100), and a value
/// outside is an error naming file, sheet, row, column, expected and found.
#[test]
fn rivm_percentages_of_minus_76_6_or_200_pass() {
    let wd = Workdir::new();
    let text = "\"ID\";\"Leeftijd\";\"Marges\";\"WijkenEnBuurten\";\"Perioden\";\"Gemeentenaam_1\";\
                \"SoortRegio_2\";\"Codering_3\";\"Roker_11\";\"Eenzaam_27\"\r\n\
                \"0\";\"20300\";\"MW00000\";\"NL01\";\"2022JJ00\";\"Nederland\";\"Land\";\"NL01\";\"17.0\";\"49.2\"\r\n\
                \"1\";\"20300\";\"MW00000\";\"GM0828\";\"2022JJ00\";\"Oss\";\"Gemeente\";\"GM0828\";\"200\";\"-76.6\"\r\n\
                \"2\";\"20300\";\"MW00000\";\"GM0344\";\"2022JJ00\";\"Utrecht\";\"Gemeente\";\"GM0344\";\"100\";\"0\"\r\n";
    let path = wd.write("50120NED-2022-18plus-kapot.csv", text);
    let (v, code) = inspect_json(&path, &[]);
    assert_eq!(code, 1);
    let found: Vec<(u64, &str, &str, &str)> = problems(&v)
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap(),
                p["expected"].as_str().unwrap(),
                p["found"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                3,
                "Roker_11",
                "a value from 0 to 100 (the plausible range of smoker in pipelines/indicators.toml)",
                "200"
            ),
            (
                3,
                "Eenzaam_27",
                "a value from 0 to 100 (the plausible range of lonely in pipelines/indicators.toml)",
                "-76.6"
            ),
        ]
    );
}
