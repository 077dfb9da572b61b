//! The runtime every generated client shares, over real HTTP on loopback:
//! timeouts, retries, per-request options, credential providers, hooks, a
//! caller's `reqwest::Client`, forward compatibility. Logging is tested in
//! `client_logging.rs`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{header, only_request, serve};
use generated_client::finbourne_identity;
use generated_client::miro::Client;
use generated_client::runtime::{
    Error, Hook, RawResponse, RequestContext, RequestOptions, RetryPolicy,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn token_information() -> serde_json::Value {
    let user = json!({"type": "user", "name": "Ada", "id": "u1"});
    json!({"type": "user", "team": {"type": "team", "name": "Core", "id": "t1"}, "createdBy": user, "user": user})
}

/// Answers with `responses` in turn (the last one repeatedly), recording
/// when each request arrived.
#[derive(Clone)]
struct Sequence {
    responses: Vec<ResponseTemplate>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Sequence {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        Self {
            responses,
            arrivals: Arc::default(),
        }
    }

    fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().unwrap().clone()
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        let index = (arrivals.len() - 1).min(self.responses.len() - 1);
        self.responses[index].clone()
    }
}

/// Retries with a short backoff, so tests do not wait for the defaults.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        ..RetryPolicy::default()
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry(quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_slow_server_hits_the_client_timeout() {
    let slow = ResponseTemplate::new(200)
        .set_body_json(token_information())
        .set_delay(Duration::from_secs(5));
    let server = serve("GET", "/v1/oauth-token", slow).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client
        .token_info()
        .await
        .expect_err("the server is too slow");

    assert!(error.is_timeout(), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a timeout is not retried"
    );
}

#[tokio::test]
async fn a_per_request_timeout_overrides_the_clients() {
    let slow = ResponseTemplate::new(200)
        .set_body_json(token_information())
        .set_delay(Duration::from_secs(5));
    let server = serve("GET", "/v1/oauth-token", slow).await;
    let client = client(&server);

    let options = RequestOptions::new().timeout(Duration::from_millis(200));
    let error = client
        .with_options(options)
        .token_info()
        .await
        .expect_err("too slow for the option");

    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn a_get_that_gets_503_then_200_succeeds_after_one_retry() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_json(token_information()),
    ]);
    let server = serve("GET", "/v1/oauth-token", sequence.clone()).await;

    let info = client(&server)
        .token_info()
        .await
        .expect("the retry succeeds");

    assert_eq!(info.status(), 200);
    assert_eq!(sequence.arrivals().len(), 2);
}

#[tokio::test]
async fn a_post_is_not_retried_unless_the_caller_opts_in() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(503),
        ResponseTemplate::new(503),
        ResponseTemplate::new(204),
    ]);
    let server = serve("POST", "/v1/oauth/revoke", sequence.clone()).await;

    let error = client(&server)
        .revoke_token("t")
        .await
        .expect_err("503 is not retried for POST");
    assert!(
        matches!(&error, Error::UnexpectedStatus(raw) if raw.status() == 503),
        "{error:?}"
    );
    assert_eq!(sequence.arrivals().len(), 1);

    let opted_in = RetryPolicy {
        retry_non_idempotent: true,
        ..quick_retries()
    };
    client(&server)
        .with_options(RequestOptions::new().retry(opted_in))
        .revoke_token("t")
        .await
        .expect("retried");
    assert_eq!(sequence.arrivals().len(), 3);
}

#[tokio::test]
async fn retries_stop_after_max_retries_and_zero_disables_them() {
    let sequence = Sequence::new(vec![ResponseTemplate::new(502)]);
    let server = serve("GET", "/v1/oauth-token", sequence.clone()).await;

    let error = client(&server).token_info().await.expect_err("always 502");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(
        sequence.arrivals().len(),
        3,
        "the first attempt and two retries"
    );

    let error = client(&server)
        .with_options(RequestOptions::new().retry(RetryPolicy::never()))
        .token_info()
        .await;
    assert!(error.is_err());
    assert_eq!(sequence.arrivals().len(), 4, "no retry");
}

