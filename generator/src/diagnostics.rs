//! Problems found in a spec, each located by a JSON pointer into the document.
//!
//! Every stage reports through [`Diagnostics`] instead of returning at the first
//! problem, so one run shows a spec author everything that needs fixing.

use std::fmt;

use crate::locate::{Location, locate};
use crate::pointer::Pointer;

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// What the generator decided that the spec does not say, e.g. a
    /// pagination guessed from a response's shape, so it can be checked
    /// and overridden.
    Note,
    /// Generation goes on; the output may ignore part of the spec.
    Warning,
    /// Generation cannot produce correct code.
    Error,
}

/// One problem in one place of a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Whether generation can go on.
    pub severity: Severity,
    /// The spec file, as the caller named it.
    pub file: String,
    /// JSON pointer (RFC 6901) to the offending node, e.g. `/paths/~1pets/get`.
    pub pointer: String,
    /// Where the node is in the file, if found.
    pub location: Option<Location>,
    /// What is wrong, and what to do about it where that is not obvious.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.location {
            Some(Location { line, column }) => write!(
                f,
                "{level}: {}\n  --> {}:{line}:{column} (#{})",
                self.message, self.file, self.pointer
            ),
            None => write!(
                f,
                "{level}: {}\n  --> {}#{}",
                self.message, self.file, self.pointer
            ),
        }
    }
}

/// The diagnostics collected while processing one spec.
///
/// Pointers name places in the document the model is built from, which may
/// have been assembled from several files (`$ref`s to other files) or
/// converted (Swagger 2.0). Each [`Origin`] says where a part of it came
/// from, so a diagnostic names the file and the node the spec author wrote.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
    origins: Vec<Origin>,
}

/// The part of the built document under `at` came from `file` (a label of
/// [`Diagnostics::locate`]'s sources), under `from` there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub at: String,
    pub file: String,
    pub from: String,
}

impl Diagnostics {
    pub(crate) fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            items: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// Empty diagnostics of the same document: the same file, and the same
    /// origins of its parts.
    #[cfg(feature = "lint")]
    pub(crate) fn empty_like(&self) -> Self {
        Self {
            file: self.file.clone(),
            items: Vec::new(),
            origins: self.origins.clone(),
        }
    }

    /// The spec file these diagnostics are about, as the caller named it.
    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// Records that the node at `at` came from `file`, at `from` there.
    pub(crate) fn origin(&mut self, at: &Pointer, file: &str, from: &Pointer) {
        self.origins.push(Origin {
            at: at.to_string(),
            file: file.to_owned(),
            from: from.to_string(),
        });
    }

    pub(crate) fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Severity::Error, pointer, message.into());
    }

    pub(crate) fn note(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Severity::Note, pointer, message.into());
    }

    pub(crate) fn warning(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Severity::Warning, pointer, message.into());
    }

    /// An error at `pointer` whose location the parser may have reported.
    pub(crate) fn error_at(
        &mut self,
        pointer: &Pointer,
        location: Option<Location>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, pointer, message.into());
        if let Some(last) = self.items.last_mut() {
            last.location = location;
        }
    }

    fn push(&mut self, severity: Severity, pointer: &Pointer, message: String) {
        self.items.push(Diagnostic {
            severity,
            file: self.file.clone(),
            pointer: pointer.to_string(),
            location: None,
            message,
        });
    }

    /// Moves every diagnostic to the file and node its pointer came from,
    /// then finds `line:column` in that file's text (`sources`: label and
    /// text) for every diagnostic that has none.
    pub(crate) fn locate(&mut self, sources: &[(&str, &str)]) {
        self.locate_with(sources, &[]);
    }

    /// [`locate`](Self::locate), and where each of `also` (pointers into
    /// the built document) was written, placed in the same pass over each
    /// file: its file, pointer there and `line:column`.
    pub(crate) fn locate_with(
        &mut self,
        sources: &[(&str, &str)],
        also: &[String],
    ) -> Vec<(String, String, Option<Location>)> {
        let mut pending: Vec<String> = self.items.iter().map(|d| d.pointer.clone()).collect();
        let own = pending.len();
        pending.extend(also.iter().cloned());
        let mut placed = self.place(&pending, sources);
        let also_placed = placed.split_off(own);
        for (item, (file, pointer, location)) in self.items.iter_mut().zip(placed) {
            item.file = file;
            item.pointer = pointer;
            item.location = item.location.or(location);
        }
        // In file order, as a reader fixes them; unlocated ones last.
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let (line, column) = d
                    .location
                    .map_or((usize::MAX, usize::MAX), |l| (l.line, l.column));
                (d.file != self.file, d.file.clone(), line, column)
            };
            key(a).cmp(&key(b))
        });
        also_placed
    }

    /// Where each node of the built document was written: the file, the
    /// pointer there and, if the file's text (one of `sources`: label and
    /// text) has it, `line:column`.
    pub(crate) fn place(
        &self,
        pointers: &[String],
        sources: &[(&str, &str)],
    ) -> Vec<(String, String, Option<Location>)> {
        let mut placed: Vec<(String, String, Option<Location>)> = pointers
            .iter()
            .map(|pointer| {
                let (file, pointer) = self.written_at(pointer);
                (file, pointer, None)
            })
            .collect();
        for (file, text) in sources {
            let pending: Vec<usize> = (0..placed.len())
                .filter(|&i| placed[i].0 == *file)
                .collect();
            // A clean run never parses a text a second time.
            if pending.is_empty() {
                continue;
            }
            let pointers: Vec<&str> = pending.iter().map(|&i| placed[i].1.as_str()).collect();
            let locations = locate(text, &pointers);
            for (i, location) in pending.into_iter().zip(locations) {
                placed[i].2 = location;
            }
        }
        placed
    }

    /// The file and pointer where the node at `pointer` of the built
    /// document was written.
    pub(crate) fn written_at(&self, pointer: &str) -> (String, String) {
        let origin = self
            .origins
            .iter()
            .filter(|o| under(pointer, &o.at))
            .max_by_key(|o| o.at.len());
        match origin {
            Some(origin) => (
                origin.file.clone(),
                format!("{}{}", origin.from, &pointer[origin.at.len()..]),
            ),
            None => (self.file.clone(), pointer.to_owned()),
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// Whether `pointer` is `prefix` or a node below it.
fn under(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Generation failed; every problem found is listed, not only the first.
#[derive(Debug)]
#[non_exhaustive]
pub struct Failure {
    /// Every problem, errors and warnings, each located.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(f, "generation failed with {errors} error(s)")
    }
}

impl std::error::Error for Failure {}

impl Failure {
    /// A failure of the generator itself (or of writing its output), not
    /// of a spec: one error without a location.
    pub(crate) fn internal(message: String) -> Failure {
        Failure {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                file: String::new(),
                pointer: String::new(),
                location: None,
                message,
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        let p = Pointer::root().join("paths").join("/a/{b}").join("x~y");
        assert_eq!(p.to_string(), "/paths/~1a~1{b}/x~0y");
    }
}
