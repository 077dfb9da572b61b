//! Building a client, and building and sending its requests.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::FutureExt as _;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use tracing::Instrument as _;

use super::auth::{BearerFn, BoxError, CredentialProvider, Credentials, Secret, Security};
use super::base_url::BaseUrl;
use super::body::Payload;
use super::error::{BuildError, Error};
use super::form::{FormStyle, form_text};
use super::hooks::{Hook, RequestContext};
use super::multipart::Multipart;
use super::options::RequestOptions;
use super::outgoing::{CommonHeaders, Outgoing};
use super::parameters::{flat_pairs, invalid_parameter, object_pairs, query_pair, strings};
use super::redact::{RedactedHeaders, is_secret_name};
use super::response::{RawResponse, ReadWhole};
use super::retry::{RetryPolicy, is_retryable_status};
use super::stream::{BinaryBody, BinaryPayload, Received, StreamingResponse};
use super::transport::{Transport, TransportError};

/// The time allowed for each attempt, from sending the request to reading
/// the whole response, unless the builder or request options say otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The time allowed to establish a connection, unless the builder says
/// otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// Set by [`ClientBuilder::user_agent`].
    user_agent: Option<String>,
    /// What is sent without [`ClientBuilder::user_agent`]: the generated
    /// crate's `name/version`.
    default_user_agent: &'static str,
    http: Option<reqwest::Client>,
    transport: Option<Arc<dyn Transport>>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    hooks: Vec<Arc<dyn Hook>>,
    client: PhantomData<fn() -> C>,
}

