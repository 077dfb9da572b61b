//! Repository tasks, run as `cargo xtask <task>`.
//!
//! - `codegen`: regenerates `generated-client/` from `specs/`.
//! - `codegen --check`: fails, writing nothing, if `generated-client/` is stale.
//! - `corpus [PATH...]`: generates and `cargo check`s a client for every spec
//!   in the given files or directories (default: the shared corpus).

mod corpus;

use std::process::ExitCode;

use generator::workspace::{self, CODEGEN_COMMAND};
use generator::write::{self, Mode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen(Mode::Write),
        ["codegen", "--check"] => codegen(Mode::Check),
        ["corpus", paths @ ..] => corpus::run(paths),
        _ => Err("usage: cargo xtask codegen [--check] | cargo xtask corpus [PATH...]".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Generates the client in memory, then writes it or compares it: one path
/// for both, so a local run and CI cannot disagree.
fn codegen(mode: Mode) -> Result<(), String> {
    let root = workspace::root();
    let specs =
        workspace::read_specs(&root, "specs").map_err(|e| format!("cannot read specs/: {e}"))?;
    let generated = generator::generate_crate(&workspace::client_options(), &specs)
        .map_err(|e| e.to_string())?;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    let dir = root.join(workspace::CLIENT_DIR);
    let changes =
        write::sync(&dir, &generated.files, mode).map_err(|e| format!("{}: {e}", dir.display()))?;
    for line in changes.report(std::path::Path::new(workspace::CLIENT_DIR), mode) {
        eprintln!("{line}");
    }
    if mode == Mode::Check && !changes.is_empty() {
        return Err(format!(
            "{} is out of date with specs/: run `{CODEGEN_COMMAND}` and commit the result",
            workspace::CLIENT_DIR
        ));
    }
    if changes.is_empty() {
        eprintln!("{} is up to date", workspace::CLIENT_DIR);
    }
    Ok(())
}
