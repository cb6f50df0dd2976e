//! `dabir._dabir`: the native module of the `dabir` Python package.
//!
//! A thin layer over the library: arguments are checked and copied (so the work can
//! run with the GIL released, `Python::detach`, and other Python threads keep
//! running), the library does the work, results come back as Python `str`, `list` and
//! `dict`. Bad arguments raise `TypeError` / `ValueError` with the option's or
//! argument's name; nothing here panics on input.
//!
//! The Python package (`python/dabir/__init__.py`) re-exports these functions and adds
//! the hazm-compatible module `dabir.compat.hazm`; the type stubs are in
//! `python/dabir/_dabir.pyi`.
#![deny(missing_docs)]

mod analyze;
mod hazm;
mod json;
mod options;
mod text;

use dabir::clean::Cleaner;
use dabir::morphology::Analyzer;
use dabir::segment::Segmenter;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use text::{type_name, Text};

/// The embedded morphology model, loaded on first use; a corrupt model is a
/// `RuntimeError` (it is part of the wheel, so that is a packaging bug, not bad input).
fn analyzer() -> PyResult<&'static Analyzer> {
    Analyzer::embedded().map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// A text cleaner with fixed options, reusable and safe to share between threads.
///
/// `Normalizer(preset="standard", **options)`; the options are the fields of the
/// library's `CleanOptions` by name (`digits="latin"`, `restore_zwnj=False`, …).
#[pyclass(module = "dabir._dabir", frozen)]
struct Normalizer {
    cleaner: Cleaner,
}

#[pymethods]
impl Normalizer {
    #[new]
    #[pyo3(signature = (*, preset=None, **options))]
    fn new(preset: Option<String>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(Normalizer {
            cleaner: Cleaner::new(options::clean_options(preset.as_deref(), options)?),
        })
    }

    /// The cleaned text.
    fn normalize(&self, py: Python<'_>, text: Text) -> String {
        let cleaner = &self.cleaner;
        py.detach(|| cleaner.clean(&text.0).text)
    }

    /// The options in use, as a dict of option name → value.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::loads(py, &json::to_string(self.cleaner.options())?)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "Normalizer({})",
            json::to_string(self.cleaner.options())?
        ))
    }
}

/// The cleaned text of `text` (standard preset unless `preset` says otherwise; any
/// cleaning option can be set by name).
#[pyfunction]
#[pyo3(signature = (text, /, *, preset=None, **options))]
fn normalize(
    py: Python<'_>,
    text: Text,
    preset: Option<String>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let cleaner = Cleaner::new(options::clean_options(preset.as_deref(), options)?);
    Ok(py.detach(|| cleaner.clean(&text.0).text))
}

/// The sentences of `text`, as substrings of it.
#[pyfunction]
#[pyo3(signature = (text, /, *, one_sentence_per_line=false))]
fn sent_tokenize(py: Python<'_>, text: Text, one_sentence_per_line: bool) -> Vec<String> {
    py.detach(|| {
        let text = text.0;
        let seg = Segmenter::new()
            .line_mode(line_mode(one_sentence_per_line))
            .clitics(false)
            .segment(&text);
        seg.sentences
            .iter()
            .filter_map(|s| text.get(s.span.range()))
            .map(str::to_owned)
            .collect()
    })
}

/// The tokens of `text` (clitics attached: کتابش), or with `split_clitics=True` the
/// syntactic words as UD PerDT has them (کتاب + ش).
#[pyfunction]
#[pyo3(signature = (text, /, *, split_clitics=false))]
fn word_tokenize(py: Python<'_>, text: Text, split_clitics: bool) -> Vec<String> {
    py.detach(|| {
        let text = text.0;
        let seg = Segmenter::new().clitics(split_clitics).segment(&text);
        let spans: Vec<dabir::Span> = if split_clitics {
            seg.words.iter().map(|w| w.span).collect()
        } else {
            seg.tokens.iter().map(|t| t.span).collect()
        };
        spans
            .iter()
            .filter_map(|s| text.get(s.range()))
            .map(str::to_owned)
            .collect()
    })
}

/// Words to lemmatize: one `str`, or a sequence of them (one sentence, tagged in context).
enum Words {
    One(String),
    Many(Vec<String>),
}

impl<'py> FromPyObject<'_, 'py> for Words {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Words::One(s.to_cow()?.into_owned()));
        }
        if obj.cast::<pyo3::types::PyBytes>().is_err() {
            if let Ok(items) = obj.extract::<Vec<String>>() {
                return Ok(Words::Many(items));
            }
        }
        Err(PyTypeError::new_err(format!(
            "expected a word (str) or a sequence of words (list[str]), got {}",
            type_name(&obj)
        )))
    }
}

/// The lemma of a word, or the lemmas of a sentence's words (verbs by their past stem,
/// as UD PerDT writes them: می‌گویم → گفت). A list is tagged as one sentence, so each
/// word's part of speech comes from its context; with `upos`, a single word is
/// lemmatized as that part of speech instead of being tagged.
#[pyfunction]
#[pyo3(signature = (words, /, *, upos=None))]
fn lemmatize<'py>(
    py: Python<'py>,
    words: Words,
    upos: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let analyzer = analyzer()?;
    match words {
        Words::One(word) => {
            let lemma = py.detach(|| match upos {
                Some(upos) => analyzer.lemmatize(&word, &upos, "_"),
                None => hazm::lemma_alone(analyzer, &word),
            });
            Ok(PyString::new(py, &lemma).into_any())
        }
        Words::Many(words) => {
            if upos.is_some() {
                return Err(PyTypeError::new_err(
                    "upos= applies to a single word; a list is tagged in context",
                ));
            }
            let lemmas = py.detach(|| {
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                analyzer
                    .analyze(&refs)
                    .into_iter()
                    .map(|a| a.lemma)
                    .collect::<Vec<_>>()
            });
            Ok(PyList::new(py, lemmas)?.into_any())
        }
    }
}

/// Lemma, UPOS, XPOS and FEATS of each word of one sentence, as tuples.
#[pyfunction]
fn tag(py: Python<'_>, words: Vec<String>) -> PyResult<Vec<(String, String, String, String)>> {
    let analyzer = analyzer()?;
    Ok(py.detach(|| {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        analyzer
            .analyze(&refs)
            .into_iter()
            .map(|a| {
                (
                    a.lemma,
                    a.upos.to_owned(),
                    a.xpos.to_owned(),
                    a.feats.to_owned(),
                )
            })
            .collect()
    }))
}

/// The names of the cleaning options `normalize` and `Normalizer` take.
#[pyfunction]
fn clean_options() -> Vec<String> {
    options::clean_option_names()
}

fn line_mode(one_sentence_per_line: bool) -> dabir::segment::LineMode {
    if one_sentence_per_line {
        dabir::segment::LineMode::OneSentencePerLine
    } else {
        dabir::segment::LineMode::Paragraph
    }
}

/// dabir's native module: cleaning, segmentation and morphology of Persian text.
#[pymodule]
fn _dabir(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Normalizer>()?;
    m.add_class::<analyze::Pipeline>()?;
    m.add_function(wrap_pyfunction!(analyze::analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze::analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(sent_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(word_tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(lemmatize, m)?)?;
    m.add_function(wrap_pyfunction!(tag, m)?)?;
    m.add_function(wrap_pyfunction!(clean_options, m)?)?;
    hazm::register(m)?;
    Ok(())
}
