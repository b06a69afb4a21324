//! A rule as the kinds see it, and what they compile from: a compiled [`Rule`] with its
//! [`Pattern`]s and [`Example`]s, each kind's [`KindInfo`], and the [`CompileCx`] a kind reads its
//! `[settings]` through. The rules loader ([`crate::rules`]) builds these from rule files.

use super::Check;
use crate::knowledge::Knowledge;
use crate::lexicon::Lexicons;
use crate::source::LocatedError;
use crate::vocab::{explain_toml_message, fill_template, Lang, RuleId, Severity};
use regex::Regex;
use std::sync::Arc;
use toml::Spanned;

/// A pattern for one language. It is checked when the rule loads and compiled the first time a
/// document of its language needs it, so start-up does not pay for languages a run never sees;
/// rules that share a pattern (after macro expansion) share one compiled regex.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub lang: Lang,
    compiled: Arc<LazyRegex>,
}

impl Pattern {
    /// The pattern for `lang` with this expanded source, sharing the regex of any other rule's
    /// pattern with the same source. Nothing is compiled yet.
    pub fn new(lang: Lang, source: String) -> Pattern {
        Pattern { lang, compiled: shared_pattern(source) }
    }

    pub fn regex(&self) -> &Regex {
        self.compiled.get()
    }

    /// The pattern as expanded for its language.
    pub fn source(&self) -> &str {
        &self.compiled.source
    }

    /// False when `hay` holds none of the pattern's trigger literals, so that it cannot match
    /// there; a pattern passed over this way is neither compiled nor searched. Once compiled, a
    /// pattern is its own quickest test: its search begins with its own literals.
    pub fn may_match(&self, hay: &str) -> bool {
        self.is_compiled() || self.compiled.trigger.may_match(&self.compiled.source, hay)
    }

    /// [`Pattern::may_match`], sharing with other patterns what is known of `hay`'s literals.
    pub fn may_match_found(&self, hay: &str, found: &super::trigger::Found) -> bool {
        self.is_compiled() || self.compiled.trigger.may_match_found(&self.compiled.source, hay, found)
    }

    /// [`Pattern::may_match`] by the trigger alone, compiled or not.
    pub fn triggered_by(&self, hay: &str) -> bool {
        self.compiled.trigger.may_match(&self.compiled.source, hay)
    }

    /// Whether the pattern's automaton, built ahead for a shipped pattern, finds a match in
    /// `hay`; None when it has none or gives up.
    pub fn automaton_matches(&self, hay: &str) -> Option<bool> {
        self.compiled.trigger.automaton_matches(&self.compiled.source, hay)
    }

    pub fn is_compiled(&self) -> bool {
        self.compiled.regex.get().is_some()
    }

    /// Compiles the regex now, under the size limits, unless it is compiled already.
    pub fn compile_now(&self) -> Result<(), regex::Error> {
        if !self.is_compiled() {
            let _ = self.compiled.regex.set(build_regex(&self.compiled.source)?);
        }
        Ok(())
    }

    /// True when both patterns share one regex.
    pub fn shares_regex(&self, other: &Pattern) -> bool {
        Arc::ptr_eq(&self.compiled, &other.compiled)
    }

    /// Compiles the regex unless another thread has begun to: for a warm-up thread that passes
    /// over patterns the checking thread is compiling.
    pub fn compile_unless_claimed(&self) {
        if !self.compiled.claimed.swap(true, std::sync::atomic::Ordering::Relaxed) {
            self.compiled.get();
        }
    }
}

/// An expanded pattern and, once needed, its compiled regex.
#[derive(Debug)]
struct LazyRegex {
    source: String,
    regex: std::sync::OnceLock<Regex>,
    /// Set by the thread that compiles the regex, so that a warm-up thread passes over a
    /// pattern another thread is already compiling.
    claimed: std::sync::atomic::AtomicBool,
    trigger: super::trigger::Trigger,
}

impl LazyRegex {
    fn get(&self) -> &Regex {
        self.regex.get_or_init(|| {
            self.claimed.store(true, std::sync::atomic::Ordering::Relaxed);
            build_regex(&self.source).expect("the pattern was checked when its rule loaded")
        })
    }
}

/// The longest pattern a rule may write, before expansion.
pub const MAX_PATTERN_BYTES: usize = 256 << 10;

fn build_regex(source: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(source).size_limit(64 << 20).dfa_size_limit(16 << 20).build()
}

/// Patterns by expanded source, shared across the rules of a process.
fn shared_pattern(source: String) -> Arc<LazyRegex> {
    static CACHE: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, Arc<LazyRegex>>>> =
        std::sync::LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(source.clone())
        .or_insert_with(|| {
            Arc::new(LazyRegex {
                source,
                regex: std::sync::OnceLock::new(),
                claimed: Default::default(),
                trigger: Default::default(),
            })
        })
        .clone()
}

