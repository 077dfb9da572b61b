//! Which operations return pages, and how to ask for the next one: read
//! from vendor extensions, from the caller's rules, or guessed from an exact
//! shape, each decision reported as a note at the operation.

use std::fmt;

use serde_json::Value;

use super::build::Builder;
use super::graph::{Field, TypeGraph, TypeKind, TypeRef};
use super::{Body, Operation, Parameter, ParameterLocation, ResponseShape};
pub(crate) use crate::paging::{PagingRule, PagingStrategy};
use crate::pointer::Pointer;

/// An operation's pages, as decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pagination {
    pub strategy: PagingStrategy,
    /// The response property that holds the items (its wire name); `None`:
    /// the body is the list.
    pub items: Option<String>,
    pub source: PagingSource,
}

/// Where a [`Pagination`] came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PagingSource {
    /// A vendor extension of the operation, by name.
    Extension(String),
    /// A [`PagingRule`], by its pattern.
    Rule(String),
    /// A guess from the shape: the rule that matched, in words.
    Guess(String),
}

/// The items of a page: the list and the property holding it.
pub(crate) struct PageItems<'t> {
    /// The response property; `None`: the body is the list.
    pub field: Option<&'t Field>,
    pub item: &'t TypeRef,
}

/// Where the items of a response body of type `body` are: the body itself
/// if it is a list (`items` `None`), else the list property of that wire
/// name.
pub(crate) fn page_items<'t>(
    types: &'t TypeGraph,
    body: &'t TypeRef,
    items: Option<&str>,
) -> Option<PageItems<'t>> {
    let body = types.unalias(body);
    match items {
        None => match body {
            TypeRef::List(item) => Some(PageItems { field: None, item }),
            _ => None,
        },
        Some(name) => {
            let field = property(types, body, name)?;
            match types.unalias(&field.ty) {
                TypeRef::List(item) if !field.boxed => Some(PageItems {
                    field: Some(field),
                    item,
                }),
                _ => None,
            }
        }
    }
}

/// The type of an operation's one JSON success body.
pub(crate) fn page_body(op: &Operation) -> Option<&TypeRef> {
    match (&op.success.shape, op.success.cases.as_slice()) {
        (ResponseShape::Single, [case]) => match &case.body {
            Body::Json(ty) => Some(ty),
            _ => None,
        },
        _ => None,
    }
}

/// Query parameters that set a page's size, in the order they are tried.
const SIZE_PARAMETERS: &[&str] = &[
    "per_page",
    "limit",
    "page_size",
    "pageSize",
    "size",
    "max_results",
    "maxResults",
    "count",
];

/// Cursors a response gives beside its list (a path through its
/// objects), each with the query parameter that takes it, in the order
/// they are tried. A guess needs both, the cursor typed as a string.
const CURSORS: &[(&[&str], &str)] = &[
    // Slack.
    (&["response_metadata", "next_cursor"], "cursor"),
    (&["next_cursor"], "cursor"),
    // Notion.
    (&["next_cursor"], "start_cursor"),
    // Dropshot without its extension.
    (&["next_page"], "page_token"),
    // Google's APIs, and gRPC gateways.
    (&["nextPageToken"], "pageToken"),
    (&["next_page_token"], "page_token"),
    // AWS.
    (&["NextToken"], "NextToken"),
    (&["nextToken"], "nextToken"),
    // X (Twitter).
    (&["meta", "next_token"], "pagination_token"),
    // Kubernetes.
    (&["metadata", "continue"], "continue"),
    // Box, OpenStack.
    (&["next_marker"], "marker"),
    // Asana.
    (&["next_page", "offset"], "offset"),
    // HubSpot.
    (&["paging", "next", "after"], "after"),
    // Miro, Square, the AT Protocol: the cursor of the next page.
    (&["cursor"], "cursor"),
];

/// Offset parameters a response echoes beside its list.
const OFFSETS: &[&str] = &["offset", "startAt", "start"];

