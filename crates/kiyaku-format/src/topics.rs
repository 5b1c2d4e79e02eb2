//! Clause ids from what a clause is about: 利用目的 → `purposes`, 第三者
//! → `third-party`, Cookies we use → `cookie-types`. Stable ids that say
//! what a clause is, in either language, so that anchors read well: the
//! importer gives them to the clauses it finds, and `kiyaku check` suggests
//! one for a clause without an id.

/// Clause ids from what clauses are about; the first keyword that matches wins.
const TOPICS: &[(&[&str], &str)] = &[
    (&["認定個人情報保護団体", "accredited"], "accredited-body"),
    (&["個人情報保護管理者", "data protection officer"], "privacy-manager"),
    (&["事業者の名称", "事業者の氏名", "事業者情報", "会社概要", "about us", "who we are"], "business"),
    (&["外国", "越境", "overseas", "outside japan", "international transfer", "cross-border"], "overseas-transfer"),
    (&["外部送信", "external transmission"], "external-transmission"),
    // A cookie policy's own sections, before cookies in general.
    (&["what are cookies", "cookieとは", "クッキーとは"], "about-cookies"),
    (&["cookies we use", "types of cookies", "kinds of cookies", "cookieの種類", "クッキーの種類"], "cookie-types"),
    (&["list of cookies", "cookie list", "cookieの一覧", "クッキーの一覧"], "cookie-list"),
    (
        &["control cookies", "manage cookies", "managing cookies", "disable cookies", "cookieの無効", "クッキーの無効"],
        "managing-cookies",
    ),
    (&["cookie", "クッキー"], "cookies"),
    (&["利用目的の変更", "change of purpose", "changes to the purpose"], "purpose-changes"),
    (
        &[
            "利用目的",
            "purpose of use",
            "purposes of use",
            "how we use",
            "use of personal",
            "use of information",
            "use of your",
        ],
        "purposes",
    ),
    (&["第三者", "third part", "sharing", "how we share", "who we share"], "third-party"),
    (&["共同利用", "joint use", "shared use"], "joint-use"),
    (&["委託", "outsourc", "entrust"], "outsourcing"),
    (&["安全管理", "個人情報の管理", "管理措置", "security", "safeguard"], "security"),
    (&["開示", "disclosure", "your rights"], "disclosure"),
    // Requests that have a clause of their own when the text lists them apart.
    (&["訂正", "correction", "rectification"], "correction"),
    (&["利用停止", "消去", "suspension of use", "erasure", "deletion"], "suspension-of-use"),
    // 「個人情報の利用について」 (after 利用停止, 第三者, 開示), but not
    // 「本サービスの利用について」 in terms of use.
    (&["個人情報の利用", "個人データの利用", "お客様情報の利用"], "purposes"),
    (
        &["苦情", "お問い合わせ", "お問合せ", "問い合わせ", "問合せ", "窓口", "相談", "contact", "inquir", "complaint"],
        "contact",
    ),
    (&["アクセスログ", "access log"], "access-logs"),
    (&["取得", "収集", "collect", "acquisition"], "collection"),
    (&["保有期間", "保存期間", "retention", "retain", "how long"], "retention"),
    (&["匿名加工", "anonymi"], "anonymized"),
    (&["仮名加工", "pseudonymi"], "pseudonymized"),
    (&["情報不足"], "insufficient-information"),
    (&["クレジットカード", "credit card"], "credit-cards"),
    (&["未成年", "minors", "children"], "minors"),
    (&["免責", "disclaimer"], "disclaimer"),
    (&["定義", "definition"], "definitions"),
    (&["適用", "scope", "applicab"], "scope"),
    (&["禁止", "prohibit"], "prohibited"),
    (&["料金", "fee"], "fees"),
    (&["解約", "解除", "terminat", "cancel"], "termination"),
    (&["損害賠償", "damages", "liabilit"], "damages"),
    (&["準拠法", "管轄", "governing law", "jurisdiction"], "governing-law"),
    (&["改定履歴", "改訂履歴", "変更履歴", "改正履歴", "revision history"], "revision-history"),
    (&["サービスの変更", "サービス内容の変更", "changes to the service", "changes to our service"], "service-changes"),
    (&["変更", "改定", "change", "amendment", "updates to"], "changes"),
    (&["附則", "supplementary"], "supplementary"),
    (&["割引", "discount"], "discounts"),
    (&["支払", "請求", "payment"], "payment"),
    (&["契約の成立", "申込"], "contract"),
    (&["譲渡", "assignment"], "assignment"),
    (&["反社会", "antisocial", "anti-social"], "antisocial-forces"),
    (&["知的財産", "権利帰属", "著作権", "intellectual property", "copyright"], "intellectual-property"),
    (&["分離可能", "severab"], "severability"),
    (&["協議"], "consultation"),
    (&["通知", "連絡", "notices"], "notices"),
    (&["送信先"], "recipients"),
    (&["送信される情報", "送信する情報"], "transmitted-information"),
    (&["オプトアウト", "停止の方法", "opt-out", "opt out"], "opt-out"),
    (&["登録", "registration"], "registration"),
    (&["有償", "アイテム", "仮想通貨", "前払", "in-app purchase", "virtual currenc", "paid item"], "paid-items"),
    (&["ポイント", "points"], "points"),
    (&["アカウント", "パスワード", "account", "password"], "accounts"),
    (&["退会", "withdraw"], "withdrawal"),
    (&["秘密保持", "confidential"], "confidentiality"),
    (&["保証", "warrant"], "warranties"),
    (&["中断", "中止", "サービスの停止", "suspen", "interruption"], "suspension"),
    (&["有効期間", "契約期間"], "term"),
    (&["会員", "membership", "members"], "membership"),
    (&["your choices", "choices"], "choices"),
    (&["do not track"], "do-not-track"),
    (&["legal basis", "legal bases", "lawful basis"], "legal-basis"),
    (&["目的", "purpose"], "purpose"),
];

/// An id for a clause from its caption, or `None` when no topic matches.
pub fn topic_id(caption: &str) -> Option<&'static str> {
    let lower = caption.to_lowercase();
    TOPICS.iter().find(|(words, _)| words.iter().any(|w| lower.contains(w))).map(|(_, id)| *id)
}
