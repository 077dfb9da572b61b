//! The model built from small inline specs: what the graph passes and the
//! operation builder decide, asserted on the model rather than on emitted
//! text.

use super::*;
use crate::diagnostics::Diagnostics;
use crate::parse::parse_spec;

/// The model of `paths` and `components` (YAML, indented as top-level keys)
/// in an otherwise empty spec, with the warnings found.
fn build(body: &str) -> (Api, Vec<String>) {
    build_with(body, ModelOptions::default())
}

/// [`build`] with `options`.
fn build_with(body: &str, options: ModelOptions) -> (Api, Vec<String>) {
    let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{body}");
    let mut diagnostics = Diagnostics::new("t.yaml");
    let spec = crate::source::SpecSource::from_text("t.yaml", "t", text);
    let document = parse_spec(&spec, false, &mut diagnostics).expect("parses");
    let api = build_api(&document, "t", "t.yaml", options, &mut diagnostics);
    let found: Vec<String> = diagnostics
        .into_vec()
        .into_iter()
        .map(|d| d.to_string())
        .collect();
    (api.unwrap_or_else(|| panic!("{found:#?}")), found)
}

fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let found = api.types.iter().find(|(_, def)| def.name == name);
    found.unwrap_or_else(|| panic!("no type {name}")).1
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.kind {
        TypeKind::Struct { fields } => fields,
        other => panic!("not a struct: {other:?}"),
    }
}

fn field<'a>(def: &'a TypeDef, wire: &str) -> &'a Field {
    fields(def).iter().find(|f| f.wire_name == wire).unwrap()
}

#[test]
fn a_type_containing_itself_directly_is_boxed_but_not_through_a_list() {
    let (api, _) = build(
        r#"
paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        name: {type: string}
"#,
    );
    let node = def(&api, "Node");
    assert!(field(node, "parent").boxed);
    assert!(!field(node, "children").boxed);
    assert!(!field(node, "name").boxed);
}

#[test]
fn a_cycle_through_two_types_boxes_both_sides() {
    let (api, _) = build(
        r#"
paths: {}
components:
  schemas:
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
"#,
    );
    assert!(field(def(&api, "A"), "b").boxed);
    assert!(field(def(&api, "B"), "a").boxed);
}

#[test]
fn identical_inline_types_are_merged_and_parents_follow() {
    let operation = |path: &str, id: &str, schema: &str| {
        format!(
            "  {path}:\n    get:\n      operationId: {id}\n      responses:\n        '200':\n          \
             description: ok\n          content:\n            application/json:\n              \
             schema: {schema}\n"
        )
    };
    let with_user =
        "{type: object, properties: {user: {type: object, properties: {id: {type: integer}}}}}";
    let other = "{type: object, description: Different, properties: {id: {type: integer}}}";
    let paths = [
        operation("/a", "getA", with_user),
        operation("/b", "getB", with_user),
        operation("/c", "getC", other),
    ];
    let (api, _) = build(&format!("paths:\n{}", paths.concat()));
    let names = |aliases: bool| -> Vec<&str> {
        api.types
            .iter()
            .filter(|(_, d)| matches!(d.kind, TypeKind::Alias(_)) == aliases)
            .map(|(_, d)| d.name.as_str())
            .collect()
    };
    // The users merge, so the two bodies become identical and merge too;
    // a description makes the third different. The merged types take the
    // smaller name; the other sites' names stay as aliases of them.
    assert_eq!(names(false), ["GetAOkBodyUser", "GetAOkBody", "GetCOkBody"]);
    assert_eq!(names(true), ["GetBOkBodyUser", "GetBOkBody"]);
    let body = |i: usize| match &api.operations[i].success.cases[0].body {
        Body::Json(ty) => ty.named().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(body(0), body(1));
    assert_ne!(body(0), body(2));
    let at_b = api
        .types
        .by_location("/paths/~1b/get/responses/200/content/application~1json/schema")
        .unwrap();
    assert_eq!(
        api.types.get(at_b).unwrap().kind,
        TypeKind::Alias(TypeRef::Named(body(0))),
        "the other site's type is an alias of the one kept"
    );
}

#[test]
fn optional_nullable_fields_are_double_options_only_in_types_sent() {
    let (api, _) = build(
        r#"
paths:
  /notes:
    patch:
      operationId: patchNote
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Patch'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Note'}
components:
  schemas:
    Patch:
      type: object
      properties:
        text: {type: string, nullable: true}
        inner: {$ref: '#/components/schemas/Inner'}
    Inner:
      type: object
      properties:
        tag: {type: string, nullable: true}
    Note:
      type: object
      properties:
        text: {type: string, nullable: true}
"#,
    );
    assert!(field(def(&api, "Patch"), "text").double_option);
    assert!(
        field(def(&api, "Inner"), "tag").double_option,
        "reached through a field"
    );
    let note = field(def(&api, "Note"), "text");
    assert!(note.is_option() && !note.double_option, "response only");
}

