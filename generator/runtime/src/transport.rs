//! The seam below the client: what sends one HTTP request and returns its
//! response. Everything the client does (credentials, retries, redirects,
//! hooks, timeouts, tracing) happens above it, so a transport sees each
//! request exactly as it would go on the wire, and a test transport (a
//! fake, a recorder) exercises all of that behaviour without a socket.

use std::error::Error as StdError;
use std::fmt;

use super::auth::{BoxError, BoxFuture};

/// Sends one HTTP request as it is, and returns the response as soon as
/// its head has arrived, the body still to be read: one exchange, no
/// redirects followed, no retries. Set with `ClientBuilder::transport`; the
/// default is `reqwest` (`ClientBuilder::http_client` configures it).
///
/// A response is a `reqwest::Response`, which an `http::Response` of any
/// body `reqwest::Body` can be made from converts into
/// (`reqwest::Response::from`): bytes, or a stream of chunks
/// (`reqwest::Body::wrap_stream`), whose error stands for a connection
/// that broke while the body was read.
///
/// The client enforces its timeout around a custom transport (the request
/// carries it too, as [`reqwest::Request::timeout`]): from sending the
/// request to reading the whole body, as `reqwest` does.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and returns the response head, or why there is none.
    fn send(
        &self,
        request: reqwest::Request,
    ) -> BoxFuture<'_, Result<reqwest::Response, TransportError>>;
}

/// A shared transport, e.g. a fake the test also holds to check calls.
impl<T: Transport> Transport for std::sync::Arc<T> {
    fn send(
        &self,
        request: reqwest::Request,
    ) -> BoxFuture<'_, Result<reqwest::Response, TransportError>> {
        (**self).send(request)
    }
}

/// Why an HTTP exchange failed: no response, or a body cut short. Its
/// message never holds the request URL, which can carry secrets.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    /// A connection attempt that timed out: `Connect` (nothing was sent, so
    /// it is retried) and a timeout.
    timed_out: bool,
    source: Option<BoxError>,
}

/// What kind of failure a [`TransportError`] is: what decides whether the
/// request is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: nothing was sent. Retried for
    /// idempotent requests.
    Connect,
    /// The exchange took longer than the timeout. Not retried: the server
    /// may be working on it.
    Timeout,
    /// The connection broke before a response arrived. Retried for
    /// idempotent requests.
    Request,
    /// The connection broke while the response body was read. Retried for
    /// idempotent requests.
    Body,
    /// Anything else (TLS, a request that cannot be sent). Not retried.
    Other,
}

impl TransportError {
    /// A failure of `kind`, caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        Self {
            kind,
            timed_out: kind == TransportErrorKind::Timeout,
            source: Some(source.into()),
        }
    }

    /// A timeout.
    pub fn timeout() -> Self {
        Self {
            kind: TransportErrorKind::Timeout,
            timed_out: true,
            source: None,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the exchange (or the connection attempt) timed out.
    pub fn is_timeout(&self) -> bool {
        self.timed_out
    }

    /// Whether the connection could not be made or broke (before or during
    /// the response): worth another attempt for an idempotent request.
    pub(crate) fn is_broken_connection(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Request | TransportErrorKind::Body
        )
    }

    /// The kind in one word, for logs.
    pub(crate) fn kind_word(&self) -> &'static str {
        match self.kind {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Request => "request",
            TransportErrorKind::Body => "body",
            TransportErrorKind::Other => "other",
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect if self.timed_out => "could not connect: timed out",
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Body => "the connection broke while the response body was read",
            TransportErrorKind::Request => "the connection failed before a response arrived",
            TransportErrorKind::Other => "the HTTP exchange failed",
        })
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A `reqwest` error, its URL dropped, classified as the retry policy
/// needs: `reqwest` calls a body cut short a decoding error, and a
/// connection refused a request error with a connect cause.
impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        // A connection attempt that timed out sent nothing: a connect
        // failure (retried) that is also a timeout.
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_body() || error.is_decode() {
            TransportErrorKind::Body
        } else if error.is_request() {
            TransportErrorKind::Request
        } else {
            TransportErrorKind::Other
        };
        Self {
            kind,
            timed_out: error.is_timeout(),
            source: Some(Box::new(error.without_url())),
        }
    }
}
