//! Emits each operation's request builder, which `types.rs` carries with
//! the operation's other types: the arguments it holds, a setter per
//! optional parameter, the per-call options, the request it builds and how
//! it decodes the response. Sending is the runtime's, once for all builders.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, parameter_docs};
use super::rust_type::{Taken, body_type, ident, owned_body_type, rust_type, taken};
use crate::model::STANDARD_METHODS;
use crate::model::{
    Api, Body, BodyContent, BodyKind, Encoding, EventData, FormStyle, Operation, Parameter,
    ParameterLocation, PathStyle, RequestBody, ResponseSet, ResponseShape, StatusMatch, TypeGraph,
    TypeRef,
};
use crate::path_template::Part;

/// The builder struct of `op`, its setters, and its `Operation` and
/// `IntoFuture` impls: one item each, so a feature gate covers each.
pub(super) fn request_builder(op: &Operation, api: &Api) -> Vec<TokenStream> {
    let types = &api.types;
    let name = ident(&op.request_struct);
    let method = &op.method_name;
    let doc = format!(
        " The request of [`Client::{method}`](super::Client::{method}): set its \
         optional parameters and per-call options, then `.await` it."
    );
    let fields = stored_fields(op, types);
    let setters = builder_setters(op, types);
    let allow = risky_setters(op);
    let success = value_type(&op.success, types);
    let error = error_type(op);
    let events = op.events.then(|| events_method(op, types, &error));
    let paginated = super::paging::paginated_impl(op, api);
    let page_methods = paginated
        .is_some()
        .then(|| quote!(rt::__private::page_methods!();));
    let prepare = prepare(op, api);
    let decode = response_match(op, api.lenient_responses);
    let builder = quote! {
        #[doc = #doc]
        #[must_use = "a request is sent only when awaited"]
        pub struct #name {
            pub(super) call: rt::__private::Call,
            #(#fields)*
        }
    };
    let methods = quote! {
        #allow
        impl #name {
            #(#setters)*
            #events
            rt::__private::request_methods!();
            #page_methods
        }
    };
    let operation = quote! {
        impl rt::__private::Operation for #name {
            type Success = #success;
            type Error = #error;

            fn prepare(self) -> Result<rt::__private::Prepared, rt::Error<#error>> {
                #prepare
            }

            fn decode(response: rt::RawResponse) -> Result<rt::ResponseValue<#success>, rt::Error<#error>> {
                #decode
            }
        }
    };
    let future = quote! {
        impl ::core::future::IntoFuture for #name {
            type Output = Result<rt::ResponseValue<#success>, rt::Error<#error>>;
            type IntoFuture = rt::ResponseFuture<#success, #error>;

            fn into_future(self) -> Self::IntoFuture {
                rt::ResponseFuture::send(self)
            }
        }
    };
    let mut items = vec![builder, methods, operation, future];
    items.extend(paginated);
    items
}

