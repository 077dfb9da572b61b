//! Stage 1b: any supported spec, made an OpenAPI 3.0 document.
//!
//! The raw tree of a Swagger 2.0 document is converted ([`swagger2`]); the
//! schemas of an OpenAPI 3.1 or 3.2 document are rewritten from JSON Schema
//! 2020-12 into the shapes 3.0 writes ([`schema`]); what the typed 3.0
//! document cannot hold is read as what it can ([`typed_limits`]); and what
//! real specs get wrong in any version is mended here with a warning, where
//! the intent is clear. Everything downstream reads one dialect.

mod schema;
mod shape;
mod structure;
mod swagger2;
mod typed_limits;

pub(crate) use schema::{ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS};
pub(crate) use shape::Problems;
pub(crate) use structure::check_document;

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostics;
use crate::pointer::Pointer;
use schema::Dialect;

/// The version a document declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    Swagger2,
    OpenApi30,
    /// 3.1 and 3.2 alike: JSON Schema 2020-12.
    OpenApi31,
}

impl Version {
    /// How messages name a document of this version.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Version::Swagger2 => "Swagger 2.0",
            Version::OpenApi30 => "OpenAPI 3.0",
            Version::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// The version `raw` declares; a located error if it is none we read.
pub(crate) fn version(raw: &Value, d: &mut Diagnostics) -> Option<Version> {
    if let Some(swagger) = raw.get("swagger") {
        if swagger.as_str() == Some("2.0") {
            return Some(Version::Swagger2);
        }
        let message = format!(
            "Swagger {swagger} is not supported; the generator reads Swagger 2.0 and OpenAPI 3.0 to 3.2"
        );
        d.error(&Pointer::root().join("swagger"), message);
        return None;
    }
    let declared = match raw.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(other) => other.to_string(),
        None => {
            let message =
                "not an OpenAPI document: it has no `openapi` (or `swagger`) version field";
            d.error(&Pointer::root(), message);
            return None;
        }
    };
    if declared.starts_with("3.0") {
        Some(Version::OpenApi30)
    } else if declared.starts_with("3.1") || declared.starts_with("3.2") {
        Some(Version::OpenApi31)
    } else {
        let message = format!(
            "OpenAPI {declared} is not supported; the generator reads Swagger 2.0 and OpenAPI 3.0 to 3.2"
        );
        d.error(&Pointer::root().join("openapi"), message);
        None
    }
}

/// Makes `raw`, a document of `version`, an OpenAPI 3.0 document.
pub(crate) fn normalize(raw: &mut Value, version: Version, d: &mut Diagnostics) {
    if !raw.is_object() {
        return;
    }
    let dialect = match version {
        Version::Swagger2 => {
            swagger2::convert(raw, d);
            Dialect::OpenApi30
        }
        Version::OpenApi30 => Dialect::OpenApi30,
        Version::OpenApi31 => {
            openapi_31_document(raw, d);
            Dialect::JsonSchema2020
        }
    };
    required_parts(raw, d);
    mend_paths(raw, d);
    add_missing_responses(raw);
    typed_limits::mutual_tls_schemes(raw, d);
    typed_limits::parameters_of_3_2(raw, d);
    typed_limits::referenced_callbacks(raw);
    schema::normalize_document(raw, dialect, d);
}

/// Reads a document without the `info` every version requires as one with
/// an empty title and version, and one without the `paths` Swagger 2.0 and
/// OpenAPI 3.0 require as one with none: a crate of its schemas' types.
/// Each with a warning. (A 3.1 document, where `paths` is optional, has
/// been given an empty one already.)
fn required_parts(raw: &mut Value, d: &mut Diagnostics) {
    if raw.get("info").is_none_or(Value::is_null) {
        raw["info"] = json!({"title": "", "version": ""});
        d.warning(
            &Pointer::root(),
            "the document has no `info`, which OpenAPI requires; read with an empty title and version",
        );
    }
    if raw.get("paths").is_none() {
        raw["paths"] = json!({});
        d.warning(
            &Pointer::root(),
            "the document has no `paths`, which this version of OpenAPI requires; \
             read as none: the crate has the types of its schemas and no operations",
        );
    }
}

/// The HTTP methods a path item holds operations under.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An operation without `responses` (optional since 3.1) succeeds with any
/// 2xx status and no body.
fn add_missing_responses(raw: &mut Value) {
    let Some(Value::Object(paths)) = raw.get_mut("paths") else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            if let Some(Value::Object(op)) = item.get_mut(*method) {
                op.entry("responses").or_insert_with(|| {
                    json!({"2XX": {"description": "Success (the spec documents no responses)."}})
                });
            }
        }
    }
}

/// The 3.1 and 3.2 document-level differences from 3.0.
fn openapi_31_document(raw: &mut Value, d: &mut Diagnostics) {
    raw["openapi"] = json!("3.0.3");
    if raw.get("paths").is_none() {
        raw["paths"] = json!({});
    }
    if let Some(webhooks) = raw.get("webhooks").and_then(Value::as_object)
        && !webhooks.is_empty()
    {
        d.warning(
            &Pointer::root().join("webhooks"),
            "webhooks are requests the server makes; ignored",
        );
    }
    // `info.summary` leads the description.
    let info = &mut raw["info"];
    if let Some(summary) = info
        .get("summary")
        .and_then(Value::as_str)
        .map(str::to_owned)
    {
        let description = info
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        info["description"] = json!(format!("{summary}\n\n{description}").trim().to_owned());
    }
}

