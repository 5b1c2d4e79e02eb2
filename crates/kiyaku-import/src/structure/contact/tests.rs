//! Tests of reading desks and accredited bodies out of text.

use super::*;

/// Lines of a text, as the importer holds them.
fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| line.to_string()).collect()
}

#[test]
fn a_desk_named_after_an_organisation_of_another_form() {
    let found = read_fields(
        "医療法人社団こもれび会　こもれびクリニック　個人情報相談窓口\n〒180-0004　東京都武蔵野市吉祥寺本町1-2-3\nTEL：0422-12-3456",
        Some("医療法人社団こもれび会　こもれびクリニック　個人情報相談窓口"),
    );
    assert_eq!(found.organization.as_deref(), Some("医療法人社団こもれび会　こもれびクリニック"));
    assert_eq!(found.department.as_deref(), Some("個人情報相談窓口"));
}

#[test]
fn a_sentence_with_an_address_in_it_stays_text() {
    for line in [
        "会員は、info@takahashi-saketen.example.jp宛に申し出ることにより退会することができます。",
        "本サービスに関するお問い合わせは、サポートセンター（電話03-1234-5678）までお電話ください。",
    ] {
        assert!(!is_contact_line(line), "{line}");
    }
    assert!(is_contact_line("E-mail：privacy@example.jp"));
}

#[test]
fn reads_an_address_on_the_line_after_its_postal_code() {
    let lines = owned(&[
        "株式会社みなと　個人情報保護管理者",
        "〒220-0012",
        "神奈川県横浜市西区みなとみらい3-3-1",
        "TEL：045-000-1234",
    ]);
    let regions = find_regions(&lines, "");
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0].lines, [0, 1, 2, 3], "the address line is part of the desk");
    assert_eq!(regions[0].found.postal_code.as_deref(), Some("220-0012"));
    assert_eq!(regions[0].found.address.as_deref(), Some("神奈川県横浜市西区みなとみらい3-3-1"));
    assert_eq!(regions[0].found.phones, ["045-000-1234"]);
}

#[test]
fn reads_a_desk_written_on_one_line() {
    let found = read_fields(
        "さくらインターネット株式会社 リスクマネジメント室 室長 〒160-0023 東京都新宿区西新宿7-20-1 住友不動産西新宿ビル 33F TEL 03-5332-7070 (代表) FAX 03-5332-7080",
        Some("さくらインターネット株式会社 リスクマネジメント室 室長 〒160-0023"),
    );
    assert_eq!(found.organization.as_deref(), Some("さくらインターネット株式会社"));
    assert_eq!(found.department.as_deref(), Some("リスクマネジメント室 室長"));
    assert_eq!(found.postal_code.as_deref(), Some("160-0023"));
    assert_eq!(found.address.as_deref(), Some("東京都新宿区西新宿7-20-1 住友不動産西新宿ビル 33F"));
    assert_eq!(found.phones, ["03-5332-7070"]);
    assert_eq!(found.fax.as_deref(), Some("03-5332-7080"));
}

#[test]
fn reads_hours_email_and_url() {
    let found = read_fields(
        "TEL 0120-775664 (フリーコール 受付時間 平日10:00~18:00 (土日祝日休業))\nE-mail: support@sakura.ad.jp URL: http://support.sakura.ad.jp/contact/",
        None,
    );
    assert_eq!(found.phones, ["0120-775664"]);
    assert_eq!(found.hours.as_deref(), Some("平日10:00~18:00 (土日祝日休業)"));
    assert_eq!(found.email.as_deref(), Some("support@sakura.ad.jp"));
    assert_eq!(found.url.as_deref(), Some("http://support.sakura.ad.jp/contact/"));
}

#[test]
fn finds_the_company_named_after_the_address() {
    let lines = owned(&[
        "〒150-0001　東京都渋谷区神宮前一丁目1番1号",
        "株式会社テスト商事　個人情報お問い合わせ窓口",
        "電話：０３－１２３４－５６７８（平日10:00～17:00）",
    ]);
    let regions = find_regions(&lines, "お問い合わせ窓口");
    assert_eq!(regions[0].lines, [0, 1, 2]);
    let found = &regions[0].found;
    assert_eq!(found.organization.as_deref(), Some("株式会社テスト商事"));
    assert_eq!(found.department.as_deref(), Some("個人情報お問い合わせ窓口"));
    assert_eq!(found.address.as_deref(), Some("東京都渋谷区神宮前一丁目1番1号"));
    assert_eq!(found.phones, ["03-1234-5678"]);
}

