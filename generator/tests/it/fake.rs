//! The runtime's in-process fake: expectations written as the client's own
//! calls, replies scripted as the runtime meets them (retries, timeouts,
//! broken connections, events, streamed bodies), call counts, and what a
//! request that matches nothing is told.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use bytes::Bytes;
use generated_client::miro::{
    Client, TeamInformation, TokenInfoError, TokenInformation, TokenInformationInit,
    UserInformation,
};
use generated_client::runtime::{Error, Expect, Fake, Reply, RetryPolicy, TransportErrorKind};
use serde_json::json;

fn client(fake: &Fake) -> Client {
    Client::builder()
        .base_url("https://api.miro.test")
        .bearer_token("t0ken")
        .retry(RetryPolicy {
            initial_backoff: Duration::ZERO,
            ..RetryPolicy::default()
        })
        .transport(fake.clone())
        .build()
        .unwrap()
}

fn token_info() -> serde_json::Value {
    json!({
        "type": "user",
        "team": {"type": "team", "name": "Core", "id": "t1"},
        "createdBy": {"type": "user", "name": "Ada", "id": "u1"},
        "user": {"type": "user", "name": "Ada", "id": "u1"}
    })
}

/// The panic message of `work`, which must panic.
fn panic_message(work: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(AssertUnwindSafe(work)).expect_err("it panics");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap()
}

#[tokio::test]
async fn a_call_is_expected_as_the_client_writes_it() {
    let fake = Fake::new();
    let client = client(&fake);
    let secret = "s3cr3t+token/with&odd=chars";
    let revoke = fake
        .on(client.revoke_token(secret))
        .reply(Reply::status(204))
        .times(1);
    let info = fake
        .on(client.token_info())
        .reply(Reply::json(200, &token_info()));

    client.revoke_token(secret).await.unwrap();
    let got = client.token_info().await.unwrap();
    client.token_info().await.unwrap();

    assert_eq!(got.team.name, "Core");
    assert_eq!((revoke.calls(), info.calls()), (1, 2));
    fake.verify();
}

#[tokio::test]
async fn a_request_that_matches_nothing_is_told_the_closest_expectation() {
    let fake = Fake::new();
    let client = client(&fake);
    let _revoke = fake
        .on(client.revoke_token("right"))
        .reply(Reply::status(204));
    let _other = fake
        .expect(Expect::new("GET", "/v1/oauth-token").header("x-team", "core"))
        .reply(Reply::json(200, &token_info()));

    let error = client.revoke_token("wrong").await.unwrap_err();

    let Error::Transport(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.kind(), TransportErrorKind::Other);
    let report = std::error::Error::source(failure).unwrap().to_string();
    // `access_token` carries a secret: never shown.
    assert_eq!(
        report,
        "no expectation matches POST /v1/oauth/revoke?access_token=<redacted>; \
         closest: POST /v1/oauth/revoke?access_token=<redacted>\n  \
         query parameter `access_token` differs"
    );
    let error = client.token_info().await.unwrap_err();
    let failure = std::error::Error::source(&error).unwrap();
    assert_eq!(failure.to_string(), "the HTTP exchange failed");
    assert_eq!(
        panic_message(|| fake.verify()),
        format!(
            "the fake API saw problems:\n{}\n{}",
            "no expectation matches POST /v1/oauth/revoke?access_token=<redacted>; \
             closest: POST /v1/oauth/revoke?access_token=<redacted>\n  \
             query parameter `access_token` differs",
            "no expectation matches GET /v1/oauth-token; closest: GET /v1/oauth-token\n  \
             no header `x-team`"
        )
    );
    fake.verify();
}

#[tokio::test]
async fn an_unmet_count_fails_when_the_fake_is_dropped() {
    let fake = Fake::new();
    let client = client(&fake);
    let info = fake
        .on(client.token_info())
        .reply(Reply::json(200, &token_info()))
        .times(2);
    client.token_info().await.unwrap();

    // The expectation, the client and the fake all hold it.
    let message = panic_message(move || drop((fake, client, info)));

    assert_eq!(
        message,
        "the fake API saw problems:\nexpected GET /v1/oauth-token 2 times, called 1 time"
    );
}

