//! Claims: what a document asserts, read from the mentions [`crate::recognize`] finds and from
//! rules' patterns, for the checks ([`crate::checks`]) to judge. The [`Document`] is the one
//! value every claim reader and every check shares, with what is read once per document (the
//! pattern matches, the place claims, the normalised view); [`first_claims`] is the one capture
//! loop of the pattern-driven claim readers, and [`captures_restarting`] the one search of those
//! that read chains.

pub mod place;

use crate::knowledge::Knowledge;
use crate::lexicon::Lexicons;
use crate::markup::Prose;
use crate::vocab::Lang;
use regex::{Captures, Regex};
use std::ops::Range;

/// A document as claims are read from it and checks see it.
#[derive(Debug)]
pub struct Document<'a> {
    pub path: &'a str,
    pub prose: &'a Prose,
    pub lang: Lang,
    /// The document's own date (front matter, dateline or --date).
    pub date: Option<chrono::NaiveDate>,
    /// Pattern matches already found in this document, for rules that share a pattern.
    pub matches: MatchCache,
    /// The place claims read off this document's place mentions, for every kind that reads
    /// them (located-in, consistency): read once.
    pub place_claims: std::cell::OnceCell<std::rc::Rc<Vec<place::PlaceClaim>>>,
    /// The normalised view of the prose, built the first time a rule reads it.
    pub normal: std::sync::OnceLock<crate::normalize::NormalView>,
}

impl Document<'_> {
    pub fn text(&self) -> &str {
        self.prose.text()
    }

    /// The prose as a reader reads it, styled and look-alike letters made plain
    /// ([`crate::normalize`]); shared by every rule that reads it.
    pub fn normalized(&self) -> &crate::normalize::NormalView {
        self.normal.get_or_init(|| crate::normalize::NormalView::new(self.prose.text()))
    }
}

/// What claim readers consult besides the document.
#[derive(Clone, Copy, Debug)]
pub struct ReadCx<'a> {
    pub knowledge: &'a Knowledge,
    pub lexicons: &'a Lexicons,
}

/// The named groups of one match: (name, byte range) for each group that took part.
pub type GroupRanges = Vec<(&'static str, std::ops::Range<usize>)>;

/// Matches of a pattern in one document, kept so that two rules that read the same claims
/// (located-in and consistency both read "City, Region") search the text once.
#[derive(Debug, Default)]
pub struct MatchCache {
    found: std::cell::RefCell<Vec<(usize, std::rc::Rc<Vec<GroupRanges>>)>>,
}

impl MatchCache {
    /// The matches of `re` in `text` from `read` (which does the searching), computed once.
    pub fn get_or_find(
        &self,
        re: &regex::Regex,
        read: impl FnOnce() -> Vec<GroupRanges>,
    ) -> std::rc::Rc<Vec<GroupRanges>> {
        // The compiled pattern lives as long as the rule set, so its address names it.
        let key = re as *const regex::Regex as usize;
        if let Some((_, m)) = self.found.borrow().iter().find(|(k, _)| *k == key) {
            return m.clone();
        }
        let m = std::rc::Rc::new(read());
        self.found.borrow_mut().push((key, m.clone()));
        m
    }
}

/// The claims `read` takes from every match of `patterns` in `text`, first come first served:
/// a claim whose span (`span`) overlaps one kept already is passed over, and `keep` decides
/// whether a claim is kept (a check keeps the claims it reports, or every claim it reads).
/// Patterns are taken in order, matches left to right.
pub fn first_claims<'p, T>(
    patterns: impl IntoIterator<Item = &'p Regex>,
    text: &str,
    mut read: impl FnMut(&Captures<'_>) -> Option<T>,
    span: impl Fn(&T) -> Range<usize>,
    mut keep: impl FnMut(T) -> bool,
) {
    let mut kept: Vec<Range<usize>> = Vec::new();
    for re in patterns {
        for caps in re.captures_iter(text) {
            let Some(claim) = read(&caps) else { continue };
            let at = span(&claim);
            if kept.iter().any(|k| k.start < at.end && at.start < k.end) {
                continue;
            }
            if keep(claim) {
                kept.push(at);
            }
        }
    }
}

/// Every match of `re` in `text`, searching again from inside each match, so that a chain ("A,
/// B, C") or a title that holds the next claim's name is read too: `visit` reads a match and
/// says where the next search starts (at least one past the match's start), or None to stop.
pub fn captures_restarting(re: &Regex, text: &str, mut visit: impl FnMut(&Captures<'_>) -> Option<usize>) {
    let mut pos = 0;
    while pos < text.len() {
        let Some(caps) = re.captures_at(text, pos) else { break };
        let start = caps.get(0).map_or(pos, |m| m.start());
        let Some(next) = visit(&caps) else { break };
        let mut next = next.max(pos + 1).max(start + 1);
        while next < text.len() && !text.is_char_boundary(next) {
            next += 1;
        }
        pos = next;
    }
}
