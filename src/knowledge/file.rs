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
//! split_year = 2000
//! # also_in = ["country:RU"]          # a disputed region: in either is not a finding
//!
//! [[person]]
//! id = "agus-gumiwang-kartasasmita" # ids are unique across persons, offices, tenures, facts
//! name = "Agus Gumiwang Kartasasmita"
//! aliases = ["Agus Gumiwang"]
//!
//! [[office]]
//! id = "id-minister-industry"
//! titles.en = ["Minister of Industry", "Industry Minister"]
//! titles.id = ["Menteri Perindustrian"]
//! country = "country:ID"           # its names qualify the title: "Menteri Perindustrian Indonesia"
//! qualifiers = ["RI"]              # more such words (or `org = "..."` for a company)
//!
//! [[tenure]]
//! person = "agus-gumiwang-kartasasmita"
//! office = "id-minister-industry"
//! from = "2019-10-23"              # YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown
//! source = "Keputusan Presiden No. 113/P Tahun 2019"
//!
//! [[fact]]
//! id = "cn-nev-sales-2022"
//! label = "China's new-energy-vehicle sales in 2022"
//! subject = "country:CN"           # or a person or office id; or subject_names.en = [...]
//! measure.id = [["penjualan", "kendaraan listrik"]]   # phrases, or lists that must all occur
//! measure.en = ["NEV sales", ["sales", "new energy vehicles"]]
//! value = 6_887_000
//! unit = "vehicles"                # percent, IDR, USD... (lexicon units) or a count
//! as_of = "2022"
//! tolerance = "3%"                 # or an absolute amount such as "0.05"
//! source = "CAAM, January 2023"
//!
//! [[tenure]]                        # in a later file: correct an earlier entry explicitly
//! person = "agus-gumiwang-kartasasmita"
//! office = "id-minister-industry"
//! correct = true                   # (a plain duplicate id is an error)
//! to = "2029-10-20"
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
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
    /// The year the split took effect: copy dated earlier may rightly put the region's places
    /// in the one it was split from; later copy that does is outdated.
    pub split_year: Option<Spanned<u16>>,
    /// Countries or regions that also claim or hold this region or country (Crimea: Russia as
    /// well as Ukraine): a claim that puts one of its places in either is not a finding.
    #[serde(default)]
    pub also_in: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

/// `[[person]]`: someone the record follows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpec {
    /// The person's id, unique among the ids of persons, offices, facts and tenures.
    pub id: Spanned<String>,
    /// The name as the record shows it (required unless `correct`).
    pub name: Option<Spanned<String>>,
    /// Other names the person goes by in text ("Agus Gumiwang").
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
    /// This entry corrects the entry with the same id in an earlier file: the fields it gives
    /// replace that entry's.
    #[serde(default)]
    pub correct: bool,
}

/// `[[office]]`: a position, with its titles in each language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeSpec {
    pub id: Spanned<String>,
    /// Titles by language: `titles.en = ["Minister of Industry"]`. The first title of a
    /// language is the one suggestions use.
    #[serde(default)]
    pub titles: BTreeMap<String, Vec<Spanned<String>>>,
    /// The organisation the office belongs to, as shown in findings; it also qualifies the
    /// title in text ("Chairman, Huawei Technologies Co").
    pub org: Option<Spanned<String>>,
    /// The country the office belongs to (a place reference); its names qualify the title
    /// ("Menteri Perindustrian Indonesia", "Indonesia's Minister of Industry").
    pub country: Option<Spanned<String>>,
    /// More words that, next to a title, name this office's organisation or country ("RI",
    /// "Huawei", "Indonesian").
    #[serde(default)]
    pub qualifiers: Vec<Spanned<String>>,
    /// Only one person holds it at a time (default true).
    pub single_holder: Option<bool>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub correct: bool,
}

/// `[[tenure]]`: a person holding an office over dates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureSpec {
    /// Optional id, for corrections in later files.
    pub id: Option<Spanned<String>>,
    /// A person id.
    pub person: Option<Spanned<String>>,
    /// An office id.
    pub office: Option<Spanned<String>>,
    /// First day, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when the day is not known).
    pub from: Option<Spanned<String>>,
    /// Last day, same forms; absent while in office.
    pub to: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
    /// Corrects the tenure with this `id`, or else the one tenure of the same person and office,
    /// from an earlier file.
    #[serde(default)]
    pub correct: bool,
}

/// One way to name what a fact measures: a phrase, or several phrases that must all occur in
/// the clause (`["sales", "electric vehicles"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MeasureSpec {
    Phrase(String),
    AllOf(Vec<String>),
}

impl MeasureSpec {
    pub fn parts(&self) -> Vec<&str> {
        match self {
            MeasureSpec::Phrase(p) => vec![p.as_str()],
            MeasureSpec::AllOf(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// `[[fact]]`: a recorded figure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    pub id: Spanned<String>,
    /// What findings call the figure ("China's new-energy-vehicle sales"); default: the id.
    pub label: Option<Spanned<String>>,
    /// What findings call it in other languages: `labels.id = "penjualan kendaraan listrik
    /// Tiongkok"`; `label` in a language without one.
    #[serde(default)]
    pub labels: BTreeMap<String, Spanned<String>>,
    /// What the figure is about: a place reference (`country:CN`), or a person or office id.
    /// Its names in text name the subject.
    pub subject: Option<Spanned<String>>,
    /// More words that name the subject, by language: `subject_names.en = ["Chinese"]`.
    #[serde(default)]
    pub subject_names: BTreeMap<String, Vec<Spanned<String>>>,
    /// What it measures, in the words each language uses for it.
    #[serde(default)]
    pub measure: BTreeMap<String, Vec<Spanned<MeasureSpec>>>,
    /// The value, in the unit (required unless `correct`).
    pub value: Option<Spanned<f64>>,
    /// `percent`, a currency code the lexicons know (`IDR`, `USD`), or what is counted
    /// (`vehicles`): a count matches figures written without a unit.
    pub unit: Option<Spanned<String>>,
    /// The date the value holds for, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub as_of: Option<Spanned<String>>,
    /// How far a stated figure may be off: `"3%"` of the value, or an absolute amount in the
    /// unit (`"0.5"`). The rounding of the stated figure is always allowed on top.
    pub tolerance: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub correct: bool,
}

/// Parses a knowledge file. Errors carry the byte span TOML reported.
pub fn parse(text: &str) -> Result<KnowledgeSpec, (String, Option<std::ops::Range<usize>>)> {
    toml::from_str::<KnowledgeSpec>(text).map_err(|e| (crate::vocab::explain_toml_message(e.message()), e.span()))
}
