//! Look-alikes of dates: what reads as a date but is not a date claim (URLs and paths, ranges
//! and lists of days, numbers glued to other numbers, reference numbers, a weekday that names
//! something else).

use super::{DateExpr, DateReader, NOT_BEFORE_WEEKDAY, NUMBER_MARKERS, RANGE_WORDS, WEEKDAY_TABLE};
use crate::vocab::words::token_before;
use std::ops::Range;

impl DateReader<'_> {
    /// True when the expression reads as a date claim in its context, false for the
    /// look-alikes: part of a URL or path, a range or list of days ("4-6 Juli", "4 s.d. 6 Juli",
    /// "July 4 and 5"), a number glued to other numbers (versions, times, scores such as
    /// "3/1-2"), a reference number ("No. 4/7/2023"), or a weekday that names something else
    /// ("The Sun, 4 July").
    pub fn is_claim(&self, text: &str, expr: &DateExpr) -> bool {
        let span = expr.span.clone();
        if in_url(text, span.clone()) {
            return false;
        }
        // Glued to a word or a number on either side.
        if let Some(c) = text[..span.start].chars().next_back() {
            if c.is_alphanumeric() || "/\\_.:+#@=&-–—~".contains(c) {
                return false;
            }
        }
        let mut after = text[span.end..].chars();
        if let Some(c) = after.next() {
            let next = after.next();
            if c.is_alphanumeric() || matches!(c, '/' | '\\' | '_' | '@') {
                return false;
            }
            if "-–—.,:+".contains(c) && next.is_some_and(|n| n.is_ascii_digit()) {
                return false;
            }
        }
        let starts_with_digit = text[span.clone()].starts_with(|c: char| c.is_ascii_digit());
        if starts_with_digit && self.range_before(text, span.start) {
            return false;
        }
        // A year-less date that ends with its day may be the first of a range: "July 4 to 6".
        let ends_with_day = text[..span.end].ends_with(|c: char| c.is_ascii_digit())
            && expr.date.as_ref().is_some_and(|d| {
                d.range.end == span.end && d.readings.iter().chain(&d.other_readings).all(|r| r.year.is_none())
            });
        if ends_with_day && self.range_after(text, span.end) {
            return false;
        }
        if let Some(d) = expr.date.as_ref().filter(|d| d.numeric) {
            let before = token_before(text, d.range.start.min(span.start));
            if before.is_some_and(|t| self.lexicons.has_word(self.lang, NUMBER_MARKERS, t)) {
                return false;
            }
        }
        if let Some(w) = &expr.weekday {
            if token_before(text, w.range.start)
                .is_some_and(|t| self.lexicons.has_word(self.lang, NOT_BEFORE_WEEKDAY, t))
            {
                return false;
            }
            if let Some(d) = &expr.date {
                let abbreviated = self.is_abbreviated_weekday(&text[w.range.clone()]);
                if !in_one_sentence(text, w.range.clone(), d.range.clone(), abbreviated) {
                    return false;
                }
            }
        }
        true
    }

    /// True when the weekday as written is an abbreviation the lexicon has ("Fri" beside
    /// "Friday"; "Rabu" is a whole name).
    fn is_abbreviated_weekday(&self, word: &str) -> bool {
        let w = crate::vocab::fold::fold(word);
        self.lexicons
            .value(self.lang, WEEKDAY_TABLE, &w)
            .is_some_and(|day| self.is_abbreviation(WEEKDAY_TABLE, &w, day))
    }

    /// True when the number at `pos` ends a range or list: "4-6", "4 – 6", "4 s.d. 6",
    /// "between 4 and 6", "4 sampai dengan 6".
    pub(crate) fn range_before(&self, text: &str, pos: usize) -> bool {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let tokens: Vec<&str> = text[line_start..pos].split_whitespace().rev().take(3).collect();
        let is_number = |t: Option<&&str>| t.is_some_and(|t| ends_with_number(t));
        match tokens.first() {
            Some(&("-" | "–" | "—" | "/")) => is_number(tokens.get(1)),
            Some(&t) if self.lexicons.has_word(self.lang, RANGE_WORDS, t) => is_number(tokens.get(1)),
            Some(&t) => {
                tokens.get(1).is_some_and(|t2| self.lexicons.has_word(self.lang, RANGE_WORDS, &format!("{t2} {t}")))
                    && is_number(tokens.get(2))
            }
            None => false,
        }
    }

    /// True when a range or list of numbers goes on after `pos`: "July 4-6", "July 4 and 5".
    pub(crate) fn range_after(&self, text: &str, pos: usize) -> bool {
        let rest = text[pos..].trim_start_matches([' ', '\t']);
        if let Some(r) = rest.strip_prefix(['-', '–', '—', '&', ',']) {
            return r.trim_start().starts_with(|c: char| c.is_ascii_digit());
        }
        // One or two words, then a number.
        let mut r = rest;
        let mut words = String::new();
        for _ in 0..2 {
            let len = r.find(char::is_whitespace).unwrap_or(r.len());
            if len == 0 {
                return false;
            }
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&r[..len]);
            r = r[len..].trim_start_matches([' ', '\t']);
            if self.lexicons.has_word(self.lang, RANGE_WORDS, &words) && r.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
        false
    }
}

