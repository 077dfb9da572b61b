//! The caller's words for pagination: the strategies an operation's pages
//! can follow and the rules that say which operations follow which, read
//! from and written as the `--paginate` syntax. The model decides with
//! them; the options carry them.

use std::fmt;
use std::str::FromStr;

/// How an operation's next page is asked for (the runtime's `Paging`).
/// Parameters are query parameters by their wire names; paths lead through
/// the response body's objects.
///
/// Written and read as text (the `--paginate` syntax): `link`,
/// `next-link:PATH`, `cursor:PARAM=PATH`, `after-last:PARAM=KEY,PATH`,
/// `offset:PARAM[,SIZE]`, `page:PARAM[,SIZE]`, where a `PATH` is dotted
/// (`response_metadata.next_cursor`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingStrategy {
    /// Follow the `Link` header's `rel="next"` URL.
    LinkHeader,
    /// Follow the URL at `path` in the body.
    NextLink {
        /// Where the URL is.
        path: Vec<String>,
    },
    /// Send `param` set to the value at `path`, until that is absent,
    /// `null` or empty.
    Cursor {
        /// The query parameter that takes the cursor.
        param: String,
        /// Where the body has the next cursor.
        path: Vec<String>,
    },
    /// Send `param` set to the last item's `key` while `has_more` is true.
    AfterLast {
        /// The query parameter that takes the key.
        param: String,
        /// The property that identifies an item.
        key: String,
        /// Where the body says whether more follow.
        has_more: Vec<String>,
    },
    /// Advance `param` by the items received, until a short or empty page.
    Offset {
        /// The query parameter of the first item's index.
        param: String,
        /// The query parameter of the page size.
        size: Option<String>,
    },
    /// Advance `param` by one, until a short or empty page.
    PageNumber {
        /// The query parameter of the page number.
        param: String,
        /// The query parameter of the page size.
        size: Option<String>,
    },
}

/// The caller's word on which operations page and how: the operations a
/// pattern names (an operationId, or a path glob such as `/repos/*` with an
/// optional method, as for subsets) follow `strategy`, or do not page at
/// all when it is `None`. A rule wins over vendor extensions and guesses:
/// it is how a wrong one is corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagingRule {
    /// The operations it applies to.
    pub operations: String,
    /// How they page; `None`: they do not.
    pub strategy: Option<PagingStrategy>,
    /// The response property that holds the items; by default the body if
    /// it is a list, else the one list property of the response object.
    pub items: Option<String>,
}

impl PagingRule {
    /// Operations `operations` names page by `strategy` (or not at all).
    pub fn new(operations: impl Into<String>, strategy: Option<PagingStrategy>) -> Self {
        Self {
            operations: operations.into(),
            strategy,
            items: None,
        }
    }

    /// The items are the response property `property`.
    pub fn with_items(mut self, property: impl Into<String>) -> Self {
        self.items = Some(property.into());
        self
    }
}

impl PagingStrategy {
    /// The query parameter it sets, if it sets one.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            PagingStrategy::LinkHeader | PagingStrategy::NextLink { .. } => None,
            PagingStrategy::Cursor { param, .. }
            | PagingStrategy::AfterLast { param, .. }
            | PagingStrategy::Offset { param, .. }
            | PagingStrategy::PageNumber { param, .. } => Some(param),
        }
    }

    /// Every parameter and property name it holds, path steps one by one.
    fn names(&self) -> impl Iterator<Item = &str> {
        let (singles, path): (Vec<&String>, &[String]) = match self {
            PagingStrategy::LinkHeader => (vec![], &[]),
            PagingStrategy::NextLink { path } => (vec![], path),
            PagingStrategy::Cursor { param, path } => (vec![param], path),
            PagingStrategy::AfterLast {
                param,
                key,
                has_more,
            } => (vec![param, key], has_more),
            PagingStrategy::Offset { param, size } | PagingStrategy::PageNumber { param, size } => {
                (std::iter::once(param).chain(size).collect(), &[])
            }
        };
        singles.into_iter().chain(path).map(String::as_str)
    }
}

fn dotted(path: &[String]) -> String {
    path.join(".")
}

impl fmt::Display for PagingStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingStrategy::LinkHeader => f.write_str("link"),
            PagingStrategy::NextLink { path } => write!(f, "next-link:{}", dotted(path)),
            PagingStrategy::Cursor { param, path } => write!(f, "cursor:{param}={}", dotted(path)),
            PagingStrategy::AfterLast {
                param,
                key,
                has_more,
            } => write!(f, "after-last:{param}={key},{}", dotted(has_more)),
            PagingStrategy::Offset { param, size } | PagingStrategy::PageNumber { param, size } => {
                let kind = match self {
                    PagingStrategy::Offset { .. } => "offset",
                    _ => "page",
                };
                match size {
                    Some(size) => write!(f, "{kind}:{param},{size}"),
                    None => write!(f, "{kind}:{param}"),
                }
            }
        }
    }
}

