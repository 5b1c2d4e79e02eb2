//! Text inside a changed clause, compared for the 新旧対照表: by character
//! for Japanese (aligned phrase by phrase first) and by word otherwise, with
//! unchanged paragraphs elided and small equal islands folded into the
//! changes around them.

use std::time::Duration;

use similar::{Algorithm, ChangeTag};

use crate::render::html::escape;

/// Whether a language is compared by character (no spaces between words).
pub fn compares_by_character(lang: &str) -> bool {
    matches!(lang.split('-').next(), Some("ja" | "zh" | "ko"))
}

/// The old text with deletions marked and the new text with insertions
/// marked, as HTML (`<del>`, `<ins>`, `<br>` for line breaks).
pub fn diff_html(old: &str, new: &str, by_character: bool) -> (String, String) {
    let runs = if by_character { phrase_runs(old, new) } else { token_runs(old, new, false) };
    let runs = fold_islands(runs, if by_character { 2 } else { 1 });
    let (mut old_html, mut new_html) = (String::new(), String::new());
    for (tag, text) in &runs {
        let html = escape(text).replace('\n', "<br>");
        match tag {
            ChangeTag::Equal => {
                old_html.push_str(&html);
                new_html.push_str(&html);
            }
            ChangeTag::Delete => old_html.push_str(&format!("<del>{html}</del>")),
            ChangeTag::Insert => new_html.push_str(&format!("<ins>{html}</ins>")),
        }
    }
    (old_html, new_html)
}

/// Runs of a character or word diff.
fn token_runs(old: &str, new: &str, by_character: bool) -> Vec<(ChangeTag, String)> {
    let (old_tokens, new_tokens) = if by_character { (chars(old), chars(new)) } else { (words(old), words(new)) };
    // Tokens are compared as numbers (a character, or a word's index in a
    // shared vocabulary), not as strings: the diff's inner loop is then a
    // plain integer comparison.
    let mut vocabulary = rustc_hash::FxHashMap::default();
    let old_ids = token_ids(&old_tokens, by_character, &mut vocabulary);
    let new_ids = token_ids(&new_tokens, by_character, &mut vocabulary);
    // Bounded: past the deadline the diff is coarser, never slower. Short
    // texts need no deadline (checking the clock costs more than they do).
    let deadline = (old_ids.len().saturating_mul(new_ids.len()) > 1 << 20)
        .then(|| std::time::Instant::now() + Duration::from_millis(50));
    let ops = similar::capture_diff_deadline(
        Algorithm::Myers,
        &old_ids,
        0..old_ids.len(),
        &new_ids,
        0..new_ids.len(),
        deadline,
    );
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let mut push = |tag: ChangeTag, tokens: &[&str]| {
        if tokens.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, text)) if *last == tag => tokens.iter().for_each(|t| text.push_str(t)),
            _ => runs.push((tag, tokens.concat())),
        }
    };
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => push(ChangeTag::Equal, &old_tokens[old_range]),
            similar::DiffTag::Delete => push(ChangeTag::Delete, &old_tokens[old_range]),
            similar::DiffTag::Insert => push(ChangeTag::Insert, &new_tokens[new_range]),
            similar::DiffTag::Replace => {
                push(ChangeTag::Delete, &old_tokens[old_range]);
                push(ChangeTag::Insert, &new_tokens[new_range]);
            }
        }
    }
    runs
}

/// Tokens as numbers: a character's code point, or a word's index in
/// `vocabulary`.
fn token_ids<'t>(
    tokens: &[&'t str],
    by_character: bool,
    vocabulary: &mut rustc_hash::FxHashMap<&'t str, u32>,
) -> Vec<u32> {
    tokens
        .iter()
        .map(|t| {
            // A character is its code point; a run or a word, an index (above
            // every code point, when they mix).
            if by_character && t.chars().nth(1).is_none() {
                return t.chars().next().map_or(0, u32::from);
            }
            let base = if by_character { 0x11_0000 } else { 0 };
            let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX - base) + base;
            *vocabulary.entry(t).or_insert(next)
        })
        .collect()
}