impl<C: FromClientCore> ClientBuilder<C> {
    /// A builder whose base URL is `default_base_url` until
    /// [`base_url`](Self::base_url) changes it, sending `User-Agent:
    /// {default_user_agent}` until [`user_agent`](Self::user_agent) changes
    /// it (generated clients pass their crate's `name/version`).
    pub fn new(default_base_url: Option<&str>, default_user_agent: &'static str) -> Self {
        Self {
            base_url: default_base_url.map(str::to_owned),
            credentials: Credentials::default(),
            default_headers: Vec::new(),
            user_agent: None,
            default_user_agent,
            http: None,
            transport: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            hooks: Vec::new(),
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

    /// Asks `provider` for credentials before every request that needs
    /// them, falling back to the fixed ones set on this builder.
    pub fn credential_provider(mut self, provider: impl CredentialProvider) -> Self {
        self.credentials.provider = Some(Arc::new(provider));
        self
    }

    /// Calls `fetch` for a bearer token before every request that needs one,
    /// so a token can be refreshed: a shorthand for
    /// [`credential_provider`](Self::credential_provider).
    pub fn bearer_token_provider<F, Fut>(self, fetch: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
    {
        self.credential_provider(BearerFn(fetch))
    }

    /// A header sent with every request, e.g. an `Authorization` header for
    /// an operation whose spec declares no security. Values are never shown
    /// by `Debug`.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The `User-Agent` header of every request. Default:
    /// the generated crate's `name/version` (its clients' `USER_AGENT`), or with
    /// [`http_client`](Self::http_client) whatever that client sends. A
    /// `User-Agent` set with [`default_header`](Self::default_header) wins.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The time allowed for each attempt, from sending the request to reading
    /// the whole response. Default: [`DEFAULT_TIMEOUT`] (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time allowed to connect. Default: [`DEFAULT_CONNECT_TIMEOUT`]
    /// (10 s). Ignored with [`http_client`](Self::http_client), whose own
    /// setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How failed requests are retried. Default: [`RetryPolicy::default`].
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Runs `hook` around every attempt of every request. Hooks run in the
    /// order they were added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Sends requests with this `reqwest::Client` (proxies, TLS roots,
    /// connection pool) instead of a new one. Its redirect policy applies:
    /// build it with `reqwest::redirect::Policy::none()` to have redirects
    /// followed by this client, which drops every secret header on the way
    /// to another origin (`reqwest`'s own policy drops only `Authorization`
    /// and cookies).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends every request with `transport` instead of `reqwest`: a test
    /// fake, a recorder, another HTTP stack. Everything else the client
    /// does (credentials, retries, redirects, hooks, the timeout, tracing)
    /// happens above it, so the transport sees each request as it would go
    /// on the wire. [`http_client`](Self::http_client) and
    /// [`connect_timeout`](Self::connect_timeout) then do not apply.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let raw = self.base_url.ok_or(BuildError::NoBaseUrl)?;
        let base_url = BaseUrl::parse(&raw)?;
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let invalid = || BuildError::InvalidHeader { name: name.clone() };
            let (name, value) = secret_header(name, value.expose()).ok_or_else(invalid)?;
            default_headers.append(name, value);
        }
        if let Some(user_agent) = &self.user_agent
            && !default_headers.contains_key(reqwest::header::USER_AGENT)
        {
            let value =
                HeaderValue::from_str(user_agent).map_err(|_| BuildError::InvalidHeader {
                    name: "User-Agent".to_owned(),
                })?;
            default_headers.insert(reqwest::header::USER_AGENT, value);
        }
        let (http, http_timeout) = match self.http {
            Some(http) => (http, None),
            // Redirects are followed by `attempt`, which knows which headers
            // are secrets. The timeout is the client's, so a request that
            // keeps it carries none of its own. Retries are the policy's:
            // reqwest's own layer retries only HTTP/2 and HTTP/3 refusals
            // (its `http2` and `http3` features, off here; an idempotent
            // request refused is retried by the policy as any broken
            // connection), and unless told to make no retry it copies every
            // request in case.
            None => (
                with_user_agent(
                    tls_backend(reqwest::Client::builder()),
                    self.default_user_agent,
                )
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .retry(reqwest::retry::never().max_retries_per_request(0))
                .build()
                .map_err(BuildError::Http)?,
                Some(self.timeout),
            ),
        };
        let parts = Parts {
            http,
            transport: self.transport,
            base_url: Arc::new(base_url),
            shared: Arc::new(Shared {
                http_timeout,
                credentials: self.credentials,
                default_headers,
                timeout: self.timeout,
                retry: self.retry,
                hooks: self.hooks,
            }),
            options: RequestOptions::default(),
        };
        Ok(C::from_core(ClientCore {
            parts: Arc::new(parts),
        }))
    }
}

/// The TLS backend the crate's features chose: the platform's where
/// `native-tls` is on (a crate that turns it on asked for it), else
/// rustls, with ring as the process's default provider under
/// `rustls-ring` alone (reqwest then has no provider of its own).
fn tls_backend(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
    {
        // rustls 0.23.48 deprecates ring's provider, which has no
        // post-quantum key exchange; a crate that turns `rustls-ring` on
        // chose it. An error means a provider is installed already: it is
        // used.
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    #[cfg(feature = "native-tls")]
    let builder = builder.tls_backend_native();
    builder
}

/// `builder` sending `user_agent`, as a header value that points at the
/// static string where `from_static` accepts it (visible ASCII): reqwest
/// copies the client's user agent into every request, and a copy of such
/// a value is a pointer copy, where one made at run time is shared through
/// a reference count that every sending thread changes twice per request.
/// Anything else reqwest copies and checks, as it would.
fn with_user_agent(
    builder: reqwest::ClientBuilder,
    user_agent: &'static str,
) -> reqwest::ClientBuilder {
    match static_header_value(user_agent) {
        Some(value) => builder.user_agent(value),
        None => builder.user_agent(user_agent),
    }
}

/// `value` as a header value that points at the static string, if
/// `from_static` accepts it (visible ASCII): copying it is copying a
/// pointer.
fn static_header_value(value: &'static str) -> Option<HeaderValue> {
    value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
        .then(|| HeaderValue::from_static(value))
}

/// A header whose value is hidden from `Debug`, or `None` if invalid.
fn secret_header(name: &str, value: &str) -> Option<(HeaderName, HeaderValue)> {
    let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some((name, value))
}

/// What every generated `Client` holds: the HTTP client, base URL,
/// configuration and per-call options. Cloning is cheap and clones share one
/// connection pool.
#[derive(Clone)]
pub struct ClientCore {
    /// One `Arc`, so that a clone (every call makes one) is one atomic
    /// increment: under many threads calling through one client, each is
    /// contended.
    parts: Arc<Parts>,
}

struct Parts {
    /// Builds every request, and sends it unless `transport` is set.
    http: reqwest::Client,
    /// Sends every request instead of `http`, if set.
    transport: Option<Arc<dyn Transport>>,
    /// Shared with handles of other options, which copy nothing else.
    base_url: Arc<BaseUrl>,
    shared: Arc<Shared>,
    options: RequestOptions,
}

struct Shared {
    /// The timeout `http` applies itself: the client's, where this crate
    /// built it.
    http_timeout: Option<Duration>,
    credentials: Credentials,
    default_headers: HeaderMap,
    timeout: Duration,
    retry: RetryPolicy,
    hooks: Vec<Arc<dyn Hook>>,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.parts.base_url.url().as_str())
            .field("custom_transport", &self.parts.transport.is_some())
            .field("credentials", &self.parts.shared.credentials)
            .field(
                "default_headers",
                &RedactedHeaders(&self.parts.shared.default_headers),
            )
            .field("timeout", &self.parts.shared.timeout)
            .field("retry", &self.parts.shared.retry)
            .field("hooks", &self.parts.shared.hooks.len())
            .field("options", &self.parts.options)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// The URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        self.parts.base_url.url()
    }

