//! One snapshot of the emitted Rust per spec in `specs/` and per fixture, so
//! a spec change shows up in review as a readable diff of generated code.
//! Under `CI=true` a new or changed snapshot fails the test.

use std::path::Path;

use generator::workspace;

/// The module generated from the spec at `path`, labelled by its path in
/// the workspace as `cargo xtask codegen` labels it, so a spec's snapshot
/// reads exactly like the checked-in files.
fn module_source(path: &Path) -> String {
    let root = workspace::root().canonicalize().unwrap();
    let path = path.canonicalize().unwrap();
    let label = path
        .strip_prefix(&root)
        .unwrap_or(&path)
        .to_string_lossy()
        .into_owned();
    let spec = generator::SpecSource::read(&path, label).unwrap();
    generator::module_source(&workspace::client_options(), &spec).unwrap_or_else(|e| panic!("{e}"))
}

/// Snapshots `path`'s module as `{kind}@{file name}.snap`. (insta's own
/// suffix drops the file name when a glob matches one file.)
fn assert_module_snapshot(kind: &str, path: &Path) {
    let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
    insta::with_settings!({ snapshot_suffix => file_name }, {
        insta::assert_snapshot!(kind, module_source(path));
    });
}

#[test]
fn specs() {
    insta::glob!("../../specs", "*.yaml", |path| assert_module_snapshot(
        "spec", path
    ));
}

#[test]
fn fixtures() {
    insta::glob!("fixtures", "*.yaml", |path| assert_module_snapshot(
        "fixture", path
    ));
}
