//! Responses: the typed value with its status, headers and raw body, and the
//! decoding steps generated methods choose between per status.

use std::fmt;
use std::ops::Deref;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::error::Error;
use super::redact::RedactedHeaders;

/// A decoded response value, with the status, headers and raw body it came
/// from. Dereferences to the value.
pub struct ResponseValue<T> {
    value: T,
    raw: RawResponse,
}

impl<T> ResponseValue<T> {
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

    /// Success with a JSON body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let value = self.decode()?;
        Ok(ResponseValue { value, raw: self })
    }

    /// Success with a JSON body, wrapped, e.g. in a response enum variant.
    pub fn json_into<B: DeserializeOwned, T, E>(
        self,
        wrap: impl FnOnce(B) -> T,
    ) -> Result<ResponseValue<T>, Error<E>> {
        self.json::<B, E>().map(|value| value.map(wrap))
    }

    /// Success whose value does not depend on the body (`()`, or a unit
    /// variant of a response enum).
    pub fn value<T, E>(self, value: T) -> Result<ResponseValue<T>, Error<E>> {
        Ok(ResponseValue { value, raw: self })
    }

    /// A documented error whose value does not depend on the body.
    pub fn error<T, E>(self, value: E) -> Result<T, Error<E>> {
        Err(Error::Api(Box::new(ResponseValue { value, raw: self })))
    }

    /// A documented error with a JSON body.
    pub fn error_json<B: DeserializeOwned, T, E>(
        self,
        wrap: impl FnOnce(B) -> E,
    ) -> Result<T, Error<E>> {
        let body = self.decode()?;
        self.error(wrap(body))
    }

    /// A status the spec does not document.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self)))
    }

    fn decode<B: DeserializeOwned, E>(&self) -> Result<B, Error<E>> {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Error::Decode {
            path: e.path().to_string(),
            source: e.into_inner(),
            response: Box::new(self.clone()),
        })
    }
}
