//! Cell references and attributes: `AB12` into row and column, the
//! attributes of `<c>` and `<row>`, numbers as Excel writes them.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::text::{attr, attr_value};

#[derive(Clone, Copy, Debug)]
pub(super) enum CellType {
    Number { explicit: bool },
    Shared,
    Str,
    Inline,
    Bool,
    Error,
    Date,
}

/// Excel's last row (1 048 576) and column (16 384, `XFD`): no cell lies
/// beyond them, so a sheet never claims more rows or columns than Excel has.
pub const MAX_ROWS: u32 = 1 << 20;
/// See [`MAX_ROWS`].
pub const MAX_COLS: u32 = 1 << 14;

pub(super) struct CellAttrs {
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) style: u32,
    pub(super) typ: CellType,
}

pub(super) fn cell_attrs(e: &BytesStart<'_>, row: u32, next_col: u32) -> Result<CellAttrs, String> {
    let mut a = CellAttrs {
        row,
        col: next_col,
        style: 0,
        typ: CellType::Number { explicit: false },
    };
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute.map_err(|e| e.to_string())?;
        match attribute.key.local_name().as_ref() {
            "r" => {
                let value = attr_value(&attribute)?;
                let (r, c) =
                    parse_cell_ref(value.as_bytes()).ok_or_else(|| bad_cell_ref(&value))?;
                a.row = r;
                a.col = c;
            }
            "s" => {
                // Like calamine: an unreadable style is the default style.
                a.style = parse_u32(attribute.value.as_bytes()).unwrap_or(0);
            }
            "t" => {
                let value = attr_value(&attribute)?;
                a.typ = match &*value {
                    "n" => CellType::Number { explicit: true },
                    "s" => CellType::Shared,
                    "str" => CellType::Str,
                    "inlineStr" | "is" => CellType::Inline,
                    "b" => CellType::Bool,
                    "e" => CellType::Error,
                    "d" => CellType::Date,
                    other => return Err(format!("unknown cell type t={other:?}")),
                };
            }
            _ => {}
        }
    }
    if a.row >= MAX_ROWS || a.col >= MAX_COLS {
        return Err(format!(
            "cell {} (counted on from the cells before it) lies beyond Excel's last row \
             {MAX_ROWS} or column XFD",
            cell_name(a.row, a.col)
        ));
    }
    Ok(a)
}

/// Why `r` is not a cell reference that Excel can have.
fn bad_cell_ref(value: &str) -> String {
    let letters = value.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = &value[letters..];
    if letters > 0 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("cell reference r={value:?} lies beyond Excel's last row {MAX_ROWS} or column XFD")
    } else {
        format!("bad cell reference r={value:?}")
    }
}

/// The 0-based row of a `<row r="..">`, if it has one.
pub(super) fn row_attr(e: &BytesStart<'_>) -> Result<Option<u32>, String> {
    match attr(e, "r")? {
        None => Ok(None),
        Some(v) => match parse_u32(v.as_bytes()) {
            Some(r) if r > 0 && r <= MAX_ROWS => Ok(Some(r - 1)),
            _ if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => Err(format!(
                "row number r={v:?} lies beyond Excel's last row {MAX_ROWS}"
            )),
            _ => Err(format!("bad row number r={v:?}")),
        },
    }
}

pub(super) fn row_tag_has_r(tag: &[u8]) -> bool {
    let mut rd = Reader::from_reader(tag);
    match rd.read_event() {
        Ok(Event::Start(e)) | Ok(Event::Empty(e)) => matches!(row_attr(&e), Ok(Some(_))),
        _ => false,
    }
}

/// "AB12" → (11, 27), 0-based. Letters may be lower case. `None` also for
/// a reference beyond Excel's last row or column.
#[inline]
pub(super) fn parse_cell_ref(s: &[u8]) -> Option<(u32, u32)> {
    let mut col: u32 = 0;
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        // ASCII letters, either case, and only they, land in A..=Z.
        let up = (c & 0xDF).wrapping_sub(b'A');
        if up >= 26 {
            break;
        }
        col = col.checked_mul(26)?.checked_add(up as u32 + 1)?;
        i += 1;
    }
    if col == 0 {
        return None;
    }
    let row = parse_u32(&s[i..])?;
    if row == 0 || row > MAX_ROWS || col > MAX_COLS {
        return None;
    }
    Some((row - 1, col - 1))
}

pub(super) fn parse_dimension(s: &str) -> Option<((u32, u32), (u32, u32))> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    Some((parse_cell_ref(a.as_bytes())?, parse_cell_ref(b.as_bytes())?))
}

/// "A1" style name of a 0-based position, for messages.
pub(super) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

#[inline]
pub(super) fn parse_u32(s: &[u8]) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &b in s {
        let d = b.wrapping_sub(b'0');
        if d >= 10 {
            return None;
        }
        n = n * 10 + d as u64;
        if n > u32::MAX as u64 {
            return None;
        }
    }
    Some(n as u32)
}

/// A number as Excel writes it. Integers of up to 15 digits take a fast
/// exact path; everything else goes through `str::parse::<f64>`, which is
/// correctly rounded.
pub(super) fn parse_number(s: &str) -> Option<f64> {
    parse_integer(s.as_bytes()).or_else(|| s.parse::<f64>().ok())
}

/// An optionally negative integer of 1 to 15 digits, exactly.
#[inline]
pub(super) fn parse_integer(b: &[u8]) -> Option<f64> {
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (d - b'0') as u64;
    }
    let v = n as f64;
    Some(if neg { -v } else { v })
}
