//! How the generated code spells types: the one place every emitter and
//! report takes a Rust type from, so a signature, a field and a review line
//! cannot disagree.
//!
//! Generated files name the runtime `rt` (`use crate::runtime as rt;`) and
//! reach every crate they use through it (`rt::serde`, `rt::chrono`...), so a
//! crate that includes them needs no dependency but the runtime.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Body, BodyKind, Field, TypeGraph, TypeRef};

/// The Rust type for `ty`, with fully qualified paths so that no name from a
/// spec can shadow it.
pub(super) fn rust_type(ty: &TypeRef, types: &TypeGraph) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I8 => quote!(i8),
        TypeRef::I16 => quote!(i16),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U8 => quote!(u8),
        TypeRef::U16 => quote!(u16),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(rt::chrono::DateTime<rt::chrono::Utc>),
        TypeRef::Date => quote!(rt::chrono::NaiveDate),
        TypeRef::Time => quote!(rt::chrono::NaiveTime),
        TypeRef::Uuid => quote!(rt::uuid::Uuid),
        TypeRef::Base64 => quote!(rt::Base64),
        TypeRef::File => quote!(rt::Upload),
        TypeRef::Json => quote!(rt::serde_json::Value),
        TypeRef::JsonObject => {
            quote!(rt::serde_json::Map<String, rt::serde_json::Value>)
        }
        TypeRef::Named(id) => {
            let name = ident(types.name(*id));
            quote!(#name)
        }
        TypeRef::List(item) => {
            let item = rust_type(item, types);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, types);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, types);
            quote!(Option<#inner>)
        }
    }
}

