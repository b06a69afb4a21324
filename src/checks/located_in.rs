//! `located-in`: a place said to lie in a region or country it does not lie in.
//!
//! Why: a misplaced city ("Shenzhen, KwaZulu-Natal") is a factual error a reader notices at once,
//! and a common one in machine-translated and rewritten copy.
//!
//! How: the rule's patterns find claims with a `place` group and a `region` group ("X, Y",
//! "X, provinsi Y", "kota X di Y", "in X in Y", datelines). The place is the longest known name
//! that ends the `place` group, the region the longest known name that starts the `region`
//! group; any words around them must be ones the settings allow. The claim holds when any place
//! called X lies in any region or country called Y (namesakes: "Paris, Texas"). Unknown names,
//! lists ("Shanghai, Beijing and Shenzhen"), introductory phrases ("From Jakarta, Bali is ..."),
//! common words at the start of a sentence, and small places that a namesake the gazetteer lacks
//! could explain, are not findings.
//!
//! Example: "forum ... di Shenzhen, KwaZulu-Natal" -> Shenzhen (pop. 17.5 million) is in
//! Guangdong, China; KwaZulu-Natal is a province of South Africa; suggestion "Shenzhen,
//! Guangdong".

use super::{Check, CheckCx, Document, Finding};
use crate::knowledge::gazetteer::{Feature, PlaceKind, Posting};
use crate::knowledge::{population_words, Knowledge, PlaceId};
use crate::recognize::{
    self, is_all_caps, is_sentence_start, looks_like_name, name_ending_at, name_starting_at, next_char, prev_char,
    word_after, word_before, NameMatch,
};
use crate::rules::{CompileCx, KindInfo};
use crate::source::LocatedError;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

pub const INFO: KindInfo = KindInfo {
    name: "located-in",
    required_groups: &["place", "region"],
    optional_groups: &["claim"],
    needs_patterns: true,
    message_values: &["place", "region", "actual"],
};

/// `[settings]` of a located-in rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Words that may stand before the place inside its group: place-type words ("Kota",
    /// "City of") and prepositions capitalised at a sentence start ("In", "Di").
    pub lead_words: Vec<String>,
    /// Words that may follow the region inside its group ("Province", "State").
    pub trail_words: Vec<String>,
    /// Prepositions that open an introductory phrase ("From Jakarta, Bali is ...").
    pub intro_words: Vec<String>,
    /// Words that join list items ("and", "dan").
    pub list_words: Vec<String>,
    /// Words that, right after the region, show it is not a location ("said", "kata").
    pub not_after_region: Vec<String>,
    /// The lexicon list of words that are not place names at the start of a sentence.
    pub common_words_list: Option<String>,
    /// The least population a place must have for its misplacement to be reported: a smaller
    /// place may have a namesake the gazetteer lacks. Capitals and regions always count.
    pub min_population: Option<u64>,
    /// The same, when a place of that name lies in the claimed region's country: a namesake in
    /// the same country is likelier.
    pub same_country_min_population: Option<u64>,
    /// A name that this many places in the claimed country bear is reused there so often that a
    /// namesake the gazetteer lacks is likely: no finding.
    pub max_same_country_namesakes: Option<usize>,
    /// Otherwise the place must outweigh its namesakes in that country this many times over.
    pub same_country_dominance: Option<u64>,
    /// What a first-level division is called, by ISO country code ("ZA" = "province").
    pub division_words: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct LocatedIn {
    lead_words: HashSet<String>,
    trail_words: HashSet<String>,
    intro_words: HashSet<String>,
    list_words: HashSet<String>,
    not_after_region: HashSet<String>,
    common_words_list: String,
    min_population: u64,
    same_country_min_population: u64,
    max_same_country_namesakes: usize,
    same_country_dominance: u64,
    division_words: BTreeMap<String, String>,
}

fn folded_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| crate::knowledge::fold::fold(w)).collect()
}

impl LocatedIn {
    pub fn compile(s: Settings, _cx: &CompileCx<'_>) -> Result<LocatedIn, LocatedError> {
        Ok(LocatedIn {
            lead_words: folded_set(&s.lead_words),
            trail_words: folded_set(&s.trail_words),
            intro_words: folded_set(&s.intro_words),
            list_words: folded_set(&s.list_words),
            not_after_region: folded_set(&s.not_after_region),
            common_words_list: s.common_words_list.unwrap_or_else(|| "common".to_string()),
            min_population: s.min_population.unwrap_or(15_000),
            same_country_min_population: s.same_country_min_population.unwrap_or(100_000),
            max_same_country_namesakes: s.max_same_country_namesakes.unwrap_or(3),
            same_country_dominance: s.same_country_dominance.unwrap_or(20),
            division_words: s.division_words,
        })
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
            // "..., KwaZulu-Natal and Newfoundland": after a list word any name continues the list.
            Some(w) if joined_by_word && text[w.clone()].chars().next().is_some_and(char::is_uppercase) => true,
            Some(w) if text[w.clone()].chars().next().is_some_and(char::is_uppercase) => {
                name_starting_at(kb, text, w.start..recognize::floor_boundary(text, w.start + 80))
                    .is_some_and(|m| has_place(&m.places))
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
                    .is_some_and(|m| has_place(&m.places) && looks_like_name(&text[m.range]))
            }
            _ => match word_before(text, start) {
                Some(w) if self.is(&self.list_words, text, &w) => true,
                _ => false,
            },
        }
    }

    fn division_word(&self, kb: &Knowledge, region: PlaceId) -> String {
        let p = kb.place(region);
        if p.kind == PlaceKind::Country {
            return "a country".to_string();
        }
        let code = p.country.map(|c| kb.place(c).code.to_string()).unwrap_or_default();
        let word = self.division_words.get(&code).map(String::as_str).unwrap_or("region");
        format!("a {word} of {}", p.country.map(|c| kb.place(c).name).unwrap_or("?"))
    }
}

