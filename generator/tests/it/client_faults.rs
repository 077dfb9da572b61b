//! Faults of the network and of servers, from a raw TCP server on loopback
//! that plays a script per connection: a reset before any response, a body
//! cut short, a server that stops sending. Idempotent requests are retried
//! after a broken connection; others are not; a broken body is a transport
//! error, never a decode error; nothing leaks the token.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use generated_client::miro::Client;
use generated_client::runtime::{Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one connection.
#[derive(Clone, Copy)]
enum Script {
    /// Reads the request, then resets the connection.
    Reset,
    /// Sends headers promising a longer body than it sends, then closes.
    Truncated,
    /// Reads the request and sends nothing.
    Silent,
    /// Sends a chunked body whose last chunk never comes, then closes.
    TruncatedChunks,
    /// Sends something that is not an HTTP status line.
    Garbage,
    /// Answers 200 with a token-information body.
    Ok,
}

const TOKEN_INFO: &str = r#"{"type":"user","team":{"type":"team","name":"Core","id":"t1"},"createdBy":{"type":"user","name":"Ada","id":"u1"},"user":{"type":"user","name":"Ada","id":"u1"}}"#;

/// A server that plays `scripts` on its connections in order (the last one
/// for any further), and counts the connections.
async fn scripted(scripts: &'static [Script]) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let script = scripts[n.min(scripts.len() - 1)];
            tokio::spawn(play(stream, script));
        }
    });
    (address, connections)
}

async fn play(mut stream: TcpStream, script: Script) {
    let mut request = [0u8; 4096];
    let _ = stream.read(&mut request).await;
    match script {
        Script::Reset => {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Script::Truncated => {
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&TOKEN_INFO.as_bytes()[..20]).await;
            let _ = stream.set_zero_linger();
        }
        Script::Silent => tokio::time::sleep(Duration::from_secs(5)).await,
        Script::TruncatedChunks => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream
                .write_all(b"14\r\n{\"type\":\"user\",\"team\r\n")
                .await;
            let _ = stream.set_zero_linger();
        }
        Script::Garbage => {
            let _ = stream.write_all(b"HELLO tok-secret\r\n\r\n").await;
        }
        Script::Ok => {
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{TOKEN_INFO}",
                TOKEN_INFO.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    }
}

fn client(address: &str) -> Client {
    Client::builder()
        .base_url(address)
        .default_header("Authorization", "Bearer tok-secret")
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

fn assert_no_secret(error: &Error<impl std::fmt::Debug>) {
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("tok-secret"), "{shown}");
}

#[tokio::test]
async fn a_get_reset_before_the_response_is_retried() {
    let (address, connections) = scripted(&[Script::Reset, Script::Ok]).await;

    let info = client(&address)
        .token_info()
        .await
        .expect("the retry succeeds");

    assert_eq!(info.user.name, "Ada");
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_get_whose_body_is_cut_short_is_retried() {
    let (address, connections) = scripted(&[Script::Truncated, Script::Ok]).await;

    let info = client(&address)
        .token_info()
        .await
        .expect("the retry succeeds");

    assert_eq!(info.team.id, "t1");
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_body_cut_short_every_time_is_a_transport_error_not_a_decode_error() {
    let (address, connections) = scripted(&[Script::Truncated]).await;

    let error = client(&address).token_info().await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!error.is_timeout());
    assert_eq!(
        error.to_string(),
        "the request failed: the connection broke while the response body was read"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 3, "two retries");
    assert_no_secret(&error);
}

#[tokio::test]
async fn a_post_reset_before_the_response_is_not_retried() {
    let (address, connections) = scripted(&[Script::Reset, Script::Ok]).await;

    let error = client(&address)
        .revoke_token("query-secret")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert_no_secret(&error);
    assert!(!format!("{error} {error:?}").contains("query-secret"));
}

#[tokio::test]
async fn a_server_that_stops_sending_times_out_and_is_not_retried() {
    let (address, connections) = scripted(&[Script::Silent]).await;

    let error = client(&address).token_info().await.unwrap_err();

    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.to_string(), "the request failed: timed out");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert_no_secret(&error);
}

#[tokio::test]
async fn a_chunked_body_cut_short_is_a_retried_transport_error() {
    let (address, connections) = scripted(&[Script::TruncatedChunks]).await;

    let error = client(&address).token_info().await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the request failed: the connection broke while the response body was read"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 3, "two retries");
    assert_no_secret(&error);
}

#[tokio::test]
async fn an_invalid_status_line_is_a_transport_error_that_leaks_nothing() {
    let (address, connections) = scripted(&[Script::Garbage]).await;

    let error = client(&address)
        .revoke_token("query-secret")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "a POST is not retried"
    );
    assert_no_secret(&error);
    assert!(!format!("{error} {error:?}").contains("query-secret"));
}
