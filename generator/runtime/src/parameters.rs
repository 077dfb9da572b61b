//! Parameter values as the text a URL, header or cookie carries, per the
//! OpenAPI `style` table: lists joined or repeated, objects as pairs, path
//! values with their `label` or `matrix` prefix.

use std::fmt;

use serde::Serialize;

use super::error::Error;

/// A path parameter's `style`: how its value is written in the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathStyle {
    /// `5`, `3,4,5`, `role,admin` (exploded object: `role=admin`).
    Simple,
    /// `.5`, `.3,4,5` (exploded: `.3.4.5`).
    Label,
    /// `;id=5`, `;id=3,4,5` (exploded: `;id=3;id=4;id=5`, an object
    /// `;role=admin;name=Alex`).
    Matrix,
}

/// A path parameter `name` in `style`, from its items: one for a scalar,
/// each item of a list, and for an object either `key=value` items
/// (`explode`) or keys and values in turn.
pub fn styled_path(
    style: PathStyle,
    name: &str,
    items: &[String],
    explode: bool,
    object: bool,
) -> String {
    match style {
        PathStyle::Simple => items.join(","),
        PathStyle::Label if explode => items.iter().map(|item| format!(".{item}")).collect(),
        PathStyle::Label => format!(".{}", items.join(",")),
        PathStyle::Matrix if explode && object => {
            items.iter().map(|item| format!(";{item}")).collect()
        }
        PathStyle::Matrix if explode => {
            items.iter().map(|item| format!(";{name}={item}")).collect()
        }
        PathStyle::Matrix => format!(";{name}={}", items.join(",")),
    }
}

/// Each value's `Display` text.
pub fn strings<T: fmt::Display>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

/// An object parameter's items for [`styled_path`]: `key=value` each when
/// exploded, else keys and values in turn.
pub fn object_items<E>(
    name: &str,
    value: &impl Serialize,
    explode: bool,
) -> Result<Vec<String>, Error<E>> {
    let pairs = object_pairs(name, value)?;
    Ok(match explode {
        true => pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect(),
        false => flat_pairs(pairs),
    })
}

/// `name=v1,v2,v3` for a query string: name and values form-encoded (as
/// every other query parameter), the separator between values left as it
/// is except a space, which is `%20`.
pub(super) fn query_pair(name: &str, values: &[String], separator: char) -> String {
    let separator = match separator {
        ' ' => "%20".to_owned(),
        other => other.to_string(),
    };
    let encoded: Vec<String> = values.iter().map(|value| form_encoded(value)).collect();
    format!("{}={}", form_encoded(name), encoded.join(&separator))
}

/// `text` as `application/x-www-form-urlencoded` writes it.
fn form_encoded(text: &str) -> String {
    // One pair with an empty name encodes as `=<value>`.
    let pair = serde_urlencoded::to_string([("", text)]).unwrap_or_default();
    pair.strip_prefix('=').unwrap_or(&pair).to_owned()
}

/// Values joined by `separator`, e.g. `a,b,c` (array parameters, path
/// segments).
pub fn join<T: fmt::Display>(values: &[T], separator: char) -> String {
    let mut joined = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            joined.push(separator);
        }
        joined.push_str(&value.to_string());
    }
    joined
}

/// A parameter value as JSON text (parameters described by `content`).
pub fn json<E>(name: &str, value: &impl Serialize) -> Result<String, Error<E>> {
    serde_json::to_string(value).map_err(|e| invalid_parameter(name, e))
}

/// A parameter value as text: a string as it is, anything else as JSON
/// (values of `oneOf` or free-form schemas).
pub fn text<E>(name: &str, value: &impl Serialize) -> Result<String, Error<E>> {
    match serde_json::to_value(value).map_err(|e| invalid_parameter(name, e))? {
        serde_json::Value::String(text) => Ok(text),
        other => Ok(other.to_string()),
    }
}

/// Each value as [`text`]: array items whose `Display` is not their wire
/// form (date-times, written as RFC 3339).
pub fn texts<E>(name: &str, values: &[impl Serialize]) -> Result<Vec<String>, Error<E>> {
    values.iter().map(|value| text(name, value)).collect()
}

/// An object parameter as `k1,v1,k2,v2` (style `simple` or `form` without
/// explode).
pub fn object<E>(name: &str, value: &impl Serialize) -> Result<String, Error<E>> {
    Ok(join_pairs(&object_pairs(name, value)?))
}

/// The top-level properties of an object value as text, in the order the
/// value serializes them (a struct's declaration order): strings as they
/// are, other values as JSON. `null` properties are left out.
pub(super) fn object_pairs<E>(
    name: &str,
    value: &impl Serialize,
) -> Result<Vec<(String, String)>, Error<E>> {
    let properties = super::ordered::properties(value)
        .map_err(|e| invalid_parameter(name, e))?
        .ok_or_else(|| Error::InvalidRequest(format!("parameter `{name}` must be an object")))?;
    Ok(properties
        .into_iter()
        .filter(|(_, v)| !matches!(v, super::ordered::Ordered::Null))
        .map(|(k, v)| (k, super::ordered::text(v)))
        .collect())
}

fn join_pairs(pairs: &[(String, String)]) -> String {
    flat_pairs(pairs.to_vec()).join(",")
}

/// Keys and values in turn: `k1, v1, k2, v2`.
pub(super) fn flat_pairs(pairs: Vec<(String, String)>) -> Vec<String> {
    pairs.into_iter().flat_map(|(k, v)| [k, v]).collect()
}

pub(super) fn invalid_parameter<E>(name: &str, error: impl fmt::Display) -> Error<E> {
    Error::InvalidRequest(format!("`{name}` cannot be serialized: {error}"))
}
