//! The HTML reader: any UTF-8 text reads into prose without a panic, and every prose
//! character maps back inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let prose = factlint::markup::parse(text, factlint::markup::Format::Html);
        factlint_fuzz::spans_inside(&prose, text);
    }
});
