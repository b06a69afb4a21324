//! A bad rule file is an error at load time, located by file, line and column, saying what to
//! change.

use factlint::rules::RuleSet;
use factlint::source::LocatedError;
use std::path::PathBuf;

/// Writes `text` to a fresh file and loads it alone; returns the errors.
fn load_errors(name: &str, text: &str) -> (String, Vec<LocatedError>) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rule-errors");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let errors = RuleSet::load(false, std::slice::from_ref(&path)).expect_err("the rule file is broken");
    (path.display().to_string(), errors)
}

/// The one error whose message contains `needle`, at the line and column of `at` in `text`.
fn assert_error(text: &str, path: &str, errors: &[LocatedError], at: &str, needle: &str) {
    let offset = text.find(at).unwrap_or_else(|| panic!("{at:?} not in the rule file"));
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    let e = errors
        .iter()
        .find(|e| e.message.contains(needle))
        .unwrap_or_else(|| panic!("no error saying {needle:?} in {errors:#?}"));
    assert_eq!((e.path.as_str(), e.line, e.column), (path, line, column), "{e}");
    assert!(e.to_string().starts_with(&format!("{path}:{line}:{column}: ")), "{e}");
}

const EXAMPLES: &str = r#"
[[example]]
text = "slot gacor"
flagged = ["slot gacor"]

[[example]]
text = "berita biasa"
"#;

/// A forbidden rule file: its header, then `body`, then the examples.
fn forbidden_rule(body: &str) -> String {
    format!("id = \"spam.x\"\nkind = \"forbidden\"\nseverity = \"error\"\nmessage = \"m\"\n{body}{EXAMPLES}")
}

#[test]
fn unknown_kind() {
    let text = format!("id = \"spam.x\"\nkind = \"forbiden\"\nseverity = \"error\"\nmessage = \"m\"\n{EXAMPLES}");
    let (path, errors) = load_errors("kind.toml", &text);
    assert_error(&text, &path, &errors, "\"forbiden\"", "unknown rule kind \"forbiden\": use one of");
    assert!(errors[0].message.contains("forbidden, classifier, preferred-term"), "{}", errors[0]);
}

#[test]
fn settings_that_are_no_table() {
    let text = forbidden_rule("settings = 5\n");
    let (path, errors) = load_errors("settings-value.toml", &text);
    assert_error(&text, &path, &errors, "5\n", "invalid type: integer `5`, expected a table");
}

#[test]
fn several_errors_reported_together() {
    let text = format!(
        r#"id = "spam.x"
kind = "forbidden"
severity = "fatal"
message = "m"

[[pattern]]
regex = '(?P<term>slot'

[settings]
terms = ["slot gacor"]
{EXAMPLES}"#
    );
    let (path, errors) = load_errors("several.toml", &text);
    assert_error(&text, &path, &errors, "\"fatal\"", "severity is error, warning or info, not \"fatal\"");
    assert_error(&text, &path, &errors, "'(?P<term>slot'", "pattern does not compile");
}

#[test]
fn unknown_settings_key() {
    let text = forbidden_rule("[settings]\nterms = [\"slot gacor\"]\nunles = [\"polisi\"]\n");
    let (path, errors) = load_errors("settings.toml", &text);
    assert_error(&text, &path, &errors, "unles", "unknown field `unles`, expected one of");
    assert!(errors[0].message.contains("`unless`"), "the error lists the keys: {}", errors[0]);
}

#[test]
fn bad_setting_values() {
    let cases = [
        ("scope = \"page\"", "\"page\"", "scope is one of sentence, paragraph, document, not \"page\""),
        ("min_share = 2.0", "2.0", "min_share is a share of words above 0 and at most 1"),
        ("look_in = [\"links\"]", "\"links\"", "each entry of look_in is one of text, link-text, link-href, link-host"),
        ("unless = [\"a*b\"]", "\"a*b\"", "`*` may only end a phrase"),
    ];
    for (i, (line, at, needle)) in cases.iter().enumerate() {
        let text = forbidden_rule(&format!("[settings]\nterms = [\"slot gacor\"]\n{line}\n"));
        let (path, errors) = load_errors(&format!("value{i}.toml"), &text);
        assert_error(&text, &path, &errors, at, needle);
    }
}

#[test]
fn forbidden_rule_with_nothing_to_find() {
    let text = forbidden_rule("");
    let (path, errors) = load_errors("empty.toml", &text);
    assert_error(&text, &path, &errors, "kind", "needs `terms` under [settings] or at least one [[pattern]]");
}

