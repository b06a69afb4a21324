//! A normalised view of prose: the text as a reader reads it, whatever letters it is dressed in.
//! Spam written to slip past keyword filters ("🚦𝗦𝗨𝗣𝗘𝗥𝗠𝗢𝗡𝗘𝗬𝟴𝟴🚦", "⭐ A L E X I S 1 7 ⭐",
//! "MΛNDALIKA77", "gac0r") reads as plain words here ("SUPERMONEY88", "ALEXIS17", "MANDALIKA77",
//! "gacor"), and every byte of the view maps back to the prose character it came from, so a
//! finding made on the view points at the original bytes.
//!
//! The steps, character by character and then word by word:
//! - NFKC: mathematical bold, italic and fullwidth letters and digits become ASCII (𝗦 -> S,
//!   Ｐ -> P, ⓜ -> m); so do the enclosed letters NFKC leaves alone (🅻, 🅰, small capitals);
//! - confusable skeletons (Unicode TR39, from `unicode-security`): letters of other scripts that
//!   look Latin become the Latin letter (Greek Ρ -> P, Cyrillic а -> a, ℓ -> l); ASCII is left
//!   as written, so "0" stays a digit and "I" a capital i;
//! - decoration is skipped: combining marks (accents, underlines, zalgo), zero-width and format
//!   characters and variation selectors vanish; emoji, stars and other symbols become a space;
//! - spaced letters are joined: a run of four or more single letters and digits written apart
//!   ("A L E X I S 1 7") becomes one word;
//! - digits written for letters inside a word ("gac0r", "sl0t", "m4xw1n") become those letters;
//!   a number at the end of a word ("weton88", "mcb168", "B737") is left alone.
//!
//! Each character of the view carries [`Disguise`] flags that say how it was written, so rules
//! can tell "ALEXIS17" written plainly from the same word spaced out in styled letters.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// How a character of the view was written in the prose (bit flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disguise(u8);

impl Disguise {
    pub const NONE: Disguise = Disguise(0);
    /// Styled letters or digits: mathematical, fullwidth, enclosed (𝗦, Ｐ, ⓜ, 🅻).
    pub const STYLED: Disguise = Disguise(1);
    /// A letter of another script that looks Latin (Ρ, а, Λ).
    pub const LOOKALIKE: Disguise = Disguise(2);
    /// One of a run of letters written apart ("A L E X I S").
    pub const SPACED: Disguise = Disguise(4);
    /// A digit standing for a letter ("gac0r").
    pub const DIGIT_LETTER: Disguise = Disguise(8);
    /// Marks written over it (P͓̽), or a zero-width character inside its word.
    pub const MARKED: Disguise = Disguise(16);
    /// Decoration (emoji, stars, symbols) that stands in the view as a space.
    pub const DECORATION: Disguise = Disguise(32);

    pub fn contains(self, other: Disguise) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn intersects(self, other: Disguise) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Any disguise of letters (every flag but decoration between words).
    pub const LETTERS: Disguise = Disguise(1 | 2 | 4 | 8 | 16);

    /// The disguises of letters by the names rules give them: `styled` (styled or look-alike
    /// letters), `spaced`, `marked`, `digit-letter`.
    pub const LETTER_NAMES: &'static [(&'static str, Disguise)] = &[
        ("styled", Disguise(1 | 2)),
        ("spaced", Disguise::SPACED),
        ("marked", Disguise::MARKED),
        ("digit-letter", Disguise::DIGIT_LETTER),
    ];

    /// The letter disguise a rule names.
    pub fn letters_named(name: &str) -> Option<Disguise> {
        Disguise::LETTER_NAMES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
    }
}

impl std::ops::BitOr for Disguise {
    type Output = Disguise;
    fn bitor(self, o: Disguise) -> Disguise {
        Disguise(self.0 | o.0)
    }
}

impl std::ops::BitOrAssign for Disguise {
    fn bitor_assign(&mut self, o: Disguise) {
        self.0 |= o.0;
    }
}

/// One character of the view being built, with the prose bytes it stands for.
#[derive(Clone, Copy, Debug)]
struct Cell {
    c: char,
    start: u32,
    end: u32,
    flags: Disguise,
}

/// The normalised view of a prose text. Offsets into [`NormalView::text`] map back to the prose
/// with [`NormalView::to_prose`]; prose offsets map into the view with [`NormalView::from_prose`].
#[derive(Debug, Default)]
pub struct NormalView {
    text: String,
    /// For each byte of `text`: where the prose character it comes from starts and ends.
    starts: Vec<u32>,
    ends: Vec<u32>,
    flags: Vec<Disguise>,
}

