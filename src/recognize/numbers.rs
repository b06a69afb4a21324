//! Numbers: the one mechanism that reads figures ("6,8 juta", "6.8 million", "1.234.567",
//! "Rp2,5 triliun", "US$50.7 billion", "65 persen", "lebih dari 200.000") out of a rule
//! pattern's named groups, tells figures from look-alikes (years, days of a date, identifiers
//! such as "COVID-19", reference numbers), and writes a value back in a language's notation.
//!
//! The words are data, from the lexicon of the document's language: decimal and group marks
//! (`decimal_mark`, `group_mark`: Indonesian writes 6,8 and 1.234.567, English 6.8 and
//! 1,234,567), scale words (`scale` table: juta = 1000000), words that make a figure a bound
//! (`number_bound` table: "lebih dari" = 1, "hampir" = -1, "sekitar" = 0), units (`[units.X]`),
//! months (`month`) and reference-number markers (`number_markers`).
//!
//! Ambiguous forms are read in the document's notation ("1.234" is 1234 in Indonesian text and
//! 1.234 in English text); the other notation is used only when the document's cannot read the
//! form at all ("6,8 million" in English copy is 6.8 million).

use super::dates::{in_url, DateReader, MONTH_TABLE, NUMBER_MARKERS};
use crate::lexicon::{Lexicons, UnitPosition};
use crate::vocab::words::token_before;
use crate::vocab::Lang;
use regex::Captures;
use std::ops::Range;

pub const SCALE_TABLE: &str = "scale";
pub const BOUND_TABLE: &str = "number_bound";
pub const DECIMAL_MARK: &str = "decimal_mark";
pub const GROUP_MARK: &str = "group_mark";

/// How a language writes decimals and thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notation {
    pub decimal: char,
    pub group: char,
}

impl Notation {
    /// 1,234,567.8
    pub const EN: Notation = Notation { decimal: '.', group: ',' };
    /// 1.234.567,8
    pub const ID: Notation = Notation { decimal: ',', group: '.' };

    /// The notation a language's lexicon gives (`decimal_mark`, `group_mark`); English style
    /// when it gives none.
    pub fn of(lexicons: &Lexicons, lang: Lang) -> Notation {
        let has = |list: &str, c: &str| lexicons.has_word(lang, list, c);
        if has(DECIMAL_MARK, ",") || has(GROUP_MARK, ".") {
            Notation::ID
        } else {
            Notation::EN
        }
    }

    fn other(self) -> Notation {
        Notation { decimal: self.group, group: self.decimal }
    }
}

/// Digits with marks, read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parsed {
    pub value: f64,
    /// Digits written after the decimal mark.
    pub decimals: usize,
    /// The notation that read it.
    pub notation: Notation,
}

/// Reads digits with decimal and group marks, in the preferred notation, else in the other one.
pub fn parse_digits(s: &str, preferred: Notation) -> Option<Parsed> {
    parse_in(s, preferred).or_else(|| parse_in(s, preferred.other()))
}

fn parse_in(s: &str, n: Notation) -> Option<Parsed> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == n.decimal || c == n.group) {
        return None;
    }
    let (int, frac) = match s.split_once(n.decimal) {
        Some((i, f)) => {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (i, Some(f))
        }
        None => (s, None),
    };
    if int.is_empty() {
        return None;
    }
    let groups: Vec<&str> = int.split(n.group).collect();
    if groups.len() > 1 {
        let first = groups[0];
        if first.is_empty() || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        if groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = groups.concat();
    let mut text = digits;
    if let Some(f) = frac {
        text.push('.');
        text.push_str(f);
    }
    let value: f64 = text.parse().ok()?;
    Some(Parsed { value, decimals: frac.map_or(0, str::len), notation: n })
}

