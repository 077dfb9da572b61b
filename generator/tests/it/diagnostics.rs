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
fn every_node_of_the_wrong_type_is_located_at_its_own_line() {
    // One of each kind of place, far from the end of its container: each
    // error names its node and line, all at once, and the `null`s whose
    // intent is plain are mended with a warning.
    let spec = SpecSource::from_text(
        "structure.yaml",
        "structure",
        r#"openapi: 3.0.3
info: {title: T, version: '1'}
servers:
  - url: https://{region}.example.com
    variables:
      region:
        default: eu
        enum: eu
paths:
  /pets:
    get:
      security:
        - oauth2: null
      parameters:
        - name: limit
          in: query
          required: maybe
          schema: {type: integer}
      responses:
        '200':
          description: ok
          headers: [X-Rate-Limit]
          content:
            application/json:
              schema: null
    post:
      tags: pets
      requestBody: null
      parameters:
        - name: dryRun
          schema: {type: boolean}
      responses:
        '201': {}
  /owners: owners
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        paths: []
"#,
    );
    insta::assert_snapshot!(report(spec));
}

#[test]
fn flaws_whose_intent_is_plain_are_mended_and_no_body_is_dropped() {
    // A 3.0 spec: a `null` scope list, a `null` and a list where schemas
    // belong, and a body with no media type.
    let openapi = SpecSource::from_text(
        "mended.yaml",
        "mended",
        r#"openapi: 3.0.3
info: {title: T, version: '1'}
security:
  - oauth2: null
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content: {}
      responses:
        '201':
          description: ok
          content:
            application/json:
              schema: null
    put:
      operationId: replaceNote
      requestBody:
        content:
          application/json:
            schema: []
      responses:
        '204': {description: ok}
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://t.example.com', scopes: {}}}
"#,
    );
    // A 2.0 spec whose operations consume nothing: the document's media
    // type serves.
    let swagger = SpecSource::from_text(
        "consumes.yaml",
        "consumes",
        r#"swagger: '2.0'
info: {title: T, version: '1'}
consumes: [application/json]
paths:
  /envelopes:
    post:
      operationId: createEnvelope
      consumes: []
      parameters:
        - {name: body, in: body, required: true, schema: {type: object, properties: {subject: {type: string}}}}
      responses:
        '201': {description: created}
"#,
    );
    // Both bodies are arguments of their methods.
    let method = |spec: &SpecSource, module: &str, name: &str| {
        let generated = generate_crate(
            &package("mended"),
            &CrateOptions::default(),
            std::slice::from_ref(spec),
        )
        .unwrap();
        let client = &generated.files[std::path::Path::new(&format!("src/{module}/mod.rs"))];
        let start = client.find(&format!("pub fn {name}(")).unwrap();
        client[start..start + client[start..].find(')').unwrap() + 1].to_owned()
    };
    assert_eq!(
        method(&openapi, "mended", "create_note"),
        "pub fn create_note(\n        &self,\n        body: impl ::core::convert::Into<rt::serde_json::Value>,\n    )"
    );
    assert_eq!(
        method(&swagger, "consumes", "create_envelope"),
        "pub fn create_envelope(\n        &self,\n        body: impl ::core::convert::Into<CreateEnvelopeBody>,\n    )"
    );
    insta::assert_snapshot!(format!("{}\n\n{}", report(openapi), report(swagger)));
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
fn required_parts_that_only_document_are_read_as_empty_with_warnings() {
    // A 3.0 document of schemas alone, with no `info`: a crate of types.
    let schemas = SpecSource::from_text(
        "schemas.yaml",
        "schemas",
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n",
    );
    // `info` without its title, server variables without a default.
    let servers = SpecSource::from_text(
        "servers.yaml",
        "servers",
        [
            "openapi: 3.0.3",
            "info: {version: '1'}",
            "servers:",
            "  - url: https://{region}.example.com/{stage}",
            "    variables:",
            "      region: {enum: [eu, us]}",
            "      stage: {description: no default}",
            "paths: {}",
            "",
        ]
        .join("\n"),
    );
    assert_eq!(
        [report(schemas), report(servers)].join("\n\n"),
        [
            "warning: the document has no `info`, which OpenAPI requires; read with an empty title and version\n  --> schemas.yaml:1:1 (#)",
            "warning: the document has no `paths`, which this version of OpenAPI requires; read as none: the crate has the types of its schemas and no operations\n  --> schemas.yaml:1:1 (#)",
            "generated\n",
            "warning: this `info` has no `title`, which OpenAPI requires; read as empty\n  --> servers.yaml:2:1 (#/info)",
            "warning: server `https://eu.example.com/{stage}` uses a variable with no definition\n  --> servers.yaml:4:5 (#/servers/0)",
            "warning: server variable `region` has no `default`, which OpenAPI requires; read as its first value, `eu`\n  --> servers.yaml:6:7 (#/servers/0/variables/region)",
            "warning: server variable `stage` has no `default`, which OpenAPI requires, and no `enum` to take one from; left out\n  --> servers.yaml:7:7 (#/servers/0/variables/stage)",
            "generated",
        ]
        .join("\n")
    );
}

#[test]
fn flaws_generated_specs_have_are_read_with_warnings() {
    // As Java frameworks write them: a header parameter with no schema, an
    // extension among a callback's expressions, a negative `maxLength`.
    let spec = SpecSource::from_text(
        "generated.yaml",
        "generated",
        [
            "openapi: 3.0.1",
            "info: {title: T, version: '1'}",
            "paths:",
            "  /items:",
            "    get:",
            "      parameters:",
            "        - {name: X-Trace, in: header}",
            "      callbacks:",
            "        done:",
            "          x-vendor: 3",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {type: string, maxLength: -1}",
            "",
        ]
        .join("\n"),
    );
    assert_eq!(
        report(spec),
        [
            "warning: this parameter has neither `schema` nor `content`, one of which OpenAPI requires; read as a string\n  --> generated.yaml:7:12 (#/paths/~1items/get/parameters/0)",
            "warning: callbacks are requests the server makes; ignored\n  --> generated.yaml:8:7 (#/paths/~1items/get/callbacks)",
            "warning: `maxLength` must be a whole number of zero or more, not a number; left out\n  --> generated.yaml:16:38 (#/paths/~1items/get/responses/200/content/application~1json/schema/maxLength)",
            "generated",
        ]
        .join("\n")
    );
    // Documentation left out, and a schema's number where text belongs.
    let components = SpecSource::from_text(
        "components.yaml",
        "components",
        [
            "openapi: 3.0.1",
            "info: {title: T, version: '1'}",
            "tags:",
            "  - {name: pets, externalDocs: {description: More}}",
            "paths: {}",
            "components:",
            "  headers:",
            "    X-Rate: {description: Calls left}",
            "  securitySchemes:",
            "    oauth: {type: oauth2}",
            "  schemas:",
            "    Year: {type: string, title: 2024}",
            "",
        ]
        .join("\n"),
    );
    assert_eq!(
        report(components),
        [
            "warning: this `externalDocs` has no `url`, which OpenAPI requires; read as empty\n  --> components.yaml:4:18 (#/tags/0/externalDocs)",
            "warning: this header has neither `schema` nor `content`, one of which OpenAPI requires; read as a string\n  --> components.yaml:8:5 (#/components/headers/X-Rate)",
            "warning: this security scheme has no `flows`, which OpenAPI requires; read as none\n  --> components.yaml:10:5 (#/components/securitySchemes/oauth)",
            "generated",
        ]
        .join("\n")
    );
    // A `type` that is no name is an error.
    let typed = SpecSource::from_text(
        "typed.yaml",
        "typed",
        "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: 4}\n",
    );
    assert_eq!(
        report(typed),
        "error: not a valid OpenAPI 3.0 document: `type` must be a string, not a number\n  --> typed.yaml:6:9 (#/components/schemas/N/type)\nfailed"
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