impl FromStr for PagingStrategy {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let path = |p: &str| -> Vec<String> { p.split('.').map(str::to_owned).collect() };
        let (kind, rest) = text.split_once(':').unwrap_or((text, ""));
        let pair = |rest: &str| {
            rest.split_once('=')
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        };
        let sized = |rest: &str| match rest.split_once(',') {
            Some((param, size)) => (param.to_owned(), Some(size.to_owned())),
            None => (rest.to_owned(), None),
        };
        let strategy = match kind {
            "link" if rest.is_empty() => PagingStrategy::LinkHeader,
            "next-link" if !rest.is_empty() => PagingStrategy::NextLink { path: path(rest) },
            "cursor" => {
                let (param, at) = pair(rest).ok_or("`cursor:` takes PARAM=PATH")?;
                PagingStrategy::Cursor {
                    param,
                    path: path(&at),
                }
            }
            "after-last" => {
                let (param, rest) = pair(rest).ok_or("`after-last:` takes PARAM=KEY,PATH")?;
                let (key, has_more) = rest
                    .split_once(',')
                    .ok_or("`after-last:` takes PARAM=KEY,PATH")?;
                PagingStrategy::AfterLast {
                    param,
                    key: key.to_owned(),
                    has_more: path(has_more),
                }
            }
            "offset" if !rest.is_empty() => {
                let (param, size) = sized(rest);
                PagingStrategy::Offset { param, size }
            }
            "page" if !rest.is_empty() => {
                let (param, size) = sized(rest);
                PagingStrategy::PageNumber { param, size }
            }
            _ => {
                return Err(format!(
                    "`{text}` is not a paging strategy: `link`, `next-link:PATH`, `cursor:PARAM=PATH`, `after-last:PARAM=KEY,PATH`, `offset:PARAM[,SIZE]` or `page:PARAM[,SIZE]`"
                ));
            }
        };
        if strategy.names().any(str::is_empty) {
            return Err(format!(
                "`{text}` leaves a parameter or property name empty"
            ));
        }
        Ok(strategy)
    }
}

/// `PATTERN=STRATEGY[;items=PROPERTY]`, or `PATTERN=none`.
impl FromStr for PagingRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (pattern, rest) = text
            .split_once('=')
            .filter(|(pattern, _)| !pattern.trim().is_empty())
            .ok_or_else(|| format!("`{text}` is not OPERATIONS=STRATEGY"))?;
        let (strategy, items) = match rest.split_once(";items=") {
            Some((strategy, items)) => (strategy, Some(items.to_owned())),
            None => (rest, None),
        };
        let strategy = match strategy {
            "none" => None,
            other => Some(other.parse()?),
        };
        Ok(PagingRule {
            operations: pattern.trim().to_owned(),
            strategy,
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_read_as_they_are_written() {
        for text in [
            "link",
            "next-link:nextLink",
            "cursor:cursor=response_metadata.next_cursor",
            "after-last:starting_after=id,has_more",
            "offset:offset,limit",
            "page:page",
        ] {
            let strategy: PagingStrategy = text.parse().unwrap();
            assert_eq!(strategy.to_string(), text);
        }
        assert_eq!(
            "cursor:cursor".parse::<PagingStrategy>(),
            Err("`cursor:` takes PARAM=PATH".to_owned())
        );
        assert_eq!(
            "cursor:=next".parse::<PagingStrategy>(),
            Err("`cursor:=next` leaves a parameter or property name empty".to_owned())
        );
        assert_eq!(
            "offset:,limit".parse::<PagingStrategy>(),
            Err("`offset:,limit` leaves a parameter or property name empty".to_owned())
        );
        assert!("pages".parse::<PagingStrategy>().is_err());
    }

    #[test]
    fn rules_name_operations_strategy_and_items() {
        let rule: PagingRule = "GET /things=offset:skip;items=things".parse().unwrap();
        assert_eq!(
            rule,
            PagingRule::new(
                "GET /things",
                Some(PagingStrategy::Offset {
                    param: "skip".into(),
                    size: None
                })
            )
            .with_items("things")
        );
        let off: PagingRule = "listThings=none".parse().unwrap();
        assert_eq!(off, PagingRule::new("listThings", None));
        assert_eq!(
            "=link".parse::<PagingRule>(),
            Err("`=link` is not OPERATIONS=STRATEGY".to_owned())
        );
    }
}
