//! Markup to prose: turns plain text, Markdown and HTML into one prose string that rules read,
//! with a map from every prose offset back to the original bytes of the file.
//!
//! Code, URLs, front matter, scripts and styles are not prose. They are left out of the prose
//! text; where leaving them out would join two words into a false phrase, a separator stands in.

pub mod html;
pub mod markdown;

use crate::source::Span;
use std::ops::Range;
use std::path::Path;

/// Which reader turns a file into prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    /// `.md`/`.markdown` are Markdown, `.html`/`.htm` HTML, anything else plain text.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// Stands in for non-prose inline content (inline code, an image, a tag that breaks a phrase),
/// so that the words around it never read as one phrase.
pub const SEPARATOR: char = '\u{FFFC}';

/// One stretch of prose text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in the prose text.
    text_start: usize,
    /// Its length in the prose text.
    text_len: usize,
    /// The original bytes it stands for.
    original: Span,
    /// True when the prose bytes are the original bytes (offsets map one to one); false when the
    /// piece was decoded (an entity) or synthesised (a separator), so it maps to the whole range.
    verbatim: bool,
}

/// Values read from a document's front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `date:` as written, with its span in the original.
    pub date: Option<(String, Span)>,
    /// `lang:` / `language:` as written, with its span in the original.
    pub lang: Option<(String, Span)>,
}

/// What an inline suppression comment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `<!-- factlint-disable-next-line RULE... -->`
    DisableNextLine,
    /// `<!-- factlint-disable RULE... -->`
    Disable,
    /// `<!-- factlint-enable RULE... -->`
    Enable,
}

/// An inline suppression comment found in Markdown or HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids or prefixes (`place`, `place.located-in`); empty means every rule.
    pub rules: Vec<String>,
    /// The whole comment in the original bytes.
    pub span: Span,
}

/// A link in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link's text, in prose offsets.
    pub text: Range<usize>,
    /// The target as written (entities decoded).
    pub href: String,
    /// The element (or Markdown link) in the original bytes.
    pub span: Span,
    /// True when the link is hidden from readers (display:none, visibility:hidden, off-screen,
    /// the hidden attribute), which is how injected spam hides.
    pub hidden: bool,
}

/// A document as prose: the text rules read, and how it maps back to the file.
#[derive(Clone, Debug, Default)]
pub struct Prose {
    text: String,
    pieces: Vec<Piece>,
    pub front_matter: FrontMatter,
    pub directives: Vec<Directive>,
    pub links: Vec<Link>,
    /// Prose ranges a reader never sees (HTML hidden by style or attribute).
    pub hidden: Vec<Range<usize>>,
}

