//! The generated Miro client against a real HTTP server on loopback: the
//! exact request of each operation and every documented response.

use crate::common::{as_json, assert_request, header, only_request, serve};
use generated_client::miro::{Client, RevokeTokenError, TokenInfoError};
use generated_client::runtime::Error;
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const SECRET: &str = "s3cr3t+token/with&odd=chars";

fn client(server: &MockServer) -> Client {
    Client::new(&server.uri()).expect("valid base URL")
}

fn token_information_json() -> serde_json::Value {
    json!({
        "type": "user",
        "organization": {"type": "organization", "name": "Acme", "id": "o1"},
        "team": {"type": "team", "name": "Core", "id": "t1"},
        "createdBy": {"type": "user", "name": "Ada", "id": "u1"},
        "user": {"type": "user", "name": "Bob", "id": "u2"},
        "scopes": ["boards:read", "boards:write"]
    })
}

#[tokio::test]
async fn revoke_token_posts_the_token_percent_encoded_in_the_query() {
    let server = serve("POST", "/v1/oauth/revoke", ResponseTemplate::new(204)).await;

    let response = client(&server)
        .revoke_token(SECRET)
        .await
        .expect("204 is success");

    assert_eq!(response.status(), 204);
    assert_eq!(response.into_inner(), ());
    let request = only_request(&server).await;
    assert_request(
        &request,
        "POST",
        "/v1/oauth/revoke",
        Some("access_token=s3cr3t%2Btoken%2Fwith%26odd%3Dchars"),
    );
    let sent: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(sent, vec![("access_token".to_owned(), SECRET.to_owned())]);
    assert_eq!(
        header(&request, "authorization"),
        None,
        "the spec declares no security"
    );
    // No response has a body, so nothing more specific than reqwest's default.
    assert_eq!(header(&request, "accept"), Some("*/*"));
    assert_eq!(
        header(&request, "content-length"),
        Some("0"),
        "a POST says it has no body"
    );
}

#[tokio::test]
async fn revoke_token_400_is_its_own_error_variant_and_never_shows_the_token() {
    let response = ResponseTemplate::new(400).insert_header("x-request-id", "r-1");
    let server = serve("POST", "/v1/oauth/revoke", response).await;

    let error = client(&server)
        .revoke_token(SECRET)
        .await
        .expect_err("400 is an error");

    let Error::Api(value) = &error else {
        panic!("expected a documented error, got {error:?}")
    };
    assert_eq!(value.status(), 400);
    assert_eq!(value.headers()["x-request-id"], "r-1");
    assert_eq!(***value, RevokeTokenError::BadRequest);
    for shown in [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ] {
        assert!(!shown.contains("s3cr3t"), "token leaked: {shown}");
    }
}

#[tokio::test]
async fn a_failed_connection_does_not_show_the_url_or_token() {
    // Bind and drop a listener so the port is closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(&format!("http://127.0.0.1:{port}")).unwrap();

    let error = client
        .revoke_token(SECRET)
        .await
        .expect_err("nothing listens");

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("access_token"),
            "leaked: {shown}"
        );
    }
}

#[tokio::test]
async fn token_info_decodes_token_information() {
    let response = ResponseTemplate::new(200).set_body_json(token_information_json());
    let server = serve("GET", "/v1/oauth-token", response).await;

    let info = client(&server).token_info().await.expect("200 is success");

    assert_eq!(info.status(), 200);
    assert_eq!(info.user.name, "Bob");
    assert_eq!(
        info.organization.as_ref().map(|o| o.id.as_str()),
        Some("o1")
    );
    assert_eq!(as_json(&*info), token_information_json(), "nothing lost");
    let request = only_request(&server).await;
    assert_request(&request, "GET", "/v1/oauth-token", None);
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(
        header(&request, "authorization"),
        None,
        "no security declared, none configured"
    );
}

#[tokio::test]
async fn token_info_accepts_the_optional_fields_missing() {
    let mut body = token_information_json();
    body.as_object_mut().unwrap().remove("organization");
    body.as_object_mut().unwrap().remove("scopes");
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;

    let info = client(&server)
        .token_info()
        .await
        .expect("organization and scopes are optional");

    assert_eq!(info.organization, None);
    assert_eq!(info.scopes, None);
}

#[tokio::test]
async fn token_info_sends_a_caller_supplied_bearer_header() {
    let response = ResponseTemplate::new(200).set_body_json(token_information_json());
    let server = serve("GET", "/v1/oauth-token", response).await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("Authorization", format!("Bearer {SECRET}"))
        .build()
        .unwrap();

    client.token_info().await.expect("200 is success");

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some(&*format!("Bearer {SECRET}"))
    );
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cr3t"), "token leaked in Debug: {debug}");
    assert!(
        debug.contains("authorization"),
        "Debug should name the header: {debug}"
    );
}

