//! Recognition: which parts of a text are known names (places, and later people and offices),
//! plus the small text facts checks share: word starts, sentence starts, the words next to a
//! span, and which language a document is in.

pub mod dates;
pub mod numbers;
pub mod people;

use crate::knowledge::gazetteer::Posting;
use crate::knowledge::Knowledge;
use crate::rules::lexicon::Lexicons;
use crate::rules::Lang;
use std::ops::Range;

/// A known name found in the text, and the places it may stand for.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    pub range: Range<usize>,
    pub places: Vec<Posting>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Byte offsets within `range` where a word starts.
pub fn word_starts(text: &str, range: Range<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_word = range.start > 0 && text[..range.start].chars().next_back().is_some_and(is_word_char);
    for (i, c) in text[range.clone()].char_indices() {
        let w = c.is_alphanumeric();
        if w && !prev_word {
            out.push(range.start + i);
        }
        prev_word = is_word_char(c) || (c == '-' && prev_word);
    }
    out
}

/// The longest known name that ends exactly at `range.end` and starts at a word start inside
/// `range` (the place in "Forum Shenzhen").
pub fn name_ending_at(kb: &Knowledge, text: &str, range: Range<usize>) -> Option<NameMatch> {
    for start in word_starts(text, range.clone()) {
        for (end, places) in kb.prefixes(&text[start..range.end]) {
            if start + end == range.end {
                return Some(NameMatch { range: start..range.end, places });
            }
        }
    }
    None
}

/// The longest known name that starts at `range.start` and ends inside `range` (the region in
/// "Guangdong Province").
pub fn name_starting_at(kb: &Knowledge, text: &str, range: Range<usize>) -> Option<NameMatch> {
    kb.prefixes(&text[range.clone()])
        .into_iter()
        .next_back()
        .map(|(end, places)| NameMatch { range: range.start..range.start + end, places })
}

/// `text[..end]` cut back to a character boundary (for windows of a fixed byte length).
pub fn floor_boundary(text: &str, end: usize) -> usize {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// True when every word of the name starts with a capital letter, except lower-case particles
/// ("Rio de Janeiro") — the shape a place name has in prose.
pub fn looks_like_name(s: &str) -> bool {
    let mut any = false;
    for w in s.split(|c: char| c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        let first = w.chars().next().expect("non-empty");
        if first.is_uppercase() {
            any = true;
        } else if !PARTICLES.contains(&w) {
            return false;
        }
    }
    any
}

const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "du", "la", "le", "el", "al", "upon", "of", "van", "von", "der",
    "den", "y", "sur",
];

/// True when the word at `pos` is all capitals (a dateline's "SHENZHEN").
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// The word before `pos` (skipping white space), if it is in the same paragraph.
pub fn word_before(text: &str, pos: usize) -> Option<Range<usize>> {
    let before = &text[..pos];
    let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
    if before[trimmed.len()..].contains("\n\n") {
        return None;
    }
    let end = trimmed.len();
    let start =
        trimmed.char_indices().rev().take_while(|(_, c)| is_word_char(*c) || *c == '-').last().map(|(i, _)| i)?;
    Some(start..end)
}

/// The word after `pos` (skipping white space), if it is in the same paragraph.
pub fn word_after(text: &str, pos: usize) -> Option<Range<usize>> {
    let after = &text[pos..];
    let trimmed = after.trim_start_matches([' ', '\t', '\n', '\r']);
    let skipped = after.len() - trimmed.len();
    if after[..skipped].contains("\n\n") {
        return None;
    }
    let len: usize = trimmed.chars().take_while(|c| is_word_char(*c) || *c == '-').map(char::len_utf8).sum();
    (len > 0).then(|| pos + skipped..pos + skipped + len)
}

/// The first character after `pos` that is not a space or tab.
pub fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().find(|c| *c != ' ' && *c != '\t')
}

/// The last character before `pos` that is not a space or tab.
pub fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().rev().find(|c| *c != ' ' && *c != '\t')
}

