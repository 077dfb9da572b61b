//! Repository tasks, run as `cargo xtask <task>`.
//!
//! - `codegen`: regenerates the checked-in crates from their specs.
//! - `codegen --check`: fails, writing nothing, if one of them is stale.
//! - `corpus [PATH...]`: generates and `cargo check`s a client for every spec
//!   in the given files or directories (default: the shared corpus).
//! - `fuzz --seconds N`: runs the generator's libFuzzer target for N seconds.
//! - `review [--base REV]`: what the spec changes since REV (default `HEAD`)
//!   do to each golden crate and its users, and the version it needs.
//! - `bench [--peers] [--compile] [--runs N] [SPEC...]`: generation time and
//!   memory against the floor and the peers, and `cargo check` of the
//!   generated crates.
//! - `vendor-specs [--check]`: the real specs tests and examples need,
//!   copied or trimmed from the corpus into `specs/third-party/`.
//!
//! The corpus-wide tasks find the corpus as `corpus_dir` says:
//! `$OPENAPI_CORPUS`, or `../shared/corpus` beside the workspace.

mod bench;
mod corpus;
mod corpus_dir;
mod examples;
mod fuzz;
mod review;
mod tags;
mod vendor;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::{CrateOptions, Mode, Package, Runtime, SpecSource};

/// The command that regenerates the checked-in crates.
const CODEGEN_COMMAND: &str = "cargo xtask codegen";

/// The runtime crate, as the goldens (folders of the workspace root) reach it.
const RUNTIME_FROM_GOLDENS: &str = "../generator/runtime";

/// A checked-in crate and the specs it is generated from, both relative to
/// the workspace root. The crates are the goldens: review a change to the
/// generator or a spec as the diff of these files.
struct Golden {
    specs: &'static str,
    dir: &'static str,
    /// The crate's version: `cargo xtask review` says when to raise it.
    version: &'static str,
    /// The schemas' types only, without the client.
    types_only: bool,
    /// A copy of the runtime's sources rather than a path dependency on
    /// `generator/runtime`: one golden keeps that mode checked.
    vendored: bool,
}

const GOLDENS: &[Golden] = &[
    // The client of the two hand-written TokensApi specs.
    Golden {
        specs: "specs",
        dir: "generated-client",
        version: "0.3.0",
        types_only: false,
        vendored: false,
    },
    // One module per fixture spec, each covering an area of OpenAPI; its
    // HTTP tests are in generator/tests/it/fixture_client/.
    Golden {
        specs: "generator/tests/fixtures",
        dir: "fixture-client",
        version: "0.1.0",
        types_only: false,
        vendored: false,
    },
    // The same fixtures, types only, with the runtime vendored: compiled by
    // CI like the others.
    Golden {
        specs: "generator/tests/fixtures",
        dir: "fixture-types",
        version: "0.1.0",
        types_only: true,
        vendored: true,
    },
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen(Mode::Write),
        ["codegen", "--check"] => codegen(Mode::Check),
        ["corpus", paths @ ..] => corpus::run(paths),
        ["examples", rest @ ..] => examples::run(rest),
        ["fuzz", "--seconds", seconds] => fuzz::run(seconds),
        ["review", rest @ ..] => review::run(rest),
        ["bench", rest @ ..] => bench::run(rest),
        ["vendor-specs", rest @ ..] => vendor::run(rest),
        _ => Err(
            "usage: cargo xtask codegen [--check] | cargo xtask corpus [PATH...] | cargo xtask examples [--lenient] [--fake-seed N] [PATH...] | cargo xtask fuzz --seconds N | cargo xtask review [--base REV] | cargo xtask bench [--peers] [--compile] [--runtime-crate] [--runs N] [SPEC...] | cargo xtask vendor-specs [--check]"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of the `xtask` crate).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf)
}

/// The package a golden crate is.
fn package(golden: &Golden) -> Package {
    Package::new(golden.dir, golden.version).with_generated_by(CODEGEN_COMMAND)
}

/// How a golden crate is generated.
fn options(golden: &Golden) -> CrateOptions {
    let runtime = if golden.vendored {
        Runtime::Vendored
    } else {
        Runtime::Path(RUNTIME_FROM_GOLDENS.to_owned())
    };
    CrateOptions::default()
        .with_types_only(golden.types_only)
        .with_runtime(runtime)
}

/// Generates every golden crate in memory, then writes it or compares it:
/// one path for both, so a local run and CI cannot disagree.
fn codegen(mode: Mode) -> Result<(), String> {
    let root = root();
    let mut stale = Vec::new();
    for golden in GOLDENS {
        let specs = SpecSource::read_dir(&root.join(golden.specs), golden.specs)
            .map_err(|e| format!("cannot read {}/: {e}", golden.specs))?;
        let generated = generator::generate_crate(&package(golden), &options(golden), &specs)
            .map_err(|e| e.to_string())?;
        for diagnostic in generated.notes.iter().chain(&generated.warnings) {
            eprintln!("{diagnostic}");
        }
        let dir = root.join(golden.dir);
        let changes = generator::sync(&dir, &generated.files, mode)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        for line in changes.report(Path::new(golden.dir), mode) {
            eprintln!("{line}");
        }
        if changes.is_empty() {
            eprintln!("{} is up to date", golden.dir);
        } else {
            stale.push(golden.dir);
        }
    }
    if mode == Mode::Check && !stale.is_empty() {
        return Err(format!(
            "{} out of date with its specs: run `{CODEGEN_COMMAND}` and commit the result",
            stale.join(" and ")
        ));
    }
    Ok(())
}
