//! The errors of the API, each answered as JSON with a status code that says whose
//! fault it is: `{"error": "bad_json", "message": "…"}`.
//!
//! 4xx answers name what was wrong with the request precisely enough to fix it (the
//! byte offset of an invalid UTF-8 sequence, the line and column of a JSON syntax
//! error, the option that is unknown and the ones that exist).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::time::Duration;

/// Why a request was not answered with a result.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not UTF-8.
    #[error("request body is not valid UTF-8: invalid byte at offset {offset}")]
    BadUtf8 {
        /// Byte offset of the first invalid byte in the body.
        offset: usize,
    },
    /// The body is not JSON (syntax error or cut short).
    #[error("request body is not valid JSON: {0}")]
    BadJson(String),
    /// The JSON is well formed but not a request: missing `text`, wrong types, an
    /// unknown top-level field.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// An entry of `options` is unknown or has a bad value.
    #[error("invalid option: {0}")]
    InvalidOption(String),
    /// The body is larger than the configured limit.
    #[error("request body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body could not be read (the client went away, a transfer error).
    #[error("request body could not be read: {0}")]
    BodyRead(String),
    /// The request waited and ran for longer than the per-request timeout.
    #[error("request took longer than the limit of {0:?}")]
    Timeout(Duration),
    /// No such path.
    #[error("no such resource: {0}")]
    NotFound(String),
    /// The path exists but not with this method.
    #[error("method not allowed on this path")]
    MethodNotAllowed,
    /// A bug: the work failed (a panic caught in the worker) or the server is stopping.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadUtf8 { .. } | ApiError::BadJson(_) | ApiError::BodyRead(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::InvalidRequest(_) | ApiError::InvalidOption(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code of the error (the `error` field).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadUtf8 { .. } => "bad_utf8",
            ApiError::BadJson(_) => "bad_json",
            ApiError::InvalidRequest(_) => "invalid_request",
            ApiError::InvalidOption(_) => "invalid_option",
            ApiError::TooLarge { .. } => "body_too_large",
            ApiError::BodyRead(_) => "body_read",
            ApiError::Timeout(_) => "timeout",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Internal(_) => "internal",
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.code(),
            message: self.to_string(),
        };
        let mut response = (self.status(), axum::Json(body)).into_response();
        if let ApiError::Timeout(_) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
