//! `located-in`: a place said to lie in a region or country it does not lie in.
//!
//! Why: a misplaced city ("Shenzhen, KwaZulu-Natal") is a factual error a reader notices at once,
//! and a common one in machine-translated and rewritten copy.
//!
//! How: the rule's patterns find claims with a `place` group and a `region` group ("X, Y",
//! "X, provinsi Y", "kota X di Y", "in X in Y", datelines), read by [`crate::claims::place`]
//! (shared with the consistency kind) and judged by [`PlaceClaim::verdict`]. A claim that is
//! wrong there is reported when a namesake the knowledge lacks cannot explain it:
//! - the claimed region lies in a country the knowledge maps completely (Indonesia, down to
//!   villages and islands): no place of that name of any level lies there, so it is wrong
//!   whatever the place's size;
//! - no place of that name lies anywhere in the claimed region's country ("Wintersville,
//!   Maharashtra"): a namesake would have to be missing from a gazetteer that holds the
//!   country's places down to 500 inhabitants, and bear a foreign place's name;
//! - the name lies in the claimed country only once, and is no ordinary word ("Brattleboro,
//!   Illinois": the one Brattleboro is in Vermont); when several places of the country bear
//!   it, only one that dwarfs the others ("Chicago") is taken as meant.
//!
//! Wording (message, evidence, labels, division words, numbers) is rule data, in each
//! language the rule runs in.
//!
//! Example: "forum ... di Shenzhen, KwaZulu-Natal" -> "Shenzhen tidak terletak di
//! KwaZulu-Natal"; Shenzhen (penduduk 17,5 juta) terletak di Guangdong, Tiongkok; suggestion
//! "Shenzhen, Guangdong".

