//! A page's tables in the walk: a data table (a header row over rows of
//! data, or three columns or more) becomes rows of cells, each cell's lines
//! kept apart on its line; any other table (labels beside values) is read
//! as lines of text, a row to a line.

use ego_tree::NodeRef;
use scraper::Node;

use super::{Step, Walker, element};
use crate::read::table::{self, CELL, Spanned};

impl Walker<'_> {
    /// A data table becomes rows of cells; any other table (labels beside
    /// values) stays lines of text, a row to a line.
    pub(super) fn open_table(&mut self, node: NodeRef<'_, Node>) -> Step {
        let rows: Vec<Vec<Spanned>> =
            table_rows(node).into_iter().map(|row| row.into_iter().map(|cell| self.cell(cell)).collect()).collect();
        let mut grid = table::grid(rows);
        table::merge_header_rows(&mut grid);
        if !table::is_data_table(&grid) {
            self.block();
            return Step::Enter;
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        self.out.push('\n');
        for row in &grid {
            let cells = row.iter().map(|c| c.text.as_str()).chain(std::iter::repeat_n("", width - row.len()));
            for cell in cells {
                self.out.push(CELL);
                self.out.push_str(cell);
            }
            self.out.push('\n');
        }
        Step::Skip
    }

    /// A cell's text (its lines kept apart on one line) and its spans.
    fn cell(&mut self, cell: NodeRef<'_, Node>) -> Spanned {
        let tag = element(cell).expect("a cell is an element");
        let mut walker = Walker::new(self.page, true);
        for child in cell.children() {
            walker.walk(child);
        }
        self.reserved = self.reserved.or(walker.reserved);
        let text = table::lines_apart(&walker.out);
        Spanned {
            header: tag.name() == "th",
            text: text.split_whitespace().collect::<Vec<_>>().join(" ").replace(CELL, " "),
            rows: table::span(tag.attr("rowspan")),
            columns: table::span(tag.attr("colspan")),
        }
    }
}

/// The rows of a table (not of a table inside it), each its cells.
fn table_rows(table: NodeRef<'_, Node>) -> Vec<Vec<NodeRef<'_, Node>>> {
    let own = |node: &NodeRef<'_, Node>| {
        node.ancestors().find(|a| element(*a).is_some_and(|e| e.name() == "table")).map(|t| t.id()) == Some(table.id())
    };
    table
        .descendants()
        .filter(|n| element(*n).is_some_and(|e| e.name() == "tr") && own(n))
        .map(|row| row.children().filter(|c| element(*c).is_some_and(|e| matches!(e.name(), "td" | "th"))).collect())
        .collect()
}
