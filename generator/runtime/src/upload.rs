//! A file a request sends: bytes in memory, a path opened when the request
//! is sent, or a stream read as it is sent. The first two can be read
//! again, so a request that carries them can be retried or redirected; a
//! stream is sent once.

use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::TryStreamExt;

use super::auth::BoxError;

/// The chunks of a streamed upload.
pub(crate) type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// A stream a request can hold and still be shared between threads: it is
/// only ever read through `&mut`, so the lock is never taken.
pub(crate) struct OnceStream(std::sync::Mutex<Chunks>);

impl OnceStream {
    /// The stream, to read.
    pub(crate) fn get_mut(&mut self) -> &mut Chunks {
        match self.0.get_mut() {
            Ok(chunks) => chunks,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// A file to upload: a `multipart/form-data` part, or a whole binary body.
///
/// Made from bytes ([`Upload::bytes`]), from a path ([`Upload::path`]: the
/// file is opened when the request is sent, and again for a retry) or from
/// a stream ([`Upload::stream`]: read as it is sent, so a request carrying
/// one is sent once, never retried and never redirected). In a form, its
/// file name is the one set with [`Upload::file_name`], else the path's,
/// else the part's name; its content type is the one set with
/// [`Upload::content_type`], else the one the spec gives the part, else
/// `application/octet-stream`.
pub struct Upload {
    pub(crate) source: Source,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

pub(crate) enum Source {
    Bytes(Bytes),
    Path(PathBuf),
    Stream(OnceStream),
}

impl Upload {
    /// A file whose contents are `bytes`.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Self::of(Source::Bytes(bytes.into()))
    }

    /// The file at `path`, opened and read when the request is sent (a
    /// missing file fails the call before anything is sent). Its name is
    /// the path's last component unless [`Upload::file_name`] says another.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self::of(Source::Path(path.into()))
    }

    /// A file read from `chunks` as it is sent. A request carrying a stream
    /// is sent once: it is not retried (even where the retry policy would
    /// retry it) and a redirect ends at the 3xx response.
    pub fn stream<S, B, E>(chunks: S) -> Self
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<BoxError> + 'static,
    {
        let chunks: Chunks = Box::pin(chunks.map_ok(Into::into).map_err(Into::into));
        Self::of(Source::Stream(OnceStream(std::sync::Mutex::new(chunks))))
    }

    fn of(source: Source) -> Self {
        Self {
            source,
            file_name: None,
            content_type: None,
            headers: Vec::new(),
        }
    }

    /// The file name the part gives (`filename=` of its
    /// `Content-Disposition`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's `Content-Type`, e.g. `audio/mpeg`.
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// One more header of the part (beside `Content-Disposition` and
    /// `Content-Type`), e.g. `Content-Language`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The name a form gives the file when none was set: the path's.
    pub(crate) fn path_name(&self) -> Option<String> {
        match &self.source {
            Source::Path(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            _ => None,
        }
    }
}

impl Source {
    /// A copy to send again; `None` for a stream, which can be read once.
    pub(crate) fn try_clone(&self) -> Option<Source> {
        match self {
            Source::Bytes(bytes) => Some(Source::Bytes(bytes.clone())),
            Source::Path(path) => Some(Source::Path(path.clone())),
            Source::Stream(_) => None,
        }
    }

    /// Its length, where known before it is read: a path's is read from the
    /// file system now, which also finds a missing file before anything is
    /// sent.
    pub(crate) fn length(&self) -> Result<Option<u64>, String> {
        match self {
            Source::Bytes(bytes) => Ok(Some(bytes.len() as u64)),
            Source::Path(path) => std::fs::metadata(path)
                .map(|meta| Some(meta.len()))
                .map_err(|e| format!("cannot read the file `{}` to upload: {e}", path.display())),
            Source::Stream(_) => Ok(None),
        }
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Upload");
        match &self.source {
            Source::Bytes(bytes) => out.field("bytes", &bytes.len()),
            Source::Path(path) => out.field("path", path),
            Source::Stream(_) => out.field("stream", &true),
        };
        out.field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<&Path> for Upload {
    fn from(path: &Path) -> Self {
        Upload::path(path)
    }
}

impl From<PathBuf> for Upload {
    fn from(path: PathBuf) -> Self {
        Upload::path(path)
    }
}
