//! Training: word clusters from raw text, then a structured averaged perceptron.
//!
//! Each epoch visits the sentences in a seeded random order, decodes each with the
//! current weights (constrained Viterbi) and, where the best sequence differs from the
//! gold one, rewards the gold labels' features and transitions and penalises the
//! predicted ones'. The weights are averaged over all steps (one step per sentence).
//! Optionally (`mixes`), several such perceptrons, trained on different orders of the
//! data, are averaged into the model (parameter mixing, as the morphology tagger does):
//! +0.6 F1 in cross-validation inside an Arman train fold (`scripts/cv-ner.sh`) but
//! nothing measurable on the official test folds, for 50% larger models — so not the
//! default.
//!
//! Trained on several corpora, whose guidelines differ, every feature gets a shared copy
//! and a copy per corpus (Daumé's feature augmentation); each corpus' view of the model
//! is the shared weights plus its own, folded into one table, so a view runs as fast as
//! a single-corpus model.
//!
//! The gazetteer features of a training sentence come from a gazetteer built from the
//! *other* parts of the training data (`gazetteer_folds` parts: every fifth sentence,
//! or with `gazetteer_contiguous` contiguous runs — neighbouring sentences share names,
//! so an interleaved cut lets a sentence's gazetteer know its neighbours' names; the
//! contiguous cut gained +0.6 F1 in cross-validation, nothing measurable on the test
//! folds), so the tagger learns how reliable a match is on text whose entities it has
//! not memorised — as at test time. The shipped model's gazetteer is built from all of
//! its training data.

use super::decode::{viterbi, Labels};
use super::features::{
    domain_feature, normalize, transition, FeatureSet, Featurizer, SentenceFeatures,
};
use super::gazetteer::{GazSentence, Gazetteer};
use super::tagset::{EntityType, TagSet};
use super::word_classes::WordClasses;
use super::{conll, transitions, ModelInfo, Recognizer};
use crate::error::Result;
use crate::learn::{FeatureHasher, Rng, Trainer};
use crate::morphology::clusters::Clusters;
use crate::morphology::Analyzer;

/// One training sentence: tokens and dabir BIO tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The tokens.
    pub tokens: Vec<String>,
    /// `O`, `B-PER`, … (dabir types).
    pub tags: Vec<String>,
    /// The corpus whose annotation convention the tags follow (`arman`, `perdt`).
    pub corpus: String,
}

/// Reads a tagged file, mapping its types through `tagset` (unmapped types become `O`).
pub fn read_examples(bytes: &[u8], tagset: &TagSet) -> Vec<Example> {
    conll::read_tagged(bytes)
        .into_iter()
        .map(|s| Example {
            tokens: s.iter().map(|r| r.token.clone()).collect(),
            tags: s.iter().map(|r| tagset.map_tag(&r.tag)).collect(),
            corpus: tagset.corpus().to_string(),
        })
        .collect()
}

/// Training options (the defaults are the ones tuning on held-out training data chose).
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Parts the training data is cut into for the gazetteer features.
    pub gazetteer_folds: usize,
    /// Cut those parts as contiguous runs of sentences (neighbouring sentences share
    /// names, so an interleaved cut lets a sentence's gazetteer know the names of its
    /// neighbours, which test text never has) instead of every `gazetteer_folds`-th
    /// sentence.
    pub gazetteer_contiguous: bool,
    /// Averaged weights at most this large (in absolute value) are dropped.
    pub prune: f32,
    /// Use UPOS/XPOS from the morphology stage.
    pub morphology: bool,
    /// Perceptrons trained on different shuffles and averaged into the model
    /// (parameter mixing; 1 = one perceptron).
    pub mixes: usize,
    /// The optional feature groups.
    pub features: FeatureSet,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            seed: 2026,
            gazetteer_folds: 5,
            gazetteer_contiguous: false,
            prune: 0.0,
            morphology: true,
            mixes: 1,
            features: FeatureSet::default(),
        }
    }
}

/// Learns word clusters from tokenized raw text (one token per line, a blank line
/// between sentences, as `ud-perdt/train-tokens.txt`), over normalised words.
/// The tokens of `extra` (the training sentences, say) are added to the text.
pub fn learn_clusters(tokens_file: &str, extra: &[Example], k: usize, min_count: u32) -> Clusters {
    Clusters::learn(&unannotated_text(tokens_file, extra), min_count, k, 300, 8)
}

/// The sentences word clusters and classes are learned from: the raw tokens (one per
/// line, a blank line between sentences) plus those of `extra`, normalised.
fn unannotated_text(tokens_file: &str, extra: &[Example]) -> Vec<Vec<String>> {
    let mut sentences: Vec<Vec<String>> = conll::read_tokens(tokens_file.as_bytes())
        .into_iter()
        .map(|s| s.iter().map(|w| normalize(w)).collect())
        .collect();
    sentences.extend(
        extra
            .iter()
            .map(|e| e.tokens.iter().map(|w| normalize(w)).collect()),
    );
    sentences
}

