//! Formats of the client generated from `fixtures/formats.yaml`, over real
//! HTTP on loopback: RFC 3339 date-times, dates and times, UUIDs, base64
//! and integer widths, in the path, the query, headers and bodies; and what
//! a value in the wrong format does to a response.

use fixture_client::chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use fixture_client::formats::{
    Client, Event, EventInit, GetEventError, GetEventHeaders, GetEventParams,
};
use fixture_client::runtime::{Base64, Error, ResponseValue, RetryPolicy};
use fixture_client::uuid::Uuid;
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::common::{header, only_request, serve};

const ID: &str = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

fn event_json() -> serde_json::Value {
    json!({
        "id": ID,
        "starts": "2024-05-01T10:00:00+02:00",
        "ends": "2024-05-01T12:30:00.250Z",
        "day": "2024-05-01",
        "at": "10:30:00",
        "payload": "aGk=",
        "size": 4_000_000_000_u32,
        "delta": -300,
        "small": -8,
        "tiny": 255,
        "count": 18_000_000_000_000_000_000_u64,
        "seconds": 1_714_557_600,
        "link": "https://example.com",
        "contact": "ada@example.com",
        "history": ["2024-04-30T00:00:00Z"]
    })
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

type EventResult = Result<ResponseValue<Event>, Error<GetEventError>>;

/// Serves `response` for `GET /events/{ID}` and calls `get_event` (without
/// retries) with `since` and `params`.
async fn get_event(
    response: ResponseTemplate,
    since: DateTime<Utc>,
    params: GetEventParams,
) -> (MockServer, EventResult) {
    let server = serve("GET", &format!("/events/{ID}"), response).await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::never())
        .build()
        .unwrap();
    let result = client
        .get_event(Uuid::parse_str(ID).unwrap(), since)
        .params(params)
        .await;
    (server, result)
}

fn ok_event() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(event_json())
}

#[tokio::test]
async fn formatted_parameters_are_written_as_rfc_3339_and_hyphenated_uuids() {
    let mut params = GetEventParams::default();
    params.days = Some(vec![
        NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
    ]);
    params.at = Some(vec![
        utc("2024-05-01T08:00:00Z"),
        utc("2024-05-01T09:00:00.5Z"),
    ]);
    params.x_trace = Some(Uuid::parse_str(ID).unwrap());
    params.level = Some(200);

    let (server, result) = get_event(ok_event(), utc("2024-05-01T10:00:00+02:00"), params).await;

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "since=2024-05-01T08%3A00%3A00Z&days=2024-05-01,2024-05-02\
             &at=2024-05-01T08%3A00%3A00Z&at=2024-05-01T09%3A00%3A00.500Z&level=200"
        )
    );
    assert_eq!(header(&request, "x-trace"), Some(ID));
    let starts = result.unwrap().starts;
    assert_eq!(starts, utc("2024-05-01T08:00:00Z"), "the offset is applied");
}

#[tokio::test]
async fn every_format_decodes_into_its_type() {
    let (_server, result) = get_event(ok_event(), Utc::now(), GetEventParams::default()).await;
    let event = result.unwrap().into_inner();

    assert_eq!(event.id, Uuid::parse_str(ID).unwrap());
    assert_eq!(event.ends, Some(utc("2024-05-01T12:30:00.250Z")));
    assert_eq!(event.day, NaiveDate::from_ymd_opt(2024, 5, 1).unwrap());
    assert_eq!(event.at, NaiveTime::from_hms_opt(10, 30, 0));
    assert_eq!(event.payload.as_deref(), Some(&b"hi"[..]));
    assert_eq!(event.size, 4_000_000_000_u32);
    assert_eq!(
        (event.delta, event.small, event.tiny),
        (Some(-300_i16), Some(-8_i8), Some(255_u8))
    );
    assert_eq!(event.count, Some(18_000_000_000_000_000_000_u64));
    assert_eq!(event.seconds, Some(1_714_557_600_i64));
    assert_eq!(event.contact.as_deref(), Some("ada@example.com"));
    assert_eq!(event.history, Some(vec![utc("2024-04-30T00:00:00Z")]));
}

