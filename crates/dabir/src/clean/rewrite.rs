//! [`Rewriter`]: how a cleaning step writes its output and records its edits.
//!
//! A step walks its input from left to right and calls [`Rewriter::replace`] for each
//! change; untouched text between changes is copied in bulk. Nothing is allocated until
//! the first change, so a step that finds nothing to do costs one scan.

use super::edit::EditKind;
use super::scan::{Scanner, Stops};
use std::ops::Range;

/// An edit of one step: input range of the step's input, output range of its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEdit {
    /// Why.
    pub kind: EditKind,
    /// Range in the step's input.
    pub input: Range<usize>,
    /// Range in the step's output.
    pub output: Range<usize>,
}

/// Builds one step's output from its input.
#[derive(Debug)]
pub struct Rewriter<'a> {
    input: &'a str,
    out: String,
    copied: usize,
    edits: Vec<StepEdit>,
    /// Which step scanners stop in `input`, when the pipeline profiled it.
    stops: Option<&'a Stops>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter over `input`.
    pub fn new(input: &'a str) -> Self {
        Rewriter {
            input,
            out: String::new(),
            copied: 0,
            edits: Vec::new(),
            stops: None,
        }
    }

    /// A rewriter over `input`, whose [`Stops`] profile is `stops` (by reference: a
    /// profile lists stops, and copying it into each step's rewriter cost a `memcpy`).
    pub(crate) fn with_stops(input: &'a str, stops: &'a Stops) -> Self {
        Rewriter {
            stops: Some(stops),
            ..Rewriter::new(input)
        }
    }

    /// [`Scanner::find`] over the input: the first stop of `scanner` at or after
    /// `from`, or the input length. Without a scan when the input's profile shows
    /// that `scanner` stops nowhere in it, and with `memchr` when it shows that only
    /// the characters of the scanner's memchr lead byte stop it ([`Stops::find`]).
    #[inline]
    pub(crate) fn find(&self, scanner: &Scanner, from: usize) -> usize {
        match self.stops {
            Some(stops) => stops.find(scanner, self.input.as_bytes(), from),
            None => scanner.find(self.input.as_bytes(), from),
        }
    }

    /// The step's input.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// Replaces `range` of the input with `with`. Ranges must come in order and not
    /// overlap; `range` may be empty (an insertion) and `with` may be empty (a deletion).
    pub fn replace(&mut self, range: Range<usize>, with: &str, kind: EditKind) {
        debug_assert!(range.start >= self.copied && range.end >= range.start);
        if self.edits.is_empty() && self.out.capacity() == 0 {
            self.out.reserve(self.input.len() + 16);
        }
        self.out.push_str(&self.input[self.copied..range.start]);
        let start = self.out.len();
        self.out.push_str(with);
        self.edits.push(StepEdit {
            kind,
            input: range.clone(),
            output: start..self.out.len(),
        });
        self.copied = range.end;
    }

    /// Deletes `range` of the input.
    pub fn delete(&mut self, range: Range<usize>, kind: EditKind) {
        self.replace(range, "", kind)
    }

    /// Inserts `text` at input offset `at`.
    pub fn insert(&mut self, at: usize, text: &str, kind: EditKind) {
        self.replace(at..at, text, kind)
    }

    /// True when no edit has been made.
    pub fn is_unchanged(&self) -> bool {
        self.edits.is_empty()
    }

    /// The output and the edits, or `None` when the step changed nothing.
    pub fn finish(mut self) -> Option<(String, Vec<StepEdit>)> {
        if self.edits.is_empty() {
            return None;
        }
        self.out.push_str(&self.input[self.copied..]);
        Some((self.out, self.edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_edits_and_copies_the_rest() {
        let mut rw = Rewriter::new("abcdef");
        rw.replace(1..2, "XY", EditKind::Letter);
        rw.delete(3..4, EditKind::Tatweel);
        rw.insert(5, "+", EditKind::ZwnjInserted);
        let (out, edits) = rw.finish().unwrap();
        assert_eq!(out, "aXYce+f");
        assert_eq!(edits[0].output, 1..3);
        assert_eq!(edits[1].output, 4..4);
        assert_eq!(edits[2].input, 5..5);
        assert_eq!(edits[2].output, 5..6);
        assert!(Rewriter::new("x").finish().is_none());
    }
}
