//! The whole pipeline in one call: clean → segment → morphology → extract, into a
//! [`Document`].
//!
//! A [`Pipeline`] is built once (it loads the models then) and shared: it is cheap to
//! clone, `Send` and `Sync`, and [`Pipeline::analyze`] takes `&self`, so one pipeline
//! serves every thread of a server or a parallel batch.
//!
//! The stages run on the cleaned text: the segmenter sees ی and ک, not ي and ك, and
//! restored ZWNJ (می‌شود, not میشود), and the tagger sees the segmenter's words. Every
//! element of the document still knows where it came from in the input
//! (`input_span`, through the cleaning's [`OffsetMap`](crate::offsets::OffsetMap));
//! see [`crate::document`] for the model.
//!
//! ```
//! use dabir::Pipeline;
//! let pipeline = Pipeline::new()?;
//! let doc = pipeline.analyze("كتابها را ميخواند.")?;
//! assert_eq!(doc.text, "کتاب‌ها را می‌خواند.");
//! let words: Vec<&str> = doc.words.iter().map(|w| w.form.as_str()).collect();
//! assert_eq!(words, ["کتاب‌ها", "را", "می‌خواند", "."]);
//! // the input behind the cleaned word, Arabic letters and missing ZWNJ included
//! assert_eq!(doc.input_of(doc.words[0].input_span), "كتابها");
//! let verb = doc.words[2].morphology.as_ref().unwrap();
//! assert_eq!((verb.lemma.as_str(), verb.upos.as_str()), ("خواند", "VERB"));
//! # Ok::<(), dabir::Error>(())
//! ```

use crate::clean::{CleanOptions, Cleaner, Preset};
use crate::document::{Document, Morphology, Sentence, Token, Word};
use crate::error::Result;
use crate::morphology::Analyzer;
use crate::segment::{LineMode, Segmenter};
use crate::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the pipeline does; serde-ready, so the CLI, the server and the Python bindings
/// share these names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineOptions {
    /// The cleaning options (a preset's, with any field changed).
    pub clean: CleanOptions,
    /// Every non-empty line is exactly one sentence (no sentence splitting inside
    /// lines). Off: sentences are found inside lines, and a line break always ends one.
    pub one_sentence_per_line: bool,
    /// Split pronominal and copula clitics into words of their own, as UD PerDT does
    /// (ماتمش → ماتم + ش).
    pub split_clitics: bool,
    /// Fill lemma, UPOS, XPOS and features of every word.
    pub morphology: bool,
    /// Fill the entities layer (PER, ORG, LOC, FAC, PRO, EVENT, …; needs morphology, whose
    /// tags are features of the recogniser).
    pub entities: bool,
    /// Recognise entities with the model trained without the Arman corpus (PerDT NER dev
    /// only). The default model includes Arman, which is licensed for academic research
    /// use only; this one carries no such restriction but is less accurate (BENCHMARKS.md).
    pub entities_without_arman: bool,
    /// Fill the extraction layers: dates, quantities, quotes, events.
    pub extract: bool,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            clean: CleanOptions::default(),
            one_sentence_per_line: false,
            split_clitics: true,
            morphology: true,
            entities: true,
            entities_without_arman: false,
            extract: true,
        }
    }
}

/// The morphology model a pipeline uses: the embedded one (loaded once per process)
/// or one the caller loaded.
#[derive(Debug, Clone)]
enum AnalyzerRef {
    Embedded(&'static Analyzer),
    Owned(Arc<Analyzer>),
}

impl AnalyzerRef {
    fn get(&self) -> &Analyzer {
        match self {
            AnalyzerRef::Embedded(a) => a,
            AnalyzerRef::Owned(a) => a,
        }
    }
}

/// Clean → segment → morphology, configured once.
#[derive(Debug, Clone)]
pub struct Pipeline {
    options: PipelineOptions,
    cleaner: Cleaner,
    segmenter: Segmenter,
    analyzer: Option<AnalyzerRef>,
    recognizer: Option<&'static crate::entities::Recognizer>,
    extractor: Option<Arc<crate::extract::Extractor>>,
}

/// Builds a [`Pipeline`]: start from [`Pipeline::builder`], change what you need,
/// [`PipelineBuilder::build`].
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    options: PipelineOptions,
    analyzer: Option<Arc<Analyzer>>,
}

impl PipelineBuilder {
    /// Cleaning options from a preset (replaces any cleaning option set before).
    pub fn preset(mut self, preset: Preset) -> Self {
        self.options.clean = CleanOptions::preset(preset);
        self
    }

