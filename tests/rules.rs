//! The shipped rules: every example of every rule passes, as `factlint rules test` runs them,
//! and every kind says what it checks.

mod common;

use common::{knowledge, rules};
use factlint::rules::KINDS;
use factlint::verify::run_examples;

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

/// A check loads the shipped rules with their examples left unread, so the rule files are held to
/// their examples here: each has a text it must flag and one it must leave clean.
#[test]
fn every_shipped_rule_has_examples_both_ways() {
    for rule in &rules().rules {
        let (clean, flagged) =
            (rule.examples.iter().any(|e| e.flagged.is_empty()), rule.examples.iter().any(|e| !e.flagged.is_empty()));
        assert!(clean && flagged, "{}: clean example {clean}, flagged example {flagged}", rule.id);
    }
}

/// The load for checking is the full load without the examples: the same rules, read the same.
#[test]
fn the_load_for_checking_leaves_out_only_the_examples() {
    use factlint::rules::{Builtin, RuleSet};
    let full = RuleSet::load_with(Builtin::All, &[]).expect("the shipped rules load");
    let lean = RuleSet::load_with(Builtin::Checking, &[]).expect("the shipped rules load for checking");
    let shown = |set: &RuleSet| -> Vec<String> {
        set.rules
            .iter()
            .map(|r| {
                format!(
                    "{} {} {:?} {:?} {} | {} | {} | {:?} | {} | {}",
                    r.id,
                    r.kind,
                    r.severity,
                    r.languages,
                    r.message,
                    r.summary,
                    r.description,
                    r.pattern_sources,
                    r.settings_source.lines(),
                    r.origin
                )
            })
            .collect()
    };
    assert_eq!(shown(&lean), shown(&full));
    assert!(lean.rules.iter().all(|r| r.examples.is_empty()));
    assert!(full.rules.iter().all(|r| !r.examples.is_empty()));
    let text = "Situs slot gacor. Pada hari Senin, 4 Juli 2023, Shenzhen, KwaZulu-Natal menggelar acara.\n";
    let findings = |set: &RuleSet| {
        let doc = factlint::source::SourceFile::new("a.txt", text);
        let engine = factlint::engine::Engine { rules: set, knowledge: knowledge() };
        let settings =
            factlint::engine::Settings { date: chrono::NaiveDate::from_ymd_opt(2023, 7, 5), ..Default::default() };
        format!("{:?}", engine.check_file(&doc, factlint::markup::Format::Plain, &settings).diagnostics)
    };
    let found = findings(&full);
    assert!(found.contains("located-in") && found.contains("weekday"), "{found}");
    assert_eq!(findings(&lean), found);
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

#[test]
fn a_users_rule_with_a_shipped_id_replaces_it_and_two_user_rules_with_one_id_are_an_error() {
    use factlint::rules::{Builtin, RuleSet};
    let dir = common::scratch("rule-override");
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/style/preferred-name.toml")).unwrap();
    // The user's copy says something else.
    let edited = shipped.replacen("severity = \"warning\"", "severity = \"info\"", 1);
    assert_ne!(edited, shipped, "the shipped rule's severity line moved");
    std::fs::write(dir.join("preferred-name.toml"), &edited).unwrap();
    let set = RuleSet::load_with(Builtin::All, &[dir.clone()]).unwrap();
    let rule = set.get("style.preferred-name").unwrap();
    assert_eq!(rule.severity, factlint::vocab::Severity::Info);
    assert!(rule.origin.ends_with("preferred-name.toml") && !rule.origin.starts_with("builtin:"), "{}", rule.origin);
    assert_eq!(set.rules.iter().filter(|r| r.id.as_str() == "style.preferred-name").count(), 1);

    std::fs::write(dir.join("preferred-name-again.toml"), &edited).unwrap();
    let errors = RuleSet::load_with(Builtin::All, &[dir]).unwrap_err();
    assert!(errors.iter().any(|e| e.message.contains("already defined in")), "{errors:?}");
}

/// The rule file README.md shows under "Writing rules" loads as written, and its examples pass.
/// It words nothing itself, so it is worded as the shipped located-in rule is, with its own
/// message.
#[test]
fn the_readmes_example_rule_loads_and_its_examples_pass() {
    use factlint::rules::{Builtin, RuleSet};
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start =
        readme.find("A rule file:\n\n```toml\n").expect("README shows a rule file") + "A rule file:\n\n```toml\n".len();
    let end = start + readme[start..].find("```").expect("the block closes");
    let dir = common::scratch("readme-rule");
    std::fs::write(dir.join("located-in.toml"), &readme[start..end]).unwrap();
    let set = RuleSet::load_with(Builtin::LexiconsOnly, &[dir]).unwrap_or_else(|e| panic!("{e:?}"));
    let rule = set.get("place.located-in").expect("the example rule");
    let results = run_examples(rule, &set, knowledge());
    assert!(results.len() >= 2);
    for r in &results {
        assert!(r.missing.is_empty() && r.noisy.is_empty(), "{}: {:?} {:?}", r.location, r.missing, r.noisy);
    }
    // Its own message, in every language; the evidence in the document's.
    let engine = factlint::engine::Engine { rules: &set, knowledge: knowledge() };
    let settings = factlint::engine::Settings { lang: Some(factlint::vocab::Lang::ID), ..Default::default() };
    let src = factlint::source::SourceFile::new("test.txt", "Ia pindah ke Surabaya, provinsi Sumatera Utara.");
    let out = engine.check(&src, factlint::markup::Format::Plain, &settings);
    let d = &out[0];
    assert_eq!(d.message, "Surabaya is not in Sumatera Utara");
    assert!(d.evidence[0].contains("terletak di Jawa Timur"), "{:?}", d.evidence);
}

/// README's kinds table is the registry's, row for row: `factlint rules kinds` prints it.
#[test]
fn readme_kinds_table_is_the_registry() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = factlint::rules::kinds_table();
    let start = readme.find("| kind | pattern groups |").expect("README has the kinds table");
    let written: String =
        readme[start..].lines().take_while(|l| l.starts_with('|')).map(|l| format!("{l}\n")).collect();
    assert_eq!(written, table, "README's kinds table differs from `factlint rules kinds`: paste its output in");
    assert_eq!(table.lines().count(), KINDS.len() + 2);
}

/// Categories are data: each is a folder of shipped rules, and a shipped rule's id names the
/// folder it lives in.
#[test]
fn shipped_rules_live_in_the_folder_of_their_category() {
    let set = rules();
    let mut seen = std::collections::BTreeSet::new();
    for rule in &set.rules {
        let path = rule.origin.strip_prefix("builtin:").expect("shipped rules come from rules/");
        let folder = path.strip_prefix("rules/").and_then(|p| p.split('/').next()).expect("a folder under rules/");
        assert_eq!(rule.id.category(), folder, "{} lives in rules/{folder}/", rule.id);
        seen.insert(folder.to_string());
    }
    let categories: std::collections::BTreeSet<String> =
        factlint::vocab::CATEGORIES.iter().map(|c| c.to_string()).collect();
    assert_eq!(seen, categories, "every category folder holds a rule");
}
