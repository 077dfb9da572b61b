//! Where the corpus of real public specs is: the folder `$OPENAPI_CORPUS`
//! names, or `../shared/corpus` beside the workspace. The corpus-wide
//! commands (`corpus`, `examples`, `bench`, `vendor-specs`) read it; nothing
//! `cargo test` runs does. The generator's divan benchmarks include this
//! file too, so the rule is written once.

use std::path::{Path, PathBuf};

/// The environment variable that names the corpus folder.
pub(crate) const CORPUS_VARIABLE: &str = "OPENAPI_CORPUS";

/// The corpus folder, or a one-line message saying it is absent and what to
/// pass instead. `root` is the workspace root.
pub(crate) fn corpus_dir(root: &Path) -> Result<PathBuf, String> {
    let dir = match std::env::var_os(CORPUS_VARIABLE) {
        Some(dir) => PathBuf::from(dir),
        None => root.join("../shared/corpus"),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "no spec corpus at {}: set {CORPUS_VARIABLE} to the corpus folder, or name the specs to use as arguments",
            dir.display()
        ))
    }
}
