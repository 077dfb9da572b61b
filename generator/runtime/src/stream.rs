//! Bodies read as they travel: binary downloads of any size with flat
//! memory, and binary uploads from a stream or a file.

use std::borrow::Cow;
use std::io;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::error::Error;
use super::response::{RawResponse, ResponseValue};

/// What one attempt received: the whole response, or its head with the body
/// still to be read.
pub(crate) enum Received {
    Whole(RawResponse),
    Head(StreamingResponse),
}

impl Received {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::Whole(response) => response.status(),
            Self::Head(head) => head.status,
        }
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        match self {
            Self::Whole(response) => response.headers(),
            Self::Head(head) => &head.headers,
        }
    }

    /// What hooks see: the response, or for a stream its head with an
    /// empty body.
    pub(crate) fn for_hooks(&self) -> Cow<'_, RawResponse> {
        match self {
            Self::Whole(response) => Cow::Borrowed(response),
            Self::Head(head) => Cow::Owned(RawResponse::new(
                head.status,
                head.headers.clone(),
                Bytes::new(),
            )),
        }
    }
}

/// A response whose body has not been read yet (see
/// `ClientCore::send_streaming`).
pub struct StreamingResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Source,
}

enum Source {
    Live(reqwest::Response),
    /// Already read (a response that arrived whole).
    Read(Option<Bytes>),
}

impl StreamingResponse {
    pub(crate) fn live(response: reqwest::Response) -> Self {
        Self {
            status: response.status(),
            headers: response.headers().clone(),
            body: Source::Live(response),
        }
    }

    pub(crate) fn whole(response: RawResponse) -> Self {
        let (status, headers, body) = response.into_parts();
        Self {
            status,
            headers,
            body: Source::Read(Some(body)),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body as a stream, with the status and headers (its `raw_body()`
    /// is empty: the body is in the stream).
    pub fn into_stream(self) -> ResponseValue<ByteStream> {
        let raw = RawResponse::new(self.status, self.headers, Bytes::new());
        ResponseValue::new(ByteStream { body: self.body }, raw)
    }

    /// The body as server-sent events, their data decoded by `decode`.
    pub fn into_events<T>(
        self,
        decode: super::events::DecodeData<T>,
    ) -> ResponseValue<super::events::EventStream<T>> {
        self.into_stream()
            .map(|body| super::events::EventStream::new(body, decode))
    }

    /// Reads the whole body, for a status that is decoded as usual.
    pub async fn buffer<E>(self) -> Result<RawResponse, Error<E>> {
        let body = match self.body {
            Source::Live(response) => response.bytes().await.map_err(Error::transport)?,
            Source::Read(body) => body.unwrap_or_default(),
        };
        Ok(RawResponse::new(self.status, self.headers, body))
    }
}

/// A response body read chunk by chunk as it arrives, so a download of any
/// size needs only a chunk's memory at a time. The client's timeout still
/// covers the whole exchange: raise it with `RequestOptions::timeout` for
/// long downloads.
pub struct ByteStream {
    body: Source,
}

impl ByteStream {
    /// A stream of bytes already in memory.
    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: Bytes) -> Self {
        Self {
            body: Source::Read(Some(bytes)),
        }
    }

    /// The next chunk of the body, or `None` at its end. An error (an
    /// `io::Error`, as file and socket writes have, of kind `TimedOut` for a
    /// timeout) means the connection broke or timed out and the body is
    /// incomplete; its message never holds the URL.
    pub async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        match &mut self.body {
            Source::Live(response) => response.chunk().await.map_err(|error| {
                let kind = if error.is_timeout() {
                    io::ErrorKind::TimedOut
                } else {
                    io::ErrorKind::Other
                };
                io::Error::new(kind, error.without_url())
            }),
            Source::Read(body) => Ok(body.take().filter(|b| !b.is_empty())),
        }
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(mut self) -> io::Result<Bytes> {
        let mut all = bytes::BytesMut::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}

/// A binary request body: bytes in memory, or a stream or file read as it
/// is sent. A streamed body is sent once: its request is never retried, and
/// a redirect ends at the 3xx.
pub struct BinaryBody(pub(crate) BinaryPayload);

pub(crate) enum BinaryPayload {
    Bytes(Bytes),
    Stream(reqwest::Body),
}

impl BinaryBody {
    /// The contents of `file`, read as they are sent.
    pub fn from_file(file: tokio::fs::File) -> Self {
        Self(BinaryPayload::Stream(reqwest::Body::from(file)))
    }

    /// Any `reqwest` body, e.g. `reqwest::Body::wrap_stream(chunks)` (see
    /// `runtime::reqwest`), sent as a stream.
    pub fn from_stream(body: reqwest::Body) -> Self {
        Self(BinaryPayload::Stream(body))
    }
}

impl From<Bytes> for BinaryBody {
    fn from(bytes: Bytes) -> Self {
        Self(BinaryPayload::Bytes(bytes))
    }
}

impl From<Vec<u8>> for BinaryBody {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::from(bytes).into()
    }
}

impl From<&'static [u8]> for BinaryBody {
    fn from(bytes: &'static [u8]) -> Self {
        Bytes::from_static(bytes).into()
    }
}

impl From<String> for BinaryBody {
    fn from(text: String) -> Self {
        Bytes::from(text).into()
    }
}

impl std::fmt::Debug for BinaryBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            BinaryPayload::Bytes(bytes) => write!(f, "BinaryBody({} bytes)", bytes.len()),
            BinaryPayload::Stream(_) => f.write_str("BinaryBody(stream)"),
        }
    }
}
