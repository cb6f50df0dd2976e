//! The text arguments: `str`, or `bytes` that must be UTF-8.
//!
//! Python strings are Unicode already, except for lone surrogates ("\ud800"), which no
//! UTF-8 text can hold: they are refused with `UnicodeEncodeError` (a `ValueError`)
//! rather than silently replaced, so no character is lost without the caller knowing.
//! Bytes are decoded strictly; the error names the offset of the first bad byte, as the
//! CLI does.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// A text argument, owned so that the work can run with the GIL released.
pub struct Text(pub String);

impl<'py> FromPyObject<'_, 'py> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Text(s.to_cow()?.into_owned()));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return decode(b.as_bytes()).map(Text);
        }
        Err(PyTypeError::new_err(format!(
            "expected str or bytes, got {}",
            type_name(&obj)
        )))
    }
}

/// Decodes UTF-8 bytes, or says where they stop being UTF-8.
pub fn decode(bytes: &[u8]) -> PyResult<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(PyValueError::new_err(
            dabir::Error::InvalidUtf8 {
                offset: e.valid_up_to() as u64,
            }
            .to_string(),
        )),
    }
}

/// The Python type name of `obj`, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".into())
}
