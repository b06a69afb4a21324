//! `factlint check`: resolve inputs and configuration, check files in parallel, render one
//! report, and turn it into an exit code.

use super::args::{CheckArgs, ColorChoice, LangArg, OutputFormat};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use factlint::baseline::Baseline;
use factlint::config::FailOn;
use factlint::config::{self, Config};
use factlint::diagnostic::RuleDescriptor;
use factlint::engine::{Engine, Settings};
use factlint::knowledge::Knowledge;
use factlint::markup::Format;
use factlint::render::{self, FileResult, InputError, Report};
use factlint::rules::{Builtin, RuleSet};
use factlint::source::{LocatedError, SourceFile, MAX_FILE_BYTES};
use factlint::vocab::plural;
use factlint::vocab::Lang;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Extensions a folder walk checks; a file named on the command line is checked whatever it is.
const PROSE_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml"];

/// One input to check.
#[derive(Debug, Clone)]
pub(super) enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub(super) fn shown(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Runs with at least this many inputs show a progress bar (on a terminal, outside CI).
const PROGRESS_MIN_FILES: usize = 50;

/// Rules and knowledge for one configuration.
pub(super) struct Setup {
    pub rules: RuleSet,
    pub knowledge: Knowledge,
    pub config: Option<Config>,
}

pub(super) fn print_located(errors: &[LocatedError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

pub(super) fn build_setup(args: &CheckArgs, config_path: Option<&Path>) -> Result<Setup, Vec<LocatedError>> {
    let config = match config_path {
        Some(p) => Some(Config::load(p).map_err(|e| vec![e])?),
        None => None,
    };
    let builtin = !args.no_builtin_rules && config.as_ref().is_none_or(|c| c.builtin_rules);
    let mut rule_paths: Vec<PathBuf> = config.as_ref().map(|c| c.rules.clone()).unwrap_or_default();
    rule_paths.extend(args.rules.iter().cloned());
    // Without the shipped rules the shipped lexicons stay: a user's rules use their macros
    // ({month}, {weekday}) and the place-claim words.
    let rules = RuleSet::load_with(if builtin { Builtin::Checking } else { Builtin::LexiconsOnly }, &rule_paths)?;
    let mut errors = Vec::new();
    if let Some(c) = &config {
        errors.extend(c.check_selectors(&rules));
    }
    for s in args.select.iter().chain(&args.ignore) {
        if !rules.rules.iter().any(|r| r.id.matches(s)) {
            errors.push(LocatedError {
                path: "command line".into(),
                line: 1,
                column: 1,
                message: format!("no rule or category {s:?} is loaded (see `factlint rules list`)"),
            });
        }
    }
    let mut knowledge = Knowledge::builtin();
    let files: Vec<PathBuf> = config
        .as_ref()
        .map(|c| c.knowledge.clone())
        .unwrap_or_default()
        .into_iter()
        .chain(args.knowledge.iter().cloned())
        .collect();
    for f in &files {
        if let Err(mut e) = knowledge.load_file(f) {
            errors.append(&mut e);
        }
    }
    if errors.is_empty() {
        Ok(Setup { rules, knowledge, config })
    } else {
        Err(errors)
    }
}

/// Expands command-line paths into files: folders are walked (.gitignore and hidden files
/// respected) for prose files; a path that does not exist is an input error.
pub(super) fn expand_inputs(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(InputError {
                path: p.display().to_string(),
                message: format!("cannot read: {}", io_message(&e)),
                checked: false,
            }),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                for entry in ignore::WalkBuilder::new(p).require_git(false).build() {
                    match entry {
                        Ok(e) => {
                            let is_prose = e
                                .path()
                                .extension()
                                .and_then(|x| x.to_str())
                                .is_some_and(|x| PROSE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
                            if e.file_type().is_some_and(|t| t.is_file()) && is_prose {
                                files.push(e.into_path());
                            }
                        }
                        Err(e) => errors.push(InputError {
                            path: p.display().to_string(),
                            message: format!("cannot walk: {e}"),
                            checked: false,
                        }),
                    }
                }
                files.sort();
                out.extend(files.into_iter().map(Input::File));
            }
            Ok(_) => out.push(Input::File(p.clone())),
        }
    }
    out
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads an input as UTF-8 text, or says why it cannot be checked.
pub(super) fn read_input(input: &Input) -> Result<String, String> {
    let bytes = match input {
        Input::Stdin => {
            // Read one byte past the limit at most: a huge stdin is refused, not held.
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            buf
        }
        Input::File(p) => {
            let meta = std::fs::metadata(p).map_err(|e| format!("cannot read: {}", io_message(&e)))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(format!(
                    "file is {} MiB, larger than the {} MiB factlint checks; split it",
                    meta.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ));
            }
            std::fs::read(p).map_err(|e| format!("cannot read: {}", io_message(&e)))?
        }
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("input is larger than the {} MiB factlint checks", MAX_FILE_BYTES >> 20));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary file (it contains NUL bytes); not checked".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); convert it to UTF-8 to check it",
            e.utf8_error().valid_up_to()
        )
    })
}