#[tokio::test]
async fn a_429_with_retry_after_1_waits_about_a_second() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        ResponseTemplate::new(200).set_body_json(token_information()),
    ]);
    let server = serve("GET", "/v1/oauth-token", sequence.clone()).await;

    client(&server)
        .token_info()
        .await
        .expect("the retry succeeds");

    let arrivals = sequence.arrivals();
    assert_eq!(arrivals.len(), 2);
    let gap = arrivals[1] - arrivals[0];
    assert!(
        gap >= Duration::from_millis(950) && gap < Duration::from_millis(1600),
        "waited {gap:?}"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_returns_the_response_at_once() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(503).insert_header("retry-after", "3600"),
    ]);
    let server = serve("GET", "/v1/oauth-token", sequence.clone()).await;

    let started = Instant::now();
    let error = client(&server).token_info().await.expect_err("503");

    assert_eq!(
        error.headers().unwrap()["retry-after"],
        "3600",
        "the caller sees what the server asked"
    );
    assert_eq!(sequence.arrivals().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// Counts attempts and records what each saw.
#[derive(Default)]
struct Recorder {
    before: Mutex<Vec<(String, u32)>>,
    after: Mutex<Vec<u16>>,
}

impl Hook for Recorder {
    fn before_request(&self, context: &RequestContext, request: &mut reqwest::Request) {
        self.before.lock().unwrap().push((
            format!("{} {}", context.method, context.path),
            context.attempt,
        ));
        request
            .headers_mut()
            .insert("x-signature", "signed".parse().unwrap());
    }

    fn after_response(&self, _: &RequestContext, response: &RawResponse, _: Duration) {
        self.after.lock().unwrap().push(response.status().as_u16());
    }
}

/// A listener on loopback whose queue of connections waiting to be
/// accepted is full, so a new connection is never completed: connecting to
/// it times out. The filling connections live as long as the listener.
async fn unanswering_address() -> (String, tokio::net::TcpListener, Vec<std::net::TcpStream>) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let address = socket.local_addr().unwrap();
    let listener = socket.listen(0).unwrap();
    let fillers: Vec<std::net::TcpStream> = (0..4)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&address, Duration::from_millis(100)).ok()
        })
        .collect();
    (format!("http://{address}"), listener, fillers)
}

#[tokio::test]
async fn a_connect_timeout_is_retried_as_nothing_was_sent() {
    let (address, _listener, _fillers) = unanswering_address().await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder()
        .base_url(address)
        .retry(quick_retries())
        .connect_timeout(Duration::from_millis(100))
        .hook(recorder.clone())
        .build()
        .unwrap();

    let error = client.token_info().await.expect_err("never connects");

    assert!(error.is_timeout(), "{error:?}");
    let attempts: Vec<u32> = recorder
        .before
        .lock()
        .unwrap()
        .iter()
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(
        attempts,
        [1, 2, 3],
        "1 + 2 retries, like any connection not made"
    );
}

#[tokio::test]
async fn connection_errors_are_retried_and_hooks_see_every_attempt() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(quick_retries())
        .hook(recorder.clone())
        .build()
        .unwrap();

    let error = client.token_info().await.expect_err("nothing listens");

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let seen = recorder.before.lock().unwrap().clone();
    let expected: Vec<(String, u32)> = (1..=3)
        .map(|n| ("GET /v1/oauth-token".to_owned(), n))
        .collect();
    assert_eq!(seen, expected);
    assert!(
        recorder.after.lock().unwrap().is_empty(),
        "no response was received"
    );
}

