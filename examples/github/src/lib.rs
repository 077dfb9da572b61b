//! Six everyday tasks written against a GitHub client that `build.rs`
//! generates from GitHub's own spec: the calls a user writes, side by side
//! with what the same tasks take in octocrab. Each function's body is the
//! task. The tests run each task twice: against the client's own fake
//! (`fake_tests.rs`: expectations written as the calls, replies in
//! GitHub's types), and against a wiremock server on loopback
//! (`tests.rs`: matchers on paths and JSON), which it replaces.

include!(concat!(env!("OUT_DIR"), "/client.rs"));

use std::error::Error;
use std::path::Path;
use std::time::Duration;

use github::IssuesListForRepoSort::Updated;
use github::IssuesListForRepoState::Open;
use github::{Client, IssuesCreateBody, ReposGetError};

/// The result of a task.
pub type Outcome<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// Gets a repository.
pub async fn get_repository(client: &Client) -> Outcome<String> {
    let repo = client.repos_get("rust-lang", "rust").await?;
    Ok(repo.full_name.clone())
}

/// Creates an issue with a title and two labels.
pub async fn create_issue(client: &Client) -> Outcome<i64> {
    let body = IssuesCreateBody::new("Crash on start").labels(["bug", "ui"]);
    let issue = client.issues_create("octo", "app", body).await?;
    Ok(issue.number)
}

/// Lists every open issue of a repository, most recently updated first,
/// following GitHub's `Link` header from page to page.
pub async fn all_open_issues(client: &Client) -> Outcome<Vec<github::Issue>> {
    let list = client.issues_list_for_repo("octo", "app").state(Open).sort(Updated);
    Ok(list.per_page(100).items().all().await?)
}

/// Streams a release asset to a file: the spec documents its JSON
/// description, GitHub sends the bytes when asked for them.
pub async fn download_asset(client: &Client, to: &Path) -> Outcome<u64> {
    let asset = client.repos_get_release_asset("octo", "app", 7);
    let body = asset.accept("application/octet-stream").stream().await?.into_inner();
    let mut file = tokio::fs::File::create(to).await?;
    Ok(tokio::io::copy(&mut body.into_async_read(), &mut file).await?)
}

/// Tells a repository that does not exist from other errors.
pub async fn repository_exists(client: &Client) -> Outcome<bool> {
    match client.repos_get("octo", "gone").await {
        Ok(_) => Ok(true),
        Err(error) if matches!(error.api(), Some(ReposGetError::NotFound(_))) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Calls with a bearer token and a timeout for this one call.
pub async fn with_token_and_timeout(base_url: &str, token: &str) -> Outcome<String> {
    let client = Client::builder().base_url(base_url).bearer_token(token).build()?;
    let repo = client.repos_get("rust-lang", "rust").timeout(Duration::from_secs(5)).await?;
    Ok(repo.full_name.clone())
}

#[cfg(test)]
mod fake_tests;
#[cfg(test)]
mod tests;
