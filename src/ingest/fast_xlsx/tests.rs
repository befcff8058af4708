//! Unit tests: the byte scanner against the quick-xml fallback on the same
//! XML (sheet data and shared strings), hand-written documents and seeded
//! mutations of them.

use std::sync::Arc;

use super::shared_strings::{SharedStrings, fast_shared_strings, slow_shared_strings};
use super::sheet::{SheetCells, Strategy};
use super::{Cell, Value};

/// A cell as an owned, comparable tuple.
type Owned = (u32, u32, u32, String);

fn owned(c: Cell<'_>) -> Owned {
    let v = match c.value {
        Value::Number(n) => format!("n:{n:?}"),
        Value::Text(t) => format!("t:{t}"),
        Value::Bool(b) => format!("b:{b}"),
        Value::Error(e) => format!("e:{e}"),
    };
    (c.row, c.col, c.style, v)
}

fn strings(list: &[&str]) -> Arc<SharedStrings> {
    let mut sst = SharedStrings::default();
    for s in list {
        sst.text.push_str(s);
        sst.ends.push(sst.text.len());
    }
    Arc::new(sst)
}

/// The cells of a worksheet by one strategy in `parts` chunks, or the error.
fn read(xml: &[u8], strategy: Strategy, parts: usize) -> Result<Vec<Owned>, String> {
    let sheet = SheetCells::new(
        xml.to_vec(),
        "xl/worksheets/sheet1.xml".into(),
        strings(&["nul", "een", "  twee  "]),
    )
    .map_err(|e| e.to_string())?;
    let chunks = sheet
        .fold_chunks_with(strategy, parts, Vec::new, |v: &mut Vec<Owned>, c| {
            v.push(owned(c))
        })
        .map_err(|e| e.to_string())?;
    Ok(chunks.into_iter().flatten().collect())
}

fn worksheet(prefix: &str, data: &str) -> String {
    let ns = if prefix.is_empty() {
        String::new()
    } else {
        format!(":{}", prefix.trim_end_matches(':'))
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
         <{prefix}worksheet xmlns{ns}=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <{prefix}dimension ref=\"A1:C4\"/><{prefix}sheetData>{data}</{prefix}sheetData>\
         </{prefix}worksheet>"
    )
}

/// Sheet data that exercise every path of the scanner and of its hand-overs.
fn sheet_data(p: &str) -> Vec<String> {
    let rows = [
        // Plain numbers, shared strings, styles.
        r#"<row r="1"><c r="A1" s="3"><v>12</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>-1.5E3</v></c></row>"#,
        // No r attributes on cells and rows.
        r#"<row r="80"><c><v>1</v></c><c t="s"><v>2</v></c></row><row><c/><c><v>3</v></c></row>"#,
        // Inline strings: simple, preserved, rich, empty.
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t> a </t></is></c><c r="B2" t="inlineStr"><is><t xml:space="preserve"> b </t></is></c><c r="C2" t="inlineStr"><is><r><t>x</t></r><r><rPr/><t>y</t></r></is></c><c r="D2" t="inlineStr"><is/></c></row>"#,
        // Entities, line ends, _x escapes, formulas.
        r#"<row r="3"><c r="A3" t="str"><f>A1&amp;B1</f><v>a&amp;b&#10;c</v></c><c r="B3" t="str"><v>x_x000D_y</v></c><c r="C3" t="str"><v>r&#13;
n</v></c></row>"#,
        // Booleans, errors, dates, empty values.
        r#"<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="d"><v>2024-01-31</v></c><c r="D4" t="s"><v></v></c><c r="E4"><v/></c></row>"#,
        // Empty rows, spans, an extension child, a comment.
        r#"<row r="6" spans="1:3"/><row r="7" spans="1:3" x14ac:dyDescent="0.25"><c r="A7"><extLst><ext/></extLst><v>7</v></c><!-- note --></row>"#,
        // CDATA and numbers stored as text.
        r#"<row r="8"><c r="A8" t="str"><v><![CDATA[<b>]]></v></c><c r="B8"><v>abc</v></c></row>"#,
        // Many rows, so that chunks are cut.
        &(10..60)
            .map(|r| {
                format!(
                    r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>0</v></c></row>"#
                )
            })
            .collect::<String>(),
    ];
    let rows: Vec<String> = rows
        .iter()
        .map(|r| {
            r.replace("<row", &format!("<{p}row"))
                .replace("</row", &format!("</{p}row"))
                .replace("<c ", &format!("<{p}c "))
                .replace("<c>", &format!("<{p}c>"))
                .replace("<c/>", &format!("<{p}c/>"))
                .replace("</c>", &format!("</{p}c>"))
                .replace("<v>", &format!("<{p}v>"))
                .replace("<v/>", &format!("<{p}v/>"))
                .replace("</v>", &format!("</{p}v>"))
        })
        .collect();
    let mut all = rows.clone();
    all.push(rows.concat());
    all
}

