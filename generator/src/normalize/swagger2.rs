//! Swagger 2.0 converted into the OpenAPI 3.0 document it describes.
//!
//! `host`, `basePath` and `schemes` become servers; `body` and `formData`
//! parameters become request bodies in the media types the operation
//! consumes; response schemas become content in the media types it
//! produces; `collectionFormat` becomes `style`/`explode`; `definitions`,
//! `parameters`, `responses` and `securityDefinitions` become components and
//! every `$ref` is rewritten to match. Each converted node records where it
//! came from, so diagnostics point into the 2.0 document.

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostics;
use crate::pointer::Pointer;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Converts a Swagger 2.0 document in place.
pub(super) fn convert(doc: &mut Value, d: &mut Diagnostics) {
    let Value::Object(old) = doc.take() else {
        return;
    };
    let root = Pointer::root();
    let file = d.file().to_owned();
    let media = |key: &str| -> Vec<String> {
        let listed = old.get(key).and_then(Value::as_array).into_iter().flatten();
        let types: Vec<String> = listed
            .filter_map(|m| m.as_str().map(str::to_owned))
            .collect();
        if types.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            types
        }
    };
    let media = Media {
        consumes: media("consumes"),
        produces: media("produces"),
    };
    let body_parameters: Vec<String> = object(&old, "parameters")
        .iter()
        .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("body"))
        .map(|(name, _)| name.clone())
        .collect();
    let mut converter = Converter {
        d,
        file,
        body_parameters,
    };

    let mut new = Map::new();
    new.insert("openapi".to_owned(), json!("3.0.3"));
    for key in ["info", "tags", "externalDocs", "security"] {
        if let Some(value) = old.get(key) {
            new.insert(key.to_owned(), value.clone());
        }
    }
    new.insert("servers".to_owned(), servers(&old));
    let mut paths = Map::new();
    for (path, item) in object(&old, "paths") {
        let at = root.join("paths").join(path);
        paths.insert(path.clone(), converter.path_item(item, &at, &media));
    }
    new.insert("paths".to_owned(), Value::Object(paths));
    new.insert("components".to_owned(), converter.components(&old, &media));
    for (key, value) in &old {
        if key.starts_with("x-") {
            new.insert(key.clone(), value.clone());
        }
    }
    *doc = Value::Object(new);
    rewrite_refs(doc, &converter.body_parameters);
}

/// The media types bodies are consumed and responses produced in.
struct Media {
    consumes: Vec<String>,
    produces: Vec<String>,
}

struct Converter<'d> {
    d: &'d mut Diagnostics,
    file: String,
    /// Names of the global parameters that are bodies, which become
    /// `components/requestBodies`.
    body_parameters: Vec<String>,
}

