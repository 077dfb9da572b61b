//! A request as the client keeps it between attempts and redirect hops.
//! Each request sent is made from it when it is needed, so nothing is
//! copied in advance in case a retry or a redirect comes: a call that
//! succeeds the first time copies its URL once, the client's default
//! headers once, and its own header map once if it has headers besides
//! its [`CommonHeaders`].

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName,
    HeaderValue, LOCATION, PROXY_AUTHORIZATION,
};
use reqwest::{Method, Url};

use super::body::{Payload, Progress};

/// Whether a response of `status` is a redirect the client follows (when
/// it has a `Location`).
pub(crate) fn is_redirect(status: reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// Headers a request gets besides those of its call's map: the
/// [`CommonHeaders`], `Content-Length` and reqwest's `User-Agent`.
const SPARE_HEADERS: usize = 5;

/// The headers nearly every request has, `Accept`, `Content-Type` and
/// `Authorization`, kept out of its header map: kept for a retry or a
/// redirect without a map of their own (`Accept` and `Content-Type` are
/// nearly always static values, copied for free), and put on each request
/// as it is made. A call with no other header keeps no map at all.
#[derive(Clone, Default)]
pub(crate) struct CommonHeaders {
    accept: Option<HeaderValue>,
    content_type: Option<HeaderValue>,
    authorization: Option<HeaderValue>,
}

impl CommonHeaders {
    const NAMES: [HeaderName; 3] = [ACCEPT, CONTENT_TYPE, AUTHORIZATION];

    /// Where header `name` is kept, if it is one of these.
    pub(crate) fn slot(&mut self, name: &HeaderName) -> Option<&mut Option<HeaderValue>> {
        match *name {
            ACCEPT => Some(&mut self.accept),
            CONTENT_TYPE => Some(&mut self.content_type),
            AUTHORIZATION => Some(&mut self.authorization),
            _ => None,
        }
    }

    /// Puts them on `headers`, replacing what it had of them.
    pub(crate) fn put_on(&self, headers: &mut HeaderMap) {
        let values = [&self.accept, &self.content_type, &self.authorization];
        for (name, value) in Self::NAMES.into_iter().zip(values) {
            if let Some(value) = value {
                headers.insert(name, value.clone());
            }
        }
    }

    /// Gives way to the same headers in `headers` (the call's option
    /// headers), where it has them.
    pub(crate) fn give_way_to(&mut self, headers: &HeaderMap) {
        for name in Self::NAMES {
            if headers.contains_key(&name)
                && let Some(slot) = self.slot(&name)
            {
                *slot = None;
            }
        }
    }
}

/// Shows `Authorization` only as set or not.
impl std::fmt::Debug for CommonHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommonHeaders")
            .field("accept", &self.accept)
            .field("content_type", &self.content_type)
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// The method, URL, headers and body every request of one call is made
/// from: its attempts, and the hops of a redirect.
pub(crate) struct Outgoing {
    method: Method,
    url: Url,
    /// The call's own headers but the `common` ones: parameters,
    /// credentials, per-call headers.
    headers: HeaderMap,
    common: CommonHeaders,
    /// Which of the client's default headers each request gets (put on
    /// as it is made, under the call's own).
    defaults: Defaults,
    body: Body,
    /// Set on each request made, unless the HTTP client applies the same
    /// timeout itself.
    timeout: Option<Duration>,
    progress: Option<Progress>,
}

/// Which of the client's default headers a request gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defaults {
    All,
    /// All but `Content-Type` and `Content-Length`: a redirect made the
    /// request a GET without a body.
    NoContent,
    /// None: a redirect to another origin (every default header is held
    /// as a secret), or a request the hooks changed, which has them
    /// already.
    None,
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
        common: CommonHeaders,
        body: Option<Payload>,
        timeout: Option<Duration>,
        progress: Option<Progress>,
    ) -> Self {
        Self {
            method,
            url,
            headers,
            common,
            defaults: Defaults::All,
            body: body.map_or(Body::Empty, Body::Payload),
            timeout,
            progress,
        }
    }

    /// The first request of a call, with the client's `defaults` headers:
    /// an error when a file of the body cannot be read, so that nothing is
    /// sent.
    pub(crate) fn first_request(
        &mut self,
        defaults: &HeaderMap,
    ) -> Result<reqwest::Request, String> {
        self.request(defaults)?
            .ok_or_else(|| "the request body is a stream already sent".to_owned())
    }

    /// The next request to send, with the client's `defaults` headers
    /// where the call has none of the same name. `Ok(None)` when the body
    /// was a stream that has been sent; an error when a file of the body
    /// cannot be read.
    pub(crate) fn request(
        &mut self,
        defaults: &HeaderMap,
    ) -> Result<Option<reqwest::Request>, String> {
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
        let with_defaults = self.defaults != Defaults::None && !defaults.is_empty();
        if with_defaults || !self.headers.is_empty() {
            // Room for what is added below and by reqwest (its user
            // agent), so that the map is made once.
            headers.reserve(defaults.len() + self.headers.len() + SPARE_HEADERS);
        }
        if with_defaults {
            let no_content = self.defaults == Defaults::NoContent;
            for (name, value) in defaults {
                let replaced = self.headers.contains_key(name);
                let left_out = no_content && [CONTENT_TYPE, CONTENT_LENGTH].contains(name);
                if !replaced && !left_out {
                    headers.append(name.clone(), value.clone());
                }
            }
        }
        headers.extend(self.headers.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.common.put_on(headers);
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
            common: CommonHeaders::default(),
            defaults: Defaults::None,
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
            common: self.common.clone(),
            defaults: self.defaults,
            body,
            timeout: self.timeout,
            progress: self.progress.clone(),
        };
        if to_get {
            next.method = Method::GET;
            next.body = Body::Empty;
            next.common.content_type = None;
            if next.defaults == Defaults::All {
                next.defaults = Defaults::NoContent;
            }
            next.headers.remove(CONTENT_TYPE);
            next.headers.remove(CONTENT_LENGTH);
        }
        if !same_origin {
            next.common.authorization = None;
            next.defaults = Defaults::None;
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
