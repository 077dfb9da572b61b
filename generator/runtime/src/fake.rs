//! An in-process fake of an API for the tests of code that uses a client:
//! a [`Transport`] that answers each request with the first expectation
//! that matches it, counts calls, and explains a request that matches
//! none.

use std::fmt::{self, Write as _};
use std::future::Future as _;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use reqwest::Method;
use reqwest::header::HeaderMap;

use super::auth::{BoxError, BoxFuture};
use super::call::Operation;
use super::fake_pages::PagedAnswer;
use super::fake_spec::Route;
use super::pages::Paginated;
use super::redact::is_secret_name;
use super::reply::{Body, Reply};
use super::transport::{Transport, TransportError, TransportErrorKind};

/// A fake of an API, in process: give it to a client with
/// `ClientBuilder::transport(fake.clone())`, say what each call gets with
/// [`on`](Self::on) (the call as the client's own request builder writes
/// it) or [`expect`](Self::expect) (any request), and run the code under
/// test. Clones share the expectations.
///
/// A request is answered by the first expectation (in the order they were
/// added) that matches it and has calls left; a request that matches none
/// fails with [`Error::Transport`](super::Error::Transport) whose source
/// says which expectation came closest and how it differed. Those failures,
/// and expectations called other than their [`times`](Mock::times), fail
/// the test when the last clone of the fake is dropped, or when
/// [`verify`](Self::verify) is called.
#[derive(Clone, Default)]
pub struct Fake {
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    expectations: Mutex<Vec<Expectation>>,
    /// What went wrong, one message per problem, in order.
    failures: Mutex<Vec<String>>,
    /// The spec's operations, for a fake made from one.
    routes: Vec<Route>,
    /// Requests the spec does not allow are answered anyway.
    lenient: AtomicBool,
}

/// What a request must be for an expectation to answer it: each part
/// given must match; anything not given is not looked at.
#[derive(Clone, Debug)]
pub struct Expect {
    method: Method,
    /// The path as the client sends it (the base URL's path included),
    /// percent-decoded segment by segment.
    path: Vec<String>,
    /// Pairs the query must have (others may be there too).
    query: Vec<(String, String)>,
    /// Headers the request must have with these values.
    headers: Vec<(String, String)>,
    /// The body: equal as JSON if both are JSON, byte for byte otherwise.
    body: Option<Bytes>,
}

struct Expectation {
    expect: Expect,
    answer: Answer,
    /// Headers every reply gets, set with [`Mock::header`].
    headers: HeaderMap,
    times: Option<usize>,
    calls: usize,
}

/// What an expectation answers with.
enum Answer {
    /// These replies, one per call in order, the last one repeated.
    Replies(Vec<Reply>),
    /// Pages served by the operation's strategy, by what each call asks.
    Pages(Box<PagedAnswer>),
}

impl Answer {
    /// The reply to call number `call` (from 0) for `url`.
    fn reply(&self, call: usize, url: &reqwest::Url) -> Option<Reply> {
        match self {
            Answer::Replies(replies) => replies.get(call).or(replies.last()).cloned(),
            Answer::Pages(pages) => Some(pages.reply(url)),
        }
    }
}

/// An expectation added to a [`Fake`]: say how often it must be called,
/// and what later calls get. Dropping it leaves the expectation in place.
pub struct Mock<O = ()> {
    state: Arc<State>,
    index: usize,
    operation: PhantomData<fn() -> O>,
}

impl Fake {
    /// A fake with no expectations, which knows no spec: a request that
    /// matches no expectation fails the test. A generated module's
    /// `fake()` makes one that knows its spec.
    pub fn new() -> Self {
        Self::default()
    }

    /// A fake of the spec whose operations are `routes` (what a generated
    /// module's `fake()` calls): every request is checked against the
    /// operation it is for, and one that no expectation matches gets the
    /// operation's answer from the spec.
    #[doc(hidden)]
    pub fn from_spec(routes: Vec<Route>) -> Self {
        Self {
            state: Arc::new(State {
                expectations: Mutex::default(),
                failures: Mutex::default(),
                routes,
                lenient: AtomicBool::new(false),
            }),
        }
    }

