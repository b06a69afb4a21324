//! `--format sarif`: SARIF 2.1.0 (OASIS) for code-scanning tools such as GitHub's. One run: the
//! tool with the rules the run loaded (id, summary, help text, default severity), one result per
//! finding with its region (line, column, byte offset and length), the evidence, a fix when the
//! finding suggests one, and inputs that could not be read as tool notifications.

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::vocab::Severity;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// SARIF output options.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The tool version written to `tool.driver.version`.
    pub version: &'a str,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options { version: env!("CARGO_PKG_VERSION") }
    }
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    /// Our columns count Unicode scalar values, as the JSON output's do.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<OwnedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<OwnedText>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: [&'a str; 1],
    origin: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: OwnedText,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: OwnedText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// One past the last column, as SARIF defines it.
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: OwnedText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: OwnedText,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    severity: &'static str,
    text: &'a str,
    evidence: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    sources: &'a [String],
}

/// Joins the lines of each paragraph of a rule's description (rule files wrap them at 100
/// columns; viewers wrap text themselves). Paragraphs stay apart.
fn reflow(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A SARIF message, or none for an empty string (SARIF messages may not be empty).
fn text(s: &str) -> Option<Text<'_>> {
    (!s.trim().is_empty()).then_some(Text { text: s })
}

/// SARIF levels: `note` is SARIF's name for information.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (code scanning resolves them against
/// the checkout), separators become `/`, and anything outside RFC 3986's unreserved set and `/`
/// is percent-encoded.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut path = path.as_str();
    // `./content/a.md` is `content/a.md` to code scanning, which matches URIs to repository files.
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(source: &SourceFile, d_span: crate::source::Span) -> Region {
    let start = source.line_col(d_span.start);
    let end = source.line_col(d_span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: d_span.start,
        byte_length: d_span.len(),
        snippet: OwnedText { text: source.slice(d_span).to_string() },
    }
}

/// The message shown by viewers: the finding, then what the knowledge says, the fix and the
/// sources, one per line (viewers show `message.text` and little else).
fn message_text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    for e in &d.evidence {
        text.push_str("\n- ");
        text.push_str(e);
    }
    if let Some(s) = &d.suggestion {
        text.push_str("\nSuggestion: ");
        text.push_str(s);
    }
    if !d.sources.is_empty() {
        text.push_str("\nSource: ");
        text.push_str(&d.sources.join("; "));
    }
    text
}

/// FNV-1a, 64 bits: a stable hash (std's hashers are not stable across releases).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn diagnostic_result<'a>(
    source: &SourceFile,
    d: &'a Diagnostic,
    occurrence: usize,
    rule_index: &HashMap<&str, usize>,
) -> SarifResult<'a> {
    let uri = path_to_uri(&d.path);
    let related_locations = d
        .labels
        .iter()
        .filter(|l| l.span != d.span)
        .enumerate()
        .map(|(i, l)| RelatedLocation {
            id: i + 1,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri.clone() },
                region: Some(region(source, l.span)),
            },
            message: OwnedText { text: l.message.clone() },
        })
        .collect();
    // Code scanning matches results across runs by fingerprint: the rule, the claim's words and
    // which occurrence of them it is, never its line, so edits elsewhere keep the alert.
    let claim: String = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut partial_fingerprints = BTreeMap::new();
    partial_fingerprints.insert("factlintClaim/v1", format!("{:016x}:{occurrence}", fnv1a(&[d.rule.as_str(), &claim])));
    let fixes = d
        .suggestion
        .as_deref()
        .map(|s| Fix {
            description: OwnedText { text: format!("Write {s:?}") },
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation { uri: uri.clone() },
                replacements: [Replacement {
                    deleted_region: ByteRegion { byte_offset: d.span.start, byte_length: d.span.len() },
                    inserted_content: Text { text: s },
                }],
            }],
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: d.rule.as_str(),
        rule_index: rule_index.get(d.rule.as_str()).copied(),
        level: level(d.severity),
        message: OwnedText { text: message_text(d) },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri },
                region: Some(region(source, d.span)),
            },
        }],
        related_locations,
        partial_fingerprints,
        fixes,
        properties: ResultProperties {
            severity: d.severity.as_str(),
            text: &d.text,
            evidence: &d.evidence,
            suggestion: d.suggestion.as_deref(),
            sources: &d.sources,
        },
    }
}

pub fn render(report: &Report, opts: Options<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<ReportingDescriptor> = report
        .rules
        .iter()
        .map(|r| {
            let description = reflow(&r.description);
            let help = if description.is_empty() { reflow(&r.summary) } else { description.clone() };
            ReportingDescriptor {
                id: r.id.as_str(),
                short_description: text(&r.summary),
                full_description: (!description.is_empty()).then_some(OwnedText { text: description }),
                help: (!help.is_empty()).then_some(OwnedText { text: help }),
                default_configuration: Configuration { level: level(r.severity) },
                properties: RuleProperties { tags: [r.id.category()], origin: &r.origin },
            }
        })
        .collect();
    let rule_index: HashMap<&str, usize> = report.rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut results = Vec::new();
    for f in &report.files {
        // Which occurrence of the same claim in the same file each finding is.
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for d in &f.diagnostics {
            let n = seen.entry((d.rule.as_str(), d.text.as_str())).or_insert(0);
            *n += 1;
            results.push(diagnostic_result(&f.source, d, *n, &rule_index));
        }
    }
    let notifications = report
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Text { text: &e.message },
            locations: [NotificationLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: path_to_uri(&e.path) },
                    region: None,
                },
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver { name: "factlint", version: opts.version, semantic_version: opts.version, rules },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_relative_paths_stay_relative() {
        assert_eq!(path_to_uri("content/a b.md"), "content/a%20b.md");
        assert_eq!(path_to_uri("./berita/100%.txt"), "berita/100%25.txt");
        assert_eq!(path_to_uri("/srv/berita/a.md"), "/srv/berita/a.md");
        assert_eq!(path_to_uri("dir\\kota#1.md"), "dir/kota%231.md");
        assert_eq!(path_to_uri("café.txt"), "caf%C3%A9.txt");
    }

    #[test]
    fn fingerprints_are_stable() {
        // Pinned (checked by hand against FNV-1a): a change would make code scanning see every
        // known alert as new.
        assert_eq!(fnv1a(&["place.located-in", "Shenzhen, KwaZulu-Natal"]), 0x280c_52c8_85df_a931);
    }
}
