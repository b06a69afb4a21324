//! The style and consistency packs: suggestions keep the original's capitalisation, exceptions
//! hold, and a document is held to its own spelling and its own placing of a city.

mod common;

use common::check_format as check;
use factlint::markup::Format;
use factlint::vocab::Lang;

fn suggestions(text: &str, lang: Lang, select: &[&str]) -> Vec<(String, Option<String>)> {
    check(text, Format::Plain, Some(lang), select).into_iter().map(|d| (d.text, d.suggestion)).collect()
}

fn s(a: &str, b: &str) -> (String, Option<String>) {
    (a.to_string(), Some(b.to_string()))
}

#[test]
fn preferred_names_keep_capitalisation() {
    let got = suggestions(
        "Cina dan cina. PEKING. Warga keturunan Cina dan orang Cina merayakan Tahun Baru Cina.",
        Lang::ID,
        &["style.preferred-name"],
    );
    assert_eq!(
        got,
        [
            s("Cina", "Tiongkok"),
            s("cina", "Tiongkok"),
            s("PEKING", "BEIJING"),
            s("keturunan Cina", "keturunan Tionghoa"),
            s("orang Cina", "orang Tionghoa"),
            s("Tahun Baru Cina", "Tahun Baru Imlek"),
        ]
    );
}

#[test]
fn preferred_name_exceptions() {
    for text in [
        "Sengketa di Laut Cina Selatan kembali memanas.",
        "Ia lulusan Universitas Peking.",
        "Komunitas Cina Benteng di Tangerang merayakan Imlek.",
        "Perang di Indo-Cina berakhir pada 1975.",
        "Mereka makan bebek Peking di Pecinan.",
        "Dalam dokumen lama tertulis \"Cina\", bukan Tiongkok.",
        "China's exports rose in Beijing and Peking University.",
    ] {
        assert!(suggestions(text, Lang::ID, &["style"]).is_empty(), "{text}");
    }
}

#[test]
fn kbbi_spellings() {
    let got =
        suggestions("Silahkan merubah jadual. RESIKO itu nyata; Apapun terjadi.", Lang::ID, &["style.kbbi-spelling"]);
    assert_eq!(
        got,
        [
            s("Silahkan", "Silakan"),
            s("merubah", "mengubah"),
            s("jadual", "jadwal"),
            s("RESIKO", "RISIKO"),
            s("Apapun", "Apa pun"),
        ]
    );
    // Style rules are for Indonesian copy.
    assert!(suggestions("The praktek of resiko.", Lang::EN, &["style"]).is_empty());
}

#[test]
fn name_variants_follow_the_documents_majority() {
    let text = "Kiev responded. Officials in Kyiv met; Kyiv later said more. Zelenskyy and Zelensky spoke.";
    let diags = check(text, Format::Plain, Some(Lang::EN), &["consistency.name-variants"]);
    let got: Vec<(&str, Option<&str>)> = diags.iter().map(|d| (d.text.as_str(), d.suggestion.as_deref())).collect();
    assert_eq!(got, [("Kiev", Some("Kyiv")), ("Zelensky", Some("Zelenskyy"))]);
    assert_eq!(diags[0].labels.len(), 1, "a label points at the document's own form");
    assert!(diags[0].evidence[0].contains("the document writes Kyiv twice and Kiev once"), "{:?}", diags[0].evidence);
}

#[test]
fn name_variants_leave_longer_names_alone() {
    let text = "Tiongkok memprotes. Kapal Tiongkok berlayar di Laut China Selatan, tulis China Daily. \
                Saham Bank of China naik, sementara ekspor China turun.";
    let got: Vec<String> = check(text, Format::Plain, Some(Lang::ID), &["consistency.name-variants"])
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert_eq!(got, ["China"]);
    // Person names are matched even after a first name or a title.
    let text = "Volodymyr Zelenskyy spoke. President Zelenskyy and President Zelensky met.";
    assert_eq!(check(text, Format::Plain, Some(Lang::EN), &["consistency.name-variants"]).len(), 1);
}

#[test]
fn a_city_placed_in_two_regions() {
    let text = "Forum digelar di Shenzhen, Guangdong, pada Selasa.\n\nSehari kemudian delegasi meninggalkan Shenzhen, KwaZulu-Natal, menuju Beijing.";
    let diags = check(text, Format::Plain, Some(Lang::ID), &["consistency"]);
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.text, "Shenzhen, KwaZulu-Natal");
    assert_eq!(d.suggestion.as_deref(), Some("Shenzhen, Guangdong"));
    assert_eq!(&text[d.labels[0].span.start..d.labels[0].span.end], "Shenzhen, Guangdong");
    assert!(d.message.contains("KwaZulu-Natal") && d.message.contains("Guangdong"), "{}", d.message);
}

#[test]
fn consistent_places_stay_clean() {
    for text in [
        "Shenzhen, Guangdong, hosts the forum. Shenzhen, China, is a tech hub.",
        "He was born in Newcastle, KwaZulu-Natal, and studied in Newcastle, New South Wales.",
        "Springfield, Narnia, and Springfield, Gondor, both voted.",
        "Shenzhen, Guangdong. Later: Shenzhen, Guangdong Province.",
    ] {
        assert!(check(text, Format::Plain, Some(Lang::EN), &["consistency"]).is_empty(), "{text}");
    }
}

/// Regression: reading "X, Y, Z" as a list looked 80 bytes past Z's start and panicked when
/// that fell inside a multi-byte character (found on GeoVirus news text with an em dash).
#[test]
fn list_lookahead_inside_a_multibyte_character() {
    for pad in 0..3 {
        let text = format!("Parasites in Shenzhen, Guangdong, Asia {}———", "x".repeat(70 + pad));
        check(&text, Format::Plain, Some(Lang::EN), &["place", "consistency"]);
    }
}
