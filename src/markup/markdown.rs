//! Markdown to prose: the text a reader of the rendered page reads, with every prose byte mapped
//! back to the Markdown it came from. Code, raw HTML, URLs, images and front matter are left out;
//! links keep their text and are recorded; HTML comments may carry suppression directives.

use super::{find_urls, parse_directive, Link, Prose, ProseBuilder};
use crate::source::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Reads a Markdown document into prose.
pub fn parse(text: &str) -> Prose {
    let mut reader = Reader {
        src: text,
        urls: find_urls(text),
        b: ProseBuilder::new(),
        skip_depth: 0,
        links: Vec::new(),
        comments_read_to: 0,
    };
    let body_start = read_front_matter(text, &mut reader.b);
    // Front matter is parsed by hand and cut off before pulldown-cmark sees the body: its own
    // metadata-block option also takes a `---` block in the middle of a document as metadata.
    for (event, range) in Parser::new_ext(&text[body_start..], options()).into_offset_iter() {
        reader.event(event, range.start + body_start..range.end + body_start);
    }
    reader.b.finish()
}

fn options() -> Options {
    // No ENABLE_MATH: news prose is full of dollar amounts that would pair up as formulas.
    // No ENABLE_SMART_PUNCTUATION: it rewrites quotes, and prose must stay the file's bytes.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// A link whose end has not been seen yet.
struct OpenLink {
    /// Where its text starts in the prose.
    prose_start: usize,
    href: String,
    span: Span,
    /// An autolink (`<https://...>`) reads as a URL, so its text is skipped like one.
    autolink: bool,
    /// False for a link inside skipped content (an image's alt text): it has no prose to point to.
    recorded: bool,
}

struct Reader<'a> {
    src: &'a str,
    /// Bare URLs in the original, found once up front: a URL can span several text events
    /// (`https://a.id/?x=1&amp;y=2` is three), so it is cut out by original offsets.
    urls: Vec<Range<usize>>,
    b: ProseBuilder,
    /// Above zero inside content whose text is not prose (code blocks, images, autolinks).
    skip_depth: usize,
    links: Vec<OpenLink>,
    /// Original offset up to which HTML comments have been read, so a comment split over several
    /// HTML events is read once.
    comments_read_to: usize,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if self.skip_depth == 0 {
                    self.push_text(&text, range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                self.separator(range);
            }
            Event::DisplayMath(_) => self.b.push_block_break(range.start),
            Event::Html(_) => self.read_comments(range),
            Event::InlineHtml(_) => {
                self.read_comments(range.clone());
                self.separator(range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.skip_depth == 0 {
                    self.push_line_break(range);
                }
            }
            Event::Rule => self.b.push_block_break(range.start),
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_) => {
                self.b.push_block_break(range.start);
                self.skip_depth += 1;
            }
            Tag::Image { .. } => {
                self.separator(range);
                self.skip_depth += 1;
            }
            Tag::Link { link_type, dest_url, .. } => {
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let recorded = self.skip_depth == 0;
                // An autolink's text is the separator standing in for its URL (empty when a
                // separator was already last).
                let prose_start = self.b.len();
                if autolink {
                    self.separator(range.clone());
                    self.skip_depth += 1;
                }
                self.links.push(OpenLink {
                    prose_start,
                    href: dest_url.into_string(),
                    span: range.into(),
                    autolink,
                    recorded,
                });
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
            // Every other tag is a block: nothing in it runs on from the text before it.
            _ => self.b.push_block_break(range.start),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::CodeBlock => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
                self.b.push_block_break(range.end);
            }
            TagEnd::Image => self.skip_depth = self.skip_depth.saturating_sub(1),
            TagEnd::Link => {
                let Some(link) = self.links.pop() else { return };
                if link.autolink {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                }
                if link.recorded {
                    let text = link.prose_start.min(self.b.len())..self.b.len();
                    self.b.add_link(Link { text, href: link.href, span: link.span, hidden: false });
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
            _ => self.b.push_block_break(range.end),
        }
    }

    /// Pushes a text event. pulldown-cmark usually hands out text that is exactly its source
    /// slice (escapes and entities come as their own events); when it is not, the common start
    /// and end still map byte for byte and only the part in between maps as decoded.
    fn push_text(&mut self, decoded: &str, range: Range<usize>) {
        let Some(original) = self.src.get(range.clone()) else {
            // Not expected from pulldown-cmark; map to the whole range rather than guess.
            self.b.push_decoded(decoded, range.into());
            return;
        };
        if original == decoded {
            self.push_original(range);
            return;
        }
        let mut prefix = 0;
        for ((i, a), b) in original.char_indices().zip(decoded.chars()) {
            if a != b {
                break;
            }
            prefix = i + a.len_utf8();
        }
        let mut suffix = 0;
        for (a, b) in original[prefix..].chars().rev().zip(decoded[prefix..].chars().rev()) {
            if a != b {
                break;
            }
            suffix += a.len_utf8();
        }
        // `&amp;` decodes to "&", which shares its first byte with the entity: never split an
        // entity between a verbatim end and the decoded middle.
        if let Some(entity) = entity_around(original, prefix) {
            prefix = entity.start;
        }
        if let Some(entity) = entity_around(original, original.len() - suffix) {
            suffix = original.len() - entity.end.max(prefix);
        }
        let mid_start = range.start + prefix;
        let mid_end = range.end - suffix;
        self.push_original(range.start..mid_start);
        let mid = &decoded[prefix..decoded.len() - suffix];
        if !mid.is_empty() {
            if self.overlaps_url(mid_start..mid_end) {
                // An entity inside a URL (`&amp;` in a query string) is part of the URL.
                self.b.push_separator(Span::new(mid_start, mid_end));
            } else {
                self.b.push_decoded(mid, Span::new(mid_start, mid_end));
            }
        }
        self.push_original(mid_end..range.end);
    }

    /// Pushes original bytes verbatim, with a separator in place of any URL among them.
    fn push_original(&mut self, range: Range<usize>) {
        let mut pos = range.start;
        let first = self.urls.partition_point(|u| u.end <= pos);
        for url in &self.urls[first..] {
            if url.start >= range.end {
                break;
            }
            if url.start > pos {
                self.b.push_verbatim(&self.src[pos..url.start], Span::new(pos, url.start));
            }
            let end = url.end.min(range.end);
            self.b.push_separator(Span::new(url.start.max(pos), end));
            pos = end;
        }
        if pos < range.end {
            self.b.push_verbatim(&self.src[pos..range.end], Span::new(pos, range.end));
        }
    }

    fn overlaps_url(&self, range: Range<usize>) -> bool {
        let first = self.urls.partition_point(|u| u.end <= range.start);
        self.urls.get(first).is_some_and(|u| u.start < range.end)
    }

    /// A line break inside a paragraph keeps its newline, so line-based suppression and
    /// sentence splitting see the file's lines.
    fn push_line_break(&mut self, range: Range<usize>) {
        let slice = &self.src[range.clone()];
        // A hard break written as a backslash: the backslash is markup, the newline is text.
        let skip = usize::from(slice.starts_with('\\'));
        let rest = &slice[skip..];
        if !rest.is_empty() && rest.chars().all(char::is_whitespace) {
            self.b.push_verbatim(rest, Span::new(range.start + skip, range.end));
        } else {
            self.b.push_decoded("\n", range.into());
        }
    }

    fn separator(&mut self, range: Range<usize>) {
        if self.skip_depth == 0 {
            self.b.push_separator(range.into());
        }
    }

    /// Reads the HTML comments that start inside `range` for suppression directives. A comment
    /// may run past the event (pulldown-cmark splits HTML blocks by line), so its end is looked
    /// for in the rest of the file.
    fn read_comments(&mut self, range: Range<usize>) {
        let mut pos = range.start.max(self.comments_read_to);
        while pos < range.end {
            let Some(open) = self.src[pos..range.end].find("<!--").map(|i| pos + i) else {
                break;
            };
            let body_start = open + 4;
            let Some(close) = self.src[body_start..].find("-->").map(|i| body_start + i) else {
                // Unterminated: not a comment, so not a directive either. No `-->` follows
                // any later `<!--` either, so stop looking for good rather than search to the
                // end of the file again for each one.
                self.comments_read_to = self.src.len();
                break;
            };
            let span = Span::new(open, close + 3);
            if let Some(d) = parse_directive(&self.src[body_start..close], span) {
                self.b.add_directive(d);
            }
            pos = close + 3;
            self.comments_read_to = pos;
        }
    }
}

/// The character reference (`&name;`, `&#N;`) that `pos` falls strictly inside, if any.
fn entity_around(text: &str, pos: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'#';
    // Character references are short; looking further back would only find unrelated `&`s.
    let lo = pos.saturating_sub(32);
    let amp = (lo..pos).rev().take_while(|&i| bytes[i] == b'&' || name(&bytes[i])).find(|&i| bytes[i] == b'&')?;
    let semi =
        (pos..bytes.len()).take(32).take_while(|&i| bytes[i] == b';' || name(&bytes[i])).find(|&i| bytes[i] == b';')?;
    (amp < pos && pos <= semi).then_some(amp..semi + 1)
}

/// Reads YAML (`---`) or TOML (`+++`) front matter at the very start of the file into the
/// builder's front matter, and returns where the Markdown body starts.
fn read_front_matter(text: &str, b: &mut ProseBuilder) -> usize {
    // A byte order mark is not prose either, and front matter may follow it.
    let start = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let mut lines = LineIter { text, pos: start };
    let Some((first, _)) = lines.next() else {
        return start;
    };
    let (toml, closers): (bool, &[&str]) = match first.trim_end() {
        "---" => (false, &["---", "..."]),
        "+++" => (true, &["+++"]),
        _ => return start,
    };
    let mut fields = Vec::new();
    let mut in_table = false;
    for (line, line_start) in lines.by_ref() {
        if closers.contains(&line.trim_end()) {
            let fm = b.front_matter_mut();
            for (key, value) in fields {
                let slot = match key {
                    Key::Date => &mut fm.date,
                    Key::Lang => &mut fm.lang,
                };
                // The first value wins, as a reader scanning the header would see it.
                if slot.is_none() {
                    *slot = Some(value);
                }
            }
            return lines.pos;
        }
        // After a TOML table header every key belongs to that table, not the document.
        in_table |= toml && line.trim_start().starts_with('[');
        if in_table {
            continue;
        }
        if let Some(field) = front_matter_field(line, line_start, toml) {
            fields.push(field);
        }
    }
    // No closing line: the opening `---` was a thematic break, not front matter.
    start
}

#[derive(Clone, Copy)]
enum Key {
    Date,
    Lang,
}

/// A top-level `date` or `lang`/`language` field on one line (`key: value` in YAML,
/// `key = value` in TOML), with the value's span in the original.
fn front_matter_field(line: &str, line_start: usize, toml: bool) -> Option<(Key, (String, Span))> {
    let (key, rest) = line.split_once(if toml { '=' } else { ':' })?;
    // Indented keys belong to nested maps, not the document.
    if key.starts_with(char::is_whitespace) {
        return None;
    }
    let key = match key.trim_end().to_ascii_lowercase().as_str() {
        "date" => Key::Date,
        "lang" | "language" => Key::Lang,
        _ => return None,
    };
    let value_start = line_start + line.len() - rest.len();
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let (value, offset) = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            let end = inner.find(q)?;
            (&inner[..end], 1)
        }
        _ => {
            // An unquoted value ends at a comment.
            let v = rest.split(" #").next().unwrap_or("").trim_end();
            (v, 0)
        }
    };
    if value.is_empty() {
        return None;
    }
    let start = value_start + lead + offset;
    Some((key, (value.to_string(), Span::new(start, start + value.len()))))
}

