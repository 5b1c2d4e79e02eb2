//! HTML character references decoded: numeric ones (`&#167;`, `&#xA7;`)
//! and the named ones policy pages use (`&sect;`, `&frac12;`, `&euro;`,
//! accented letters); an unknown name stays as written, for the fidelity
//! check to find.

use std::sync::LazyLock;

use regex::Regex;

static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);").unwrap());

/// The named references policy pages use, and their code points (a no-break
/// space and the narrow spaces are plain spaces in policy text).
const NAMED: &[(&str, u32)] = &[
    ("amp", 38),
    ("lt", 60),
    ("gt", 62),
    ("quot", 34),
    ("apos", 39),
    ("nbsp", 32),
    ("yen", 165),
    ("copy", 169),
    ("reg", 174),
    ("trade", 0x2122),
    ("middot", 183),
    ("times", 215),
    ("divide", 247),
    ("ensp", 32),
    ("emsp", 32),
    ("thinsp", 32),
    ("ndash", 0x2013),
    ("mdash", 0x2014),
    ("lsquo", 0x2018),
    ("rsquo", 0x2019),
    ("ldquo", 0x201c),
    ("rdquo", 0x201d),
    ("laquo", 171),
    ("raquo", 187),
    ("bull", 0x2022),
    ("hellip", 0x2026),
    ("larr", 0x2190),
    ("rarr", 0x2192),
    ("uarr", 0x2191),
    ("darr", 0x2193),
    ("harr", 0x2194),
    ("sect", 167),
    ("para", 182),
    ("frac12", 189),
    ("frac14", 188),
    ("frac34", 190),
    ("euro", 0x20ac),
    ("pound", 163),
    ("cent", 162),
    ("deg", 176),
    ("plusmn", 177),
    ("micro", 181),
    ("sup1", 185),
    ("sup2", 178),
    ("sup3", 179),
    ("ordf", 170),
    ("ordm", 186),
    ("minus", 0x2212),
    ("ne", 0x2260),
    ("le", 0x2264),
    ("ge", 0x2265),
    ("prime", 0x2032),
    ("dagger", 0x2020),
    ("Dagger", 0x2021),
    ("permil", 0x2030),
    ("iexcl", 161),
    ("iquest", 191),
    ("eacute", 233),
    ("Eacute", 201),
    ("egrave", 232),
    ("aacute", 225),
    ("agrave", 224),
    ("uuml", 252),
    ("ouml", 246),
    ("auml", 228),
    ("Uuml", 220),
    ("Ouml", 214),
    ("Auml", 196),
    ("szlig", 223),
    ("ccedil", 231),
    ("ntilde", 241),
];

/// The text with its character references decoded.
pub(crate) fn decode(text: &str) -> String {
    ENTITY
        .replace_all(text, |caps: &regex::Captures<'_>| {
            let name = &caps[1];
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                NAMED.iter().find(|(known, _)| *known == name).map(|(_, code)| *code)
            };
            code.and_then(char::from_u32).map_or_else(|| caps[0].to_string(), String::from)
        })
        .into_owned()
}
