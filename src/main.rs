//! The `kiyaku` command's entry point: parses the arguments, runs the command, prints the error
//! chain once (`error:` then each `caused by:`) and returns the exit code.

use std::error::Error as _;
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
            let mut message = format!("error: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                // A cause its own error already quotes is not said twice.
                let text = cause.to_string();
                if !message.contains(&text) {
                    message.push_str(&format!("\n  caused by: {text}"));
                }
                source = cause.source();
            }
            eprintln!("{message}");
            ExitCode::from(err.exit_code())
        }
    }
}
