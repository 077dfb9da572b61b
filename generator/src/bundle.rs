//! Stage 1a: a spec split across files, bundled into one document.
//!
//! Every `$ref` to another local file (`schemas/pet.yaml`,
//! `common.json#/components/schemas/Tag`) is followed here, once per
//! target: a path item is put in place; anything else becomes a component
//! of its kind (named after the pointer's last token, or the file), and the
//! reference is rewritten to point at it. `$ref`s inside a file are
//! relative to that file. Cycles across files end at the component already
//! made. After this, every `$ref` is local and [`crate::resolve`] follows
//! it. URLs are never fetched, and a file outside the spec's folder is read
//! only if the caller allows it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostics;
use crate::normalize::Version;
use crate::pointer::Pointer;

/// What a referenced node is, from where the reference stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    PathItem,
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    SecurityScheme,
    /// Anything else (examples, links): put in place.
    Other,
}

impl Kind {
    /// Where components of this kind live in a document of `version`.
    fn home(self, version: Version) -> Option<Pointer> {
        let components = Pointer::root().join("components");
        let swagger = version == Version::Swagger2;
        Some(match self {
            Kind::Schema if swagger => Pointer::root().join("definitions"),
            Kind::Parameter | Kind::RequestBody if swagger => Pointer::root().join("parameters"),
            Kind::Response if swagger => Pointer::root().join("responses"),
            Kind::Schema => components.join("schemas"),
            Kind::Parameter => components.join("parameters"),
            Kind::RequestBody => components.join("requestBodies"),
            Kind::Response => components.join("responses"),
            Kind::Header => components.join("headers"),
            Kind::SecurityScheme => components.join("securitySchemes"),
            Kind::PathItem | Kind::Other => return None,
        })
    }
}

/// How deep path items may be put in place inside each other.
const MAX_DEPTH: usize = 64;

/// A file a spec refers to, as read.
pub(crate) struct ReadFile {
    /// How diagnostics name it, relative to the root spec's label.
    pub label: String,
    pub text: String,
    pub path: PathBuf,
}

/// Bundles the files `raw` (read from `path`, shown as `label`) refers to
/// into it. Returns every file read, as `(label, text)`, for diagnostics.
pub(crate) fn bundle(
    raw: &mut Value,
    path: Option<&Path>,
    label: &str,
    allow_outside: bool,
    version: Version,
    diagnostics: &mut Diagnostics,
) -> Vec<ReadFile> {
    let Some(root_file) = path.and_then(|p| p.canonicalize().ok()) else {
        report_file_refs(raw, &Pointer::root(), diagnostics);
        return Vec::new();
    };
    let root_dir = root_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let label_dir = Path::new(label)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut bundler = Bundler {
        root_file,
        root_dir,
        label_dir,
        allow_outside,
        version,
        diagnostics,
        files: HashMap::new(),
        sources: Vec::new(),
        placed: HashMap::new(),
        made: Vec::new(),
        taken: HashMap::new(),
    };
    bundler.claim_existing(raw);
    let root = bundler.root_file.clone();
    bundler.rewrite(raw, &root, &Pointer::root(), false, 0);
    bundler.insert_made(raw);
    bundler.sources
}

/// What a reference names: a file (by canonical path) and a fragment in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Target {
    file: PathBuf,
    /// The JSON pointer after `#`, as written (percent-encoded or not).
    fragment: String,
}

struct Bundler<'d> {
    root_file: PathBuf,
    root_dir: PathBuf,
    /// The folder of the root's label, so other files' labels read alike.
    label_dir: PathBuf,
    allow_outside: bool,
    version: Version,
    diagnostics: &'d mut Diagnostics,
    /// Files read, by canonical path: their label and tree.
    files: HashMap<PathBuf, (String, Value)>,
    sources: Vec<ReadFile>,
    /// Where each target (file, fragment) now is in the bundle: a local
    /// `$ref`.
    placed: HashMap<Target, String>,
    /// Components made, in the order made: (where, tree).
    made: Vec<(Pointer, Value)>,
    /// Names taken per component home.
    taken: HashMap<String, Vec<String>>,
}

