//! `factlint lsp`: a Language Server Protocol server over stdio, so that an editor shows
//! findings as the text is written. Each open document is checked as `factlint check` would
//! check the file (the same rules, knowledge and factlint.toml, found upward from it), on open,
//! on save and a moment after the last change. Findings are published as diagnostics (the rule
//! id as code, the labels as related information); hovering a finding shows its evidence and
//! sources, and code actions apply its suggestion or, in Markdown and HTML, disable its rule for
//! the line.

use super::check::{base_settings, build_setup, Setup};
use factlint::diagnostic::Diagnostic;
use factlint::engine::{Engine, Settings};
use factlint::markup::Format;
use factlint::source::{line_starts, LocatedError, SourceFile};
use factlint::vocab::Severity;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a document must stay unchanged before it is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server until the client asks it to exit: 0 after a shutdown request, 1 when the
/// client exits or goes away without one (as the protocol asks).
pub fn run() -> anyhow::Result<u8> {
    let (connection, io) = Connection::stdio();
    let code = serve(&connection)?;
    drop(connection);
    io.join()?;
    Ok(code)
}

/// The protocol on a connection: initialize, then messages until exit.
pub fn serve(connection: &Connection) -> anyhow::Result<u8> {
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(lsp::SaveOptions { include_text: Some(false) })),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    };
    let params = match connection.initialize(serde_json::to_value(capabilities)?) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("factlint lsp: {e}");
            return Ok(1);
        }
    };
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(connection, params.initialization_options.as_ref());
    if params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
    {
        server.watch_config_files();
    }
    server.main_loop()
}

/// An open document and what its last check found.
struct Doc {
    text: String,
    version: i32,
    path: PathBuf,
    format: Format,
    findings: Vec<Diagnostic>,
}

