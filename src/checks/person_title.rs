//! `person-title`: a person given an office the record says they did not hold on the document's
//! date.
//!
//! Why: a minister quoted under the wrong title ("Agus Gumiwang Kartasasmita, Menteri
//! Perdagangan") misleads readers about who speaks for whom, and titles go stale as cabinets
//! change; a newsroom's own record of who held which office since when settles it.
//!
//! How: the rule's patterns find a `title` group and, for "Name, Title" forms, a `person` group
//! before it. With a `person` group before the title, the person is the longest known name that
//! ends the group, and the title must begin the title group (after lead words such as "the" and
//! a qualifier such as "Indonesia's"). Otherwise ("Title Name", "kata Title Name") the title is
//! the first known title in the group, and the person's name must follow it. Titles are matched
//! in every language, longest first ("Menteri Perindustrian dan Teknologi Informasi" over
//! "Menteri Perindustrian"); a qualifier before or after the title ("Indonesia's", "Laos",
//! "Chairman, Huawei Technologies Co", "of Huawei") picks among offices with the same title.
//! Unknown persons, unknown titles, titles a qualifier the record does not know follows, titles
//! after words such as "former", "wakil" or "deputy", and an organisation's title ("Chairman")
//! with no qualifier given to someone the record places in no office of that organisation
//! ("chairman of the Golkar Party") are not claims.
//!
//! The claim is wrong when, on the document's date, the record is sure the person held another
//! office, or that someone else held the (single-holder) office named; it stands whenever the
//! person may have held the office then (dates known only to the month or year count as "may").
//! A sentence that names other years widens the date to them. Without a document date, a claim
//! is reported (as a warning) only when the record knows the person in one office alone, still
//! held, and never in the one named.
//!
//! Example: "Agus Gumiwang Kartasasmita, Menteri Perdagangan Indonesia" on 5 July 2023 -> the
//! record has him as Minister of Industry (Indonesia) from 23 October 2019, and Zulkifli Hasan
//! as Minister of Trade; suggestion "Agus Gumiwang Kartasasmita, Menteri Perindustrian
//! Indonesia".

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::captures_restarting;
use crate::knowledge::records::{OfficeId, PersonId, Tenure, Window};
use crate::knowledge::Knowledge;
use crate::lexicon::{folded_set, WordSet};
use crate::recognize::numbers::years_in;
use crate::recognize::people::{
    person_ending_at, person_starting_at, qualifier_ending_at, qualifier_starting_at, title_starting_at,
    QualifierMatch, TitleMatch,
};
use crate::recognize::{word_after, word_before, word_starts, Segments};
use crate::source::LocatedError;
use crate::vocab::fold::fold;
use crate::vocab::{Lang, Severity};
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;

