//! kiyaku publishes legal policies (privacy policies, terms of use, cookie
//! notices) as a versioned, bilingual static website.
//!
//! The build is a pipeline with one module per stage: [`load`] (the only
//! reader) → [`parse`] → [`model`] → [`render`] (pure) → [`write`] (the only
//! writer). The subcommands in [`cmd`] reuse it.

pub mod appi;
pub mod banner;
pub mod blocks;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod comparison;
pub mod config;
pub mod diag;
pub mod error;
pub mod export;
pub mod html;
pub mod i18n;
pub mod import;
pub mod lineage;
pub mod load;
pub mod lock;
pub mod model;
pub mod pages;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod sitemap;
pub mod timing;
pub mod today;
pub mod toml_util;
pub mod view;
pub mod write;

use std::process::ExitCode;

pub use error::Error;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> Result<ExitCode, Error> {
    match cli.command {
        cli::Command::Build(args) => cmd::build::run(&cmd::build::BuildOptions::from_args(args)?),
        cli::Command::Check(args) => cmd::check::run(&cmd::check::CheckOptions::from_args(args)?),
        cli::Command::Init(args) => {
            cmd::init::run(&cmd::init::InitOptions { dir: args.dir, today: today::from_env(None)? })
        }
        cli::Command::NewVersion(args) => cmd::new_version::run(&cmd::new_version::NewVersionOptions {
            root: args.root,
            slug: args.slug,
            effective: args.effective,
            announced: args.announce,
        }),
        cli::Command::Import(args) => cmd::import::run(&cmd::import::ImportOptions::from_args(args)?),
        cli::Command::Serve(args) => serve::run(&serve::ServeOptions {
            root: args.site.root,
            address: std::net::SocketAddr::new(args.bind, args.port),
            now: args.site.now,
        }),
    }
}
