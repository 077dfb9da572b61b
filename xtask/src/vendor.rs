//! `cargo xtask vendor-specs [--check]`: writes the real specs the tests and
//! examples need into `specs/third-party/`, from the corpus: small ones as
//! they are, large ones trimmed to the operations the tests call and
//! everything those reach. `--check` writes nothing and fails if a vendored
//! file is not what the corpus gives. Sources and licences are in
//! `specs/third-party/README.md`.

use std::collections::BTreeSet;

use generator::SpecSource;
use serde_json::{Map, Value};

/// Where the vendored specs go, relative to the workspace root.
const FOLDER: &str = "specs/third-party";

/// One vendored spec.
struct Vendored {
    /// The spec's path in the corpus.
    corpus: &'static str,
    /// Its file name in `specs/third-party/`.
    file: &'static str,
    /// The operationIds kept; empty: the file is copied byte for byte.
    operations: &'static [&'static str],
}

const VENDORED: &[Vendored] = &[
    // The GitHub example's four tasks, and the operation with typed
    // rate-limit headers that the codegen test reads.
    Vendored {
        corpus: "openapi-3.0/github.json",
        file: "github.json",
        operations: &[
            "repos/get",
            "issues/create",
            "issues/list-for-repo",
            "repos/get-release-asset",
            "rate-limit/get",
        ],
    },
    // Chat completions (JSON or server-sent events) and speech (audio bytes
    // or events): the codegen test of streams and events.
    Vendored {
        corpus: "openapi-3.1/openai.yaml",
        file: "openai.json",
        operations: &["createChatCompletion", "createSpeech"],
    },
    Vendored {
        corpus: "openapi-3.0/oai-petstore.yaml",
        file: "oai-petstore.yaml",
        operations: &[],
    },
    Vendored {
        corpus: "openapi-3.1/oai-non-oauth-scopes.json",
        file: "oai-non-oauth-scopes.json",
        operations: &[],
    },
    Vendored {
        corpus: "openapi-3.1/oai-webhook-example.json",
        file: "oai-webhook-example.json",
        operations: &[],
    },
    Vendored {
        corpus: "swagger-2.0/oai-petstore-v2.json",
        file: "oai-petstore-v2.json",
        operations: &[],
    },
    Vendored {
        corpus: "swagger-2.0/oai-uber-v2.json",
        file: "oai-uber-v2.json",
        operations: &[],
    },
];

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let check = match args {
        [] => false,
        ["--check"] => true,
        _ => return Err("usage: cargo xtask vendor-specs [--check]".to_owned()),
    };
    let root = crate::root();
    let corpus = crate::corpus_dir::corpus_dir(&root)?;
    let mut stale = Vec::new();
    let mut written = 0;
    for spec in VENDORED {
        let source = corpus.join(spec.corpus);
        let read = SpecSource::read(&source, spec.corpus)
            .map_err(|e| format!("{}: {e}", source.display()))?;
        let vendored = if spec.operations.is_empty() {
            read.text
        } else {
            let document = read.json_tree().map_err(|e| e.to_string())?;
            let trimmed = trim(&document, spec.operations)
                .map_err(|e| format!("{}: {e}", source.display()))?;
            serde_json::to_string_pretty(&trimmed).map_err(|e| e.to_string())? + "\n"
        };
        let target = root.join(FOLDER).join(spec.file);
        let current = std::fs::read_to_string(&target).ok();
        if current.as_deref() == Some(vendored.as_str()) {
            continue;
        }
        if check {
            stale.push(format!("{FOLDER}/{}", spec.file));
        } else {
            std::fs::write(&target, vendored).map_err(|e| format!("{}: {e}", target.display()))?;
            eprintln!("wrote {FOLDER}/{}", spec.file);
            written += 1;
        }
    }
    if stale.is_empty() {
        if written == 0 {
            eprintln!("{FOLDER} is what the corpus gives");
        }
        Ok(())
    } else {
        Err(format!(
            "{} differ from the corpus: run `cargo xtask vendor-specs` and commit the result",
            stale.join(", ")
        ))
    }
}

/// The top-level members a trimmed spec keeps whole.
const KEPT_WHOLE: &[&str] = &[
    "openapi",
    "swagger",
    "info",
    "servers",
    "security",
    "tags",
    "externalDocs",
];

