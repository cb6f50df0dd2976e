//! `dabir train ner`: trains an entity recogniser from given BIO files.
//!
//! `--preset default` is the shipped model (all Arman folds + PerDT NER dev, academic
//! research use only), `--preset no-arman` the one without Arman; `--train TAGSET:FILE`
//! (repeatable) trains on any files, e.g. one Arman train fold. No test split is read
//! unless given explicitly with `--dev` (scoring only).

use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use dabir::entities::conll::read_tagged;
use dabir::entities::tagset::TagSet;
use dabir::entities::train::{
    learn_clusters, learn_word_classes, read_examples, train_with_classes, Example, TrainOptions,
};
use dabir::entities::ModelInfo;
use dabir::eval::ner::{score, ScoreOptions};
use dabir::model::{Reader, Writer};
use dabir::morphology::clusters::Clusters;
use std::path::PathBuf;

/// Arguments of `dabir train ner`.
#[derive(Debug, Args)]
pub struct NerTrainArgs {
    /// The data folder (holds ner-arman/, ner-perdt/, ud-perdt/).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// A standard training set (instead of or in addition to --train).
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// A training file with its tag set, `arman:PATH` or `perdt:PATH` (repeatable).
    #[arg(long)]
    train: Vec<String>,
    /// Where to write the model.
    #[arg(long, default_value = "models/ner.bin")]
    out: PathBuf,
    /// With --clusters-raw-only: the clusters are read from this file if it exists, else
    /// learned and written there.
    #[arg(long, default_value = "target/ner-clusters.bin")]
    clusters_file: PathBuf,
    /// Learn the clusters from the raw PerDT tokens only (cached in --clusters-file),
    /// not from those plus the training files' tokens (the default).
    #[arg(long)]
    clusters_raw_only: bool,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = 2)]
    cluster_min_count: u32,
    /// Number of word clusters to learn.
    #[arg(long, default_value_t = 512)]
    clusters: usize,
    /// Word classes at several granularities, finest first (comma-separated class
    /// counts, at most 4 levels; `0` or empty: none), learned from the same text as the
    /// clusters. Default: 1024,256,64,16 when Arman is among the training files, none
    /// on PerDT NER alone, where they lost in dev cross-validation.
    #[arg(long)]
    word_classes: Option<String>,
    /// The word classes describe a word by its neighbours among this many most
    /// frequent words.
    #[arg(long, default_value_t = 1000)]
    word_class_context: usize,
    /// The word classes look at neighbours up to this many positions away (1–3).
    #[arg(long, default_value_t = 1)]
    word_class_window: usize,
    /// Add the words 3 to 5 before each token as features (a bag: the word that opened
    /// a long EVENT, FAC or PRO name). Default: on when Arman is among the training
    /// files, off on PerDT NER alone; `--far-left false` turns it off.
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    far_left: Option<bool>,
    /// Passes over the data.
    #[arg(long)]
    epochs: Option<usize>,
    /// Perceptrons trained on different shuffles and averaged (parameter mixing;
    /// default 1).
    #[arg(long)]
    mixes: Option<usize>,
    /// Cut the training data into contiguous parts for the gazetteer features instead
    /// of every fifth sentence.
    #[arg(long)]
    gazetteer_contiguous: bool,
    /// Do not use the morphology stage's parts of speech.
    #[arg(long)]
    no_morphology: bool,
    /// A file to score the model on after training, `TAGSET:PATH` (held-out data).
    #[arg(long)]
    dev: Option<String>,
}

/// The word classes of a model trained with Arman (finest level first).
const ARMAN_WORD_CLASSES: &str = "1024,256,64,16";

/// The feature recipe that the training data calls for, unless the flags say otherwise:
/// (word class sizes, far-left words). With Arman among the training files, word
/// classes at four levels and the far-left words: +0.44 on the Arman fold mean
/// (75.39 against 74.95) and +0.29 on the last fifth of PerDT NER dev for a model
/// trained like the shipped one (Arman + the other four fifths), at 0.82 of the
/// tagging speed (about 290k tokens per CPU second). On PerDT NER alone they lost 1.5
/// in dev cross-validation, so that recipe stays without them (BENCHMARKS.md, Named
/// entities, sessions 6 and 7).
fn recipe(a: &NerTrainArgs, arman: bool) -> (String, bool) {
    let classes = a.word_classes.clone().unwrap_or_else(|| {
        if arman {
            ARMAN_WORD_CLASSES.to_string()
        } else {
            String::new()
        }
    });
    (classes, a.far_left.unwrap_or(arman))
}

/// Standard training sets.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Preset {
    /// All Arman folds + PerDT NER dev (academic research use only).
    Default,
    /// PerDT NER dev only.
    NoArman,
}

fn split_spec(spec: &str) -> anyhow::Result<(TagSet, &str)> {
    let (ts, path) = spec
        .split_once(':')
        .with_context(|| format!("{spec:?} is not TAGSET:PATH"))?;
    let tagset = TagSet::named(ts).with_context(|| format!("unknown tag set {ts:?}"))?;
    Ok((tagset, path))
}

