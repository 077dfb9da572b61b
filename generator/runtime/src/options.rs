//! Options for the calls made through one client handle.

use std::time::Duration;

use super::auth::Secret;
use super::body::{Progress, UploadProgress};
use super::retry::RetryPolicy;

/// Extra headers, query parameters, timeout and retry policy for calls made
/// through `client.with_options(options)`, on top of the client's own.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, Secret)>,
    pub(crate) query: Vec<(String, Secret)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) upload_progress: Option<Progress>,
}

impl RequestOptions {
    /// No extra options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends this header too, replacing a default, generated or earlier
    /// option header of the same name (names compare case-insensitively).
    /// Values are never shown by `Debug`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        let name = name.into();
        self.headers
            .retain(|(old, _)| !old.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Appends this query parameter. Values are never shown by `Debug`.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// The time allowed for each attempt, from sending the request to
    /// reading the whole response, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The retry policy instead of the client's.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Calls `report` as the request body is read for sending, about every
    /// 64 KiB, with the bytes read so far and the whole length (unknown for
    /// a stream). A retried or redirected request reports from zero again.
    /// A callback rather than a hook: it belongs to one upload (a progress
    /// bar), not to every call of the client.
    pub fn upload_progress(
        mut self,
        report: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.upload_progress = Some(Progress(std::sync::Arc::new(report)));
        self
    }

    /// These options with `other`'s added; `other` wins where both set one,
    /// headers included (by name).
    pub(crate) fn merged(&self, other: RequestOptions) -> Self {
        let mut merged = self.clone();
        for (name, value) in other.headers {
            merged = merged.header(name, value);
        }
        merged.query.extend(other.query);
        merged.timeout = other.timeout.or(self.timeout);
        merged.retry = other.retry.or(self.retry);
        merged.upload_progress = other.upload_progress.or(merged.upload_progress);
        merged
    }
}
