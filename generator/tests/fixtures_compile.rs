//! The fixture specs generate a standalone crate that passes
//! `cargo clippy -D warnings`. Snapshots show what is emitted; this proves it
//! compiles. The crate shares the workspace's target directory and lock file,
//! so dependencies are not built twice.

use std::path::Path;
use std::process::Command;

use generator::write::{self, Mode};
use generator::{CrateOptions, workspace};

#[test]
fn fixture_crate_compiles_without_warnings() {
    let root = workspace::root();
    let specs = workspace::read_specs(&root, "generator/tests/fixtures").unwrap();
    let options = CrateOptions {
        name: "fixture-client".into(),
        version: "0.0.0".into(),
        generated_by: "cargo test --test fixtures_compile".into(),
    };
    let generated = generator::generate_crate(&options, &specs).unwrap_or_else(|e| panic!("{e}"));
    let target = root.join("target");
    let dir = target.join("fixture-client");
    write::sync(&dir, &generated.files, Mode::Write).unwrap();
    // Empty [workspace]: the crate is its own workspace, not a stray member
    // of ours. Same lock file: same dependency versions.
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, text + "\n[workspace]\n").unwrap();
    }
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    clippy(&dir, &target);
}

fn clippy(dir: &Path, target: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "fixture crate in {} does not compile cleanly:\n{stderr}",
        dir.display()
    );
}
