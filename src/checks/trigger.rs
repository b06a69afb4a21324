//! A pattern's trigger: literals at least one of which every match of the pattern contains, so
//! that a text holding none of them is passed over before the pattern is compiled or searched.
//!
//! The literals are read from the pattern's syntax: the prefixes of the pattern, or of a part
//! every match must contain (a month name after a day number), whichever is most telling. Case is
//! folded for ASCII letters, so `(?i)bola` is one literal, `bola`, matched without regard to
//! ASCII case (`(?i)s` keeps `ſ` as well). A pattern with no such literals (one that can match an
//! empty string, or starts with any capitalised word) has no trigger.
//!
//! Reading the literals costs a parse of the pattern, so the shipped patterns' triggers are read
//! ahead, when the shipped rules change, into `rules/triggers.tsv` ([`table`] writes it; the test
//! suite checks it is current). A pattern the table does not hold, a user's, has its trigger
//! read the first time a document needs it.
//!
//! A text that holds a literal may still not match: each shipped pattern also has a forward DFA,
//! built ahead into `rules/patterns.dfa` ([`automata`] writes it) and read in place, that says
//! whether the pattern matches at all. It searches more slowly than the compiled pattern, so it
//! is asked only until it has searched about a compile's worth of text.

use super::terms::Automata;
use regex_automata::dfa::{dense, sparse, Automaton};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Repetition};
use std::sync::OnceLock;

/// More literals than this make a trigger that passes over too little to be worth a search.
const MAX_LITERALS: usize = 500;

/// A pattern's trigger, read when first needed.
#[derive(Debug, Default)]
pub struct Trigger {
    literals: OnceLock<Option<Vec<Vec<u8>>>>,
    searcher: OnceLock<Automata>,
    /// The pattern's place in the shipped patterns' combined index ([`Found`]), if it has one.
    slot: OnceLock<Option<usize>>,
    /// The shipped pattern's automaton, built ahead (`rules/patterns.dfa`).
    automaton: OnceLock<Option<sparse::DFA<&'static [u8]>>>,
    /// Bytes the automaton has searched: past [`AUTOMATON_BUDGET`] the compiled regex, whose
    /// search skips ahead by its literals, is the quicker test.
    searched: std::sync::atomic::AtomicUsize,
}

/// How many bytes a pattern's automaton searches in a run before the pattern is compiled
/// instead: a few articles, about what compiling the pattern costs. A longer text goes straight
/// to the compiled pattern, whose search is many times quicker.
const AUTOMATON_BUDGET: usize = 32 << 10;

impl Trigger {
    /// False when the pattern `source` cannot match in `hay`: `hay` holds none of its literals,
    /// or its automaton, built ahead, finds no match there.
    pub fn may_match(&self, source: &str, hay: &str) -> bool {
        self.literals_may_match(source, hay) && self.automaton_may_match(source, hay)
    }

    /// [`Trigger::may_match`], asking `found`, what is known of `hay`'s literals, whether it
    /// holds a shipped pattern's.
    pub fn may_match_found(&self, source: &str, hay: &str, found: &Found) -> bool {
        let present = match self.slot.get_or_init(|| Index::get().slots.get(&key(source)).copied()) {
            Some(slot) => found.present(self, *slot, source, hay),
            None => self.literals_may_match(source, hay),
        };
        present && self.automaton_may_match(source, hay)
    }

    fn literals_may_match(&self, source: &str, hay: &str) -> bool {
        let Some(literals) = self.literals.get_or_init(|| shipped(source).unwrap_or_else(|| literals(source))) else {
            return true;
        };
        // Too short a text to hold one is not searched (nor is a searcher built for it).
        if literals.iter().all(|l| l.len() > hay.len()) {
            return false;
        }
        // A trigger that never fires is searched over every text of a run: its NFA, quick to
        // build, becomes a DFA, quick to search, once it has searched enough.
        let searcher = self.searcher.get_or_init(|| Automata::new(literals.clone(), DFA_AFTER_BYTES));
        searcher.occurs_in(hay.as_bytes())
    }

    fn automaton_may_match(&self, source: &str, hay: &str) -> bool {
        use std::sync::atomic::Ordering;
        if self.searched.fetch_add(hay.len(), Ordering::Relaxed).saturating_add(hay.len()) > AUTOMATON_BUDGET {
            return true;
        }
        self.automaton_matches(source, hay).unwrap_or(true)
    }

