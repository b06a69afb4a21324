//! The engine: one document in, diagnostics out. Reads markup into prose, settles the
//! document's language and date, runs every enabled rule, maps findings back to the original
//! bytes and applies inline suppressions.

use crate::checks::rule::Rule;
use crate::checks::{CheckCx, Document, Finding};
use crate::diagnostic::{Claim, Diagnostic, Label, Verdict};
use crate::knowledge::Knowledge;
use crate::markup::{self, Format, Prose};
use crate::recognize::{dates, detect_language};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::vocab::{Lang, Severity};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a run (or one file, after config overrides) asks for.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The language of every document; None decides per document.
    pub lang: Option<Lang>,
    /// The date of every document; None reads it from the document.
    pub date: Option<NaiveDate>,
    /// Rule ids or categories to run (empty: all).
    pub select: Vec<String>,
    /// Rule ids or categories not to run.
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or category.
    pub severity: BTreeMap<String, Severity>,
    /// List every claim the rules read, with its verdict ([`Checked::claims`]).
    pub claims: bool,
}

impl Settings {
    pub fn enabled(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| rule.id.matches(s)))
            && !self.ignore.iter().any(|s| rule.id.matches(s))
    }

    fn severity_of(&self, rule: &Rule) -> Option<Severity> {
        self.severity.get(rule.id.as_str()).or_else(|| self.severity.get(rule.id.category())).copied()
    }
}

/// Rules and knowledge, shared by all files of a run.
pub struct Engine<'a> {
    pub rules: &'a RuleSet,
    pub knowledge: &'a Knowledge,
}

/// The language a front matter `lang:` value names ("id", "id-ID", "en_US").
pub fn lang_from_tag(tag: &str) -> Option<Lang> {
    let base = tag.trim().trim_matches(['"', '\'']).split(['-', '_']).next()?.to_ascii_lowercase();
    Lang::parse(&base)
}

/// A front matter `date:` value: `2023-07-05`, optionally followed by a time.
pub fn date_from_front_matter(value: &str) -> Option<NaiveDate> {
    let v = value.trim().trim_matches(['"', '\'']);
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

/// One file checked: its findings, and what its front matter says that could not be read (the
/// file is checked as if the value were not there).
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub front_matter_problems: Vec<String>,
    /// With [`Settings::claims`]: every claim the rules read, in text order; each finding is a
    /// contradicted claim.
    pub claims: Vec<Claim>,
}

