//! Stage 1: spec text (YAML or JSON) to a [`Document`]: the raw JSON tree,
//! bundled with the files it refers to ([`crate::bundle`]) and made an
//! OpenAPI 3.0 document whatever its version ([`crate::normalize`]), kept
//! for following `$ref`s; and the typed `openapiv3` document read from it.

use serde::Deserialize;
use serde_json::Value;
use serde_path_to_error::{Path, Segment};

use crate::diagnostics::Diagnostics;
use crate::locate::Location;
use crate::normalize::{self, Version};
use crate::pointer::Pointer;
use crate::raw::{SyntaxError, is_json, raw_tree};
use crate::source::SpecSource;

/// A parsed spec.
pub(crate) struct Document {
    /// The spec as an OpenAPI 3.0 tree, in document order.
    pub raw: Value,
    pub typed: openapiv3::OpenAPI,
    /// The other files read, as `(label, text)`.
    pub files: Vec<(String, String)>,
    /// Where they were read from.
    pub paths: Vec<std::path::PathBuf>,
}

/// How many YAML scalars (`version: 1.0`) are read as the strings they
/// stand for before a document is taken for broken.
const MAX_COERCIONS: usize = 1000;

/// Parses a spec. JSON is a subset of YAML, but the JSON parser is faster
/// and gives better error positions, so text that looks like JSON is parsed
/// as JSON.
///
/// The text is parsed once, into the raw tree, which is bundled and
/// normalised, and the typed document is read from that. YAML lets a plain
/// scalar such as `version: 1.0` stand for a string: where the typed
/// document wants a string and finds a number or boolean, it is read as its
/// text. An OpenAPI 3.0 text that still does not fit is parsed again
/// straight into the typed document, whose errors carry the exact position.
pub(crate) fn parse_spec(
    spec: &SpecSource,
    allow_outside_refs: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let text = &spec.text;
    let looks_like_json = is_json(text);
    if text.trim().is_empty() {
        let start = Some(Location { line: 1, column: 1 });
        diagnostics.error_at(&Pointer::root(), start, "the spec is empty");
        return None;
    }
    let mut raw = match raw_tree(text) {
        Ok(raw) => raw,
        Err(SyntaxError { message, location }) => {
            let error = (Pointer::root(), location, message);
            report(Some(error), "YAML or JSON", diagnostics);
            return None;
        }
    };
    let version = normalize::version(&raw, diagnostics)?;
    let read = crate::bundle::bundle(
        &mut raw,
        spec.path.as_deref(),
        &spec.label,
        allow_outside_refs,
        version,
        diagnostics,
    );
    let paths = read.iter().map(|f| f.path.clone()).collect();
    let files = read.into_iter().map(|f| (f.label, f.text)).collect();
    normalize::normalize(&mut raw, version, diagnostics);
    // Before the typed read, which reports only the first node of the wrong
    // type, at the end of its container, and would take exponential time
    // to fail on one deep in nested schemas.
    let mut problems = normalize::Problems::default();
    normalize::check_document(&mut raw, &mut problems);
    for (pointer, message) in problems.warnings {
        diagnostics.warning(&pointer, message);
    }
    if !problems.errors.is_empty() {
        for (pointer, message) in problems.errors {
            report(Some((pointer, None, message)), version.name(), diagnostics);
        }
        return None;
    }
    if let Ok(typed) = openapiv3::OpenAPI::deserialize(&raw) {
        return Some(Document {
            raw,
            typed,
            files,
            paths,
        });
    }
    // A 3.0 JSON text, read again straight into the typed document, gives
    // errors the parser's exact position. (Not YAML: read that way,
    // `openapiv3` can panic on documents its own retry then accepts.)
    let from_text =
        (version == Version::OpenApi30 && looks_like_json).then(|| typed_from_json(text));
    if let Some(Ok(typed)) = from_text {
        return Some(Document {
            raw,
            typed,
            files,
            paths,
        });
    }
    match (typed_with_coercion(&mut raw), from_text) {
        (Ok(typed), _) => {
            return Some(Document {
                raw,
                typed,
                files,
                paths,
            });
        }
        (Err(_), Some(Err(error))) => report(Some(error), "OpenAPI 3.0", diagnostics),
        (Err((pointer, message)), _) => {
            report(Some((pointer, None, message)), version.name(), diagnostics);
        }
    }
    None
}

