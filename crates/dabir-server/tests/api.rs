//! The API answered in process with `tower::ServiceExt::oneshot`: results, every error
//! kind, the limits, metrics, and the OpenAPI document checked against the router and
//! against real answers.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use dabir_server::{router, Config, OPENAPI_JSON};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::time::Duration;
use tower::ServiceExt;

fn app() -> Router {
    router(&Config::default())
}

async fn send(app: Router, req: Request<Body>) -> (StatusCode, Vec<u8>, String) {
    let response = app.oneshot(req).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body.to_vec(), content_type)
}

fn post(path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

async fn post_json(app: Router, path: &str, body: Value) -> (StatusCode, Value) {
    let (status, bytes, content_type) = send(app, post(path, body.to_string())).await;
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// Asserts a JSON error answer with `status` and `code`, and returns its message.
async fn error_of(app: Router, req: Request<Body>, status: StatusCode, code: &str) -> String {
    let (got, bytes, content_type) = send(app, req).await;
    let body: Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    assert_eq!(got, status, "{body}");
    assert_eq!(content_type, "application/json");
    assert_eq!(body["error"], code, "{body}");
    assert_schema("Error", &body);
    body["message"].as_str().unwrap().to_owned()
}

/// Validates `instance` against `#/components/schemas/<name>` of the OpenAPI document.
fn assert_schema(name: &str, instance: &Value) {
    let mut root: Value = serde_json::from_str(OPENAPI_JSON).unwrap();
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{instance}");
}

#[tokio::test]
async fn normalize_answers_lines_with_edits() {
    let (status, body) = post_json(
        app(),
        "/v1/normalize",
        json!({"text": "كتاب هاي خوب\r\nسلام"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_schema("NormalizeResponse", &body);
    let lines = body["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "کتاب\u{200c}های خوب");
    assert_eq!(lines[0]["eol"], "\r\n");
    assert_eq!(lines[0]["edits"][0]["kind"], "letter");
    assert_eq!(lines[1]["offset"], 24);
    assert_eq!(lines[1]["eol"], "");
}

#[tokio::test]
async fn normalize_options_use_the_flag_names() {
    let text = "كتاب هاي ۱۲۳";
    let (_, body) = post_json(
        app(),
        "/v1/normalize",
        json!({"text": text, "options": {"restore-zwnj": false, "digits": "latin"}}),
    )
    .await;
    assert_eq!(body["lines"][0]["text"], "کتاب های 123");
    let (_, body) = post_json(
        app(),
        "/v1/normalize",
        json!({"text": text, "options": {"preset": "conservative"}}),
    )
    .await;
    assert_eq!(body["lines"][0]["text"], "کتاب های ۱۲۳");
    let message = error_of(
        app(),
        post(
            "/v1/normalize",
            r#"{"text": "a", "options": {"restore_zwj": true}}"#,
        ),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_option",
    )
    .await;
    assert!(message.contains("restore_zwj") && message.contains("restore_zwnj"));
}

#[tokio::test]
async fn ndjson_is_the_cli_output() {
    let req = Request::post("/v1/normalize")
        .header(header::ACCEPT, "application/x-ndjson")
        .body(Body::from(json!({"text": "a\nb"}).to_string()))
        .unwrap();
    let (status, bytes, content_type) = send(app(), req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/x-ndjson");
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text,
        "{\"line\":1,\"offset\":0,\"text\":\"a\",\"edits\":[]}\n\
         {\"line\":2,\"offset\":2,\"text\":\"b\",\"eol\":\"\",\"edits\":[]}\n"
    );
}

#[tokio::test]
async fn tokenize_answers_sentences() {
    let (status, body) = post_json(
        app(),
        "/v1/tokenize",
        json!({"text": "من به مدرسه رفتم. کتابهایم را خواندم"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_schema("TokenizeResponse", &body);
    let sentences = body["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0]["tokens"][0]["form"], "من");
    let (_, attached) = post_json(
        app(),
        "/v1/tokenize",
        json!({"text": "کتابهایم", "options": {"no_clitics": true}}),
    )
    .await;
    assert_eq!(
        attached["sentences"][0]["tokens"][0]["words"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    error_of(
        app(),
        post(
            "/v1/tokenize",
            r#"{"text": "a", "options": {"model": "x.bin"}}"#,
        ),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_option",
    )
    .await;
}

#[tokio::test]
async fn analyze_answers_a_document() {
    let (status, body) = post_json(app(), "/v1/analyze", json!({"text": "كتاب خوب است."})).await;
    assert_eq!(status, StatusCode::OK);
    assert_schema("Document", &body);
    assert_eq!(body["input"], "كتاب خوب است.");
    assert_eq!(body["text"], "کتاب خوب است.");
    assert_eq!(body["words"][0]["upos"], "NOUN");
    assert_eq!(body["words"][0]["lemma"], "کتاب");
    assert_eq!(body["sentences"].as_array().unwrap().len(), 1);
    let (_, bare) = post_json(
        app(),
        "/v1/analyze",
        json!({"text": "کتابهایم", "options": {"morphology": false, "no_clitics": true}}),
    )
    .await;
    assert_eq!(bare["words"].as_array().unwrap().len(), 1);
    assert!(bare["words"][0].get("upos").is_none());
    let (status, body) = post_json(app(), "/v1/analyze", json!({"text": ""})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn bad_json_is_400_with_the_position() {
    let message = error_of(
        app(),
        post("/v1/normalize", "{\"text\": \"a\",,}"),
        StatusCode::BAD_REQUEST,
        "bad_json",
    )
    .await;
    assert!(message.contains("line 1 column"), "{message}");
    error_of(
        app(),
        post("/v1/tokenize", "{\"text\": \"a"),
        StatusCode::BAD_REQUEST,
        "bad_json",
    )
    .await;
    error_of(
        app(),
        post("/v1/analyze", ""),
        StatusCode::BAD_REQUEST,
        "bad_json",
    )
    .await;
}

#[tokio::test]
async fn bad_utf8_is_400_with_the_offset() {
    let mut body = b"{\"text\": \"\xD8\xB3".to_vec();
    body.extend_from_slice(b"\xFF\xFE\"}");
    let message = error_of(
        app(),
        post("/v1/normalize", body),
        StatusCode::BAD_REQUEST,
        "bad_utf8",
    )
    .await;
    assert!(message.contains("offset 12"), "{message}");
}

#[tokio::test]
async fn missing_or_mistyped_fields_are_422() {
    for (path, body) in [
        ("/v1/normalize", r#"{"options": {}}"#),
        ("/v1/tokenize", r#"{"text": 42}"#),
        ("/v1/analyze", r#"["text"]"#),
        ("/v1/analyze", r#"{"text": "a", "option": {}}"#),
    ] {
        let message = error_of(
            app(),
            post(path, body),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
        )
        .await;
        assert!(!message.is_empty());
    }
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let config = Config {
        max_body_bytes: 1000,
        ..Config::default()
    };
    let text = "س".repeat(1000);
    let message = error_of(
        router(&config),
        post("/v1/normalize", json!({ "text": text }).to_string()),
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
    )
    .await;
    assert!(message.contains("1000 bytes"), "{message}");
    // also without a Content-Length (a streamed body)
    let stream = futures_stream(json!({ "text": text }).to_string());
    error_of(
        router(&config),
        post("/v1/normalize", stream),
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
    )
    .await;
    // just under the limit is fine
    let (status, _, _) = send(
        router(&config),
        post(
            "/v1/normalize",
            json!({ "text": "س".repeat(400) }).to_string(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

/// A body of unknown length, sent in pieces.
fn futures_stream(text: String) -> Body {
    let pieces: Vec<Result<Vec<u8>, std::io::Error>> = text
        .into_bytes()
        .chunks(100)
        .map(|c| Ok(c.to_vec()))
        .collect();
    Body::from_stream(futures_util::stream::iter(pieces))
}

#[tokio::test(start_paused = true)]
async fn slow_requests_time_out_with_503() {
    // No worker: the request waits for one; with the clock paused the runtime jumps
    // to the deadline as soon as nothing else can run, whatever the machine's speed.
    let config = Config {
        request_timeout: Duration::from_secs(30),
        workers: 0,
        ..Config::default()
    };
    let req = post("/v1/analyze", json!({ "text": "کتاب" }).to_string());
    let response = router(&config).oneshot(req).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body["error"], "timeout");
}

#[tokio::test]
async fn unknown_paths_and_methods_are_json() {
    error_of(
        app(),
        get("/v2/nothing"),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    error_of(
        app(),
        get("/v1/normalize"),
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    error_of(
        app(),
        get("/assets/nothing.js"),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn health_and_metrics() {
    let app = app();
    let (status, bytes, _) = send(app.clone(), get("/health")).await;
    assert_eq!(status, StatusCode::OK);
    let health: Value = serde_json::from_slice(&bytes).unwrap();
    assert_schema("Health", &health);
    send(app.clone(), post("/v1/normalize", r#"{"text": "ك"}"#)).await;
    send(app.clone(), post("/v1/normalize", r#"{"text": 1}"#)).await;
    let (status, bytes, content_type) = send(app, get("/metrics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(
        "dabir_http_requests_total{method=\"POST\",route=\"/v1/normalize\",status=\"200\"} 1\n"
    ));
    assert!(text.contains(
        "dabir_http_requests_total{method=\"POST\",route=\"/v1/normalize\",status=\"422\"} 1\n"
    ));
    assert!(text.contains(
        "dabir_http_request_duration_seconds_count{method=\"POST\",route=\"/v1/normalize\"} 2\n"
    ));
}

#[tokio::test]
async fn the_page_and_its_assets_are_served() {
    let (status, bytes, content_type) = send(app(), get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    let html = String::from_utf8(bytes).unwrap();
    assert!(html.contains("dir=\"rtl\""));
    for asset in [
        "app.js",
        "style.css",
        "Vazirmatn-Regular.woff2",
        "Vazirmatn-Bold.woff2",
    ] {
        let (status, bytes, _) = send(app(), get(&format!("/assets/{asset}"))).await;
        assert_eq!(status, StatusCode::OK, "{asset}");
        assert!(!bytes.is_empty());
    }
    let (_, font, content_type) = send(app(), get("/assets/Vazirmatn-Regular.woff2")).await;
    assert_eq!(content_type, "font/woff2");
    assert_eq!(&font[..4], b"wOF2");
}

#[tokio::test]
async fn the_openapi_document_describes_the_router() {
    let (status, bytes, _) = send(app(), get("/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    // every documented path answers with the documented method (not 404/405) …
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let uri = path.replace("{name}", "app.js");
            let req = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .body(Body::from(r#"{"text": "سلام"}"#))
                .unwrap();
            let (status, _, _) = send(app(), req).await;
            assert_eq!(status, StatusCode::OK, "{method} {path}");
        }
    }
    // … every schema compiles, every $ref points somewhere …
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in schemas.keys() {
        assert_schema_compiles(name);
    }
    let text = OPENAPI_JSON;
    for piece in text.split("\"$ref\": \"#/").skip(1) {
        let pointer = format!("/{}", &piece[..piece.find('"').unwrap()]);
        assert!(doc.pointer(&pointer).is_some(), "dangling $ref {pointer}");
    }
    // … and every cleaning option of the library is documented.
    let options = serde_json::to_value(dabir::clean::CleanOptions::default()).unwrap();
    for field in options.as_object().unwrap().keys() {
        assert!(
            schemas["CleanOptions"]["properties"].get(field).is_some(),
            "option {field} is missing from openapi.json"
        );
    }
}

fn assert_schema_compiles(name: &str) {
    let mut root: Value = serde_json::from_str(OPENAPI_JSON).unwrap();
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    assert!(jsonschema::validator_for(&root).is_ok(), "{name}");
}

#[tokio::test]
async fn edit_kinds_are_explained() {
    let (status, bytes, _) = send(app(), get("/v1/edit-kinds")).await;
    assert_eq!(status, StatusCode::OK);
    let kinds: Value = serde_json::from_slice(&bytes).unwrap();
    assert_schema("EditKinds", &kinds);
    assert_eq!(kinds["zwnj_inserted"], "half-space (ZWNJ) restored");
    assert_eq!(kinds.as_object().unwrap().len(), 20);
}

#[tokio::test]
async fn documented_requests_validate() {
    assert_schema(
        "NormalizeRequest",
        &json!({"text": "a", "options": {"preset": "academy", "digits": "latin"}}),
    );
    assert_schema("TokenizeRequest", &json!({"text": "a", "options": null}));
    assert_schema(
        "AnalyzeRequest",
        &json!({"text": "a", "options": {"no_clitics": true, "digits": "keep"}}),
    );
}
