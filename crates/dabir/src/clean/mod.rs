//! The cleaning stage: raw scraped text in, clean Persian text out, with every edit
//! reported and an offset map back to the input.
//!
//! Steps run in this order, each in its own module, each reading the previous step's
//! output through a [`Rewriter`]:
//!
//! | step | module | what |
//! |---|---|---|
//! | residue | [`residue`] | whole lines of page furniture in another script |
//! | unicode | [`unicode`] | NFC, presentation forms, controls, bidi marks, space kinds, ZWJ, misplaced ZWNJ |
//! | letters | [`letters`] | Arabic → Persian letters, hamza forms, tatweel, diacritics |
//! | digits | [`digits`] | digit script, separators inside numbers |
//! | punctuation | [`punctuation`] | Persian punctuation, quotes, ellipsis, repeats |
//! | spacing | [`spacing`] | runs of spaces, spaces around punctuation and scripts |
//! | zwnj | [`zwnj`] | restores deleted ZWNJ and ZWNJ typed as a space (trained model) |
//!
//! ```
//! use dabir::clean::{Cleaner, CleanOptions, Preset};
//! let cleaner = Cleaner::new(CleanOptions::preset(Preset::Conservative));
//! let out = cleaner.clean("كتاب");
//! assert_eq!(out.text, "کتاب");
//! assert_eq!(out.map.span_to_input(0..out.text.len()), 0..8);
//! ```

mod cluster;
pub mod digits;
pub mod edit;
pub mod letters;
pub mod options;
pub mod punctuation;
pub mod residue;
pub mod rewrite;
mod scan;
pub mod spacing;
pub mod unicode;
pub mod zwnj;

pub use edit::{Edit, EditKind};
pub use options::{CleanOptions, DigitTarget, Preset};
pub use rewrite::{Rewriter, StepEdit};

use crate::offsets::OffsetMap;
use serde::Serialize;

/// What the caller knows about the document a piece of text comes from.
///
/// Residue removal needs to know whether the *document* is Persian: a line of English
/// in a Persian article is furniture, the same line in an English text is the text.
/// [`Cleaner::clean`] works it out from the text itself; a caller cleaning a long
/// document piece by piece (the CLI streams line by line) measures it once with
/// [`Context::of`] over a large enough sample and passes it to [`Cleaner::clean_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Context {
    /// True when most letters of the document are of the Arabic script.
    pub persian_document: bool,
}

impl Context {
    /// Measures a sample: Persian when at least a third of its letters are Arabic-script.
    ///
    /// Letters are counted so that cleaning does not change the answer (which keeps
    /// [`Cleaner::clean`] idempotent): a presentation form counts as the letters it stands
    /// for (ﻻ is two), combining marks, tatweel and Hangul medial/final jamo are not
    /// letters.
    pub fn of(sample: &str) -> Self {
        let (mut arabic, mut other) = (0usize, 0usize);
        for c in sample.chars() {
            if c.is_ascii() {
                other += usize::from(c.is_ascii_alphabetic());
            } else if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
                unicode_normalization::char::decompose_compatible(c, |d| {
                    arabic += usize::from(crate::script::is_arabic_letter(d));
                });
            } else if crate::script::is_arabic_letter(c) {
                arabic += 1;
            } else if c.is_alphabetic()
                && c != '\u{640}'
                && !unicode_normalization::char::is_combining_mark(c)
                && !matches!(c, '\u{1160}'..='\u{11FF}')
            {
                other += 1;
            }
        }
        Context {
            persian_document: arabic > 0 && arabic * 2 >= other,
        }
    }
}

/// The result of cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// Every change, in input order, with spans into the input and into [`Cleaned::text`].
    pub edits: Vec<Edit>,
    /// Offsets between the input and [`Cleaned::text`], both ways.
    #[serde(skip)]
    pub map: OffsetMap,
}

impl Cleaned {
    /// True for a line the cleaner removed as page residue: nothing left but a residue
    /// edit. The line-oriented surfaces drop such a line, terminator and all.
    pub fn is_residue_line(&self) -> bool {
        self.text.trim().is_empty() && self.edits.iter().any(|e| e.kind == EditKind::Residue)
    }
}

/// What [`Cleaner::clean_append`] tells about a text whose cleaned form it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CleanCount {
    /// The number of edits: the length of [`Cleaned::edits`].
    pub edits: usize,
    /// [`Cleaned::is_residue_line`]: the text was removed whole as page residue.
    pub residue_line: bool,
}

/// One step: reads the rewriter's input and records its changes.
type Step = fn(&mut Rewriter<'_>, &CleanOptions, &Context);

/// The steps in pipeline order, with the names used in docs and benchmarks.
const STEPS: &[(&str, Step)] = &[
    ("residue", residue::apply),
    ("unicode", unicode::apply),
    ("letters", letters::apply),
    ("digits", digits::apply),
    ("punctuation", punctuation::apply),
    ("spacing", spacing::apply),
    ("zwnj", zwnj::apply),
];

/// Maps an earlier edit's output span through a later step. A deletion (empty span)
/// at a point where the later step inserted text stays before the insertion: its input
/// comes first, so the edit list stays ordered on both sides.
fn remap_output(step_map: &OffsetMap, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if span.is_empty() {
        let q = step_map.to_output_before_insertions(span.start);
        return q..q;
    }
    step_map.span_to_output(span)
}

/// Cleans text with a fixed set of options. Cheap to clone and share across threads.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    options: CleanOptions,
}

