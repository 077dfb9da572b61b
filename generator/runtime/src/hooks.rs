//! Observing and adjusting requests and responses.

use std::time::Duration;

use reqwest::Method;

use super::response::RawResponse;

/// What a hook is told about the request in flight.
#[derive(Clone, Debug)]
pub struct RequestContext {
    /// The HTTP method.
    pub method: Method,
    /// The spec's path template, e.g. `/v1/oauth-token`. Unlike the URL it
    /// never carries parameter values, so it is safe to log.
    pub path: &'static str,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub attempt: u32,
}

/// Code run around every attempt of every request: tracing, metrics, custom
/// signing. Register with `ClientBuilder::hook`.
pub trait Hook: Send + Sync + 'static {
    /// Called just before an attempt is sent; may change the request (add a
    /// signature header, say). The URL and headers may carry credentials:
    /// do not log them.
    fn before_request(&self, context: &RequestContext, request: &mut reqwest::Request) {
        let _ = (context, request);
    }

    /// Called when an attempt got a whole response, before it is decoded or
    /// retried.
    fn after_response(&self, context: &RequestContext, response: &RawResponse, elapsed: Duration) {
        let _ = (context, response, elapsed);
    }
}

/// A shared hook, e.g. one that also collects metrics read elsewhere.
impl<H: Hook> Hook for std::sync::Arc<H> {
    fn before_request(&self, context: &RequestContext, request: &mut reqwest::Request) {
        (**self).before_request(context, request);
    }

    fn after_response(&self, context: &RequestContext, response: &RawResponse, elapsed: Duration) {
        (**self).after_response(context, response, elapsed);
    }
}
