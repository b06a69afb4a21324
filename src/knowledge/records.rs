//! The record a newsroom keeps besides places: persons, offices, who held which office when
//! (tenures), and key figures (facts). Loaded from knowledge files by [`super::people`] and
//! [`super::facts`]; checks ask it who held an office on a date and which figures a sentence
//! names. Every name, title and measure word goes into one folded name index (an fst), so the
//! recogniser walks text once, not once per person.

use super::PlaceId;
use crate::vocab::fold::fold;
use crate::vocab::Lang;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The index of a ", $what, " in the record.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
    };
}
id_type!(PersonId, "person");
id_type!(OfficeId, "office");
id_type!(TenureId, "tenure");
id_type!(FactId, "fact");

/// What an id of a knowledge file names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRef {
    Person(PersonId),
    Office(OfficeId),
    Tenure(TenureId),
    Fact(FactId),
}

impl RecordRef {
    pub fn kind_word(self) -> &'static str {
        match self {
            RecordRef::Person(_) => "person",
            RecordRef::Office(_) => "office",
            RecordRef::Tenure(_) => "tenure",
            RecordRef::Fact(_) => "fact",
        }
    }
}

/// Where an entry was written: for "already defined at ..." and for refusing corrections within
/// one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The number of the knowledge file in load order.
    pub file: usize,
    pub path: Arc<str>,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// A date as precise as the record knows it: a day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuzzyDate {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

impl FuzzyDate {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Result<FuzzyDate, String> {
        let bad = || format!("{s:?} is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY when the day is not known)");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
        };
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)? as i32;
        match parts.len() {
            1 => Ok(FuzzyDate {
                earliest: NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
                latest: NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?,
            }),
            2 => {
                let month = num(parts[1], 2).ok_or_else(bad)?;
                let first = NaiveDate::from_ymd_opt(year, month, 1)
                    .ok_or_else(|| format!("{s:?}: there is no month {month}"))?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }
                .ok_or_else(bad)?;
                Ok(FuzzyDate { earliest: first, latest: next.pred_opt().ok_or_else(bad)? })
            }
            3 => {
                let (month, day) = (num(parts[1], 2).ok_or_else(bad)?, num(parts[2], 2).ok_or_else(bad)?);
                let d = NaiveDate::from_ymd_opt(year, month, day)
                    .ok_or_else(|| format!("{s:?} does not exist in the calendar"))?;
                Ok(FuzzyDate { earliest: d, latest: d })
            }
            _ => Err(bad()),
        }
    }

    pub fn exact(d: NaiveDate) -> FuzzyDate {
        FuzzyDate { earliest: d, latest: d }
    }

    pub fn year(&self) -> i32 {
        self.earliest.year()
    }

    /// A year that holds the whole date, when it lies in one.
    pub fn single_year(&self) -> Option<i32> {
        (self.earliest.year() == self.latest.year()).then(|| self.earliest.year())
    }
}

impl fmt::Display for FuzzyDate {
    /// "23 October 2019", "March 2021", "2021".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::vocab::calendar::{display_date, month_name};
        let (a, b) = (self.earliest, self.latest);
        if a == b {
            f.write_str(&display_date(a))
        } else if a.year() == b.year() && a.month() == b.month() {
            write!(f, "{} {}", month_name(a.month()), a.year())
        } else if a.year() == b.year() && a.month() == 1 && b.month() == 12 {
            write!(f, "{}", a.year())
        } else {
            write!(f, "between {} and {}", display_date(a), display_date(b))
        }
    }
}

