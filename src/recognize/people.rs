//! People, offices and what a sentence says a figure is about: lookups of the record's name
//! index (persons, titles, qualifiers, fact subjects and measure words) and of the gazetteer at
//! positions in the text. Names are matched folded (case, diacritics, hyphens), longest first,
//! and a possessive ending ("Indonesia's", "Huawei’s") does not hide a name.

use super::{floor_boundary, word_starts};
use crate::knowledge::gazetteer::{PlaceKind, Posting};
use crate::knowledge::records::{OfficeId, PersonId, Phrase};
use crate::knowledge::{Knowledge, PlaceId};
use crate::vocab::words::{possessive_cut, possessive_suffix_len};
use std::ops::Range;

/// How far a name may reach from where it starts, in bytes.
const WINDOW: usize = 200;

/// How far a possessive ending may stand from where a name starts, in bytes.
const POSSESSIVE_REACH: usize = 80;

/// Calls `walk` on the window of text at `start` (and again on the window cut before a
/// possessive ending), returning every match as (absolute end, value), shortest first.
fn walk_at<T: Clone>(
    text: &str,
    start: usize,
    limit: usize,
    walk: impl Fn(&str) -> Vec<(usize, T)>,
) -> Vec<(usize, T)> {
    let end = floor_boundary(text, limit.min(start + WINDOW).min(text.len()));
    if end <= start {
        return Vec::new();
    }
    let window = &text[start..end];
    let mut found: Vec<(usize, T)> = walk(window).into_iter().map(|(e, v)| (start + e, v)).collect();
    // A possessive can only end a name near the start of the window.
    let near = floor_boundary(window, POSSESSIVE_REACH);
    let has_apostrophe = window.as_bytes()[..near].iter().any(|&b| b == b'\'' || b == 0xE2);
    if let Some(cut) = has_apostrophe.then(|| possessive_cut(&window[..near])).flatten() {
        if !found.iter().any(|(e, _)| *e == start + cut) {
            found.extend(walk(&window[..cut]).into_iter().filter(|(e, _)| *e == cut).map(|(e, v)| (start + e, v)));
        }
    }
    found.sort_by_key(|(e, _)| *e);
    found
}

/// Record phrases starting at `start` and ending by `limit`, shortest first.
pub fn record_phrases_at(kb: &Knowledge, text: &str, start: usize, limit: usize) -> Vec<(usize, Vec<Phrase>)> {
    walk_at(text, start, limit, |w| kb.records().prefixes(w).into_iter().map(|(e, p)| (e, p.to_vec())).collect())
}

/// Place names starting at `start` and ending by `limit`, shortest first.
pub fn places_at(kb: &Knowledge, text: &str, start: usize, limit: usize) -> Vec<(usize, Vec<Posting>)> {
    walk_at(text, start, limit, |w| kb.prefixes(w))
}

/// A known person's name in the text. More than one person when several share the name.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMatch {
    pub range: Range<usize>,
    pub persons: Vec<PersonId>,
}

/// A known title in the text and the offices that bear it.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleMatch {
    pub range: Range<usize>,
    pub offices: Vec<OfficeId>,
}

/// A word next to a title that names an organisation or country: the offices it names, and
/// the countries or regions it may be.
#[derive(Clone, Debug, PartialEq)]
pub struct QualifierMatch {
    pub range: Range<usize>,
    pub offices: Vec<OfficeId>,
    pub places: Vec<PlaceId>,
}

impl QualifierMatch {
    /// True when the qualifier names this office's organisation or country.
    pub fn qualifies(&self, kb: &Knowledge, office: OfficeId) -> bool {
        self.offices.contains(&office) || kb.records().office(office).country.is_some_and(|c| self.places.contains(&c))
    }
}

fn persons_in(phrases: &[Phrase]) -> Vec<PersonId> {
    phrases.iter().filter_map(|p| if let Phrase::Person(id) = p { Some(*id) } else { None }).collect()
}

/// True when a capitalised word follows `end` on the same line after spaces: the name goes on
/// ("Agus Gumiwang" in "Agus Gumiwang Susanto").
fn name_continues(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    trimmed.len() < rest.len() && trimmed.starts_with(|c: char| c.is_uppercase())
}

