//! The native half of `dabir.compat.hazm`: lemmas in the shape hazm's `Lemmatizer`
//! gives them.
//!
//! hazm writes a verb's lemma with both stems, past#present (می‌گویم → گفت#گو), the
//! copula است as #است, and everything else as a plain word. dabir's own lemma of a
//! verb is its past stem (UD PerDT); the present stem is the first one hazm's
//! `verbs.dat` lists for that past stem (the lexicon the analyzer carries), which is
//! also the one hazm itself prints (گفت#گو, not گفت#گوی). hazm's `pos` argument
//! uses its own tags (V, N, AJ, PRO, ADV…): they are mapped to UD parts of speech;
//! without one, the word is tagged alone. Multi-part verbs that hazm's tokenizer joins
//! with `_` (گفته_شده_است, خواهم_رفت) are tagged as a phrase and lemmatized by their
//! main verb: the first part, skipping the future auxiliary خواه-.

use dabir::morphology::Analyzer;
use pyo3::prelude::*;

/// The lemma of one word tagged on its own (no sentence around it).
pub fn lemma_alone(analyzer: &Analyzer, word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    analyzer
        .analyze(&[word])
        .into_iter()
        .next()
        .map(|a| a.lemma)
        .unwrap_or_else(|| word.to_owned())
}

/// hazm's part-of-speech tags → UD's (None: let the tagger decide).
fn upos_of_hazm(pos: &str) -> Option<&'static str> {
    // hazm tags may carry an ezafe mark (Ne, AJe, Pe) or a subtype after a comma
    let base = pos.split(',').next().unwrap_or(pos).trim_end_matches('e');
    Some(match base {
        "V" => "VERB",
        "N" => "NOUN",
        "AJ" => "ADJ",
        "ADV" => "ADV",
        "PRO" => "PRON",
        "P" | "POSTP" => "ADP",
        "CONJ" => "CCONJ",
        "DET" => "DET",
        "NUM" => "NUM",
        "PUNC" => "PUNCT",
        "INT" => "INTJ",
        _ => return None,
    })
}

/// A verb lemma (past stem) written hazm's way: past#present, or #است for the copula.
fn hazm_verb(analyzer: &Analyzer, past: &str) -> String {
    if past == "است" {
        return "#است".into();
    }
    match analyzer.lexicon().present_of_past(past).next() {
        Some(present) => format!("{past}#{present}"),
        None => past.to_owned(),
    }
}

fn is_verbal(upos: &str) -> bool {
    upos == "VERB" || upos == "AUX"
}

/// The lemma of `word` with hazm's `pos` (may be empty), in hazm's shape.
pub fn hazm_lemma(analyzer: &Analyzer, word: &str, pos: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    if word.contains('_') {
        return joined_verb(analyzer, word, pos);
    }
    // hazm keeps pronouns, and adjectives in ی, as written
    if pos == "PRO" || (pos.starts_with("AJ") && word.ends_with('ی')) {
        return word.to_owned();
    }
    match upos_of_hazm(pos) {
        Some(upos) => {
            let lemma = analyzer.lemmatize(word, upos, "_");
            if is_verbal(upos) {
                hazm_verb(analyzer, &lemma)
            } else {
                listed_or_word(analyzer, lemma, word)
            }
        }
        // hazm's first rule: a word of its word list is its own lemma
        None if analyzer.lexicon().contains(word) => word.to_owned(),
        None => match analyzer.analyze(&[word]).into_iter().next() {
            Some(a) if is_verbal(a.upos) => hazm_verb(analyzer, &a.lemma),
            Some(a) => listed_or_word(analyzer, a.lemma, word),
            None => word.to_owned(),
        },
    }
}

/// hazm's last rule: a reduced form is the lemma only if the word list has it;
/// otherwise the word stays as written (آتشفشان is not آتشفش).
fn listed_or_word(analyzer: &Analyzer, lemma: String, word: &str) -> String {
    if lemma == word || analyzer.lexicon().contains(&lemma) {
        lemma
    } else {
        word.to_owned()
    }
}

/// A multi-part verb joined with `_` (گفته_شده_است → گفت#گو).
fn joined_verb(analyzer: &Analyzer, word: &str, pos: &str) -> String {
    let parts: Vec<&str> = word.split('_').filter(|p| !p.is_empty()).collect();
    let analyses = analyzer.analyze(&parts);
    let main = analyses
        .iter()
        .enumerate()
        .find(|(i, a)| !(a.lemma == "خواست" && i + 1 < analyses.len()));
    match main {
        Some((_, a)) if is_verbal(a.upos) || pos.starts_with('V') => hazm_verb(analyzer, &a.lemma),
        _ => word.to_owned(),
    }
}

/// hazm's `Lemmatizer.lemmatize(word, pos)`, the hazm-shaped lemma.
#[pyfunction]
#[pyo3(name = "_hazm_lemmatize", signature = (word, pos=String::new()))]
fn hazm_lemmatize(py: Python<'_>, word: String, pos: String) -> PyResult<String> {
    let analyzer = crate::analyzer()?;
    Ok(py.detach(|| hazm_lemma(analyzer, &word, &pos)))
}

/// Adds the hazm helpers to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hazm_lemmatize, m)?)
}
