//! Rules: rule files (TOML, the same format for the shipped rules under rules/ and for users'
//! own), their validation into compiled rules, lexicons, and the examples every rule carries.
//!
//! A rule file is read as a [`spec::RuleSpec`]; [`compile`] checks everything (id, kind,
//! severity, languages, patterns, settings, message variables) and builds a [`Rule`]. Every
//! problem is an error at load time with file, line and column.

pub mod examples;

pub mod spec;

use crate::checks;
use crate::checks::rule::{settings_section, CompileCx, Pattern, Rule, MAX_PATTERN_BYTES};
use crate::lexicon::spec::LexiconSpec;
use crate::lexicon::Lexicons;
use crate::source::LocatedError;
use crate::vocab::{explain_toml_message, placeholders, Lang, RuleId, Severity, CATEGORIES};
use spec::RuleSpec;
use std::path::{Path, PathBuf};

/// Checks an expanded pattern without compiling it to an automaton: its syntax, and the names of
/// its groups.
fn check_pattern(source: &str) -> Result<Vec<String>, String> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(source).map_err(|e| e.to_string())?;
    let mut names = Vec::new();
    collect_group_names(&hir, &mut names);
    Ok(names)
}

/// A pattern with each `{macro}` replaced by a short group, so that syntax errors are shown in the
/// pattern as its author wrote it.
fn macro_skeleton(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut last = 0;
    for (range, _) in crate::lexicon::macros(pattern) {
        out.push_str(&pattern[last..range.start]);
        out.push_str("(?:m)");
        last = range.end;
    }
    out.push_str(&pattern[last..]);
    out
}

fn collect_group_names(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(n) = &c.name {
                out.push(n.to_string());
            }
            collect_group_names(&c.sub, out);
        }
        HirKind::Repetition(r) => collect_group_names(&r.sub, out),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().for_each(|h| collect_group_names(h, out)),
        _ => {}
    }
}

/// The rules and lexicons of a run.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicons: Lexicons,
    /// Languages whose patterns [`RuleSet::warm_up`] has started compiling.
    warming: std::sync::Mutex<Vec<Lang>>,
}

/// How much of the shipped rule set a load includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// Shipped rules and lexicons.
    All,
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

