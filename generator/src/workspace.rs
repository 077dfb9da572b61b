//! This repository's own layout: where the specs are and how the checked-in
//! client is generated. Shared by `cargo xtask codegen` and the snapshot
//! tests, so they cannot disagree.

use std::io;
use std::path::{Path, PathBuf};

use crate::{CrateOptions, SpecSource};

/// The command that regenerates the checked-in client.
pub const CODEGEN_COMMAND: &str = "cargo xtask codegen";

/// The workspace root (the parent of the `generator` crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf)
}

/// Where the generated client lives, relative to the root.
pub const CLIENT_DIR: &str = "generated-client";

/// How the checked-in client crate is named and stamped.
pub fn client_options() -> CrateOptions {
    CrateOptions {
        name: "generated-client".to_owned(),
        version: "0.1.0".to_owned(),
        generated_by: CODEGEN_COMMAND.to_owned(),
    }
}

/// The `.yaml`, `.yml` and `.json` specs in `root/dir`, sorted by name, each
/// labelled by its path relative to `root`.
pub fn read_specs(root: &Path, dir: &str) -> io::Result<Vec<SpecSource>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            SpecSource::read(path, format!("{dir}/{name}"))
        })
        .collect()
}
