//! `located-in`: a place said to lie in a region or country it does not lie in.
//!
//! Why: a misplaced city ("Shenzhen, KwaZulu-Natal") is a factual error a reader notices at once,
//! and a common one in machine-translated and rewritten copy.
//!
//! How: the rule's patterns find claims with a `place` group and a `region` group ("X, Y",
//! "X, provinsi Y", "kota X di Y", "in X in Y", datelines), read by [`super::place_claims`]
//! (shared with the consistency kind). The claim holds when any place
//! called X lies in any region or country called Y (namesakes: "Paris, Texas"). Unknown names,
//! lists ("Shanghai, Beijing and Shenzhen"), introductory phrases ("From Jakarta, Bali is ..."),
//! common words at the start of a sentence, and small places that a namesake the gazetteer lacks
//! could explain, are not findings.
//!
//! Example: "forum ... di Shenzhen, KwaZulu-Natal" -> Shenzhen (pop. 17.5 million) is in
//! Guangdong, China; KwaZulu-Natal is a province of South Africa; suggestion "Shenzhen,
//! Guangdong".

use super::place_claims::{folded_set, ClaimReader, PlaceClaim};
use super::{Check, CheckCx, Document, Finding};
use crate::knowledge::gazetteer::{Feature, PlaceKind, Posting};
use crate::knowledge::{population_words, Knowledge, PlaceId};
use crate::rules::{CompileCx, KindInfo};
use crate::source::LocatedError;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

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
    reader: ClaimReader,
    min_population: u64,
    same_country_min_population: u64,
    max_same_country_namesakes: usize,
    same_country_dominance: u64,
    division_words: BTreeMap<String, String>,
}

impl LocatedIn {
    pub fn compile(s: Settings, _cx: &CompileCx<'_>) -> Result<LocatedIn, LocatedError> {
        Ok(LocatedIn {
            reader: ClaimReader {
                lead_words: folded_set(&s.lead_words),
                trail_words: folded_set(&s.trail_words),
                intro_words: folded_set(&s.intro_words),
                list_words: folded_set(&s.list_words),
                not_after_region: folded_set(&s.not_after_region),
                common_words_list: s.common_words_list.unwrap_or_else(|| "common".to_string()),
            },
            min_population: s.min_population.unwrap_or(15_000),
            same_country_min_population: s.same_country_min_population.unwrap_or(100_000),
            max_same_country_namesakes: s.max_same_country_namesakes.unwrap_or(3),
            same_country_dominance: s.same_country_dominance.unwrap_or(20),
            division_words: s.division_words,
        })
    }

    fn division_word(&self, kb: &Knowledge, region: PlaceId) -> String {
        let p = kb.place(region);
        if p.kind == PlaceKind::Country {
            // Hong Kong, Puerto Rico: a territory the record puts in a sovereign country.
            return match p.parent.filter(|&q| kb.place(q).kind == PlaceKind::Country) {
                Some(sovereign) => format!("a territory of {}", kb.place(sovereign).name),
                None => "a country".to_string(),
            };
        }
        let code = p.country.map(|c| kb.place(c).code.to_string()).unwrap_or_default();
        let word = self.division_words.get(&code).map(String::as_str).unwrap_or("region");
        format!("a {word} of {}", p.country.map(|c| kb.place(c).name).unwrap_or("?"))
    }
}

impl Check for LocatedIn {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        for claim in self.reader.claims(doc, cx) {
            if let Some(f) = self.judge(doc, cx, &claim) {
                out.push(f);
            }
        }
    }
}

impl LocatedIn {
    /// Decides whether a claim is a misplacement worth reporting, and reports it.
    fn judge(&self, doc: &Document<'_>, cx: &CheckCx<'_>, claim: &PlaceClaim) -> Option<Finding> {
        let kb = cx.knowledge;
        let text = doc.text();
        let x_text = &text[claim.place.clone()];
        let y_text = &text[claim.region.clone()];
        // A name known only as a variant spelling is too weak to accuse.
        if claim.places.iter().all(|p| p.alternate) {
            return None;
        }
        if claim.holds(kb) {
            return None;
        }

        // The place the writer most likely means: the most prominent of its main-name claim.
        let best = claim.places.iter().filter(|p| !p.alternate).map(|p| kb.place(p.place)).max_by_key(|p| {
            // A city before a division of the same name ("Hamburg" the city, not the state).
            (p.kind == PlaceKind::City, matches!(p.feature, Feature::Capital | Feature::RegionSeat), p.population)
        })?;
        let notable = |p: &crate::knowledge::Place<'_>, floor: u64| {
            p.kind != PlaceKind::City
                // A place the user's own knowledge adds is one they mean.
                || p.geonameid.is_none()
                || matches!(p.feature, Feature::Capital)
                || p.population >= floor
                || (p.feature == Feature::RegionSeat && p.population >= floor / 4)
        };
        if !notable(&best, self.min_population) {
            return None;
        }
        let region_countries: HashSet<PlaceId> =
            claim.regions.iter().filter_map(|r| kb.place(r.place).country).collect();
        let same_country: Vec<&Posting> = claim
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
        let y_best = kb.place(claim.regions[0].place);
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
        for other in claim.regions.iter().skip(1).take(2) {
            y_desc.push_str(&format!("; also {}", self.division_word(kb, other.place)));
        }
        evidence.push(y_desc.clone());
        let named = claim.places.iter().filter(|p| !p.alternate).count();
        if named > 1 {
            evidence.push(format!("none of the {named} places called {x_text} the knowledge has lies in {y_text}"));
        }
        let replacement = match claimed_level {
            PlaceKind::Country => actual_country.map(|c| kb.display_name(c, lang).to_string()),
            _ => actual_region.or(actual_country).map(|r| kb.display_name(r, lang).to_string()),
        };
        let span = claim.claim.clone();
        let suggestion = replacement
            .map(|r| format!("{}{}{}", &text[span.start..claim.region.start], r, &text[claim.region.end..span.end]));
        let mut sources = vec![kb.source(best.id), kb.source(y_best.id)];
        sources.dedup();
        let message = cx.rule.render_message(&[("place", x_text), ("region", y_text), ("actual", &actual)]);
        Some(Finding {
            range: span,
            message,
            evidence,
            suggestion,
            sources,
            labels: vec![(claim.region.clone(), y_desc)],
            severity: None,
        })
    }
}
