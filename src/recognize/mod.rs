//! Recognition: which parts of a text are known names (places, and later people and offices),
//! plus the small text facts checks share: word starts, sentence starts, the words next to a
//! span, and which language a document is in.

pub mod dates;
pub mod numbers;
pub mod people;

use crate::knowledge::gazetteer::Posting;
use crate::knowledge::Knowledge;
use crate::lexicon::Lexicons;
use crate::vocab::Lang;
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
    "de", "da", "do", "dos", "das", "del", "della", "du", "la", "le", "el", "es", "al", "upon", "of", "van", "von",
    "der", "den", "y", "sur",
];

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

/// A sentence cut into clauses: at semicolons, and at commas that a clause word follows. The
/// punctuation that cuts belongs to neither clause.
pub fn clauses<S: std::hash::BuildHasher>(
    text: &str,
    sentence: Range<usize>,
    clause_words: &std::collections::HashSet<String, S>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, mark) in text[sentence.clone()].match_indices([';', ',']) {
        let at = sentence.start + i;
        let cuts = mark == ";"
            || word_after(text, at + 1).is_some_and(|w| clause_words.contains(&crate::vocab::fold::fold(&text[w])));
        if cuts {
            out.push(start..at);
            start = at + 1;
        }
    }
    out.push(start..sentence.end);
    out
}

/// How far a sentence or paragraph reaches on either side of the text it is asked about: a
/// text with no punctuation or blank lines is not one sentence of a million words.
pub const SCOPE_REACH: usize = 2048;

/// `pos` moved on to a char boundary.
fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// Closing quotes and brackets that may stand between a sentence's full stop and the space.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// If a sentence ends with the punctuation at `i`, where the next one starts. A full stop after
/// a single letter (an initial, "Budi S. Setiadi") or before a lower-case word ("Rp. 5", "e.g.
/// this") ends nothing.
pub(crate) fn sentence_end_at(text: &str, i: usize) -> Option<usize> {
    let c = text[i..].chars().next()?;
    if !matches!(c, '.' | '!' | '?' | '…') {
        return None;
    }
    let mut j = i + c.len_utf8();
    while let Some(q) = text[j..].chars().next().filter(|q| CLOSERS.contains(q)) {
        j += q.len_utf8();
    }
    let rest = &text[j..];
    if rest.is_empty() {
        return Some(j);
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let next_word = rest.trim_start();
    if next_word.is_empty() {
        return Some(text.len());
    }
    if next_word.starts_with(char::is_lowercase) {
        return None;
    }
    if c == '.' {
        let mut before = text[..i].chars().rev();
        let initial =
            before.next().is_some_and(char::is_alphabetic) && !before.next().is_some_and(char::is_alphanumeric);
        if initial {
            return None;
        }
    }
    Some(j + (rest.len() - next_word.len()))
}

/// Where a text's paragraphs and sentences start, found once so that asking about many spans is
/// cheap.
///
/// A paragraph starts after a blank line. A sentence starts a paragraph, or follows sentence
/// punctuation and white space; lines without final punctuation run on, as in hard-wrapped text.
#[derive(Clone, Debug)]
pub struct Segments {
    len: usize,
    paragraphs: Vec<usize>,
    sentences: Vec<usize>,
}

impl Segments {
    pub fn new(text: &str) -> Segments {
        let mut paragraphs = vec![0];
        let mut from = 0;
        while let Some(i) = text[from..].find("\n\n") {
            paragraphs.push(from + i + 2);
            from += i + 2;
        }
        let mut sentences: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '.' | '!' | '?' | '…'))
            .filter_map(|(i, _)| sentence_end_at(text, i))
            .collect();
        sentences.extend(&paragraphs);
        sentences.sort_unstable();
        sentences.dedup();
        Segments { len: text.len(), paragraphs, sentences }
    }

    /// The paragraph around `range`, at most [`SCOPE_REACH`] bytes either side.
    pub fn paragraph(&self, text: &str, range: Range<usize>) -> Range<usize> {
        self.around(&self.paragraphs, text, range)
    }

    /// The sentence around `range`, at most [`SCOPE_REACH`] bytes either side.
    pub fn sentence(&self, text: &str, range: Range<usize>) -> Range<usize> {
        self.around(&self.sentences, text, range)
    }

    fn around(&self, starts: &[usize], text: &str, range: Range<usize>) -> Range<usize> {
        let i = starts.partition_point(|&s| s <= range.start);
        let start = starts[i.saturating_sub(1)];
        let end = starts[i..].iter().find(|&&s| s >= range.end).copied().unwrap_or(self.len);
        let start = ceil_boundary(text, start.max(range.start.saturating_sub(SCOPE_REACH)));
        let end = floor_boundary(text, end.min(range.end + SCOPE_REACH));
        start..end.max(start)
    }
}

