//! Hostile and damaged inputs (issue 11): memory bombs, damaged parts,
//! malformed XML and UTF-16 text, each made here by a seeded generator (no
//! large committed files). Every one must give a clean error naming the
//! file (exit 1), never an abort, a panic or silently wrong values; the
//! memory bombs run under a 1 GiB address-space limit.

use std::io::Write;
use std::process::Command;

use crate::mutation::Rng;
use crate::workdir::{Workdir, fixture};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A zip archive of `parts`, deflated unless the name is in `stored`.
fn zip_parts(parts: &[(&str, Vec<u8>)], stored: &[&str]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method = if stored.contains(name) {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        out.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A one-sheet xlsx workbook ("Blad1") whose sheet holds `sheet_data` in
/// its `<sheetData>`, with a shared-strings part if `strings` is given.
fn xlsx(sheet_data: &str, strings: Option<&[String]>, stored: &[&str]) -> Vec<u8> {
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"{MAIN}\">\
         <sheetData>{sheet_data}</sheetData></worksheet>"
    );
    xlsx_with_sheet(sheet, strings, stored)
}

fn xlsx_with_sheet(sheet: String, strings: Option<&[String]>, stored: &[&str]) -> Vec<u8> {
    let mut rels = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    );
    let mut parts = vec![
        (
            "[Content_Types].xml",
            b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
              <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
                .to_vec(),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/>\
                 </Relationships>"
            )
            .into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheets>\
                 <sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            )
            .into_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ];
    if let Some(strings) = strings {
        rels.push_str(&format!(
            "<Relationship Id=\"rId2\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
        let items: String = strings
            .iter()
            .map(|s| format!("<si><t>{s}</t></si>"))
            .collect();
        parts.push((
            "xl/sharedStrings.xml",
            format!("<sst xmlns=\"{MAIN}\">{items}</sst>").into_bytes(),
        ));
    }
    rels.push_str("</Relationships>");
    parts.push(("xl/_rels/workbook.xml.rels", rels.into_bytes()));
    zip_parts(&parts, stored)
}

/// The outcome of one run: exit code (-1 for a signal), stderr.
struct Outcome {
    code: i32,
    stderr: String,
    what: String,
}

impl Outcome {
    /// A clean error: exit 1 and a message naming `file` and `needles`.
    fn expect_error(&self, file: &str, needles: &[&str]) {
        assert_eq!(self.code, 1, "{}", self.what);
        assert!(self.stderr.contains(file), "{}", self.what);
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "lacks {needle:?}\n{}",
                self.what
            );
        }
    }
}

/// Runs `wijkmonitor args` in `wd` with at most 1 GiB of address space
/// (`ulimit -v`), as a small machine would have: an allocation beyond it
/// fails, and Rust then aborts (exit 134) unless reading refused first.
fn run_limited(wd: &Workdir, args: &[&str]) -> Outcome {
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_wijkmonitor"))
        .args(args)
        .current_dir(wd.path())
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    Outcome {
        code: output.status.code().unwrap_or(-1),
        what: format!(
            "wijkmonitor {}: status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{stderr}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout)
        ),
        stderr,
    }
}

/// Reads `name` (written into `wd`) both ways, under the memory limit: as
/// open data (`inspect`, the fast reader) and as a network's register
/// (`run --check`, calamine's path).
fn both_paths(wd: &Workdir, name: &str) -> [Outcome; 2] {
    let register = wd.path().join("register.xlsx");
    std::fs::copy(wd.path().join(name), &register).unwrap();
    wd.write(
        "check.toml",
        "name = \"hostile\"\nyear = 2024\n\n[inputs]\n\
         register = { path = \"register.xlsx\", kind = \"register\" }\n",
    );
    [
        run_limited(wd, &["inspect", name]),
        run_limited(wd, &["run", "--check", "check.toml"]),
    ]
}

/// Issue 11, defect 2: one 1 MB shared string referenced by 10 000 cells
/// (10 GB once copied into every cell).
#[test]
fn memory_bomb_one_long_shared_string_in_many_cells_is_refused() {
    let mut rng = Rng(0x5EED_0001);
    let long = rng.letters(1 << 20);
    let data: String = (1..=10_000)
        .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>"))
        .collect();
    let wd = Workdir::new();
    wd.write("lang.xlsx", xlsx(&data, Some(&[long]), &[]));
    let [open, network] = both_paths(&wd, "lang.xlsx");
    open.expect_error("lang.xlsx", &["Blad1", "refusing"]);
    network.expect_error("register.xlsx", &["Blad1", "refusing"]);
}

