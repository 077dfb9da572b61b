//! The runtime support written into every generated crate as `src/runtime/`.
//!
//! The sources live in `generator/runtime/` as ordinary Rust, compiled and
//! tested as part of `generated-client`.

/// `(file name, source)` of each runtime file.
pub const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/mod.rs")),
    ("auth.rs", include_str!("../runtime/auth.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    ("decode.rs", include_str!("../runtime/decode.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    ("events.rs", include_str!("../runtime/events.rs")),
    ("formats.rs", include_str!("../runtime/formats.rs")),
    ("hooks.rs", include_str!("../runtime/hooks.rs")),
    ("options.rs", include_str!("../runtime/options.rs")),
    ("parameters.rs", include_str!("../runtime/parameters.rs")),
    ("redact.rs", include_str!("../runtime/redact.rs")),
    ("response.rs", include_str!("../runtime/response.rs")),
    ("retry.rs", include_str!("../runtime/retry.rs")),
    ("stream.rs", include_str!("../runtime/stream.rs")),
    ("values.rs", include_str!("../runtime/values.rs")),
];

/// The runtime of a types-only crate: what the types need, no HTTP.
pub const TYPES_ONLY_FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/types_only_mod.rs")),
    ("formats.rs", include_str!("../runtime/formats.rs")),
    ("values.rs", include_str!("../runtime/values.rs")),
];
