//! Every example a spec gives, found in the document the model was built
//! from, each with the type the model gives the place it stands for.

use serde_json::Value;

use super::{Example, ExampleKind, Place};
use crate::emit::surface;
use crate::model::{
    Api, Body, BodyKind, Direction, Operation, StatusMatch, TypeKind, TypeRef, operation,
};
use crate::pointer::Pointer;

/// How many `$ref`s in a row are followed before giving up (a cycle).
const MAX_REFS: usize = 32;

/// Every example of `api`'s spec in `raw` (the document as OpenAPI 3.0):
/// request and response bodies (`example`, `examples` and the
/// `components/examples` they refer to), parameters, and `example` on
/// schemas the model made a type of and on their properties. An example
/// met through several operations is listed once per Rust type.
pub(super) fn collect(raw: &Value, api: &Api) -> Vec<Example> {
    let mut found = Found::default();
    for op in &api.operations {
        found.parameters(raw, op, api);
        found.request_body(raw, op, api);
        found.responses(raw, op, api);
    }
    found.schemas(raw, api);
    found.examples
}

impl Found {
    /// The examples of an operation's parameters.
    fn parameters(&mut self, raw: &Value, op: &Operation, api: &Api) {
        for p in &op.parameters {
            let at = pointer_of(&p.pointer);
            let Some((node, at)) = follow(raw, at) else {
                continue;
            };
            if node.get("content").is_some() {
                continue;
            }
            let what = format!("parameter `{}` of `{}`", p.wire_name, op.operation_id);
            let schema = at.join("schema");
            for (example, example_at) in examples_of(raw, node, &at) {
                self.push(Example::new(
                    Place {
                        kind: ExampleKind::Parameter,
                        what: what.clone(),
                        direction: Direction::REQUEST,
                        schema: Some(schema.to_string()),
                        rust_type: Some(surface::type_text(&p.ty, &api.types)),
                    },
                    example_at.to_string(),
                    example,
                ));
            }
        }
    }

    /// The examples of each media type of an operation's request body.
    fn request_body(&mut self, raw: &Value, op: &Operation, api: &Api) {
        let op_at = pointer_of(&op.pointer);
        if let Some(body) = &op.body
            && let Some((node, at)) = follow(raw, op_at.join("requestBody"))
        {
            let what = format!("request body of `{}`", op.operation_id);
            for content in &body.content {
                // An optional body is an `Option` argument: `null` (no
                // body) is one of its examples.
                let ty = match &content.kind {
                    BodyKind::Json(ty) if body.required => Some(ty.clone()),
                    BodyKind::Json(ty) => Some(TypeRef::nullable(ty.clone())),
                    _ => None,
                };
                let ty = ty.as_ref();
                let media_at = at.join("content").join(&content.media_type);
                if let Some(media) = node.get("content").and_then(|c| c.get(&content.media_type)) {
                    self.media(raw, media, &media_at, ty, &what, Direction::REQUEST, api);
                }
            }
        }
    }

    /// The examples of each media type of each response of an operation.
    fn responses(&mut self, raw: &Value, op: &Operation, api: &Api) {
        for case in op.success.cases.iter().chain(&op.errors.cases) {
            let status = match case.status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
            let Some((node, at)) = follow(raw, pointer_of(&case.pointer)) else {
                continue;
            };
            let ty = match &case.body {
                Body::Json(ty) => Some(ty),
                _ => None,
            };
            let what = format!("{status} response of `{}`", op.operation_id);
            let content = node.get("content").and_then(Value::as_object);
            // The client reads the first JSON media type as the typed body
            // (and asks for it); another is not what it decodes.
            let typed = content
                .into_iter()
                .flatten()
                .map(|(media_type, _)| media_type)
                .find(|media_type| is_json(media_type));
            for (media_type, media) in content.into_iter().flatten() {
                let ty = ty.filter(|_| Some(media_type) == typed);
                let media_at = at.join("content").join(media_type);
                self.media(raw, media, &media_at, ty, &what, Direction::RESPONSE, api);
            }
        }
    }

