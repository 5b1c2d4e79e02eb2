//! The `kiyaku` command's entry point: parses the arguments, runs the command, prints the error
//! chain once (`error:` then each `caused by:`) and returns the exit code.

use std::process::ExitCode;

use clap::Parser;

// Rendering allocates many large strings on every core; glibc's allocator
// spends a fifth of a build growing them (measured with perf, docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = kiyaku::cli::Cli::parse();
    match kiyaku::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", kiyaku::error::chain(&err));
            ExitCode::from(err.exit_code())
        }
    }
}
