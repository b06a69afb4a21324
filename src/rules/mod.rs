//! The rules loader: rule files (TOML, the same format for the shipped rules under rules/ and
//! for users' own) and lexicon files, read into a [`RuleSet`].
//!
//! A rule file is read as a [`spec::RuleSpec`]; [`compile`] checks everything (id, kind,
//! severity, languages, patterns, settings, message variables) and builds a [`Rule`] through its
//! kind's entry in [`crate::checks::KINDS`]; [`examples`] reads the examples every rule
//! carries. Every problem is an error at load time with file, line and column.

mod compile;
pub mod examples;
mod pattern;

pub mod spec;

/// A compiled rule, as a rule set holds it.
pub use crate::checks::rule::Rule;
/// The rule kinds a rule file may name, and the README table generated from them.
pub use crate::checks::{kinds_table, KINDS};
pub use compile::compile;
use compile::is_shipped;

/// A compiled rule's pattern for one language.
pub use crate::checks::rule::Pattern;
use crate::lexicon::spec::LexiconSpec;
use crate::lexicon::Lexicons;
use crate::source::LocatedError;
use crate::vocab::{explain_toml_message, Lang, CATEGORIES};
use spec::{read_rule, ReadRule};
use std::path::{Path, PathBuf};

/// The rules and lexicons of a run.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicons: Lexicons,
    /// Languages whose patterns [`RuleSet::warm_up`] has started compiling.
    warming: std::sync::Mutex<Vec<Lang>>,
}

/// How much of a language's first text the warm-up thread reads for the patterns it triggers.
const WARM_UP_TEXT: usize = 64 << 10;

/// How much of the shipped rule set a load includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// Shipped rules and lexicons.
    All,
    /// Shipped rules and lexicons, the rules' examples left unread: what checking a document
    /// needs. (The test suite runs every shipped example; `rules test` and `rules explain` load
    /// them.)
    Checking,
    /// Shipped lexicons only (for testing a user's rules, which may use their macros).
    LexiconsOnly,
    None,
}

/// The ids of the shipped rules, read from their files without compiling them: a config that
/// names one stays valid in a run that leaves the shipped rules out (`--no-builtin-rules`).
pub fn shipped_rule_ids() -> Vec<&'static str> {
    crate::builtin::FILES
        .iter()
        .filter(|(_, text)| !declares_lexicon(text) && !declares_knowledge(text))
        .filter_map(|(_, text)| {
            let line = text.lines().find(|l| l.trim_start().starts_with("id ") || l.trim_start().starts_with("id="))?;
            let value = line.split_once('=')?.1.trim();
            Some(value.trim_matches(['"', '\'']))
        })
        .collect()
}

/// The shipped files `builtin` asks for: all, the lexicons only, or none.
fn builtin_files(builtin: Builtin) -> Vec<RuleFile> {
    crate::builtin::FILES
        .iter()
        .filter(|(_, text)| match builtin {
            Builtin::All | Builtin::Checking => true,
            Builtin::LexiconsOnly => declares_lexicon(text),
            Builtin::None => false,
        })
        .map(|(path, text)| {
            let text = match builtin {
                Builtin::Checking => crate::checks::rule::without_tables(text, "example").into_owned(),
                _ => text.to_string(),
            };
            RuleFile { shown: format!("builtin:{path}"), text }
        })
        .collect()
}

/// True when a TOML file says `kind = "lexicon"` at its top level. A line scan, not a parse:
/// every file is parsed once, as what it says it is, and a file that is neither gets the rule
/// parser's located errors.
fn declares_lexicon(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return false;
        }
        if let Some(rest) = line.strip_prefix("kind") {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix('=') {
                let v = value.trim().trim_end_matches(|c: char| c == '#' || c.is_whitespace());
                return v.starts_with("\"lexicon\"") || v.starts_with("'lexicon'");
            }
        }
    }
    false
}

/// True when a TOML file reads as a knowledge file: no top-level `id` or `kind`, and its first
/// table is one of the knowledge file's (`[about]`, `[[place]]`, `[[person]]`, ...).
fn declares_knowledge(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            let name = line.trim_start_matches('[').split(']').next().unwrap_or("").trim();
            return matches!(name, "about" | "place" | "person" | "office" | "tenure" | "fact");
        }
        let key = line.split('=').next().unwrap_or("").trim();
        if key == "id" || key == "kind" {
            return false;
        }
    }
    false
}

