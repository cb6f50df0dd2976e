//! Graceful shutdown over a real socket: a request that is in flight when the shutdown
//! signal comes is still answered, and the server then stops accepting connections.

use dabir_server::{serve_until, Config};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[tokio::test]
async fn a_request_in_flight_is_answered_after_the_signal() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let config = Config::default();
        serve_until(listener, &config, async {
            let _ = stopped.await;
        })
        .await
    });

    // Headers and half of the body, then the shutdown signal, then the rest.
    let body = r#"{"text": "كتاب هاي خوب"}"#.as_bytes();
    let (first, rest) = body.split_at(10);
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /v1/normalize HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.write_all(rest).await.unwrap();

    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8(answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("کتاب\u{200c}های خوب"), "{answer}");

    // The server has stopped, and new connections are refused.
    let served = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server did not stop");
    assert!(served.unwrap().is_ok());
    assert!(TcpStream::connect(addr).await.is_err());
}
