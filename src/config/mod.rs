//! factlint.toml: found upward from each checked path (or given with --config). Paths in it are
//! relative to the folder it is in. Unknown keys are errors, located by line and column.
//!
//! ```toml
//! lang = "id"                       # auto, en or id
//! fail-on = "warning"               # error, warning, info or never
//! knowledge = ["knowledge/newsroom.toml"]
//! rules = ["rules/"]
//! builtin-rules = true
//! select = ["place", "date"]        # rule ids or categories; empty: all
//! ignore = ["style.preferred-term"]
//!
//! [severity]
//! "place.located-in" = "warning"
//!
//! [[override]]                      # settings for some files, by glob
//! files = ["archive/**"]
//! ignore = ["date"]
//! ```

use crate::engine::Settings;
use crate::rules::RuleSet;
use crate::source::LocatedError;
use crate::vocab::{Lang, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Severities, for --fail-on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail because of findings (only because of errors).
    Never,
}

impl FailOn {
    /// The least severity that fails a run; None for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The file name looked for.
pub const FILE_NAME: &str = "factlint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigSpec {
    lang: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    knowledge: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    builtin_rules: Option<bool>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default, rename = "override")]
    overrides: Vec<OverrideSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideSpec {
    files: Vec<Spanned<String>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

/// Per-glob settings.
#[derive(Debug)]
struct Override {
    globs: GlobSet,
    lang: Option<Lang>,
    select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<String, Severity>,
}

/// A rule selector as written, with where it was written, for checking against loaded rules.
#[derive(Debug, Clone)]
struct Selector {
    value: String,
    offset: usize,
}

/// A loaded factlint.toml.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    text: String,
    pub lang: Option<Lang>,
    pub fail_on: Option<FailOn>,
    pub knowledge: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub builtin_rules: bool,
    select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<String, Severity>,
    overrides: Vec<Override>,
    selectors: Vec<Selector>,
    /// Languages the config names, with where, for checking against the loaded lexicons.
    langs: Vec<(Lang, usize)>,
}

/// Looks for factlint.toml in `start` (a folder, or a file's folder) and its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = if start.is_absolute() { start.to_path_buf() } else { std::env::current_dir().ok()?.join(start) };
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn parse_lang(v: &Spanned<String>, path: &str, text: &str) -> Result<Option<Lang>, LocatedError> {
    match v.get_ref().as_str() {
        "auto" => Ok(None),
        s => crate::engine::lang_from_tag(s).map(Some).ok_or_else(|| {
            LocatedError::at(
                path,
                text,
                v.span().start,
                format!("lang is auto or a two-letter code such as en or id, not {s:?}"),
            )
        }),
    }
}

fn parse_severities(
    map: &BTreeMap<String, Spanned<String>>,
    path: &str,
    text: &str,
    selectors: &mut Vec<Selector>,
) -> Result<BTreeMap<String, Severity>, LocatedError> {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let sev = Severity::parse(v.get_ref()).ok_or_else(|| {
            LocatedError::at(
                path,
                text,
                v.span().start,
                format!("a severity is error, warning or info, not {:?}", v.get_ref()),
            )
        })?;
        selectors.push(Selector { value: k.clone(), offset: v.span().start });
        out.insert(k.clone(), sev);
    }
    Ok(out)
}

