//! Inline styles that hide an element from readers (`display:none`, off-screen positions).

use std::collections::HashSet;

/// True when an inline style hides the element from readers: `display:none`,
/// `visibility:hidden`, no opacity, no font size, a collapsed box, or a position or indent far
/// off screen. The last declaration of a property wins, as in CSS.
pub(super) fn style_hides(style: &str) -> bool {
    let style = style.to_ascii_lowercase();
    let decls: Vec<(&str, &str)> = style
        .split(';')
        .filter_map(|d| {
            let (prop, value) = d.split_once(':')?;
            let value = value.trim();
            Some((prop.trim(), value.strip_suffix("!important").unwrap_or(value).trim()))
        })
        .collect();
    let last = |prop: &str| decls.iter().rev().find(|(p, _)| *p == prop).map(|(_, v)| *v);
    let positioned = last("position") != Some("static");
    let clipped = ["overflow", "overflow-x", "overflow-y"].iter().any(|p| matches!(last(p), Some("hidden" | "clip")));
    let mut seen = HashSet::new();
    decls.iter().rev().filter(|(p, _)| seen.insert(*p)).any(|&(prop, value)| match prop {
        "display" => value == "none",
        "visibility" => value == "hidden" || value == "collapse",
        "opacity" => length(value).is_some_and(|(n, _)| n <= 0.0),
        "font-size" => length(value).is_some_and(|(n, _)| n == 0.0),
        "text-indent" | "margin-left" | "margin-top" => far_negative(value),
        "margin" => value.split_whitespace().any(far_negative),
        // Offsets only move positioned elements; with no inline position the page's stylesheet
        // may well position it, and nobody writes -9999px for any other reason.
        "left" | "top" | "right" | "bottom" => positioned && far_negative(value),
        "width" | "height" | "max-width" | "max-height" => clipped && length(value).is_some_and(|(n, _)| n == 0.0),
        _ => false,
    })
}

/// A CSS length far enough off screen to hide content (`-9999px`, `-100em`), not a nudge.
pub(super) fn far_negative(value: &str) -> bool {
    let Some((n, unit)) = length(value) else {
        return false;
    };
    let limit = match unit {
        "em" | "rem" | "ex" | "ch" => -30.0,
        "%" | "vw" | "vh" => -100.0,
        _ => -500.0,
    };
    n <= limit
}

/// The number at the start of a CSS value and the unit after it.
pub(super) fn length(value: &str) -> Option<(f64, &str)> {
    let end = value
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(value.len(), |(i, _)| i);
    let n: f64 = value[..end].parse().ok()?;
    Some((n, value[end..].trim()))
}