#[test]
fn parameter_encodings_follow_style_and_explode() {
    let (api, _) = build(
        r#"
paths:
  /items:
    get:
      operationId: list
      parameters:
        - {name: ids, in: query, required: true, style: form, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: query, required: true, schema: {type: array, items: {type: string}}}
        - {name: piped, in: query, required: true, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, required: true, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
        - {name: raw, in: query, required: true, content: {application/json: {schema: {type: object}}}}
        - {name: X-Ids, in: header, required: true, schema: {type: array, items: {type: string}}}
      responses:
        '204': {description: done}
"#,
    );
    let encoding = |wire: &str| {
        api.operations[0]
            .parameters
            .iter()
            .find(|p| p.wire_name == wire)
            .unwrap()
            .encoding
    };
    let list = |explode, separator| Encoding::List {
        explode,
        separator,
        by_json: false,
    };
    assert_eq!(encoding("ids"), list(false, ','));
    assert_eq!(encoding("tags"), list(true, ','));
    assert_eq!(encoding("piped"), list(false, '|'));
    assert_eq!(
        encoding("filter"),
        Encoding::Object {
            deep: true,
            explode: true
        }
    );
    assert_eq!(encoding("raw"), Encoding::Json);
    // Headers never repeat a name: a list is joined even though `simple`
    // style's default is no explode anyway.
    assert_eq!(encoding("X-Ids"), list(false, ','));
}

#[test]
fn undeclared_placeholders_become_arguments_in_path_order() {
    let (api, warnings) = build(
        r#"
paths:
  /x/{a}/y/{b}:
    get:
      operationId: get
      responses:
        '204': {description: done}
"#,
    );
    let op = &api.operations[0];
    let names: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    let template = op.template.segments();
    assert_eq!(
        template,
        [
            vec![crate::path_template::Part::Literal("x".to_owned())],
            vec![crate::path_template::Part::Placeholder(0)],
            vec![crate::path_template::Part::Literal("y".to_owned())],
            vec![crate::path_template::Part::Placeholder(1)],
        ]
    );
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
}

#[test]
fn types_are_found_by_name_and_by_spec_location() {
    let (api, _) = build(
        r#"
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        kind: {type: string, enum: [cat, dog]}
    Alias: {$ref: '#/components/schemas/Pet'}
"#,
    );
    let pet = api.types.by_location("/components/schemas/Pet").unwrap();
    assert_eq!(api.types.name(pet), "Pet");
    let kind = api
        .types
        .by_location("/components/schemas/Pet/properties/kind")
        .unwrap();
    assert_eq!(api.types.name(kind), "PetKind");
    let alias = def(&api, "Alias");
    assert_eq!(alias.same_as.as_deref(), Some("#/components/schemas/Pet"));
    assert_eq!(alias.kind, TypeKind::Alias(TypeRef::Named(pet)));
}

#[test]
fn security_schemes_are_facts_shared_by_operations() {
    let (api, _) = build(
        r#"
security: [{key: []}]
paths:
  /a:
    get:
      operationId: a
      responses: {'204': {description: done}}
  /b:
    get:
      operationId: b
      security: [{oauth: []}, {}]
      responses: {'204': {description: done}}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: {implicit: {authorizationUrl: 'https://auth.example.com', scopes: {}}}
    key: {type: apiKey, in: header, name: X-Key, description: The key.}
"#,
    );
    assert_eq!(api.security_schemes.len(), 2);
    let key = &api.security_schemes[1];
    assert_eq!(key.const_name, "SCHEME_KEY");
    assert_eq!(
        key.kind.credential(),
        Some(Credential::ApiKeyHeader("X-Key".into()))
    );
    assert_eq!(api.operations[0].security[0].schemes, [SchemeId(1)]);
    let b = &api.operations[1].security;
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].schemes, [SchemeId(0)]);
    assert!(b[1].schemes.is_empty(), "`{{}}`: credentials optional");
}

