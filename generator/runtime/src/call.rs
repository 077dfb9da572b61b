//! What every generated request builder shares: the client it sends with,
//! the per-call options, and the one generic path from a builder to a
//! decoded response, so each operation only says how to build its request
//! and how to decode its answer.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use reqwest::header::HeaderValue;

use super::auth::Security;
use super::client::{ClientCore, Request, request_span};
use super::direct::{Decoder, DirectCall, Step};
use super::error::Error;
use super::events::{DecodeData, EventStream};
use super::options::RequestOptions;
use super::response::{RawResponse, ResponseValue};
use super::stream::ByteStream;

/// The client a request builder sends with and the options of this one
/// call, set through the builder's `timeout`, `header`, `retry`, `options`
/// and `accept`.
#[derive(Clone, Debug)]
pub struct Call {
    core: ClientCore,
    options: Option<RequestOptions>,
    accept: Option<String>,
}

impl Call {
    /// A call through `core` (one clone of its `Arc`s), with no options yet.
    pub fn new(core: &ClientCore) -> Self {
        Self {
            core: core.clone(),
            options: None,
            accept: None,
        }
    }

    /// Starts the request, as [`ClientCore::request`] does.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &'static str,
        segments: &[&str],
    ) -> Request {
        self.core.request(method, path, segments)
    }

    /// Changes this call's options. (Each builder method calls one of the
    /// named methods below, not a closure: a closure is one more body for
    /// the compiler to check, per method of every builder.)
    fn change(&mut self, change: impl FnOnce(RequestOptions) -> RequestOptions) {
        self.options = Some(change(self.options.take().unwrap_or_default()));
    }

    /// The time allowed for each attempt of this call.
    pub fn timeout(&mut self, timeout: std::time::Duration) {
        self.change(|options| options.timeout(timeout));
    }

    /// A header for this call.
    pub fn header(&mut self, name: &str, value: &str) {
        self.change(|options| options.header(name, value));
    }

    /// The retry policy of this call.
    pub fn retry(&mut self, policy: super::retry::RetryPolicy) {
        self.change(|options| options.retry(policy));
    }

    /// Adds `options` to this call's; they win where both set one.
    pub fn add_options(&mut self, options: RequestOptions) {
        self.options = Some(match self.options.take() {
            Some(own) => own.merged(options),
            None => options,
        });
    }

    /// Asks for `media_type` instead of what the spec documents.
    pub fn accept(&mut self, media_type: &str) {
        self.accept = Some(media_type.to_owned());
    }

    /// The client with this call's options, and the request with its
    /// `Accept` override.
    fn finish<E>(self, mut request: Request) -> Result<(ClientCore, Request), Error<E>> {
        if let Some(media_type) = self.accept {
            let value = HeaderValue::from_str(&media_type).map_err(|_| {
                Error::InvalidRequest(format!(
                    "`{media_type}` is not a media type `Accept` can carry"
                ))
            })?;
            request.set_accept(value);
        }
        let core = match self.options {
            Some(options) => self.core.with_options(options),
            None => self.core,
        };
        Ok((core, request))
    }
}

/// A request ready to send: the call it belongs to, the request and the
/// security requirement its credentials follow.
pub struct Prepared {
    call: Call,
    request: Request,
    security: Security,
}

impl Prepared {
    /// The request built by an operation's builder.
    pub fn new(call: Call, request: Request, security: Security) -> Self {
        Self {
            call,
            request,
            security,
        }
    }

    /// The client with the call's options, the request with its `Accept`
    /// override, and its security requirement.
    pub(crate) fn finish<E>(self) -> Result<(ClientCore, Request, Security), Error<E>> {
        let (core, request) = self.call.finish(self.request)?;
        Ok((core, request, self.security))
    }
}

/// An operation's request builder, as the generic sending code sees it.
pub trait Operation: Send + Sized + 'static {
    /// What a documented success decodes into.
    type Success: Send + 'static;
    /// What a documented error decodes into.
    type Error: Send + 'static;

    /// Builds the request from the builder's arguments.
    fn prepare(self) -> Result<Prepared, Error<Self::Error>>;

    /// Decodes a whole response by its status.
    fn decode(response: RawResponse) -> Result<ResponseValue<Self::Success>, Error<Self::Error>>;
}

/// What awaiting a request gives: the decoded success, or the error.
pub(crate) type Outcome<T, E> = Result<ResponseValue<T>, Error<E>>;

