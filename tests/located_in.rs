//! place.located-in over the project's own hard negatives and misplaced claims, in English and
//! Indonesian. Fixtures mark expected claims inline with [[...]].

mod common;

use common::{check, fixture_lines, unmark};
use factlint::vocab::Lang;

const RULE: &str = "place.located-in";

fn clean(file: &str, lang: Lang) -> usize {
    let lines = fixture_lines(file);
    let mut noisy = Vec::new();
    for line in &lines {
        for d in check(line, Some(lang), &[RULE]) {
            noisy.push(format!("{line:?}: flagged {:?} ({})", d.text, d.message));
        }
    }
    assert!(noisy.is_empty(), "false alarms in {file}:\n{}", noisy.join("\n"));
    lines.len()
}

fn misplaced(file: &str, lang: Lang) -> usize {
    let lines = fixture_lines(file);
    let mut failures = Vec::new();
    let mut count = 0;
    for line in &lines {
        let (text, marked) = unmark(line);
        assert!(!marked.is_empty(), "{file}: a line without a [[marked]] claim: {line}");
        let found: Vec<String> = check(&text, Some(lang), &[RULE]).into_iter().map(|d| d.text).collect();
        if found != marked {
            failures.push(format!("{text:?}: expected {marked:?}, found {found:?}"));
        }
        count += marked.len();
    }
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
    count
}

#[test]
fn english_hard_negatives_stay_clean() {
    assert!(clean("located-in/clean.en.txt", Lang::EN) >= 80);
}

#[test]
fn indonesian_hard_negatives_stay_clean() {
    assert!(clean("located-in/clean.id.txt", Lang::ID) >= 60);
}

#[test]
fn english_misplaced_places_are_caught() {
    assert!(misplaced("located-in/misplaced.en.txt", Lang::EN) >= 30);
}

#[test]
fn indonesian_misplaced_places_are_caught() {
    assert!(misplaced("located-in/misplaced.id.txt", Lang::ID) >= 30);
}

#[test]
fn finding_names_the_real_region_and_sources() {
    let d = &check("Forum itu berlangsung di Shenzhen, KwaZulu-Natal.", Some(Lang::ID), &[RULE])[0];
    assert_eq!(d.text, "Shenzhen, KwaZulu-Natal");
    // Worded in the document's language.
    assert_eq!(d.message, "Shenzhen tidak terletak di KwaZulu-Natal");
    assert_eq!(d.suggestion.as_deref(), Some("Shenzhen, Guangdong"));
    assert!(
        d.evidence[0].starts_with("Shenzhen (penduduk 17,5 juta) terletak di Guangdong, Tiongkok"),
        "{:?}",
        d.evidence
    );
    assert_eq!(d.evidence[1], "KwaZulu-Natal adalah provinsi di Afrika Selatan");
    assert_eq!(d.sources, vec!["GeoNames 1795565", "GeoNames 972062"]);
    let d = &check("The forum was held in Shenzhen, KwaZulu-Natal.", Some(Lang::EN), &[RULE])[0];
    assert_eq!(d.message, "Shenzhen is not in KwaZulu-Natal");
    assert!(d.evidence[0].starts_with("Shenzhen (pop. 17.5 million) is in Guangdong, China"), "{:?}", d.evidence);
    assert_eq!(d.evidence[1], "KwaZulu-Natal is a province of South Africa");
}

#[test]
fn suggestion_uses_the_documents_language() {
    let d = &check("Pabrik itu dibangun di Makassar, Jawa Timur.", Some(Lang::ID), &[RULE])[0];
    assert_eq!(d.suggestion.as_deref(), Some("Makassar, Sulawesi Selatan"));
    let d = &check("The plant was built in Makassar, East Java.", Some(Lang::EN), &[RULE])[0];
    assert_eq!(d.suggestion.as_deref(), Some("Makassar, South Sulawesi"));
}

#[test]
fn a_country_claim_suggests_the_country() {
    let d = &check("Talks were held in Nairobi, Uganda.", Some(Lang::EN), &[RULE])[0];
    assert_eq!(d.suggestion.as_deref(), Some("Nairobi, Kenya"));
}

#[test]
fn consistency_reads_the_claims_located_in_reads_with_the_same_spans() {
    // One definition of a claim: consistency used to report "Shenzhen (KwaZulu-Natal" without
    // its closing parenthesis, from a drifted copy of the patterns.
    let text = "Shenzhen (KwaZulu-Natal) hosted the forum. Later, Shenzhen (Guangdong) hosted it again.";
    let located: Vec<String> = check(text, Some(Lang::EN), &[RULE]).into_iter().map(|d| d.text).collect();
    let consistent: Vec<String> =
        check(text, Some(Lang::EN), &["consistency.place-region"]).into_iter().map(|d| d.text).collect();
    assert_eq!(located, ["Shenzhen (KwaZulu-Natal)"]);
    assert_eq!(consistent, located);
}

#[test]
fn a_claim_definition_a_user_extends_reads_new_joins() {
    // The claim words are lexicon data: a user's lexicon file adds a join ("near") for both kinds.
    let dir = std::env::temp_dir().join(format!("factlint-claims-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("joins.toml"),
        "kind = \"lexicon\"\nlanguage = \"en\"\n[words]\nplace_join = [\"in the state of\"]\n",
    )
    .unwrap();
    let text = "The plant lies in Chengdu in the state of Bavaria.";
    let before: Vec<String> = check(text, Some(Lang::EN), &[RULE]).into_iter().map(|d| d.text).collect();
    assert!(before.is_empty(), "{before:?}");
    let rules = factlint::rules::RuleSet::load(true, &[dir.clone()]).expect("rules load");
    let engine = factlint::engine::Engine { rules: &rules, knowledge: &common::builtin().1 };
    let settings = factlint::engine::Settings {
        lang: Some(Lang::EN),
        select: vec![RULE.to_string()],
        ..factlint::engine::Settings::default()
    };
    let after: Vec<String> = engine
        .check(&factlint::source::SourceFile::new("test.txt", text), factlint::markup::Format::Plain, &settings)
        .into_iter()
        .map(|d| d.text)
        .collect();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(after, ["Chengdu in the state of Bavaria"]);
}
