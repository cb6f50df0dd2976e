//! Rust values → Python data through JSON: serialized with serde (with the GIL released
//! where it is big), read with Python's own `json.loads`, so the result is exactly the
//! JSON the CLI writes, as plain `dict`/`list`/`str`/`int`/`bool`/`None`, keys in the
//! order the CLI writes them.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde::Serialize;

/// `value` serialized to a JSON string.
pub fn to_string<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The Python object a JSON string describes.
pub fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads.bind(py).call1((json,))
}
