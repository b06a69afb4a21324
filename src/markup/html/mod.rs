//! HTML to prose: the text a browser shows, with every prose byte mapped back to the HTML it came
//! from. Text nodes are prose; scripts, styles, code and comments are not; text a reader cannot
//! see (hidden by style or attribute) stays in the prose but is recorded as hidden, because
//! injected spam hides that way. Links and suppression directives are recorded as well.
//!
//! This is a small tolerant tokenizer, not an HTML5 tree builder: it knows enough of the
//! standard's error recovery (implied end tags, raw text elements, bogus comments) to read real
//! news pages, and it never fails on any input.

mod entity;
mod scan;
mod style;

use super::{find_urls, parse_directive, Link, Prose, ProseBuilder};
use crate::source::Span;
use entity::{decode_entities, decode_entity};
use scan::{find_end_tag, Scanner};
use std::collections::HashMap;
use std::ops::Range;
use style::style_hides;

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

#[cfg(test)]
mod tests {
    use super::entity::named_char;
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
            assert_eq!(named_char(name), Some(c.to_string().as_str()), "{name}");
        }
        assert_eq!(named_char("Amp"), None);
        // Names the HTML 4 set lacked.
        assert_eq!(named_char("NotEqualTilde"), Some("≂\u{338}"));
        assert_eq!(named_char("rightarrow"), Some("→"));
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