impl NormalView {
    pub fn new(prose: &str) -> NormalView {
        if reads_as_written(prose) {
            return NormalView { text: prose.to_string(), ..NormalView::default() };
        }
        let cells = join_spaced(split_mixed_words(characters(prose)));
        let cells = digits_for_letters(cells);
        let mut view = NormalView {
            text: String::with_capacity(prose.len()),
            starts: Vec::with_capacity(prose.len()),
            ends: Vec::with_capacity(prose.len()),
            flags: Vec::with_capacity(prose.len()),
        };
        for cell in cells {
            view.text.push(cell.c);
            for _ in 0..cell.c.len_utf8() {
                view.starts.push(cell.start);
                view.ends.push(cell.end);
                view.flags.push(cell.flags);
            }
        }
        view
    }

    /// A view that is the prose as written: no normalisation, no disguise.
    pub fn verbatim(prose: &str) -> NormalView {
        let mut view = NormalView {
            text: prose.to_string(),
            starts: Vec::with_capacity(prose.len()),
            ends: Vec::with_capacity(prose.len()),
            flags: vec![Disguise::NONE; prose.len()],
        };
        for (i, c) in prose.char_indices() {
            for _ in 0..c.len_utf8() {
                view.starts.push(i as u32);
                view.ends.push((i + c.len_utf8()) as u32);
            }
        }
        view
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the view is the prose byte for byte (no offsets to map).
    fn is_identity(&self) -> bool {
        self.starts.is_empty()
    }

    /// The prose bytes a range of the view stands for.
    pub fn to_prose(&self, range: Range<usize>) -> Range<usize> {
        if self.is_identity() {
            let end = range.end.min(self.text.len());
            return range.start.min(end)..end;
        }
        let start = range.start.min(self.starts.len() - 1);
        if range.end <= range.start {
            let at = self.starts[start] as usize;
            return at..at;
        }
        let last = (range.end - 1).min(self.ends.len() - 1);
        self.starts[start] as usize..self.ends[last] as usize
    }

    /// The range of the view that stands for the prose bytes `range` (what lies within it).
    pub fn from_prose(&self, range: Range<usize>) -> Range<usize> {
        if self.is_identity() {
            let end = range.end.min(self.text.len());
            return range.start.min(end)..end;
        }
        let lo = self.starts.partition_point(|&s| (s as usize) < range.start);
        let hi = self.ends.partition_point(|&e| (e as usize) <= range.end).max(lo);
        lo..hi
    }

    /// How the characters of a range of the view were written, all flags together.
    pub fn disguise(&self, range: Range<usize>) -> Disguise {
        if self.is_identity() {
            return Disguise::NONE;
        }
        let end = range.end.min(self.flags.len());
        let start = range.start.min(end);
        self.flags[start..end].iter().fold(Disguise::NONE, |a, &f| a | f)
    }

    /// How many characters of a range of the view carry one of `flags`.
    pub fn count(&self, range: Range<usize>, flags: Disguise) -> usize {
        if self.is_identity() {
            return 0;
        }
        let Range { start, end } = clamp(&self.text, range);
        let mut n = 0;
        for (i, _) in self.text[start..end].char_indices() {
            if self.flags[start + i].intersects(flags) {
                n += 1;
            }
        }
        n
    }
}

/// True when normalising would change nothing: every character is ASCII or typographic
/// punctuation NFKC keeps (curly quotes, dashes, bullets), and no letters are spaced apart or
/// digits written inside words. Most prose is like this, and its view is the prose itself.
fn reads_as_written(prose: &str) -> bool {
    if prose.is_empty() {
        return true;
    }
    // One pass of one automaton: a character NFKC or the skeleton may change, a digit between
    // letters ("gac0r"), or three single characters a space apart, the start of a spaced run
    // ("A L E").
    static CHANGES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"[^\x00-\x7F\u{2013}\u{2014}\u{2018}-\u{201D}\u{2022}]|[A-Za-z][013457][A-Za-z]|(?:^|[^A-Za-z0-9])[A-Za-z0-9] [A-Za-z0-9] [A-Za-z0-9](?:[^A-Za-z0-9]|$)",
        )
        .expect("a valid pattern")
    });
    !CHANGES.is_match(prose)
}

