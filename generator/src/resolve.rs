//! The one place a `$ref` is followed, for every kind of component.
//!
//! A reference names a document and a JSON pointer into it. References to
//! `#/components/<kind>/<name>` are looked up in the typed document; any
//! other pointer (`#/components/schemas/A/properties/b`, `#/paths/...`) is
//! followed in the raw document kept from parsing and the node found is read
//! as the kind expected. Chains of references are followed up to
//! [`MAX_CHAIN`] links. [`Resolver::document`] is the seam where other files
//! will plug in: today only the spec itself is a document.

use std::borrow::Cow;
use std::fmt;

use openapiv3::{Components, OpenAPI, ReferenceOr};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::pointer::Pointer;

/// A chain of references longer than this is taken for a cycle.
pub(crate) const MAX_CHAIN: usize = 64;

/// A kind of object that `components` holds and a `$ref` may name.
pub(crate) trait Component: Clone + DeserializeOwned {
    /// Its key under `components`, e.g. `schemas`.
    const KIND: &'static str;
    fn entries(components: &Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($type:ty, $kind:literal, $field:ident) => {
        impl Component for $type {
            const KIND: &'static str = $kind;
            fn entries(c: &Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>> {
                &c.$field
            }
        }
    };
}

component!(openapiv3::Schema, "schemas", schemas);
component!(openapiv3::Parameter, "parameters", parameters);
component!(openapiv3::RequestBody, "requestBodies", request_bodies);
component!(openapiv3::Response, "responses", responses);
component!(openapiv3::Header, "headers", headers);
component!(openapiv3::Example, "examples", examples);
component!(
    openapiv3::SecurityScheme,
    "securitySchemes",
    security_schemes
);

/// Why a reference could not be followed. `Display` is the message a spec
/// author reads, with the reference quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RefError {
    /// The reference names another file or a URL, which bundling has
    /// already reported (see [`crate::bundle`]).
    External(String),
    /// `#/components/<kind>/<name>` with no such entry.
    NoEntry {
        reference: String,
        kind: &'static str,
    },
    /// A pointer to no node of the document.
    Nothing(String),
    /// The node is not of the kind expected.
    WrongKind {
        reference: String,
        kind: &'static str,
        reason: String,
    },
    /// The chain of references does not end.
    Cycle(String),
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefError::External(r) => write!(f, "`$ref: {r}` names a file that could not be read"),
            RefError::NoEntry { reference, kind } => write!(
                f,
                "`$ref: {reference}` does not name an entry of components/{kind}"
            ),
            RefError::Nothing(r) => write!(f, "`$ref: {r}` points at nothing in this document"),
            RefError::WrongKind {
                reference,
                kind,
                reason,
            } => write!(
                f,
                "`$ref: {reference}` does not point at an entry fit for components/{kind}: {reason}"
            ),
            RefError::Cycle(r) => write!(
                f,
                "`$ref: {r}` leads through more than {MAX_CHAIN} references: a cycle, or a chain too long"
            ),
        }
    }
}

/// What a reference led to, and where it is.
pub(crate) struct Resolved<'s, T: Clone> {
    pub item: Cow<'s, T>,
    /// The node the item was read from.
    pub at: Pointer,
}

