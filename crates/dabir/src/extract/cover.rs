//! Whether a span lies inside one of a list of spans, in logarithmic time.
//!
//! Why: the later extractors ask "is this token already part of a date or a
//! quantity?" for every token; scanning the whole list each time made extraction
//! quadratic in the number of dates on long inputs.

use crate::Span;

/// A set of spans, asked whether one of them covers a given span.
#[derive(Debug, Default)]
pub(crate) struct Cover {
    /// Span starts, ascending.
    starts: Vec<usize>,
    /// For each position in `starts`, the furthest end of the spans up to it.
    reach: Vec<usize>,
}

impl Cover {
    /// The cover of `spans` (any order, overlaps allowed).
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        let mut furthest = 0;
        for s in &spans {
            furthest = furthest.max(s.end);
            reach.push(furthest);
        }
        Cover {
            starts: spans.iter().map(|s| s.start).collect(),
            reach,
        }
    }

    /// True when a span of the set starts at or before `span` and ends at or after it.
    pub fn covers(&self, span: Span) -> bool {
        // spans starting at or before `span.start` are a prefix of the sorted list
        let n = self.starts.partition_point(|&s| s <= span.start);
        n.checked_sub(1)
            .and_then(|i| self.reach.get(i))
            .is_some_and(|&end| end >= span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_like_a_scan() {
        let spans = [
            Span::new(10, 20),
            Span::new(0, 5),
            Span::new(12, 40),
            Span::new(50, 50),
        ];
        let cover = Cover::new(spans);
        for a in 0..60 {
            for b in a..60 {
                let q = Span::new(a, b);
                let scan = spans.iter().any(|s| s.start <= a && b <= s.end);
                assert_eq!(cover.covers(q), scan, "{a}..{b}");
            }
        }
        assert!(!Cover::new([]).covers(Span::new(0, 0)));
    }
}
