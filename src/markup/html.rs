//! HTML to prose: the text a browser shows, with every prose byte mapped back to the HTML it came
//! from. Text nodes are prose; scripts, styles, code and comments are not; text a reader cannot
//! see (hidden by style or attribute) stays in the prose but is recorded as hidden, because
//! injected spam hides that way. Links and suppression directives are recorded as well.
//!
//! This is a small tolerant tokenizer, not an HTML5 tree builder: it knows enough of the
//! standard's error recovery (implied end tags, raw text elements, bogus comments) to read real
//! news pages, and it never fails on any input.

use super::{find_urls, parse_directive, Link, Prose, ProseBuilder};
use crate::source::Span;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Reads an HTML document into prose.
pub fn parse(text: &str) -> Prose {
    let mut reader = Reader {
        src: text,
        scanner: Scanner::new(text),
        b: ProseBuilder::new(),
        stack: Vec::new(),
        open_counts: HashMap::new(),
        at_break: true,
        visible_pushes: 0,
        scratch: String::new(),
    };
    reader.run();
    reader.b.finish()
}

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Elements whose content is raw text up to their end tag (no tags inside). All of them are
/// skipped except `title`, whose text is read as a block.
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"];

/// Elements whose markup content is not prose.
const SKIPPED: &[&str] =
    &["audio", "canvas", "code", "kbd", "math", "object", "pre", "samp", "select", "svg", "template", "video"];

/// Skipped or empty elements a reader still sees as something on the page (an image, a code
/// sample): a separator stands in so the words around them do not join into one phrase.
const VISIBLE_NON_PROSE: &[&str] = &[
    "audio", "canvas", "code", "embed", "iframe", "img", "input", "kbd", "math", "object", "samp", "select", "svg",
    "textarea", "video",
];

/// Elements that start and end a block of prose.
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav",
    "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "template", "tfoot",
    "th", "thead", "title", "tr", "ul",
];

/// Start tags that close an open `p` (HTML's "close a p element" rule).
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "ul",
];

/// Elements an implied end tag does not look past ("button scope" in the standard).
const SCOPE: &[&str] = &["applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th"];

/// Elements an implied `li`/`dd`/`dt` end tag does not look past (the standard's "special"
/// elements, other than address, div and p, that commonly hold lists).
#[rustfmt::skip]
const LIST_SCOPE: &[&str] = &[
    "article", "aside", "blockquote", "body", "caption", "dl", "fieldset", "figure", "footer",
    "form", "header", "html", "main", "menu", "nav", "ol", "section", "table", "td", "template",
    "th", "ul",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// How far down the stack an implied end tag looks. Real pages nest a few dozen deep; the limit
/// keeps hostile nesting linear.
const MAX_SCOPE_SEARCH: usize = 256;

/// One piece of markup found at a `<`.
enum Token {
    /// `<!-- ... -->`: the body's range and where the comment ends.
    Comment {
        body: Range<usize>,
        end: usize,
    },
    /// A doctype, processing instruction, bogus comment or `</>`: nothing to read.
    Ignored {
        end: usize,
    },
    StartTag(Tag),
    EndTag {
        name: String,
        end: usize,
    },
}

struct Tag {
    /// Lowercased.
    name: String,
    /// Lowercased names; values with entities decoded.
    attrs: Vec<(String, Option<String>)>,
    /// Just after the tag's `>`.
    end: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    /// True when the element itself is hidden from readers: the `hidden` attribute, or an inline
    /// style that hides it. `aria-hidden` alone is not enough: it marks visible decoration.
    fn hides(&self) -> bool {
        self.attr("hidden").is_some() || self.attr("style").is_some_and(style_hides)
    }
}

/// An element whose end tag has not been seen.
struct Open {
    name: String,
    /// This element or an ancestor hides its content.
    hidden: bool,
    /// This is the outermost hidden element: its prose is recorded as hidden when it closes.
    hides: bool,
    /// This element's content is skipped (it or an ancestor is skipped).
    skipped: bool,
    block: bool,
    /// Prose length when the element opened.
    prose_start: usize,
    /// The reader's count of visible pushes when the element opened.
    visible_at_start: usize,
    /// For `<a href>`: the target and where the start tag begins.
    link: Option<(String, usize)>,
}

struct Reader<'a> {
    src: &'a str,
    scanner: Scanner<'a>,
    b: ProseBuilder,
    stack: Vec<Open>,
    /// How many elements of each name are open, so an end tag with nothing to close costs
    /// nothing however deep the stack is.
    open_counts: HashMap<String, usize>,
    /// The prose is empty or ends at a block break: leading whitespace and separators there
    /// carry nothing, so they are dropped.
    at_break: bool,
    /// Pushes of visible content so far; a link none of whose text was visible is hidden.
    visible_pushes: usize,
    /// Reused buffer for decoded entities.
    scratch: String,
}

