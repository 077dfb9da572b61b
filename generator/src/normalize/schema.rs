//! JSON Schema 2020-12 (OpenAPI 3.1) in the shapes OpenAPI 3.0 writes, so
//! the typed document and the model read both alike.
//!
//! Every schema of the document is visited once, outside in. Each rewrite
//! keeps the node where it was, so a diagnostic's pointer still names the
//! schema the author wrote.

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostics;
use crate::pointer::Pointer;

/// What to rewrite.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// OpenAPI 3.0, whose `$ref` siblings are ignored. 3.1 keywords real
    /// 3.0 specs use anyway (`type: [string, "null"]`, `const`, a numeric
    /// `exclusiveMinimum`) mean what they mean in 3.1.
    OpenApi30,
    /// OpenAPI 3.1 and 3.2: JSON Schema 2020-12.
    JsonSchema2020,
}

/// Keywords whose value is one schema.
pub(crate) const ONE_SCHEMA: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "if",
    "then",
    "else",
];
/// Keywords whose value is a list of schemas.
pub(crate) const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to schemas.
pub(crate) const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Rewrites every schema in an OpenAPI 3.x document.
pub(super) fn normalize_document(doc: &mut Value, dialect: Dialect, diagnostics: &mut Diagnostics) {
    walk(doc, &Pointer::root(), false, dialect, diagnostics);
}

/// Visits `node`; `is_schema` says whether it is one. Outside schemas, a
/// `schema` member and the entries of `components/schemas` are schemas.
fn walk(node: &mut Value, at: &Pointer, is_schema: bool, dialect: Dialect, d: &mut Diagnostics) {
    if is_schema {
        rewrite(node, at, dialect, d);
        for_each_subschema(node, at, &mut |child, child_at| {
            walk(child, child_at, true, dialect, d)
        });
        return;
    }
    let Value::Object(map) = node else {
        if let Value::Array(items) = node {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &at.join(i), false, dialect, d);
            }
        }
        return;
    };
    for (key, child) in map.iter_mut() {
        let child_at = at.join(key);
        match child_kind(at, key) {
            Child::Data => {}
            Child::Schema => walk(child, &child_at, true, dialect, d),
            Child::Schemas => {
                if let Value::Object(schemas) = child {
                    for (name, schema) in schemas.iter_mut() {
                        walk(schema, &child_at.join(name), true, dialect, d);
                    }
                }
            }
            Child::Document => walk(child, &child_at, false, dialect, d),
        }
    }
}

/// What the member `key` of a node at `at` outside schemas is.
pub(super) enum Child {
    /// Examples and extensions: data, whatever keys they hold.
    Data,
    /// A `schema` member (of a parameter, header or media type).
    Schema,
    /// `components/schemas`: a map of schemas.
    Schemas,
    /// More of the document.
    Document,
}

pub(super) fn child_kind(at: &Pointer, key: &str) -> Child {
    let at = at.to_string();
    // The keys of `/components/<kind>` are names: a parameter may be
    // called `schema`.
    let names = at
        .strip_prefix("/components/")
        .is_some_and(|kind| !kind.contains('/'));
    match key {
        "example" | "examples" => Child::Data,
        _ if key.starts_with("x-") => Child::Data,
        "schema" if !names => Child::Schema,
        "schemas" if at == "/components" => Child::Schemas,
        _ => Child::Document,
    }
}

/// Calls `f` with every direct subschema of `schema`: boolean schemas
/// (2020-12's `true` and `false`, e.g. `unevaluatedProperties: false`)
/// too, but for `additionalProperties`, whose boolean OpenAPI 3.0 reads
/// as it is.
fn for_each_subschema(schema: &mut Value, at: &Pointer, f: &mut impl FnMut(&mut Value, &Pointer)) {
    let Value::Object(map) = schema else {
        return;
    };
    for (key, value) in map.iter_mut() {
        let key_at = at.join(key);
        match value {
            Value::Object(_) if ONE_SCHEMA.contains(&key.as_str()) => f(value, &key_at),
            Value::Bool(_)
                if ONE_SCHEMA.contains(&key.as_str()) && key != "additionalProperties" =>
            {
                f(value, &key_at)
            }
            Value::Array(items) if SCHEMA_LISTS.contains(&key.as_str()) => {
                for (i, item) in items.iter_mut().enumerate() {
                    f(item, &key_at.join(i));
                }
            }
            Value::Object(entries) if SCHEMA_MAPS.contains(&key.as_str()) => {
                for (name, entry) in entries.iter_mut() {
                    f(entry, &key_at.join(name));
                }
            }
            _ => {}
        }
    }
}

