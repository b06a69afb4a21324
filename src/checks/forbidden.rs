//! `forbidden`: words, phrases or patterns that must not appear, such as online-gambling spam
//! injected into a news page ("slot gacor hari ini", "data sgp terlengkap", "By gacor88", a
//! hidden link to a gambling site).
//!
//! Why: injected spam rides on a publication's reputation and search ranking; it must be found
//! before publishing, and without crying wolf over news that merely reports on the same subject
//! ("Polisi menangkap 12 tersangka judi online").
//!
//! How: `terms` (literal phrases, any case, whole words) and the rule's `[[pattern]]`s (an
//! optional `term` group narrows what is reported) find candidates in the prose, in the text of
//! links, or in link targets (`look_in`). A candidate is dropped when it lies in one of the
//! `exceptions`, stands in quotation marks (`skip_quoted`), lies in text a reader does or does
//! not see (`visibility`), or when its sentence or paragraph (`scope`) has one of the `unless`
//! words, lacks all the `only_with` words, or is not mostly made of the rule's matches
//! (`min_share`: a keyword line, not a sentence that mentions a keyword).
//!
//! Example: with `terms = ["data sgp"]`, `unless = ["polisi"]`, `min_share = 0.5`, the closing
//! line "data sgp terlengkap" is flagged, while "Polisi menyelidiki situs yang memuat data sgp."
//! stays clean.

use super::terms::{any_covering, any_within, Boundary, PhraseMatch, PhraseSet};
use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding, View};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::normalize::Disguise;
use crate::recognize::{is_quoted, word_starts, Segments};
use crate::source::LocatedError;
use crate::vocab::Lang;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