impl Bundler<'_> {
    /// Names the root already uses, and its components that are only a
    /// reference to a file: those keep their name for that file's node. A
    /// whole map of components kept in another file is put in place first.
    fn claim_existing(&mut self, raw: &mut Value) {
        let kinds = [
            Kind::Schema,
            Kind::Parameter,
            Kind::RequestBody,
            Kind::Response,
            Kind::Header,
            Kind::SecurityScheme,
        ];
        for kind in kinds {
            let Some(home) = kind.home(self.version) else {
                continue;
            };
            if let Some(home_node) = raw.pointer_mut(&home.to_string()) {
                self.put_map_in_place(home_node, &home);
            }
            let Some(entries) = raw.pointer(&home.to_string()).and_then(Value::as_object) else {
                continue;
            };
            for (name, entry) in entries {
                self.taken
                    .entry(home.to_string())
                    .or_default()
                    .push(name.clone());
                let reference = entry
                    .get("$ref")
                    .and_then(Value::as_str)
                    .filter(|r| !r.starts_with('#'));
                if let Some(reference) = reference
                    && let Some(target) = self.target(reference, &self.root_file.clone())
                {
                    let local = format!("#{}", home.join(name));
                    self.placed.entry(target).or_insert(local);
                }
            }
        }
    }

    /// `components/schemas: {$ref: schemas/_index.yaml}`: the file's map
    /// stands in place, its references rebased to stay right from here.
    fn put_map_in_place(&mut self, home_node: &mut Value, home: &Pointer) {
        let Some(reference) = home_node
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            return;
        };
        let root = self.root_file.clone();
        let Some(target) = self.target(&reference, &root) else {
            let message = format!("`$ref: {reference}`: cannot read the file it names");
            self.diagnostics.error(home, message);
            return;
        };
        if let Some((label, mut map)) = self.node(&target, &reference, home, Kind::Other) {
            rebase(&mut map, &target.file);
            self.diagnostics
                .origin(home, &label, &fragment_pointer(&target.fragment));
            *home_node = map;
        }
    }

    /// The place a reference from `base` names, if it is a relative file
    /// reference; URLs and unreadable files are reported.
    fn target(&mut self, reference: &str, base: &Path) -> Option<Target> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file.is_empty() {
            base.to_path_buf()
        } else {
            let dir = base.parent().unwrap_or(Path::new(""));
            dir.join(file).canonicalize().ok()?
        };
        Some(Target {
            file,
            fragment: fragment.to_owned(),
        })
    }

    /// Rewrites every reference under `node` (from `file`, at `at` in the
    /// bundle) to a local one.
    fn rewrite(
        &mut self,
        node: &mut Value,
        file: &Path,
        at: &Pointer,
        in_schema: bool,
        depth: usize,
    ) {
        match node {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    let in_root = file == self.root_file;
                    if !in_root || !reference.starts_with('#') {
                        let kind = match in_schema {
                            true if holds_schema(at) => Kind::Schema,
                            // A map of properties, a list of required names...
                            // : the target goes in its place.
                            true => Kind::Other,
                            false => kind_at(at),
                        };
                        match self.follow(&reference, file, at, kind, depth) {
                            Some(Followed::Local(local)) => {
                                map.insert("$ref".to_owned(), Value::String(local));
                            }
                            Some(Followed::InPlace(tree)) => *node = tree,
                            // Reported; a schema stands in as any JSON value
                            // so nothing downstream reports it again.
                            None if kind == Kind::Schema => *node = Value::Object(Map::new()),
                            None => {}
                        }
                    }
                    return;
                }
                for (key, child) in map.iter_mut() {
                    if key == "example" || key == "examples" || key.starts_with("x-") {
                        continue;
                    }
                    let child_in_schema = in_schema || key == "schema" || is_schema_home(at, key);
                    self.rewrite(child, file, &at.join(key), child_in_schema, depth);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.rewrite(item, file, &at.join(i), in_schema, depth);
                }
            }
            _ => {}
        }
    }

    fn follow(
        &mut self,
        reference: &str,
        file: &Path,
        at: &Pointer,
        kind: Kind,
        depth: usize,
    ) -> Option<Followed> {
        if reference.contains("://") || reference.starts_with("//") {
            self.diagnostics.error(at, format!("`$ref: {reference}` is a URL; the generator never reads the network (download the file and refer to it by path)"));
            return None;
        }
        let (file_part, _) = reference.split_once('#').unwrap_or((reference, ""));
        let Some(target) = self.target(reference, file) else {
            let missing = clean(&Path::new(&self.label_of(file)).with_file_name(file_part));
            self.diagnostics.error(
                at,
                format!(
                    "`$ref: {reference}`: there is no file `{}`",
                    missing.display()
                ),
            );
            return None;
        };
        if target.file == self.root_file {
            return Some(Followed::Local(format!("#{}", target.fragment)));
        }
        if !self.allow_outside && !target.file.starts_with(&self.root_dir) {
            self.diagnostics.error(at, format!("`$ref: {reference}` names a file outside the spec's folder; allow it with `--allow-outside-refs`"));
            return None;
        }
        let here = format!("#{at}");
        match self.placed.get(&target) {
            // A component of the root that is only this reference: its
            // node goes in its place.
            Some(local) if *local == here => {
                let (label, mut tree) = self.node(&target, reference, at, kind)?;
                self.diagnostics
                    .origin(at, &label, &fragment_pointer(&target.fragment));
                self.rewrite(&mut tree, &target.file, at, kind == Kind::Schema, depth + 1);
                return Some(Followed::InPlace(tree));
            }
            Some(local) => return Some(Followed::Local(local.clone())),
            None => {}
        }
        let (label, node) = self.node(&target, reference, at, kind)?;
        match kind.home(self.version) {
            Some(home) if depth < MAX_DEPTH => {
                let name = self.claim(&home, &target);
                let place = home.join(&name);
                let local = format!("#{place}");
                self.placed.insert(target.clone(), local.clone());
                let mut tree = node;
                self.diagnostics
                    .origin(&place, &label, &fragment_pointer(&target.fragment));
                self.rewrite(
                    &mut tree,
                    &target.file,
                    &place,
                    kind == Kind::Schema,
                    depth + 1,
                );
                self.made.push((place, tree));
                Some(Followed::Local(local))
            }
            _ if depth < MAX_DEPTH => {
                let mut tree = node;
                self.diagnostics
                    .origin(at, &label, &fragment_pointer(&target.fragment));
                self.rewrite(&mut tree, &target.file, at, false, depth + 1);
                Some(Followed::InPlace(tree))
            }
            _ => {
                self.diagnostics.error(
                    at,
                    format!("`$ref: {reference}` nests files more than {MAX_DEPTH} deep"),
                );
                None
            }
        }
    }

    /// The node a target names, reading its file if needed.
    /// A pointer to nothing in a schema's place is a warning and any JSON
    /// value (as in the root document); anything else unreadable is an
    /// error.
    fn node(
        &mut self,
        target: &Target,
        reference: &str,
        at: &Pointer,
        kind: Kind,
    ) -> Option<(String, Value)> {
        if !self.files.contains_key(&target.file) {
            let text = match std::fs::read_to_string(&target.file) {
                Ok(text) => text,
                Err(e) => {
                    self.diagnostics.error(
                        at,
                        format!(
                            "`$ref: {reference}`: cannot read `{}`: {e}",
                            self.label_of(&target.file)
                        ),
                    );
                    return None;
                }
            };
            let tree = crate::raw::raw_tree(&text);
            let label = self.label_of(&target.file);
            match tree {
                Ok(tree) => {
                    self.sources.push(ReadFile {
                        label: label.clone(),
                        text,
                        path: target.file.clone(),
                    });
                    self.files.insert(target.file.clone(), (label, tree));
                }
                Err(e) => {
                    let message = e.message;
                    self.diagnostics.error(
                        at,
                        format!(
                            "`$ref: {reference}`: `{label}` is not valid YAML or JSON: {message}"
                        ),
                    );
                    return None;
                }
            }
        }
        let (label, tree) = &self.files[&target.file];
        let node = tree
            .pointer(&fragment_pointer(&target.fragment).to_string())
            .cloned();
        match node {
            Some(node) => Some((label.clone(), node)),
            None if kind == Kind::Schema => {
                let message = format!(
                    "`$ref: {reference}` points at nothing in `{label}`; typed as any JSON value"
                );
                let label = label.clone();
                self.diagnostics.warning(at, message);
                Some((label, Value::Object(Map::new())))
            }
            None => {
                self.diagnostics.error(
                    at,
                    format!("`$ref: {reference}` points at nothing in `{label}`"),
                );
                None
            }
        }
    }

    /// A unique component name for a target: the pointer's last token, or
    /// the file's name without its extensions.
    fn claim(&mut self, home: &Pointer, target: &Target) -> String {
        let from_pointer = target.fragment.rsplit('/').next().filter(|t| !t.is_empty());
        let stem = target
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let from_file = stem.split('.').next().unwrap_or("Value").to_owned();
        let wanted = from_pointer
            .map(crate::pointer::unescape)
            .unwrap_or(from_file);
        let taken = self.taken.entry(home.to_string()).or_default();
        let mut name = wanted.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        taken.push(name.clone());
        name
    }

    fn label_of(&self, path: &Path) -> String {
        let relative = path
            .strip_prefix(&self.root_dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf());
        clean(&self.label_dir.join(relative)).display().to_string()
    }

    /// Puts the components made into the bundle, after those it had.
    fn insert_made(&mut self, raw: &mut Value) {
        for (place, tree) in std::mem::take(&mut self.made) {
            let tokens = crate::pointer::tokens(&place.to_string());
            let Some((name, parents)) = tokens.split_last() else {
                continue;
            };
            let mut node = &mut *raw;
            for token in parents {
                if !node.get(token).is_some_and(Value::is_object) {
                    node[token] = Value::Object(Map::new());
                }
                node = &mut node[token];
            }
            node[name] = tree;
        }
    }
}

