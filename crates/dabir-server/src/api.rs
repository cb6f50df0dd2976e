//! The handlers of the JSON API. Each reads a [`TextRequest`], turns its options into
//! the library's, and does the work on the blocking pool ([`Shared::run_cpu`]), so the
//! async threads only move bytes.

use crate::error::ApiError;
use crate::options::{analyze_options, clean_options, tokenize_options};
use crate::render::{normalize_jsonl, tokenize_jsonl, TokenizeSettings};
use crate::request::TextRequest;
use crate::Shared;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The media type of JSON Lines answers.
const NDJSON: &str = "application/x-ndjson";

/// `POST /v1/normalize`: the cleaned text, line by line, with every edit.
pub async fn normalize(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: TextRequest,
) -> Result<Response, ApiError> {
    let options = clean_options(request.options)?;
    let lines = shared
        .run_cpu(move || normalize_jsonl(&request.text, options))
        .await?;
    Ok(json_lines(&headers, "lines", lines))
}

/// `POST /v1/tokenize`: sentences, tokens and words.
pub async fn tokenize(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: TextRequest,
) -> Result<Response, ApiError> {
    let o = tokenize_options(request.options)?;
    let settings = TokenizeSettings {
        one_sentence_per_line: o.one_sentence_per_line,
        no_clitics: o.no_clitics,
        clean: o.clean,
    };
    let sentences = shared
        .run_cpu(move || tokenize_jsonl(&request.text, settings))
        .await?;
    Ok(json_lines(&headers, "sentences", sentences))
}

/// `POST /v1/analyze`: the [`dabir::Document`] of the text with every layer the
/// library fills ([`dabir::Pipeline::analyze`]).
pub async fn analyze(
    State(shared): State<Arc<Shared>>,
    request: TextRequest,
) -> Result<Response, ApiError> {
    let options = analyze_options(request.options)?;
    let body = shared
        .run_cpu(move || -> Result<Vec<u8>, ApiError> {
            let pipeline = dabir::Pipeline::with_options(options)
                .map_err(|e| ApiError::Internal(format!("building the pipeline: {e}")))?;
            let document = pipeline
                .analyze(&request.text)
                .map_err(|e| ApiError::Internal(format!("analyzing: {e}")))?;
            serde_json::to_vec(&document)
                .map_err(|e| ApiError::Internal(format!("serializing the document: {e}")))
        })
        .await??;
    Ok(json_response(body))
}

/// JSON Lines as the CLI writes them when the client accepts `application/x-ndjson`,
/// else one JSON object `{"<field>": [ … ]}` holding the same objects.
fn json_lines(headers: &HeaderMap, field: &str, lines: Vec<u8>) -> Response {
    let wants_lines = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains(NDJSON));
    if wants_lines {
        let mut response = lines.into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(NDJSON));
        return response;
    }
    let mut body = Vec::with_capacity(lines.len() + field.len() + 8);
    body.extend_from_slice(b"{\"");
    body.extend_from_slice(field.as_bytes());
    body.extend_from_slice(b"\":[");
    let mut first = true;
    for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        if !first {
            body.push(b',');
        }
        first = false;
        body.extend_from_slice(line);
    }
    body.extend_from_slice(b"]}");
    json_response(body)
}

/// A body that is already JSON, with its content type.
fn json_response(body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
