//! Nothing from a spec reaches the generated code except as a sanitised
//! identifier, a string literal or a doc attribute: a spec whose every
//! string tries to close a literal or a comment and call `evil()` gives code
//! that parses, in which `evil` is never a token of its own, and whose items
//! are exactly the ones the spec implies.

use generator::{CrateOptions, SpecSource, generate_crate};
use proc_macro2::{TokenStream, TokenTree};

use crate::common::package;

const PAYLOAD: &str = r#"x"); evil(); r#"*/ fn evil() {} /* } fn evil() { "#;
/// The payload without the braces and slashes a path template cannot hold.
const PATH_PAYLOAD: &str = r#"x"); evil(); r#"* evil "#;

fn hostile_spec() -> String {
    let p = PAYLOAD;
    let json = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": p, "version": p, "description": p},
        "servers": [{"url": format!("https://example.com/{p}"), "description": p}],
        "paths": {
            format!("/a/{{{PATH_PAYLOAD}}}"): {
                "get": {
                    "operationId": p,
                    "summary": p,
                    "parameters": [
                        {"name": PATH_PAYLOAD, "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": format!("q{p}"), "in": "query", "schema": {"type": "string", "enum": [p, "b"]}},
                        {"name": "X-Evil", "in": "header", "description": p, "schema": {"type": "string", "default": p}}
                    ],
                    "responses": {
                        "200": {"description": p, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                        "400": {"description": p}
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "title": p,
                    "description": p,
                    "required": [p],
                    "properties": {
                        p: {"type": "string", "example": p, "format": p},
                        "kind": {"type": "string", "enum": [p, format!("{p}2")]},
                        "count": {"type": "integer", "enum": [1, 2]}
                    }
                }
            },
            "securitySchemes": {
                p: {"type": "apiKey", "in": "header", "name": p, "description": p}
            }
        },
        "security": [{p: []}]
    });
    json.to_string()
}

/// Every identifier token in `tokens`, at any depth; literals (strings and
/// the docs they carry) are not identifiers.
fn identifiers(tokens: TokenStream, into: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => into.push(ident.to_string()),
            TokenTree::Group(group) => identifiers(group.stream(), into),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn spec_strings_reach_the_code_only_as_literals_docs_or_sanitised_names() {
    let spec = SpecSource::from_text("hostile.json", "hostile", hostile_spec());
    let generated = generate_crate(&package("hostile"), &CrateOptions::default(), &[spec])
        .unwrap_or_else(|e| panic!("{e}"));

    let mut items = Vec::new();
    for (path, source) in &generated.files {
        if !path.starts_with("src/hostile") {
            continue;
        }
        let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut idents = Vec::new();
        identifiers(source.parse().unwrap(), &mut idents);
        for forbidden in ["evil", "panic"] {
            assert!(
                !idents.iter().any(|i| i == forbidden),
                "`{forbidden}` injected into {}",
                path.display()
            );
        }
        items.extend(file.items.iter().map(|item| match item {
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Impl(_) => "impl".to_owned(),
            syn::Item::Const(c) => format!("const {}", c.ident),
            syn::Item::Type(t) => format!("type {}", t.ident),
            syn::Item::Mod(m) => format!("mod {}", m.ident),
            syn::Item::Macro(m) => format!(
                "macro {}",
                m.mac.path.segments.last().map_or(String::new(), |s| s.ident.to_string())
            ),
            syn::Item::Use(_) => "use".to_owned(),
            _ => "other".to_owned(),
        }));
    }
    // mod.rs: `mod types`, `use types::*`, the scheme const, `Client` with
    // its `FromClientCore` impl and its methods; types.rs: `Thing`, two
    // enums of `Thing` (kind, count) with four impls each (own methods,
    // From, Display, Serialize, Deserialize: 5), the query enum with 5,
    // `Thing`'s serde impls (one call of the runtime's macro), the params
    // struct and its setters, the error enum, and the request builder with
    // its setters, `Operation` and `IntoFuture` impls.
    let structs = items.iter().filter(|i| i.starts_with("struct ")).count();
    let enums = items.iter().filter(|i| i.starts_with("enum ")).count();
    assert_eq!(
        structs, 4,
        "Client, Thing, the params struct, the builder: {items:#?}"
    );
    assert_eq!(
        enums, 4,
        "two enums of Thing, the query enum, the error enum: {items:#?}"
    );
    assert_eq!(
        items.iter().filter(|i| i.starts_with("const ")).count(),
        1,
        "{items:#?}"
    );
    assert_eq!(
        items.iter().filter(|i| *i == "impl").count(),
        // The params' setters, the builder's, `Operation`, `IntoFuture`;
        // behind `fake`, its `Replies` and the response-only `Thing`'s
        // constructor.
        2 + 3 * 5 + 4 + 2,
        "{items:#?}"
    );
    assert_eq!(
        items.iter().filter(|i| *i == "macro serde_object").count(),
        1,
        "{items:#?}"
    );
}
