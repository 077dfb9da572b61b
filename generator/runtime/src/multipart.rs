//! `multipart/form-data` bodies (RFC 7578), written by the runtime so that
//! one made of bytes and paths can be sent again for a retry or a redirect.

use std::fmt::Write as _;

use bytes::{Bytes, BytesMut};
use serde::Serialize;
use serde_json::Value;

use super::upload::{Source, Upload};

/// A `multipart/form-data` body: text parts, JSON parts and files, in the
/// order they are added.
///
/// A generated form type (the spec's schema of a multipart body) fills one
/// in; build one by hand only for a body whose schema the generator cannot
/// type.
pub struct Multipart {
    boundary: String,
    parts: Vec<Part>,
    /// The first value that could not be written, reported when the
    /// request is sent.
    error: Option<String>,
}

/// A part: its head (boundary line and headers) and its body.
pub(crate) struct Part {
    pub(crate) head: Bytes,
    pub(crate) body: Source,
}

impl Multipart {
    /// An empty form with a boundary of its own.
    pub fn new() -> Self {
        let boundary: String = std::iter::repeat_with(fastrand::alphanumeric)
            .take(32)
            .collect();
        Self {
            boundary: format!("openapi-client-{boundary}"),
            parts: Vec::new(),
            error: None,
        }
    }

    /// Adds a text part.
    pub fn text(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        let text: String = value.into();
        self.push(name, None, None, &[], Source::Bytes(text.into()));
        self
    }

    /// Adds `value` as the spec's encoding says: a string, number or boolean
    /// as a text part, an array of them as one part per item, anything else
    /// (or anything whose `content_type` is JSON) as a JSON part. `None`
    /// and `null` add nothing. `headers` are the part's extra headers.
    pub fn value(
        &mut self,
        name: &str,
        value: &impl Serialize,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
    ) -> &mut Self {
        let parsed = match serde_json::to_value(value) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.error
                    .get_or_insert_with(|| format!("form part `{name}` cannot be written: {e}"));
                return self;
            }
        };
        let json = content_type.is_some_and(is_json);
        match parsed {
            Value::Null => {}
            Value::Array(items) if !json && items.iter().all(is_scalar) => {
                for item in items.into_iter().filter(|item| !item.is_null()) {
                    self.push(name, None, content_type, headers, scalar_body(item));
                }
            }
            scalar if !json && is_scalar(&scalar) => {
                self.push(name, None, content_type, headers, scalar_body(scalar));
            }
            _ => {
                // From the value itself: a struct's properties in their
                // order (a `Value`'s map may sort them).
                let body = Bytes::from(serde_json::to_string(value).unwrap_or_default());
                let content_type = content_type.or(Some("application/json"));
                self.push(name, None, content_type, headers, Source::Bytes(body));
            }
        }
        self
    }

    /// Adds a file part. `content_type` is the spec's for the part, used
    /// when the upload sets none.
    pub fn file(
        &mut self,
        name: &str,
        upload: Upload,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
    ) -> &mut Self {
        let file_name = upload
            .file_name
            .clone()
            .or_else(|| upload.path_name())
            .unwrap_or_else(|| name.to_owned());
        let content_type = upload
            .content_type
            .as_deref()
            .or(content_type.filter(|t| is_concrete(t)))
            .unwrap_or("application/octet-stream")
            .to_owned();
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        all.extend(upload.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        self.push(
            name,
            Some(&file_name),
            Some(&content_type),
            &all,
            upload.source,
        );
        self
    }

    /// Adds one file part per upload, all under `name`.
    pub fn files(
        &mut self,
        name: &str,
        uploads: Vec<Upload>,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
    ) -> &mut Self {
        for upload in uploads {
            self.file(name, upload, content_type, headers);
        }
        self
    }

    fn push(
        &mut self,
        name: &str,
        file_name: Option<&str>,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
        body: Source,
    ) {
        let mut head = String::new();
        if !self.parts.is_empty() {
            head.push_str("\r\n");
        }
        let _ = write!(
            head,
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            quoted(name)
        );
        if let Some(file_name) = file_name {
            let _ = write!(head, "; filename=\"{}\"", quoted(file_name));
        }
        head.push_str("\r\n");
        if let Some(content_type) = content_type {
            let _ = write!(head, "Content-Type: {}\r\n", one_line(content_type));
        }
        for (header, value) in headers {
            let _ = write!(head, "{}: {}\r\n", one_line(header), one_line(value));
        }
        head.push_str("\r\n");
        self.parts.push(Part {
            head: head.into(),
            body,
        });
    }

    /// The `Content-Type` of the body, with its boundary.
    pub(crate) fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The problem to report instead of sending, if a value could not be
    /// written.
    pub(crate) fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The body as segments to send in order, the closing boundary last.
    pub(crate) fn into_segments(self) -> Vec<Source> {
        let mut segments = Vec::with_capacity(self.parts.len() * 2 + 1);
        for part in self.parts {
            segments.push(Source::Bytes(part.head));
            segments.push(part.body);
        }
        let end = if segments.is_empty() { "" } else { "\r\n" };
        segments.push(Source::Bytes(
            format!("{end}--{}--\r\n", self.boundary).into(),
        ));
        merge_bytes(segments)
    }
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart")
            .field("parts", &self.parts.len())
            .finish_non_exhaustive()
    }
}

