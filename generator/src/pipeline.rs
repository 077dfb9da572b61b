//! The pipeline from spec texts to a generated crate in memory, stage by
//! stage (see the crate docs), timed, on threads with large stacks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics, Failure, Severity};
use crate::examples::{self, Example};
use crate::model::paging::PagingSource;
use crate::model::{self, Api};
use crate::options::CrateOptions;
use crate::source::SpecSource;
use crate::threads::{LARGE_STACK, on_large_stack};
use crate::write::{Mode, sync};
use crate::{emit, format, name, parse, runtime};

/// A generated crate, complete in memory.
#[derive(Debug)]
#[non_exhaustive]
pub struct Generated {
    /// File contents by path relative to the crate root.
    pub files: BTreeMap<PathBuf, String>,
    /// What the specs do that generation worked around, each located.
    pub warnings: Vec<Diagnostic>,
    /// What generation decided that the specs do not say (which
    /// operations page, and how), each located.
    pub notes: Vec<Diagnostic>,
    /// Operations generated, over all modules.
    pub operations: usize,
    /// How many of them page, by where that came from.
    pub paging: PagingCounts,
    /// Every file read: the specs and the files they refer to.
    pub inputs: Vec<PathBuf>,
    /// How long each stage took.
    pub timings: Timings,
}

/// How many operations page, by where their pagination came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagingCounts {
    /// A vendor extension of the spec (`x-dropshot-pagination`...).
    pub extension: usize,
    /// A rule of the options ([`CrateOptions::with_paging`]).
    pub rule: usize,
    /// A guess from the response's shape.
    pub guess: usize,
}

impl PagingCounts {
    /// How many operations page, whatever the source.
    pub fn total(&self) -> usize {
        self.extension + self.rule + self.guess
    }

    fn of(apis: &[Api]) -> Self {
        let mut counts = Self::default();
        let paginations = apis
            .iter()
            .flat_map(|api| &api.operations)
            .filter_map(|op| op.pagination.as_ref());
        for pagination in paginations {
            match pagination.source {
                PagingSource::Extension(_) => counts.extension += 1,
                PagingSource::Rule(_) => counts.rule += 1,
                PagingSource::Guess(_) => counts.guess += 1,
            }
        }
        counts
    }
}

/// How long each stage of a generation took (writing, which the caller
/// does with [`sync`], is not one of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timings {
    /// Spec text to the bundled, normalized `openapiv3` document.
    pub parse: Duration,
    /// The document to the checked model, subset and features included.
    pub model: Duration,
    /// The model to token streams and manifest text.
    pub emit: Duration,
    /// Token streams to formatted source (`syn` and `prettyplease`).
    pub format: Duration,
}

/// Runs `work`, adding the time it took to `slot`.
pub(crate) fn timed<T>(slot: &mut Duration, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = work();
    *slot += start.elapsed();
    out
}

/// Generates a whole crate (manifest, `lib.rs`, runtime, one module per
/// spec) in memory.
///
/// Generation runs on a thread of its own with a large stack: parsing,
/// modelling and formatting recurse as deeply as the spec nests (up to the
/// parsers' 128 levels), more than a caller's thread may have room for.
pub fn generate_crate(options: &CrateOptions, specs: &[SpecSource]) -> Result<Generated, Failure> {
    on_large_stack(|| generate_on_this_thread(options, specs, None))
}

/// Generates the client for a build script: the modules under `dir` (the
/// build's `OUT_DIR`), and `client.rs` for the crate root to `include!`,
/// which declares them by their paths in `dir`. There is no `Cargo.toml`:
/// the including crate depends on `openapi-client-runtime` itself (any
/// [`Runtime`](crate::Runtime) but `Vendored`: its default features cover every generated
/// module), or, with `Runtime::Vendored`, the runtime's sources are written
/// under `dir` too and the including crate depends on what they do.
/// [`build_script`] does it all from a `build.rs`.
pub fn generate_for_include(
    options: &CrateOptions,
    specs: &[SpecSource],
    dir: &Path,
) -> Result<Generated, Failure> {
    on_large_stack(|| generate_on_this_thread(options, specs, Some(dir)))
}