/// Follows references within one spec.
#[derive(Clone, Copy)]
pub(crate) struct Resolver<'a> {
    doc: &'a OpenAPI,
    raw: &'a serde_json::Value,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(doc: &'a OpenAPI, raw: &'a serde_json::Value) -> Self {
        Self { doc, raw }
    }

    /// The item `item` is, or leads to through references. `at` is where
    /// `item` itself is.
    pub(crate) fn resolve<'s, T: Component>(
        &self,
        item: &'s ReferenceOr<T>,
        at: &Pointer,
    ) -> Result<Resolved<'s, T>, RefError>
    where
        'a: 's,
    {
        let mut current: Cow<'s, ReferenceOr<T>> = Cow::Borrowed(item);
        let mut current_at = at.clone();
        for _ in 0..MAX_CHAIN {
            let reference = match current {
                Cow::Borrowed(ReferenceOr::Item(item)) => {
                    return Ok(Resolved {
                        item: Cow::Borrowed(item),
                        at: current_at,
                    });
                }
                Cow::Owned(ReferenceOr::Item(item)) => {
                    return Ok(Resolved {
                        item: Cow::Owned(item),
                        at: current_at,
                    });
                }
                Cow::Borrowed(ReferenceOr::Reference { reference }) => reference.clone(),
                Cow::Owned(ReferenceOr::Reference { reference }) => reference,
            };
            let (next, next_at) = self.follow::<T>(&reference)?;
            current = next;
            current_at = next_at;
        }
        let reference = match item {
            ReferenceOr::Reference { reference } => reference.clone(),
            ReferenceOr::Item(_) => String::new(),
        };
        Err(RefError::Cycle(reference))
    }

    /// The node one reference points at, read as a `T` or another reference.
    fn follow<T: Component>(
        &self,
        reference: &str,
    ) -> Result<(Cow<'a, ReferenceOr<T>>, Pointer), RefError> {
        let (document, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let Some(raw) = self.document(document) else {
            return Err(RefError::External(reference.to_owned()));
        };
        let tokens = pointer_tokens(fragment);
        let at = Pointer::from_tokens(&tokens);
        if let ["components", kind, name] =
            tokens.iter().map(String::as_str).collect::<Vec<_>>()[..]
            && kind == T::KIND
        {
            let entry = self
                .doc
                .components
                .as_ref()
                .and_then(|c| T::entries(c).get(name));
            return match entry {
                Some(entry) => Ok((Cow::Borrowed(entry), at)),
                None => Err(RefError::NoEntry {
                    reference: reference.to_owned(),
                    kind: T::KIND,
                }),
            };
        }
        let node = tokens
            .iter()
            .try_fold(raw, |node, token| child(node, token))
            .ok_or_else(|| RefError::Nothing(reference.to_owned()))?;
        let item = ReferenceOr::<T>::deserialize(node).map_err(|e| RefError::WrongKind {
            reference: reference.to_owned(),
            kind: T::KIND,
            reason: e.to_string(),
        })?;
        Ok((Cow::Owned(item), at))
    }

    /// The node at `pointer` in the spec's raw document.
    pub(crate) fn raw_node(&self, pointer: &Pointer) -> Option<&'a serde_json::Value> {
        self.raw.pointer(&pointer.to_string())
    }

    /// Follows a local reference to any node and reads it as a `T` (for
    /// nodes `components` has no map of, such as path items).
    pub(crate) fn resolve_node<T: DeserializeOwned>(
        &self,
        reference: &str,
    ) -> Result<(T, Pointer), RefError> {
        let fragment = reference
            .strip_prefix('#')
            .ok_or_else(|| RefError::External(reference.to_owned()))?;
        let tokens = pointer_tokens(fragment);
        let at = Pointer::from_tokens(&tokens);
        let node = tokens
            .iter()
            .try_fold(self.raw, |node, token| child(node, token))
            .ok_or_else(|| RefError::Nothing(reference.to_owned()))?;
        let item = T::deserialize(node).map_err(|e| RefError::WrongKind {
            reference: reference.to_owned(),
            kind: "pathItems",
            reason: e.to_string(),
        })?;
        Ok((item, at))
    }

    /// The raw document a reference's part before `#` names: the spec
    /// itself for an empty one. Other files are not read (yet).
    fn document(&self, name: &str) -> Option<&'a serde_json::Value> {
        name.is_empty().then_some(self.raw)
    }
}

/// The pointer a local reference to `#/components/<kind>/<name>` names, in
/// canonical form; `None` for any other reference.
pub(crate) fn component_pointer(reference: &str, kind: &str) -> Option<Pointer> {
    let fragment = reference.strip_prefix('#')?;
    match &pointer_tokens(fragment)[..] {
        [components, k, name] if components == "components" && k == kind => {
            Some(Pointer::root().join("components").join(kind).join(name))
        }
        _ => None,
    }
}

