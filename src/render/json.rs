//! `--format json`: one object with findings, errors and a summary, as documented in README.

use super::Report;
use crate::diagnostic::{Claim, Diagnostic, VerdictCounts};
use crate::source::SourceFile;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
    /// The version of the `files` section's claims, when the run read them.
    #[serde(skip_serializing_if = "Option::is_none")]
    claims_version: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<JsonFile<'a>>,
}

/// One file's claims: counts by verdict, and with --claims the list.
#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    claims: JsonClaims<'a>,
}

#[derive(Serialize)]
struct JsonClaims<'a> {
    confirmed: usize,
    contradicted: usize,
    unknown: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    list: Option<Vec<JsonClaim<'a>>>,
}

/// One claim as JSON; `factlint claims --format json` writes the same objects.
#[derive(Serialize)]
pub struct JsonClaim<'a> {
    rule: &'a str,
    verdict: &'a str,
    span: JsonSpan,
    text: &'a str,
    /// The source that confirms it, the finding's message, or why it cannot be judged.
    note: &'a str,
}

/// The JSON object of one claim in `source`.
pub fn claim<'a>(source: &SourceFile, c: &'a Claim) -> JsonClaim<'a> {
    JsonClaim {
        rule: c.rule.as_str(),
        verdict: c.verdict.as_str(),
        span: span(source, c.span),
        text: &c.text,
        note: &c.note,
    }
}

fn span(source: &SourceFile, s: crate::source::Span) -> JsonSpan {
    let start = source.line_col(s.start);
    let end = source.line_col(s.end);
    JsonSpan {
        start: s.start,
        end: s.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
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
    JsonFinding {
        rule: d.rule.as_str(),
        severity: d.severity.as_str(),
        path: &d.path,
        span: span(source, d.span),
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
        claims_version: report.files.iter().any(|f| f.claims.is_some()).then_some(1),
        files: report
            .files
            .iter()
            .filter_map(|f| {
                let claims = f.claims.as_ref()?;
                let n = VerdictCounts::of(claims);
                Some(JsonFile {
                    path: f.source.path(),
                    claims: JsonClaims {
                        confirmed: n.confirmed,
                        contradicted: n.contradicted,
                        unknown: n.unknown,
                        list: report.list_claims.then(|| claims.iter().map(|c| claim(&f.source, c)).collect()),
                    },
                })
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