/// Everything a `build.rs` needs: generates into `out_dir` (see
/// [`generate_for_include`]), prints `cargo:rerun-if-changed` for every
/// spec and every file a spec refers to, and each warning as a
/// `cargo:warning`. On failure every diagnostic is printed as a
/// `cargo:warning` too, and the `Failure` is returned for the build script
/// to fail with.
pub fn build_script(
    options: &CrateOptions,
    specs: &[SpecSource],
    out_dir: &Path,
) -> Result<(), Failure> {
    let warn = |d: &Diagnostic| println!("cargo:warning={}", d.to_string().replace('\n', " "));
    for spec in specs {
        if let Some(path) = &spec.path {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let generated = match generate_for_include(options, specs, out_dir) {
        Ok(generated) => generated,
        Err(failure) => {
            failure.diagnostics.iter().for_each(warn);
            return Err(failure);
        }
    };
    for input in &generated.inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
    generated.warnings.iter().for_each(warn);
    sync(out_dir, &generated.files, Mode::Write)
        .map(|_| ())
        .map_err(|e| Failure::internal(format!("{}: {e}", out_dir.display())))
}

fn generate_on_this_thread(
    options: &CrateOptions,
    specs: &[SpecSource],
    include_in: Option<&Path>,
) -> Result<Generated, Failure> {
    let mut timings = Timings::default();
    let Built {
        mut apis,
        warnings,
        notes,
        inputs,
    } = build_apis(specs, options, &mut timings)?;
    // A crate of its own gates operations and types by tag; a build
    // script's including crate has features of its own, and a types-only
    // crate no operations.
    if include_in.is_none() && !options.types_only() {
        timed(&mut timings.model, || model::features::assign(&mut apis));
    }
    if include_in.is_none() {
        check_default_features(options, &apis, specs)?;
    }
    let mut files = BTreeMap::new();
    let rs_header = format::header("//", options.generated_by(), None);
    match include_in {
        None => {
            let toml_header = format::header("#", options.generated_by(), None);
            let manifest = timed(&mut timings.emit, || emit::cargo_toml(options, &apis));
            files.insert(PathBuf::from("Cargo.toml"), toml_header + &manifest);
            let lib = timed(&mut timings.emit, || emit::lib_rs(options, &apis));
            let lib = timed(&mut timings.format, || format::rust_file("src/lib.rs", lib))
                .map_err(Failure::internal)?;
            files.insert(PathBuf::from("src/lib.rs"), rs_header.clone() + &lib);
        }
        Some(dir) => {
            let client = timed(&mut timings.emit, || emit::include_rs(options, &apis, dir));
            let client = timed(&mut timings.format, || {
                format::rust_file("client.rs", client)
            })
            .map_err(Failure::internal)?;
            files.insert(PathBuf::from("client.rs"), rs_header.clone() + &client);
        }
    }
    if options.runtime().is_vendored() {
        let features = emit::runtime_features(options, &apis);
        for (name, source) in runtime::vendored_files(&features) {
            files.insert(
                PathBuf::from("src/runtime").join(name),
                rs_header.clone() + &source,
            );
        }
    }
    for (path, text) in module_files(&apis, options, &mut timings).map_err(Failure::internal)? {
        files.insert(PathBuf::from("src").join(path), text);
    }
    let operations = apis.iter().map(|a| a.operations.len()).sum();
    Ok(Generated {
        files,
        warnings,
        notes,
        operations,
        paging: PagingCounts::of(&apis),
        inputs,
        timings,
    })
}

/// Every default feature the options name must be one of the crate's.
fn check_default_features(
    options: &CrateOptions,
    apis: &[Api],
    specs: &[SpecSource],
) -> Result<(), Failure> {
    let known = emit::crate_features(apis);
    let diagnostics: Vec<Diagnostic> = options
        .default_features()
        .into_iter()
        .filter(|f| !known.contains(f))
        .map(|unknown| Diagnostic {
            severity: Severity::Error,
            file: specs.first().map(|s| s.label.clone()).unwrap_or_default(),
            pointer: "/tags".to_owned(),
            location: None,
            message: format!(
                "default feature `{unknown}` is not a feature of this crate; its features are {}",
                known
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect();
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(Failure { diagnostics })
    }
}

/// Emits and formats every module file, as many at once as there are cores.
/// A file's tokens are made and formatted on one thread (token streams
/// cannot cross threads); `timings` get the time summed over threads.
fn module_files(
    apis: &[Api],
    options: &CrateOptions,
    timings: &mut Timings,
) -> Result<Vec<(String, String)>, String> {
    let jobs: Vec<(&Api, emit::ModuleFile)> = apis
        .iter()
        .flat_map(|api| {
            emit::ModuleFile::all(api, options.types_only())
                .into_iter()
                .map(move |file| (api, file))
        })
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(api, file)) = jobs.get(index) else {
                break;
            };
            let mut spent = Timings::default();
            let path = file.path(api);
            let tokens = timed(&mut spent.emit, || file.emit(api));
            let text = timed(&mut spent.format, || format::rust_file(&path, tokens));
            done.push((index, path, text, spent));
        }
        done
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("openapi-client-gen-emit".to_owned())
                    .stack_size(LARGE_STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_by_key(|(index, ..)| *index);
    let mut files: Vec<(String, String)> = Vec::new();
    for (index, path, text, spent) in done {
        timings.emit += spent.emit;
        timings.format += spent.format;
        let text = text?;
        match files.last_mut() {
            Some((last, so_far)) if *last == path => format::append_part(so_far, &text),
            _ => {
                let header =
                    format::header("//", options.generated_by(), Some(&jobs[index].0.source));
                files.push((path, header + &text));
            }
        }
    }
    Ok(files
        .into_iter()
        .map(|(path, text)| (path, emit::drop_unused_runtime_alias(text)))
        .collect())
}

/// The examples of one spec, checked against their schemas.
#[derive(Debug)]
#[non_exhaustive]
pub struct SpecExamples {
    /// The module the spec becomes, as the generated crate names it (e.g.
    /// `finbourne_identity`): the Rust types of the examples are its.
    pub module: String,
    /// Every example, in the order the operations and types are met.
    pub examples: Vec<Example>,
    /// One warning per example that disagrees with its schema, located
    /// (modelling's own warnings are [`generate_crate`]'s).
    pub warnings: Vec<Diagnostic>,
}

/// Finds every example `spec` gives (request and response bodies with
/// `components/examples`, parameters, schemas and their properties),
/// checks each against its schema with a JSON Schema validator, and pairs
/// it with the Rust type the client generated with `options` decodes that
/// place with. A spec that does not generate fails as [`generate_crate`]
/// does.
pub fn check_examples(options: &CrateOptions, spec: &SpecSource) -> Result<SpecExamples, Failure> {
    on_large_stack(|| {
        let mut diagnostics = Diagnostics::new(&spec.label);
        let mut timings = Timings::default();
        let (document, api) = model_spec(
            spec,
            options.allows_outside_refs(),
            options.model_options(),
            &mut diagnostics,
            &mut timings,
        );
        let sources = texts(spec, document.as_ref());
        let (Some(document), Some(api)) = (&document, api) else {
            diagnostics.locate(&sources);
            return Err(Failure {
                diagnostics: diagnostics.into_vec(),
            });
        };
        let mut found = diagnostics.empty_like();
        let examples = examples::examples(document, &api, &mut found, &sources);
        found.locate(&sources);
        Ok(SpecExamples {
            module: api.module.clone(),
            examples,
            warnings: found.into_vec(),
        })
    })
}

/// Every spec modelled, with the warnings found and every file read.
struct Built {
    apis: Vec<Api>,
    warnings: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    inputs: Vec<PathBuf>,
}

/// Parses and models every spec, collecting all their diagnostics.
fn build_apis(
    specs: &[SpecSource],
    options: &CrateOptions,
    timings: &mut Timings,
) -> Result<Built, Failure> {
    let mut apis = Vec::new();
    let mut all = Vec::new();
    let mut inputs: Vec<PathBuf> = specs.iter().filter_map(|s| s.path.clone()).collect();
    let mut selected = std::collections::HashSet::new();
    let mut modules = BTreeMap::new();
    for spec in specs {
        let mut diagnostics = Diagnostics::new(&spec.label);
        if let Some(other) = modules.insert(name::snake(&spec.module), &spec.label) {
            diagnostics.error(
                &crate::pointer::Pointer::root(),
                format!(
                    "module `{}` would also come from `{other}`: rename one spec",
                    spec.module
                ),
            );
        }
        let (document, api) = model_spec(
            spec,
            options.allows_outside_refs(),
            options.model_options(),
            &mut diagnostics,
            timings,
        );
        if let Some(mut api) = api {
            timed(&mut timings.model, || {
                selected.extend(model::subset::apply(&mut api, options.subset()));
            });
            apis.push(api);
        }
        diagnostics.locate(&texts(spec, document.as_ref()));
        inputs.extend(document.iter().flat_map(|d| d.paths.iter().cloned()));
        all.extend(diagnostics.into_vec());
    }
    // A tag or operation that selects nothing is a typo to report, unless
    // a spec failed (its operations were never seen).
    if !all.iter().any(|d| d.severity == Severity::Error) {
        let wanted = [
            ("tag", options.subset().tags()),
            ("operation", options.subset().operations()),
        ];
        for (what, list) in wanted {
            for pattern in list.iter().filter(|p| !selected.contains(*p)) {
                all.push(Diagnostic {
                    severity: Severity::Error,
                    file: specs.first().map(|s| s.label.clone()).unwrap_or_default(),
                    pointer: "/paths".to_owned(),
                    location: None,
                    message: format!("{what} `{pattern}` selects no operation of these specs"),
                });
            }
        }
    }
    if all.iter().any(|d| d.severity == Severity::Error) {
        return Err(Failure { diagnostics: all });
    }
    inputs.sort();
    inputs.dedup();
    let (notes, warnings) = all.into_iter().partition(|d| d.severity == Severity::Note);
    Ok(Built {
        apis,
        warnings,
        notes,
        inputs,
    })
}

/// Parses and models one spec. The model is `None` if `diagnostics` holds
/// errors; the document is kept whenever there is one, to place them.
pub(crate) fn model_spec(
    spec: &SpecSource,
    allow_outside_refs: bool,
    model_options: model::ModelOptions,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
) -> (Option<parse::Document>, Option<Api>) {
    let document = timed(&mut timings.parse, || {
        parse::parse_spec(spec, allow_outside_refs, diagnostics)
    });
    let api = timed(&mut timings.model, || {
        document.as_ref().and_then(|doc| {
            model::build_api(doc, &spec.module, &spec.label, model_options, diagnostics)
        })
    })
    .filter(|_| !diagnostics.has_errors());
    (document, api)
}

/// Every text a spec's pointers may lead into, as `(label, text)`: the spec
/// and the files it refers to.
pub(crate) fn texts<'a>(
    spec: &'a SpecSource,
    document: Option<&'a parse::Document>,
) -> Vec<(&'a str, &'a str)> {
    let mut texts = vec![(spec.label.as_str(), spec.text.as_str())];
    for (label, text) in document.iter().flat_map(|doc| &doc.files) {
        texts.push((label, text));
    }
    texts
}
