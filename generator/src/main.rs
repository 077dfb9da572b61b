//! `openapi-client-gen`: generates a standalone client crate from OpenAPI
//! specs of every version (Swagger 2.0, OpenAPI 3.0 to 3.2), and reviews a
//! change to a spec (`openapi-client-gen diff OLD NEW`). The same library
//! path as `cargo xtask codegen` and `cargo xtask review`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command, value_parser};
use generator::{CrateOptions, Formats, Mode, Package, PagingRule, Runtime, SpecSource, Subset};

fn command() -> Command {
    Command::new("openapi-client-gen")
        .about("Generates a typed async Rust client crate from OpenAPI 3.0, 3.1 and 3.2 and Swagger 2.0 specs (YAML or JSON, one file or many).")
        .long_about(
            "Generates a typed async Rust client crate from OpenAPI 3.0, 3.1 and 3.2 and Swagger 2.0 specs (YAML or JSON, one file or many): \
             one module per spec, named after its file, each behind a cargo feature of the same name.\n\n\
             The crate is built in memory first: if any spec has an error, every problem is reported \
             with its location and nothing is written. Only files carrying the generator's header are \
             ever overwritten or removed.",
        )
        .args_conflicts_with_subcommands(true)
        .subcommand_negates_reqs(true)
        .subcommand(diff_command())
        .subcommand(lint_command())
        .args(crate_args())
        .arg(allow_outside_refs_arg())
        .arg(formats_arg())
        .args(selection_args())
        .args(runtime_args())
        .args([
            flag("timings", "Print how long each stage took (parse, model, emit, format, write), in seconds"),
            flag("force", "Generate into a non-empty directory that holds no generated files (files the generator did not write are still never overwritten)"),
            flag("check", "Write nothing; fail if the output directory differs from what would be generated"),
        ])
}

/// A switch, off unless given.
fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .action(ArgAction::SetTrue)
        .help(help)
}

/// The specs, and the crate made of them: where, called what.
fn crate_args() -> [Arg; 4] {
    [
        Arg::new("specs")
            .value_name("SPEC")
            .help("Spec files (.yaml, .yml or .json); a spec may refer to other files in its folder")
            .required(true)
            .num_args(1..)
            .value_parser(value_parser!(PathBuf)),
        Arg::new("out")
            .short('o')
            .long("out")
            .value_name("DIR")
            .help("Directory of the generated crate (created if missing)")
            .required(true)
            .value_parser(value_parser!(PathBuf)),
        Arg::new("name")
            .long("name")
            .value_name("CRATE")
            .help("Package name of the generated crate [default: the output directory's name, in lower case]"),
        Arg::new("crate-version")
            .long("crate-version")
            .value_name("SEMVER")
            .default_value("0.1.0")
            .help("Package version of the generated crate (the spec's info.version is not used: it is often not semver)"),
    ]
}

/// What the crate holds: which operations, which features by default,
/// types only, lenient responses, the fake's generated values.
fn selection_args() -> [Arg; 8] {
    [
        Arg::new("tags")
            .long("tags")
            .value_name("TAG,...")
            .value_delimiter(',')
            .help("Generate only the operations with one of these tags (and the types they use)"),
        Arg::new("operations")
            .long("operations")
            .value_name("OP,...")
            .value_delimiter(',')
            .help("Generate only these operations: operationIds, method names, or path globs such as '/repos/*' or 'GET /pets/{petId}' (with --tags, either keeps an operation)"),
        Arg::new("default-features")
            .long("default-features")
            .value_name("FEATURE,...")
            .help("The generated crate's default cargo features: 'full', modules' or tags' features; '' for none [default: full]"),
        flag("lenient-responses", "Read responses leniently: every required field of a type only read from responses is an Option, so a server that leaves one out or sends null still gives the rest, and a value of another type is read as what was plainly meant (a number written as a string, one object where a list belongs), else as absent, each counted by runtime::relaxed_values()"),
        flag("types-only", "Generate only the schemas' serde types, without the client (no reqwest or tokio dependency)"),
        Arg::new("type-name")
            .long("type-name")
            .value_name("GENERATED=NAME")
            .action(ArgAction::Append)
            .help("Name the type generated as GENERATED NAME instead (repeatable), e.g. to pin a merged inline type's name"),
        paginate_arg(),
        Arg::new("fake-seed")
            .long("fake-seed")
            .value_name("N")
            .value_parser(value_parser!(u64))
            .default_value("0")
            .help("Seed of the values the crate's fake (its `fake` feature) answers with where the spec gives no example; 0 gives plain ones"),
    ]
}

