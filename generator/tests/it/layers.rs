//! The generator's modules import one way: the model never imports the
//! emitters (or anything after it in the pipeline), no group of modules
//! imports each other in a cycle, and nothing reaches into the crate root,
//! which is only the facade. Read from the sources with `syn`, test modules
//! left out (a test may use anything).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The folders whose files are units of their own: an import between two
/// files of `emit/` counts, one within a single file does not.
const SPLIT: &[&str] = &["emit", "examples", "model", "normalize", "review"];

/// Units that must not import any unit under these prefixes.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "model",
        &["emit", "format", "write", "review", "examples", "pipeline"],
    ),
    ("parse", &["model", "emit", "review", "examples"]),
    ("bundle", &["model", "emit", "review", "examples"]),
    ("normalize", &["model", "emit", "review", "examples"]),
    ("emit", &["review", "examples", "write", "pipeline"]),
];

/// `model::schema` for `src/model/schema.rs`, `model` for
/// `src/model/mod.rs`, `` for `src/lib.rs`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The unit a module belongs to: its first segment, or its first two in a
/// split folder.
fn unit(module: &[String]) -> String {
    match module {
        [] => "lib".to_owned(),
        [first, second, ..] if SPLIT.contains(&first.as_str()) => format!("{first}::{second}"),
        [first, ..] => first.clone(),
    }
}

/// Every path of two or more segments a file names outside its test
/// modules (`crate::`, `super::`, `self::` or relative), as written.
#[derive(Default)]
struct Paths {
    found: Vec<Vec<String>>,
}

impl Paths {
    fn add(&mut self, segments: Vec<String>) {
        if segments.len() > 1
            || matches!(
                segments.first().map(String::as_str),
                Some("crate" | "super")
            )
        {
            self.found.push(segments);
        }
    }

    fn use_tree(&mut self, prefix: Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                let mut next = prefix;
                next.push(p.ident.to_string());
                self.use_tree(next, &p.tree);
            }
            syn::UseTree::Name(n) => {
                let mut next = prefix;
                next.push(n.ident.to_string());
                self.add(next);
            }
            syn::UseTree::Rename(r) => {
                let mut next = prefix;
                next.push(r.ident.to_string());
                self.add(next);
            }
            syn::UseTree::Glob(_) => self.add(prefix),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix.clone(), tree);
                }
            }
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

