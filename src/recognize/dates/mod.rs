//! Dates: the one mechanism that reads date expressions ("Selasa, 4 Juli 2023", "Tuesday
//! (7/4)", "kemarin (Senin)", "2023-07-04") out of a rule pattern's named groups, tells dates
//! from look-alikes (ranges, scores, versions, URLs, reference numbers), and finds a document's
//! own date in its dateline. Every date rule kind uses it; none parses dates itself.
//!
//! The words are data: month and weekday names (`month`, `weekday` tables, ISO weekday numbers),
//! days counted from the document's date (`relative_day`), the order numeric dates are written
//! in (`numeric_date_order`), and the words that make a number something other than a date
//! (`date_range`, `number_markers`, `not_before_weekday`) come from the lexicon of the
//! document's language.

mod dateline;
mod lookalike;

pub use dateline::document_date;
pub(crate) use lookalike::in_url;

use crate::lexicon::Lexicons;
use crate::vocab::calendar::days_in_month;
use crate::vocab::words::{is_all_caps, keep_case};
use crate::vocab::Lang;
use chrono::{Datelike, NaiveDate, Weekday};
use regex::Captures;
use std::ops::Range;

/// Lexicon tables and lists the mechanism reads.
pub const MONTH_TABLE: &str = "month";
pub const WEEKDAY_TABLE: &str = "weekday";
pub const RELATIVE_TABLE: &str = "relative_day";
pub const ORDER_TABLE: &str = "numeric_date_order";
pub const RANGE_WORDS: &str = "date_range";
pub const NUMBER_MARKERS: &str = "number_markers";
pub const NOT_BEFORE_WEEKDAY: &str = "not_before_weekday";

/// The order of the day and the month in a numeric date such as 4/7/2023.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// day/month/year: 4 July in Indonesian and British copy.
    Dmy,
    /// month/day/year: 7 April in American copy.
    Mdy,
}

impl Order {
    fn from_key(key: &str) -> Option<Order> {
        match key {
            "dmy" => Some(Order::Dmy),
            "mdy" => Some(Order::Mdy),
            _ => None,
        }
    }

    /// The key of the words for this order in a date rule's wording.
    pub fn wording_key(self) -> &'static str {
        match self {
            Order::Dmy => "day_month_year",
            Order::Mdy => "month_day_year",
        }
    }
}

/// A weekday named in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekdayMention {
    pub weekday: Weekday,
    pub range: Range<usize>,
}

/// A day named relative to the document's date ("kemarin", "tomorrow").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelativeMention {
    /// Days from the document's date: -1 for yesterday.
    pub days: i64,
    pub range: Range<usize>,
}

/// One way to read a written date: month and day, and the year when one is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// For a numeric date, the order this reading assumes.
    pub order: Option<Order>,
}

impl Reading {
    /// The date, when the year is written and the date exists.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// True when the date exists: in its year when one is written, else in some year (29
    /// February is a date; 30 February is not).
    pub fn exists(&self) -> bool {
        match self.year {
            Some(_) => self.date().is_some(),
            None => self.day <= days_in_month(None, self.month),
        }
    }

    /// The dates this reading stands for, nearest the document's date first. A written year
    /// gives one date (none when it does not exist); a missing year is the document's year, or
    /// the neighbouring year when that is nearer ("Sabtu (30/12)" in a paper dated 2 January);
    /// with no document date a missing year leaves the date unknown.
    pub fn candidates(&self, doc_date: Option<NaiveDate>) -> Vec<NaiveDate> {
        if self.year.is_some() {
            return self.date().into_iter().collect();
        }
        let Some(doc) = doc_date else { return Vec::new() };
        let mut found: Vec<NaiveDate> = [doc.year(), doc.year() - 1, doc.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .collect();
        found.sort_by_key(|d| (*d - doc).num_days().abs());
        // The document's year and the nearest one; a year further away is a guess too far.
        let nearest = found.first().copied();
        found.retain(|d| Some(*d) == nearest || d.year() == doc.year());
        found
    }
}

/// A date written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The ways to read it in the orders the language uses, most likely first. More than one
    /// only for a numeric date whose order the language leaves open (English 7/4/2023).
    pub readings: Vec<Reading>,
    /// Readings in an order the language does not use: a numeric date is never called
    /// impossible while one of these makes it a real date.
    pub other_readings: Vec<Reading>,
    /// The date's own text (without a weekday).
    pub range: Range<usize>,
    /// True for a numeric date (4/7/2023, 2023-07-04).
    pub numeric: bool,
}

