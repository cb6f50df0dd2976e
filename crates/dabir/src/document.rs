//! The [`Document`]: the text and every layer of annotation the pipeline adds.
//!
//! Spans are byte offsets into the cleaned text ([`Document::text`]); the document's
//! [`OffsetMap`] maps them back to the input the caller gave. Each stage fills its own
//! layer and reads the layers before it.

use crate::clean::{Cleaned, Edit};
use crate::offsets::OffsetMap;
use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `[start, end)` in the cleaned text.
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
        Span { start: r.start, end: r.end }
    }
}

/// A text and its annotation layers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The input as the caller gave it.
    pub input: String,
    /// The cleaned text every span points into.
    pub text: String,
    /// What cleaning changed, with spans in both texts.
    pub edits: Vec<Edit>,
    /// Offsets from the input to [`Document::text`] and back.
    #[serde(skip)]
    pub map: OffsetMap,
}

impl Document {
    /// A document from the result of cleaning `input`.
    pub fn from_cleaned(input: &str, cleaned: Cleaned) -> Self {
        Document { input: input.to_owned(), text: cleaned.text, edits: cleaned.edits, map: cleaned.map }
    }

    /// The span of the input that produced `span` of the cleaned text.
    pub fn input_span(&self, span: Span) -> Span {
        self.map.span_to_input(span.range()).into()
    }
}