#[tokio::test]
async fn hooks_can_change_the_request_and_observe_the_response() {
    let server = serve("GET", "/v1/oauth-token", ResponseTemplate::new(400)).await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder()
        .base_url(server.uri())
        .hook(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.expect_err("400");

    assert_eq!(
        header(&only_request(&server).await, "x-signature"),
        Some("signed")
    );
    assert_eq!(*recorder.after.lock().unwrap(), [400]);
}

#[tokio::test]
async fn per_request_headers_and_query_parameters_arrive() {
    let server = serve("POST", "/v1/oauth/revoke", ResponseTemplate::new(204)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("x-tenant", "default")
        .default_header("x-app", "demo")
        .build()
        .unwrap();

    let options = RequestOptions::new()
        .header("x-tenant", "acme")
        .header("x-trace", "7")
        .query("dry_run", "true");
    client
        .with_options(options)
        .revoke_token("tok")
        .await
        .expect("204");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("access_token=tok&dry_run=true"));
    assert_eq!(
        header(&request, "x-tenant"),
        Some("acme"),
        "an option replaces a default"
    );
    assert_eq!(header(&request, "x-trace"), Some("7"));
    assert_eq!(header(&request, "x-app"), Some("demo"));
}

#[tokio::test]
async fn nested_option_handles_replace_same_named_headers() {
    let server = serve("POST", "/v1/oauth/revoke", ResponseTemplate::new(204)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("Authorization", "Bearer default")
        .build()
        .unwrap();
    let outer = client.with_options(RequestOptions::new().header("Authorization", "Bearer outer"));
    let inner = outer.with_options(
        RequestOptions::new()
            .header("authorization", "Bearer first")
            .header("AUTHORIZATION", "Bearer inner"),
    );

    inner.revoke_token("tok").await.expect("204");

    let request = only_request(&server).await;
    let sent: Vec<&str> = request
        .headers
        .get_all("authorization")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(sent, ["Bearer inner"], "one header, the innermost");
}

#[tokio::test]
async fn a_retry_after_too_large_for_any_clock_returns_the_response_at_once() {
    let retry_after =
        ResponseTemplate::new(503).insert_header("retry-after", "99999999999999999999999");
    let server = serve("GET", "/v1/oauth-token", retry_after).await;
    let client = Client::new(&server.uri()).unwrap();

    let error = client.token_info().await.unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    only_request(&server).await;
}

#[tokio::test]
async fn a_redirect_to_another_origin_carries_no_secret() {
    let elsewhere = serve(
        "GET",
        "/landing",
        ResponseTemplate::new(200).set_body_json(token_information()),
    )
    .await;
    let location = format!("{}/landing", elsewhere.uri());
    let origin = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(302).insert_header("location", location.as_str()),
    )
    .await;
    let client = Client::builder()
        .base_url(origin.uri())
        .default_header("Authorization", "Bearer tok-1")
        .default_header("X-Api-Key", "key-1")
        .default_header("X-Session-Id", "s-1")
        .build()
        .unwrap();
    let with_option = client.with_options(RequestOptions::new().header("x-tenant", "acme"));

    let info = with_option.token_info().await.expect("followed");

    assert_eq!(info.user.name, "Ada");
    let landed = only_request(&elsewhere).await;
    for secret in [
        "authorization",
        "x-api-key",
        "x-session-id",
        "x-tenant",
        "cookie",
    ] {
        assert_eq!(
            header(&landed, secret),
            None,
            "`{secret}` went to another origin"
        );
    }
}

#[tokio::test]
async fn a_redirect_within_the_origin_keeps_the_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/oauth-token"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/v2/oauth-token"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/oauth-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_information()))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("X-Api-Key", "key-1")
        .build()
        .unwrap();

    client.token_info().await.expect("followed");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(header(&requests[1], "x-api-key"), Some("key-1"));
}

#[tokio::test]
async fn a_redirect_without_a_location_is_the_answer() {
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(302).set_body_string("moved, somewhere"),
    )
    .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let error = client.token_info().await.expect_err("a 302 is no token");

    match &error {
        Error::UnexpectedStatus(raw) => {
            assert_eq!(raw.status(), 302);
            assert_eq!(raw.body(), b"moved, somewhere");
        }
        other => panic!("expected the 302 itself, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_credential_provider_is_asked_for_every_request() {
    let server = serve("DELETE", "/api/tokens", ResponseTemplate::new(204)).await;
    let calls = Arc::new(AtomicU32::new(0));
    let counter = calls.clone();
    let client = finbourne_identity::Client::builder()
        .base_url(server.uri())
        .bearer_token_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok(format!("token-{n}")) }
        })
        .build()
        .unwrap();

    client.invalidate_token().await.expect("first");
    client
        .invalidate_token()
        .await
        .expect("second, with a refreshed token");

    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(sent, ["Bearer token-1", "Bearer token-2"]);
}

