//! The words every layer shares: languages, severities, rule ids, folding for comparison,
//! calendar names, message templates and the hints for TOML mistakes. It imports nothing of
//! factlint's but the rule categories [`crate::builtin`] lists, so every other module may use it.

pub mod calendar;
pub mod fold;
pub mod words;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A two-letter language code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang([u8; 2]);

impl Lang {
    pub const EN: Lang = Lang(*b"en");
    pub const ID: Lang = Lang(*b"id");

    pub fn parse(s: &str) -> Option<Lang> {
        let b = s.as_bytes();
        (b.len() == 2 && b.iter().all(|c| c.is_ascii_lowercase())).then(|| Lang([b[0], b[1]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Finding categories, the folders of shipped rules under rules/; a rule id is
/// `category.name`.
pub use crate::builtin::CATEGORIES;

/// A rule id, `category.name`, validated.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(Arc<str>);

impl RuleId {
    pub fn parse(s: &str) -> Result<RuleId, String> {
        let Some((cat, name)) = s.split_once('.') else {
            return Err(format!("a rule id is `category.name` (e.g. place.located-in), not {s:?}"));
        };
        if !CATEGORIES.contains(&cat) {
            return Err(format!("unknown category {cat:?} in rule id {s:?}: use one of {}", CATEGORIES.join(", ")));
        }
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(format!("the name in rule id {s:?} must be lower-case letters, digits and hyphens"));
        }
        Ok(RuleId(s.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn category(&self) -> &str {
        self.0.split('.').next().unwrap_or("")
    }

    /// True when `selector` names this rule: its id, or its category.
    pub fn matches(&self, selector: &str) -> bool {
        selector == self.as_str() || selector == self.category() || selector == "all"
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A count and its noun: "1 file", "3 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The `{name}` placeholders of a message template, in order: the byte range of each, braces
/// included, and its name. A `{` with no `}` after it ends the template's placeholders.
pub fn placeholders(template: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let open = at + template[at..].find('{')?;
        let close = open + template[open..].find('}')?;
        at = close + 1;
        Some((open..close + 1, &template[open + 1..close]))
    })
}

/// Replaces `{name}` with values; unknown names stay as written.
pub fn fill_template(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut last = 0;
    for (range, name) in placeholders(template) {
        out.push_str(&template[last..range.start]);
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&template[range.clone()]),
        }
        last = range.end;
    }
    out.push_str(&template[last..]);
    out
}

/// A TOML error message, with a hint for the mistakes users make most.
pub fn explain_toml_message(message: &str) -> String {
    let m = message.trim();
    let hint = if m.contains("invalid type: map, expected a string") {
        " (a date is written as a string: \"2023-07-05\")"
    } else if m.starts_with("invalid type: string") && m.ends_with("expected a sequence") {
        " (write a list, even of one: [\"...\"])"
    } else if m.contains("invalid escape sequence") {
        " (write regular expressions in single quotes, '...', where backslashes need no escaping)"
    } else {
        ""
    };
    // The words around place claims moved from the place kinds' settings to the lexicons.
    const CLAIM_WORDS: &[(&str, &str)] = &[
        ("lead_words", "place_lead"),
        ("trail_words", "place_trail"),
        ("intro_words", "place_intro"),
        ("list_words", "place_list"),
        ("not_after_region", "place_not_after_region"),
        ("not_before_place", "place_not_before_place"),
    ];
    if let Some((_, list)) = CLAIM_WORDS.iter().find(|(f, _)| m.contains(&format!("unknown field `{f}`"))) {
        return format!(
            "{m} (place claims are read as the lexicons define them: add words to the `{list}` list of a lexicon file, as rules/place/claims.en.toml does)"
        );
    }
    format!("{m}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids() {
        assert!(RuleId::parse("place.located-in").is_ok());
        assert!(RuleId::parse("located-in").is_err());
        assert!(RuleId::parse("weather.rain").is_err());
        assert!(RuleId::parse("place.Located").is_err());
        let id = RuleId::parse("spam.gambling").unwrap();
        assert!(id.matches("spam") && id.matches("spam.gambling") && !id.matches("place"));
    }

    #[test]
    fn templates() {
        assert_eq!(
            fill_template("{place} is not in {region}", &[("place", "Shenzhen"), ("region", "KwaZulu-Natal")]),
            "Shenzhen is not in KwaZulu-Natal"
        );
        assert_eq!(fill_template("{x} {", &[]), "{x} {");
    }
}
