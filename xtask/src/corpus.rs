//! `cargo xtask corpus [PATH...]`: generates a client for every spec in the
//! given files or directories into a scratch workspace, runs one
//! `cargo check` over all of them, then checks each crate with tag features
//! again with only its largest and with only its smallest tag's feature,
//! and prints a table: per spec, its operations, how many of them page and
//! where that came from, generation time, lines and what checking found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use generator::{CrateOptions, FormCounts, Mode, Package, PagingCounts, SpecSource};

/// What `cargo xtask corpus` reads without arguments, in the corpus.
const DEFAULT_PATHS: &[&str] = &[
    "tokens",
    "openapi-3.0",
    "openapi-3.1",
    "swagger-2.0",
    "multi-file",
];

struct Row {
    spec: String,
    package: String,
    operations: usize,
    /// How many operations page, by source.
    paging: PagingCounts,
    /// Form bodies, by how they are typed.
    forms: FormCounts,
    generation: Duration,
    lines: usize,
    /// A generation error, if generation failed.
    failure: Option<String>,
    warnings: usize,
    errors: usize,
    first_error: Option<String>,
    /// The tag features the crate was also checked with, one at a time.
    tags: Vec<String>,
}

impl Row {
    /// Counts what one `cargo check` found.
    fn add(&mut self, found: &Found) {
        self.warnings += found.warnings;
        self.errors += found.errors;
        if self.first_error.is_none() {
            self.first_error = found.first_error.clone();
        }
    }
}

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let root = crate::root();
    let specs = spec_files(&paths(&root, args)?)?;
    let scratch = root.join("target/corpus");
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for path in &specs {
        let row = generate(path, &scratch)?;
        if row.failure.is_none() {
            members.push(row.package.clone());
        }
        rows.push(row);
    }
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = {members:?}\n");
    std::fs::write(scratch.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // The dependency versions this workspace is tested with.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;

    let started = Instant::now();
    // One target directory for all generated crates, apart from this
    // workspace's so the two never wait for each other's lock.
    let target = scratch.join("target");
    let messages = cargo_check(&scratch, &target, &["--workspace"])?;
    let check_time = started.elapsed();
    for row in &mut rows {
        if let Some(found) = messages.get(&row.package) {
            row.add(found);
        }
    }
    // Each crate again with only its largest and its smallest tag's
    // feature: nothing a tag's operations use may be gated away.
    for row in rows.iter_mut().filter(|r| r.failure.is_none()) {
        let tags = crate::tags::tag_features_by_size(&scratch.join(&row.package));
        let picked: Vec<&String> = tags
            .first()
            .into_iter()
            .chain(tags.last())
            .map(|(_, t)| t)
            .collect();
        for tag in picked
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
        {
            let args = [
                "-p",
                &row.package,
                "--no-default-features",
                "--features",
                tag,
            ];
            if let Some(found) = cargo_check(&scratch, &target, &args)?.get(&row.package) {
                row.add(found);
            }
            row.tags.push(tag.clone());
        }
    }
    print_table(&rows, check_time);
    let compiled = rows
        .iter()
        .filter(|r| r.failure.is_none() && r.errors == 0 && r.warnings == 0)
        .count();
    println!("{compiled} of {} specs compile", rows.len());
    if compiled == rows.len() {
        Ok(())
    } else {
        Err("some specs did not generate or check cleanly".to_owned())
    }
}

/// The paths given, or the whole corpus without any (an error naming what
/// to pass if there is none).
pub(crate) fn paths(root: &Path, args: &[&str]) -> Result<Vec<PathBuf>, String> {
    if args.is_empty() {
        let corpus = crate::corpus_dir::corpus_dir(root)?;
        Ok(DEFAULT_PATHS.iter().map(|p| corpus.join(p)).collect())
    } else {
        Ok(args.iter().map(PathBuf::from).collect())
    }
}

/// Spec files among `paths`, directories expanded, sorted. A directory
/// with a `ROOT` file holds one spec split across files: the file `ROOT`
/// names. A directory of such directories gives each one's root.
pub(crate) fn spec_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            return Err(format!("{}: no such file or directory", path.display()));
        }
        if let Some(root) = multi_file_root(path) {
            files.push(root);
            continue;
        }
        let found =
            generator::spec_files_in(path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.extend(found);
        let mut folders: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        files.extend(folders.iter().filter_map(|folder| multi_file_root(folder)));
    }
    Ok(files)
}

/// The root spec of a multi-file folder, named by its `ROOT` file.
fn multi_file_root(folder: &Path) -> Option<PathBuf> {
    let name = std::fs::read_to_string(folder.join("ROOT")).ok()?;
    Some(folder.join(name.trim()))
}

