//! Place claims, shared by the kinds that read "X, Y" as "place X lies in region Y"
//! (located-in, consistency). Not a kind itself.
//!
//! A rule's patterns find candidates with a `place` group and a `region` group (and optionally a
//! `claim` group, the span to report). [`ClaimReader`] turns each match into a [`PlaceClaim`]:
//! the place is the longest known name that ends the `place` group, the region the longest known
//! name that starts the `region` group, and any words around them must be ones the settings
//! allow. Matches that are not claims are dropped here, so every kind that reads claims agrees
//! on what a claim is: unknown names, lists ("Shanghai, Beijing and Shenzhen"), introductory
//! phrases ("From Jakarta, Bali is ..."), common words at the start of a sentence ("Well, Texas
//! ..."), a region followed by a verb of saying ("in Shenzhen, Victoria said").

use super::{CheckCx, Document};
use crate::knowledge::gazetteer::{PlaceKind, Posting};
use crate::knowledge::{Knowledge, PlaceId};
use crate::recognize::{
    is_sentence_start, looks_like_name, name_ending_at, name_starting_at, next_char, prev_char, word_after,
    word_before, NameMatch,
};
use std::collections::HashSet;
use std::ops::Range;

/// A pattern match read as a claim that a place lies in a region or country.
#[derive(Clone, Debug)]
pub struct PlaceClaim {
    /// The known place name ("Shenzhen").
    pub place: Range<usize>,
    /// The known region or country name ("KwaZulu-Natal").
    pub region: Range<usize>,
    /// The span to report: the `claim` group, or from the place to the region.
    pub claim: Range<usize>,
    /// Places the name may stand for: cities, regions and districts.
    pub places: Vec<Posting>,
    /// Regions and countries the region name may stand for.
    pub regions: Vec<Posting>,
    /// Cities the region name may also stand for ("Salford, Manchester").
    pub region_cities: Vec<Posting>,
}

impl PlaceClaim {
    /// True when any place of that name lies in any region or country of that name
    /// (namesakes count: "Paris, Texas"), in a region the claimed one was split from or into
    /// (the record may predate the split: Banten from Jawa Barat), or in the same region as a
    /// city the region name may stand for ("Salford, Manchester").
    pub fn holds(&self, kb: &Knowledge) -> bool {
        self.places.iter().any(|xp| {
            let xr = kb.region_of(xp.place);
            self.regions.iter().any(|yp| {
                xp.place == yp.place
                    || kb.lies_in(xp.place, yp.place)
                    || xr.is_some_and(|r| kb.shares_territory(r, yp.place))
                    || kb.place(xp.place).country.is_some_and(|c| c != yp.place && kb.shares_territory(c, yp.place))
            }) || (xr.is_some() && self.region_cities.iter().any(|yc| xr == kb.region_of(yc.place)))
        })
    }
}

/// The words a claim's surroundings are judged by (settings of the place kinds), folded.
#[derive(Debug, Default)]
pub struct ClaimReader {
    /// Words that may stand before the place inside its group ("kota", "city of", "in").
    pub lead_words: HashSet<String>,
    /// Words that may follow the region inside its group ("province").
    pub trail_words: HashSet<String>,
    /// Prepositions that open an introductory phrase ("from").
    pub intro_words: HashSet<String>,
    /// Words that join list items ("and").
    pub list_words: HashSet<String>,
    /// Words that, right after the region, show it is not a location ("said").
    pub not_after_region: HashSet<String>,
    /// The lexicon list of words that are not place names at the start of a sentence.
    pub common_words_list: String,
}

/// The end of `range`, or the end of the first sentence that ends in it (after its full stop).
fn sentence_end_in(text: &str, range: Range<usize>) -> usize {
    text[range.clone()]
        .char_indices()
        .find(|&(i, _)| crate::recognize::sentence_end_at(text, range.start + i).is_some())
        .map_or(range.end, |(i, c)| range.start + i + c.len_utf8())
}

/// The start of `range`, or the start of the last sentence that begins in it.
fn sentence_start_in(text: &str, range: Range<usize>) -> usize {
    text[range.clone()]
        .char_indices()
        .filter_map(|(i, _)| crate::recognize::sentence_end_at(text, range.start + i))
        .filter(|&next| next <= range.end)
        .last()
        .map_or(range.start, |next| next.max(range.start))
}

/// Folds every word of a settings list.
pub fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| crate::knowledge::fold::fold(w)).collect()
}

