//! Escaping for the markup formats, HTML (`--format html`) and JUnit XML: the five characters
//! markup reserves become references, and control characters that neither format can carry
//! become U+FFFD, so an odd byte in an article never makes a report unreadable.

/// Where escaped text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Element content, or an HTML attribute: tabs and line feeds stay as they are.
    Content,
    /// An XML attribute value, where a raw tab or line break would be read back as a space.
    XmlAttribute,
}

/// Appends `s` to `out`, escaped for `place`.
pub fn escape_into(out: &mut String, s: &str, place: Place) {
    let attribute = place == Place::XmlAttribute;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{7F}' | '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `s` escaped for element content (or an HTML attribute).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s, Place::Content);
    out
}

/// `s` escaped for an XML attribute value.
pub fn escape_attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s, Place::XmlAttribute);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_and_controls() {
        assert_eq!(escape("a <b>\n& \"c\" 'd'\u{1}"), "a &lt;b&gt;\n&amp; &quot;c&quot; &#39;d&#39;\u{FFFD}");
        assert_eq!(escape_attribute("a\nb\tc\r"), "a&#10;b&#9;c&#13;");
    }
}
