//! HTML character references decoded: numeric ones (`&#167;`, `&#xA7;`)
//! and the named ones policy pages use (`&sect;`, `&frac12;`, `&euro;`,
//! accented letters); an unknown name stays as written, for the fidelity
//! check to find.

use std::sync::LazyLock;

use regex::Regex;

static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);").unwrap());

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
                match name {
                    "amp" => Some(38),
                    "lt" => Some(60),
                    "gt" => Some(62),
                    "quot" => Some(34),
                    "apos" => Some(39),
                    "nbsp" => Some(32),
                    "yen" => Some(165),
                    "copy" => Some(169),
                    "reg" => Some(174),
                    "trade" => Some(0x2122),
                    "middot" => Some(183),
                    "times" => Some(215),
                    "divide" => Some(247),
                    "ensp" | "emsp" | "thinsp" => Some(32),
                    "ndash" => Some(0x2013),
                    "mdash" => Some(0x2014),
                    "lsquo" => Some(0x2018),
                    "rsquo" => Some(0x2019),
                    "ldquo" => Some(0x201c),
                    "rdquo" => Some(0x201d),
                    "laquo" => Some(171),
                    "raquo" => Some(187),
                    "bull" => Some(0x2022),
                    "hellip" => Some(0x2026),
                    "larr" => Some(0x2190),
                    "rarr" => Some(0x2192),
                    "uarr" => Some(0x2191),
                    "darr" => Some(0x2193),
                    "harr" => Some(0x2194),
                    "sect" => Some(167),
                    "para" => Some(182),
                    "frac12" => Some(189),
                    "frac14" => Some(188),
                    "frac34" => Some(190),
                    "euro" => Some(0x20ac),
                    "pound" => Some(163),
                    "cent" => Some(162),
                    "deg" => Some(176),
                    "plusmn" => Some(177),
                    "micro" => Some(181),
                    "sup1" => Some(185),
                    "sup2" => Some(178),
                    "sup3" => Some(179),
                    "ordf" => Some(170),
                    "ordm" => Some(186),
                    "minus" => Some(0x2212),
                    "ne" => Some(0x2260),
                    "le" => Some(0x2264),
                    "ge" => Some(0x2265),
                    "prime" => Some(0x2032),
                    "dagger" => Some(0x2020),
                    "Dagger" => Some(0x2021),
                    "permil" => Some(0x2030),
                    "iexcl" => Some(161),
                    "iquest" => Some(191),
                    "eacute" => Some(233),
                    "Eacute" => Some(201),
                    "egrave" => Some(232),
                    "aacute" => Some(225),
                    "agrave" => Some(224),
                    "uuml" => Some(252),
                    "ouml" => Some(246),
                    "auml" => Some(228),
                    "Uuml" => Some(220),
                    "Ouml" => Some(214),
                    "Auml" => Some(196),
                    "szlig" => Some(223),
                    "ccedil" => Some(231),
                    "ntilde" => Some(241),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map_or_else(|| caps[0].to_string(), String::from)
        })
        .into_owned()
}