use super::wording::{self, Entries, InLang, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::place::{ClaimReaders, PlaceClaim, Verdict};
use crate::knowledge::gazetteer::{Feature, Level, Link, PlaceKind, Posting};
use crate::knowledge::{Knowledge, PlaceId};
use crate::recognize::numbers::{format_number, years_in, Notation};
use crate::recognize::Segments;
use crate::source::LocatedError;
use crate::vocab::{fill_template, Lang, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

pub const INFO: KindInfo = KindInfo {
    name: "located-in",
    required_groups: &["place", "region"],
    optional_groups: &["claim"],
    needs_patterns: false,
    reads_claims: true,
    message_values: &["place", "region", "actual"],
    groups_doc: "none needed: claims are read off place names as the lexicons' `place_*` lists define them (below); optional patterns with `place`, `region` and `claim` add shapes",
    settings_doc: "`common_words_list`, `unique_min_population`, `same_country_min_population`, `same_country_dominance`, `warn_on_village_namesakes`, `division_words.LANG`, `wording.LANG` (message, evidence and number words per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(LocatedIn::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// The wording entries a located-in rule reads: templates whose `{names}` are filled in, and
/// the words for numbers and divisions.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &[
        "is_in",
        "population",
        "division",
        "country",
        "territory",
        "also",
        "none_of",
        "outdated_message",
        "outdated",
        "replaced",
        "million",
        "billion",
        "regency",
        "kota",
        "region",
        "village_message",
        "village",
        "held_before",
        "unknown_village",
        "unknown_namesake",
    ],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

/// `[settings]` of a located-in rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The lexicon list of ordinary words: not place names at the start of a sentence, and
    /// names a namesake may bear anywhere ("Beaver").
    pub common_words_list: Option<String>,
    /// A place that is the only one of its name in the claimed country (or, for a claimed
    /// country, in the world's other countries) is taken as meant only with this many
    /// inhabitants, unless it is a capital or a seat: a smaller one is written of in local
    /// news, among hamlets the gazetteer lacks.
    pub unique_min_population: Option<u64>,
    /// When several places of the claimed country bear the name, the most prominent is taken
    /// as meant only with at least this population ...
    pub same_country_min_population: Option<u64>,
    /// ... and this many times the population of the others together.
    pub same_country_dominance: Option<u64>,
    /// What a first-level division is called, by language and ISO country code
    /// (`en.ZA = "province"`, `id.ZA = "provinsi"`).
    pub division_words: BTreeMap<String, BTreeMap<String, String>>,
    /// When only a village of the name lies in the claimed region while a place of note of
    /// that name lies elsewhere: a warning that names both (true), or no finding (false).
    pub warn_on_village_namesakes: bool,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

#[derive(Debug)]
pub struct LocatedIn {
    readers: ClaimReaders,
    common_words_list: String,
    unique_min_population: u64,
    same_country_min_population: u64,
    same_country_dominance: u64,
    division_words: BTreeMap<String, BTreeMap<String, String>>,
    warn_on_village_namesakes: bool,
    wording: Wording,
}

impl LocatedIn {
    pub fn compile(mut s: Settings, cx: &CompileCx<'_>) -> Result<LocatedIn, LocatedError> {
        // A rule without division words takes the shipped rule's.
        if s.division_words.is_empty() {
            s.division_words = shipped_settings().division_words.clone();
        }
        let wording = Wording::compile(s.wording, ENTRIES, cx)?;
        let common = s.common_words_list.unwrap_or_else(|| "common".to_string());
        Ok(LocatedIn {
            readers: ClaimReaders::new(cx.lexicons),
            common_words_list: common,
            unique_min_population: s.unique_min_population.unwrap_or(10_000),
            same_country_min_population: s.same_country_min_population.unwrap_or(100_000),
            same_country_dominance: s.same_country_dominance.unwrap_or(20),
            division_words: s.division_words,
            warn_on_village_namesakes: s.warn_on_village_namesakes,
            wording,
        })
    }

    fn wording(&self, lang: Lang) -> InLang<'_> {
        self.wording.in_lang(lang)
    }

    /// "17.5 million", "17,5 juta", "48,210", "48.210": the wording's scale words in the
    /// notation of the language's lexicon.
    fn population_words(&self, cx: &CheckCx<'_>, lang: Lang, n: u64) -> String {
        let w = self.wording(lang);
        let notation = Notation::of(cx.lexicons, lang);
        let scaled = |v: f64, word: &str| format!("{} {word}", format_number(v, 1, notation));
        if n >= 1_000_000_000 {
            scaled(n as f64 / 1e9, w.text("billion"))
        } else if n >= 1_000_000 {
            scaled(n as f64 / 1e6, w.text("million"))
        } else {
            format_number(n as f64, 0, notation)
        }
    }

    /// "KwaZulu-Natal is a province of South Africa", in the document's language.
    fn describe_region(&self, kb: &Knowledge, lang: Lang, region: PlaceId, shown: &str) -> String {
        let w = self.wording(lang);
        let l = lang.as_str();
        let p = kb.place(region);
        if p.kind == PlaceKind::Country {
            // Hong Kong, Puerto Rico: a territory the record puts in a sovereign country.
            return match p.parent.filter(|&q| kb.place(q).kind == PlaceKind::Country) {
                Some(s) => w.fill("territory", &[("region", shown), ("sovereign", kb.display_name(s, l))]),
                None => w.fill("country", &[("region", shown)]),
            };
        }
        let word = match p.level {
            Level::Regency => w.text("regency").to_string(),
            Level::Kota => w.text("kota").to_string(),
            _ => {
                let code = p.country.map(|c| kb.place(c).code.to_string()).unwrap_or_default();
                let words = self.division_words.get(l).or_else(|| self.division_words.get("en"));
                words.and_then(|m| m.get(&code)).cloned().unwrap_or_else(|| w.text("region").to_string())
            }
        };
        // A regency is described by its province; a region by its country.
        let within = match p.level {
            Level::Regency | Level::Kota => kb.region_of(region).or(p.country),
            _ => p.country,
        };
        let within = within.map(|c| kb.display_name(c, l).to_string()).unwrap_or_default();
        w.fill("division", &[("region", shown), ("division", &word), ("country", &within)])
    }
}

impl Check for LocatedIn {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        // Sentences are found once, and only for a document with a claim history can date.
        let segments = std::cell::OnceCell::new();
        for claim in self.readers.claims(doc, &cx.read_cx(), &cx.patterns_in_doc(doc).collect::<Vec<_>>()) {
            if let Some(f) = self.judge(doc, cx, &claim, &segments) {
                out.push(f);
            }
        }
    }
}

/// How the document names places: Indonesian names ("Jawa Barat") in an English article are
/// kept in suggestions.
fn naming_lang(kb: &Knowledge, cx: &CheckCx<'_>, doc_lang: Lang, region: PlaceId, written: &str) -> Lang {
    let folded = crate::vocab::fold::fold(written);
    std::iter::once(doc_lang)
        .chain(cx.rule.languages.iter().copied())
        .find(|l| crate::vocab::fold::fold(kb.display_name(region, l.as_str())) == folded)
        .unwrap_or(doc_lang)
}

/// The settings of the shipped located-in rule, whose wording a user's rule inherits.
fn shipped_settings() -> &'static Settings {
    static SHIPPED: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            settings: Settings,
        }
        let text = crate::builtin::FILES
            .iter()
            .find(|(path, _)| *path == "rules/place/located-in.toml")
            .map(|(_, t)| *t)
            .expect("the located-in rule is shipped");
        toml::from_str::<File>(text).expect("the shipped located-in rule is checked by the test suite").settings
    })
}

