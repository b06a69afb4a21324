//! The command line: flag definitions ([`args`]) and one module per command.

pub mod args;
mod check;
mod claims;
mod init;
mod kb;
mod lsp;
mod rules;
pub mod stream;
mod train;

use args::{Cli, Command, KbCommand};
use std::io::Write;
use std::process::ExitCode;

/// Exit status: no finding at or above the threshold.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, configuration, rule or knowledge error, or an unreadable input.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Kb(KbCommand::Lookup(a)) => kb::lookup(&a),
        Command::Kb(KbCommand::Check(a)) => kb::check(&a),
        Command::Kb(KbCommand::Import(a)) => kb::import(&a),
        Command::Check(a) => check::run(&a),
        Command::Rules(c) => rules::run(&c),
        Command::Init(a) => init::run(&a),
        Command::Lsp(_) => lsp::run(),
        Command::Claims(a) => claims::run(&a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_CLEAN);
            }
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A closed stdout (`factlint ... | head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
