//! The runtime crate (`generator/runtime/`, `openapi-client-runtime`) as a
//! generated crate sees it: the manifest lines that depend on it, or its
//! sources to copy in as `src/runtime/` with the dependencies they need.
//!
//! The sources are ordinary Rust compiled and tested as their own crate;
//! copying evaluates its feature gates (`#[cfg(feature = "...")]` on items
//! of `lib.rs`), since a vendored copy has no features of its own, and
//! points the exported macros' `$crate::` paths at the `runtime` module.

use crate::options::Runtime;
use crate::toml::toml_string;

/// The runtime crate's manifest: its dependencies and features.
const MANIFEST: &str = include_str!("../runtime/Cargo.toml");

/// The root of the runtime crate, the vendored copy's `mod.rs`.
const LIB: &str = include_str!("../runtime/src/lib.rs");

/// `(file name, source)` of each module file of the runtime crate.
const MODULES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../runtime/src/auth.rs")),
    (
        "base64_text.rs",
        include_str!("../runtime/src/base64_text.rs"),
    ),
    ("base_url.rs", include_str!("../runtime/src/base_url.rs")),
    ("body.rs", include_str!("../runtime/src/body.rs")),
    ("call.rs", include_str!("../runtime/src/call.rs")),
    ("client.rs", include_str!("../runtime/src/client.rs")),
    ("decode.rs", include_str!("../runtime/src/decode.rs")),
    ("direct.rs", include_str!("../runtime/src/direct.rs")),
    ("error.rs", include_str!("../runtime/src/error.rs")),
    ("events.rs", include_str!("../runtime/src/events.rs")),
    ("fake.rs", include_str!("../runtime/src/fake.rs")),
    (
        "fake_pages.rs",
        include_str!("../runtime/src/fake_pages.rs"),
    ),
    (
        "fake_server.rs",
        include_str!("../runtime/src/fake_server.rs"),
    ),
    ("fake_spec.rs", include_str!("../runtime/src/fake_spec.rs")),
    ("form.rs", include_str!("../runtime/src/form.rs")),
    ("formats.rs", include_str!("../runtime/src/formats.rs")),
    ("hooks.rs", include_str!("../runtime/src/hooks.rs")),
    ("multipart.rs", include_str!("../runtime/src/multipart.rs")),
    ("object.rs", include_str!("../runtime/src/object.rs")),
    ("options.rs", include_str!("../runtime/src/options.rs")),
    ("ordered.rs", include_str!("../runtime/src/ordered.rs")),
    ("outgoing.rs", include_str!("../runtime/src/outgoing.rs")),
    ("pages.rs", include_str!("../runtime/src/pages.rs")),
    ("paging.rs", include_str!("../runtime/src/paging.rs")),
    (
        "parameters.rs",
        include_str!("../runtime/src/parameters.rs"),
    ),
    ("redact.rs", include_str!("../runtime/src/redact.rs")),
    ("reply.rs", include_str!("../runtime/src/reply.rs")),
    ("response.rs", include_str!("../runtime/src/response.rs")),
    ("retry.rs", include_str!("../runtime/src/retry.rs")),
    ("stream.rs", include_str!("../runtime/src/stream.rs")),
    ("transport.rs", include_str!("../runtime/src/transport.rs")),
    ("upload.rs", include_str!("../runtime/src/upload.rs")),
    ("values.rs", include_str!("../runtime/src/values.rs")),
];

/// The runtime feature of the in-process fake: a generated crate has a
/// feature of the same name that turns it on (in a vendored copy, whose
/// gates of it stay, the crate's own).
pub(crate) const FAKE: &str = "fake";

/// The runtime's TLS backends, each a feature a generated crate with a
/// client passes through (a vendored copy's gates of them stay, as the
/// fake's). The first is on by default.
pub(crate) const TLS: &[&str] = &["rustls", "rustls-ring", "native-tls"];

/// The features of the runtime a generated crate with a client has under
/// the same names: its TLS backends and its fake.
pub(crate) fn passed_through() -> impl Iterator<Item = &'static str> {
    TLS.iter().copied().chain([FAKE])
}

/// The runtime features a generated crate passes through
/// ([`passed_through`]), each with what it turns on: the runtime's, or, in
/// a vendored copy, what the runtime's turns on beyond `client`. None for
/// a types-only crate, which has no client.
pub(crate) fn passed_through_features(
    runtime: &Runtime,
    features: &[String],
) -> Vec<(&'static str, Vec<String>)> {
    if !features.iter().any(|f| f == "client") {
        return Vec::new();
    }
    let manifest = Manifest::read(MANIFEST);
    passed_through()
        .map(|feature| {
            let turns_on = match runtime {
                Runtime::Vendored => manifest
                    .feature_entries(feature)
                    .into_iter()
                    .filter(|entry| *entry != "client")
                    .map(str::to_owned)
                    .collect(),
                _ => vec![format!("{}/{feature}", Runtime::CRATE)],
            };
            (feature, turns_on)
        })
        .collect()
}

