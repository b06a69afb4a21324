//! Source files as read from disk or stdin, byte spans into them, and a lazily built line index
//! that turns byte offsets into 1-based lines and columns (columns count Unicode scalar values).

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// A half-open byte range `[start, end)` into the original bytes of a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column; the column counts Unicode scalar values from the start of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One input document: its display path and its text exactly as read.
#[derive(Debug)]
pub struct SourceFile {
    path: String,
    text: String,
    lines: OnceLock<Vec<usize>>,
    /// Characters before each block of `CHAR_BLOCK` bytes: a column is counted from the nearest
    /// block, not from its line's start, so many findings on one long line cost linear time.
    char_blocks: OnceLock<Vec<usize>>,
}

/// Bytes per entry of [`SourceFile`]'s character index.
const CHAR_BLOCK: usize = 4096;

/// Characters in `bytes` (which may start or end inside a character): the bytes that begin one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: text.into(), lines: OnceLock::new(), char_blocks: OnceLock::new() }
    }

    /// The path as given on the command line or found by the walk (`-` for stdin).
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| line_starts(&self.text))
    }

    /// Line and column of a byte offset (clamped to the text, and to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let text = &self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        // A byte-order mark is no character an editor shows or counts.
        let from =
            if line == 0 && text.starts_with('\u{feff}') { '\u{feff}'.len_utf8().min(offset) } else { starts[line] };
        LineCol { line: line + 1, column: self.chars_before(offset) - self.chars_before(from) + 1 }
    }

    /// Characters in the text before byte `pos`.
    fn chars_before(&self, pos: usize) -> usize {
        let bytes = self.text.as_bytes();
        let blocks = self.char_blocks.get_or_init(|| {
            let mut out = vec![0];
            for chunk in bytes.chunks(CHAR_BLOCK) {
                out.push(out.last().copied().unwrap_or(0) + chars_in(chunk));
            }
            out
        });
        let b = pos / CHAR_BLOCK;
        blocks[b] + chars_in(&bytes[b * CHAR_BLOCK..pos])
    }

    /// The byte range of the (1-based) line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Span {
        let starts = self.line_starts();
        let mut start = starts[line - 1];
        if start == 0 && self.text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8();
        }
        let mut end = starts.get(line).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// Inputs larger than this are not checked (a message says so): a file, stdin, or one line of
/// a stream.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Byte offsets at which lines start; the first line starts at 0.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// Line and column of `offset` given precomputed line starts.
pub fn line_col(text: &str, starts: &[usize], offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    // A byte-order mark is no character an editor shows or counts.
    let from = if line == 0 && text.starts_with('\u{feff}') { '\u{feff}'.len_utf8().min(offset) } else { starts[line] };
    let column = text[from..offset].chars().count() + 1;
    LineCol { line: line + 1, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values() {
        let f = SourceFile::new("a", "ab\nçé x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // "çé " is 5 bytes; 'x' is the 4th scalar value on line 2.
        assert_eq!(f.line_col(8), LineCol { line: 2, column: 4 });
        assert_eq!(f.line_col(100), LineCol { line: 3, column: 1 });
        // A byte-order mark does not count.
        let bom = SourceFile::new("b", "\u{feff}ab");
        assert_eq!(bom.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(bom.line_col(4), LineCol { line: 1, column: 2 });
        assert_eq!(bom.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn line_range_strips_terminators() {
        let f = SourceFile::new("a", "one\r\ntwo");
        assert_eq!(f.slice(f.line_range(1)), "one");
        assert_eq!(f.slice(f.line_range(2)), "two");
    }
}

/// An error at a place in a file the user wrote (a rule file, a knowledge file, a config file):
/// printed as `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct LocatedError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl LocatedError {
    /// An error at byte `offset` of `text`, the contents of `path`.
    pub fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let lc = line_col(text, &line_starts(text), offset);
        LocatedError { path: path.to_string(), line: lc.line, column: lc.column, message: message.into() }
    }
}
