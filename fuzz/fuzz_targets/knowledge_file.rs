//! The knowledge-file reader: any text either adds to the built-in knowledge or is a located
//! error, never a panic; knowledge that loads is checked against without one.
#![no_main]
use factlint::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut knowledge = Knowledge::builtin();
    match knowledge.load_str("fuzz.toml", text) {
        Ok(()) => {
            let rules = &factlint_fuzz::builtin().0;
            factlint_fuzz::check_with(
                rules,
                &knowledge,
                "Presiden Joko Widodo meresmikan jalan di Shenzhen, KwaZulu-Natal, pada 5 Juli 2023.",
            );
        }
        Err(errors) => {
            for e in errors {
                assert!(e.line >= 1 && e.column >= 1, "{e:?}");
            }
        }
    }
});