/// The optional dependencies the passed-through features turn on beyond
/// `client`'s: a vendored copy keeps them optional.
fn passed_through_dependencies() -> Vec<Dependency<'static>> {
    let manifest = Manifest::read(MANIFEST);
    let client = manifest.feature("client");
    let passed: Vec<&str> = passed_through().flat_map(|f| manifest.feature(f)).collect();
    manifest
        .dependencies
        .into_iter()
        .filter(|d| passed.contains(&d.name) && !client.contains(&d.name))
        .collect()
}

/// The runtime features a generated crate turns on: `client` unless it is
/// types only, and the format crates its specs use.
pub(crate) fn features(types_only: bool, format_crates: &[&str]) -> Vec<String> {
    let client = (!types_only).then(|| "client".to_owned());
    client
        .into_iter()
        .chain(format_crates.iter().map(|c| (*c).to_owned()))
        .collect()
}

/// The manifest line of a crate that depends on the runtime crate with
/// exactly `features` (the crate's defaults are for hand-written manifests).
pub(crate) fn dependency_line(runtime: &Runtime, features: &[String]) -> Option<String> {
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
pub(crate) fn vendored_dependencies(features: &[String]) -> Vec<String> {
    let manifest = Manifest::read(MANIFEST);
    let wanted: Vec<&str> = features.iter().flat_map(|f| manifest.feature(f)).collect();
    let mut lines: Vec<String> = manifest
        .dependencies
        .iter()
        .filter(|d| !d.optional || wanted.contains(&d.name))
        .map(|d| format!("{} = {}", d.name, d.requirement))
        .collect();
    // What only the fake or a TLS backend needs stays optional: the
    // crate's feature of that name turns it on.
    if features.iter().any(|f| f == "client") {
        lines.extend(passed_through_dependencies().iter().map(|d| {
            let requirement = match d.requirement.strip_prefix('{') {
                Some(table) => format!("{{ optional = true,{table}"),
                None => format!("{{ version = {}, optional = true }}", d.requirement),
            };
            format!("{} = {requirement}", d.name)
        }));
        lines.sort();
    }
    lines
}

/// `(file name, source)` of each file of a vendored runtime with `features`
/// on: `mod.rs` (the crate root with its gates evaluated), then the module
/// files it declares.
pub(crate) fn vendored_files(features: &[String]) -> Vec<(String, String)> {
    let mod_rs = evaluate_gates(LIB, features);
    let declared: Vec<String> = mod_rs
        .lines()
        .filter_map(|line| line.strip_prefix("mod "))
        .map(|name| format!("{}.rs", name.trim_end_matches(';')))
        .collect();
    std::iter::once(("mod.rs".to_owned(), mod_rs))
        .chain(
            MODULES
                .iter()
                .filter(|(name, _)| declared.iter().any(|d| d == name))
                .map(|(name, source)| ((*name).to_owned(), vendored_source(source))),
        )
        .collect()
}

/// `source` (the runtime's `lib.rs`, formatted by rustfmt) without the
/// items gated on a feature not in `features`, and without the gates of
/// the others. A gate is a line `#[cfg(feature = "x")]`; the item it gates
/// runs to the first line that ends with `;` (the root holds only `mod`
/// and `use` items, a test keeps it so). Lines are removed whole, so the
/// text stays as rustfmt writes it: the copy is formatted like the crate.
fn evaluate_gates(source: &str, features: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let Some(feature) = gated_feature(line) else {
            out.push(line);
            continue;
        };
        // The fake's gates stay in a crate with a client: its own `fake`
        // feature decides.
        let kept = feature == FAKE && features.iter().any(|f| f == "client");
        if kept {
            out.push(line);
        }
        let enabled = kept || features.iter().any(|f| f == feature);
        for item_line in lines.by_ref() {
            if enabled {
                out.push(item_line);
            }
            if item_line.trim_end().ends_with(';') {
                break;
            }
        }
    }
    // A blank line left by a removed item beside another, or at the start
    // or end of a block, goes too.
    let mut text = String::with_capacity(source.len());
    for (i, line) in out.iter().enumerate() {
        let blank = line.trim().is_empty();
        let after_blank_or_open =
            i > 0 && (out[i - 1].trim().is_empty() || out[i - 1].ends_with('{'));
        let before_close = out.get(i + 1).is_some_and(|next| next.trim() == "}");
        if blank && (after_blank_or_open || before_close) {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// `x` of a line `#[cfg(feature = "x")]`.
fn gated_feature(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("#[cfg(feature = \"")?
        .strip_suffix("\")]")
}

/// A module file as a vendored copy has it: an exported macro's `$crate`
/// is then the including crate, whose `runtime` module the sources are,
/// and where the exported macros themselves stay.
fn vendored_source(source: &str) -> String {
    let mut vendored = source.replace("$crate::", "$crate::runtime::");
    for line in source.lines() {
        if let Some(name) = line.trim().strip_prefix("macro_rules! ") {
            let name = name.trim_end_matches(" {");
            vendored = vendored.replace(
                &format!("$crate::runtime::{name}!"),
                &format!("$crate::{name}!"),
            );
        }
    }
    vendored
}

/// The parts of the runtime's manifest that generation reads.
struct Manifest<'a> {
    dependencies: Vec<Dependency<'a>>,
    /// Each feature and what it turns on, as written.
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
                "[features]" => manifest.features.push((name, entries(value))),
                _ => {}
            }
        }
        manifest
    }

    /// The optional dependencies `feature` turns on.
    fn feature(&self, feature: &str) -> Vec<&'a str> {
        self.feature_entries(feature)
            .into_iter()
            .filter_map(|entry| entry.strip_prefix("dep:"))
            .collect()
    }

    /// Everything `feature` turns on: `dep:x`, `x/y`, other features.
    fn feature_entries(&self, feature: &str) -> Vec<&'a str> {
        self.features
            .iter()
            .find(|(name, _)| *name == feature)
            .map(|(_, entries)| entries.clone())
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