    /// The names of the query parameters the per-call options add to
    /// every request.
    pub(crate) fn option_query_names(&self) -> impl Iterator<Item = &str> {
        self.parts
            .options
            .query
            .iter()
            .map(|(name, _)| name.as_str())
    }

    /// A handle whose calls also use `options` (added to any this one has).
    pub fn with_options(&self, options: RequestOptions) -> Self {
        let parts = &self.parts;
        let parts = Parts {
            http: parts.http.clone(),
            transport: parts.transport.clone(),
            base_url: parts.base_url.clone(),
            shared: parts.shared.clone(),
            options: parts.options.merged(options),
        };
        Self {
            parts: Arc::new(parts),
        }
    }

    /// Starts a request to the base URL plus `segments`, each of which is
    /// percent-encoded as one path segment. `path` is the spec's template,
    /// which logs and hooks show instead of the URL.
    ///
    /// A segment of `.` or `..` (a path parameter's value) fails the call
    /// before anything is sent: a URL cannot carry one as a name, as it is
    /// a step in the path, so the request would go to another resource.
    pub fn request(&self, method: Method, path: &'static str, segments: &[&str]) -> Request {
        let mut request = Request::new(method, path, self.parts.base_url.join(segments));
        if let Some(dots) = segments.iter().find(|s| matches!(**s, "." | "..")) {
            request.unsendable = Some(format!(
                "a segment of `{path}` is `{dots}`, which a URL takes as a step in the path, \
                 not a name: the request would go to another resource"
            ));
        }
        request
    }

    /// Adds credentials as `security` requires, sends the request, retrying
    /// as the policy allows, and reads the whole response.
    pub async fn send<E>(
        &self,
        request: Request,
        security: Security,
    ) -> Result<RawResponse, Error<E>> {
        match self.send_traced(request, security, false).await? {
            Received::Whole(response) => Ok(response),
            Received::Head(head) => head.buffer().await,
        }
    }

    /// [`send`](Self::send), but returns as soon as the response head has
    /// arrived, leaving the body to be read as a stream. Retries happen
    /// before the body is read; hooks see the head with an empty body.
    pub async fn send_streaming<E>(
        &self,
        request: Request,
        security: Security,
    ) -> Result<StreamingResponse, Error<E>> {
        match self.send_traced(request, security, true).await? {
            Received::Head(head) => Ok(head),
            Received::Whole(response) => Ok(StreamingResponse::whole(response)),
        }
    }

    async fn send_traced<E>(
        &self,
        request: Request,
        security: Security,
        stream: bool,
    ) -> Result<Received, Error<E>> {
        let span = request_span(&request);
        if span.is_disabled() {
            // Nothing listens: entering and leaving the span on every poll
            // would cost each call for nothing.
            return self.send_in_span(request, security, stream).await;
        }
        self.send_in_span(request, security, stream)
            .instrument(span)
            .await
    }

    async fn send_in_span<E>(
        &self,
        mut request: Request,
        security: Security,
        stream: bool,
    ) -> Result<Received, Error<E>> {
        self.parts
            .shared
            .credentials
            .apply(security, &mut request)
            .await?;
        let (context, outgoing, first) = self.begin(request)?;
        let result = self.attempt(&context, first, &outgoing, stream).await;
        self.retry_after(context, outgoing, result, stream).await
    }

