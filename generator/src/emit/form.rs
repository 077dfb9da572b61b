//! Emits what sends a form type as a `multipart/form-data` body: each
//! field as a part, files as file parts, as the spec's `encoding` says.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust_type::ident;
use crate::model::{Field, FormPart, TypeRef};

/// `into_multipart`, which writes the form type `name`'s fields as parts,
/// in their order.
pub(super) fn into_multipart(name: &Ident, fields: &[Field], parts: &[FormPart]) -> TokenStream {
    let statements = fields.iter().map(|field| {
        let part = parts.iter().find(|p| p.name == field.wire_name);
        let wire = &field.wire_name;
        let content_type = match part.and_then(|p| p.content_type.as_deref()) {
            Some(media_type) => quote!(Some(#media_type)),
            None => quote!(None),
        };
        let headers = part
            .map_or(&[][..], |p| &p.headers[..])
            .iter()
            .map(|(n, v)| quote!((#n, #v)));
        let headers = quote!(&[#(#headers),*]);
        let member = ident(&field.name);
        let add = match field.ty.non_null() {
            TypeRef::File => quote!(file),
            TypeRef::List(item) if **item == TypeRef::File => quote!(files),
            _ => return quote!(form.value(#wire, &self.#member, #content_type, #headers);),
        };
        if field.is_option() {
            quote! {
                if let Some(value) = self.#member {
                    form.#add(#wire, value, #content_type, #headers);
                }
            }
        } else {
            quote!(form.#add(#wire, self.#member, #content_type, #headers);)
        }
    });
    quote! {
        impl #name {
            /// The multipart body this form is sent as: a part per field
            /// that is set, in the order of the fields.
            pub fn into_multipart(self) -> rt::Multipart {
                let mut form = rt::Multipart::new();
                #(#statements)*
                form
            }
        }
    }
}
