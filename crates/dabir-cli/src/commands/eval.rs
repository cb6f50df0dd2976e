//! `dabir eval GOLD.conllu SYSTEM.conllu`: the CoNLL 2018 shared-task metrics.

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::eval::ud::{evaluate, Treebank};
use std::process::ExitCode;

/// Score a CoNLL-U system file against a gold one (CoNLL 2018 shared-task metrics).
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold CoNLL-U file.
    gold: String,
    /// The system CoNLL-U file (same text, any tokenization).
    system: String,
    /// Output: a table of precision / recall / F1 / aligned accuracy, or JSON.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
}

/// Output formats of `dabir eval`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum EvalFormat {
    /// The official script's table.
    Text,
    /// One JSON object: metric -> precision, recall, f1, aligned_accuracy and counts.
    Json,
}

/// Runs `dabir eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = Treebank::read(&args.gold).context("reading the gold file")?;
    let system = Treebank::read(&args.system).context("reading the system file")?;
    let scores = evaluate(&gold, &system)?;
    match args.format {
        EvalFormat::Text => print!("{}", scores.table()),
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&scores.to_json())?),
    }
    Ok(ExitCode::SUCCESS)
}
