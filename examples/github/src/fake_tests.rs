//! Each task against the client's own fake: the expectation is the call
//! the task makes, written with the client's builder (so its path, query,
//! headers and body are what the task must send), and the reply is a value
//! of GitHub's types, here decoded from the examples GitHub's spec gives.

use std::time::Duration;

use openapi_client_runtime::{Expect, Fake, Reply};
use serde_json::json;

use super::tests::example;
use super::*;
use github::{BasicError, Issue};

/// A client whose requests the returned fake answers.
fn faked() -> (Fake, Client) {
    let fake = Fake::new();
    let client = Client::builder().transport(fake.clone()).build().unwrap();
    (fake, client)
}

/// A value of one of GitHub's types, from its JSON.
fn typed<T: openapi_client_runtime::serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn gets_a_repository() {
    let (fake, client) = faked();
    let repository = typed(example("full-repository-default-response"));
    fake.on(client.repos_get("rust-lang", "rust")).respond(repository).times(1);

    assert_eq!(get_repository(&client).await.unwrap(), "octocat/Hello-World");
}

#[tokio::test]
async fn creates_an_issue_with_a_title_and_two_labels() {
    let (fake, client) = faked();
    let body = IssuesCreateBody::new("Crash on start").labels(["bug", "ui"]);
    fake.on(client.issues_create("octo", "app", body)).respond(typed(example("issue"))).times(1);

    assert_eq!(create_issue(&client).await.unwrap(), 1347);
}

#[tokio::test]
async fn lists_every_open_issue_page_by_page() {
    let (fake, client) = faked();
    let one: Issue = typed(example("issue-items")[0].clone());
    let list = client.issues_list_for_repo("octo", "app").state(Open).sort(Updated);
    let pages = fake.on(list.per_page(100)).pages(vec![vec![one.clone(); 100], vec![one]]);

    assert_eq!(all_open_issues(&client).await.unwrap().len(), 101);
    assert_eq!(pages.calls(), 2);
}

#[tokio::test]
async fn streams_a_release_asset_to_a_file() {
    let (fake, client) = faked();
    let bytes: Vec<u8> = (0..300_000_u32).map(|i| (i % 251) as u8).collect();
    let chunks = bytes.chunks(64 * 1024).map(|c| c.to_vec().into()).collect();
    let asset = client.repos_get_release_asset("octo", "app", 7);
    let download = asset.accept("application/octet-stream");
    fake.on(download).reply(Reply::status(200).chunks(chunks, Duration::ZERO)).times(1);
    let to = std::env::temp_dir().join(format!("fake-asset-{}.bin", std::process::id()));

    assert_eq!(download_asset(&client, &to).await.unwrap(), bytes.len() as u64);
    assert_eq!(std::fs::read(&to).unwrap(), bytes);
    std::fs::remove_file(&to).unwrap();
}

#[tokio::test]
async fn tells_a_404_from_other_errors() {
    let (fake, client) = faked();
    let not_found: BasicError = typed(json!({"message": "Not Found"}));
    let gone = client.repos_get("octo", "gone");
    fake.on(gone).respond_error(ReposGetError::NotFound(not_found)).times(1);
    assert!(!repository_exists(&client).await.unwrap());

    fake.on(client.repos_get("octo", "gone")).reply(Reply::status(500));
    let error = repository_exists(&client).await.unwrap_err();
    assert!(error.to_string().contains("500"), "{error}");
}

#[tokio::test]
async fn retries_a_503_then_gets_the_repository() {
    let (fake, client) = faked();
    let repository = typed(example("full-repository-default-response"));
    let busy = Reply::status(503).header("retry-after", "0");
    let get = fake.on(client.repos_get("rust-lang", "rust")).reply(busy);
    let get = get.then_respond(repository);

    assert_eq!(get_repository(&client).await.unwrap(), "octocat/Hello-World");
    assert_eq!(get.calls(), 2);
}

#[tokio::test]
async fn gives_up_after_retrying_as_the_policy_says() {
    let (fake, client) = faked();
    let busy = Reply::status(503).header("retry-after", "0");
    // The default policy: the first attempt and two retries.
    let get = fake.on(client.repos_get("rust-lang", "rust")).reply(busy).times(3);

    let error = get_repository(&client).await.unwrap_err();

    assert!(error.to_string().contains("503"), "{error}");
    assert_eq!(get.calls(), 3);
}

/// The task builds its own client from a base URL: the fake on a socket.
#[tokio::test]
async fn sends_the_token_and_gives_up_at_the_call_s_timeout() {
    let fake = Fake::new();
    let server = fake.serve().await.unwrap();
    let repository = example("full-repository-default-response");
    let slow = Reply::json(200, &repository).delay(Duration::from_secs(30));
    let with_token =
        Expect::new("GET", "/repos/rust-lang/rust").header("authorization", "Bearer t0ken");
    fake.expect(with_token).reply(slow).times(1);

    let started = std::time::Instant::now();
    let error = with_token_and_timeout(&server.url(), "t0ken").await.unwrap_err();

    let error = error.downcast::<openapi_client_runtime::Error<ReposGetError>>().unwrap();
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(25));
}
