//! Region history and Indonesia's complete map, read from the built-in gazetteer: a split runs
//! one way and has a year; a reform keeps a former division's name right for its territory.

mod common;

use factlint::knowledge::Knowledge;
use factlint::markup::Format;
use factlint::vocab::{Lang, Severity};

const RULE: &str = "place.located-in";

fn findings(text: &str, date: Option<&str>) -> Vec<factlint::diagnostic::Diagnostic> {
    let date = date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    common::check_with(text, Some(Lang::ID), &[RULE], date, Format::Plain)
}

#[test]
fn a_split_is_outdated_in_later_or_undated_copy_and_right_before_it() {
    let text = "Pabrik itu berdiri di Tangerang, Jawa Barat.";
    assert!(findings(text, Some("1998-05-01")).is_empty(), "right before Banten split off in 2000");
    for date in [Some("2023-07-05"), None] {
        let f = findings(text, date);
        assert_eq!(f.len(), 1, "{date:?}: {f:?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].message, "Tangerang tidak lagi terletak di Jawa Barat sejak 2000");
        assert_eq!(f[0].suggestion.as_deref(), Some("Tangerang, Banten"));
        assert_eq!(f[0].evidence, vec!["Banten dimekarkan dari Jawa Barat pada 2000: Tangerang terletak di Banten"]);
        // The label describes the region; it does not repeat the evidence.
        assert_eq!(f[0].labels[0].message, "Jawa Barat adalah provinsi di Indonesia");
    }
    // A year in the sentence dates the claim as a document date would.
    assert!(findings("Pada 1995 pabrik itu berdiri di Tangerang, Jawa Barat.", None).is_empty());
    assert_eq!(findings("Pada 2015 pabrik itu berdiri di Tangerang, Jawa Barat.", None).len(), 1);
}

#[test]
fn a_split_does_not_run_backwards() {
    let f = findings("Ia lahir di Bogor, Banten.", None);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].suggestion.as_deref(), Some("Bogor, Jawa Barat"));
}

#[test]
fn a_former_division_is_right_for_its_territory_before_the_reform() {
    let text = "Kapal itu berlabuh di Vung Tau, Ba Ria-Vung Tau.";
    assert!(findings(text, Some("2020-01-01")).is_empty());
    let f = findings(text, Some("2026-01-01"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    // Hanoi is no part of what replaced Ba Ria-Vung Tau.
    let f = findings("Konferensi digelar di Hanoi, Ba Ria-Vung Tau.", Some("2020-01-01"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn the_complete_map_decides_whatever_the_size() {
    for (text, flagged) in [
        ("Warga Sleman, Jawa Timur, berdatangan.", true),
        ("Kantornya di Menteng, Jakarta Pusat.", false),
        ("Perahu itu tiba di Flores, Nusa Tenggara Timur.", false),
        ("Ia dirawat di Kota Kendari, Kalimantan Timur.", true),
        ("Ia dirawat di Kota Kendari, Sulawesi Tenggara.", false),
        ("Ia tinggal di Cibinong, Kabupaten Bogor.", false),
    ] {
        assert_eq!(!findings(text, None).is_empty(), flagged, "{text}");
    }
}

#[test]
fn a_village_namesake_gets_a_warning_that_names_both() {
    let f = findings("Gempa mengguncang Padang, Kalimantan Barat.", None);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].evidence.iter().any(|e| e.contains("desa Padang")), "{:?}", f[0].evidence);
    assert_eq!(f[0].suggestion.as_deref(), Some("Padang, Sumatera Barat"));
}

#[test]
fn the_gazetteer_knows_levels_and_history() {
    let kb = Knowledge::builtin();
    let menteng = kb.lookup("Menteng");
    assert!(menteng.iter().any(|p| kb.place(p.place).level.as_str() == "kecamatan"));
    let banten = kb.place(kb.lookup("Banten")[0].place);
    let link = kb.links().find(|l| l.region == banten.id).expect("Banten has a split");
    assert_eq!((kb.place(link.other).code, link.year), ("ID.30", 2000));
    let country = |code: &str| kb.resolve(&format!("country:{code}")).unwrap();
    assert!(kb.is_mapped_country(country("ID")), "Indonesia's map is complete");
    assert!(!kb.is_mapped_country(country("US")));
    let brvt = kb.place(kb.lookup("Ba Ria-Vung Tau")[0].place);
    let replaced = kb.links().find(|l| l.other == brvt.id).expect("Ba Ria-Vung Tau was replaced");
    assert_eq!(replaced.year, 2025);
}