    /// The examples of schemas and of their properties.
    fn schemas(&mut self, raw: &Value, api: &Api) {
        let directions = crate::model::directions(api);
        for (id, def) in api.types.iter() {
            let at = pointer_of(api.types.location(id));
            let Some(node) = raw.pointer(&at.to_string()) else {
                continue;
            };
            let direction = directions.get(&id).copied().unwrap_or_default();
            if let Some(example) = node.get("example") {
                self.push(Example::new(
                    Place {
                        kind: ExampleKind::Schema,
                        what: format!("schema `{}`", def.name),
                        direction,
                        schema: Some(at.to_string()),
                        rust_type: Some(surface::type_text(&TypeRef::Named(id), &api.types)),
                    },
                    at.join("example").to_string(),
                    example.clone(),
                ));
            }
            let TypeKind::Struct { fields } = &def.kind else {
                continue;
            };
            for field in fields {
                let property_at = at.join("properties").join(&field.wire_name);
                let Some(example) = raw
                    .pointer(&property_at.to_string())
                    .and_then(|p| p.get("example"))
                else {
                    continue;
                };
                self.push(Example::new(
                    Place {
                        kind: ExampleKind::Property,
                        what: format!("property `{}` of `{}`", field.wire_name, def.name),
                        direction,
                        schema: Some(property_at.to_string()),
                        rust_type: Some(surface::field_type_text(field, &api.types)),
                    },
                    property_at.join("example").to_string(),
                    example.clone(),
                ));
            }
        }
    }
}

#[derive(Default)]
struct Found {
    examples: Vec<Example>,
    seen: std::collections::HashSet<(String, Option<String>)>,
}

impl Found {
    fn push(&mut self, example: Example) {
        if self
            .seen
            .insert((example.pointer.clone(), example.rust_type.clone()))
        {
            self.examples.push(example);
        }
    }

    /// The examples of one media type object at `at`.
    #[allow(clippy::too_many_arguments)]
    fn media(
        &mut self,
        raw: &Value,
        media: &Value,
        at: &Pointer,
        ty: Option<&TypeRef>,
        what: &str,
        direction: Direction,
        api: &Api,
    ) {
        for (example, example_at) in examples_of(raw, media, at) {
            let kind = if direction.request {
                ExampleKind::RequestBody
            } else {
                ExampleKind::Response
            };
            self.push(Example::new(
                Place {
                    kind,
                    what: what.to_owned(),
                    direction,
                    schema: media.get("schema").map(|_| at.join("schema").to_string()),
                    rust_type: ty.map(|ty| surface::type_text(ty, &api.types)),
                },
                example_at.to_string(),
                example,
            ));
        }
    }
}

/// The `example` and each of the `examples` (an Example Object, or a
/// `$ref` to one in `components/examples`) of a media type or parameter
/// `node` at `at`, each with where its value is. An `externalValue` is not
/// read.
fn examples_of(raw: &Value, node: &Value, at: &Pointer) -> Vec<(Value, Pointer)> {
    let mut found = Vec::new();
    if let Some(example) = node.get("example") {
        found.push((example.clone(), at.join("example")));
    }
    for (name, example) in node
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let Some((example, example_at)) = follow_node(raw, example, at.join("examples").join(name))
        else {
            continue;
        };
        if let Some(value) = example.get("value") {
            found.push((value.clone(), example_at.join("value")));
        }
    }
    found
}

/// The node at `at`, through any `$ref`s it is.
fn follow(raw: &Value, at: Pointer) -> Option<(&Value, Pointer)> {
    let node = raw.pointer(&at.to_string())?;
    follow_node(raw, node, at)
}

/// `node` (at `at`), or what its `$ref`s lead to, with where that is.
fn follow_node<'v>(raw: &'v Value, node: &'v Value, at: Pointer) -> Option<(&'v Value, Pointer)> {
    let (mut node, mut at) = (node, at);
    for _ in 0..MAX_REFS {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return Some((node, at));
        };
        let target = pointer_of(reference.strip_prefix('#')?);
        node = raw.pointer(&target.to_string())?;
        at = target;
    }
    None
}

/// A JSON pointer's text (or a `$ref`'s fragment) as a [`Pointer`].
pub(super) fn pointer_of(text: &str) -> Pointer {
    Pointer::from_tokens(crate::resolve::pointer_tokens(text))
}

/// JSON or any `+json` media type, as the client decodes.
fn is_json(media_type: &str) -> bool {
    operation::is_json(&operation::essence(media_type))
}
