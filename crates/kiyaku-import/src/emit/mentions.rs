//! References to the policy's own articles, made into links kiyaku keeps
//! right: 「第6条に定める窓口」 becomes 「[](#contact)に定める窓口」, which
//! kiyaku shows as 第6条 today and as 第7条 once a clause is added before
//! it. Only a mention that names one article of the draft unambiguously is
//! linked: its number is written in arabic digits, that article's heading
//! has that number in the draft too, and it is not an article of another
//! text (「個人情報保護法第27条」, 「同法第5条」: a mention right after a
//! kanji or katakana is left as written). Headings and lines that hold links
//! already are left as written.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// An article number and its branch (0 for none): 第3条の2 is (3, 2).
pub(crate) type Article = (u32, u32);

/// The articles of one version: each number to its clause id, or `None`
/// when two headings have it.
#[derive(Debug, Default)]
pub(crate) struct Articles {
    ids: BTreeMap<Article, Option<String>>,
}

impl Articles {
    /// Notes that clause `id` is article `number` in the text and in the draft.
    pub(crate) fn add(&mut self, number: Article, id: &str) {
        self.ids.entry(number).and_modify(|taken| *taken = None).or_insert_with(|| Some(id.to_string()));
    }

    fn id(&self, number: Article) -> Option<&str> {
        self.ids.get(&number)?.as_deref()
    }

    /// What kiyaku shows for a link with no text to each clause, in `lang`:
    /// for the fidelity measure, which reads the draft as a reader would.
    pub(crate) fn labels(&self, lang: &str) -> BTreeMap<String, String> {
        let label = |(number, branch): Article| match (lang, branch) {
            ("ja", 0) => format!("第{number}条"),
            ("ja", branch) => format!("第{number}条の{branch}"),
            (_, 0) => format!("Article {number}"),
            (_, branch) => format!("Article {number}-{branch}"),
        };
        self.ids.iter().filter_map(|(number, id)| Some((format!("#{}", id.as_ref()?), label(*number)))).collect()
    }
}

static JA: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"第([0-9０-９]+)条(?:の([0-9０-９]+))?").unwrap());
static EN: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\bArticle ([0-9]+)(?:-([0-9]+))?\b").unwrap());

/// The body with the mentions linked, and how many were.
pub(crate) fn link(body: &str, articles: &Articles, lang: &str) -> (String, usize) {
    let pattern = if lang == "ja" { &*JA } else { &*EN };
    let mut count = 0;
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with('#') || line.contains("](") || line.starts_with("+++") {
            out.push_str(line);
            continue;
        }
        let mut last = 0;
        for found in pattern.captures_iter(line) {
            let whole = found.get(0).expect("a match");
            let number = |i: usize| found.get(i).map(|m| crate::structure::classify::to_ascii_digits(m.as_str()));
            let main = number(1).and_then(|n| n.parse().ok());
            let branch = number(2).map_or(Some(0), |n| n.parse().ok());
            let target = main.zip(branch).and_then(|article| articles.id(article));
            let Some(id) = target.filter(|_| own_article(line, whole.start(), whole.end(), lang)) else { continue };
            out.push_str(&line[last..whole.start()]);
            out.push_str(&format!("[](#{id})"));
            last = whole.end();
            count += 1;
        }
        out.push_str(&line[last..]);
    }
    (out, count)
}

/// Whether the mention at `start..end` is of this text's own article: not
/// right after a kanji or katakana (a law's name, 同法), nor followed by
/// "of the …" in English.
fn own_article(line: &str, start: usize, end: usize, lang: &str) -> bool {
    if lang != "ja" {
        return !line[end..].trim_start().starts_with("of ");
    }
    // 「本規約第3条」, 「上記第3条」: the text's own name for itself.
    const OWN: &[&str] = &["規約", "ポリシー", "方針", "約款", "規程", "上記", "前記", "本書", "本通知", "本文書"];
    let text_before = &line[..start];
    if OWN.iter().any(|own| text_before.ends_with(own)) {
        return true;
    }
    let before = text_before.chars().next_back();
    // 「個人情報の保護に関する法律（以下「法」といいます。）第2条」: the
    // article of the text named in the brackets, not this one's.
    if before.is_some_and(|c| matches!(c, '）' | ')' | '」' | '』')) {
        return false;
    }
    !before.is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{30a0}'..='\u{30ff}' | '々'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles() -> Articles {
        let mut articles = Articles::default();
        articles.add((6, 0), "disclosure");
        articles.add((7, 0), "contact");
        articles.add((3, 2), "joint-use");
        articles
    }

    #[test]
    fn mentions_of_own_articles_become_links() {
        let (out, count) = link("請求は第7条の窓口へ。第３条の２による。\n", &articles(), "ja");
        assert_eq!(out, "請求は[](#contact)の窓口へ。[](#joint-use)による。\n");
        assert_eq!(count, 2);
    }

    #[test]
    fn other_texts_articles_and_unknown_numbers_stay() {
        let text = "個人情報保護法第27条、同法第6条及び第9条による。\n## 第7条 {#contact}\n[第6条](#disclosure)\n";
        let (out, count) = link(text, &articles(), "ja");
        assert_eq!((out.as_str(), count), (text, 0));
    }

    #[test]
    fn the_text_naming_itself_is_its_own() {
        let (out, count) = link("本規約第7条及び上記第６条による。同法第6条は別。\n", &articles(), "ja");
        assert_eq!(out, "本規約[](#contact)及び上記[](#disclosure)による。同法第6条は別。\n");
        assert_eq!(count, 2);
    }

    #[test]
    fn an_article_after_a_named_law_in_brackets_is_the_law_s() {
        let text = "個人情報の保護に関する法律（以下「法」といいます。）第6条及び「同法」第7条による。\n";
        assert_eq!(link(text, &articles(), "ja"), (text.to_string(), 0));
    }

    #[test]
    fn an_article_two_headings_have_is_ambiguous() {
        let mut articles = articles();
        articles.add((7, 0), "other");
        assert_eq!(link("第7条による。", &articles, "ja").1, 0);
    }

    #[test]
    fn english_mentions() {
        let (out, _) = link("Contact the desk in Article 7. Article 6 of the Act applies.\n", &articles(), "en");
        assert_eq!(out, "Contact the desk in [](#contact). Article 6 of the Act applies.\n");
    }
}
