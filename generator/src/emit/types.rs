//! Emits `types.rs` of an API module: schema types, and per operation its
//! optional-parameters struct, request body enum and response enums.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::construct;
use super::docs::{doc_attrs, parameter_docs};
use super::form;
use super::gate::{Items, gated};
use super::request;
use super::rust_type::{
    body_type, boxed, field_type, file_start, ident, owned_body_type, rust_type,
    spec_decided_lints, spelled,
};
use crate::model::{
    Api, Docs, Field, OneOfVariant, Operation, ResponseSet, ResponseShape, StatusMatch, Travels,
    TypeDef, TypeGraph, TypeKind, TypeRef,
};
use crate::name::reserved::SERDE_BOTH_WAYS;

/// One file of an API module's types. Without tag features it is
/// `types.rs`, with every item. With them, `types.rs` keeps the items of
/// no feature or of several, and each feature that alone compiles some
/// items has them in its own file, `types/<feature>.rs`, declared under
/// that feature: a crate built without it never even parses them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TypesFile {
    /// The feature that compiles the whole file (`None`: `types.rs`), and
    /// the module the API module declares it as.
    pub feature: Option<(String, String)>,
    /// Its items, numbered across the schema types, then the operations.
    pub items: Vec<usize>,
}

impl TypesFile {
    /// Its path relative to the API module's directory.
    pub(crate) fn path(&self) -> String {
        match &self.feature {
            None => "types.rs".to_owned(),
            Some((feature, _)) => format!("types/{feature}.rs"),
        }
    }
}

/// The files of an API module's types: `types.rs` first, then one per
/// feature that alone compiles some items, in the features' name order.
pub(crate) fn types_files(api: &Api) -> Vec<TypesFile> {
    let gates = api
        .types
        .iter()
        .map(|(id, _)| api.type_gate(id))
        .chain(api.operations.iter().map(|op| &op.gate));
    let mut main = Vec::new();
    let mut by_feature: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (index, gate) in gates.enumerate() {
        match gate.features.as_slice() {
            [feature] if !api.tag_features.is_empty() => {
                by_feature.entry(feature).or_default().push(index)
            }
            _ => main.push(index),
        }
    }
    let mut modules = std::collections::BTreeSet::new();
    let mut files = vec![TypesFile {
        feature: None,
        items: main,
    }];
    for (feature, items) in by_feature {
        // A module name in snake case, whatever the feature (a module's
        // own feature keeps the module's spelling).
        let stem = format!("types_{}", feature.replace('-', "_").to_ascii_lowercase());
        let mut module = stem.clone();
        let mut n = 2;
        while !modules.insert(module.clone()) {
            module = format!("{stem}_{n}");
            n += 1;
        }
        files.push(TypesFile {
            feature: Some((feature.to_owned(), module)),
            items,
        });
    }
    files
}

/// Items `range` of the types file `file` (of [`types_files`]). The first
/// part carries the file's inner attributes; the parts' texts, one after
/// the other, are the file. Items of `types.rs` carry their features'
/// `#[cfg]`; a feature's own file is declared under it, so its items need
/// none.
pub(super) fn types_file(api: &Api, file: usize, range: std::ops::Range<usize>) -> TokenStream {
    let files = types_files(api);
    let file = &files[file];
    let schema: Vec<_> = api.types.iter().collect();
    let items = file.items[range.clone()].iter().map(|&index| {
        let (gate, tokens) = match schema.get(index) {
            Some(&(id, def)) => (api.type_gate(id), type_def(def, api)),
            None => {
                let op = &api.operations[index - schema.len()];
                (&op.gate, operation_types(op, api))
            }
        };
        match file.feature {
            None => gated(gate, tokens),
            Some(_) => tokens.into_iter().collect::<TokenStream>(),
        }
    });
    let inner = (range.start == 0).then(|| {
        let start = file_start(api, !api.tag_features.is_empty());
        match &file.feature {
            None => quote! {
                #![doc = " Types of the API's schemas and of each operation's parameters and responses."]
                #start
            },
            Some((feature, _)) => {
                let first = format!(" Types compiled with the cargo feature `{feature}` alone:");
                let rest: &[&str] = if *feature == api.feature {
                    &[" the schemas no tag's operations use."]
                } else {
                    &[
                        " its operations' request builders, parameters and responses, and the",
                        " schemas only they use.",
                    ]
                };
                quote! {
                    #![doc = #first]
                    #(#![doc = #rest])*
                    #start
                    #[allow(unused_imports)]
                    use super::*;
                }
            }
        }
    });
    quote! {
        #inner
        #(#items)*
    }
}