/// Zero-width and format characters, variation selectors: they vanish from the view.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Emoji, stars, arrows, dingbats, box drawing and private-use symbols: decoration.
fn is_decoration(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21FF}' | '\u{2300}'..='\u{23FF}' | '\u{2500}'..='\u{27BF}'
        | '\u{2900}'..='\u{297F}' | '\u{2B00}'..='\u{2BFF}' | '\u{3030}' | '\u{303D}'
        | '\u{3297}' | '\u{3299}' | '\u{E000}'..='\u{F8FF}' | '\u{1F000}'..='\u{1F0FF}'
        | '\u{1F18A}'..='\u{1F1E5}' | '\u{1F200}'..='\u{1FAFF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// Enclosed and small-capital letters that neither NFKC nor the TR39 skeleton make ASCII.
fn styled_letter(c: char) -> Option<char> {
    let u = c as u32;
    let from = |base: u32| char::from_u32('A' as u32 + u - base);
    match u {
        0x1F130..=0x1F149 => from(0x1F130), // squared
        0x1F150..=0x1F169 => from(0x1F150), // negative circled
        0x1F170..=0x1F189 => from(0x1F170), // negative squared
        0x1F1E6..=0x1F1FF => from(0x1F1E6), // regional indicators
        _ => match c {
            'ᴀ' | 'Λ' | 'Ʌ' | 'ᗩ' | 'λ' => Some('A'),
            'ʙ' | 'ᗷ' => Some('B'),
            'ᴄ' => Some('C'),
            'ᴅ' | 'ᗪ' => Some('D'),
            'ᴇ' | 'Ɛ' | 'ε' => Some('E'),
            'ғ' => Some('F'),
            'ɢ' => Some('G'),
            'ʜ' => Some('H'),
            'ɪ' => Some('I'),
            'ᴊ' => Some('J'),
            'ᴋ' => Some('K'),
            'ʟ' => Some('L'),
            'ᴍ' => Some('M'),
            'ɴ' | 'ᑎ' => Some('N'),
            'ᴏ' | 'Ө' | 'θ' => Some('O'),
            'ᴘ' => Some('P'),
            'ʀ' | 'Я' => Some('R'),
            'ꜱ' => Some('S'),
            'ᴛ' => Some('T'),
            'ᴜ' | 'ᑌ' => Some('U'),
            'ᴠ' => Some('V'),
            'ᴡ' | 'ᗯ' => Some('W'),
            'ʏ' => Some('Y'),
            'ᴢ' => Some('Z'),
            _ => None,
        },
    }
}

/// The first pass: each prose character becomes zero or more cells.
fn characters(prose: &str) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::with_capacity(prose.len());
    for (i, c) in prose.char_indices() {
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_ascii() {
            match out.last_mut() {
                // A space after decoration is part of the same gap.
                Some(prev) if c == ' ' && prev.c == ' ' && prev.flags.contains(Disguise::DECORATION) => prev.end = end,
                _ => out.push(Cell { c, start, end, flags: Disguise::NONE }),
            }
            continue;
        }
        if is_invisible(c) || is_combining_mark(c) {
            // Marks belong to the letter before them; a zero-width character inside a word
            // disguises it too.
            if let Some(prev) = out.last_mut() {
                if prev.c.is_alphanumeric() {
                    prev.end = end;
                    if !matches!(c, '\u{FE00}'..='\u{FE0F}') {
                        prev.flags |= Disguise::MARKED;
                    }
                }
            }
            continue;
        }
        if let Some(l) = styled_letter(c) {
            out.push(Cell { c: l, start, end, flags: Disguise::STYLED });
            continue;
        }
        if is_decoration(c) {
            push_space(&mut out, start, end);
            continue;
        }
        let mut pushed = false;
        for d in std::iter::once(c).nfkc() {
            pushed = true;
            push_normalised(&mut out, c, d, start, end);
        }
        if !pushed {
            push_space(&mut out, start, end);
        }
    }
    out
}

/// Decoration and unusual spaces stand as one space; a run of them as one.
fn push_space(out: &mut Vec<Cell>, start: u32, end: u32) {
    match out.last_mut() {
        Some(prev) if prev.c == ' ' => {
            prev.end = end;
            prev.flags |= Disguise::DECORATION;
        }
        _ => out.push(Cell { c: ' ', start, end, flags: Disguise::DECORATION }),
    }
}