/// The longest known person name that starts at `pos` and does not run on into another
/// capitalised word.
pub fn person_starting_at(kb: &Knowledge, text: &str, pos: usize) -> Option<PersonMatch> {
    let found = record_phrases_at(kb, text, pos, text.len());
    let (end, persons) =
        found.into_iter().rev().map(|(e, p)| (e, persons_in(&p))).find(|(_, persons)| !persons.is_empty())?;
    if name_continues(text, end) {
        return None;
    }
    Some(PersonMatch { range: pos..end, persons })
}

/// The longest known person name that ends exactly at `range.end` and starts at a word start
/// inside `range`.
pub fn person_ending_at(kb: &Knowledge, text: &str, range: Range<usize>) -> Option<PersonMatch> {
    let from = floor_boundary(text, range.start.max(range.end.saturating_sub(WINDOW)));
    for start in word_starts(text, from.max(range.start)..range.end) {
        for (end, phrases) in record_phrases_at(kb, text, start, range.end) {
            let persons = persons_in(&phrases);
            if end == range.end && !persons.is_empty() {
                return Some(PersonMatch { range: start..end, persons });
            }
        }
    }
    None
}

/// The longest known title that starts at `pos` (any language: copy quotes English titles in
/// Indonesian text), ending by `limit`.
pub fn title_starting_at(kb: &Knowledge, text: &str, pos: usize, limit: usize) -> Option<TitleMatch> {
    record_phrases_at(kb, text, pos, limit).into_iter().rev().find_map(|(end, phrases)| {
        let offices: Vec<OfficeId> =
            phrases.iter().filter_map(|p| if let Phrase::Title(o) = p { Some(*o) } else { None }).collect();
        (!offices.is_empty()).then_some(TitleMatch { range: pos..end, offices })
    })
}

/// The countries and regions among a name's places.
fn divisions(kb: &Knowledge, postings: &[Posting]) -> Vec<PlaceId> {
    postings
        .iter()
        .map(|p| p.place)
        .filter(|&p| matches!(kb.place(p).kind, PlaceKind::Country | PlaceKind::Region))
        .collect()
}

/// The qualifier with the longest name starting at `pos`: an office's organisation or
/// qualifier words, or the name of a country or region.
pub fn qualifier_starting_at(kb: &Knowledge, text: &str, pos: usize, limit: usize) -> Option<QualifierMatch> {
    let mut best: Option<QualifierMatch> = None;
    let mut consider = |end: usize, offices: Vec<OfficeId>, places: Vec<PlaceId>| {
        if offices.is_empty() && places.is_empty() {
            return;
        }
        match &mut best {
            Some(b) if b.range.end == end => {
                b.offices.extend(offices);
                b.places.extend(places);
            }
            Some(b) if b.range.end > end => {}
            _ => best = Some(QualifierMatch { range: pos..end, offices, places }),
        }
    };
    for (end, phrases) in record_phrases_at(kb, text, pos, limit) {
        let offices =
            phrases.iter().filter_map(|p| if let Phrase::Qualifier(o) = p { Some(*o) } else { None }).collect();
        consider(end, offices, Vec::new());
    }
    for (end, postings) in places_at(kb, text, pos, limit) {
        consider(end, Vec::new(), divisions(kb, &postings));
    }
    best
}

/// The qualifier that ends right before `pos` (white space and a possessive ending may stand
/// between): "Indonesia's" in "Indonesia's Minister of Industry", "Huawei" in "Huawei chairman".
pub fn qualifier_ending_at(kb: &Knowledge, text: &str, pos: usize) -> Option<QualifierMatch> {
    let before = text[..pos].trim_end_matches([' ', '\t']);
    if before.len() == pos {
        return None;
    }
    let end = before.len() - possessive_suffix_len(before);
    let from = floor_boundary(text, end.saturating_sub(WINDOW));
    for start in word_starts(text, from..end) {
        if let Some(q) = qualifier_starting_at(kb, text, start, end) {
            if q.range.end == end {
                return Some(q);
            }
        }
    }
    None
}
