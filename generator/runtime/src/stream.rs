//! Bodies read as they travel: binary downloads of any size with flat
//! memory, and binary uploads from a stream or a file.

use std::borrow::Cow;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::error::Error;
use super::response::{RawResponse, ReadWhole, ResponseValue};

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
        let chunks = match self.body {
            Source::Live(response) => Chunks::Live(Box::pin(response.bytes_stream())),
            Source::Read(body) => Chunks::Read(body),
        };
        ResponseValue::new(ByteStream { chunks }, raw)
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
            Source::Live(response) => {
                let read = ReadWhole::new(response).await.map_err(Error::transport)?;
                read.into_parts().2
            }
            Source::Read(body) => body.unwrap_or_default(),
        };
        Ok(RawResponse::new(self.status, self.headers, body))
    }
}

/// A response body read chunk by chunk as it arrives, so a download of any
/// size needs only a chunk's memory at a time: with [`chunk`](Self::chunk),
/// as a [`futures_core::Stream`] of `io::Result<Bytes>` (so `StreamExt`
/// and the like work), or as a `tokio::io::AsyncRead` with
/// [`into_async_read`](Self::into_async_read) (so `tokio::io::copy` writes
/// it to a file). The client's timeout still covers the whole exchange:
/// raise it with `RequestOptions::timeout` for long downloads.
pub struct ByteStream {
    chunks: Chunks,
}

enum Chunks {
    Live(Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>),
    /// Already read (a response that arrived whole).
    Read(Option<Bytes>),
}

impl ByteStream {
    /// A stream of bytes already in memory.
    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: Bytes) -> Self {
        Self {
            chunks: Chunks::Read(Some(bytes)),
        }
    }

    /// The next chunk of the body, or `None` at its end. An error (an
    /// `io::Error`, as file and socket writes have, of kind `TimedOut` for a
    /// timeout) means the connection broke or timed out and the body is
    /// incomplete; its message never holds the URL.
    pub async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(mut self) -> io::Result<Bytes> {
        let mut all = bytes::BytesMut::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }

    /// The rest of the body as a `tokio::io::AsyncRead`, e.g. for
    /// `tokio::io::copy(&mut body.into_async_read(), &mut file)`.
    pub fn into_async_read(self) -> ByteReader {
        ByteReader {
            stream: self,
            pending: Bytes::new(),
        }
    }
}

/// The `io::Error` of a broken or timed-out body, without the URL.
fn body_error(error: reqwest::Error) -> io::Error {
    let kind = if error.is_timeout() {
        io::ErrorKind::TimedOut
    } else {
        io::ErrorKind::Other
    };
    io::Error::new(kind, error.without_url())
}

impl Stream for ByteStream {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut self.chunks {
            Chunks::Live(stream) => stream
                .as_mut()
                .poll_next(cx)
                .map(|item| item.map(|chunk| chunk.map_err(body_error))),
            Chunks::Read(body) => Poll::Ready(body.take().filter(|b| !b.is_empty()).map(Ok)),
        }
    }
}

/// A [`ByteStream`] read as a `tokio::io::AsyncRead`.
pub struct ByteReader {
    stream: ByteStream,
    /// What is left of the last chunk.
    pending: Bytes,
}

impl tokio::io::AsyncRead for ByteReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        while self.pending.is_empty() {
            match Pin::new(&mut self.stream).poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => self.pending = chunk,
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Err(error)),
                // The end: nothing put in `buf` says so.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = self.pending.len().min(buf.remaining());
        buf.put_slice(&self.pending.split_to(n));
        Poll::Ready(Ok(()))
    }
}

impl std::fmt::Debug for ByteReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteReader").finish_non_exhaustive()
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
    /// Bytes, a path or a stream, read as it is sent.
    Upload(super::upload::Source),
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

/// A file: from a path it is opened when sent (and again for a retry or a
/// redirect), from a stream it is sent once.
impl From<super::upload::Upload> for BinaryBody {
    fn from(upload: super::upload::Upload) -> Self {
        Self(BinaryPayload::Upload(upload.source))
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
            BinaryPayload::Upload(_) => f.write_str("BinaryBody(upload)"),
        }
    }
}
