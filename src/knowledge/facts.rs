//! `[[fact]]` entries of knowledge files: a recorded figure with its subject, the words for what
//! it measures in each language, value, unit, date and tolerance. Validated and applied here;
//! every problem is a located error.

use super::file::{FactSpec, KnowledgeSpec};
use super::people::{at, claim_id, lang_key, FileCx};
use super::records::{Fact, FactId, FuzzyDate, RecordRef, Subject, Tolerance};
use super::Knowledge;
use crate::source::LocatedError;
use toml::Spanned;

pub(super) fn apply(spec: &KnowledgeSpec, cx: &FileCx<'_>, kb: &mut Knowledge, errors: &mut Vec<LocatedError>) {
    for f in &spec.facts {
        if let Err(e) = apply_fact(f, cx, kb) {
            errors.push(e);
        }
    }
}

fn apply_fact(entry: &Spanned<FactSpec>, cx: &FileCx<'_>, kb: &mut Knowledge) -> Result<(), LocatedError> {
    let f = entry.get_ref();
    let target = claim_id(cx, kb, &f.id, "fact", f.correct)?;
    let subject = match &f.subject {
        Some(s) => {
            let key = s.get_ref().trim();
            Some(match kb.records.ids.get(key) {
                Some(RecordRef::Person(p)) => Subject::Person(*p),
                Some(RecordRef::Office(o)) => Subject::Office(*o),
                Some(other) => {
                    return Err(cx.error(
                        at(s),
                        format!("`subject` must be a place, a person or an office; {key:?} is a {}", other.kind_word()),
                    ))
                }
                None => Subject::Place(kb.resolve(key).ok_or_else(|| {
                    cx.error(
                        at(s),
                        format!(
                            "`subject` refers to {key:?}, which no knowledge defines (write a place reference such as country:CN, or the id of a person or office)"
                        ),
                    )
                })?),
            })
        }
        None => None,
    };
    let mut subject_names = Vec::new();
    for (lang, list) in &f.subject_names {
        let lang = lang_key(cx, lang, list.first().map_or(at(&f.id), at), "subject_names")?;
        for n in list {
            if n.get_ref().trim().is_empty() {
                return Err(cx.error(at(n), "a subject name must not be empty"));
            }
            subject_names.push((lang, n.get_ref().trim().to_string()));
        }
    }
    let mut measures = Vec::new();
    for (lang, list) in &f.measure {
        let lang = lang_key(cx, lang, list.first().map_or(at(&f.id), at), "measure")?;
        for m in list {
            let parts: Vec<String> = m.get_ref().parts().iter().map(|p| p.trim().to_string()).collect();
            if parts.is_empty() || parts.iter().any(String::is_empty) {
                return Err(cx.error(
                    at(m),
                    "a measure is a phrase (\"penjualan mobil listrik\") or a list of phrases that must all occur ([\"penjualan\", \"mobil listrik\"]), none of them empty",
                ));
            }
            measures.push((lang, parts));
        }
    }
    let value = match &f.value {
        Some(v) if !v.get_ref().is_finite() => return Err(cx.error(at(v), "`value` must be a finite number")),
        Some(v) => Some(*v.get_ref()),
        None => None,
    };
    let unit = match &f.unit {
        Some(u) if u.get_ref().trim().is_empty() => return Err(cx.error(at(u), "`unit` must not be empty")),
        Some(u) => Some(u.get_ref().trim().to_string()),
        None => None,
    };
    let as_of = match &f.as_of {
        Some(d) => Some(FuzzyDate::parse(d.get_ref().trim()).map_err(|m| cx.error(at(d), format!("`as_of`: {m}")))?),
        None => None,
    };
    let tolerance = match &f.tolerance {
        Some(t) => Some(Tolerance::parse(t.get_ref()).map_err(|m| cx.error(at(t), m))?),
        None => None,
    };
    let label = f.label.as_ref().map(|l| l.get_ref().trim().to_string()).filter(|l| !l.is_empty());
    let mut labels = Vec::new();
    for (lang, l) in &f.labels {
        let lang = lang_key(cx, lang, at(l), "labels")?;
        if l.get_ref().trim().is_empty() {
            return Err(cx.error(at(l), "a label must not be empty"));
        }
        labels.push((lang, l.get_ref().trim().to_string()));
    }

    match target {
        Some(RecordRef::Fact(id)) => {
            let source = f.source.as_ref().map(|_| cx.source(&f.source));
            let fact = &mut kb.records.facts[id.0 as usize];
            if subject.is_some() {
                fact.subject = subject;
            }
            if !subject_names.is_empty() {
                fact.subject_names = subject_names;
            }
            if !measures.is_empty() {
                fact.measures = measures;
            }
            if let Some(v) = value {
                fact.value = v;
            }
            if unit.is_some() {
                fact.unit = unit;
            }
            if as_of.is_some() {
                fact.as_of = as_of;
            }
            if let Some(t) = tolerance {
                fact.tolerance = t;
            }
            if label.is_some() {
                fact.label = label;
            }
            if !labels.is_empty() {
                fact.labels = labels;
            }
            if let Some(s) = source {
                fact.source = s;
            }
            if f.note.is_some() {
                fact.note = f.note.clone();
            }
            Ok(())
        }
        Some(_) => unreachable!("claim_id checks the kind"),
        None => {
            let value = value.ok_or_else(|| cx.error(at(&f.id), "a [[fact]] needs a `value`"))?;
            if subject.is_none() && subject_names.is_empty() {
                return Err(cx.error(
                    at(&f.id),
                    "a [[fact]] needs a `subject` (a place reference, person or office id) or `subject_names`",
                ));
            }
            if measures.is_empty() {
                return Err(cx.error(
                    at(&f.id),
                    "a [[fact]] needs the words for what it measures, e.g. measure.en = [\"electric vehicle sales\"]",
                ));
            }
            let id = FactId(kb.records.facts.len() as u32);
            kb.records.facts.push(Fact {
                key: f.id.get_ref().clone(),
                label,
                labels,
                subject,
                subject_names,
                measures,
                value,
                unit,
                as_of,
                tolerance: tolerance.unwrap_or(Tolerance::Absolute(0.0)),
                source: cx.source(&f.source),
                note: f.note.clone(),
                origin: cx.origin(entry.span().start),
            });
            kb.records.ids.insert(f.id.get_ref().clone(), RecordRef::Fact(id));
            Ok(())
        }
    }
}
