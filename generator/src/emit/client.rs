//! Emits `mod.rs` of an API module: module docs, the `Client`, and one async
//! method per operation.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, escape, inner_doc_attrs, parameter_docs};
use super::gate;
use super::rust_type::{body_type, file_start, ident, owned_body_type, rust_type};
use crate::model::STANDARD_METHODS;
use crate::model::{
    Api, ApiKeyLocation, Body, BodyContent, BodyKind, Credential, Docs, Encoding, EventData, Gate,
    Operation, Parameter, ParameterLocation, PathStyle, RequestBody, ResponseSet, ResponseShape,
    SchemeKind, SecuritySchemeDef, Server, StatusMatch, TypeGraph, TypeRef,
};
use crate::path_template::Part;

pub fn module_file(api: &Api) -> TokenStream {
    let module_docs = inner_doc_attrs(&module_docs(api));
    let default_url = default_server(api);
    let constructors = constructors(default_url);
    let methods = api.operations.iter().map(|op| operation_methods(op, api));
    let schemes = scheme_consts(api);
    let title = format!(" A client for {}.", escape(&api.title));
    // A spec without security schemes says nothing of credentials; those
    // the caller sets still go out, rather than being dropped unseen.
    let undeclared = api.security_schemes.is_empty().then(|| {
        quote! {
            ///
            /// The spec declares no security scheme, so every request carries
            /// the credentials set on the builder, if any: a bearer token
            /// (`bearer_token`, or a provider asked for the scheme named
            /// `bearer`), else basic credentials (`basic_auth`).
        }
    });
    let types = api.has_types().then(|| {
        // With one tag's feature on, every type may be gated away.
        let allow = (!api.tag_features.is_empty()).then(|| quote!(#[allow(unused_imports)]));
        quote! {
            mod types;
            #allow
            pub use self::types::*;
        }
    });
    let start = file_start(api, false);
    quote! {
        #module_docs
        #start

        #types

        #schemes

        #[doc = #title]
        ///
        /// Cheap to clone: clones share one connection pool. `Debug` never
        /// shows credentials.
        #undeclared
        #[derive(Clone, Debug)]
        pub struct Client {
            core: rt::ClientCore,
        }

        impl rt::FromClientCore for Client {
            fn from_core(core: rt::ClientCore) -> Self {
                Self { core }
            }
        }

        impl Client {
            #constructors

            /// The URL operation paths are appended to.
            pub fn base_url(&self) -> &rt::reqwest::Url {
                self.core.base_url()
            }

            /// A handle whose calls also send `options`: extra headers and
            /// query parameters, a timeout, a retry policy. Cheap; the client
            /// itself is unchanged.
            pub fn with_options(&self, options: rt::RequestOptions) -> Self {
                Self { core: self.core.with_options(options) }
            }

            #(#methods)*
        }
    }
}

fn module_docs(api: &Api) -> Docs {
    let mut docs = Docs::from_parts([Some(&*format!("{} (version {}).", api.title, api.version))]);
    docs.push(format!("Generated from `{}`.", api.source));
    for server in &api.servers {
        docs.push(server_line(server));
    }
    if !api.security_schemes.is_empty() {
        let schemes: Vec<String> = api
            .security_schemes
            .iter()
            .map(|scheme| format!("- `{}`: {}", scheme.name, scheme_prose(scheme)))
            .collect();
        docs.push(format!("Security schemes:\n{}", schemes.join("\n")));
    }
    docs.paragraphs
        .extend(api.description.paragraphs.iter().cloned());
    docs
}

/// `Server: <template> (<description>; <each variable>)`.
fn server_line(server: &Server) -> String {
    let mut notes = server.description.paragraphs.clone();
    for variable in &server.variables {
        let mut line = format!("`{{{}}}` defaults to `{}`", variable.name, variable.default);
        if !variable.values.is_empty() {
            line.push_str(&format!(" (one of: {})", variable.values.join(", ")));
        }
        if let Some(description) = &variable.description {
            line.push_str(&format!(": {description}"));
        }
        notes.push(line);
    }
    let mut line = format!("Server: {}", server.template);
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join("; ")));
    }
    line
}

