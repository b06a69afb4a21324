//! A lexicon file as written, before validation.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A lexicon file: the words of one language that rules share (month and day names, words that
/// are not place names, words that tell the language apart).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconSpec {
    /// Always `"lexicon"`.
    pub kind: Spanned<String>,
    /// Two-letter language code.
    pub language: Spanned<String>,
    pub description: Option<String>,
    /// Named word lists, e.g. `common = ["well", "still"]`.
    #[serde(default)]
    pub words: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    /// Named tables from words to numbers, e.g. `[tables.month] januari = 1`.
    #[serde(default)]
    pub tables: BTreeMap<String, Spanned<BTreeMap<String, Spanned<i64>>>>,
    /// Units of measure and the words that write them before a number ("Rp", "US$") or after it
    /// ("persen", "%", "rupiah"), e.g. `[units.percent] after = ["persen", "%"]`. A fact whose
    /// unit is named here matches only figures written with one of these words.
    #[serde(default)]
    pub units: BTreeMap<String, Spanned<UnitSpec>>,
    /// How findings write dates in this language: `[calendar]` with the `months` and
    /// `weekdays` named in order and the shapes of a date (`date = "{day} {month} {year}"`,
    /// `day_month`, `month_year`, `between`), the words for the orders of numeric dates, and the
    /// calendar's `name`. Every date rule words its dates with these.
    pub calendar: Option<Spanned<CalendarSpec>>,
}

/// `[calendar]` of a lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// The twelve months, January first.
    pub months: Spanned<Vec<String>>,
    /// The seven weekdays, Monday first.
    pub weekdays: Spanned<Vec<String>>,
    /// A date: `{day}`, `{month}`, `{year}`.
    pub date: String,
    /// A day of a month without its year: `{day}`, `{month}`.
    pub day_month: String,
    /// A month of a year: `{month}`, `{year}`.
    pub month_year: String,
    /// A date known to lie between two days: `{a}`, `{b}`.
    pub between: String,
    /// The orders numeric dates are read in, for evidence: "day/month/year", "month/day/year".
    pub day_month_year: String,
    pub month_day_year: String,
    /// The calendar's name, the source date findings cite ("Gregorian calendar").
    pub name: String,
}

/// `[units.NAME]` of a lexicon.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    #[serde(default)]
    pub before: Vec<Spanned<String>>,
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
}