/// A text's characters, each as a slice of it, except that a number, a
/// postal code, a phone number, an address or a Latin word
/// (`150-0002`, `0120-111-222`, `desk@example.com`, `Google`) is one token:
/// it changes whole, not digit by digit.
fn chars(text: &str) -> Vec<&str> {
    let mut tokens = Vec::with_capacity(text.len() / 2);
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (in_run(c), run) {
            (true, None) => run = Some(i),
            (true, Some(_)) => {}
            (false, start) => {
                if let Some(start) = start {
                    push_run(&mut tokens, &text[start..i]);
                    run = None;
                }
                tokens.push(&text[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(start) = run {
        push_run(&mut tokens, &text[start..]);
    }
    tokens
}

/// Letters, digits (half or full width) and what joins them in numbers and addresses.
fn in_run(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '-' | '－' | '‐' | '−' | '.' | '．' | ',' | '，' | ':' | '/' | '@' | '_' | '+'
        )
}

/// A run, without the punctuation that ends a sentence after it.
fn push_run<'t>(tokens: &mut Vec<&'t str>, run: &'t str) {
    let body = run.trim_end_matches(['.', '．', ',', '，', ':', '-', '/']);
    if !body.is_empty() {
        tokens.push(body);
    }
    let rest = &run[body.len()..];
    tokens.extend(rest.char_indices().map(|(i, c)| &rest[i..i + c.len_utf8()]));
}

/// A text's words and the spaces between them, as similar splits them.
fn words(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            tokens.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

/// Japanese text split after 、 and 。: the phrases a reader sees.
fn phrases(text: &str) -> Vec<&str> {
    text.split_inclusive(['、', '。', '，', '．']).collect()
}

/// A character diff computed phrase by phrase: whole phrases are aligned
/// first and only the phrases that changed are compared by character. The
/// result reads the same, and a rewritten paragraph costs far less.
fn phrase_runs(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let (old_phrases, new_phrases) = (phrases(old), phrases(new));
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let mut push = |tag: ChangeTag, text: &str| match runs.last_mut() {
        Some((last, run)) if *last == tag => run.push_str(text),
        _ if text.is_empty() => {}
        _ => runs.push((tag, text.to_string())),
    };
    // Phrases as numbers: the alignment compares integers, not strings.
    let mut vocabulary: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut ids = Vec::with_capacity(old_phrases.len() + new_phrases.len());
    for phrase in old_phrases.iter().chain(&new_phrases) {
        let next = vocabulary.len();
        ids.push(*vocabulary.entry(phrase).or_insert(next));
    }
    let (old_ids, new_ids) = ids.split_at(old_phrases.len());
    let ops = similar::capture_diff_slices(Algorithm::Myers, old_ids, new_ids);
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (a, b) = (old_phrases[old_range].concat(), new_phrases[new_range].concat());
        match tag {
            similar::DiffTag::Equal => push(ChangeTag::Equal, &a),
            similar::DiffTag::Delete => push(ChangeTag::Delete, &a),
            similar::DiffTag::Insert => push(ChangeTag::Insert, &b),
            // Phrases rewritten beyond recognition read best replaced whole
            // (a character diff of them is confetti, and the costliest kind).
            similar::DiffTag::Replace if !alike(&a, &b) => {
                push(ChangeTag::Delete, &a);
                push(ChangeTag::Insert, &b);
            }
            similar::DiffTag::Replace => {
                for (tag, text) in token_runs(&a, &b, true) {
                    push(tag, &text);
                }
            }
        }
    }
    runs
}

/// Whether two texts share enough to be compared character by character:
/// one is mostly the other with something inserted or cut in the middle, or
/// a Dice coefficient over character pairs of at least 0.3 (「手数料は1,000円
/// です」 and 「手数料は無料です」 score 0.5; unrelated sentences, 0.1-0.2).
fn alike(old: &str, new: &str) -> bool {
    let prefix = old.chars().zip(new.chars()).take_while(|(a, b)| a == b).count();
    let suffix = old.chars().rev().zip(new.chars().rev()).take_while(|(a, b)| a == b).count();
    let shorter = old.chars().count().min(new.chars().count());
    if (prefix + suffix) * 2 >= shorter {
        return true;
    }
    let pairs = |text: &str| -> Vec<u64> {
        let chars: Vec<u64> = text.chars().map(u64::from).collect();
        let mut pairs: Vec<u64> = chars.windows(2).map(|w| (w[0] << 32) | w[1]).collect();
        pairs.sort_unstable();
        pairs
    };
    let (a, b) = (pairs(old), pairs(new));
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared * 20 >= (a.len() + b.len()) * 3
}

/// Folds short equal runs that sit between changes into the changes.
fn fold_islands(runs: Vec<(ChangeTag, String)>, max_chars: usize) -> Vec<(ChangeTag, String)> {
    let is_island = |i: usize| {
        runs[i].0 == ChangeTag::Equal
            && i > 0
            && i + 1 < runs.len()
            && runs[i].1.chars().count() <= max_chars
            && !runs[i].1.contains('\n')
            && runs[i - 1].0 != ChangeTag::Equal
            && runs[i + 1].0 != ChangeTag::Equal
    };
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let mut out = Vec::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        match tag {
            ChangeTag::Delete => deleted.push_str(text),
            ChangeTag::Insert => inserted.push_str(text),
            ChangeTag::Equal if is_island(i) => {
                deleted.push_str(text);
                inserted.push_str(text);
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                out.push((ChangeTag::Equal, text.clone()));
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

fn flush(out: &mut Vec<(ChangeTag, String)>, deleted: &mut String, inserted: &mut String) {
    if !deleted.is_empty() {
        out.push((ChangeTag::Delete, std::mem::take(deleted)));
    }
    if !inserted.is_empty() {
        out.push((ChangeTag::Insert, std::mem::take(inserted)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_addresses_change_whole() {
        let (old, new) =
            diff_html("〒150-0002 東京都渋谷区　電話0120-111-222", "〒160-0023 東京都新宿区　電話0120-111-333", true);
        assert!(old.contains("<del>150-0002</del>") && new.contains("<ins>160-0023</ins>"), "{old} | {new}");
        assert!(old.contains("<del>0120-111-222</del>") && new.contains("<ins>0120-111-333</ins>"), "{old} | {new}");
        assert!(old.contains("<del>渋谷</del>"), "Japanese still by character: {old}");
        assert_eq!(chars("desk@example.com。"), ["desk@example.com", "。"]);
        assert_eq!(chars("v1.2."), ["v1.2", "."]);
        assert_eq!(chars("１，０００円、〒100‐0001"), ["１，０００", "円", "、", "〒", "100‐0001"]);
    }

    #[test]
    fn japanese_is_compared_by_character() {
        let (old, new) = diff_html("手数料は1,000円です。", "手数料は無料です。", true);
        assert_eq!(old, "手数料は<del>1,000円</del>です。");
        assert_eq!(new, "手数料は<ins>無料</ins>です。");
    }

    #[test]
    fn english_is_compared_by_word_and_escaped() {
        let (old, new) = diff_html("We charge a fee of 1,000 yen.", "We charge no fee <now>.", false);
        assert!(old.contains("<del>"), "{old}");
        assert!(new.contains("&lt;now&gt;"), "{new}");
        assert!(!new.contains("<now>"));
    }

    #[test]
    fn unrelated_phrases_are_replaced_whole() {
        let (old, new) = diff_html("当社は個人情報を適正に取り扱います。", "委託先を十分に審査します。", true);
        assert_eq!(old, "<del>当社は個人情報を適正に取り扱います。</del>");
        assert_eq!(new, "<ins>委託先を十分に審査します。</ins>");
        assert!(alike("手数料は1,000円です。", "手数料は無料です。"));
        assert!(alike("開示、", "開示（第三者提供記録の開示を含みます。）、"), "an insertion");
    }

    #[test]
    fn islands_are_folded() {
        let (old, _) = diff_html("あいうえお", "かいくえこ", true);
        assert_eq!(old, "<del>あいうえお</del>");
    }

    #[test]
    fn language_rule() {
        assert!(compares_by_character("ja"));
        assert!(compares_by_character("zh-Hant"));
        assert!(!compares_by_character("en"));
    }
}
