//! Byte-offset alignment between an input text and a rewritten output text.
//!
//! Every rewriting step in dabir (cleaning above all) changes lengths: a deleted
//! tatweel, a `ي` (2 bytes) that becomes `ی` (2 bytes), a restored ZWNJ (3 bytes
//! inserted). Later stages annotate the *output*, but users need spans into the text
//! they gave us. An [`OffsetMap`] stores only the regions that changed, as pairs of
//! `(input range, output range)`; between two regions the texts are byte-identical, so
//! any offset there maps by a constant shift. Lookups are binary searches, and two maps
//! compose, so a pipeline of steps yields one map from the original input to the final
//! output (the idea of lindera's `OffsetMapping` and tokenizers' `NormalizedString`).

use serde::Serialize;
use std::ops::Range;

/// One changed region: `input` bytes of the input became `output` bytes of the output.
///
/// Either range may be empty (an insertion or a deletion), never both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Byte range in the input text.
    pub input: Range<usize>,
    /// Byte range in the output text.
    pub output: Range<usize>,
}

/// A monotone map between byte offsets of an input and an output text.
///
/// ```
/// use dabir::offsets::OffsetMap;
/// // "aXb" -> "ab": the X (input 1..2) was deleted (output 1..1).
/// let map = OffsetMap::from_regions(3, 2, vec![(1..2, 1..1)]);
/// assert_eq!(map.to_output(2), 1);
/// assert_eq!(map.to_input(1), 2);
/// assert_eq!(map.span_to_input(0..2), 0..3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OffsetMap {
    regions: Vec<Region>,
    input_len: usize,
    output_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        Self { regions: Vec::new(), input_len: len, output_len: len }
    }

    /// Builds a map from changed regions given in order (input and output both
    /// increasing, not overlapping). Adjacent regions are merged.
    pub fn from_regions(
        input_len: usize,
        output_len: usize,
        regions: impl IntoIterator<Item = (Range<usize>, Range<usize>)>,
    ) -> Self {
        let mut out: Vec<Region> = Vec::new();
        for (input, output) in regions {
            if input.is_empty() && output.is_empty() {
                continue;
            }
            push_merged(&mut out, input, output);
        }
        debug_assert!(out.windows(2).all(|w| w[0].input.end <= w[1].input.start
            && w[0].output.end <= w[1].output.start));
        Self { regions: out, input_len, output_len }
    }

    /// The changed regions, in order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Length of the input text in bytes.
    pub fn input_len(&self) -> usize {
        self.input_len
    }

    /// Length of the output text in bytes.
    pub fn output_len(&self) -> usize {
        self.output_len
    }

    /// True when input and output are the same text.
    pub fn is_identity(&self) -> bool {
        self.regions.is_empty()
    }

    /// Maps an input offset to the output: where the character at `input` ended up.
    /// An offset inside a changed region maps to the start of that region's output.
    pub fn to_output(&self, input: usize) -> usize {
        map_left(&self.regions, input, |r| &r.input, |r| &r.output).min(self.output_len)
    }

    /// Maps an output offset to the input; inside a changed region, to its start.
    pub fn to_input(&self, output: usize) -> usize {
        map_left(&self.regions, output, |r| &r.output, |r| &r.input).min(self.input_len)
    }

    /// Maps an output span to the smallest input span that produced it.
    pub fn span_to_input(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_input(span.start);
        let end = map_right(&self.regions, span.end, |r| &r.output, |r| &r.input).min(self.input_len);
        start..end.max(start)
    }

    /// Maps an input span to the smallest output span that covers what it became.
    pub fn span_to_output(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_output(span.start);
        let end = map_right(&self.regions, span.end, |r| &r.input, |r| &r.output).min(self.output_len);
        start..end.max(start)
    }

    /// The map of `second ∘ self`: from this map's input to `second`'s output.
    /// `second`'s input must be this map's output.
    pub fn then(&self, second: &OffsetMap) -> OffsetMap {
        debug_assert_eq!(self.output_len, second.input_len);
        if second.is_identity() {
            return self.clone();
        }
        if self.is_identity() {
            return second.clone();
        }
        // Express every region of both maps as (original range, final range), then
        // merge the ones that overlap: the union of two monotone edit sets.
        let mut pairs: Vec<(Range<usize>, Range<usize>)> =
            Vec::with_capacity(self.regions.len() + second.regions.len());
        for r in &self.regions {
            pairs.push((r.input.clone(), second.span_to_output(r.output.clone())));
        }
        for r in &second.regions {
            pairs.push((self.span_to_input(r.input.clone()), r.output.clone()));
        }
        pairs.sort_by_key(|(i, o)| (i.start, o.start, i.end, o.end));
        let mut out: Vec<Region> = Vec::with_capacity(pairs.len());
        for (input, output) in pairs {
            match out.last_mut() {
                Some(last) if overlaps(&last.input, &input) || overlaps(&last.output, &output) => {
                    last.input.end = last.input.end.max(input.end);
                    last.output.end = last.output.end.max(output.end);
                }
                _ => out.push(Region { input, output }),
            }
        }
        OffsetMap { regions: out, input_len: self.input_len, output_len: second.output_len }
    }
}