pub const INFO: KindInfo = KindInfo {
    name: "forbidden",
    required_groups: &[],
    optional_groups: &["term"],
    needs_patterns: false,
    reads_claims: false,
    message_values: &["term", "href"],
    groups_doc: "`term` (optional: narrows what is reported)",
    settings_doc: "`terms` (a trailing `*` matches any word ending), `exceptions`, `unless`, `only_with`, `scope` (sentence, paragraph, document), `min_share`, `visibility` (any, visible, hidden), `look_in` (text, link-text, link-href, link-host), `skip_quoted`, `view` (prose, normalized), `only_disguised`, `defer_to` (rules or categories whose overlapping findings win), `wording.LANG` (message and evidence per language; the shipped rules' when omitted)",
    compile: |_settings, cx| Ok(Box::new(Forbidden::compile(cx.spanned_settings()?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// `[settings]` of a forbidden rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Phrases to flag: any case, whole words; a trailing `*` matches any word ending.
    pub terms: Vec<Spanned<String>>,
    /// Phrases inside which a match is fine ("bandar udara" when flagging "bandar").
    pub exceptions: Vec<Spanned<String>>,
    /// Words that, anywhere in the match's scope, show it is fine (news words: "polisi").
    pub unless: Vec<Spanned<String>>,
    /// Words one of which must be in the scope for a match to count.
    pub only_with: Vec<Spanned<String>>,
    /// Where `unless`, `only_with` and `min_share` look: sentence (default), paragraph or document.
    pub scope: Option<Spanned<String>>,
    /// The least share of the scope's words that the rule's matches must cover, above 0 and at
    /// most 1 (prose only).
    pub min_share: Option<Spanned<f64>>,
    /// Which text counts: any (default), visible (what a reader sees) or hidden (what a page
    /// hides from readers with its markup).
    pub visibility: Option<Spanned<String>>,
    /// Where to look: text (the prose, default), link-text (only the text of links), link-href
    /// (whole link targets) or link-host (the host name of link targets, not the path); for the
    /// last two the finding is the link's text.
    pub look_in: Vec<Spanned<String>>,
    /// Matches in quotation marks are mentions, not uses: skip them.
    pub skip_quoted: bool,
    /// Which text the terms, patterns and context words are matched in: `prose` (as written,
    /// default) or `normalized` (styled and look-alike letters made plain, decoration skipped,
    /// spaced letters joined: see README). Findings point at the original text either way.
    pub view: Option<Spanned<String>>,
    /// Only matches written in disguise count: `true` for any disguise of letters, or a list of
    /// the disguises that count (styled, spaced, marked, digit-letter); needs
    /// `view = "normalized"`.
    pub only_disguised: Option<Spanned<OnlyDisguised>>,
    /// A match written in one of these disguises (as for `only_disguised`) needs no `only_with`
    /// word: the disguise is context enough.
    pub only_with_or_disguised: Option<Spanned<OnlyDisguised>>,
    /// Rules (ids or categories) that a text is left to: a match overlapping one of their
    /// findings is not reported.
    pub defer_to: Vec<String>,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a forbidden rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &["hidden", "link"],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

/// `only_disguised = true`, or the names of the disguises that count.
#[derive(Debug)]
pub enum OnlyDisguised {
    Any(bool),
    Named(Vec<String>),
}

impl<'de> Deserialize<'de> for OnlyDisguised {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = OnlyDisguised;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "true, false, or a list of disguises (\"styled\", \"spaced\", \"marked\", \"digit-letter\")",
                )
            }
            fn visit_bool<E>(self, v: bool) -> Result<OnlyDisguised, E> {
                Ok(OnlyDisguised::Any(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OnlyDisguised, A::Error> {
                let mut names = Vec::new();
                while let Some(n) = seq.next_element::<String>()? {
                    names.push(n);
                }
                Ok(OnlyDisguised::Named(names))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Sentence,
    Paragraph,
    Document,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Visibility {
    Any,
    Visible,
    Hidden,
}

impl Visibility {
    fn admits(self, hidden: bool) -> bool {
        match self {
            Visibility::Any => true,
            Visibility::Visible => !hidden,
            Visibility::Hidden => hidden,
        }
    }
}

#[derive(Debug)]
pub struct Forbidden {
    terms: PhraseSet,
    exceptions: PhraseSet,
    unless: PhraseSet,
    only_with: PhraseSet,
    scope: Scope,
    min_share: Option<f64>,
    visibility: Visibility,
    in_text: bool,
    in_link_text: bool,
    in_link_href: bool,
    in_link_host: bool,
    skip_quoted: bool,
    view: View,
    /// The disguises a match needs (none: any match counts).
    only_disguised: Disguise,
    /// The disguises that stand in for an `only_with` word.
    disguise_suffices: Disguise,
    defer_to: Vec<String>,
    wording: Wording,
}

/// The disguises a setting names: `true` (any disguise of letters), `false`, or a list.
fn disguises(value: Option<&Spanned<OnlyDisguised>>, key: &str, cx: &CompileCx<'_>) -> Result<Disguise, LocatedError> {
    let Some(o) = value else { return Ok(Disguise::NONE) };
    match o.get_ref() {
        OnlyDisguised::Any(true) => Ok(Disguise::LETTERS),
        OnlyDisguised::Any(false) => Ok(Disguise::NONE),
        OnlyDisguised::Named(names) => {
            let mut d = Disguise::NONE;
            for n in names {
                d |= Disguise::letters_named(n).ok_or_else(|| {
                    let known: Vec<&str> = Disguise::LETTER_NAMES.iter().map(|(n, _)| *n).collect();
                    cx.error(o.span().start, format!("{key} names {}, not {n:?}", known.join(", ")))
                })?;
            }
            Ok(d)
        }
    }
}

/// Compiles a settings list of phrases, pointing an error at the bad entry.
pub fn phrase_set(list: &[Spanned<String>], key: &str, cx: &CompileCx<'_>) -> Result<PhraseSet, LocatedError> {
    let words: Vec<&str> = list.iter().map(|s| s.get_ref().as_str()).collect();
    PhraseSet::new(&words)
        .map_err(|(i, m)| cx.error(list.get(i).map_or(0, |s| s.span().start), format!("in [settings] {key}: {m}")))
}

/// Where an error about the settings as a whole points: `[settings`, or `kind` without one.
pub fn settings_offset(cx: &CompileCx<'_>) -> usize {
    match cx.line_offset("[settings") {
        0 => cx.line_offset("kind"),
        at => at,
    }
}

/// Reads a setting that must be one of `allowed`.
pub fn one_of<'s>(
    value: Option<&'s Spanned<String>>,
    key: &str,
    allowed: &[&'s str],
    cx: &CompileCx<'_>,
) -> Result<Option<&'s str>, LocatedError> {
    let Some(v) = value else { return Ok(None) };
    if allowed.contains(&v.get_ref().as_str()) {
        Ok(Some(v.get_ref().as_str()))
    } else {
        Err(cx.error(v.span().start, format!("{key} is one of {}, not {:?}", allowed.join(", "), v.get_ref())))
    }
}

impl Forbidden {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<Forbidden, LocatedError> {
        if s.terms.is_empty() && cx.pattern_count() == 0 {
            return Err(cx.error(
                settings_offset(cx),
                "a forbidden rule needs `terms` under [settings] or at least one [[pattern]]: add what it must find",
            ));
        }
        let scope = match one_of(s.scope.as_ref(), "scope", &["sentence", "paragraph", "document"], cx)? {
            None | Some("sentence") => Scope::Sentence,
            Some("paragraph") => Scope::Paragraph,
            _ => Scope::Document,
        };
        let visibility = match one_of(s.visibility.as_ref(), "visibility", &["any", "visible", "hidden"], cx)? {
            None | Some("any") => Visibility::Any,
            Some("visible") => Visibility::Visible,
            _ => Visibility::Hidden,
        };
        let (mut in_text, mut in_link_text, mut in_link_href, mut in_link_host) =
            (s.look_in.is_empty(), false, false, false);
        for place in &s.look_in {
            match one_of(Some(place), "each entry of look_in", &["text", "link-text", "link-href", "link-host"], cx)? {
                Some("text") => in_text = true,
                Some("link-text") => in_link_text = true,
                Some("link-href") => in_link_href = true,
                _ => in_link_host = true,
            }
        }
        let min_share = match &s.min_share {
            Some(v) if !(*v.get_ref() > 0.0 && *v.get_ref() <= 1.0) => {
                return Err(cx.error(
                    v.span().start,
                    format!("min_share is a share of words above 0 and at most 1 (e.g. 0.5), not {}", v.get_ref()),
                ))
            }
            v => v.as_ref().map(|v| *v.get_ref()),
        };
        let view = View::from_setting(s.view.as_ref(), cx)?;
        let only_disguised = disguises(s.only_disguised.as_ref(), "only_disguised", cx)?;
        let disguise_suffices = disguises(s.only_with_or_disguised.as_ref(), "only_with_or_disguised", cx)?;
        for (set, key) in [(only_disguised, "only_disguised"), (disguise_suffices, "only_with_or_disguised")] {
            if !set.is_empty() && view != View::Normalized {
                return Err(cx.error(
                    settings_offset(cx),
                    format!("{key} reads how the text is written, which only the normalised view knows: add view = \"normalized\""),
                ));
            }
        }
        let wording = Wording::compile(s.wording, ENTRIES, cx)?;
        Ok(Forbidden {
            wording,
            view,
            only_disguised,
            disguise_suffices,
            defer_to: s.defer_to,
            terms: phrase_set(&s.terms, "terms", cx)?,
            exceptions: phrase_set(&s.exceptions, "exceptions", cx)?,
            unless: phrase_set(&s.unless, "unless", cx)?,
            only_with: phrase_set(&s.only_with, "only_with", cx)?,
            scope,
            min_share,
            visibility,
            in_text,
            in_link_text,
            in_link_href,
            in_link_host,
            skip_quoted: s.skip_quoted,
        })
    }

    fn scope_of(&self, segments: &Segments, text: &str, range: Range<usize>) -> Range<usize> {
        match self.scope {
            Scope::Sentence => segments.sentence(text, range),
            Scope::Paragraph => segments.paragraph(text, range),
            Scope::Document => 0..text.len(),
        }
    }

    /// The matches of the terms and patterns in `hay`, overlapping ones joined into one
    /// ("daftar slot" + "slot gacor maxwin" -> "daftar slot gacor maxwin"), in text order.
    fn matches(&self, hay: &str, cx: &CheckCx<'_>, doc: &Document<'_>, boundary: Boundary) -> Vec<PhraseMatch> {
        let mut all = self.terms.find_overlapping(hay, boundary);
        for re in cx.rule.patterns_in(doc.lang, hay) {
            for caps in re.captures_iter(hay) {
                let m = caps.name("term").or_else(|| caps.get(0)).expect("group 0");
                if !m.is_empty() {
                    all.push(PhraseMatch { range: m.range(), phrase: usize::MAX });
                }
            }
        }
        all.sort_by_key(|m| m.range.start);
        let mut out: Vec<PhraseMatch> = Vec::with_capacity(all.len());
        for m in all {
            match out.last_mut() {
                Some(last) if m.range.start < last.range.end => last.range.end = last.range.end.max(m.range.end),
                _ => out.push(m),
            }
        }
        out
    }

    /// True when the words of the scope let a match stand.
    /// True when the scope's words let a match count: no `unless` word, and an `only_with`
    /// word unless the match is `dressed` in a disguise that stands in for one.
    fn context_allows(
        &self,
        scope: &Range<usize>,
        unless: &[PhraseMatch],
        only: &[PhraseMatch],
        dressed: bool,
    ) -> bool {
        if any_within(unless, scope) {
            return false;
        }
        self.only_with.is_empty() || dressed || any_within(only, scope)
    }

    /// True when the rule's matches cover at least `min_share` of the words of the scope.
    fn share_allows(&self, words: &Words, scope: &Range<usize>) -> bool {
        let Some(min) = self.min_share else { return true };
        let lo = words.starts.partition_point(|&w| w < scope.start);
        let hi = words.starts.partition_point(|&w| w < scope.end);
        hi == lo || (words.covered[hi] - words.covered[lo]) as f64 >= min * (hi - lo) as f64
    }
}

/// The words of a text, and how many of the first n are covered by a rule's matches.
struct Words {
    starts: Vec<usize>,
    /// `covered[n]`: how many of the first n words lie in a match.
    covered: Vec<usize>,
}

impl Words {
    /// `matches` sorted and not overlapping.
    fn new(text: &str, matches: &[PhraseMatch]) -> Words {
        let starts = word_starts(text, 0..text.len());
        let mut covered = Vec::with_capacity(starts.len() + 1);
        covered.push(0);
        let mut m = matches.iter().peekable();
        for &w in &starts {
            while m.peek().is_some_and(|m| m.range.end <= w) {
                m.next();
            }
            let inside = m.peek().is_some_and(|m| m.range.start <= w);
            covered.push(covered.last().copied().unwrap_or(0) + usize::from(inside));
        }
        Words { starts, covered }
    }
}

/// The host name of a link target ("https://user@www.gacor88.com:8080/x" -> "www.gacor88.com");
/// empty for a relative link, which stays on the page's own site.
pub fn host(href: &str) -> &str {
    let href = href.trim();
    let rest = match href.find("://") {
        Some(i) if href[..i].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) => {
            &href[i + 3..]
        }
        _ => match href.strip_prefix("//") {
            Some(r) => r,
            None => return "",
        },
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    &host[..host.find(':').unwrap_or(host.len())]
}

impl Forbidden {
    /// The message in the document's language: the wording's, or the rule's.
    fn message(&self, lang: Lang, cx: &CheckCx<'_>, values: &[(&str, &str)]) -> String {
        self.wording.message(lang, values).unwrap_or_else(|| cx.rule.render_message(values))
    }
}

impl Check for Forbidden {
    fn defers_to(&self) -> &[String] {
        &self.defer_to
    }

    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let prose = doc.prose;
        // A rule for hidden text has nothing to look at on a page that hides nothing.
        if self.visibility == Visibility::Hidden && prose.hidden.is_empty() && !prose.links.iter().any(|l| l.hidden) {
            return;
        }
        let view = (self.view == View::Normalized).then(|| doc.normalized());
        let text = view.map_or(doc.text(), |v| v.text());
        let to_prose = |r: &Range<usize>| view.map_or(r.clone(), |v| v.to_prose(r.clone()));
        let from_prose = |r: &Range<usize>| view.map_or(r.clone(), |v| v.from_prose(r.clone()));
        // Most documents hold none of the terms: find them first, and read the context (context
        // words, sentences, exceptions) only when there is something to judge.
        let all =
            if self.in_text || self.in_link_text { self.matches(text, cx, doc, Boundary::Word) } else { Vec::new() };
        if all.is_empty() && !((self.in_link_href || self.in_link_host) && !prose.links.is_empty()) {
            return;
        }
        // The context is read once, and only when a match needs judging (most links match no
        // term).
        let context = std::cell::OnceCell::new();
        let context = || {
            context.get_or_init(|| {
                (
                    self.unless.find_all(text, Boundary::Word),
                    self.only_with.find_all(text, Boundary::Word),
                    Segments::new(text),
                )
            })
        };
        let mut reported: Vec<Range<usize>> = Vec::new();
        let (w, lang) = (&self.wording, doc.lang);
        let hidden_note = w.text(lang, "hidden");

        if !all.is_empty() {
            let exceptions = self.exceptions.find_all(text, Boundary::Word);
            let words = if self.min_share.is_some() { Words::new(text, &all) } else { Words::new("", &[]) };
            for m in &all {
                let r = m.range.clone();
                let pr = to_prose(&r);
                if !self.in_text && !prose.links.iter().any(|l| l.text.start <= pr.start && pr.end <= l.text.end) {
                    continue;
                }
                if !self.only_disguised.is_empty()
                    && !view.is_some_and(|v| v.disguise(r.clone()).intersects(self.only_disguised))
                {
                    continue;
                }
                let hidden = prose.is_hidden(pr.clone());
                if !self.visibility.admits(hidden)
                    || any_covering(&exceptions, &r)
                    || (self.skip_quoted && is_quoted(text, r.clone()))
                {
                    continue;
                }
                let (unless, only, segments) = context();
                let scope = self.scope_of(segments, text, r.clone());
                let dressed = !self.disguise_suffices.is_empty()
                    && view.is_some_and(|v| v.disguise(r.clone()).intersects(self.disguise_suffices));
                if !self.context_allows(&scope, unless, only, dressed) || !self.share_allows(&words, &scope) {
                    continue;
                }
                let term = &text[r.clone()];
                let mut evidence = Vec::new();
                if hidden {
                    evidence.push(hidden_note.to_string());
                }
                out.push(Finding {
                    range: pr.clone(),
                    message: self.message(lang, cx, &[("term", term), ("href", "")]),
                    evidence,
                    ..Finding::default()
                });
                reported.push(pr);
            }
        }

        if self.in_link_href || self.in_link_host {
            for link in &prose.links {
                let r = link.text.clone();
                if r.is_empty() || !self.visibility.admits(link.hidden) {
                    continue;
                }
                let target = if self.in_link_href { link.href.as_str() } else { host(&link.href) };
                let exceptions = self.exceptions.find_all(target, Boundary::Letter);
                let Some(m) = self
                    .matches(target, cx, doc, Boundary::Letter)
                    .into_iter()
                    .find(|m| !any_covering(&exceptions, &m.range))
                else {
                    continue;
                };
                if reported.iter().any(|p| p.start < r.end && r.start < p.end) {
                    continue;
                }
                let (unless, only, segments) = context();
                if !self.context_allows(&self.scope_of(segments, text, from_prose(&r)), unless, only, false) {
                    continue;
                }
                let term = &target[m.range];
                let mut evidence = vec![w.fill(lang, "link", &[("href", &link.href)])];
                if link.hidden {
                    evidence.push(hidden_note.to_string());
                }
                out.push(Finding {
                    range: r.clone(),
                    message: self.message(lang, cx, &[("term", term), ("href", &link.href)]),
                    evidence,
                    ..Finding::default()
                });
                reported.push(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts() {
        assert_eq!(host("https://user@www.gacor88.com:8080/x?y"), "www.gacor88.com");
        assert_eq!(host("//slot88.net/"), "slot88.net");
        assert_eq!(host("/read/2024/polisi-tangkap-bandar-togel"), "");
        assert_eq!(host("mailto:x@gacor88.com"), "");
        assert_eq!(host("HTTP://Togel.XYZ"), "Togel.XYZ");
    }
}
