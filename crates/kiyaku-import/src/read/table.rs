//! Data tables of an HTML page (送信先 | 送信される情報 | 利用目的 in an
//! external-transmission notice, a list of purposes by service) kept as
//! tables: each row becomes one line of cells, written as a Markdown table.
//! Two-column tables with a label in front of each row (住所 | 〒…) are not
//! data tables: they stay lines of text, where contact details are found.

/// Separates (and starts) the cells of a row in the cleaned lines.
pub(crate) use crate::read::marks::CELL;

/// One cell: whether it is a header cell, and its text.
pub(crate) struct Cell {
    pub header: bool,
    pub text: String,
}

/// A cell as written, with the rows and columns it spans.
pub(crate) struct Spanned {
    pub header: bool,
    pub text: String,
    pub rows: usize,
    pub columns: usize,
}

/// The lines of a cell (`<br>`, items) are items of it, kept apart on one
/// line (／, or ; in English); a line in brackets says more of the one before.
pub(crate) fn lines_apart(cell: &str) -> String {
    let separator = if cell.chars().any(crate::read::lines::is_cjk) { "／" } else { "; " };
    let parts: Vec<&str> = cell.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut apart = String::with_capacity(cell.len());
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            apart.push_str(if part.starts_with(['（', '(']) { " " } else { separator });
        }
        apart.push_str(part);
    }
    apart
}

/// A cell spanning rows below its own: its column, text and rows left.
struct Carried {
    column: usize,
    header: bool,
    text: String,
    rows_left: usize,
}

/// The rows of a table, each cell in its column: a cell spanning rows
/// (`rowspan`) is repeated in each, one spanning columns (`colspan`) is
/// followed by empty cells, so that every value stays under its heading.
pub(crate) fn grid(rows: Vec<Vec<Spanned>>) -> Vec<Vec<Cell>> {
    let mut carried: Vec<Carried> = Vec::new();
    let mut grid = Vec::new();
    for row in rows {
        let mut cells = row.into_iter();
        let mut out: Vec<Cell> = Vec::new();
        loop {
            if let Some(carry) = carried.iter_mut().find(|c| c.column == out.len() && c.rows_left > 0) {
                carry.rows_left -= 1;
                out.push(Cell { header: carry.header, text: carry.text.clone() });
                continue;
            }
            let Some(cell) = cells.next() else {
                // A cell spanning down from further right: this row is short of it.
                if carried.iter().any(|c| c.column > out.len() && c.rows_left > 0) {
                    out.push(Cell { header: false, text: String::new() });
                    continue;
                }
                break;
            };
            for offset in 0..cell.columns {
                let text = if offset == 0 { cell.text.clone() } else { String::new() };
                if cell.rows > 1 {
                    carried.push(Carried {
                        column: out.len(),
                        header: cell.header,
                        text: text.clone(),
                        rows_left: cell.rows - 1,
                    });
                }
                out.push(Cell { header: cell.header, text });
            }
        }
        carried.retain(|c| c.rows_left > 0);
        if !out.is_empty() {
            grid.push(out);
        }
    }
    grid
}

/// Two header rows (a heading spanning columns over its parts: 送信先 over
/// 事業者名 | プライバシーポリシー) become one, as a Markdown table has one:
/// 「送信先（事業者名）」 | 「送信先（プライバシーポリシー）」.
pub(crate) fn merge_header_rows(rows: &mut Vec<Vec<Cell>>) {
    let all_header = |row: &Vec<Cell>| !row.is_empty() && row.iter().all(|c| c.header);
    while rows.len() > 2 && all_header(&rows[0]) && all_header(&rows[1]) {
        let below = rows.remove(1);
        let top = &mut rows[0];
        // A spanning heading is written in its first column; the rest are empty.
        let mut spanning = String::new();
        for (column, part) in below.into_iter().enumerate() {
            let Some(cell) = top.get_mut(column) else {
                top.push(part);
                continue;
            };
            if cell.text.is_empty() {
                cell.text.clone_from(&spanning);
            } else {
                spanning.clone_from(&cell.text);
            }
            cell.text = match (cell.text.is_empty(), part.text.is_empty() || part.text == cell.text) {
                (_, true) => std::mem::take(&mut cell.text),
                (true, false) => part.text,
                (false, false) if cell.text.chars().any(crate::read::lines::is_cjk) => {
                    format!("{}（{}）", cell.text, part.text)
                }
                (false, false) => format!("{} ({})", cell.text, part.text),
            };
        }
    }
}

/// A cell's `rowspan` or `colspan` (1 when absent; at most 50, against
/// hostile pages).
pub(crate) fn span(value: Option<&str>) -> usize {
    const LONGEST: usize = 50;
    let digits: String = value.unwrap_or_default().trim().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(1).clamp(1, LONGEST)
}