/// The runs of capitalised words in `text`, left to right, as [`crate::lexicon::NAME`] finds
/// them: where place mentions are looked for. One scan of the characters, not a regex search: a
/// run is a word that starts with a capital letter (the expression's letter classes), then more
/// such words, each after spaces and tabs with at most one line break, and after the particles
/// place names hold ("Rio de Janeiro"). A word may have hyphenated parts and end in a full stop.
pub fn name_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + next_name_start(&text[pos..])?;
        let mut end = name_word_end(text, start)?;
        while let Some(next) = next_name_word(text, end) {
            end = next;
        }
        pos = end;
        Some(start..end)
    })
}

/// Where the first letter a name's word starts with is in `text`. Bytes are looked at a byte at
/// a time, and only a non-ASCII character is decoded: most of a text is ASCII.
fn next_name_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_uppercase() {
            return Some(i);
        }
        if b >= 0x80 {
            let c = text[i..].chars().next().expect("a character starts here");
            if is_name_start(c) {
                return Some(i);
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    None
}

/// The length of the name letters `text` starts with (ASCII a byte at a time, like
/// [`next_name_start`]).
fn letters_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() || b == b'\'' {
            i += 1;
        } else if b >= 0x80 {
            let c = text[i..].chars().next().expect("a character starts here");
            if !is_name_letter(c) {
                break;
            }
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// A letter a name's word starts with.
fn is_name_start(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'Ā'..='ɏ' | 'Ḁ'..='ỿ')
}

/// A letter (or apostrophe, or combining mark) inside a name's word.
fn is_name_letter(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ɏ' | 'Ḁ'..='ỿ' | '\u{300}'..='\u{36F}' | '\'' | '’')
}

/// Where the word of a name that starts at `at` ends: its letters, hyphenated parts and full
/// stop. None when no name's word starts there.
fn name_word_end(text: &str, at: usize) -> Option<usize> {
    let letters_from = |i: usize| i + letters_len(&text[i..]);
    let first = text[at..].chars().next().filter(|&c| is_name_start(c))?;
    let mut end = letters_from(at + first.len_utf8());
    // A hyphen joins a part of at least one letter: "Nusa Tenggara-Barat", not "Jakarta-".
    while let Some(h) = text[end..].chars().next().filter(|&c| c == '-' || c == '‐') {
        let part = end + h.len_utf8();
        if !text[part..].starts_with(is_name_letter) {
            break;
        }
        end = letters_from(part);
    }
    Some(if text[end..].starts_with('.') { end + 1 } else { end })
}

