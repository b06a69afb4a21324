//! How a rule's findings are worded, in each language it runs in: the `[settings.wording.LANG]`
//! tables of a rule file. Each entry is a template whose `{names}` the kind fills in, or a list
//! of names (the months, the weekdays). An entry a rule file does not write is the shipped
//! rules' of its kind (their `message` aside: a rule's own `message` words it), and a language
//! the rule does not word at all is worded as `en`.
//!
//! Dates (the names of months and weekdays and the shapes of a date) are written as each
//! language's lexicon says in its `[calendar]`, unless a rule words them itself.
//!
//! A kind says which entries it reads ([`Entries`]): every one must be in the `en` table, and an
//! entry no kind reads is an error, so a misspelt key is found when the rule loads.

use super::rule::CompileCx;
use crate::source::LocatedError;
use crate::vocab::{fill_template, Lang};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One entry of a wording table: a template, or a list of names.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged, expecting = "a wording entry is a template (a string) or a list of names")]
pub enum Entry {
    Text(String),
    List(Vec<String>),
}

/// `[settings.wording]` as written: tables by language, with their spans for errors.
pub type Tables = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Entry>>>;

/// The checked tables: entries by key, by language.
type Checked = BTreeMap<String, BTreeMap<String, Entry>>;

/// The entries a kind reads: templates, and lists with the length each must have.
#[derive(Clone, Copy, Debug)]
pub struct Entries {
    /// The kind, whose shipped rules word what a rule leaves out.
    pub kind: &'static str,
    /// Whether a rule inherits the shipped rules' wording: false for a kind whose words are
    /// about what its rule finds (a classifier's model), which each rule words itself.
    pub inherit: bool,
    pub texts: &'static [&'static str],
    /// Templates a table may leave out (the message, which the rule's `message` words).
    pub optional: &'static [&'static str],
    pub lists: &'static [(&'static str, usize)],
    /// The `{names}` a `message` entry may use: the kind's message values.
    pub message_values: &'static [&'static str],
}

/// The entries of a date kind's wording that name days and months.
pub const CALENDAR_LISTS: &[(&str, usize)] = &[("months", 12), ("weekdays", 7)];

/// A rule's wording, checked.
#[derive(Clone, Debug, Default)]
pub struct Wording {
    tables: Checked,
}

