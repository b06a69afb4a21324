//! The shipped rules, embedded at build time from the files under rules/.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
