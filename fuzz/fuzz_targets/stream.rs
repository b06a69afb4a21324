//! The stream reader: any bytes on stdin give one JSON line out per non-blank line in, never a
//! panic.
#![no_main]
use factlint::stream::check_stream;
use factlint::engine::{Engine, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (rules, knowledge) = factlint_fuzz::builtin();
    let engine = Engine { rules, knowledge };
    let mut out = Vec::new();
    let mut input = data;
    let result = check_stream(&mut input, &mut out, &engine, &Settings::default(), None, None);
    assert!(result.is_ok(), "reading from memory and writing to memory cannot fail");
    let lines_in = data
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data)
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let lines_out = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert_eq!(lines_in, lines_out, "one result a document");
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        assert!(std::str::from_utf8(line).is_ok(), "output is UTF-8");
    }
});
