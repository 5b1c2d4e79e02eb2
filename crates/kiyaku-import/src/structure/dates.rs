//! Dated lines of an existing policy: 「2022年7月29日 制定」, 「最終改定：
//! 2024/4/1」, 「Established: April 1, 2020」, also as rows of a 改定履歴
//! table. They give the policy's 制定日 and the version's effective date.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::structure::classify::to_ascii_digits;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(制定|改定|改訂|改正|施行|公表|最終改定|最終改訂|最終更新|効力発生|発効)\s*(?:日)?\s*[:：]?\s*)?([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日\s*(制定|改定|改訂|改正|施行|公表|最終改定|更新)?").unwrap()
});

/// 「制定：2021/4/1」, 「2024.06.01 改定」: dates written with slashes or dots.
static NUMERIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(制定|改定|改訂|改正|施行|公表|最終改定|最終改訂|最終更新|効力発生|発効)\s*(?:日)?\s*[:：]?\s*)?([0-9０-９]{4})\s*[/／.．-]\s*([0-9０-９]{1,2})\s*[/／.．-]\s*([0-9０-９]{1,2})\s*(制定|改定|改訂|改正|施行|公表|最終改定|更新)?").unwrap()
});
/// 「Established: April 1, 2020」, 「Last updated: 1 June 2024」.
static ENGLISH_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(established|enacted|adopted)|(?:last\s+)?(?:updated|revised|amended|modified)|effective(?:\s+date)?(?:\s+of\s+revision)?)(?:\s+(?:on|as\s+of))?\s*[:：]?\s*(?:([a-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})|([0-9]{1,2})\s+([a-z]+)\.?,?\s+([0-9]{4})|([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2}))\.?$").unwrap()
});

/// A year of a Japanese era: 令和5年, 平成31年, 令和元年.
static ERA_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(令和|平成|昭和)\s*(元|[0-9０-９]{1,2})\s*年").unwrap());
/// What follows the date in a 附則 sentence: 「…から施行します」, 「…より効力を生じる」.
static TAKES_EFFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:から|より)\s*(?:(?:制定|施行)\s*(?:及び|および|・|、)?\s*)?(?:施行|実施|効力を(?:生じ|発し|有)|適用|制定)").unwrap()
});
/// 「…2023年10月1日に改定し、同日から施行します」, 「…付けで改正」.
static REVISED_ON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:に|付けで|付で|をもって)\s*(?:一部)?(?:改定|改訂|改正|変更)").unwrap());
/// A sentence about the document itself: 「本規約は」, 「このポリシーは」, 「本改定は」.
static DOCUMENT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9０-９]+[\s　.．、]*)?(?:本|この|当)(?:規約|規程|規定|約款|ポリシー|方針|改定|改正|変更|公表事項|指針|細則)").unwrap()
});

/// 「These Terms take effect on March 1, 2021.」, 「This policy is effective as of 1 June 2024.」
static ENGLISH_TAKES_EFFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:these|this)\b.{0,60}?\b(?:take|takes|took\s+|shall\s+take\s+|become|becomes|is|are)\s*(?:effect|effective)\s+(?:on|as\s+of|from)\s+(.+?)\.?$").unwrap()
});
/// A date at the start of a line: 「2024年1月15日　…」, 「2024/1/15 …」, 「April 1, 2022: …」.
static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[・\-*•]?\s*(?:([0-9]{4})\s*(?:年|[/.-])\s*([0-9]{1,2})\s*(?:月|[/.-])\s*([0-9]{1,2})\s*日?|([a-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})|([0-9]{1,2})\s+([a-z]+)\.?,?\s+([0-9]{4}))(?:[\s:：　|–—-]|$)").unwrap()
});

/// A date written in kanji numerals: 二〇二三年四月一日, 令和五年十月三十一日.
static KANJI_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇一二三四五六七八九十]+|元)\s*年\s*([一二三四五六七八九十]+)\s*月\s*([一二三四五六七八九十]+)\s*日")
        .unwrap()
});

