//! Emits the crate around the API modules: `Cargo.toml` and `src/lib.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{escape, own_inner_doc_attrs};
use super::types::ident;
use crate::model::{Api, Gate, TypeRef};

/// What the generated crate is called and who generates it.
#[derive(Clone, Debug)]
pub struct CrateOptions {
    /// The package name, e.g. `generated-client`.
    pub name: String,
    /// The package version, e.g. `0.1.0`.
    pub version: String,
    /// The command that regenerates the crate, named in every file header.
    pub generated_by: String,
    /// Follow `$ref`s to files outside the folder of the spec that names
    /// them (by default such a reference is an error).
    pub allow_outside_refs: bool,
    /// The Rust types of string formats (`date-time`, `uuid`, ...).
    pub formats: Formats,
    /// Only the schemas' types (serde structs and enums), without the
    /// client, `reqwest` or `tokio`.
    pub types_only: bool,
    /// Which operations to generate (all when empty), with only the types
    /// they use.
    pub subset: Subset,
    /// The crate's `default` features; `None` means `["full"]`, everything.
    /// Each must be a feature of the crate: `full`, a module's, or a tag's.
    pub default_features: Option<Vec<String>>,
}

/// A part of the operations: those with any of `tags`, or matching any of
/// `operations`. Empty means every operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subset {
    /// Tags, as the spec writes them.
    pub tags: Vec<String>,
    /// operationIds (or the methods' Rust names), or path globs where `*`
    /// matches any text, optionally after an HTTP method: `getPet`,
    /// `get_pet`, `/pets/*`, `GET /pets/{petId}`.
    pub operations: Vec<String>,
}

impl Subset {
    /// Whether every operation is kept.
    pub fn is_all(&self) -> bool {
        self.tags.is_empty() && self.operations.is_empty()
    }
}

/// How string formats become Rust types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Formats {
    /// `date-time`, `date`, `time` as `chrono` types, `uuid` as
    /// `uuid::Uuid`, `byte` as base64-decoded bytes.
    #[default]
    Typed,
    /// Every string format as `String`.
    Strings,
}

/// The crates generated code uses, pinned to the versions it is tested with.
/// Caret requirements, so a crate using the client can still unify them.
/// `reqwest`'s `gzip` asks servers for gzip and decodes it transparently
/// (pure Rust; brotli and zstd would cost more build time than they save).
const DEPENDENCIES: &str = r#"base64 = "0.22.1"
bytes = "1.10.1"
fastrand = "2.3.0"
httpdate = "1.0.3"
reqwest = { version = "0.13.5", default-features = false, features = ["gzip", "multipart", "rustls", "stream"] }
serde = { version = "1.0.228", features = ["derive"] }
serde_json = "1.0.145"
serde_path_to_error = "0.1.20"
serde_urlencoded = "0.7.1"
thiserror = "2.0.17"
tokio = { version = "1.47.0", default-features = false, features = ["fs", "time"] }
tracing = { version = "0.1.41", default-features = false, features = ["std"] }
"#;

/// What a types-only crate needs (`runtime/types_only_mod.rs`).
const TYPES_ONLY_DEPENDENCIES: &str = r#"base64 = "0.22.1"
serde = { version = "1.0.228", features = ["derive"] }
serde_json = "1.0.145"
"#;

/// A crate for the values of some string formats, depended on (and
/// re-exported) only by crates whose specs use one of them.
struct FormatCrate {
    name: &'static str,
    dependency: &'static str,
    types: &'static [TypeRef],
    doc: &'static str,
}

const FORMAT_CRATES: &[FormatCrate] = &[
    // Its serde impls are RFC 3339 with no attribute per field, so `Vec`s,
    // maps and `Option`s of dates just work (`time` needs `#[serde(with)]`
    // on every field).
    FormatCrate {
        name: "chrono",
        dependency: r#"chrono = { version = "0.4.41", default-features = false, features = ["now", "serde", "std"] }"#,
        types: &[TypeRef::DateTime, TypeRef::Date, TypeRef::Time],
        doc: "The types of `format: date-time`, `date` and `time`, re-exported so you use the very version the client does.",
    },
    FormatCrate {
        name: "uuid",
        dependency: r#"uuid = { version = "1.18.1", default-features = false, features = ["serde", "std"] }"#,
        types: &[TypeRef::Uuid],
        doc: "The type of `format: uuid`, re-exported so you use the very version the client does.",
    },
];

/// `pub use ::chrono;` and the like, for the format crates some API uses.
fn format_reexports(apis: &[Api]) -> Vec<TokenStream> {
    format_crates(apis)
        .into_iter()
        .map(|c| {
            let name = ident(c.name);
            let doc = format!(" {}", c.doc);
            quote! {
                #[doc = #doc]
                pub use ::#name;
            }
        })
        .collect()
}

/// The format crates some API uses.
fn format_crates(apis: &[Api]) -> Vec<&'static FormatCrate> {
    FORMAT_CRATES
        .iter()
        .filter(|c| c.types.iter().any(|ty| apis.iter().any(|api| api.uses(ty))))
        .collect()
}

