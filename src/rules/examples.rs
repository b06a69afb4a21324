//! Rule examples read: every rule carries texts it must flag and texts it must leave clean,
//! validated here when the rule loads; [`crate::verify`] runs them.

use super::spec::ExampleSpec;
use crate::checks::rule::{CompileCx, Example, ExampleKnowledge};
use crate::markup::Format;
use crate::source::LocatedError;
use crate::vocab::{Lang, RuleId};
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
        return crate::builtin::FILES
            .iter()
            .find(|(p, _)| *p == joined)
            .map(|(p, t)| (format!("builtin:{p}"), t.to_string()))
            .ok_or_else(|| format!("no shipped file {joined}"));
    }
    let path: PathBuf = Path::new(rule_path).parent().unwrap_or(Path::new("")).join(rel);
    let shown = path.display().to_string();
    std::fs::read_to_string(&path).map(|t| (shown.clone(), t)).map_err(|e| format!("cannot read {shown}: {e}"))
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
    let ek = ExampleKnowledge::new(shown, text);
    if !cx.path.starts_with("builtin:") {
        ek.load_now().map_err(|errors| {
            let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
            cx.error(
                rel.span().start,
                format!("the example's knowledge file has {} error(s), the first: {first}", errors.len()),
            )
        })?;
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