pub const INFO: KindInfo = KindInfo {
    name: "person-title",
    required_groups: &["title"],
    optional_groups: &["person", "claim"],
    needs_patterns: true,
    reads_claims: true,
    message_values: &["person", "title", "actual", "holder", "date"],
    groups_doc: "`title` (required), `person`, `claim`",
    settings_doc: "`not_before_title`, `qualifier_joiners`, `lead_words`, `wording.LANG` (message, evidence, label, dates and month names per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(PersonTitle::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// `[settings]` of a person-title rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Words that, right before a title, make it another office or another time ("former",
    /// "deputy", "mantan", "wakil"): no claim.
    pub not_before_title: Vec<String>,
    /// Words that may join a title to the qualifier after it ("of", "the", "dari").
    pub qualifier_joiners: Vec<String>,
    /// Words that may stand between "Name," and the title ("the", "sang").
    pub lead_words: Vec<String>,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a person-title rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &[
        "date",
        "day_month",
        "month_year",
        "between",
        "has_as",
        "only_as",
        "from_to",
        "from",
        "until",
        "no_dates",
        "any_date",
        "sentence_years",
        "held_by",
        "unknown_then",
        "unknown_undated",
    ],
    optional: &["message"],
    lists: &[("months", 12)],
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct PersonTitle {
    not_before_title: WordSet,
    qualifier_joiners: WordSet,
    lead_words: WordSet,
    wording: Wording,
}

impl PersonTitle {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<PersonTitle, LocatedError> {
        Ok(PersonTitle {
            wording: Wording::compile(s.wording, ENTRIES, cx)?,
            not_before_title: folded_set(&s.not_before_title),
            qualifier_joiners: folded_set(&s.qualifier_joiners),
            lead_words: folded_set(&s.lead_words),
        })
    }
}

/// A claim read from a match: who, which title, and the words around it.
struct Claim {
    person: Range<usize>,
    person_id: PersonId,
    title: TitleMatch,
    before: Option<QualifierMatch>,
    after: Option<QualifierMatch>,
    /// The offices the title and its qualifiers leave.
    offices: Vec<OfficeId>,
    range: Range<usize>,
}

/// Skips spaces and tabs (not line breaks).
fn skip_spaces(text: &str, pos: usize) -> usize {
    pos + (text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len())
}

/// Skips a possessive ending and the spaces after it: "'s ", "’ ".
fn skip_possessive(text: &str, pos: usize) -> usize {
    skip_spaces(text, pos + crate::vocab::words::possessive_prefix_len(&text[pos..]))
}

impl PersonTitle {
    fn in_set(&self, set: &WordSet, text: &str, w: &Range<usize>) -> bool {
        set.contains(&fold(&text[w.clone()]))
    }

    /// True when a word that changes the office's meaning stands right before `pos` ("former
    /// Minister", "Wakil Menteri", "pelaksana tugas Menteri").
    fn blocked(&self, text: &str, pos: usize) -> bool {
        let Some(w1) = word_before(text, pos) else { return false };
        if self.in_set(&self.not_before_title, text, &w1) || text[w1.clone()].ends_with('-') {
            return true;
        }
        word_before(text, w1.start)
            .is_some_and(|w2| self.not_before_title.contains(&fold(&format!("{} {}", &text[w2], &text[w1.clone()]))))
    }

    /// The qualifier after a title: ", Huawei Technologies Co", " of Huawei", " Indonesia".
    fn qualifier_after(&self, kb: &Knowledge, text: &str, end: usize) -> Option<QualifierMatch> {
        let mut pos = end;
        if text[pos..].starts_with(',') {
            pos += 1;
        }
        pos = skip_spaces(text, pos);
        if pos == end {
            return None;
        }
        loop {
            match word_after(text, pos) {
                Some(w) if w.start == pos && self.in_set(&self.qualifier_joiners, text, &w) => {
                    pos = skip_spaces(text, w.end);
                }
                _ => break,
            }
        }
        // A person's name is not a qualifier.
        if person_starting_at(kb, text, pos).is_some() {
            return None;
        }
        qualifier_starting_at(kb, text, pos, text.len())
    }

    /// "Name, Title": the person ends the `person` group; the title begins the `title` group.
    fn name_first(
        &self,
        kb: &Knowledge,
        text: &str,
        person_group: Range<usize>,
        title_group: Range<usize>,
    ) -> Option<Claim> {
        let person = person_ending_at(kb, text, person_group)?;
        let mut at = title_group.start;
        while let Some(w) = word_after(text, at).filter(|w| w.start == at && self.in_set(&self.lead_words, text, w)) {
            at = skip_spaces(text, w.end);
        }
        let mut before = None;
        if title_starting_at(kb, text, at, text.len()).is_none() {
            let q = qualifier_starting_at(kb, text, at, title_group.end)?;
            at = skip_possessive(text, q.range.end);
            before = Some(q);
        }
        let title = title_starting_at(kb, text, at, text.len())?;
        let after = self.qualifier_after(kb, text, title.range.end);
        let end = after.as_ref().map_or(title.range.end, |q| q.range.end);
        // A capitalised word right after the title is a qualifier the record does not know, or
        // the name of whoever the title belongs to: "X, Menteri Perdagangan Zulkifli Hasan".
        let next = skip_spaces(text, end);
        if next > end && text[next..].starts_with(char::is_uppercase) {
            return None;
        }
        let single = (person.persons.len() == 1).then(|| person.persons[0])?;
        Some(Claim {
            range: person.range.start..end,
            person: person.range,
            person_id: single,
            title,
            before,
            after,
            offices: Vec::new(),
        })
    }

    /// "Title Name": every known title in the `title` group that the person's name follows
    /// ("Menteri Perindustrian Agus Gumiwang dan Menteri Perdagangan Zulkifli Hasan").
    fn title_first(&self, kb: &Knowledge, text: &str, title_group: Range<usize>) -> Vec<Claim> {
        let mut claims = Vec::new();
        let mut after = title_group.start;
        for w in word_starts(text, title_group.clone()) {
            if w < after {
                continue;
            }
            let Some(title) = title_starting_at(kb, text, w, text.len()) else { continue };
            after = title.range.end;
            if let Some(claim) = self.title_then_person(kb, text, title) {
                after = claim.range.end;
                claims.push(claim);
            }
        }
        claims
    }

    fn title_then_person(&self, kb: &Knowledge, text: &str, title: TitleMatch) -> Option<Claim> {
        if self.blocked(text, title.range.start) {
            return None;
        }
        let before = qualifier_ending_at(kb, text, title.range.start);
        let after = self.qualifier_after(kb, text, title.range.end);
        let end = after.as_ref().map_or(title.range.end, |q| q.range.end);
        let at = skip_spaces(text, end);
        if at == end {
            return None;
        }
        let person = person_starting_at(kb, text, at)?;
        let single = (person.persons.len() == 1).then(|| person.persons[0])?;
        let start = before.as_ref().map_or(title.range.start, |q| q.range.start);
        Some(Claim {
            range: start..person.range.end,
            person: person.range,
            person_id: single,
            title,
            before,
            after,
            offices: Vec::new(),
        })
    }
}

impl Check for PersonTitle {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let kb = cx.knowledge;
        if kb.records().persons.is_empty() || kb.records().offices.is_empty() {
            return;
        }
        let text = doc.text();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut segments: Option<Segments> = None;
        for re in cx.patterns_in_doc(doc) {
            captures_restarting(re, text, |caps| {
                let tg = caps.name("title")?;
                let pg = caps.name("person").filter(|p| p.end() <= tg.start());
                let claims = match pg {
                    Some(p) => self.name_first(kb, text, p.range(), tg.range()).into_iter().collect(),
                    None => self.title_first(kb, text, tg.range()),
                };
                for mut claim in claims {
                    if let Some(c) = caps.name("claim") {
                        claim.range = c.range();
                    }
                    claim.offices = claim.title.offices.clone();
                    for q in claim.before.iter().chain(claim.after.iter()) {
                        claim.offices.retain(|o| q.qualifies(kb, *o));
                    }
                    if claim.before.is_none() && claim.after.is_none() {
                        claim.offices.retain(|o| in_persons_sphere(kb, claim.person_id, *o));
                    }
                    if claim.offices.is_empty() || !seen.insert((claim.person.start, claim.title.range.start)) {
                        continue;
                    }
                    let segments = segments.get_or_insert_with(|| Segments::new(text));
                    if let Some(f) = self.examine(doc, cx, &claim, segments) {
                        out.push(f);
                    }
                }
                // After "Name, Title", go on from the title: it may hold the next claim's name.
                // A title-first reading looked at every word of its group already.
                Some(match pg {
                    Some(_) => tg.start(),
                    None => caps.get(0).map_or(tg.end(), |w| w.end()),
                })
            });
        }
    }
}