/// The future of one request, returned by awaiting a request builder (or
/// its `stream()` and `events()`). Nothing is sent until it is polled;
/// dropping it cancels the request. It is `Send` and `'static`, so it can be
/// spawned. A call that only `reqwest` takes part in (no custom transport,
/// hook, credential provider or listened-to tracing span) is polled in
/// place, with no allocation of its own; any other is boxed.
#[must_use = "a request is sent only when its future is awaited"]
pub struct ResponseFuture<T, E> {
    inner: Inner<T, E>,
}

// The direct call is held in place on purpose: boxing it is the
// allocation, and under many threads the allocator's lock, it saves.
#[allow(clippy::large_enum_variant)]
enum Inner<T, E> {
    /// A call sent through `reqwest` alone, polled in place.
    Direct(DirectCall<T, E>),
    /// Any other call, or the rest of a direct one.
    Boxed(Pin<Box<dyn Future<Output = Outcome<T, E>> + Send>>),
    /// Known before anything is sent: the request could not be made.
    Failed(Option<Error<E>>),
}

impl<T: Send + 'static, E: Send + 'static> ResponseFuture<T, E> {
    /// Sends the builder's request and decodes the response. The request
    /// is made now, and sent when the future is first polled.
    pub fn send<O: Operation<Success = T, Error = E>>(operation: O) -> Self {
        let (core, request, security) = match operation.prepare().and_then(Prepared::finish) {
            Ok(prepared) => prepared,
            Err(error) => return Self::failed(error),
        };
        if !core.sends_directly() || !request_span(&request).is_disabled() {
            return Self::boxed(send(core, request, security, O::decode));
        }
        match core.start_directly(request, security) {
            Ok((context, outgoing, first)) => Self {
                inner: Inner::Direct(DirectCall::new(core, context, outgoing, first, O::decode)),
            },
            Err(error) => Self::failed(error),
        }
    }

    fn boxed(future: impl Future<Output = Outcome<T, E>> + Send + 'static) -> Self {
        Self {
            inner: Inner::Boxed(Box::pin(future)),
        }
    }

    fn failed(error: Error<E>) -> Self {
        Self {
            inner: Inner::Failed(Some(error)),
        }
    }
}

impl<E: Send + 'static> ResponseFuture<ByteStream, E> {
    /// Sends the builder's request and returns a success (2XX) body
    /// unread, as a stream; other statuses are read whole and decoded as
    /// awaiting the builder does.
    pub fn stream<O: Operation<Error = E>>(operation: O) -> Self {
        Self::boxed(async move {
            let response = streaming(operation, false).await?;
            Ok(response.into_stream())
        })
    }
}

impl<T: Send + 'static, E: Send + 'static> ResponseFuture<EventStream<T>, E> {
    /// Sends the builder's request asking for server-sent events and
    /// returns a success (2XX) body as events, their data decoded by
    /// `data`; other statuses are read whole and decoded as awaiting the
    /// builder does.
    pub fn events<O: Operation<Error = E>>(operation: O, data: DecodeData<T>) -> Self {
        Self::boxed(async move {
            let response = streaming(operation, true).await?;
            Ok(response.into_events(data))
        })
    }
}

impl<T: Send + 'static, E: Send + 'static> Future for ResponseFuture<T, E> {
    type Output = Outcome<T, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Every variant is `Unpin`: the direct call holds `reqwest`'s
        // pending response and body, both boxed inside.
        let inner = &mut self.get_mut().inner;
        loop {
            match inner {
                Inner::Direct(call) => {
                    let step = ready!(call.poll_step(cx));
                    let Inner::Direct(call) = std::mem::replace(inner, Inner::Failed(None)) else {
                        unreachable!("the call was direct above");
                    };
                    match step {
                        Step::Done(outcome) => return Poll::Ready(outcome),
                        step => *inner = Inner::Boxed(call.hand_on(step)),
                    }
                }
                Inner::Boxed(future) => return future.as_mut().poll(cx),
                Inner::Failed(error) => {
                    return Poll::Ready(Err(error.take().unwrap_or_else(|| {
                        Error::InvalidRequest("the call was awaited after it finished".to_owned())
                    })));
                }
            }
        }
    }
}

impl<T, E> std::fmt::Debug for ResponseFuture<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResponseFuture")
    }
}

/// A call that is not sent directly: the request is sent as
/// [`ClientCore::send`] does, and the response decoded by `decode`.
async fn send<T, E>(
    core: ClientCore,
    request: Request,
    security: Security,
    decode: Decoder<T, E>,
) -> Outcome<T, E> {
    let response = core.send(request, security).await?;
    decode(response)
}