/// The unescaped reference tokens of a URI fragment holding a JSON pointer
/// (`/paths/~1pets~1%7Bid%7D` gives `paths`, `/pets/{id}`).
pub(crate) fn pointer_tokens(fragment: &str) -> Vec<String> {
    crate::pointer::tokens(&percent_decode(fragment))
}

fn child<'v>(node: &'v serde_json::Value, token: &str) -> Option<&'v serde_json::Value> {
    match node {
        serde_json::Value::Object(map) => map.get(token),
        serde_json::Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    }
}

/// `%XX` escapes decoded; anything else, malformed escapes included, kept.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use openapiv3::{Parameter, Schema};

    fn document(yaml: &str) -> (OpenAPI, serde_json::Value) {
        let raw: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
        (serde_json::from_value(raw.clone()).unwrap(), raw)
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets/{id}:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: integer}}}}
components:
  schemas:
    A: {type: object, properties: {b: {type: string}}}
    Alias: {$ref: '#/components/schemas/A'}
    Loop1: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop1'}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
"#;

    fn reference<T>(r: &str) -> ReferenceOr<T> {
        ReferenceOr::Reference {
            reference: r.to_owned(),
        }
    }

    #[test]
    fn components_chains_and_inner_pointers_resolve() {
        let (doc, raw) = document(SPEC);
        let resolver = Resolver::new(&doc, &raw);
        let at = Pointer::root().join("here");
        let alias_ref = reference::<Schema>("#/components/schemas/Alias");
        let alias = resolver.resolve(&alias_ref, &at).unwrap();
        assert_eq!(alias.at.to_string(), "/components/schemas/A");
        assert!(matches!(alias.item, Cow::Borrowed(_)));
        let inner_ref = reference::<Schema>("#/components/schemas/A/properties/b");
        let inner = resolver.resolve(&inner_ref, &at).unwrap();
        assert_eq!(inner.at.to_string(), "/components/schemas/A/properties/b");
        let escaped = reference::<Schema>(
            "#/paths/~1pets~1%7Bid%7D/get/responses/200/content/application~1json/schema",
        );
        let in_path = resolver.resolve(&escaped, &at).unwrap();
        assert_eq!(
            in_path.at.to_string(),
            "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"
        );
        let limit_ref = reference::<Parameter>("#/components/parameters/Limit");
        let limit = resolver.resolve(&limit_ref, &at).unwrap();
        assert_eq!(limit.item.parameter_data_ref().name, "limit");
    }

    #[test]
    fn every_failure_has_its_message() {
        let (doc, raw) = document(SPEC);
        let resolver = Resolver::new(&doc, &raw);
        let at = Pointer::root();
        let message = |r: &str| {
            let item = reference::<Parameter>(r);
            let error = resolver.resolve(&item, &at).err().unwrap();
            error.to_string()
        };
        assert_eq!(
            message("#/components/parameters/Nope"),
            "`$ref: #/components/parameters/Nope` does not name an entry of components/parameters"
        );
        assert_eq!(
            message("other.yaml#/Limit"),
            "`$ref: other.yaml#/Limit` names a file that could not be read"
        );
        assert_eq!(
            message("#/components/nothing/here"),
            "`$ref: #/components/nothing/here` points at nothing in this document"
        );
        assert!(
            message("#/info").starts_with(
                "`$ref: #/info` does not point at an entry fit for components/parameters: "
            ),
            "{}",
            message("#/info")
        );
        let loop_ref = reference::<Schema>("#/components/schemas/Loop1");
        let cycle = resolver.resolve(&loop_ref, &at).err().unwrap();
        assert_eq!(
            cycle.to_string(),
            "`$ref: #/components/schemas/Loop1` leads through more than 64 references: a cycle, or a chain too long"
        );
    }
}