struct Server<'c> {
    connection: &'c Connection,
    /// The `factlint check` arguments the initialization options give (--rules, --knowledge,
    /// --config, --lang, ...), or the message saying why they are wrong.
    args: Result<Arc<super::args::CheckArgs>, String>,
    docs: HashMap<String, Doc>,
    /// Rules and knowledge by the configuration file that applies (None: no file).
    setups: HashMap<Option<PathBuf>, Arc<Setup>>,
    /// Documents changed and waiting to be checked, with when.
    due: HashMap<String, Instant>,
    /// Configuration problems already shown, so that each is shown once.
    shown: Vec<String>,
    next_request: i32,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, options: Option<&serde_json::Value>) -> Self {
        Server {
            connection,
            args: check_args(options).map(Arc::new),
            docs: HashMap::new(),
            setups: HashMap::new(),
            due: HashMap::new(),
            shown: Vec::new(),
            next_request: 0,
        }
    }

    fn main_loop(&mut self) -> anyhow::Result<u8> {
        if let Err(message) = &self.args {
            self.show(lsp::MessageType::ERROR, format!("factlint: initializationOptions: {message}"));
        }
        loop {
            let next = self.due.values().min().copied();
            let message = match next {
                Some(at) => match self.connection.receiver.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(m) => Some(m),
                    Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                    Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(1),
                },
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(1),
                },
            };
            match message {
                None => {
                    let now = Instant::now();
                    let ready: Vec<String> =
                        self.due.iter().filter(|(_, t)| **t <= now).map(|(u, _)| u.clone()).collect();
                    for uri in ready {
                        self.due.remove(&uri);
                        self.check(&uri);
                    }
                }
                Some(Message::Request(req)) => {
                    if self.connection.handle_shutdown(&req).unwrap_or(true) {
                        return Ok(0);
                    }
                    let response = self.respond(&req);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Some(Message::Notification(n)) => {
                    if n.method == lsp::notification::Exit::METHOD {
                        return Ok(1);
                    }
                    self.notified(n);
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn notified(&mut self, n: Notification) {
        use lsp::notification as note;
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri.as_str().to_string();
                let path = path_of(&uri);
                let format = Format::from_path(&path);
                self.docs.insert(
                    uri.clone(),
                    Doc {
                        text: p.text_document.text,
                        version: p.text_document.version,
                        path,
                        format,
                        findings: Vec::new(),
                    },
                );
                self.check(&uri);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri.as_str().to_string();
                if let (Some(doc), Some(change)) = (self.docs.get_mut(&uri), p.content_changes.into_iter().last()) {
                    // Full sync: each change is the whole text.
                    doc.text = change.text;
                    doc.version = p.text_document.version;
                    self.due.insert(uri, Instant::now() + DEBOUNCE);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri.as_str().to_string();
                if is_config(&path_of(&uri)) {
                    self.reload();
                } else {
                    self.due.remove(&uri);
                    self.check(&uri);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) else { return };
                let uri = p.text_document.uri.as_str().to_string();
                self.docs.remove(&uri);
                self.due.remove(&uri);
                self.publish(&uri, Vec::new(), None);
            }
            note::DidChangeWatchedFiles::METHOD => {
                // A factlint.toml, rule file or knowledge file changed: read them all again.
                self.reload();
            }
            _ => {}
        }
    }

    fn respond(&mut self, req: &Request) -> Response {
        use lsp::request as r;
        let result = match req.method.as_str() {
            r::HoverRequest::METHOD => serde_json::from_value::<lsp::HoverParams>(req.params.clone())
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            r::CodeActionRequest::METHOD => serde_json::from_value::<lsp::CodeActionParams>(req.params.clone())
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            _ => {
                return Response::new_err(
                    req.id.clone(),
                    ErrorCode::MethodNotFound as i32,
                    format!("factlint does not answer {}", req.method),
                )
            }
        };
        match result {
            Ok(v) => Response::new_ok(req.id.clone(), v),
            Err(e) => Response::new_err(req.id.clone(), ErrorCode::InvalidParams as i32, e.to_string()),
        }
    }

    /// Forgets every compiled configuration and checks the open documents again.
    fn reload(&mut self) {
        self.setups.clear();
        self.shown.clear();
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.check(&uri);
        }
    }

    /// The rules and knowledge for a document, as `factlint check` would load them. A broken
    /// configuration is shown (once) and the document is checked with the built-in rules.
    fn setup_for(&mut self, path: &Path) -> Option<Arc<Setup>> {
        let args = self.args.as_ref().ok()?.clone();
        let config = if args.no_config { None } else { args.config.clone().or_else(|| config::discover(path)) };
        if let Some(s) = self.setups.get(&config) {
            return Some(s.clone());
        }
        let setup = match build_setup(&args, config.as_deref()) {
            Ok(s) => s,
            Err(errors) => {
                self.config_errors(&errors);
                match build_setup(&args, None) {
                    Ok(s) => s,
                    Err(errors) => {
                        self.config_errors(&errors);
                        return None;
                    }
                }
            }
        };
        let setup = Arc::new(setup);
        self.setups.insert(config, setup.clone());
        Some(setup)
    }

    /// Shows configuration, rule or knowledge errors: as diagnostics on the files they name, and
    /// in a message.
    fn config_errors(&mut self, errors: &[LocatedError]) {
        let mut by_file: BTreeMap<&str, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for e in errors {
            let at = lsp::Position::new(e.line.saturating_sub(1) as u32, e.column.saturating_sub(1) as u32);
            by_file.entry(e.path.as_str()).or_default().push(lsp::Diagnostic {
                range: lsp::Range::new(at, at),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                source: Some("factlint".into()),
                message: e.message.clone(),
                ..Default::default()
            });
        }
        for (file, diagnostics) in by_file {
            if let Some(uri) = uri_of(Path::new(file)) {
                self.publish(&uri, diagnostics, None);
            }
        }
        let text = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
        if !self.shown.contains(&text) {
            self.shown.push(text.clone());
            self.show(
                lsp::MessageType::ERROR,
                format!("factlint: {text}\n(checking with the built-in rules meanwhile)"),
            );
        }
    }

    /// Checks one open document and publishes its findings.
    fn check(&mut self, uri: &str) {
        let Some(path) = self.docs.get(uri).map(|d| d.path.clone()) else { return };
        // Configuration, rule and knowledge files are TOML, not prose: their errors are shown
        // when they are read, and their text is not checked.
        if path.extension().is_some_and(|e| e == "toml") {
            return;
        }
        let Some(setup) = self.setup_for(&path) else { return };
        let Ok(args) = self.args.clone() else { return };
        let Some(doc) = self.docs.get_mut(uri) else { return };
        let base = base_settings(&args).unwrap_or_default();
        let settings: Settings = match &setup.config {
            Some(c) => c.settings_for(&base, &path),
            None => base,
        };
        let source = SourceFile::new(path.display().to_string(), doc.text.clone());
        let engine = Engine { rules: &setup.rules, knowledge: &setup.knowledge };
        // A bug in one check must not take the server down.
        let found =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.check(&source, doc.format, &settings)));
        let (uri, version) = (uri.to_string(), doc.version);
        match found {
            Ok(findings) => {
                let lines = line_starts(&doc.text);
                let diagnostics = findings.iter().map(|d| to_lsp(d, &doc.text, &lines, &uri)).collect();
                doc.findings = findings;
                self.publish(&uri, diagnostics, Some(version));
            }
            Err(_) => self.show(
                lsp::MessageType::ERROR,
                format!(
                    "factlint: internal error while checking {} (a bug in factlint; please report it with the file)",
                    path.display()
                ),
            ),
        }
    }

    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p.text_document_position_params.text_document.uri.as_str();
        let doc = self.docs.get(uri)?;
        let lines = line_starts(&doc.text);
        let at = offset_of(&doc.text, &lines, p.text_document_position_params.position);
        let hits: Vec<&Diagnostic> = doc
            .findings
            .iter()
            .filter(|d| d.span.start <= at && at <= d.span.end && d.span.end > d.span.start)
            .collect();
        if hits.is_empty() {
            return None;
        }
        let mut md = String::new();
        for d in &hits {
            if !md.is_empty() {
                md.push_str("\n\n---\n\n");
            }
            md.push_str(&format!("**{}** (`{}`)\n", markdown_escape(&d.message), d.rule));
            for e in &d.evidence {
                md.push_str(&format!("\n- {}", markdown_escape(e)));
            }
            if let Some(s) = &d.suggestion {
                md.push_str(&format!("\n\nSuggestion: {}", markdown_escape(s)));
            }
            if !d.sources.is_empty() {
                md.push_str(&format!("\n\nSources: {}", markdown_escape(&d.sources.join("; "))));
            }
        }
        let first = hits[0];
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: md }),
            range: Some(range_of(&doc.text, &lines, first.span.start, first.span.end)),
        })
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri.as_str();
        let Some(doc) = self.docs.get(uri) else { return Vec::new() };
        let lines = line_starts(&doc.text);
        let (from, to) = (offset_of(&doc.text, &lines, p.range.start), offset_of(&doc.text, &lines, p.range.end));
        let mut actions = Vec::new();
        let mut disabled_lines = Vec::new();
        let mut replacements: Vec<factlint::fix::Edit> = Vec::new();
        for d in doc.findings.iter().filter(|d| d.span.start <= to && from <= d.span.end) {
            let diagnostic = to_lsp(d, &doc.text, &lines, uri);
            // Two findings that ask for the same replacement (a place's region and the
            // document's consistency) are one quick fix.
            if let Some(edit) = factlint::fix::edit_of(d, &doc.text, doc.format).filter(|e| !replacements.contains(e)) {
                replacements.push(edit.clone());
                let title = format!("Replace with \u{201c}{}\u{201d}", d.suggestion.as_deref().unwrap_or_default());
                actions.push(action(title, uri, &doc.text, &lines, edit.range, edit.replacement, &diagnostic, true));
            }
            if matches!(doc.format, Format::Markdown | Format::Html) {
                let line = lines.partition_point(|&s| s <= d.span.start) - 1;
                if disabled_lines.contains(&(line, d.rule.as_str())) {
                    continue;
                }
                disabled_lines.push((line, d.rule.as_str()));
                let start = lines[line];
                let indent: String = doc.text[start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                let comment = format!("{indent}<!-- factlint-disable-next-line {} -->\n", d.rule);
                let title = format!("Disable {} for this line", d.rule);
                actions.push(action(title, uri, &doc.text, &lines, start..start, comment, &diagnostic, false));
            }
        }
        actions
    }

    fn publish(&self, uri: &str, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let Ok(uri) = lsp::Uri::from_str(uri) else { return };
        let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
        self.notify(lsp::notification::PublishDiagnostics::METHOD, params);
    }

    fn show(&self, typ: lsp::MessageType, message: String) {
        self.notify(lsp::notification::ShowMessage::METHOD, lsp::ShowMessageParams { typ, message });
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let n = Notification::new(method.to_string(), params);
        let _ = self.connection.sender.send(Message::Notification(n));
    }

    /// Asks the client to tell the server when a factlint.toml, rule file or knowledge file
    /// changes.
    fn watch_config_files(&mut self) {
        let watchers = ["**/factlint.toml", "**/*.toml"]
            .iter()
            .map(|g| lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String(g.to_string()), kind: None })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "factlint-config".into(),
                method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let req = Request::new(
            RequestId::from(format!("factlint-{}", self.next_request)),
            lsp::request::RegisterCapability::METHOD.to_string(),
            params,
        );
        let _ = self.connection.sender.send(Message::Request(req));
    }
}