#[tokio::test]
async fn token_info_400_is_its_own_error_variant() {
    let server = serve("GET", "/v1/oauth-token", ResponseTemplate::new(400)).await;

    let error = client(&server)
        .token_info()
        .await
        .expect_err("400 is an error");

    let Error::Api(value) = error else {
        panic!("expected a documented error, got {error:?}")
    };
    assert_eq!(value.status(), 400);
    assert_eq!(value.into_inner(), TokenInfoError::BadRequest);
}

#[tokio::test]
async fn an_undocumented_status_keeps_status_headers_and_body() {
    let response = ResponseTemplate::new(500)
        .insert_header("x-request-id", "r-7")
        .set_body_string("internal error");
    let server = serve("GET", "/v1/oauth-token", response).await;

    let error = client(&server)
        .token_info()
        .await
        .expect_err("500 is not documented");

    let Error::UnexpectedStatus(raw) = &error else {
        panic!("expected UnexpectedStatus, got {error:?}")
    };
    assert_eq!(raw.status(), 500);
    assert_eq!(raw.headers()["x-request-id"], "r-7");
    assert_eq!(raw.body(), b"internal error");
    assert_eq!(
        error.status(),
        Some(reqwest::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(
        error.to_string(),
        "the server answered with undocumented status 500 Internal Server Error"
    );
}

#[tokio::test]
async fn a_body_that_does_not_match_the_schema_gives_the_raw_body_and_the_path() {
    let mut body = token_information_json();
    body["team"]["id"] = json!(42);
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;

    let error = client(&server)
        .token_info()
        .await
        .expect_err("team.id must be a string");

    let Error::Decode {
        response,
        path,
        detail,
    } = &error
    else {
        panic!("expected Decode, got {error:?}")
    };
    assert_eq!(path, "team.id");
    assert!(detail.to_string().contains("invalid type"), "{detail}");
    assert_eq!(response.status(), 200);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(response.body()).unwrap(),
        body
    );
    assert!(error.to_string().contains("at `team.id`"), "{error}");
}

#[tokio::test]
async fn a_decode_error_never_shows_body_content() {
    let mut body = token_information_json();
    body["team"] = json!("token tok-secret is invalid");
    let server = serve(
        "GET",
        "/v1/oauth-token",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;

    let error = client(&server)
        .token_info()
        .await
        .expect_err("team must be an object");

    let mut shown = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        shown.push_str(&cause.to_string());
        source = cause.source();
    }
    assert!(!shown.contains("tok-secret"), "{shown}");
    assert!(shown.contains("at `team`"), "{shown}");
    assert!(String::from_utf8_lossy(error.raw_body().unwrap()).contains("tok-secret"));
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let response = ResponseTemplate::new(200).set_body_raw("{\"type\": ", "application/json");
    let server = serve("GET", "/v1/oauth-token", response).await;

    let error = client(&server)
        .token_info()
        .await
        .expect_err("truncated JSON");

    assert!(matches!(&error, Error::Decode { .. }), "{error:?}");
    assert_eq!(error.raw_body(), Some(&b"{\"type\": "[..]));
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_works_with_and_without_a_trailing_slash() {
    for suffix in ["/miro", "/miro/"] {
        let response = ResponseTemplate::new(200).set_body_json(token_information_json());
        let server = serve("GET", "/miro/v1/oauth-token", response).await;
        let client = Client::new(&format!("{}{suffix}", server.uri())).unwrap();

        client
            .token_info()
            .await
            .unwrap_or_else(|e| panic!("base URL ending `{suffix}`: {e}"));

        assert_eq!(
            only_request(&server).await.url.path(),
            "/miro/v1/oauth-token"
        );
    }
}

#[test]
fn the_default_server_is_the_specs() {
    let client = Client::with_default_server().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.miro.com/");
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.miro.com");
}

#[test]
fn an_invalid_base_url_is_a_build_error() {
    for bad in ["not a url", "ftp://example.com", "https://example.com/?q=1"] {
        let error = Client::new(bad).expect_err(bad);
        assert!(error.to_string().contains("invalid base URL"), "{error}");
    }
}

#[tokio::test]
async fn credentials_set_on_the_builder_go_out_though_the_spec_declares_no_scheme() {
    let response = ResponseTemplate::new(200).set_body_json(token_information_json());
    let server = serve("GET", "/v1/oauth-token", response).await;
    let bearer = Client::builder()
        .base_url(server.uri())
        .bearer_token(SECRET)
        .basic_auth("ada", "pw")
        .build()
        .unwrap();
    let basic = Client::builder()
        .base_url(server.uri())
        .basic_auth("ada", "pw")
        .build()
        .unwrap();

    bearer.token_info().await.unwrap();
    basic.token_info().await.unwrap();

    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    // The bearer token first; basic credentials when there is none.
    assert_eq!(
        sent,
        [format!("Bearer {SECRET}"), "Basic YWRhOnB3".to_owned()]
    );
}
