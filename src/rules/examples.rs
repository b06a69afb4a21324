//! Rule examples: every rule carries texts it must flag and texts it must leave clean.
//! `factlint rules test` runs them, and so does the test suite for the shipped rules. A failing
//! example is reported as *missing* (a text the rule should flag and did not) or *noisy* (a
//! finding the example did not expect).

use super::spec::ExampleSpec;
use super::{CompileCx, Example, Lang, Rule, RuleId, RuleSet};
use crate::engine::{Engine, Settings};
use crate::knowledge::Knowledge;
use crate::markup::Format;
use crate::source::{LocatedError, SourceFile};
use toml::Spanned;

pub fn compile_example(
    ex: &Spanned<ExampleSpec>,
    rule_langs: &[Lang],
    cx: &CompileCx<'_>,
) -> Result<Example, LocatedError> {
    let e = ex.get_ref();
    let lang = match &e.lang {
        Some(l) => Lang::parse(l.get_ref())
            .ok_or_else(|| cx.error(l.span().start, "a language is a two-letter lower-case code"))?,
        None => rule_langs.first().copied().unwrap_or(Lang::EN),
    };
    let date = match &e.date {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d.get_ref(), "%Y-%m-%d")
                .map_err(|_| cx.error(d.span().start, "an example's date is YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let format = match e.format.as_ref().map(|f| (f, f.get_ref().as_str())) {
        None | Some((_, "plain")) => Format::Plain,
        Some((_, "markdown")) => Format::Markdown,
        Some((_, "html")) => Format::Html,
        Some((f, other)) => {
            return Err(
                cx.error(f.span().start, format!("an example's format is plain, markdown or html, not {other:?}"))
            )
        }
    };
    for f in &e.flagged {
        if !e.text.get_ref().contains(f.get_ref().as_str()) {
            return Err(cx.error(f.span().start, format!("{:?} does not occur in the example's text", f.get_ref())));
        }
    }
    for w in &e.with_rules {
        let v = w.get_ref();
        if !super::CATEGORIES.contains(&v.as_str()) && RuleId::parse(v).is_err() {
            return Err(
                cx.error(w.span().start, format!("with_rules lists rule ids (category.name) or categories, not {v:?}"))
            );
        }
    }
    let lc = crate::source::line_col(cx.text, &crate::source::line_starts(cx.text), ex.span().start);
    Ok(Example {
        text: e.text.get_ref().clone(),
        flagged: e.flagged.iter().map(|f| f.get_ref().clone()).collect(),
        lang,
        date,
        format,
        note: e.note.clone(),
        with_rules: e.with_rules.iter().map(|w| w.get_ref().clone()).collect(),
        location: format!("{}:{}", cx.path, lc.line),
    })
}

/// How one example fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleResult {
    pub location: String,
    /// Expected findings the rule did not report.
    pub missing: Vec<String>,
    /// Findings the example did not expect.
    pub noisy: Vec<String>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.noisy.is_empty()
    }
}

/// Runs a rule's examples with only that rule enabled.
pub fn run_examples(rule: &Rule, rules: &RuleSet, knowledge: &Knowledge) -> Vec<ExampleResult> {
    let engine = Engine { rules, knowledge };
    rule.examples
        .iter()
        .map(|ex| {
            let settings = Settings {
                lang: Some(ex.lang),
                date: ex.date,
                select: std::iter::once(rule.id.as_str().to_string()).chain(ex.with_rules.iter().cloned()).collect(),
                ..Settings::default()
            };
            let source = SourceFile::new(ex.location.clone(), ex.text.clone());
            let found: Vec<String> = engine
                .check(&source, ex.format, &settings)
                .into_iter()
                .filter(|d| d.rule == rule.id)
                .map(|d| d.text)
                .collect();
            let mut unmatched = found.clone();
            let mut missing = Vec::new();
            for want in &ex.flagged {
                match unmatched.iter().position(|f| f == want) {
                    Some(i) => {
                        unmatched.remove(i);
                    }
                    None => missing.push(want.clone()),
                }
            }
            ExampleResult { location: ex.location.clone(), missing, noisy: unmatched }
        })
        .collect()
}