    /// These cleaning options.
    pub fn clean_options(mut self, options: CleanOptions) -> Self {
        self.options.clean = options;
        self
    }

    /// All options at once.
    pub fn options(mut self, options: PipelineOptions) -> Self {
        self.options = options;
        self
    }

    /// One sentence per non-empty line (see [`PipelineOptions::one_sentence_per_line`]).
    pub fn one_sentence_per_line(mut self, on: bool) -> Self {
        self.options.one_sentence_per_line = on;
        self
    }

    /// Clitic split on or off (see [`PipelineOptions::split_clitics`]).
    pub fn split_clitics(mut self, on: bool) -> Self {
        self.options.split_clitics = on;
        self
    }

    /// Morphology on or off.
    pub fn morphology(mut self, on: bool) -> Self {
        self.options.morphology = on;
        self
    }

    /// Use this morphology model instead of the embedded one.
    pub fn analyzer(mut self, analyzer: Arc<Analyzer>) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    /// The pipeline; loads the models it needs (an error only if a model is corrupt).
    pub fn build(self) -> Result<Pipeline> {
        let options = self.options;
        let analyzer = match (options.morphology, self.analyzer) {
            (false, _) => None,
            (true, Some(a)) => Some(AnalyzerRef::Owned(a)),
            (true, None) => Some(AnalyzerRef::Embedded(Analyzer::embedded()?)),
        };
        let recognizer = if options.entities && options.morphology {
            Some(crate::entities::Recognizer::embedded(
                if options.entities_without_arman {
                    crate::entities::Embedded::NoArman
                } else {
                    crate::entities::Embedded::Default
                },
            )?)
        } else {
            None
        };
        let lines = if options.one_sentence_per_line {
            LineMode::OneSentencePerLine
        } else {
            LineMode::Paragraph
        };
        Ok(Pipeline {
            cleaner: Cleaner::new(options.clean.clone()),
            segmenter: Segmenter::new()
                .line_mode(lines)
                .clitics(options.split_clitics),
            analyzer,
            recognizer,
            extractor: options
                .extract
                .then(|| Arc::new(crate::extract::Extractor::new())),
            options,
        })
    }
}

impl Pipeline {
    /// The standard pipeline: standard cleaning, sentence splitting, clitics split,
    /// morphology on.
    pub fn new() -> Result<Self> {
        Self::builder().build()
    }

    /// A builder starting from the standard options.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// A pipeline with these options.
    pub fn with_options(options: PipelineOptions) -> Result<Self> {
        Self::builder().options(options).build()
    }

    /// The options in effect.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// Runs every stage on `input` (one document: a line break ends a sentence, and the
    /// whole text decides whether it is a Persian document for residue removal).
    pub fn analyze(&self, input: &str) -> Result<Document> {
        self.analyze_with_reference(input, None)
    }

    /// As [`Pipeline::analyze`], with the reference date that relative expressions ("دیروز", "هفته
    /// گذشته") are resolved against (the article's date). Without one, the dateline the
    /// text opens with is used, and else they stay unresolved.
    pub fn analyze_with_reference(
        &self,
        input: &str,
        reference: Option<crate::extract::calendar::IsoDate>,
    ) -> Result<Document> {
        let mut doc = Document::from_cleaned(input, self.cleaner.clean(input));
        self.segment(&mut doc);
        if let Some(analyzer) = &self.analyzer {
            annotate_morphology(analyzer.get(), &mut doc);
        }
        if let Some(r) = self.recognizer {
            r.annotate(&mut doc);
        }
        if let Some(x) = &self.extractor {
            x.annotate(&mut doc, reference);
        }
        Ok(doc)
    }

    /// Fills the sentence, token and word layers from the cleaned text.
    fn segment(&self, doc: &mut Document) {
        let seg = self.segmenter.segment(&doc.text);
        let locate = |span: Span| -> (Span, Span) { (span, doc.input_span(span)) };
        let mut words = Vec::with_capacity(seg.words.len());
        for w in &seg.words {
            let (span, input_span) = locate(w.span);
            words.push(Word {
                span,
                input_span,
                form: doc.text_of(span).to_owned(),
                morphology: None,
            });
        }
        let mut tokens = Vec::with_capacity(seg.tokens.len());
        for t in &seg.tokens {
            let (span, input_span) = locate(t.span);
            tokens.push(Token {
                span,
                input_span,
                form: doc.text_of(span).to_owned(),
                kind: t.kind,
                space_after: t.space_after,
                words: t.words.clone(),
            });
        }
        let sentences = seg
            .sentences
            .iter()
            .map(|s| {
                let (span, input_span) = locate(s.span);
                Sentence {
                    span,
                    input_span,
                    tokens: s.tokens.clone(),
                }
            })
            .collect();
        doc.sentences = sentences;
        doc.tokens = tokens;
        doc.words = words;
    }
}