impl DateMention {
    /// The readings to check: those of the language's orders, or, when none of them makes
    /// sense (4/13/2023 in Indonesian text), those of the other order.
    pub fn plausible(&self) -> &[Reading] {
        if self.readings.is_empty() {
            &self.other_readings
        } else {
            &self.readings
        }
    }

    /// True when the date exists in no reading at all: the year it names has no such day, or no
    /// year has (31 June).
    pub fn impossible(&self) -> bool {
        !self.plausible().is_empty() && !self.readings.iter().chain(&self.other_readings).any(Reading::exists)
    }
}

/// A date expression a pattern matched, read into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// The claim: the `claim` group, or the whole match.
    pub span: Range<usize>,
    pub weekday: Option<WeekdayMention>,
    pub relative: Option<RelativeMention>,
    pub date: Option<DateMention>,
}

/// Reads date expressions in one language.
#[derive(Debug)]
pub struct DateReader<'a> {
    lexicons: &'a Lexicons,
    lang: Lang,
    /// The numeric orders the language uses, most likely first.
    orders: Vec<Order>,
}

impl<'a> DateReader<'a> {
    pub fn new(lexicons: &'a Lexicons, lang: Lang) -> Self {
        let mut orders: Vec<(i64, Order)> = lexicons
            .table(lang, ORDER_TABLE)
            .map(|t| t.filter_map(|(k, v)| Order::from_key(k).map(|o| (v, o))).collect())
            .unwrap_or_default();
        orders.sort_by_key(|(rank, _)| *rank);
        let mut orders: Vec<Order> = orders.into_iter().map(|(_, o)| o).collect();
        if orders.is_empty() {
            // Without data, either order may be meant.
            orders = vec![Order::Dmy, Order::Mdy];
        }
        DateReader { lexicons, lang, orders }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Reads a pattern's match. None when a group the pattern matched is not what it should be:
    /// a month or weekday word the lexicon does not know or that is not capitalised ("may",
    /// "sun", "wed" are words), a day outside 1..=31, a numeric date no order makes sense of.
    pub fn read(&self, caps: &Captures<'_>) -> Option<DateExpr> {
        let whole = caps.get(0)?;
        let mut span = caps.name("claim").map_or(whole.range(), |m| m.range());
        // A full stop right after a month that ends the expression ("Senin 4 Juli.") ends the
        // sentence or an abbreviation; the claim is the words before it.
        let ends_with_stop =
            span.end > whole.start() && whole.as_str().as_bytes().get(span.end - 1 - whole.start()) == Some(&b'.');
        if ends_with_stop && caps.name("month").is_some_and(|m| m.end() + 1 == span.end) {
            span.end -= 1;
        }
        let weekday = match caps.name("weekday") {
            Some(m) => Some(WeekdayMention { weekday: self.weekday_of(m.as_str())?, range: m.range() }),
            None => None,
        };
        let relative = match caps.name("relative") {
            Some(m) => Some(RelativeMention {
                days: self.lexicons.value(self.lang, RELATIVE_TABLE, m.as_str())?,
                range: m.range(),
            }),
            None => None,
        };
        let date = if let Some(n) = caps.name("numeric") {
            Some(self.read_numeric(n.as_str(), n.range())?)
        } else if let (Some(d), Some(m)) = (caps.name("day"), caps.name("month")) {
            let day = number(d.as_str()).filter(|d| (1..=31).contains(d))?;
            let month = self.month_of(m.as_str())?;
            let year = match caps.name("year") {
                Some(y) => Some(year_of(y.as_str())?),
                None => None,
            };
            let start = d.start().min(m.start());
            let end = [Some(d.end()), Some(m.end()), caps.name("year").map(|y| y.end())].into_iter().flatten().max()?;
            Some(DateMention {
                readings: vec![Reading { year, month, day, order: None }],
                other_readings: Vec::new(),
                range: start..end,
                numeric: false,
            })
        } else {
            None
        };
        Some(DateExpr { span, weekday, relative, date })
    }

    /// The date a year at `at` completes, when the two words before it are a day and a month
    /// ("12 Oktober 2023", "October 12, 2023").
    pub fn full_date_ending_at(&self, text: &str, at: usize, year: i32) -> Option<NaiveDate> {
        let before = &text[text[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i)..at];
        let words: Vec<&str> =
            before.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
        let [.., a, b] = words.as_slice() else { return None };
        let day = |w: &str| number(w).filter(|d| (1..=31).contains(d));
        let month = |w: &str| if number(w).is_some() { None } else { self.month_of(w) };
        let (d, m) = match (day(a), month(b), month(a), day(b)) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d, m),
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, m, d)
    }

    /// A month word ("Juli", "Sept") or number.
    fn month_of(&self, word: &str) -> Option<u32> {
        if let Some(n) = number(word) {
            return (1..=12).contains(&n).then_some(n);
        }
        let n = self.name_value(MONTH_TABLE, word)?;
        u32::try_from(n).ok().filter(|n| (1..=12).contains(n))
    }

    fn weekday_of(&self, word: &str) -> Option<Weekday> {
        iso_weekday(self.name_value(WEEKDAY_TABLE, word)?)
    }

    /// The number a month or weekday name stands for. Names are proper nouns: a lower-case
    /// "may", "sun", "wed" or "mar" is another word. An abbreviation in capitals ("SAT", "SUN",
    /// "MAR", "KAM") is more often an acronym than a date, so only full names may be capitals.
    fn name_value(&self, table: &str, word: &str) -> Option<i64> {
        let word = word.trim_end_matches('.');
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let value = self.lexicons.value(self.lang, table, word)?;
        if is_all_caps(word) && self.is_abbreviation(table, &crate::vocab::fold::fold(word), value) {
            return None;
        }
        Some(value)
    }

    /// True when a (folded) table word begins a longer word for the same value: "sel" for
    /// "selasa", "sept" for "september".
    fn is_abbreviation(&self, table: &str, word: &str, value: i64) -> bool {
        self.lexicons
            .table(self.lang, table)
            .is_some_and(|mut t| t.any(|(w, v)| v == value && w.len() > word.len() && w.starts_with(word)))
    }

    /// Reads "4/7/2023", "4/7", "04-07-2023", "2023-07-04".
    fn read_numeric(&self, s: &str, range: Range<usize>) -> Option<DateMention> {
        let sep = s.chars().find(|c| !c.is_ascii_digit())?;
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let mention =
            |readings, other_readings| DateMention { readings, other_readings, range: range.clone(), numeric: true };
        if parts.len() == 3 && parts[0].len() == 4 {
            // ISO: year-month-day, whatever the language.
            let (year, month, day) = (year_of(parts[0])?, number(parts[1])?, number(parts[2])?);
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None;
            }
            return Some(mention(vec![Reading { year: Some(year), month, day, order: None }], Vec::new()));
        }
        if !(2..=3).contains(&parts.len()) || parts[..2].iter().any(|p| p.len() > 2) {
            return None;
        }
        let year = match parts.get(2) {
            Some(y) if y.len() == 4 || y.len() == 2 => Some(year_of(y)?),
            Some(_) => return None,
            None => None,
        };
        let (a, b) = (number(parts[0])?, number(parts[1])?);
        let reading = |order| {
            let (month, day) = match order {
                Order::Dmy => (b, a),
                Order::Mdy => (a, b),
            };
            ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Reading {
                year,
                month,
                day,
                order: Some(order),
            })
        };
        let readings: Vec<Reading> = self.orders.iter().filter_map(|o| reading(*o)).collect();
        let other: Vec<Reading> =
            [Order::Dmy, Order::Mdy].into_iter().filter(|o| !self.orders.contains(o)).filter_map(reading).collect();
        if readings.is_empty() && other.is_empty() {
            return None;
        }
        Some(mention(readings, other))
    }

    /// The word for `weekday` in this language, in the form of `like` (the word the text used):
    /// a full name for a full name ("Rabu" -> "Selasa", "Ahad" -> "Sabtu"), an abbreviation of
    /// about the same length for an abbreviation ("Sen" -> "Sel", "Tues" -> "Mon"), in the same
    /// case. An abbreviation is a table word that begins a longer word for the same day.
    pub fn weekday_word(&self, weekday: Weekday, like: &str) -> Option<String> {
        let table: Vec<(&str, i64)> = self.lexicons.table(self.lang, WEEKDAY_TABLE)?.collect();
        let is_abbreviation = |w: &str, v: i64| self.is_abbreviation(WEEKDAY_TABLE, w, v);
        let like_folded = crate::vocab::fold::fold(like.trim_end_matches('.'));
        let like_abbreviated = table.iter().any(|(w, v)| *w == like_folded && is_abbreviation(w, *v));
        let target = i64::from(weekday.number_from_monday());
        let words: Vec<&str> = table.iter().filter(|(_, v)| *v == target).map(|(w, _)| *w).collect();
        let abbreviations: Vec<&str> = words.iter().copied().filter(|w| is_abbreviation(w, target)).collect();
        let word = if like_abbreviated && !abbreviations.is_empty() {
            let len = like_folded.chars().count();
            abbreviations.into_iter().min_by_key(|w| (w.chars().count().abs_diff(len), *w))?
        } else {
            words
                .into_iter()
                .filter(|w| !is_abbreviation(w, target))
                // The plain spelling first ("Jumat", not "Jum'at"), then the longest ("Minggu", not "Ahad").
                .max_by_key(|w| (w.chars().all(char::is_alphabetic), w.len(), std::cmp::Reverse(*w)))?
        };
        Some(keep_case(like, word))
    }
}