impl Reader<'_> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        let mut text_start = 0;
        let mut search = 0;
        while let Some(off) = bytes[search..].iter().position(|&c| c == b'<') {
            let lt = search + off;
            let Some(token) = self.scanner.scan(lt) else {
                // A `<` that starts no markup is text.
                search = lt + 1;
                continue;
            };
            self.text(text_start..lt);
            let end = self.apply(lt, token).max(lt + 1);
            text_start = end;
            search = end;
        }
        self.text(text_start..bytes.len());
        self.pop_to(0, bytes.len(), bytes.len());
    }

    /// Acts on one token and returns where reading resumes.
    fn apply(&mut self, lt: usize, token: Token) -> usize {
        match token {
            Token::Comment { body, end } => {
                if let Some(d) = parse_directive(&self.src[body], Span::new(lt, end)) {
                    self.b.add_directive(d);
                }
                end
            }
            Token::Ignored { end } => end,
            Token::EndTag { name, end } => {
                self.end_tag(lt, &name, end);
                end
            }
            Token::StartTag(tag) => self.start_tag(lt, tag),
        }
    }

    fn start_tag(&mut self, lt: usize, tag: Tag) -> usize {
        let name = tag.name.as_str();
        self.close_implied(name, lt);
        if RAW_TEXT.contains(&name) {
            return self.raw_text(lt, &tag);
        }
        if VOID.contains(&name) {
            if BLOCK.contains(&name) {
                self.block_break(lt);
            } else if VISIBLE_NON_PROSE.contains(&name) {
                self.separator(Span::new(lt, tag.end));
            }
            return tag.end;
        }
        let (parent_hidden, parent_skipped) = self.stack.last().map_or((false, false), |p| (p.hidden, p.skipped));
        let own_hidden = tag.hides();
        let skips = SKIPPED.contains(&name);
        let block = BLOCK.contains(&name);
        if block {
            self.block_break(lt);
        } else if VISIBLE_NON_PROSE.contains(&name) {
            self.separator(Span::new(lt, tag.end));
        }
        let link = match (name, tag.attr("href")) {
            ("a", Some(href)) => Some((href.to_string(), lt)),
            _ => None,
        };
        *self.open_counts.entry(tag.name.clone()).or_default() += 1;
        self.stack.push(Open {
            name: tag.name,
            hidden: parent_hidden || own_hidden,
            hides: own_hidden && !parent_hidden,
            skipped: parent_skipped || skips,
            block,
            prose_start: self.b.len(),
            visible_at_start: self.visible_pushes,
            link,
        });
        tag.end
    }

    /// Reads a raw text element (script, style, title...) through its end tag.
    fn raw_text(&mut self, lt: usize, tag: &Tag) -> usize {
        let content = tag.end;
        let (close, end) = find_end_tag(self.src, content, &tag.name).unwrap_or((self.src.len(), self.src.len()));
        if tag.name == "title" {
            // The page title is prose a reader sees (in the tab and in search results).
            self.block_break(lt);
            self.text(content..close);
            self.block_break(end);
        } else if VISIBLE_NON_PROSE.contains(&tag.name.as_str()) {
            self.separator(Span::new(lt, end));
        }
        end
    }

    fn end_tag(&mut self, lt: usize, name: &str, end: usize) {
        if self.open_counts.get(name).copied().unwrap_or(0) == 0 {
            // A stray end tag closes nothing, but `</p>` and `</br>` still break the text, as in
            // a browser.
            if BLOCK.contains(&name) {
                self.block_break(lt);
            }
            return;
        }
        if let Some(i) = self.stack.iter().rposition(|e| e.name == name) {
            self.pop_to(i, lt, end);
        }
    }

    /// The end tags HTML implies when `name` opens: a new paragraph, list item, cell or link
    /// closes the open one.
    fn close_implied(&mut self, name: &str, at: usize) {
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], SCOPE, at);
        }
        match name {
            "li" => self.close_in_scope(&["li"], LIST_SCOPE, at),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], LIST_SCOPE, at),
            "tr" => self.close_in_scope(&["tr"], &["table", "template"], at),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table", "template"], at),
            "a" => self.close_in_scope(&["a"], SCOPE, at),
            "option" => self.close_in_scope(&["option"], &["select", "datalist"], at),
            // A heading cannot hold another: the browser closes the open one.
            _ if HEADINGS.contains(&name) && self.top_is_heading() => {
                let top = self.stack.len() - 1;
                self.pop_to(top, at, at);
            }
            _ => {}
        }
    }

    fn top_is_heading(&self) -> bool {
        self.stack.last().is_some_and(|e| HEADINGS.contains(&e.name.as_str()))
    }

    fn close_in_scope(&mut self, targets: &[&str], stops: &[&str], at: usize) {
        if targets.iter().all(|t| self.open_counts.get(*t).copied().unwrap_or(0) == 0) {
            return;
        }
        for i in (0..self.stack.len()).rev().take(MAX_SCOPE_SEARCH) {
            let name = self.stack[i].name.as_str();
            if targets.contains(&name) {
                self.pop_to(i, at, at);
                return;
            }
            if stops.contains(&name) {
                return;
            }
        }
    }

    /// Closes the elements from the top of the stack down to index `i`: those above it end at
    /// `inner_end` (they were left open), the element at `i` at `end`.
    fn pop_to(&mut self, i: usize, inner_end: usize, end: usize) {
        while self.stack.len() > i {
            let at = if self.stack.len() == i + 1 { end } else { inner_end };
            if let Some(e) = self.stack.pop() {
                self.close(e, at);
            }
        }
    }

    fn close(&mut self, e: Open, end: usize) {
        if let Some(n) = self.open_counts.get_mut(&e.name) {
            *n = n.saturating_sub(1);
        }
        let len = self.b.len();
        if let Some((href, start)) = e.link {
            let text = e.prose_start.min(len)..len;
            // A link whose text is all inside hidden children is as hidden as the link itself.
            let nothing_visible = !text.is_empty() && self.visible_pushes == e.visible_at_start;
            self.b.add_link(Link {
                text,
                href,
                span: Span::new(start, end.max(start)),
                hidden: e.hidden || nothing_visible,
            });
        }
        if e.hides {
            self.b.add_hidden(e.prose_start.min(len)..len);
        }
        if e.block {
            // The element is popped, so this breaks unless the parent's content is skipped.
            self.block_break(end);
        }
    }

    fn skipped(&self) -> bool {
        self.stack.last().is_some_and(|e| e.skipped)
    }

    fn hidden(&self) -> bool {
        self.stack.last().is_some_and(|e| e.hidden)
    }

    fn block_break(&mut self, at: usize) {
        if !self.skipped() {
            self.b.push_block_break(at);
            self.at_break = true;
        }
    }

    fn separator(&mut self, span: Span) {
        if !self.skipped() && !self.at_break {
            self.b.push_separator(span);
            self.pushed();
        }
    }

    /// Notes that something was pushed to the prose.
    fn pushed(&mut self) {
        self.at_break = false;
        if !self.hidden() {
            self.visible_pushes += 1;
        }
    }

    /// Pushes a text node: verbatim, with entities decoded and URLs replaced by a separator.
    fn text(&mut self, range: Range<usize>) {
        if range.is_empty() || self.skipped() {
            return;
        }
        let mut start = range.start;
        if self.at_break {
            // Indentation and newlines between blocks are layout, not prose.
            let s = &self.src[range.clone()];
            start += s.len() - s.trim_start_matches(|c: char| c.is_ascii_whitespace()).len();
        }
        let slice = &self.src[start..range.end];
        if slice.is_empty() {
            return;
        }
        let urls = find_urls(slice);
        let mut next_url = 0;
        let mut amp = slice.find('&').unwrap_or(slice.len());
        let mut pos = 0;
        while pos < slice.len() {
            while urls.get(next_url).is_some_and(|u| u.end <= pos) {
                next_url += 1;
            }
            let url = urls.get(next_url).map(|u| u.start.max(pos)..u.end);
            let url_start = url.as_ref().map_or(slice.len(), |u| u.start);
            if amp < pos {
                // Search on only once the last `&` found is behind: a page of URLs and one `&`
                // at its end must not be searched to the end for every URL.
                amp = slice[pos..].find('&').map_or(slice.len(), |i| pos + i);
            }
            let stop = amp.min(url_start);
            if stop > pos {
                self.b.push_verbatim(&slice[pos..stop], Span::new(start + pos, start + stop));
                pos = stop;
            } else if let Some(url) = url.filter(|u| u.start == pos) {
                self.b.push_separator(Span::new(start + url.start, start + url.end));
                pos = url.end;
            } else {
                self.scratch.clear();
                match decode_entity(&slice[pos..], &mut self.scratch) {
                    Some(n) => {
                        let span = Span::new(start + pos, start + pos + n);
                        self.b.push_decoded(&self.scratch, span);
                        pos += n;
                    }
                    None => {
                        // Not a character reference ("AT&T"): the `&` is text.
                        self.b.push_verbatim("&", Span::new(start + pos, start + pos + 1));
                        pos += 1;
                    }
                }
            }
        }
        self.pushed();
    }
}

