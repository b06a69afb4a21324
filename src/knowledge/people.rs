//! `[[person]]`, `[[office]]` and `[[tenure]]` entries of knowledge files: validated and applied
//! to the record, every problem a located error that says what to change. Checked here: ids
//! (unique; a later file corrects an earlier entry only with `correct = true`), references
//! (tenure -> person and office, office -> country), dates (YYYY-MM-DD, YYYY-MM or YYYY; `from`
//! not after `to`) and overlapping tenures of a single-holder office.

use super::file::{KnowledgeSpec, OfficeSpec, PersonSpec, TenureSpec};
use super::gazetteer::PlaceKind;
use super::records::{FuzzyDate, Office, OfficeId, Origin, Person, PersonId, RecordRef, Tenure, TenureId};
use super::Knowledge;
use crate::source::{line_col, line_starts, LocatedError};
use crate::vocab::Lang;
use std::sync::Arc;
use toml::Spanned;

/// Where entries of one file come from, and how errors point into it.
pub(super) struct FileCx<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub file: usize,
    pub default_source: Option<&'a str>,
    starts: Vec<usize>,
    shared_path: Arc<str>,
}

impl<'a> FileCx<'a> {
    pub fn new(path: &'a str, text: &'a str, file: usize, spec: &'a KnowledgeSpec) -> Self {
        FileCx {
            path,
            text,
            file,
            default_source: spec.about.as_ref().and_then(|a| a.source.as_deref()),
            starts: line_starts(text),
            shared_path: path.into(),
        }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> LocatedError {
        LocatedError::at(self.path, self.text, offset, message)
    }

    pub fn origin(&self, offset: usize) -> Origin {
        let lc = line_col(self.text, &self.starts, offset);
        Origin { file: self.file, path: self.shared_path.clone(), line: lc.line, column: lc.column }
    }

    /// The entry's source, the file's default source, or the file itself.
    pub fn source(&self, s: &Option<Spanned<String>>) -> String {
        s.as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| self.default_source.map(str::to_string))
            .unwrap_or_else(|| format!("knowledge file {}", self.path))
    }
}

pub(super) fn at<T>(s: &Spanned<T>) -> usize {
    s.span().start
}

/// Checks an id as written: not empty, no spaces, no ':' (reserved for place references).
pub(super) fn check_id(cx: &FileCx<'_>, id: &Spanned<String>) -> Result<(), LocatedError> {
    let v = id.get_ref();
    if v.is_empty() || v.chars().any(|c| c.is_whitespace() || c == ':') {
        return Err(cx.error(
            at(id),
            format!(
                "id {v:?} must be a non-empty word without spaces or ':' (e.g. \"agus-gumiwang\"); ':' is for place references such as country:ID"
            ),
        ));
    }
    Ok(())
}

/// Where an id is already defined, for "already defined" errors.
pub(super) fn defined_at(kb: &Knowledge, r: RecordRef) -> String {
    let rec = &kb.records;
    match r {
        RecordRef::Person(p) => rec.person(p).origin.to_string(),
        RecordRef::Office(o) => rec.office(o).origin.to_string(),
        RecordRef::Tenure(t) => rec.tenure(t).origin.to_string(),
        RecordRef::Fact(f) => rec.fact(f).origin.to_string(),
    }
}

fn origin_of(kb: &Knowledge, r: RecordRef) -> &Origin {
    let rec = &kb.records;
    match r {
        RecordRef::Person(p) => &rec.person(p).origin,
        RecordRef::Office(o) => &rec.office(o).origin,
        RecordRef::Tenure(t) => &rec.tenure(t).origin,
        RecordRef::Fact(f) => &rec.fact(f).origin,
    }
}

/// For a new entry: the id must be free. For a correction: the id must name an entry of the
/// same kind from an earlier file. Returns the entry a correction applies to.
pub(super) fn claim_id(
    cx: &FileCx<'_>,
    kb: &Knowledge,
    id: &Spanned<String>,
    kind: &str,
    correct: bool,
) -> Result<Option<RecordRef>, LocatedError> {
    check_id(cx, id)?;
    let key = id.get_ref();
    let existing = kb.records.ids.get(key).copied();
    if correct {
        let Some(r) = existing else {
            return Err(cx.error(
                at(id),
                format!("`correct = true` corrects an entry of an earlier file, but no {kind} {key:?} is defined; remove `correct` to add it"),
            ));
        };
        if r.kind_word() != kind {
            return Err(cx.error(
                at(id),
                format!("{key:?} is a {}, not a {kind} (defined at {})", r.kind_word(), defined_at(kb, r)),
            ));
        }
        if origin_of(kb, r).file == cx.file {
            return Err(cx.error(
                at(id),
                format!(
                    "{kind} {key:?} is defined in this same file (at {}): edit that entry instead of correcting it",
                    defined_at(kb, r)
                ),
            ));
        }
        return Ok(Some(r));
    }
    if let Some(r) = existing {
        return Err(cx.error(
            at(id),
            format!(
                "id {key:?} is already defined at {} (a {}); ids are unique across persons, offices, tenures and facts. To change that entry from a later file, write `correct = true`",
                defined_at(kb, r),
                r.kind_word()
            ),
        ));
    }
    if kb.resolve(key).is_some() {
        return Err(cx.error(at(id), format!("id {key:?} is already the id of a place")));
    }
    Ok(None)
}