/// A types-only module: the schemas' types, without the operations' own
/// (parameters, response enums), which belong to the client.
pub(super) fn schema_types_file(api: &Api) -> TokenStream {
    let types = &api.types;
    let schema_types = types.iter().flat_map(|(_, def)| type_def(def, api));
    let docs = super::docs::own_inner_doc_attrs(&format!(
        "Types of the schemas of {} {}, from `{}`.",
        super::docs::escape(&api.title),
        super::docs::escape(&api.version),
        api.source
    ));
    let lints = spec_decided_lints();
    let start = file_start(api, false);
    quote! {
        #docs
        #lints
        #start
        #(#schema_types)*
    }
}

/// A schema's type and its impls, one item each, docs on the type; with
/// the API's fakes, the constructors of a response-only struct behind
/// `fake`.
fn type_def(def: &TypeDef, api: &Api) -> Items {
    let (types, fakes) = (&api.types, api.fakes);
    let travels = api.serde_travels(def);
    let mut docs = def.docs.clone();
    if docs.is_empty()
        && let Some(reference) = &def.same_as
    {
        docs.push(match def.merged_into(types) {
            None => format!("Same as `{reference}`."),
            // A name a site gave a schema that identical ones elsewhere
            // share: kept so that code using it still compiles.
            Some(_) => format!(
                "This site's name for `{reference}`, [the type]({reference}) \
                 identical schemas elsewhere in the spec share."
            ),
        });
    }
    let docs = doc_attrs(&docs);
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&def.name);
    let mut items = match &def.kind {
        TypeKind::Struct { fields: members } => {
            let fields = members.iter().map(|f| field(f, types));
            // Constructors a caller uses, those a fake's tests use, or none.
            let constructor = def.constructor.as_ref().filter(|c| fakes || !c.fakes_only);
            let default = constructor.is_some() && construct::derives_default(members);
            // A form type with files is sent as parts, never as JSON; an
            // upload (a stream, perhaps) is neither cloned nor compared.
            let has_files = members.iter().any(|f| is_file(&f.ty));
            let derives = match constructor {
                _ if has_files && default => quote!(#[derive(Debug, Default)]),
                _ if has_files => quote!(#[derive(Debug)]),
                Some(c) if default && !c.fakes_only => {
                    quote!(#[derive(Clone, Debug, Default, PartialEq)])
                }
                Some(_) if default => quote! {
                    #[derive(Clone, Debug, PartialEq)]
                    #[cfg_attr(feature = "fake", derive(Default))]
                },
                _ => quote!(#[derive(Clone, Debug, PartialEq)]),
            };
            let mut items = vec![quote! {
                #derives
                #[non_exhaustive]
                pub struct #name {
                    #(#fields)*
                }
            }];
            if !has_files {
                items.push(struct_serde(&name, members, travels, types));
            }
            if let Some(parts) = &def.form_parts {
                items.push(form::into_multipart(&name, members, parts));
            }
            // A fake's constructors are in the module's `fake.rs`.
            if let Some(constructor) = constructor.filter(|c| !c.fakes_only) {
                items.extend(construct::constructors(&name, members, constructor, types));
            }
            items
        }
        TypeKind::StringEnum { variants } => string_enum(&name, variants, travels),
        TypeKind::IntegerEnum { variants } => integer_enum(&name, variants, travels),
        TypeKind::OneOf {
            variants,
            discriminator,
        } => one_of(&name, variants, discriminator.as_deref(), types, travels),
        TypeKind::Alias(ty) => {
            let ty = rust_type(ty, types);
            vec![quote!(pub type #name = #ty;)]
        }
    };
    let first = std::mem::take(&mut items[0]);
    items[0] = quote! {
        #docs
        #deprecated
        #first
    };
    items
}

/// A file, or files: a form type's field.
fn is_file(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::File => true,
        TypeRef::List(item) | TypeRef::Nullable(item) => is_file(item),
        _ => false,
    }
}

/// The `#[cfg]` of a serde impl that a type travelling one way compiles
/// only with the `serde-both-ways` feature: `Serialize` (`serialize`) of
/// one read only from responses, `Deserialize` of one only sent.
fn one_way_gate(travels: Travels, serialize: bool) -> Option<TokenStream> {
    travels.gates(serialize).then(|| {
        let feature = SERDE_BOTH_WAYS;
        quote!(#[cfg(feature = #feature)])
    })
}

/// The derives of an untagged `oneOf` enum and serde's attribute: serde's
/// `Serialize`, and `Deserialize` unless the enum writes its own; one that
/// a one-way enum needs only with `serde-both-ways` is derived only with
/// it (and so is the attribute, when no serde derive is left without it).
fn one_of_derives(travels: Travels, derive_deserialize: bool) -> TokenStream {
    let serde = [(true, quote!(rt::serde::Serialize))]
        .into_iter()
        .chain(derive_deserialize.then(|| (false, quote!(rt::serde::Deserialize))));
    let (gated, always): (Vec<_>, Vec<_>) =
        serde.partition(|(serialize, _)| one_way_gate(travels, *serialize).is_some());
    let always: Vec<TokenStream> = always.into_iter().map(|(_, derive)| derive).collect();
    let feature = SERDE_BOTH_WAYS;
    let attribute = quote!(serde(crate = "rt::serde", untagged));
    let attribute = if always.is_empty() {
        quote!(#[cfg_attr(feature = #feature, #attribute)])
    } else {
        quote!(#[#attribute])
    };
    let gated = gated
        .iter()
        .map(|(_, derive)| quote!(#[cfg_attr(feature = #feature, derive(#derive))]));
    quote! {
        #[derive(Clone, Debug, PartialEq, #(#always),*)]
        #(#gated)*
        #attribute
    }
}

/// `Serialize` and `Deserialize` of a struct: one call of the runtime's
/// macro with each field's wire name, kind and type (see its docs), so the
/// impls are written once, in the runtime, and the file reads as data. A
/// struct that travels one way says which after its name.
fn struct_serde(
    name: &Ident,
    fields: &[Field],
    travels: Travels,
    types: &TypeGraph,
) -> TokenStream {
    let fields = fields.iter().map(|field| {
        let member = ident(&field.name);
        let wire = &field.wire_name;
        let kind = ident(if field.lenient {
            "lenient"
        } else if field.double_option {
            "double"
        } else if field.optional {
            "optional"
        } else if field.nullable {
            "nullable"
        } else {
            "required"
        });
        let ty = field_type(field, types);
        quote!(#member: #wire #kind #ty)
    });
    let travels = match travels {
        Travels::BothWays => None,
        Travels::ReadOnly => Some(ident("read_only")),
        Travels::SentOnly => Some(ident("sent_only")),
    };
    quote! {
        rt::__private::serde_object! {
            #name #travels { #(#fields),* }
        }
    }
}

/// A string enum with an `Unknown(String)` fallback. Serde impls are
/// written out rather than derived: a derived enum with an untagged fallback
/// buffers every value through serde's `Content`, which costs far more code
/// (and compile time, in specs with hundreds of enums) than this `match`.
fn string_enum(name: &Ident, variants: &[crate::model::EnumVariant], travels: Travels) -> Items {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
    let wire_impls = enum_wire_impls(
        name,
        quote!(String),
        quote!(self.as_str()),
        quote!(f.write_str(self.as_str())),
        ident("serialize_str"),
        travels,
    );
    let mut items = vec![
        quote! {
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#[doc = #variant_docs] #names,)*
                /// A value the spec does not list, e.g. from a newer server.
                Unknown(String),
            }
        },
        quote! {
            impl #name {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#names => #wires,)*
                        Self::Unknown(value) => value,
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<String> for #name {
                fn from(value: String) -> Self {
                    match value.as_str() {
                        #(#wires => Self::#names,)*
                        _ => Self::Unknown(value),
                    }
                }
            }
        },
    ];
    items.extend(wire_impls);
    items
}

/// `Display`, `Serialize` and `Deserialize` of an enum with an `Unknown`
/// fallback, through its wire value: `wire` is its type, `value` the
/// expression giving it, `display` how `Display` writes it, `serialize` the
/// `Serializer` method for it; `travels` may gate one serde impl.
fn enum_wire_impls(
    name: &Ident,
    wire: TokenStream,
    value: TokenStream,
    display: TokenStream,
    serialize: Ident,
    travels: Travels,
) -> Items {
    let serialize_gate = one_way_gate(travels, true);
    let deserialize_gate = one_way_gate(travels, false);
    vec![
        quote! {
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    #display
                }
            }
        },
        quote! {
            #serialize_gate
            impl rt::serde::Serialize for #name {
                fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.#serialize(#value)
                }
            }
        },
        quote! {
            #deserialize_gate
            impl<'de> rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <#wire as rt::serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        },
    ]
}

fn integer_enum(name: &Ident, variants: &[(String, i64)], travels: Travels) -> Items {
    let names: Vec<Ident> = variants.iter().map(|(n, _)| ident(n)).collect();
    let values: Vec<i64> = variants.iter().map(|(_, v)| *v).collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    let wire_impls = enum_wire_impls(
        name,
        quote!(i64),
        quote!(self.value()),
        quote!(::std::fmt::Display::fmt(&self.value(), f)),
        ident("serialize_i64"),
        travels,
    );
    let mut items = vec![
        quote! {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#[doc = #variant_docs] #names,)*
                /// A value the spec does not list, e.g. from a newer server.
                Unknown(i64),
            }
        },
        quote! {
            impl #name {
                /// The value as sent on the wire.
                pub fn value(self) -> i64 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => value,
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(other),
                    }
                }
            }
        },
    ];
    items.extend(wire_impls);
    items
}

