//! Lexicons: the words of each language that rules share, as data (month and day names, words
//! that are not place names, words that tell languages apart), and the `{macro}`s patterns use
//! to refer to them.

pub mod spec;

use crate::source::LocatedError;
use crate::vocab::fold::fold;
use crate::vocab::Lang;
use spec::{CalendarSpec, LexiconSpec};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// A list of words of a lexicon, looked up often: hashed quickly.
pub type WordSet = rustc_hash::FxHashSet<String>;

/// A rule's own word list as a set of folded words, matched as lexicon lists are.
pub fn folded_set<S: AsRef<str>>(words: &[S]) -> WordSet {
    words.iter().map(|w| fold(w.as_ref())).collect()
}

/// The words of one language.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Word lists, folded.
    words: BTreeMap<String, WordSet>,
    /// Word -> number tables, folded keys.
    tables: BTreeMap<String, HashMap<String, i64>>,
    /// Unit name -> words written before and after a number, folded.
    units: BTreeMap<String, UnitWords>,
    /// How findings write dates.
    calendar: Option<CalendarSpec>,
}

/// The folded words that write a unit (before a number, after it).
type UnitWords = (WordSet, WordSet);

/// Where a unit word stands relative to its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitPosition {
    Before,
    After,
}

/// Every language's lexicon.
#[derive(Debug, Default, Clone)]
pub struct Lexicons {
    by_lang: BTreeMap<Lang, Lexicon>,
    /// Macros already spelled as alternations ([`Lexicons::alternation`]), emptied whenever a
    /// lexicon is added.
    alternations: Alternations,
}

/// A cache of macro alternations by language and list name; a copy starts empty.
#[derive(Debug, Default)]
struct Alternations(std::sync::Mutex<std::collections::HashMap<(Lang, String), std::sync::Arc<str>>>);

impl Clone for Alternations {
    fn clone(&self) -> Self {
        Alternations::default()
    }
}

impl Lexicons {
    /// Merges a lexicon file into the set; a later file adds to the lists and tables of earlier
    /// files of the same language.
    pub fn add(&mut self, spec: &LexiconSpec, path: &str, text: &str) -> Result<(), LocatedError> {
        if spec.kind.get_ref() != "lexicon" {
            return Err(LocatedError::at(path, text, spec.kind.span().start, "a lexicon file has kind = \"lexicon\""));
        }
        let lang = Lang::parse(spec.language.get_ref()).ok_or_else(|| {
            LocatedError::at(
                path,
                text,
                spec.language.span().start,
                "`language` must be a two-letter lower-case code such as \"id\" or \"en\"",
            )
        })?;
        self.alternations = Alternations::default();
        let lex = self.by_lang.entry(lang).or_default();
        for (name, list) in &spec.words {
            let set = lex.words.entry(name.clone()).or_default();
            for w in list.get_ref() {
                let f = fold(w.get_ref());
                if f.is_empty() {
                    return Err(LocatedError::at(path, text, w.span().start, "a word must not be empty"));
                }
                set.insert(f);
            }
        }
        for (name, table) in &spec.tables {
            let t = lex.tables.entry(name.clone()).or_default();
            for (word, value) in table.get_ref() {
                let f = fold(word);
                if f.is_empty() {
                    return Err(LocatedError::at(path, text, value.span().start, "a word must not be empty"));
                }
                t.insert(f, *value.get_ref());
            }
        }
        if let Some(c) = &spec.calendar {
            for (list, len, what) in [(&c.get_ref().months, 12, "months"), (&c.get_ref().weekdays, 7, "weekdays")] {
                if list.get_ref().len() != len || list.get_ref().iter().any(|n| n.trim().is_empty()) {
                    return Err(LocatedError::at(
                        path,
                        text,
                        list.span().start,
                        format!("[calendar] {what} names the {len} {what} in order, none empty"),
                    ));
                }
            }
            lex.calendar = Some(c.get_ref().clone());
        }
        for (name, unit) in &spec.units {
            if name.trim().is_empty() {
                return Err(LocatedError::at(path, text, unit.span().start, "a unit name must not be empty"));
            }
            let entry = lex.units.entry(name.clone()).or_default();
            for (list, set) in [(&unit.get_ref().before, &mut entry.0), (&unit.get_ref().after, &mut entry.1)] {
                for w in list {
                    let f = fold(w.get_ref());
                    if f.is_empty() {
                        return Err(LocatedError::at(path, text, w.span().start, "a unit word must not be empty"));
                    }
                    set.insert(f);
                }
            }
        }
        Ok(())
    }

