//! libFuzzer entry for `kiyaku::parse::fuzz::front_matter` (the target's body lives in src/parse/fuzz.rs,
//! where `cargo test --features fuzz` runs it on stable too).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kiyaku::parse::fuzz::front_matter(data));