/// True when a TOML file says `kind = "lexicon"` at its top level. A line scan, not a parse:
/// every file is parsed once, as what it says it is, and a file that is neither gets the rule
/// parser's located errors.
/// The shipped files `builtin` asks for: all, the lexicons only, or none.
fn builtin_files(builtin: Builtin) -> Vec<RuleFile> {
    crate::builtin::FILES
        .iter()
        .filter(|(_, text)| builtin == Builtin::All || (builtin == Builtin::LexiconsOnly && declares_lexicon(text)))
        .map(|(path, text)| RuleFile { shown: format!("builtin:{path}"), text: text.to_string() })
        .collect()
}

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
        let mut rule_files = Vec::new();
        for f in &files {
            if declares_knowledge(&f.text) {
                // A knowledge file kept beside the rules for their examples.
                continue;
            }
            if declares_lexicon(&f.text) {
                match toml::from_str::<LexiconSpec>(&f.text) {
                    Ok(spec) => {
                        if let Err(e) = set.lexicons.add(&spec, &f.shown, &f.text) {
                            errors.push(e);
                        }
                    }
                    Err(e) => errors.push(toml_error(&f.shown, &f.text, &e)),
                }
            } else {
                rule_files.push(f);
            }
        }
        // Rule files read and compile independently: on all cores.
        use rayon::prelude::*;
        let lexicons = &set.lexicons;
        let compiled: Vec<(&RuleFile, Result<(Rule, usize), Vec<LocatedError>>)> = rule_files
            .par_iter()
            .map(|f| {
                let result = match toml::from_str::<RuleSpec>(&f.text) {
                    Ok(spec) => compile(&spec, &f.shown, &f.text, lexicons).map(|rule| (rule, spec.id.span().start)),
                    Err(e) => Err(vec![toml_error(&f.shown, &f.text, &e)]),
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

    /// Starts compiling the patterns of `lang` on a thread of its own, once per language, and
    /// returns at once. Checking takes the rules first to last and compiles a pattern when it
    /// first needs it; this thread takes them last to first, passing over patterns compiled or
    /// being compiled, so the first document of a language has its patterns compiled on two
    /// cores instead of one. A pattern is compiled once either way.
    pub fn warm_up(&self, lang: Lang) {
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
            // Without a thread the patterns are compiled when needed, as always.
            let _ = std::thread::Builder::new().name("factlint-warm-up".into()).spawn(move || {
                for job in jobs {
                    job();
                }
                for p in pending {
                    p.compile_unless_claimed();
                }
            });
        }
    }
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

/// Shipped rule files are checked by the test suite (`cargo test` compiles every pattern and runs
/// every example), so loading them skips the pattern syntax check that users' files get.
fn is_shipped(path: &str) -> bool {
    path.starts_with("builtin:")
}

/// Validates a rule spec and compiles it.
pub fn compile(spec: &RuleSpec, path: &str, text: &str, lexicons: &Lexicons) -> Result<Rule, Vec<LocatedError>> {
    let cx = CompileCx::new(path, text, lexicons, spec.patterns.len());
    let mut errors = Vec::new();
    let id = RuleId::parse(spec.id.get_ref()).map_err(|m| vec![cx.error(spec.id.span().start, m)])?;
    let Some(info) = checks::kind_info(spec.kind.get_ref()) else {
        return Err(vec![cx.error(
            spec.kind.span().start,
            format!(
                "unknown rule kind {:?}: use one of {}",
                spec.kind.get_ref(),
                checks::KINDS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
            ),
        )]);
    };
    let severity = Severity::parse(spec.severity.get_ref()).unwrap_or_else(|| {
        errors.push(cx.error(
            spec.severity.span().start,
            format!("severity is error, warning or info, not {:?}", spec.severity.get_ref()),
        ));
        Severity::Error
    });
    let mut languages = Vec::new();
    for l in &spec.languages {
        match Lang::parse(l.get_ref()) {
            Some(lang) => languages.push(lang),
            None => errors.push(cx.error(
                l.span().start,
                format!("a language is a two-letter lower-case code such as \"en\" or \"id\", not {:?}", l.get_ref()),
            )),
        }
    }
    // Message variables must be ones the kind provides.
    for (_, name) in placeholders(spec.message.get_ref()) {
        if !info.message_values.contains(&name) {
            errors.push(cx.error(
                spec.message.span().start,
                format!(
                    "the message uses {{{name}}}, which a {} rule does not provide; it provides {}",
                    info.name,
                    info.message_values.iter().map(|v| format!("{{{v}}}")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }

    // Patterns: one compiled regex per language they apply to.
    let mut patterns = Vec::new();
    let mut pattern_sources = Vec::new();
    if info.needs_patterns && spec.patterns.is_empty() {
        errors.push(cx.error(spec.kind.span().start, format!("a {} rule needs at least one [[pattern]]", info.name)));
    }
    for p in &spec.patterns {
        let p = p.get_ref();
        let langs: Vec<Lang> = match &p.lang {
            Some(l) => match Lang::parse(l.get_ref()) {
                Some(lang) if languages.is_empty() || languages.contains(&lang) => vec![lang],
                Some(lang) => {
                    errors.push(
                        cx.error(l.span().start, format!("pattern language {lang} is not among the rule's languages")),
                    );
                    continue;
                }
                None => {
                    errors.push(cx.error(l.span().start, "a language is a two-letter lower-case code".to_string()));
                    continue;
                }
            },
            None if languages.is_empty() => lexicons.languages().collect(),
            None => languages.clone(),
        };
        // With no lexicon loaded a pattern for every language applies to none; it must still
        // compile, so check it as English.
        let (langs, validate_only) = if langs.is_empty() { (vec![Lang::EN], true) } else { (langs, false) };
        // A pattern this long would only fail the size limits after costly parsing.
        if !is_shipped(path) && p.regex.get_ref().len() > MAX_PATTERN_BYTES {
            errors.push(cx.error(
                p.regex.span().start,
                format!(
                    "pattern is longer than {} KiB: list the words as `terms` instead, which are matched as one phrase set of any size",
                    MAX_PATTERN_BYTES >> 10
                ),
            ));
            continue;
        }
        pattern_sources.push(p.regex.get_ref().clone());
        for lang in langs {
            // The value's span includes its quotes; offsets inside point one byte later.
            let at = p.regex.span().start + 1;
            let expanded = match crate::lexicon::expand(p.regex.get_ref(), lang, lexicons) {
                Ok(e) => e,
                Err((off, m)) => {
                    errors.push(cx.error(at + off, m));
                    continue;
                }
            };
            let expanded = crate::lexicon::ascii_word_boundaries(&expanded);
            if is_shipped(path) {
                if !validate_only {
                    patterns.push(Pattern::new(lang, expanded));
                }
                continue;
            }
            let names = match check_pattern(&expanded) {
                Ok(n) => n,
                Err(e) => {
                    // Report the error in the pattern as written, not in its expansion, and once
                    // per pattern rather than once per language.
                    let message = match check_pattern(&macro_skeleton(p.regex.get_ref())) {
                        Err(written) => format!("pattern does not compile: {written}"),
                        Ok(_) => format!("pattern does not compile once its macros are expanded ({lang}): {e}"),
                    };
                    let e = cx.error(p.regex.span().start, message);
                    if !errors.contains(&e) {
                        errors.push(e);
                    }
                    continue;
                }
            };
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            for g in info.required_groups {
                if !names.contains(g) {
                    errors.push(cx.error(
                        p.regex.span().start,
                        format!("a {} pattern needs a named group (?P<{g}>...)", info.name),
                    ));
                }
            }
            for n in &names {
                if !info.required_groups.contains(n) && !info.optional_groups.contains(n) {
                    let allowed: Vec<_> =
                        info.required_groups.iter().chain(info.optional_groups).map(|g| format!("<{g}>")).collect();
                    errors.push(cx.error(
                        p.regex.span().start,
                        format!("group <{n}> means nothing to a {} rule; it reads {}", info.name, allowed.join(", ")),
                    ));
                }
            }
            if let Some(m) = (info.groups_problem)(&names) {
                let e = cx.error(p.regex.span().start, m);
                // Once per pattern, not once per language it compiles for.
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
            // A user's pattern is compiled now, under the size limits: a pattern too big to
            // compile is the rule's error, never a failure on the first document.
            let pattern = Pattern::new(lang, expanded);
            {
                match pattern.compile_now() {
                    Ok(()) => {}
                    Err(e) => {
                        let message = match e {
                            regex::Error::CompiledTooBig(limit) => format!(
                                "pattern is too big to compile (over {} MiB once compiled): list the words as `terms` instead, which are matched as one phrase set of any size",
                                limit >> 20
                            ),
                            other => format!("pattern does not compile: {other}"),
                        };
                        let e = cx.error(p.regex.span().start, message);
                        if !errors.contains(&e) {
                            errors.push(e);
                        }
                        continue;
                    }
                }
            }
            if !validate_only {
                patterns.push(pattern);
            }
        }
    }

    let check = match (info.compile)(spec.settings.as_ref(), &cx) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(e);
            None
        }
    };

    let mut examples = Vec::new();
    let mut knowledge_cache = std::collections::HashMap::new();
    for ex in &spec.examples {
        match examples::compile_example(ex, &languages, &cx, &mut knowledge_cache) {
            Ok(e) => examples.push(e),
            Err(e) => errors.push(e),
        }
    }
    if spec.examples.is_empty() {
        errors.push(cx.error(
            spec.id.span().start,
            "a rule needs [[example]]s: at least one text it must flag and one it must leave clean",
        ));
    } else if !spec.examples.iter().any(|e| !e.get_ref().flagged.is_empty()) {
        errors.push(
            cx.error(
                spec.id.span().start,
                "a rule needs at least one [[example]] with `flagged` (a text it must flag)",
            ),
        );
    } else if !spec.examples.iter().any(|e| e.get_ref().flagged.is_empty()) {
        errors.push(cx.error(
            spec.id.span().start,
            "a rule needs at least one [[example]] without `flagged` (a text it must leave clean)",
        ));
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        id,
        kind: info.name.to_string(),
        severity,
        languages,
        message: spec.message.get_ref().clone(),
        summary: spec.summary.as_ref().map(|s| s.get_ref().trim().to_string()).unwrap_or_default(),
        description: spec.description.as_ref().map(|s| s.get_ref().trim().to_string()).unwrap_or_default(),
        patterns,
        pattern_sources,
        settings_source: match settings_section(text) {
            std::borrow::Cow::Owned(section) => {
                section.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
            }
            std::borrow::Cow::Borrowed(_) => String::new(),
        },
        examples,
        origin: path.to_string(),
        check: check.expect("no errors means the check compiled"),
    })
}
