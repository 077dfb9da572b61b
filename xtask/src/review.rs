//! `cargo xtask review [--base REV]`: what the spec changes since REV
//! (default `HEAD`, so uncommitted edits are reviewed) do to each golden
//! crate: the library's review of every spec at REV against the working
//! tree, the generated files that change, and the version to give the crate.
//!
//! The repository reviewed is the one the command runs in (`git rev-parse
//! --show-toplevel`), so the command works in any checkout with the same
//! layout.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{CrateOptions, SpecSource};

use crate::{GOLDENS, Golden};

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let base = match args {
        [] => "HEAD",
        ["--base", rev] => rev,
        _ => return Err("usage: cargo xtask review [--base REV]".to_owned()),
    };
    let root = PathBuf::from(git(Path::new("."), &["rev-parse", "--show-toplevel"])?.trim());
    let scratch = std::env::temp_dir().join(format!("xtask-review-{}", std::process::id()));
    let result = review_all(&root, base, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    print!("{}", result?);
    Ok(())
}

fn review_all(root: &Path, base: &str, scratch: &Path) -> Result<String, String> {
    let mut out = String::new();
    for golden in GOLDENS {
        let old_specs = specs_at(root, base, golden.specs, scratch)?;
        let new_dir = root.join(golden.specs);
        let new_specs = if new_dir.is_dir() {
            SpecSource::read_dir(&new_dir, golden.specs)
                .map_err(|e| format!("cannot read {}/: {e}", golden.specs))?
        } else {
            Vec::new()
        };
        if old_specs.is_empty() && new_specs.is_empty() {
            continue;
        }
        let review = generator::review::review(&old_specs, &new_specs, &CrateOptions::default())
            .map_err(|e| e.to_string())?;
        out.push_str(&format!("# `{}` since `{base}`\n\n", golden.dir));
        out.push_str(&review.to_markdown());
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(&generated_changes(root, base, golden, &new_specs)?);
        out.push_str(&version_advice(root, base, golden, review.semver())?);
        out.push('\n');
    }
    Ok(out)
}

/// The specs of `dir` at `rev`, copied out with the files they refer to
/// (so `$ref`s between files resolve), labelled `REV:dir/name`.
fn specs_at(root: &Path, rev: &str, dir: &str, scratch: &Path) -> Result<Vec<SpecSource>, String> {
    let listing = git(root, &["ls-tree", "-r", "--name-only", rev, "--", dir])?;
    let copy = scratch.join(rev.replace(['/', ':', '~', '^'], "_"));
    for path in listing.lines() {
        let text = git(root, &["show", &format!("{rev}:{path}")])?;
        let target = copy.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&target, text).map_err(|e| e.to_string())?;
    }
    let folder = copy.join(dir);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    SpecSource::read_dir(&folder, &format!("{rev}:{dir}"))
        .map_err(|e| format!("cannot read {dir}/ at {rev}: {e}"))
}

/// The files of the golden crate that regenerating changes, against the
/// crate committed at `rev`.
fn generated_changes(
    root: &Path,
    rev: &str,
    golden: &Golden,
    specs: &[SpecSource],
) -> Result<String, String> {
    let generated =
        generator::generate_crate(&crate::package(golden), &crate::options(golden), specs)
            .map_err(|e| e.to_string())?;
    let committed: BTreeSet<String> = git(
        root,
        &["ls-tree", "-r", "--name-only", rev, "--", golden.dir],
    )?
    .lines()
    .map(str::to_owned)
    .collect();
    let mut lines: BTreeMap<String, &str> = BTreeMap::new();
    for (path, text) in &generated.files {
        let path = format!("{}/{}", golden.dir, path.display());
        if !committed.contains(&path) {
            lines.insert(path, "added");
        } else if git(root, &["show", &format!("{rev}:{path}")])? != *text {
            lines.insert(path, "changed");
        }
    }
    let generated_paths: BTreeSet<String> = generated
        .files
        .keys()
        .map(|p| format!("{}/{}", golden.dir, p.display()))
        .collect();
    for path in committed.difference(&generated_paths) {
        let text = git(root, &["show", &format!("{rev}:{path}")])?;
        if generator::is_generated(text.as_bytes()) {
            lines.insert(path.clone(), "removed");
        }
    }
    let mut out = String::from("### Generated files\n\n");
    if lines.is_empty() {
        out.push_str(&format!("No file of `{}` changes.\n", golden.dir));
    }
    for (path, what) in &lines {
        out.push_str(&format!("- {what}: `{path}`\n"));
    }
    let stale = generator::sync(
        &root.join(golden.dir),
        &generated.files,
        generator::Mode::Check,
    )
    .map(|changes| !changes.is_empty())
    .unwrap_or(true);
    if stale {
        out.push_str(&format!(
            "\nThe working tree's `{}` is stale: run `{}`.\n",
            golden.dir,
            crate::CODEGEN_COMMAND
        ));
    }
    out.push('\n');
    Ok(out)
}

/// The version the crate had at `rev` and the one the change needs.
fn version_advice(
    root: &Path,
    rev: &str,
    golden: &Golden,
    impact: generator::review::RustImpact,
) -> Result<String, String> {
    let manifest =
        git(root, &["show", &format!("{rev}:{}/Cargo.toml", golden.dir)]).unwrap_or_default();
    let committed = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(golden.version);
    let (next, why) = generator::review::next_version(committed, impact)?;
    let mut out = format!(
        "### Version\n\n`{}` {committed} → **{next}**: {why}.",
        golden.dir
    );
    if numbers(golden.version) >= numbers(&next) && golden.version != committed {
        out.push_str(&format!(
            " `xtask/src/main.rs` has {} already.",
            golden.version
        ));
    } else if next != committed {
        out.push_str(&format!(
            " Set `version: \"{next}\"` of `{}` in `xtask/src/main.rs` and run `{}`.",
            golden.dir,
            crate::CODEGEN_COMMAND
        ));
    }
    out.push('\n');
    Ok(out)
}

/// `1.2.3` as numbers, to compare versions.
fn numbers(version: &str) -> Vec<u64> {
    version
        .split(['-', '+'])
        .next()
        .unwrap_or_default()
        .split('.')
        .map(|n| n.parse().unwrap_or(0))
        .collect()
}

/// Runs git in `dir`; its stdout, or its stderr as the error.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
