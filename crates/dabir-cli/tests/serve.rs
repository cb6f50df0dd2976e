//! The server answers the JSON the CLI writes: the same text through `dabir normalize
//! --format json` / `dabir tokenize --format json` and through the API (JSON Lines and
//! the wrapped JSON) must give the same objects, byte for byte. And `dabir serve`
//! starts, answers, and stops on SIGTERM.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

mod support;

/// Persian with Arabic letters, broken half-spaces, quotes, digits, an English residue
/// line, CRLF and a last line without a newline.
const TEXT: &str = "كتاب هاي خوب را مي خوانم...\r\n\
او گفت: \"فردا ساعت 10 به تهران مي روم\"\n\
\n\
Read More\n\
قیمت نفت در ۱۵ خرداد ۱۴۰۲ به ۸۵ دلار رسید. دولت اعلام کرد";

fn cli(args: &[&str]) -> String {
    support::stdout_of(args, TEXT)
}

async fn api(path: &str, body: Value, ndjson: bool) -> String {
    let mut req = Request::post(path);
    if ndjson {
        req = req.header(header::ACCEPT, "application/x-ndjson");
    }
    let response = dabir_server::router(&dabir_server::Config::default())
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// JSON Lines as values.
fn values(lines: &str) -> Vec<Value> {
    lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

async fn same(cli_args: &[&str], path: &str, options: Value, field: &str) {
    let want = cli(cli_args);
    assert!(!want.is_empty());
    let body = json!({ "text": TEXT, "options": options });
    assert_eq!(api(path, body.clone(), true).await, want, "{cli_args:?}");
    // the wrapped answer holds the same objects (compared as values: the test
    // re-reads them without key order)
    let wrapped: Value = serde_json::from_str(&api(path, body, false).await).unwrap();
    assert_eq!(
        wrapped[field].as_array().unwrap(),
        &values(&want),
        "{cli_args:?}"
    );
}

#[tokio::test]
async fn normalize_answers_what_the_cli_writes() {
    same(
        &["normalize", "--format", "json"],
        "/v1/normalize",
        json!({}),
        "lines",
    )
    .await;
    same(
        &[
            "normalize",
            "--format",
            "json",
            "--preset",
            "academy",
            "--no-restore-zwnj",
            "--digits",
            "latin",
            "--keep-residue",
        ],
        "/v1/normalize",
        json!({"preset": "academy", "no-restore-zwnj": true, "digits": "latin", "keep_residue": true}),
        "lines",
    )
    .await;
}

#[tokio::test]
async fn tokenize_answers_what_the_cli_writes() {
    same(
        &["tokenize", "--format", "json"],
        "/v1/tokenize",
        json!(null),
        "sentences",
    )
    .await;
    same(
        &[
            "tokenize",
            "--format",
            "json",
            "--clean",
            "--no-clitics",
            "--one-sentence-per-line",
        ],
        "/v1/tokenize",
        json!({"clean": true, "no_clitics": true, "one-sentence-per-line": true}),
        "sentences",
    )
    .await;
}

#[cfg(unix)]
#[test]
fn serve_starts_answers_and_stops_on_sigterm_and_ctrl_c() {
    for signal in ["-TERM", "-INT"] {
        serve_and_stop(signal);
    }
}

/// Starts `dabir serve` on a free port, asks /health, stops it with `signal`.
#[cfg(unix)]
fn serve_and_stop(signal: &str) {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dabir"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""), "{answer}");
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{signal}: {exit:?}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("stopped"), "{rest}");
}