pub(super) fn format_of(input: &Input, stdin_filename: Option<&Path>) -> Format {
    match input {
        Input::File(p) => Format::from_path(p),
        Input::Stdin => stdin_filename.map(Format::from_path).unwrap_or(Format::Plain),
    }
}

/// The settings the command line asks for, or a message saying why they are wrong.
pub(super) fn base_settings(args: &CheckArgs) -> Result<Settings, String> {
    let date = match &args.date {
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => return Err(format!("--date must be YYYY-MM-DD (a real date), not {d:?}")),
        },
        None => None,
    };
    Ok(Settings {
        lang: match args.lang {
            Some(LangArg::En) => Some(Lang::EN),
            Some(LangArg::Id) => Some(Lang::ID),
            Some(LangArg::Auto) | None => None,
        },
        date,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity: BTreeMap::new(),
        claims: false,
    })
}

/// A progress bar on stderr, only where a person watches it: stderr is a terminal, CI is not
/// set, and the run is long enough to need one.
fn progress_bar(args: &CheckArgs, inputs: usize) -> Option<indicatif::ProgressBar> {
    let wanted = !args.no_progress
        && inputs >= PROGRESS_MIN_FILES
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none();
    if !wanted {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(inputs as u64), indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{elapsed:>4} [{bar:40}] {pos}/{len} files, {eta} left")
        .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    Some(bar)
}

/// `factlint check`
pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    if args.stream {
        return super::stream::run(args);
    }
    let base = match base_settings(args) {
        // The JSON report counts the claims of each file by verdict; the HTML report marks them.
        Ok(b) => Settings { claims: matches!(args.format, OutputFormat::Json | OutputFormat::Html), ..b },
        Err(message) => {
            writeln!(std::io::stderr(), "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let cwd = std::env::current_dir()?;
    // Read the baseline before checking anything: a bad one stops the run.
    let baseline = match (&args.baseline, args.write_baseline) {
        (Some(file), false) => match Baseline::load(file, &cwd) {
            Ok(b) => Some(b),
            Err(message) => {
                writeln!(std::io::stderr(), "error: {message}")?;
                return Ok(EXIT_ERROR);
            }
        },
        _ => None,
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        writeln!(std::io::stderr(), "error: `-` (stdin) may be given once")?;
        return Ok(EXIT_ERROR);
    }
    if args.fix && paths.iter().any(|p| p.as_os_str() == "-") {
        writeln!(
            std::io::stderr(),
            "error: --fix writes files, and stdin (`-`) is not one: use --diff to see the fixes"
        )?;
        return Ok(EXIT_ERROR);
    }
    if args.claims && args.format != OutputFormat::Json {
        writeln!(
            std::io::stderr(),
            "error: --claims lists the claims in the JSON report: add --format json, or run `factlint claims`"
        )?;
        return Ok(EXIT_ERROR);
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        writeln!(std::io::stderr(), "error: --unsafe-fixes goes with --fix or --diff")?;
        return Ok(EXIT_ERROR);
    }
    let mut input_errors = Vec::new();
    let inputs = expand_inputs(&paths, &mut input_errors);
    let no_input = inputs.is_empty() && input_errors.is_empty();

    // Group inputs by the config that applies to them.
    let mut groups: BTreeMap<Option<PathBuf>, Vec<Input>> = BTreeMap::new();
    for input in inputs {
        let config = if args.no_config {
            None
        } else if let Some(c) = &args.config {
            Some(c.clone())
        } else {
            match &input {
                Input::File(p) => config::discover(p),
                Input::Stdin => config::discover(
                    &args
                        .stdin_filename
                        .as_ref()
                        .and_then(|f| f.parent().map(Path::to_path_buf))
                        .unwrap_or_else(|| PathBuf::from(".")),
                ),
            }
        };
        groups.entry(config).or_default().push(input);
    }
    if groups.is_empty() && !args.no_config {
        // Nothing to check; still validate the explicit config and rules so mistakes surface.
        groups.insert(args.config.clone(), Vec::new());
    }

    let mut report = Report { errors: input_errors, list_claims: args.claims, ..Report::default() };
    let mut fixes: Vec<(String, Fixed)> = Vec::new();
    let mut fail_on = args.fail_on;
    let mut setup_failed = false;
    let progress = progress_bar(args, groups.values().map(Vec::len).sum());
    let group_count = groups.len();
    for (group, (config_path, inputs)) in groups.into_iter().enumerate() {
        let setup = match build_setup(args, config_path.as_deref()) {
            Ok(s) => s,
            Err(errors) => {
                print_located(&errors);
                setup_failed = true;
                continue;
            }
        };
        if fail_on.is_none() {
            fail_on = setup.config.as_ref().and_then(|c| c.fail_on);
        }
        report.rules.extend(setup.rules.rules.iter().filter(|r| base.enabled(r)).map(RuleDescriptor::of));
        let engine = Engine { rules: &setup.rules, knowledge: &setup.knowledge };
        let results: Vec<Result<Checked, InputError>> = inputs
            .par_iter()
            .map(|input| {
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                let shown = input.shown();
                let text =
                    read_input(input).map_err(|message| InputError { path: shown.clone(), message, checked: false })?;
                let source = Arc::new(SourceFile::new(shown.clone(), text));
                let file_path = match input {
                    Input::File(p) => p.clone(),
                    Input::Stdin => args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-")),
                };
                let settings = match &setup.config {
                    Some(c) => c.settings_for(&base, &file_path),
                    None => base.clone(),
                };
                let format = format_of(input, args.stdin_filename.as_deref());
                // A bug in one check must not lose the other files' results.
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    engine.check_file(&source, format, &settings)
                }))
                .map_err(|_| InputError {
                    path: shown.clone(),
                    message:
                        "internal error while checking this file (a bug in factlint; please report it with the file)"
                            .to_string(),
                    checked: false,
                })?;
                let mut problems = checked
                    .front_matter_problems
                    .into_iter()
                    .map(|message| InputError { path: shown.clone(), message, checked: true })
                    .collect::<Vec<_>>();
                let claims = settings.claims.then_some(checked.claims);
                let mut result = FileResult { source, diagnostics: checked.diagnostics, claims };
                let mut fixed = None;
                if (args.fix || args.diff) && !problems.is_empty() {
                    // A file read only in part (a front matter value that is no date or
                    // language) is checked, but its fixes could rest on what was not read.
                    fixed = Some(Fixed {
                        applied: 0,
                        unsafe_left: 0,
                        diff: None,
                        left_alone: Some("part of it could not be read; mend that, then fix".to_string()),
                    });
                } else if args.fix || args.diff {
                    let to = FixTarget { file: &file_path, format, settings: &settings, write: args.fix };
                    match fix_file(&engine, &setup.rules, &result, &to, args.unsafe_fixes) {
                        Ok(Some((after, f))) => {
                            result = after;
                            fixed = Some(f);
                        }
                        Ok(None) => {}
                        Err(message) => problems.push(InputError { path: shown.clone(), message, checked: true }),
                    }
                }
                Ok((result, problems, fixed))
            })
            .collect();
        for r in results {
            match r {
                // A front matter value that cannot be read is an error, beside the file's findings.
                Ok((f, problems, fix)) => {
                    if let Some(fix) = fix {
                        fixes.push((f.source.path().to_string(), fix));
                    }
                    report.files.push(f);
                    report.errors.extend(problems);
                }
                Err(e) => report.errors.push(e),
            }
        }
        if group + 1 == group_count {
            // The last rule set and knowledge are needed until the process ends, which frees
            // them at once: dropping them piece by piece would only add to every run's time.
            std::mem::forget(setup);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if setup_failed {
        return Ok(EXIT_ERROR);
    }
    if no_input {
        // A gate pointed at the wrong folder must not pass.
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            std::io::stderr(),
            "error: no file to check in {} (factlint reads files ending in {}; ignored and excluded files are skipped)",
            shown.join(", "),
            PROSE_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
        )?;
        return Ok(EXIT_ERROR);
    }
    report.sort();

    if let (Some(file), true) = (&args.baseline, args.write_baseline) {
        let mut b = Baseline::new(file, &cwd);
        b.record(&report, &cwd);
        std::fs::write(file, b.to_json())
            .map_err(|e| anyhow::anyhow!("cannot write baseline {}: {e}", file.display()))?;
        let files = report.files.iter().filter(|f| !f.diagnostics.is_empty()).count();
        writeln!(
            std::io::stderr(),
            "factlint: wrote {} in {} to {}",
            plural(b.len(), "finding", "findings"),
            plural(files, "file", "files"),
            file.display()
        )?;
        for e in &report.errors {
            writeln!(std::io::stderr(), "error: {}: {}", e.path, e.message)?;
        }
        return Ok(if report.errors.is_empty() { EXIT_CLEAN } else { EXIT_ERROR });
    }
    if let Some(b) = &baseline {
        let known = b.filter(&mut report, &cwd);
        if known > 0 {
            writeln!(
                std::io::stderr(),
                "factlint: {} in the baseline {} not reported",
                plural(known, "known finding", "known findings"),
                args.baseline.as_deref().unwrap_or(Path::new("")).display()
            )?;
        }
    }

    if args.fix || args.diff {
        fixes.sort_by(|a, b| a.0.cmp(&b.0));
        report_fixes(args, &fixes)?;
    }

    // The exit status is decided before the report is written: a reader that closes the pipe
    // early (`| head -1`) does not change it.
    let threshold = fail_on.unwrap_or(FailOn::Error).threshold();
    let failing = threshold.is_some_and(|t| report.diagnostics().any(|(_, d)| d.severity >= t));
    let code = if !report.errors.is_empty() {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    if args.diff {
        // The diff is the output; the findings that would remain decide the exit code.
        let mut out = std::io::stdout().lock();
        for (_, f) in &fixes {
            if let Some(d) = &f.diff {
                match out.write_all(d.as_bytes()) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(code),
                    other => other?,
                }
            }
        }
        return Ok(code);
    }
    match write_report(args, &report) {
        Err(e) if super::is_broken_pipe(&e) => Ok(code),
        Err(e) => Err(e),
        Ok(()) => Ok(code),
    }
}

/// One input checked: its result, what of it could not be read, and what --fix did to it.
type Checked = (FileResult, Vec<InputError>, Option<Fixed>);

/// What --fix or --diff did to one file.
struct Fixed {
    /// Suggestions applied (or, with --diff, that would be).
    applied: usize,
    /// Suggestions left because their rule marks them unsafe.
    unsafe_left: usize,
    /// The unified diff, with --diff.
    diff: Option<String>,
    /// Why the file's fixes were not applied at all.
    left_alone: Option<String>,
}

/// Where and how one file's fixes go.
struct FixTarget<'a> {
    file: &'a Path,
    format: Format,
    settings: &'a Settings,
    /// Write the file (--fix), or only show the change (--diff).
    write: bool,
}

