//! `cargo xtask bench [--peers] [--compile] [--compile-runs N]
//! [--runtime-crate] [--runs N] [SPEC...]`: how fast
//! the release CLI generates real specs, against the floor (what any
//! generator of this output must do, `generator/examples/floor.rs`) and,
//! with `--peers`, against progenitor and openapi-generator run on the same
//! specs in alternation; with `--compile`, how long each generated crate
//! takes to `cargo check` and how much memory that needs (each crate
//! checked `--compile-runs` times, 2 by default, the crates alternating),
//! as ratios to openapi-generator's crate, and our crate's lines per
//! operation.
//!
//! Every figure is of a process as a user runs it: wall time, CPU time and
//! peak resident memory from `wait4` (which counts the children a process
//! waited for: `rustc` under `cargo`, `java` under `openapi-generator-cli`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The specs measured without arguments: the hand-written ones, relative
/// to the workspace root...
const DEFAULT_SPECS: &[&str] = &["specs/finbourne-identity.yaml", "specs/miro.yaml"];

/// ...and these, relative to the corpus.
const DEFAULT_CORPUS_SPECS: &[&str] = &[
    "tokens/finbourne-identity.json",
    "tokens/miro-platform.json",
    "openapi-3.0/oxide.json",
    "openapi-3.0/progenitor-nexus.json",
    "openapi-3.0/asana.yaml",
    "openapi-3.0/github.json",
];

const USAGE: &str = "usage: cargo xtask bench [--peers] [--compile] [--compile-runs N] \
                     [--runtime-crate] [--runs N] [SPEC...]";

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Tool {
    Ours,
    Progenitor,
    OpenApiGenerator,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
            Tool::OpenApiGenerator => "openapi-generator",
        }
    }

    /// Installs the peer if it is missing: from crates.io and PyPI.
    fn install(self) -> Result<(), String> {
        let (probe, install): (&[&str], &[&str]) = match self {
            Tool::Ours => return Ok(()),
            Tool::Progenitor => (
                &["cargo", "progenitor", "--help"],
                &["cargo", "install", "cargo-progenitor", "--locked"],
            ),
            Tool::OpenApiGenerator => (
                &["openapi-generator-cli", "version"],
                &["pip", "install", "openapi-generator-cli"],
            ),
        };
        let quiet = |args: &[&str]| {
            Command::new(args[0])
                .args(&args[1..])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if quiet(probe) {
            return Ok(());
        }
        eprintln!("installing {}: {}", self.name(), install.join(" "));
        if quiet(install) && quiet(probe) {
            Ok(())
        } else {
            Err(format!("`{}` failed", install.join(" ")))
        }
    }

    /// The command generating a crate for `spec` in `out`; `ours` are our
    /// CLI's further arguments.
    fn command(
        self,
        cli: &Path,
        spec: &Path,
        (out, package): (&Path, &str),
        ours: &[String],
    ) -> Command {
        match self {
            Tool::Ours => {
                let mut command = Command::new(cli);
                command
                    .arg(spec)
                    .arg("--out")
                    .arg(out)
                    .args(["--name", package, "--timings"])
                    .args(ours);
                command
            }
            Tool::Progenitor => {
                let mut command = Command::new("cargo");
                command
                    .args(["progenitor", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    .args(["-n", package, "-v", "0.1.0"]);
                command
            }
            Tool::OpenApiGenerator => {
                let mut command = Command::new("openapi-generator-cli");
                command
                    .args(["generate", "-g", "rust", "--skip-validate-spec", "-i"])
                    .arg(spec)
                    .arg("-o")
                    .arg(out)
                    .arg(format!(
                        "--additional-properties=packageName={}",
                        package.replace('-', "_")
                    ));
                command
            }
        }
    }
}

/// One process, measured.
#[derive(Clone, Debug)]
struct Run {
    ok: bool,
    wall: f64,
    cpu: f64,
    peak_mib: f64,
    /// What it printed on stderr.
    log: String,
}

/// Runs `command` to its end with stdout discarded and stderr kept,
/// measuring it with `wait4`.
fn measure(mut command: Command, log: &Path) -> Result<Run, String> {
    let file = fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let start = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(file)
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, valid when zeroed; `wait4` fills it and
    // `status` for the child spawned above, which nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Run {
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports kibibytes.
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
        log: fs::read_to_string(log).unwrap_or_default(),
    })
}

