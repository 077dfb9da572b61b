//! Responses: the typed value with its status, headers and raw body, and the
//! decoding steps generated methods choose between per status.

use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http_body_util::BodyExt as _;
use http_body_util::combinators::Collect;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::decode::Decode;
use super::error::Error;
use super::redact::RedactedHeaders;
use super::transport::TransportError;

/// A decoded response value, with the status, headers and raw body it came
/// from. Dereferences to the value.
pub struct ResponseValue<T> {
    value: T,
    raw: RawResponse,
}

impl<T> ResponseValue<T> {
    pub(crate) fn new(value: T, raw: RawResponse) -> Self {
        Self { value, raw }
    }

    /// The response the value was decoded from.
    pub(crate) fn into_raw(self) -> RawResponse {
        self.raw
    }

    /// The decoded value, to change in place.
    pub(crate) fn value_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.raw.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.raw.headers
    }

    /// The response body as received.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw.body
    }

    /// The value transformed, keeping status, headers and body.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            value: f(self.value),
            raw: self.raw,
        }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for ResponseValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseValue")
            .field("value", &self.value)
            .field("status", &self.raw.status)
            .field("headers", &RedactedHeaders(&self.raw.headers))
            .finish_non_exhaustive()
    }
}

/// A response as received: status, headers and the whole body.
#[derive(Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl RawResponse {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Status, headers and body, taken apart.
    pub(crate) fn into_parts(self) -> (StatusCode, HeaderMap, Bytes) {
        (self.status, self.headers, self.body)
    }

    /// A documented success: the body decoded by `D`, wrapped (in a
    /// response enum variant, or not at all).
    pub fn ok<D: Decode<B>, B, T, E>(
        self,
        _: D,
        wrap: impl FnOnce(B) -> T,
    ) -> Result<ResponseValue<T>, Error<E>> {
        let value = wrap(self.decode::<D, B, E>()?);
        Ok(ResponseValue { value, raw: self })
    }

    /// A documented error: the body decoded by `D`, wrapped in the
    /// operation's error enum.
    pub fn err<D: Decode<B>, B, T, E>(
        self,
        _: D,
        wrap: impl FnOnce(B) -> E,
    ) -> Result<T, Error<E>> {
        let value = wrap(self.decode::<D, B, E>()?);
        Err(Error::Api(Box::new(ResponseValue { value, raw: self })))
    }

    /// A status the spec does not document.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self)))
    }

    fn decode<D: Decode<B>, B, E>(&self) -> Result<B, Error<E>> {
        D::decode(&self.body).map_err(|(path, detail)| Error::Decode {
            path,
            detail,
            response: Box::new(self.clone()),
        })
    }
}

/// Reads a response's whole body: the future every path that reads one
/// whole awaits (a type that can be named, so a hand-written future can
/// hold it). A body cut short is a transport error, as is a timeout.
pub(crate) struct ReadWhole {
    status: StatusCode,
    headers: HeaderMap,
    body: Collect<reqwest::Body>,
}

impl ReadWhole {
    pub(crate) fn new(mut response: reqwest::Response) -> Self {
        Self {
            status: response.status(),
            headers: std::mem::take(response.headers_mut()),
            body: reqwest::Body::from(response).collect(),
        }
    }
}

impl Future for ReadWhole {
    type Output = Result<RawResponse, TransportError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let read = ready!(Pin::new(&mut self.body).poll(cx))?;
        let headers = std::mem::take(&mut self.headers);
        Poll::Ready(Ok(RawResponse::new(self.status, headers, read.to_bytes())))
    }
}
