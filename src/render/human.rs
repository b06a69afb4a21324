//! `--format human`: annotated snippets (the claim underlined, what the knowledge says, the
//! suggested fix and the sources), coloured on a terminal, and a summary line.
//!
//! The snippet library is wrapped here so that upgrading it touches one file.

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::vocab::Severity;
use annotate_snippets::{Level, Renderer, Snippet};
use std::io::Write;

/// Human output options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub color: bool,
    /// Width lines are trimmed to around the claim: the terminal's width on a terminal, `None`
    /// for a wide default (140 columns) in pipes and logs.
    pub width: Option<usize>,
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// The excerpt of the source shown for a diagnostic: the claim's whole lines. The snippet
/// library trims long lines (plain-text paragraphs are often one long line) to the terminal width
/// around the claim, and computes the column it prints from the line's start.
struct Excerpt {
    text: String,
    line_start: usize,
    /// Offset of the excerpt's first byte in the source.
    offset: usize,
    /// The claim's column in its whole line.
    column: usize,
}

/// Bytes of a long line kept on each side of the claim: the snippet library would otherwise read
/// the whole line for every finding on it (a one-line file of megabytes).
const LONG_LINE_CONTEXT: usize = 1000;

fn excerpt(source: &SourceFile, d: &Diagnostic) -> Excerpt {
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end.max(d.span.start));
    let first = source.line_range(start.line);
    let last = source.line_range(end.line.min(source.line_count()));
    let text = source.text();
    let mut from = first.start;
    let mut to = last.end.max(d.span.end).min(text.len());
    if d.span.start.saturating_sub(from) > LONG_LINE_CONTEXT {
        from = d.span.start - LONG_LINE_CONTEXT;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    if to.saturating_sub(d.span.end) > LONG_LINE_CONTEXT {
        to = d.span.end + LONG_LINE_CONTEXT;
        while !text.is_char_boundary(to) {
            to -= 1;
        }
    }
    Excerpt { text: text[from..to].to_string(), line_start: start.line, offset: from, column: start.column }
}

fn render_one(d: &Diagnostic, source: &SourceFile, renderer: &Renderer, out: &mut dyn Write) -> std::io::Result<()> {
    let ex = excerpt(source, d);
    let shift = |b: usize| b - ex.offset;
    // An excerpt cut from a long line starts mid-line, where the library counts columns from:
    // its location line is put right.
    let cut = ex.offset != source.line_range(ex.line_start).start;
    let origin = if cut { "\u{1}" } else { d.path.as_str() };
    // A finding without evidence is underlined without a label: its message says it all.
    let primary_label = d.evidence.first().map(String::as_str).unwrap_or("");
    let mut snippet = Snippet::source(&ex.text)
        .line_start(ex.line_start)
        .origin(origin)
        .annotation(level(d.severity).span(shift(d.span.start)..shift(d.span.end)).label(primary_label));
    for l in &d.labels {
        let inside = l.span.start >= ex.offset && l.span.end <= ex.offset + ex.text.len();
        if inside && l.span != d.span {
            snippet = snippet.annotation(Level::Note.span(shift(l.span.start)..shift(l.span.end)).label(&l.message));
        }
    }
    let mut notes: Vec<String> = Vec::new();
    for (i, e) in d.evidence.iter().enumerate() {
        // The first statement labels the claim; the rest are notes unless a label shows them.
        if i == 0 || d.labels.iter().any(|l| &l.message == e && l.span != d.span) {
            continue;
        }
        notes.push(e.clone());
    }
    let sources = (!d.sources.is_empty()).then(|| format!("source: {}", d.sources.join("; ")));
    let help = d.suggestion.as_ref().map(|s| format!("write: {s}"));
    let mut message = level(d.severity).title(&d.message).id(d.rule.as_str()).snippet(snippet);
    for n in &notes {
        message = message.footer(Level::Note.title(n));
    }
    if let Some(h) = &help {
        message = message.footer(Level::Help.title(h));
    }
    if let Some(s) = &sources {
        message = message.footer(Level::Note.title(s));
    }
    let mut rendered = renderer.render(message).to_string();
    if cut {
        let shown_column = source.text()[ex.offset..d.span.start].chars().count() + 1;
        rendered = rendered.replacen(
            &format!("\u{1}:{}:{shown_column}", ex.line_start),
            &format!("{}:{}:{}", d.path, ex.line_start, ex.column),
            1,
        );
    }
    writeln!(out, "{rendered}\n")
}

pub fn render(report: &Report, opts: Options, out: &mut dyn Write) -> std::io::Result<()> {
    let mut renderer = if opts.color { Renderer::styled() } else { Renderer::plain() };
    if let Some(width) = opts.width {
        renderer = renderer.term_width(width.max(40));
    }
    for (f, d) in report.diagnostics() {
        render_one(d, &f.source, &renderer, out)?;
    }
    for e in &report.errors {
        writeln!(out, "error: {}: {}", e.path, e.message)?;
    }
    writeln!(out, "{}", report.summary_line())
}
