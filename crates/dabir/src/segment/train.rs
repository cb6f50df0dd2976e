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
}

impl TrainPaths {
    /// The standard layout under a data folder (`../shared/data`).
    pub fn under(data: &str) -> Self {
        TrainPaths {
            dev_conllu: format!("{data}/ud-perdt/fa_perdt-ud-dev.conllu"),
            train_sentences: format!("{data}/ud-perdt/train-sentences.txt"),
            hazm_words: format!("{data}/lexicon-hazm/words.dat"),
            hazm_verbs: format!("{data}/lexicon-hazm/verbs.dat"),
        }
    }
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Trains the whole model.
pub fn train(paths: &TrainPaths) -> Result<SegmentModel> {
    let mut clitics = lexicon(&read(&paths.hazm_words)?, &read(&paths.hazm_verbs)?);
    learn_clitics(&mut clitics, &read(&paths.dev_conllu)?, &paths.dev_conllu)?;
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
pub fn lexicon(words_dat: &str, verbs_dat: &str) -> CliticModel {
    let mut m = CliticModel::default();
    for line in words_dat.lines() {
        let mut cols = line.split('\t');
        let (Some(w), Some(freq), Some(tags)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let freq: u64 = freq.trim().parse().unwrap_or(0);
        if freq == 0 || tags.trim() == "0" {
            continue;
        }
        let w = w.trim();
        m.words.insert(w.into());
        if tags.split(',').any(nominal_tag) {
            m.stems.insert(w.into());
        }
    }
    for line in verbs_dat.lines() {
        for stem in line.trim().split('#') {
            if stem.chars().count() >= 2 {
                m.verb_stems.insert(stem.into());
            }
        }
    }
    m
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
pub fn learn_clitics(m: &mut CliticModel, dev: &str, path: &str) -> Result<()> {
    let toks = dev_tokens(dev, path)?;
    for (form, words) in &toks {
        if words.len() < 2 {
            continue;
        }
        // drop glued punctuation words at the end (معذورم. = معذور + م + .)
        let core: Vec<&String> = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if core.len() == 2 {
            let host = core[0].as_str();
            let joined = format!("{}{}", host, core[1]);
            if form.starts_with(&joined) {
                m.split.insert(joined.as_str().into(), host.len() as u32);
                m.stems.insert(host.trim_end_matches('\u{200C}').into());
                m.words.remove(joined.as_str());
            }
        }
    }
    for (form, words) in &toks {
        if words.len() == 1 && !m.split.contains_key(form.as_str()) && m.split(form).is_some() {
            m.keep.insert(form.as_str().into());
        }
    }
    Ok(())
}

/// Learns the boundary classifier from raw sentences, one per line.
///
/// Each feature's weight is its smoothed log-odds of a boundary minus the prior
/// log-odds (a naive-Bayes evidence with shrinkage towards the prior), so a feature
/// seen rarely moves the decision little and an unseen one not at all.
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
    let mut counts: FxHashMap<String, (f64, f64)> = FxHashMap::default();
    let (mut pos, mut neg) = (0f64, 0f64);
    let mut buf = String::new();
    for c in cands {
        if c.end >= raw.len() {
            continue;
        }
        let end_byte = raw[c.end - 1].end;
        let label = ends.contains(&end_byte);
        if label {
            pos += 1.0;
        } else {
            neg += 1.0;
        }
        buf.clear();
        features(&text, &raw, c, &mut buf);
        for f in buf.lines() {
            let e = counts.entry(f.to_string()).or_default();
            if label {
                e.0 += 1.0;
            } else {
                e.1 += 1.0;
            }
        }
    }
    let p = (pos + 1.0) / (pos + neg + 2.0);
    let prior = (p / (1.0 - p)).ln();
    let alpha = 2.0;
    let mut weights = FxHashMap::default();
    for (f, (a, b)) in counts {
        if b == 0.0 && a < 5.0 {
            continue;
        }
        let w = ((a + alpha * p) / (b + alpha * (1.0 - p))).ln() - prior;
        if w.abs() >= 0.05 {
            weights.insert(f.into_boxed_str(), w as f32);
        }
    }
    BoundaryModel {
        bias: prior as f32,
        weights,
    }
}
