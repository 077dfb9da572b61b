//! Any bytes as a spec: generation ends in a crate or in located
//! diagnostics, never in a panic, a hang (libFuzzer's `-timeout`) or a
//! memory blow-up (`-rss_limit_mb`). The spec has no folder, so no file is
//! ever read.

#![no_main]

use generator::{CrateOptions, Package, SpecSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let spec = SpecSource::from_text("fuzz.yaml", "fuzz", String::from_utf8_lossy(data).into_owned());
    let package = Package::new("fuzz", "0.1.0");
    let _ = generator::generate_crate(&package, &CrateOptions::default(), &[spec]);
});
