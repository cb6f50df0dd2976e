//! Training of the segmentation model ([`super::SegmentModel`]) from:
//! - the PerDT **dev** treebank (`fa_perdt-ud-dev.conllu`): which forms the treebank
//!   splits into host + clitic, and which forms that look split-able it keeps whole;
//! - the PerDT **train** raw sentences (`train-sentences.txt`), run together as one
//!   text: every stop followed by whitespace is a candidate boundary, labelled by
//!   whether a sentence really ends there;
//! - the hazm lexicon (`words.dat` with frequencies and tags, `verbs.dat` stems).
//!
//! Never the test split. `scripts/train-segment.sh` runs this and writes
//! `models/segment.bin`.

use super::clitics::CliticModel;
use super::model::SegmentModel;
use super::sentences::{candidates, features, BoundaryModel};
use super::tokens::scan;
use crate::error::{Error, Result};
use crate::formats::conllu;
use rustc_hash::FxHashMap;

/// Where the training data is.
#[derive(Debug, Clone)]
pub struct TrainPaths {
    /// PerDT dev CoNLL-U.
    pub dev_conllu: String,
    /// PerDT raw train sentences, one per line.
    pub train_sentences: String,
    /// hazm `words.dat` (word, frequency, tags).
    pub hazm_words: String,
    /// hazm `verbs.dat` (past#present stems).
    pub hazm_verbs: String,
    /// hazm `stopwords.dat` (function words: pronouns, prepositions…).
    pub hazm_stopwords: String,
    /// PerDT raw train tokens, one per line (clitics still attached).
    pub train_tokens: String,
}

impl TrainPaths {
    /// The standard layout under a data folder (`../shared/data`).
    pub fn under(data: &str) -> Self {
        TrainPaths {
            dev_conllu: format!("{data}/ud-perdt/fa_perdt-ud-dev.conllu"),
            train_sentences: format!("{data}/ud-perdt/train-sentences.txt"),
            hazm_words: format!("{data}/lexicon-hazm/words.dat"),
            hazm_verbs: format!("{data}/lexicon-hazm/verbs.dat"),
            hazm_stopwords: format!("{data}/lexicon-hazm/stopwords.dat"),
            train_tokens: format!("{data}/ud-perdt/train-tokens.txt"),
        }
    }
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Trains the whole model.
pub fn train(paths: &TrainPaths) -> Result<SegmentModel> {
    let mut clitics = lexicon(
        &read(&paths.hazm_words)?,
        &read(&paths.hazm_verbs)?,
        &read(&paths.hazm_stopwords)?,
    );
    clitics.counts = token_counts(&read(&paths.train_tokens)?);
    let train_votes =
        train_clitic_votes(&read(&paths.train_sentences)?, &read(&paths.train_tokens)?);
    learn_clitics(
        &mut clitics,
        &read(&paths.dev_conllu)?,
        &paths.dev_conllu,
        train_votes,
    )?;
    let boundary = train_boundaries(&read(&paths.train_sentences)?);
    Ok(SegmentModel { clitics, boundary })
}

/// Tags of the hazm lexicon that make a word a possible clitic host.
fn nominal_tag(t: &str) -> bool {
    matches!(
        t,
        "N" | "AJ" | "PRO" | "P" | "ADV" | "NUM" | "PL" | "AJC" | "AJS" | "RES"
    )
}

/// The lexicon part: known words, nominal stems and verb stems.
pub fn lexicon(words_dat: &str, verbs_dat: &str, stopwords: &str) -> CliticModel {
    let mut m = CliticModel::default();
    for line in words_dat.lines() {
        let mut cols = line.split('\t');
        let (Some(w), Some(_freq), Some(tags)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if tags.trim() == "0" {
            continue;
        }
        let w = w.trim();
        m.words.insert(w.into());
        if tags.split(',').any(nominal_tag) {
            m.stems.insert(w.into());
        }
    }
    for w in stopwords
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
    {
        m.stems.insert(w.into());
    }
    for line in verbs_dat.lines() {
        let mut parts = line.trim().split('#');
        let (past, present) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if past.chars().count() >= 2 {
            m.verb_stems.insert(past.into());
            // the older causative spelling: رساند / رسانید
            if let Some(base) = past.strip_suffix("اند") {
                m.verb_stems.insert(format!("{base}انید").into());
            }
        }
        if present.chars().count() >= 2 {
            m.present_stems.insert(present.into());
        }
    }
    for s in ["هست", "نیست"] {
        m.verb_stems.insert(s.into());
    }
    m
}

/// Counts of whole tokens (forms seen at least twice) in the raw train tokens; a
/// token with a space inside (a multi-part verb) counts its parts.
pub fn token_counts(tokens: &str) -> FxHashMap<Box<str>, u32> {
    let mut c: FxHashMap<&str, u32> = FxHashMap::default();
    for line in tokens.lines() {
        for t in line.split(' ').map(str::trim).filter(|t| !t.is_empty()) {
            *c.entry(t).or_default() += 1;
        }
    }
    c.into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(t, n)| (t.into(), n))
        .collect()
}

/// One token of the dev treebank: its form and, for a multiword token, its words.
fn dev_tokens(text: &str, path: &str) -> Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for sent in conllu::parse(text, path)? {
        let mut k = 0;
        while k < sent.rows.len() {
            let r = &sent.rows[k];
            if let Some((a, b)) = r.multiword_range() {
                let n = b.saturating_sub(a) + 1;
                let words = sent
                    .rows
                    .iter()
                    .skip(k + 1)
                    .take(n)
                    .map(|w| w.form.clone())
                    .collect();
                out.push((r.form.clone(), words));
                k += 1 + n;
            } else {
                if r.is_word() {
                    out.push((r.form.clone(), vec![r.form.clone()]));
                }
                k += 1;
            }
        }
    }
    Ok(out)
}