fn selector_list(list: &[Spanned<String>], selectors: &mut Vec<Selector>) -> Vec<String> {
    list.iter()
        .map(|s| {
            selectors.push(Selector { value: s.get_ref().clone(), offset: s.span().start });
            s.get_ref().clone()
        })
        .collect()
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, LocatedError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LocatedError {
            path: shown.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read config: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Reads and validates a config file's text; `path` is where it was read from (its folder
    /// anchors the paths it names).
    pub fn parse(path: &Path, text: &str) -> Result<Config, LocatedError> {
        let shown = path.display().to_string();
        let spec: ConfigSpec = toml::from_str(text).map_err(|e| crate::rules::toml_error(&shown, text, &e))?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut selectors = Vec::new();
        let lang = match &spec.lang {
            Some(v) => parse_lang(v, &shown, text)?,
            None => None,
        };
        let fail_on = match &spec.fail_on {
            Some(v) => Some(match v.get_ref().as_str() {
                "error" => FailOn::Error,
                "warning" => FailOn::Warning,
                "info" => FailOn::Info,
                "never" => FailOn::Never,
                s => {
                    return Err(LocatedError::at(
                        &shown,
                        text,
                        v.span().start,
                        format!("fail-on is error, warning, info or never, not {s:?}"),
                    ))
                }
            }),
            None => None,
        };
        let resolve = |list: &[Spanned<String>]| list.iter().map(|p| dir.join(p.get_ref())).collect::<Vec<_>>();
        let mut overrides = Vec::new();
        for o in &spec.overrides {
            let mut b = GlobSetBuilder::new();
            for g in &o.files {
                let glob = Glob::new(g.get_ref())
                    .map_err(|e| LocatedError::at(&shown, text, g.span().start, format!("bad glob: {e}")))?;
                b.add(glob);
            }
            let globs = b.build().map_err(|e| LocatedError::at(&shown, text, 0, format!("bad globs: {e}")))?;
            overrides.push(Override {
                globs,
                lang: match &o.lang {
                    Some(v) => parse_lang(v, &shown, text)?,
                    None => None,
                },
                select: selector_list(&o.select, &mut selectors),
                ignore: selector_list(&o.ignore, &mut selectors),
                severity: parse_severities(&o.severity, &shown, text, &mut selectors)?,
            });
        }
        Ok(Config {
            path: path.to_path_buf(),
            lang,
            fail_on,
            knowledge: resolve(&spec.knowledge),
            rules: resolve(&spec.rules),
            builtin_rules: spec.builtin_rules.unwrap_or(true),
            select: selector_list(&spec.select, &mut selectors),
            ignore: selector_list(&spec.ignore, &mut selectors),
            severity: parse_severities(&spec.severity, &shown, text, &mut selectors)?,
            overrides,
            selectors,
            langs: spec
                .lang
                .iter()
                .chain(spec.overrides.iter().filter_map(|o| o.lang.as_ref()))
                .filter_map(|v| crate::engine::lang_from_tag(v.get_ref()).map(|l| (l, v.span().start)))
                .collect(),
            text: text.to_string(),
        })
    }

    /// Checks that every rule id or category the config names exists among the loaded rules.
    pub fn check_selectors(&self, rules: &RuleSet) -> Vec<LocatedError> {
        let shown = self.path.display().to_string();
        self.selectors
            .iter()
            .filter(|s| {
                let shipped = || {
                    crate::rules::shipped_rule_ids()
                        .iter()
                        .any(|id| s.value == *id || id.split('.').next() == Some(s.value.as_str()) || s.value == "all")
                };
                !rules.rules.iter().any(|r| r.id.matches(&s.value)) && !shipped()
            })
            .map(|s| {
                LocatedError::at(
                    &shown,
                    &self.text,
                    s.offset,
                    format!("no rule or category {:?} is loaded (see `factlint rules list`)", s.value),
                )
            })
            .chain(self.langs.iter().filter(|(l, _)| rules.lexicons.get(*l).is_none()).map(|(l, at)| {
                let known: Vec<String> = rules.lexicons.languages().map(|l| l.to_string()).collect();
                LocatedError::at(
                    &shown,
                    &self.text,
                    *at,
                    format!("no rules speak {l}: the languages are {} (or auto)", known.join(", ")),
                )
            }))
            .collect()
    }

    /// The settings for one file: the config's, then matching overrides, on top of `base`
    /// (which carries the command line's; the command line wins for lang).
    pub fn settings_for(&self, base: &Settings, file: &Path) -> Settings {
        let mut s = base.clone();
        if s.lang.is_none() {
            s.lang = self.lang;
        }
        if s.select.is_empty() {
            s.select = self.select.clone();
        }
        s.ignore.extend(self.ignore.iter().cloned());
        for (k, v) in &self.severity {
            s.severity.entry(k.clone()).or_insert(*v);
        }
        let dir = self.path.parent().unwrap_or(Path::new(""));
        let abs = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir().map(|c| c.join(file)).unwrap_or_else(|_| file.to_path_buf())
        };
        let abs_dir = if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            std::env::current_dir().map(|c| c.join(dir)).unwrap_or_else(|_| dir.to_path_buf())
        };
        let rel = abs.strip_prefix(&abs_dir).unwrap_or(file);
        for o in &self.overrides {
            if o.globs.is_match(rel) {
                if base.lang.is_none() && o.lang.is_some() {
                    s.lang = o.lang;
                }
                if !o.select.is_empty() {
                    s.select = o.select.clone();
                }
                s.ignore.extend(o.ignore.iter().cloned());
                for (k, v) in &o.severity {
                    s.severity.insert(k.clone(), *v);
                }
            }
        }
        s
    }
}
