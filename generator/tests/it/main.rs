//! The generator's integration tests, one binary (linking the dependency
//! tree once): the generated clients over real HTTP on loopback, whole-crate
//! generation, and diagnostics.
//!
//! - `client_*`: `generated-client`, the TokensApi clients, and the runtime
//!   every generated crate shares.
//! - `fixture_client`: `fixture-client`, generated from `tests/fixtures/`,
//!   one module per area of OpenAPI; `fixture_types`: the same, types only.
//! - `review`: spec-change review of the cases in `tests/review/`;
//!   `oasdiff`: the review on oasdiff's checker pairs (`tests/oasdiff/`).
//! - `codegen`, `diagnostics`, `versions`: the library's guarantees
//!   and its messages for specs it cannot generate.

mod client_faults;
mod client_finbourne;
mod client_logging;
mod client_miro;
mod client_runtime;
mod codegen;
mod common;
mod diagnostics;
mod examples;
mod fake;
mod features;
mod fixture_client;
mod fixture_types;
mod injection;
mod layers;
mod oasdiff;
mod paging;
mod properties;
mod regressions;
mod review;
mod shared_runtime;
mod transport;
mod versions;