fn ends_with_number(s: &str) -> bool {
    s.trim_end_matches(|c: char| c.is_alphabetic() && c.is_lowercase()).ends_with(|c: char| c.is_ascii_digit())
        && !s.is_empty()
}

/// True when `span` lies inside a URL or a path-like token ("example.com/2023/07/04"). A URL
/// holds no white space, so only the text from the white space before the span to the white
/// space after it is searched: the time stays the span's, however long the line.
pub(crate) fn in_url(text: &str, span: Range<usize>) -> bool {
    let from = text[..span.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let to = text[span.end..].find(char::is_whitespace).map_or(text.len(), |i| span.end + i);
    crate::markup::find_urls(&text[from..to])
        .into_iter()
        .any(|u| u.start + from < span.end && span.start < u.end + from)
}

/// True when a weekday and a date stand in one sentence of one paragraph: "Schools closed on
/// Friday.\n\nMarch 3, 2020: ..." pairs nothing. The full stop of an abbreviated weekday ("Fri.
/// March 3") ends no sentence.
fn in_one_sentence(text: &str, weekday: Range<usize>, date: Range<usize>, abbreviated: bool) -> bool {
    let (from, to) = if weekday.end <= date.start { (weekday.end, date.start) } else { (date.end, weekday.start) };
    let gap = &text[from..to];
    let mut lines = gap.split('\n');
    lines.next();
    let mut rest: Vec<&str> = lines.collect();
    rest.pop();
    if rest.iter().any(|l| l.trim().is_empty()) {
        return false;
    }
    !gap.char_indices().any(|(i, c)| {
        let after_weekday = i == 0 && from == weekday.end;
        matches!(c, '.' | '!' | '?' | '…')
            && !(c == '.' && after_weekday && abbreviated)
            && crate::recognize::sentence_end_at(text, from + i).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::in_url;

    #[test]
    fn a_span_in_a_url_on_a_long_line() {
        let filler = "kata ".repeat(2000);
        let text = format!("{filler}lihat https://contoh.id/2023/06/31/berita dan 31 Juni 2023 {filler}");
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap();
        assert!(in_url(&text, at("2023/06/31")));
        assert!(!in_url(&text, at("31 Juni 2023")));
        // A URL that starts inside a token ("(https://...") and a span across white space.
        let text = "lihat (https://contoh.id/4/7/2023) dan 4/7/2023";
        assert!(in_url(text, 20..28));
        assert!(!in_url(text, text.len() - 8..text.len()));
        assert!(in_url(text, 0..text.len()));
    }
}
