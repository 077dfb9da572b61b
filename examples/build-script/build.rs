//! Generates the Miro client from `specs/miro.yaml` into `OUT_DIR` on every
//! build where a spec file changed; `src/lib.rs` includes it.

use std::path::{Path, PathBuf};

use generator::{CrateOptions, Runtime, SpecSource};

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/miro.yaml");
    let spec = SpecSource::read(&path, "specs/miro.yaml").expect("the spec is readable");
    // The crate depends on `openapi-client-runtime` itself (see
    // Cargo.toml), so the generated code uses it rather than a copy; the
    // version named here is not read, as no manifest is written.
    let options = CrateOptions::default().with_runtime(Runtime::Version("0.1".to_owned()));
    // Diagnostics are printed as cargo warnings; an error fails the build.
    if let Err(failure) = generator::build_script(&options, &[spec], &out_dir) {
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