#[tokio::test]
async fn a_call_past_its_count_falls_to_the_next_expectation() {
    let fake = Fake::new();
    let client = client(&fake);
    let first = fake
        .on(client.token_info())
        .reply(Reply::json(200, &token_info()))
        .times(1);
    let _busy = fake.on(client.token_info()).reply(Reply::json(
        429,
        &json!({"status": 429, "message": "slow down"}),
    ));

    client.token_info().await.unwrap();
    let error = client
        .token_info()
        .retry(RetryPolicy::never())
        .await
        .unwrap_err();

    assert_eq!(first.calls(), 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
}

#[tokio::test]
async fn retry_after_then_success_is_retried() {
    let fake = Fake::new();
    let client = client(&fake);
    let info = fake
        .on(client.token_info())
        .reply(Reply::status(503).header("retry-after", "0"))
        .then(Reply::status(429).header("retry-after", "0"))
        .then(Reply::json(200, &token_info()));

    let got = client.token_info().await.unwrap();

    assert_eq!(got.user.name, "Ada");
    assert_eq!(info.calls(), 3);
}

#[tokio::test]
async fn a_slow_reply_times_out_and_a_dropped_connection_is_retried() {
    let fake = Fake::new();
    let client = client(&fake);
    let slow = Reply::json(200, &token_info()).delay(Duration::from_secs(5));
    let _info = fake.on(client.token_info()).reply(slow).times(1);

    let error = client
        .token_info()
        .timeout(Duration::from_millis(20))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");

    let dropped = fake
        .expect(Expect::new("GET", "/v1/oauth-token"))
        .reply(Reply::fail(TransportErrorKind::Request))
        .then(Reply::json(200, &token_info()));
    client.token_info().await.unwrap();
    assert_eq!(dropped.calls(), 2);
}

#[tokio::test]
async fn a_body_cut_short_is_a_transport_error() {
    let fake = Fake::new();
    let client = client(&fake);
    let half = &token_info().to_string()[..20];
    let _info = fake
        .on(client.token_info())
        .reply(Reply::status(200).body(half.to_owned()).then_break());

    let error = client
        .token_info()
        .retry(RetryPolicy::never())
        .await
        .unwrap_err();

    let Error::Transport(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.kind(), TransportErrorKind::Body);
}

#[tokio::test]
async fn events_and_a_streamed_body_arrive_chunk_by_chunk() {
    use fixture_client::events::Client as Events;

    let fake = Fake::new();
    let client = Events::builder()
        .base_url("https://chat.test")
        .transport(fake.clone())
        .build()
        .unwrap();
    let every = Duration::from_millis(5);
    let _logs = fake
        .on(client.tail_logs())
        .reply(Reply::events([json!("started"), json!("line 2")], every))
        .times(1);
    let _feed = fake
        .expect(Expect::new("GET", "/feed"))
        .reply(Reply::events(
            [json!({"seq": 1}), json!({"seq": 2, "title": "t"})],
            every,
        ));

    let mut logs = client.tail_logs().events().await.unwrap().into_inner();
    let mut lines = Vec::new();
    while let Some(event) = logs.next().await.unwrap() {
        lines.push(event.data);
    }
    let mut feed = client.watch_feed().events().await.unwrap().into_inner();
    let mut seqs = Vec::new();
    while let Some(event) = feed.next().await.unwrap() {
        seqs.push(event.data.seq);
    }

    assert_eq!(lines, ["started", "line 2"]);
    assert_eq!(seqs, [1, 2]);

    let chunks = vec![Bytes::from_static(b"abc"), Bytes::from_static(b"def")];
    let _download = fake
        .expect(Expect::new("GET", "/logs").header("accept", "application/octet-stream"))
        .reply(Reply::status(200).chunks(chunks, every));
    let body = client
        .tail_logs()
        .accept("application/octet-stream")
        .stream()
        .await
        .unwrap()
        .into_inner();
    let mut body = body;
    let mut received = Vec::new();
    while let Some(chunk) = body.chunk().await.unwrap() {
        received.push(chunk);
    }
    assert_eq!(received, [&b"abc"[..], &b"def"[..]]);
}

#[tokio::test]
async fn replies_are_written_in_the_clients_own_types() {
    let fake = Fake::new();
    let client = client(&fake);
    let ada = UserInformation::new("user", "Ada", "u1");
    let info = TokenInformation::new(TokenInformationInit {
        type_: "user".into(),
        team: TeamInformation::new("team", "Core", "t1"),
        created_by: ada.clone(),
        user: ada,
    })
    .scopes(["boards:read"]);
    let _ok = fake.on(client.token_info()).respond(info.clone()).times(1);
    let _bad = fake
        .on(client.token_info())
        .respond_error(TokenInfoError::BadRequest);
    let _revoked = fake.on(client.revoke_token("t")).respond(());

    let got = client.token_info().await.unwrap();
    let error = client.token_info().await.unwrap_err();
    let revoked = client.revoke_token("t").await.unwrap();

    // The value round-trips through its JSON, with the documented status.
    assert_eq!((got.status().as_u16(), got.into_inner()), (200, info));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.api(), Some(&TokenInfoError::BadRequest));
    assert_eq!(revoked.status(), 204);
}

