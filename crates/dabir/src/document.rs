//! The [`Document`]: the text and every layer of annotation the pipeline adds.
//!
//! # The model
//! A document holds the `input` as the caller gave it, the cleaned `text`, the cleaning
//! `edits`, and one layer per stage, each a list in text order:
//!
//! | layer | element | filled by |
//! |---|---|---|
//! | [`Document::edits`] | [`Edit`] (what cleaning changed, and why) | clean |
//! | [`Document::sentences`] | [`Sentence`] (a range of tokens) | segment |
//! | [`Document::tokens`] | [`Token`] (a surface token: a range of words) | segment |
//! | [`Document::words`] | [`Word`] (a syntactic word, with its morphology) | segment, morphology |
//! | [`Document::dates`], [`Document::quantities`], [`Document::quotes`], [`Document::events`] | [`crate::extract`]'s results (nested parts carry both spans too) | extract |
//! | [`Document::entities`] | [`Entity`] (a named entity: a range of tokens) | entities ([`crate::entities::Recognizer::annotate`]) |
//!
//! Elements refer to each other by index ranges: a sentence's `tokens` are indices into
//! [`Document::tokens`], a token's `words` are indices into [`Document::words`]. A
//! multiword token (ماتمش = ماتم + ش) has several words.
//!
//! # Spans: `span` and `input_span`
//! Every element of every layer carries two byte ranges (half-open, UTF-8 byte offsets):
//! - `span` points into the cleaned [`Document::text`]: `&doc.text[span.range()]` is the
//!   element's text, and it is what the later stages read;
//! - `input_span` points into [`Document::input`]: the smallest range of what the caller
//!   gave that produced it, through the document's [`OffsetMap`]. Where cleaning
//!   rewrote a token (ي → ی, a restored ZWNJ) the two texts differ; a token that cleaning
//!   inserted and that has no input behind it has an empty `input_span`.
//!
//! In JSON both are objects `{"start": S, "end": E}`, byte offsets (not characters: a
//! Python or JavaScript user slices `input.encode("utf-8")[start:end]`).
//!
//! # Adding a layer (convention for the later stages)
//! A stage adds its layer as a field `pub NAME: Vec<Element>` of [`Document`] that is
//! **always serialized** (an empty list when the stage found nothing or did not run,
//! so a consumer never has to test whether the key exists); its element type has
//! `span: Span` and `input_span: Span` (fill the latter with [`Document::input_span`]),
//! refers to other layers by index (`tokens: Range<usize>`, `words: Range<usize>`), and
//! is described in `schema/document.schema.json` (a test validates real output against
//! it, and the top level there allows no unknown key).

use crate::clean::{Cleaned, Edit, EditKind};
use crate::offsets::OffsetMap;
use crate::segment::TokenKind;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::ops::Range;

/// A half-open byte range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from a range.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// As a `Range`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }
    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// A sentence: a run of consecutive tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// From the first byte of its first token to the end of its last, in the cleaned text.
    pub span: Span,
    /// The same in the input.
    pub input_span: Span,
    /// Indices of its tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A surface token (what whitespace and punctuation delimit) and the syntactic words
/// it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Byte span in the cleaned text.
    pub span: Span,
    /// Byte span in the input.
    pub input_span: Span,
    /// The token's text, `&text[span]`.
    pub form: String,
    /// What kind of token (word, number, punct…).
    pub kind: TokenKind,
    /// True when whitespace (or the end of the text) follows the token in the cleaned
    /// text; false is CoNLL-U's `SpaceAfter=No`.
    pub space_after: bool,
    /// Indices of its words in [`Document::words`]: one, or several for a multiword
    /// token.
    pub words: Range<usize>,
}

/// A syntactic word (UD's unit: a clitic split off a token is a word of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Byte span in the cleaned text (a clitic split cuts a token into substrings).
    pub span: Span,
    /// Byte span in the input.
    pub input_span: Span,
    /// The word's text, `&text[span]`.
    pub form: String,
    /// Lemma and tags; `None` (and absent from the JSON) when morphology is off.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub morphology: Option<Morphology>,
}

/// A named entity: a run of consecutive tokens of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// From the first byte of its first token to the end of its last, in the cleaned text.
    pub span: Span,
    /// The same in the input.
    pub input_span: Span,
    /// Indices of its tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
    /// The entity type (`PER`, `ORG`, `LOC`, …).
    pub kind: crate::entities::EntityType,
    /// The entity's text, `&text[span]`.
    pub form: String,
}

/// The morphology of a word, UD PerDT conventions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Morphology {
    /// The lemma (verbs by their past stem: می‌گوید → گفت).
    pub lemma: String,
    /// Universal part of speech (NOUN, VERB, ADP…).
    pub upos: String,
    /// PerDT's own part of speech (N_SING, V_PRS…).
    pub xpos: String,
    /// UD features as in CoNLL-U (`Number=Sing|Person=3`), the empty string when the
    /// word has none (CoNLL-U writes `_`).
    pub feats: String,
}

