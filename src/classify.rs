//! A linear text classifier: logistic regression over the words, character n-grams and
//! disguise signals of the normalised view of a text ([`crate::normalize`]). Model files are
//! plain text, one feature and its weight a line, so a trained model can be read, diffed and
//! shipped as rule data; training is deterministic, so the same examples always give the same
//! file.
//!
//! Features of a text, counted over its distinct words (a word written twice, or in two cases,
//! counts once; an n-gram two words share counts twice), so that a word weighs the same in
//! every text and its weight is worked out once:
//! - `w:WORD`: each word of the lower-cased view (letters and digits);
//! - `c:GRAM`: each character 3-, 4- and 5-gram of each word padded with `<` and `>`, so
//!   that spellings never seen whole still count ("gacorr", "maxwinn");
//! - `s:NAME`: signals of how the text is written: `styled` (styled or look-alike letters),
//!   `spaced` (letters written apart), `marked` (marks over letters), `digit-letter` (digits
//!   for letters), `decoration` (emoji and symbols), `handle` (a word of letters and 2 to 4
//!   digits, "weton88"), `styled-handle` (such a word in disguise).

mod table;

pub use table::text_key;

use crate::normalize::{Disguise, NormalView};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

/// The first line of every model file; the number is the version of how features are counted.
pub const MAGIC: &str = "# factlint linear model 2";

/// How the first line of a model file of an earlier version starts.
const EARLIER_MAGIC: &str = "# factlint linear model";

/// The signal features.
pub const SIGNALS: &[&str] = &["styled", "spaced", "marked", "digit-letter", "decoration", "handle", "styled-handle"];

/// The signals that describe a whole text rather than one word.
pub const TEXT_SIGNALS: &[&str] = &["styled", "spaced", "marked", "digit-letter", "decoration"];

/// One feature of a text, and the view range it comes from (for words and handles).
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub name: String,
    /// The word it belongs to, as a range of the view (empty for signals that span the text).
    pub word: Range<usize>,
}

/// The features of a range of a view: each word's features once, however often the word is
/// written and in whatever case (so an n-gram that two words share counts twice), and the
/// signals of how the text is written once.
pub fn features(view: &NormalView, range: Range<usize>) -> Vec<Feature> {
    let mut out: Vec<Feature> = Vec::new();
    each_feature(view, range, |name, word| out.push(Feature { name: name.to_string(), word }));
    out
}

/// Calls `f` with the name of every feature of a range of a view (a name may come more than
/// once) and the word it belongs to (its first time, for a word written twice); one buffer is
/// reused, so scoring allocates little.
fn each_feature(view: &NormalView, range: Range<usize>, mut f: impl FnMut(&str, Range<usize>)) {
    let range = crate::normalize::clamp(view.text(), range);
    let text = &view.text()[range.clone()];
    let mut features = FeatureBuf::default();
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut buf = String::new();
    for (start, word) in words(text) {
        if !seen.insert(lowered(word, &mut buf).to_string()) {
            continue;
        }
        let at = range.start + start..range.start + start + word.len();
        word_features(word, &mut features, |n| f(n, at.clone()));
        for signal in handle_signals(view, word, at.clone()) {
            f(signal, at.clone());
        }
    }
    for signal in text_signals(view, range) {
        f(signal, 0..0);
    }
}

/// A word in lower case, as its features see it: the word itself when it has no capitals, else
/// written into `buf`.
fn lowered<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word;
        }
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    buf
}

/// The buffers [`word_features`] reuses: the word in lower case between `<` and `>`, where each
/// of its characters starts (and where it ends), and a feature's name.
#[derive(Default)]
struct FeatureBuf {
    lower: String,
    starts: Vec<usize>,
    name: String,
}

