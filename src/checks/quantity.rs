//! `quantity`: a figure that the record puts elsewhere ("8,6 juta" where the record says 6.887
//! million).
//!
//! Why: a wrong figure survives copy editing more easily than any other error: it reads as
//! well as the right one. A newsroom's record of key figures, with their dates, units and
//! sources, lets the checker compare.
//!
//! How: the rule's patterns find figures (a `number` group, with optional `scale`,
//! `unit_before`, `unit_after` and `bound` groups), which the shared number reader
//! ([`crate::recognize::numbers`]) reads in the document's notation and sorts from look-alikes
//! (years, days of dates, identifiers). A figure is compared with a fact when its clause names
//! the fact's subject (a place's names, a person's, or the fact's own subject words) and one of
//! the ways to name its measure in the document's language, and the units agree: a fact whose
//! unit a lexicon defines (percent, IDR, USD) matches only figures written with that unit, any
//! other unit (vehicles) matches figures written without one. A figure with a year next to it
//! is compared only with facts of that year; a figure without one, only with a fact for the
//! latest period that had ended by the document's date (none when the document has no date); nor is a clause with a hedge word ("will", "diperkirakan"), nor
//! a clause about part of a period ("first half", "kuartal") against a fact for a longer one, nor a
//! plain number a hundred times off the fact's order of magnitude (it counts something else).
//! The figure is wrong when it lies outside the fact's tolerance plus the rounding of the
//! written figure ("6,8 juta" may stand for anything from 6.75 to 6.85 million); "lebih dari",
//! "more than", "nearly" make it a bound. When any figure of the clause agrees with the record,
//! or the clause holds more figures than the settings allow, nothing is reported.
//!
//! Example: "Penjualan tahunan kendaraan listrik di Tiongkok mencapai 8,6 juta unit" -> the
//! record has China's new-energy-vehicle sales in 2022 at 6,887,000 vehicles (CAAM); suggestion
//! "6,9 juta unit".

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::first_claims;
use crate::knowledge::records::{Fact, FactId, Phrase, Subject};
use crate::knowledge::{Knowledge, PlaceId};
use crate::lexicon::Lexicons;
use crate::lexicon::{folded_set, WordSet};
use crate::recognize::numbers::{
    format_number, format_trimmed, years_in, Bound, Notation, NumberMention, NumberReader,
};
use crate::recognize::people::{places_at, record_phrases_at};
use crate::recognize::{clauses, word_starts, Segments};
use crate::source::LocatedError;
use crate::vocab::fold::fold;
use crate::vocab::Lang;
use chrono::Datelike;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

pub const INFO: KindInfo = KindInfo {
    name: "quantity",
    required_groups: &["number"],
    optional_groups: &["scale", "unit_before", "unit_after", "bound", "claim"],
    needs_patterns: true,
    reads_claims: true,
    message_values: &["number", "value", "subject", "measure", "date"],
    groups_doc: "`number` (required), `scale`, `unit_before`, `unit_after`, `bound`, `claim`",
    settings_doc: "`clause_words`, `max_figures`, `hedge_words`, `part_words`, `wording.LANG` (message, evidence, dates and month names per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(Quantity::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// `[settings]` of a quantity rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Words that, after a comma, begin a new clause (", and Europe sold ...", ", sedangkan
    /// ..."): a figure there is not about what the clause before names.
    pub clause_words: Vec<String>,
    /// A clause with more figures than this that could be about a fact is a list or a
    /// comparison: not checked (default 3).
    pub max_figures: Option<usize>,
    /// Words that make a clause a forecast, target or possibility rather than a record ("will",
    /// "expected", "diperkirakan", "ditargetkan"): its figures are not checked.
    pub hedge_words: Vec<String>,
    /// Words that show a figure covers part of a period ("first half", "quarter", "January",
    /// "semester", "kuartal"): a clause with one is not checked against a fact recorded for a
    /// longer period (a year's sales) than a month.
    pub part_words: Vec<String>,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a quantity rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &[
        "date",
        "day_month",
        "month_year",
        "between",
        "has_at",
        "as_of",
        "stated",
        "lower_bound",
        "upper_bound",
        "off",
        "above",
        "below",
        "rounding",
        "undated",
        "unknown_hedged",
        "unknown_list",
        "unknown_period",
    ],
    optional: &["message"],
    lists: &[("months", 12)],
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct Quantity {
    clause_words: WordSet,
    max_figures: usize,
    hedge_words: WordSet,
    part_words: WordSet,
    wording: Wording,
}

impl Quantity {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<Quantity, LocatedError> {
        if s.max_figures == Some(0) {
            return Err(cx.error(0, "in [settings]: max_figures must be at least 1"));
        }
        Ok(Quantity {
            wording: Wording::compile(s.wording, ENTRIES, cx)?,
            clause_words: folded_set(&s.clause_words),
            max_figures: s.max_figures.unwrap_or(3),
            hedge_words: folded_set(&s.hedge_words),
            part_words: folded_set(&s.part_words),
        })
    }
}

impl Check for Quantity {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let kb = cx.knowledge;
        if kb.records().facts.is_empty() {
            return;
        }
        let text = doc.text();
        let reader = NumberReader::new(cx.lexicons, doc.lang);
        let mut figures: Vec<NumberMention> = Vec::new();
        first_claims(
            cx.patterns_in_doc(doc),
            text,
            |caps| reader.read(text, caps),
            |m| m.digits.clone(),
            |m| {
                figures.push(m);
                true
            },
        );
        figures.sort_by_key(|f| f.range.start);
        // Sentences once per document, clauses once per sentence with figures.
        let segments = Segments::new(text);
        let mut clause_cache: HashMap<(usize, usize), Vec<Range<usize>>> = HashMap::new();
        let mut by_clause: BTreeMap<(usize, usize), Vec<NumberMention>> = BTreeMap::new();
        for f in figures {
            let at = f.digits.start;
            let sentence = segments.sentence(text, f.digits.clone());
            let clauses = clause_cache
                .entry((sentence.start, sentence.end))
                .or_insert_with(|| clauses(text, sentence.clone(), &self.clause_words));
            let Some(c) = clauses.iter().find(|c| c.start <= at && at < c.end) else { continue };
            by_clause.entry((c.start, c.end)).or_default().push(f);
        }
        for ((start, end), figures) in by_clause {
            if let Some(f) = self.examine_clause(doc, cx, start..end, &figures, reader.notation()) {
                out.push(f);
            }
        }
    }
}

