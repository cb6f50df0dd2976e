//! Training the morphology model, and cross-validating it inside the annotated data.
//!
//! Annotated data is UD PerDT dev only (the annotated train split is not ours to use);
//! unannotated data is the train split's tokens (for [`Clusters`]); the dictionary is
//! hazm's lexicon. [`cross_validate`] splits the annotated sentences into k folds and
//! labels each fold with a model trained on the others, so every sentence gets a
//! prediction from a model that never saw it: that is how options are tuned and how the
//! dev figures in BENCHMARKS.md are produced. The shipped model is then trained on all of
//! dev. The test split is never read here.

use super::clusters::Clusters;
use super::lemma::{LemmaExample, Lemmatizer};
use super::lexicon::Lexicon;
use super::profiles::Profiles;
use super::tagger::{Context, Tag, Tagger};
use super::Analyzer;
use crate::error::{Error, Result};
use crate::formats::conllu::{self, Sentence};

/// Training options (the defaults are the ones cross-validation chose).
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data for the tagger.
    pub tagger_epochs: usize,
    /// Taggers trained on different shuffles and averaged into each tagger
    /// ([`Tagger::train_mixed`]). 5-fold CV on dev with 3: UPOS 93.49, UFeats 93.51,
    /// Lemmas 97.49 against 93.39 / 93.24 / 97.50 with 1 (three times the training time,
    /// the model 9.8 MB instead of 8.7); the shipped model uses 3.
    pub tagger_mixes: usize,
    /// Passes over the word types for the edit-rule chooser.
    pub lemma_epochs: usize,
    /// Number of word clusters.
    pub clusters: usize,
    /// Words seen fewer times in the raw text get no cluster.
    pub cluster_min_count: u32,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Whether the tagger reads tag profiles learned from the raw text ([`Profiles`]).
    pub profiles: bool,
    /// Words seen fewer times in the raw text get no profile.
    pub profile_min_count: u32,
    /// Words tagged alike at least this many times in the annotated data are tagged
    /// without scoring (see [`Tagger::fix_unambiguous`]; `u32::MAX` turns it off).
    pub fixed_min_count: u32,
    /// Self-training: at most this many raw sentences on which the tagger without
    /// profiles and the tagger with them agree on every word are added, with their
    /// predicted tags, to a third round of training (0 turns it off). 5-fold CV on dev
    /// (one perceptron per tagger; UPOS / UFeats / Lemmas, against 93.39 / 93.24 /
    /// 97.50 without): 3,000 sentences at weight 0.3: 93.46 / 93.40 / 97.43; at weight
    /// 1: 93.48 / 93.37 / 97.46; 10,000 (about all that agree, 130k words) at 0.5:
    /// 93.48 / 93.43 / 97.47. Within the noise, for up to 6 times the training time:
    /// off (`dabir train morphology --self-train N --self-train-weight W` reruns it).
    pub self_train_sentences: usize,
    /// How much an update from a self-trained sentence counts (an annotated one: 1).
    pub self_train_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 10,
            tagger_mixes: 3,
            lemma_epochs: 10,
            clusters: 1024,
            cluster_min_count: 3,
            seed: 2026,
            profiles: true,
            profile_min_count: 1,
            fixed_min_count: 3,
            self_train_sentences: 0,
            self_train_weight: 0.3,
        }
    }
}

/// The training inputs, read from the shared data folder.
#[derive(Debug, Clone)]
pub struct TrainData {
    /// Annotated sentences (UD PerDT dev).
    pub annotated: Vec<Sentence>,
    /// Unannotated tokenized sentences (the PerDT train split's tokens).
    pub raw: Vec<Vec<String>>,
    /// hazm's lexicon.
    pub lexicon: Lexicon,
}

impl TrainData {
    /// Reads `ud-perdt/fa_perdt-ud-dev.conllu`, `ud-perdt/train-tokens.txt` and
    /// `lexicon-hazm/` under `data_dir`.
    pub fn load(data_dir: &str) -> Result<Self> {
        let annotated = conllu::read(&format!("{data_dir}/ud-perdt/fa_perdt-ud-dev.conllu"))?;
        let tp = format!("{data_dir}/ud-perdt/train-tokens.txt");
        let tokens = std::fs::read_to_string(&tp).map_err(|e| Error::io(&tp, e))?;
        let mut raw = Vec::new();
        let mut cur = Vec::new();
        for line in tokens.lines() {
            let t = line.trim();
            if t.is_empty() {
                if !cur.is_empty() {
                    raw.push(std::mem::take(&mut cur));
                }
            } else {
                cur.push(t.to_string());
            }
        }
        if !cur.is_empty() {
            raw.push(cur);
        }
        let lexicon = Lexicon::load_dir(&format!("{data_dir}/lexicon-hazm"))?;
        Ok(TrainData {
            annotated,
            raw,
            lexicon,
        })
    }
}