/// Calls `f` with each feature a word has by itself: `w:WORD` and its `c:` n-grams (none for
/// a word over 40 characters).
fn word_features(word: &str, buf: &mut FeatureBuf, mut f: impl FnMut(&str)) {
    let FeatureBuf { lower, starts, name } = buf;
    lower.clear();
    starts.clear();
    starts.push(0);
    lower.push('<');
    for c in word.chars().flat_map(char::to_lowercase) {
        starts.push(lower.len());
        lower.push(c);
    }
    starts.push(lower.len());
    lower.push('>');
    starts.push(lower.len());
    let chars = starts.len() - 1;
    if chars > 42 {
        return;
    }
    name.clear();
    name.push_str("w:");
    name.push_str(&lower[1..lower.len() - 1]);
    f(name);
    for n in 3..=5 {
        for i in 0..chars.saturating_sub(n - 1) {
            name.clear();
            name.push_str("c:");
            name.push_str(&lower[starts[i]..starts[i + n]]);
            f(name);
        }
    }
}

/// The handle signals of one word of a view (at `at`): `s:handle` for a word of letters and 2
/// to 4 digits, and `s:styled-handle` too when its letters are in disguise.
fn handle_signals(view: &NormalView, word: &str, at: Range<usize>) -> impl Iterator<Item = &'static str> {
    let handle = is_handle(word);
    let styled = handle && view.disguise(at).intersects(Disguise::LETTERS);
    [handle.then_some("s:handle"), styled.then_some("s:styled-handle")].into_iter().flatten()
}

/// The signals of how a range of a view is written, each once.
fn text_signals(view: &NormalView, range: Range<usize>) -> Vec<&'static str> {
    let mut out = Vec::new();
    let d = view.disguise(range.clone());
    if d.is_empty() {
        return out;
    }
    if view.count(range, Disguise::STYLED | Disguise::LOOKALIKE) >= 2 {
        out.push("s:styled");
    }
    for (flag, name) in [
        (Disguise::SPACED, "s:spaced"),
        (Disguise::MARKED, "s:marked"),
        (Disguise::DIGIT_LETTER, "s:digit-letter"),
        (Disguise::DECORATION, "s:decoration"),
    ] {
        if d.contains(flag) {
            out.push(name);
        }
    }
    out
}

/// The words of a text: runs of letters and digits, with their offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    // The character at a byte offset and its length; ASCII without decoding.
    let at = move |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (word, n) = at(i);
            if word {
                break;
            }
            i += n;
        }
        let start = i;
        while i < bytes.len() {
            let (word, n) = at(i);
            if !word {
                break;
            }
            i += n;
        }
        Some((start, &text[start..i]))
    })
}

/// A word of at least three letters followed by two to four digits: "weton88", "mcb168",
/// "ALEXIS17". Not "B737" or "GA88" (flight numbers), "COVID19" is one (context decides what
/// it means).
pub fn is_handle(word: &str) -> bool {
    let digits = word.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    let letters = &word[..word.len() - digits];
    (2..=4).contains(&digits) && letters.chars().count() >= 3 && letters.chars().all(char::is_alphabetic)
}

/// A trained model: a bias and a weight per feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub weights: FxHashMap<String, f64>,
    /// Comment lines of the file after the first (what it was trained on).
    pub notes: Vec<String>,
}

/// What a model says about a text.
#[derive(Clone, Debug)]
pub struct Score {
    /// The probability that the text is of the positive class.
    pub probability: f64,
    /// Features that pushed the score up, grouped (a word with its n-grams, each signal on its
    /// own): signals of how the text is written first, each group strongest first.
    pub signals: Vec<Signal>,
}

/// One reason for a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    /// `s:NAME` for a signal, else the word (a range of the view).
    pub signal: Option<&'static str>,
    pub word: Range<usize>,
    pub weight: f64,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// One line of a model file.
