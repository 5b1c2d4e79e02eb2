//! The bytes of an existing policy as text: UTF-8 (with or without a BOM),
//! UTF-16 with a BOM, or the legacy Japanese encodings that scraped pages
//! and old text files still use (Shift_JIS, EUC-JP, ISO-2022-JP), named by
//! the page's `<meta charset>` or else found by trying each. Binary files
//! and empty ones are refused rather than imported as garbage.

use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8};

/// The text, and the encoding it was read from when not UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The name of the encoding it was read from (`Shift_JIS`, `EUC-JP`, `UTF-16LE`…); `None` for UTF-8.
    pub legacy: Option<&'static str>,
}

/// Decodes an input file; the error says why it is not text to import.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = decode_any(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err("there is no text in it".into());
    }
    if decoded.text.chars().any(|c| c == '\0') {
        return Err("it is a binary file, not text".into());
    }
    Ok(decoded)
}

fn decode_any(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            let legacy = (encoding != UTF_8).then(|| encoding.name());
            return Ok(Decoded { text: text.into_owned(), legacy });
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // ISO-2022-JP is 7-bit, so valid UTF-8: its escapes give it away.
        if !text.contains("\u{1b}$B") {
            return Ok(Decoded { text: text.to_string(), legacy: None });
        }
    }
    let declared = declared_charset(bytes).filter(|e| *e != UTF_8);
    let decodings = declared.into_iter().chain([SHIFT_JIS, EUC_JP, ISO_2022_JP]).filter_map(|encoding| {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        (!had_errors).then(|| (encoding, text.into_owned()))
    });
    // The declared encoding wins; else the reading with the most kana, as
    // the wrong one of Shift_JIS and EUC-JP decodes into unrelated kanji.
    let mut best: Option<(&'static Encoding, String)> = None;
    for (encoding, text) in decodings {
        if declared == Some(encoding) {
            best = Some((encoding, text));
            break;
        }
        if best.as_ref().is_none_or(|(_, b)| kana(&text) > kana(b)) {
            best = Some((encoding, text));
        }
    }
    best.map(|(encoding, text)| Decoded { text, legacy: Some(encoding.name()) }).ok_or_else(|| {
        "it is neither UTF-8 nor Shift_JIS, EUC-JP or ISO-2022-JP text (convert it to UTF-8 first, \
         e.g. `iconv -f CP932 -t UTF-8`)"
            .into()
    })
}

/// The encoding a page or document declares: `<meta charset="Shift_JIS">`,
/// `content="text/html; charset=EUC-JP"`, `<?xml … encoding="…"?>`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=").map(|i| i + 8).or_else(|| head.find("encoding=").map(|i| i + 9))?;
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn kana(text: &str) -> usize {
    text.chars().filter(|c| ('\u{3041}'..='\u{30ff}').contains(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "第1条（利用目的）\n当社は、お客様の個人情報を次の目的で利用します。";

    #[test]
    fn reads_utf8_and_legacy_japanese_encodings() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap(), Decoded { text: TEXT.into(), legacy: None });
        for encoding in [SHIFT_JIS, EUC_JP, ISO_2022_JP] {
            let (bytes, _, _) = encoding.encode(TEXT);
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, TEXT, "{}", encoding.name());
            assert_eq!(decoded.legacy, Some(encoding.name()));
        }
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap().text, TEXT);
    }

    #[test]
    fn the_declared_charset_wins() {
        let page = format!("<html><head><meta charset=\"euc-jp\"></head><body><p>{TEXT}</p></body></html>");
        let (bytes, _, _) = EUC_JP.encode(&page);
        assert_eq!(decode(&bytes).unwrap().legacy, Some("EUC-JP"));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(decode(b"").unwrap_err().contains("no text"));
        assert!(decode(b" \n\n ").unwrap_err().contains("no text"));
        assert!(decode(b"\x00\x01\x02abc").unwrap_err().contains("binary"));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(decode(&noise).is_err());
    }
}