/// The facts a clause names, with where their measure words stand.
fn named_facts(kb: &Knowledge, text: &str, lang: Lang, clause: Range<usize>) -> Vec<(FactId, usize)> {
    let rec = kb.records();
    let mut subjects: HashSet<FactId> = HashSet::new();
    // (fact, alt) -> parts seen, and where the first one stands.
    let mut parts: HashMap<(FactId, u16), (HashSet<u16>, usize)> = HashMap::new();
    let starts = word_starts(text, clause.clone());
    for &w in &starts {
        for (_, phrases) in record_phrases_at(kb, text, w, clause.end) {
            for p in phrases {
                match p {
                    Phrase::Subject(f) => {
                        subjects.insert(f);
                    }
                    Phrase::Measure { fact, lang: l, alt, part } if l == lang => {
                        parts.entry((fact, alt)).or_insert_with(|| (HashSet::new(), w)).0.insert(part);
                    }
                    _ => {}
                }
            }
        }
    }
    let mut measured: Vec<(FactId, usize)> = Vec::new();
    for ((fact, alt), (seen, at)) in &parts {
        let f = rec.fact(*fact);
        let wanted = f.measures.get(*alt as usize).map_or(usize::MAX, |(_, p)| p.len());
        if seen.len() == wanted {
            match measured.iter_mut().find(|(x, _)| x == fact) {
                Some(m) => m.1 = m.1.min(*at),
                None => measured.push((*fact, *at)),
            }
        }
    }
    if measured.is_empty() {
        return measured;
    }
    // Place subjects: walk the gazetteer only when a measure was named.
    let mut places: HashSet<PlaceId> = HashSet::new();
    if measured.iter().any(|(f, _)| matches!(rec.fact(*f).subject, Some(Subject::Place(_)))) {
        for &w in &starts {
            for (_, postings) in places_at(kb, text, w, clause.end) {
                places.extend(postings.iter().map(|p| p.place));
            }
        }
    }
    measured.retain(|(f, _)| {
        subjects.contains(f) || matches!(rec.fact(*f).subject, Some(Subject::Place(p)) if places.contains(&p))
    });
    measured.sort();
    measured
}

/// True when a word or two-word phrase of `set` stands in the clause.
fn has_any(set: &WordSet, text: &str, clause: Range<usize>) -> bool {
    if set.is_empty() {
        return false;
    }
    let words: Vec<String> = text[clause]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    words
        .iter()
        .enumerate()
        .any(|(i, w)| set.contains(w) || words.get(i + 1).is_some_and(|n| set.contains(&format!("{w} {n}"))))
}