enum Line<'t> {
    Note(&'t str),
    Bias(f64),
    Feature(&'t str, f64),
}

/// Reads the lines of a model file, in order. Errors say which line is wrong.
fn read_lines<'t>(text: &'t str, mut on: impl FnMut(Line<'t>)) -> Result<(), (usize, String)> {
    let mut bias = false;
    for (i, line) in model_lines(text).enumerate() {
        let n = i + 1;
        if i == 0 {
            if !line.starts_with(MAGIC) && line.starts_with(EARLIER_MAGIC) {
                return Err((
                    n,
                    "this model was trained by an earlier factlint, which counted features differently: train it again with `factlint rules train`".to_string(),
                ));
            }
            if !line.starts_with(MAGIC) {
                return Err((n, format!("a model file starts with {MAGIC:?}: train one with `factlint rules train`")));
            }
            continue;
        }
        if let Some(note) = line.strip_prefix('#') {
            on(Line::Note(note.trim()));
            continue;
        }
        if trimmed(line).is_empty() {
            continue;
        }
        let Some(tab) = line.bytes().rposition(|b| b == b'\t') else {
            return Err((n, "expected FEATURE<tab>WEIGHT".to_string()));
        };
        let (name, weight) = (&line[..tab], &line[tab + 1..]);
        let w = parse_weight(trimmed(weight)).ok_or_else(|| (n, format!("{weight:?} is not a number")))?;
        if !w.is_finite() {
            return Err((n, format!("{weight:?} is not a finite number")));
        }
        if name == "bias" {
            bias = true;
            on(Line::Bias(w));
        } else if !(name.starts_with("w:") || name.starts_with("c:") || name.starts_with("s:")) {
            return Err((n, format!("unknown feature {name:?}: features start with w:, c: or s:")));
        } else {
            on(Line::Feature(name, w));
        }
    }
    if bias {
        Ok(())
    } else {
        Err((1, "the model has no `bias` line".to_string()))
    }
}

/// The lines of a model file, as `str::lines` gives them, found with one memchr scan: a model
/// has tens of thousands of short lines.
fn model_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(Some).chain(std::iter::once(None));
    ends.filter_map(move |end| {
        let from = start;
        let to = match end {
            Some(e) => e,
            None if from < text.len() => text.len(),
            None => return None,
        };
        start = to + 1;
        let line = &text[from..to];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// A weight as written: a decimal such as `-0.0653` read exactly, without the general float
/// parser (an integer over a power of ten, both exact, divided once, rounds as the parser
/// does); anything else through `str::parse`.
fn parse_weight(s: &str) -> Option<f64> {
    let bytes = s.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let (mut n, mut digits, mut places, mut dot) = (0i64, 0, 0, false);
    for &b in &bytes[usize::from(negative)..] {
        match b {
            b'0'..=b'9' if digits < 15 => {
                n = n * 10 + i64::from(b - b'0');
                digits += 1;
                places += usize::from(dot);
            }
            b'.' if !dot && digits > 0 => dot = true,
            _ => return s.parse().ok(),
        }
    }
    if !dot || places == 0 {
        return s.parse().ok();
    }
    let v = n as f64 / 10f64.powi(places as i32);
    Some(if negative { -v } else { v })
}

/// `s` without surrounding white space; the quick look first, as most lines have none.
fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

impl Model {
    /// Reads a model file. Errors say which line is wrong.
    pub fn parse(text: &str) -> Result<Model, (usize, String)> {
        let mut model = Model::default();
        read_lines(text, |line| match line {
            Line::Note(n) => model.notes.push(n.to_string()),
            Line::Bias(b) => model.bias = b,
            Line::Feature(name, w) => {
                model.weights.insert(name.to_string(), w);
            }
        })?;
        Ok(model)
    }

    /// The model file's text: features in name order, weights to 4 decimals.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(MAGIC);
        out.push_str(": a feature and its weight a line (see `factlint rules train --help`)\n");
        for n in &self.notes {
            let _ = writeln!(out, "# {n}");
        }
        let _ = writeln!(out, "bias\t{:.4}", self.bias);
        let mut names: Vec<&String> = self.weights.keys().collect();
        names.sort();
        for name in names {
            let _ = writeln!(out, "{name}\t{:.4}", self.weights[name]);
        }
        out
    }
}

/// A model ready to apply: each feature found by a hash of its name ([`table::Table`]), and
/// the features of each word worked out once a thread and kept. [`Scorer::probability`] is the
/// quick look every unit gets; [`Scorer::score`] says why, for the few that are findings.
#[derive(Debug)]
pub struct Scorer {
    /// Tells this scorer's cached words from another's.
    key: u64,
    table: table::Table,
}

/// What a thread keeps per scorer: the summed weight of the features of each word it has seen,
/// and the last unit that counted the word.
#[derive(Default)]
struct ThreadState {
    words: FxHashMap<Box<str>, (f64, u32)>,
    unit: u32,
}

thread_local! {
    static STATES: std::cell::RefCell<FxHashMap<u64, ThreadState>> = std::cell::RefCell::new(FxHashMap::default());
}

/// How many words a thread keeps per scorer before it starts afresh.
const MAX_CACHED_WORDS: usize = 500_000;

impl Scorer {
    /// Reads a model file straight into a scorer. Errors say which line is wrong.
    pub fn parse(text: &str) -> Result<Scorer, (usize, String)> {
        let mut features = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count());
        let mut bias = 0.0;
        read_lines(text, |line| match line {
            Line::Note(_) => {}
            Line::Bias(b) => bias = b,
            Line::Feature(name, w) => features.push((name, w)),
        })?;
        Ok(Scorer::with(table::Table::build(table::text_key(text), bias, features)))
    }

    /// A scorer for a model in memory (a model just trained).
    pub fn new(model: &Model) -> Scorer {
        let mut names: Vec<&String> = model.weights.keys().collect();
        names.sort();
        Scorer::with(table::Table::build(0, model.bias, names.into_iter().map(|n| (n.as_str(), model.weights[n]))))
    }

    /// A shipped model's scorer from its feature table built ahead, read in place; None unless
    /// `bytes` is a table built from the model text whose key is `text_key`.
    pub fn shipped(bytes: &'static [u8], text_key: u64) -> Option<Scorer> {
        table::Table::read(bytes, text_key).map(Scorer::with)
    }

    /// The scorer of the shipped model at `path` ("rules/spam/x.model") from the table this
    /// build embeds for it; None when there is none for the model's text as it is now.
    pub fn shipped_at(path: &str) -> Option<Scorer> {
        let (key, bytes) = crate::builtin::table(path)?;
        Scorer::shipped(bytes, key)
    }

    /// The table of this scorer's features, as [`Scorer::shipped`] reads it.
    pub fn table_bytes(&self) -> &[u8] {
        self.table.bytes()
    }

    fn with(table: table::Table) -> Scorer {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Scorer { key: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed), table }
    }

    /// A feature by its name: the name as the model holds it, and its weight.
    fn find(&self, name: &str) -> Option<(&str, f64)> {
        self.table.find(name)
    }

    /// How many features the model weighs.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// The probability the model gives a range of a view, with the features of [`features`]:
    /// a word weighs the same in every unit, so its weight is worked out once a thread.
    pub fn probability(&self, view: &NormalView, range: Range<usize>) -> f64 {
        let range = crate::normalize::clamp(view.text(), range);
        let text = &view.text()[range.clone()];
        let mut z = self.table.bias();
        STATES.with(|states| {
            let mut states = states.borrow_mut();
            let state = states.entry(self.key).or_default();
            if state.words.len() > MAX_CACHED_WORDS {
                state.words.clear();
            }
            state.unit = state.unit.wrapping_add(1);
            if state.unit == 0 {
                state.words.values_mut().for_each(|w| w.1 = 0);
                state.unit = 1;
            }
            let (known, unit) = (&mut state.words, state.unit);
            let (mut features, mut buf) = (FeatureBuf::default(), String::new());
            for (start, word) in words(text) {
                // "Pulau" and "pulau" are one word to the model.
                let key = lowered(word, &mut buf);
                match known.get_mut(key) {
                    Some((_, last)) if *last == unit => continue,
                    Some((sum, last)) => {
                        *last = unit;
                        z += *sum;
                    }
                    None => {
                        let mut sum = 0.0;
                        word_features(word, &mut features, |n| sum += self.weight(n));
                        known.insert(key.into(), (sum, unit));
                        z += sum;
                    }
                }
                if word.as_bytes().last().is_some_and(u8::is_ascii_digit) {
                    let at = range.start + start..range.start + start + word.len();
                    z += handle_signals(view, word, at).map(|n| self.weight(n)).sum::<f64>();
                }
            }
            z += text_signals(view, range).into_iter().map(|n| self.weight(n)).sum::<f64>();
        });
        sigmoid(z)
    }

    /// The probability the model gives a whole text, as read through its normalised view.
    pub fn probability_of(&self, text: &str) -> f64 {
        let view = NormalView::new(text);
        self.probability(&view, 0..view.text().len())
    }

    /// A feature's weight, 0 for one the model does not weigh.
    fn weight(&self, name: &str) -> f64 {
        self.table.weight(name).unwrap_or(0.0)
    }

    /// Scores a range of a view, with the signals that raised the score.
    pub fn score(&self, view: &NormalView, range: Range<usize>) -> Score {
        // Only features the model weighs matter: look each up, and count each once.
        let mut found: Vec<(&str, f64, Range<usize>)> = Vec::new();
        each_feature(view, range, |name, word| {
            if let Some((held, w)) = self.find(name) {
                found.push((held, w, word));
            }
        });
        let text = view.text();
        let mut z = self.table.bias();
        let mut by_word: Vec<Signal> = Vec::new();
        for (fname, w, fword) in found {
            z += w;
            // A handle in disguise is reported as the handle.
            let signal = match fname.strip_prefix("s:") {
                Some("styled-handle") => Some("handle"),
                Some(s) => SIGNALS.iter().copied().find(|&k| k == s),
                None => None,
            };
            // Handles are named by their word; text-wide signals stand alone.
            let key_word = if signal.is_some() && fword.is_empty() { 0..0 } else { fword };
            // A word written twice is one reason, weighing twice.
            match by_word.iter_mut().find(|s| {
                s.signal == signal
                    && (s.word == key_word
                        || (!key_word.is_empty()
                            && !s.word.is_empty()
                            && text[s.word.clone()] == text[key_word.clone()]))
            }) {
                Some(s) => s.weight += w,
                None => by_word.push(Signal { signal, word: key_word, weight: w }),
            }
        }
        // A handle's n-grams count towards the handle.
        let handles: Vec<Range<usize>> =
            by_word.iter().filter(|s| s.signal == Some("handle")).map(|s| s.word.clone()).collect();
        for h in handles {
            let word_weight: f64 = by_word.iter().filter(|s| s.signal.is_none() && s.word == h).map(|s| s.weight).sum();
            by_word.retain(|s| !(s.signal.is_none() && s.word == h));
            if let Some(s) = by_word.iter_mut().find(|s| s.signal == Some("handle") && s.word == h) {
                s.weight += word_weight;
            }
        }
        by_word.retain(|s| s.weight > 0.0);
        // How the text is written (styled letters, a brand handle) first, then words; each
        // group strongest first.
        by_word.sort_by(|a, b| {
            b.signal
                .is_some()
                .cmp(&a.signal.is_some())
                .then(b.weight.total_cmp(&a.weight))
                .then(a.word.start.cmp(&b.word.start))
        });
        Score { probability: sigmoid(z), signals: by_word }
    }
}

