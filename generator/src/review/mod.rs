//! Spec-change review: what a change to a spec does to the generated client.
//!
//! The old and the new spec are both modelled (stage 2) and the models are
//! compared, so every change is told in the generated API's words (the
//! method, type and field names the crate has) and in the spec's, with two
//! verdicts: [`RustImpact`], what it does to code written against the old
//! crate, and [`WireImpact`], what it does to an old client talking to a
//! server that implements the new spec.
//!
//! - `compare`: the comparison's state and the API-level facts (info,
//!   servers, security schemes).
//! - `operations`: operations matched by method and path, then by
//!   operationId; their parameters, bodies, responses and security.
//! - `types`: named types matched by spec location, then by name, then by
//!   shape (a renamed component); their fields, values and variants.
//! - `constraints`: validation keywords, which the model leaves out.
//! - `render`: the report as Markdown for people and JSON for tools.

mod compare;
mod constraints;
mod diff;
mod kind;
mod operations;
mod render;
mod types;

use std::collections::BTreeMap;
use std::fmt;

pub use kind::ChangeKind;

use crate::diagnostics::{Diagnostics, Failure, Severity};
use crate::locate::{Location, locate};
use crate::model::Api;
use crate::options::CrateOptions;
use crate::parse::Document;
use crate::source::SpecSource;

/// What a change does to code that compiles against the old generated crate,
/// in the terms of the Cargo SemVer reference. Ordered from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustImpact {
    /// The generated code is the same.
    None,
    /// Docs, values or behaviour change; every use still compiles and means
    /// the same.
    Patch,
    /// Additions that cannot break a user: a new method, type, or variant of
    /// a `#[non_exhaustive]` enum, a new `#[deprecated]`.
    Minor,
    /// Some code that compiled before stops compiling or changes meaning.
    Major,
}

impl RustImpact {
    /// `none`, `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            RustImpact::None => "none",
            RustImpact::Patch => "patch",
            RustImpact::Minor => "minor",
            RustImpact::Major => "major",
        }
    }
}

/// What a change does to a client built from the old spec talking to a
/// server that implements the new one. Ordered from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WireImpact {
    /// Nothing on the wire changes (a Rust name, say).
    None,
    /// Only documentation changes.
    DocsOnly,
    /// Old clients keep working.
    Compatible,
    /// Some requests an old client sends, or some responses it reads, fail.
    Breaking,
}

impl WireImpact {
    /// `none`, `docs-only`, `compatible` or `breaking`.
    pub fn as_str(self) -> &'static str {
        match self {
            WireImpact::None => "none",
            WireImpact::DocsOnly => "docs-only",
            WireImpact::Compatible => "compatible",
            WireImpact::Breaking => "breaking",
        }
    }
}

/// A node of a spec file: where a change is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Place {
    /// The file, as the caller labelled it (a `$ref`d file by its own label).
    pub file: String,
    /// JSON pointer (RFC 6901) into that file.
    pub pointer: String,
    /// Where the node is in the file, if found.
    pub location: Option<Location>,
}

impl Place {
    /// A pointer into a built document, before the review finds which file
    /// and line it is.
    fn unplaced(pointer: &str) -> Self {
        Self {
            file: String::new(),
            pointer: pointer.to_owned(),
            location: None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(Location { line, column }) => write!(f, "{}:{line}:{column}", self.file),
            None => write!(f, "{}#{}", self.file, self.pointer),
        }
    }
}

/// One change between the old and the new spec.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// What changed, e.g. [`ChangeKind::OperationRemoved`] (the README's
    /// verdict table lists every kind).
    pub kind: ChangeKind,
    /// What it does to code using the old generated crate.
    pub rust: RustImpact,
    /// What it does to deployed clients of the old spec.
    pub wire: WireImpact,
    /// In the generated API's words, e.g. "method `get_pet` removed".
    pub summary: String,
    /// In the spec's words, e.g. "`GET /pets/{id}` removed".
    pub spec: String,
    /// Where it is in the old spec, if it is there.
    pub old: Option<Place>,
    /// Where it is in the new spec, if it is there.
    pub new: Option<Place>,
}

/// Whether a spec is new, gone, or in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecStatus {
    /// Only in the new set of specs.
    Added,
    /// Only in the old set of specs.
    Removed,
    /// In both.
    Changed,
}

