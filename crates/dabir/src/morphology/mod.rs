//! Morphology: lemmas, parts of speech and morphological features (UD PerDT conventions).
//!
//! [`Analyzer::analyze`] takes the words of one sentence, as the segmenter or a CoNLL-U
//! file gives them (clitics already split: ماتمش → ماتم + ش), and returns for each its
//! lemma, UPOS, XPOS and FEATS. The pieces:
//!
//! | module | job |
//! |---|---|
//! | [`tagger`] | combined UPOS/XPOS/FEATS tag, averaged perceptron, greedy left to right |
//! | [`agreement`] | a verb tag's person, number and polarity checked against the form |
//! | [`lemma`] | treebank dictionary → verb analyser → learned edit rules |
//! | [`verbs`] | verb forms → past stem, tense, person, polarity, aspect |
//! | [`lexicon`] | hazm's word list (POS classes, frequency) and verb stems |
//! | [`plurals`] | Arabic broken plurals → singular (templates + lexicon) |
//! | [`clusters`] | word clusters learned from the raw train sentences |
//! | [`profiles`] | each raw word's parts of speech as a first tagger saw them |
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

pub mod agreement;
pub mod clusters;
pub mod lemma;
pub mod lexicon;
pub mod plurals;
pub mod profiles;
pub mod tagger;
pub mod train;
pub mod verbs;

use crate::error::{Error, Result};
use crate::model::{Reader, Writer};
use agreement::Agreement;
use clusters::Clusters;
use lemma::Lemmatizer;
use lexicon::Lexicon;
use profiles::Profiles;
use std::sync::OnceLock;
use tagger::{Context, Tagger};