    /// The unit a word written before or after a number stands for ("Rp" -> IDR).
    pub fn unit_of(&self, lang: Lang, position: UnitPosition, word: &str) -> Option<&str> {
        let f = fold(word);
        self.by_lang.get(&lang)?.units.iter().find_map(|(name, (before, after))| {
            let set = if position == UnitPosition::Before { before } else { after };
            set.contains(&f).then_some(name.as_str())
        })
    }

    /// The way each language's lexicon writes dates, for the languages that say.
    pub fn calendars(&self) -> impl Iterator<Item = (Lang, &CalendarSpec)> {
        self.by_lang.iter().filter_map(|(l, lex)| lex.calendar.as_ref().map(|c| (*l, c)))
    }

    /// Every unit the lexicons define, by name.
    pub fn unit_names(&self) -> std::collections::BTreeSet<&str> {
        self.by_lang.values().flat_map(|l| l.units.keys().map(String::as_str)).collect()
    }

    pub fn is_unit(&self, name: &str) -> bool {
        self.by_lang.values().any(|l| l.units.keys().any(|k| k.eq_ignore_ascii_case(name)))
    }

    /// The words that write a unit in a language, for suggestions: (before, after).
    pub fn unit_words(&self, lang: Lang, name: &str) -> Option<(&WordSet, &WordSet)> {
        self.by_lang.get(&lang)?.units.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, (b, a))| (b, a))
    }

    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.by_lang.keys().copied()
    }

    pub fn get(&self, lang: Lang) -> Option<&Lexicon> {
        self.by_lang.get(&lang)
    }

    /// The named word list of the language, folded.
    pub fn list(&self, lang: Lang, list: &str) -> Option<&WordSet> {
        self.by_lang.get(&lang)?.words.get(list)
    }

    /// True when `word` (any case) is in the named list of the language.
    pub fn has_word(&self, lang: Lang, list: &str, word: &str) -> bool {
        self.by_lang.get(&lang).and_then(|l| l.words.get(list)).is_some_and(|s| s.contains(&fold(word)))
    }

    /// The number a table gives a word (e.g. month "juli" -> 7).
    pub fn value(&self, lang: Lang, table: &str, word: &str) -> Option<i64> {
        self.by_lang.get(&lang)?.tables.get(table)?.get(&fold(word)).copied()
    }

    /// The entries of a named table (folded words and their numbers), e.g. every word for a
    /// weekday; None when the language has no such table.
    pub fn table(&self, lang: Lang, table: &str) -> Option<impl Iterator<Item = (&str, i64)>> {
        Some(self.by_lang.get(&lang)?.tables.get(table)?.iter().map(|(w, v)| (w.as_str(), *v)))
    }

    /// The words of a named list or table, for expanding a `{macro}`.
    /// A word list's macro as a regex alternation: each word as prose writes it (lower case,
    /// capitalised, all capitals), longest first. Spelled out rather than `(?i:...)`, which costs
    /// far more to compile and to match. Built once per list: many patterns share a macro.
    /// None for a name that is no list; an error for an empty list.
    fn alternation(&self, lang: Lang, name: &str) -> Option<Result<std::sync::Arc<str>, String>> {
        let key = (lang, name.to_string());
        if let Some(done) = self.alternations.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Some(Ok(done.clone()));
        }
        let mut words = self.words_of(lang, name)?;
        if words.is_empty() {
            return Some(Err(format!("the {lang} lexicon's `{name}` is empty")));
        }
        // Longest first, so "Jan" never wins over "Januari".
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let mut out = String::from("(?:");
        let mut first = true;
        for w in &words {
            let mut title = String::with_capacity(w.len());
            let mut chars = w.chars();
            if let Some(c) = chars.next() {
                title.extend(c.to_uppercase());
                title.push_str(chars.as_str());
            }
            let upper = w.to_uppercase();
            let mut forms = vec![w.to_string(), title, upper];
            forms.dedup();
            for f in forms {
                if !first {
                    out.push('|');
                }
                first = false;
                out.push_str(&word_regex(&f));
            }
        }
        out.push(')');
        let out: std::sync::Arc<str> = out.into();
        self.alternations.0.lock().unwrap_or_else(|e| e.into_inner()).insert(key, out.clone());
        Some(Ok(out))
    }

    fn words_of(&self, lang: Lang, name: &str) -> Option<Vec<&str>> {
        let lex = self.by_lang.get(&lang)?;
        if let Some(t) = lex.tables.get(name) {
            return Some(t.keys().map(String::as_str).collect());
        }
        if let Some(s) = lex.words.get(name) {
            return Some(s.iter().map(String::as_str).collect());
        }
        // {unit_before} and {unit_after}: the words of every unit.
        let pick: fn(&UnitWords) -> &WordSet = match name {
            "unit_before" => |u| &u.0,
            "unit_after" => |u| &u.1,
            _ => return None,
        };
        let mut all: Vec<&str> = lex.units.values().flat_map(|u| pick(u).iter().map(String::as_str)).collect();
        all.sort_unstable();
        all.dedup();
        Some(all)
    }

    /// True when some word of `text` is a word of the language's table or list `name` (any
    /// case). A quick look, for skipping a rule whose patterns need such a word.
    pub fn text_has_word(&self, lang: Lang, name: &str, text: &str) -> bool {
        let Some(lex) = self.by_lang.get(&lang) else { return false };
        let table = lex.tables.get(name);
        let list = lex.words.get(name);
        if table.is_none() && list.is_none() {
            return false;
        }
        let mut word = String::with_capacity(16);
        for token in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            if token.is_empty() || token.len() > 24 || !token.starts_with(char::is_alphabetic) {
                continue;
            }
            word.clear();
            if token.is_ascii() {
                word.extend(token.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                word.push_str(&fold(token));
            }
            let w = word.trim_end_matches(['\'', '’']);
            if table.is_some_and(|t| t.contains_key(w)) || list.is_some_and(|l| l.contains(w)) {
                return true;
            }
        }
        false
    }

    /// Each language's `detect` list, for telling languages apart.
    pub fn detect_sets(&self) -> Vec<(Lang, &WordSet)> {
        self.by_lang.iter().filter_map(|(l, lex)| lex.words.get("detect").map(|s| (*l, s))).collect()
    }

    /// Counts words of the `detect` list in `text`, for telling languages apart.
    pub fn detect_score(&self, lang: Lang, words: &[&str]) -> usize {
        let Some(set) = self.by_lang.get(&lang).and_then(|l| l.words.get("detect")) else { return 0 };
        words.iter().filter(|w| set.contains(**w)).count()
    }
}