fn text_list(cx: &FileCx<'_>, list: &[Spanned<String>], what: &str) -> Result<Vec<String>, LocatedError> {
    list.iter()
        .map(|s| {
            let v = s.get_ref().trim();
            if v.is_empty() {
                Err(cx.error(at(s), format!("{what} must not be empty")))
            } else {
                Ok(v.to_string())
            }
        })
        .collect()
}

pub(super) fn lang_key(cx: &FileCx<'_>, key: &str, at_offset: usize, field: &str) -> Result<Lang, LocatedError> {
    Lang::parse(key).ok_or_else(|| {
        cx.error(
            at_offset,
            format!("`{field}.{key}`: the key is a two-letter lower-case language code such as id or en"),
        )
    })
}

/// Applies a file's persons, offices and tenures, collecting every error.
pub(super) fn apply(spec: &KnowledgeSpec, cx: &FileCx<'_>, kb: &mut Knowledge, errors: &mut Vec<LocatedError>) {
    for p in &spec.persons {
        if let Err(e) = apply_person(p, cx, kb) {
            errors.push(e);
        }
    }
    for o in &spec.offices {
        if let Err(e) = apply_office(o, cx, kb) {
            errors.push(e);
        }
    }
}

/// Applies a file's tenures (after its persons, offices and facts, so they may come in any
/// order), then checks single-holder offices for overlaps.
pub(super) fn apply_tenures(spec: &KnowledgeSpec, cx: &FileCx<'_>, kb: &mut Knowledge, errors: &mut Vec<LocatedError>) {
    let mut touched: Vec<(TenureId, usize)> = Vec::new();
    for t in &spec.tenures {
        match apply_tenure(t, cx, kb) {
            Ok(id) => touched.push((id, t.get_ref().from.as_ref().map_or(t.span().start, at))),
            Err(e) => errors.push(e),
        }
    }
    overlaps(cx, kb, &touched, errors);
}

fn apply_person(entry: &Spanned<PersonSpec>, cx: &FileCx<'_>, kb: &mut Knowledge) -> Result<(), LocatedError> {
    let p = entry.get_ref();
    let target = claim_id(cx, kb, &p.id, "person", p.correct)?;
    let name = match &p.name {
        Some(n) if n.get_ref().trim().is_empty() => return Err(cx.error(at(n), "a person's `name` must not be empty")),
        Some(n) => Some(n.get_ref().trim().to_string()),
        None => None,
    };
    let aliases = text_list(cx, &p.aliases, "an alias")?;
    match target {
        Some(RecordRef::Person(id)) => {
            let source = p.source.as_ref().map(|_| cx.source(&p.source));
            let person = &mut kb.records.persons[id.0 as usize];
            if let Some(n) = name {
                person.name = n;
            }
            if !aliases.is_empty() {
                person.aliases = aliases;
            }
            if let Some(s) = source {
                person.source = s;
            }
            if p.note.is_some() {
                person.note = p.note.clone();
            }
            Ok(())
        }
        Some(_) => unreachable!("claim_id checks the kind"),
        None => {
            let name = name.ok_or_else(|| cx.error(at(&p.id), "a [[person]] needs a `name`"))?;
            let id = PersonId(kb.records.persons.len() as u32);
            kb.records.persons.push(Person {
                key: p.id.get_ref().clone(),
                name,
                aliases,
                source: cx.source(&p.source),
                note: p.note.clone(),
                origin: cx.origin(entry.span().start),
            });
            kb.records.ids.insert(p.id.get_ref().clone(), RecordRef::Person(id));
            Ok(())
        }
    }
}

