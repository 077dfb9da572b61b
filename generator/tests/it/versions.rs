//! Specs of every version the generator reads, from the shared corpus:
//! Swagger 2.0, OpenAPI 3.1, and multi-file specs (each folder's root file
//! is named in its `ROOT`). Each generates a crate with no error. (The
//! largest, and `cargo check` of the result, are `cargo xtask corpus`'s.)

use std::path::PathBuf;

use generator::{SpecSource, generate_crate};

use crate::common::{options, workspace_root};

/// Specs over this size are left to the corpus run (debug builds are slow).
const MAX_BYTES: u64 = 1_000_000;

fn corpus_specs() -> Vec<PathBuf> {
    let corpus = workspace_root().join("../shared/corpus");
    let mut specs = Vec::new();
    for dir in ["openapi-3.1", "swagger-2.0"] {
        specs.extend(
            generator::spec_files_in(&corpus.join(dir))
                .expect("the shared corpus is beside the repository"),
        );
    }
    for entry in std::fs::read_dir(corpus.join("multi-file")).unwrap() {
        let folder = entry.unwrap().path();
        let root = std::fs::read_to_string(folder.join("ROOT")).unwrap();
        specs.push(folder.join(root.trim()));
    }
    specs
        .into_iter()
        .filter(|p| p.metadata().unwrap().len() <= MAX_BYTES)
        .collect()
}

#[test]
fn every_version_and_multi_file_specs_generate() {
    let specs = corpus_specs();
    assert!(
        specs.len() >= 6,
        "expected the corpus's 2.0, 3.1 and multi-file specs: {specs:?}"
    );
    for path in specs {
        let spec = SpecSource::read(&path, path.display().to_string()).unwrap();
        assert!(!spec.module.is_empty());
        let generated = generate_crate(&options("versions"), &[spec])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let module = format!("src/{}/mod.rs", spec_module(&path));
        assert!(
            generated
                .files
                .keys()
                .any(|f| f.to_string_lossy() == module),
            "{}: no {module}",
            path.display()
        );
    }
}

/// The module a spec file becomes: its file name without the extension,
/// in snake case.
fn spec_module(path: &std::path::Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    stem.replace(['-', '.'], "_").to_lowercase()
}
