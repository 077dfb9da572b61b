//! The client generated from `fixtures/openapi31.yaml` (OpenAPI 3.1), over
//! real HTTP on loopback: JSON Schema 2020-12 keywords decode and encode as
//! their 3.0 meaning.

use fixture_client::openapi31::{Author, Client, Entry, EntryKind, EntryScore, Tag};
use fixture_client::runtime::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::{only_request, serve};

#[test]
fn the_server_and_the_summary_are_kept() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://feeds.example.com");
}

#[tokio::test]
async fn type_lists_null_alternatives_const_and_defs_decode() {
    let body = json!({
        "id": 7, "kind": "entry", "title": "T", "subtitle": null,
        "author": {"name": "Ada", "email": null}, "editor": null,
        "score": "A+", "tags": [{"name": "rust"}], "ratio": 0.25, "position": [1, 2.5]
    });
    let server = serve(
        "GET",
        "/entries/7",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let entry = client.get_entry(7).await.unwrap().into_inner();

    assert_eq!(entry.kind, EntryKind::Entry);
    assert_eq!(
        entry.subtitle,
        Some(None),
        "`null` is kept apart from absent"
    );
    assert_eq!(entry.editor, Some(None));
    assert_eq!(entry.author.unwrap().name, "Ada");
    assert_eq!(entry.score, Some(EntryScore::String("A+".into())));
    // Bounds and positional items inside 3.1 forms read as 3.0's.
    assert_eq!(entry.ratio, Some(Some(0.25)));
    assert_eq!(entry.position, Some(vec![1.0, 2.5]));
    assert_eq!(entry.tags, Some(vec![Tag::new("rust")]));
}

#[tokio::test]
async fn null_and_absent_go_out_as_the_caller_says() {
    let server = serve("PUT", "/entries/1", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let entry = Entry::new(1, EntryKind::Entry, "T")
        .subtitle_null()
        .editor(Author::new("Bo"))
        .score(5)
        .ratio_null()
        .position([1.5, 2.0]);

    client.put_entry(1, entry.clone()).await.unwrap();

    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"id": 1, "kind": "entry", "title": "T", "subtitle": null, "editor": {"name": "Bo"}, "score": 5, "ratio": null, "position": [1.5, 2.0]})
    );
}

#[tokio::test]
async fn an_operation_without_responses_succeeds_on_any_2xx() {
    let server = serve("GET", "/ping", ResponseTemplate::new(202)).await;
    let client = Client::new(&server.uri()).unwrap();
    assert_eq!(client.ping().await.unwrap().status().as_u16(), 202);

    let server = serve("GET", "/ping", ResponseTemplate::new(500)).await;
    let client = Client::new(&server.uri()).unwrap();
    let error = client.ping().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
}