/// The line with a kanji-numeral date in digits (二〇二三年四月一日 → 2023年4月1日).
fn digit_dates(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('年') {
        return line.into();
    }
    KANJI_DATE.replace_all(line, |caps: &regex::Captures<'_>| {
        // 二〇二三 is read digit by digit; 三十一 as a number.
        let value = |text: &str| -> Option<String> {
            let digits: Option<String> = text
                .chars()
                .map(|c| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d.to_string()))
                .collect();
            if text.contains('十') {
                crate::structure::classify::kanji_number(text).map(|n| n.to_string())
            } else {
                digits
            }
        };
        let year = if &caps[1] == "元" { Some("元".to_string()) } else { value(&caps[1]) };
        match (year, value(&caps[2]), value(&caps[3])) {
            (Some(year), Some(month), Some(day)) => format!("{year}年{month}月{day}日"),
            _ => caps[0].to_string(),
        }
    })
}

/// The line with era years written as western ones (令和5年 → 2023年).
fn western_years(line: &str) -> std::borrow::Cow<'_, str> {
    ERA_YEAR.replace_all(line, |caps: &regex::Captures<'_>| {
        let first_year = match &caps[1] {
            "令和" => 2019,
            "平成" => 1989,
            _ => 1926,
        };
        let year = if &caps[2] == "元" { Some(1) } else { to_ascii_digits(&caps[2]).parse::<i32>().ok() };
        year.map_or_else(|| caps[0].to_string(), |year| format!("{}年", first_year + year - 1))
    })
}

/// A dated line: 「2022年7月29日 制定」, 「最終改定: 2024年4月1日」.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateLine {
    pub date: Date,
    /// True for 制定 (establishment); false for revisions and effect.
    pub established: bool,
}

/// The first date a line gives (see [`date_lines`]).
pub(crate) fn date_line(line: &str) -> Option<DateLine> {
    date_lines(line).into_iter().next()
}

/// The dates a short line gives: 「制定日：2020年4月1日　改定日：2025年3月15日」
/// gives two.
pub(crate) fn date_lines(line: &str) -> Vec<DateLine> {
    // Emphasis around a date line (*Last updated: …*, **Effective date:** …) is markup.
    let line = crate::read::emphasis::plain(line).replace(['*', '_'], "");
    let limit = if line.chars().any(crate::read::lines::is_cjk) { 40 } else { 100 };
    if line.chars().count() > limit {
        return Vec::new();
    }
    // A row of a 改定履歴 table: 「2024年4月1日 | 改定」.
    let line = &line.replace(crate::read::table::CELL, " ");
    if let Some(found) = english_date_line(line.trim()).or_else(|| english_takes_effect(line.trim())) {
        return vec![found];
    }
    let digits = digit_dates(line);
    let line = &western_years(&digits);
    let mut found = Vec::new();
    for pattern in [&*DATE_LINE, &*NUMERIC_DATE_LINE] {
        let mut at = 0;
        while let Some(caps) = pattern.captures_at(line, at) {
            let whole = caps.get(0).expect("a match");
            // 「…4月1日　改定日：2025年…」: a word before 日 labels the next date.
            let labels_next = caps.get(5).filter(|word| line[word.end()..].starts_with('日'));
            let end = labels_next.map_or(whole.end(), |word| word.start());
            found.extend(japanese_date(line, &caps, end));
            at = end.max(whole.start() + 1);
        }
    }
    found.dedup();
    found
}