fn label(upos: &str, xpos: &str, feats: &str) -> String {
    Tag {
        upos: upos.into(),
        xpos: xpos.into(),
        feats: feats.into(),
    }
    .label()
}

/// Trains an analyzer on annotated `sentences`, with clusters already learned.
pub fn train(
    sentences: &[Sentence],
    raw: &[Vec<String>],
    lexicon: &Lexicon,
    clusters: &Clusters,
    opts: &TrainOptions,
) -> Analyzer {
    let mut lexicon = lexicon.clone();
    // the treebank's verb lemmas are past stems too
    let mut stems: Vec<&str> = sentences
        .iter()
        .flat_map(|s| s.words())
        .filter(|w| matches!(w.upos.as_str(), "VERB" | "AUX") && w.lemma != "_")
        .map(|w| w.lemma.as_str())
        .collect();
    stems.sort_unstable();
    stems.dedup();
    lexicon.add_past_stems(stems.iter().copied());
    lexicon.add_attested(raw, 2);
    // the costliest word features, precomputed for every word of the training text
    let mut verb_cache = rustc_hash::FxHashMap::default();
    let mut forms_cache = rustc_hash::FxHashMap::default();
    let dev_words = sentences
        .iter()
        .flat_map(|s| s.words())
        .map(|r| r.form.as_str());
    for w in raw.iter().flatten().map(String::as_str).chain(dev_words) {
        let h = crate::learn::FeatureHasher::str(w);
        if let std::collections::hash_map::Entry::Vacant(e) = verb_cache.entry(h) {
            e.insert(super::tagger::verb_signature(w, &lexicon));
            forms_cache.insert(h, super::tagger::related_forms(w, &lexicon));
        }
    }
    lexicon.set_verb_cache(verb_cache);
    lexicon.set_forms_cache(forms_cache);
    let no_profiles = Profiles::default();
    let ctx = Context {
        lexicon: &lexicon,
        clusters,
        profiles: &no_profiles,
    };
    let tagged: Vec<Vec<(String, String)>> = sentences
        .iter()
        .map(|s| {
            s.words()
                .map(|w| (w.form.clone(), label(&w.upos, &w.xpos, &w.feats)))
                .collect()
        })
        .collect();
    let mut tagger = Tagger::train_mixed(
        &ctx,
        &tagged,
        opts.tagger_epochs,
        opts.seed,
        opts.tagger_mixes,
    );
    let mut profiles = Profiles::default();
    if opts.profiles {
        let first_tags;
        (profiles, first_tags) = learn_profiles(&tagger, &ctx, raw, opts.profile_min_count);
        let ctx = Context {
            lexicon: &lexicon,
            clusters,
            profiles: &profiles,
        };
        tagger = Tagger::train_mixed(
            &ctx,
            &tagged,
            opts.tagger_epochs,
            opts.seed,
            opts.tagger_mixes,
        );
        if opts.self_train_sentences > 0 {
            let auto = agreed_sentences(&tagger, &ctx, raw, &first_tags, &tagged, opts);
            tagger = Tagger::train_with_auto(
                &ctx,
                &tagged,
                &auto,
                opts.self_train_weight,
                opts.tagger_epochs,
                opts.seed,
                opts.tagger_mixes,
            );
        }
    }
    tagger.set_frequent(frequent_words(raw, 5000));
    tagger.fix_unambiguous(&tagged, opts.fixed_min_count);
    let examples: Vec<LemmaExample> = sentences
        .iter()
        .flat_map(|s| s.words())
        .map(|w| LemmaExample {
            form: w.form.clone(),
            upos: w.upos.clone(),
            feats: w.feats.clone(),
            lemma: w.lemma.clone(),
        })
        .collect();
    let lemmatizer = Lemmatizer::train(&examples, &lexicon, opts.lemma_epochs, opts.seed);
    Analyzer::from_parts_with_profiles(lexicon, clusters.clone(), profiles, tagger, lemmatizer)
}