fn one_of(
    name: &Ident,
    variants: &[OneOfVariant],
    discriminator: Option<&str>,
    types: &TypeGraph,
    travels: Travels,
) -> Items {
    let definitions = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = boxed(rust_type(&v.ty, types), v.boxed);
        let doc = match v.tags.as_slice() {
            [] => None,
            tags => {
                let doc = format!(" Tagged {}.", quoted(tags));
                Some(quote!(#[doc = #doc]))
            }
        };
        quote!(#doc #variant(#ty),)
    });
    let unknown = quote! {
        /// A value that matches no listed alternative, e.g. from a newer
        /// server, kept as JSON.
        Unknown(rt::serde_json::Value),
    };
    let conversions = one_of_conversions(name, variants, types);
    // One value per response, as for response enums: boxing the large
    // alternatives would cost an allocation and save nothing.
    let allow = quote!(#[allow(clippy::large_enum_variant)]);
    let Some(property) = discriminator else {
        let derives = one_of_derives(travels, true);
        let mut items = vec![quote! {
            #derives
            #allow
            #[non_exhaustive]
            pub enum #name {
                #(#definitions)*
                #unknown
            }
        }];
        items.extend(conversions);
        return items;
    };
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let tags = &v.tags;
        let wrap = if v.boxed {
            quote!(|value| Self::#variant(Box::new(value)))
        } else {
            quote!(Self::#variant)
        };
        quote!(#(Some(#tags))|* => rt::__private::variant(value, #wrap),)
    });
    let derives = one_of_derives(travels, false);
    let deserialize_gate = one_way_gate(travels, false);
    vec![
        quote! {
            #derives
            #allow
            #[non_exhaustive]
            pub enum #name {
                #(#definitions)*
                #unknown
            }
        },
        quote! {
            #deserialize_gate
            impl<'de> rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    // No `?`: on a generic error type it costs the
                    // compiler a search of every `From` impl in scope.
                    <rt::serde_json::Value as rt::serde::Deserialize>::deserialize(deserializer).and_then(|value| {
                        match value.get(#property).and_then(rt::serde_json::Value::as_str) {
                            #(#arms)*
                            _ => Ok(Self::Unknown(value)),
                        }
                    })
                }
            }
        },
    ]
    .into_iter()
    .chain(conversions)
    .collect()
}

