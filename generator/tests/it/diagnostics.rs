//! What a spec author reads: every diagnostic's exact text, file, line,
//! column and JSON pointer, as an insta snapshot per input. A spec with five
//! different errors gets all five in one run, in YAML and in JSON.

use generator::{CrateOptions, SpecSource, generate_crate};

use crate::common::{package, workspace_root};

/// Every diagnostic of generating `spec`, as printed, and whether it failed.
fn report(spec: SpecSource) -> String {
    let (diagnostics, outcome) =
        match generate_crate(&package("diagnostics"), &CrateOptions::default(), &[spec]) {
            Ok(generated) => (generated.warnings, "generated"),
            Err(failure) => (failure.diagnostics, "failed"),
        };
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    format!("{}\n{outcome}", lines.join("\n"))
}

fn report_of(relative: &str) -> String {
    let path = workspace_root().join("generator/tests").join(relative);
    let label = relative.to_owned();
    report(SpecSource::read(&path, label).unwrap())
}

#[test]
fn five_errors_in_yaml_are_all_reported_with_their_positions() {
    insta::assert_snapshot!(report_of("invalid/five-errors.yaml"));
}

#[test]
fn five_errors_in_json_are_all_reported_with_their_positions() {
    insta::assert_snapshot!(report_of("invalid/five-errors.json"));
}

#[test]
fn a_node_of_the_wrong_type_is_located() {
    let spec = SpecSource::from_text(
        "broken.yaml",
        "broken",
        "openapi: 3.0.3\ninfo:\n  title: [a, b]\n  version: '1'\npaths: {}\n",
    );
    insta::assert_snapshot!(report(spec));
}

#[test]
fn ignored_features_are_located_warnings_not_errors() {
    insta::assert_snapshot!(report_of("fixtures/responses.yaml"));
}

#[test]
fn flaws_of_a_3_1_spec_are_located_warnings() {
    insta::assert_snapshot!(report_of("invalid/flaws-3.1.yaml"));
}

#[test]
fn flaws_of_a_2_0_spec_point_into_the_2_0_document() {
    insta::assert_snapshot!(report_of("invalid/flaws-2.0.yaml"));
}

#[test]
fn problems_in_other_files_name_those_files() {
    insta::assert_snapshot!(report_of("invalid/multi/root.yaml"));
}

#[test]
fn a_referenced_file_that_does_not_parse_is_named() {
    insta::assert_snapshot!(report_of("invalid/multi/broken-ref.yaml"));
}

#[test]
fn other_versions_references_without_a_folder_and_bad_methods() {
    let spec = |label: &str, text: &str| SpecSource::from_text(label, "m", text);
    let reports = [
        spec("four.yaml", "openapi: 4.0.0\ninfo: {title: T, version: '1'}\n"),
        spec("none.yaml", "info: {title: T, version: '1'}\n"),
        spec(
            "text.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a: {$ref: 'a.yaml'}\n",
        ),
        spec(
            "methods.yaml",
            "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    additionalOperations:\n      get: {responses: {'204': {description: ok}}}\n      'BAD METHOD': {responses: {'204': {description: ok}}}\n",
        ),
    ]
    .map(report);
    insta::assert_snapshot!(reports.join("\n\n"));
}

#[test]
fn text_that_is_no_spec_gets_one_located_error() {
    let spec = |label: &str, text: &str| SpecSource::from_text(label, "m", text);
    let reports = [
        spec("empty.yaml", ""),
        spec("syntax.yaml", "openapi: 3.0.3\ninfo: [title\n"),
        spec("syntax.json", "{\"openapi\": \"3.0.3\",\n \"info\": }\n"),
        spec("list.json", "[1, 2, 3]\n"),
        spec(
            "binary.yaml",
            &String::from_utf8_lossy(b"\x00\x01\xff\xfeopenapi\x00"),
        ),
        spec(
            "paths.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: [a, b]\n",
        ),
    ]
    .map(report);
    insta::assert_snapshot!(reports.join("\n\n"));
}

#[test]
fn shapes_other_tools_accept_are_read_with_located_warnings() {
    let spec = SpecSource::from_text(
        "shapes.yaml",
        "shapes",
        [
            "swagger: '2.0'",
            "info: {title: T, version: '1'}",
            "paths:",
            "  /gone: []",
            "  /items:",
            "    get: []",
            "    post:",
            "      responses: {'204': {description: ok}}",
            "definitions:",
            "  Pair:",
            "    type: array",
            "    items: [{type: integer}, {type: string}]",
            "",
        ]
        .join("\n"),
    );
    assert_eq!(
        report(spec),
        [
            "warning: a path item must be a map of operations; ignored\n  --> shapes.yaml:4:3 (#/paths/~1gone)",
            "warning: an operation must be a map; this one is empty, so nothing is generated for it\n  --> shapes.yaml:6:5 (#/paths/~1items/get)",
            "warning: positional item schemas are read as a list whose items may be any of them; positions are not kept\n  --> shapes.yaml:12:5 (#/definitions/Pair/items)",
            "generated",
        ]
        .join("\n")
    );
}

#[test]
fn a_node_of_the_wrong_type_under_many_nested_schemas_is_found_at_once() {
    let path = workspace_root()
        .join("generator/tests/regressions/wrong-type-under-100-nested-arrays.json");
    let text = std::fs::read_to_string(path).unwrap();
    let spec = SpecSource::from_text("deep.json", "deep", text);
    let report = report(spec);
    let pointer = format!("#/components/schemas/Deep{}/type", "/items".repeat(100));
    assert_eq!(
        report,
        format!(
            "error: not a valid OpenAPI 3.0 document: `type` must be a string, not a map\n  --> deep.json:1:2814 ({pointer})\nfailed"
        )
    );
}