/// Two ranges overlap, or touch where one of them is empty (an insertion or deletion
/// point at the other's edge belongs to the same change).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
        || (a.is_empty() || b.is_empty()) && a.start <= b.end && b.start <= a.end && a.end != b.start
}

fn push_merged(out: &mut Vec<Region>, input: Range<usize>, output: Range<usize>) {
    if let Some(last) = out.last_mut() {
        if last.input.end == input.start && last.output.end == output.start {
            last.input.end = input.end;
            last.output.end = output.end;
            return;
        }
    }
    out.push(Region { input, output });
}

/// Maps `pos` from the `from` side to the `to` side, biased to the left inside regions.
fn map_left(
    regions: &[Region],
    pos: usize,
    from: impl Fn(&Region) -> &Range<usize>,
    to: impl Fn(&Region) -> &Range<usize>,
) -> usize {
    // Last region starting at or before pos (an empty region starting at pos counts).
    let idx = regions.partition_point(|r| from(r).start <= pos);
    if idx == 0 {
        return pos;
    }
    let r = &regions[idx - 1];
    let (f, t) = (from(r), to(r));
    // Inside the region: the image's start. At an empty region (text inserted on the
    // other side) the character at pos comes after the inserted text.
    if pos < f.end {
        t.start
    } else {
        t.end + (pos - f.end)
    }
}

/// Like [`map_left`] but biased to the right: a position at the start of a region maps
/// to the start of its image, one inside it to the image's end.
fn map_right(
    regions: &[Region],
    pos: usize,
    from: impl Fn(&Region) -> &Range<usize>,
    to: impl Fn(&Region) -> &Range<usize>,
) -> usize {
    // Last region starting strictly before pos.
    let idx = regions.partition_point(|r| from(r).start < pos);
    if idx == 0 {
        return pos;
    }
    let r = &regions[idx - 1];
    let (f, t) = (from(r), to(r));
    if pos <= f.end {
        t.end
    } else {
        t.end + (pos - f.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_output(7), 7);
        assert_eq!(m.to_input(3), 3);
        assert_eq!(m.span_to_input(2..5), 2..5);
    }

    #[test]
    fn insertion_and_deletion() {
        // input "ab_cd" -> output "a+bcd": '+' inserted at 1, '_' deleted at 2..3.
        let m = OffsetMap::from_regions(5, 5, vec![(1..1, 1..2), (2..3, 3..3)]);
        assert_eq!(m.to_output(0), 0);
        assert_eq!(m.to_output(1), 2); // 'b', after the inserted '+'
        assert_eq!(m.to_output(3), 3); // 'c'
        assert_eq!(m.to_input(2), 1); // 'b'
        assert_eq!(m.to_input(3), 3); // 'c'
        assert_eq!(m.span_to_input(0..5), 0..5);
        assert_eq!(m.span_to_input(1..2), 1..1); // the inserted '+' came from nowhere
        assert_eq!(m.span_to_output(2..3), 3..3); // the deleted '_' went nowhere
    }

    #[test]
    fn composition_matches_step_by_step() {
        // step 1: "xaby" -> "xAAby" (a -> AA), step 2: "xAAby" -> "xAAy" (b deleted)
        let a = OffsetMap::from_regions(4, 5, vec![(1..2, 1..3)]);
        let b = OffsetMap::from_regions(5, 4, vec![(3..4, 3..3)]);
        let c = a.then(&b);
        assert_eq!(c.regions().len(), 2);
        assert_eq!(c.to_output(3), 3); // 'y'
        assert_eq!(c.to_input(3), 3);
        assert_eq!(c.span_to_input(1..3), 1..2);
        // overlapping edits merge
        let d = OffsetMap::from_regions(5, 4, vec![(2..3, 2..2)]);
        let e = a.then(&d);
        assert_eq!(e.regions(), &[Region { input: 1..2, output: 1..2 }]);
    }
}
