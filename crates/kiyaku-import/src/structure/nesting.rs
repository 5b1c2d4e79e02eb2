//! Sub-clauses. A heading followed by headings of a lesser level (`<h3>`
//! under `<h2>`, `###` under `##`), or a caption with no text of its own
//! followed by captions of a lesser mark (■ under 【】), heads those as its
//! sub-clauses (`###`) up to the next caption of its own kind: the cookie
//! types under 「Cookies we use」, each recipient under 「送信先及び利用目的」.
//! Articles (第N条) written without heading marks and chapters are never
//! nested.

use crate::Section;

/// How a caption line is marked: `##`, `###`…, 【】, ■ and the like, or
/// `article` for 第N条 / Article N, or the empty string.
pub(crate) fn style(line: &str) -> String {
    let text = line.trim();
    let hashes = text.chars().take_while(|c| *c == '#').count();
    let bare = text.trim_start_matches('#').trim();
    // Heading levels (of HTML or Markdown) say how captions nest, numbered or not.
    if hashes > 0 {
        return "#".repeat(hashes);
    }
    if crate::structure::classify::heading(bare).is_some_and(|h| h.number.is_some()) {
        return "article".into();
    }
    bare.chars().next().filter(|c| "【■◆□◇●".contains(*c)).map_or_else(String::new, String::from)
}

/// Whether captions marked `lesser` may be sub-clauses under `greater`.
/// Marks rank in the order the text first uses them (■ over 【】 in one
/// policy, 【】 over ■ in another), heading levels by their level.
fn ranks_below(lesser: &str, greater: &str, marks: &[String]) -> bool {
    let rank = |style: &str| match style {
        s if s.starts_with('#') => Some(s.len()),
        s => marks.iter().position(|m| m == s).map(|at| 10 + at),
    };
    let both_hashes = lesser.starts_with('#') == greater.starts_with('#');
    matches!((rank(lesser), rank(greater)), (Some(l), Some(g)) if l > g && both_hashes)
}

/// Whether a clause's text ends by leading into what follows it: its last
/// line speaks of 「次の」 or 「以下の」 (or "the following") and ends a
/// sentence or with a colon.
fn leads_in(lines: &[String]) -> bool {
    let Some(last) = lines.iter().rev().find(|l| !l.trim().is_empty()) else { return false };
    let last = last.trim();
    (last.contains("次の") || last.contains("以下の") || last.contains("the following"))
        && last.ends_with(['。', '：', ':'])
}

/// Whether `lesser` is the hollow form of the filled mark `greater` (□ of
/// ■, ◇ of ◆): a pair that always ranks the filled one first.
fn hollow_of(lesser: &str, greater: &str) -> bool {
    matches!((lesser, greater), ("□", "■") | ("◇", "◆"))
}

