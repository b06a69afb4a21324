//! The shipped rules: every example of every rule passes, as `factlint rules test` runs them,
//! and every kind says what it checks.

mod common;

use common::{knowledge, rules};
use factlint::checks::KINDS;
use factlint::rules::examples::run_examples;

#[test]
fn shipped_rule_examples_pass() {
    let set = rules();
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in &set.rules {
        for r in run_examples(rule, set, knowledge()) {
            count += 1;
            for m in &r.missing {
                failures.push(format!("{} {}: missing {m:?}", rule.id, r.location));
            }
            for n in &r.noisy {
                failures.push(format!("{} {}: noisy {n:?}", rule.id, r.location));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 60, "{count} examples");
}

#[test]
fn shipped_packs_cover_the_issue() {
    let set = rules();
    for id in [
        "place.located-in",
        "spam.gambling-keywords",
        "spam.gambling-handle",
        "spam.gambling-link",
        "spam.hidden-gambling",
        "style.preferred-name",
        "style.kbbi-spelling",
        "style.unused-suppression",
        "consistency.place-region",
        "consistency.name-variants",
    ] {
        let rule = set.get(id).unwrap_or_else(|| panic!("{id} is shipped"));
        assert!(!rule.summary.is_empty() && !rule.description.is_empty(), "{id} explains itself");
        assert!(
            rule.examples.iter().any(|e| e.flagged.is_empty()) && rule.examples.iter().any(|e| !e.flagged.is_empty())
        );
    }
}

/// One check per file, each opening with what it checks, why, and an example.
#[test]
fn every_kind_is_documented() {
    for kind in KINDS {
        let path = format!("{}/src/checks/{}.rs", env!("CARGO_MANIFEST_DIR"), kind.name.replace('-', "_"));
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc: String = src.lines().take_while(|l| l.starts_with("//!")).collect::<Vec<_>>().join("\n");
        assert!(doc.contains(&format!("`{}`", kind.name)), "{path} names its kind first");
        assert!(doc.contains("Why:"), "{path} says why the check matters");
        assert!(doc.contains("Example:"), "{path} gives an example");
    }
}