impl Converter<'_> {
    fn origin(&mut self, at: &Pointer, from: &Pointer) {
        let file = self.file.clone();
        self.d.origin(at, &file, from);
    }

    fn path_item(&mut self, item: &Value, at: &Pointer, media: &Media) -> Value {
        let Value::Object(item) = item else {
            return item.clone();
        };
        let mut new = Map::new();
        for (key, value) in item {
            let key_at = at.join(key);
            if key == "parameters" {
                let (parameters, _, _) = self.parameters(value, &key_at, &media.consumes);
                new.insert(key.clone(), parameters);
            } else if METHODS.contains(&key.as_str()) {
                new.insert(key.clone(), self.operation(value, &key_at, media));
            } else {
                new.insert(key.clone(), value.clone());
            }
        }
        Value::Object(new)
    }

    /// An operation, which may consume and produce its own media types.
    fn operation(&mut self, op: &Value, at: &Pointer, media: &Media) -> Value {
        let Value::Object(op) = op else {
            return op.clone();
        };
        // An operation's own list, or the document's. An empty one (real
        // specs write `consumes: []` on every operation) would leave its
        // body or responses with no media type: the document's serve.
        let mut listed = |key: &str, default: &[String]| -> Vec<String> {
            let Some(types) = op.get(key).and_then(Value::as_array) else {
                return default.to_vec();
            };
            let types: Vec<String> = types
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            if types.is_empty() {
                let message = format!(
                    "an empty `{key}` lists no media type; the document's are used ({})",
                    default.join(", ")
                );
                self.d.warning(&at.join(key), message);
                return default.to_vec();
            }
            types
        };
        let (consumes, produces) = (
            listed("consumes", &media.consumes),
            listed("produces", &media.produces),
        );
        let mut new = Map::new();
        for (key, value) in op {
            let key_at = at.join(key);
            match key.as_str() {
                "consumes" | "produces" | "schemes" => {}
                "parameters" => {
                    let (parameters, body, body_at) = self.parameters(value, &key_at, &consumes);
                    new.insert(key.clone(), parameters);
                    if let (Some(body), Some(body_at)) = (body, body_at) {
                        self.origin(&at.join("requestBody"), &body_at);
                        new.insert("requestBody".to_owned(), body);
                    }
                }
                "responses" => {
                    new.insert(key.clone(), self.responses(value, &key_at, &produces));
                }
                _ => {
                    new.insert(key.clone(), value.clone());
                }
            }
        }
        Value::Object(new)
    }

    /// The parameters that stay parameters, and the request body made of
    /// the `body` or `formData` ones, with where it came from.
    fn parameters(
        &mut self,
        list: &Value,
        at: &Pointer,
        consumes: &[String],
    ) -> (Value, Option<Value>, Option<Pointer>) {
        let mut kept = Vec::new();
        let mut body = None;
        let mut form = Map::new();
        let mut form_required = Vec::new();
        let mut has_file = false;
        let mut body_at = None;
        for (i, parameter) in list.as_array().into_iter().flatten().enumerate() {
            let p_at = at.join(i);
            if let Some(reference) = parameter.get("$ref").and_then(Value::as_str) {
                let name = reference.rsplit('/').next().unwrap_or_default();
                if reference.starts_with("#/parameters/")
                    && self.body_parameters.iter().any(|b| b == name)
                {
                    body = Some(json!({ "$ref": format!("#/components/requestBodies/{name}") }));
                    body_at = Some(p_at);
                } else {
                    self.origin(&at.join(kept.len()), &p_at);
                    kept.push(parameter.clone());
                }
                continue;
            }
            match parameter.get("in").and_then(Value::as_str) {
                Some("body") => {
                    body = Some(request_body(parameter, consumes));
                    body_at = Some(p_at);
                }
                Some("formData") => {
                    let name = parameter
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    has_file |= parameter.get("type").and_then(Value::as_str) == Some("file");
                    if parameter.get("required") == Some(&Value::Bool(true)) {
                        form_required.push(json!(name));
                    }
                    form.insert(name.to_owned(), parameter_schema(parameter));
                    body_at.get_or_insert(p_at);
                }
                _ => {
                    self.origin(&at.join(kept.len()).join("schema"), &p_at);
                    self.origin(&at.join(kept.len()), &p_at);
                    kept.push(self.parameter(parameter, &p_at));
                }
            }
        }
        if !form.is_empty() {
            let multipart = has_file
                || consumes
                    .iter()
                    .any(|m| m.starts_with("multipart/form-data"));
            let media_type = if multipart {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let mut schema = json!({"type": "object", "properties": form});
            if !form_required.is_empty() {
                schema["required"] = Value::Array(form_required);
            }
            body = Some(json!({"required": true, "content": { media_type: { "schema": schema } }}));
        }
        (Value::Array(kept), body, body_at)
    }

    /// A query, path, header or cookie parameter with its type as a
    /// `schema` and its `collectionFormat` as `style` and `explode`.
    fn parameter(&mut self, parameter: &Value, at: &Pointer) -> Value {
        let Value::Object(old) = parameter else {
            return parameter.clone();
        };
        let mut new = Map::new();
        for key in [
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
        ] {
            if let Some(value) = old.get(key) {
                new.insert(key.to_owned(), value.clone());
            }
        }
        for (key, value) in old.iter().filter(|(k, _)| k.starts_with("x-")) {
            new.insert(key.clone(), value.clone());
        }
        new.insert("schema".to_owned(), parameter_schema(parameter));
        if old.get("type").and_then(Value::as_str) == Some("array") {
            let format = old
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            let (style, explode) = match format {
                "multi" => ("form", true),
                "ssv" => ("spaceDelimited", false),
                "pipes" => ("pipeDelimited", false),
                "tsv" => {
                    self.d.warning(
                        &at.join("collectionFormat"),
                        "`collectionFormat: tsv` has no OpenAPI 3 style; sent comma-separated",
                    );
                    ("form", false)
                }
                _ => ("form", false),
            };
            let location = old.get("in").and_then(Value::as_str).unwrap_or_default();
            if location == "query" || location == "cookie" {
                new.insert("style".to_owned(), json!(style));
            }
            new.insert("explode".to_owned(), json!(explode));
        }
        Value::Object(new)
    }

    fn responses(&mut self, responses: &Value, at: &Pointer, produces: &[String]) -> Value {
        let Value::Object(old) = responses else {
            return responses.clone();
        };
        let mut new = Map::new();
        for (status, response) in old {
            let r_at = at.join(status);
            if status.starts_with("x-") || response.get("$ref").is_some() {
                new.insert(status.clone(), response.clone());
                continue;
            }
            for media_type in produces {
                let content_at = r_at.join("content").join(media_type).join("schema");
                self.origin(&content_at, &r_at.join("schema"));
            }
            new.insert(status.clone(), response_of(response, produces));
        }
        Value::Object(new)
    }

    fn components(&mut self, old: &Map<String, Value>, media: &Media) -> Value {
        let (consumes, produces) = (&media.consumes, &media.produces);
        let root = Pointer::root();
        let components = root.join("components");
        let mut new = Map::new();
        let moves = [
            ("definitions", "schemas"),
            ("parameters", "parameters"),
            ("responses", "responses"),
            ("securityDefinitions", "securitySchemes"),
        ];
        for (from, to) in moves {
            self.origin(&components.join(to), &root.join(from));
        }
        new.insert(
            "schemas".to_owned(),
            Value::Object(object(old, "definitions").clone()),
        );
        let mut parameters = Map::new();
        let mut bodies = Map::new();
        for (name, parameter) in object(old, "parameters") {
            let from = root.join("parameters").join(name);
            if parameter.get("in").and_then(Value::as_str) == Some("body") {
                self.origin(&components.join("requestBodies").join(name), &from);
                bodies.insert(name.clone(), request_body(parameter, consumes));
            } else {
                self.origin(
                    &components.join("parameters").join(name).join("schema"),
                    &from,
                );
                parameters.insert(name.clone(), self.parameter(parameter, &from));
            }
        }
        new.insert("parameters".to_owned(), Value::Object(parameters));
        new.insert("requestBodies".to_owned(), Value::Object(bodies));
        let responses = object(old, "responses")
            .iter()
            .map(|(name, response)| (name.clone(), response_of(response, produces)))
            .collect();
        new.insert("responses".to_owned(), Value::Object(responses));
        let schemes = object(old, "securityDefinitions")
            .iter()
            .map(|(name, scheme)| (name.clone(), security_scheme(scheme)))
            .collect();
        new.insert("securitySchemes".to_owned(), Value::Object(schemes));
        Value::Object(new)
    }
}

