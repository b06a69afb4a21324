//! `factlint check --stream`: the command line of the stream ([`factlint::stream`]): the
//! configuration and rules it runs with, stdin and stdout, and the exit status.

use super::args::CheckArgs;
use super::check::{base_settings, build_setup, print_located};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use factlint::config;
use factlint::engine::Engine;
use factlint::stream::{check_stream, Stop};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `factlint check --stream`
pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    let base = match base_settings(args) {
        Ok(b) => b,
        Err(message) => {
            writeln!(std::io::stderr(), "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let config_path: Option<PathBuf> = if args.no_config {
        None
    } else if let Some(c) = &args.config {
        Some(c.clone())
    } else {
        config::discover(Path::new("."))
    };
    let setup = match build_setup(args, config_path.as_deref()) {
        Ok(s) => s,
        Err(errors) => {
            print_located(&errors);
            return Ok(EXIT_ERROR);
        }
    };
    // Findings never fail a stream unless asked: a pipeline reads them from the output.
    let fail = args.fail_on.and_then(config::FailOn::threshold);
    let engine = Engine { rules: &setup.rules, knowledge: &setup.knowledge };

    let stdin = std::io::stdin();
    let mut input = std::io::BufReader::with_capacity(1 << 20, stdin.lock());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let code = |failing: bool| if failing { EXIT_FINDINGS } else { EXIT_CLEAN };
    match check_stream(&mut input, &mut out, &engine, &base, setup.config.as_ref(), fail) {
        Ok(failing) => Ok(code(failing)),
        Err((_, Stop::Read(e))) => {
            writeln!(std::io::stderr(), "error: cannot read stdin: {e}")?;
            Ok(EXIT_ERROR)
        }
        // A reader that closes the pipe early ends the stream; the exit status stands.
        Err((failing, Stop::Write(e))) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code(failing)),
        Err((_, Stop::Write(e))) => Err(e.into()),
    }
}
