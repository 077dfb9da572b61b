//! Stage 3: the model to Rust token streams and manifest text.
//!
//! Emitters read only [`crate::model`]. Each returns the files it makes,
//! unformatted; [`crate::format`] turns tokens into text.

mod client;
mod docs;
mod gate;
mod krate;
pub(crate) mod reserved;
pub(crate) mod surface;
mod types;

pub use krate::{CrateOptions, Formats, Subset, cargo_toml, crate_features, include_rs, lib_rs};

use proc_macro2::TokenStream;

use crate::model::Api;

/// The Rust files of one API module, by path relative to `src/`.
pub fn module_files(api: &Api, types_only: bool) -> Vec<(String, TokenStream)> {
    if types_only {
        return vec![(
            format!("{}/mod.rs", api.module),
            types::schema_types_file(api),
        )];
    }
    let mut files = vec![(format!("{}/mod.rs", api.module), client::module_file(api))];
    if api.has_types() {
        files.push((format!("{}/types.rs", api.module), types::types_file(api)));
    }
    files
}
