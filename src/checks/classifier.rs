//! Kind `classifier`: a trained linear model ([`crate::classify`]) scores each paragraph (or
//! line) of a document, and a paragraph that scores at or above the rule's threshold is a
//! finding. The model is a data file the rule names, trained with `factlint rules train`, so a
//! user can train a rule for their own kind of spam: pharmacy adverts, crypto scams, another
//! language.
//!
//! Why: spam written to slip past keyword filters ("Awal main 🌈𝐌𝐈𝐘𝐀𝟴𝟴🌈, langsung cair gede!")
//! has no fixed phrase to list, but its words, spellings and styling give it away together.
//!
//! The finding covers the paragraph, not the page; its evidence gives the score and the
//! signals that raised it, how it is written first ("styled letters", "brand handle MIYA88",
//! "\"cair\""). A paragraph with one of the `unless` words (reporting on the subject:
//! "polisi", "police") is left alone and not scored. Every other unit is scored, quickly
//! ([`Scorer`]), and only findings are explained; a rule may name a `prefilter` that a unit
//! must pass first (one of its words, a word of letters and digits, or letters in disguise).
//!
//! Example: with the shipped gambling model, "Awal main 🌈𝐌𝐈𝐘𝐀𝟴𝟴🌈, langsung cair gede banget!"
//! is flagged, "Polisi menangkap 12 tersangka judi online." is not.

use super::forbidden::{one_of, phrase_set, settings_offset};
use super::terms::{any_within, Boundary, PhraseSet};
use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding, View};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::classify::{is_handle, words, Model, Scorer};
use crate::normalize::{Disguise, NormalView};
use crate::source::LocatedError;
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use toml::Spanned;

