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
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The text of a knowledge file an example names, relative to its rule file: from disk, or
/// from the embedded files for a shipped rule (`builtin:rules/...`).
fn read_relative(rule_path: &str, rel: &str) -> Result<(String, String), String> {
    if let Some(builtin) = rule_path.strip_prefix("builtin:") {
        let mut parts: Vec<String> = Vec::new();
        let base = Path::new(builtin).parent().unwrap_or(Path::new(""));
        for c in base.join(rel).components() {
            match c {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        let joined = parts.join("/");
        return super::builtin::FILES
            .iter()
            .find(|(p, _)| *p == joined)
            .map(|(p, t)| (format!("builtin:{p}"), t.to_string()))
            .ok_or_else(|| format!("no shipped file {joined}"));
    }
    let path: PathBuf = Path::new(rule_path).parent().unwrap_or(Path::new("")).join(rel);
    let shown = path.display().to_string();
    std::fs::read_to_string(&path).map(|t| (shown.clone(), t)).map_err(|e| format!("cannot read {shown}: {e}"))
}

/// The knowledge an example is checked against: the built-in knowledge and the file it names.
/// A user's file is loaded (and so checked) when the rule loads; a shipped one, which the test
/// suite checks, only when an example runs, so start-up does not pay for it.
#[derive(Debug)]
pub struct ExampleKnowledge {
    shown: String,
    text: String,
    kb: std::sync::OnceLock<Knowledge>,
}

impl ExampleKnowledge {
    fn load(&self) -> Result<Knowledge, Vec<LocatedError>> {
        let mut kb = Knowledge::builtin();
        kb.load_str(&self.shown, &self.text)?;
        Ok(kb)
    }

    /// The loaded knowledge.
    pub fn get(&self) -> &Knowledge {
        self.kb.get_or_init(|| self.load().expect("a shipped example's knowledge file is checked by the test suite"))
    }
}

/// Reads an example's knowledge file, once per rule file; loads it now unless it is shipped.
fn example_knowledge(
    rel: &Spanned<String>,
    cx: &CompileCx<'_>,
    cache: &mut HashMap<String, Arc<ExampleKnowledge>>,
) -> Result<Arc<ExampleKnowledge>, LocatedError> {
    if let Some(kb) = cache.get(rel.get_ref()) {
        return Ok(kb.clone());
    }
    let (shown, text) = read_relative(cx.path, rel.get_ref())
        .map_err(|m| cx.error(rel.span().start, format!("the example's `knowledge`: {m}")))?;
    let ek = ExampleKnowledge { shown, text, kb: std::sync::OnceLock::new() };
    if !cx.path.starts_with("builtin:") {
        let kb = ek.load().map_err(|errors| {
            let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
            cx.error(
                rel.span().start,
                format!("the example's knowledge file has {} error(s), the first: {first}", errors.len()),
            )
        })?;
        let _ = ek.kb.set(kb);
    }
    let ek = Arc::new(ek);
    cache.insert(rel.get_ref().clone(), ek.clone());
    Ok(ek)
}

pub fn compile_example(
    ex: &Spanned<ExampleSpec>,
    rule_langs: &[Lang],
    cx: &CompileCx<'_>,
    knowledge_cache: &mut HashMap<String, Arc<ExampleKnowledge>>,
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
    let knowledge = e.knowledge.as_ref().map(|k| example_knowledge(k, cx, knowledge_cache)).transpose()?;
    for w in &e.with_rules {
        let v = w.get_ref();
        if !super::CATEGORIES.contains(&v.as_str()) && RuleId::parse(v).is_err() {
            return Err(
                cx.error(w.span().start, format!("with_rules lists rule ids (category.name) or categories, not {v:?}"))
            );
        }
    }
    let line = cx.line_of(ex.span().start);
    Ok(Example {
        text: e.text.get_ref().clone(),
        flagged: e.flagged.iter().map(|f| f.get_ref().clone()).collect(),
        lang,
        date,
        format,
        note: e.note.clone(),
        with_rules: e.with_rules.iter().map(|w| w.get_ref().clone()).collect(),
        location: format!("{}:{}", cx.path, line),
        knowledge,
        knowledge_path: e.knowledge.as_ref().map(|k| k.get_ref().clone()),
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
    /// What the example expects (its `flagged`).
    pub expected: Vec<String>,
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
            ExampleResult { location: ex.location.clone(), missing, noisy: unmatched, expected: ex.flagged.clone() }
        })
        .collect()
}