/// Whether a rule's suggestions may be applied unread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixSafety {
    /// The replacement follows from the knowledge alone (a place's region, a weekday).
    #[default]
    Safe,
    /// The replacement is taken from the record (a figure, a title): `--fix` leaves it to an
    /// editor unless `--unsafe-fixes` is given.
    Unsafe,
}

/// One `[[example]]`, validated.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub flagged: Vec<String>,
    pub lang: Lang,
    pub date: Option<chrono::NaiveDate>,
    pub format: crate::markup::Format,
    pub note: Option<String>,
    /// Other rules run with this one (ids or categories).
    pub with_rules: Vec<String>,
    /// Where the example is written, for reports: `file:line`.
    pub location: String,
    /// The knowledge the example is checked against, when it names a knowledge file, and the
    /// path as written.
    pub knowledge: Option<Arc<ExampleKnowledge>>,
    pub knowledge_path: Option<String>,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub kind: String,
    pub severity: Severity,
    /// Whether `check --fix` applies its suggestions without `--unsafe-fixes`.
    pub fix: FixSafety,
    /// Empty: every language.
    pub languages: Vec<Lang>,
    pub message: String,
    pub summary: String,
    pub description: String,
    pub patterns: Vec<Pattern>,
    /// Pattern sources as written, for `rules explain`.
    pub pattern_sources: Vec<String>,
    /// Where the `[settings]` tables as written are read from, for `rules explain`.
    pub settings_source: SettingsSource,
    pub examples: Vec<Example>,
    /// The file the rule came from (`builtin:rules/...` for shipped rules).
    pub origin: String,
    pub check: Box<dyn Check>,
}

/// Where a rule's `[settings]` tables as written are read from: a shipped rule's embedded file,
/// read only when they are shown (a run that checks documents never reads them), or the
/// listing itself, taken from a user's file as it was loaded.
#[derive(Debug, Clone)]
pub enum SettingsSource {
    Shipped(&'static str),
    Written(String),
}

impl SettingsSource {
    /// The tables' lines as written, blank lines left out; empty when there are none.
    pub fn lines(&self) -> std::borrow::Cow<'_, str> {
        match self {
            SettingsSource::Shipped(text) => std::borrow::Cow::Owned(tables_lines(text, "settings")),
            SettingsSource::Written(lines) => std::borrow::Cow::Borrowed(lines),
        }
    }
}

impl Rule {
    pub fn runs_on(&self, lang: Lang) -> bool {
        self.languages.is_empty() || self.languages.contains(&lang)
    }

    /// True once the rule's patterns for a language have been compiled (a document of that
    /// language needed them). Kinds may skip a document cheaply before that, when a quick look
    /// shows none of their patterns can match.
    pub fn patterns_compiled(&self, lang: Lang) -> bool {
        self.patterns.iter().filter(|p| p.lang == lang).all(Pattern::is_compiled)
    }

    /// The compiled patterns for a language that may match in `hay`: those whose trigger it
    /// holds (see [`Pattern::may_match`]). Each is searched over `hay` only.
    pub fn patterns_in<'a>(&'a self, lang: Lang, hay: &'a str) -> impl Iterator<Item = &'a Regex> + 'a {
        self.patterns.iter().filter(move |p| p.lang == lang && p.may_match(hay)).map(|p| p.regex())
    }

    /// Fills the message template with values (`{place}` -> "Shenzhen").
    pub fn render_message(&self, values: &[(&str, &str)]) -> String {
        fill_template(&self.message, values)
    }
}

/// The knowledge an example is checked against: the built-in knowledge and the file it names.
/// A user's file is loaded (and so checked) when the rule loads; a shipped one, which the test
/// suite checks, only when an example runs, so start-up does not pay for it.
#[derive(Debug)]
pub struct ExampleKnowledge {
    shown: String,
    text: String,
    kb: std::sync::OnceLock<Knowledge>,
}

impl ExampleKnowledge {
    /// The knowledge file `text`, shown as `shown` in errors; read when first needed.
    pub fn new(shown: String, text: String) -> ExampleKnowledge {
        ExampleKnowledge { shown, text, kb: std::sync::OnceLock::new() }
    }

    /// Loads the file now, so that its errors are the rule's at load time.
    pub fn load_now(&self) -> Result<(), Vec<LocatedError>> {
        if self.kb.get().is_none() {
            let _ = self.kb.set(self.load()?);
        }
        Ok(())
    }

