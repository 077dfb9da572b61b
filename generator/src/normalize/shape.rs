//! A check of every schema's keywords against the JSON types OpenAPI gives
//! them, on the raw tree, before the typed read ([`super::structure`] walks
//! the document to each schema).
//!
//! The typed read tries each shape a schema may have, and each schema it
//! holds, so one node of the wrong type deep down makes it retry every
//! level above: the time doubles with each level of nesting. Found here
//! first, in one pass, the node is reported where it is and the typed read
//! is not tried.

use serde_json::Value;

use super::schema::{ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS};
use crate::pointer::Pointer;

/// What JSON a keyword of a schema holds.
#[derive(Clone, Copy)]
enum Expected {
    /// Text: a number or boolean is read as its text.
    String,
    /// A name the keyword picks from (`type`): a string only.
    Name,
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
            "type" => Expected::Name,
            "format" | "pattern" | "title" | "description" => Expected::String,
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
            Expected::Name => value.is_string(),
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
            Expected::String | Expected::Name => "a string",
            Expected::Bool => "a boolean",
            Expected::Number => "a number",
            Expected::Count => "a whole number of zero or more",
            Expected::Strings => "a list of strings",
            Expected::List => "a list",
            Expected::Object => "a map",
        }
    }
}

/// The problems of a document's shape, in document order: errors (a node
/// of the wrong type) and warnings (one mended where the intent is plain).
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub errors: Vec<(Pointer, String)>,
    pub warnings: Vec<(Pointer, String)>,
}

impl Problems {
    pub(super) fn error(&mut self, at: Pointer, message: String) {
        self.errors.push((at, message));
    }

    pub(super) fn warning(&mut self, at: Pointer, message: impl Into<String>) {
        self.warnings.push((at, message.into()));
    }

    /// `value`, at `at`, is not what belongs there: `what` (e.g. "a list").
    pub(super) fn wrong(&mut self, at: &Pointer, what: &str, value: &Value) {
        let tokens = crate::pointer::tokens(&at.to_string());
        let name = match tokens.as_slice() {
            [] => "the document".to_owned(),
            [.., parent, last] if last.parse::<usize>().is_ok() => {
                format!("item {last} of `{parent}`")
            }
            [.., last] => format!("`{last}`"),
        };
        self.error(
            at.clone(),
            format!("{name} must be {what}, not {}", kind(value)),
        );
    }
}

/// Checks the schema `node` and its subschemas: each keyword whose value
/// is not of the JSON type OpenAPI gives it is an error. A schema that is
/// `null` or a list (no schema given, or one written as a list of types)
/// is mended as any JSON, with a warning.
pub(super) fn check_schema(node: &mut Value, at: &Pointer, problems: &mut Problems) {
    let map = match node {
        Value::Object(map) => map,
        Value::Null | Value::Array(_) => {
            let message = format!(
                "{} where a schema belongs: read as any JSON",
                match node {
                    Value::Null => "`null`",
                    _ => "a list",
                }
            );
            *node = Value::Object(Default::default());
            problems.warning(at.clone(), message);
            return;
        }
        other => {
            let message = format!("a schema must be a map, not {}", kind(other));
            problems.error(at.clone(), message);
            return;
        }
    };
    if let Some(reference) = map.get("$ref") {
        if !reference.is_string() {
            let message = format!("`$ref` must be a string, not {}", kind(reference));
            problems.error(at.join("$ref"), message);
        }
        return;
    }
    let mut left_out = Vec::new();
    for (key, value) in map.iter_mut() {
        let key_at = at.join(key);
        match Expected::of(key) {
            Some(expected) if !expected.accepts(value) => {
                let message = format!(
                    "`{key}` must be {}, not {}",
                    expected.describe(),
                    kind(value)
                );
                if only_checks_or_documents(key) {
                    problems.warning(key_at, format!("{message}; left out"));
                    left_out.push(key.clone());
                } else {
                    problems.error(key_at, message);
                }
                continue;
            }
            // YAML's `title: 2024`, a `pattern: 123`: read as their text.
            Some(Expected::String) if value.is_number() || value.is_boolean() => {
                *value = Value::String(value.to_string());
            }
            _ => {}
        }
        if ONE_SCHEMA.contains(&key.as_str()) {
            if !(key == "additionalProperties" && value.is_boolean()) {
                check_schema(value, &key_at, problems);
            }
        } else if SCHEMA_LISTS.contains(&key.as_str()) {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        check_schema(item, &key_at.join(i), problems);
                    }
                }
                other => {
                    let message = format!("`{key}` must be a list of schemas, not {}", kind(other));
                    problems.error(key_at, message);
                }
            }
        } else if SCHEMA_MAPS.contains(&key.as_str()) {
            match value {
                Value::Object(entries) => {
                    for (name, entry) in entries.iter_mut() {
                        check_schema(entry, &key_at.join(name), problems);
                    }
                }
                other => {
                    let message = format!("`{key}` must be a map of schemas, not {}", kind(other));
                    problems.error(key_at, message);
                }
            }
        }
    }
    for key in left_out {
        map.remove(&key);
    }
}

