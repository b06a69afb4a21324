//! The shipped patterns' triggers: the table read ahead is current, and a trigger never passes
//! over a text its pattern matches.

use factlint::rules::{triggers_table, RuleSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_trigger_table_is_current() {
    let set = RuleSet::load(true, &[]).expect("shipped rules load");
    let fresh = triggers_table(&set);
    let path = root().join("rules/triggers.tsv");
    if std::env::var_os("FACTLINT_WRITE_TRIGGERS").is_some() {
        std::fs::write(&path, &fresh).expect("rules/triggers.tsv is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "rules/triggers.tsv is stale: run FACTLINT_WRITE_TRIGGERS=1 cargo test --test triggers, then rebuild"
    );
}

fn texts_under(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).expect("fixtures are readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            texts_under(&p, out);
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            out.push(text);
        }
    }
}

#[test]
fn a_trigger_never_passes_over_a_text_its_pattern_matches() {
    let set = RuleSet::load(true, &[]).expect("shipped rules load");
    let mut texts: Vec<String> = set.rules.iter().flat_map(|r| r.examples.iter().map(|e| e.text.clone())).collect();
    texts_under(&root().join("tests/fixtures"), &mut texts);
    texts_under(&root().join("examples"), &mut texts);
    let (mut matched, mut passed_over) = (0, 0);
    for rule in &set.rules {
        for p in &rule.patterns {
            for t in &texts {
                let may = p.triggered_by(t);
                if p.regex().is_match(t) {
                    matched += 1;
                    assert!(may, "{}: the trigger of {:?} passes over a text it matches:\n{t}", rule.id, p.source());
                } else if !may {
                    passed_over += 1;
                }
            }
        }
    }
    // The check means something: patterns match, and triggers pass over texts.
    assert!(matched > 500 && passed_over > 5000, "{matched} matches, {passed_over} texts passed over");
}