/// Finds markup in the source. It knows where the last `>` and quotes are, so a `<` or quote
/// that can never be closed is seen as such at once instead of by reading to the end of the
/// file again for every one of them.
struct Scanner<'a> {
    src: &'a str,
    last_gt: Option<usize>,
    last_quote: [Option<usize>; 2],
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        let last = |c: u8| bytes.iter().rposition(|&b| b == c);
        Scanner { src, last_gt: last(b'>'), last_quote: [last(b'"'), last(b'\'')] }
    }

    /// True when the byte `c` occurs at or after `from`.
    fn closes(&self, c: u8, from: usize) -> bool {
        let last = match c {
            b'>' => self.last_gt,
            b'"' => self.last_quote[0],
            _ => self.last_quote[1],
        };
        last.is_some_and(|i| i >= from)
    }

    /// Recognises the markup starting at the `<` at `lt`, or None when the `<` is text.
    fn scan(&self, lt: usize) -> Option<Token> {
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
    fn scan_tag(&self, start: usize) -> Option<Tag> {
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
fn find_end_tag(src: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let bytes = src.as_bytes();
    let mut i = from;
    while let Some(lt) = find_bytes(bytes, i, b"</") {
        let n = lt + 2;
        let name_end = n + name.len();
        if bytes.get(n..name_end).is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).map_or(true, |&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            let end = find_bytes(bytes, name_end, b">").map_or(bytes.len(), |i| i + 1);
            return Some((lt, end));
        }
        i = n;
    }
    None
}

fn find_bytes(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

/// Decodes every character reference in an attribute value.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_entity(rest, &mut out) {
            Some(n) => rest = &rest[n..],
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the character reference at the start of `s` (which starts with `&`) into `out` and
/// returns its length, or None when it is not one. Named references need their `;`, so "AT&T"
/// and "&copy 2024" stay as written; numeric ones, as in browsers, do not.
fn decode_entity(s: &str, out: &mut String) -> Option<usize> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let digits = b[digits_start.min(b.len())..].iter().take_while(|c| (**c as char).is_digit(radix)).count();
        if digits == 0 {
            return None;
        }
        let digits_end = digits_start + digits;
        let value = b[digits_start..digits_end].iter().fold(0u32, |v, c| {
            let d = (*c as char).to_digit(radix).unwrap_or(0);
            // Saturate: anything past U+10FFFF is replaced anyway.
            v.saturating_mul(radix).saturating_add(d).min(0x11_0000)
        });
        if let Some(c) = numeric_char(value) {
            out.push(c);
        }
        return Some(if b.get(digits_end) == Some(&b';') { digits_end + 1 } else { digits_end });
    }
    let name_len = b[1..].iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || b.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let c = named_char(&s[1..1 + name_len])?;
    if let Some(c) = visible(c) {
        out.push(c);
    }
    Some(name_len + 2)
}

