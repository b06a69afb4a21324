//! Fixes: findings' suggestions applied to the text they were found in. `check --fix` writes
//! them, `check --diff` shows them, and an editor offers each as a quick fix.
//!
//! A suggestion is applied only when it is one unambiguous replacement: the finding has a
//! suggestion other than its text, no other finding asks for a different replacement of the
//! same bytes, and the bytes are plain text in the file's format (a claim that spans markup,
//! `Shenzhen, <b>KwaZulu-Natal</b>`, would lose it). A rule whose suggestions come from the
//! record (`fix = "unsafe"` in its file) is applied only when unsafe fixes are asked for.

use crate::checks::rule::FixSafety;
use crate::diagnostic::Diagnostic;
use crate::markup::Format;
use crate::rules::RuleSet;
use std::ops::Range;

/// One replacement of the original bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// The edits for one file, and what was left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Non-overlapping, in text order.
    pub edits: Vec<Edit>,
    /// Suggestions left because their rule marks them unsafe and unsafe fixes were not asked for.
    pub unsafe_left: usize,
    /// Suggestions left because another finding asks for a different replacement of the same
    /// bytes, or the bytes hold markup.
    pub ambiguous: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// The edit one finding suggests, when its span is plain text in the file's format. None when
/// it has no suggestion, suggests its own text, or its span holds markup a replacement would
/// drop.
pub fn edit_of(d: &Diagnostic, text: &str, format: Format) -> Option<Edit> {
    let suggestion = d.suggestion.as_deref()?;
    let range = d.span.start..d.span.end;
    let original = text.get(range.clone())?;
    if original == suggestion || range.is_empty() {
        return None;
    }
    let replacement = match format {
        Format::Plain => suggestion.to_string(),
        Format::Markdown => {
            if original.contains(['*', '_', '`', '[', ']', '<', '>', '\\', '&', '\n']) {
                return None;
            }
            suggestion.to_string()
        }
        Format::Html => {
            if original.contains(['<', '>', '&']) {
                return None;
            }
            htmlize::escape_text(suggestion).into_owned()
        }
    };
    Some(Edit { range, replacement })
}

/// The edits to apply to `text` for its findings: every safe suggestion (and, with
/// `unsafe_fixes`, every unsafe one) that is one unambiguous replacement.
pub fn plan(text: &str, format: Format, diagnostics: &[Diagnostic], rules: &RuleSet, unsafe_fixes: bool) -> Plan {
    let mut plan = Plan::default();
    let mut candidates: Vec<Edit> = Vec::new();
    for d in diagnostics.iter().filter(|d| d.suggestion.is_some()) {
        let safety = rules.get(d.rule.as_str()).map_or(FixSafety::Safe, |r| r.fix);
        let Some(edit) = edit_of(d, text, format) else {
            if d.suggestion.as_deref() != text.get(d.span.start..d.span.end) {
                plan.ambiguous += 1;
            }
            continue;
        };
        if safety == FixSafety::Unsafe && !unsafe_fixes {
            plan.unsafe_left += 1;
            continue;
        }
        candidates.push(edit);
    }
    candidates.sort_by_key(|e| (e.range.start, e.range.end));
    candidates.dedup();
    // Edits that overlap ask two things of the same bytes: none of them is applied.
    let mut i = 0;
    while i < candidates.len() {
        let mut end = candidates[i].range.end;
        let mut j = i + 1;
        while j < candidates.len() && candidates[j].range.start < end {
            end = end.max(candidates[j].range.end);
            j += 1;
        }
        if j == i + 1 {
            plan.edits.push(candidates[i].clone());
        } else {
            plan.ambiguous += j - i;
        }
        i = j;
    }
    plan
}

/// The text with the edits applied. The edits are non-overlapping and in text order, as
/// [`plan`] gives them.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use crate::vocab::{RuleId, Severity};

    fn finding(rule: &str, text: &str, claim: &str, suggestion: &str) -> Diagnostic {
        let start = text.find(claim).expect("the claim is in the text");
        Diagnostic {
            rule: RuleId::parse(rule).expect("a rule id"),
            severity: Severity::Error,
            path: "a.txt".into(),
            span: Span::new(start, start + claim.len()),
            text: claim.into(),
            message: String::new(),
            evidence: Vec::new(),
            suggestion: Some(suggestion.into()),
            sources: Vec::new(),
            labels: Vec::new(),
        }
    }

    fn rules() -> RuleSet {
        RuleSet::load(true, &[]).expect("the shipped rules load")
    }

    #[test]
    fn safe_suggestions_are_applied_and_unsafe_ones_counted() {
        let text = "Held in Shenzhen, KwaZulu-Natal. Sales were 8.6 million.";
        let found = [
            finding("place.located-in", text, "Shenzhen, KwaZulu-Natal", "Shenzhen, Guangdong"),
            finding("number.mismatch", text, "8.6 million", "6.9 million"),
        ];
        let rules = rules();
        let p = plan(text, Format::Plain, &found, &rules, false);
        assert_eq!((p.edits.len(), p.unsafe_left, p.ambiguous), (1, 1, 0));
        assert_eq!(apply(text, &p.edits), "Held in Shenzhen, Guangdong. Sales were 8.6 million.");
        let p = plan(text, Format::Plain, &found, &rules, true);
        assert_eq!(apply(text, &p.edits), "Held in Shenzhen, Guangdong. Sales were 6.9 million.");
    }

    #[test]
    fn overlapping_suggestions_and_markup_are_left_alone() {
        let text = "Held in Shenzhen, KwaZulu-Natal.";
        let found = [
            finding("place.located-in", text, "Shenzhen, KwaZulu-Natal", "Shenzhen, Guangdong"),
            finding("consistency.place", text, "KwaZulu-Natal", "Guangdong, China"),
        ];
        let p = plan(text, Format::Plain, &found, &rules(), false);
        assert_eq!((p.edits.len(), p.ambiguous), (0, 2));
        // The same replacement asked twice is one edit.
        let twice = [found[0].clone(), found[0].clone()];
        assert_eq!(plan(text, Format::Plain, &twice, &rules(), false).edits.len(), 1);
        let html = "Held in Shenzhen, <b>KwaZulu-Natal</b>.";
        let spanning = finding("place.located-in", html, "Shenzhen, <b>KwaZulu-Natal</b>", "Shenzhen, Guangdong");
        assert_eq!(edit_of(&spanning, html, Format::Html), None);
        let plain = finding("place.located-in", html, "Shenzhen", "A & B");
        assert_eq!(edit_of(&plain, html, Format::Html).map(|e| e.replacement), Some("A &amp; B".to_string()));
    }
}
