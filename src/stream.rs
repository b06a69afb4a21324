//! The stream (`factlint check --stream`): JSON Lines in, JSON Lines out, for pipelines (Spark's
//! RDD.pipe, Beam, shell). Documents are read in batches, checked in parallel and written in
//! input order; nothing outlives its batch, so memory stays flat however long the stream is.

use crate::config;
use crate::engine::{date_from_front_matter, lang_from_tag, Engine, Settings};
use crate::markup::Format;
use crate::render;
use crate::source::{SourceFile, MAX_FILE_BYTES};
use crate::vocab::{Lang, Severity};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::Path;

/// Documents per batch: enough to keep every core busy between writes.
const BATCH_DOCS: usize = 1024;
/// Bytes of input per batch, so a stream of huge documents stays within bounds too.
const BATCH_BYTES: usize = 16 << 20;
/// A line longer than this is not read into memory; its document is reported as an error.
const MAX_LINE_BYTES: usize = MAX_FILE_BYTES as usize;

/// One line of input, as read.
enum RawLine {
    Text(Vec<u8>),
    TooLong,
}

/// Reads one line (without its terminator) into `buf`, keeping at most `MAX_LINE_BYTES`.
/// Returns None at the end of the input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<RawLine>> {
    buf.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                buf.clear();
                buf.shrink_to_fit();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(available.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(RawLine::TooLong));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(RawLine::Text(std::mem::take(buf))))
}

/// A document read from a line, ready to check.
struct Doc {
    id: Value,
    text: String,
    /// Some(None): detect; None: as the command line says.
    lang: Option<Option<Lang>>,
    date: Option<chrono::NaiveDate>,
    format: Format,
}

/// Reads a document from a JSON line; on failure returns the id (if one could be read) and
/// the reason.
fn parse_doc(line: &[u8], line_no: usize) -> Result<Doc, (Value, String)> {
    let text = std::str::from_utf8(line).map_err(|e| {
        (Value::Null, format!("line {line_no}: not valid UTF-8 (first bad byte at offset {})", e.valid_up_to()))
    })?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| (Value::Null, format!("line {line_no}: not valid JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err((Value::Null, format!("line {line_no}: a document is a JSON object with \"id\" and \"text\"")));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let fail = |message: String| Err((id.clone(), format!("line {line_no}: {message}")));
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return fail("\"text\" must be a string".into()),
        None => return fail("the document has no \"text\"".into()),
    };
    if id.is_null() {
        return fail("the document has no \"id\"".into());
    }
    let lang = match obj.get("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "auto" => Some(None),
        // The languages --lang accepts; any other would leave the document silently unchecked.
        Some(Value::String(s)) => match lang_from_tag(s) {
            Some(l) if l == Lang::EN || l == Lang::ID => Some(Some(l)),
            _ => return fail(format!("\"lang\" must be \"en\", \"id\" or \"auto\", not {s:?}")),
        },
        Some(_) => return fail("\"lang\" must be a string".into()),
    };
    let date = match obj.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match date_from_front_matter(s) {
            Some(d) => Some(d),
            None => return fail(format!("\"date\" must be YYYY-MM-DD (a real date), not {s:?}")),
        },
        Some(_) => return fail("\"date\" must be a string".into()),
    };
    let format = match obj.get("format") {
        None | Some(Value::Null) => Format::Plain,
        Some(Value::String(s)) => match s.as_str() {
            "text" | "plain" | "txt" => Format::Plain,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            _ => return fail(format!("\"format\" must be \"text\", \"markdown\" or \"html\", not {s:?}")),
        },
        Some(_) => return fail("\"format\" must be a string".into()),
    };
    Ok(Doc { id, text, lang, date, format })
}

/// The document's id as a path for findings: strings as they are, other ids as JSON.
fn id_path(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks one input line and returns its output line, and whether a finding reached the
/// threshold.
fn process(
    line: RawLine,
    line_no: usize,
    engine: &Engine,
    base: &Settings,
    config: Option<&config::Config>,
    fail: Option<Severity>,
) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(256);
    let doc = match line {
        RawLine::TooLong => {
            Err((Value::Null, format!("line {line_no}: longer than the {} MiB factlint checks", MAX_LINE_BYTES >> 20)))
        }
        RawLine::Text(bytes) => parse_doc(&bytes, line_no),
    };
    let written = match doc {
        Err((id, message)) => (render::stream::error(&id, line_no, &message, &mut out), false),
        Ok(doc) => {
            let path = id_path(&doc.id);
            let mut settings = match config {
                Some(c) => c.settings_for(base, Path::new(&path)),
                None => base.clone(),
            };
            if let Some(lang) = doc.lang {
                settings.lang = lang;
            }
            if doc.date.is_some() {
                settings.date = doc.date;
            }
            let source = SourceFile::new(path, doc.text);
            let diagnostics = engine.check(&source, doc.format, &settings);
            let failing = fail.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
            (render::stream::document(&doc.id, line_no, &source, &diagnostics, &mut out), failing)
        }
    };
    match written {
        (Ok(()), failing) => (out, failing),
        // Serializing to memory fails only on a bug; say so on the document's line.
        (Err(e), _) => {
            let mut out = Vec::new();
            let _ = render::stream::error(&Value::Null, line_no, &format!("line {line_no}: {e}"), &mut out);
            (out, false)
        }
    }
}

/// Why a stream stopped before its end.
pub enum Stop {
    Read(std::io::Error),
    Write(std::io::Error),
}

/// Checks each JSON line of `input` as a document and writes one JSON line for it to `out`, in
/// order, a batch at a time. Returns whether a finding reached `fail`; on a read or write error,
/// that and the error.
pub fn check_stream(
    input: &mut impl BufRead,
    out: &mut impl Write,
    engine: &Engine<'_>,
    base: &Settings,
    config: Option<&config::Config>,
    fail: Option<Severity>,
) -> Result<bool, (bool, Stop)> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut failing = false;
    let mut batch: Vec<(usize, RawLine)> = Vec::with_capacity(BATCH_DOCS);
    loop {
        batch.clear();
        let mut bytes = 0;
        let mut eof = false;
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let line = match read_line(input, &mut buf) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    eof = true;
                    break;
                }
                Err(e) => return Err((failing, Stop::Read(e))),
            };
            line_no += 1;
            // A byte order mark may open the stream, as it may open a file.
            let line = match line {
                RawLine::Text(mut t) if line_no == 1 && t.starts_with(b"\xEF\xBB\xBF") => {
                    t.drain(..3);
                    RawLine::Text(t)
                }
                other => other,
            };
            // Blank lines are not documents.
            if let RawLine::Text(t) = &line {
                if t.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes += t.len();
            }
            batch.push((line_no, line));
        }
        let results: Vec<(Vec<u8>, bool)> =
            batch.par_drain(..).map(|(n, line)| process(line, n, engine, base, config, fail)).collect();
        for (line, f) in results {
            failing |= f;
            out.write_all(&line).map_err(|e| (failing, Stop::Write(e)))?;
        }
        // Flush per batch so a consumer sees results while the stream goes on.
        out.flush().map_err(|e| (failing, Stop::Write(e)))?;
        if eof {
            return Ok(failing);
        }
    }
}