struct Options {
    peers: bool,
    compile: bool,
    /// How many times each crate is checked, the crates alternating.
    compile_runs: usize,
    runs: usize,
    specs: Vec<PathBuf>,
    /// Our CLI's further arguments: `--runtime-crate` depends on the
    /// runtime crate instead of vendoring it, so `--compile` checks the
    /// API modules alone (dependencies are built first, not counted).
    ours: Vec<String>,
}

fn parse_args(args: &[&str]) -> Result<Options, String> {
    let mut options = Options {
        peers: false,
        compile: false,
        compile_runs: 2,
        runs: 5,
        specs: Vec::new(),
        ours: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--peers" => options.peers = true,
            "--compile" => options.compile = true,
            "--runtime-crate" => {
                let runtime = crate::root().join("generator/runtime");
                options.ours = vec!["--runtime-path".to_owned(), runtime.display().to_string()];
            }
            "--runs" | "--compile-runs" => {
                let n = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(USAGE)?;
                if *arg == "--runs" {
                    options.runs = n;
                } else {
                    options.compile_runs = n;
                }
            }
            flag if flag.starts_with('-') => return Err(USAGE.to_owned()),
            spec => options.specs.push(PathBuf::from(spec)),
        }
    }
    if options.specs.is_empty() {
        let root = crate::root();
        let corpus = crate::corpus_dir::corpus_dir(&root)?;
        options.specs = DEFAULT_SPECS.iter().map(|s| root.join(s)).collect();
        options
            .specs
            .extend(DEFAULT_CORPUS_SPECS.iter().map(|s| corpus.join(s)));
    }
    Ok(options)
}

/// A spec's short name, e.g. `tokens/miro-platform.json`.
fn label(spec: &Path) -> String {
    let parent = spec
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{parent}/{file}")
}

/// A package name for a spec's crate, e.g. `bench-tokens-miro-platform-json`.
fn package(label: &str) -> String {
    let name: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("bench-{name}")
}

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let options = parse_args(args)?;
    let root = crate::root();
    let scratch = root.join("target/bench");
    fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    build_release(&root)?;
    let cli = root.join("target/release/openapi-client-gen");
    let floor = root.join("target/release/examples/floor");

    let mut tools = vec![Tool::Ours];
    let mut missing: BTreeMap<Tool, String> = BTreeMap::new();
    if options.peers {
        for peer in [Tool::Progenitor, Tool::OpenApiGenerator] {
            match peer.install() {
                Ok(()) => tools.push(peer),
                Err(why) => {
                    missing.insert(peer, why);
                }
            }
        }
    }

    println!("{}", machine());
    println!(
        "generation: {} runs of each tool per spec, alternating; times in seconds, memory in MiB\n",
        options.runs
    );
    let mut results: Vec<SpecResult> = Vec::new();
    for spec in &options.specs {
        let label = label(spec);
        let package = package(&label);
        let mut runs: BTreeMap<Tool, Vec<Run>> = BTreeMap::new();
        let mut floor_runs = Vec::new();
        for _ in 0..options.runs {
            for &tool in &tools {
                let out = scratch.join(tool.name()).join(&package);
                let _ = fs::remove_dir_all(&out);
                fs::create_dir_all(out.parent().unwrap_or(&scratch)).map_err(|e| e.to_string())?;
                let log = scratch.join(format!("{}-{package}.log", tool.name()));
                let run = measure(
                    tool.command(&cli, spec, (&out, &package), &options.ours),
                    &log,
                )?;
                runs.entry(tool).or_default().push(run);
                if tool == Tool::Ours {
                    let mut command = Command::new(&floor);
                    command.arg(spec).arg(&out);
                    let log = scratch.join(format!("floor-{package}.log"));
                    floor_runs.push(measure(command, &log)?);
                }
            }
        }
        if floor_runs.iter().any(|r| !r.ok) {
            let log = floor_runs.iter().find(|r| !r.ok).map(|r| r.log.clone());
            return Err(format!(
                "the floor failed on {}: {}",
                spec.display(),
                log.unwrap_or_default()
            ));
        }
        results.push(SpecResult {
            label,
            package,
            runs,
            floor: min_median(floor_runs.iter().map(|r| r.wall).collect()),
            operations: operations(spec),
        });
        eprintln!("measured {}", spec.display());
    }
    print_generation(&results);
    if options.peers {
        print_peers(&results, &tools, &missing);
    }
    if options.compile {
        println!(
            "\ncompile: crate-only `cargo check` (dependencies built first, not counted), \
             {} runs of each crate, alternating: min (and each run's) seconds, min peak MiB\n",
            options.compile_runs
        );
        compile_all(&scratch, &root, &results, &tools, options.compile_runs)?;
    }
    Ok(())
}

