//! `analyze` and `Pipeline`: the whole pipeline (clean → segment → morphology), the
//! Document JSON as a Python dict.
//!
//! The keywords are the library's `PipelineOptions` by name: `one_sentence_per_line`,
//! `split_clitics`, `morphology`, plus `preset` and every cleaning option at the top
//! level (`digits="latin"`), as the CLI flags have them. The dict is exactly the JSON
//! `dabir analyze` writes (spans are UTF-8 byte offsets: slice
//! `doc["input"].encode("utf-8")[start:end]`).

use crate::json;
use crate::options::{clean_option_names, clean_options, from_map, set_field, to_map};
use crate::text::Text;
use dabir::pipeline::{Pipeline as Inner, PipelineOptions};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The pipeline `preset` and `options` describe: names of `PipelineOptions` set that
/// field, every other name is a cleaning option.
fn pipeline(
    py: Python<'_>,
    preset: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Inner> {
    let clean_kwargs = PyDict::new(py);
    let mut top = to_map(&PipelineOptions::default())?;
    let clean_names = clean_option_names();
    if let Some(options) = options {
        for (key, value) in options.iter() {
            let name: String = key.extract()?;
            if name != "clean" && top.contains_key(&name) {
                set_field(&mut top, &name, &value)?;
            } else if !clean_names.contains(&name) {
                let mut known: Vec<&str> = top
                    .keys()
                    .map(String::as_str)
                    .filter(|k| *k != "clean")
                    .chain(clean_names.iter().map(String::as_str))
                    .collect();
                known.sort_unstable();
                return Err(PyTypeError::new_err(format!(
                    "unknown option {name:?}; the options are: {}",
                    known.join(", ")
                )));
            } else {
                clean_kwargs.set_item(key, value)?;
            }
        }
    }
    let clean = clean_options(preset, Some(&clean_kwargs))?;
    let mut options: PipelineOptions = from_map(top)?;
    options.clean = clean;
    Inner::with_options(options).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Runs the pipeline and serializes the Document, with the GIL released.
fn run_json(py: Python<'_>, pipeline: &Inner, text: Text) -> PyResult<String> {
    py.detach(|| -> PyResult<String> {
        let doc = pipeline
            .analyze(&text.0)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        json::to_string(&doc)
    })
}

/// Runs the pipeline, then reads the JSON into Python data.
fn run<'py>(py: Python<'py>, pipeline: &Inner, text: Text) -> PyResult<Bound<'py, PyAny>> {
    let json = run_json(py, pipeline, text)?;
    json::loads(py, &json)
}

/// The whole pipeline, configured once and reusable from any thread.
///
/// `Pipeline(preset="standard", one_sentence_per_line=False, split_clitics=True,
/// morphology=True, **cleaning_options)`.
#[pyclass(module = "dabir._dabir", frozen)]
pub struct Pipeline {
    inner: Inner,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (*, preset=None, **options))]
    fn new(
        py: Python<'_>,
        preset: Option<String>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        Ok(Pipeline {
            inner: pipeline(py, preset.as_deref(), options)?,
        })
    }

    /// The Document of `text`, as a dict.
    fn analyze<'py>(&self, py: Python<'py>, text: Text) -> PyResult<Bound<'py, PyAny>> {
        run(py, &self.inner, text)
    }

    /// The Document of `text` as a JSON string, exactly as `dabir analyze` writes it
    /// (no Python objects are built: the fast way to write documents out).
    fn analyze_json(&self, py: Python<'_>, text: Text) -> PyResult<String> {
        run_json(py, &self.inner, text)
    }

    /// The options in effect, as a dict (cleaning options under "clean").
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::loads(py, &json::to_string(self.inner.options())?)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "Pipeline({})",
            json::to_string(self.inner.options())?
        ))
    }
}

/// The Document of `text` (input, cleaned text, edits, sentences, tokens, words with
/// lemma and parts of speech), as a dict.
#[pyfunction]
#[pyo3(signature = (text, /, *, preset=None, **options))]
pub fn analyze<'py>(
    py: Python<'py>,
    text: Text,
    preset: Option<String>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let pipeline = pipeline(py, preset.as_deref(), options)?;
    run(py, &pipeline, text)
}

/// The Document of `text` as a JSON string (see `analyze`; no Python objects are built).
#[pyfunction]
#[pyo3(signature = (text, /, *, preset=None, **options))]
pub fn analyze_json(
    py: Python<'_>,
    text: Text,
    preset: Option<String>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let pipeline = pipeline(py, preset.as_deref(), options)?;
    run_json(py, &pipeline, text)
}
