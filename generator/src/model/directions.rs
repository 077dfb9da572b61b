//! Where each type travels: sent in requests, read from responses, or both.
//! The passes that depend on direction (read-only and write-only
//! requirements, double `Option`s) and the spec-change review read it here.

use std::collections::{BTreeSet, HashMap};

use super::graph::TypeId;
use super::{Api, Body, EventData};

/// Where a type travels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Direction {
    /// In a request: a parameter or a request body.
    pub request: bool,
    /// In a response body (success or error) or an event.
    pub response: bool,
}

impl Direction {
    /// Sent in requests only.
    pub(crate) const REQUEST: Direction = Direction {
        request: true,
        response: false,
    };
    /// Read from responses only.
    #[cfg(feature = "lint")]
    pub(crate) const RESPONSE: Direction = Direction {
        request: false,
        response: true,
    };

    /// Travelling wherever either does.
    pub(crate) fn union(self, other: Direction) -> Direction {
        Direction {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

/// Where each graph type travels: every type reachable from a parameter or
/// request body is sent, every type reachable from a response is read. A
/// type no operation reaches is absent.
pub(crate) fn directions(api: &Api) -> HashMap<TypeId, Direction> {
    let mut sent = Vec::new();
    let mut read = Vec::new();
    for op in &api.operations {
        for p in &op.parameters {
            p.ty.visit_named(&mut |id| sent.push(id));
        }
        for content in op.body.iter().flat_map(|b| &b.content) {
            if let Some(ty) = content.kind.schema_type() {
                ty.visit_named(&mut |id| sent.push(id));
            }
        }
        for case in op.success.cases.iter().chain(&op.errors.cases) {
            if let Body::Json(ty) = &case.body {
                ty.visit_named(&mut |id| read.push(id));
            }
            if let Some(EventData::Json(ty)) = &case.events {
                ty.visit_named(&mut |id| read.push(id));
            }
        }
    }
    let mut directions: HashMap<TypeId, Direction> = HashMap::new();
    for (roots, request) in [(sent, true), (read, false)] {
        for id in reachable(api, roots) {
            let entry = directions.entry(id).or_default();
            if request {
                entry.request = true;
            } else {
                entry.response = true;
            }
        }
    }
    directions
}

/// `roots` and every graph type inside them, at any depth.
pub(crate) fn reachable(api: &Api, roots: Vec<TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(def) = api.types.get(id) {
            for member in def.kind.members() {
                member.visit_named(&mut |inner| stack.push(inner));
            }
        }
    }
    seen
}
