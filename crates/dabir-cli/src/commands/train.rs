//! `dabir train zwnj|segment|morphology`: rebuilds an embedded model from the corpora in
//! `../shared/data`. Each model is trained by the library's own training code; no test split is
//! read.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use dabir::clean::zwnj::train as zwnj_train;
use dabir::morphology::train::{cross_validate, train_all, TrainData, TrainOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Which model to train.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// The ZWNJ restoration model (models/zwnj.bin).
    Zwnj(ZwnjArgs),
    /// The segmentation model: clitic tables and sentence boundaries (models/segment.bin).
    Segment(SegmentArgs),
    /// Lemmas, UPOS, XPOS and features (models/morphology.bin).
    Morphology(MorphologyArgs),
    /// The entity recogniser (models/ner.bin, models/ner-no-arman.bin).
    Ner(super::train_ner::NerTrainArgs),
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
    /// Use only the lexicon words whose frequency in hazm's corpus is above zero (or not
    /// given): better on PerDT, worse on other text (BENCHMARKS.md, session 7); off for
    /// the shipped model.
    #[arg(long)]
    lexicon_attested_only: bool,
}

/// Arguments of `dabir train segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The data folder (the project's `../shared/data`).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/segment.bin")]
    out: PathBuf,
    /// Replaces the annotated treebank (PerDT dev) with another CoNLL-U file, for
    /// cross-validation.
    #[arg(long)]
    dev: Option<PathBuf>,
}

/// Arguments of `dabir train morphology`.
#[derive(Debug, Args)]
pub struct MorphologyArgs {
    /// The data folder (holds ud-perdt/ and lexicon-hazm/).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// The folder the model file (morphology.bin) goes to.
    #[arg(long, default_value = "models")]
    out: PathBuf,
    /// Cross-validate with this many folds instead of training the shipped model.
    #[arg(long)]
    cv: Option<usize>,
    /// With --cv: the CoNLL-U file the cross-validated predictions are written to.
    #[arg(long, default_value = "cv-morphology.conllu")]
    cv_out: PathBuf,
    /// Tagger epochs.
    #[arg(long)]
    epochs: Option<usize>,
    /// Number of word clusters.
    #[arg(long)]
    clusters: Option<usize>,
    /// Taggers trained on different shuffles and averaged (parameter mixing; default 3).
    #[arg(long)]
    mixes: Option<usize>,
    /// Self-training: how many agreed raw sentences to add (0: none).
    #[arg(long)]
    self_train: Option<usize>,
    /// Self-training: the weight of an auto-tagged sentence's updates.
    #[arg(long)]
    self_train_weight: Option<f32>,
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

/// Runs `dabir train`.
pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Zwnj(a) => train_zwnj(a)?,
        TrainCommand::Segment(a) => train_segment(a)?,
        TrainCommand::Morphology(a) => train_morphology(a)?,
        TrainCommand::Ner(a) => super::train_ner::run(a)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn train_zwnj(a: ZwnjArgs) -> anyhow::Result<()> {
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
        attested_only: a.lexicon_attested_only,
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
    write(&a.out, &model.to_bytes())
}

fn train_segment(a: SegmentArgs) -> anyhow::Result<()> {
    let data = a.data.to_string_lossy();
    let mut paths = dabir::segment::train::TrainPaths::under(&data);
    if let Some(dev) = a.dev {
        paths.dev_conllu = dev.to_string_lossy().into_owned();
    }
    let model = dabir::segment::train::train(&paths)
        .with_context(|| format!("training the segmentation model from {data}"))?;
    eprintln!(
        "clitics: {} split forms, {} kept forms, {} words, {} stems, {} verb stems; boundary: {} features",
        model.clitics.split.len(),
        model.clitics.keep.len(),
        model.clitics.words.len(),
        model.clitics.stems.len(),
        model.clitics.verb_stems.len(),
        model.boundary.weights.len(),
    );
    write(&a.out, &model.to_bytes())
}

fn train_morphology(a: MorphologyArgs) -> anyhow::Result<()> {
    let mut opts = TrainOptions::default();
    if let Some(e) = a.epochs {
        opts.tagger_epochs = e;
    }
    if let Some(c) = a.clusters {
        opts.clusters = c;
    }
    if let Some(m) = a.mixes {
        opts.tagger_mixes = m;
    }
    if let Some(n) = a.self_train {
        opts.self_train_sentences = n;
    }
    if let Some(w) = a.self_train_weight {
        opts.self_train_weight = w;
    }
    let data_dir = a.data.to_string_lossy();
    let data = TrainData::load(&data_dir)
        .with_context(|| format!("reading training data under {data_dir}"))?;
    if let Some(k) = a.cv {
        let predicted = cross_validate(&data, k, &opts);
        std::fs::write(&a.cv_out, dabir::formats::conllu::write(&predicted))
            .with_context(|| format!("writing {}", a.cv_out.display()))?;
        eprintln!("{k}-fold predictions written to {}", a.cv_out.display());
        return Ok(());
    }
    let model = train_all(&data, &opts);
    write(&a.out.join("morphology.bin"), &model.to_bytes())
}