/// Learns from dev: split forms (host + clitic, without glued punctuation), nominal
/// hosts seen there, and forms the rules would split but the treebank keeps.
/// Votes (times split, times kept whole, cut) per form.
pub type Votes = FxHashMap<String, (u32, u32, u32)>;

/// How much one dev occurrence (UD annotation) weighs against one train occurrence.
const DEV_WEIGHT: u32 = 3;

/// Clitic votes from the PerDT train text: `train-tokens.txt` has the clitics as
/// separate tokens (برایش → برای, ش), `train-sentences.txt` the raw sentences. Each
/// surface word token of a raw sentence (as [`scan`] finds it) is aligned with the
/// train tokens by characters (spaces and ZWNJ ignored): one inner token boundary is a
/// split at that place (a ZWNJ there stays with the host, as UD PerDT has it), none is
/// a form kept whole.
pub fn train_clitic_votes(sentences: &str, tokens: &str) -> Votes {
    let mut votes = Votes::default();
    let mut gold_sents: Vec<Vec<&str>> = Vec::new();
    let mut cur = Vec::new();
    for line in tokens.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                gold_sents.push(std::mem::take(&mut cur));
            }
        } else {
            cur.extend(line.split(' ').filter(|t| !t.is_empty()));
        }
    }
    if !cur.is_empty() {
        gold_sents.push(cur);
    }
    let visible = |c: char| !c.is_whitespace() && c != '\u{200C}';
    let mut raw = Vec::new();
    for (line, gold) in sentences.lines().zip(&gold_sents) {
        // gold token boundaries as counts of visible characters
        let mut bounds = rustc_hash::FxHashSet::default();
        let mut n = 0usize;
        bounds.insert(0);
        for t in gold {
            n += t.chars().filter(|&c| visible(c)).count();
            bounds.insert(n);
        }
        raw.clear();
        scan(line, 0..line.len(), &mut raw);
        let mut pos = 0usize; // visible characters before the current token
        for t in &raw {
            let form = &line[t.start..t.end];
            let len = form.chars().filter(|&c| visible(c)).count();
            let (a, b) = (pos, pos + len);
            pos = b;
            if t.kind != super::TokenKind::Word || !bounds.contains(&a) || !bounds.contains(&b) {
                continue;
            }
            let inner: Vec<usize> = (a + 1..b).filter(|k| bounds.contains(k)).collect();
            match inner.as_slice() {
                [] => votes.entry(form.to_string()).or_default().1 += 1,
                [k] => {
                    // byte offset after the (k - a)-th visible character and any ZWNJ after it
                    let mut seen = 0;
                    let mut cut = None;
                    for (i, c) in form.char_indices() {
                        if seen == k - a && c != '\u{200C}' {
                            cut = Some(i);
                            break;
                        }
                        if visible(c) {
                            seen += 1;
                        }
                    }
                    if let Some(cut) = cut {
                        let e = votes.entry(form.to_string()).or_default();
                        e.0 += 1;
                        e.2 = cut as u32;
                    }
                }
                _ => {}
            }
        }
    }
    votes
}

