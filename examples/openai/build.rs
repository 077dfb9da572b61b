//! Generates an OpenAI client from OpenAI's own spec into `OUT_DIR`: the
//! transcription the task of `src/lib.rs` calls, and every type it
//! reaches. The spec is `specs/third-party/openai.json`, OpenAI's spec
//! trimmed to a few operations by `cargo xtask vendor-specs`.

use std::path::{Path, PathBuf};

use generator::{CrateOptions, Runtime, SpecSource, Subset};

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/third-party/openai.json");
    let spec = SpecSource::read(&path, "specs/third-party/openai.json")
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let options = CrateOptions::default()
        .with_runtime(Runtime::Version("0.1".to_owned()))
        .with_subset(Subset::all().with_operations(["createTranscription"]));
    if let Err(failure) = generator::build_script(&options, &[spec], &out_dir) {
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
