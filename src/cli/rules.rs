//! `factlint rules list|test|explain`.

use super::args::{RulesArgs, RulesCommand};
use super::kb::load_knowledge;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use factlint::rules::{Builtin, RuleSet};
use factlint::source::LocatedError;
use factlint::verify::run_examples;
use std::io::Write;

fn print_errors(errors: &[LocatedError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

fn load(args: &RulesArgs) -> Result<RuleSet, u8> {
    RuleSet::load_with(if args.no_builtin_rules { Builtin::LexiconsOnly } else { Builtin::All }, &args.rules).map_err(
        |e| {
            print_errors(&e);
            EXIT_ERROR
        },
    )
}

pub fn run(cmd: &RulesCommand) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match cmd {
        RulesCommand::Train(a) => super::train::run(a),
        RulesCommand::Kinds => {
            out.write_all(factlint::rules::kinds_table().as_bytes())?;
            Ok(EXIT_CLEAN)
        }
        RulesCommand::List(args) => {
            let set = match load(args) {
                Ok(s) => s,
                Err(code) => return Ok(code),
            };
            let width = set.rules.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
            let kind_width = set.rules.iter().map(|r| r.kind.len()).max().unwrap_or(0).max(14);
            for r in &set.rules {
                let langs = if r.languages.is_empty() {
                    "all".to_string()
                } else {
                    r.languages.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
                };
                writeln!(
                    out,
                    "{:width$}  {:kind_width$}  {:<8} {:<6} {}",
                    r.id.as_str(),
                    r.kind,
                    r.severity.as_str(),
                    langs,
                    r.summary
                )?;
            }
            writeln!(
                out,
                "\n{} rule{}; `factlint rules explain RULE` tells more",
                set.rules.len(),
                if set.rules.len() == 1 { "" } else { "s" }
            )?;
            Ok(EXIT_CLEAN)
        }
        RulesCommand::Explain(a) => {
            let set = match load(&a.common) {
                Ok(s) => s,
                Err(code) => return Ok(code),
            };
            let Some(r) = set.get(&a.rule) else {
                // A category: its rules, one line each.
                let in_category: Vec<_> = set.rules.iter().filter(|r| r.id.category() == a.rule).collect();
                if in_category.is_empty() {
                    writeln!(
                        std::io::stderr(),
                        "error: no rule or category {:?}; `factlint rules list` shows them all",
                        a.rule
                    )?;
                    return Ok(EXIT_ERROR);
                }
                writeln!(out, "The {} rules:\n", a.rule)?;
                let width = in_category.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
                for r in &in_category {
                    writeln!(out, "  {:<width$}  {:<7}  {}", r.id.as_str(), r.severity.to_string(), r.summary)?;
                }
                writeln!(out, "\n`factlint rules explain RULE` explains one of them in full.")?;
                return Ok(EXIT_CLEAN);
            };
            writeln!(out, "{} ({} rule, {})", r.id, r.kind, r.severity)?;
            if !r.summary.is_empty() {
                writeln!(out, "\n{}", r.summary)?;
            }
            if !r.description.is_empty() {
                writeln!(out, "\n{}", r.description)?;
            }
            let langs = if r.languages.is_empty() {
                "all".to_string()
            } else {
                r.languages.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ")
            };
            writeln!(out, "\nLanguages: {langs}\nDefined in: {}\nMessage: {}", r.origin, r.message)?;
            if !r.pattern_sources.is_empty() {
                writeln!(out, "\nPatterns:")?;
                for p in &r.pattern_sources {
                    writeln!(out, "  {p}")?;
                }
            }
            let settings = r.settings_source.lines();
            if !settings.is_empty() {
                writeln!(out, "\nSettings:")?;
                for line in settings.lines() {
                    writeln!(out, "  {line}")?;
                }
            }
            writeln!(out, "\nExamples:")?;
            for ex in &r.examples {
                let what = if ex.flagged.is_empty() {
                    "clean  ".to_string()
                } else {
                    format!("flags {}", ex.flagged.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", "))
                };
                writeln!(out, "  [{}] {what}\n      {}", ex.lang, ex.text.trim().replace('\n', "\n      "))?;
                if let Some(n) = &ex.note {
                    writeln!(out, "      ({n})")?;
                }
                if let Some(k) = &ex.knowledge_path {
                    writeln!(out, "      (knowledge: {k})")?;
                }
            }
            Ok(EXIT_CLEAN)
        }
        RulesCommand::Test(a) => {
            let (builtin, paths) =
                if a.paths.is_empty() { (Builtin::All, vec![]) } else { (Builtin::LexiconsOnly, a.paths.clone()) };
            let set = match RuleSet::load_with(builtin, &paths) {
                Ok(s) => s,
                Err(e) => {
                    print_errors(&e);
                    return Ok(EXIT_ERROR);
                }
            };
            let kb = match load_knowledge(&a.knowledge) {
                Ok(kb) => kb,
                Err(e) => {
                    print_errors(&e);
                    return Ok(EXIT_ERROR);
                }
            };
            let (mut passed, mut failed) = (0, 0);
            for rule in &set.rules {
                let results = run_examples(rule, &set, &kb);
                let bad: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
                passed += results.len() - bad.len();
                failed += bad.len();
                if bad.is_empty() {
                    writeln!(out, "ok      {} ({} examples)", rule.id, results.len())?;
                } else {
                    writeln!(out, "FAILED  {} ({} of {} examples)", rule.id, bad.len(), results.len())?;
                    for r in bad {
                        for m in &r.missing {
                            writeln!(out, "  {}: missing: {m:?} was not flagged", r.location)?;
                        }
                        for n in &r.noisy {
                            let why = if r.expected.contains(n) {
                                "once more than the example's `flagged` lists it"
                            } else {
                                "but the example expects no such finding"
                            };
                            writeln!(out, "  {}: noisy: {n:?} was flagged {why}", r.location)?;
                        }
                    }
                }
            }
            let rules = if set.rules.len() == 1 { "1 rule".to_string() } else { format!("{} rules", set.rules.len()) };
            writeln!(out, "\n{passed} examples passed, {failed} failed, {rules}")?;
            Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_CLEAN })
        }
    }
}
