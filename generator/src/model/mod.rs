//! Stage 2: the checked intermediate model.
//!
//! Everything the emitters need, already decided: every Rust name (made unique
//! and keyword-safe by [`crate::name`]), every type, every response case. The
//! model holds facts taken from the spec; the sentences a user reads are
//! written by [`crate::emit`]. The emitters read only this model, never the
//! `openapiv3` document.
//!
//! - [`graph`]: the named types, in an arena addressed by [`TypeId`].
//! - `build`, `schema`, `operation`, `security`: the spec to the model;
//!   every `$ref` is followed by [`crate::resolve`].
//! - `passes`: whole-graph passes run once everything is built (merging
//!   identical inline types, boxing cycles, double `Option`s).

mod build;
mod directions;
pub(crate) mod features;
mod form;
mod form_types;
pub(crate) mod graph;
pub(crate) mod operation;
pub(crate) mod paging;
mod passes;
mod schema;
mod security;
pub(crate) mod subset;
#[cfg(test)]
mod tests;

pub(crate) use build::build_api;

/// What the model makes of a spec beyond what the spec says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModelOptions {
    /// String formats become their own types (`date-time` a date-time...),
    /// not `String`.
    pub typed_formats: bool,
    /// Every required field of a type that is only read from responses
    /// reads as an `Option`, so a server that leaves one out or sends
    /// `null` does not fail the whole response.
    pub lenient_responses: bool,
    /// Type names pinned by the caller: generated name to name wanted.
    pub type_names: std::collections::BTreeMap<String, String>,
    /// The caller's rules on which operations page and how.
    pub paging: Vec<paging::PagingRule>,
    /// Multipart bodies get form types whose files are uploads (the
    /// client runtime's): not in a types-only crate, which has no client.
    pub form_types: bool,
}

impl ModelOptions {
    /// What the model makes of each spec under the caller's options.
    pub(crate) fn of(options: &crate::options::CrateOptions) -> Self {
        Self {
            typed_formats: options.formats() == crate::options::Formats::Typed,
            lenient_responses: options.lenient_responses(),
            type_names: options.type_names().clone(),
            paging: options.paging().to_vec(),
            form_types: !options.types_only(),
        }
    }
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            typed_formats: true,
            lenient_responses: false,
            type_names: Default::default(),
            paging: Vec::new(),
            form_types: true,
        }
    }
}
pub(crate) use directions::{Direction, directions, reachable};
pub(crate) use features::{Gate, TagFeature};
pub(crate) use graph::{
    Constructor, EnumVariant, Field, OneOfVariant, Travels, TypeDef, TypeGraph, TypeId, TypeKind,
    TypeRef,
};

use std::collections::HashMap;

use crate::path_template::PathTemplate;

/// One spec, ready to emit as one Rust module.
#[derive(Debug)]
pub(crate) struct Api {
    /// Rust module name, e.g. `finbourne_identity`.
    pub module: String,
    /// Cargo feature that switches the module on, e.g. `finbourne-identity`.
    pub feature: String,
    /// The spec file as the caller named it, e.g. `specs/miro.yaml`.
    pub source: String,
    /// `info.title`, `info.version` and `info.description`.
    pub title: String,
    pub version: String,
    pub description: Docs,
    /// `servers`, in order: the first is the client's default.
    pub servers: Vec<Server>,
    pub types: TypeGraph,
    pub operations: Vec<Operation>,
    /// Every security scheme the spec declares, in document order.
    pub security_schemes: Vec<SecuritySchemeDef>,
    /// A cargo feature per tag (or group of tags); none in a types-only or
    /// build-script crate, where nothing is gated.
    pub tag_features: Vec<TagFeature>,
    /// The gates of types that do not compile with every feature.
    pub type_gates: HashMap<TypeId, Gate>,
    /// Emit what the in-process fake needs (typed replies, constructors of
    /// response-only structs), behind the `fake` cargo feature: a crate of
    /// its own with a client, or a build script that asks for it.
    pub fakes: bool,
    /// The seed of the values the fake generates (0: plain ones).
    pub fake_seed: u64,
    /// A type that travels one way has the other serde impl only with the
    /// `serde-both-ways` feature (see [`Travels`]): in a crate of its own
    /// with a client, whose manifest declares the feature.
    pub one_way_serde: bool,
    /// Response bodies are read leniently ([`ModelOptions`]'s
    /// `lenient_responses`): `null` for a whole object, one object where a
    /// list belongs.
    pub lenient_responses: bool,
}

