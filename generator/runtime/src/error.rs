//! The errors of building a client and of calling an operation.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::response::{RawResponse, ResponseValue};
use super::transport::TransportError;

/// The error of an operation whose documented error responses decode into
/// `E`. Messages never contain the request URL or credentials.
#[derive(Debug, thiserror::Error)]
pub enum Error<E> {
    /// The server answered with a status the spec documents as an error.
    /// (Responses are boxed to keep `Result`s small.)
    #[error("the server answered with documented error status {}", .0.status())]
    Api(Box<ResponseValue<E>>),
    /// The server answered with a status the spec does not document.
    #[error("the server answered with undocumented status {}", .0.status())]
    UnexpectedStatus(Box<RawResponse>),
    /// The body does not match the spec's schema for its status. `Display`
    /// names the status and the path but no content of the body, which may
    /// echo secrets; `detail` (the decoder's message, which may quote the
    /// body) is not the error's `source()`, so error-chain loggers do not
    /// print it either.
    #[error("the {} response body does not match the spec at `{path}`", .response.status())]
    Decode {
        /// The response, with its raw body.
        response: Box<RawResponse>,
        /// Where in the body decoding failed, e.g. `user.id` (`.` for the
        /// whole body).
        path: String,
        /// What was wrong there, in the decoder's words. It may quote the
        /// body: treat it like the body.
        detail: super::auth::BoxError,
    },
    /// The operation requires credentials the client does not have. Nothing
    /// was sent.
    #[error("no credentials configured for security scheme(s) {schemes}; the request was not sent")]
    MissingCredentials {
        /// The security schemes that would have satisfied the operation.
        schemes: String,
    },
    /// The credential provider failed. Nothing was sent.
    #[error("the credential provider failed for security scheme `{scheme}`: {source}")]
    Credentials {
        /// The security scheme asked for.
        scheme: &'static str,
        /// The provider's error.
        source: super::auth::BoxError,
    },
    /// A parameter value cannot be sent, e.g. a header value with a newline.
    /// Nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The request could not be sent or the response could not be read
    /// (connection, TLS, timeout, a body cut short). A broken body is this,
    /// never `Decode`. Its `kind()` says which; its `source()` is the
    /// transport's own error (`reqwest`'s, without the URL).
    #[error("the request failed: {0}")]
    Transport(#[source] TransportError),
    /// The next page of a paginated call cannot be asked for: its link
    /// leads to another origin (never sent the client's credentials), the
    /// server gave the same next page again, or the request's body cannot
    /// be sent twice. The pages before it were returned.
    #[error("the next page was not asked for: {0}")]
    Paging(String),
}

impl<E> Error<E> {
    /// Wraps a transport's error (a `reqwest` error loses its URL: a query
    /// string can carry secrets).
    pub(crate) fn transport(error: impl Into<TransportError>) -> Self {
        Self::Transport(error.into())
    }

    /// The typed error of a documented error status ([`Error::Api`]), by
    /// reference: `if let Some(MyOpError::NotFound(body)) = error.api()`.
    pub fn api(&self) -> Option<&E> {
        match self {
            Self::Api(value) => Some(&**value),
            _ => None,
        }
    }

    /// The response of a documented error status, or the error itself if
    /// it is another kind.
    pub fn into_api(self) -> Result<ResponseValue<E>, Self> {
        match self {
            Self::Api(value) => Ok(*value),
            other => Err(other),
        }
    }

    /// Whether the request timed out (see `ClientBuilder::timeout`).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Transport(error) if error.is_timeout())
    }

    /// The HTTP status, if a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(value) => Some(value.status()),
            Self::UnexpectedStatus(response) | Self::Decode { response, .. } => {
                Some(response.status())
            }
            _ => None,
        }
    }

    /// The response headers, if a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::Api(value) => Some(value.headers()),
            Self::UnexpectedStatus(response) | Self::Decode { response, .. } => {
                Some(response.headers())
            }
            _ => None,
        }
    }

    /// The raw response body, if a response was received.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Self::Api(value) => Some(value.raw_body()),
            Self::UnexpectedStatus(response) | Self::Decode { response, .. } => {
                Some(response.body())
            }
            _ => None,
        }
    }

    /// The response body as JSON, if a response was received and its body
    /// is JSON: what a server sent that did not match the spec (with
    /// [`Error::Decode`]'s `path` saying where) is still the caller's to
    /// read.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.raw_body()?).ok()
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The spec declares no server and no base URL was given.
    #[error("no base URL: the spec declares no server, so set one with `base_url`")]
    NoBaseUrl,
    /// The base URL is not an absolute http(s) URL.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A default header name or value is not valid in HTTP.
    #[error("invalid default header `{name}`")]
    InvalidHeader {
        /// The header name given.
        name: String,
    },
    /// `reqwest` could not build its client (e.g. TLS initialisation).
    #[error("could not build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}
