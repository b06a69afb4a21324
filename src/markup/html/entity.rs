//! Character references: named (the HTML standard's set), decimal and hexadecimal.

/// Decodes every character reference in an attribute value.
pub(super) fn decode_entities(raw: &str) -> String {
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
pub(super) fn decode_entity(s: &str, out: &mut String) -> Option<usize> {
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
    let text = named_char(&s[1..1 + name_len])?;
    out.extend(text.chars().filter_map(visible));
    Some(name_len + 2)
}

/// The character a numeric reference stands for, following the browser's repairs.
pub(super) fn numeric_char(value: u32) -> Option<char> {
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
pub(super) fn visible(c: char) -> Option<char> {
    match c {
        '\u{A0}' => Some(' '),
        '\u{AD}' => None,
        c => Some(c),
    }
}

/// The text a named character reference stands for (`amp` -> "&", `NotEqualTilde` -> two
/// characters): the HTML standard's names, from htmlize's table; None for a name it lacks.
pub(super) fn named_char(name: &str) -> Option<&'static str> {
    let key = format!("&{name};");
    htmlize::ENTITIES.get(key.as_bytes()).and_then(|v| std::str::from_utf8(v).ok())
}