/// One character of a prose character's NFKC form.
fn push_normalised(out: &mut Vec<Cell>, original: char, d: char, start: u32, end: u32) {
    if d.is_ascii() {
        let flags = if d != original && d.is_ascii_alphanumeric() { Disguise::STYLED } else { Disguise::NONE };
        out.push(Cell { c: d, start, end, flags });
        return;
    }
    if is_combining_mark(d) {
        return;
    }
    if d.is_whitespace() {
        out.push(Cell { c: ' ', start, end, flags: Disguise::NONE });
        return;
    }
    if let Some(l) = styled_letter(d) {
        out.push(Cell { c: l, start, end, flags: Disguise::STYLED });
        return;
    }
    if d.is_alphabetic() {
        // A Latin letter with accents keeps its base letter and is no disguise ("é" -> "e").
        let base: Vec<char> = std::iter::once(d).nfd().filter(|c| !is_combining_mark(*c)).collect();
        if let [b] = base[..] {
            if b.is_ascii_alphabetic() {
                out.push(Cell { c: b, start, end, flags: Disguise::NONE });
                return;
            }
        }
        let mut buf = [0u8; 4];
        let skeleton: Vec<char> =
            unicode_security::skeleton(d.encode_utf8(&mut buf)).filter(|c| c.is_ascii_alphanumeric()).collect();
        if let [l] = skeleton[..] {
            out.push(Cell { c: l, start, end, flags: Disguise::LOOKALIKE });
            return;
        }
    } else if is_decoration(d) || (!d.is_alphanumeric() && !is_punctuation(d)) {
        push_space(out, start, end);
        return;
    }
    out.push(Cell { c: d, start, end, flags: Disguise::NONE });
}

/// Punctuation that sentences and quotations are read by: kept as written.
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{205E}' | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}' | '«' | '»' | '¡' | '¿' | '·' | '§' | '¶')
        || c.is_ascii_punctuation()
}

/// A letter of a script other than Latin, as it stands in the view (Latin letters with
/// accents have become ASCII by now; what is left of Latin is ß, ø, þ and their kin).
fn is_foreign_letter(c: char) -> bool {
    c.is_alphanumeric()
        && !c.is_ascii()
        && !matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}')
}

/// In a word that mixes Latin letters or digits with letters of another script that look like
/// none ("ᆢAᆢᆢLᆢᆢEᆢᆢXᆢ"), the other script is filler between the Latin ones: it stands as
/// decoration, a space, so that the Latin letters can be read (and joined, when they are
/// spaced out). No word of English or Indonesian mixes scripts.
fn split_mixed_words(cells: Vec<Cell>) -> Vec<Cell> {
    let word = |c: &Cell| c.c.is_alphanumeric();
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while i < cells.len() {
        if !word(&cells[i]) {
            match out.last_mut() {
                // A space after filler is part of the same gap.
                Some(prev) if cells[i].c == ' ' && prev.c == ' ' && prev.flags.contains(Disguise::DECORATION) => {
                    prev.end = cells[i].end
                }
                _ => out.push(cells[i]),
            }
            i += 1;
            continue;
        }
        let end = cells[i..].iter().position(|c| !word(c)).map_or(cells.len(), |n| i + n);
        let run = &cells[i..end];
        let mixed = run.iter().any(|c| c.c.is_ascii_alphanumeric()) && run.iter().any(|c| is_foreign_letter(c.c));
        for cell in run {
            if mixed && is_foreign_letter(cell.c) {
                push_space(&mut out, cell.start, cell.end);
            } else {
                out.push(*cell);
            }
        }
        i = end;
    }
    out
}

