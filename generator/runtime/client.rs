//! Building a client, and building and sending its requests.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::auth::{Credentials, Secret, Security, secret_header_value};
use super::error::{BuildError, Error};
use super::redact::{RedactedHeaders, is_secret_name};
use super::response::RawResponse;

/// Implemented by each generated module's `Client`, so one builder serves
/// them all.
pub trait FromClientCore {
    /// Wraps a configured core.
    fn from_core(core: ClientCore) -> Self;
}

/// Configures a generated `Client`. Start from the module's
/// `Client::builder()`.
pub struct ClientBuilder<C> {
    base_url: Option<String>,
    credentials: Credentials,
    default_headers: Vec<(String, Secret)>,
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C: FromClientCore> ClientBuilder<C> {
    /// A builder whose base URL is `default_base_url` until
    /// [`base_url`](Self::base_url) changes it.
    pub fn new(default_base_url: Option<&str>) -> Self {
        Self {
            base_url: default_base_url.map(str::to_owned),
            credentials: Credentials::default(),
            default_headers: Vec::new(),
            http: None,
            client: PhantomData,
        }
    }

    /// The URL operation paths are appended to, e.g.
    /// `https://api.example.com/v2`. A trailing slash makes no difference.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The token sent as `Authorization: Bearer <token>` to operations that
    /// require an http bearer, oauth2 or openIdConnect scheme.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.bearer = Some(token.into());
        self
    }

    /// The user and password sent to operations that require http basic auth.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials.basic = Some((user.into(), password.into()));
        self
    }

    /// The key for the apiKey security scheme named `scheme` in the spec.
    pub fn api_key(mut self, scheme: impl Into<String>, key: impl Into<Secret>) -> Self {
        self.credentials.api_keys.insert(scheme.into(), key.into());
        self
    }

    /// A header sent with every request, e.g. an `Authorization` header for
    /// an operation whose spec declares no security. Values are never shown
    /// by `Debug`.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests with this `reqwest::Client` (proxies, TLS roots,
    /// connection pool) instead of a new one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let raw = self.base_url.ok_or(BuildError::NoBaseUrl)?;
        let base_url = parse_base_url(&raw)?;
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let invalid = || BuildError::InvalidHeader { name: name.clone() };
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let mut header_value = HeaderValue::from_str(value.expose()).map_err(|_| invalid())?;
            header_value.set_sensitive(true);
            default_headers.append(header, header_value);
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(C::from_core(ClientCore {
            http,
            base_url,
            shared: Arc::new(Shared {
                credentials: self.credentials,
                default_headers,
            }),
        }))
    }
}

fn parse_base_url(raw: &str) -> Result<Url, BuildError> {
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(raw).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a base URL cannot have a query or fragment"));
    }
    Ok(url)
}

/// What every generated `Client` holds: the HTTP client, base URL and
/// configuration. Cloning is cheap and clones share one connection pool.
#[derive(Clone)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: Url,
    shared: Arc<Shared>,
}

struct Shared {
    credentials: Credentials,
    default_headers: HeaderMap,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url.as_str())
            .field("credentials", &self.shared.credentials)
            .field(
                "default_headers",
                &RedactedHeaders(&self.shared.default_headers),
            )
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// The URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// Starts a request to the base URL plus `segments`, each of which is
    /// percent-encoded as one path segment. `path` is the spec's template,
    /// kept for diagnostics.
    pub fn request(&self, method: Method, path: &'static str, segments: &[&str]) -> Request {
        let mut url = self.base_url.clone();
        // `parse_base_url` only accepts http(s) URLs, which always have path
        // segments, so this cannot fail.
        if let Ok(mut path_segments) = url.path_segments_mut() {
            path_segments.pop_if_empty().extend(segments);
        }
        Request {
            method,
            path,
            url,
            headers: HeaderMap::new(),
        }
    }

    /// Adds credentials as `security` requires, sends the request and reads
    /// the whole response.
    pub async fn send<E>(
        &self,
        mut request: Request,
        security: Security,
    ) -> Result<RawResponse, Error<E>> {
        self.shared.credentials.apply(security, &mut request)?;
        let mut headers = self.shared.default_headers.clone();
        // Per-request headers win over defaults of the same name.
        for name in request.headers.keys() {
            headers.remove(name);
        }
        headers.extend(request.headers);
        let response = self
            .http
            .request(request.method, request.url)
            .headers(headers)
            .send()
            .await
            .map_err(Error::transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::transport)?;
        Ok(RawResponse::new(status, headers, body))
    }
}

/// A request being built by a generated method.
pub struct Request {
    method: Method,
    path: &'static str,
    url: Url,
    headers: HeaderMap,
}

impl Request {
    /// Appends a query parameter, percent-encoded.
    pub fn query(&mut self, name: &str, value: impl fmt::Display) {
        self.url
            .query_pairs_mut()
            .append_pair(name, &value.to_string());
    }

    /// Sets a header parameter. Headers whose name marks a secret are hidden
    /// from `Debug`.
    pub fn header<E>(
        &mut self,
        name: &'static str,
        value: impl fmt::Display,
    ) -> Result<(), Error<E>> {
        let invalid =
            || Error::InvalidRequest(format!("header `{name}` or its value is not valid in HTTP"));
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let mut header_value = HeaderValue::from_str(&value.to_string()).map_err(|_| invalid())?;
        header_value.set_sensitive(is_secret_name(name));
        self.headers.insert(header, header_value);
        Ok(())
    }

    /// Asks for a JSON response.
    pub fn accept_json(&mut self) {
        self.headers
            .insert(ACCEPT, HeaderValue::from_static("application/json"));
    }

    /// Sets a header that carries a credential: hidden from `Debug`, and its
    /// value never appears in an error.
    pub(crate) fn set_secret_header<E>(&mut self, name: &str, value: &str) -> Result<(), Error<E>> {
        let invalid = || {
            Error::InvalidRequest(format!(
                "the credential for header `{name}` is not valid in HTTP"
            ))
        };
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let value = secret_header_value(value).ok_or_else(invalid)?;
        self.headers.insert(header, value);
        Ok(())
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

/// Shows the method and path template only: the URL may carry secrets in its
/// query string.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &RedactedHeaders(&self.headers))
            .finish_non_exhaustive()
    }
}
