//! # dabir — a Persian text engine
//!
//! dabir turns raw Persian text, above all news and web text as it is really scraped,
//! into clean, analysed, structured data. One pipeline, stages in this order, each its
//! own module:
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | clean | [`clean`] | page residue, Unicode, letters, digits, punctuation, spacing, ZWNJ restoration |
//! | segment | [`segment`] | sentences, tokens, clitics (UD PerDT conventions) |
//! | morphology | [`morphology`] | lemmas, parts of speech, features |
//! | extract | [`extract`] | dates and times (three calendars, ISO 8601), quantities, quotations, incidents |
//! | entities | [`entities`] | people, organisations, places, … (BIO tagger) |
//!
//! [`Pipeline`] runs them all and returns a [`Document`].
//!
//! [`eval`] holds the evaluators (CoNLL 2018 UD metrics) every stage is measured with.
//!
//! Every stage annotates a [`Document`] with spans (byte offsets into the cleaned text);
//! [`offsets::OffsetMap`] maps any of them back to the original input.
//!
//! ```
//! let cleaned = dabir::clean::Cleaner::standard().clean("كتاب");
//! assert_eq!(cleaned.text, "کتاب");
//! // every edit says what changed, where in the input and where in the output
//! assert!(!cleaned.edits.is_empty());
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod document;
pub mod entities;
pub mod error;
pub mod eval;
pub mod extract;
pub mod formats;
pub mod learn;
pub mod model;
pub mod morphology;
pub mod offsets;
pub mod pipeline;
pub mod script;
pub mod segment;
pub mod table;

pub use document::{Document, Span};
pub use error::{Error, Result};
pub use pipeline::Pipeline;

/// The README's Rust examples, compiled and run by `cargo test` so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
