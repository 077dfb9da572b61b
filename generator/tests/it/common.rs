//! Helpers for testing generated clients against a real HTTP server on
//! loopback.

use std::path::{Path, PathBuf};

use generator::Package;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond};

/// A server on loopback that answers `http_method route` with `responder`
/// (a `ResponseTemplate`, or anything else that responds).
pub(crate) async fn serve(
    http_method: &str,
    route: &str,
    responder: impl Respond + 'static,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(http_method))
        .and(path(route))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

/// `value` as the JSON it serialises to: a decoded response compared with
/// what the server sent (generated structs are `#[non_exhaustive]`, so a
/// test, like a user, cannot write a response type as a literal).
pub(crate) fn as_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("generated types serialise")
}

/// A response type built as a server would send it: from JSON.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("the JSON matches the type")
}

/// The one request `server` received, failing the test if there were more
/// or fewer.
pub(crate) async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:?}"
    );
    requests.remove(0)
}

/// A header of `request` as text, if present.
pub(crate) fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII header"))
}

/// Asserts the parts of a request every test checks.
pub(crate) fn assert_request(request: &Request, method: &str, path: &str, query: Option<&str>) {
    assert_eq!(request.method.as_str(), method, "method");
    assert_eq!(request.url.path(), path, "path");
    assert_eq!(request.url.query(), query, "query string");
    assert!(
        request.body.is_empty(),
        "unexpected body: {:?}",
        String::from_utf8_lossy(&request.body)
    );
    assert_eq!(
        header(request, "content-type"),
        None,
        "content-type without a body"
    );
}

/// The workspace root.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The package of a crate a test generates, stamped as made by `test`.
pub(crate) fn package(name: &str) -> Package {
    Package::new(name, "0.1.0").with_generated_by("test")
}

/// Every types file of API module `module` of `generated`, one after the
/// other: `types.rs`, then the files of features of their own
/// (`types/<feature>.rs`), in path order.
pub(crate) fn module_types(generated: &generator::Generated, module: &str) -> String {
    let types = Path::new("src").join(module).join("types.rs");
    let feature_files = Path::new("src").join(module).join("types");
    let mut text = generated.files[&types].clone();
    for (path, file) in &generated.files {
        if path.parent() == Some(feature_files.as_path()) {
            text.push_str(file);
        }
    }
    text
}
