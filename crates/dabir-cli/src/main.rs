//! `dabir`: the command-line surface of the dabir library. Each subcommand lives in
//! its own file under `commands/` and only translates between files and the library.

mod commands;
mod stream;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dabir: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}