pub fn cargo_toml(options: &CrateOptions, apis: &[Api]) -> String {
    let titles: Vec<&str> = apis.iter().map(|a| a.title.as_str()).collect();
    let what = if options.types_only {
        "Types"
    } else {
        "Typed async clients"
    };
    let description = format!(
        "{what} for {}, generated from OpenAPI specs.",
        titles.join(", ")
    );
    let mut out = format!(
        "[package]\nname = {name}\nversion = {version}\nedition = \"2024\"\n\
         description = {description}\npublish = false\n\n[features]\ndefault = {default}\n",
        name = toml_string(&options.name),
        version = toml_string(&options.version),
        description = toml_string(&description),
        default = toml_list(&default_features(options)),
    );
    let modules: Vec<&str> = apis.iter().map(|a| a.feature.as_str()).collect();
    out.push_str(&format!("full = {}\n", toml_list(&modules)));
    for api in apis {
        let tags: Vec<&str> = api.tag_features.iter().map(|f| f.name.as_str()).collect();
        out.push_str(&format!(
            "{} = {}\n",
            toml_string(&api.feature),
            toml_list(&tags)
        ));
        for tag in &tags {
            out.push_str(&format!("{} = []\n", toml_string(tag)));
        }
    }
    out.push_str("\n[dependencies]\n");
    let mut dependencies: Vec<&str> = if options.types_only {
        TYPES_ONLY_DEPENDENCIES.lines().collect()
    } else {
        DEPENDENCIES.lines().collect()
    };
    dependencies.extend(format_crates(apis).iter().map(|c| c.dependency));
    dependencies.sort_unstable();
    for line in dependencies {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The crate's `default` features.
pub fn default_features(options: &CrateOptions) -> Vec<&str> {
    match &options.default_features {
        Some(features) => features.iter().map(String::as_str).collect(),
        None => vec!["full"],
    }
}

/// Every feature name of the crate: `full`, then each module's and its
/// tags'.
pub fn crate_features(apis: &[Api]) -> Vec<&str> {
    let mut features = vec!["full"];
    for api in apis {
        features.push(&api.feature);
        features.extend(api.tag_features.iter().map(|f| f.name.as_str()));
    }
    features
}

/// `["a", "b"]`.
fn toml_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
    format!("[{}]", items.join(", "))
}

/// `text` as a TOML basic string: quotes, backslashes and control
/// characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn lib_rs(options: &CrateOptions, apis: &[Api]) -> TokenStream {
    let defaults = default_features(options);
    let on_by_default = match defaults.as_slice() {
        ["full"] => "all on by default".to_owned(),
        [] => "none on by default".to_owned(),
        some => format!(
            "on by default: {}",
            some.iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut docs = format!(
        "Typed async clients generated from OpenAPI specs, one module per spec, \
         each behind a cargo feature ({on_by_default}):\n\n"
    );
    for api in apis {
        docs.push_str(&format!(
            "- [`{}`] (feature `{}`): {} {}, from `{}`.\n",
            api.module,
            api.feature,
            escape(&api.title),
            escape(&api.version),
            api.source
        ));
    }
    if options.types_only {
        docs.push_str(
            "\nTypes only: each module has the serde types of its spec's schemas, \
             and no client. [`runtime`] holds what they share.",
        );
    } else {
        docs.push_str(
            "\n[`runtime`] holds what every module shares: the client builder, \
             errors and response values.",
        );
    }
    if apis.iter().any(|a| !a.tag_features.is_empty()) {
        docs.push_str(&format!("\n\n# Cargo features\n\n{}", FEATURES_DOC));
        for api in apis.iter().filter(|a| !a.tag_features.is_empty()) {
            docs.push_str(&format!("\n\n`{}`:\n", api.feature));
            for feature in &api.tag_features {
                let tags: Vec<String> = feature
                    .tags
                    .iter()
                    .map(|t| format!("`{}`", escape(t)))
                    .collect();
                docs.push_str(&format!("\n- `{}`: {}", feature.name, tags.join(", ")));
            }
        }
    }
    let docs = own_inner_doc_attrs(&docs);
    let modules = apis.iter().map(|a| {
        let module = ident(&a.module);
        let gate = Gate {
            features: std::iter::once(&a.feature)
                .chain(a.tag_features.iter().map(|f| &f.name))
                .cloned()
                .collect(),
        };
        let cfg = super::gate::cfg(&gate);
        // rustfmt would reformat prettyplease's output; the generator owns it.
        quote! {
            #cfg
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    let reexports = format_reexports(apis);
    quote! {
        #docs
        #![warn(missing_docs)]

        pub mod runtime;
        #(#reexports)*
        #(#modules)*
    }
}

/// How features map to tags, for the crate docs (the README says the same).
const FEATURES_DOC: &str = "`full` turns on every module. A module's feature \
turns on all of its operations. A tag's feature turns on its module with only \
the operations of that tag, and only the types they use: switch `default` off \
and pick tags to compile less. An operation with several tags compiles with \
any of their features, and so does a type that operations of several tags use. \
Operations without tags compile whenever their module does; schemas no \
operation uses (webhook payloads, say) only with the module's own feature. Each \
module's tag features, and the tags each compiles:";

/// The file a build script's crate `include!`s at its root: the runtime and
/// each API module, declared by their paths under `dir` (where the build
/// script wrote them), and the format crates re-exported. No cargo features
/// gate the modules: the including crate has its own.
pub fn include_rs(apis: &[Api], dir: &std::path::Path) -> TokenStream {
    let path_of = |relative: &str| dir.join(relative).to_string_lossy().into_owned();
    let runtime = path_of("src/runtime/mod.rs");
    let reexports = format_reexports(apis);
    let modules = apis.iter().map(|a| {
        let module = ident(&a.module);
        let path = path_of(&format!("src/{}/mod.rs", a.module));
        let doc = format!(
            " {} {}, from `{}`.",
            escape(&a.title),
            escape(&a.version),
            a.source
        );
        quote! {
            #[doc = #doc]
            #[path = #path]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    quote! {
        /// What every generated module shares: the client builder, errors
        /// and response values.
        #[path = #runtime]
        pub mod runtime;
        #(#reexports)*
        #(#modules)*
    }
}
