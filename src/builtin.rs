//! The shipped rules, embedded at build time from the files under rules/.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A shipped data file by its path in the repository ("rules/spam/judol.model").
pub fn data(path: &str) -> Option<&'static str> {
    DATA.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// A shipped model's feature table built ahead, with the key of the model text it must have
/// been built from, by the model's path.
pub fn table(path: &str) -> Option<(u64, &'static [u8])> {
    TABLES.iter().find(|(p, _, _)| *p == path).map(|(_, key, bytes)| (*key, *bytes))
}