#[tokio::test]
async fn a_failing_credential_provider_fails_the_call_before_sending() {
    let server = serve("DELETE", "/api/tokens", ResponseTemplate::new(204)).await;
    let client = finbourne_identity::Client::builder()
        .base_url(server.uri())
        .bearer_token_provider(|| async { Err("token endpoint unreachable".into()) })
        .build()
        .unwrap();

    let error = client.invalidate_token().await.expect_err("no token");

    assert!(
        matches!(
            &error,
            Error::Credentials {
                scheme: "oauth2",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("token endpoint unreachable"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_callers_reqwest_client_is_used() {
    let server = serve("GET", "/v1/oauth-token", ResponseTemplate::new(400)).await;
    let http = reqwest::Client::builder()
        .user_agent("my-app/1.0")
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url(server.uri())
        .http_client(http)
        .build()
        .unwrap();

    client.token_info().await.expect_err("400");

    assert_eq!(
        header(&only_request(&server).await, "user-agent"),
        Some("my-app/1.0")
    );
}

#[tokio::test]
async fn unknown_fields_from_a_newer_server_are_ignored() {
    let mut body = token_information();
    body["newField"] = json!({"nested": true});
    body["team"]["plan"] = json!("enterprise");
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;

    let info = client(&server)
        .token_info()
        .await
        .expect("unknown fields are ignored");

    assert_eq!(info.team.name, "Core");
}

#[tokio::test]
async fn the_user_agent_names_the_crate_unless_replaced() {
    let server = serve("GET", "/v1/oauth-token", ResponseTemplate::new(400)).await;
    client(&server).token_info().await.expect_err("400");
    let replaced = Client::builder()
        .base_url(server.uri())
        .user_agent("my-app/2.0")
        .build()
        .unwrap();
    replaced.token_info().await.expect_err("400");
    let by_header = Client::builder()
        .base_url(server.uri())
        .user_agent("ignored/1.0")
        .default_header("User-Agent", "from-header/3.0")
        .build()
        .unwrap();
    by_header.token_info().await.expect_err("400");

    let agents: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "user-agent").unwrap().to_owned())
        .collect();
    assert_eq!(
        agents,
        ["generated-client/0.3.0", "my-app/2.0", "from-header/3.0"]
    );
    assert_eq!(
        generated_client::miro::Client::USER_AGENT,
        "generated-client/0.3.0"
    );
}

#[tokio::test]
async fn gzip_responses_are_asked_for_and_decoded() {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(token_information().to_string().as_bytes())
        .unwrap();
    let compressed = encoder.finish().unwrap();
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(200)
            .insert_header("content-type", "application/json")
            .insert_header("content-encoding", "gzip")
            .set_body_bytes(compressed),
    )
    .await;

    let info = client(&server).token_info().await.expect("decoded");

    assert_eq!(info.team.name, "Core");
    let request = only_request(&server).await;
    assert!(
        header(&request, "accept-encoding").is_some_and(|v| v.contains("gzip")),
        "{:?}",
        request.headers
    );
}

/// Counts the tokens it hands out.
struct CountingTokens(AtomicU32);

impl generated_client::runtime::CredentialProvider for CountingTokens {
    fn credential<'a>(
        &'a self,
        _: &'a generated_client::runtime::SchemeUse,
    ) -> generated_client::runtime::BoxFuture<
        'a,
        Result<Option<generated_client::runtime::Credential>, generated_client::runtime::BoxError>,
    > {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move {
            Ok(Some(generated_client::runtime::Credential::Bearer(
                format!("shared-{n}").into(),
            )))
        })
    }
}

#[tokio::test]
async fn one_shared_provider_serves_clients_of_every_module() {
    let server = serve("DELETE", "/api/tokens", ResponseTemplate::new(204)).await;
    let provider = Arc::new(CountingTokens(AtomicU32::new(0)));
    let first = finbourne_identity::Client::builder()
        .base_url(server.uri())
        .credential_provider(provider.clone())
        .build()
        .unwrap();
    let as_trait_object: Arc<dyn generated_client::runtime::CredentialProvider> = provider.clone();
    let second = finbourne_identity::Client::builder()
        .base_url(server.uri())
        .credential_provider(as_trait_object)
        .build()
        .unwrap();

    first.invalidate_token().await.unwrap();
    second.invalidate_token().await.unwrap();

    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(sent, ["Bearer shared-1", "Bearer shared-2"]);
    assert_eq!(provider.0.load(Ordering::SeqCst), 2);
}

#[test]
fn the_runtime_re_exports_reqwest_and_bytes() {
    // A hook's author names these without depending on them.
    let _: generated_client::runtime::reqwest::StatusCode =
        generated_client::runtime::reqwest::StatusCode::OK;
    let bytes = generated_client::runtime::bytes::Bytes::from_static(b"x");
    assert_eq!(&bytes[..], b"x");
}
