//! Rule files and lexicon files as written (serde specs). [`super::compile`] validates them into
//! compiled rules; every error it finds points back at a span here.

use serde::Deserialize;
use toml::Spanned;

/// A rule file. Kind-specific settings live in `[settings]` and are read by the kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// `category.name`, e.g. `place.located-in`.
    pub id: Spanned<String>,
    /// What the rule does: located-in, forbidden, preferred-term, weekday, ...
    pub kind: Spanned<String>,
    /// Two-letter codes of the languages it runs on (default: every language).
    #[serde(default)]
    pub languages: Vec<Spanned<String>>,
    /// error, warning or info.
    pub severity: Spanned<String>,
    /// Whether `check --fix` may apply the rule's suggestions: "safe" (the default) or "unsafe"
    /// (a replacement taken from the record, such as a figure, that an editor should read
    /// first; applied only with `--unsafe-fixes`).
    pub fix: Option<Spanned<String>>,
    /// The finding's message; `{name}` inserts a value the kind provides.
    pub message: Spanned<String>,
    /// One line for `rules list`.
    pub summary: Option<Spanned<String>>,
    /// What it checks and why, for `rules explain`.
    pub description: Option<Spanned<String>>,
    /// Patterns that find claims.
    #[serde(default, rename = "pattern")]
    pub patterns: Vec<Spanned<PatternSpec>>,
    /// Whether the rule has settings for its kind: they are passed over here, and the kind
    /// reads them from the parsed file ([`ReadRule::settings`], through
    /// [`crate::checks::rule::CompileCx::spanned_settings`]), with their spans, which toml cannot
    /// give a table that only sub-tables or dotted keys create (`[settings.pairs]` with no
    /// `[settings]`). The table given to the kind is empty.
    #[serde(default, deserialize_with = "table_without_span")]
    pub settings: Option<Spanned<toml::Table>>,
    /// Texts that must be flagged, and texts that must stay clean.
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<ExampleSpec>>,
}

fn table_without_span<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Spanned<toml::Table>>, D::Error> {
    /// A table, its contents passed over.
    struct AnyTable;
    impl<'de> serde::de::Visitor<'de> for AnyTable {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            Ok(())
        }
    }
    d.deserialize_map(AnyTable)?;
    Ok(Some(Spanned::new(0..0, toml::Table::new())))
}

/// A rule file read once: its spec, and its `[settings]` as the parser left them, spans and all,
/// for the kind to read into its own settings without parsing the file again.
pub struct ReadRule<'t> {
    pub spec: RuleSpec,
    pub settings: Option<Spanned<toml::de::DeValue<'t>>>,
}

/// Parses a rule file.
pub fn read_rule(text: &str) -> Result<ReadRule<'_>, toml::de::Error> {
    let doc = toml::de::DeTable::parse(text)?;
    let settings = doc.get_ref().get("settings").cloned();
    let spec = RuleSpec::deserialize(toml::de::Deserializer::from(doc))?;
    Ok(ReadRule { spec, settings })
}

/// `[[pattern]]`: a regular expression with `{macro}`s, run over a document's prose.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// The language the pattern is written for (default: every language of the rule).
    pub lang: Option<Spanned<String>>,
    /// The expression; named groups carry the parts of the claim the kind needs.
    pub regex: Spanned<String>,
}

/// `[[example]]`: a text and what the rule must flag in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: Spanned<String>,
    /// The exact texts of the findings the rule must report; absent or empty: the text must
    /// stay clean.
    #[serde(default)]
    pub flagged: Vec<Spanned<String>>,
    /// The example's language (default: the rule's first language).
    pub lang: Option<Spanned<String>>,
    /// The document date, YYYY-MM-DD, for rules that need one.
    pub date: Option<Spanned<String>>,
    /// `plain` (default), `markdown` or `html`.
    pub format: Option<Spanned<String>>,
    /// Why the example is there (shown by `rules explain`).
    pub note: Option<String>,
    /// A knowledge file the example is checked against (on top of the built-in knowledge, in
    /// place of the run's), as a path relative to the rule file: rules about people and
    /// figures need a record to compare with.
    pub knowledge: Option<Spanned<String>>,
    /// Other rules (ids or categories) to run with this one, for rules whose findings depend on
    /// other rules' (unused-suppression). Only the rule's own findings are compared.
    #[serde(default)]
    pub with_rules: Vec<Spanned<String>>,
}
