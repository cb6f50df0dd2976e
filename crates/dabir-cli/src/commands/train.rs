//! `dabir train morphology --data ../shared/data --out models/`: rebuilds a trained model
//! from the shared corpora. `--cv K --cv-out FILE` instead writes the k-fold
//! cross-validated predictions of the annotated data (for tuning and the dev figures).

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::morphology::train::{cross_validate, train_all, TrainData, TrainOptions};
use std::process::ExitCode;

/// Which model to train.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Stage {
    /// Lemmas, UPOS, XPOS and features (`models/morphology.bin`).
    Morphology,
}

/// Arguments of `dabir train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The model to train.
    stage: Stage,
    /// The shared data folder (holds ud-perdt/ and lexicon-hazm/).
    #[arg(long, default_value = "../shared/data")]
    data: String,
    /// Where the model file goes.
    #[arg(long, default_value = "models")]
    out: String,
    /// Cross-validate with this many folds instead of training the shipped model.
    #[arg(long)]
    cv: Option<usize>,
    /// With --cv: the CoNLL-U file the cross-validated predictions are written to.
    #[arg(long, default_value = "cv-morphology.conllu")]
    cv_out: String,
    /// Tagger epochs.
    #[arg(long)]
    epochs: Option<usize>,
    /// Number of word clusters.
    #[arg(long)]
    clusters: Option<usize>,
}

/// Runs `dabir train`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    match args.stage {
        Stage::Morphology => {
            let mut opts = TrainOptions::default();
            if let Some(e) = args.epochs {
                opts.tagger_epochs = e;
            }
            if let Some(c) = args.clusters {
                opts.clusters = c;
            }
            let data = TrainData::load(&args.data)
                .with_context(|| format!("reading training data under {}", args.data))?;
            if let Some(k) = args.cv {
                let predicted = cross_validate(&data, k, &opts);
                std::fs::write(&args.cv_out, dabir::formats::conllu::write(&predicted))
                    .with_context(|| format!("writing {}", args.cv_out))?;
                eprintln!("{k}-fold predictions written to {}", args.cv_out);
            } else {
                let model = train_all(&data, &opts);
                let path = format!("{}/morphology.bin", args.out.trim_end_matches('/'));
                let bytes = model.to_bytes();
                std::fs::write(&path, &bytes).with_context(|| format!("writing {path}"))?;
                eprintln!("wrote {path} ({} bytes)", bytes.len());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