/// Tags and lemmatizes the words of each sentence.
fn annotate_morphology(analyzer: &Analyzer, doc: &mut Document) {
    let mut forms: Vec<&str> = Vec::new();
    let mut found: Vec<(usize, Morphology)> = Vec::with_capacity(doc.words.len());
    for s in &doc.sentences {
        let (Some(first), Some(last)) = (doc.tokens.get(s.tokens.start), doc.tokens_of(s).last())
        else {
            continue;
        };
        let range = first.words.start..last.words.end;
        forms.clear();
        forms.extend(
            doc.words
                .get(range.clone())
                .unwrap_or(&[])
                .iter()
                .map(|w| w.form.as_str()),
        );
        for (i, a) in range.zip(analyzer.analyze(&forms)) {
            found.push((
                i,
                Morphology {
                    lemma: a.lemma,
                    upos: a.upos.to_owned(),
                    xpos: a.xpos.to_owned(),
                    feats: if a.feats == "_" {
                        String::new()
                    } else {
                        a.feats.to_owned()
                    },
                },
            ));
        }
    }
    for (i, m) in found {
        if let Some(w) = doc.words.get_mut(i) {
            w.morphology = Some(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::EditKind;

    fn pipeline() -> Pipeline {
        Pipeline::new().expect("the embedded models load")
    }

    /// Every element's `span` holds its form, its `input_span` lies on character
    /// boundaries of the input, and the layers index each other consistently.
    fn check_invariants(doc: &Document) {
        for w in &doc.words {
            assert_eq!(doc.text.get(w.span.range()), Some(w.form.as_str()));
            assert!(doc.input.get(w.input_span.range()).is_some());
        }
        for t in &doc.tokens {
            assert_eq!(doc.text.get(t.span.range()), Some(t.form.as_str()));
            assert!(doc.input.get(t.input_span.range()).is_some());
            let ws = doc.words_of(t);
            assert!(!ws.is_empty());
            assert_eq!(ws[0].span.start, t.span.start);
            assert_eq!(ws[ws.len() - 1].span.end, t.span.end);
        }
        let mut next_token = 0;
        for s in &doc.sentences {
            assert_eq!(s.tokens.start, next_token);
            next_token = s.tokens.end;
            assert!(doc.input.get(s.input_span.range()).is_some());
        }
        assert_eq!(next_token, doc.tokens.len());
    }

    #[test]
    fn arabic_letters_and_zwnj_map_back_to_the_input() {
        let input = "اين كتابها را ميخواند.";
        let doc = pipeline().analyze(input).unwrap();
        check_invariants(&doc);
        assert_eq!(doc.text, "این کتاب‌ها را می‌خواند.");
        let pairs: Vec<(&str, &str)> = doc
            .words
            .iter()
            .map(|w| (w.form.as_str(), doc.input_of(w.input_span)))
            .collect();
        assert_eq!(
            pairs,
            [
                ("این", "اين"),
                ("کتاب‌ها", "كتابها"),
                ("را", "را"),
                ("می‌خواند", "ميخواند"),
                (".", "."),
            ]
        );
        let kinds: Vec<EditKind> = doc.edits.iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&EditKind::Letter));
        assert!(kinds.contains(&EditKind::ZwnjInserted));
        assert_eq!(doc.input_of(doc.sentences[0].input_span), input);
    }

    #[test]
    fn space_typed_for_a_zwnj_joins_one_word_over_two_input_words() {
        let input = "آنها می روند";
        let doc = pipeline().analyze(input).unwrap();
        check_invariants(&doc);
        assert!(doc.text.ends_with(" می‌روند"));
        let verb = &doc.words[1];
        assert_eq!(verb.form, "می‌روند");
        assert_eq!(doc.input_of(verb.input_span), "می روند");
        let m = verb.morphology.as_ref().unwrap();
        assert_eq!(m.upos, "VERB");
        assert_eq!(m.lemma, "رفت");
    }

    #[test]
    fn words_after_a_removed_residue_line_point_into_the_input() {
        let input = "خبر اول منتشر شد.\nRead More »\nاو رفت.\n";
        let doc = pipeline().analyze(input).unwrap();
        check_invariants(&doc);
        assert_eq!(doc.text, "خبر اول منتشر شد.\nاو رفت.\n");
        assert!(doc.edits.iter().any(|e| e.kind == EditKind::Residue));
        assert_eq!(doc.sentences.len(), 2);
        let second = &doc.sentences[1];
        assert_eq!(doc.input_of(second.input_span), "او رفت.");
        assert_eq!(second.input_span.start, input.rfind("او").unwrap());
    }

    #[test]
    fn crlf_lines_and_clitics() {
        let input = "ماتمش را دید.\r\nگفت: «بله»\r\n";
        let doc = pipeline().analyze(input).unwrap();
        check_invariants(&doc);
        assert_eq!(doc.sentences.len(), 2);
        let first = &doc.tokens[0];
        assert_eq!(first.form, "ماتمش");
        let words: Vec<&str> = doc.words_of(first).iter().map(|w| &w.form[..]).collect();
        assert_eq!(words, ["ماتم", "ش"]);
        assert_eq!(doc.input_of(doc.words[1].input_span), "ش");
        let last = doc.tokens.last().unwrap();
        assert_eq!(last.form, "»");
        assert_eq!(doc.input_of(last.input_span), "»");
    }

    #[test]
    fn morphology_off_leaves_words_bare() {
        let p = Pipeline::builder().morphology(false).build().unwrap();
        let doc = p.analyze("او رفت.").unwrap();
        assert_eq!(doc.words.len(), 3);
        assert!(doc.words.iter().all(|w| w.morphology.is_none()));
        let json = serde_json::to_value(&doc).unwrap();
        assert!(json["words"][0].get("lemma").is_none());
    }

    #[test]
    fn one_sentence_per_line_and_conservative_cleaning() {
        let p = Pipeline::builder()
            .preset(Preset::Conservative)
            .one_sentence_per_line(true)
            .build()
            .unwrap();
        let doc = p.analyze("او رفت. ما ماندیم.\nمیشود").unwrap();
        check_invariants(&doc);
        assert_eq!(doc.sentences.len(), 2);
        // conservative cleaning restores no ZWNJ
        assert_eq!(doc.words.last().unwrap().form, "میشود");
    }

    #[test]
    fn empty_and_blank_inputs_give_empty_layers() {
        for input in ["", "\n\n", "   ", "\u{200C}"] {
            let doc = pipeline().analyze(input).unwrap();
            assert!(doc.sentences.is_empty() && doc.tokens.is_empty() && doc.words.is_empty());
            assert_eq!(doc.input, input);
        }
    }

    #[test]
    fn json_has_spans_in_both_texts_and_edits_with_their_texts() {
        let doc = pipeline().analyze("كتاب").unwrap();
        let json = serde_json::to_value(&doc).unwrap();
        let w = &json["words"][0];
        assert_eq!(w["form"], "کتاب");
        assert_eq!(w["span"]["start"], 0);
        assert_eq!(w["input_span"]["end"], "كتاب".len());
        assert_eq!(w["feats"], "Number=Sing");
        let e = &json["edits"][0];
        assert_eq!(e["kind"], "letter");
        assert_eq!(e["before"], "ك");
        assert_eq!(e["after"], "ک");
        assert!(e["explain"].as_str().unwrap().contains("Persian"));
        assert!(json.get("map").is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Scraped-text characters in any order: Arabic and Persian letters, ZWNJ, spaces,
        /// line ends, tanwin, tatweel, bidi marks, BOM, a presentation form, quotes, digits
        /// of three scripts, Latin, Read More lines.
        #[test]
        fn layers_and_input_spans_hold_for_any_text(
            text in "([ابپتكيیکهمشر\u{200C} \n\r.،«»\"0-9۰-۹٠-٩\u{64B}\u{640}a-z!؟\u{200F}\u{FEFF}\u{FEFB}]|Read More\n){0,60}"
        ) {
            let doc = pipeline().analyze(&text).unwrap();
            check_invariants(&doc);
            for pair in doc.tokens.windows(2) {
                proptest::prop_assert!(pair[0].span.end <= pair[1].span.start);
                proptest::prop_assert!(pair[0].input_span.start <= pair[1].input_span.start);
            }
            for e in &doc.edits {
                proptest::prop_assert!(doc.input.get(e.input.clone()).is_some());
                proptest::prop_assert!(doc.text.get(e.output.clone()).is_some());
            }
        }
    }

    #[test]
    fn the_pipeline_is_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
        let p = pipeline();
        let docs: Vec<Document> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..2)
                .map(|_| s.spawn(|| p.analyze("او به خانه رفت.").unwrap()))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(docs[0].words, docs[1].words);
    }
}
