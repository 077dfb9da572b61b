//! Request bodies as the client sends them: bytes, a stream read once, or
//! segments of bytes, files and streams (a multipart form, an upload) that
//! are read as they are sent and, unless one is a stream, made anew for a
//! retry or a redirect. Upload progress is reported as they are read.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use tokio::io::AsyncReadExt;

use super::auth::BoxError;
use super::upload::Source;

/// How much of a body is read at once, and between progress reports.
const CHUNK: usize = 64 * 1024;

/// A request body.
pub(crate) enum Payload {
    Bytes(Bytes),
    /// Read as it is sent: cannot be sent twice.
    Stream(reqwest::Body),
    /// Sent one after the other.
    Segments(Vec<Source>),
}

/// How far an upload has got: what [`RequestOptions::upload_progress`]
/// reports.
///
/// [`RequestOptions::upload_progress`]: super::options::RequestOptions::upload_progress
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadProgress {
    /// Bytes of the body the transport has read so far.
    pub sent: u64,
    /// The body's whole length, where known before it is sent (not for a
    /// stream).
    pub total: Option<u64>,
}

/// A callback told of an upload's progress.
#[derive(Clone)]
pub(crate) struct Progress(pub(crate) Arc<dyn Fn(UploadProgress) + Send + Sync>);

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// A body ready to go: what `reqwest` sends, and its length where the
/// client must say it (a body read as it is sent).
pub(crate) struct Ready {
    pub(crate) body: reqwest::Body,
    pub(crate) length: Option<u64>,
}

impl Payload {
    /// A copy to send again; `None` for a body that holds a stream.
    pub(crate) fn try_clone(&self) -> Option<Payload> {
        match self {
            Payload::Bytes(bytes) => Some(Payload::Bytes(bytes.clone())),
            Payload::Stream(_) => None,
            Payload::Segments(segments) => segments
                .iter()
                .map(Source::try_clone)
                .collect::<Option<Vec<_>>>()
                .map(Payload::Segments),
        }
    }

    /// The body to send. Files are not opened yet, but each one's length is
    /// read now, so a missing file fails before anything is sent.
    pub(crate) fn ready(self, progress: Option<&Progress>) -> Result<Ready, String> {
        match (self, progress) {
            (Payload::Bytes(bytes), None) => Ok(Ready {
                body: bytes.into(),
                length: None,
            }),
            (Payload::Bytes(bytes), Some(progress)) => {
                Payload::Segments(vec![Source::Bytes(bytes)]).ready(Some(progress))
            }
            (Payload::Stream(body), _) => Ok(Ready { body, length: None }),
            (Payload::Segments(segments), progress) => {
                let mut length = Some(0u64);
                for segment in &segments {
                    length = match (length, segment.length()?) {
                        (Some(total), Some(more)) => Some(total + more),
                        _ => None,
                    };
                }
                let progress = progress.map(|p| (p.clone(), length));
                Ok(Ready {
                    body: reqwest::Body::wrap_stream(read(segments, progress)),
                    length,
                })
            }
        }
    }
}

/// The segments' bytes in order, in chunks of at most [`CHUNK`], each
/// reported to `progress` as it is read.
fn read(
    segments: Vec<Source>,
    progress: Option<(Progress, Option<u64>)>,
) -> impl futures_core::Stream<Item = Result<Bytes, BoxError>> + Send + 'static {
    let state = Reader {
        queue: segments.into(),
        file: None,
        sent: 0,
        progress,
    };
    futures_util::stream::try_unfold(state, |mut reader| async move {
        let chunk = reader.next_chunk().await?;
        if let (Some(chunk), Some((progress, total))) = (&chunk, &reader.progress) {
            reader.sent += chunk.len() as u64;
            (progress.0)(UploadProgress {
                sent: reader.sent,
                total: *total,
            });
        }
        Ok(chunk.map(|chunk| (chunk, reader)))
    })
}

struct Reader {
    queue: VecDeque<Source>,
    /// The file being read.
    file: Option<tokio::fs::File>,
    sent: u64,
    progress: Option<(Progress, Option<u64>)>,
}

impl Reader {
    async fn next_chunk(&mut self) -> Result<Option<Bytes>, BoxError> {
        loop {
            if let Some(file) = &mut self.file {
                let mut buffer = BytesMut::with_capacity(CHUNK);
                if file.read_buf(&mut buffer).await? > 0 {
                    return Ok(Some(buffer.freeze()));
                }
                self.file = None;
            }
            match self.queue.pop_front() {
                None => return Ok(None),
                Some(Source::Bytes(mut bytes)) if bytes.len() > CHUNK => {
                    let chunk = bytes.split_to(CHUNK);
                    self.queue.push_front(Source::Bytes(bytes));
                    return Ok(Some(chunk));
                }
                Some(Source::Bytes(bytes)) if bytes.is_empty() => {}
                Some(Source::Bytes(bytes)) => return Ok(Some(bytes)),
                Some(Source::Path(path)) => {
                    let file = tokio::fs::File::open(&path).await.map_err(|e| {
                        format!("cannot read the file `{}` to upload: {e}", path.display())
                    })?;
                    self.file = Some(file);
                }
                Some(Source::Stream(mut stream)) => {
                    if let Some(chunk) = stream.get_mut().next().await {
                        self.queue.push_front(Source::Stream(stream));
                        return chunk.map(Some);
                    }
                }
            }
        }
    }
}
