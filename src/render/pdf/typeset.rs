//! Typesetting a PDF with typst as a library: a world that holds one
//! generated source and the fonts the load stage read, and nothing else (no
//! files, no packages, no clock), so the same input gives the same bytes.

use std::hash::{DefaultHasher, Hash, Hasher};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::load::FontFile;

/// The fonts PDFs are set in, read once per build.
pub struct PdfFonts {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The families, in the order given: the text's font list.
    pub families: Vec<String>,
    /// Tells these fonts from others (their files' names, sizes and first
    /// bytes), for the key of a PDF.
    fingerprint: u64,
}

impl std::fmt::Debug for PdfFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfFonts").field("families", &self.families).finish()
    }
}

impl PdfFonts {
    /// The fonts of the files (a collection gives each of its faces);
    /// `None` when no file holds a font.
    pub fn new(files: &[FontFile]) -> Option<Self> {
        let fonts: Vec<Font> = files.iter().flat_map(|file| Font::iter(Bytes::new(file.bytes.clone()))).collect();
        let mut families: Vec<String> = Vec::new();
        for font in &fonts {
            let family = font.info().family.clone();
            if !families.contains(&family) {
                families.push(family);
            }
        }
        // A collection of CJK faces lists its Japanese one among others: prefer it.
        families.sort_by_key(|family| !family.ends_with(" JP"));
        let mut hasher = DefaultHasher::new();
        for file in files {
            (&file.path, file.bytes.len(), &file.bytes[..file.bytes.len().min(4096)]).hash(&mut hasher);
        }
        (!fonts.is_empty()).then(|| PdfFonts {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            families,
            fingerprint: hasher.finish(),
        })
    }
}

impl PdfFonts {
    /// The key of the PDF that `markup` makes in these fonts, by this
    /// kiyaku (and so this typst).
    pub fn key_of(&self, markup: &str, ident: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        (env!("CARGO_PKG_VERSION"), env!("KIYAKU_BUILD_ID"), self.fingerprint, markup, ident).hash(&mut hasher);
        hasher.finish()
    }

    /// Whether some font has kana and kanji (else a Japanese text would be boxes).
    pub fn covers_japanese(&self) -> bool {
        self.fonts.iter().any(|font| ['あ', '漢'].iter().all(|c| font.info().coverage.contains(*c as u32)))
    }
}

struct OneSource<'f> {
    source: Source,
    fonts: &'f PdfFonts,
}

impl World for OneSource<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.fonts.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Compiles `markup` and writes the PDF; `ident` names the document
/// stably (its permanent URL). An error is typst's first message.
pub(super) fn typeset(markup: String, ident: &str, fonts: &PdfFonts) -> Result<Vec<u8>, String> {
    let world = OneSource { source: Source::detached(markup), fonts };
    let document = typst::compile::<typst_layout::PagedDocument>(&world).output.map_err(|e| first_error(&e))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("kiyaku".to_string())),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| first_error(&e));
    // typst memoises what it laid out, for the next compile of the same
    // document (its watch mode); each of ours is new, so the cache would
    // only grow (1.3 GB for 360 PDFs): drop what the last compiles did not reuse.
    typst::comemo::evict(1);
    pdf
}

fn first_error(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors.first().map(|error| error.message.to_string()).unwrap_or_else(|| "typst failed".to_string())
}