/// The days a claim may refer to: the document's date, or the years its sentence names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Window {
    pub fn day(d: NaiveDate) -> Window {
        Window { start: d, end: d }
    }

    pub fn years(first: i32, last: i32) -> Option<Window> {
        Some(Window { start: NaiveDate::from_ymd_opt(first, 1, 1)?, end: NaiveDate::from_ymd_opt(last, 12, 31)? })
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fd = FuzzyDate { earliest: self.start, latest: self.end };
        if self.start.year() != self.end.year() && self.start.month() == 1 && self.end.month() == 12 {
            return write!(f, "{}–{}", self.start.year(), self.end.year());
        }
        write!(f, "{fd}")
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub source: String,
    pub note: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Office {
    pub key: String,
    /// (language, title), in the order written; the first of a language is its main title.
    pub titles: Vec<(Lang, String)>,
    pub org: Option<String>,
    pub country: Option<PlaceId>,
    pub qualifiers: Vec<String>,
    pub single_holder: bool,
    pub source: String,
    pub note: Option<String>,
    pub origin: Origin,
}

impl Office {
    /// The office's main title in a language, else its first title.
    pub fn title(&self, lang: Lang) -> &str {
        self.titles.iter().find(|(l, _)| *l == lang).or(self.titles.first()).map_or("", |(_, t)| t.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct Tenure {
    pub key: Option<String>,
    pub person: PersonId,
    pub office: OfficeId,
    pub from: Option<FuzzyDate>,
    pub to: Option<FuzzyDate>,
    pub source: String,
    pub note: Option<String>,
    pub origin: Origin,
}

impl Tenure {
    /// True when the record is sure the person held the office on every day of the window.
    pub fn certainly_covers(&self, w: Window) -> bool {
        self.from.is_some_and(|f| f.latest <= w.start) && self.to.is_none_or(|t| w.end <= t.earliest)
    }

    /// True when the person may have held the office on some day of the window.
    pub fn possibly_overlaps(&self, w: Window) -> bool {
        self.from.is_none_or(|f| f.earliest <= w.end) && self.to.is_none_or(|t| w.start <= t.latest)
    }

    /// The days the record is sure of, as (first, last); None when it is sure of none.
    pub fn certain_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.from?.latest;
        let end = self.to.map_or(NaiveDate::MAX, |t| t.earliest);
        (start <= end).then_some((start, end))
    }

    /// "from 23 October 2019, still in office", "from 2016 to 20 October 2019".
    pub fn describe(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("from {f} to {t}"),
            (Some(f), None) => format!("from {f}, still in office in the record"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "at dates the record does not give".to_string(),
        }
    }
}

/// What a stated figure may differ from the recorded one by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// A share of the value: 0.03 for "3%".
    Relative(f64),
    /// An amount in the fact's unit.
    Absolute(f64),
}

impl Tolerance {
    pub fn parse(s: &str) -> Result<Tolerance, String> {
        let t = s.trim();
        let bad = || format!("tolerance {s:?} is not a share such as \"3%\" or an amount such as \"0.5\"");
        if let Some(p) = t.strip_suffix('%') {
            let v: f64 = p.trim().parse().map_err(|_| bad())?;
            if !(0.0..=100.0).contains(&v) {
                return Err(format!("tolerance {s:?} must lie between 0% and 100%"));
            }
            Ok(Tolerance::Relative(v / 100.0))
        } else {
            let v: f64 = t.parse().map_err(|_| bad())?;
            if !v.is_finite() || v < 0.0 {
                return Err(format!("tolerance {s:?} must not be negative"));
            }
            Ok(Tolerance::Absolute(v))
        }
    }

    /// The amount it allows around `value`.
    pub fn amount(&self, value: f64) -> f64 {
        match self {
            Tolerance::Relative(r) => value.abs() * r,
            Tolerance::Absolute(a) => *a,
        }
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Relative(r) => write!(f, "{}%", trim_float(r * 100.0)),
            Tolerance::Absolute(a) => write!(f, "{}", trim_float(*a)),
        }
    }
}

/// 3.0 -> "3", 2.50 -> "2.5".
pub fn trim_float(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// What a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Place(PlaceId),
    Person(PersonId),
    Office(OfficeId),
}

#[derive(Clone, Debug)]
pub struct Fact {
    pub key: String,
    pub label: Option<String>,
    /// The label in other languages.
    pub labels: Vec<(Lang, String)>,
    pub subject: Option<Subject>,
    pub subject_names: Vec<(Lang, String)>,
    /// Ways to name the measure, by language: each is a list of phrases that must all occur.
    pub measures: Vec<(Lang, Vec<String>)>,
    pub value: f64,
    pub unit: Option<String>,
    pub as_of: Option<FuzzyDate>,
    pub tolerance: Tolerance,
    pub source: String,
    pub note: Option<String>,
    pub origin: Origin,
}

impl Fact {
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.key)
    }

    /// The label in `lang`: its own, or [`Self::label`].
    pub fn label_in(&self, lang: Lang) -> &str {
        self.labels.iter().find(|(l, _)| *l == lang).map_or(self.label(), |(_, t)| t.as_str())
    }
}