/// Marks the sections that are sub-clauses of the one before them.
pub(crate) fn nest(sections: &mut [Section]) {
    let mut marks: Vec<String> = Vec::new();
    for section in sections.iter() {
        let style = &section.style;
        if "【■◆□◇●".contains(style.as_str()) && !style.is_empty() && !marks.contains(style) {
            marks.push(style.clone());
        }
    }
    let mut parent: Option<String> = None;
    let mut top = String::new();
    // A plain caption's clause that ends by leading into what follows
    // (「…次の目的で利用します。」): the plain captions after it, about
    // nothing of their own, are its parts.
    let mut led_in: Option<Option<&'static str>> = None;
    for index in 0..sections.len() {
        let section = &sections[index];
        let fixed = !section.id.is_empty() || section.unnumbered || section.style == "article";
        let caption = section.heading.as_ref().map_or("", |h| h.caption.as_str());
        // 「組織的安全管理措置」 after 「安全管理措置」: a kind of what the clause is about.
        let kind_of_top = !top.is_empty() && caption.len() > top.len() && caption.ends_with(&top);
        let part = led_in.is_some_and(|topic| {
            section.style.is_empty() && crate::topic_id(caption).is_none_or(|own| Some(own) == topic)
        });
        if !fixed && parent.is_none() && (kind_of_top || part) {
            sections[index].sub = true;
            continue;
        }
        top = caption.to_string();
        led_in = (section.style.is_empty() && !fixed && leads_in(&section.lines)).then(|| crate::topic_id(caption));
        match &parent {
            Some(greater) if !fixed && ranks_below(&section.style, greater, &marks) => {
                sections[index].sub = true;
                continue;
            }
            _ => parent = None,
        }
        // A heading level over lesser ones heads them even with text of its
        // own (<h2> then <h3>), and so does a filled mark over its hollow
        // one (■ over □); another mark (【】 over ■) only when it has none.
        let next_style = sections.get(index + 1).map_or("", |next| next.style.as_str());
        let explicit = section.style.starts_with('#') || hollow_of(next_style, &section.style);
        let opens = (explicit || section.lines.iter().all(|l| l.trim().is_empty()))
            && sections.get(index + 1).is_some_and(|next| ranks_below(&next.style, &section.style, &marks));
        if opens && !fixed {
            parent = Some(section.style.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(style: &str, lines: &[&str]) -> Section {
        Section { style: style.into(), lines: lines.iter().map(|l| l.to_string()).collect(), ..Section::default() }
    }

    #[test]
    fn lesser_captions_under_an_empty_one_are_its_sub_clauses() {
        let mut sections = vec![
            section("【", &["当社は…"]),
            section("【", &[]),
            section("■", &["利用目的：…"]),
            section("■", &["利用目的：…"]),
            section("【", &["上記の…"]),
        ];
        nest(&mut sections);
        assert_eq!(sections.iter().map(|s| s.sub).collect::<Vec<_>>(), [false, false, true, true, false]);
        let mut html = vec![section("##", &[]), section("###", &["x"]), section("##", &["y"]), section("###", &["z"])];
        nest(&mut html);
        assert_eq!(
            html.iter().map(|s| s.sub).collect::<Vec<_>>(),
            [false, true, false, true],
            "heading levels nest, with text or without"
        );
        let mut marks = vec![section("【", &["x"]), section("■", &["y"])];
        nest(&mut marks);
        assert!(marks.iter().all(|s| !s.sub), "marks only under an empty caption");
        let mut hollow = vec![section("■", &["x"]), section("□", &["y"]), section("□", &["z"]), section("■", &["w"])];
        nest(&mut hollow);
        assert_eq!(hollow.iter().map(|s| s.sub).collect::<Vec<_>>(), [false, true, true, false], "□ under ■");
        let captioned = |caption: &str| Section {
            heading: Some(crate::structure::classify::Heading { number: None, caption: caption.into() }),
            lines: vec!["…。".into()],
            ..Section::default()
        };
        let mut kinds: Vec<Section> =
            ["安全管理措置", "組織的安全管理措置", "人的安全管理措置", "お問い合わせ"].map(captioned).into();
        nest(&mut kinds);
        assert_eq!(kinds.iter().map(|s| s.sub).collect::<Vec<_>>(), [false, true, true, false], "kinds of a caption");
        let mut parts: Vec<Section> =
            ["利用目的", "通信販売のお客様", "採用応募者の方", "第三者への提供", "お客様の声"].map(captioned).into();
        parts[0].lines = vec!["当社は、取得した個人情報を次の目的で利用します。".into()];
        nest(&mut parts);
        assert_eq!(
            parts.iter().map(|s| s.sub).collect::<Vec<_>>(),
            [false, true, true, false, false],
            "the parts a clause leads into, up to a clause about something of its own"
        );
    }

    #[test]
    fn articles_are_never_nested() {
        let mut sections = vec![section("##", &[]), section("article", &["x"]), section("article", &["y"])];
        nest(&mut sections);
        assert!(sections.iter().all(|s| !s.sub));
        assert_eq!(style("第3条（利用目的）"), "article");
        assert_eq!(style("### Strictly necessary"), "###");
        assert_eq!(style("■ Google LLC"), "■");
    }
}