    /// Whether a call can be sent by [`DirectCall`](super::direct::DirectCall):
    /// through `reqwest`, with no hooks and no credential provider, whose
    /// awaits every call would pay for.
    pub(crate) fn sends_directly(&self) -> bool {
        self.parts.transport.is_none()
            && self.parts.shared.hooks.is_empty()
            && self.parts.shared.credentials.provider.is_none()
    }

    /// [`send_in_span`](Self::send_in_span)'s steps up to the first
    /// request, for a client that [`sends_directly`](Self::sends_directly):
    /// its credentials are all at hand, so nothing is awaited.
    pub(crate) fn start_directly<E>(
        &self,
        mut request: Request,
        security: Security,
    ) -> Result<(RequestContext, Outgoing, reqwest::Request), Error<E>> {
        // Without a provider, `apply` completes on its first poll.
        self.parts
            .shared
            .credentials
            .apply(security, &mut request)
            .now_or_never()
            .unwrap_or_else(|| {
                Err(Error::InvalidRequest(
                    "credentials are asked of a provider; this call cannot be sent directly"
                        .to_owned(),
                ))
            })?;
        self.begin(request)
    }

    /// A call's first attempt, once its credentials are on `request`: what
    /// every request of the call is made from, and the first one.
    fn begin<E>(
        &self,
        request: Request,
    ) -> Result<(RequestContext, Outgoing, reqwest::Request), Error<E>> {
        let context = RequestContext {
            method: request.method.clone(),
            path: request.path,
            attempt: 1,
        };
        let mut outgoing = self.build(request)?;
        let first = self
            .first_request(&mut outgoing)
            .map_err(Error::InvalidRequest)?;
        Ok((context, outgoing, first))
    }

    /// The first request made of `outgoing`, with this client's default
    /// headers (see [`Outgoing::first_request`]).
    pub(crate) fn first_request(
        &self,
        outgoing: &mut Outgoing,
    ) -> Result<reqwest::Request, String> {
        outgoing.first_request(&self.parts.shared.default_headers)
    }

    /// The next request made of `outgoing`, with this client's default
    /// headers (see [`Outgoing::request`]).
    fn next_request(&self, outgoing: &mut Outgoing) -> Result<Option<reqwest::Request>, String> {
        outgoing.request(&self.parts.shared.default_headers)
    }

    /// Sends `request` through `reqwest` (no custom transport), as a
    /// future of a type that can be named.
    pub(crate) fn send_directly(&self, request: reqwest::Request) -> DirectPending {
        tower_service::Service::call(&mut &self.parts.http, request)
    }

    /// What a call does after the attempt that gave `result`: retries as
    /// the policy allows, or returns `result`.
    pub(crate) async fn retry_after<E>(
        &self,
        mut context: RequestContext,
        mut outgoing: Outgoing,
        mut result: Result<Received, TransportError>,
        stream: bool,
    ) -> Result<Received, Error<E>> {
        let policy = self.parts.options.retry.unwrap_or(self.parts.shared.retry);
        let may_retry = policy.allows(&context.method);
        loop {
            let attempt = context.attempt;
            let retries_left = may_retry && attempt <= policy.max_retries;
            let wait = match &result {
                Ok(response) if is_retryable_status(response.status()) => {
                    policy.delay(attempt, Some(response.headers()))
                }
                Err(error) if error.is_broken_connection() => policy.delay(attempt, None),
                _ => None,
            };
            let Some(wait) = wait.filter(|_| retries_left) else {
                return result.map_err(Error::transport);
            };
            // The request is made again only now that a retry is due.
            match self.next_request(&mut outgoing) {
                Ok(Some(request)) => {
                    tracing::info!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    context.attempt += 1;
                    result = self.attempt(&context, request, &outgoing, stream).await;
                }
                Ok(None) => {
                    tracing::warn!(
                        attempt,
                        "not retried: the request body is a stream, which is sent once"
                    );
                    return result.map_err(Error::transport);
                }
                Err(problem) => {
                    tracing::warn!(
                        attempt,
                        problem,
                        "not retried: the body cannot be made again"
                    );
                    return result.map_err(Error::transport);
                }
            }
        }
    }

