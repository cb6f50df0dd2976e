//! Named entities: people, organisations, places, facilities, products, events, and the
//! dates, times, money and percentages of corpora that mark them.
//!
//! A structured averaged perceptron (Collins 2002) labels each token `O`, `B-X` or `I-X`;
//! Viterbi decoding over the label transitions, with `I-X` allowed only after `B-X` or
//! `I-X`, picks the best whole sequence. The pieces, one job per file:
//!
//! | module | job |
//! |---|---|
//! | [`tagset`] | entity types and each corpus' tag names (the data table `tagsets.tsv`) |
//! | [`conll`] | token-per-line files with tags: reading (any bytes) and writing |
//! | [`features`] | word normalisation and the hashed features of each token |
//! | [`gazetteer`] | entity phrases and words of the training data, with entity ratios |
//! | [`decode`] | the BIO label set and constrained Viterbi |
//! | [`model`] | the model file |
//! | [`train`] | structured-perceptron training, clusters from raw text |
//! | [`word_classes`] | word classes at several granularities, from raw text |
//!
//! A model trained on several corpora keeps one [`View`] per corpus convention (domain
//! adaptation by feature augmentation: shared weights plus per-corpus weights, folded
//! into one plain weight table per corpus); the first view is the default.
//!
//! Two models are embedded: [`Embedded::Default`], trained on all ArmanPersoNERCorpus
//! folds plus the PerDT NER dev split — **for academic research use only**, as the Arman
//! corpus' licence requires; and [`Embedded::NoArman`], trained on PerDT NER dev alone
//! (CC BY-SA 4.0; types PER, ORG, LOC, DAT, TIM, MON, PCT).
//!
//! ```
//! use dabir::entities::{Embedded, Recognizer};
//! let r = Recognizer::embedded(Embedded::Default).unwrap();
//! let tokens = ["علی", "لاریجانی", "در", "تهران", "گفت", "."];
//! let spans = r.recognize(&tokens);
//! assert!(spans.iter().any(|s| s.kind.as_str() == "PER" && s.start == 0 && s.end == 2));
//! assert!(spans.iter().any(|s| s.kind.as_str() == "LOC" && s.start == 3));
//! ```

pub mod conll;
pub mod decode;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod tagset;
pub mod train;
pub mod word_classes;

use crate::document::{Document, Entity, Span};
use crate::error::Result;
use crate::learn::Perceptron;
use crate::morphology::clusters::Clusters;
use crate::morphology::Analyzer;
use decode::{viterbi, Labels};
use features::{FeatureSet, Featurizer, SentenceFeatures};
use gazetteer::Gazetteer;
use serde::Serialize;
use std::sync::OnceLock;
pub use tagset::EntityType;
use word_classes::WordClasses;

/// The model file kind and format version.
pub const MODEL_KIND: &str = "entities";
/// Bumped whenever the layout or the features change.
pub const MODEL_VERSION: u32 = 4;

/// An entity over tokens `start..end` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct EntitySpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The type.
    pub kind: EntityType,
}

/// Where a model came from and under what terms it may be used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModelInfo {
    /// A short name (`arman+perdt`, `perdt`).
    pub name: String,
    /// The training files.
    pub trained_on: String,
    /// The terms the training data puts on the model.
    pub licence: String,
}

/// The embedded models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedded {
    /// All Arman folds + PerDT NER dev; academic research use only.
    Default,
    /// PerDT NER dev only; no Arman data.
    NoArman,
}

static DEFAULT_MODEL: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin"));
static NO_ARMAN_MODEL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/ner-no-arman.bin"
));

/// The weights of one annotation convention (one corpus' guidelines: Arman marks a
/// country acting as a state ORG and has FAC/PRO/EVENT; PerDT marks it LOC and has
/// DAT/TIM/MON/PCT). A model trained on several corpora shares what they agree on and
/// keeps one view per corpus (see [`train`]).
#[derive(Debug, Clone)]
pub struct View {
    name: String,
    /// The types this view may output (bits of [`EntityType::bit`]).
    types: u16,
    perceptron: Perceptron,
    /// `(labels + 1) × labels` transition scores, last row the start, −∞ where BIO
    /// forbids or the label's type is not the view's.
    trans: Vec<f32>,
}

impl View {
    /// The convention's name (the corpus: `arman`, `perdt`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The types this view outputs.
    pub fn types(&self) -> Vec<EntityType> {
        EntityType::ALL
            .iter()
            .copied()
            .filter(|t| self.types & t.bit() != 0)
            .collect()
    }
}

/// A trained entity recogniser.
#[derive(Debug, Clone)]
pub struct Recognizer {
    info: ModelInfo,
    labels: Labels,
    views: Vec<View>,
    clusters: Clusters,
    gazetteer: Gazetteer,
    analyzer: Option<&'static Analyzer>,
    classes: WordClasses,
    set: FeatureSet,
}

