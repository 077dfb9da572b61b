//! Runtime support shared by every generated API module: the client core that
//! builds and sends requests (timeouts, retries, hooks, tracing), credentials
//! and their providers, per-call options, the response wrapper and the error
//! type.
//!
//! Logging: each request is a `tracing` span `http_request` with the method
//! and the spec's path template, with events per attempt (status, attempt,
//! elapsed time) and per retry. URLs, query strings and header values are
//! never logged. Nothing is printed unless the application installs a
//! `tracing` subscriber.
//!
//! This is hand-written, tested code kept in the generator and copied into
//! each generated crate, so generated crates depend only on crates.io crates.

/// The HTTP client and byte buffers this crate is built on, re-exported so
/// that hooks, providers and callers name the very versions it uses without
/// a dependency of their own.
pub use ::bytes;
pub use ::reqwest;

mod auth;
mod client;
mod decode;
mod error;
mod events;
mod formats;
mod hooks;
mod options;
mod parameters;
mod redact;
mod response;
mod retry;
mod stream;
mod values;

pub use auth::{
    AuthScheme, BoxError, BoxFuture, Credential, CredentialProvider, SchemeUse, Secret, Security,
};
pub use client::{
    ClientBuilder, ClientCore, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
    FromClientCore, Request,
};
pub use decode::{Binary, Decode, Empty, HeaderError, Json, Text, response_header};
pub use error::{BuildError, Error};
pub use events::{DecodeData, Event, EventError, EventStream, json_data, text_data};
pub use formats::Base64;
pub use hooks::{Hook, RequestContext};
pub use options::RequestOptions;
pub use parameters::{
    PathStyle, join, json, object, object_items, strings, styled_path, text, texts,
};
pub use response::{RawResponse, ResponseValue};
pub use retry::RetryPolicy;
pub use stream::{BinaryBody, ByteStream, StreamingResponse};
pub use values::{FromMap, Key, MapVisitor, double_option, field, required, variant};