/// A page of a fixture operation, from its JSON.
fn page<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn pages_are_served_in_each_operations_own_strategy() {
    use fixture_client::pagination::Client as Pages;

    let fake = Fake::new();
    let client = Pages::builder()
        .base_url("https://pages.test")
        .api_key("key", "s3cr3t")
        .transport(fake.clone())
        .build()
        .unwrap();

    // GitHub: a `Link` header to the next page.
    let issues = fake.on(client.list_issues("octo")).pages(vec![
        page(json!([{"id": 1, "title": "a"}, {"id": 2, "title": "b"}])),
        page(json!([{"id": 3, "title": "c"}])),
    ]);
    let got: Vec<i64> = client
        .list_issues("octo")
        .items()
        .all()
        .await
        .unwrap()
        .iter()
        .map(|issue| issue.id)
        .collect();
    assert_eq!((got, issues.calls()), (vec![1, 2, 3], 2));

    // Stripe: `starting_after` the last item while `has_more`.
    let customers = fake.on(client.list_customers()).pages(vec![
        page(json!({"object": "list", "data": [{"id": "cus_1"}, {"id": "cus_2"}], "has_more": false})),
        page(json!({"object": "list", "data": [{"id": "cus_3"}], "has_more": false})),
    ]);
    let got: Vec<String> = client
        .list_customers()
        .items()
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|customer| customer.id)
        .collect();
    assert_eq!(
        (got, customers.calls()),
        (vec!["cus_1".into(), "cus_2".into(), "cus_3".into()], 2)
    );

    // Slack: a cursor in the body.
    let _channels = fake.on(client.list_conversations()).pages(vec![
        page(json!({"ok": true, "channels": [{"id": "C1", "name": "general"}]})),
        page(json!({"ok": true, "channels": [{"id": "C2", "name": "random"}]})),
    ]);
    let got = client.list_conversations().items().all().await.unwrap();
    assert_eq!(got.len(), 2);

    // An offset: a short page ends it, or else an empty one.
    let records = fake.on(client.list_records()).pages(vec![
        page(json!({"records": ["a", "b"]})),
        page(json!({"records": ["c", "d"]})),
    ]);
    let got = client.list_records().items().all().await.unwrap();
    assert_eq!(got, ["a", "b", "c", "d"]);
    assert_eq!(records.calls(), 3, "the third page asked for is empty");

    // Azure: a next link in the body.
    let _vaults = fake.on(client.list_vaults()).pages(vec![
        page(json!({"value": ["v1"]})),
        page(json!({"value": ["v2"]})),
        page(json!({"value": ["v3"]})),
    ]);
    let got = client.list_vaults().items().all().await.unwrap();
    assert_eq!(got, ["v1", "v2", "v3"]);
    fake.verify();
}

