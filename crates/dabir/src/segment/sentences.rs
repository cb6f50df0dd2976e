//! The sentence splitter. A *candidate* boundary is a stop (`.` `!` `?` `؟` `…`, or a
//! dotted abbreviation such as «م.») with the stops and closing quotes or brackets glued
//! to it (a closing » or " after a stop stays with its sentence), followed by
//! whitespace. Each candidate is scored by a small linear classifier over the stop,
//! the token before and the token after it, learned from the PerDT train sentences run
//! together ([`super::train`]): it keeps «ع. م.», «و…», vocative «خدایا!» and quoted
//! questions inside their sentence. Line breaks always end a sentence.

use super::tokens::{RawToken, TokenKind};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Weights of the boundary classifier: a bias and one weight per feature string.
#[derive(Debug, Clone, Default)]
pub struct BoundaryModel {
    /// Log-odds of a boundary before any feature is seen.
    pub bias: f32,
    /// Evidence of each feature, added to the bias.
    pub weights: FxHashMap<Box<str>, f32>,
}

/// A candidate boundary: the stop token and the index one past its last glued closer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the first stop token of the chain.
    pub stop: usize,
    /// One past the last token of the chain (the sentence would end before it).
    pub end: usize,
}

fn ends_with_dot(text: &str, t: &RawToken) -> bool {
    t.kind == TokenKind::Abbreviation && text.get(t.start..t.end).is_some_and(|s| s.ends_with('.'))
}

/// The candidate boundaries of a token sequence, in order.
pub fn candidates(text: &str, raw: &[RawToken], out: &mut Vec<Candidate>) {
    let mut k = 0;
    while k < raw.len() {
        let t = &raw[k];
        if t.kind == TokenKind::Stop || ends_with_dot(text, t) {
            let mut e = k + 1;
            while let Some(n) = raw.get(e) {
                if !n.space_before && matches!(n.kind, TokenKind::Stop | TokenKind::Closer) {
                    e += 1;
                } else {
                    break;
                }
            }
            if raw.get(e).map_or(true, |n| n.space_before) {
                out.push(Candidate { stop: k, end: e });
            }
            k = e;
        } else {
            k += 1;
        }
    }
}

/// Appends the features of a candidate to `feats` (one string each, `\n`-separated, so
/// that inference allocates nothing per candidate beyond one reused buffer).
pub fn features(text: &str, raw: &[RawToken], c: Candidate, feats: &mut String) {
    let form = |t: &RawToken| text.get(t.start..t.end).unwrap_or("");
    let chain_start = raw.get(c.stop).map_or(0, |t| t.start);
    let chain_end = c
        .end
        .checked_sub(1)
        .and_then(|i| raw.get(i))
        .map_or(chain_start, |t| t.end);
    let chain = text.get(chain_start..chain_end).unwrap_or("");
    let _ = writeln!(feats, "s:{chain}");
    let prev = c
        .stop
        .checked_sub(1)
        .and_then(|i| raw.get(i))
        .filter(|_| raw.get(c.stop).is_some_and(|t| !t.space_before));
    match prev {
        Some(p) => {
            let _ = writeln!(feats, "p:{}", form(p));
            let _ = writeln!(feats, "pk:{:?}", p.kind);
            let n = form(p).chars().count().min(4);
            let _ = writeln!(feats, "pl:{n}");
        }
        None => {
            let _ = writeln!(feats, "p:");
        }
    }
    match raw.get(c.end) {
        Some(n) => {
            let _ = writeln!(feats, "n:{}", form(n));
            let _ = writeln!(feats, "nk:{:?}", n.kind);
        }
        None => {
            let _ = writeln!(feats, "n:");
        }
    }
}

/// The classifier's score of a candidate; above zero is a boundary.
pub fn score(
    model: &BoundaryModel,
    text: &str,
    raw: &[RawToken],
    c: Candidate,
    buf: &mut String,
) -> f32 {
    buf.clear();
    features(text, raw, c, buf);
    let mut s = model.bias;
    for f in buf.lines() {
        if let Some(w) = model.weights.get(f) {
            s += w;
        }
    }
    s
}

/// The default decision without a trained model: a stop ends a sentence, an
/// abbreviation does not.
fn rule(text: &str, raw: &[RawToken], c: Candidate) -> bool {
    raw.get(c.stop)
        .is_some_and(|t| t.kind == TokenKind::Stop && !text[t.start..t.end].starts_with('…'))
}

/// Sentence ends as indices one past the last token of each sentence; the last one is
/// `raw.len()` (when there are tokens).
pub fn boundaries(text: &str, raw: &[RawToken], model: &BoundaryModel) -> Vec<usize> {
    let mut cands = Vec::new();
    candidates(text, raw, &mut cands);
    let mut ends = Vec::with_capacity(cands.len() + 1);
    let mut buf = String::new();
    let mut ci = 0;
    for (k, t) in raw.iter().enumerate() {
        if k > 0 && t.newline_before && ends.last() != Some(&k) {
            ends.push(k);
        }
        while ci < cands.len() && cands[ci].end <= k + 1 {
            let c = cands[ci];
            ci += 1;
            if c.end < raw.len() {
                let yes = if model.weights.is_empty() {
                    rule(text, raw, c)
                } else {
                    score(model, text, raw, c, &mut buf) > 0.0
                };
                if yes && ends.last() != Some(&c.end) {
                    ends.push(c.end);
                }
            }
        }
    }
    if !raw.is_empty() && ends.last() != Some(&raw.len()) {
        ends.push(raw.len());
    }
    ends
}

/// One sentence per line: a boundary before every token that starts a new line.
pub fn line_boundaries(raw: &[RawToken]) -> Vec<usize> {
    let mut ends: Vec<usize> = raw
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, t)| t.newline_before)
        .map(|(k, _)| k)
        .collect();
    if !raw.is_empty() {
        ends.push(raw.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::scan;

    fn split(text: &str) -> Vec<String> {
        let mut raw = Vec::new();
        scan(text, 0..text.len(), &mut raw);
        let ends = boundaries(text, &raw, &BoundaryModel::default());
        let mut out = Vec::new();
        let mut first = 0;
        for e in ends {
            out.push(text[raw[first].start..raw[e - 1].end].to_string());
            first = e;
        }
        out
    }

    #[test]
    fn stops_closers_and_lines() {
        assert_eq!(split("او رفت. من ماندم!"), ["او رفت.", "من ماندم!"]);
        assert_eq!(split("گفت: «برو.» سپس رفت."), ["گفت: «برو.»", "سپس رفت."]);
        assert_eq!(split("عنوان خبر\nمتن خبر."), ["عنوان خبر", "متن خبر."]);
        assert_eq!(split("ع. م. آمد."), ["ع. م. آمد."]);
        assert_eq!(split("عدد ۳.۵ است."), ["عدد ۳.۵ است."]);
    }
}
