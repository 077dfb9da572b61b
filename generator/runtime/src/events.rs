//! Server-sent events (`text/event-stream`): the body read as it arrives and
//! split into events as the WHATWG HTML standard defines them.

use std::fmt;
use std::io;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::stream::ByteStream;

/// One event. `data` is the event's data lines joined with newlines,
/// decoded as the spec's item schema says (or kept as text).
#[derive(Clone, Debug, PartialEq)]
pub struct Event<T> {
    /// The `event:` field, if the server named the event's type.
    pub event: Option<String>,
    /// The decoded `data:` field.
    pub data: T,
    /// The `id:` field of this event, if it had one.
    pub id: Option<String>,
    /// The `retry:` field: how long the server asks a client to wait before
    /// reconnecting.
    pub retry: Option<Duration>,
}

/// Why the next event could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// The connection broke or timed out; the stream ends here.
    #[error("the event stream broke: {0}")]
    Transport(#[source] io::Error),
    /// An event's data is not what the spec says. `Display` does not quote
    /// the data; `detail` (the decoder's message) may.
    #[error("an event's data does not match the spec")]
    Decode {
        /// The data as received.
        data: String,
        /// What was wrong with it, in the decoder's words.
        detail: String,
    },
}

/// How event data becomes a value: JSON, or the text itself.
pub type DecodeData<T> = fn(&str) -> Result<T, String>;

/// Event data as JSON of `T`.
pub fn json_data<T: DeserializeOwned>(data: &str) -> Result<T, String> {
    serde_json::from_str(data).map_err(|e| e.to_string())
}

/// Event data as text.
pub fn text_data(data: &str) -> Result<String, String> {
    Ok(data.to_owned())
}

/// The events of a `text/event-stream` response, read as they arrive.
///
/// `next()` yields each event with data (comments and events without data
/// are skipped) and ends at the end of the body or at an event whose data is
/// `[DONE]`, which OpenAI-style APIs send last. To resume after a broken
/// stream, call the method again with a `Last-Event-ID` header set to
/// [`last_event_id`](Self::last_event_id) (`RequestOptions::header`): the
/// client does not reconnect on its own.
pub struct EventStream<T> {
    body: ByteStream,
    decode: DecodeData<T>,
    /// Bytes received but not yet split into lines.
    pending: Vec<u8>,
    /// Fields of the event being read.
    event: Option<String>,
    data: Option<String>,
    id: Option<String>,
    retry: Option<Duration>,
    last_event_id: Option<String>,
    finished: bool,
}

impl<T> EventStream<T> {
    /// Events from `body`, their data decoded by `decode`.
    pub fn new(body: ByteStream, decode: DecodeData<T>) -> Self {
        Self {
            body,
            decode,
            pending: Vec::new(),
            event: None,
            data: None,
            id: None,
            retry: None,
            last_event_id: None,
            finished: false,
        }
    }

    /// The id of the last event that had one: what `Last-Event-ID` should
    /// say when reconnecting.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// The next event, or `None` at the end of the stream (or after a
    /// `[DONE]` event).
    pub async fn next(&mut self) -> Result<Option<Event<T>>, EventError> {
        loop {
            while let Some(line) = self.take_line() {
                if let Some(event) = self.field(&line)? {
                    return Ok(Some(event));
                }
                if self.finished {
                    return Ok(None);
                }
            }
            if self.finished {
                return Ok(None);
            }
            match self.body.chunk().await.map_err(EventError::Transport)? {
                Some(chunk) => self.pending.extend_from_slice(&chunk),
                None => {
                    // The end of the body ends the last line, not the event:
                    // an event without its blank line is dropped.
                    self.finished = true;
                    if !self.pending.is_empty() {
                        self.pending.push(b'\n');
                    }
                }
            }
        }
    }

    /// The next whole line (ended by `\n`, `\r\n` or `\r`), if one has
    /// arrived.
    fn take_line(&mut self) -> Option<String> {
        let end = self
            .pending
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')?;
        // A `\r` at the very end may be the first half of `\r\n`.
        if self.pending[end] == b'\r' && end + 1 == self.pending.len() && !self.finished {
            return None;
        }
        let crlf = self.pending[end] == b'\r' && self.pending.get(end + 1) == Some(&b'\n');
        let line: Vec<u8> = self.pending.drain(..end).collect();
        self.pending.drain(..if crlf { 2 } else { 1 });
        let mut line = String::from_utf8_lossy(&line).into_owned();
        if line.starts_with('\u{feff}') {
            line.remove(0);
        }
        Some(line)
    }

