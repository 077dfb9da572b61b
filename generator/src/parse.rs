//! Stage 1: spec text (YAML or JSON) to a [`Document`]: the raw JSON tree,
//! kept for following `$ref`s, and the typed `openapiv3` document read from
//! it.

use serde::Deserialize;
use serde_path_to_error::{Path, Segment};

use crate::diagnostics::{Diagnostics, Pointer};
use crate::locate::Location;

/// A parsed spec.
pub(crate) struct Document {
    /// The spec as written, in document order.
    pub raw: serde_json::Value,
    pub typed: openapiv3::OpenAPI,
}

/// Parses a spec. JSON is a subset of YAML, but the JSON parser is faster
/// and gives better error positions, so text that looks like JSON is parsed
/// as JSON.
///
/// The text is parsed once, into the raw tree, and the typed document is
/// read from that. Only when that fails is the text parsed again straight
/// into the typed document: YAML lets a plain scalar such as `version: 1.0`
/// stand for a string, which only the text parser knows, and its errors
/// carry the path and position of the node that does not fit OpenAPI 3.0.
pub(crate) fn parse_spec(text: &str, diagnostics: &mut Diagnostics) -> Option<Document> {
    let looks_like_json = text.trim_start().starts_with('{');
    let raw: Option<serde_json::Value> = if looks_like_json {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    };
    let typed = match raw
        .as_ref()
        .and_then(|raw| openapiv3::OpenAPI::deserialize(raw).ok())
    {
        Some(typed) => Ok(typed),
        None => typed_from_text(text, looks_like_json),
    };
    match typed {
        Ok(typed) => {
            let raw = raw.unwrap_or_else(|| serde_json::to_value(&typed).unwrap_or_default());
            Some(Document { raw, typed })
        }
        Err(_) if unsupported_version(text, diagnostics) => None,
        Err((pointer, location, message)) => {
            diagnostics.error_at(
                &pointer,
                location,
                format!("not a valid OpenAPI 3.0 document: {message}"),
            );
            None
        }
    }
}

type ParseError = (Pointer, Option<Location>, String);

/// The typed document straight from the text, or where and why it does not
/// fit.
fn typed_from_text(text: &str, json: bool) -> Result<openapiv3::OpenAPI, ParseError> {
    if json {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let pointer = pointer(e.path());
            let inner = e.into_inner();
            let location = (inner.line() > 0).then(|| Location {
                line: inner.line(),
                column: inner.column(),
            });
            (pointer, location, inner.to_string())
        })
    } else {
        serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|e| {
            let pointer = pointer(e.path());
            let inner = e.into_inner();
            let location = inner.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
            });
            (pointer, location, inner.to_string())
        })
    }
}

/// The version fields, read only when a document failed to parse as 3.0.
#[derive(serde::Deserialize)]
struct Version {
    openapi: Option<String>,
    swagger: Option<String>,
}

/// Reports a document of another OpenAPI version as such, rather than by
/// the first field 3.0 parsing trips over. Returns whether it did.
fn unsupported_version(text: &str, diagnostics: &mut Diagnostics) -> bool {
    let version: Option<Version> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    };
    let message = match version {
        Some(Version {
            swagger: Some(v), ..
        }) => {
            format!(
                "this is a Swagger {v} document; the generator reads OpenAPI 3.0 (convert it first, e.g. with swagger2openapi)"
            )
        }
        Some(Version {
            openapi: Some(v), ..
        }) if !v.starts_with("3.0") => {
            format!("OpenAPI {v} is not supported yet; the generator reads OpenAPI 3.0.x")
        }
        _ => return false,
    };
    let field = if message.starts_with("this is a Swagger") {
        "swagger"
    } else {
        "openapi"
    };
    diagnostics.error(&Pointer::root().join(field), message);
    true
}

/// A serde path (`info.title`) as a JSON pointer (`/info/title`).
fn pointer(path: &Path) -> Pointer {
    path.iter()
        .fold(Pointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.join(index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_json_give_the_same_document() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
        let json = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}"#;
        let mut d = Diagnostics::new("t");
        let (yaml, json) = (parse_spec(yaml, &mut d), parse_spec(json, &mut d));
        assert_eq!(yaml.map(|d| d.typed), json.map(|d| d.typed));
        assert!(!d.has_errors());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut d = Diagnostics::new("t");
        assert!(parse_spec("openapi: [", &mut d).is_none());
        assert!(d.has_errors());
    }

    #[test]
    fn other_versions_are_named_as_such() {
        let mut d = Diagnostics::new("t");
        let swagger = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n";
        assert!(parse_spec(swagger, &mut d).is_none());
        let openapi_3_1 = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks: {}\n";
        assert!(parse_spec(openapi_3_1, &mut d).is_none());
        let found = d.into_vec();
        assert!(
            found[0].message.contains("Swagger 2.0") && found[0].pointer == "/swagger",
            "{found:?}"
        );
        assert!(
            found[1].message.contains("OpenAPI 3.1.0 is not supported")
                && found[1].pointer == "/openapi"
        );
    }

    #[test]
    fn yaml_scalars_read_as_strings_still_parse() {
        let mut d = Diagnostics::new("t");
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0}\npaths: {}\n";
        let document = parse_spec(spec, &mut d).expect("lenient YAML");
        assert_eq!(document.typed.info.version, "1.0");
        assert_eq!(document.raw["info"]["version"], serde_json::json!(1.0));
    }

    #[test]
    fn a_node_of_the_wrong_type_is_reported_at_its_pointer() {
        let mut d = Diagnostics::new("t");
        parse_spec(
            "openapi: 3.0.3\ninfo:\n  title: [a]\n  version: '1'\npaths: {}\n",
            &mut d,
        );
        let found = d.into_vec();
        assert_eq!(found[0].pointer, "/info/title", "{found:?}");
    }
}
