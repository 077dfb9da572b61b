//! What the typed document (`openapiv3`, OpenAPI 3.0) cannot hold, read as
//! what it can: OpenAPI 3.1's `mutualTLS` security schemes, 3.2's cookie
//! style and `querystring` parameters, and callbacks given by `$ref`. Each
//! keeps what the client can do with it, and says what it cannot.

use serde_json::{Value, json};

use super::METHODS;
use crate::diagnostics::Diagnostics;
use crate::pointer::Pointer;

/// Where every operation of the document is: each path item's methods,
/// and 3.2's `query` and `additionalOperations`.
fn operation_pointers(raw: &Value) -> Vec<Pointer> {
    let mut found = Vec::new();
    let Some(Value::Object(paths)) = raw.get("paths") else {
        return found;
    };
    for (path, item) in paths {
        let item_at = Pointer::root().join("paths").join(path);
        for method in METHODS.iter().copied().chain(["query"]) {
            if item.get(method).is_some_and(Value::is_object) {
                found.push(item_at.join(method));
            }
        }
        if let Some(Value::Object(additional)) = item.get("additionalOperations") {
            for method in additional.keys() {
                found.push(item_at.join("additionalOperations").join(method));
            }
        }
    }
    found
}

/// Parameters as OpenAPI 3.2 writes them. `style: cookie` sends a
/// cookie's value as it is, `name=value` pairs joined by `; `, which is
/// how every cookie parameter is sent: it is read as `form`, the style
/// the typed document knows. A parameter `in: querystring` (the whole
/// query string, serialized by its media type) is not generated: it is
/// left out with a warning that says how to send the query instead.
pub(super) fn parameters_of_3_2(raw: &mut Value, d: &mut Diagnostics) {
    // Components first: a list leaves out its `$ref`s to those left out.
    let mut left_out: Vec<String> = Vec::new();
    if let Some(Value::Object(parameters)) = raw.pointer_mut("/components/parameters") {
        let at = Pointer::root().join("components").join("parameters");
        parameters.retain(|name, parameter| {
            let kept = parameter_of_3_2(parameter, &at.join(name), d);
            if !kept {
                left_out.push(format!("#{}", at.join(name)));
            }
            kept
        });
    }
    let mut lists: Vec<Pointer> = Vec::new();
    if let Some(Value::Object(paths)) = raw.get("paths") {
        for path in paths.keys() {
            lists.push(Pointer::root().join("paths").join(path).join("parameters"));
        }
    }
    lists.extend(
        operation_pointers(raw)
            .iter()
            .map(|op| op.join("parameters")),
    );
    for at in lists {
        let Some(Value::Array(parameters)) = raw.pointer_mut(&at.to_string()) else {
            continue;
        };
        let mut index = 0;
        parameters.retain_mut(|parameter| {
            let reference = parameter.get("$ref").and_then(Value::as_str);
            let kept = match reference {
                Some(reference) => !left_out.iter().any(|r| r == reference),
                None => parameter_of_3_2(parameter, &at.join(index), d),
            };
            index += 1;
            kept
        });
    }
}

/// [`parameters_of_3_2`] of one parameter at `at`: whether it is kept.
fn parameter_of_3_2(parameter: &mut Value, at: &Pointer, d: &mut Diagnostics) -> bool {
    let Value::Object(fields) = parameter else {
        return true;
    };
    match fields.get("in").and_then(Value::as_str) {
        Some("cookie") if fields.get("style").and_then(Value::as_str) == Some("cookie") => {
            fields.insert("style".to_owned(), json!("form"));
            true
        }
        Some("querystring") => {
            d.warning(
                &at.join("in"),
                "a `querystring` parameter (the whole query string) is not generated; send \
                 the query's parameters with `RequestOptions::query` and the client's \
                 `with_options`",
            );
            false
        }
        _ => true,
    }
}

/// An operation's callbacks given as `$ref`s, and their extensions
/// (`x-` entries beside the expressions), which the typed document cannot
/// hold: read as empty callbacks, and without the extensions. Callbacks
/// are requests the server makes, so the client only says it ignores them.
pub(super) fn referenced_callbacks(raw: &mut Value) {
    for op in operation_pointers(raw) {
        let at = op.join("callbacks").to_string();
        let Some(Value::Object(callbacks)) = raw.pointer_mut(&at) else {
            continue;
        };
        for callback in callbacks.values_mut() {
            if callback.get("$ref").is_some() {
                *callback = json!({});
            } else if let Value::Object(expressions) = callback {
                expressions.retain(|name, _| !name.starts_with("x-"));
            }
        }
    }
}

/// `mutualTLS` security schemes (3.1): the certificate is presented by the
/// TLS connection, so a request carries nothing for it, and the HTTP
/// client the caller builds holds it. Each is dropped with a warning that
/// says so, and its name from every security requirement: an alternative
/// that needed it alone then needs no credentials of the request.
pub(super) fn mutual_tls_schemes(raw: &mut Value, d: &mut Diagnostics) {
    let Some(Value::Object(schemes)) = raw.pointer_mut("/components/securitySchemes") else {
        return;
    };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &names {
        schemes.shift_remove(name);
        d.warning(
            &Pointer::root()
                .join("components")
                .join("securitySchemes")
                .join(name),
            "a `mutualTLS` scheme's certificate is presented by the HTTP client, not sent with \
             requests: give `ClientBuilder::http_client` a `reqwest::Client` built with its \
             `Identity`",
        );
    }
    if names.is_empty() {
        return;
    }
    let without_them = |requirements: Option<&mut Value>| {
        let Some(Value::Array(requirements)) = requirements else {
            return;
        };
        for requirement in requirements.iter_mut().filter_map(Value::as_object_mut) {
            for name in &names {
                requirement.shift_remove(name);
            }
        }
    };
    without_them(raw.get_mut("security"));
    for op in operation_pointers(raw) {
        without_them(raw.pointer_mut(&op.join("security").to_string()));
    }
}
