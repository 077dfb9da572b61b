//! Problems found in a spec, each located by a JSON pointer into the document.
//!
//! Every stage reports through [`Diagnostics`] instead of returning at the first
//! problem, so one run shows a spec author everything that needs fixing.

use std::fmt;

use crate::locate::{Location, locate};

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the output may ignore part of the spec.
    Warning,
    /// Generation cannot produce correct code.
    Error,
}

/// One problem in one place of a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The spec file, as the caller named it.
    pub file: String,
    /// JSON pointer (RFC 6901) to the offending node, e.g. `/paths/~1pets/get`.
    pub pointer: String,
    /// Where the node is in the file, if found.
    pub location: Option<Location>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
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
#[derive(Debug, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            items: Vec::new(),
        }
    }

    pub fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Severity::Error, pointer, message.into());
    }

    pub fn warning(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Severity::Warning, pointer, message.into());
    }

    /// An error at `pointer` whose location the parser may have reported.
    pub fn error_at(
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

    /// Finds `line:column` in `text` for every diagnostic that has none.
    pub fn locate_in(&mut self, text: &str) {
        let pending: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].location.is_none())
            .collect();
        let pointers: Vec<&str> = pending
            .iter()
            .map(|&i| self.items[i].pointer.as_str())
            .collect();
        let locations = locate(text, &pointers);
        for (i, location) in pending.into_iter().zip(locations) {
            self.items[i].location = location;
        }
        // In file order, as a reader fixes them; unlocated ones last.
        self.items.sort_by_key(|d| {
            d.location
                .map_or((usize::MAX, usize::MAX), |l| (l.line, l.column))
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// A JSON pointer under construction. Tokens are escaped when pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Self(String::new())
    }

    /// This pointer extended by one reference token.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{token}", self.0))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
