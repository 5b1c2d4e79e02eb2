//! The record of which files each stream wrote, kept in the output's marker
//! file so that it is swapped in with the site it describes, and the reuse
//! of those files by the next build ([`crate::render::cache`]).
//!
//! The format is plain lines after the marker's sentence: `stream`, slug,
//! language and key separated by tabs, then one tab-indented line per file
//! with the file's size after a tab; then `site` and, the same way, every
//! other file the build wrote. Every file of the folder is listed, so the
//! marker proves the folder is kiyaku's: a folder holding a file it does
//! not list is not replaced ([`listed`]). A file changed since it was written
//! (someone edited the output) is not reused, its stream is rendered again:
//! its size differs, or it is newer than the marker, which a build writes
//! after every file. The record holds nothing but what the sources decide,
//! so that the same sources give the same bytes. Anything unreadable means
//! no record: everything is rendered again.

use std::collections::BTreeMap;
use std::path::Path;

use crate::render::cache::Stream;

/// Stream → (key, files), in the order written.
pub(super) type Manifest = BTreeMap<Stream, (u64, Vec<String>)>;

/// File → its size when written.
pub(super) type Fingerprints = BTreeMap<String, u64>;

/// Whether the file at `path` is still the one written: of the recorded
/// size, and not modified after `written` (when its build finished).
pub(super) fn unchanged(path: &Path, size: u64, written: std::time::SystemTime) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    meta.is_file() && size == meta.len() && meta.modified().is_ok_and(|modified| modified <= written)
}

/// The record in a marker file's text.
pub(super) fn parse(text: &str) -> (Manifest, Fingerprints) {
    let mut manifest = Manifest::new();
    let mut fingerprints = Fingerprints::new();
    let mut current: Option<Stream> = None;
    for line in text.lines().skip(1) {
        // The site-wide files: listed for ownership, no stream of their own.
        if line == "site" {
            break;
        }
        if let Some(entry) = line.strip_prefix('\t') {
            let (path, print) = entry.split_once('\t').map_or((entry, None), |(p, f)| (p, Some(f)));
            match current.as_ref().and_then(|stream| manifest.get_mut(stream)) {
                Some((_, files)) if is_relative(path) => files.push(path.to_string()),
                _ => return Default::default(),
            }
            if let Some(print) = print {
                let Ok(size) = print.parse() else { return Default::default() };
                fingerprints.insert(path.to_string(), size);
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let ["stream", slug, lang, key] = fields.as_slice() else { return Default::default() };
        let Ok(key) = u64::from_str_radix(key, 16) else { return Default::default() };
        let stream = Stream { slug: slug.to_string(), lang: lang.to_string() };
        manifest.insert(stream.clone(), (key, Vec::new()));
        current = Some(stream);
    }
    (manifest, fingerprints)
}

/// Every file a marker lists (with the marker itself), when it lists them
/// all (it has the `site` section); `None` for a marker of an earlier
/// kiyaku, or one that is no record at all.
pub(super) fn listed(text: &str) -> Option<std::collections::BTreeSet<String>> {
    let mut lines = text.lines();
    lines.next()?;
    let mut files = std::collections::BTreeSet::from([crate::base::layout::MARKER.to_string()]);
    let mut complete = false;
    for line in lines {
        match line.strip_prefix('\t') {
            Some(entry) => {
                let path = entry.split_once('\t').map_or(entry, |(path, _)| path);
                files.insert(path.to_string());
            }
            None if line == "site" => complete = true,
            None => {}
        }
    }
    complete.then_some(files)
}

/// A path inside the output folder: relative, with no way out of it.
fn is_relative(path: &str) -> bool {
    let path = Path::new(path);
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// The marker file's text: `sentence`, then the record.
pub(super) fn render(sentence: &str, manifest: &Manifest, fingerprints: &Fingerprints) -> String {
    let mut text = format!("{sentence}\n");
    for (stream, (key, files)) in manifest {
        text.push_str(&format!("stream\t{}\t{}\t{key:016x}\n", stream.slug, stream.lang));
        for file in files {
            text.push('\t');
            text.push_str(file);
            if let Some(size) = fingerprints.get(file) {
                text.push_str(&format!("\t{size}"));
            }
            text.push('\n');
        }
    }
    text.push_str("site\n");
    let in_streams: std::collections::BTreeSet<&String> = manifest.values().flat_map(|(_, files)| files).collect();
    for (file, size) in fingerprints.iter().filter(|(file, _)| !in_streams.contains(file)) {
        text.push_str(&format!("\t{file}\t{size}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut manifest = Manifest::new();
        let stream = Stream { slug: "privacy".into(), lang: "ja".into() };
        manifest.insert(stream, (0xabc, vec!["ja/privacy/index.html".into(), "api/v1/ja/privacy/current.json".into()]));
        let fingerprints: Fingerprints = [("ja/privacy/index.html".to_string(), 120)].into();
        let text = render("Built by kiyaku.", &manifest, &fingerprints);
        assert_eq!(parse(&text), (manifest, fingerprints));
    }

    #[test]
    fn the_marker_lists_every_file() {
        let mut manifest = Manifest::new();
        let stream = Stream { slug: "privacy".into(), lang: "ja".into() };
        manifest.insert(stream, (1, vec!["ja/privacy/index.html".into()]));
        let fingerprints: Fingerprints = [("ja/privacy/index.html".into(), 1), ("index.html".into(), 2)].into();
        let all = listed(&render("Built by kiyaku.", &manifest, &fingerprints)).unwrap();
        assert!(all.contains("index.html") && all.contains("ja/privacy/index.html"));
        assert!(all.contains(crate::base::layout::MARKER));
        assert_eq!(listed(""), None);
        assert_eq!(listed("Built by kiyaku.\nstream\ta\tja\t1\n\tx.html\n"), None, "an earlier kiyaku's");
    }

    #[test]
    fn anything_odd_means_no_record() {
        for text in [
            "marker\nstream\ta\tja\tnothex\n\tx.html\n",
            "marker\n\torphan.html\n",
            "marker\nstream\ta\tja\t1\n\t../outside.html\n",
            "marker\nstream\ta\tja\t1\n\t/etc/passwd\n",
            "marker\nsomething else\n",
        ] {
            assert!(parse(text).0.is_empty(), "{text:?}");
        }
        assert!(parse("Built by kiyaku. This folder is replaced whole by each build.\n").0.is_empty());
    }
}
