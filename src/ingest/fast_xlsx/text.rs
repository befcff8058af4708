//! Text of the XML: quick-xml helpers for text and rich-text elements
//! (entities, line ends, calamine's whitespace rule), attribute values, and
//! Excel's `_xHHHH_` escapes.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;

pub(super) const XML_WS: [char; 4] = [' ', '\t', '\r', '\n'];

pub(super) fn push_piece<'s>(acc: &mut Option<Cow<'s, str>>, piece: Cow<'s, str>) {
    match acc {
        None => *acc = Some(piece),
        Some(a) => a.to_mut().push_str(&piece),
    }
}

pub(super) fn resolve_entity(r: &BytesRef<'_>) -> Result<Cow<'static, str>, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Cow::Owned(c.to_string())),
        Ok(None) => {}
        Err(e) => return Err(e.to_string()),
    }
    quick_xml::escape::resolve_predefined_entity(r)
        .map(Cow::Borrowed)
        .ok_or_else(|| format!("unknown entity &{};", &**r))
}

/// The text content of the element just opened (named `end`), up to its end
/// tag: entities decoded, line ends normalized as XML 1.0 says. Borrows from
/// the XML unless it has entities or carriage returns.
pub(super) fn read_text<'s>(
    rd: &mut Reader<&'s [u8]>,
    end: QName<'_>,
) -> Result<Cow<'s, str>, String> {
    let mut acc: Option<Cow<'s, str>> = None;
    loop {
        match rd.read_event().map_err(|e| e.to_string())? {
            Event::Text(t) => push_piece(&mut acc, t.xml10_content()),
            Event::CData(t) => push_piece(&mut acc, t.xml10_content()),
            Event::GeneralRef(r) => push_piece(&mut acc, resolve_entity(&r)?),
            Event::End(e) => {
                if e.name() == end {
                    break;
                }
                return Err(format!("unexpected </{}>", e.name().as_ref()));
            }
            Event::Start(e) => {
                rd.read_to_end(e.name()).map_err(|e| e.to_string())?;
            }
            Event::Eof => return Err("unexpected end of the part inside a text element".into()),
            _ => {}
        }
    }
    Ok(acc.unwrap_or_default())
}

/// A string item (`<si>` or `<is>`): the `<t>` of the item or of its rich
/// text runs, concatenated, phonetic runs (`<rPh>`) skipped. As calamine
/// does: the text of a `<t>` without `xml:space="preserve"` is trimmed of
/// ASCII whitespace, then `_xHHHH_` escapes are decoded.
pub(super) fn read_rich_text<'s>(
    rd: &mut Reader<&'s [u8]>,
    end: QName<'_>,
) -> Result<Cow<'s, str>, String> {
    let mut acc: Option<Cow<'s, str>> = None;
    loop {
        match rd.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => {
                    let preserve = matches!(attr(&e, "xml:space")?.as_deref(), Some("preserve"));
                    let text = read_text(rd, e.name())?;
                    let text = if preserve { text } else { trim_cow(text) };
                    push_piece(&mut acc, unescape_x(text));
                }
                "r" => {}
                _ => {
                    // <rPh>, <rPr>, <phoneticPr>, extensions.
                    rd.read_to_end(e.name()).map_err(|e| e.to_string())?;
                }
            },
            Event::End(e) if e.name() == end => break,
            Event::Eof => return Err("unexpected end of the part inside a string item".into()),
            _ => {}
        }
    }
    Ok(acc.unwrap_or_default())
}

pub(super) fn trim_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches(XML_WS)),
        Cow::Owned(o) => {
            let t = o.trim_matches(XML_WS);
            if t.len() == o.len() {
                Cow::Owned(o)
            } else {
                Cow::Owned(t.to_string())
            }
        }
    }
}

/// Decodes Excel's `_xHHHH_` escapes (UTF-16 code units, e.g. `_x000D_` for a
/// carriage return, `_x005F_` for a literal underscore); surrogate pairs are
/// joined, a lone surrogate becomes U+FFFD.
pub fn unescape_x(s: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = find_x_escape(&s, 0) else {
        return s;
    };
    let src: &str = &s;
    let mut out = String::with_capacity(src.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((index, unit)) = next {
        out.push_str(&src[copied..index]);
        let mut after = index + 7;
        match unit {
            0xD800..=0xDBFF => match x_escape_at(src, after) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let cp = 0x10000 + ((unit as u32 - 0xD800) << 10) + (low as u32 - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                    after += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => out.push(char::from_u32(unit as u32).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = after;
        next = find_x_escape(src, after);
    }
    out.push_str(&src[copied..]);
    Cow::Owned(out)
}

pub(super) fn find_x_escape(s: &str, mut from: usize) -> Option<(usize, u16)> {
    while let Some(off) = s.as_bytes().get(from..)?.iter().position(|&b| b == b'_') {
        let i = from + off;
        if let Some(unit) = x_escape_at(s, i) {
            return Some((i, unit));
        }
        from = i + 1;
    }
    None
}

pub(super) fn x_escape_at(s: &str, i: usize) -> Option<u16> {
    let b = s.as_bytes().get(i..i + 7)?;
    if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' {
        return None;
    }
    let mut n: u16 = 0;
    for &h in &b[2..6] {
        n = n * 16 + (h as char).to_digit(16)? as u16;
    }
    Some(n)
}

// ---------------------------------------------------------------------------
// XML helpers
// ---------------------------------------------------------------------------

/// An attribute's value, entities decoded.
pub(super) fn attr_value<'a>(
    a: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<Cow<'a, str>, String> {
    if a.value.contains(['&', '\t', '\r', '\n']) {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())
    } else {
        Ok(a.value.clone())
    }
}

/// The value of the attribute with this exact name.
pub(super) fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Result<Option<Cow<'a, str>>, String> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_ref() == name {
            return attr_value(&a).map(Some);
        }
    }
    Ok(None)
}