    /// Whether the shipped automaton of `source` finds a match in `hay`; None when there is no
    /// automaton or it gives up (a Unicode word boundary beside a non-ASCII letter).
    pub fn automaton_matches(&self, source: &str, hay: &str) -> Option<bool> {
        let dfa = self.automaton.get_or_init(|| shipped_automaton(source)).as_ref()?;
        dfa.try_search_fwd(&regex_automata::Input::new(hay).earliest(true)).ok().map(|m| m.is_some())
    }
}

/// The automaton the shipped table holds for `source`, read in place.
fn shipped_automaton(source: &str) -> Option<sparse::DFA<&'static [u8]>> {
    static INDEX: OnceLock<rustc_hash::FxHashMap<u64, (usize, usize)>> = OnceLock::new();
    let data: &'static [u8] = crate::builtin::AUTOMATA;
    let index = INDEX.get_or_init(|| automata_index(data));
    let &(at, len) = index.get(&key(source))?;
    let bytes = data.get(at..at + len)?;
    // SAFETY: the bytes are the table built by `automata` with this build's regex-automata
    // (the test suite checks the committed table is byte for byte what it builds), so they are
    // a valid sparse DFA; the format's header, version and endianness are still checked.
    // `from_bytes` would also check every transition, which costs more than compiling.
    let (dfa, _) = unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.ok()?;
    Some(dfa)
}

const AUTOMATA_MAGIC: &[u8] = b"factlint pattern automata 1\n";

/// Where each automaton of the table lies: after the magic line, for each, its key, its length,
/// then the automaton, padded to a multiple of 8 bytes.
fn automata_index(data: &[u8]) -> rustc_hash::FxHashMap<u64, (usize, usize)> {
    let mut index = rustc_hash::FxHashMap::default();
    let Some(mut rest) = data.strip_prefix(AUTOMATA_MAGIC) else { return index };
    let mut at = AUTOMATA_MAGIC.len();
    while rest.len() >= 12 {
        let k = u64::from_le_bytes(rest[..8].try_into().expect("8 bytes"));
        let len = u32::from_le_bytes(rest[8..12].try_into().expect("4 bytes")) as usize;
        let padded = (len + 7) & !7;
        if rest.len() < 12 + padded {
            break;
        }
        index.insert(k, (at + 12, len));
        rest = &rest[12 + padded..];
        at += 12 + padded;
    }
    index
}

/// The automata of the shipped patterns, as `rules/patterns.dfa` holds them: for each pattern a
/// forward DFA that says whether it matches at all, built ahead so that a text it does not
/// match is passed over without compiling the pattern. A pattern whose DFA would be too large
/// has none.
pub fn automata<'a>(sources: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut sources: Vec<&str> = sources.into_iter().collect();
    sources.sort_by_key(|s| key(s));
    sources.dedup();
    let mut out = AUTOMATA_MAGIC.to_vec();
    // A sparse DFA is read from bytes in place, at any alignment.
    for s in sources {
        let Some(bytes) = build_automaton(s) else { continue };
        out.extend_from_slice(&key(s).to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&bytes);
        out.resize(out.len() + (((bytes.len() + 7) & !7) - bytes.len()), 0);
    }
    out
}

fn build_automaton(source: &str) -> Option<Vec<u8>> {
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                // Gives up (and the pattern is searched) where a Unicode word boundary meets a
                // non-ASCII letter.
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(8 << 20))
                .determinize_size_limit(Some(64 << 20)),
        )
        .thompson(
            regex_automata::nfa::thompson::Config::new()
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
        )
        .build(source)
        .ok()?;
    Some(dfa.to_sparse().ok()?.to_bytes_little_endian())
}

/// The trigger literals of a pattern, ASCII letters in lower case, or None when every text may
/// hold a match.
pub fn literals(source: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(source).ok()?;
    let mut found = required(&fold_ascii_case(&hir))?;
    found.sort();
    found.dedup();
    // A literal that holds another is found only where that one is: it adds nothing.
    let all = found.clone();
    found.retain(|l| !all.iter().any(|o| o.len() < l.len() && l.windows(o.len()).any(|w| w == o.as_slice())));
    Some(found)
}