    /// With `true`, a request the spec does not allow (no such operation,
    /// a required parameter or body missing, a body its schema rejects, a
    /// media type it does not list) is answered anyway rather than failing
    /// the test. Default: strict (`false`).
    pub fn lenient(self, lenient: bool) -> Self {
        self.state.lenient.store(lenient, Ordering::Relaxed);
        self
    }

    /// Expects the request `call` (a request builder of a client whose
    /// transport is this fake) would send: its method, path and query,
    /// the headers its parameters set, and its body. Other query pairs and
    /// headers (credentials, defaults) may be there too. Its percent
    /// encoding is the client's own.
    ///
    /// # Panics
    ///
    /// If the call cannot build its request (a header value with a
    /// newline, say): a test's mistake.
    pub fn on<O: Operation>(&self, call: O) -> Pending<'_, O> {
        let built = call
            .prepare()
            .and_then(|prepared| prepared.finish())
            .and_then(|(core, request, _)| {
                let mut outgoing = core.build(request)?;
                core.first_request(&mut outgoing)
                    .map_err(super::error::Error::InvalidRequest)
            });
        let request = match built {
            Ok(request) => request,
            Err(error) => panic!("the expected call cannot build its request: {error}"),
        };
        let mut received = Received::of(&request);
        // A multipart body's boundary is new on every call, and its parts
        // may be files read as they are sent: neither is compared.
        let multipart = received
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .is_some_and(|value| value.as_bytes().starts_with(b"multipart/"));
        if multipart {
            received.headers.remove(reqwest::header::CONTENT_TYPE);
            received.headers.remove(reqwest::header::CONTENT_LENGTH);
        }
        let expect = Expect {
            method: received.method,
            path: received.path,
            query: received.query,
            headers: header_pairs(&received.headers),
            body: request.body().filter(|_| !multipart).map(|_| received.body),
        };
        Pending {
            fake: self,
            expect,
            operation: PhantomData,
        }
    }

    /// Expects requests as `expect` describes them.
    pub fn expect(&self, expect: Expect) -> Pending<'_> {
        Pending {
            fake: self,
            expect,
            operation: PhantomData,
        }
    }

    /// Fails (panics) if a request matched no expectation, or an
    /// expectation was called other than its [`times`](Mock::times);
    /// the message lists each problem. Forgets them, so the fake's drop
    /// does not report them again.
    ///
    /// # Panics
    ///
    /// On any problem, as said.
    pub fn verify(&self) {
        self.state.verify();
    }

    /// The reply to `request`, or why there is none (recorded as a
    /// failure of the test).
    pub(crate) fn reply_to(&self, request: &reqwest::Request) -> Result<Reply, String> {
        let received = Received::of(request);
        let route = self.route_for(&received);
        if let Some(problem) = self.against_spec(request, &received, route) {
            lock(&self.state.failures).push(problem.clone());
            return Err(problem);
        }
        let mut expectations = lock(&self.state.expectations);
        let matching = expectations.iter_mut().find(|e| {
            e.expect.differences(&received).is_empty() && e.times.is_none_or(|t| e.calls < t)
        });
        if let Some(expectation) = matching {
            let reply = expectation.answer.reply(expectation.calls, request.url());
            expectation.calls += 1;
            let headers = &expectation.headers;
            return reply
                .map(|reply| reply.with_headers(headers))
                .ok_or_else(|| format!("{} has no reply", expectation.expect));
        }
        if let Some(route) = route {
            return Ok((route.reply)());
        }
        let report = no_match(&received, &expectations);
        lock(&self.state.failures).push(report.clone());
        Err(report)
    }

    /// The spec's operation `received` is for: the most specific one whose
    /// method and path match.
    fn route_for(&self, received: &Received) -> Option<&Route> {
        let method = received.method.as_str();
        self.state
            .routes
            .iter()
            .filter_map(|route| Some((route.matches(method, &received.path)?, route)))
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, route)| route)
    }

    /// How `request` breaks the spec, if the fake knows one and is strict.
    fn against_spec(
        &self,
        request: &reqwest::Request,
        received: &Received,
        route: Option<&Route>,
    ) -> Option<String> {
        if self.state.routes.is_empty() || self.state.lenient.load(Ordering::Relaxed) {
            return None;
        }
        let Some(route) = route else {
            return Some(format!("{received} is no operation of the spec"));
        };
        let violations = route.violations(request, &received.path);
        if violations.is_empty() {
            return None;
        }
        let mut report = format!(
            "{received} breaks the spec of `{}` ({}):",
            route.operation, route.location
        );
        for violation in violations {
            let _ = write!(report, "\n  {violation}");
        }
        Some(report)
    }
}

