//! The HTML tokenizer: tags, attributes, comments and text, with their byte offsets.

use super::*;

/// Finds markup in the source. It knows where the last `>` and quotes are, so a `<` or quote
/// that can never be closed is seen as such at once instead of by reading to the end of the
/// file again for every one of them.
pub(super) struct Scanner<'a> {
    src: &'a str,
    last_gt: Option<usize>,
    last_quote: [Option<usize>; 2],
}

impl<'a> Scanner<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        let last = |c: u8| bytes.iter().rposition(|&b| b == c);
        Scanner { src, last_gt: last(b'>'), last_quote: [last(b'"'), last(b'\'')] }
    }

    /// True when the byte `c` occurs at or after `from`.
    pub(super) fn closes(&self, c: u8, from: usize) -> bool {
        let last = match c {
            b'>' => self.last_gt,
            b'"' => self.last_quote[0],
            _ => self.last_quote[1],
        };
        last.is_some_and(|i| i >= from)
    }

    /// Recognises the markup starting at the `<` at `lt`, or None when the `<` is text.
    pub(super) fn scan(&self, lt: usize) -> Option<Token> {
        let bytes = self.src.as_bytes();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            let body = lt + 4;
            // `<!-->` and `<!--->` are complete, empty comments.
            for abrupt in [&b">"[..], b"->"] {
                if bytes[body..].starts_with(abrupt) {
                    return Some(Token::Comment { body: body..body, end: body + abrupt.len() });
                }
            }
            // An unterminated comment runs to the end of the file, as in a browser.
            let (close, end) = match find_bytes(bytes, body, b"-->") {
                Some(close) => match find_bytes(&bytes[..close], body, b"--!>") {
                    Some(bang) => (bang, bang + 4),
                    None => (close, close + 3),
                },
                None => (bytes.len(), bytes.len()),
            };
            return Some(Token::Comment { body: body..close, end });
        }
        if !self.closes(b'>', lt) {
            return None;
        }
        match rest.get(1) {
            Some(b'!' | b'?') => {
                // A doctype, CDATA section or processing instruction: read as a bogus comment.
                let end = find_bytes(bytes, lt + 2, b">")? + 1;
                Some(Token::Ignored { end })
            }
            Some(b'/') => match rest.get(2) {
                Some(b'>') => Some(Token::Ignored { end: lt + 3 }),
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = self.scan_tag(lt + 2)?;
                    Some(Token::EndTag { name: tag.name, end: tag.end })
                }
                _ => None,
            },
            Some(c) if c.is_ascii_alphabetic() => self.scan_tag(lt + 1).map(Token::StartTag),
            _ => None,
        }
    }

    /// Reads a tag's name and attributes from `start` (just after `<` or `</`) to its `>`.
    /// Returns None when the file ends first: the `<` is then read as text rather than
    /// swallowing the rest of the file.
    pub(super) fn scan_tag(&self, start: usize) -> Option<Tag> {
        let src = self.src;
        let bytes = src.as_bytes();
        let is_space = |c: u8| c.is_ascii_whitespace();
        let mut i = start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = src[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return None,
                Some(b'>') => return Some(Tag { name, attrs, end: i + 1 }),
                Some(_) if !self.closes(b'>', i) => return None,
                Some(_) => {}
            }
            // An attribute name runs to whitespace, `/`, `>` or `=` (a leading `=` is part of
            // it).
            let name_start = i;
            i += 1;
            while i < bytes.len() && !matches!(bytes[i], b'/' | b'>' | b'=') && !is_space(bytes[i]) {
                i += 1;
            }
            let attr_name = src[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = None;
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                let (raw, next) = match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        if !self.closes(q, i + 1) {
                            return None;
                        }
                        let close = find_bytes(bytes, i + 1, &[q])?;
                        (&src[i + 1..close], close + 1)
                    }
                    _ => {
                        let v_start = i;
                        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        (&src[v_start..i], i)
                    }
                };
                value = Some(decode_entities(raw));
                i = next;
            }
            attrs.push((attr_name, value));
        }
    }
}

/// Finds the end tag `</name` (any case) from `from`; returns where it starts and ends.
pub(super) fn find_end_tag(src: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let bytes = src.as_bytes();
    let mut i = from;
    while let Some(lt) = find_bytes(bytes, i, b"</") {
        let n = lt + 2;
        let name_end = n + name.len();
        if bytes.get(n..name_end).is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            let end = find_bytes(bytes, name_end, b">").map_or(bytes.len(), |i| i + 1);
            return Some((lt, end));
        }
        i = n;
    }
    None
}

pub(super) fn find_bytes(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}
