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

/// How the runtime reads `format: byte`: its own file, so that the lint
/// accepts exactly what the client decodes.
#[path = "../../runtime/src/base64_text.rs"]
mod base64_text;

/// Where the document is registered for `$ref`s to reach it.
const DOCUMENT: &str = "urn:openapi-client-gen:spec";

/// How many disagreements of one example are reported.
const MAX_ERRORS: usize = 3;

/// Checks every example against its schema, filling in what disagrees.
pub(super) fn check(raw: &Value, examples: &mut [Example]) {
    let mut requests = Checker::new(raw, Direction::REQUEST);
    let mut responses = Checker::new(raw, Direction::RESPONSE);
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
    /// The nodes the rewrite moved.
    wrapped: Vec<String>,
    validators: HashMap<String, Result<Validator, String>>,
}

impl Checker {
    fn new(raw: &Value, direction: Direction) -> Self {
        let (document, wrapped) = as_json_schema(raw, direction);
        let registry = Registry::new()
            .draft(Draft::Draft4)
            .add(DOCUMENT, document)
            .and_then(|builder| builder.prepare())
            .map_err(|e| format!("the document is not usable as JSON Schema: {e}"));
        Self {
            registry,
            wrapped,
            validators: HashMap::new(),
        }
    }

    /// The validator of the schema at `pointer` in the document.
    fn validator(&mut self, pointer: &str) -> Result<&Validator, String> {
        let registry = self.registry.as_ref().map_err(Clone::clone)?;
        let target = moved(pointer, &self.wrapped);
        let made = self
            .validators
            .entry(pointer.to_owned())
            .or_insert_with(|| {
                let reference = json!({"$ref": format!("{DOCUMENT}#{}", fragment(&target))});
                jsonschema::options()
                    .with_draft(Draft::Draft4)
                    .with_registry(registry)
                    .should_validate_formats(true)
                    // Draft 4 knows neither: checked as the client reads them.
                    .with_format("uuid", |text: &str| uuid::Uuid::try_parse(text).is_ok())
                    .with_format("byte", is_base64)
                    .build(&reference)
                    .map_err(|e| format!("its schema cannot be checked: {}", e.masked()))
            });
        made.as_ref().map_err(Clone::clone)
    }
}

/// Whether the client reads `text` as `format: byte`: decoded as the
/// runtime's `Base64` decodes it, by the same file.
fn is_base64(text: &str) -> bool {
    base64_text::decode(text).is_ok()
}

/// The document as JSON Schema, for requests or for responses, and the
/// nodes it had to move (see [`moved`]).
fn as_json_schema(raw: &Value, direction: Direction) -> (Value, Vec<String>) {
    let mut document = raw.clone();
    let mut wrapped = Vec::new();
    rewrite(&mut document, "", direction, &mut wrapped);
    if !wrapped.is_empty() {
        retarget_references(&mut document, &wrapped);
    }
    (document, wrapped)
}

/// Rewrites OpenAPI 3.0's own schema keywords below `node` (at `at`). A
/// nullable schema with a `type` allows `null` in place (`type: [T,
/// "null"]`, `null` added to its `enum`); one without (a `$ref` or a
/// combination) is moved under `anyOf: [.., {type: null}]`, and its
/// pointer noted in `wrapped`.
fn rewrite(node: &mut Value, at: &str, direction: Direction, wrapped: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let child = format!("{at}/{}", crate::pointer::escape(key));
                rewrite(value, &child, direction, wrapped);
            }
            drop_one_way_requirements(map, direction);
            apply_discriminator(map);
            if map.get("nullable") != Some(&Value::Bool(true)) {
                return;
            }
            map.remove("nullable");
            if let Some(ty) = map.get_mut("type") {
                *ty = json!([ty.take(), "null"]);
                if let Some(Value::Array(values)) = map.get_mut("enum")
                    && !values.contains(&Value::Null)
                {
                    values.push(Value::Null);
                }
            } else {
                let schema = std::mem::take(map);
                *node = json!({"anyOf": [Value::Object(schema), {"type": "null"}]});
                wrapped.push(at.to_owned());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                rewrite(item, &format!("{at}/{i}"), direction, wrapped);
            }
        }
        _ => {}
    }
}