    fn load(&self) -> Result<Knowledge, Vec<LocatedError>> {
        let mut kb = Knowledge::builtin();
        kb.load_str(&self.shown, &self.text)?;
        Ok(kb)
    }

    /// The loaded knowledge.
    pub fn get(&self) -> &Knowledge {
        self.kb.get_or_init(|| self.load().expect("a shipped example's knowledge file is checked by the test suite"))
    }
}

/// A kind's compile function: the rule's `[settings]` table (read again through the context
/// when the kind wants spans) to its check.
pub type CompileKind = fn(Option<&Spanned<toml::Table>>, &CompileCx<'_>) -> Result<Box<dyn Check>, LocatedError>;

/// What a kind needs from the rule file and offers to its message.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    pub name: &'static str,
    /// Named groups every pattern must have.
    pub required_groups: &'static [&'static str],
    /// Named groups a pattern may have.
    pub optional_groups: &'static [&'static str],
    /// Whether the kind needs patterns at all.
    pub needs_patterns: bool,
    /// True when its findings judge claims read from the text (a place's region, a date's
    /// weekday), so that `factlint claims` lists them as contradicted claims; false for kinds
    /// that flag wording or spam.
    pub reads_claims: bool,
    /// `{names}` the message may use.
    pub message_values: &'static [&'static str],
    /// The pattern groups, in words, for the kinds table (README, `factlint rules kinds`).
    pub groups_doc: &'static str,
    /// The `[settings]` keys, in words, for the kinds table.
    pub settings_doc: &'static str,
    /// Builds the kind's check from the rule's `[settings]`.
    pub compile: CompileKind,
    /// What is wrong with a pattern's set of named groups beyond the required and optional
    /// ones: the combinations the kind can read (a date needs a day and a month, or a numeric
    /// date). None when nothing is.
    pub groups_problem: fn(&[&str]) -> Option<String>,
}

impl KindInfo {
    /// For kinds that read any combination of their groups.
    pub fn no_group_problem(_groups: &[&str]) -> Option<String> {
        None
    }

    /// One row of the kinds table, in Markdown.
    pub fn table_row(&self) -> String {
        let values: Vec<String> = self.message_values.iter().map(|v| format!("`{{{v}}}`")).collect();
        format!("| `{}` | {} | {} | {} |", self.name, self.groups_doc, self.settings_doc, values.join(", "))
    }
}

/// Context for compiling a rule: where errors point.
pub struct CompileCx<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lexicons: &'a Lexicons,
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// How many `[[pattern]]`s the rule file has.
    patterns: usize,
    /// The file's `[settings]`, parsed with the rest of it.
    settings: Option<&'a Spanned<toml::de::DeValue<'a>>>,
}

impl<'a> CompileCx<'a> {
    /// The context for the rule file `text` at `path`, which has `patterns` `[[pattern]]`s and
    /// the parsed `[settings]` `settings`.
    pub fn new(
        path: &'a str,
        text: &'a str,
        lexicons: &'a Lexicons,
        patterns: usize,
        settings: Option<&'a Spanned<toml::de::DeValue<'a>>>,
    ) -> CompileCx<'a> {
        CompileCx { path, text, lexicons, line_starts: std::sync::OnceLock::new(), patterns, settings }
    }
}

impl CompileCx<'_> {
    /// The 1-based line of a byte offset in the rule file.
    pub fn line_of(&self, offset: usize) -> usize {
        let starts = self.line_starts.get_or_init(|| crate::source::line_starts(self.text));
        crate::source::line_col(self.text, starts, offset).line
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> LocatedError {
        LocatedError::at(self.path, self.text, offset, message)
    }

    /// Deserialises a kind's `[settings]` table, pointing errors at the offending key or value.
    pub fn settings<T: serde::de::DeserializeOwned + Default>(
        &self,
        settings: Option<&Spanned<toml::Table>>,
    ) -> Result<T, LocatedError> {
        match settings {
            None => Ok(T::default()),
            Some(_) => self.spanned_settings(),
        }
    }

    /// Reads `[settings]` as parsed with the rule file, so a kind may use `toml::Spanned` fields
    /// and point an error at the offending value (unknown keys point at the key).
    pub fn spanned_settings<T: serde::de::DeserializeOwned + Default>(&self) -> Result<T, LocatedError> {
        let Some(settings) = self.settings else { return Ok(T::default()) };
        T::deserialize(toml::de::ValueDeserializer::from(settings.clone())).map_err(|e| {
            self.error(e.span().map_or(0, |s| s.start), format!("in [settings]: {}", explain_toml_message(e.message())))
        })
    }

    /// Where the first line that starts with `start` (after indentation) is, for errors about a
    /// part of the file that has no span of its own; the file's start when there is none.
    pub fn line_offset(&self, start: &str) -> usize {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let indent = line.len() - line.trim_start().len();
            if line[indent..].starts_with(start) {
                return offset + indent;
            }
            offset += line.len();
        }
        0
    }

    /// How many `[[pattern]]`s the rule file has, for kinds whose patterns are optional.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }
}

