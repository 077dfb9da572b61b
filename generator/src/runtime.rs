//! The runtime crate (`generator/runtime/`, `openapi-client-runtime`) as a
//! generated crate sees it: the manifest lines that depend on it, or its
//! sources to copy in as `src/runtime/` with the dependencies they need.
//!
//! The sources are ordinary Rust compiled and tested as their own crate;
//! copying evaluates its feature gates (`#[cfg(feature = "...")]` on items
//! of `lib.rs`), since a vendored copy has no features of its own.

use quote::ToTokens;

use crate::options::Runtime;
use crate::toml::toml_string;

/// The runtime crate's manifest: its dependencies and features.
const MANIFEST: &str = include_str!("../runtime/Cargo.toml");

/// The root of the runtime crate, the vendored copy's `mod.rs`.
const LIB: &str = include_str!("../runtime/src/lib.rs");

/// `(file name, source)` of each module file of the runtime crate.
const MODULES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../runtime/src/auth.rs")),
    ("client.rs", include_str!("../runtime/src/client.rs")),
    ("decode.rs", include_str!("../runtime/src/decode.rs")),
    ("error.rs", include_str!("../runtime/src/error.rs")),
    ("events.rs", include_str!("../runtime/src/events.rs")),
    ("formats.rs", include_str!("../runtime/src/formats.rs")),
    ("hooks.rs", include_str!("../runtime/src/hooks.rs")),
    ("options.rs", include_str!("../runtime/src/options.rs")),
    (
        "parameters.rs",
        include_str!("../runtime/src/parameters.rs"),
    ),
    ("redact.rs", include_str!("../runtime/src/redact.rs")),
    ("response.rs", include_str!("../runtime/src/response.rs")),
    ("retry.rs", include_str!("../runtime/src/retry.rs")),
    ("stream.rs", include_str!("../runtime/src/stream.rs")),
    ("values.rs", include_str!("../runtime/src/values.rs")),
];

/// The runtime features a generated crate turns on: `client` unless it is
/// types only, and the format crates its specs use.
pub fn features(types_only: bool, format_crates: &[&str]) -> Vec<String> {
    let client = (!types_only).then(|| "client".to_owned());
    client
        .into_iter()
        .chain(format_crates.iter().map(|c| (*c).to_owned()))
        .collect()
}

/// The manifest line of a crate that depends on the runtime crate with
/// exactly `features` (the crate's defaults are for hand-written manifests).
pub fn dependency_line(runtime: &Runtime, features: &[String]) -> Option<String> {
    let source = match runtime {
        Runtime::Vendored => return None,
        Runtime::Path(path) => format!("path = {}", toml_string(path)),
        Runtime::Git { url, rev } => match rev {
            Some(rev) => format!("git = {}, rev = {}", toml_string(url), toml_string(rev)),
            None => format!("git = {}", toml_string(url)),
        },
        Runtime::Version(version) => format!("version = {}", toml_string(version)),
    };
    let features: Vec<String> = features.iter().map(|f| toml_string(f)).collect();
    let line = format!(
        "{} = {{ {source}, default-features = false, features = [{}] }}",
        Runtime::CRATE,
        features.join(", ")
    );
    Some(line)
}

/// The manifest lines of the crates the runtime's sources need with
/// `features` on, for a crate that vendors them: the runtime's own
/// dependencies, the optional ones as those features turn them on.
pub fn vendored_dependencies(features: &[String]) -> Vec<String> {
    let manifest = Manifest::read(MANIFEST);
    let wanted: Vec<&str> = features.iter().flat_map(|f| manifest.feature(f)).collect();
    manifest
        .dependencies
        .iter()
        .filter(|d| !d.optional || wanted.contains(&d.name))
        .map(|d| format!("{} = {}", d.name, d.requirement))
        .collect()
}