fn has_place(postings: &[Posting]) -> bool {
    !postings.is_empty()
}

impl Check for LocatedIn {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for re in cx.rule.patterns_for(doc.lang) {
            let mut pos = 0;
            while pos <= text.len() {
                let Some(caps) = re.captures_at(text, pos) else { break };
                let whole = caps.get(0).expect("group 0");
                let (Some(pc), Some(rc)) = (caps.name("place"), caps.name("region")) else { break };
                // Restart inside this match so chains ("A, B, C") are all seen.
                let mut next = rc.start().max(pos + 1).max(whole.start() + 1);
                while next < text.len() && !text.is_char_boundary(next) {
                    next += 1;
                }
                pos = next;
                let claim_group = caps.name("claim").map(|m| m.range());
                if let Some(f) = self.examine(doc, cx, pc.range(), rc.range(), claim_group) {
                    if seen.insert((f.range.start, f.range.end)) {
                        out.push(f);
                    }
                }
            }
        }
    }
}

/// Every place and region candidate of a claim.
struct Readings {
    places: Vec<Posting>,
    regions: Vec<Posting>,
    region_cities: Vec<Posting>,
}

impl LocatedIn {
    fn examine(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        place_group: Range<usize>,
        region_group: Range<usize>,
        claim_group: Option<Range<usize>>,
    ) -> Option<Finding> {
        let kb = cx.knowledge;
        let text = doc.text();
        // The region first: most "Name, Name" matches name no region and end here cheaply.
        let y: NameMatch = name_starting_at(kb, text, region_group.clone())?;
        if !y.places.iter().any(|p| matches!(kb.place(p.place).kind, PlaceKind::Region | PlaceKind::Country)) {
            return None;
        }
        let x: NameMatch = name_ending_at(kb, text, place_group.clone())?;
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
        let kind_of = |p: &Posting| kb.place(p.place).kind;
        let readings = Readings {
            places: x.places.iter().filter(|p| kind_of(p) != PlaceKind::Country).copied().collect(),
            regions: y
                .places
                .iter()
                .filter(|p| matches!(kind_of(p), PlaceKind::Region | PlaceKind::Country))
                .copied()
                .collect(),
            region_cities: y.places.iter().filter(|p| kind_of(p) == PlaceKind::City).copied().collect(),
        };
        if readings.places.is_empty() || readings.regions.is_empty() {
            return None;
        }
        // A division is not placed in another division of its level or below: "Alberta,
        // Saskatchewan" is a list of provinces.
        let any_city = readings.places.iter().any(|p| kind_of(p) == PlaceKind::City);
        let any_country = readings.regions.iter().any(|p| kind_of(p) == PlaceKind::Country);
        if !any_city && !any_country {
            return None;
        }
        // Which places lie in a district, and which region an unplaced city lies in, is unknown:
        // a place of that name in the same country may lie in the claimed region.
        let x_countries: HashSet<PlaceId> = readings.places.iter().filter_map(|p| kb.place(p.place).country).collect();
        let y_countries: HashSet<PlaceId> = y.places.iter().filter_map(|p| kb.place(p.place).country).collect();
        let district_in_x_country = y.places.iter().any(|p| {
            kind_of(p) == PlaceKind::District && kb.place(p.place).country.is_some_and(|c| x_countries.contains(&c))
        });
        let unplaced_in_y_country = readings.places.iter().any(|p| {
            let pl = kb.place(p.place);
            pl.kind != PlaceKind::Region
                && pl.parent.is_some()
                && pl.parent == pl.country
                && pl.country.is_some_and(|c| y_countries.contains(&c))
        });
        if district_in_x_country || unplaced_in_y_country {
            return None;
        }
        // A name known only as a variant spelling is too weak to accuse.
        if readings.places.iter().all(|p| p.alternate) {
            return None;
        }

        // Context that makes "X, Y" something other than a claim.
        let lead = place_group.start..x.range.start;
        let x_is_first_word = lead.is_empty() && is_sentence_start(text, x.range.start)
            || !lead.is_empty() && is_sentence_start(text, place_group.start);
        let single_word = !x_text.contains(char::is_whitespace) && !x_text.contains('-');
        if single_word
            && !is_all_caps(x_text)
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
            word_after(text, place_group.start.saturating_sub(0)).filter(|w| w.start < x.range.start)
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

        // The claim holds when any place called X lies in any region or country called Y.
        for xp in &readings.places {
            let xr = kb.region_of(xp.place);
            for yp in &readings.regions {
                if xp.place == yp.place || kb.lies_in(xp.place, yp.place) {
                    return None;
                }
                // The record may predate a split of the region: Banten from Jawa Barat.
                if xr.is_some_and(|r| kb.shares_territory(r, yp.place)) {
                    return None;
                }
            }
            // Y may be a city that shares a name with a region elsewhere ("Salford, Manchester"):
            // a place in the same region as a city called Y is fine.
            for yc in &readings.region_cities {
                if xr.is_some() && xr == kb.region_of(yc.place) {
                    return None;
                }
            }
        }

        // The place the writer most likely means: the most prominent of its main-name readings.
        let best = readings.places.iter().filter(|p| !p.alternate).map(|p| kb.place(p.place)).max_by_key(|p| {
            // A city before a division of the same name ("Hamburg" the city, not the state).
            (p.kind == PlaceKind::City, matches!(p.feature, Feature::Capital | Feature::RegionSeat), p.population)
        })?;
        let notable = |p: &crate::knowledge::Place<'_>, floor: u64| {
            p.kind != PlaceKind::City
                || matches!(p.feature, Feature::Capital)
                || p.population >= floor
                || (p.feature == Feature::RegionSeat && p.population >= floor / 4)
        };
        if !notable(&best, self.min_population) {
            return None;
        }
        let region_countries: HashSet<PlaceId> =
            readings.regions.iter().filter_map(|r| kb.place(r.place).country).collect();
        let same_country: Vec<&Posting> = readings
            .places
            .iter()
            .filter(|p| kb.place(p.place).country.is_some_and(|c| region_countries.contains(&c)))
            .collect();
        if !same_country.is_empty() {
            // A namesake in the claimed country is likely when the name is reused there often,
            // or when the best reading does not dwarf the others.
            // A division and the city that shares its name and lies in it are one reading.
            let named: Vec<_> = same_country
                .iter()
                .filter(|p| !p.alternate)
                .map(|p| kb.place(p.place))
                .filter(|p| p.id == best.id || !(kb.lies_in(best.id, p.id) || kb.lies_in(p.id, best.id)))
                .collect();
            let others: u64 = named.iter().filter(|p| p.id != best.id).map(|p| p.population).sum();
            if named.len() >= self.max_same_country_namesakes
                || !notable(&best, self.same_country_min_population)
                || best.population < others.saturating_mul(self.same_country_dominance)
            {
                return None;
            }
        }

