//! A changed clause's paragraphs and items, aligned before their text is
//! compared: the 新旧対照表 shows only what changed, and an item that only
//! moved down a number (an item was inserted before it) is renumbered, not
//! deleted and added again.
//!
//! Lines are aligned by their text without the item mark in front
//! (`4. `, `（4）`, `④`, `(a)`, `ア　`). Lines equal with their marks are
//! elided (「（略）」); equal but for the mark, they show the two marks
//! and elide the rest (「（５）（略）」, the number marked as changed);
//! the lines between are compared pairwise, by character or by word.

use std::sync::LazyLock;

use similar::Algorithm;

use crate::render::compare::text::diff_html;
use crate::render::html::escape;

/// An item mark at the start of a line, with the spaces after it.
static MARK: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"^(?:[0-9０-９]{1,3}[.．]\s*",
        r"|[(（]\s*(?:[0-9０-９]{1,3}|[a-zA-Zａ-ｚＡ-Ｚ]|[ア-ン]|[あ-ん]|[一二三四五六七八九十]{1,3}|[ivxIVX]{1,5})\s*[)）]\s*",
        r"|[①-⑳㉑-㉟㊱-㊿⑴-⒇]\s*",
        r"|[ア-ン][\s　.．]\s*|[一二三四五六七八九十]{1,3}[\s　、．]\s*|[a-zA-Z][.)]\s+)"
    ))
    .expect("a valid pattern")
});

/// A line's item mark (empty when it has none) and the text after it.
fn split_mark(line: &str) -> (&str, &str) {
    // Most lines begin with no mark: the pattern runs only on those that may.
    let may_be_marked = line.chars().next().is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '０'..='９' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' | '(' | '（' | '①'..='⒇' | '㉑'..='㉟' | '㊱'..='㊿' | 'ア'..='ン')
            || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
    });
    let end = if may_be_marked { MARK.find(line).map_or(0, |found| found.end()) } else { 0 };
    line.split_at(end)
}

/// What one column shows of a clause: lines, and the rows of its tables.
enum Piece {
    Line(String),
    /// A table row's cells, as HTML.
    Row(Vec<String>),
}

/// One column, line by line.
#[derive(Default)]
struct Column {
    pieces: Vec<Piece>,
}

impl Column {
    fn line(&mut self, html: String) {
        if !html.is_empty() {
            self.pieces.push(Piece::Line(html));
        }
    }

    /// Lines apart by `<br>`; a table's rows (consecutive) as a table, so a
    /// table in a clause reads as one in both columns.
    fn finish(self) -> String {
        let mut html = String::new();
        let mut in_table = false;
        for piece in self.pieces {
            match piece {
                Piece::Row(cells) => {
                    if !in_table {
                        html.push_str("<table class=\"k-diff-table\"><tbody>");
                        in_table = true;
                    }
                    html.push_str("<tr>");
                    cells.iter().for_each(|cell| html.push_str(&format!("<td>{cell}</td>")));
                    html.push_str("</tr>");
                }
                Piece::Line(line) => {
                    if in_table {
                        html.push_str("</tbody></table>");
                        in_table = false;
                    } else if !html.is_empty() {
                        html.push_str("<br>");
                    }
                    html.push_str(&line);
                }
            }
        }
        if in_table {
            html.push_str("</tbody></table>");
        }
        html
    }
}

/// Both columns of one changed clause.
#[derive(Default)]
struct Columns {
    old: Column,
    new: Column,
    /// The last line written was an elision (runs of them are one).
    elided: bool,
}

/// A table row's cells: the text keeps a row a line, its cells apart by tabs.
fn cells(line: &str) -> Option<Vec<&str>> {
    line.contains('\t').then(|| line.split('\t').collect())
}

impl Columns {
    fn line(&mut self, old: String, new: String) {
        self.old.line(old);
        self.new.line(new);
        self.elided = false;
    }

    fn elide(&mut self, marker: &str) {
        if !self.elided {
            self.line(marker.to_string(), marker.to_string());
            self.elided = true;
        }
    }

    /// A line the same in both: elided, but for a table row, kept (a table
    /// with rows left out does not read).
    fn same(&mut self, line: &str, marker: &str) {
        match cells(line) {
            Some(row) => {
                let row: Vec<String> = row.iter().map(|cell| escape(cell)).collect();
                self.old.pieces.push(Piece::Row(row.clone()));
                self.new.pieces.push(Piece::Row(row));
                self.elided = false;
            }
            None => self.elide(marker),
        }
    }