impl ClaimReader {
    /// Every claim the rule's patterns find in the document, in text order, each span once.
    pub fn claims(&self, doc: &Document<'_>, cx: &CheckCx<'_>) -> Vec<PlaceClaim> {
        let text = doc.text();
        let mut out: Vec<PlaceClaim> = Vec::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for re in cx.rule.patterns_for(doc.lang) {
            let matches = doc.matches.get_or_find(re, || candidates(re, text));
            for groups in matches.iter() {
                let group = |name: &str| groups.iter().find(|(n, _)| *n == name).map(|(_, r)| r.clone());
                let (Some(place), Some(region)) = (group("place"), group("region")) else { continue };
                if let Some(c) = self.read(doc, cx, place, region, group("claim")) {
                    if seen.insert((c.claim.start, c.claim.end)) {
                        out.push(c);
                    }
                }
            }
        }
        out.sort_by_key(|c| (c.claim.start, c.claim.end));
        out
    }

    fn is(&self, set: &HashSet<String>, text: &str, range: &Range<usize>) -> bool {
        set.contains(&crate::knowledge::fold::fold(&text[range.clone()]))
    }

    /// Words in `range` (split on white space) that are all in `set`.
    fn all_in(&self, set: &HashSet<String>, text: &str, range: Range<usize>) -> bool {
        let folded = crate::knowledge::fold::fold(&text[range]);
        if folded.is_empty() {
            return true;
        }
        // Multi-word entries ("city of") match as a whole; otherwise word by word, where
        // punctuation alone (the full stop ending a sentence) is not a word.
        set.contains(&folded)
            || folded.split(' ').all(|w| {
                !w.chars().any(char::is_alphanumeric) || set.contains(w) || set.contains(w.trim_end_matches('.'))
            })
    }

    /// True when a known place name starts right after `pos` past a comma or list word: the
    /// claim is an item of a list.
    fn list_follows(&self, kb: &Knowledge, text: &str, pos: usize) -> bool {
        let mut at = pos;
        let mut joined_by_word = false;
        match next_char(text, at) {
            Some(',') | Some('&') | Some('/') | Some(';') => {
                at = text[at..].find([',', '&', '/', ';']).map(|i| at + i + 1).unwrap_or(at)
            }
            _ => match word_after(text, at) {
                Some(w) if self.is(&self.list_words, text, &w) => {
                    at = w.end;
                    joined_by_word = true;
                }
                _ => return false,
            },
        }
        // An Oxford comma: ", and Shenzhen".
        if let Some(w) = word_after(text, at) {
            if self.is(&self.list_words, text, &w) {
                at = w.end;
                joined_by_word = true;
            }
        }
        match word_after(text, at) {
            // "..., Saskatchewan and Newfoundland": after a list word any name continues the list.
            Some(w) if joined_by_word && text[w.clone()].chars().next().is_some_and(char::is_uppercase) => true,
            Some(w) if text[w.clone()].chars().next().is_some_and(char::is_uppercase) => {
                let mut end = text.len().min(w.start + 80);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                name_starting_at(kb, text, w.start..end).is_some_and(|m| !m.places.is_empty())
            }
            _ => false,
        }
    }

    /// True when the place is itself preceded by a list: "Shanghai, Beijing, Guangdong".
    fn list_precedes(&self, kb: &Knowledge, text: &str, start: usize) -> bool {
        match prev_char(text, start) {
            Some(',') | Some('&') | Some('/') => {
                let comma = text[..start].rfind([',', '&', '/']).expect("prev_char found one");
                let Some(w) = word_before(text, comma) else { return false };
                let from = w.start.saturating_sub(60);
                let from = (from..=w.start).find(|i| text.is_char_boundary(*i)).unwrap_or(w.start);
                name_ending_at(kb, text, from..w.end)
                    .is_some_and(|m| !m.places.is_empty() && looks_like_name(&text[m.range]))
            }
            _ => word_before(text, start).is_some_and(|w| self.is(&self.list_words, text, &w)),
        }
    }

