//! The CoNLL 2018 shared-task metrics (Zeman et al. 2018, section 3): Tokens, Sentences,
//! Words, UPOS, XPOS, UFeats, AllTags, Lemmas, UAS, LAS, CLAS, MLAS and BLEX.
//!
//! Gold and system files must spell the same text once whitespace (Unicode category Zs)
//! is removed; tokens and sentences are character spans of that text and count as
//! correct when a gold one has exactly the same span. Words outside multiword tokens
//! align when their spans are equal; words inside a *multiword span* (the smallest
//! stretch holding a multiword token of either file that no other multiword token
//! crosses) align by the longest common subsequence of their lower-cased forms.
//! Every other metric is computed on aligned words.
//!
//! This is the same definition, and the same input leniency, as the project's
//! reference scorer `bench/ud_score.py`, so both give the same numbers on every file
//! (checked by `scripts/check-ud-eval.sh`).
//!
//! ```
//! use dabir::eval::ud::{evaluate, Treebank};
//! let gold = "1\tab\t_\tX\t_\t_\t0\troot\t_\t_\n2\tc\t_\tX\t_\t_\t1\tdep\t_\t_\n\n";
//! let sys = "1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tbc\t_\tX\t_\t_\t1\tdep\t_\t_\n\n";
//! let g = Treebank::parse(gold, "gold").unwrap();
//! let s = Treebank::parse(sys, "system").unwrap();
//! let scores = evaluate(&g, &s).unwrap();
//! assert_eq!(scores.tokens.correct, 0);
//! assert_eq!(scores.sentences.correct, 1);
//! ```

use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The metric names in the order the official script prints them.
pub const METRICS: [&str; 13] = [
    "Tokens",
    "Sentences",
    "Words",
    "UPOS",
    "XPOS",
    "UFeats",
    "AllTags",
    "Lemmas",
    "UAS",
    "LAS",
    "CLAS",
    "MLAS",
    "BLEX",
];

/// Universal features of UD v2 as the CoNLL 2018 evaluation keeps them; the others are
/// language-specific and ignored.
const UNIVERSAL_FEATS: [&str; 21] = [
    "Abbr", "Animacy", "Aspect", "Case", "Definite", "Degree", "Evident", "Foreign", "Gender",
    "Mood", "NumType", "Number", "Person", "Polarity", "Polite", "Poss", "PronType", "Reflex",
    "Tense", "VerbForm", "Voice",
];

