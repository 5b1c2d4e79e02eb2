//! Tests of what each line is found to be.

use super::*;
use crate::topic_id;

#[test]
fn headings() {
    assert_eq!(
        heading("第1条 (個人情報の取得)"),
        Some(Heading { number: Some((1, None)), caption: "個人情報の取得".into() })
    );
    assert_eq!(heading("第十二条（準拠法）").unwrap().number, Some((12, None)));
    assert_eq!(heading("第3条の2（外部送信）").unwrap().number, Some((3, Some(2))));
    assert_eq!(heading("### ■個人情報の利用目的").unwrap().caption, "個人情報の利用目的");
    assert_eq!(heading("【お問い合わせ】").unwrap().caption, "お問い合わせ");
    assert_eq!(heading("Article 1 (Scope)"), Some(Heading { number: Some((1, None)), caption: "Scope".into() }));
    assert_eq!(heading("Article 3-2. Minors").unwrap().number, Some((3, Some(2))));
    assert!(heading("Article 5 of the Act applies to any personal information we hold about you.").is_none());
    assert_eq!(heading("【第2条　利用目的】"), Some(Heading { number: Some((2, None)), caption: "利用目的".into() }));
    assert!(heading("当社は、第2条に定める目的で利用します。").is_none());
    assert_eq!(heading("## １．利用目的"), Some(Heading { number: Some((1, None)), caption: "利用目的".into() }));
    assert_eq!(chapter("第2章　利用登録"), Some(2));
    assert_eq!(chapter("第十章"), Some(10));
    assert_eq!(chapter("第3章に定める手続により登録します。"), None);
    assert!(
        heading("■当社の所属する「認定個人情報保護団体」の名称及び苦情相談の申出先に関する事項の詳細な説明").is_none()
    );
}

#[test]
fn list_items() {
    assert_eq!(item("(1) ご本人の同意がある場合").unwrap().marker, Marker::Paren);
    assert_eq!(item("（２）電話").unwrap().number, Some(2));
    assert_eq!(item("1. 氏名").unwrap().marker, Marker::Dot);
    assert_eq!(
        item("１　事務の名称").unwrap(),
        Item { marker: Marker::Dot, number: Some(1), text: "事務の名称".into() }
    );
    assert!(item("２０２４年４月１日").is_none() && item("１ 月").is_none());
    assert_eq!(item("2) 苦情相談の連絡先").unwrap().number, Some(2));
    assert_eq!(item("② 住所").unwrap().number, Some(2));
    assert_eq!(item("・法令に違反する場合").unwrap().marker, Marker::Bullet);
    assert_eq!(item("イ　本人の同意").unwrap().marker, Marker::Iroha);
    let kanji = item("十二　公衆衛生の向上のため").unwrap();
    assert_eq!((kanji.marker, kanji.number), (Marker::Kanji, Some(12)));
    assert_eq!(kanji.text, "十二　公衆衛生の向上のため", "the numeral stays");
    assert!(item("一般に公開されている情報").is_none());
    assert_eq!(item("(a) サービスの提供").unwrap().marker, Marker::Alpha);
    assert_eq!(item("（ｂ）料金の請求").unwrap().text, "（ｂ）料金の請求");
    assert_eq!(item("c. billing").unwrap().marker, Marker::Alpha);
    assert!(item("a.m. to 5 p.m.").is_none());
    assert!(item("一　").is_none());
    assert!(item("2022年7月29日 制定").is_none());
    assert!(item("1,415円です").is_none());
    assert!(item("1.1 当社は、個人情報を取得します。").is_none(), "a numbered paragraph");
    assert!(item("2.10 Retention").is_none());
}

#[test]
fn decimal_section_numbers_are_not_kept_in_captions() {
    assert_eq!(heading("### 1.1 Information You Give Us").unwrap().caption, "Information You Give Us");
    assert_eq!(heading("## 2.1.3. Cookies").unwrap().caption, "Cookies");
}

