//! Dates as they appear in spreadsheets: Excel serial numbers, ISO text and
//! the Dutch `dd-mm-jjjj` form.

use chrono::{Days, NaiveDate};

/// Excel's day 0 in the 1900 date system (serial 1 = 1900-01-01, with the
/// fictitious 1900-02-29 that makes serials from 61 on one day late).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date")
}

/// The calendar date of an Excel serial day number.
pub fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    excel_epoch().checked_add_days(Days::new(serial.floor() as u64))
}

/// The ISO date (`2023-05-17`) of an Excel serial day number.
pub fn serial_to_iso(serial: f64) -> Option<String> {
    serial_to_date(serial).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The Excel serial day number of a date.
pub fn date_to_serial(date: NaiveDate) -> f64 {
    (date - excel_epoch()).num_days() as f64
}

/// Parses a date written as text: `2023-05-17`, `17-05-2023`, `17/05/2023`,
/// `17-5-2023`, optionally followed by a time.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    for format in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials() {
        assert_eq!(serial_to_iso(45063.0).as_deref(), Some("2023-05-17"));
        assert_eq!(serial_to_iso(1.0).as_deref(), Some("1899-12-31"));
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(serial_to_date(date_to_serial(d)), Some(d));
    }

    #[test]
    fn dutch_text_dates() {
        let d = NaiveDate::from_ymd_opt(2023, 5, 7).unwrap();
        assert_eq!(parse_date_text("07-05-2023"), Some(d));
        assert_eq!(parse_date_text("7-5-2023"), Some(d));
        assert_eq!(parse_date_text("2023-05-07 00:00:00"), Some(d));
        assert_eq!(parse_date_text("volgende week"), None);
    }
}