/// `schemes://host/basePath` for each scheme, `https` first.
fn servers(old: &Map<String, Value>) -> Value {
    let base_path = old.get("basePath").and_then(Value::as_str).unwrap_or("");
    let Some(host) = old.get("host").and_then(Value::as_str) else {
        let url = if base_path.is_empty() { "/" } else { base_path };
        return json!([{ "url": url }]);
    };
    let mut schemes: Vec<&str> = old
        .get("schemes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|s| *s == "https" || *s == "http")
        .collect();
    if schemes.is_empty() {
        schemes.push("https");
    }
    schemes.sort_by_key(|s| *s != "https");
    let urls = schemes
        .iter()
        .map(|s| json!({ "url": format!("{s}://{host}{base_path}") }));
    Value::Array(urls.collect())
}

fn object<'m>(map: &'m Map<String, Value>, key: &str) -> &'m Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    match map.get(key) {
        Some(Value::Object(entries)) => entries,
        _ => EMPTY.get_or_init(Map::new),
    }
}

/// A `body` parameter as a request body in every media type consumed.
fn request_body(parameter: &Value, consumes: &[String]) -> Value {
    let schema = parameter
        .get("schema")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let content: Map<String, Value> = consumes
        .iter()
        .map(|m| (m.clone(), json!({ "schema": schema })))
        .collect();
    let mut body = json!({ "content": content });
    for key in ["description", "required"] {
        if let Some(value) = parameter.get(key) {
            body[key] = value.clone();
        }
    }
    body
}

