//! What every stage stands on and nothing else: the diagnostics collector
//! and source positions, TOML helpers, the build day, phase timings, URL
//! percent-decoding and the names of the files a site keeps at its root.
//! Modules here name no other module of the crate.

pub mod diag;
pub(crate) mod layout;
pub(crate) mod timing;
pub(crate) mod today;
pub(crate) mod toml_util;
pub(crate) mod url;
