//! Operations: matched by HTTP method and path (placeholder names aside),
//! then by operationId, so a new operationId on the same endpoint is a
//! renamed method and a moved path with the same operationId is a moved
//! endpoint. Then their parameters, bodies, responses and security.

use std::collections::BTreeSet;

use serde_json::Value;

use super::diff::Diff;
use super::kind::ChangeKind;
use super::{RustImpact, WireImpact};
use crate::emit::surface;
use crate::model::{
    Body, BodyContent, BodyKind, FormPart, FormStyle, Operation, Parameter, ParameterLocation,
    RequestBody, ResponseCase, ResponseSet, ResponseShape, StatusMatch,
};

use RustImpact::{Major, Minor, Patch};
use WireImpact::{Breaking, Compatible};

pub(super) fn compare_operations(diff: &mut Diff<'_>) {
    let (old, new) = (diff.old, diff.new);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut new_taken = vec![false; new.operations.len()];
    let mut old_taken = vec![false; old.operations.len()];
    for (i, old_op) in old.operations.iter().enumerate() {
        if let Some(j) = (0..new.operations.len())
            .find(|&j| !new_taken[j] && endpoint(&new.operations[j]) == endpoint(old_op))
        {
            pairs.push((i, j));
            new_taken[j] = true;
            old_taken[i] = true;
        }
    }
    for (i, old_op) in old.operations.iter().enumerate() {
        if old_taken[i] || !has_operation_id(old_op) {
            continue;
        }
        if let Some(j) = (0..new.operations.len())
            .find(|&j| !new_taken[j] && new.operations[j].operation_id == old_op.operation_id)
        {
            pairs.push((i, j));
            new_taken[j] = true;
            old_taken[i] = true;
        }
    }
    pairs.sort_unstable();
    // Removed and matched in old order, then added in new order.
    let mut next_pair = pairs.iter().peekable();
    for (i, old_op) in old.operations.iter().enumerate() {
        match next_pair.peek() {
            Some(&&(pi, j)) if pi == i => {
                next_pair.next();
                compare_operation(diff, old_op, &new.operations[j]);
            }
            _ => diff.push(
                ChangeKind::OperationRemoved,
                (Major, Breaking),
                format!("method `{}` removed", old_op.method_name),
                format!("{} removed", endpoint_text(old_op)),
                (Some(&old_op.pointer), Some("/paths")),
            ),
        }
    }
    for (j, new_op) in new.operations.iter().enumerate() {
        if !new_taken[j] {
            diff.push(
                ChangeKind::OperationAdded,
                (Minor, Compatible),
                format!("method `{}` added", new_op.method_name),
                format!("{} added", endpoint_text(new_op)),
                (Some("/paths"), Some(&new_op.pointer)),
            );
        }
    }
}

/// The method and the path with placeholder names left out: renaming a
/// path parameter keeps the endpoint.
fn endpoint(op: &Operation) -> (String, String) {
    let mut path = String::new();
    let mut in_placeholder = false;
    for c in op.path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                path.push('{');
            }
            '}' => {
                in_placeholder = false;
                path.push('}');
            }
            _ if in_placeholder => {}
            _ => path.push(c),
        }
    }
    (op.http_method.clone(), path)
}

/// The model names an operation without an id `METHOD /path`.
fn has_operation_id(op: &Operation) -> bool {
    op.operation_id != format!("{} {}", op.http_method, op.path)
}

fn endpoint_text(op: &Operation) -> String {
    format!("`{} {}`", op.http_method, op.path)
}

fn compare_operation(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let at = (old_op.pointer.as_str(), new_op.pointer.as_str());
    let method = &new_op.method_name;
    if old_op.method_name != new_op.method_name {
        diff.push(
            ChangeKind::MethodRenamed,
            (Major, WireImpact::None),
            format!(
                "method `{}` renamed to `{}`",
                old_op.method_name, new_op.method_name
            ),
            format!(
                "operationId of {} is now `{}` (was `{}`)",
                endpoint_text(new_op),
                new_op.operation_id,
                old_op.operation_id
            ),
            (Some(at.0), Some(at.1)),
        );
    }
    if endpoint(old_op) != endpoint(new_op) {
        diff.push(
            ChangeKind::EndpointMoved,
            (Patch, Breaking),
            format!(
                "`{method}` now calls {} (was {})",
                endpoint_text(new_op),
                endpoint_text(old_op)
            ),
            format!(
                "operation `{}` moved from {} to {}",
                new_op.operation_id,
                endpoint_text(old_op),
                endpoint_text(new_op)
            ),
            (Some(at.0), Some(at.1)),
        );
    }
    diff.deprecation(
        (old_op.deprecated, new_op.deprecated),
        (
            ChangeKind::OperationDeprecated,
            ChangeKind::OperationUndeprecated,
        ),
        (&format!("method `{method}`"), &endpoint_text(new_op)),
        (Some(at.0), Some(at.1)),
    );
    if old_op.docs != new_op.docs || old_op.extensions != new_op.extensions {
        diff.docs(
            ChangeKind::OperationDocsChanged,
            format!("method `{method}`"),
            format!(
                "summary, description or extensions of {} edited",
                endpoint_text(new_op)
            ),
            at,
        );
    }
    compare_security(diff, old_op, new_op);
    compare_parameters(diff, old_op, new_op);
    compare_body(diff, old_op, new_op);
    compare_responses(diff, old_op, new_op, Outcome::Success);
    compare_responses(diff, old_op, new_op, Outcome::Error);
    compare_headers(diff, old_op, new_op);
    compare_twins(diff, old_op, new_op);
    compare_paging(diff, old_op, new_op);
    owned_types_renamed(diff, old_op, new_op);
}