/// How a security scheme works, in words, then its description.
fn scheme_prose(scheme: &SecuritySchemeDef) -> String {
    let how = match &scheme.kind {
        SchemeKind::ApiKey { name, location } => {
            let location = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query",
                ApiKeyLocation::Cookie => "cookie",
            };
            format!("API key `{name}` in the {location}")
        }
        SchemeKind::Http { scheme } => format!("http `{scheme}`"),
        SchemeKind::OAuth2 { authorization_url } => match authorization_url {
            Some(url) => format!("OAuth 2 bearer token, authorization URL {url}"),
            None => "OAuth 2 bearer token".to_owned(),
        },
        SchemeKind::OpenIdConnect { discovery_url } => {
            format!("OpenID Connect bearer token, discovery at {discovery_url}")
        }
    };
    match &scheme.description {
        Some(description) => format!("{how}: {description}"),
        None => how,
    }
}

/// The first server, if its URL can be used as it is: absolute, no variables.
pub(super) fn default_server(api: &Api) -> Option<&str> {
    let url = api.servers.first()?.url.as_str();
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    (absolute && !url.contains('{')).then_some(url)
}

fn constructors(default_url: Option<&str>) -> TokenStream {
    let new = quote! {
        /// The `User-Agent` requests carry unless the builder says
        /// otherwise: this crate's `name/version`.
        pub const USER_AGENT: &'static str =
            concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        /// A client for `base_url`, without credentials.
        pub fn new(base_url: &str) -> Result<Self, rt::BuildError> {
            Self::builder().base_url(base_url).build()
        }
    };
    let Some(url) = default_url else {
        return quote! {
            #new

            /// A builder for a client. The spec names no usable server, so set
            /// one with `base_url`.
            pub fn builder() -> rt::ClientBuilder<Self> {
                rt::ClientBuilder::new(None, Self::USER_AGENT)
            }
        };
    };
    let const_doc = format!(" The spec's server: `{url}`.");
    let with_default_doc =
        format!(" A client for the spec's server, `{url}`, without credentials.");
    quote! {
        #[doc = #const_doc]
        pub const DEFAULT_BASE_URL: &'static str = #url;

        #new

        #[doc = #with_default_doc]
        pub fn with_default_server() -> Result<Self, rt::BuildError> {
            Self::builder().build()
        }

        /// A builder for a client, starting from the spec's server.
        pub fn builder() -> rt::ClientBuilder<Self> {
            rt::ClientBuilder::new(Some(Self::DEFAULT_BASE_URL), Self::USER_AGENT)
        }
    }
}

