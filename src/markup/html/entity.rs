//! Character references: named (the HTML 4 set), decimal and hexadecimal.

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
    let c = named_char(&s[1..1 + name_len])?;
    if let Some(c) = visible(c) {
        out.push(c);
    }
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

/// The named references of HTML 4 (which cover what news pages use) plus `apos`.
pub(super) fn named_char(name: &str) -> Option<char> {
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
