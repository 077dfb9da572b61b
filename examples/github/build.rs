//! Generates a GitHub client from GitHub's own spec into `OUT_DIR`: the
//! operations the six tasks of `src/lib.rs` call, and every type they
//! reach. The spec is `specs/third-party/github.json`, GitHub's spec
//! trimmed to those operations (and one more) by `cargo xtask vendor-specs`.

use std::path::{Path, PathBuf};

use generator::{CrateOptions, Runtime, SpecSource, Subset};

/// The operations the tasks call, by operationId.
const OPERATIONS: &[&str] =
    &["repos/get", "issues/create", "issues/list-for-repo", "repos/get-release-asset"];

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/third-party/github.json");
    let spec = SpecSource::read(&path, "specs/third-party/github.json")
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    // With the fake's typed replies, behind this crate's `fake` feature,
    // which its tests turn on (see Cargo.toml).
    let options = CrateOptions::default()
        .with_fake(true)
        .with_runtime(Runtime::Version("0.1".to_owned()))
        .with_subset(Subset::all().with_operations(OPERATIONS.iter().copied()));
    if let Err(failure) = generator::build_script(&options, &[spec], &out_dir) {
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
