//! `factlint claims`: every claim the rules read, with its verdict and what it rests on: the
//! source that confirms it, the finding that contradicts it, or why the knowledge cannot judge
//! it. The same run as `factlint check`, with the claims listed.

use super::args::{ClaimsArgs, ClaimsFormat};
use super::check::{base_settings, build_setup, expand_inputs, format_of, print_located, read_input, Input};
use super::{EXIT_CLEAN, EXIT_ERROR};
use factlint::config;
use factlint::diagnostic::{Claim, VerdictCounts};
use factlint::engine::Engine;
use factlint::source::SourceFile;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// The check arguments the claims options stand for.
fn check_args(a: &ClaimsArgs) -> Result<super::args::CheckArgs, String> {
    let mut argv: Vec<String> = vec!["factlint".into(), "check".into()];
    let mut flag = |name: &str, values: &[String]| {
        for v in values {
            argv.extend([name.to_string(), v.clone()]);
        }
    };
    flag("--rules", &a.rules.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
    flag("--knowledge", &a.knowledge.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
    flag("--select", &a.select);
    flag("--ignore", &a.ignore);
    flag("--config", &a.config.iter().map(|p| p.display().to_string()).collect::<Vec<_>>());
    flag("--lang", &a.lang.iter().cloned().collect::<Vec<_>>());
    flag("--date", &a.date.iter().cloned().collect::<Vec<_>>());
    if a.no_config {
        argv.push("--no-config".into());
    }
    super::args::check_args_from(argv)
}

/// `factlint claims`
pub fn run(a: &ClaimsArgs) -> anyhow::Result<u8> {
    let mut err = std::io::stderr();
    let args = match check_args(a) {
        Ok(args) => args,
        Err(message) => {
            writeln!(err, "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let mut base = match base_settings(&args) {
        Ok(b) => b,
        Err(message) => {
            writeln!(err, "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    base.claims = true;
    let paths = if a.paths.is_empty() { vec![PathBuf::from(".")] } else { a.paths.clone() };
    let mut input_errors = Vec::new();
    let inputs = expand_inputs(&paths, &mut input_errors);
    if inputs.is_empty() && input_errors.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(err, "error: no file to read in {} (factlint reads text, Markdown and HTML files)", shown.join(", "))?;
        return Ok(EXIT_ERROR);
    }
    let mut groups: BTreeMap<Option<PathBuf>, Vec<Input>> = BTreeMap::new();
    for input in inputs {
        let config = match &input {
            _ if a.no_config => None,
            _ if a.config.is_some() => a.config.clone(),
            Input::File(p) => config::discover(p),
            Input::Stdin => config::discover(&PathBuf::from(".")),
        };
        groups.entry(config).or_default().push(input);
    }
    let mut code = if input_errors.is_empty() { EXIT_CLEAN } else { EXIT_ERROR };
    for e in &input_errors {
        writeln!(err, "error: {}: {}", e.path, e.message)?;
    }
    let mut files: Vec<(SourceFile, Vec<Claim>)> = Vec::new();
    for (config_path, inputs) in groups {
        let setup = match build_setup(&args, config_path.as_deref()) {
            Ok(s) => s,
            Err(errors) => {
                print_located(&errors);
                code = EXIT_ERROR;
                continue;
            }
        };
        let engine = Engine { rules: &setup.rules, knowledge: &setup.knowledge };
        for input in &inputs {
            let shown = input.shown();
            let text = match read_input(input) {
                Ok(t) => t,
                Err(message) => {
                    writeln!(err, "error: {shown}: {message}")?;
                    code = EXIT_ERROR;
                    continue;
                }
            };
            let file_path = match input {
                Input::File(p) => p.clone(),
                Input::Stdin => PathBuf::from("-"),
            };
            let settings = match &setup.config {
                Some(c) => c.settings_for(&base, &file_path),
                None => base.clone(),
            };
            let source = SourceFile::new(shown.clone(), text);
            // A bug in one check must not lose the other files' claims.
            let checked = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                engine.check_file(&source, format_of(input, None), &settings)
            })) {
                Ok(c) => c,
                Err(_) => {
                    writeln!(err, "error: {shown}: internal error while checking this file (a bug in factlint; please report it with the file)")?;
                    code = EXIT_ERROR;
                    continue;
                }
            };
            let claims = checked
                .claims
                .into_iter()
                .filter(|c| a.verdict.is_empty() || a.verdict.contains(&c.verdict.as_str().to_string()))
                .collect();
            files.push((source, claims));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match a.format {
        ClaimsFormat::Json => write_json(&files, &mut out),
        ClaimsFormat::Human => write_human(&files, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(code)
}

/// One line a claim: `path:line:column: verdict rule "text": note`, and a summary a file.
fn write_human(files: &[(SourceFile, Vec<Claim>)], out: &mut impl Write) -> std::io::Result<()> {
    for (source, claims) in files {
        let path = source.path();
        for c in claims {
            let at = source.line_col(c.span.start);
            writeln!(
                out,
                "{path}:{}:{}: {} {} {:?}: {}",
                at.line,
                at.column,
                c.verdict.as_str(),
                c.rule,
                c.text,
                c.note
            )?;
        }
        writeln!(out, "{path}: {}", VerdictCounts::of(claims).line())?;
    }
    Ok(())
}

fn write_json(files: &[(SourceFile, Vec<Claim>)], out: &mut impl Write) -> std::io::Result<()> {
    let files: Vec<serde_json::Value> = files
        .iter()
        .map(|(source, claims)| {
            let path = source.path();
            let n = VerdictCounts::of(claims);
            serde_json::json!({
                "path": path,
                "summary": {"claims": claims.len(), "confirmed": n.confirmed, "contradicted": n.contradicted, "unknown": n.unknown},
                "claims": claims.iter().map(|c| factlint::render::json::claim(source, c)).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &serde_json::json!({"claims_version": 1, "files": files}))?;
    writeln!(out)
}
