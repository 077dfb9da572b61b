//! Property: a structurally valid spec built from random parts (hostile
//! names, unicode, keywords, nested and recursive schemas, every parameter
//! style and media type, OpenAPI 3.0 and 3.1) never makes the generator
//! panic, and when it generates, every emitted Rust file parses. The case
//! count is modest for CI; `PROPTEST_CASES=2000` runs more.

use proptest::prelude::*;
use serde_json::{Value, json};

use generator::{CrateOptions, SpecSource, generate_crate};

use crate::common::package;

/// How many component schemas a spec has, all named `S0`...
const COMPONENTS: usize = 3;

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_ .-]{0,12}",
        Just("type".to_owned()),
        Just("Self".to_owned()),
        Just("String".to_owned()),
        Just("Option".to_owned()),
        Just("None".to_owned()),
        Just("request".to_owned()),
        Just("value".to_owned()),
        Just("Unknown".to_owned()),
        "[0-9][a-z]{0,4}",
        "\\PC{1,6}",
        Just(String::new()),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "integer", "format": "int32"})),
        Just(json!({"type": "integer"})),
        Just(json!({"type": "number", "format": "float"})),
        Just(json!({"type": "boolean"})),
        Just(json!({})),
        prop::collection::vec(name(), 1..4)
            .prop_map(|values| json!({"type": "string", "enum": values})),
        prop::collection::vec(-3i64..3, 1..4)
            .prop_map(|values| json!({"type": "integer", "enum": values})),
        (0..COMPONENTS).prop_map(|i| json!({"$ref": format!("#/components/schemas/S{i}")})),
        Just(json!({"type": ["string", "null"]})),
        Just(json!({"const": "fixed"})),
    ]
}

fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (prop::collection::vec((name(), inner.clone(), any::<bool>()), 0..4), any::<bool>()).prop_map(
                |(properties, nullable)| {
                    let required: Vec<&String> =
                        properties.iter().filter(|(_, _, r)| *r).map(|(n, _, _)| n).collect();
                    let map: serde_json::Map<String, Value> =
                        properties.iter().map(|(n, s, _)| (n.clone(), s.clone())).collect();
                    json!({"type": "object", "properties": map, "required": required, "nullable": nullable})
                }
            ),
            inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            inner.clone().prop_map(|values| json!({"type": "object", "additionalProperties": values})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|alternatives| json!({"oneOf": alternatives})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|parts| json!({"allOf": parts})),
            inner.prop_map(|alternative| json!({"anyOf": [alternative, {"type": "null"}]})),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    let location = prop_oneof![Just("query"), Just("header"), Just("cookie")];
    let style = prop_oneof![
        Just(None),
        Just(Some("form")),
        Just(Some("spaceDelimited")),
        Just(Some("pipeDelimited")),
        Just(Some("deepObject")),
        Just(Some("simple")),
    ];
    (name(), location, style, any::<bool>(), any::<bool>(), schema()).prop_map(
        |(name, location, style, explode, required, schema)| {
            let mut parameter = json!({
                "name": name, "in": location, "required": required, "explode": explode, "schema": schema
            });
            if let Some(style) = style {
                parameter["style"] = json!(style);
            }
            parameter
        },
    )
}

fn media_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("application/json"),
        Just("application/problem+json"),
        Just("application/x-www-form-urlencoded"),
        Just("multipart/form-data"),
        Just("text/plain"),
        Just("application/xml"),
        Just("application/octet-stream"),
    ]
}

fn operation() -> impl Strategy<Value = Value> {
    let status = prop_oneof![
        Just("200"),
        Just("201"),
        Just("204"),
        Just("400"),
        Just("404"),
        Just("4XX"),
        Just("default"),
    ];
    let response = (status, prop::option::of((media_type(), schema())));
    (
        prop::option::of(name()),
        prop::collection::vec(parameter(), 0..4),
        prop::option::of((media_type(), schema(), any::<bool>())),
        prop::collection::vec(response, 0..3),
    )
        .prop_map(|(id, parameters, body, responses)| {
            let mut op = json!({"parameters": parameters, "responses": {}});
            if let Some(id) = id {
                op["operationId"] = json!(id);
            }
            if let Some((media, schema, required)) = body {
                op["requestBody"] =
                    json!({"required": required, "content": {media: {"schema": schema}}});
            }
            for (status, content) in responses {
                let mut response = json!({"description": "r"});
                if let Some((media, schema)) = content {
                    response["content"] = json!({media: {"schema": schema}});
                }
                op["responses"][status] = response;
            }
            op
        })
}

fn spec() -> impl Strategy<Value = String> {
    let method = prop_oneof![
        Just("get"),
        Just("post"),
        Just("put"),
        Just("delete"),
        Just("patch")
    ];
    let path = (name(), name(), method, operation());
    (
        prop_oneof![Just("3.0.3"), Just("3.1.0")],
        name(),
        prop::collection::vec(path, 1..4),
        prop::collection::vec(schema(), COMPONENTS..=COMPONENTS),
    )
        .prop_map(|(version, title, paths, schemas)| {
            let mut spec = json!({"openapi": version, "info": {"title": title, "version": "1"}, "paths": {}});
            for (i, (segment, placeholder, method, mut op)) in paths.into_iter().enumerate() {
                let path = format!("/{}{i}/{{{placeholder}}}", segment.replace(['/', '{', '}', '~'], ""));
                let declared = json!({"name": placeholder, "in": "path", "required": true, "schema": {"type": "string"}});
                op["parameters"].as_array_mut().unwrap().push(declared);
                spec["paths"][path][method] = op;
            }
            for (i, schema) in schemas.into_iter().enumerate() {
                spec["components"]["schemas"][format!("S{i}")] = schema;
            }
            spec.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_specs_generate_parsable_rust_or_located_errors(text in spec()) {
        let spec = SpecSource::from_text("random.json", "random", text);
        match generate_crate(&package("random"), &CrateOptions::default(), &[spec]) {
            Ok(generated) => {
                for (path, source) in &generated.files {
                    let is_module = path.starts_with("src/random") || path.ends_with("lib.rs");
                    if is_module {
                        let parsed = syn::parse_file(source);
                        prop_assert!(parsed.is_ok(), "{}: {:?}", path.display(), parsed.err());
                    }
                }
            }
            Err(failure) => {
                for diagnostic in &failure.diagnostics {
                    prop_assert!(!diagnostic.pointer.is_empty() || diagnostic.location.is_some(), "{diagnostic}");
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let spec = SpecSource::from_text("text.yaml", "text", text);
        let _ = generate_crate(&package("text"), &CrateOptions::default(), &[spec]);
    }
}
