//! Rule examples run: every rule carries texts it must flag and texts it must leave clean.
//! `factlint rules test` runs them, and so does the test suite for the shipped rules. A failing
//! example is reported as *missing* (a text the rule should flag and did not) or *noisy* (a
//! finding the example did not expect). Examples are read with their rule ([`crate::rules`]);
//! running them needs the whole engine, so this module sits above it.

use crate::checks::rule::{ExampleKnowledge, Rule};
use crate::diagnostic::Diagnostic;
use crate::engine::{Engine, Settings};
use crate::knowledge::Knowledge;
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// How one example fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleResult {
    pub location: String,
    /// Expected findings the rule did not report.
    pub missing: Vec<String>,
    /// Findings the example did not expect.
    pub noisy: Vec<String>,
    /// What the example expects (its `flagged`).
    pub expected: Vec<String>,
    /// The rule's findings in the example, whole: spans, messages, evidence and suggestions.
    pub findings: Vec<Diagnostic>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.noisy.is_empty()
    }
}

/// Runs a rule's examples with only that rule enabled, each against its own knowledge file
/// when it names one, else against `knowledge`.
pub fn run_examples(rule: &Rule, rules: &RuleSet, knowledge: &Knowledge) -> Vec<ExampleResult> {
    rule.examples
        .iter()
        .map(|ex| {
            let engine =
                Engine { rules, knowledge: ex.knowledge.as_deref().map(ExampleKnowledge::get).unwrap_or(knowledge) };
            let settings = Settings {
                lang: Some(ex.lang),
                date: ex.date,
                select: std::iter::once(rule.id.as_str().to_string()).chain(ex.with_rules.iter().cloned()).collect(),
                ..Settings::default()
            };
            let source = SourceFile::new(ex.location.clone(), ex.text.clone());
            let findings: Vec<Diagnostic> =
                engine.check(&source, ex.format, &settings).into_iter().filter(|d| d.rule == rule.id).collect();
            let mut unmatched: Vec<String> = findings.iter().map(|d| d.text.clone()).collect();
            let mut missing = Vec::new();
            for want in &ex.flagged {
                match unmatched.iter().position(|f| f == want) {
                    Some(i) => {
                        unmatched.remove(i);
                    }
                    None => missing.push(want.clone()),
                }
            }
            ExampleResult {
                location: ex.location.clone(),
                missing,
                noisy: unmatched,
                expected: ex.flagged.clone(),
                findings,
            }
        })
        .collect()
}

/// Rule behaviour on real prose that needs the date reader, which the public API does not show.
#[cfg(test)]
mod news_corpus {
    use crate::engine::{Engine, Settings};
    use crate::knowledge::Knowledge;
    use crate::markup::Format;
    use crate::recognize::dates::DateReader;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;
    use crate::vocab::Lang;
    use std::sync::LazyLock;

    static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(true, &[]).expect("shipped rules load"));
    static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(Knowledge::builtin);
    const EN: Lang = Lang::EN;

    fn check(text: &str, doc_date: Option<&str>) -> Vec<crate::diagnostic::Diagnostic> {
        let engine = Engine { rules: &RULES, knowledge: &KNOWLEDGE };
        let date = doc_date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("YYYY-MM-DD"));
        let settings = Settings { lang: Some(EN), date, select: vec!["date".into()], ..Settings::default() };
        engine.check(&SourceFile::new("test.txt", text), Format::Plain, &settings)
    }

    /// False-alarm hunt on real English news (../shared/data/news, read-only research data): every
    /// date finding in unchanged articles is a false alarm unless the article itself is wrong. TR-News
    /// articles are also run with their download day as the document's date, which stresses
    /// year-less dates. Run with `cargo test --lib news_corpus -- --ignored -- --nocapture` for numbers.
    #[test]
    #[ignore = "needs ../shared (the news corpus): run by .ci/run"]
    fn news_corpus_has_no_date_findings() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/news");
        let reader = DateReader::new(&RULES.lexicons, EN);
        let mut articles = 0;
        let mut claims = std::collections::BTreeMap::<&str, usize>::new();
        let mut report = Vec::new();
        for name in ["TR-News.xml", "GeoVirus.xml"] {
            let xml = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
            for article in xml.split("<article").skip(1) {
                let Some(body) = article.split("<text>").nth(1).and_then(|t| t.split("</text>").next()) else {
                    continue;
                };
                let text = match body.strip_prefix("<![CDATA[") {
                    Some(cdata) => cdata.trim_end_matches("]]>").to_string(),
                    None => unescape_xml(body),
                };
                articles += 1;
                // How many date expressions the rules read as claims, so that no finding means
                // something.
                for rule in RULES.rules.iter().filter(|r| r.id.category() == "date") {
                    let mut spans = std::collections::HashSet::new();
                    for re in rule.patterns_in(EN, &text) {
                        for caps in re.captures_iter(&text) {
                            if let Some(e) = reader.read(&caps).filter(|e| reader.is_claim(&text, e)) {
                                spans.insert(e.date.map_or(e.span, |d| d.range));
                            }
                        }
                    }
                    *claims.entry(rule.id.as_str()).or_default() += spans.len();
                }
                // Download days are written in several ways ("2017-05-17", "16 December 2016").
                let downloaded = article.split("<dltime>").nth(1).and_then(|d| d.split('<').next()).and_then(|d| {
                    ["%Y-%m-%d", "%d %B %Y", "%m/%d/%Y", "%Y %b %d", "%b %d %Y"]
                        .iter()
                        .find_map(|f| chrono::NaiveDate::parse_from_str(d.trim(), f).ok())
                        .map(|d| d.format("%Y-%m-%d").to_string())
                });
                for doc_date in [None, downloaded.as_deref()] {
                    for found in check(&text, doc_date) {
                        report.push(format!("{name} #{articles} ({doc_date:?}): {:?}: {}", found.text, found.message));
                    }
                }
            }
        }
        eprintln!("{articles} articles; date expressions read as claims: {claims:?}; {} findings", report.len());
        for r in &report {
            eprintln!("{r}");
        }
        assert!(report.is_empty(), "date findings in unchanged news:\n{}", report.join("\n"));
    }

    fn unescape_xml(s: &str) -> String {
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
    }
}
