//! Runtime support shared by every generated API module: the client core that
//! builds and sends requests, credentials, the response wrapper and the error
//! type.
//!
//! This is hand-written, tested code kept in the generator and copied into
//! each generated crate, so generated crates depend only on crates.io crates.

mod auth;
mod client;
mod error;
mod redact;
mod response;

pub use auth::{AuthScheme, SchemeUse, Secret, Security};
pub use client::{ClientBuilder, ClientCore, FromClientCore, Request};
pub use error::{BuildError, Error};
pub use response::{RawResponse, ResponseValue};
