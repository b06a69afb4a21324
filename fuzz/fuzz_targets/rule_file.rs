//! The rule-file reader: any text either loads as a rule (with the shipped lexicons) or is a
//! located error, never a panic; a rule that loads checks a document without one.
#![no_main]
use factlint::rules::{Builtin, RuleSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match RuleSet::load_texts(Builtin::LexiconsOnly, vec![("fuzz.toml".to_string(), text.to_string())]) {
        Ok(rules) => {
            let knowledge = &factlint_fuzz::builtin().1;
            factlint_fuzz::check_with(
                &rules,
                knowledge,
                "Shenzhen, KwaZulu-Natal, 5 Juli 2023 (Rabu). Slot gacor 𝗪𝗘𝗧𝗢𝗡𝟴𝟴 maxwin. The 12 March 2020 meeting.",
            );
        }
        Err(errors) => {
            for e in errors {
                assert!(e.line >= 1 && e.column >= 1, "{e:?}");
            }
        }
    }
});