/// The changes to one spec (one module of the generated crate).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SpecReview {
    /// The spec as labelled on the new side (the old, if removed).
    pub label: String,
    /// The module it becomes, e.g. `miro`.
    pub module: String,
    /// Whether it is new, gone, or in both.
    pub status: SpecStatus,
    /// Most serious first: wire-breaking or major, then compatible or minor,
    /// then the rest; spec order within each group.
    pub changes: Vec<Change>,
}

/// The review of a change to a set of specs.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Review {
    /// Each spec of either side, by label.
    pub specs: Vec<SpecReview>,
}

impl Review {
    fn changes(&self) -> impl Iterator<Item = &Change> {
        self.specs.iter().flat_map(|s| &s.changes)
    }

    /// The SemVer bump the generated crate needs: the largest `rust`
    /// verdict.
    pub fn semver(&self) -> RustImpact {
        self.changes()
            .map(|c| c.rust)
            .max()
            .unwrap_or(RustImpact::None)
    }

    /// The worst `wire` verdict.
    pub fn wire(&self) -> WireImpact {
        self.changes()
            .map(|c| c.wire)
            .max()
            .unwrap_or(WireImpact::None)
    }

    /// The report for people: one section per changed spec, one line per
    /// change.
    pub fn to_markdown(&self) -> String {
        render::markdown(self)
    }

    /// The report for tools (the README documents the format).
    pub fn to_json(&self) -> String {
        render::json(self)
    }
}

