//! One diagnostic type for every output format: what was found, where (end-exclusive byte spans
//! into the original file), what the knowledge says and where that comes from. Lines and columns
//! are computed late, by the renderers, from the source file.

use crate::rules::{RuleId, Severity};
use crate::source::Span;

/// A secondary label: another part of the text and what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    /// The path as given on the command line or found by the walk.
    pub path: String,
    /// The claim, in the original bytes.
    pub span: Span,
    /// The claim's text as it stands in the file.
    pub text: String,
    pub message: String,
    pub evidence: Vec<String>,
    pub suggestion: Option<String>,
    pub sources: Vec<String>,
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// The stable order of diagnostics in every output: by position, then rule.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, self.rule.as_str())
    }
}
