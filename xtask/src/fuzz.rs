//! `cargo xtask fuzz --seconds N`: runs the libFuzzer target in `fuzz/` for
//! N seconds, seeded with the fixture, invalid and regression specs. Needs a nightly
//! toolchain and `cargo install cargo-fuzz`; a crash is saved under
//! `fuzz/artifacts/generate/` and fails the run.

use std::process::Command;

pub(crate) fn run(seconds: &str) -> Result<(), String> {
    let seconds: u64 = seconds
        .parse()
        .map_err(|_| format!("`{seconds}` is not a number of seconds"))?;
    let root = crate::root();
    // Without cargo-fuzz, `cargo fuzz` fails too: say so, not that the
    // fuzzer found something.
    let installed = Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        return Err(
            "`cargo +nightly fuzz` does not run: it needs a nightly toolchain \
             (rustup toolchain install nightly) and cargo-fuzz (cargo install cargo-fuzz)"
                .to_owned(),
        );
    }
    let corpus = root.join("target/fuzz-corpus/generate");
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let status = Command::new("cargo")
        .args(["+nightly", "fuzz", "run", "generate"])
        .arg(&corpus)
        .arg(root.join("generator/tests/fixtures"))
        .arg(root.join("generator/tests/invalid"))
        // Deep inputs the small seeds do not reach.
        .arg(root.join("generator/tests/regressions"))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        // A spec that takes this long is a hang; this much memory, a blow-up.
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("the fuzzer stopped on a failing input (see fuzz/artifacts/generate/) or an error above".to_owned())
    }
}