#[test]
fn keywords_of_3_1_in_a_3_0_spec_mean_what_they_mean_in_3_1() {
    let (api, warnings) = build(
        r#"
paths: {}
components:
  schemas:
    Item:
      type: object
      required: [kind]
      properties:
        kind: {const: item}
        note: {type: [string, "null"]}
        size: {type: integer, exclusiveMinimum: 0}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    let item = def(&api, "Item");
    let kind = field(item, "kind").ty.named().unwrap();
    assert!(matches!(
        &api.types.get(kind).unwrap().kind,
        TypeKind::StringEnum { variants } if variants[0].wire_value == "item"
    ));
    let note = field(item, "note");
    assert!(note.nullable && note.ty == TypeRef::String);
    assert_eq!(field(item, "size").ty, TypeRef::I64);
}

#[test]
fn a_media_type_that_is_no_header_value_is_left_out() {
    let (api, warnings) = build(
        "paths:\n  /a:\n    post:\n      operationId: send\n      requestBody:\n        content:\n          \"text/plain; charset=\u{00e9}\": {}\n          application/json: {}\n      responses: {'204': {description: done}}\n",
    );
    let content = &api.operations[0].body.as_ref().unwrap().content;
    assert_eq!(content.len(), 1);
    assert_eq!(content[0].media_type, "application/json");
    assert!(
        warnings[0].contains("not a valid `Content-Type`"),
        "{warnings:#?}"
    );
}

#[test]
fn null_declared_on_a_component_reaches_every_use_site() {
    let (api, _) = build(
        r#"
paths:
  /user:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/NullableUser'}
components:
  schemas:
    User: {type: object, properties: {login: {type: string}}}
    NullableUser: {type: object, nullable: true, properties: {login: {type: string}}}
    Alias: {$ref: '#/components/schemas/NullableUser'}
    Wrapped: {allOf: [{$ref: '#/components/schemas/User'}], nullable: true}
    Note: {type: string, nullable: true}
    Level: {type: string, enum: [a, null]}
    Holder:
      type: object
      required: [user, alias, wrapped, note, level]
      properties:
        user: {$ref: '#/components/schemas/NullableUser'}
        alias: {$ref: '#/components/schemas/Alias'}
        wrapped: {$ref: '#/components/schemas/Wrapped'}
        note: {$ref: '#/components/schemas/Note'}
        level: {$ref: '#/components/schemas/Level'}
        items: {type: array, items: {$ref: '#/components/schemas/Note'}}
        values: {type: object, additionalProperties: {type: integer, nullable: true}}
"#,
    );
    let holder = def(&api, "Holder");
    for wire in ["user", "alias", "wrapped", "note", "level"] {
        let f = field(holder, wire);
        assert!(f.nullable && !f.optional, "{wire}: required and nullable");
        assert!(
            !matches!(f.ty, TypeRef::Nullable(_)),
            "{wire}: the flag says it"
        );
    }
    let note = api.types.by_location("/components/schemas/Note").unwrap();
    assert_eq!(
        field(holder, "items").ty,
        TypeRef::List(Box::new(TypeRef::Nullable(Box::new(TypeRef::Named(note)))))
    );
    assert_eq!(
        field(holder, "values").ty,
        TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::I64))))
    );
    // The component's own definition does not hold the `null`: its uses do.
    assert_eq!(def(&api, "Note").kind, TypeKind::Alias(TypeRef::String));
    let user = api
        .types
        .by_location("/components/schemas/NullableUser")
        .unwrap();
    assert_eq!(
        api.operations[0].success.cases[0].body,
        Body::Json(TypeRef::Nullable(Box::new(TypeRef::Named(user))))
    );
}

#[test]
fn required_read_only_and_write_only_fields_apply_in_one_direction() {
    let (api, _) = build(
        r#"
paths:
  /accounts:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Both'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Read'}
  /logins:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Sent'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Both'}
components:
  schemas:
    Both:
      type: object
      required: [id, password]
      properties:
        id: {type: integer, readOnly: true}
        password: {type: string, writeOnly: true}
    Read:
      type: object
      required: [id]
      properties:
        id: {type: integer, readOnly: true}
    Sent:
      type: object
      required: [password]
      properties:
        password: {type: string, writeOnly: true}
"#,
    );
    assert!(field(def(&api, "Both"), "id").optional, "sent too");
    assert!(field(def(&api, "Both"), "password").optional, "read too");
    assert!(!field(def(&api, "Read"), "id").optional, "only read");
    assert!(!field(def(&api, "Sent"), "password").optional, "only sent");
}

#[test]
fn lenient_responses_make_required_fields_of_read_only_types_optional() {
    let spec = r#"
paths:
  /accounts:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Sent'}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Read'}}}}
components:
  schemas:
    Sent: {type: object, required: [name], properties: {name: {type: string}}}
    Read: {type: object, required: [id], properties: {id: {type: integer}}}