/// Rewrites one schema (not its subschemas).
fn rewrite(schema: &mut Value, at: &Pointer, dialect: Dialect, d: &mut Diagnostics) {
    // `true` accepts anything; `false` nothing, which no value can satisfy.
    if let Value::Bool(accepts) = schema {
        *schema = if *accepts {
            json!({})
        } else {
            json!({"not": {}})
        };
    }
    let Value::Object(map) = schema else {
        return;
    };
    // 3.0 ignores a `$ref`'s siblings; 3.1 applies them.
    if map.contains_key("$ref") && map.len() > 1 && dialect == Dialect::JsonSchema2020 {
        // Siblings of `$ref` apply too (a description, `nullable`): the
        // reference becomes the single `allOf` part 3.0 writes for that.
        let reference = map.remove("$ref").unwrap_or_default();
        map.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
    }
    mend_misplaced_keywords(map, at, d);
    // First, as it merges an alternative's keywords into this schema: every
    // rewrite below then reaches them too.
    null_alternatives(map);
    tuple_items(map, at, d);
    exclusive_bounds(map);
    type_list(map);
    if let Some(value) = map.remove("const") {
        // Without a `type`, the value's own says what the enum is of.
        let implied = match &value {
            Value::String(_) => Some("string"),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            Value::Bool(_) => Some("boolean"),
            _ => None,
        };
        if let Some(implied) = implied {
            map.entry("type").or_insert_with(|| json!(implied));
        }
        map.entry("enum").or_insert_with(|| json!([value]));
    }
    if let Some(Value::Array(examples)) = map.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        map.entry("example").or_insert(first);
    }
    content_encoding(map);
    if !map.contains_key("additionalProperties")
        && let Some(Value::Object(patterns)) = map.get("patternProperties")
        && let Some(first) = patterns.values().next()
    {
        let values = first.clone();
        map.insert("additionalProperties".to_owned(), values);
    }
    for keyword in ["if", "dependentRequired", "dependentSchemas"] {
        if map.contains_key(keyword) {
            d.warning(
                &at.join(keyword),
                format!(
                    "`{keyword}` cannot be expressed in Rust types; documented only, not checked"
                ),
            );
        }
    }
}

/// Two flaws of hand-written specs that other tools read past: a
/// parameter's `required: true` on a property schema (required properties
/// are listed by the object), and a bound written as a string (`maximum:
/// "100"`). The first is dropped, the second read as its number, each with
/// a warning.
fn mend_misplaced_keywords(map: &mut Map<String, Value>, at: &Pointer, d: &mut Diagnostics) {
    if let Some(Value::Bool(_)) = map.get("required") {
        map.remove("required");
        d.warning(
            &at.join("required"),
            "`required: true|false` belongs to a parameter; an object lists its required properties in its own `required`; ignored",
        );
    }
    for keyword in [
        "minimum",
        "maximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        let Some(Value::String(text)) = map.get(keyword) else {
            continue;
        };
        let Ok(number) = serde_json::from_str::<serde_json::Number>(text.trim()) else {
            continue;
        };
        map.insert(keyword.to_owned(), Value::Number(number));
        d.warning(
            &at.join(keyword),
            format!("`{keyword}` is a string; read as the number it holds"),
        );
    }
}

/// Positional item schemas (draft 4's `items: [..]`, 2020-12's
/// `prefixItems`) as one `items` schema: any of them (one: that one; a
/// `null` among them makes the items nullable). A Rust list has one item
/// type, so where the positions held different schemas, a warning says they
/// are not kept.
fn tuple_items(map: &mut Map<String, Value>, at: &Pointer, d: &mut Diagnostics) {
    let mut positional = match map.remove("prefixItems") {
        Some(Value::Array(schemas)) => schemas,
        Some(other) => {
            map.insert("prefixItems".to_owned(), other);
            Vec::new()
        }
        None => Vec::new(),
    };
    let keyword = if positional.is_empty() {
        "items"
    } else {
        "prefixItems"
    };
    match map.remove("items") {
        Some(Value::Array(schemas)) => positional.extend(schemas),
        // 2020-12: `items` is the schema of the items after the prefix.
        Some(Value::Bool(false)) | None => {}
        Some(rest) if positional.is_empty() => {
            map.insert("items".to_owned(), rest);
            return;
        }
        Some(rest) => positional.push(rest),
    }
    let mut distinct: Vec<Value> = Vec::new();
    for schema in positional {
        if !distinct.contains(&schema) {
            distinct.push(schema);
        }
    }
    if distinct.iter().filter(|s| !only_null(s)).count() > 1 {
        d.warning(
            &at.join(keyword),
            "positional item schemas are read as a list whose items may be any of them; positions are not kept",
        );
    }
    let items = match distinct.len() {
        0 => return,
        1 => distinct.remove(0),
        _ => json!({ "anyOf": distinct }),
    };
    map.insert("items".to_owned(), items);
    map.entry("type").or_insert_with(|| json!("array"));
}