/// The character a numeric reference stands for, following the browser's repairs.
fn numeric_char(value: u32) -> Option<char> {
    // Pages written in Windows-1252 put its punctuation in the C1 range (`&#150;` for a dash);
    // browsers read them as that code page does.
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0x80..=0x9F => CP1252[(value - 0x80) as usize],
        v => v,
    };
    let c = char::from_u32(value).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
    visible(c)
}

/// How a decoded character reads in prose: a no-break space is a space (rules match words
/// around it), and a soft hyphen is nothing (it only marks where a word may break).
fn visible(c: char) -> Option<char> {
    match c {
        '\u{A0}' => Some(' '),
        '\u{AD}' => None,
        c => Some(c),
    }
}

/// The named references of HTML 4 (which cover what news pages use) plus `apos`.
fn named_char(name: &str) -> Option<char> {
    // The Latin-1 names in code point order from U+00A0.
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not",
        "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1",
        "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml",
        "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH",
        "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
        "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    // Greek capitals Alpha..Rho (U+0391..) and Sigma..Omega (U+03A3..; U+03A2 is unassigned),
    // and the small letters alpha..omega (U+03B1..).
    const GREEK_UPPER_1: [&str; 17] = [
        "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu", "Nu",
        "Xi", "Omicron", "Pi", "Rho",
    ];
    const GREEK_UPPER_2: [&str; 7] = ["Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"];
    const GREEK_LOWER: [&str; 25] = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ];
    // One table row per line would run to a hundred lines of noise.
    #[rustfmt::skip]
    const OTHER: &[(&str, u32)] = &[
        ("quot", 0x22), ("amp", 0x26), ("apos", 0x27), ("lt", 0x3C), ("gt", 0x3E), ("OElig", 0x152),
        ("oelig", 0x153), ("Scaron", 0x160), ("scaron", 0x161), ("Yuml", 0x178), ("fnof", 0x192),
        ("circ", 0x2C6), ("tilde", 0x2DC), ("thetasym", 0x3D1), ("upsih", 0x3D2), ("piv", 0x3D6),
        ("ensp", 0x2002), ("emsp", 0x2003), ("thinsp", 0x2009), ("zwnj", 0x200C), ("zwj", 0x200D),
        ("lrm", 0x200E), ("rlm", 0x200F), ("ndash", 0x2013), ("mdash", 0x2014), ("lsquo", 0x2018),
        ("rsquo", 0x2019), ("sbquo", 0x201A), ("ldquo", 0x201C), ("rdquo", 0x201D),
        ("bdquo", 0x201E), ("dagger", 0x2020), ("Dagger", 0x2021), ("bull", 0x2022),
        ("hellip", 0x2026), ("permil", 0x2030), ("prime", 0x2032), ("Prime", 0x2033),
        ("lsaquo", 0x2039), ("rsaquo", 0x203A), ("oline", 0x203E), ("frasl", 0x2044),
        ("euro", 0x20AC), ("image", 0x2111), ("weierp", 0x2118), ("real", 0x211C),
        ("trade", 0x2122), ("alefsym", 0x2135), ("larr", 0x2190), ("uarr", 0x2191),
        ("rarr", 0x2192), ("darr", 0x2193), ("harr", 0x2194), ("crarr", 0x21B5), ("lArr", 0x21D0),
        ("uArr", 0x21D1), ("rArr", 0x21D2), ("dArr", 0x21D3), ("hArr", 0x21D4), ("forall", 0x2200),
        ("part", 0x2202), ("exist", 0x2203), ("empty", 0x2205), ("nabla", 0x2207), ("isin", 0x2208),
        ("notin", 0x2209), ("ni", 0x220B), ("prod", 0x220F), ("sum", 0x2211), ("minus", 0x2212),
        ("lowast", 0x2217), ("radic", 0x221A), ("prop", 0x221D), ("infin", 0x221E), ("ang", 0x2220),
        ("and", 0x2227), ("or", 0x2228), ("cap", 0x2229), ("cup", 0x222A), ("int", 0x222B),
        ("there4", 0x2234), ("sim", 0x223C), ("cong", 0x2245), ("asymp", 0x2248), ("ne", 0x2260),
        ("equiv", 0x2261), ("le", 0x2264), ("ge", 0x2265), ("sub", 0x2282), ("sup", 0x2283),
        ("nsub", 0x2284), ("sube", 0x2286), ("supe", 0x2287), ("oplus", 0x2295), ("otimes", 0x2297),
        ("perp", 0x22A5), ("sdot", 0x22C5), ("lceil", 0x2308), ("rceil", 0x2309),
        ("lfloor", 0x230A), ("rfloor", 0x230B), ("lang", 0x27E8), ("rang", 0x27E9), ("loz", 0x25CA),
        ("spades", 0x2660), ("clubs", 0x2663), ("hearts", 0x2665), ("diams", 0x2666),
    ];
    let at =
        |table: &[&str], base: u32| table.iter().position(|n| *n == name).and_then(|i| char::from_u32(base + i as u32));
    at(&LATIN1, 0xA0)
        .or_else(|| at(&GREEK_UPPER_1, 0x391))
        .or_else(|| at(&GREEK_UPPER_2, 0x3A3))
        .or_else(|| at(&GREEK_LOWER, 0x3B1))
        .or_else(|| OTHER.iter().find(|(n, _)| *n == name).and_then(|(_, c)| char::from_u32(*c)))
}