/// Learns word classes at the granularities `sizes` (finest first) from the same text
/// as [`learn_clusters`]: the raw tokens plus those of `extra`, normalised, words seen
/// at least `min_count` times, described by their neighbours among the `n_context`
/// most frequent words up to `window` positions away.
pub fn learn_word_classes(
    tokens_file: &str,
    extra: &[Example],
    sizes: &[usize],
    min_count: u32,
    n_context: usize,
    window: usize,
) -> WordClasses {
    WordClasses::learn(
        &unannotated_text(tokens_file, extra),
        min_count,
        sizes,
        n_context,
        window,
        8,
    )
}

/// The entity spans and normalised word hashes of an example, for gazetteers.
fn gazetteer_entry(labels: &Labels, ex: &Example, gold: &[usize]) -> GazSentence {
    let words = ex
        .tokens
        .iter()
        .map(|t| FeatureHasher::str(&normalize(t)))
        .collect();
    let spans = labels
        .spans(gold)
        .into_iter()
        .map(|s| (s.start, s.end, s.kind))
        .collect();
    (words, spans)
}

/// Gold labels with every `I-X` that does not continue an `X` made `B-X`.
fn gold_labels(labels: &Labels, tags: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(tags.len());
    for t in tags {
        let mut l = labels.parse(t);
        if !labels.allowed(out.last().copied(), l) {
            l -= 1; // I-X → B-X (B sits just before I)
        }
        out.push(l);
    }
    out
}

/// Trains a recogniser on `examples` (dabir tags) with `clusters`.
pub fn train(
    examples: &[Example],
    clusters: Clusters,
    opts: &TrainOptions,
    info: ModelInfo,
) -> Result<Recognizer> {
    train_with_classes(examples, clusters, WordClasses::default(), opts, info)
}

/// As [`train`], with word classes at several granularities as features too.
pub fn train_with_classes(
    examples: &[Example],
    clusters: Clusters,
    classes: WordClasses,
    opts: &TrainOptions,
    info: ModelInfo,
) -> Result<Recognizer> {
    let analyzer = if opts.morphology {
        Some(Analyzer::embedded()?)
    } else {
        None
    };
    let types: Vec<EntityType> = EntityType::ALL
        .iter()
        .copied()
        .filter(|t| {
            examples
                .iter()
                .any(|e| e.tags.iter().any(|g| g.ends_with(t.as_str())))
        })
        .collect();
    let labels = Labels::new(types);
    let golds: Vec<Vec<usize>> = examples
        .iter()
        .map(|e| gold_labels(&labels, &e.tags))
        .collect();
    let entries: Vec<_> = examples
        .iter()
        .zip(&golds)
        .map(|(e, g)| gazetteer_entry(&labels, e, g))
        .collect();
    let folds = opts.gazetteer_folds.max(2);
    let n_ex = examples.len().max(1);
    let part_of = |i: usize| {
        if opts.gazetteer_contiguous {
            i * folds / n_ex
        } else {
            i % folds
        }
    };
    let held_out: Vec<Gazetteer> = (0..folds)
        .map(|k| {
            let part: Vec<_> = entries
                .iter()
                .enumerate()
                .filter(|(i, _)| part_of(*i) != k)
                .map(|(_, e)| e.clone())
                .collect();
            Gazetteer::build(&part)
        })
        .collect();
    let full = Gazetteer::build(&entries);
    let fz = Featurizer {
        clusters: &clusters,
        gazetteer: &full,
        analyzer,
        classes: &classes,
        set: opts.features,
    };
    let feats: Vec<SentenceFeatures> = examples
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let toks: Vec<&str> = e.tokens.iter().map(String::as_str).collect();
            let mut sf = SentenceFeatures::default();
            fz.sentence(&toks, held_out.get(part_of(i)), &mut sf);
            sf
        })
        .collect();
    // corpora in order of first appearance; the first is the default view
    let mut domains: Vec<&str> = Vec::new();
    for e in examples {
        if !domains.contains(&e.corpus.as_str()) {
            domains.push(&e.corpus);
        }
    }
    let multi = domains.len() > 1;
    let dom_of: Vec<usize> = examples
        .iter()
        .map(|e| domains.iter().position(|d| *d == e.corpus).unwrap_or(0))
        .collect();
    let feats: Vec<SentenceFeatures> = if multi {
        feats
            .into_iter()
            .zip(&dom_of)
            .map(|(sf, &d)| augment(&sf, d))
            .collect()
    } else {
        feats
    };
    let all: Vec<usize> = (0..feats.len()).collect();
    let data = Prepared {
        feats: &feats,
        golds: &golds,
        dom_of: &dom_of,
        multi,
    };
    // the mixed perceptrons train in parallel (one thread each; they share the data)
    let mixes: Vec<crate::learn::Perceptron> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..opts.mixes.max(1) as u64)
            .map(|m| {
                let (labels, data, all) = (&labels, &data, &all);
                let seed = opts.seed.wrapping_add(m * 7919);
                scope.spawn(move || {
                    perceptron_pass(labels, data, all, opts.epochs, opts.prune, seed)
                })
            })
            .collect();
        runs.into_iter().filter_map(|r| r.join().ok()).collect()
    });
    let perceptron = crate::learn::Perceptron::mean(&mixes).ok_or_else(|| {
        crate::Error::model(
            super::MODEL_KIND,
            "the mixed perceptrons disagree on labels",
        )
    })?;
    let type_mask = |d: usize| -> u16 {
        examples
            .iter()
            .zip(&golds)
            .zip(&dom_of)
            .filter(|(_, &x)| x == d)
            .flat_map(|((_, g), _)| g.iter())
            .filter_map(|&l| labels.split(l))
            .fold(0u16, |m, (t, _)| m | t.bit())
    };
    let views: Vec<(String, u16, crate::learn::Perceptron)> = if multi {
        let domain_keys: rustc_hash::FxHashSet<u64> = perceptron
            .keys()
            .flat_map(|k| (0..domains.len()).map(move |d| domain_feature(k, d)))
            .collect();
        domains
            .iter()
            .enumerate()
            .map(|(d, name)| {
                let v = perceptron.merged(|k| !domain_keys.contains(&k), |k| domain_feature(k, d));
                (name.to_string(), type_mask(d), v)
            })
            .collect()
    } else {
        vec![(
            domains.first().copied().unwrap_or("").to_string(),
            type_mask(0),
            perceptron,
        )]
    };
    Ok(
        Recognizer::from_parts(info, labels, views, clusters, full, analyzer)
            .with_word_classes(classes)
            .with_feature_set(opts.features),
    )
}

