//! Every page of a paginated operation as a stream: of whole pages (with
//! their headers) or of items, with a cursor to resume from. Each page is
//! sent through the client core exactly as the first one is, so
//! credentials, retries, timeouts, hooks and per-call options apply to
//! every page.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use reqwest::Url;

use super::auth::{AuthScheme, Security};
use super::call::Operation;
use super::client::{ClientCore, Request, remove_query, replace_query};
use super::error::Error;
use super::paging::{Next, PageCursor, Paging, Received};
use super::response::ResponseValue;

/// An operation whose responses are pages: how to ask for the next one and
/// where each page's items are. Implemented by generated request builders.
pub trait Paginated: Operation {
    /// One item of a page.
    type Item: Send + 'static;
    /// Where the next page comes from.
    const PAGING: Paging;

    /// The items of a page (`None` when the page has no list).
    fn items(page: &mut Self::Success) -> Option<&mut Vec<Self::Item>>;
}

/// What each page is asked with: the first page's request, sent again with
/// the cursor applied; and the URL of every page asked for so far (the
/// first one's included), so that a server that points back at one cannot
/// keep the pager going forever.
struct Session {
    core: ClientCore,
    request: Request,
    security: Security,
    asked: HashSet<Url>,
}

/// A page and where the next one is.
type Fetched<O> = Result<
    (ResponseValue<<O as Operation>::Success>, Option<PageCursor>),
    Error<<O as Operation>::Error>,
>;

type InFlight<O> = Pin<Box<dyn Future<Output = (Box<Session>, Fetched<O>)> + Send>>;

enum State<O: Paginated> {
    /// Nothing sent yet: the builder of the first page.
    Unsent(O),
    /// Between pages.
    Ready(Box<Session>),
    /// A page is on its way.
    Sending(InFlight<O>),
    /// The next page cannot be asked for: the error to yield after the
    /// page just returned.
    Failed(Error<O::Error>),
    /// The last page was returned, or an error.
    Done,
}

/// Every page of a paginated call, in order: a [`Stream`] of
/// `Result<ResponseValue<Page>, Error<E>>`, each page with its status and
/// headers (rate limits...). Nothing is sent until it is polled. After an
/// error the stream ends; [`cursor`](Self::cursor) still says where the
/// failed page was, to try again from there.
///
/// From a request builder's `pages()`; `items()` gives the items instead.
#[must_use = "pages are asked for only when the stream is polled"]
pub struct Pages<O: Paginated> {
    state: State<O>,
    /// Where the next page is; `None` before the first page and after the
    /// last.
    cursor: Option<PageCursor>,
    /// Items still wanted, once [`limit`](Self::limit) is set.
    wanted: Option<usize>,
}

// Nothing is ever pinned through a `Pages`: the builder is only moved out
// of it, and the page in flight is boxed.
impl<O: Paginated> Unpin for Pages<O> {}

impl<O: Paginated> Pages<O> {
    /// The pages of the call `first` builds.
    pub fn new(first: O) -> Self {
        Self {
            state: State::Unsent(first),
            cursor: None,
            wanted: None,
        }
    }

    /// Stops after `items` items: the page that reaches the limit is cut
    /// to it, and no page is asked for after it (none at all for 0).
    pub fn limit(mut self, items: usize) -> Self {
        self.wanted = Some(items);
        if items == 0 {
            self.state = State::Done;
        }
        self
    }

    /// Starts from the page `cursor` points at (one [`cursor`](Self::cursor)
    /// gave earlier, perhaps serialised) instead of the first, with this
    /// builder's parameters.
    pub fn resume(mut self, cursor: PageCursor) -> Self {
        self.cursor = Some(cursor);
        self
    }

    /// Where the next page is: after a page was returned, `None` if it was
    /// the last; after an error, the page that failed. Serialise it to
    /// continue later with [`resume`](Self::resume).
    pub fn cursor(&self) -> Option<&PageCursor> {
        self.cursor.as_ref()
    }

