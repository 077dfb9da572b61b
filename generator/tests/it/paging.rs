//! Which operations page and why: the note each decision leaves (what was
//! decided, from where, how to change it), the rules that override it, and
//! the warnings for what cannot page as a spec or rule says.

use generator::{CrateOptions, PagingRule, PagingStrategy, SpecSource, generate_crate};

use crate::common::{package, workspace_root};

/// The notes and warnings of generating `spec`, as printed, and the module
/// it became.
fn generate(spec: SpecSource, options: &CrateOptions) -> (String, String) {
    let generated = generate_crate(&package("test-crate"), options, &[spec]).expect("generates");
    let lines: Vec<String> = generated
        .notes
        .iter()
        .chain(&generated.warnings)
        .map(ToString::to_string)
        .collect();
    let module = generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("types.rs"))
        .map(|(_, text)| text.clone())
        .expect("a types.rs");
    (lines.join("\n"), module)
}

fn fixture() -> SpecSource {
    let path = workspace_root().join("generator/tests/fixtures/pagination.yaml");
    SpecSource::read(&path, "fixtures/pagination.yaml".to_owned()).unwrap()
}

#[test]
fn each_pagination_is_a_located_note_naming_strategy_and_source() {
    let (report, _) = generate(fixture(), &CrateOptions::default());
    insta::assert_snapshot!(report);
}

#[test]
fn counts_say_where_each_pagination_came_from() {
    let generated =
        generate_crate(&package("paging"), &CrateOptions::default(), &[fixture()]).unwrap();
    let counts = generated.paging;
    assert_eq!((counts.extension, counts.rule, counts.guess), (3, 0, 11));
}

#[test]
fn rules_win_over_extensions_and_guesses() {
    let options = CrateOptions::default()
        .with_paging("listSilos=none".parse().unwrap())
        .with_paging(PagingRule::new(
            "GET /tags",
            Some(PagingStrategy::LinkHeader),
        ))
        .with_paging("/repos/*=page:page".parse().unwrap());
    let (report, module) = generate(fixture(), &options);

    assert!(!module.contains("impl rt::Paginated for ListSilosBuilder"));
    assert!(module.contains("impl rt::Paginated for ListTagsBuilder"));
    // The page size is found among the parameters when the rule names none.
    assert!(
        module.contains(
            "const PAGING: rt::Paging = rt::Paging::PageNumber {\n        param: \"page\",\n        size: Some(\"per_page\"),\n    };"
        ),
        "{module}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn what_cannot_page_as_said_is_a_located_warning() {
    let spec = SpecSource::from_text(
        "hostile.yaml",
        "hostile",
        r#"openapi: 3.0.3
info: {title: Hostile, version: '1'}
paths:
  /a:
    get:
      operationId: nestedCursor
      x-speakeasy-pagination:
        type: cursor
        inputs: [{name: after, in: parameters, type: cursor}]
        outputs: {nextCursor: '$.data[-1].id', results: '$.data'}
      parameters:
        - {name: after, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: string}}}}
  /b:
    get:
      operationId: noToken
      x-dropshot-pagination: {required: []}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {items: {type: array, items: {type: string}}, next_page: {type: string}}}
  /c:
    get:
      operationId: twoLists
      x-ms-pageable: {nextLinkName: next, itemName: null}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {a: {type: array, items: {type: string}}, b: {type: array, items: {type: string}}, next: {type: string}}}
  /d:
    get:
      operationId: onePage
      x-ms-pageable: {nextLinkName: null}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {value: {type: array, items: {type: string}}}}
"#,
    );
    let options = CrateOptions::default().with_paging(PagingRule::new(
        "onePage",
        Some(PagingStrategy::Cursor {
            param: "cursor".into(),
            path: vec!["next".into()],
        }),
    ));
    let (report, module) = generate(spec, &options);
    assert!(!module.contains("impl rt::Paginated"), "{module}");
    insta::assert_snapshot!(report);
}

#[test]
fn a_bad_rule_is_an_error_that_says_the_syntax() {
    let error = "listThings=cursor:cursor"
        .parse::<PagingRule>()
        .unwrap_err();
    assert_eq!(error, "`cursor:` takes PARAM=PATH");
    let error = "listThings".parse::<PagingRule>().unwrap_err();
    assert_eq!(error, "`listThings` is not OPERATIONS=STRATEGY");
}