/// Where the generated crate's runtime comes from: vendored (the default)
/// or the `openapi-client-runtime` crate by path, git or version.
fn runtime_args() -> [Arg; 4] {
    [
        Arg::new("runtime-path")
            .long("runtime-path")
            .value_name("PATH")
            .conflicts_with_all(["runtime-git", "runtime-version"])
            .help("Depend on the openapi-client-runtime crate at PATH (relative to the output directory) instead of copying its sources into the crate"),
        Arg::new("runtime-git")
            .long("runtime-git")
            .value_name("URL")
            .conflicts_with("runtime-version")
            .help("Depend on the openapi-client-runtime crate in this git repository instead of copying its sources into the crate"),
        Arg::new("runtime-rev")
            .long("runtime-rev")
            .value_name("REV")
            .requires("runtime-git")
            .help("The commit, tag or branch of --runtime-git"),
        Arg::new("runtime-version")
            .long("runtime-version")
            .value_name("SEMVER")
            .help("Depend on this version of the openapi-client-runtime crate from the registry instead of copying its sources into the crate"),
    ]
    .map(|arg| arg.help_heading("Runtime"))
}

fn runtime(matches: &clap::ArgMatches) -> Runtime {
    let value = |name: &str| matches.get_one::<String>(name).cloned();
    if let Some(path) = value("runtime-path") {
        Runtime::Path(path)
    } else if let Some(url) = value("runtime-git") {
        Runtime::Git {
            url,
            rev: value("runtime-rev"),
        }
    } else if let Some(version) = value("runtime-version") {
        Runtime::Version(version)
    } else {
        Runtime::Vendored
    }
}

/// `--paginate`: which operations page and how, for generating and for
/// reviewing alike.
fn paginate_arg() -> Arg {
    Arg::new("paginate")
        .long("paginate")
        .value_name("OPS=STRATEGY")
        .action(ArgAction::Append)
        .value_parser(|rule: &str| rule.parse::<PagingRule>())
        .help("Page the operations OPS names (an operationId or a path glob, as for --operations) by STRATEGY, winning over vendor extensions and guesses (repeatable): link, next-link:PATH, cursor:PARAM=PATH, after-last:PARAM=KEY,PATH, offset:PARAM[,SIZE], page:PARAM[,SIZE], or none; add ;items=PROPERTY to name the list. PATHs are dotted: response_metadata.next_cursor")
}

/// The options with the `--paginate` rules given.
fn with_paging(mut options: CrateOptions, matches: &clap::ArgMatches) -> CrateOptions {
    for rule in matches
        .get_many::<PagingRule>("paginate")
        .into_iter()
        .flatten()
    {
        options = options.with_paging(rule.clone());
    }
    options
}

fn allow_outside_refs_arg() -> Arg {
    flag(
        "allow-outside-refs",
        "Follow $refs to files outside the folder of the spec that names them",
    )
}

fn formats_arg() -> Arg {
    Arg::new("formats")
        .long("formats")
        .value_name("HOW")
        .value_parser(["typed", "strings"])
        .default_value("typed")
        .help("`typed`: date-time, date and time as chrono types, uuid as uuid::Uuid, byte as base64-decoded bytes; `strings`: every string format as String")
}

