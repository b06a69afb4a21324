//! The command line as a user runs it: exit codes, inputs (files, folders, stdin, Markdown,
//! unreadable files), and the human and JSON reports, snapshotted in snapshots/.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn factlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.env_remove("NO_COLOR").env("CI", "true");
    c
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    factlint().current_dir(dir).args(args).output().expect("factlint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
#[ignore = "needs ../shared (the seed article): run by .ci/run"]
fn seed_article_is_flagged_with_guangdong() {
    let seed = common::shared("seeds/article-id-shenzhen.txt");
    assert!(seed.is_file(), "the seed article {} is missing", seed.display());
    let o = factlint().args(["check", "--color", "never"]).arg(&seed).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Shenzhen tidak terletak di KwaZulu-Natal"), "{out}");
    assert!(out.contains("Guangdong"), "{out}");

    let o = factlint().args(["check", "--format", "json", "--select", "place"]).arg(&seed).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "place.located-in");
    assert_eq!(f["text"], "Shenzhen, KwaZulu-Natal");
    assert_eq!(f["suggestion"], "Shenzhen, Guangdong");
    // The span points at the original bytes of the file.
    let bytes = std::fs::read(&seed).unwrap();
    let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&bytes[s..e], "Shenzhen, KwaZulu-Natal".as_bytes());
}

