//! `factlint check --stream`: JSON Lines in, one JSON line per document out, in input order;
//! exit codes. The output format itself is snapshotted with the other formats (tests/outputs.rs).

mod common;

use common::{factlint_in, fixtures, scratch};
use serde_json::{json, Value};

fn lines(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect()
}

#[test]
fn order_is_kept_across_batches() {
    // More documents than one batch holds, every tenth with a finding.
    let mut input = String::new();
    for i in 0..2500 {
        let text = if i % 10 == 0 { "Acara di Medan, Jawa Barat ramai." } else { "Acara di Medan ramai." };
        input.push_str(&json!({"id": i, "text": text, "lang": "id"}).to_string());
        input.push('\n');
    }
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 2500);
    for (i, l) in out.iter().enumerate() {
        assert_eq!(l["id"], i, "output order is input order");
        assert_eq!(l["findings"].as_array().unwrap().len(), usize::from(i % 10 == 0), "document {i}");
    }
    assert_eq!(out[0]["findings"][0]["path"], "0", "a finding's path is the document id");
}

#[test]
fn findings_fail_a_stream_only_with_an_explicit_fail_on() {
    let input = b"{\"id\": \"a\", \"text\": \"Acara di Medan, Jawa Barat ramai.\"}\n";
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(input));
    assert_eq!(run.code, 0);
    let run = factlint_in(&fixtures(), &["check", "--stream", "--fail-on", "error"], Some(input));
    assert_eq!(run.code, 1);
    assert_eq!(lines(&run.stdout).len(), 1, "the output is complete all the same");
}

#[test]
fn bad_lines_are_reported_in_band_and_do_not_fail_the_stream() {
    let input = b"not json\n{\"id\": \"ok\", \"text\": \"Medan.\"}\n[1, 2]\n{\"id\": \"t\", \"text\": 5}\n";
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(input));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 4);
    assert!(out[0]["error"].as_str().unwrap().starts_with("line 1: not valid JSON"));
    assert_eq!(out[1], json!({"id": "ok", "line": 2, "findings": []}));
    assert!(out[2]["error"].as_str().unwrap().contains("a document is a JSON object"));
    assert_eq!(out[3]["id"], "t");
    assert_eq!(out[3]["error"], "line 4: \"text\" must be a string");
}

#[test]
fn an_empty_stream_is_fine() {
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(b""));
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
}

#[test]
fn a_last_line_without_a_line_break_is_a_document() {
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(b"{\"id\": 1, \"text\": \"x\"}"));
    assert_eq!(run.stdout, "{\"id\":1,\"line\":1,\"findings\":[]}\n");
}

#[test]
fn configuration_errors_exit_2() {
    let dir = scratch("stream-config");
    std::fs::write(dir.join("factlint.toml"), "no_such_key = 1\n").unwrap();
    let run = factlint_in(&dir, &["check", "--stream"], Some(b"{\"id\": 1, \"text\": \"x\"}\n"));
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("factlint.toml:1:"), "{}", run.stderr);
}

#[test]
fn stream_mode_takes_no_paths_or_format() {
    for args in [&["check", "--stream", "a.txt"][..], &["check", "--stream", "--format", "json"]] {
        let run = factlint_in(&fixtures(), args, Some(b""));
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    }
}

#[test]
fn blank_lines_get_no_output_and_every_output_line_says_which_input_line_it_answers() {
    let input = b"{\"id\": \"a\", \"text\": \"Medan.\"}\n\n   \n{\"id\": \"b\", \"text\": \"Medan.\"}\n";
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(input));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let out = lines(&run.stdout);
    assert_eq!(
        out.iter().map(|l| (l["id"].clone(), l["line"].clone())).collect::<Vec<_>>(),
        [(json!("a"), json!(1)), (json!("b"), json!(4))]
    );
}

#[test]
fn a_byte_order_mark_may_open_the_stream() {
    let input = b"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"Medan.\"}\n";
    let run = factlint_in(&fixtures(), &["check", "--stream"], Some(input));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(lines(&run.stdout), [json!({"id": "a", "line": 1, "findings": []})]);
}
