//! `consistency`: one document placing the same place in two regions that cannot both hold
//! ("Shenzhen, Guangdong" in one paragraph, "Shenzhen, KwaZulu-Natal" in another).
//!
//! Why: a reader who meets both cannot tell which is meant, and one of them is usually a
//! translation or editing slip. The document contradicts itself even where the knowledge would
//! let a small place pass.
//!
//! How: the rule's patterns find claims with `place` and `region` groups, read exactly as the
//! located-in kind reads them ([`crate::claims::place`]: known names only; lists, introductory
//! phrases and the like are not claims). Two claims about the same place name agree when one
//! region lies in the other or they are the same ("Shenzhen, Guangdong" and "Shenzhen, China"),
//! or when both hold for some place of that name (namesakes the document may mean both of:
//! "Newcastle, KwaZulu-Natal" and "Newcastle, New South Wales"). Otherwise the claim the
//! knowledge does not support is reported (the later one when neither holds), with the other
//! as a label and, when it holds, as the suggestion.
//!
//! Example: "Forum digelar di Shenzhen, Guangdong. ... Delegasi tiba di Shenzhen,
//! KwaZulu-Natal." -> "Shenzhen, KwaZulu-Natal" is flagged; suggestion "Shenzhen, Guangdong".

use super::wording::{self, Entries, Wording};
use super::{Check, CheckCx, Document, Finding};
use crate::checks::rule::{CompileCx, KindInfo};
use crate::claims::place::{ClaimReaders, PlaceClaim};
use crate::knowledge::Knowledge;
use crate::source::LocatedError;
use crate::vocab::fold::fold;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub const INFO: KindInfo = KindInfo {
    name: "consistency",
    required_groups: &["place", "region"],
    optional_groups: &["claim"],
    needs_patterns: false,
    reads_claims: true,
    message_values: &["place", "region", "other"],
    groups_doc: "as located-in",
    settings_doc: "`wording.LANG` (message, evidence and label per language; the shipped rule's when omitted)",
    compile: |settings, cx| Ok(Box::new(Consistency::compile(cx.settings(settings)?, cx)?)),
    groups_problem: KindInfo::no_group_problem,
};

/// `[settings]` of a consistency rule. Claims are read as the lexicons' `place_*` lists define
/// them, as for located-in.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// How findings are worded, by language ([`wording`]).
    pub wording: wording::Tables,
}

/// The wording entries a consistency rule reads.
const ENTRIES: Entries = Entries {
    kind: INFO.name,
    inherit: true,
    texts: &["elsewhere", "agrees", "here", "consistent"],
    optional: &["message"],
    lists: &[],
    message_values: INFO.message_values,
};

#[derive(Debug)]
pub struct Consistency {
    readers: ClaimReaders,
    wording: Wording,
}

impl Consistency {
    pub fn compile(s: Settings, cx: &CompileCx<'_>) -> Result<Consistency, LocatedError> {
        let wording = Wording::compile(s.wording, ENTRIES, cx)?;
        Ok(Consistency { readers: ClaimReaders::new(cx.lexicons), wording })
    }
}

/// True when the two regions can both be right about one place: the same region, or one
/// inside the other.
fn regions_agree(kb: &Knowledge, a: &PlaceClaim, b: &PlaceClaim) -> bool {
    a.regions.iter().any(|ra| {
        b.regions
            .iter()
            .any(|rb| ra.place == rb.place || kb.lies_in(ra.place, rb.place) || kb.lies_in(rb.place, ra.place))
    })
}

impl Check for Consistency {
    fn check(&self, doc: &Document<'_>, cx: &CheckCx<'_>, out: &mut Vec<Finding>) {
        let kb = cx.knowledge;
        let (w, lang) = (&self.wording, doc.lang);
        let text = doc.text();
        let claims = self.readers.claims(doc, &cx.read_cx(), &cx.patterns_in_doc(doc).collect::<Vec<_>>());
        let holds: Vec<bool> = claims.iter().map(|c| c.holds(kb)).collect();
        // Claims about one place name, in text order.
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in claims.iter().enumerate() {
            by_name.entry(fold(&text[c.place.clone()])).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = by_name.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        let mut reported: HashSet<usize> = HashSet::new();
        for (g, &b) in groups.iter().flat_map(|g| g.iter().enumerate().map(move |(i, b)| (&g[..i], b))) {
            for &a in g {
                if regions_agree(kb, &claims[a], &claims[b]) || (holds[a] && holds[b]) {
                    continue;
                }
                let (bad, good) = if holds[b] && !holds[a] { (a, b) } else { (b, a) };
                if !reported.insert(bad) {
                    continue;
                }
                let (bc, gc) = (&claims[bad], &claims[good]);
                let place = &text[bc.place.clone()];
                let region = &text[bc.region.clone()];
                let other = &text[gc.region.clone()];
                let other_claim = &text[gc.claim.clone()];
                let mut evidence = vec![w.fill(lang, "elsewhere", &[("claim", other_claim)])];
                let suggestion = holds[good].then(|| {
                    evidence.push(w.fill(lang, "agrees", &[("claim", other_claim)]));
                    format!("{}{}{}", &text[bc.claim.start..bc.region.start], other, &text[bc.region.end..bc.claim.end])
                });
                let values = [("place", place), ("region", region), ("other", other)];
                out.push(Finding {
                    range: bc.claim.clone(),
                    message: w.message(lang, &values).unwrap_or_else(|| cx.rule.render_message(&values)),
                    evidence,
                    suggestion,
                    labels: vec![(gc.claim.clone(), w.fill(lang, "here", &[("place", place), ("region", other)]))],
                    ..Finding::default()
                });
                break;
            }
        }
        // A place the document names more than once, the same way each time and rightly:
        // confirmed. (Consistently wrong is the located-in rule's to say.)
        for g in &groups {
            for &i in g.iter().filter(|&&i| !reported.contains(&i) && holds[i]) {
                if g.iter().all(|&j| j == i || regions_agree(kb, &claims[i], &claims[j])) {
                    let c = &claims[i];
                    cx.confirmed(c.claim.clone(), || {
                        let count = g.len().to_string();
                        let values =
                            [("place", &text[c.place.clone()]), ("region", &text[c.region.clone()]), ("count", &count)];
                        w.fill(lang, "consistent", &values)
                    });
                }
            }
        }
    }
}
