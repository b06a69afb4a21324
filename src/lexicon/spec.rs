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