/// A comma-separated option's values.
fn list(matches: &clap::ArgMatches, name: &str) -> Vec<String> {
    matches
        .get_many::<String>(name)
        .into_iter()
        .flatten()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn formats(matches: &clap::ArgMatches) -> Formats {
    match matches.get_one::<String>("formats").map(String::as_str) {
        Some("strings") => Formats::Strings,
        _ => Formats::Typed,
    }
}

fn diff_command() -> Command {
    Command::new("diff")
        .about("Reviews a change to a spec: what it does to code using the generated client (a SemVer verdict) and to deployed clients (a wire verdict).")
        .arg(
            Arg::new("old")
                .value_name("OLD")
                .help("The spec before the change")
                .required(true)
                .value_parser(value_parser!(PathBuf)),
        )
        .arg(
            Arg::new("new")
                .value_name("NEW")
                .help("The spec after the change")
                .required(true)
                .value_parser(value_parser!(PathBuf)),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["markdown", "json"])
                .default_value("markdown")
                .help("`markdown` for people, `json` for tools"),
        )
        .arg(
            Arg::new("fail-on")
                .long("fail-on")
                .value_name("LEVEL")
                .value_parser(["major", "breaking"])
                .help("Exit with status 1 if the change needs a major version (`major`) or breaks deployed clients (`breaking`)"),
        )
        .arg(allow_outside_refs_arg())
        .arg(formats_arg())
        .arg(paginate_arg())
}

