//! The fixture specs generate a standalone crate that passes `cargo fmt
//! --check`, `cargo clippy -D warnings` and the behaviour tests in
//! `fixture-tests/`.
//! Snapshots show what is emitted; this proves it compiles and works over
//! HTTP. The crate shares the workspace's target directory and lock file, so
//! dependencies are not built twice.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::write::{self, Mode};
use generator::{CrateOptions, workspace};

const GENERATED_BY: &str = "cargo test --test fixtures_compile";

/// Test-only additions to the generated manifest.
const MANIFEST_EXTRA: &str = r#"
# Its own workspace, not a stray member of ours.
[workspace]

[dev-dependencies]
bytes = "1"
reqwest = { version = "0.13", default-features = false, features = ["multipart"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt"] }
wiremock = "0.6"
"#;

#[test]
fn fixture_crate_compiles_cleanly_and_behaves() {
    let root = workspace::root();
    let specs = workspace::read_specs(&root, "generator/tests/fixtures").unwrap();
    let options = CrateOptions {
        name: "fixture-client".into(),
        version: "0.0.0".into(),
        generated_by: GENERATED_BY.into(),
    };
    let mut files = generator::generate_crate(&options, &specs)
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    files
        .get_mut(Path::new("Cargo.toml"))
        .unwrap()
        .push_str(MANIFEST_EXTRA);
    for test in std::fs::read_dir(root.join("generator/tests/fixture-tests")).unwrap() {
        let test = test.unwrap().path();
        let source = std::fs::read_to_string(&test).unwrap();
        // The header lets `write::sync` own (and later remove) the copy.
        let text = generator::format::header("//", GENERATED_BY, Some(&test.display().to_string()))
            + &source;
        files.insert(PathBuf::from("tests").join(test.file_name().unwrap()), text);
    }
    let target = root.join("target");
    let dir = target.join("fixture-client");
    write::sync(&dir, &files, Mode::Write).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    cargo(
        &dir,
        &target,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&dir, &target, &["test", "--quiet"]);
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
