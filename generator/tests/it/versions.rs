//! Real specs of every version the generator reads, vendored in
//! `specs/third-party/` (Swagger 2.0, OpenAPI 3.0 and 3.1): each generates
//! a crate with its module and no error. (The whole corpus, multi-file
//! specs included, and `cargo check` of the result, are `cargo xtask
//! corpus`'s.)

use generator::{CrateOptions, SpecSource, generate_crate};

use crate::common::{package, workspace_root};

#[test]
fn every_version_of_real_specs_generates() {
    let folder = workspace_root().join("specs/third-party");
    let specs = SpecSource::read_dir(&folder, "specs/third-party").unwrap();
    let mut versions = std::collections::BTreeSet::new();
    for spec in &specs {
        let tree = spec.json_tree().unwrap();
        let version = tree["openapi"].as_str().or(tree["swagger"].as_str());
        versions.insert(version.unwrap()[..3].to_owned());
        let generated = generate_crate(
            &package("versions"),
            &CrateOptions::default(),
            std::slice::from_ref(spec),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", spec.label));
        let module = format!("src/{}/mod.rs", spec.module.replace(['-', '.'], "_"));
        assert!(
            generated
                .files
                .keys()
                .any(|f| f.to_string_lossy() == module),
            "{}: no {module}",
            spec.label
        );
    }
    assert_eq!(
        versions.into_iter().collect::<Vec<_>>(),
        ["2.0", "3.0", "3.1"]
    );
}