/// Applies a file's fixes: plans them, checks the fixed text again (its findings are the ones
/// that remain), and writes it or diffs it. None when there is nothing to apply and no unsafe
/// fix was left; an error message when the file could not be written, which leaves it as it was.
fn fix_file(
    engine: &Engine<'_>,
    rules: &RuleSet,
    before: &FileResult,
    to: &FixTarget<'_>,
    unsafe_fixes: bool,
) -> Result<Option<(FileResult, Fixed)>, String> {
    let text = before.source.text();
    let plan = factlint::fix::plan(text, to.format, &before.diagnostics, rules, unsafe_fixes);
    if plan.is_empty() {
        let f = Fixed { applied: 0, unsafe_left: plan.unsafe_left, diff: None, left_alone: None };
        return Ok((plan.unsafe_left > 0).then(|| {
            (
                FileResult {
                    source: before.source.clone(),
                    diagnostics: before.diagnostics.clone(),
                    claims: before.claims.clone(),
                },
                f,
            )
        }));
    }
    let fixed = factlint::fix::apply(text, &plan.edits);
    let source = Arc::new(SourceFile::new(before.source.path().to_string(), fixed));
    let after =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.check_file(&source, to.format, to.settings)))
            .map_err(|_| {
            "internal error while checking the fixed text (a bug in factlint; please report it); the file was not fixed"
                .to_string()
        })?;
    let shown = before.source.path();
    let diff = (!to.write).then(|| {
        similar::TextDiff::from_lines(text, source.text())
            .unified_diff()
            .header(&format!("a/{shown}"), &format!("b/{shown}"))
            .to_string()
    });
    if to.write {
        write_atomically(to.file, text, source.text())?;
    }
    Ok(Some((
        FileResult { source, diagnostics: after.diagnostics, claims: to.settings.claims.then_some(after.claims) },
        Fixed { applied: plan.edits.len(), unsafe_left: plan.unsafe_left, diff, left_alone: None },
    )))
}

