//! `preferred-term`: a word or name the house style spells another way, with the preferred form
//! as a suggestion that keeps the original's capitalisation ("Cina" -> "Tiongkok", "resiko" ->
//! "risiko", "RESIKO" -> "RISIKO"). With `variants`, the preferred form is the document's own:
//! the form it uses most ("Kyiv" ten times, "Kiev" once -> "Kiev" is flagged).
//!
//! Why: a news desk writes names and words one way (an Indonesian desk follows KBBI and the
//! government's "Tiongkok"), and a reader who meets two spellings of one name in an article
//! wonders whether they are two things.
//!
//! How: every `avoid` phrase and every variant form is found at once (any case, whole words).
//! A match inside one of its entry's `exceptions`, the rule's `exceptions`, or the preferred form
//! itself is fine ("Laut Cina Selatan", "bebek Peking"); so is a match in quotation marks when
//! `skip_quoted` is set, and, for entries with `skip_names`, a match inside a longer capitalised
//! name ("China Daily", "Bank of China"). Longer phrases win over shorter ones, so "etnis Cina"
//! -> "etnis Tionghoa" can stand beside "Cina" -> "Tiongkok".
//!
//! Example: `[[settings.term]] preferred = "risiko"`, `avoid = ["resiko"]` flags "Resiko" in
//! "Resiko banjir meningkat." and suggests "Risiko".

use super::forbidden::{phrase_set, settings_offset};
use super::terms::{normalize, Boundary, PhraseMatch, PhraseSet};
use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::recognize::{in_longer_name, is_quoted};
use crate::source::LocatedError;
use crate::vocab::words::keep_case;
use crate::vocab::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