impl Cleaner {
    /// A cleaner with these options.
    pub fn new(options: CleanOptions) -> Self {
        Cleaner { options }
    }

    /// A cleaner with the [`Preset::Standard`] options.
    pub fn standard() -> Self {
        Self::new(CleanOptions::default())
    }

    /// The options in use.
    pub fn options(&self) -> &CleanOptions {
        &self.options
    }

    /// Cleans a whole document (its own text decides whether it is Persian).
    pub fn clean(&self, text: &str) -> Cleaned {
        self.clean_with(text, &Context::of(text))
    }

    /// Cleans a piece of a document whose [`Context`] the caller measured.
    pub fn clean_with(&self, text: &str, ctx: &Context) -> Cleaned {
        let mut current: Option<String> = None;
        let mut edits: Vec<Edit> = Vec::new();
        let mut map = OffsetMap::identity(text.len());
        // Which steps' scanners stop in the text: one pass instead of one per step.
        let mut stops = scan::Stops::of(text.as_bytes());
        for (k, (_, step)) in STEPS.iter().enumerate() {
            let input = current.as_deref().unwrap_or(text);
            let mut rw = Rewriter::with_stops(input, &stops);
            step(&mut rw, &self.options, ctx);
            let Some((out, step_edits)) = rw.finish() else {
                continue;
            };
            if k + 1 < STEPS.len() {
                stops = scan::Stops::of(out.as_bytes());
            }
            let step_map = OffsetMap::from_regions(
                input.len(),
                out.len(),
                step_edits
                    .iter()
                    .map(|e| (e.input.clone(), e.output.clone())),
            );
            for e in &mut edits {
                e.output = remap_output(&step_map, e.output.clone());
            }
            edits.extend(step_edits.into_iter().map(|e| Edit {
                kind: e.kind,
                input: map.span_to_input(e.input),
                output: e.output,
            }));
            map = map.then(&step_map);
            current = Some(out);
        }
        edits.sort_by_key(|e| (e.input.start, e.output.start));
        Cleaned {
            text: current.unwrap_or_else(|| text.to_owned()),
            edits,
            map,
        }
    }

    /// [`Cleaner::clean_with`] for a caller that wants only the cleaned text: appends
    /// it to `out` (the same bytes as [`Cleaned::text`]) and counts the edits, without
    /// building the edit list and the offset map, and without a copy of its own when
    /// no step changes the text (most lines of running text). `dabir normalize
    /// --format text` cleans with it: the copy and the allocation per line were a few
    /// percent of its time.
    ///
    /// ```
    /// use dabir::clean::{Cleaner, Context};
    /// let cleaner = Cleaner::standard();
    /// let ctx = Context::of("كتاب");
    /// let mut out = b"> ".to_vec();
    /// let count = cleaner.clean_append("كتاب", &ctx, &mut out);
    /// assert_eq!(out, "> کتاب".as_bytes());
    /// assert_eq!(count.edits, cleaner.clean_with("كتاب", &ctx).edits.len());
    /// ```
    pub fn clean_append(&self, text: &str, ctx: &Context, out: &mut Vec<u8>) -> CleanCount {
        let mut current: Option<String> = None;
        let mut count = CleanCount::default();
        let mut residue = false;
        let mut stops = scan::Stops::of(text.as_bytes());
        for (k, (_, step)) in STEPS.iter().enumerate() {
            let input = current.as_deref().unwrap_or(text);
            let mut rw = Rewriter::with_stops(input, &stops);
            step(&mut rw, &self.options, ctx);
            let Some((step_out, step_edits)) = rw.finish() else {
                continue;
            };
            if k + 1 < STEPS.len() {
                stops = scan::Stops::of(step_out.as_bytes());
            }
            count.edits += step_edits.len();
            residue |= step_edits.iter().any(|e| e.kind == EditKind::Residue);
            current = Some(step_out);
        }
        let cleaned = current.as_deref().unwrap_or(text);
        count.residue_line = residue && cleaned.trim().is_empty();
        out.extend_from_slice(cleaned.as_bytes());
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_append_writes_what_clean_with_makes() {
        let texts = [
            "",
            "   ",
            "كتاب",
            "میشود که حمله های تروریستی",
            "این کتاب‌ها را خواند.",
            "Read More",
            "Share this article on Facebook",
            "سال 1399 و «نه» ، گفت?",
            "\u{200C}x  y\t\u{A0}z ي",
        ];
        for preset in [Preset::Conservative, Preset::Standard, Preset::Academy] {
            let cleaner = Cleaner::new(CleanOptions::preset(preset));
            for ctx in [Context::of("کتاب"), Context::of("book")] {
                for t in texts {
                    let full = cleaner.clean_with(t, &ctx);
                    let mut out = b"x".to_vec();
                    let count = cleaner.clean_append(t, &ctx, &mut out);
                    assert_eq!(&out[1..], full.text.as_bytes(), "{t:?}");
                    assert_eq!(count.edits, full.edits.len(), "{t:?}");
                    assert_eq!(count.residue_line, full.is_residue_line(), "{t:?}");
                }
            }
        }
    }
}