/// Builds what is measured: the release CLI and the floor.
fn build_release(root: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "generator",
            "--bin",
            "openapi-client-gen",
            "--example",
            "floor",
        ])
        .current_dir(root)
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("the release build failed".to_owned())
    }
}

/// What the numbers were measured on.
fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let kib: f64 = info
                .lines()
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{:.0} GiB", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("machine: {cpu}, {cores} cores, {memory}; {rustc}")
}

/// What checking one crate gave: its runs, or the run that failed, or
/// dependencies that did not build.
#[derive(Clone)]
enum Checked {
    Runs(Vec<Run>),
    Failed(Run),
    NoDependencies,
}

struct SpecResult {
    label: String,
    package: String,
    runs: BTreeMap<Tool, Vec<Run>>,
    /// Min and median seconds of the floor.
    floor: (f64, f64),
    /// The spec's operations, as the library counts them.
    operations: Option<usize>,
}

/// How many operations `spec` has, from the library (`None` if it does
/// not generate).
fn operations(spec: &Path) -> Option<usize> {
    let source = generator::SpecSource::read(spec, spec.display().to_string()).ok()?;
    let package = generator::Package::new("bench", "0.0.0");
    generator::generate_crate(&package, &generator::CrateOptions::default(), &[source])
        .ok()
        .map(|generated| generated.operations)
}

/// Lines of the API modules a default build of our crate in `dir`
/// compiles: every module file but the fake's, without the runtime.
fn module_lines(dir: &Path) -> usize {
    let Ok(modules) = fs::read_dir(dir.join("src")) else {
        return 0;
    };
    modules
        .flatten()
        .filter(|entry| entry.path().is_dir() && entry.file_name() != "runtime")
        .map(|module| source_lines(&module.path()))
        .sum()
}

/// Lines of the Rust files under `dir`, its subdirectories (a module's
/// `types/`) too, but for the fake's.
fn source_lines(dir: &Path) -> usize {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_name() != "fake.rs")
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                source_lines(&path)
            } else {
                fs::read_to_string(&path).map_or(0, |text| text.lines().count())
            }
        })
        .sum()
}

impl SpecResult {
    fn ok_runs(&self, tool: Tool) -> Vec<&Run> {
        self.runs
            .get(&tool)
            .map(|runs| runs.iter().filter(|r| r.ok).collect())
            .unwrap_or_default()
    }

    /// Whether every run of `tool` succeeded.
    fn succeeded(&self, tool: Tool) -> bool {
        self.runs
            .get(&tool)
            .is_some_and(|runs| !runs.is_empty() && runs.iter().all(|r| r.ok))
    }
}

/// `(min, median)` of `values`.
fn min_median(mut values: Vec<f64>) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    values.sort_by(f64::total_cmp);
    (values[0], values[values.len() / 2])
}