#[test]
fn the_scanner_and_quick_xml_read_the_same_cells() {
    for prefix in ["", "x:"] {
        for data in sheet_data(prefix) {
            let xml = worksheet(prefix, &data);
            let slow = read(xml.as_bytes(), Strategy::QuickXml, 1);
            assert!(slow.is_ok(), "{slow:?}\n{xml}");
            for parts in [1, 2, 7] {
                let fast = read(xml.as_bytes(), Strategy::Fast, parts);
                assert_eq!(fast, slow, "{parts} parts\n{xml}");
            }
        }
    }
}

#[test]
fn the_scanner_reads_values_as_calamine_does() {
    let xml = worksheet("", &sheet_data("").concat());
    let cells = read(xml.as_bytes(), Strategy::Fast, 3).unwrap();
    let find = |r: u32, c: u32| {
        cells
            .iter()
            .find(|x| (x.0, x.1) == (r, c))
            .map(|x| x.3.as_str())
    };
    assert_eq!(find(0, 0), Some("n:12.0"));
    assert_eq!(find(0, 1), Some("t:een"));
    assert_eq!(find(1, 0), Some("t:a"));
    assert_eq!(find(1, 1), Some("t: b "));
    assert_eq!(find(1, 2), Some("t:xy"));
    assert_eq!(find(2, 0), Some("t:a&b\nc"));
    assert_eq!(find(2, 1), Some("t:x\ry"));
    assert_eq!(find(3, 0), Some("b:true"));
    assert_eq!(find(3, 1), Some("e:#N/A"));
    assert_eq!(find(7, 0), Some("t:<b>"));
    assert_eq!(find(7, 1), Some("t:abc"));
    assert_eq!(find(79, 1), Some("t:  twee  "));
    assert_eq!(find(80, 1), Some("n:3.0"));
}

/// A xorshift generator: the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit: a byte flipped, inserted (markup characters preferred)
/// or deleted, or the document cut.
fn mutate(rng: &mut Rng, doc: &mut Vec<u8>) {
    const BYTES: &[u8] = b"<>/=\"' &;#x_rcvtsi0123456789AZ:\r\n!-[]?";
    if doc.is_empty() {
        return;
    }
    let at = rng.below(doc.len());
    match rng.below(4) {
        0 => doc[at] = BYTES[rng.below(BYTES.len())],
        1 => doc.insert(at, BYTES[rng.below(BYTES.len())]),
        2 => {
            doc.remove(at);
        }
        _ => {
            if rng.below(8) == 0 {
                doc.truncate(at);
            } else {
                doc[at] ^= 1 << rng.below(8);
            }
        }
    }
}

#[test]
fn the_scanner_and_quick_xml_agree_on_mutated_sheets() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let docs: Vec<String> = ["", "x:"]
        .iter()
        .flat_map(|p| sheet_data(p).into_iter().map(move |d| worksheet(p, &d)))
        .collect();
    for _ in 0..6000 {
        let mut doc = docs[rng.below(docs.len())].clone().into_bytes();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &mut doc);
        }
        let slow = read(&doc, Strategy::QuickXml, 1);
        let fast = read(&doc, Strategy::Fast, 1 + rng.below(4));
        match (&fast, &slow) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{}", String::from_utf8_lossy(&doc)),
            (Err(_), Err(_)) => {}
            _ => panic!(
                "fast {fast:?} vs quick-xml {slow:?}\n{}",
                String::from_utf8_lossy(&doc)
            ),
        }
    }
}

