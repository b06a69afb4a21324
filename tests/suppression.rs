//! Inline suppression comments in Markdown and HTML, and the findings for comments that do
//! nothing (style.unused-suppression).

mod common;

use common::{check_format as check, found, knowledge, rules};
use factlint::engine::{Engine, Settings};
use factlint::markup::Format;
use factlint::source::SourceFile;
use factlint::vocab::{Lang, Severity};

const CLAIM: &str = "The summit was held in Shenzhen, KwaZulu-Natal, on Tuesday.";

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn disable_next_line_in_markdown() {
    let md = format!("Intro.\n\n<!-- factlint-disable-next-line place.located-in -->\n{CLAIM}\n\n{CLAIM}\n");
    let diags = check(&md, Format::Markdown, Some(Lang::EN), &[]);
    assert_eq!(found(&diags), pairs(&[("place.located-in", "Shenzhen, KwaZulu-Natal")]));
    assert_eq!(diags[0].span.start, md.rfind("Shenzhen").unwrap(), "the second claim stays");
}

#[test]
fn disable_next_line_skips_blank_lines_and_takes_categories() {
    let md = format!("<!-- factlint-disable-next-line place -->\n\n{CLAIM}\n");
    assert!(check(&md, Format::Markdown, Some(Lang::EN), &[]).is_empty());
    // Only the next line with text: the line after it is not covered.
    let md = format!("<!-- factlint-disable-next-line place -->\n{CLAIM}\n{CLAIM}\n");
    assert_eq!(check(&md, Format::Markdown, Some(Lang::EN), &[]).len(), 1);
}

#[test]
fn disable_next_line_in_html_past_markup_lines() {
    let html = format!("<!-- factlint-disable-next-line place.located-in -->\n<p>\n  {CLAIM}\n</p>\n<p>{CLAIM}</p>");
    let diags = check(&html, Format::Html, Some(Lang::EN), &[]);
    assert_eq!(diags.len(), 1, "{:?}", found(&diags));
    assert!(diags[0].span.start > html.find("</p>").unwrap());
}

#[test]
fn disable_enable_ranges_by_category_in_html() {
    let html = "<p>Berita.</p>\n<!-- factlint-disable spam -->\n<p>slot gacor hari ini</p>\n<p>data sgp terlengkap</p>\n<!-- factlint-enable spam -->\n<p>By gacor88</p>\n";
    let got = found(&check(html, Format::Html, Some(Lang::ID), &[]));
    assert_eq!(got, pairs(&[("spam.gambling-handle", "By gacor88")]));
}

#[test]
fn disable_without_rules_runs_to_the_end() {
    let md = format!("{CLAIM}\n\n<!-- factlint-disable -->\n\n{CLAIM}\n\nslot gacor hari ini\n");
    let got = found(&check(&md, Format::Markdown, Some(Lang::EN), &[]));
    assert_eq!(got, pairs(&[("place.located-in", "Shenzhen, KwaZulu-Natal")]));
}

#[test]
fn enable_names_the_rule_it_ends() {
    // `enable place` ends `disable place` but not `disable spam`.
    let md = format!(
        "<!-- factlint-disable place, spam -->\n{CLAIM}\n\n<!-- factlint-enable place -->\n{CLAIM}\n\nslot gacor hari ini\n"
    );
    let got = found(&check(&md, Format::Markdown, Some(Lang::EN), &[]));
    assert_eq!(got, pairs(&[("place.located-in", "Shenzhen, KwaZulu-Natal")]));
}

#[test]
fn a_comment_that_suppresses_nothing_is_reported() {
    let comment = "<!-- factlint-disable-next-line spam.gambling-keywords -->";
    let md = format!("{comment}\nAn ordinary sentence.\n");
    let diags = check(&md, Format::Markdown, Some(Lang::EN), &[]);
    assert_eq!(found(&diags), pairs(&[("style.unused-suppression", comment)]));
    assert_eq!(diags[0].severity, Severity::Info);
    assert_eq!((diags[0].span.start, diags[0].span.end), (0, comment.len()));
    assert!(diags[0].message.contains("no spam.gambling-keywords finding on the next line"), "{}", diags[0].message);
}

#[test]
fn unknown_rules_and_idle_enables_are_reported() {
    let html = "<!-- factlint-disable-next-line place.locatedin -->\n<p>Text.</p>\n<!-- factlint-enable spam -->\n";
    let diags = check(html, Format::Html, Some(Lang::EN), &[]);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 2, "{messages:?}");
    assert!(messages[0].contains("place.locatedin names no loaded rule or category"), "{messages:?}");
    assert!(messages[1].contains("no factlint-disable spam is open"), "{messages:?}");
}

#[test]
fn only_the_idle_part_of_a_comment_is_reported() {
    let md = format!("<!-- factlint-disable-next-line place.located-in spam -->\n{CLAIM}\n");
    let diags = check(&md, Format::Markdown, Some(Lang::EN), &[]);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].rule.as_str(), "style.unused-suppression");
    assert!(diags[0].message.contains("no spam finding"), "{}", diags[0].message);
    assert!(!diags[0].message.contains("place.located-in finding"), "{}", diags[0].message);
}

#[test]
fn comments_about_rules_that_did_not_run_are_not_judged() {
    // Only place rules run: a spam suppression cannot be judged, and the unused-suppression
    // rule itself is not selected.
    let md = "<!-- factlint-disable-next-line spam -->\nAn ordinary sentence.\n";
    assert!(check(md, Format::Markdown, Some(Lang::EN), &["place"]).is_empty());
    assert!(check(md, Format::Markdown, Some(Lang::EN), &["place", "style.unused-suppression"]).is_empty());
    // With spam running, the comment is idle.
    assert_eq!(check(md, Format::Markdown, Some(Lang::EN), &["spam", "style"]).len(), 1);
}

#[test]
fn unused_suppression_can_be_ignored_and_overridden() {
    let md = "<!-- factlint-disable -->\nAn ordinary sentence.\n";
    let engine = Engine { rules: rules(), knowledge: knowledge() };
    let source = SourceFile::new("a.md", md);
    let ignored = Settings { ignore: vec!["style.unused-suppression".into()], ..Settings::default() };
    assert!(engine.check(&source, Format::Markdown, &ignored).is_empty());
    let mut raised = Settings::default();
    raised.severity.insert("style".into(), Severity::Warning);
    let diags = engine.check(&source, Format::Markdown, &raised);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Warning);
}