/// `pointer` in the rewritten document: below each moved node, its
/// content is at `/anyOf/0`.
fn moved(pointer: &str, wrapped: &[String]) -> String {
    let mut out = String::with_capacity(pointer.len());
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    for (i, token) in tokens.iter().enumerate() {
        out.push('/');
        out.push_str(token);
        if i + 1 < tokens.len() && wrapped.contains(&out) {
            out.push_str("/anyOf/0");
        }
    }
    out
}

/// Points every local `$ref` of the document at where its target moved.
fn retarget_references(node: &mut Value, wrapped: &[String]) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(pointer) = reference.strip_prefix('#')
            {
                *reference = format!("#{}", moved(pointer, wrapped));
            }
            map.values_mut()
                .for_each(|value| retarget_references(value, wrapped));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| retarget_references(item, wrapped)),
        _ => {}
    }
}

/// A `discriminator` picks the alternative by its property, as the client
/// does, where JSON Schema alone would accept a value that matches another
/// one: each `$ref` alternative of `oneOf`/`anyOf` also requires the
/// property to hold one of its tags (the `mapping` keys that name it, or
/// else its component name).
fn apply_discriminator(schema: &mut Map<String, Value>) {
    let Some(discriminator) = schema.get("discriminator") else {
        return;
    };
    let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
        return;
    };
    let property = property.to_owned();
    let mapping: Vec<(String, String)> = discriminator
        .get("mapping")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(tag, target)| Some((tag.clone(), target.as_str()?.to_owned())))
        .collect();
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(alternatives)) = schema.get_mut(keyword) else {
            continue;
        };
        let references: Option<Vec<String>> = alternatives
            .iter()
            .map(|a| a.get("$ref").and_then(Value::as_str).map(str::to_owned))
            .collect();
        let Some(references) = references else {
            continue;
        };
        for (alternative, reference) in alternatives.iter_mut().zip(references) {
            let component = reference.rsplit('/').next().unwrap_or_default().to_owned();
            let mut tags: Vec<Value> = mapping
                .iter()
                .filter(|(_, target)| *target == reference || *target == component)
                .map(|(tag, _)| Value::String(tag.clone()))
                .collect();
            if tags.is_empty() {
                tags.push(Value::String(component));
            }
            *alternative = json!({"allOf": [
                alternative.take(),
                {"properties": {property.clone(): {"enum": tags}}}
            ]});
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_schemas_allow_null_in_place_or_move_with_their_references() {
        let raw = json!({
            "components": {"schemas": {
                "Typed": {"type": "string", "nullable": true, "enum": ["a"]},
                "Combined": {"nullable": true, "allOf": [{"properties": {"x": {"type": "integer"}}}]},
                "Inner": {"$ref": "#/components/schemas/Combined/allOf/0/properties/x"}
            }}
        });
        let (document, wrapped) = as_json_schema(&raw, Direction::default());
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Typed"],
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        assert_eq!(wrapped, ["/components/schemas/Combined"]);
        assert_eq!(schemas["Combined"]["anyOf"][1], json!({"type": "null"}));
        assert_eq!(
            schemas["Inner"]["$ref"],
            "#/components/schemas/Combined/anyOf/0/allOf/0/properties/x"
        );
        assert_eq!(
            moved("/components/schemas/Combined", &wrapped),
            "/components/schemas/Combined",
            "the node itself is the wrapper"
        );
    }

    #[test]
    fn required_is_read_per_direction() {
        let raw = json!({
            "required": ["id", "password", "name"],
            "properties": {
                "id": {"readOnly": true},
                "password": {"writeOnly": true},
                "name": {}
            }
        });
        let request = Direction::REQUEST;
        let response = Direction::RESPONSE;
        assert_eq!(
            as_json_schema(&raw, request).0["required"],
            json!(["password", "name"])
        );
        assert_eq!(
            as_json_schema(&raw, response).0["required"],
            json!(["id", "name"])
        );
    }

    #[test]
    fn a_discriminator_ties_each_alternative_to_its_tags() {
        let raw = json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}}
        });
        let (document, _) = as_json_schema(&raw, Direction::default());
        assert_eq!(
            document["oneOf"],
            json!([
                {"allOf": [{"$ref": "#/components/schemas/Cat"}, {"properties": {"kind": {"enum": ["cat"]}}}]},
                {"allOf": [{"$ref": "#/components/schemas/Dog"}, {"properties": {"kind": {"enum": ["Dog"]}}}]}
            ])
        );
    }
}
