//! Path templates (`/pets/{id}`, `/v1/{name}:cancel`), parsed once.
//!
//! The model parses every operation's path here and maps each placeholder to
//! the parameter that fills it; the emitters read the mapped template. No
//! other code splits a path.

use std::fmt;

/// A path split at `/` into segments of literal text and placeholders.
/// Empty segments (`//`, a trailing `/`) are dropped, as URL joining would.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct PathTemplate<P = String> {
    segments: Vec<Vec<Part<P>>>,
}

/// One piece of a segment: `v1`, `{name}`, `:cancel`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Part<P> {
    Literal(String),
    /// A `{placeholder}`: its name, or once mapped, what fills it.
    Placeholder(P),
}

/// Why a path is not a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TemplateError {
    /// A `{` with no `}` before the next `{` or the end of its segment.
    Unclosed,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Unclosed => f.write_str("has an unclosed `{`"),
        }
    }
}

impl PathTemplate<String> {
    pub(crate) fn parse(path: &str) -> Result<Self, TemplateError> {
        let mut segments = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                if open > 0 {
                    parts.push(Part::Literal(rest[..open].to_owned()));
                }
                let inside = &rest[open + 1..];
                let close = inside.find('}').ok_or(TemplateError::Unclosed)?;
                if inside[..close].contains('{') {
                    return Err(TemplateError::Unclosed);
                }
                parts.push(Part::Placeholder(inside[..close].to_owned()));
                rest = &inside[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(Part::Literal(rest.to_owned()));
            }
            segments.push(parts);
        }
        Ok(Self { segments })
    }

    /// The placeholder names in order of appearance, each once.
    pub(crate) fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for part in self.segments.iter().flatten() {
            if let Part::Placeholder(name) = part
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }
}

impl<P> Default for PathTemplate<P> {
    /// The root path, `/`.
    fn default() -> Self {
        Self {
            segments: Vec::new(),
        }
    }
}

impl<P> PathTemplate<P> {
    pub(crate) fn segments(&self) -> &[Vec<Part<P>>] {
        &self.segments
    }

    /// The same template with each placeholder replaced by `fill(name)`;
    /// `None` if `fill` has nothing for one of them.
    pub(crate) fn map<Q>(&self, mut fill: impl FnMut(&P) -> Option<Q>) -> Option<PathTemplate<Q>> {
        let segments = self
            .segments
            .iter()
            .map(|parts| {
                parts
                    .iter()
                    .map(|part| match part {
                        Part::Literal(text) => Some(Part::Literal(text.clone())),
                        Part::Placeholder(p) => fill(p).map(Part::Placeholder),
                    })
                    .collect()
            })
            .collect::<Option<_>>()?;
        Some(PathTemplate { segments })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(path: &str) -> Vec<Vec<Part<String>>> {
        PathTemplate::parse(path).unwrap().segments
    }

    fn lit(text: &str) -> Part<String> {
        Part::Literal(text.to_owned())
    }

    fn ph(name: &str) -> Part<String> {
        Part::Placeholder(name.to_owned())
    }

    #[test]
    fn segments_mix_literals_and_placeholders() {
        assert_eq!(
            parts("/v1/{name}:cancel/x{a}y{b}"),
            vec![
                vec![lit("v1")],
                vec![ph("name"), lit(":cancel")],
                vec![lit("x"), ph("a"), lit("y"), ph("b")],
            ]
        );
    }

    #[test]
    fn empty_segments_are_dropped() {
        assert_eq!(parts("//a//b/"), vec![vec![lit("a")], vec![lit("b")]]);
        assert_eq!(parts("/"), Vec::<Vec<Part<String>>>::new());
    }

    #[test]
    fn placeholders_come_in_order_each_once() {
        let template = PathTemplate::parse("/x/{a}/{b}/{a}").unwrap();
        assert_eq!(template.placeholders(), ["a", "b"]);
    }

    #[test]
    fn malformed_templates_are_errors() {
        assert_eq!(PathTemplate::parse("/a/{b"), Err(TemplateError::Unclosed));
        assert_eq!(
            PathTemplate::parse("/a/{b/c}"),
            Err(TemplateError::Unclosed)
        );
        assert_eq!(
            PathTemplate::parse("/a/{b{c}"),
            Err(TemplateError::Unclosed)
        );
        // A stray closing brace is literal text.
        assert_eq!(parts("/a}"), vec![vec![lit("a}")]]);
    }

    #[test]
    fn mapping_fills_placeholders_or_fails() {
        let template = PathTemplate::parse("/a/{x}/{y}").unwrap();
        let mapped = template.map(|name| (name == "x").then_some(0)).is_none();
        assert!(mapped, "y has no filler");
        let mapped = template.map(|name| Some(name.len())).unwrap();
        assert_eq!(mapped.segments()[1], vec![Part::Placeholder(1)]);
    }
}
