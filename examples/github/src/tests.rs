//! Each task against a server on loopback that answers with the examples
//! GitHub's spec gives, checking the request the task sent.

use std::path::Path;

use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::*;

/// An example of GitHub's spec (`components/examples/{name}`), what its
/// server sends.
pub(super) fn example(name: &str) -> Value {
    // The spec is read once for all the tests.
    static SPEC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/third-party/github.json");
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    });
    spec["components"]["examples"][name]["value"].clone()
}

async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::new(&server.uri()).unwrap();
    (server, client)
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// The repository `GET /repos/{owner}/{repo}` documents it answers with.
fn full_repository() -> Value {
    example("full-repository-default-response")
}

#[tokio::test]
async fn gets_a_repository() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path("/repos/rust-lang/rust"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_repository()))
        .mount(&server)
        .await;

    assert_eq!(get_repository(&client).await.unwrap(), "octocat/Hello-World");
    assert_eq!(requests(&server).await[0].headers["accept"], "application/json");
}

#[tokio::test]
async fn creates_an_issue_with_a_title_and_two_labels() {
    let (server, client) = server().await;
    Mock::given(method("POST"))
        .and(path("/repos/octo/app/issues"))
        .and(body_json(json!({"title": "Crash on start", "labels": ["bug", "ui"]})))
        .respond_with(ResponseTemplate::new(201).set_body_json(example("issue")))
        .mount(&server)
        .await;

    assert_eq!(create_issue(&client).await.unwrap(), 1347);
}

#[tokio::test]
async fn lists_every_open_issue_page_by_page() {
    let (server, client) = server().await;
    let one = example("issue-items")[0].clone();
    let full: Vec<Value> = std::iter::repeat_n(one.clone(), 100).collect();
    // GitHub's links name the repository by its id, and carry the query.
    let pages = format!("{}/repositories/1296269/issues", server.uri());
    let query = "state=open&sort=updated&per_page=100";
    let first =
        format!(r#"<{pages}?{query}&page=2>; rel="next", <{pages}?{query}&page=2>; rel="last""#);
    let last =
        format!(r#"<{pages}?{query}&page=1>; rel="prev", <{pages}?{query}&page=1>; rel="first""#);
    Mock::given(method("GET"))
        .and(path("/repos/octo/app/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full).insert_header("link", first))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/repositories/1296269/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json([one]).insert_header("link", last))
        .mount(&server)
        .await;

    assert_eq!(all_open_issues(&client).await.unwrap().len(), 101);
    let sent = requests(&server).await;
    assert_eq!(
        sent.iter().map(|r| (r.url.path(), r.url.query().unwrap())).collect::<Vec<_>>(),
        [
            ("/repos/octo/app/issues", query),
            ("/repositories/1296269/issues", "state=open&sort=updated&per_page=100&page=2")
        ]
    );
}

#[tokio::test]
async fn streams_a_release_asset_to_a_file() {
    let (server, client) = server().await;
    let bytes: Vec<u8> = (0..300_000_u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/repos/octo/app/releases/assets/7"))
        .and(header("accept", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes.clone()))
        .mount(&server)
        .await;
    let to = std::env::temp_dir().join(format!("asset-{}.bin", std::process::id()));

    assert_eq!(download_asset(&client, &to).await.unwrap(), bytes.len() as u64);
    assert_eq!(std::fs::read(&to).unwrap(), bytes);
    std::fs::remove_file(&to).unwrap();
}

#[tokio::test]
async fn tells_a_404_from_other_errors() {
    let (server, client) = server().await;
    let not_found = json!({"message": "Not Found", "documentation_url": "https://docs.github.com"});
    Mock::given(method("GET"))
        .and(path("/repos/octo/gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(not_found))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    assert!(!repository_exists(&client).await.unwrap());

    Mock::given(method("GET"))
        .and(path("/repos/octo/gone"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let error = repository_exists(&client).await.unwrap_err();
    assert!(error.to_string().contains("500"), "{error}");
}

#[tokio::test]
async fn sends_the_token_and_gives_up_at_the_call_s_timeout() {
    let (server, _) = server().await;
    Mock::given(method("GET"))
        .and(path("/repos/rust-lang/rust"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(full_repository())
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;

    let started = std::time::Instant::now();
    let error = with_token_and_timeout(&server.uri(), "t0ken").await.unwrap_err();

    let error = error.downcast::<openapi_client_runtime::Error<ReposGetError>>().unwrap();
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(25));
}
