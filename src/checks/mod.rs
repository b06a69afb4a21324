//! Checks: one rule kind per file. A kind reads its rule's patterns and settings, finds claims in
//! a document's prose, compares them with the knowledge, and reports findings.
//!
//! Adding a kind: write `checks/<kind>.rs` with a doc comment (what it checks, why it matters,
//! an example), implement [`Check`], give it a [`KindInfo`] (its groups, settings, message
//! values and compile function), and add that to [`KINDS`]. README's kinds table is
//! [`kinds_table`]; a test keeps the two the same.

pub mod capital;
pub mod classifier;
pub mod consistency;
pub mod date_valid;
pub mod forbidden;
pub mod located_in;
pub mod person_title;
pub mod preferred_term;
pub mod quantity;
pub mod rule;
pub mod terms;
pub mod trigger;
pub mod unused_suppression;
pub mod weekday;
pub mod wording;

use crate::checks::rule::{CompileCx, KindInfo, Rule};
pub use crate::claims::Document;
use crate::knowledge::Knowledge;
use crate::lexicon::Lexicons;
use crate::source::LocatedError;
use crate::vocab::Severity;
use std::fmt::Debug;
use std::ops::Range;
use toml::Spanned;

/// Which text a rule reads: the prose as written, or its normalised view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Prose,
    Normalized,
}

impl View {
    /// Reads the `view` setting.
    pub fn from_setting(value: Option<&Spanned<String>>, cx: &CompileCx<'_>) -> Result<View, LocatedError> {
        Ok(match forbidden::one_of(value, "view", &["prose", "normalized"], cx)? {
            Some("normalized") => View::Normalized,
            _ => View::Prose,
        })
    }
}

/// What a check found, in prose offsets; the engine adds the rule, severity and path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    /// The claim.
    pub range: Range<usize>,
    pub message: String,
    /// What the knowledge says, one statement each.
    pub evidence: Vec<String>,
    /// Replacement text for the claim.
    pub suggestion: Option<String>,
    /// Where the evidence comes from ("GeoNames 1795565").
    pub sources: Vec<String>,
    /// Secondary labels: other parts of the text and what to say about them.
    pub labels: Vec<(Range<usize>, String)>,
    /// A severity other than the rule's, when the kind has reason to soften it.
    pub severity: Option<Severity>,
}

/// Why (part of) a suppression comment did nothing. A selector of "" stands for every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Idle {
    /// It names no loaded rule or category.
    Unknown(String),
    /// Rules it names ran, but it suppressed none of their findings.
    Unused(String),
    /// An enable comment with no matching disable open.
    ClosesNothing(String),
}

/// A suppression comment that did nothing, and why.
#[derive(Clone, Debug)]
pub struct DirectiveUse<'a> {
    pub directive: &'a crate::markup::Directive,
    pub idle: Vec<Idle>,
}

/// What a kind that judges suppressions reports: a span in the original bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DirectiveFinding {
    pub span: crate::source::Span,
    pub message: String,
    pub evidence: Vec<String>,
}

/// What a check concluded of a claim it read and did not report: the knowledge confirms it, or
/// cannot judge it. A claim it reports is contradicted, and its finding says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimNote {
    pub range: Range<usize>,
    pub confirmed: bool,
    /// The source that confirms it, or why it cannot be judged.
    pub note: String,
}

/// What a check is given besides the document.
pub struct CheckCx<'a> {
    pub knowledge: &'a Knowledge,
    pub lexicons: &'a Lexicons,
    pub rule: &'a Rule,
    /// Where the claims a check reads are noted, when the run lists them.
    pub claims: Option<&'a std::cell::RefCell<Vec<ClaimNote>>>,
    /// What is known of which shipped patterns' trigger literals the document's prose holds,
    /// shared by every rule of the document.
    pub found: &'a trigger::Found,
}

impl CheckCx<'_> {
    /// The compiled patterns of the rule for the document's language that may match in its
    /// prose ([`rule::Rule::patterns_in`], sharing what is found of the shipped patterns'
    /// triggers with every rule of the document).
    pub fn patterns_in_doc<'d>(&'d self, doc: &'d Document<'_>) -> impl Iterator<Item = &'d regex::Regex> + 'd {
        let (text, found) = (doc.text(), self.found);
        self.rule
            .patterns
            .iter()
            .filter(move |p| p.lang == doc.lang && p.may_match_found(text, found))
            .map(|p| p.regex())
    }

    /// Notes a claim the knowledge confirms, with the source that does (built only when claims
    /// are listed).
    pub fn confirmed(&self, range: Range<usize>, source: impl FnOnce() -> String) {
        if let Some(c) = self.claims {
            c.borrow_mut().push(ClaimNote { range, confirmed: true, note: source() });
        }
    }

    /// Notes a claim the knowledge cannot judge, with the reason.
    pub fn unknown(&self, range: Range<usize>, reason: impl FnOnce() -> String) {
        if let Some(c) = self.claims {
            c.borrow_mut().push(ClaimNote { range, confirmed: false, note: reason() });
        }
    }

    /// What a claim reader needs of this context.
    pub fn read_cx(&self) -> crate::claims::ReadCx<'_> {
        crate::claims::ReadCx { knowledge: self.knowledge, lexicons: self.lexicons }
    }
}

/// A compiled rule kind.
pub trait Check: Send + Sync + Debug {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>);

    /// Work a rule can do before its first document, on another thread while the first document
    /// is read (a trained model parsed): returned as a job, or None.
    fn warm_up(&self) -> Option<Box<dyn FnOnce() + Send>> {
        None
    }

    /// Rules (ids or categories) whose findings this rule leaves a text to: a finding of this
    /// rule that overlaps one of theirs is dropped, so one line gets one finding.
    fn defers_to(&self) -> &[String] {
        &[]
    }

    /// Called once the engine has applied the document's inline suppression comments, with the
    /// comments that did nothing. Only kinds that judge suppressions (unused-suppression) report
    /// here; their findings point at the comments, in original bytes.
    fn check_suppressions(&self, _uses: &[DirectiveUse<'_>], _rule: &Rule, _out: &mut Vec<DirectiveFinding>) {}
}

/// Every rule kind.
pub const KINDS: &[KindInfo] = &[
    located_in::INFO,
    consistency::INFO,
    weekday::INFO,
    date_valid::INFO,
    forbidden::INFO,
    classifier::INFO,
    preferred_term::INFO,
    person_title::INFO,
    quantity::INFO,
    unused_suppression::INFO,
    capital::INFO,
];

pub fn kind_info(name: &str) -> Option<KindInfo> {
    KINDS.iter().find(|k| k.name == name).copied()
}

/// The kinds table in Markdown, as README shows it: one row a kind, from [`KINDS`].
pub fn kinds_table() -> String {
    let mut out = String::from("| kind | pattern groups | settings | message values |\n|---|---|---|---|\n");
    for kind in KINDS {
        out.push_str(&kind.table_row());
        out.push('\n');
    }
    out
}