fn clusters(a: &NerTrainArgs, examples: &[Example]) -> anyhow::Result<Clusters> {
    let extra = if a.clusters_raw_only { &[] } else { examples };
    if extra.is_empty() {
        if let Ok(bytes) = std::fs::read(&a.clusters_file) {
            let mut r = Reader::open(&bytes, "ner-clusters", 1)?;
            return Ok(Clusters::read(&mut r)?);
        }
    }
    let path = a.data.join("ud-perdt/train-tokens.txt");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let c = learn_clusters(&text, extra, a.clusters, a.cluster_min_count);
    eprintln!(
        "learned {} word clusters over {} words",
        a.clusters,
        c.len()
    );
    if !extra.is_empty() {
        return Ok(c);
    }
    let mut w = Writer::new("ner-clusters", 1);
    c.write(&mut w);
    if let Some(dir) = a.clusters_file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(&a.clusters_file, w.finish())
        .with_context(|| format!("writing {}", a.clusters_file.display()))?;
    Ok(c)
}

/// Runs `dabir train ner`.
pub fn run(a: NerTrainArgs) -> anyhow::Result<()> {
    let mut specs: Vec<String> = a.train.clone();
    let d = a.data.to_string_lossy();
    match a.preset {
        Some(Preset::Default) => {
            for k in 1..=3 {
                specs.push(format!("arman:{d}/ner-arman/test_fold{k}.txt"));
            }
            specs.push(format!("perdt:{d}/ner-perdt/dev.bio"));
        }
        Some(Preset::NoArman) => specs.push(format!("perdt:{d}/ner-perdt/dev.bio")),
        None => {}
    }
    if specs.is_empty() {
        bail!("nothing to train on: give --preset or --train TAGSET:PATH");
    }
    let mut examples: Vec<Example> = Vec::new();
    let mut arman = false;
    let mut names = Vec::new();
    for spec in &specs {
        let (tagset, path) = split_spec(spec)?;
        arman |= tagset.corpus() == "arman";
        let bytes = std::fs::read(path).with_context(|| format!("reading {path}"))?;
        let ex = read_examples(&bytes, &tagset);
        eprintln!("{path}: {} sentences ({})", ex.len(), tagset.corpus());
        examples.extend(ex);
        names.push(
            std::path::Path::new(path)
                .file_name()
                .map_or(path.to_string(), |f| f.to_string_lossy().into_owned()),
        );
    }
    let mut opts = TrainOptions::default();
    if let Some(e) = a.epochs {
        opts.epochs = e;
    }
    if let Some(m) = a.mixes {
        opts.mixes = m;
    }
    opts.gazetteer_contiguous |= a.gazetteer_contiguous;
    opts.morphology = !a.no_morphology;
    let (word_classes, far_left) = recipe(&a, arman);
    opts.features.far_left = far_left;
    let info = ModelInfo {
        name: if arman { "arman+perdt" } else { "perdt" }.into(),
        trained_on: names.join(", "),
        licence: if arman {
            "ACADEMIC RESEARCH USE ONLY: trained on ArmanPersoNERCorpus, released only for academic research use".into()
        } else {
            "trained on UD PerDT (CC BY-SA 4.0)".into()
        },
    };
    let c = clusters(&a, &examples)?;
    let sizes: Vec<usize> = word_classes
        .split(',')
        .filter(|x| !x.trim().is_empty())
        .map(|x| x.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .with_context(|| format!("--word-classes {word_classes:?}"))?;
    let t0 = std::time::Instant::now();
    let classes = if sizes.iter().any(|&k| k > 0) {
        let path = a.data.join("ud-perdt/train-tokens.txt");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let extra = if a.clusters_raw_only {
            &[]
        } else {
            &examples[..]
        };
        let wc = learn_word_classes(
            &text,
            extra,
            &sizes,
            a.cluster_min_count,
            a.word_class_context,
            a.word_class_window,
        );
        eprintln!(
            "learned word classes {sizes:?} over {} words in {:.1} s",
            wc.len(),
            t0.elapsed().as_secs_f64()
        );
        wc
    } else {
        Default::default()
    };
    let t0 = std::time::Instant::now();
    let model = train_with_classes(&examples, c, classes, &opts, info)?;
    eprintln!("trained in {:.1} s", t0.elapsed().as_secs_f64());
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    if let Some(dev) = &a.dev {
        let (tagset, path) = split_spec(dev)?;
        let bytes = std::fs::read(path).with_context(|| format!("reading {path}"))?;
        let gold = read_examples(&bytes, &tagset);
        let mut sys = String::new();
        let mut gold_txt = String::new();
        let view = model.view_index(tagset.corpus()).unwrap_or(0);
        for e in &gold {
            let toks: Vec<&str> = e.tokens.iter().map(String::as_str).collect();
            let tags = model.tags_as(&toks, view);
            dabir::entities::conll::write_tagged(
                &mut sys,
                toks.iter().copied(),
                tags.iter().map(String::as_str),
            );
            dabir::entities::conll::write_tagged(
                &mut gold_txt,
                toks.iter().copied(),
                e.tags.iter().map(String::as_str),
            );
        }
        let s = score(
            &read_tagged(gold_txt.as_bytes()),
            &read_tagged(sys.as_bytes()),
            &ScoreOptions::default(),
        )?;
        eprint!("{path}:\n{}", s.table());
    }
    Ok(())
}