fn apply_office(entry: &Spanned<OfficeSpec>, cx: &FileCx<'_>, kb: &mut Knowledge) -> Result<(), LocatedError> {
    let o = entry.get_ref();
    let target = claim_id(cx, kb, &o.id, "office", o.correct)?;
    let mut titles = Vec::new();
    for (lang, list) in &o.titles {
        let offset = list.first().map_or(at(&o.id), at);
        let lang = lang_key(cx, lang, offset, "titles")?;
        for t in text_list(cx, list, "a title")? {
            titles.push((lang, t));
        }
    }
    let country = match &o.country {
        Some(c) => {
            let id = kb.resolve(c.get_ref()).ok_or_else(|| {
                cx.error(
                    at(c),
                    format!(
                        "`country` refers to {:?}, which no knowledge defines (write country:CC, admin1:CC.CODE, geonames:ID or the id of a place defined earlier)",
                        c.get_ref()
                    ),
                )
            })?;
            if kb.place(id).kind == PlaceKind::City {
                return Err(cx.error(at(c), "`country` must name a country or a region, not a city"));
            }
            Some(id)
        }
        None => None,
    };
    let org = match &o.org {
        Some(s) if s.get_ref().trim().is_empty() => return Err(cx.error(at(s), "`org` must not be empty")),
        Some(s) => Some(s.get_ref().trim().to_string()),
        None => None,
    };
    let qualifiers = text_list(cx, &o.qualifiers, "a qualifier")?;
    match target {
        Some(RecordRef::Office(id)) => {
            let source = o.source.as_ref().map(|_| cx.source(&o.source));
            let office = &mut kb.records.offices[id.0 as usize];
            if !titles.is_empty() {
                office.titles = titles;
            }
            if country.is_some() {
                office.country = country;
            }
            if org.is_some() {
                office.org = org;
            }
            if !qualifiers.is_empty() {
                office.qualifiers = qualifiers;
            }
            if let Some(s) = o.single_holder {
                office.single_holder = s;
            }
            if let Some(s) = source {
                office.source = s;
            }
            if o.note.is_some() {
                office.note = o.note.clone();
            }
            Ok(())
        }
        Some(_) => unreachable!("claim_id checks the kind"),
        None => {
            if titles.is_empty() {
                return Err(cx.error(
                    at(&o.id),
                    "an [[office]] needs at least one title, e.g. titles.en = [\"Minister of Industry\"]",
                ));
            }
            let id = OfficeId(kb.records.offices.len() as u32);
            kb.records.offices.push(Office {
                key: o.id.get_ref().clone(),
                titles,
                org,
                country,
                qualifiers,
                single_holder: o.single_holder.unwrap_or(true),
                source: cx.source(&o.source),
                note: o.note.clone(),
                origin: cx.origin(entry.span().start),
            });
            kb.records.ids.insert(o.id.get_ref().clone(), RecordRef::Office(id));
            Ok(())
        }
    }
}

fn date_field(cx: &FileCx<'_>, d: &Option<Spanned<String>>, field: &str) -> Result<Option<FuzzyDate>, LocatedError> {
    match d {
        Some(s) => {
            FuzzyDate::parse(s.get_ref().trim()).map(Some).map_err(|m| cx.error(at(s), format!("`{field}`: {m}")))
        }
        None => Ok(None),
    }
}

fn person_ref(cx: &FileCx<'_>, kb: &Knowledge, s: &Spanned<String>) -> Result<PersonId, LocatedError> {
    match kb.records.ids.get(s.get_ref()) {
        Some(RecordRef::Person(p)) => Ok(*p),
        Some(other) => {
            Err(cx.error(at(s), format!("`person` must name a person; {:?} is a {}", s.get_ref(), other.kind_word())))
        }
        None => Err(cx.error(at(s), format!("`person` refers to {:?}, which no [[person]] defines", s.get_ref()))),
    }
}

fn office_ref(cx: &FileCx<'_>, kb: &Knowledge, s: &Spanned<String>) -> Result<OfficeId, LocatedError> {
    match kb.records.ids.get(s.get_ref()) {
        Some(RecordRef::Office(o)) => Ok(*o),
        Some(other) => {
            Err(cx.error(at(s), format!("`office` must name an office; {:?} is a {}", s.get_ref(), other.kind_word())))
        }
        None => Err(cx.error(at(s), format!("`office` refers to {:?}, which no [[office]] defines", s.get_ref()))),
    }
}