#[tokio::test]
async fn the_fake_serves_a_real_socket_for_any_http_client() {
    let fake = Fake::new();
    let server = fake.serve().await.unwrap();
    let client = Client::builder()
        .base_url(server.url())
        .bearer_token("t0ken")
        .build()
        .unwrap();
    let info = fake
        .on(client.token_info())
        .reply(Reply::status(503).header("retry-after", "0"))
        .then(Reply::json(200, &token_info()));

    // The generated client over TCP: retried past the 503.
    let got = client.token_info().await.unwrap();
    assert_eq!(got.team.name, "Core");
    assert_eq!(info.calls(), 2);

    // Any other HTTP client: plain reqwest, as another program would,
    // sending what the call's expectation asks for.
    let url = format!("{}/v1/oauth-token", server.url());
    let response = reqwest::Client::new()
        .get(&url)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body, token_info());

    // A request that matches nothing gets a 500 saying why, and fails the
    // test when the fake is verified.
    let response = reqwest::get(format!("{}/nowhere?x=1", server.url()))
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.text().await.unwrap(),
        "no expectation matches GET /nowhere?x=1; closest: GET /v1/oauth-token\n  \
         path /nowhere, not /v1/oauth-token\n  \
         header `accept` is `*/*`, not `application/json`"
    );
    let message = panic_message(|| fake.verify());
    assert!(message.contains("GET /nowhere?x=1"), "{message}");

    // A reply that fails the connection closes it.
    let _broken = fake
        .expect(Expect::new("GET", "/broken"))
        .reply(Reply::fail(TransportErrorKind::Request));
    let error = reqwest::get(format!("{}/broken", server.url()))
        .await
        .unwrap_err();
    assert!(error.is_request(), "{error:?}");
    drop(server);
}

