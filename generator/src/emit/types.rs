//! Emits `types.rs` of an API module: schema types and per-operation
//! response and error enums.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use crate::model::{
    Api, Body, Docs, Field, ResponseSet, ResponseShape, TypeDef, TypeKind, TypeRef,
};

pub fn types_file(api: &Api) -> TokenStream {
    let schema_types = api.types.iter().map(type_def);
    let response_enums = api
        .operations
        .iter()
        .flat_map(|op| [&op.success, &op.errors])
        .filter_map(response_enum);
    quote! {
        #![doc = " Types of the API's schemas and of each operation's responses."]
        #(#schema_types)*
        #(#response_enums)*
    }
}

/// The Rust type for `ty`, with fully qualified paths so that no name from a
/// spec can shadow it.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::JsonObject => {
            quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        TypeRef::List(item) => {
            let item = rust_type(item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn type_def(def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(&with_fallback(&def.docs, || {
        format!("The `{}` schema.", def.name)
    }));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct { fields } => {
            let fields = fields.iter().map(field);
            quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        TypeKind::StringEnum { variants } => {
            let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
            let wires: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
            let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
            quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
                pub enum #name {
                    #(
                        #[doc = #variant_docs]
                        #[serde(rename = #wires)]
                        #names,
                    )*
                    /// A value the spec does not list, e.g. from a newer server.
                    #[serde(untagged)]
                    Unknown(::std::string::String),
                }

                impl #name {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#names => #wires,)*
                            Self::Unknown(value) => value,
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
            }
        }
        TypeKind::Alias(ty) => {
            let ty = rust_type(ty);
            quote! {
                #docs
                pub type #name = #ty;
            }
        }
    }
}

fn field(field: &Field) -> TokenStream {
    let mut docs = with_fallback(&field.docs, || {
        format!("The `{}` property.", field.wire_name)
    });
    if field.read_only {
        docs.push("Read-only: the server sets it, and requests should leave it out.");
    }
    let docs = doc_attrs(&docs);
    let name = ident(&field.name);
    let mut ty = rust_type(&field.ty);
    if field.is_option() {
        ty = quote!(::std::option::Option<#ty>);
    }
    let mut serde = Vec::new();
    if field.name != field.wire_name {
        let wire = &field.wire_name;
        serde.push(quote!(rename = #wire));
    }
    // An optional property is left out when absent; a required nullable one
    // is always sent, as `null` when empty.
    if field.optional {
        serde.push(quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #docs
        #serde
        pub #name: #ty,
    }
}

/// The enum of a response set with several cases (all error sets are enums,
/// so each documented error status has its own variant).
fn response_enum(set: &ResponseSet) -> Option<TokenStream> {
    let ResponseShape::Enum { name, docs } = &set.shape else {
        return None;
    };
    let docs = doc_attrs(docs);
    let name = ident(name);
    let variants = set.cases.iter().map(|case| {
        let variant = ident(&case.variant);
        let status = match case.status {
            crate::model::StatusMatch::Code(code) => format!("Status {code}"),
            crate::model::StatusMatch::Default => "Any status not listed (`default`)".to_owned(),
        };
        let mut docs = Docs::from_parts([Some(&*format!("{status}."))]);
        docs.paragraphs.extend(case.docs.paragraphs.iter().cloned());
        let docs = doc_attrs(&docs);
        match &case.body {
            Body::Empty => quote!(#docs #variant,),
            Body::Json(ty) => {
                let ty = rust_type(ty);
                quote!(#docs #variant(#ty),)
            }
        }
    });
    // One value per response: boxing the large variants to satisfy
    // `large_enum_variant` would cost an allocation and save nothing.
    Some(quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
    })
}

fn with_fallback(docs: &Docs, fallback: impl FnOnce() -> String) -> Docs {
    if docs.is_empty() {
        Docs::from_parts([Some(&*fallback())])
    } else {
        docs.clone()
    }
}