/// The operation's error type: its error enum, or `Infallible` when it
/// documents no error.
pub(super) fn error_type(op: &Operation) -> TokenStream {
    match &op.errors.shape {
        ResponseShape::Enum { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
        _ => quote!(::std::convert::Infallible),
    }
}

/// The builder's fields after `call`: the required parameters, the body,
/// the optional parameters' struct.
fn stored_fields(op: &Operation, types: &TypeGraph) -> Vec<TokenStream> {
    let mut fields: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.required)
        .map(|p| {
            let name = ident(&p.name);
            let ty = rust_type(&p.ty, types);
            quote!(pub(super) #name: #ty,)
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = body_stored_type(body, types);
        fields.push(match body.required {
            true => quote!(pub(super) body: #ty,),
            false => quote!(pub(super) body: Option<#ty>,),
        });
    }
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        fields.push(quote!(pub(super) params: #params,));
    }
    fields
}

/// A required parameter as a method argument, e.g. `owner: impl Into<String>`.
pub(super) fn argument(p: &Parameter, types: &TypeGraph) -> TokenStream {
    let name = ident(&p.name);
    let argument = taken(&p.ty, types, &name).argument;
    quote!(#name: #argument)
}

/// The type the builder keeps the body as.
fn body_stored_type(body: &RequestBody, types: &TypeGraph) -> TokenStream {
    match &body.enum_name {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => owned_body_type(&body.content[0].kind, types),
    }
}

/// How the body is taken, by the client method (a required body) or by the
/// builder's `body` setter (an optional one).
pub(super) fn body_taken(body: &RequestBody, types: &TypeGraph, value: &Ident) -> Taken {
    let stored = body_stored_type(body, types);
    match (&body.enum_name, &body.content[0].kind) {
        (None, BodyKind::Json(ty) | BodyKind::Form { ty, .. }) => taken(ty, types, value),
        (None, BodyKind::Multipart { ty: Some(ty), .. }) => taken(ty, types, value),
        (None, BodyKind::Text | BodyKind::Binary) => Taken {
            argument: quote!(impl ::core::convert::Into<#stored>),
            stored: quote!(#value.into()),
        },
        _ => Taken {
            argument: stored,
            stored: quote!(#value),
        },
    }
}

/// The `body` argument's type, as the review reports it.
pub(super) fn body_argument(body: &RequestBody, types: &TypeGraph) -> TokenStream {
    body_taken(body, types, &ident("body")).argument
}

/// Where a parameter setter stores its value, and what its docs say.
pub(super) enum SetterOf {
    /// The builder's: the parameter's docs, where a caller looks first.
    Builder,
    /// The parameters' struct's: one line, the field has the docs.
    Params,
}

/// A setter per optional parameter.
pub(super) fn parameter_setters(
    op: &Operation,
    types: &TypeGraph,
    of: SetterOf,
) -> Vec<TokenStream> {
    let value = ident("value");
    let target = match of {
        SetterOf::Builder => quote!(self.params),
        SetterOf::Params => quote!(self),
    };
    op.parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| {
            let docs = match of {
                SetterOf::Builder => doc_attrs(&parameter_docs(p)),
                SetterOf::Params => {
                    let line = format!(" Sets `{}`.", p.name);
                    quote!(#[doc = #line])
                }
            };
            let name = ident(&p.name);
            let Taken { argument, stored } = taken(&p.ty, types, &value);
            quote! {
                #docs
                pub fn #name(mut self, value: #argument) -> Self {
                    #target.#name = Some(#stored);
                    self
                }
            }
        })
        .collect()
}

/// The builder's own setters: the optional parameters, the optional body,
/// all optional parameters at once.
fn builder_setters(op: &Operation, types: &TypeGraph) -> Vec<TokenStream> {
    let mut setters = parameter_setters(op, types, SetterOf::Builder);
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        setters.push(quote! {
            /// Sets every optional parameter at once, replacing those set
            /// before.
            pub fn params(mut self, params: #params) -> Self {
                self.params = params;
                self
            }
        });
    }
    if let Some(body) = op.body.as_ref().filter(|body| !body.required) {
        let value = ident("body");
        let Taken { argument, stored } = body_taken(body, types, &value);
        setters.push(quote! {
            /// Sends this request body; without it the request has none.
            pub fn body(mut self, body: #argument) -> Self {
                self.body = Some(#stored);
                self
            }
        });
    }
    setters
}

/// `#[allow]`s for setters whose names clippy reads as conventions they do
/// not follow (`as_…`, `to_…`, `is_…`, or a standard trait's method): the
/// names are the spec's.
pub(super) fn risky_setters(op: &Operation) -> Option<TokenStream> {
    let names = op
        .parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| &p.name);
    risky_names(names)
}

/// The `#[allow]` for setters named `names`, if any needs it.
pub(super) fn risky_names<'a>(names: impl IntoIterator<Item = &'a String>) -> Option<TokenStream> {
    const TRAIT_METHODS: &[&str] = &[
        "add",
        "sub",
        "mul",
        "div",
        "rem",
        "neg",
        "not",
        "shl",
        "shr",
        "bitand",
        "bitor",
        "bitxor",
        "from_str",
        "from_iter",
        "hash",
        "borrow",
        "borrow_mut",
        "as_ref",
        "as_mut",
        "deref",
        "deref_mut",
        "drop",
        "eq",
        "cmp",
        "index",
        "index_mut",
        "into_iter",
        "next",
    ];
    let mut convention = false;
    let mut trait_method = false;
    for name in names {
        convention |= ["as_", "to_", "is_", "into_", "from_"]
            .iter()
            .any(|prefix| name.starts_with(prefix));
        trait_method |= TRAIT_METHODS.contains(&name.as_str());
    }
    let lints: Vec<TokenStream> = [
        convention.then(|| quote!(clippy::wrong_self_convention)),
        trait_method.then(|| quote!(clippy::should_implement_trait)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!lints.is_empty()).then(|| quote!(#[allow(#(#lints),*)]))
}

/// `events()`: the success body as server-sent events.
fn events_method(op: &Operation, types: &TypeGraph, error: &TokenStream) -> TokenStream {
    let (data, decode) = match op.success.cases.first().and_then(|c| c.events.as_ref()) {
        Some(EventData::Json(ty)) => (rust_type(ty, types), quote!(rt::__private::json_data)),
        _ => (quote!(String), quote!(rt::__private::text_data)),
    };
    quote! {
        /// Sends the request asking for server-sent events
        /// (`Accept: text/event-stream`) and returns a success body as
        /// events: `next()` yields each as it arrives, until the stream
        /// ends or sends `[DONE]`. Other statuses are decoded as awaiting
        /// the request does.
        pub fn events(self) -> rt::ResponseFuture<rt::EventStream<#data>, #error> {
            rt::ResponseFuture::events(self, #decode)
        }
    }
}

/// The body of `prepare`: the builder taken apart, each value borrowed as
/// the placing code reads it, the request built.
fn prepare(op: &Operation, api: &Api) -> TokenStream {
    let mut names = vec![quote!(call)];
    let mut borrows = Vec::new();
    for p in op.parameters.iter().filter(|p| p.required) {
        let name = ident(&p.name);
        names.push(quote!(#name));
        borrows.push(match &p.ty {
            TypeRef::String => quote!(let #name = #name.as_str();),
            ty if ty.is_copy() => quote!(),
            TypeRef::List(_) => quote!(let #name = #name.as_slice();),
            _ => quote!(let #name = &#name;),
        });
    }
    if op.body.is_some() {
        names.push(quote!(body));
    }
    if op.params_struct.is_some() {
        names.push(quote!(params));
    }
    let method = http_method(&op.http_method);
    let path = &op.path;
    let segments = op
        .template
        .segments()
        .iter()
        .map(|parts| segment(parts, &op.parameters));
    let steps = request_steps(op);
    let binding = match steps.is_empty() {
        true => quote!(request),
        false => quote!(mut request),
    };
    let security = security(op, api);
    quote! {
        let Self { #(#names),* } = self;
        #(#borrows)*
        let #binding = call.request(#method, #path, &[#(#segments),*]);
        #(#steps)*
        Ok(rt::__private::Prepared::new(call, request, #security))
    }
}

/// The statements that fill the request in: `Accept`, each parameter, the
/// body.
fn request_steps(op: &Operation) -> Vec<TokenStream> {
    let mut steps = Vec::new();
    if op.accepts_json {
        steps.push(quote!(request.accept_json();));
    }
    steps.extend(op.parameters.iter().filter_map(place_parameter));
    if let Some(body) = &op.body {
        steps.push(place_body(body));
    }
    steps
}

/// The statements that put the body (owned) on `request`.
fn place_body(body: &RequestBody) -> TokenStream {
    let place = if let Some(name) = &body.enum_name {
        let name = ident(name);
        let arms = body.content.iter().map(|content| {
            let variant = ident(&content.variant);
            let statement = place_content(content, quote!(value));
            quote!(#name::#variant(value) => { #statement })
        });
        quote!(match body { #(#arms)* })
    } else {
        place_content(&body.content[0], quote!(body))
    };
    if body.required {
        place
    } else {
        quote!(if let Some(body) = body { #place })
    }
}

/// One media type's statement for the owned `value`.
fn place_content(content: &BodyContent, value: TokenStream) -> TokenStream {
    let media_type = &content.media_type;
    match &content.kind {
        BodyKind::Json(_) => quote!(request.json_body(#media_type, &#value)?;),
        BodyKind::Form { styles, .. } => {
            let styles = styles.iter().map(|(name, style)| {
                let style = form_style(*style);
                quote!((#name, #style))
            });
            quote!(request.form_body(#media_type, &#value, &[#(#styles),*])?;)
        }
        BodyKind::Text => quote!(request.bytes_body(#media_type, #value);),
        BodyKind::Binary => quote!(request.binary_body(#media_type, #value);),
        BodyKind::Multipart { ty: Some(_), .. } => {
            quote!(request.multipart_body(#value.into_multipart())?;)
        }
        BodyKind::Multipart { ty: None, .. } => quote!(request.multipart_body(#value)?;),
    }
}

/// The runtime's value for a urlencoded property's style.
fn form_style(style: FormStyle) -> TokenStream {
    match style {
        FormStyle::Form { explode } => quote!(rt::FormStyle::Form { explode: #explode }),
        FormStyle::SpaceDelimited => quote!(rt::FormStyle::SpaceDelimited),
        FormStyle::PipeDelimited => quote!(rt::FormStyle::PipeDelimited),
        FormStyle::DeepObject => quote!(rt::FormStyle::DeepObject),
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

fn security(op: &Operation, api: &Api) -> TokenStream {
    if api.security_schemes.is_empty() {
        return quote!(rt::__private::UNDECLARED_SECURITY);
    }
    let alternatives = op.security.iter().map(|alt| {
        let schemes = alt
            .schemes
            .iter()
            .map(|id| ident(&api.security_schemes[id.0].const_name));
        quote!(&[#(super::#schemes),*])
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
fn response_match(op: &Operation, lenient: bool) -> TokenStream {
    let mut codes = Vec::new();
    let mut ranges = Vec::new();
    let mut fallback = quote!(response.unexpected());
    for (set, is_error) in [(&op.success, false), (&op.errors, true)] {
        let enum_name = match &set.shape {
            ResponseShape::Enum { name, .. } => Some(ident(name)),
            _ => None,
        };
        for case in &set.cases {
            let decoder = match case.body {
                Body::Empty => quote!(rt::__private::Empty),
                Body::Json(_) if lenient => quote!(rt::__private::LenientJson),
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