/// One date of a Japanese line, ending at `end`, when the line says what it
/// is the date of.
fn japanese_date(line: &str, caps: &regex::Captures<'_>, end: usize) -> Option<DateLine> {
    let number = |i: usize| to_ascii_digits(&caps[i]).parse::<i16>().ok();
    let date = Date::new(number(2)?, i8::try_from(number(3)?).ok()?, i8::try_from(number(4)?).ok()?).ok()?;
    // 「2022年4月1日施行の改正法」: a date that describes something else.
    let after_word = caps.get(5).filter(|word| word.end() <= end && !line[word.end()..].starts_with('の'));
    if caps.get(1).is_none() && after_word.is_none() && caps.get(5).is_some() {
        return None;
    }
    if let Some(word) = caps.get(1).or(after_word) {
        // A notice is 公表 (published) first, then 更新.
        return Some(DateLine { date, established: matches!(word.as_str(), "制定" | "公表") });
    }
    // 附則: 「本規約は、2020年4月1日から施行する」 gives the date the text took
    // effect; 「本改定は…」 that of a revision, and so does 「…に改定し」.
    let after = &line[end..];
    // Only the document's own revision: 「本規約は…に改定し」, not 「料金は…に改定します」.
    if REVISED_ON.is_match(after) && DOCUMENT_SUBJECT.is_match(line) {
        return Some(DateLine { date, established: false });
    }
    TAKES_EFFECT.is_match(after).then(|| DateLine {
        date,
        established: !["改定", "改訂", "改正", "変更"].iter().any(|word| line.contains(word)),
    })
}

/// A line of a 改定履歴 that starts with its date and says what was done
/// (「2024年1月15日　インボイス登録番号の取得を追加」): a revision, unless it
/// says 制定.
pub(crate) fn history_date(line: &str) -> Option<DateLine> {
    let line = to_ascii_digits(&western_years(&digit_dates(line.trim())));
    let caps = LEADING_DATE.captures(&line)?;
    let text = |i: usize| caps.get(i).map(|m| m.as_str());
    let number = |i: usize| text(i).and_then(|t| t.parse::<i16>().ok());
    let (year, month, day) = if text(1).is_some() {
        (number(1)?, number(2)?, number(3)?)
    } else if let Some(month) = text(4) {
        (number(6)?, month_number(month)?, number(5)?)
    } else {
        (number(9)?, month_number(text(8)?)?, number(7)?)
    };
    let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    let lower = line.to_lowercase();
    let established = ["制定", "established", "enacted", "adopted"].iter().any(|w| lower.contains(w));
    Some(DateLine { date, established })
}

/// 「These Terms take effect on March 1, 2021.」
fn english_takes_effect(line: &str) -> Option<DateLine> {
    let caps = ENGLISH_TAKES_EFFECT.captures(line)?;
    let found = history_date(&caps[1])?;
    // 「These Terms take effect…」 in the first provisions; 「This amendment…」 later.
    let lower = line.to_lowercase();
    let revision = ["amend", "revis", "change"].iter().any(|w| lower.contains(w));
    Some(DateLine { established: !revision, ..found })
}

fn english_date_line(line: &str) -> Option<DateLine> {
    let caps = ENGLISH_DATE_LINE.captures(line)?;
    let text = |i: usize| caps.get(i).map(|m| m.as_str());
    let number = |i: usize| text(i).and_then(|t| t.parse::<i16>().ok());
    let (year, month, day) = if let Some(month) = text(2) {
        (number(4)?, month_number(month)?, number(3)?)
    } else if let Some(month) = text(6) {
        (number(7)?, month_number(month)?, number(5)?)
    } else {
        (number(8)?, number(9)?, number(10)?)
    };
    let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    Some(DateLine { date, established: caps.get(1).is_some() })
}