/// What a figure claims about the true value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// "6,8 juta": the value, as rounded.
    Exact,
    /// "about 6.8 million".
    About,
    /// "more than 200,000": the value is at least this.
    AtLeast,
    /// "less than", "nearly": the value is at most this.
    AtMost,
}

/// A figure written in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberMention {
    /// The claim: the `claim` group, or the whole match.
    pub range: Range<usize>,
    /// The digits.
    pub digits: Range<usize>,
    /// The digits and the scale word: what a suggestion rewrites.
    pub scaled: Range<usize>,
    /// The value, scale applied.
    pub value: f64,
    /// The scale word's factor (1 without one).
    pub scale: f64,
    pub scale_word: Option<String>,
    pub decimals: usize,
    /// Zeros that end the digits of a whole figure ("3.000" has 3).
    pub trailing_zeros: usize,
    /// The unit a unit word names (lexicon `[units]`), or None for a plain count.
    pub unit: Option<String>,
    pub bound: Bound,
    pub notation: Notation,
}

impl NumberMention {
    /// Half a unit of the last digit written: what rounding to the written figure may hide.
    /// An approximate whole figure ("sekitar Rp3.000 triliun", "about 200,000") is rounded to
    /// its last digit that is not zero.
    pub fn rounding(&self) -> f64 {
        let place = if self.bound == Bound::About && self.decimals == 0 {
            self.trailing_zeros as i32
        } else {
            -(self.decimals as i32)
        };
        0.5 * 10f64.powi(place) * self.scale
    }
}

/// Reads figures in one language.
#[derive(Debug)]
pub struct NumberReader<'a> {
    lexicons: &'a Lexicons,
    lang: Lang,
    notation: Notation,
}

impl<'a> NumberReader<'a> {
    pub fn new(lexicons: &'a Lexicons, lang: Lang) -> Self {
        NumberReader { lexicons, lang, notation: Notation::of(lexicons, lang) }
    }

    pub fn notation(&self) -> Notation {
        self.notation
    }

