//! What every stage stands on and nothing else: the diagnostics collector
//! and source positions, TOML helpers, the build day, phase timings, URL
//! percent-decoding and the names of the files a site keeps at its root.
//! Modules here name no other module of the crate.

pub mod diag;
pub mod layout;
pub mod timing;
pub mod today;
pub mod toml_util;
pub mod url;
