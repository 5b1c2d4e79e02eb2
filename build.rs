//! Gives the program an identity that changes whenever its own code or
//! built-in theme does: pages kept from an earlier build (src/render/cache.rs) are
//! reused only by the same kiyaku. A hash of the files, not the time, so
//! that the same sources always build the same program.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    let mut hasher = DefaultHasher::new();
    // The importer and the format crate are part of the program too.
    for folder in ["src", "crates", "themes", "i18n"] {
        println!("cargo:rerun-if-changed={folder}");
        hash_folder(Path::new(folder), &mut hasher);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    std::fs::read("Cargo.lock").unwrap_or_default().hash(&mut hasher);
    println!("cargo:rustc-env=KIYAKU_BUILD_ID={:016x}", hasher.finish());
}

fn hash_folder(folder: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_folder(&path, hasher);
        } else {
            path.to_string_lossy().hash(hasher);
            std::fs::read(&path).unwrap_or_default().hash(hasher);
        }
    }
}