impl State {
    /// Panics with every problem so far, forgetting them.
    fn verify(&self) {
        let problems = self.problems();
        if !problems.is_empty() {
            panic!("the fake API saw problems:\n{}", problems.join("\n"));
        }
    }

    /// The problems so far: requests that matched nothing, expectations
    /// called other than their count. Forgotten once returned.
    fn problems(&self) -> Vec<String> {
        let mut problems = std::mem::take(&mut *lock(&self.failures));
        for expectation in lock(&self.expectations).iter_mut() {
            if let Some(times) = expectation.times
                && expectation.calls != times
            {
                problems.push(format!(
                    "expected {} {} time{}, called {} time{}",
                    expectation.expect,
                    times,
                    plural(times),
                    expectation.calls,
                    plural(expectation.calls),
                ));
                // Reported once.
                expectation.times = None;
            }
        }
        problems
    }
}

impl Drop for State {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

impl fmt::Debug for Fake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expectations = lock(&self.state.expectations);
        f.debug_struct("Fake")
            .field(
                "expectations",
                &expectations
                    .iter()
                    .map(|e| e.expect.to_string())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Transport for Fake {
    fn send(
        &self,
        mut request: reqwest::Request,
    ) -> BoxFuture<'_, Result<reqwest::Response, TransportError>> {
        Box::pin(async move {
            // A body read as it is sent (a file, a stream, a multipart
            // form) is read whole first, as a server reads it.
            if let Some(body) = request.body_mut().take() {
                let bytes = match body.as_bytes() {
                    Some(bytes) => Bytes::copy_from_slice(bytes),
                    None => http_body_util::BodyExt::collect(body)
                        .await
                        .map_err(|e| TransportError::new(TransportErrorKind::Request, e))?
                        .to_bytes(),
                };
                *request.body_mut() = Some(bytes.into());
            }
            let reply = self
                .reply_to(&request)
                .map_err(|report| TransportError::new(TransportErrorKind::Other, report))?;
            respond(reply).await
        })
    }
}

/// An expectation still to be given its reply: any [`Reply`], or, for a
/// call of an operation, a value of its own success or error type.
#[must_use = "an expectation answers nothing until given a reply"]
pub struct Pending<'a, O = ()> {
    fake: &'a Fake,
    expect: Expect,
    operation: PhantomData<fn() -> O>,
}

/// How a fake answers an operation with the client's own types: the
/// status and body each documented response is sent with. Every request
/// builder of a generated client implements it when the runtime's `fake`
/// feature is on.
pub trait Replies: Operation {
    /// The response a server sends for `value`: the documented success
    /// status (for a `2XX` range, its first code; for `default`, 200) and
    /// `value` as its body.
    fn success_reply(value: Self::Success) -> Reply;

    /// The response a server sends for `value`: the status its variant
    /// documents (a range's first code; 500 for `default`) and its body.
    fn error_reply(value: Self::Error) -> Reply;
}

impl<O: Replies> Pending<'_, O> {
    /// Answers every matching request with `value`, sent as the spec
    /// documents its success ([`Replies::success_reply`]).
    pub fn respond(self, value: O::Success) -> Mock<O> {
        self.reply(O::success_reply(value))
    }

    /// Answers every matching request with the documented error `value`
    /// ([`Replies::error_reply`]).
    pub fn respond_error(self, value: O::Error) -> Mock<O> {
        self.reply(O::error_reply(value))
    }
}

