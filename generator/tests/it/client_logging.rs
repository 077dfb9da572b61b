//! What the generated client logs through `tracing`, over real HTTP on
//! loopback.
//!
//! `tracing` caches each callsite's interest process-wide, computed from the
//! subscribers that exist when it is first reached: a scoped subscriber set
//! by this test could miss events whose callsites another test reached
//! first. So the binary gets one global subscriber, installed before this
//! test's calls, that keeps what the current thread logs while it captures
//! and drops everything else. (`#[tokio::test]` runs the whole test on its
//! own thread.)

use std::cell::RefCell;
use std::io::Write;
use std::sync::Once;
use std::time::Duration;

use generated_client::miro::Client;
use generated_client::runtime::RetryPolicy;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

thread_local! {
    /// What this thread has logged since [`start_capture`], if capturing.
    static CAPTURED: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Appends to this thread's capture, if it is capturing.
struct ThreadCapture;

impl Write for ThreadCapture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED.with(|captured| {
            if let Some(bytes) = captured.borrow_mut().as_mut() {
                bytes.extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the global subscriber (once) and starts capturing this thread.
fn start_capture() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| ThreadCapture)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
    });
    CAPTURED.with(|captured| *captured.borrow_mut() = Some(Vec::new()));
}

/// Stops capturing this thread and returns what it logged.
fn take_capture() -> String {
    let bytes = CAPTURED.with(|captured| captured.borrow_mut().take().unwrap_or_default());
    String::from_utf8(bytes).expect("logs are text")
}

#[tokio::test]
async fn logs_show_method_path_status_and_attempts_but_no_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth/revoke"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth/revoke"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("Authorization", "Bearer header-secret")
        .retry(RetryPolicy {
            retry_non_idempotent: true,
            initial_backoff: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    start_capture();
    let error = client.revoke_token("query-secret").await.expect_err("400");
    let logs = take_capture();

    assert!(
        logs.contains("http_request") && logs.contains("/v1/oauth/revoke"),
        "{logs}"
    );
    assert!(
        logs.contains("status=503") && logs.contains("status=400"),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=2") && logs.contains("retrying"),
        "{logs}"
    );
    let everything = format!("{logs} {error} {error:?} {client:?}");
    for secret in ["query-secret", "header-secret", "access_token="] {
        assert!(
            !everything.contains(secret),
            "`{secret}` leaked: {everything}"
        );
    }
}
