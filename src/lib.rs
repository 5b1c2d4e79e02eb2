//! kiyaku publishes legal policies (privacy policies, terms of use, cookie
//! notices) as a versioned, bilingual static website.
//!
//! The build is a pipeline with one module per stage: [`load`] (the only
//! reader of the sources) → [`parse`] → [`model`] → `render` (pure) →
//! `write` (the only writer), over [`base`]; [`pipeline`] is its front door,
//! and the subcommands in `cmd` reuse it. docs/architecture.md has the
//! rules of each boundary.

pub mod base;
pub mod cli;
mod cmd;
pub mod error;
pub mod load;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod render;
mod write;

use std::process::ExitCode;

pub use error::Error;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> Result<ExitCode, Error> {
    match cli.command {
        cli::Command::Build(args) => {
            // A report was asked for: a flag refused is reported too.
            let json = args.format == cli::Format::Json;
            let options = cmd::build::BuildOptions::from_args(args).inspect_err(|err| {
                if json {
                    cmd::build::print_failure(err);
                }
            })?;
            cmd::build::run(&options)
        }
        cli::Command::Check(args) => cmd::check::run(&cmd::check::CheckOptions::from_args(args)?),
        cli::Command::Init(args) => cmd::init::run(&cmd::init::InitOptions::from_args(args)?),
        cli::Command::NewVersion(args) => cmd::new_version::run(&cmd::new_version::NewVersionOptions::from_args(args)),
        cli::Command::Import(args) => cmd::import::run(&cmd::import::ImportOptions::from_args(args)?),
        cli::Command::Serve(args) => cmd::serve::run(&cmd::serve::ServeOptions::from_args(args)?),
        cli::Command::Completions(args) => cmd::completions::run(args.shell),
    }
}
