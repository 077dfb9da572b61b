//! What the generated types share: values of string formats and serde
//! helpers. This crate has the types only, without a client (generated with
//! `--types-only`).

mod formats;
mod values;

pub use formats::Base64;
pub use values::{FromMap, Key, MapVisitor, double_option, field, required, variant};