/// A file under a rules path, read.
struct RuleFile {
    shown: String,
    text: String,
}

impl RuleSet {
    /// Loads rule and lexicon files: the built-in ones (unless `builtin` is false), then every
    /// `*.toml` under `paths` (files, or folders walked in name order). Lexicons load first so
    /// rules can use their macros. All errors are returned together.
    pub fn load(builtin: bool, paths: &[PathBuf]) -> Result<RuleSet, Vec<LocatedError>> {
        Self::load_with(if builtin { Builtin::All } else { Builtin::None }, paths)
    }

    /// Like [`RuleSet::load`], choosing how much of the shipped set to include.
    pub fn load_with(builtin: Builtin, paths: &[PathBuf]) -> Result<RuleSet, Vec<LocatedError>> {
        let mut files = builtin_files(builtin);
        let mut errors = Vec::new();
        for p in paths {
            match collect_toml(p) {
                Ok(found) => {
                    for f in found {
                        match std::fs::read_to_string(&f) {
                            Ok(text) => files.push(RuleFile { shown: f.display().to_string(), text }),
                            Err(e) => errors.push(LocatedError {
                                path: f.display().to_string(),
                                line: 1,
                                column: 1,
                                message: format!("cannot read rule file: {e}"),
                            }),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        RuleSet::from_files(files, errors)
    }

    /// Loads rules from texts already read, each with the path it is shown by, on top of
    /// what `builtin` asks for: what a rule file is, read the one way files are.
    pub fn load_texts(builtin: Builtin, texts: Vec<(String, String)>) -> Result<RuleSet, Vec<LocatedError>> {
        let mut files = builtin_files(builtin);
        files.extend(texts.into_iter().map(|(shown, text)| RuleFile { shown, text }));
        RuleSet::from_files(files, Vec::new())
    }

    fn from_files(files: Vec<RuleFile>, mut errors: Vec<LocatedError>) -> Result<RuleSet, Vec<LocatedError>> {
        let mut set = RuleSet::default();
        // Every file is read (parsed) on all cores, lexicons and rules at once; then the
        // lexicons are added, and the rules, which use their macros, compiled.
        use rayon::prelude::*;
        enum Parsed<'f> {
            Lexicon(Result<LexiconSpec, toml::de::Error>),
            Rule(Result<ReadRule<'f>, toml::de::Error>),
        }
        let parsed: Vec<(&RuleFile, Parsed<'_>)> = files
            .par_iter()
            // A knowledge file kept beside the rules for their examples is not one to read.
            .filter(|f| !declares_knowledge(&f.text))
            .map(|f| {
                let p = if declares_lexicon(&f.text) {
                    Parsed::Lexicon(toml::from_str::<LexiconSpec>(&f.text))
                } else {
                    Parsed::Rule(read_rule(&f.text))
                };
                (f, p)
            })
            .collect();
        let mut rule_specs = Vec::new();
        for (f, p) in parsed {
            match p {
                Parsed::Lexicon(Ok(spec)) => {
                    if let Err(e) = set.lexicons.add(&spec, &f.shown, &f.text) {
                        errors.push(e);
                    }
                }
                Parsed::Lexicon(Err(e)) => errors.push(toml_error(&f.shown, &f.text, &e)),
                Parsed::Rule(spec) => rule_specs.push((f, spec)),
            }
        }
        // The shipped files' wording, which rules of their kinds inherit, as parsed here.
        for (f, spec) in &rule_specs {
            if let (Some(path), Ok(read)) = (f.shown.strip_prefix("builtin:"), spec) {
                crate::checks::wording::remember_shipped(path, read.settings.as_ref());
            }
        }
        let lexicons = &set.lexicons;
        let compiled: Vec<(&RuleFile, Result<(Rule, usize), Vec<LocatedError>>)> = rule_specs
            .par_iter()
            .map(|(f, spec)| {
                let result = match spec {
                    Ok(read) => compile(&read.spec, read.settings.as_ref(), &f.shown, &f.text, lexicons)
                        .map(|rule| (rule, read.spec.id.span().start)),
                    Err(e) => Err(vec![toml_error(&f.shown, &f.text, e)]),
                };
                (*f, result)
            })
            .collect();
        for (f, result) in compiled {
            match result {
                Ok((rule, id_at)) => {
                    let prev = set.rules.iter().position(|r| r.id == rule.id);
                    if let Some(i) = prev.filter(|&i| is_shipped(&set.rules[i].origin) && !is_shipped(&rule.origin)) {
                        // A user's rule with a shipped rule's id replaces it: copy, edit, point
                        // --rules at the copy.
                        set.rules[i] = rule;
                    } else if let Some(prev) = prev.map(|i| &set.rules[i]) {
                        errors.push(LocatedError::at(
                            &f.shown,
                            &f.text,
                            id_at,
                            format!("rule {} is already defined in {}", rule.id, prev.origin),
                        ));
                    } else {
                        set.rules.push(rule);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    /// Starts compiling the patterns of `lang` that `text` triggers on a thread of its own, once
    /// per language, and returns at once. Checking takes the rules first to last and compiles a
    /// pattern when it first needs it; this thread takes them last to first, passing over
    /// patterns compiled or being compiled, so the first document of a language has its patterns
    /// compiled on two cores instead of one. A pattern is compiled once either way.
    pub fn warm_up(&self, lang: Lang, text: &str) {
        // Nothing to read, nothing to warm: the next text of the language starts the thread.
        if text.trim().is_empty() {
            return;
        }
        {
            let mut warming = self.warming.lock().unwrap_or_else(|e| e.into_inner());
            if warming.contains(&lang) {
                return;
            }
            warming.push(lang);
        }
        let mut pending: Vec<Pattern> = Vec::new();
        for rule in self.rules.iter().rev().filter(|r| r.runs_on(lang)) {
            for p in rule.patterns.iter().rev().filter(|p| p.lang == lang) {
                if !p.is_compiled() && !pending.iter().any(|q| q.shares_regex(p)) {
                    pending.push(p.clone());
                }
            }
        }
        // Models first: the patterns the first document needs are compiled by its own thread.
        let jobs: Vec<Box<dyn FnOnce() + Send>> =
            self.rules.iter().filter(|r| r.runs_on(lang)).filter_map(|r| r.check.warm_up()).collect();
        if pending.len() > 1 || !jobs.is_empty() {
            // The patterns the start of the text triggers: the thread reads the triggers too, on
            // its own core.
            let mut end = text.len().min(WARM_UP_TEXT);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let text = text[..end].to_string();
            // Without a thread the patterns are compiled when needed, as always.
            let _ = std::thread::Builder::new().name("factlint-warm-up".into()).spawn(move || {
                for job in jobs {
                    job();
                }
                let found = crate::checks::trigger::Found::default();
                for p in pending.into_iter().filter(|p| p.may_match_found(&text, &found)) {
                    p.compile_unless_claimed();
                }
            });
        }
    }
}

/// The trigger table of a rule set's patterns, as `rules/triggers.tsv` holds it for the shipped
/// rules: each pattern's trigger literals read from its syntax.
pub fn triggers_table(set: &RuleSet) -> String {
    crate::checks::trigger::table(set.rules.iter().flat_map(|r| r.patterns.iter().map(|p| p.source())))
}

/// The automata of a rule set's patterns, as `rules/patterns.dfa` holds them for the shipped
/// rules: a DFA for each pattern that says whether it matches at all.
pub fn pattern_automata(set: &RuleSet) -> Vec<u8> {
    crate::checks::trigger::automata(set.rules.iter().flat_map(|r| r.patterns.iter().map(|p| p.source())))
}

/// A rule path's TOML files: the file itself, or a folder's `*.toml` files walked in name order.
fn collect_toml(path: &Path) -> Result<Vec<PathBuf>, LocatedError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LocatedError {
        path: shown.clone(),
        line: 1,
        column: 1,
        message: format!("cannot read rules path: {e}"),
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(path).sort_by_file_name(|a, b| a.cmp(b)).build() {
        let entry = entry.map_err(|e| LocatedError {
            path: shown.clone(),
            line: 1,
            column: 1,
            message: format!("cannot walk rules folder: {e}"),
        })?;
        if entry.file_type().is_some_and(|t| t.is_file()) && entry.path().extension().is_some_and(|e| e == "toml") {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// A TOML syntax or shape error, located.
pub fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> LocatedError {
    LocatedError::at(path, text, e.span().map_or(0, |s| s.start), explain_toml_message(e.message()))
}
