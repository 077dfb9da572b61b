//! A check of every schema's keywords against the JSON types OpenAPI gives
//! them, on the raw tree, before the typed read.
//!
//! The typed read tries each shape a schema may have, and each schema it
//! holds, so one node of the wrong type deep down makes it retry every
//! level above: the time doubles with each level of nesting. Found here
//! first, in one pass, the node is reported where it is and the typed read
//! is not tried.

use serde_json::Value;

use super::schema::{Child, ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS, child_kind};
use crate::pointer::Pointer;

/// What JSON a keyword of a schema holds.
#[derive(Clone, Copy)]
enum Expected {
    String,
    Bool,
    Number,
    Count,
    Strings,
    List,
    Object,
}

impl Expected {
    fn of(keyword: &str) -> Option<Self> {
        Some(match keyword {
            "type" | "format" | "pattern" | "title" | "description" => Expected::String,
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum" => Expected::Bool,
            "minimum" | "maximum" | "multipleOf" => Expected::Number,
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => Expected::Count,
            "required" => Expected::Strings,
            "enum" => Expected::List,
            "discriminator" | "externalDocs" | "xml" => Expected::Object,
            _ => return None,
        })
    }

    fn accepts(self, value: &Value) -> bool {
        match self {
            // A number or boolean is read as its text where a string is
            // wanted (YAML's `title: 2024`).
            Expected::String => is_scalar(value),
            Expected::Bool => value.is_boolean(),
            Expected::Number => value.is_number(),
            Expected::Count => value.is_u64(),
            Expected::Strings => value
                .as_array()
                .is_some_and(|items| items.iter().all(is_scalar)),
            Expected::List => value.is_array(),
            Expected::Object => value.is_object(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::String => "a string",
            Expected::Bool => "a boolean",
            Expected::Number => "a number",
            Expected::Count => "a whole number of zero or more",
            Expected::Strings => "a list of strings",
            Expected::List => "a list",
            Expected::Object => "a map",
        }
    }
}

/// The first schema keyword (in document order) whose value is not of the
/// JSON type OpenAPI gives it, with what is wrong; `None` if every schema
/// is well formed. `doc` is an OpenAPI 3.0 tree (normalised).
pub(crate) fn misshapen_schema(doc: &Value) -> Option<(Pointer, String)> {
    find(doc, &Pointer::root(), false)
}

fn find(node: &Value, at: &Pointer, is_schema: bool) -> Option<(Pointer, String)> {
    if is_schema {
        return schema(node, at);
    }
    match node {
        Value::Object(map) => {
            for (key, child) in map {
                let child_at = at.join(key);
                let found = match child_kind(at, key) {
                    Child::Data => None,
                    Child::Schema => find(child, &child_at, true),
                    Child::Schemas => child.as_object().and_then(|schemas| {
                        schemas
                            .iter()
                            .find_map(|(name, s)| find(s, &child_at.join(name), true))
                    }),
                    Child::Document => find(child, &child_at, false),
                };
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find(item, &at.join(i), false)),
        _ => None,
    }
}

/// The first misshapen keyword of the schema `node` or its subschemas.
fn schema(node: &Value, at: &Pointer) -> Option<(Pointer, String)> {
    let Value::Object(map) = node else {
        return Some((
            at.clone(),
            format!("a schema must be a map, not {}", kind(node)),
        ));
    };
    if let Some(reference) = map.get("$ref") {
        return (!reference.is_string()).then(|| {
            (
                at.join("$ref"),
                format!("`$ref` must be a string, not {}", kind(reference)),
            )
        });
    }
    for (key, value) in map {
        let key_at = at.join(key);
        if let Some(expected) = Expected::of(key)
            && !expected.accepts(value)
        {
            let message = format!(
                "`{key}` must be {}, not {}",
                expected.describe(),
                kind(value)
            );
            return Some((key_at, message));
        }
        let found = if ONE_SCHEMA.contains(&key.as_str()) {
            match (key.as_str(), value) {
                ("additionalProperties", Value::Bool(_)) => None,
                _ => schema(value, &key_at),
            }
        } else if SCHEMA_LISTS.contains(&key.as_str()) {
            match value {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .find_map(|(i, item)| schema(item, &key_at.join(i))),
                other => Some((
                    key_at.clone(),
                    format!("`{key}` must be a list of schemas, not {}", kind(other)),
                )),
            }
        } else if SCHEMA_MAPS.contains(&key.as_str()) {
            match value {
                Value::Object(entries) => entries
                    .iter()
                    .find_map(|(name, entry)| schema(entry, &key_at.join(name))),
                other => Some((
                    key_at.clone(),
                    format!("`{key}` must be a map of schemas, not {}", kind(other)),
                )),
            }
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn is_scalar(value: &Value) -> bool {
    value.is_string() || value.is_number() || value.is_boolean()
}

/// A JSON value's kind, as a message names it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_misshapen_keyword_is_found_at_any_depth() {
        let mut deep = json!({"type": {"type": "string"}});
        for _ in 0..100 {
            deep = json!({"type": "array", "items": deep});
        }
        let doc = json!({"components": {"schemas": {"Deep": deep}}});
        let (at, message) = misshapen_schema(&doc).unwrap();
        let expected = format!("/components/schemas/Deep{}/type", "/items".repeat(100));
        assert_eq!(at.to_string(), expected);
        assert_eq!(message, "`type` must be a string, not a map");
    }

    #[test]
    fn well_formed_schemas_and_data_pass() {
        let doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"type": "object", "additionalProperties": true, "required": ["a"],
                           "properties": {"a": {"$ref": "#/components/schemas/A"}}},
                "example": {"type": {"not": "a schema"}}
            }}}}}}},
            "components": {"schemas": {"A": {"oneOf": [{"type": "string", "maxLength": 3}]}}}
        });
        assert_eq!(misshapen_schema(&doc), None);
    }
}
