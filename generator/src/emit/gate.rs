//! Cargo features on generated items: `#[cfg]` attributes and the sentence
//! that tells a reader which feature compiles an item.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

use crate::model::Gate;

/// Top-level items, one token stream each, so an attribute can be put on
/// every one of them.
pub(super) type Items = Vec<TokenStream>;

/// `items`, each compiled only with `gate`'s features: the `#[cfg]` after
/// an item's docs, so the docs are what a reader meets first.
pub(super) fn gated(gate: &Gate, items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let cfg = cfg(gate);
    if cfg.is_empty() {
        return items.into_iter().collect();
    }
    items
        .into_iter()
        .map(|item| {
            let mut tokens = item.into_iter().peekable();
            let mut docs = TokenStream::new();
            // `#[doc = ...]` is two tokens: `#` and the bracketed group.
            while let Some(TokenTree::Punct(hash)) = tokens.peek() {
                if hash.as_char() != '#' {
                    break;
                }
                let hash = tokens.next().expect("peeked");
                match tokens.next() {
                    Some(TokenTree::Group(group)) if is_doc(&group) => {
                        docs.extend([hash, TokenTree::Group(group)]);
                    }
                    other => {
                        let rest: TokenStream =
                            [hash].into_iter().chain(other).chain(tokens).collect();
                        return quote!(#docs #cfg #rest);
                    }
                }
            }
            let rest: TokenStream = tokens.collect();
            quote!(#docs #cfg #rest)
        })
        .collect()
}

/// Whether an attribute's bracketed group is `[doc = ...]`.
fn is_doc(group: &Group) -> bool {
    group.delimiter() == Delimiter::Bracket
        && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc")
}

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or
/// nothing for an open gate.
pub(super) fn cfg(gate: &Gate) -> TokenStream {
    match gate.features.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// Which features compile an item, for its docs; `None` for an open gate.
pub(super) fn sentence(gate: &Gate) -> Option<String> {
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
