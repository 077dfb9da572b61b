//! Credentials: fixed ones from the builder, or fetched per request from a
//! provider, and how each security scheme of a spec puts them on a request.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::AUTHORIZATION;

use super::client::Request;
use super::error::Error;

/// A string that is never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// How a security scheme carries its credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in the named header.
    ApiKeyHeader(&'static str),
    /// An API key in the named query parameter.
    ApiKeyQuery(&'static str),
    /// An API key in the named cookie.
    ApiKeyCookie(&'static str),
}

/// One security scheme of the spec, by its name under
/// `components/securitySchemes`, as an operation uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeUse {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// How it carries its credential.
    pub scheme: AuthScheme,
}

/// An operation's security requirement: alternatives, each a set of schemes
/// that must all be satisfied. No alternatives: the operation sends no
/// credentials. An empty alternative: credentials are optional.
pub type Security = &'static [&'static [SchemeUse]];

/// The security of every operation of a spec that declares no security
/// scheme: a bearer token if one is configured (or a provider gives one for
/// the scheme named `bearer`), else basic credentials (`basic`), else
/// nothing. So credentials set on the builder are never silently dropped.
pub const UNDECLARED_SECURITY: Security = &[
    &[SchemeUse {
        name: "bearer",
        scheme: AuthScheme::Bearer,
    }],
    &[SchemeUse {
        name: "basic",
        scheme: AuthScheme::Basic,
    }],
    &[],
];

/// A credential for one security scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A token for a bearer, oauth2 or openIdConnect scheme.
    Bearer(Secret),
    /// A user and password for an http basic scheme.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: Secret,
    },
    /// A key for an apiKey scheme.
    ApiKey(Secret),
}

/// The error a credential provider may fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A boxed future, so providers can be `async` without extra crates.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Supplies credentials for each request, so they can be refreshed. Called
/// once per scheme for every request that needs one, before the first
/// attempt: cache inside the provider if fetching is expensive.
pub trait CredentialProvider: Send + Sync + 'static {
    /// The credential for `scheme`, or `None` to fall back to the fixed
    /// credentials configured on the builder.
    fn credential<'a>(
        &'a self,
        scheme: &'a SchemeUse,
    ) -> BoxFuture<'a, Result<Option<Credential>, BoxError>>;
}

/// A shared provider, e.g. one the application also uses elsewhere.
impl<P: CredentialProvider + ?Sized> CredentialProvider for Arc<P> {
    fn credential<'a>(
        &'a self,
        scheme: &'a SchemeUse,
    ) -> BoxFuture<'a, Result<Option<Credential>, BoxError>> {
        (**self).credential(scheme)
    }
}

/// A provider of bearer tokens made from an async function.
pub(crate) struct BearerFn<F>(pub F);

impl<F, Fut> CredentialProvider for BearerFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn credential<'a>(
        &'a self,
        scheme: &'a SchemeUse,
    ) -> BoxFuture<'a, Result<Option<Credential>, BoxError>> {
        if scheme.scheme != AuthScheme::Bearer {
            return Box::pin(async { Ok(None) });
        }
        let token = (self.0)();
        Box::pin(async move { Ok(Some(Credential::Bearer(token.await?.into()))) })
    }
}

/// The credentials configured on a client. `Debug` shows which are set,
/// never their values.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    pub bearer: Option<Secret>,
    pub basic: Option<(String, Secret)>,
    /// API keys by security scheme name.
    pub api_keys: BTreeMap<String, Secret>,
    /// Asked first, for every request.
    pub provider: Option<Arc<dyn CredentialProvider>>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("bearer", &self.bearer)
            .field("basic", &self.basic)
            .field("api_keys", &self.api_keys)
            .field("provider", &self.provider.as_ref().map(|_| "<set>"))
            .finish()
    }
}

