//! A request as the client keeps it between attempts and redirect hops.
//! Each request sent is made from it when it is needed, so nothing is
//! copied in advance in case a retry or a redirect comes: a call that
//! succeeds the first time copies its URL once, and its headers once if
//! it has any besides `Accept` and `Content-Type`, which are kept apart
//! (nearly always static, so copied for free).

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue,
    LOCATION, PROXY_AUTHORIZATION,
};
use reqwest::{Method, Url};

use super::body::{Payload, Progress};
use super::client::Content;

/// Whether a response of `status` is a redirect the client follows (when
/// it has a `Location`).
pub(crate) fn is_redirect(status: reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// The method, URL, headers and body every request of one call is made
/// from: its attempts, and the hops of a redirect.
pub(crate) struct Outgoing {
    method: Method,
    url: Url,
    /// Every header but the two of `content`.
    headers: HeaderMap,
    content: Content,
    body: Body,
    /// Set on each request made, unless the HTTP client applies the same
    /// timeout itself.
    timeout: Option<Duration>,
    progress: Option<Progress>,
}

enum Body {
    Empty,
    Payload(Payload),
    /// A stream, sent already: the request cannot be made again.
    Spent,
}

impl Outgoing {
    pub(crate) fn new(
        method: Method,
        url: Url,
        headers: HeaderMap,
        content: Content,
        body: Option<Payload>,
        timeout: Option<Duration>,
        progress: Option<Progress>,
    ) -> Self {
        Self {
            method,
            url,
            headers,
            content,
            body: body.map_or(Body::Empty, Body::Payload),
            timeout,
            progress,
        }
    }

    /// The first request of a call: an error when a file of the body
    /// cannot be read, so that nothing is sent.
    pub(crate) fn first_request(&mut self) -> Result<reqwest::Request, String> {
        self.request()?
            .ok_or_else(|| "the request body is a stream already sent".to_owned())
    }

    /// The next request to send. `Ok(None)` when the body was a stream
    /// that has been sent; an error when a file of the body cannot be read.
    pub(crate) fn request(&mut self) -> Result<Option<reqwest::Request>, String> {
        let ready = match &mut self.body {
            Body::Empty => None,
            Body::Spent => return Ok(None),
            Body::Payload(payload) => {
                let payload = match payload.try_clone() {
                    Some(copy) => copy,
                    // A stream: sent this once.
                    None => match std::mem::replace(&mut self.body, Body::Spent) {
                        Body::Payload(stream) => stream,
                        _ => unreachable!("the body was a payload"),
                    },
                };
                Some(payload.ready(self.progress.as_ref())?)
            }
        };
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        let headers = request.headers_mut();
        *headers = self.headers.clone();
        self.content.put_on(headers);
        match ready {
            Some(ready) => {
                if let Some(length) = ready.length {
                    headers.insert(CONTENT_LENGTH, length.into());
                }
                *request.body_mut() = Some(ready.body);
            }
            // RFC 9110: a user agent should say a POST or PUT has no body
            // (some front ends answer 411 otherwise).
            None if matches!(self.method, Method::POST | Method::PUT) => {
                headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            None => {}
        }
        if let Some(timeout) = self.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        Ok(Some(request))
    }

    /// What the hops of a redirect are made from when hooks have changed
    /// `sent`, one of this call's requests: `sent` as it is, its body made
    /// anew from this one's unless it is bytes.
    pub(crate) fn as_sent(&self, sent: &reqwest::Request) -> Self {
        let sent_bytes = sent.body().and_then(reqwest::Body::as_bytes);
        let from_bytes = sent_bytes.is_some() || sent.body().is_none();
        let body = match sent_bytes {
            Some(bytes) => Body::Payload(Payload::Bytes(Bytes::copy_from_slice(bytes))),
            None => match &self.body {
                Body::Payload(payload) => payload.try_clone().map_or(Body::Spent, Body::Payload),
                Body::Empty if sent.body().is_none() => Body::Empty,
                _ => Body::Spent,
            },
        };
        let mut headers = sent.headers().clone();
        if !from_bytes {
            // Set again when the body is made anew, if its length is known.
            headers.remove(CONTENT_LENGTH);
        }
        Self {
            method: sent.method().clone(),
            url: sent.url().clone(),
            headers,
            content: Content::default(),
            body,
            timeout: sent.timeout().copied(),
            progress: self.progress.clone(),
        }
    }

    /// What a redirect asks for, if `response` is one: to the `Location`,
    /// as a GET after a 303 (and after a 301 or 302 of a POST, as browsers
    /// do), otherwise as this request was sent, body included. To another
    /// origin (scheme, host or port) it carries no credentials:
    /// `Authorization`, cookies, and every header the client holds as a
    /// secret (credentials, default and option headers, secret-named
    /// parameters) are dropped; query strings are the `Location`'s own.
    /// `None` too when the body was a stream, which is sent once.
    pub(crate) fn redirected(&self, response: &reqwest::Response) -> Option<Self> {
        if !is_redirect(response.status()) {
            return None;
        }
        let status = response.status().as_u16();
        let body = match &self.body {
            Body::Empty => Body::Empty,
            Body::Spent => return None,
            Body::Payload(payload) => Body::Payload(payload.try_clone()?),
        };
        let location = response.headers().get(LOCATION)?.to_str().ok()?;
        let url = self.url.join(location).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let same_origin = url.origin() == self.url.origin();
        let to_get = (status == 303 && self.method != Method::HEAD)
            || (matches!(status, 301 | 302) && self.method == Method::POST);
        let mut next = Self {
            method: self.method.clone(),
            url,
            headers: self.headers.clone(),
            content: self.content.clone(),
            body,
            timeout: self.timeout,
            progress: self.progress.clone(),
        };
        if to_get {
            next.method = Method::GET;
            next.body = Body::Empty;
            next.content.content_type = None;
            next.headers.remove(CONTENT_TYPE);
            next.headers.remove(CONTENT_LENGTH);
        }
        if !same_origin {
            let secrets: Vec<HeaderName> = next
                .headers
                .iter()
                .filter(|(name, value)| {
                    value.is_sensitive()
                        || [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION].contains(name)
                })
                .map(|(name, _)| name.clone())
                .collect();
            for name in secrets {
                next.headers.remove(name);
            }
        }
        Some(next)
    }
}
