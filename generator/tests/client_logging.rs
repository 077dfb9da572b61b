//! What the generated client logs through `tracing`, over real HTTP on
//! loopback.
//!
//! This test has a binary (a process) of its own: `tracing` caches each
//! callsite's interest process-wide, computed by whichever thread reaches it
//! first, so a concurrent test without a subscriber could silence the events
//! this one captures.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated_client::miro::Client;
use generated_client::runtime::RetryPolicy;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Collects everything a `tracing` subscriber prints.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();

    let error = {
        let _guard = tracing::subscriber::set_default(subscriber);
        client.revoke_token("query-secret").await.expect_err("400")
    };

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
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