#[test]
fn titles_and_topics() {
    // A title set in capitals is a title.
    assert_eq!(title("PRIVACY NOTICE").as_deref(), Some("PRIVACY NOTICE"));
    assert_eq!(title("TERMS OF SERVICE").as_deref(), Some("TERMS OF SERVICE"));
    assert_eq!(title("# 「個人情報の取扱いについて」").as_deref(), Some("個人情報の取扱いについて"));
    assert_eq!(title("個人情報保護宣言").as_deref(), Some("個人情報保護宣言"));
    assert_eq!(page_title("# コミュニティの約束").as_deref(), Some("コミュニティの約束"), "a page's <h1>");
    assert_eq!(title("コミュニティの約束"), None, "a first line needs a document's name");
    assert_eq!(topic_id("個人情報の第三者への提供"), Some("third-party"));
    assert_eq!(topic_id("Cookie (クッキー) について"), Some("cookies"));
    assert_eq!(topic_id("個人情報保護管理者"), Some("privacy-manager"));
    assert_eq!(topic_id("事業者の名称等"), Some("business"));
    assert_eq!(topic_id("個人情報の管理"), Some("security"));
    assert_eq!(topic_id("個人情報の利用について"), Some("purposes"));
    assert_eq!(topic_id("個人情報の利用停止等"), Some("suspension-of-use"));
    assert_eq!(topic_id("本サービスの利用について"), None, "terms: not the purposes of use");
    assert_eq!(topic_id("雑則"), None);
    assert_eq!(topic_id("Information We Collect"), Some("collection"));
    assert_eq!(topic_id("How We Use Information"), Some("purposes"));
    assert_eq!(topic_id("利用目的の変更"), Some("purpose-changes"));
    assert_eq!(topic_id("有償アイテム"), Some("paid-items"));
    assert_eq!(topic_id("会員"), Some("membership"));
    assert_eq!(topic_id("会員の退会"), Some("withdrawal"));
    assert_eq!(topic_id("開示、訂正、利用停止等の請求"), Some("disclosure"));
    assert_eq!(topic_id("訂正等の請求"), Some("correction"));
    assert_eq!(topic_id("利用停止等の請求"), Some("suspension-of-use"));
    assert_eq!(topic_id("Sharing With Third Parties"), Some("third-party"));
    assert_eq!(topic_id("How We Use Cookies"), Some("cookies"));
    assert_eq!(topic_id("Contact Us"), Some("contact"));
    assert_eq!(topic_id("Children's Privacy"), Some("minors"));
    assert_eq!(topic_id("Changes to This Policy"), Some("changes"));
    assert_eq!(topic_id("How Long We Keep Your Data"), Some("retention"));
    assert_eq!(topic_id("Your Choices"), Some("choices"));
    assert_eq!(topic_id("サービスの変更"), Some("service-changes"));
    assert_eq!(topic_id("本規約の変更"), Some("changes"));
}

#[test]
fn a_number_and_a_space_before_japanese_text_is_an_item_but_not_a_count() {
    let numbered = |line: &str| item(line).map(|found| (found.marker, found.number));
    assert_eq!(numbered("1 サービスの提供のため"), Some((Marker::Dot, Some(1))));
    assert_eq!(numbered("12 お問い合わせへの対応"), Some((Marker::Dot, Some(12))));
    assert_eq!(numbered("3 か月以内に通知します。"), None);
    assert_eq!(numbered("2 名までご利用いただけます。"), None);
    assert_eq!(numbered("2024 年の改定"), None);
    // A word that starts with a counter's character is no count.
    assert_eq!(numbered("1 個人情報の利用目的"), Some((Marker::Dot, Some(1))));
    assert_eq!(numbered("2 日本国外への移転"), Some((Marker::Dot, Some(2))));
    assert_eq!(numbered("3 日以内に通知します。"), None);
}

#[test]
fn a_caption_sharing_a_line_with_its_text_is_cut_from_it() {
    let lines = vec![
        "第1条（目的）　本ポリシーは、当社の個人情報の取扱いを定めます。".to_string(),
        "第2条 (定義) 本ポリシーにおいて「個人情報」とは…".to_string(),
        "Article 3 (Scope) This Policy applies to the Services.".to_string(),
        "第4条（利用目的）".to_string(),
        "当社は第5条（第三者提供）に定める場合を除き…".to_string(),
    ];
    let split = super::split_inline_captions(lines);
    assert_eq!(
        split,
        [
            "第1条（目的）",
            "本ポリシーは、当社の個人情報の取扱いを定めます。",
            "第2条 (定義)",
            "本ポリシーにおいて「個人情報」とは…",
            "Article 3 (Scope)",
            "This Policy applies to the Services.",
            "第4条（利用目的）",
            "当社は第5条（第三者提供）に定める場合を除き…",
        ]
    );
}
