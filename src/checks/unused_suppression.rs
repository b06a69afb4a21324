//! `unused-suppression`: an inline suppression comment that does nothing: it suppressed no
//! finding of the rules it names, it names no loaded rule, or it enables what was never disabled.
//!
//! Why: a stale `<!-- factlint-disable-next-line place.located-in -->` outlives the sentence it
//! was written for and would silently hide the next real error on that line; a misspelt rule id
//! never suppressed anything in the first place.
//!
//! How: the engine applies the document's suppression comments ([`crate::suppress`]) after every
//! rule has run and hands over what each comment did; this kind reports the idle ones, at the
//! comment. A comment naming only rules that did not run (not selected, or not for the
//! document's language) cannot be judged and is not reported. The kind reads no prose, takes no
//! patterns and no settings.
//!
//! Example: `<!-- factlint-disable-next-line place.located-in -->` above "Shenzhen, Guangdong
//! hosts the forum." -> "this factlint-disable-next-line comment does nothing: no
//! place.located-in finding to suppress".

use super::{Check, CheckCx, Document, Finding};
use super::{DirectiveFinding, DirectiveUse, Idle};
use crate::checks::rule::{CompileCx, KindInfo, Rule};
use crate::markup::DirectiveKind;
use crate::source::LocatedError;
use serde::Deserialize;

pub const INFO: KindInfo = KindInfo {
    name: "unused-suppression",
    required_groups: &[],
    optional_groups: &[],
    needs_patterns: false,
    reads_claims: false,
    message_values: &["directive", "rules", "reason"],
    groups_doc: "none",
    settings_doc: "none",
    compile: |settings, cx| Ok(Box::new(UnusedSuppression::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// The kind has no settings; an empty `[settings]` is allowed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {}

#[derive(Debug)]
pub struct UnusedSuppression;

impl UnusedSuppression {
    pub fn compile(_s: Settings, cx: &CompileCx<'_>) -> Result<UnusedSuppression, LocatedError> {
        if cx.pattern_count() > 0 {
            return Err(
                cx.error(cx.line_offset("[[pattern]]"), "an unused-suppression rule takes no [[pattern]]: remove them")
            );
        }
        Ok(UnusedSuppression)
    }
}

fn name(selector: &str) -> &str {
    if selector.is_empty() {
        "any"
    } else {
        selector
    }
}

impl Check for UnusedSuppression {
    fn check(&self, _doc: &Document<'_>, _cx: &CheckCx<'_>, _out: &mut Vec<Finding>) {}

    fn check_suppressions(&self, uses: &[DirectiveUse<'_>], rule: &Rule, out: &mut Vec<DirectiveFinding>) {
        for u in uses {
            let directive = match u.directive.kind {
                DirectiveKind::DisableNextLine => "factlint-disable-next-line",
                DirectiveKind::Disable => "factlint-disable",
                DirectiveKind::Enable => "factlint-enable",
            };
            let rules =
                if u.directive.rules.is_empty() { "every rule".to_string() } else { u.directive.rules.join(", ") };
            let reasons: Vec<String> = u
                .idle
                .iter()
                .map(|i| match i {
                    Idle::Unknown(s) => format!("{s} names no loaded rule or category"),
                    Idle::Unused(s) if u.directive.kind == DirectiveKind::DisableNextLine => {
                        format!("no {} finding on the next line to suppress", name(s))
                    }
                    Idle::Unused(s) => format!("no {} finding in its range to suppress", name(s)),
                    Idle::ClosesNothing(s) if s.is_empty() => "no factlint-disable is open".to_string(),
                    Idle::ClosesNothing(s) => format!("no factlint-disable {s} is open"),
                })
                .collect();
            let reason = reasons.join("; ");
            out.push(DirectiveFinding {
                span: u.directive.span,
                message: rule.render_message(&[("directive", directive), ("rules", &rules), ("reason", &reason)]),
                evidence: vec!["remove the comment, or name the rule whose finding it is meant to suppress".to_string()],
            });
        }
    }
}