/// The end of the next word of a name run that ends at `end`: after spaces and tabs with at most
/// one line break, and any particles each followed by spaces or tabs. None when the run ends.
fn next_name_word(text: &str, end: usize) -> Option<usize> {
    let blanks = |i: usize| i + text[i..].len() - text[i..].trim_start_matches([' ', '\t']).len();
    let mut at = blanks(end);
    if text[at..].starts_with('\n') {
        at = blanks(at + 1);
    }
    if at == end {
        return None;
    }
    // A particle (lower-case ASCII letters) is a whole word followed by a space or tab; no
    // name's word starts with one.
    loop {
        let word = text[at..].bytes().take_while(u8::is_ascii_lowercase).count();
        if word == 0 || !text[at + word..].starts_with([' ', '\t']) || !PARTICLES.contains(&&text[at..at + word]) {
            break;
        }
        at = blanks(at + word);
    }
    name_word_end(text, at)
}

/// True when `range` is part of a longer capitalised name: the word right after it (one space
/// away) is capitalised ("China Daily", "Laut China Selatan"), or the word right before it is
/// and does not merely begin the sentence ("Bank of China", "Dynamo Kiev").
pub fn in_longer_name(text: &str, range: Range<usize>) -> bool {
    let spaced = |s: &str| !s.is_empty() && s.chars().all(|c| c == ' ' || c == '\u{a0}');
    let after = &text[range.end..];
    let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
    if spaced(&after[..gap]) && after[gap..].starts_with(char::is_uppercase) {
        return true;
    }
    let Some(w) = word_before(text, range.start) else { return false };
    if !spaced(&text[w.end..range.start]) {
        return false;
    }
    let capital =
        |w: &Range<usize>| text[w.clone()].starts_with(char::is_uppercase) && !is_sentence_start(text, w.start);
    if capital(&w) {
        return true;
    }
    // "Bank of China": a particle between two parts of one name (which may begin the sentence).
    PARTICLES.contains(&&text[w.clone()])
        && word_before(text, w.start)
            .is_some_and(|v| spaced(&text[v.end..w.start]) && text[v].starts_with(char::is_uppercase))
}

/// True when `range` stands in quotation marks: a word mentioned, not used ('slot gacor').
pub fn is_quoted(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| matches!(c, '"' | '\'' | '“' | '‘' | '«' | '„'))
        && after.is_some_and(|c| matches!(c, '"' | '\'' | '”' | '’' | '»' | '“'))
}

/// Decides a document's language from the words of each lexicon's `detect` list; None when no
/// lexicon's words occur.
pub fn detect_language(text: &str, lexicons: &Lexicons) -> Option<Lang> {
    // The first few hundred words tell the languages apart as well as the whole text; function
    // words are short and ASCII.
    let sets = lexicons.detect_sets();
    let mut scores = vec![0usize; sets.len()];
    let mut buf = [0u8; 10];
    let (mut len, mut words, mut ascii) = (0usize, 0usize, true);
    for &b in text.as_bytes().iter().take(4000).chain(std::iter::once(&b' ')) {
        if b.is_ascii_alphanumeric() {
            if len < buf.len() {
                buf[len] = b.to_ascii_lowercase();
            }
            len += 1;
        } else if b >= 0x80 {
            // A letter outside ASCII: part of a word that is no function word.
            ascii = false;
            len += 1;
        } else {
            if ascii && (2..=buf.len()).contains(&len) {
                let word = std::str::from_utf8(&buf[..len]).expect("ASCII");
                for (i, (_, set)) in sets.iter().enumerate() {
                    if set.contains(word) {
                        scores[i] += 1;
                    }
                }
                words += 1;
                if words >= 300 {
                    break;
                }
            }
            len = 0;
            ascii = true;
        }
    }
    let mut best: Option<(Lang, usize)> = None;
    for (i, (lang, _)) in sets.iter().enumerate() {
        if scores[i] > 0 && best.is_none_or(|(_, s)| scores[i] > s) {
            best = Some((*lang, scores[i]));
        }
    }
    best.map(|(l, _)| l)
}

#[cfg(test)]
mod tests {

