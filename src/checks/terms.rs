//! Phrase matching shared by the term kinds (forbidden, preferred-term): many literal phrases
//! found at once with Aho-Corasick, case-insensitively, only where they stand as whole words.
//! Not a kind itself.
//!
//! A phrase is words separated by spaces; a space matches any one white-space character (so a
//! phrase may run across a line break) and a trailing `*` matches any word ending ("arrest*":
//! arrested, arrests). Case is ignored for ASCII letters, and for other letters in the phrase's
//! lower-case, upper-case and capitalised spellings.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// What may not touch a match on either side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boundary {
    /// Letters and digits: "togel" is not found in "togel88" (prose).
    Word,
    /// Letters only: "gacor" is found in "gacor88.com" (link targets).
    Letter,
}

/// A set of phrases compiled for matching.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    ac: Option<Arc<Automata>>,
    /// Per automaton pattern: the phrase it spells, and whether the phrase ends with `*`.
    owners: Vec<(usize, bool)>,
    count: usize,
    /// Whether some phrase has a space, which matches any white space: only then is a text
    /// searched as a copy with its white space made plain.
    spaced: bool,
    /// The longest spelling, in bytes: how far before a match's end another may start.
    longest: usize,
}

/// A set of literals' automata, built when first needed: rule sets are compiled at every start,
/// and many sets (exceptions, context words, pattern triggers) are searched only once another
/// has matched. One article is searched in less time than a DFA takes to build, so a set starts
/// with a contiguous NFA (quick to build) and builds its DFA (quick to search) once it has
/// searched enough text to repay it: a folder or a stream of documents. ASCII case is ignored.
#[derive(Debug)]
pub struct Automata {
    patterns: Vec<Vec<u8>>,
    /// Bytes searched with the NFA before the DFA is built.
    dfa_after: usize,
    quick: OnceLock<Option<AhoCorasick>>,
    fast: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
}

/// Bytes a phrase set searches with its NFA before it builds its DFA.
const DFA_AFTER_BYTES: usize = 256 * 1024;

fn automaton(patterns: &[Vec<u8>], kind: AhoCorasickKind) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(patterns)
}

impl Automata {
    /// Nothing is built until the first search; the DFA once `dfa_after` bytes are searched.
    pub fn new(patterns: Vec<Vec<u8>>, dfa_after: usize) -> Automata {
        Automata { patterns, dfa_after, quick: OnceLock::new(), fast: OnceLock::new(), searched: AtomicUsize::new(0) }
    }

    /// The automaton to search `len` bytes with. None only if the literals cannot be compiled
    /// (more than an automaton's state ids can number).
    pub fn for_text(&self, len: usize) -> Option<&AhoCorasick> {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref();
        }
        let quick = || self.quick.get_or_init(|| automaton(&self.patterns, AhoCorasickKind::ContiguousNFA).ok());
        if self.searched.fetch_add(len, Ordering::Relaxed) + len < self.dfa_after {
            return quick().as_ref();
        }
        self.fast
            .get_or_init(|| automaton(&self.patterns, AhoCorasickKind::DFA).ok().or_else(|| quick().clone()))
            .as_ref()
    }
}

/// One match: where, and which phrase (its index in the list given to [`PhraseSet::new`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub range: Range<usize>,
    pub phrase: usize,
}

/// A phrase as the automaton spells it: words joined by single spaces, `*` removed.
/// Errors say what is wrong with the phrase.
pub fn normalize(phrase: &str) -> Result<(String, bool), String> {
    let trimmed = phrase.trim();
    let (body, open) = match trimmed.strip_suffix('*') {
        Some(b) => (b.trim_end(), true),
        None => (trimmed, false),
    };
    if body.is_empty() {
        return Err("a phrase must have at least one word".to_string());
    }
    if body.contains('*') {
        return Err(format!("{phrase:?}: `*` may only end a phrase (\"arrest*\")"));
    }
    if !body.chars().next().is_some_and(char::is_alphanumeric) {
        return Err(format!("{phrase:?} must begin with a letter or digit"));
    }
    Ok((body.split_whitespace().collect::<Vec<_>>().join(" "), open))
}

