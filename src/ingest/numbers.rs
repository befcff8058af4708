//! Reading a number out of a published cell: numbers stored as text, decimal
//! commas and dots, CBS's `.` marker (also space-padded), blank cells and the
//! `*` / `**` provisional flags.
//!
//! A missing value is never turned into 0: the caller gets [`Parsed::Missing`]
//! with the reason, so that tables can say *why* a value is absent.

use crate::ingest::grid::Cell;

/// Why a value is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// An empty cell: for CBS "cannot occur", for Vektis "no costs recorded".
    Blank,
    /// CBS/StatLine `.`: unknown, unreliable or secret (suppressed).
    Secret,
}

/// The result of reading one cell as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Value {
        value: f64,
        provisional: bool,
    },
    Missing(Missing),
    /// Not a number: the text found, for the problem report.
    Invalid(String),
}

/// Reads a cell as a number in the conventions of Dutch open data.
pub fn parse_cell(cell: &Cell) -> Parsed {
    match cell {
        Cell::Empty => Parsed::Missing(Missing::Blank),
        Cell::Number(v) if v.is_finite() => Parsed::Value {
            value: *v,
            provisional: false,
        },
        Cell::Number(v) => Parsed::Invalid(v.to_string()),
        Cell::Text(text) => parse_text(text),
        other => Parsed::Invalid(other.to_text()),
    }
}

/// Reads a text as a number: `'  26,4'`, `'1.5'`, `'-12'`, `'.'`, `'12*'`.
pub fn parse_text(text: &str) -> Parsed {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if trimmed.is_empty() {
        return Parsed::Missing(Missing::Blank);
    }
    if trimmed == "." || trimmed == "x" || trimmed == "-" {
        return Parsed::Missing(Missing::Secret);
    }
    let unflagged = trimmed.trim_end_matches('*').trim_end();
    let provisional = unflagged.len() != trimmed.len();
    if unflagged.is_empty() {
        return Parsed::Missing(Missing::Secret);
    }
    match parse_decimal(unflagged) {
        Some(value) => Parsed::Value { value, provisional },
        None => Parsed::Invalid(text.to_owned()),
    }
}

/// Parses a decimal written with a comma or a dot as separator. When both
/// occur, the last one is the decimal separator and the other groups thousands.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let valid = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'))
    };
    // The common case (a plain number with a dot or none) parses without
    // allocating.
    if !text.contains(',') && !text.starts_with('\u{2212}') {
        if text.matches('.').count() > 1 {
            return None;
        }
        return if valid(text) {
            text.parse::<f64>().ok().filter(|v| v.is_finite())
        } else {
            None
        };
    }
    let text = match text.strip_prefix('\u{2212}') {
        Some(rest) => format!("-{rest}"),
        None => text.to_owned(),
    };
    let last_comma = text.rfind(',');
    let last_dot = text.rfind('.');
    let normalised: String = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text.replace(',', ""),
        (Some(_), None) => {
            if text.matches(',').count() > 1 {
                return None;
            }
            text.replace(',', ".")
        }
        _ => text,
    };
    if !valid(&normalised) {
        return None;
    }
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(v: f64) -> Parsed {
        Parsed::Value {
            value: v,
            provisional: false,
        }
    }

    #[test]
    fn numbers_stored_as_text() {
        assert_eq!(parse_text("222298"), value(222298.0));
        assert_eq!(parse_text("26,4"), value(26.4));
        assert_eq!(parse_text("    76.7"), value(76.7));
        assert_eq!(parse_text("-1234.5"), value(-1234.5));
        assert_eq!(parse_text("1.234,5"), value(1234.5));
        assert_eq!(parse_text("\u{2212}3"), value(-3.0));
    }

    #[test]
    fn markers_are_missing_not_zero() {
        assert_eq!(parse_text("."), Parsed::Missing(Missing::Secret));
        assert_eq!(parse_text("       ."), Parsed::Missing(Missing::Secret));
        assert_eq!(parse_text("   "), Parsed::Missing(Missing::Blank));
        assert_eq!(parse_cell(&Cell::Empty), Parsed::Missing(Missing::Blank));
    }

    #[test]
    fn provisional_flags() {
        assert_eq!(
            parse_text("12*"),
            Parsed::Value {
                value: 12.0,
                provisional: true
            }
        );
        assert_eq!(
            parse_text("3,5**"),
            Parsed::Value {
                value: 3.5,
                provisional: true
            }
        );
    }

    #[test]
    fn text_is_invalid() {
        assert_eq!(parse_text("abc"), Parsed::Invalid("abc".into()));
        assert_eq!(parse_text("1,2,3"), Parsed::Invalid("1,2,3".into()));
        assert_eq!(parse_text("12 jaar"), Parsed::Invalid("12 jaar".into()));
    }
}