impl Wording {
    /// Checks `tables` against the entries the kind reads, and fills in the entries they leave
    /// out from the wording of the kind's shipped rules (the first, by path, that words one).
    pub fn compile(mut tables: Tables, entries: Entries, cx: &CompileCx<'_>) -> Result<Wording, LocatedError> {
        if entries.inherit {
            for (lang, table) in shipped_tables(entries) {
                let ours = tables.entry(lang).or_default();
                for (key, entry) in table {
                    ours.entry(key).or_insert(entry);
                }
            }
        }
        let at = || cx.line_offset("[settings.wording");
        if !tables.keys().any(|l| l.get_ref() == "en") {
            return Err(
                cx.error(at(), "[settings.wording] needs an `en` table, the wording for languages it does not word")
            );
        }
        for (lang_key, table) in &tables {
            let lang = lang_key.get_ref();
            if Lang::parse(lang).is_none() {
                return Err(cx.error(
                    lang_key.span().start,
                    format!("[settings.wording.{lang}]: a language is a two-letter lower-case code"),
                ));
            }
            let message = table.iter().find(|(k, _)| k.get_ref() == "message").map(|(_, e)| e);
            if let Some(Entry::Text(m)) = message.map(|e| e.get_ref()) {
                if let Some((_, name)) =
                    crate::vocab::placeholders(m).find(|(_, n)| !entries.message_values.contains(n))
                {
                    return Err(cx.error(
                        message.map_or(0, |e| e.span().start),
                        format!(
                            "[settings.wording.{lang}] `message` uses {{{name}}}, which this kind does not provide; it provides {}",
                            entries.message_values.iter().map(|v| format!("{{{v}}}")).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
            for (key_spanned, entry) in table {
                let key = key_spanned.get_ref();
                let text_key = entries.texts.contains(&key.as_str()) || entries.optional.contains(&key.as_str());
                let list = entries.lists.iter().find(|(k, _)| k == key);
                match (entry.get_ref(), text_key, list) {
                    (Entry::Text(_), true, _) => {}
                    (Entry::List(items), _, Some((_, len))) if items.len() == *len => {}
                    (Entry::List(items), _, Some((_, len))) => {
                        return Err(cx.error(
                            entry.span().start,
                            format!("[settings.wording.{lang}] `{key}` lists {} names, not {len}", items.len()),
                        ))
                    }
                    (Entry::Text(_), _, Some((_, len))) => {
                        return Err(cx.error(
                            entry.span().start,
                            format!("[settings.wording.{lang}] `{key}` is a list of {len} names, not one string"),
                        ))
                    }
                    (Entry::List(_), true, _) => {
                        return Err(cx.error(
                            entry.span().start,
                            format!("[settings.wording.{lang}] `{key}` is a template, one string, not a list"),
                        ))
                    }
                    _ => {
                        let known: Vec<&str> = entries
                            .texts
                            .iter()
                            .chain(entries.optional)
                            .copied()
                            .chain(entries.lists.iter().map(|(k, _)| *k))
                            .collect();
                        let hint = crate::vocab::words::nearest(key, known.iter().copied())
                            .map(|n| format!("did you mean `{n}`? "))
                            .unwrap_or_default();
                        return Err(cx.error(
                            key_spanned.span().start,
                            format!(
                                "[settings.wording.{lang}] has `{key}`, which this kind does not read: {hint}it reads {}",
                                known.join(", ")
                            ),
                        ));
                    }
                }
            }
        }
        let mut tables: Checked = tables
            .into_iter()
            .map(|(l, t)| (l.into_inner(), t.into_iter().map(|(k, e)| (k.into_inner(), e.into_inner())).collect()))
            .collect();
        // Dates are written as each language's lexicon writes them, unless the rule says.
        for (lang, c) in cx.lexicons.calendars() {
            let table = tables.entry(lang.as_str().to_string()).or_default();
            let from_lexicon = [
                ("months", Entry::List(c.months.get_ref().clone())),
                ("weekdays", Entry::List(c.weekdays.get_ref().clone())),
                ("date", Entry::Text(c.date.clone())),
                ("day_month", Entry::Text(c.day_month.clone())),
                ("month_year", Entry::Text(c.month_year.clone())),
                ("between", Entry::Text(c.between.clone())),
                ("day_month_year", Entry::Text(c.day_month_year.clone())),
                ("month_day_year", Entry::Text(c.month_day_year.clone())),
                ("source", Entry::Text(c.name.clone())),
            ];
            for (key, entry) in from_lexicon {
                let read = entries.texts.contains(&key) || entries.lists.iter().any(|(k, _)| *k == key);
                if read {
                    table.entry(key.to_string()).or_insert(entry);
                }
            }
        }
        let en = tables.get("en");
        let missing: Vec<&str> = entries
            .texts
            .iter()
            .copied()
            .chain(entries.lists.iter().map(|(k, _)| *k))
            .filter(|k| !en.is_some_and(|t| t.contains_key(*k)))
            .collect();
        if !missing.is_empty() {
            return Err(cx.error(at(), format!("[settings.wording.en] needs {}", missing.join(", "))));
        }
        Ok(Wording { tables })
    }

    fn entry(&self, lang: Lang, key: &str) -> Option<&Entry> {
        self.tables.get(lang.as_str()).and_then(|t| t.get(key)).or_else(|| self.tables.get("en")?.get(key))
    }

    /// The template `key` in `lang` (or `en`).
    pub fn text(&self, lang: Lang, key: &str) -> &str {
        match self.entry(lang, key) {
            Some(Entry::Text(t)) => t,
            _ => "",
        }
    }

    /// The template `key` in `lang`, filled in.
    pub fn fill(&self, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
        fill_template(self.text(lang, key), values)
    }

    /// The message in `lang`, when the wording has one for it.
    pub fn message(&self, lang: Lang, values: &[(&str, &str)]) -> Option<String> {
        match self.tables.get(lang.as_str())?.get("message")? {
            Entry::Text(t) => Some(fill_template(t, values)),
            Entry::List(_) => None,
        }
    }

    /// The wording of one language, for a kind that words much in it.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_> {
        InLang { wording: self, lang }
    }

    fn item(&self, lang: Lang, list: &str, i: usize) -> &str {
        match self.entry(lang, list) {
            Some(Entry::List(items)) => items.get(i).map_or("?", String::as_str),
            _ => "?",
        }
    }

    /// A month's name (1..=12) in `lang`.
    pub fn month(&self, lang: Lang, month: u32) -> &str {
        self.item(lang, "months", month.wrapping_sub(1) as usize)
    }

    /// A weekday's name in `lang`.
    pub fn weekday(&self, lang: Lang, w: Weekday) -> &str {
        self.item(lang, "weekdays", w.num_days_from_monday() as usize)
    }

    /// A date in `lang`, by the `date` template: "4 July 2023", "4 Juli 2023".
    pub fn date(&self, lang: Lang, d: NaiveDate) -> String {
        self.day_month(lang, d.day(), d.month(), Some(d.year()))
    }

    /// A date the record knows only between `earliest` and `latest`, as precisely as it knows
    /// it: a day by `date`, a month by `month_year`, a year alone, or `between` two days.
    pub fn fuzzy_date(&self, lang: Lang, earliest: NaiveDate, latest: NaiveDate) -> String {
        let (a, b) = (earliest, latest);
        if a == b {
            self.date(lang, a)
        } else if a.year() == b.year() && a.month() == b.month() {
            self.fill(lang, "month_year", &[("month", self.month(lang, a.month())), ("year", &a.year().to_string())])
        } else if a.year() == b.year() && a.month() == 1 && b.month() == 12 {
            a.year().to_string()
        } else {
            self.fill(lang, "between", &[("a", &self.date(lang, a)), ("b", &self.date(lang, b))])
        }
    }

    /// The days from `start` to `end`: whole years as a span of years ("2019–2021"), else as
    /// [`Self::fuzzy_date`] says them.
    pub fn days(&self, lang: Lang, start: NaiveDate, end: NaiveDate) -> String {
        if start.year() != end.year() && start.month() == 1 && end.month() == 12 {
            return format!("{}–{}", start.year(), end.year());
        }
        self.fuzzy_date(lang, start, end)
    }

    /// A day of a month, with its year when there is one, by the `date` template (or the
    /// `day_month` template without a year).
    pub fn day_month(&self, lang: Lang, day: u32, month: u32, year: Option<i32>) -> String {
        let (day, month) = (day.to_string(), self.month(lang, month).to_string());
        match year {
            Some(y) => self.fill(lang, "date", &[("day", &day), ("month", &month), ("year", &y.to_string())]),
            None => self.fill(lang, "day_month", &[("day", &day), ("month", &month)]),
        }
    }
}

/// A rule's wording in one language.
#[derive(Clone, Copy, Debug)]
pub struct InLang<'a> {
    wording: &'a Wording,
    lang: Lang,
}

impl InLang<'_> {
    pub fn text(&self, key: &str) -> &str {
        self.wording.text(self.lang, key)
    }

    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.wording.fill(self.lang, key, values)
    }

    pub fn message(&self, values: &[(&str, &str)]) -> Option<String> {
        self.wording.message(self.lang, values)
    }
}

/// The kind each shipped rule file declares (its top-level `kind = "..."`, read without a
/// parse), with the file's path and text, in path order.
fn shipped_kinds() -> &'static [(&'static str, &'static str, &'static str)] {
    static KINDS: std::sync::OnceLock<Vec<(&'static str, &'static str, &'static str)>> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        crate::builtin::FILES
            .iter()
            .filter(|(p, _)| p.starts_with("rules/"))
            .filter_map(|&(path, text)| {
                let top = text.lines().map(str::trim).take_while(|l| !l.starts_with('['));
                let kind = top.filter_map(|l| l.strip_prefix("kind")?.trim_start().strip_prefix('=')).next()?;
                Some((kind.split('#').next()?.trim().trim_matches(['"', '\'']), path, text))
            })
            .collect()
    })
}

