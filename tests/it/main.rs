//! kiyaku's integration tests, in one binary (one link of the library, not
//! one per file): each module tests one area through the public pipeline or
//! the built `kiyaku` program, over the fixture sites in `tests/fixtures/`.
//! Cases that are only data (an import input, an invalid site) are picked
//! up from their folders by [`cases`], with insta snapshots.

mod appi;
mod architecture;
mod build;
mod cases;
mod check;
mod commands;
mod common;
mod comparison_items;
mod export;
mod faults;
#[cfg(feature = "fuzz")]
mod fuzz_targets;
mod hostile;
mod languages;
mod pdf;
mod print;
mod publish;
mod rebuild;
mod record;
mod record_titles;
mod references;
mod revisions;
mod robustness;
mod search;
mod serve;
mod serve_load;
mod transmissions;