#[tokio::test]
async fn a_fake_of_the_spec_answers_from_it_and_checks_each_request() {
    use fixture_client::bodies::{self, Note};
    use generated_client::runtime::Transport;

    let fake = bodies::fake();
    let client = bodies::Client::builder()
        .transport(fake.clone())
        .build()
        .unwrap();

    // No expectation: the first documented success, a value the spec's
    // schema gives (generated: the spec has no example).
    let created = client.create_note(Note::new("hi")).await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.into_inner().text, "string");
    // An expectation still wins.
    let _mine = fake
        .on(client.create_note(Note::new("mine")))
        .respond(serde_json::from_value(json!({"id": 7, "text": "mine"})).unwrap());
    assert_eq!(
        client.create_note(Note::new("mine")).await.unwrap().id,
        Some(7)
    );

    // What the spec does not allow fails, naming where it says so.
    let send = |method: &str, path: &str, body: &'static str| {
        let url = format!("https://eu.example.com/v2{path}").parse().unwrap();
        let mut request = reqwest::Request::new(method.parse().unwrap(), url);
        request
            .headers_mut()
            .insert("content-type", "application/json".parse().unwrap());
        *request.body_mut() = Some(body.into());
        request
    };
    let report = |error: generated_client::runtime::TransportError| {
        std::error::Error::source(&error).unwrap().to_string()
    };
    let error = fake
        .send(send("POST", "/notes", r#"{"title": 1}"#))
        .await
        .unwrap_err();
    assert_eq!(
        report(error),
        "POST /v2/notes breaks the spec of `createNote` \
         (generator/tests/fixtures/bodies.yaml:12:5 (#/paths/~1notes/post)):\n  \
         the body does not match its schema: missing field `text` at line 1 column 12"
    );
    let error = fake.send(send("DELETE", "/notes", "")).await.unwrap_err();
    assert_eq!(
        report(error),
        "DELETE /v2/notes is no operation of the spec"
    );
    let message = panic_message(|| fake.verify());
    assert_eq!(message.matches("breaks the spec").count(), 1, "{message}");
    assert_eq!(message.matches("is no operation").count(), 1, "{message}");

    // Lenient, the same request is answered.
    let fake = bodies::fake().lenient(true);
    let answered = fake
        .send(send("POST", "/notes", r#"{"title": 1}"#))
        .await
        .unwrap();
    assert_eq!(answered.status(), 201);
}

#[tokio::test]
async fn a_fake_reads_an_upload_from_a_path_and_expects_a_form_as_written() {
    use fixture_client::bodies::{self, Recording};
    use generated_client::runtime::Upload;

    let path = std::env::temp_dir().join(format!("fake-upload-{}.wav", std::process::id()));
    std::fs::write(&path, b"RIFF").unwrap();
    let fake = bodies::fake();
    let client = bodies::Client::builder()
        .transport(fake.clone())
        .build()
        .unwrap();

    // Spec-backed: the body, read from the file, is present as required.
    let stored = client
        .upload_form(Recording::new(Upload::path(&path), "t"))
        .await
        .unwrap();
    assert_eq!(stored.status(), 204);
    // An expectation of a form: the boundary, new on every call, and the
    // parts, perhaps files, are not compared.
    // (Its reply, 201, is one the spec does not document, to tell it from
    // the spec's own answer.)
    let uploads = fake
        .on(client.upload_form(Recording::new(Upload::bytes("x"), "t")))
        .reply(Reply::status(201));
    let answered = client
        .upload_form(Recording::new(Upload::path(&path), "other"))
        .await
        .unwrap_err();
    assert_eq!(answered.status().map(|s| s.as_u16()), Some(201));
    assert_eq!(uploads.calls(), 1);
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn every_operation_of_both_tokens_apis_answers_from_the_spec() {
    use generated_client::{finbourne_identity, miro};

    let fake = miro::fake();
    let client = Client::builder().transport(fake.clone()).build().unwrap();
    let info = client.token_info().await.unwrap();
    assert_eq!(info.status(), 200);
    assert_eq!(client.revoke_token("t").await.unwrap().status(), 204);

    let fake = finbourne_identity::fake();
    let client = finbourne_identity::Client::builder()
        .bearer_token("t0ken")
        .transport(fake.clone())
        .build()
        .unwrap();
    assert_eq!(client.invalidate_token().await.unwrap().status(), 204);
    fake.verify();
}

#[tokio::test]
async fn replies_carry_the_response_headers_the_spec_declares_typed() {
    use fixture_client::formats::{self, GetEventHeaders, GetEventReplyHeaders};

    let fake = formats::fake();
    let client = formats::Client::builder()
        .transport(fake.clone())
        .build()
        .unwrap();
    let id = "6f1c2a56-3b4e-4a8f-9a3c-2f1d9e8b7c6a".parse().unwrap();
    let since = "2024-05-01T00:00:00Z".parse().unwrap();
    let request_id = "0c0ffee0-0000-4000-8000-000000000001".parse().unwrap();
    let event = serde_json::from_value(json!({
        "id": id, "starts": since, "day": "2024-05-01", "size": 3
    }))
    .unwrap();
    let _event = fake
        .on(client.get_event(id, since))
        .respond(event)
        .x_rate_limit_remaining(7)
        .x_request_id(request_id);

    let got = client.get_event(id, since).await.unwrap();

    let headers = GetEventHeaders::new(got.headers());
    assert_eq!(headers.x_rate_limit_remaining().unwrap(), Some(7));
    assert_eq!(headers.x_request_id().unwrap(), Some(request_id));
    assert_eq!(got.into_inner().size, 3);
}

#[tokio::test]
async fn parameter_values_the_spec_does_not_allow_fail_with_its_location() {
    use fixture_client::formats;
    use generated_client::runtime::Transport;

    let fake = formats::fake();
    let url = "https://events.example.com/events/not-a-uuid?since=2024-05-01T00:00:00Z&level=300";
    let request = reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());

    let error = fake.send(request).await.unwrap_err();

    let report = std::error::Error::source(&error).unwrap().to_string();
    assert!(
        report.starts_with(
            "GET /events/not-a-uuid?since=2024-05-01T00:00:00Z&level=300 breaks the spec of \
             `getEvent` (generator/tests/fixtures/formats.yaml:12:5 (#/paths/~1events~1{id}/get)):\n  \
             path parameter `id` is not what its schema allows: `not-a-uuid`: "
        ),
        "{report}"
    );
    assert!(
        report.contains("\n  query parameter `level` is not what its schema allows: `300`: "),
        "{report}"
    );
    assert_eq!(report.matches("\n  ").count(), 2, "{report}");
    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| fake.verify()));
}
