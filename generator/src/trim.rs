//! A spec cut down to some of its operations and what they reach, to
//! carry a small real spec where a large one would do (`cargo xtask
//! vendor-specs` writes the repository's this way).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::pointer::Pointer;
use crate::resolve::pointer_tokens;

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

/// A spec's JSON tree ([`SpecSource::json_tree`](crate::SpecSource::json_tree))
/// cut down to the operations whose `operationId`s are named: of the rest
/// only what they reach through local `$ref`s and discriminator mappings
/// (a whole component for a reference into one), the security schemes,
/// the tags they use, and `openapi`, `info`, `servers`, `security`,
/// `externalDocs` as they are. Members keep the source's order, so the cut
/// spec reads as the original does. Fails naming an operation that is not
/// there or a reference that leads nowhere.
pub fn trim_spec(document: &Value, operations: &[&str]) -> Result<Value, String> {
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
            let target = component(pointer_tokens(&reference[1..]));
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

/// The value at `path` (reference tokens), if there is one.
fn at<'a>(document: &'a Value, path: &[String]) -> Option<&'a Value> {
    document.pointer(&Pointer::from_tokens(path).to_string())
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
        let trimmed = trim_spec(&spec, &["getA"]).unwrap();
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
        assert_eq!(
            trim_spec(&spec, &["getB"]).unwrap_err(),
            "no operation `getB`"
        );
        assert_eq!(
            trim_spec(&spec, &["getA"]).unwrap_err(),
            "`#/components/responses/Gone` leads nowhere"
        );
    }
}