impl<O: Paginated + Replies> Pending<'_, O>
where
    O::Success: Clone,
{
    /// Serves `pages` in order, each saying where the next one is as the
    /// operation's strategy does (a `Link` header, a next link or cursor
    /// in the body, `has_more`), and answers each request with the page it
    /// asks for: `.items()` and `.pages()` see them all, one request each.
    /// A request past the last page gets the last page without its items.
    /// The expectation counts one call per page asked for.
    pub fn pages(self, pages: Vec<O::Success>) -> Mock<O> {
        let empty = pages.last().cloned().map(|mut last| {
            if let Some(items) = O::items(&mut last) {
                items.clear();
            }
            O::success_reply(last)
        });
        let empty = empty.unwrap_or_else(|| Reply::status(404));
        let replies = pages.into_iter().map(O::success_reply).collect();
        let answer = PagedAnswer::new(O::PAGING, replies, empty);
        self.add(Answer::Pages(Box::new(answer)))
    }
}

impl<O> Pending<'_, O> {
    /// Answers every matching request with `reply` (until
    /// [`then`](Mock::then) gives later ones another).
    pub fn reply(self, reply: Reply) -> Mock<O> {
        self.add(Answer::Replies(vec![reply]))
    }

    fn add(self, answer: Answer) -> Mock<O> {
        let mut expectations = lock(&self.fake.state.expectations);
        expectations.push(Expectation {
            expect: self.expect,
            answer,
            headers: HeaderMap::new(),
            times: None,
            calls: 0,
        });
        Mock {
            state: self.fake.state.clone(),
            index: expectations.len() - 1,
            operation: PhantomData,
        }
    }
}

impl<O: Replies> Mock<O> {
    /// The next call gets the success `value`, sent as the spec documents
    /// it; calls after the last reply get it again.
    pub fn then_respond(self, value: O::Success) -> Self {
        self.then(O::success_reply(value))
    }

    /// The next call gets the documented error `value`.
    pub fn then_respond_error(self, value: O::Error) -> Self {
        self.then(O::error_reply(value))
    }
}

impl<O> Mock<O> {
    /// The expectation must be called exactly `times` times (checked when
    /// the fake is dropped or verified), and answers no more than that.
    pub fn times(self, times: usize) -> Self {
        self.with(|e| e.times = Some(times));
        self
    }

    /// The next call gets `reply`; calls after the last reply get it again.
    /// `on(call).reply(a).then(b).then(c)`: a, then b, then c from then on.
    /// (Served [`pages`](Pending::pages) answer each call with the page it
    /// asks for: there is no next reply to add.)
    pub fn then(self, reply: Reply) -> Self {
        self.with(|e| {
            if let Answer::Replies(replies) = &mut e.answer {
                replies.push(reply);
            }
        });
        self
    }

    /// Sets the header `name` to `value` on every reply of this
    /// expectation, written as the client reads it back: text as it is,
    /// other values as JSON (`10`, `true`). Generated clients also have a
    /// typed setter per header an operation's responses declare.
    ///
    /// # Panics
    ///
    /// If the name or the written value is not valid in HTTP.
    pub fn header(self, name: &str, value: &impl serde::Serialize) -> Self {
        let text = match serde_json::to_value(value).expect("the value is JSON") {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        let name =
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = reqwest::header::HeaderValue::from_str(&text).expect("a valid header value");
        self.with(|e| {
            e.headers.insert(name, value);
        });
        self
    }

    /// How many requests this expectation has answered.
    pub fn calls(&self) -> usize {
        let expectations = lock(&self.state.expectations);
        expectations.get(self.index).map_or(0, |e| e.calls)
    }

    fn with(&self, change: impl FnOnce(&mut Expectation)) {
        if let Some(expectation) = lock(&self.state.expectations).get_mut(self.index) {
            change(expectation);
        }
    }
}

impl<O> fmt::Debug for Mock<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expectations = lock(&self.state.expectations);
        match expectations.get(self.index) {
            Some(e) => write!(f, "Mock({}, {} calls)", e.expect, e.calls),
            None => f.write_str("Mock"),
        }
    }
}

