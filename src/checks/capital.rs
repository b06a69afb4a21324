//! `capital`: a city named as a country's capital that is not its capital.
//!
//! Why: "Sydney, the capital of Australia" and "ibu kota Turki, Istanbul" are common slips, and
//! the knowledge to catch them is already built in: GeoNames marks each country's capital
//! (PPLC).
//!
//! How: the rule's patterns find a `city` and a `country` written as its capital ("Jakarta, the
//! capital of Indonesia", "the Malaysian capital, Kuala Lumpur", "ibu kota Thailand, Bangkok",
//! "Canberra, ibu kota Australia", "Vientiane, Laos's capital"). The country is a country the
//! knowledge has (a demonym of the rule's `demonyms` stands for it); the city is a place it has.
//! The claim holds when the city is the country's capital in the gazetteer or one of the seats
//! the rule's `seats` list for it: a capital split between seats (Bolivia, South Africa, the
//! Netherlands, Malaysia), or one that moved, with the years (Nusantara, designated in 2022;
//! Almaty until 1997), each with its source. It is wrong when the city is a town or city the
//! knowledge knows and none of those; a former capital in an undated document, a country whose
//! capital is in dispute (`disputed`), or a name known only as a village is unknown, not wrong.
//!
//! Example: "Sydney, the capital of Australia" -> the capital of Australia is Canberra;
//! suggestion "Canberra, the capital of Australia".

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::captures_restarting;
use crate::knowledge::gazetteer::{Feature, Level, PlaceKind};
use crate::knowledge::{Knowledge, PlaceId};
use crate::source::LocatedError;
use crate::vocab::fold::fold;
use crate::vocab::Lang;
use chrono::Datelike;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

pub const INFO: KindInfo = KindInfo {
    name: "capital",
    required_groups: &["city", "country"],
    optional_groups: &["claim"],
    needs_patterns: true,
    reads_claims: true,
    message_values: &["city", "country", "capital"],
    groups_doc: "`city` and `country` (required), `claim`",
    settings_doc: "`demonyms.LANG` (an adjective and the country it names: `Malaysian = \"Malaysia\"`), `seats` (by ISO country code: seats besides the gazetteer's capital, with `from`/`until` years and a `source`), `disputed` (ISO codes whose capital is not judged), `wording.LANG`",
    compile: |settings, cx| Ok(Box::new(Capital::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// A seat of a country's capital besides the gazetteer's, or one with years.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seat {
    /// The city, as the text writes it in any of the rule's languages.
    pub names: Vec<String>,
    /// The first year it was a seat.
    pub from: Option<i32>,
    /// The year it stopped being one.
    pub until: Option<i32>,
    pub source: String,
}

/// `[settings]` of a capital rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub demonyms: BTreeMap<String, BTreeMap<String, String>>,
    pub seats: BTreeMap<String, Vec<Seat>>,
    pub disputed: Vec<String>,
    pub wording: wording::Tables,
}

const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &["capital_is", "also_seat", "former", "unknown_former", "unknown_disputed", "unknown_place"],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct Capital {
    /// Folded adjective -> country name, by language.
    demonyms: HashMap<Lang, HashMap<String, String>>,
    /// Seats by ISO code, with their names folded.
    seats: HashMap<String, Vec<(Vec<String>, Seat)>>,
    disputed: Vec<String>,
    wording: Wording,
    /// The gazetteer's capitals by country, found on the first claim.
    capitals: std::sync::OnceLock<HashMap<PlaceId, Vec<PlaceId>>>,
}

impl Capital {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<Capital, LocatedError> {
        let mut demonyms = HashMap::new();
        for (lang, table) in s.demonyms {
            let Some(l) = Lang::parse(&lang) else {
                return Err(
                    cx.error(cx.line_offset("[settings.demonyms"), format!("demonyms.{lang}: not a language code"))
                );
            };
            demonyms.insert(l, table.into_iter().map(|(k, v)| (fold(&k), v)).collect());
        }
        let seats = s
            .seats
            .into_iter()
            .map(|(code, list)| {
                (code, list.into_iter().map(|seat| (seat.names.iter().map(|n| fold(n)).collect(), seat)).collect())
            })
            .collect();
        Ok(Capital {
            demonyms,
            seats,
            disputed: s.disputed,
            wording: Wording::compile(s.wording, ENTRIES, cx)?,
            capitals: std::sync::OnceLock::new(),
        })
    }

    fn capitals_of(&self, kb: &Knowledge, country: PlaceId) -> Vec<PlaceId> {
        let all = self.capitals.get_or_init(|| {
            let mut by_country: HashMap<PlaceId, Vec<PlaceId>> = HashMap::new();
            for id in kb.world().ids() {
                let p = kb.place(id);
                if p.feature == Feature::Capital {
                    if let Some(c) = p.country {
                        by_country.entry(c).or_default().push(id);
                    }
                }
            }
            by_country
        });
        all.get(&country).cloned().unwrap_or_default()
    }

    /// The one country a name (or a demonym) stands for.
    fn country(&self, kb: &Knowledge, lang: Lang, written: &str) -> Option<PlaceId> {
        let name = self.demonyms.get(&lang).and_then(|t| t.get(&fold(written))).map_or(written, String::as_str);
        let mut countries: Vec<PlaceId> =
            kb.lookup(name).into_iter().map(|p| p.place).filter(|&p| kb.place(p).kind == PlaceKind::Country).collect();
        countries.dedup();
        (countries.len() == 1).then(|| countries[0])
    }
}

/// A name group without what a name can carry after it in a sentence: a full stop, and the
/// possessive ("Turkey's").
fn bare(text: &str, mut r: Range<usize>) -> Range<usize> {
    loop {
        let s = &text[r.clone()];
        if let Some(rest) = s.strip_suffix('.') {
            r.end = r.start + rest.len();
        } else if let Some(rest) = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")) {
            r.end = r.start + rest.len();
        } else {
            return r;
        }
    }
}