#[test]
fn preferred_term_errors() {
    let base = "id = \"style.x\"\nkind = \"preferred-term\"\nseverity = \"info\"\nmessage = \"{preferred}\"\n";
    let examples = "\n[[example]]\ntext = \"resiko\"\nflagged = [\"resiko\"]\n\n[[example]]\ntext = \"risiko\"\n";
    let cases = [
        ("[[settings.term]]\nprefered = \"risiko\"\navoid = [\"resiko\"]", "prefered", "unknown field `prefered`"),
        ("[settings.pairs]\nrisiko = \"risiko\"", "\"risiko\"\n", "is its own preferred form"),
        (
            "[settings.pairs]\nresiko = \"risiko\"\n[[settings.term]]\npreferred = \"x\"\navoid = [\"Resiko\"]",
            "\"risiko\"\n[[",
            "is already flagged by the entry for \"x\"",
        ),
        (
            "[settings.pairs]\nresiko = \"risiko\"\n[[settings.term]]\npreferred = \"resiko\"\navoid = [\"rsk\"]",
            "\"risiko\"\n[[settings.term]]",
            "is the preferred form of the entry for \"resiko\": a form cannot be both flagged and preferred",
        ),
        ("[[settings.variants]]\nforms = [\"Kyiv\"]", "\"Kyiv\"", "needs at least two forms"),
        ("[[pattern]]\nregex = 'x'\n[settings.pairs]\nresiko = \"risiko\"", "[[pattern]]", "takes no [[pattern]]"),
    ];
    for (i, (settings, at, needle)) in cases.iter().enumerate() {
        let text = format!("{base}{settings}\n{examples}");
        let (path, errors) = load_errors(&format!("pt{i}.toml"), &text);
        assert_error(&text, &path, &errors, at, needle);
    }
}

#[test]
fn consistency_pattern_needs_its_groups() {
    let text = r#"id = "consistency.x"
kind = "consistency"
severity = "warning"
message = "{place} {region} {other}"

[[pattern]]
regex = '(?P<place>{Name}), (?P<area>{Name})'

[[example]]
text = "Shenzhen, Guangdong. Shenzhen, Bavaria."
flagged = ["Shenzhen, Bavaria"]

[[example]]
text = "Shenzhen, Guangdong."
"#;
    let (path, errors) = load_errors("consistency.toml", text);
    assert_error(text, &path, &errors, "'(?P<place>", "a consistency pattern needs a named group (?P<region>...)");
    assert_error(text, &path, &errors, "'(?P<place>", "group <area> means nothing to a consistency rule");
}

#[test]
fn message_values_are_the_kinds() {
    let text = format!("id = \"spam.x\"\nkind = \"forbidden\"\nseverity = \"error\"\nmessage = \"{{place}}\"\n[settings]\nterms = [\"slot gacor\"]\n{EXAMPLES}");
    let (path, errors) = load_errors("message.toml", &text);
    assert_error(&text, &path, &errors, "\"{place}\"", "provides {term}, {href}");
}

#[test]
fn located_in_settings_errors_point_at_the_key_or_value() {
    let base = "id = \"place.x\"\nkind = \"located-in\"\nseverity = \"error\"\nmessage = \"{place}\"\n[[pattern]]\nregex = '(?P<place>{Name}), (?P<region>{Name})'\n";
    let examples = "\n[[example]]\ntext = \"Shenzhen, Bavaria.\"\nflagged = [\"Shenzhen, Bavaria\"]\n\n[[example]]\ntext = \"Shenzhen, Guangdong.\"\n";
    let cases = [
        ("[settings]\nlead_word = [\"kota\"]", "lead_word", "unknown field `lead_word`"),
        // The claim words moved to the lexicons: the error says where.
        ("[settings]\nlead_words = [\"kota\"]", "lead_words", "add words to the `place_lead` list of a lexicon file"),
        ("[settings]\nunique_min_population = \"many\"", "\"many\"", "invalid type: string \"many\""),
        ("[settings.division_words]\nZA = 3", "3", "invalid type: integer `3`"),
    ];
    for (i, (settings, at, needle)) in cases.iter().enumerate() {
        let text = format!("{base}{settings}\n{examples}");
        let (path, errors) = load_errors(&format!("li{i}.toml"), &text);
        assert_error(&text, &path, &errors, at, needle);
    }
}

#[test]
fn a_big_user_pattern_is_a_located_rule_error_not_a_panic_on_the_first_document() {
    let head =
        "id = \"spam.big\"\nkind = \"forbidden\"\nlanguages = [\"en\"]\nseverity = \"error\"\nmessage = \"{term}\"\n";
    let examples = "\n[[example]]\nlang = \"en\"\ntext = \"w1 here\"\nflagged = [\"w1\"]\n\n[[example]]\nlang = \"en\"\ntext = \"clean\"\n";
    // Too long to parse cheaply: a 300 KiB alternation.
    let words: Vec<String> = (0..40_000).map(|i| format!("w{i}")).collect();
    let long = format!("{head}[[pattern]]\nregex = '\\b(?:{})\\b'\n{examples}", words.join("|"));
    let (path, errors) = load_errors("long.toml", &long);
    assert_error(&long, &path, &errors, "'\\b(?:w0", "list the words as `terms` instead");
    // Short, but too big once compiled.
    let big = format!("{head}[[pattern]]\nregex = '(?:\\w{{100}}){{100}}'\n{examples}");
    let (path, errors) = load_errors("big.toml", &big);
    assert_error(&big, &path, &errors, "'(?:", "pattern is too big to compile");
}