impl Expect {
    /// Requests with this method (`GET`, `POST`...) to this path, as the
    /// client sends it: the base URL's path included, each segment
    /// percent-decoded (`/users/a b` matches `/users/a%20b`).
    ///
    /// # Panics
    ///
    /// If `method` is not a valid HTTP method.
    pub fn new(method: impl AsRef<str>, path: &str) -> Self {
        let method = Method::from_bytes(method.as_ref().as_bytes()).expect("a valid HTTP method");
        Self {
            method,
            path: segments(path),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// The query must have this pair (among others).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The request must have this header with this value.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// The body must be this JSON (compared as JSON: spacing and key order
    /// do not matter).
    ///
    /// # Panics
    ///
    /// If `value` cannot be written as JSON.
    pub fn json_body(mut self, value: &impl serde::Serialize) -> Self {
        self.body = Some(serde_json::to_vec(value).expect("the value is JSON").into());
        self
    }

    /// The body must be these bytes (or this JSON, if they are JSON).
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// How `received` differs from what is expected, one line each (none:
    /// it matches).
    fn differences(&self, received: &Received) -> Vec<String> {
        let mut differences = Vec::new();
        if received.method != self.method {
            differences.push(format!("method {}, not {}", received.method, self.method));
        }
        if received.path != self.path {
            differences.push(format!(
                "path {}, not {}",
                path_text(&received.path),
                path_text(&self.path)
            ));
        }
        for (name, value) in &self.query {
            let found: Vec<&str> = received
                .query
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .collect();
            if !found.contains(&value.as_str()) {
                let shown = if is_secret_name(name) {
                    "<redacted>"
                } else {
                    value
                };
                differences.push(match found.as_slice() {
                    [] => format!("no query parameter `{name}` (expected `{shown}`)"),
                    _ if is_secret_name(name) => format!("query parameter `{name}` differs"),
                    found => format!(
                        "query parameter `{name}` is `{}`, not `{shown}`",
                        found.join("`, `")
                    ),
                });
            }
        }
        for (name, value) in &self.headers {
            match received
                .headers
                .get(name.as_str())
                .and_then(|v| v.to_str().ok())
            {
                Some(found) if found == value => {}
                None => differences.push(format!("no header `{name}`")),
                Some(_) if is_secret_name(name) || name == "authorization" => {
                    differences.push(format!("header `{name}` differs"));
                }
                Some(found) => {
                    differences.push(format!("header `{name}` is `{found}`, not `{value}`"));
                }
            }
        }
        if let Some(body) = &self.body
            && !same_body(body, &received.body)
        {
            differences.push(format!(
                "body {}, not {}",
                body_text(&received.body),
                body_text(body)
            ));
        }
        differences
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_request(f, &self.method, &self.path, &self.query)
    }
}

/// `METHOD /path?query` of a request or an expectation, the values of
/// secret query parameters redacted.
fn write_request(
    f: &mut fmt::Formatter<'_>,
    method: &Method,
    path: &[String],
    query: &[(String, String)],
) -> fmt::Result {
    write!(f, "{method} {}", path_text(path))?;
    for (i, (name, value)) in query.iter().enumerate() {
        let value = if is_secret_name(name) {
            "<redacted>"
        } else {
            value
        };
        write!(f, "{}{name}={value}", if i == 0 { '?' } else { '&' })?;
    }
    Ok(())
}

/// A request as the fake compares it.
struct Received {
    method: Method,
    path: Vec<String>,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
}

impl Received {
    fn of(request: &reqwest::Request) -> Self {
        let body = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(Bytes::copy_from_slice)
            .unwrap_or_default();
        Self {
            method: request.method().clone(),
            path: segments(request.url().path()),
            query: request.url().query_pairs().into_owned().collect(),
            headers: request.headers().clone(),
            body,
        }
    }
}

impl fmt::Display for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_request(f, &self.method, &self.path, &self.query)
    }
}