/// True when the word at `pos` begins a sentence: it follows the start of the text, a blank
/// line, a line that ended a sentence, or sentence-ending punctuation (opening quotes and
/// brackets in between are skipped).
pub fn is_sentence_start(text: &str, pos: usize) -> bool {
    let mut saw_newline = false;
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '\t' | '\r' => {}
            '\n' => {
                if saw_newline {
                    return true;
                }
                saw_newline = true;
            }
            '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '_' | '\u{FFFC}' => {}
            '.' | '!' | '?' | '…' => return true,
            // A line that did not end a sentence but began with a list marker or stood alone.
            '-' | '–' | '—' | '•' | ':' => return saw_newline || c == ':',
            _ => return false,
        }
    }
    true
}

/// Where a possessive ending ("Indonesia's", "Huawei’s") begins in `text`, if one does before a
/// word boundary: names are looked up without it.
pub fn possessive_cut(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(['\'', '’']).map(|i| from + i) {
        let ap = text[i..].chars().next().map_or(1, char::len_utf8);
        let rest = &text[i + ap..];
        let before_is_letter = text[..i].chars().next_back().is_some_and(char::is_alphabetic);
        let s_then_boundary = rest.starts_with(['s', 'S']) && !rest[1..].starts_with(char::is_alphanumeric);
        if before_is_letter
            && (s_then_boundary || text[..i].ends_with(['s', 'S']) && !rest.starts_with(char::is_alphanumeric))
        {
            return Some(i);
        }
        from = i + ap;
    }
    None
}

/// True when a sentence ends at byte `i` of the text (`text[i]` is its final punctuation): the
/// mark is followed by white space and then a capital, a digit, a quote or a bracket, or by
/// the end of the text.
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let Some(c) = rest.chars().next() else { return false };
    if !matches!(c, '.' | '!' | '?' | '…') {
        return false;
    }
    let after = &rest[c.len_utf8()..];
    // Closing quotes and brackets belong to the sentence.
    let after = after.trim_start_matches(['"', '\'', '”', '’', ')', ']']);
    let trimmed = after.trim_start_matches([' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == after.len() {
        return false;
    }
    trimmed.starts_with(|n: char| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'([«*_-–—•".contains(n))
}

/// The sentence around byte `pos`: from after the previous sentence end (or blank line, or
/// markup separator) to the next, without surrounding white space.
pub fn sentence_range(text: &str, pos: usize) -> Range<usize> {
    let pos = floor_boundary(text, pos);
    let mut start = 0;
    for (i, c) in text[..pos].char_indices().rev() {
        if c == crate::markup::SEPARATOR || (c == '\n' && text[..i].ends_with('\n')) || ends_sentence(text, i) {
            start = i + c.len_utf8();
            break;
        }
    }
    let mut end = text.len();
    for (i, c) in text[pos..].char_indices() {
        let at = pos + i;
        if c == crate::markup::SEPARATOR || (c == '\n' && text[at + 1..].starts_with('\n')) {
            end = at;
            break;
        }
        if ends_sentence(text, at) {
            end = at + c.len_utf8();
            break;
        }
    }
    while start < end && text[start..].starts_with(char::is_whitespace) {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    start..end.max(start)
}

/// The sentences of a text in order, by the same rules as [`sentence_range`], in one pass.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |start: usize, end: usize| {
        let mut s = start;
        while s < end && text[s..].starts_with(char::is_whitespace) {
            s += text[s..].chars().next().map_or(1, char::len_utf8);
        }
        if s < end {
            out.push(s..end);
        }
    };
    for (i, c) in text.char_indices() {
        if c == crate::markup::SEPARATOR || (c == '\n' && text[i + 1..].starts_with('\n')) {
            push(start, i);
            start = i + c.len_utf8();
        } else if matches!(c, '.' | '!' | '?' | '…') && ends_sentence(text, i) {
            push(start, i + c.len_utf8());
            start = i + c.len_utf8();
        }
    }
    push(start, text.len());
    out
}