#[test]
fn json_report_of_the_fixtures() {
    let o = run_in(&fixtures(), &["check", "--format", "json", "--select", "place", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    snapshot!("cli_json_fixtures", stdout(&o));
}

#[test]
fn human_report_of_the_fixtures() {
    let o = run_in(&fixtures(), &["check", "--color", "never", "--select", "place", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    snapshot!("cli_human_fixtures", stdout(&o));
}

#[test]
fn json_spans_point_at_original_bytes_in_markdown() {
    let o = run_in(&fixtures(), &["check", "--format", "json", "--select", "place", "en-report.md"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = std::fs::read_to_string(fixtures().join("en-report.md")).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "only the prose claim, not code or URLs: {findings:?}");
    for f in findings {
        let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["text"].as_str().unwrap());
        let line = text[..s].matches('\n').count() + 1;
        assert_eq!(f["span"]["line"].as_u64().unwrap() as usize, line);
    }
}

#[test]
fn exit_codes() {
    let dir = fixtures();
    assert_eq!(run_in(&dir, &["check", "clean.txt"]).status.code(), Some(0));
    assert_eq!(run_in(&dir, &["check", "id-berita.txt"]).status.code(), Some(1));
    assert_eq!(run_in(&dir, &["check", "--fail-on", "never", "id-berita.txt"]).status.code(), Some(0));
    let missing = run_in(&dir, &["check", "clean.txt", "no-such-file.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout(&missing).contains("no-such-file.txt: cannot read: no such file or folder"), "{}", stdout(&missing));
    let bad_date = run_in(&dir, &["check", "--date", "2023-02-30", "clean.txt"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("--date must be YYYY-MM-DD"));
    let bad_rule = run_in(&dir, &["check", "--select", "place.nowhere", "clean.txt"]);
    assert_eq!(bad_rule.status.code(), Some(2));
    assert!(stderr(&bad_rule).contains("no rule or category \"place.nowhere\""), "{}", stderr(&bad_rule));
    let usage = run_in(&dir, &["check", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(run_in(&dir, &["--help"]).status.code(), Some(0));
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_still_checked() {
    let dir = common::scratch("cli-unreadable");
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 in Shenzhen, KwaZulu-Natal.\n").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x00\x01\x02 Shenzhen, KwaZulu-Natal").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("good.txt"), "Delegates met in Shenzhen, KwaZulu-Natal.\n").unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}: {}", e["path"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("./binary.txt: binary file"), "{errors:?}");
    assert!(errors[1].starts_with("./latin1.txt: not valid UTF-8 (first bad byte at offset 3)"), "{errors:?}");
    assert_eq!(v["summary"]["files"], 2, "empty.txt and good.txt were checked");
    assert_eq!(v["findings"][0]["path"], "./good.txt");
}

#[test]
fn stdin_is_checked() {
    let mut child = factlint()
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Pabrik baru dibangun di Makassar, Jawa Timur, tahun ini.".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["path"], "-");
    // Indonesian was recognised without --lang: the suggestion names the province in Indonesian.
    assert_eq!(v["findings"][0]["suggestion"], "Makassar, Sulawesi Selatan");
}

#[test]
fn folder_walk_respects_gitignore() {
    let dir = common::scratch("cli-walk");
    std::fs::write(dir.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::create_dir_all(dir.join("news")).unwrap();
    std::fs::write(dir.join("drafts/old.md"), "Held in Shenzhen, KwaZulu-Natal.\n").unwrap();
    std::fs::write(dir.join("news/today.md"), "Held in Chengdu, Ontario.\n").unwrap();
    std::fs::write(dir.join("news/photo.png"), [0x89, b'P', b'N', b'G', 0]).unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{}", stdout(&o));
    assert_eq!(v["findings"][0]["path"], "./news/today.md");
    assert!(v["errors"].as_array().unwrap().is_empty(), "the walk reads prose files only");
}

#[test]
fn kb_lookup_prints_places_with_sources() {
    let o = factlint().args(["kb", "lookup", "Shenzhen"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    snapshot!("cli_kb_lookup_shenzhen", stdout(&o));
    let o = factlint().args(["kb", "lookup", "Atlantis-on-Nowhere"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn kb_lookup_shows_levels_and_history() {
    let out = |args: &[&str]| String::from_utf8(factlint().args(args).output().unwrap().stdout).unwrap();
    let kudus = out(&["kb", "lookup", "Kudus"]);
    assert!(kudus.contains("Kudus (city), in Kabupaten Kudus, Central Java, Indonesia"), "{kudus}");
    assert!(kudus.contains("Kabupaten Kudus (regency), in Central Java, Indonesia  [Kemendagri 33.19]"), "{kudus}");
    let banten = out(&["kb", "lookup", "Banten"]);
    assert!(banten.contains("split from West Java in 2000"), "{banten}");
    let brvt = out(&["kb", "lookup", "Ba Ria-Vung Tau"]);
    assert!(brvt.contains("(former region)") && brvt.contains("replaced by Ho Chi Minh in 2025"), "{brvt}");
    let json: serde_json::Value = serde_json::from_str(&out(&["kb", "lookup", "Ba Ria-Vung Tau", "--json"])).unwrap();
    let place = &json["places"][0];
    assert_eq!(place["level"], "former");
    assert_eq!(place["ref"], serde_json::Value::Null, "an old code may name another division now");
    assert_eq!(place["population"], serde_json::Value::Null, "a region has no population on record");
    assert_eq!(place["history"][0], "replaced by Ho Chi Minh in 2025");
}

/// Runs factlint with stdout read for one line and then closed, as `| head -1` does.
fn exit_code_after_reading_one_line(cwd: &std::path::Path, args: &[&str], stdin: Option<&[u8]>) -> i32 {
    use std::io::{BufRead, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { std::process::Stdio::piped() } else { std::process::Stdio::null() })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("factlint runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "factlint wrote something");
    drop(out);
    let status = child.wait_with_output().expect("factlint ends");
    assert!(status.stderr.is_empty(), "no message for a closed pipe: {}", String::from_utf8_lossy(&status.stderr));
    status.status.code().expect("an exit code")
}

#[test]
fn a_closed_pipe_keeps_the_exit_status_of_the_findings() {
    // Enough findings that the report outgrows the pipe's buffer.
    let dir = common::scratch("closed-pipe");
    for i in 0..300 {
        std::fs::write(
            dir.join(format!("a{i}.txt")),
            "Forum digelar di Shenzhen, KwaZulu-Natal, pada Selasa.\n".repeat(20),
        )
        .unwrap();
    }
    for format in ["human", "json", "sarif", "github", "junit", "html"] {
        assert_eq!(exit_code_after_reading_one_line(&dir, &["check", ".", "--format", format], None), 1, "{format}");
    }
    let line = "{\"id\": 1, \"text\": \"Forum digelar di Shenzhen, KwaZulu-Natal.\"}\n".repeat(20_000);
    let code =
        exit_code_after_reading_one_line(&dir, &["check", "--stream", "--fail-on", "error"], Some(line.as_bytes()));
    assert_eq!(code, 1, "stream");
}

#[test]
fn a_folder_without_files_to_check_is_an_error() {
    let dir = common::scratch("no-input");
    std::fs::write(dir.join("image.png"), b"not prose").unwrap();
    let run = common::factlint_in(&dir, &["check", "."], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no file to check in ."), "{}", run.stderr);
}

#[test]
fn a_user_pattern_rule_works_alone_with_no_builtin_rules() {
    // Its macros ({month}) come from the shipped lexicons, which stay.
    let dir = common::scratch("user-rule-alone");
    std::fs::write(
        dir.join("r.toml"),
        "id = \"date.mine\"\nkind = \"forbidden\"\nlanguages = [\"en\"]\nseverity = \"error\"\nmessage = \"no {term}\"\n[[pattern]]\nregex = '\\b(?P<term>{month} 32)\\b'\n[[example]]\nlang = \"en\"\ntext = \"It was March 32 then.\"\nflagged = [\"March 32\"]\n[[example]]\nlang = \"en\"\ntext = \"clean\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "It was March 32 then.\n").unwrap();
    let run = common::factlint_in(
        &dir,
        &["check", "a.txt", "--lang", "en", "--rules", "r.toml", "--no-builtin-rules", "--format", "json"],
        None,
    );
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("\"rule\": \"date.mine\""), "{}", run.stdout);
    let run = common::factlint_in(&dir, &["rules", "test", "r.toml"], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn rules_explain_takes_a_category_and_lists_its_rules() {
    let run = common::factlint_in(&fixtures_dir(), &["rules", "explain", "place"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("place.located-in"), "{}", run.stdout);
    let run = common::factlint_in(&fixtures_dir(), &["rules", "explain", "no-such-category"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no rule or category"), "{}", run.stderr);
}

fn fixtures_dir() -> std::path::PathBuf {
    common::fixtures()
}

#[test]
fn a_claim_deep_in_a_long_line_is_shown_around_it_at_its_true_column() {
    // The excerpt of a long line is cut around the claim; the location still counts from the
    // line's start, in characters.
    let dir = common::scratch("long-line");
    let filler = "é officials said the talks would continue ".repeat(100);
    let text = format!("{filler}the forum was held in Shenzhen, KwaZulu-Natal on Tuesday {filler}\n");
    std::fs::write(dir.join("a.txt"), &text).unwrap();
    let column = filler.chars().count() + "the forum was held in ".len() + 1;
    let run = common::factlint_in(&dir, &["check", "a.txt", "--lang", "en"], None);
    assert!(run.stdout.contains(&format!(" --> a.txt:1:{column}\n")), "{}", run.stdout);
    assert!(run.stdout.contains("Shenzhen, KwaZulu-Natal on Tuesday"), "{}", run.stdout);
    let json = common::factlint_in(&dir, &["check", "a.txt", "--lang", "en", "--format", "json"], None);
    assert!(json.stdout.contains(&format!("\"column\": {column}")), "{}", json.stdout);
}

#[test]
fn a_finding_without_evidence_has_no_generic_label() {
    let run = common::factlint_in(
        &common::fixtures(),
        &["check", "-", "--lang", "id"],
        Some("Main sekarang di slot777 dan zeus138, dijamin menang.\n".as_bytes()),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("^^^^^^^"), "{}", run.stdout);
    assert!(!run.stdout.contains("claim here"), "{}", run.stdout);
}

#[test]
fn kb_lookup_names_the_knowledge_file_a_users_place_comes_from() {
    let dir = common::scratch("kb-user-place");
    std::fs::write(
        dir.join("k.toml"),
        "[[place]]\nid = \"kampung-naga\"\nname = \"Kampung Naga\"\nkind = \"city\"\nin = \"admin1:ID.30\"\npopulation = 300\n",
    )
    .unwrap();
    let run = common::factlint_in(&dir, &["kb", "lookup", "Kampung Naga", "--knowledge", "k.toml"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[knowledge file k.toml]"), "{}", run.stdout);
    assert!(!run.stdout.contains("ref ]"), "{}", run.stdout);
}

#[test]
fn a_bad_front_matter_date_or_lang_is_an_error_and_the_file_is_still_checked() {
    let dir = common::scratch("bad-front-matter");
    std::fs::write(
        dir.join("a.md"),
        "---\ntitle: Uji\ndate: 31 Juni 2023\nlang: fr\n---\n\nShenzhen, KwaZulu-Natal, adalah kota besar di Tiongkok.\n",
    )
    .unwrap();
    let run = common::factlint_in(&dir, &["check", "a.md"], None);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("line 3, column 7: front matter `date: 31 Juni 2023` is not a date"), "{all}");
    assert!(all.contains("line 4, column 7: front matter `lang: fr` is not a language factlint checks"), "{all}");
    // The file was checked: its finding is there, in the language of its words.
    assert!(all.contains("Shenzhen tidak terletak di KwaZulu-Natal"), "{all}");
    assert!(all.contains("in 1 file; 2 front matter values not read"), "{all}");
    // A good front matter is no error, and --date / --lang put it aside.
    std::fs::write(dir.join("b.md"), "---\ndate: 5 Juli 2023\nlang: id-ID\n---\n\nHarga cabai turun.\n").unwrap();
    assert_eq!(common::factlint_in(&dir, &["check", "b.md"], None).code, 0);
    let run =
        common::factlint_in(&dir, &["check", "a.md", "--date", "2023-07-05", "--lang", "id", "--format", "json"], None);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("\"errors\": []"), "{}", run.stdout);
}

/// `--diff` shows each fix as a unified diff and writes nothing; `--fix` writes them, says what
/// it applied, and exits on the findings that remain.
#[test]
fn fix_applies_safe_suggestions_and_diff_only_shows_them() {
    let dir = common::scratch("cli-fix");
    let text = "Delegates met in Shenzhen, KwaZulu-Natal on Wednesday, 14 May 2024.\nThe praktek continues.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    std::fs::write(dir.join("clean.txt"), "Delegates met in Shenzhen, Guangdong.\n").unwrap();
    // A user's rule whose suggestion an editor must read first.
    std::fs::write(
        dir.join("unsafe.toml"),
        r#"id = "style.praktek"
kind = "preferred-term"
languages = ["en"]
severity = "warning"
fix = "unsafe"
message = "write \"{preferred}\", not \"{term}\""

[settings.pairs]
praktek = "practice"

[[example]]
text = "The praktek continues."
flagged = ["praktek"]

[[example]]
text = "The practice continues."
"#,
    )
    .unwrap();
    let args = ["check", "--no-config", "--lang", "en", "--rules", "unsafe.toml", "a.txt", "clean.txt"];

    let diff = common::factlint_in(&dir, &[&args[..], &["--diff"]].concat(), None);
    assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), text, "--diff writes nothing");
    assert!(diff.stdout.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{}", diff.stdout);
    assert!(
        diff.stdout.contains("+Delegates met in Shenzhen, Guangdong on Tuesday, 14 May 2024.\n"),
        "{}",
        diff.stdout
    );
    assert!(diff.stderr.contains("would fix 2 findings in a.txt"), "{}", diff.stderr);
    assert!(diff.stderr.contains("1 suggestion left to an editor"), "{}", diff.stderr);
    // The unsafe suggestion's finding remains, at warning: below the default threshold.
    assert_eq!(diff.code, 0, "{}", diff.stderr);

    let fixed =
        common::factlint_in(&dir, &[&args[..], &["--fix", "--fail-on", "warning", "--format", "json"]].concat(), None);
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).unwrap(),
        "Delegates met in Shenzhen, Guangdong on Tuesday, 14 May 2024.\nThe praktek continues.\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("clean.txt")).unwrap(), "Delegates met in Shenzhen, Guangdong.\n");
    assert!(
        fixed.stderr.contains("fixed 2 findings in a.txt") && fixed.stderr.contains("fixed 2 findings in 1 file"),
        "{}",
        fixed.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&fixed.stdout).expect("a JSON report");
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["style.praktek"], "only the unsafe suggestion's finding remains");
    assert_eq!(fixed.code, 1, "the remaining warning reaches --fail-on warning");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("factlint-fix"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let unsafe_too = common::factlint_in(&dir, &[&args[..], &["--fix", "--unsafe-fixes"]].concat(), None);
    assert_eq!(unsafe_too.code, 0, "{}", unsafe_too.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).unwrap(),
        "Delegates met in Shenzhen, Guangdong on Tuesday, 14 May 2024.\nThe practice continues.\n"
    );
}

#[test]
fn fix_leaves_markup_and_stdin_alone() {
    let dir = common::scratch("cli-fix-markup");
    // The claim spans a tag: a replacement would drop it.
    let html = "<p>Delegates met in Shenzhen, <b>KwaZulu-Natal</b>.</p>\n";
    std::fs::write(dir.join("a.html"), html).unwrap();
    let run = common::factlint_in(&dir, &["check", "--no-config", "--fix", "a.html"], None);
    assert_eq!(std::fs::read_to_string(dir.join("a.html")).unwrap(), html);
    assert!(run.stderr.contains("fixed 0 findings in 0 files"), "{}", run.stderr);
    assert_eq!(run.code, 1, "the finding remains: {}", run.stderr);
    let stdin = common::factlint_in(&dir, &["check", "--fix", "-"], Some(b"Shenzhen, KwaZulu-Natal."));
    assert_eq!(stdin.code, 2);
    assert!(stdin.stderr.contains("use --diff"), "{}", stdin.stderr);
    let diff = common::factlint_in(
        &dir,
        &["check", "--no-config", "--diff", "-"],
        Some(b"Held in Shenzhen, KwaZulu-Natal.\n"),
    );
    assert!(diff.stdout.contains("+Held in Shenzhen, Guangdong.\n"), "{}", diff.stdout);
}

/// `factlint claims` lists every claim the rules read, with its verdict and what it rests on;
/// the JSON report counts them per file and lists them with --claims.
#[test]
fn claims_are_listed_with_their_verdicts() {
    let dir = common::scratch("cli-claims");
    let text = "Delegates met in Shenzhen, Guangdong on Tuesday, 14 May 2024, and later in Nairobi, Uganda.\nThey left on Friday, May 17.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let run = common::factlint_in(&dir, &["claims", "--no-config", "--lang", "en", "a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "a.txt:1:18: confirmed place.located-in \"Shenzhen, Guangdong\": GeoNames 1795565",
            "a.txt:1:41: confirmed date.weekday-mismatch \"Tuesday, 14 May 2024\": 14 May 2024 was a Tuesday",
            "a.txt:1:76: contradicted place.located-in \"Nairobi, Uganda\": Nairobi is not in Uganda",
            "a.txt:2:14: unknown date.weekday-mismatch \"Friday, May 17\": May 17 names no year, and the document has no date",
            "a.txt: 4 claims: 2 confirmed, 1 contradicted, 1 unknown",
        ],
        "{}",
        run.stdout
    );
    let unknown =
        common::factlint_in(&dir, &["claims", "--no-config", "--lang", "en", "--verdict", "unknown", "a.txt"], None);
    assert_eq!(unknown.stdout.lines().count(), 2, "{}", unknown.stdout);

    let json = common::factlint_in(
        &dir,
        &["check", "--no-config", "--lang", "en", "--format", "json", "--claims", "a.txt"],
        None,
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("a JSON report");
    assert_eq!(report["claims_version"], 1);
    let claims = &report["files"][0]["claims"];
    assert_eq!(
        (claims["confirmed"].as_u64(), claims["contradicted"].as_u64(), claims["unknown"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(claims["list"][0]["note"], "GeoNames 1795565");
    assert_eq!(claims["list"][0]["span"]["start"], 17);
    let no_list =
        common::factlint_in(&dir, &["check", "--no-config", "--lang", "en", "--format", "json", "a.txt"], None);
    let report: serde_json::Value = serde_json::from_str(&no_list.stdout).expect("a JSON report");
    assert!(report["files"][0]["claims"].get("list").is_none(), "the list only with --claims");
    let wrong = common::factlint_in(&dir, &["check", "--claims", "--format", "sarif", "a.txt"], None);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    // A folder with nothing to read is an error, as for check.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let nothing = common::factlint_in(&dir, &["claims", "--no-config", "empty"], None);
    assert_eq!(nothing.code, 2, "{}", nothing.stderr);
}

#[test]
fn fix_leaves_a_file_read_only_in_part() {
    let dir = common::scratch("cli-fix-front-matter");
    let text = "---\ndate: 31 Juni 2023\n---\nRapat digelar di Shenzhen, KwaZulu-Natal.\n";
    std::fs::write(dir.join("a.md"), text).unwrap();
    let run = common::factlint_in(&dir, &["check", "--no-config", "--fix", "a.md"], None);
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), text, "not touched");
    assert!(run.stderr.contains("a.md not fixed: part of it could not be read"), "{}", run.stderr);
    assert_eq!(run.code, 2);
}