/// `document` with only the operations named, and of everything else only
/// what they reach through `$ref`s (and discriminator mappings), the
/// security schemes and the tags they use. Members keep the source's order.
fn trim(document: &Value, operations: &[&str]) -> Result<Value, String> {
    let mut kept: BTreeSet<Vec<String>> = KEPT_WHOLE
        .iter()
        .map(|member| vec![(*member).to_owned()])
        .collect();
    kept.insert(tokens(&["components", "securitySchemes"]));
    let mut tags = BTreeSet::new();
    let mut found = BTreeSet::new();
    let paths = document["paths"].as_object().ok_or("no `paths`")?;
    for (template, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        let mut any = false;
        for (method, operation) in item {
            let id = operation["operationId"].as_str();
            if let Some(id) = id.filter(|id| operations.contains(id)) {
                found.insert(id);
                any = true;
                kept.insert(tokens(&["paths", template, method]));
                let used = operation["tags"].as_array().into_iter().flatten();
                tags.extend(used.filter_map(Value::as_str));
            }
        }
        if any {
            // What the path item says for all its operations.
            for member in ["parameters", "servers", "summary", "description"] {
                kept.insert(tokens(&["paths", template, member]));
            }
        }
    }
    if let Some(missing) = operations.iter().find(|id| !found.contains(*id)) {
        return Err(format!("no operation `{missing}`"));
    }
    // Everything the kept parts refer to, and what that refers to.
    let mut queue: Vec<Vec<String>> = kept.iter().cloned().collect();
    while let Some(path) = queue.pop() {
        let Some(value) = at(document, &path) else {
            continue;
        };
        let mut refs = Vec::new();
        references(value, false, &mut refs);
        for reference in refs {
            let target = component(pointer_tokens(&reference)?);
            if at(document, &target).is_none() {
                return Err(format!("`{reference}` leads nowhere"));
            }
            if !covered(&kept, &target) && kept.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    let mut trimmed = prune(document, &mut Vec::new(), &kept).unwrap_or(Value::Null);
    if let Some(list) = trimmed.get_mut("tags").and_then(Value::as_array_mut) {
        list.retain(|tag| tag["name"].as_str().is_some_and(|name| tags.contains(name)));
    }
    Ok(trimmed)
}

fn tokens(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| (*p).to_owned()).collect()
}

/// A reference to a member of a component (`#/components/schemas/A/properties/b`)
/// keeps the whole component.
fn component(mut path: Vec<String>) -> Vec<String> {
    if path.first().is_some_and(|p| p == "components") {
        path.truncate(3);
    }
    path
}

/// Whether `path` or one of its ancestors is kept already.
fn covered(kept: &BTreeSet<Vec<String>>, path: &[String]) -> bool {
    (1..=path.len()).any(|n| kept.contains(&path[..n]))
}

/// The value at `path`, if there is one.
fn at<'a>(document: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(document, |value, token| match value {
        Value::Object(map) => map.get(token),
        Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Every local reference under `value`: `$ref`s and discriminator mapping
/// values. `in_mapping` says `value` is a discriminator's `mapping`.
fn references(value: &Value, in_mapping: bool, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                match member {
                    Value::String(text) if key == "$ref" || in_mapping => {
                        if text.starts_with("#/") {
                            out.push(text.clone());
                        }
                    }
                    _ => references(member, key == "mapping", out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, false, out)),
        _ => {}
    }
}

/// `#/a/b~1c/%7Bid%7D` as `["a", "b/c", "{id}"]`.
fn pointer_tokens(reference: &str) -> Result<Vec<String>, String> {
    let pointer = percent_decode(&reference[1..])
        .ok_or_else(|| format!("`{reference}` is not a valid URI fragment"))?;
    Ok(pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `value` (at `path`) with only the kept members and their ancestors.
fn prune(value: &Value, path: &mut Vec<String>, kept: &BTreeSet<Vec<String>>) -> Option<Value> {
    if kept.contains(path.as_slice()) {
        return Some(value.clone());
    }
    let Value::Object(map) = value else {
        return None;
    };
    if !kept.iter().any(|k| k.starts_with(path)) {
        return None;
    }
    let mut out = Map::new();
    for (key, member) in map {
        path.push(key.clone());
        if let Some(member) = prune(member, path, kept) {
            out.insert(key.clone(), member);
        }
        path.pop();
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keeps_the_operations_named_and_what_they_reach_in_source_order() {
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "tags": [{"name": "a"}, {"name": "b"}],
            "paths": {
                "/a/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/id"}],
                    "get": {"operationId": "getA", "tags": ["a"], "responses": {"200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A/properties/inner"}}}}}},
                    "delete": {"operationId": "deleteA", "tags": ["b"], "responses": {}}
                },
                "/b": {"get": {"operationId": "getB", "responses": {"200": {"$ref": "#/components/responses/B"}}}}
            },
            "components": {
                "schemas": {
                    "Unused": {"type": "string"},
                    "A": {"properties": {"inner": {"oneOf": [{"$ref": "#/components/schemas/C"}],
                        "discriminator": {"propertyName": "k", "mapping": {"c": "#/components/schemas/C"}}}}},
                    "C": {"properties": {"d": {"$ref": "#/components/schemas/D~1E"}}},
                    "D/E": {"type": "integer"}
                },
                "parameters": {"id": {"name": "id", "in": "path", "required": true}},
                "responses": {"B": {"description": "b"}},
                "securitySchemes": {"key": {"type": "apiKey", "name": "k", "in": "header"}}
            }
        });
        let trimmed = trim(&spec, &["getA"]).unwrap();
        assert_eq!(
            trimmed,
            json!({
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1"},
                "tags": [{"name": "a"}],
                "paths": {"/a/{id}": {
                    "parameters": spec["paths"]["/a/{id}"]["parameters"],
                    "get": spec["paths"]["/a/{id}"]["get"]
                }},
                "components": {
                    "schemas": {
                        "A": spec["components"]["schemas"]["A"],
                        "C": spec["components"]["schemas"]["C"],
                        "D/E": {"type": "integer"}
                    },
                    "parameters": spec["components"]["parameters"],
                    "securitySchemes": spec["components"]["securitySchemes"]
                }
            })
        );
        let order: Vec<&String> = trimmed["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(order, ["A", "C", "D/E"]);
    }

    #[test]
    fn an_operation_or_a_reference_that_is_not_there_is_an_error() {
        let spec = json!({"paths": {"/a": {"get": {"operationId": "getA",
            "responses": {"200": {"$ref": "#/components/responses/Gone"}}}}}});
        assert_eq!(trim(&spec, &["getB"]).unwrap_err(), "no operation `getB`");
        assert_eq!(
            trim(&spec, &["getA"]).unwrap_err(),
            "`#/components/responses/Gone` leads nowhere"
        );
    }
}