/// A field's Rust type: boxed, then wrapped in one or two `Option`s.
pub(super) fn field_type(field: &Field, types: &TypeGraph) -> TokenStream {
    let ty = boxed(rust_type(&field.ty, types), field.boxed);
    if field.double_option {
        quote!(Option<Option<#ty>>)
    } else if field.is_option() {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

pub(super) fn boxed(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed { quote!(Box<#ty>) } else { ty }
}

/// How a builder method or a constructor takes a value of `ty`: the
/// argument's type, and the expression that makes the stored value from the
/// argument `value`. Strings and named types come through `Into` (so `"a"`
/// and a `oneOf`'s alternative serve); numbers, booleans and other `Copy`
/// values by value, so an integer literal keeps its type; arrays from any
/// iterator.
pub(super) struct Taken {
    pub argument: TokenStream,
    pub stored: TokenStream,
}

pub(super) fn taken(ty: &TypeRef, types: &TypeGraph, value: &Ident) -> Taken {
    match ty {
        ty if ty.is_copy() => Taken {
            argument: rust_type(ty, types),
            stored: quote!(#value),
        },
        TypeRef::List(item) if item.is_copy() => {
            let item = rust_type(item, types);
            Taken {
                argument: quote!(impl ::core::iter::IntoIterator<Item = #item>),
                stored: quote!(#value.into_iter().collect()),
            }
        }
        TypeRef::List(item) => {
            let item = rust_type(item, types);
            Taken {
                argument: quote!(impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#item>>),
                stored: quote!(#value.into_iter().map(::core::convert::Into::into).collect()),
            }
        }
        ty => {
            let ty = rust_type(ty, types);
            Taken {
                argument: quote!(impl ::core::convert::Into<#ty>),
                stored: quote!(#value.into()),
            }
        }
    }
}

/// The owned Rust type of one body media type.
pub(super) fn owned_body_type(kind: &BodyKind, types: &TypeGraph) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } => rust_type(ty, types),
        BodyKind::Multipart { ty: Some(ty), .. } => rust_type(ty, types),
        BodyKind::Multipart { ty: None, .. } => quote!(rt::Multipart),
        BodyKind::Text => quote!(String),
        BodyKind::Binary => quote!(rt::BinaryBody),
    }
}

/// The Rust type a response body decodes into; `None` for no body.
pub(super) fn body_type(body: &Body, types: &TypeGraph) -> Option<TokenStream> {
    match body {
        Body::Empty => None,
        Body::Json(ty) => Some(rust_type(ty, types)),
        Body::Text => Some(quote!(String)),
        Body::Bytes => Some(quote!(rt::bytes::Bytes)),
    }
}

/// The import every generated Rust file of an API module starts with
/// (`#[allow(unused_imports)]` when cargo features may gate away every use).
pub(super) fn runtime_alias(gated: bool) -> TokenStream {
    let allow = gated.then(|| quote!(#[allow(unused_imports)]));
    quote! {
        #allow
        use crate::runtime as rt;
    }
}

/// The lints an API module's root file allows, for all its files: what
/// the spec decides rather than the generator. A property or parameter
/// may be called `foo` (a placeholder name to clippy), and a spec may nest
/// lists deeply enough for `type_complexity`.
pub(super) fn spec_decided_lints() -> TokenStream {
    quote!(#![allow(clippy::disallowed_names, clippy::type_complexity)])
}

/// What every Rust file of an API module has after its docs: `#![allow
/// (deprecated)]` in an API with deprecated items (the code generated
/// around them still uses them), then the [`runtime_alias`] import.
pub(super) fn file_start(api: &crate::model::Api, gated: bool) -> TokenStream {
    let allow_deprecated = api.has_deprecated().then(|| quote!(#![allow(deprecated)]));
    let alias = runtime_alias(gated);
    quote! {
        #allow_deprecated
        #alias
    }
}

/// `text` (a whole formatted file) without the [`runtime_alias`] import
/// when nothing in it says `rt::`.
pub(crate) fn drop_unused_runtime_alias(text: String) -> String {
    const IMPORT: &str = "use crate::runtime as rt;\n";
    let Some(at) = text.find(IMPORT) else {
        return text;
    };
    // Code lines only: a spec's description in a doc comment may say `rt::`.
    let used = text[at + IMPORT.len()..]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .any(|line| {
            line.match_indices("rt::").any(|(i, _)| {
                !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            })
        });
    if used {
        return text;
    }
    // With its `#[allow(unused_imports)]`, if it has one.
    const ALLOW: &str = "#[allow(unused_imports)]\n";
    let start = if text[..at].ends_with(ALLOW) {
        at - ALLOW.len()
    } else {
        at
    };
    let mut text = text;
    text.replace_range(start..at + IMPORT.len(), "");
    // The blank line that followed the import goes with it, or, at the
    // end of the file, the one before it.
    if text[start..].starts_with('\n') {
        text.remove(start);
    } else if start == text.len() && text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// `name: value,` in a struct literal, or `name,` when the value is the
/// argument itself.
pub(super) fn field_init(name: &Ident, value: TokenStream) -> TokenStream {
    if *name == value.to_string() {
        quote!(#name,)
    } else {
        quote!(#name: #value,)
    }
}

pub(super) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// How a user writes a type the generated code spells: token text without
/// `TokenStream`'s spaces (`Vec<Pet>`, not `Vec < Pet >`), the crates the
/// runtime re-exports by their names (`chrono::NaiveDate`) and the
/// runtime's own items under `runtime::`.
pub(super) fn spelled(tokens: TokenStream) -> String {
    let out = crate::format::unspaced(&tokens.to_string());
    let mut spelled = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("rt::") {
        let starts_name =
            !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        spelled.push_str(&rest[..at]);
        rest = &rest[at + "rt::".len()..];
        if !starts_name {
            spelled.push_str("rt::");
        } else if !REEXPORTED
            .iter()
            .any(|c| rest.starts_with(&format!("{c}::")))
        {
            spelled.push_str("runtime::");
        }
    }
    spelled.push_str(rest);
    // The prelude's traits as a user writes them: `impl Into<String>`.
    for path in ["::core::convert::", "::core::iter::"] {
        spelled = spelled.replace(path, "");
    }
    spelled.replace("implInto", "impl Into")
}

/// The crates the runtime re-exports, which generated code names through it.
const REEXPORTED: &[&str] = &["bytes", "chrono", "reqwest", "serde", "serde_json", "uuid"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_alias_stays_only_where_code_uses_it() {
        let file = |body: &str| format!("//! Docs.\n\nuse crate::runtime as rt;\n\n{body}");
        let used = file("pub type A = rt::Base64;\n");
        assert_eq!(drop_unused_runtime_alias(used.clone()), used);
        // Said only in docs, or as part of another path: unused.
        let unused = file("/// See `rt::Base64`.\npub type A = part::B;\n");
        assert_eq!(
            drop_unused_runtime_alias(unused),
            "//! Docs.\n\n/// See `rt::Base64`.\npub type A = part::B;\n"
        );
        // A gated module's import goes with its attribute, even when
        // nothing follows it (every item is in a feature's own file).
        let gated = "//! Docs.\n\n#[allow(unused_imports)]\nuse crate::runtime as rt;\n";
        assert_eq!(drop_unused_runtime_alias(gated.to_owned()), "//! Docs.\n");
    }
}