/// Joins runs of letters written apart: "A L E X I S 1 7" -> "ALEXIS17". A run has at least
/// four pieces, each one character (or two capitals or digits, as in "Ｐ ＵＬ Ａ Ｕ W I N"), at
/// least three of them single, at least two letters in all, each piece apart from the next by
/// one space.
fn join_spaced(cells: Vec<Cell>) -> Vec<Cell> {
    // Pieces: maximal runs of alphanumeric cells, with the index range of each.
    let is_word = |c: &Cell| c.c.is_alphanumeric();
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while i < cells.len() {
        if !is_word(&cells[i]) || (i > 0 && is_word(&cells[i - 1])) {
            out.push(cells[i]);
            i += 1;
            continue;
        }
        // Read pieces from i while they are short and one space apart.
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut j = i;
        loop {
            let s = j;
            while j < cells.len() && is_word(&cells[j]) {
                j += 1;
            }
            let len = j - s;
            let short =
                len == 1 || (len == 2 && cells[s..j].iter().all(|c| c.c.is_uppercase() || c.c.is_ascii_digit()));
            if !short {
                break;
            }
            pieces.push(s..j);
            // One space (a plain space or a run of decoration) to the next piece.
            if j + 1 < cells.len() && cells[j].c == ' ' && is_word(&cells[j + 1]) {
                j += 1;
            } else {
                break;
            }
        }
        let singles = pieces.iter().filter(|p| p.len() == 1).count();
        let letters: usize =
            pieces.iter().map(|p| cells[p.clone()].iter().filter(|c| c.c.is_alphabetic()).count()).sum();
        if pieces.len() >= 4 && singles >= 3 && letters >= 2 {
            let last = pieces.last().map_or(i, |p| p.end);
            for cell in &cells[i..last] {
                if cell.c == ' ' {
                    // The space goes; its bytes belong to the letter before it.
                    if let Some(prev) = out.last_mut() {
                        prev.end = cell.end;
                    }
                    continue;
                }
                out.push(Cell { flags: cell.flags | Disguise::SPACED, ..*cell });
            }
            i = last;
        } else {
            // Not a run: copy the word and go on after it.
            while i < cells.len() && is_word(&cells[i]) {
                out.push(cells[i]);
                i += 1;
            }
        }
    }
    out
}

