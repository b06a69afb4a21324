//! `weekday`: a weekday written with a date it does not fall on.
//!
//! Why: "Senin, 4 Juli 2023" cannot be right (4 July 2023 was a Tuesday), and a reader cannot
//! tell which half is wrong. Newsrooms write the weekday next to the date all the time, so the
//! slip is common, and the calendar settles it.
//!
//! How: the rule's patterns find a `weekday` group with a date: `day` and `month` (and `year`),
//! or a `numeric` date (4/7/2023, 2023-07-04), or a `relative` day ("kemarin (Senin)",
//! "yesterday (Monday)") counted from the document's date. The shared date reader
//! ([`crate::recognize::dates`]) turns the groups into dates using the lexicon's tables, and
//! drops look-alikes (ranges, scores, versions, URLs). A date without a year takes the document's
//! year (or the neighbouring year when it is nearer); with no document date it is not checked,
//! and neither is a relative day. A numeric date whose order the language leaves open (English
//! 7/4/2023) is wrong only when no order gives the weekday. A date that does not exist is the
//! `date-valid` kind's finding, not this one's.
//!
//! Example: "pada hari Senin, 4 Juli 2023" -> 4 July 2023 was a Tuesday; suggestion "Selasa, 4
//! Juli 2023".

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::first_claims;
use crate::recognize::dates::{DateExpr, DateReader, Order, Reading};
use crate::source::LocatedError;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

pub const INFO: KindInfo = KindInfo {
    name: "weekday",
    required_groups: &["weekday"],
    optional_groups: &["day", "month", "year", "numeric", "relative", "claim"],
    needs_patterns: true,
    reads_claims: true,
    message_values: &["weekday", "claimed", "actual", "actual_word", "date"],
    groups_doc: "`weekday` (required), `day`+`month`, `numeric` or `relative`, `year`, `claim`",
    settings_doc: "`min_year`, `max_year`, `wording.LANG` (message, evidence, date shape and the names of months and weekdays per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(WeekdayCheck::compile(cx.settings(settings)?, cx)?)),
    groups_problem,
};

/// `[settings]` of a weekday rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Dates before this year are not checked (default 1900): older dates may follow the Julian
    /// calendar, which names other weekdays.
    pub min_year: Option<i32>,
    /// Dates after this year are not checked (default 2200).
    pub max_year: Option<i32>,
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a weekday rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &[
        "date",
        "day_month",
        "was",
        "will_be",
        "reading",
        "order_note",
        "no_year",
        "relative",
        "unknown_year",
        "source",
        "day_month_year",
        "month_day_year",
    ],
    optional: &["message"],
    lists: wording::CALENDAR_LISTS,
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct WeekdayCheck {
    years: std::ops::RangeInclusive<i32>,
    wording: Wording,
}

impl WeekdayCheck {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<WeekdayCheck, LocatedError> {
        let (min, max) = (s.min_year.unwrap_or(1900), s.max_year.unwrap_or(2200));
        if min > max {
            return Err(cx.error(0, format!("in [settings]: min_year {min} is after max_year {max}")));
        }
        let wording = Wording::compile(s.wording, ENTRIES, cx)?;
        Ok(WeekdayCheck { years: min..=max, wording })
    }
}

/// Which combinations of groups a weekday pattern can read.
pub fn groups_problem(groups: &[&str]) -> Option<String> {
    let has = |g| groups.contains(&g);
    if has("day") != has("month") {
        return Some("a weekday pattern with <day> needs <month> too, and the other way round".into());
    }
    if !(has("day") || has("numeric") || has("relative")) {
        return Some("a weekday pattern needs a date: <day> and <month>, <numeric>, or <relative>".into());
    }
    None
}

impl Check for WeekdayCheck {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let reader = DateReader::new(cx.lexicons, doc.lang);
        // A claim that turns out right leaves its text to the next pattern's reading.
        first_claims(
            cx.patterns_in_doc(doc),
            text,
            |caps| reader.read(caps).filter(|e| reader.is_claim(text, e)),
            |e| e.span.clone(),
            |e| self.examine(doc, cx, &reader, &e).map(|f| out.push(f)).is_some(),
        );
    }
}

