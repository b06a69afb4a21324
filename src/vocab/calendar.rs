//! Calendar arithmetic, and the English names of months the knowledge describes dates with.

use chrono::{Month, NaiveDate};

/// Days in a month; without a year, the most it can have (29 for February).
pub fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap_year(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The English name of a month (1..=12), for the knowledge's own descriptions ("March 2023").
/// Findings name months in their document's language, from their rule's wording.
pub fn month_name(m: u32) -> &'static str {
    u8::try_from(m).ok().and_then(|m| Month::try_from(m).ok()).map_or("?", |m| m.name())
}

/// A date in English for the knowledge's own descriptions: "4 July 2023".
pub fn display_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && !is_leap_year(1900) && !is_leap_year(2023));
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(month_name(3), "March");
        assert_eq!(month_name(13), "?");
        assert_eq!(display_date(NaiveDate::from_ymd_opt(2023, 7, 4).unwrap()), "4 July 2023");
    }
}