"#;
    let (strict, _) = build(spec);
    assert!(!field(def(&strict, "Read"), "id").optional);
    let (lenient, _) = build_with(
        spec,
        ModelOptions {
            lenient_responses: true,
            ..ModelOptions::default()
        },
    );
    assert!(field(def(&lenient, "Read"), "id").optional, "only read");
    assert!(field(def(&lenient, "Read"), "id").lenient, "read leniently");
    assert!(!field(def(&strict, "Read"), "id").lenient);
    assert!(
        !field(def(&lenient, "Sent"), "name").optional,
        "sent: binds the caller"
    );
    assert!(!field(def(&lenient, "Sent"), "name").lenient);
    assert!(lenient.lenient_responses && !strict.lenient_responses);
}

#[test]
fn an_all_of_of_parts_that_say_nothing_is_any_value() {
    let (api, warnings) = build(
        r#"
paths: {}
components:
  schemas:
    Query:
      type: object
      properties:
        params:
          type: object
          additionalProperties:
            allOf: [{}, {description: The value.}, {example: "100"}]
"#,
    );
    assert_eq!(
        field(def(&api, "Query"), "params").ty,
        TypeRef::Map(Box::new(TypeRef::Json))
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn required_only_alternatives_and_annotating_parts_keep_the_type() {
    let (api, warnings) = build(
        r#"
paths: {}
components:
  schemas:
    Scope: {type: string, enum: [me, us]}
    Firewall:
      type: object
      properties:
        inbound: {type: string}
        outbound: {type: string}
    NewFirewall:
      allOf:
        - $ref: '#/components/schemas/Firewall'
        - anyOf:
            - {required: [inbound]}
            - {required: [outbound]}
    Payment:
      type: object
      properties:
        scope:
          allOf:
            - $ref: '#/components/schemas/Scope'
            - {type: string, description: Restated., nullable: true}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let firewall = api
        .types
        .by_location("/components/schemas/Firewall")
        .unwrap();
    assert_eq!(
        def(&api, "NewFirewall").kind,
        TypeKind::Alias(TypeRef::Named(firewall))
    );
    let scope = field(def(&api, "Payment"), "scope");
    let enum_id = api.types.by_location("/components/schemas/Scope").unwrap();
    assert_eq!(
        (&scope.ty, scope.nullable),
        (&TypeRef::Named(enum_id), true)
    );
}

#[test]
fn an_integer_whose_values_go_past_i64_and_are_never_negative_is_a_u64() {
    let (api, _) = build(
        r#"
paths: {}
components:
  schemas:
    Limits:
      type: object
      properties:
        flush: {type: integer, minimum: 1, maximum: 9223372036854776000}
        signed: {type: integer, minimum: -1, maximum: 9223372036854776000}
        small: {type: integer, minimum: 0, maximum: 10}
        count: {type: integer, default: 9223372036854776000}
"#,
    );
    let limits = def(&api, "Limits");
    assert_eq!(field(limits, "flush").ty, TypeRef::U64);
    assert_eq!(field(limits, "signed").ty, TypeRef::I64, "may be negative");
    assert_eq!(field(limits, "small").ty, TypeRef::I64);
    assert_eq!(field(limits, "count").ty, TypeRef::U64, "its own default");
}

/// The body kind of operation `id`'s first media type.
fn body_kind<'a>(api: &'a Api, id: &str) -> &'a BodyKind {
    let op = api
        .operations
        .iter()
        .find(|op| op.operation_id == id)
        .unwrap();
    &op.body.as_ref().unwrap().content[0].kind
}

#[test]
fn multipart_bodies_get_form_types_whose_binary_properties_are_files() {
    let (api, warnings) = build(
        r#"
paths:
  /a:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Alias'}
            encoding:
              picture: {contentType: image/png}
              notes: {contentType: text/plain}
      responses: {'204': {description: ok}}
  /b:
    post:
      operationId: uploadAgain
      requestBody:
        content:
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Shared'}
      responses: {'204': {description: ok}}
  /c:
    post:
      operationId: uploadOnceMore
      requestBody:
        content:
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Shared'}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shared'}}}}}
  /d:
    post:
      operationId: uploadMap
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, additionalProperties: {type: string}}
      responses: {'204': {description: ok}}
components:
  schemas:
    Alias: {$ref: '#/components/schemas/Upload'}
    Upload:
      type: object
      required: [file]
      properties:
        file: {type: string, format: binary, nullable: true}
        files: {type: array, items: {type: string, format: binary}}
        picture: {type: string}
        notes: {type: string}
        name: {type: string}
    Shared:
      type: object
      properties:
        file: {type: string, format: binary}