/// Literals every match of `hir` contains one of: the prefixes of `hir` itself, or those of a
/// part every match contains, whichever tells more.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let whole = prefixes(hir);
    let part = match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Concat(parts) => parts.iter().filter_map(required).max_by_key(|s| score(s)),
        // Every branch must have literals; a match contains one of some branch's.
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b)?);
            }
            (all.len() <= MAX_LITERALS).then_some(all)
        }
        _ => None,
    };
    match (whole, part) {
        (Some(w), Some(p)) => Some(if score(&p) > score(&w) { p } else { w }),
        (w, p) => w.or(p),
    }
}

/// How telling a set of literals is: its shortest literal's length (longer is rarer), then fewer
/// literals.
fn score(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    (set.iter().map(Vec::len).min().unwrap_or(0), std::cmp::Reverse(set.len()))
}

/// The prefixes every match of `hir` starts with, ASCII letters lower-cased; None when they are
/// unbounded or one is empty.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > MAX_LITERALS || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// `hir` with each class of exactly one ASCII letter in both cases (`[sS]`, as `(?i)s` is not:
/// it also holds `ſ`) made that letter in lower case, so that case-insensitive words do not
/// multiply into every spelling of their case. Sound because the trigger is matched without
/// regard to ASCII case.
fn fold_ascii_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(class) => match ascii_letter_pair(class) {
            Some(lower) => Hir::literal([lower]),
            None => hir.clone(),
        },
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(fold_ascii_case).collect()),
        HirKind::Alternation(branches) => Hir::alternation(branches.iter().map(fold_ascii_case).collect()),
        HirKind::Capture(c) => {
            Hir::capture(Capture { index: c.index, name: c.name.clone(), sub: Box::new(fold_ascii_case(&c.sub)) })
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(fold_ascii_case(&r.sub)),
        }),
        _ => hir.clone(),
    }
}

/// The lower-case letter when a class is exactly one ASCII letter in its two cases.
fn ascii_letter_pair(class: &Class) -> Option<u8> {
    let chars: Vec<u32> = match class {
        Class::Unicode(c) => c.iter().flat_map(|r| (r.start() as u32)..=(r.end() as u32)).take(3).collect(),
        Class::Bytes(c) => c.iter().flat_map(|r| (r.start() as u32)..=(r.end() as u32)).take(3).collect(),
    };
    match chars[..] {
        [upper, lower] if upper < 128 && lower < 128 => {
            let (u, l) = (upper as u8, lower as u8);
            (u.is_ascii_uppercase() && l == u.to_ascii_lowercase()).then_some(l)
        }
        _ => None,
    }
}

/// Which shipped patterns' literals one text holds, for the triggers asked about it. The first
/// few are searched for on their own (each search stops at its first literal, and a text whose
/// patterns are mostly compiled asks about few); past [`SEARCH_ALL_AFTER`], one search of the
/// text for every shipped pattern's literals answers all the rest.
#[derive(Debug, Default)]
pub struct Found {
    asked: std::cell::Cell<usize>,
    slots: std::cell::OnceCell<Vec<u64>>,
}

/// Bytes a trigger's literals are searched for with an NFA before their DFA is built: a
/// trigger is searched over many texts of a run, and its DFA, about ten times quicker, repays
/// its build within a few articles.
const DFA_AFTER_BYTES: usize = 32 << 10;

/// How many triggers a text answers alone before one search answers them all.
const SEARCH_ALL_AFTER: usize = 4;

impl Found {
    fn present(&self, trigger: &Trigger, slot: usize, source: &str, hay: &str) -> bool {
        let slots = match self.slots.get() {
            Some(slots) => slots,
            None if self.asked.get() < SEARCH_ALL_AFTER => {
                self.asked.set(self.asked.get() + 1);
                return trigger.literals_may_match(source, hay);
            }
            None => self.slots.get_or_init(|| Self::search(hay)),
        };
        slots.get(slot / 64).is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }

    /// One search of `hay` for every literal of the shipped patterns' triggers.
    fn search(hay: &str) -> Vec<u64> {
        let index = Index::get();
        let mut slots = vec![0u64; index.patterns.div_ceil(64)];
        // No literal is empty (a pattern with one has no slot), so an empty text holds none.
        if hay.is_empty() {
            return slots;
        }
        match index.literals.for_text(hay.len()) {
            Some(ac) => {
                for m in ac.find_overlapping_iter(hay) {
                    for &slot in &index.owners[m.pattern().as_usize()] {
                        slots[slot / 64] |= 1 << (slot % 64);
                    }
                }
            }
            // Literals that cannot be compiled rule nothing out.
            None => slots.fill(u64::MAX),
        }
        slots
    }
}

