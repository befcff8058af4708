//! Text from the inputs on its way into a PDF.
//!
//! A name in a register may hold anything a keyboard or a copy from the web
//! gives: emoji, CJK, a byte-order mark, a zero-width or control character.
//! PDF/UA-1 forbids some code points (U+0000, U+FEFF, U+FFFE, the private
//! use areas) and typst fails on a character no font can show. So every
//! string of a document's data passes [`clean`]: forbidden and control
//! characters are dropped, and a character none of the shipped fonts covers
//! becomes U+FFFD (�). [`unrenderable`] lets `run --check` warn in advance.

use std::borrow::Cow;
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Coverage, Font};

/// What stands for a character no font shows.
const REPLACEMENT: char = '\u{FFFD}';

/// The code-point coverage of the shipped text fonts.
fn coverages() -> &'static [Coverage] {
    static COVERAGE: OnceLock<Vec<Coverage>> = OnceLock::new();
    COVERAGE.get_or_init(|| {
        super::pdf::TEXT_FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .map(|font| font.info().coverage.clone())
            .collect()
    })
}

/// Whether a shipped font has a glyph for `c`.
pub fn covered(c: char) -> bool {
    c.is_ascii() || coverages().iter().any(|cov| cov.contains(c as u32))
}

/// Characters that are dropped: controls other than tab and line breaks,
/// PDF/UA's forbidden code points, noncharacters, and format characters
/// that only steer layout (BOM / zero-width no-break space, bidi controls
/// are kept: they matter for Arabic and Hebrew names).
fn dropped(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || u == 0xFEFF
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Characters PDF/UA forbids in any form: the private use areas.
fn private_use(c: char) -> bool {
    let u = c as u32;
    (0xE000..=0xF8FF).contains(&u) || u >= 0xF0000
}

/// Characters that need no glyph of their own (joiners, variation
/// selectors, marks of direction): shaping uses them, fonts may lack them.
fn invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// `text` as a PDF can show it: see the module documentation.
pub fn clean(text: &str) -> Cow<'_, str> {
    let ok = |c: char| (c.is_ascii() && !c.is_ascii_control()) || matches!(c, '\n' | '\t');
    if text
        .chars()
        .all(|c| ok(c) || (!dropped(c) && !private_use(c) && (invisible(c) || covered(c))))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !dropped(c))
            .map(|c| {
                if ok(c) || invisible(c) || (!private_use(c) && covered(c)) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect(),
    )
}

/// The characters of `text` that a PDF would not show as typed: dropped,
/// forbidden or without a glyph in the shipped fonts (each once, in order).
pub fn unrenderable(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        let shown = (c.is_ascii() && !c.is_ascii_control())
            || matches!(c, '\n' | '\t')
            || invisible(c)
            || (!dropped(c) && !private_use(c) && covered(c));
        if !shown && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// A document's JSON data with every string [`clean`]ed; the bytes as they
/// were when nothing needs cleaning (the common case, checked in one pass).
pub fn sanitize_json(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    // Control characters arrive escaped (`\u0000`); anything else as UTF-8.
    if !text.contains("\\u") && matches!(clean(text), Cow::Borrowed(_)) {
        return bytes;
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return bytes;
    };
    clean_value(&mut value);
    serde_json::to_vec(&value).unwrap_or(bytes)
}

fn clean_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Cow::Owned(cleaned) = clean(s) {
                *s = cleaned;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_value),
        _ => {}
    }
}

/// A description of characters for a message: `'ⴰ' (U+2D30)`, …
pub fn describe(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| {
            if c.is_control() || dropped(*c) || invisible(*c) {
                format!("U+{:04X}", *c as u32)
            } else {
                format!("'{c}' (U+{:04X})", *c as u32)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_covered_text_is_borrowed() {
        for text in [
            "Proeftuin Ruwaard",
            "Zorgcoöperatie",
            "Ελλάδα",
            "Москва",
            "مرحبا",
            "שלום",
            "北京",
            "東京",
            "서울",
            "🙂",
        ] {
            assert!(matches!(clean(text), Cow::Borrowed(_)), "{text}");
            assert!(
                unrenderable(text).is_empty(),
                "{text}: {:?}",
                unrenderable(text)
            );
        }
    }

    #[test]
    fn forbidden_code_points_are_dropped() {
        assert_eq!(clean("\u{FEFF}Oss\u{0}\u{7}"), "Oss");
        assert_eq!(clean("a\u{FFFE}b"), "ab");
        assert_eq!(clean("a\u{E000}b"), "a\u{FFFD}b");
        assert_eq!(
            unrenderable("\u{FEFF}x\u{E000}"),
            vec!['\u{FEFF}', '\u{E000}']
        );
    }

    #[test]
    fn uncovered_characters_become_the_replacement_character() {
        // Tifinagh: no shipped font covers it.
        assert_eq!(clean("ⴰⵣⵓⵍ"), "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(unrenderable("ⴰⴰ"), vec!['ⴰ']);
    }

    #[test]
    fn json_strings_are_cleaned_and_clean_json_is_untouched() {
        let clean_json = br#"{"name":"Oss \u00e9","n":3}"#.to_vec();
        // `\u` escapes force the slow path, which re-serialises.
        let out = sanitize_json(clean_json);
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"n":3,"name":"Oss é"}"#);
        let plain = br#"{"name":"Oss"}"#.to_vec();
        assert_eq!(sanitize_json(plain.clone()), plain);
        let dirty = "{\"name\":\"\u{FEFF}Oss\\u0000\",\"list\":[\"\u{E001}\"]}"
            .as_bytes()
            .to_vec();
        let out: serde_json::Value = serde_json::from_slice(&sanitize_json(dirty)).unwrap();
        assert_eq!(out["name"], "Oss");
        assert_eq!(out["list"][0], "\u{FFFD}");
    }
}