/// Path items that are not maps are dropped, `$ref`s to
/// `components/pathItems` are followed, a path without its leading `/`
/// gets one, and `:name` segments become `{name}`.
fn mend_paths(raw: &mut Value, d: &mut Diagnostics) {
    let path_items = raw
        .pointer("/components/pathItems")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(Value::Object(paths)) = raw.get_mut("paths") else {
        return;
    };
    let mut mended = Map::new();
    for (path, mut item) in std::mem::take(paths) {
        let at = Pointer::root().join("paths").join(&path);
        if let Some(reference) = item.get("$ref").and_then(Value::as_str)
            && let Some(target) = reference
                .strip_prefix("#/components/pathItems/")
                .and_then(|name| path_items.get(name))
        {
            item = target.clone();
        }
        if !item.is_object() {
            d.warning(&at, "a path item must be a map of operations; ignored");
            continue;
        }
        drop_operations_that_are_not_maps(&mut item, &at, d);
        let mut read_as = path.clone();
        // Without its `/`, the typed read would not see the path at all.
        if !path.starts_with('/') && !path.starts_with("x-") {
            read_as = format!("/{path}");
            d.warning(
                &at,
                format!("a path must start with `/`; read as `{read_as}`"),
            );
        }
        if let Some(templated) = colon_parameters(&read_as) {
            d.warning(
                &at,
                format!("`:name` segments are not OpenAPI; read as `{templated}`"),
            );
            read_as = templated;
        }
        // Two keys that read as one path (`pets` and `/pets`): the first
        // is kept.
        if mended.contains_key(&read_as) {
            d.warning(
                &at,
                format!("the spec has `{read_as}` already, written another way; ignored"),
            );
            continue;
        }
        if read_as != path {
            let file = d.file().to_owned();
            d.origin(&Pointer::root().join("paths").join(&read_as), &file, &at);
        }
        mended.insert(read_as, item);
    }
    *paths = mended;
}

/// An operation written as something other than a map (`get: []`, as some
/// YAML emitters write an empty one) has nothing to generate: left out,
/// with a warning.
fn drop_operations_that_are_not_maps(item: &mut Value, at: &Pointer, d: &mut Diagnostics) {
    let Value::Object(item) = item else {
        return;
    };
    item.retain(|key, operation| {
        let is_method = METHODS.contains(&key.as_str()) || key == "query";
        if is_method && !operation.is_object() {
            d.warning(
                &at.join(key),
                "an operation must be a map; this one is empty, so nothing is generated for it",
            );
            return false;
        }
        true
    });
}

/// `/users/:id` as `/users/{id}`, if the path has such segments.
fn colon_parameters(path: &str) -> Option<String> {
    if !path.split('/').any(|s| s.starts_with(':') && s.len() > 1) {
        return None;
    }
    let segments: Vec<String> = path
        .split('/')
        .map(|s| match s.strip_prefix(':') {
            Some(name) if !name.is_empty() => format!("{{{name}}}"),
            _ => s.to_owned(),
        })
        .collect();
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_recognised_by_their_field() {
        let mut d = Diagnostics::new("t");
        let documents = [
            json!({"swagger": "2.0"}),
            json!({"openapi": "3.0.3"}),
            json!({"openapi": "3.1.1"}),
            json!({"openapi": "3.2.0"}),
            json!({"openapi": "4.0"}),
            json!({"info": {}}),
        ];
        let found: Vec<Option<Version>> =
            documents.iter().map(|doc| version(doc, &mut d)).collect();
        use Version::*;
        let expected = [
            Some(Swagger2),
            Some(OpenApi30),
            Some(OpenApi31),
            Some(OpenApi31),
            None,
            None,
        ];
        assert_eq!(found, expected);
        let messages: Vec<String> = d.into_vec().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 2);
        assert!(
            messages[0].starts_with("OpenAPI 4.0 is not supported"),
            "{messages:?}"
        );
    }

    #[test]
    fn broken_path_items_are_mended_or_dropped() {
        let mut raw = json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1", "summary": "Short."},
            "paths": {
                "/users/:id": {"get": {"responses": {}}},
                "/nothing": null,
                "/shared": {"$ref": "#/components/pathItems/Shared"}
            },
            "components": {"pathItems": {"Shared": {"get": {"responses": {}}}}}
        });
        let mut d = Diagnostics::new("t");
        normalize(&mut raw, Version::OpenApi31, &mut d);
        let paths: Vec<&String> = raw["paths"].as_object().unwrap().keys().collect();
        assert_eq!(paths, ["/users/{id}", "/shared"]);
        assert_eq!(raw["paths"]["/shared"], json!({"get": {"responses": {}}}));
        assert_eq!(raw["info"]["description"], "Short.");
        assert_eq!(d.into_vec().len(), 2, "one warning each for `:id` and null");
    }
}
