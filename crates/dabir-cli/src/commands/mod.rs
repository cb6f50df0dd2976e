//! The subcommands, one file each.

mod analyze;
pub mod normalize;
mod tag;
mod train;
mod train_ner;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod eval;
mod eval_ner;
mod extract;
mod ner;
mod serve;
mod tokenize;

/// dabir: clean, segment and analyse Persian text.
#[derive(Debug, Parser)]
#[command(name = "dabir", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Rebuild an embedded model from the corpora.
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Clean Persian text line by line: Unicode, letters, digits, punctuation, spacing,
    /// ZWNJ restoration, page residue.
    Normalize(normalize::NormalizeArgs),
    /// Score a CoNLL-U file against gold (CoNLL 2018 metrics).
    Eval(eval::EvalArgs),
    /// Split raw text into sentences, tokens and words (CoNLL-U, JSON or text).
    Tokenize(tokenize::TokenizeArgs),
    /// Extract dates, quantities, quotations and incidents (JSON or text).
    Extract(extract::ExtractArgs),
    /// Fill LEMMA, UPOS, XPOS and FEATS of a CoNLL-U file, keeping its tokenization.
    Tag(tag::TagArgs),
    /// Tag named entities of pre-tokenized sentences (token<TAB>BIO-tag output).
    Ner(ner::NerArgs),
    /// Score a BIO-tagged file against gold (CoNLL exact spans, per type and micro).
    EvalNer(eval_ner::EvalNerArgs),
    /// Run the whole pipeline (clean, segment, morphology): JSON Documents, CoNLL-U or text.
    Analyze(analyze::AnalyzeArgs),
    /// Serve the JSON API and the web page over HTTP.
    Serve(serve::ServeArgs),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Train(c) => train::run(c),
        Command::Normalize(args) => normalize::run(args),
        Command::Eval(a) => eval::run(a),
        Command::Tokenize(a) => tokenize::run(a),
        Command::Tag(a) => tag::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Ner(a) => ner::run(a),
        Command::EvalNer(a) => eval_ner::run(a),
        Command::Analyze(a) => analyze::run(a),
        Command::Serve(a) => serve::run(a),
    }
}