impl Credentials {
    /// The fixed credential for `used`, if configured, borrowed: a call
    /// copies no token.
    fn fixed(&self, used: &SchemeUse) -> Option<Found<'_>> {
        match used.scheme {
            AuthScheme::Bearer => self.bearer.as_ref().map(CredentialRef::Bearer),
            AuthScheme::Basic => self
                .basic
                .as_ref()
                .map(|(user, password)| CredentialRef::Basic(user, password)),
            AuthScheme::ApiKeyHeader(_)
            | AuthScheme::ApiKeyQuery(_)
            | AuthScheme::ApiKeyCookie(_) => {
                self.api_keys.get(used.name).map(CredentialRef::ApiKey)
            }
        }
        .map(Found::Fixed)
    }

    /// The credential for `used`: the provider's, else the fixed one.
    async fn lookup<E>(&self, used: &SchemeUse) -> Result<Option<Found<'_>>, Error<E>> {
        if let Some(provider) = &self.provider {
            let provided =
                provider
                    .credential(used)
                    .await
                    .map_err(|source| Error::Credentials {
                        scheme: used.name,
                        source,
                    })?;
            if let Some(credential) = provided {
                return Ok(Some(Found::Provided(credential)));
            }
        }
        Ok(self.fixed(used))
    }

    /// Puts credentials on `request` for the first alternative whose schemes
    /// all have one, or fails without sending anything. An empty alternative
    /// (credentials optional) is used only when no other can be.
    pub(crate) async fn apply<E>(
        &self,
        security: Security,
        request: &mut Request,
    ) -> Result<(), Error<E>> {
        for alternative in security.iter().filter(|alt| !alt.is_empty()) {
            // Most alternatives are one scheme, and need no list.
            if let [used] = alternative {
                match self.lookup(used).await? {
                    Some(found) => return put(used, found, request),
                    None => continue,
                }
            }
            let mut found = Vec::new();
            for used in alternative.iter() {
                match self.lookup(used).await? {
                    Some(credential) => found.push((used, credential)),
                    None => break,
                }
            }
            if found.len() == alternative.len() {
                return found
                    .into_iter()
                    .try_for_each(|(used, credential)| put(used, credential, request));
            }
        }
        if security.is_empty() || security.iter().any(|alt| alt.is_empty()) {
            return Ok(());
        }
        let names: Vec<&str> = security
            .iter()
            .flat_map(|alt| alt.iter().map(|s| s.name))
            .collect();
        Err(Error::MissingCredentials {
            schemes: names.join(", "),
        })
    }
}

/// A credential found for a scheme: a provider's, or one of the client's
/// fixed credentials, borrowed.
enum Found<'a> {
    Provided(Credential),
    Fixed(CredentialRef<'a>),
}

/// A credential as [`put`] reads it.
#[derive(Clone, Copy)]
enum CredentialRef<'a> {
    Bearer(&'a Secret),
    Basic(&'a str, &'a Secret),
    ApiKey(&'a Secret),
}

impl Found<'_> {
    fn credential(&self) -> CredentialRef<'_> {
        match self {
            Found::Fixed(credential) => *credential,
            Found::Provided(Credential::Bearer(token)) => CredentialRef::Bearer(token),
            Found::Provided(Credential::Basic { user, password }) => {
                CredentialRef::Basic(user, password)
            }
            Found::Provided(Credential::ApiKey(key)) => CredentialRef::ApiKey(key),
        }
    }
}