/// Sends the request (asking for server-sent events if `events`, whatever
/// `Accept` the operation or the caller set); a 2XX response comes back
/// with its body unread, any other is read and decoded, which gives its
/// documented error (a documented non-2XX success, which a stream cannot
/// carry, is returned as an unexpected status).
async fn streaming<O: Operation>(
    operation: O,
    events: bool,
) -> Result<super::stream::StreamingResponse, Error<O::Error>> {
    let (core, mut request, security) = operation.prepare()?.finish()?;
    if events {
        request.accept_events();
    }
    let response = core.send_streaming(request, security).await?;
    if response.status().is_success() {
        return Ok(response);
    }
    let response = response.buffer().await?;
    match O::decode(response) {
        Ok(value) => Err(Error::UnexpectedStatus(Box::new(value.into_raw()))),
        Err(error) => Err(error),
    }
}

/// The methods every request builder has besides its own setters: the
/// per-call options and `stream()`. Expanded inside each builder's `impl`,
/// whose `call` field is a [`Call`].
#[doc(hidden)]
#[macro_export]
macro_rules! __request_methods {
    () => {
        /// Allows each attempt of this call `timeout`, from sending the
        /// request to reading the whole response, instead of the client's.
        pub fn timeout(mut self, timeout: ::core::time::Duration) -> Self {
            self.call.timeout(timeout);
            self
        }

        /// Sends this header too, replacing a default or generated one of
        /// the same name. The value is never shown by `Debug` or logs.
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.call.header(name, value);
            self
        }

        /// Retries this call as `policy` says instead of the client's
        /// policy.
        pub fn retry(mut self, policy: $crate::RetryPolicy) -> Self {
            self.call.retry(policy);
            self
        }

        /// Adds `options` (headers, query parameters, timeout, retry
        /// policy) to this call; they win over the client's.
        pub fn options(mut self, options: $crate::RequestOptions) -> Self {
            self.call.add_options(options);
            self
        }

        /// Asks for `media_type` (`Accept`) instead of what the spec
        /// documents, e.g. `application/octet-stream` for a download the
        /// spec describes as JSON; read such a body with `stream()`.
        pub fn accept(mut self, media_type: &str) -> Self {
            self.call.accept(media_type);
            self
        }

        /// Sends the request and returns a success (2XX) body unread, as a
        /// [`ByteStream`]($crate::ByteStream) (a `Stream` of chunks, or
        /// `into_async_read()` for `tokio::io::copy`), so a body of any size
        /// needs little memory. Other statuses are decoded as awaiting the
        /// request does.
        pub fn stream(self) -> $crate::ResponseFuture<$crate::ByteStream, <Self as $crate::__private::Operation>::Error> {
            $crate::ResponseFuture::stream(self)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ClientBuilder, FromClientCore};
    use crate::hooks::Hook;

    struct Core(ClientCore);

    impl FromClientCore for Core {
        fn from_core(core: ClientCore) -> Self {
            Self(core)
        }
    }

    /// `GET /ping`, decoded as nothing.
    struct Ping(ClientCore);

    impl Operation for Ping {
        type Success = ();
        type Error = ();

        fn prepare(self) -> Result<Prepared, Error<()>> {
            let call = Call::new(&self.0);
            let request = call.request(reqwest::Method::GET, "/ping", &["ping"]);
            Ok(Prepared::new(call, request, &[]))
        }

        fn decode(response: RawResponse) -> Outcome<(), ()> {
            Ok(ResponseValue::new((), response))
        }
    }

    struct Quiet;

    impl Hook for Quiet {}

    fn core(builder: ClientBuilder<Core>) -> ClientCore {
        builder.build().unwrap().0
    }

    fn direct(future: &ResponseFuture<(), ()>) -> bool {
        matches!(future.inner, Inner::Direct(_))
    }

    #[test]
    fn a_call_through_reqwest_alone_is_polled_in_place_and_any_other_is_boxed() {
        let builder = || ClientBuilder::<Core>::new(Some("http://localhost:1"), "test/1");

        let plain = core(
            builder()
                .bearer_token("t")
                .timeout(std::time::Duration::from_secs(1)),
        );
        assert!(direct(&ResponseFuture::send(Ping(plain))));

        let hooked = core(builder().hook(Quiet));
        assert!(!direct(&ResponseFuture::send(Ping(hooked))));

        let provided =
            core(builder().bearer_token_provider(|| async {
                Ok::<_, crate::auth::BoxError>("t".to_owned())
            }));
        assert!(!direct(&ResponseFuture::send(Ping(provided))));

        fn spawnable<F: Future + Send + 'static>(_: &F) {}
        spawnable(&ResponseFuture::send(Ping(core(builder()))));
    }
}
