//! Stage 1: spec text (YAML or JSON) to an `openapiv3::OpenAPI` document.

use serde_path_to_error::{Path, Segment};

use crate::diagnostics::{Diagnostics, Pointer};
use crate::locate::Location;

/// Parses a spec. JSON is a subset of YAML, but the JSON parser is faster
/// and gives better error positions, so text that looks like JSON is parsed
/// as JSON. A document that does not fit OpenAPI 3.0 is reported at the
/// node that does not fit.
pub fn parse_spec(text: &str, diagnostics: &mut Diagnostics) -> Option<openapiv3::OpenAPI> {
    let result = if text.trim_start().starts_with('{') {
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
    };
    match result {
        Ok(spec) => Some(spec),
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
        assert_eq!(parse_spec(yaml, &mut d), parse_spec(json, &mut d));
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
        assert!(
            parse_spec(
                "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n",
                &mut d
            )
            .is_none()
        );
        assert!(
            parse_spec(
                "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks: {}\n",
                &mut d
            )
            .is_none()
        );
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