    /// What each request of the call is made from: the operation's
    /// headers, then the per-call options, each replacing headers of the
    /// same name (the client's default headers go under both as each
    /// request is made); the body, and the timeout where the HTTP client
    /// does not apply it already.
    pub(crate) fn build<E>(&self, request: Request) -> Result<Outgoing, Error<E>> {
        let Request {
            method,
            path: _,
            mut url,
            headers: operation_headers,
            mut common,
            body,
            unsendable,
        } = request;
        if let Some(problem) = unsendable {
            return Err(Error::InvalidRequest(problem));
        }
        // The client's default headers are put on each request as it is
        // made, under these.
        let mut headers = operation_headers;
        if !self.parts.options.headers.is_empty() {
            let mut option_headers = HeaderMap::new();
            for (name, value) in &self.parts.options.headers {
                let (name, value) = secret_header(name, value.expose()).ok_or_else(|| {
                    Error::InvalidRequest(format!(
                        "request option header `{name}` is not valid in HTTP"
                    ))
                })?;
                option_headers.append(name, value);
            }
            common.give_way_to(&option_headers);
            overwrite(&mut headers, option_headers);
        }
        if !self.parts.options.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.parts.options.query {
                pairs.append_pair(name, value.expose());
            }
        }
        let timeout = self
            .parts
            .options
            .timeout
            .unwrap_or(self.parts.shared.timeout);
        // A custom transport is told the timeout on every request.
        let own_timeout =
            self.parts.transport.is_some() || self.parts.shared.http_timeout != Some(timeout);
        Ok(Outgoing::new(
            method,
            url,
            headers,
            common,
            body,
            own_timeout.then_some(timeout),
            self.parts.options.upload_progress.clone(),
        ))
    }

    /// Sends one request through the transport: `reqwest`, or the one set
    /// with [`ClientBuilder::transport`].
    async fn execute(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, TransportError> {
        match &self.parts.transport {
            None => self
                .parts
                .http
                .execute(request)
                .await
                .map_err(TransportError::from),
            Some(transport) => transport.send(request).await,
        }
    }

    /// Sends `request`, follows redirects (made from `redirects_from`),
    /// and reads the whole body unless `stream`.
    async fn exchange(
        &self,
        request: reqwest::Request,
        redirects_from: &Outgoing,
        stream: bool,
    ) -> Result<Received, TransportError> {
        let response = self.execute(request).await?;
        self.received(response, redirects_from, stream).await
    }

    /// What an exchange goes on with once `response` has come: its
    /// redirects, followed (made from `redirects_from`), and the body of
    /// the last response, read whole unless `stream`.
    pub(crate) async fn received(
        &self,
        mut response: reqwest::Response,
        redirects_from: &Outgoing,
        stream: bool,
    ) -> Result<Received, TransportError> {
        let mut hop: Option<Outgoing> = None;
        let mut hops = 0;
        // A body that cannot be made again ends the chain at the 3xx.
        while hops < MAX_REDIRECTS {
            let from = hop.as_ref().unwrap_or(redirects_from);
            let Some(mut next) = from.redirected(&response) else {
                break;
            };
            let Ok(Some(request)) = self.next_request(&mut next) else {
                break;
            };
            response = self.execute(request).await?;
            hop = Some(next);
            hops += 1;
        }
        if stream {
            return Ok(Received::Head(StreamingResponse::live(response)));
        }
        ReadWhole::new(response).await.map(Received::Whole)
    }

    /// One attempt: hooks, send, follow redirects, read the whole body
    /// (unless `stream`), log. `outgoing` is what the request was made
    /// from, and what a redirect's requests are made from.
    async fn attempt(
        &self,
        context: &RequestContext,
        mut request: reqwest::Request,
        outgoing: &Outgoing,
        stream: bool,
    ) -> Result<Received, TransportError> {
        for hook in &self.parts.shared.hooks {
            hook.before_request(context, &mut request);
        }
        // A redirect goes on from the request as the hooks left it.
        let hooked = (!self.parts.shared.hooks.is_empty()).then(|| outgoing.as_sent(&request));
        let redirects_from = hooked.as_ref().unwrap_or(outgoing);
        // `reqwest` enforces the timeout itself; around another transport
        // the client does. (Each branch makes its own exchange future, so
        // the attempt's future holds one, not a moved copy as well.)
        let limit = self
            .parts
            .transport
            .as_ref()
            .and(request.timeout().copied());
        let started = Instant::now();
        let result = match limit {
            None => self.exchange(request, redirects_from, stream).await,
            Some(limit) => {
                tokio::time::timeout(limit, self.exchange(request, redirects_from, stream))
                    .await
                    .unwrap_or_else(|_| Err(TransportError::timeout()))
            }
        };
        self.attempted(context, &result, started.elapsed());
        result
    }

    /// What follows every attempt, `elapsed` after it started: a debug
    /// event, and the hooks' `after_response`.
    pub(crate) fn attempted(
        &self,
        context: &RequestContext,
        result: &Result<Received, TransportError>,
        elapsed: Duration,
    ) {
        let elapsed_ms = elapsed.as_millis() as u64;
        match result {
            Ok(response) => {
                tracing::debug!(
                    attempt = context.attempt,
                    status = response.status().as_u16(),
                    elapsed_ms,
                    "response"
                );
                if !self.parts.shared.hooks.is_empty() {
                    let seen = response.for_hooks();
                    for hook in &self.parts.shared.hooks {
                        hook.after_response(context, &seen, elapsed);
                    }
                }
            }
            // reqwest's own message names the URL, which can carry secrets.
            Err(error) => tracing::debug!(
                attempt = context.attempt,
                error = error.kind_word(),
                elapsed_ms,
                "failed"
            ),
        }
    }
}