/// Keywords that only constrain values (which the client does not check)
/// or document them: one of the wrong type changes no Rust type, so it is
/// left out with a warning rather than failing the spec.
fn only_checks_or_documents(keyword: &str) -> bool {
    matches!(
        keyword,
        "pattern"
            | "title"
            | "description"
            | "uniqueItems"
            | "exclusiveMinimum"
            | "exclusiveMaximum"
            | "minimum"
            | "maximum"
            | "multipleOf"
            | "minLength"
            | "maxLength"
            | "minItems"
            | "maxItems"
            | "minProperties"
            | "maxProperties"
            | "externalDocs"
            | "xml"
    )
}

pub(super) fn is_scalar(value: &Value) -> bool {
    value.is_string() || value.is_number() || value.is_boolean()
}

/// A JSON value's kind, as a message names it.
pub(super) fn kind(value: &Value) -> &'static str {
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

    fn problems_of(mut schema: Value) -> Problems {
        let mut problems = Problems::default();
        check_schema(&mut schema, &Pointer::root().join("s"), &mut problems);
        problems
    }

    #[test]
    fn every_misshapen_keyword_is_found_at_any_depth() {
        let mut deep = json!({"type": {"type": "string"}});
        for _ in 0..100 {
            deep = json!({"type": "array", "items": deep, "maxItems": -1});
        }
        let problems = problems_of(deep);
        // The `type` that is a map decides the Rust type: an error. The
        // negative `maxItems`, which the client does not check, are left
        // out with warnings.
        assert_eq!(
            problems.errors,
            [(
                Pointer::parse(&format!("/s{}/type", "/items".repeat(100))),
                "`type` must be a string, not a map".to_owned()
            )]
        );
        assert_eq!(problems.warnings.len(), 100);
        assert!(problems.warnings.iter().any(|(at, message)| {
            at.to_string() == "/s/maxItems"
                && message
                    == "`maxItems` must be a whole number of zero or more, not a number; left out"
        }));
    }

    #[test]
    fn a_constraint_of_the_wrong_type_is_left_out() {
        let mut schema = json!({"type": "string", "maxLength": -1, "pattern": 7, "title": "T"});
        let mut problems = Problems::default();
        check_schema(&mut schema, &Pointer::root(), &mut problems);
        assert!(problems.errors.is_empty());
        assert_eq!(
            schema,
            json!({"type": "string", "pattern": "7", "title": "T"})
        );
        assert_eq!(problems.warnings.len(), 1);
    }

    #[test]
    fn a_null_or_a_list_where_a_schema_belongs_is_any_json() {
        let mut schema = json!({"properties": {"a": null, "b": ["string", "null"], "c": 3}});
        let mut problems = Problems::default();
        check_schema(&mut schema, &Pointer::root(), &mut problems);
        assert_eq!(schema, json!({"properties": {"a": {}, "b": {}, "c": 3}}));
        let warnings: Vec<(String, &str)> = problems
            .warnings
            .iter()
            .map(|(at, m)| (at.to_string(), m.as_str()))
            .collect();
        assert_eq!(
            warnings,
            [
                (
                    "/properties/a".to_owned(),
                    "`null` where a schema belongs: read as any JSON"
                ),
                (
                    "/properties/b".to_owned(),
                    "a list where a schema belongs: read as any JSON"
                ),
            ]
        );
        assert_eq!(
            problems.errors,
            [(
                Pointer::parse("/properties/c"),
                "a schema must be a map, not a number".to_owned()
            )]
        );
    }

    #[test]
    fn well_formed_schemas_pass() {
        let problems = problems_of(json!({
            "type": "object", "additionalProperties": true, "required": ["a"],
            "properties": {"a": {"$ref": "#/components/schemas/A"}},
            "oneOf": [{"type": "string", "maxLength": 3}]
        }));
        assert!(problems.errors.is_empty() && problems.warnings.is_empty());
    }
}
