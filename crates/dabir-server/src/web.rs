//! The web page at `/`: plain HTML, CSS and JavaScript with the Vazirmatn font, all
//! embedded in the binary (no build step, no CDN, works offline).

use crate::error::ApiError;
use crate::Shared;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The embedded files: name under `/assets/`, media type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/style.css"),
    ),
    (
        "Vazirmatn-Regular.woff2",
        "font/woff2",
        include_bytes!("../web/fonts/Vazirmatn-Regular.woff2"),
    ),
    (
        "Vazirmatn-Bold.woff2",
        "font/woff2",
        include_bytes!("../web/fonts/Vazirmatn-Bold.woff2"),
    ),
    (
        "OFL.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../web/fonts/OFL.txt"),
    ),
];

const INDEX_HTML: &str = include_str!("../web/index.html");

/// `/` and `/assets/{name}`.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
}

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX_HTML,
    )
        .into_response()
}

async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, media_type, bytes) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| ApiError::NotFound(format!("/assets/{name}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, *media_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        *bytes,
    )
        .into_response())
}
