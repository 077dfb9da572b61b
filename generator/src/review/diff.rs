//! What every part of a comparison shares: the two models and documents,
//! which old type became which new one, where each type travels, and the
//! changes found so far.

use std::collections::HashMap;

use serde_json::Value;

use super::kind::ChangeKind;
use super::{Change, Place, RustImpact, WireImpact};
use crate::emit::surface;
use crate::model::{Api, Direction, TypeId, TypeRef};

// The review's reading of where a type travels.
impl Direction {
    /// The wire verdict of a change that breaks old clients when the type is
    /// sent (`request`) or read (`response`), and is harmless otherwise.
    pub(crate) fn verdict(self, breaks_requests: bool, breaks_responses: bool) -> WireImpact {
        if (self.request && breaks_requests) || (self.response && breaks_responses) {
            WireImpact::Breaking
        } else if self.request || self.response {
            WireImpact::Compatible
        } else {
            // Used by no operation: nothing travels.
            WireImpact::None
        }
    }
}

/// Two models of one spec being compared.
pub(super) struct Diff<'a> {
    pub old: &'a Api,
    pub new: &'a Api,
    pub old_raw: &'a Value,
    pub new_raw: &'a Value,
    /// Each old type matched to the new type it became.
    pub types: HashMap<TypeId, TypeId>,
    pub old_directions: HashMap<TypeId, Direction>,
    pub new_directions: HashMap<TypeId, Direction>,
    /// The changes so far, their places holding pointers into the built
    /// documents until the review places them in the files.
    pub found: Vec<Change>,
}

impl Diff<'_> {
    pub(super) fn push(
        &mut self,
        kind: ChangeKind,
        (rust, wire): (RustImpact, WireImpact),
        summary: String,
        spec: String,
        (old, new): (Option<&str>, Option<&str>),
    ) {
        self.found.push(Change {
            kind,
            rust,
            wire,
            summary,
            spec,
            old: old.map(Place::unplaced),
            new: new.map(Place::unplaced),
        });
    }

    /// An item deprecated (`minor`: a new warning) or no longer deprecated
    /// (`patch`), told as `{rust} is now `#[deprecated]`` and `{spec}
    /// deprecated`; nothing if its deprecation did not change.
    pub(super) fn deprecation(
        &mut self,
        (was, now): (bool, bool),
        (deprecated, undeprecated): (ChangeKind, ChangeKind),
        (rust, spec): (&str, &str),
        at: (Option<&str>, Option<&str>),
    ) {
        let (kind, rust_impact, summary, spec) = match (was, now) {
            (false, true) => (
                deprecated,
                RustImpact::Minor,
                format!("{rust} is now `#[deprecated]`"),
                format!("{spec} deprecated"),
            ),
            (true, false) => (
                undeprecated,
                RustImpact::Patch,
                format!("{rust} is no longer `#[deprecated]`"),
                format!("{spec} no longer deprecated"),
            ),
            _ => return,
        };
        self.push(kind, (rust_impact, WireImpact::DocsOnly), summary, spec, at);
    }

    /// Whether an old type reference and a new one name the same Rust type,
    /// a renamed graph type counting as the same.
    pub(super) fn same_type(&self, old: &TypeRef, new: &TypeRef) -> bool {
        match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) => self.types.get(a) == Some(b),
            (TypeRef::List(a), TypeRef::List(b))
            | (TypeRef::Map(a), TypeRef::Map(b))
            | (TypeRef::Nullable(a), TypeRef::Nullable(b)) => self.same_type(a, b),
            (a, b) => a == b,
        }
    }

    pub(super) fn old_text(&self, ty: &TypeRef) -> String {
        surface::type_text(ty, &self.old.types)
    }

    pub(super) fn new_text(&self, ty: &TypeRef) -> String {
        surface::type_text(ty, &self.new.types)
    }

    /// Where the old and the new type of a matched pair travel, together.
    pub(super) fn direction(&self, old: TypeId, new: TypeId) -> Direction {
        let old = self.old_directions.get(&old).copied().unwrap_or_default();
        let new = self.new_directions.get(&new).copied().unwrap_or_default();
        old.union(new)
    }

    /// A documentation edit: `patch` in Rust, `docs-only` on the wire.
    pub(super) fn docs(&mut self, kind: ChangeKind, what: String, spec: String, at: (&str, &str)) {
        self.push(
            kind,
            (RustImpact::Patch, WireImpact::DocsOnly),
            format!("docs of {what} changed"),
            spec,
            (Some(at.0), Some(at.1)),
        );
    }
}
