//! Knowledge files: the TOML format in which the project's curated knowledge and users' own
//! knowledge are written. This module is the serde spec as written; validation and merging into
//! the runtime [`super::Knowledge`] happen in the loader, which reports every problem with the
//! file, line and column it comes from.
//!
//! ```toml
//! [about]
//! title = "Indonesian names of Indonesian provinces"
//! source = "Kemendagri"            # default source for entries that name none
//!
//! [[place]]                         # add names to a place the world gazetteer knows
//! ref = "admin1:ID.30"             # also geonames:1642672, country:ID, or a knowledge id
//! names = ["Jawa Barat", "Jabar"]  # the first is its display name in `lang`
//! lang = "id"
//!
//! [[place]]                         # a place the gazetteer lacks
//! id = "kampung-naga"
//! name = "Kampung Naga"
//! kind = "city"
//! in = "admin1:ID.30"
//! population = 300
//! source = "https://example.org/kampung-naga"
//!
//! [[place]]                         # a region split from another
//! ref = "admin1:ID.33"
//! split_from = ["admin1:ID.30"]
//! ```

use serde::Deserialize;
use toml::Spanned;

/// One knowledge file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeSpec {
    #[serde(default)]
    pub about: Option<AboutSpec>,
    #[serde(default, rename = "place")]
    pub places: Vec<Spanned<PlaceSpec>>,
    #[serde(default, rename = "person")]
    pub persons: Vec<Spanned<PersonSpec>>,
    #[serde(default, rename = "office")]
    pub offices: Vec<Spanned<OfficeSpec>>,
    #[serde(default, rename = "tenure")]
    pub tenures: Vec<Spanned<TenureSpec>>,
    #[serde(default, rename = "fact")]
    pub facts: Vec<Spanned<FactSpec>>,
}

/// `[about]`: what the file is and where its entries come from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AboutSpec {
    pub title: Option<String>,
    /// The source quoted by entries that name none of their own.
    pub source: Option<String>,
    pub note: Option<String>,
}

/// `[[place]]`: names for a known place (`ref`), a correction to it, or a new place (`id`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceSpec {
    /// A place the knowledge already has: `geonames:ID`, `country:CC`, `admin1:CC.CODE`, or the
    /// id of a place in a knowledge file loaded earlier.
    #[serde(rename = "ref")]
    pub reference: Option<Spanned<String>>,
    /// The id of a new place.
    pub id: Option<Spanned<String>>,
    /// The new place's main name.
    pub name: Option<Spanned<String>>,
    /// More names. With `lang`, the first is the display name in that language.
    #[serde(default)]
    pub names: Vec<Spanned<String>>,
    /// Two-letter language code of `names`.
    pub lang: Option<Spanned<String>>,
    /// `city`, `region` or `country` (new places only; default `city`).
    pub kind: Option<Spanned<String>>,
    /// The region or country the place lies in (a correction when used with `ref`).
    #[serde(rename = "in")]
    pub within: Option<Spanned<String>>,
    pub population: Option<Spanned<u64>>,
    /// Regions this one was split from (Banten from Jawa Barat in 2000): a place the record still
    /// puts in the older region may lie in this one, so claims either way are not findings.
    #[serde(default)]
    pub split_from: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// `[[person]]`: someone the record follows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpec {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// `[[office]]`: a position, with its titles in each language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeSpec {
    pub id: Spanned<String>,
    /// Titles by language: `titles.en = ["Minister of Industry"]`.
    #[serde(default)]
    pub titles: std::collections::BTreeMap<String, Vec<Spanned<String>>>,
    /// The organisation the office belongs to.
    pub org: Option<Spanned<String>>,
    /// The country the office belongs to (a place reference).
    pub country: Option<Spanned<String>>,
    /// Only one person holds it at a time (default true).
    pub single_holder: Option<bool>,
    pub source: Option<Spanned<String>>,
}

/// `[[tenure]]`: a person holding an office over dates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureSpec {
    pub person: Spanned<String>,
    pub office: Spanned<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<Spanned<String>>,
    /// Last day, `YYYY-MM-DD`; absent while in office.
    pub to: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// `[[fact]]`: a recorded figure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    pub id: Spanned<String>,
    /// What the figure is about: a place reference, a person or free words, in each language.
    #[serde(default)]
    pub subject: std::collections::BTreeMap<String, Vec<Spanned<String>>>,
    /// What it measures, in the words each language uses for it.
    #[serde(default)]
    pub measure: std::collections::BTreeMap<String, Vec<Spanned<String>>>,
    pub value: Spanned<f64>,
    pub unit: Option<Spanned<String>>,
    /// The date the value holds for, `YYYY-MM-DD` or `YYYY`.
    pub as_of: Option<Spanned<String>>,
    /// How far a stated figure may be off: `"5%"` or an absolute number as a string.
    pub tolerance: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// Parses a knowledge file. Errors carry the byte span TOML reported.
pub fn parse(text: &str) -> Result<KnowledgeSpec, (String, Option<std::ops::Range<usize>>)> {
    toml::from_str::<KnowledgeSpec>(text).map_err(|e| (e.message().to_string(), e.span()))
}