    /// Two lines that differ (either may be missing: ""), compared; table
    /// rows cell by cell.
    fn changed(&mut self, old: &str, new: &str, by_character: bool) {
        match (cells(old), cells(new)) {
            (None, None) => {
                let (a, b) = diff_html(old, new, by_character);
                self.line(a, b);
            }
            (old_row, new_row) => {
                let (old_row, new_row) = (old_row.unwrap_or_default(), new_row.unwrap_or_default());
                let width = old_row.len().max(new_row.len());
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for i in 0..width {
                    let (x, y) = (old_row.get(i).copied().unwrap_or(""), new_row.get(i).copied().unwrap_or(""));
                    let (x, y) = diff_html(x, y, by_character);
                    a.push(x);
                    b.push(y);
                }
                for (column, row, line) in [(&mut self.old, a, old), (&mut self.new, b, new)] {
                    match line.is_empty() {
                        true => {}
                        false if cells(line).is_some() => column.pieces.push(Piece::Row(row)),
                        false => column.line(diff_html(line, "", by_character).0),
                    }
                }
                self.elided = false;
            }
        }
    }
}

/// The old text with deletions marked and the new with insertions marked,
/// with unchanged lines replaced by `elision` (「（略）」).
pub fn diff_changed_parts(old: &str, new: &str, by_character: bool, elision: &str) -> (String, String) {
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut vocabulary = rustc_hash::FxHashMap::default();
    let old_ids = line_ids(&old_lines, &mut vocabulary);
    let new_ids = line_ids(&new_lines, &mut vocabulary);
    let marker = format!("<span class=\"k-elided\">{}</span>", escape(elision));
    let mut columns = Columns::default();
    let (mut old_run, mut new_run): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag != similar::DiffTag::Equal {
            old_run.extend(&old_lines[old_range]);
            new_run.extend(&new_lines[new_range]);
            continue;
        }
        compare_run(&mut columns, (&mut old_run, &mut new_run), by_character);
        for (a, b) in old_lines[old_range].iter().zip(&new_lines[new_range]) {
            if a == b {
                columns.same(a, &marker);
            } else if cells(a).is_some() {
                // The same row (by its first cell), its other cells changed.
                columns.changed(a, b, by_character);
            } else {
                let ((old_mark, _), (new_mark, _)) = (split_mark(a), split_mark(b));
                let (old_mark, new_mark) = diff_html(old_mark.trim_end(), new_mark.trim_end(), by_character);
                columns.line(format!("{old_mark}{marker}"), format!("{new_mark}{marker}"));
            }
        }
    }
    compare_run(&mut columns, (&mut old_run, &mut new_run), by_character);
    (columns.old.finish(), columns.new.finish())
}

/// What aligns a table row with its counterpart: its first cell.
fn row_key(line: &str) -> &str {
    line.split('\t').next().unwrap_or(line).trim()
}

/// Lines as numbers, by their text without the mark: the alignment's inner
/// loop compares numbers, not strings.
fn line_ids<'t>(lines: &[&'t str], vocabulary: &mut rustc_hash::FxHashMap<&'t str, usize>) -> Vec<usize> {
    lines
        .iter()
        .map(|line| {
            let next = vocabulary.len();
            // A table row is aligned by its first cell (the row's heading, a
            // destination's service): its first cell is no item mark.
            let key = if line.contains('\t') { row_key(line) } else { split_mark(line).1.trim() };
            *vocabulary.entry(key).or_insert(next)
        })
        .collect()
}