impl PhraseSet {
    /// Compiles phrases; the error names the index of the bad phrase and what to change.
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Result<PhraseSet, (usize, String)> {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut owners = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            let (body, open) = normalize(p.as_ref()).map_err(|m| (i, m))?;
            let mut spellings = vec![body.clone()];
            if !body.is_ascii() {
                let lower = body.to_lowercase();
                let mut chars = lower.chars();
                let capitalised: String = chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
                spellings.extend([lower, body.to_uppercase(), capitalised]);
                spellings.sort();
                spellings.dedup();
            }
            // Typographic apostrophes, as editors and CMSs write them: "won't" and "won’t".
            if body.contains('\'') {
                let curly: Vec<String> = spellings.iter().map(|s| s.replace('\'', "’")).collect();
                spellings.extend(curly);
            }
            for s in spellings {
                patterns.push(s.into_bytes());
                owners.push((i, open));
            }
        }
        if patterns.is_empty() {
            return Ok(PhraseSet::default());
        }
        // An automaton has at most one state per pattern byte; its state ids are 31 bits.
        if patterns.iter().map(Vec::len).sum::<usize>() >= 1 << 30 {
            return Err((0, "the phrases are too many to compile: split them over several rules".to_string()));
        }
        let spaced = patterns.iter().any(|p| p.contains(&b' '));
        let longest = patterns.iter().map(Vec::len).max().unwrap_or(0);
        Ok(PhraseSet {
            ac: Some(Arc::new(Automata::new(patterns, DFA_AFTER_BYTES))),
            owners,
            count: phrases.len(),
            spaced,
            longest,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Every whole-word match in `text`, leftmost-longest and not overlapping, in text order.
    pub fn find_all(&self, text: &str, boundary: Boundary) -> Vec<PhraseMatch> {
        let all = self.find_overlapping(text, boundary);
        let mut out: Vec<PhraseMatch> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_none_or(|last| last.range.end <= m.range.start) {
                out.push(m);
            }
        }
        out
    }

    /// Every whole-word match in `text`, overlapping ones included, sorted by start and then
    /// longest first.
    pub fn find_overlapping(&self, text: &str, boundary: Boundary) -> Vec<PhraseMatch> {
        let Some(automata) = &self.ac else { return Vec::new() };
        if text.is_empty() {
            return Vec::new();
        }
        let Some(ac) = automata.for_text(text.len()) else { return Vec::new() };
        // A space in a phrase matches any one white-space character: search a copy whose ASCII
        // white space is a plain space (same length, so offsets hold).
        // Without a spaced phrase, white space is never part of a match: the text is searched
        // as it is.
        let plain: Vec<u8>;
        let hay: &[u8] = if self.spaced {
            plain = text.bytes().map(|b| if matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c') { b' ' } else { b }).collect();
            &plain
        } else {
            text.as_bytes()
        };
        // Most texts hold none of the phrases: a plain search (which can use a prefilter) says so
        // faster than the overlapping one, which then starts where the first match may begin (a
        // longer phrase that holds it starts at most the longest phrase before its end).
        let Some(first) = ac.find(hay) else { return Vec::new() };
        let from = first.end().saturating_sub(self.longest);
        let mut all: Vec<PhraseMatch> = Vec::new();
        for m in ac.find_overlapping_iter(aho_corasick::Input::new(hay).span(from..hay.len())) {
            let (phrase, open) = self.owners[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            if touches(text[..start].chars().next_back(), boundary) {
                continue;
            }
            if open {
                // "arrest*" takes the rest of the word.
                end += text[end..].chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
            } else if touches(text[end..].chars().next(), boundary) {
                continue;
            }
            all.push(PhraseMatch { range: start..end, phrase });
        }
        all.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
        all
    }
}

fn touches(c: Option<char>, boundary: Boundary) -> bool {
    c.is_some_and(|c| match boundary {
        Boundary::Word => c.is_alphanumeric(),
        Boundary::Letter => c.is_alphabetic(),
    })
}

/// True when some of `ranges` (sorted by start) lies inside `scope`.
pub fn any_within(ranges: &[PhraseMatch], scope: &Range<usize>) -> bool {
    let i = ranges.partition_point(|m| m.range.start < scope.start);
    ranges[i..].first().is_some_and(|m| m.range.end <= scope.end)
}

/// True when some of `ranges` (sorted by start) covers all of `range`.
pub fn any_covering(ranges: &[PhraseMatch], range: &Range<usize>) -> bool {
    // Matches do not overlap, so only the last one starting at or before `range` can cover it.
    let i = ranges.partition_point(|m| m.range.start <= range.start);
    i > 0 && ranges[i - 1].range.end >= range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(set: &PhraseSet, text: &'t str, b: Boundary) -> Vec<&'t str> {
        set.find_all(text, b).into_iter().map(|m| &text[m.range]).collect()
    }

    #[test]
    fn a_longer_phrase_that_starts_before_the_first_match_is_found() {
        // "gacor" is the first match the plain search sees (it ends first); "slot gacor maxwin"
        // holds it and starts before it, as does "daftar slot" before "slot gacor maxwin".
        let set = PhraseSet::new(&["gacor", "slot gacor maxwin", "daftar slot"]).unwrap();
        let text = "Ayo daftar slot gacor maxwin.";
        let all: Vec<&str> = set.find_overlapping(text, Boundary::Word).into_iter().map(|m| &text[m.range]).collect();
        assert_eq!(all, ["daftar slot", "slot gacor maxwin", "gacor"]);
        // Phrases without a space are searched in the text as it is, line ends and all.
        let plain = PhraseSet::new(&["togel", "slot"]).unwrap();
        assert_eq!(found(&plain, "togel\nslot\tslot88", Boundary::Word), ["togel", "slot"]);
    }

    #[test]
    fn the_dfa_built_after_much_text_finds_what_the_nfa_found() {
        let set = PhraseSet::new(&["slot gacor", "situs slot", "togel", "won't", "bébé"]).unwrap();
        let text = "Situs SLOT gacor, togel88 dan togel. We won’t. BÉBÉ!";
        let with_nfa = found(&set, text, Boundary::Word);
        assert_eq!(with_nfa, ["Situs SLOT", "togel", "won’t", "BÉBÉ"]);
        let automata = set.ac.as_ref().unwrap();
        assert!(automata.fast.get().is_none());
        let long = "kata biasa ".repeat(DFA_AFTER_BYTES / 10);
        assert!(found(&set, &long, Boundary::Word).is_empty());
        assert!(automata.fast.get().is_some_and(Option::is_some), "the DFA is built");
        assert_eq!(found(&set, text, Boundary::Word), with_nfa);
    }

    #[test]
    fn whole_words_any_case_longest_first() {
        let set = PhraseSet::new(&["slot gacor", "situs slot", "situs slot gacor", "togel"]).unwrap();
        assert_eq!(found(&set, "Situs SLOT gacor, togel88 dan togel.", Boundary::Word), ["Situs SLOT gacor", "togel"]);
        assert_eq!(found(&set, "slot\ngacor", Boundary::Word), ["slot\ngacor"]);
        assert!(found(&set, "slotgacor togelan", Boundary::Word).is_empty());
        assert_eq!(found(&set, "https://togel88.com", Boundary::Letter), ["togel"]);
    }

    #[test]
    fn open_endings_and_non_ascii() {
        let set = PhraseSet::new(&["arrest*", "café"]).unwrap();
        assert_eq!(
            found(&set, "Police arrested two at the CAFÉ; Café owners", Boundary::Word),
            ["arrested", "CAFÉ", "Café"]
        );
        assert!(PhraseSet::new(&["a*b"]).is_err());
        assert!(PhraseSet::new(&["  "]).is_err());
    }
}