/// Adjacent byte segments joined, so that a form of bytes alone is one.
fn merge_bytes(segments: Vec<Source>) -> Vec<Source> {
    let mut merged: Vec<Source> = Vec::with_capacity(segments.len());
    let mut run = BytesMut::new();
    for segment in segments {
        match segment {
            Source::Bytes(bytes) => run.extend_from_slice(&bytes),
            other => {
                if !run.is_empty() {
                    merged.push(Source::Bytes(run.split().freeze()));
                }
                merged.push(other);
            }
        }
    }
    if !run.is_empty() {
        merged.push(Source::Bytes(run.freeze()));
    }
    merged
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A scalar's text: a string as it is, a number or boolean as JSON.
fn scalar_body(value: Value) -> Source {
    let text = match value {
        Value::String(text) => text,
        other => other.to_string(),
    };
    Source::Bytes(text.into())
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

/// A media type a part can be sent with: not a range (`image/*`) nor a
/// list of them (`image/png, image/jpeg`), which only say what is allowed.
fn is_concrete(media_type: &str) -> bool {
    !media_type.contains('*') && !media_type.contains(',')
}

/// A name or file name inside `"..."`, escaped as browsers do (WHATWG's
/// multipart/form-data encoding): `"` and line breaks percent-encoded.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A header name or value kept on its one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(form: Multipart) -> String {
        let boundary = form.boundary.clone();
        let segments = form.into_segments();
        let [Source::Bytes(bytes)] = segments.as_slice() else {
            panic!("one segment of bytes");
        };
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .replace(&boundary, "B")
    }

    #[test]
    fn writes_text_json_and_file_parts_in_order() {
        let mut form = Multipart::new();
        form.value("model", &"whisper-1", None, &[])
            .value("tags", &["a", "b"], None, &[])
            .value("meta", &serde_json::json!({"k": 1}), None, &[])
            .value("skipped", &None::<String>, None, &[])
            .file(
                "file",
                Upload::bytes("RIFF").file_name("a \"b\".wav"),
                Some("audio/wav"),
                &[("X-Part", "1")],
            );
        assert_eq!(
            text_of(form),
            "--B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n\
             --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
             --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
             --B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.wav\"\r\n\
             Content-Type: audio/wav\r\nX-Part: 1\r\n\r\nRIFF\r\n--B--\r\n"
        );
    }

    #[test]
    fn a_file_is_named_after_its_part_and_typed_as_bytes_by_default() {
        let mut form = Multipart::new();
        form.file("upload", Upload::bytes("x"), Some("image/*"), &[]);
        assert_eq!(
            text_of(form),
            "--B\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"upload\"\r\n\
             Content-Type: application/octet-stream\r\n\r\nx\r\n--B--\r\n"
        );
    }

    #[test]
    fn an_empty_form_is_its_closing_boundary() {
        assert_eq!(text_of(Multipart::new()), "--B--\r\n");
    }
}