fn generate(path: &Path, scratch: &Path) -> Result<Row, String> {
    let spec = SpecSource::read(path, path.display().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // Lower case: rustc warns about a crate name that is not snake case.
    let package = format!(
        "corpus-{}",
        spec.module
            .to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    // Vendored, the default: the mode a user who installs the generator
    // gets is the one the corpus compiles.
    let options = CrateOptions::default();
    let manifest = Package::new(&package, "0.0.0").with_generated_by("cargo xtask corpus");
    let started = Instant::now();
    let result = generator::generate_crate(&manifest, &options, std::slice::from_ref(&spec));
    let generation = started.elapsed();
    let mut row = Row {
        spec: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        package: package.clone(),
        operations: 0,
        paging: PagingCounts::default(),
        forms: FormCounts::default(),
        generation,
        lines: 0,
        failure: None,
        warnings: 0,
        errors: 0,
        first_error: None,
        tags: Vec::new(),
    };
    match result {
        Ok(generated) => {
            row.operations = generated.operations;
            row.paging = generated.paging;
            row.forms = generated.forms;
            row.warnings = 0;
            row.lines = generated
                .files
                .values()
                .map(|text| text.lines().count())
                .sum();
            generator::sync(&scratch.join(&package), &generated.files, Mode::Write)
                .map_err(|e| e.to_string())?;
        }
        Err(failure) => {
            let errors: Vec<_> = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == generator::Severity::Error)
                .collect();
            row.failure = Some(format!(
                "{} generation error(s), first: {}",
                errors.len(),
                errors.first().map(|d| d.to_string()).unwrap_or_default()
            ));
        }
    }
    Ok(row)
}

#[derive(Default)]
struct Found {
    warnings: usize,
    errors: usize,
    first_error: Option<String>,
}

/// Runs `cargo check` with `args` on the scratch workspace; compiler
/// messages by package.
fn cargo_check(
    scratch: &Path,
    target: &Path,
    args: &[&str],
) -> Result<BTreeMap<String, Found>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--keep-going", "--message-format=json"])
        .args(args)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let Some(package) = message["target"]["name"].as_str() else {
            continue;
        };
        let entry = found.entry(package.replace('_', "-")).or_default();
        match message["message"]["level"].as_str() {
            Some("warning") => entry.warnings += 1,
            Some("error") => {
                entry.errors += 1;
                if entry.first_error.is_none() {
                    let text = message["message"]["rendered"].as_str().unwrap_or_default();
                    entry.first_error = Some(text.lines().take(3).collect::<Vec<_>>().join(" | "));
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// `total (extension/rule/guess)`, or `0`.
fn paging_column(counts: PagingCounts) -> String {
    match counts.total() {
        0 => "0".to_owned(),
        total => format!(
            "{total} ({}/{}/{})",
            counts.extension, counts.rule, counts.guess
        ),
    }
}

/// `typed/by hand/urlencoded`, or blank.
fn forms_column(counts: FormCounts) -> String {
    if counts == FormCounts::default() {
        return String::new();
    }
    format!(
        "{}/{}/{}",
        counts.multipart_typed, counts.multipart_by_hand, counts.urlencoded
    )
}

fn print_table(rows: &[Row], check_time: Duration) {
    println!(
        "{:<36} {:>5} {:>22} {:>18} {:>9} {:>8}  {:<6} {:>5}  {:<36} first error",
        "spec",
        "ops",
        "paged (ext/rule/guess)",
        "forms (mp/raw/url)",
        "gen ms",
        "lines",
        "check",
        "warn",
        "also checked with one tag alone"
    );
    for row in rows {
        let check = match (&row.failure, row.errors) {
            (Some(_), _) => "no gen",
            (None, 0) => "ok",
            _ => "FAIL",
        };
        let first = row
            .failure
            .as_deref()
            .or(row.first_error.as_deref())
            .unwrap_or("");
        println!(
            "{:<36} {:>5} {:>22} {:>14} {:>9.1} {:>8}  {:<6} {:>5}  {:<36} {}",
            row.spec,
            row.operations,
            paging_column(row.paging),
            forms_column(row.forms),
            row.generation.as_secs_f64() * 1000.0,
            row.lines,
            check,
            row.warnings,
            row.tags.join(", "),
            first.chars().take(160).collect::<String>()
        );
    }
    println!(
        "cargo check of all generated crates (all features): {:.1} s",
        check_time.as_secs_f64()
    );
}