/// The clause around byte `pos` within its sentence: split at semicolons, and at commas that a
/// clause word follows (", and Europe sold ...", ", sedangkan ..."). `clause_words` are folded.
pub fn clause_range(text: &str, pos: usize, clause_words: &std::collections::HashSet<String>) -> Range<usize> {
    clause_in(text, sentence_range(text, pos), pos, clause_words)
}

/// The clause around byte `pos` within a sentence already found.
pub fn clause_in(
    text: &str,
    sentence: Range<usize>,
    pos: usize,
    clause_words: &std::collections::HashSet<String>,
) -> Range<usize> {
    clauses(text, sentence, clause_words)
        .into_iter()
        .find(|c| c.start <= pos && pos < c.end.max(c.start + 1))
        .unwrap_or(pos..pos)
}

/// A sentence cut into clauses: at semicolons, and at commas that a clause word follows. The
/// punctuation that cuts belongs to neither clause.
pub fn clauses(
    text: &str,
    sentence: Range<usize>,
    clause_words: &std::collections::HashSet<String>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, mark) in text[sentence.clone()].match_indices([';', ',']) {
        let at = sentence.start + i;
        let cuts = mark == ";"
            || word_after(text, at + 1).is_some_and(|w| clause_words.contains(&crate::knowledge::fold::fold(&text[w])));
        if cuts {
            out.push(start..at);
            start = at + 1;
        }
    }
    out.push(start..sentence.end);
    out
}

/// Decides a document's language from the words of each lexicon's `detect` list; None when no
/// lexicon's words occur.
pub fn detect_language(text: &str, lexicons: &Lexicons) -> Option<Lang> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3000)
        .map(|w| w.to_lowercase())
        .collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut best: Option<(Lang, usize)> = None;
    for lang in lexicons.languages() {
        let score = lexicons.detect_score(lang, &refs);
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((lang, score));
        }
    }
    best.map(|(l, _)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences() {
        let t = "He went. Then Shenzhen-Guangdong, ok";
        assert_eq!(word_starts(t, 0..t.len()), vec![0, 3, 9, 14, 34]);
        assert!(is_sentence_start(t, 0));
        assert!(is_sentence_start(t, 9));
        assert!(!is_sentence_start(t, 14));
        assert!(is_sentence_start("Title\n\nBody", 7));
        assert!(!is_sentence_start("wrapped\nline", 8));
        assert_eq!(word_before(t, 14), Some(9..13));
        assert_eq!(word_after(t, 13), Some(14..32));
        assert!(word_after("a\n\nb", 1).is_none());
    }

    #[test]
    fn sentences_and_clauses() {
        let t = "Sales hit 6.8 million units. China led, and Europe sold 2.6 million. Co. said so";
        let s = sentence_range(t, 12);
        assert_eq!(&t[s], "Sales hit 6.8 million units.");
        let words: std::collections::HashSet<String> = ["and".to_string()].into();
        let c = clause_range(t, t.find("2.6").unwrap(), &words);
        assert_eq!(&t[c], " and Europe sold 2.6 million.");
        let c = clause_range(t, t.find("China").unwrap(), &words);
        assert_eq!(&t[c], "China led");
        let all: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(all, vec!["Sales hit 6.8 million units.", "China led, and Europe sold 2.6 million.", "Co. said so"]);
        assert_eq!(possessive_cut("Indonesia's Minister"), Some(9));
        assert_eq!(possessive_cut("Laos’ minister"), Some(4));
        assert_eq!(possessive_cut("Xi'an is"), None);
        let u = "A.\n\nB c";
        assert_eq!(&u[sentence_range(u, 5)], "B c");
    }

    #[test]
    fn name_shapes() {
        assert!(looks_like_name("Rio de Janeiro"));
        assert!(looks_like_name("SHENZHEN"));
        assert!(!looks_like_name("the city"));
        assert!(is_all_caps("SHENZHEN"));
        assert!(!is_all_caps("Shenzhen"));
    }
}