/// The span of one call, `http_request`, with its method and the spec's
/// path.
pub(crate) fn request_span(request: &Request) -> tracing::Span {
    tracing::debug_span!("http_request", method = %request.method, path = request.path)
}

/// The future of one request sent through `reqwest`.
pub(crate) type DirectPending =
    <reqwest::Client as tower_service::Service<reqwest::Request>>::Future;

/// Inserts every header of `from` into `into`, replacing same-named ones.
fn overwrite(into: &mut HeaderMap, from: HeaderMap) {
    for name in from.keys() {
        into.remove(name);
    }
    into.extend(from);
}

/// How many redirects one attempt follows.
const MAX_REDIRECTS: usize = 10;

/// Removes the query parameters whose names `drop` picks. A URL that has
/// none of them is left as it is, byte for byte (its other pairs are
/// re-encoded otherwise).
pub(crate) fn remove_query(url: &mut Url, drop: impl Fn(&str) -> bool) {
    if !url.query_pairs().any(|(name, _)| drop(&name)) {
        return;
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !drop(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    url.set_query(None);
    if !kept.is_empty() {
        url.query_pairs_mut().extend_pairs(kept);
    }
}

/// Sets a query parameter: replaces every pair of that name (or adds
/// one), leaving the others as they are.
pub(crate) fn replace_query(url: &mut Url, name: &str, value: &str) {
    remove_query(url, |key| key == name);
    url.query_pairs_mut().append_pair(name, value);
}

/// A request being built by a generated method.
pub struct Request {
    method: Method,
    path: &'static str,
    url: Url,
    /// Every header but the [`CommonHeaders`].
    headers: HeaderMap,
    common: CommonHeaders,
    body: Option<Payload>,
    /// Why the request must not be sent, found as it was made.
    unsendable: Option<String>,
}

impl Request {
    pub(crate) fn new(method: Method, path: &'static str, url: Url) -> Self {
        Self {
            method,
            path,
            url,
            headers: HeaderMap::new(),
            common: CommonHeaders::default(),
            body: None,
            unsendable: None,
        }
    }

    /// Appends a query parameter, percent-encoded.
    pub fn query(&mut self, name: &str, value: impl fmt::Display) {
        self.url
            .query_pairs_mut()
            .append_pair(name, &value.to_string());
    }

    /// Appends an array query parameter: repeated (`separator` `None`, form
    /// style exploded) or joined by `separator`.
    pub fn query_list<T: fmt::Display>(
        &mut self,
        name: &str,
        values: &[T],
        separator: Option<char>,
    ) {
        match separator {
            None => values.iter().for_each(|value| self.query(name, value)),
            Some(separator) => self.query_joined(name, &strings(values), separator),
        }
    }

    /// Appends `name=v1,v2,v3`: each value encoded, the separator itself
    /// left as it is (RFC 6570), so a server that splits before decoding
    /// sees each value; a separator inside a value is encoded.
    fn query_joined(&mut self, name: &str, values: &[String], separator: char) {
        let pair = query_pair(name, values, separator);
        let query = match self.url.query() {
            Some(query) if !query.is_empty() => format!("{query}&{pair}"),
            _ => pair,
        };
        self.url.set_query(Some(&query));
    }

    /// Appends an object query parameter: `name[key]=value` pairs (`deep`),
    /// each property as its own parameter (`explode`), or
    /// `name=k1,v1,k2,v2`.
    pub fn query_object<E>(
        &mut self,
        name: &str,
        value: &impl Serialize,
        deep: bool,
        explode: bool,
    ) -> Result<(), Error<E>> {
        let pairs = object_pairs(name, value)?;
        if deep {
            pairs
                .iter()
                .for_each(|(key, value)| self.query(&format!("{name}[{key}]"), value));
        } else if explode {
            pairs.iter().for_each(|(key, value)| self.query(key, value));
        } else {
            self.query_joined(name, &flat_pairs(pairs), ',');
        }
        Ok(())
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
        self.insert_header(header, header_value);
        Ok(())
    }

    /// Adds a cookie to the `Cookie` header.
    pub fn cookie<E>(&mut self, name: &str, value: impl fmt::Display) -> Result<(), Error<E>> {
        let pair = format!("{name}={value}");
        let cookie = match self.headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
            Some(existing) => format!("{existing}; {pair}"),
            None => pair,
        };
        self.set_secret_header(COOKIE.as_str(), &cookie)
    }

    /// Sets header `name`, replacing the value the request had.
    fn insert_header(&mut self, name: HeaderName, value: HeaderValue) {
        if let Some(slot) = self.common.slot(&name) {
            *slot = Some(value);
        } else {
            self.headers.insert(name, value);
        }
    }

    /// Asks for `value` as `Accept`, replacing what the request asked for.
    pub(crate) fn set_accept(&mut self, value: HeaderValue) {
        self.insert_header(ACCEPT, value);
    }

    /// Asks for a JSON response.
    pub fn accept_json(&mut self) {
        self.set_accept(HeaderValue::from_static("application/json"));
    }

    /// Asks for server-sent events.
    pub fn accept_events(&mut self) {
        self.set_accept(HeaderValue::from_static("text/event-stream"));
    }

    /// Sends `value` as a JSON body of the given media type.
    pub fn json_body<E>(
        &mut self,
        media_type: &'static str,
        value: &impl Serialize,
    ) -> Result<(), Error<E>> {
        let json = serde_json::to_vec(value).map_err(|e| invalid_parameter("body", e))?;
        self.bytes_body(media_type, json);
        Ok(())
    }

    /// Sends `value` as an `application/x-www-form-urlencoded` body: each
    /// property as a pair, encoded as `encodings` says for it (exploded
    /// `form` style for any it does not name).
    pub fn form_body<E>(
        &mut self,
        media_type: &'static str,
        value: &impl Serialize,
        encodings: &[(&str, FormStyle)],
    ) -> Result<(), Error<E>> {
        let form = form_text(value, encodings).map_err(|e| invalid_parameter("body", e))?;
        self.bytes_body(media_type, form);
        Ok(())
    }

    /// Sends `body` as it is, with the given media type (the generator only
    /// emits media types that are valid header values; any other is sent as
    /// `application/octet-stream` rather than panic).
    pub fn bytes_body(&mut self, media_type: &'static str, body: impl Into<Bytes>) {
        let content_type = static_header_value(media_type)
            .or_else(|| HeaderValue::from_str(media_type).ok())
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        self.insert_header(CONTENT_TYPE, content_type);
        self.body = Some(Payload::Bytes(body.into()));
    }

    /// Sends a binary body: bytes, a file read as it is sent, or a stream
    /// (which, sent once, is never retried).
    pub fn binary_body(&mut self, media_type: &'static str, body: impl Into<BinaryBody>) {
        let payload = match body.into().0 {
            BinaryPayload::Bytes(bytes) => Payload::Bytes(bytes),
            BinaryPayload::Stream(stream) => Payload::Stream(stream),
            BinaryPayload::Upload(source) => Payload::Segments(vec![source]),
        };
        self.bytes_body(media_type, Bytes::new());
        self.body = Some(payload);
    }

    /// Sends a `multipart/form-data` body. One made of bytes and paths is
    /// made anew for a retry or a redirect; one with a stream is sent once.
    pub fn multipart_body<E>(&mut self, form: Multipart) -> Result<(), Error<E>> {
        if let Some(problem) = form.error() {
            return Err(Error::InvalidRequest(problem.to_owned()));
        }
        let content_type = HeaderValue::from_str(&form.content_type())
            .expect("a boundary is ASCII letters and digits");
        self.insert_header(CONTENT_TYPE, content_type);
        self.body = Some(Payload::Segments(form.into_segments()));
        Ok(())
    }

    /// Sets a header that carries a credential, `value` becoming the
    /// header's value without a copy: hidden from `Debug`, and its value
    /// never appears in an error.
    pub(crate) fn set_credential<E>(
        &mut self,
        name: HeaderName,
        value: String,
    ) -> Result<(), Error<E>> {
        let mut value = HeaderValue::try_from(value).map_err(|_| {
            Error::InvalidRequest(format!(
                "the value for header `{name}` is not valid in HTTP"
            ))
        })?;
        value.set_sensitive(true);
        self.insert_header(name, value);
        Ok(())
    }

    /// Sets a header that carries a credential: hidden from `Debug`, and its
    /// value never appears in an error.
    pub(crate) fn set_secret_header<E>(&mut self, name: &str, value: &str) -> Result<(), Error<E>> {
        let (name, value) = secret_header(name, value).ok_or_else(|| {
            Error::InvalidRequest(format!(
                "the value for header `{name}` is not valid in HTTP"
            ))
        })?;
        self.insert_header(name, value);
        Ok(())
    }

    /// The URL the request goes to (before credentials and per-call
    /// query options are added).
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// Sends the request to `url` instead, as it is.
    pub(crate) fn set_url(&mut self, url: Url) {
        self.url = url;
    }

    /// A copy to send again, unless the body holds a stream, which can
    /// only be sent once.
    pub(crate) fn try_clone(&self) -> Option<Request> {
        let body = match &self.body {
            None => None,
            Some(payload) => Some(payload.try_clone()?),
        };
        Some(Self {
            method: self.method.clone(),
            path: self.path,
            url: self.url.clone(),
            headers: self.headers.clone(),
            common: self.common.clone(),
            body,
            unsendable: self.unsendable.clone(),
        })
    }

    /// Its headers as a request made of it carries them, before the
    /// client's default and option headers.
    #[cfg(test)]
    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = self.headers.clone();
        self.common.put_on(&mut headers);
        headers
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
            .field("common_headers", &self.common)
            .finish_non_exhaustive()
    }
}

/// With ring alone, reqwest has no rustls provider of its own: the one
/// installed when a client is built must serve.
#[cfg(all(test, feature = "rustls-ring", not(feature = "rustls")))]
mod ring_tests {
    #[tokio::test]
    async fn ring_alone_is_installed_and_reaches_a_tls_connection() {
        let http = super::tls_backend(reqwest::Client::builder())
            .build()
            .expect("a client with ring");
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        // Nothing listens there: the connection fails, nothing panics.
        let error = http.get("https://127.0.0.1:9/").send().await.unwrap_err();
        assert!(error.is_connect(), "{error:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_replaced_or_dropped_by_name() {
        let written = "https://x/a?cursor=1&q=a%2Cb&cursor=2";
        let mut url = Url::parse(written).unwrap();
        remove_query(&mut url, |name| name == "other");
        assert_eq!(url.as_str(), written, "untouched without a match");

        replace_query(&mut url, "cursor", "3");
        assert_eq!(url.as_str(), "https://x/a?q=a%2Cb&cursor=3");

        let mut url = Url::parse("https://x/a?api_key=k").unwrap();
        remove_query(&mut url, |name| name == "api_key");
        assert_eq!(url.as_str(), "https://x/a");
    }
}