/// The wording tables of shipped rule files read this run, by path (`rules/...`): kept when the
/// rule set parses the files, so that the kinds' inherited wording is not parsed again.
static SHIPPED_FILE_TABLES: std::sync::LazyLock<std::sync::Mutex<BTreeMap<String, Tables>>> =
    std::sync::LazyLock::new(Default::default);

/// Keeps the `[settings.wording]` of the shipped rule file at `path` (`rules/...`), from its
/// `[settings]` as parsed.
pub fn remember_shipped(path: &str, settings: Option<&Spanned<toml::de::DeValue<'_>>>) {
    // A wording that does not read is read the way the kind reads it, when it is wanted.
    if let Some(tables) = parsed_tables(settings) {
        SHIPPED_FILE_TABLES.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), tables);
    }
}

/// The `[settings.wording]` tables of a rule file's `[settings]` as parsed; None when they do
/// not read.
fn parsed_tables(settings: Option<&Spanned<toml::de::DeValue<'_>>>) -> Option<Tables> {
    let wording = match settings.map(|s| s.get_ref()) {
        Some(toml::de::DeValue::Table(t)) => t.get("wording").cloned(),
        _ => None,
    };
    match wording {
        Some(w) => Tables::deserialize(toml::de::ValueDeserializer::from(w)).ok(),
        None => Some(Tables::new()),
    }
}