/// Issue 11, defect 2: 20 000 rows with cells in columns A and XFD only
/// (327 million cells once every row is held up to its last cell).
#[test]
fn memory_bomb_sparse_rows_in_columns_a_and_xfd_are_refused() {
    let data: String = (1..=20_000)
        .map(|r| {
            format!("<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c><c r=\"XFD{r}\"><v>1</v></c></row>")
        })
        .collect();
    let wd = Workdir::new();
    wd.write("breed.xlsx", xlsx(&data, None, &[]));
    let [open, network] = both_paths(&wd, "breed.xlsx");
    open.expect_error("breed.xlsx", &["Blad1", "XFD", "refusing"]);
    network.expect_error("register.xlsx", &["Blad1", "XFD", "refusing"]);
}

/// The offset of the data of the zip entry `name` and their length.
fn entry_data(zip: &[u8], name: &str) -> (usize, usize) {
    let at = zip
        .windows(name.len())
        .position(|w| w == name.as_bytes())
        .expect("entry name in a local header");
    let header = at - 30;
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let size = u32::from_le_bytes(zip[header + 18..header + 22].try_into().unwrap()) as usize;
    (
        header + 30 + u16_at(header + 26) + u16_at(header + 28),
        size,
    )
}

/// Issue 11, defect 3: a byte changed inside the shared strings, where only
/// the CRC-32 can tell (a stored part), and at seeded places in a deflated
/// one: never read with exit 0.
#[test]
fn corrupted_compressed_data_is_reported_with_its_part() {
    let mut rng = Rng(0x5EED_0003);
    let strings: Vec<String> = (0..200).map(|_| rng.letters(12)).collect();
    let data: String = (1..=200)
        .map(|r| {
            format!(
                "<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>{}</v></c></row>",
                r - 1
            )
        })
        .collect();
    let part = "xl/sharedStrings.xml";
    let wd = Workdir::new();

    let mut stored = xlsx(&data, Some(&strings), &[part]);
    let (start, len) = entry_data(&stored, part);
    let text = stored[start..start + len]
        .windows(4)
        .position(|w| w == b"<t>a" || w == b"<t>b")
        .expect("a string");
    stored[start + text + 3] ^= 0x03; // a letter becomes another letter
    wd.write("crc.xlsx", &stored);
    let [open, network] = both_paths(&wd, "crc.xlsx");
    open.expect_error("crc.xlsx", &[part, "checksum"]);
    network.expect_error("register.xlsx", &[part, "checksum"]);

    let deflated = xlsx(&data, Some(&strings), &[]);
    let (start, len) = entry_data(&deflated, part);
    for _ in 0..12 {
        let mut damaged = deflated.clone();
        damaged[start + (rng.next() as usize % len)] ^= 1 << (rng.next() % 8);
        wd.write("kapot.xlsx", &damaged);
        run_limited(&wd, &["inspect", "kapot.xlsx"]).expect_error("kapot.xlsx", &[part]);
    }
}

/// Issue 11, defect 5: malformed sheets read with exit 0 before — a
/// misspelt end tag, a row number of 2³² + 1, half a million nested
/// elements left open — each reported with file, sheet, part and offset.
#[test]
fn malformed_spreadsheets_are_reported_with_their_place() {
    let part = "xl/worksheets/sheet1.xml";
    let rows = |n: usize| -> String {
        (1..=n)
            .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>"))
            .collect()
    };
    let nested = "<x>".repeat(500_000);
    let cases = [
        (
            "rwo.xlsx",
            xlsx(&rows(50).replacen("</row>", "</rwo>", 7), None, &[]),
            "row",
        ),
        (
            "rij.xlsx",
            xlsx(
                &format!("{}<row r=\"4294967297\"><c><v>1</v></c></row>", rows(3)),
                None,
                &[],
            ),
            "4294967297",
        ),
        (
            "binnen.xlsx",
            xlsx(
                &format!("{}<row r=\"9\"><c r=\"A9\">{nested}", rows(3)),
                None,
                &[],
            ),
            "at byte",
        ),
        (
            "open.xlsx",
            xlsx_with_sheet(
                format!(
                    "<worksheet xmlns=\"{MAIN}\">{nested}<sheetData>{}</sheetData></worksheet>",
                    rows(3)
                ),
                None,
                &[],
            ),
            "at byte",
        ),
    ];
    for (name, bytes, what) in cases {
        let wd = Workdir::new();
        wd.write(name, &bytes);
        let [open, network] = both_paths(&wd, name);
        open.expect_error(name, &["Blad1", part, "at byte", what]);
        network.expect_error("register.xlsx", &["Blad1", part, "at byte", what]);
    }
}

