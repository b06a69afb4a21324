//! The capital rule on fixtures in both languages: wrong capitals are flagged with the right
//! one as evidence (and as the suggestion where the country has one seat), and right ones,
//! capitals split between seats, former capitals in undated copy, regions' capitals and other
//! "capitals" ("the tech capital of China") stay clean.

mod common;

use common::{builtin, check_with_knowledge};
use factlint::vocab::Lang;

const RULE: &str = "place.capital";

fn clean(file: &str, lang: Lang) -> usize {
    common::assert_clean_fixture(&builtin().1, file, lang, &[RULE])
}

fn wrong(file: &str, lang: Lang) -> usize {
    common::assert_flagged_fixture(&builtin().1, file, lang, &[RULE], false)
}

#[test]
fn wrong_capitals_are_caught_in_both_languages() {
    assert!(wrong("capital/wrong.en.txt", Lang::EN) + wrong("capital/wrong.id.txt", Lang::ID) >= 40);
}

#[test]
fn right_capitals_and_look_alikes_stay_clean_in_both_languages() {
    assert!(clean("capital/right.en.txt", Lang::EN) + clean("capital/right.id.txt", Lang::ID) >= 40);
}

#[test]
fn a_wrong_capital_is_told_the_right_one() {
    let found = check_with_knowledge(
        &builtin().1,
        "Pertemuan di ibu kota Australia, Sydney, pekan lalu.",
        Lang::ID,
        None,
        &[RULE],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "Sydney bukan ibu kota Australia");
    assert_eq!(found[0].evidence[0], "ibu kota Australia adalah Canberra");
    assert_eq!(found[0].suggestion.as_deref(), Some("Australia, Canberra"));
    // A country with several seats is told them all, and gets no single replacement.
    let found = check_with_knowledge(
        &builtin().1,
        "Miners rallied in Johannesburg, the capital of South Africa, on Friday.",
        Lang::EN,
        None,
        &[RULE],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].evidence.iter().any(|e| e.contains("Cape Town")), "{:?}", found[0].evidence);
    assert_eq!(found[0].suggestion, None);
    // A former capital in a later document says when it stopped being one.
    let found = check_with_knowledge(
        &builtin().1,
        "Traffic stalled in Lagos, the capital of Nigeria.",
        Lang::EN,
        common::dated("2024-05-14 | x").0,
        &[RULE],
    );
    assert_eq!(found[0].evidence[0], "Lagos was the capital of Nigeria until 1991", "{:?}", found[0].evidence);
}
