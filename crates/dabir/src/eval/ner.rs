//! CoNLL exact-span NER scoring (the conlleval definition), the same computation as
//! `../shared/bench/ner_score.py`, so the two agree to the last digit.
//!
//! A span is (first token, one past the last token, type). A `B-` (or `S-`) tag, a
//! change of type or an `I-` after `O` opens a span; `O`, an empty tag or a tag without
//! `-` closes it; `E-`/`S-` close it after their token. Types are compared lower-cased
//! after an optional renaming (`--map pers=per`), and `--types` keeps only some types
//! (others count as O). A predicted span counts when gold has the same span and type.
//!
//! ```
//! use dabir::eval::ner::{score, ScoreOptions};
//! use dabir::entities::conll::read_tagged;
//! let gold = read_tagged(b"Ali B-PER\nReza I-PER\nin O\nTehran B-LOC\n");
//! let sys = read_tagged(b"Ali B-PER\nReza O\nin O\nTehran B-LOC\n");
//! let s = score(&gold, &sys, &ScoreOptions::default()).unwrap();
//! assert_eq!((s.micro.tp, s.micro.fp, s.micro.fn_), (1, 1, 1));
//! assert!((s.micro.f1() - 0.5).abs() < 1e-12);
//! ```

use crate::entities::conll::{is_py_space, Row};
use crate::error::{Error, Result};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// Counts of one type (or of all: micro).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans in both.
    pub tp: usize,
    /// System spans not in gold.
    pub fp: usize,
    /// Gold spans the system missed.
    pub fn_: usize,
}

impl Counts {
    /// Precision (0 when the system found nothing).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when gold has nothing).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 (0 when precision and recall are both 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Renaming and filtering of types, as the reference scorer's `--map` and `--types`.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Type renamings, lower-cased (`pers` → `per`).
    pub map: Vec<(String, String)>,
    /// When not empty, only these types (after renaming, lower-cased) are scored.
    pub types: Vec<String>,
}

impl ScoreOptions {
    /// Options from the scorer's argument syntax: `a=b,c=d` and `x,y`.
    pub fn parse(map: &str, types: &str) -> Result<Self> {
        let mut m = Vec::new();
        for kv in map.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').ok_or_else(|| Error::Option {
                name: "map".into(),
                reason: format!("entry {kv:?} is not a=b"),
            })?;
            m.push((k.to_lowercase(), v.to_lowercase()));
        }
        let types = types
            .split(',')
            .map(|t| t.trim_matches(is_py_space).to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        Ok(ScoreOptions { map: m, types })
    }

    fn rename(&self, ty: &str) -> String {
        let ty = ty.to_lowercase();
        // the last entry for a key wins, as in a Python dict
        self.map
            .iter()
            .rev()
            .find(|(k, _)| *k == ty)
            .map(|(_, v)| v.clone())
            .unwrap_or(ty)
    }
}

/// Per-type and micro-averaged counts.
#[derive(Debug, Clone, Default)]
pub struct NerScores {
    /// All types together.
    pub micro: Counts,
    /// Each type (lower-cased, after renaming) seen in gold or system.
    pub per_type: BTreeMap<String, Counts>,
}

/// The spans of one sentence's tags.
pub fn spans(tags: &[&str], opts: &ScoreOptions) -> HashSet<(usize, usize, String)> {
    let mut out = HashSet::new();
    let mut open: Option<(usize, String)> = None;
    let n = tags.len();
    for i in 0..=n {
        let t = tags.get(i).copied().unwrap_or("O");
        let t = t.trim_matches(is_py_space);
        let Some((p, ty)) = t.split_once('-').filter(|_| t != "O" && !t.is_empty()) else {
            if let Some((s, ty)) = open.take() {
                out.insert((s, i, ty));
            }
            continue;
        };
        let ty = opts.rename(ty);
        let continues = matches!(&open, Some((_, o)) if *o == ty);
        if p == "B" || p == "S" || !continues {
            if let Some((s, oty)) = open.take() {
                out.insert((s, i, oty));
            }
            open = Some((i, ty));
        }
        if p == "E" || p == "S" {
            if let Some((s, oty)) = open.take() {
                out.insert((s, i + 1, oty));
            }
        }
    }
    if !opts.types.is_empty() {
        out.retain(|(_, _, ty)| opts.types.contains(ty));
    }
    out
}

fn misaligned(reason: String) -> Error {
    Error::Format {
        path: "system file".into(),
        line: 0,
        reason,
    }
}

