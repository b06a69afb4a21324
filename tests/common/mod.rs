//! Shared by the integration tests: the shipped rules and knowledge, loaded once, and a way to
//! check one text.

#![allow(dead_code)]

use factlint::diagnostic::Diagnostic;
use factlint::engine::{Engine, Settings};
use factlint::knowledge::Knowledge;
use factlint::markup::Format;
use factlint::rules::{Lang, RuleSet};
use factlint::source::SourceFile;
use std::sync::OnceLock;

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(true, &[]).expect("the shipped rules load"))
}

pub fn knowledge() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::builtin)
}

/// Checks `text` with the shipped rules that `select` names (ids or categories; empty: all).
pub fn check(text: &str, format: Format, lang: Option<Lang>, select: &[&str]) -> Vec<Diagnostic> {
    let engine = Engine { rules: rules(), knowledge: knowledge() };
    let settings = Settings { lang, select: select.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
    engine.check(&SourceFile::new("test", text), format, &settings)
}

/// (rule, text) of each diagnostic.
pub fn found(diags: &[Diagnostic]) -> Vec<(String, String)> {
    diags.iter().map(|d| (d.rule.to_string(), d.text.clone())).collect()
}
