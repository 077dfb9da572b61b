//! The generated FINBOURNE Identity client against a real HTTP server on
//! loopback: bearer auth, the 204 success and the `default` error.

use crate::common::{as_json, assert_request, header, only_request, serve};
use generated_client::finbourne_identity::{Client, InvalidateTokenError};
use generated_client::runtime::Error;
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const TOKEN: &str = "eyJhbGciOi.secret-jwt";

async fn server_answering(response: ResponseTemplate) -> MockServer {
    serve("DELETE", "/api/tokens", response).await
}

fn client_with_token(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .build()
        .unwrap()
}

#[tokio::test]
async fn invalidate_token_sends_the_bearer_token_and_accepts_json() {
    let server = server_answering(ResponseTemplate::new(204)).await;

    let response = client_with_token(&server)
        .invalidate_token()
        .await
        .expect("204 is success");

    assert_eq!(response.status(), 204);
    assert_eq!(response.into_inner(), ());
    let request = only_request(&server).await;
    assert_request(&request, "DELETE", "/api/tokens", None);
    assert_eq!(
        header(&request, "authorization"),
        Some(&*format!("Bearer {TOKEN}"))
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
}

#[tokio::test]
async fn invalidate_token_without_a_token_fails_before_sending() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();

    let error = client
        .invalidate_token()
        .await
        .expect_err("oauth2 is required");

    assert!(
        matches!(&error, Error::MissingCredentials { schemes } if schemes == "oauth2"),
        "{error:?}"
    );
    assert!(error.to_string().contains("oauth2"), "{error}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}

#[tokio::test]
async fn the_default_response_decodes_problem_details_and_keeps_the_status() {
    let body = json!({
        "name": "InvalidToken",
        "errorDetails": [{"reason": "expired"}],
        "code": 401,
        "type": "https://docs.lusid.com/errors",
        "title": "Unauthorised",
        "status": 401,
        "detail": "The token has expired",
        "instance": "req-9",
        "extensions": {"trace": {"id": "abc"}}
    });
    let response = ResponseTemplate::new(401)
        .set_body_json(&body)
        .insert_header("x-lusid-request", "9");
    let server = server_answering(response).await;

    let error = client_with_token(&server)
        .invalidate_token()
        .await
        .expect_err("401 is an error");

    let Error::Api(value) = error else {
        panic!("expected a documented error, got {error:?}")
    };
    assert_eq!(value.status(), 401, "the actual status, not a placeholder");
    assert_eq!(value.headers()["x-lusid-request"], "9");
    let InvalidateTokenError::Default(details) = value.into_inner() else {
        panic!("another variant");
    };
    assert_eq!(details.name, "InvalidToken");
    assert_eq!(details.code, 401);
    assert_eq!(as_json(&details), body, "nothing lost");
}

#[tokio::test]
async fn the_default_response_accepts_nulls_and_missing_optional_fields() {
    let body = json!({"name": "Boom", "code": 500, "type": null, "errorDetails": null, "extensions": null});
    let server = server_answering(ResponseTemplate::new(500).set_body_json(body)).await;

    let error = client_with_token(&server)
        .invalidate_token()
        .await
        .expect_err("500 is an error");

    // By reference, without `**`, then by value.
    let Some(InvalidateTokenError::Default(details)) = error.api() else {
        panic!("expected a documented error, got {error:?}")
    };
    assert_eq!((details.name.as_str(), details.code), ("Boom", 500));
    let value = error.into_api().expect("a documented error");
    assert_eq!(value.status(), 500);
    let InvalidateTokenError::Default(details) = value.into_inner() else {
        panic!("another variant");
    };
    assert_eq!(
        (details.type_, details.error_details, details.extensions),
        (None, None, None)
    );
}

#[tokio::test]
async fn a_default_response_that_is_not_problem_details_is_a_decode_error() {
    let response = ResponseTemplate::new(502).set_body_string("<html>Bad gateway</html>");
    let server = server_answering(response).await;

    let error = client_with_token(&server)
        .invalidate_token()
        .await
        .expect_err("502 is an error");

    let Error::Decode { response, .. } = &error else {
        panic!("expected Decode, got {error:?}")
    };
    assert_eq!(response.status(), 502);
    assert_eq!(response.body(), b"<html>Bad gateway</html>");
}

#[tokio::test]
async fn a_problem_details_without_required_fields_names_the_missing_field() {
    let server =
        server_answering(ResponseTemplate::new(400).set_body_json(json!({"name": "x"}))).await;

    let error = client_with_token(&server)
        .invalidate_token()
        .await
        .expect_err("400 is an error");

    let Error::Decode { path, detail, .. } = &error else {
        panic!("expected Decode, got {error:?}")
    };
    assert_eq!(path, ".");
    assert!(
        detail.to_string().contains("missing field `code`"),
        "{detail}"
    );
    assert_eq!(
        error.to_string(),
        "the 400 Bad Request response body does not match the spec at `.`"
    );
}

#[test]
fn debug_never_shows_the_token() {
    let client = Client::builder().bearer_token(TOKEN).build().unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains("secret-jwt"), "token leaked: {debug}");
    assert!(
        debug.contains("redacted"),
        "Debug should say a token is set: {debug}"
    );
    assert_eq!(
        client.base_url().as_str(),
        "https://fbn-ci.lusid.com/identity"
    );
}
