//! Helpers shared by the integration tests.
#![allow(dead_code)]

use factlint::diagnostic::Diagnostic;
use factlint::engine::{Engine, Settings};
use factlint::knowledge::Knowledge;
use factlint::markup::Format;
use factlint::rules::{Lang, RuleSet};
use factlint::source::SourceFile;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The shipped rules and the built-in knowledge, loaded once per test binary.
pub fn builtin() -> &'static (RuleSet, Knowledge) {
    static SETUP: OnceLock<(RuleSet, Knowledge)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = RuleSet::load(true, &[]).unwrap_or_else(|e| panic!("shipped rules load: {e:?}"));
        (rules, Knowledge::builtin())
    })
}

/// Checks a text with the shipped rules, optionally only some of them.
pub fn check(text: &str, lang: Option<Lang>, select: &[&str]) -> Vec<Diagnostic> {
    check_with(text, lang, select, None, Format::Plain)
}

pub fn check_with(
    text: &str,
    lang: Option<Lang>,
    select: &[&str],
    date: Option<chrono::NaiveDate>,
    format: Format,
) -> Vec<Diagnostic> {
    let (rules, kb) = builtin();
    let engine = Engine { rules, knowledge: kb };
    let settings =
        Settings { lang, date, select: select.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
    engine.check(&SourceFile::new("test.txt", text), format, &settings)
}

/// A fixture line with `[[marked]]` claims: the text without markers, and the marked spans.
pub fn unmark(line: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut marked = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("]]").map(|c| open + c).expect("unclosed [[ in fixture");
        let inner = &rest[open + 2..close];
        marked.push(inner.to_string());
        text.push_str(inner);
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    (text, marked)
}

/// Lines of a fixture file that are not comments or blank.
pub fn fixture_lines(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// A file in the shared folder next to the repository (present in CI).
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel)
}

/// The shipped rules over the built-in knowledge plus knowledge files (paths relative to the
/// repository), with only `select` enabled.
pub fn check_with_knowledge(
    kb: &Knowledge,
    text: &str,
    lang: Lang,
    date: Option<chrono::NaiveDate>,
    select: &[&str],
) -> Vec<Diagnostic> {
    let (rules, _) = builtin();
    let engine = Engine { rules, knowledge: kb };
    let settings = Settings {
        lang: Some(lang),
        date,
        select: select.iter().map(|s| s.to_string()).collect(),
        ..Settings::default()
    };
    engine.check(&SourceFile::new("test.txt", text), Format::Plain, &settings)
}

/// The built-in knowledge with knowledge files loaded in order (paths relative to the
/// repository).
pub fn knowledge_with(files: &[&str]) -> Knowledge {
    let mut kb = Knowledge::builtin();
    for f in files {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(f);
        kb.load_file(&path).unwrap_or_else(|e| panic!("{f}: {e:?}"));
    }
    kb
}

/// A dated fixture line, `YYYY-MM-DD | text` or `- | text`: the date and the text.
pub fn dated(line: &str) -> (Option<chrono::NaiveDate>, &str) {
    let (date, text) = line.split_once(" | ").unwrap_or_else(|| panic!("fixture line without ' | ': {line}"));
    let date = match date.trim() {
        "-" => None,
        d => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date in {line}"))),
    };
    (date, text)
}