/// The types an operation owns (its parameters' struct, body, response,
/// error and headers types) renamed with it; a renamed method renames them
/// too, which its own change already says.
fn owned_types_renamed(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    if old_op.method_name != new_op.method_name {
        return;
    }
    let at = (old_op.pointer.as_str(), new_op.pointer.as_str());
    let owned_names = [
        (old_op.params_struct.as_ref(), new_op.params_struct.as_ref()),
        (
            old_op.body.as_ref().and_then(|b| b.enum_name.as_ref()),
            new_op.body.as_ref().and_then(|b| b.enum_name.as_ref()),
        ),
        (enum_name(&old_op.success), enum_name(&new_op.success)),
        (enum_name(&old_op.errors), enum_name(&new_op.errors)),
        (
            old_op.headers_struct.as_ref(),
            new_op.headers_struct.as_ref(),
        ),
    ];
    for (old_name, new_name) in owned_names {
        if let (Some(a), Some(b)) = (old_name, new_name)
            && a != b
        {
            diff.push(
                ChangeKind::TypeRenamed,
                (Major, WireImpact::None),
                format!("type `{a}` renamed to `{b}`"),
                format!("a name in {} changed", endpoint_text(new_op)),
                (Some(at.0), Some(at.1)),
            );
        }
    }
}

fn enum_name(set: &ResponseSet) -> Option<&String> {
    match &set.shape {
        ResponseShape::Enum { name } => Some(name),
        _ => None,
    }
}

/// Security alternatives by scheme name; "no requirement" is the one empty
/// alternative.
fn alternatives(diff: &Diff<'_>, op: &Operation, old: bool) -> BTreeSet<BTreeSet<String>> {
    let api = if old { diff.old } else { diff.new };
    let mut alternatives: BTreeSet<BTreeSet<String>> = op
        .security
        .iter()
        .map(|r| {
            r.schemes
                .iter()
                .filter_map(|id| api.security_schemes.get(id.0))
                .map(|s| s.name.clone())
                .collect()
        })
        .collect();
    if alternatives.is_empty() {
        alternatives.insert(BTreeSet::new());
    }
    alternatives
}

