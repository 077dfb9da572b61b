//! `cargo xtask examples [--lenient] [--fake-seed N] [PATH...]`: every example a spec gives
//! is a test. For each spec, the generator lists its examples with the
//! Rust type the client uses at each place and checks each against its
//! schema; a harness crate generated beside the client decodes every
//! example with that very type, encodes it back, and this compares the
//! two. A table per spec, then every failure with its `file:line:column`.
//!
//! The same harness asks the client's spec-backed fake for every
//! operation's answer (the spec's example, or a value generated from the
//! schema) and decodes it with the client's type: a second table says how
//! many operations it answers, and one it cannot answer fails the run.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use generator::{CrateOptions, Example, Mode, Package, Runtime, SpecSource};
use serde_json::Value;

/// What becomes of one example in the harness.
enum Outcome {
    /// Decoded, and written back equal (up to `null` versus absent and the
    /// spelling of numbers).
    RoundTripped,
    /// Decoded, but written back as something else.
    Changed(String),
    /// Not decoded: the decoder's message.
    Failed(String),
    /// The client does not read this place as JSON.
    NotDecoded,
}

struct SpecRun {
    label: String,
    examples: Vec<Example>,
    outcomes: Vec<Outcome>,
    /// Each operation's fake answer: its operationId, and why it failed.
    fakes: Vec<(String, Option<String>)>,
    /// Why the spec was not run, if it was not.
    failure: Option<String>,
}

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let lenient = args.contains(&"--lenient");
    // The seed of the fake's generated values (see `with_fake_seed`).
    let seed_at = args.iter().position(|a| *a == "--fake-seed");
    let seed = match seed_at.map(|at| args.get(at + 1).and_then(|n| n.parse::<u64>().ok())) {
        None => 0,
        Some(Some(seed)) => seed,
        Some(None) => return Err("--fake-seed takes a number".to_owned()),
    };
    let paths: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| **a != "--lenient" && seed_at.is_none_or(|at| *i != at && *i != at + 1))
        .map(|(_, a)| *a)
        .collect();
    let root = crate::root();
    let specs = crate::corpus::spec_files(&crate::corpus::paths(&root, &paths)?)?;
    let scratch = root.join("target/examples");
    let mut runs = Vec::new();
    let mut members = Vec::new();
    for (i, path) in specs.iter().enumerate() {
        let run = prepare(path, i, &scratch, (lenient, seed))?;
        if run.failure.is_none() {
            members.push(format!("client-{i}"));
            members.push(format!("harness-{i}"));
        }
        runs.push(run);
    }
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = {members:?}\n");
    std::fs::write(scratch.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;
    if !members.is_empty() {
        build(&scratch)?;
    }
    for (i, run) in runs.iter_mut().enumerate() {
        if run.failure.is_none() {
            let harness = scratch.join(format!("target/debug/harness-{i}"));
            run.outcomes = decode_all(&harness, &run.examples)?;
            run.fakes = fake_answers(&harness)?;
        }
    }
    report(&runs);
    report_fakes(&runs);
    let defects: usize = runs.iter().map(valid_but_not_decoded).sum();
    let unanswered: usize = runs
        .iter()
        .map(|r| r.fakes.iter().filter(|(_, e)| e.is_some()).count())
        .sum();
    match (defects, unanswered) {
        (0, 0) => Ok(()),
        (defects, 0) => Err(format!(
            "{defects} example(s) valid for their schema did not decode"
        )),
        (defects, unanswered) => Err(format!(
            "{defects} example(s) valid for their schema did not decode; \
             the fake has no answer the client decodes for {unanswered} operation(s)"
        )),
    }
}

/// Each operation's fake answer, from the harness run with `--fake`.
fn fake_answers(harness: &Path) -> Result<Vec<(String, Option<String>)>, String> {
    let output = Command::new(harness)
        .arg("--fake")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", harness.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let operation = parts.next()?.to_owned();
            match parts.next()? {
                "ok" => Some((operation, None)),
                _ => Some((operation, Some(parts.next().unwrap_or("").to_owned()))),
            }
        })
        .collect())
}

