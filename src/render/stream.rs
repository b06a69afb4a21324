//! Stream mode's output: one JSON line per document, `{"id": ..., "line": N, "findings": [...]}`
//! with the finding objects of `--format json` (their path is the document's id), `line` the
//! input line it answers (blank input lines are no documents), and `"error"` for a document that
//! could not be checked.

use super::json;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a serde_json::Value,
    line: usize,
    findings: Vec<json::JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// Writes the line of a checked document.
pub fn document(
    id: &serde_json::Value,
    line_no: usize,
    source: &SourceFile,
    diagnostics: &[Diagnostic],
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let line = Line {
        id,
        line: line_no,
        findings: diagnostics.iter().map(|d| json::finding(source, d)).collect(),
        error: None,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// Writes the line of a document that could not be checked.
pub fn error(id: &serde_json::Value, line_no: usize, message: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    let line = Line { id, line: line_no, findings: Vec::new(), error: Some(message) };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