impl Recognizer {
    /// An embedded model, read on first use.
    pub fn embedded(which: Embedded) -> Result<&'static Recognizer> {
        static DEFAULT: OnceLock<std::result::Result<Recognizer, String>> = OnceLock::new();
        static NO_ARMAN: OnceLock<std::result::Result<Recognizer, String>> = OnceLock::new();
        let (cell, bytes) = match which {
            Embedded::Default => (&DEFAULT, DEFAULT_MODEL),
            Embedded::NoArman => (&NO_ARMAN, NO_ARMAN_MODEL),
        };
        cell.get_or_init(|| Recognizer::from_bytes(bytes).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| crate::Error::model(MODEL_KIND, format!("embedded model: {e}")))
    }

    /// Puts trained parts together: `views` are (convention, type mask, weights); the
    /// transition matrices are read off the weights.
    pub fn from_parts(
        info: ModelInfo,
        labels: Labels,
        views: Vec<(String, u16, Perceptron)>,
        clusters: Clusters,
        gazetteer: Gazetteer,
        analyzer: Option<&'static Analyzer>,
    ) -> Self {
        let views = views
            .into_iter()
            .map(|(name, types, perceptron)| {
                let trans = transitions(&labels, types, |feats, scores| {
                    perceptron.scores(feats, scores)
                });
                View {
                    name,
                    types,
                    perceptron,
                    trans,
                }
            })
            .collect();
        Recognizer {
            info,
            labels,
            views,
            clusters,
            gazetteer,
            analyzer,
            classes: WordClasses::default(),
            set: FeatureSet::default(),
        }
    }

    /// The recogniser with the optional feature groups its weights were trained with.
    pub fn with_feature_set(mut self, set: FeatureSet) -> Self {
        self.set = set;
        self
    }

    /// The optional feature groups of the model.
    pub fn feature_set(&self) -> FeatureSet {
        self.set
    }

    /// The recogniser with the word classes its weights were trained with.
    pub fn with_word_classes(mut self, classes: WordClasses) -> Self {
        self.classes = classes;
        self
    }

    /// The word classes (none when the model was trained without them).
    pub fn word_classes(&self) -> &WordClasses {
        &self.classes
    }

    /// Where the model came from and its terms of use.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// The label set.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// The conventions (views) of the model; the first is the default.
    pub fn views(&self) -> &[View] {
        &self.views
    }

    /// The index of the view named `name`.
    pub fn view_index(&self, name: &str) -> Option<usize> {
        self.views
            .iter()
            .position(|v| v.name.eq_ignore_ascii_case(name))
    }

    /// The types the default view finds.
    pub fn types(&self) -> Vec<EntityType> {
        self.views.first().map(View::types).unwrap_or_default()
    }

    fn featurizer(&self) -> Featurizer<'_> {
        Featurizer {
            clusters: &self.clusters,
            gazetteer: &self.gazetteer,
            analyzer: self.analyzer,
            classes: &self.classes,
            set: self.set,
        }
    }

    /// The label of each token of one sentence (see [`Labels`]) under view `view`
    /// (the default view when out of range).
    pub fn label_as(&self, tokens: &[&str], view: usize) -> Vec<usize> {
        let Some(v) = self.views.get(view).or_else(|| self.views.first()) else {
            return vec![0; tokens.len()];
        };
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut sf = SentenceFeatures::default();
        self.featurizer().sentence(tokens, None, &mut sf);
        self.decode(&sf, v)
    }

    /// As [`Recognizer::label_as`], with each token's (UPOS, XPOS) given (from the
    /// words layer of a [`Document`]) instead of tagged again.
    pub fn label_tagged_as(
        &self,
        tokens: &[&str],
        tags: &[(&str, &str)],
        view: usize,
    ) -> Vec<usize> {
        let Some(v) = self.views.get(view).or_else(|| self.views.first()) else {
            return vec![0; tokens.len()];
        };
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut sf = SentenceFeatures::default();
        self.featurizer()
            .sentence_tagged(tokens, tags, None, &mut sf);
        self.decode(&sf, v)
    }

    /// The best label sequence of a featurized sentence under view `v`.
    fn decode(&self, sf: &SentenceFeatures, v: &View) -> Vec<usize> {
        let n = self.labels.len();
        let mut emit = vec![0f32; sf.len() * n];
        for (i, e) in emit.chunks_exact_mut(n).enumerate() {
            v.perceptron.scores(sf.at(i), e);
        }
        viterbi(&emit, &v.trans, n)
    }

    /// The label of each token of one sentence under the default view.
    pub fn label(&self, tokens: &[&str]) -> Vec<usize> {
        self.label_as(tokens, 0)
    }

    /// The BIO tag of each token of one sentence (`O`, `B-PER`, …) under view `view`.
    pub fn tags_as(&self, tokens: &[&str], view: usize) -> Vec<String> {
        self.label_as(tokens, view)
            .into_iter()
            .map(|l| self.labels.name(l))
            .collect()
    }

    /// The BIO tag of each token of one sentence under the default view.
    pub fn tags(&self, tokens: &[&str]) -> Vec<String> {
        self.tags_as(tokens, 0)
    }

    /// The entities of one sentence, given its tokens, under view `view`.
    pub fn recognize_as(&self, tokens: &[&str], view: usize) -> Vec<EntitySpan> {
        self.labels.spans(&self.label_as(tokens, view))
    }

    /// The entities of one sentence, given its tokens (default view).
    pub fn recognize(&self, tokens: &[&str]) -> Vec<EntitySpan> {
        self.recognize_as(tokens, 0)
    }
}

