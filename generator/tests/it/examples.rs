//! `check_examples` and `openapi-client-gen lint`: every example a spec
//! gives, found with the Rust type the client uses for it and checked
//! against its schema, each disagreement reported where it is written.

use generator::{CrateOptions, ExampleKind, ExampleSummary, SpecSource, check_examples};

use crate::common::workspace_root;

fn tracker() -> SpecSource {
    let path = workspace_root().join("generator/tests/examples/tracker.yaml");
    SpecSource::read(&path, "tracker.yaml").unwrap()
}

#[test]
fn every_example_is_found_with_the_type_the_client_uses_there() {
    let checked = check_examples(&CrateOptions::default(), &tracker()).unwrap();
    let found: Vec<(ExampleKind, &str, Option<&str>, String)> = checked
        .examples
        .iter()
        .map(|e| (e.kind, e.what.as_str(), e.rust_type.as_deref(), e.place()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ExampleKind::Parameter,
                "parameter `state` of `listIssues`",
                Some("ListIssuesState"),
                "tracker.yaml:13:11".to_owned()
            ),
            (
                ExampleKind::Parameter,
                "parameter `per_page` of `listIssues`",
                Some("i64"),
                "tracker.yaml:17:11".to_owned()
            ),
            (
                ExampleKind::Response,
                "200 response of `listIssues`",
                Some("Vec<Issue>"),
                "tracker.yaml:55:7".to_owned()
            ),
            (
                ExampleKind::Response,
                "200 response of `listIssues`",
                Some("Vec<Issue>"),
                "tracker.yaml:30:19".to_owned()
            ),
            (
                ExampleKind::Response,
                "200 response of `listIssues`",
                Some("Vec<Issue>"),
                "tracker.yaml:32:19".to_owned()
            ),
            (
                ExampleKind::RequestBody,
                "request body of `createIssue`",
                // An optional body: the argument is an `Option`.
                Some("Option<Issue>"),
                "tracker.yaml:39:13".to_owned()
            ),
            (
                ExampleKind::Response,
                "201 response of `createIssue`",
                Some("Issue"),
                "tracker.yaml:46:15".to_owned()
            ),
            (
                ExampleKind::Response,
                "404 response of `createIssue`",
                None,
                "tracker.yaml:51:15".to_owned()
            ),
            (
                ExampleKind::Schema,
                "schema `Issue`",
                Some("Issue"),
                "tracker.yaml:66:7".to_owned()
            ),
            (
                ExampleKind::Property,
                "property `id` of `Issue`",
                Some("Option<i64>"),
                "tracker.yaml:68:45".to_owned()
            ),
        ]
    );
    // An example written as a string of JSON stands for that JSON.
    let written_as_text = &checked.examples[6];
    assert_eq!(written_as_text.value["assignee"]["login"], "ada");
    assert!(written_as_text.is_valid());
}

#[test]
fn nullable_references_and_one_way_requirements_are_read_as_openapi_says() {
    let checked = check_examples(&CrateOptions::default(), &tracker()).unwrap();
    let valid: Vec<bool> = checked.examples.iter().map(|e| e.is_valid()).collect();
    // `null` for a nullable component; a response without the write-only
    // password; a request without the read-only id.
    assert_eq!(
        valid,
        [
            true, false, true, true, false, true, true, false, true, false
        ]
    );
    assert!(!checked.examples[7].schema_checked, "text has no schema");
}

#[test]
fn each_disagreement_is_a_located_warning_saying_what_disagrees() {
    let checked = check_examples(&CrateOptions::default(), &tracker()).unwrap();
    let warnings: Vec<String> = checked.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "warning: the example of the parameter `per_page` of `listIssues` does not match its schema: the value: value is not of type \"integer\"\n  --> tracker.yaml:17:11 (#/paths/~1issues/get/parameters/1/example)",
            "warning: the example of the 200 response of `listIssues` does not match its schema: `/0`: \"title\" is a required property\n  --> tracker.yaml:32:19 (#/paths/~1issues/get/responses/200/content/application~1json/examples/no-title/value)",
            "warning: the example of the property `id` of `Issue` does not match its schema: the value: value is not of type \"integer\"\n  --> tracker.yaml:68:45 (#/components/schemas/Issue/properties/id/example)",
        ]
    );
    let summary = ExampleSummary::of(&checked.examples);
    assert_eq!(
        summary.to_string(),
        "10 examples: 6 match their schemas, 3 do not (response 1, parameter 1, property 1; missing required property 1, wrong type 2), 1 not checked"
    );
}

#[test]
fn the_lint_command_prints_the_warnings_and_fails() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
        .args(["lint", "tests/examples/tracker.yaml"])
        .current_dir(workspace_root().join("generator"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("warning: the example of").count(), 3);
    assert!(stderr.ends_with(
        "tests/examples/tracker.yaml: 10 examples: 6 match their schemas, 3 do not (response 1, parameter 1, property 1; missing required property 1, wrong type 2), 1 not checked\n"
    ), "{stderr}");
}

/// The formats the client types are checked as it reads them: a UUID of a
/// short first group, text that is no base64, a date-time and a date that
/// are not ones; a UUID without hyphens and URL-safe base64 without padding
/// are read by the client, so they match.
#[test]
fn formats_the_client_types_are_checked_as_it_reads_them() {
    let spec = SpecSource::from_text(
        "formats.yaml",
        "formats",
        "openapi: 3.0.3
info: {title: F, version: '1'}
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        short: {type: string, format: uuid, example: 3f3e3e1-c824-4d63-b37a-d8d698862f1d}
        simple: {type: string, format: uuid, example: 3f3e3e11c8244d63b37ad8d698862f1d}
        text: {type: string, format: byte, example: 'not base64!'}
        url_safe: {type: string, format: byte, example: '-_8'}
        when: {type: string, format: date-time, example: yesterday}
        day: {type: string, format: date, example: '2024-02-30'}
",
    );
    let checked = check_examples(&CrateOptions::default(), &spec).unwrap();
    let valid: Vec<(String, bool)> = checked
        .examples
        .iter()
        .map(|e| (e.place(), e.is_valid()))
        .collect();
    // One example per line, from line 9: short, simple, text, url_safe,
    // when, day.
    assert_eq!(
        valid,
        [
            ("formats.yaml:9:45".to_owned(), false),
            ("formats.yaml:10:46".to_owned(), true),
            ("formats.yaml:11:44".to_owned(), false),
            ("formats.yaml:12:48".to_owned(), true),
            ("formats.yaml:13:49".to_owned(), false),
            ("formats.yaml:14:43".to_owned(), false),
        ]
    );
}
