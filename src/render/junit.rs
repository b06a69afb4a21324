//! `--format junit`: JUnit XML for CI dashboards (GitLab, Jenkins, Azure). One test suite per
//! checked file; each finding is a failed test case named after its rule and position, a file
//! without findings is one passing case, and an input that could not be read is an errored case.

use super::Report;
use std::io::Write;

/// Escapes an attribute value. Characters XML 1.0 cannot carry (most C0 controls) become
/// U+FFFD, so an odd byte in an article never makes the report unreadable.
pub fn escape(s: &str) -> String {
    escape_as(s, true)
}

/// Escapes element content: like [`escape`], but line breaks stay line breaks.
pub fn escape_text(s: &str) -> String {
    escape_as(s, false)
}

fn escape_as(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // In attributes a raw newline or tab would be read back as a space.
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let s = report.summary();
    let cases = report.files.iter().map(|f| f.diagnostics.len().max(1)).sum::<usize>() + report.errors.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="factlint" tests="{cases}" failures="{}" errors="{}">"#,
        s.findings,
        report.errors.len()
    )?;
    for f in &report.files {
        let path = escape(f.source.path());
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0">"#,
            f.diagnostics.len().max(1),
            f.diagnostics.len()
        )?;
        if f.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="factlint" classname="{path}"/>"#)?;
        }
        for d in &f.diagnostics {
            let at = f.source.line_col(d.span.start);
            let mut body = format!("{}:{}:{}: {}[{}]: {}", d.path, at.line, at.column, d.severity, d.rule, d.message);
            body.push_str(&format!("\nclaim: {}", d.text));
            for e in &d.evidence {
                body.push_str(&format!("\n- {e}"));
            }
            if let Some(sug) = &d.suggestion {
                body.push_str(&format!("\nsuggestion: {sug}"));
            }
            if !d.sources.is_empty() {
                body.push_str(&format!("\nsource: {}", d.sources.join("; ")));
            }
            writeln!(
                out,
                r#"    <testcase name="{} at {}:{}" classname="{path}">"#,
                escape(d.rule.as_str()),
                at.line,
                at.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                d.severity,
                escape(&d.message),
                escape_text(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for e in &report.errors {
        let path = escape(&e.path);
        writeln!(out, r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#)?;
        writeln!(out, r#"    <testcase name="read" classname="{path}">"#)?;
        writeln!(out, r#"      <error type="input" message="{}"/>"#, escape(&e.message))?;
        writeln!(out, "    </testcase>")?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(escape(r#"<b a="1">&'x'</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&apos;x&apos;&lt;/b&gt;");
        assert_eq!(escape("a\u{0B}b\nc"), "a\u{FFFD}b&#10;c");
        assert_eq!(escape_text("a <b>\nc"), "a &lt;b&gt;\nc");
    }
}