/// The `[settings.wording]` tables of a shipped rule file, read from its text.
fn file_tables(text: &str) -> Tables {
    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        settings: Option<Settings>,
    }
    #[derive(Deserialize)]
    struct Settings {
        #[serde(default)]
        wording: Tables,
    }
    // The wording alone: the rest of the file (patterns, examples, other settings) is not read
    // again.
    let section = crate::checks::rule::tables_section(text, "settings.wording")
        .unwrap_or_else(|| crate::checks::rule::settings_section(text));
    let file = toml::from_str::<File>(&section).expect("the shipped rules are checked by the test suite");
    file.settings.map(|s| s.wording).unwrap_or_default()
}

/// The wording tables of the shipped rule file at `path`: as kept, or read from the file.
fn shipped_file_tables(path: &str, text: &str) -> Tables {
    if let Some(t) = SHIPPED_FILE_TABLES.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
        return t.clone();
    }
    file_tables(text)
}

/// The wording of the kind's shipped rules, their messages left out: each entry the first rule
/// by path words, read once a run.
fn shipped_tables(entries: Entries) -> Tables {
    static BY_KIND: std::sync::LazyLock<std::sync::Mutex<BTreeMap<&'static str, Tables>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(t) = BY_KIND.lock().unwrap_or_else(|e| e.into_inner()).get(entries.kind) {
        return t.clone();
    }
    let mut merged = Tables::new();
    for (_, path, text) in shipped_kinds().iter().filter(|(kind, _, _)| *kind == entries.kind) {
        for (lang, table) in shipped_file_tables(path, text) {
            let ours = merged.entry(lang).or_default();
            for (key, entry) in table {
                if !entries.optional.contains(&key.get_ref().as_str()) {
                    ours.entry(key).or_insert(entry);
                }
            }
        }
    }
    BY_KIND.lock().unwrap_or_else(|e| e.into_inner()).entry(entries.kind).or_insert(merged).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wording kept from the rule set's parse of a shipped file is the wording read from the
    /// file itself, spans included, whether its examples are read or left out.
    #[test]
    fn kept_wording_is_the_files_wording() {
        let mut worded = 0;
        for (_, path, text) in shipped_kinds().iter().filter(|(kind, _, _)| *kind != "lexicon") {
            let read = file_tables(text);
            for shown in [text.to_string(), crate::checks::rule::without_tables(text, "example").into_owned()] {
                // `[settings]` as the rule set's parse leaves it.
                let doc = toml::de::DeTable::parse(&shown).expect("a shipped rule parses");
                let kept = parsed_tables(doc.get_ref().get("settings")).expect("its wording reads");
                assert_eq!(format!("{kept:?}"), format!("{read:?}"), "{path}");
            }
            worded += usize::from(!read.is_empty());
        }
        assert!(worded >= 5, "{worded} shipped files word their findings");
    }
}