/// A proper name in Latin script: words that start with a capital letter (or are all capitals),
/// joined by single
/// spaces or a line break, with the lower-case particles place names contain ("Rio de Janeiro",
/// "Newcastle upon Tyne"). The recogniser decides which part of it is a known name. The letter
/// classes are written as explicit Latin ranges (Basic Latin, Latin-1, Latin Extended-A/B and
/// Additional, combining diacritics) rather than Unicode properties: the automaton stays small, so
/// patterns compile in microseconds and captures take the fast path. Place mentions are looked
/// for with a scan of the characters that finds exactly what this expression finds
/// (`recognize::name_runs`; a test compares the two), so a change here goes there too.
pub const NAME: &str = r"(?:[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}'’]*(?:[-‐][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}'’]+)*\.?)(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:de|da|do|dos|das|del|della|du|la|le|el|es|al|upon|of|van|von|der|den|y|sur)[ \t]+)*[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}'’]*(?:[-‐][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}'’]+)*\.?)*";

/// The `{macro}`s of a pattern, in order: the byte range of each, braces included, and its name.
/// `\{` is a literal brace, `{2}` and `{2,3}` are repetitions and `\p{L}` is a Unicode class:
/// none of them is a macro.
pub fn macros(pattern: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = pattern[at..].find('{').map(|i| at + i) {
        let before = &pattern[..open];
        let escaped =
            before.ends_with('\\') && !before.ends_with("\\\\") || before.ends_with("\\p") || before.ends_with("\\P");
        let Some(close) = pattern[open..].find('}').map(|c| open + c) else { break };
        let name = &pattern[open + 1..close];
        let is_macro = !escaped
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.chars().next().is_some_and(|c| c.is_ascii_digit());
        if is_macro {
            found.push((open..close + 1, name));
        }
        at = close + 1;
    }
    found
}

