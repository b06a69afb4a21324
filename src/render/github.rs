//! `--format github`: GitHub Actions workflow commands, one per finding
//! (`::error file=a.md,line=3,col=5,endLine=3,endColumn=20,title=place.located-in::message`), so
//! findings show as annotations on the pull request's changed files. Inputs that could not be
//! read are `::error` annotations on the file; a plain summary line ends the output.

use super::Report;
use crate::vocab::Severity;
use std::io::Write;

/// GitHub's annotation levels.
fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message as the runner reads it back: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, and also `:` and `,`, which end a property.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The path annotations name: relative to the workspace, so without a leading `./`.
fn file(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for (f, d) in report.diagnostics() {
        let start = f.source.line_col(d.span.start);
        let end = f.source.line_col(d.span.end);
        // The annotation's body: the finding, then what the knowledge says and the fix.
        let mut message = d.message.clone();
        for e in &d.evidence {
            message.push_str("\n- ");
            message.push_str(e);
        }
        if let Some(s) = &d.suggestion {
            message.push_str("\nSuggestion: ");
            message.push_str(s);
        }
        if !d.sources.is_empty() {
            message.push_str("\nSource: ");
            message.push_str(&d.sources.join("; "));
        }
        let mut props = format!("file={},line={},col={}", escape_property(file(&d.path)), start.line, start.column);
        // GitHub reads endColumn only for annotations on one line.
        if end.line == start.line {
            props.push_str(&format!(",endLine={},endColumn={}", end.line, end.column));
        } else {
            props.push_str(&format!(",endLine={}", end.line));
        }
        props.push_str(&format!(",title={}", escape_property(&format!("{} ({})", d.rule, d.severity))));
        writeln!(out, "::{} {props}::{}", command(d.severity), escape_data(&message))?;
    }
    for e in &report.errors {
        writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(file(&e.path)),
            escape_property("factlint: input not checked"),
            escape_data(&e.message)
        )?;
    }
    writeln!(out, "factlint: {}", report.summary_line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_expects() {
        assert_eq!(escape_data("100% sure\r\nnext: a, b"), "100%25 sure%0D%0Anext: a, b");
        assert_eq!(escape_property("berita/a:b,c%.md"), "berita/a%3Ab%2Cc%25.md");
        // A message cannot smuggle in a second command on a new line.
        assert!(!escape_data("x\n::error::forged").contains('\n'));
    }
}