/// True when a figure's unit fits a fact's: a unit the lexicons define must be written; any
/// other unit is a count, written without one.
fn unit_agrees(lexicons: &Lexicons, figure: &NumberMention, fact: &Fact) -> bool {
    match (&figure.unit, &fact.unit) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (Some(_), None) => false,
        (None, Some(b)) => !lexicons.is_unit(b),
        (None, None) => true,
    }
}

/// False for a plain number far from the fact's order of magnitude: "14" in "China's 14 new
/// energy vehicle makers" counts something else. A figure with a scale word or a unit ("6,8
/// ribu" for "6,8 juta") is always compared: a slipped scale is an error worth reporting.
fn plausible_magnitude(figure: &NumberMention, fact: &Fact) -> bool {
    if figure.scale_word.is_some() || figure.unit.is_some() || fact.value == 0.0 {
        return true;
    }
    let ratio = (figure.value / fact.value).abs();
    (0.01..=100.0).contains(&ratio)
}

/// True when the figure agrees with the fact within its tolerance and the figure's rounding.
fn agrees(figure: &NumberMention, fact: &Fact) -> bool {
    let slack = fact.tolerance.amount(fact.value) + figure.rounding() + 1e-9 * fact.value.abs().max(1.0);
    match figure.bound {
        Bound::Exact | Bound::About => (figure.value - fact.value).abs() <= slack,
        Bound::AtLeast => fact.value >= figure.value - slack,
        Bound::AtMost => fact.value <= figure.value + slack,
    }
}

impl Quantity {
    /// True when a hedge word (or two-word hedge) stands in the clause.
    fn hedged(&self, text: &str, clause: Range<usize>) -> bool {
        has_any(&self.hedge_words, text, clause)
    }

    fn examine_clause(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        clause: Range<usize>,
        figures: &[NumberMention],
        notation: Notation,
    ) -> Option<Finding> {
        let kb = cx.knowledge;
        let rec = kb.records();
        let text = doc.text();
        let facts = named_facts(kb, text, doc.lang, clause.clone());
        if facts.is_empty() {
            return None;
        }
        // Figures that could be about a fact the clause names, noted when left unjudged.
        let unknown = |entry: &str| {
            for fig in figures {
                if facts
                    .iter()
                    .any(|(f, _)| unit_agrees(cx.lexicons, fig, rec.fact(*f)) && plausible_magnitude(fig, rec.fact(*f)))
                {
                    cx.unknown(fig.range.clone(), || self.wording.text(doc.lang, entry).to_string());
                }
            }
        };
        if self.hedged(text, clause.clone()) {
            unknown("unknown_hedged");
            return None;
        }
        let years = years_in(text, clause.clone());
        let part_of_period = has_any(&self.part_words, text, clause.clone());
        // Each figure and the facts it may be about.
        let mut claims: Vec<(&NumberMention, Vec<FactId>)> = Vec::new();
        for fig in figures {
            let year = years.iter().min_by_key(|(at, _)| at.abs_diff(fig.digits.start)).map(|(_, y)| *y);
            let applicable: Vec<FactId> = facts
                .iter()
                .map(|(f, _)| *f)
                .filter(|f| {
                    let fact = rec.fact(*f);
                    unit_agrees(cx.lexicons, fig, fact)
                        && plausible_magnitude(fig, fact)
                        && !(part_of_period && fact.as_of.is_none_or(|a| (a.latest - a.earliest).num_days() > 31))
                        && match (year, fact.as_of) {
                            (Some(y), Some(a)) => a.earliest.year() <= y && y <= a.latest.year(),
                            // Without a year the figure is the latest one as of the document's
                            // date: compared only with a fact for a period that had ended by
                            // then and had not yet been followed by the next (a year, or the
                            // period's own length when longer). Undated: nothing to compare.
                            (None, Some(a)) => doc.date.is_some_and(|d| {
                                let span = (a.latest - a.earliest).num_days().max(365);
                                a.latest < d && (d - a.latest).num_days() <= span + 1
                            }),
                            (_, None) => true,
                        }
                })
                .collect();
            if !applicable.is_empty() {
                claims.push((fig, applicable));
            }
        }
        if claims.is_empty() {
            unknown("unknown_period");
            return None;
        }
        if claims.len() > self.max_figures {
            unknown("unknown_list");
            return None;
        }
        if let Some((fig, fact)) =
            claims.iter().find_map(|(fig, fs)| fs.iter().find(|f| agrees(fig, rec.fact(**f))).map(|f| (fig, *f)))
        {
            cx.confirmed(fig.range.clone(), || rec.fact(fact).source.clone());
            return None;
        }
        // The figure nearest the measure words is the claim.
        let measure_at = facts.iter().map(|(_, at)| *at).min().unwrap_or(clause.start);
        let (fig, fs) = claims.iter().min_by_key(|(fig, _)| fig.digits.start.abs_diff(measure_at))?;
        let fact = fs.iter().map(|f| rec.fact(*f)).max_by_key(|f| f.as_of.map(|a| a.latest))?;
        Some(self.finding(doc, cx, fig, fact, notation))
    }