    /// The next page, or `None` after the last: for a page-at-a-time
    /// interface, with [`cursor`](Self::cursor) between calls.
    pub async fn next_page(
        &mut self,
    ) -> Option<Result<ResponseValue<O::Success>, Error<O::Error>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Sends the next page's request.
    fn send(&mut self, mut session: Box<Session>) {
        let cursor = self.cursor.clone();
        self.state = State::Sending(Box::pin(async move {
            let fetched = fetch::<O>(&mut session, cursor.as_ref()).await;
            (session, fetched)
        }));
    }

    /// Takes a page received: counts it against the limit and moves on.
    fn received(
        &mut self,
        session: Box<Session>,
        mut page: ResponseValue<O::Success>,
        next: Option<PageCursor>,
    ) -> ResponseValue<O::Success> {
        if let Some(wanted) = &mut self.wanted {
            let items = O::items(page.value_mut());
            let count = items.as_ref().map_or(0, |items| items.len());
            if let Some(items) = items {
                items.truncate(*wanted);
            }
            *wanted = wanted.saturating_sub(count);
        }
        let more = next.is_some() && self.wanted != Some(0);
        self.cursor = if more { next } else { None };
        let asked_before = |next: &PageCursor| {
            target(&session, next.next()).is_ok_and(|url| session.asked.contains(&url))
        };
        self.state = match &self.cursor {
            None => State::Done,
            Some(next) if asked_before(next) => State::Failed(Error::Paging(
                "the server gave a page already received as the next one".into(),
            )),
            Some(_) => State::Ready(session),
        };
        page
    }
}

impl<O: Paginated> Stream for Pages<O> {
    type Item = Result<ResponseValue<O::Success>, Error<O::Error>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Unsent(first) => match first.prepare().and_then(|p| p.finish()) {
                    Ok((core, request, security)) => self.send(Box::new(Session {
                        core,
                        request,
                        security,
                        asked: HashSet::new(),
                    })),
                    Err(error) => return Poll::Ready(Some(Err(error))),
                },
                State::Ready(session) => self.send(session),
                State::Sending(mut in_flight) => {
                    let Poll::Ready((session, fetched)) = in_flight.as_mut().poll(cx) else {
                        self.state = State::Sending(in_flight);
                        return Poll::Pending;
                    };
                    return Poll::Ready(Some(match fetched {
                        Ok((page, next)) => Ok(self.received(session, page, next)),
                        Err(error) => Err(error),
                    }));
                }
            }
        }
    }
}

impl<O: Paginated> fmt::Debug for Pages<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("paging", &O::PAGING)
            .field("wanted", &self.wanted)
            .finish_non_exhaustive()
    }
}

/// Asks for one page: the first page's request, with `cursor` applied;
/// records the URL it asked for in the session.
async fn fetch<O: Paginated>(session: &mut Session, cursor: Option<&PageCursor>) -> Fetched<O> {
    let mut request = session.request.try_clone().ok_or_else(|| {
        Error::Paging("the request's body is a stream, which cannot be sent for every page".into())
    })?;
    if let Some(next) = cursor {
        request.set_url(target(session, next.next()).map_err(Error::Paging)?);
    }
    let asked = request.url().clone();
    session.asked.insert(asked.clone());
    let response = session.core.send(request, session.security).await?;
    let mut page = O::decode(response)?;
    let count = O::items(page.value_mut()).map_or(0, |items| items.len());
    let received = Received {
        url: &asked,
        headers: page.headers(),
        body: page.raw_body(),
        count,
    };
    let next = O::PAGING
        .next(&received)
        .map(|next| without_added_query(next, session));
    Ok((page, next.map(PageCursor::new)))
}