    #[test]
    fn name_runs_are_what_the_name_expression_finds() {
        let re = regex::Regex::new(crate::lexicon::NAME).unwrap();
        let same = |text: &str| {
            let expected: Vec<Range<usize>> = re.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(name_runs(text).collect::<Vec<_>>(), expected, "{text:?}");
        };
        for text in [
            "Officials in Rio de Janeiro and Newcastle upon Tyne, said Jean-Luc Picard Jr. of U.S. Steel.",
            "Kota  Bandung\n  Jawa Barat \n\nBali, Nusa Tenggara-Barat, Jakarta- Pusat, O'Brien D’Arcy",
            "ÉCOLE de la Cruz van der x Ḁbc Āb Ḃ\u{301}c del\tRio della\nRio de  de Lima, y Gasset al-Sisi",
            "",
            "no names here at all",
            "A",
            "A.B. C.\r\nD \t\n\tE",
        ] {
            same(text);
        }
        // Texts made of the pieces the expression treats apart, in many orders.
        let pieces = [
            "A", "Bc", "a", "é", "É", "ā", "Ḁ", "ß", "Ω", " ", "  ", "\t", "\n", "\r", "-", "‐", ".", "'", "’",
            "\u{301}", "de", "del", "della", "van", "of", "y", "x", "1", ",", "(", "de ", " de ", "\u{a0}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 13) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            same(&text);
        }
    }

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
        let seg = Segments::new(t);
        let at = t.find("China").unwrap();
        let s = seg.sentence(t, at..at);
        assert_eq!(&t[s.clone()], "China led, and Europe sold 2.6 million. ");
        let words: std::collections::HashSet<String> = ["and".to_string()].into();
        let c: Vec<&str> = clauses(t, s, &words).into_iter().map(|r| &t[r]).collect();
        assert_eq!(c, vec!["China led", " and Europe sold 2.6 million. "]);
    }

    #[test]
    fn sentences_and_paragraphs() {
        let t = "Polisi menangkap Budi S. Setiadi di Jl. Sudirman. Situs itu diblokir!\n\ndata sgp terlengkap\nBy x";
        let seg = Segments::new(t);
        let at = |s: &str| t.find(s).unwrap()..t.find(s).unwrap() + s.len();
        let s = |r: Range<usize>| &t[seg.sentence(t, r)];
        assert_eq!(s(at("Setiadi")), "Polisi menangkap Budi S. Setiadi di Jl. ");
        assert_eq!(s(at("Sudirman")), "Sudirman. ");
        assert_eq!(s(at("diblokir")), "Situs itu diblokir!\n\n");
        assert_eq!(s(at("sgp")), "data sgp terlengkap\nBy x");
        assert_eq!(
            &t[seg.paragraph(t, at("diblokir"))],
            "Polisi menangkap Budi S. Setiadi di Jl. Sudirman. Situs itu diblokir!\n\n"
        );
        let long = "kata ".repeat(2000);
        let seg = Segments::new(&long);
        assert!(seg.sentence(&long, 5000..5004).len() <= 2 * SCOPE_REACH + 4, "a scope has a reach");
        for (t, word, named) in [
            ("the China Daily said", "China", true),
            ("kapal di Laut China Selatan", "China", true),
            ("Bank of China shares", "China", true),
            ("China said on Monday", "China", false),
            ("Di China, pabrik dibuka", "China", false),
            ("ekspor ke China naik", "China", false),
            ("kata Presiden Zelensky", "Zelensky", true),
            ("Presiden Zelensky berkata", "Zelensky", false),
        ] {
            let i = t.find(word).unwrap();
            assert_eq!(in_longer_name(t, i..i + word.len()), named, "{t}");
        }
        assert!(is_quoted("istilah \"slot gacor\" itu", 9..19));
        assert!(!is_quoted("istilah slot gacor itu", 8..18));
    }

    #[test]
    fn name_shapes() {
        assert!(looks_like_name("Rio de Janeiro"));
        assert!(looks_like_name("SHENZHEN"));
        assert!(!looks_like_name("the city"));
    }
}
