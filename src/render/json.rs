//! `--format json`: one object with findings, errors and a summary, as documented in README.

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

/// One finding as JSON; stream mode writes the same objects.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    span: JsonSpan,
    text: &'a str,
    message: &'a str,
    evidence: &'a [String],
    suggestion: Option<&'a str>,
    sources: &'a [String],
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    findings: usize,
    error: usize,
    warning: usize,
    info: usize,
}

/// The JSON object of one finding in `source`.
pub fn finding<'a>(source: &SourceFile, d: &'a Diagnostic) -> JsonFinding<'a> {
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end);
    JsonFinding {
        rule: d.rule.as_str(),
        severity: d.severity.as_str(),
        path: &d.path,
        span: JsonSpan {
            start: d.span.start,
            end: d.span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
        text: &d.text,
        message: &d.message,
        evidence: &d.evidence,
        suggestion: d.suggestion.as_deref(),
        sources: &d.sources,
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let findings = report.diagnostics().map(|(f, d)| finding(&f.source, d)).collect();
    let s = report.summary();
    let doc = JsonReport {
        version: 1,
        findings,
        errors: report.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        summary: JsonSummary { files: s.files, findings: s.findings, error: s.error, warning: s.warning, info: s.info },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
