//! Baselines, for archives adopting the gate: a file that records the findings a run accepted
//! (rule, path and claim text, with a count), so later runs report only new ones.
//!
//! Line numbers are not recorded: an edit elsewhere in a file moves findings without making
//! them new. Paths are stored relative to the baseline file's folder, so the same baseline
//! works whatever folder factlint runs from. The same claim twice in a file is recorded with
//! count 2, and a third occurrence is new.

use crate::render::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    text: String,
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

/// (path, rule, claim text): what identifies a finding across edits.
type Key = (String, String, String);

/// Known findings, by key, with how many times each was seen.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeMap<Key, usize>,
    /// The folder paths are relative to (absolute).
    root: PathBuf,
}

/// A claim's text with runs of white space as one space, so re-wrapping a paragraph does not
/// make its findings new.
fn claim_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes `.` and resolves `..` without touching the file system (files may not exist, and
/// symlinks should not change what a path is called).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    normalize(&if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) })
}

impl Baseline {
    /// An empty baseline for a baseline file at `file`, with relative paths resolved against `cwd`.
    pub fn new(file: &Path, cwd: &Path) -> Baseline {
        let abs = absolute(file, cwd);
        let root = abs.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
        Baseline { entries: BTreeMap::new(), root }
    }

    /// The path a finding's path is recorded as: relative to the baseline's folder with `/`
    /// separators when it lies under it, absolute otherwise; `-` (stdin) as it is.
    fn key_path(&self, path: &str, cwd: &Path) -> String {
        if path == "-" {
            return path.to_string();
        }
        let abs = absolute(Path::new(path), cwd);
        let shown = abs.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or(abs);
        shown.to_string_lossy().replace('\\', "/")
    }

    /// Reads a baseline file. Errors name the file and, for malformed JSON, line and column.
    pub fn load(file: &Path, cwd: &Path) -> Result<Baseline, String> {
        let shown = file.display();
        let text = std::fs::read_to_string(file).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("cannot read baseline {shown}: no such file (write one with --write-baseline)")
            }
            _ => format!("cannot read baseline {shown}: {e}"),
        })?;
        let parsed: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!("{shown}:{}:{}: not a factlint baseline: {e}", e.line(), e.column())
                .replace(&format!(" at line {} column {}", e.line(), e.column()), "")
        })?;
        if parsed.version != VERSION {
            return Err(format!(
                "{shown}: baseline version {} is not supported (this factlint reads version {VERSION})",
                parsed.version
            ));
        }
        let mut b = Baseline::new(file, cwd);
        for e in parsed.findings {
            *b.entries.entry((e.path, e.rule, claim_key(&e.text))).or_default() += e.count;
        }
        Ok(b)
    }

    /// Records every finding of a report.
    pub fn record(&mut self, report: &Report, cwd: &Path) {
        for (_, d) in report.diagnostics() {
            let key = (self.key_path(&d.path, cwd), d.rule.as_str().to_string(), claim_key(&d.text));
            *self.entries.entry(key).or_default() += 1;
        }
    }

    /// Number of findings recorded.
    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline as the JSON file stores it, sorted by path, rule and text.
    pub fn to_json(&self) -> String {
        let doc = BaselineFile {
            version: VERSION,
            findings: self
                .entries
                .iter()
                .map(|((path, rule, text), count)| Entry {
                    rule: rule.clone(),
                    path: path.clone(),
                    text: text.clone(),
                    count: *count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&doc).expect("a baseline serializes");
        s.push('\n');
        s
    }

    /// Drops the findings the baseline knows from a report, in file order, each entry as many
    /// times as its count. Returns how many were dropped.
    pub fn filter(&self, report: &mut Report, cwd: &Path) -> usize {
        let mut left = self.entries.clone();
        let mut dropped = 0;
        for f in &mut report.files {
            let mut keep = Vec::with_capacity(f.diagnostics.len());
            for d in f.diagnostics.drain(..) {
                let key = (self.key_path(&d.path, cwd), d.rule.as_str().to_string(), claim_key(&d.text));
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        dropped += 1;
                    }
                    _ => keep.push(d),
                }
            }
            f.diagnostics = keep;
        }
        dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let b = Baseline::new(Path::new("site/factlint-baseline.json"), Path::new("/repo"));
        let cwd = Path::new("/repo");
        assert_eq!(b.key_path("site/content/a.md", cwd), "content/a.md");
        assert_eq!(b.key_path("./site/content/../content/a.md", cwd), "content/a.md");
        // Run from another folder: the same file, the same key.
        assert_eq!(b.key_path("content/a.md", Path::new("/repo/site")), "content/a.md");
        assert_eq!(b.key_path("/elsewhere/b.md", cwd), "/elsewhere/b.md");
        assert_eq!(b.key_path("-", cwd), "-");
    }

    #[test]
    fn claim_text_ignores_line_wrapping() {
        assert_eq!(claim_key("Shenzhen,\n  KwaZulu-Natal"), "Shenzhen, KwaZulu-Natal");
    }
}
