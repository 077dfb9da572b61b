//! The specs a crate is generated from, as the caller gives them.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};

/// One spec to generate a module from.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SpecSource {
    /// How files and messages name the spec, e.g. `specs/miro.yaml`.
    pub label: String,
    /// The module and feature name, e.g. `miro` or `finbourne-identity`.
    pub module: String,
    /// The spec's text, YAML or JSON.
    pub text: String,
    /// Where the spec was read from: `$ref`s to other files are relative to
    /// it. `None` for a spec given as text, which may not refer to files.
    pub path: Option<PathBuf>,
}

impl SpecSource {
    /// A spec given as text, labelled `label` in messages and generated
    /// as the module `module`. It may not refer to other files.
    pub fn from_text(
        label: impl Into<String>,
        module: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self {
            label: label.into(),
            module: module.into(),
            text: text.into(),
            path: None,
        }
    }

    /// Reads a spec; its module is named after the file stem.
    pub fn read(path: &Path, label: impl Into<String>) -> std::io::Result<Self> {
        let module = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self {
            label: label.into(),
            module,
            text: std::fs::read_to_string(path)?,
            path: Some(path.to_path_buf()),
        })
    }

    /// The spec's text as a JSON tree, read as generation reads it: YAML
    /// keys that are not strings (`200:`) become their text, integers
    /// beyond 64 bits become floats. A text that is neither YAML nor JSON
    /// is an error located in the spec.
    pub fn json_tree(&self) -> Result<serde_json::Value, Diagnostic> {
        crate::raw::raw_tree(&self.text).map_err(|error| Diagnostic {
            severity: Severity::Error,
            file: self.label.clone(),
            pointer: String::new(),
            location: error.location,
            message: format!("not YAML or JSON: {}", error.message),
        })
    }

    /// Reads every spec in `dir` ([`spec_files_in`]), each labelled
    /// `{label}/{file name}`.
    pub fn read_dir(dir: &Path, label: &str) -> io::Result<Vec<Self>> {
        spec_files_in(dir)?
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                Self::read(path, format!("{label}/{name}"))
            })
            .collect()
    }
}

/// The `.yaml`, `.yml` and `.json` files directly in `dir`, sorted by name.
pub fn spec_files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_spec = path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json");
        if is_spec && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}