pub const INFO: KindInfo = KindInfo {
    name: "classifier",
    required_groups: &[],
    optional_groups: &[],
    needs_patterns: false,
    reads_claims: false,
    message_values: &["score", "signals"],
    groups_doc: "none",
    settings_doc: "`model` (a model file beside the rule, from `factlint rules train`), `threshold`, `plain_threshold` (for text with no disguise, decoration or handle), `unit` (paragraph, line), `view` (normalized, prose), `prefilter`, `unless`, `max_signals`, `defer_to`, `wording.LANG` (message, score, signals, separator, word, handle, and a name per signal: styled, spaced, marked, digit-letter, decoration)",
    compile: |_settings, cx| Ok(Box::new(Classifier::compile(cx.spanned_settings()?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// The wording entries a classifier rule reads: the evidence templates and a name for each
/// signal of [`crate::classify::TEXT_SIGNALS`]. A rule words all of them itself, in `en` at least: the shipped
/// rule's words are about gambling.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: false,
    texts: &[
        "score",
        "signals",
        "word",
        "handle",
        "separator",
        "styled",
        "spaced",
        "marked",
        "digit-letter",
        "decoration",
    ],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

/// `[settings]` of a classifier rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The model file, relative to the rule file.
    pub model: Option<Spanned<String>>,
    /// The least probability that is a finding, above 0 and below 1 (default 0.5).
    pub threshold: Option<Spanned<f64>>,
    /// The least probability for a unit written plainly: no letters in disguise, no decoration,
    /// no word of letters and digits (default: `threshold`). Plain text needs more evidence.
    pub plain_threshold: Option<Spanned<f64>>,
    /// What is scored: `paragraph` (default) or `line`.
    pub unit: Option<Spanned<String>>,
    /// `normalized` (default) or `prose`: which text the model reads.
    pub view: Option<Spanned<String>>,
    /// Words one of which a unit needs to be scored at all, unless it holds a word of letters
    /// and digits or letters in disguise; empty: every unit is scored.
    pub prefilter: Vec<Spanned<String>>,
    /// Words that show a unit reports on the subject: it is left alone.
    pub unless: Vec<Spanned<String>>,
    /// How many signals the evidence names (default 4).
    pub max_signals: Option<usize>,
    /// Rules (ids or categories) that a paragraph is left to: a unit overlapping one of their
    /// findings is not reported.
    pub defer_to: Vec<String>,
    /// How findings are worded, per language: `message`, `score`, `signals`, `word`, `handle`,
    /// `separator`, and a name for each signal that spans the text (styled, spaced, marked,
    /// digit-letter, decoration).
    pub wording: wording::Tables,
}

#[derive(Debug)]
pub struct Classifier {
    model: Arc<LazyModel>,
    threshold: f64,
    plain_threshold: f64,
    by_line: bool,
    view: View,
    prefilter: PhraseSet,
    unless: PhraseSet,
    max_signals: usize,
    defer_to: Vec<String>,
    wording: Wording,
}

/// A model parsed the first time a document needs it (shipped models, which the test suite
/// checks), or at load (users' models, so that errors come with the rule).
#[derive(Debug)]
struct LazyModel {
    text: Cow<'static, str>,
    /// A shipped model's feature table built ahead, and the key of the text it must be of.
    table: Option<(u64, &'static [u8])>,
    scorer: OnceLock<Scorer>,
}

impl LazyModel {
    fn get(&self) -> &Scorer {
        // A shipped model that does not parse fails the test suite (its rule's examples); here
        // it flags nothing: a bias of minus infinity gives every text probability 0.
        self.scorer.get_or_init(|| {
            self.table
                .and_then(|(key, bytes)| Scorer::shipped(bytes, key))
                .or_else(|| Scorer::parse(&self.text).ok())
                .unwrap_or_else(|| Scorer::new(&Model { bias: f64::NEG_INFINITY, ..Model::default() }))
        })
    }
}

/// Reads a model file a rule names: a shipped data file for shipped rules, else a file beside
/// the rule file.
fn model_text(rel: &Spanned<String>, cx: &CompileCx<'_>) -> Result<(LazyModel, bool), LocatedError> {
    let at = rel.span().start;
    if let Some(rule_path) = cx.path.strip_prefix("builtin:") {
        let dir = std::path::Path::new(rule_path).parent().unwrap_or(std::path::Path::new(""));
        let path = dir.join(rel.get_ref()).to_string_lossy().replace('\\', "/");
        let text = crate::builtin::data(&path).ok_or_else(|| cx.error(at, format!("no shipped model file {path}")))?;
        let model =
            LazyModel { text: Cow::Borrowed(text), table: crate::builtin::table(&path), scorer: OnceLock::new() };
        return Ok((model, true));
    }
    let dir = std::path::Path::new(cx.path).parent().unwrap_or(std::path::Path::new("."));
    let path = dir.join(rel.get_ref());
    let text = std::fs::read_to_string(&path)
        .map_err(|e| cx.error(at, format!("cannot read the model file {}: {e}", path.display())))?;
    Ok((LazyModel { text: Cow::Owned(text), table: None, scorer: OnceLock::new() }, false))
}

impl Classifier {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<Classifier, LocatedError> {
        let Some(rel) = &s.model else {
            return Err(cx.error(
                settings_offset(cx),
                "a classifier rule needs `model` under [settings]: a model file trained with `factlint rules train`",
            ));
        };
        let (model, shipped) = model_text(rel, cx)?;
        let model = Arc::new(model);
        if !shipped {
            let parsed = Scorer::parse(&model.text).map_err(|(line, m)| {
                cx.error(rel.span().start, format!("the model file {}, line {line}: {m}", rel.get_ref()))
            })?;
            let _ = model.scorer.set(parsed);
        }
        let threshold = match &s.threshold {
            Some(t) if !(*t.get_ref() > 0.0 && *t.get_ref() < 1.0) => {
                return Err(cx.error(
                    t.span().start,
                    format!("threshold is a probability above 0 and below 1, not {}", t.get_ref()),
                ))
            }
            Some(t) => *t.get_ref(),
            None => 0.5,
        };
        let plain_threshold = match &s.plain_threshold {
            Some(t) if !(*t.get_ref() > 0.0 && *t.get_ref() < 1.0) => {
                return Err(cx.error(
                    t.span().start,
                    format!("plain_threshold is a probability above 0 and below 1, not {}", t.get_ref()),
                ))
            }
            Some(t) => *t.get_ref(),
            None => threshold,
        };
        let by_line = one_of(s.unit.as_ref(), "unit", &["paragraph", "line"], cx)? == Some("line");
        let view = match s.view {
            None => View::Normalized,
            Some(ref v) => View::from_setting(Some(v), cx)?,
        };
        let wording = Wording::compile(s.wording, ENTRIES, cx)?;
        Ok(Classifier {
            model,
            threshold,
            plain_threshold,
            by_line,
            view,
            prefilter: phrase_set(&s.prefilter, "prefilter", cx)?,
            unless: phrase_set(&s.unless, "unless", cx)?,
            max_signals: s.max_signals.unwrap_or(4).max(1),
            defer_to: s.defer_to,
            wording,
        })
    }

    /// The units of a text: paragraphs (or lines), without the white space around them.
    fn units(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let push = |r: Range<usize>, out: &mut Vec<Range<usize>>| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let body = s.trim();
            if !body.is_empty() {
                out.push(r.start + lead..r.start + lead + body.len());
            }
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\n' {
                // A blank line (only spaces between two line ends) ends a paragraph.
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if self.by_line || (j < bytes.len() && bytes[j] == b'\n') {
                    push(start..i, &mut out);
                    start = if self.by_line { i + 1 } else { j + 1 };
                    i = start;
                    continue;
                }
            }
            i += 1;
        }
        push(start..text.len(), &mut out);
        out
    }
}

/// True when a unit of the view may hold what the model looks for: a prefilter word, a word of
/// letters and digits, or letters in disguise.
fn may_hold(view: &NormalView, unit: &Range<usize>, hits: &[super::terms::PhraseMatch]) -> bool {
    any_within(hits, unit)
        || view.count(unit.clone(), Disguise::LETTERS) >= 2
        || words(&view.text()[unit.clone()]).any(|(_, w)| is_handle(w))
}

/// True when one of `matches` (sorted by start, overlapping ones included) lies inside `unit`.
fn any_inside(matches: &[super::terms::PhraseMatch], unit: &Range<usize>) -> bool {
    let i = matches.partition_point(|m| m.range.start < unit.start);
    matches[i..].iter().take_while(|m| m.range.start < unit.end).any(|m| m.range.end <= unit.end)
}

impl Check for Classifier {
    fn defers_to(&self) -> &[String] {
        &self.defer_to
    }

    fn warm_up(&self) -> Option<Box<dyn FnOnce() + Send>> {
        let model = self.model.clone();
        Some(Box::new(move || {
            model.get();
        }))
    }

    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let plain;
        let view = match self.view {
            View::Normalized => doc.normalized(),
            View::Prose => {
                plain = NormalView::verbatim(doc.text());
                &plain
            }
        };
        let text = view.text();
        let hits = if self.prefilter.is_empty() { Vec::new() } else { self.prefilter.find_all(text, Boundary::Word) };
        // A unit with a word of reporting is left alone whatever it scores, so it is not scored:
        // one search of the whole text finds those words, overlapping ones included, so that a
        // unit has one within it exactly when a search of the unit alone would find one.
        let reporting = self.unless.find_overlapping(text, Boundary::Word);
        let units = self.units(text);
        let candidates: Vec<&Range<usize>> = units
            .iter()
            .filter(|u| !any_inside(&reporting, u))
            .filter(|u| self.prefilter.is_empty() || may_hold(view, u, &hits))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let w = self.wording.in_lang(doc.lang);
        let scorer = self.model.get();
        for unit in candidates {
            let p = scorer.probability(view, unit.clone());
            if p < self.threshold.min(self.plain_threshold) {
                continue;
            }
            let dressed = view.disguise(unit.clone()).intersects(Disguise::LETTERS | Disguise::DECORATION)
                || words(&text[unit.clone()]).any(|(_, w)| is_handle(w));
            let threshold = if dressed { self.threshold } else { self.plain_threshold };
            if p < threshold {
                continue;
            }
            let score = scorer.score(view, unit.clone());
            let named: Vec<String> = score
                .signals
                .iter()
                .take(self.max_signals)
                .map(|s| {
                    let word = &text[s.word.clone()];
                    match s.signal {
                        Some("handle") if !s.word.is_empty() => w.fill("handle", &[("word", word)]),
                        Some(name) => w.text(name).to_string(),
                        None => w.fill("word", &[("word", word)]),
                    }
                })
                .collect();
            let signals = named.join(w.text("separator"));
            let pct = format!("{:.2}", score.probability);
            let threshold = format!("{threshold:.2}");
            let values = [("score", pct.as_str()), ("threshold", threshold.as_str()), ("signals", signals.as_str())];
            out.push(Finding {
                range: view.to_prose(unit.clone()),
                message: w.message(&values).unwrap_or_else(|| cx.rule.render_message(&values)),
                evidence: vec![w.fill("score", &values), w.fill("signals", &values)],
                ..Finding::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::TEXT_SIGNALS;

    #[test]
    fn every_signal_has_a_wording_entry() {
        for signal in TEXT_SIGNALS {
            assert!(ENTRIES.texts.contains(signal), "{signal} has no wording entry");
        }
    }
}
