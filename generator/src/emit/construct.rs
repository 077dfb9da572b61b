//! Emits how a caller builds a struct it sends: `new` with the required
//! fields (or their `…Init` struct), a chainable setter per optional field,
//! `Default` when nothing is required. The structs are `#[non_exhaustive]`,
//! so these are the only way to build one outside the crate, and a field
//! a newer spec adds breaks no caller.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::request::risky_names;
use super::rust_type::{Taken, field_init, field_type, ident, taken};
use crate::model::{Constructor, Docs, Field, TypeGraph};
use crate::name::reserved::STRUCT_METHODS;

/// Whether a struct with these fields derives `Default`: nothing is
/// required.
pub(super) fn derives_default(fields: &[Field]) -> bool {
    !fields.iter().any(Field::is_required_argument)
}

/// The impls that build the struct `name`, and its `…Init` struct.
pub(super) fn constructors(
    name: &Ident,
    fields: &[Field],
    constructor: &Constructor,
    types: &TypeGraph,
) -> Vec<TokenStream> {
    let required: Vec<&Field> = fields.iter().filter(|f| f.is_required_argument()).collect();
    let value = ident("value");
    let mut items = Vec::new();
    let new = match &constructor.init_struct {
        Some(init) => {
            let init = ident(init);
            items.extend(init_struct(name, &init, &required, types));
            let members = fields.iter().map(|f| {
                let member = ident(&f.name);
                match f.is_required_argument() {
                    true => {
                        let value = boxed(quote!(init.#member), f.boxed);
                        quote!(#member: #value,)
                    }
                    false => quote!(#member: None,),
                }
            });
            quote! {
                /// A value of the required fields; the optional ones are
                /// unset (`None`) until their setters are called.
                pub fn new(init: #init) -> Self {
                    Self { #(#members)* }
                }
            }
        }
        None => {
            let mut arguments = Vec::new();
            let members = fields.iter().map(|f| {
                let member = ident(&f.name);
                if !f.is_required_argument() {
                    return quote!(#member: None,);
                }
                let Taken { argument, stored } = taken(&f.ty, types, &member);
                arguments.push(quote!(#member: #argument));
                field_init(&member, boxed(stored, f.boxed))
            });
            let members: Vec<TokenStream> = members.collect();
            let doc = match arguments.is_empty() {
                true => " A value with every field unset (`None`), as `Default` makes it.",
                false => {
                    " A value of the required fields; the optional ones are unset \
                     (`None`) until their setters are called."
                }
            };
            quote! {
                #[doc = #doc]
                pub fn new(#(#arguments),*) -> Self {
                    Self { #(#members)* }
                }
            }
        }
    };
    let settable: Vec<&Field> = fields
        .iter()
        .filter(|f| !f.is_required_argument() && (!f.read_only || constructor.fakes_only))
        .filter(|f| !STRUCT_METHODS.contains(&f.name.as_str()))
        .collect();
    let setters = settable.iter().map(|f| setter(f, fields, types, &value));
    let allow = risky_names(settable.iter().map(|f| &f.name));
    items.push(quote! {
        #allow
        impl #name {
            #new
            #(#setters)*
        }
    });
    items
}

/// `Box::new(value)` for a boxed field.
fn boxed(value: TokenStream, boxed: bool) -> TokenStream {
    match boxed {
        true => quote!(Box::new(#value)),
        false => value,
    }
}

/// The setter of an optional (or nullable) field, and `…_null()` for one
/// that may be sent as `null` apart from being left out.
fn setter(field: &Field, fields: &[Field], types: &TypeGraph, value: &Ident) -> TokenStream {
    let member = ident(&field.name);
    let Taken { argument, stored } = taken(&field.ty, types, value);
    let stored = boxed(stored, field.boxed);
    let docs = doc_attrs(&setter_docs(field));
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let set = match field.double_option {
        true => quote!(Some(Some(#stored))),
        false => quote!(Some(#stored)),
    };
    let null_name = format!("{}_null", field.name.trim_end_matches('_'));
    let null = (field.double_option
        && !fields.iter().any(|f| f.name == null_name)
        && !STRUCT_METHODS.contains(&null_name.as_str()))
    .then(|| {
        let null = ident(&null_name);
        let doc = format!(" Sends `{}` as `null`.", field.wire_name);
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #null(mut self) -> Self {
                self.#member = Some(None);
                self
            }
        }
    });
    quote! {
        #docs
        #deprecated
        pub fn #member(mut self, value: #argument) -> Self {
            self.#member = #set;
            self
        }
        #null
    }
}

/// A setter's docs: what it sets (the field has the spec's docs).
fn setter_docs(field: &Field) -> Docs {
    Docs::from_parts([Some(&*format!("Sets `{}`.", field.name))])
}

/// `…Init`: the required fields of `name`, public, for `new` (or `into()`).
fn init_struct(
    name: &Ident,
    init: &Ident,
    required: &[&Field],
    types: &TypeGraph,
) -> Vec<TokenStream> {
    let doc = format!(
        " The required fields of [`{name}`]: `{name}::new({init} {{ .. }})`, or \
         `.into()` where a `{name}` is wanted."
    );
    let members = required.iter().map(|f| {
        let docs = doc_attrs(&f.docs);
        let member = ident(&f.name);
        // The `Init` holds what the struct does, unboxed.
        let ty = field_type(
            &Field {
                boxed: false,
                ..(*f).clone()
            },
            types,
        );
        quote!(#docs pub #member: #ty,)
    });
    vec![
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            pub struct #init {
                #(#members)*
            }
        },
        quote! {
            impl ::core::convert::From<#init> for #name {
                fn from(init: #init) -> Self {
                    Self::new(init)
                }
            }
        },
    ]
}
