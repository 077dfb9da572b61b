//! Emits the crate around the API modules: `Cargo.toml` and `src/lib.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{escape, own_inner_doc_attrs};
use super::rust_type::ident;
use crate::model::{Api, Gate, TypeRef};
use crate::name::reserved::SERDE_BOTH_WAYS;
use crate::options::{CrateOptions, Package, Runtime};
use crate::runtime;
use crate::toml::{toml_list, toml_string};

/// A crate for the values of some string formats, depended on (through a
/// runtime feature of its name) and re-exported only by crates whose specs
/// use one of them.
struct FormatCrate {
    name: &'static str,
    types: &'static [TypeRef],
    doc: &'static str,
}

const FORMAT_CRATES: &[FormatCrate] = &[
    // Its serde impls are RFC 3339 with no attribute per field, so `Vec`s,
    // maps and `Option`s of dates just work (`time` needs `#[serde(with)]`
    // on every field).
    FormatCrate {
        name: "chrono",
        types: &[TypeRef::DateTime, TypeRef::Date, TypeRef::Time],
        doc: "The types of `format: date-time`, `date` and `time`, re-exported so you use the very version the client does.",
    },
    FormatCrate {
        name: "uuid",
        types: &[TypeRef::Uuid],
        doc: "The type of `format: uuid`, re-exported so you use the very version the client does.",
    },
];

/// `pub use runtime::chrono;` and the like, for the format crates some API
/// uses.
fn format_reexports(apis: &[Api]) -> Vec<TokenStream> {
    format_crates(apis)
        .into_iter()
        .map(|c| {
            let name = ident(c.name);
            let doc = format!(" {}", c.doc);
            quote! {
                #[doc = #doc]
                pub use runtime::#name;
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

pub(crate) fn cargo_toml(package: &Package, options: &CrateOptions, apis: &[Api]) -> String {
    let titles: Vec<&str> = apis.iter().map(|a| a.title.as_str()).collect();
    let what = if options.types_only() {
        "Types"
    } else {
        "Typed async clients"
    };
    let description = format!(
        "{what} for {}, generated from OpenAPI specs.",
        titles.join(", ")
    );
    let features = runtime_features(options, apis);
    let passed_through = runtime::passed_through_features(options.runtime(), &features);
    // A client needs a TLS backend: the first, unless the user picks another.
    let mut default = options.default_features();
    if !passed_through.is_empty() {
        default.push(runtime::TLS[0]);
    }
    let mut out = format!(
        "[package]\nname = {name}\nversion = {version}\nedition = \"2024\"\n\
         description = {description}\npublish = false\n\n[features]\ndefault = {default}\n",
        name = toml_string(package.name()),
        version = toml_string(package.version()),
        description = toml_string(&description),
        default = toml_list(&default),
    );
    let modules: Vec<&str> = apis.iter().map(|a| a.feature.as_str()).collect();
    out.push_str(&format!("full = {}\n", toml_list(&modules)));
    // Both serde impls of every type, where one-way types have one: for
    // a client's crate, whose fake turns it on (its replies serialize
    // response types).
    if !passed_through.is_empty() {
        out.push_str(&format!("{SERDE_BOTH_WAYS} = []\n"));
    }
    // The TLS backends (see the runtime's manifest), and the in-process
    // fake of every API for tests, off unless turned on. The names are
    // bare TOML keys.
    for (feature, runtime_features) in passed_through {
        let own = (feature == runtime::FAKE).then_some(SERDE_BOTH_WAYS);
        let turns_on: Vec<&str> = own
            .into_iter()
            .chain(runtime_features.iter().map(String::as_str))
            .collect();
        out.push_str(&format!("{feature} = {}\n", toml_list(&turns_on)));
    }
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
    let dependencies = match runtime::dependency_line(options.runtime(), &features) {
        Some(line) => vec![line],
        None => runtime::vendored_dependencies(&features),
    };
    for line in dependencies {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The runtime features a crate of these APIs turns on.
pub(crate) fn runtime_features(options: &CrateOptions, apis: &[Api]) -> Vec<String> {
    let formats: Vec<&str> = format_crates(apis).iter().map(|c| c.name).collect();
    runtime::features(options.types_only(), &formats)
}

/// Every feature name of the crate: `full`, then each module's and its
/// tags'.
pub(crate) fn crate_features(apis: &[Api]) -> Vec<&str> {
    let mut features = vec!["full"];
    for api in apis {
        features.push(&api.feature);
        features.extend(api.tag_features.iter().map(|f| f.name.as_str()));
    }
    features
}

pub(crate) fn lib_rs(options: &CrateOptions, apis: &[Api]) -> TokenStream {
    let defaults = options.default_features();
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
    if options.types_only() {
        docs.push_str(
            "\nTypes only: each module has the serde types of its spec's schemas, \
             and no client. [`runtime`] holds what they share.",
        );
    } else {
        docs.push_str(
            "\n[`runtime`] holds what every module shares: the client builder, \
             errors and response values.\n\n\
             The TLS backend is a feature: `rustls` (on by default: rustls with \
             aws-lc-rs and the platform's certificate verifier), `rustls-ring` \
             (rustls with ring) or `native-tls` (the platform's TLS, which wins \
             when it is on beside another). Without default features, name one: \
             with none, only `http://` URLs can be called.",
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
    let runtime = runtime_module(options.runtime(), None);
    quote! {
        #docs

        #runtime
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
pub(crate) fn include_rs(
    options: &CrateOptions,
    apis: &[Api],
    dir: &std::path::Path,
) -> TokenStream {
    let path_of = |relative: &str| dir.join(relative).to_string_lossy().into_owned();
    let runtime = runtime_module(options.runtime(), Some(&path_of("src/runtime/mod.rs")));
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
        #runtime
        #(#reexports)*
        #(#modules)*
    }
}

/// The crate's `runtime` module: the vendored sources (at `path`, for a
/// file included from elsewhere), or the runtime crate re-exported.
fn runtime_module(runtime: &Runtime, path: Option<&str>) -> TokenStream {
    if !runtime.is_vendored() {
        let name = ident(&Runtime::CRATE.replace('-', "_"));
        return quote! {
            /// What every generated module shares: the client builder,
            /// errors and response values (the `openapi-client-runtime`
            /// crate).
            pub use ::#name as runtime;
        };
    }
    // The sources' inner docs say what it is. No `#[rustfmt::skip]`: the
    // copy is formatted as the crate is, and an attribute on the module
    // would make its exported macros count as macro-expanded.
    let path = path.map(|p| quote!(#[path = #p]));
    quote! {
        #path
        pub mod runtime;
    }
}
