//! The request body of the `/v1/` endpoints, `{"text": "…", "options": {…}}`, read
//! and checked in the order that gives the clearest error: size, UTF-8, JSON syntax,
//! then the fields.
//!
//! The content type is not checked: `curl -d @file.json` sends
//! `application/x-www-form-urlencoded`, and refusing it would only get in the way.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Map, Value};

/// A text to work on and the options, as the client sent them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRequest {
    /// The text.
    pub text: String,
    /// Options by name (the CLI flag names; `-` and `_` are the same). `null` or absent
    /// means the defaults.
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
}

impl TextRequest {
    /// Parses a body: UTF-8 first (with the offset of a bad byte), then JSON.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let json = std::str::from_utf8(body).map_err(|e| ApiError::BadUtf8 {
            offset: e.valid_up_to(),
        })?;
        // serde reads a struct from an array too (`["…"]`); a request is an object.
        if !json.trim_start().starts_with('{') {
            return Err(match serde_json::from_str::<serde::de::IgnoredAny>(json) {
                Ok(_) => ApiError::InvalidRequest(
                    "the body must be a JSON object: {\"text\": \"…\", \"options\": {…}}".into(),
                ),
                Err(e) => ApiError::BadJson(e.to_string()),
            });
        }
        serde_json::from_str(json).map_err(|e| {
            use serde_json::error::Category;
            match e.classify() {
                Category::Data => ApiError::InvalidRequest(e.to_string()),
                Category::Syntax | Category::Eof | Category::Io => ApiError::BadJson(e.to_string()),
            }
        })
    }
}

/// The body size limit in effect, put into the request extensions by the router so the
/// error can name it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl<S: Send + Sync> FromRequest<S> for TextRequest {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let limit = req.extensions().get::<BodyLimit>().map_or(0, |l| l.0);
        let body = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge { limit }
            } else {
                ApiError::BodyRead(rejection.body_text())
            }
        })?;
        TextRequest::parse(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_apart() {
        assert!(matches!(
            TextRequest::parse(b"{\"text\": \"\xFF\"}"),
            Err(ApiError::BadUtf8 { offset: 10 })
        ));
        assert!(matches!(
            TextRequest::parse(b"{\"text\": "),
            Err(ApiError::BadJson(_))
        ));
        assert!(matches!(
            TextRequest::parse(b"{\"txt\": \"a\"}"),
            Err(ApiError::InvalidRequest(_))
        ));
        assert!(matches!(
            TextRequest::parse(b"{\"text\": 3}"),
            Err(ApiError::InvalidRequest(_))
        ));
        assert!(matches!(
            TextRequest::parse(b"[\"a\"]"),
            Err(ApiError::InvalidRequest(_))
        ));
        assert!(matches!(TextRequest::parse(b""), Err(ApiError::BadJson(_))));
        let ok = TextRequest::parse("{\"text\": \"سلام\", \"options\": null}".as_bytes());
        assert!(matches!(ok, Ok(TextRequest { options: None, .. })));
    }
}