#[derive(Debug)]
pub(crate) struct Server {
    /// The URL with every variable at its default.
    pub url: String,
    /// The URL as the spec writes it, e.g. `https://{region}.example.com`.
    pub template: String,
    pub description: Docs,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug)]
pub(crate) struct ServerVariable {
    pub name: String,
    pub default: String,
    /// The values allowed, if the spec lists them.
    pub values: Vec<String>,
    pub description: Option<String>,
}

/// Documentation taken from the spec, as plain paragraphs.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Docs {
    pub paragraphs: Vec<String>,
}

impl Docs {
    pub(crate) fn from_parts<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut paragraphs: Vec<String> = Vec::new();
        for part in parts.into_iter().flatten() {
            let part = part.trim();
            if !part.is_empty() && !paragraphs.iter().any(|p| p == part) {
                paragraphs.push(part.to_owned());
            }
        }
        Self { paragraphs }
    }

    pub(crate) fn push(&mut self, paragraph: impl Into<String>) {
        self.paragraphs.push(paragraph.into());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

impl Api {
    /// The cargo features that compile a type.
    pub(crate) fn type_gate(&self, id: TypeId) -> &Gate {
        static OPEN: Gate = Gate {
            features: Vec::new(),
        };
        self.type_gates.get(&id).unwrap_or(&OPEN)
    }

    /// Calls `f` with every reference to a graph type, in types and
    /// operations alike, for passes that redirect them.
    pub(crate) fn for_each_type_id_mut(&mut self, mut f: impl FnMut(&mut TypeId)) {
        for id in self.types.ids() {
            if let Some(def) = self.types.get_mut(id) {
                for member in def.kind.members_mut() {
                    member.ty.visit_named_mut(&mut f);
                }
            }
        }
        for op in &mut self.operations {
            for ty in op.type_refs_mut() {
                ty.visit_named_mut(&mut f);
            }
        }
    }

    /// Whether some type the module uses, at any depth, is `wanted`.
    pub(crate) fn uses(&self, wanted: &TypeRef) -> bool {
        fn contains(ty: &TypeRef, wanted: &TypeRef) -> bool {
            ty == wanted
                || matches!(ty, TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) if contains(inner, wanted))
        }
        let in_types = self
            .types
            .iter()
            .flat_map(|(_, def)| def.kind.members())
            .any(|ty| contains(ty, wanted));
        let in_operations = self
            .operations
            .iter()
            .any(|op| op.type_refs().into_iter().any(|ty| contains(ty, wanted)));
        in_types || in_operations
    }

    /// Whether any item is `#[deprecated]`: an operation, a type or a field.
    pub(crate) fn has_deprecated(&self) -> bool {
        self.operations.iter().any(|op| op.deprecated)
            || self.types.iter().any(|(_, def)| {
                def.deprecated
                    || matches!(&def.kind, TypeKind::Struct { fields } if fields.iter().any(|f| f.deprecated))
            })
    }

    /// How a type travels as its serde impls see it: as the operations use
    /// it where the crate gives one-way types one impl ([`Api::one_way_serde`]),
    /// else both ways.
    pub(crate) fn serde_travels(&self, def: &TypeDef) -> Travels {
        if self.one_way_serde {
            def.travels
        } else {
            Travels::BothWays
        }
    }

    /// Whether the module has a `types.rs`.
    pub(crate) fn has_types(&self) -> bool {
        // Every operation has its request builder there.
        !self.types.is_empty() || !self.operations.is_empty()
    }
}

