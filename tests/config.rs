//! factlint.toml (discovery, overrides, errors) and `factlint init`, as a user runs them.

mod common;

use common::{factlint_in, scratch};

#[test]
fn init_writes_files_that_work_as_written() {
    let dir = scratch("init");
    let r = factlint_in(&dir, &["init"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["factlint.toml", "factlint-rules/house-style.toml", "factlint-knowledge.toml"] {
        assert!(dir.join(f).is_file(), "{f} written");
    }
    let r = factlint_in(&dir, &["rules", "test", "factlint-rules/"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("ok      style.house-terms"), "{}", r.stdout);
    let r = factlint_in(&dir, &["kb", "check", "factlint-knowledge.toml"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    std::fs::write(dir.join("story.md"), "We sent an e-mail to readers in Bandung, Tatar Sunda.\n").unwrap();
    let r = factlint_in(&dir, &["check", "--format", "json", "."], None);
    // The house rule is a warning and the config fails on errors only.
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, vec!["style.house-terms"], "{}", r.stdout);
    // A second init does not overwrite.
    let r = factlint_in(&dir, &["init"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exist"), "{}", r.stderr);
}

#[test]
fn config_is_found_upward_and_overrides_apply_by_glob() {
    let dir = scratch("config-upward");
    std::fs::write(
        dir.join("factlint.toml"),
        "fail-on = \"warning\"\n[severity]\n\"place.located-in\" = \"warning\"\n[[override]]\nfiles = [\"archive/**\"]\nignore = [\"place\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("news/2024")).unwrap();
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::write(dir.join("news/2024/a.txt"), "Talks were held in Nairobi, Uganda.\n").unwrap();
    std::fs::write(dir.join("archive/b.txt"), "Talks were held in Nairobi, Uganda.\n").unwrap();
    let r = factlint_in(&dir.join("news/2024"), &["check", "--format", "json", "a.txt"], None);
    assert_eq!(r.code, 1, "fail-on warning from the config: {}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["findings"][0]["severity"], "warning", "severity override: {}", r.stdout);
    let r = factlint_in(&dir, &["check", "--format", "json", "archive/b.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout.matches("\"rule\"").count(), 0, "the override ignores place rules in archive/: {}", r.stdout);
    // --no-config: the built-in severity and threshold.
    let r = factlint_in(&dir, &["check", "--no-config", "--format", "json", "archive/b.txt"], None);
    assert_eq!(r.code, 1, "{}", r.stdout);
}

#[test]
fn config_errors_are_located() {
    let dir = scratch("config-errors");
    std::fs::write(dir.join("factlint.toml"), "lang = \"id\"\nfail_on = \"warning\"\n").unwrap();
    std::fs::write(dir.join("a.txt"), "Text.\n").unwrap();
    let r = factlint_in(&dir, &["check", "a.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("factlint.toml:2:1: unknown field `fail_on`"), "{}", r.stderr);

    std::fs::write(dir.join("factlint.toml"), "ignore = [\"place.nowhere\"]\n").unwrap();
    let r = factlint_in(&dir, &["check", "a.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("factlint.toml:1:11: no rule or category \"place.nowhere\""), "{}", r.stderr);

    std::fs::write(dir.join("factlint.toml"), "lang = \"klingon\"\n").unwrap();
    let r = factlint_in(&dir, &["check", "a.txt"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("factlint.toml:1:8: lang is auto or a two-letter code"), "{}", r.stderr);
}

#[test]
fn config_knowledge_and_rules_paths_are_relative_to_it() {
    let dir = scratch("config-paths");
    std::fs::create_dir_all(dir.join("kb")).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("factlint.toml"), "knowledge = [\"kb/places.toml\"]\n").unwrap();
    std::fs::write(
        dir.join("kb/places.toml"),
        "[[place]]\nid = \"kampung-naga\"\nname = \"Kampung Naga\"\nkind = \"city\"\nin = \"admin1:ID.30\"\npopulation = 300000\n",
    )
    .unwrap();
    std::fs::write(dir.join("sub/a.txt"), "Wisatawan datang ke Kampung Naga, Jawa Timur, setiap tahun.\n").unwrap();
    let r = factlint_in(&dir.join("sub"), &["check", "--format", "json", "a.txt"], None);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("Kampung Naga tidak terletak di Jawa Timur"), "{}", r.stdout);
}

#[test]
fn the_config_init_writes_stays_valid_with_no_builtin_rules() {
    // Its [severity] names shipped rules, which --no-builtin-rules leaves out.
    let dir = common::scratch("init-no-builtin");
    let run = common::factlint_in(&dir, &["init"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(dir.join("a.txt"), "Acara di Medan ramai.\n").unwrap();
    let run = common::factlint_in(&dir, &["check", "a.txt", "--no-builtin-rules"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A name no rule bears is still an error.
    let config = std::fs::read_to_string(dir.join("factlint.toml")).unwrap();
    std::fs::write(
        dir.join("factlint.toml"),
        format!("{config}\n[[override]]\nfiles = [\"*.txt\"]\nignore = [\"place.no-such-rule\"]\n"),
    )
    .unwrap();
    let run = common::factlint_in(&dir, &["check", "a.txt", "--no-builtin-rules"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