/// A weekday rule of the user's own: the first pattern of the shipped one, with its own
/// `[settings]` text.
fn weekday_rule(settings: &str) -> String {
    format!(
        "id = \"date.my-weekday\"\nkind = \"weekday\"\nlanguages = [\"id\", \"en\"]\nseverity = \"error\"\nmessage = \"{{date}}: {{actual}}\"\n\n[[pattern]]\nregex = '\\b(?P<weekday>{{weekday}}),\\s+(?P<day>[0-9]{{1,2}})\\s+(?P<month>{{month}})\\s+(?P<year>[0-9]{{4}})'\n\n[settings]\n{settings}\n[[example]]\nlang = \"id\"\ntext = \"Senin, 4 Juli 2023\"\nflagged = [\"Senin, 4 Juli 2023\"]\n\n[[example]]\nlang = \"id\"\ntext = \"Selasa, 4 Juli 2023\"\n"
    )
}

#[test]
fn wording_errors_point_at_the_key() {
    let en = "[settings.wording.en]\ndate = \"{day} {month} {year}\"\n";
    // A key the kind does not read.
    let text = weekday_rule(&format!("{en}[settings.wording.id]\ndata = \"{{day}}\"\n"));
    let (path, errors) = load_errors("wording-key.toml", &text);
    assert_error(&text, &path, &errors, "data = ", "has `data`, which this kind does not read: did you mean `date`?");
    // A list of the wrong length.
    let text = weekday_rule(&format!("{en}[settings.wording.id]\nweekdays = [\"Senin\", \"Selasa\"]\n"));
    let (path, errors) = load_errors("wording-list.toml", &text);
    assert_error(&text, &path, &errors, "[\"Senin\"", "`weekdays` lists 2 names, not 7");
    // Entries of the wrong shape.
    let text = weekday_rule(&format!("{en}[settings.wording.id]\nmonths = \"Januari\"\n"));
    let (path, errors) = load_errors("wording-shape.toml", &text);
    assert_error(&text, &path, &errors, "\"Januari\"", "`months` is a list of 12 names, not one string");
    let text = weekday_rule(&format!("{en}[settings.wording.id]\nwas = [\"a\"]\n"));
    let (path, errors) = load_errors("wording-shape2.toml", &text);
    assert_error(&text, &path, &errors, "[\"a\"]", "`was` is a template, one string, not a list");
    let text = weekday_rule(&format!("{en}[settings.wording.id]\nwas = 5\n"));
    let (path, errors) = load_errors("wording-shape3.toml", &text);
    assert_error(&text, &path, &errors, "5\n", "a wording entry is a template (a string) or a list of names");
    // A message with a value the kind does not provide.
    let text = weekday_rule(&format!("{en}[settings.wording.id]\nmessage = \"{{place}}\"\n"));
    let (path, errors) = load_errors("wording-message.toml", &text);
    assert_error(&text, &path, &errors, "\"{place}\"", "`message` uses {place}");
}

/// A user's date rule that words nothing is worded as the shipped rule: in the document's language.
#[test]
fn a_user_weekday_rule_without_wording_speaks_the_documents_language() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rule-wording");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("weekday.toml");
    std::fs::write(&path, weekday_rule("")).unwrap();
    let set = RuleSet::load_with(factlint::rules::Builtin::LexiconsOnly, std::slice::from_ref(&path))
        .expect("the rule loads");
    let kb = factlint::knowledge::Knowledge::builtin();
    let engine = factlint::engine::Engine { rules: &set, knowledge: &kb };
    let settings =
        factlint::engine::Settings { lang: Some(factlint::vocab::Lang::ID), ..factlint::engine::Settings::default() };
    let source = factlint::source::SourceFile::new("a.txt", "Rapat dibuka Senin, 4 Juli 2023.".to_string());
    let found = engine.check(&source, factlint::markup::Format::Plain, &settings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].message, "4 Juli 2023: Selasa");
    assert_eq!(found[0].evidence[0], "4 Juli 2023 adalah hari Selasa");

    // A rule that words one entry keeps the shipped wording of the rest.
    std::fs::write(
        &path,
        weekday_rule(
            "[settings.wording.id]
was = \"{date} ialah hari {weekday}\"\n",
        ),
    )
    .unwrap();
    let set = RuleSet::load_with(factlint::rules::Builtin::LexiconsOnly, std::slice::from_ref(&path))
        .expect("the rule loads");
    let engine = factlint::engine::Engine { rules: &set, knowledge: &kb };
    let found = engine.check(&source, factlint::markup::Format::Plain, &settings);
    assert_eq!(found[0].evidence[0], "4 Juli 2023 ialah hari Selasa");
    assert_eq!(found[0].sources, ["kalender Masehi"]);
}

#[test]
fn fix_safety_is_safe_or_unsafe() {
    let text = format!(
        "id = \"spam.x\"\nkind = \"forbidden\"\nseverity = \"error\"\nfix = \"maybe\"\nmessage = \"m\"\n\n[settings]\nterms = [\"slot gacor\"]\n{EXAMPLES}"
    );
    let (path, errors) = load_errors("fix.toml", &text);
    assert_error(&text, &path, &errors, "\"maybe\"", "fix is \"safe\" or \"unsafe\", not \"maybe\"");
}
