//! One rule file's spec validated and compiled into a [`Rule`]: id, kind, severity, languages,
//! message values, patterns (expanded for each language), examples and the kind's settings.

use super::examples;
use super::pattern::{check_pattern, macro_skeleton};
use super::spec::RuleSpec;
use crate::checks;
use crate::checks::rule::{tables_lines, CompileCx, FixSafety, Pattern, Rule, SettingsSource, MAX_PATTERN_BYTES};
use crate::lexicon::Lexicons;
use crate::source::LocatedError;
use crate::vocab::{placeholders, Lang, RuleId, Severity};
use toml::de::DeValue;
use toml::Spanned;

/// Shipped rule files are checked by the test suite (`cargo test` compiles every pattern and runs
/// every example), so loading them skips the pattern syntax check that users' files get.
pub(super) fn is_shipped(path: &str) -> bool {
    path.starts_with("builtin:")
}

/// Where `rules explain` reads the rule's `[settings]` from: the embedded file of a shipped
/// rule, else the file's own listing, taken now.
fn settings_source(path: &str, text: &str) -> SettingsSource {
    let shipped = path.strip_prefix("builtin:").and_then(|p| crate::builtin::FILES.iter().find(|(f, _)| *f == p));
    match shipped {
        Some((_, file)) => SettingsSource::Shipped(file),
        None => SettingsSource::Written(tables_lines(text, "settings")),
    }
}

/// Validates a rule spec and compiles it.
/// `settings` is the file's `[settings]` as parsed with the spec.
pub fn compile(
    spec: &RuleSpec,
    settings: Option<&Spanned<DeValue<'_>>>,
    path: &str,
    text: &str,
    lexicons: &Lexicons,
) -> Result<Rule, Vec<LocatedError>> {
    let cx = CompileCx::new(path, text, lexicons, spec.patterns.len(), settings);
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
    let fix = match spec.fix.as_ref().map(|f| f.get_ref().as_str()) {
        None | Some("safe") => FixSafety::Safe,
        Some("unsafe") => FixSafety::Unsafe,
        Some(other) => {
            let at = spec.fix.as_ref().map_or(0, |f| f.span().start);
            errors.push(cx.error(at, format!("fix is \"safe\" or \"unsafe\", not {other:?}")));
            FixSafety::Safe
        }
    };
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
    // The test suite holds the shipped rules to this, and a load for checking leaves their
    // examples unread.
    if !is_shipped(path) {
        if spec.examples.is_empty() {
            errors.push(cx.error(
                spec.id.span().start,
                "a rule needs [[example]]s: at least one text it must flag and one it must leave clean",
            ));
        } else if !spec.examples.iter().any(|e| !e.get_ref().flagged.is_empty()) {
            errors.push(cx.error(
                spec.id.span().start,
                "a rule needs at least one [[example]] with `flagged` (a text it must flag)",
            ));
        } else if !spec.examples.iter().any(|e| e.get_ref().flagged.is_empty()) {
            errors.push(cx.error(
                spec.id.span().start,
                "a rule needs at least one [[example]] without `flagged` (a text it must leave clean)",
            ));
        }
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        id,
        kind: info.name.to_string(),
        severity,
        fix,
        languages,
        message: spec.message.get_ref().clone(),
        summary: spec.summary.as_ref().map(|s| s.get_ref().trim().to_string()).unwrap_or_default(),
        description: spec.description.as_ref().map(|s| s.get_ref().trim().to_string()).unwrap_or_default(),
        patterns,
        pattern_sources,
        settings_source: settings_source(path, text),
        examples,
        origin: path.to_string(),
        check: check.expect("no errors means the check compiled"),
    })
}
