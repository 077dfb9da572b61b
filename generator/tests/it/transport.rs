//! The transport seam: a transport set with `ClientBuilder::transport`
//! gets every request exactly as it would go on the wire (credentials,
//! default and per-call headers, hooks applied), and every redirect and
//! retry goes through it; the client's timeout holds around it, and its
//! errors decide retries as `reqwest`'s do.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated_client::miro::Client;
use generated_client::runtime::{
    BoxFuture, Error, Hook, RequestContext, RetryPolicy, Transport, TransportError,
    TransportErrorKind,
};

/// A transport that records each request it is given (method, URL,
/// headers, body) and answers with the next scripted outcome.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<Sent>>,
    script: Mutex<VecDeque<Outcome>>,
}

#[derive(Debug)]
struct Sent {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

enum Outcome {
    /// A response: status, headers, body.
    Respond(u16, Vec<(&'static str, String)>, String),
    Fail(TransportErrorKind),
    Hang,
}

impl Recorder {
    fn answering(script: impl IntoIterator<Item = Outcome>) -> Arc<Self> {
        let recorder = Self::default();
        recorder.script.lock().unwrap().extend(script);
        Arc::new(recorder)
    }

    /// The values of header `name` on each request sent, in order.
    fn header_values(&self, name: &str) -> Vec<Vec<String>> {
        let sent = self.sent.lock().unwrap();
        sent.iter()
            .map(|request| {
                let values = request.headers.iter().filter(|(n, _)| n == name);
                values.map(|(_, v)| v.clone()).collect()
            })
            .collect()
    }

    fn sent(&self) -> Vec<(String, String)> {
        let sent = self.sent.lock().unwrap();
        sent.iter()
            .map(|s| (s.method.clone(), s.url.clone()))
            .collect()
    }
}

impl Transport for Recorder {
    fn send(
        &self,
        request: reqwest::Request,
    ) -> BoxFuture<'_, Result<reqwest::Response, TransportError>> {
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
            .collect();
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .unwrap_or_default()
            .to_vec();
        self.sent.lock().unwrap().push(Sent {
            method: request.method().to_string(),
            url: request.url().to_string(),
            headers,
            body,
        });
        let next = self.script.lock().unwrap().pop_front();
        Box::pin(async move {
            match next.expect("a scripted outcome for every request") {
                Outcome::Respond(status, headers, body) => {
                    let mut response = http::Response::builder().status(status);
                    for (name, value) in headers {
                        response = response.header(name, value);
                    }
                    Ok(reqwest::Response::from(response.body(body).unwrap()))
                }
                Outcome::Fail(kind) => Err(TransportError::new(kind, "scripted")),
                Outcome::Hang => {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    unreachable!("the client's timeout ends the wait")
                }
            }
        })
    }
}

fn json(status: u16, body: &str) -> Outcome {
    let headers = vec![("content-type", "application/json".to_owned())];
    Outcome::Respond(status, headers, body.to_owned())
}

fn status(status: u16, headers: Vec<(&'static str, String)>) -> Outcome {
    Outcome::Respond(status, headers, String::new())
}

/// A first call answered after a retry (503) and a redirect on the same
/// origin (307), then `more` calls answered at once.
fn retried_and_redirected_then(more: usize) -> Arc<Recorder> {
    let first = [
        status(503, vec![("retry-after", "0".to_owned())]),
        status(307, vec![("location", "/moved".to_owned())]),
    ];
    let answers = std::iter::repeat_with(|| json(200, TOKEN_INFO)).take(1 + more);
    Recorder::answering(first.into_iter().chain(answers))
}

const TOKEN_INFO: &str = r#"{"type": "user", "team": {"type": "team", "name": "Core", "id": "t1"},
    "createdBy": {"type": "user", "name": "Ada", "id": "u1"},
    "user": {"type": "user", "name": "Ada", "id": "u1"}}"#;

/// Adds a header to every attempt, as a signing hook would.
struct Sign;

impl Hook for Sign {
    fn before_request(&self, context: &RequestContext, request: &mut reqwest::Request) {
        let value = format!("attempt-{}", context.attempt);
        request
            .headers_mut()
            .insert("x-signature", value.parse().unwrap());
    }
}

#[tokio::test]
async fn the_transport_sees_the_request_as_it_goes_on_the_wire() {
    let recorder = Recorder::answering([json(200, TOKEN_INFO)]);
    let client = Client::builder()
        .base_url("https://api.example.com/base")
        .bearer_token("t0ken")
        .default_header("x-team", "core")
        .hook(Sign)
        .transport(recorder.clone())
        .build()
        .unwrap();

    let info = client
        .token_info()
        .header("x-request-id", "r1")
        .await
        .unwrap();

    assert_eq!(info.team.name, "Core");
    let sent = recorder.sent.lock().unwrap();
    let [request] = sent.as_slice() else {
        panic!("one request: {sent:?}")
    };
    assert_eq!(request.method, "GET");
    assert_eq!(request.url, "https://api.example.com/base/v1/oauth-token");
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(header("authorization"), Some("Bearer t0ken"));
    assert_eq!(header("x-team"), Some("core"));
    assert_eq!(header("x-request-id"), Some("r1"));
    assert_eq!(header("x-signature"), Some("attempt-1"));
    assert_eq!(header("accept"), Some("application/json"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn redirects_and_retries_go_through_the_transport() {
    let recorder = Recorder::answering([
        status(503, vec![("retry-after", "0".to_owned())]),
        status(
            307,
            vec![("location", "https://api.example.com/moved".to_owned())],
        ),
        json(200, TOKEN_INFO),
    ]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .hook(Sign)
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.unwrap();

    assert_eq!(
        recorder.sent(),
        [
            (
                "GET".into(),
                "https://api.example.com/v1/oauth-token".into()
            ),
            (
                "GET".into(),
                "https://api.example.com/v1/oauth-token".into()
            ),
            ("GET".into(), "https://api.example.com/moved".into()),
        ]
    );
    let sent = recorder.sent.lock().unwrap();
    let signature = |i: usize| {
        sent[i]
            .headers
            .iter()
            .find(|(n, _)| n == "x-signature")
            .map(|(_, v)| v.clone())
    };
    // Hooks run once per attempt; the redirect is part of the second.
    assert_eq!(signature(0).as_deref(), Some("attempt-1"));
    assert_eq!(signature(2).as_deref(), Some("attempt-2"));
}

#[tokio::test]
async fn accept_is_the_operations_on_every_request_unless_the_call_says_otherwise() {
    let recorder = retried_and_redirected_then(2);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .default_header("Accept", "text/plain")
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.unwrap();
    client
        .token_info()
        .header("Accept", "application/vnd.miro+json")
        .await
        .unwrap();
    client
        .token_info()
        .accept("application/problem+json")
        .await
        .unwrap();

    assert_eq!(
        recorder.header_values("accept"),
        [
            // The operation's over the default, on the retry and the
            // redirect's hop too.
            vec!["application/json"],
            vec!["application/json"],
            vec!["application/json"],
            // A per-call header over the operation's.
            vec!["application/vnd.miro+json"],
            // The per-call media type over the operation's and the default.
            vec!["application/problem+json"],
        ]
    );
}

#[tokio::test]
async fn authorization_is_the_credentials_on_every_request_unless_the_call_says_otherwise() {
    let recorder = retried_and_redirected_then(1);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .default_header("Authorization", "Bearer default")
        .bearer_token("t0ken")
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.unwrap();
    client
        .token_info()
        .header("Authorization", "Bearer for-this-call")
        .await
        .unwrap();

    assert_eq!(
        recorder.header_values("authorization"),
        [
            // The credentials over the default header, on the retry and
            // the redirect's hop (same origin) too.
            vec!["Bearer t0ken"],
            vec!["Bearer t0ken"],
            vec!["Bearer t0ken"],
            // A per-call header over the credentials.
            vec!["Bearer for-this-call"],
        ]
    );
}

#[tokio::test]
async fn default_headers_go_on_every_request_under_the_calls_own() {
    let recorder = retried_and_redirected_then(1);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .default_header("x-team", "core")
        .default_header("x-trace", "on")
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.unwrap();
    client.token_info().header("X-Team", "ops").await.unwrap();

    // On the first request, the retry and the redirect's hop; a per-call
    // header of the same name instead of the default.
    let team = recorder.header_values("x-team");
    assert_eq!(team, [["core"], ["core"], ["core"], ["ops"]]);
    let trace = recorder.header_values("x-trace");
    assert_eq!(trace, [["on"], ["on"], ["on"], ["on"]]);
}

#[tokio::test]
async fn a_303_after_a_post_is_followed_with_a_get_that_says_no_length() {
    let recorder = Recorder::answering([
        status(303, vec![("location", "/revoked".to_owned())]),
        status(204, vec![]),
    ]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.revoke_token("tok").await.unwrap();

    assert_eq!(
        recorder.sent(),
        [
            (
                "POST".into(),
                "https://api.example.com/v1/oauth/revoke?access_token=tok".into()
            ),
            ("GET".into(), "https://api.example.com/revoked".into()),
        ]
    );
    let sent = recorder.sent.lock().unwrap();
    let length = |i: usize| {
        sent[i]
            .headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        length(0).as_deref(),
        Some("0"),
        "a POST says it has no body"
    );
    assert_eq!(length(1), None, "the GET has no body to speak of");
}

#[tokio::test]
async fn a_redirect_chain_ends_at_the_tenth_hop_with_its_3xx() {
    let again = || status(307, vec![("location", "/again".to_owned())]);
    let recorder = Recorder::answering(std::iter::repeat_with(again).take(11));
    let client = Client::builder()
        .base_url("https://api.example.com")
        .transport(recorder.clone())
        .build()
        .unwrap();

    let error = client.token_info().await.unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert_eq!(recorder.sent().len(), 11, "the request and ten hops");
}

#[tokio::test]
async fn a_redirect_to_another_origin_carries_no_credentials_through_the_transport() {
    let recorder = Recorder::answering([
        status(
            307,
            vec![(
                "location",
                "https://elsewhere.example/v1/oauth-token".to_owned(),
            )],
        ),
        json(200, TOKEN_INFO),
    ]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .transport(recorder.clone())
        .build()
        .unwrap();

    client.token_info().await.unwrap();

    let sent = recorder.sent.lock().unwrap();
    assert_eq!(sent[1].url, "https://elsewhere.example/v1/oauth-token");
    assert!(sent[1].headers.iter().all(|(n, _)| n != "authorization"));
}

#[tokio::test]
async fn the_client_timeout_holds_around_a_transport() {
    let recorder = Recorder::answering([Outcome::Hang]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .timeout(Duration::from_millis(50))
        .transport(recorder.clone())
        .build()
        .unwrap();

    let error = client.token_info().await.unwrap_err();

    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.to_string(), "the request failed: timed out");
    assert_eq!(recorder.sent().len(), 1, "a timeout is not retried");
}

#[tokio::test]
async fn transport_errors_are_retried_as_broken_connections_are() {
    let recorder = Recorder::answering([
        Outcome::Fail(TransportErrorKind::Connect),
        Outcome::Fail(TransportErrorKind::Request),
        json(200, TOKEN_INFO),
    ]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .retry(RetryPolicy {
            initial_backoff: Duration::ZERO,
            ..RetryPolicy::default()
        })
        .transport(recorder.clone())
        .build()
        .unwrap();
    client.token_info().await.unwrap();
    assert_eq!(recorder.sent().len(), 3);

    let recorder = Recorder::answering([Outcome::Fail(TransportErrorKind::Other)]);
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .transport(recorder.clone())
        .build()
        .unwrap();
    let error = client.token_info().await.unwrap_err();
    let Error::Transport(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.kind(), TransportErrorKind::Other);
    assert_eq!(
        std::error::Error::source(failure).unwrap().to_string(),
        "scripted"
    );
    assert_eq!(recorder.sent().len(), 1, "other failures are not retried");
}

#[tokio::test]
async fn a_body_the_transport_breaks_is_a_transport_error_of_kind_body() {
    struct Broken;
    impl Transport for Broken {
        fn send(
            &self,
            _: reqwest::Request,
        ) -> BoxFuture<'_, Result<reqwest::Response, TransportError>> {
            Box::pin(async {
                let chunks: Vec<Result<&'static str, std::io::Error>> =
                    vec![Ok(r#"{"type": "us"#), Err(std::io::Error::other("reset"))];
                let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
                let response = http::Response::builder()
                    .header("content-type", "application/json")
                    .body(body)
                    .unwrap();
                Ok(reqwest::Response::from(response))
            })
        }
    }
    let client = Client::builder()
        .base_url("https://api.example.com")
        .bearer_token("t0ken")
        .retry(RetryPolicy::never())
        .transport(Broken)
        .build()
        .unwrap();

    let error = client.token_info().await.unwrap_err();

    let Error::Transport(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.kind(), TransportErrorKind::Body);
    assert_eq!(
        error.to_string(),
        "the request failed: the connection broke while the response body was read"
    );
}