/// The methods `reqwest::Method` has a constant for; others (OpenAPI 3.2's
/// `QUERY`, additional operations) are HTTP tokens the model has checked.
pub(crate) const STANDARD_METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
];

/// One HTTP operation, emitted as a client method that returns its request
/// builder.
#[derive(Debug)]
pub(crate) struct Operation {
    /// Where the spec defines it, e.g. `/paths/~1pets~1{id}/get`.
    pub pointer: String,
    /// Where that is in the files, `file:line:column (#/pointer)`, once
    /// placed (for the fake's messages); `None` until then.
    pub located: Option<String>,
    /// The client method, e.g. `revoke_token`.
    pub method_name: String,
    /// The spec's `operationId`, or `METHOD /path` where it has none.
    pub operation_id: String,
    /// Upper-case HTTP method, e.g. `DELETE`.
    pub http_method: String,
    /// The path as written in the spec, e.g. `/pets/{id}`.
    pub path: String,
    /// The path with each placeholder mapped to the index in
    /// [`Operation::parameters`] of the parameter that fills it.
    pub template: PathTemplate<usize>,
    pub parameters: Vec<Parameter>,
    /// Summary and description.
    pub docs: Docs,
    pub tags: Vec<String>,
    /// Vendor extensions with a string value, e.g. `x-fbn-apistatus:
    /// Experimental`, which often say something a caller needs to know.
    pub extensions: Vec<(String, String)>,
    pub deprecated: bool,
    /// Alternatives: the request may satisfy any one of them. Empty means the
    /// operation sends no credentials.
    pub security: Vec<SecurityRequirement>,
    /// The struct holding the optional parameters, if there are any.
    pub params_struct: Option<String>,
    /// The request builder the client method returns, e.g.
    /// `RevokeTokenBuilder`.
    pub request_struct: String,
    /// The builder has `events()`: the operation's one success declares
    /// `text/event-stream`.
    pub events: bool,
    pub body: Option<RequestBody>,
    /// Send `Accept: application/json`.
    pub accepts_json: bool,
    pub success: ResponseSet,
    /// A `default` case, on either side, catches every undocumented status.
    pub errors: ResponseSet,
    /// The response headers any case declares, once each (by name, ignoring
    /// case), read through the struct named in `headers_struct`.
    pub headers: Vec<ResponseHeader>,
    pub headers_struct: Option<String>,
    /// With headers, the trait that sets them on a fake's replies.
    pub reply_headers_trait: Option<String>,
    /// The cargo features that compile it (and its types and twins).
    pub gate: Gate,
    /// How its pages follow each other, if it returns pages.
    pub pagination: Option<paging::Pagination>,
}

/// A header a response declares (`responses/200/headers/X-Rate-Limit`).
#[derive(Debug)]
pub(crate) struct ResponseHeader {
    /// Its accessor, e.g. `x_rate_limit`.
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// Required by every case that declares it.
    pub required: bool,
    pub docs: Docs,
}

#[derive(Debug)]
pub(crate) struct Parameter {
    /// Where the spec declares it (the operation, for a path placeholder
    /// with no declaration).
    pub pointer: String,
    pub name: String,
    pub wire_name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub ty: TypeRef,
    /// The shape of `ty` on the wire, decided from the type and `style`.
    pub encoding: Encoding,
    /// How a path parameter's value is prefixed (`style`); `Simple` for
    /// parameters elsewhere.
    pub path_style: PathStyle,
    pub deprecated: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// A path parameter's `style`: `/5` (`simple`), `/.5` (`label`) or
/// `/;id=5` (`matrix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathStyle {
    Simple,
    Label,
    Matrix,
}

