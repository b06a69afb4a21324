//! Renderers: one file per output format, each over the same [`Report`]. Renderers never see
//! rules; they format diagnostics.

pub mod escape;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod stream;

use crate::diagnostic::{Diagnostic, RuleDescriptor};
/// How figures are written, for commands that print knowledge (`factlint kb`).
pub use crate::recognize::numbers::{format_trimmed, Notation};
use crate::source::SourceFile;
use crate::vocab::plural;
use crate::vocab::Severity;
use std::sync::Arc;

/// One checked file and what was found in it.
#[derive(Debug)]
pub struct FileResult {
    pub source: Arc<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The claims the rules read, when the run collects them (`--format json`).
    pub claims: Option<Vec<crate::diagnostic::Claim>>,
}

/// An input that could not be checked, or a file checked despite a value it could not read
/// (a front matter `date:` that is no date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
    /// True when the file was checked all the same, and its findings are in the report.
    pub checked: bool,
}

/// Everything a run produced, in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileResult>,
    pub errors: Vec<InputError>,
    /// The rules the run loaded, by id (formats with a rules section list them).
    pub rules: Vec<RuleDescriptor>,
    /// List every claim in the JSON report (`--claims`), not only the counts.
    pub list_claims: bool,
}

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileResult, &Diagnostic)> {
        self.files.iter().flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary { files: self.files.len(), ..Summary::default() };
        for (_, d) in self.diagnostics() {
            s.findings += 1;
            match d.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }

    /// Sorts files by path so output does not depend on the order files were checked in.
    pub fn sort(&mut self) {
        self.files.sort_by(|a, b| a.source.path().cmp(b.source.path()));
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        self.rules.dedup_by(|a, b| a.id == b.id);
    }

    /// The summary line every human-facing format ends with: "0 errors, 0 warnings, 0 info in
    /// 3 files; 1 file not checked".
    pub fn summary_line(&self) -> String {
        let s = self.summary();
        format!(
            "{}, {}, {} in {}{}",
            plural(s.error, "error", "errors"),
            plural(s.warning, "warning", "warnings"),
            plural(s.info, "info", "info"),
            plural(s.files, "file", "files"),
            self.error_tail()
        )
    }

    /// What the summary line adds about errors: "; 1 file not checked; 2 front matter values
    /// not read", or nothing.
    fn error_tail(&self) -> String {
        let unchecked = self.errors.iter().filter(|e| !e.checked).count();
        let unread = self.errors.len() - unchecked;
        let mut tail = String::new();
        if unchecked > 0 {
            tail.push_str(&format!("; {}", plural(unchecked, "file not checked", "files not checked")));
        }
        if unread > 0 {
            tail.push_str(&format!(
                "; {}",
                plural(unread, "front matter value not read", "front matter values not read")
            ));
        }
        tail
    }

    /// The descriptor of a rule the run loaded.
    pub fn rule(&self, id: &str) -> Option<&RuleDescriptor> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }
}