/// The schema a non-body parameter's type keywords describe.
fn parameter_schema(parameter: &Value) -> Value {
    let mut schema = Map::new();
    let keywords = [
        "type",
        "format",
        "items",
        "default",
        "enum",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "multipleOf",
        "description",
    ];
    for key in keywords {
        if let Some(value) = parameter.get(key) {
            schema.insert(key.to_owned(), value.clone());
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
    Value::Object(schema)
}

fn response_of(response: &Value, produces: &[String]) -> Value {
    let mut new = json!({
        "description": response.get("description").cloned().unwrap_or_else(|| json!("")),
    });
    if let Some(schema) = response.get("schema") {
        let content: Map<String, Value> = produces
            .iter()
            .map(|m| (m.clone(), json!({ "schema": schema })))
            .collect();
        new["content"] = Value::Object(content);
    }
    if let Some(Value::Object(headers)) = response.get("headers") {
        let headers: Map<String, Value> = headers
            .iter()
            .map(|(name, header)| {
                let description = header.get("description").cloned().unwrap_or(Value::Null);
                let mut converted = json!({ "schema": parameter_schema(header) });
                if !description.is_null() {
                    converted["description"] = description;
                }
                (name.clone(), converted)
            })
            .collect();
        new["headers"] = Value::Object(headers);
    }
    new
}

fn security_scheme(scheme: &Value) -> Value {
    let field = |key: &str| scheme.get(key).cloned().unwrap_or(Value::Null);
    let mut new = match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => json!({"type": "http", "scheme": "basic"}),
        Some("oauth2") => {
            let scopes = scheme.get("scopes").cloned().unwrap_or_else(|| json!({}));
            let (flow, urls): (&str, &[&str]) = match scheme.get("flow").and_then(Value::as_str) {
                Some("implicit") => ("implicit", &["authorizationUrl"]),
                Some("password") => ("password", &["tokenUrl"]),
                Some("application") => ("clientCredentials", &["tokenUrl"]),
                _ => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
            };
            let mut converted = json!({ "scopes": scopes });
            for url in urls {
                converted[*url] = field(url);
            }
            json!({"type": "oauth2", "flows": { flow: converted }})
        }
        _ => scheme.clone(),
    };
    if let Some(description) = scheme.get("description") {
        new["description"] = description.clone();
    }
    new
}

/// Points every `$ref` at the component it moved to, and rewrites 2.0
/// schema keywords (`x-nullable`, `type: file`, a string `discriminator`).
fn rewrite_refs(node: &mut Value, body_parameters: &[String]) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                *reference = moved(reference, body_parameters);
            }
            if map.remove("x-nullable") == Some(Value::Bool(true)) {
                map.insert("nullable".to_owned(), Value::Bool(true));
            }
            if map.get("type").and_then(Value::as_str) == Some("file") {
                map.insert("type".to_owned(), json!("string"));
                map.insert("format".to_owned(), json!("binary"));
            }
            if let Some(Value::String(property)) = map.get("discriminator") {
                let property = property.clone();
                map.insert(
                    "discriminator".to_owned(),
                    json!({ "propertyName": property }),
                );
            }
            map.values_mut()
                .for_each(|child| rewrite_refs(child, body_parameters));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|child| rewrite_refs(child, body_parameters)),
        _ => {}
    }
}

