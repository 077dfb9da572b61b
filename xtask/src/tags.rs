//! The tag features of a crate generated on disk, for the checks that build
//! it with one tag alone (`corpus`, `bench`).

use std::path::Path;

/// The crate's tag features, each with how many methods it gates alone,
/// most first (ties by name); empty for a crate without tag features.
pub(crate) fn tag_features_by_size(dir: &Path) -> Vec<(usize, String)> {
    let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
        return Vec::new();
    };
    let mut modules = String::new();
    for entry in std::fs::read_dir(dir.join("src"))
        .into_iter()
        .flatten()
        .flatten()
    {
        modules.push_str(&std::fs::read_to_string(entry.path().join("mod.rs")).unwrap_or_default());
    }
    // A tag's feature enables nothing else (`"repos" = []`); a module's
    // feature of a spec without tags looks the same but gates no method.
    let mut tags: Vec<(usize, String)> = manifest
        .lines()
        .filter_map(|l| l.strip_suffix(" = []"))
        .map(|name| {
            let name = name.trim_matches('"').to_owned();
            let gated = modules
                .matches(&format!("#[cfg(feature = \"{name}\")]"))
                .count();
            (gated, name)
        })
        .filter(|(gated, _)| *gated > 0)
        .collect();
    tags.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    tags
}