/// A numeric `exclusiveMinimum` (3.1) as 3.0's `minimum` plus a flag.
fn exclusive_bounds(map: &mut Map<String, Value>) {
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(limit)) = map.get(exclusive) {
            let limit = Value::Number(limit.clone());
            map.insert(bound.to_owned(), limit);
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

/// `type: [string, "null"]` as `type: string, nullable: true`; several
/// non-null types as an `anyOf` of each.
fn type_list(map: &mut Map<String, Value>) {
    let types: Vec<String> = match map.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(t)) if t == "null" => vec!["null".to_owned()],
        _ => return,
    };
    map.remove("type");
    let (null, others): (Vec<String>, Vec<String>) = types.into_iter().partition(|t| t == "null");
    if !null.is_empty() {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    match others.as_slice() {
        [] => {}
        [only] => {
            map.insert("type".to_owned(), json!(only));
        }
        several if !map.contains_key("anyOf") && !map.contains_key("oneOf") => {
            let alternatives = several.iter().map(|t| json!({ "type": t })).collect();
            map.insert("anyOf".to_owned(), Value::Array(alternatives));
        }
        _ => {}
    }
}

/// `anyOf`/`oneOf` alternatives that only allow `null` make the schema
/// nullable; one alternative left stands for the whole.
fn null_alternatives(map: &mut Map<String, Value>) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = map.get_mut(keyword) else {
            continue;
        };
        let before = alternatives.len();
        alternatives.retain(|a| !only_null(a));
        if alternatives.len() == before {
            continue;
        }
        map.insert("nullable".to_owned(), Value::Bool(true));
        let Some(Value::Array(alternatives)) = map.get(keyword) else {
            continue;
        };
        if let [only] = alternatives.as_slice() {
            let only = only.clone();
            map.remove(keyword);
            // The alternative's keywords join the schema's (whose own win);
            // a reference becomes the single `allOf` part 3.0 writes.
            if let Value::Object(mut inline) = only {
                if let Some(reference) = inline.remove("$ref") {
                    map.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
                }
                for (key, value) in inline {
                    map.entry(key).or_insert(value);
                }
            }
        }
    }
}

fn only_null(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null"),
        _ => {
            schema.get("const") == Some(&Value::Null)
                && schema.as_object().is_some_and(|m| m.len() == 1)
        }
    }
}

