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