/// One labelled example for training.
#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    pub positive: bool,
}

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// L2 penalty, applied to a feature's weight each time an example has the feature.
    pub l2: f64,
    /// Features seen in fewer training examples are left out.
    pub min_count: usize,
    /// Weights smaller than this are left out of the model file.
    pub min_weight: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 12, l2: 0.05, min_count: 3, min_weight: 0.02 }
    }
}

/// A deterministic generator for the order examples are visited in (SplitMix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The feature names of a text, for training and evaluation.
pub fn feature_names(text: &str) -> Vec<String> {
    let view = NormalView::new(text);
    features(&view, 0..view.text().len()).into_iter().map(|f| f.name).collect()
}

/// Trains logistic regression by stochastic gradient descent in a fixed order; the same
/// examples and options give the same model on every machine.
pub fn train(examples: &[Example], options: &TrainOptions) -> Model {
    let featured: Vec<(Vec<String>, bool)> = examples.iter().map(|e| (feature_names(&e.text), e.positive)).collect();
    // How many examples have each feature (however often each has it).
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (f, _) in &featured {
        let mut once: Vec<&str> = f.iter().map(String::as_str).collect();
        once.sort_unstable();
        once.dedup();
        for name in once {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut vocab: Vec<&str> = counts.iter().filter(|(_, &n)| n >= options.min_count).map(|(k, _)| *k).collect();
    vocab.sort_unstable();
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    // Each example as its features and how often it has each.
    let rows: Vec<(Vec<(usize, f64)>, f64)> = featured
        .iter()
        .map(|(f, y)| {
            let mut ids: Vec<usize> = f.iter().filter_map(|n| index.get(n.as_str()).copied()).collect();
            ids.sort_unstable();
            let mut counted: Vec<(usize, f64)> = Vec::with_capacity(ids.len());
            for id in ids {
                match counted.last_mut() {
                    Some((last, n)) if *last == id => *n += 1.0,
                    _ => counted.push((id, 1.0)),
                }
            }
            (counted, if *y { 1.0 } else { 0.0 })
        })
        .collect();
    // Classes weighted to balance, so that the rarer class is not drowned.
    let pos = rows.iter().filter(|r| r.1 > 0.5).count().max(1) as f64;
    let neg = (rows.len() as f64 - pos).max(1.0);
    let (w_pos, w_neg) = (rows.len() as f64 / (2.0 * pos), rows.len() as f64 / (2.0 * neg));
    let mut w = vec![0.0f64; vocab.len()];
    let mut bias = 0.0f64;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut mix = Mix(0x5EED);
    let mut step = 0usize;
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            let j = (mix.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &r in &order {
            let (ids, y) = &rows[r];
            let lr = 0.2 / (1.0 + step as f64 * 2e-5);
            step += 1;
            let z = bias + ids.iter().map(|&(k, n)| n * w[k]).sum::<f64>();
            let g = (sigmoid(z) - y) * if *y > 0.5 { w_pos } else { w_neg };
            bias -= lr * g;
            for &(k, n) in ids {
                w[k] -= lr * (g * n + options.l2 * w[k]);
            }
        }
    }
    let weights = vocab
        .iter()
        .zip(&w)
        .filter(|(_, w)| w.abs() >= options.min_weight)
        .map(|(k, w)| (k.to_string(), round4(*w)))
        .collect();
    Model { bias: round4(bias), weights, notes: Vec::new() }
}

fn round4(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Precision and recall of a model on examples at a threshold.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    pub true_neg: usize,
}

impl Evaluation {
    pub fn precision(&self) -> f64 {
        let n = self.true_pos + self.false_pos;
        if n == 0 {
            1.0
        } else {
            self.true_pos as f64 / n as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let n = self.true_pos + self.false_neg;
        if n == 0 {
            1.0
        } else {
            self.true_pos as f64 / n as f64
        }
    }
}

pub fn evaluate(model: &Model, examples: &[Example], threshold: f64) -> Evaluation {
    let mut e = Evaluation::default();
    let scorer = Scorer::new(model);
    for ex in examples {
        let view = NormalView::new(&ex.text);
        let p = scorer.probability(&view, 0..view.text().len());
        match (p >= threshold, ex.positive) {
            (true, true) => e.true_pos += 1,
            (true, false) => e.false_pos += 1,
            (false, true) => e.false_neg += 1,
            (false, false) => e.true_neg += 1,
        }
    }
    e
}

/// Whether an example is held out of training: by a hash of its words, so that copies of one
/// text (bots post one text many times) fall on the same side.
pub fn held_out(text: &str, percent: u32) -> bool {
    if percent == 0 {
        return false;
    }
    let view = NormalView::new(text);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in view.text().chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (h % 100) < u64::from(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_holds_every_feature_of_the_model_with_its_weight() {
        let path = "rules/spam/gambling-promotion.model";
        let text = crate::builtin::data(path).expect("the shipped model");
        let shipped = Scorer::shipped_at(path).expect("the build embeds the table of the model as it is");
        let mut features = 0;
        for line in text.lines().skip(1).filter(|l| !l.starts_with('#')) {
            let (name, weight) = line.rsplit_once('\t').expect("FEATURE<tab>WEIGHT");
            let weight: f64 = weight.parse().expect("a weight");
            if name == "bias" {
                assert_eq!(shipped.table.bias(), weight);
            } else {
                assert_eq!(shipped.find(name), Some((name, weight)), "{name}");
                features += 1;
            }
        }
        assert_eq!((shipped.len(), features > 10_000), (features, true));
        for missing in ["w:", "w:no-such-word-in-any-model", "c:\u{1}\u{2}"] {
            assert_eq!(shipped.find(missing), None);
        }
    }

    #[test]
    fn weights_read_as_the_float_parser_reads_them() {
        let shipped = include_str!("../rules/spam/gambling-promotion.model");
        let written = shipped.lines().filter_map(|l| l.rsplit_once('\t')).map(|(_, w)| w.to_string());
        let made = (0..20_000i64).flat_map(|n| {
            let (a, places) = (n * 7919 % 10_000_000, (n % 9 + 1) as usize);
            let p = 10i64.pow(places as u32);
            [format!("{}.{:0places$}", a / p, a % p), format!("-0.{n:04}")]
        });
        let odd = ["1e-3", "+0.5", ".5", "5.", "-", "0.1234567890123456789", "12345678901234.5", "x"].map(String::from);
        let mut seen = 0;
        for w in written.chain(made).chain(odd) {
            let expected = w.parse::<f64>().ok();
            assert_eq!(parse_weight(&w).map(f64::to_bits), expected.map(f64::to_bits), "{w:?}");
            seen += 1;
        }
        assert!(seen > 70_000);
    }

    #[test]
    fn model_lines_are_the_lines_of_the_text() {
        for text in ["a\nb", "a\r\nb\r\n", "\n\nx", "", "x", "a\n\n"] {
            assert_eq!(model_lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    fn ex(text: &str, positive: bool) -> Example {
        Example { text: text.to_string(), positive }
    }

    #[test]
    fn handles() {
        assert!(is_handle("weton88") && is_handle("ALEXIS17") && is_handle("mcb168"));
        assert!(!is_handle("B737") && !is_handle("iPhone") && !is_handle("2024") && !is_handle("gacor"));
        assert!(!is_handle("x12345") && !is_handle("GA88"));
    }

    #[test]
    fn a_word_s_features_are_itself_and_its_grams_of_three_to_five_letters() {
        let names = |word: &str| {
            let mut out = Vec::new();
            word_features(word, &mut FeatureBuf::default(), |n| out.push(n.to_string()));
            out
        };
        // Two-byte letters, a capital among them: grams are of characters, in lower case.
        assert_eq!(names("ÉtÅ"), ["w:étå", "c:<ét", "c:étå", "c:tå>", "c:<étå", "c:étå>", "c:<étå>"].map(String::from));
        assert_eq!(names("a"), ["w:a", "c:<a>"].map(String::from));
        // Over 40 characters: no features at all.
        assert!(names(&"x".repeat(41)).is_empty());
        assert_eq!(names(&"x".repeat(40)).len(), 1 + 40 + 39 + 38);
    }

    #[test]
    fn features_name_words_grams_and_signals() {
        let view = NormalView::new("Main di 𝗪𝗘𝗧𝗢𝗡𝟴𝟴 gacor");
        let f: Vec<String> = features(&view, 0..view.text().len()).into_iter().map(|f| f.name).collect();
        for want in ["w:weton88", "c:<ga", "c:cor>", "s:handle", "s:styled-handle", "s:styled", "w:gacor"] {
            assert!(f.contains(&want.to_string()), "{want} missing from {f:?}");
        }
        let plain = feature_names("Harga cabai turun");
        assert!(!plain.iter().any(|f| f.starts_with("s:")));
    }

    #[test]
    fn training_learns_and_is_deterministic() {
        let mut data = Vec::new();
        for i in 0..30 {
            data.push(ex(&format!("main di hoki{i:02} pasti jp maxwin"), true));
            data.push(ex(&format!("harga cabai turun {i} persen di pasar"), false));
            data.push(ex(&format!("rapat desa membahas jalan nomor {i}"), false));
        }
        let opts = TrainOptions { min_count: 2, ..TrainOptions::default() };
        let a = train(&data, &opts);
        let b = train(&data, &opts);
        assert_eq!(a.to_text(), b.to_text());
        let e = evaluate(&a, &[ex("ayo main di zeus77 maxwin", true), ex("harga beras turun", false)], 0.5);
        assert_eq!((e.true_pos, e.true_neg), (1, 1));
        let back = Model::parse(&a.to_text()).unwrap();
        assert_eq!(back.to_text(), a.to_text());
    }

    #[test]
    fn signals_explain_the_score() {
        let mut m = Model { bias: -2.0, ..Model::default() };
        m.weights.insert("w:gacor".into(), 1.5);
        m.weights.insert("c:<gac".into(), 0.5);
        m.weights.insert("s:handle".into(), 2.0);
        m.weights.insert("c:<we".into(), 0.1);
        let view = NormalView::new("weton88 gacor");
        let s = Scorer::new(&m).score(&view, 0..view.text().len());
        assert_eq!(s.signals[0].signal, Some("handle"));
        assert_eq!(&view.text()[s.signals[0].word.clone()], "weton88");
        assert!((s.signals[0].weight - 2.1).abs() < 1e-9);
        assert_eq!(&view.text()[s.signals[1].word.clone()], "gacor");
        assert!(s.probability > 0.5);
    }

    #[test]
    fn a_scorer_read_from_the_file_scores_as_the_model() {
        let mut data = Vec::new();
        for i in 0..30 {
            data.push(ex(&format!("main di hoki{i:02} pasti jp maxwin"), true));
            data.push(ex(&format!("harga cabai turun {i} persen di pasar"), false));
        }
        let model = train(&data, &TrainOptions { min_count: 2, ..TrainOptions::default() });
        let from_file = Scorer::parse(&model.to_text()).unwrap();
        let in_memory = Scorer::new(&model);
        assert_eq!(from_file.len(), model.weights.len());
        for text in ["ayo main di 𝗭𝗘𝗨𝗦𝟳𝟳 maxwin maxwin", "harga beras turun", "", "jp jp jp"] {
            let view = NormalView::new(text);
            let all = 0..view.text().len();
            let (a, b) = (from_file.probability(&view, all.clone()), in_memory.probability(&view, all.clone()));
            let explained = from_file.score(&view, all.clone()).probability;
            assert!((a - b).abs() < 1e-12 && (a - explained).abs() < 1e-12, "{text}: {a} {b} {explained}");
            // Scoring the same text twice (the thread's cache now warm) gives the same.
            assert_eq!(from_file.probability(&view, all), a);
        }
    }

    #[test]
    fn bad_model_files_say_where() {
        assert_eq!(Scorer::parse("hello").unwrap_err().0, 1);
        assert_eq!(Scorer::parse(&format!("{MAGIC}\nbias\t0\nw:x 1\n")).unwrap_err().0, 3);
        assert_eq!(Model::parse("hello").unwrap_err().0, 1);
        assert_eq!(Model::parse(&format!("{MAGIC}\nbias\t0\nw:x 1\n")).unwrap_err().0, 3);
        assert_eq!(Model::parse(&format!("{MAGIC}\nbias\t0\nz:x\t1\n")).unwrap_err().0, 3);
        assert!(Model::parse(&format!("{MAGIC}\nw:x\t1\n")).is_err());
        let earlier = Scorer::parse("# factlint linear model: a feature and its weight a line\nbias\t0\n").unwrap_err();
        assert_eq!(earlier.0, 1);
        assert!(earlier.1.contains("earlier factlint"), "{}", earlier.1);
    }

    #[test]
    fn a_word_counts_once_and_a_shared_gram_once_per_word() {
        let model = Model::parse(&format!("{MAGIC}\nbias\t0\nc:<ab\t1\nw:abc\t0.5\n")).unwrap();
        let scorer = Scorer::new(&model);
        let z = |text: &str| {
            let view = NormalView::new(text);
            let p = scorer.probability(&view, 0..view.text().len());
            assert_eq!(p, scorer.score(&view, 0..view.text().len()).probability, "{text}");
            (p / (1.0 - p)).ln()
        };
        assert!((z("abc abc ABC Abc") - 1.5).abs() < 1e-9);
        assert!((z("abc abd") - 2.5).abs() < 1e-9);
        assert!((z("zzz") - 0.0).abs() < 1e-9);
        let view = NormalView::new("abc abc ABC");
        let names: Vec<String> = features(&view, 0..view.text().len()).into_iter().map(|f| f.name).collect();
        assert_eq!(names.iter().filter(|n| *n == "c:<ab").count(), 1, "{names:?}");
    }
}