impl Builder<'_> {
    /// Decides, for every operation, whether it returns pages.
    pub(super) fn paginate(&mut self, operations: &mut [Operation], rules: &[PagingRule]) {
        for op in operations {
            op.pagination = self.pagination(op, rules);
        }
    }

    fn pagination(&mut self, op: &Operation, rules: &[PagingRule]) -> Option<Pagination> {
        let at = Pointer::parse(&op.pointer);
        let body = page_body(op).cloned();
        if let Some(rule) = rules
            .iter()
            .find(|rule| super::subset::selects(&rule.operations, op))
        {
            let strategy = rule.strategy.clone()?;
            let source = PagingSource::Rule(rule.operations.clone());
            return self.checked(op, &at, body.as_ref(), strategy, rule.items.clone(), source);
        }
        let raw = self.resolver.raw_node(&at);
        let extensions = raw.and_then(Value::as_object);
        for (name, value) in extensions.into_iter().flatten() {
            let read = match name.as_str() {
                // A `null` next link name says the operation has one page.
                "x-ms-pageable" if value.get("nextLinkName").is_some_and(Value::is_null) => {
                    return None;
                }
                "x-dropshot-pagination" => Some(dropshot()),
                "x-ms-pageable" => ms_pageable(value),
                "x-speakeasy-pagination" => speakeasy(value),
                "x-fern-pagination" => fern(value),
                _ => continue,
            };
            let ext_at = at.join(name);
            let Some((strategy, items)) = read else {
                self.diagnostics.warning(
                    &ext_at,
                    format!(
                        "`{name}` of `{}` is not in a form this generator reads (its paths must be plain, such as `$.data`); it is not paginated unless `--paginate` says how",
                        op.operation_id
                    ),
                );
                return None;
            };
            let source = PagingSource::Extension(name.clone());
            return self.checked(op, &ext_at, body.as_ref(), strategy, items, source);
        }
        let body = body?;
        let (strategy, items, rule) = guess(op, &self.types, &body)?;
        // What emit will reach the items by, as for rules and extensions.
        page_items(&self.types, &body, items.as_deref())?;
        self.decided(op, &at, strategy, items, PagingSource::Guess(rule))
    }

    /// A pagination decided, reported as a note at `at`.
    fn decided(
        &mut self,
        op: &Operation,
        at: &Pointer,
        strategy: PagingStrategy,
        items: Option<String>,
        source: PagingSource,
    ) -> Option<Pagination> {
        let pagination = Pagination {
            strategy,
            items,
            source,
        };
        self.diagnostics.note(at, note(op, &pagination));
        Some(pagination)
    }

    /// A pagination an extension or rule gives, if the operation has what
    /// it names: a warning says why not.
    fn checked(
        &mut self,
        op: &Operation,
        at: &Pointer,
        body: Option<&TypeRef>,
        mut strategy: PagingStrategy,
        items: Option<String>,
        source: PagingSource,
    ) -> Option<Pagination> {
        let problem = |what: String| {
            format!(
                "`{}` cannot page as {source} says: {what}; it is not paginated",
                op.operation_id,
            )
        };
        let Some(body) = body else {
            let message = problem("its success is not one JSON body".into());
            self.diagnostics.warning(at, message);
            return None;
        };
        let items = match items {
            Some(items) => Some(items),
            None => match one_list(&self.types, body) {
                Ok(items) => items,
                Err(found) => {
                    let message = problem(format!("its response has {found} list properties"));
                    self.diagnostics.warning(at, message);
                    return None;
                }
            },
        };
        if page_items(&self.types, body, items.as_deref()).is_none() {
            let message = match &items {
                Some(items) => problem(format!("its response has no list property `{items}`")),
                None => problem("its response is not a list".into()),
            };
            self.diagnostics.warning(at, message);
            return None;
        }
        if let Some(param) = strategy.parameter()
            && !takes(op, param)
        {
            let message = problem(format!("it has no query parameter `{param}`"));
            self.diagnostics.warning(at, message);
            return None;
        }
        // A size the operation does not take is as good as none.
        if let PagingStrategy::Offset { size, .. } | PagingStrategy::PageNumber { size, .. } =
            &mut strategy
            && size.as_deref().is_none_or(|s| !takes(op, s))
        {
            *size = size_parameter(op);
        }
        self.decided(op, at, strategy, items, source)
    }
}

/// What a note says of a decision: the operation, the strategy, the source
/// and how to change it.
fn note(op: &Operation, pagination: &Pagination) -> String {
    let items = match &pagination.items {
        Some(items) => format!("items in `{items}`"),
        None => "the body is the list".to_owned(),
    };
    format!(
        "`{}` pages by `{}` ({items}), from {}; `--paginate '{}=...'` changes it",
        op.operation_id, pagination.strategy, pagination.source, op.operation_id
    )
}

/// Where a pagination came from, as notes and reviews say it.
impl fmt::Display for PagingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingSource::Extension(name) => write!(f, "`{name}`"),
            PagingSource::Rule(pattern) => write!(f, "the rule for `{pattern}`"),
            PagingSource::Guess(rule) => write!(f, "a guess: {rule}"),
        }
    }
}