/// Lines that changed, compared pairwise (a character diff of two short
/// lines is cheap, one of two whole clauses is not).
fn compare_run(columns: &mut Columns, (old, new): (&mut Vec<&str>, &mut Vec<&str>), by_character: bool) {
    for i in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(i).copied().unwrap_or(""), new.get(i).copied().unwrap_or(""));
        // Two rows with different headings are one row removed and another
        // added, not one row rewritten.
        if cells(a).is_some() && cells(b).is_some() && row_key(a) != row_key(b) {
            columns.changed(a, "", by_character);
            columns.changed("", b, by_character);
        } else {
            columns.changed(a, b, by_character);
        }
    }
    old.clear();
    new.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_matched_by_their_first_cell() {
        let old = "名称\t送信先\nA\t甲社\nB\t乙社\nC\t丙社";
        let new = "名称\t送信先\nA\t甲社（日本）\nD\t丁社\nC\t丙社";
        let (a, b) = diff_changed_parts(old, new, true, "（略）");
        // Row A changed in its cell; B removed and D added, whole; C the same.
        assert!(a.contains("<tr><td>A</td><td>甲社</td></tr>"), "{a}");
        assert!(b.contains("<tr><td>A</td><td>甲社<ins>（日本）</ins></td></tr>"), "{b}");
        assert!(a.contains("<tr><td><del>B</del></td><td><del>乙社</del></td></tr>"), "{a}");
        assert!(b.contains("<tr><td><ins>D</ins></td><td><ins>丁社</ins></td></tr>"), "{b}");
        assert!(!a.contains("D") && !b.contains(">B<"), "{a} {b}");
    }

    #[test]
    fn only_changed_paragraphs_are_shown() {
        let old = "第一段落。\n第二段落は古い。\n第三段落。";
        let new = "第一段落。\n第二段落は新しい。\n第三段落。";
        let (a, b) = diff_changed_parts(old, new, true, "（略）");
        assert_eq!(
            a,
            "<span class=\"k-elided\">（略）</span><br>第二段落は<del>古</del>い。<br><span class=\"k-elided\">（略）</span>"
        );
        assert!(b.contains("<ins>新し</ins>"), "{b}");
    }

    #[test]
    fn an_item_inserted_before_another_renumbers_it() {
        let old = "次の目的で利用します。\n1. 提供のため\n2. 請求のため\n3. その他のため";
        let new = "次の目的で利用します。\n1. 提供のため\n2. 請求のため\n3. 案内のため\n4. その他のため";
        let (a, b) = diff_changed_parts(old, new, true, "（略）");
        let elided = "<span class=\"k-elided\">（略）</span>";
        assert_eq!(a, format!("{elided}<br><del>3</del>.{elided}"));
        assert_eq!(b, format!("{elided}<br><ins>3. 案内のため</ins><br><ins>4</ins>.{elided}"));
    }

    #[test]
    fn marks_of_every_kind_are_set_apart() {
        for (line, mark) in [
            ("（4）その他", "（4）"),
            ("④ その他", "④ "),
            ("(a) other", "(a) "),
            ("ア　その他", "ア　"),
            ("12. x", "12. "),
        ] {
            assert_eq!(split_mark(line).0, mark, "{line}");
        }
        for line in ["2024年に改定", "1,000円", "東京都"] {
            assert_eq!(split_mark(line).0, "", "{line}");
        }
    }

    #[test]
    fn a_table_is_a_table_in_both_columns_with_the_changed_cell_marked() {
        let old = "料金は次のとおりです。\nプラン\t月額\n基本\t1,000円\n上位\t2,000円";
        let new = "料金は次のとおりです。\nプラン\t月額\n基本\t1,200円\n上位\t2,000円";
        let (a, b) = diff_changed_parts(old, new, true, "（略）");
        let table = |row: &str| {
            format!(
                "<span class=\"k-elided\">（略）</span><table class=\"k-diff-table\"><tbody><tr><td>プラン</td><td>月額</td></tr>{row}<tr><td>上位</td><td>2,000円</td></tr></tbody></table>"
            )
        };
        assert_eq!(a, table("<tr><td>基本</td><td><del>1,000</del>円</td></tr>"));
        assert_eq!(b, table("<tr><td>基本</td><td><ins>1,200</ins>円</td></tr>"));
        let (_, added) = diff_changed_parts("", "プラン\t月額\n基本\t1,000円", true, "（略）");
        assert_eq!(
            added,
            "<table class=\"k-diff-table\"><tbody><tr><td><ins>プラン</ins></td><td><ins>月額</ins></td></tr><tr><td><ins>基本</ins></td><td><ins>1,000円</ins></td></tr></tbody></table>"
        );
    }

    #[test]
    fn a_space_changed_in_an_item_is_the_only_change_shown() {
        let (a, b) = diff_changed_parts("1. 料金の請求のため", "1. 料金の 請求のため", true, "（略）");
        assert_eq!(a, "1. 料金の請求のため");
        assert_eq!(b, "1. 料金の<ins> </ins>請求のため");
    }
}