impl Engine<'_> {
    /// Checks one source file.
    pub fn check(&self, source: &SourceFile, format: Format, settings: &Settings) -> Vec<Diagnostic> {
        self.check_file(source, format, settings).diagnostics
    }

    /// Checks one source file, and says what of its front matter could not be read.
    pub fn check_file(&self, source: &SourceFile, format: Format, settings: &Settings) -> Checked {
        let prose = markup::parse(source.text(), format);
        self.check_prose(source, &prose, settings)
    }

    /// Checks prose already read from `source`.
    fn check_prose(&self, source: &SourceFile, prose: &Prose, settings: &Settings) -> Checked {
        let mut problems: Vec<(usize, String)> = Vec::new();
        let at = |span: crate::source::Span| {
            let lc = source.line_col(span.start);
            format!("line {}, column {}", lc.line, lc.column)
        };
        let lang = settings
            .lang
            .or_else(|| {
                let (v, span) = prose.front_matter.lang.as_ref()?;
                // A language no lexicon knows ("lang: fr") would turn every rule off: decide
                // from the words instead, and say so.
                let known = lang_from_tag(v).filter(|l| self.rules.lexicons.get(*l).is_some());
                if known.is_none() {
                    problems.push((span.start, format!(
                        "{}: front matter `lang: {}` is not a language factlint checks ({}); the file was checked in the language its words suggest",
                        at(*span),
                        v.trim(),
                        self.rules.lexicons.languages().map(|l| l.as_str().to_string()).collect::<Vec<_>>().join(", ")
                    )));
                }
                known
            })
            .or_else(|| detect_language(prose.text(), &self.rules.lexicons))
            .unwrap_or(Lang::EN);
        self.rules.warm_up(lang, prose.text());
        // The document's date: --date, then front matter, then a dateline at the top.
        let date = settings
            .date
            .or_else(|| {
                // ISO ("2023-07-05", "2023-07-05T10:00:00+07:00"), or a date as the text writes
                // one ("5 Juli 2023", "July 5, 2023").
                let (v, span) = prose.front_matter.date.as_ref()?;
                let date = date_from_front_matter(v).or_else(|| {
                    dates::document_date(v.trim().trim_matches(['"', '\'']), lang, &self.rules.lexicons)
                });
                if date.is_none() {
                    problems.push((span.start, format!(
                        "{}: front matter `date: {}` is not a date (write YYYY-MM-DD, or a real date as the text writes dates: \"5 Juli 2023\"); the file was checked without it",
                        at(*span),
                        v.trim()
                    )));
                }
                date
            })
            .or_else(|| dates::document_date(prose.text(), lang, &self.rules.lexicons));
        let doc = Document {
            path: source.path(),
            prose,
            lang,
            date,
            matches: Default::default(),
            place_claims: Default::default(),
            normal: Default::default(),
        };
        let mut out = Vec::new();
        let mut findings: Vec<Finding> = Vec::new();
        let notes = std::cell::RefCell::new(Vec::new());
        let found = crate::checks::trigger::Found::default();
        let mut claims = Vec::new();
        for rule in &self.rules.rules {
            if !settings.enabled(rule) || !rule.runs_on(lang) {
                continue;
            }
            findings.clear();
            let cx = CheckCx {
                knowledge: self.knowledge,
                lexicons: &self.rules.lexicons,
                rule,
                claims: settings.claims.then_some(&notes),
                found: &found,
            };
            rule.check.check(&doc, &cx, &mut findings);
            for n in notes.borrow_mut().drain(..) {
                let span = prose.to_original(n.range);
                claims.push(Claim {
                    rule: rule.id.clone(),
                    verdict: if n.confirmed { Verdict::Confirmed } else { Verdict::Unknown },
                    span,
                    text: source.slice(span).to_string(),
                    note: n.note,
                });
            }
            let severity = settings.severity_of(rule);
            for f in findings.drain(..) {
                out.push(to_diagnostic(source, prose, rule, severity, f));
            }
        }
        let ran: Vec<&Rule> = self.rules.rules.iter().filter(|r| settings.enabled(r) && r.runs_on(lang)).collect();
        drop_deferred(&ran, &mut out);
        let severity = |r: &Rule| settings.severity_of(r).unwrap_or(r.severity);
        crate::suppress::apply(source, prose, self.rules, &ran, severity, &mut out);
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        problems.sort();
        if settings.claims {
            let reads_claims = |d: &Diagnostic| {
                self.rules
                    .get(d.rule.as_str())
                    .and_then(|r| crate::checks::kind_info(&r.kind))
                    .is_some_and(|k| k.reads_claims)
            };
            claims.extend(out.iter().filter(|d| reads_claims(d)).map(|d| Claim {
                rule: d.rule.clone(),
                verdict: Verdict::Contradicted,
                span: d.span,
                text: d.text.clone(),
                note: d.message.clone(),
            }));
            claims.sort_by(|a, b| {
                (a.span.start, a.span.end, a.rule.as_str()).cmp(&(b.span.start, b.span.end, b.rule.as_str()))
            });
        }
        Checked { diagnostics: out, front_matter_problems: problems.into_iter().map(|(_, m)| m).collect(), claims }
    }
}

/// Drops the findings of rules that leave a text to other rules (`defer_to`) where one of those
/// rules reports an overlapping finding.
fn drop_deferred(ran: &[&Rule], out: &mut Vec<Diagnostic>) {
    let deferring: Vec<&Rule> = ran.iter().copied().filter(|r| !r.check.defers_to().is_empty()).collect();
    if deferring.is_empty() || out.is_empty() {
        return;
    }
    let spans: Vec<(crate::vocab::RuleId, std::ops::Range<usize>)> =
        out.iter().map(|d| (d.rule.clone(), d.span.start..d.span.end)).collect();
    out.retain(|d| {
        let Some(rule) = deferring.iter().find(|r| r.id == d.rule) else { return true };
        let to = rule.check.defers_to();
        !spans.iter().any(|(id, s)| {
            *id != d.rule && to.iter().any(|t| id.matches(t)) && s.start < d.span.end && d.span.start < s.end
        })
    });
}

fn to_diagnostic(
    source: &SourceFile,
    prose: &Prose,
    rule: &Rule,
    severity: Option<Severity>,
    f: Finding,
) -> Diagnostic {
    let span = prose.to_original(f.range.clone());
    Diagnostic {
        rule: rule.id.clone(),
        severity: severity.or(f.severity).unwrap_or(rule.severity),
        path: source.path().to_string(),
        span,
        text: source.slice(span).to_string(),
        message: f.message,
        evidence: f.evidence,
        suggestion: f.suggestion,
        sources: f.sources,
        labels: f.labels.into_iter().map(|(r, m)| Label { span: prose.to_original(r), message: m }).collect(),
    }
}