#[test]
fn reads_an_english_desk() {
    let lines = owned(&[
        "Example Corp. Privacy Office",
        "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005",
        "Phone: +81-3-1234-5678",
        "Email: privacy@example.com",
    ]);
    let regions = find_regions(&lines, "Contact Us");
    assert_eq!(regions[0].lines, [0, 1, 2, 3]);
    let found = &regions[0].found;
    assert_eq!(found.organization.as_deref(), Some("Example Corp."));
    assert_eq!(found.department.as_deref(), Some("Privacy Office"));
    assert_eq!(found.postal_code.as_deref(), Some("100-0005"));
    assert_eq!(found.address.as_deref(), Some("1-2-3 Marunouchi, Chiyoda-ku, Tokyo"));
    assert_eq!(found.email.as_deref(), Some("privacy@example.com"));
    // English names of desks run long.
    let lines = owned(&[
        "Minato Networks Co., Ltd. Personal Information Protection Manager",
        "3-3-1 Minatomirai, Nishi-ku, Yokohama, Kanagawa 220-0012",
        "Phone: 045-000-1234",
    ]);
    let found = &find_regions(&lines, "Contact")[0].found;
    assert_eq!(found.organization.as_deref(), Some("Minato Networks Co., Ltd."));
    assert_eq!(found.department.as_deref(), Some("Personal Information Protection Manager"));
}

#[test]
fn a_japanese_line_ending_in_a_number_is_not_an_address() {
    assert!(!is_contact_line("受付番号は123-4567です"));
    assert!(!is_contact_line("お問い合わせ番号 123-4567"));
    assert!(is_contact_line("1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005"));
}

#[test]
fn finds_every_number_on_a_phone_line() {
    let found = read_fields(
        "株式会社例　お客様窓口\n電話：0120-987-654（無料）／ 03-6666-7777（有料）\n携帯電話から：0570-000-111\n",
        None,
    );
    assert_eq!(found.phones, ["0120-987-654", "03-6666-7777", "0570-000-111"]);
    assert_eq!(found.phone_labels["0120-987-654"], "無料");
    assert_eq!(found.phone_labels["03-6666-7777"], "有料");
    assert_eq!(found.phone_labels["0570-000-111"], "携帯電話から");
    let found = read_fields("電話番号：03-5860-7565、0120-700-779\n", None);
    assert_eq!(found.phones, ["03-5860-7565", "0120-700-779"]);
    // Hours after a number are the desk's hours, not the number's label.
    let found = read_fields("ＴＥＬ：０１２０－１２３－４５６（平日９時～１７時）\n", None);
    assert!(found.phone_labels.is_empty(), "{:?}", found.phone_labels);
    let found = read_fields("TEL：03-1234-5678（平日10時～12時）\n受付時間：平日9時～17時（土日祝日を除く）\n", None);
    assert_eq!(found.hours.as_deref(), Some("平日9時～17時（土日祝日を除く）"), "the 受付時間 line");
}

#[test]
fn finds_a_complaint_body() {
    let lines = owned(&[
        "(1) 認定個人情報保護団体の名称 / 一般財団法人日本情報経済社会推進協会",
        "(2) 苦情相談の連絡先",
        "一般財団法人日本情報経済社会推進協会 個人情報保護苦情相談室",
        "〒106-0032 東京都港区六本木1-9-9 六本木ファーストビル",
        "TEL 0120-700-779",
    ]);
    let regions = find_regions(&lines, "お問合せ、苦情・相談先");
    assert_eq!(regions.len(), 1);
    let found = &regions[0].found;
    assert!(found.complaint_body);
    assert_eq!(regions[0].lines, [2, 3, 4]);
    assert_eq!(found.organization.as_deref(), Some("一般財団法人日本情報経済社会推進協会"));
    assert_eq!(found.department.as_deref(), Some("個人情報保護苦情相談室"));
    assert_eq!(found.phones, ["0120-700-779"]);
}

#[test]
fn a_desk_named_for_a_letter_keeps_its_name_without_attn() {
    assert_eq!(desk_name("Attn: Privacy Team"), "Privacy Team");
    assert_eq!(desk_name("ATTENTION: Data Protection Officer"), "Data Protection Officer");
    assert_eq!(desk_name("お客様相談室"), "お客様相談室");
}