/// The version a crate at `current` moves to for a change of `impact`, and
/// what that bump means. Versions below 1.0 shift by one place, as Cargo
/// does: 0.1.0 to 0.2.0 is a breaking change, 0.1.0 to 0.1.1 is not.
pub fn next_version(current: &str, impact: RustImpact) -> Result<(String, String), String> {
    let core = current.split(['-', '+']).next().unwrap_or_default();
    let numbers: Vec<u64> = core
        .split('.')
        .map(|n| n.parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{current}` is not a version like 1.2.3"))?;
    let [major, minor, patch] = numbers[..] else {
        return Err(format!("`{current}` is not a version like 1.2.3"));
    };
    let (next, why) = match (impact, major) {
        (RustImpact::None, _) => ((major, minor, patch), "nothing in the crate changes"),
        (RustImpact::Major, 0) => (
            (0, minor + 1, 0),
            "a breaking change: below 1.0 the second number is the one Cargo treats as major",
        ),
        (RustImpact::Major, _) => ((major + 1, 0, 0), "a breaking change"),
        (RustImpact::Minor, 0) => (
            (0, minor, patch + 1),
            "additions only: below 1.0 Cargo treats the last number as minor",
        ),
        (RustImpact::Minor, _) => ((major, minor + 1, 0), "additions only"),
        (RustImpact::Patch, _) => (
            (major, minor, patch + 1),
            "no change to the API, only to docs or behaviour",
        ),
    };
    let (a, b, c) = next;
    Ok((format!("{a}.{b}.{c}"), why.to_owned()))
}

/// Compares the old and the new version of a set of specs, paired by
/// [`SpecSource::module`], each side modelled as a crate generated with
/// `options` would be (its formats, `$ref` policy and lenient responses;
/// names and versions are not read). Fails, with every problem located, if
/// either side cannot be modelled. The two sides are modelled at once.
pub fn review(
    old: &[SpecSource],
    new: &[SpecSource],
    options: &CrateOptions,
) -> Result<Review, Failure> {
    let ((old_sides, mut problems), (new_sides, new_problems)) =
        crate::threads::both_on_large_stacks(
            || model_all(old, options),
            || model_all(new, options),
        );
    problems.extend(new_problems);
    if problems.iter().any(|d| d.severity == Severity::Error) {
        return Err(Failure {
            diagnostics: problems,
        });
    }
    let mut specs = Vec::new();
    for new_side in &new_sides {
        let old_side = old_sides
            .iter()
            .find(|o| o.spec.module == new_side.spec.module);
        specs.push(match old_side {
            Some(old_side) => compare_sides(old_side, new_side),
            None => whole_spec(new_side, SpecStatus::Added),
        });
    }
    for old_side in &old_sides {
        if !new_sides
            .iter()
            .any(|n| n.spec.module == old_side.spec.module)
        {
            specs.push(whole_spec(old_side, SpecStatus::Removed));
        }
    }
    specs.retain(|s| !s.changes.is_empty());
    Ok(Review { specs })
}

/// One side of a spec, modelled.
struct Side<'a> {
    spec: &'a SpecSource,
    document: Document,
    api: Api,
    diagnostics: Diagnostics,
}

impl Side<'_> {
    /// Places each change's place on this side (a pointer into the built
    /// document) in the file it was read from, at its line and column.
    fn place<'c>(&self, places: impl Iterator<Item = &'c mut Option<Place>>) {
        let mut places: Vec<&mut Place> = places.filter_map(Option::as_mut).collect();
        let texts = crate::pipeline::texts(self.spec, Some(&self.document));
        for place in places.iter_mut() {
            let (file, pointer) = self.diagnostics.written_at(&place.pointer);
            place.file = file;
            place.pointer = pointer;
        }
        let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, place) in places.iter().enumerate() {
            by_file.entry(place.file.clone()).or_default().push(i);
        }
        for (file, indexes) in by_file {
            let Some((_, text)) = texts.iter().find(|(label, _)| *label == file) else {
                continue;
            };
            let wanted: Vec<String> = indexes.iter().map(|&i| places[i].pointer.clone()).collect();
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            for (&i, location) in indexes.iter().zip(locate(text, &wanted)) {
                places[i].location = location;
            }
        }
    }
}

/// Every spec of one side modelled, and the problems of those that cannot
/// be.
fn model_all<'a>(
    specs: &'a [SpecSource],
    options: &CrateOptions,
) -> (Vec<Side<'a>>, Vec<crate::diagnostics::Diagnostic>) {
    let mut problems = Vec::new();
    let sides = specs
        .iter()
        .filter_map(|spec| model_side(spec, options, &mut problems))
        .collect();
    (sides, problems)
}

fn model_side<'a>(
    spec: &'a SpecSource,
    options: &CrateOptions,
    problems: &mut Vec<crate::diagnostics::Diagnostic>,
) -> Option<Side<'a>> {
    let mut diagnostics = Diagnostics::new(&spec.label);
    let (document, api) = crate::pipeline::model_spec(
        spec,
        options.allows_outside_refs(),
        crate::model::ModelOptions::of(options),
        &mut diagnostics,
        &mut crate::pipeline::Timings::default(),
    );
    if diagnostics.has_errors() {
        diagnostics.locate(&crate::pipeline::texts(spec, document.as_ref()));
        problems.extend(diagnostics.into_vec());
        return None;
    }
    let mut api = api?;
    // Reviewed as the crate of its own that `generate_crate` makes.
    api.one_way_serde = crate::pipeline::one_way_serde(options, true);
    Some(Side {
        spec,
        document: document?,
        api,
        diagnostics,
    })
}

/// A spec that is only on one side: one change for the whole module.
fn whole_spec(side: &Side<'_>, status: SpecStatus) -> SpecReview {
    let api = &side.api;
    let mut place = Some(Place::unplaced(""));
    side.place(std::iter::once(&mut place));
    let operations = api.operations.len();
    let (kind, rust, wire, verb, old, new) = match status {
        SpecStatus::Added => (
            ChangeKind::SpecAdded,
            RustImpact::Minor,
            WireImpact::Compatible,
            "added",
            None,
            place,
        ),
        _ => (
            ChangeKind::SpecRemoved,
            RustImpact::Major,
            WireImpact::Breaking,
            "removed",
            place,
            None,
        ),
    };
    SpecReview {
        label: side.spec.label.clone(),
        module: api.module.clone(),
        status,
        changes: vec![Change {
            kind,
            rust,
            wire,
            summary: format!(
                "module `{}` (feature `{}`) {verb}, with {operations} method(s)",
                api.module, api.feature
            ),
            spec: format!("spec `{}` {verb}", api.title),
            old,
            new,
        }],
    }
}

fn compare_sides(old: &Side<'_>, new: &Side<'_>) -> SpecReview {
    let mut changes = compare::compare(&old.api, &old.document, &new.api, &new.document);
    old.place(changes.iter_mut().map(|c| &mut c.old));
    new.place(changes.iter_mut().map(|c| &mut c.new));
    // Stable: spec order within each group.
    changes.sort_by_key(|c| std::cmp::Reverse(render::group(c)));
    SpecReview {
        label: new.spec.label.clone(),
        module: new.api.module.clone(),
        status: SpecStatus::Changed,
        changes,
    }
}
