//! The rows of an `external-transmission` block: one per destination (a
//! tag, a pixel or an SDK that makes the reader's device send information
//! to someone else), with what 電気通信事業法第27条の12 asks a notice to
//! say of each: the information sent, who receives it (by the service's
//! name, where that is better known) and for what purpose; and how to stop
//! it, which the guidance asks for too.
//!
//! Missing fields are errors. Words that leave the list open (「等」
//! 「その他」, "etc.") are warnings, since the guidance warns that they do
//! not tell the reader what is sent; so is a destination that says nothing
//! of opting out.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::parse::config::{LangText, check_text};
use crate::parse::markdown::validate_id;
use kiyaku_format::is_web_url;

/// One destination of an external transmission.
#[derive(Debug, Clone)]
pub struct Destination {
    /// A stable id (`analytics`), the same in every language and revision:
    /// comparisons and apps match rows by it.
    pub id: String,
    /// The service or tool by the name readers know (Google Analytics).
    pub service: LangText,
    /// Who receives the information (送信先): the company, with its country where useful.
    pub recipient: LangText,
    /// What is sent, item by item (閲覧したページのURL, Cookie識別子…).
    pub data: Vec<LangText>,
    /// What the recipient uses it for (利用目的).
    pub purpose: LangText,
    /// How to stop it, or that one cannot (オプトアウト).
    pub opt_out: Option<LangText>,
    /// Where to stop it: an absolute http(s) URL.
    pub opt_out_url: Option<String>,
    /// The recipient's own privacy policy: an absolute http(s) URL.
    pub privacy_url: Option<String>,
}

impl Destination {
    /// Appends the destination as canonical lines (see `Revision::canonical`).
    pub(super) fn canonical_into(&self, out: &mut String) {
        let id = &self.id;
        let mut text = |field: String, value: &LangText| {
            for (lang, value) in value {
                out.push_str(&format!("destination.{id}.{field}.{lang}\t{}\n", value.replace('\n', "\\n")));
            }
        };
        text("service".into(), &self.service);
        text("recipient".into(), &self.recipient);
        for (index, item) in self.data.iter().enumerate() {
            text(format!("data{index}"), item);
        }
        text("purpose".into(), &self.purpose);
        if let Some(opt_out) = &self.opt_out {
            text("opt_out".into(), opt_out);
        }
        for (field, value) in [("opt_out_url", &self.opt_out_url), ("privacy_url", &self.privacy_url)] {
            if let Some(value) = value {
                out.push_str(&format!("destination.{id}.{field}\t{value}\n"));
            }
        }
    }
}

/// A service's name: one string for every language (a proper name), or one per language.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Name {
    /// The same in every language.
    One(String),
    /// Per language.
    PerLang(LangText),
}

/// A destination as written; every field optional here, so that all the
/// missing ones are reported, not the first.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDestination {
    id: Option<Spanned<String>>,
    service: Option<Spanned<Name>>,
    recipient: Option<Spanned<LangText>>,
    data: Option<Vec<Spanned<LangText>>>,
    purpose: Option<Spanned<LangText>>,
    opt_out: Option<Spanned<LangText>>,
    opt_out_url: Option<Spanned<String>>,
    privacy_url: Option<Spanned<String>>,
}

/// Checks and converts the destinations of one revision.
pub(super) fn destinations(
    raw: Vec<Spanned<RawDestination>>,
    source: &SourceFile,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Vec<Destination> {
    let checker = DestinationChecker { source, languages };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for raw in raw {
        if let Some(id) = &raw.get_ref().id
            && !seen.insert(id.get_ref().clone())
        {
            diags.push(
                Diagnostic::error("block-field-invalid", format!("two destinations have the id `{}`", id.get_ref()))
                    .at(source, id.span())
                    .hint("give each destination its own id; comparisons and apps match rows by it"),
            );
        }
        let span = raw.span();
        out.extend(checker.destination(raw.into_inner(), span, diags));
    }
    out
}

struct DestinationChecker<'a> {
    source: &'a SourceFile,
    languages: &'a [String],
}