/// Expands `{macro}`s in a pattern for one language. Returns the expanded expression, or the
/// byte offset (within the pattern) and message of the first bad macro.
pub fn expand(pattern: &str, lang: Lang, lexicons: &Lexicons) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut last = 0;
    for (range, name) in macros(pattern) {
        out.push_str(&pattern[last..range.start]);
        let open = range.start;
        last = range.end;
        {
            match name {
                "Name" => out.push_str(NAME),
                "Letters" => out.push_str(LETTERS),
                "Upper" => out.push_str(UPPER),
                "Lower" => out.push_str(LOWER),
                _ => match lexicons.alternation(lang, name) {
                    Some(Ok(alternation)) => out.push_str(&alternation),
                    Some(Err(message)) => return Err((open, message)),
                    None => {
                        return Err((open, format!("unknown macro {{{name}}}: it is neither built in ({{Name}}, {{Letters}}, {{Upper}}, {{Lower}}, {{unit_before}}, {{unit_after}}) nor a word list or table of the {lang} lexicon")));
                    }
                },
            }
        }
    }
    out.push_str(&pattern[last..]);
    Ok(out)
}

/// `{Letters}`, `{Upper}`, `{Lower}`: Latin letters as ranges for use inside a character class
/// (`[{Letters}'-]`). Prefer them to `\p{L}`: a Unicode property compiles to a large automaton
/// that costs milliseconds at start-up and slows matching, and copy in English and Indonesian is
/// written in Latin letters.
pub const LETTERS: &str = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u{300}-\u{36F}";
pub const UPPER: &str = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ";
pub const LOWER: &str = "a-zß-öø-ÿĀ-ɏḀ-ỿ";

/// Rewrites `\b` and `\B` as ASCII word boundaries. A Unicode word boundary makes the regex
/// engine leave its fast automaton on any text that is not pure ASCII (most news copy, with its
/// curly quotes and dashes); an ASCII one keeps it. The difference shows only next to a letter
/// outside ASCII ("Sao" in "São" ends at the "ã"), which rule patterns written with whole words
/// and `{Name}` do not meet.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 16);
    let (mut in_class, mut copied, mut at) = (false, 0, 0);
    // Only `\`, `[` and `]` matter; the text between them is copied as it is.
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr3(b'\\', b'[', b']', rest)) {
        let i = at + found;
        at = i + 1;
        match bytes[i] {
            b'\\' => {
                // An escape takes the next character with it (`\[` opens no class).
                if let Some(&c @ (b'b' | b'B')) = bytes.get(i + 1).filter(|_| !in_class) {
                    out.push_str(&pattern[copied..i]);
                    out.push_str("(?-u:\\");
                    out.push(char::from(c));
                    out.push(')');
                    copied = i + 2;
                }
                at = i + 2;
            }
            b'[' => in_class = true,
            _ => in_class = false,
        }
    }
    out.push_str(&pattern[copied..]);
    out
}