impl WeekdayCheck {
    fn examine(
        &self,
        doc: &Document<'_>,
        cx: &CheckCx<'_>,
        reader: &DateReader<'_>,
        expr: &DateExpr,
    ) -> Option<Finding> {
        let text = doc.text();
        let claimed = expr.weekday.as_ref()?;
        let (w, lang) = (&self.wording, doc.lang);
        let order_words = |o: Order| w.text(lang, o.wording_key()).to_string();
        let mut evidence = Vec::new();
        let actual: NaiveDate = if let Some(date) = &expr.date {
            let written = &text[date.range.clone()];
            let readings: Vec<(Reading, Vec<NaiveDate>)> =
                date.plausible().iter().map(|r| (*r, r.candidates(doc.date))).collect();
            let all: Vec<NaiveDate> = readings.iter().flat_map(|(_, c)| c.iter().copied()).collect();
            // No year and no document date, or a date that does not exist: nothing to check here.
            let Some(&primary) = all.first() else {
                if !date.impossible() {
                    cx.unknown(expr.span.clone(), || w.fill(lang, "unknown_year", &[("written", written)]));
                }
                return None;
            };
            if let Some(d) = all.iter().find(|d| d.weekday() == claimed.weekday) {
                let entry = if doc.date.is_none_or(|t| *d < t) { "was" } else { "will_be" };
                cx.confirmed(expr.span.clone(), || {
                    w.fill(lang, entry, &[("date", &w.date(lang, *d)), ("weekday", w.weekday(lang, d.weekday()))])
                });
                return None;
            }
            if date.numeric && readings.len() > 1 {
                for (r, c) in &readings {
                    if let (Some(order), Some(d)) = (r.order, c.first()) {
                        evidence.push(w.fill(
                            lang,
                            "reading",
                            &[
                                ("order", &order_words(order)),
                                ("written", written),
                                ("date", &w.date(lang, *d)),
                                ("weekday", w.weekday(lang, d.weekday())),
                            ],
                        ));
                    }
                }
            } else if let Some(order) = readings.first().and_then(|(r, _)| r.order) {
                evidence.push(w.fill(
                    lang,
                    "order_note",
                    &[
                        ("written", written),
                        ("date", &w.date(lang, primary)),
                        ("order", &order_words(order)),
                        ("lang", reader.lang().as_str()),
                    ],
                ));
            }
            if readings.iter().all(|(r, _)| r.year.is_none()) {
                if let Some(doc_date) = doc.date {
                    evidence.push(w.fill(
                        lang,
                        "no_year",
                        &[
                            ("written", written),
                            ("doc_date", &w.date(lang, doc_date)),
                            ("date", &w.date(lang, primary)),
                        ],
                    ));
                }
            }
            primary
        } else {
            let rel = expr.relative.as_ref()?;
            let doc_date = doc.date?;
            let day = doc_date.checked_add_signed(chrono::Duration::days(rel.days))?;
            if day.weekday() == claimed.weekday {
                cx.confirmed(expr.span.clone(), || {
                    w.fill(lang, "was", &[("date", &w.date(lang, day)), ("weekday", w.weekday(lang, day.weekday()))])
                });
                return None;
            }
            evidence.push(w.fill(
                lang,
                "relative",
                &[
                    ("doc_date", &w.date(lang, doc_date)),
                    ("written", &text[rel.range.clone()]),
                    ("date", &w.date(lang, day)),
                ],
            ));
            day
        };
        if !self.years.contains(&actual.year()) {
            return None;
        }
        let reference = doc.date.unwrap_or_else(|| chrono::Local::now().date_naive());
        let tense = if actual < reference { "was" } else { "will_be" };
        evidence.insert(
            0,
            w.fill(lang, tense, &[("date", &w.date(lang, actual)), ("weekday", w.weekday(lang, actual.weekday()))]),
        );
        let written_weekday = &text[claimed.range.clone()];
        let word = reader.weekday_word(actual.weekday(), written_weekday);
        let suggestion = word
            .as_ref()
            .filter(|_| expr.span.start <= claimed.range.start && claimed.range.end <= expr.span.end)
            .map(|w| {
                format!("{}{w}{}", &text[expr.span.start..claimed.range.start], &text[claimed.range.end..expr.span.end])
            });
        let date_shown = w.date(lang, actual);
        let actual_name = w.weekday(lang, actual.weekday());
        let values = [
            ("weekday", written_weekday),
            ("claimed", w.weekday(lang, claimed.weekday)),
            ("actual", actual_name),
            ("actual_word", word.as_deref().unwrap_or(actual_name)),
            ("date", &date_shown),
        ];
        let message = w.message(lang, &values).unwrap_or_else(|| cx.rule.render_message(&values));
        Some(Finding {
            range: expr.span.clone(),
            message,
            evidence,
            suggestion,
            sources: vec![w.text(lang, "source").to_string()],
            labels: Vec::new(),
            severity: None,
        })
    }
}
