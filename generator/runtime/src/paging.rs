//! How the request for the next page is made from the page just received:
//! the strategies a paginated operation follows, each a pure function of
//! the page, tested here without a server.

use reqwest::Url;
use reqwest::header::{HeaderMap, LINK};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where an operation's next page comes from, as the generator read it from
/// the spec. Parameters are query parameters, by their wire names; paths
/// lead through JSON objects of the response body, e.g.
/// `["response_metadata", "next_cursor"]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// The URL of the `Link` header's `rel="next"` (RFC 8288), followed as
    /// it is: GitHub, GitLab, Sentry.
    LinkHeader,
    /// The URL at `path` in the body (Azure's `nextLink`); absent, `null`
    /// or empty when there is no next page.
    NextLink {
        /// Where the URL is.
        path: &'static [&'static str],
    },
    /// `param` set to the value at `path` in the body; absent, `null` or
    /// empty when there is no next page: Slack's
    /// `response_metadata.next_cursor`, Dropshot's `next_page`.
    Cursor {
        /// The query parameter that takes the cursor.
        param: &'static str,
        /// Where the body has the next cursor.
        path: &'static [&'static str],
    },
    /// `param` set to the last item's `key` while the flag at `has_more`
    /// is `true`: Stripe's `starting_after`.
    AfterLast {
        /// The query parameter that takes the last item's key.
        param: &'static str,
        /// Where the items are (empty: the body is the list).
        items: &'static [&'static str],
        /// The property of an item that identifies it, e.g. `id`.
        key: &'static str,
        /// Where the body says whether more items follow.
        has_more: &'static [&'static str],
    },
    /// `param` advanced by the number of items received (starting from
    /// 0), until a page is empty or shorter than `size` asked for.
    Offset {
        /// The query parameter of the first item's index.
        param: &'static str,
        /// The query parameter of the page size, if the operation has one.
        size: Option<&'static str>,
    },
    /// `param` advanced by one (starting from 1), until a page is empty or
    /// shorter than `size` asked for.
    PageNumber {
        /// The query parameter of the page number.
        param: &'static str,
        /// The query parameter of the page size, if the operation has one.
        size: Option<&'static str>,
    },
}

/// Where the next page is: a whole URL, or the first page's request with
/// one query parameter set. Serialisable, so a page-at-a-time interface can
/// hand it to a browser and resume later with `Pages::resume`; it holds
/// nothing the server did not send (a query parameter that carries the
/// client's API key is left out and added again when the page is sent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageCursor(Next);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Next {
    /// Send the request to this URL instead.
    Url(String),
    /// Set this query parameter of the first page's request.
    Query { param: String, value: String },
}

impl PageCursor {
    pub(crate) fn new(next: Next) -> Self {
        Self(next)
    }

    pub(crate) fn next(&self) -> &Next {
        &self.0
    }
}

/// What [`Paging::next`] reads: the page as received, and what was asked.
pub(crate) struct Received<'a> {
    /// The URL the page was asked for.
    pub url: &'a Url,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    /// How many items the page holds.
    pub count: usize,
}

impl Paging {
    /// The next page after `page`, or `None` when it was the last.
    pub(crate) fn next(&self, page: &Received<'_>) -> Option<Next> {
        match *self {
            Paging::LinkHeader => {
                let target = page
                    .headers
                    .get_all(LINK)
                    .iter()
                    .filter_map(|value| value.to_str().ok())
                    .find_map(next_link)?;
                Some(Next::Url(page.url.join(&target).ok()?.into()))
            }
            Paging::NextLink { path } => {
                let target = text(pick(&json(page.body)?, path)?)?;
                Some(Next::Url(page.url.join(&target).ok()?.into()))
            }
            Paging::Cursor { param, path } => {
                let value = text(pick(&json(page.body)?, path)?)?;
                Some(query(param, value))
            }
            Paging::AfterLast {
                param,
                items,
                key,
                has_more,
            } => {
                let body = json(page.body)?;
                if pick(&body, has_more)? != &Value::Bool(true) {
                    return None;
                }
                let last = pick(&body, items)?.as_array()?.last()?;
                Some(query(param, text(last.get(key)?)?))
            }
            Paging::Offset { param, size } => {
                if is_last(page, size) {
                    return None;
                }
                let offset = number_in(page.url, param).unwrap_or(0);
                Some(query(param, (offset + page.count as u64).to_string()))
            }
            Paging::PageNumber { param, size } => {
                if is_last(page, size) {
                    return None;
                }
                let number = number_in(page.url, param).unwrap_or(1);
                Some(query(param, (number + 1).to_string()))
            }
        }
    }
}

