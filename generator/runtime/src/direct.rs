//! The future of a call that needs nothing but `reqwest`: no custom
//! transport, no hooks, no credential provider, no tracing span listened
//! to (most calls of most programs). Its first attempt is a state machine
//! written out here, so a call's future has a type that can be named and
//! is held in place by [`ResponseFuture`](super::ResponseFuture): nothing
//! is boxed for it. What only some calls need (following a redirect,
//! deciding on a retry) goes on in the general path,
//! [`ClientCore::received`] and [`ClientCore::retry_after`], boxed then.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use super::call::Outcome;
use super::client::{ClientCore, DirectPending};
use super::hooks::RequestContext;
use super::outgoing::{Outgoing, is_redirect};
use super::response::{RawResponse, ReadWhole};
use super::retry::is_retryable_status;
use super::stream::Received;
use super::transport::TransportError;

/// A whole response decoded by its operation.
pub(crate) type Decoder<T, E> = fn(RawResponse) -> Outcome<T, E>;

/// Where a [`DirectCall`] has got to when it is ready: the outcome, or
/// what the general path goes on from.
pub(crate) enum Step<T, E> {
    /// The call is over.
    Done(Outcome<T, E>),
    /// The first attempt gave this: the retry policy decides.
    Attempted(Result<Received, TransportError>),
    /// The first attempt was answered by a redirect, to be followed (if
    /// it can be).
    Redirected(reqwest::Response),
}

/// One call's first attempt, polled in place.
pub(crate) struct DirectCall<T, E> {
    core: ClientCore,
    outgoing: Outgoing,
    context: RequestContext,
    /// When the request was sent, for logs and hooks (set again at the
    /// first poll, which is when it is).
    started: Instant,
    decode: Decoder<T, E>,
    stage: Stage,
}

enum Stage {
    /// Not polled yet: nothing is sent, and no timeout runs, until then.
    Unsent(Option<reqwest::Request>),
    /// Waiting for the response head.
    Sending(DirectPending),
    /// Reading the body of a response that is not a redirect.
    Reading(ReadWhole),
}

impl<T: Send + 'static, E: Send + 'static> DirectCall<T, E> {
    /// Sends `request`, the first request of a call made from `outgoing`,
    /// through `core`, which [`sends_directly`](ClientCore::sends_directly).
    pub(crate) fn new(
        core: ClientCore,
        context: RequestContext,
        outgoing: Outgoing,
        request: reqwest::Request,
        decode: Decoder<T, E>,
    ) -> Self {
        Self {
            core,
            outgoing,
            context,
            started: Instant::now(),
            decode,
            stage: Stage::Unsent(Some(request)),
        }
    }

    /// Polls the first attempt until the call is over or needs the general
    /// path ([`hand_on`](Self::hand_on)). Not polled again once ready.
    pub(crate) fn poll_step(&mut self, cx: &mut Context<'_>) -> Poll<Step<T, E>> {
        loop {
            match &mut self.stage {
                Stage::Unsent(request) => {
                    let Some(request) = request.take() else {
                        unreachable!("a request is sent once");
                    };
                    self.started = Instant::now();
                    self.stage = Stage::Sending(self.core.send_directly(request));
                }
                Stage::Sending(pending) => {
                    let response = match ready!(Pin::new(pending).poll(cx)) {
                        Ok(response) => response,
                        Err(error) => {
                            let result = Err(error.into());
                            self.core
                                .attempted(&self.context, &result, self.started.elapsed());
                            return Poll::Ready(Step::Attempted(result));
                        }
                    };
                    if is_redirect(response.status()) {
                        return Poll::Ready(Step::Redirected(response));
                    }
                    self.stage = Stage::Reading(ReadWhole::new(response));
                }
                Stage::Reading(read) => {
                    let result = ready!(Pin::new(read).poll(cx)).map(Received::Whole);
                    self.core
                        .attempted(&self.context, &result, self.started.elapsed());
                    return Poll::Ready(match result {
                        Ok(Received::Whole(response))
                            if !is_retryable_status(response.status()) =>
                        {
                            Step::Done((self.decode)(response))
                        }
                        result => Step::Attempted(result),
                    });
                }
            }
        }
    }

    /// The rest of the call from `step`, the general path's future.
    pub(crate) fn hand_on(
        self,
        step: Step<T, E>,
    ) -> Pin<Box<dyn Future<Output = Outcome<T, E>> + Send>> {
        let Self {
            core,
            outgoing,
            context,
            started,
            decode,
            stage: _,
        } = self;
        Box::pin(async move {
            let result = match step {
                Step::Done(outcome) => return outcome,
                Step::Attempted(result) => result,
                // The redirect is followed as part of the attempt.
                Step::Redirected(response) => {
                    let result = core.received(response, &outgoing, false).await;
                    core.attempted(&context, &result, started.elapsed());
                    result
                }
            };
            match core.retry_after(context, outgoing, result, false).await? {
                Received::Whole(response) => decode(response),
                Received::Head(head) => decode(head.buffer().await?),
            }
        })
    }
}