pub const INFO: KindInfo = KindInfo {
    name: "preferred-term",
    required_groups: &[],
    optional_groups: &[],
    needs_patterns: false,
    reads_claims: false,
    message_values: &["term", "preferred"],
    groups_doc: "none",
    settings_doc: "`[[settings.term]]` (`preferred`, `avoid`, `exceptions`, `note`, `skip_names`), `[settings.pairs]` (`wrong = \"right\"`), `[[settings.variants]]` (spellings of one name; the document's most-used wins), `exceptions`, `skip_quoted`, `wording.LANG` (message, evidence and label per language; the shipped rules' when omitted)",
    compile: |_settings, cx| Ok(Box::new(PreferredTerm::compile(cx.spanned_settings()?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// `[settings]` of a preferred-term rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// `[[settings.term]]`: a preferred form and the forms to avoid.
    #[serde(rename = "term")]
    pub terms: Vec<Spanned<TermSpec>>,
    /// `[settings.pairs]`: a compact list of entries without exceptions or notes, each
    /// `avoid = "preferred"` (`praktek = "praktik"`).
    pub pairs: BTreeMap<String, Spanned<String>>,
    /// `[[settings.variants]]`: forms of one name; the document's most used form is preferred.
    pub variants: Vec<Spanned<VariantSpec>>,
    /// Phrases inside which no form is flagged.
    pub exceptions: Vec<Spanned<String>>,
    /// Forms in quotation marks are mentions, not uses: skip them.
    pub skip_quoted: bool,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a preferred-term rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &["counts", "here", "once", "twice", "times"],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub preferred: Spanned<String>,
    pub avoid: Vec<Spanned<String>>,
    /// Phrases inside which this entry's forms are fine.
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// Why, shown with the finding.
    pub note: Option<String>,
    /// Leave a form alone where it is part of a longer capitalised name ("China Daily", "Bank
    /// of China", "Laut China Selatan").
    #[serde(default)]
    pub skip_names: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    pub forms: Vec<Spanned<String>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    pub note: Option<String>,
    /// As for a term.
    #[serde(default)]
    pub skip_names: bool,
}

#[derive(Debug)]
struct Entry {
    /// For a term: the preferred form; for variants: every form, as written.
    forms: Vec<String>,
    variants: bool,
    note: Option<String>,
    skip_names: bool,
}

#[derive(Debug)]
pub struct PreferredTerm {
    entries: Vec<Entry>,
    phrases: PhraseSet,
    /// Per phrase: its entry, and for variants which form it is.
    phrase_owner: Vec<(usize, usize)>,
    exceptions: PhraseSet,
    /// Per exception: the entry it belongs to (None: every entry).
    exception_owner: Vec<Option<usize>>,
    skip_quoted: bool,
    wording: Wording,
}

impl PreferredTerm {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<PreferredTerm, LocatedError> {
        if cx.pattern_count() > 0 {
            return Err(cx.error(
                cx.line_offset("[[pattern]]"),
                "a preferred-term rule takes no [[pattern]]: list the forms under [[settings.term]] or [[settings.variants]]",
            ));
        }
        if s.terms.is_empty() && s.variants.is_empty() && s.pairs.is_empty() {
            return Err(cx.error(
                settings_offset(cx),
                "a preferred-term rule needs [[settings.term]] (preferred = \"...\", avoid = [\"...\"]), [settings.pairs] (avoid = \"preferred\") or [[settings.variants]] (forms = [...])",
            ));
        }
        let mut entries = Vec::new();
        let mut phrases: Vec<Spanned<String>> = Vec::new();
        let mut phrase_owner = Vec::new();
        let mut exceptions: Vec<Spanned<String>> = s.exceptions.clone();
        let mut exception_owner: Vec<Option<usize>> = vec![None; s.exceptions.len()];
        // A form to flag may belong to one entry only, or a match could not say what to prefer;
        // and no entry may flag what another prefers. Several entries may prefer one form.
        let mut owner_of: HashMap<String, String> = HashMap::new();
        let mut preferred_forms: HashMap<String, String> = HashMap::new();
        let key_of = |form: &Spanned<String>| -> Result<String, LocatedError> {
            Ok(normalize(form.get_ref())
                .map_err(|m| cx.error(form.span().start, format!("in [settings]: {m}")))?
                .0
                .to_lowercase())
        };
        let mut claim = |form: &Spanned<String>, entry_name: &str, flagged: bool| -> Result<(), LocatedError> {
            let key = key_of(form)?;
            if let Some(prev) = owner_of.get(&key) {
                return Err(cx.error(
                    form.span().start,
                    format!("{:?} is already flagged by the entry for {prev:?}: list each form once", form.get_ref()),
                ));
            }
            if let Some(prev) = preferred_forms.get(&key).filter(|_| flagged) {
                return Err(cx.error(
                    form.span().start,
                    format!(
                        "{:?} is the preferred form of the entry for {prev:?}: a form cannot be both flagged and preferred",
                        form.get_ref()
                    ),
                ));
            }
            if flagged {
                owner_of.insert(key, entry_name.to_string());
            } else {
                preferred_forms.insert(key, entry_name.to_string());
            }
            Ok(())
        };
        // A pair is a term entry in short: its key becomes a spanned `avoid` at its value.
        let pair_terms: Vec<TermSpec> = s
            .pairs
            .iter()
            .map(|(avoid, preferred)| TermSpec {
                preferred: preferred.clone(),
                avoid: vec![Spanned::new(preferred.span(), avoid.clone())],
                exceptions: Vec::new(),
                note: None,
                skip_names: false,
            })
            .collect();
        for t in s.terms.iter().map(|t| t.get_ref()).chain(&pair_terms) {
            let i = entries.len();
            if t.avoid.is_empty() {
                return Err(cx.error(
                    t.preferred.span().start,
                    format!("the entry for {:?} needs `avoid = [...]`: the forms to flag", t.preferred.get_ref()),
                ));
            }
            claim(&t.preferred, t.preferred.get_ref(), false)?;
            for a in &t.avoid {
                if a.get_ref().trim().eq_ignore_ascii_case(t.preferred.get_ref().trim()) {
                    return Err(cx.error(
                        a.span().start,
                        format!("{:?} is its own preferred form: remove the entry", a.get_ref()),
                    ));
                }
                claim(a, t.preferred.get_ref(), true)?;
                phrases.push(a.clone());
                phrase_owner.push((i, 0));
            }
            // The preferred form itself is never a misspelling of itself ("wali kota" vs "wali").
            exceptions.push(t.preferred.clone());
            exception_owner.push(Some(i));
            for e in &t.exceptions {
                exceptions.push(e.clone());
                exception_owner.push(Some(i));
            }
            entries.push(Entry {
                forms: vec![t.preferred.get_ref().trim().to_string()],
                variants: false,
                note: t.note.clone(),
                skip_names: t.skip_names,
            });
        }
        for v in &s.variants {
            let span = v.span().start;
            let v = v.get_ref();
            let i = entries.len();
            if v.forms.len() < 2 {
                let at = v.forms.first().map_or(span, |f| f.span().start);
                return Err(cx.error(at, "a [[settings.variants]] entry needs at least two forms"));
            }
            let name = v.forms[0].get_ref().clone();
            for (k, f) in v.forms.iter().enumerate() {
                claim(f, &name, true)?;
                phrases.push(f.clone());
                phrase_owner.push((i, k));
            }
            for e in &v.exceptions {
                exceptions.push(e.clone());
                exception_owner.push(Some(i));
            }
            entries.push(Entry {
                forms: v.forms.iter().map(|f| f.get_ref().trim().to_string()).collect(),
                variants: true,
                note: v.note.clone(),
                skip_names: v.skip_names,
            });
        }
        Ok(PreferredTerm {
            entries,
            phrases: phrase_set(&phrases, "term", cx)?,
            phrase_owner,
            exceptions: phrase_set(&exceptions, "exceptions", cx)?,
            exception_owner,
            skip_quoted: s.skip_quoted,
            wording: Wording::compile(s.wording, ENTRIES, cx)?,
        })
    }

    fn excepted(&self, exceptions: &[PhraseMatch], m: &PhraseMatch, entry: usize) -> bool {
        // Exception matches do not overlap each other, so at most one can cover the match.
        let i = exceptions.partition_point(|e| e.range.start <= m.range.start);
        i > 0 && {
            let e = &exceptions[i - 1];
            e.range.end >= m.range.end && self.exception_owner[e.phrase].is_none_or(|o| o == entry)
        }
    }
}

/// How often a form is written, in the document's language: "once", "twice", "3 times".
fn times(w: &Wording, lang: Lang, n: usize) -> String {
    match n {
        1 => w.text(lang, "once").to_string(),
        2 => w.text(lang, "twice").to_string(),
        n => w.fill(lang, "times", &[("count", &n.to_string())]),
    }
}

impl PreferredTerm {
    /// The message in the document's language: the wording's, or the rule's.
    fn message(&self, lang: Lang, cx: &CheckCx<'_>, values: &[(&str, &str)]) -> String {
        self.wording.message(lang, values).unwrap_or_else(|| cx.rule.render_message(values))
    }
}

impl Check for PreferredTerm {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let found = self.phrases.find_all(text, Boundary::Word);
        if found.is_empty() {
            return;
        }
        let exceptions = self.exceptions.find_all(text, Boundary::Word);
        // Variant uses by entry: (form, match) in text order.
        let mut uses: HashMap<usize, Vec<(usize, PhraseMatch)>> = HashMap::new();
        for m in found {
            let (entry, form) = self.phrase_owner[m.phrase];
            let e = &self.entries[entry];
            if self.excepted(&exceptions, &m, entry)
                || (self.skip_quoted && is_quoted(text, m.range.clone()))
                || (e.skip_names && in_longer_name(text, m.range.clone()))
            {
                continue;
            }
            if e.variants {
                uses.entry(entry).or_default().push((form, m));
                continue;
            }
            let term = &text[m.range.clone()];
            let preferred = keep_case(term, &e.forms[0]);
            out.push(Finding {
                range: m.range.clone(),
                message: self.message(doc.lang, cx, &[("term", term), ("preferred", &preferred)]),
                evidence: e.note.iter().cloned().collect(),
                suggestion: Some(preferred),
                ..Finding::default()
            });
        }
        let mut entries: Vec<_> = uses.into_iter().collect();
        entries.sort_by_key(|(entry, _)| *entry);
        for (entry, list) in entries {
            let e = &self.entries[entry];
            let mut counts = vec![0usize; e.forms.len()];
            for (form, _) in &list {
                counts[*form] += 1;
            }
            if counts.iter().filter(|c| **c > 0).count() < 2 {
                continue;
            }
            // The document's form: the most used; on a tie, the first used.
            let first_use = |f: usize| list.iter().position(|(g, _)| *g == f).unwrap_or(usize::MAX);
            let chosen = (0..e.forms.len())
                .filter(|f| counts[*f] > 0)
                .max_by(|a, b| counts[*a].cmp(&counts[*b]).then(first_use(*b).cmp(&first_use(*a))))
                .expect("two forms are used");
            let (_, anchor) = &list[first_use(chosen)];
            let chosen_text = &text[anchor.range.clone()];
            for (form, m) in &list {
                if *form == chosen {
                    continue;
                }
                let term = &text[m.range.clone()];
                let preferred = keep_case(term, &e.forms[chosen]);
                let (w, lang) = (&self.wording, doc.lang);
                let mut evidence = vec![w.fill(
                    lang,
                    "counts",
                    &[
                        ("chosen", chosen_text),
                        ("chosen_times", &times(w, lang, counts[chosen])),
                        ("term", term),
                        ("term_times", &times(w, lang, counts[*form])),
                    ],
                )];
                evidence.extend(e.note.iter().cloned());
                let values = [("term", term), ("preferred", preferred.as_str())];
                out.push(Finding {
                    range: m.range.clone(),
                    message: self.message(lang, cx, &values),
                    evidence,
                    suggestion: Some(preferred.clone()),
                    labels: vec![(anchor.range.clone(), w.fill(lang, "here", &[("chosen", chosen_text)]))],
                    ..Finding::default()
                });
            }
        }
    }
}