/// `segments` as a path from the crate root, seen from `module`: after
/// `crate`, after `super`s or `self`, or relative to `module` when its first
/// segment is one of `module`'s child modules. `None` for a path that
/// leaves the crate (`std::...`) or names a local item.
fn absolute(
    module: &[String],
    segments: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base = module.to_vec();
    let rest = match segments[0].as_str() {
        "crate" => return Some(segments[1..].to_vec()),
        "self" => &segments[1..],
        "super" => {
            let supers = segments.iter().take_while(|s| *s == "super").count();
            base.truncate(base.len().saturating_sub(supers));
            &segments[supers..]
        }
        first => {
            let mut child = module.to_vec();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            segments
        }
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The imports of the crate whose sources are in `src`: each unit's imports
/// of other units, with the first file that makes each; and the crate
/// root's own items named from elsewhere.
fn imports(src: &Path) -> (BTreeMap<String, BTreeMap<String, String>>, Vec<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut into_root = Vec::new();
    for file in &files {
        if file.ends_with("main.rs") {
            continue;
        }
        let module = module_of(src, file);
        let from = unit(&module);
        let syntax = syn::parse_file(&std::fs::read_to_string(file).unwrap()).unwrap();
        let mut paths = Paths::default();
        paths.visit_file(&syntax);
        let name = file.strip_prefix(src).unwrap().display().to_string();
        for segments in paths.found {
            let Some(target) = absolute(&module, &segments, &modules) else {
                continue;
            };
            // The longest module the path starts with.
            let Some(target_module) = (0..=target.len())
                .rev()
                .map(|n| target[..n].to_vec())
                .find(|prefix| modules.contains(prefix))
            else {
                continue;
            };
            if target_module.is_empty() && from != "lib" && target.len() == 1 {
                into_root.push(format!("{name}: crate::{}", target[0]));
                continue;
            }
            let to = unit(&target_module);
            if to != from && to != "lib" {
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| name.clone());
            }
        }
    }
    (edges, into_root)
}

#[test]
fn layers_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = problems(&src);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A cycle made of a relative path (`paging::detect` in `model/mod.rs`, as
/// a module names its child) and `crate::` imports is found.
#[test]
fn a_cycle_through_a_relative_path_is_found() {
    let src = std::env::temp_dir().join(format!("layers-{}", std::process::id()));
    let files = [
        ("lib.rs", "mod model;\nmod options;\n"),
        (
            "options.rs",
            "use crate::model::ModelOptions;\npub struct Subset;\n",
        ),
        (
            "model/mod.rs",
            "mod paging;\npub struct ModelOptions;\nfn build() { paging::detect(); }\n",
        ),
        (
            "model/paging.rs",
            "pub fn detect() { let _ = crate::options::Subset; }\n",
        ),
    ];
    for (file, text) in files {
        let path = src.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let found = problems(&src);
    std::fs::remove_dir_all(&src).unwrap();
    assert_eq!(found, ["cycle: model -> options"]);
}

/// What breaks the rules in the crate whose sources are in `src`, each
/// named with the file that does it.
fn problems(src: &Path) -> Vec<String> {
    let (edges, into_root) = imports(src);
    let mut problems = Vec::new();
    for (from, targets) in &edges {
        for (to, file) in targets {
            for (layer, banned) in FORBIDDEN {
                let within = |unit: &str, prefix: &str| {
                    unit == prefix || unit.starts_with(&format!("{prefix}::"))
                };
                if within(from, layer) && banned.iter().any(|b| within(to, b)) {
                    problems.push(format!("{from} imports {to} ({file})"));
                }
            }
        }
    }
    problems.extend(
        into_root
            .iter()
            .map(|r| format!("reaches into the crate root: {r}")),
    );
    // Units of one folder import each other freely through its `mod.rs`
    // (which declares and calls its children; they use its types), but
    // not in a cycle among the children; and no two top-level modules
    // (a folder counts as one) import each other, whatever the path.
    let mut siblings = edges.clone();
    for (from, targets) in &mut siblings {
        targets.retain(|to, _| !to.starts_with(&format!("{from}::")));
    }
    let mut top: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (from, targets) in &edges {
        for (to, file) in targets {
            let (from, to) = (top_level(from), top_level(to));
            if from != to {
                top.entry(from.to_owned())
                    .or_default()
                    .entry(to.to_owned())
                    .or_insert_with(|| file.clone());
            }
        }
    }
    for cycle in cycles(&siblings).into_iter().chain(cycles(&top)) {
        let cycle = format!("cycle: {}", cycle.join(" -> "));
        if !problems.contains(&cycle) {
            problems.push(cycle);
        }
    }
    problems
}

/// The top-level module a unit is in: `model` for `model::paging`.
fn top_level(unit: &str) -> &str {
    unit.split("::").next().unwrap_or(unit)
}

/// The groups of units that import each other (strongly connected
/// components of more than one unit), each in order.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges
        .keys()
        .chain(edges.values().flat_map(|t| t.keys()))
        .collect();
    let reaches = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            for next in edges.get(node).into_iter().flat_map(|t| t.keys()) {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<&String>> =
        nodes.iter().map(|n| (*n, reaches(n))).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut placed = BTreeSet::new();
    for node in &nodes {
        if placed.contains(node) || !reach[node].contains(node) {
            continue;
        }
        let group: Vec<String> = nodes
            .iter()
            .filter(|other| reach[node].contains(*other) && reach[*other].contains(*node))
            .map(|n| (*n).clone())
            .collect();
        placed.extend(nodes.iter().filter(|n| group.contains(n)).copied());
        groups.push(group);
    }
    groups
}

#[test]
fn the_documented_layout_names_every_source_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("../docs/contributing.md")).unwrap();
    let layout = docs
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/contributing.md has the layout in a text block");
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let missing: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&src).unwrap())
        .filter(|f| {
            let name = f.file_name().unwrap().to_string_lossy();
            let folder = f
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            // A file at the top is named with `src/`; one in a folder by
            // its name, under the folder's line.
            if folder.is_empty() {
                !layout.contains(&format!("src/{name}"))
            } else {
                !layout.contains(&format!("src/{folder}/")) || !layout.contains(name.as_ref())
            }
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "not in the layout: {missing:?}");
}
