//! A paginated operation served by a fake as N pages, in the operation's
//! own strategy: each page says where the next one is as the server would
//! (a `Link` header, a cursor or next link in the body, `has_more`), and
//! each request is answered with the page it asks for (by that link or
//! cursor, the last item's key, an offset or a page number).

use bytes::Bytes;
use reqwest::Url;
use serde_json::Value;

use super::paging::Paging;
use super::reply::{Body, Reply};

/// The query parameter a fake's next links carry: which page they lead to.
const PAGE_PARAM: &str = "fake_page";

/// The pages of one expectation.
pub(crate) struct PagedAnswer {
    paging: Paging,
    /// Each page's reply, its body JSON.
    pages: Vec<(Reply, Value)>,
    /// What a request past the last page gets: the last page with no items.
    empty: Reply,
}

impl PagedAnswer {
    /// `pages` (replies with JSON bodies, in order) and the reply past the
    /// last one, served as `paging` says.
    pub(crate) fn new(paging: Paging, pages: Vec<Reply>, empty: Reply) -> Self {
        let last = pages.len().saturating_sub(1);
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(i, reply)| {
                let mut body = body_json(&reply);
                mark_next(&paging, &mut body, i, i < last);
                let reply = reply.body(body.to_string());
                (reply, body)
            })
            .collect();
        Self {
            paging,
            pages,
            empty,
        }
    }

    /// The page `url` asks for, told where the next one is.
    pub(crate) fn reply(&self, url: &Url) -> Reply {
        let Some(index) = self.index(url) else {
            return self.empty.clone();
        };
        let Some((reply, _)) = self.pages.get(index) else {
            return self.empty.clone();
        };
        let more = index + 1 < self.pages.len();
        match self.paging {
            Paging::LinkHeader if more => {
                let next = with_page(url, index + 2);
                reply
                    .clone()
                    .header("link", &format!("<{next}>; rel=\"next\""))
            }
            Paging::NextLink { path } if more => {
                let mut body = self.pages[index].1.clone();
                set(
                    &mut body,
                    path,
                    Value::String(with_page(url, index + 2).into()),
                );
                reply.clone().body(body.to_string())
            }
            _ => reply.clone(),
        }
    }

    /// Which page (from 0) `url` asks for; `None` past the last.
    fn index(&self, url: &Url) -> Option<usize> {
        let param = |name: &str| {
            url.query_pairs()
                .filter(|(n, _)| n == name)
                .last()
                .map(|(_, v)| v.into_owned())
        };
        let number = |name: &str| param(name).and_then(|v| v.parse::<usize>().ok());
        let index = match self.paging {
            Paging::LinkHeader | Paging::NextLink { .. } => {
                number(PAGE_PARAM).map_or(0, |page| page.saturating_sub(1))
            }
            Paging::Cursor { param: name, .. } => match param(name) {
                None => 0,
                Some(cursor) => cursor
                    .strip_prefix("page-")
                    .and_then(|n| n.parse::<usize>().ok())?
                    .checked_sub(1)?,
            },
            Paging::AfterLast {
                param: name,
                items,
                key,
                ..
            } => match param(name) {
                None => 0,
                Some(after) => {
                    let last_key = |body: &Value| {
                        let last = pick(body, items)?.as_array()?.last()?.get(key)?.clone();
                        Some(match last {
                            Value::String(text) => text,
                            other => other.to_string(),
                        })
                    };
                    self.pages
                        .iter()
                        .position(|(_, body)| last_key(body).as_deref() == Some(after.as_str()))?
                        + 1
                }
            },
            Paging::Offset { param: name, .. } => {
                let offset = number(name).unwrap_or(0);
                let mut seen = 0;
                let mut index = 0;
                while seen < offset {
                    seen += self
                        .pages
                        .get(index)
                        .map(|(_, b)| item_count(&self.paging, b))?;
                    index += 1;
                }
                (seen == offset).then_some(index)?
            }
            Paging::PageNumber { param: name, .. } => number(name).unwrap_or(1).checked_sub(1)?,
        };
        (index < self.pages.len()).then_some(index)
    }
}

/// Page `index`'s body says whether another follows, where the strategy
/// puts that in the body: a cursor to it or none, `has_more`. (Next links
/// depend on the request's URL: set when the page is asked for.)
fn mark_next(paging: &Paging, body: &mut Value, index: usize, more: bool) {
    match *paging {
        Paging::Cursor { path, .. } => {
            let cursor = match more {
                true => Value::String(format!("page-{}", index + 2)),
                false => Value::Null,
            };
            set(body, path, cursor);
        }
        Paging::NextLink { path } if !more => set(body, path, Value::Null),
        Paging::AfterLast { has_more, .. } => set(body, has_more, Value::Bool(more)),
        _ => {}
    }
}

/// How many items a page's body holds, for offsets.
fn item_count(paging: &Paging, body: &Value) -> usize {
    let list = match paging {
        Paging::AfterLast { items, .. } => pick(body, items),
        _ => Some(body),
    };
    match list.and_then(Value::as_array) {
        Some(items) => items.len(),
        // The list is a member of the body: its one array.
        None => body
            .as_object()
            .and_then(|o| o.values().find_map(Value::as_array))
            .map_or(0, Vec::len),
    }
}

/// `url` with its fake page number set to `page`.
fn with_page(url: &Url, page: usize) -> Url {
    let mut next = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| name != PAGE_PARAM)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    next.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair(PAGE_PARAM, &page.to_string());
    next
}

/// A reply's body as JSON (`null` if it is not).
fn body_json(reply: &Reply) -> Value {
    match &reply.body {
        Body::Whole(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
        Body::Chunks { chunks, .. } => {
            let all: Vec<u8> = chunks.iter().flat_map(|c| c.iter().copied()).collect();
            serde_json::from_slice(&Bytes::from(all)).unwrap_or(Value::Null)
        }
    }
}

fn pick<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// Sets the value at `path`, making the objects on the way.
fn set(body: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = body;
    for key in parents {
        if !at.get(key).is_some_and(Value::is_object)
            && let Some(object) = at.as_object_mut()
        {
            object.insert((*key).to_owned(), Value::Object(Default::default()));
        }
        match at.get_mut(key) {
            Some(next) => at = next,
            None => return,
        }
    }
    if let Some(object) = at.as_object_mut() {
        object.insert((*last).to_owned(), value);
    }
}
