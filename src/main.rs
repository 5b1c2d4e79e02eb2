use std::error::Error as _;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kiyaku::cli::Cli::parse();
    match kiyaku::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let mut message = format!("error: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                message.push_str(&format!("\n  caused by: {cause}"));
                source = cause.source();
            }
            eprintln!("{message}");
            ExitCode::from(err.exit_code())
        }
    }
}
