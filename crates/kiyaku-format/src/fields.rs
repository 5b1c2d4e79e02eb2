//! The shapes of a contact desk's fields: postal code, phone number, e-mail
//! address and web address. A block file is checked against them, and the
//! importer uses them to tell a desk's details from the text around them.

/// 〒 postal codes: NNN-NNNN.
pub fn is_postal_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 8 && bytes[3] == b'-' && bytes.iter().enumerate().all(|(i, b)| i == 3 || b.is_ascii_digit())
}

/// A Japanese number with its area code (0…, 10 or 11 digits) or an
/// international one (+…), written with digits, hyphens and spaces.
pub fn is_phone_number(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let allowed =
        text.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || b == b'-' || b == b' ' || (i == 0 && b == b'+'));
    let shape = if text.starts_with('+') {
        (8..=15).contains(&digits)
    } else {
        text.starts_with('0') && (10..=11).contains(&digits)
    };
    allowed && shape && !text.ends_with('-') && !text.contains("--")
}

/// An e-mail address: a local part without spaces, `<`, `>`, `"` or `@`, then `@` and a domain
/// of two or more dot-separated labels of ASCII letters, digits and `-`.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let labels_ok =
        domain.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    !local.is_empty()
        && domain.contains('.')
        && labels_ok
        && !local.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"' || c == '@')
}

/// An absolute `http://` or `https://` address with a host, without spaces, quotes or `<` `>`.
pub fn is_web_url(text: &str) -> bool {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !text.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_formats() {
        assert!(is_postal_code("105-0011"));
        assert!(!is_postal_code("1050011"));
        assert!(!is_postal_code("105-001"));
        assert!(is_phone_number("0120-000-123"));
        assert!(is_phone_number("03-5907-3803"));
        assert!(is_phone_number("+81-3-5907-3803"));
        assert!(!is_phone_number("03-5907"));
        assert!(!is_phone_number("tel:0359073803"));
        assert!(is_email("privacy@example.com"));
        assert!(!is_email("privacy.example.com"));
        assert!(!is_email("a@b"));
        assert!(is_web_url("https://www.dekyo.or.jp/kojinjyoho/"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("www.example.com"));
    }
}