/// What a name in the index stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phrase {
    Person(PersonId),
    Title(OfficeId),
    /// An organisation or country word that selects an office next to its title.
    Qualifier(OfficeId),
    /// A name of a fact's subject.
    Subject(FactId),
    /// One part of one way to name a fact's measure.
    Measure {
        fact: FactId,
        lang: Lang,
        alt: u16,
        part: u16,
    },
}

/// Persons, offices, tenures and facts, with their name index.
#[derive(Default)]
pub struct Records {
    pub persons: Vec<Person>,
    pub offices: Vec<Office>,
    pub tenures: Vec<Tenure>,
    pub facts: Vec<Fact>,
    /// Ids as knowledge files write them.
    pub ids: HashMap<String, RecordRef>,
    phrases: Vec<Vec<Phrase>>,
    index: Option<fst::Map<Vec<u8>>>,
}

impl Records {
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty() && self.offices.is_empty() && self.facts.is_empty()
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.persons[id.0 as usize]
    }

    pub fn office(&self, id: OfficeId) -> &Office {
        &self.offices[id.0 as usize]
    }

    pub fn tenure(&self, id: TenureId) -> &Tenure {
        &self.tenures[id.0 as usize]
    }

    pub fn fact(&self, id: FactId) -> &Fact {
        &self.facts[id.0 as usize]
    }

    pub fn tenures_of(&self, person: PersonId) -> impl Iterator<Item = &Tenure> {
        self.tenures.iter().filter(move |t| t.person == person)
    }

    pub fn tenures_in(&self, office: OfficeId) -> impl Iterator<Item = &Tenure> {
        self.tenures.iter().filter(move |t| t.office == office)
    }

    /// Rebuilds the name index from the entries as they now stand (after corrections).
    pub fn rebuild_index(&mut self) {
        let mut map: BTreeMap<String, Vec<Phrase>> = BTreeMap::new();
        let mut add = |name: &str, p: Phrase| {
            let key = fold(name);
            if !key.is_empty() {
                let list = map.entry(key).or_default();
                if !list.contains(&p) {
                    list.push(p);
                }
            }
        };
        for (i, p) in self.persons.iter().enumerate() {
            let id = PersonId(i as u32);
            add(&p.name, Phrase::Person(id));
            for a in &p.aliases {
                add(a, Phrase::Person(id));
            }
        }
        for (i, o) in self.offices.iter().enumerate() {
            let id = OfficeId(i as u32);
            for (_, t) in &o.titles {
                add(t, Phrase::Title(id));
            }
            if let Some(org) = &o.org {
                add(org, Phrase::Qualifier(id));
            }
            for q in &o.qualifiers {
                add(q, Phrase::Qualifier(id));
            }
        }
        for (i, f) in self.facts.iter().enumerate() {
            let id = FactId(i as u32);
            for (_, n) in &f.subject_names {
                add(n, Phrase::Subject(id));
            }
            match f.subject {
                Some(Subject::Person(p)) => {
                    let person = &self.persons[p.0 as usize];
                    for n in std::iter::once(&person.name).chain(&person.aliases) {
                        add(n, Phrase::Subject(id));
                    }
                }
                Some(Subject::Office(o)) => {
                    for (_, t) in &self.offices[o.0 as usize].titles {
                        add(t, Phrase::Subject(id));
                    }
                }
                // A place's names are in the gazetteer and the place index; the recogniser asks
                // those.
                Some(Subject::Place(_)) => {}
                None => {}
            }
            for (alt, (lang, parts)) in f.measures.iter().enumerate() {
                for (part, m) in parts.iter().enumerate() {
                    add(m, Phrase::Measure { fact: id, lang: *lang, alt: alt as u16, part: part as u16 });
                }
            }
        }
        if map.is_empty() {
            self.index = None;
            self.phrases.clear();
            return;
        }
        let mut b = fst::MapBuilder::memory();
        self.phrases.clear();
        for (i, (key, list)) in map.into_iter().enumerate() {
            b.insert(&key, i as u64).expect("sorted keys");
            self.phrases.push(list);
        }
        self.index = Some(fst::Map::new(b.into_inner().expect("in memory")).expect("just built"));
    }

    /// Every indexed phrase that matches a prefix of `text` ending at a word boundary, shortest
    /// first, as (end offset in `text`, what it stands for).
    pub fn prefixes(&self, text: &str) -> Vec<(usize, &[Phrase])> {
        let mut out = Vec::new();
        if let Some(index) = &self.index {
            super::gazetteer::walk_prefixes(index.as_fst(), text, |end, i| {
                out.push((end, self.phrases[i as usize].as_slice()));
            });
        }
        out
    }

    /// What an exact name (folded) stands for.
    pub fn lookup(&self, name: &str) -> &[Phrase] {
        let Some(index) = &self.index else { return &[] };
        match index.get(fold(name)) {
            Some(i) => &self.phrases[i as usize],
            None => &[],
        }
    }
}

