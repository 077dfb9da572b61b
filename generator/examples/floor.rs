//! The floor `cargo xtask bench` holds generation against: the least any
//! generator of this output must do. Parse the spec into `openapiv3` (a
//! JSON or YAML read; a spec `openapiv3` cannot type, such as 3.1, is read
//! as plain JSON), then parse the Rust it wrote with `syn` and print it with
//! `prettyplease`. Everything between (bundling, the model, emitting) is
//! what the generator adds.
//!
//! `floor SPEC GENERATED_DIR` does it once; the bench times it as a
//! process, as it times the generator, so both pay for starting one.

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, dir] = args.as_slice() else {
        return Err("usage: floor SPEC GENERATED_DIR".into());
    };
    let text = std::fs::read_to_string(spec)?;
    read_spec(&text, !spec.ends_with(".json"))?;
    for path in rust_files(Path::new(dir))? {
        let file = syn::parse_file(&std::fs::read_to_string(path)?)?;
        std::hint::black_box(prettyplease::unparse(&file));
    }
    Ok(())
}

fn read_spec(text: &str, yaml: bool) -> Result<(), Box<dyn std::error::Error>> {
    let typed: Result<openapiv3::OpenAPI, String> = if yaml {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str(text).map_err(|e| e.to_string())
    };
    if typed.is_err() {
        let value: serde_json::Value = if yaml {
            serde_yaml::from_str(text)?
        } else {
            serde_json::from_str(text)?
        };
        std::hint::black_box(value);
    }
    Ok(())
}

/// The Rust the generator formatted: every `.rs` file under `src/` but the
/// runtime, which it copies as it is.
fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "runtime") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