impl Recognizer {
    /// Fills [`Document::entities`] from the document's sentences and surface tokens
    /// (default view), replacing what was there; spans point into the cleaned text and
    /// the input, as for every layer.
    ///
    /// ```
    /// use dabir::entities::{Embedded, Recognizer};
    /// let mut doc = dabir::Pipeline::new()?.analyze("علی لاریجانی در تهران گفت.")?;
    /// Recognizer::embedded(Embedded::Default)?.annotate(&mut doc);
    /// let tehran = doc.entities.iter().find(|e| e.kind.as_str() == "LOC").unwrap();
    /// assert_eq!(tehran.form, "تهران");
    /// assert_eq!(doc.input_of(tehran.input_span), "تهران");
    /// # Ok::<(), dabir::Error>(())
    /// ```
    pub fn annotate(&self, doc: &mut Document) {
        let mut entities = Vec::new();
        for sentence in &doc.sentences {
            let tokens = doc.tokens_of(sentence);
            let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
            // The morphology stage has tagged the words already: reuse the tags (a
            // token split into host + clitics passes its host's) instead of tagging the
            // surface tokens again, which was ~45% of this stage's time.
            let tags: Vec<(&str, &str)> = tokens
                .iter()
                .map_while(|t| {
                    doc.words_of(t)
                        .first()
                        .and_then(|w| w.morphology.as_ref())
                        .map(|m| (m.upos.as_str(), m.xpos.as_str()))
                })
                .collect();
            let labels = if tags.len() == tokens.len() {
                self.label_tagged_as(&forms, &tags, 0)
            } else {
                self.label(&forms)
            };
            for e in self.labels.spans(&labels) {
                let (Some(first), Some(last)) =
                    (tokens.get(e.start), tokens.get(e.end.saturating_sub(1)))
                else {
                    continue;
                };
                let span = Span::new(first.span.start, last.span.end);
                entities.push(Entity {
                    span,
                    input_span: doc.input_span(span),
                    tokens: sentence.tokens.start + e.start..sentence.tokens.start + e.end,
                    kind: e.kind,
                    form: doc.text_of(span).to_string(),
                });
            }
        }
        doc.entities = entities;
    }
}

/// Runs the cleaning stage over a pre-tokenized sentence and returns each token as
/// cleaning left it (letters unified, ZWNJ restored, …), so tokens of scraped text can be
/// tagged like clean ones while the token count stays the same. The tokens are joined
/// with spaces, cleaned as one text, and each token's span is mapped into the cleaned
/// text; a token that cleaning emptied is kept as it was.
///
/// ```
/// let t = dabir::entities::clean_tokens(&["كتاب", "میشود"]);
/// assert_eq!(t[0], "کتاب");
/// ```
pub fn clean_tokens(tokens: &[&str]) -> Vec<String> {
    let mut joined = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        let s = joined.len();
        joined.push_str(t);
        spans.push(s..joined.len());
    }
    let cleaned = crate::clean::Cleaner::standard().clean(&joined);
    tokens
        .iter()
        .zip(spans)
        .map(|(t, sp)| {
            let out = cleaned.map.span_to_output(sp);
            let text = cleaned
                .text
                .get(out)
                .unwrap_or("")
                .trim_matches(|c: char| c.is_whitespace() || c == crate::script::ZWNJ);
            if text.is_empty() {
                t.to_string()
            } else {
                text.to_string()
            }
        })
        .collect()
}

/// The transition matrix from a scorer of the transition features, with the BIO
/// constraints applied.
/// Labels whose type is not in `types` are never entered.
pub(crate) fn transitions(
    labels: &Labels,
    types: u16,
    mut scores: impl FnMut(&[u64], &mut [f32]),
) -> Vec<f32> {
    let n = labels.len();
    let mut trans = vec![0f32; (n + 1) * n];
    for (prev, row) in trans.chunks_exact_mut(n).enumerate() {
        scores(&[features::transition(prev)], row);
        for (cur, x) in row.iter_mut().enumerate() {
            if matches!(labels.split(cur), Some((t, _)) if types & t.bit() == 0) {
                *x = f32::NEG_INFINITY;
            }
        }
    }
    labels.constrain(&mut trans);
    trans
}