fn compare_security(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let old = alternatives(diff, old_op, true);
    let new = alternatives(diff, new_op, false);
    if old == new {
        return;
    }
    let describe = |set: &BTreeSet<BTreeSet<String>>| -> String {
        set.iter()
            .map(|alt| {
                if alt.is_empty() {
                    "none".to_owned()
                } else {
                    alt.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(" + ")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    };
    // An old client sends the credentials of one old alternative; it keeps
    // working if some new alternative needs no more than those.
    let accepted = |sent: &BTreeSet<String>| new.iter().any(|needed| needed.is_subset(sent));
    let wire = if old.iter().all(accepted) {
        Compatible
    } else {
        Breaking
    };
    diff.push(
        ChangeKind::SecurityChanged,
        (Patch, wire),
        format!("`{}` may send other credentials", new_op.method_name),
        format!(
            "security of {} is now {} (was {})",
            endpoint_text(new_op),
            describe(&new),
            describe(&old)
        ),
        (Some(&old_op.pointer), Some(&new_op.pointer)),
    );
}

/// Parameters are one per place and wire name (header names ignore case);
/// path parameters are one per placeholder position, so renaming one in
/// the template changes nothing on the wire.
fn parameter_key(op: &Operation, p: &Parameter) -> (u8, String) {
    let name = match p.location {
        ParameterLocation::Path => {
            let wire = format!("{{{}}}", p.wire_name);
            let position = placeholders(&op.path).position(|name| name == wire);
            return (
                0,
                position.map_or_else(|| p.wire_name.clone(), |i| i.to_string()),
            );
        }
        ParameterLocation::Header => p.wire_name.to_ascii_lowercase(),
        _ => p.wire_name.clone(),
    };
    let place = match p.location {
        ParameterLocation::Query => 1,
        ParameterLocation::Header => 2,
        _ => 3,
    };
    (place, name)
}

/// The `{name}` placeholders of a path, in order.
fn placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('{').filter_map(|(start, _)| {
        let end = path[start..].find('}')?;
        Some(&path[start..=start + end])
    })
}

fn place_word(p: &Parameter) -> &'static str {
    match p.location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}

/// How the parameter appears in Rust: an argument or a field of the
/// parameters struct.
fn parameter_surface(diff: &Diff<'_>, op: &Operation, p: &Parameter, old: bool) -> String {
    let graph = if old {
        &diff.old.types
    } else {
        &diff.new.types
    };
    if p.required {
        format!("argument `{}`", surface::argument_text(p, graph))
    } else {
        format!(
            "field `{}::{}: Option<{}>`",
            op.params_struct.as_deref().unwrap_or("Params"),
            p.name,
            surface::type_text(&p.ty, graph)
        )
    }
}

fn compare_parameters(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    for old_param in &old_op.parameters {
        let key = parameter_key(old_op, old_param);
        match new_op
            .parameters
            .iter()
            .find(|q| parameter_key(new_op, q) == key)
        {
            Some(new_param) => compare_parameter(diff, old_op, new_op, old_param, new_param),
            None => parameter_removed(diff, (old_op, new_op), old_param),
        }
    }
    for new_param in &new_op.parameters {
        let key = parameter_key(new_op, new_param);
        if !old_op
            .parameters
            .iter()
            .any(|q| parameter_key(old_op, q) == key)
        {
            parameter_added(diff, (old_op, new_op), new_param);
        }
    }
    arguments_reordered(diff, old_op, new_op);
}

fn parameter_removed(
    diff: &mut Diff<'_>,
    (old_op, new_op): (&Operation, &Operation),
    old_param: &Parameter,
) {
    let method = &new_op.method_name;
    let (wire, what) = if old_param.required {
        (Compatible, format!("argument `{}`", old_param.name))
    } else {
        (Compatible, parameter_surface(diff, old_op, old_param, true))
    };
    diff.push(
        ChangeKind::ParameterRemoved,
        (Major, wire),
        format!("{what} of `{method}` removed"),
        format!(
            "{} parameter `{}` of {} removed",
            place_word(old_param),
            old_param.wire_name,
            endpoint_text(new_op)
        ),
        (Some(&old_param.pointer), Some(&new_op.pointer)),
    );
}

fn parameter_added(
    diff: &mut Diff<'_>,
    (old_op, new_op): (&Operation, &Operation),
    new_param: &Parameter,
) {
    let method = &new_op.method_name;
    let spec = format!(
        "{} {} parameter `{}` of {} added",
        if new_param.required {
            "required"
        } else {
            "optional"
        },
        place_word(new_param),
        new_param.wire_name,
        endpoint_text(new_op)
    );
    let surface_now = parameter_surface(diff, new_op, new_param, false);
    let (verdict, summary) = if new_param.required {
        (
            (Major, Breaking),
            format!("`{method}` takes a new {surface_now}"),
        )
    } else {
        // A new setter of the builder (and field of the `#[non_exhaustive]`
        // `…Params`): it breaks no one, the first one included.
        (
            (Minor, Compatible),
            format!(
                "setter `{}::{}` added, with {surface_now}",
                new_op.request_struct, new_param.name
            ),
        )
    };
    diff.push(
        ChangeKind::ParameterAdded,
        verdict,
        summary,
        spec,
        (Some(&old_op.pointer), Some(&new_param.pointer)),
    );
}

/// Positional arguments of the same types could swap silently.
fn arguments_reordered(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let method = &new_op.method_name;
    let order = |op: &Operation, other: &Operation| -> Vec<(u8, String)> {
        op.parameters
            .iter()
            .filter(|p| p.required)
            .map(|p| parameter_key(op, p))
            .filter(|k| {
                other
                    .parameters
                    .iter()
                    .any(|q| q.required && parameter_key(other, q) == *k)
            })
            .collect()
    };
    if order(old_op, new_op) != order(new_op, old_op) {
        let names: Vec<String> = new_op
            .parameters
            .iter()
            .filter(|p| p.required)
            .map(|p| format!("`{}`", p.name))
            .collect();
        diff.push(
            ChangeKind::ArgumentsReordered,
            (Major, WireImpact::None),
            format!(
                "arguments of `{method}` are now in the order {}",
                names.join(", ")
            ),
            format!("parameters of {} reordered", endpoint_text(new_op)),
            (Some(&old_op.pointer), Some(&new_op.pointer)),
        );
    }
}

fn compare_parameter(
    diff: &mut Diff<'_>,
    old_op: &Operation,
    new_op: &Operation,
    old_param: &Parameter,
    new_param: &Parameter,
) {
    let schema = |raw, p: &Parameter| {
        let node = super::constraints::node(raw, &p.pointer)?.get("schema")?;
        super::constraints::follow(raw, node)
    };
    // A new type says its format already.
    let same_type = diff.same_type(&old_param.ty, &new_param.ty);
    let (old_schema, new_schema) = (
        schema(diff.old_raw, old_param),
        schema(diff.new_raw, new_param),
    );
    let constraints = match (old_schema, new_schema) {
        (Some(a), Some(b)) => super::constraints::compare(a, b, same_type),
        _ => Default::default(),
    };
    // The value a server assumes for a request that leaves it out.
    let default_of = |schema: Option<&Value>| schema.and_then(|s| s.get("default")).cloned();
    let (old_default, new_default) = (default_of(old_schema), default_of(new_schema));
    let unchanged = old_param.required == new_param.required
        && old_default == new_default
        && same_type
        && old_param.name == new_param.name
        && old_param.encoding == new_param.encoding
        && old_param.docs == new_param.docs
        && old_param.deprecated == new_param.deprecated
        && constraints == Default::default();
    // Most parameters of a large spec: say nothing, spell nothing.
    if unchanged {
        return;
    }
    let at = (
        Some(old_param.pointer.as_str()),
        Some(new_param.pointer.as_str()),
    );
    let spec_name = format!(
        "{} parameter `{}` of {}",
        place_word(new_param),
        new_param.wire_name,
        endpoint_text(new_op)
    );
    let was = parameter_surface(diff, old_op, old_param, true);
    let now = parameter_surface(diff, new_op, new_param, false);
    if old_param.required != new_param.required {
        let (wire, how) = requirement_change(new_param.required);
        diff.push(
            ChangeKind::ParameterRequiredChanged,
            (Major, wire),
            format!("{was} of `{}` is now {now}", new_op.method_name),
            format!("{spec_name} {how}"),
            at,
        );
    } else if !same_type {
        // Requests already sent stay valid where the new type accepts
        // every old value (an integer widened to a number).
        let wire = match super::types::accepts_all(&new_param.ty, &old_param.ty, true) {
            true => Compatible,
            false => Breaking,
        };
        diff.push(
            ChangeKind::ParameterRetyped,
            (Major, wire),
            format!("{was} of `{}` is now {now}", new_op.method_name),
            format!(
                "{spec_name} is now `{}` (was `{}`)",
                diff.new_text(&new_param.ty),
                diff.old_text(&old_param.ty)
            ),
            at,
        );
    } else if old_param.name != new_param.name {
        // Rust has no named arguments: renaming one breaks no caller, but
        // a renamed field of the parameters struct does.
        let rust = if new_param.required { Patch } else { Major };
        diff.push(
            ChangeKind::ParameterRenamed,
            (rust, WireImpact::None),
            format!("{was} of `{}` is now {now}", new_op.method_name),
            format!("{spec_name}: its Rust name changed"),
            at,
        );
    }
    let request = crate::model::Direction::REQUEST;
    let what = format!("{now} of `{}`", new_op.method_name);
    super::types::report_constraints(diff, constraints, request, what, spec_name.clone(), at);
    if old_default != new_default && !new_param.required {
        // Requests already sent without it now mean another value.
        let text = |v: &Option<Value>| v.as_ref().map_or("none".to_owned(), Value::to_string);
        diff.push(
            ChangeKind::ParameterDefaultChanged,
            (Patch, Breaking),
            format!(
                "{now} of `{}` defaults to {} (was {})",
                new_op.method_name,
                text(&new_default),
                text(&old_default)
            ),
            format!(
                "default of {spec_name} is now {} (was {})",
                text(&new_default),
                text(&old_default)
            ),
            at,
        );
    }
    if old_param.encoding != new_param.encoding {
        diff.push(
            ChangeKind::ParameterStyleChanged,
            (Patch, Breaking),
            format!("{now} of `{}` is written differently", new_op.method_name),
            format!("style or explode of {spec_name} changed"),
            at,
        );
    }
    if old_param.docs != new_param.docs || old_param.deprecated != new_param.deprecated {
        diff.docs(
            ChangeKind::ParameterDocsChanged,
            now,
            format!("description or deprecation of {spec_name} edited"),
            (&old_param.pointer, &new_param.pointer),
        );
    }
}

fn compare_body(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let method = &new_op.method_name;
    let (old_body, new_body) = match (&old_op.body, &new_op.body) {
        (None, None) => return,
        (None, Some(new_body)) => {
            let ty = surface::body_argument_text(new_body, &diff.new.types);
            // A required body is a new argument; an optional one a new
            // setter of the builder.
            let (verdict, summary, what) = if new_body.required {
                (
                    (Major, Breaking),
                    format!("`{method}` takes a new argument `body: {ty}`"),
                    "required",
                )
            } else {
                (
                    (Minor, Compatible),
                    format!("`{}::body({ty})` added", new_op.request_struct),
                    "optional",
                )
            };
            diff.push(
                ChangeKind::RequestBodyAdded,
                verdict,
                summary,
                format!("{what} request body added to {}", endpoint_text(new_op)),
                (Some(&old_op.pointer), Some(&new_body.pointer)),
            );
            return;
        }
        (Some(old_body), None) => {
            diff.push(
                ChangeKind::RequestBodyRemoved,
                (Major, Compatible),
                format!("argument `body` of `{method}` removed"),
                format!("request body of {} removed", endpoint_text(new_op)),
                (Some(&old_body.pointer), Some(&new_op.pointer)),
            );
            return;
        }
        (Some(old_body), Some(new_body)) => (old_body, new_body),
    };
    let at = (
        Some(old_body.pointer.as_str()),
        Some(new_body.pointer.as_str()),
    );
    if old_body.required != new_body.required {
        let (wire, how) = requirement_change(new_body.required);
        diff.push(
            ChangeKind::RequestBodyRequiredChanged,
            (Major, wire),
            format!(
                "argument `body` of `{method}` is {}an `Option`",
                if new_body.required {
                    "no longer "
                } else {
                    "now "
                }
            ),
            format!("request body of {} {how}", endpoint_text(new_op)),
            at,
        );
    }
    compare_media_types(diff, new_op, (old_body, new_body), at);
    if old_body.docs != new_body.docs {
        diff.docs(
            ChangeKind::RequestBodyDocsChanged,
            format!("argument `body` of `{method}`"),
            format!(
                "description of the request body of {} edited",
                endpoint_text(new_op)
            ),
            (&old_body.pointer, &new_body.pointer),
        );
    }
}

/// The media types of a request body on both sides: each removed, retyped
/// or added.
fn compare_media_types(
    diff: &mut Diff<'_>,
    new_op: &Operation,
    (old_body, new_body): (&RequestBody, &RequestBody),
    at: (Option<&str>, Option<&str>),
) {
    let method = &new_op.method_name;
    // With enums on both sides a media type is a variant; otherwise one
    // added or removed changes the argument's type.
    let both_enums = old_body.enum_name.is_some() && new_body.enum_name.is_some();
    let argument_now = format!(
        "argument `body` of `{method}` is now `{}`",
        surface::body_argument_text(new_body, &diff.new.types)
    );
    let spec = |media_type: &str, verb: &str| {
        format!(
            "request media type `{media_type}` of {} {verb}",
            endpoint_text(new_op)
        )
    };
    for old_content in &old_body.content {
        let same_media_type = |c: &&BodyContent| c.media_type == old_content.media_type;
        match new_body.content.iter().find(same_media_type) {
            None => {
                let summary = if both_enums {
                    format!(
                        "variant `{}` of the body of `{method}` removed",
                        old_content.variant
                    )
                } else {
                    argument_now.clone()
                };
                diff.push(
                    ChangeKind::RequestMediaTypeRemoved,
                    (Major, Breaking),
                    summary,
                    spec(&old_content.media_type, "removed"),
                    at,
                );
            }
            Some(new_content) if same_content(diff, old_content, new_content) => {
                compare_body_constraints(diff, (old_body, new_body), new_content, method, new_op);
                for (what, was) in encoding_changes(&old_content.kind, &new_content.kind) {
                    diff.push(
                        ChangeKind::RequestEncodingChanged,
                        (Patch, Breaking),
                        format!("`{}` body of `{method}`: {what}", new_content.media_type),
                        format!(
                            "request `{}` of {}: {what} (was {was})",
                            new_content.media_type,
                            endpoint_text(new_op)
                        ),
                        at,
                    );
                }
            }
            Some(new_content) => {
                let now = content_text(diff, new_content, false);
                diff.push(
                    ChangeKind::RequestBodyRetyped,
                    (Major, Breaking),
                    format!(
                        "`{}` body of `{method}` is now `{now}`",
                        new_content.media_type
                    ),
                    format!(
                        "schema of request `{}` of {} is now `{now}` (was `{}`)",
                        new_content.media_type,
                        endpoint_text(new_op),
                        content_text(diff, old_content, true)
                    ),
                    at,
                );
            }
        }
    }
    for new_content in &new_body.content {
        let same_media_type = |c: &BodyContent| c.media_type == new_content.media_type;
        if old_body.content.iter().any(same_media_type) {
            continue;
        }
        let (rust, summary) = if both_enums {
            // Body enums are `#[non_exhaustive]`.
            (
                Minor,
                format!(
                    "variant `{}` added to the body of `{method}`",
                    new_content.variant
                ),
            )
        } else {
            (Major, argument_now.clone())
        };
        diff.push(
            ChangeKind::RequestMediaTypeAdded,
            (rust, Compatible),
            summary,
            spec(&new_content.media_type, "added"),
            at,
        );
    }
}

/// The validation keywords of a request body's schema itself and, for a
/// list, of its items (a property's are compared with its struct): a
/// server that enforces tighter ones refuses bodies old clients send.
fn compare_body_constraints(
    diff: &mut Diff<'_>,
    (old_body, new_body): (&RequestBody, &RequestBody),
    content: &BodyContent,
    method: &str,
    new_op: &Operation,
) {
    let schema_at = |body: &RequestBody| {
        crate::pointer::Pointer::parse(&body.pointer)
            .join("content")
            .join(&content.media_type)
            .join("schema")
            .to_string()
    };
    let (old_at, new_at) = (schema_at(old_body), schema_at(new_body));
    let node = |raw: &Value, at: &str| super::constraints::node(raw, at).cloned();
    let (Some(old), Some(new)) = (node(diff.old_raw, &old_at), node(diff.new_raw, &new_at)) else {
        return;
    };
    let items = |raw: &Value, schema: &Value| {
        schema
            .get("items")
            .and_then(|items| super::constraints::follow(raw, items))
            .cloned()
    };
    let mut change = super::constraints::compare(&old, &new, false);
    if let (Some(a), Some(b)) = (items(diff.old_raw, &old), items(diff.new_raw, &new)) {
        let of_items = super::constraints::compare(&a, &b, false);
        let label = |line: String| format!("items' {line}");
        change
            .tightened
            .extend(of_items.tightened.into_iter().map(label));
        change
            .loosened
            .extend(of_items.loosened.into_iter().map(label));
    }
    let what = format!("the `{}` body of `{method}`", content.media_type);
    let spec = format!(
        "request `{}` of {}",
        content.media_type,
        endpoint_text(new_op)
    );
    let request = crate::model::Direction::REQUEST;
    let at = (Some(old_at.as_str()), Some(new_at.as_str()));
    super::types::report_constraints(diff, change, request, what, spec, at);
}

/// Whether a body of one media type takes the same type as before. How a
/// form writes its properties is [`encoding_changes`]; its fields are the
/// type's, reviewed with the types.
fn same_content(diff: &Diff<'_>, old: &BodyContent, new: &BodyContent) -> bool {
    match (&old.kind, &new.kind) {
        (BodyKind::Json(a), BodyKind::Json(b))
        | (BodyKind::Form { ty: a, .. }, BodyKind::Form { ty: b, .. }) => diff.same_type(a, b),
        (BodyKind::Multipart { ty: a, .. }, BodyKind::Multipart { ty: b, .. }) => match (a, b) {
            (Some(a), Some(b)) => diff.same_type(a, b),
            (a, b) => a.is_none() && b.is_none(),
        },
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// How a form writes each property now, where that changed: `(what it is
/// now, what it was)`. A multipart part's content type and fixed headers,
/// a urlencoded pair's style (a part becoming a file is its field's type).
fn encoding_changes(old: &BodyKind, new: &BodyKind) -> Vec<(String, String)> {
    let mut changes = Vec::new();
    match (old, new) {
        (BodyKind::Form { styles: old, .. }, BodyKind::Form { styles: new, .. }) => {
            let style = |styles: &[(String, FormStyle)], name: &str| {
                styles
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(FormStyle::Form { explode: true }, |(_, s)| *s)
            };
            let mut names: Vec<&String> = old.iter().chain(new.iter()).map(|(n, _)| n).collect();
            names.sort();
            names.dedup();
            for name in names {
                let (was, now) = (style(old, name), style(new, name));
                if was != now {
                    changes.push((
                        format!("property `{name}` is now written {}", style_text(now)),
                        style_text(was),
                    ));
                }
            }
        }
        (BodyKind::Multipart { parts: old, .. }, BodyKind::Multipart { parts: new, .. }) => {
            let part = |parts: &[FormPart], name: &str| {
                parts
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| (p.content_type.clone(), p.headers.clone()))
                    .unwrap_or_default()
            };
            let mut names: Vec<&String> = old.iter().chain(new.iter()).map(|p| &p.name).collect();
            names.sort();
            names.dedup();
            for name in names {
                let (was, now) = (part(old, name), part(new, name));
                if was != now {
                    changes.push((
                        format!("part `{name}` is now sent with {}", part_text(&now)),
                        part_text(&was),
                    ));
                }
            }
        }
        _ => {}
    }
    changes
}

fn style_text(style: FormStyle) -> String {
    match style {
        FormStyle::Form { explode: true } => "`form` exploded".to_owned(),
        FormStyle::Form { explode: false } => "`form` not exploded".to_owned(),
        FormStyle::SpaceDelimited => "`spaceDelimited`".to_owned(),
        FormStyle::PipeDelimited => "`pipeDelimited`".to_owned(),
        FormStyle::DeepObject => "`deepObject`".to_owned(),
    }
}

/// A part's content type and headers, e.g. `` `Content-Type: audio/wav` ``.
fn part_text((content_type, headers): &(Option<String>, Vec<(String, String)>)) -> String {
    let lines: Vec<String> = content_type
        .iter()
        .map(|t| format!("`Content-Type: {t}`"))
        .chain(headers.iter().map(|(n, v)| format!("`{n}: {v}`")))
        .collect();
    match lines.is_empty() {
        true => "no content type or header of its own".to_owned(),
        false => lines.join(", "),
    }
}

fn content_text(diff: &Diff<'_>, content: &BodyContent, old: bool) -> String {
    let graph = if old {
        &diff.old.types
    } else {
        &diff.new.types
    };
    surface::body_kind_text(&content.kind, graph)
}

#[derive(Clone, Copy, PartialEq, Eq)]
/// Which responses of an operation: its successes or its errors.
enum Outcome {
    Success,
    Error,
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// Whether an operation decodes `status` through a documented case.
fn covered(op: &Operation, status: StatusMatch) -> bool {
    let StatusMatch::Code(code) = status else {
        return false;
    };
    op.success
        .cases
        .iter()
        .chain(&op.errors.cases)
        .any(|c| match c.status {
            StatusMatch::Code(other) => other == code,
            StatusMatch::Range(hundreds) => hundreds == code / 100,
            StatusMatch::Default => true,
        })
}

fn compare_responses(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation, side: Outcome) {
    let sets = ResponseSets::new(diff, (old_op, new_op), side);
    for old_case in &sets.old.cases {
        match sets.new.cases.iter().find(|c| c.status == old_case.status) {
            None => sets.removed(diff, old_case),
            Some(new_case) => sets.changed(diff, old_case, new_case),
        }
    }
    for new_case in &sets.new.cases {
        if !sets.old.cases.iter().any(|c| c.status == new_case.status) {
            sets.added(diff, new_case);
        }
    }
}

/// The successes or the errors of an operation on both sides, and what
/// every change to one of their cases is told with.
struct ResponseSets<'a> {
    side: Outcome,
    old_op: &'a Operation,
    new_op: &'a Operation,
    old: &'a ResponseSet,
    new: &'a ResponseSet,
    /// `response` or `error response`.
    what: &'static str,
    /// Both sides are enums: a case is a variant.
    both_enums: bool,
    old_value: String,
    new_value: String,
    /// The verdict of a case added or removed without enums on both sides:
    /// the value's type changes unless another case has the same body
    /// (200 to 201).
    shape_rust: RustImpact,
    /// What such a change does to the value's type, in words.
    shape_note: String,
}

impl<'a> ResponseSets<'a> {
    fn new(
        diff: &Diff<'_>,
        (old_op, new_op): (&'a Operation, &'a Operation),
        side: Outcome,
    ) -> Self {
        let (old, new) = match side {
            Outcome::Success => (&old_op.success, &new_op.success),
            Outcome::Error => (&old_op.errors, &new_op.errors),
        };
        let method = &new_op.method_name;
        let old_value = surface::value_text(old, &diff.old.types);
        let new_value = surface::value_text(new, &diff.new.types);
        let both_enums = enum_name(old).is_some() && enum_name(new).is_some();
        let shape_rust = if both_enums || old_value == new_value {
            Patch
        } else {
            Major
        };
        let (what, value_of) = match side {
            Outcome::Success => ("response", format!("`{method}` returns")),
            Outcome::Error => ("error response", format!("the error type of `{method}` is")),
        };
        let shape_note = if old_value == new_value {
            format!("{value_of} still `{new_value}`")
        } else {
            format!("{value_of} `{new_value}` now (was `{old_value}`)")
        };
        Self {
            side,
            old_op,
            new_op,
            old,
            new,
            what,
            both_enums,
            old_value,
            new_value,
            shape_rust,
            shape_note,
        }
    }

    /// `response 404 of `GET /pets``.
    fn spec_words(&self, status: StatusMatch) -> String {
        format!(
            "{} {} of {}",
            self.what,
            status_text(status),
            endpoint_text(self.new_op)
        )
    }

    fn removed(&self, diff: &mut Diff<'_>, case: &ResponseCase) {
        let (rust, summary) = if self.both_enums {
            (
                Major,
                format!("variant `{}` of `{}` removed", case.variant, self.old_value),
            )
        } else {
            (self.shape_rust, self.shape_note.clone())
        };
        // The server no longer sends it: nothing an old client reads fails.
        diff.push(
            ChangeKind::ResponseRemoved,
            (rust, Compatible),
            summary,
            format!("{} removed", self.spec_words(case.status)),
            (Some(&case.pointer), Some(&self.new_op.pointer)),
        );
    }

    fn changed(&self, diff: &mut Diff<'_>, old_case: &ResponseCase, new_case: &ResponseCase) {
        let spec = self.spec_words(old_case.status);
        let at = (
            Some(old_case.pointer.as_str()),
            Some(new_case.pointer.as_str()),
        );
        let same_body = match (&old_case.body, &new_case.body) {
            (Body::Json(a), Body::Json(b)) => diff.same_type(a, b),
            (a, b) => a == b,
        };
        if !same_body {
            let now = body_words(diff, &new_case.body, false);
            let was = body_words(diff, &old_case.body, true);
            let summary = if self.both_enums || self.new.cases.len() > 1 {
                format!(
                    "variant `{}` of `{}` now holds {now} (was {was})",
                    new_case.variant, self.new_value
                )
            } else {
                self.shape_note.clone()
            };
            diff.push(
                ChangeKind::ResponseBodyChanged,
                (Major, Breaking),
                summary,
                format!("{spec}: body is now {now} (was {was})"),
                at,
            );
        }
        if old_case.docs != new_case.docs {
            diff.docs(
                ChangeKind::ResponseDocsChanged,
                format!(
                    "the {} {} of `{}`",
                    self.what,
                    status_text(new_case.status),
                    self.new_op.method_name
                ),
                format!("description of {spec} edited"),
                (&old_case.pointer, &new_case.pointer),
            );
        }
    }

    fn added(&self, diff: &mut Diff<'_>, case: &ResponseCase) {
        let (rust, summary) = if self.both_enums {
            // Response enums are `#[non_exhaustive]`.
            (
                Minor,
                format!("variant `{}` added to `{}`", case.variant, self.new_value),
            )
        } else {
            (self.shape_rust, self.shape_note.clone())
        };
        // An old client decodes a status it does not know into a range or
        // `default` case that covers it; without one, it fails with an
        // unexpected status, which breaks it for a success only (an error
        // stays an error).
        let wire = if self.side == Outcome::Success && !covered(self.old_op, case.status) {
            Breaking
        } else {
            Compatible
        };
        diff.push(
            ChangeKind::ResponseAdded,
            (rust, wire),
            summary,
            format!("{} added", self.spec_words(case.status)),
            (Some(&self.new_op.pointer), Some(&case.pointer)),
        );
    }
}

/// A response body in words: `no body`, `` `Pet` ``, `text`, `bytes`.
fn body_words(diff: &Diff<'_>, body: &Body, old: bool) -> String {
    match body {
        Body::Empty => "no body".to_owned(),
        Body::Json(ty) if old => format!("`{}`", diff.old_text(ty)),
        Body::Json(ty) => format!("`{}`", diff.new_text(ty)),
        Body::Text => "text".to_owned(),
        Body::Bytes => "bytes".to_owned(),
    }
}

/// Where a header is declared: its first declaring response's headers.
fn header_pointer(op: &Operation, index: usize) -> String {
    op.success
        .cases
        .iter()
        .chain(&op.errors.cases)
        .find(|case| case.headers.contains(&index))
        .map_or_else(
            || op.pointer.clone(),
            |case| {
                let wire = &op.headers[index].wire_name;
                format!("{}/headers/{}", case.pointer, crate::pointer::escape(wire))
            },
        )
}

/// Declared response headers, by name ignoring case: accessors of the
/// operation's `…Headers` view.
fn compare_headers(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let view = |op: &Operation| op.headers_struct.clone().unwrap_or_default();
    for (i, old) in old_op.headers.iter().enumerate() {
        let old_at = header_pointer(old_op, i);
        let found = new_op
            .headers
            .iter()
            .position(|h| h.wire_name.eq_ignore_ascii_case(&old.wire_name));
        let spec = format!(
            "response header `{}` of {}",
            old.wire_name,
            endpoint_text(new_op)
        );
        let Some(j) = found else {
            // A client that reads it finds it missing.
            let wire = if old.required { Breaking } else { Compatible };
            let summary = header_summary(
                new_op.headers_struct.is_some(),
                &view(old_op),
                &old.name,
                "removed",
            );
            diff.push(
                ChangeKind::ResponseHeaderRemoved,
                (Major, wire),
                summary,
                format!("{spec} removed"),
                (Some(&old_at), Some(&new_op.pointer)),
            );
            continue;
        };
        header_changed(diff, (old_op, new_op), (i, j), &spec);
    }
    for (j, new) in new_op.headers.iter().enumerate() {
        if old_op
            .headers
            .iter()
            .any(|h| h.wire_name.eq_ignore_ascii_case(&new.wire_name))
        {
            continue;
        }
        // A new accessor, or a new view type: additions either way.
        let summary = header_summary(
            old_op.headers_struct.is_some(),
            &view(new_op),
            &new.name,
            "added",
        );
        diff.push(
            ChangeKind::ResponseHeaderAdded,
            (Minor, Compatible),
            summary,
            format!(
                "response header `{}` of {} added",
                new.wire_name,
                endpoint_text(new_op)
            ),
            (Some(&old_op.pointer), Some(&header_pointer(new_op, j))),
        );
    }
}

/// A response header on both sides: `i` of the old operation's, `j` of
/// the new's; `spec` names it in the spec's words.
fn header_changed(
    diff: &mut Diff<'_>,
    (old_op, new_op): (&Operation, &Operation),
    (i, j): (usize, usize),
    spec: &str,
) {
    let view = |op: &Operation| op.headers_struct.clone().unwrap_or_default();
    let old = &old_op.headers[i];
    let old_at = header_pointer(old_op, i);
    let new = &new_op.headers[j];
    let at = header_pointer(new_op, j);
    if !diff.same_type(&old.ty, &new.ty) || old.name != new.name {
        diff.push(
            ChangeKind::ResponseHeaderRetyped,
            (Major, Breaking),
            format!(
                "`{}::{}` now reads `{}` (was `{}::{}` reading `{}`)",
                view(new_op),
                new.name,
                diff.new_text(&new.ty),
                view(old_op),
                old.name,
                diff.old_text(&old.ty)
            ),
            format!("schema of {spec} changed"),
            (Some(&old_at), Some(&at)),
        );
    }
    if old.required != new.required {
        let (wire, how) = if new.required {
            (Compatible, "now required")
        } else {
            (Breaking, "no longer required")
        };
        diff.push(
            ChangeKind::ResponseHeaderRequiredChanged,
            (Patch, wire),
            format!("docs of `{}::{}` changed", view(new_op), new.name),
            format!("{spec} {how}"),
            (Some(&old_at), Some(&at)),
        );
    }
    if old.docs != new.docs {
        diff.docs(
            ChangeKind::ResponseHeaderDocsChanged,
            format!("`{}::{}`", view(new_op), new.name),
            format!("description of {spec} edited"),
            (&old_at, &at),
        );
    }
}

/// The builder's `events()`, which comes and goes with a
/// `text/event-stream` success. (Every builder has `stream()`.)
fn compare_twins(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let builder = &new_op.request_struct;
    match (old_op.events, new_op.events) {
        (false, true) => diff.push(
            ChangeKind::StreamingMethodAdded,
            (Minor, Compatible),
            format!("method `{builder}::events` added"),
            format!(
                "{} has a `text/event-stream` success",
                endpoint_text(new_op)
            ),
            (Some(&old_op.pointer), Some(&new_op.pointer)),
        ),
        (true, false) => diff.push(
            ChangeKind::StreamingMethodRemoved,
            (Major, Breaking),
            format!("method `{builder}::events` removed"),
            format!(
                "{} no longer has a `text/event-stream` success",
                endpoint_text(new_op)
            ),
            (Some(&old_op.pointer), Some(&new_op.pointer)),
        ),
        _ => {}
    }
}

/// `pages()` and `items()`, which an operation has when it pages: gaining
/// them is an addition, losing them breaks callers, and a new way to ask
/// for the next page changes what the pager sends, not the API.
fn compare_paging(diff: &mut Diff<'_>, old_op: &Operation, new_op: &Operation) {
    let builder = &new_op.request_struct;
    let at = (Some(old_op.pointer.as_str()), Some(new_op.pointer.as_str()));
    match (&old_op.pagination, &new_op.pagination) {
        (None, Some(new)) => diff.push(
            ChangeKind::PagingAdded,
            (Minor, WireImpact::None),
            format!("methods `{builder}::pages` and `{builder}::items` added"),
            format!(
                "{} pages by `{}`, from {}",
                endpoint_text(new_op),
                new.strategy,
                new.source
            ),
            at,
        ),
        (Some(old), None) => diff.push(
            ChangeKind::PagingRemoved,
            (Major, WireImpact::None),
            format!("methods `{builder}::pages` and `{builder}::items` removed"),
            format!(
                "{} no longer pages (it paged by `{}`, from {})",
                endpoint_text(new_op),
                old.strategy,
                old.source
            ),
            at,
        ),
        (Some(old), Some(new)) if (&old.strategy, &old.items) != (&new.strategy, &new.items) => {
            diff.push(
                ChangeKind::PagingChanged,
                (Patch, WireImpact::None),
                format!(
                    "`{builder}::pages` asks for the next page by `{}` (was `{}`)",
                    new.strategy, old.strategy
                ),
                format!(
                    "{} pages by `{}`, from {} (was `{}`, from {})",
                    endpoint_text(new_op),
                    new.strategy,
                    new.source,
                    old.strategy,
                    old.source
                ),
                at,
            )
        }
        _ => {}
    }
}

/// A response header accessor that came or went: "`View::accessor` added",
/// or, when the view type itself came or went with it (the other side has
/// none), "type `View` added, with `accessor`".
fn header_summary(other_side_has_view: bool, view: &str, accessor: &str, verb: &str) -> String {
    if other_side_has_view {
        format!("`{view}::{accessor}` {verb}")
    } else {
        format!("type `{view}` {verb}, with `{accessor}`")
    }
}

/// A request part that became required (old clients may leave it out: that
/// breaks them) or optional (harmless), and how to say so.
fn requirement_change(now_required: bool) -> (WireImpact, &'static str) {
    if now_required {
        (Breaking, "now required")
    } else {
        (Compatible, "now optional")
    }
}
