//! Tests of the clean lines an input becomes.

use super::*;

fn html_to_text(html: &str) -> String {
    crate::read::html::read(html).unwrap().text
}

#[test]
fn html_becomes_lines() {
    let text = html_to_text(
        "<html><head><title>T</title></head><nav>menu</nav><style>p{}</style><h2>第1条（目的）</h2><p>本規約は&lt;当社&gt;の&amp;サービスに適用されます。</p><ol><li>一<ul><li>甲</li></ul></li><li>二</li></ol></html>",
    );
    let lines = clean_lines(&text, |_| false);
    assert_eq!(lines, ["## 第1条（目的）", "本規約は<当社>の&サービスに適用されます。", "1. 一", "・甲", "2. 二"]);
}

#[test]
fn bold_paragraphs_are_captions_in_pages_without_headings() {
    let page = "<p><strong>個人情報の取得</strong></p><p>当社は適法に取得します。</p><p><b>注意。</b></p>";
    let lines = clean_lines(&html_to_text(page), |_| false);
    // A bold sentence is not a caption: it keeps its emphasis.
    let bold = format!("{}注意。{}", crate::read::emphasis::STRONG_OPEN, crate::read::emphasis::STRONG_CLOSE);
    assert_eq!(lines, ["## 個人情報の取得".to_string(), "当社は適法に取得します。".to_string(), bold]);
    let with_headings = format!("<h2>第1条</h2>{page}");
    assert!(!clean_lines(&html_to_text(&with_headings), |_| false).contains(&"## 個人情報の取得".to_string()));
}

#[test]
fn named_entities_become_characters() {
    assert_eq!(
        html_to_text(
            "<p>&ldquo;当社&rdquo;&mdash;A&ndash;B&hellip; &copy;&reg; &rarr; &sect;&frac12;&euro; &unknown;</p>"
        )
        .trim(),
        "“当社”—A–B… ©® → §½€ &unknown;"
    );
}

#[test]
fn attributes_holding_a_bracket_are_read_whole() {
    let lines = clean_lines(&html_to_text(r#"<h2 title="a > b">Article 1</h2><p>Text.</p>"#), |_| false);
    assert_eq!(lines, ["## Article 1", "Text."]);
}

#[test]
fn a_reference_to_a_reserved_character_is_refused() {
    let refused = crate::read::html::read("<p>利用&#xFDD0;目的</p>").unwrap_err();
    assert!(refused.contains("U+FDD0"), "{refused}");
}

#[test]
fn a_deep_page_is_read_and_a_hostile_one_refused() {
    let page = |depth: usize| format!("{}本文。{}", "<div><span>".repeat(depth), "</span></div>".repeat(depth));
    assert!(html_to_text(&page(990)).contains("本文。"));
    let refused = crate::read::html::read(&page(10_000)).unwrap_err();
    assert!(refused.contains("20000 deep"), "{refused}");
    // Items and paragraphs without end tags are not nesting.
    let list = format!("<ul>{}</ul>", "<li><p>項目".repeat(5_000));
    assert!(html_to_text(&list).contains("項目"));
}

#[test]
fn table_rows_stay_on_one_line() {
    let text = html_to_text(
        "<table><tr><th>TEL</th><td>03-1234-5678</td></tr><tr><th>受付時間</th><td>平日9:00～17:00</td></tr></table>",
    );
    let lines = clean_lines(&text, |_| false);
    assert_eq!(lines, ["TEL  03-1234-5678", "受付時間  平日9:00～17:00"]);
}

#[test]
fn broken_lines_and_stray_bullets_are_repaired() {
    let text = "- (1) ご本人様の確認、ご契約内容の確認、ご利用料金の請求、ご利用サービスの停止・中\n- 止・契約解除の通知、その他のこと\n- (2) 電話による販売推奨";
    let lines = clean_lines(text, |l| l.starts_with('('));
    assert_eq!(
        lines,
        [
            "(1) ご本人様の確認、ご契約内容の確認、ご利用料金の請求、ご利用サービスの停止・中止・契約解除の通知、その他のこと",
            "(2) 電話による販売推奨"
        ]
    );
}

#[test]
fn markdown_bullets_are_list_items() {
    let lines = clean_lines("当社は次の目的で利用します。\n- サービスの提供\n- 料金の請求\n", |_| false);
    assert_eq!(lines, ["当社は次の目的で利用します。", "・サービスの提供", "・料金の請求"]);
}

#[test]
fn two_versions_on_one_page() {
    let lines: Vec<String> = ["## 変更のお知らせ", "変更内容:新設", "## 変更前", "旧本文", "### 変更後", "新本文"]
        .map(String::from)
        .to_vec();
    let split = split_versions(&lines).unwrap();
    assert_eq!(split.notice.len(), 2);
    assert_eq!(split.before, ["旧本文"]);
    assert_eq!(split.after, ["新本文"]);
}

#[test]
fn nothing_is_joined_across_a_blank_line_but_a_page_break_is() {
    let long = "本ポリシーは当社が提供するすべてのサービス及びその関連するウェブサイトに適用されます";
    let text = format!("{long}\n\n情報の取得と利用\n\n当社は取得します。\n");
    let lines = clean_text_lines(&text, |_| false);
    assert_eq!(lines, [long, "情報の取得と利用", "当社は取得します。"]);
    let paged = format!("{long}と\n\n- 3 -\n\n続きの文です。\n");
    assert_eq!(clean_text_lines(&paged, |_| false), [format!("{long}と続きの文です。")]);
}
