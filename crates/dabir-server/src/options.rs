//! The `options` object of a request, read with the names of the CLI flags.
//!
//! `dabir normalize --no-restore-zwnj --digits latin --preset academy` is
//! `{"restore_zwnj": false, "digits": "latin", "preset": "academy"}` (or with the
//! flags' dashes: `"restore-zwnj"`). A `no_` prefix with `true` turns a switch off, as
//! the `--no-…` flag does, and `keep_residue` is the CLI's alias of
//! `no_remove_residue`. The cleaning options themselves are the library's
//! [`CleanOptions`], read with serde, so a new option of the library is accepted here
//! without a change.

use crate::error::ApiError;
use dabir::clean::{CleanOptions, Preset};
use dabir::pipeline::PipelineOptions;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The entries of `options` with `-` in names written `_`.
fn snake_keys(options: Option<Map<String, Value>>) -> Map<String, Value> {
    options
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.replace('-', "_"), v))
        .collect()
}

/// The cleaning options a request asks for: its preset (standard when absent) with its
/// other entries applied over it, in any order.
pub fn clean_options(options: Option<Map<String, Value>>) -> Result<CleanOptions, ApiError> {
    let mut entries = snake_keys(options);
    let preset: Preset = match entries.remove("preset") {
        None | Some(Value::Null) => Preset::Standard,
        Some(v) => serde_json::from_value(v)
            .map_err(|e| ApiError::InvalidOption(format!("preset: {e}")))?,
    };
    let mut fields = match serde_json::to_value(CleanOptions::preset(preset)) {
        Ok(Value::Object(map)) => map,
        _ => {
            return Err(ApiError::Internal(
                "cleaning options are not an object".into(),
            ))
        }
    };
    for (key, value) in entries {
        let (field, value) = match (key.as_str(), &value) {
            ("keep_residue", Value::Bool(b)) => ("remove_residue".to_owned(), Value::Bool(!b)),
            (k, Value::Bool(b)) if k.starts_with("no_") && fields.contains_key(&k[3..]) => {
                (k[3..].to_owned(), Value::Bool(!b))
            }
            _ => (key, value),
        };
        if !fields.contains_key(&field) {
            let known: Vec<&str> = fields.keys().map(String::as_str).collect();
            return Err(ApiError::InvalidOption(format!(
                "unknown option `{field}`; the options are preset, keep_residue, {}",
                known.join(", ")
            )));
        }
        fields.insert(field, value);
    }
    serde_json::from_value(Value::Object(fields))
        .map_err(|e| ApiError::InvalidOption(e.to_string()))
}

/// The options of `/v1/tokenize`, named as the flags of `dabir tokenize`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenizeOptions {
    /// Every line is one sentence (`--one-sentence-per-line`).
    pub one_sentence_per_line: bool,
    /// Keep clitics attached (`--no-clitics`).
    pub no_clitics: bool,
    /// Clean the text first and segment the cleaned text (`--clean`).
    pub clean: bool,
}

/// The tokenize options a request asks for.
pub fn tokenize_options(options: Option<Map<String, Value>>) -> Result<TokenizeOptions, ApiError> {
    serde_json::from_value(Value::Object(snake_keys(options)))
        .map_err(|e| ApiError::InvalidOption(e.to_string()))
}

/// The options of `/v1/analyze`: the cleaning options of [`clean_options`] and the
/// pipeline's own, named as the flags of `dabir tokenize` where they exist:
/// `one_sentence_per_line`, `no_clitics` (or `split_clitics`), `morphology` (or
/// `no_morphology`).
pub fn analyze_options(options: Option<Map<String, Value>>) -> Result<PipelineOptions, ApiError> {
    let mut rest = snake_keys(options);
    let mut pipeline = PipelineOptions::default();
    let mut switch = |name: &str, negated: bool, target: &mut bool| -> Result<(), ApiError> {
        if let Some(v) = rest.remove(name) {
            let on = v.as_bool().ok_or_else(|| {
                ApiError::InvalidOption(format!("{name}: expected true or false, got {v}"))
            })?;
            *target = on != negated;
        }
        Ok(())
    };
    switch(
        "one_sentence_per_line",
        false,
        &mut pipeline.one_sentence_per_line,
    )?;
    switch(
        "no_one_sentence_per_line",
        true,
        &mut pipeline.one_sentence_per_line,
    )?;
    switch("split_clitics", false, &mut pipeline.split_clitics)?;
    switch("no_clitics", true, &mut pipeline.split_clitics)?;
    switch("no_split_clitics", true, &mut pipeline.split_clitics)?;
    switch("morphology", false, &mut pipeline.morphology)?;
    switch("no_morphology", true, &mut pipeline.morphology)?;
    pipeline.clean = clean_options(Some(rest))?;
    Ok(pipeline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dabir::clean::DigitTarget;
    use serde_json::json;

    fn map(v: Value) -> Option<Map<String, Value>> {
        v.as_object().cloned()
    }

    #[test]
    fn flags_apply_over_the_preset_in_any_order() {
        let o = clean_options(map(json!({
            "restore-zwnj": false, "digits": "latin", "preset": "conservative", "keep_residue": true
        })))
        .unwrap();
        let mut want = CleanOptions::preset(Preset::Conservative);
        want.restore_zwnj = false;
        want.digits = DigitTarget::Latin;
        want.remove_residue = false;
        assert_eq!(o, want);
        let o = clean_options(map(json!({"no_remove_tatweel": true}))).unwrap();
        assert!(!o.remove_tatweel);
        assert_eq!(clean_options(None).unwrap(), CleanOptions::default());
    }

    #[test]
    fn analyze_options_mix_cleaning_and_pipeline() {
        let o = analyze_options(map(json!({
            "no-clitics": true, "morphology": false, "digits": "latin", "preset": "academy"
        })))
        .unwrap();
        assert!(!o.split_clitics && !o.morphology && !o.one_sentence_per_line);
        let mut clean = CleanOptions::preset(Preset::Academy);
        clean.digits = DigitTarget::Latin;
        assert_eq!(o.clean, clean);
        assert_eq!(analyze_options(None).unwrap(), PipelineOptions::default());
        assert!(analyze_options(map(json!({"morphology": "yes"}))).is_err());
        assert!(analyze_options(map(json!({"lemmas": true}))).is_err());
    }

    #[test]
    fn unknown_and_bad_options_are_named() {
        let e = clean_options(map(json!({"restore_zwj": true}))).unwrap_err();
        assert!(e.to_string().contains("restore_zwj"), "{e}");
        assert!(e.to_string().contains("restore_zwnj"), "{e}");
        let e = clean_options(map(json!({"digits": "roman"}))).unwrap_err();
        assert!(e.to_string().contains("roman"), "{e}");
        assert!(clean_options(map(json!({"preset": "loud"}))).is_err());
        assert!(tokenize_options(map(json!({"model": "x.bin"}))).is_err());
        let t = tokenize_options(map(json!({"no-clitics": true}))).unwrap();
        assert!(t.no_clitics && !t.clean);
    }
}
