//! Sentences for quotation and event extraction, as token ranges.
//!
//! Why not the segmenter's sentences: a quotation in «…» may hold several sentences,
//! and attribution needs the sentence *around* the quotation, so here a full stop,
//! question or exclamation mark ends a sentence only outside guillemets; a line break
//! always ends one.

use super::tokens::Tok;
use std::ops::Range;

/// The sentences of `toks` as token ranges, in order, covering every token.
pub(crate) fn sentences(text: &str, toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate() {
        // a line break between this token and the last ends the sentence before it
        if k > start {
            let prev_end = toks.get(k - 1).map_or(0, |p| p.span.end);
            if text
                .get(prev_end..t.span.start)
                .is_some_and(|gap| gap.contains('\n'))
            {
                out.push(start..k);
                start = k;
                depth = 0;
            }
        }
        match text.get(t.span.range()) {
            Some("«") => depth += 1,
            Some("»") => depth = depth.saturating_sub(1),
            Some("." | "!" | "؟" | "?" | "…") if depth == 0 => {
                out.push(start..k + 1);
                start = k + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// The index of the sentence that holds token `k`.
pub(crate) fn sentence_of(sents: &[Range<usize>], k: usize) -> Option<usize> {
    // the sentences are in order and do not overlap: the first that ends after `k`
    let i = sents.partition_point(|s| s.end <= k);
    sents.get(i).filter(|s| s.contains(&k)).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn quotes_hold_sentences_and_lines_end_them() {
        let t = "او گفت: «این یک. آن دو.» سپس رفت.\nخط دوم";
        let toks = tokenize(t);
        let s = sentences(t, &toks);
        assert_eq!(s.len(), 2);
        assert!(sentences("", &[]).is_empty());
    }
}