impl LocatedIn {
    /// Decides whether a claim is a misplacement worth reporting, and reports it.
    fn judge(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        claim: &PlaceClaim,
        segments: &std::cell::OnceCell<Segments>,
    ) -> Option<Finding> {
        let kb = cx.knowledge;
        let text = doc.text();
        // The sentence may date the claim itself: "sebelum tahun 2000", "in 1998".
        let dated_before = |year: u16| {
            let sentence = segments.get_or_init(|| Segments::new(text)).sentence(text, claim.claim.clone());
            years_in(text, sentence).iter().any(|&(_, y)| y <= year as i32)
        };
        // What a claim left unreported comes to, for the list of claims.
        let values = || [("place", &text[claim.place.clone()]), ("region", &text[claim.region.clone()])];
        let unknown = |entry: &str| cx.unknown(claim.claim.clone(), || self.wording(doc.lang).fill(entry, &values()));
        match claim.verdict(kb, doc.date) {
            Verdict::Holds(x) => {
                cx.confirmed(claim.claim.clone(), || kb.source(x));
                None
            }
            Verdict::Outdated(link) if dated_before(link.year) => {
                cx.confirmed(claim.claim.clone(), || {
                    let year = link.year.to_string();
                    let [p, r] = values();
                    self.wording(doc.lang).fill("held_before", &[p, r, ("year", &year)])
                });
                None
            }
            Verdict::Outdated(link) => Some(self.report_outdated(doc, cx, claim, link)),
            Verdict::OnlyVillage(village) => {
                if !self.warn_on_village_namesakes {
                    unknown("unknown_village");
                    return None;
                }
                let Some(best) = self.misplaced(doc, cx, claim) else {
                    unknown("unknown_village");
                    return None;
                };
                if best.level == Level::Village {
                    unknown("unknown_village");
                    return None;
                }
                let mut f = self.report(doc, cx, claim, best);
                let w = self.wording(doc.lang);
                let v = kb.place(village);
                let within = kb
                    .ancestors(village)
                    .into_iter()
                    .find(|&a| matches!(kb.place(a).level, Level::Regency | Level::Kota));
                let names = naming_lang(kb, cx, doc.lang, claim.regions[0].place, &text[claim.region.clone()]);
                let within = within.map(|r| kb.display_name(r, names.as_str()).to_string()).unwrap_or_default();
                f.message = w.fill(
                    "village_message",
                    &[("place", &text[claim.place.clone()]), ("region", &text[claim.region.clone()])],
                );
                let values = [
                    ("place", &text[claim.place.clone()]),
                    ("region", &text[claim.region.clone()]),
                    ("village", v.name),
                    ("regency", within.as_str()),
                ];
                // The village lies there: no "none of the places" line.
                f.evidence.truncate(2);
                f.evidence.insert(1, w.fill("village", &values));
                f.sources.push(kb.source(village));
                f.severity = Some(Severity::Warning);
                Some(f)
            }
            Verdict::Wrong => {
                let Some(best) = self.misplaced(doc, cx, claim) else {
                    unknown("unknown_namesake");
                    return None;
                };
                Some(self.report(doc, cx, claim, best))
            }
        }
    }