/// `(file name, source)` of each file of a vendored runtime with `features`
/// on: `mod.rs` (the crate root with its gates evaluated), then the module
/// files it declares.
pub fn vendored_files(features: &[String]) -> Vec<(String, String)> {
    let mut root: syn::File = syn::parse_str(LIB).expect("the runtime's lib.rs parses");
    keep_enabled(&mut root.items, features);
    let declared: Vec<String> = root
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.content.is_none() => Some(format!("{}.rs", m.ident)),
            _ => None,
        })
        .collect();
    let mod_rs = crate::format::rust_file("src/runtime/mod.rs", root.into_token_stream())
        .expect("the runtime's lib.rs prints as Rust");
    std::iter::once(("mod.rs".to_owned(), mod_rs))
        .chain(
            MODULES
                .iter()
                .filter(|(name, _)| declared.iter().any(|d| d == name))
                .map(|(name, source)| ((*name).to_owned(), (*source).to_owned())),
        )
        .collect()
}

/// Drops the items gated on a feature not in `features` and the gates of
/// the others, in `items` and the inline modules among them.
fn keep_enabled(items: &mut Vec<syn::Item>, features: &[String]) {
    items.retain_mut(|item| {
        let Some(attrs) = item_attrs(item) else {
            return true;
        };
        let mut enabled = true;
        attrs.retain(|attr| match gated_feature(attr) {
            Some(feature) => {
                enabled &= features.contains(&feature);
                false
            }
            None => true,
        });
        enabled
    });
    for item in items {
        if let syn::Item::Mod(syn::ItemMod {
            content: Some((_, inner)),
            ..
        }) = item
        {
            keep_enabled(inner, features);
        }
    }
}

/// The attributes of the kinds of item the runtime's root holds.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Use(i) => Some(&mut i.attrs),
        syn::Item::Mod(i) => Some(&mut i.attrs),
        syn::Item::Macro(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// `x` of `#[cfg(feature = "x")]`.
fn gated_feature(attr: &syn::Attribute) -> Option<String> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    let condition: syn::MetaNameValue = attr.parse_args().ok()?;
    if !condition.path.is_ident("feature") {
        return None;
    }
    match condition.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(feature),
            ..
        }) => Some(feature.value()),
        other => panic!(
            "the runtime gates an item on `{}`, which vendoring cannot evaluate",
            other.to_token_stream()
        ),
    }
}

/// The parts of the runtime's manifest that generation reads.
struct Manifest<'a> {
    dependencies: Vec<Dependency<'a>>,
    features: Vec<(&'a str, Vec<&'a str>)>,
}

/// One `[dependencies]` line: `name = requirement`.
struct Dependency<'a> {
    name: &'a str,
    /// The requirement with `optional = true` taken out: what a vendoring
    /// crate writes.
    requirement: String,
    optional: bool,
}

impl<'a> Manifest<'a> {
    /// Reads the `[dependencies]` and `[features]` sections, written one
    /// entry per line (the runtime's manifest says so).
    fn read(text: &'a str) -> Self {
        let mut manifest = Manifest {
            dependencies: Vec::new(),
            features: Vec::new(),
        };
        let mut section = "";
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let Some((name, value)) = line.split_once(" = ") else {
                continue;
            };
            match section {
                "[dependencies]" => manifest.dependencies.push(Dependency::read(name, value)),
                "[features]" => manifest.features.push((name, dep_names(value))),
                _ => {}
            }
        }
        manifest
    }

    /// The optional dependencies `feature` turns on.
    fn feature(&self, feature: &str) -> Vec<&'a str> {
        self.features
            .iter()
            .find(|(name, _)| *name == feature)
            .map(|(_, deps)| deps.clone())
            .unwrap_or_default()
    }
}

impl<'a> Dependency<'a> {
    fn read(name: &'a str, value: &str) -> Self {
        const OPTIONAL: &str = ", optional = true";
        let optional = value.contains(OPTIONAL);
        let mut requirement = value.replace(OPTIONAL, "");
        // `{ version = "1" }` alone is written as the plain `"1"`.
        if let Some(version) = requirement
            .strip_prefix("{ version = ")
            .and_then(|rest| rest.strip_suffix(" }"))
            .filter(|v| !v.contains(','))
        {
            requirement = version.to_owned();
        }
        Self {
            name,
            requirement,
            optional,
        }
    }
}

/// `a`, `b` of `["dep:a", "dep:b"]`.
fn dep_names(list: &str) -> Vec<&str> {
    list.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .filter_map(|item| item.trim().trim_matches('"').strip_prefix("dep:"))
        .collect()
}
