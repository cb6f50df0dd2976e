//! Rewriting around combining marks without breaking NFC.
//!
//! Removing a character can glue a base letter to a mark that now composes with it
//! (ا + tatweel + hamza above: drop the tatweel and the result is أ written in two code
//! points), and mapping a letter can do the same. Each step that deletes or maps
//! characters near combining marks therefore rewrites a whole *cluster* — a starter
//! and the non-starters that follow it — maps it character by character, and composes
//! the result again. When composing changes nothing, the per-character edits are
//! reported one by one; otherwise the cluster becomes one edit. This keeps every step's
//! output in NFC, which is what makes the pipeline idempotent.

use super::{EditKind, Rewriter};
use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// True when `c` may combine with what precedes it under NFC: a non-starter, or a
/// character whose NFC quick-check answer is not "yes".
#[inline]
pub(crate) fn combines_backward(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    canonical_combining_class(c) != 0 || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
}

/// One mapped character of a cluster.
#[derive(Debug, Clone)]
struct Part {
    input: Range<usize>,
    output: Range<usize>,
    kind: Option<EditKind>,
}

/// Reusable buffers for cluster rewriting (one per step call, no per-cluster allocation
/// once warm).
#[derive(Debug, Default)]
pub(crate) struct ClusterRewriter {
    mapped: String,
    composed: String,
    parts: Vec<Part>,
    /// End of the last edit made through this rewriter (or by the step itself, see
    /// [`ClusterRewriter::note_edit`]): nothing before it may be rewritten again.
    pub(crate) consumed: usize,
}

impl ClusterRewriter {
    /// Records that the step edited the input up to `end` by itself.
    pub(crate) fn note_edit(&mut self, end: usize) {
        self.consumed = self.consumed.max(end);
    }

    /// The cluster around the character at `i`: extends to the right over characters
    /// that combine backward or that `absorb` says belong to the cluster (characters the
    /// step deletes), and to the left over the previous character when the cluster holds
    /// anything that could combine with it. Returns the byte range.
    pub(crate) fn bounds(
        &self,
        input: &str,
        i: usize,
        absorb: impl Fn(char) -> bool,
    ) -> Range<usize> {
        let mut combining = false;
        let mut end = i;
        let mut first = true;
        for c in input.get(i..).unwrap_or("").chars() {
            let comb = combines_backward(c);
            if !first && !comb && !absorb(c) {
                break;
            }
            combining |= comb;
            end += c.len_utf8();
            first = false;
        }
        // Only a cluster holding something that combines backward reaches back to the
        // previous base; a lone deletion or mapping stays a small edit.
        let mut start = i;
        if combining {
            if let Some((p, pc)) = super::scan::char_before(input, i) {
                if p >= self.consumed && pc != '\n' {
                    start = p;
                }
            }
        }
        start..end
    }

    /// Maps `range` of `rw`'s input character by character with `map` (which pushes
    /// the replacement of `c` onto the buffer and returns the edit kind when it changed
    /// something; its second argument is the last character written), applies
    /// `fixup` to the mapped text (returns a kind when it changed it), composes the result
    /// and records the edits.
    pub(crate) fn rewrite(
        &mut self,
        rw: &mut Rewriter<'_>,
        range: Range<usize>,
        mut map: impl FnMut(char, Option<char>, &mut String) -> Option<EditKind>,
        fixup: impl Fn(&mut String) -> Option<EditKind>,
    ) {
        let input = rw.input();
        let Some(text) = input.get(range.clone()) else {
            return;
        };
        self.mapped.clear();
        self.parts.clear();
        let mut prev = super::scan::char_before(input, range.start).map(|(_, c)| c);
        let mut changed = false;
        for (k, c) in text.char_indices() {
            let at = range.start + k;
            let out_start = self.mapped.len();
            let kind = map(c, prev, &mut self.mapped);
            if let Some(last) = self.mapped[out_start..].chars().next_back() {
                prev = Some(last);
            }
            changed |= kind.is_some();
            self.parts.push(Part {
                input: at..at + c.len_utf8(),
                output: out_start..self.mapped.len(),
                kind,
            });
        }
        let fixed = fixup(&mut self.mapped);
        let composed_differs = is_nfc_quick(self.mapped.chars()) != IsNormalized::Yes && {
            self.composed.clear();
            self.composed.extend(self.mapped.chars().nfc());
            self.composed != self.mapped
        };
        if fixed.is_none() && !composed_differs {
            if changed {
                for p in &self.parts {
                    if let (Some(kind), Some(with)) = (p.kind, self.mapped.get(p.output.clone())) {
                        rw.replace(p.input.clone(), with, kind);
                    }
                }
                self.consumed = range.end;
            }
            return;
        }
        let kind = fixed
            .or_else(|| self.parts.iter().find_map(|p| p.kind))
            .unwrap_or(EditKind::Nfc);
        let result = if composed_differs {
            &self.composed
        } else {
            &self.mapped
        };
        if result.as_str() != text {
            rw.replace(range.clone(), result, kind);
            self.consumed = range.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, i: usize, drop: char) -> (String, Vec<EditKind>) {
        let mut rw = Rewriter::new(input);
        let mut cr = ClusterRewriter::default();
        let r = cr.bounds(input, i, |c| c == drop);
        cr.rewrite(
            &mut rw,
            r,
            |c, _, out| {
                if c == drop {
                    Some(EditKind::Tatweel)
                } else {
                    out.push(c);
                    None
                }
            },
            |_| None,
        );
        match rw.finish() {
            Some((s, e)) => (s, e.iter().map(|e| e.kind).collect()),
            None => (input.to_owned(), vec![]),
        }
    }

    #[test]
    fn deleting_before_a_mark_recomposes() {
        // alef, tatweel, hamza above: dropping the tatweel must give precomposed أ.
        let s = "با\u{640}\u{654}ب";
        let (out, kinds) = run(s, s.find('\u{640}').unwrap(), '\u{640}');
        assert_eq!(out, "بأب");
        assert_eq!(kinds, vec![EditKind::Tatweel]);
    }

    #[test]
    fn plain_deletion_is_one_small_edit() {
        let s = "با\u{640}ب";
        let i = s.find('\u{640}').unwrap();
        let mut rw = Rewriter::new(s);
        let mut cr = ClusterRewriter::default();
        let r = cr.bounds(s, i, |c| c == '\u{640}');
        cr.rewrite(
            &mut rw,
            r,
            |c, _, out| {
                if c == '\u{640}' {
                    Some(EditKind::Tatweel)
                } else {
                    out.push(c);
                    None
                }
            },
            |_| None,
        );
        let (out, edits) = rw.finish().unwrap();
        assert_eq!(out, "باب");
        assert_eq!(edits[0].input, i..i + 2);
    }

    #[test]
    fn heh_with_hamza_above_is_already_nfc() {
        let s = "خانه\u{654}";
        let i = s.find('\u{654}').unwrap();
        let (out, kinds) = run(s, i, '\u{640}');
        assert_eq!(out, s);
        assert!(kinds.is_empty());
    }
}