    /// Applies one line; a blank line dispatches the event read so far.
    fn field(&mut self, line: &str) -> Result<Option<Event<T>>, EventError> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return Ok(None);
        }
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match name {
            "event" => self.event = Some(value.to_owned()),
            "data" => {
                let data = self.data.get_or_insert_with(String::new);
                data.push_str(value);
                data.push('\n');
            }
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" => {
                if let Ok(ms) = value.parse::<u64>() {
                    self.retry = Some(Duration::from_millis(ms));
                }
            }
            _ => {}
        }
        Ok(None)
    }

    fn dispatch(&mut self) -> Result<Option<Event<T>>, EventError> {
        let event = self.event.take();
        let id = self.id.take();
        let retry = self.retry.take();
        if id.is_some() {
            self.last_event_id.clone_from(&id);
        }
        let Some(mut data) = self.data.take() else {
            return Ok(None);
        };
        // Lines are joined with newlines: the last one's goes.
        data.pop();
        if data == "[DONE]" {
            self.finished = true;
            return Ok(None);
        }
        match (self.decode)(&data) {
            Ok(value) => Ok(Some(Event {
                event,
                data: value,
                id,
                retry,
            })),
            Err(detail) => Err(EventError::Decode { data, detail }),
        }
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("last_event_id", &self.last_event_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a future that never waits (the body is already in memory).
    fn ready<F: std::future::Future>(future: F) -> F::Output {
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(future).poll(&mut context) {
            std::task::Poll::Ready(output) => output,
            std::task::Poll::Pending => panic!("the stream waited"),
        }
    }

    fn stream_of<T>(text: &str, decode: DecodeData<T>) -> EventStream<T> {
        EventStream::new(
            ByteStream::from_bytes(bytes::Bytes::copy_from_slice(text.as_bytes())),
            decode,
        )
    }

    fn events(text: &str) -> Vec<Result<Event<String>, String>> {
        let mut stream = stream_of(text, text_data);
        let mut all = Vec::new();
        loop {
            match ready(stream.next()) {
                Ok(Some(event)) => all.push(Ok(event)),
                Ok(None) => return all,
                Err(error) => all.push(Err(error.to_string())),
            }
        }
    }

    fn event(data: &str) -> Event<String> {
        Event {
            event: None,
            data: data.to_owned(),
            id: None,
            retry: None,
        }
    }

    #[test]
    fn fields_comments_and_line_ends_are_read_as_the_standard_says() {
        let text = "\u{feff}: a comment\r\nevent: add\rdata: one\ndata:two\nid: 7\nretry: 1500\n\n\
                    data\n\ndata: x\nretry: soon\n\nid: 8\n\ndata: last";
        let got = events(text);
        assert_eq!(
            got,
            [
                Ok(Event {
                    event: Some("add".into()),
                    data: "one\ntwo".into(),
                    id: Some("7".into()),
                    retry: Some(Duration::from_millis(1500)),
                }),
                Ok(event("")),
                Ok(event("x")),
            ],
            "an event without its blank line at the end is dropped"
        );
    }

    #[test]
    fn done_ends_the_stream_and_ids_persist() {
        let text = "id: 1\ndata: a\n\ndata: b\n\ndata: [DONE]\n\ndata: c\n\n";
        let mut stream = stream_of(text, text_data);
        let data = |e: Option<Event<String>>| e.map(|e| e.data);
        assert_eq!(data(ready(stream.next()).unwrap()), Some("a".into()));
        assert_eq!(ready(stream.next()).unwrap().map(|e| e.id), Some(None));
        assert_eq!(stream.last_event_id(), Some("1"));
        assert!(ready(stream.next()).unwrap().is_none());
        assert!(ready(stream.next()).unwrap().is_none(), "ended for good");
    }

    #[test]
    fn json_data_that_does_not_match_is_an_error_without_the_data() {
        let mut stream = stream_of::<u32>("data: {\"token\": \"secret\"}\n\n", json_data);
        let error = ready(stream.next()).unwrap_err();
        assert_eq!(error.to_string(), "an event's data does not match the spec");
        let EventError::Decode { data, .. } = error else {
            panic!("{error:?}")
        };
        assert_eq!(data, "{\"token\": \"secret\"}");
    }
}