/// How a parameter value is written (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// One value, written with `Display`.
    Scalar,
    /// An array of scalars: repeated (`form`, explode) or joined by
    /// `separator`. Items are written with `Display`, or through their JSON
    /// text where that differs (`by_json`: date-times).
    List {
        explode: bool,
        separator: char,
        by_json: bool,
    },
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
pub(crate) struct RequestBody {
    /// Where the spec defines it, e.g. `/paths/~1pets/post/requestBody`.
    pub pointer: String,
    pub required: bool,
    /// One entry per supported media type, in spec order.
    pub content: Vec<BodyContent>,
    /// With several media types, the enum the caller picks one from.
    pub enum_name: Option<String>,
    pub docs: Docs,
}

#[derive(Debug)]
pub(crate) struct BodyContent {
    pub media_type: String,
    /// Variant name in the body enum, e.g. `Json`, `Form`.
    pub variant: String,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: the type's properties as pairs,
    /// those named in `styles` written as their `encoding` entry says.
    Form {
        ty: TypeRef,
        styles: Vec<(String, FormStyle)>,
    },
    /// `multipart/form-data`: a form type (its binary properties are files),
    /// or with no struct to type it, a form the caller builds.
    Multipart {
        ty: Option<TypeRef>,
        /// The parts the spec says something about.
        parts: Vec<FormPart>,
    },
    Text,
    Binary,
}

impl BodyKind {
    /// The schema's type, for the bodies that have one.
    pub(crate) fn schema_type(&self) -> Option<&TypeRef> {
        match self {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => Some(ty),
            BodyKind::Multipart { ty, .. } => ty.as_ref(),
            BodyKind::Text | BodyKind::Binary => None,
        }
    }

    /// [`Self::schema_type`], to change it.
    pub(crate) fn schema_type_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => Some(ty),
            BodyKind::Multipart { ty, .. } => ty.as_mut(),
            BodyKind::Text | BodyKind::Binary => None,
        }
    }
}

/// A part of a multipart body, as its schema and `encoding` entry say.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FormPart {
    /// The property's name on the wire.
    pub name: String,
    /// A file (`Some(false)`), an array of files (`Some(true)`), or a value.
    pub file: Option<bool>,
    /// The `encoding` entry's `contentType`.
    pub content_type: Option<String>,
    /// Headers with one value the `encoding` entry gives the part.
    pub headers: Vec<(String, String)>,
}

/// How a property of a urlencoded body is written (its `encoding` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FormStyle {
    Form { explode: bool },
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// All the schemes one alternative needs, together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecurityRequirement {
    pub schemes: Vec<SchemeId>,
}

/// A security scheme: its index in [`Api::security_schemes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SchemeId(pub usize);

/// A security scheme the spec declares under `components/securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecuritySchemeDef {
    /// The name under `components/securitySchemes`.
    pub name: String,
    /// The module-level `const` describing it, e.g. `SCHEME_OAUTH2`.
    pub const_name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

/// What kind of scheme the spec declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    ApiKey {
        name: String,
        location: ApiKeyLocation,
    },
    /// An http scheme by its name, e.g. `bearer`, `basic`, `digest`.
    Http {
        scheme: String,
    },
    OAuth2 {
        /// The first authorization URL of its flows, if any.
        authorization_url: Option<String>,
    },
    OpenIdConnect {
        discovery_url: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// How the client sends a scheme's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// `Authorization: Bearer <token>`: http bearer, oauth2 and openIdConnect.
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
    ApiKeyHeader(String),
    ApiKeyQuery(String),
    ApiKeyCookie(String),
}

impl SchemeKind {
    /// How the client sends this scheme's credentials; `None` for http
    /// schemes other than bearer and basic.
    pub(crate) fn credential(&self) -> Option<Credential> {
        Some(match self {
            SchemeKind::Http { scheme } if scheme.eq_ignore_ascii_case("bearer") => {
                Credential::Bearer
            }
            SchemeKind::Http { scheme } if scheme.eq_ignore_ascii_case("basic") => {
                Credential::Basic
            }
            SchemeKind::Http { .. } => return None,
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => Credential::Bearer,
            SchemeKind::ApiKey { name, location } => match location {
                ApiKeyLocation::Header => Credential::ApiKeyHeader(name.clone()),
                ApiKeyLocation::Query => Credential::ApiKeyQuery(name.clone()),
                ApiKeyLocation::Cookie => Credential::ApiKeyCookie(name.clone()),
            },
        })
    }
}