impl DestinationChecker<'_> {
    fn destination(&self, raw: RawDestination, span: Range<usize>, diags: &mut Diagnostics) -> Option<Destination> {
        let missing = |field: &str, diags: &mut Diagnostics| {
            diags.push(
                Diagnostic::error("block-field-missing", format!("this destination has no `{field}`"))
                    .at(self.source, span.start..span.start)
                    .hint(destination_hint(field)),
            );
        };
        let id = self.id(raw.id.as_ref(), diags);
        let service = match raw.service {
            Some(name) => Some(self.name(name, diags)),
            None => {
                missing("service", diags);
                None
            }
        };
        let text = |field: &str, value: Option<&Spanned<LangText>>, vague: Option<Closing>, diags: &mut Diagnostics| {
            let Some(value) = value else {
                missing(field, diags);
                return None;
            };
            check_text(self.source, value, self.languages, field, diags);
            if let Some(strictness) = vague {
                self.check_vague(field, value, strictness, diags);
            }
            Some(value.get_ref().clone())
        };
        let recipient = text("recipient", raw.recipient.as_ref(), None, diags);
        let purpose = text("purpose", raw.purpose.as_ref(), Some(Closing::Only), diags);
        let data = match raw.data.as_deref() {
            None | Some([]) => {
                missing("data", diags);
                None
            }
            Some(items) => {
                Some(items.iter().filter_map(|item| text("data", Some(item), Some(Closing::Anywhere), diags)).collect())
            }
        };
        let opt_out = raw.opt_out.as_ref().and_then(|value| text("opt_out", Some(value), None, diags));
        let opt_out_url = self.url(raw.opt_out_url.as_ref(), diags);
        let privacy_url = self.url(raw.privacy_url.as_ref(), diags);
        if raw.opt_out.is_none() && raw.opt_out_url.is_none() {
            diags.push(
                Diagnostic::warning(
                    "transmission-opt-out",
                    "this destination says nothing of opting out (オプトアウト)",
                )
                .at(self.source, span.start..span.start)
                .hint("add opt_out_url, or opt_out saying how to stop it, or that it cannot be stopped and why"),
            );
        }
        Some(Destination {
            id: id?,
            service: service?,
            recipient: recipient?,
            data: data?,
            purpose: purpose?,
            opt_out,
            opt_out_url,
            privacy_url,
        })
    }

    fn id(&self, id: Option<&Spanned<String>>, diags: &mut Diagnostics) -> Option<String> {
        let Some(id) = id else {
            diags.push(
                Diagnostic::error("block-field-missing", "a destination has no `id`")
                    .in_file(&self.source.path)
                    .hint(destination_hint("id")),
            );
            return None;
        };
        match validate_id(id.get_ref()) {
            Ok(()) => Some(id.get_ref().clone()),
            Err(problem) => {
                diags.push(
                    Diagnostic::error("block-field-invalid", format!("destination id `{}` {problem}", id.get_ref()))
                        .at(self.source, id.span())
                        .hint("write the id in lowercase ASCII, e.g. id = \"analytics\""),
                );
                None
            }
        }
    }

    /// A name given once stands for every language.
    fn name(&self, name: Spanned<Name>, diags: &mut Diagnostics) -> LangText {
        let span = name.span();
        match name.into_inner() {
            Name::One(text) => {
                if text.trim().is_empty() {
                    diags.push(
                        Diagnostic::error("empty-text", "`service` is empty")
                            .at(self.source, span)
                            .hint("write the service's name, e.g. service = \"Google Analytics\""),
                    );
                }
                self.languages.iter().map(|lang| (lang.clone(), text.clone())).collect()
            }
            Name::PerLang(text) => {
                let text = Spanned::new(span, text);
                check_text(self.source, &text, self.languages, "service", diags);
                text.into_inner()
            }
        }
    }

    fn url(&self, url: Option<&Spanned<String>>, diags: &mut Diagnostics) -> Option<String> {
        let url = url?;
        if is_web_url(url.get_ref()) {
            return Some(url.get_ref().clone());
        }
        diags.push(
            Diagnostic::error("block-field-invalid", format!("`{}` is not a valid url", url.get_ref()))
                .at(self.source, url.span())
                .hint("write an absolute http(s) URL, e.g. \"https://example.com/optout/\""),
        );
        None
    }

    fn check_vague(&self, field: &str, value: &Spanned<LangText>, closing: Closing, diags: &mut Diagnostics) {
        for (lang, text) in value.get_ref() {
            if let Some(word) = vague_word(text, closing) {
                diags.push(
                    Diagnostic::warning(
                        "transmission-vague",
                        format!("`{field}` ({lang}) leaves the list open with 「{word}」: \"{text}\""),
                    )
                    .at(self.source, value.span())
                    .hint("name each item: the guidance on 外部送信 warns that 「等」「その他」 do not tell readers what is sent"),
                );
            }
        }
    }
}

fn destination_hint(field: &str) -> String {
    let example = match field {
        "id" => "id = \"analytics\"",
        "service" => "service = \"Google Analytics\"",
        "recipient" => "recipient = { ja = \"Google LLC（米国）\", en = \"Google LLC (United States)\" }",
        "data" => "data = [ { ja = \"閲覧したページのURL\", en = \"The URL of the page viewed\" } ]",
        _ => "purpose = { ja = \"利用状況の分析のため\", en = \"To analyse how the site is used\" }",
    };
    format!("each [[revisions.destinations]] needs id, service, recipient, data and purpose, e.g. {example}")
}