fn apply_tenure(entry: &Spanned<TenureSpec>, cx: &FileCx<'_>, kb: &mut Knowledge) -> Result<TenureId, LocatedError> {
    let t = entry.get_ref();
    let person = t.person.as_ref().map(|p| person_ref(cx, kb, p)).transpose()?;
    let office = t.office.as_ref().map(|o| office_ref(cx, kb, o)).transpose()?;
    let from = date_field(cx, &t.from, "from")?;
    let to = date_field(cx, &t.to, "to")?;

    // The tenure a correction applies to: by id, else the one of the same person and office.
    let target: Option<TenureId> = if t.correct {
        match &t.id {
            Some(id) => match claim_id(cx, kb, id, "tenure", true)? {
                Some(RecordRef::Tenure(tid)) => Some(tid),
                _ => unreachable!("claim_id checks the kind"),
            },
            None => {
                let (Some(p), Some(o)) = (person, office) else {
                    return Err(cx.error(
                        entry.span().start,
                        "a tenure correction names the tenure by `id`, or by `person` and `office`",
                    ));
                };
                let found: Vec<TenureId> = kb
                    .records
                    .tenures
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.person == p && x.office == o && x.origin.file != cx.file)
                    .map(|(i, _)| TenureId(i as u32))
                    .collect();
                match found.as_slice() {
                    [one] => Some(*one),
                    [] => {
                        return Err(cx.error(
                            entry.span().start,
                            "`correct = true`, but no earlier file has a tenure of this person in this office; remove `correct` to add one",
                        ))
                    }
                    _ => {
                        return Err(cx.error(
                            entry.span().start,
                            "this person held this office more than once in the record: give the tenure to correct an `id`",
                        ))
                    }
                }
            }
        }
    } else {
        if let Some(id) = &t.id {
            claim_id(cx, kb, id, "tenure", false)?;
        }
        None
    };

    let (from_v, to_v) = match target {
        Some(tid) => {
            let old = kb.records.tenure(tid);
            (from.or(old.from), to.or(old.to))
        }
        None => (from, to),
    };
    if let (Some(f), Some(u)) = (from_v, to_v) {
        if f.earliest > u.latest {
            let offset = t.to.as_ref().or(t.from.as_ref()).map_or(entry.span().start, at);
            return Err(
                cx.error(offset, format!("the tenure ends ({u}) before it begins ({f}): check `from` and `to`"))
            );
        }
    }
    match target {
        Some(tid) => {
            let source = t.source.as_ref().map(|_| cx.source(&t.source));
            let old = &mut kb.records.tenures[tid.0 as usize];
            if let Some(p) = person {
                old.person = p;
            }
            if let Some(o) = office {
                old.office = o;
            }
            old.from = from_v;
            old.to = to_v;
            if let Some(s) = source {
                old.source = s;
            }
            if t.note.is_some() {
                old.note = t.note.clone();
            }
            Ok(tid)
        }
        None => {
            let person =
                person.ok_or_else(|| cx.error(entry.span().start, "a [[tenure]] needs a `person` (a person id)"))?;
            let office =
                office.ok_or_else(|| cx.error(entry.span().start, "a [[tenure]] needs an `office` (an office id)"))?;
            let id = TenureId(kb.records.tenures.len() as u32);
            // A tenure without a source quotes its office's, else the file's.
            let source = if t.source.is_some() || cx.default_source.is_some() {
                cx.source(&t.source)
            } else {
                kb.records.office(office).source.clone()
            };
            kb.records.tenures.push(Tenure {
                key: t.id.as_ref().map(|i| i.get_ref().clone()),
                person,
                office,
                from,
                to,
                source,
                note: t.note.clone(),
                origin: cx.origin(entry.span().start),
            });
            if let Some(k) = &t.id {
                kb.records.ids.insert(k.get_ref().clone(), RecordRef::Tenure(id));
            }
            Ok(id)
        }
    }
}

/// Overlaps of the tenures this file added or corrected with any other tenure of the same
/// office: two holders of a single-holder office at once, or the same person twice. A handover
/// on one day (one ends the day the other begins) is not an overlap.
fn overlaps(cx: &FileCx<'_>, kb: &Knowledge, touched: &[(TenureId, usize)], errors: &mut Vec<LocatedError>) {
    let rec = &kb.records;
    for (k, &(tid, offset)) in touched.iter().enumerate() {
        let t = rec.tenure(tid);
        let Some((a0, a1)) = t.certain_span() else { continue };
        let office = rec.office(t.office);
        for (j, other) in rec.tenures.iter().enumerate() {
            let oid = TenureId(j as u32);
            if oid == tid || other.office != t.office {
                continue;
            }
            // Report a pair of this file's tenures once, at the later one.
            if touched[k + 1..].iter().any(|(x, _)| *x == oid) {
                continue;
            }
            let same_person = other.person == t.person;
            if !office.single_holder && !same_person {
                continue;
            }
            let Some((b0, b1)) = other.certain_span() else { continue };
            if a0.max(b0) < a1.min(b1) {
                let what = if same_person {
                    format!("{} already holds {:?} then", rec.person(t.person).name, office.key)
                } else {
                    format!(
                        "{:?} has one holder at a time, and {} holds it then",
                        office.key,
                        rec.person(other.person).name
                    )
                };
                errors.push(cx.error(
                    offset,
                    format!(
                        "this tenure of {} overlaps another ({}, at {}): {what}. End one before the other begins, or set `single_holder = false` on the office",
                        rec.person(t.person).name,
                        other.describe(),
                        other.origin
                    ),
                ));
            }
        }
    }
}