/// Scores `system` against `gold`; they must have the same sentences and token counts.
pub fn score(gold: &[Vec<Row>], system: &[Vec<Row>], opts: &ScoreOptions) -> Result<NerScores> {
    if gold.len() != system.len() {
        return Err(misaligned(format!(
            "sentence count differs: gold {} system {}",
            gold.len(),
            system.len()
        )));
    }
    let mut s = NerScores::default();
    for (i, (g, y)) in gold.iter().zip(system).enumerate() {
        if g.len() != y.len() {
            return Err(misaligned(format!(
                "sentence {}: token count differs: gold {} system {}",
                i + 1,
                g.len(),
                y.len()
            )));
        }
        let gt: Vec<&str> = g.iter().map(|r| r.tag.as_str()).collect();
        let yt: Vec<&str> = y.iter().map(|r| r.tag.as_str()).collect();
        let gs = spans(&gt, opts);
        let ys = spans(&yt, opts);
        for sp in gs.union(&ys) {
            let c = s.per_type.entry(sp.2.clone()).or_default();
            match (gs.contains(sp), ys.contains(sp)) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                _ => c.fn_ += 1,
            }
        }
        let tp = gs.intersection(&ys).count();
        s.micro.tp += tp;
        s.micro.fp += ys.len() - tp;
        s.micro.fn_ += gs.len() - tp;
    }
    Ok(s)
}

impl NerScores {
    /// The reference scorer's text output: `micro` then each type,
    /// `name P=0.1234 R=0.1234 F1=0.1234`.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let rows = std::iter::once(("micro", &self.micro))
            .chain(self.per_type.iter().map(|(k, v)| (k.as_str(), v)));
        for (k, c) in rows {
            out.push_str(&format!(
                "{k:8} P={:.4} R={:.4} F1={:.4}\n",
                c.precision(),
                c.recall(),
                c.f1()
            ));
        }
        out
    }

    /// The reference scorer's JSON object (`micro` and each type: precision, recall,
    /// f1, and support for types).
    pub fn to_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        let c = &self.micro;
        m.insert(
            "micro".into(),
            json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1()}),
        );
        for (k, c) in &self.per_type {
            m.insert(
                k.clone(),
                json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                       "support": c.tp + c.fn_}),
            );
        }
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::conll::read_tagged;

    fn tags(s: &[&str]) -> HashSet<(usize, usize, String)> {
        spans(s, &ScoreOptions::default())
    }

    fn sp(a: usize, b: usize, t: &str) -> (usize, usize, String) {
        (a, b, t.to_string())
    }

    #[test]
    fn conlleval_spans() {
        // I- after O opens a span; a type change splits; B- splits
        assert_eq!(
            tags(&["I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG"]),
            [
                sp(0, 2, "per"),
                sp(3, 4, "loc"),
                sp(4, 5, "org"),
                sp(5, 7, "org")
            ]
            .into_iter()
            .collect()
        );
        // E- and S- close; tags without '-' are O
        assert_eq!(
            tags(&["B-X", "E-X", "I-X", "S-Y", "junk", "B-Z"]),
            [sp(0, 2, "x"), sp(2, 3, "x"), sp(3, 4, "y"), sp(5, 6, "z")]
                .into_iter()
                .collect()
        );
        assert!(tags(&[]).is_empty());
    }

    #[test]
    fn hand_made_scores() {
        let gold = read_tagged(b"a B-PER\nb I-PER\nc O\nd B-LOC\n\ne B-ORG\nf O\n");
        let sys = read_tagged(b"a B-PER\nb I-PER\nc O\nd B-ORG\n\ne B-ORG\nf B-LOC\n");
        let s = score(&gold, &sys, &ScoreOptions::default()).unwrap();
        assert_eq!(
            s.micro,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_type["loc"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_type["org"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert!((s.micro.precision() - 0.5).abs() < 1e-12);
        assert!((s.micro.recall() - 2.0 / 3.0).abs() < 1e-12);
        // renaming and type filter
        let o = ScoreOptions::parse("org=loc", "loc").unwrap();
        let s = score(&gold, &sys, &o).unwrap();
        assert_eq!(s.per_type.len(), 1);
        assert_eq!(
            s.micro,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert!(s
            .table()
            .starts_with("micro    P=0.6667 R=1.0000 F1=0.8000\n"));
    }

    #[test]
    fn misaligned_input_is_an_error() {
        let gold = read_tagged(b"a O\nb O\n");
        let sys = read_tagged(b"a O\n");
        assert!(score(&gold, &sys, &ScoreOptions::default()).is_err());
        assert!(score(&gold, &[], &ScoreOptions::default()).is_err());
        assert!(ScoreOptions::parse("x", "").is_err());
    }
}