/// What a request that matched nothing is told: the request, and the
/// expectation that came closest with what differed.
fn no_match(received: &Received, expectations: &[Expectation]) -> String {
    let mut report = format!("no expectation matches {received}");
    let closest = expectations
        .iter()
        .map(|e| (e, e.expect.differences(received)))
        .min_by_key(|(e, differences)| {
            // The same method and path first, then the fewest differences.
            let route = usize::from(e.expect.method != received.method)
                + usize::from(e.expect.path != received.path);
            (route, differences.len())
        });
    match closest {
        None => report.push_str("; the fake has no expectations"),
        Some((expectation, differences)) if differences.is_empty() => {
            let _ = write!(
                report,
                "; {} matches but has answered its {} call{}",
                expectation.expect,
                expectation.calls,
                plural(expectation.calls)
            );
        }
        Some((expectation, differences)) => {
            let _ = write!(report, "; closest: {}", expectation.expect);
            for difference in differences {
                let _ = write!(report, "\n  {difference}");
            }
        }
    }
    report
}

/// A reply as a response: after its delay, its head, then its body whole
/// or chunk by chunk.
async fn respond(reply: Reply) -> Result<reqwest::Response, TransportError> {
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    if let Some(kind) = reply.failure {
        return Err(TransportError::new(
            kind,
            "the fake API failed the connection",
        ));
    }
    let body = match reply.body {
        Body::Whole(bytes) => reqwest::Body::from(bytes),
        chunked => reqwest::Body::wrap_stream(body_chunks(chunked)),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = reply.status;
    *response.headers_mut() = reply.headers;
    Ok(reqwest::Response::from(response))
}

/// A reply's body as a stream of chunks, for a response in process or on
/// a socket.
pub(crate) fn body_chunks(body: Body) -> Chunks {
    match body {
        Body::Whole(bytes) => Chunks {
            chunks: [bytes].into(),
            every: Duration::ZERO,
            then_break: false,
            wait: None,
        },
        Body::Chunks {
            chunks,
            every,
            then_break,
        } => Chunks {
            chunks: chunks.into(),
            every,
            then_break,
            wait: None,
        },
    }
}

/// A body sent chunk by chunk, `every` apart, perhaps broken at its end.
pub(crate) struct Chunks {
    chunks: std::collections::VecDeque<Bytes>,
    every: Duration,
    then_break: bool,
    wait: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Stream for Chunks {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Some(wait) = &mut self.wait {
            if wait.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.wait = None;
        }
        let Some(chunk) = self.chunks.pop_front() else {
            return Poll::Ready(
                self.then_break
                    .then(|| Err("the fake API broke the connection".into())),
            );
        };
        if !self.every.is_zero() {
            self.wait = Some(Box::pin(tokio::time::sleep(self.every)));
        }
        Poll::Ready(Some(Ok(chunk)))
    }
}

/// The path's segments, each percent-decoded.
fn segments(path: &str) -> Vec<String> {
    path.trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect()
}

/// `text` with each `%XX` made the byte it stands for (a `%` that starts
/// no such triple stays as it is).
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn path_text(segments: &[String]) -> String {
    format!("/{}", segments.join("/"))
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

/// Whether two bodies are the same: as JSON if both are, else as bytes.
fn same_body(expected: &Bytes, received: &Bytes) -> bool {
    match (
        serde_json::from_slice::<serde_json::Value>(expected),
        serde_json::from_slice::<serde_json::Value>(received),
    ) {
        (Ok(expected), Ok(received)) => expected == received,
        _ => expected == received,
    }
}

/// A body in a report: short text as it is, else its size.
fn body_text(body: &Bytes) -> String {
    match std::str::from_utf8(body) {
        Ok("") => "empty".to_owned(),
        Ok(text) if text.len() <= 200 => format!("`{text}`"),
        _ => format!("of {} bytes", body.len()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A lock that a panicking test thread did not leave unusable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