"#,
    );
    // Used by no other body: the struct itself, and through the alias.
    let upload = def(&api, "Upload");
    assert_eq!(field(upload, "file").ty, TypeRef::File);
    assert!(!field(upload, "file").nullable);
    assert_eq!(
        field(upload, "files").ty,
        TypeRef::List(Box::new(TypeRef::File))
    );
    assert_eq!(
        field(upload, "picture").ty,
        TypeRef::File,
        "a media type by encoding"
    );
    assert_eq!(
        field(upload, "notes").ty,
        TypeRef::String,
        "text by encoding"
    );
    assert_eq!(field(upload, "name").ty, TypeRef::String);
    let BodyKind::Multipart {
        ty: Some(TypeRef::Named(id)),
        parts,
    } = body_kind(&api, "upload")
    else {
        panic!("a form type");
    };
    assert_eq!(api.types.name(*id), "Upload");
    let picture = parts.iter().find(|p| p.name == "picture").unwrap();
    assert_eq!(picture.content_type.as_deref(), Some("image/png"));
    // A response reads `Shared` too: one copy serves both forms.
    assert_eq!(field(def(&api, "Shared"), "file").ty, TypeRef::String);
    assert_eq!(field(def(&api, "SharedForm"), "file").ty, TypeRef::File);
    for op in ["uploadAgain", "uploadOnceMore"] {
        let BodyKind::Multipart {
            ty: Some(TypeRef::Named(id)),
            ..
        } = body_kind(&api, op)
        else {
            panic!("a form type");
        };
        assert_eq!(api.types.name(*id), "SharedForm");
    }
    // A map cannot be typed: a form built by hand, and a located warning.
    assert!(matches!(
        body_kind(&api, "uploadMap"),
        BodyKind::Multipart { ty: None, .. }
    ));
    assert_eq!(
        warnings,
        [
            "warning: this multipart body's schema is an object with no declared properties, \
          so the method takes a form built by hand (`Multipart`) rather than a typed form\n  \
          --> t.yaml#/paths/~1d/post/requestBody/content/multipart~1form-data"
        ]
    );
}

#[test]
fn urlencoded_bodies_keep_each_propertys_style() {
    let (api, _) = build(
        r#"
paths:
  /a:
    post:
      operationId: search
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                a: {type: array, items: {type: string}}
                b: {type: array, items: {type: string}}
                c: {type: object}
                d: {type: array, items: {type: string}}
            encoding:
              a: {style: form, explode: false}
              b: {style: pipeDelimited}
              c: {style: deepObject}
              d: {style: form}
      responses: {'204': {description: ok}}
"#,
    );
    let BodyKind::Form { styles, .. } = body_kind(&api, "search") else {
        panic!("a urlencoded body");
    };
    assert_eq!(
        styles,
        &[
            ("a".to_owned(), FormStyle::Form { explode: false }),
            ("b".to_owned(), FormStyle::PipeDelimited),
            ("c".to_owned(), FormStyle::DeepObject),
            ("d".to_owned(), FormStyle::Form { explode: true }),
        ]
    );
}

/// Each type travels as the operations use it; a type no operation
/// reaches travels both ways, and so does everything inside it, even a
/// type a response also carries.
#[test]
fn types_travel_as_operations_use_them() {
    let (api, _) = build(
        r#"
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Receipt'}
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Receipt'}
      responses:
        '204': {description: done}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      properties:
        name: {type: string}
    NewPet:
      type: object
      properties:
        name: {type: string}
    Receipt:
      type: object
      properties:
        id: {type: string}
    PetEvent:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/Pet'}
"#,
    );
    let travels = |name: &str| def(&api, name).travels;
    assert_eq!(travels("NewPet"), Travels::SentOnly);
    assert_eq!(travels("Receipt"), Travels::BothWays);
    // No operation reaches `PetEvent`: it and what it holds go both ways.
    assert_eq!(travels("PetEvent"), Travels::BothWays);
    assert_eq!(travels("Pet"), Travels::BothWays);
    assert_eq!(travels("Owner"), Travels::BothWays);
}

/// Without the unreached type, a response's types are read only.
#[test]
fn a_response_type_is_read_only() {
    let (api, _) = build(
        r#"
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                title: Pet
                properties:
                  owner: {type: object, title: Owner, properties: {name: {type: string}}}
"#,
    );
    assert_eq!(def(&api, "Pet").travels, Travels::ReadOnly);
    assert_eq!(def(&api, "Owner").travels, Travels::ReadOnly);
}