/// `From` each alternative's type whose type no other alternative has (and
/// `From<&str>` for a `String` one), so a value is passed as itself:
/// `.title("Crash")` rather than `Title::String("Crash".into())`.
fn one_of_conversions(name: &Ident, variants: &[OneOfVariant], types: &TypeGraph) -> Items {
    // `From<Self>` is the standard library's already; an alias is the type
    // it names, so two alternatives of one Rust type get no `From`.
    let own = name.to_string();
    let is_own = |ty: &TypeRef| matches!(ty, TypeRef::Named(id) if types.name(*id) == own);
    let rust_types: Vec<TypeRef> = variants.iter().map(|v| unaliased(&v.ty, types)).collect();
    let distinct = |(i, v): &(usize, &OneOfVariant)| {
        !is_own(&v.ty)
            && rust_types
                .iter()
                .filter(|ty| **ty == rust_types[*i])
                .count()
                == 1
    };
    let mut items = Vec::new();
    for (i, v) in variants.iter().enumerate().filter(distinct) {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty, types);
        let value = if v.boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        items.push(quote! {
            impl ::std::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#value)
                }
            }
        });
        if rust_types[i] == TypeRef::String {
            items.push(quote! {
                impl ::std::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::#variant(value.to_owned())
                    }
                }
            });
        }
    }
    items
}