/// Parses a run of ASCII digits (ordinal suffixes and full stops around it are ignored).
fn number(s: &str) -> Option<u32> {
    let digits = s.trim().trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

/// A four-digit year, or a two-digit one read as 20xx.
fn year_of(s: &str) -> Option<i32> {
    let s = s.trim().trim_start_matches(['\'', '’']);
    let n = i32::try_from(number(s)?).ok()?;
    match s.len() {
        4 => Some(n),
        2 => Some(2000 + n),
        _ => None,
    }
}

/// ISO weekday number (1 = Monday) to a weekday.
pub fn iso_weekday(n: i64) -> Option<Weekday> {
    const DAYS: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
    usize::try_from(n - 1).ok().and_then(|i| DAYS.get(i)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::spec::LexiconSpec;

    fn lexicons() -> Lexicons {
        let mut l = Lexicons::default();
        for (path, text) in crate::builtin::FILES {
            if path.contains("lexicon") {
                let spec: LexiconSpec = toml::from_str(text).unwrap();
                l.add(&spec, path, text).unwrap();
            }
        }
        l
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn read_with(lang: Lang, pattern: &str, text: &str) -> Option<DateExpr> {
        let lex = lexicons();
        let re = regex::Regex::new(&crate::lexicon::expand(pattern, lang, &lex).unwrap()).unwrap();
        let caps = re.captures(text)?;
        let reader = DateReader::new(&lex, lang);
        reader.read(&caps).filter(|e| reader.is_claim(text, e))
    }

    #[test]
    fn reads_named_dates() {
        let e = read_with(
            Lang::ID,
            r"(?P<weekday>{weekday}),\s+(?P<day>\d+)\s+(?P<month>{month})\s+(?P<year>\d{4})",
            "pada hari Selasa, 4 Juli 2023 di",
        )
        .unwrap();
        assert_eq!(e.weekday.unwrap().weekday, Weekday::Tue);
        assert_eq!(e.date.unwrap().readings[0].date(), Some(d(2023, 7, 4)));
    }

    #[test]
    fn month_and_weekday_names_are_capitalised() {
        let p = r"(?P<weekday>{weekday})\s+(?P<day>\d+)\s+(?P<month>{month})\s+(?P<year>\d{4})";
        assert!(read_with(Lang::EN, p, "they wed 4 July 2023").is_none());
        assert!(read_with(Lang::EN, p, "Wed 4 July 2023").is_some());
        assert!(read_with(Lang::EN, p, "Wed 4 july 2023").is_none());
        // An abbreviation in capitals is an acronym; a full name in capitals is a name.
        assert!(read_with(Lang::EN, p, "SAT 4 June 2023").is_none());
        assert!(read_with(Lang::EN, p, "SATURDAY 3 JUNE 2023").is_some());
        assert!(read_with(Lang::ID, p, "KAM 6 Juli 2023").is_none());
    }

    #[test]
    fn numeric_order_follows_the_language() {
        let p = r"(?P<numeric>\d+/\d+/\d+)";
        let id = read_with(Lang::ID, p, "(4/7/2023)").unwrap().date.unwrap();
        assert_eq!(id.readings.len(), 1);
        assert_eq!(id.readings[0].date(), Some(d(2023, 7, 4)));
        let en = read_with(Lang::EN, p, "(7/4/2023)").unwrap().date.unwrap();
        assert_eq!(
            en.readings.iter().map(|r| r.date().unwrap()).collect::<Vec<_>>(),
            vec![d(2023, 7, 4), d(2023, 4, 7)]
        );
        // Only one order makes sense: that one.
        let en = read_with(Lang::EN, p, "(31/6/2023)").unwrap().date.unwrap();
        assert_eq!(en.readings.len(), 1);
        assert!(en.impossible());
        // The other order makes a real date: never impossible.
        let id = read_with(Lang::ID, p, "(4/13/2023)").unwrap().date.unwrap();
        assert!(id.readings.is_empty() && !id.impossible());
        // ISO is year-month-day in every language.
        let iso = read_with(Lang::ID, r"(?P<numeric>\d+-\d+-\d+)", "2023-07-04").unwrap().date.unwrap();
        assert_eq!(iso.readings[0].date(), Some(d(2023, 7, 4)));
        assert!(read_with(Lang::EN, p, "(13/14/2023)").is_none());
    }

    #[test]
    fn impossible_dates() {
        let r = |year, month, day| Reading { year, month, day, order: None };
        assert!(r(Some(2024), 2, 29).exists());
        assert!(!r(Some(2023), 2, 29).exists());
        assert!(r(None, 2, 29).exists());
        assert!(!r(None, 2, 30).exists());
        assert!(!r(None, 6, 31).exists());
    }

    #[test]
    fn yearless_dates_take_the_nearest_year() {
        let r = Reading { year: None, month: 12, day: 30, order: None };
        assert_eq!(r.candidates(Some(d(2024, 1, 2)))[0], d(2023, 12, 30));
        assert!(r.candidates(None).is_empty());
        let r = Reading { year: None, month: 7, day: 4, order: None };
        assert_eq!(r.candidates(Some(d(2023, 7, 5))), vec![d(2023, 7, 4)]);
    }

    #[test]
    fn look_alikes_are_not_claims() {
        let p = r"(?P<day>\d{1,2})\s+(?P<month>{month})(?:\s+(?P<year>\d{4}))?";
        assert!(read_with(Lang::ID, p, "pameran 4-6 Juli 2023").is_none());
        assert!(read_with(Lang::ID, p, "pameran 4 s.d. 6 Juli 2023").is_none());
        assert!(read_with(Lang::ID, p, "pameran 4 sampai dengan 6 Juli").is_none());
        assert!(read_with(Lang::ID, p, "berlangsung hingga 6 Juli 2023").is_some());
        assert!(read_with(Lang::EN, p, "between 4 and 6 July").is_none());
        let p = r"(?P<month>{month})\s+(?P<day>\d{1,2})";
        assert!(read_with(Lang::EN, p, "on July 4-6 the").is_none());
        assert!(read_with(Lang::EN, p, "on July 4 and 5 the").is_none());
        assert!(read_with(Lang::EN, p, "on July 4, the").is_some());
        let p = r"(?P<numeric>\d+/\d+/\d{4})";
        assert!(read_with(Lang::ID, p, "lihat https://x.id/berita/4/7/2023/a").is_none());
        assert!(read_with(Lang::ID, p, "Surat Nomor 4/7/2023 tentang").is_none());
        assert!(read_with(Lang::ID, p, "tanggal 4/7/2023.").is_some());
    }

    #[test]
    fn weekday_words_keep_the_form() {
        let lex = lexicons();
        let id = DateReader::new(&lex, Lang::ID);
        assert_eq!(id.weekday_word(Weekday::Tue, "Senin").unwrap(), "Selasa");
        assert_eq!(id.weekday_word(Weekday::Wed, "SEL").unwrap(), "RAB");
        let en = DateReader::new(&lex, Lang::EN);
        assert_eq!(en.weekday_word(Weekday::Tue, "Monday").unwrap(), "Tuesday");
        assert_eq!(en.weekday_word(Weekday::Tue, "Mon").unwrap(), "Tue");
        assert_eq!(en.weekday_word(Weekday::Mon, "Tues.").unwrap(), "Mon");
        assert_eq!(en.weekday_word(Weekday::Thu, "Friday").unwrap(), "Thursday");
        assert_eq!(id.weekday_word(Weekday::Tue, "Rabu").unwrap(), "Selasa");
        assert_eq!(id.weekday_word(Weekday::Sat, "Ahad").unwrap(), "Sabtu");
        assert_eq!(id.weekday_word(Weekday::Sun, "Sabtu").unwrap(), "Minggu");
        assert_eq!(id.weekday_word(Weekday::Thu, "Jum’at").unwrap(), "Kamis");
    }

    #[test]
    fn document_dates() {
        let lex = lexicons();
        let dd = |t: &str, lang| document_date(t, lang, &lex);
        assert_eq!(dd("Judul berita\n\n5 Juli 2023\n\nBEIJING – isi", Lang::ID), Some(d(2023, 7, 5)));
        assert_eq!(dd("JAKARTA, 5 Juli 2023 – Presiden membuka pameran.", Lang::ID), Some(d(2023, 7, 5)));
        assert_eq!(dd("Jakarta (ANTARA), Rabu, 5 Juli 2023 - Presiden", Lang::ID), Some(d(2023, 7, 5)));
        assert_eq!(dd("Rabu, 5 Juli 2023 10:15 WIB\nIsi", Lang::ID), Some(d(2023, 7, 5)));
        assert_eq!(dd("Title\nWASHINGTON, July 5, 2023 — The", Lang::EN), Some(d(2023, 7, 5)));
        assert_eq!(dd("Published: Wednesday, July 5, 2023\n", Lang::EN), Some(d(2023, 7, 5)));
        assert_eq!(dd("2023-07-05\nText", Lang::EN), Some(d(2023, 7, 5)));
        // Not a date line: a sentence that starts with a date, a date deep in the text.
        assert_eq!(dd("5 Juli 2023 menjadi hari bersejarah bagi kami.", Lang::ID), None);
        assert_eq!(dd("a\nb\nc\nd\ne\nf\n5 Juli 2023", Lang::ID), None);
        assert_eq!(dd("31 Juni 2023", Lang::ID), None);
        assert_eq!(dd("4 Juli 2023 - 6 Juli 2023", Lang::ID), None);
    }
}
