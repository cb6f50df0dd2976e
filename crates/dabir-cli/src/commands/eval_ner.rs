//! `dabir eval-ner GOLD SYSTEM`: CoNLL exact-span precision, recall and F1 per type and
//! micro-averaged; the same computation and output as `../shared/bench/ner_score.py`.

use anyhow::Context as _;
use clap::Args;
use dabir::entities::conll::read_tagged;
use dabir::eval::ner::{score, ScoreOptions};
use std::process::ExitCode;

/// Arguments of `dabir eval-ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// The gold file (token … tag per line, blank line between sentences).
    gold: String,
    /// The system file, same sentences and tokens.
    system: String,
    /// Type renamings applied to both files before scoring, `gold=sys,...`
    /// (e.g. `pers=per,loc=loc`); types are compared lower-cased.
    #[arg(long, default_value = "")]
    map: String,
    /// Only score these types (after --map); others count as O.
    #[arg(long, default_value = "")]
    types: String,
    /// One JSON object instead of the table.
    #[arg(long)]
    json: bool,
}

/// Runs `dabir eval-ner`.
pub fn run(a: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let gold = std::fs::read(&a.gold).with_context(|| format!("reading {}", a.gold))?;
    let sys = std::fs::read(&a.system).with_context(|| format!("reading {}", a.system))?;
    let opts = ScoreOptions::parse(&a.map, &a.types)?;
    let s = score(&read_tagged(&gold), &read_tagged(&sys), &opts)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s.to_json())?);
    } else {
        print!("{}", s.table());
    }
    Ok(ExitCode::SUCCESS)
}