use factlint::config;

/// The `check` arguments that initializationOptions give: `{"rules": [...], "knowledge": [...],
/// "config": "...", "noConfig": true, "lang": "id", "date": "YYYY-MM-DD", "select": [...],
/// "ignore": [...], "noBuiltinRules": true}`, read as the command line reads them.
fn check_args(options: Option<&serde_json::Value>) -> Result<super::args::CheckArgs, String> {
    let mut argv: Vec<String> = vec!["factlint".into(), "check".into()];
    if let Some(serde_json::Value::Object(map)) = options {
        for (key, value) in map {
            let flag = match key.as_str() {
                "rules" => "--rules",
                "knowledge" => "--knowledge",
                "config" => "--config",
                "lang" => "--lang",
                "date" => "--date",
                "select" => "--select",
                "ignore" => "--ignore",
                "noConfig" | "no_config" => "--no-config",
                "noBuiltinRules" | "no_builtin_rules" => "--no-builtin-rules",
                other => {
                    return Err(format!(
                        "unknown option {other:?}: factlint reads rules, knowledge, config, noConfig, lang, date, select, ignore and noBuiltinRules"
                    ))
                }
            };
            match value {
                serde_json::Value::Bool(true) => argv.push(flag.into()),
                serde_json::Value::Bool(false) | serde_json::Value::Null => {}
                serde_json::Value::String(s) => argv.extend([flag.to_string(), s.clone()]),
                serde_json::Value::Array(items) => {
                    for item in items {
                        let Some(s) = item.as_str() else { return Err(format!("{key} lists strings")) };
                        argv.extend([flag.to_string(), s.to_string()]);
                    }
                }
                _ => return Err(format!("{key} is a string, a list of strings or true")),
            }
        }
    }
    let args = super::args::check_args_from(argv)?;
    base_settings(&args)?;
    Ok(args)
}

fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "factlint.toml")
}

/// The file a `file:` URI names; another URI is read as a path of its own (checked as text,
/// with no configuration found for it).
fn path_of(uri: &str) -> PathBuf {
    match uri.strip_prefix("file://") {
        Some(rest) => PathBuf::from(percent_decode(rest)),
        None => PathBuf::from(uri),
    }
}

fn uri_of(path: &Path) -> Option<String> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A byte offset as an LSP position: 0-based line, and UTF-16 code units into the line.
fn position_of(text: &str, lines: &[usize], offset: usize) -> lsp::Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.partition_point(|&s| s <= offset) - 1;
    let character = text[lines[line]..offset].encode_utf16().count();
    lsp::Position::new(line as u32, character as u32)
}

/// An LSP position as a byte offset; a position past the line's end is its end.
fn offset_of(text: &str, lines: &[usize], p: lsp::Position) -> usize {
    let Some(&start) = lines.get(p.line as usize) else { return text.len() };
    let end = lines.get(p.line as usize + 1).copied().unwrap_or(text.len());
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        if units >= p.character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
}

fn range_of(text: &str, lines: &[usize], start: usize, end: usize) -> lsp::Range {
    lsp::Range::new(position_of(text, lines, start), position_of(text, lines, end))
}

fn to_lsp(d: &Diagnostic, text: &str, lines: &[usize], uri: &str) -> lsp::Diagnostic {
    let related = lsp::Uri::from_str(uri).ok().map(|u| {
        d.labels
            .iter()
            .map(|l| lsp::DiagnosticRelatedInformation {
                location: lsp::Location { uri: u.clone(), range: range_of(text, lines, l.span.start, l.span.end) },
                message: l.message.clone(),
            })
            .collect::<Vec<_>>()
    });
    lsp::Diagnostic {
        range: range_of(text, lines, d.span.start, d.span.end),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        source: Some("factlint".into()),
        message: d.message.clone(),
        related_information: related.filter(|r| !r.is_empty()),
        ..Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn action(
    title: String,
    uri: &str,
    text: &str,
    lines: &[usize],
    range: std::ops::Range<usize>,
    new_text: String,
    diagnostic: &lsp::Diagnostic,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    let edit = lsp::TextEdit { range: range_of(text, lines, range.start, range.end), new_text };
    let changes = lsp::Uri::from_str(uri).ok().map(|u| HashMap::from([(u, vec![edit])]));
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit { changes, ..Default::default() }),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a😀b\nçé 𝗪x\n";
        let lines = line_starts(text);
        // "😀" is two UTF-16 units and four bytes.
        assert_eq!(position_of(text, &lines, 5), lsp::Position::new(0, 3));
        let x = text.find('x').unwrap();
        assert_eq!(position_of(text, &lines, x), lsp::Position::new(1, 5));
        for offset in [0, 1, 5, 6, 7, x, text.len()] {
            assert_eq!(offset_of(text, &lines, position_of(text, &lines, offset)), offset, "{offset}");
        }
        assert_eq!(offset_of(text, &lines, lsp::Position::new(0, 99)), 6, "past the end is the line's end");
    }

    #[test]
    fn file_uris_and_paths() {
        assert_eq!(path_of("file:///tmp/a%20b/c.md"), PathBuf::from("/tmp/a b/c.md"));
        assert_eq!(uri_of(Path::new("/tmp/a b/c.md")).as_deref(), Some("file:///tmp/a%20b/c.md"));
    }
}