/// Whether an unqualified title may name `office` for this person. Titles such as "Chairman"
/// or "CEO" are reused by every organisation: one names an organisation's office only for a
/// person the record places in that organisation ("Chairman Liang Hua", not "chairman
/// Airlangga Hartarto" of a party the record does not follow). A country's offices have titles
/// of their own ("Menteri Perindustrian"), and are named for anyone.
fn in_persons_sphere(kb: &Knowledge, person: PersonId, office: OfficeId) -> bool {
    let rec = kb.records();
    match &rec.office(office).org {
        Some(org) => rec.tenures_of(person).any(|t| rec.office(t.office).org.as_ref() == Some(org)),
        None => true,
    }
}

impl PersonTitle {
    fn examine(&self, doc: &Document<'_>, cx: &CheckCx<'_>, claim: &Claim, segments: &Segments) -> Option<Finding> {
        let kb = cx.knowledge;
        let rec = kb.records();
        let lang = doc.lang;
        let text = doc.text();
        let p = claim.person_id;
        let person = rec.person(p);
        let mine: Vec<&Tenure> = rec.tenures_of(p).collect();
        let in_claimed = |t: &&Tenure| claim.offices.contains(&t.office);

        // The days the claim may refer to: the document's date, widened to other years the
        // sentence names.
        let sentence = segments.sentence(text, claim.range.clone());
        let found_years = years_in(text, sentence);
        let years: Vec<i32> = found_years.iter().map(|(_, y)| *y).collect();
        let dates = crate::recognize::dates::DateReader::new(cx.lexicons, doc.lang);
        let window = match doc.date {
            Some(d) => {
                let mut w = Window::day(d);
                for &(at, y) in &found_years {
                    // A full date widens to its day ("KUPANG, 12 Oktober 2023 –" adds nothing to
                    // a document of that date); a bare year, to the whole year.
                    let yw = match dates.full_date_ending_at(text, at, y) {
                        Some(day) => Some(Window::day(day)),
                        None => Window::years(y, y),
                    };
                    if let Some(yw) = yw {
                        w.start = w.start.min(yw.start);
                        w.end = w.end.max(yw.end);
                    }
                }
                Some(w)
            }
            None => match (years.iter().min(), years.iter().max()) {
                (Some(a), Some(b)) => Window::years(*a, *b),
                _ => None,
            },
        };

        let mut evidence = Vec::new();
        let mut sources = Vec::new();
        let actual: Option<&Tenure>;
        let mut holder: Option<&Tenure> = None;
        let mut severity = None;
        let date_shown;
        match window {
            Some(w) => {
                if let Some(t) = mine.iter().find(|t| in_claimed(t) && t.possibly_overlaps(w)) {
                    cx.confirmed(claim.range.clone(), || t.source.clone());
                    return None;
                }
                let others: Vec<&Tenure> = mine
                    .iter()
                    .copied()
                    .filter(|t| !claim.offices.contains(&t.office) && t.certainly_covers(w))
                    .collect();
                actual = others.first().copied();
                if let [o] = claim.offices.as_slice() {
                    if rec.office(*o).single_holder {
                        holder = rec.tenures_in(*o).find(|t| t.person != p && t.certainly_covers(w));
                    }
                }
                if actual.is_none() && holder.is_none() {
                    cx.unknown(claim.range.clone(), || {
                        let date = self.wording.days(lang, w.start, w.end);
                        self.wording.fill(lang, "unknown_then", &[("person", &person.name), ("date", &date)])
                    });
                    return None;
                }
                for t in &others {
                    evidence.push(self.wording.fill(
                        lang,
                        "has_as",
                        &[
                            ("person", &person.name),
                            ("office", &kb.office_label(t.office, lang)),
                            ("period", &self.period(lang, t)),
                        ],
                    ));
                    sources.push(t.source.clone());
                }
                date_shown = self.wording.days(lang, w.start, w.end);
            }
            None => {
                // No date: only a person the record knows in one office, still held, and never
                // in the one named.
                if let Some(t) = mine.iter().find(|t| in_claimed(t)) {
                    cx.confirmed(claim.range.clone(), || t.source.clone());
                    return None;
                }
                let offices: HashSet<OfficeId> = mine.iter().map(|t| t.office).collect();
                let undated = || {
                    cx.unknown(claim.range.clone(), || {
                        self.wording.fill(lang, "unknown_undated", &[("person", &person.name)])
                    })
                };
                if offices.len() != 1 {
                    undated();
                    return None;
                }
                let Some(current) = mine.iter().copied().find(|t| t.to.is_none() && t.from.is_some()) else {
                    undated();
                    return None;
                };
                actual = Some(current);
                evidence.push(self.wording.fill(
                    lang,
                    "only_as",
                    &[
                        ("person", &person.name),
                        ("office", &kb.office_label(current.office, lang)),
                        ("period", &self.period(lang, current)),
                    ],
                ));
                sources.push(current.source.clone());
                severity = Some(Severity::Warning);
                date_shown = self.wording.text(lang, "any_date").to_string();
            }
        }
        if let Some(h) = holder {
            evidence.push(self.wording.fill(
                lang,
                "has_as",
                &[
                    ("person", &rec.person(h.person).name),
                    ("office", &kb.office_label(h.office, lang)),
                    ("period", &self.period(lang, h)),
                ],
            ));
            sources.push(h.source.clone());
        }
        if window.is_some() && !years.is_empty() {
            let named = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
            evidence.push(self.wording.fill(lang, "sentence_years", &[("years", &named), ("date", &date_shown)]));
        }
        sources.dedup();

        let title_end = claim.after.as_ref().map_or(claim.title.range.end, |q| q.range.end);
        let title_text = &text[claim.title.range.start..title_end];
        let suggestion = self.suggest(kb, doc, claim, actual, holder);
        let actual_label = actual.map(|t| kb.office_label(t.office, doc.lang)).unwrap_or_default();
        let holder_name = holder.map(|h| rec.person(h.person).name.as_str()).unwrap_or("");
        let person_text = &text[claim.person.clone()];
        let values = [
            ("person", person_text),
            ("title", title_text),
            ("actual", actual_label.as_str()),
            ("holder", holder_name),
            ("date", date_shown.as_str()),
        ];
        let message = self.wording.message(lang, &values).unwrap_or_else(|| cx.rule.render_message(&values));
        let mut labels = Vec::new();
        if let Some(h) = holder {
            labels.push((
                claim.title.range.clone(),
                self.wording.fill(lang, "held_by", &[("holder", &rec.person(h.person).name)]),
            ));
        }
        Some(Finding { range: claim.range.clone(), message, evidence, suggestion, sources, labels, severity })
    }