/// How many operations the fake answers, per spec, and those it cannot.
fn report_fakes(runs: &[SpecRun]) {
    println!("\n| spec | operations | the fake answers |");
    println!("|---|---:|---:|");
    for run in runs.iter().filter(|r| r.failure.is_none()) {
        let answered = run.fakes.iter().filter(|(_, e)| e.is_none()).count();
        println!("| {} | {} | {answered} |", run.label, run.fakes.len());
    }
    for run in runs {
        for (operation, error) in &run.fakes {
            if let Some(error) = error {
                let error: String = error.chars().take(300).collect();
                println!("NO FAKE ANSWER: {} `{operation}`: {error}", run.label);
            }
        }
    }
}

/// Lists a spec's examples and writes its client and harness crates.
fn prepare(
    path: &Path,
    i: usize,
    scratch: &Path,
    (lenient, seed): (bool, u64),
) -> Result<SpecRun, String> {
    let spec = SpecSource::read(path, path.display().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let client = format!("client-{i}");
    // One runtime build shared by every harness.
    let runtime = crate::root().join("generator/runtime");
    let package = Package::new(&client, "0.0.0").with_generated_by("cargo xtask examples");
    let options = CrateOptions::default()
        .with_lenient_responses(lenient)
        .with_fake_seed(seed)
        .with_runtime(Runtime::Path(runtime.display().to_string()));
    let failed = |failure: generator::Failure| SpecRun {
        label: label.clone(),
        examples: Vec::new(),
        outcomes: Vec::new(),
        fakes: Vec::new(),
        failure: Some(failure.to_string().lines().next().unwrap_or("").to_owned()),
    };
    let checked = match generator::check_examples(&options, &spec) {
        Ok(checked) => checked,
        Err(failure) => return Ok(failed(failure)),
    };
    let generated = match generator::generate_crate(&package, &options, std::slice::from_ref(&spec))
    {
        Ok(generated) => generated,
        Err(failure) => return Ok(failed(failure)),
    };
    generator::sync(&scratch.join(&client), &generated.files, Mode::Write)
        .map_err(|e| e.to_string())?;
    let manifest = generated
        .files
        .get(Path::new("Cargo.toml"))
        .cloned()
        .unwrap_or_default();
    write_harness(
        &scratch.join(format!("harness-{i}")),
        i,
        &manifest,
        &checked.module,
        &checked.examples,
        lenient,
    )?;
    Ok(SpecRun {
        label,
        examples: checked.examples,
        outcomes: Vec::new(),
        fakes: Vec::new(),
        failure: None,
    })
}

/// The harness: a binary that reads `index<TAB>json` lines and answers
/// each with `ok<TAB>json` (the value decoded as type `index` and encoded
/// again) or `err<TAB>message`. Its dependencies are the client's own. A
/// lenient client's harness decodes as the client reads bodies
/// (`LenientJson`).
fn write_harness(
    dir: &Path,
    i: usize,
    client_manifest: &str,
    module: &str,
    examples: &[Example],
    lenient: bool,
) -> Result<(), String> {
    let client = format!("client_{i}");
    let dependencies = client_manifest
        .split_once("[dependencies]")
        .map(|(_, rest)| rest.split("\n[").next().unwrap_or(rest))
        .unwrap_or("");
    let manifest = format!(
        "[package]\nname = \"harness-{i}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{client} = {{ package = \"client-{i}\", path = \"../client-{i}\", features = [\"fake\"] }}\n{dependencies}\n"
    );
    let mut arms = String::new();
    for (index, ty) in distinct_types(examples).iter().enumerate() {
        let ty = ty.replace("crate::", &format!("::{client}::"));
        arms.push_str(&format!("            {index} => round::<{ty}>(text),\n"));
    }
    let decode = if lenient {
        format!(
            "let body = ::{client}::runtime::bytes::Bytes::copy_from_slice(text.as_bytes());\n\
             \x20       let value: T = <::{client}::runtime::__private::LenientJson as \
             ::{client}::runtime::Decode<T>>::decode(&body)\n\
             \x20           .map_err(|(path, e)| format!(\"{{e}} at {{path}}\"))?;"
        )
    } else {
        "let value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;".to_owned()
    };
    let main = format!(
        "//! Decodes examples with the generated client's types (cargo xtask examples).\n\
         #![allow(unused_imports, deprecated)]\n\n\
         mod module {{\n    use ::{client}::*;\n    use ::{client}::{module}::*;\n    use ::{client}::runtime::{{serde, serde_json}};\n\n\
         \x20   pub fn check(index: usize, text: &str) -> Result<String, String> {{\n\
         \x20       match index {{\n{arms}            _ => Err(\"no such type\".to_owned()),\n        }}\n    }}\n\n\
         \x20   fn round<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Result<String, String> {{\n\
         \x20       {decode}\n\
         \x20       serde_json::to_string(&value).map_err(|e| e.to_string())\n    }}\n}}\n\n\
         /// `--fake`: each operation's fake answer, `operation<TAB>ok` or\n\
         /// `operation<TAB>err<TAB>why`.\n\
         fn fakes() {{\n\
         \x20   std::panic::set_hook(Box::new(|_| {{}}));\n\
         \x20   for route in ::{client}::{module}::fake_routes() {{\n\
         \x20       match std::panic::catch_unwind(route.reply) {{\n\
         \x20           Ok(_) => println!(\"{{}}\\tok\", route.operation),\n\
         \x20           Err(panic) => {{\n\
         \x20               let why = panic.downcast_ref::<String>().cloned().unwrap_or_default();\n\
         \x20               println!(\"{{}}\\terr\\t{{}}\", route.operation, why.replace('\\n', \" \"));\n\
         \x20           }}\n\
         \x20       }}\n\
         \x20   }}\n\
         }}\n\n\
         fn main() {{\n    if std::env::args().any(|a| a == \"--fake\") {{\n        return fakes();\n    }}\n    use std::io::BufRead as _;\n\
         \x20   for line in std::io::stdin().lock().lines() {{\n\
         \x20       let line = line.expect(\"stdin\");\n\
         \x20       let (index, text) = line.split_once('\\t').expect(\"index and json\");\n\
         \x20       match module::check(index.parse().expect(\"index\"), text) {{\n\
         \x20           Ok(json) => println!(\"ok\\t{{json}}\"),\n\
         \x20           Err(message) => println!(\"err\\t{{}}\", message.replace('\\n', \" \")),\n\
         \x20       }}\n    }}\n}}\n"
    );
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/main.rs"), main).map_err(|e| e.to_string())
}

/// The Rust types of the examples, each once, in first-seen order.
fn distinct_types(examples: &[Example]) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for ty in examples.iter().filter_map(|e| e.rust_type.as_ref()) {
        if !types.contains(ty) {
            types.push(ty.clone());
        }
    }
    types
}

