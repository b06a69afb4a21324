//! One diagnostic type for every output format: what was found, where (end-exclusive byte spans
//! into the original file), what the knowledge says and where that comes from. Lines and columns
//! are computed late, by the renderers, from the source file.

use crate::source::Span;
use crate::vocab::{RuleId, Severity};

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

/// What a claim read from the text comes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The knowledge agrees.
    Confirmed,
    /// The knowledge disagrees: the claim has a finding.
    Contradicted,
    /// The knowledge cannot judge it.
    Unknown,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Contradicted => "contradicted",
            Verdict::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Confirmed, Verdict::Contradicted, Verdict::Unknown].into_iter().find(|v| v.as_str() == s)
    }
}

/// A claim a rule read, and its verdict: confirmed with its source, contradicted with its
/// finding's message, or unknown with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub rule: RuleId,
    pub verdict: Verdict,
    pub span: Span,
    pub text: String,
    /// The source (confirmed), the finding's message (contradicted) or the reason (unknown).
    pub note: String,
}

/// A file's claims counted by verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerdictCounts {
    pub confirmed: usize,
    pub contradicted: usize,
    pub unknown: usize,
}

impl VerdictCounts {
    pub fn of(claims: &[Claim]) -> VerdictCounts {
        let n = |v: Verdict| claims.iter().filter(|c| c.verdict == v).count();
        VerdictCounts {
            confirmed: n(Verdict::Confirmed),
            contradicted: n(Verdict::Contradicted),
            unknown: n(Verdict::Unknown),
        }
    }

    /// "12 claims: 10 confirmed, 1 contradicted, 1 unknown"
    pub fn line(&self) -> String {
        format!(
            "{}: {} confirmed, {} contradicted, {} unknown",
            crate::vocab::plural(self.confirmed + self.contradicted + self.unknown, "claim", "claims"),
            self.confirmed,
            self.contradicted,
            self.unknown
        )
    }
}

/// What a renderer may know about a rule: plain data copied from the loaded rules, so that
/// formats with a rules section (SARIF) or a summary by rule (HTML) never see rule objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDescriptor {
    pub id: RuleId,
    /// The rule's default severity (before configuration overrides).
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: String,
    /// What the rule checks and why, as written in the rule file.
    pub description: String,
    /// Where the rule comes from (`builtin:rules/...` or a file path).
    pub origin: String,
}

impl RuleDescriptor {
    pub fn of(rule: &crate::checks::rule::Rule) -> RuleDescriptor {
        RuleDescriptor {
            id: rule.id.clone(),
            severity: rule.severity,
            summary: rule.summary.clone(),
            description: rule.description.clone(),
            origin: rule.origin.clone(),
        }
    }
}
