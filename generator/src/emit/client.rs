//! Emits `mod.rs` of an API module: module docs, the `Client`, and one async
//! method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, escape, inner_doc_attrs, one_line, parameter_docs};
use super::gate;
use super::request;
use super::rust_type::{field_init, file_start, ident, spec_decided_lints, taken};
use crate::model::{
    Api, ApiKeyLocation, Credential, Docs, Gate, Operation, SchemeKind, SecuritySchemeDef, Server,
    StatusMatch,
};

pub(super) fn module_file(api: &Api) -> TokenStream {
    let module_docs = inner_doc_attrs(&module_docs(api));
    let default_url = default_server(api);
    let constructors = constructors(default_url);
    let methods = api.operations.iter().map(|op| operation_method(op, api));
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
        // A feature's own types file, declared only with it.
        let feature_files = super::types::types_files(api)
            .into_iter()
            .filter_map(|file| {
                let path = file.path();
                let (feature, module) = file.feature?;
                let module = ident(&module);
                Some(quote! {
                    #[cfg(feature = #feature)]
                    #[path = #path]
                    mod #module;
                    #[cfg(feature = #feature)]
                    pub use self::#module::*;
                })
            });
        quote! {
            mod types;
            #allow
            pub use self::types::*;
            #(#feature_files)*
        }
    });
    let start = file_start(api, false);
    let fake = api.fakes.then(|| {
        quote! {
            #[cfg(feature = "fake")]
            mod fake;
            // `fake()`, and the `…Init` structs of the fake's constructors.
            #[cfg(feature = "fake")]
            pub use self::fake::*;
        }
    });
    let lints = spec_decided_lints();
    quote! {
        #module_docs
        #lints
        #start

        #types

        #schemes

        #fake

        #[doc = #title]
        ///
        /// Cheap to clone: clones share one connection pool. `Debug` never
        /// shows credentials.
        ///
        /// Each operation is a method that returns its request builder:
        /// set the operation's optional parameters on it, and per-call
        /// options (`.timeout(..)`, `.header(..)`, `.retry(..)`,
        /// `.accept(..)`), then `.await` it to send the request, or call
        /// `.stream()` to read a success body as a stream.
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

/// An operation's method: it takes the required parameters and the body
/// (a required one) and returns the request builder holding them.
fn operation_method(op: &Operation, api: &Api) -> TokenStream {
    let types = &api.types;
    let docs = doc_attrs(&method_docs(op, api));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&op.method_name);
    let builder = ident(&op.request_struct);
    let mut args = Vec::new();
    let mut fields = Vec::new();
    for p in op.parameters.iter().filter(|p| p.required) {
        let name = ident(&p.name);
        let taken = taken(&p.ty, types, &name);
        let (argument, stored) = (taken.argument, taken.stored);
        args.push(quote!(#name: #argument));
        fields.push(field_init(&name, stored));
    }
    if let Some(body) = &op.body {
        if body.required {
            let taken = request::body_taken(body, types, &ident("body"));
            let (argument, stored) = (taken.argument, taken.stored);
            args.push(quote!(body: #argument));
            fields.push(field_init(&ident("body"), stored));
        } else {
            fields.push(quote!(body: None,));
        }
    }
    if op.params_struct.is_some() {
        fields.push(quote!(params: ::core::default::Default::default(),));
    }
    let cfg = gate::cfg(&op.gate);
    // Required parameters are positional, so a path with many placeholders
    // makes a long signature: clippy's limit counts `self` too.
    let many_arguments = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #cfg
        #many_arguments
        pub fn #name(&self, #(#args),*) -> #builder {
            #builder {
                call: rt::__private::Call::new(&self.core),
                #(#fields)*
            }
        }
    }
}

/// The method's docs: the operation's, where it comes from, its arguments,
/// the builder's setters, credentials and responses.
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
        .map(|p| format!("- `{}`: {}", p.name, one_line(&parameter_docs(p))))
        .collect();
    // Named only: the builder's setters carry the parameters' docs.
    let mut optional: Vec<String> = op
        .parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| format!("`.{}(..)`", p.name))
        .collect();
    if let Some(body) = &op.body {
        let media: Vec<String> = body
            .content
            .iter()
            .map(|c| format!("`{}`", c.media_type))
            .collect();
        let description = one_line(&body.docs);
        let line = format!(
            "the request body, sent as {}. {description}",
            media.join(" or ")
        );
        match body.required {
            true => args.push(format!("- `body`: {line}")),
            false => {
                args.push(format!("- `.body(..)`, optional: {line}"));
                optional.insert(0, "`.body(..)`".to_owned());
            }
        }
    }
    if !args.is_empty() {
        docs.push(format!("# Arguments\n{}", args.join("\n")));
    }
    let builder = &op.request_struct;
    // What every builder takes is said once, on `Client`; here only what
    // this one adds.
    let mut returns =
        format!("Returns [its request builder]({builder}): `.await` it to send the request");
    if op.events {
        returns.push_str("; `.events()` reads a success body as server-sent events");
    }
    if let Some(pagination) = &op.pagination {
        returns.push_str(&format!(
            "; `.pages()` and `.items()` stream every page (the next one by `{}`)",
            pagination.strategy
        ));
    }
    returns.push('.');
    docs.push(returns);
    if !optional.is_empty() {
        docs.push(format!(
            "Optional, set on the builder: {}.",
            optional.join(", ")
        ));
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
            format!("- {status}: {}", one_line(&c.docs))
        })
        .collect();
    docs.push(format!("# Responses\n{}", responses.join("\n")));
    docs
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
