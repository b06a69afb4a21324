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
}

/// A set of literals' automata, built when first needed: rule sets are compiled at every start,
/// and many sets (exceptions, context words, pattern triggers) are searched only once another
/// has matched. One article is searched in less time than a DFA takes to build, so a set starts
/// with a contiguous NFA (quick to build) and builds its DFA (quick to search) once it has
/// searched enough text to repay it: a folder or a stream of documents. ASCII case is ignored.
///
/// Most texts hold none of a set's literals, and an automaton that ignores case can skip ahead
/// by none of them: when the set is small enough for a packed searcher (Teddy, SIMD), the first
/// literal is looked for with that, over a [`Lowered`] copy of the text and the literals in
/// lower case, which finds what the automaton finds.
#[derive(Debug)]
pub struct Automata {
    patterns: Vec<Vec<u8>>,
    /// Bytes searched with the NFA before the DFA is built.
    dfa_after: usize,
    quick: OnceLock<Option<AhoCorasick>>,
    fast: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    packed: OnceLock<Option<aho_corasick::packed::Searcher>>,
    longest: usize,
}

/// Bytes a phrase set searches with its NFA before it builds its DFA.
const DFA_AFTER_BYTES: usize = 256 * 1024;

/// The bytes [`Automata::occurs_in`] lowers and searches at a time.
const CHUNK_BYTES: usize = 64 << 10;

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
        let longest = patterns.iter().map(Vec::len).max().unwrap_or(0);
        Automata {
            patterns,
            dfa_after,
            quick: OnceLock::new(),
            fast: OnceLock::new(),
            searched: AtomicUsize::new(0),
            packed: OnceLock::new(),
            longest,
        }
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

    /// The packed searcher of the literals in lower case, for [`Lowered`] texts: None when the
    /// set is too large for one (or the machine has no SIMD for it).
    fn packed(&self) -> Option<&aho_corasick::packed::Searcher> {
        self.packed
            .get_or_init(|| {
                let mut b = aho_corasick::packed::Config::new().builder();
                self.patterns.iter().for_each(|p| {
                    b.add(p.to_ascii_lowercase());
                });
                b.build()
            })
            .as_ref()
    }

    /// Whether some literal occurs in `text`, in any ASCII case (true when the literals cannot
    /// be compiled: an answer that rules nothing out).
    pub fn occurs_in(&self, text: &[u8]) -> bool {
        let Some(packed) = self.packed() else {
            return self.for_text(text.len()).is_none_or(|ac| ac.is_match(text));
        };
        // Lowered a chunk at a time, each reaching on by a literal's length less a byte, so
        // that every occurrence lies wholly inside the chunk it starts in.
        let reach = self.longest.saturating_sub(1);
        (0..text.len()).step_by(CHUNK_BYTES).any(|at| {
            let chunk = Lowered::of(&text[at..(at + CHUNK_BYTES + reach).min(text.len())], false);
            packed.find(&*chunk).is_some()
        })
    }
}

thread_local! {
    /// A buffer for the next [`Lowered`] text: one allocation a thread, not one a search.
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A copy of a text with its ASCII letters in lower case, and with its ASCII white space made a
/// plain space when asked: the same length, so offsets hold. What a packed searcher looks in,
/// and what a phrase set with a spaced phrase searches.
pub struct Lowered(Vec<u8>);

impl Lowered {
    pub fn of(text: &[u8], plain_space: bool) -> Lowered {
        // A thread whose locals are being torn down has no spare: a new buffer then.
        let mut bytes = SPARE.try_with(std::cell::Cell::take).unwrap_or_default();
        bytes.clear();
        if plain_space {
            bytes.extend(text.iter().map(|&b| match b {
                b'\t' | b'\n' | b'\r' | b'\x0c' => b' ',
                b => b.to_ascii_lowercase(),
            }));
        } else {
            bytes.extend(text.iter().map(u8::to_ascii_lowercase));
        }
        Lowered(bytes)
    }
}

impl std::ops::Deref for Lowered {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Lowered {
    fn drop(&mut self) {
        // A huge text's copy is let go rather than held for the rest of the run.
        if self.0.capacity() <= 1 << 20 {
            let _ = SPARE.try_with(|s| s.set(std::mem::take(&mut self.0)));
        }
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
        Ok(PhraseSet {
            ac: Some(Arc::new(Automata::new(patterns, DFA_AFTER_BYTES))),
            owners,
            count: phrases.len(),
            spaced,
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
        // A space in a phrase matches any one white-space character: a copy whose ASCII white
        // space is a plain space is searched when some phrase has a space, lowered too (for a
        // packed searcher, which sees case); the automaton finds the same in either.
        let packed = automata.packed();
        let copy = (self.spaced || packed.is_some()).then(|| Lowered::of(text.as_bytes(), self.spaced));
        let hay: &[u8] = copy.as_deref().unwrap_or(text.as_bytes());
        // Most texts hold none of the phrases: a plain search says so faster than the
        // overlapping one, which then starts where the first match may begin: where the packed
        // searcher's leftmost match starts, or (the automaton's first match being the first to
        // end) up to the longest phrase before its end.
        let from = match packed {
            Some(packed) => match packed.find(hay) {
                Some(m) => m.start(),
                None => return Vec::new(),
            },
            None => match ac.find(hay) {
                Some(m) => m.end().saturating_sub(automata.longest),
                None => return Vec::new(),
            },
        };
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
    fn a_packed_search_finds_what_the_automaton_finds() {
        // A set of a few phrases gets a packed searcher; one of hundreds does not, and is
        // searched with the automaton alone. Both find the same, in any case and across lines.
        let few = ["slot gacor", "Togel", "won't", "bébé", "data sgp"];
        let many: Vec<String> =
            few.iter().map(|s| s.to_string()).chain((0..300).map(|i| format!("kata{i}x"))).collect();
        let (small, large) = (PhraseSet::new(&few).unwrap(), PhraseSet::new(&many).unwrap());
        assert!(small.ac.as_ref().unwrap().packed().is_some());
        assert!(large.ac.as_ref().unwrap().packed().is_none());
        let text = "Situs SLOT\ngacor, TOGEL88 dan togel. We won’t. BÉBÉ! Data\tSGP";
        assert_eq!(found(&small, text, Boundary::Word), ["SLOT\ngacor", "togel", "won’t", "BÉBÉ", "Data\tSGP"]);
        for text in [text, "tidak ada apa-apa di sini", "x data sgp", ""] {
            assert_eq!(found(&small, text, Boundary::Word), found(&large, text, Boundary::Word), "{text:?}");
        }
    }

    #[test]
    fn a_literal_across_the_chunks_searched_is_found() {
        let automata = Automata::new(vec![b"kemarin".to_vec(), b"esok".to_vec()], DFA_AFTER_BYTES);
        assert!(automata.packed().is_some());
        for at in [CHUNK_BYTES - 3, CHUNK_BYTES - 7, CHUNK_BYTES, 2 * CHUNK_BYTES - 1] {
            let mut text = vec![b'.'; 3 * CHUNK_BYTES];
            text[at..at + 7].copy_from_slice(b"KeMaRiN");
            assert!(automata.occurs_in(&text), "at {at}");
        }
        assert!(!automata.occurs_in(&vec![b'.'; 3 * CHUNK_BYTES]));
        assert!(!automata.occurs_in(b"kemari esk"));
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
