//! What a fake answers: a status, headers and a body, sent whole, in
//! chunks, late, or not at all.

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::transport::TransportErrorKind;

/// One answer of a [`Fake`](super::Fake): a response (whole, in chunks,
/// late), or a connection that fails. Build one with [`Reply::status`],
/// [`Reply::json`], [`Reply::text`], [`Reply::events`] or
/// [`Reply::fail`], then add to it.
#[derive(Clone, Debug)]
pub struct Reply {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Body,
    /// How long the head takes to arrive.
    pub(super) delay: Duration,
    /// A failure instead of a response.
    pub(super) failure: Option<TransportErrorKind>,
}

/// A reply's body.
#[derive(Clone, Debug)]
pub(super) enum Body {
    /// Sent whole.
    Whole(Bytes),
    /// Sent chunk by chunk, `every` apart; `then_break` ends it with a
    /// broken connection instead of its end.
    Chunks {
        chunks: Vec<Bytes>,
        every: Duration,
        then_break: bool,
    },
}

impl Reply {
    /// A response with this status and no body.
    ///
    /// # Panics
    ///
    /// If `status` is not between 100 and 999.
    pub fn status(status: u16) -> Self {
        Self {
            status: StatusCode::from_u16(status).expect("an HTTP status is 100 to 999"),
            headers: HeaderMap::new(),
            body: Body::Whole(Bytes::new()),
            delay: Duration::ZERO,
            failure: None,
        }
    }

    /// A response with this status and `value` as its JSON body.
    ///
    /// # Panics
    ///
    /// If `value` cannot be written as JSON (a map with non-string keys).
    pub fn json(status: u16, value: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(value).expect("the value is JSON");
        Self::status(status)
            .header("content-type", "application/json")
            .body(body)
    }

    /// A response with this status and `text` as its `text/plain` body.
    pub fn text(status: u16, text: impl Into<String>) -> Self {
        Self::status(status)
            .header("content-type", "text/plain; charset=utf-8")
            .body(text.into())
    }

    /// A `200` `text/event-stream` response sending each event (its `data`
    /// field, written as JSON when it is not a string) as a chunk of its
    /// own, `every` apart: server-sent events one by one.
    pub fn events(events: impl IntoIterator<Item = serde_json::Value>, every: Duration) -> Self {
        let chunks = events
            .into_iter()
            .map(|event| {
                let data = match event {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                };
                let lines: String = data.lines().map(|line| format!("data: {line}\n")).collect();
                Bytes::from(lines + "\n")
            })
            .collect();
        Self::status(200)
            .header("content-type", "text/event-stream")
            .chunks(chunks, every)
    }

    /// No response: the connection fails as `kind` says (refused, broken
    /// before the response, timed out).
    pub fn fail(kind: TransportErrorKind) -> Self {
        Self {
            failure: Some(kind),
            ..Self::status(200)
        }
    }

    /// Adds a header.
    ///
    /// # Panics
    ///
    /// If the name or value is not valid in HTTP.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = HeaderValue::from_str(value).expect("a valid header value");
        self.headers.append(name, value);
        self
    }

    /// The body, sent whole.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Body::Whole(body.into());
        self
    }

    /// The body sent as these chunks, `every` apart: a streamed download.
    pub fn chunks(mut self, chunks: Vec<Bytes>, every: Duration) -> Self {
        self.body = Body::Chunks {
            chunks,
            every,
            then_break: false,
        };
        self
    }

    /// The connection breaks after the body sent so far, before its end:
    /// a download cut short.
    pub fn then_break(mut self) -> Self {
        self.body = match self.body {
            Body::Whole(bytes) => Body::Chunks {
                chunks: vec![bytes],
                every: Duration::ZERO,
                then_break: true,
            },
            Body::Chunks { chunks, every, .. } => Body::Chunks {
                chunks,
                every,
                then_break: true,
            },
        };
        self
    }

    /// These headers too, replacing any of the same name.
    pub(super) fn with_headers(mut self, headers: &HeaderMap) -> Self {
        for (name, value) in headers {
            self.headers.insert(name, value.clone());
        }
        self
    }

    /// The response head arrives after `delay`: past the client's timeout,
    /// the call times out.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}
