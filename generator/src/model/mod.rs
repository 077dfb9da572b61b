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
    /// Each security scheme the spec declares, described for the module
    /// docs: `(name, description)`.
    pub security_schemes: Vec<(String, String)>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

#[derive(Debug)]
pub struct Server {
    /// The URL with every variable at its default.
    pub url: String,
    /// The URL as the spec writes it, e.g. `https://{region}.example.com`.
    pub template: String,
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

impl Api {
    /// Every type reference in the model, for passes that rewrite them.
    pub(crate) fn type_refs_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let in_types = self.types.iter_mut().flat_map(|t| -> Vec<&mut TypeRef> {
            match &mut t.kind {
                TypeKind::Struct { fields } => fields.iter_mut().map(|f| &mut f.ty).collect(),
                TypeKind::OneOf { variants, .. } => {
                    variants.iter_mut().map(|v| &mut v.ty).collect()
                }
                TypeKind::Alias(ty) => vec![ty],
                TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
            }
        });
        let in_operations = self.operations.iter_mut().flat_map(|op| {
            let parameters = op.parameters.iter_mut().map(|p| &mut p.ty);
            let bodies =
                op.body
                    .iter_mut()
                    .flat_map(|b| &mut b.content)
                    .filter_map(|c| match &mut c.kind {
                        BodyKind::Json(ty) | BodyKind::Form(ty) => Some(ty),
                        _ => None,
                    });
            let responses = op
                .success
                .cases
                .iter_mut()
                .chain(&mut op.errors.cases)
                .filter_map(|c| match &mut c.body {
                    Body::Json(ty) => Some(ty),
                    _ => None,
                });
            parameters
                .chain(bodies)
                .chain(responses)
                .collect::<Vec<_>>()
        });
        in_types.chain(in_operations)
    }

    /// Whether the module has a `types.rs`.
    pub fn has_types(&self) -> bool {
        !self.types.is_empty()
            || self.operations.iter().any(|op| {
                op.params_struct.is_some()
                    || op.body.as_ref().is_some_and(|b| b.enum_name.is_some())
                    || [&op.success, &op.errors]
                        .iter()
                        .any(|set| matches!(set.shape, ResponseShape::Enum { .. }))
            })
    }
}

/// A named Rust type generated from a schema.
#[derive(Debug)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub deprecated: bool,
    /// Made from an inline schema (not a component), so an identical one
    /// elsewhere may stand in for it.
    pub inline: bool,
    pub kind: TypeKind,
}

#[derive(Debug)]
pub enum TypeKind {
    /// An object with declared properties (`allOf` parts merged).
    Struct { fields: Vec<Field> },
    /// A string enum. Values a newer server sends that the spec does not list
    /// decode into an extra `Unknown(String)` variant instead of failing.
    StringEnum { variants: Vec<EnumVariant> },
    /// An integer enum, with an `Unknown(i64)` fallback variant.
    IntegerEnum { variants: Vec<(String, i64)> },
    /// `oneOf`/`anyOf`: one variant per alternative, tried in order, and an
    /// `Unknown(serde_json::Value)` fallback. With a discriminator, the tag
    /// property picks the variant.
    OneOf {
        variants: Vec<OneOfVariant>,
        discriminator: Option<String>,
    },
    /// Anything else that has a name in the spec: `pub type Name = ...;`.
    Alias(TypeRef),
}

#[derive(Debug)]
pub struct OneOfVariant {
    pub name: String,
    pub ty: TypeRef,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
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
    pub write_only: bool,
    pub deprecated: bool,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// The schema's `format`, e.g. `date-time`, for docs.
    pub format: Option<String>,
    /// Optional and nullable in a type sent in requests: `Option<Option<T>>`
    /// keeps "absent" (`None`) apart from `null` (`Some(None)`).
    pub double_option: bool,
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
    /// Raw bytes (`format: binary` bodies, `application/octet-stream`).
    Bytes,
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
    /// The struct holding the optional parameters, if there are any.
    pub params_struct: Option<String>,
    pub body: Option<RequestBody>,
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
    /// The shape of `ty` on the wire, decided from the type and `style`.
    pub encoding: Encoding,
    pub deprecated: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a parameter value is written (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// One value, written with `Display`.
    Scalar,
    /// An array of scalars: repeated (`form`, explode) or joined by
    /// `separator`.
    List { explode: bool, separator: char },
    /// An object: `name[key]=value` pairs (`deepObject`), each property as its
    /// own parameter (`form`, explode), or `name=k1,v1,k2,v2`.
    Object { deep: bool, explode: bool },
    /// The value serialized as JSON (parameters described by `content`,
    /// arrays of objects).
    Json,
    /// Any other value: a JSON string as it is, anything else as JSON.
    Text,
}

/// The request body of an operation.
#[derive(Debug)]
pub struct RequestBody {
    pub required: bool,
    /// One entry per supported media type, in spec order.
    pub content: Vec<BodyContent>,
    /// With several media types, the enum the caller picks one from.
    pub enum_name: Option<String>,
    pub docs: Docs,
}

#[derive(Debug)]
pub struct BodyContent {
    pub media_type: String,
    /// Variant name in the body enum, e.g. `Json`, `Form`.
    pub variant: String,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    Json(TypeRef),
    Form(TypeRef),
    /// `multipart/form-data`: the caller builds a `reqwest` form.
    Multipart,
    Text,
    Binary,
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
    /// `1XX` to `5XX`: the hundreds digit.
    Range(u16),
    Default,
}

/// A response body as decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Empty,
    Json(TypeRef),
    Text,
    Bytes,
}

impl TypeRef {
    /// Replaces named types per `map` (old name to new), at any depth.
    pub(crate) fn rename(&mut self, map: &std::collections::BTreeMap<String, String>) {
        match self {
            TypeRef::Named(name) => {
                if let Some(new) = map.get(name) {
                    *name = new.clone();
                }
            }
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.rename(map),
            _ => {}
        }
    }
}