/// The URL the page `next` points at is asked for at (before credentials
/// and per-call query options are added): a next link, which must be on
/// the client's origin, or the first page's URL with the cursor set.
fn target(session: &Session, next: &Next) -> Result<Url, String> {
    match next {
        Next::Url(link) => {
            let url = Url::parse(link).map_err(|_| "the next page's link is not a URL")?;
            let own = session.core.base_url().origin();
            if url.origin() != own {
                return Err(format!(
                    "the next page's link leads to {}, not to the client's {}",
                    url.origin().ascii_serialization(),
                    own.ascii_serialization()
                ));
            }
            Ok(url)
        }
        Next::Query { param, value } => {
            let mut url = session.request.url().clone();
            replace_query(&mut url, param, value);
            Ok(url)
        }
    }
}

/// A next link without the query parameters each request gets added (an
/// API key the credentials put in the query, per-call query options),
/// which a server echoes in its links: sent as they are, they would be
/// there twice, and a cursor would hold the key.
fn without_added_query(next: Next, session: &Session) -> Next {
    let Next::Url(target) = &next else {
        return next;
    };
    let Ok(mut url) = Url::parse(target) else {
        return next;
    };
    let added: Vec<&str> = session
        .security
        .iter()
        .flat_map(|alternative| alternative.iter())
        .filter_map(|used| match used.scheme {
            AuthScheme::ApiKeyQuery(param) => Some(param),
            _ => None,
        })
        .chain(session.core.option_query_names())
        .collect();
    remove_query(&mut url, |name| added.contains(&name));
    Next::Url(url.into())
}

/// Every item of a paginated call, page after page: a [`Stream`] of
/// `Result<Item, Error<E>>`. An error (on any page) is the last thing it
/// yields, after the items of the pages before it.
///
/// From a request builder's `items()`.
#[must_use = "pages are asked for only when the stream is polled"]
pub struct Items<O: Paginated> {
    pages: Pages<O>,
    current: std::vec::IntoIter<O::Item>,
}

// As for `Pages`: nothing is pinned through it.
impl<O: Paginated> Unpin for Items<O> {}

impl<O: Paginated> Items<O> {
    /// The items of the call `first` builds.
    pub fn new(first: O) -> Self {
        Self::from(Pages::new(first))
    }

    /// Stops after `items` items.
    pub fn limit(self, items: usize) -> Self {
        Self {
            pages: self.pages.limit(items),
            ..self
        }
    }

    /// Starts from the page `cursor` points at (see [`Pages::resume`]).
    pub fn resume(self, cursor: PageCursor) -> Self {
        Self {
            pages: self.pages.resume(cursor),
            ..self
        }
    }

    /// Every item, collected: the first error ends it.
    pub async fn all(mut self) -> Result<Vec<O::Item>, Error<O::Error>> {
        let mut all = Vec::new();
        while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_next(cx)).await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<O: Paginated> From<Pages<O>> for Items<O> {
    fn from(pages: Pages<O>) -> Self {
        Self {
            pages,
            current: Vec::new().into_iter(),
        }
    }
}

impl<O: Paginated> Stream for Items<O> {
    type Item = Result<O::Item, Error<O::Error>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut self.pages).poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(page)) => {
                    let mut page = page.into_inner();
                    let items = O::items(&mut page).map(std::mem::take);
                    self.current = items.unwrap_or_default().into_iter();
                }
            }
        }
    }
}

impl<O: Paginated> fmt::Debug for Items<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.current.len())
            .finish()
    }
}

/// The methods of a paginated operation's request builder: `pages()` and
/// `items()`. Expanded inside the builder's `impl`.
#[doc(hidden)]
#[macro_export]
macro_rules! __page_methods {
    () => {
        /// Every page, in order, as a `Stream` of responses: each page is
        /// asked for as awaiting this builder asks for the first (the same
        /// parameters, credentials, retries, timeouts, hooks and per-call
        /// options). See [`Pages`]($crate::Pages) for `limit`, `cursor`
        /// and `resume`.
        pub fn pages(self) -> $crate::Pages<Self> {
            $crate::Pages::new(self)
        }

        /// Every item of every page, as a `Stream` (or `.all().await` for
        /// a `Vec`); see [`Pages`]($crate::Pages) for how each page is
        /// asked for.
        pub fn items(self) -> $crate::Items<Self> {
            $crate::Items::new(self)
        }
    };
}
