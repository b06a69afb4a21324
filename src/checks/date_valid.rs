//! `date-valid`: a date that does not exist.
//!
//! Why: "31 Juni 2023" or "February 29, 2023" is a typo or a garbled date that a reader cannot
//! repair; the copy says nothing reliable about when the event took place.
//!
//! How: the rule's patterns find a date: `day` and `month` (and `year`), or a `numeric` date
//! (31/6/2023, 2023-06-31). The shared date reader ([`crate::recognize::dates`]) reads the groups
//! with the lexicon's tables and drops look-alikes (ranges, scores, versions, URLs, reference
//! numbers). The date is impossible when its month never has that day (31 June, 30 February), or
//! its year does not (29 February 2023). 29 February without a year is fine: some year has it.
//! A numeric date is impossible only when no order of day and month makes it a real date, so
//! 4/13/2023 is never reported, whatever the language.
//!
//! Example: "rapat digelar 31 Juni 2023" -> June has 30 days.

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::first_claims;
use crate::recognize::dates::{DateExpr, DateReader};
use crate::source::LocatedError;
use crate::vocab::calendar;
use serde::Deserialize;

pub const INFO: KindInfo = KindInfo {
    name: "date-valid",
    required_groups: &[],
    optional_groups: &["weekday", "day", "month", "year", "numeric", "claim"],
    needs_patterns: true,
    reads_claims: true,
    message_values: &["date", "month", "days", "year"],
    groups_doc: "`day`+`month` or `numeric`, `year`, `weekday`, `claim`",
    settings_doc:
        "`wording.LANG` (message, evidence, date shape and month names per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(DateValid::compile(cx.settings(settings)?, cx)?)),
    groups_problem,
};

/// `[settings]` of a date-valid rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a date-valid rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &[
        "date",
        "day_month",
        "month_days",
        "not_leap",
        "month_year",
        "reading_day",
        "source",
        "day_month_year",
        "month_day_year",
    ],
    optional: &["message"],
    lists: &[("months", 12)],
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct DateValid {
    wording: Wording,
}

impl DateValid {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<DateValid, LocatedError> {
        Ok(DateValid { wording: Wording::compile(s.wording, ENTRIES, cx)? })
    }
}

/// Which combinations of groups a date-valid pattern can read.
pub fn groups_problem(groups: &[&str]) -> Option<String> {
    let has = |g| groups.contains(&g);
    if has("day") != has("month") {
        return Some("a date-valid pattern with <day> needs <month> too, and the other way round".into());
    }
    if !(has("day") || has("numeric")) {
        return Some("a date-valid pattern needs a date: <day> and <month>, or <numeric>".into());
    }
    None
}

/// True when some digit is followed by `/`, `-` or `.` and another digit.
fn has_numeric_date_shape(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'/' | b'-' | b'.') && w[2].is_ascii_digit())
}

impl Check for DateValid {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        // A date names a month or is written in numbers with separators: a text with neither is
        // skipped before the patterns are compiled (after that, they are the quicker test).
        if !cx.rule.patterns_compiled(doc.lang)
            && !cx.lexicons.text_has_word(doc.lang, "month", text)
            && !has_numeric_date_shape(text)
        {
            return;
        }
        let reader = DateReader::new(cx.lexicons, doc.lang);
        // Several patterns may match one date ("Selasa, 31 Juni 2023" and "31 Juni 2023").
        first_claims(
            cx.patterns_in_doc(doc),
            text,
            |caps| {
                reader
                    .read(caps)
                    .filter(|e| e.date.as_ref().is_some_and(|d| d.impossible()) && reader.is_claim(text, e))
            },
            |e| e.date.as_ref().map_or(e.span.clone(), |d| d.range.clone()),
            |e| {
                out.push(self.report(doc, cx, &e));
                true
            },
        );
    }
}

impl DateValid {
    /// The finding for a date that does not exist.
    fn report(&self, doc: &Document<'_>, cx: &CheckCx<'_>, expr: &DateExpr) -> Finding {
        let text = doc.text();
        let date = expr.date.as_ref().expect("a date claim has a date");
        let written = &text[date.range.clone()];
        let reading = date.plausible()[0];
        let (w, lang) = (&self.wording, doc.lang);
        let days = calendar::days_in_month(reading.year, reading.month).to_string();
        let month = w.month(lang, reading.month);
        let leap_year_matters = reading.month == 2 && reading.day == 29;
        let mut evidence = Vec::new();
        let month_shown = match reading.year {
            Some(y) if leap_year_matters => {
                let y = y.to_string();
                let shown = w.fill(lang, "month_year", &[("month", month), ("year", &y)]);
                evidence.push(w.fill(lang, "not_leap", &[("year", &y), ("month", &shown)]));
                shown
            }
            _ => {
                evidence.push(w.fill(lang, "month_days", &[("month", month), ("days", &days)]));
                month.to_string()
            }
        };
        for r in date.readings.iter().chain(&date.other_readings) {
            if let Some(order) = r.order {
                evidence.push(w.fill(
                    lang,
                    "reading_day",
                    &[
                        ("order", w.text(lang, order.wording_key())),
                        ("written", written),
                        ("day", &r.day.to_string()),
                        ("month", w.month(lang, r.month)),
                    ],
                ));
            }
        }
        let year = reading.year.map(|y| y.to_string()).unwrap_or_default();
        let values = [("date", written), ("month", month_shown.as_str()), ("days", &days), ("year", &year)];
        let message = w.message(lang, &values).unwrap_or_else(|| cx.rule.render_message(&values));
        Finding {
            range: expr.span.clone(),
            message,
            evidence,
            suggestion: None,
            sources: vec![w.text(lang, "source").to_string()],
            labels: Vec::new(),
            severity: None,
        }
    }
}