    /// Reads one pattern match as a claim, or None when it is not one.
    fn read(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        place_group: Range<usize>,
        region_group: Range<usize>,
        claim_group: Option<Range<usize>>,
    ) -> Option<PlaceClaim> {
        let kb = cx.knowledge;
        let text = doc.text();
        // The region first: most "Name, Name" matches name no region and end here cheaply.
        let y: NameMatch = name_starting_at(kb, text, region_group.clone())?;
        if !y.places.iter().any(|p| matches!(kb.place(p.place).kind, PlaceKind::Region | PlaceKind::Country)) {
            return None;
        }
        let x: NameMatch = name_ending_at(kb, text, place_group.clone())?;
        // A name's group may run over a sentence end ("KwaZulu-Natal. It opened", "in Jakarta.
        // Shenzhen, ..."): what lies past the sentence end belongs to another sentence.
        let region_group = region_group.start..sentence_end_in(text, y.range.end..region_group.end);
        let place_group = sentence_start_in(text, place_group.start..x.range.start)..place_group.end;
        let x_text = &text[x.range.clone()];
        let y_text = &text[y.range.clone()];
        if !looks_like_name(x_text) || !looks_like_name(y_text) {
            return None;
        }
        // Words around the names inside their groups must be ones the rule allows.
        if !self.all_in(&self.lead_words, text, place_group.start..x.range.start) {
            return None;
        }
        if !self.all_in(&self.trail_words, text, y.range.end..region_group.end) {
            return None;
        }
        let claim = PlaceClaim {
            place: x.range.clone(),
            region: y.range.clone(),
            claim: claim_group.unwrap_or(x.range.start..y.range.end),
            places: x.places.iter().filter(|p| kb.place(p.place).kind != PlaceKind::Country).copied().collect(),
            regions: y
                .places
                .iter()
                .filter(|p| matches!(kb.place(p.place).kind, PlaceKind::Region | PlaceKind::Country))
                .copied()
                .collect(),
            region_cities: y.places.iter().filter(|p| kb.place(p.place).kind == PlaceKind::City).copied().collect(),
        };
        if claim.places.is_empty() || claim.regions.is_empty() {
            return None;
        }
        let kind_of = |p: &Posting| kb.place(p.place).kind;
        // A division is not placed in another division of its level or below: "Alberta,
        // Saskatchewan" is a list of provinces.
        let any_city = claim.places.iter().any(|p| kind_of(p) == PlaceKind::City);
        let any_country = claim.regions.iter().any(|p| kind_of(p) == PlaceKind::Country);
        if !any_city && !any_country {
            return None;
        }
        // Which places lie in a district, and which region an unplaced city lies in, is unknown:
        // a place of that name in the same country may lie in the claimed region.
        let x_countries: HashSet<PlaceId> = claim.places.iter().filter_map(|p| kb.place(p.place).country).collect();
        let y_countries: HashSet<PlaceId> = y.places.iter().filter_map(|p| kb.place(p.place).country).collect();
        let district_in_x_country = y.places.iter().any(|p| {
            kind_of(p) == PlaceKind::District && kb.place(p.place).country.is_some_and(|c| x_countries.contains(&c))
        });
        let unplaced_in_y_country = claim.places.iter().any(|p| {
            let pl = kb.place(p.place);
            pl.kind != PlaceKind::Region
                && pl.parent.is_some()
                && pl.parent == pl.country
                && pl.country.is_some_and(|c| y_countries.contains(&c))
        });
        if district_in_x_country || unplaced_in_y_country {
            return None;
        }

        // Context that makes "X, Y" something other than a claim.
        let lead = place_group.start..x.range.start;
        let x_is_first_word = lead.is_empty() && is_sentence_start(text, x.range.start)
            || !lead.is_empty() && is_sentence_start(text, place_group.start);
        let single_word = !x_text.contains(char::is_whitespace) && !x_text.contains('-');
        if single_word
            && !crate::recognize::is_all_caps(x_text)
            && x_is_first_word
            && lead.is_empty()
            && cx.lexicons.has_word(doc.lang, &self.common_words_list, x_text)
        {
            return None;
        }
        let after_region = region_group.end;
        if text[y.range.end..].starts_with("'s") || text[y.range.end..].starts_with("’s") {
            return None;
        }
        if word_after(text, after_region).is_some_and(|w| self.is(&self.not_after_region, text, &w)) {
            return None;
        }
        // An introductory phrase: "From Jakarta, Bali is ..." / "Di Shenzhen, Huawei ...".
        let prep = if !lead.is_empty() {
            word_after(text, place_group.start).filter(|w| w.start < x.range.start)
        } else {
            word_before(text, x.range.start)
        };
        if let Some(p) = prep {
            let clause_start = is_sentence_start(text, p.start)
                || matches!(prev_char(text, p.start), Some(',' | ';' | ':' | '(' | '—' | '–'));
            if self.is(&self.intro_words, text, &p) && clause_start {
                let closes = match next_char(text, after_region) {
                    None => true,
                    Some(c) => matches!(c, ',' | '.' | ';' | ':' | ')' | '—' | '–' | '!' | '?' | '\n' | '"' | '”'),
                };
                if !closes {
                    return None;
                }
            }
        }
        if self.list_follows(kb, text, after_region) || self.list_precedes(kb, text, place_group.start) {
            return None;
        }
        Some(claim)
    }
}

/// Every "place ... region" match of a claim pattern, restarting inside each match so that
/// chains ("A, B, C") are all seen: the groups `place`, `region` and `claim`.
fn candidates(re: &regex::Regex, text: &str) -> Vec<crate::checks::GroupRanges> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = re.captures_at(text, pos) else { break };
        let whole = caps.get(0).expect("group 0");
        let (Some(pc), Some(rc)) = (caps.name("place"), caps.name("region")) else { break };
        let mut next = rc.start().max(pos + 1).max(whole.start() + 1);
        while next < text.len() && !text.is_char_boundary(next) {
            next += 1;
        }
        pos = next;
        let mut groups = vec![("place", pc.range()), ("region", rc.range())];
        if let Some(c) = caps.name("claim") {
            groups.push(("claim", c.range()));
        }
        out.push(groups);
    }
    out
}
