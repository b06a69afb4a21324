//! `--baseline FILE` and `--write-baseline`: known findings are recorded by rule, path and claim
//! text with counts, later runs report only new ones, and a missing or malformed baseline is an
//! error (exit 2).

mod common;

use common::{factlint_in, fixtures, scratch};
use serde_json::Value;
use std::path::Path;

const ARTICLE: &str = "Forum industri di Medan, Jawa Barat tarik minat investor.\n\nPeserta datang dari Bandung.\n";

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn findings(stdout: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(stdout).expect("JSON output");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["text"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn write_then_report_only_new_findings() {
    let dir = scratch("baseline-new");
    write(&dir, "content/a.txt", ARTICLE);
    write(&dir, "content/b.txt", "Acara di Makassar, Jawa Timur ramai.\n");

    // Recording exits 0 even though the findings are errors, and prints nothing on stdout.
    let run = factlint_in(&dir, &["check", "content", "--baseline", "baseline.json", "--write-baseline"], None);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "stderr: {}", run.stderr);
    assert!(run.stderr.contains("wrote 2 findings in 2 files to baseline.json"), "{}", run.stderr);
    let baseline: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(
        baseline,
        serde_json::json!({"version": 1, "findings": [
            {"rule": "place.located-in", "path": "content/a.txt", "text": "Medan, Jawa Barat", "count": 1},
            {"rule": "place.located-in", "path": "content/b.txt", "text": "Makassar, Jawa Timur", "count": 1},
        ]})
    );

    // Nothing new: exit 0, no findings, a note on stderr.
    let run = factlint_in(&dir, &["check", "content", "--baseline", "baseline.json", "--format", "json"], None);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(findings(&run.stdout), vec![]);
    assert!(run.stderr.contains("2 known findings"), "{}", run.stderr);

    // Edits elsewhere move the known claim without making it new; a new claim is reported.
    write(
        &dir,
        "content/a.txt",
        &format!("Judul baru\n\nParagraf baru di atas.\n\n{ARTICLE}Acara lain di Denpasar, Sumatera Utara.\n"),
    );
    let run = factlint_in(&dir, &["check", "content", "--baseline", "baseline.json", "--format", "json"], None);
    assert_eq!(run.code, 1, "a new error fails the run\nstderr: {}", run.stderr);
    assert_eq!(findings(&run.stdout), vec![("content/a.txt".into(), "Denpasar, Sumatera Utara".into())]);
}

#[test]
fn the_same_claim_twice_counts_twice() {
    let dir = scratch("baseline-count");
    write(&dir, "a.txt", "Acara di Medan, Jawa Barat ramai.\n\nAcara lain di Medan, Jawa Barat juga ramai.\n");
    let run = factlint_in(&dir, &["check", "a.txt", "--baseline", "b.json", "--write-baseline"], None);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let baseline = std::fs::read_to_string(dir.join("b.json")).unwrap();
    assert!(baseline.contains("\"count\": 2"), "{baseline}");

    // A third occurrence is new; the first two stay known.
    write(
        &dir,
        "a.txt",
        "Acara di Medan, Jawa Barat ramai.\n\nLagi di Medan, Jawa Barat.\n\nDan di Medan, Jawa Barat.\n",
    );
    let run = factlint_in(&dir, &["check", "a.txt", "--baseline", "b.json", "--format", "json"], None);
    assert_eq!(run.code, 1);
    let new = findings(&run.stdout);
    assert_eq!(new.len(), 1, "{new:?}");
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["findings"][0]["span"]["line"], 5, "the last occurrence is the new one");
}

#[test]
fn paths_are_relative_to_the_baseline_so_any_working_folder_works() {
    let dir = scratch("baseline-cwd");
    write(&dir, "site/content/a.txt", ARTICLE);
    let run = factlint_in(
        &dir,
        &["check", "./site/content", "--baseline", "site/factlint-baseline.json", "--write-baseline"],
        None,
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let baseline = std::fs::read_to_string(dir.join("site/factlint-baseline.json")).unwrap();
    assert!(baseline.contains("\"path\": \"content/a.txt\""), "{baseline}");
    // Run from inside site/ with another spelling of the same path.
    let run = factlint_in(&dir.join("site"), &["check", "content/a.txt", "--baseline", "factlint-baseline.json"], None);
    assert_eq!(run.code, 0, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
}

#[test]
fn a_missing_baseline_is_an_error() {
    let dir = scratch("baseline-missing");
    write(&dir, "a.txt", ARTICLE);
    let run = factlint_in(&dir, &["check", "a.txt", "--baseline", "nope.json"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is checked");
    assert_eq!(
        run.stderr.trim(),
        "error: cannot read baseline nope.json: no such file (write one with --write-baseline)"
    );
}

#[test]
fn a_malformed_baseline_is_an_error_with_its_position() {
    let dir = scratch("baseline-malformed");
    write(&dir, "a.txt", ARTICLE);
    write(&dir, "bad.json", "{\"version\": 1,\n \"findings\": [{\"rule\": \"place.located-in\", \"path\": 3}]}\n");
    let run = factlint_in(&dir, &["check", "a.txt", "--baseline", "bad.json"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: bad.json:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("not a factlint baseline"), "{}", run.stderr);

    write(&dir, "v2.json", "{\"version\": 2, \"findings\": []}");
    let run = factlint_in(&dir, &["check", "a.txt", "--baseline", "v2.json"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("baseline version 2 is not supported"), "{}", run.stderr);
}

#[test]
fn write_baseline_needs_a_baseline_file() {
    let run = factlint_in(&fixtures(), &["check", "en-port.md", "--write-baseline"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--baseline <FILE>"), "{}", run.stderr);
}

#[test]
fn an_unreadable_input_still_fails_when_writing_a_baseline() {
    let dir = scratch("baseline-unreadable");
    write(&dir, "a.txt", ARTICLE);
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9\n").unwrap();
    let run = factlint_in(&dir, &["check", ".", "--baseline", "b.json", "--write-baseline"], None);
    assert_eq!(run.code, 2, "an input could not be read");
    assert!(run.stderr.contains("latin1.txt: not valid UTF-8"), "{}", run.stderr);
    assert!(dir.join("b.json").is_file(), "the readable files are recorded");
}