impl Prose {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original span of a prose range. A range that starts or ends inside a decoded piece
    /// (an entity) widens to cover the whole piece.
    pub fn to_original(&self, range: Range<usize>) -> Span {
        let start = self.map_offset(range.start, false);
        let end = if range.end == range.start { start } else { self.map_offset(range.end, true) };
        Span::new(start, end.max(start))
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> usize {
        if self.pieces.is_empty() {
            return offset;
        }
        // The piece containing offset (for an end offset, the piece containing offset - 1).
        let probe = if is_end && offset > 0 { offset - 1 } else { offset };
        let i = match self.pieces.binary_search_by(|p| p.text_start.cmp(&probe)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let p = &self.pieces[i];
        let delta = offset.saturating_sub(p.text_start);
        if delta > p.text_len {
            // Past the last piece.
            return p.original.end;
        }
        if p.verbatim {
            p.original.start + delta
        } else if is_end {
            p.original.end
        } else {
            p.original.start
        }
    }

    /// True when the prose range lies in content hidden from readers.
    pub fn is_hidden(&self, range: Range<usize>) -> bool {
        self.hidden.iter().any(|h| h.start <= range.start && range.end <= h.end)
    }
}

/// Builds a [`Prose`] piece by piece, in document order.
#[derive(Debug, Default)]
pub struct ProseBuilder {
    prose: Prose,
}

impl ProseBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Current length of the prose text.
    pub fn len(&self) -> usize {
        self.prose.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prose.text.is_empty()
    }

    /// Appends original text verbatim; `original` must be the span `text` was read from.
    pub fn push_verbatim(&mut self, text: &str, original: Span) {
        debug_assert_eq!(text.len(), original.len());
        if text.is_empty() {
            return;
        }
        self.push_piece(text, original, true);
    }

    /// Appends text that stands for `original` without being its bytes (a decoded entity).
    pub fn push_decoded(&mut self, text: &str, original: Span) {
        if text.is_empty() {
            return;
        }
        self.push_piece(text, original, false);
    }

    /// Appends a separator for non-prose inline content at `original`, unless one is already last.
    pub fn push_separator(&mut self, original: Span) {
        if self.prose.text.ends_with(SEPARATOR) {
            return;
        }
        let mut buf = [0u8; 4];
        self.push_piece(SEPARATOR.encode_utf8(&mut buf), original, false);
    }

    /// Ends a block (paragraph, heading, list item, table cell): the next text starts a new
    /// paragraph, so no phrase or sentence runs across the boundary.
    pub fn push_block_break(&mut self, at: usize) {
        if self.prose.text.is_empty() || self.prose.text.ends_with("\n\n") {
            return;
        }
        let brk = if self.prose.text.ends_with('\n') { "\n" } else { "\n\n" };
        self.push_piece(brk, Span::new(at, at), false);
    }

    fn push_piece(&mut self, text: &str, original: Span, verbatim: bool) {
        let text_start = self.prose.text.len();
        // Merge with the previous piece when both are verbatim and contiguous.
        if verbatim {
            if let Some(last) = self.prose.pieces.last_mut() {
                if last.verbatim && last.original.end == original.start && last.text_start + last.text_len == text_start
                {
                    last.text_len += text.len();
                    last.original.end = original.end;
                    self.prose.text.push_str(text);
                    return;
                }
            }
        }
        self.prose.text.push_str(text);
        self.prose.pieces.push(Piece { text_start, text_len: text.len(), original, verbatim });
    }

    pub fn front_matter_mut(&mut self) -> &mut FrontMatter {
        &mut self.prose.front_matter
    }

    pub fn add_directive(&mut self, d: Directive) {
        self.prose.directives.push(d);
    }

    pub fn add_link(&mut self, link: Link) {
        self.prose.links.push(link);
    }

    pub fn add_hidden(&mut self, range: Range<usize>) {
        if !range.is_empty() {
            self.prose.hidden.push(range);
        }
    }

    pub fn finish(self) -> Prose {
        self.prose
    }
}

/// Reads `text` in `format` into prose.
pub fn parse(text: &str, format: Format) -> Prose {
    match format {
        Format::Plain => plain(text),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse(text),
    }
}

/// Plain text is prose as it stands.
pub fn plain(text: &str) -> Prose {
    let mut b = ProseBuilder::new();
    b.push_verbatim(text, Span::new(0, text.len()));
    b.finish()
}

/// Byte ranges of the bare URLs in `text` (`http://`, `https://`, `www.`), which are not prose.
/// Both readers use it, so a URL reads the same in Markdown and HTML. A URL runs until whitespace,
/// a non-ASCII character or a character URLs do not carry unescaped; trailing punctuation and an
/// unbalanced `)` belong to the sentence around it, as in GitHub's autolinks.
pub(crate) fn find_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let prefix = [&b"https://"[..], b"http://", b"www."]
            .iter()
            .find(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p))
            .map_or(0, |p| p.len());
        // "xhttp://" or "awww." is a word that happens to contain the prefix, not a URL.
        if prefix == 0 || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let end = url_end(bytes, i + prefix);
        if end > i + prefix {
            urls.push(i..end);
            i = end;
        } else {
            i += prefix;
        }
    }
    urls
}

/// Where a URL whose prefix ends at `from` ends. Every byte it stops at or trims is ASCII, so the
/// result is a char boundary.
fn url_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut end = from;
    for (j, &c) in bytes.iter().enumerate().skip(from) {
        if !c.is_ascii_graphic() || b"<>\"`[]{}|\\^".contains(&c) {
            break;
        }
        if c == b'(' {
            depth += 1;
        } else if c == b')' {
            // "(see https://example.com)": the parenthesis closes the sentence's, not the URL's.
            if depth == 0 {
                break;
            }
            depth -= 1;
        }
        end = j + 1;
    }
    while end > from && b".,:;!?'\"*_~".contains(&bytes[end - 1]) {
        end -= 1;
    }
    end
}

