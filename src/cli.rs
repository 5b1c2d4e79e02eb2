//! Command-line arguments, as clap sees them. Each subcommand's raw flags
//! are turned into a validated options struct by its module in `cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::today::parse_now;

/// Publish legal policies as a versioned, bilingual static website.
#[derive(Debug, Parser)]
#[command(name = "kiyaku", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Validate the sources without writing anything.
    Check(CheckArgs),
    /// Preview the site with live reload (nothing is written).
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; another than 127.0.0.1 exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site's folder (with kiyaku.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The day to build for (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today in Japan.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub now: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site; default: <root>/public.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Exit with 1 when warnings remain, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print the problems found.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
