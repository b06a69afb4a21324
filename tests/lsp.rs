//! `factlint lsp` driven over the protocol, as an editor drives it: the server's diagnostics are
//! `factlint check`'s findings in LSP positions (UTF-16), hover shows the evidence, code actions
//! apply the suggestion or disable the rule for the line, a broken factlint.toml is shown and
//! never crashes the server, and shutdown and exit end it with the protocol's exit codes.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A client: the server process and the messages it has sent.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    /// Messages received and not yet asked for, in order.
    backlog: Vec<Value>,
    next_id: i64,
}

fn read_message(out: &mut BufReader<ChildStdout>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(cwd: &Path, options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("factlint lsp starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut client = Client { child, stdin, messages, backlog: Vec::new(), next_id: 0 };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        assert!(init["result"]["capabilities"]["hoverProvider"].as_bool().unwrap_or(false), "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        self.stdin.flush().expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The first message from the server that `want` accepts; the others wait in the backlog.
    fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&want) {
            return self.backlog.remove(i);
        }
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(20)).expect("the server answers within 20 s");
            if want(&m) {
                return m;
            }
            self.backlog.push(m);
        }
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }

    fn exit_code(mut self) -> Option<i32> {
        drop(self.stdin);
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        None
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(client: &mut Client, path: &Path, lang: &str, text: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": lang, "version": 1, "text": text}}),
    );
    client.diagnostics_for(&uri(path))
}

/// A byte offset as an LSP position (line, UTF-16 units), computed apart from the server's.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

fn dir(name: &str) -> PathBuf {
    std::fs::canonicalize(common::scratch(name)).expect("the scratch folder")
}

#[test]
fn diagnostics_are_the_findings_of_check_in_utf16_positions() {
    let dir = dir("lsp-positions");
    // Emoji and mathematical bold letters before the claims: two UTF-16 units each.
    let text = "😀 𝗪𝗘𝗧𝗢𝗡 Delegates met in Shenzhen, KwaZulu-Natal on Wednesday, 14 May 2024.\n\n👍🏽 Later they flew to Nairobi, Uganda.\n";
    let path = dir.join("a.txt");
    std::fs::write(&path, text).unwrap();
    let mut client = Client::start(&dir, json!({"lang": "en"}));
    let published = open(&mut client, &path, "plaintext", text);
    let diagnostics = published["params"]["diagnostics"].as_array().expect("diagnostics").clone();

    let check = common::factlint_in(&dir, &["check", "--lang", "en", "--format", "json", "a.txt"], None);
    let report: Value = serde_json::from_str(&check.stdout).expect("a JSON report");
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.len() >= 3, "the text has three wrong claims: {findings:#?}");
    assert_eq!(diagnostics.len(), findings.len(), "{diagnostics:#?}\n{findings:#?}");
    for (d, f) in diagnostics.iter().zip(findings) {
        let (start, end) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(d["range"]["start"], position(text, start), "{d} vs {f}");
        assert_eq!(d["range"]["end"], position(text, end), "{d} vs {f}");
        assert_eq!(d["code"], f["rule"]);
        assert_eq!(d["message"], f["message"]);
        assert_eq!(d["source"], "factlint");
        let severity = match f["severity"].as_str().unwrap() {
            "error" => 1,
            "warning" => 2,
            _ => 3,
        };
        assert_eq!(d["severity"], severity);
    }
    let place = diagnostics.iter().find(|d| d["code"] == "place.located-in").expect("the place finding");
    // "😀 𝗪𝗘𝗧𝗢𝗡 Delegates met in " is 2 + 1 + 10 + 1 + 17 UTF-16 units.
    assert_eq!(place["range"]["start"], json!({"line": 0, "character": 31}));
    // The finding's labels are its related information, in the same document.
    let related = &place["relatedInformation"][0];
    assert!(related["message"].as_str().unwrap().contains("KwaZulu-Natal"), "{place}");
    assert_eq!(related["location"]["uri"], uri(&path));

    // Hover on the claim: the message, evidence and sources as Markdown.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&path)}, "position": {"line": 0, "character": 35}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().expect("hover text");
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(value.contains("place.located-in") && value.contains("Guangdong") && value.contains("GeoNames"), "{value}");
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&path)}, "position": {"line": 1, "character": 0}}),
    );
    assert_eq!(nothing["result"], Value::Null, "no finding, no hover");

    // The quick fix replaces the claim's span with the suggestion.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&path)}, "range": place["range"], "context": {"diagnostics": [place]}}),
    );
    let fix = &actions["result"][0];
    assert_eq!(fix["kind"], "quickfix");
    let edit = &fix["edit"]["changes"][uri(&path)][0];
    assert_eq!(edit["newText"], "Shenzhen, Guangdong");
    assert_eq!(edit["range"], place["range"]);
    // Plain text has no comment to disable a rule with.
    assert_eq!(actions["result"].as_array().unwrap().len(), 1, "{actions}");

    // A change is checked again once typing pauses, with the new version.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&path), "version": 2}, "contentChanges": [{"text": "Held in Shenzhen, Guangdong.\n"}]}),
    );
    let after = client.diagnostics_for(&uri(&path));
    assert_eq!(after["params"]["version"], 2);
    assert_eq!(after["params"]["diagnostics"], json!([]));

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0), "exit after shutdown is 0");
}

