//! The generated API as text, for reports about it: how the emitted code
//! spells a type, an argument or a return value. Each function reads the same
//! emitter code that writes the item, so a report cannot disagree with the
//! crate.

use proc_macro2::TokenStream;

use super::{client, types};
use crate::model::{Api, Field, Parameter, RequestBody, ResponseSet, TypeGraph, TypeRef};

/// A type as the generated code names it, e.g. `Vec<Pet>`.
pub fn type_text(ty: &TypeRef, graph: &TypeGraph) -> String {
    text(types::rust_type(ty, graph))
}

/// A struct field's type, e.g. `Option<Box<Pet>>`.
pub fn field_type_text(field: &Field, graph: &TypeGraph) -> String {
    text(types::field_type(field, graph))
}

/// A required parameter as a method argument, e.g. `id: i64`.
pub fn argument_text(parameter: &Parameter, graph: &TypeGraph) -> String {
    text(client::argument(parameter, graph))
}

/// The `body` argument's type, without the `Option` of an optional body.
pub fn body_argument_text(body: &RequestBody, graph: &TypeGraph) -> String {
    text(client::body_argument(body, graph))
}

/// The decoded value of a response set: `()`, a body type or an enum.
pub fn value_text(set: &ResponseSet, graph: &TypeGraph) -> String {
    text(client::value_type(set, graph))
}

/// The URL of `DEFAULT_BASE_URL`, if the client has that constant.
pub fn default_base_url(api: &Api) -> Option<&str> {
    client::default_server(api)
}

/// Token text without the spaces `TokenStream`'s `Display` puts between
/// tokens: `Vec < Pet >` becomes `Vec<Pet>`.
fn text(tokens: TokenStream) -> String {
    let spaced = tokens.to_string();
    let mut out = String::with_capacity(spaced.len());
    for piece in spaced.split(' ') {
        let glue = out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '\'')
            && piece.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if glue {
            out.push(' ');
        }
        out.push_str(piece);
        if piece == "," || piece == ":" {
            out.push(' ');
        }
    }
    out
}