/// The shipped patterns' trigger literals as one automaton: each literal once, with the
/// patterns (their slots) it triggers.
#[derive(Debug)]
struct Index {
    literals: Automata,
    owners: Vec<Vec<usize>>,
    slots: rustc_hash::FxHashMap<u64, usize>,
    patterns: usize,
}

impl Index {
    fn get() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| Index::new(shipped_table()))
    }

    fn new(table: &rustc_hash::FxHashMap<u64, Option<Vec<Vec<u8>>>>) -> Index {
        // A pattern with an empty literal is triggered by every text: it keeps its own search.
        let mut keyed: Vec<(&u64, &Vec<Vec<u8>>)> = table
            .iter()
            .filter_map(|(k, l)| Some((k, l.as_ref()?)))
            .filter(|(_, l)| l.iter().all(|l| !l.is_empty()))
            .collect();
        keyed.sort();
        let mut literal_of: rustc_hash::FxHashMap<&[u8], usize> = rustc_hash::FxHashMap::default();
        let (mut literals, mut owners): (Vec<Vec<u8>>, Vec<Vec<usize>>) = (Vec::new(), Vec::new());
        let mut slots = rustc_hash::FxHashMap::default();
        for (slot, (k, lits)) in keyed.iter().enumerate() {
            slots.insert(**k, slot);
            for l in lits.iter() {
                let i = *literal_of.entry(l.as_slice()).or_insert_with(|| {
                    literals.push(l.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[i].push(slot);
            }
        }
        Index { literals: Automata::new(literals, DFA_AFTER_BYTES), owners, slots, patterns: keyed.len() }
    }
}

fn shipped_table() -> &'static rustc_hash::FxHashMap<u64, Option<Vec<Vec<u8>>>> {
    static TABLE: OnceLock<rustc_hash::FxHashMap<u64, Option<Vec<Vec<u8>>>>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(crate::builtin::TRIGGERS))
}

/// The shipped table's literals for `source`, when it holds the pattern.
fn shipped(source: &str) -> Option<Option<Vec<Vec<u8>>>> {
    shipped_table().get(&key(source)).cloned()
}

fn parse_table(text: &str) -> rustc_hash::FxHashMap<u64, Option<Vec<Vec<u8>>>> {
    let mut table = rustc_hash::FxHashMap::default();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut fields = line.split('\t');
        let Some(k) = fields.next().and_then(|k| u64::from_str_radix(k, 16).ok()) else { continue };
        let lits: Vec<Vec<u8>> = fields.map(unescape).collect();
        table.insert(k, (!lits.is_empty()).then_some(lits));
    }
    table
}

/// The table of the shipped patterns' triggers, as `rules/triggers.tsv` holds it: a line per
/// pattern, its key, then its literals, tab-separated (none: always searched).
pub fn table<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    let mut rows: Vec<(u64, String)> = sources
        .into_iter()
        .map(|s| {
            let mut row = format!("{:016x}", key(s));
            for l in literals(s).unwrap_or_default() {
                row.push('\t');
                row.push_str(&escape(&l));
            }
            (key(s), row)
        })
        .collect();
    rows.sort();
    rows.dedup();
    let mut out = String::from(
        "# The trigger literals of the shipped rules' patterns, read ahead from the patterns so that start-up\n\
         # does not parse them. Generated: FACTLINT_WRITE_TRIGGERS=1 cargo test --test triggers\n\
         # key (FNV-1a of the expanded pattern)\tliterals, ASCII lower case (none: always searched)\n",
    );
    for (_, row) in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// A pattern's key in the table: FNV-1a (64 bits) of its expanded source, the same on every
/// platform.
fn key(source: &str) -> u64 {
    crate::classify::text_key(source)
}

