//! The shipped rules, embedded at build time from the files under rules/.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A shipped data file by its path in the repository ("rules/spam/judol.model").
pub fn data(path: &str) -> Option<&'static str> {
    DATA.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}