/// The raw sentences (with their predicted tags) on which `tagger` and the first
/// tagger (`first_tags`, without profiles) agree on every word, of 4 to 40 words and
/// with at least one word the annotated sentences lack: at most
/// `opts.self_train_sentences` of them, in the raw text's order.
fn agreed_sentences(
    tagger: &Tagger,
    ctx: &Context<'_>,
    raw: &[Vec<String>],
    first_tags: &[Vec<usize>],
    annotated: &[Vec<(String, String)>],
    opts: &TrainOptions,
) -> Vec<Vec<(String, String)>> {
    let known: rustc_hash::FxHashSet<&str> = annotated
        .iter()
        .flatten()
        .map(|(w, _)| w.as_str())
        .collect();
    let tags = tagger.tags();
    let mut out = Vec::new();
    for (s, first) in raw.iter().zip(first_tags) {
        if out.len() >= opts.self_train_sentences {
            break;
        }
        if !(4..=40).contains(&s.len()) || s.iter().all(|w| known.contains(w.as_str())) {
            continue;
        }
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        let second = tagger.tag(ctx, &words);
        if &second != first {
            continue;
        }
        let labelled: Option<Vec<(String, String)>> = words
            .iter()
            .zip(&second)
            .map(|(w, &t)| Some((w.to_string(), tags.get(t)?.label())))
            .collect();
        out.extend(labelled);
    }
    out
}

/// Tags the raw sentences with `tagger` and counts, per word, the UPOS it got; also
/// returns the tags.
fn learn_profiles(
    tagger: &Tagger,
    ctx: &Context<'_>,
    raw: &[Vec<String>],
    min_count: u32,
) -> (Profiles, Vec<Vec<usize>>) {
    let mut counts: rustc_hash::FxHashMap<u64, Vec<(&str, u32)>> = rustc_hash::FxHashMap::default();
    let tags = tagger.tags();
    let mut all = Vec::with_capacity(raw.len());
    for s in raw {
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        let predicted = tagger.tag(ctx, &words);
        for (w, &t) in words.iter().zip(&predicted) {
            let Some(tag) = tags.get(t) else { continue };
            let upos = tag.upos.as_str();
            let slot = counts
                .entry(crate::learn::FeatureHasher::str(w))
                .or_default();
            match slot.iter_mut().find(|(u, _)| *u == upos) {
                Some(e) => e.1 += 1,
                None => slot.push((upos, 1)),
            }
        }
        all.push(predicted);
    }
    (Profiles::from_counts(&counts, min_count), all)
}

/// The `n` most frequent words of the unannotated text.
fn frequent_words(raw: &[Vec<String>], n: usize) -> Vec<String> {
    let mut counts: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for w in raw.iter().flatten() {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(w, _)| w.to_string()).collect()
}

/// Trains on all the annotated data (the shipped model).
pub fn train_all(data: &TrainData, opts: &TrainOptions) -> Analyzer {
    let clusters = learn_clusters(data, opts);
    train(&data.annotated, &data.raw, &data.lexicon, &clusters, opts)
}

/// Word clusters from the unannotated sentences.
pub fn learn_clusters(data: &TrainData, opts: &TrainOptions) -> Clusters {
    Clusters::learn(&data.raw, opts.cluster_min_count, opts.clusters, 300, 8)
}

/// Fills LEMMA, UPOS, XPOS and FEATS of every word of `sentences` with predictions,
/// keeping the tokenization, comments and other columns.
pub fn tag_sentences(analyzer: &Analyzer, sentences: &mut [Sentence]) {
    for s in sentences.iter_mut() {
        let idx: Vec<usize> = s
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_word())
            .map(|(i, _)| i)
            .collect();
        let words: Vec<&str> = idx
            .iter()
            .filter_map(|&i| s.rows.get(i))
            .map(|r| r.form.as_str())
            .collect();
        let analyses: Vec<(String, String, String, String)> = analyzer
            .analyze(&words)
            .into_iter()
            .map(|a| {
                (
                    a.lemma,
                    a.upos.to_string(),
                    a.xpos.to_string(),
                    a.feats.to_string(),
                )
            })
            .collect();
        for (i, (lemma, upos, xpos, feats)) in idx.into_iter().zip(analyses) {
            if let Some(r) = s.rows.get_mut(i) {
                r.lemma = lemma;
                r.upos = upos;
                r.xpos = xpos;
                r.feats = feats;
            }
        }
    }
}

/// k-fold cross-validation: the annotated sentences, each labelled by a model trained
/// on the other folds (sentence `i` is in fold `i % k`).
pub fn cross_validate(data: &TrainData, k: usize, opts: &TrainOptions) -> Vec<Sentence> {
    let k = k.max(2);
    let clusters = learn_clusters(data, opts);
    let mut out = data.annotated.clone();
    for fold in 0..k {
        let train_part: Vec<Sentence> = data
            .annotated
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let model = train(&train_part, &data.raw, &data.lexicon, &clusters, opts);
        let mut held: Vec<Sentence> = data
            .annotated
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k == fold)
            .map(|(_, s)| s.clone())
            .collect();
        tag_sentences(&model, &mut held);
        let mut it = held.into_iter();
        for (i, slot) in out.iter_mut().enumerate() {
            if i % k == fold {
                if let Some(s) = it.next() {
                    *slot = s;
                }
            }
        }
    }
    out
}