fn build(scratch: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--workspace", "--quiet"])
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("the clients and harnesses did not build".to_owned())
    }
}

/// Runs the harness on every example that has a type.
fn decode_all(harness: &PathBuf, examples: &[Example]) -> Result<Vec<Outcome>, String> {
    let types = distinct_types(examples);
    let mut input = String::new();
    for example in examples {
        if let Some(ty) = &example.rust_type {
            let index = types.iter().position(|t| t == ty).unwrap_or_default();
            input.push_str(&format!("{index}\t{}\n", example.value));
        }
    }
    let mut child = Command::new(harness)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", harness.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    writer
        .join()
        .map_err(|_| "the writer panicked".to_owned())?
        .map_err(|e| e.to_string())?;
    let mut answers = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter();
    let mut outcomes = Vec::new();
    for example in examples {
        if example.rust_type.is_none() {
            outcomes.push(Outcome::NotDecoded);
            continue;
        }
        let answer = answers
            .next()
            .unwrap_or_else(|| "err\tno answer".to_owned());
        outcomes.push(match answer.split_once('\t') {
            Some(("ok", json)) => match serde_json::from_str::<Value>(json) {
                Ok(back) if same(&example.value, &back) => Outcome::RoundTripped,
                Ok(back) => Outcome::Changed(difference(&example.value, &back, "")),
                Err(e) => Outcome::Failed(e.to_string()),
            },
            Some((_, message)) => Outcome::Failed(message.to_owned()),
            None => Outcome::Failed(answer),
        });
    }
    Ok(outcomes)
}

