//! Cargo features on generated items: `#[cfg]` attributes and the sentence
//! that tells a reader which feature compiles an item.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Gate;

/// Top-level items, one token stream each, so an attribute can be put on
/// every one of them.
pub type Items = Vec<TokenStream>;

/// `items`, each compiled only with `gate`'s features.
pub fn gated(gate: &Gate, items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let cfg = cfg(gate);
    items.into_iter().map(|item| quote!(#cfg #item)).collect()
}

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or
/// nothing for an open gate.
pub fn cfg(gate: &Gate) -> TokenStream {
    match gate.features.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// Which features compile an item, for its docs; `None` for an open gate.
pub fn sentence(gate: &Gate) -> Option<String> {
    let quoted: Vec<String> = gate.features.iter().map(|f| format!("`{f}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("Compiled with the cargo feature {one}.")),
        many => Some(format!(
            "Compiled with any of the cargo features {}.",
            many.join(", ")
        )),
    }
}