    /// When the record has a person in office: "from 23 October 2019, still in office in the
    /// record", in the document's language.
    fn period(&self, lang: Lang, t: &Tenure) -> String {
        let w = &self.wording;
        let day = |d: &crate::knowledge::records::FuzzyDate| w.fuzzy_date(lang, d.earliest, d.latest);
        match (&t.from, &t.to) {
            (Some(f), Some(to)) => w.fill(lang, "from_to", &[("from", &day(f)), ("to", &day(to))]),
            (Some(f), None) => w.fill(lang, "from", &[("from", &day(f))]),
            (None, Some(to)) => w.fill(lang, "until", &[("to", &day(to))]),
            (None, None) => w.text(lang, "no_dates").to_string(),
        }
    }

    /// The claim rewritten: the person's office as the title, or else the holder's name.
    fn suggest(
        &self,
        kb: &Knowledge,
        doc: &Document<'_>,
        claim: &Claim,
        actual: Option<&Tenure>,
        holder: Option<&Tenure>,
    ) -> Option<String> {
        let text = doc.text();
        let range = claim.range.clone();
        let replace = |part: Range<usize>, with: &str| -> Option<String> {
            (range.start <= part.start && part.end <= range.end)
                .then(|| format!("{}{with}{}", &text[range.start..part.start], &text[part.end..range.end]))
        };
        if let Some(t) = actual {
            let office = kb.records().office(t.office);
            let title = office.title(doc.lang);
            if claim.before.as_ref().is_some_and(|q| !q.qualifies(kb, t.office)) {
                return None;
            }
            return match &claim.after {
                Some(q) if !q.qualifies(kb, t.office) => {
                    let whose = office
                        .org
                        .clone()
                        .or_else(|| office.country.map(|c| kb.display_name(c, doc.lang.as_str()).to_string()))?;
                    let sep = &text[claim.title.range.end..q.range.start];
                    replace(claim.title.range.start..q.range.end, &format!("{title}{sep}{whose}"))
                }
                _ => replace(claim.title.range.clone(), title),
            };
        }
        let h = holder?;
        replace(claim.person.clone(), &kb.records().person(h.person).name)
    }
}