/// `diff OLD NEW`: the report on stdout; problems on stderr with status 2,
/// so `--fail-on`'s status 1 always means the threshold was met.
fn run_diff(matches: &clap::ArgMatches) -> ExitCode {
    let old: &PathBuf = matches.get_one("old").expect("required by clap");
    let new: &PathBuf = matches.get_one("new").expect("required by clap");
    let read = |path: &PathBuf| {
        SpecSource::read(path, path.display().to_string())
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let sources = read(old).and_then(|mut old_spec| {
        let new_spec = read(new)?;
        // One spec on each side: the same module, whatever the file names.
        old_spec.module.clone_from(&new_spec.module);
        Ok((old_spec, new_spec))
    });
    let (old_spec, new_spec) = match sources {
        Ok(pair) => pair,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let options = CrateOptions::default()
        .with_outside_refs(matches.get_flag("allow-outside-refs"))
        .with_formats(formats(matches));
    let options = with_paging(options, matches);
    let review = match generator::review::review(&[old_spec], &[new_spec], &options) {
        Ok(review) => review,
        Err(failure) => {
            for diagnostic in &failure.diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == generator::Severity::Error)
                .count();
            eprintln!("cannot review: {errors} error(s)");
            return ExitCode::from(2);
        }
    };
    match matches.get_one::<String>("format").map(String::as_str) {
        Some("json") => print!("{}", review.to_json()),
        _ => print!("{}", review.to_markdown()),
    }
    let failed = match matches.get_one::<String>("fail-on").map(String::as_str) {
        Some("major") => review.semver() == generator::review::RustImpact::Major,
        Some("breaking") => review.wire() == generator::review::WireImpact::Breaking,
        _ => false,
    };
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn lint_command() -> Command {
    Command::new("lint")
        .about("Checks every example a spec gives (bodies, parameters, schemas, properties) against its schema with a JSON Schema validator: each that disagrees is a warning with its location and what disagrees, then a summary.")
        .arg(
            Arg::new("specs")
                .value_name("SPEC")
                .help("Spec files (.yaml, .yml or .json)")
                .required(true)
                .num_args(1..)
                .value_parser(value_parser!(PathBuf)),
        )
        .arg(allow_outside_refs_arg())
        .arg(formats_arg())
}

/// `lint SPEC...`: the warnings and a summary on stderr; status 1 if an
/// example disagrees with its schema, 2 if a spec cannot be read.
fn run_lint(matches: &clap::ArgMatches) -> ExitCode {
    let options = CrateOptions::default()
        .with_outside_refs(matches.get_flag("allow-outside-refs"))
        .with_formats(formats(matches));
    let mut disagree = 0;
    for path in matches.get_many::<PathBuf>("specs").into_iter().flatten() {
        let spec = match SpecSource::read(path, path.display().to_string()) {
            Ok(spec) => spec,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        let checked = match generator::check_examples(&options, &spec) {
            Ok(checked) => checked,
            Err(failure) => {
                eprintln!("{failure}");
                return ExitCode::from(2);
            }
        };
        for warning in &checked.warnings {
            eprintln!("{warning}");
        }
        let summary = generator::ExampleSummary::of(&checked.examples);
        disagree += summary.disagree();
        eprintln!("{}: {summary}", spec.label);
    }
    if disagree > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    match matches.subcommand() {
        Some(("diff", diff)) => return run_diff(diff),
        Some(("lint", lint)) => return run_lint(lint),
        _ => {}
    }
    let specs: Vec<&PathBuf> = matches.get_many("specs").into_iter().flatten().collect();
    let out: &PathBuf = matches.get_one("out").expect("required by clap");
    let mode = if matches.get_flag("check") {
        Mode::Check
    } else {
        Mode::Write
    };
    let name = matches
        .get_one::<String>("name")
        .cloned()
        .unwrap_or_else(|| default_name(out));
    let version = matches
        .get_one::<String>("crate-version")
        .cloned()
        .unwrap_or_default();
    let package = Package::new(name, version);
    let mut options = CrateOptions::default()
        .with_outside_refs(matches.get_flag("allow-outside-refs"))
        .with_formats(formats(&matches))
        .with_types_only(matches.get_flag("types-only"))
        .with_subset(
            Subset::all()
                .with_tags(list(&matches, "tags"))
                .with_operations(list(&matches, "operations")),
        )
        .with_lenient_responses(matches.get_flag("lenient-responses"))
        .with_fake_seed(matches.get_one::<u64>("fake-seed").copied().unwrap_or(0))
        .with_runtime(runtime(&matches));
    for pin in matches
        .get_many::<String>("type-name")
        .into_iter()
        .flatten()
    {
        let Some((generated, pinned)) = pin.split_once('=') else {
            eprintln!("error: --type-name takes GENERATED=NAME, not `{pin}`");
            return ExitCode::FAILURE;
        };
        options = options.with_type_name(generated.trim(), pinned.trim());
    }
    options = with_paging(options, &matches);
    if let Some(features) = matches.get_one::<String>("default-features") {
        options = options
            .with_default_features(features.split(',').map(str::trim).filter(|f| !f.is_empty()));
    }
    let flags = Flags {
        force: matches.get_flag("force"),
        timings: matches.get_flag("timings"),
    };
    match run(&specs, out, &package, &options, mode, flags) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The `generate` switches that are not crate options.
#[derive(Clone, Copy)]
struct Flags {
    force: bool,
    timings: bool,
}

fn run(
    specs: &[&PathBuf],
    out: &std::path::Path,
    package: &Package,
    options: &CrateOptions,
    mode: Mode,
    flags: Flags,
) -> Result<(), String> {
    if mode == Mode::Write && !flags.force && is_foreign_directory(out) {
        return Err(format!(
            "{} is not empty and holds no generated files: choose an empty or new directory, or pass --force",
            out.display()
        ));
    }
    let name = package.name();
    if !is_valid_package_name(name) {
        return Err(format!(
            "`{name}` is not a valid package name: use letters, digits, `-` and `_`"
        ));
    }
    let sources = specs
        .iter()
        .map(|path| {
            SpecSource::read(path, path.display().to_string())
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let generated =
        generator::generate_crate(package, options, &sources).map_err(|e| e.to_string())?;
    for diagnostic in generated.notes.iter().chain(&generated.warnings) {
        eprintln!("{diagnostic}");
    }
    let write_start = std::time::Instant::now();
    let changes = generator::sync(out, &generated.files, mode)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    if flags.timings {
        let t = generated.timings;
        eprintln!(
            "timings: parse {:.4} model {:.4} emit {:.4} format {:.4} write {:.4}",
            t.parse.as_secs_f64(),
            t.model.as_secs_f64(),
            t.emit.as_secs_f64(),
            t.format.as_secs_f64(),
            write_start.elapsed().as_secs_f64()
        );
    }
    for line in changes.report(out, mode) {
        eprintln!("{line}");
    }
    if mode == Mode::Check && !changes.is_empty() {
        return Err(format!("{} is out of date", out.display()));
    }
    Ok(())
}

/// A directory with entries, none of them files the generator wrote.
fn is_foreign_directory(dir: &std::path::Path) -> bool {
    let has_entries = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    has_entries && generator::generated_files(dir).is_ok_and(|files| files.is_empty())
}

/// The output directory's name, made a valid package name in lower case
/// (rustc warns about a crate name that is not snake case).
fn default_name(out: &std::path::Path) -> String {
    let raw = std::fs::canonicalize(out)
        .ok()
        .as_deref()
        .unwrap_or(out)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "openapi-client".to_owned()
    } else {
        name
    }
}

fn is_valid_package_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
}
