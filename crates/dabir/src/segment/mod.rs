//! Segmentation: sentences, tokens and clitics, following the UD PerDT conventions.
//!
//! Three steps, one file each: [`tokens`] scans surface tokens (punctuation split,
//! numbers, abbreviations, URLs… kept whole), [`sentences`] decides which stops end a
//! sentence (rules plus a small classifier learned from the PerDT train sentences),
//! [`clitics`] splits pronominal and copula clitics into multiword tokens as PerDT does
//! (ماتمش → ماتم + ش), with tables learned from PerDT dev and the hazm lexicon.
//! [`model`] holds the learned tables and [`train`] builds them.
//!
//! Every span is a byte range of the text given; the token spans plus the whitespace
//! between them reproduce that text exactly, and token forms are never rewritten.
//!
//! ```
//! use dabir::segment::Segmenter;
//! let text = "ع. م. ماتمش را دید. گفت: «بله؟» و رفت.";
//! let seg = Segmenter::new().segment(text);
//! assert_eq!(seg.sentences.len(), 2);
//! let forms: Vec<&str> = seg.tokens.iter().map(|t| &text[t.span.range()]).collect();
//! assert_eq!(forms[..4], ["ع.", "م.", "ماتمش", "را"]);
//! let words: Vec<&str> = seg.words_of(&seg.tokens[2]).iter().map(|w| &text[w.span.range()]).collect();
//! assert_eq!(words, ["ماتم", "ش"]);
//! ```

pub mod clitics;
pub mod model;
pub mod sentences;
pub mod tokens;
pub mod train;

use crate::Span;
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

pub use model::SegmentModel;
pub use tokens::TokenKind;

/// A sentence: its span and the range of its tokens in [`Segmented::tokens`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// From the first byte of its first token to the end of its last token.
    pub span: Span,
    /// Indices of its tokens.
    pub tokens: Range<usize>,
}

/// A syntactic word: a byte span of the text (a clitic split cuts a token into
/// substrings, so a word's form is always `&text[span]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Byte span in the text.
    pub span: Span,
}

/// A surface token and the syntactic words it holds (one, or several for a multiword
/// token such as ماتمش = ماتم + ش).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Byte span in the text.
    pub span: Span,
    /// What kind of token.
    pub kind: TokenKind,
    /// Indices of its words in [`Segmented::words`].
    pub words: Range<usize>,
    /// True when whitespace (or the end of the text) follows the token; false is
    /// CoNLL-U's `SpaceAfter=No`.
    pub space_after: bool,
}

impl Token {
    /// True for a multiword token.
    pub fn is_multiword(&self) -> bool {
        self.words.len() > 1
    }
}

/// The result of [`Segmenter::segment`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Segmented {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Syntactic words in text order.
    pub words: Vec<Word>,
    /// Reused buffer of raw tokens (not part of the result).
    #[serde(skip)]
    scratch: Scratch,
}

/// A buffer [`Segmenter::segment_into`] reuses between calls; it carries no result, so
/// it never makes two results differ.
#[derive(Clone, Default)]
struct Scratch(Vec<tokens::RawToken>);

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Scratch {}
impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Segmented {
    /// The words of a token.
    pub fn words_of(&self, token: &Token) -> &[Word] {
        self.words.get(token.words.clone()).unwrap_or(&[])
    }
}

/// How lines are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineMode {
    /// Sentences are found inside lines; every line break also ends a sentence.
    #[default]
    Paragraph,
    /// Every non-empty line is exactly one sentence.
    OneSentencePerLine,
}