/// Parses the words of a suppression comment body (the text between `<!--` and `-->`).
/// Returns None when the comment is not a factlint directive.
pub fn parse_directive(body: &str, span: Span) -> Option<Directive> {
    let mut words = body.split_whitespace();
    let kind = match words.next()? {
        "factlint-disable-next-line" => DirectiveKind::DisableNextLine,
        "factlint-disable" => DirectiveKind::Disable,
        "factlint-enable" => DirectiveKind::Enable,
        _ => return None,
    };
    let rules = words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()).map(str::to_string).collect();
    Some(Directive { kind, rules, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks what every reader promises for any input: verbatim pieces are the original bytes,
    /// and every prose range, link, hidden range and directive maps inside the source on char
    /// boundaries.
    pub(super) fn assert_sound(src: &str, prose: &Prose) {
        let text = prose.text();
        let in_src = |s: Span| {
            s.start <= s.end && s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end)
        };
        let mut next = 0;
        for p in &prose.pieces {
            assert_eq!(p.text_start, next, "pieces must tile the prose: {p:?}");
            next = p.text_start + p.text_len;
            assert!(in_src(p.original), "piece {p:?} outside {src:?}");
            if p.verbatim {
                assert_eq!(&text[p.text_start..next], &src[p.original.range()], "{src:?}");
            }
        }
        assert_eq!(next, text.len());
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for w in bounds.windows(2) {
            assert!(in_src(prose.to_original(w[0]..w[1])), "{:?} in {src:?}", w);
        }
        assert!(in_src(prose.to_original(0..text.len())));
        for r in prose.hidden.iter().chain(prose.links.iter().map(|l| &l.text)) {
            assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(in_src(prose.to_original(r.clone())));
        }
        for l in &prose.links {
            assert!(in_src(l.span), "{l:?}");
        }
        for d in &prose.directives {
            assert!(in_src(d.span), "{d:?}");
        }
    }

    /// A few hundred pseudo-random documents glued from fragments that stress both readers.
    pub(super) fn fuzz_inputs() -> Vec<String> {
        const FRAGMENTS: &[&str] = &[
            "<",
            ">",
            "a",
            "b ",
            "&amp;",
            "&",
            "&#",
            "&#x4e2d;",
            "&eacute",
            ";",
            "-->",
            "<!--",
            "`",
            "```",
            "*",
            "_",
            "\\",
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "[",
            "]",
            "(",
            ")",
            "http://x.id/",
            "www.",
            "<a href=\"",
            "\"",
            "'",
            "=",
            "<div style=\"display:none\">",
            "</div>",
            "</a>",
            "<script>",
            "</script>",
            "<p>",
            "#",
            "- ",
            "> ",
            "|",
            "---\n",
            "+++\n",
            "date: 1\n",
            "深圳",
            "é",
            "—",
            "<!-- factlint-disable x -->",
            "<b>",
            "</",
            "<!",
            "<?",
            "![",
            "^",
            "    ",
            "\t",
            "<pre>",
            "</pre>",
            "<style>",
            "</STYLE",
            "<A HREF=x>",
            "<br/>",
            "\u{FEFF}",
        ];
        // A fixed linear congruential generator: the same inputs on every run, no new crate.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        (0..400)
            .map(|_| {
                let n = next() % 24;
                (0..n).map(|_| FRAGMENTS[next() % FRAGMENTS.len()]).collect()
            })
            .collect()
    }

    #[test]
    fn plain_maps_one_to_one() {
        let p = plain("Shenzhen, Guangdong");
        assert_eq!(p.to_original(0..8), Span::new(0, 8));
        assert_eq!(p.to_original(10..19), Span::new(10, 19));
    }

    #[test]
    fn decoded_pieces_widen() {
        let mut b = ProseBuilder::new();
        b.push_verbatim("AT", Span::new(0, 2));
        b.push_decoded("&", Span::new(2, 7)); // "&amp;"
        b.push_verbatim("T", Span::new(7, 8));
        let p = b.finish();
        assert_eq!(p.text(), "AT&T");
        assert_eq!(p.to_original(0..4), Span::new(0, 8));
        assert_eq!(p.to_original(2..3), Span::new(2, 7));
        assert_eq!(p.to_original(3..4), Span::new(7, 8));
    }

    #[test]
    fn urls_found_and_trimmed() {
        let text = "See https://example.com/a_(b), www.kompas.com. and (http://x.id/y) notwww.z";
        let urls: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(urls, ["https://example.com/a_(b)", "www.kompas.com", "http://x.id/y"]);
        assert!(find_urls("http:// and www. alone, café").is_empty());
        // A URL stops at non-ASCII text so the Chinese after it stays prose.
        let text = "见https://a.cn/x。深圳";
        let urls: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(urls, ["https://a.cn/x"]);
    }

    #[test]
    fn directives_parse() {
        let d = parse_directive(" factlint-disable-next-line place.located-in ", Span::new(0, 1)).unwrap();
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.rules, vec!["place.located-in"]);
        assert!(parse_directive(" a comment ", Span::new(0, 1)).is_none());
    }
}