enum Followed {
    /// The reference, rewritten to the node's place in the bundle.
    Local(String),
    /// The node itself, to stand where the reference was.
    InPlace(Value),
}

/// `a/./b/../c` as `a/c`.
fn clean(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(clean.components().next_back(), Some(Component::Normal(_))) =>
            {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// Reports every reference to another file in a spec that was not read
/// from a file, and so has no folder to look in.
fn report_file_refs(node: &Value, at: &Pointer, d: &mut Diagnostics) {
    match node {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str)
                && !reference.starts_with('#')
            {
                let message = format!(
                    "`$ref: {reference}` names another file, but the spec was not read from a file"
                );
                d.error(at, message);
            }
            for (key, child) in map {
                if key != "example" && key != "examples" {
                    report_file_refs(child, &at.join(key), d);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                report_file_refs(item, &at.join(i), d);
            }
        }
        _ => {}
    }
}

/// Makes every reference in `tree`, read from `file`, absolute, so the tree
/// can stand in another file.
fn rebase(tree: &mut Value, file: &Path) {
    match tree {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && !reference.contains("://")
            {
                let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
                let absolute = if path.is_empty() {
                    file.to_path_buf()
                } else {
                    file.parent().unwrap_or(Path::new("")).join(path)
                };
                *reference = format!("{}#{fragment}", absolute.display());
            }
            for (key, child) in map.iter_mut() {
                if key != "example" && key != "examples" {
                    rebase(child, file);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rebase(item, file)),
        _ => {}
    }
}

/// A fragment (`/components/schemas/A`) as a pointer.
fn fragment_pointer(fragment: &str) -> Pointer {
    let decoded = fragment
        .replace("%7B", "{")
        .replace("%7D", "}")
        .replace("%20", " ");
    Pointer::parse(&decoded)
}

/// Whether the entries of `key` under `at` are schemas (component schemas,
/// Swagger 2.0 definitions).
fn is_schema_home(at: &Pointer, key: &str) -> bool {
    let at = at.to_string();
    (at == "/components" && key == "schemas") || (at.is_empty() && key == "definitions")
}

/// Whether the node at `at`, inside a schema, is a schema itself (and not
/// a keyword's map or list, such as `properties` or `required`).
fn holds_schema(at: &Pointer) -> bool {
    use crate::normalize::{ONE_SCHEMA, SCHEMA_LISTS, SCHEMA_MAPS};
    let text = at.to_string();
    let tokens: Vec<&str> = text.split('/').skip(1).collect();
    match tokens.as_slice() {
        ["components", "schemas", _] | ["definitions", _] => true,
        [.., "schema"] => true,
        [.., last] if ONE_SCHEMA.contains(last) => true,
        [.., parent, _] if SCHEMA_MAPS.contains(parent) => true,
        [.., parent, index] if index.parse::<usize>().is_ok() => {
            SCHEMA_LISTS.contains(parent) || *parent == "items"
        }
        _ => false,
    }
}

/// The kind of node a `$ref` at `at` stands for, from the keys above it.
fn kind_at(at: &Pointer) -> Kind {
    let text = at.to_string();
    let tokens: Vec<&str> = text.split('/').skip(1).collect();
    match tokens.as_slice() {
        ["paths", _] => Kind::PathItem,
        [.., "parameters", _] => Kind::Parameter,
        [.., "requestBody"] | ["components", "requestBodies", _] => Kind::RequestBody,
        [.., "responses", _] => Kind::Response,
        [.., "headers", _] => Kind::Header,
        ["components", "securitySchemes", _] => Kind::SecurityScheme,
        [.., "schema"] | ["components", "schemas", _] | ["definitions", _] => Kind::Schema,
        _ => Kind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointer(at: &str) -> Pointer {
        Pointer::from_tokens(at.split('/').skip(1))
    }

    #[test]
    fn reference_sites_name_their_kind() {
        let kind = |at: &str| kind_at(&pointer(at));
        assert_eq!(kind("/paths/~1pets"), Kind::PathItem);
        let schema = |at: &str| holds_schema(&pointer(at));
        assert!(schema("/components/schemas/Pet/properties/name"));
        assert!(schema("/components/schemas/Pet/allOf/0"));
        assert!(schema("/components/schemas/Pet/items"));
        assert!(!schema("/components/schemas/Pet/properties"));
        assert!(!schema("/components/schemas/Pet/required"));
        assert_eq!(kind("/paths/~1pets/get/parameters/0"), Kind::Parameter);
        assert_eq!(kind("/paths/~1pets/get/requestBody"), Kind::RequestBody);
        assert_eq!(kind("/paths/~1pets/get/responses/200"), Kind::Response);
        assert_eq!(
            kind("/paths/~1pets/get/responses/200/content/application~1json/schema"),
            Kind::Schema
        );
        assert_eq!(kind("/components/schemas/Pet"), Kind::Schema);
        assert_eq!(kind("/definitions/Pet"), Kind::Schema);
        assert_eq!(
            kind("/components/securitySchemes/key"),
            Kind::SecurityScheme
        );
    }
}
