//! The one formatting module: numbers, counts, euros, signed values,
//! interval bounds and dates as a reader of each language writes them
//! (Dutch decimal comma and thousands point, English point and comma).
//! Reports, the console and the workbook format every figure here; the
//! wording around the figures lives in the catalogue (`i18n`).
//! Labels of codes (themes, levels, units, cost categories) are words, not
//! formats: they come from the catalogue through `render::profile::labels`.

use chrono::{Datelike, NaiveDate};

/// A value with `digits` decimals: decimal comma in Dutch, point in
/// English; a minus sign (U+2212, as typeset text has it, not a hyphen)
/// for negative values, none when the value rounds to zero.
pub fn format_value(v: f64, digits: u8, nl: bool) -> String {
    let s = format!("{:.*}", digits as usize, v.abs());
    let s = if nl { s.replace('.', ",") } else { s };
    if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("−{s}")
    } else {
        s
    }
}

/// The thousands separator: the one rule for every output. Dutch groups
/// with a point (`12.345`, as the Rijksoverheid and CBS publications do),
/// English with a comma (`12,345`).
pub fn thousands_separator(nl: bool) -> char {
    if nl { '.' } else { ',' }
}

/// Digits with thousands grouped by [`thousands_separator`].
fn group_digits(digits: &str, nl: bool) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(thousands_separator(nl));
        }
        grouped.push(c);
    }
    grouped
}

/// A count with thousands grouped: `12.345` in Dutch, `12,345` in English;
/// a negative count with a minus sign (not a hyphen).
pub fn format_count(v: i64, nl: bool) -> String {
    let grouped = group_digits(&v.unsigned_abs().to_string(), nl);
    if v < 0 {
        format!("−{grouped}")
    } else {
        grouped
    }
}

/// A euro amount rounded to whole euros with thousands grouped:
/// `€ 2.345` in Dutch, `€2,345` in English.
pub fn format_euros(v: f64, nl: bool) -> String {
    let whole = format!("{:.0}", v.abs());
    let grouped = group_digits(&whole, nl);
    let sign = if v < 0.0 && whole.bytes().any(|b| b != b'0') {
        "−"
    } else {
        ""
    };
    if nl {
        format!("€ {sign}{grouped}")
    } else {
        format!("{sign}€{grouped}")
    }
}

/// A date in figures, day first: `01-03-2025` (the profile's cover).
pub fn numeric_date(year: i32, month: u8, day: u8) -> String {
    format!("{day:02}-{month:02}-{year}")
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in full: `1 maart 2025`, `1 March 2025`.
pub fn long_date(date: NaiveDate, nl: bool) -> String {
    let month = date.month0() as usize;
    if nl {
        format!("{} {} {}", date.day(), MONTHS_NL[month], date.year())
    } else {
        format!("{} {} {}", date.day(), MONTHS_EN[month], date.year())
    }
}

/// A month and year, abbreviated: `mrt. 2021`, `Mar 2021`.
pub fn short_month(date: NaiveDate, nl: bool) -> String {
    let month = date.month0() as usize;
    if nl {
        let name = MONTHS_NL[month];
        let short = match month {
            2 => "mrt.".to_owned(),
            4 => name.to_owned(),
            _ => format!("{}.", &name[..3]),
        };
        format!("{short} {}", date.year())
    } else {
        format!("{} {}", &MONTHS_EN[month][..3], date.year())
    }
}

/// A signed difference: `+0,6`, `−0,2` (with a minus sign, not a hyphen).
pub fn signed(v: f64, digits: u8, nl: bool) -> String {
    let text = format_value(v.abs(), digits, nl);
    let zero = format_value(0.0, digits, nl);
    if text == zero {
        text
    } else if v < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// An interval bound: `digits` decimals, more (up to four) where rounding
/// would show a bound that is not zero as zero, so that an interval that
/// excludes zero never reads `0,00`; a minus sign for negative bounds, no
/// plus sign. The one rule for every interval of every output.
pub fn bound(v: f64, digits: u8, nl: bool) -> String {
    let mut d = digits;
    while d < 4 && v != 0.0 && v.abs() < 0.5 * 10f64.powi(-(d as i32)) {
        d += 1;
    }
    let text = format_value(v.abs(), d, nl);
    if v < 0.0 && text != format_value(0.0, d, nl) {
        format!("−{text}")
    } else {
        text
    }
}

/// A value with `digits` decimals and thousands grouped by
/// [`thousands_separator`] (`12.345,6` in Dutch, `12,345.6` in English);
/// `–` when missing.
pub fn format_grouped(v: Option<f64>, digits: u8, nl: bool) -> String {
    let Some(v) = v else {
        return "–".to_owned();
    };
    let text = format!("{:.*}", digits as usize, v.abs());
    let (whole, decimals) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    out.push_str(&group_digits(whole, nl));
    if !decimals.is_empty() {
        out.push(if nl { ',' } else { '.' });
        out.push_str(decimals);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_read_as_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
        assert_eq!(long_date(d, true), "1 maart 2021");
        assert_eq!(long_date(d, false), "1 March 2021");
        assert_eq!(short_month(d, true), "mrt. 2021");
        assert_eq!(
            short_month(NaiveDate::from_ymd_opt(2021, 6, 1).unwrap(), true),
            "jun. 2021"
        );
        assert_eq!(
            short_month(NaiveDate::from_ymd_opt(2021, 5, 1).unwrap(), true),
            "mei 2021"
        );
        assert_eq!(bound(-0.0017, 2, true), "−0,002");
        assert_eq!(bound(0.004, 1, true), "0,004");
        assert_eq!(bound(1.25, 1, false), "1.2");
        assert_eq!(bound(0.0, 1, true), "0,0");
        assert_eq!(
            short_month(NaiveDate::from_ymd_opt(2021, 9, 1).unwrap(), true),
            "sep. 2021"
        );
        assert_eq!(signed(-0.24, 1, true), "−0,2");
        assert_eq!(signed(0.04, 1, true), "0,0");
        assert_eq!(signed(0.6, 1, false), "+0.6");
        assert_eq!(format_value(-0.333, 2, true), "−0,33");
        assert_eq!(format_value(-0.001, 2, true), "0,00");
    }

    #[test]
    fn euros_are_grouped_by_thousands() {
        assert_eq!(format_euros(2345.4, true), "€ 2.345");
        assert_eq!(format_euros(2345.5, false), "€2,346");
        assert_eq!(format_euros(999.0, true), "€ 999");
        assert_eq!(format_euros(1_234_567.0, true), "€ 1.234.567");
        assert_eq!(format_euros(-1200.0, true), "€ −1.200");
        assert_eq!(format_euros(-0.2, true), "€ 0");
    }

    #[test]
    fn grouped_values_use_the_one_separator() {
        assert_eq!(format_grouped(Some(12345.67), 1, true), "12.345,7");
        assert_eq!(format_grouped(Some(12345.67), 1, false), "12,345.7");
        assert_eq!(format_grouped(Some(-1234.0), 0, true), "−1.234");
        assert_eq!(format_grouped(Some(-0.01), 1, true), "0,0");
        assert_eq!(format_grouped(None, 1, true), "–");
    }
}