/// Equal up to `null` versus absent object members, the spelling of
/// numbers (`1.0` and `1`) and of date-times (`+00:00` and `Z`, `.000`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            let present = |m: &serde_json::Map<String, Value>| {
                m.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, _)| k.clone())
                    .collect::<std::collections::BTreeSet<_>>()
            };
            present(a) == present(b)
                && a.iter()
                    .filter(|(_, v)| !v.is_null())
                    .all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x != y => {
            let instant = |text: &str| chrono::DateTime::parse_from_rfc3339(text).ok();
            instant(x).is_some_and(|x| Some(x) == instant(y))
        }
        _ => a == b,
    }
}

/// Where `a` and `b` first differ (as [`same`] sees them), and how.
fn difference(a: &Value, b: &Value, at: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x.iter().filter(|(_, v)| !v.is_null()) {
                let here = format!("{at}/{key}");
                match y.get(key) {
                    Some(other) if !same(value, other) => return difference(value, other, &here),
                    None => return format!("`{here}` is left out when written back"),
                    _ => {}
                }
            }
            match y.iter().find(|(k, v)| !v.is_null() && !x.contains_key(*k)) {
                Some((key, _)) => format!("`{at}/{key}` is added when written back"),
                None => format!("`{at}` differs"),
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (v, w))| !same(v, w))
            .map_or_else(
                || format!("`{at}` differs"),
                |(i, (v, w))| difference(v, w, &format!("{at}/{i}")),
            ),
        _ => format!("`{at}` is {a} in the example, {b} when written back"),
    }
}

/// Examples valid for their schema that did not decode: the client's
/// defects.
fn valid_but_not_decoded(run: &SpecRun) -> usize {
    run.examples
        .iter()
        .zip(&run.outcomes)
        .filter(|(e, o)| e.is_valid() && matches!(o, Outcome::Failed(_)))
        .count()
}

fn report(runs: &[SpecRun]) {
    println!(
        "| spec | examples | valid for schema | typed | decoded | round-tripped | valid, not decoded | invalid, not decoded |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut total = [0usize; 7];
    for run in runs {
        if let Some(failure) = &run.failure {
            println!("| {} | not generated: {failure} | | | | | | |", run.label);
            continue;
        }
        let count = |f: &dyn Fn(&Example, &Outcome) -> bool| {
            run.examples
                .iter()
                .zip(&run.outcomes)
                .filter(|(e, o)| f(e, o))
                .count()
        };
        let row = [
            run.examples.len(),
            run.examples.iter().filter(|e| e.is_valid()).count(),
            count(&|_, o| !matches!(o, Outcome::NotDecoded)),
            count(&|_, o| matches!(o, Outcome::RoundTripped | Outcome::Changed(_))),
            count(&|_, o| matches!(o, Outcome::RoundTripped)),
            valid_but_not_decoded(run),
            count(&|e, o| !e.is_valid() && matches!(o, Outcome::Failed(_))),
        ];
        for (sum, n) in total.iter_mut().zip(row) {
            *sum += n;
        }
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        println!("| {} | {} |", run.label, cells.join(" | "));
    }
    let cells: Vec<String> = total.iter().map(ToString::to_string).collect();
    println!("| all | {} |", cells.join(" | "));
    for run in runs {
        for (example, outcome) in run.examples.iter().zip(&run.outcomes) {
            let (what, detail) = match outcome {
                Outcome::Failed(message) if example.is_valid() => ("NOT DECODED (valid)", message),
                Outcome::Failed(message) => ("not decoded (invalid)", message),
                Outcome::Changed(back) => ("changed", back),
                _ => continue,
            };
            let detail: String = detail.chars().take(200).collect();
            println!(
                "{what}: {} ({}, as `{}`): {detail}",
                example.place(),
                example.what,
                example.rust_type.as_deref().unwrap_or("")
            );
        }
    }
}
