//! `dabir train …`: rebuilds the embedded models from the corpora in `../shared/data`.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use dabir::clean::zwnj::train as zwnj_train;
use std::path::PathBuf;
use std::process::ExitCode;

/// Which model to train.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// The ZWNJ restoration model (models/zwnj.bin).
    Zwnj(ZwnjArgs),
}

/// Arguments of `dabir train zwnj`.
#[derive(Debug, Args)]
pub struct ZwnjArgs {
    /// The data folder (the project's `../shared/data`).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/zwnj.bin")]
    out: PathBuf,
    /// Perceptron epochs.
    #[arg(long, default_value_t = 5)]
    epochs: usize,
}

fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs `dabir train`.
pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Zwnj(a) => {
            // Train on the train split and the lexicon; tune thresholds on dev only.
            let sentences = read(&a.data.join("zwnj/perdt-train.txt"))?;
            let lexicon = read(&a.data.join("lexicon-hazm/words.dat"))?;
            let verbs = read(&a.data.join("lexicon-hazm/verbs.dat"))?;
            let dev = read(&a.data.join("zwnj/perdt-dev.txt"))?;
            let mut model = zwnj_train::train(zwnj_train::TrainInput {
                sentences: &sentences,
                lexicon: Some(&lexicon),
                verbs: Some(&verbs),
                epochs: a.epochs,
            });
            eprintln!("trained: {}", model.summary());
            let [join, space, mixed] = zwnj_train::tune(&mut model, &dev);
            eprintln!(
                "dev ZWNJ F1: join {:.4}, space {:.4}, mixed {:.4}; thresholds {:?}",
                join.f1(),
                space.f1(),
                mixed.f1(),
                model.thresholds()
            );
            let bytes = model.to_bytes();
            std::fs::write(&a.out, &bytes)
                .with_context(|| format!("writing {}", a.out.display()))?;
            eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}