/// The Rust type a reference stands for once aliases (`pub type X = ...;`)
/// are followed, inside lists, maps and `Option`s too.
fn unaliased(ty: &TypeRef, types: &TypeGraph) -> TypeRef {
    fn follow(ty: &TypeRef, types: &TypeGraph, depth: usize) -> TypeRef {
        // A cycle of aliases is the model's to report; stop following it.
        if depth > 64 {
            return ty.clone();
        }
        let inner = |t: &TypeRef| Box::new(follow(t, types, depth + 1));
        match ty {
            TypeRef::Named(id) => match types.get(*id).map(|def| &def.kind) {
                Some(TypeKind::Alias(aliased)) => follow(aliased, types, depth + 1),
                _ => ty.clone(),
            },
            TypeRef::List(item) => TypeRef::List(inner(item)),
            TypeRef::Map(value) => TypeRef::Map(inner(value)),
            TypeRef::Nullable(value) => TypeRef::Nullable(inner(value)),
            other => other.clone(),
        }
    }
    follow(ty, types, 0)
}

/// A struct field, documented with the spec's description and the facts a
/// caller needs: its name on the wire when that differs, its format, who
/// sends it, and how `None` is sent.
fn field(field: &Field, types: &TypeGraph) -> TokenStream {
    let mut docs = field.docs.clone();
    if field.name != field.wire_name {
        docs.push(format!("`{}` on the wire.", field.wire_name));
    }
    // A format the Rust type does not show (`email`, `uri`, a typed format
    // kept as text with `Formats::Strings`).
    if let Some(format) = &field.format
        && *field.ty.non_null() == TypeRef::String
    {
        docs.push(format!("Format `{format}`."));
    }
    if field.read_only {
        docs.push("Read-only: the server sets it, and requests should leave it out.");
    }
    if field.write_only {
        docs.push("Write-only: sent in requests, never returned.");
    }
    if field.double_option {
        docs.push("`None` leaves it out of the JSON; `Some(None)` sends `null`.");
    }
    let docs = doc_attrs(&docs);
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&field.name);
    let ty = field_type(field, types);
    quote! {
        #docs
        #deprecated
        pub #name: #ty,
    }
}

