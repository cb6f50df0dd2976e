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

use crate::text::Text;
use dabir::learn::FeatureHasher;
use dabir::morphology::Analyzer;
use dabir::segment::Segmenter;
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

/// A verb lemma (past stem) of `form` written hazm's way: past#present, or #است and
/// #هست for the copula. The present stem is the first listed one that the form
/// contains (باشد → بود#باش), else the first listed (گفتم → گفت#گو).
fn hazm_verb(analyzer: &Analyzer, past: &str, form: &str) -> String {
    if past == "است" || past == "هست" {
        return format!("#{past}");
    }
    let mut stems = analyzer.lexicon().present_of_past(past).peekable();
    let Some(&first) = stems.peek() else {
        return past.to_owned();
    };
    let present = stems.find(|p| form.contains(p)).unwrap_or(first);
    format!("{past}#{present}")
}

/// True when hazm's word list has `word` (with any class, as hazm's `words` has).
fn listed(analyzer: &Analyzer, word: &str) -> bool {
    analyzer.lexicon().lists_hashed(FeatureHasher::str(word))
}

/// The host of a token with clitics (پدرم → پدر, کتاب‌هایش → کتاب‌های), by the
/// segmenter's clitic split; the token itself when nothing splits off.
fn host(word: &str) -> &str {
    let seg = Segmenter::new().segment(word);
    match (seg.tokens.as_slice(), seg.words.first()) {
        ([token], Some(first)) if token.words.len() > 1 => {
            word.get(first.span.range()).unwrap_or(word)
        }
        _ => word,
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
        Some(upos) if is_verbal(upos) => {
            hazm_verb(analyzer, &analyzer.lemmatize(word, upos, "_"), word)
        }
        Some(upos) => {
            let lemma = analyzer.lemmatize(host(word), upos, "_");
            listed_or_word(analyzer, lemma, word)
        }
        // hazm's first rule: a word of its word list is its own lemma
        None if listed(analyzer, word) => word.to_owned(),
        None => {
            let host = host(word);
            match analyzer.analyze(&[host]).into_iter().next() {
                Some(a) if is_verbal(a.upos) => hazm_verb(analyzer, &a.lemma, word),
                Some(a) => listed_or_word(analyzer, a.lemma, word),
                None => word.to_owned(),
            }
        }
    }
}

/// hazm's last rule: a reduced form is the lemma only if the word list has it;
/// otherwise the word stays as written (آتشفشان is not آتشفش).
fn listed_or_word(analyzer: &Analyzer, lemma: String, word: &str) -> String {
    if lemma == word || listed(analyzer, &lemma) {
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
        Some((i, a)) if is_verbal(a.upos) || pos.starts_with('V') => {
            hazm_verb(analyzer, &a.lemma, parts.get(i).copied().unwrap_or(word))
        }
        // A participle the tagger read as an adjective (نچشیده in نچشیده_است): hazm joined
        // it to an auxiliary, so it is a verb; its lemma is its past stem.
        Some((i, _)) => match parts.get(i).and_then(|p| participle_stem(analyzer, p)) {
            Some(stem) => hazm_verb(analyzer, stem, parts.get(i).copied().unwrap_or(word)),
            None => word.to_owned(),
        },
        None => word.to_owned(),
    }
}

/// Copula clitics written as separate tokens (رفته ام).
const COPULAS: [&str; 6] = ["ام", "ای", "است", "ایم", "اید", "اند"];
/// Personal endings of the past and present stems.
const PAST_ENDINGS: [&str; 6] = ["م", "ی", "", "یم", "ید", "ند"];
const PRESENT_ENDINGS: [&str; 6] = ["م", "ی", "د", "یم", "ید", "ند"];

fn conjugate(prefixes: &[&str], stem: &str, endings: &[&str]) -> Vec<String> {
    prefixes
        .iter()
        .flat_map(|p| endings.iter().map(move |e| format!("{p}{stem}{e}")))
        .collect()
}