/// January or Jan → 1.
fn month_number(name: &str) -> Option<i16> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.to_lowercase();
    let position = MONTHS.iter().position(|m| name.len() >= 3 && m.starts_with(name.as_str()))?;
    i16::try_from(position + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_lines() {
        assert_eq!(
            date_line("2022年7月29日 制定"),
            Some(DateLine { date: Date::constant(2022, 7, 29), established: true })
        );
        assert_eq!(date_line("最終改定：２０２４年４月１日").unwrap().date, Date::constant(2024, 4, 1));
        assert!(date_line("2022年7月29日に送付します。").is_none());
        assert_eq!(date_line("制定：2021/4/1"), Some(DateLine { date: Date::constant(2021, 4, 1), established: true }));
        assert_eq!(date_line("2024.06.01 改定").unwrap().date, Date::constant(2024, 6, 1));
        assert_eq!(
            date_line("Established: April 1, 2020"),
            Some(DateLine { date: Date::constant(2020, 4, 1), established: true })
        );
        assert_eq!(
            date_line("Last updated: 1 June 2024"),
            Some(DateLine { date: Date::constant(2024, 6, 1), established: false })
        );
        assert_eq!(date_line("Effective date: 2024-06-01").unwrap().date, Date::constant(2024, 6, 1));
        assert!(date_line("Updated: Smarch 1, 2024").is_none());
        assert!(date_line("We updated this policy on April 1, 2020 to add cookies.").is_none());
        // 附則 sentences, in western or era years.
        assert_eq!(
            date_line("本規約は、2020年4月1日から施行する。"),
            Some(DateLine { date: Date::constant(2020, 4, 1), established: true })
        );
        assert_eq!(
            date_line("2 本規約の改定は、2024年7月1日から施行します。"),
            Some(DateLine { date: Date::constant(2024, 7, 1), established: false })
        );
        assert_eq!(date_line("この規程は、令和5年4月1日から施行する。").unwrap().date, Date::constant(2023, 4, 1));
        let enacted = date_line("本方針は、2019年6月1日から制定及び実施する。").unwrap();
        assert_eq!((enacted.date, enacted.established), (Date::constant(2019, 6, 1), true));
        assert_eq!(date_line("令和元年5月1日 制定").unwrap().date, Date::constant(2019, 5, 1));
        assert_eq!(date_line("平成31年4月1日改定").unwrap().date, Date::constant(2019, 4, 1));
        assert!(date_line("2024年7月1日から受付を開始します。").is_none());
        assert_eq!(date_line("二〇二三年四月一日から施行する。").unwrap().date, Date::constant(2023, 4, 1));
        assert_eq!(date_line("令和五年十月三十一日 改定").unwrap().date, Date::constant(2023, 10, 31));
    }

    #[test]
    fn every_date_of_a_line_and_other_ways_of_saying_them() {
        let dates =
            |line: &str| date_lines(line).into_iter().map(|d| (d.date.to_string(), d.established)).collect::<Vec<_>>();
        assert_eq!(
            dates("制定日：2020年4月1日　改定日：2025年3月15日"),
            [("2020-04-01".into(), true), ("2025-03-15".into(), false)]
        );
        assert_eq!(
            dates("2020年4月1日制定、2025年3月15日改定"),
            [("2020-04-01".into(), true), ("2025-03-15".into(), false)]
        );
        assert_eq!(dates("本規約は、2023年10月1日に改定し、同日から施行します。"), [("2023-10-01".into(), false)]);
        assert_eq!(dates("改訂日：2024年5月1日"), [("2024-05-01".into(), false)]);
        assert_eq!(dates("効力発生日：2024年5月1日"), [("2024-05-01".into(), false)]);
        assert_eq!(dates("*Last updated: 15 March 2025*"), [("2025-03-15".into(), false)]);
        assert_eq!(dates("**Effective date:** April 1, 2024"), [("2024-04-01".into(), false)]);
        assert_eq!(dates("These Terms take effect on March 1, 2021."), [("2021-03-01".into(), true)]);
        assert_eq!(dates("This amendment takes effect on August 1, 2023."), [("2023-08-01".into(), false)]);
        assert!(dates("We updated this policy on April 1, 2020 to add cookies.").is_empty());
        assert!(dates("当社は、2022年4月1日施行の改正個人情報保護法に対応します。").is_empty());
        assert!(dates("月額料金は2026年4月1日に改定します。").is_empty());
        // In a 改定履歴, a line that starts with its date.
        assert_eq!(
            history_date("2024年1月15日　インボイス登録番号の取得を追加").unwrap().date,
            Date::constant(2024, 1, 15)
        );
        assert_eq!(history_date("April 1, 2022: Revised the contact desk").unwrap().date, Date::constant(2022, 4, 1));
        assert!(history_date("2019年4月1日　制定").unwrap().established);
        assert!(history_date("当社は2024年1月15日に").is_none());
    }
}
