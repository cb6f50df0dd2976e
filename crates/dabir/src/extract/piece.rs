//! The stretch of text every extractor reports: a span of the cleaned text, the same
//! span in the caller's input, and its text. Speakers, quote contents, triggers,
//! places, qualifiers, units and counted nouns are all pieces, some with a field or two
//! more (`#[serde(flatten)]` keeps their JSON flat).

use crate::Span;
use serde::Serialize;

/// A piece of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Byte span in the cleaned text.
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
    /// Its text.
    pub text: String,
}

impl Piece {
    /// The piece of `text` at `span`, its `input_span` still equal to `span`. A span that
    /// does not fall on `text`'s character boundaries gives an empty text, never a panic.
    ///
    /// ```
    /// use dabir::{extract::Piece, Span};
    /// let p = Piece::of("در شهر کابل", Span::new(5, 11));
    /// assert_eq!(p.text, "شهر");
    /// ```
    pub fn of(text: &str, span: Span) -> Piece {
        Piece {
            span,
            input_span: span,
            text: text.get(span.range()).unwrap_or("").to_owned(),
        }
    }

    /// Sets `input_span` to `f(span)`.
    pub(crate) fn map_input(&mut self, f: &dyn Fn(Span) -> Span) {
        self.input_span = f(self.span);
    }
}