/// A literal as the table writes it: UTF-8 as it is, other bytes, spaces, tabs, line ends and
/// backslashes as `\xNN`.
fn escape(lit: &[u8]) -> String {
    let mut out = String::new();
    for chunk in lit.utf8_chunks() {
        for c in chunk.valid().chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\\') {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn unescape(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 4 <= bytes.len() && bytes[i + 1] == b'x' {
            let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        literals(p).map(|ls| ls.into_iter().map(|l| String::from_utf8_lossy(&l).into_owned()).collect())
    }

    #[test]
    fn case_insensitive_words_are_one_literal_each() {
        assert_eq!(lits(r"(?i)\b(?:bola|togel)\b"), Some(vec!["bola".into(), "togel".into()]));
        // (?i)s also matches the long s.
        assert_eq!(lits(r"(?i)slot"), Some(vec!["slot".into(), "\u{17f}lot".into()]));
    }

    #[test]
    fn a_part_every_match_holds_is_preferred_to_short_prefixes() {
        let p = r"(?P<day>[0-9]{1,2})\s+(?P<month>January|February)";
        assert_eq!(lits(p), Some(vec!["february".into(), "january".into()]));
    }

    #[test]
    fn patterns_that_may_match_anything_have_no_trigger() {
        assert_eq!(lits(r"[A-Z][a-z]+"), None);
        assert_eq!(lits(r"(?:slot)?"), None);
        assert_eq!(lits(r"x|[a-z]+"), None);
    }

    #[test]
    fn letters_folding_beyond_ascii_keep_their_other_spelling() {
        // (?i)k also matches the Kelvin sign.
        let found = lits(r"(?i)kilo").unwrap();
        assert!(found.contains(&"kilo".to_string()) && found.iter().any(|l| l.starts_with('\u{212a}')), "{found:?}");
        let t = Trigger::default();
        assert!(t.may_match(r"(?i)kilo", "5 \u{212a}ILO"));
        assert!(t.may_match(r"(?i)kilo", "5 KILO") && !Trigger::default().may_match(r"(?i)kilo", "5 kg"));
    }

    #[test]
    fn one_search_finds_what_each_trigger_finds_alone() {
        let holds = |hay: &str, lits: &[Vec<u8>]| {
            lits.iter().any(|l| hay.as_bytes().windows(l.len()).any(|w| w.eq_ignore_ascii_case(l)))
        };
        let index = Index::get();
        assert!(index.patterns > 10, "the shipped table names the patterns");
        let texts = [
            "",
            "Jakarta, Senin (4/7/2023) - Presiden meresmikan jalan tol di Jawa Barat.",
            "On Tuesday, 4 July 2023, the mayor of Shenzhen, Guangdong said 1,200 people came.",
            "SLOT GACOR maxwin hari ini, daftar togel88 sekarang! ſlot",
            "Pada 17 Agustus 1945, Soekarno membacakan teks proklamasi di Jakarta.",
        ];
        let table = shipped_table();
        for text in texts {
            let all = Found::search(text);
            // Every shipped pattern's trigger, asked in turn of one text: the first few search
            // alone, the rest read the one search; both say what a plain scan says.
            let found = Found::default();
            let mut hits = 0;
            for (key, lits) in table.iter().filter_map(|(k, l)| Some((k, l.as_ref()?))) {
                let Some(&slot) = index.slots.get(key) else { continue };
                let expected = holds(text, lits);
                hits += usize::from(expected);
                assert_eq!(
                    all.get(slot / 64).is_some_and(|w| w & (1 << (slot % 64)) != 0),
                    expected,
                    "{text:?} {lits:?}"
                );
                let trigger = Trigger::default();
                trigger.literals.set(Some(lits.clone())).expect("unset");
                assert_eq!(found.present(&trigger, slot, "", text), expected, "{text:?} {lits:?}");
            }
            assert!(text.is_empty() || found.slots.get().is_some(), "past the first few, one search answers");
            assert!(text.is_empty() || hits > 0, "{text:?} triggers some shipped pattern");
        }
    }

    #[test]
    fn a_damaged_table_line_reads_without_panicking() {
        // An escape cut short or before a letter of two bytes stays as written.
        assert_eq!(unescape("a\\x\u{20ac}b\\x4"), "a\\x\u{20ac}b\\x4".as_bytes());
        let table = parse_table("zz\tslot\n\n# note\n0000000000000001\tgacor\\x");
        assert_eq!(table.len(), 1);
        assert_eq!(table[&1], Some(vec![b"gacor\\x".to_vec()]));
    }

    #[test]
    fn the_table_reads_back_what_it_wrote() {
        let sources = [r"(?i)\bslot\b", "caf\u{e9}\t", r"[A-Z]\w+"];
        let table = parse_table(&table(sources));
        for s in sources {
            assert_eq!(table.get(&key(s)).cloned().flatten(), literals(s), "{s}");
        }
    }
}
