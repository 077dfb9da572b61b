//! Two clients generated separately (`generated-client` and
//! `fixture-client`, each from its own specs) against the one runtime crate
//! share its types: one credential provider, one hook and one error helper,
//! written once against `openapi_client_runtime`, serve both.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use fixture_client::swagger2;
use generated_client::finbourne_identity;
use openapi_client_runtime::{
    BoxError, BoxFuture, Credential, CredentialProvider, Error, Hook, RequestContext, SchemeUse,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::header;

/// Hands out numbered tokens, naming the scheme asked for.
struct Tokens(AtomicU32);

impl CredentialProvider for Tokens {
    fn credential<'a>(
        &'a self,
        scheme: &'a SchemeUse,
    ) -> BoxFuture<'a, Result<Option<Credential>, BoxError>> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("{}-{n}", scheme.name);
        Box::pin(async move { Ok(Some(Credential::Bearer(token.into()))) })
    }
}

/// Records the path template of every attempt.
#[derive(Default)]
struct Attempts(Mutex<Vec<&'static str>>);

impl Hook for Attempts {
    fn before_request(&self, context: &RequestContext, _: &mut reqwest::Request) {
        self.0.lock().unwrap().push(context.path);
    }
}

/// One way to report any client's error.
fn describe<E: std::fmt::Debug>(error: &Error<E>) -> String {
    match error.status() {
        Some(status) => format!("status {}", status.as_u16()),
        None => format!("no response: {error}"),
    }
}

#[tokio::test]
async fn separately_generated_clients_share_one_provider_hook_and_error_helper() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/tokens"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/albums"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let provider: Arc<dyn CredentialProvider> = Arc::new(Tokens(AtomicU32::new(0)));
    let hook = Arc::new(Attempts::default());
    let identity = finbourne_identity::Client::builder()
        .base_url(server.uri())
        .credential_provider(provider.clone())
        .hook(hook.clone())
        .build()
        .unwrap();
    let photos = swagger2::Client::builder()
        .base_url(server.uri())
        .credential_provider(provider.clone())
        .hook(hook.clone())
        .build()
        .unwrap();

    identity.invalidate_token().await.unwrap();
    let album = swagger2::Album::new("Holidays");
    let error = photos.create_album(album).await.unwrap_err();

    assert_eq!(describe(&error), "status 503");
    assert_eq!(*hook.0.lock().unwrap(), ["/api/tokens", "/albums"]);
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(sent, ["Bearer oauth2-1", "Bearer oauth-2"]);
}
