//! Helpers shared by the integration tests: run texts through the engine, or run the factlint
//! binary and capture what it prints.
#![allow(dead_code)]

use factlint::diagnostic::Diagnostic;
use factlint::engine::{Engine, Settings};
use factlint::knowledge::Knowledge;
use factlint::markup::Format;
use factlint::rules::RuleSet;
use factlint::source::SourceFile;
use factlint::vocab::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The shipped rules and the built-in knowledge, loaded once per test binary.
pub fn builtin() -> &'static (RuleSet, Knowledge) {
    static SETUP: OnceLock<(RuleSet, Knowledge)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = RuleSet::load(true, &[]).unwrap_or_else(|e| panic!("shipped rules load: {e:?}"));
        (rules, Knowledge::builtin())
    })
}

/// Checks a text with the shipped rules, optionally only some of them.
pub fn check(text: &str, lang: Option<Lang>, select: &[&str]) -> Vec<Diagnostic> {
    check_with(text, lang, select, None, Format::Plain)
}

pub fn check_with(
    text: &str,
    lang: Option<Lang>,
    select: &[&str],
    date: Option<chrono::NaiveDate>,
    format: Format,
) -> Vec<Diagnostic> {
    let (rules, kb) = builtin();
    let engine = Engine { rules, knowledge: kb };
    let settings =
        Settings { lang, date, select: select.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
    engine.check(&SourceFile::new("test.txt", text), format, &settings)
}

/// A fixture line with `[[marked]]` claims: the text without markers, and the marked spans.
pub fn unmark(line: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut marked = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("]]").map(|c| open + c).expect("unclosed [[ in fixture");
        let inner = &rest[open + 2..close];
        marked.push(inner.to_string());
        text.push_str(inner);
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    (text, marked)
}

/// Lines of a fixture file that are not comments or blank.
pub fn fixture_lines(name: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// A file in the shared folder next to the repository (present in CI).
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel)
}

/// The shipped rules over the built-in knowledge plus knowledge files (paths relative to the
/// repository), with only `select` enabled.
pub fn check_with_knowledge(
    kb: &Knowledge,
    text: &str,
    lang: Lang,
    date: Option<chrono::NaiveDate>,
    select: &[&str],
) -> Vec<Diagnostic> {
    let (rules, _) = builtin();
    let engine = Engine { rules, knowledge: kb };
    let settings = Settings {
        lang: Some(lang),
        date,
        select: select.iter().map(|s| s.to_string()).collect(),
        ..Settings::default()
    };
    engine.check(&SourceFile::new("test.txt", text), Format::Plain, &settings)
}

/// Checks every line of a fixture of `date | text` lines that must stay clean, with `select`
/// alone, and fails listing every finding; returns how many lines were checked.
pub fn assert_clean_fixture(kb: &Knowledge, file: &str, lang: Lang, select: &[&str]) -> usize {
    let lines = fixture_lines(file);
    let mut noisy = Vec::new();
    for line in &lines {
        let (date, text) = dated(line);
        for d in check_with_knowledge(kb, text, lang, date, select) {
            noisy.push(format!("{line:?}: flagged {:?} ({}; {:?})", d.text, d.message, d.evidence));
        }
    }
    assert!(noisy.is_empty(), "false alarms in {file}:\n{}", noisy.join("\n"));
    lines.len()
}

/// Checks every line of a fixture of `date | text` lines, each with its expected findings marked
/// [[...]], with `select` alone: each line must give exactly the marked findings, each with
/// evidence and sources (and a suggestion, when `suggests`). Fails listing every line that does
/// not; returns how many findings were marked.
pub fn assert_flagged_fixture(kb: &Knowledge, file: &str, lang: Lang, select: &[&str], suggests: bool) -> usize {
    let lines = fixture_lines(file);
    let mut failures = Vec::new();
    let mut count = 0;
    for line in &lines {
        let (date, marked_text) = dated(line);
        let (text, marked) = unmark(marked_text);
        assert!(!marked.is_empty(), "{file}: a line without a [[marked]] claim: {line}");
        let found = check_with_knowledge(kb, &text, lang, date, select);
        let texts: Vec<&str> = found.iter().map(|d| d.text.as_str()).collect();
        if texts != marked {
            failures.push(format!("{text:?}: expected {marked:?}, found {texts:?}"));
        }
        for d in &found {
            if d.evidence.is_empty() || d.sources.is_empty() || (suggests && d.suggestion.is_none()) {
                failures.push(format!("{text:?}: a finding without evidence, sources or suggestion: {d:?}"));
            }
        }
        count += marked.len();
    }
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
    count
}

/// The built-in knowledge with knowledge files loaded in order (paths relative to the
/// repository).
pub fn knowledge_with(files: &[&str]) -> Knowledge {
    let mut kb = Knowledge::builtin();
    for f in files {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(f);
        kb.load_file(&path).unwrap_or_else(|e| panic!("{f}: {e:?}"));
    }
    kb
}

/// A dated fixture line, `YYYY-MM-DD | text` or `- | text`: the date and the text.
pub fn dated(line: &str) -> (Option<chrono::NaiveDate>, &str) {
    let (date, text) = line.split_once(" | ").unwrap_or_else(|| panic!("fixture line without ' | ': {line}"));
    let date = match date.trim() {
        "-" => None,
        d => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date in {line}"))),
    };
    (date, text)
}

/// What one run printed, and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The folder of the shared output fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outputs")
}

/// Runs factlint in `cwd` with `args`, feeding `stdin` (or nothing), with CI set so that no
/// progress bar or colour depends on the terminal.
pub fn factlint_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(cwd)
        .env("CI", "true")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the factlint binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        // Write from a thread so a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("factlint finishes");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().expect("factlint exits with a code"),
    }
}

/// A fresh, empty folder for one test, under cargo's temporary folder for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("factlint-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder can be made");
    dir
}

/// The seed article of the project (../shared/seeds), which CI has beside the repository.
pub fn seed_article() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/article-id-shenzhen.txt");
    assert!(p.is_file(), "the seed article {} is missing: CI must have ../shared beside the repository", p.display());
    p
}

/// The shipped rules, loaded once per test binary.
pub fn rules() -> &'static RuleSet {
    &builtin().0
}

/// The built-in knowledge, loaded once per test binary.
pub fn knowledge() -> &'static Knowledge {
    &builtin().1
}

/// Checks `text` read as `format` with the shipped rules that `select` names (ids or
/// categories; empty: all).
pub fn check_format(text: &str, format: Format, lang: Option<Lang>, select: &[&str]) -> Vec<Diagnostic> {
    check_with(text, lang, select, None, format)
}

/// (rule, text) of each diagnostic.
pub fn found(diags: &[Diagnostic]) -> Vec<(String, String)> {
    diags.iter().map(|d| (d.rule.to_string(), d.text.clone())).collect()
}
