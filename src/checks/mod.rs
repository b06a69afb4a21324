//! Checks: one rule kind per file. A kind reads its rule's patterns and settings, finds claims in
//! a document's prose, compares them with the knowledge, and reports findings.
//!
//! Adding a kind: write `checks/<kind>.rs` with a doc comment (what it checks, why it matters,
//! an example), implement [`Check`], give it a [`KindInfo`] (its groups, settings, message
//! values and compile function), and add that to [`KINDS`]. README's kinds table is
//! [`kinds_table`]; a test keeps the two the same.

pub mod classifier;
pub mod consistency;
pub mod date_valid;
pub mod forbidden;
pub mod located_in;
pub mod person_title;
pub mod place_claims;
pub mod preferred_term;
pub mod quantity;
pub mod rule;
pub mod terms;
pub mod unused_suppression;
pub mod weekday;
pub mod wording;

use crate::checks::rule::{CompileCx, KindInfo, Rule};
use crate::knowledge::Knowledge;
use crate::lexicon::Lexicons;
use crate::markup::Prose;
use crate::source::LocatedError;
use crate::vocab::{Lang, Severity};
use std::fmt::Debug;
use std::ops::Range;
use toml::Spanned;

/// A document as checks see it.
#[derive(Debug)]
pub struct Document<'a> {
    pub path: &'a str,
    pub prose: &'a Prose,
    pub lang: Lang,
    /// The document's own date (front matter, dateline or --date).
    pub date: Option<chrono::NaiveDate>,
    /// Pattern matches already found in this document, for rules that share a pattern.
    pub matches: MatchCache,
    /// The place claims read off this document's place mentions, for every kind that reads
    /// them (located-in, consistency): read once.
    pub place_claims: std::cell::OnceCell<std::rc::Rc<Vec<place_claims::PlaceClaim>>>,
    /// The normalised view of the prose, built the first time a rule reads it.
    pub normal: std::sync::OnceLock<crate::normalize::NormalView>,
}

impl Document<'_> {
    pub fn text(&self) -> &str {
        self.prose.text()
    }

    /// The prose as a reader reads it, styled and look-alike letters made plain
    /// ([`crate::normalize`]); shared by every rule that reads it.
    pub fn normalized(&self) -> &crate::normalize::NormalView {
        self.normal.get_or_init(|| crate::normalize::NormalView::new(self.prose.text()))
    }
}

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

/// The named groups of one match: (name, byte range) for each group that took part.
pub type GroupRanges = Vec<(&'static str, std::ops::Range<usize>)>;

/// Matches of a pattern in one document, kept so that two rules that read the same claims
/// (located-in and consistency both read "City, Region") search the text once.
#[derive(Debug, Default)]
pub struct MatchCache {
    found: std::cell::RefCell<Vec<(usize, std::rc::Rc<Vec<GroupRanges>>)>>,
}

impl MatchCache {
    /// The matches of `re` in `text` from `read` (which does the searching), computed once.
    pub fn get_or_find(
        &self,
        re: &regex::Regex,
        read: impl FnOnce() -> Vec<GroupRanges>,
    ) -> std::rc::Rc<Vec<GroupRanges>> {
        // The compiled pattern lives as long as the rule set, so its address names it.
        let key = re as *const regex::Regex as usize;
        if let Some((_, m)) = self.found.borrow().iter().find(|(k, _)| *k == key) {
            return m.clone();
        }
        let m = std::rc::Rc::new(read());
        self.found.borrow_mut().push((key, m.clone()));
        m
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

/// What a check is given besides the document.
pub struct CheckCx<'a> {
    pub knowledge: &'a Knowledge,
    pub lexicons: &'a Lexicons,
    pub rule: &'a Rule,
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