/// `contentEncoding: base64` and non-JSON `contentMediaType` on a string:
/// bytes, as 3.0's `format: byte` and `format: binary` say.
fn content_encoding(map: &mut Map<String, Value>) {
    if map.contains_key("format") {
        return;
    }
    let format = if map.get("contentEncoding").and_then(Value::as_str) == Some("base64") {
        "byte"
    } else if map
        .get("contentMediaType")
        .and_then(Value::as_str)
        .is_some_and(|m| !m.contains("json") && !m.starts_with("text/"))
    {
        "binary"
    } else {
        return;
    };
    map.insert("format".to_owned(), json!(format));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(schema: Value) -> Value {
        let mut doc = json!({"components": {"schemas": {"S": schema}}});
        let mut d = Diagnostics::new("t");
        normalize_document(&mut doc, Dialect::JsonSchema2020, &mut d);
        doc["components"]["schemas"]["S"].take()
    }

    #[test]
    fn type_lists_become_nullable_or_unions() {
        assert_eq!(
            normalized(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            normalized(json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn null_alternatives_make_the_rest_nullable() {
        assert_eq!(
            normalized(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(
            normalized(
                json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "null"}], "description": "d"})
            ),
            json!({"description": "d", "nullable": true, "type": "string", "maxLength": 3})
        );
    }

    #[test]
    fn a_described_reference_or_null_is_a_nullable_reference() {
        let schema = json!({"anyOf": [{"$ref": "#/components/schemas/A", "description": "d"}, {"type": "null"}]});
        assert_eq!(
            normalized(schema),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"})
        );
    }

    #[test]
    fn ref_siblings_const_examples_and_bounds() {
        assert_eq!(
            normalized(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(
            normalized(json!({"const": "x"})),
            json!({"type": "string", "enum": ["x"]})
        );
        assert_eq!(
            normalized(json!({"type": "integer", "exclusiveMinimum": 0, "examples": [1, 2]})),
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 0, "example": 1})
        );
        assert_eq!(
            normalized(json!({"type": "string", "contentEncoding": "base64"})),
            json!({"type": "string", "contentEncoding": "base64", "format": "byte"})
        );
    }

    #[test]
    fn subschemas_are_rewritten_and_data_is_not() {
        let schema = json!({
            "type": "object",
            "properties": {"const": {"type": ["integer", "null"]}},
            "example": {"type": ["not", "a", "schema"]},
        });
        assert_eq!(
            normalized(schema),
            json!({
                "type": "object",
                "properties": {"const": {"type": "integer", "nullable": true}},
                "example": {"type": ["not", "a", "schema"]},
            })
        );
    }

    #[test]
    fn boolean_subschemas_are_schemas_but_additional_properties_keeps_its_flag() {
        let schema = json!({
            "type": "object",
            "unevaluatedProperties": false,
            "additionalProperties": false,
            "properties": {"any": true, "never": false},
            "oneOf": [true],
            "not": false,
        });
        assert_eq!(
            normalized(schema),
            json!({
                "type": "object",
                "unevaluatedProperties": {"not": {}},
                "additionalProperties": false,
                "properties": {"any": {}, "never": {"not": {}}},
                "oneOf": [{}],
                "not": {"not": {}},
            })
        );
    }

    /// `normalized`, with the warnings it gave.
    fn normalized_with_warnings(schema: Value, dialect: Dialect) -> (Value, Vec<String>) {
        let mut doc = json!({"components": {"schemas": {"S": schema}}});
        let mut d = Diagnostics::new("t");
        normalize_document(&mut doc, dialect, &mut d);
        let warnings = d.into_vec().into_iter().map(|w| w.to_string()).collect();
        (doc["components"]["schemas"]["S"].take(), warnings)
    }

    #[test]
    fn rewrites_reach_the_keywords_a_null_alternative_brings() {
        assert_eq!(
            normalized(
                json!({"anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 1}, {"type": "null"}]})
            ),
            json!({"nullable": true, "type": "number", "exclusiveMinimum": true, "maximum": 1, "minimum": 0})
        );
        assert_eq!(
            normalized(json!({"oneOf": [{"const": "x", "examples": ["x"]}, {"type": "null"}]})),
            json!({"nullable": true, "type": "string", "enum": ["x"], "example": "x"})
        );
    }

    #[test]
    fn positional_items_are_any_of_their_schemas() {
        for dialect in [Dialect::OpenApi30, Dialect::JsonSchema2020] {
            let (one, warnings) = normalized_with_warnings(
                json!({"type": "array", "items": [{"type": "integer"}, {"type": "null"}]}),
                dialect,
            );
            assert_eq!(
                one,
                json!({"type": "array", "items": {"type": "integer", "nullable": true}})
            );
            assert!(warnings.is_empty(), "{warnings:?}");
        }
        let (several, warnings) = normalized_with_warnings(
            json!({"prefixItems": [{"type": "integer"}, {"$ref": "#/components/schemas/A"}], "items": false}),
            Dialect::JsonSchema2020,
        );
        assert_eq!(
            several,
            json!({"items": {"anyOf": [{"type": "integer"}, {"$ref": "#/components/schemas/A"}]}, "type": "array"})
        );
        assert_eq!(
            warnings,
            [
                "warning: positional item schemas are read as a list whose items may be any of them; positions are not kept\n  --> t#/components/schemas/S/prefixItems"
            ]
        );
        let (same, _) = normalized_with_warnings(
            json!({"type": "array", "items": [{"type": "string"}, {"type": "string"}]}),
            Dialect::OpenApi30,
        );
        assert_eq!(same, json!({"type": "array", "items": {"type": "string"}}));
    }

    #[test]
    fn a_parameters_required_flag_and_bounds_written_as_text_are_mended() {
        let (schema, warnings) = normalized_with_warnings(
            json!({"type": "object", "properties": {"a": {"type": "integer", "required": true, "maximum": "100"}}}),
            Dialect::OpenApi30,
        );
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {"a": {"type": "integer", "maximum": 100}}})
        );
        assert_eq!(
            warnings,
            [
                "warning: `required: true|false` belongs to a parameter; an object lists its required properties in its own `required`; ignored\n  --> t#/components/schemas/S/properties/a/required",
                "warning: `maximum` is a string; read as the number it holds\n  --> t#/components/schemas/S/properties/a/maximum",
            ]
        );
    }
}