/// True when an inline style hides the element from readers: `display:none`,
/// `visibility:hidden`, no opacity, no font size, a collapsed box, or a position or indent far
/// off screen. The last declaration of a property wins, as in CSS.
fn style_hides(style: &str) -> bool {
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
fn far_negative(value: &str) -> bool {
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
fn length(value: &str) -> Option<(f64, &str)> {
    let end = value
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(value.len(), |(i, _)| i);
    let n: f64 = value[..end].parse().ok()?;
    Some((n, value[end..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::tests::{assert_sound, fuzz_inputs};
    use crate::markup::{DirectiveKind, SEPARATOR};

    fn find(prose: &Prose, needle: &str) -> Range<usize> {
        let i = prose.text().find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", prose.text()));
        i..i + needle.len()
    }

    /// Maps a prose needle back to the original and returns the original text.
    fn original<'a>(src: &'a str, prose: &Prose, needle: &str) -> &'a str {
        &src[prose.to_original(find(prose, needle)).range()]
    }

    /// Each run of letters and digits in the prose maps back to the same bytes, or, for a word
    /// joined across inline tags ("Shen<b>zhen"), to the bytes from its first letter to its last
    /// with markup between.
    fn assert_words_map(src: &str, prose: &Prose) {
        assert_sound(src, prose);
        let text = prose.text();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let word = &text[s..i];
                    let span = prose.to_original(s..i);
                    let got = &src[span.range()];
                    if got != word {
                        let first = word.chars().next().map_or(0, char::len_utf8);
                        let last = word.chars().next_back().map_or(0, char::len_utf8);
                        assert_eq!(prose.to_original(s..s + first).start, span.start, "{word:?}");
                        assert_eq!(prose.to_original(i - last..i).end, span.end, "{word:?}");
                        assert!(got.contains('<'), "word {word:?} maps to {got:?}");
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }

    fn hidden_texts(p: &Prose) -> Vec<&str> {
        p.hidden.iter().map(|r| &p.text()[r.clone()]).collect()
    }

    #[test]
    fn empty_and_text_only() {
        assert_eq!(parse("").text(), "");
        let src = "Jakarta, Indonesia";
        let p = parse(src);
        assert_eq!(p.text(), src);
        assert_words_map(src, &p);
    }

    #[test]
    fn blocks_break_and_inline_elements_join() {
        let src = "<h1>Banjir</h1><p>Di <b>Shen</b>zhen, <em>Guangdong</em>.</p><p>Besok</p>";
        let p = parse(src);
        assert_eq!(p.text(), "Banjir\n\nDi Shenzhen, Guangdong.\n\nBesok\n\n");
        assert_words_map(src, &p);
        assert_eq!(original(src, &p, "Shenzhen"), "Shen</b>zhen");
        assert_eq!(original(src, &p, "Guangdong"), "Guangdong");
    }

    #[test]
    fn lists_tables_and_breaks() {
        let src = "<ul>\n  <li>Medan\n  <li>Bogor</li>\n</ul>\n<table><tr><td>Kota<td>Provinsi</tr></table>a<br>b<hr>c";
        let p = parse(src);
        assert_eq!(p.text(), "Medan\n  \n\nBogor\n\nKota\n\nProvinsi\n\na\n\nb\n\nc");
        assert_words_map(src, &p);
    }

    #[test]
    fn title_is_a_block_and_head_metadata_is_not_prose() {
        let src = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Gempa &amp; tsunami</title>\
                   <style>p { color: red }</style><script>var s = '<p>x</p>';</script></head>\
                   <body><p>Isi</p></body></html>";
        let p = parse(src);
        assert_eq!(p.text(), "Gempa & tsunami\n\nIsi\n\n");
        assert_words_map(src, &p);
    }

    #[test]
    fn skipped_elements() {
        let src = "<p>Born in <code>foo</code>, Texas</p><pre>let x = Jakarta;</pre>\
                   <template><p>Bandung</p></template><svg><text>Medan</text></svg>\
                   <noscript>Aktifkan JavaScript</noscript><p>Akhir</p>";
        let p = parse(src);
        assert_eq!(p.text(), format!("Born in {SEPARATOR}, Texas\n\nAkhir\n\n"));
        assert_words_map(src, &p);
        assert_eq!(original(src, &p, &SEPARATOR.to_string()), "<code>");
    }

    #[test]
    fn script_end_tag_any_case_and_unterminated() {
        let src = "a<SCRIPT type=x>if (a < b) {}</script >b<style>";
        let p = parse(src);
        assert_eq!(p.text(), "ab");
        assert_words_map(src, &p);
    }

    #[test]
    fn entities_decode_and_map_to_their_whole_range() {
        let src = "<p>AT&amp;T caf&eacute; &#233;t&#xE9; &#x4E2D;&#25991; a&nbsp;b &unknown; &copy 2024 &#150; Jakar&shy;ta &lt;3</p>";
        let p = parse(src);
        assert_eq!(p.text(), "AT&T café été 中文 a b &unknown; &copy 2024 – Jakarta <3\n\n");
        assert_sound(src, &p);
        assert_eq!(original(src, &p, "&T"), "&amp;T");
        assert_eq!(original(src, &p, "é"), "&eacute;");
        assert_eq!(original(src, &p, "中"), "&#x4E2D;");
        assert_eq!(original(src, &p, "a b"), "a&nbsp;b");
        assert_eq!(original(src, &p, "&unknown;"), "&unknown;");
        assert_eq!(original(src, &p, "–"), "&#150;");
        assert_eq!(original(src, &p, "Jakarta"), "Jakar&shy;ta");
    }

    #[test]
    fn numeric_references_are_repaired() {
        let mut s = String::new();
        assert_eq!(decode_entity("&#0;", &mut s), Some(4));
        assert_eq!(decode_entity("&#xD800;", &mut s), Some(8));
        assert_eq!(decode_entity("&#99999999999999999999;", &mut s), Some(23));
        assert_eq!(decode_entity("&#65x", &mut s), Some(4));
        assert_eq!(s, "\u{FFFD}\u{FFFD}\u{FFFD}A");
        assert_eq!(decode_entity("&#;", &mut s), None);
        assert_eq!(decode_entity("&#x;", &mut s), None);
        assert_eq!(decode_entity("&", &mut s), None);
        assert_eq!(decode_entity("&amp", &mut s), None);
    }

    #[test]
    fn named_references_cover_latin1_and_punctuation() {
        let names = [
            ("agrave", 'à'),
            ("ouml", 'ö'),
            ("ccedil", 'ç'),
            ("ntilde", 'ñ'),
            ("yuml", 'ÿ'),
            ("Eacute", 'É'),
            ("laquo", '«'),
            ("raquo", '»'),
            ("deg", '°'),
            ("middot", '·'),
            ("times", '×'),
            ("divide", '÷'),
            ("plusmn", '±'),
            ("frac12", '½'),
            ("frac34", '¾'),
            ("sect", '§'),
            ("para", '¶'),
            ("pound", '£'),
            ("yen", '¥'),
            ("cent", '¢'),
            ("euro", '€'),
            ("trade", '™'),
            ("reg", '®'),
            ("bull", '•'),
            ("hellip", '…'),
            ("ldquo", '“'),
            ("rsquo", '’'),
            ("mdash", '—'),
            ("apos", '\''),
            ("Omega", 'Ω'),
            ("sigma", 'σ'),
            ("Sigma", 'Σ'),
        ];
        for (name, c) in names {
            assert_eq!(named_char(name), Some(c), "{name}");
        }
        assert_eq!(named_char("Amp"), None);
    }

    #[test]
    fn comments_and_directives() {
        let src = "<!-- factlint-disable-next-line place.located-in, weekday -->\n<p>Shen<!-- x -->zhen</p>\
                   <!--factlint-enable--><!-- factlint-disable\n date --><!---->";
        let p = parse(src);
        assert_eq!(p.text(), "Shenzhen\n\n");
        assert_words_map(src, &p);
        let kinds: Vec<_> = p.directives.iter().map(|d| d.kind.clone()).collect();
        assert_eq!(kinds, [DirectiveKind::DisableNextLine, DirectiveKind::Enable, DirectiveKind::Disable]);
        assert_eq!(p.directives[0].rules, ["place.located-in", "weekday"]);
        assert_eq!(p.directives[2].rules, ["date"]);
        for d in &p.directives {
            let s = &src[d.span.range()];
            assert!(s.starts_with("<!--") && s.ends_with("-->"), "{s:?}");
        }
    }

    #[test]
    fn links_are_recorded() {
        let src = "<p>Baca <a href=\"https://kompas.com/?a=1&amp;b=2\" class=x>berita <i>ini</i></a> dan <a name=top>jangkar</a>.</p>";
        let p = parse(src);
        assert_eq!(p.text(), "Baca berita ini dan jangkar.\n\n");
        assert_words_map(src, &p);
        assert_eq!(p.links.len(), 1);
        let link = &p.links[0];
        assert_eq!(link.href, "https://kompas.com/?a=1&b=2");
        assert_eq!(&p.text()[link.text.clone()], "berita ini");
        assert_eq!(
            &src[link.span.range()],
            "<a href=\"https://kompas.com/?a=1&amp;b=2\" class=x>berita <i>ini</i></a>"
        );
        assert!(!link.hidden);
    }

    #[test]
    fn hidden_by_display_none() {
        let src = "<p>Berita</p><div style=\"display: none\">beli <a href=\"http://spam.example\">obat murah</a></div><p>Lanjut</p>";
        let p = parse(src);
        assert_eq!(p.text(), "Berita\n\nbeli obat murah\n\nLanjut\n\n");
        assert_words_map(src, &p);
        assert_eq!(hidden_texts(&p), ["beli obat murah"]);
        assert!(p.is_hidden(find(&p, "obat")));
        assert!(!p.is_hidden(find(&p, "Lanjut")));
        assert_eq!(p.links.len(), 1);
        assert!(p.links[0].hidden);
        assert_eq!(p.links[0].href, "http://spam.example");
    }

    #[test]
    fn hidden_by_visibility_offscreen_and_attribute() {
        let cases = [
            "<span style='visibility:hidden'>x</span>",
            "<div style=\"position:absolute; left:-9999px\">x</div>",
            "<div style=\"position: fixed;top:-2000px\">x</div>",
            "<p style='TEXT-INDENT:-9999px'>x</p>",
            "<span style='font-size:0'>x</span>",
            "<span style='font-size:0px'>x</span>",
            "<span style='opacity:0'>x</span>",
            "<span style='height:0;overflow:hidden'>x</span>",
            "<div style='margin-left:-100em'>x</div>",
            "<span hidden>x</span>",
            "<span aria-hidden=\"true\" style=\"display:none !important\">x</span>",
            "<span style='display:n&#111;ne'>x</span>",
        ];
        for src in cases {
            let p = parse(src);
            assert_eq!(hidden_texts(&p), ["x"], "{src}");
            assert_sound(src, &p);
        }
    }

    #[test]
    fn visible_styles_are_not_hidden() {
        let cases = [
            "<span style='display:inline'>x</span>",
            "<span style='display:none;display:block'>x</span>",
            "<span style='left:-10px;position:relative'>x</span>",
            "<span style='position:static;left:-9999px'>x</span>",
            "<span style='opacity:0.5'>x</span>",
            "<span style='height:0'>x</span>",
            "<span aria-hidden=\"true\">x</span>",
            "<span style='text-indent:-2em'>x</span>",
            "<span style>x</span>",
        ];
        for src in cases {
            assert!(parse(src).hidden.is_empty(), "{src}");
        }
    }

    #[test]
    fn nested_hidden_content_and_links() {
        let src = "<div style='display:none'>a <div><span>b <a href=/x>c</a></span></div> d</div>e \
                   <a href=/y style='position:absolute;left:-9999px'>f</a> \
                   <a href=/z><span style='display:none'>g</span></a> <a href=/v>h</a>";
        let p = parse(src);
        assert_sound(src, &p);
        assert_eq!(hidden_texts(&p), ["a \n\nb c\n\nd", "f", "g"]);
        let hidden: Vec<(&str, bool)> = p.links.iter().map(|l| (l.href.as_str(), l.hidden)).collect();
        assert_eq!(hidden, [("/x", true), ("/y", true), ("/z", true), ("/v", false)]);
    }

    #[test]
    fn implied_end_tags_end_hidden_content() {
        // The second <p> closes the hidden one, as in a browser.
        let src = "<p style='display:none'>spam<p>berita";
        let p = parse(src);
        assert_eq!(p.text(), "spam\n\nberita\n\n");
        assert_eq!(hidden_texts(&p), ["spam"]);
        let src = "<ul><li hidden>a<li>b</ul>";
        assert_eq!(hidden_texts(&parse(src)), ["a"]);
        // A new link closes an open one.
        let src = "<a href=1>one<a href=2>two";
        let p = parse(src);
        let texts: Vec<&str> = p.links.iter().map(|l| &p.text()[l.text.clone()]).collect();
        assert_eq!(texts, ["one", "two"]);
        assert_eq!(&src[p.links[0].span.range()], "<a href=1>one");
    }

    #[test]
    fn urls_in_text_are_separators() {
        let src = "<p>Sumber: https://www.antaranews.com/berita/123?a=1&amp;b=2. Lihat juga www.detik.com</p>";
        let p = parse(src);
        assert_eq!(p.text(), format!("Sumber: {SEPARATOR}. Lihat juga {SEPARATOR}\n\n"));
        assert_words_map(src, &p);
        assert_eq!(original(src, &p, &SEPARATOR.to_string()), "https://www.antaranews.com/berita/123?a=1&amp;b=2");
    }

    #[test]
    fn images_are_separators() {
        let src = "<p><img src=a.jpg alt='Presiden'> Foto di<img src=b.jpg>Solo</p>";
        let p = parse(src);
        assert_eq!(p.text(), format!("Foto di{SEPARATOR}Solo\n\n"));
        assert_words_map(src, &p);
    }

    #[test]
    fn malformed_input_is_read_as_text() {
        let cases: &[(&str, &str)] = &[
            ("a < b and c > d", "a < b and c > d"),
            ("x <", "x <"),
            ("<", "<"),
            ("<<<>>>", "<<<>>>"),
            ("1 </ 2", "1 </ 2"),
            ("a</>b", "ab"),
            ("a<!b", "a<!b"),
            ("a<div class='x", "a<div class='x"),
            ("a<!-- never closed <p>b</p>", "a"),
            ("<P CLASS=X>Upper</P><DIV>Case", "Upper\n\nCase"),
            ("<p>a</div></span></p></p>b", "a\n\nb"),
            ("<a href=x y=z/>t</a>", "t"),
            ("<p =x>a</p>", "a\n\n"),
            ("<3 and <-- not tags", "<3 and <-- not tags"),
            ("a<?xml version='1.0'?>b", "ab"),
        ];
        for (src, want) in cases {
            let p = parse(src);
            assert_eq!(p.text().trim_end(), want.trim_end(), "{src:?}");
            assert_sound(src, &p);
        }
    }

    #[test]
    fn non_ascii_text() {
        let src = "<article><h2>深圳市 &amp; 广东省</h2><p>Warga Kota Yogyakarta—yang “terdampak”—mengungsi ke Sleman.</p></article>";
        let p = parse(src);
        assert_words_map(src, &p);
        assert_eq!(original(src, &p, "深圳市"), "深圳市");
        assert_eq!(original(src, &p, "“terdampak”"), "“terdampak”");
    }

    #[test]
    fn deep_nesting_stays_fast_and_sound() {
        let src = format!("{}text{}", "<span><div>".repeat(5000), "</p>".repeat(5000));
        let p = parse(&src);
        assert_eq!(p.text().trim(), "text");
        assert_sound(&src, &p);
    }

    #[test]
    fn pseudo_random_input_never_panics() {
        for text in fuzz_inputs() {
            assert_sound(&text, &parse(&text));
        }
    }
}