/// Lines of `text` from `pos`, each without its line ending, with its start offset.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((line.strip_suffix('\r').unwrap_or(line), start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::tests::{assert_sound, fuzz_inputs};
    use crate::markup::{DirectiveKind, SEPARATOR};

    /// Each word of the prose maps back to the same bytes in the source.
    fn assert_words_map(src: &str, prose: &Prose) {
        assert_sound(src, prose);
        for (range, word) in words(prose.text()) {
            let span = prose.to_original(range);
            assert_eq!(&src[span.range()], word, "word {word:?} maps to {span}");
        }
    }

    /// Runs of letters and digits: the words rules match.
    fn words(text: &str) -> Vec<(Range<usize>, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s..i, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn find(prose: &Prose, needle: &str) -> Range<usize> {
        let i = prose.text().find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", prose.text()));
        i..i + needle.len()
    }

    #[test]
    fn empty_input() {
        let p = parse("");
        assert_eq!(p.text(), "");
        assert!(p.links.is_empty() && p.directives.is_empty());
        assert_eq!(p.to_original(0..0), Span::new(0, 0));
    }

    #[test]
    fn plain_paragraph_maps_one_to_one() {
        let src = "Shenzhen is in Guangdong.";
        let p = parse(src);
        assert_eq!(p.text(), format!("{src}\n\n"));
        assert_words_map(src, &p);
    }

    #[test]
    fn emphasis_markers_are_dropped() {
        let src = "The *Shenzhen* port, in **Guangdong**, ~~closed~~ reopened.";
        let p = parse(src);
        assert_eq!(p.text(), "The Shenzhen port, in Guangdong, closed reopened.\n\n");
        assert_words_map(src, &p);
        assert_eq!(p.to_original(find(&p, "Shenzhen")), Span::new(5, 13));
    }

    #[test]
    fn inline_code_is_a_separator() {
        let src = "Born in `foo`, Texas";
        let p = parse(src);
        assert_eq!(p.text(), format!("Born in {SEPARATOR}, Texas\n\n"));
        assert_words_map(src, &p);
        let sep = find(&p, &SEPARATOR.to_string());
        assert_eq!(p.to_original(sep), Span::new(8, 13));
    }

    #[test]
    fn code_blocks_are_skipped() {
        let src = "Before.\n\n```rust\nlet x = Jakarta;\n```\n\n    indented Bandung\n\nAfter.";
        let p = parse(src);
        assert_eq!(p.text(), "Before.\n\nAfter.\n\n");
        assert_words_map(src, &p);
    }

    #[test]
    fn headings_and_lists_break_blocks() {
        let src = "# Jakarta\nBandung is a city\n\n- Surabaya\n- Medan\n  - Binjai\n\n1. Bali\n";
        let p = parse(src);
        assert_eq!(p.text(), "Jakarta\n\nBandung is a city\n\nSurabaya\n\nMedan\n\nBinjai\n\nBali\n\n");
        assert_words_map(src, &p);
    }

    #[test]
    fn block_quotes_and_tables_break_blocks() {
        let src = "> Kata dia\n> kemarin\n\n| Kota | Provinsi |\n|---|---|\n| Bogor | Jawa Barat |\n";
        let p = parse(src);
        assert_eq!(p.text(), "Kata dia\nkemarin\n\nKota\n\nProvinsi\n\nBogor\n\nJawa Barat\n\n");
        assert_words_map(src, &p);
    }

    #[test]
    fn soft_and_hard_breaks_keep_newlines() {
        let src = "one\r\ntwo  \nthree\\\nfour";
        let p = parse(src);
        assert_eq!(p.text(), "one\r\ntwo  \nthree\nfour\n\n");
        assert_words_map(src, &p);
        let nl = find(&p, "three\n").end - 1;
        assert_eq!(p.to_original(nl..nl + 1), Span::new(17, 18));
    }

    #[test]
    fn links_keep_text_and_are_recorded() {
        let src = "Read [the *Kompas* story](https://kompas.com/a \"t\") today.";
        let p = parse(src);
        assert_eq!(p.text(), "Read the Kompas story today.\n\n");
        assert_words_map(src, &p);
        assert_eq!(p.links.len(), 1);
        let link = &p.links[0];
        assert_eq!(&p.text()[link.text.clone()], "the Kompas story");
        assert_eq!(link.href, "https://kompas.com/a");
        assert_eq!(&src[link.span.range()], "[the *Kompas* story](https://kompas.com/a \"t\")");
        assert!(!link.hidden);
    }

    #[test]
    fn reference_links_are_recorded() {
        let src = "See [Tempo][t].\n\n[t]: https://tempo.co\n";
        let p = parse(src);
        assert_eq!(p.text(), "See Tempo.\n\n");
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].href, "https://tempo.co");
        assert_eq!(&p.text()[p.links[0].text.clone()], "Tempo");
    }

    #[test]
    fn autolinks_and_bare_urls_are_separators() {
        let src = "Source: <https://bbc.com/x> and https://antaranews.com/berita/1?a=1&amp;b=2 or www.detik.com.";
        let p = parse(src);
        assert_eq!(p.text(), format!("Source: {SEPARATOR} and {SEPARATOR} or {SEPARATOR}.\n\n"));
        assert_words_map(src, &p);
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].href, "https://bbc.com/x");
        assert_eq!(&p.text()[p.links[0].text.clone()], SEPARATOR.to_string());
        let last = p.text().rfind(SEPARATOR).unwrap();
        assert_eq!(&src[p.to_original(last..last + 3).range()], "www.detik.com");
    }

    #[test]
    fn url_as_link_text_is_a_separator() {
        let src = "[https://kompas.id](https://kompas.id) Jakarta";
        let p = parse(src);
        assert_eq!(p.text(), format!("{SEPARATOR} Jakarta\n\n"));
        assert_eq!(p.links.len(), 1);
    }

    #[test]
    fn escapes_and_entities_decode_and_map() {
        let src = "AT&amp;T \\*not\\* caf&eacute; &#65;B";
        let p = parse(src);
        assert_eq!(p.text(), "AT&T *not* café AB\n\n");
        assert_sound(src, &p);
        let amp = find(&p, "&");
        assert_eq!(&src[p.to_original(amp).range()], "&amp;");
        assert_eq!(&src[p.to_original(find(&p, "AT&T")).range()], "AT&amp;T");
        assert_eq!(&src[p.to_original(find(&p, "*not*")).range()], "*not\\*");
        assert_eq!(&src[p.to_original(find(&p, "café")).range()], "caf&eacute;");
        assert_eq!(&src[p.to_original(find(&p, "AB")).range()], "&#65;B");
        // The decoded text shares its last byte with the entity; the entity still maps whole.
        let src = "a&semi; b";
        let p = parse(src);
        assert_eq!(p.text(), "a; b\n\n");
        assert_eq!(&src[p.to_original(1..2).range()], "&semi;");
    }

    #[test]
    fn images_are_separators() {
        let src = "Foto ![Presiden *Joko* di Solo](a.jpg) kemarin";
        let p = parse(src);
        assert_eq!(p.text(), format!("Foto {SEPARATOR} kemarin\n\n"));
        assert_words_map(src, &p);
        assert!(p.links.is_empty());
    }

    #[test]
    fn inline_html_is_a_separator_and_blocks_are_skipped() {
        let src = "<div>\nHidden Surabaya\n</div>\n\nIn <b>Shen</b>zhen today";
        let p = parse(src);
        assert_eq!(p.text(), format!("In {SEPARATOR}Shen{SEPARATOR}zhen today\n\n"));
        assert_words_map(src, &p);
    }

    #[test]
    fn front_matter_yaml() {
        let src = "---\ntitle: \"Banjir di Jakarta\"\ndate: 2024-03-05\nlang: 'id'\ntags:\n  lang: en\n---\nBanjir melanda.\n";
        let p = parse(src);
        assert_eq!(p.text(), "Banjir melanda.\n\n");
        assert_words_map(src, &p);
        let (date, span) = p.front_matter.date.clone().unwrap();
        assert_eq!(date, "2024-03-05");
        assert_eq!(&src[span.range()], "2024-03-05");
        let (lang, span) = p.front_matter.lang.clone().unwrap();
        assert_eq!(lang, "id");
        assert_eq!(&src[span.range()], "id");
    }

    #[test]
    fn front_matter_toml_and_comments() {
        let src = "+++\nlanguage = \"en\"\ndate = 2024-01-02T10:00:00+07:00 # published\n+++\n\nText.";
        let p = parse(src);
        assert_eq!(p.text(), "Text.\n\n");
        let (date, span) = p.front_matter.date.clone().unwrap();
        assert_eq!(date, "2024-01-02T10:00:00+07:00");
        assert_eq!(&src[span.range()], date);
        assert_eq!(p.front_matter.lang.as_ref().unwrap().0, "en");
    }

    #[test]
    fn front_matter_toml_tables_are_not_the_document() {
        let src = "+++\ntitle = \"x\"\n[params]\ndate = \"1999-01-01\"\n+++\nText.";
        let p = parse(src);
        assert!(p.front_matter.date.is_none());
        assert_eq!(p.text(), "Text.\n\n");
    }

    #[test]
    fn front_matter_needs_a_closing_line_and_the_start_of_the_file() {
        let src = "---\ndate: 2024\nno close";
        let p = parse(src);
        assert!(p.front_matter.date.is_none());
        assert!(p.text().contains("no close"));
        let src = "Intro\n\n---\ndate: 2024\n---\n";
        let p = parse(src);
        assert!(p.front_matter.date.is_none());
        assert!(p.text().contains("Intro"));
    }

    #[test]
    fn front_matter_after_bom_and_crlf() {
        let src = "\u{FEFF}---\r\ndate: \"2023-12-31\"\r\n---\r\nIsi.";
        let p = parse(src);
        assert_eq!(p.text(), "Isi.\n\n");
        let (date, span) = p.front_matter.date.clone().unwrap();
        assert_eq!(&src[span.range()], "2023-12-31");
        assert_eq!(date, "2023-12-31");
    }

    #[test]
    fn directives_in_block_and_inline_html() {
        let src = "<!-- factlint-disable place.located-in -->\n\nText <!-- factlint-disable-next-line\n weekday --> more\n\n<div><!-- factlint-enable --></div>\n\n<!-- an ordinary comment -->\n";
        let p = parse(src);
        let kinds: Vec<_> = p.directives.iter().map(|d| d.kind.clone()).collect();
        assert_eq!(kinds, [DirectiveKind::Disable, DirectiveKind::DisableNextLine, DirectiveKind::Enable]);
        assert_eq!(p.directives[0].rules, ["place.located-in"]);
        assert_eq!(p.directives[1].rules, ["weekday"]);
        assert!(p.directives[2].rules.is_empty());
        for d in &p.directives {
            let s = &src[d.span.range()];
            assert!(s.starts_with("<!--") && s.ends_with("-->"), "{s:?}");
        }
        assert_eq!(p.text(), format!("Text {SEPARATOR} more\n\n"));
    }

    #[test]
    fn multi_line_comment_in_html_block_is_read_once() {
        let src = "<!-- factlint-disable-next-line x\n  y -->\nBandung, Jawa Barat";
        let p = parse(src);
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].rules, ["x", "y"]);
    }

    #[test]
    fn non_ascii_text_maps() {
        let src = "## 深圳 di *Tiongkok*\n\nKota **Bekasi**—dekat `kode` Jakarta—dan « Zürich ».";
        let p = parse(src);
        assert_words_map(src, &p);
        assert_eq!(&src[p.to_original(find(&p, "深圳")).range()], "深圳");
        assert_eq!(&src[p.to_original(find(&p, "Zürich")).range()], "Zürich");
        // A phrase that runs across markup maps to everything it was read from, markup included.
        assert_eq!(&src[p.to_original(find(&p, "Bekasi—dekat")).range()], "Bekasi**—dekat");
    }

    #[test]
    fn footnotes_are_separators_and_definitions_prose() {
        let src = "Banjir[^1] kemarin.\n\n[^1]: Menurut BMKG.\n";
        let p = parse(src);
        assert_eq!(p.text(), format!("Banjir{SEPARATOR} kemarin.\n\nMenurut BMKG.\n\n"));
        assert_words_map(src, &p);
    }

    #[test]
    fn heading_attributes_are_not_prose() {
        let src = "# Medan {#medan .city}\n";
        let p = parse(src);
        assert_eq!(p.text(), "Medan\n\n");
    }

    #[test]
    fn pseudo_random_input_never_panics() {
        for text in fuzz_inputs() {
            assert_sound(&text, &parse(&text));
        }
    }
}
