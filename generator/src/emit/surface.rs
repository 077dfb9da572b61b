//! The generated API as text, for reports about it: how the emitted code
//! spells a type, an argument or a return value. Each function reads the same
//! emitter code that writes the item, so a report cannot disagree with the
//! crate.

use super::client;
use super::request;
use super::rust_type::{field_type, owned_body_type, rust_type, spelled};
use crate::model::{Api, BodyKind, Field, Parameter, RequestBody, ResponseSet, TypeGraph, TypeRef};

/// A type as the generated code names it, e.g. `Vec<Pet>`.
pub(crate) fn type_text(ty: &TypeRef, graph: &TypeGraph) -> String {
    spelled(rust_type(ty, graph))
}

/// The type a request body of one media type is passed as, e.g.
/// `runtime::BinaryBody`.
pub(crate) fn body_kind_text(kind: &BodyKind, graph: &TypeGraph) -> String {
    spelled(owned_body_type(kind, graph))
}

/// A struct field's type, e.g. `Option<Box<Pet>>`.
pub(crate) fn field_type_text(field: &Field, graph: &TypeGraph) -> String {
    spelled(field_type(field, graph))
}

/// A required parameter as a method argument, e.g. `owner: impl Into<String>`.
pub(crate) fn argument_text(parameter: &Parameter, graph: &TypeGraph) -> String {
    spelled(request::argument(parameter, graph))
}

/// The `body` argument's type (of the method for a required body, of the
/// builder's `body` setter for an optional one).
pub(crate) fn body_argument_text(body: &RequestBody, graph: &TypeGraph) -> String {
    spelled(request::body_argument(body, graph))
}

/// The decoded value of a response set: `()`, a body type or an enum.
pub(crate) fn value_text(set: &ResponseSet, graph: &TypeGraph) -> String {
    spelled(request::value_type(set, graph))
}

/// The URL of `DEFAULT_BASE_URL`, if the client has that constant.
pub(crate) fn default_base_url(api: &Api) -> Option<&str> {
    client::default_server(api)
}