#[tokio::test]
async fn a_value_in_the_wrong_format_fails_the_response_with_its_path() {
    for (field, bad) in [
        ("starts", json!("yesterday")),
        ("ends", json!("2024-13-01T00:00:00Z")),
        ("id", json!("not-a-uuid")),
        ("payload", json!("***")),
        ("tiny", json!(256)),
    ] {
        let mut body = event_json();
        body[field] = bad;
        let response = ResponseTemplate::new(200).set_body_json(body);

        let (_server, result) = get_event(response, Utc::now(), GetEventParams::default()).await;

        let error = result.expect_err("a decode error");
        let Error::Decode { path, .. } = &error else {
            panic!("{field}: {error:?}")
        };
        assert_eq!(path, field, "optional fields too");
        assert!(error.raw_body().is_some_and(|b| !b.is_empty()));
    }
}

#[tokio::test]
async fn a_body_is_sent_in_the_formats_of_the_spec() {
    let server = serve("POST", "/events", ResponseTemplate::new(201)).await;
    let client = Client::new(&server.uri()).unwrap();
    // Four required fields: an `Init` struct, so two of one type cannot
    // be swapped unseen.
    let event = Event::new(EventInit {
        id: Uuid::parse_str(ID).unwrap(),
        starts: utc("2024-05-01T08:00:00Z"),
        day: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
        size: 7,
    })
    .at(NaiveTime::from_hms_milli_opt(10, 30, 0, 250).unwrap())
    .payload(Base64(b"hi".to_vec()))
    .count(u64::MAX)
    .history([utc("2024-04-30T00:00:00Z")]);

    client.create_event(event.clone()).await.unwrap();

    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(
        sent,
        json!({
            "id": ID,
            "starts": "2024-05-01T08:00:00Z",
            "day": "2024-05-01",
            "at": "10:30:00.250",
            "payload": "aGk=",
            "size": 7,
            "count": u64::MAX,
            "history": ["2024-04-30T00:00:00Z"]
        })
    );
}

#[tokio::test]
async fn declared_response_headers_are_typed_on_success_and_error() {
    let ok = ok_event()
        .insert_header("x-rate-limit-remaining", "41")
        .insert_header("X-Request-Id", ID)
        .insert_header("Last-Modified", "Wed, 01 May 2024 08:00:00 GMT");
    let (_server, result) = get_event(ok, Utc::now(), GetEventParams::default()).await;
    let value = result.unwrap();

    let headers = GetEventHeaders::new(value.headers());
    assert_eq!(headers.x_rate_limit_remaining(), Ok(Some(41_u32)));
    assert_eq!(
        headers.x_request_id(),
        Ok(Some(Uuid::parse_str(ID).unwrap()))
    );
    assert_eq!(
        headers.last_modified().unwrap().as_deref(),
        Some("Wed, 01 May 2024 08:00:00 GMT"),
        "HTTP dates stay text"
    );
    assert_eq!(headers.retry_after(), Ok(None), "absent");
    assert_eq!(format!("{headers:?}"), "GetEventHeaders { .. }");

    let limited = ResponseTemplate::new(429)
        .insert_header("x-rate-limit-remaining", "0")
        .insert_header("retry-after", "30");
    let (_server, result) = get_event(limited, Utc::now(), GetEventParams::default()).await;
    let error = result.expect_err("429");

    assert!(
        matches!(error.api(), Some(GetEventError::TooManyRequests)),
        "{error:?}"
    );
    let headers = GetEventHeaders::new(error.headers().unwrap());
    assert_eq!(headers.retry_after(), Ok(Some(30)));
    assert_eq!(headers.x_rate_limit_remaining(), Ok(Some(0)));
}

#[tokio::test]
async fn a_malformed_header_is_an_error_that_does_not_quote_it() {
    let response = ok_event()
        .insert_header("x-rate-limit-remaining", "secret-ish")
        .insert_header("X-Request-Id", "-1");
    let (_server, result) = get_event(response, Utc::now(), GetEventParams::default()).await;
    let value = result.expect("the body decodes; headers are read only when asked for");

    let headers = GetEventHeaders::new(value.headers());
    let error = headers.x_rate_limit_remaining().unwrap_err();
    assert_eq!(
        error.to_string(),
        "response header `X-Rate-Limit-Remaining` is not a valid `u32`"
    );
    assert_eq!(error.name, "X-Rate-Limit-Remaining");
    assert!(headers.x_request_id().is_err());
}