/// Replaces `path`'s contents with `fixed`, whole or not at all: a temporary file beside it,
/// with its permissions, renamed over it. A file whose contents are no longer `checked` (it
/// changed while it was checked) is left alone.
fn write_atomically(path: &Path, checked: &str, fixed: &str) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("not fixed: cannot read it again: {}", io_message(&e)))?;
    if now != checked.as_bytes() {
        return Err("not fixed: the file changed while it was checked; run again".to_string());
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.factlint-fix-{}", std::process::id()));
    let result = (|| {
        std::fs::write(&tmp, fixed)?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("not fixed: cannot write it: {}", io_message(&e))
    })
}

/// Says on stderr what --fix applied (or --diff would), file by file, and what it left.
fn report_fixes(args: &CheckArgs, fixes: &[(String, Fixed)]) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    let applied: usize = fixes.iter().map(|(_, f)| f.applied).sum();
    let files = fixes.iter().filter(|(_, f)| f.applied > 0).count();
    let verb = if args.diff { "would fix" } else { "fixed" };
    for (path, f) in fixes {
        if f.applied > 0 {
            writeln!(err, "factlint: {verb} {} in {path}", plural(f.applied, "finding", "findings"))?;
        }
        if let Some(why) = &f.left_alone {
            writeln!(err, "factlint: {path} not fixed: {why}")?;
        }
    }
    writeln!(err, "factlint: {verb} {} in {}", plural(applied, "finding", "findings"), plural(files, "file", "files"))?;
    let left: usize = fixes.iter().map(|(_, f)| f.unsafe_left).sum();
    if left > 0 {
        writeln!(
            err,
            "factlint: {} left to an editor: their rules take the replacement from the record (read them, or apply them with --unsafe-fixes)",
            plural(left, "suggestion", "suggestions")
        )?;
    }
    Ok(())
}

/// Writes the report to stdout in the chosen format.
fn write_report(args: &CheckArgs, report: &Report) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Json => render::json::render(report, &mut out)?,
        OutputFormat::Sarif => render::sarif::render(report, render::sarif::Options::default(), &mut out)?,
        OutputFormat::Github => render::github::render(report, &mut out)?,
        OutputFormat::Junit => render::junit::render(report, &mut out)?,
        OutputFormat::Html => render::html::render(report, &mut out)?,
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let width = std::io::stdout()
                .is_terminal()
                .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
                .flatten();
            render::human::render(report, render::human::Options { color, width }, &mut out)?;
        }
    }
    out.flush()?;
    Ok(())
}