    /// The place the writer most likely means, when no namesake the knowledge lacks could make
    /// the claim right.
    fn misplaced<'k>(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'k>,
        claim: &PlaceClaim,
    ) -> Option<crate::knowledge::Place<'k>> {
        let kb = cx.knowledge;
        let text = doc.text();
        let x_text = &text[claim.place.clone()];
        let main: Vec<&Posting> = claim.places.iter().filter(|p| !p.alternate).collect();
        let region_countries: HashSet<PlaceId> =
            claim.regions.iter().filter_map(|r| kb.place(r.place).country).collect();
        let in_claimed_country =
            |p: &&Posting| kb.place(p.place).country.is_some_and(|c| region_countries.contains(&c));
        // A name known only as a variant spelling ("Kairo", "Den Haag") counts when none of the
        // places it names lies in the claimed country and one of them dwarfs the others.
        let readings: Vec<&Posting> = if main.is_empty() {
            if claim.places.iter().any(|p| in_claimed_country(&p)) {
                return None;
            }
            let mut by_size: Vec<&Posting> = claim.places.iter().collect();
            by_size.sort_by_key(|p| std::cmp::Reverse(kb.place(p.place).population));
            let top = kb.place(by_size[0].place).population;
            let rest: u64 = by_size[1..].iter().map(|p| kb.place(p.place).population).sum();
            if top < self.same_country_min_population || top < rest.saturating_mul(self.same_country_dominance) {
                return None;
            }
            by_size.truncate(1);
            by_size
        } else {
            main
        };
        // A village shares its name with places everywhere: a name known only as villages is
        // too weak to accuse.
        let weighty = |p: &crate::knowledge::Place<'_>| p.level != Level::Village;
        let best = readings.iter().map(|p| kb.place(p.place)).filter(weighty).max_by_key(|p| {
            // A city before a division of the same name ("Hamburg" the city, not the state).
            // A kota or regency before a kecamatan that shares its name.
            (
                p.kind == PlaceKind::City,
                matches!(p.feature, Feature::Capital | Feature::RegionSeat),
                matches!(p.level, Level::Regency | Level::Kota),
                p.population,
            )
        })?;
        if best.geonameid.is_none() && !best.level.is_mapped() {
            // A place the user's own knowledge adds is one they mean.
            return Some(best);
        }
        if region_countries.iter().all(|&c| kb.is_mapped_country(c)) {
            // The map is complete there, and no place of that name of any level lies in the
            // claimed region.
            return Some(best);
        }
        let same_country: Vec<crate::knowledge::Place<'_>> = claim
            .places
            .iter()
            .filter(|p| in_claimed_country(p))
            .map(|p| kb.place(p.place))
            // A division and the city that shares its name and lies in it are one place.
            .filter(|p| p.id == best.id || !(kb.lies_in(best.id, p.id) || kb.lies_in(p.id, best.id)))
            .collect();
        let notable = |p: &crate::knowledge::Place<'_>| match p.kind {
            PlaceKind::City => p.feature.is_seat() || p.population >= self.unique_min_population,
            PlaceKind::District => matches!(p.level, Level::Regency | Level::Kota),
            PlaceKind::Region | PlaceKind::Country => true,
        };
        if same_country.is_empty() {
            // No place of that name anywhere in the claimed country. When the claim names a
            // region of another country, a namesake would have to be missing from the region's
            // gazetteer. That is unlikely for a name the gazetteer knows in one country only (a
            // name local to it: "Wintersville, Maharashtra") or for a city that dwarfs every
            // other bearer of its name; a name borne in several countries is one settlers
            // carried ("Stroud, Ontario" is a hamlet the gazetteer lacks). When the claim names
            // a country, the name may be a spelling of one of its places the gazetteer lacks
            // ("Wina" for Vienna), so only a notable place is taken as meant.
            let claims_region = claim.regions.iter().any(|r| kb.place(r.place).kind != PlaceKind::Country);
            if !claims_region {
                return notable(&best).then_some(best);
            }
            let countries: HashSet<Option<PlaceId>> =
                claim.places.iter().map(|p| kb.place(p.place)).filter(weighty).map(|p| p.country).collect();
            let big = best.population >= self.same_country_min_population;
            return (countries.len() <= 1 || big).then_some(best);
        }
        if !same_country.iter().any(|p| p.id == best.id) {
            // Namesakes in the claimed country, but the best reading is abroad: which is meant is
            // unclear.
            return None;
        }
        let ordinary = x_text
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .all(|w| cx.lexicons.has_word(doc.lang, &self.common_words_list, w));
        if same_country.len() == 1 {
            // The name is borne once in the country: a namesake in the claimed region would have
            // to be missing from the gazetteer, and an ordinary word is a likely one.
            return (!ordinary && notable(&best)).then_some(best);
        }
        // Against the namesakes that bear it as their main name: "Pittsburg", a variant, is not
        // what a writer of "Pittsburgh" means.
        let main_ids: HashSet<PlaceId> = claim.places.iter().filter(|p| !p.alternate).map(|p| p.place).collect();
        let others: u64 =
            same_country.iter().filter(|p| p.id != best.id && main_ids.contains(&p.id)).map(|p| p.population).sum();
        (best.population >= self.same_country_min_population
            && best.population >= others.saturating_mul(self.same_country_dominance))
        .then_some(best)
    }

    fn report(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        claim: &PlaceClaim,
        best: crate::knowledge::Place<'_>,
    ) -> Finding {
        let kb = cx.knowledge;
        let text = doc.text();
        let w = self.wording(doc.lang);
        let x_text = &text[claim.place.clone()];
        let y_text = &text[claim.region.clone()];
        let y_best = kb.place(claim.regions[0].place);
        let names = naming_lang(kb, cx, doc.lang, y_best.id, y_text);
        let names = names.as_str();
        let lang = doc.lang.as_str();
        // The region and country the place lies in, named as the document names places.
        // The regency: the best reading's, or that of another reading of the name in the same
        // region (the kecamatan Cibinong for the GeoNames town).
        let regency_of = |id: PlaceId| {
            kb.ancestors(id).into_iter().find(|&a| matches!(kb.place(a).level, Level::Regency | Level::Kota))
        };
        let actual_regency = regency_of(best.id).or_else(|| {
            claim
                .places
                .iter()
                .filter(|p| kb.region_of(p.place) == kb.region_of(best.id))
                .find_map(|p| regency_of(p.place))
        });
        let actual_region = kb.region_of(best.id).filter(|r| *r != best.id);
        let actual_country = best.country;
        let mut actual_parts = Vec::new();
        if y_best.kind == PlaceKind::District {
            if let Some(r) = actual_regency {
                actual_parts.push(kb.display_name(r, names).to_string());
            }
        }
        if let Some(r) = actual_region {
            actual_parts.push(kb.display_name(r, names).to_string());
        }
        if let Some(c) = actual_country {
            actual_parts.push(kb.display_name(c, lang).to_string());
        }
        let actual = actual_parts.join(", ");
        let population = if best.population > 0 {
            w.fill("population", &[("number", &self.population_words(cx, doc.lang, best.population))])
        } else {
            String::new()
        };
        let mut evidence =
            vec![w.fill("is_in", &[("place", best.name), ("population", &population), ("actual", &actual)])];
        let mut y_desc = self.describe_region(kb, doc.lang, y_best.id, y_text);
        for other in claim.regions.iter().skip(1).take(2) {
            let what = self.describe_region(kb, doc.lang, other.place, "");
            y_desc.push_str(&w.fill("also", &[("what", what.trim())]));
        }
        evidence.push(y_desc.clone());
        let named = claim.places.iter().filter(|p| !p.alternate).count();
        if named > 1 {
            evidence.push(w.fill("none_of", &[("count", &named.to_string()), ("place", x_text), ("region", y_text)]));
        }
        let replacement = match y_best.kind {
            PlaceKind::Country => actual_country.map(|c| kb.display_name(c, lang).to_string()),
            PlaceKind::District => actual_regency.or(actual_region).map(|r| kb.display_name(r, names).to_string()),
            _ => actual_region.or(actual_country).map(|r| kb.display_name(r, names).to_string()),
        };
        let span = claim.claim.clone();
        let suggestion = replacement
            .map(|r| format!("{}{}{}", &text[span.start..claim.region.start], r, &text[claim.region.end..span.end]));
        let mut sources = vec![kb.source(best.id), kb.source(y_best.id)];
        sources.dedup();
        let values = [("place", x_text), ("region", y_text), ("actual", actual.as_str())];
        let message = w.message(&values).unwrap_or_else(|| cx.rule.render_message(&values));
        Finding {
            range: span,
            message,
            evidence,
            suggestion,
            sources,
            labels: vec![(claim.region.clone(), y_desc)],
            severity: None,
        }
    }

    /// A claim that was right before the map changed: a warning that names the change.
    fn report_outdated(&self, doc: &Document<'_>, cx: &CheckCx<'_>, claim: &PlaceClaim, link: Link) -> Finding {
        let kb = cx.knowledge;
        let text = doc.text();
        let w = self.wording(doc.lang);
        let x_text = &text[claim.place.clone()];
        let y_text = &text[claim.region.clone()];
        let names = naming_lang(kb, cx, doc.lang, link.other, y_text);
        let names = names.as_str();
        let part = kb.display_name(link.region, names).to_string();
        let year = if link.year == 0 { "?".to_string() } else { link.year.to_string() };
        let values = [("place", x_text), ("region", y_text), ("part", part.as_str()), ("year", year.as_str())];
        let template = match link.kind {
            crate::knowledge::gazetteer::LinkKind::Replaced => w.text("replaced"),
            _ => w.text("outdated"),
        };
        let evidence = fill_template(template, &values);
        let span = claim.claim.clone();
        let suggestion =
            Some(format!("{}{}{}", &text[span.start..claim.region.start], part, &text[claim.region.end..span.end]));
        let mut sources = vec![kb.source(link.region), kb.source(link.other)];
        sources.dedup();
        Finding {
            range: span,
            message: w.fill("outdated_message", &values),
            evidence: vec![evidence.clone()],
            suggestion,
            sources,
            labels: vec![(claim.region.clone(), self.describe_region(kb, doc.lang, link.other, y_text))],
            severity: Some(Severity::Warning),
        }
    }
}
