//! A user's pattern checked as the loader reads it: its syntax and its group names, without
//! compiling it to an automaton; errors shown in the pattern as its author wrote it.

/// Checks an expanded pattern without compiling it to an automaton: its syntax, and the names of
/// its groups.
pub(super) fn check_pattern(source: &str) -> Result<Vec<String>, String> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(source).map_err(|e| e.to_string())?;
    let mut names = Vec::new();
    collect_group_names(&hir, &mut names);
    Ok(names)
}

/// A pattern with each `{macro}` replaced by a short group, so that syntax errors are shown in the
/// pattern as its author wrote it.
pub(super) fn macro_skeleton(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut last = 0;
    for (range, _) in crate::lexicon::macros(pattern) {
        out.push_str(&pattern[last..range.start]);
        out.push_str("(?:m)");
        last = range.end;
    }
    out.push_str(&pattern[last..]);
    out
}

fn collect_group_names(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(n) = &c.name {
                out.push(n.to_string());
            }
            collect_group_names(&c.sub, out);
        }
        HirKind::Repetition(r) => collect_group_names(&r.sub, out),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().for_each(|h| collect_group_names(h, out)),
        _ => {}
    }
}