/// The training data, featurized: each sentence's features, gold labels and corpus.
struct Prepared<'a> {
    feats: &'a [SentenceFeatures],
    golds: &'a [Vec<usize>],
    dom_of: &'a [usize],
    multi: bool,
}

/// One structured-perceptron training run over the sentences `members` (`epochs`
/// passes, in orders drawn from `seed`), its averaged weights (those at most `prune`
/// in absolute value dropped).
fn perceptron_pass(
    labels: &Labels,
    data: &Prepared<'_>,
    members: &[usize],
    epochs: usize,
    prune: f32,
    seed: u64,
) -> crate::learn::Perceptron {
    let n = labels.len();
    let (feats, golds, dom_of, multi) = (data.feats, data.golds, data.dom_of, data.multi);
    let names: Vec<String> = (0..n).map(|i| labels.name(i)).collect();
    let mut trainer = Trainer::new(names);
    let mut order: Vec<usize> = members.to_vec();
    let mut rng = Rng::new(seed);
    let mut emit = Vec::new();
    let all_types = u16::MAX;
    let trans_feats = |prev: usize, d: usize| -> Vec<u64> {
        let t = transition(prev);
        if multi {
            vec![t, domain_feature(t, d)]
        } else {
            vec![t]
        }
    };
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (Some(sf), Some(gold), Some(&d)) = (feats.get(k), golds.get(k), dom_of.get(k))
            else {
                continue;
            };
            if gold.is_empty() {
                continue;
            }
            let trans = transitions(labels, all_types, |f, s| {
                for &x in f {
                    trainer.scores(&trans_feats_one(x, d, multi), s);
                }
            });
            emit.clear();
            emit.resize(sf.len() * n, 0.0);
            for (i, e) in emit.chunks_exact_mut(n).enumerate() {
                trainer.scores(sf.at(i), e);
            }
            let pred = viterbi(&emit, &trans, n);
            trainer.tick();
            for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                let (gp, pp) = match i.checked_sub(1) {
                    Some(j) => (
                        gold.get(j).copied().unwrap_or(n),
                        pred.get(j).copied().unwrap_or(n),
                    ),
                    None => (n, n),
                };
                if g != p {
                    trainer.update(sf.at(i), g, 1.0);
                    trainer.update(sf.at(i), p, -1.0);
                }
                if g != p || gp != pp {
                    trainer.update(&trans_feats(gp, d), g, 1.0);
                    trainer.update(&trans_feats(pp, d), p, -1.0);
                }
            }
        }
    }
    trainer.finish(prune)
}

/// The transition feature `t` and, with several corpora, its copy for corpus `d`.
fn trans_feats_one(t: u64, d: usize, multi: bool) -> Vec<u64> {
    if multi {
        vec![t, domain_feature(t, d)]
    } else {
        vec![t]
    }
}

/// Each position's features followed by their copies for corpus `d`.
fn augment(sf: &SentenceFeatures, d: usize) -> SentenceFeatures {
    let mut out = SentenceFeatures::default();
    for i in 0..sf.len() {
        out.offsets.push(out.feats.len());
        let f = sf.at(i);
        out.feats.extend_from_slice(f);
        out.feats.extend(f.iter().map(|&x| domain_feature(x, d)));
    }
    out.offsets.push(out.feats.len());
    out
}
