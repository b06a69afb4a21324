//! The library's top-level modules import one way: each may use only the modules below it in
//! [`LAYERS`]. The test reads the sources, so a `use` that points up (or a module missing from
//! the list) fails here before it can grow into a cycle.
//!
//!   cargo test --test layers -- --nocapture    # prints the module graph

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: the data flow from vocabulary and source text to the command line.
const LAYERS: &[&str] = &[
    "builtin",
    "vocab",
    "source",
    "lexicon",
    "markup",
    "normalize",
    "classify",
    "knowledge",
    "recognize",
    "claims",
    "checks",
    "rules",
    "diagnostic",
    "suppress",
    "engine",
    "verify",
    "fix",
    "render",
    "baseline",
    "config",
    "stream",
    "cli",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under src/ belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file under src/");
    let first = rel.components().next().expect("a path").as_os_str().to_string_lossy().into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The code of a Rust file without its comments (line and block) and string literals, so that a
/// path written in prose or in a message is not taken for an import.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if b[i] == b'r' && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#')) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            j += 1;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A character literal such as '"' (lifetimes have no closing quote).
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            i += 2;
            while i < b.len() && b[i] != b'\'' {
                i += 1;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("inside the text");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The top-level modules a piece of code names through `crate::` paths (`factlint::` in the
/// binary), `use crate::{a, b}` groups included.
fn crate_paths(code: &str, root: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    for (at, _) in code.match_indices(root) {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `factlint_crate::` and the like
        }
        let rest = code[at + root.len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // Names at the group's first level: after the brace and after each comma.
            let mut depth = 0;
            let mut expect_name = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => expect_name = true,
                    c if c.is_whitespace() => {}
                    _ if expect_name && depth == 0 => {
                        found.insert(ident(&group[i..]));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

#[test]
fn modules_import_downward_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(from) = rank(&module) else {
            problems.push(format!("module `{module}` ({}) is not in LAYERS: give it its place", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a readable source file");
        // The command line is the binary's: it reaches the library through its public API.
        let root = if module == "cli" { "factlint::" } else { "crate::" };
        for used in crate_paths(&code_only(&text), root) {
            if used == module || used == "self" || used == "super" {
                continue;
            }
            graph.entry(module.clone()).or_default().insert(used.clone());
            match rank(&used) {
                Some(to) if to < from => {}
                Some(_) => problems.push(format!(
                    "{} imports `{used}`, which is not below `{module}` in LAYERS",
                    file.strip_prefix(&src).unwrap_or(file).display()
                )),
                None => problems.push(format!("{} names `crate::{used}`, not a module in LAYERS", file.display())),
            }
        }
    }
    for layer in LAYERS {
        let below: Vec<&str> = graph.get(*layer).map(|s| s.iter().map(String::as_str).collect()).unwrap_or_default();
        println!("{layer:>10} -> {}", if below.is_empty() { "(nothing)".to_string() } else { below.join(", ") });
    }
    assert!(problems.is_empty(), "imports that point up the layers:\n{}", problems.join("\n"));
    // Every listed layer exists, so the list cannot hide a stale name.
    for layer in LAYERS {
        assert!(
            src.join(format!("{layer}.rs")).exists() || src.join(layer).is_dir(),
            "LAYERS names `{layer}`, which src/ does not have"
        );
    }
}

#[test]
fn the_scanner_reads_groups_and_skips_prose() {
    let code = code_only(
        "use crate::{checks::rule::Rule, vocab::{Lang, Severity}};\n// crate::cli in a comment\nlet s = \"crate::render\";\nlet p = crate::source::line_starts(t);\n",
    );
    let found: Vec<String> = crate_paths(&code, "crate::").into_iter().collect();
    assert_eq!(found, ["checks", "source", "vocab"]);
}