    fn finding(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        fig: &NumberMention,
        fact: &Fact,
        notation: Notation,
    ) -> Finding {
        let kb = cx.knowledge;
        let text = doc.text();
        let written = &text[fig.range.clone()];
        let unit_words = |v: String| match fact.unit.as_deref() {
            Some(u) if u.eq_ignore_ascii_case("percent") => format!("{v}%"),
            Some(u) => format!("{v} {u}"),
            None => v,
        };
        let (w, lang) = (&self.wording, doc.lang);
        let measure = fact.label_in(lang).to_string();
        let recorded = unit_words(format_trimmed(fact.value, 3, notation));
        let when = fact.as_of.map(|a| w.fuzzy_date(lang, a.earliest, a.latest));
        let as_of = when.as_ref().map(|d| w.fill(lang, "as_of", &[("date", d)])).unwrap_or_default();
        let mut evidence =
            vec![w.fill(lang, "has_at", &[("measure", &measure), ("value", &recorded), ("as_of", &as_of)])];
        let diff = if fact.value != 0.0 { (fig.value - fact.value) / fact.value.abs() * 100.0 } else { 0.0 };
        let stated_value = unit_words(format_trimmed(fig.value, 3, notation));
        let stated = w.fill(lang, "stated", &[("written", written), ("value", &stated_value)]);
        evidence.push(match fig.bound {
            Bound::AtLeast => w.fill(lang, "lower_bound", &[("stated", &stated)]),
            Bound::AtMost => w.fill(lang, "upper_bound", &[("stated", &stated)]),
            _ => {
                let share = format_number(diff.abs(), 1, notation);
                let direction = w.text(lang, if diff > 0.0 { "above" } else { "below" });
                let rounding = if fig.rounding() > 0.0 { w.text(lang, "rounding") } else { "" };
                w.fill(
                    lang,
                    "off",
                    &[
                        ("stated", &stated),
                        ("share", &share),
                        ("direction", direction),
                        ("tolerance", &fact.tolerance.to_string()),
                        ("rounding", rounding),
                    ],
                )
            }
        });

        // The recorded value in the document's notation, at the written scale.
        let scaled = fact.value / fig.scale;
        let shown_value = {
            let v = format_trimmed(scaled, 3, notation);
            match &fig.scale_word {
                Some(w) => format!("{v} {w}"),
                None => v,
            }
        };
        let suggestion = {
            let mut d = fig.decimals;
            let mut probe = fig.clone();
            let mut v = format_number(scaled, d, notation);
            loop {
                probe.value =
                    v.replace(notation.group, "").replace(notation.decimal, ".").parse::<f64>().unwrap_or(scaled)
                        * fig.scale;
                probe.decimals = d;
                probe.bound = Bound::Exact;
                if agrees(&probe, fact) || d >= 3 {
                    break;
                }
                d += 1;
                v = format_number(scaled, d, notation);
            }
            let r = fig.range.clone();
            let s = fig.digits.start.max(r.start);
            let e = fig.digits.end.min(r.end);
            Some(format!("{}{v}{}", &text[r.start..s], &text[e..r.end]))
        };
        let subject = match fact.subject {
            Some(Subject::Place(p)) => kb.display_name(p, doc.lang.as_str()).to_string(),
            Some(Subject::Person(p)) => kb.records().person(p).name.clone(),
            Some(Subject::Office(o)) => kb.records().office(o).title(doc.lang).to_string(),
            None => fact.subject_names.first().map(|(_, n)| n.clone()).unwrap_or_default(),
        };
        let values = [
            ("number", written),
            ("value", shown_value.as_str()),
            ("subject", subject.as_str()),
            ("measure", measure.as_str()),
            ("date", when.as_deref().unwrap_or(w.text(lang, "undated"))),
        ];
        let message = w.message(lang, &values).unwrap_or_else(|| cx.rule.render_message(&values));
        Finding {
            range: fig.range.clone(),
            message,
            evidence,
            suggestion,
            sources: vec![fact.source.clone()],
            labels: Vec::new(),
            severity: None,
        }
    }
}
