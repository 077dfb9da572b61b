//! Stage 2: the checked intermediate model.
//!
//! Everything the emitters need, already decided: every Rust name (made unique
//! and keyword-safe by [`crate::name`]), every type, every response case. The
//! emitters read only this model, never the `openapiv3` document.

mod build;
mod operation;
mod schema;

pub use build::build_api;

/// One spec, ready to emit as one Rust module.
#[derive(Debug)]
pub struct Api {
    /// Rust module name, e.g. `finbourne_identity`.
    pub module: String,
    /// Cargo feature that switches the module on, e.g. `finbourne-identity`.
    pub feature: String,
    /// The spec file as the caller named it, e.g. `specs/miro.yaml`.
    pub source: String,
    pub title: String,
    pub version: String,
    pub description: Docs,
    pub servers: Vec<Server>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

#[derive(Debug)]
pub struct Server {
    pub url: String,
    pub description: Docs,
}

/// Documentation taken from the spec, as plain paragraphs.
#[derive(Debug, Default, Clone)]
pub struct Docs {
    pub paragraphs: Vec<String>,
}

impl Docs {
    pub fn from_parts<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut paragraphs: Vec<String> = Vec::new();
        for part in parts.into_iter().flatten() {
            let part = part.trim();
            if !part.is_empty() && !paragraphs.iter().any(|p| p == part) {
                paragraphs.push(part.to_owned());
            }
        }
        Self { paragraphs }
    }

    pub fn push(&mut self, paragraph: impl Into<String>) {
        self.paragraphs.push(paragraph.into());
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// A named Rust type generated from a schema.
#[derive(Debug)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug)]
pub enum TypeKind {
    /// An object with declared properties.
    Struct { fields: Vec<Field> },
    /// A string enum. Values a newer server sends that the spec does not list
    /// decode into an extra `Unknown(String)` variant instead of failing.
    StringEnum { variants: Vec<EnumVariant> },
    /// Anything else that has a name in the spec: `pub type Name = ...;`.
    Alias(TypeRef),
}

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// Absent from the JSON is allowed (the property is not `required`).
    pub optional: bool,
    /// `null` is allowed.
    pub nullable: bool,
    pub read_only: bool,
    pub docs: Docs,
}

impl Field {
    /// Optional or nullable properties become `Option<T>`.
    pub fn is_option(&self) -> bool {
        self.optional || self.nullable
    }
}

#[derive(Debug)]
pub struct EnumVariant {
    pub name: String,
    pub wire_value: String,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// Any JSON value.
    Json,
    /// A JSON object with no declared properties.
    JsonObject,
    /// A type from [`Api::types`].
    Named(String),
    List(Box<TypeRef>),
    /// A JSON object used as a map from string keys.
    Map(Box<TypeRef>),
}

/// One HTTP operation, emitted as one async method on the client.
#[derive(Debug)]
pub struct Operation {
    pub method_name: String,
    pub operation_id: String,
    /// Upper-case HTTP method, e.g. `DELETE`.
    pub http_method: String,
    /// The path template as written in the spec, e.g. `/pets/{id}`.
    pub path: String,
    pub segments: Vec<Vec<SegmentPart>>,
    pub parameters: Vec<Parameter>,
    pub docs: Docs,
    pub deprecated: bool,
    /// Alternatives: the request may satisfy any one of them. Empty means the
    /// operation sends no credentials.
    pub security: Vec<SecurityRequirement>,
    /// Send `Accept: application/json`.
    pub accepts_json: bool,
    pub success: ResponseSet,
    /// A `default` case, on either side, catches every undocumented status.
    pub errors: ResponseSet,
}

/// A path segment is literal text and parameters, e.g. `{name}:cancel`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentPart {
    Literal(String),
    /// Index into [`Operation::parameters`].
    Parameter(usize),
}

#[derive(Debug)]
pub struct Parameter {
    pub name: String,
    pub wire_name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
}

/// All the schemes one alternative needs, together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRequirement {
    pub schemes: Vec<SecurityScheme>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The name under `components/securitySchemes`.
    pub name: String,
    /// The module-level `const` describing it, e.g. `SCHEME_OAUTH2`.
    pub const_name: String,
    pub kind: SecurityKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>`: http bearer, oauth2 and openIdConnect.
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
    ApiKeyHeader(String),
    ApiKeyQuery(String),
    ApiKeyCookie(String),
}

/// The documented responses on one side (success or error) of an operation.
#[derive(Debug)]
pub struct ResponseSet {
    /// The Rust type of the decoded value: `()`, the single body type, or an
    /// enum named here with one variant per case.
    pub shape: ResponseShape,
    pub cases: Vec<ResponseCase>,
}

#[derive(Debug)]
pub enum ResponseShape {
    /// Nothing documented on this side.
    None,
    /// One case: the value is its body (or `()`).
    Single,
    /// Several cases: an enum with this name.
    Enum { name: String, docs: Docs },
}

#[derive(Debug)]
pub struct ResponseCase {
    pub status: StatusMatch,
    /// Enum variant name, e.g. `NoContent`, `BadRequest`, `Default`.
    pub variant: String,
    pub body: Body,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    Code(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Empty,
    Json(TypeRef),
}