/// A folded lexicon word as a regex: spaces match any white space, and an apostrophe matches
/// the typographic one too (folding made "Jum’at" "jum'at").
fn word_regex(word: &str) -> String {
    let mut s = String::new();
    for part in word.split(' ') {
        if !s.is_empty() {
            s.push_str(r"[\s\-]+");
        }
        s.push_str(&regex::escape(part).replace('\'', "['’]"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicons {
        let spec: LexiconSpec = toml::from_str(
            r#"kind = "lexicon"
language = "id"
words.common = ["Kota", "Dan"]
[tables.month]
januari = 1
jan = 1
"#,
        )
        .unwrap();
        let mut l = Lexicons::default();
        l.add(&spec, "id.toml", "").unwrap();
        l
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\bjudi\b"), r"(?-u:\b)judi(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[\b]\\b\B"), r"[\b]\\b(?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"\[\b\]é\b\"), r"\[(?-u:\b)\]é(?-u:\b)\");
        assert_eq!(ascii_word_boundaries(r"[é\]\b]\b"), r"[é\]\b](?-u:\b)");
        let re = regex::Regex::new(&ascii_word_boundaries(r"\btogel\b")).unwrap();
        assert!(re.is_match("“togel” hari ini"));
        assert!(!re.is_match("togelan"));
    }

    #[test]
    fn words_and_tables() {
        let l = lex();
        let id = Lang::parse("id").unwrap();
        assert!(l.has_word(id, "common", "KOTA"));
        assert_eq!(l.value(id, "month", "Januari"), Some(1));
        assert_eq!(l.value(id, "month", "Juli"), None);
    }

    #[test]
    fn expands_macros_longest_first() {
        let l = lex();
        let id = Lang::parse("id").unwrap();
        assert_eq!(expand(r"\d{1,2} {month}", id, &l).unwrap(), r"\d{1,2} (?:januari|Januari|JANUARI|jan|Jan|JAN)");
        assert!(expand("{nope}", id, &l).unwrap_err().1.contains("unknown macro"));
        assert_eq!(expand(r"\p{L}+\P{Lu}", id, &l).unwrap(), r"\p{L}+\P{Lu}");
        let re = regex::Regex::new(&expand("{Name}", id, &l).unwrap()).unwrap();
        let m = re.find("di Rio de Janeiro, Brasil").unwrap();
        assert_eq!(m.as_str(), "Rio de Janeiro");
        let m = re.find("forum di Shenzhen, KwaZulu-Natal.").unwrap();
        assert_eq!(m.as_str(), "Shenzhen");
    }

    /// A macro is spelled once, and spelled again after a lexicon that adds to its list.
    #[test]
    fn a_macro_spelled_before_a_lexicon_is_added_is_spelled_anew() {
        let mut l = lex();
        let id = Lang::parse("id").unwrap();
        let first = expand("{month}", id, &l).unwrap();
        assert_eq!(expand("x {month} y {month}", id, &l).unwrap(), format!("x {first} y {first}"));
        let more: LexiconSpec =
            toml::from_str("kind = \"lexicon\"\nlanguage = \"id\"\n[tables.month]\npebruari = 2\n").unwrap();
        l.add(&more, "more.toml", "").unwrap();
        let second = expand("{month}", id, &l).unwrap();
        assert!(second.contains("pebruari") && !first.contains("pebruari"), "{second}");
        // A copy of the lexicons spells from its own lists.
        assert_eq!(expand("{month}", id, &l.clone()).unwrap(), second);
    }

    #[test]
    fn a_calendar_names_every_month_and_weekday() {
        let text = |months: &str| {
            format!(
                "kind = \"lexicon\"\nlanguage = \"id\"\n[calendar]\nmonths = {months}\nweekdays = [\"Senin\", \"Selasa\", \"Rabu\", \"Kamis\", \"Jumat\", \"Sabtu\", \"Minggu\"]\ndate = \"{{day}} {{month}} {{year}}\"\nday_month = \"{{day}} {{month}}\"\nmonth_year = \"{{month}} {{year}}\"\nbetween = \"antara {{a}} dan {{b}}\"\nday_month_year = \"hari/bulan/tahun\"\nmonth_day_year = \"bulan/hari/tahun\"\nname = \"kalender Masehi\"\n"
            )
        };
        let twelve = format!("[{}]", (1..=12).map(|m| format!("\"m{m}\"")).collect::<Vec<_>>().join(", "));
        let t = text(&twelve);
        let mut l = Lexicons::default();
        l.add(&toml::from_str(&t).unwrap(), "id.toml", &t).unwrap();
        let (lang, c) = l.calendars().next().unwrap();
        assert_eq!((lang, c.months.get_ref()[11].as_str(), c.name.as_str()), (Lang::ID, "m12", "kalender Masehi"));
        let t = text("[\"Januari\"]");
        let e = Lexicons::default().add(&toml::from_str(&t).unwrap(), "id.toml", &t).unwrap_err();
        assert!(e.message.contains("names the 12 months in order"), "{e}");
        assert_eq!(e.line, 4);
    }
}