/// A text and its annotation layers (see the module docs for the model and the span
/// convention).
///
/// Serialized by hand (through a borrowed mirror, `DocumentJson`) so that each edit can
/// carry its before and after text; the mirror destructures the document exhaustively,
/// so a new layer field does not compile until it is serialized too.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The input as the caller gave it.
    pub input: String,
    /// The cleaned text every `span` points into.
    pub text: String,
    /// What cleaning changed, in input order. In JSON each is `{"kind", "explain",
    /// "span", "input_span", "before", "after"}`: `span` and `after` are in the cleaned
    /// text, `input_span` and `before` in the input, as for every other element.
    pub edits: Vec<Edit>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Surface tokens in text order.
    pub tokens: Vec<Token>,
    /// Syntactic words in text order.
    pub words: Vec<Word>,
    /// Dates and times, resolved to ISO 8601 where they can be (extract).
    pub dates: Vec<crate::extract::dates::DateExpr>,
    /// Numbers with their qualifier, unit and counted noun (extract).
    pub quantities: Vec<crate::extract::quantities::Quantity>,
    /// Quotations and reported speech (extract).
    pub quotes: Vec<crate::extract::quotes::Quote>,
    /// Incidents with casualties, place, date and perpetrator (extract).
    pub events: Vec<crate::extract::events::Event>,
    /// Named entities in text order (empty until the entities stage runs).
    pub entities: Vec<Entity>,
    /// Offsets from the input to [`Document::text`] and back (not serialized: every
    /// element carries its `input_span`).
    pub map: OffsetMap,
}

impl Document {
    /// A document from the result of cleaning `input`, with no other layer yet.
    pub fn from_cleaned(input: &str, cleaned: Cleaned) -> Self {
        Document {
            input: input.to_owned(),
            text: cleaned.text,
            edits: cleaned.edits,
            map: cleaned.map,
            ..Document::default()
        }
    }

    /// The span of the input that produced `span` of the cleaned text.
    pub fn input_span(&self, span: Span) -> Span {
        self.map.span_to_input(span.range()).into()
    }

    /// The text of a span of the cleaned text (empty if the span is not on character
    /// boundaries of it).
    pub fn text_of(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The text of a span of the input (empty if the span is not on character
    /// boundaries of it).
    pub fn input_of(&self, span: Span) -> &str {
        self.input.get(span.range()).unwrap_or("")
    }

    /// The tokens of a sentence.
    pub fn tokens_of(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens.clone()).unwrap_or(&[])
    }

    /// The words of a token.
    pub fn words_of(&self, token: &Token) -> &[Word] {
        self.words.get(token.words.clone()).unwrap_or(&[])
    }

    /// The words of a sentence.
    pub fn sentence_words(&self, sentence: &Sentence) -> &[Word] {
        let toks = self.tokens_of(sentence);
        match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => self.words.get(a.words.start..b.words.end).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The JSON shape of a [`Document`], borrowing it.
#[derive(Serialize)]
struct DocumentJson<'a> {
    input: &'a str,
    text: &'a str,
    edits: EditsJson<'a>,
    sentences: &'a [Sentence],
    tokens: &'a [Token],
    words: &'a [Word],
    dates: &'a [crate::extract::dates::DateExpr],
    quantities: &'a [crate::extract::quantities::Quantity],
    quotes: &'a [crate::extract::quotes::Quote],
    events: &'a [crate::extract::events::Event],
    entities: &'a [Entity],
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Exhaustive on purpose: a new field must be added to `DocumentJson` as well.
        let Document {
            input,
            text,
            edits,
            sentences,
            tokens,
            words,
            dates,
            quantities,
            quotes,
            events,
            entities,
            map: _,
        } = self;
        DocumentJson {
            input,
            text,
            edits: EditsJson { edits, input, text },
            sentences,
            tokens,
            words,
            dates,
            quantities,
            quotes,
            events,
            entities,
        }
        .serialize(s)
    }
}

/// The edits with the two texts they point into.
struct EditsJson<'a> {
    edits: &'a [Edit],
    input: &'a str,
    text: &'a str,
}

impl Serialize for EditsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.edits.len()))?;
        for e in self.edits {
            let kind: EditKind = e.kind;
            seq.serialize_element(&EditJson {
                kind,
                explain: kind.explain(),
                span: e.output.clone().into(),
                input_span: e.input.clone().into(),
                before: self.input.get(e.input.clone()).unwrap_or(""),
                after: self.text.get(e.output.clone()).unwrap_or(""),
            })?;
        }
        seq.end()
    }
}

/// One edit as the JSON shows it.
#[derive(Serialize)]
struct EditJson<'a> {
    kind: EditKind,
    explain: &'static str,
    span: Span,
    input_span: Span,
    before: &'a str,
    after: &'a str,
}
