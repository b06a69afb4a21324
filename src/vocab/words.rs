//! Words and tokens: capitals, case kept from one word to another, the token before a
//! position, the English possessive ending, and the name a slip of the pen meant.

/// True when `s` has two or more letters and all are capitals (a dateline's "SHENZHEN").
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// The white-space-delimited token that ends right before `pos` (skipping the white space of
/// the line between, no-break spaces included), without an opening bracket or quote it may
/// start with.
pub fn token_before(text: &str, pos: usize) -> Option<&str> {
    let before = text[..pos].trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
    let start =
        before.rfind(char::is_whitespace).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let tok = before[start..].trim_start_matches(['(', '[', '"', '“', '\'']);
    (!tok.is_empty()).then_some(tok)
}

/// Spells `preferred` the way `original` is capitalised: all capitals stay all capitals, a
/// capital first letter stays capital; otherwise the preferred form is kept as written (so a
/// proper noun keeps its capital: "cina" -> "Tiongkok").
pub fn keep_case(original: &str, preferred: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return preferred.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = preferred.chars();
        return chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
    }
    preferred.to_string()
}

/// Where a possessive ending ("Indonesia's", "Huawei’s") begins in `text`, if one does before a
/// word boundary: names are looked up without it.
pub fn possessive_cut(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(['\'', '’']).map(|i| from + i) {
        let ap = text[i..].chars().next().map_or(1, char::len_utf8);
        let rest = &text[i + ap..];
        let before_is_letter = text[..i].chars().next_back().is_some_and(char::is_alphabetic);
        let s_then_boundary = rest.starts_with(['s', 'S']) && !rest[1..].starts_with(char::is_alphanumeric);
        if before_is_letter
            && (s_then_boundary || text[..i].ends_with(['s', 'S']) && !rest.starts_with(char::is_alphanumeric))
        {
            return Some(i);
        }
        from = i + ap;
    }
    None
}

/// The length of a possessive ending at the end of `before`: "'s", "’s", "'S", or an
/// apostrophe after an s ("Laos'", "Philippines’"); 0 when it has none.
pub fn possessive_suffix_len(before: &str) -> usize {
    for p in ["'s", "’s", "'S"] {
        if before.ends_with(p) {
            return p.len();
        }
    }
    match before.strip_suffix(['\'', '’']) {
        Some(b) if b.ends_with(['s', 'S']) => before.len() - b.len(),
        _ => 0,
    }
}

/// The length of a possessive ending at the start of `rest`: "'s", "’s", "'S", "'" or "’";
/// 0 when it has none.
pub fn possessive_prefix_len(rest: &str) -> usize {
    ["'s", "’s", "'S", "'", "’"].iter().find(|p| rest.starts_with(**p)).map_or(0, |p| p.len())
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The name among `names` that `written` is most likely a slip for: one a letter or two away
/// (fewer for short names), compared without case; None when none is that close.
pub fn nearest<'a>(written: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = written.to_lowercase();
    names.into_iter().find(|n| {
        let n = n.to_lowercase();
        edit_distance(&n, &w) <= 2.min(n.chars().count() / 3 + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_case() {
        assert!(is_all_caps("SHENZHEN") && is_all_caps("U.S.") && !is_all_caps("A") && !is_all_caps("Jakarta"));
        assert_eq!(keep_case("SELASA", "rabu"), "RABU");
        assert_eq!(keep_case("Selasa", "rabu"), "Rabu");
        assert_eq!(keep_case("cina", "Tiongkok"), "Tiongkok");
        assert_eq!(keep_case("Praktek", "praktik"), "Praktik");
        assert_eq!(keep_case("RESIKO", "risiko"), "RISIKO");
        assert_eq!(keep_case("merubah", "mengubah"), "mengubah");
        assert_eq!(keep_case("Etnis Cina", "etnis Tionghoa"), "Etnis Tionghoa");
    }

    #[test]
    fn the_token_before_a_position() {
        assert_eq!(token_before("pada (Senin 4", 12), Some("Senin"));
        // A no-break space delimits a token as a space does.
        assert_eq!(token_before("Rp\u{a0}88 ribu", 4), Some("Rp"));
        assert_eq!(token_before("x\u{a0}Rp 5", 6), Some("Rp"));
        assert_eq!(token_before("Rp\n5", 3), None);
        assert_eq!(token_before("   ", 3), None);
    }

    #[test]
    fn slips_of_the_pen() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(nearest("wass", ["date", "was", "source"]), Some("was"));
        assert_eq!(nearest("persen", ["percent", "USD"]), Some("percent"));
        assert_eq!(nearest("x", ["date", "was"]), None);
    }

    #[test]
    fn possessives() {
        assert_eq!(possessive_cut("Indonesia's Minister"), Some(9));
        assert_eq!(possessive_cut("Laos’ minister"), Some(4));
        assert_eq!(possessive_cut("Xi'an is"), None);
        assert_eq!(possessive_suffix_len("Indonesia's"), 2);
        assert_eq!(possessive_suffix_len("Philippines’"), "’".len());
        assert_eq!(possessive_suffix_len("Huawei"), 0);
        assert_eq!(possessive_prefix_len("’s chairman"), "’s".len());
    }
}