/// Where a 等 leaves a list open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Closing {
    /// Before a particle too (「履歴等の情報」): in the list of what is sent.
    Anywhere,
    /// Only where it ends the text or a part of it (「分析等のため」 is a
    /// defined term as often as not: 「当社ウェブサイト等の利用状況」).
    Only,
}

/// Kanji that make a word with 等 (平等, 同等, 対等…) rather than close a list.
const WORDS_WITH_TO: &str = "平同対均上中高初下劣優一二三特";

/// The first word in `text` that leaves a list open, if any.
pub(super) fn vague_word(text: &str, closing: Closing) -> Option<&'static str> {
    // 「ほかの」 alone is "other" (ほかのウェブサイト), not "and so on".
    for word in ["その他", "そのほか", "など", "のほか"] {
        if text.contains(word) {
            return Some(if word == "のほか" { "ほか" } else { word });
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '等' || i == 0 || WORDS_WITH_TO.contains(chars[i - 1]) || chars[i - 1] == '等' {
            continue;
        }
        if closes_list(&chars[i + 1..], closing) {
            return Some("等");
        }
    }
    english_vague(text)
}

/// Whether what follows a 等 shows it closing a list: the end of the text
/// or of a part of it, 々, or (in what is sent) a particle that goes on
/// with the list as one thing (「履歴等の情報」「履歴等を」). 「等における」
/// 「等で」 read as a place named by a defined term (「当社ウェブサイト等
/// における」) and pass; in a purpose, so does 「等の」 but before ため or
/// 目的 (「配信等のため」 warns, 「当社ウェブサイト等の利用状況」 does not).
fn closes_list(after: &[char], closing: Closing) -> bool {
    let Some(&next) = after.first() else { return true };
    if "、。，．,.）)」々等".contains(next) {
        return true;
    }
    let rest: String = after.iter().take(4).collect();
    match closing {
        Closing::Anywhere => "のをはがや及並又".contains(next),
        Closing::Only => {
            rest.starts_with("のため") || rest.starts_with("の目的") || rest.starts_with("を行") || next == 'を'
        }
    }
}

/// English words that leave a list open.
fn english_vague(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let phrases: [(&[&str], &str); 9] = [
        (&["etc"], "etc."),
        (&["and", "so", "on"], "and so on"),
        (&["and", "so", "forth"], "and so forth"),
        (&["and", "the", "like"], "and the like"),
        (&["and", "similar"], "and similar"),
        (&["and", "other"], "and other"),
        (&["or", "other"], "or other"),
        (&["among", "others"], "among others"),
        (&["among", "other"], "among other"),
    ];
    let found = phrases.into_iter().find(|(phrase, _)| words.windows(phrase.len()).any(|w| w == *phrase));
    // An item that is only "other …" (Other identifiers) names nothing.
    found.map(|(_, name)| name).or_else(|| (words.first() == Some(&"other")).then_some("other"))
}

#[cfg(test)]
mod tests {
    use super::{Closing, vague_word};

    #[test]
    fn words_that_leave_a_list_open_are_found() {
        for (text, word) in [
            ("閲覧履歴等", Some("等")),
            ("Cookie識別子等の情報", Some("等")),
            ("IPアドレス、その他の情報", Some("その他")),
            ("広告の配信など", Some("など")),
            ("Pages viewed, device type, etc.", Some("etc.")),
            ("cookies and other identifiers", Some("and other")),
            ("閲覧したページのURL", None),
            ("等級に応じた料金のご案内", None),
            ("平等", None),
            ("同等の保護措置", None),
            ("The URL of the page viewed", None),
            ("Another tool, otherwise unused", None),
            ("当社ウェブサイト等における閲覧履歴", None),
            ("ほかのウェブサイトの閲覧履歴", None),
            ("IPアドレス等々", Some("等")),
            ("Device identifiers and similar identifiers", Some("and similar")),
            ("Other identifiers", Some("other")),
            ("among other things", Some("among other")),
            ("このほか、当社が定める情報", Some("ほか")),
        ] {
            assert_eq!(vague_word(text, Closing::Anywhere), word, "{text}");
        }
        assert_eq!(vague_word("当社ウェブサイト等の利用状況を分析するため", Closing::Only), None);
        assert_eq!(vague_word("利用状況の分析等", Closing::Only), Some("等"));
        assert_eq!(vague_word("広告配信等のため", Closing::Only), Some("等"));
        assert_eq!(vague_word("広告の配信、効果測定等を行うため", Closing::Only), Some("等"));
    }
}
