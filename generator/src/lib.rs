//! Generates typed async Rust clients from OpenAPI specs: Swagger 2.0,
//! OpenAPI 3.0, 3.1 and 3.2, in one file or many.
//!
//! The public API is what a build script, the command-line tool and the
//! repository's `xtask` need: [`generate_crate`] builds a whole crate in
//! memory from [`SpecSource`]s (or reports every [`Diagnostic`] with its
//! location), and [`sync`] writes it to disk or checks the disk against it.
//!
//! The pipeline, one module per stage:
//!
//! 1. `parse`: spec text (YAML or JSON) to a raw JSON tree, with the files
//!    it refers to bundled in (`bundle`) and made OpenAPI 3.0 whatever its
//!    version (`normalize`), and the typed `openapiv3` document read from it.
//! 2. `model`: the document to a checked intermediate model in which every
//!    Rust name is decided (`name`), every `$ref` is followed by one
//!    resolver (`resolve`), every path template is parsed once
//!    (`path_template`), and every problem is reported with its JSON pointer
//!    (`diagnostics`), placed at `line:column` by `locate`.
//! 3. `emit`: the model to token streams and manifest text; every sentence
//!    of the generated docs is written here.
//! 4. `format`: token streams to formatted source with a header.
//! 5. `write`: the finished file tree to disk, or a comparison with disk.

#![deny(missing_docs)]

mod bundle;
mod diagnostics;
mod emit;
#[cfg(feature = "lint")]
mod examples;
mod format;
mod locate;
mod model;
mod name;
mod normalize;
mod options;
mod paging;
mod parse;
mod path_template;
mod pipeline;
mod pointer;
mod raw;
mod resolve;
pub mod review;
mod runtime;
mod source;
mod threads;
mod toml;
mod trim;
mod write;

pub use diagnostics::{Diagnostic, Failure, Severity};
#[cfg(feature = "lint")]
pub use examples::{Example, ExampleKind, ExampleSummary};
pub use locate::Location;
pub use options::{CrateOptions, Formats, Package, Runtime, Subset};
pub use paging::{PagingRule, PagingStrategy};
pub use pipeline::{
    FormCounts, Generated, PagingCounts, Timings, build_script, generate_crate,
    generate_for_include,
};
#[cfg(feature = "lint")]
pub use pipeline::{SpecExamples, check_examples};
pub use source::{SpecSource, spec_files_in};
pub use trim::trim_spec;
pub use write::{Changes, Mode, generated_files, is_generated, sync};

/// The Rust examples of the README and of each chapter in `docs/`, compiled
/// by `cargo test` (and run where they are not `no_run`) so they cannot rot.
#[cfg(all(doctest, feature = "lint"))]
pub mod documentation {
    #[doc = include_str!("../../README.md")]
    pub struct Readme;
    #[doc = include_str!("../../docs/user-guide.md")]
    pub struct UserGuide;
    #[doc = include_str!("../../docs/testing.md")]
    pub struct Testing;
    #[doc = include_str!("../../docs/production.md")]
    pub struct Production;
    #[doc = include_str!("../../docs/generating.md")]
    pub struct Generating;
    #[doc = include_str!("../../docs/reviewing.md")]
    pub struct Reviewing;
    #[doc = include_str!("../../docs/performance.md")]
    pub struct Performance;
    #[doc = include_str!("../../docs/contributing.md")]
    pub struct Contributing;
}
