//! Emits `mod.rs` of an API module: module docs, the `Client`, and one async
//! method per operation.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, inner_doc_attrs};
use super::types::{ident, rust_type};
use crate::model::{
    Api, Body, Docs, Operation, Parameter, ParameterLocation, ResponseCase, ResponseSet,
    ResponseShape, SecurityKind, SegmentPart, StatusMatch, TypeRef,
};

pub fn module_file(api: &Api) -> TokenStream {
    let module_docs = inner_doc_attrs(&module_docs(api));
    let default_url = default_server(api);
    let constructors = constructors(default_url);
    let methods = api.operations.iter().map(operation_method);
    let schemes = scheme_consts(api);
    let title = format!(" A client for {}.", api.title);
    quote! {
        #module_docs

        mod types;
        pub use self::types::*;

        #schemes

        #[doc = #title]
        ///
        /// Cheap to clone: clones share one connection pool. `Debug` never
        /// shows credentials.
        #[derive(Clone, Debug)]
        pub struct Client {
            core: crate::runtime::ClientCore,
        }

        impl crate::runtime::FromClientCore for Client {
            fn from_core(core: crate::runtime::ClientCore) -> Self {
                Self { core }
            }
        }

        impl Client {
            #constructors

            /// The URL operation paths are appended to.
            pub fn base_url(&self) -> &::reqwest::Url {
                self.core.base_url()
            }

            /// A handle whose calls also send `options`: extra headers and
            /// query parameters, a timeout, a retry policy. Cheap; the client
            /// itself is unchanged.
            pub fn with_options(&self, options: crate::runtime::RequestOptions) -> Self {
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
        let mut line = format!("Server: {}", server.url);
        if let Some(description) = server.description.paragraphs.first() {
            line.push_str(&format!(" ({description})"));
        }
        docs.push(line);
    }
    docs.paragraphs
        .extend(api.description.paragraphs.iter().cloned());
    docs
}

/// The first server, if its URL can be used as it is: absolute, no variables.
fn default_server(api: &Api) -> Option<&str> {
    let url = api.servers.first()?.url.as_str();
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    (absolute && !url.contains('{')).then_some(url)
}

fn constructors(default_url: Option<&str>) -> TokenStream {
    let new = quote! {
        /// A client for `base_url`, without credentials.
        pub fn new(base_url: &str) -> ::std::result::Result<Self, crate::runtime::BuildError> {
            Self::builder().base_url(base_url).build()
        }
    };
    let Some(url) = default_url else {
        return quote! {
            #new

            /// A builder for a client. The spec names no usable server, so set
            /// one with `base_url`.
            pub fn builder() -> crate::runtime::ClientBuilder<Self> {
                crate::runtime::ClientBuilder::new(::std::option::Option::None)
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
        pub fn with_default_server() -> ::std::result::Result<Self, crate::runtime::BuildError> {
            Self::builder().build()
        }

        /// A builder for a client, starting from the spec's server.
        pub fn builder() -> crate::runtime::ClientBuilder<Self> {
            crate::runtime::ClientBuilder::new(::std::option::Option::Some(Self::DEFAULT_BASE_URL))
        }
    }
}

fn operation_method(op: &Operation) -> TokenStream {
    let docs = doc_attrs(&method_docs(op));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&op.method_name);
    let args = op.parameters.iter().map(argument);
    let success = value_type(&op.success);
    let error = match &op.errors.shape {
        ResponseShape::Enum { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
        _ => quote!(::std::convert::Infallible),
    };

    let method = ident(&op.http_method);
    let path = &op.path;
    let segments = op
        .segments
        .iter()
        .map(|parts| segment(parts, &op.parameters));
    let mut steps = Vec::new();
    if op.accepts_json {
        steps.push(quote!(request.accept_json();));
    }
    steps.extend(op.parameters.iter().filter_map(place_parameter));
    let binding = if steps.is_empty() {
        quote!(request)
    } else {
        quote!(mut request)
    };
    let security = security(op);
    let arms = response_arms(op);

    quote! {
        #docs
        #deprecated
        pub async fn #name(&self, #(#args),*) -> ::std::result::Result<
            crate::runtime::ResponseValue<#success>,
            crate::runtime::Error<#error>,
        > {
            let #binding = self.core.request(::reqwest::Method::#method, #path, &[#(#segments),*]);
            #(#steps)*
            let response = self.core.send(request, #security).await?;
            match response.status().as_u16() {
                #(#arms)*
            }
        }
    }
}

fn method_docs(op: &Operation) -> Docs {
    let mut docs = op.docs.clone();
    docs.push(format!(
        "`{} {}` (operation `{}`).",
        op.http_method, op.path, op.operation_id
    ));
    let params: Vec<String> = op
        .parameters
        .iter()
        .map(|p| {
            let place = match p.location {
                ParameterLocation::Path => "path",
                ParameterLocation::Query => "query",
                ParameterLocation::Header => "header",
            };
            let description = p.docs.paragraphs.join(" ");
            format!(
                "- `{}`: {place} parameter `{}`. {description}",
                p.name, p.wire_name
            )
        })
        .collect();
    if !params.is_empty() {
        docs.push(format!("# Parameters\n{}", params.join("\n")));
    }
    let alternatives: Vec<String> = op
        .security
        .iter()
        .filter(|alt| !alt.schemes.is_empty())
        .map(|alt| {
            alt.schemes
                .iter()
                .map(|s| format!("`{}`", s.name))
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
                StatusMatch::Default => "default".to_owned(),
            };
            format!("- {status}: {}", c.docs.paragraphs.join(" "))
        })
        .collect();
    docs.push(format!("# Responses\n{}", responses.join("\n")));
    docs
}

fn argument(p: &Parameter) -> TokenStream {
    let name = ident(&p.name);
    let ty = match &p.ty {
        TypeRef::String => quote!(&str),
        TypeRef::Named(_) => {
            let ty = rust_type(&p.ty);
            quote!(&#ty)
        }
        other => rust_type(other),
    };
    if p.required {
        quote!(#name: #ty)
    } else {
        quote!(#name: ::std::option::Option<#ty>)
    }
}

/// One path segment as a `&str` expression.
fn segment(parts: &[SegmentPart], parameters: &[Parameter]) -> TokenStream {
    let values: Vec<TokenStream> = parts
        .iter()
        .map(|part| match part {
            SegmentPart::Literal(text) => quote!(#text),
            SegmentPart::Parameter(i) => {
                let name = ident(&parameters[*i].name);
                quote!(#name)
            }
        })
        .collect();
    match (parts, values.as_slice()) {
        ([SegmentPart::Literal(_)], [value]) => value.clone(),
        ([SegmentPart::Parameter(_)], [value]) => quote!(&#value.to_string()),
        _ => {
            let format = "{}".repeat(values.len());
            quote!(&::std::format!(#format, #(#values),*))
        }
    }
}

/// The statement that puts a query or header parameter on `request`.
fn place_parameter(p: &Parameter) -> Option<TokenStream> {
    let wire = &p.wire_name;
    let place = |value: TokenStream| match p.location {
        ParameterLocation::Path => None,
        ParameterLocation::Query => Some(quote!(request.query(#wire, #value);)),
        ParameterLocation::Header => Some(quote!(request.header(#wire, #value)?;)),
    };
    let name = ident(&p.name);
    if p.required {
        place(quote!(#name))
    } else {
        let statement = place(quote!(value))?;
        Some(quote!(if let ::std::option::Option::Some(value) = #name { #statement }))
    }
}

/// A `const` per security scheme the operations use, so each method names
/// its requirement briefly, e.g. `&[&[SCHEME_OAUTH2]]`.
fn scheme_consts(api: &Api) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let schemes = api
        .operations
        .iter()
        .flat_map(|op| &op.security)
        .flat_map(|alt| &alt.schemes)
        .filter(|s| seen.insert(s.name.clone()));
    schemes
        .map(|s| {
            let const_name = ident(&s.const_name);
            let name = &s.name;
            let scheme = match &s.kind {
                SecurityKind::Bearer => quote!(Bearer),
                SecurityKind::Basic => quote!(Basic),
                SecurityKind::ApiKeyHeader(n) => quote!(ApiKeyHeader(#n)),
                SecurityKind::ApiKeyQuery(n) => quote!(ApiKeyQuery(#n)),
                SecurityKind::ApiKeyCookie(n) => quote!(ApiKeyCookie(#n)),
            };
            let doc = format!(" The `{name}` security scheme.");
            quote! {
                #[doc = #doc]
                const #const_name: crate::runtime::SchemeUse = crate::runtime::SchemeUse {
                    name: #name,
                    scheme: crate::runtime::AuthScheme::#scheme,
                };
            }
        })
        .collect()
}

fn security(op: &Operation) -> TokenStream {
    let alternatives = op.security.iter().map(|alt| {
        let schemes = alt.schemes.iter().map(|s| ident(&s.const_name));
        quote!(&[#(#schemes),*])
    });
    quote!(&[#(#alternatives),*])
}

/// The type a response set decodes into.
fn value_type(set: &ResponseSet) -> TokenStream {
    match (&set.shape, set.cases.first()) {
        (ResponseShape::Enum { name, .. }, _) => {
            let name = ident(name);
            quote!(#name)
        }
        (
            ResponseShape::Single,
            Some(ResponseCase {
                body: Body::Json(ty),
                ..
            }),
        ) => rust_type(ty),
        _ => quote!(()),
    }
}

/// `match` arms from status to decoding step: listed statuses in spec order,
/// then `default` or an unexpected-status error for everything else.
fn response_arms(op: &Operation) -> Vec<TokenStream> {
    let mut arms = Vec::new();
    let mut fallback = quote!(_ => response.unexpected(),);
    for (set, is_error) in [(&op.success, false), (&op.errors, true)] {
        let enum_name = match &set.shape {
            ResponseShape::Enum { name, .. } => Some(ident(name)),
            _ => None,
        };
        for case in &set.cases {
            let step = match (&enum_name, &case.body, is_error) {
                (None, Body::Empty, _) => quote!(response.value(())),
                (None, Body::Json(_), _) => quote!(response.json()),
                (Some(e), body, is_error) => {
                    let variant = ident(&case.variant);
                    match (body, is_error) {
                        (Body::Empty, false) => quote!(response.value(#e::#variant)),
                        (Body::Json(_), false) => quote!(response.json_into(#e::#variant)),
                        (Body::Empty, true) => quote!(response.error(#e::#variant)),
                        (Body::Json(_), true) => quote!(response.error_json(#e::#variant)),
                    }
                }
            };
            match case.status {
                StatusMatch::Code(code) => {
                    let code = Literal::u16_unsuffixed(code);
                    arms.push(quote!(#code => #step,));
                }
                StatusMatch::Default => fallback = quote!(_ => #step,),
            }
        }
    }
    arms.push(fallback);
    arms
}