type ParseError = (Pointer, Option<Location>, String);

fn report(error: Option<ParseError>, what: &str, diagnostics: &mut Diagnostics) {
    if let Some((pointer, location, message)) = error {
        diagnostics.error_at(
            &pointer,
            location,
            format!("not a valid {what} document: {message}"),
        );
    }
}

/// The typed document from the raw tree, reading a number or boolean as
/// its text where a string is wanted.
fn typed_with_coercion(raw: &mut Value) -> Result<openapiv3::OpenAPI, (Pointer, String)> {
    for _ in 0..MAX_COERCIONS {
        let error = match serde_path_to_error::deserialize(&*raw) {
            Ok(typed) => return Ok(typed),
            Err(error) => error,
        };
        let pointer = pointer(error.path());
        let message = error.into_inner().to_string();
        let node = raw.pointer_mut(&pointer.to_string());
        match node {
            Some(node @ (Value::Number(_) | Value::Bool(_)))
                if message.contains("expected a string") =>
            {
                *node = Value::String(node.to_string());
            }
            _ => return Err((pointer, message)),
        }
    }
    Err((
        Pointer::root(),
        "too many scalars where strings are expected".to_owned(),
    ))
}

/// The typed document straight from JSON text, or where and why it does
/// not fit.
fn typed_from_json(text: &str) -> Result<openapiv3::OpenAPI, ParseError> {
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

    fn parse(text: &str, d: &mut Diagnostics) -> Option<Document> {
        let spec = SpecSource::from_text("t", "t", text);
        parse_spec(&spec, false, d)
    }

    #[test]
    fn yaml_and_json_give_the_same_document() {
        let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
        let json = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}"#;
        let mut d = Diagnostics::new("t");
        let (yaml, json) = (parse(yaml, &mut d), parse(json, &mut d));
        assert_eq!(yaml.map(|d| d.typed), json.map(|d| d.typed));
        assert!(!d.has_errors());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut d = Diagnostics::new("t");
        assert!(parse("openapi: [", &mut d).is_none());
        assert!(d.has_errors());
    }

    #[test]
    fn every_supported_version_parses() {
        let mut d = Diagnostics::new("t");
        let swagger = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n";
        assert!(parse(swagger, &mut d).is_some());
        let openapi_3_1 = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n";
        assert!(parse(openapi_3_1, &mut d).is_some());
        assert!(!d.has_errors(), "{:?}", d.into_vec());
    }

    #[test]
    fn yaml_scalars_read_as_strings_still_parse() {
        let mut d = Diagnostics::new("t");
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0}\npaths: {}\n";
        let document = parse(spec, &mut d).expect("lenient YAML");
        assert_eq!(document.typed.info.version, "1.0", "the number's text");
        let spec = "openapi: 3.1.0\ninfo: {title: T, version: 2.5}\npaths: {}\n";
        let document = parse(spec, &mut d).expect("lenient YAML");
        assert_eq!(document.typed.info.version, "2.5", "3.1: the number's text");
    }

    #[test]
    fn a_node_of_the_wrong_type_is_reported_at_its_pointer() {
        let mut d = Diagnostics::new("t");
        parse(
            "openapi: 3.0.3\ninfo:\n  title: [a]\n  version: '1'\npaths: {}\n",
            &mut d,
        );
        let found = d.into_vec();
        assert_eq!(found[0].pointer, "/info/title", "{found:?}");
    }
}