/// Issue 11, defect 8: Excel's "Unicode text" (UTF-16LE with a byte order
/// mark, tab-separated) is read as text, not refused as binary data.
#[test]
fn utf16_unicode_text_files_are_read() {
    let csv = std::fs::read_to_string(fixture("real/vektis-zvw-2023-gemeente.csv")).unwrap();
    let tsv: String = csv
        .lines()
        .take(400)
        .map(|l| l.replace(';', "\t") + "\r\n")
        .collect();
    let mut le = vec![0xFF, 0xFE];
    le.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(tsv.encode_utf16().flat_map(u16::to_be_bytes));
    let wd = Workdir::new();
    for (name, bytes, encoding) in [
        ("vektis-unicode.txt", le, "UTF-16LE with BOM"),
        ("vektis-be.txt", be, "UTF-16BE with BOM"),
    ] {
        let path = wd.write(name, bytes);
        let run = wd.run(["inspect".as_ref(), "--json".as_ref(), path.as_os_str()]);
        run.expect_code(0);
        let v = &run.json_lines()[0];
        assert_eq!(v["source"], "vektis-zvw-gemeente", "{v:#}");
        assert_eq!(v["encoding"], encoding, "{v:#}");
    }
}

/// An ods workbook of one table ("Blad1") with `rows` as its rows.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Blad1\">{rows}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    zip_parts(
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
            ("content.xml", content.into_bytes()),
        ],
        &["mimetype"],
    )
}

/// Issue 11, defect 2, in calamine's ods reader, which builds a dense range
/// and copies repeated text: measured from `content.xml` first.
#[test]
fn memory_bomb_in_an_ods_is_refused_before_calamine_builds_its_range() {
    let cell = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    // 6 000 rows × 16 384 columns: 98 million cells, under calamine's own cap.
    let sparse: String = (0..6_000)
        .map(|_| {
            format!(
                "<table:table-row>{}<table:table-cell table:number-columns-repeated=\"16382\"/>{}</table:table-row>",
                cell("a"),
                cell("z")
            )
        })
        .collect();
    let mut rng = Rng(0x5EED_0002);
    let long = rng.letters(1 << 20);
    let repeated = format!(
        "<table:table-row table:number-rows-repeated=\"100\"><table:table-cell \
         table:number-columns-repeated=\"100\" office:value-type=\"string\"><text:p>{long}</text:p>\
         </table:table-cell></table:table-row>"
    );
    let wd = Workdir::new();
    for (name, rows, what) in [("breed.ods", sparse, "XFD"), ("lang.ods", repeated, "MiB")] {
        wd.write(name, ods(&rows));
        run_limited(&wd, &["inspect", name]).expect_error(name, &["Blad1", what, "refusing"]);
    }
    // A small table with repeats, as LibreOffice writes them, still reads.
    let small: String = (0..3)
        .map(|r| {
            format!(
                "<table:table-row>{}{}<table:table-cell table:number-columns-repeated=\"1020\"/></table:table-row>",
                cell("gemeente"),
                cell(&r.to_string())
            )
        })
        .collect::<String>()
        + "<table:table-row table:number-rows-repeated=\"1048573\"><table:table-cell \
           table:number-columns-repeated=\"1024\"/></table:table-row>";
    let path = wd.write("klein.ods", ods(&small));
    let grid = wijkmonitor::ingest::grid::read_grid(&path).unwrap();
    assert_eq!(grid.sheets[0].rows.len(), 3);
    assert_eq!(grid.sheets[0].cell(2, 1).to_text(), "2");
}

/// Issue 11, defect 2: a small xlsx whose sheet inflates to 600 MiB (a "zip
/// bomb"): refused by its size, under the memory limit.
#[test]
fn memory_bomb_a_sheet_that_inflates_to_600_mib_is_refused() {
    let filler = " ".repeat(600 << 20);
    let wd = Workdir::new();
    wd.write("bom.xlsx", xlsx(&filler, None, &[]));
    drop(filler);
    let [open, network] = both_paths(&wd, "bom.xlsx");
    open.expect_error("bom.xlsx", &["xl/worksheets/sheet1.xml", "MiB"]);
    network.expect_error("register.xlsx", &["xl/worksheets/sheet1.xml", "MiB"]);
}