fn query(param: &str, value: String) -> Next {
    Next::Query {
        param: param.to_owned(),
        value,
    }
}

/// An empty page, or one shorter than the size the request asked for.
fn is_last(page: &Received<'_>, size: Option<&str>) -> bool {
    let asked = size.and_then(|size| number_in(page.url, size));
    page.count == 0 || asked.is_some_and(|asked| (page.count as u64) < asked)
}

/// The number a query parameter of `url` holds.
fn number_in(url: &Url, param: &str) -> Option<u64> {
    url.query_pairs()
        .filter(|(name, _)| name == param)
        .last()
        .and_then(|(_, value)| value.parse().ok())
}

fn json(body: &[u8]) -> Option<Value> {
    serde_json::from_slice(body).ok()
}

/// The value at `path` through nested objects.
fn pick<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// A cursor or key as text: a non-empty string, or a number.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The target of the `rel="next"` link of one `Link` header value, which
/// may list several links: `<url>; rel="next", <url>; rel="last"`. A `rel`
/// holds space-separated relation types, compared ignoring case. Sentry
/// always sends a next link and says with `results="false"` that it leads
/// nowhere: such a link is not a next page.
fn next_link(header: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let target = &rest[start + 1..end];
        rest = &rest[end + 1..];
        // The parameters run to the next link, which starts with `<`
        // outside a quoted string.
        let mut quoted = false;
        let params_end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '<' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i);
        // The comma between links is not part of the last parameter.
        let params = rest[..params_end].trim_end().trim_end_matches(',');
        let value_of = |wanted: &str| {
            params.split(';').find_map(|param| {
                let (name, value) = param.split_once('=')?;
                let value = value.trim().trim_matches('"');
                name.trim().eq_ignore_ascii_case(wanted).then_some(value)
            })
        };
        let is_next = value_of("rel").is_some_and(|rels| {
            rels.split_ascii_whitespace()
                .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next {
            let empty = value_of("results").is_some_and(|r| r.eq_ignore_ascii_case("false"));
            return (!empty).then(|| target.trim().to_owned());
        }
        rest = &rest[params_end..];
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn page<'a>(url: &'a Url, headers: &'a HeaderMap, body: &'a str, count: usize) -> Received<'a> {
        Received {
            url,
            headers,
            body: body.as_bytes(),
            count,
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn link_header_next_among_others_resolved_against_the_page() {
        let at = url("https://api.github.com/repos/o/r/issues?per_page=2");
        let mut headers = HeaderMap::new();
        headers.append(
            LINK,
            HeaderValue::from_static(
                r#"<https://api.github.com/repositories/1/issues?per_page=2&page=1>; rel="prev", <https://api.github.com/repositories/1/issues?per_page=2&page=3>; rel="next", <https://api.github.com/repositories/1/issues?per_page=2&page=9>; rel="last""#,
            ),
        );
        assert_eq!(
            Paging::LinkHeader.next(&page(&at, &headers, "[]", 2)),
            Some(Next::Url(
                "https://api.github.com/repositories/1/issues?per_page=2&page=3".into()
            ))
        );
        // Relative targets, several relation types, unquoted and upper case.
        let mut headers = HeaderMap::new();
        headers.append(LINK, HeaderValue::from_static("</x?a=1>; rel=last"));
        headers.append(
            LINK,
            HeaderValue::from_static(r#"</x?cursor=a%2Cb>; title="a, <b>"; rel="prefetch NEXT""#),
        );
        assert_eq!(
            Paging::LinkHeader.next(&page(&at, &headers, "[]", 2)),
            Some(Next::Url("https://api.github.com/x?cursor=a%2Cb".into()))
        );
    }

    #[test]
    fn a_sentry_next_link_without_results_is_the_last_page() {
        let at = url("https://sentry.io/api/0/projects/");
        let header = |results: &'static str| {
            let mut headers = HeaderMap::new();
            let value = format!(
                r#"<https://sentry.io/api/0/projects/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/projects/?&cursor=0:100:0>; rel="next"; results="{results}"; cursor="0:100:0""#
            );
            headers.append(LINK, HeaderValue::from_str(&value).unwrap());
            headers
        };
        let more = header("true");
        assert_eq!(
            Paging::LinkHeader.next(&page(&at, &more, "[]", 100)),
            Some(Next::Url(
                "https://sentry.io/api/0/projects/?&cursor=0:100:0".into()
            ))
        );
        let done = header("false");
        assert_eq!(Paging::LinkHeader.next(&page(&at, &done, "[]", 3)), None);
    }

    #[test]
    fn link_header_without_next_is_the_last_page() {
        let at = url("https://api.github.com/x");
        let mut headers = HeaderMap::new();
        assert_eq!(Paging::LinkHeader.next(&page(&at, &headers, "[]", 0)), None);
        headers.append(
            LINK,
            HeaderValue::from_static(r#"<https://x/1>; rel="first", <https://x/1>; rel="nextish""#),
        );
        assert_eq!(Paging::LinkHeader.next(&page(&at, &headers, "[]", 0)), None);
    }

    #[test]
    fn cursor_in_the_body_until_empty_or_null() {
        let at = url("https://slack.com/api/conversations.list");
        let headers = HeaderMap::new();
        let slack = Paging::Cursor {
            param: "cursor",
            path: &["response_metadata", "next_cursor"],
        };
        let body = r#"{"ok":true,"channels":[],"response_metadata":{"next_cursor":"dGVhbTpDMDYxRkE1UEI="}}"#;
        assert_eq!(
            slack.next(&page(&at, &headers, body, 1)),
            Some(Next::Query {
                param: "cursor".into(),
                value: "dGVhbTpDMDYxRkE1UEI=".into()
            })
        );
        let last = r#"{"ok":true,"channels":[],"response_metadata":{"next_cursor":""}}"#;
        assert_eq!(slack.next(&page(&at, &headers, last, 1)), None);
        let dropshot = Paging::Cursor {
            param: "page_token",
            path: &["next_page"],
        };
        let last = r#"{"items":[],"next_page":null}"#;
        assert_eq!(dropshot.next(&page(&at, &headers, last, 0)), None);
        assert_eq!(dropshot.next(&page(&at, &headers, "not json", 0)), None);
    }

    #[test]
    fn after_the_last_item_while_has_more() {
        let at = url("https://api.stripe.com/v1/customers?limit=2");
        let headers = HeaderMap::new();
        let stripe = Paging::AfterLast {
            param: "starting_after",
            items: &["data"],
            key: "id",
            has_more: &["has_more"],
        };
        let body = r#"{"object":"list","data":[{"id":"cus_1"},{"id":"cus_2"}],"has_more":true}"#;
        assert_eq!(
            stripe.next(&page(&at, &headers, body, 2)),
            Some(Next::Query {
                param: "starting_after".into(),
                value: "cus_2".into()
            })
        );
        let last = r#"{"object":"list","data":[{"id":"cus_3"}],"has_more":false}"#;
        assert_eq!(stripe.next(&page(&at, &headers, last, 1)), None);
        let numbered = r#"{"data":[{"id":41},{"id":42}],"has_more":true}"#;
        assert_eq!(
            stripe.next(&page(&at, &headers, numbered, 2)),
            Some(Next::Query {
                param: "starting_after".into(),
                value: "42".into()
            })
        );
    }

    #[test]
    fn offset_and_page_number_until_a_short_page() {
        let headers = HeaderMap::new();
        let offset = Paging::Offset {
            param: "offset",
            size: Some("limit"),
        };
        let first = url("https://x/items?limit=3");
        assert_eq!(
            offset.next(&page(&first, &headers, "", 3)),
            Some(query("offset", "3".into()))
        );
        let third = url("https://x/items?limit=3&offset=6");
        assert_eq!(
            offset.next(&page(&third, &headers, "", 3)),
            Some(query("offset", "9".into()))
        );
        assert_eq!(offset.next(&page(&third, &headers, "", 2)), None);
        assert_eq!(offset.next(&page(&third, &headers, "", 0)), None);
        let numbered = Paging::PageNumber {
            param: "page",
            size: Some("per_page"),
        };
        let unsized_ = url("https://x/items");
        assert_eq!(
            numbered.next(&page(&unsized_, &headers, "", 1)),
            Some(query("page", "2".into()))
        );
        let fifth = url("https://x/items?page=5&per_page=10");
        assert_eq!(
            numbered.next(&page(&fifth, &headers, "", 10)),
            Some(query("page", "6".into()))
        );
        assert_eq!(numbered.next(&page(&fifth, &headers, "", 9)), None);
    }

    #[test]
    fn a_cursor_serialises_as_what_it_holds() {
        let cursor = PageCursor::new(query("cursor", "abc".into()));
        let json = serde_json::to_string(&cursor).unwrap();
        assert_eq!(json, r#"{"query":{"param":"cursor","value":"abc"}}"#);
        assert_eq!(serde_json::from_str::<PageCursor>(&json).unwrap(), cursor);
        let link = PageCursor::new(Next::Url("https://x/?page=2".into()));
        assert_eq!(
            serde_json::to_string(&link).unwrap(),
            r#"{"url":"https://x/?page=2"}"#
        );
    }
}