/// The stage times `--timings` printed, by stage.
fn stages(log: &str) -> Vec<(String, f64)> {
    let Some(line) = log.lines().find_map(|l| l.strip_prefix("timings: ")) else {
        return Vec::new();
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .chunks(2)
        .filter_map(|pair| Some((pair.first()?.to_string(), pair.get(1)?.parse().ok()?)))
        .collect()
}

const STAGES: &[&str] = &["parse", "model", "emit", "format", "write"];

fn print_generation(results: &[SpecResult]) {
    println!(
        "| spec | min | median | CPU | peak MiB | {} | floor min | min / floor |",
        STAGES.join(" | ")
    );
    println!(
        "|---|---:|---:|---:|---:|{}---:|---:|",
        "---:|".repeat(STAGES.len())
    );
    for result in results {
        let runs = result.ok_runs(Tool::Ours);
        if !result.succeeded(Tool::Ours) {
            println!("| {} | failed |", result.label);
            continue;
        }
        let (min, median) = min_median(runs.iter().map(|r| r.wall).collect());
        let (_, cpu) = min_median(runs.iter().map(|r| r.cpu).collect());
        let (_, peak) = min_median(runs.iter().map(|r| r.peak_mib).collect());
        let stage_medians: Vec<String> = STAGES
            .iter()
            .map(|stage| {
                let times: Vec<f64> = runs
                    .iter()
                    .filter_map(|r| {
                        stages(&r.log)
                            .into_iter()
                            .find(|(name, _)| name == stage)
                            .map(|(_, t)| t)
                    })
                    .collect();
                format!("{:.3}", min_median(times).1)
            })
            .collect();
        println!(
            "| {} | {min:.3} | {median:.3} | {cpu:.3} | {peak:.0} | {} | {:.3} | {:.2}x |",
            result.label,
            stage_medians.join(" | "),
            result.floor.0,
            min / result.floor.0
        );
    }
    println!(
        "\n(stages: medians of what `--timings` printed; the rest of a run is process start and exit)"
    );
}

fn print_peers(results: &[SpecResult], tools: &[Tool], missing: &BTreeMap<Tool, String>) {
    println!("\npeers: median wall seconds (CPU seconds, peak MiB); ratio = ours / peer\n");
    let peers: Vec<Tool> = [Tool::Progenitor, Tool::OpenApiGenerator].into();
    println!(
        "| spec | ours | {} |",
        peers
            .iter()
            .map(|p| format!("{0} | ours / {0}", p.name()))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---:|{}", "---:|---:|".repeat(peers.len()));
    for result in results {
        let cell = |tool: Tool| -> Option<(f64, String)> {
            if !result.succeeded(tool) {
                return None;
            }
            let runs = result.ok_runs(tool);
            let (_, wall) = min_median(runs.iter().map(|r| r.wall).collect());
            let (_, cpu) = min_median(runs.iter().map(|r| r.cpu).collect());
            let (_, peak) = min_median(runs.iter().map(|r| r.peak_mib).collect());
            Some((wall, format!("{wall:.3} ({cpu:.3}, {peak:.0})")))
        };
        let ours = cell(Tool::Ours);
        let mut row = format!(
            "| {} | {} |",
            result.label,
            ours.as_ref()
                .map_or("failed".to_owned(), |(_, text)| text.clone())
        );
        for &peer in &peers {
            let text = if !tools.contains(&peer) {
                let why = missing.get(&peer).map_or("not run", String::as_str);
                format!(" not installed: {why} | - |")
            } else {
                match (cell(peer), &ours) {
                    (Some((wall, text)), Some((ours, _))) => {
                        format!(" {text} | {:.3}x |", ours / wall)
                    }
                    (Some((_, text)), None) => format!(" {text} | - |"),
                    (None, _) => format!(" failed: {} | - |", first_error(result, peer)),
                }
            };
            row.push_str(&text);
        }
        println!("{row}");
    }
}

/// The first line of a failed run's stderr that says what went wrong.
fn first_error(result: &SpecResult, tool: Tool) -> String {
    let log = result
        .runs
        .get(&tool)
        .and_then(|runs| runs.iter().find(|r| !r.ok))
        .map(|r| r.log.as_str())
        .unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    let found = lines.iter().position(|l| {
        let lower = l.to_ascii_lowercase();
        lower.contains("error") || lower.contains("exception") || lower.contains("panicked")
    });
    let line = match found {
        // A panic's message is on the line after the one naming the place.
        Some(at) if lines[at].contains("panicked") => {
            lines.get(at + 1).copied().unwrap_or(lines[at])
        }
        Some(at) => lines[at],
        None => lines.last().copied().unwrap_or("no output"),
    };
    line.chars().take(100).collect::<String>().replace('|', "/")
}

/// A crate checked for the compile table: which tool, which features.
struct Check {
    tool: Tool,
    what: String,
    features: Vec<String>,
}

fn compile_all(
    scratch: &Path,
    root: &Path,
    results: &[SpecResult],
    tools: &[Tool],
    rounds: usize,
) -> Result<(), String> {
    println!(
        "| spec | crate | features | check s | CPU s | peak MiB | s / openapi-generator | MiB / openapi-generator | lines / operation |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|");
    for result in results {
        let mut checks = Vec::new();
        for &tool in tools {
            if !result.succeeded(tool) {
                continue;
            }
            checks.push(Check {
                tool,
                what: tool.name().to_owned(),
                features: Vec::new(),
            });
            if tool == Tool::Ours
                && let Some((_, tag)) =
                    crate::tags::tag_features_by_size(&scratch.join("ours").join(&result.package))
                        .into_iter()
                        .next()
            {
                checks.push(Check {
                    tool,
                    what: "ours".to_owned(),
                    features: vec![
                        "--no-default-features".to_owned(),
                        "--features".to_owned(),
                        tag,
                    ],
                });
            }
        }
        // Each crate's runs, the crates alternating: a machine whose speed
        // drifts moves them all alike.
        let mut checked: Vec<Checked> = vec![Checked::Runs(Vec::new()); checks.len()];
        for _ in 0..rounds {
            for (check, checked) in checks.iter().zip(&mut checked) {
                let Checked::Runs(runs) = checked else {
                    continue;
                };
                let dir = scratch.join(check.tool.name()).join(&result.package);
                let target = scratch.join(format!("{}-target", check.tool.name()));
                match cargo_check(root, &dir, &target, &check.features)? {
                    Some(run) if run.ok => runs.push(run),
                    Some(run) => *checked = Checked::Failed(run),
                    None => *checked = Checked::NoDependencies,
                }
            }
        }
        let best = |checked: &Checked| -> Option<(f64, f64, f64)> {
            let Checked::Runs(runs) = checked else {
                return None;
            };
            let min = |f: fn(&Run) -> f64| runs.iter().map(f).fold(f64::INFINITY, f64::min);
            (!runs.is_empty()).then(|| (min(|r| r.wall), min(|r| r.cpu), min(|r| r.peak_mib)))
        };
        let baseline = checks
            .iter()
            .position(|c| c.tool == Tool::OpenApiGenerator)
            .and_then(|i| best(&checked[i]));
        for (i, check) in checks.iter().enumerate() {
            let features = match check.features.last() {
                Some(tag) => format!("`{tag}` only"),
                None => "all".to_owned(),
            };
            match (&checked[i], best(&checked[i])) {
                (Checked::Runs(runs), Some((wall, cpu, peak))) => {
                    let ratio = |ours: f64, theirs: Option<f64>| {
                        theirs.map_or("-".to_owned(), |t| format!("{:.3}", ours / t))
                    };
                    let each: Vec<String> = runs.iter().map(|r| format!("{:.1}", r.wall)).collect();
                    let lines = match (check.tool, check.features.is_empty(), result.operations) {
                        (Tool::Ours, true, Some(operations)) if operations > 0 => {
                            let dir = scratch.join("ours").join(&result.package);
                            format!("{:.0}", module_lines(&dir) as f64 / operations as f64)
                        }
                        _ => "-".to_owned(),
                    };
                    println!(
                        "| {} | {} | {features} | {wall:.1} ({}) | {cpu:.1} | {peak:.0} | {} | {} | {lines} |",
                        result.label,
                        check.what,
                        each.join(", "),
                        ratio(wall, baseline.map(|b| b.0)),
                        ratio(peak, baseline.map(|b| b.2)),
                    );
                }
                (Checked::Failed(run), _) => {
                    let error = run
                        .log
                        .lines()
                        .find(|l| l.starts_with("error"))
                        .unwrap_or("failed");
                    println!(
                        "| {} | {} | {features} | failed: {} | | | | | |",
                        result.label,
                        check.what,
                        error.chars().take(80).collect::<String>().replace('|', "/")
                    );
                }
                _ => println!(
                    "| {} | {} | {features} | dependencies failed to build | | | | | |",
                    result.label, check.what
                ),
            }
        }
        eprintln!("checked {}", result.label);
    }
    Ok(())
}

/// `cargo check`s the crate in `dir` alone: its dependencies are built
/// first, with an empty `lib.rs` in place of its own (not measured), then
/// the crate itself is checked with `features`. `None` if the dependencies
/// do not build.
fn cargo_check(
    root: &Path,
    dir: &Path,
    target: &Path,
    features: &[String],
) -> Result<Option<Run>, String> {
    let manifest = dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    // Its own workspace, not this repository's.
    if !text.contains("[workspace]") {
        fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    if !dir.join("Cargo.lock").exists() && text.contains("@generated by `openapi-client-gen`") {
        // The versions this workspace is tested with.
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    }
    let lib = dir.join("src/lib.rs");
    let source = fs::read_to_string(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let check = |log: &str| -> Result<Run, String> {
        let mut command = Command::new(&cargo);
        command
            .args(["check", "--message-format=short"])
            .args(features)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            // The crate checked from scratch, as a clean build does: the
            // incremental cache of the dependencies' run would otherwise
            // serve some of its queries.
            .env("CARGO_INCREMENTAL", "0");
        measure(command, &dir.join(log))
    };
    fs::write(&lib, "").map_err(|e| e.to_string())?;
    let dependencies = check("bench-dependencies.log");
    fs::write(&lib, &source).map_err(|e| e.to_string())?;
    if !dependencies?.ok {
        return Ok(None);
    }
    check("bench-check.log").map(Some)
}
