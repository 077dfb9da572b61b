//! Emits a module's `fake.rs`, which only the crate's `fake` feature reads:
//! `fake()`, the fake of its API that knows the spec, each operation listed
//! with the rules a request to it must follow and the answer it gives when
//! no expectation does (the spec's example, or a value generated here from
//! the operation's types); each request builder's typed replies; and the
//! constructors of the structs only responses carry.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::gate::{cfg, gated};
use super::rust_type::{file_start, ident, rust_type};
use super::{construct, request};
use crate::model::{
    Api, Body, BodyKind, Operation, ParameterLocation, ResponseCase, ResponseSet, ResponseShape,
    StatusMatch, TypeGraph, TypeKind, TypeRef,
};

/// The module's `fake.rs`.
pub(super) fn fake_file(api: &Api) -> TokenStream {
    let types = &api.types;
    let start = file_start(api, !api.tag_features.is_empty());
    let fake = fake_fn(api);
    let replies = api.operations.iter().map(|op| {
        let mut items = vec![replies(op, types)];
        items.extend(reply_headers(op, types));
        gated(&op.gate, items)
    });
    let constructors = types.iter().filter_map(|(id, def)| {
        let constructor = def.constructor.as_ref().filter(|c| c.fakes_only)?;
        let TypeKind::Struct { fields } = &def.kind else {
            return None;
        };
        let name = ident(&def.name);
        let items = construct::constructors(&name, fields, constructor, types);
        Some(gated(api.type_gate(id), items))
    });
    quote! {
        #![doc = " What the fake of this API needs: `fake()`, each request builder's typed replies, and constructors of the structs only responses carry."]
        #start
        #[allow(unused_imports)]
        use super::*;

        #fake
        #(#replies)*
        #(#constructors)*
    }
}

/// The trait that sets the response headers `op` declares on a fake's
/// replies to it, typed, and its impl for the operation's `Mock`.
fn reply_headers(op: &Operation, types: &TypeGraph) -> Vec<TokenStream> {
    let Some(name) = &op.reply_headers_trait else {
        return Vec::new();
    };
    let name = ident(name);
    let builder = ident(&op.request_struct);
    let doc = format!(
        " The response headers `{}` declares, typed, on the fake's replies to \
         it: `fake.on(call).respond(value).{}(..)`.",
        op.method_name,
        op.headers.first().map_or("", |h| h.name.as_str())
    );
    let methods = op.headers.iter().map(|header| {
        let method = ident(&header.name);
        let ty = rust_type(&header.ty, types);
        let doc = format!(" Sends `{}`.", header.wire_name);
        (
            quote! {
                #[doc = #doc]
                fn #method(self, value: #ty) -> Self;
            },
            {
                let wire = &header.wire_name;
                quote! {
                    fn #method(self, value: #ty) -> Self {
                        self.header(#wire, &value)
                    }
                }
            },
        )
    });
    let (declarations, definitions): (Vec<_>, Vec<_>) = methods.unzip();
    vec![
        quote! {
            #[doc = #doc]
            pub trait #name {
                #(#declarations)*
            }
        },
        quote! {
            impl #name for rt::Mock<#builder> {
                #(#definitions)*
            }
        },
    ]
}

