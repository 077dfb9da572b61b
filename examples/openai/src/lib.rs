//! A transcription written against an OpenAI client that `build.rs`
//! generates from OpenAI's own spec: a file uploaded from disk as the
//! `file` part of a typed multipart form, and the JSON answer read back.

include!(concat!(env!("OUT_DIR"), "/client.rs"));

use std::error::Error;
use std::path::Path;

use openai::{Client, CreateTranscriptionOkBody, CreateTranscriptionRequest};
use openapi_client_runtime::Upload;

/// The result of a task.
pub type Outcome<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// Transcribes the audio file at `audio` in English: the file is read
/// from disk as the request is sent (and read again if it is retried).
pub async fn transcribe(client: &Client, audio: &Path) -> Outcome<String> {
    let form = CreateTranscriptionRequest::new(Upload::path(audio), "whisper-1").language("en");
    match client.create_transcription(form).await?.into_inner() {
        CreateTranscriptionOkBody::CreateTranscriptionResponseJson(json) => Ok(json.text),
        other => Err(format!("not the plain JSON answer: {other:?}").into()),
    }
}

#[cfg(test)]
mod tests;
