//! The client generated from `fixtures/openapi32.yaml` (OpenAPI 3.2), over
//! real HTTP on loopback: `query` and `additionalOperations` are methods
//! sent with their own HTTP method names.

use fixture_client::openapi32::{Client, SearchDocumentsBody};
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::{header, only_request, serve};

#[tokio::test]
async fn the_query_method_sends_query_with_a_body() {
    let server = serve(
        "QUERY",
        "/documents",
        ResponseTemplate::new(200).set_body_json(json!(["a", "b"])),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let found = client
        .search_documents(SearchDocumentsBody::new("rust"))
        .await
        .unwrap()
        .into_inner();

    assert_eq!(found, ["a", "b"]);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "QUERY");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        json!({"text": "rust"})
    );
}

#[tokio::test]
async fn an_additional_operation_sends_its_own_method() {
    let server = serve("LINK", "/documents", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();

    client.link_documents("<a>; rel=next").await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "LINK");
    assert_eq!(header(&request, "link"), Some("<a>; rel=next"));
}

#[tokio::test]
async fn a_cookie_of_style_cookie_is_sent_as_it_is() {
    let server = serve("GET", "/session", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();

    client.get_session("s=1/2").await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(header(&request, "cookie"), Some("session=s=1/2"));
    // The `querystring` parameter is not generated: no query is sent.
    assert_eq!(request.url.query(), None);
}