/// The query parameter of `op` of that wire name.
fn query_parameter<'o>(op: &'o Operation, name: &str) -> Option<&'o Parameter> {
    op.parameters
        .iter()
        .find(|p| p.location == ParameterLocation::Query && p.wire_name == name)
}

fn takes(op: &Operation, param: &str) -> bool {
    query_parameter(op, param).is_some()
}

fn size_parameter(op: &Operation) -> Option<String> {
    SIZE_PARAMETERS
        .iter()
        .find(|size| takes(op, size))
        .map(|size| (*size).to_owned())
}

/// The items of a body: `None` if it is a list, else its one list
/// property; `Err` with how many it has otherwise.
fn one_list(types: &TypeGraph, body: &TypeRef) -> Result<Option<String>, usize> {
    if matches!(types.unalias(body), TypeRef::List(_)) {
        return Ok(None);
    }
    let lists = list_properties(types, body);
    match lists.as_slice() {
        [only] => Ok(Some((*only).to_owned())),
        _ => Err(lists.len()),
    }
}

fn list_properties<'t>(types: &'t TypeGraph, body: &TypeRef) -> Vec<&'t str> {
    fields(types, body)
        .iter()
        .filter(|f| matches!(types.unalias(&f.ty), TypeRef::List(_)))
        .map(|f| f.wire_name.as_str())
        .collect()
}

/// The fields of `ty` if it is (an alias of) a struct, else none.
fn fields<'t>(types: &'t TypeGraph, ty: &TypeRef) -> &'t [Field] {
    match types.kind_of(types.unalias(ty)) {
        Some(TypeKind::Struct { fields }) => fields,
        _ => &[],
    }
}

/// The property of `ty` of that wire name.
fn property<'t>(types: &'t TypeGraph, ty: &TypeRef, name: &str) -> Option<&'t Field> {
    fields(types, ty).iter().find(|f| f.wire_name == name)
}

/// The property at `path` of a body, through nested objects: its type.
fn property_at<'t>(types: &'t TypeGraph, body: &'t TypeRef, path: &[&str]) -> Option<&'t TypeRef> {
    path.iter()
        .try_fold(body, |ty, key| property(types, ty, key).map(|f| &f.ty))
}

/// A guess: the strategy, the items property and the rule that matched.
type Guess = (PagingStrategy, Option<String>, String);

/// A guess from an exact shape, for a GET whose body is a list or has one
/// list property: the first of the shapes below that matches.
fn guess(op: &Operation, types: &TypeGraph, body: &TypeRef) -> Option<Guess> {
    if op.http_method != "GET" {
        return None;
    }
    let items = one_list(types, body).ok()?;
    if let Some(guess) = link_header(op, &items) {
        return Some(guess);
    }
    // The rest read properties beside a list in a response object.
    let page = Page {
        op,
        types,
        body,
        items: items?,
    };
    page.after_last()
        .or_else(|| page.cursor())
        .or_else(|| page.next_link())
        .or_else(|| page.offset())
}

/// GitHub's: the success declares `Link`, and the operation takes
/// `per_page` or `page`.
fn link_header(op: &Operation, items: &Option<String>) -> Option<Guess> {
    let declares_link = op.success.cases.iter().any(|case| {
        case.headers
            .iter()
            .any(|&h| op.headers[h].wire_name.eq_ignore_ascii_case("link"))
    });
    (declares_link && (takes(op, "per_page") || takes(op, "page"))).then(|| {
        let rule = "the success declares `Link` and the operation takes `per_page` or `page`";
        (PagingStrategy::LinkHeader, items.clone(), rule.to_owned())
    })
}

/// A response object with one list property, `items`, as a guess reads it.
struct Page<'a> {
    op: &'a Operation,
    types: &'a TypeGraph,
    body: &'a TypeRef,
    items: String,
}