#[test]
fn markdown_can_disable_a_rule_for_a_line() {
    let dir = dir("lsp-markdown");
    let text = "# Forum\n\n  Delegates met in Shenzhen, KwaZulu-Natal.\n";
    let path = dir.join("a.md");
    std::fs::write(&path, text).unwrap();
    let mut client = Client::start(&dir, json!({"lang": "en"}));
    let published = open(&mut client, &path, "markdown", text);
    let place = published["params"]["diagnostics"][0].clone();
    assert_eq!(place["code"], "place.located-in", "{published}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&path)}, "range": place["range"], "context": {"diagnostics": [place]}}),
    );
    let titles: Vec<&str> =
        actions["result"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Replace with \u{201c}Shenzhen, Guangdong\u{201d}", "Disable place.located-in for this line"]);
    let edit = &actions["result"][1]["edit"]["changes"][uri(&path)][0];
    assert_eq!(edit["newText"], "  <!-- factlint-disable-next-line place.located-in -->\n");
    assert_eq!(edit["range"]["start"], json!({"line": 2, "character": 0}));
    // Applied, the comment silences the finding.
    let disabled =
        format!("# Forum\n\n{}  Delegates met in Shenzhen, KwaZulu-Natal.\n", edit["newText"].as_str().unwrap());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&path), "version": 2}, "contentChanges": [{"text": disabled}]}),
    );
    assert_eq!(client.diagnostics_for(&uri(&path))["params"]["diagnostics"], json!([]));
    // Exit without shutdown is 1.
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

#[test]
fn a_broken_config_is_shown_and_the_server_keeps_checking() {
    let dir = dir("lsp-config");
    std::fs::write(dir.join("factlint.toml"), "fail_on = \"sometimes\"\n").unwrap();
    let text = "Delegates met in Shenzhen, KwaZulu-Natal.\n";
    let path = dir.join("a.txt");
    std::fs::write(&path, text).unwrap();
    let mut client = Client::start(&dir, json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&path), "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(message["params"]["message"].as_str().unwrap().contains("factlint.toml"), "{message}");
    let on_config = client.diagnostics_for(&uri(&dir.join("factlint.toml")));
    assert_eq!(on_config["params"]["diagnostics"][0]["severity"], 1, "{on_config}");
    // Checked with the built-in rules meanwhile.
    let published = client.diagnostics_for(&uri(&path));
    assert_eq!(published["params"]["diagnostics"][0]["code"], "place.located-in");
    // The file mended, a watched-file change reads it again: the document is checked with it.
    std::fs::write(dir.join("factlint.toml"), "ignore = [\"place\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("factlint.toml")), "type": 2}]}),
    );
    assert_eq!(client.diagnostics_for(&uri(&path))["params"]["diagnostics"], json!([]));
    let unknown = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn initialization_options_are_the_command_lines() {
    let dir = dir("lsp-options");
    std::fs::write(
        dir.join("house.toml"),
        r#"id = "style.house-term"
kind = "preferred-term"
severity = "warning"
message = "write \"{preferred}\", not \"{term}\""

[settings.pairs]
colour = "color"

[[example]]
text = "A colour."
flagged = ["colour"]

[[example]]
text = "A color."
"#,
    )
    .unwrap();
    let text = "The colour of Shenzhen, KwaZulu-Natal.\n";
    let path = dir.join("a.txt");
    std::fs::write(&path, text).unwrap();
    let mut client = Client::start(&dir, json!({"rules": ["house.toml"], "select": ["style"], "lang": "en"}));
    let published = open(&mut client, &path, "plaintext", text);
    let codes: Vec<&str> =
        published["params"]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["style.house-term"], "{published}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));

    // An option the command line would refuse is said, not fatal.
    let mut client = Client::start(&dir, json!({"lang": "fr"}));
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(message["params"]["message"].as_str().unwrap().contains("initializationOptions"), "{message}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}
