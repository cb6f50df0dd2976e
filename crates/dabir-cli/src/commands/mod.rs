//! The subcommands, one file each.

mod tag;
mod train;

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
    /// Rebuild a trained model from the shared corpora.
    Train(train::TrainArgs),
    /// Fill LEMMA, UPOS, XPOS and FEATS of a CoNLL-U file, keeping its tokenization.
    Tag(tag::TagArgs),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Train(a) => train::run(a),
        Command::Tag(a) => tag::run(a),
    }
}