/// Relations that attach content words (CLAS, MLAS, BLEX count only these).
const CONTENT_RELS: &[&str] = &[
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "ccomp",
    "compound",
    "conj",
    "csubj",
    "dep",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// Relations of function words: the "functional children" MLAS checks.
const FUNCTION_RELS: [&str; 7] = ["aux", "case", "cc", "clf", "cop", "det", "mark"];

/// Unicode category Zs: the whitespace the metrics ignore inside and between FORMs.
fn is_zs(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn strip_spaces(form: &str) -> String {
    form.chars().filter(|&c| !is_zs(c)).collect()
}

/// One syntactic word with what the metrics compare.
#[derive(Debug, Clone)]
struct Word {
    form: String,
    lemma: String,
    upos: String,
    xpos: String,
    /// Universal features only, sorted, joined with `|`.
    feats: String,
    /// DEPREL without its subtype.
    rel: String,
    /// Character span of the token holding this word.
    start: usize,
    end: usize,
    in_mwt: bool,
    /// Index of the head word in `Treebank::words`, `None` for the root.
    parent: Option<usize>,
    /// Functional children, in sentence order (indices into `Treebank::words`).
    fchildren: Vec<usize>,
    content: bool,
    function: bool,
}

/// What the metrics need from one CoNLL-U file.
#[derive(Debug, Clone, Default)]
pub struct Treebank {
    name: String,
    /// All token characters, whitespace removed.
    text: Vec<char>,
    tokens: Vec<(usize, usize)>,
    words: Vec<Word>,
    sentences: Vec<(usize, usize)>,
    sent_first_line: Vec<usize>,
}

struct Open {
    words: Vec<Word>,
    heads: Vec<(String, usize)>,
    start: usize,
    line: usize,
    mwt_left: usize,
    mwt_span: (usize, usize),
}

impl Treebank {
    /// Reads a CoNLL-U file.
    pub fn read(path: &str) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parses CoNLL-U text; `name` names the source in errors. Comment lines are skipped
    /// wherever they occur, runs of blank lines count as one sentence break and a missing
    /// final blank line is tolerated; a sentence must form a tree with one root.
    pub fn parse(text: &str, name: &str) -> Result<Self> {
        let mut tb = Treebank {
            name: name.to_string(),
            ..Default::default()
        };
        let mut sent: Option<Open> = None;
        let fail = |line: usize, reason: String| Error::Format {
            path: name.to_string(),
            line,
            reason,
        };
        let lines: Vec<&str> = text.split('\n').collect();
        for (idx, raw) in lines.iter().enumerate() {
            let lineno = idx + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() {
                if let Some(s) = sent.take() {
                    tb.close(s, lineno, name)?;
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(fail(
                    lineno,
                    format!("expected 10 tab-separated columns, found {}", cols.len()),
                ));
            }
            let s = sent.get_or_insert_with(|| Open {
                words: Vec::new(),
                heads: Vec::new(),
                start: tb.text.len(),
                line: lineno,
                mwt_left: 0,
                mwt_span: (0, 0),
            });
            let wid = cols[0];
            if wid.contains('.') {
                continue;
            }
            if let Some((a, b)) = wid.split_once('-') {
                if s.mwt_left > 0 {
                    return Err(fail(
                        lineno,
                        "multi-word token inside a multi-word token".into(),
                    ));
                }
                let (first, last) = match (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                    (Ok(x), Ok(y)) => (x, y),
                    _ => return Err(fail(lineno, format!("bad multi-word token ID {wid:?}"))),
                };
                if first != s.words.len() + 1 || last < first {
                    return Err(fail(
                        lineno,
                        format!("multi-word token ID {wid:?} out of sequence"),
                    ));
                }
                let form = strip_spaces(cols[1]);
                if form.is_empty() {
                    return Err(fail(lineno, "empty FORM".into()));
                }
                let start = tb.text.len();
                tb.text.extend(form.chars());
                tb.tokens.push((start, tb.text.len()));
                s.mwt_left = last - first + 1;
                s.mwt_span = (start, tb.text.len());
                continue;
            }
            let num: usize = wid
                .trim()
                .parse()
                .map_err(|_| fail(lineno, format!("bad word ID {wid:?}")))?;
            if num != s.words.len() + 1 {
                return Err(fail(
                    lineno,
                    format!(
                        "word ID {num} out of sequence, expected {}",
                        s.words.len() + 1
                    ),
                ));
            }
            let (start, end, in_mwt, form) = if s.mwt_left > 0 {
                s.mwt_left -= 1;
                (s.mwt_span.0, s.mwt_span.1, true, cols[1].to_string())
            } else {
                let form = strip_spaces(cols[1]);
                if form.is_empty() {
                    return Err(fail(lineno, "empty FORM".into()));
                }
                let start = tb.text.len();
                tb.text.extend(form.chars());
                tb.tokens.push((start, tb.text.len()));
                (start, tb.text.len(), false, form)
            };
            let mut kept: Vec<&str> = cols[5]
                .split('|')
                .filter(|f| UNIVERSAL_FEATS.contains(&f.split_once('=').map_or(*f, |p| p.0)))
                .collect();
            kept.sort_unstable();
            let rel = cols[7].split_once(':').map_or(cols[7], |p| p.0).to_string();
            s.heads.push((cols[6].to_string(), lineno));
            s.words.push(Word {
                form,
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: kept.join("|"),
                content: CONTENT_RELS.contains(&rel.as_str()),
                function: FUNCTION_RELS.contains(&rel.as_str()),
                rel,
                start,
                end,
                in_mwt,
                parent: None,
                fchildren: Vec::new(),
            });
        }
        if let Some(s) = sent.take() {
            tb.close(s, lines.len(), name)?;
        }
        Ok(tb)
    }

    fn close(&mut self, mut s: Open, lineno: usize, name: &str) -> Result<()> {
        let fail = |line: usize, reason: String| Error::Format {
            path: name.to_string(),
            line,
            reason,
        };
        if s.mwt_left > 0 {
            return Err(fail(
                lineno,
                "sentence ends inside a multi-word token".into(),
            ));
        }
        if s.words.is_empty() {
            return Ok(());
        }
        let n = s.words.len();
        let base = self.words.len();
        let mut roots = 0;
        let mut local_parent = vec![None; n];
        for (k, (head, line)) in s.heads.iter().enumerate() {
            let h: i64 = head
                .trim()
                .parse()
                .map_err(|_| fail(*line, format!("HEAD {head:?} is not an integer")))?;
            if h < 0 || h as usize > n {
                return Err(fail(
                    *line,
                    format!("HEAD {h} is outside the sentence (1..{n})"),
                ));
            }
            if h == 0 {
                roots += 1;
            } else {
                local_parent[k] = Some(h as usize - 1);
            }
        }
        if roots != 1 {
            return Err(fail(
                s.line,
                format!("sentence has {roots} root words, expected exactly 1"),
            ));
        }
        for (k, (_, line)) in s.heads.iter().enumerate() {
            let mut cur = Some(k);
            let mut seen = 0;
            while let Some(c) = cur {
                cur = local_parent[c];
                seen += 1;
                if seen > n {
                    return Err(fail(
                        *line,
                        "the HEADs of this sentence contain a cycle".into(),
                    ));
                }
            }
        }
        for (k, parent) in local_parent.iter().enumerate() {
            if let Some(p) = *parent {
                s.words[k].parent = Some(base + p);
                if s.words[k].function {
                    s.words[p].fchildren.push(base + k);
                }
            }
        }
        self.words.extend(s.words);
        self.sentences.push((s.start, self.text.len()));
        self.sent_first_line.push(s.line);
        Ok(())
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }
    /// Number of surface tokens (a multiword token counts once).
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }
    /// Number of syntactic words.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

/// Counts and ratios of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Correct system items.
    pub correct: usize,
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
    /// Aligned words the metric was computed on (`None` for Tokens, Sentences, Words).
    pub aligned: Option<usize>,
}

impl Score {
    /// correct / system.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    /// correct / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }
    /// correct / aligned, for the metrics computed on aligned words.
    pub fn aligned_accuracy(&self) -> Option<f64> {
        self.aligned.map(|a| ratio(self.correct, a))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// All metrics of one comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    /// Tokens.
    pub tokens: Score,
    /// Sentences.
    pub sentences: Score,
    /// Words.
    pub words: Score,
    /// Every metric by name, in [`METRICS`] order.
    pub all: Vec<(&'static str, Score)>,
}

impl Scores {
    /// The score of a metric by its name (`"UPOS"`, `"LAS"`…).
    pub fn get(&self, metric: &str) -> Option<Score> {
        self.all.iter().find(|(m, _)| *m == metric).map(|p| p.1)
    }

    /// The table the official script prints: Precision / Recall / F1 / AligndAcc.
    pub fn table(&self) -> String {
        let mut s = String::from("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n");
        s.push_str("-----------+-----------+-----------+-----------+-----------\n");
        for (m, sc) in &self.all {
            let acc = sc
                .aligned_accuracy()
                .map_or(String::new(), |a| format!("{:10.2}", 100.0 * a));
            let _ = writeln!(
                s,
                "{:<11}|{:10.2} |{:10.2} |{:10.2} |{}",
                m,
                100.0 * sc.precision(),
                100.0 * sc.recall(),
                100.0 * sc.f1(),
                acc
            );
        }
        s
    }

    /// The same numbers (and raw counts) as `ud_score.py --json`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (m, sc) in &self.all {
            map.insert(
                (*m).to_string(),
                serde_json::json!({
                    "precision": sc.precision(),
                    "recall": sc.recall(),
                    "f1": sc.f1(),
                    "aligned_accuracy": sc.aligned_accuracy(),
                    "correct": sc.correct,
                    "gold": sc.gold,
                    "system": sc.system,
                    "aligned": sc.aligned,
                }),
            );
        }
        serde_json::Value::Object(map)
    }
}

/// Aligned (gold, system) pairs inside one multiword span: a longest common subsequence
/// of lower-cased forms; on ties a gold word is skipped first.
fn lcs_pairs(gold: &[Word], g0: usize, system: &[Word], s0: usize, out: &mut Vec<(usize, usize)>) {
    let g: Vec<String> = gold.iter().map(|w| w.form.to_lowercase()).collect();
    let s: Vec<String> = system.iter().map(|w| w.form.to_lowercase()).collect();
    let (n, m) = (g.len(), s.len());
    let mut best = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            best[i][j] = if g[i] == s[j] {
                best[i + 1][j + 1] + 1
            } else if best[i + 1][j] >= best[i][j + 1] {
                best[i + 1][j]
            } else {
                best[i][j + 1]
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if g[i] == s[j] {
            out.push((g0 + i, s0 + j));
            i += 1;
            j += 1;
        } else if best[i + 1][j] == best[i][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Pairs of (gold word index, system word index).
fn align(gold: &[Word], sys: &[Word]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (gn, sn) = (gold.len(), sys.len());
    let (mut g, mut s) = (0, 0);
    while g < gn && s < sn {
        let (gw, sw) = (&gold[g], &sys[s]);
        if !gw.in_mwt && !sw.in_mwt {
            if gw.start == sw.start && gw.end == sw.end {
                pairs.push((g, s));
                g += 1;
                s += 1;
            } else if gw.start <= sw.start {
                g += 1;
            } else {
                s += 1;
            }
            continue;
        }
        // A multiword span opens here; a plain word of the other side that starts
        // before the multiword token is left unaligned.
        let mut limit;
        if gw.in_mwt {
            limit = gw.end;
            if !sw.in_mwt && sw.start < gw.start {
                s += 1;
            }
        } else {
            limit = sw.end;
            if gw.start < sw.start {
                g += 1;
            }
        }
        let (g0, s0) = (g, s);
        let within = |words: &[Word], k: usize, limit: usize| -> bool {
            match words.get(k) {
                None => false,
                Some(w) if w.in_mwt => w.start < limit,
                Some(w) => w.end <= limit,
            }
        };
        while within(gold, g, limit) || within(sys, s, limit) {
            let w = if g < gn && (s >= sn || gold[g].start <= sys[s].start) {
                g += 1;
                &gold[g - 1]
            } else {
                s += 1;
                &sys[s - 1]
            };
            if w.in_mwt && w.end > limit {
                limit = w.end;
            }
        }
        if g > g0 && s > s0 {
            lcs_pairs(&gold[g0..g], g0, &sys[s0..s], s0, &mut pairs);
        }
    }
    pairs
}

fn span_score(gold: &[(usize, usize)], sys: &[(usize, usize)]) -> Score {
    let g: HashSet<&(usize, usize)> = gold.iter().collect();
    let s: HashSet<&(usize, usize)> = sys.iter().collect();
    Score {
        correct: g.intersection(&s).count(),
        gold: gold.len(),
        system: sys.len(),
        aligned: None,
    }
}

/// A node of the gold tree as seen from either file: the root, a gold word, or a system
/// word that no gold word is aligned with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Root,
    Gold(usize),
    Unaligned,
}

/// Compares a system treebank with the gold one. Fails when the two do not spell the
/// same text.
pub fn evaluate(gold: &Treebank, system: &Treebank) -> Result<Scores> {
    if gold.text != system.text {
        let limit = gold.text.len().min(system.text.len());
        let k = (0..limit)
            .find(|&k| gold.text[k] != system.text[k])
            .unwrap_or(limit);
        let mut place = String::new();
        for (&(a, b), line) in gold.sentences.iter().zip(&gold.sent_first_line) {
            if (a <= k && k < b) || (k == b && b == gold.text.len()) {
                place = format!(" (gold sentence starting at line {line})");
                break;
            }
        }
        let snip = |t: &[char]| t.iter().skip(k).take(20).collect::<String>();
        return Err(Error::Format {
            path: system.name.clone(),
            line: 0,
            reason: format!(
                "gold and system texts differ at character {k}{place}: gold {:?}, system {:?}",
                snip(&gold.text),
                snip(&system.text)
            ),
        });
    }
    let pairs = align(&gold.words, &system.words);
    let mut to_gold: Vec<Option<usize>> = vec![None; system.words.len()];
    for &(g, s) in &pairs {
        to_gold[s] = Some(g);
    }
    let g_head = |g: usize| gold.words[g].parent.map_or(Node::Root, Node::Gold);
    let s_node = |s: usize| to_gold[s].map_or(Node::Unaligned, Node::Gold);
    let s_head = |s: usize| system.words[s].parent.map_or(Node::Root, s_node);
    let g_kids = |g: usize| -> Vec<(Node, &str, &str, &str)> {
        gold.words[g]
            .fchildren
            .iter()
            .map(|&c| {
                let w = &gold.words[c];
                (
                    Node::Gold(c),
                    w.rel.as_str(),
                    w.upos.as_str(),
                    w.feats.as_str(),
                )
            })
            .collect()
    };
    let s_kids = |s: usize| -> Vec<(Node, &str, &str, &str)> {
        system.words[s]
            .fchildren
            .iter()
            .map(|&c| {
                let w = &system.words[c];
                (s_node(c), w.rel.as_str(), w.upos.as_str(), w.feats.as_str())
            })
            .collect()
    };
    let lemma_ok = |g: &Word, s: &Word| g.lemma == "_" || g.lemma == s.lemma;

    let n_gold = gold.words.len();
    let n_sys = system.words.len();
    let n_gold_c = gold.words.iter().filter(|w| w.content).count();
    let n_sys_c = system.words.iter().filter(|w| w.content).count();
    let tokens = span_score(&gold.tokens, &system.tokens);
    let sentences = span_score(&gold.sentences, &system.sentences);
    let words = Score {
        correct: pairs.len(),
        gold: n_gold,
        system: n_sys,
        aligned: None,
    };
    let mut all = vec![
        ("Tokens", tokens),
        ("Sentences", sentences),
        ("Words", words),
    ];
    for metric in &METRICS[3..] {
        let restrict = matches!(*metric, "CLAS" | "MLAS" | "BLEX");
        let (mut aligned, mut correct) = (0, 0);
        for &(gi, si) in &pairs {
            let (g, s) = (&gold.words[gi], &system.words[si]);
            if restrict && !g.content {
                continue;
            }
            aligned += 1;
            let ok = match *metric {
                "UPOS" => g.upos == s.upos,
                "XPOS" => g.xpos == s.xpos,
                "UFeats" => g.feats == s.feats,
                "AllTags" => g.upos == s.upos && g.xpos == s.xpos && g.feats == s.feats,
                "Lemmas" => lemma_ok(g, s),
                "UAS" => g_head(gi) == s_head(si),
                "LAS" | "CLAS" => g_head(gi) == s_head(si) && g.rel == s.rel,
                "MLAS" => {
                    g_head(gi) == s_head(si)
                        && g.rel == s.rel
                        && g.upos == s.upos
                        && g.feats == s.feats
                        && g_kids(gi) == s_kids(si)
                }
                _ => g_head(gi) == s_head(si) && g.rel == s.rel && lemma_ok(g, s),
            };
            if ok {
                correct += 1;
            }
        }
        let (gn, sn) = if restrict {
            (n_gold_c, n_sys_c)
        } else {
            (n_gold, n_sys)
        };
        all.push((
            metric,
            Score {
                correct,
                gold: gn,
                system: sn,
                aligned: Some(aligned),
            },
        ));
    }
    Ok(Scores {
        tokens,
        sentences,
        words,
        all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence of plain words, the first the root, the rest attached to it.
    fn flat(forms: &[&str]) -> String {
        let mut s = String::new();
        for (k, f) in forms.iter().enumerate() {
            let (h, r) = if k == 0 { (0, "root") } else { (1, "dep") };
            let _ = writeln!(s, "{}\t{f}\t{f}\tX\tXx\t_\t{h}\t{r}\t_\t_", k + 1);
        }
        s.push('\n');
        s
    }

    fn run(gold: &str, sys: &str) -> Scores {
        let g = Treebank::parse(gold, "gold").unwrap();
        let s = Treebank::parse(sys, "system").unwrap();
        evaluate(&g, &s).unwrap()
    }

    fn counts(s: Score) -> (usize, usize, usize) {
        (s.correct, s.gold, s.system)
    }

    const GOLD: &str = "1\tAli\tAli\tPROPN\tP\tNumber=Sing\t2\tnsubj\t_\t_\n\
        2\tgoes\tgo\tVERB\tV\tNumber=Sing|Person=3|Tense=Pres\t0\troot\t_\t_\n\
        3\thome\thome\tNOUN\tN\tNumber=Sing\t2\tobl:arg\t_\t_\n\
        4\t.\t.\tPUNCT\tP\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn identical_files_score_one_everywhere() {
        let sc = run(GOLD, GOLD);
        for (m, s) in &sc.all {
            assert!((s.f1() - 1.0).abs() < 1e-12, "{m}");
        }
    }

    #[test]
    fn merged_token() {
        let sys = "1\tAli\tAli\tPROPN\tP\tNumber=Sing\t2\tnsubj\t_\t_\n\
            2\tgoeshome\tgo\tVERB\tV\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\tP\t_\t2\tpunct\t_\t_\n\n";
        let sc = run(GOLD, sys);
        assert_eq!(counts(sc.tokens), (2, 4, 3));
        assert_eq!(counts(sc.words), (2, 4, 3));
        assert!((sc.words.f1() - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(sc.get("UAS").unwrap().correct, 0);
    }

    #[test]
    fn split_token_and_subtypes_and_features() {
        let sys = "1\tAl\tAl\tPROPN\tP\t_\t3\tnsubj\t_\t_\n2\ti\ti\tX\tX\t_\t1\tflat\t_\t_\n\
            3\tgoes\tgo\tVERB\tV\tTense=Pres|Person=3|Number=Sing|Foo=Bar\t0\troot\t_\t_\n\
            4\thome\thome\tNOUN\tN\tNumber=Sing\t3\tobl\t_\t_\n5\t.\t.\tPUNCT\tP\t_\t3\tpunct\t_\t_\n\n";
        let sc = run(GOLD, sys);
        assert_eq!((sc.tokens.correct, sc.tokens.system), (3, 5));
        let uas = sc.get("UAS").unwrap();
        assert_eq!((uas.correct, uas.aligned), (3, Some(3)));
        assert_eq!(sc.get("LAS").unwrap().correct, 3);
        assert_eq!(sc.get("UFeats").unwrap().correct, 3);
    }

    #[test]
    fn sentence_boundaries() {
        let gold = flat(&["a", "b"]) + &flat(&["c", "d"]);
        let sc = run(&gold, &flat(&["a", "b", "c", "d"]));
        assert_eq!(counts(sc.sentences), (0, 2, 1));
        let sc = run(&gold, &(flat(&["a"]) + &flat(&["b"]) + &flat(&["c", "d"])));
        assert_eq!((sc.sentences.correct, sc.sentences.system), (1, 3));
        assert_eq!(sc.tokens.f1(), 1.0);
    }

    const GOLD_MWT: &str =
        "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t2\tcase\t_\t_\n\
        2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_\n3\tgato\tgato\tNOUN\t_\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn multiword_token_against_plain_token() {
        let sc = run(GOLD_MWT, &flat(&["del", "gato"]));
        assert_eq!(sc.tokens.correct, 2);
        assert_eq!(counts(sc.words), (1, 3, 2));
    }

    #[test]
    fn multiword_tokens_align_by_lcs_ignoring_case() {
        let sys = "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDE\tde\tADP\t_\t_\t2\tcase\t_\t_\n\
            2\tla\tel\tDET\t_\t_\t3\tdet\t_\t_\n3\tgato\tgato\tNOUN\t_\t_\t0\troot\t_\t_\n\n";
        let sc = run(GOLD_MWT, sys);
        assert_eq!(sc.words.correct, 2);
        assert_eq!(sc.get("UAS").unwrap().correct, 1);
        assert_eq!(sc.get("MLAS").unwrap().correct, 0);
        let clas = sc.get("CLAS").unwrap();
        assert_eq!((clas.correct, clas.gold, clas.system), (1, 1, 1));
    }

    #[test]
    fn persian_clitic_split_against_unsplit() {
        let gold =
            "1-2\tماتمش\t_\t_\t_\t_\t_\t_\t_\t_\n1\tماتم\tماتم\tNOUN\t_\t_\t3\tnsubj\t_\t_\n\
            2\tش\tاو\tPRON\t_\t_\t1\tnmod\t_\t_\n3\tشد\tشد\tVERB\t_\t_\t0\troot\t_\t_\n\n";
        let sc = run(gold, &flat(&["ماتمش", "شد"]));
        assert_eq!(counts(sc.tokens), (2, 2, 2));
        assert_eq!(counts(sc.words), (1, 3, 2));
        let sc = run(gold, gold);
        assert_eq!(counts(sc.words), (3, 3, 3));
    }

    #[test]
    fn spaces_inside_forms_are_ignored() {
        let sc = run(&flat(&["New York", "is"]), &flat(&["New", "York", "is"]));
        assert_eq!((sc.tokens.correct, sc.tokens.gold), (1, 2));
    }

    #[test]
    fn crossing_plain_word_is_swallowed_by_the_multiword_span() {
        let sys = "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n\
            2\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n3\tc\tc\tX\t_\t_\t1\tdep\t_\t_\n4\td\td\tX\t_\t_\t1\tdep\t_\t_\n\n";
        let sc = run(&flat(&["ab", "cd"]), sys);
        assert_eq!((sc.words.correct, sc.tokens.correct), (0, 0));
    }

    #[test]
    fn misaligned_tokenization_counts_only_equal_spans() {
        // gold: ab|cd|ef ; system: a|bcd|ef
        let sc = run(&flat(&["ab", "cd", "ef"]), &flat(&["a", "bcd", "ef"]));
        assert_eq!(counts(sc.tokens), (1, 3, 3));
        assert_eq!(counts(sc.words), (1, 3, 3));
    }

    #[test]
    fn gold_lemma_underscore_accepts_anything() {
        let g = "1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n\n";
        let s = "1\ta\tzzz\tX\t_\t_\t0\troot\t_\t_\n2\tb\tc\tX\t_\t_\t1\tdep\t_\t_\n\n";
        assert_eq!(run(g, s).get("Lemmas").unwrap().correct, 1);
    }

    #[test]
    fn different_texts_and_broken_trees_are_refused() {
        let g = Treebank::parse(&flat(&["abc"]), "g").unwrap();
        let s = Treebank::parse(&flat(&["abd"]), "s").unwrap();
        assert!(evaluate(&g, &s).is_err());
        for bad in [
            "1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t0\troot\t_\t_\n\n",
            "1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t3\tdep\t_\t_\n3\tc\t_\tX\t_\t_\t2\tdep\t_\t_\n\n",
            "1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t5\tdep\t_\t_\n\n",
            "1\ta\t_\tX\t_\t_\t_\troot\t_\t_\n\n",
            "1\ta\n\n",
        ] {
            assert!(Treebank::parse(bad, "bad").is_err(), "{bad}");
        }
    }

    #[test]
    fn lenient_reading() {
        let se =
            "# c\n1\ta\ta\tX\tXx\t_\t0\troot\t_\t_\n# c2\n1.1\tx\tx\tX\t_\t_\t_\t_\t1:dep\t_\n\
            2\tb\tb\tX\tXx\t_\t1\tdep\t_\t_\n\n\n\n3\tc";
        let se = se.replace("3\tc", "1\tc\tc\tX\tXx\t_\t0\troot\t_\t_");
        let sc = run(&(flat(&["a", "b"]) + &flat(&["c"])), &se);
        assert_eq!(counts(sc.sentences), (2, 2, 2));
        for (m, s) in &sc.all {
            assert!((s.f1() - 1.0).abs() < 1e-12, "{m}");
        }
    }

    #[test]
    fn json_and_table_carry_every_metric() {
        let sc = run(GOLD, GOLD);
        let j = sc.to_json();
        for m in METRICS {
            assert_eq!(j[m]["f1"], 1.0);
        }
        assert_eq!(j["Tokens"]["aligned_accuracy"], serde_json::Value::Null);
        assert_eq!(sc.table().lines().count(), 2 + METRICS.len());
    }
}
