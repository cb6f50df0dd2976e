//! Keyword arguments → the library's serde option structs.
//!
//! The library's option structs are serde-ready and name every field the way the CLI
//! and the server do, so the Python keywords are those same names: the struct is
//! serialized, each keyword overrides one field (the value must have the field's JSON
//! kind: `bool` for switches, `str` for choices such as `digits="latin"`), and the
//! result is deserialized back, which checks the choices. Unknown names are a
//! `TypeError` (as for any Python function), refused values a `ValueError`.

use crate::text::type_name;
use dabir::clean::{CleanOptions, Preset};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// The cleaning options of `preset` (default: standard) with `options` applied.
pub fn clean_options(
    preset: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<CleanOptions> {
    let base = CleanOptions::preset(parse_preset(preset)?);
    let mut fields = to_map(&base)?;
    if let Some(options) = options {
        for (key, value) in options.iter() {
            let key: String = key.extract()?;
            set_field(&mut fields, &key, &value)?;
        }
    }
    from_map(fields)
}

/// The preset named `name` (`conservative`, `standard`, `academy`); standard for none.
pub fn parse_preset(name: Option<&str>) -> PyResult<Preset> {
    let Some(name) = name else {
        return Ok(Preset::Standard);
    };
    serde_json::from_value(Value::String(name.to_owned())).map_err(|_| {
        PyValueError::new_err(format!(
            "unknown preset {name:?}: expected \"conservative\", \"standard\" or \"academy\""
        ))
    })
}

/// The names of the cleaning options, sorted.
pub fn clean_option_names() -> Vec<String> {
    to_map(&CleanOptions::default())
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// `options` as a JSON object.
pub fn to_map<T: Serialize>(options: &T) -> PyResult<Map<String, Value>> {
    match serde_json::to_value(options) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(PyValueError::new_err("options are not a JSON object")),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

/// The options a JSON object describes; a refused value is a `ValueError`.
pub fn from_map<T: DeserializeOwned>(fields: Map<String, Value>) -> PyResult<T> {
    serde_json::from_value(Value::Object(fields))
        .map_err(|e| PyValueError::new_err(format!("bad option value: {e}")))
}

/// Sets option `key` of `fields` to the Python `value`, checking its name and kind.
pub fn set_field(
    fields: &mut Map<String, Value>,
    key: &str,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let Some(current) = fields.get(key) else {
        let known: Vec<&str> = fields.keys().map(String::as_str).collect();
        return Err(PyTypeError::new_err(format!(
            "unknown option {key:?}; the options are: {}",
            known.join(", ")
        )));
    };
    let new = match current {
        Value::Bool(_) => match value.cast::<PyBool>() {
            Ok(b) => Value::Bool(b.is_true()),
            Err(_) => return Err(kind_error(key, "bool", value)),
        },
        Value::String(_) => match value.cast::<PyString>() {
            Ok(s) => Value::String(s.to_cow()?.into_owned()),
            Err(_) => return Err(kind_error(key, "str", value)),
        },
        _ => {
            return Err(PyTypeError::new_err(format!(
                "option {key:?} cannot be set from Python"
            )))
        }
    };
    fields.insert(key.to_owned(), new);
    Ok(())
}

fn kind_error(key: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "option {key:?} takes a {expected}, got {}",
        type_name(value)
    ))
}
