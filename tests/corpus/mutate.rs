//! Mutations of real files: bytes (flips, truncation, insertions), CSV text
//! (delimiters, encodings, NUL bytes, huge fields), xlsx archives (one part
//! edited, removed or renamed) and workbook cells (rewritten through calamine
//! and rust_xlsxwriter with hostile values).

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::rng::Rng;

/// Text that has broken programs before: emoji, right-to-left, zero-width,
/// byte-order marks, control characters, path pieces, formulas, very long.
pub const HOSTILE_TEXT: &[&str] = &[
    "",
    " ",
    "🙂👩‍👩‍👧‍👦",
    "\u{202E}gnp.exe",
    "مرحبا بالعالم",
    "שלום",
    "a\u{200B}b\u{200D}c",
    "\u{FEFF}BOM",
    "\u{0}nul",
    "tab\there\r\nnewline",
    "../../../etc/passwd",
    "..\\..\\windows",
    "/absolute/path",
    "=1+1",
    "@SUM(A1)",
    "'quoted",
    "\"",
    "NaN",
    "inf",
    "-0",
    "1e308",
    "-1e308",
    "99999999999999999999999",
    "0x1F",
    "1.234.567,89",
    "\u{E000}private",
    "\u{1F}unit separator",
    "ẞ İ ı ǅ",
    "北京",
    "ⵣ",
    "%s%n%x",
    "{{}}",
    "#REF!",
];

/// A hostile text; sometimes a very long one.
pub fn hostile_text(rng: &mut Rng) -> String {
    if rng.chance(12) {
        return "x".repeat(100_000);
    }
    (*rng.pick(HOSTILE_TEXT)).to_owned()
}

/// Hostile numbers for cells: extreme, fractional, negative, special dates.
pub const HOSTILE_NUMBERS: &[f64] = &[
    0.0,
    -1.0,
    0.5,
    -0.5,
    1e308,
    -1e308,
    1e-308,
    f64::MAX,
    f64::MIN_POSITIVE,
    2_958_466.0, // the day after 9999-12-31 as an Excel serial
    2_958_465.0,
    60.0, // Excel's 1900-02-29
    1.0,
    -693_594.0,
    4_294_967_296.0,
    12.5,
    -3.0,
];