impl fmt::Debug for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("persons", &self.persons.len())
            .field("offices", &self.offices.len())
            .field("tenures", &self.tenures.len())
            .field("facts", &self.facts.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_dates() {
        let y = FuzzyDate::parse("2021").unwrap();
        assert_eq!((y.earliest.to_string(), y.latest.to_string()), ("2021-01-01".into(), "2021-12-31".into()));
        let m = FuzzyDate::parse("2024-02").unwrap();
        assert_eq!(m.latest.to_string(), "2024-02-29");
        assert_eq!(m.to_string(), "February 2024");
        assert_eq!(FuzzyDate::parse("2019-10-23").unwrap().to_string(), "23 October 2019");
        assert!(FuzzyDate::parse("2023-02-30").unwrap_err().contains("does not exist"));
        assert!(FuzzyDate::parse("23-10-2019").is_err());
        assert!(FuzzyDate::parse("2019/10/23").is_err());
        assert!(FuzzyDate::parse("2019-13").is_err());
    }

    #[test]
    fn tolerances() {
        assert_eq!(Tolerance::parse("3%").unwrap(), Tolerance::Relative(0.03));
        assert_eq!(Tolerance::parse("0.5").unwrap(), Tolerance::Absolute(0.5));
        assert!(Tolerance::parse("-1").is_err());
        assert!(Tolerance::parse("lots").is_err());
        assert_eq!(Tolerance::Relative(0.03).to_string(), "3%");
    }

    #[test]
    fn tenure_windows() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let origin = Origin { file: 0, path: "t".into(), line: 1, column: 1 };
        let t = Tenure {
            key: None,
            person: PersonId(0),
            office: OfficeId(0),
            from: Some(FuzzyDate::parse("2021").unwrap()),
            to: None,
            source: String::new(),
            note: None,
            origin,
        };
        assert!(t.certainly_covers(Window::day(d("2022-01-01"))));
        assert!(!t.certainly_covers(Window::day(d("2021-06-01"))));
        assert!(t.possibly_overlaps(Window::day(d("2021-06-01"))));
        assert!(!t.possibly_overlaps(Window::day(d("2020-12-31"))));
    }
}