/// The city group and its tails ("In Bangkok" -> "Bangkok"), longest first.
fn city_readings(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = vec![range.clone()];
    let s = &text[range.clone()];
    for (i, c) in s.char_indices() {
        if c == ' ' {
            out.push(range.start + i + 1..range.end);
        }
    }
    out
}

impl Check for Capital {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        for re in cx.patterns_in_doc(doc) {
            captures_restarting(re, text, |caps| {
                let (city, country) = (caps.name("city")?, caps.name("country")?);
                let claim = caps.name("claim").unwrap_or_else(|| caps.get(0).expect("group 0")).range();
                // A name does not run across a sentence's end ("Bolivia. Amsterdam", not "D.C. is"):
                // each end's punctuation, and where the next sentence starts.
                let span = city.start().min(country.start())..city.end().max(country.end());
                let ends: Vec<(usize, usize)> = text[span.clone()]
                    .char_indices()
                    .filter_map(|(i, _)| {
                        let at = span.start + i;
                        crate::recognize::sentence_end_at(text, at).map(|next| (at, next))
                    })
                    .collect();
                let mut country = country.range();
                if let Some(&(at, _)) = ends.iter().find(|&&(at, _)| country.start < at && at < country.end) {
                    country.end = at;
                }
                let mut city = city.range();
                if let Some(&(_, next)) = ends.iter().rev().find(|&&(at, _)| city.start <= at && at + 1 < city.end) {
                    city.start = next.min(city.end);
                }
                if city.is_empty() || country.is_empty() {
                    return Some(claim.end);
                }
                let (city, country) = (bare(text, city), bare(text, country));
                // A claim that ends with a name ends where the name does.
                let mut claim = claim;
                if claim.end == caps.name("country").map_or(0, |m| m.end()) {
                    claim.end = country.end;
                } else if claim.end == caps.name("city").map_or(0, |m| m.end()) {
                    claim.end = city.end;
                }
                if let Some(f) = self.judge(doc, cx, claim.clone(), city, country) {
                    out.push(f);
                }
                Some(claim.end)
            });
        }
    }
}