fn sst_documents() -> Vec<String> {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let items = [
        "<si><t>Gemeente</t></si>",
        "<si><t> padded </t></si>",
        "<si><t xml:space=\"preserve\"> kept </t></si>",
        "<si/>",
        "<si><t/></si>",
        "<si><t>a &amp; b</t></si>",
        "<si><t>line\r\nend</t></si>",
        "<si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> text</t></r></si>",
        "<si><t>漢字</t><rPh sb=\"0\" eb=\"1\"><t>カンジ</t></rPh><phoneticPr fontId=\"1\"/></si>",
        "<si><t>x_x005F_y_x000D_</t></si>",
        "<si><t><![CDATA[<cdata>]]></t></si>",
    ];
    let mut docs: Vec<String> = items
        .iter()
        .map(|i| format!("{head}<sst xmlns=\"{ns}\" count=\"1\" uniqueCount=\"1\">{i}</sst>"))
        .collect();
    docs.push(format!(
        "{head}<sst xmlns=\"{ns}\">{}</sst>",
        items.concat()
    ));
    docs.push(format!(
        "{head}<x:sst xmlns:x=\"{ns}\">{}</x:sst>",
        items
            .concat()
            .replace("<si", "<x:si")
            .replace("</si", "</x:si")
            .replace("<t", "<x:t")
            .replace("</t", "</x:t")
            .replace("<r>", "<x:r>")
            .replace("</r>", "</x:r>")
    ));
    docs.push(format!(
        "{head}<sst xmlns=\"{ns}\"><!-- c --><si><t>a</t></si></sst>"
    ));
    docs
}

/// The strings of a table, by the scanner (`None` where it gives up) and by
/// quick-xml alone.
fn shared_strings_both_ways(xml: &[u8]) -> (Option<Vec<String>>, Result<Vec<String>, String>) {
    let list = |s: &SharedStrings| {
        (0..s.len())
            .map(|i| s.get(i).unwrap_or_default().to_string())
            .collect()
    };
    let fast = fast_shared_strings(xml).ok().map(|s| list(&s));
    let slow = slow_shared_strings(xml, "xl/sharedStrings.xml")
        .map(|s| list(&s))
        .map_err(|e| e.to_string());
    (fast, slow)
}

#[test]
fn shared_strings_are_the_same_both_ways() {
    let all = sst_documents();
    for doc in &all {
        let (fast, slow) = shared_strings_both_ways(doc.as_bytes());
        let slow = slow.unwrap_or_else(|e| panic!("{e}\n{doc}"));
        if let Some(fast) = fast {
            assert_eq!(fast, slow, "{doc}");
        }
    }
    let (fast, slow) = shared_strings_both_ways(all[all.len() - 3].as_bytes());
    let expected = [
        "Gemeente",
        "padded",
        " kept ",
        "",
        "",
        "a & b",
        "line\nend",
        "rich text",
        "漢字",
        "x_y\r",
        "<cdata>",
    ];
    assert_eq!(fast.as_deref(), Some(&expected.map(String::from)[..]));
    assert_eq!(slow.as_deref(), Ok(&expected.map(String::from)[..]));
}

#[test]
fn shared_strings_agree_on_mutated_tables() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let docs = sst_documents();
    for _ in 0..6000 {
        let mut doc = docs[rng.below(docs.len())].clone().into_bytes();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &mut doc);
        }
        let (fast, slow) = shared_strings_both_ways(&doc);
        if let Some(fast) = fast {
            assert_eq!(
                Ok(fast),
                slow,
                "the scanner read what quick-xml reads otherwise\n{}",
                String::from_utf8_lossy(&doc)
            );
        }
    }
}

#[test]
fn parts_are_read_whole_whatever_the_size_hint() {
    let data: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    for hint in [0, 1, 1000, 299_999, 300_000, 300_001, 1 << 20] {
        let got = super::package::read_bounded(&mut &data[..], hint).unwrap();
        assert_eq!(got, data, "hint {hint}");
    }
}