/// The rule file with everything but its `[settings]` tables blanked out, byte for byte, so that
/// they can be shown as written (`rules explain`) or read on their own (the shipped wording) and
/// every offset still points into the file. The whole file when the settings are not written as `[settings]` tables.
pub fn settings_section(text: &str) -> std::borrow::Cow<'_, str> {
    tables_section(text, "settings").unwrap_or(std::borrow::Cow::Borrowed(text))
}

/// The file with everything but the tables named `name` or under it (`[name]`, `[name.x]`)
/// blanked out, byte for byte; None when it has no such table header.
pub fn tables_section<'t>(text: &'t str, name: &str) -> Option<std::borrow::Cow<'t, str>> {
    if !text.contains(name) {
        return None;
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut found = false;
    for (line, inside) in table_lines(text, name) {
        found |= inside;
        if inside {
            out.extend_from_slice(line.as_bytes());
        } else {
            // A line outside is blanked whole, its line end kept, so offsets hold.
            let body = line.strip_suffix('\n').unwrap_or(line);
            out.resize(out.len() + body.len(), b' ');
            if body.len() < line.len() {
                out.push(b'\n');
            }
        }
    }
    // Whole lines are kept or blanked, so the text stays valid UTF-8.
    found.then(|| std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string())))
}

/// The file with the tables named `name` or under it blanked out, byte for byte, so that every
/// offset still points into the file.
pub fn without_tables<'t>(text: &'t str, name: &str) -> std::borrow::Cow<'t, str> {
    if !text.contains(name) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    for (line, inside) in table_lines(text, name) {
        if inside {
            // Blanked whole, its line end kept.
            let body = line.strip_suffix('\n').unwrap_or(line);
            out.resize(out.len() + body.len(), b' ');
            if body.len() < line.len() {
                out.push(b'\n');
            }
        } else {
            out.extend_from_slice(line.as_bytes());
        }
    }
    // Whole lines are kept or blanked, so the text stays valid UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// The lines of the tables named `name` or under it, as written, blank lines left out (for
/// `rules explain`); empty when the file has no such table header.
pub fn tables_lines(text: &str, name: &str) -> String {
    if !text.contains(name) {
        return String::new();
    }
    let lines = table_lines(text, name).filter(|(line, inside)| *inside && !line.trim().is_empty());
    lines.map(|(line, _)| line.trim_end_matches(['\n', '\r'])).collect::<Vec<_>>().join("\n")
}

/// Every line of `text` with its line end, and whether it lies in a table named `name` or under
/// it (`[name]`, `[name.x]`, `[[name.y]]`), its header included.
fn table_lines<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = (&'t str, bool)> {
    // A table header: `[name]` or `[[name]]` with a bare dotted name on a line of its own (an
    // array's element on its own line, `["a", "b"],`, is not one).
    fn header(line: &str) -> Option<&str> {
        let l = line.trim();
        let inner = l.strip_prefix('[')?.trim_start_matches('[');
        let name = inner.trim_end_matches(']').trim();
        let bare = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '));
        (l.ends_with(']') && bare).then_some(name)
    }
    let mut inside = false;
    text.split_inclusive('\n').map(move |line| {
        if line.trim_start().starts_with('[') {
            if let Some(h) = header(line) {
                inside = h.strip_prefix(name).is_some_and(|rest| rest.is_empty() || rest.trim_start().starts_with('.'));
            }
        }
        (line, inside)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_section_keeps_offsets_and_whole_tables() {
        let text = "id = \"spam.x\"\n[settings]\nterms = [\n  [\"a\", \"b\"],\n]\n[settings.extra]\nk = 1\n[[example]]\ntext = \"é\"\n";
        let section = settings_section(text);
        assert_eq!(section.len(), text.len());
        assert!(section
            .starts_with("             \n[settings]\nterms = [\n  [\"a\", \"b\"],\n]\n[settings.extra]\nk = 1\n"));
        assert!(!section.contains("example") && !section.contains("spam.x"));
        let at = text.find("k = 1").unwrap();
        assert_eq!(&section[at..at + 5], "k = 1");
        // Settings written inline: the whole file is read.
        let inline = "id = \"a.b\"\nsettings = { k = 1 }\n";
        assert_eq!(settings_section(inline), inline);
    }
}