/// An operation's method, and its streaming twins if it has them.
fn operation_methods(op: &Operation, api: &Api) -> TokenStream {
    let method = operation_method(op, api, Twin::Plain);
    let stream = op
        .stream_method
        .as_ref()
        .map(|name| operation_method(op, api, Twin::Stream(name)));
    let events = op
        .events_method
        .as_ref()
        .map(|name| operation_method(op, api, Twin::Events(name)));
    quote!(#method #stream #events)
}

/// Which method of an operation to emit.
#[derive(Clone, Copy)]
enum Twin<'a> {
    /// The operation's own method.
    Plain,
    /// The one returning the success body as a `ByteStream`.
    Stream(&'a str),
    /// The one returning the success body as server-sent events.
    Events(&'a str),
}

fn operation_method(op: &Operation, api: &Api, twin: Twin<'_>) -> TokenStream {
    let types = &api.types;
    let mut docs = method_docs(op, api);
    if let Some(lead) = twin_lead(op, twin) {
        docs.paragraphs.insert(0, lead);
    }
    let docs = doc_attrs(&docs);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(match twin {
        Twin::Plain => &op.method_name,
        Twin::Stream(name) | Twin::Events(name) => name,
    });
    let args = method_arguments(op, types);
    let success = success_type(op, twin, types);
    let error = match &op.errors.shape {
        ResponseShape::Enum { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
        _ => quote!(::std::convert::Infallible),
    };
    let method = http_method(&op.http_method);
    let path = &op.path;
    let segments = op
        .template
        .segments()
        .iter()
        .map(|parts| segment(parts, &op.parameters));
    let steps = request_steps(op, twin);
    let binding = if steps.is_empty() {
        quote!(request)
    } else {
        quote!(mut request)
    };
    let streams = !matches!(twin, Twin::Plain);
    let send = send_statement(op, twin, &security(op, api));
    let decode = response_match(op, streams);
    let cfg = gate::cfg(&op.gate);
    // Required parameters are positional, so a path with many placeholders
    // makes a long signature: clippy's limit counts `self` too.
    let many_arguments = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #cfg
        #many_arguments
        pub async fn #name(&self, #(#args),*) -> Result<
            rt::ResponseValue<#success>,
            rt::Error<#error>,
        > {
            let #binding = self.core.request(#method, #path, &[#(#segments),*]);
            #(#steps)*
            #send
            #decode
        }
    }
}

/// What a twin's docs say first: how it differs from the plain method.
fn twin_lead(op: &Operation, twin: Twin<'_>) -> Option<String> {
    match twin {
        Twin::Plain => None,
        Twin::Stream(_) => Some(format!(
            "[`{0}`](Self::{0}) with the success body as a stream: read it with \
             `chunk()` as it arrives, so a body of any size needs little memory. \
             Other statuses are read whole and decoded as `{0}` does them.",
            op.method_name
        )),
        Twin::Events(_) => Some(format!(
            "[`{0}`](Self::{0}) with the success body as server-sent events \
             (`Accept: text/event-stream`): `next()` yields each event as it \
             arrives, until the stream ends or sends `[DONE]`. Other statuses are \
             read whole and decoded as `{0}` does them.",
            op.method_name
        )),
    }
}

/// The method's arguments after `&self`: the required parameters in order,
/// the body, the optional parameters' struct.
fn method_arguments(op: &Operation, types: &TypeGraph) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.required)
        .map(|p| argument(p, types))
        .collect();
    if let Some(body) = &op.body {
        let ty = body_argument(body, types);
        let binary = body.enum_name.is_none() && body.content[0].kind == BodyKind::Binary;
        args.push(match (body.required, binary) {
            // Bytes, a `Vec<u8>`, a file or a stream alike.
            (true, true) => quote!(body: impl ::std::convert::Into<#ty>),
            (true, false) => quote!(body: #ty),
            (false, _) => quote!(body: Option<#ty>),
        });
    }
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        args.push(quote!(params: #params));
    }
    args
}

/// What the method returns on success: the value, a byte stream or events.
fn success_type(op: &Operation, twin: Twin<'_>, types: &TypeGraph) -> TokenStream {
    match (twin, event_data(op)) {
        (Twin::Stream(_), _) => quote!(rt::ByteStream),
        (Twin::Events(_), Some(EventData::Json(ty))) => {
            let ty = rust_type(ty, types);
            quote!(rt::EventStream<#ty>)
        }
        (Twin::Events(_), _) => quote!(rt::EventStream<String>),
        (Twin::Plain, _) => value_type(&op.success, types),
    }
}

/// The events' data of the first success, if it is an event stream.
fn event_data(op: &Operation) -> Option<&EventData> {
    op.success.cases.first().and_then(|c| c.events.as_ref())
}

/// The statements that fill the request in: `Accept`, each parameter, the
/// body.
fn request_steps(op: &Operation, twin: Twin<'_>) -> Vec<TokenStream> {
    let mut steps = Vec::new();
    if let Twin::Events(_) = twin {
        steps.push(quote!(request.accept_events();));
    } else if op.accepts_json {
        steps.push(quote!(request.accept_json();));
    }
    steps.extend(op.parameters.iter().filter_map(place_parameter));
    if let Some(body) = &op.body {
        steps.push(place_body(body));
    }
    steps
}

/// The statement that sends the request and binds `response`: a twin keeps
/// the success body unread and returns it as a stream, and reads any other
/// status whole for the plain decoding.
fn send_statement(op: &Operation, twin: Twin<'_>, security: &TokenStream) -> TokenStream {
    let first_success = op.success.cases.first().map(|c| c.status);
    let (Twin::Stream(_) | Twin::Events(_), Some(status)) = (twin, first_success) else {
        return quote!(let response = self.core.send(request, #security).await?;);
    };
    let into = match (twin, event_data(op)) {
        (Twin::Events(_), Some(EventData::Json(_))) => {
            quote!(response.into_events(rt::__private::json_data))
        }
        (Twin::Events(_), _) => quote!(response.into_events(rt::__private::text_data)),
        _ => quote!(response.into_stream()),
    };
    let streamed = match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(response.status().as_u16() == #code)
        }
        StatusMatch::Range(hundreds) => {
            let hundreds = Literal::u16_unsuffixed(hundreds);
            quote!(response.status().as_u16() / 100 == #hundreds)
        }
        StatusMatch::Default => quote!(false),
    };
    quote! {
        let response = self.core.send_streaming(request, #security).await?;
        if #streamed {
            return Ok(#into);
        }
        let response = response.buffer().await?;
    }
}

/// The `reqwest::Method` of an operation: a constant for the standard
/// methods, parsed for others (OpenAPI 3.2's `QUERY`, additional operations),
/// whose names the model has checked are valid.
fn http_method(name: &str) -> TokenStream {
    if STANDARD_METHODS.contains(&name) {
        let name = ident(name);
        return quote!(rt::reqwest::Method::#name);
    }
    let bytes = Literal::byte_string(name.as_bytes());
    let message = format!("`{name}` is not a valid HTTP method");
    quote! {
        rt::reqwest::Method::from_bytes(#bytes)
            .map_err(|_| rt::Error::InvalidRequest(#message.to_owned()))?
    }
}

fn method_docs(op: &Operation, api: &Api) -> Docs {
    let mut docs = op.docs.clone();
    if !op.tags.is_empty() {
        let tags: Vec<String> = op.tags.iter().map(|t| format!("`{t}`")).collect();
        docs.push(format!("Tags: {}.", tags.join(", ")));
    }
    if let Some(sentence) = gate::sentence(&op.gate) {
        docs.push(sentence);
    }
    for (name, text) in &op.extensions {
        docs.push(format!("`{name}`: {text}"));
    }
    docs.push(format!(
        "`{} {}` (operation `{}`).",
        op.http_method, op.path, op.operation_id
    ));
    let mut args: Vec<String> = op
        .parameters
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("- `{}`: {}", p.name, parameter_docs(p).paragraphs.join(" ")))
        .collect();
    if let Some(body) = &op.body {
        let media: Vec<String> = body
            .content
            .iter()
            .map(|c| format!("`{}`", c.media_type))
            .collect();
        let optional = if body.required { "" } else { " (optional)" };
        let description = body.docs.paragraphs.join(" ");
        args.push(format!(
            "- `body`{optional}: the request body, sent as {}. {description}",
            media.join(" or ")
        ));
    }
    if let Some(params) = &op.params_struct {
        args.push(format!(
            "- `params`: the optional parameters, a `{params}`."
        ));
    }
    if !args.is_empty() {
        docs.push(format!("# Arguments\n{}", args.join("\n")));
    }
    let alternatives: Vec<String> = op
        .security
        .iter()
        .filter(|alt| !alt.schemes.is_empty())
        .map(|alt| {
            alt.schemes
                .iter()
                .map(|s| format!("`{}`", api.security_schemes[s.0].name))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    if !alternatives.is_empty() {
        let schemes = alternatives.join(" or ");
        docs.push(if op.security.iter().any(|alt| alt.schemes.is_empty()) {
            format!("Sends credentials for security scheme {schemes} if the client has them, and none otherwise.")
        } else {
            format!(
                "Requires credentials for security scheme {schemes}: without them it fails with \
                 `Error::MissingCredentials` before sending anything."
            )
        });
    }
    let responses: Vec<String> = op
        .success
        .cases
        .iter()
        .chain(&op.errors.cases)
        .map(|c| {
            let status = match c.status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
            format!("- {status}: {}", c.docs.paragraphs.join(" "))
        })
        .collect();
    docs.push(format!("# Responses\n{}", responses.join("\n")));
    docs
}

/// A required parameter as a method argument: borrowed where it can be.
pub(super) fn argument(p: &Parameter, types: &TypeGraph) -> TokenStream {
    let name = ident(&p.name);
    let ty = match &p.ty {
        TypeRef::String => quote!(&str),
        // Small `Copy` values are passed by value.
        ty if ty.is_copy() => rust_type(ty, types),
        TypeRef::List(item) => {
            let item = rust_type(item, types);
            quote!(&[#item])
        }
        other => {
            let ty = rust_type(other, types);
            quote!(&#ty)
        }
    };
    quote!(#name: #ty)
}

/// The `body` argument's type.
pub(super) fn body_argument(body: &RequestBody, types: &TypeGraph) -> TokenStream {
    if let Some(name) = &body.enum_name {
        let name = ident(name);
        return quote!(#name);
    }
    match &body.content[0].kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) => {
            let ty = rust_type(ty, types);
            quote!(&#ty)
        }
        BodyKind::Text => quote!(&str),
        other => owned_body_type(other, types),
    }
}

/// The statements that put the body on `request`.
fn place_body(body: &RequestBody) -> TokenStream {
    let place = if let Some(name) = &body.enum_name {
        let name = ident(name);
        let arms = body.content.iter().map(|content| {
            let variant = ident(&content.variant);
            let statement = place_content(content, quote!(value), true);
            quote!(#name::#variant(value) => { #statement })
        });
        quote!(match body { #(#arms)* })
    } else {
        place_content(&body.content[0], quote!(body), false)
    };
    if body.required {
        place
    } else {
        quote!(if let Some(body) = body { #place })
    }
}

/// One media type's statement. `value` is owned when it comes from a body
/// enum; otherwise it is the `body` argument (`&T` for JSON and form, `&str`
/// for text, owned for bytes and multipart).
fn place_content(content: &BodyContent, value: TokenStream, owned: bool) -> TokenStream {
    let media_type = &content.media_type;
    let borrowed = if owned {
        quote!(&#value)
    } else {
        value.clone()
    };
    match &content.kind {
        BodyKind::Json(_) => quote!(request.json_body(#media_type, #borrowed)?;),
        BodyKind::Form(_) => quote!(request.form_body(#media_type, #borrowed)?;),
        BodyKind::Text if !owned => {
            quote!(request.bytes_body(#media_type, ::std::string::ToString::to_string(#value));)
        }
        BodyKind::Text => quote!(request.bytes_body(#media_type, #value);),
        BodyKind::Binary => quote!(request.binary_body(#media_type, #value);),
        BodyKind::Multipart => quote!(request.multipart_body(#value);),
    }
}

/// One path segment as a `&str` expression.
fn segment(parts: &[Part<usize>], parameters: &[Parameter]) -> TokenStream {
    let values: Vec<TokenStream> = parts
        .iter()
        .map(|part| match part {
            Part::Literal(text) => quote!(#text),
            Part::Placeholder(i) => {
                let p = &parameters[*i];
                let name = ident(&p.name);
                match is_styled(p) {
                    true => styled_path(p, quote!(#name)),
                    false => as_text(p, &p.wire_name, quote!(#name)),
                }
            }
        })
        .collect();
    match (parts, values.as_slice()) {
        ([Part::Literal(_)], [value]) => value.clone(),
        // A required string parameter is already a `&str`.
        ([Part::Placeholder(i)], [value])
            if parameters[*i].ty == TypeRef::String && !is_styled(&parameters[*i]) =>
        {
            value.clone()
        }
        ([Part::Placeholder(i)], [value]) if parameters[*i].encoding == Encoding::Scalar => {
            quote!(&#value.to_string())
        }
        ([Part::Placeholder(_)], [value]) => quote!(&#value),
        _ => {
            let format = "{}".repeat(values.len());
            quote!(&::std::format!(#format, #(#values),*))
        }
    }
}

/// A path parameter whose text is more than its value's: a `label` or
/// `matrix` prefix, or an exploded object's `key=value` pairs.
fn is_styled(p: &Parameter) -> bool {
    p.path_style != PathStyle::Simple
        || matches!(p.encoding, Encoding::Object { explode: true, .. })
}

/// A styled path parameter's text (a `String`), from its items.
fn styled_path(p: &Parameter, value: TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    let (items, explode, object) = match p.encoding {
        Encoding::Scalar => (quote!(&[#value.to_string()]), false, false),
        Encoding::List {
            explode,
            by_json: false,
            ..
        } => (quote!(&rt::__private::strings(#value)), explode, false),
        Encoding::List {
            explode,
            by_json: true,
            ..
        } => (
            quote!(&rt::__private::texts(#wire, #value)?),
            explode,
            false,
        ),
        Encoding::Object { explode, .. } => (
            quote!(&rt::__private::object_items(#wire, &#value, #explode)?),
            explode,
            true,
        ),
        Encoding::Json | Encoding::Text => {
            let text = as_text(p, wire, value);
            (quote!(&[#text]), false, false)
        }
    };
    let style = match p.path_style {
        PathStyle::Simple => quote!(Simple),
        PathStyle::Label => quote!(Label),
        PathStyle::Matrix => quote!(Matrix),
    };
    quote!(rt::__private::styled_path(rt::__private::PathStyle::#style, #wire, #items, #explode, #object))
}

/// The statement that puts a query, header or cookie parameter on
/// `request`.
fn place_parameter(p: &Parameter) -> Option<TokenStream> {
    let wire = &p.wire_name;
    let place = |value: TokenStream| -> Option<TokenStream> {
        if p.location == ParameterLocation::Path {
            return None;
        }
        if let (
            ParameterLocation::Query,
            Encoding::List {
                explode,
                separator,
                by_json,
            },
        ) = (p.location, p.encoding)
        {
            let separator = match explode {
                true => quote!(None),
                false => quote!(Some(#separator)),
            };
            let value = match by_json {
                true => quote!(&rt::__private::texts(#wire, #value)?),
                false => value,
            };
            return Some(quote!(request.query_list(#wire, #value, #separator);));
        }
        if let (ParameterLocation::Query, Encoding::Object { deep, explode }) =
            (p.location, p.encoding)
        {
            return Some(quote!(request.query_object(#wire, #value, #deep, #explode)?;));
        }
        let text = as_text(p, wire, value);
        Some(match p.location {
            ParameterLocation::Query => quote!(request.query(#wire, #text);),
            ParameterLocation::Header => quote!(request.header(#wire, #text)?;),
            _ => quote!(request.cookie(#wire, #text)?;),
        })
    };
    let name = ident(&p.name);
    if p.required {
        place(quote!(#name))
    } else {
        let statement = place(quote!(value))?;
        Some(quote!(if let Some(value) = &params.#name { #statement }))
    }
}

/// A parameter value as something `Display`: the value itself for scalars,
/// otherwise its text per the parameter's encoding.
fn as_text(p: &Parameter, wire: &str, value: TokenStream) -> TokenStream {
    match p.encoding {
        Encoding::Scalar => value,
        Encoding::List {
            separator,
            by_json: false,
            ..
        } => quote!(rt::__private::join(#value, #separator)),
        Encoding::List {
            separator,
            by_json: true,
            ..
        } => quote!(rt::__private::join(&rt::__private::texts(#wire, #value)?, #separator)),
        // By reference: a required date-time argument is passed by value.
        Encoding::Object { explode: false, .. } => {
            quote!(rt::__private::object(#wire, &#value)?)
        }
        Encoding::Object { explode: true, .. } => {
            quote!(rt::__private::object_items(#wire, &#value, true)?.join(","))
        }
        Encoding::Json => quote!(rt::__private::json(#wire, &#value)?),
        Encoding::Text => quote!(rt::__private::text(#wire, &#value)?),
    }
}

/// A `const` per security scheme the operations use, so each method names
/// its requirement briefly, e.g. `&[&[SCHEME_OAUTH2]]`.
fn scheme_consts(api: &Api) -> TokenStream {
    // Each scheme with the operations that use it, so it is compiled (and
    // not dead code) exactly when one of them is.
    let mut users: std::collections::BTreeMap<usize, Vec<&Gate>> = Default::default();
    for op in &api.operations {
        for id in op.security.iter().flat_map(|alt| &alt.schemes) {
            users.entry(id.0).or_default().push(&op.gate);
        }
    }
    users
        .into_iter()
        .filter_map(|(id, gates)| {
            let s = &api.security_schemes[id];
            let cfg = gate::cfg(&Gate::union(gates));
            let const_name = ident(&s.const_name);
            let name = &s.name;
            let scheme = match s.kind.credential()? {
                Credential::Bearer => quote!(Bearer),
                Credential::Basic => quote!(Basic),
                Credential::ApiKeyHeader(n) => quote!(ApiKeyHeader(#n)),
                Credential::ApiKeyQuery(n) => quote!(ApiKeyQuery(#n)),
                Credential::ApiKeyCookie(n) => quote!(ApiKeyCookie(#n)),
            };
            let doc = format!(" The `{name}` security scheme.");
            Some(quote! {
                #[doc = #doc]
                #cfg
                const #const_name: rt::SchemeUse = rt::SchemeUse {
                    name: #name,
                    scheme: rt::AuthScheme::#scheme,
                };
            })
        })
        .collect()
}

fn security(op: &Operation, api: &Api) -> TokenStream {
    if api.security_schemes.is_empty() {
        return quote!(rt::__private::UNDECLARED_SECURITY);
    }
    let alternatives = op.security.iter().map(|alt| {
        let schemes = alt
            .schemes
            .iter()
            .map(|id| ident(&api.security_schemes[id.0].const_name));
        quote!(&[#(#schemes),*])
    });
    quote!(&[#(#alternatives),*])
}

/// The type a response set decodes into.
pub(super) fn value_type(set: &ResponseSet, types: &TypeGraph) -> TokenStream {
    match (&set.shape, set.cases.first()) {
        (ResponseShape::Enum { name, .. }, _) => {
            let name = ident(name);
            quote!(#name)
        }
        (ResponseShape::Single, Some(case)) => {
            body_type(&case.body, types).unwrap_or_else(|| quote!(()))
        }
        _ => quote!(()),
    }
}

/// The `match` from status to decoding step: listed statuses in spec order,
/// then ranges (`4XX`), then `default` or an unexpected-status error (alone,
/// without a `match`, when nothing is listed).
fn response_match(op: &Operation, without_success: bool) -> TokenStream {
    let mut codes = Vec::new();
    let mut ranges = Vec::new();
    let mut fallback = quote!(response.unexpected());
    for (set, is_error) in [(&op.success, false), (&op.errors, true)] {
        // The streaming twin returns its success before the `match`.
        if without_success && !is_error {
            continue;
        }
        let enum_name = match &set.shape {
            ResponseShape::Enum { name, .. } => Some(ident(name)),
            _ => None,
        };
        for case in &set.cases {
            let decoder = match case.body {
                Body::Empty => quote!(rt::__private::Empty),
                Body::Json(_) => quote!(rt::__private::Json),
                Body::Text => quote!(rt::__private::Text),
                Body::Bytes => quote!(rt::__private::Binary),
            };
            let wrap = match &enum_name {
                None => quote!(::std::convert::identity),
                Some(e) => {
                    let variant = ident(&case.variant);
                    match case.body {
                        Body::Empty => quote!(|()| #e::#variant),
                        _ => quote!(#e::#variant),
                    }
                }
            };
            let step = if is_error {
                quote!(response.err(#decoder, #wrap))
            } else {
                quote!(response.ok(#decoder, #wrap))
            };
            match case.status {
                StatusMatch::Code(code) => {
                    let code = Literal::u16_unsuffixed(code);
                    codes.push(quote!(#code => #step,));
                }
                StatusMatch::Range(hundreds) => {
                    let low = Literal::u16_unsuffixed(hundreds * 100);
                    let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
                    ranges.push(quote!(#low..=#high => #step,));
                }
                StatusMatch::Default => fallback = step,
            }
        }
    }
    codes.extend(ranges);
    if codes.is_empty() {
        return fallback;
    }
    quote! {
        match response.status().as_u16() {
            #(#codes)*
            _ => #fallback,
        }
    }
}
