//! Morphology: lemmas, parts of speech and morphological features (UD PerDT conventions).
//!
//! [`Analyzer::analyze`] takes the words of one sentence, as the segmenter or a CoNLL-U
//! file gives them (clitics already split: ماتمش → ماتم + ش), and returns for each its
//! lemma, UPOS, XPOS and FEATS. The pieces:
//!
//! | module | job |
//! |---|---|
//! | [`tagger`] | combined UPOS/XPOS/FEATS tag, averaged perceptron, greedy left to right |
//! | [`lemma`] | treebank dictionary → verb analyser → learned edit rules |
//! | [`verbs`] | verb forms → past stem, tense, person, polarity, aspect |
//! | [`lexicon`] | hazm's word list (POS classes, frequency) and verb stems |
//! | [`clusters`] | word clusters learned from the raw train sentences |
//! | [`train`] | training and cross-validation from `../shared/data` |
//!
//! Everything is in one model file, `models/morphology.bin`, embedded in the library and
//! read once on first use. `dabir train morphology --data ../shared/data --out models/`
//! rebuilds it.
//!
//! ```
//! let analyzer = dabir::morphology::Analyzer::embedded().unwrap();
//! let out = analyzer.analyze(&["باورهای", "دینی", "را", "می‌گوید", "."]);
//! assert_eq!(out[0].lemma, "باور");
//! assert_eq!(out[0].upos, "NOUN");
//! assert_eq!(out[3].lemma, "گفت");
//! assert_eq!(out[3].upos, "VERB");
//! ```

pub mod clusters;
pub mod lemma;
pub mod lexicon;
pub mod tagger;
pub mod train;
pub mod verbs;

use crate::error::{Error, Result};
use crate::model::{Reader, Writer};
use clusters::Clusters;
use lemma::Lemmatizer;
use lexicon::Lexicon;
use std::sync::OnceLock;
use tagger::{Context, Tagger};

/// The model file kind and format version.
pub const MODEL_KIND: &str = "morphology";
/// Bumped whenever the layout or the features change.
pub const MODEL_VERSION: u32 = 1;

static EMBEDDED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/morphology.bin"
));

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'m> {
    /// The lemma (UD PerDT: verbs by their past stem).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: &'m str,
    /// PerDT's own part of speech (N_IANM, V_ACT, …).
    pub xpos: &'m str,
    /// UD features, `Number=Sing|Person=3`, or `_`.
    pub feats: &'m str,
}

/// Lemmatizer and tagger with their resources.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Lexicon,
    clusters: Clusters,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
}

impl Analyzer {
    /// The analyzer built into the library, read on first use.
    pub fn embedded() -> Result<&'static Analyzer> {
        static CELL: OnceLock<std::result::Result<Analyzer, String>> = OnceLock::new();
        CELL.get_or_init(|| Analyzer::from_bytes(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::model(MODEL_KIND, format!("embedded model: {e}")))
    }

    /// Reads a model file.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        let mut r = Reader::open(data, MODEL_KIND, MODEL_VERSION)?;
        let lexicon = Lexicon::read(&mut r)?;
        let clusters = Clusters::read(&mut r)?;
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        if !r.at_end() {
            return Err(Error::model(MODEL_KIND, "trailing bytes after the model"));
        }
        Ok(Analyzer {
            lexicon,
            clusters,
            tagger,
            lemmatizer,
        })
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MODEL_KIND, MODEL_VERSION);
        self.lexicon.write(&mut w);
        self.clusters.write(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        w.finish()
    }

    /// Puts trained parts together.
    pub fn from_parts(
        lexicon: Lexicon,
        clusters: Clusters,
        tagger: Tagger,
        lemmatizer: Lemmatizer,
    ) -> Self {
        Analyzer {
            lexicon,
            clusters,
            tagger,
            lemmatizer,
        }
    }

    fn context(&self) -> Context<'_> {
        Context {
            lexicon: &self.lexicon,
            clusters: &self.clusters,
        }
    }

    /// The tags of one sentence's words, without lemmas (the fast path).
    pub fn tag(&self, words: &[&str]) -> Vec<&tagger::Tag> {
        let tags = self.tagger.tags();
        self.tagger
            .tag(&self.context(), words)
            .into_iter()
            .filter_map(|t| tags.get(t))
            .collect()
    }

    /// Lemma, UPOS, XPOS and FEATS of each word of one sentence.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis<'_>> {
        let tags = self.tag(words);
        words
            .iter()
            .zip(tags)
            .map(|(w, t)| Analysis {
                lemma: self
                    .lemmatizer
                    .lemmatize(w, &t.upos, &t.feats, &self.lexicon),
                upos: &t.upos,
                xpos: &t.xpos,
                feats: &t.feats,
            })
            .collect()
    }

    /// The lemma of `word` with a given UPOS and FEATS (for callers with their own tags).
    pub fn lemmatize(&self, word: &str, upos: &str, feats: &str) -> String {
        self.lemmatizer.lemmatize(word, upos, feats, &self.lexicon)
    }
}