        // Report.
        let lang = doc.lang.as_str();
        let y_best = kb.place(readings.regions[0].place);
        let claimed_level = y_best.kind;
        let actual_region = kb.region_of(best.id).filter(|r| *r != best.id);
        let actual_country = best.country;
        let mut actual_parts = Vec::new();
        if let Some(r) = actual_region {
            actual_parts.push(kb.display_name(r, lang).to_string());
        }
        if let Some(c) = actual_country {
            actual_parts.push(kb.display_name(c, lang).to_string());
        }
        let actual = actual_parts.join(", ");
        let mut evidence = Vec::new();
        let pop =
            if best.population > 0 { format!(" (pop. {})", population_words(best.population)) } else { String::new() };
        evidence.push(format!("{}{} is in {}", best.name, pop, actual));
        let mut y_desc = format!("{} is {}", y_text, self.division_word(kb, y_best.id));
        for other in readings.regions.iter().skip(1).take(2) {
            y_desc.push_str(&format!("; also {}", self.division_word(kb, other.place)));
        }
        evidence.push(y_desc.clone());
        let named = readings.places.iter().filter(|p| !p.alternate).count();
        if named > 1 {
            evidence.push(format!("none of the {named} places called {x_text} the knowledge has lies in {y_text}"));
        }
        let replacement = match claimed_level {
            PlaceKind::Country => actual_country.map(|c| kb.display_name(c, lang).to_string()),
            _ => actual_region.or(actual_country).map(|r| kb.display_name(r, lang).to_string()),
        };
        let claim = claim_group.unwrap_or(x.range.start..y.range.end);
        let suggestion =
            replacement.map(|r| format!("{}{}{}", &text[claim.start..y.range.start], r, &text[y.range.end..claim.end]));
        let mut sources = vec![kb.source(best.id), kb.source(y_best.id)];
        sources.dedup();
        let message = cx.rule.render_message(&[("place", x_text), ("region", y_text), ("actual", &actual)]);
        Some(Finding {
            range: claim,
            message,
            evidence,
            suggestion,
            sources,
            labels: vec![(y.range.clone(), y_desc)],
            severity: None,
        })
    }
}