    /// Reads a pattern's match. None for a look-alike: a year, a day next to a month name, a
    /// number glued to letters or to other numbers (identifiers, times, versions, fractions), a
    /// reference number, a number in a URL, or digits no notation reads.
    pub fn read(&self, text: &str, caps: &Captures<'_>) -> Option<NumberMention> {
        let whole = caps.get(0)?;
        let num = caps.name("number")?;
        let before = caps.name("unit_before");
        let scale_m = caps.name("scale");
        let after = caps.name("unit_after");
        let parsed = parse_digits(num.as_str(), self.notation)?;

        // Glued to something on the left: "COVID-19", "A4", "3/7", "v1.2".
        let left = before.map_or(num.start(), |b| b.start());
        if let Some(c) = text[..left].chars().next_back() {
            if c.is_alphanumeric() || "/\\_.:+#@=&-–~".contains(c) {
                return None;
            }
        }
        // Glued on the right, directly after the digits: "5G", "20th", "10:30", "3/7", "1-0".
        let mut rest = text[num.end()..].chars();
        if let Some(c) = rest.next() {
            let next = rest.next();
            let unit_glued =
                after.is_some_and(|a| a.start() == num.end()) || scale_m.is_some_and(|s| s.start() == num.end());
            if c.is_alphabetic() && !unit_glued {
                return None;
            }
            if matches!(c, '/' | '\\' | ':' | '_' | '@')
                || ("-–".contains(c) && next.is_some_and(|n| n.is_ascii_digit()))
            {
                return None;
            }
        }
        let word_ends = |m: regex::Match<'_>| !text[m.end()..].chars().next().is_some_and(|c| c.is_alphanumeric());

        let (scale, scale_word) = match scale_m {
            Some(s) => {
                // "jutaan" (millions of) is not "juta".
                if !word_ends(s) {
                    return None;
                }
                let v = self.lexicons.value(self.lang, SCALE_TABLE, s.as_str())?;
                (v as f64, Some(s.as_str().to_string()))
            }
            None => (1.0, None),
        };
        let unit_after = after.filter(|a| word_ends(*a) || !a.as_str().ends_with(char::is_alphanumeric));
        let unit_b = before.and_then(|b| self.lexicons.unit_of(self.lang, UnitPosition::Before, b.as_str()));
        let unit_a = unit_after.and_then(|a| self.lexicons.unit_of(self.lang, UnitPosition::After, a.as_str()));
        let unit = match (unit_b, unit_a) {
            (Some(b), Some(a)) if b != a => return None,
            (b, a) => b.or(a).map(str::to_string),
        };
        let bound = match caps.name("bound") {
            Some(b) => match self.lexicons.value(self.lang, BOUND_TABLE, b.as_str()) {
                Some(1) => Bound::AtLeast,
                Some(-1) => Bound::AtMost,
                Some(_) => Bound::About,
                None => Bound::Exact,
            },
            None => Bound::Exact,
        };

        let bare = scale_word.is_none() && unit.is_none() && parsed.decimals == 0;
        if bare && is_year_text(num.as_str()) {
            return None;
        }
        if bare && self.next_to_month(text, num.range()) {
            return None;
        }
        if let Some(t) = token_before(text, left) {
            if self.lexicons.has_word(self.lang, NUMBER_MARKERS, t) {
                return None;
            }
        }
        if in_url(text, num.range()) {
            return None;
        }
        // One end of a range or list of figures: "3 hingga 5 juta", "4-6 million".
        let ranges = DateReader::new(self.lexicons, self.lang);
        if ranges.range_before(text, left)
            || ranges.range_after(text, scale_m.map_or(num.end(), |s| s.end()))
            || self.follows_figure(text, left)
        {
            return None;
        }

        let scaled_end = scale_m.map_or(num.end(), |s| s.end());
        // A unit word that turned out to begin a longer word is not part of the claim.
        let end = unit_after.map_or(scaled_end, |a| a.end());
        let start = caps.name("claim").map_or(whole.start(), |c| c.start());
        Some(NumberMention {
            range: start..end,
            digits: num.range(),
            scaled: num.start()..scaled_end,
            value: parsed.value * scale,
            scale,
            scale_word,
            decimals: parsed.decimals,
            trailing_zeros: if parsed.decimals == 0 {
                num.as_str().chars().rev().filter(|c| c.is_ascii_digit()).take_while(|c| *c == '0').count()
            } else {
                0
            },
            unit,
            bound,
            notation: parsed.notation,
        })
    }

    /// True when the figure follows another figure and a comma: the last item of a list ("6,9
    /// juta, 2,6 juta").
    fn follows_figure(&self, text: &str, pos: usize) -> bool {
        let Some(before) = text[..pos].trim_end().strip_suffix(',') else { return false };
        let mut tokens = before.split_whitespace().rev();
        let ends_in_figure = |t: &str| t.trim_end_matches('%').ends_with(|c: char| c.is_ascii_digit());
        match tokens.next() {
            Some(t) if ends_in_figure(t) => true,
            Some(t) => {
                let is_scale_or_unit = self.lexicons.value(self.lang, SCALE_TABLE, t).is_some()
                    || self.lexicons.unit_of(self.lang, UnitPosition::After, t).is_some();
                is_scale_or_unit && tokens.next().is_some_and(ends_in_figure)
            }
            None => false,
        }
    }

    /// True when a month name stands right before or after the number: "5 Juli", "July 5".
    fn next_to_month(&self, text: &str, digits: Range<usize>) -> bool {
        let is_month = |w: Option<Range<usize>>| {
            w.is_some_and(|w| self.lexicons.value(self.lang, MONTH_TABLE, &text[w]).is_some())
        };
        is_month(super::word_after(text, digits.end)) || is_month(super::word_before(text, digits.start))
    }
}

