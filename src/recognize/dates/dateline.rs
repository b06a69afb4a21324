//! The document's own date, read from a dateline ("JAKARTA, 5 Juli 2023 –") or a date line
//! at the top of the document.

use super::{DateReader, Reading};
use crate::lexicon::Lexicons;
use crate::vocab::Lang;
use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Datelines and date lines, matched line by line at the top of a document, each compiled the
/// first time a line needs it. The month and weekday words are any words here;
/// [`DateReader::read`] keeps only the lexicon's.
static DATELINES: [LazyLock<Regex>; 3] = [
    LazyLock::new(|| dateline_pattern(0)),
    LazyLock::new(|| dateline_pattern(1)),
    LazyLock::new(|| dateline_pattern(2)),
];

fn dateline_pattern(which: usize) -> Regex {
    // "JAKARTA, ", "Jakarta (ANTARA), ", "Published: ".
    // Latin letters written as ranges, not Unicode properties, and lengths checked after the
    // match ([`dateline_parts_short`]) rather than written as bounded repeats: small automata
    // that compile fast.
    let lead = r"^(?:(?P<label>[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ ]+):\s*)?(?P<place>[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}.'’\- ]*?(?:\s*\((?P<agency>[^)\n]+)\))?\s*,\s*)?";
    let weekday = r"(?:(?P<weekday>[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’]*)\.?,?\s+)?";
    let pattern = match which {
        // "5 Juli 2023"
        0 => format!(
            r"{lead}{weekday}(?P<day>[0-9]{{1,2}})\s+(?P<month>[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]+)\.?,?\s+(?P<year>[0-9]{{4}})\b"
        ),
        // "July 5, 2023"
        1 => format!(
            r"{lead}{weekday}(?P<month>[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]+)\.?\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})\b"
        ),
        // "2023-07-05", "5/7/2023"
        _ => format!(
            r"{lead}{weekday}\(?(?P<numeric>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{4}})\b\)?"
        ),
    };
    Regex::new(&pattern).expect("dateline patterns compile")
}

/// How many non-empty lines at the top of a document may hold its date.
const DATELINE_LINES: usize = 6;

/// The document's own date from the top of its text: a line that is only a date ("5 Juli
/// 2023", "Rabu, 5 Juli 2023 10:15 WIB", "Published: July 5, 2023"), or a dateline ("JAKARTA, 5
/// Juli 2023 –", "WASHINGTON, July 5, 2023 —"). Only the first few non-empty lines count, and
/// the date must name its year and exist.
pub fn document_date(text: &str, lang: Lang, lexicons: &Lexicons) -> Option<NaiveDate> {
    let reader = DateReader::new(lexicons, lang);
    let blank = |c: char| c.is_whitespace() || c == crate::markup::SEPARATOR;
    for line in text.lines().map(|l| l.trim_matches(blank)).filter(|l| !l.is_empty()).take(DATELINE_LINES) {
        // A date line's date stands near its start: read only the head of long lines (plain
        // text paragraphs are one line each), and let the fast matcher reject lines first.
        let head = &line[..crate::recognize::floor_boundary(line, 160)];
        // Every dateline writes its day in digits: a line without one is passed over before
        // the patterns are compiled or run.
        if !head.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        for re in DATELINES.iter().map(|re| &**re) {
            let Some(m) = re.find(head) else { continue };
            let Some(caps) = re.captures(&head[..m.end()]) else { continue };
            if !dateline_parts_short(&caps) {
                continue;
            }
            let Some(expr) = reader.read(&caps) else { continue };
            let Some(date) = expr.date.as_ref().and_then(|d| d.plausible().first()).and_then(Reading::date) else {
                continue;
            };
            if dateline_rest_ok(&line[caps.get(0).expect("group 0").end()..], caps.name("place").is_some()) {
                return Some(date);
            }
        }
    }
    None
}

/// A date line's label ("Published"), place ("JAKARTA") and agency ("ANTARA") are short.
fn dateline_parts_short(caps: &Captures<'_>) -> bool {
    let chars = |name: &str| caps.name(name).map_or(0, |m| m.as_str().chars().count());
    let place = caps.name("place").map_or("", |m| m.as_str());
    let place_name = place.split(['(', ',']).next().unwrap_or("").trim_end();
    (chars("label") == 0 || (2..=24).contains(&chars("label")))
        && place_name.chars().count() <= 41
        && chars("agency") <= 40
}

/// What may follow the date on a date line: nothing, a time ("10:15 WIB"), a separator, or,
/// after a dateline's place, a dash or an agency in brackets that opens the story.
fn dateline_rest_ok(rest: &str, has_place: bool) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[|,·•]\s*)?(?:(?i:pukul|jam|at)\s+)?[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?\s*(?:[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ.]{1,5}\s*)?(?:\([^)]*\))?\s*$")
            .expect("time pattern compiles")
    });
    let rest = rest.trim();
    if rest.is_empty() || TIME.is_match(rest) || rest == "|" {
        return true;
    }
    let dash = rest.strip_prefix(['-', '–', '—', '|']).or_else(|| rest.strip_prefix("--"));
    if let Some(after) = dash {
        return !after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    has_place && rest.starts_with('(')
}