/// One random change to the bytes of a file.
pub fn mutate_bytes(rng: &mut Rng, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut out = bytes.to_vec();
    let len = out.len().max(1);
    match rng.below(7) {
        0 => {
            let n = 1 + rng.below(8);
            for _ in 0..n {
                let i = rng.below(len);
                if let Some(b) = out.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            ("flip".into(), out)
        }
        1 => {
            out.truncate(rng.below(len));
            ("truncate".into(), out)
        }
        2 => {
            let i = rng.below(len);
            let junk: Vec<u8> = (0..1 + rng.below(64))
                .map(|_| rng.next_u64() as u8)
                .collect();
            out.splice(i.min(out.len())..i.min(out.len()), junk);
            ("insert".into(), out)
        }
        3 => {
            let i = rng.below(len).min(out.len());
            let n = rng.below(256).min(out.len() - i);
            out.drain(i..i + n);
            ("delete".into(), out)
        }
        4 => {
            let i = rng.below(len).min(out.len());
            let n = rng.below(1024).min(out.len() - i);
            let chunk = out[i..i + n].to_vec();
            out.splice(i..i, chunk);
            ("duplicate".into(), out)
        }
        5 => {
            let i = rng.below(len).min(out.len());
            let n = rng.below(512).min(out.len() - i);
            out[i..i + n].fill(0);
            ("zero".into(), out)
        }
        _ => {
            let i = rng.below(len).min(out.len());
            let n = rng.below(32).min(out.len() - i);
            out[i..i + n].fill(0xFF);
            ("ff".into(), out)
        }
    }
}

/// The CSV changes of the corpus, by name.
pub const CSV_MUTATIONS: &[&str] = &[
    "comma-delimiter",
    "tab-delimiter",
    "huge-field",
    "nul-bytes",
    "latin1",
    "utf16le",
    "no-header",
    "header-only",
    "unbalanced-quote",
    "cr-line-ends",
    "double-bom",
    "ragged-rows",
    "hostile-cells",
    "many-columns",
];

/// Applies the CSV change `which` to `text` (a `;`-separated file).
pub fn mutate_csv(rng: &mut Rng, which: &str, text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 {
        // nothing of a table left to restructure (an earlier mutation)
        return format!("{text}\n;\n").into_bytes();
    }
    let some_line = |rng: &mut Rng| 1 + rng.below(lines.len().saturating_sub(1).max(1));
    match which {
        "comma-delimiter" => text.replace(';', ",").into_bytes(),
        "tab-delimiter" => text.replace(';', "\t").into_bytes(),
        "huge-field" => {
            let mut lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            let i = some_line(rng).min(lines.len() - 1);
            lines[i] = lines[i].replacen(';', &format!(";{};", "9".repeat(2_000_000)), 1);
            lines.join("\n").into_bytes()
        }
        "nul-bytes" => {
            let mut bytes = text.as_bytes().to_vec();
            for _ in 0..1 + rng.below(20) {
                let i = rng.below(bytes.len());
                bytes.insert(i, 0);
            }
            bytes
        }
        "latin1" => {
            // é, ë and ü as Windows-1252 bytes inside the names
            let mut bytes = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                bytes.extend_from_slice(line.as_bytes());
                if i > 0 && i % 3 == 0 {
                    bytes.extend_from_slice(&[b' ', 0xE9, 0xEB, 0xFC]);
                }
                bytes.push(b'\n');
            }
            bytes
        }
        "utf16le" => {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                bytes.extend_from_slice(&unit.to_le_bytes());
            }
            bytes
        }
        "no-header" => lines[1..].join("\n").into_bytes(),
        "header-only" => format!("{}\n", lines[0]).into_bytes(),
        "unbalanced-quote" => {
            let mut lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            let i = some_line(rng).min(lines.len() - 1);
            lines[i] = format!("\"{}", lines[i]);
            lines.join("\n").into_bytes()
        }
        "cr-line-ends" => lines.join("\r").into_bytes(),
        "double-bom" => format!("\u{FEFF}\u{FEFF}{text}").into_bytes(),
        "ragged-rows" => {
            let mut out = String::new();
            for line in &lines {
                let cells: Vec<&str> = line.split(';').collect();
                let keep = if rng.chance(2) {
                    rng.below(cells.len() + 1)
                } else {
                    cells.len()
                };
                out.push_str(&cells[..keep].join(";"));
                if rng.chance(3) {
                    out.push_str(";extra;cells");
                }
                out.push('\n');
            }
            out.into_bytes()
        }
        "hostile-cells" => {
            let mut out = String::new();
            for (i, line) in lines.iter().enumerate() {
                let mut cells: Vec<String> = line.split(';').map(str::to_owned).collect();
                if i > 0 {
                    for cell in cells.iter_mut() {
                        if rng.chance(4) {
                            // one long cell a file is enough
                            let text: String = hostile_text(rng).chars().take(5_000).collect();
                            *cell = text.replace(['\n', '\r', ';', '"'], " ");
                        }
                    }
                }
                out.push_str(&cells.join(";"));
                out.push('\n');
            }
            out.into_bytes()
        }
        _ => {
            // many-columns: 20 000 extra columns in every row
            let extra = ";x".repeat(20_000);
            lines
                .iter()
                .map(|l| format!("{l}{extra}"))
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes()
        }
    }
}

/// An xlsx archive with each part passed through `edit` (name, bytes) →
/// `None` to drop it, or the new name and bytes.
pub fn rewrite_zip(
    bytes: &[u8],
    edit: impl FnMut(&str, Vec<u8>) -> Option<(String, Vec<u8>)>,
) -> Vec<u8> {
    try_rewrite_zip(bytes, edit).expect("a fixture is a readable zip archive")
}

/// Like [`rewrite_zip`]; `None` when `bytes` is no readable archive.
pub fn try_rewrite_zip(
    bytes: &[u8],
    mut edit: impl FnMut(&str, Vec<u8>) -> Option<(String, Vec<u8>)>,
) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).ok()?;
        if let Some((name, data)) = edit(&name, data) {
            let options = zip::write::SimpleFileOptions::default();
            out.start_file(name, options).ok()?;
            out.write_all(&data).ok()?;
        }
    }
    Some(out.finish().ok()?.into_inner())
}

