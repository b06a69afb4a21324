//! Every shipped rule's examples, checked whole: each example's findings with their spans,
//! messages, evidence, suggestions, sources and labels, snapshotted per rule under
//! snapshots/rules/. `factlint rules test` checks what is flagged; this checks what is said.

mod common;

use common::{knowledge, rules};
use factlint::verify::run_examples;
use std::fmt::Write;

/// Text on one line: line breaks shown as `⏎`.
fn one_line(s: &str) -> String {
    s.replace('\n', "⏎")
}

#[test]
fn rule_examples_snapshotted_whole() {
    let set = rules();
    for rule in &set.rules {
        let mut out = String::new();
        let results = run_examples(rule, set, knowledge());
        for (ex, r) in rule.examples.iter().zip(&results) {
            let location = r.location.strip_prefix("builtin:").unwrap_or(&r.location);
            writeln!(out, "{location} ({})", ex.lang).unwrap();
            writeln!(out, "  text: {}", one_line(&ex.text)).unwrap();
            if r.findings.is_empty() {
                writeln!(out, "  clean").unwrap();
            }
            for d in &r.findings {
                writeln!(out, "  finding {}..{} {:?} ({})", d.span.start, d.span.end, d.text, d.severity).unwrap();
                writeln!(out, "    message: {}", d.message).unwrap();
                for e in &d.evidence {
                    writeln!(out, "    evidence: {}", one_line(e)).unwrap();
                }
                if let Some(s) = &d.suggestion {
                    writeln!(out, "    suggestion: {s}").unwrap();
                }
                for s in &d.sources {
                    writeln!(out, "    source: {s}").unwrap();
                }
                for l in &d.labels {
                    let text = ex.text.get(l.span.start..l.span.end).unwrap_or("?");
                    writeln!(out, "    label {}..{} {text:?}: {}", l.span.start, l.span.end, l.message).unwrap();
                }
            }
            if !r.passed() {
                writeln!(out, "  FAILS: missing {:?}, noisy {:?}", r.missing, r.noisy).unwrap();
            }
        }
        insta::with_settings!({ snapshot_path => "../snapshots/rules", omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(rule.id.as_str(), out);
        });
    }
}
