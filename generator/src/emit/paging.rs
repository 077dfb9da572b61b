//! Emits what makes a paginated operation's builder page: its
//! `Paginated` impl (the strategy as data, and where a page's items are).
//! The pager itself is the runtime's, once for all operations.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::{ident, rust_type};
use crate::model::paging::{PagingStrategy, page_body, page_items};
use crate::model::{Api, Operation};

/// `impl rt::Paginated for …Builder`, if `op` pages.
pub(super) fn paginated_impl(op: &Operation, api: &Api) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let body = page_body(op)?;
    let items = page_items(&api.types, body, pagination.items.as_deref())?;
    let name = ident(&op.request_struct);
    let success = rust_type(body, &api.types);
    let item = rust_type(items.item, &api.types);
    let access = match items.field {
        None => quote!(Some(page)),
        Some(field) => {
            let name = ident(&field.name);
            if field.double_option {
                quote!(page.#name.as_mut().and_then(Option::as_mut))
            } else if field.is_option() {
                quote!(page.#name.as_mut())
            } else {
                quote!(Some(&mut page.#name))
            }
        }
    };
    let paging = paging(&pagination.strategy, pagination.items.as_deref());
    Some(quote! {
        impl rt::Paginated for #name {
            type Item = #item;
            const PAGING: rt::Paging = #paging;

            fn items(page: &mut #success) -> Option<&mut Vec<#item>> {
                #access
            }
        }
    })
}

/// The runtime's `Paging` value for a strategy whose items are the
/// response property `items` (or the body).
fn paging(strategy: &PagingStrategy, items: Option<&str>) -> TokenStream {
    let path = |path: &[String]| quote!(&[#(#path),*]);
    let size = |size: &Option<String>| match size {
        Some(size) => quote!(Some(#size)),
        None => quote!(None),
    };
    match strategy {
        PagingStrategy::LinkHeader => quote!(rt::Paging::LinkHeader),
        PagingStrategy::NextLink { path: at } => {
            let at = path(at);
            quote!(rt::Paging::NextLink { path: #at })
        }
        PagingStrategy::Cursor { param, path: at } => {
            let at = path(at);
            quote!(rt::Paging::Cursor { param: #param, path: #at })
        }
        PagingStrategy::AfterLast {
            param,
            key,
            has_more,
        } => {
            let has_more = path(has_more);
            let items = items.into_iter();
            quote!(rt::Paging::AfterLast { param: #param, items: &[#(#items),*], key: #key, has_more: #has_more })
        }
        PagingStrategy::Offset { param, size: s } => {
            let s = size(s);
            quote!(rt::Paging::Offset { param: #param, size: #s })
        }
        PagingStrategy::PageNumber { param, size: s } => {
            let s = size(s);
            quote!(rt::Paging::PageNumber { param: #param, size: #s })
        }
    }
}