/// The letter a digit stands for inside a word.
fn letter_for_digit(d: char) -> Option<char> {
    Some(match d {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// Digits between letters of a word become the letters they stand for ("gac0r" -> "gacor",
/// "m4xw1n" -> "maxwin"); digits at a word's end or start stay ("weton88", "4D", "B737"), and so
/// does the lottery's "4d" ("visi4d").
fn digits_for_letters(mut cells: Vec<Cell>) -> Vec<Cell> {
    let n = cells.len();
    for i in 1..n.saturating_sub(1) {
        let Some(l) = letter_for_digit(cells[i].c) else { continue };
        if !(cells[i - 1].c.is_alphabetic() && cells[i + 1].c.is_alphabetic()) {
            continue;
        }
        let ends_word = i + 2 >= n || !cells[i + 2].c.is_alphanumeric();
        if cells[i].c == '4' && matches!(cells[i + 1].c, 'd' | 'D') && ends_word {
            continue;
        }
        let upper = cells[i - 1].c.is_uppercase() && cells[i + 1].c.is_uppercase();
        cells[i].c = if upper { l.to_ascii_uppercase() } else { l };
        cells[i].flags |= Disguise::DIGIT_LETTER;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> String {
        NormalView::new(s).text().to_string()
    }

    #[test]
    fn styled_letters_become_ascii() {
        assert_eq!(view("🚦𝗦𝗨𝗣𝗘𝗥𝗠𝗢𝗡𝗘𝗬𝟴𝟴🚦 terbukti bocor"), " SUPERMONEY88 terbukti bocor");
        assert_eq!(view("gac𝗈r"), "gacor");
        assert_eq!(view("Ｐｕｌａｕ７７７"), "Pulau777");
        assert_eq!(view("🅻🅴🆂🆃🅸77"), "LESTI77");
        let v = NormalView::new("gac𝗈r");
        assert!(v.disguise(0..5).contains(Disguise::STYLED));
    }

    #[test]
    fn lookalike_letters_become_latin() {
        assert_eq!(view("MΛNDALIKA77, real tuh"), "MANDALIKA77, real tuh");
        assert_eq!(view("Ρ𝐑0𝐁𝐄𐊗𝟖𝟓𝟓"), "PROBET855");
        assert_eq!(view("Сasino"), "Casino");
        assert!(NormalView::new("Сasino").disguise(0..1).contains(Disguise::LOOKALIKE));
    }

    #[test]
    fn spaced_letters_are_joined() {
        assert_eq!(view("Patut dicoba, ⭐ A L E X I S 1 7 ⭐ bikin"), "Patut dicoba, ALEXIS17 bikin");
        assert_eq!(view("apalagi ini Ｐ ＵＬ Ａ Ｕ W I N"), "apalagi ini PULAUWIN");
        // Not runs: ordinary short words, a list of three, numbers.
        assert_eq!(view("a b c"), "a b c");
        assert_eq!(view("Grup A dan B"), "Grup A dan B");
        assert_eq!(view("skor 1 2 3 4"), "skor 1 2 3 4");
        assert_eq!(view("di a ke"), "di a ke");
    }

    #[test]
    fn another_script_between_latin_letters_is_filler() {
        // Hangul jamo as filler between spaced Latin letters.
        let prose = "rumor, \u{11A2}A\u{11A2}\u{11A2}L\u{11A2}\u{11A2}E\u{11A2}\u{11A2}X\u{11A2}\u{11A2}I\u{11A2}\u{11A2}S\u{11A2}\u{11A2}1\u{11A2}\u{11A2}7\u{11A2} bagus";
        let v = NormalView::new(prose);
        assert_eq!(v.text(), "rumor, ALEXIS17 bagus");
        let at = v.text().find("ALEXIS17").unwrap();
        assert!(v.disguise(at..at + 8).contains(Disguise::SPACED));
        assert!(prose[v.to_prose(at..at + 8)].starts_with('A'));
        // Words of one other script stay as they are, and so do Latin letters beside them.
        assert_eq!(view("Tokyo 東京 dan Kyoto"), "Tokyo 東京 dan Kyoto");
        assert_eq!(view("straße Æsir"), "straße Æsir");
    }

    #[test]
    fn decoration_is_skipped() {
        assert_eq!(view("P͓̽U͓̽L͓̽A͓̽U͓̽7͓̽7͓̽7͓̽."), "PULAU777.");
        assert_eq!(view("sl\u{200B}ot"), "slot");
        assert!(NormalView::new("P͓̽U").disguise(0..1).contains(Disguise::MARKED));
        assert_eq!(view("café résumé"), "cafe resume");
        assert!(NormalView::new("café").disguise(0..4).is_empty());
    }

    #[test]
    fn digits_for_letters() {
        assert_eq!(view("gac0r sl0t m4xw1n cu4n"), "gacor slot maxwin cuan");
        assert_eq!(
            view("weton88 mcb168 B737 COVID-19 iPhone 15 visi4d 4D"),
            "weton88 mcb168 B737 COVID-19 iPhone 15 visi4d 4D"
        );
    }

    #[test]
    fn offsets_point_at_the_original() {
        let prose = "Main di ⭐ A L E X I S 1 7 ⭐ ya";
        let v = NormalView::new(prose);
        let at = v.text().find("ALEXIS17").unwrap();
        let r = v.to_prose(at..at + "ALEXIS17".len());
        assert_eq!(&prose[r], "A L E X I S 1 7");
        let prose = "x 𝗦𝗨𝗣𝗘𝗥𝟴𝟴 y";
        let v = NormalView::new(prose);
        let at = v.text().find("SUPER88").unwrap();
        assert_eq!(&prose[v.to_prose(at..at + 7)], "𝗦𝗨𝗣𝗘𝗥𝟴𝟴");
        let back = v.from_prose(v.to_prose(at..at + 7));
        assert_eq!(&v.text()[back], "SUPER88");
        // Plain ASCII maps one to one.
        let v = NormalView::new("plain text");
        assert_eq!(v.text(), "plain text");
        assert_eq!(v.to_prose(2..5), 2..5);
        assert_eq!(v.from_prose(2..5), 2..5);
    }

    #[test]
    fn plain_prose_is_its_own_view() {
        let prose = "Harga cabai \u{201C}turun\u{201D} 5 persen \u{2014} kata pedagang, Senin (4/7).";
        let v = NormalView::new(prose);
        assert_eq!(v.text(), prose);
        assert_eq!(v.to_prose(3..8), 3..8);
        assert!(v.disguise(0..prose.len()).is_empty());
        // Not plain: the slow path gives the same text where nothing is disguised.
        assert_eq!(view("Harga a b c d naik"), "Harga abcd naik");
        assert_eq!(view("sl0t"), "slot");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in
            ["", " ", "\u{301}", "\u{200B}", "🚦", "a\u{301}\u{301}\u{301}", "A B C D E", "0a0", "\u{10FFFF}", "ǅ ﬁ ㎏"]
        {
            let v = NormalView::new(s);
            let _ = v.to_prose(0..v.text().len());
            let _ = v.to_prose(0..0);
            let _ = v.from_prose(0..s.len());
            let _ = v.disguise(0..usize::MAX);
            let _ = v.count(0..usize::MAX, Disguise::LETTERS);
        }
    }
}

/// `range` cut to the text and to character boundaries (its start moves back, its end forward).
pub fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

#[cfg(test)]
mod clamp_tests {
    use super::clamp;

    #[test]
    fn a_range_inside_a_character_or_past_the_end_is_cut_to_boundaries() {
        let text = "aé b";
        assert_eq!(clamp(text, 2..99), 1..5);
        assert_eq!(clamp(text, 0..2), 0..3);
        assert_eq!(clamp(text, 7..9), 5..5);
    }
}
