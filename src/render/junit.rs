//! `--format junit`: JUnit XML for CI dashboards (GitLab, Jenkins, Azure). One test suite per
//! checked file; each finding is a failed test case named after its rule and position, a file
//! without findings is one passing case, and an input that could not be read is an errored case.

use super::escape::{escape, escape_attribute};
use super::Report;
use std::io::Write;

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
        let path = escape_attribute(f.source.path());
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
                escape_attribute(d.rule.as_str()),
                at.line,
                at.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                d.severity,
                escape_attribute(&d.message),
                escape(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for e in &report.errors {
        let path = escape_attribute(&e.path);
        writeln!(out, r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#)?;
        writeln!(out, r#"    <testcase name="read" classname="{path}">"#)?;
        writeln!(out, r#"      <error type="input" message="{}"/>"#, escape_attribute(&e.message))?;
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
        assert_eq!(escape_attribute(r#"<b a="1">&'x'</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;x&#39;&lt;/b&gt;");
        assert_eq!(escape_attribute("a\u{0B}b\nc"), "a\u{FFFD}b&#10;c");
        assert_eq!(escape("a <b>\nc"), "a &lt;b&gt;\nc");
    }
}