/// `pub fn fake() -> rt::Fake`, listing every operation of `api`.
fn fake_fn(api: &Api) -> TokenStream {
    let routes = api.operations.iter().map(|op| {
        let gate = cfg(&op.gate);
        let route = route(op, api);
        quote! {
            #gate
            routes.push(#route);
        }
    });
    quote! {
        /// A fake of this API for tests, which knows its spec: give it to a
        /// client with `Client::builder().transport(fake.clone())`. Every
        /// request is checked against the operation it is for (its path,
        /// required parameters, body and media type: a request the spec
        /// does not allow fails the test, naming where the spec defines the
        /// operation; see `Fake::lenient`), and an operation no expectation
        /// answers replies with its first documented success: the spec's
        /// example, or a value generated from its schema.
        pub fn fake() -> rt::Fake {
            rt::Fake::from_spec(fake_routes())
        }

        /// The operations `fake()` knows, each with its rules and answer.
        #[doc(hidden)]
        // One push per operation, each behind its own feature gate.
        #[allow(clippy::vec_init_then_push)]
        pub fn fake_routes() -> Vec<rt::__private::Route> {
            #[allow(unused_mut)]
            let mut routes = Vec::new();
            #(#routes)*
            routes
        }
    }
}

/// One operation as `rt::__private::Route`.
fn route(op: &Operation, api: &Api) -> TokenStream {
    let types = &api.types;
    let method = &op.http_method;
    let path: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let operation = &op.operation_id;
    let location = op
        .located
        .clone()
        .unwrap_or_else(|| format!("{} (#{})", api.source, op.pointer));
    let required = |location: ParameterLocation| -> Vec<&str> {
        op.parameters
            .iter()
            .filter(|p| p.required && p.location == location)
            .map(|p| p.wire_name.as_str())
            .collect()
    };
    let query = required(ParameterLocation::Query);
    let headers = required(ParameterLocation::Header);
    let values = op.parameters.iter().filter_map(|p| {
        if !is_scalar(&p.ty, types) {
            return None;
        }
        let (location, segment) = match p.location {
            ParameterLocation::Query => ("query", 0),
            ParameterLocation::Header => ("header", 0),
            // A path parameter that is a whole segment of its own.
            ParameterLocation::Path => {
                let whole = format!("{{{}}}", p.wire_name);
                ("path", path.iter().position(|s| *s == whole)?)
            }
            ParameterLocation::Cookie => return None,
        };
        let name = &p.wire_name;
        let ty = rust_type(&p.ty, types);
        let segment = Literal::usize_unsuffixed(segment);
        Some(quote! {
            rt::__private::ValueRule {
                location: #location,
                name: #name,
                segment: #segment,
                check: rt::__private::check_text::<#ty>,
            }
        })
    });
    let body = match &op.body {
        None => quote!(None),
        Some(body) => {
            let required = body.required;
            let media_types = body.content.iter().map(|c| c.media_type.as_str());
            let check = body.content.iter().find_map(|c| match &c.kind {
                BodyKind::Json(ty) => Some(rust_type(ty, types)),
                _ => None,
            });
            let check = match check {
                Some(ty) => quote!(Some(rt::__private::check_json::<#ty>)),
                None => quote!(None),
            };
            quote! {
                Some(rt::__private::BodyRule {
                    required: #required,
                    media_types: &[#(#media_types),*],
                    check: #check,
                })
            }
        }
    };
    let mut sampler = Sampler::new(api.fake_seed, &op.operation_id);
    let reply = match op.success.cases.first() {
        Some(case) => case_reply(case, false, &spec_value(case, types, &mut sampler)),
        None => quote!(rt::Reply::status(200)),
    };
    quote! {
        rt::__private::Route {
            method: #method,
            path: &[#(#path),*],
            operation: #operation,
            location: #location,
            query: &[#(#query),*],
            headers: &[#(#headers),*],
            values: &[#(#values),*],
            body: #body,
            reply: || #reply,
        }
    }
}

/// How a fake answers the operation with its own types: each documented
/// response's status and body.
fn replies(op: &Operation, types: &TypeGraph) -> TokenStream {
    let name = ident(&op.request_struct);
    let success = request::value_type(&op.success, types);
    let error = request::error_type(op);
    let success_reply = set_reply(&op.success, false);
    let error_reply = set_reply(&op.errors, true);
    quote! {
        impl rt::Replies for #name {
            fn success_reply(value: #success) -> rt::Reply {
                #success_reply
            }

            fn error_reply(value: #error) -> rt::Reply {
                #error_reply
            }
        }
    }
}

/// The reply to `value`, a response set's decoded type.
fn set_reply(set: &ResponseSet, is_error: bool) -> TokenStream {
    let value = quote!(value);
    match (&set.shape, set.cases.first()) {
        (ResponseShape::Enum { name }, _) => {
            let name = ident(name);
            let arms = set.cases.iter().map(|case| {
                let variant = ident(&case.variant);
                let reply = case_reply(case, is_error, &value);
                match case.body {
                    Body::Empty => quote!(#name::#variant => #reply,),
                    _ => quote!(#name::#variant(value) => #reply,),
                }
            });
            quote!(match value { #(#arms)* })
        }
        (ResponseShape::Single, Some(case)) => {
            let reply = case_reply(case, is_error, &value);
            match case.body {
                Body::Empty => quote! {
                    let () = value;
                    #reply
                },
                _ => reply,
            }
        }
        // The error type is `Infallible`; a success is `()` of any 2xx.
        _ if is_error => quote!(match value {}),
        _ => quote! {
            let () = value;
            rt::Reply::status(200)
        },
    }
}

/// The reply of one documented response: its status (a range's first code,
/// 200 or 500 for `default`) and `value` as its body.
fn case_reply(case: &ResponseCase, is_error: bool, value: &TokenStream) -> TokenStream {
    let status = match case.status {
        StatusMatch::Code(code) => code,
        StatusMatch::Range(hundreds) => hundreds * 100,
        StatusMatch::Default if is_error => 500,
        StatusMatch::Default => 200,
    };
    let status = Literal::u16_unsuffixed(status);
    match case.body {
        Body::Empty => quote!(rt::Reply::status(#status)),
        Body::Json(_) => quote!(rt::Reply::json(#status, &#value)),
        Body::Text => quote!(rt::Reply::text(#status, #value)),
        Body::Bytes => quote! {
            rt::Reply::status(#status)
                .header("content-type", "application/octet-stream")
                .body(#value)
        },
    }
}

/// The value a spec-backed fake answers a documented success with: the
/// spec's example if the client decodes it, else a generated one.
fn spec_value(case: &ResponseCase, types: &TypeGraph, sampler: &mut Sampler) -> TokenStream {
    match &case.body {
        Body::Empty => quote!(()),
        Body::Json(ty) => {
            let rust = rust_type(ty, types);
            let example = match &case.example {
                Some(example) => {
                    let text = example.to_string();
                    quote!(Some(#text))
                }
                None => quote!(None),
            };
            let generated = sampler.sample(ty, types, 0).to_string();
            quote!(rt::__private::sample::<#rust>(#example, #generated))
        }
        Body::Text => quote!("text"),
        Body::Bytes => quote!(rt::bytes::Bytes::new()),
    }
}

/// Whether a parameter of this type is one text value: a string, number,
/// boolean, date, uuid, or an enum of them.
fn is_scalar(ty: &TypeRef, types: &TypeGraph) -> bool {
    match ty {
        TypeRef::Json
        | TypeRef::JsonObject
        | TypeRef::List(_)
        | TypeRef::Map(_)
        | TypeRef::Base64 => false,
        TypeRef::Nullable(inner) => is_scalar(inner, types),
        TypeRef::Named(id) => match types.get(*id).map(|def| &def.kind) {
            Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }) => true,
            Some(TypeKind::Alias(inner)) => is_scalar(inner, types),
            _ => false,
        },
        _ => true,
    }
}

/// How deep a generated value goes before lists are left empty and
/// optional fields out (a recursive schema ends there).
const MAX_DEPTH: usize = 6;

/// Where generated values come from: with seed 0, the same plain value for
/// every type (`"string"`, `1`, the first enum value); with another seed,
/// values drawn from a generator seeded with it and the operation's id,
/// so that adding an operation changes no other's values.
pub(super) struct Sampler {
    state: Option<u64>,
}

impl Sampler {
    /// The sampler of one operation's values.
    pub(super) fn new(seed: u64, operation: &str) -> Self {
        // FNV-1a: the operation's own stream, stable across runs.
        let mixed = operation
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64 ^ seed, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
        Self {
            state: (seed != 0).then_some(mixed),
        }
    }

    /// The next number below `bound`, or `None` with seed 0.
    fn below(&mut self, bound: u64) -> Option<u64> {
        let state = self.state.as_mut()?;
        // splitmix64.
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Some((z ^ (z >> 31)) % bound.max(1))
    }

    /// A value of `ty` that its Rust type decodes: required fields (and,
    /// near the top, optional ones that are not read-only), an enum's
    /// value, a union's variant with its discriminator tag, lists of one
    /// to three items.
    pub(super) fn sample(&mut self, ty: &TypeRef, types: &TypeGraph, depth: usize) -> Value {
        match ty {
            TypeRef::String => match self.below(1000) {
                None => Value::from("string"),
                Some(n) => Value::from(format!("string-{n}")),
            },
            TypeRef::Bool => Value::Bool(self.below(2) != Some(0)),
            TypeRef::F32 | TypeRef::F64 => {
                Value::from(self.below(400).map_or(1.5, |n| n as f64 / 4.0))
            }
            TypeRef::DateTime => {
                let (day, hour) = (self.below(28).unwrap_or(0) + 1, self.below(24).unwrap_or(0));
                Value::from(format!("2024-01-{day:02}T{hour:02}:00:00Z"))
            }
            TypeRef::Date => Value::from(format!("2024-01-{:02}", self.below(28).unwrap_or(0) + 1)),
            TypeRef::Time => Value::from(format!("{:02}:00:00", self.below(24).unwrap_or(12))),
            TypeRef::Uuid => {
                let mut part = |bound| self.below(bound).unwrap_or(0);
                let (a, b, c, d, e) = (
                    part(1 << 32),
                    part(1 << 16),
                    part(1 << 12),
                    part(1 << 12),
                    part(1 << 48),
                );
                Value::from(format!("{a:08x}-{b:04x}-4{c:03x}-8{d:03x}-{e:012x}"))
            }
            TypeRef::Base64 => Value::from("AA=="),
            TypeRef::Json | TypeRef::JsonObject => Value::Object(Map::new()),
            TypeRef::List(item) if depth < MAX_DEPTH => {
                let count = self.below(3).map_or(1, |n| n + 1);
                let items = (0..count).map(|_| self.sample(item, types, depth + 1));
                Value::Array(items.collect())
            }
            TypeRef::List(_) => Value::Array(Vec::new()),
            TypeRef::Map(_) => Value::Object(Map::new()),
            TypeRef::Nullable(inner) => self.sample(inner, types, depth),
            TypeRef::Named(id) => {
                let Some(def) = types.get(*id) else {
                    return Value::Null;
                };
                self.named(&def.kind, types, depth)
            }
            // The integers of every width: all that is left.
            integer => {
                debug_assert!(integer.is_integer(), "{integer:?}");
                Value::from(self.below(100).unwrap_or(1))
            }
        }
    }

    /// A value of a named type of this `kind`.
    fn named(&mut self, kind: &TypeKind, types: &TypeGraph, depth: usize) -> Value {
        match kind {
            TypeKind::Struct { fields } => {
                let members = fields
                    .iter()
                    .filter(|f| f.is_required_argument() || (depth < 2 && !f.read_only))
                    .filter(|f| f.is_required_argument() || depth < MAX_DEPTH);
                let mut object = Map::new();
                for field in members {
                    let value = self.sample(&field.ty, types, depth + 1);
                    object.insert(field.wire_name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::StringEnum { variants } => {
                let index = self.below(variants.len() as u64).unwrap_or(0) as usize;
                variants
                    .get(index)
                    .map_or(Value::from("value"), |v| Value::from(v.wire_value.clone()))
            }
            TypeKind::IntegerEnum { variants } => {
                let index = self.below(variants.len() as u64).unwrap_or(0) as usize;
                variants
                    .get(index)
                    .map_or(Value::from(0), |(_, v)| Value::from(*v))
            }
            TypeKind::OneOf {
                variants,
                discriminator,
            } => {
                let index = self.below(variants.len() as u64).unwrap_or(0) as usize;
                let Some(variant) = variants.get(index) else {
                    return Value::Null;
                };
                let mut value = self.sample(&variant.ty, types, depth + 1);
                // The tag that selects this variant.
                if let (Some(property), Some(tag), Some(object)) =
                    (discriminator, variant.tags.first(), value.as_object_mut())
                {
                    object.insert(property.clone(), Value::from(tag.clone()));
                }
                value
            }
            TypeKind::Alias(inner) => self.sample(inner, types, depth),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_0_gives_plain_values_and_a_seed_the_same_values_each_time() {
        let types = TypeGraph::default();
        let list = TypeRef::List(Box::new(TypeRef::DateTime));
        let plain = Sampler::new(0, "getPet").sample(&list, &types, 0);
        assert_eq!(plain, serde_json::json!(["2024-01-01T00:00:00Z"]));
        let uuid = Sampler::new(0, "getPet").sample(&TypeRef::Uuid, &types, 0);
        assert_eq!(uuid, "00000000-0000-4000-8000-000000000000");

        let seeded = |seed, operation| {
            let mut sampler = Sampler::new(seed, operation);
            [TypeRef::String, TypeRef::I64, TypeRef::Uuid, list.clone()]
                .map(|ty| sampler.sample(&ty, &types, 0))
        };
        assert_eq!(seeded(7, "getPet"), seeded(7, "getPet"));
        assert_ne!(seeded(7, "getPet"), seeded(8, "getPet"));
        assert_ne!(seeded(7, "getPet"), seeded(7, "listPets"));
        let [_, _, uuid, _] = seeded(7, "getPet");
        let uuid = uuid.as_str().unwrap();
        assert_eq!((uuid.len(), &uuid[14..15], &uuid[19..20]), (36, "4", "8"));
    }
}
