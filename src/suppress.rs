//! Inline suppression comments in Markdown and HTML, applied to a document's diagnostics.
//!
//! - `<!-- factlint-disable-next-line RULE... -->` suppresses findings that start on the next
//!   line with text after the comment's line (blank lines and bare markup are skipped);
//! - `<!-- factlint-disable RULE... -->` suppresses findings from the comment to the
//!   `<!-- factlint-enable RULE... -->` that names the same RULE (or a bare
//!   `<!-- factlint-enable -->`), or to the end of the document.
//!
//! RULE is a rule id (`spam.gambling-keywords`) or a category (`spam`); several may be given,
//! separated by spaces or commas; none means every rule. What each comment did is handed to the
//! kinds that judge suppressions (the `unused-suppression` kind reports a comment that
//! suppressed nothing). Their own findings are never suppressed: select or ignore their rule
//! instead.

use crate::checks::rule::Rule;
use crate::checks::{DirectiveUse, Idle};
use crate::diagnostic::Diagnostic;
use crate::markup::{Directive, DirectiveKind, Prose, SEPARATOR};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::vocab::Severity;
use std::ops::Range;

/// Where one selector of one comment applies, in original bytes.
struct Region {
    directive: usize,
    /// "" for every rule.
    selector: String,
    range: Range<usize>,
    hits: usize,
}

fn selectors(d: &Directive) -> Vec<String> {
    if d.rules.is_empty() {
        vec![String::new()]
    } else {
        d.rules.clone()
    }
}

fn selects(selector: &str, rule: &crate::vocab::RuleId) -> bool {
    selector.is_empty() || rule.matches(selector)
}

/// The line (in original bytes, with its terminator) that a disable-next-line comment ending
/// at `end` applies to: the first line after the comment's own that has prose text.
fn next_line(source: &SourceFile, prose: &Prose, text_chars: &[usize], end: usize) -> Option<Range<usize>> {
    let line = source.line_col(end).line;
    if line >= source.line_count() {
        return None;
    }
    let after = source.line_range(line + 1).start;
    let i = text_chars.partition_point(|&p| prose.to_original(p..p).start < after);
    let first = *text_chars.get(i)?;
    let target = source.line_col(prose.to_original(first..first).start).line;
    let start = source.line_range(target).start;
    let end = if target < source.line_count() { source.line_range(target + 1).start } else { source.text().len() };
    Some(start..end)
}

/// Removes the diagnostics the document's suppression comments cover, then lets the rules that
/// ran report on the comments themselves. `severity` gives a rule's severity in this run.
pub fn apply(
    source: &SourceFile,
    prose: &Prose,
    rules: &RuleSet,
    ran: &[&Rule],
    severity: impl Fn(&Rule) -> Severity,
    out: &mut Vec<Diagnostic>,
) {
    if prose.directives.is_empty() {
        return;
    }
    let mut directives: Vec<&Directive> = prose.directives.iter().collect();
    directives.sort_by_key(|d| d.span.start);
    let text_chars: Vec<usize> = if directives.iter().any(|d| d.kind == DirectiveKind::DisableNextLine) {
        prose.text().char_indices().filter(|(_, c)| !c.is_whitespace() && *c != SEPARATOR).map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };

    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<Region> = Vec::new();
    let mut idle: Vec<Vec<Idle>> = vec![Vec::new(); directives.len()];
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            DirectiveKind::DisableNextLine => {
                let range = next_line(source, prose, &text_chars, d.span.end).unwrap_or(0..0);
                for selector in selectors(d) {
                    regions.push(Region { directive: i, selector, range: range.clone(), hits: 0 });
                }
            }
            DirectiveKind::Disable => {
                for selector in selectors(d) {
                    open.push(Region { directive: i, selector, range: d.span.end..d.span.end, hits: 0 });
                }
            }
            DirectiveKind::Enable => {
                for selector in selectors(d) {
                    let before = open.len();
                    let (closed, still): (Vec<Region>, Vec<Region>) =
                        open.drain(..).partition(|r| selector.is_empty() || r.selector == selector);
                    open = still;
                    let known = selector.is_empty() || rules.rules.iter().any(|r| r.id.matches(&selector));
                    if open.len() == before && known {
                        idle[i].push(Idle::ClosesNothing(selector));
                    }
                    for mut r in closed {
                        r.range.end = d.span.start;
                        regions.push(r);
                    }
                }
            }
        }
    }
    for mut r in open {
        r.range.end = source.text().len();
        regions.push(r);
    }

    out.retain(|diag| {
        let mut suppressed = false;
        for r in regions.iter_mut() {
            if r.range.contains(&diag.span.start) && selects(&r.selector, &diag.rule) {
                r.hits += 1;
                suppressed = true;
            }
        }
        !suppressed
    });

    // What each disable comment did. A selector no rule that ran answers to cannot be judged.
    for (i, d) in directives.iter().enumerate() {
        if d.kind == DirectiveKind::Enable {
            for s in &d.rules {
                if !rules.rules.iter().any(|r| r.id.matches(s)) {
                    idle[i].push(Idle::Unknown(s.clone()));
                }
            }
            continue;
        }
        for r in regions.iter().filter(|r| r.directive == i) {
            let s = &r.selector;
            if !s.is_empty() && !rules.rules.iter().any(|rule| rule.id.matches(s)) {
                idle[i].push(Idle::Unknown(s.clone()));
            } else if r.hits == 0 && ran.iter().any(|rule| selects(s, &rule.id)) {
                idle[i].push(Idle::Unused(s.clone()));
            }
        }
    }
    let uses: Vec<DirectiveUse<'_>> = directives
        .iter()
        .zip(idle)
        .filter(|(_, idle)| !idle.is_empty())
        .map(|(d, idle)| DirectiveUse { directive: d, idle })
        .collect();
    if uses.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for rule in ran {
        found.clear();
        rule.check.check_suppressions(&uses, rule, &mut found);
        for f in found.drain(..) {
            out.push(Diagnostic {
                rule: rule.id.clone(),
                severity: severity(rule),
                path: source.path().to_string(),
                span: f.span,
                text: source.slice(f.span).to_string(),
                message: f.message,
                evidence: f.evidence,
                suggestion: None,
                sources: Vec::new(),
                labels: Vec::new(),
            });
        }
    }
}