/// Puts one credential where its scheme says.
fn put<E>(used: &SchemeUse, found: Found<'_>, request: &mut Request) -> Result<(), Error<E>> {
    match (used.scheme, found.credential()) {
        (AuthScheme::Bearer, CredentialRef::Bearer(token)) => {
            request.set_credential(AUTHORIZATION, format!("Bearer {}", token.expose()))
        }
        (AuthScheme::Basic, CredentialRef::Basic(user, password)) => {
            let encoded = base64::engine::general_purpose::STANDARD
                .encode(format!("{user}:{}", password.expose()));
            request.set_credential(AUTHORIZATION, format!("Basic {encoded}"))
        }
        (AuthScheme::ApiKeyHeader(header), CredentialRef::ApiKey(key)) => {
            request.set_secret_header(header, key.expose())
        }
        (AuthScheme::ApiKeyQuery(param), CredentialRef::ApiKey(key)) => {
            request.query(param, key.expose());
            Ok(())
        }
        (AuthScheme::ApiKeyCookie(cookie), CredentialRef::ApiKey(key)) => {
            request.cookie(cookie, key.expose())
        }
        _ => Err(Error::InvalidRequest(format!(
            "the credential provider gave a credential of the wrong kind for security scheme `{}`",
            used.name
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use reqwest::{Method, Url};

    use super::*;

    const BEARER: SchemeUse = SchemeUse {
        name: "bearer",
        scheme: AuthScheme::Bearer,
    };
    const KEY: SchemeUse = SchemeUse {
        name: "key",
        scheme: AuthScheme::ApiKeyHeader("x-key"),
    };

    /// Runs a future that never waits (fixed credentials never do).
    fn ready<F: Future>(future: F) -> F::Output {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the future waited"),
        }
    }

    fn with_bearer() -> Credentials {
        Credentials {
            bearer: Some("t".into()),
            ..Credentials::default()
        }
    }

    /// The headers `credentials` put on a request for `security`.
    fn sent(credentials: &Credentials, security: Security) -> Result<Vec<String>, String> {
        let mut request = Request::new(Method::GET, "/", Url::parse("http://localhost/").unwrap());
        ready(credentials.apply::<()>(security, &mut request)).map_err(|e| e.to_string())?;
        Ok(request
            .headers()
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap()))
            .collect())
    }

    #[test]
    fn no_requirement_sends_nothing() {
        assert_eq!(sent(&with_bearer(), &[]), Ok(vec![]));
    }

    #[test]
    fn optional_security_still_sends_configured_credentials() {
        assert_eq!(
            sent(&with_bearer(), &[&[], &[BEARER]]),
            Ok(vec!["authorization: Bearer t".into()])
        );
        assert_eq!(sent(&Credentials::default(), &[&[], &[BEARER]]), Ok(vec![]));
    }

    #[test]
    fn the_first_fully_configured_alternative_wins() {
        assert_eq!(
            sent(&with_bearer(), &[&[KEY], &[BEARER]]),
            Ok(vec!["authorization: Bearer t".into()])
        );
        let missing = sent(&with_bearer(), &[&[KEY, BEARER]]).unwrap_err();
        assert!(
            missing.contains("no credentials configured for security scheme(s) key, bearer"),
            "{missing}"
        );
    }

    #[test]
    fn basic_and_api_keys_go_where_their_scheme_says() {
        let credentials = Credentials {
            basic: Some(("ada".into(), "pw".into())),
            api_keys: [("key".to_owned(), "k1".into())].into(),
            ..Credentials::default()
        };
        const BASIC: SchemeUse = SchemeUse {
            name: "basic",
            scheme: AuthScheme::Basic,
        };
        const COOKIE_KEY: SchemeUse = SchemeUse {
            name: "key",
            scheme: AuthScheme::ApiKeyCookie("session"),
        };
        assert_eq!(
            sent(&credentials, &[&[BASIC, KEY, COOKIE_KEY]]),
            // `Authorization` is put on after the others (see
            // `CommonHeaders`).
            Ok(vec![
                "x-key: k1".into(),
                "cookie: session=k1".into(),
                "authorization: Basic YWRhOnB3".into(),
            ])
        );
    }

    #[test]
    fn debug_shows_which_credentials_are_set_but_not_their_values() {
        let mut credentials = with_bearer();
        credentials.api_keys.insert("key".into(), "k-secret".into());
        credentials.basic = Some(("ada".into(), "p-secret".into()));
        let debug = format!("{credentials:?}");
        assert!(
            !debug.contains("secret") && !debug.contains("\"t\""),
            "{debug}"
        );
        assert!(debug.contains("ada") && debug.contains("key"), "{debug}");
    }
}
