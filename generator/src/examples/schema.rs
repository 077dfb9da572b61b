//! The examples checked against their schemas by a JSON Schema validator.
//!
//! OpenAPI 3.0's schemas are JSON Schema draft 4 with a few keywords of
//! their own (the document is 3.0 whatever version it was written in, so
//! 3.1's forms arrive as these too). The document is made JSON Schema once
//! per direction: `nullable` becomes a `null` alternative, and `required`
//! leaves out the properties the direction does not carry (read-only ones
//! in requests, write-only ones in responses). `format` is asserted: the
//! client types `date-time`, `date`, `uuid` and `byte`, so an example that
//! is not one is not what the schema promises.

use std::collections::HashMap;

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Map, Value, json};

use super::Example;
use crate::model::Direction;

/// Where the document is registered for `$ref`s to reach it.
const DOCUMENT: &str = "urn:openapi-client-gen:spec";

/// How many disagreements of one example are reported.
const MAX_ERRORS: usize = 3;

/// Checks every example against its schema, filling in what disagrees.
pub(super) fn check(raw: &Value, examples: &mut [Example]) {
    let mut requests = Checker::new(
        raw,
        Direction {
            request: true,
            response: false,
        },
    );
    let mut responses = Checker::new(
        raw,
        Direction {
            request: false,
            response: true,
        },
    );
    for example in examples.iter_mut() {
        let Some(schema) = &example.schema else {
            continue;
        };
        // A type read from responses is checked as a response; one only
        // sent, as a request.
        let checker = if example.direction.response || !example.direction.request {
            &mut responses
        } else {
            &mut requests
        };
        match checker.validator(schema) {
            Ok(validator) => {
                example.schema_checked = true;
                // An example written as JSON text stands for the JSON.
                if let Value::String(text) = &example.value
                    && !validator.is_valid(&example.value)
                    && let Ok(json) = serde_json::from_str::<Value>(text)
                    && validator.is_valid(&json)
                {
                    example.value = json;
                }
                example.schema_errors = validator
                    .iter_errors(&example.value)
                    .take(MAX_ERRORS)
                    .map(|error| {
                        let at = error.instance_path().to_string();
                        let at = if at.is_empty() {
                            "the value".to_owned()
                        } else {
                            format!("`{at}`")
                        };
                        format!("{at}: {}", error.masked())
                    })
                    .collect();
            }
            Err(reason) => example.schema_unchecked = Some(reason),
        }
    }
    for example in examples.iter_mut().filter(|e| e.schema.is_none()) {
        if let Value::String(text) = &example.value
            && example.rust_type.as_deref() != Some("String")
            && let Ok(json @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(text)
        {
            example.value = json;
        }
    }
}

/// The validators of one direction, one per schema, made when first asked.
struct Checker {
    registry: Result<Registry<'static>, String>,
    validators: HashMap<String, Result<Validator, String>>,
}

impl Checker {
    fn new(raw: &Value, direction: Direction) -> Self {
        let mut document = raw.clone();
        as_json_schema(&mut document, direction);
        let registry = Registry::new()
            .draft(Draft::Draft4)
            .add(DOCUMENT, document)
            .and_then(|builder| builder.prepare())
            .map_err(|e| format!("the document is not usable as JSON Schema: {e}"));
        Self {
            registry,
            validators: HashMap::new(),
        }
    }

    /// The validator of the schema at `pointer` in the document.
    fn validator(&mut self, pointer: &str) -> Result<&Validator, String> {
        let registry = self.registry.as_ref().map_err(Clone::clone)?;
        let made = self
            .validators
            .entry(pointer.to_owned())
            .or_insert_with(|| {
                let reference = json!({"$ref": format!("{DOCUMENT}#{}", fragment(pointer))});
                jsonschema::options()
                    .with_draft(Draft::Draft4)
                    .with_registry(registry)
                    .should_validate_formats(true)
                    .build(&reference)
                    .map_err(|e| format!("its schema cannot be checked: {}", e.masked()))
            });
        made.as_ref().map_err(Clone::clone)
    }
}

/// Rewrites OpenAPI 3.0's own schema keywords as JSON Schema, for requests
/// or for responses.
fn as_json_schema(node: &mut Value, direction: Direction) {
    match node {
        Value::Object(map) => {
            map.values_mut()
                .for_each(|value| as_json_schema(value, direction));
            drop_one_way_requirements(map, direction);
            if map.get("nullable") == Some(&Value::Bool(true)) {
                map.remove("nullable");
                let schema = std::mem::take(map);
                *node = json!({"anyOf": [Value::Object(schema), {"type": "null"}]});
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| as_json_schema(item, direction)),
        _ => {}
    }
}

/// Leaves out of `required` the properties that do not travel this way.
fn drop_one_way_requirements(schema: &mut Map<String, Value>, direction: Direction) {
    let keyword = if direction.request {
        "readOnly"
    } else {
        "writeOnly"
    };
    let one_way: Vec<String> = match schema.get("properties") {
        Some(Value::Object(properties)) => properties
            .iter()
            .filter(|(_, p)| p.get(keyword) == Some(&Value::Bool(true)))
            .map(|(name, _)| name.clone())
            .collect(),
        _ => return,
    };
    if let Some(Value::Array(required)) = schema.get_mut("required") {
        required.retain(|name| !one_way.iter().any(|w| Some(w.as_str()) == name.as_str()));
    }
}

/// A JSON pointer as a URI fragment: characters a fragment may not hold
/// percent-encoded.
fn fragment(pointer: &str) -> String {
    let mut encoded = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        let allowed = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte);
        if allowed {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
