//! Command-line arguments, as clap sees them. Each subcommand's raw flags
//! are turned into a validated options struct by its module in `cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::base::today::parse_now;

/// Publish legal policies as a versioned, bilingual static website.
#[derive(Debug, Parser)]
#[command(name = "kiyaku", version, about, max_term_width = 100)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `kiyaku`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Validate the sources without writing anything.
    Check(CheckArgs),
    /// Preview the site with live reload (nothing is written).
    Serve(ServeArgs),
    /// Create a new site with a sample privacy policy.
    Init(InitArgs),
    /// Start a revision: copy the latest version of a policy to a new date.
    NewVersion(NewVersionArgs),
    /// Turn an existing policy (text, Markdown or HTML) into a source draft.
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
}

/// Arguments of `kiyaku completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// Arguments of `kiyaku init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the site in (new, or one without the files init writes: it never overwrites a file).
    pub dir: PathBuf,
}

/// Arguments of `kiyaku new-version`.
#[derive(Debug, clap::Args)]
pub struct NewVersionArgs {
    /// The policy's folder name under content/.
    pub slug: String,
    /// The site's folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The new version's effective date (施行日).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub effective: Date,
    /// The day the new version is announced.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub announce: Option<Date>,
}

/// Arguments of `kiyaku import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The policy to import: plain text, Markdown or HTML.
    pub file: PathBuf,
    /// The policy's folder name under content/ (created if needed).
    #[arg(long, value_name = "SLUG")]
    pub policy: String,
    /// The language of the file.
    #[arg(long, value_name = "LANG")]
    pub lang: String,
    /// The effective date; default: the latest 制定日/改定日 found in the text.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub effective: Option<Date>,
    /// When the page holds two versions (変更前/変更後): the earlier one's effective date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub previous_effective: Option<Date>,
    /// The site's folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Write the draft even where it does not keep the input's text as written (the findings are listed)
    #[arg(long)]
    pub allow_changes: bool,
}

/// Arguments of `kiyaku serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site's folder and the day to build for.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; another than 127.0.0.1 exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default web browser once it is served
    #[arg(short = 'O', long)]
    pub open: bool,
    /// The address the preview is reached at, when not this machine's (a tunnel, a forwarded port): links, JSON and feeds use it, and requests for its host are answered
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Arguments every command that builds a site takes: its folder and the day to build for.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site's folder (with kiyaku.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The day to build for (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today in Japan.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_now)]
    pub now: Option<Date>,
}

/// Arguments of `kiyaku build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site's folder and the day to build for.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site; default: <root>/public.
    #[arg(short = 'o', long, visible_alias = "output-dir", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish at this address instead of kiyaku.toml's base_url (a deploy preview): canonical links, JSON and feeds use it
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Fail instead of writing anything when kiyaku.lock would change (for a CI job that must not write it)
    #[arg(long)]
    pub locked: bool,
    /// Record published versions that kiyaku.lock has no record of (a site's first build, or history entered now) instead of refusing
    #[arg(long)]
    pub record_published: bool,
    /// How to print the problems found and what was built (json: one report on standard output)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Make no PDFs (a quicker build; pages then link none)
    #[arg(long)]
    pub no_pdf: bool,
    /// A font file or folder for the PDFs, instead of the site's fonts/ or the system's Japanese font (repeatable; default: KIYAKU_FONT_PATH, paths apart by ':')
    #[arg(long = "font", value_name = "PATH")]
    pub fonts: Vec<PathBuf>,
}

/// Arguments of `kiyaku check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site's folder and the day to build for.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Exit with 1 when warnings remain, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print the problems found.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Accept published versions that kiyaku.lock has no record of, as `build --record-published` would record them
    #[arg(long)]
    pub record_published: bool,
}

/// How `kiyaku check` prints the problems it finds (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages for people on standard error, quoting the source lines.
    Human,
    /// One JSON report on standard output, for editors and automated checks.
    Json,
}