/// A four-digit year from 1800 to 2199.
fn is_year_text(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (1800..2200).contains(&s.parse::<u32>().unwrap_or(0))
}

/// Years written in `range` of the text (four digits, 1800 to 2199, standing alone), with their
/// offsets.
pub fn years_in(text: &str, range: Range<usize>) -> Vec<(usize, i32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < range.end && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let s = &text[start..i];
        let glued_before = text[..start].chars().next_back().is_some_and(|c| {
            c.is_alphanumeric() || ((c == '.' || c == ',') && text[..start - 1].ends_with(|d: char| d.is_ascii_digit()))
        });
        let glued_after = text[i..].chars().next().is_some_and(|c| c.is_alphanumeric())
            || (text[i..].starts_with(['.', ',']) && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        if !glued_before && !glued_after && is_year_text(s) {
            out.push((start, s.parse().expect("four digits")));
        }
    }
    out
}

/// Writes a value with `decimals` digits after the mark, grouping thousands.
pub fn format_number(value: f64, decimals: usize, n: Notation) -> String {
    let s = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    if value < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(n.group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(n.decimal);
        out.push_str(&f);
    }
    out
}

/// Writes a value with at most `max_decimals`, dropping trailing zeros: 6.887 -> "6,887".
pub fn format_trimmed(value: f64, max_decimals: usize, n: Notation) -> String {
    let mut d = max_decimals;
    while d > 0 {
        let scaled = value * 10f64.powi(d as i32 - 1);
        if (scaled - scaled.round()).abs() > 1e-9 {
            break;
        }
        d -= 1;
    }
    format_number(value, d, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::spec::LexiconSpec;

    /// The shipped number pattern of rules/number/mismatch.toml, over the shipped lexicons.
    fn read(lang: Lang, text: &str) -> Vec<(String, f64, Option<String>, Bound)> {
        let mut lex = Lexicons::default();
        for (path, t) in crate::builtin::FILES {
            if path.contains("lexicon") {
                let spec: LexiconSpec = toml::from_str(t).unwrap();
                lex.add(&spec, path, t).unwrap();
            }
        }
        let pattern = r"(?:(?P<bound>{number_bound})[ \t]+)?(?:(?P<unit_before>{unit_before})[ \t]?)?(?P<number>[0-9]+(?:[.,][0-9]+)*)(?:[ \t]?(?P<scale>{scale}))?(?:[ \t]?(?P<unit_after>{unit_after}))?";
        let re = regex::Regex::new(&crate::lexicon::expand(pattern, lang, &lex).unwrap()).unwrap();
        let reader = NumberReader::new(&lex, lang);
        re.captures_iter(text)
            .filter_map(|c| reader.read(text, &c))
            .map(|m| (text[m.range.clone()].to_string(), m.value, m.unit, m.bound))
            .collect()
    }

    #[test]
    fn reads_figures_with_scales_units_and_bounds() {
        let id = read(
            Lang::ID,
            "mencapai 6,8 juta unit senilai Rp2,5 triliun, dengan ekspor US$50,7 miliar, naik 65 persen, lebih dari 200.000 orang dan 1.234.567 warga",
        );
        let got: Vec<(&str, f64, Option<&str>, Bound)> =
            id.iter().map(|(t, v, u, b)| (t.as_str(), *v, u.as_deref(), *b)).collect();
        assert_eq!(
            got,
            vec![
                ("6,8 juta", 6_800_000.0, None, Bound::Exact),
                ("Rp2,5 triliun", 2.5e12, Some("IDR"), Bound::Exact),
                ("US$50,7 miliar", 50.7e9, Some("USD"), Bound::Exact),
                ("65 persen", 65.0, Some("percent"), Bound::Exact),
                ("lebih dari 200.000", 200_000.0, None, Bound::AtLeast),
                ("1.234.567", 1_234_567.0, None, Bound::Exact),
            ]
        );
        let en = read(Lang::EN, "sales of 6.8 million, worth US$50.7 billion, nearly 7mn in all, with 65% of them");
        let got: Vec<(&str, f64)> = en.iter().map(|(t, v, _, _)| (t.as_str(), *v)).collect();
        assert_eq!(
            got,
            vec![("6.8 million", 6_800_000.0), ("US$50.7 billion", 50.7e9), ("nearly 7mn", 7e6), ("65%", 65.0)]
        );
    }

    #[test]
    fn look_alikes_are_not_figures() {
        let none = |lang, t: &str| assert!(read(lang, t).is_empty(), "{t:?}: {:?}", read(lang, t));
        none(Lang::ID, "pada 2022 dan pandemi COVID-19 di G20");
        none(Lang::ID, "Selasa, 4 Juli 2023 pukul 10:30");
        none(Lang::EN, "on July 4, 2023 at 3/7 of the way");
        none(Lang::ID, "naik 3 hingga 5 juta; 4-6 juta; jutaan orang; 6,9 juta, 2,6 juta");
        none(Lang::ID, "Nomor 12 tentang versi 3.5.2");
        none(Lang::EN, "see https://example.com/story?id=6500 and A4 paper");
    }

    #[test]
    fn the_other_notation_reads_what_the_documents_cannot() {
        assert_eq!(read(Lang::ID, "mencapai 6.8 juta")[0].1, 6_800_000.0);
        assert_eq!(read(Lang::EN, "reached 6,8 million")[0].1, 6_800_000.0);
        assert_eq!(read(Lang::EN, "a 1.234 share")[0].1, 1.234);
        assert_eq!(read(Lang::ID, "sebanyak 1.234 unit")[0].1, 1234.0);
    }

    #[test]
    fn reads_both_notations() {
        let id = Notation::ID;
        let en = Notation::EN;
        let v = |s: &str, n| parse_digits(s, n).map(|p| p.value);
        assert_eq!(v("6,8", id), Some(6.8));
        assert_eq!(v("1.234.567", id), Some(1_234_567.0));
        assert_eq!(v("1.234", id), Some(1234.0));
        assert_eq!(v("1.234", en), Some(1.234));
        assert_eq!(v("1,234", en), Some(1234.0));
        assert_eq!(v("1,234,567.5", en), Some(1_234_567.5));
        assert_eq!(v("1.234.567,5", id), Some(1_234_567.5));
        // The document's notation cannot read it; the other can.
        assert_eq!(v("6.8", id), Some(6.8));
        assert_eq!(v("6,8", en), Some(6.8));
        assert_eq!(v("1,234.5", id), Some(1234.5));
        // Neither can.
        assert_eq!(v("3.5.2", en), None);
        assert_eq!(v("1,2,3", id), None);
        assert_eq!(v("12.34.567", id), None);
        assert_eq!(parse_digits("6,80", id).unwrap().decimals, 2);
    }

    #[test]
    fn writes_both_notations() {
        assert_eq!(format_number(6_887_000.0, 0, Notation::ID), "6.887.000");
        assert_eq!(format_number(6_887_000.0, 0, Notation::EN), "6,887,000");
        assert_eq!(format_number(6.887, 1, Notation::ID), "6,9");
        assert_eq!(format_trimmed(6.887, 3, Notation::ID), "6,887");
        assert_eq!(format_trimmed(6.8, 3, Notation::EN), "6.8");
        assert_eq!(format_trimmed(7.0, 3, Notation::EN), "7");
        assert_eq!(format_number(999.0, 0, Notation::EN), "999");
    }

    #[test]
    fn finds_years() {
        let t = "Pada 2022, penjualan naik; COVID-19 dan 12.2022 bukan tahun, 1999 ya.";
        let ys: Vec<i32> = years_in(t, 0..t.len()).into_iter().map(|(_, y)| y).collect();
        assert_eq!(ys, vec![2022, 1999]);
    }
}
