//! A check of the raw document against the OpenAPI object model, outside
//! schemas (whose keywords [`super::shape`] checks), before the typed read.
//!
//! The typed read reports a node of the wrong type at the end of the
//! container it could not read (a `null` deep in `paths` at the end of
//! `paths`, thousands of lines away), and only the first. Walked here
//! first, every such node is reported at its own pointer, all at once;
//! where the intent is plain it is mended with a warning instead: `null`
//! where a list or map of entries belongs is empty, `null` where an object
//! belongs is left out, and `null` or a list where a schema belongs is any
//! JSON (see [`super::shape`]).

use serde_json::Value;

use super::shape::{self, Problems, kind};
use crate::pointer::Pointer;

/// What the object model puts at a place of the document.
#[derive(Clone, Copy)]
enum Node {
    /// A string (a number or boolean is read as its text); `null` is left
    /// to the typed read, which knows which fields are optional.
    Text,
    Bool,
    /// Data of any shape: examples, defaults, links.
    Any,
    Schema,
    /// A list of these.
    List(&'static Node),
    /// Entries of any name, each of these; `x-` names are extensions.
    Map(&'static Node),
    /// An object of these named fields; others are not checked.
    Object(&'static [(&'static str, Node)]),
    /// A `$ref`, or one of these.
    Ref(&'static Node),
    /// What another static describes (statics may refer to each other in
    /// a cycle, consts may not).
    Of(&'static Node),
    /// An object that must have these fields: one missing is an error at
    /// the object.
    Needs(&'static [&'static str], &'static Node),
    /// An object (named so in warnings) whose fields are required but only
    /// document it (a response's `description`, `info`'s `title` and
    /// `version`): one missing is read as empty, with a warning.
    Documented(&'static str, &'static [&'static str], &'static Node),
    /// A parameter or header (so named in warnings), which needs a
    /// `schema` or a `content`: one with neither is read as a string, with
    /// a warning.
    Typed(&'static str, &'static Node),
    /// A security scheme: an `oauth2` one without the `flows`, or an
    /// `openIdConnect` one without the URL, that OpenAPI requires (both
    /// only document how to get a token, which the caller gives) is read
    /// with none, with a warning.
    Scheme(&'static Node),
    /// Server variables, each of these: one without the `default` OpenAPI
    /// requires takes its first `enum` value, or with none is left out (its
    /// server then has a variable with no definition), with a warning.
    ServerVariables(&'static Node),
}

static DOCUMENT: Node = Node::Object(&[
    ("openapi", Node::Text),
    ("info", INFO),
    ("servers", Node::List(&SERVER)),
    ("paths", Node::Map(&PATH_ITEM)),
    ("webhooks", Node::Map(&Node::Ref(&PATH_ITEM))),
    ("components", COMPONENTS),
    ("security", Node::List(&SECURITY_REQUIREMENT)),
    ("tags", Node::List(&TAG)),
    ("externalDocs", EXTERNAL_DOCS),
]);

const INFO: Node = Node::Documented("`info`", &["title", "version"], &INFO_FIELDS);

static INFO_FIELDS: Node = Node::Object(&[
    ("title", Node::Text),
    ("description", Node::Text),
    ("termsOfService", Node::Text),
    (
        "contact",
        Node::Object(&[
            ("name", Node::Text),
            ("url", Node::Text),
            ("email", Node::Text),
        ]),
    ),
    (
        "license",
        Node::Object(&[("name", Node::Text), ("url", Node::Text)]),
    ),
    ("version", Node::Text),
]);

const EXTERNAL_DOCS: Node = Node::Documented("`externalDocs`", &["url"], &EXTERNAL_DOCS_FIELDS);

static EXTERNAL_DOCS_FIELDS: Node =
    Node::Object(&[("description", Node::Text), ("url", Node::Text)]);

const TAG: Node = Node::Object(&[
    ("name", Node::Text),
    ("description", Node::Text),
    ("externalDocs", EXTERNAL_DOCS),
]);

static SERVER: Node = Node::Needs(&["url"], &SERVER_FIELDS);

static SERVER_FIELDS: Node = Node::Object(&[
    ("url", Node::Text),
    ("description", Node::Text),
    ("variables", Node::ServerVariables(&SERVER_VARIABLE)),
]);

static SERVER_VARIABLE: Node = Node::Object(&[
    ("enum", Node::List(&Node::Text)),
    ("default", Node::Text),
    ("description", Node::Text),
]);

/// Scheme names, each with the scopes (or roles) it needs.
static SECURITY_REQUIREMENT: Node = Node::Map(&Node::List(&Node::Text));

static PATH_ITEM: Node = Node::Object(&[
    ("summary", Node::Text),
    ("description", Node::Text),
    ("get", Node::Of(&OPERATION)),
    ("put", Node::Of(&OPERATION)),
    ("post", Node::Of(&OPERATION)),
    ("delete", Node::Of(&OPERATION)),
    ("options", Node::Of(&OPERATION)),
    ("head", Node::Of(&OPERATION)),
    ("patch", Node::Of(&OPERATION)),
    ("trace", Node::Of(&OPERATION)),
    ("query", Node::Of(&OPERATION)),
    ("servers", Node::List(&SERVER)),
    ("parameters", Node::List(&Node::Ref(&PARAMETER))),
]);

static OPERATION: Node = Node::Object(&[
    ("tags", Node::List(&Node::Text)),
    ("summary", Node::Text),
    ("description", Node::Text),
    ("externalDocs", EXTERNAL_DOCS),
    ("operationId", Node::Text),
    ("parameters", Node::List(&Node::Ref(&PARAMETER))),
    ("requestBody", Node::Ref(&REQUEST_BODY)),
    ("responses", Node::Map(&Node::Ref(&RESPONSE))),
    ("callbacks", Node::Map(&Node::Ref(&CALLBACK))),
    ("deprecated", Node::Bool),
    ("security", Node::List(&SECURITY_REQUIREMENT)),
    ("servers", Node::List(&SERVER)),
]);

static CALLBACK: Node = Node::Map(&PATH_ITEM);

static PARAMETER: Node = Node::Needs(
    &["name", "in"],
    &Node::Typed("parameter", &PARAMETER_FIELDS),
);

static PARAMETER_FIELDS: Node = Node::Object(&[
    ("name", Node::Text),
    ("in", Node::Text),
    ("description", Node::Text),
    ("required", Node::Bool),
    ("deprecated", Node::Bool),
    ("allowEmptyValue", Node::Bool),
    ("style", Node::Text),
    ("explode", Node::Bool),
    ("allowReserved", Node::Bool),
    ("schema", Node::Schema),
    ("example", Node::Any),
    ("examples", Node::Map(&Node::Ref(&EXAMPLE))),
    ("content", Node::Map(&MEDIA_TYPE)),
]);

static HEADER: Node = Node::Typed("header", &HEADER_FIELDS);

static HEADER_FIELDS: Node = Node::Object(&[
    ("description", Node::Text),
    ("required", Node::Bool),
    ("deprecated", Node::Bool),
    ("style", Node::Text),
    ("explode", Node::Bool),
    ("schema", Node::Schema),
    ("example", Node::Any),
    ("examples", Node::Map(&Node::Ref(&EXAMPLE))),
    ("content", Node::Map(&MEDIA_TYPE)),
]);

static REQUEST_BODY: Node = Node::Object(&[
    ("description", Node::Text),
    ("content", Node::Map(&MEDIA_TYPE)),
    ("required", Node::Bool),
]);

static RESPONSE: Node = Node::Documented("response", &["description"], &RESPONSE_FIELDS);

static RESPONSE_FIELDS: Node = Node::Object(&[
    ("description", Node::Text),
    ("headers", Node::Map(&Node::Ref(&HEADER))),
    ("content", Node::Map(&MEDIA_TYPE)),
    ("links", Node::Map(&Node::Any)),
]);

static MEDIA_TYPE: Node = Node::Object(&[
    ("schema", Node::Schema),
    ("example", Node::Any),
    ("examples", Node::Map(&Node::Ref(&EXAMPLE))),
    (
        "encoding",
        Node::Map(&Node::Object(&[
            ("contentType", Node::Text),
            ("headers", Node::Map(&Node::Ref(&HEADER))),
            ("style", Node::Text),
            ("explode", Node::Bool),
            ("allowReserved", Node::Bool),
        ])),
    ),
]);

static EXAMPLE: Node = Node::Object(&[
    ("summary", Node::Text),
    ("description", Node::Text),
    ("value", Node::Any),
    ("externalValue", Node::Text),
]);

const OAUTH_FLOW: Node = Node::Object(&[
    ("authorizationUrl", Node::Text),
    ("tokenUrl", Node::Text),
    ("refreshUrl", Node::Text),
    ("scopes", Node::Map(&Node::Text)),
]);

static SECURITY_SCHEME: Node = Node::Needs(&["type"], &Node::Scheme(&SECURITY_SCHEME_FIELDS));

static SECURITY_SCHEME_FIELDS: Node = Node::Object(&[
    ("type", Node::Text),
    ("description", Node::Text),
    ("name", Node::Text),
    ("in", Node::Text),
    ("scheme", Node::Text),
    ("bearerFormat", Node::Text),
    (
        "flows",
        Node::Object(&[
            ("implicit", OAUTH_FLOW),
            ("password", OAUTH_FLOW),
            ("clientCredentials", OAUTH_FLOW),
            ("authorizationCode", OAUTH_FLOW),
        ]),
    ),
    ("openIdConnectUrl", Node::Text),
]);

const COMPONENTS: Node = Node::Object(&[
    ("schemas", Node::Map(&Node::Schema)),
    ("responses", Node::Map(&Node::Ref(&RESPONSE))),
    ("parameters", Node::Map(&Node::Ref(&PARAMETER))),
    ("examples", Node::Map(&Node::Ref(&EXAMPLE))),
    ("requestBodies", Node::Map(&Node::Ref(&REQUEST_BODY))),
    ("headers", Node::Map(&Node::Ref(&HEADER))),
    ("securitySchemes", Node::Map(&Node::Ref(&SECURITY_SCHEME))),
    ("links", Node::Map(&Node::Any)),
    ("callbacks", Node::Map(&Node::Ref(&CALLBACK))),
    ("pathItems", Node::Map(&Node::Ref(&PATH_ITEM))),
]);

/// Checks `doc`, an OpenAPI 3.0 tree (normalised), against the object
/// model: each node of the wrong type is a problem at its pointer, and
/// each whose intent is plain is mended in place with a warning.
pub(crate) fn check_document(doc: &mut Value, problems: &mut Problems) {
    check(doc, &DOCUMENT, &Pointer::root(), problems);
}

fn check(value: &mut Value, node: &Node, at: &Pointer, problems: &mut Problems) {
    match node {
        Node::Any => {}
        Node::Of(inner) => check(value, inner, at, problems),
        Node::Needs(fields, inner) => {
            if let Value::Object(map) = value {
                for field in fields.iter().filter(|f| !map.contains_key(**f)) {
                    problems.error(at.clone(), format!("`{field}` is required here"));
                }
            }
            check(value, inner, at, problems);
        }
        Node::Documented(what, fields, inner) => {
            if let Value::Object(map) = value {
                let missing: Vec<&str> = fields
                    .iter()
                    .copied()
                    .filter(|f| !map.contains_key(*f))
                    .collect();
                for field in missing {
                    map.insert(field.to_owned(), Value::String(String::new()));
                    let message = format!(
                        "this {what} has no `{field}`, which OpenAPI requires; read as empty"
                    );
                    problems.warning(at.clone(), message);
                }
            }
            check(value, inner, at, problems);
        }
        Node::Typed(what, inner) => {
            if let Value::Object(map) = value
                && !map.contains_key("schema")
                && !map.contains_key("content")
            {
                map.insert("schema".to_owned(), serde_json::json!({"type": "string"}));
                let message = format!(
                    "this {what} has neither `schema` nor `content`, one of which OpenAPI \
                     requires; read as a string"
                );
                problems.warning(at.clone(), message);
            }
            check(value, inner, at, problems);
        }
        Node::Scheme(inner) => {
            if let Value::Object(map) = value {
                let needed = match map.get("type").and_then(Value::as_str) {
                    Some("oauth2") => Some(("flows", serde_json::json!({}))),
                    Some("openIdConnect") => Some(("openIdConnectUrl", serde_json::json!(""))),
                    _ => None,
                };
                if let Some((field, blank)) = needed.filter(|(field, _)| !map.contains_key(*field))
                {
                    map.insert(field.to_owned(), blank);
                    let message = format!(
                        "this security scheme has no `{field}`, which OpenAPI requires; read as none"
                    );
                    problems.warning(at.clone(), message);
                }
            }
            check(value, inner, at, problems);
        }
        Node::ServerVariables(variable) => {
            if let Value::Object(variables) = value {
                mend_server_variables(variables, at, problems);
            }
            check(value, &Node::Map(variable), at, problems);
        }
        Node::Schema => shape::check_schema(value, at, problems),
        Node::Text | Node::Bool if value.is_null() => {}
        Node::Text if shape::is_scalar(value) => {}
        Node::Bool if value.is_boolean() => {}
        Node::Text => problems.wrong(at, "a string", value),
        Node::Bool => problems.wrong(at, "a boolean", value),
        Node::Ref(inner) => match value.get("$ref") {
            Some(Value::String(_)) => {}
            Some(other) => {
                let message = format!("`$ref` must be a string, not {}", kind(other));
                problems.error(at.join("$ref"), message);
            }
            None => check(value, inner, at, problems),
        },
        Node::List(item) => match value {
            Value::Array(items) => {
                for (i, entry) in items.iter_mut().enumerate() {
                    check(entry, item, &at.join(i), problems);
                }
            }
            Value::Null => {
                *value = Value::Array(Vec::new());
                problems.warning(
                    at.clone(),
                    "`null` where a list belongs: read as an empty list",
                );
            }
            other => problems.wrong(at, "a list", other),
        },
        Node::Map(entry) => match value {
            Value::Object(entries) => {
                for (name, child) in entries.iter_mut() {
                    if !name.starts_with("x-") {
                        check(child, entry, &at.join(name), problems);
                    }
                }
            }
            Value::Null => {
                *value = Value::Object(Default::default());
                problems.warning(
                    at.clone(),
                    "`null` where a map belongs: read as an empty map",
                );
            }
            other => problems.wrong(at, "a map", other),
        },
        Node::Object(fields) => match value {
            Value::Object(map) => {
                let mut absent = Vec::new();
                for (name, child) in map.iter_mut() {
                    let Some((_, field)) = fields.iter().find(|(known, _)| known == name) else {
                        continue;
                    };
                    let object = matches!(
                        field,
                        Node::Object(_)
                            | Node::Ref(_)
                            | Node::Of(_)
                            | Node::Needs(..)
                            | Node::Typed(..)
                            | Node::Scheme(_)
                            | Node::Documented(..)
                    );
                    if object && child.is_null() {
                        absent.push(name.clone());
                        continue;
                    }
                    check(child, field, &at.join(name), problems);
                }
                for name in absent {
                    map.remove(&name);
                    let message = format!("`null` where a map belongs: `{name}` is left out");
                    problems.warning(at.join(&name), message);
                }
            }
            other => problems.wrong(at, "a map", other),
        },
    }
}

/// Gives each server variable without a `default` its first `enum` value,
/// and leaves out one with neither.
fn mend_server_variables(
    variables: &mut serde_json::Map<String, Value>,
    at: &Pointer,
    problems: &mut Problems,
) {
    let mut undefined = Vec::new();
    for (name, variable) in variables.iter_mut() {
        let Value::Object(fields) = variable else {
            continue;
        };
        if fields.contains_key("default") {
            continue;
        }
        let first = fields
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|values| values.first())
            .filter(|value| shape::is_scalar(value))
            .map(|value| match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            });
        let message = match first {
            Some(first) => {
                let message = format!(
                    "server variable `{name}` has no `default`, which OpenAPI requires; \
                     read as its first value, `{first}`"
                );
                fields.insert("default".to_owned(), Value::String(first));
                message
            }
            None => {
                undefined.push(name.clone());
                format!(
                    "server variable `{name}` has no `default`, which OpenAPI requires, \
                     and no `enum` to take one from; left out"
                )
            }
        };
        problems.warning(at.join(name), message);
    }
    for name in undefined {
        variables.remove(&name);
    }
}