impl Page<'_> {
    /// The property of the body named `name`.
    fn field(&self, name: &str) -> Option<&Field> {
        property(self.types, self.body, name)
    }

    /// Whether the value at `path` is a string.
    fn is_string(&self, path: &[&str]) -> bool {
        property_at(self.types, self.body, path)
            .is_some_and(|ty| matches!(self.types.unalias(ty.non_null()), TypeRef::String))
    }

    /// Stripe's `starting_after` (and `after`, as OpenAI and Anthropic
    /// name it): `has_more` beside a list of items with an `id`.
    fn after_last(&self) -> Option<Guess> {
        let items = page_items(self.types, self.body, Some(&self.items))?;
        property_at(self.types, items.item, &["id"])?;
        self.field("has_more")?;
        let param = ["starting_after", "after"]
            .into_iter()
            .find(|param| takes(self.op, param))?;
        let rule = format!(
            "the response has `has_more` beside a list of items with an `id`, and the operation takes `{param}`"
        );
        let strategy = PagingStrategy::AfterLast {
            param: param.into(),
            key: "id".into(),
            has_more: vec!["has_more".into()],
        };
        Some((strategy, Some(self.items.clone()), rule))
    }

    /// A string cursor beside the list, and the parameter that takes it:
    /// the first pair of [`CURSORS`] the operation has.
    fn cursor(&self) -> Option<Guess> {
        let &(path, param) = CURSORS
            .iter()
            .find(|(path, param)| self.is_string(path) && takes(self.op, param))?;
        let strategy = PagingStrategy::Cursor {
            param: param.into(),
            path: path.iter().map(|p| (*p).to_owned()).collect(),
        };
        let rule = format!(
            "the response has `{}` beside a list, and the operation takes `{param}`",
            path.join(".")
        );
        Some((strategy, Some(self.items.clone()), rule))
    }

    /// The next page's URL beside the list: a property whose name says so
    /// (Azure's and OData's `nextLink`, Twilio's `next_page_uri`), a `next`
    /// of `format: uri` (Django REST framework's), or a link object's
    /// `next` (JSON:API's `links.next`, HAL's `_links.next.href`).
    fn next_link(&self) -> Option<Guess> {
        const NAMED: &[&[&str]] = &[
            &["@odata.nextLink"],
            &["nextLink"],
            &["next_link"],
            &["nextPageUrl"],
            &["next_page_url"],
            &["next_page_uri"],
            &["next_url"],
            &["links", "next"],
            &["_links", "next", "href"],
        ];
        let next_uri = self
            .field("next")
            .filter(|f| f.format.as_deref() == Some("uri"))
            .map(|_| &["next"] as &[&str]);
        let path = NAMED
            .iter()
            .copied()
            .chain(next_uri)
            .find(|path| self.is_string(path))?;
        let strategy = PagingStrategy::NextLink {
            path: path.iter().map(|p| (*p).to_owned()).collect(),
        };
        let rule = "the response has the next page's URL beside a list".to_owned();
        Some((strategy, Some(self.items.clone()), rule))
    }

    /// An offset the response echoes: the operation takes one of
    /// [`OFFSETS`] (an integer, or a string as Miro declares it), and the
    /// response has it as an integer beside the list (Spotify's, Box's,
    /// Miro's, Jira's paging objects). An echo that is not a number is a
    /// cursor, not an offset.
    fn offset(&self) -> Option<Guess> {
        let takes_number = |name: &str| {
            query_parameter(self.op, name).is_some_and(|p| {
                let ty = self.types.unalias(&p.ty);
                ty.is_integer() || matches!(ty, TypeRef::String)
            })
        };
        let echoed = |name: &str| {
            self.field(name)
                .is_some_and(|f| self.types.unalias(&f.ty).is_integer())
        };
        let param = OFFSETS
            .iter()
            .find(|name| takes_number(name) && echoed(name))?;
        let strategy = PagingStrategy::Offset {
            param: (*param).into(),
            size: size_parameter(self.op),
        };
        let rule = format!(
            "the operation takes `{param}` and the response has an integer `{param}` beside a list"
        );
        Some((strategy, Some(self.items.clone()), rule))
    }
}

/// `x-dropshot-pagination` (Oxide's Dropshot): `page_token` from
/// `next_page`, items in `items`.
fn dropshot() -> (PagingStrategy, Option<String>) {
    let strategy = PagingStrategy::Cursor {
        param: "page_token".into(),
        path: vec!["next_page".into()],
    };
    (strategy, Some("items".into()))
}

/// `x-ms-pageable` (AutoRest): the next URL at `nextLinkName` (a `null`
/// name means one page only), items at `itemName` (default `value`).
fn ms_pageable(value: &Value) -> Option<(PagingStrategy, Option<String>)> {
    let next = value.get("nextLinkName")?.as_str()?;
    let items = value
        .get("itemName")
        .and_then(Value::as_str)
        .unwrap_or("value");
    let strategy = PagingStrategy::NextLink {
        path: vec![next.to_owned()],
    };
    Some((strategy, Some(items.to_owned())))
}