/// `dep:a`, `b/c` of `["dep:a", "b/c"]`.
fn entries(list: &str) -> Vec<&str> {
    list.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|item| item.trim().trim_matches('"'))
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textual evaluation of the gates holds for the runtime's root: every
    /// gated item ends at its first line ending with `;` (a `mod` or `use`).
    #[test]
    fn every_gate_of_the_root_gates_one_mod_or_use_item() {
        let mut lines = LIB.lines();
        while let Some(line) = lines.next() {
            if gated_feature(line).is_some() {
                let item = lines.next().unwrap().trim_start();
                assert!(
                    item.starts_with("mod ")
                        || item.starts_with("pub use ")
                        || item.starts_with("pub mod "),
                    "{item}"
                );
                assert!(
                    !item.starts_with("pub mod "),
                    "a gated inline module: {item}"
                );
            }
        }
        let all = ["client", "chrono", "uuid"].map(str::to_owned);
        let full = evaluate_gates(LIB, &all);
        let kept: Vec<&str> = full.lines().filter(|l| l.contains("cfg(feature")).collect();
        assert!(
            kept.iter()
                .all(|l| l.trim() == "#[cfg(feature = \"fake\")]"),
            "{kept:?}"
        );
        assert_eq!(
            full.lines().filter(|l| l.starts_with("mod ")).count(),
            MODULES.len()
        );
        let types_only = evaluate_gates(LIB, &[]);
        assert_eq!(
            types_only
                .lines()
                .filter(|l| l.starts_with("mod "))
                .collect::<Vec<_>>(),
            [
                "mod base64_text;",
                "mod formats;",
                "mod object;",
                "mod values;"
            ]
        );
        assert!(!types_only.contains("\n\n\n"));
    }

    /// The runtime's `serde_object!` gates one-way impls on the feature
    /// generated manifests declare.
    #[test]
    fn the_object_macro_gates_on_the_both_ways_feature() {
        let (_, object) = MODULES
            .iter()
            .find(|(file, _)| *file == "object.rs")
            .expect("the object module");
        let gate = format!(
            "#[cfg(feature = \"{}\")]",
            crate::name::reserved::SERDE_BOTH_WAYS
        );
        assert_eq!(object.matches(&gate).count(), 2, "{gate}");
    }

    #[test]
    fn every_feature_passed_through_is_a_reserved_crate_feature() {
        let manifest = Manifest::read(MANIFEST);
        for feature in passed_through() {
            assert!(
                crate::name::reserved::CRATE_FEATURES.contains(&feature),
                "{feature} is a crate feature a tag could claim"
            );
            assert!(
                !manifest.feature_entries(feature).is_empty(),
                "{feature} is no feature of the runtime"
            );
        }
    }
}
