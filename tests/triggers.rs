//! The tables built ahead from the shipped rules: the patterns' triggers and automata, and the
//! models' feature tables, are current; a trigger never passes over a text its pattern matches,
//! each automaton says what its pattern does, and a model read from its table scores as the
//! model read from its text.

use factlint::rules::{pattern_automata, triggers_table, RuleSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Asserts the committed table at `path` is `fresh`, after writing it when asked to.
fn assert_current(path: &str, fresh: &[u8]) {
    let path = root().join(path);
    if std::env::var_os("FACTLINT_WRITE_TRIGGERS").is_some() {
        std::fs::write(&path, fresh).expect("the table is writable");
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale ({} bytes committed, {} built): run FACTLINT_WRITE_TRIGGERS=1 cargo test --test triggers, then rebuild",
        path.display(),
        committed.len(),
        fresh.len()
    );
}

#[test]
fn the_trigger_table_is_current() {
    let set = RuleSet::load(true, &[]).expect("shipped rules load");
    assert_current("rules/triggers.tsv", triggers_table(&set).as_bytes());
}

#[test]
fn the_automata_are_current() {
    let set = RuleSet::load(true, &[]).expect("shipped rules load");
    assert_current("rules/patterns.dfa", &pattern_automata(&set));
}

/// Every shipped model (rules/**/*.model) with its path.
fn shipped_models() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).expect("rules/ is readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "model") {
                out.push((p.clone(), std::fs::read_to_string(&p).expect("a model is UTF-8")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("rules"), &mut out);
    assert!(!out.is_empty(), "the shipped rules have a model");
    out
}

#[test]
fn the_model_tables_are_current_and_score_as_their_models() {
    use factlint::classify::Scorer;
    for (path, text) in shipped_models() {
        let parsed = Scorer::parse(&text).expect("a shipped model parses");
        let rel = path.strip_prefix(root()).expect("under the root").to_string_lossy().replace('\\', "/");
        assert_current(&format!("{rel}.table"), parsed.table_bytes());
        // The table this build embeds is the one for the model as it is now.
        let shipped = Scorer::shipped_at(&rel).expect("the build embeds the table of the model's text");
        assert_eq!(shipped.len(), parsed.len());
        let set = RuleSet::load(true, &[]).expect("shipped rules load");
        for t in texts(&set) {
            assert_eq!(shipped.probability_of(&t).to_bits(), parsed.probability_of(&t).to_bits(), "{t:?}");
        }
    }
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

fn texts(set: &RuleSet) -> Vec<String> {
    let mut texts: Vec<String> = set.rules.iter().flat_map(|r| r.examples.iter().map(|e| e.text.clone())).collect();
    texts_under(&root().join("tests/fixtures"), &mut texts);
    texts_under(&root().join("examples"), &mut texts);
    texts
}

/// Every shipped pattern, with the rule it belongs to, over every text the suite has.
fn each_pattern_and_text(mut f: impl FnMut(&str, &factlint::rules::Pattern, &str)) {
    let set = RuleSet::load(true, &[]).expect("shipped rules load");
    let texts = texts(&set);
    for rule in &set.rules {
        for p in &rule.patterns {
            for t in &texts {
                f(rule.id.as_str(), p, t);
            }
        }
    }
}

#[test]
fn a_trigger_never_passes_over_a_text_its_pattern_matches() {
    let (mut matched, mut passed_over) = (0, 0);
    each_pattern_and_text(|rule, p, t| {
        let may = p.triggered_by(t);
        if p.regex().is_match(t) {
            matched += 1;
            assert!(may, "{rule}: the trigger of {:?} passes over a text it matches:\n{t}", p.source());
        } else if !may {
            passed_over += 1;
        }
    });
    // The check means something: patterns match, and triggers pass over texts.
    assert!(matched > 500 && passed_over > 5000, "{matched} matches, {passed_over} texts passed over");
}

#[test]
fn every_shipped_pattern_has_an_automaton_that_matches_where_it_does() {
    let (mut agreed, mut gave_up) = (0, 0);
    each_pattern_and_text(|rule, p, t| {
        assert!(p.automaton_matches("").is_some(), "{rule}: no automaton for {:?}", p.source());
        match p.automaton_matches(t) {
            Some(found) => {
                assert_eq!(found, p.regex().is_match(t), "{rule}: {:?} on:\n{t}", p.source());
                agreed += 1;
            }
            None => gave_up += 1,
        }
    });
    assert!(agreed > 10 * gave_up, "{agreed} texts agreed, {gave_up} given up on");
}

#[test]
fn a_users_pattern_has_its_trigger_read_when_first_needed() {
    let rule = "id = \"spam.mine\"\nkind = \"forbidden\"\nlanguages = [\"en\"]\nseverity = \"error\"\nmessage = \"no {term}\"\n\
                [[pattern]]\nregex = '(?i)\\b(?P<term>zorbl[0-9]+)\\b'\n\
                [[example]]\nlang = \"en\"\ntext = \"Play ZORBL88 now.\"\nflagged = [\"ZORBL88\"]\n\
                [[example]]\nlang = \"en\"\ntext = \"clean\"\n";
    let set = RuleSet::load_texts(factlint::rules::Builtin::LexiconsOnly, vec![("mine.toml".into(), rule.into())])
        .expect("the rule loads");
    let p = &set.get("spam.mine").expect("loaded").patterns[0];
    // Not a shipped pattern: no automaton, and literals read from the pattern itself.
    assert_eq!(p.automaton_matches("Play zorbl1"), None);
    assert!(p.triggered_by("Play ZoRbL7 now") && p.regex().is_match("Play ZoRbL7 now"));
    assert!(!p.triggered_by("Play slots now"));
}
