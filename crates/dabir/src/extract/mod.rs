//! Extraction: the news facts of a cleaned text — dates and times, numbers and
//! quantities, quotations and reported speech, and incidents with their casualties.
//!
//! It reads the text [`crate::clean::Cleaner::standard`] produced (digits unified, letters
//! Persian, ZWNJ restored where cleaning can) and the sentences of the segmenter; every
//! result carries a byte span into that cleaned text. Lexicons (month names in three
//! calendars, weekdays, number words, units and currencies, qualifiers, speech verbs,
//! casualty words, incident words) are data files under `crates/dabir/data/extract/`.
//!
//! What cannot be resolved is returned as found and marked unresolved (a `None` value
//! and a `note`), never guessed.
//!
//! ```
//! use dabir::extract::{Extractor, calendar::IsoDate};
//! let text = dabir::clean::Cleaner::standard().clean("دیروز دست کم ۱۴۰ نفر کشته شدند.").text;
//! let x = Extractor::new().extract(&text, IsoDate::new(2024, 7, 4));
//! assert_eq!(x.dates[0].value.as_deref(), Some("2024-07-03"));
//! assert_eq!(x.quantities[0].value, 140.0);
//! ```

pub mod calendar;
pub(crate) mod cover;
pub mod dates;
pub mod events;
pub(crate) mod lexicon;
mod link;
pub mod numbers;
mod piece;
pub mod quantities;
pub mod quotes;
pub(crate) mod sentences;
pub(crate) mod tokens;

use crate::{Document, Span};
use calendar::IsoDate;
use dates::{DateExpr, DateParser};
use events::{Event, EventParser};
pub use piece::Piece;
use quantities::{Quantity, QuantityParser};
use quotes::{Quote, QuoteParser};
use serde::Serialize;

/// Everything extraction found in one text, each list in text order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The reference date used for relative expressions: the caller's, or the dateline's.
    pub reference: Option<IsoDate>,
    /// Dates and times.
    pub dates: Vec<DateExpr>,
    /// Numbers with their qualifier, unit and counted noun.
    pub quantities: Vec<Quantity>,
    /// Quotations and reported speech.
    pub quotes: Vec<Quote>,
    /// Incidents with casualties, place, date and perpetrator.
    pub events: Vec<Event>,
}

/// The extraction stage: built once (it loads its lexicons), used for any number of texts.
#[derive(Debug, Clone)]
pub struct Extractor {
    dates: DateParser,
    quantities: QuantityParser,
    quotes: QuoteParser,
    events: EventParser,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// The extractor with the embedded lexicons.
    pub fn new() -> Self {
        Extractor {
            dates: DateParser::new(),
            quantities: QuantityParser::new(),
            quotes: QuoteParser::new(),
            events: EventParser::new(),
        }
    }

    /// Extracts from `text` (cleaned by `Cleaner::standard`), resolving relative dates
    /// against `reference` or, when `None`, against a dateline the text opens with.
    pub fn extract(&self, text: &str, reference: Option<IsoDate>) -> Extraction {
        let toks = tokens::tokenize(text);
        let dates = self.dates.find_in(text, &toks, reference);
        let reference =
            reference.or_else(|| dates.iter().find(|d| d.dateline).and_then(|d| d.start));
        let quantities = self.quantities.find_in(text, &toks, &dates);
        let quotes = self.quotes.find_in(text, &toks, &dates);
        let events = self.events.find_in(text, &toks, &dates, &quantities);
        let mut x = Extraction {
            reference,
            dates,
            quantities,
            quotes,
            events,
        };
        x.map_spans(&|s| s);
        x
    }

    /// Extracts from a [`Document`]'s cleaned text and adds the results as its
    /// `dates`, `quantities`, `quotes` and `events` layers, every `input_span` mapped
    /// to the document's input, and speakers, places and perpetrators linked to the
    /// document's entities (when its entity layer is filled). Returns the reference
    /// date used.
    pub fn annotate(&self, doc: &mut Document, reference: Option<IsoDate>) -> Option<IsoDate> {
        let mut x = self.extract(&doc.text, reference);
        x.map_spans(&|s| doc.input_span(s));
        doc.dates = x.dates;
        doc.quantities = x.quantities;
        doc.quotes = x.quotes;
        doc.events = x.events;
        link::link_entities(doc);
        x.reference
    }
}

impl Extraction {
    /// Sets every `input_span` to `f(span)`.
    pub fn map_spans(&mut self, f: &dyn Fn(Span) -> Span) {
        for d in &mut self.dates {
            d.input_span = f(d.span);
        }
        for q in &mut self.quantities {
            q.input_span = f(q.span);
            if let Some(x) = q.qualifier.as_mut() {
                x.piece.map_input(f);
            }
            if let Some(x) = q.unit.as_mut() {
                x.piece.map_input(f);
            }
            if let Some(x) = q.noun.as_mut() {
                x.piece.map_input(f);
            }
        }
        let piece = |p: &mut Piece| p.map_input(f);
        for q in &mut self.quotes {
            q.input_span = f(q.span);
            piece(&mut q.content);
            if let Some(v) = q.verb.as_mut() {
                piece(v);
            }
            if let Some(s) = q.speaker.as_mut() {
                if let Some(w) = s.written.as_mut() {
                    piece(w);
                }
                if let Some(a) = s.antecedent.as_mut() {
                    piece(&mut a.speaker);
                }
            }
        }
        for e in &mut self.events {
            e.input_span = f(e.span);
            piece(&mut e.trigger);
            for c in [&mut e.killed, &mut e.wounded, &mut e.casualties]
                .into_iter()
                .flatten()
            {
                c.input_span = f(c.span);
            }
            for m in [&mut e.place, &mut e.perpetrator].into_iter().flatten() {
                m.piece.map_input(f);
            }
        }
    }
}