/// The changes to an xlsx archive's parts, by name.
pub const ZIP_MUTATIONS: &[&str] = &[
    "drop-shared-strings",
    "drop-workbook",
    "drop-first-sheet",
    "values-to-text",
    "hostile-shared-strings",
    "bad-cell-references",
    "huge-dimension",
    "mutate-sheet-bytes",
];

/// Applies the archive change `which` to an xlsx file.
pub fn mutate_zip(rng: &mut Rng, which: &str, bytes: &[u8]) -> Vec<u8> {
    let mut seed = rng.clone();
    rewrite_zip(bytes, |name, data| {
        let is_sheet = name.starts_with("xl/worksheets/sheet");
        let text = || String::from_utf8_lossy(&data).into_owned();
        match which {
            "drop-shared-strings" if name == "xl/sharedStrings.xml" => None,
            "drop-workbook" if name == "xl/workbook.xml" => None,
            "drop-first-sheet" if name == "xl/worksheets/sheet1.xml" => None,
            "values-to-text" if is_sheet => {
                Some((name.to_owned(), text().replace("<v>", "<v>x").into_bytes()))
            }
            "hostile-shared-strings" if name == "xl/sharedStrings.xml" => {
                let mut out = String::new();
                for (i, piece) in text().split("<t>").enumerate() {
                    if i > 0 {
                        out.push_str("<t>");
                        if seed.chance(3) {
                            let t = hostile_text(&mut seed)
                                .replace('&', "&amp;")
                                .replace('<', "&lt;")
                                .replace('\0', "");
                            out.push_str(&t);
                        }
                    }
                    out.push_str(piece);
                }
                Some((name.to_owned(), out.into_bytes()))
            }
            "bad-cell-references" if is_sheet => Some((
                name.to_owned(),
                text()
                    .replacen("r=\"A", "r=\"XFD1048577", 3)
                    .replacen("r=\"B", "r=\"\"", 3)
                    .into_bytes(),
            )),
            "huge-dimension" if is_sheet => Some((
                name.to_owned(),
                text()
                    .replacen(
                        "<dimension ref=\"",
                        "<dimension ref=\"A1:XFD1048576\" x=\"",
                        1,
                    )
                    .into_bytes(),
            )),
            "mutate-sheet-bytes" if is_sheet => {
                Some((name.to_owned(), mutate_bytes(&mut seed, &data).1))
            }
            _ => Some((name.to_owned(), data)),
        }
    })
}

/// A cell as rewritten into a new workbook.
pub enum Out {
    Keep,
    Text(String),
    Number(f64),
    Bool(bool),
    Blank,
}

/// A workbook read with calamine and written again with rust_xlsxwriter,
/// each cell through `edit(sheet, row, col, value)`, each sheet name through
/// `rename` (`None` drops the sheet).
pub fn rewrite_workbook(
    bytes: &[u8],
    mut edit: impl FnMut(&str, u32, u16, &Data) -> Out,
    rename: impl Fn(&str) -> Option<String>,
) -> Vec<u8> {
    let mut source = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in source.sheet_names() {
        let Some(new_name) = rename(&name) else {
            continue;
        };
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet();
        // A name Excel refuses (too long, `/`…) is kept as the original.
        if sheet.set_name(&new_name).is_err() {
            sheet.set_name(&name).unwrap();
        }
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let out = match edit(&name, r, c, cell) {
                    Out::Keep => match cell {
                        Data::Empty => Out::Blank,
                        Data::String(s) => Out::Text(s.clone()),
                        Data::Float(v) => Out::Number(*v),
                        Data::Int(v) => Out::Number(*v as f64),
                        Data::Bool(v) => Out::Bool(*v),
                        Data::DateTime(d) => Out::Number(d.as_f64()),
                        other => Out::Text(other.to_string()),
                    },
                    out => out,
                };
                match out {
                    Out::Text(s) => {
                        // Excel's limit is 32 767 characters a cell.
                        let s: String = s.chars().take(32_767).collect();
                        sheet.write_string(r, c, s).unwrap();
                    }
                    Out::Number(v) if v.is_finite() => {
                        sheet.write_number(r, c, v).unwrap();
                    }
                    Out::Number(v) => {
                        sheet.write_string(r, c, v.to_string()).unwrap();
                    }
                    Out::Bool(v) => {
                        sheet.write_boolean(r, c, v).unwrap();
                    }
                    Out::Blank | Out::Keep => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}