/// `x-speakeasy-pagination`: `type` `offsetLimit`, `cursor` or `url`, the
/// request parameter among `inputs`, the response paths in `outputs`
/// (`$.a.b`).
fn speakeasy(value: &Value) -> Option<(PagingStrategy, Option<String>)> {
    let input = |kind: &str| {
        value.get("inputs")?.as_array()?.iter().find_map(|input| {
            (input.get("type")?.as_str()? == kind)
                .then(|| input.get("name")?.as_str().map(str::to_owned))
                .flatten()
        })
    };
    let outputs = value.get("outputs")?;
    let output = |name: &str| json_path(outputs.get(name)?.as_str()?, "$");
    let items = match outputs.get("results") {
        Some(results) => single(json_path(results.as_str()?, "$")?)?,
        None => None,
    };
    let strategy = match value.get("type")?.as_str()? {
        "offsetLimit" => match (input("offset"), input("page")) {
            (Some(param), _) => PagingStrategy::Offset {
                param,
                size: input("limit"),
            },
            (None, Some(param)) => PagingStrategy::PageNumber {
                param,
                size: input("limit"),
            },
            (None, None) => return None,
        },
        "cursor" => PagingStrategy::Cursor {
            param: input("cursor")?,
            path: output("nextCursor")?,
        },
        "url" => PagingStrategy::NextLink {
            path: output("nextUrl")?,
        },
        _ => return None,
    };
    Some((strategy, items))
}

/// `x-fern-pagination`: `cursor: $request.x` with `next_cursor:
/// $response.y`, or `offset: $request.x` (a page number, or an offset
/// advanced by `step: $request.limit`), items at `results: $response.z`.
fn fern(value: &Value) -> Option<(PagingStrategy, Option<String>)> {
    let request = |name: &str| {
        let path = json_path(value.get(name)?.as_str()?, "$request")?;
        single(path).flatten()
    };
    let response = |name: &str| json_path(value.get(name)?.as_str()?, "$response");
    let items = single(response("results")?)?;
    let strategy = if let Some(param) = request("cursor") {
        PagingStrategy::Cursor {
            param,
            path: response("next_cursor")?,
        }
    } else if let Some(param) = request("offset") {
        match request("step") {
            Some(size) => PagingStrategy::Offset {
                param,
                size: Some(size),
            },
            None => PagingStrategy::PageNumber { param, size: None },
        }
    } else {
        return None;
    };
    Some((strategy, items))
}

/// The properties of a plain JSON path under `root` (`$.a.b`, `$request.a`).
fn json_path(path: &str, root: &str) -> Option<Vec<String>> {
    let rest = path.trim().strip_prefix(root)?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('.')?;
    let parts: Vec<String> = rest.split('.').map(str::to_owned).collect();
    let plain = parts
        .iter()
        .all(|p| !p.is_empty() && !p.contains(['[', ']', '*', '?', '(']));
    plain.then_some(parts)
}

/// A path of at most one property: `Some(None)` for the root.
fn single(path: Vec<String>) -> Option<Option<String>> {
    match <[String; 1]>::try_from(path) {
        Ok([only]) => Some(Some(only)),
        Err(path) if path.is_empty() => Some(None),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_forms() {
        let speakeasy_offset = serde_json::json!({
            "type": "offsetLimit",
            "inputs": [{"name": "skip", "in": "parameters", "type": "offset"},
                       {"name": "take", "in": "parameters", "type": "limit"}],
            "outputs": {"results": "$.data"}
        });
        assert_eq!(
            speakeasy(&speakeasy_offset),
            Some((
                PagingStrategy::Offset {
                    param: "skip".into(),
                    size: Some("take".into())
                },
                Some("data".into())
            ))
        );
        let nested = serde_json::json!({
            "type": "cursor",
            "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
            "outputs": {"nextCursor": "$.data[-1].id", "results": "$.data"}
        });
        assert_eq!(speakeasy(&nested), None);
        let fern_cursor = serde_json::json!({
            "cursor": "$request.starting_after",
            "next_cursor": "$response.page.next.starting_after",
            "results": "$response.data"
        });
        assert_eq!(
            fern(&fern_cursor),
            Some((
                PagingStrategy::Cursor {
                    param: "starting_after".into(),
                    path: vec!["page".into(), "next".into(), "starting_after".into()]
                },
                Some("data".into())
            ))
        );
        let azure = serde_json::json!({"nextLinkName": "nextLink"});
        assert_eq!(
            ms_pageable(&azure),
            Some((
                PagingStrategy::NextLink {
                    path: vec!["nextLink".into()]
                },
                Some("value".into())
            ))
        );
        assert_eq!(
            ms_pageable(&serde_json::json!({"nextLinkName": null})),
            None
        );
    }
}
