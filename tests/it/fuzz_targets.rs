//! The libFuzzer targets of `src/parse/fuzz.rs`, run on stable: each over its
//! seeds (the files of the folder `TARGETS` names) and over mutations of them for a bounded
//! time (`KIYAKU_FUZZ_SECONDS` per target, default 5). Only with
//! `cargo test --features fuzz`; a failure prints the seed and the input's
//! file, and `KIYAKU_FUZZ_SEED` replays it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::robustness::{Rng, mutate, seconds};

/// Every file below `folder` of the repository, in name order.
fn seeds(folder: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A seed changed at a few places: by the text mutations of the robustness
/// test, or byte by byte (which can split a UTF-8 sequence).
fn mutated(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    if rng.below(2) == 0 {
        return mutate(rng, &String::from_utf8_lossy(seed)).into_bytes();
    }
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 => bytes.insert(at, rng.next() as u8),
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn run(target: &str, input: &[u8]) -> bool {
    let (_, body, _) = kiyaku::parse::fuzz::TARGETS.iter().find(|(name, _, _)| *name == target).unwrap();
    catch_unwind(AssertUnwindSafe(|| body(input))).is_ok()
}

#[test]
fn every_fuzz_target_survives_its_seeds_and_their_mutations() {
    let seed = std::env::var("KIYAKU_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    });
    for (target, _, folder) in kiyaku::parse::fuzz::TARGETS {
        let corpus = seeds(folder);
        assert!(corpus.len() >= 3, "{target}: seeds in {folder}/");
        for (i, input) in corpus.iter().enumerate() {
            assert!(run(target, input), "{target}: seed number {i} panics");
        }
        let mut rng = Rng(seed);
        let deadline = Instant::now() + Duration::from_secs(seconds());
        let mut runs = 0u64;
        while Instant::now() < deadline {
            let pick = rng.below(corpus.len());
            let input = mutated(&mut rng, &corpus[pick]);
            if !run(target, &input) {
                let path = std::env::temp_dir().join(format!("kiyaku-fuzz-{target}-{seed}"));
                std::fs::write(&path, &input).unwrap();
                panic!("{target} panicked on {} (after {runs} runs; KIYAKU_FUZZ_SEED={seed})", path.display());
            }
            runs += 1;
        }
        eprintln!("{target}: {} seeds, {runs} mutations (seed {seed})", corpus.len());
    }
}