impl Capital {
    fn judge(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        claim: Range<usize>,
        city: Range<usize>,
        country_at: Range<usize>,
    ) -> Option<Finding> {
        let kb = cx.knowledge;
        let text = doc.text();
        let lang = doc.lang;
        let country = self.country(kb, lang, &text[country_at.clone()])?;
        // The city as the knowledge names it: the longest tail of the group it has.
        let (city, postings) = city_readings(text, city).into_iter().find_map(|r| {
            let p = kb.lookup(&text[r.clone()]);
            (!p.is_empty()).then_some((r, p))
        })?;
        let city_text = &text[city.clone()];
        // A claim that starts with the city starts with the name the knowledge has.
        let claim = if city.start > claim.start
            && city.end <= claim.end
            && text[claim.start..city.start].contains(['.', ' '])
            && !text[claim.start..city.start].contains(',')
        {
            city.start..claim.end
        } else {
            claim
        };
        let country_name = kb.display_name(country, lang.as_str()).to_string();
        let values = |capital: &str| {
            [("city", city_text.to_string()), ("country", country_name.clone()), ("capital", capital.to_string())]
        };
        let fill = |entry: &str, extra: &[(&str, String)]| {
            let mut v: Vec<(&str, String)> = values("").to_vec();
            v.extend(extra.iter().cloned());
            let refs: Vec<(&str, &str)> = v.iter().map(|(k, s)| (*k, s.as_str())).collect();
            self.wording.in_lang(lang).fill(entry, &refs)
        };
        let code = kb.place(country).code.to_string();
        if self.disputed.contains(&code) {
            cx.unknown(claim.clone(), || fill("unknown_disputed", &[]));
            return None;
        }
        let capitals = self.capitals_of(kb, country);
        if let Some(&c) = capitals.iter().find(|c| postings.iter().any(|p| p.place == **c)) {
            cx.confirmed(claim.clone(), || kb.source(c));
            return None;
        }
        let year = doc.date.map(|d| d.year());
        let folded = fold(city_text);
        let seats = self.seats.get(&code).map(Vec::as_slice).unwrap_or_default();
        let current = |s: &Seat| {
            s.until.is_none_or(|u| year.is_some_and(|y| y < u)) && s.from.is_none_or(|f| year.is_none_or(|y| y >= f))
        };
        if let Some((_, seat)) = seats.iter().find(|(names, _)| names.contains(&folded)) {
            if current(seat) {
                cx.confirmed(claim.clone(), || seat.source.clone());
                return None;
            }
            match (seat.until, year) {
                (Some(until), Some(y)) if y >= until => {} // a former capital, in a later document: wrong
                (Some(until), _) => {
                    cx.unknown(claim.clone(), || fill("unknown_former", &[("year", until.to_string())]));
                    return None;
                }
                _ => {
                    cx.unknown(claim.clone(), || fill("unknown_place", &[]));
                    return None;
                }
            }
        }
        // Only a town or city the knowledge knows is said to be wrong; a name it knows only as
        // a village, a division or another country may be meant otherwise.
        let weighty = postings.iter().any(|p| {
            let place = kb.place(p.place);
            place.kind == PlaceKind::City && place.level != Level::Village && place.country.is_some()
        });
        if capitals.is_empty() || !weighty {
            cx.unknown(claim.clone(), || fill("unknown_place", &[]));
            return None;
        }
        let names: Vec<String> = capitals.iter().map(|c| kb.display_name(*c, lang.as_str()).to_string()).collect();
        let capital = names.join(" / ");
        let w = self.wording.in_lang(lang);
        let v = values(&capital);
        let refs: Vec<(&str, &str)> = v.iter().map(|(k, s)| (*k, s.as_str())).collect();
        let mut evidence = vec![w.fill("capital_is", &refs)];
        let mut sources: Vec<String> = capitals.iter().map(|c| kb.source(*c)).collect();
        let mut other_seats = Vec::new();
        for (_, seat) in seats.iter().filter(|(_, s)| current(s)) {
            let name = seat.names.first().cloned().unwrap_or_default();
            evidence.push(w.fill("also_seat", &[("seat", &name), ("country", &country_name)]));
            sources.push(seat.source.clone());
            other_seats.push(name);
        }
        if let Some((_, seat)) = seats.iter().find(|(names, _)| names.contains(&folded)) {
            let until = seat.until.unwrap_or_default().to_string();
            evidence.insert(0, w.fill("former", &[("city", city_text), ("country", &country_name), ("year", &until)]));
            sources.insert(0, seat.source.clone());
        }
        // One capital, one seat: the claim with its city replaced.
        let suggestion = (names.len() == 1 && other_seats.is_empty()).then(|| {
            let mut s = text[claim.clone()].to_string();
            s.replace_range(city.start - claim.start..city.end - claim.start, &names[0]);
            s
        });
        let message = self.wording.message(lang, &refs).unwrap_or_else(|| cx.rule.render_message(&refs));
        Some(Finding {
            range: claim,
            message,
            evidence,
            suggestion,
            sources,
            labels: vec![(country_at, w.fill("capital_is", &refs))],
            severity: None,
        })
    }
}
