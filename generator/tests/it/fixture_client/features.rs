//! Behaviour of the client generated from `fixtures/features.yaml`, over real
//! HTTP on loopback.

use fixture_client::features::{
    CancelPhotoError, CancelPhotoParams, CancelPhotoResponse, Client, GetPhotosParams, Order,
    PhotoStatus,
};
use fixture_client::runtime::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::serve;

fn photo(status: &str) -> serde_json::Value {
    json!({"id": "3f1c6a8e-2b4d-4e7a-9c1f-0a2b3c4d5e6f", "self": "/photos/p1", "status": status, "이름": "사진", "2x": true})
}

#[tokio::test]
async fn an_unknown_enum_value_from_a_newer_server_decodes() {
    let body = json!([photo("sold"), photo("reserved-for-auction")]);
    let server = serve(
        "GET",
        "/photos",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let photos = client
        .get_photos()
        .await
        .expect("unknown values do not fail decoding");

    assert_eq!(photos[0].status, Some(PhotoStatus::Sold));
    assert_eq!(
        photos[1].status,
        Some(PhotoStatus::Unknown("reserved-for-auction".into()))
    );
    assert_eq!(
        photos[1].status.as_ref().unwrap().to_string(),
        "reserved-for-auction"
    );
    assert_eq!(photos[0].uc774_ub984.as_deref(), Some("사진"));
    assert_eq!(photos[0].n_2x, Some(true));
    let round_trip = serde_json::to_value(&photos[1]).unwrap();
    assert_eq!(round_trip["status"], "reserved-for-auction");
}

#[tokio::test]
async fn optional_enum_and_integer_query_parameters_are_sent_only_when_given() {
    let server = serve(
        "GET",
        "/photos",
        ResponseTemplate::new(200).set_body_json(json!([])),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let mut params = GetPhotosParams::default();
    params.order = Some(Order::Desc);
    params.limit = Some(5);
    client.get_photos().params(params).await.unwrap();
    client.get_photos().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("order=desc&limit=5"));
    assert_eq!(requests[1].url.query(), None);
    assert!(
        requests
            .iter()
            .all(|r| !r.headers.contains_key("authorization")),
        "optional security, none set"
    );
}

#[tokio::test]
async fn optional_security_sends_a_configured_bearer_token() {
    let server = serve(
        "GET",
        "/photos",
        ResponseTemplate::new(200).set_body_json(json!([])),
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("b1")
        .build()
        .unwrap();

    client.get_photos().await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["authorization"], "Bearer b1");
}

#[tokio::test]
async fn path_segments_and_headers_are_placed_and_encoded() {
    let route = "/pets/42/photos/a%20b%2Fc:cancel";
    let server = serve("POST", route, ResponseTemplate::new(204)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("apiKey", "k1")
        .build()
        .unwrap();

    let mut params = CancelPhotoParams::default();
    params.x_request_id = Some("req-1".into());
    params.request2 = Some(true);
    let response = client
        .cancel_photo(42, "a b/c")
        .params(params)
        .await
        .expect("204");

    assert_eq!(response.into_inner(), CancelPhotoResponse::NoContent);
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), route);
    assert_eq!(request.url.query(), Some("request=true"));
    assert_eq!(request.headers["x-request-id"], "req-1");
    assert_eq!(request.headers["x-api-key"], "k1");
}

#[tokio::test]
async fn each_documented_status_has_its_own_variant() {
    let route = "/pets/1/photos/n:cancel";
    let cases = [
        (200, Some(photo("available"))),
        (202, Some(json!({"queue position": 3}))),
        (404, Some(json!({"message": "no pet", "extra": 1}))),
        (409, None),
    ];
    for (status, body) in cases {
        let mut response = ResponseTemplate::new(status);
        if let Some(body) = body {
            response = response.set_body_json(body);
        }
        let server = serve("POST", route, response).await;
        let client = Client::builder()
            .base_url(server.uri())
            .basic_auth("ada", "pw")
            .build()
            .unwrap();

        let result = client.cancel_photo(1, "n").await;

        let request = &server.received_requests().await.unwrap()[0];
        assert_eq!(
            request.headers["authorization"], "Basic YWRhOnB3",
            "the second alternative"
        );
        match (status, result) {
            (200, Ok(value)) => {
                assert!(
                    matches!(&*value, CancelPhotoResponse::Ok(p) if p.id.to_string() == "3f1c6a8e-2b4d-4e7a-9c1f-0a2b3c4d5e6f")
                )
            }
            (202, Ok(value)) => {
                assert!(
                    matches!(&*value, CancelPhotoResponse::Accepted(b) if b.queue_position == Some(3))
                )
            }
            (404, Err(Error::Api(value))) => {
                assert!(
                    matches!(&**value, CancelPhotoError::NotFound(p) if p.message.as_deref() == Some("no pet"))
                )
            }
            (409, Err(Error::Api(value))) => assert_eq!(**value, CancelPhotoError::Conflict),
            (status, other) => panic!("status {status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_duplicate_operation_id_gets_its_own_method_and_oidc_sends_a_bearer_token() {
    let server = serve("GET", "/again", ResponseTemplate::new(204)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("id-token")
        .build()
        .unwrap();

    client.cancel_photo2().await.expect("204");

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["authorization"], "Bearer id-token");
}

#[tokio::test]
async fn a_call_without_either_credential_fails_before_sending() {
    let server = serve(
        "POST",
        "/pets/1/photos/n:cancel",
        ResponseTemplate::new(204),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let error = client
        .cancel_photo(1, "n")
        .await
        .expect_err("apiKey or basic required");

    assert!(
        matches!(&error, Error::MissingCredentials { schemes } if schemes == "apiKey, basic"),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
