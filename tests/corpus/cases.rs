//! The generated cases of the corpus, by family. Every case is made from a
//! real fixture and a seed; its name says which, so a failure can be
//! replayed by running its family's test alone.

use std::path::Path;

use calamine::Data;

use super::Case;
use super::mutate::{
    CSV_MUTATIONS, HOSTILE_NUMBERS, Out, ZIP_MUTATIONS, hostile_text, mutate_bytes, mutate_csv,
    mutate_zip, rewrite_workbook,
};
use super::rng::Rng;
use crate::workdir::repo;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn args(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Small real-format open-data files (the real KWB 2023 cut to Utrecht, the
/// sample RIVM file, the synthetic layouts of other years).
const OPEN_XLSX: &[&str] = &[
    "tests/fixtures/other-years/kwb-2019.xlsx",
    "tests/fixtures/other-years/kwb-2020.xlsx",
    "tests/fixtures/real/kwb-2023-utrecht.xlsx",
    "sample-data/open-data/50090NED-2020-18plus-voorbeeldgemeenten.xlsx",
];
const OPEN_CSV: &[&str] = &[
    "tests/fixtures/other-years/kwb-2024.csv",
    "tests/fixtures/other-years/50120NED-2022-18plus.csv",
    "tests/fixtures/other-years/vektis-zvw-2011-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2015-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2021-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2022-postcode3.csv",
];

/// The command that reads an open-data file: mostly `inspect`; every third
/// case a KWB file goes through `profile` (tables only) to reach compute.
fn open_data_command(name: &str, i: usize) -> (Vec<String>, Option<String>) {
    if name.starts_with("kwb") && i.is_multiple_of(3) {
        let a = [
            "profile", "--kwb", name, "--all", "--level", "wijk", "--no-pdf", "--out", "uit", "-q",
        ];
        (args(&a), Some("uit".into()))
    } else if name.starts_with("vektis") && i.is_multiple_of(3) {
        let a = ["inspect", "--json", name];
        (args(&a), None)
    } else {
        (args(&["inspect", name]), None)
    }
}

fn open_case(family: &str, path: &str, what: &str, i: usize, bytes: Vec<u8>) -> Case {
    let name = file_name(path);
    let (args, out) = open_data_command(&name, i);
    Case {
        name: format!("{family}/{name}/{what}#{i}"),
        files: vec![(name.clone(), bytes)],
        args,
        blame: vec![name],
        out,
        prepare: None,
    }
}

/// Byte-level mutations of every open-data fixture.
pub fn open_data_bytes() -> Vec<Case> {
    let mut rng = Rng::new(0x0b1e_5eed);
    let mut cases = Vec::new();
    for path in OPEN_XLSX.iter().chain(OPEN_CSV) {
        let bytes = read(path);
        for i in 0..5 {
            let (what, mutated) = mutate_bytes(&mut rng, &bytes);
            cases.push(open_case("bytes", path, &what, i, mutated));
        }
    }
    cases
}

/// Structural CSV mutations of every CSV fixture.
pub fn open_data_csv() -> Vec<Case> {
    let mut rng = Rng::new(0xc5f_5eed);
    let mut cases = Vec::new();
    for path in OPEN_CSV {
        let bytes = read(path);
        // kwb-2024.csv is Windows-1252, as CBS publishes it
        let text = match String::from_utf8(bytes.clone()) {
            Ok(text) => text,
            Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
        };
        for (i, which) in CSV_MUTATIONS.iter().enumerate() {
            let mutated = mutate_csv(&mut rng, which, &text);
            cases.push(open_case("csv", path, which, i, mutated));
        }
    }
    cases
}

/// Archive-level mutations of every xlsx open-data fixture.
pub fn open_data_xlsx() -> Vec<Case> {
    let mut rng = Rng::new(0x715_5eed);
    let mut cases = Vec::new();
    for path in OPEN_XLSX {
        let bytes = read(path);
        for (i, which) in ZIP_MUTATIONS.iter().enumerate() {
            let mutated = mutate_zip(&mut rng, which, &bytes);
            cases.push(open_case("xlsx", path, which, i, mutated));
        }
    }
    cases
}

/// The networks' sample workbooks and the instrument of each responses file.
const NETWORK_FILES: &[(&str, &str, Option<&str>)] = &[
    ("register", "register.xlsx", None),
    (
        "responses",
        "antwoorden-positieve-gezondheid.xlsx",
        Some("positieve-gezondheid"),
    ),
    (
        "responses",
        "antwoorden-eenzaamheid-djg6.xlsx",
        Some("eenzaamheid-djg6"),
    ),
    (
        "responses",
        "antwoorden-welbevinden.xlsx",
        Some("welbevinden"),
    ),
    (
        "responses",
        "antwoorden-samenwerking.xlsx",
        Some("samenwerking-kaats-opheij"),
    ),
    ("matches", "matches-wedde.xlsx", None),
    ("questions", "vragen-samenredzaamheid.xlsx", None),
];

/// A pipeline over the sample networks' files, with `local` (a file name in
/// the working directory) in place of the sample file of the same name.
/// `outputs` is the `[outputs]` table's body.
pub fn network_pipeline(local: &str, outputs: &str) -> String {
    let dir = repo().join("sample-data/netwerken");
    let mut text =
        String::from("name = \"hostile\"\nyear = 2024\ndate = \"2025-03-01\"\n[inputs]\n");
    for (i, (kind, file, instrument)) in NETWORK_FILES.iter().enumerate() {
        let path = if *file == local {
            local.to_owned()
        } else {
            dir.join(file).display().to_string().replace('\\', "/")
        };
        let instrument = instrument
            .map(|n| format!(", instrument = \"{n}\""))
            .unwrap_or_default();
        text.push_str(&format!(
            "in{i} = {{ path = \"{path}\", kind = \"{kind}\"{instrument} }}\n"
        ));
    }
    text.push_str("[outputs]\n");
    text.push_str(outputs);
    text
}

/// The cell edits of the networks' workbooks, by name.
const CELL_EDITS: &[&str] = &[
    "hostile-text",
    "numbers-to-text",
    "text-to-numbers",
    "extreme-numbers",
    "blank-cells",
    "ids-with-path",
    "rename-sheets",
    "drop-sheet",
    "duplicate-header",
    "booleans",
];

fn edit_cell(rng: &mut Rng, which: &str, row: u32, cell: &Data) -> Out {
    let data_row = row > 0;
    match (which, cell) {
        ("hostile-text", Data::String(_)) if rng.chance(4) => Out::Text(hostile_text(rng)),
        ("numbers-to-text", Data::Float(_) | Data::Int(_) | Data::DateTime(_)) if data_row => {
            Out::Text(hostile_text(rng))
        }
        ("text-to-numbers", Data::String(_)) if data_row && rng.chance(3) => {
            Out::Number(*rng.pick(HOSTILE_NUMBERS))
        }
        ("extreme-numbers", Data::Float(_) | Data::Int(_) | Data::DateTime(_)) => {
            Out::Number(*rng.pick(HOSTILE_NUMBERS))
        }
        ("blank-cells", _) if rng.chance(5) => Out::Blank,
        ("ids-with-path", Data::String(s))
            if data_row && s.chars().all(|c| c.is_ascii_lowercase() || c == '-') =>
        {
            Out::Text(format!("../{s}/../../x"))
        }
        ("booleans", _) if data_row && rng.chance(4) => Out::Bool(rng.chance(2)),
        _ => Out::Keep,
    }
}

/// The outputs of a network case: `--check`, tables and workbook, or (one
/// case in ten) the reports.
fn network_command(i: usize) -> (&'static str, Vec<String>, Option<String>) {
    match i % 10 {
        4 => (
            "reports = true\n",
            args(&["run", "p.toml", "--out", "uit", "-q"]),
            Some("uit".into()),
        ),
        1 | 3 | 5 | 7 | 9 => (
            "tables = true\nworkbook = true\n",
            args(&["run", "p.toml", "--out", "uit", "-q"]),
            Some("uit".into()),
        ),
        _ => (
            "reports = true\n",
            args(&["run", "p.toml", "--check"]),
            None,
        ),
    }
}

fn network_case(what: &str, file: &str, i: usize, bytes: Vec<u8>) -> Case {
    let (outputs, args, out) = network_command(i);
    Case {
        name: format!("{what}/{file}#{i}"),
        files: vec![
            (file.to_owned(), bytes),
            (
                "p.toml".into(),
                network_pipeline(file, outputs).into_bytes(),
            ),
        ],
        args,
        blame: vec![file.to_owned()],
        out,
        prepare: None,
    }
}

/// Cell-level edits of every network workbook, read by `run`.
pub fn network_workbooks() -> Vec<Case> {
    let mut rng = Rng::new(0x7e7_5eed);
    let mut cases = Vec::new();
    for (_, file, _) in NETWORK_FILES {
        let bytes = read(&format!("sample-data/netwerken/{file}"));
        for (i, which) in CELL_EDITS.iter().enumerate() {
            let mut cell_rng = rng.clone();
            let dropped = std::cell::Cell::new(false);
            let mutated = rewrite_workbook(
                &bytes,
                |sheet, row, col, cell| match *which {
                    "duplicate-header" if row == 0 && col == 1 && sheet != "Toelichting" => {
                        Out::Text("id".into())
                    }
                    _ => edit_cell(&mut cell_rng, which, row, cell),
                },
                |name| match *which {
                    "rename-sheets" => Some(format!("{name} (2)")),
                    // the first sheet with data
                    "drop-sheet" if name != "Toelichting" && !dropped.get() => {
                        dropped.set(true);
                        None
                    }
                    _ => Some(name.to_owned()),
                },
            );
            rng.next_u64();
            cases.push(network_case(&format!("cells/{which}"), file, i, mutated));
        }
    }
    cases
}

/// Byte-level mutations of every network workbook.
pub fn network_bytes() -> Vec<Case> {
    let mut rng = Rng::new(0xb17e_5eed);
    let mut cases = Vec::new();
    for (_, file, _) in NETWORK_FILES {
        let bytes = read(&format!("sample-data/netwerken/{file}"));
        for i in 0..3 {
            let (what, mutated) = if i == 2 {
                let which = *rng.pick(ZIP_MUTATIONS);
                (which.to_owned(), mutate_zip(&mut rng, which, &bytes))
            } else {
                mutate_bytes(&mut rng, &bytes)
            };
            cases.push(network_case(&format!("bytes/{what}"), file, i, mutated));
        }
    }
    cases
}