/// Sentence splitter, tokenizer and clitic splitter together.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Shared: the built-in model is loaded once and never copied.
    model: Arc<SegmentModel>,
    lines: LineMode,
    split_clitics: bool,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// The segmenter with the built-in model (trained on PerDT dev, the PerDT train
    /// sentences and the hazm lexicon).
    pub fn new() -> Self {
        Segmenter {
            model: SegmentModel::builtin(),
            lines: LineMode::Paragraph,
            split_clitics: true,
        }
    }

    /// A segmenter with another model.
    pub fn with_model(model: SegmentModel) -> Self {
        Segmenter {
            model: Arc::new(model),
            lines: LineMode::Paragraph,
            split_clitics: true,
        }
    }

    /// Sets how lines are treated.
    pub fn line_mode(mut self, mode: LineMode) -> Self {
        self.lines = mode;
        self
    }

    /// Turns the clitic split on or off (off: every token is one word).
    pub fn clitics(mut self, on: bool) -> Self {
        self.split_clitics = on;
        self
    }

    /// Segments `text`.
    pub fn segment(&self, text: &str) -> Segmented {
        let mut out = Segmented::default();
        self.segment_into(text, &mut out);
        out
    }

    /// Segments the cleaned text of `input` and maps every span back to `input`, so that
    /// token and word forms are substrings of what the caller gave (the CoNLL 2018
    /// metrics compare characters with the gold text). Where cleaning merged or split
    /// characters, the tokens that map onto the same input bytes are merged; tokens
    /// that cleaning inserted (with no input behind them) are dropped.
    ///
    /// ```
    /// use dabir::clean::Cleaner;
    /// use dabir::segment::Segmenter;
    /// let input = "كتابش را ديد.";
    /// let cleaned = Cleaner::standard().clean(input);
    /// let seg = Segmenter::new().segment_cleaned(input, &cleaned);
    /// let forms: Vec<&str> = seg.tokens.iter().map(|t| &input[t.span.range()]).collect();
    /// assert_eq!(forms, ["كتابش", "را", "ديد", "."]);
    /// ```
    pub fn segment_cleaned(&self, input: &str, cleaned: &crate::clean::Cleaned) -> Segmented {
        let inner = self.segment(&cleaned.text);
        let map = &cleaned.map;
        let mut out = Segmented::default();
        let mut prev_end = 0usize;
        for s in &inner.sentences {
            let first_tok = out.tokens.len();
            for t in &inner.tokens[s.tokens.clone()] {
                let span = map.span_to_input(t.span.range());
                if span.is_empty() {
                    continue;
                }
                let cuts: Vec<usize> = inner
                    .words_of(t)
                    .iter()
                    .skip(1)
                    .map(|w| map.to_input(w.span.start).clamp(span.start, span.end))
                    .collect();
                if span.start < prev_end {
                    // cleaning made two tokens of one input region: merge them
                    if let (Some(last), Some(w)) = (out.tokens.last_mut(), out.words.last_mut()) {
                        let end = span.end.max(last.span.end);
                        last.span.end = end;
                        w.span.end = end;
                        prev_end = end;
                        if out.tokens.len() == first_tok {
                            if let Some(ps) = out.sentences.last_mut() {
                                ps.span.end = end;
                            }
                        }
                        continue;
                    }
                }
                let first_word = out.words.len();
                let mut at = span.start;
                for c in cuts.into_iter().chain(std::iter::once(span.end)) {
                    if c > at {
                        out.words.push(Word {
                            span: Span::new(at, c),
                        });
                        at = c;
                    }
                }
                out.tokens.push(Token {
                    span: Span::new(span.start, span.end),
                    kind: t.kind,
                    words: first_word..out.words.len(),
                    space_after: true,
                });
                prev_end = span.end;
            }
            let last_tok = out.tokens.len();
            if last_tok > first_tok {
                let span = Span::new(
                    out.tokens[first_tok].span.start,
                    out.tokens[last_tok - 1].span.end,
                );
                out.sentences.push(Sentence {
                    span,
                    tokens: first_tok..last_tok,
                });
            }
        }
        for t in &mut out.tokens {
            t.space_after = next_is_space(input, t.span.end);
        }
        out
    }

    /// Segments `text` into `out` (cleared first), reusing its buffers.
    pub fn segment_into(&self, text: &str, out: &mut Segmented) {
        out.sentences.clear();
        out.tokens.clear();
        out.words.clear();
        let mut raw = std::mem::take(&mut out.scratch.0);
        raw.clear();
        tokens::scan(text, 0..text.len(), &mut raw);
        let ends = match self.lines {
            LineMode::Paragraph => sentences::boundaries(text, &raw, &self.model.boundary),
            LineMode::OneSentencePerLine => sentences::line_boundaries(&raw),
        };
        let mut first = 0;
        for &last in &ends {
            let start_tok = out.tokens.len();
            self.emit(text, raw.get(first..last).unwrap_or(&[]), out);
            let end_tok = out.tokens.len();
            if end_tok > start_tok {
                let span = Span::new(
                    out.tokens[start_tok].span.start,
                    out.tokens[end_tok - 1].span.end,
                );
                out.sentences.push(Sentence {
                    span,
                    tokens: start_tok..end_tok,
                });
            }
            first = last;
        }
        out.scratch.0 = raw;
    }

    /// Turns the raw tokens of one sentence into tokens with words, splitting clitics
    /// and letting a split token take the punctuation glued to it, as PerDT does
    /// (معذورم. = معذور + م + .).
    fn emit(&self, text: &str, raw: &[tokens::RawToken], out: &mut Segmented) {
        let mut k = 0;
        while k < raw.len() {
            let t = raw[k];
            let space_after = raw
                .get(k + 1)
                .map_or_else(|| next_is_space(text, t.end), |n| n.space_before);
            let cut = if self.split_clitics && t.kind == TokenKind::Word {
                self.model.clitics.split(&text[t.start..t.end])
            } else {
                None
            };
            let first_word = out.words.len();
            match cut {
                Some(cut) => {
                    let mut end = t.end;
                    let mut space_after = space_after;
                    out.words.push(Word {
                        span: Span::new(t.start, t.start + cut),
                    });
                    out.words.push(Word {
                        span: Span::new(t.start + cut, t.end),
                    });
                    if let Some(n) = raw.get(k + 1) {
                        if !n.space_before
                            && matches!(
                                n.kind,
                                TokenKind::Stop | TokenKind::Punct | TokenKind::Closer
                            )
                        {
                            out.words.push(Word {
                                span: Span::new(n.start, n.end),
                            });
                            end = n.end;
                            space_after = raw
                                .get(k + 2)
                                .map_or_else(|| next_is_space(text, n.end), |m| m.space_before);
                            k += 1;
                        }
                    }
                    out.tokens.push(Token {
                        span: Span::new(t.start, end),
                        kind: t.kind,
                        words: first_word..out.words.len(),
                        space_after,
                    });
                }
                None => {
                    out.words.push(Word {
                        span: Span::new(t.start, t.end),
                    });
                    out.tokens.push(Token {
                        span: Span::new(t.start, t.end),
                        kind: t.kind,
                        words: first_word..first_word + 1,
                        space_after,
                    });
                }
            }
            k += 1;
        }
    }
}

/// True when the text after `end` starts with whitespace or ends there.
fn next_is_space(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|s| s.chars().next())
        .map_or(true, tokens::is_space)
}