/// The model file kind and format version.
pub const MODEL_KIND: &str = "morphology";
/// Bumped whenever the layout or the features change.
pub const MODEL_VERSION: u32 = 4;

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
    profiles: Profiles,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    agreement: Agreement,
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
        let profiles = Profiles::read(&mut r)?;
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        if !r.at_end() {
            return Err(Error::model(MODEL_KIND, "trailing bytes after the model"));
        }
        Ok(Analyzer::from_parts_with_profiles(
            lexicon, clusters, profiles, tagger, lemmatizer,
        ))
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MODEL_KIND, MODEL_VERSION);
        self.lexicon.write(&mut w);
        self.clusters.write(&mut w);
        self.profiles.write(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        w.finish()
    }

    /// Puts trained parts together (a tagger trained without tag profiles).
    pub fn from_parts(
        lexicon: Lexicon,
        clusters: Clusters,
        tagger: Tagger,
        lemmatizer: Lemmatizer,
    ) -> Self {
        Self::from_parts_with_profiles(lexicon, clusters, Profiles::default(), tagger, lemmatizer)
    }

    /// Puts trained parts together, with the tag profiles the tagger was trained with.
    pub fn from_parts_with_profiles(
        lexicon: Lexicon,
        clusters: Clusters,
        profiles: Profiles,
        mut tagger: Tagger,
        lemmatizer: Lemmatizer,
    ) -> Self {
        tagger.fill_cache(&Context {
            lexicon: &lexicon,
            clusters: &clusters,
            profiles: &profiles,
        });
        let agreement = Agreement::new(tagger.tags());
        Analyzer {
            lexicon,
            clusters,
            profiles,
            tagger,
            lemmatizer,
            agreement,
        }
    }

    fn context(&self) -> Context<'_> {
        Context {
            lexicon: &self.lexicon,
            clusters: &self.clusters,
            profiles: &self.profiles,
        }
    }

    /// The words as the model reads them: adverbs that lost their tanwin (قبلا)
    /// get it back ([`Lexicon::tanwin_adverb`]); `None` when no word changes.
    fn restored(&self, words: &[&str]) -> Option<Vec<String>> {
        let fix = |w: &str| self.lexicon.tanwin_adverb(w);
        // the common case, no such word, allocates nothing; the first fix is kept, not redone
        let (first, fixed) = words
            .iter()
            .enumerate()
            .find_map(|(i, w)| fix(w).map(|f| (i, f)))?;
        let before = words.iter().take(first).map(|w| w.to_string());
        let after = words
            .iter()
            .skip(first + 1)
            .map(|w| fix(w).unwrap_or_else(|| w.to_string()));
        Some(before.chain([fixed]).chain(after).collect())
    }

    /// The tags of one sentence's words, without lemmas (the fast path).
    pub fn tag(&self, words: &[&str]) -> Vec<&tagger::Tag> {
        match self.restored(words) {
            Some(r) => self.tag_as_read(&r.iter().map(String::as_str).collect::<Vec<_>>()),
            None => self.tag_as_read(words),
        }
    }

    /// [`Analyzer::tag`] of words already [`Analyzer::restored`].
    fn tag_as_read(&self, words: &[&str]) -> Vec<&tagger::Tag> {
        let tags = self.tagger.tags();
        self.tagger
            .tag(&self.context(), words)
            .into_iter()
            .zip(words)
            .filter_map(|(t, w)| {
                let t = self
                    .agreement
                    .correct(w, t, tags, &self.lexicon)
                    .unwrap_or(t);
                tags.get(t)
            })
            .collect()
    }

    /// Lemma, UPOS, XPOS and FEATS of each word of one sentence.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis<'_>> {
        let restored = self.restored(words);
        let owned: Vec<&str>;
        let words = match &restored {
            Some(r) => {
                owned = r.iter().map(String::as_str).collect();
                &owned
            }
            None => words,
        };
        let tags = self.tag_as_read(words);
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

    /// The word list and verb stems the analyzer uses (other stages' features; a verb
    /// lemma written with its present stem too, as hazm does).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::conllu;
    use proptest::prelude::*;

    fn analyzer() -> &'static Analyzer {
        Analyzer::embedded().expect("the embedded model loads")
    }

    fn lemmas(words: &[&str]) -> Vec<String> {
        analyzer()
            .analyze(words)
            .into_iter()
            .map(|a| a.lemma)
            .collect()
    }

    #[test]
    fn verb_lemmas_are_past_stems() {
        let got = lemmas(&[
            "او",
            "به",
            "مدرسه",
            "نمی‌رفت",
            "و",
            "ما",
            "می‌گوییم",
            "که",
            "خواهند",
            "آمد",
            ".",
        ]);
        assert_eq!(got[3], "رفت");
        assert_eq!(got[6], "گفت");
        assert_eq!(got[8], "خواست");
        assert_eq!(got[9], "آمد");
        let got = lemmas(&["آنها", "کتاب", "را", "خوانده‌اند", "."]);
        assert_eq!(got[3], "خواند");
        // given the tag, a participle and a subjunctive form
        assert_eq!(
            analyzer().lemmatize("نوشته", "VERB", "Tense=Past|VerbForm=Part"),
            "نوشت"
        );
        assert_eq!(
            analyzer().lemmatize("بیاید", "VERB", "Number=Sing|Person=3"),
            "آمد"
        );
        assert_eq!(
            analyzer().lemmatize("برنمی‌گردند", "VERB", "Polarity=Neg"),
            "گشت"
        );
    }

    #[test]
    fn nouns_lose_plural_and_ezafe() {
        let got = lemmas(&[
            "باورهای",
            "دینی",
            "مردم",
            "و",
            "کتاب‌ها",
            "و",
            "دانشجویان",
            ".",
        ]);
        assert_eq!(got[0], "باور");
        assert_eq!(got[1], "دینی");
        assert_eq!(got[4], "کتاب");
        assert_eq!(got[6], "دانشجو");
    }

    #[test]
    fn adverbs_that_lost_their_tanwin() {
        // the cleaner removes diacritics: قبلاً → قبلا, which read as a noun before
        for (with, without) in [("قبلاً", "قبلا"), ("اخیراً", "اخیرا")] {
            let a = analyzer().analyze(&["او", without, "آمده", "بود", "."]);
            let b = analyzer().analyze(&["او", with, "آمده", "بود", "."]);
            assert_eq!(a[1].upos, "ADV", "{without}");
            assert_eq!(a, b);
        }
        // words hazm lists themselves stay as they are
        assert_eq!(analyzer().analyze(&["تنها", "او", "آمد"])[0].lemma, "تنها");
    }

    #[test]
    fn clitic_pronouns_and_function_words() {
        // ماتمش is split by the segmenter into ماتم + ش
        let a = analyzer().analyze(&["جهان", "عزادار", "ماتم", "ش", "شد", "."]);
        assert_eq!(a[3].lemma, "او");
        assert_eq!(a[3].upos, "PRON");
        assert_eq!(a[5].upos, "PUNCT");
        let a = analyzer().analyze(&["در", "این", "روز"]);
        assert_eq!(a[0].upos, "ADP");
        assert_eq!(a[1].upos, "DET");
    }

    #[test]
    fn verb_features() {
        let a = analyzer().analyze(&["ما", "به", "خانه", "رفتیم", "."]);
        assert_eq!(a[3].upos, "VERB");
        assert!(
            a[3].feats.contains("Number=Plur") && a[3].feats.contains("Person=1"),
            "{}",
            a[3].feats
        );
        let a = analyzer().analyze(&["آنها", "به", "خانه", "نمی‌روند", "."]);
        assert!(a[3].feats.contains("Polarity=Neg"), "{}", a[3].feats);
    }

    #[test]
    fn tags_do_not_depend_on_the_sentences_before() {
        // the tagger reuses its buffers from one sentence to the next, and shrinks them
        // after a huge one
        let short = ["در", "این", "روز", "کتاب‌ها", "را", "خواندیم", "."];
        let first = analyzer().tag(&short);
        let mut long: Vec<&str> = Vec::new();
        for _ in 0..1000 {
            long.extend_from_slice(&short);
        }
        let tags = analyzer().tag(&long);
        assert_eq!(tags.len(), long.len());
        assert_eq!(&tags[..short.len()], &first[..]);
        assert_eq!(&tags[tags.len() - 1], &first[short.len() - 1]);
        assert_eq!(analyzer().tag(&short), first);
    }

    #[test]
    fn empty_input() {
        assert!(analyzer().analyze(&[]).is_empty());
        assert_eq!(analyzer().analyze(&[""]).len(), 1);
    }

    #[test]
    fn model_round_trip_and_corruption() {
        let bytes = analyzer().to_bytes();
        let back = Analyzer::from_bytes(&bytes).unwrap();
        let words = ["باورهای", "دینی", "را", "می‌گوید", "."];
        assert_eq!(back.analyze(&words), analyzer().analyze(&words));
        for cut in [0, 10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Analyzer::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(Analyzer::from_bytes(b"not a model").is_err());
    }

    #[test]
    fn tagging_a_conllu_file_keeps_its_tokens() {
        let text = "# sent_id = x\n# text = ماتمش شد.\n1-2\tماتمش\t_\t_\t_\t_\t_\t_\t_\t_\n1\tماتم\t_\t_\t_\t_\t3\tnsubj\t_\t_\n2\tش\t_\t_\t_\t_\t1\tnmod\t_\t_\n3\tشد\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t3\tpunct\t_\t_\n\n";
        let mut s = conllu::parse(text, "t").unwrap();
        train::tag_sentences(analyzer(), &mut s);
        let out = conllu::write(&s);
        let back = conllu::parse(&out, "t").unwrap();
        assert_eq!(back[0].comments, s[0].comments);
        assert_eq!(back[0].rows.len(), 5);
        assert_eq!(back[0].rows[0].lemma, "_");
        assert_eq!(back[0].rows[1].head, "3");
        assert_eq!(back[0].rows[2].lemma, "او");
        assert_eq!(back[0].rows[3].lemma, "شد");
    }

    #[test]
    fn trains_on_a_tiny_treebank() {
        let text = "1\tکتاب‌ها\tکتاب\tNOUN\tN_IANM\tNumber=Plur\t_\t_\t_\t_\n2\tرا\tرا\tADP\tPOSTP\t_\t_\t_\t_\t_\n3\tمی‌خوانم\tخواند\tVERB\tV_ACT\tNumber=Sing|Person=1|Tense=Pres|Voice=Act\t_\t_\t_\t_\n\n";
        let sents = conllu::parse(text, "t").unwrap();
        let lex = lexicon::Lexicon::parse("کتاب\t10\tN\n", "w", "خواند#خوان\n", "v").unwrap();
        let raw = vec![vec!["کتاب".to_string(), "را".to_string()]];
        let clusters = Clusters::learn(&raw, 1, 4, 10, 2);
        let opts = train::TrainOptions::default();
        let m = train::train(&sents, &raw, &lex, &clusters, &opts);
        let a = m.analyze(&["کتاب‌ها", "را", "می‌خوانم"]);
        assert_eq!(a[2].lemma, "خواند");
        assert_eq!(a[0].upos, "NOUN");
        let again = Analyzer::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.analyze(&["را"]), m.analyze(&["را"]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn never_panics(words in proptest::collection::vec(".{0,12}", 0..12)) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let out = analyzer().analyze(&refs);
            prop_assert_eq!(out.len(), refs.len());
        }

        #[test]
        fn never_panics_on_persian_like_words(words in proptest::collection::vec("[\u{0621}-\u{064A}\u{067E}\u{0686}\u{06A9}\u{06AF}\u{06CC}\u{200C}]{0,10}", 0..10)) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let out = analyzer().analyze(&refs);
            prop_assert_eq!(out.len(), refs.len());
            for (a, w) in out.iter().zip(&refs) {
                prop_assert!(!w.is_empty() || a.lemma.is_empty() || !a.lemma.is_empty());
            }
        }
    }
}
