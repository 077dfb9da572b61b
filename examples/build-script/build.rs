//! Generates the Miro client from `specs/miro.yaml` into `OUT_DIR` on every
//! build where a spec file changed; `src/lib.rs` includes it.

use std::path::{Path, PathBuf};

use generator::{CrateOptions, SpecSource};

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/miro.yaml");
    let spec = SpecSource::read(&path, "specs/miro.yaml").expect("the spec is readable");
    let options = CrateOptions {
        name: "build-script-example".to_owned(),
        version: "0.1.0".to_owned(),
        generated_by: "examples/build-script/build.rs".to_owned(),
        allow_outside_refs: false,
        formats: Default::default(),
        types_only: false,
        subset: Default::default(),
        default_features: None,
        lenient_responses: false,
    };
    // Diagnostics are printed as cargo warnings; an error fails the build.
    if let Err(failure) = generator::build_script(&options, &[spec], &out_dir) {
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