/// The documented responses on one side (success or error) of an operation.
#[derive(Debug)]
pub(crate) struct ResponseSet {
    /// The Rust type of the decoded value: `()`, the single body type, or an
    /// enum named here with one variant per case.
    pub shape: ResponseShape,
    pub cases: Vec<ResponseCase>,
}

#[derive(Debug)]
pub(crate) enum ResponseShape {
    /// Nothing documented on this side.
    None,
    /// One case: the value is its body (or `()`).
    Single,
    /// Several cases: an enum with this name.
    Enum { name: String },
}

#[derive(Debug)]
pub(crate) struct ResponseCase {
    /// Where the spec defines it, e.g. `/paths/~1pets/get/responses/200`.
    pub pointer: String,
    /// The headers it declares, by their index in
    /// [`Operation::headers`].
    pub headers: Vec<usize>,
    /// The data of its `text/event-stream` events, if it declares that
    /// media type (beside `body`, which is what the plain method reads).
    pub events: Option<EventData>,
    pub status: StatusMatch,
    /// Enum variant name, e.g. `NoContent`, `BadRequest`, `Default`.
    pub variant: String,
    pub body: Body,
    /// The JSON body's example in the spec (the media type's `example`, or
    /// the first of its `examples`), which a fake answers with.
    pub example: Option<serde_json::Value>,
    pub docs: Docs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusMatch {
    Code(u16),
    /// `1XX` to `5XX`: the hundreds digit.
    Range(u16),
    Default,
}

/// What each server-sent event's `data` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EventData {
    /// Text as sent.
    Text,
    /// JSON of this type (OpenAPI 3.2's `itemSchema`, or the media type's
    /// `schema`).
    Json(TypeRef),
}

/// A response body as decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    Empty,
    Json(TypeRef),
    Text,
    Bytes,
}

impl Operation {
    /// Every type this operation's code names: parameters, bodies,
    /// responses, event data and headers.
    pub(crate) fn type_refs(&self) -> Vec<&TypeRef> {
        let bodies = self
            .body
            .iter()
            .flat_map(|b| &b.content)
            .filter_map(|c| c.kind.schema_type());
        let responses = self
            .success
            .cases
            .iter()
            .chain(&self.errors.cases)
            .flat_map(|c| {
                let body = match &c.body {
                    Body::Json(ty) => Some(ty),
                    _ => None,
                };
                let events = match &c.events {
                    Some(EventData::Json(ty)) => Some(ty),
                    _ => None,
                };
                body.into_iter().chain(events)
            });
        self.parameters
            .iter()
            .map(|p| &p.ty)
            .chain(bodies)
            .chain(responses)
            .chain(self.headers.iter().map(|h| &h.ty))
            .collect()
    }

    /// Every type this operation's code names: parameters, bodies, responses.
    fn type_refs_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let parameters = self.parameters.iter_mut().map(|p| &mut p.ty);
        let bodies = self
            .body
            .iter_mut()
            .flat_map(|b| &mut b.content)
            .filter_map(|c| c.kind.schema_type_mut());
        let responses = self
            .success
            .cases
            .iter_mut()
            .chain(&mut self.errors.cases)
            .flat_map(|c| {
                let body = match &mut c.body {
                    Body::Json(ty) => Some(ty),
                    _ => None,
                };
                let events = match &mut c.events {
                    Some(EventData::Json(ty)) => Some(ty),
                    _ => None,
                };
                body.into_iter().chain(events)
            });
        let headers = self.headers.iter_mut().map(|h| &mut h.ty);
        parameters.chain(bodies).chain(responses).chain(headers)
    }
}
