//! Rule examples run: every rule carries texts it must flag and texts it must leave clean.
//! `factlint rules test` runs them, and so does the test suite for the shipped rules. A failing
//! example is reported as *missing* (a text the rule should flag and did not) or *noisy* (a
//! finding the example did not expect). Examples are read with their rule ([`crate::rules`]);
//! running them needs the whole engine, so this module sits above it.

use crate::checks::rule::{ExampleKnowledge, Rule};
use crate::diagnostic::Diagnostic;
use crate::engine::{Engine, Settings};
use crate::knowledge::Knowledge;
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// How one example fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleResult {
    pub location: String,
    /// Expected findings the rule did not report.
    pub missing: Vec<String>,
    /// Findings the example did not expect.
    pub noisy: Vec<String>,
    /// What the example expects (its `flagged`).
    pub expected: Vec<String>,
    /// The rule's findings in the example, whole: spans, messages, evidence and suggestions.
    pub findings: Vec<Diagnostic>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.noisy.is_empty()
    }
}

/// Runs a rule's examples with only that rule enabled, each against its own knowledge file
/// when it names one, else against `knowledge`.
pub fn run_examples(rule: &Rule, rules: &RuleSet, knowledge: &Knowledge) -> Vec<ExampleResult> {
    rule.examples
        .iter()
        .map(|ex| {
            let engine =
                Engine { rules, knowledge: ex.knowledge.as_deref().map(ExampleKnowledge::get).unwrap_or(knowledge) };
            let settings = Settings {
                lang: Some(ex.lang),
                date: ex.date,
                select: std::iter::once(rule.id.as_str().to_string()).chain(ex.with_rules.iter().cloned()).collect(),
                ..Settings::default()
            };
            let source = SourceFile::new(ex.location.clone(), ex.text.clone());
            let findings: Vec<Diagnostic> =
                engine.check(&source, ex.format, &settings).into_iter().filter(|d| d.rule == rule.id).collect();
            let mut unmatched: Vec<String> = findings.iter().map(|d| d.text.clone()).collect();
            let mut missing = Vec::new();
            for want in &ex.flagged {
                match unmatched.iter().position(|f| f == want) {
                    Some(i) => {
                        unmatched.remove(i);
                    }
                    None => missing.push(want.clone()),
                }
            }
            ExampleResult {
                location: ex.location.clone(),
                missing,
                noisy: unmatched,
                expected: ex.flagged.clone(),
                findings,
            }
        })
        .collect()
}