/// A header row over rows of data, or three columns or more; not a column
/// of labels (住所, 電話) beside their values.
pub(crate) fn is_data_table(rows: &[Vec<Cell>]) -> bool {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let labelled = rows.len() > 1 && rows.iter().all(|row| row.first().is_some_and(|c| c.header));
    let header_row = rows.first().is_some_and(|row| row.len() >= 2 && row.iter().all(|c| c.header));
    rows.len() >= 2 && ((header_row && !labelled) || width >= 3)
}

/// The cells of a row line, or `None` for any other line.
pub(crate) fn cells(line: &str) -> Option<Vec<&str>> {
    line.strip_prefix(CELL).map(|rest| rest.split(CELL).collect())
}

/// The rows of a table as Markdown, the first row as its header.
pub(crate) fn markdown(rows: &[Vec<String>], escape: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        out.push('|');
        for cell in row {
            out.push_str(&format!(" {} |", escape(cell)));
        }
        out.push('\n');
        if index == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(row.len()));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's text, its data tables as rows of cells.
    fn data_tables(html: &str) -> String {
        crate::read::html::read(html).unwrap().text
    }

    #[test]
    fn keeps_a_data_table_as_rows_of_cells() {
        let html = "<table><tr><th>送信先</th><th>情報</th><th>目的</th></tr>\
                    <tr><td>Google LLC</td><td>閲覧履歴<br>端末情報</td><td>アクセス解析</td></tr></table>";
        let text = data_tables(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(cells(lines[0]).unwrap(), ["送信先", "情報", "目的"]);
        assert_eq!(cells(lines[1]).unwrap(), ["Google LLC", "閲覧履歴／端末情報", "アクセス解析"]);
    }

    #[test]
    fn reads_rows_and_cells_without_closing_tags() {
        let html = "<table><tr><th>a<th>b<th>c<tr><td>1<td>2<td>3</table>";
        let text = data_tables(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(cells(lines[0]).unwrap(), ["a", "b", "c"]);
        assert_eq!(cells(lines[1]).unwrap(), ["1", "2", "3"]);
    }

    #[test]
    fn keeps_cells_spanning_rows_and_columns_under_their_headings() {
        let html = "<table><tr><th>種類</th><th>名前</th><th>目的</th></tr>\
                    <tr><td rowspan=\"2\">必須</td><td>session</td><td>ログイン</td></tr>\
                    <tr><td>csrf</td><td>防止</td></tr>\
                    <tr><td colspan='3'>※ 注記</td></tr></table>";
        let text = data_tables(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(cells(lines[2]).unwrap(), ["必須", "csrf", "防止"]);
        assert_eq!(cells(lines[3]).unwrap(), ["※ 注記", "", ""]);
    }

    #[test]
    fn lines_of_a_cell_stay_apart() {
        let html = "<table><tr><th>SDK</th><th>情報</th><th>目的</th></tr><tr><td>Firebase</td><td>アプリインスタンスID<br>端末の機種、OSのバージョン<br/>利用状況</td><td>分析</td></tr></table>";
        assert!(
            data_tables(html).contains("アプリインスタンスID／端末の機種、OSのバージョン／利用状況"),
            "{}",
            data_tables(html)
        );
    }

    #[test]
    fn two_header_rows_become_one() {
        let html = "<table><tr><th rowspan=\"2\">サービス名</th><th colspan=\"2\">送信先</th><th rowspan=\"2\">利用目的</th></tr>\
                    <tr><th>事業者名</th><th>プライバシーポリシー</th></tr>\
                    <tr><td>GA4</td><td>Google LLC</td><td>リンク</td><td>分析</td></tr></table>";
        let text = data_tables(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines[0].split(CELL).skip(1).collect::<Vec<_>>(),
            ["サービス名", "送信先（事業者名）", "送信先（プライバシーポリシー）", "利用目的"]
        );
        assert_eq!(lines.len(), 2, "{text}");
    }

    #[test]
    fn leaves_a_column_of_labels_alone() {
        let html = "<table><tr><th>住所</th><td>〒100-0001 東京都</td></tr><tr><th>電話</th><td>03-1234-5678</td></tr></table>";
        assert!(!data_tables(html).contains(CELL), "{}", data_tables(html));
    }

    #[test]
    fn writes_markdown_with_a_header_row() {
        let rows = vec![vec!["a".to_string(), "b".to_string()], vec!["c|d".to_string(), String::new()]];
        let table = markdown(&rows, |c| c.replace('|', "\\|"));
        assert_eq!(table, "| a | b |\n| --- | --- |\n| c\\|d |  |\n");
    }
}
