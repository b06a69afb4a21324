//! `--format html`: one self-contained page per run for editors. A summary by rule and by file,
//! then every article with findings or claims shown in full, each finding highlighted in place
//! and each claim without one marked quietly (confirmed or unknown, the source or reason on
//! hover); the evidence shows on hover, on keyboard focus (findings are focusable) and when the
//! finding is linked to from the list of findings. No JavaScript: the page is read with CSS alone, and a
//! Content-Security-Policy forbids scripts outright. Everything taken from an article is
//! escaped, since article text can contain markup.

use super::escape::{escape, escape_into, Place};
use super::{FileResult, Report};
use crate::diagnostic::{Claim, Diagnostic, Verdict, VerdictCounts};
use crate::source::Span;
use crate::vocab::plural;
use crate::vocab::Severity;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

const STYLE: &str = r#"
:root { --error: #b3261e; --error-bg: #fde7e6; --warning: #8a5a00; --warning-bg: #fff1cc;
  --info: #1f5fa8; --info-bg: #e3eefb; --line: #d6d6d6; --muted: #555; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem;
  overflow-wrap: anywhere; }
.totals { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.path { overflow-wrap: anywhere; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.sev { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .4rem; border-radius: .6rem;
  text-transform: uppercase; letter-spacing: .02em; }
.sev.error { color: #fff; background: var(--error); }
.sev.warning { color: #1b1b1b; background: #f2b600; }
.sev.info { color: #fff; background: var(--info); }
.clean { color: #2e7d32; }
ol.findings { padding-left: 1.5rem; }
ol.findings li { margin: .4rem 0; }
ol.findings ul { margin: .2rem 0; padding-left: 1.2rem; color: #333; }
.where { font-size: .9rem; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; font: 1rem/1.7 Georgia, "Noto Serif", serif;
  background: #fafafa; border: 1px solid var(--line); border-radius: .4rem; padding: 1rem 1.2rem; margin: 0; }
mark { position: relative; background: var(--info-bg); color: inherit; border-bottom: 3px solid var(--info);
  padding: 0 .1em; cursor: help; }
mark.error { background: var(--error-bg); border-bottom-color: var(--error); }
mark.warning { background: var(--warning-bg); border-bottom-color: #f2b600; }
mark:focus { outline: 2px solid #1b1b1b; outline-offset: 2px; }
mark:target { outline: 2px dashed #1b1b1b; outline-offset: 2px; }
.part { border-bottom: 2px dotted currentColor; }
.tips { display: none; position: absolute; left: 0; top: 1.9em; z-index: 10; width: 30rem; max-width: 80vw;
  white-space: normal; font: .9rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: #fff; color: #1b1b1b; border: 1px solid #999; border-radius: .4rem;
  box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: .6rem .8rem; }
.tip, .tip > span { display: block; }
.tip + .tip { border-top: 1px solid var(--line); margin-top: .5rem; padding-top: .5rem; }
.tip .head { font-weight: 600; }
.tip .ev::before { content: "\2022  "; }
.tip .meta { color: var(--muted); font-size: .85rem; }
mark:hover .tips, mark:focus .tips, mark:focus-within .tips, mark:target .tips { display: block; }
.claim { cursor: help; text-underline-offset: .25em; }
.claim.confirmed { text-decoration: underline 1px #2e7d32; }
.claim.unknown { text-decoration: underline dotted 1px #777; }
.claims { color: var(--muted); font-size: .95rem; margin: .25rem 0 .5rem; }
@media print { .tips { display: none !important; } mark { border-bottom-style: double; } }
"#;

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

/// Findings whose spans overlap are highlighted as one group; a group's first finding names it.
struct Group<'a> {
    span: Span,
    diagnostics: Vec<(usize, &'a Diagnostic)>,
}

fn groups(f: &FileResult) -> Vec<Group<'_>> {
    let mut sorted: Vec<(usize, &Diagnostic)> = f.diagnostics.iter().enumerate().map(|(i, d)| (i + 1, d)).collect();
    sorted.sort_by_key(|(_, d)| (d.span.start, d.span.end));
    let mut out: Vec<Group> = Vec::new();
    for (i, d) in sorted {
        match out.last_mut() {
            Some(g) if d.span.start < g.span.end || (d.span.start == g.span.start && g.span.is_empty()) => {
                g.span = g.span.cover(d.span);
                g.diagnostics.push((i, d));
            }
            _ => out.push(Group { span: d.span, diagnostics: vec![(i, d)] }),
        }
    }
    out
}

fn worst(g: &Group) -> Severity {
    g.diagnostics.iter().map(|(_, d)| d.severity).max().unwrap_or(Severity::Info)
}

/// The evidence card shown for a finding: rule, message, evidence, fix and sources.
fn tip(out: &mut String, d: &Diagnostic, id: &str) {
    let _ = write!(out, r#"<span class="tip" id="{id}">"#);
    let _ = write!(
        out,
        r#"<span class="head"><span class="sev {}">{}</span> {}</span>"#,
        severity_class(d.severity),
        d.severity,
        escape(&d.message)
    );
    for e in &d.evidence {
        let _ = write!(out, r#"<span class="ev">{}</span>"#, escape(e));
    }
    if let Some(s) = &d.suggestion {
        let _ = write!(out, r#"<span>Suggestion: <b>{}</b></span>"#, escape(s));
    }
    let _ = write!(out, r#"<span class="meta"><code>{}</code>"#, escape(d.rule.as_str()));
    if !d.sources.is_empty() {
        let _ = write!(out, " · source: {}", escape(&d.sources.join("; ")));
    }
    out.push_str("</span></span>");
}

/// The text of a group with the secondary labels of its findings underlined.
fn group_text(out: &mut String, text: &str, g: &Group) {
    let mut parts: Vec<(Span, &str)> = g
        .diagnostics
        .iter()
        .flat_map(|(_, d)| d.labels.iter().filter(move |l| l.span != d.span))
        .filter(|l| g.span.contains(l.span) && !l.span.is_empty())
        .map(|l| (l.span, l.message.as_str()))
        .collect();
    parts.sort_by_key(|(s, _)| (s.start, s.end));
    let mut at = g.span.start;
    for (span, message) in parts {
        if span.start < at {
            continue; // overlaps the previous label
        }
        escape_into(out, &text[at..span.start], Place::Content);
        let _ = write!(out, r#"<span class="part" title="{}">"#, escape(message));
        escape_into(out, &text[span.range()], Place::Content);
        out.push_str("</span>");
        at = span.end;
    }
    escape_into(out, &text[at..g.span.end], Place::Content);
}

/// The claims of a file that have no finding, which the article marks quietly: confirmed ones
/// with their source on hover, unknown ones apart with the reason. None overlaps a finding or
/// another.
fn quiet_claims<'a>(f: &'a FileResult, groups: &[Group<'_>]) -> Vec<&'a Claim> {
    let mut out: Vec<&Claim> = Vec::new();
    for c in f.claims.iter().flatten().filter(|c| c.verdict != Verdict::Contradicted && !c.span.is_empty()) {
        let overlaps = |s: Span| c.span.start < s.end && s.start < c.span.end;
        if groups.iter().any(|g| overlaps(g.span)) || out.iter().any(|o| overlaps(o.span)) {
            continue;
        }
        out.push(c);
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// True when a file's article is shown: it has findings, or claims the run read.
fn shown(f: &FileResult) -> bool {
    !f.diagnostics.is_empty() || f.claims.as_ref().is_some_and(|c| !c.is_empty())
}

/// "12 claims: 10 confirmed, 1 contradicted, 1 unknown", when the run read claims.
fn claims_line(f: &FileResult) -> Option<String> {
    f.claims.as_deref().map(|c| VerdictCounts::of(c).line())
}

fn article(out: &mut String, file_no: usize, f: &FileResult) {
    let text = f.source.text();
    // A parser drops one line break right after <pre>: give it one so the article's own stays.
    out.push_str("<pre class=\"article\">\n");
    let mut at = 0;
    let groups = groups(f);
    let mut quiet = quiet_claims(f, &groups).into_iter().peekable();
    for g in groups {
        while let Some(c) = quiet.next_if(|c| c.span.end <= g.span.start) {
            quiet_claim(out, text, &mut at, c);
        }
        escape_into(out, &text[at..g.span.start], Place::Content);
        let first = g.diagnostics[0].0;
        let tips: Vec<String> = g.diagnostics.iter().map(|(i, _)| format!("tip-{file_no}-{i}")).collect();
        let _ = write!(
            out,
            r#"<mark class="{}" id="claim-{file_no}-{first}" tabindex="0" aria-describedby="{}">"#,
            severity_class(worst(&g)),
            tips.join(" ")
        );
        if g.span.is_empty() {
            out.push('\u{2038}'); // a caret, so an empty span can still be seen and focused
        } else {
            group_text(out, text, &g);
        }
        out.push_str(r#"<span class="tips" role="tooltip">"#);
        for ((_, d), id) in g.diagnostics.iter().zip(&tips) {
            tip(out, d, id);
        }
        out.push_str("</span></mark>");
        at = g.span.end;
    }
    for c in quiet {
        quiet_claim(out, text, &mut at, c);
    }
    escape_into(out, &text[at..], Place::Content);
    out.push_str("</pre>\n");
}

fn quiet_claim(out: &mut String, text: &str, at: &mut usize, c: &Claim) {
    escape_into(out, &text[*at..c.span.start], Place::Content);
    let _ = write!(
        out,
        r#"<span class="claim {}" title="{}: {}">"#,
        c.verdict.as_str(),
        c.verdict.as_str(),
        escape(&c.note)
    );
    escape_into(out, &text[c.span.range()], Place::Content);
    out.push_str("</span>");
    *at = c.span.end;
}

fn counts(f: &FileResult) -> [usize; 3] {
    let mut c = [0; 3];
    for d in &f.diagnostics {
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    c
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let totals = report.summary_line();
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(h, "<title>factlint report: {}</title>", escape(&totals));
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(h, "<header>\n<h1>factlint report</h1>\n<p class=\"totals\">{}</p>\n</header>", escape(&totals));

    // Summary by rule.
    let mut by_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (_, d) in report.diagnostics() {
        let c = by_rule.entry(d.rule.as_str()).or_default();
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    h.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    if by_rule.is_empty() {
        h.push_str("<p class=\"clean\">No findings.</p>\n");
    } else {
        h.push_str("<table class=\"by-rule\">\n<caption>By rule</caption>\n<thead><tr><th>Rule</th><th>What it finds</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th><th class=\"n\">Info</th></tr></thead>\n<tbody>\n");
        for (rule, c) in &by_rule {
            let summary = report.rule(rule).map(|r| r.summary.as_str()).unwrap_or("");
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(rule),
                escape(summary),
                c[0],
                c[1],
                c[2]
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    if !report.files.is_empty() {
        h.push_str("<table class=\"by-file\">\n<caption>By file</caption>\n<thead><tr><th>File</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th><th class=\"n\">Info</th></tr></thead>\n<tbody>\n");
        for (i, f) in report.files.iter().enumerate() {
            let c = counts(f);
            let path = escape(f.source.path());
            if f.diagnostics.is_empty() && !shown(f) {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"path\">{path} <span class=\"clean\">(clean)</span></td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>"
                );
            } else if f.diagnostics.is_empty() {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"path\"><a href=\"#file-{}\">{path}</a> <span class=\"clean\">(clean)</span></td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>",
                    i + 1
                );
            } else {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"path\"><a href=\"#file-{}\">{path}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    i + 1,
                    c[0],
                    c[1],
                    c[2]
                );
            }
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");

    if !report.errors.is_empty() {
        h.push_str("<section id=\"not-checked\">\n<h2>Not checked</h2>\n<ul>\n");
        for e in &report.errors {
            let _ = writeln!(h, "<li><code>{}</code>: {}</li>", escape(&e.path), escape(&e.message));
        }
        h.push_str("</ul>\n</section>\n");
    }

    for (i, f) in report.files.iter().enumerate().filter(|(_, f)| shown(f)) {
        let n = i + 1;
        let _ = writeln!(
            h,
            "<section class=\"file\" id=\"file-{n}\">\n<h2>{} <span class=\"totals\">({})</span></h2>",
            escape(f.source.path()),
            plural(f.diagnostics.len(), "finding", "findings")
        );
        if let Some(line) = claims_line(f) {
            let _ = writeln!(h, "<p class=\"claims\">{}</p>", escape(&line));
        }
        // The highlight that shows each finding (overlapping findings share one).
        let mut shown_by = vec![0; f.diagnostics.len() + 1];
        for g in groups(f) {
            for (i, _) in &g.diagnostics {
                shown_by[*i] = g.diagnostics[0].0;
            }
        }
        if !f.diagnostics.is_empty() {
            h.push_str("<ol class=\"findings\">\n");
        }
        for (j, d) in f.diagnostics.iter().enumerate() {
            let at = f.source.line_col(d.span.start);
            let _ = write!(
                h,
                "<li id=\"finding-{n}-{}\"><span class=\"sev {}\">{}</span> <a class=\"where\" href=\"#claim-{n}-{}\">line {}, column {}</a> <code>{}</code> {}: <q>{}</q>",
                j + 1,
                severity_class(d.severity),
                d.severity,
                shown_by[j + 1],
                at.line,
                at.column,
                escape(d.rule.as_str()),
                escape(&d.message),
                escape(&d.text)
            );
            if !d.evidence.is_empty() || d.suggestion.is_some() || !d.sources.is_empty() {
                h.push_str("\n<ul>");
                for e in &d.evidence {
                    let _ = write!(h, "<li>{}</li>", escape(e));
                }
                if let Some(s) = &d.suggestion {
                    let _ = write!(h, "<li>Suggestion: <b>{}</b></li>", escape(s));
                }
                if !d.sources.is_empty() {
                    let _ = write!(h, "<li>Source: {}</li>", escape(&d.sources.join("; ")));
                }
                h.push_str("</ul>");
            }
            h.push_str("</li>\n");
        }
        if !f.diagnostics.is_empty() {
            h.push_str("</ol>\n");
        }
        article(&mut h, n, f);
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::sync::Arc;

    #[test]
    fn markup_in_articles_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{1}b\n"), "a\u{FFFD}b\n");
    }

    fn diagnostic(start: usize, end: usize, severity: Severity, message: &str) -> Diagnostic {
        Diagnostic {
            rule: crate::vocab::RuleId::parse("place.located-in").unwrap(),
            severity,
            path: "a.txt".into(),
            span: Span::new(start, end),
            text: String::new(),
            message: message.into(),
            evidence: vec![format!("evidence for {message}")],
            suggestion: None,
            sources: vec![],
            labels: vec![],
        }
    }

    /// The article as a reader sees it: the text of the <pre>, without the evidence cards.
    fn article_text(html: &str) -> String {
        let pre = &html[html.find("<pre class=\"article\">\n").unwrap() + 22..html.find("</pre>").unwrap()];
        let mut text = String::new();
        let mut rest = pre;
        while let Some(i) = rest.find('<') {
            text.push_str(&rest[..i]);
            if rest[i..].starts_with("<span class=\"tips\"") {
                // Skip the cards: up to the mark's end.
                rest = &rest[i + rest[i..].find("</mark>").unwrap()..];
            }
            rest = &rest[rest.find('>').unwrap() + 1..];
        }
        text.push_str(rest);
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn overlapping_findings_share_one_highlight_and_the_text_survives() {
        let text = "<b>Kota Medan</b> di Jawa Barat & \"Bandung\".\nNext line";
        let source = Arc::new(SourceFile::new("a.txt", text));
        let diagnostics = vec![
            diagnostic(8, 29, Severity::Warning, "first"),
            diagnostic(20, 36, Severity::Error, "second"),
            diagnostic(40, 40, Severity::Info, "empty"),
        ];
        let report = Report { files: vec![FileResult { source, diagnostics, claims: None }], ..Report::default() };
        let mut out = Vec::new();
        render(&report, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        // One mark for the overlapping pair, coloured by its worst severity, with both cards.
        assert_eq!(html.matches("<mark ").count(), 2);
        assert!(html.contains(r#"<mark class="error" id="claim-1-1" tabindex="0" aria-describedby="tip-1-1 tip-1-2">"#));
        // The list links the second finding to the shared highlight.
        assert!(html.contains(
            r##"<li id="finding-1-2"><span class="sev error">error</span> <a class="where" href="#claim-1-1">"##
        ));
        // An empty span is still visible.
        assert!(
            html.contains("<mark class=\"info\" id=\"claim-1-3\" tabindex=\"0\" aria-describedby=\"tip-1-3\">\u{2038}")
        );
        assert_eq!(article_text(&html).replace('\u{2038}', ""), text);
    }
}
