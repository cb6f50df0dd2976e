//! The subcommands, one file each.

pub mod normalize;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// dabir: clean, segment and analyse Persian text.
#[derive(Debug, Parser)]
#[command(name = "dabir", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean Persian text line by line: Unicode, letters, digits, punctuation, spacing,
    /// ZWNJ restoration, page residue.
    Normalize(normalize::NormalizeArgs),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Normalize(args) => normalize::run(args),
    }
}