/// Learns the clitic tables from the train votes plus the dev treebank.
pub fn learn_clitics(m: &mut CliticModel, dev: &str, path: &str, train_votes: Votes) -> Result<()> {
    let toks = dev_tokens(dev, path)?;
    // how often each form is split / kept whole; the majority decides
    // train-tokens.txt splits only some clitics (برایش, مرا, اوست…) and keeps most
    // attached (کتابش), so only its majority splits are evidence; its "kept" counts
    // are not
    let mut votes: Votes = train_votes
        .into_iter()
        .filter(|(_, (s, k, _))| s >= k && *s > 0)
        .map(|(f, (s, _, c))| (f, (s, 0, c)))
        .collect();
    for (form, (split, kept, cut)) in &votes {
        // a host the treebank splits a clitic off is a nominal host
        if *split > *kept {
            if let Some(host) = form.get(..*cut as usize) {
                m.stems.insert(host.trim_end_matches('\u{200C}').into());
            }
        }
    }
    for (form, words) in &toks {
        // drop glued punctuation words at the end (معذورم. = معذور + م + .)
        let core: Vec<&String> = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if words.len() >= 2 && core.len() == 2 {
            let host = core[0].as_str();
            let joined = format!("{}{}", host, core[1]);
            if form.starts_with(&joined) {
                let e = votes.entry(joined).or_default();
                e.0 += DEV_WEIGHT;
                e.2 = host.len() as u32;
                m.stems.insert(host.trim_end_matches('\u{200C}').into());
            }
        } else if words.len() == 1 {
            votes.entry(form.clone()).or_default().1 += DEV_WEIGHT;
        }
    }
    for (form, (split, kept, cut)) in &votes {
        if split > kept {
            m.split.insert(form.as_str().into(), *cut);
            m.words.remove(form.as_str());
        }
    }
    for (form, (split, kept, _)) in &votes {
        if split <= kept && *kept > 0 && m.split(form).is_some() {
            m.keep.insert(form.as_str().into());
        }
    }
    Ok(())
}

/// Learns the boundary classifier from raw sentences, one per line: a logistic
/// regression over the candidate features ([`features`]), trained by stochastic
/// gradient descent with L2 regularisation; features seen fewer than twice are left
/// out (an unseen feature weighs nothing).
pub fn train_boundaries(sentences: &str) -> BoundaryModel {
    let mut text = String::with_capacity(sentences.len());
    let mut ends = Vec::new();
    for line in sentences.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
        ends.push(text.len());
    }
    let ends: rustc_hash::FxHashSet<usize> = ends.into_iter().collect();
    let mut raw = Vec::new();
    scan(&text, 0..text.len(), &mut raw);
    let mut cands = Vec::new();
    candidates(&text, &raw, &mut cands);
    // examples: (feature ids, label)
    let mut ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut seen: Vec<u32> = Vec::new();
    let mut examples: Vec<(Vec<usize>, f64)> = Vec::new();
    let mut buf = String::new();
    for c in cands {
        if c.end >= raw.len() {
            continue;
        }
        let label = ends.contains(&raw[c.end - 1].end);
        buf.clear();
        features(&text, &raw, c, &mut buf);
        let mut fs = Vec::new();
        for f in buf.lines() {
            let n = ids.len();
            let id = *ids.entry(f.to_string()).or_insert(n);
            if id == seen.len() {
                seen.push(0);
            }
            seen[id] += 1;
            fs.push(id);
        }
        examples.push((fs, if label { 1.0 } else { 0.0 }));
    }
    let mut w = vec![0f64; ids.len()];
    let mut bias = 0f64;
    let (l2, epochs) = (1e-5, 30);
    // a fixed shuffle (multiplicative hashing of the index) keeps training reproducible
    let n = examples.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 17);
    for epoch in 0..epochs {
        let lr = 0.5 / (1.0 + epoch as f64);
        for &i in &order {
            let (fs, y) = &examples[i];
            let z = bias
                + fs.iter()
                    .filter(|&&f| seen[f] >= 2)
                    .map(|&f| w[f])
                    .sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - y;
            bias -= lr * g;
            for &f in fs {
                if seen[f] >= 2 {
                    w[f] -= lr * (g + l2 * w[f]);
                }
            }
        }
    }
    let mut weights = FxHashMap::default();
    for (f, id) in ids {
        if seen[id] >= 2 && w[id].abs() >= 0.01 {
            weights.insert(f.into_boxed_str(), w[id] as f32);
        }
    }
    BoundaryModel {
        bias: bias as f32,
        weights,
    }
}
