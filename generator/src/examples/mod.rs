//! The examples a spec gives, as tests of the spec and of the client: each
//! is checked against its schema (a JSON Schema validator) and paired with
//! the Rust type the generated client decodes that place with, so that a
//! harness can decode it, encode it back and compare.

mod collect;
mod schema;

use serde_json::Value;

use crate::diagnostics::Diagnostics;
use crate::locate::Location;
use crate::model::{Api, Direction};
use crate::parse::Document;

/// What an example is an example of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ExampleKind {
    /// A response body.
    Response,
    /// A request body.
    RequestBody,
    /// A parameter's value.
    Parameter,
    /// A schema's own `example`.
    Schema,
    /// The `example` of a property of a schema.
    Property,
}

impl ExampleKind {
    /// The kind as one word, e.g. `response`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleKind::Response => "response",
            ExampleKind::RequestBody => "request-body",
            ExampleKind::Parameter => "parameter",
            ExampleKind::Schema => "schema",
            ExampleKind::Property => "property",
        }
    }
}

/// One example a spec gives.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Example {
    /// What it is an example of.
    pub kind: ExampleKind,
    /// The place it stands for, e.g. ``200 response of `issues/get` ``.
    pub what: String,
    /// The file it is written in, as the spec or its `$ref`s name it.
    pub file: String,
    /// A JSON pointer to it in that file.
    pub pointer: String,
    /// Where it is in that file.
    pub location: Option<Location>,
    /// The value. An example written as a string that holds JSON stands
    /// for that JSON where the string itself does not match the schema but
    /// the JSON does (or, without a schema, where it is an object or an
    /// array and the type is not a string).
    pub value: Value,
    /// The Rust type the generated client decodes this place with, as its
    /// module spells it (e.g. `Vec<Option<Issue>>`); `None` where the client
    /// reads no JSON (text, bytes).
    pub rust_type: Option<String>,
    /// Whether it was checked against its schema.
    pub schema_checked: bool,
    /// Why it could not be checked, if it has a schema that could not be
    /// used.
    pub schema_unchecked: Option<String>,
    /// Where and how it disagrees with its schema (at most three); empty
    /// when it agrees or was not checked.
    pub schema_errors: Vec<String>,
    /// A pointer to its schema in the document the model is built from.
    pub(crate) schema: Option<String>,
    /// Which way the place travels.
    pub(crate) direction: Direction,
}

/// The place an example stands for, as the model sees it.
pub(crate) struct Place {
    pub kind: ExampleKind,
    pub what: String,
    pub direction: Direction,
    /// A pointer to the place's schema.
    pub schema: Option<String>,
    /// The Rust type of the place.
    pub rust_type: Option<String>,
}

impl Example {
    /// An example of `place`, at `pointer` in the document, not yet
    /// checked or placed in its file.
    pub(crate) fn new(place: Place, pointer: String, value: Value) -> Self {
        Self {
            kind: place.kind,
            what: place.what,
            file: String::new(),
            pointer,
            location: None,
            value,
            rust_type: place.rust_type,
            schema_checked: false,
            schema_unchecked: None,
            schema_errors: Vec::new(),
            schema: place.schema,
            direction: place.direction,
        }
    }

    /// Checked against its schema and found to agree.
    pub fn is_valid(&self) -> bool {
        self.schema_checked && self.schema_errors.is_empty()
    }

    /// `file:line:column`, or `file#pointer` where the line is not known.
    pub fn place(&self) -> String {
        match self.location {
            Some(Location { line, column }) => format!("{}:{line}:{column}", self.file),
            None => format!("{}#{}", self.file, self.pointer),
        }
    }
}

/// Every example of one modelled spec, checked against its schema and
/// placed in the file it is written in; each disagreement is also a
/// warning in `diagnostics`.
pub(crate) fn examples(
    document: &Document,
    api: &Api,
    diagnostics: &mut Diagnostics,
    sources: &[(&str, &str)],
) -> Vec<Example> {
    let mut examples = collect::collect(&document.raw, api);
    schema::check(&document.raw, &mut examples);
    for example in examples.iter().filter(|e| !e.schema_errors.is_empty()) {
        diagnostics.warning(
            &collect::pointer_of(&example.pointer),
            format!(
                "the example of the {} does not match its schema: {}",
                example.what,
                example.schema_errors.join("; ")
            ),
        );
    }
    let pointers: Vec<String> = examples.iter().map(|e| e.pointer.clone()).collect();
    for (example, (file, pointer, location)) in examples
        .iter_mut()
        .zip(diagnostics.place(&pointers, sources))
    {
        example.file = file;
        example.pointer = pointer;
        example.location = location;
    }
    examples
}

/// Counts of a spec's examples, by what became of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExampleSummary {
    /// Every example.
    pub examples: usize,
    /// Checked and found to agree with their schemas.
    pub valid: usize,
    /// Examples that disagree, by kind of place.
    pub disagree_by_kind: std::collections::BTreeMap<ExampleKind, usize>,
    /// Examples that disagree, by what disagrees first (`wrong type`,
    /// `missing required property`, `not an allowed value`, `other`).
    pub disagree_by_reason: std::collections::BTreeMap<&'static str, usize>,
    /// Not checked: no schema, or one that could not be used.
    pub unchecked: usize,
}

impl ExampleSummary {
    /// The counts of `examples`.
    pub fn of(examples: &[Example]) -> Self {
        let mut summary = Self {
            examples: examples.len(),
            ..Self::default()
        };
        for example in examples {
            if !example.schema_checked {
                summary.unchecked += 1;
            } else if let Some(first) = example.schema_errors.first() {
                *summary.disagree_by_kind.entry(example.kind).or_default() += 1;
                *summary.disagree_by_reason.entry(reason(first)).or_default() += 1;
            } else {
                summary.valid += 1;
            }
        }
        summary
    }

    /// How many examples disagree with their schemas.
    pub fn disagree(&self) -> usize {
        self.disagree_by_kind.values().sum()
    }
}

/// What a validator's message says disagrees, in a few words.
fn reason(message: &str) -> &'static str {
    if message.contains("is not of type") || message.contains("is not of types") {
        "wrong type"
    } else if message.contains("is a required property") {
        "missing required property"
    } else if message.contains("is not one of") {
        "not an allowed value"
    } else {
        "other"
    }
}

impl std::fmt::Display for ExampleSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} examples: {} match their schemas, {} do not",
            self.examples,
            self.valid,
            self.disagree()
        )?;
        if self.disagree() > 0 {
            let kinds: Vec<String> = self
                .disagree_by_kind
                .iter()
                .map(|(kind, n)| format!("{} {n}", kind.as_str()))
                .collect();
            let reasons: Vec<String> = self
                .disagree_by_reason
                .iter()
                .map(|(reason, n)| format!("{reason} {n}"))
                .collect();
            write!(f, " ({}; {})", kinds.join(", "), reasons.join(", "))?;
        }
        write!(f, ", {} not checked", self.unchecked)
    }
}
