//! Tests of a page read into lines with marks.

use super::read;
use crate::read::lines::clean_lines;

fn lines(html: &str) -> Vec<String> {
    clean_lines(&read(html).unwrap().text, |_| false)
}

#[test]
fn implied_end_tags_close_paragraphs_as_a_browser_does() {
    assert_eq!(
        lines("<h2>第1条<p>一文目。<p>二文目。<h2>第2条</h2>三文目。"),
        ["## 第1条", "一文目。", "二文目。", "## 第2条", "三文目。"]
    );
}

#[test]
fn a_header_without_a_heading_and_the_page_furniture_go() {
    let page = "<header><a href=\"/\">ホーム</a></header><header><h1>プライバシーポリシー</h1></header><nav>メニュー</nav><main><p>本文。</p></main><script>x()</script><footer>© A社</footer>";
    assert_eq!(lines(page), ["# プライバシーポリシー", "本文。"]);
}

#[test]
fn a_term_and_its_description_are_one_line() {
    assert_eq!(
        lines("<dl><dt>住所</dt><dd>東京都</dd><dt>電話：</dt><dd>03-0000-0000</dd></dl>"),
        ["住所：東京都", "電話： 03-0000-0000"]
    );
}

#[test]
fn items_in_a_cell_are_kept_apart_on_its_line() {
    let page = "<table><tr><th>送信先</th><th>情報</th><th>目的</th></tr><tr><td>A社</td><td><ul><li>閲覧履歴</li><li>端末情報</li></ul></td><td>分析</td></tr></table>";
    let text = read(page).unwrap().text;
    assert!(text.contains("閲覧履歴／端末情報"), "{text:?}");
}