fn moved(reference: &str, body_parameters: &[String]) -> String {
    let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let moved = [
        ("/definitions/", "/components/schemas/"),
        ("/responses/", "/components/responses/"),
        ("/securityDefinitions/", "/components/securitySchemes/"),
    ]
    .iter()
    .find_map(|(old, new)| {
        fragment
            .strip_prefix(old)
            .map(|rest| format!("{new}{rest}"))
    });
    let moved = moved.or_else(|| {
        let name = fragment.strip_prefix("/parameters/")?;
        let kind = if body_parameters.iter().any(|b| b == name) {
            "requestBodies"
        } else {
            "parameters"
        };
        Some(format!("/components/{kind}/{name}"))
    });
    match moved {
        Some(fragment) => format!("{file}#{fragment}"),
        None => reference.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_petstore_converts() {
        let mut doc = json!({
            "swagger": "2.0",
            "info": {"title": "T", "version": "1"},
            "host": "api.example.com",
            "basePath": "/v1",
            "schemes": ["http", "https"],
            "paths": {"/pets": {
                "get": {
                    "parameters": [
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
                        {"$ref": "#/parameters/Limit"}
                    ],
                    "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}}
                },
                "post": {
                    "consumes": ["multipart/form-data"],
                    "parameters": [
                        {"name": "photo", "in": "formData", "type": "file", "required": true},
                        {"name": "note", "in": "formData", "type": "string"}
                    ],
                    "responses": {"201": {"$ref": "#/responses/Created"}}
                }
            }},
            "parameters": {"Limit": {"name": "limit", "in": "query", "type": "integer"}},
            "responses": {"Created": {"description": "made"}},
            "definitions": {"Pet": {"type": "object", "properties": {"tag": {"type": "string", "x-nullable": true}}}},
            "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}, "basic": {"type": "basic"}}
        });
        let mut d = Diagnostics::new("t");
        convert(&mut doc, &mut d);
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}])
        );
        let get = &doc["paths"]["/pets"]["get"];
        assert_eq!(
            get["parameters"][0],
            json!({"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": false})
        );
        assert_eq!(
            get["parameters"][1],
            json!({"$ref": "#/components/parameters/Limit"})
        );
        assert_eq!(
            get["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"],
            "#/components/schemas/Pet"
        );
        let post = &doc["paths"]["/pets"]["post"];
        assert_eq!(
            post["requestBody"]["content"]["multipart/form-data"]["schema"],
            json!({"type": "object", "properties": {
                "photo": {"type": "string", "format": "binary"},
                "note": {"type": "string"}
            }, "required": ["photo"]})
        );
        assert_eq!(
            post["responses"]["201"]["$ref"],
            "#/components/responses/Created"
        );
        let pet = &doc["components"]["schemas"]["Pet"];
        assert_eq!(
            pet["properties"]["tag"],
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            doc["components"]["securitySchemes"]["basic"],
            json!({"type": "http", "scheme": "basic"})
        );
        let typed: openapiv3::OpenAPI = serde_json::from_value(doc).expect("a valid 3.0 document");
        assert_eq!(typed.paths.paths.len(), 1);
    }
}
