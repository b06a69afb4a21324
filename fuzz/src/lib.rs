//! What the fuzz targets share: the invariants a reader's output must hold, and a checker set
//! up once per process.

use factlint::engine::{Engine, Settings};
use factlint::knowledge::Knowledge;
use factlint::markup::Prose;
use factlint::rules::RuleSet;
use std::sync::OnceLock;

/// Every prose character maps back to whole characters inside the file, and the front matter
/// values, links and hidden ranges lie inside it too.
pub fn spans_inside(prose: &Prose, text: &str) {
    let p = prose.text();
    for (i, c) in p.char_indices() {
        let span = prose.to_original(i..i + c.len_utf8());
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?} splits a character");
    }
    let whole = prose.to_original(0..p.len());
    assert!(whole.end <= text.len());
    for (_, span) in prose.front_matter.date.iter().chain(prose.front_matter.lang.iter()) {
        assert!(span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    for link in &prose.links {
        assert!(link.text.start <= link.text.end && link.text.end <= p.len(), "link text outside the prose");
    }
    let _ = prose.is_hidden(0..p.len());
}

/// The built-in rules and knowledge, loaded once.
pub fn builtin() -> &'static (RuleSet, Knowledge) {
    static BUILTIN: OnceLock<(RuleSet, Knowledge)> = OnceLock::new();
    BUILTIN.get_or_init(|| (RuleSet::load(true, &[]).expect("the built-in rules load"), Knowledge::builtin()))
}

/// Checks a text with the built-in rules and knowledge (a checker's last step after a reader).
pub fn check_with(rules: &RuleSet, knowledge: &Knowledge, text: &str) {
    let engine = Engine { rules, knowledge };
    let source = factlint::source::SourceFile::new("fuzz.txt", text.to_string());
    let _ = engine.check(&source, factlint::markup::Format::Plain, &Settings::default());
}
