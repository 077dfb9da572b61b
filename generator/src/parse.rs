//! Stage 1: spec text (YAML or JSON) to an `openapiv3::OpenAPI` document.

use crate::diagnostics::{Diagnostics, Pointer};

/// Parses a spec. JSON is a subset of YAML, but the JSON parser gives better
/// error positions, so text that looks like JSON is parsed as JSON.
pub fn parse_spec(text: &str, diagnostics: &mut Diagnostics) -> Option<openapiv3::OpenAPI> {
    let result = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    };
    match result {
        Ok(spec) => Some(spec),
        Err(e) => {
            diagnostics.error(
                &Pointer::root(),
                format!("not a valid OpenAPI 3.0 document: {e}"),
            );
            None
        }
    }
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
}