/// What hazm joins with `_` after a participle: the copula, بودن and باشیدن, شدن in
/// its finite forms, those after شده (شده_است), and the future of شدن (خواهد_شد).
fn auxiliaries() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut be: Vec<String> = COPULAS.iter().map(|s| s.to_string()).collect();
        be.extend(conjugate(&[""], "بود", &PAST_ENDINGS));
        be.extend(conjugate(&[""], "باش", &PRESENT_ENDINGS));
        let mut set: std::collections::HashSet<String> = be.iter().cloned().collect();
        for shode in ["شده", "نشده"] {
            set.extend(be.iter().map(|b| format!("{shode}_{b}")));
        }
        let prefixes = ["", "ن", "می\u{200c}", "نمی\u{200c}"];
        set.extend(conjugate(&prefixes, "شو", &PRESENT_ENDINGS));
        set.extend(conjugate(&prefixes, "شد", &PAST_ENDINGS));
        set.extend(
            conjugate(&["", "ن"], "خواه", &PRESENT_ENDINGS)
                .into_iter()
                .map(|f| f + "_شد"),
        );
        set
    })
}

/// The future auxiliary (خواهم … نخواهند), which hazm joins to the verb after it.
fn is_future_auxiliary(token: &str) -> bool {
    let rest = token.strip_prefix('ن').unwrap_or(token);
    rest.strip_prefix("خواه")
        .is_some_and(|ending| PRESENT_ENDINGS.contains(&ending))
}

/// A past participle, (ن)past-stem + ه (گفته, نرفته), of a verb of hazm's verbs.dat
/// (the stems with a present stem listed; those the treebank added do not count, as
/// they do not for hazm).
fn is_participle(analyzer: &Analyzer, token: &str) -> bool {
    participle_stem(analyzer, token).is_some()
}

/// The past stem of a participle (نچشیده → چشید), as [`is_participle`] finds it.
fn participle_stem<'t>(analyzer: &Analyzer, token: &'t str) -> Option<&'t str> {
    let stem = token.strip_suffix('ه')?;
    let lex = analyzer.lexicon();
    let listed = |s: &str| lex.is_past_stem(s) && lex.present_of_past(s).next().is_some();
    if listed(stem) {
        return Some(stem);
    }
    stem.strip_prefix('ن').filter(|s| listed(s))
}

/// hazm's joining of compound verbs, right to left: a future auxiliary joins what
/// follows it (خواهد_رفت), a participle joins the auxiliary chunk after it
/// (گفته_شده_است).
pub fn join_verb_parts(analyzer: &Analyzer, tokens: Vec<String>) -> Vec<String> {
    let aux = auxiliaries();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for token in tokens.into_iter().rev() {
        let join = match out.last() {
            Some(next) => {
                is_future_auxiliary(&token)
                    || (aux.contains(next.as_str()) && is_participle(analyzer, &token))
            }
            None => false,
        };
        match out.last_mut() {
            Some(next) if join => *next = format!("{token}_{next}"),
            _ => out.push(token),
        }
    }
    out.reverse();
    out
}

/// hazm's `word_tokenize`: dabir's tokens, compound verbs joined as hazm joins them.
#[pyfunction]
#[pyo3(name = "_hazm_word_tokenize", signature = (text, join_verb_parts=true))]
fn hazm_word_tokenize(py: Python<'_>, text: Text, join_verb_parts: bool) -> PyResult<Vec<String>> {
    let analyzer = crate::analyzer()?;
    Ok(py.detach(|| {
        let text = text.0;
        let seg = Segmenter::new().clitics(false).segment(&text);
        let tokens: Vec<String> = seg
            .tokens
            .iter()
            .filter_map(|t| text.get(t.span.range()))
            .map(str::to_owned)
            .collect();
        if join_verb_parts {
            self::join_verb_parts(analyzer, tokens)
        } else {
            tokens
        }
    }))
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
    m.add_function(wrap_pyfunction!(hazm_lemmatize, m)?)?;
    m.add_function(wrap_pyfunction!(hazm_word_tokenize, m)?)
}
