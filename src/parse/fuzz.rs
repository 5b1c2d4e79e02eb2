//! Fuzz targets: one function per parser that takes arbitrary bytes, runs
//! the parser and the diagnostics' rendering over them, and must return
//! without panicking, whatever the bytes.
//!
//! The same functions are driven two ways (docs/reliability.md): by
//! libFuzzer through `cargo +nightly fuzz run TARGET` (the `fuzz/` crate,
//! one file per target), and on stable by `cargo test --features fuzz`,
//! which runs each target over its seeds (the folder [`TARGETS`] names) and
//! a bounded number of mutations of it. Behind the `fuzz` feature so that a
//! normal build carries none of it.

use jiff::civil::Date;

use crate::base::diag::{Diagnostics, SourceFile};

/// A fuzz target: arbitrary bytes in, a panic the only failure.
pub type Target = fn(&[u8]);

/// The targets by name, as `cargo fuzz run NAME` names them, each with the
/// folder of the repository whose files are its seeds: the example site's
/// sources and the importer's fixtures, not copies of them.
pub const TARGETS: &[(&str, Target, &str)] = &[
    ("front_matter", front_matter, "content"),
    ("markdown_body", markdown_body, "content"),
    ("block_toml", block_toml, "blocks"),
    ("import_text", import_text, "tests/fixtures/import"),
    ("import_html", import_html, "tests/fixtures/import"),
];

/// A version file's TOML front matter (and whatever follows it).
pub fn front_matter(data: &[u8]) {
    let source = SourceFile::new("content/p/2024-01-01.ja.md", String::from_utf8_lossy(data));
    let mut diags = Diagnostics::default();
    if let Some((range, _)) = crate::parse::front_matter::split(&source, &mut diags) {
        let _ = crate::parse::front_matter::parse(&source, range, &mut diags);
    }
    let _ = crate::parse::parse_policy_meta(&source, &mut diags);
    render(&diags);
}

/// A version file's Markdown body, parsed into clauses and rendered as the
/// page would show it.
pub fn markdown_body(data: &[u8]) {
    let text = format!("+++\neffective = 2024-01-01\n+++\n{}", String::from_utf8_lossy(data));
    let source = SourceFile::new("content/p/2024-01-01.ja.md", text);
    let mut diags = Diagnostics::default();
    let _ = crate::parse::parse_version(&source, &mut diags);
    let body = crate::parse::markdown::parse_body(&source, 0, &mut diags);
    let _ = body.ids();
    render(&diags);
}

/// A block file (`blocks/ID.toml`): desk, complaint body, business, destinations.
pub fn block_toml(data: &[u8]) {
    let source = SourceFile::new("blocks/desk.toml", String::from_utf8_lossy(data));
    let mut diags = Diagnostics::default();
    let languages = ["ja".to_string(), "en".to_string()];
    let _ = crate::parse::blocks::Blocks::parse(std::slice::from_ref(&source), &languages, &mut diags);
    render(&diags);
}

/// `kiyaku import` of a text (or Markdown) file, as decoded from its bytes.
pub fn import_text(data: &[u8]) {
    if let Ok(decoded) = kiyaku_import::decode(data) {
        import(&decoded.text);
    }
}

/// `kiyaku import` of an HTML page: the bytes inside a page's body.
pub fn import_html(data: &[u8]) {
    let page = format!("<html><body>{}</body></html>", String::from_utf8_lossy(data));
    import(&page);
}

fn import(text: &str) {
    let languages = ["ja".to_string(), "en".to_string()];
    let input = kiyaku_import::ImportInput {
        text,
        slug: "privacy",
        lang: "ja",
        languages: &languages,
        effective: Some(Date::constant(2024, 1, 1)),
        previous_effective: None,
        policy_exists: false,
        existing_blocks: Default::default(),
        sibling_ids: Default::default(),
        sibling_blocks: Default::default(),
    };
    if let Ok(draft) = kiyaku_import::import(&input) {
        // The draft is a source: it must parse without a panic too.
        for (path, text) in &draft.files {
            let source = SourceFile::new(path.clone(), text.clone());
            let mut diags = Diagnostics::default();
            let _ = crate::parse::parse_version(&source, &mut diags);
            render(&diags);
        }
    }
}

/// Renders every diagnostic as `check` prints it: quoting the source line
/// and its column is where offsets meet text.
fn render(diags: &Diagnostics) {
    let _ = diags.render_human();
}