/// An operation's own types, to be gated with it: its request builder,
/// optional parameters, body enum, response enums and headers.
fn operation_types(op: &Operation, api: &Api) -> Items {
    let types = &api.types;
    let builder = request::request_builder(op, api);
    let params = op
        .params_struct
        .as_ref()
        .map(|name| params_struct(name, op, types));
    let body = op.body.as_ref().and_then(|body| {
        let name = ident(body.enum_name.as_ref()?);
        let doc = format!(
            " The request body of `{}`, in one of the media types it accepts.",
            op.method_name
        );
        let variants = body.content.iter().map(|content| {
            let variant = ident(&content.variant);
            let doc = format!(" Sent as `{}`.", content.media_type);
            let ty = owned_body_type(&content.kind, types);
            quote!(#[doc = #doc] #variant(#ty),)
        });
        // One value per call, moved into the request: boxing a large
        // variant would cost an allocation and save nothing.
        Some(quote! {
            #[doc = #doc]
            #[derive(Debug)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        })
    });
    let responses = [
        (&op.success, "A successful response"),
        (&op.errors, "A documented error response"),
    ]
    .into_iter()
    .filter_map(|(set, what)| {
        response_enum(set, &format!("{what} of `{}`.", op.method_name), types)
    });
    let headers = op
        .headers_struct
        .as_ref()
        .map(|name| headers_struct(name, op, types));
    let items = builder
        .into_iter()
        .chain(params.into_iter().flatten())
        .chain(body)
        .chain(responses)
        .chain(headers.into_iter().flatten());
    items.collect()
}

/// The typed view of the headers an operation's responses declare, read
/// lazily from a response's `HeaderMap`.
fn headers_struct(name: &str, op: &Operation, types: &TypeGraph) -> Items {
    let name = ident(name);
    let doc = format!(
        " The response headers `{}` declares, typed: \
         `{name}::new(value.headers())` on a `ResponseValue`, or on \
         `error.headers()`. Each is parsed when asked for.",
        op.method_name
    );
    let accessors = op.headers.iter().enumerate().map(|(index, header)| {
        let statuses: Vec<String> = op
            .success
            .cases
            .iter()
            .chain(&op.errors.cases)
            .filter(|case| case.headers.contains(&index))
            .map(|case| match case.status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
                StatusMatch::Default => "default".to_owned(),
            })
            .collect();
        let required = if header.required { ", required" } else { "" };
        let mut docs = Docs::from_parts([Some(&*format!(
            "`{}` (responses {}{required}); `None` if absent, an error if it \
             is not a valid value.",
            header.wire_name,
            statuses.join(", ")
        ))]);
        docs.paragraphs
            .extend(header.docs.paragraphs.iter().cloned());
        let docs = doc_attrs(&docs);
        let method = ident(&header.name);
        let ty = rust_type(&header.ty, types);
        let expected = spelled(rust_type(&header.ty, types));
        let wire = &header.wire_name;
        quote! {
            #docs
            pub fn #method(&self) -> Result<Option<#ty>, rt::HeaderError> {
                rt::__private::response_header(self.headers, #wire, #expected)
            }
        }
    });
    let debug_name = name.to_string();
    vec![
        quote! {
            #[doc = #doc]
            #[derive(Clone, Copy)]
            pub struct #name<'a> {
                headers: &'a rt::reqwest::header::HeaderMap,
            }
        },
        quote! {
            /// Shows no header values, which may be secrets.
            impl ::std::fmt::Debug for #name<'_> {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#debug_name).finish_non_exhaustive()
                }
            }
        },
        quote! {
            impl<'a> #name<'a> {
                /// Reads from these response headers.
                pub fn new(headers: &'a rt::reqwest::header::HeaderMap) -> Self {
                    Self { headers }
                }

                #(#accessors)*
            }
        },
    ]
}

fn params_struct(name: &str, op: &Operation, types: &TypeGraph) -> Items {
    let name = ident(name);
    let doc = format!(
        " The optional parameters of `{}`, which its builder keeps and sets \
         with the same setters. `Default` leaves them all out. Parameters a \
         newer spec adds become new fields, so the struct is \
         `#[non_exhaustive]`.",
        op.method_name
    );
    let fields = op.parameters.iter().filter(|p| !p.required).map(|p| {
        let docs = doc_attrs(&parameter_docs(p));
        let field = ident(&p.name);
        let ty = rust_type(&p.ty, types);
        quote! {
            #docs
            pub #field: Option<#ty>,
        }
    });
    let setters = request::parameter_setters(op, types, request::SetterOf::Params);
    let allow = request::risky_setters(op);
    vec![
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, Default)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
        },
        quote! {
            #allow
            impl #name {
                #(#setters)*
            }
        },
    ]
}

/// The enum of a response set with several cases (all error sets are enums,
/// so each documented error status has its own variant).
fn response_enum(set: &ResponseSet, doc: &str, types: &TypeGraph) -> Option<TokenStream> {
    let ResponseShape::Enum { name } = &set.shape else {
        return None;
    };
    let docs = doc_attrs(&Docs::from_parts([Some(doc)]));
    let name = ident(name);
    let variants = set.cases.iter().map(|case| {
        let variant = ident(&case.variant);
        let status = match case.status {
            StatusMatch::Code(code) => format!("Status {code}"),
            StatusMatch::Range(hundreds) => format!("A {hundreds}xx status not listed"),
            StatusMatch::Default => "Any status not listed (`default`)".to_owned(),
        };
        let mut docs = Docs::from_parts([Some(&*format!("{status}."))]);
        docs.paragraphs.extend(case.docs.paragraphs.iter().cloned());
        let docs = doc_attrs(&docs);
        match body_type(&case.body, types) {
            None => quote!(#docs #variant,),
            Some(ty) => quote!(#docs #variant(#ty),),
        }
    });
    // One value per response: boxing the large variants to satisfy
    // `large_enum_variant` would cost an allocation and save nothing. The
    // lint cannot fire on an enum whose variants carry nothing.
    let allow = set
        .cases
        .iter()
        .any(|case| body_type(&case.body, types).is_some())
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    Some(quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #allow
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    })
}

fn quoted(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
