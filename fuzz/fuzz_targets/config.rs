//! The config reader: any text either reads as a factlint.toml or is a located error, never a
//! panic; a config that reads gives settings for a file and checks its selectors.
#![no_main]
use factlint::config::Config;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::parse(Path::new("fuzz/factlint.toml"), text) {
        Ok(config) => {
            let _ = config.check_selectors(&factlint_fuzz::builtin().0);
            let _ = config.settings_for(&Default::default(), Path::new("fuzz/docs/a.md"));
        }
        Err(e) => assert!(e.line >= 1 && e.column >= 1, "{e:?}"),
    }
});
