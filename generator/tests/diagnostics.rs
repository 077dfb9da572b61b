//! A spec with five different errors gets all five reported in one run, each
//! with its `file:line:column`, in YAML and in JSON.

use generator::{CrateOptions, Severity, SpecSource, generate_crate, workspace};

/// `(message fragment, location)` of every error, in report order.
fn errors(file: &str) -> Vec<(String, String)> {
    let path = workspace::root().join("generator/tests/invalid").join(file);
    let spec = SpecSource::read(&path, file).unwrap();
    let options = CrateOptions {
        name: "invalid".into(),
        version: "0.0.0".into(),
        generated_by: "test".into(),
    };
    let failure = generate_crate(&options, &[spec]).expect_err("the spec has errors");
    failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let location = d.location.expect("every error is located");
            (
                d.message.clone(),
                format!("{}:{}:{}", d.file, location.line, location.column),
            )
        })
        .collect()
}

fn assert_errors(file: &str, expected: [(&str, &str); 5]) {
    let found = errors(file);
    assert_eq!(found.len(), 5, "{found:#?}");
    for ((message, location), (fragment, expected_location)) in found.iter().zip(expected) {
        assert!(
            message.contains(fragment),
            "`{message}` should mention `{fragment}`"
        );
        assert_eq!(location, expected_location, "location of `{message}`");
    }
}

#[test]
fn five_errors_in_yaml_are_all_reported_with_their_positions() {
    assert_errors(
        "five-errors.yaml",
        [
            (
                "does not name an entry of components/parameters",
                "five-errors.yaml:11:11",
            ),
            (
                "http auth scheme `digest` is not supported",
                "five-errors.yaml:13:11",
            ),
            ("points into another file", "five-errors.yaml:19:15"),
            ("has an unclosed `{`", "five-errors.yaml:22:5"),
            (
                "points at nothing in this document",
                "five-errors.yaml:35:9",
            ),
        ],
    );
}

#[test]
fn five_errors_in_json_are_all_reported_with_their_positions() {
    assert_errors(
        "five-errors.json",
        [
            (
                "does not name an entry of components/parameters",
                "five-errors.json:12:13",
            ),
            (
                "http auth scheme `digest` is not supported",
                "five-errors.json:17:13",
            ),
            ("points into another file", "five-errors.json:25:17"),
            ("has an unclosed `{`", "five-errors.json:35:7"),
            (
                "points at nothing in this document",
                "five-errors.json:55:11",
            ),
        ],
    );
}

#[test]
fn a_node_of_the_wrong_type_is_located() {
    let spec = SpecSource {
        label: "broken.yaml".into(),
        module: "broken".into(),
        text: "openapi: 3.0.3\ninfo:\n  title: [a, b]\n  version: '1'\npaths: {}\n".into(),
    };
    let options = CrateOptions {
        name: "broken".into(),
        version: "0.0.0".into(),
        generated_by: "test".into(),
    };
    let failure = generate_crate(&options, &[spec]).expect_err("not YAML");
    let shown = failure.to_string();
    assert!(shown.contains("broken.yaml:3:10 (#/info/title)"), "{shown}");
}

#[test]
fn ignored_features_are_located_warnings_not_errors() {
    let path = workspace::root().join("generator/tests/fixtures/responses.yaml");
    let spec = SpecSource::read(&path, "responses.yaml").unwrap();
    let options = CrateOptions {
        name: "responses".into(),
        version: "0.0.0".into(),
        generated_by: "test".into(),
    };
    let generated = generate_crate(&options, &[spec]).expect("warnings do not stop generation");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].contains("callbacks") && warnings[0].contains("responses.yaml:11:7"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("links") && warnings[1].contains("responses.yaml:28:11"),
        "{}",
        warnings[1]
    );
}
